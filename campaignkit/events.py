"""What happened: the events a lifecycle change or a periodic report produces.

Events are frozen values. The lifecycle functions build :class:`GroupStateChanged`
and :class:`CampaignStatusChanged` and return them inside a :class:`Transition`;
a host builds :class:`GroupSnapshot` for the periodic report. Notifiers receive
them; :mod:`campaignkit.wire.genesys` turns group events into the vendor payload.
"""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

import attrs

from campaignkit import _validate as v
from campaignkit.enums import (
    Actor,
    CampaignStatus,
    GroupAction,
    GroupStatus,
    RequestedStatus,
)
from campaignkit.models import Campaign, CampaignGroup
from campaignkit.stats import GroupStats, ListStats

__all__ = [
    "CampaignStatusChanged",
    "Event",
    "GroupSnapshot",
    "GroupStateChanged",
    "Transition",
]

_AT = attrs.field(validator=v.aware_datetime)


@attrs.frozen(kw_only=True)
class GroupStateChanged:
    """A campaign group's status changed, or it changed dial mode while running.

    Attributes:
        group: The group after the change.
        previous_status: Its status before the change.
        action: The request the change answers (``GSW_CAMPAIGN_GROUP_ACTION``).
        actor: Who asked for it (``GSW_CAMPAIGN_GROUP_ACTOR``).
        at: When it happened (aware).
    """

    group: CampaignGroup = attrs.field(validator=v.instance_of(CampaignGroup))
    previous_status: GroupStatus = attrs.field(validator=v.instance_of(GroupStatus))
    action: GroupAction = attrs.field(validator=v.instance_of(GroupAction))
    actor: Actor = attrs.field(validator=v.instance_of(Actor))
    at: dt.datetime = _AT


@attrs.frozen(kw_only=True)
class CampaignStatusChanged:
    """A campaign's status changed.

    Attributes:
        campaign: The campaign after the change.
        previous_status: Its status before the change.
        trigger: The :class:`RequestedStatus` a client asked for, or the name of the
            automatic change (``"schedule_start_reached"``, ``"records_completed"``).
        at: When it happened (aware).
    """

    campaign: Campaign = attrs.field(validator=v.instance_of(Campaign))
    previous_status: CampaignStatus = attrs.field(
        validator=v.instance_of(CampaignStatus)
    )
    trigger: RequestedStatus | str = attrs.field(validator=v.nonempty_str())
    at: dt.datetime = _AT


@attrs.frozen(kw_only=True)
class GroupSnapshot:
    """A periodic report on an active group (OCS's ``campaigngroup-states-interval``).

    Attributes:
        group: The group as it is now.
        stats: Its figures, if the host computed them.
        list_stats: Figures per calling list, possibly empty.
        at: When the report was taken (aware).
    """

    group: CampaignGroup = attrs.field(validator=v.instance_of(CampaignGroup))
    stats: GroupStats | None = attrs.field(
        default=None, validator=v.optional(v.instance_of(GroupStats))
    )
    list_stats: tuple[ListStats, ...] = attrs.field(
        default=(), validator=v.tuple_of(ListStats)
    )
    at: dt.datetime = _AT


Event = GroupStateChanged | CampaignStatusChanged | GroupSnapshot
"""Any event a notifier may receive."""

M = TypeVar("M", Campaign, CampaignGroup)
E = TypeVar("E", GroupStateChanged, CampaignStatusChanged)


@attrs.frozen(kw_only=True)
class Transition(Generic[M, E]):
    """The result of a lifecycle function: the model before and after, and the events.

    Attributes:
        before: The model as it was passed in (never changed).
        after: The new model.
        events: One or more events, in the order they happened.
    """

    before: M
    after: M
    events: tuple[E, ...] = attrs.field(validator=attrs.validators.min_len(1))

    @property
    def event(self) -> E:
        """The last event: the one that left ``after``'s status."""
        return self.events[-1]
