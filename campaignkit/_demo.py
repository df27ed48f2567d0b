"""The ``python -m campaignkit demo`` tour: an hour of one campaign and two groups.

It reads no clock and writes through ``out``, so tests capture it without patching.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs

from campaignkit import lifecycle
from campaignkit._cli import table
from campaignkit.codec import to_dict
from campaignkit.enums import DialMode, OptimizeBy
from campaignkit.events import CampaignStatusChanged, GroupStateChanged, Transition
from campaignkit.models import Campaign, CampaignCallingList, CampaignGroup
from campaignkit.notify import RecordingNotifier, dispatch
from campaignkit.pacing import PacingSnapshot, pace, policy_for
from campaignkit.sim import Scenario, simulate
from campaignkit.stats import group_stats

START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=1)
_LATE = PacingSnapshot(
    agents_ready=2, agents_busy=18, calls_dialing=3, hit_ratio=0.3, answered=400
)
_SNAPSHOTS = {  # moments of a shift, to show what the predictive policy decides
    "shift start, no estimate yet": PacingSnapshot(agents_ready=20),
    "steady, 5 ready of 20": PacingSnapshot(
        agents_ready=5, agents_busy=15, calls_dialing=2, hit_ratio=0.3
    ),
    "2 ready, window at 3.0 %": attrs.evolve(_LATE, abandoned=12),
    "2 ready, window at 3.5 %": attrs.evolve(_LATE, abandoned=14),
    "only 4 records left": PacingSnapshot(
        agents_ready=8, agents_busy=12, hit_ratio=0.3, records_available=4
    ),
}


def _describe(event: GroupStateChanged | CampaignStatusChanged) -> str:
    if isinstance(event, GroupStateChanged):
        head = f"group    {event.group.stat_server_name:<18}"
        tail = f"{event.group.status.name} ({event.action.name} by {event.actor.name})"
    else:
        head = f"campaign {event.campaign.name:<18}"
        tail = f"{event.campaign.status.name} ({event.trigger.name})"
    return f"{event.at:%H:%M:%S}  {head} {event.previous_status.name} -> {tail}"


def _hour(group: CampaignGroup, agents: int, records_left: int) -> list[str]:
    """Simulate the group's hour (its list has ``records_left``): the OCS figures."""
    scenario = Scenario(agents=agents, hit_ratio=0.3, duration=3600.0)
    result = simulate(policy_for(group), scenario, seed=7)
    finished = min(result.calls_answered, records_left)
    counters = attrs.evolve(
        result.counters, records_left=records_left - finished, records_finished=finished
    )
    stats = group_stats(counters)
    rates = (stats.busy_factor, stats.hit_ratio, stats.overdial_rate)
    seconds = stats.time_to_complete
    return [
        group.stat_server_name,
        *("n/a" if rate is None else f"{rate:.1%}" for rate in rates),
        "n/a" if seconds is None else f"{seconds / 60:.0f} min",
    ]


def run_demo(out: Callable[[str], None] = print) -> None:
    """Tour an hour of one campaign with two groups and two calling lists."""
    campaign = Campaign(
        id="6561",
        name="Spring",
        calling_lists=tuple(
            CampaignCallingList(campaign_name="Spring", calling_list_name=name)
            for name in ("Renewals", "Winback")
        ),
    )
    sales = CampaignGroup(
        campaign_name="Spring",
        group_name="Sales",
        optimize_by=OptimizeBy.OVERDIAL_RATE,
        optimize_goal=3,
    )
    retention = CampaignGroup(
        campaign_name="Spring", group_name="Retention", dial_mode=DialMode.PROGRESSIVE
    )
    out(f"Campaign {campaign.name!r} (id {campaign.id})")
    for group in (sales, retention):
        out(f"  CampaignGroup        {group.stat_server_name}")
    for ccl in campaign.calling_lists:
        out(f"  CampaignCallingList  {ccl.stat_server_name}")
    recorder = RecordingNotifier()

    def record(transition: Transition[Any, Any]) -> Any:
        for event in transition.events:
            dispatch(event, [recorder])
            out(_describe(event))
        return transition.after

    out("\nState changes")
    campaign = record(lifecycle.request_status(campaign, "RUNNING", at=START))
    campaign = record(lifecycle.dialing_started(campaign, at=START))
    sales, retention = (
        record(lifecycle.start(record(lifecycle.load(group, at=START)), at=START))
        for group in (sales, retention)
    )
    half = START + dt.timedelta(minutes=30)
    retention = record(lifecycle.set_dial_mode(retention, DialMode.PREDICTIVE, at=half))
    out("\nPacing decisions (a sample)")
    policy = policy_for(sales)
    out(f"  policy of {sales.stat_server_name}: {policy!r}")
    for label, snapshot in _SNAPSHOTS.items():
        decision = pace(snapshot, policy)
        out(f"  {label:<30} launch {decision.calls:>2}  ({decision.reason})")
    out("\nAfter one simulated hour (each group in the mode it ends the hour in)")
    rows = [["group", "busy factor", "hit ratio", "overdial", "time to complete"]]
    for group, agents, left in ((sales, 20, 800), (retention, 8, 400)):
        rows.append(_hour(group, agents, left))
        active = record(lifecycle.stop(group, at=END, calls_in_flight=2))
        inactive = record(lifecycle.calls_drained(active, at=END))
        record(lifecycle.unload(inactive, at=END))
    campaign = record(lifecycle.request_status(campaign, "STOPPED", at=END))
    out("\n" + "\n".join(table(rows)))
    out(f"\n{len(recorder.events)} events delivered to a RecordingNotifier.")
    out("\nThe campaign as JSON (campaignkit.to_dict):")
    out(json.dumps(to_dict(campaign), indent=2))
