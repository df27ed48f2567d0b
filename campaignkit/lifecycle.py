"""Status changes of campaign groups and campaigns, ruled by python-statemachine.

Each function takes a frozen model and ``at``, the time of the change (aware, not
before the model's ``status_since``), and returns a
:class:`~campaignkit.events.Transition`, or raises
:class:`~campaignkit.errors.TransitionNotAllowed`. See ``docs/lifecycles.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from inspect import signature
from operator import attrgetter
from typing import Any, Final

import attrs
from statemachine import Event, StateChart, StateMachine
from statemachine.states import States

from campaignkit._validate import check, check_aware
from campaignkit.enums import (
    Actor,
    CampaignActivity,
    CampaignPhase,
    CampaignStatus,
    DialMode,
    EndHandle,
    GroupAction,
    GroupStatus,
    OptimizeBy,
    RequestedStatus,
    StatusCause,
)
from campaignkit.errors import TransitionNotAllowed
from campaignkit.events import (
    CampaignStatusChanged,
    CampaignTrigger,
    GroupChange,
    GroupStateChanged,
    M,
    Transition,
)
from campaignkit.models import Campaign, CampaignGroup

__all__ = [
    "CampaignLifecycle",
    "CampaignTransition",
    "GroupLifecycle",
    "GroupTransition",
    "allowed_actions",
    "allowed_requests",
    "calls_drained",
    "campaign_activity",
    "check_request",
    "complete",
    "diagram",
    "dial_mode_refusal",
    "dialing_started",
    "force_unload",
    "has_calls_in_flight",
    "load",
    "records_completed",
    "request_status",
    "schedule",
    "schedule_start_reached",
    "schedule_stop_reached",
    "set_dial_mode",
    "start",
    "stop",
    "unload",
    "unloaded",
]

GroupTransition = Transition[CampaignGroup, GroupStateChanged]
"""What a group function returns: the group before and after, and its events."""
CampaignTransition = Transition[Campaign, CampaignStatusChanged]
"""What a campaign function returns: the campaign before and after, and its events."""


def has_calls_in_flight(calls_in_flight: int = 0) -> bool:
    """Whether calls are still up, so the group must wait for them to end."""
    return calls_in_flight > 0


# The pairs a running group may switch within, or keep its mode in (OCS's rule).
_SWITCHABLE: Final = (
    frozenset({DialMode.PREDICTIVE, DialMode.PROGRESSIVE}),
    frozenset({DialMode.PREDICTIVE_SEIZE, DialMode.PROGRESSIVE_SEIZE}),
)


def dial_mode_refusal(
    dial_mode_now: DialMode = DialMode.NONE, dial_mode: DialMode = DialMode.NONE
) -> str:
    """Why a running group may not go from ``dial_mode_now`` to ``dial_mode``, or ""."""
    if any({dial_mode_now, dial_mode} <= pair for pair in _SWITCHABLE):
        return ""
    return (
        f"{dial_mode_now.name} -> {dial_mode.name} needs a stop and a start (only "
        "Predictive <-> Progressive, with or without seizing, change while running)"
    )


class GroupLifecycle(StateMachine):
    """A campaign group's dialing state (Genesys OCS), for diagrams and inspection."""

    s = States.from_enum(GroupStatus, initial=GroupStatus.NOT_LOADED)

    load = s.NOT_LOADED.to(s.INACTIVE)
    start = s.RUNNING.from_(s.INACTIVE, s.ACTIVE)
    stop = s.RUNNING.to(s.ACTIVE, cond=has_calls_in_flight) | s.RUNNING.to(s.INACTIVE)
    calls_drained = s.ACTIVE.to(s.INACTIVE) | s.WAITING_UNLOAD.to(s.UNLOAD_IN_PROGRESS)
    unload = s.WAITING_UNLOAD.from_(
        s.INACTIVE, s.ACTIVE, s.RUNNING, cond=has_calls_in_flight
    ) | s.NOT_LOADED.from_(s.INACTIVE, s.ACTIVE, s.RUNNING)
    unloaded = s.UNLOAD_IN_PROGRESS.to(s.NOT_LOADED)
    force_unload = s.NOT_LOADED.from_(*[state for state in s if state.value.is_loaded])
    set_dial_mode = s.RUNNING.to.itself(unless=dial_mode_refusal)


_UNDIALED: Final = (CampaignPhase.NEW, CampaignPhase.SCHEDULED)


