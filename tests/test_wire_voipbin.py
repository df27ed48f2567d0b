"""The VoIPbin campaign resource: round trips, strict errors, status and hangups."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from campaignkit import (
    CallOutcome,
    Campaign,
    CampaignGroup,
    CampaignStatus,
    CampaignType,
    DecodeError,
    EndHandle,
    GroupStatus,
    ValidationError,
)
from campaignkit.wire import voipbin as w

SEED = json.loads(
    (Path(__file__).parent / "data" / "voipbin_campaign.json").read_text()
)
CAMPAIGN_ID = "183c0d5c-691e-42f3-af2b-9bffc2740f83"
HUGE = 10**5000  # over Python's 4300-digit limit: repr() of it raises ValueError
QUEUE_ID = "99bf739a-932f-433c-b1bf-103d33d7e9bb"


def seed() -> dict[str, Any]:
    return copy.deepcopy(SEED)


def with_value(key: str, value: Any) -> dict[str, Any]:
    payload = seed()
    payload[key] = value
    return payload


def test_seed_round_trips_exactly() -> None:
    """The seed example encodes back to the same JSON, keys in the same order."""
    encoded = w.encode_campaign(*w.decode_campaign(seed()))
    assert encoded == SEED
    assert list(encoded.items()) == list(SEED.items())
    assert json.dumps(encoded) == json.dumps(SEED)


def test_seed_maps_onto_campaign_and_group() -> None:
    """Campaign fields go on the Campaign; the group is named by the campaign id."""
    campaign, group = w.decode_campaign(seed())
    assert campaign.id == CAMPAIGN_ID
    assert campaign.type is CampaignType.CALL
    assert campaign.detail == "test campaign detail"
    assert campaign.service_level == 100
    assert campaign.end_handle is EndHandle.STOP
    assert campaign.queue_id == QUEUE_ID
    assert campaign.next_campaign_id is None
    assert (group.name, group.campaign_name, group.group_name) == (
        CAMPAIGN_ID,
        "test campaign",
        QUEUE_ID,
    )


def test_seed_vendor_data_keeps_actions_ids_and_times() -> None:
    """Actions are frozen; outplan/outdial ids and tm_* strings are kept exactly."""
    campaign, _ = w.decode_campaign(seed())
    vendor = campaign.vendor_data
    assert vendor["actions"][0]["option"]["language"] == "en-US"
    assert vendor["outplan_id"] == "d5fb7357-7ddb-4f2d-87b5-8ccbfd6c039e"
    assert vendor["tm_create"] == "2022-04-28 02:16:39.712142"
    assert vendor["tm_delete"] == w.NOT_DELETED
    assert isinstance(hash(campaign), int)


@pytest.mark.parametrize(
    ("wire", "group_status", "campaign_status"),
    [
        ("run", GroupStatus.RUNNING, CampaignStatus.MANUAL_RUNNING),
        ("stopping", GroupStatus.ACTIVE, CampaignStatus.MANUAL_PAUSED),
        ("stop", GroupStatus.INACTIVE, CampaignStatus.MANUAL_PAUSED),
    ],
)
def test_status_maps_to_group_and_campaign(
    wire: str, group_status: GroupStatus, campaign_status: CampaignStatus
) -> None:
    """run/stopping/stop are the group's RUNNING/ACTIVE/INACTIVE, and back."""
    payload = with_value("status", wire)
    campaign, group = w.decode_campaign(payload)
    assert (group.status, campaign.status) == (group_status, campaign_status)
    assert w.encode_campaign(campaign, group) == payload


@pytest.mark.parametrize(
    ("group_status", "wire"),
    [
        (GroupStatus.WAITING_UNLOAD, "stopping"),
        (GroupStatus.UNLOAD_IN_PROGRESS, "stopping"),
        (GroupStatus.NOT_LOADED, "stop"),
    ],
)
def test_a_group_unloading_or_unloaded_is_stopping_or_stopped(
    group_status: GroupStatus, wire: str
) -> None:
    """Genesys states VoIPbin lacks are written as the page's nearest status.

    "stopping: The campaign is being stop. Waiting for dialing/process call's
    termination." / "stop: The campaign stopped." The wire reads back the same.
    """
    campaign, group = w.decode_campaign(with_value("status", "run"))
    body = w.encode_campaign(campaign, attrs.evolve(group, status=group_status))
    assert body["status"] == wire
    again = w.encode_campaign(*w.decode_campaign(body))
    assert json.dumps(again) == json.dumps(body)


