"""The four campaign objects of the Stat Server hierarchy, as immutable values.

Campaign → CampaignGroup(s) and CampaignCallingList(s) → the agent groups and
CallingLists they are based on. Every model is frozen, slotted and keyword-only;
validators refuse bad values with a :class:`~campaignkit.errors.ValidationError`
naming the class and field; a change is ``attrs.evolve(model, field=value)``. What
each field holds: the *Fields* table of ``docs/api/models.md``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from campaignkit import _validate as v
from campaignkit import enums
from campaignkit.naming import stat_server_name
from campaignkit.vendor import VendorData, freeze

__all__ = [
    "CallingList",
    "Campaign",
    "CampaignCallingList",
    "CampaignGroup",
    "RetrySettings",
    "Schedule",
]


def _vendor(value: Any) -> Any:
    return freeze(value) if isinstance(value, dict) else value


_NAME = v.nonempty_str()
_OPT_INT = v.optional(v.integer(0))
_OPT_POSITIVE = v.optional(v.integer(1))
_OPT_NAME = v.optional(_NAME)
_OPT_AWARE = v.optional(v.aware_datetime)
_OPT_TIME = v.optional(v.time_of_day)
_OPT_ZONE = v.optional(v.time_zone)
_STATUS_SINCE: Any = attrs.field(
    default=None, converter=v.to_utc, validator=v.optional(v.utc_datetime)
)
_VENDOR_DATA: Any = attrs.field(
    factory=VendorData, converter=_vendor, validator=v.instance_of(VendorData)
)


@attrs.frozen(kw_only=True)
class Schedule:
    """When a campaign may dial: an overall start/stop and a daily window."""

    start_time: dt.datetime | None = attrs.field(default=None, validator=_OPT_AWARE)
    stop_time: dt.datetime | None = attrs.field(default=None, validator=_OPT_AWARE)
    daily_start: dt.time | None = attrs.field(default=None, validator=_OPT_TIME)
    daily_end: dt.time | None = attrs.field(default=None, validator=_OPT_TIME)
    time_zone: str | None = attrs.field(default=None, validator=_OPT_ZONE)

    def __attrs_post_init__(self) -> None:
        start, stop = self.start_time, self.stop_time
        if start is not None and stop is not None:
            v.check(self, "stop_time", stop, stop >= start, f"not before {start}")


@attrs.frozen(kw_only=True)
class RetrySettings:
    """How a campaign retries unsuccessful calls (the 8x8 CC retry fields)."""

    retry_interval: int | None = attrs.field(default=None, validator=_OPT_INT)
    max_retries: int | None = attrs.field(default=None, validator=_OPT_INT)
    abandon_max_retries: int | None = attrs.field(default=None, validator=_OPT_INT)
    max_ring_time: int | None = attrs.field(default=None, validator=_OPT_INT)


@attrs.frozen(kw_only=True)
class CampaignCallingList:
    """A calling list assigned to a campaign (Stat Server ``<campaign>@<list>``)."""

    campaign_name: str = attrs.field(validator=_NAME)
    calling_list_name: str = attrs.field(validator=_NAME)
    share: int = attrs.field(default=100, validator=v.integer(1, 100))
    active: bool = attrs.field(default=True, validator=v.boolean)

    @property
    def stat_server_name(self) -> str:
        """The name Stat Server knows this object by: ``<campaign>@<calling list>``."""
        return stat_server_name(self.campaign_name, self.calling_list_name)


@attrs.frozen(kw_only=True)
class Campaign:
    """An outbound campaign: what is dialed, and its status (8x8 CC, VoIPbin)."""

    id: str = attrs.field(validator=_NAME)
    name: str = attrs.field(validator=_NAME)
    type: enums.CampaignType = attrs.field(
        default=enums.CampaignType.CALL, validator=v.instance_of(enums.CampaignType)
    )
    detail: str = attrs.field(default="", validator=v.text)
    status: enums.CampaignStatus = attrs.field(
        default=enums.CampaignStatus.NEW, validator=v.instance_of(enums.CampaignStatus)
    )
    service_level: int = attrs.field(default=100, validator=v.integer(0))
    end_handle: enums.EndHandle = attrs.field(
        default=enums.EndHandle.STOP, validator=v.instance_of(enums.EndHandle)
    )
    queue_id: str | None = attrs.field(default=None, validator=_OPT_NAME)
    next_campaign_id: str | None = attrs.field(default=None, validator=_OPT_NAME)
    calling_lists: tuple[CampaignCallingList, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.tuple_of(CampaignCallingList)
    )
    schedule: Schedule = attrs.field(
        factory=Schedule, validator=v.instance_of(Schedule)
    )
    retry: RetrySettings = attrs.field(
        factory=RetrySettings, validator=v.instance_of(RetrySettings)
    )
    status_since: dt.datetime | None = _STATUS_SINCE
    vendor_data: VendorData = _VENDOR_DATA

    @property
    def label(self) -> str:
        """How messages name the campaign: ``campaign <id> (<name>)``."""
        return f"campaign {self.id} ({self.name})"

    def __attrs_post_init__(self) -> None:
        names = [ccl.calling_list_name for ccl in self.calling_lists]
        ours = all(ccl.campaign_name == self.name for ccl in self.calling_lists)
        ok = ours and len(set(names)) == len(names)
        allowed = f"calling lists of campaign {self.name!r}, each list once"
        v.check(self, "calling_lists", self.calling_lists, ok, allowed)


@attrs.frozen(kw_only=True)
class CampaignGroup:
    """A campaign's group of agents or places; it holds the dialing state."""

    campaign_name: str = attrs.field(validator=_NAME)
    group_name: str = attrs.field(validator=_NAME)
    name: str = attrs.field(validator=_NAME)
    kind: enums.GroupKind = attrs.field(
        default=enums.GroupKind.AGENTS, validator=v.instance_of(enums.GroupKind)
    )
    uuid: str | None = attrs.field(default=None, validator=_OPT_NAME)
    dbid: int | None = attrs.field(default=None, validator=_OPT_INT)
    tenant_name: str | None = attrs.field(default=None, validator=_OPT_NAME)
    tenant_ccid: str | None = attrs.field(default=None, validator=_OPT_NAME)
    template_name: str | None = attrs.field(default=None, validator=_OPT_NAME)
    queue_name: str | None = attrs.field(default=None, validator=_OPT_NAME)
    status: enums.GroupStatus = attrs.field(
        default=enums.GroupStatus.NOT_LOADED, validator=v.instance_of(enums.GroupStatus)
    )
    dial_mode: enums.DialMode = attrs.field(
        default=enums.DialMode.PREDICTIVE, validator=v.instance_of(enums.DialMode)
    )
    optimize_by: enums.OptimizeBy = attrs.field(
        default=enums.OptimizeBy.BUSY_FACTOR, validator=v.instance_of(enums.OptimizeBy)
    )
    optimize_goal: int = attrs.field(default=80, validator=v.integer(0))
    channels: int = attrs.field(default=10, validator=v.integer(1))
    status_since: dt.datetime | None = _STATUS_SINCE
    vendor_data: VendorData = _VENDOR_DATA

    @name.default
    def _name(self) -> str:
        return self.stat_server_name

    @property
    def stat_server_name(self) -> str:
        """The name Stat Server knows this group by: ``<campaign>@<group>``."""
        return stat_server_name(self.campaign_name, self.group_name)


@attrs.frozen(kw_only=True)
class CallingList:
    """A table of contact records, dialed through CampaignCallingLists."""

    name: str = attrs.field(validator=_NAME)
    dbid: int | None = attrs.field(default=None, validator=_OPT_INT)
    description: str = attrs.field(default="", validator=v.text)
    max_attempts: int | None = attrs.field(default=None, validator=_OPT_POSITIVE)
    daily_from: dt.time | None = attrs.field(default=None, validator=_OPT_TIME)
    daily_till: dt.time | None = attrs.field(default=None, validator=_OPT_TIME)
    time_zone: str | None = attrs.field(default=None, validator=_OPT_ZONE)
    records_total: int | None = attrs.field(default=None, validator=_OPT_INT)
    records_remaining: int | None = attrs.field(default=None, validator=_OPT_INT)

    def __attrs_post_init__(self) -> None:
        total, left = self.records_total, self.records_remaining
        if total is not None and left is not None:
            allowed = f"at most records_total ({total})"
            v.check(self, "records_remaining", left, left <= total, allowed)