class CampaignLifecycle(StateMachine):
    """An 8x8 CC campaign's status, for diagrams and inspection; stopped is final."""

    s = States.from_enum(
        CampaignStatus,
        initial=CampaignStatus.NEW,
        final=[status for status in CampaignStatus if status.is_final],
    )

    RUNNING = Event(
        s.MANUAL_STARTED.from_(s.NEW, s.SCHEDULED)
        | s.MANUAL_RUNNING.from_(s.MANUAL_PAUSED, s.MANUAL_PURGED)
        | s.SCHEDULE_RUNNING.from_(s.SCHEDULE_PAUSED, s.SCHEDULE_PURGED),
        name="RUNNING",
    )
    PAUSED = Event(
        s.MANUAL_PAUSED.from_(s.MANUAL_STARTED, s.MANUAL_RUNNING)
        | s.SCHEDULE_PAUSED.from_(s.SCHEDULED, s.SCHEDULE_RUNNING),
        name="PAUSED",
    )
    PURGED = Event(
        s.MANUAL_PAUSED.to(s.MANUAL_PURGED) | s.SCHEDULE_PAUSED.to(s.SCHEDULE_PURGED),
        name="PURGED",
    )
    STOPPED = Event(
        s.MANUAL_STOPPED.from_(*[state for state in s if not state.final]),
        name="STOPPED",
    )
    schedule = s.NEW.to(s.SCHEDULED)
    schedule_start_reached = s.SCHEDULED.to(s.SCHEDULE_RUNNING)
    dialing_started = s.MANUAL_STARTED.to(s.MANUAL_RUNNING)
    schedule_stop_reached = s.SCHEDULE_STOPPED.from_(
        *[st for st in s if st.value.cause is StatusCause.SCHEDULE and not st.final]
    )
    records_completed = s.COMPLETED.from_(
        *[st for st in s if st.value.phase not in _UNDIALED and not st.final]
    )


class _Table:
    """A machine's ``(status, event) -> [(guards, target), ...]``, in its order.

    A guard is ``(function, its parameter names, the truth it needs)``: True for a
    ``cond``, False for an ``unless``; a function, not a name, so the table can call it.
    """

    def __init__(
        self, machine: type[StateChart[Any]], kind: type[Any], label: str
    ) -> None:
        self.label = attrgetter(label)  # how a refusal names the model
        self.branches: dict[tuple[Any, str], list[tuple[Any, Any]]] = {}
        for status, state in machine.states_map.items():
            for transition in state.transitions:
                guards = [
                    (g.func, tuple(signature(g.func).parameters), g.expected_value)
                    for g in transition.cond
                ]
                for event in transition.events:
                    branch = (guards, transition.target.value)
                    self.branches.setdefault((status, event.id), []).append(branch)
        self.allowed = {
            status: {kind(event) for source, event in self.branches if source is status}
            for status in machine.states_map
        }

    def target(self, model: M, event: str, args: dict[str, Any]) -> Any:
        """The status ``event`` leads ``model`` to, as the machine decides.

        The first branch whose guards all pass wins; each guard gets the arguments
        it names. A refusing ``unless`` guard's result is the refusal's reason.
        """
        reasons = []
        for guards, target in self.branches.get((model.status, event), ()):
            for function, params, needed in guards:
                answer = function(**{p: args[p] for p in params if p in args})
                if bool(answer) is not needed:
                    if not needed:  # a refusing ``unless`` says why
                        reasons.append(str(answer))
                    break
            else:
                return target
        allowed = self.allowed[model.status] - {event}
        raise TransitionNotAllowed(
            self.label(model), model.status, event, allowed, reason="; ".join(reasons)
        )

    def evolve(
        self, model: M, event: str, at: dt.datetime, args: dict[str, Any], **fields: Any
    ) -> M:
        """The model after ``event``: ``fields`` set, and the status if it changes."""
        target = self.target(model, event, args)
        if target is not model.status:
            fields |= {"status": target, "status_since": at}
        return attrs.evolve(model, **fields)


_GROUPS: Final = _Table(GroupLifecycle, GroupChange, "stat_server_name")
_CAMPAIGNS: Final = _Table(CampaignLifecycle, CampaignTrigger, "label")
for _changes in _GROUPS.allowed.values():
    if GroupChange.UNLOAD in _changes:  # a complete ends with an unload
        _changes.add(GroupChange.COMPLETE)


def _check(function: str, model: M, at: dt.datetime, calls_in_flight: int = 0) -> None:
    """Refuse a naive or too early ``at`` and negative calls, naming ``function``."""
    check_aware(function, "at", at)
    if model.status_since is not None and at < model.status_since:
        allowed = f"not earlier than status_since ({model.status_since.isoformat()})"
        check(function, "at", at, False, allowed)
    check(function, "calls_in_flight", calls_in_flight, calls_in_flight >= 0, ">= 0")


