"""Genesys: the OCS CampaignGroupState notification and the Stat Server objects.

OCS POSTs a CampaignGroupState JSON body to a web server when a campaign group is
loaded, started, stopped, unloaded or changes dial mode, and periodically for
every *active* group, which campaignkit reads as every loaded group (any status
but NotLoaded, WaitingUnload and UnloadInProgress included: calls still end there,
so the figures still move). :func:`group_state_payload` writes that body from a
campaignkit event, key for key in the order of the current Outbound Contact
Deployment Guide, and :func:`group_state_request` wraps it in the POST to send;
:func:`parse_group_state` reads a body back, and also reads the 2018 draft's form
(``GSW_CAMPAIGN_GROUP_GUID`` and ``GSW_CAMPAIGN_GROUP_STATE``, no
``GSW_USER_EVENT`` or ``GSW_CAMPAIGN_GROUP_DBID``, ``GSW_CAMPAIGN_NAME`` only "if
present in configuration"); :func:`report_payload` writes a report back exactly.

The epoch and seconds-since-midnight helpers (:func:`utc_from_epoch` and the
rest) convert the Genesys times of calling-list records.

The per-calling-list figures travel in ``GSW_CALLING_LISTS``, a list of objects
with ``GSW_CALLING_LIST_NAME``, ``GSW_STAT_HIT_RATIO`` and
``GSW_STAT_TIME_TO_COMPLETE``: OCS publishes no shape for them, so this one is
campaignkit's own.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from campaignkit import _validate as v
from campaignkit.enums import Actor, DialMode, GroupAction, GroupStatus, OptimizeBy
from campaignkit.errors import DecodeError
from campaignkit.events import GroupSnapshot, GroupStateChanged
from campaignkit.models import Campaign, CampaignGroup
from campaignkit.naming import stat_server_name
from campaignkit.stats import GroupStats, ListStats
from campaignkit.vendor import VendorData, thaw
from campaignkit.wire._common import (
    MAX_WIRE_INT,
    MISSING,
    FieldError,
    describe,
    extra_items,
    is_wire_int,
    json_body,
    vendor_data,
)
from campaignkit.wire.http import HttpRequest

__all__ = [
    "MAX_EPOCH",
    "GroupStateReport",
    "StatServerObject",
    "StatServerObjectKind",
    "epoch_from_utc",
    "group_state_payload",
    "group_state_request",
    "parse_group_state",
    "report_payload",
    "seconds_from_time",
    "stat_server_objects",
    "time_from_seconds",
    "utc_from_epoch",
    "wire_time",
]

USER_EVENT = "CampaignGroupState"
"""The value of ``GSW_USER_EVENT`` in every CampaignGroupState body."""
UNKNOWN_TENANT = "Unknown"
"""What OCS sends for a tenant name or CCID that is not configured."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MS = dt.timedelta(milliseconds=1)
_STAT_KEYS = (
    ("GSW_STAT_BUSY_FACTOR", "busy_factor"),
    ("GSW_STAT_HIT_RATIO", "hit_ratio"),
    ("GSW_STAT_OVERDIAL_RATE", "overdial_rate"),
    ("GSW_STAT_TIME_TO_COMPLETE", "time_to_complete"),
)
_LIST_STAT_KEYS = (
    ("GSW_STAT_HIT_RATIO", "hit_ratio"),
    ("GSW_STAT_TIME_TO_COMPLETE", "time_to_complete"),
)
_LIST_NAME = "GSW_CALLING_LIST_NAME"
_LIST_ORDER = [_LIST_NAME, *(key for key, _ in _LIST_STAT_KEYS)]
_LIST_KEYS = frozenset(_LIST_ORDER)
_LISTS = "GSW_CALLING_LISTS"
# The 2018 draft's names for two fields, mapped to their current names.
_DRAFT_NAMES = {
    "GSW_CAMPAIGN_GROUP_GUID": "GSW_CAMPAIGN_GROUP_UUID",
    "GSW_CAMPAIGN_GROUP_STATE": "GSW_CAMPAIGN_GROUP_STATUS",
}
_DRAFT_OF = {current: draft for draft, current in _DRAFT_NAMES.items()}
_KNOWN = frozenset(
    {
        "GSW_USER_EVENT",
        "GSW_DATE_TIME",
        "GSW_TENANT_NAME",
        "GSW_TENANT_CCID",
        "GSW_CAMPAIGN_GROUP_NAME",
        "GSW_CAMPAIGN_GROUP_UUID",
        "GSW_CAMPAIGN_GROUP_DBID",
        "GSW_GROUP_NAME",
        "GSW_CAMPAIGN_NAME",
        "GSW_CAMPAIGN_TEMPLATE_NAME",
        "GSW_QUEUE_NAME",
        "GSW_DIAL_MODE",
        "GSW_OPTIMIZE_BY",
        "GSW_OPTIMIZE_GOAL",
        "GSW_CAMPAIGN_GROUP_STATUS",
        "GSW_CAMPAIGN_GROUP_ACTION",
        "GSW_CAMPAIGN_GROUP_ACTOR",
        _LISTS,
        *(key for key, _ in _STAT_KEYS),
    }
)


