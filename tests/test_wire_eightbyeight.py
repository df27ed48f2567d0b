"""The 8x8 CC campaign status API: round trips, strict errors, URLs, credentials."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from campaignkit import (
    Campaign,
    CampaignStatus,
    DecodeError,
    RequestedStatus,
    RetrySettings,
    Schedule,
    TransitionNotAllowed,
    ValidationError,
)
from campaignkit.wire import eightbyeight as w

DATA = Path(__file__).parent / "data"
SEED = json.loads((DATA / "eightbyeight_campaign.json").read_text())
CHANGE = json.loads((DATA / "eightbyeight_status_change.json").read_text())
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))
HUGE = 10**5000  # over Python's 4300-digit limit: repr() of it raises ValueError


def seed() -> dict[str, Any]:
    return copy.deepcopy(SEED)


def with_value(key: str, value: Any) -> dict[str, Any]:
    payload = seed()
    payload["campaign"][key] = value
    return payload


def errors_of(payload: Any) -> tuple[tuple[str, str], ...]:
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(payload)
    return info.value.errors


# --- decoding the seed --------------------------------------------------------------


def test_seed_round_trips_exactly() -> None:
    """The seed response encodes back to the same JSON, keys in the same order."""
    encoded = w.encode_campaign(w.decode_campaign(seed()))
    assert encoded == SEED
    assert list(encoded["campaign"].items()) == list(SEED["campaign"].items())
    assert json.dumps(encoded) == json.dumps(SEED)


def test_seed_maps_onto_the_model() -> None:
    """Ids become strings, the status an enum, retries and times their model fields."""
    campaign = w.decode_campaign(seed())
    assert campaign.id == "6561"
    assert campaign.name == "My Callbacks"
    assert campaign.status is CampaignStatus.MANUAL_RUNNING
    assert campaign.queue_id == "598"
    assert campaign.retry == RetrySettings(
        retry_interval=30, max_retries=1, abandon_max_retries=None, max_ring_time=15
    )
    # "EST5EST" is POSIX-style: the daily window is read in America/New_York.
    assert campaign.schedule == Schedule(time_zone="America/New_York")
    assert campaign.status_since == dt.datetime(2022, 10, 17, 21, 31, 2, tzinfo=dt.UTC)


def test_seed_vendor_only_fields_are_kept_as_received() -> None:
    """Vendor-only keys keep their wire values: "Y", "", ints, the time string."""
    vendor = w.decode_campaign(seed()).vendor_data
    assert vendor["enabled"] == "Y"
    assert vendor["sequential"] == "N"
    assert vendor["caller-id"] == 13125555068
    assert vendor["actual-stop-time"] == ""
    assert vendor["actual-run-time"] == "2022-10-17T22:31:02+01:00"
    assert vendor["schedule-name"] == "'5-6pm Eastern'"
    assert vendor["timezone"] == "EST5EST"
    assert w.KEY_ORDER not in vendor
    assert w.ENVELOPE not in vendor
    assert isinstance(hash(w.decode_campaign(seed())), int)


def test_unknown_keys_ride_along_and_come_back_last() -> None:
    """A key the vendor adds later is kept, frozen, and written after the known keys."""
    payload = with_value("priority", {"level": [1, 2]})
    campaign = w.decode_campaign(payload)
    assert campaign.vendor_data["priority"]["level"] == (1, 2)
    encoded = w.encode_campaign(campaign)
    assert list(encoded["campaign"])[-1] == "priority"
    assert encoded == payload


def test_schedule_times_keep_their_offsets() -> None:
    """Start and end times decode aware and encode with the offset they came with."""
    payload = with_value("start-time", "2022-10-17T09:00:00-05:00")
    payload["campaign"]["daily-start-time"] = "09:30:00"
    campaign = w.decode_campaign(payload)
    assert campaign.schedule.start_time == dt.datetime(2022, 10, 17, 14, tzinfo=dt.UTC)
    assert campaign.schedule.daily_start == dt.time(9, 30)
    assert w.encode_campaign(campaign) == payload


@pytest.mark.parametrize(
    ("status", "key"),
    [(CampaignStatus.COMPLETED, "actual-stop-time"), (CampaignStatus.NEW, None)],
)
def test_status_since_follows_the_phase(
    status: CampaignStatus, key: str | None
) -> None:
    """A stopped campaign's status_since is its stop time; a new one has none."""
    payload = with_value("status", int(status))
    payload["campaign"]["actual-stop-time"] = "2022-10-18T08:00:00+01:00"
    campaign = w.decode_campaign(payload)
    expected = None if key is None else dt.datetime(2022, 10, 18, 7, tzinfo=dt.UTC)
    assert campaign.status_since == expected
    assert w.encode_campaign(campaign) == payload


