"""Every public value pickles, deep-copies and round-trips through JSON.

One property, run over every kind of value a host may keep, log, cache or send:
models, snapshots, decisions, events, transitions, stats, records, retry plans,
treatments, list progress and simulation results. Credentials and notifiers are
not values and are left out.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import importlib
import json
import pickle
import pkgutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import campaignkit
from campaignkit import (
    AbandonmentLedger,
    Actor,
    CampaignStatusChanged,
    GroupAction,
    GroupCounters,
    GroupSnapshot,
    GroupStateChanged,
    GroupStatus,
    ListStats,
    PacingSnapshot,
    RequestedStatus,
    from_dict,
    group_stats,
    lifecycle,
    pace,
    pacing,
    records,
    sim,
    simulate,
    to_dict,
)
from campaignkit.enums import CampaignStatus
from campaignkit.events import Transition
from campaignkit.wire import eightbyeight, genesys
from tests import strategies

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
counts = st.integers(0, 1000)
seconds = st.floats(0, 1e6, allow_nan=False)

counters = st.builds(
    lambda d, a, ab, busy, logged: GroupCounters(
        dialed=d + a + ab,
        answered=a + ab,
        abandoned=ab,
        agent_busy_seconds=busy,
        agent_logged_seconds=busy + logged,
    ),
    counts,
    counts,
    counts,
    seconds,
    seconds,
)
list_stats = st.builds(ListStats, calling_list_name=strategies.names)
group_events = st.builds(
    GroupStateChanged,
    group=strategies.groups,
    previous_status=st.sampled_from(GroupStatus),
    action=st.sampled_from(GroupAction),
    actor=st.sampled_from(Actor),
    at=strategies.aware,
)
campaign_events = st.builds(
    CampaignStatusChanged,
    campaign=strategies.campaigns,
    previous_status=st.sampled_from(type(strategies.CampaignStatus.NEW)),
    trigger=st.sampled_from(RequestedStatus) | st.just("schedule_start_reached"),
    at=strategies.aware,
)
snapshots = st.builds(
    GroupSnapshot,
    group=strategies.groups,
    stats=st.none() | counters.map(group_stats),
    list_stats=st.lists(list_stats, max_size=2).map(tuple),
    at=strategies.aware,
)
pacing_snapshots = st.builds(
    PacingSnapshot,
    agents_ready=st.integers(0, 50),
    agents_busy=st.integers(0, 50),
    calls_dialing=st.integers(0, 50),
    hit_ratio=st.floats(0, 1),
)
policies = st.sampled_from(
    [
        pacing.Preview(),
        pacing.Progressive(1.5),
        pacing.Power(2.0),
        pacing.ServiceLevel(80),
        pacing.Predictive(optimize_by=pacing.OptimizeBy.BUSY_FACTOR, goal=80),
    ]
)
calling_records = st.builds(
    records.CallingRecord,
    record_id=st.integers(1, 10**6),
    contact_info=st.text("0123456789", min_size=3, max_size=12),
    dial_sched_time=st.none() | strategies.aware,
)
transitions = strategies.groups.map(
    lambda g: lifecycle.load(
        attrs.evolve(g, status=GroupStatus.NOT_LOADED, status_since=None), at=AT
    )
)
ledgers = st.lists(
    st.tuples(st.integers(0, 3 * 24 * 60), st.integers(0, 5), st.integers(0, 5)),
    max_size=6,
).map(
    lambda entries: functools.reduce(
        lambda led, e: led.record(
            at=AT + dt.timedelta(minutes=e[0]),
            answered=e[1] + e[2],
            abandoned=e[2],
        ),
        sorted(entries),
        AbandonmentLedger.uk(),
    )
)


def _genesys_payload() -> Any:
    return json.loads(
        (Path(__file__).parent / "data" / "genesys_periodic.json").read_text()
    )


sim_results = st.sampled_from([1, 2]).map(
    lambda seed: simulate(
        pacing.Progressive(1.5),
        sim.Scenario(agents=3, hit_ratio=0.5, duration=120),
        seed=seed,
    )
)

VALUES: dict[str, st.SearchStrategy[Any]] = {
    "models": strategies.models,
    "group events": group_events,
    "campaign events": campaign_events,
    "snapshots": snapshots,
    "transitions": transitions,
    "counters": counters,
    "group stats": counters.map(group_stats),
    "list stats": list_stats,
    "pacing snapshots": pacing_snapshots,
    "policies": policies,
    "decisions": st.builds(pace, pacing_snapshots, policies),
    "estimates": st.just(pacing.Estimate()),
    "calling records": calling_records,
    "retry plans": st.just(records.DEFAULT_RETRY_PLAN),
    "treatments": st.sampled_from(list(records.DEFAULT_RETRY_PLAN.treatments.values())),
    "list progress": st.lists(calling_records, max_size=3).map(records.list_progress),
    "scenarios": st.just(sim.Scenario(agents=3, hit_ratio=0.5)),
    "sim results": sim_results,
    "sim minutes": sim_results.map(lambda r: r.minutes[0]),
    "distributions": st.sampled_from(
        [
            sim.Exponential(3.0),
            sim.Fixed(0.0),
            sim.Uniform(1.0, 2.5),
            sim.LogNormal(9.0),
        ]
    ),
    "campaign transitions": strategies.campaigns.map(
        lambda c: lifecycle.request_status(
            attrs.evolve(c, status=CampaignStatus.NEW, status_since=None),
            "stopped",
            at=AT,
        )
    ),
    "ledgers": ledgers,
    "window counts": ledgers.map(lambda led: led.counts(AT + dt.timedelta(days=1))),
    "observations": st.builds(
        pacing.Observation,
        answered=st.none() | st.booleans(),
        answer_time=st.none() | st.floats(0.001, 1e6),
        handle_time=st.none() | st.floats(0.001, 1e6),
    ),
    "destinations": st.builds(
        records.Destination, address=strategies.names, tries=counts
    ),
    "genesys reports": st.just(genesys.parse_group_state(_genesys_payload())),
    "stat server objects": strategies.campaigns.map(
        lambda c: genesys.stat_server_objects(c, [])[0]
    ),
}

# The classes each kind draws (the property checks every draw is one of them).
TYPES: dict[str, set[str]] = {
    "models": {
        "Campaign",
        "CampaignGroup",
        "CallingList",
        "CampaignCallingList",
        "Schedule",
        "RetrySettings",
    },
    "group events": {"GroupStateChanged"},
    "campaign events": {"CampaignStatusChanged"},
    "snapshots": {"GroupSnapshot"},
    "transitions": {"Transition"},
    "counters": {"GroupCounters"},
    "group stats": {"GroupStats"},
    "list stats": {"ListStats"},
    "pacing snapshots": {"PacingSnapshot"},
    "policies": {"Preview", "Progressive", "Power", "ServiceLevel", "Predictive"},
    "decisions": {"PacingDecision"},
    "estimates": {"Estimate"},
    "calling records": {"CallingRecord"},
    "retry plans": {"RetryPlan"},
    "treatments": {"Treatment"},
    "list progress": {"ListProgress"},
    "scenarios": {"Scenario"},
    "sim results": {"SimResult"},
    "sim minutes": {"Minute"},
    "distributions": {"Exponential", "Fixed", "Uniform", "LogNormal"},
    "campaign transitions": {"Transition"},
    "ledgers": {"AbandonmentLedger"},
    "window counts": {"WindowCounts"},
    "observations": {"Observation"},
    "destinations": {"Destination"},
    "genesys reports": {"GroupStateReport"},
    "stat server objects": {"StatServerObject"},
}

# Not values: they hold secrets or live objects, or are a test's tool.
EXEMPT = {
    "Credentials": "tokens; its repr hides them, to_dict is not for logs",
    "HttpRequest": "bytes and an Authorization header: a request to send, not keep",
    "CallbackNotifier": "a notifier",
    "LoggingNotifier": "a notifier",
    "RecordingNotifier": "a notifier",
    "DispatchReport": "holds notifiers",
    "SteppingClock": "a mutable test clock",
}


def _public_attrs_classes() -> dict[str, type]:
    """Every attrs class a public campaignkit module exports."""
    found: dict[str, type] = {}
    for module in pkgutil.walk_packages(campaignkit.__path__, "campaignkit."):
        mod = importlib.import_module(module.name)
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name, None)
            if isinstance(obj, type) and attrs.has(obj):
                found[obj.__name__] = obj
    return found


def test_every_public_value_is_in_the_property_or_exempt() -> None:
    """A new public value type cannot miss the property below."""
    covered = set().union(*TYPES.values())
    assert set(_public_attrs_classes()) - covered - set(EXEMPT) == set()


def test_an_http_request_pickles_and_copies() -> None:
    """Exempt from JSON (bytes, a token), but still a frozen, copyable value."""
    creds = eightbyeight.Credentials("acme", "d4t4", "4ct10n")
    request = eightbyeight.status_request("na12", 6561, creds)
    assert pickle.loads(pickle.dumps(request)) == request
    assert copy.deepcopy(request) == request


def _type_of(value: Any) -> Any:
    if isinstance(value, Transition):
        return Transition[type(value.before), type(value.events[-1])]  # type: ignore[misc]
    return type(value)


@pytest.mark.parametrize(
    "kind",
    list(VALUES),
)
@given(data=st.data())
def test_every_value_pickles_copies_and_round_trips_through_json(
    kind: str, data: st.DataObject
) -> None:
    """pickle, copy.deepcopy and to_dict -> JSON -> from_dict give an equal value."""
    value = data.draw(VALUES[kind])
    assert type(value).__name__ in TYPES[kind]
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    for enums in ("numbers", "names"):
        text = json.dumps(to_dict(value, enums=enums), allow_nan=False)
        assert from_dict(_type_of(value), json.loads(text)) == value
