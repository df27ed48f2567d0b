"""What happened: the frozen events of a lifecycle change or a periodic report.

The lifecycle functions return theirs inside a :class:`Transition`; a host builds
:class:`GroupSnapshot` for the periodic report. Notifiers receive them.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Generic, TypeVar

import attrs

from campaignkit import _validate as v
from campaignkit import enums
from campaignkit._display import html_table
from campaignkit.models import Campaign, CampaignGroup
from campaignkit.stats import GroupStats, ListStats

__all__ = [
    "CampaignStatusChanged",
    "CampaignTrigger",
    "Event",
    "GroupChange",
    "GroupSnapshot",
    "GroupStateChanged",
    "Transition",
]

_AT = attrs.field(validator=v.aware_datetime)


class GroupChange(enum.StrEnum):
    """A group change (a request, named like its :class:`GroupAction`, or a report).

    The value is the :mod:`~campaignkit.lifecycle` function that makes it.
    """

    LOAD = "load"
    START_DIALING = "start"
    STOP_DIALING = "stop"
    UNLOAD = "unload"
    FORCE_UNLOAD = "force_unload"
    SET_DIALING_MODE = "set_dial_mode"
    COMPLETE = "complete"
    CALLS_DRAINED = "calls_drained"
    UNLOADED = "unloaded"

    @property
    def action(self) -> enums.GroupAction | None:
        """The request a client sends for this change; None for a report."""
        return enums.GroupAction.__members__.get(self.name)


class CampaignTrigger(enum.StrEnum):
    """What changed a campaign's status: a client's request or an automatic change.

    A request equals its :class:`RequestedStatus`; an automatic change is spelled
    like its :mod:`~campaignkit.lifecycle` function.
    """

    RUNNING = "RUNNING"
    PAUSED = "PAUSED"
    PURGED = "PURGED"
    STOPPED = "STOPPED"
    SCHEDULE = "schedule"
    SCHEDULE_START_REACHED = "schedule_start_reached"
    DIALING_STARTED = "dialing_started"
    SCHEDULE_STOP_REACHED = "schedule_stop_reached"
    RECORDS_COMPLETED = "records_completed"

    @property
    def is_request(self) -> bool:
        """Whether a client asked for it (a :class:`RequestedStatus`)."""
        return self.value in enums.RequestedStatus.__members__


def _trigger(value: Any) -> CampaignTrigger:
    """Take a :class:`RequestedStatus` (or a trigger's value or name) as its trigger."""
    return enums.member(CampaignTrigger, value, "CampaignStatusChanged", "trigger")


@attrs.frozen(kw_only=True)
class GroupStateChanged:
    """A campaign group's status changed, or it changed dial mode while running.

    ``group`` is the group after the change; ``action`` the request it answers.
    """

    group: CampaignGroup = attrs.field(validator=v.instance_of(CampaignGroup))
    previous_status: enums.GroupStatus = attrs.field(
        validator=v.instance_of(enums.GroupStatus)
    )
    action: enums.GroupAction = attrs.field(validator=v.instance_of(enums.GroupAction))
    actor: enums.Actor = attrs.field(validator=v.instance_of(enums.Actor))
    at: dt.datetime = _AT


@attrs.frozen(kw_only=True)
class CampaignStatusChanged:
    """A campaign's status changed (``campaign``: after; a request is a ``trigger``)."""

    campaign: Campaign = attrs.field(validator=v.instance_of(Campaign))
    previous_status: enums.CampaignStatus = attrs.field(
        validator=v.instance_of(enums.CampaignStatus)
    )
    trigger: CampaignTrigger = attrs.field(converter=_trigger)
    at: dt.datetime = _AT


@attrs.frozen(kw_only=True)
class GroupSnapshot:
    """A periodic report on an active group (OCS's ``campaigngroup-states-interval``).

    ``stats`` and ``list_stats`` (one per calling list) are what the host computed.
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

    ``before`` is the model passed in (never changed); ``events`` are in order, and
    there are none when nothing changed.
    """

    before: M
    after: M
    events: tuple[E, ...]

    @property
    def event(self) -> E:
        """The last event, which left ``after``'s status (IndexError if none)."""
        return self.events[-1]

    def _repr_html_(self) -> str:
        rows = [("before", self.before.status.name), ("after", self.after.status.name)]
        rows += [(f"event {n}", _describe(e)) for n, e in enumerate(self.events, 1)]
        model = self.before
        name = model.label if isinstance(model, Campaign) else model.stat_server_name
        return html_table(f"Transition of {name}", rows)


def _describe(event: GroupStateChanged | CampaignStatusChanged) -> str:
    if isinstance(event, GroupStateChanged):
        cause, status = f"{event.action} by {event.actor}", event.group.status.name
    else:
        cause, status = str(event.trigger), event.campaign.status.name
    return f"{event.previous_status.name} -> {status} ({cause}) at {event.at}"