# --- strict errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("campaign-id", "6561"),
        ("campaign-id", -1),
        ("campaign-id", True),
        ("campaign-id", ""),
        pytest.param("campaign-id", HUGE, id="campaign-id-huge"),
        ("campaign-id", 2**63),
        pytest.param("caller-id", HUGE, id="caller-id-huge"),
        pytest.param("caller-id", -HUGE, id="caller-id-huge-negative"),
        ("no-of-records", 2**63),
        ("queue-id", "598"),
        ("queue-id", 598.0),
        ("no-of-records", None),
        ("enabled", True),
        ("enabled", "y"),
        ("enabled", ""),
        ("sequential", "Yes"),
        ("status", 12),
        ("status", "3"),
        ("campaign-name", 5),
        ("timezone", None),
        ("start-time", "2022-10-17T22:31:02"),
        ("start-time", "2022-10-17T22:31:02Z"),
        ("actual-run-time", "yesterday"),
        ("actual-run-time", 1666042262),
        ("daily-end-time", "9:00"),
        ("daily-end-time", "09:00:00+01:00"),
        ("daily-end-time", 900),
        ("max-retry", "1"),
    ],
)
def test_a_bad_value_names_the_wire_key_and_the_value(key: str, value: Any) -> None:
    """Wrong types, unknown statuses and malformed times are refused, never coerced."""
    ((path, message),) = errors_of(with_value(key, value))
    assert path == key
    if abs(value if type(value) is int else 0) < 10**100:
        assert repr(value) in message
    else:
        assert "<int of about" in message


def test_a_value_the_model_refuses_names_the_wire_key() -> None:
    """An empty campaign name (the model refuses it) is reported at campaign-name."""
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(with_value("campaign-name", ""))
    assert info.value.errors[0][0] == "campaign-name"
    assert "''" in str(info.value)


def test_every_missing_key_is_reported() -> None:
    """Missing keys are all listed, each by its wire name."""
    payload = seed()
    del payload["campaign"]["campaign-id"]
    del payload["campaign"]["sequential"]
    assert [path for path, _ in errors_of(payload)] == ["campaign-id", "sequential"]


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ([], "$"),
        ({}, "$"),
        ({"other": 1}, "$"),
        ({"campaign": "x"}, "campaign"),
    ],
)
def test_a_bad_envelope_is_refused(payload: Any, path: str) -> None:
    """The response must be an object with a campaign object."""
    ((where, message),) = errors_of(payload)
    assert where == path
    assert "campaign" in message


@pytest.mark.parametrize(
    "extra",
    [
        {"meta": {"request-id": "abc", "n": [1, 2.5, None]}},
        {"links": [], "$order": 1},
    ],
)
@pytest.mark.parametrize("campaign_first", [True, False])
def test_extra_envelope_keys_round_trip(
    extra: dict[str, Any], campaign_first: bool
) -> None:
    """Keys 8x8 may add beside "campaign" are kept, in their order, and written back."""
    envelope = (
        {"campaign": SEED["campaign"], **extra}
        if campaign_first
        else {**extra, "campaign": SEED["campaign"]}
    )
    campaign = w.decode_campaign(copy.deepcopy(envelope))
    assert campaign.vendor_data[w.ENVELOPE]["campaign"] is None
    assert json.dumps(w.encode_campaign(campaign)) == json.dumps(envelope)


