"""The transition table the functions use equals the python-statemachine machines.

Every (status, event, guard outcome) is driven through a real machine and through
the table compiled from it, and both must pick the same target (or both refuse).
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import pytest
from statemachine import StateChart
from statemachine.exceptions import TransitionNotAllowed as Refused

from campaignkit import lifecycle as lc
from campaignkit.enums import CampaignStatus, DialMode, GroupStatus
from campaignkit.errors import TransitionNotAllowed
from campaignkit.models import Campaign, CampaignGroup

MACHINES = [lc.GroupLifecycle, lc.CampaignLifecycle]


class Slot:
    """The mutable model a real machine reads its status from and writes it to."""

    def __init__(self, state: Any) -> None:
        self.state = state


def run_machine(
    machine: type[StateChart[Any]], status: Any, event: str, **kw: Any
) -> Any:
    """What a fresh machine in ``status`` does with ``event``: the target, or None."""
    slot = Slot(status)
    try:
        machine(model=slot).send(event, **kw)
    except Refused:
        return None
    return slot.state


def guard_arguments(event: str) -> list[dict[str, Any]]:
    """Arguments that give every outcome of the guards ``event`` may meet."""
    if event == "set_dial_mode":
        return [
            {"dial_mode_now": now, "dial_mode": new}
            for now, new in itertools.product(DialMode, DialMode)
        ]
    return [{"calls_in_flight": 0}, {"calls_in_flight": 3}, {}]


CASES = [
    (machine, status, str(event), kw)
    for machine, statuses in (
        (lc.GroupLifecycle, GroupStatus),
        (lc.CampaignLifecycle, CampaignStatus),
    )
    for status in statuses
    for event in machine.events
    for kw in guard_arguments(str(event))
]


def decide(machine: type[StateChart[Any]], status: Any, event: str, kw: Any) -> Any:
    """What the table does: the target, or None and the refusal's reason."""
    if machine is lc.GroupLifecycle:
        table, model = lc._GROUPS, CampaignGroup(campaign_name="S", group_name="G")
    else:
        table, model = lc._CAMPAIGNS, Campaign(id="1", name="S")
    try:
        return table.target(attrs.evolve(model, status=status), event, kw), ""
    except TransitionNotAllowed as refused:
        return None, refused.reason


def test_every_status_event_and_guard_outcome_agrees_with_the_machine() -> None:
    """The table and a real machine agree on all of them, refusals included."""
    outcomes = set()
    for machine, status, event, kw in CASES:
        expected = run_machine(machine, status, event, **kw)
        target, reason = decide(machine, status, event, kw)
        assert target == expected, (machine.__name__, status, event, kw)
        outcomes.add((machine, expected is None))
        if event == "set_dial_mode" and status is GroupStatus.RUNNING:
            assert reason == lc.dial_mode_refusal(**kw)
    assert len(outcomes) == 4  # both machines both accept and refuse
    assert len(CASES) > 1000


def test_unknown_events_are_refused_by_both() -> None:
    """An event the machine does not know is refused by the table too."""
    assert run_machine(lc.GroupLifecycle, GroupStatus.RUNNING, "fly") is None
    assert decide(lc.GroupLifecycle, GroupStatus.RUNNING, "fly", {}) == (None, "")


@pytest.mark.parametrize("machine", MACHINES)
def test_the_machines_have_only_guards(machine: type[StateChart[Any]]) -> None:
    """No action, validator or listener hides in a machine: only guards decide.

    So a table of guards and targets is the whole machine.
    """
    for state in machine.states_map.values():
        for transition in state.transitions:
            for group in ("validators", "before", "on", "after"):
                for spec in getattr(transition, group):
                    assert spec.is_convention, (transition, spec)
                    assert not hasattr(machine, spec.func), spec.func
            for guard in transition.cond:
                assert callable(guard.func)  # a function the table can call too
    own = [
        name for name in vars(machine) if name.startswith(("on_", "before_", "after_"))
    ]
    assert own == []
