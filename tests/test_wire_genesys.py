"""Genesys wire: the CampaignGroupState payload exactly as OCS sends it, and back."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit import (
    Actor,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    DecodeError,
    DialMode,
    GroupAction,
    GroupSnapshot,
    GroupStateChanged,
    GroupStats,
    GroupStatus,
    ListStats,
    OptimizeBy,
    ValidationError,
    VendorData,
    lifecycle,
)
from campaignkit.errors import clip
from campaignkit.events import Transition
from campaignkit.wire.genesys import (
    GroupStateReport,
    StatServerObject,
    StatServerObjectKind,
    group_state_payload,
    parse_group_state,
    stat_server_objects,
    wire_time,
)
from tests import strategies
from tests.test_wire_properties import any_instant

DATA = Path(__file__).parent / "data"
AT = dt.datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=dt.UTC)
UUID = "6f1c2b7e-3d4a-4e59-9a8b-0c1d2e3f4a5b"
BASE = CampaignGroup(
    campaign_name="Spring",
    group_name="Sales",
    uuid=UUID,
    dbid=101,
    template_name="Outbound default",
    queue_name="7001",
)
S = GroupStatus


def changed(
    previous: GroupStatus,
    status: GroupStatus,
    action: GroupAction,
    actor: Actor = Actor.OCS_CLIENT,
    **group: Any,
) -> GroupStateChanged:
    """A state change of the base group, at AT."""
    return GroupStateChanged(
        group=attrs.evolve(BASE, status=status, **group),
        previous_status=previous,
        action=action,
        actor=actor,
        at=AT,
    )


PERIODIC = GroupSnapshot(
    group=attrs.evolve(
        BASE,
        status=S.RUNNING,
        tenant_name="Acme",
        tenant_ccid="acme-eu-1",
        template_name=None,
        optimize_by=OptimizeBy.OVERDIAL_RATE,
        optimize_goal=3,
    ),
    stats=GroupStats(
        busy_factor=0.85, hit_ratio=0.3, overdial_rate=0.02, time_to_complete=600.0
    ),
    list_stats=(
        ListStats(calling_list_name="Renewals", hit_ratio=0.25, time_to_complete=540.0),
        ListStats(calling_list_name="Winback"),
    ),
    at=AT + dt.timedelta(seconds=10),
)


def one_event(
    transition: Transition[CampaignGroup, GroupStateChanged],
) -> GroupStateChanged:
    """The single event of a lifecycle transition."""
    (event,) = transition.events
    return event


NOT_LOADED = BASE
LOADED = lifecycle.load(NOT_LOADED, at=AT).after
RUNNING = lifecycle.start(LOADED, at=AT).after
STOPPING = lifecycle.stop(RUNNING, at=AT, calls_in_flight=3).after
DRAINED = lifecycle.calls_drained(STOPPING, at=AT).after

# Each scenario is driven through the real lifecycle functions (the periodic report
# is built by the host, so by hand here).
SCENARIOS: dict[str, GroupStateChanged | GroupSnapshot] = {
    "load": one_event(lifecycle.load(NOT_LOADED, at=AT)),
    "start_predictive": one_event(lifecycle.start(LOADED, at=AT)),
    "start_preview": one_event(
        lifecycle.start(LOADED, at=AT, dial_mode=DialMode.PREVIEW)
    ),
    "stop": one_event(lifecycle.stop(RUNNING, at=AT, calls_in_flight=3)),
    "calls_drained": one_event(lifecycle.calls_drained(STOPPING, at=AT)),
    "unload": one_event(lifecycle.unload(DRAINED, at=AT)),
    "dial_mode": one_event(
        lifecycle.set_dial_mode(RUNNING, DialMode.PROGRESSIVE, at=AT)
    ),
    "force_unload": one_event(lifecycle.force_unload(RUNNING, at=AT)),
    "periodic": PERIODIC,
}

# The same scenarios as hand-built events: what the lifecycle must produce.
BY_HAND: dict[str, GroupStateChanged] = {
    "load": changed(S.NOT_LOADED, S.INACTIVE, GroupAction.LOAD),
    "start_predictive": changed(S.INACTIVE, S.RUNNING, GroupAction.START_DIALING),
    "start_preview": changed(
        S.INACTIVE, S.RUNNING, GroupAction.START_DIALING, dial_mode=DialMode.PREVIEW
    ),
    "stop": changed(S.RUNNING, S.ACTIVE, GroupAction.STOP_DIALING),
    "calls_drained": changed(
        S.ACTIVE, S.INACTIVE, GroupAction.STOP_DIALING, Actor.SELF
    ),
    "unload": changed(S.INACTIVE, S.NOT_LOADED, GroupAction.UNLOAD),
    "dial_mode": changed(
        S.RUNNING,
        S.RUNNING,
        GroupAction.SET_DIALING_MODE,
        dial_mode=DialMode.PROGRESSIVE,
    ),
    "force_unload": changed(S.RUNNING, S.NOT_LOADED, GroupAction.FORCE_UNLOAD),
}

# The seed's table (Outbound Contact Deployment Guide, current), in its order:
# key, JSON type, required. Conditional keys are checked by rule below.
SEED_TABLE: tuple[tuple[str, type, bool], ...] = (
    ("GSW_USER_EVENT", str, True),
    ("GSW_DATE_TIME", str, True),
    ("GSW_TENANT_NAME", str, True),
    ("GSW_TENANT_CCID", str, True),
    ("GSW_CAMPAIGN_GROUP_NAME", str, True),
    ("GSW_CAMPAIGN_GROUP_UUID", str, True),
    ("GSW_CAMPAIGN_GROUP_DBID", str, True),
    ("GSW_GROUP_NAME", str, True),
    ("GSW_CAMPAIGN_NAME", str, True),
    ("GSW_CAMPAIGN_TEMPLATE_NAME", str, False),
    ("GSW_QUEUE_NAME", str, True),
    ("GSW_DIAL_MODE", int, False),
    ("GSW_OPTIMIZE_BY", int, False),
    ("GSW_OPTIMIZE_GOAL", int, False),
    ("GSW_CAMPAIGN_GROUP_STATUS", int, True),
    ("GSW_CAMPAIGN_GROUP_ACTION", int, True),
    ("GSW_CAMPAIGN_GROUP_ACTOR", int, True),
    ("GSW_STAT_BUSY_FACTOR", float, False),
    ("GSW_STAT_HIT_RATIO", float, False),
    ("GSW_STAT_OVERDIAL_RATE", float, False),
    ("GSW_STAT_TIME_TO_COMPLETE", float, False),
    ("GSW_CALLING_LISTS", list, False),
)
SEED_ORDER = [key for key, _, _ in SEED_TABLE]


def golden(name: str) -> dict[str, Any]:
    """The golden payload of a scenario, as stored in tests/data."""
    data: dict[str, Any] = json.loads((DATA / f"genesys_{name}.json").read_text())
    return data


def assert_follows_seed_table(payload: dict[str, Any], group: CampaignGroup) -> None:
    """Check a payload field by field against the seed's table and its rules."""
    keys = list(payload)
    assert keys == sorted(keys, key=SEED_ORDER.index), "keys out of the seed's order"
    for key, kind, required in SEED_TABLE:
        if required:
            assert key in payload, key
        if key not in payload:
            continue
        value = payload[key]
        if kind is float:
            assert value is None or (
                isinstance(value, int | float) and not isinstance(value, bool)
            )
            assert value is None or value >= 0
        else:
            assert type(value) is kind, (key, value)
    assert payload["GSW_USER_EVENT"] == "CampaignGroupState"
    seconds, _, millis = payload["GSW_DATE_TIME"].partition(".")
    assert seconds.removeprefix("-").isdigit()
    assert len(millis) == 3
    assert millis.isdigit()
    running = group.status is GroupStatus.RUNNING
    assert ("GSW_DIAL_MODE" in payload) == running
    predictive = running and group.dial_mode.is_predictive
    assert ("GSW_OPTIMIZE_BY" in payload) == predictive
    assert ("GSW_OPTIMIZE_GOAL" in payload) == predictive
    assert ("GSW_CAMPAIGN_TEMPLATE_NAME" in payload) == (
        group.template_name is not None
    )


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_golden_payloads(name: str) -> None:
    """Each scenario's payload equals its golden file, key order and JSON text alike."""
    payload = group_state_payload(SCENARIOS[name])
    expected = golden(name)
    assert list(payload.items()) == list(expected.items())
    assert json.dumps(payload) == json.dumps(expected)