def test_an_envelope_key_that_is_not_json_is_a_decode_error() -> None:
    """A non-string key or a too-deep value beside "campaign" is a DecodeError."""
    assert errors_of({**seed(), 1: "x"})[0][0] == "$"
    deep: Any = []
    for _ in range(100):
        deep = [deep]
    assert errors_of({**seed(), "meta": deep})[0][0].startswith("meta[0]")


@pytest.mark.parametrize("value", [None, "campaign", {"other": None}, {"campaign": 1}])
def test_a_bad_kept_envelope_is_refused_on_encoding(value: Any) -> None:
    """A hand-made vendor_data[ENVELOPE] must be an object with "campaign": null."""
    campaign = Campaign(id="7", name="Renewals", vendor_data={w.ENVELOPE: value})
    if value is None:  # null is not an envelope: the default one is written
        assert list(w.encode_campaign(campaign)) == ["campaign"]
        return
    with pytest.raises(ValidationError) as info:
        w.encode_campaign(campaign)
    assert info.value.field == f"vendor_data[{w.ENVELOPE!r}]"


def test_reserved_names_in_the_campaign_object_are_refused() -> None:
    """A campaign key named like campaignkit's reserved entries is a DecodeError."""
    assert errors_of(with_value(w.KEY_ORDER, []))[0][0] == w.KEY_ORDER
    assert errors_of(with_value(w.ENVELOPE, None))[0][0] == w.ENVELOPE


# --- key order ----------------------------------------------------------------------


