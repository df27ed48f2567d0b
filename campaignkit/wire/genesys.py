"""Genesys: OCS CampaignGroupState bodies, Stat Server objects and Genesys times.

The rules, and every choice made where the pages are silent: ``docs/wire-genesys.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import Any

import attrs

from campaignkit import _validate as v
from campaignkit.enums import Actor, DialMode, GroupAction, GroupStatus, OptimizeBy
from campaignkit.errors import DecodeError
from campaignkit.events import GroupSnapshot, GroupStateChanged
from campaignkit.models import Campaign, CampaignGroup
from campaignkit.naming import stat_server_name
from campaignkit.stats import GroupStats, ListStats
from campaignkit.vendor import VendorData, thaw
from campaignkit.wire import _common as c
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

USER_EVENT = "CampaignGroupState"  # GSW_USER_EVENT of every current body
UNKNOWN_TENANT = "Unknown"  # what OCS sends for a tenant that is not configured
MAX_EPOCH = 253_402_300_799
"""The last epoch second a datetime can hold: 9999-12-31 23:59:59 UTC."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def utc_from_epoch(seconds: int) -> dt.datetime:
    """Turn Genesys epoch seconds (0 to :data:`MAX_EPOCH`) into UTC."""
    ok = 0 <= seconds <= MAX_EPOCH
    v.check("epoch", "seconds", seconds, ok, f"an integer from 0 to {MAX_EPOCH}")
    return _EPOCH + dt.timedelta(seconds=seconds)


def epoch_from_utc(moment: dt.datetime) -> int:
    """Turn an aware datetime into Genesys epoch seconds (fractions dropped)."""
    v.check_aware("epoch", "moment", moment)
    return (moment - _EPOCH) // dt.timedelta(seconds=1)


def time_from_seconds(seconds: int) -> dt.time:
    """Turn Genesys seconds since midnight (0 to 86399) into a time."""
    v.check("daily", "seconds", seconds, 0 <= seconds < 86_400, "0 to 86399")
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def seconds_from_time(time: dt.time) -> int:
    """Turn a time of day into Genesys seconds since midnight (fractions dropped)."""
    return time.hour * 3600 + time.minute * 60 + time.second


def wire_time(at: dt.datetime) -> str:
    """Format an aware ``at`` as OCS does: UTC epoch seconds, cut to 3 decimals."""
    v.utc("wire_time", "at", at)
    ms = (at - _EPOCH) // dt.timedelta(milliseconds=1)
    seconds, millis = divmod(abs(ms), 1000)
    return f"{'-' if ms < 0 else ''}{seconds}.{millis:03d}"


_TIME = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?")


def _epoch_ms(raw: Any) -> dt.datetime:
    """Epoch seconds read digit by digit, floored (never rounded) to the ms."""
    match = _TIME.fullmatch(raw)
    if match is None:
        raise ValueError(raw)
    sign, seconds, fraction = match.groups("")
    ms = int(seconds) * 1000 + int(fraction[:3].ljust(3, "0"))
    if sign:
        ms = -ms - (1 if fraction[3:].strip("0") else 0)
    return _EPOCH + dt.timedelta(milliseconds=ms)


_read_time = c.parser(
    "epoch seconds such as '1772357400.123', years 1 to 9999", _epoch_ms
)
_unset_text = c.parser("a string", lambda raw: c.string(raw) or None)
_dbid = c.parser(
    f'"" (unset) or a decimal DBID of at most {c.MAX_WIRE_INT}',
    lambda raw: None if c.string(raw) == "" else c.digits(raw),
)
_figure = c.parser(
    f"a number >= 0 (an integer of at most {c.MAX_WIRE_INT} or a finite float) or null",
    lambda raw: c.ensure(
        raw is None
        or c.is_wire_int(raw)
        or (type(raw) is float and math.isfinite(raw) and raw >= 0),
        raw,
    ),
)


def _write_dbid(dbid: int) -> str:
    return str(c.writable("dbid", c.count, dbid, "CampaignGroup"))