@pytest.mark.parametrize("name", list(BY_HAND))
def test_hand_built_events_give_the_same_payloads(name: str) -> None:
    """The golden files do not depend on status_since or on the lifecycle's path."""
    assert group_state_payload(BY_HAND[name]) == golden(name)


def test_every_event_of_a_completion_has_a_payload() -> None:
    """Auto-completion's stop and unload events both give payloads (actor SELF)."""
    transition = lifecycle.complete(RUNNING, at=AT, calls_in_flight=2)
    payloads = [group_state_payload(e) for e in transition.events]
    assert [
        (p["GSW_CAMPAIGN_GROUP_STATUS"], p["GSW_CAMPAIGN_GROUP_ACTION"])
        for p in payloads
    ] == [(4, 10), (1, 8)]
    assert {p["GSW_CAMPAIGN_GROUP_ACTOR"] for p in payloads} == {3}
    for event, payload in zip(transition.events, payloads, strict=True):
        assert_follows_seed_table(payload, event.group)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_golden_payloads_follow_the_seed_table(name: str) -> None:
    """Each golden payload has the seed's fields, types, order and conditions."""
    assert_follows_seed_table(golden(name), SCENARIOS[name].group)


def test_golden_payload_values_match_the_seed_meanings() -> None:
    """Spot checks against the seed: statuses, actions, actors and defaults."""
    load, stop = golden("load"), golden("stop")
    assert load["GSW_TENANT_NAME"] == load["GSW_TENANT_CCID"] == "Unknown"
    assert load["GSW_CAMPAIGN_GROUP_DBID"] == "101"
    assert (load["GSW_CAMPAIGN_GROUP_STATUS"], load["GSW_CAMPAIGN_GROUP_ACTION"]) == (
        3,
        7,
    )
    assert golden("start_predictive")["GSW_CAMPAIGN_GROUP_ACTION"] == 9
    assert golden("start_preview")["GSW_DIAL_MODE"] == 3
    assert (stop["GSW_CAMPAIGN_GROUP_STATUS"], stop["GSW_CAMPAIGN_GROUP_ACTION"]) == (
        4,
        10,
    )
    assert golden("calls_drained")["GSW_CAMPAIGN_GROUP_ACTOR"] == 3
    assert golden("unload")["GSW_CAMPAIGN_GROUP_STATUS"] == 0
    assert golden("dial_mode")["GSW_CAMPAIGN_GROUP_ACTION"] == 11
    # A force unload is written with the page's unload value (8), not 29.
    assert golden("force_unload")["GSW_CAMPAIGN_GROUP_ACTION"] == 8
    periodic = golden("periodic")
    assert periodic["GSW_CAMPAIGN_GROUP_ACTION"] == periodic["GSW_CAMPAIGN_GROUP_ACTOR"]
    assert periodic["GSW_CAMPAIGN_GROUP_ACTOR"] == 0
    assert periodic["GSW_STAT_BUSY_FACTOR"] == 0.85


