"""The campaign lifecycle: 8x8 CC statuses, driven by CampaignLifecycle."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from campaignkit import lifecycle as lc
from campaignkit.enums import CampaignStatus, RequestedStatus
from campaignkit.errors import TransitionNotAllowed, ValidationError
from campaignkit.events import CampaignStatusChanged, CampaignTrigger
from campaignkit.models import Campaign, Schedule

C = CampaignStatus
R = RequestedStatus
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
AT = T0 + dt.timedelta(minutes=5)
START_AT = T0 + dt.timedelta(days=1)


def campaign(status: CampaignStatus = C.NEW, **fields: Any) -> Campaign:
    return Campaign(id="42", name="Spring", status=status, status_since=T0, **fields)


CALLS: dict[str, Callable[[Campaign], Any]] = {
    **{
        request.name: lambda c, request=request: lc.request_status(c, request, at=AT)
        for request in R
    },
    "schedule": lambda c: lc.schedule(c, at=AT, start_at=START_AT),
    "schedule_start_reached": lambda c: lc.schedule_start_reached(c, at=AT),
    "dialing_started": lambda c: lc.dialing_started(c, at=AT),
    "schedule_stop_reached": lambda c: lc.schedule_stop_reached(c, at=AT),
    "records_completed": lambda c: lc.records_completed(c, at=AT),
}

STOPPED = {C.MANUAL_STOPPED, C.COMPLETED, C.SCHEDULE_STOPPED}
NOT_STOPPED = [status for status in C if status not in STOPPED]
SCHEDULE_DRIVEN = [C.SCHEDULE_RUNNING, C.SCHEDULE_PAUSED, C.SCHEDULE_PURGED]
STARTED_RUNNING_PAUSED_PURGED = [
    C.MANUAL_STARTED,
    C.MANUAL_RUNNING,
    C.SCHEDULE_RUNNING,
    C.MANUAL_PAUSED,
    C.SCHEDULE_PAUSED,
    C.MANUAL_PURGED,
    C.SCHEDULE_PURGED,
]

# The specification (docs/lifecycles.md, Campaigns): (status, call) -> status after.
EXPECTED: dict[tuple[CampaignStatus, str], CampaignStatus] = {
    (C.NEW, "RUNNING"): C.MANUAL_STARTED,
    (C.SCHEDULED, "RUNNING"): C.MANUAL_STARTED,
    (C.MANUAL_PAUSED, "RUNNING"): C.MANUAL_RUNNING,
    (C.MANUAL_PURGED, "RUNNING"): C.MANUAL_RUNNING,
    (C.SCHEDULE_PAUSED, "RUNNING"): C.SCHEDULE_RUNNING,
    (C.SCHEDULE_PURGED, "RUNNING"): C.SCHEDULE_RUNNING,
    (C.MANUAL_STARTED, "PAUSED"): C.MANUAL_PAUSED,
    (C.MANUAL_RUNNING, "PAUSED"): C.MANUAL_PAUSED,
    (C.SCHEDULED, "PAUSED"): C.SCHEDULE_PAUSED,
    (C.SCHEDULE_RUNNING, "PAUSED"): C.SCHEDULE_PAUSED,
    (C.MANUAL_PAUSED, "PURGED"): C.MANUAL_PURGED,
    (C.SCHEDULE_PAUSED, "PURGED"): C.SCHEDULE_PURGED,
    **{(status, "STOPPED"): C.MANUAL_STOPPED for status in NOT_STOPPED},
    (C.NEW, "schedule"): C.SCHEDULED,
    (C.SCHEDULED, "schedule_start_reached"): C.SCHEDULE_RUNNING,
    (C.MANUAL_STARTED, "dialing_started"): C.MANUAL_RUNNING,
    **{
        (status, "schedule_stop_reached"): C.SCHEDULE_STOPPED
        for status in [C.SCHEDULED, *SCHEDULE_DRIVEN]
    },
    **{
        (status, "records_completed"): C.COMPLETED
        for status in STARTED_RUNNING_PAUSED_PURGED
    },
}


@pytest.mark.parametrize(("status", "call"), list(itertools.product(C, CALLS)), ids=str)
def test_every_status_and_change(status: CampaignStatus, call: str) -> None:
    """Allowed pairs give the documented status; all others are refused."""
    before = campaign(status)
    expected = EXPECTED.get((status, call))
    if expected is None:
        with pytest.raises(TransitionNotAllowed) as caught:
            CALLS[call](before)
        assert caught.value.status is status
        assert caught.value.obj == "campaign 42 (Spring)"
        assert caught.value.action is CampaignTrigger(call)
        assert all(type(a) is CampaignTrigger for a in caught.value.allowed)
        return
    result = CALLS[call](before)
    assert result.before is before
    assert before.status is status
    assert result.after.status is expected
    assert result.after.status_since == AT
    assert len(result.events) == 1
    event = result.event
    assert isinstance(event, CampaignStatusChanged)
    assert event.campaign == result.after
    assert event.previous_status is status
    assert event.at == AT
    assert event.trigger is CampaignTrigger(call)


@pytest.mark.parametrize("status", list(C))
def test_allowed_requests_match_the_table(status: CampaignStatus) -> None:
    """allowed_requests lists exactly the requests the table accepts."""
    expected = {
        R[call] for (s, call) in EXPECTED if s is status and call in R.__members__
    }
    assert lc.allowed_requests(campaign(status)) == expected


def test_stopped_campaigns_allow_nothing() -> None:
    """Stopped is final: no request and no automatic change is allowed."""
    for status in STOPPED:
        assert lc.allowed_requests(campaign(status)) == frozenset()
        with pytest.raises(TransitionNotAllowed) as caught:
            lc.request_status(campaign(status), R.RUNNING, at=AT)
        assert caught.value.allowed == ()
        assert "allowed now: none" in str(caught.value)


def test_refusal_names_campaign_status_request_and_allowed() -> None:
    """A refusal names id and name, the status, the request, and what is allowed."""
    with pytest.raises(TransitionNotAllowed) as caught:
        lc.request_status(campaign(C.MANUAL_RUNNING), "PURGED", at=AT)
    error = caught.value
    assert error.obj == "campaign 42 (Spring)"
    assert error.status is C.MANUAL_RUNNING
    assert error.action is CampaignTrigger.PURGED
    assert error.allowed == (
        CampaignTrigger.PAUSED,
        CampaignTrigger.RECORDS_COMPLETED,
        CampaignTrigger.STOPPED,
    )
    for part in ("42", "Spring", "MANUAL_RUNNING", "PURGED", "PAUSED"):
        assert part in str(error)


@pytest.mark.parametrize("target", ["START", "", 3, None, C.MANUAL_RUNNING])
def test_request_status_refuses_unknown_targets(target: Any) -> None:
    """A target that is not a RequestedStatus or one of its names is invalid."""
    with pytest.raises(ValidationError) as caught:
        lc.request_status(campaign(), target, at=AT)
    assert caught.value.obj == "request_status"
    assert caught.value.field == "target"
    assert "RUNNING" in caught.value.allowed


@pytest.mark.parametrize("name", ["RUNNING", "running", "Running"])
def test_request_status_accepts_names_in_any_case(name: str) -> None:
    """A request may name its status as a string, in any case."""
    result = lc.request_status(campaign(), name, at=AT)
    assert result.event.trigger is CampaignTrigger.RUNNING


def test_triggers_are_one_type_that_says_what_asked() -> None:
    """A trigger is a CampaignTrigger: a request or an automatic change.

    A request equals its RequestedStatus; an automatic change is spelled like its
    function.
    """
    for request in R:
        assert CampaignTrigger(request) == request
        assert CampaignTrigger(request).is_request
    for name in ("schedule", "dialing_started", "records_completed"):
        assert not CampaignTrigger(name).is_request
        assert callable(getattr(lc, name))


def test_schedule_sets_the_start_time() -> None:
    """Scheduling records start_at as the schedule's start time, offset kept."""
    start_at = dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    stop_time = start_at + dt.timedelta(days=7)
    before = campaign(schedule=Schedule(stop_time=stop_time, time_zone="Europe/Paris"))
    after = lc.schedule(before, at=AT, start_at=start_at).after
    assert after.schedule.start_time == start_at
    assert after.schedule.start_time.utcoffset() == dt.timedelta(hours=2)
    assert after.schedule.stop_time == stop_time
    assert after.schedule.time_zone == "Europe/Paris"
    assert before.schedule.start_time is None


