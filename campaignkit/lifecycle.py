"""Status changes of campaign groups and campaigns, decided by python-statemachine.

Two machines hold the rules: :class:`GroupLifecycle` (the Genesys OCS dialing state of
a campaign group, domain.md §2) and :class:`CampaignLifecycle` (the 8x8 CC campaign
status, domain.md §4). Callers never drive them: they call the plain functions here,
which take a frozen model, let the machine decide, and return a
:class:`~campaignkit.events.Transition` holding the model before, the model after
(``attrs.evolve``; ``status_since`` set to ``at`` when the status changes) and the
events, in order. A refused change raises
:class:`~campaignkit.errors.TransitionNotAllowed`; nothing is ever mutated.

The machine classes are the single source of truth: :func:`allowed_actions`,
:func:`allowed_requests` and :func:`diagram` read their topology.

>>> import datetime as dt
>>> from campaignkit import CampaignGroup, GroupStatus
>>> at = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
>>> group = CampaignGroup(campaign_name="Spring", group_name="Sales")
>>> load(group, at=at).after.status
<GroupStatus.INACTIVE: 3>
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
from statemachine import Event, StateChart, StateMachine
from statemachine.exceptions import TransitionNotAllowed as _Refused
from statemachine.states import States

from campaignkit._validate import check
from campaignkit.enums import (
    Actor,
    CampaignActivity,
    CampaignStatus,
    DialMode,
    GroupAction,
    GroupStatus,
    OptimizeBy,
    RequestedStatus,
)
from campaignkit.errors import TransitionNotAllowed
from campaignkit.events import CampaignStatusChanged, GroupStateChanged, Transition
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
    "complete",
    "diagram",
    "dialing_started",
    "force_unload",
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

# Dial modes a running group may switch between (domain.md §2): each pair is closed,
# so a mode may also be kept (to retune the optimization) but never left for a mode
# outside its pair; Preview and every other mode need a stop and a restart.
_RUNTIME_DIAL_MODES: Final = (
    frozenset({DialMode.PREDICTIVE, DialMode.PROGRESSIVE}),
    frozenset({DialMode.PREDICTIVE_SEIZE, DialMode.PROGRESSIVE_SEIZE}),
)


class GroupLifecycle(StateMachine):
    """The dialing state of a campaign group (Genesys OCS), as a strict machine.

    Exported for diagrams and introspection; change a group through :func:`load`,
    :func:`start` and the other functions of this module. Guards read only the
    keyword arguments the functions send: ``calls_in_flight`` decides between
    stopping (Active) and stopped (InActive), and between waiting to unload and
    unloading at once; the dial-mode rule decides ``set_dial_mode``.
    """

    s = States.from_enum(GroupStatus, initial=GroupStatus.NOT_LOADED)

    load = s.NOT_LOADED.to(s.INACTIVE)
    start = s.INACTIVE.to(s.RUNNING) | s.ACTIVE.to(s.RUNNING)
    stop = s.RUNNING.to(s.ACTIVE, cond="has_calls_in_flight") | s.RUNNING.to(s.INACTIVE)
    calls_drained = s.ACTIVE.to(s.INACTIVE) | s.WAITING_UNLOAD.to(s.UNLOAD_IN_PROGRESS)
    unload = (
        s.INACTIVE.to(s.WAITING_UNLOAD, cond="has_calls_in_flight")
        | s.INACTIVE.to(s.NOT_LOADED)
        | s.ACTIVE.to(s.WAITING_UNLOAD, cond="has_calls_in_flight")
        | s.ACTIVE.to(s.NOT_LOADED)
        | s.RUNNING.to(s.WAITING_UNLOAD, cond="has_calls_in_flight")
        | s.RUNNING.to(s.NOT_LOADED)
    )
    unloaded = s.UNLOAD_IN_PROGRESS.to(s.NOT_LOADED)
    force_unload = s.NOT_LOADED.from_(
        s.WAITING_UNLOAD, s.UNLOAD_IN_PROGRESS, s.INACTIVE, s.ACTIVE, s.RUNNING
    )
    set_dial_mode = s.RUNNING.to.itself(cond="dial_mode_may_change")

    def has_calls_in_flight(self, calls_in_flight: int = 0) -> bool:
        """Whether calls are still up, so the group must wait for them to end."""
        return calls_in_flight > 0

    def dial_mode_may_change(
        self, dial_mode_now: DialMode | None = None, dial_mode: DialMode | None = None
    ) -> bool:
        """Whether a running group may go from ``dial_mode_now`` to ``dial_mode``."""
        return any({dial_mode_now, dial_mode} <= pair for pair in _RUNTIME_DIAL_MODES)


_C = CampaignStatus


class CampaignLifecycle(StateMachine):
    """The status of an 8x8 CC campaign, as a strict machine; stopped is final.

    Exported for diagrams and introspection; change a campaign through
    :func:`request_status` and the automatic changes of this module. The four
    request events are named after the :class:`~campaignkit.enums.RequestedStatus`
    a client sends; each keeps the campaign's cause (a schedule-driven campaign
    pauses, purges and resumes through the Schedule statuses, a manual one through
    the Manual statuses). The other events are named after the functions that
    report them.
    """

    s = States.from_enum(
        CampaignStatus,
        initial=CampaignStatus.NEW,
        final=[_C.MANUAL_STOPPED, _C.COMPLETED, _C.SCHEDULE_STOPPED],
    )

    run = Event(
        s.NEW.to(s.MANUAL_STARTED)
        | s.SCHEDULED.to(s.MANUAL_STARTED)
        | s.MANUAL_PAUSED.to(s.MANUAL_RUNNING)
        | s.SCHEDULE_PAUSED.to(s.SCHEDULE_RUNNING)
        | s.MANUAL_PURGED.to(s.MANUAL_RUNNING)
        | s.SCHEDULE_PURGED.to(s.SCHEDULE_RUNNING),
        name="RUNNING",
    )
    pause = Event(
        s.MANUAL_STARTED.to(s.MANUAL_PAUSED)
        | s.SCHEDULED.to(s.SCHEDULE_PAUSED)
        | s.MANUAL_RUNNING.to(s.MANUAL_PAUSED)
        | s.SCHEDULE_RUNNING.to(s.SCHEDULE_PAUSED),
        name="PAUSED",
    )
    purge = Event(
        s.MANUAL_PAUSED.to(s.MANUAL_PURGED) | s.SCHEDULE_PAUSED.to(s.SCHEDULE_PURGED),
        name="PURGED",
    )
    stop = Event(
        s.MANUAL_STOPPED.from_(
            s.NEW,
            s.MANUAL_STARTED,
            s.SCHEDULED,
            s.MANUAL_RUNNING,
            s.SCHEDULE_RUNNING,
            s.MANUAL_PAUSED,
            s.SCHEDULE_PAUSED,
            s.MANUAL_PURGED,
            s.SCHEDULE_PURGED,
        ),
        name="STOPPED",
    )
    schedule = s.NEW.to(s.SCHEDULED)
    schedule_start_reached = s.SCHEDULED.to(s.SCHEDULE_RUNNING)
    dialing_started = s.MANUAL_STARTED.to(s.MANUAL_RUNNING)
    schedule_stop_reached = s.SCHEDULE_STOPPED.from_(
        s.SCHEDULED, s.SCHEDULE_RUNNING, s.SCHEDULE_PAUSED, s.SCHEDULE_PURGED
    )
    records_completed = s.COMPLETED.from_(
        s.MANUAL_STARTED,
        s.MANUAL_RUNNING,
        s.SCHEDULE_RUNNING,
        s.MANUAL_PAUSED,
        s.SCHEDULE_PAUSED,
        s.MANUAL_PURGED,
        s.SCHEDULE_PURGED,
    )


# --- what the machines allow, read once from their topology ---


def _events_by_status(machine: type[StateChart[Any]]) -> dict[Any, frozenset[str]]:
    return {
        value: frozenset(str(e) for e in state.transitions.unique_events)
        for value, state in machine.states_map.items()
    }


_GROUP_EVENTS: Final = _events_by_status(GroupLifecycle)
_CAMPAIGN_EVENTS: Final = _events_by_status(CampaignLifecycle)

# Which machine event carries each request. COMPLETE ends with the group's unload
# (after a stop if it is running), so it is allowed wherever unload is.
_ACTION_EVENT: Final[Mapping[GroupAction, str]] = {
    GroupAction.LOAD: "load",
    GroupAction.UNLOAD: "unload",
    GroupAction.START_DIALING: "start",
    GroupAction.STOP_DIALING: "stop",
    GroupAction.SET_DIALING_MODE: "set_dial_mode",
    GroupAction.FORCE_UNLOAD: "force_unload",
    GroupAction.COMPLETE: "unload",
}
_REQUEST_EVENT: Final[Mapping[RequestedStatus, str]] = {
    RequestedStatus.RUNNING: "run",
    RequestedStatus.PAUSED: "pause",
    RequestedStatus.PURGED: "purge",
    RequestedStatus.STOPPED: "stop",
}


def _requests_from(
    table: Mapping[Any, str], events: Mapping[Any, frozenset[str]]
) -> dict[Any, frozenset[Any]]:
    return {
        status: frozenset(r for r, event in table.items() if event in names)
        for status, names in events.items()
    }


_GROUP_ACTIONS: Final = _requests_from(_ACTION_EVENT, _GROUP_EVENTS)
_CAMPAIGN_REQUESTS: Final = _requests_from(_REQUEST_EVENT, _CAMPAIGN_EVENTS)


def _changes_allowed(
    requests: frozenset[Any], events: frozenset[str], table: Mapping[Any, str]
) -> frozenset[Any]:
    """The requests allowed plus the automatic changes allowed, by function name."""
    return requests | (events - frozenset(table.values()))


# --- running a machine ---


class _Slot:
    """The only object a machine writes to: the status it starts from and ends in."""

    __slots__ = ("state",)

    def __init__(self, state: Any) -> None:
        self.state = state


class _Machines(threading.local):
    """One machine per class and thread, reused: building one costs several sends."""

    def __init__(self) -> None:
        self.cache: dict[type[StateChart[Any]], tuple[StateChart[Any], _Slot]] = {}
        self.busy = False  # a send is under way on this thread


_machines = _Machines()


def _send(
    machine_class: type[StateChart[Any]], status: Any, event: str, **kw: Any
) -> Any:
    """Let the machine take ``event`` from ``status``: the new status, or None.

    The machine is this thread's own, put back in ``status`` before each event (a
    send only reads the status from the slot), and dropped once it reaches a final
    state, after which the engine refuses everything. A call made while another is
    under way on the same thread (a signal handler, a re-entrant guard) gets a
    machine of its own: the cached one would only queue its event.
    """
    if _machines.busy:
        slot = _Slot(status)
        return _take(machine_class(model=slot), slot, event, kw)
    cache = _machines.cache
    entry = cache.get(machine_class)
    if entry is None:
        slot = _Slot(status)
        entry = cache[machine_class] = (machine_class(model=slot), slot)
    machine, slot = entry
    slot.state = status
    _machines.busy = True
    try:
        target = _take(machine, slot, event, kw)
    finally:
        _machines.busy = False
    if machine.is_terminated:
        del cache[machine_class]
    return target


def _take(machine: StateChart[Any], slot: _Slot, event: str, kw: Any) -> Any:
    try:
        machine.send(event, **kw)
    except _Refused:
        return None
    return slot.state


# --- checking arguments ---


def _check_at(function: str, status_since: dt.datetime | None, at: Any) -> None:
    aware = isinstance(at, dt.datetime) and at.utcoffset() is not None
    check(function, "at", at, aware, "an aware datetime")
    if status_since is not None and at < status_since:
        allowed = f"not earlier than status_since ({status_since.isoformat()})"
        check(function, "at", at, False, allowed)


def _check_group(function: str, group: Any, at: Any) -> CampaignGroup:
    check(function, "group", group, isinstance(group, CampaignGroup), "a CampaignGroup")
    _check_at(function, group.status_since, at)
    return group  # type: ignore[no-any-return]


def _check_campaign(function: str, campaign: Any, at: Any) -> Campaign:
    check(function, "campaign", campaign, isinstance(campaign, Campaign), "a Campaign")
    _check_at(function, campaign.status_since, at)
    return campaign  # type: ignore[no-any-return]


def _check_instance(function: str, field: str, value: Any, cls: type) -> None:
    if not isinstance(value, cls):
        article = "an" if cls.__name__[0] in "AEIOU" else "a"
        check(function, field, value, False, f"{article} {cls.__name__}")


def _check_optional(function: str, field: str, value: Any, cls: type) -> None:
    if value is not None:
        _check_instance(function, field, value, cls)


def _check_count(function: str, field: str, value: Any) -> None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    check(function, field, value, ok, "an integer >= 0")


# --- groups ---


def _group_refusal(
    group: CampaignGroup, refused: GroupAction | str, reason: str = ""
) -> TransitionNotAllowed:
    """The error for a refused group change: the changes allowed now, minus this one.

    A refused change is never among those allowed now, even when the topology has
    it and a guard (calls in flight, dial mode) said no for these arguments.
    """
    status = group.status
    allowed = _changes_allowed(
        _GROUP_ACTIONS[status], _GROUP_EVENTS[status], _ACTION_EVENT
    )
    return TransitionNotAllowed(
        group.stat_server_name, status, refused, allowed - {refused}, reason=reason
    )


def _group_step(
    group: CampaignGroup,
    event: str,
    action: GroupAction,
    actor: Actor,
    at: dt.datetime,
    *,
    refused_as: GroupAction | str,
    changes: Mapping[str, Any] | None = None,
    **guard_args: Any,
) -> tuple[CampaignGroup, GroupStateChanged]:
    target = _send(GroupLifecycle, group.status, event, **guard_args)
    if target is None:
        raise _group_refusal(group, refused_as, _guard_reason(group, guard_args))
    fields = dict(changes) if changes else {}
    if target is not group.status:
        fields["status"] = target
        fields["status_since"] = at
    after = attrs.evolve(group, **fields)
    event_value = GroupStateChanged(
        group=after, previous_status=group.status, action=action, actor=actor, at=at
    )
    return after, event_value


def _guard_reason(group: CampaignGroup, guard_args: Mapping[str, Any]) -> str:
    """Say why a dial-mode change its status allows was refused (the guard's rule)."""
    mode = guard_args.get("dial_mode")
    if mode is None or group.status is not GroupStatus.RUNNING:
        return ""
    return (
        f"{group.dial_mode.name} -> {mode.name} needs a stop and a start "
        "(only Predictive <-> Progressive, with or without seizing, change while "
        "running)"
    )


def _group_request(
    event: str,
    group: Any,
    *,
    action: GroupAction,
    at: Any,
    actor: Any,
    changes: Mapping[str, Any] | None = None,
    **guard_args: Any,
) -> GroupTransition:
    """Check the arguments, then send ``event`` (each request is named after it)."""
    before = _check_group(event, group, at)
    _check_instance(event, "actor", actor, Actor)
    if "calls_in_flight" in guard_args:
        _check_count(event, "calls_in_flight", guard_args["calls_in_flight"])
    after, changed = _group_step(
        before,
        event,
        action,
        actor,
        at,
        refused_as=action,
        changes=changes,
        **guard_args,
    )
    return Transition(before=before, after=after, events=(changed,))


def _group_follow_up(event: str, group: Any, at: Any) -> GroupTransition:
    """Send a change OCS reports itself (actor SELF), named after its function.

    Its action is the one of the request it finishes: UNLOAD while unloading,
    STOP_DIALING for the calls of a stop.
    """
    before = _check_group(event, group, at)
    unloading = before.status is not GroupStatus.ACTIVE
    action = GroupAction.UNLOAD if unloading else GroupAction.STOP_DIALING
    after, changed = _group_step(
        before, event, action, Actor.SELF, at, refused_as=event
    )
    return Transition(before=before, after=after, events=(changed,))


def load(
    group: CampaignGroup, *, at: dt.datetime, actor: Actor = Actor.OCS_CLIENT
) -> GroupTransition:
    """Load a group into OCS (NotLoaded -> InActive), ready to start dialing.

    Args:
        group: The group to load.
        at: When it happened (aware, not before ``group.status_since``).
        actor: Who asked for it.
    """
    return _group_request("load", group, action=GroupAction.LOAD, at=at, actor=actor)


def start(
    group: CampaignGroup,
    *,
    at: dt.datetime,
    dial_mode: DialMode | None = None,
    optimize_by: OptimizeBy | None = None,
    optimize_goal: int | None = None,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Start dialing (InActive or Active -> Running), possibly in another mode.

    A start is when OCS accepts any dial mode, so the given mode, optimization
    method and goal replace the group's; those left ``None`` are kept.

    Args:
        group: The group to start.
        at: When it happened (aware, not before ``group.status_since``).
        dial_mode: The mode to dial in, if not the group's.
        optimize_by: The optimization method, if not the group's.
        optimize_goal: The optimization goal, if not the group's.
        actor: Who asked for it.
    """
    _check_optional("start", "dial_mode", dial_mode, DialMode)
    _check_optional("start", "optimize_by", optimize_by, OptimizeBy)
    if optimize_goal is not None:
        _check_count("start", "optimize_goal", optimize_goal)
    changes = _dialing_changes(dial_mode, optimize_by, optimize_goal)
    return _group_request(
        "start",
        group,
        action=GroupAction.START_DIALING,
        at=at,
        actor=actor,
        changes=changes,
    )


def _dialing_changes(
    dial_mode: DialMode | None, optimize_by: OptimizeBy | None, goal: int | None
) -> dict[str, Any]:
    given = {"dial_mode": dial_mode, "optimize_by": optimize_by, "optimize_goal": goal}
    return {field: value for field, value in given.items() if value is not None}


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
    return _group_request(
        "stop",
        group,
        action=GroupAction.STOP_DIALING,
        at=at,
        actor=actor,
        calls_in_flight=calls_in_flight,
    )


def calls_drained(group: CampaignGroup, *, at: dt.datetime) -> GroupTransition:
    """Report that the last call ended (Active -> InActive, else -> UnloadInProgress).

    The event carries the action of the request it finishes (STOP_DIALING after a
    stop, UNLOAD after an unload) and the actor SELF, as OCS reports it.

    Args:
        group: The group that was waiting for its calls.
        at: When it happened (aware, not before ``group.status_since``).
    """
    return _group_follow_up("calls_drained", group, at)


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
    return _group_request(
        "unload",
        group,
        action=GroupAction.UNLOAD,
        at=at,
        actor=actor,
        calls_in_flight=calls_in_flight,
    )


def unloaded(group: CampaignGroup, *, at: dt.datetime) -> GroupTransition:
    """Report that OCS finished unloading (UnloadInProgress -> NotLoaded).

    Args:
        group: The group being unloaded.
        at: When it happened (aware, not before ``group.status_since``).
    """
    return _group_follow_up("unloaded", group, at)


def force_unload(
    group: CampaignGroup, *, at: dt.datetime, actor: Actor = Actor.OCS_CLIENT
) -> GroupTransition:
    """Unload at once, whatever the group is doing (any loaded status -> NotLoaded).

    Args:
        group: The loaded group.
        at: When it happened (aware, not before ``group.status_since``).
        actor: Who asked for it.
    """
    return _group_request(
        "force_unload", group, action=GroupAction.FORCE_UNLOAD, at=at, actor=actor
    )


def set_dial_mode(
    group: CampaignGroup,
    dial_mode: DialMode,
    *,
    at: dt.datetime,
    optimize_by: OptimizeBy | None = None,
    optimize_goal: int | None = None,
    actor: Actor = Actor.OCS_CLIENT,
) -> GroupTransition:
    """Change the dial mode of a running group, as far as OCS allows it while dialing.

    Only Predictive <-> Progressive and Predictive with seizing <-> Progressive with
    seizing (or keeping one of those four modes, to retune the optimization); any
    other change, Preview included, needs a stop and a start and is refused. The
    status does not change, so ``status_since`` is kept.

    Args:
        group: The running group.
        dial_mode: The new mode.
        at: When it happened (aware, not before ``group.status_since``).
        optimize_by: The new optimization method, if it changes.
        optimize_goal: The new optimization goal, if it changes.
        actor: Who asked for it.
    """
    _check_instance("set_dial_mode", "dial_mode", dial_mode, DialMode)
    _check_optional("set_dial_mode", "optimize_by", optimize_by, OptimizeBy)
    if optimize_goal is not None:
        _check_count("set_dial_mode", "optimize_goal", optimize_goal)
    changes = _dialing_changes(dial_mode, optimize_by, optimize_goal)
    return _group_request(
        "set_dial_mode",
        group,
        action=GroupAction.SET_DIALING_MODE,
        at=at,
        actor=actor,
        changes=changes,
        dial_mode_now=getattr(group, "dial_mode", None),
        dial_mode=dial_mode,
    )


def complete(
    group: CampaignGroup, *, at: dt.datetime, calls_in_flight: int = 0
) -> GroupTransition:
    """Auto-complete a group whose calling lists are exhausted: stop, then unload.

    OCS does this itself (actor SELF): a running group first stops dialing
    (STOP_DIALING event), then unloads (UNLOAD event); an Active or InActive group
    only unloads. With calls in flight the group ends in WaitingUnload.

    Args:
        group: The group to complete (Running, Active or InActive).
        at: When it happened (aware, not before ``group.status_since``).
        calls_in_flight: Calls still up.
    """
    before = _check_group("complete", group, at)
    _check_count("complete", "calls_in_flight", calls_in_flight)
    events: list[GroupStateChanged] = []
    current = before
    if current.status is GroupStatus.RUNNING:
        current, changed = _group_step(
            current,
            "stop",
            GroupAction.STOP_DIALING,
            Actor.SELF,
            at,
            refused_as=GroupAction.COMPLETE,
            calls_in_flight=calls_in_flight,
        )
        events.append(changed)
    # From anything but Running, Active or InActive this unload is what refuses.
    current, changed = _group_step(
        current,
        "unload",
        GroupAction.UNLOAD,
        Actor.SELF,
        at,
        refused_as=GroupAction.COMPLETE,
        calls_in_flight=calls_in_flight,
    )
    events.append(changed)
    return Transition(before=before, after=current, events=tuple(events))


def allowed_actions(group: CampaignGroup) -> frozenset[GroupAction]:
    """The requests a client may send to the group now, read from the machine.

    A request whose guard needs its arguments (SET_DIALING_MODE needs the new mode,
    and most modes are refused while running) is listed and judged when it is made.
    The follow-ups OCS reports itself (:func:`calls_drained`, :func:`unloaded`) are
    not requests and are not listed.

    Args:
        group: The group to ask about.
    """
    check(
        "allowed_actions",
        "group",
        group,
        isinstance(group, CampaignGroup),
        "a CampaignGroup",
    )
    return _GROUP_ACTIONS[group.status]


# --- campaigns ---


def _campaign_name(campaign: Campaign) -> str:
    return f"campaign {campaign.id} ({campaign.name})"


def _campaign_step(
    event: str,
    campaign: Any,
    *,
    at: Any,
    trigger: RequestedStatus | None = None,
    function: str | None = None,
    changes: Mapping[str, Any] | None = None,
) -> CampaignTransition:
    """Check the arguments, then send ``event``.

    An automatic change is named after its event, and that name is its trigger;
    a request passes its :class:`RequestedStatus` as ``trigger``.
    """
    before = _check_campaign(function or event, campaign, at)
    cause: RequestedStatus | str = trigger or event
    status = before.status
    target = _send(CampaignLifecycle, status, event)
    if target is None:
        allowed = _changes_allowed(
            _CAMPAIGN_REQUESTS[status], _CAMPAIGN_EVENTS[status], _REQUEST_EVENT
        )
        raise TransitionNotAllowed(_campaign_name(before), status, cause, allowed)
    after = attrs.evolve(before, status=target, status_since=at, **(changes or {}))
    changed = CampaignStatusChanged(
        campaign=after, previous_status=status, trigger=cause, at=at
    )
    return Transition(before=before, after=after, events=(changed,))


def _requested_status(target: Any) -> RequestedStatus:
    if isinstance(target, RequestedStatus):
        return target
    names = RequestedStatus.__members__
    ok = isinstance(target, str) and target in names
    check("request_status", "target", target, ok, f"one of {', '.join(names)}")
    return names[target]


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
        target: The requested status, or its name (``"RUNNING"``).
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    requested = _requested_status(target)
    return _campaign_step(
        _REQUEST_EVENT[requested],
        campaign,
        at=at,
        trigger=requested,
        function="request_status",
    )


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
    before = _check_campaign("schedule", campaign, at)
    aware = isinstance(start_at, dt.datetime) and start_at.utcoffset() is not None
    check("schedule", "start_at", start_at, aware, "an aware datetime")
    check("schedule", "start_at", start_at, start_at > at, f"later than at ({at})")
    stop_time = before.schedule.stop_time
    if stop_time is not None:
        check(
            "schedule",
            "start_at",
            start_at,
            start_at < stop_time,
            f"earlier than the schedule's stop_time ({stop_time})",
        )
    changes = {"schedule": attrs.evolve(before.schedule, start_time=start_at)}
    return _campaign_step("schedule", before, at=at, changes=changes)


def schedule_start_reached(
    campaign: Campaign, *, at: dt.datetime
) -> CampaignTransition:
    """Report that the start time came (Scheduled -> Schedule Running).

    Args:
        campaign: The scheduled campaign.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign_step("schedule_start_reached", campaign, at=at)


def dialing_started(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that a manually started campaign began dialing (-> Manual Running).

    Args:
        campaign: The campaign in Manual Started.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign_step("dialing_started", campaign, at=at)


def schedule_stop_reached(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that the schedule's stop time came (-> Schedule Stopped, final).

    Applies to a Scheduled campaign and to a schedule-driven one (running, paused or
    purged); a manually run campaign ignores the schedule, so it is refused there.

    Args:
        campaign: The schedule-driven campaign.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign_step("schedule_stop_reached", campaign, at=at)


def records_completed(campaign: Campaign, *, at: dt.datetime) -> CampaignTransition:
    """Report that every record is done (started/running/paused/purged -> Completed).

    Args:
        campaign: The campaign whose records are done.
        at: When it happened (aware, not before ``campaign.status_since``).
    """
    return _campaign_step("records_completed", campaign, at=at)


def allowed_requests(campaign: Campaign) -> frozenset[RequestedStatus]:
    """The status requests a client may send to the campaign now, read from the machine.

    Empty for a stopped campaign: stopped is final.

    Args:
        campaign: The campaign to ask about.
    """
    check(
        "allowed_requests",
        "campaign",
        campaign,
        isinstance(campaign, Campaign),
        "a Campaign",
    )
    return _CAMPAIGN_REQUESTS[campaign.status]


# --- derived views ---


def campaign_activity(groups: Iterable[CampaignGroup]) -> CampaignActivity:
    """A campaign's activity as Stat Server derives it from its groups.

    RUNNING if any group is running; ACTIVATED if any is loaded and none is
    running; DEACTIVATED otherwise (no group loaded, or no group at all).

    Args:
        groups: The campaign's groups.
    """
    check(
        "campaign_activity",
        "groups",
        groups,
        isinstance(groups, Iterable) and not isinstance(groups, str | bytes),
        "an iterable of CampaignGroup",
    )
    statuses = set()
    for group in groups:
        _check_instance("campaign_activity", "groups", group, CampaignGroup)
        statuses.add(group.status)
    if GroupStatus.RUNNING in statuses:
        return CampaignActivity.RUNNING
    if any(status.is_loaded for status in statuses):
        return CampaignActivity.ACTIVATED
    return CampaignActivity.DEACTIVATED


def diagram(machine: type[StateChart[Any]]) -> str:
    """The machine as Mermaid ``stateDiagram-v2`` text, for the docs (no Graphviz).

    Built from the machine class itself, so the pictures cannot drift from the
    rules. Guards show as ``[name]`` after the event.

    Args:
        machine: :class:`GroupLifecycle` or :class:`CampaignLifecycle` (any
            python-statemachine class works).
    """
    ok = isinstance(machine, type) and issubclass(machine, StateChart)
    check("diagram", "machine", machine, ok, "a python-statemachine class")
    return format(machine, "mermaid")
