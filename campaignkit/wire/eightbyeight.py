"""The 8x8 Contact Center campaign status API, read and written exactly.

The mapping, the choices made where the page is silent, and why it is written by
hand are in ``docs/wire-eightbyeight.md``.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

import attrs

from campaignkit._validate import in_utc
from campaignkit.enums import CampaignPhase, CampaignStatus, RequestedStatus
from campaignkit.errors import DecodeError, TransitionNotAllowed, ValidationError
from campaignkit.lifecycle import allowed_requests
from campaignkit.models import Campaign, RetrySettings, Schedule
from campaignkit.vendor import VendorData, thaw
from campaignkit.wire import _common
from campaignkit.wire._common import KEY_ORDER
from campaignkit.wire.http import HttpRequest

__all__ = [
    "ENVELOPE",
    "KEY_ORDER",
    "POSIX_ZONES",
    "Credentials",
    "change_status_url",
    "decode_campaign",
    "encode_campaign",
    "parse_status_change",
    "parse_status_change_response",
    "status_change_body",
    "status_change_request",
    "status_request",
    "status_url",
]

_TARGET = "8x8 campaign"
_parser = _common.parser


def _unset(parse: _common.Parser) -> _common.Parser:  # "" is unset (None) on the wire
    return lambda raw: None if type(raw) is str and raw == "" else parse(raw)


def _iso(kind: Any, raw: Any, ok: Callable[[Any], bool]) -> Any:
    """A ``kind`` whose ISO spelling ``raw`` is exactly, so that it round-trips."""
    parsed = kind.fromisoformat(raw)
    return _common.ensure(parsed.isoformat() == raw and ok(parsed), parsed)


_opt_count = _parser(f'{_common.COUNT} or "" (unset)', _unset(_common.count))
_flag = _parser('"Y" or "N"', {"Y": True, "N": False}.__getitem__)
# 0001-01-01T00:30:00+01:00 has no UTC time to compare or store.
_instant = _parser(
    '"" (unset) or a time with its UTC offset and a UTC equivalent, like '
    '"2022-10-17T22:31:02+01:00"',
    _unset(lambda raw: _iso(dt.datetime, raw, lambda t: in_utc(t) is not None)),
)
_clock = _parser(
    '"" (unset) or a time of day like "09:30:00"',
    _unset(lambda raw: _iso(dt.time, raw, lambda t: t.tzinfo is None)),
)
_requested = _common.choice({s.value: s for s in RequestedStatus})

# The page's keys in its order: (wire key, parser, model field, default). A key
# with a default is vendor-only: kept in vendor_data exactly as received ("Y", "",
# the time string with its offset), the default filling a hand-built model's.
_TABLE: tuple[tuple[str, _common.Parser, str, str | None], ...] = (
    ("campaign-name", _common.name, "name", None),
    ("campaign-id", _common.count, "id", None),
    ("enabled", _flag, "", "Y"),
    ("status", _common.member(CampaignStatus), "status", None),
    ("no-of-records", _opt_count, "", ""),
    ("caller-id", _opt_count, "", ""),
    ("queue-id", _opt_count, "queue_id", None),
    ("start-time", _instant, "start_time", None),
    ("end-time", _instant, "stop_time", None),
    ("actual-run-time", _instant, "", ""),
    ("actual-stop-time", _instant, "", ""),
    ("daily-start-time", _clock, "daily_start", None),
    ("daily-end-time", _clock, "daily_end", None),
    ("retry-interval", _opt_count, "retry_interval", None),
    ("max-retry", _opt_count, "max_retries", None),
    ("abandon-max-retry", _opt_count, "abandon_max_retries", None),
    ("max-ring-time", _opt_count, "max_ring_time", None),
    ("integration-type", _common.string, "", ""),
    ("calling-window", _opt_count, "", ""),
    ("schedule-name", _common.string, "", ""),
    ("timezone", _common.string, "time_zone", ""),
    ("dynamic-campaign", _flag, "", "Y"),
    ("sequential", _flag, "", "N"),
)
_PARSERS = {key: parse for key, parse, _, _ in _TABLE}
_KEY_LIST = list(_PARSERS)
_KEYS = frozenset(_PARSERS)
_WIRE_KEY = {field: key for key, _, field, _ in _TABLE if field}
_VENDOR_DEFAULTS = {key: d for key, _, _, d in _TABLE if d is not None}
# status_since is the run time of a running campaign, the stop time of a stopped one.
_SINCE_KEY = {
    CampaignPhase.RUNNING: "actual-run-time",
    CampaignPhase.STOPPED: "actual-stop-time",
}

ENVELOPE = "$envelope"
"""The ``vendor_data`` entry keeping the response's keys beside ``"campaign"``."""
# Known keys plus the reserved vendor_data entries: never written as vendor keys.
_NOT_EXTRA = _KEYS | {KEY_ORDER, ENVELOPE}
_FIELD_NAME = {key: f"vendor_data[{key!r}]" for key in _NOT_EXTRA}  # in refusals