# (wire key, attribute, read, write), in the order OCS writes them. A write of None:
# the value is written as it is, if the reader would take it back. A value None is
# written as _UNSET's value for the key, or left out; the keys in _OPTIONAL may be
# absent, and a 2018 draft (no GSW_USER_EVENT) may also lack those in _DRAFT_OPTIONAL.
_Field = tuple[str, str, c.Parser, c.Parser | None]
_FIELDS: tuple[_Field, ...] = (
    ("GSW_DATE_TIME", "at", _read_time, wire_time),
    ("GSW_TENANT_NAME", "tenant_name", c.string, str),
    ("GSW_TENANT_CCID", "tenant_ccid", c.string, str),
    ("GSW_CAMPAIGN_GROUP_NAME", "campaign_group_name", c.name, str),
    ("GSW_CAMPAIGN_GROUP_UUID", "campaign_group_uuid", _unset_text, str),
    ("GSW_CAMPAIGN_GROUP_DBID", "campaign_group_dbid", _dbid, _write_dbid),
    ("GSW_GROUP_NAME", "group_name", c.name, str),
    ("GSW_CAMPAIGN_NAME", "campaign_name", c.name, str),
    ("GSW_CAMPAIGN_TEMPLATE_NAME", "campaign_template_name", c.string, str),
    ("GSW_QUEUE_NAME", "queue_name", _unset_text, str),
    ("GSW_DIAL_MODE", "dial_mode", c.member(DialMode), int),
    ("GSW_OPTIMIZE_BY", "optimize_by", c.member(OptimizeBy), int),
    ("GSW_OPTIMIZE_GOAL", "optimize_goal", c.count, None),
    ("GSW_CAMPAIGN_GROUP_STATUS", "status", c.member(GroupStatus), int),
    ("GSW_CAMPAIGN_GROUP_ACTION", "action", c.member(GroupAction, none=True), int),
    ("GSW_CAMPAIGN_GROUP_ACTOR", "actor", c.member(Actor), int),
)
_STATS: tuple[_Field, ...] = tuple(
    (f"GSW_STAT_{name.upper()}", name, _figure, None)
    for name in ("busy_factor", "hit_ratio", "overdial_rate", "time_to_complete")
)
_LISTS = "GSW_CALLING_LISTS"  # campaignkit's own shape: OCS publishes none
_LIST_FIELDS: tuple[_Field, ...] = (
    ("GSW_CALLING_LIST_NAME", "calling_list_name", c.name, str),
    *(stat for stat in _STATS if stat[1] in attrs.fields_dict(ListStats)),
)
_LIST_ORDER = [key for key, *_ in _LIST_FIELDS]
_FIGURES = frozenset(key for key, *_ in _STATS)  # optional; null when undefined
_UNSET = {
    "GSW_CAMPAIGN_GROUP_UUID": "",
    "GSW_CAMPAIGN_GROUP_DBID": "",
    "GSW_QUEUE_NAME": "",
    "GSW_CAMPAIGN_GROUP_ACTION": 0,
    **dict.fromkeys(_FIGURES),
}
_OPTIMIZE = ("GSW_OPTIMIZE_BY", "GSW_OPTIMIZE_GOAL")
_OPTIONAL = frozenset({"GSW_CAMPAIGN_TEMPLATE_NAME", "GSW_DIAL_MODE", *_OPTIMIZE})
_DRAFT_OPTIONAL = _OPTIONAL | {"GSW_CAMPAIGN_GROUP_DBID", "GSW_CAMPAIGN_NAME"}
# The 2018 draft's names for two fields, and their current names.
_DRAFT_NAMES = {
    "GSW_CAMPAIGN_GROUP_GUID": "GSW_CAMPAIGN_GROUP_UUID",
    "GSW_CAMPAIGN_GROUP_STATE": "GSW_CAMPAIGN_GROUP_STATUS",
}
_MISSING = {
    current: f"{c.MISSING} (nor the 2018 draft's {draft})"
    for draft, current in _DRAFT_NAMES.items()
}
_KNOWN = frozenset(
    {"GSW_USER_EVENT", _LISTS, *(key for key, *_ in (*_FIELDS, *_STATS))}
)
_DATE_TIME, _DBID_KEY = "GSW_DATE_TIME", "GSW_CAMPAIGN_GROUP_DBID"


def _read(
    body: Any, fields: Iterable[_Field], errors: c.Errors, optional: Set[str] = _FIGURES
) -> dict[str, Any]:
    """Read ``fields`` into a dict by attribute; a key in ``optional`` may be absent."""
    values = c.read_fields(body, [(k, r) for k, _, r, _ in fields], errors, optional)
    return {attr: values.get(key) for key, attr, *_ in fields}


