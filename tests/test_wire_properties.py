"""Properties: valid vendor payloads round-trip exactly; bad input is a DecodeError."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit import (
    Campaign,
    CampaignGroup,
    GroupStatus,
)
from campaignkit.codec import from_dict, to_dict
from campaignkit.errors import DecodeError
from campaignkit.wire import eightbyeight, voipbin

DATA = Path(__file__).parent / "data"
EIGHT_SEED = json.loads((DATA / "eightbyeight_campaign.json").read_text())
VOIP_SEED = json.loads((DATA / "voipbin_campaign.json").read_text())
EIGHT_KEYS = list(EIGHT_SEED["campaign"])
VOIP_KEYS = list(VOIP_SEED)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


RESERVED = {"$order", "$envelope"}  # campaignkit's own vendor_data entries


def _new_keys(known: list[str]) -> st.SearchStrategy[str]:
    """Keys a vendor might add: any text but a known or a reserved name."""
    return st.text(max_size=12).filter(lambda k: k not in known and k not in RESERVED)


@st.composite
def _reorder(draw: st.DrawFn, body: dict[str, Any], known: list[str]) -> dict[str, Any]:
    """``body`` with new keys inserted at random places and, sometimes, shuffled."""
    items = list(body.items())
    new = draw(st.dictionaries(_new_keys(known), json_values, max_size=3))
    for key, value in new.items():
        items.insert(draw(st.integers(0, len(items))), (key, value))
    if draw(st.booleans()):
        items = draw(st.permutations(items))
    return dict(items)


# Offsets up to a minute short of a day either way; any instant of datetime's range,
# the first and last ones included, some with no UTC equivalent.
offsets = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
any_instant = st.datetimes(timezones=offsets) | st.sampled_from(
    [
        dt.datetime(1, 1, 1, tzinfo=dt.UTC),
        dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
    ]
)
MAX = 2**63 - 1
HUGE = 10**5000
# Wire integers: the whole valid range with its ends, and those just outside it.
valid_ints = st.integers(0, MAX) | st.sampled_from([0, MAX])
invalid_ints = (
    st.integers(max_value=-1)
    | st.integers(min_value=MAX + 1)
    | st.sampled_from([-1, MAX + 1, HUGE, -HUGE])
)


def _utc_or_none(text: str) -> dt.datetime | None:
    """The instant of an 8x8 time string in UTC; None if "" or out of UTC range."""
    if text == "":
        return None
    try:
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC)
    except OverflowError:
        return None


# --- 8x8 ----------------------------------------------------------------------------

opt_counts = st.just("") | valid_ints
instants = st.just("") | any_instant.map(dt.datetime.isoformat)
clocks = st.just("") | st.times().map(dt.time.isoformat)
flags = st.sampled_from(["Y", "N"])

eight_fields: dict[str, st.SearchStrategy[Any]] = {
    "campaign-name": st.text(max_size=20),  # "" is refused: see the test
    "campaign-id": valid_ints,
    "enabled": flags,
    "status": st.integers(0, 11),
    "no-of-records": opt_counts,
    "caller-id": opt_counts,
    "queue-id": opt_counts,
    "start-time": instants,
    "end-time": instants,
    "actual-run-time": instants,
    "actual-stop-time": instants,
    "daily-start-time": clocks,
    "daily-end-time": clocks,
    "retry-interval": opt_counts,
    "max-retry": opt_counts,
    "abandon-max-retry": opt_counts,
    "max-ring-time": opt_counts,
    "integration-type": st.text(max_size=12),
    "calling-window": opt_counts,
    "schedule-name": st.text(max_size=12),
    "timezone": st.text(max_size=12),
    "dynamic-campaign": flags,
    "sequential": flags,
}
assert list(eight_fields) == EIGHT_KEYS
EIGHT_INT_KEYS = [k for k, v in EIGHT_SEED["campaign"].items() if type(v) is int]


@st.composite
def eight_payloads(draw: st.DrawFn) -> dict[str, Any]:
    """An 8x8 status response: any key order, new keys anywhere, in any envelope."""
    body = {key: draw(strategy) for key, strategy in eight_fields.items()}
    start, end = body["start-time"], body["end-time"]
    if (
        start
        and end
        and dt.datetime.fromisoformat(end) < dt.datetime.fromisoformat(start)
    ):  # a schedule that stops before it starts is refused
        body["start-time"], body["end-time"] = end, start
    body = draw(_reorder(body, EIGHT_KEYS))
    return draw(_reorder({"campaign": body}, ["campaign"]))


def _eight_refusal(body: dict[str, Any]) -> list[str]:
    """The wire keys a valid-looking 8x8 body is refused at, all at once."""
    refused = ["campaign-name"] if body["campaign-name"] == "" else []
    # A time with no UTC equivalent cannot be stored or compared.
    times = ("start-time", "end-time", "actual-run-time", "actual-stop-time")
    return refused + [k for k in times if body[k] and _utc_or_none(body[k]) is None]


# --- VoIPbin ------------------------------------------------------------------------

uuids = st.uuids().map(str)
refs = st.just(voipbin.NIL_UUID) | uuids
stamps = (
    st.just("")
    | st.just(voipbin.NOT_DELETED)
    | st.datetimes().map(lambda d: d.isoformat(sep=" ", timespec="microseconds"))
)
voip_fields: dict[str, st.SearchStrategy[Any]] = {
    "id": uuids,
    "type": st.sampled_from(["call", "flow"]),
    "name": st.text(max_size=20) | st.sampled_from(["", "@", "a@b"]),
    "detail": st.text(max_size=20),
    "status": st.sampled_from(["run", "stopping", "stop"]),
    "service_level": valid_ints | invalid_ints,
    "end_handle": st.sampled_from(["stop", "continue"]),
    "actions": st.lists(json_values, max_size=3),
    "outplan_id": refs,
    "outdial_id": refs,
    "queue_id": refs,
    "next_campaign_id": refs,
    "tm_create": stamps,
    "tm_update": stamps,
    "tm_delete": stamps,
}
assert list(voip_fields) == VOIP_KEYS


@st.composite
def voip_payloads(draw: st.DrawFn) -> dict[str, Any]:
    """A VoIPbin campaign: any key order, new keys anywhere."""
    body = {key: draw(strategy) for key, strategy in voip_fields.items()}
    return draw(_reorder(body, VOIP_KEYS))


def _voip_refusal(body: dict[str, Any]) -> str | None:
    """The wire key a VoIPbin campaign is refused at, if any (documented rules)."""
    name, level = body["name"], body["service_level"]
    # In the order the checks run: the wire's 64-bit range, then the Campaign's
    # fields in order (name, service_level), then the group's campaign name.
    if not -MAX - 1 <= level <= MAX:
        return "service_level"
    if name == "":
        return "name"
    if level < 0:
        return "service_level"
    return None


# --- properties ---------------------------------------------------------------------


def _text(value: Any) -> str:
    """JSON text, the byte-for-byte form the round trip must keep."""
    return json.dumps(value)


def _head(path: str) -> str:
    """The top-level wire key of an error path (``actions`` of ``actions[0].id``)."""
    return re.split(r"[.\[]", path, maxsplit=1)[0] if path != "$" else "$"


def _assert_names_wire_keys(exc: DecodeError, keys: list[Any], payload: Any) -> None:
    """Every error is at a wire key (or a path inside one), or at ``$``."""
    assert exc.errors
    present = list(payload) if isinstance(payload, dict) else []
    for path, message in exc.errors:
        assert message
        head = _head(path)
        assert head == "$" or head in keys or head in present, (path, message)


def _decode_error(decode: Any, payload: Any) -> DecodeError:
    with pytest.raises(DecodeError) as info:
        decode(payload)
    return info.value


@settings(max_examples=150, deadline=None)
@given(eight_payloads())
def test_eightbyeight_round_trip(payload: dict[str, Any]) -> None:
    """Any 8x8 payload is written back byte for byte, or refused where documented."""
    refusal = _eight_refusal(payload["campaign"])
    if refusal:
        error = _decode_error(eightbyeight.decode_campaign, payload)
        assert [path for path, _ in error.errors] == refusal
        return
    campaign = eightbyeight.decode_campaign(copy.deepcopy(payload))
    assert _text(eightbyeight.encode_campaign(campaign)) == _text(payload)


@settings(max_examples=150, deadline=None)
@given(eight_payloads())
def test_eightbyeight_round_trip_through_to_dict(payload: dict[str, Any]) -> None:
    """encode(from_dict(to_dict(decode(p)))) == p: offsets and all survive to_dict."""
    if _eight_refusal(payload["campaign"]):
        return
    campaign = eightbyeight.decode_campaign(copy.deepcopy(payload))
    again = from_dict(Campaign, json.loads(json.dumps(to_dict(campaign))))
    assert _text(eightbyeight.encode_campaign(again)) == _text(payload)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(EIGHT_INT_KEYS), invalid_ints)
def test_eightbyeight_integers_out_of_range(key: str, value: int) -> None:
    """A negative integer, or one past 2**63 - 1, is a DecodeError at its key."""
    payload = copy.deepcopy(EIGHT_SEED)
    payload["campaign"][key] = value
    error = _decode_error(eightbyeight.decode_campaign, payload)
    assert [path for path, _ in error.errors] == [key]


@settings(max_examples=150, deadline=None)
@given(voip_payloads())
def test_voipbin_round_trip(payload: dict[str, Any]) -> None:
    """Any VoIPbin payload is written back byte for byte, or refused where documented.

    An empty name cannot be a CampaignGroup's campaign name; a service level
    below 0 or past 2**63 - 1 is refused too.
    """
    refusal = _voip_refusal(payload)
    if refusal is not None:
        error = _decode_error(voipbin.decode_campaign, payload)
        assert [path for path, _ in error.errors] == [refusal]
        return
    campaign, group = voipbin.decode_campaign(copy.deepcopy(payload))
    assert _text(voipbin.encode_campaign(campaign, group)) == _text(payload)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_eightbyeight_arbitrary_json(payload: Any) -> None:
    """Arbitrary JSON, as the payload or as the campaign object, is a DecodeError."""
    for candidate in (payload, {"campaign": payload}):
        error = _decode_error(eightbyeight.decode_campaign, candidate)
        inner = candidate.get("campaign") if isinstance(candidate, dict) else None
        _assert_names_wire_keys(error, ["campaign", *EIGHT_KEYS], inner)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_voipbin_arbitrary_json(payload: Any) -> None:
    """Arbitrary JSON as a VoIPbin campaign is a DecodeError naming wire keys."""
    error = _decode_error(voipbin.decode_campaign, payload)
    _assert_names_wire_keys(error, VOIP_KEYS, payload)


mutations = st.tuples(
    st.sampled_from(["drop", "replace", "add"]), st.integers(0, 100), json_values
)


def _mutate(body: dict[str, Any], keys: list[str], how: tuple[str, int, Any]) -> None:
    action, index, value = how
    key = keys[index % len(keys)]
    if action == "drop":
        body.pop(key, None)
    elif action == "replace":
        body[key] = value
    else:
        body[f"new-{index}"] = value


@settings(max_examples=200, deadline=None)
@given(st.lists(mutations, min_size=1, max_size=3))
def test_eightbyeight_seed_mutations(hows: list[tuple[str, int, Any]]) -> None:
    """A mutated 8x8 seed either decodes and round-trips, or raises DecodeError."""
    payload = copy.deepcopy(EIGHT_SEED)
    for how in hows:
        _mutate(payload["campaign"], EIGHT_KEYS, how)
    try:
        campaign = eightbyeight.decode_campaign(copy.deepcopy(payload))
    except DecodeError as exc:
        _assert_names_wire_keys(exc, ["campaign", *EIGHT_KEYS], payload["campaign"])
    else:
        assert _text(eightbyeight.encode_campaign(campaign)) == _text(payload)


@settings(max_examples=200, deadline=None)
@given(st.lists(mutations, min_size=1, max_size=3))
def test_voipbin_seed_mutations(hows: list[tuple[str, int, Any]]) -> None:
    """A mutated VoIPbin seed either decodes and round-trips, or raises DecodeError."""
    payload = copy.deepcopy(VOIP_SEED)
    for how in hows:
        _mutate(payload, VOIP_KEYS, how)
    try:
        campaign, group = voipbin.decode_campaign(copy.deepcopy(payload))
    except DecodeError as exc:
        _assert_names_wire_keys(exc, VOIP_KEYS, payload)
    else:
        assert _text(voipbin.encode_campaign(campaign, group)) == _text(payload)


@settings(max_examples=100, deadline=None)
@given(eight_payloads())
def test_eightbyeight_decoded_models_are_hashable(payload: dict[str, Any]) -> None:
    """A decoded campaign is hashable and equal to a second decoding of its JSON."""
    if _eight_refusal(payload["campaign"]) is not None:
        return
    first = eightbyeight.decode_campaign(payload)
    second = eightbyeight.decode_campaign(json.loads(json.dumps(payload)))
    assert first == second
    assert hash(first) == hash(second)


def test_a_hand_built_model_encodes_in_the_seed_order() -> None:
    """Without a kept order both encoders write the seed's keys in the seed's order."""
    campaign = Campaign(id="7", name="Renewals")
    assert list(eightbyeight.encode_campaign(campaign)["campaign"]) == EIGHT_KEYS
    voip = Campaign(id=str(uuid.UUID(int=7)), name="Renewals")
    group = CampaignGroup(
        campaign_name="Renewals", group_name="q", status=GroupStatus.RUNNING
    )
    assert list(voipbin.encode_campaign(voip, group)) == VOIP_KEYS