@pytest.mark.parametrize(
    ("start_at", "words"),
    [
        (dt.datetime(2025, 3, 3, 8, 0), "aware"),
        (AT, "later than"),
        (AT - dt.timedelta(hours=1), "later than"),
        (START_AT + dt.timedelta(days=30), "stop_time"),
    ],
)
def test_schedule_refuses_bad_start_times(start_at: Any, words: str) -> None:
    """start_at must be aware, in the future, and before the stop time."""
    before = campaign(schedule=Schedule(stop_time=START_AT + dt.timedelta(days=7)))
    with pytest.raises(ValidationError) as caught:
        lc.schedule(before, at=AT, start_at=start_at)
    assert caught.value.field == "start_at"
    assert words in str(caught.value)


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize(
    ("at", "words"),
    [
        (dt.datetime(2025, 3, 1, 10, 0), "aware"),
        (T0 - dt.timedelta(microseconds=1), "status_since"),
    ],
)
def test_at_must_be_aware_and_not_before_status_since(
    call: str, at: Any, words: str
) -> None:
    """Every campaign function refuses a naive, missing or too-early ``at``."""
    status = next(s for (s, c) in EXPECTED if c == call)
    with pytest.raises(ValidationError) as caught:
        _with_at(call, campaign(status), at)
    assert caught.value.field == "at"
    assert words in str(caught.value)


