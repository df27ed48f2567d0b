"""The ``python -m campaignkit demo`` tour.

The library core prints nothing; these commands write through the ``out`` (and
``err``) callables they are given, so tests capture them without patching.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from campaignkit import lifecycle
from campaignkit._cli import table
from campaignkit.codec import to_dict
from campaignkit.enums import DialMode, OptimizeBy, RequestedStatus
from campaignkit.events import CampaignStatusChanged, GroupStateChanged, Transition
from campaignkit.models import CallingList, Campaign, CampaignCallingList, CampaignGroup
from campaignkit.notify import RecordingNotifier, dispatch
from campaignkit.pacing import PacingSnapshot, Policy, pace, policy_for
from campaignkit.sim import Scenario, simulate
from campaignkit.stats import GroupStats, group_stats

Out = Callable[[str], None]

START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
"""When the demo's hour begins (the demo never reads the clock)."""


def build_demo() -> tuple[Campaign, tuple[CampaignGroup, ...], tuple[CallingList, ...]]:
    """Return the demo's campaign, its two groups and its two calling lists."""
    lists = (
        CallingList(name="Renewals", records_total=1200, records_remaining=800),
        CallingList(name="Winback", records_total=400, records_remaining=400),
    )
    campaign = Campaign(
        id="6561",
        name="Spring",
        calling_lists=tuple(
            CampaignCallingList(campaign_name="Spring", calling_list_name=cl.name)
            for cl in lists
        ),
    )
    groups = (
        CampaignGroup(
            campaign_name="Spring",
            group_name="Sales",
            queue_name="7001",
            optimize_by=OptimizeBy.OVERDIAL_RATE,
            optimize_goal=3,
        ),
        CampaignGroup(
            campaign_name="Spring",
            group_name="Retention",
            queue_name="7002",
            dial_mode=DialMode.PROGRESSIVE,
        ),
    )
    return campaign, groups, lists


def _describe(event: GroupStateChanged | CampaignStatusChanged) -> str:
    clock = event.at.strftime("%H:%M:%S")
    if isinstance(event, GroupStateChanged):
        return (
            f"{clock}  group    {event.group.stat_server_name:<18} "
            f"{event.previous_status.name} -> {event.group.status.name} "
            f"({event.action.name} by {event.actor.name})"
        )
    return (
        f"{clock}  campaign {event.campaign.name:<18} "
        f"{event.previous_status.name} -> {event.campaign.status.name} "
        f"({event.trigger.name})"
    )


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _minutes(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds / 60:.0f} min"


def _group_hour(
    group: CampaignGroup, agents: int, calling_list: CallingList
) -> GroupStats:
    """Simulate the group's hour and turn it into the four OCS figures."""
    result = simulate(
        policy_for(group),
        Scenario(agents=agents, hit_ratio=0.3, duration=3600.0),
        seed=7,
    )
    remaining = calling_list.records_remaining or 0
    finished = min(result.calls_answered, remaining)
    counters = attrs.evolve(
        result.counters, records_left=remaining - finished, records_finished=finished
    )
    return group_stats(counters)


_SNAPSHOTS = {
    "shift start, no estimate yet": PacingSnapshot(agents_ready=20),
    "steady, 5 ready of 20": PacingSnapshot(
        agents_ready=5, agents_busy=15, calls_dialing=2, hit_ratio=0.3
    ),
    "2 ready, window at 3.0 %": PacingSnapshot(
        agents_ready=2,
        agents_busy=18,
        calls_dialing=3,
        hit_ratio=0.3,
        answered=400,
        abandoned=12,
    ),
    "2 ready, window at 3.5 %": PacingSnapshot(
        agents_ready=2,
        agents_busy=18,
        calls_dialing=3,
        hit_ratio=0.3,
        answered=400,
        abandoned=14,
    ),
    "only 4 records left": PacingSnapshot(
        agents_ready=8, agents_busy=12, hit_ratio=0.3, records_available=4
    ),
}
"""Moments of a shift, to show what the predictive policy decides at each."""