@pytest.mark.parametrize("key", ["outplan_id", "outdial_id", "queue_id"])
def test_the_nil_uuid_means_none(key: str) -> None:
    """The all-zero UUID decodes to None and encodes back to the all-zero UUID."""
    payload = with_value(key, w.NIL_UUID)
    campaign, group = w.decode_campaign(payload)
    if key == "queue_id":
        assert campaign.queue_id is None
        assert group.group_name == w.NIL_UUID
    else:
        assert campaign.vendor_data[key] is None
    assert w.encode_campaign(campaign, group) == payload


def test_unknown_keys_ride_along_and_come_back_last() -> None:
    """A key VoIPbin adds later is kept and written after the known keys."""
    payload = with_value("flow_id", None)
    encoded = w.encode_campaign(*w.decode_campaign(payload))
    assert list(encoded)[-1] == "flow_id"
    assert encoded == payload


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("id", "183C0D5C-691E-42F3-AF2B-9BFFC2740F83"),
        ("id", 183),
        ("type", "sms"),
        ("name", None),
        ("detail", 1),
        ("status", "running"),
        ("service_level", "100"),
        ("service_level", 100.0),
        ("service_level", True),
        ("service_level", 2**63),
        pytest.param("service_level", HUGE, id="service_level-huge"),
        pytest.param("service_level", -HUGE, id="service_level-huge-negative"),
        ("end_handle", "pause"),
        ("actions", {}),
        ("outplan_id", ""),
        ("queue_id", None),
        ("next_campaign_id", "none"),
        ("tm_create", "2022-04-28T02:16:39.712142"),
        ("tm_update", "2022-13-28 02:16:39.712142"),
        ("tm_delete", None),
    ],
)
def test_a_bad_value_names_the_wire_key_and_the_value(key: str, value: Any) -> None:
    """Wrong types, unknown enum values and malformed ids or times are refused."""
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(with_value(key, value))
    ((path, message),) = info.value.errors
    assert path == key
    if abs(value if type(value) is int else 0) < 10**100:
        assert repr(value) in message
    else:
        assert "<int of about" in message


def test_the_largest_service_level_round_trips() -> None:
    """2**63 - 1 is the largest wire integer; it is decoded and written back."""
    payload = with_value("service_level", 2**63 - 1)
    assert w.encode_campaign(*w.decode_campaign(payload)) == payload


@pytest.mark.parametrize(("value", "allowed"), [("", "non-empty")])
def test_a_name_the_models_refuse_is_reported_at_name(value: str, allowed: str) -> None:
    """An empty name is refused at name."""
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(with_value("name", value))
    ((path, message),) = info.value.errors
    assert path == "name"
    assert allowed in message


def test_a_negative_service_level_is_refused() -> None:
    """The model refuses a negative service level; the error names service_level."""
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(with_value("service_level", -1))
    assert info.value.errors[0][0] == "service_level"
    assert "-1" in str(info.value)


def test_missing_keys_and_wrong_shapes() -> None:
    """Every missing key is listed; a non-object names the expected keys."""
    payload = seed()
    del payload["type"]
    del payload["tm_delete"]
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(payload)
    assert [path for path, _ in info.value.errors] == ["type", "tm_delete"]
    with pytest.raises(DecodeError, match="id, type, name"):
        w.decode_campaign(["id"])


def test_a_hand_built_campaign_gets_the_documented_defaults() -> None:
    """Vendor-only keys absent from vendor_data take their defaults."""
    campaign = Campaign(id=CAMPAIGN_ID, name="Renewals", queue_id=QUEUE_ID)
    group = CampaignGroup(
        campaign_name="Renewals", group_name=QUEUE_ID, status=GroupStatus.RUNNING
    )
    assert w.encode_campaign(campaign, group) == {
        "id": CAMPAIGN_ID,
        "type": "call",
        "name": "Renewals",
        "detail": "",
        "status": "run",
        "service_level": 100,
        "end_handle": "stop",
        "actions": [],
        "outplan_id": w.NIL_UUID,
        "outdial_id": w.NIL_UUID,
        "queue_id": QUEUE_ID,
        "next_campaign_id": w.NIL_UUID,
        "tm_create": "",
        "tm_update": "",
        "tm_delete": w.NOT_DELETED,
    }