def reordered(keys: list[str], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The seed's campaign object with its keys in ``keys``' order."""
    body = {key: SEED["campaign"][key] for key in keys}
    body.update(extra or {})
    return {"campaign": body}


def test_a_new_key_after_status_comes_back_in_place() -> None:
    """A key inserted in the middle is written back in the middle, byte for byte."""
    keys = list(SEED["campaign"])
    body: dict[str, Any] = {}
    for key in keys:
        body[key] = SEED["campaign"][key]
        if key == "status":
            body["status-reason"] = "manual"
    payload = {"campaign": body}
    campaign = w.decode_campaign(copy.deepcopy(payload))
    assert campaign.vendor_data[w.KEY_ORDER] == tuple(body)
    assert json.dumps(w.encode_campaign(campaign)) == json.dumps(payload)


def test_two_swapped_known_keys_come_back_swapped() -> None:
    """Two known keys in the other order are written back in that order."""
    keys = list(SEED["campaign"])
    keys[0], keys[1] = keys[1], keys[0]
    payload = reordered(keys)
    assert json.dumps(w.encode_campaign(w.decode_campaign(payload))) == json.dumps(
        payload
    )


def test_the_kept_order_follows_later_changes() -> None:
    """Keys added to vendor_data later follow the kept order; removed ones are gone."""
    keys = list(reversed(SEED["campaign"]))
    campaign = w.decode_campaign(reordered(keys, {"old": 1}))
    vendor = {k: v for k, v in campaign.vendor_data.items() if k != "old"}
    changed = attrs.evolve(campaign, vendor_data={**vendor, "new": 2})
    body = w.encode_campaign(changed)["campaign"]
    assert list(body) == [*keys, "new"]


def test_a_campaign_without_a_kept_order_uses_the_seed_order() -> None:
    """Without a kept order a campaign encodes in the seed's order."""
    campaign = w.decode_campaign(seed())
    assert list(w.encode_campaign(campaign)["campaign"]) == list(SEED["campaign"])


@pytest.mark.parametrize("order", ["campaign-id", (1, 2), 5])
def test_a_bad_kept_order_is_refused_on_encoding(order: Any) -> None:
    """vendor_data[KEY_ORDER] must be a list of key names."""
    campaign = Campaign(id="7", name="Renewals", vendor_data={w.KEY_ORDER: order})
    with pytest.raises(ValidationError) as info:
        w.encode_campaign(campaign)
    assert info.value.field == f"vendor_data[{w.KEY_ORDER!r}]"


# --- vendor data that is not JSON, and times out of range ---------------------------


def test_a_new_key_that_is_not_json_is_a_decode_error_at_its_path() -> None:
    """Non-string keys and too-deep nesting are DecodeErrors naming where they are."""
    assert errors_of(with_value(1, "x"))[0][0] == "$"  # type: ignore[arg-type]
    nested: Any = {}
    for _ in range(80):
        nested = {"n": nested}
    path = errors_of(with_value("priority", nested))[0][0]
    assert path.startswith("priority.n.n")
    assert errors_of(with_value("priority", {"a": {2: 1}}))[0][0] == "priority.a"


@pytest.mark.parametrize(
    ("status", "key"),
    [(3, "actual-run-time"), (6, "actual-stop-time")],
)
def test_a_status_time_outside_the_utc_range_names_its_key(
    status: int, key: str
) -> None:
    """Year 1 at +01:00 has no UTC equivalent: DecodeError at the time's key."""
    payload = with_value("status", status)
    payload["campaign"][key] = "0001-01-01T00:30:00+01:00"
    ((path, message),) = errors_of(payload)
    assert path == key
    assert "0001-01-01T00:30:00+01:00" in message


def test_times_at_the_ends_of_the_range_round_trip() -> None:
    """Year 1 and year 9999 with offsets are kept when they have a UTC equivalent."""
    payload = with_value("status", 0)
    payload["campaign"]["actual-run-time"] = "0001-01-01T00:30:00-01:00"
    payload["campaign"]["start-time"] = "9999-12-31T23:59:59+05:00"
    campaign = w.decode_campaign(copy.deepcopy(payload))
    assert json.dumps(w.encode_campaign(campaign)) == json.dumps(payload)


@pytest.mark.parametrize(
    "key", ["start-time", "end-time", "actual-run-time", "actual-stop-time"]
)
def test_a_time_without_a_utc_equivalent_is_refused_wherever_it_is(key: str) -> None:
    """0001-01-01T00:30:00+01:00 cannot be stored or compared in UTC: refused."""
    payload = with_value(key, "0001-01-01T00:30:00+01:00")
    assert [path for path, _ in errors_of(payload)] == [key]


# --- encoding hand-built campaigns --------------------------------------------------


def test_a_hand_built_campaign_gets_the_documented_defaults() -> None:
    """Vendor-only keys absent from vendor_data take their defaults."""
    body = w.encode_campaign(Campaign(id="7", name="Renewals"))["campaign"]
    assert body == {
        "campaign-name": "Renewals",
        "campaign-id": 7,
        "enabled": "Y",
        "status": 0,
        "no-of-records": "",
        "caller-id": "",
        "queue-id": "",
        "start-time": "",
        "end-time": "",
        "actual-run-time": "",
        "actual-stop-time": "",
        "daily-start-time": "",
        "daily-end-time": "",
        "retry-interval": "",
        "max-retry": "",
        "abandon-max-retry": "",
        "max-ring-time": "",
        "integration-type": "",
        "calling-window": "",
        "schedule-name": "",
        "timezone": "",
        "dynamic-campaign": "Y",
        "sequential": "N",
    }
    assert list(body) == list(SEED["campaign"])


def test_a_hand_built_schedule_is_written() -> None:
    """Schedule times, the daily window and the zone are written from the model."""
    start = dt.datetime(2024, 1, 2, 9, tzinfo=PLUS_ONE)
    campaign = Campaign(
        id="7",
        name="Renewals",
        schedule=Schedule(start_time=start, daily_end=dt.time(17), time_zone="UTC"),
    )
    body = w.encode_campaign(campaign)["campaign"]
    assert body["start-time"] == "2024-01-02T09:00:00+01:00"
    assert body["daily-end-time"] == "17:00:00"
    assert body["timezone"] == "UTC"


@pytest.mark.parametrize(
    ("status", "key"),
    [
        (CampaignStatus.SCHEDULE_RUNNING, "actual-run-time"),
        (CampaignStatus.MANUAL_STOPPED, "actual-stop-time"),
    ],
)
def test_a_new_status_since_is_written_as_run_or_stop_time(
    status: CampaignStatus, key: str
) -> None:
    """A status_since that moved since decoding replaces the kept time (in UTC)."""
    since = dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
    campaign = attrs.evolve(
        w.decode_campaign(seed()), status=status, status_since=since
    )
    assert w.encode_campaign(campaign)["campaign"][key] == "2024-05-01T12:00:00+00:00"


def test_a_paused_campaign_keeps_its_run_time() -> None:
    """status_since of a paused campaign does not overwrite the run time."""
    since = dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
    campaign = attrs.evolve(
        w.decode_campaign(seed()),
        status=CampaignStatus.MANUAL_PAUSED,
        status_since=since,
    )
    body = w.encode_campaign(campaign)["campaign"]
    assert body["actual-run-time"] == "2022-10-17T22:31:02+01:00"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": "abc"}, "id"),
        ({"id": "٣"}, "id"),
        ({"queue_id": "q-1"}, "queue_id"),
        ({"id": "9" * 30}, "id"),
        ({"id": "9" * 5000}, "id"),
        ({"queue_id": str(2**63)}, "queue_id"),
        ({"vendor_data": {"enabled": True}}, "vendor_data['enabled']"),
        ({"vendor_data": {"caller-id": "131"}}, "vendor_data['caller-id']"),
        ({"vendor_data": {"caller-id": -1}}, "vendor_data['caller-id']"),
        ({"vendor_data": {"caller-id": None}}, "vendor_data['caller-id']"),
        ({"vendor_data": {"schedule-name": 5}}, "vendor_data['schedule-name']"),
        ({"vendor_data": {"actual-run-time": "x"}}, "vendor_data['actual-run-time']"),
        (
            {"vendor_data": {"actual-stop-time": "2024-01-01T00:00:00"}},
            "vendor_data['actual-stop-time']",
        ),
    ],
)
def test_encoding_refuses_what_8x8_cannot_take(
    changes: dict[str, Any], field: str
) -> None:
    """Non-numeric ids and mistyped vendor data raise ValidationError, not bad JSON."""
    campaign = Campaign(**{"id": "7", "name": "Renewals", **changes})
    with pytest.raises(ValidationError) as info:
        w.encode_campaign(campaign)
    assert info.value.field == field


