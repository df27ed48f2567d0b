"""Properties: valid vendor payloads round-trip exactly; bad input is a DecodeError."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


def _extras(known: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.text(max_size=12).filter(lambda k: k not in known)
    return st.dictionaries(keys, json_values, max_size=3)


# --- 8x8 ----------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10**12)
opt_counts = st.just("") | counts
offsets = st.integers(-23 * 60, 23 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
instants = st.just("") | st.datetimes(
    min_value=dt.datetime(1900, 1, 2),
    max_value=dt.datetime(2200, 1, 1),
    timezones=offsets,
).map(dt.datetime.isoformat)
clocks = st.just("") | st.times().map(dt.time.isoformat)
flags = st.sampled_from(["Y", "N"])

eight_fields: dict[str, st.SearchStrategy[Any]] = {
    "campaign-name": st.text(min_size=1, max_size=20),
    "campaign-id": counts,
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


@st.composite
def eight_payloads(draw: st.DrawFn) -> dict[str, Any]:
    """A valid 8x8 status response: known keys in order, then new vendor keys."""
    body = {key: draw(strategy) for key, strategy in eight_fields.items()}
    body.update(draw(_extras(EIGHT_KEYS)))
    return {"campaign": body}


# --- VoIPbin ------------------------------------------------------------------------

uuids = st.uuids().map(str)
refs = st.just(voipbin.NIL_UUID) | uuids
stamps = (
    st.just("")
    | st.just(voipbin.NOT_DELETED)
    | st.datetimes(min_value=dt.datetime(1000, 1, 1)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f")
    )
)
voip_fields: dict[str, st.SearchStrategy[Any]] = {
    "id": uuids,
    "type": st.sampled_from(["call", "flow"]),
    "name": st.text(min_size=1, max_size=20).filter(lambda s: "@" not in s),
    "detail": st.text(max_size=20),
    "status": st.sampled_from(["run", "stopping", "stop"]),
    "service_level": st.integers(min_value=0, max_value=10**6),
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
    """A valid VoIPbin campaign: known keys in order, then new vendor keys."""
    body = {key: draw(strategy) for key, strategy in voip_fields.items()}
    body.update(draw(_extras(VOIP_KEYS)))
    return body


# --- properties ---------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    """Equal as Python values and as JSON text, so key order and types count."""
    return a == b and json.dumps(a) == json.dumps(b)


def _assert_names_wire_keys(exc: DecodeError, keys: list[str]) -> None:
    """Every error is at a wire key, or at ``$`` with a message naming the keys."""
    assert exc.errors
    for path, message in exc.errors:
        if path == "$":
            assert keys[0] in message
        else:
            assert path in keys or path == "campaign", (path, message)


@settings(max_examples=150, deadline=None)
@given(eight_payloads())
def test_eightbyeight_round_trip(payload: dict[str, Any]) -> None:
    """Any valid 8x8 payload is encoded back exactly as decoded."""
    assert _same(
        eightbyeight.encode_campaign(eightbyeight.decode_campaign(payload)), payload
    )


@settings(max_examples=150, deadline=None)
@given(voip_payloads())
def test_voipbin_round_trip(payload: dict[str, Any]) -> None:
    """Any valid VoIPbin payload is encoded back exactly as decoded."""
    campaign, group = voipbin.decode_campaign(payload)
    assert _same(voipbin.encode_campaign(campaign, group), payload)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_eightbyeight_arbitrary_json(payload: Any) -> None:
    """Arbitrary JSON, as the payload or as the campaign object, is a DecodeError."""
    for candidate in (payload, {"campaign": payload}):
        with pytest.raises(DecodeError) as info:
            eightbyeight.decode_campaign(candidate)
        _assert_names_wire_keys(info.value, ["campaign", *EIGHT_KEYS])


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_voipbin_arbitrary_json(payload: Any) -> None:
    """Arbitrary JSON as a VoIPbin campaign is a DecodeError naming wire keys."""
    with pytest.raises(DecodeError) as info:
        voipbin.decode_campaign(payload)
    _assert_names_wire_keys(info.value, VOIP_KEYS)


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
        campaign = eightbyeight.decode_campaign(payload)
    except DecodeError as exc:
        _assert_names_wire_keys(exc, ["campaign", *EIGHT_KEYS])
    else:
        encoded = eightbyeight.encode_campaign(campaign)
        assert encoded["campaign"] == payload["campaign"]


@settings(max_examples=200, deadline=None)
@given(st.lists(mutations, min_size=1, max_size=3))
def test_voipbin_seed_mutations(hows: list[tuple[str, int, Any]]) -> None:
    """A mutated VoIPbin seed either decodes and round-trips, or raises DecodeError."""
    payload = copy.deepcopy(VOIP_SEED)
    for how in hows:
        _mutate(payload, VOIP_KEYS, how)
    try:
        campaign, group = voipbin.decode_campaign(payload)
    except DecodeError as exc:
        _assert_names_wire_keys(exc, VOIP_KEYS)
    else:
        assert voipbin.encode_campaign(campaign, group) == payload


@settings(max_examples=100, deadline=None)
@given(eight_payloads())
def test_eightbyeight_decoded_models_are_hashable(payload: dict[str, Any]) -> None:
    """A decoded campaign is hashable and equal to a second decoding of its JSON."""
    first = eightbyeight.decode_campaign(payload)
    second = eightbyeight.decode_campaign(json.loads(json.dumps(payload)))
    assert first == second
    assert hash(first) == hash(second)