# --- round trip -------------------------------------------------------------------


def floor_ms(at: dt.datetime) -> dt.datetime:
    """The instant as the wire keeps it: UTC, truncated to the millisecond."""
    at = at.astimezone(dt.UTC)
    return at.replace(microsecond=at.microsecond // 1000 * 1000)


def expected_report(
    event: GroupStateChanged | GroupSnapshot,
    stats: GroupStats | None = None,
    list_stats: tuple[ListStats, ...] = (),
) -> GroupStateReport:
    """What parse_group_state should give back for an event's payload."""
    g = event.group
    running = g.status is GroupStatus.RUNNING
    predictive = running and g.dial_mode.is_predictive
    if isinstance(event, GroupSnapshot):
        action, actor = None, Actor.UNKNOWN
        stats = stats or event.stats
        list_stats = list_stats or event.list_stats
    else:
        action, actor = event.action, event.actor
        if action is GroupAction.FORCE_UNLOAD:
            action = GroupAction.UNLOAD
    return GroupStateReport(
        at=floor_ms(event.at),
        tenant_name=g.tenant_name or "Unknown",
        tenant_ccid=g.tenant_ccid or "Unknown",
        campaign_group_name=g.name,
        campaign_group_uuid=g.uuid,
        campaign_group_dbid=g.dbid,
        group_name=g.group_name,
        campaign_name=g.campaign_name,
        campaign_template_name=g.template_name,
        queue_name=g.queue_name,
        dial_mode=g.dial_mode if running else None,
        optimize_by=g.optimize_by if predictive else None,
        optimize_goal=g.optimize_goal if predictive else None,
        status=g.status,
        action=action,
        actor=actor,
        stats=stats,
        list_stats=list_stats,
        extra=VendorData(),
    )


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_golden_payloads_parse_back_every_field(name: str) -> None:
    """Parsing a golden payload gives back every field of its event."""
    event = SCENARIOS[name]
    report = parse_group_state(golden(name))
    assert report == expected_report(event)
    assert report.is_periodic == isinstance(event, GroupSnapshot)


def test_time_is_truncated_to_the_millisecond() -> None:
    """123456 µs is written as .123 and read back as 123000 µs."""
    report = parse_group_state(golden("load"))
    assert report.at == dt.datetime(2026, 3, 1, 9, 30, 0, 123000, tzinfo=dt.UTC)


def test_wire_time_handles_offsets_and_times_before_1970() -> None:
    """Offsets are converted to UTC; pre-epoch times keep a correct sign."""
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert wire_time(AT.astimezone(plus_two)) == "1772357400.123"
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert wire_time(epoch - dt.timedelta(microseconds=500)) == "-0.001"
    assert wire_time(epoch - dt.timedelta(seconds=1, milliseconds=500)) == "-1.500"
    with pytest.raises(ValidationError, match="at"):
        wire_time(AT.replace(tzinfo=None))


def test_pre_epoch_times_round_trip() -> None:
    """A pre-1970 time reads back as the same millisecond."""
    event = attrs.evolve(
        SCENARIOS["load"],
        at=dt.datetime(1969, 7, 20, 20, 17, 40, 999999, tzinfo=dt.UTC),
    )
    report = parse_group_state(group_state_payload(event))
    assert report.at == floor_ms(event.at)


def test_state_change_can_carry_stats() -> None:
    """Stats passed for a state change follow the actor, list figures after them."""
    lists = (ListStats(calling_list_name="Renewals", hit_ratio=0.5),)
    stats = GroupStats(hit_ratio=0.5)
    event = SCENARIOS["start_predictive"]
    payload = group_state_payload(event, stats=stats, list_stats=lists)
    assert list(payload)[-5:] == [
        "GSW_STAT_BUSY_FACTOR",
        "GSW_STAT_HIT_RATIO",
        "GSW_STAT_OVERDIAL_RATE",
        "GSW_STAT_TIME_TO_COMPLETE",
        "GSW_CALLING_LISTS",
    ]
    assert payload["GSW_STAT_BUSY_FACTOR"] is None
    assert parse_group_state(payload) == expected_report(event, stats, lists)


def test_arguments_override_a_snapshots_own_stats() -> None:
    """stats= and list_stats= replace the snapshot's figures."""
    stats = GroupStats(busy_factor=1.0)
    lists = (ListStats(calling_list_name="Other", time_to_complete=1.5),)
    payload = group_state_payload(PERIODIC, stats=stats, list_stats=lists)
    report = parse_group_state(payload)
    assert report.stats == stats
    assert report.list_stats == lists


def test_snapshot_without_stats_has_no_stat_keys() -> None:
    """No figures, no GSW_STAT_* and no GSW_CALLING_LISTS keys."""
    payload = group_state_payload(GroupSnapshot(group=BASE, at=AT))
    assert not [k for k in payload if k.startswith("GSW_STAT") or "LISTS" in k]
    assert parse_group_state(payload).stats is None


def test_unset_optional_values_are_empty_strings() -> None:
    """A group without UUID, DBID, queue or template: "" for the required ones."""
    group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    payload = group_state_payload(GroupSnapshot(group=group, at=AT))
    assert payload["GSW_CAMPAIGN_GROUP_UUID"] == ""
    assert payload["GSW_CAMPAIGN_GROUP_DBID"] == ""
    assert payload["GSW_QUEUE_NAME"] == ""
    assert "GSW_CAMPAIGN_TEMPLATE_NAME" not in payload
    report = parse_group_state(payload)
    assert (report.campaign_group_uuid, report.campaign_group_dbid) == (None, None)
    assert report.queue_name is None


@pytest.mark.parametrize(
    "mode", [DialMode.PREDICTIVE, DialMode.PREDICTIVE_SEIZE, DialMode.PREDICTIVE_GVP]
)
def test_every_predictive_mode_sends_the_optimization(mode: DialMode) -> None:
    """The three predictive modes send GSW_OPTIMIZE_BY and GSW_OPTIMIZE_GOAL."""
    group = attrs.evolve(BASE, status=GroupStatus.RUNNING, dial_mode=mode)
    payload = group_state_payload(GroupSnapshot(group=group, at=AT))
    assert payload["GSW_DIAL_MODE"] == int(mode)
    assert (payload["GSW_OPTIMIZE_BY"], payload["GSW_OPTIMIZE_GOAL"]) == (1, 80)


# --- the 2018 draft -----------------------------------------------------------------


def test_parses_the_2018_draft() -> None:
    """GUID and STATE are read as UUID and STATUS; no USER_EVENT or DBID needed."""
    report = parse_group_state(golden("draft_2018"))
    assert report.campaign_group_uuid == UUID
    assert report.status is GroupStatus.RUNNING
    assert report.campaign_group_dbid is None
    assert report.tenant_name == "undefined"
    assert report.dial_mode is DialMode.PREDICTIVE_SEIZE
    assert report.optimize_by is OptimizeBy.WAIT_TIME
    assert report.actor is Actor.SCHEDULE
    assert report.at == dt.datetime(2018, 4, 26, 18, 53, 0, 250000, tzinfo=dt.UTC)
    assert report.extra == VendorData()


def test_current_names_win_over_draft_names() -> None:
    """With both spellings present the current one is used, the other kept in extra."""
    payload = {**golden("load"), "GSW_CAMPAIGN_GROUP_GUID": "old"}
    report = parse_group_state(payload)
    assert report.campaign_group_uuid == UUID
    assert report.extra == VendorData({"GSW_CAMPAIGN_GROUP_GUID": "old"})


def test_unknown_keys_are_kept_in_extra() -> None:
    """Keys OCS adds later are carried, frozen, in extra."""
    payload = {**golden("periodic"), "GSW_NEW_THING": {"a": [1, 2]}}
    report = parse_group_state(payload)
    assert report.extra == VendorData({"GSW_NEW_THING": {"a": [1, 2]}})
    assert hash(report.extra) == hash(VendorData({"GSW_NEW_THING": {"a": (1, 2)}}))


# --- errors -------------------------------------------------------------------------

REQUIRED = [
    "GSW_DATE_TIME",
    "GSW_TENANT_NAME",
    "GSW_TENANT_CCID",
    "GSW_CAMPAIGN_GROUP_NAME",
    "GSW_CAMPAIGN_GROUP_UUID",
    "GSW_CAMPAIGN_GROUP_DBID",
    "GSW_GROUP_NAME",
    "GSW_CAMPAIGN_NAME",
    "GSW_QUEUE_NAME",
    "GSW_CAMPAIGN_GROUP_STATUS",
    "GSW_CAMPAIGN_GROUP_ACTION",
    "GSW_CAMPAIGN_GROUP_ACTOR",
]


def error_keys(payload: Any) -> list[str]:
    """The paths a DecodeError names for ``payload``."""
    with pytest.raises(DecodeError) as info:
        parse_group_state(payload)
    assert info.value.target == "CampaignGroupState"
    return [path for path, _ in info.value.errors]


@pytest.mark.parametrize("key", REQUIRED)
def test_missing_required_field_names_the_wire_key(key: str) -> None:
    """Dropping a required field is a DecodeError at that key."""
    payload = golden("start_predictive")
    del payload[key]
    assert error_keys(payload) == [key]


def test_missing_draft_fields_mention_the_draft_names() -> None:
    """Without UUID/GUID or STATUS/STATE the message names both spellings."""
    payload = golden("load")
    del payload["GSW_CAMPAIGN_GROUP_UUID"], payload["GSW_CAMPAIGN_GROUP_STATUS"]
    with pytest.raises(DecodeError) as info:
        parse_group_state(payload)
    text = str(info.value)
    assert "GSW_CAMPAIGN_GROUP_GUID" in text
    assert "GSW_CAMPAIGN_GROUP_STATE" in text


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("GSW_USER_EVENT", "CampaignState"),
        ("GSW_USER_EVENT", 1),
        ("GSW_DATE_TIME", 1772357400.123),
        ("GSW_DATE_TIME", "2026-03-01T09:30:00Z"),
        ("GSW_DATE_TIME", "1e9"),
        ("GSW_DATE_TIME", "9" * 20),
        ("GSW_TENANT_NAME", None),
        ("GSW_CAMPAIGN_GROUP_DBID", 101),
        ("GSW_CAMPAIGN_GROUP_DBID", "-1"),
        ("GSW_CAMPAIGN_GROUP_DBID", "1" * 5000),
        ("GSW_DIAL_MODE", 12),
        ("GSW_DIAL_MODE", "1"),
        ("GSW_OPTIMIZE_BY", True),
        ("GSW_OPTIMIZE_GOAL", -5),
        ("GSW_OPTIMIZE_GOAL", 1.5),
        ("GSW_CAMPAIGN_GROUP_STATUS", 6),
        ("GSW_CAMPAIGN_GROUP_ACTION", 12),
        ("GSW_CAMPAIGN_GROUP_ACTION", None),
        ("GSW_CAMPAIGN_GROUP_ACTOR", -1),
        ("GSW_STAT_BUSY_FACTOR", -0.5),
        ("GSW_STAT_HIT_RATIO", "0.3"),
        ("GSW_STAT_OVERDIAL_RATE", math.nan),
        ("GSW_STAT_TIME_TO_COMPLETE", False),
        ("GSW_STAT_TIME_TO_COMPLETE", 10**400),
        ("GSW_CALLING_LISTS", {"GSW_CALLING_LIST_NAME": "x"}),
    ],
)
def test_wrong_value_names_the_wire_key(key: str, value: Any) -> None:
    """A wrong type or an unknown value is a DecodeError at that key."""
    payload = {**golden("periodic"), key: value}
    assert error_keys(payload) == [key]


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        ("Renewals", "GSW_CALLING_LISTS[0]"),
        ({}, "GSW_CALLING_LISTS[0].GSW_CALLING_LIST_NAME"),
        ({"GSW_CALLING_LIST_NAME": ""}, "GSW_CALLING_LISTS[0].GSW_CALLING_LIST_NAME"),
        ({"GSW_CALLING_LIST_NAME": 7}, "GSW_CALLING_LISTS[0].GSW_CALLING_LIST_NAME"),
        (
            {"GSW_CALLING_LIST_NAME": "L", "GSW_STAT_HIT_RATIO": -1},
            "GSW_CALLING_LISTS[0].GSW_STAT_HIT_RATIO",
        ),
        ({"GSW_CALLING_LIST_NAME": "L", "GSW_X": 1}, "GSW_CALLING_LISTS[0]"),
    ],
)
def test_bad_calling_list_entry_names_its_path(entry: Any, path: str) -> None:
    """Errors inside GSW_CALLING_LISTS name the entry and the key."""
    payload = {**golden("periodic"), "GSW_CALLING_LISTS": [entry]}
    assert error_keys(payload) == [path]