# --- Genesys times ---------------------------------------------------------------

MAX_EPOCH = 253_402_300_799
"""The last epoch second a datetime can hold: 9999-12-31 23:59:59 UTC."""

_SECOND = dt.timedelta(seconds=1)
_DAY_SECONDS = 86_400


def utc_from_epoch(seconds: int) -> dt.datetime:
    """Turn Genesys epoch seconds (``dial_sched_time``, ``call_time``) into UTC.

    Raises:
        ValidationError: ``seconds`` is not from 0 to :data:`MAX_EPOCH`.

    >>> utc_from_epoch(1_700_000_000)
    datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc)
    """
    ok = 0 <= seconds <= MAX_EPOCH
    v.check("epoch", "seconds", seconds, ok, f"an integer from 0 to {MAX_EPOCH}")
    return _EPOCH + dt.timedelta(seconds=seconds)


def epoch_from_utc(moment: dt.datetime) -> int:
    """Turn an aware datetime into Genesys epoch seconds (fractions dropped).

    Raises:
        ValidationError: ``moment`` is naive (it names no instant).

    >>> epoch_from_utc(dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC))
    1700000000
    """
    v.check_aware("epoch", "moment", moment)
    return (moment - _EPOCH) // _SECOND


def time_from_seconds(seconds: int) -> dt.time:
    """Turn Genesys ``daily_from``/``daily_till`` (seconds since midnight) into a time.

    Raises:
        ValidationError: ``seconds`` is not from 0 to 86399.

    >>> time_from_seconds(64_800)
    datetime.time(18, 0)
    """
    ok = 0 <= seconds < _DAY_SECONDS
    v.check("daily", "seconds", seconds, ok, "0 to 86399")
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def seconds_from_time(time: dt.time) -> int:
    """Turn a time of day into Genesys seconds since midnight (fractions dropped).

    >>> seconds_from_time(dt.time(23, 59))
    86340
    """
    return time.hour * 3600 + time.minute * 60 + time.second


# --- writing -----------------------------------------------------------------


def wire_time(at: dt.datetime) -> str:
    """Format ``at`` as OCS does: UTC epoch seconds with three decimals.

    The time is truncated (not rounded) to the millisecond.

    Raises:
        ValidationError: ``at`` is naive, or has no UTC equivalent (year 1 at
            +01:00), which a reader could not turn back into a datetime.

    >>> import datetime as dt
    >>> wire_time(dt.datetime(2026, 3, 1, 9, 30, 0, 123999, tzinfo=dt.UTC))
    '1772357400.123'
    """
    v.check("wire_time", "at", at, v.in_utc(at) is not None, _AWARE_IN_RANGE)
    ms = (at - _EPOCH) // _MS
    sign = "-" if ms < 0 else ""
    seconds, millis = divmod(abs(ms), 1000)
    return f"{sign}{seconds}.{millis:03d}"


_AWARE_IN_RANGE = "a timezone-aware datetime whose UTC time is in datetime's range"


def _wire_int(field: str, value: int) -> int:
    """``value`` if a reader can take it back (at most ``2**63 - 1``)."""
    v.check(
        "CampaignGroup",
        field,
        value,
        value <= MAX_WIRE_INT,
        f"an integer of at most {MAX_WIRE_INT} (the wire's 64-bit limit)",
    )
    return value


def _figure(field: str, value: float | None) -> float | None:
    """A figure as written: an int one must fit the wire's 64 bits."""
    if type(value) is int:
        v.check(
            "GroupStats",
            field,
            value,
            value <= MAX_WIRE_INT,
            f"a number of at most {MAX_WIRE_INT} when an integer",
        )
    return value


