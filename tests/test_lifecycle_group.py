"""The campaign-group lifecycle: Genesys OCS dialing states, by GroupLifecycle."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from campaignkit import lifecycle as lc
from campaignkit.enums import (
    Actor,
    CampaignActivity,
    DialMode,
    EndHandle,
    GroupAction,
    GroupStatus,
    OptimizeBy,
)
from campaignkit.errors import TransitionNotAllowed, ValidationError
from campaignkit.events import GroupChange, GroupStateChanged
from campaignkit.models import CampaignGroup

S = GroupStatus
A = GroupAction
G = GroupChange
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
AT = T0 + dt.timedelta(minutes=5)
DOCS = Path(__file__).resolve().parent.parent / "docs" / "lifecycles.md"


def group(status: GroupStatus = S.NOT_LOADED, **fields: Any) -> CampaignGroup:
    return CampaignGroup(
        campaign_name="Spring",
        group_name="Sales",
        status=status,
        status_since=T0,
        **fields,
    )


# Every function a caller can use on a group, with the arguments that pick a branch.
CALLS: dict[str, Callable[[CampaignGroup], Any]] = {
    "load": lambda g: lc.load(g, at=AT),
    "start": lambda g: lc.start(g, at=AT),
    "stop": lambda g: lc.stop(g, at=AT),
    "stop, calls in flight": lambda g: lc.stop(g, at=AT, calls_in_flight=2),
    "calls_drained": lambda g: lc.calls_drained(g, at=AT),
    "unload": lambda g: lc.unload(g, at=AT),
    "unload, calls in flight": lambda g: lc.unload(g, at=AT, calls_in_flight=2),
    "unloaded": lambda g: lc.unloaded(g, at=AT),
    "force_unload": lambda g: lc.force_unload(g, at=AT),
    "set_dial_mode": lambda g: lc.set_dial_mode(g, DialMode.PROGRESSIVE, at=AT),
    "complete": lambda g: lc.complete(g, at=AT),
    "complete, calls in flight": lambda g: lc.complete(g, at=AT, calls_in_flight=2),
}

# The specification (docs/lifecycles.md, groups): (status, call) -> status after,
# with the (action, actor) of each event in order. Anything not listed is refused.
OCS, SELF = Actor.OCS_CLIENT, Actor.SELF
EXPECTED: dict[tuple[GroupStatus, str], tuple[GroupStatus, list[tuple[A, Actor]]]] = {
    (S.NOT_LOADED, "load"): (S.INACTIVE, [(A.LOAD, OCS)]),
    (S.INACTIVE, "start"): (S.RUNNING, [(A.START_DIALING, OCS)]),
    (S.ACTIVE, "start"): (S.RUNNING, [(A.START_DIALING, OCS)]),
    (S.RUNNING, "stop"): (S.INACTIVE, [(A.STOP_DIALING, OCS)]),
    (S.RUNNING, "stop, calls in flight"): (S.ACTIVE, [(A.STOP_DIALING, OCS)]),
    (S.ACTIVE, "calls_drained"): (S.INACTIVE, [(A.STOP_DIALING, SELF)]),
    (S.WAITING_UNLOAD, "calls_drained"): (S.UNLOAD_IN_PROGRESS, [(A.UNLOAD, SELF)]),
    (S.UNLOAD_IN_PROGRESS, "unloaded"): (S.NOT_LOADED, [(A.UNLOAD, SELF)]),
    (S.RUNNING, "set_dial_mode"): (S.RUNNING, [(A.SET_DIALING_MODE, OCS)]),
    **{
        (status, "unload"): (S.NOT_LOADED, [(A.UNLOAD, OCS)])
        for status in (S.INACTIVE, S.ACTIVE, S.RUNNING)
    },
    **{
        (status, "unload, calls in flight"): (S.WAITING_UNLOAD, [(A.UNLOAD, OCS)])
        for status in (S.INACTIVE, S.ACTIVE, S.RUNNING)
    },
    **{
        (status, "force_unload"): (S.NOT_LOADED, [(A.FORCE_UNLOAD, OCS)])
        for status in S
        if status is not S.NOT_LOADED
    },
    (S.RUNNING, "complete"): (
        S.NOT_LOADED,
        [(A.STOP_DIALING, SELF), (A.UNLOAD, SELF)],
    ),
    (S.RUNNING, "complete, calls in flight"): (
        S.WAITING_UNLOAD,
        [(A.STOP_DIALING, SELF), (A.UNLOAD, SELF)],
    ),
    **{
        (status, "complete"): (S.NOT_LOADED, [(A.UNLOAD, SELF)])
        for status in (S.INACTIVE, S.ACTIVE)
    },
    **{
        (status, "complete, calls in flight"): (S.WAITING_UNLOAD, [(A.UNLOAD, SELF)])
        for status in (S.INACTIVE, S.ACTIVE)
    },
}

# The statuses between the events of a two-event change.
MIDWAY = {
    (S.RUNNING, "complete"): S.INACTIVE,
    (S.RUNNING, "complete, calls in flight"): S.ACTIVE,
}


@pytest.mark.parametrize(("status", "call"), list(itertools.product(S, CALLS)), ids=str)
def test_every_status_and_action(status: GroupStatus, call: str) -> None:
    """Allowed pairs give the documented status and events; all others are refused."""
    before = group(status)
    expected = EXPECTED.get((status, call))
    if expected is None:
        with pytest.raises(TransitionNotAllowed) as caught:
            CALLS[call](before)
        assert caught.value.status is status
        assert caught.value.obj == "Spring@Sales"
        return
    result = CALLS[call](before)
    after_status, steps = expected
    assert result.before is before
    assert result.after.status is after_status
    assert [(e.action, e.actor) for e in result.events] == steps
    assert result.event is result.events[-1]
    assert result.events[0].previous_status is status
    assert result.event.group == result.after
    assert all(e.at == AT for e in result.events)
    if len(result.events) == 2:
        midway = MIDWAY[status, call]
        assert result.events[0].group.status is midway
        assert result.events[1].previous_status is midway
    assert before.status is status  # nothing mutated
    changed = after_status is not status
    assert result.after.status_since == (AT if changed else T0)


def test_the_table_covers_what_the_machine_allows() -> None:
    """Every request the machine lists from a status appears in the expected table."""
    for status in S:
        listed = lc.allowed_actions(group(status))
        table = {
            action
            for (source, call), (_, steps) in EXPECTED.items()
            if source is status and "drained" not in call and call != "unloaded"
            for action in [A.COMPLETE if call.startswith("complete") else steps[0][0]]
        }
        assert listed == table, status


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        (S.NOT_LOADED, {A.LOAD}),
        (S.WAITING_UNLOAD, {A.FORCE_UNLOAD}),
        (S.UNLOAD_IN_PROGRESS, {A.FORCE_UNLOAD}),
        (S.INACTIVE, {A.START_DIALING, A.UNLOAD, A.FORCE_UNLOAD, A.COMPLETE}),
        (S.ACTIVE, {A.START_DIALING, A.UNLOAD, A.FORCE_UNLOAD, A.COMPLETE}),
        (
            S.RUNNING,
            {
                A.STOP_DIALING,
                A.UNLOAD,
                A.FORCE_UNLOAD,
                A.SET_DIALING_MODE,
                A.COMPLETE,
            },
        ),
    ],
)
def test_allowed_actions(status: GroupStatus, actions: set[GroupAction]) -> None:
    """allowed_actions lists the requests OCS accepts in each status."""
    assert lc.allowed_actions(group(status)) == frozenset(actions)


def test_refusal_names_group_status_action_and_allowed() -> None:
    """A refusal names the group, its status, the action asked and those allowed."""
    with pytest.raises(TransitionNotAllowed) as caught:
        lc.start(group(S.NOT_LOADED), at=AT)
    error = caught.value
    assert error.obj == "Spring@Sales"
    assert error.status is S.NOT_LOADED
    assert error.action is G.START_DIALING
    assert error.allowed == (G.LOAD,)
    message = str(error)
    for part in ("Spring@Sales", "NOT_LOADED", "START_DIALING", "LOAD"):
        assert part in message


def test_refused_follow_up_lists_follow_ups_allowed_now() -> None:
    """A refused report names itself and lists both requests and follow-ups allowed."""
    with pytest.raises(TransitionNotAllowed) as caught:
        lc.unloaded(group(S.WAITING_UNLOAD), at=AT)
    assert caught.value.action is G.UNLOADED
    assert set(caught.value.allowed) == {G.FORCE_UNLOAD, G.CALLS_DRAINED}


def test_refused_complete_is_reported_as_complete() -> None:
    """A complete refused from a status that cannot unload names COMPLETE."""
    with pytest.raises(TransitionNotAllowed) as caught:
        lc.complete(group(S.UNLOAD_IN_PROGRESS), at=AT)
    assert caught.value.action is G.COMPLETE
    assert caught.value.status is S.UNLOAD_IN_PROGRESS
    assert set(caught.value.allowed) == {G.FORCE_UNLOAD, G.UNLOADED}


RUNTIME_PAIRS = [
    {DialMode.PREDICTIVE, DialMode.PROGRESSIVE},
    {DialMode.PREDICTIVE_SEIZE, DialMode.PROGRESSIVE_SEIZE},
]


@pytest.mark.parametrize(
    ("now", "new"), list(itertools.product(DialMode, DialMode)), ids=str
)
def test_set_dial_mode_follows_the_runtime_rule(now: DialMode, new: DialMode) -> None:
    """Only Predictive<->Progressive and the seizing pair may change while running."""
    before = group(S.RUNNING, dial_mode=now)
    if any({now, new} <= pair for pair in RUNTIME_PAIRS):
        result = lc.set_dial_mode(before, new, at=AT)
        assert result.after.dial_mode is new
        assert result.after.status is S.RUNNING
        assert result.after.status_since == T0
        assert result.event.action is A.SET_DIALING_MODE
    else:
        with pytest.raises(TransitionNotAllowed) as caught:
            lc.set_dial_mode(before, new, at=AT)
        assert caught.value.action is G.SET_DIALING_MODE
        assert G.SET_DIALING_MODE not in caught.value.allowed
        assert G.STOP_DIALING in caught.value.allowed
        assert caught.value.reason == lc.dial_mode_refusal(now, new) != ""


def test_set_dial_mode_changes_the_optimization() -> None:
    """set_dial_mode replaces the optimization method and goal when given."""
    before = group(S.RUNNING)
    result = lc.set_dial_mode(
        before,
        DialMode.PROGRESSIVE,
        at=AT,
        optimize_by=OptimizeBy.OVERDIAL_RATE,
        optimize_goal=3,
        actor=Actor.COMM_DN_CLIENT,
    )
    assert result.after.optimize_by is OptimizeBy.OVERDIAL_RATE
    assert result.after.optimize_goal == 3
    assert result.event.actor is Actor.COMM_DN_CLIENT


def test_start_replaces_only_the_given_dialing_settings() -> None:
    """A start takes the mode, method and goal it is given and keeps the others."""
    before = group(S.INACTIVE, dial_mode=DialMode.PREVIEW, optimize_goal=70)
    result = lc.start(before, at=AT, dial_mode=DialMode.POWER, actor=Actor.SCHEDULE)
    assert result.after.dial_mode is DialMode.POWER
    assert result.after.optimize_goal == 70
    assert result.event.actor is Actor.SCHEDULE
    tuned = lc.start(
        before, at=AT, optimize_by=OptimizeBy.WAIT_TIME, optimize_goal=20
    ).after
    assert (tuned.dial_mode, tuned.optimize_by, tuned.optimize_goal) == (
        DialMode.PREVIEW,
        OptimizeBy.WAIT_TIME,
        20,
    )


def test_a_full_cycle_with_calls_in_flight() -> None:
    """load, start, stop, start, unload, drained, unloaded end where they began."""
    g = group()
    statuses = [g.status]
    for step in (
        lambda g: lc.load(g, at=AT),
        lambda g: lc.start(g, at=AT),
        lambda g: lc.stop(g, at=AT, calls_in_flight=1),
        lambda g: lc.start(g, at=AT),
        lambda g: lc.unload(g, at=AT, calls_in_flight=4),
        lambda g: lc.calls_drained(g, at=AT),
        lambda g: lc.unloaded(g, at=AT),
    ):
        g = step(g).after
        statuses.append(g.status)
    assert statuses == [
        S.NOT_LOADED,
        S.INACTIVE,
        S.RUNNING,
        S.ACTIVE,
        S.RUNNING,
        S.WAITING_UNLOAD,
        S.UNLOAD_IN_PROGRESS,
        S.NOT_LOADED,
    ]


def test_events_are_frozen_and_keep_other_fields() -> None:
    """Events are frozen values, and a transition changes only status fields."""
    before = group(S.INACTIVE, uuid="u-1", dbid=7, vendor_data={"k": [1]})
    result = lc.start(before, at=AT)
    assert isinstance(result.event, GroupStateChanged)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.event.at = T0
    assert attrs.evolve(result.after, status=S.INACTIVE, status_since=T0) == before


AT_CASES = [
    pytest.param(dt.datetime(2025, 3, 1, 10, 0), "aware", id="naive"),
    pytest.param(T0 - dt.timedelta(seconds=1), "status_since", id="earlier"),
]


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize(("at", "words"), AT_CASES)
def test_at_must_be_aware_and_not_before_status_since(
    call: str, at: Any, words: str
) -> None:
    """Every group function refuses a naive, non-datetime or too-early ``at``."""
    status = next(s for (s, c) in EXPECTED if c == call)
    with pytest.raises(ValidationError) as caught:
        _with_at(call, group(status), at)
    assert caught.value.field == "at"
    assert words in str(caught.value)


def _with_at(call: str, g: CampaignGroup, at: Any) -> Any:
    name = call.split(",", maxsplit=1)[0]
    function = getattr(lc, name)
    if name == "set_dial_mode":
        return function(g, DialMode.PROGRESSIVE, at=at)
    return function(g, at=at)


def test_at_equal_to_status_since_and_unknown_since_are_fine() -> None:
    """``at`` may equal status_since, and anything aware goes when it is unknown."""
    assert lc.load(group(), at=T0).after.status_since == T0
    unknown = attrs.evolve(group(), status_since=None)
    early = dt.datetime(2000, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert lc.load(unknown, at=early).after.status_since == early


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda: lc.stop(group(S.RUNNING), at=AT, calls_in_flight=-1),
            "calls_in_flight",
        ),
        (
            lambda: lc.complete(group(S.RUNNING), at=AT, calls_in_flight=-1),
            "calls_in_flight",
        ),
        (lambda: lc.start(group(S.INACTIVE), at=AT, dial_mode="fast"), "dial_mode"),
        (lambda: lc.start(group(S.INACTIVE), at=AT, optimize_by=99), "optimize_by"),
        (lambda: lc.start(group(S.INACTIVE), at=AT, optimize_goal=-1), "optimize_goal"),
        (lambda: lc.set_dial_mode(group(S.RUNNING), "SLOW", at=AT), "dial_mode"),
        (lambda: lc.complete(group(S.RUNNING), at=AT, end_handle="go"), "end_handle"),
    ],
)
def test_bad_values_raise_validation_error(call: Callable[[], Any], field: str) -> None:
    """Bad values raise ValidationError naming the field, before any change."""
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field == field


def test_bad_arguments_win_over_a_refused_change() -> None:
    """Arguments are checked first: a bad mode on an unloaded group is invalid."""
    with pytest.raises(ValidationError):
        lc.start(group(S.NOT_LOADED), at=AT, dial_mode="fast")


def test_modes_and_methods_are_taken_by_name_in_any_case() -> None:
    """Modes and methods may be a member, its name in any case, or its value."""
    started = lc.start(
        group(S.INACTIVE), at=AT, dial_mode="progressive", optimize_by="Overdial_Rate"
    ).after
    assert started.dial_mode is DialMode.PROGRESSIVE
    assert started.optimize_by is OptimizeBy.OVERDIAL_RATE
    switched = lc.set_dial_mode(started, "PREDICTIVE", at=AT).after
    assert switched.dial_mode is DialMode.PREDICTIVE
    assert lc.start(group(S.INACTIVE), at=AT, dial_mode=3).after.dial_mode is (
        DialMode.PREVIEW
    )


def test_group_changes_are_one_type_naming_functions_and_requests() -> None:
    """Every GroupChange names a function; requests carry the GroupAction sent."""
    for change in G:
        assert callable(getattr(lc, change.value))
        if change.action is not None:
            assert change.action.name == change.name
    assert G.CALLS_DRAINED.action is None
    assert G.UNLOADED.action is None


def test_complete_with_continue_keeps_the_group_running_and_idle() -> None:
    """Continue: nothing changes, no event, the next target needs no new start.

    VoIPbin's end_handle "continue": "The campaign will continue to run after
    outdial has no more outdial target".
    """
    running = group(S.RUNNING)
    kept = lc.complete(running, at=AT, end_handle=EndHandle.CONTINUE)
    assert kept.before is running
    assert kept.after is running
    assert kept.events == ()
    assert lc.complete(running, at=AT, end_handle="continue") == kept
    assert A.START_DIALING not in lc.allowed_actions(kept.after)  # still running
    assert lc.stop(kept.after, at=AT).after.status is S.INACTIVE


def test_complete_with_stop_is_the_default() -> None:
    """Stop, the default, stops and unloads as complete always did.

    VoIPbin's end_handle "stop": "The campaign will stop if the outdial has no
    more outdial target".
    """
    default = lc.complete(group(S.RUNNING), at=AT)
    stopped = lc.complete(group(S.RUNNING), at=AT, end_handle=EndHandle.STOP)
    assert default == stopped
    assert stopped.after.status is S.NOT_LOADED


@pytest.mark.parametrize("status", list(S))
def test_complete_with_continue_is_allowed_where_complete_is(status: S) -> None:
    """A group that could not complete cannot continue either."""
    before = group(status)
    if A.COMPLETE in lc.allowed_actions(before):
        assert lc.complete(before, at=AT, end_handle=EndHandle.CONTINUE).after is before
        return
    with pytest.raises(TransitionNotAllowed) as caught:
        lc.complete(before, at=AT, end_handle=EndHandle.CONTINUE)
    assert caught.value.action is G.COMPLETE


@pytest.mark.parametrize(
    ("statuses", "activity"),
    [
        ([], CampaignActivity.DEACTIVATED),
        ([S.NOT_LOADED, S.NOT_LOADED], CampaignActivity.DEACTIVATED),
        ([S.NOT_LOADED, S.INACTIVE], CampaignActivity.ACTIVATED),
        ([S.WAITING_UNLOAD], CampaignActivity.ACTIVATED),
        ([S.UNLOAD_IN_PROGRESS], CampaignActivity.ACTIVATED),
        ([S.ACTIVE, S.NOT_LOADED], CampaignActivity.ACTIVATED),
        ([S.INACTIVE, S.RUNNING], CampaignActivity.RUNNING),
        ([S.RUNNING, S.NOT_LOADED], CampaignActivity.RUNNING),
    ],
)
def test_campaign_activity(
    statuses: list[GroupStatus], activity: CampaignActivity
) -> None:
    """A campaign runs if a group runs, is activated if one is loaded, else not."""
    groups = (group(status) for status in statuses)
    assert lc.campaign_activity(groups) is activity


def test_group_machine_can_be_instantiated() -> None:
    """GroupLifecycle builds (its guard names resolve) and starts NotLoaded."""
    machine = lc.GroupLifecycle()
    assert machine.current_state_value is S.NOT_LOADED
    names = {str(e) for e in machine.allowed_events}
    assert names == {"load"}


def test_group_diagram_is_built_from_the_machine() -> None:
    """diagram(GroupLifecycle) is Mermaid with every status and guard."""
    text = lc.diagram(lc.GroupLifecycle)
    assert text.startswith("stateDiagram-v2")
    for status in S:
        assert status.name in text
    assert "RUNNING --> ACTIVE : Stop [has_calls_in_flight]" in text


@pytest.mark.parametrize("machine", [lc.GroupLifecycle, lc.CampaignLifecycle])
def test_docs_page_is_current(machine: Any) -> None:
    """docs/lifecycles.md holds each machine's diagram and table exactly as built."""
    page = DOCS.read_text()
    blocks = re.findall(r"```\{mermaid\}\n(.*?)```", page, re.DOTALL)
    name = machine.__name__
    assert lc.diagram(machine).strip() + "\n" in blocks, (
        f"regenerate the Mermaid block with diagram({name})"
    )
    marker = f"<!-- generated: {name} -->\n"
    start = page.index(marker) + len(marker)
    table = page[start : page.index("<!-- end generated -->", start)]
    assert table.strip() == format(machine, "md").strip(), (
        f"regenerate the table with format({name}, 'md')"
    )


