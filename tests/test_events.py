"""Events and transitions are validated values."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from typing import Any

import attrs
import pytest

from campaignkit import (
    Actor,
    Campaign,
    CampaignGroup,
    CampaignStatus,
    CampaignStatusChanged,
    EndHandle,
    GroupAction,
    GroupSnapshot,
    GroupStateChanged,
    GroupStatus,
    RequestedStatus,
    Transition,
    ValidationError,
    from_dict,
    lifecycle,
    to_dict,
)
from campaignkit._validate import integer
from campaignkit.events import CampaignTrigger
from campaignkit.vendor import VendorData

AT = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def changed(group: CampaignGroup, previous: GroupStatus) -> GroupStateChanged:
    """A LOAD event by an OCS client."""
    return GroupStateChanged(
        group=group,
        previous_status=previous,
        action=GroupAction.LOAD,
        actor=Actor.OCS_CLIENT,
        at=AT,
    )


def test_a_transition_s_event_is_its_last() -> None:
    """Transition.event is the last of its events."""
    before = CampaignGroup(campaign_name="c", group_name="g")
    after = CampaignGroup(
        campaign_name="c", group_name="g", status=GroupStatus.INACTIVE
    )
    first = changed(after, GroupStatus.NOT_LOADED)
    last = changed(after, GroupStatus.INACTIVE)
    transition = Transition(before=before, after=after, events=(first, last))
    assert transition.event is last


def test_a_transition_without_events_changed_nothing() -> None:
    """No events means nothing changed; there is then no last event."""
    group = CampaignGroup(campaign_name="c", group_name="g")
    transition = Transition(before=group, after=group, events=())
    with pytest.raises(IndexError):
        _ = transition.event


def test_events_refuse_naive_times_by_name() -> None:
    """An event's time must be aware."""
    group = CampaignGroup(campaign_name="c", group_name="g")
    with pytest.raises(ValidationError, match=r"GroupSnapshot\.at"):
        GroupSnapshot(group=group, at=AT.replace(tzinfo=None))


def test_an_unbounded_integer_validator_says_so() -> None:
    """integer() without bounds accepts any int and names no bound."""
    validate = integer()

    class Attribute:
        name = "n"

    validate("Thing", Attribute, -5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"expected an integer$"):
        validate("Thing", Attribute, "5")  # type: ignore[arg-type]


def _transitions() -> list[Transition[Any, Any]]:
    group = CampaignGroup(
        campaign_name="c", group_name="g", vendor_data=VendorData({"k": [1]})
    )
    running = lifecycle.start(lifecycle.load(group, at=AT).after, at=AT).after
    campaign = Campaign(id="7", name="Spring")
    return [
        lifecycle.complete(running, at=AT, calls_in_flight=2),
        lifecycle.complete(running, at=AT, end_handle=EndHandle.CONTINUE),
        lifecycle.request_status(campaign, "RUNNING", at=AT),
        lifecycle.schedule(campaign, at=AT, start_at=AT + dt.timedelta(days=1)),
    ]


@pytest.mark.parametrize("transition", _transitions(), ids=repr)
def test_transitions_and_events_are_plain_values(
    transition: Transition[Any, Any],
) -> None:
    """They pickle, deep-copy and go through to_dict, JSON and from_dict unchanged."""
    kind = (
        lifecycle.GroupTransition
        if isinstance(transition.before, CampaignGroup)
        else lifecycle.CampaignTransition
    )
    for value, cls in [(transition, kind)] + [
        (event, type(event)) for event in transition.events
    ]:
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
        assert from_dict(cls, json.loads(json.dumps(to_dict(value)))) == value


def test_a_trigger_is_always_a_campaign_trigger() -> None:
    """A RequestedStatus is taken as its trigger; anything else is refused by name."""
    after = Campaign(id="7", name="Spring", status=CampaignStatus.MANUAL_STARTED)
    made = CampaignStatusChanged(
        campaign=after,
        previous_status=CampaignStatus.NEW,
        trigger=RequestedStatus.RUNNING,
        at=AT,
    )
    assert made.trigger is CampaignTrigger.RUNNING
    by_name = attrs.evolve(made, trigger="Dialing_Started")  # a name, in any case
    assert by_name.trigger is CampaignTrigger.DIALING_STARTED
    with pytest.raises(ValidationError, match=r"CampaignStatusChanged\.trigger"):
        CampaignStatusChanged(
            campaign=after, previous_status=CampaignStatus.NEW, trigger="fly", at=AT
        )


def test_a_transition_shows_as_a_small_table() -> None:
    """_repr_html_ lists the status before and after and each event, escaped."""
    group_html = _transitions()[0]._repr_html_()
    assert group_html.startswith("<table><caption>Transition of c@g</caption>")
    assert "RUNNING -&gt; ACTIVE (STOP_DIALING by SELF)" in group_html
    assert "<th>event 2</th>" in group_html
    campaign_html = _transitions()[2]._repr_html_()
    assert "Transition of campaign 7 (Spring)" in campaign_html
    assert "NEW -&gt; MANUAL_STARTED (RUNNING)" in campaign_html


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


@pytest.mark.parametrize(
    "trigger",
    [_BadRepr(), [_BadRepr()], 10**5000, 1],
    ids=["bad-repr", "list", "huge-int", "int"],
)
def test_a_trigger_that_is_no_string_is_a_validation_error(trigger: object) -> None:
    """Refused by the validator, never by enum's message (which calls repr)."""
    import datetime as dt

    from campaignkit import Campaign, CampaignStatus, CampaignStatusChanged
    from campaignkit.errors import ValidationError

    with pytest.raises(ValidationError, match="trigger"):
        CampaignStatusChanged(
            campaign=Campaign(id="1", name="c"),
            previous_status=CampaignStatus.NEW,
            trigger=trigger,
            at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