def _group(
    group: CampaignGroup,
    at: dt.datetime,
    actor: Actor,
    *changes: GroupChange,
    calls_in_flight: int = 0,
    **fields: Any,
) -> GroupTransition:
    """Make ``changes`` in turn; a report carries the action of the request it ends."""
    _check(changes[0].value, group, at, calls_in_flight)
    args = {"calls_in_flight": calls_in_flight, "dial_mode_now": group.dial_mode}
    after, events = group, []
    for change in changes:
        action = change.action or (
            GroupAction.STOP_DIALING
            if after.status is GroupStatus.ACTIVE
            else GroupAction.UNLOAD
        )
        previous = after.status
        after = _GROUPS.evolve(after, change, at, args | fields, **fields)
        changed = GroupStateChanged(
            group=after, previous_status=previous, action=action, actor=actor, at=at
        )
        events.append(changed)
    return Transition(before=group, after=after, events=tuple(events))


def _dialing(
    function: str,
    dial_mode: DialMode | str | None,
    optimize_by: OptimizeBy | str | None,
    optimize_goal: int | None,
) -> dict[str, Any]:
    """The dialing settings given; the group's validators check the goal."""
    given = {"optimize_goal": optimize_goal} if optimize_goal is not None else {}
    if dial_mode is not None:
        given["dial_mode"] = DialMode.parse(dial_mode, function, "dial_mode")
    if optimize_by is not None:
        given["optimize_by"] = OptimizeBy.parse(optimize_by, function, "optimize_by")
    return given


def load(
    group: CampaignGroup, *, at: dt.datetime, actor: Actor = Actor.OCS_CLIENT
) -> GroupTransition:
    """Load a group into OCS (NotLoaded -> InActive), ready to start dialing."""
    return _group(group, at, actor, GroupChange.LOAD)