@pytest.mark.parametrize(
    ("campaign_changes", "group_status", "field"),
    [
        ({"id": "c1"}, GroupStatus.RUNNING, "id"),
        ({"queue_id": "q1"}, GroupStatus.RUNNING, "queue_id"),
        ({"next_campaign_id": "next"}, GroupStatus.RUNNING, "next_campaign_id"),
        (
            {"vendor_data": {"outplan_id": 5}},
            GroupStatus.RUNNING,
            "vendor_data['outplan_id']",
        ),
        (
            {"vendor_data": {"actions": "talk"}},
            GroupStatus.RUNNING,
            "vendor_data['actions']",
        ),
        (
            {"vendor_data": {"tm_create": "now"}},
            GroupStatus.RUNNING,
            "vendor_data['tm_create']",
        ),
        ({"service_level": 2**63}, GroupStatus.RUNNING, "service_level"),
        (
            {"vendor_data": {w.KEY_ORDER: "id"}},
            GroupStatus.RUNNING,
            f"vendor_data[{w.KEY_ORDER!r}]",
        ),
    ],
)
def test_encoding_refuses_what_voipbin_cannot_take(
    campaign_changes: dict[str, Any], group_status: GroupStatus, field: str
) -> None:
    """Non-UUID ids, mistyped vendor data or an unloaded group are a ValidationError."""
    campaign, group = w.decode_campaign(seed())
    campaign = attrs.evolve(campaign, **campaign_changes)
    group = attrs.evolve(group, status=group_status)
    with pytest.raises(ValidationError) as info:
        w.encode_campaign(campaign, group)
    assert info.value.field == field


# --- key order and vendor data that is not JSON -------------------------------------


def test_keys_in_another_order_come_back_in_that_order() -> None:
    """Swapped keys and a new key in the middle are written back byte for byte."""
    keys = list(SEED)
    keys[1], keys[2] = keys[2], keys[1]
    payload: dict[str, Any] = {}
    for key in keys:
        payload[key] = SEED[key]
        if key == "status":
            payload["status_reason"] = None
    campaign, group = w.decode_campaign(copy.deepcopy(payload))
    assert campaign.vendor_data[w.KEY_ORDER] == tuple(payload)
    assert json.dumps(w.encode_campaign(campaign, group)) == json.dumps(payload)


def test_the_seed_order_is_not_recorded() -> None:
    """A payload in the seed's order (new keys last) keeps no order entry."""
    campaign, _ = w.decode_campaign(with_value("flow_id", None))
    assert w.KEY_ORDER not in campaign.vendor_data


def test_a_key_named_like_the_order_entry_is_refused() -> None:
    """The $order name is reserved: a payload with it is a DecodeError there."""
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(with_value(w.KEY_ORDER, []))
    assert info.value.errors[0][0] == w.KEY_ORDER


def test_vendor_data_that_is_not_json_is_refused_at_its_path() -> None:
    """Non-string keys inside actions, or at the top, name where they are."""
    payload = seed()
    payload["actions"][0]["option"][3] = "x"
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(payload)
    assert info.value.errors[0][0] == "actions[0].option"
    with pytest.raises(DecodeError) as info:
        w.decode_campaign({**seed(), None: 1})
    assert info.value.errors[0][0] == "$"
    deep: Any = []
    for _ in range(100):
        deep = [deep]
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(with_value("actions", deep))
    assert info.value.errors[0][0].startswith("actions[0][0]")


@pytest.mark.parametrize("target", ["run", "stop"])
def test_status_request(target: str) -> None:
    """Only run and stop may be requested."""
    assert w.status_request(target) == {"status": target}


@pytest.mark.parametrize("target", ["stopping", "RUN", "", None, 1])
def test_status_request_refuses_anything_else(target: Any) -> None:
    """Stopping is reached, not requested; anything else is not a status."""
    with pytest.raises(ValidationError):
        w.status_request(target)


@pytest.mark.parametrize(
    ("reason", "outcome"),
    [
        ("normal", CallOutcome.SUCCESS),
        *[
            (r, CallOutcome.FAILURE)
            for r in (
                "failed",
                "busy",
                "cancel",
                "timeout",
                "noanswer",
                "dialout",
                "amd",
            )
        ],
        ("", CallOutcome.FAILURE),
        ("teleported", CallOutcome.FAILURE),
        ("NORMAL", CallOutcome.FAILURE),
        (None, CallOutcome.FAILURE),
        (7, CallOutcome.FAILURE),
    ],
)
def test_hangup_outcome(reason: Any, outcome: CallOutcome) -> None:
    """A normal hangup is a success; every other reason, known or not, is a failure."""
    assert w.hangup_outcome(reason) is outcome