def group_state_payload(
    event: GroupStateChanged | GroupSnapshot,
    *,
    stats: GroupStats | None = None,
    list_stats: Sequence[ListStats] = (),
) -> dict[str, Any]:
    """Build the CampaignGroupState body OCS would POST for a group event.

    A :class:`GroupStateChanged` gives its action and actor; a periodic
    :class:`GroupSnapshot` answers no request, so both are 0 (the guide: fields
    not relevant to the scenario are set to a default). ``GSW_DIAL_MODE`` is
    sent for a Running group only, ``GSW_OPTIMIZE_BY``/``_GOAL`` only when it
    runs in a predictive mode, ``GSW_CAMPAIGN_TEMPLATE_NAME`` only when set. A
    force unload is written with the page's unload value, 8 (the page lists five
    values for ``GSW_CAMPAIGN_GROUP_ACTION``; 29 is not one of them).

    Args:
        event: The group event.
        stats: The group's figures (the four ``GSW_STAT_*`` keys, after the
            actor); a snapshot's own are used when not given; none, no keys.
        list_stats: Per-calling-list figures (``GSW_CALLING_LISTS``, our shape);
            a snapshot's own are used when not given.

    Raises:
        ValidationError: The time has no UTC equivalent, or the DBID, the
            optimization goal or an integer figure is above ``2**63 - 1`` (a
            reader could not take them back).

    >>> import datetime as dt
    >>> from campaignkit import CampaignGroup, GroupSnapshot, GroupStatus
    >>> group = CampaignGroup(
    ...     campaign_name="Spring", group_name="Sales", status=GroupStatus.INACTIVE
    ... )
    >>> at = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    >>> payload = group_state_payload(GroupSnapshot(group=group, at=at))
    >>> payload["GSW_DATE_TIME"], payload["GSW_CAMPAIGN_GROUP_NAME"]
    ('1772357400.000', 'Spring@Sales')
    >>> [payload[k] for k in list(payload)[-3:]]  # status, action, actor
    [3, 0, 0]
    """
    action: GroupAction | None
    if isinstance(event, GroupStateChanged):
        action, actor = _WRITTEN_ACTION.get(event.action, event.action), event.actor
    else:
        action, actor = None, Actor.UNKNOWN
        stats = event.stats if stats is None else stats
        list_stats = list_stats or event.list_stats
    group = event.group
    running = group.status is GroupStatus.RUNNING
    predictive = running and group.dial_mode.is_predictive
    report = GroupStateReport(
        at=event.at,
        tenant_name=group.tenant_name or UNKNOWN_TENANT,
        tenant_ccid=group.tenant_ccid or UNKNOWN_TENANT,
        campaign_group_name=group.name,
        campaign_group_uuid=group.uuid,
        campaign_group_dbid=group.dbid,
        group_name=group.group_name,
        campaign_name=group.campaign_name,
        campaign_template_name=group.template_name,
        queue_name=group.queue_name,
        dial_mode=group.dial_mode if running else None,
        optimize_by=group.optimize_by if predictive else None,
        optimize_goal=group.optimize_goal if predictive else None,
        status=group.status,
        action=action,
        actor=actor,
        stats=stats,
        list_stats=tuple(list_stats),
    )
    return _known(report)


def group_state_request(
    event: GroupStateChanged | GroupSnapshot,
    uri: str,
    *,
    stats: GroupStats | None = None,
    list_stats: Sequence[ListStats] = (),
) -> HttpRequest:
    """Build the POST OCS would send for a group event (never sent here).

    Args:
        event: The group event, as for :func:`group_state_payload`.
        uri: The ``campaigngroup-states-uri`` to POST to.
        stats: As for :func:`group_state_payload`.
        list_stats: As for :func:`group_state_payload`.

    Raises:
        ValidationError: As :func:`group_state_payload`.

    >>> import datetime as dt
    >>> from campaignkit import CampaignGroup, GroupSnapshot
    >>> group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    >>> at = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    >>> request = group_state_request(GroupSnapshot(group=group, at=at), "http://h/s")
    >>> request.method, request.url, dict(request.headers)
    ('POST', 'http://h/s', {'Content-Type': 'application/json'})
    >>> request.body[:40]
    b'{"GSW_USER_EVENT": "CampaignGroupState",'
    """
    payload = group_state_payload(event, stats=stats, list_stats=list_stats)
    return HttpRequest("POST", uri, _JSON_HEADERS, json_body(payload))


_JSON_HEADERS = VendorData({"Content-Type": "application/json"})


# A force unload is written as an unload: the page allows five actions only.
_WRITTEN_ACTION = {GroupAction.FORCE_UNLOAD: GroupAction.UNLOAD}