def start(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    dial_mode: DialMode | str | None = None,
    optimize_by: OptimizeBy | str | None = None,
    optimize_goal: int | None = None,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Start dialing (InActive or Active -> Running), in any mode (default: kept)."""
    changes = _dialing("start", dial_mode, optimize_by, optimize_goal)
    return _group(group, at, actor, GroupChange.START_DIALING, **changes)


def stop(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    calls_in_flight: int = 0,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Stop dialing: Running -> Active while calls are in flight, else InActive."""
    change = GroupChange.STOP_DIALING
    return _group(group, at, actor, change, calls_in_flight=calls_in_flight)


def calls_drained(group: CampaignGroup, *, at: dt.datetime) -> GroupTransition:
    """Report that the last call ended (Active -> InActive, or -> UnloadInProgress)."""
    return _group(group, at, Actor.SELF, GroupChange.CALLS_DRAINED)


def unload(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    calls_in_flight: int = 0,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Unload a group: to WaitingUnload while calls are in flight, else NotLoaded."""
    change = GroupChange.UNLOAD
    return _group(group, at, actor, change, calls_in_flight=calls_in_flight)


def unloaded(group: CampaignGroup, *, at: dt.datetime) -> GroupTransition:
    """Report that OCS finished unloading (UnloadInProgress -> NotLoaded)."""
    return _group(group, at, Actor.SELF, GroupChange.UNLOADED)


def force_unload(
    group: CampaignGroup, *, at: dt.datetime, actor: Actor = Actor.OCS_CLIENT
) -> GroupTransition:
    """Unload at once, whatever the group is doing (any loaded status -> NotLoaded)."""
    return _group(group, at, actor, GroupChange.FORCE_UNLOAD)


def set_dial_mode(
    group: CampaignGroup,
    dial_mode: DialMode | str,
    *,
    at: dt.datetime,
    optimize_by: OptimizeBy | str | None = None,
    optimize_goal: int | None = None,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Change a running group's dial mode if :func:`dial_mode_refusal` allows it."""
    changes = _dialing("set_dial_mode", dial_mode, optimize_by, optimize_goal)
    return _group(group, at, actor, GroupChange.SET_DIALING_MODE, **changes)


def complete(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    calls_in_flight: int = 0,
    end_handle: EndHandle | str = EndHandle.STOP,
) -> GroupTransition:
    """Report that the group's lists have no target left: stop and unload, or keep on.

    ``EndHandle.CONTINUE`` keeps the group as it is, with no event.
    """
    handle = EndHandle.parse(end_handle, "complete", "end_handle")
    _check("complete", group, at, calls_in_flight)
    allowed = _GROUPS.allowed[group.status]
    if GroupChange.COMPLETE not in allowed:
        name, status = group.stat_server_name, group.status
        raise TransitionNotAllowed(name, status, GroupChange.COMPLETE, allowed)
    if handle is EndHandle.CONTINUE:
        return Transition(before=group, after=group, events=())
    steps = [GroupChange.STOP_DIALING] if group.status is GroupStatus.RUNNING else []
    steps.append(GroupChange.UNLOAD)
    return _group(group, at, Actor.SELF, *steps, calls_in_flight=calls_in_flight)


def allowed_actions(group: CampaignGroup) -> frozenset[GroupAction]:
    """The requests a client may send to the group now, read from the machine."""
    changes = _GROUPS.allowed[group.status]
    return frozenset(change.action for change in changes if change.action is not None)


def _campaign(
    campaign: Campaign, trigger: CampaignTrigger, at: dt.datetime, **fields: Any
) -> CampaignTransition:
    _check("request_status" if trigger.is_request else trigger.value, campaign, at)
    after = _CAMPAIGNS.evolve(campaign, trigger, at, {}, **fields)
    changed = CampaignStatusChanged(
        campaign=after, previous_status=campaign.status, trigger=trigger, at=at
    )
    return Transition(before=campaign, after=after, events=(changed,))


def check_request(campaign: Campaign, target: RequestedStatus | str) -> RequestedStatus:
    """The request ``target`` names, if allowed now: :func:`request_status`'s checks."""
    requested = RequestedStatus.parse(target, "check_request", "target")
    _CAMPAIGNS.target(campaign, CampaignTrigger(requested), {})
    return requested


def request_status(
    campaign: Campaign, target: RequestedStatus | str, *, at: dt.datetime
) -> CampaignTransition:
    """Apply a client's status request (the 8x8 POST ``{"status": ...}``)."""
    requested = RequestedStatus.parse(target, "request_status", "target")
    return _campaign(campaign, CampaignTrigger(requested), at)


def schedule(
    campaign: Campaign, *, at: dt.datetime, start_at: dt.datetime
) -> CampaignTransition:
    """Schedule a new campaign to start at ``start_at`` (New -> Scheduled)."""
    check_aware("schedule", "start_at", start_at)
    _check("schedule", campaign, at)
    check("schedule", "start_at", start_at, start_at > at, f"later than at ({at})")
    stop_time = campaign.schedule.stop_time
    ok = stop_time is None or start_at < stop_time
    allowed = f"earlier than the schedule's stop_time ({stop_time})"
    check("schedule", "start_at", start_at, ok, allowed)
    plan = attrs.evolve(campaign.schedule, start_time=start_at)
    return _campaign(campaign, CampaignTrigger.SCHEDULE, at, schedule=plan)


def schedule_start_reached(
    campaign: Campaign, *, at: dt.datetime
) -> CampaignTransition:
    """Report that the start time came (Scheduled -> Schedule Running)."""
    return _campaign(campaign, CampaignTrigger.SCHEDULE_START_REACHED, at)


def dialing_started(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that a manually started campaign began dialing (-> Manual Running)."""
    return _campaign(campaign, CampaignTrigger.DIALING_STARTED, at)


def schedule_stop_reached(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that the schedule's stop time came (-> Schedule Stopped, final)."""
    return _campaign(campaign, CampaignTrigger.SCHEDULE_STOP_REACHED, at)


def records_completed(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that every record is done (started/running/paused/purged -> Completed)."""
    return _campaign(campaign, CampaignTrigger.RECORDS_COMPLETED, at)


def allowed_requests(campaign: Campaign) -> frozenset[RequestedStatus]:
    """The status requests a client may send to the campaign now (none once stopped)."""
    triggers = _CAMPAIGNS.allowed[campaign.status]
    return frozenset(RequestedStatus(t) for t in triggers if t.is_request)


def campaign_activity(groups: Iterable[CampaignGroup]) -> CampaignActivity:
    """A campaign's activity as Stat Server derives it from its groups."""
    statuses = {group.status for group in groups}
    if GroupStatus.RUNNING in statuses:
        return CampaignActivity.RUNNING
    loaded = any(status.is_loaded for status in statuses)
    return CampaignActivity.ACTIVATED if loaded else CampaignActivity.DEACTIVATED


def diagram(machine: type[StateChart[Any]]) -> str:
    """The machine as Mermaid ``stateDiagram-v2`` text, built from the class itself."""
    return format(machine, "mermaid")