class _Tour:
    """The demo's running state: what happened so far, printed as it happens."""

    def __init__(self, out: Out) -> None:
        self.out = out
        self.recorder = RecordingNotifier()

    def record(self, transition: Transition[Any, Any]) -> Any:
        for event in transition.events:
            dispatch(event, [self.recorder])
            self.out(_describe(event))
        return transition.after

    def open(
        self, campaign: Campaign, groups: Sequence[CampaignGroup]
    ) -> tuple[Campaign, list[CampaignGroup]]:
        """Start the campaign, load and start each group, change one mode mid-hour."""
        campaign = self.record(
            lifecycle.request_status(campaign, RequestedStatus.RUNNING, at=START)
        )
        campaign = self.record(lifecycle.dialing_started(campaign, at=START))
        running = []
        for group in groups:
            loaded = self.record(lifecycle.load(group, at=START))
            running.append(self.record(lifecycle.start(loaded, at=START)))
        running[1] = self.record(
            lifecycle.set_dial_mode(
                running[1],
                DialMode.PREDICTIVE,
                at=START + dt.timedelta(minutes=30),
                optimize_by=OptimizeBy.BUSY_FACTOR,
            )
        )
        return campaign, running

    def pacing_sample(self, group: CampaignGroup) -> None:
        policy: Policy = policy_for(group)
        self.out(f"  policy of {group.stat_server_name}: {policy!r}")
        for label, snapshot in _SNAPSHOTS.items():
            decision = pace(snapshot, policy)
            self.out(f"  {label:<30} launch {decision.calls:>2}  ({decision.reason})")

    def close(
        self,
        campaign: Campaign,
        groups: Sequence[CampaignGroup],
        lists: Sequence[CallingList],
    ) -> tuple[Campaign, list[list[str]]]:
        """Simulate each group's hour, then stop and unload it; stop the campaign."""
        end = START + dt.timedelta(hours=1)
        rows = [["group", "busy factor", "hit ratio", "overdial", "time to complete"]]
        for group, agents, calling_list in zip(groups, (20, 8), lists, strict=True):
            stats = _group_hour(group, agents, calling_list)
            rows.append(
                [
                    group.stat_server_name,
                    _percent(stats.busy_factor),
                    _percent(stats.hit_ratio),
                    _percent(stats.overdial_rate),
                    _minutes(stats.time_to_complete),
                ]
            )
            active = self.record(lifecycle.stop(group, at=end, calls_in_flight=2))
            inactive = self.record(lifecycle.calls_drained(active, at=end))
            self.record(lifecycle.unload(inactive, at=end))
        campaign = self.record(
            lifecycle.request_status(campaign, RequestedStatus.STOPPED, at=end)
        )
        return campaign, rows


def run_demo(out: Out = print) -> None:
    """Tour an hour of one campaign with two groups and two calling lists."""
    campaign, groups, lists = build_demo()
    out(f"Campaign {campaign.name!r} (id {campaign.id})")
    for group in groups:
        out(f"  CampaignGroup        {group.stat_server_name}")
    for ccl in campaign.calling_lists:
        out(f"  CampaignCallingList  {ccl.stat_server_name}")
    tour = _Tour(out)
    out("\nState changes")
    campaign, running = tour.open(campaign, groups)
    out("\nPacing decisions (a sample)")
    tour.pacing_sample(running[0])
    out("\nAfter one simulated hour (each group in the mode it ends the hour in)")
    campaign, rows = tour.close(campaign, running, lists)
    out("")
    for line in table(rows):
        out(line)
    out(f"\n{len(tour.recorder.events)} events delivered to a RecordingNotifier.")
    out("\nThe campaign as JSON (campaignkit.to_dict):")
    out(json.dumps(to_dict(campaign), indent=2))