def _known(report: GroupStateReport) -> dict[str, Any]:
    """The known keys of ``report`` in the writer's order, current names."""
    dbid = report.campaign_group_dbid
    body: dict[str, Any] = {
        "GSW_USER_EVENT": USER_EVENT,
        "GSW_DATE_TIME": wire_time(report.at),
        "GSW_TENANT_NAME": report.tenant_name,
        "GSW_TENANT_CCID": report.tenant_ccid,
        "GSW_CAMPAIGN_GROUP_NAME": report.campaign_group_name,
        "GSW_CAMPAIGN_GROUP_UUID": report.campaign_group_uuid or "",
        "GSW_CAMPAIGN_GROUP_DBID": "" if dbid is None else str(_wire_int("dbid", dbid)),
        "GSW_GROUP_NAME": report.group_name,
    }
    if report.campaign_name is not None:
        body["GSW_CAMPAIGN_NAME"] = report.campaign_name
    if report.campaign_template_name is not None:
        body["GSW_CAMPAIGN_TEMPLATE_NAME"] = report.campaign_template_name
    body["GSW_QUEUE_NAME"] = report.queue_name or ""
    if report.dial_mode is not None:
        body["GSW_DIAL_MODE"] = int(report.dial_mode)
    if report.optimize_by is not None:
        body["GSW_OPTIMIZE_BY"] = int(report.optimize_by)
    if report.optimize_goal is not None:
        body["GSW_OPTIMIZE_GOAL"] = _wire_int("optimize_goal", report.optimize_goal)
    body["GSW_CAMPAIGN_GROUP_STATUS"] = int(report.status)
    action = report.action
    body["GSW_CAMPAIGN_GROUP_ACTION"] = 0 if action is None else int(action)
    body["GSW_CAMPAIGN_GROUP_ACTOR"] = int(report.actor)
    if report.stats is not None:
        for key, name in _STAT_KEYS:
            body[key] = _figure(name, getattr(report.stats, name))
    if report.list_stats:
        body[_LISTS] = [
            {
                _LIST_NAME: s.calling_list_name,
                **{k: _figure(name, getattr(s, name)) for k, name in _LIST_STAT_KEYS},
            }
            for s in report.list_stats
        ]
    return body


def report_payload(report: GroupStateReport) -> dict[str, Any]:
    """Write a report back as the CampaignGroupState body it was read from.

    ``report_payload(parse_group_state(body)) == body`` for every body
    :func:`parse_group_state` accepts: same keys in the same order, a 2018
    draft's names, numbers in the form received, unknown keys from ``extra``.
    A report whose body was laid out as the writer lays it out has an empty
    ``layout``; otherwise ``layout`` holds the received key order (which is then
    authoritative: exactly those keys are written, with the report's values), and
    the received text of a time or DBID with more digits than the writer's.

    Raises:
        ValidationError: A value a reader could not take back (see
            :func:`group_state_payload`).
    """
    body = _known(report)
    layout = report.layout
    texts: Mapping[str, str] = layout.get("text", {})
    kept = texts.get(_DATE_TIME)
    if kept is not None and _read_time(kept) == report.at:
        body[_DATE_TIME] = kept
    kept = texts.get(_DBID_KEY)
    if kept is not None and int(kept) == report.campaign_group_dbid:
        body[_DBID_KEY] = kept
    lists_order: tuple[tuple[str, ...], ...] | None = layout.get("lists")
    items = body.get(_LISTS, [])
    if lists_order is not None and len(lists_order) == len(items):
        pairs = zip(items, lists_order, strict=True)
        body[_LISTS] = [{k: item[k] for k in keys} for item, keys in pairs]
    order: tuple[str, ...] | None = layout.get("order")
    if order is None:
        body.update(extra_items(report.extra, frozenset()))
        return body
    out: dict[str, Any] = {}
    for key in order:
        source = _DRAFT_NAMES.get(key, key)
        if key in report.extra:
            out[key] = thaw(report.extra[key])
        elif source in body:
            out[key] = body[source]
        elif source == _LISTS:
            out[key] = []
    out.update(extra_items(report.extra, frozenset(out)))
    return out


