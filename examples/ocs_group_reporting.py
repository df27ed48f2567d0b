"""A day of a campaign group, reported the way OCS reports it.

Outbound Contact Server POSTs a CampaignGroupState body when a group is loaded,
started, stopped, unloaded or changes dial mode, and periodically for each active
(loaded) group. This script plays one working day of the group ``Spring@Sales``: load,
start, periodic reports with statistics, a dial-mode change for lunch (and one
that OCS would refuse), a stop with calls still up, the calls draining, and the
unload. The host's part is all here: it calls the lifecycle functions, asks
:func:`~campaignkit.notify.periodic_due` which reports are due, builds a
:class:`~campaignkit.GroupSnapshot` from its counters, and hands every event to
its notifiers (a ``RecordingNotifier`` and a ``LoggingNotifier`` printing OCS's
log lines). Each event's payload is printed as the JSON OCS would send.

Run it with ``python examples/ocs_group_reporting.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

from campaignkit import (
    Actor,
    CampaignGroup,
    DialMode,
    GroupCounters,
    GroupSnapshot,
    GroupStateChanged,
    GroupStatus,
    OptimizeBy,
    Transition,
    TransitionNotAllowed,
    group_stats,
    lifecycle,
    list_stats,
)
from campaignkit.notify import (
    LoggingNotifier,
    Notifier,
    RecordingNotifier,
    dispatch,
    periodic_due,
)
from campaignkit.wire.genesys import group_state_payload

DAY = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
"""Midnight UTC of the day played."""
URI = "https://reports.example.com/ocs/campaign-group-states"
"""The ``campaigngroup-states-uri`` the notifications go to."""
INTERVAL = dt.timedelta(hours=2)
"""The ``campaigngroup-states-interval`` (OCS's default is 10 s; two hours keeps
the printout short)."""
LISTS = {"Renewals": 0.7, "Winback": 0.3}
"""The group's calling lists and the share of the dialing each one gets."""
AGENTS = 20
"""Agents logged in to the group all day."""


