"""Random action sequences on both lifecycles keep their invariants (hypothesis)."""

from __future__ import annotations

import datetime as dt
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
    GroupAction,
    GroupStatus,
    RequestedStatus,
)
from campaignkit.errors import TransitionNotAllowed
from campaignkit.events import Transition
from campaignkit.models import Campaign, CampaignGroup

T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
STEP = st.integers(min_value=0, max_value=3600).map(lambda s: dt.timedelta(seconds=s))
CALLS = st.integers(min_value=0, max_value=3)
ACTOR = st.sampled_from(Actor)

GROUP_CALLS = [
    "load",
    "start",
    "stop",
    "calls_drained",
    "unload",
    "unloaded",
    "force_unload",
    "set_dial_mode",
    "complete",
]
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


def check_transition(result: Transition[Any, Any], before: Any, copied: Any) -> None:
    """The invariants every successful call keeps."""
    assert result.before is before
    assert before == copied  # the input is never changed
    assert result.events
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

    @rule(
        name=st.sampled_from(GROUP_CALLS),
        wait=STEP,
        calls=CALLS,
        mode=st.sampled_from(DialMode),
        actor=ACTOR,
    )
    def group_call(
        self, name: str, wait: dt.timedelta, calls: int, mode: DialMode, actor: Actor
    ) -> None:
        """Any group function, with the arguments it takes."""
        self.now += wait
        function = getattr(lc, name)
        before = self.group
        allowed = lc.allowed_actions(before)
        if name in {"stop", "unload"}:
            result = self._call(before, function, calls_in_flight=calls, actor=actor)
        elif name == "complete":
            result = self._call(before, function, calls_in_flight=calls)
        elif name == "set_dial_mode":
            result = self._call(before, function, mode, actor=actor)
        elif name in {"load", "start", "force_unload"}:
            result = self._call(before, function, actor=actor)
        else:
            result = self._call(before, function)
        request = REQUEST_OF.get(name)
        if result is None:
            guarded = request is GroupAction.SET_DIALING_MODE
            assert request not in allowed or guarded
            return
        if request is not None:
            assert request in allowed
        self.group = result.after

    @rule(requested=st.sampled_from(RequestedStatus), wait=STEP, by_name=st.booleans())
    def request(
        self, requested: RequestedStatus, wait: dt.timedelta, by_name: bool
    ) -> None:
        """A client's status request, as an enum or by name."""
        self.now += wait
        before = self.campaign
        allowed = lc.allowed_requests(before)
        asked = requested.name if by_name else requested
        result = self._call(before, lc.request_status, asked)
        assert (result is not None) == (requested in allowed)
        if result is not None:
            assert result.event.trigger is requested
            self.campaign = result.after

    @rule(name=st.sampled_from(AUTOMATIC), wait=STEP)
    def automatic(self, name: str, wait: dt.timedelta) -> None:
        """An automatic campaign change."""
        self.now += wait
        kwargs = {"start_at": self.now + dt.timedelta(hours=1)}
        extra = kwargs if name == "schedule" else {}
        result = self._call(self.campaign, getattr(lc, name), **extra)
        if result is not None:
            assert result.event.trigger == name
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
TestLifecycles.settings = settings(
    max_examples=60, stateful_step_count=40, deadline=None
)