# --- reading -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GroupStateReport:
    """A CampaignGroupState body as received, with typed values.

    Attribute names follow the wire names (``GSW_CAMPAIGN_GROUP_NAME`` is
    ``campaign_group_name``). Empty strings the writer sends for unset values
    (UUID, DBID, queue) read as None; tenant texts are kept as sent, since OCS's
    default "Unknown" cannot be told from a tenant of that name. Numbers keep the
    form they came in: ``600`` is the int 600, ``600.0`` the float.
    :func:`report_payload` writes a report back.

    Attributes:
        at: ``GSW_DATE_TIME``, in UTC.
        tenant_name: ``GSW_TENANT_NAME``.
        tenant_ccid: ``GSW_TENANT_CCID``.
        campaign_group_name: ``GSW_CAMPAIGN_GROUP_NAME``.
        campaign_group_uuid: ``GSW_CAMPAIGN_GROUP_UUID`` (the draft's ``_GUID``).
        campaign_group_dbid: ``GSW_CAMPAIGN_GROUP_DBID`` (absent in the draft).
        group_name: ``GSW_GROUP_NAME``.
        campaign_name: ``GSW_CAMPAIGN_NAME``; None when a 2018 draft body has
            none and the group name does not give it.
        campaign_template_name: ``GSW_CAMPAIGN_TEMPLATE_NAME``, if sent.
        queue_name: ``GSW_QUEUE_NAME``.
        dial_mode: ``GSW_DIAL_MODE`` (sent for running groups only).
        optimize_by: ``GSW_OPTIMIZE_BY`` (predictive modes only).
        optimize_goal: ``GSW_OPTIMIZE_GOAL`` (predictive modes only).
        status: ``GSW_CAMPAIGN_GROUP_STATUS`` (the draft's ``_STATE``).
        action: ``GSW_CAMPAIGN_GROUP_ACTION``; None for 0, a periodic report.
        actor: ``GSW_CAMPAIGN_GROUP_ACTOR``.
        stats: The four ``GSW_STAT_*`` figures, None when none was sent.
        list_stats: ``GSW_CALLING_LISTS`` (campaignkit's shape).
        extra: Every key this module does not know, as received.
        layout: How the body differed from the writer's layout, for
            :func:`report_payload`: ``"order"`` (the keys as received),
            ``"lists"`` (each ``GSW_CALLING_LISTS`` entry's keys) and ``"text"``
            (a time or DBID text as received); empty when it did not.
    """

    at: dt.datetime
    tenant_name: str
    tenant_ccid: str
    campaign_group_name: str
    campaign_group_uuid: str | None
    campaign_group_dbid: int | None
    group_name: str
    campaign_name: str | None
    campaign_template_name: str | None
    queue_name: str | None
    dial_mode: DialMode | None
    optimize_by: OptimizeBy | None
    optimize_goal: int | None
    status: GroupStatus
    action: GroupAction | None
    actor: Actor
    stats: GroupStats | None
    list_stats: tuple[ListStats, ...]
    extra: VendorData = attrs.field(factory=VendorData)
    layout: VendorData = attrs.field(factory=VendorData)

    @property
    def is_periodic(self) -> bool:
        """Whether this is a periodic report rather than a state change."""
        return self.action is None


_E = TypeVar("_E", bound=enum.IntEnum)
_ABSENT: Any = object()
_TIME = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?")
# Seconds since 1970 have at most 12 digits in datetime's range (years 1-9999).
_SECONDS_DIGITS = 12
_DBID = re.compile(r"[0-9]{1,19}")
_DATE_TIME = "GSW_DATE_TIME"
_DBID_KEY = "GSW_CAMPAIGN_GROUP_DBID"
_NUMBER = f"a number >= 0 (an integer of at most {MAX_WIRE_INT} or a finite float)"


class _Reader:
    """Reads typed values out of one JSON object, collecting every error.

    ``received`` maps a key's current name to the name it came under (a 2018
    draft name), so every error names the key as it was on the wire.
    """

    def __init__(
        self,
        payload: Mapping[str, Any],
        errors: list[tuple[str, str]],
        received: Mapping[str, str] | None = None,
    ):
        self.payload = payload
        self.errors = errors
        self.received = received or {}

    def fail(self, key: str, message: str) -> None:
        self.errors.append((self.received.get(key, key), message))

    def raw(self, key: str, *, required: bool) -> Any:
        value = self.payload.get(key, _ABSENT)
        if value is _ABSENT and required:
            draft = _DRAFT_OF.get(key)
            also = f" (nor the 2018 draft's {draft})" if draft else ""
            self.fail(key, f"{MISSING}{also}")
        return value

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self.raw(key, required=required)
        if value is _ABSENT:
            return None
        if type(value) is not str:
            self.fail(key, f"expected a string, got {describe(value)}")
            return None
        return value

    def name(self, key: str, *, required: bool = True) -> str | None:
        """A name: a non-empty string (the models refuse empty names)."""
        value = self.text(key, required=required)
        if value == "":
            self.fail(key, 'expected a non-empty name, got ""')
            return None
        return value

    def integer(self, key: str, *, required: bool = True) -> int | None:
        value = self.raw(key, required=required)
        if value is _ABSENT:
            return None
        if not is_wire_int(value):
            self.fail(
                key,
                f"expected an integer from 0 to {MAX_WIRE_INT}, got {describe(value)}",
            )
            return None
        return value  # type: ignore[no-any-return]

    def member(self, key: str, cls: type[_E], *, required: bool = True) -> _E | None:
        value = self.integer(key, required=required)
        return None if value is None else self.to_member(key, cls, value)

    def to_member(
        self, key: str, cls: type[_E], value: int, also: str = ""
    ) -> _E | None:
        try:
            return cls(value)
        except ValueError:
            allowed = also + ", ".join(f"{m.value} ({m.name})" for m in cls)
            self.fail(
                key,
                f"{describe(value)} is not a valid {cls.__name__}; expected {allowed}",
            )
            return None

    def figure(self, key: str) -> float | None:
        """A figure, in the form received: an int stays an int."""
        value = self.raw(key, required=False)
        if value is _ABSENT or value is None:
            return None
        kind = type(value)
        if (kind is float and math.isfinite(value) and value >= 0) or (
            kind is int and is_wire_int(value)
        ):
            return value  # type: ignore[no-any-return]
        self.fail(key, f"expected {_NUMBER} or null, got {describe(value)}")
        return None