def at(hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """The time of day on :data:`DAY`."""
    return DAY + dt.timedelta(hours=hour, minutes=minute, seconds=second)


def counters(seconds: float, share: float = 1.0) -> GroupCounters:
    """What the group (or a list with ``share`` of it) did in its first ``seconds``.

    A steady day: 480 calls dialed an hour, 30 % answered live, 1 in 70 answered
    calls abandoned, agents 84 % busy, 300 of 5000 records finished an hour.
    """
    hours = seconds / 3600.0
    answered = round(144 * hours * share)
    finished = round(300 * hours * share)
    return GroupCounters(
        dialed=round(480 * hours * share),
        answered=answered,
        abandoned=answered // 70,
        agent_busy_seconds=0.84 * AGENTS * seconds,
        agent_logged_seconds=float(AGENTS * seconds),
        records_left=round(5000 * share) - finished,
        records_finished=finished,
        window_seconds=seconds,
    )


def snapshot(
    group: CampaignGroup, started: dt.datetime, now: dt.datetime
) -> GroupSnapshot:
    """The periodic report: the group's figures since it started, and each list's."""
    seconds = (now - started).total_seconds()
    return GroupSnapshot(
        group=group,
        stats=group_stats(counters(seconds)),
        list_stats=list_stats(
            {name: counters(seconds, share) for name, share in LISTS.items()}
        ),
        at=now,
    )


def publish(
    event: GroupStateChanged | GroupSnapshot, notifiers: list[Notifier]
) -> None:
    """Dispatch ``event`` to the notifiers and print its CampaignGroupState body."""
    report = dispatch(event, notifiers)
    for notifier, error in report.failed:  # never retried, as in OCS
        print(f"! {type(notifier).__name__} failed: {error!r}")
    print(json.dumps(group_state_payload(event), indent=2))


def apply(
    transition: Transition[CampaignGroup, GroupStateChanged], notifiers: list[Notifier]
) -> CampaignGroup:
    """Publish a transition's events and return the group after it."""
    for event in transition.events:
        mode = (
            f", {event.group.dial_mode.name}"
            if event.group.status is GroupStatus.RUNNING
            else ""
        )
        print(
            f"== {event.at:%H:%M:%S} {event.action.name} by {event.actor.name}: "
            f"{event.previous_status.name} -> {event.group.status.name}{mode}"
        )
        publish(event, notifiers)
    return transition.after


def report_due(
    group: CampaignGroup,
    started: dt.datetime,
    now: dt.datetime,
    last_sent: dict[str, dt.datetime],
    notifiers: list[Notifier],
) -> None:
    """Send the periodic report of ``group`` if its interval has passed."""
    for due in periodic_due([group], now=now, last_sent=last_sent, interval=INTERVAL):
        print(f"== {now:%H:%M:%S} periodic report, status {due.status.name}")
        publish(snapshot(due, started, now), notifiers)
        last_sent[due.name] = now


def main() -> RecordingNotifier:
    """Play the day; return the recorder holding every event, in order."""
    logger = logging.getLogger("ocs_group_reporting")
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("log %(message_id)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    recorder = RecordingNotifier()
    notifiers: list[Notifier] = [recorder, LoggingNotifier(logger, URI)]
    try:
        play_day(notifiers)
    finally:
        logger.removeHandler(handler)
    kinds = [type(e).__name__ for e in recorder.events]
    print(
        f"recorded {len(kinds)} events: "
        f"{kinds.count('GroupStateChanged')} state changes, "
        f"{kinds.count('GroupSnapshot')} periodic reports"
    )
    return recorder


def play_day(notifiers: list[Notifier]) -> None:
    """The day itself: each step at its own explicit time."""
    group = CampaignGroup(
        campaign_name="Spring",
        group_name="Sales",
        uuid="8f14e45f-ceea-467f-a8f2-3b1c2e4d5a6b",
        dbid=101,
        tenant_name="Acme",
        tenant_ccid="acme-eu-1",
        queue_name="7001",
        channels=30,
    )
    last_sent: dict[str, dt.datetime] = {}

    group = apply(lifecycle.load(group, at=at(8, 55)), notifiers)
    started = at(9)
    group = apply(
        lifecycle.start(
            group,
            at=started,
            dial_mode=DialMode.PREDICTIVE,
            optimize_by=OptimizeBy.BUSY_FACTOR,
            optimize_goal=85,
            actor=Actor.SCHEDULE,
        ),
        notifiers,
    )
    for now in (at(9, 30), at(10, 30), at(11, 30)):
        report_due(group, started, now, last_sent, notifiers)

    # Lunch: half the team is away, so dial one call per free agent.
    group = apply(
        lifecycle.set_dial_mode(group, DialMode.PROGRESSIVE, at=at(12, 30)), notifiers
    )
    try:
        lifecycle.set_dial_mode(group, DialMode.PREVIEW, at=at(12, 31))
    except TransitionNotAllowed as refused:
        print(f"== 12:31:00 PREVIEW refused while running: {refused}")
    for now in (at(13), at(13, 30)):
        report_due(group, started, now, last_sent, notifiers)
    group = apply(
        lifecycle.set_dial_mode(group, DialMode.PREDICTIVE, at=at(14)), notifiers
    )
    for now in (at(15), at(15, 30), at(16, 30)):
        report_due(group, started, now, last_sent, notifiers)

    # End of the shift: three calls are still up when dialing stops.
    group = apply(
        lifecycle.stop(group, at=at(17, 30), calls_in_flight=3, actor=Actor.SCHEDULE),
        notifiers,
    )
    report_due(group, started, at(17, 30, 30), last_sent, notifiers)
    group = apply(lifecycle.calls_drained(group, at=at(17, 31, 5)), notifiers)
    group = apply(lifecycle.unload(group, at=at(17, 35)), notifiers)
    report_due(group, started, at(19, 30), last_sent, notifiers)  # not loaded: none


if __name__ == "__main__":
    main()