def test_calling_list_figures_may_be_absent() -> None:
    """An entry with only a name reads as figures of None."""
    payload = {
        **golden("periodic"),
        "GSW_CALLING_LISTS": [{"GSW_CALLING_LIST_NAME": "L"}],
    }
    assert parse_group_state(payload).list_stats == (ListStats(calling_list_name="L"),)


def test_integer_figures_are_accepted() -> None:
    """A figure sent as an integer (the seed's 600) reads as a number."""
    payload = {**golden("periodic"), "GSW_STAT_TIME_TO_COMPLETE": 600}
    stats = parse_group_state(payload).stats
    assert stats is not None
    assert stats.time_to_complete == 600


def test_every_error_is_reported_at_once() -> None:
    """Two bad keys give two errors, in wire order."""
    payload = {
        **golden("load"),
        "GSW_CAMPAIGN_GROUP_ACTOR": 9,
        "GSW_TENANT_NAME": 1,
    }
    assert error_keys(payload) == ["GSW_TENANT_NAME", "GSW_CAMPAIGN_GROUP_ACTOR"]


@pytest.mark.parametrize("payload", [None, [], "CampaignGroupState", 1])
def test_non_object_is_a_decode_error(payload: Any) -> None:
    """Anything but a JSON object is refused at $."""
    assert error_keys(payload) == ["$"]