CHECKS = [
    "validate_disconnected_states",
    "validate_trap_states",
    "validate_final_reachability",
]


@pytest.mark.parametrize("machine", [lc.GroupLifecycle, lc.CampaignLifecycle])
def test_machines_keep_the_class_creation_checks(machine: Any) -> None:
    """Neither machine switches off python-statemachine's checks."""
    assert all(getattr(machine, check) is True for check in CHECKS)


def test_the_checks_would_catch_an_unreachable_status() -> None:
    """A machine leaving a status without a way in fails at class creation."""
    from statemachine import StateMachine
    from statemachine.exceptions import InvalidDefinition
    from statemachine.states import States

    with pytest.raises(InvalidDefinition, match="unreachable"):

        class Broken(StateMachine):  # pragma: no cover - never created
            s = States.from_enum(GroupStatus, initial=GroupStatus.NOT_LOADED)
            load = s.NOT_LOADED.to(s.INACTIVE)
            unload = s.INACTIVE.to(s.NOT_LOADED)


_VERBS = [
    lc.load,
    lc.start,
    lc.stop,
    lc.unload,
    lc.force_unload,
    lc.calls_drained,
    lc.unloaded,
    lc.complete,
]


@pytest.mark.parametrize("status", list(S), ids=str)
def test_every_refusal_speaks_group_changes_only(status: GroupStatus) -> None:
    """A refusal's action and allowed are GroupChange members: no hasattr needed."""
    refusals: list[TransitionNotAllowed] = []
    for verb in _VERBS:
        try:
            verb(group(status), at=AT)
        except TransitionNotAllowed as refused:
            refusals.append(refused)
    assert refusals
    for refused in refusals:
        assert type(refused.action) is GroupChange
        assert {type(a) for a in refused.allowed} <= {GroupChange}