_US_ZONES = (  # (standard name, hours behind UTC, daylight name, IANA zone)
    ("EST", 5, "EDT", "America/New_York"),
    ("CST", 6, "CDT", "America/Chicago"),
    ("MST", 7, "MDT", "America/Denver"),
    ("PST", 8, "PDT", "America/Los_Angeles"),
    ("AKST", 9, "AKDT", "America/Anchorage"),
)
POSIX_ZONES: dict[str, str] = {
    **{f"{std}{h}{dst}": zone for std, h, day, zone in _US_ZONES for dst in (std, day)},
    **{f"{std}{h}": f"Etc/GMT+{h}" for std, h, *_ in (*_US_ZONES, ("HST", 10))},
}
"""8x8's POSIX-style ``timezone`` values and the IANA zone each names exactly."""


def decode_campaign(payload: Any) -> Campaign:
    """Build a :class:`Campaign` from the status response ``{"campaign": {...}}``.

    Every key is required; what the model does not hold stays in ``vendor_data``.
    """
    envelope = _common.require_object(_TARGET, payload, ["campaign"], all_keys=True)
    body = _common.require_object(_TARGET, envelope["campaign"], _KEY_LIST, "campaign")
    errors: _common.Errors = []
    if ENVELOPE in body:
        message = "reserved by campaignkit for the response's other keys"
        errors.append((ENVELOPE, message))
    values = _common.read_fields(body, _PARSERS.items(), errors)
    # Known keys are checked by their parsers; after a refusal only new keys are.
    vendor = {} if errors else {key: body[key] for key in _VENDOR_DEFAULTS}
    vendor.update(_common.new_keys(body, _KEY_LIST, _KEYS, errors))
    if len(envelope) != 1:
        outer = {k: None if k == "campaign" else val for k, val in envelope.items()}
        vendor[ENVELOPE] = _common.vendor_data(outer, errors)
    frozen = _common.vendor_data(vendor, errors, _KEYS)
    if errors:
        raise DecodeError(_TARGET, errors)
    status: CampaignStatus = values["status"]
    since_key = _SINCE_KEY.get(status.phase)
    queue = values["queue-id"]
    try:
        return Campaign(
            id=str(values["campaign-id"]),
            name=values["campaign-name"],
            status=status,
            queue_id=None if queue is None else str(queue),
            schedule=Schedule(
                start_time=values["start-time"],
                stop_time=values["end-time"],
                daily_start=values["daily-start-time"],
                daily_end=values["daily-end-time"],
                time_zone=POSIX_ZONES.get(values["timezone"]),
            ),
            retry=RetrySettings(
                retry_interval=values["retry-interval"],
                max_retries=values["max-retry"],
                abandon_max_retries=values["abandon-max-retry"],
                max_ring_time=values["max-ring-time"],
            ),
            status_since=None if since_key is None else values[since_key],
            vendor_data=frozen,
        )
    except ValidationError as exc:
        keys = {**_WIRE_KEY, "status_since": since_key or "status"}
        raise _common.refused(_TARGET, exc, body, keys) from exc