def _with_at(call: str, c: Campaign, at: Any) -> Any:
    if call in R.__members__:
        return lc.request_status(c, call, at=at)
    if call == "schedule":
        return lc.schedule(c, at=at, start_at=START_AT)
    return getattr(lc, call)(c, at=at)


def test_a_schedule_driven_campaign_keeps_its_cause() -> None:
    """Pause, purge and resume of a scheduled campaign stay on Schedule statuses."""
    c = campaign()
    seen = []
    for step in (
        lambda c: lc.schedule(c, at=AT, start_at=START_AT),
        lambda c: lc.schedule_start_reached(c, at=START_AT),
        lambda c: lc.request_status(c, R.PAUSED, at=START_AT),
        lambda c: lc.request_status(c, R.PURGED, at=START_AT),
        lambda c: lc.request_status(c, R.RUNNING, at=START_AT),
        lambda c: lc.schedule_stop_reached(c, at=START_AT),
    ):
        c = step(c).after
        seen.append(c.status)
    assert seen == [
        C.SCHEDULED,
        C.SCHEDULE_RUNNING,
        C.SCHEDULE_PAUSED,
        C.SCHEDULE_PURGED,
        C.SCHEDULE_RUNNING,
        C.SCHEDULE_STOPPED,
    ]


def test_stopping_again_after_a_final_state_still_works() -> None:
    """Reaching a final state does not spoil the next transition on this thread."""
    for _ in range(3):
        stopped = lc.request_status(campaign(C.MANUAL_RUNNING), R.STOPPED, at=AT)
        assert stopped.after.status is C.MANUAL_STOPPED
        again = lc.request_status(campaign(C.NEW), R.RUNNING, at=AT)
        assert again.after.status is C.MANUAL_STARTED


def test_transitions_keep_every_other_field() -> None:
    """A transition changes only the status and status_since."""
    before = campaign(C.MANUAL_PAUSED, detail="d", queue_id="q", vendor_data={"x": 1})
    after = lc.request_status(before, R.PURGED, at=AT).after
    assert attrs.evolve(after, status=before.status, status_since=T0) == before


def test_campaign_machine_can_be_instantiated() -> None:
    """CampaignLifecycle builds and starts New, with its final states marked."""
    machine = lc.CampaignLifecycle()
    assert machine.current_state_value is C.NEW
    finals = {s.value for s in lc.CampaignLifecycle.states_map.values() if s.final}
    assert finals == STOPPED
    assert {str(e) for e in machine.allowed_events} == {
        "RUNNING",
        "STOPPED",
        "schedule",
    }


def test_campaign_diagram_is_built_from_the_machine() -> None:
    """diagram(CampaignLifecycle) is Mermaid with every status and the final marks."""
    text = lc.diagram(lc.CampaignLifecycle)
    assert text.startswith("stateDiagram-v2")
    for status in C:
        assert status.name in text
    for status in STOPPED:
        assert f"{status.name} --> [*]" in text


@pytest.mark.parametrize(("status", "asked"), list(itertools.product(C, R)), ids=str)
def test_check_request_refuses_as_request_status_does(
    status: CampaignStatus, asked: RequestedStatus
) -> None:
    """check_request accepts what request_status accepts and refuses the same way."""
    before = campaign(status)
    if (status, asked.name) not in EXPECTED:
        with pytest.raises(TransitionNotAllowed) as made:
            lc.request_status(before, asked, at=AT)
        with pytest.raises(TransitionNotAllowed) as checked:
            lc.check_request(before, asked.name.lower())
        assert str(checked.value) == str(made.value)
        assert checked.value.allowed == made.value.allowed
    else:
        assert lc.check_request(before, asked.name.lower()) is asked


def test_check_request_names_a_bad_target() -> None:
    """A target that names no request is a ValidationError naming check_request."""
    with pytest.raises(ValidationError) as caught:
        lc.check_request(campaign(), "GO")
    assert (caught.value.obj, caught.value.field) == ("check_request", "target")