# --- hypothesis ---------------------------------------------------------------------

figures = st.none() | st.floats(min_value=0, allow_nan=False, allow_infinity=False)
group_stats = st.builds(
    GroupStats,
    busy_factor=figures,
    hit_ratio=figures,
    overdial_rate=figures,
    time_to_complete=figures,
)
list_stats = st.lists(
    st.builds(
        ListStats,
        calling_list_name=strategies.names,
        hit_ratio=figures,
        time_to_complete=figures,
    ),
    max_size=3,
).map(tuple)
# Every instant datetime can hold (any_instant, shared with the vendor properties):
# some have no UTC equivalent (year 1 at +01:00), and writing them must be refused.
any_time = any_instant
# Any non-negative int, 2**63 - 1 and beyond included (above it writing is refused).
wire_ints = st.integers(min_value=0) | st.sampled_from([2**63 - 1, 2**63, 2**64])
wide_groups = st.builds(
    lambda g, dbid, goal: attrs.evolve(g, dbid=dbid, optimize_goal=goal),
    strategies.groups,
    st.none() | wire_ints,
    wire_ints,
)
state_changes = st.builds(
    GroupStateChanged,
    group=wide_groups,
    previous_status=st.sampled_from(GroupStatus),
    action=st.sampled_from(GroupAction),
    actor=st.sampled_from(Actor),
    at=any_time,
)
snapshots = st.builds(
    GroupSnapshot,
    group=wide_groups,
    stats=st.none() | group_stats,
    list_stats=list_stats,
    at=any_time,
)


