"""Quickstart: a campaign, its group and lists, a lifecycle, a pacing decision, stats.

The ten-minute tour of campaignkit in one script. It builds the Stat Server
objects of a campaign, drives its group through load, start and stop with the
lifecycle functions (each returns a ``Transition``: the group before, the group
after and the events), asks the pacing policy of the group's dial mode how many
calls to launch, and computes the figures OCS reports. Every time is explicit:
campaignkit never reads a clock, so the host passes ``at=``.

Run it with ``python examples/quickstart.py``.
"""

from __future__ import annotations

import datetime as dt

from campaignkit import (
    CallingList,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    DialMode,
    GroupCounters,
    GroupStateChanged,
    OptimizeBy,
    Transition,
    TransitionNotAllowed,
    group_stats,
    lifecycle,
    list_stats,
)
from campaignkit.pacing import PacingSnapshot, pace, policy_for

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
"""When the example's working day starts (every other time is relative to it)."""


def show(transition: Transition[CampaignGroup, GroupStateChanged]) -> None:
    """Print each event of a group transition as ``name: BEFORE -> AFTER (ACTION)``."""
    for event in transition.events:
        print(
            f"  {event.group.name}: {event.previous_status.name} -> "
            f"{event.group.status.name} ({event.action.name} by {event.actor.name})"
        )


def main() -> None:
    """Run the tour, printing each step."""
    print("1. The objects of the Stat Server hierarchy")
    renewals = CallingList(name="Renewals", records_total=1200, records_remaining=900)
    winback = CallingList(name="Winback", records_total=400, records_remaining=400)
    campaign = Campaign(
        id="6561",
        name="Spring",
        calling_lists=[
            CampaignCallingList(
                campaign_name="Spring", calling_list_name=renewals.name, share=70
            ),
            CampaignCallingList(
                campaign_name="Spring", calling_list_name=winback.name, share=30
            ),
        ],
    )
    group = CampaignGroup(
        campaign_name=campaign.name, group_name="Sales", queue_name="7001", channels=30
    )
    print(f"  campaign {campaign.name!r} (id {campaign.id})")
    for assigned in campaign.calling_lists:
        print(f"  calling list {assigned.stat_server_name} share {assigned.share} %")
    print(f"  group {group.stat_server_name}, status {group.status.name}")

    print("2. Load and start the group (each call returns a new group)")
    loaded = lifecycle.load(group, at=START)
    show(loaded)
    allowed = sorted(a.name for a in lifecycle.allowed_actions(loaded.after))
    print(f"  allowed now: {', '.join(allowed)}")
    started = lifecycle.start(
        loaded.after,
        at=START + dt.timedelta(minutes=1),
        dial_mode=DialMode.PREDICTIVE,
        optimize_by=OptimizeBy.OVERDIAL_RATE,
        optimize_goal=3,
    )
    show(started)
    running = started.after
    print(f"  the first group is unchanged: {group.status.name}")
    print(f"  campaign activity: {lifecycle.campaign_activity([running]).name}")

    print("3. A refused change raises TransitionNotAllowed")
    try:
        lifecycle.load(running, at=START + dt.timedelta(minutes=2))
    except TransitionNotAllowed as refused:
        print(f"  {refused}")

    print("4. How many calls to launch now?")
    policy = policy_for(running)
    busy, dialing = 16, 6  # each holds a line
    snapshot = PacingSnapshot(
        agents_ready=4,
        agents_busy=busy,
        calls_dialing=dialing,
        hit_ratio=0.3,
        mean_handle_time=180.0,
        mean_answer_time=10.0,
        channels_free=running.channels - busy - dialing,
        answered=240,
        abandoned=3,
    )
    decision = pace(snapshot, policy)
    print(f"  policy: {policy}")
    print(f"  launch {decision.calls} calls ({decision.reason})")

    print("5. Statistics for the last 10 minutes")
    window = 600.0
    stats = group_stats(
        GroupCounters(
            dialed=200,
            answered=57,
            abandoned=1,
            agent_busy_seconds=10_080.0,
            agent_logged_seconds=12_000.0,
            records_left=1300,
            records_finished=85,
            window_seconds=window,
        )
    )
    print(
        f"  busy factor {stats.busy_factor:.2f}, hit ratio {stats.hit_ratio:.3f}, "
        f"overdial rate {stats.overdial_rate:.3f}"
    )
    print(f"  time to complete: {stats.time_to_complete:.0f} s")
    per_list = {
        renewals.name: GroupCounters(
            dialed=140,
            answered=42,
            records_left=900,
            records_finished=60,
            window_seconds=window,
        ),
        winback.name: GroupCounters(
            dialed=60,
            answered=15,
            records_left=400,
            records_finished=25,
            window_seconds=window,
        ),
    }
    for figures in list_stats(per_list):
        print(
            f"  {figures.calling_list_name}: hit ratio {figures.hit_ratio:.2f}, "
            f"time to complete {figures.time_to_complete:.0f} s"
        )

    print("6. Stop with two calls still up, then they end")
    stopping = lifecycle.stop(
        running, at=START + dt.timedelta(hours=8), calls_in_flight=2
    )
    show(stopping)
    drained = lifecycle.calls_drained(
        stopping.after, at=START + dt.timedelta(hours=8, seconds=40)
    )
    show(drained)
    print(f"  status since {drained.after.status_since:%Y-%m-%d %H:%M:%S} UTC")


if __name__ == "__main__":
    main()