# --- status changes -----------------------------------------------------------------


def test_status_change_body_for_an_allowed_request() -> None:
    """A running campaign may be paused; the body names the requested status."""
    campaign = w.decode_campaign(seed())
    assert w.status_change_body(campaign, RequestedStatus.PAUSED) == {
        "status": "PAUSED"
    }
    assert w.status_change_body(campaign, "STOPPED") == {"status": "STOPPED"}


def test_status_change_body_refuses_what_the_lifecycle_refuses() -> None:
    """A stopped campaign can never change again."""
    campaign = Campaign(id="7", name="Renewals", status=CampaignStatus.COMPLETED)
    with pytest.raises(TransitionNotAllowed) as info:
        w.status_change_body(campaign, RequestedStatus.RUNNING)
    assert info.value.allowed == ()
    assert "7" in str(info.value)


@pytest.mark.parametrize("target", ["START", "run", ""])
def test_status_change_body_refuses_an_unknown_target(target: Any) -> None:
    """The target is a RequestedStatus or its name, in any case."""
    with pytest.raises(ValidationError):
        w.status_change_body(Campaign(id="7", name="x"), target)


def test_status_change_body_takes_a_name_in_any_case() -> None:
    """A name in any case ("running") is accepted, as everywhere in campaignkit."""
    campaign = Campaign(id="7", name="x")
    assert w.status_change_body(campaign, "running") == {"status": "RUNNING"}


def test_parse_status_change_response() -> None:
    """The seed's response gives its message."""
    assert w.parse_status_change_response(CHANGE) == "Campaign status changed."


@pytest.mark.parametrize(
    ("payload", "path"),
    [({}, "message"), ({"message": 1}, "message"), ("ok", "$")],
)
def test_parse_status_change_response_refuses_other_shapes(
    payload: Any, path: str
) -> None:
    """Anything but an object with a string message is a DecodeError at message."""
    with pytest.raises(DecodeError) as info:
        w.parse_status_change_response(payload)
    assert info.value.errors[0][0] == path
    assert "message" in str(info.value)