def _writable(event: GroupStateChanged | GroupSnapshot) -> bool:
    """Whether a payload can be written: a UTC time, and wire-sized integers."""
    g = event.group
    try:
        event.at.astimezone(dt.UTC)
    except OverflowError:
        return False
    writes_goal = g.status is GroupStatus.RUNNING and g.dial_mode.is_predictive
    return (g.dbid is None or g.dbid < 2**63) and (
        not writes_goal or g.optimize_goal < 2**63
    )


@settings(max_examples=200)
@given(st.one_of(state_changes, snapshots), st.none() | group_stats)
def test_payloads_of_valid_events_parse_back_equal(
    event: GroupStateChanged | GroupSnapshot, stats: GroupStats | None
) -> None:
    """Every field survives JSON and back; what could not is refused when writing."""
    if not _writable(event):
        with pytest.raises(ValidationError):
            group_state_payload(event, stats=stats)
        return
    payload = group_state_payload(event, stats=stats)
    assert_follows_seed_table(payload, event.group)
    report = parse_group_state(json.loads(json.dumps(payload)))
    assert report == expected_report(event, stats)


json_values = strategies.json_values | st.floats(allow_nan=True)
any_key = st.sampled_from(SEED_ORDER) | st.sampled_from(
    ["GSW_CAMPAIGN_GROUP_GUID", "GSW_CAMPAIGN_GROUP_STATE"]
)


def assert_only_decode_errors(payload: Any) -> None:
    """Parsing succeeds, or fails with a DecodeError whose paths name wire keys."""
    error: DecodeError | None = None
    try:
        parse_group_state(payload)
    except DecodeError as exc:
        error = exc
    if error is not None:
        assert error.errors
        # A new key's form in a path: on one line, control characters escaped.
        forms = [clip(k, 100)[:50] for k in payload if isinstance(k, str)]
        for path, message in error.errors:
            new_key = any(path.startswith(f) for f in forms)
            assert path == "$" or path.startswith("GSW_") or new_key, path
            assert message


@settings(max_examples=150)
@given(st.dictionaries(any_key | st.text(max_size=6), json_values, max_size=20))
def test_arbitrary_json_objects_raise_only_decode_errors(
    payload: dict[str, Any],
) -> None:
    """Any JSON object parses or raises DecodeError naming wire keys."""
    assert_only_decode_errors(payload)


