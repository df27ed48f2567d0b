"""Events and transitions are validated values."""

from __future__ import annotations

import datetime as dt

import pytest

from campaignkit import (
    Actor,
    CampaignGroup,
    GroupAction,
    GroupSnapshot,
    GroupStateChanged,
    GroupStatus,
    Transition,
    ValidationError,
)
from campaignkit._validate import integer

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


def test_a_transition_needs_an_event() -> None:
    """A transition without events is refused."""
    group = CampaignGroup(campaign_name="c", group_name="g")
    with pytest.raises(ValueError, match="events"):
        Transition(before=group, after=group, events=())


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
