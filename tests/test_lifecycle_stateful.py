"""Random action sequences on both lifecycles keep their invariants (hypothesis).

Every call is also checked against a fresh python-statemachine machine in the same
status. ``CAMPAIGNKIT_DEEP=1`` runs 50 times as many sequences.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from campaignkit import lifecycle as lc
from campaignkit.enums import (
    Actor,
    CampaignStatus,
    DialMode,
    EndHandle,
    GroupAction,
    GroupStatus,
    RequestedStatus,
)
from campaignkit.errors import TransitionNotAllowed
from campaignkit.events import CampaignTrigger, Transition
from campaignkit.models import Campaign, CampaignGroup
from tests.test_lifecycle_table import run_machine

T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
STEP = st.integers(min_value=0, max_value=3600).map(lambda s: dt.timedelta(seconds=s))
CALLS = st.sampled_from([0, 2])
ACTOR = st.sampled_from(Actor)

MODES = st.sampled_from(
    [DialMode.PREDICTIVE, DialMode.PROGRESSIVE, DialMode.PREVIEW, DialMode.POWER]
)
# The request each group call stands for, when it is one a client sends.
REQUEST_OF = {
    "load": GroupAction.LOAD,
    "start": GroupAction.START_DIALING,
    "stop": GroupAction.STOP_DIALING,
    "unload": GroupAction.UNLOAD,
    "force_unload": GroupAction.FORCE_UNLOAD,
    "set_dial_mode": GroupAction.SET_DIALING_MODE,
    "complete": GroupAction.COMPLETE,
}
AUTOMATIC = [
    "schedule",
    "schedule_start_reached",
    "dialing_started",
    "schedule_stop_reached",
    "records_completed",
]


def machine_group_status(before: CampaignGroup, name: str, kwargs: Any) -> Any:
    """The status a fresh GroupLifecycle leaves ``before`` in, or None if refused."""
    guards = {"calls_in_flight": kwargs.get("calls_in_flight", 0)}
    if name == "set_dial_mode":
        guards = {"dial_mode_now": before.dial_mode, "dial_mode": kwargs["dial_mode"]}
    if name != "complete":
        return run_machine(lc.GroupLifecycle, before.status, name, **guards)
    status = before.status
    if kwargs.get("end_handle") is EndHandle.CONTINUE:
        unloads = run_machine(lc.GroupLifecycle, status, "unload", **guards)
        return None if unloads is None else status
    if status is GroupStatus.RUNNING:
        status = run_machine(lc.GroupLifecycle, status, "stop", **guards)
    return run_machine(lc.GroupLifecycle, status, "unload", **guards)


def check_transition(result: Transition[Any, Any], before: Any, copied: Any) -> None:
    """The invariants every successful call keeps."""
    assert result.before is before
    assert before == copied  # the input is never changed
    if not result.events:  # a group that continues when out of targets
        assert result.after is before
        return
    assert result.event is result.events[-1]
    first, last = result.events[0], result.events[-1]
    assert first.previous_status is before.status
    model_of = (
        (lambda e: e.group)
        if isinstance(before, CampaignGroup)
        else (lambda e: e.campaign)
    )
    assert model_of(last) == result.after
    for earlier, later in zip(result.events, result.events[1:], strict=False):
        assert later.previous_status is model_of(earlier).status
        assert later.at >= earlier.at
    if result.after.status is before.status:
        assert result.after.status_since == before.status_since
    else:
        assert result.after.status_since == last.at


class Lifecycles(RuleBasedStateMachine):
    """One group and one campaign, driven by random calls with moving time."""

    def __init__(self) -> None:
        super().__init__()
        self.group = CampaignGroup(
            campaign_name="Spring", group_name="Sales", status_since=T0
        )
        self.campaign = Campaign(id="42", name="Spring", status_since=T0)
        self.now = T0
        self.befores: list[tuple[Any, Any]] = []

    def _call(self, model: Any, function: Any, /, *args: Any, **kwargs: Any) -> Any:
        copied = attrs.evolve(model)  # an independent equal value
        self.befores.append((model, copied))
        try:
            result = function(model, *args, at=self.now, **kwargs)
        except TransitionNotAllowed as error:
            refused: TransitionNotAllowed | None = error
        else:
            refused = None
        if refused is not None:
            assert refused.status is model.status
            assert model == copied
            return None
        check_transition(result, model, copied)
        return result

    def _group(self, name: str, wait: dt.timedelta, *args: Any, **kwargs: Any) -> None:
        """Call a group function and check it against allowed_actions."""
        self.now += wait
        before = self.group
        allowed = lc.allowed_actions(before)
        result = self._call(before, getattr(lc, name), *args, **kwargs)
        if args:
            kwargs = {**kwargs, "dial_mode": args[0]}
        expected = machine_group_status(before, name, kwargs)
        assert (result and result.after.status) == expected
        request = REQUEST_OF.get(name)
        if result is None:
            guarded = request is GroupAction.SET_DIALING_MODE
            assert request not in allowed or guarded
            return
        if request is not None:
            assert request in allowed
        self.group = result.after

    @rule(
        name=st.sampled_from(["load", "start", "force_unload"]), wait=STEP, actor=ACTOR
    )
    def group_request(self, name: str, wait: dt.timedelta, actor: Actor) -> None:
        """A request that takes no more than an actor."""
        self._group(name, wait, actor=actor)

    @rule(name=st.sampled_from(["stop", "unload"]), wait=STEP, calls=CALLS, actor=ACTOR)
    def group_request_with_calls(
        self, name: str, wait: dt.timedelta, calls: int, actor: Actor
    ) -> None:
        """A stop or unload, with or without calls in flight."""
        self._group(name, wait, calls_in_flight=calls, actor=actor)

    @rule(wait=STEP, mode=MODES, actor=ACTOR)
    def group_set_dial_mode(
        self, wait: dt.timedelta, mode: DialMode, actor: Actor
    ) -> None:
        """A dial-mode change, allowed or not."""
        self._group("set_dial_mode", wait, mode, actor=actor)

    @rule(wait=STEP, calls=CALLS, end=st.sampled_from(EndHandle))
    def group_complete(self, wait: dt.timedelta, calls: int, end: EndHandle) -> None:
        """Running out of targets, with or without calls in flight."""
        self._group("complete", wait, calls_in_flight=calls, end_handle=end)

    @rule(name=st.sampled_from(["calls_drained", "unloaded"]), wait=STEP)
    def group_follow_up(self, name: str, wait: dt.timedelta) -> None:
        """A change OCS reports itself."""
        self._group(name, wait)

    @rule(
        requested=st.sampled_from(RequestedStatus),
        wait=STEP,
        spelling=st.sampled_from([None, str.upper, str.lower, str.title]),
    )
    def request(
        self, requested: RequestedStatus, wait: dt.timedelta, spelling: Any
    ) -> None:
        """A client's status request, as an enum or by name in any case."""
        self.now += wait
        before = self.campaign
        allowed = lc.allowed_requests(before)
        asked = spelling(requested.name) if spelling else requested
        result = self._call(before, lc.request_status, asked)
        assert (result is not None) == (requested in allowed)
        expected = run_machine(lc.CampaignLifecycle, before.status, requested.name)
        assert (result and result.after.status) == expected
        if result is not None:
            assert result.event.trigger is CampaignTrigger(requested)
            self.campaign = result.after

    @rule(name=st.sampled_from(AUTOMATIC), wait=STEP)
    def automatic(self, name: str, wait: dt.timedelta) -> None:
        """An automatic campaign change."""
        self.now += wait
        kwargs = {"start_at": self.now + dt.timedelta(hours=1)}
        extra = kwargs if name == "schedule" else {}
        before = self.campaign
        result = self._call(before, getattr(lc, name), **extra)
        expected = run_machine(lc.CampaignLifecycle, before.status, name)
        assert (result and result.after.status) == expected
        if result is not None:
            assert result.event.trigger is CampaignTrigger(name)
            self.campaign = result.after

    @precondition(lambda self: self.campaign.status.is_final)
    @rule(requested=st.sampled_from(RequestedStatus), name=st.sampled_from(AUTOMATIC))
    def a_stopped_campaign_never_changes(
        self, requested: RequestedStatus, name: str
    ) -> None:
        """Every request and automatic change of a stopped campaign is refused."""
        assert lc.allowed_requests(self.campaign) == frozenset()
        assert self._call(self.campaign, lc.request_status, requested) is None
        start_at = {"start_at": self.now + dt.timedelta(hours=1)}
        extra = start_at if name == "schedule" else {}
        assert self._call(self.campaign, getattr(lc, name), **extra) is None

    @precondition(lambda self: self.campaign.status.is_final)
    @rule()
    def next_campaign(self) -> None:
        """Start over with a new campaign once this one is stopped."""
        self.campaign = attrs.evolve(
            self.campaign, status=CampaignStatus.NEW, status_since=self.now
        )

    @invariant()
    def inputs_never_change(self) -> None:
        """No model passed in was ever changed."""
        for model, copied in self.befores[-5:]:
            assert model == copied

    @invariant()
    def statuses_are_known(self) -> None:
        """Both models hold a status their machine knows."""
        assert self.group.status in GroupStatus
        assert self.campaign.status in CampaignStatus


TestLifecycles = Lifecycles.TestCase
DEEP = 50 if os.environ.get("CAMPAIGNKIT_DEEP") else 1
TestLifecycles.settings = settings(
    max_examples=100 * DEEP, stateful_step_count=60, deadline=None
)
