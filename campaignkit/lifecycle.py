"""Status changes of campaign groups and campaigns, decided by python-statemachine.

Two machines hold the rules: :class:`GroupLifecycle` (the Genesys OCS dialing state of
a campaign group) and :class:`CampaignLifecycle` (the 8x8 CC campaign status). Callers
never drive them: they call the plain functions here, which take a frozen model and
return a :class:`~campaignkit.events.Transition` holding the model before, the model
after (``attrs.evolve``; ``status_since`` set to ``at`` when the status changes) and
the events, in order. A refused change raises
:class:`~campaignkit.errors.TransitionNotAllowed`; nothing is ever mutated.

The machine classes are the single source of every rule. When this module is
imported, their states, events and guards are read once into a transition table
(as h11 reads its state tables), and the functions look a change up there: a
machine instance costs a few hundred microseconds to build and queues events under
re-entry, while a lookup is pure and keeps no state between calls, so an interrupted
call (``KeyboardInterrupt``, a signal handler's exception) cannot affect a later one
and a call made from a signal handler is as right as any other. A guard is one plain
function: the machine calls it, and so does the table. A test drives every status,
event and guard outcome through both and finds them equal.

>>> import datetime as dt
>>> from campaignkit import CampaignGroup, GroupStatus
>>> at = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
>>> group = CampaignGroup(campaign_name="Spring", group_name="Sales")
>>> load(group, at=at).after.status
<GroupStatus.INACTIVE: 3>
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, NamedTuple, TypeVar

import attrs
from statemachine import Event, StateChart, StateMachine
from statemachine.states import States

from campaignkit._validate import check
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
from campaignkit.errors import TransitionNotAllowed, ValidationError
from campaignkit.events import (
    CampaignStatusChanged,
    CampaignTrigger,
    GroupChange,
    GroupStateChanged,
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


# --- guards: plain functions, called by the machines and by the table alike ---


def has_calls_in_flight(calls_in_flight: int = 0) -> bool:
    """Whether calls are still up, so the group must wait for them to end."""
    return calls_in_flight > 0


# The pairs a running group may switch within (the OCS rule): each pair is closed, so
# a mode may also be kept (to retune the optimization). It is not a dial family: the
# GVP modes of the same families, and a switch between seizing and not, need a restart.
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
    """The dialing state of a campaign group (Genesys OCS), as a strict machine.

    Exported for diagrams and introspection; change a group through :func:`load`,
    :func:`start` and the other functions of this module. Each event is named after
    its function. Guards read only the keyword arguments the functions send:
    ``calls_in_flight`` decides between stopping (Active) and stopped (InActive),
    and between waiting to unload and unloading at once; :func:`dial_mode_refusal`
    decides ``set_dial_mode``.
    """

    s = States.from_enum(GroupStatus, initial=GroupStatus.NOT_LOADED)

    load = s.NOT_LOADED.to(s.INACTIVE)
    start = s.INACTIVE.to(s.RUNNING) | s.ACTIVE.to(s.RUNNING)
    stop = s.RUNNING.to(s.ACTIVE, cond=has_calls_in_flight) | s.RUNNING.to(s.INACTIVE)
    calls_drained = s.ACTIVE.to(s.INACTIVE) | s.WAITING_UNLOAD.to(s.UNLOAD_IN_PROGRESS)
    unload = (
        s.INACTIVE.to(s.WAITING_UNLOAD, cond=has_calls_in_flight)
        | s.INACTIVE.to(s.NOT_LOADED)
        | s.ACTIVE.to(s.WAITING_UNLOAD, cond=has_calls_in_flight)
        | s.ACTIVE.to(s.NOT_LOADED)
        | s.RUNNING.to(s.WAITING_UNLOAD, cond=has_calls_in_flight)
        | s.RUNNING.to(s.NOT_LOADED)
    )
    unloaded = s.UNLOAD_IN_PROGRESS.to(s.NOT_LOADED)
    force_unload = s.NOT_LOADED.from_(*[state for state in s if state.value.is_loaded])
    set_dial_mode = s.RUNNING.to.itself(unless=dial_mode_refusal)


_C = CampaignStatus
_SCHEDULE = StatusCause.SCHEDULE
_DIALED = {  # the phases in which a campaign's records were dialed
    CampaignPhase.STARTING,
    CampaignPhase.RUNNING,
    CampaignPhase.PAUSED,
    CampaignPhase.PURGED,
}


class CampaignLifecycle(StateMachine):
    """The status of an 8x8 CC campaign, as a strict machine; stopped is final.

    Exported for diagrams and introspection; change a campaign through
    :func:`request_status` and the automatic changes of this module. Each event is
    named after its :class:`~campaignkit.events.CampaignTrigger`: the four requests
    after the :class:`~campaignkit.enums.RequestedStatus` a client sends (each keeps
    the campaign's cause: a schedule-driven campaign pauses, purges and resumes
    through the Schedule statuses), the others after the functions that report them.
    """

    s = States.from_enum(
        CampaignStatus,
        initial=CampaignStatus.NEW,
        final=[_C.MANUAL_STOPPED, _C.COMPLETED, _C.SCHEDULE_STOPPED],
    )

    RUNNING = Event(
        s.NEW.to(s.MANUAL_STARTED)
        | s.SCHEDULED.to(s.MANUAL_STARTED)
        | s.MANUAL_PAUSED.to(s.MANUAL_RUNNING)
        | s.SCHEDULE_PAUSED.to(s.SCHEDULE_RUNNING)
        | s.MANUAL_PURGED.to(s.MANUAL_RUNNING)
        | s.SCHEDULE_PURGED.to(s.SCHEDULE_RUNNING),
        name="RUNNING",
    )
    PAUSED = Event(
        s.MANUAL_STARTED.to(s.MANUAL_PAUSED)
        | s.SCHEDULED.to(s.SCHEDULE_PAUSED)
        | s.MANUAL_RUNNING.to(s.MANUAL_PAUSED)
        | s.SCHEDULE_RUNNING.to(s.SCHEDULE_PAUSED),
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
        *[state for state in s if state.value.cause is _SCHEDULE and not state.final]
    )
    records_completed = s.COMPLETED.from_(
        *[state for state in s if state.value.phase in _DIALED]
    )


# --- the transition table, compiled once from the machine classes ---


class _Guard(NamedTuple):
    function: Callable[..., Any]
    params: tuple[str, ...]
    passes: bool  # the truth the result must have: True for cond, False for unless


_Branches = tuple[tuple[tuple[_Guard, ...], Any], ...]


def _compile(machine: type[StateChart[Any]]) -> dict[tuple[Any, str], _Branches]:
    """``(status, event) -> ((guards, target), ...)`` in the machine's order.

    As in the machine, the first branch whose guards all pass is taken. Guards
    must be given as functions (not names), so the table can call them too.
    """
    table: dict[tuple[Any, str], list[tuple[tuple[_Guard, ...], Any]]] = {}
    for status, state in machine.states_map.items():
        for transition in state.transitions:
            guards = tuple(
                _Guard(
                    g.func,
                    tuple(inspect.signature(g.func).parameters),
                    g.expected_value,
                )
                for g in transition.cond
            )
            for event in transition.events:
                branches = table.setdefault((status, event.id), [])
                branches.append((guards, transition.target.value))
    return {key: tuple(branches) for key, branches in table.items()}


def _decide(
    table: Mapping[tuple[Any, str], _Branches],
    status: Any,
    event: str,
    args: Mapping[str, Any],
) -> tuple[Any, str]:
    """The status ``event`` leads to from ``status``, or None and why not.

    Each guard gets the arguments it names. A refusing ``unless`` guard's result is
    its reason; a failing ``cond`` only selects the next branch.
    """
    reasons = []
    for guards, target in table.get((status, event), ()):
        for function, params, passes in guards:
            said = function(**{name: args[name] for name in params if name in args})
            if bool(said) is not passes:
                if not passes:
                    reasons.append(str(said))
                break
        else:
            return target, ""
    return None, "; ".join(reasons)


E = TypeVar("E", GroupChange, CampaignTrigger)


def _allowed(
    table: Mapping[tuple[Any, str], Any], statuses: Iterable[Any], kind: type[E]
) -> dict[Any, frozenset[E]]:
    """Every change allowed from each status: the events the table has from it."""
    allowed: dict[Any, set[E]] = {status: set() for status in statuses}
    for status, event in table:
        allowed[status].add(kind(event))
    return {status: frozenset(changes) for status, changes in allowed.items()}


_GROUP_TABLE: Final = _compile(GroupLifecycle)
_CAMPAIGN_TABLE: Final = _compile(CampaignLifecycle)
# A complete ends with the group's unload, so it is allowed wherever unload is.
_GROUP_CHANGES: Final = {
    status: changes
    | ({GroupChange.COMPLETE} if GroupChange.UNLOAD in changes else set())
    for status, changes in _allowed(_GROUP_TABLE, GroupStatus, GroupChange).items()
}
_CAMPAIGN_TRIGGERS: Final = _allowed(_CAMPAIGN_TABLE, CampaignStatus, CampaignTrigger)
_GROUP_ACTIONS: Final = {
    status: frozenset(c.action for c in changes if c.action is not None)
    for status, changes in _GROUP_CHANGES.items()
}
_CAMPAIGN_REQUESTS: Final = {
    status: frozenset(RequestedStatus(t) for t in triggers if t.is_request)
    for status, triggers in _CAMPAIGN_TRIGGERS.items()
}


# --- checking values (types are trusted) ---

P = TypeVar("P", DialMode, EndHandle, OptimizeBy, RequestedStatus)


def _parse(kind: type[P], value: P | str, function: str, field: str) -> P:
    """A member of ``kind`` from a member, its value or its name in any case."""
    try:
        return kind.parse(value)
    except ValidationError as error:
        raise ValidationError(function, field, value, error.allowed) from None


def _check_at(function: str, since: dt.datetime | None, at: dt.datetime) -> None:
    check(function, "at", at, at.utcoffset() is not None, "an aware datetime")
    if since is not None and at < since:
        allowed = f"not earlier than status_since ({since.isoformat()})"
        check(function, "at", at, False, allowed)


def _check_calls(function: str, calls_in_flight: int) -> int:
    check(function, "calls_in_flight", calls_in_flight, calls_in_flight >= 0, ">= 0")
    return calls_in_flight


# --- groups ---


def _step(
    group: CampaignGroup,
    event: GroupChange,
    action: GroupAction,
    actor: Actor,
    at: dt.datetime,
    *,
    args: Mapping[str, Any],
    asked: GroupChange,
    changes: Mapping[str, Any],
) -> tuple[CampaignGroup, GroupStateChanged]:
    """Take machine event ``event``; a refusal names ``asked``, the change asked."""
    status = group.status
    target, reason = _decide(_GROUP_TABLE, status, event, args)
    if target is None:
        allowed = _GROUP_CHANGES[status] - {asked}
        name = group.stat_server_name
        raise TransitionNotAllowed(name, status, asked, allowed, reason=reason)
    if target is not status:
        changes = {**changes, "status": target, "status_since": at}
    after = attrs.evolve(group, **changes)
    changed = GroupStateChanged(
        group=after, previous_status=status, action=action, actor=actor, at=at
    )
    return after, changed


def _group(
    change: GroupChange,
    group: CampaignGroup,
    at: dt.datetime,
    actor: Actor = Actor.SELF,
    changes: Mapping[str, Any] | None = None,
    **args: Any,
) -> GroupTransition:
    """Make one change, asked by ``actor``.

    A report OCS makes itself (actor SELF) carries the action of the request it
    finishes: STOP_DIALING for the calls of a stop, else UNLOAD.
    """
    _check_at(change.value, group.status_since, at)
    action = change.action or (
        GroupAction.STOP_DIALING
        if group.status is GroupStatus.ACTIVE
        else GroupAction.UNLOAD
    )
    after, changed = _step(
        group, change, action, actor, at, args=args, asked=change, changes=changes or {}
    )
    return Transition(before=group, after=after, events=(changed,))


def _dialing(
    function: str,
    dial_mode: DialMode | str | None,
    optimize_by: OptimizeBy | str | None,
    optimize_goal: int | None,
) -> dict[str, Any]:
    """The dialing settings given; the group's validators check the goal."""
    changes: dict[str, Any] = {}
    if dial_mode is not None:
        changes["dial_mode"] = _parse(DialMode, dial_mode, function, "dial_mode")
    if optimize_by is not None:
        by = _parse(OptimizeBy, optimize_by, function, "optimize_by")
        changes["optimize_by"] = by
    if optimize_goal is not None:
        changes["optimize_goal"] = optimize_goal
    return changes