@settings(max_examples=200)
@given(
    st.sampled_from([*SCENARIOS, "draft_2018"]),
    st.lists(st.tuples(any_key, st.none() | json_values), min_size=1, max_size=4),
)
def test_mutated_golden_payloads_raise_only_decode_errors(
    name: str, changes: list[tuple[str, Any]]
) -> None:
    """Deleting or replacing keys of a real payload never escapes as another error."""
    payload = copy.deepcopy(golden(name))
    for key, value in changes:
        if value is None:
            payload.pop(key, None)
        else:
            payload[key] = value
    assert_only_decode_errors(payload)


# --- Stat Server objects --------------------------------------------------------------


def test_stat_server_objects_list_the_whole_hierarchy() -> None:
    """Campaign, groups, calling lists and campaign calling lists, in that order."""
    campaign = Campaign(
        id="6561",
        name="Spring",
        calling_lists=(
            CampaignCallingList(campaign_name="Spring", calling_list_name="Renewals"),
            CampaignCallingList(campaign_name="Spring", calling_list_name="Winback"),
        ),
    )
    configured = attrs.evolve(BASE, name="Spring sales (configured)")
    retention = CampaignGroup(campaign_name="Spring", group_name="Retention")
    objects = stat_server_objects(campaign, [configured, retention, retention])
    k = StatServerObjectKind
    assert objects == (
        StatServerObject(kind=k.CAMPAIGN, name="Spring"),
        StatServerObject(kind=k.CAMPAIGN_GROUP, name="Spring@Sales"),
        StatServerObject(kind=k.CAMPAIGN_GROUP, name="Spring@Retention"),
        StatServerObject(kind=k.CALLING_LIST, name="Renewals"),
        StatServerObject(kind=k.CALLING_LIST, name="Winback"),
        StatServerObject(kind=k.CAMPAIGN_CALLING_LIST, name="Spring@Renewals"),
        StatServerObject(kind=k.CAMPAIGN_CALLING_LIST, name="Spring@Winback"),
    )
    assert [o.kind.value for o in objects[:2]] == ["Campaign", "CampaignGroup"]


def test_stat_server_objects_of_a_bare_campaign() -> None:
    """A campaign with no groups or lists is one object."""
    assert stat_server_objects(Campaign(id="1", name="Spring"), []) == (
        StatServerObject(kind=StatServerObjectKind.CAMPAIGN, name="Spring"),
    )


def test_stat_server_objects_refuse_foreign_groups_and_bad_names() -> None:
    """A group of another campaign is refused."""
    campaign = Campaign(id="1", name="Spring")
    other = CampaignGroup(campaign_name="Autumn", group_name="Sales")
    with pytest.raises(ValidationError, match="groups"):
        stat_server_objects(campaign, [other])
    with pytest.raises(ValidationError, match="kind"):
        StatServerObject(kind="Campaign", name="Spring")  # type: ignore[arg-type]


# --- review findings: draft keys, DBID, huge ints, non-JSON input, times ------------

HUGE = 10**5000  # over Python's 4300-digit limit: repr() of it raises ValueError


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("GSW_CAMPAIGN_GROUP_STATE", "5"),
        ("GSW_CAMPAIGN_GROUP_STATE", 9),
        ("GSW_CAMPAIGN_GROUP_GUID", 5),
    ],
)
def test_draft_errors_name_the_draft_key_received(key: str, value: Any) -> None:
    """A bad value under a 2018-draft name is reported at that name, as received."""
    payload = {**golden("draft_2018"), key: value}
    assert error_keys(payload) == [key]


def test_the_dbid_is_required_in_a_current_payload() -> None:
    """With GSW_USER_EVENT a payload is current, so it must have the DBID."""
    payload = golden("load")
    del payload["GSW_CAMPAIGN_GROUP_DBID"]
    assert error_keys(payload) == ["GSW_CAMPAIGN_GROUP_DBID"]
    draft = golden("draft_2018")
    assert "GSW_CAMPAIGN_GROUP_DBID" not in draft
    assert parse_group_state(draft).campaign_group_dbid is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        pytest.param("GSW_CAMPAIGN_GROUP_STATUS", HUGE, id="status-huge"),
        pytest.param("GSW_CAMPAIGN_GROUP_ACTION", HUGE, id="action-huge"),
        pytest.param("GSW_STAT_BUSY_FACTOR", HUGE, id="busy-huge"),
        pytest.param("GSW_STAT_HIT_RATIO", -HUGE, id="hit-huge-negative"),
        pytest.param("GSW_TENANT_NAME", HUGE, id="tenant-huge"),
        pytest.param("GSW_OPTIMIZE_GOAL", HUGE, id="goal-huge"),
        ("GSW_OPTIMIZE_GOAL", 2**63),
        ("GSW_CAMPAIGN_GROUP_DBID", str(2**63)),
        ("GSW_CAMPAIGN_GROUP_DBID", "9" * 5000),
    ],
)
def test_huge_numbers_are_decode_errors(key: str, value: Any) -> None:
    """Numbers too large for the wire, or for repr, are DecodeErrors at their key."""
    with pytest.raises(DecodeError) as info:
        parse_group_state({**golden("periodic"), key: value})
    assert [path for path, _ in info.value.errors] == [key]
    assert len(str(info.value)) < 1000


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"dbid": HUGE}, "dbid", id="dbid-huge"),
        ({"dbid": 2**63}, "dbid"),
        ({"optimize_goal": 2**63}, "optimize_goal"),
    ],
)
def test_payload_refuses_integers_too_large_for_the_wire(
    changes: dict[str, Any], field: str
) -> None:
    """A DBID or goal above 2**63 - 1 could not be read back: a ValidationError."""

    def write() -> None:  # the model itself refuses HUGE (over 4,300 digits)
        group = attrs.evolve(BASE, status=GroupStatus.RUNNING, **changes)
        group_state_payload(GroupSnapshot(group=group, at=AT))

    with pytest.raises(ValidationError) as info:
        write()
    assert info.value.field == field