def _write(obj: Any, fields: Iterable[_Field]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for key, attr, read, write in fields:
        value = getattr(obj, attr)
        if value is None:
            if key in _UNSET:
                body[key] = _UNSET[key]
        elif write is None:
            body[key] = c.writable(attr, read, value, type(obj).__name__)
        else:
            body[key] = write(value)
    return body


def group_state_payload(
    event: GroupStateChanged | GroupSnapshot,
    *,
    stats: GroupStats | None = None,
    list_stats: Sequence[ListStats] = (),
) -> dict[str, Any]:
    """Build the CampaignGroupState body OCS would POST for a group event.

    ``stats`` (``GSW_STAT_*``) and ``list_stats`` (``GSW_CALLING_LISTS``) replace a
    snapshot's own figures; a snapshot answers no request: its action and actor are 0.
    """
    action: GroupAction | None
    if isinstance(event, GroupStateChanged):
        action, actor = event.action, event.actor
        if action is GroupAction.FORCE_UNLOAD:  # the page lists five actions only
            action = GroupAction.UNLOAD
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
    """The POST of :func:`group_state_payload` to ``campaigngroup-states-uri``."""
    payload = group_state_payload(event, stats=stats, list_stats=list_stats)
    headers = {"Content-Type": "application/json"}
    return HttpRequest("POST", uri, headers, c.json_body(payload))


def _known(report: GroupStateReport) -> dict[str, Any]:
    """The known keys of ``report`` in the writer's order, current names."""
    body = {"GSW_USER_EVENT": USER_EVENT, **_write(report, _FIELDS)}
    if report.stats is not None:
        body.update(_write(report.stats, _STATS))
    if report.list_stats:
        body[_LISTS] = [_write(s, _LIST_FIELDS) for s in report.list_stats]
    return body


def report_payload(report: GroupStateReport) -> dict[str, Any]:
    """Write a report back as the body it was read from, key order and names too.

    ``report_payload(parse_group_state(body)) == body``; a report that a reader
    could not take back is a ValidationError, as for :func:`group_state_payload`.
    """
    body = _known(report)
    texts: Mapping[str, str] = report.layout.get("text", {})
    if _DATE_TIME in texts and _read_time(texts[_DATE_TIME]) == report.at:
        body[_DATE_TIME] = texts[_DATE_TIME]
    if _DBID_KEY in texts and int(texts[_DBID_KEY]) == report.campaign_group_dbid:
        body[_DBID_KEY] = texts[_DBID_KEY]
    lists: tuple[tuple[str, ...], ...] | None = report.layout.get("lists")
    items = body.get(_LISTS, [])
    if lists is not None and len(lists) == len(items):
        pairs = zip(items, lists, strict=True)
        body[_LISTS] = [{k: item[k] for k in keys} for item, keys in pairs]
    order: tuple[str, ...] | None = report.layout.get("order")
    if order is not None:  # exactly the keys received, with the report's values
        sources = {key: _DRAFT_NAMES.get(key, key) for key in order}
        body = {
            key: body.get(source, [])  # [] for no lists; extra keys are set below
            for key, source in sources.items()
            if source in body or source == _LISTS or key in report.extra
        }
    body.update(thaw(report.extra))
    return body


@attrs.frozen(kw_only=True)
class GroupStateReport:
    """A CampaignGroupState body as received, with typed values.

    Attributes are the wire names in snake case (``docs/wire-genesys.md``);
    ``layout`` is what :func:`report_payload` needs to write it back.
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


def _list_stats(raw: Any, errors: c.Errors) -> tuple[ListStats, ...]:
    if type(raw) is not list:
        errors.append((_LISTS, f"expected a list; got {c.describe(raw)}"))
        return ()
    result = []
    for index, item in enumerate(raw):
        path = f"{_LISTS}[{index}]"
        if type(item) is not dict:
            errors.append((path, f"expected an object; got {c.describe(item)}"))
            continue
        inner: c.Errors = []
        values = _read(item, _LIST_FIELDS, inner)
        unknown = [k for k in item if k not in _LIST_ORDER]
        if unknown:
            names = ", ".join(c.describe(k) for k in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            inner.append(("$", f"unknown keys: {names}{more}"))
        errors += [(path if k == "$" else f"{path}.{k}", m) for k, m in inner]
        if not inner:
            result.append(ListStats(**values))
    return tuple(result)


def _layout(report: GroupStateReport, received: list[str], body: Any) -> VendorData:
    """What :func:`report_payload` needs beyond the typed values, if anything."""
    layout: dict[str, Any] = {}
    written = _known(report)
    texted = (_DATE_TIME, _DBID_KEY)
    texts = {k: body[k] for k in texted if body.get(k) not in (written[k], "", None)}
    if texts:
        layout["text"] = texts
    if received != [*written, *report.extra]:
        layout["order"] = received
    keys = [list(item) for item in body.get(_LISTS, [])]
    if any(k != _LIST_ORDER for k in keys):
        layout["lists"] = keys
    return VendorData(layout)


def parse_group_state(payload: Any) -> GroupStateReport:
    """Read a CampaignGroupState body (current or 2018 draft) into a report."""
    if not isinstance(payload, Mapping):
        message = f"expected an object; got {c.describe(payload)}"
        raise DecodeError(USER_EVENT, [("$", message)])
    body = dict(payload)
    received: dict[str, str] = {}  # a current name -> the draft's, as received
    for draft, current in _DRAFT_NAMES.items():
        if current not in body and draft in body:
            body[current] = body.pop(draft)
            received[current] = draft
    errors: c.Errors = []
    event = body.get("GSW_USER_EVENT", USER_EVENT)
    if event != USER_EVENT:
        what = repr(USER_EVENT) if type(event) is str else "a string"
        errors.append(("GSW_USER_EVENT", f"expected {what}; got {c.describe(event)}"))
    is_draft = "GSW_USER_EVENT" not in body  # then the DBID and campaign name may lack
    optional = _DRAFT_OPTIONAL if is_draft else _OPTIONAL
    fields = _read(body, _FIELDS, errors, optional)
    stats = any(key in body for key, *_ in _STATS)
    fields["stats"] = GroupStats(**_read(body, _STATS, errors)) if stats else None
    fields["list_stats"] = _list_stats(body.get(_LISTS, []), errors)
    unknown = {k: value for k, value in body.items() if k not in _KNOWN}
    fields["extra"] = c.vendor_data(unknown, errors)
    if errors:  # each at its key as received (a draft's name too)
        errors = [(k, _MISSING.get(k, m) if m == c.MISSING else m) for k, m in errors]
        raise DecodeError(USER_EVENT, [(received.get(k, k), m) for k, m in errors])
    if "GSW_CAMPAIGN_NAME" not in body:  # a draft's: read it from <campaign>@<group>
        group_part = "@" + fields["group_name"]
        campaign, found, rest = fields["campaign_group_name"].rpartition(group_part)
        fields["campaign_name"] = campaign if found and campaign and not rest else None
    report = GroupStateReport(**fields)
    return attrs.evolve(report, layout=_layout(report, list(payload), body))


class StatServerObjectKind(enum.StrEnum):
    """The four Stat Server campaign object types, spelled as Stat Server does."""

    CAMPAIGN = "Campaign"
    CAMPAIGN_GROUP = "CampaignGroup"
    CALLING_LIST = "CallingList"
    CAMPAIGN_CALLING_LIST = "CampaignCallingList"


@attrs.frozen(kw_only=True)
class StatServerObject:
    """One object a Stat Server statistic can be opened on: its kind and its name."""

    kind: StatServerObjectKind = attrs.field(
        validator=v.instance_of(StatServerObjectKind)
    )
    name: str = attrs.field(validator=v.nonempty_str())


def stat_server_objects(
    campaign: Campaign, groups: Iterable[CampaignGroup]
) -> tuple[StatServerObject, ...]:
    """List the Stat Server objects of a campaign, to open statistics on.

    The campaign, then its groups (always ``<campaign>@<group>``: Stat Server knows
    no other name), calling lists and campaign calling lists, without duplicates.
    """
    kind, name = StatServerObjectKind, campaign.name
    pairs = [(kind.CAMPAIGN, name)]
    for group in groups:
        ok, allowed = group.campaign_name == name, f"groups of campaign {name!r}"
        v.check("stat_server_objects", "groups", group.name, ok, allowed)
        pairs.append((kind.CAMPAIGN_GROUP, stat_server_name(name, group.group_name)))
    lists = [ccl.calling_list_name for ccl in campaign.calling_lists]
    pairs += [(kind.CALLING_LIST, n) for n in lists]
    pairs += [(kind.CAMPAIGN_CALLING_LIST, stat_server_name(name, n)) for n in lists]
    return tuple(dict.fromkeys(StatServerObject(kind=k, name=n) for k, n in pairs))