def _read_time(text: str) -> dt.datetime:
    """``GSW_DATE_TIME``'s text as a time, truncated to the millisecond.

    The digits are read exactly: no decimal context rounds
    ``1772357400.123999999999999999999999`` up to the next millisecond.

    Raises:
        FieldError: The text is not epoch seconds, or out of range.
    """
    match = _TIME.fullmatch(text)
    if match is None:
        raise FieldError("expected epoch seconds such as '1772357400.123'")
    sign, seconds, fraction = match.group(1), match.group(2).lstrip("0"), match[3]
    fraction = fraction or ""
    if len(seconds) > _SECONDS_DIGITS:
        raise FieldError("time out of range")
    ms = int(seconds or "0") * 1000 + int(fraction[:3].ljust(3, "0"))
    if sign:
        ms = -ms - (1 if fraction[3:].strip("0") else 0)
    try:
        return _EPOCH + dt.timedelta(milliseconds=ms)
    except OverflowError:
        raise FieldError("time out of range") from None


def _time(reader: _Reader) -> dt.datetime | None:
    """``GSW_DATE_TIME``, truncated to the millisecond (toward the past)."""
    text = reader.text(_DATE_TIME)
    if text is None:
        return None
    try:
        return _read_time(text)
    except FieldError as exc:
        reader.fail(_DATE_TIME, f"{exc}, got {describe(text)}")
        return None


def _dbid(reader: _Reader, *, required: bool) -> int | None:
    """The DBID: required in a current payload, absent in the 2018 draft."""
    text = reader.text(_DBID_KEY, required=required)
    if not text:
        return None
    if not (_DBID.fullmatch(text) and int(text) <= MAX_WIRE_INT):
        reader.fail(
            _DBID_KEY,
            f"expected a decimal DBID of at most {MAX_WIRE_INT}, got {describe(text)}",
        )
        return None
    return int(text)


def _action(reader: _Reader) -> GroupAction | None:
    """A request's action, or None for 0: a periodic report answers no request."""
    key = "GSW_CAMPAIGN_GROUP_ACTION"
    value = reader.integer(key)
    if not value:
        return None
    return reader.to_member(key, GroupAction, value, also="0 (none), ")


def _stats(reader: _Reader) -> GroupStats | None:
    if not any(key in reader.payload for key, _ in _STAT_KEYS):
        return None
    return GroupStats(**{name: reader.figure(key) for key, name in _STAT_KEYS})