def test_the_largest_dbid_and_goal_round_trip() -> None:
    """A DBID and a goal of 2**63 - 1 are written and parse back."""
    group = attrs.evolve(
        BASE, status=GroupStatus.RUNNING, dbid=2**63 - 1, optimize_goal=2**63 - 1
    )
    report = parse_group_state(group_state_payload(GroupSnapshot(group=group, at=AT)))
    assert report.campaign_group_dbid == 2**63 - 1
    assert report.optimize_goal == 2**63 - 1


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        ({"GSW_CALLING_LIST_NAME": "L", 1: "x"}, "GSW_CALLING_LISTS[0]"),
        ({"GSW_CALLING_LIST_NAME": "L", None: 1, "GSW_X": 2}, "GSW_CALLING_LISTS[0]"),
    ],
)
def test_calling_list_entries_with_non_string_keys_are_decode_errors(
    entry: dict[Any, Any], path: str
) -> None:
    """Non-string keys in a calling-list entry are reported, never a TypeError."""
    with pytest.raises(DecodeError) as info:
        parse_group_state({**golden("periodic"), "GSW_CALLING_LISTS": [entry]})
    ((where, message),) = info.value.errors
    assert where == path
    assert "unknown keys" in message


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({1: "x"}, "$"),
        ({"GSW_NEW": {"a": {2: "b"}}}, "GSW_NEW.a"),
        ({"GSW_NEW": [{1, 2}]}, "GSW_NEW[0]"),
    ],
)
def test_unknown_keys_that_are_not_json_are_decode_errors(
    extra: dict[Any, Any], path: str
) -> None:
    """A non-string key or a non-JSON value among unknown keys names its path."""
    with pytest.raises(DecodeError) as info:
        parse_group_state({**golden("load"), **extra})
    assert [p for p, _ in info.value.errors] == [path]


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
    ],
)
def test_a_time_without_a_utc_equivalent_is_refused_when_writing(
    at: dt.datetime,
) -> None:
    """An instant outside datetime's UTC range could not be read back: refused."""
    with pytest.raises(ValidationError, match="at"):
        wire_time(at)
    with pytest.raises(ValidationError):
        group_state_payload(GroupSnapshot(group=BASE, at=at))


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime(1, 1, 1, tzinfo=dt.UTC),
        dt.datetime(
            1, 1, 1, 1, 0, 0, 999999, tzinfo=dt.timezone(dt.timedelta(hours=1))
        ),
        dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
    ],
)
def test_times_at_the_ends_of_the_range_round_trip(at: dt.datetime) -> None:
    """The first and last representable milliseconds are written and read back."""
    report = parse_group_state(group_state_payload(GroupSnapshot(group=BASE, at=at)))
    assert report.at == floor_ms(at)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1772357400.123999999999999999999999", (1772357400, 123000)),
        ("1772357400.1239", (1772357400, 123000)),
        ("1772357400", (1772357400, 0)),
        ("1772357400.5", (1772357400, 500000)),
        ("-0.001", (-1, 999000)),
        ("-0.0011", (-1, 998000)),
        ("-1.000000000000000000000000000001", (-2, 999000)),
        ("0001772357400.123", (1772357400, 123000)),
    ],
)
def test_date_time_is_truncated_to_the_millisecond_exactly(
    text: str, expected: tuple[int, int]
) -> None:
    """Digits past the millisecond are dropped (toward the past), never rounded."""
    seconds, micros = expected
    want = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
        seconds=seconds, microseconds=micros
    )
    report = parse_group_state({**golden("load"), "GSW_DATE_TIME": text})
    assert report.at == want


@pytest.mark.parametrize(
    "text", ["9" * 16, "9" * 5000, "-" + "9" * 5000 + ".5", "253402300800.000"]
)
def test_date_time_out_of_range_is_a_decode_error(text: str) -> None:
    """A time past year 9999, however many digits, is a DecodeError at its key."""
    assert error_keys({**golden("load"), "GSW_DATE_TIME": text}) == ["GSW_DATE_TIME"]