def encode_campaign(campaign: Campaign) -> dict[str, Any]:
    """Return the status response JSON for ``campaign``, keys in the vendor's order.

    A decoded campaign gives back exactly what was decoded; a hand-built one gets
    the documented defaults for vendor-only keys.
    """
    vd, template, extras, times = _vendor_part(campaign.vendor_data)
    schedule, retry, queue = campaign.schedule, campaign.retry, campaign.queue_id
    body = template.copy()  # vendor-only values and "" (unset), in the page's order
    body["campaign-name"] = campaign.name
    body["campaign-id"] = _numeric("id", campaign.id)
    body["status"] = int(campaign.status)
    # Unset values stay ""; the trivial cases are inlined for speed.
    if queue is not None:
        body["queue-id"] = _numeric("queue_id", queue)
    if schedule.start_time is not None:
        body["start-time"] = schedule.start_time.isoformat()
    if schedule.stop_time is not None:
        body["end-time"] = schedule.stop_time.isoformat()
    if schedule.daily_start is not None:
        body["daily-start-time"] = schedule.daily_start.isoformat()
    if schedule.daily_end is not None:
        body["daily-end-time"] = schedule.daily_end.isoformat()
    if retry.retry_interval is not None:
        body["retry-interval"] = retry.retry_interval
    body["max-retry"] = "" if retry.max_retries is None else retry.max_retries
    body["abandon-max-retry"] = (
        "" if retry.abandon_max_retries is None else retry.abandon_max_retries
    )
    body["max-ring-time"] = "" if retry.max_ring_time is None else retry.max_ring_time
    since, since_key = campaign.status_since, _SINCE_KEY.get(campaign.status.phase)
    if since is not None and since_key is not None and since != times[since_key]:
        body[since_key] = since.isoformat()
    zone = schedule.time_zone
    if zone is not None and POSIX_ZONES.get(vd["timezone"]) != zone:
        body["timezone"] = zone
    outer = vd.get(ENVELOPE)
    if extras:
        body.update((k, thaw(vd[k])) for k in extras)
    if KEY_ORDER in vd:
        body = _common.in_received_order(body, vd)
    if outer is None:
        return {"campaign": body}
    return {k: body if k == "campaign" else thaw(val) for k, val in outer.items()}


@_common.once_per_value
def _vendor_part(data: VendorData) -> tuple[Any, ...]:
    """Check vendor data once: (values, body template, new keys, status times)."""
    vd = {**_VENDOR_DEFAULTS, **data}
    for key in _VENDOR_DEFAULTS:
        _common.writable(_FIELD_NAME[key], _PARSERS[key], vd[key])
    outer = vd.get(ENVELOPE)
    if outer is not None and not (
        isinstance(outer, VendorData) and outer.get("campaign", 0) is None
    ):
        allowed = 'an object with "campaign": null'
        raise ValidationError("Campaign", _FIELD_NAME[ENVELOPE], outer, allowed)
    extras = tuple(k for k in vd if k not in _NOT_EXTRA)
    _common.in_received_order({}, vd)  # checks a kept order's shape
    template = {k: vd[k] if k in _VENDOR_DEFAULTS else "" for k in _KEY_LIST}
    times = {key: _instant(vd[key]) for key in _SINCE_KEY.values()}
    return vd, template, extras, times


@functools.lru_cache(maxsize=4096)  # ids repeat; a refusal is not kept
def _numeric(field: str, value: str) -> int:
    return _common.writable(field, _common.digits, value)


def status_change_body(
    campaign: Campaign, target: RequestedStatus | str
) -> dict[str, str]:
    """Return the POST body asking 8x8 to move a dynamic ``campaign`` to ``target``.

    Raises:
        TransitionNotAllowed: The campaign is not dynamic (``reason`` says so), or
            its lifecycle does not allow ``target`` now.
    """
    requested = RequestedStatus.parse(target)
    if campaign.vendor_data.get("dynamic-campaign") == "N":
        reason = (
            'not a dynamic campaign (vendor_data["dynamic-campaign"] is "N"); 8x8 '
            "changes the status of dynamic campaigns only"
        )
        raise TransitionNotAllowed(
            campaign.label, campaign.status, requested, (), reason=reason
        )
    allowed = allowed_requests(campaign)
    if requested not in allowed:
        raise TransitionNotAllowed(campaign.label, campaign.status, requested, allowed)
    return {"status": requested.value}