# --- URLs and credentials -----------------------------------------------------------


@pytest.mark.parametrize(
    "platform", ["na12", "NA12", "Eu3", "ca1", "AP9", "au2", "bc1", "sb10"]
)
def test_urls_for_every_region(platform: str) -> None:
    """Reads use the stats path with .json, writes the tstats path."""
    host = f"https://vcc-{platform.lower()}.8x8.com"
    assert w.status_url(platform, 125) == f"{host}/api/stats/campaigns/125.json"
    assert w.change_status_url(platform, "125") == f"{host}/api/tstats/campaigns/125"


@pytest.mark.parametrize(
    ("platform", "campaign_id", "field"),
    [
        ("xx12", 1, "platform"),
        ("na", 1, "platform"),
        ("na12.evil.com/", 1, "platform"),
        ("na12", -1, "campaign_id"),
        ("na12", "1/../2", "campaign_id"),
        pytest.param("na12", HUGE, "campaign_id", id="huge-id"),
        ("na12", 2**63, "campaign_id"),
        ("na12", "9" * 5000, "campaign_id"),
        ("na12", str(2**63), "campaign_id"),
    ],
)
def test_urls_refuse_bad_parts(platform: Any, campaign_id: Any, field: str) -> None:
    """A platform outside the seed's regions, or a non-numeric id, is refused."""
    with pytest.raises(ValidationError) as info:
        w.status_url(platform, campaign_id)
    assert info.value.field == field


def test_credentials_headers_use_the_right_token() -> None:
    """Reads authenticate with the data token, writes with the action token."""
    creds = w.Credentials(username="acme", data_token="d4t4", action_token="4ct10n")
    read = base64.b64decode(creds.read_header().removeprefix("Basic ")).decode()
    write = base64.b64decode(creds.write_header().removeprefix("Basic ")).decode()
    assert (read, write) == ("acme:d4t4", "acme:4ct10n")


def test_credentials_take_positional_arguments_in_the_issues_order() -> None:
    """Credentials(username, data_token, action_token), as the issue writes it."""
    creds = w.Credentials("acme", "d4t4", "4ct10n")
    assert creds == w.Credentials(
        username="acme", data_token="d4t4", action_token="4ct10n"
    )
    assert (creds.username, creds.data_token, creds.action_token) == (
        "acme",
        "d4t4",
        "4ct10n",
    )
    assert w.Credentials("ünïcode", "tøken", "ąction").read_header().startswith("Basic")


def test_the_token_fields_are_separate_fields() -> None:
    """Each field has its own attrs definition, both hidden from repr."""
    fields = attrs.fields(w.Credentials)
    assert fields.data_token is not fields.action_token
    assert [f.name for f in fields] == ["username", "data_token", "action_token"]


def test_credentials_repr_hides_tokens() -> None:
    """Neither token appears in repr or str, so credentials are safe to log."""
    creds = w.Credentials(username="acme", data_token="d4t4", action_token="4ct10n")
    for text in (repr(creds), str(creds)):
        assert "acme" in text
        assert "d4t4" not in text
        assert "4ct10n" not in text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"username": "a:b", "data_token": "d", "action_token": "a"},
        {"username": "", "data_token": "d", "action_token": "a"},
        {"username": "u", "data_token": "", "action_token": "a"},
        {"username": "u", "data_token": "d", "action_token": None},
        {"username": "\ud800", "data_token": "d", "action_token": "a"},
        {"username": "u", "data_token": "se\udfffcret", "action_token": "a"},
        {"username": "u", "data_token": "d", "action_token": "se\udfffcret"},
    ],
)
def test_credentials_refuse_unusable_values(kwargs: dict[str, Any]) -> None:
    """A colon, an empty value or text UTF-8 cannot encode makes no Basic header."""
    with pytest.raises(ValidationError) as info:
        w.Credentials(**kwargs)
    assert "se\udfffcret" not in str(info.value)
