"""Every public value pickles, deep-copies and round-trips through JSON.

One property, run over every kind of value a host may keep, log, cache or send:
models, snapshots, decisions, events, transitions, stats, records, retry plans,
treatments, list progress and simulation results. Credentials and notifiers are
not values and are left out.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignkit import (
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
from campaignkit.events import Transition
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
}


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
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    for enums in ("numbers", "names"):
        text = json.dumps(to_dict(value, enums=enums), allow_nan=False)
        assert from_dict(_type_of(value), json.loads(text)) == value