def load(
    group: CampaignGroup, *, at: dt.datetime, actor: Actor = Actor.OCS_CLIENT
) -> GroupTransition:
    """Load a group into OCS (NotLoaded -> InActive), ready to start dialing.

    Args:
        group: The group to load.
        at: When it happened (aware, not before ``group.status_since``).
        actor: Who asked for it.
    """
    return _group(GroupChange.LOAD, group, at, actor)


def start(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    dial_mode: DialMode | str | None = None,
    optimize_by: OptimizeBy | str | None = None,
    optimize_goal: int | None = None,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Start dialing (InActive or Active -> Running), possibly in another mode.

    A start is when OCS accepts any dial mode, so the given mode, optimization
    method and goal replace the group's; those left ``None`` are kept.

    Args:
        group: The group to start.
        at: When it happened (aware, not before ``group.status_since``).
        dial_mode: The mode to dial in, if not the group's: a member or its name
            in any case (``"predictive"``).
        optimize_by: The optimization method, if not the group's (or its name).
        optimize_goal: The optimization goal, if not the group's.
        actor: Who asked for it.
    """
    changes = _dialing("start", dial_mode, optimize_by, optimize_goal)
    return _group(GroupChange.START_DIALING, group, at, actor, changes)


def stop(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    calls_in_flight: int = 0,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Stop dialing: Running -> Active while calls are in flight, else InActive.

    Args:
        group: The running group.
        at: When it happened (aware, not before ``group.status_since``).
        calls_in_flight: Calls still up; if any, :func:`calls_drained` follows.
        actor: Who asked for it.
    """
    calls = _check_calls("stop", calls_in_flight)
    return _group(GroupChange.STOP_DIALING, group, at, actor, calls_in_flight=calls)


def calls_drained(group: CampaignGroup, *, at: dt.datetime) -> GroupTransition:
    """Report that the last call ended (Active -> InActive, else -> UnloadInProgress).

    The event carries the action of the request it finishes (STOP_DIALING after a
    stop, UNLOAD after an unload) and the actor SELF, as OCS reports it.

    Args:
        group: The group that was waiting for its calls.
        at: When it happened (aware, not before ``group.status_since``).
    """
    return _group(GroupChange.CALLS_DRAINED, group, at)


def unload(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    calls_in_flight: int = 0,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Unload a group: to WaitingUnload while calls are in flight, else NotLoaded.

    Allowed from InActive, Active and Running; a running group stops dialing as it
    unloads.

    Args:
        group: The loaded group.
        at: When it happened (aware, not before ``group.status_since``).
        calls_in_flight: Calls still up; if any, :func:`calls_drained` and
            :func:`unloaded` follow.
        actor: Who asked for it.
    """
    calls = _check_calls("unload", calls_in_flight)
    return _group(GroupChange.UNLOAD, group, at, actor, calls_in_flight=calls)


def unloaded(group: CampaignGroup, *, at: dt.datetime) -> GroupTransition:
    """Report that OCS finished unloading (UnloadInProgress -> NotLoaded).

    Args:
        group: The group being unloaded.
        at: When it happened (aware, not before ``group.status_since``).
    """
    return _group(GroupChange.UNLOADED, group, at)


def force_unload(
    group: CampaignGroup, *, at: dt.datetime, actor: Actor = Actor.OCS_CLIENT
) -> GroupTransition:
    """Unload at once, whatever the group is doing (any loaded status -> NotLoaded).

    Args:
        group: The loaded group.
        at: When it happened (aware, not before ``group.status_since``).
        actor: Who asked for it.
    """
    return _group(GroupChange.FORCE_UNLOAD, group, at, actor)


def set_dial_mode(
    group: CampaignGroup,
    dial_mode: DialMode | str,
    *,
    at: dt.datetime,
    optimize_by: OptimizeBy | str | None = None,
    optimize_goal: int | None = None,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Change the dial mode of a running group, as far as OCS allows it while dialing.

    Only Predictive <-> Progressive and Predictive with seizing <-> Progressive with
    seizing (or keeping one of those four modes, to retune the optimization); any
    other change, Preview included, needs a stop and a start and is refused with
    :func:`dial_mode_refusal`'s reason. The status does not change, so
    ``status_since`` is kept.

    Args:
        group: The running group.
        dial_mode: The new mode: a member or its name in any case.
        at: When it happened (aware, not before ``group.status_since``).
        optimize_by: The new optimization method, if it changes (or its name).
        optimize_goal: The new optimization goal, if it changes.
        actor: Who asked for it.
    """
    changes = _dialing("set_dial_mode", dial_mode, optimize_by, optimize_goal)
    return _group(
        GroupChange.SET_DIALING_MODE,
        group,
        at,
        actor,
        changes,
        dial_mode_now=group.dial_mode,
        dial_mode=changes["dial_mode"],
    )


def complete(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    calls_in_flight: int = 0,
    end_handle: EndHandle | str = EndHandle.STOP,
) -> GroupTransition:
    """Report that the group's calling lists have no target left.

    With ``EndHandle.STOP`` (OCS's auto-completion, and VoIPbin's ``stop``) the group
    stops and unloads, as OCS reports it (actor SELF): a running group first stops
    dialing (STOP_DIALING event), then unloads (UNLOAD event); an Active or InActive
    group only unloads. With calls in flight it ends in WaitingUnload.

    With ``EndHandle.CONTINUE`` (VoIPbin's ``continue``) the group keeps running,
    idle: nothing changes and there is no event, and the next target is dialed
    without a new start.

    Args:
        group: The group to complete (Running, Active or InActive).
        at: When it happened (aware, not before ``group.status_since``).
        calls_in_flight: Calls still up.
        end_handle: What running out of targets does (the campaign's
            ``end_handle``, or its value: ``"continue"``).
    """
    _check_at("complete", group.status_since, at)
    args = {"calls_in_flight": _check_calls("complete", calls_in_flight)}
    asked, current, events = GroupChange.COMPLETE, group, []
    if _parse(EndHandle, end_handle, "complete", "end_handle") is EndHandle.CONTINUE:
        if asked not in _GROUP_CHANGES[group.status]:
            allowed = _GROUP_CHANGES[group.status]
            raise TransitionNotAllowed(
                group.stat_server_name, group.status, asked, allowed
            )
        return Transition(before=group, after=group, events=())
    steps = [(GroupChange.UNLOAD, GroupAction.UNLOAD)]
    if group.status is GroupStatus.RUNNING:
        steps.insert(0, (GroupChange.STOP_DIALING, GroupAction.STOP_DIALING))
    for event, action in steps:
        current, changed = _step(
            current, event, action, Actor.SELF, at, args=args, asked=asked, changes={}
        )
        events.append(changed)
    return Transition(before=group, after=current, events=tuple(events))


def allowed_actions(group: CampaignGroup) -> frozenset[GroupAction]:
    """The requests a client may send to the group now, read from the machine.

    A request whose guard needs its arguments (SET_DIALING_MODE needs the new mode,
    and most modes are refused while running) is listed and judged when it is made.
    The follow-ups OCS reports itself (:func:`calls_drained`, :func:`unloaded`) are
    not requests and are not listed.

    Args:
        group: The group to ask about.
    """
    return _GROUP_ACTIONS[group.status]


# --- campaigns ---


def _campaign(
    trigger: CampaignTrigger,
    campaign: Campaign,
    at: dt.datetime,
    changes: Mapping[str, Any] | None = None,
    function: str = "",
) -> CampaignTransition:
    """Make one change, named after its trigger (or ``function`` for messages)."""
    status = campaign.status
    _check_at(function or trigger.value, campaign.status_since, at)
    target = _campaign_target(campaign, trigger)
    after = attrs.evolve(campaign, status=target, status_since=at, **(changes or {}))
    changed = CampaignStatusChanged(
        campaign=after, previous_status=status, trigger=trigger, at=at
    )
    return Transition(before=campaign, after=after, events=(changed,))


def _campaign_target(campaign: Campaign, trigger: CampaignTrigger) -> CampaignStatus:
    """The status ``trigger`` leads to from the campaign's, or the refusal."""
    target, _ = _decide(_CAMPAIGN_TABLE, campaign.status, trigger, {})
    if target is None:
        allowed = _CAMPAIGN_TRIGGERS[campaign.status] - {trigger}
        raise TransitionNotAllowed(campaign.label, campaign.status, trigger, allowed)
    return target  # type: ignore[no-any-return]


def check_request(campaign: Campaign, target: RequestedStatus | str) -> RequestedStatus:
    """The request ``target`` names, if the campaign's status allows it now.

    What :func:`request_status` checks, without making the change: for a host that
    sends the request to the vendor first (as the 8x8 status-change body does).

    Args:
        campaign: The campaign as last read.
        target: The requested status, or its name in any case (``"running"``).

    Raises:
        ValidationError: ``target`` names no request.
        TransitionNotAllowed: Not allowed from the campaign's status; the same
            refusal :func:`request_status` raises.
    """
    requested = _parse(RequestedStatus, target, "check_request", "target")
    _campaign_target(campaign, CampaignTrigger(requested))
    return requested


def request_status(
    campaign: Campaign, target: RequestedStatus | str, *, at: dt.datetime
) -> CampaignTransition:
    """Apply a client's status request (the 8x8 POST ``{"status": ...}``).

    RUNNING from New or Scheduled starts the campaign now (Manual Started), from
    Paused or Purged resumes it; PAUSED from Started, Scheduled or Running; PURGED
    from Paused; STOPPED from any status that is not stopped (Manual Stopped, final).
    A request keeps the campaign's cause: a schedule-driven campaign pauses, purges
    and resumes through the Schedule statuses.

    Args:
        campaign: The campaign to change.
        target: The requested status, or its name in any case (``"running"``).
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    requested = _parse(RequestedStatus, target, "request_status", "target")
    trigger = CampaignTrigger(requested)
    return _campaign(trigger, campaign, at, function="request_status")


def schedule(
    campaign: Campaign, *, at: dt.datetime, start_at: dt.datetime
) -> CampaignTransition:
    """Schedule a new campaign to start at ``start_at`` (New -> Scheduled).

    ``start_at`` becomes the schedule's start time; it must be aware, later than
    ``at`` (Scheduled means the start time is not reached) and, if the schedule has
    a stop time, earlier than it.

    Args:
        campaign: The new campaign.
        at: When it happened (aware, not before ``campaign.status_since``).
        start_at: When the schedule starts the campaign.
    """
    aware = start_at.utcoffset() is not None
    check("schedule", "start_at", start_at, aware, "an aware datetime")
    _check_at("schedule", campaign.status_since, at)
    check("schedule", "start_at", start_at, start_at > at, f"later than at ({at})")
    stop_time = campaign.schedule.stop_time
    if stop_time is not None:
        allowed = f"earlier than the schedule's stop_time ({stop_time})"
        check("schedule", "start_at", start_at, start_at < stop_time, allowed)
    changes = {"schedule": attrs.evolve(campaign.schedule, start_time=start_at)}
    return _campaign(CampaignTrigger.SCHEDULE, campaign, at, changes)


def schedule_start_reached(
    campaign: Campaign, *, at: dt.datetime
) -> CampaignTransition:
    """Report that the start time came (Scheduled -> Schedule Running).

    Args:
        campaign: The scheduled campaign.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign(CampaignTrigger.SCHEDULE_START_REACHED, campaign, at)


def dialing_started(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that a manually started campaign began dialing (-> Manual Running).

    Args:
        campaign: The campaign in Manual Started.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign(CampaignTrigger.DIALING_STARTED, campaign, at)


def schedule_stop_reached(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that the schedule's stop time came (-> Schedule Stopped, final).

    Applies to a Scheduled campaign and to a schedule-driven one (running, paused or
    purged); a manually run campaign ignores the schedule, so it is refused there.

    Args:
        campaign: The schedule-driven campaign.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign(CampaignTrigger.SCHEDULE_STOP_REACHED, campaign, at)


def records_completed(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that every record is done (started/running/paused/purged -> Completed).

    Args:
        campaign: The campaign whose records are done.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign(CampaignTrigger.RECORDS_COMPLETED, campaign, at)


def allowed_requests(campaign: Campaign) -> frozenset[RequestedStatus]:
    """The status requests a client may send to the campaign now, read from the machine.

    Empty for a stopped campaign: stopped is final.

    Args:
        campaign: The campaign to ask about.
    """
    return _CAMPAIGN_REQUESTS[campaign.status]


# --- derived views ---


def campaign_activity(groups: Iterable[CampaignGroup]) -> CampaignActivity:
    """A campaign's activity as Stat Server derives it from its groups.

    RUNNING if any group is running; ACTIVATED if any is loaded and none is
    running; DEACTIVATED otherwise (no group loaded, or no group at all).

    Args:
        groups: The campaign's groups.
    """
    statuses = {group.status for group in groups}
    if GroupStatus.RUNNING in statuses:
        return CampaignActivity.RUNNING
    if any(status.is_loaded for status in statuses):
        return CampaignActivity.ACTIVATED
    return CampaignActivity.DEACTIVATED


def diagram(machine: type[StateChart[Any]]) -> str:
    """The machine as Mermaid ``stateDiagram-v2`` text, for the docs (no Graphviz).

    Built from the machine class itself, so the pictures cannot drift from the
    rules. Guards show as ``[name]`` after the event (``[!name]`` for a guard
    that says why it refuses).

    Args:
        machine: :class:`GroupLifecycle` or :class:`CampaignLifecycle` (any
            python-statemachine class works).
    """
    return format(machine, "mermaid")