def status_request(
    platform: str, campaign_id: str | int, credentials: Credentials
) -> HttpRequest:
    """Build the GET that reads a campaign's status, with the data token."""
    headers = {"Authorization": credentials.read_header()}
    return HttpRequest("GET", status_url(platform, campaign_id), headers)


def status_change_request(
    platform: str,
    campaign: Campaign,
    target: RequestedStatus | str,
    credentials: Credentials,
) -> HttpRequest:
    """Build the POST of :func:`status_change_body`, with the action token."""
    body = _common.json_body(status_change_body(campaign, target))
    headers = {
        "Content-Type": "application/json",
        "Authorization": credentials.write_header(),
    }
    url = change_status_url(platform, campaign.id)
    return HttpRequest("POST", url, headers, body)


def parse_status_change(body: bytes | str | Any) -> RequestedStatus:
    """Read a status-change request body (bytes, text or decoded JSON), as a server."""
    target = "8x8 status change request"
    if isinstance(body, bytes | str):
        body = _common.json_document(target, body)
    status: RequestedStatus = _common.decode_key(target, body, "status", _requested)
    return status


def parse_status_change_response(payload: Any) -> str:
    """Return the ``message`` of a status change response; other keys are ignored."""
    message: str = _common.decode_key(
        "8x8 status change response", payload, "message", _common.string
    )
    return message


_url_id = _parser(
    f"{_common.COUNT}, or its digits",
    lambda raw: _common.count(raw) if type(raw) is int else _common.digits(raw),
)
_PLATFORM = re.compile(r"(?:na|eu|ca|ap|au|bc|sb)[0-9]+", re.IGNORECASE | re.ASCII)


def status_url(platform: str, campaign_id: str | int) -> str:
    """Return the URL to GET a campaign's status (the ``stats`` path)."""
    return f"{_base(platform, campaign_id, 'stats')}.json"


def change_status_url(platform: str, campaign_id: str | int) -> str:
    """Return the URL to POST a status change to (the ``tstats`` path)."""
    return _base(platform, campaign_id, "tstats")


def _base(platform: str, campaign_id: str | int, path: str) -> str:
    if not _PLATFORM.fullmatch(platform):
        allowed = "a region prefix (NA, EU, CA, AP, AU, BC, SB) followed by digits"
        raise ValidationError("8x8 URL", "platform", platform, allowed)
    _common.writable("campaign_id", _url_id, campaign_id, "8x8 URL")
    return f"https://vcc-{platform.lower()}.8x8.com/api/{path}/campaigns/{campaign_id}"


def _header_part(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty string UTF-8 can encode, no ``:`` in a username; tokens unshown."""
    forbid = ":" if attribute.name == "username" else ""
    ok = type(value) is str and value != "" and not (forbid and forbid in value)
    try:
        ok = ok and value.encode() != b""
    except UnicodeEncodeError:
        ok = False
    if not ok:
        allowed = "a non-empty string UTF-8 can encode"
        allowed += f", without {forbid!r}" if forbid else ""
        shown = value if forbid else "***"
        raise ValidationError("Credentials", attribute.name, shown, allowed)


@attrs.frozen
class Credentials:
    """An 8x8 CC API username and token pair (data: reads, action: writes), hidden."""

    username: str = attrs.field(validator=_header_part)
    data_token: str = attrs.field(repr=lambda _: "'***'", validator=_header_part)
    action_token: str = attrs.field(repr=lambda _: "'***'", validator=_header_part)

    def read_header(self) -> str:
        """Return the ``Authorization`` value for a read: Basic, data token."""
        return self._basic(self.data_token)

    def write_header(self) -> str:
        """Return the ``Authorization`` value for a write: Basic, action token."""
        return self._basic(self.action_token)

    def _basic(self, token: str) -> str:
        return "Basic " + base64.b64encode(f"{self.username}:{token}".encode()).decode()