def _list_stats(reader: _Reader) -> tuple[ListStats, ...]:
    value = reader.raw(_LISTS, required=False)
    if value is _ABSENT:
        return ()
    if type(value) is not list:
        reader.fail(_LISTS, f"expected a list, got {describe(value)}")
        return ()
    result = []
    for index, item in enumerate(value):
        path = f"{_LISTS}[{index}]"
        if type(item) is not dict:
            reader.fail(path, f"expected an object, got {describe(item)}")
            continue
        inner = _Reader(item, [])
        name = inner.name(_LIST_NAME)
        figures = {name_: inner.figure(key) for key, name_ in _LIST_STAT_KEYS}
        unknown = [k for k in item if k not in _LIST_KEYS]
        if unknown:
            names = ", ".join(describe(k) for k in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            inner.fail("$", f"unknown keys: {names}{more}")
        reader.errors.extend(
            (f"{path}.{key}" if key != "$" else path, message)
            for key, message in inner.errors
        )
        if not inner.errors and name:
            result.append(ListStats(calling_list_name=name, **figures))
    return tuple(result)


def _extra(payload: Mapping[Any, Any], errors: list[tuple[str, str]]) -> VendorData:
    """The keys this module does not know, frozen; what is not JSON is an error."""
    try:
        return vendor_data(
            USER_EVENT, {k: val for k, val in payload.items() if k not in _KNOWN}
        )
    except DecodeError as exc:
        errors.extend(exc.errors)
        return VendorData()


def _campaign_of(group_name: str, campaign_group_name: str) -> str | None:
    """The campaign part of ``<campaign>@<group>``, when the group name fixes it."""
    campaign, at, group = campaign_group_name.rpartition("@" + group_name)
    return campaign if at and not group and campaign else None


def _layout(
    report: GroupStateReport,
    received: list[str],
    items: list[Any],
    texts: dict[str, str],
) -> VendorData:
    """What :func:`report_payload` needs beyond the typed values, if anything."""
    layout: dict[str, Any] = {}
    if texts:
        layout["text"] = texts
    if received != [*_known(report), *report.extra]:
        layout["order"] = received
    keys = [list(item) for item in items]
    if any(k != _LIST_ORDER for k in keys):
        layout["lists"] = keys
    return VendorData(layout)


def parse_group_state(payload: Any) -> GroupStateReport:
    """Read a CampaignGroupState body (current or 2018 draft) into a report.

    Args:
        payload: The decoded JSON object.

    Raises:
        DecodeError: The payload is not an object, a required field is missing
            (``GSW_CAMPAIGN_GROUP_DBID`` and ``GSW_CAMPAIGN_NAME`` are required
            when ``GSW_USER_EVENT`` is there), a field has the wrong type or an
            unknown value, a name is empty, or a key or value is not JSON; each
            error names the wire key as received (a 2018-draft name too) or the
            path inside it.

    >>> report = parse_group_state({
    ...     "GSW_USER_EVENT": "CampaignGroupState",
    ...     "GSW_DATE_TIME": "1772357400.123",
    ...     "GSW_TENANT_NAME": "Unknown", "GSW_TENANT_CCID": "Unknown",
    ...     "GSW_CAMPAIGN_GROUP_NAME": "Spring@Sales",
    ...     "GSW_CAMPAIGN_GROUP_UUID": "", "GSW_CAMPAIGN_GROUP_DBID": "101",
    ...     "GSW_GROUP_NAME": "Sales", "GSW_CAMPAIGN_NAME": "Spring",
    ...     "GSW_QUEUE_NAME": "7001",
    ...     "GSW_CAMPAIGN_GROUP_STATUS": 3, "GSW_CAMPAIGN_GROUP_ACTION": 7,
    ...     "GSW_CAMPAIGN_GROUP_ACTOR": 1,
    ... })
    >>> report.status, report.action, report.campaign_group_dbid
    (<GroupStatus.INACTIVE: 3>, <GroupAction.LOAD: 7>, 101)
    >>> parse_group_state({"GSW_DATE_TIME": 1772357400.123})
    Traceback (most recent call last):
    ...
    campaignkit.errors.DecodeError: cannot decode CampaignGroupState:
    GSW_DATE_TIME: expected a string, got 1772357400.123; GSW_TENANT_NAME: ...
    """
    if not isinstance(payload, Mapping):
        raise DecodeError(
            USER_EVENT, [("$", f"expected an object, got {describe(payload)}")]
        )
    received_keys = list(payload)
    payload = dict(payload)
    # A payload with GSW_USER_EVENT is current; without it, the 2018 draft.
    current_form = "GSW_USER_EVENT" in payload
    received: dict[str, str] = {}
    for draft, current in _DRAFT_NAMES.items():
        if current not in payload and draft in payload:
            payload[current] = payload.pop(draft)
            received[current] = draft
    errors: list[tuple[str, str]] = []
    reader = _Reader(payload, errors, received)
    event_name = reader.text("GSW_USER_EVENT", required=False)
    if event_name is not None and event_name != USER_EVENT:
        reader.fail(
            "GSW_USER_EVENT", f"expected {USER_EVENT!r}, got {describe(event_name)}"
        )
    fields: dict[str, Any] = {
        "at": _time(reader),
        "tenant_name": reader.text("GSW_TENANT_NAME"),
        "tenant_ccid": reader.text("GSW_TENANT_CCID"),
        "campaign_group_name": reader.name("GSW_CAMPAIGN_GROUP_NAME"),
        "campaign_group_uuid": reader.text("GSW_CAMPAIGN_GROUP_UUID") or None,
        "campaign_group_dbid": _dbid(reader, required=current_form),
        "group_name": reader.name("GSW_GROUP_NAME"),
        "campaign_name": reader.name("GSW_CAMPAIGN_NAME", required=current_form),
        "campaign_template_name": reader.text(
            "GSW_CAMPAIGN_TEMPLATE_NAME", required=False
        ),
        "queue_name": reader.text("GSW_QUEUE_NAME") or None,
        "dial_mode": reader.member("GSW_DIAL_MODE", DialMode, required=False),
        "optimize_by": reader.member("GSW_OPTIMIZE_BY", OptimizeBy, required=False),
        "optimize_goal": reader.integer("GSW_OPTIMIZE_GOAL", required=False),
        "status": reader.member("GSW_CAMPAIGN_GROUP_STATUS", GroupStatus),
        "action": _action(reader),
        "actor": reader.member("GSW_CAMPAIGN_GROUP_ACTOR", Actor),
        "stats": _stats(reader),
        "list_stats": _list_stats(reader),
        "extra": _extra(payload, errors),
    }
    if errors:
        raise DecodeError(USER_EVENT, errors)
    if "GSW_CAMPAIGN_NAME" not in payload:  # a 2018 draft may leave it out
        fields["campaign_name"] = _campaign_of(
            fields["group_name"], fields["campaign_group_name"]
        )
    report = GroupStateReport(**fields)
    texts = {
        key: payload[key]
        for key, canonical in (
            (_DATE_TIME, wire_time(report.at)),
            (_DBID_KEY, str(report.campaign_group_dbid)),
        )
        if payload.get(key) not in (canonical, "", None)
    }
    items = payload.get(_LISTS, [])
    return attrs.evolve(report, layout=_layout(report, received_keys, items, texts))


# --- Stat Server objects -------------------------------------------------------


class StatServerObjectKind(enum.StrEnum):
    """The four Stat Server campaign object types, spelled as Stat Server does."""

    CAMPAIGN = "Campaign"
    CAMPAIGN_GROUP = "CampaignGroup"
    CALLING_LIST = "CallingList"
    CAMPAIGN_CALLING_LIST = "CampaignCallingList"


@attrs.frozen(kw_only=True)
class StatServerObject:
    """One object a Stat Server statistic can be opened on.

    Attributes:
        kind: Its object type.
        name: The name Stat Server knows it by (``<campaign>@<group>`` and
            ``<campaign>@<calling list>`` for the two campaign-scoped kinds).
    """

    kind: StatServerObjectKind = attrs.field(
        validator=v.instance_of(StatServerObjectKind)
    )
    name: str = attrs.field(validator=v.nonempty_str())


def stat_server_objects(
    campaign: Campaign, groups: Iterable[CampaignGroup]
) -> tuple[StatServerObject, ...]:
    """List the Stat Server objects of a campaign, to open statistics on.

    The campaign first, then its groups, its calling lists and its campaign
    calling lists, each in the order given, without duplicates. A group's name is
    always ``<campaign>@<group>``, whatever its configured name: Stat Server
    recognises no other.

    Raises:
        ValidationError: A group belongs to another campaign.

    >>> from campaignkit import Campaign, CampaignCallingList, CampaignGroup
    >>> spring = Campaign(id="1", name="Spring", calling_lists=(
    ...     CampaignCallingList(campaign_name="Spring", calling_list_name="Renewals"),
    ... ))
    >>> sales = CampaignGroup(campaign_name="Spring", group_name="Sales")
    >>> for obj in stat_server_objects(spring, [sales]):
    ...     print(obj.kind.value, obj.name)
    Campaign Spring
    CampaignGroup Spring@Sales
    CallingList Renewals
    CampaignCallingList Spring@Renewals
    """
    kind = StatServerObjectKind
    objects = [StatServerObject(kind=kind.CAMPAIGN, name=campaign.name)]
    for group in groups:
        v.check(
            "stat_server_objects",
            "groups",
            group.name,
            group.campaign_name == campaign.name,
            f"groups of campaign {campaign.name!r}",
        )
        name = stat_server_name(campaign.name, group.group_name)
        objects.append(StatServerObject(kind=kind.CAMPAIGN_GROUP, name=name))
    lists = campaign.calling_lists
    objects.extend(
        StatServerObject(kind=kind.CALLING_LIST, name=ccl.calling_list_name)
        for ccl in lists
    )
    objects.extend(
        StatServerObject(
            kind=kind.CAMPAIGN_CALLING_LIST,
            name=stat_server_name(campaign.name, ccl.calling_list_name),
        )
        for ccl in lists
    )
    return tuple(dict.fromkeys(objects))
