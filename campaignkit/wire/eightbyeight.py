"""The 8x8 Contact Center campaign status API, read and written exactly.

The vendor page is "CC Managing Campaign Status".
``GET https://vcc-{platform}.8x8.com/api/stats/campaigns/{id}.json`` answers
``{"campaign": {...}}`` with hyphenated keys; :func:`decode_campaign` turns it into a
:class:`~campaignkit.models.Campaign` and :func:`encode_campaign` gives back the same
JSON, key for key and in the vendor's order. ``POST .../api/tstats/campaigns/{id}``
with :func:`status_change_body` asks for a status change, which the campaign
lifecycle must allow (and only for a dynamic campaign). :func:`status_request` and
:func:`status_change_request` build the whole requests for a host to send, and
:func:`parse_status_change` reads the POST on a server's side. The field mapping
and every choice made where the page is silent are in
``docs/wire-eightbyeight.md``.

The mapping is written by hand rather than with cattrs: each key has its own wire
rule (``""`` for unset, ``"Y"``/``"N"``, an int id that becomes a string, times that
must keep their offset), so a per-key parser is shorter than the hooks would be,
and it runs at a small multiple of a bare dict comprehension.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import attrs

from campaignkit.enums import CampaignPhase, CampaignStatus, RequestedStatus
from campaignkit.errors import DecodeError, TransitionNotAllowed, ValidationError
from campaignkit.lifecycle import allowed_requests
from campaignkit.models import Campaign, RetrySettings, Schedule
from campaignkit.vendor import VendorData, thaw
from campaignkit.wire._common import (
    KEY_ORDER,
    MAX_WIRE_INT,
    FieldError,
    collect,
    decode_fields,
    describe,
    in_received_order,
    is_wire_int,
    json_body,
    json_document,
    once_per_value,
    received_order,
    refused,
    require_object,
    string,
    vendor_data,
)
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

# --- field parsers: wire value -> Python value, or FieldError ---------------------


def _count(raw: Any) -> int:
    if not is_wire_int(raw):
        raise FieldError(f"expected an integer from 0 to {MAX_WIRE_INT}")
    return raw  # type: ignore[no-any-return]


def _opt_count(raw: Any) -> int | None:
    if type(raw) is str and raw == "":
        return None
    if not is_wire_int(raw):
        raise FieldError(f'expected an integer from 0 to {MAX_WIRE_INT} or "" (unset)')
    return raw  # type: ignore[no-any-return]


def _flag(raw: Any) -> bool:
    if type(raw) is str:
        if raw == "Y":
            return True
        if raw == "N":
            return False
    raise FieldError('expected "Y" or "N"')


_STATUSES = {s.value: s for s in CampaignStatus}


def _status(raw: Any) -> CampaignStatus:
    if type(raw) is int and raw in _STATUSES:
        return _STATUSES[raw]
    raise FieldError("expected a campaign status id from 0 to 11")


def _instant(raw: Any) -> dt.datetime | None:
    if type(raw) is str:
        if raw == "":
            return None
        try:
            parsed = dt.datetime.fromisoformat(raw)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is not None and parsed.isoformat() == raw:
                try:
                    parsed.astimezone(dt.UTC)
                except OverflowError:
                    pass  # 0001-01-01T00:30:00+01:00: no UTC time to compare or store
                else:
                    return parsed
    raise FieldError(
        'expected "" (unset) or a time with its UTC offset and a UTC equivalent, '
        'like "2022-10-17T22:31:02+01:00"'
    )


def _name(raw: Any) -> str:
    if type(raw) is str and raw:
        return raw
    raise FieldError("expected a non-empty string")


def _clock(raw: Any) -> dt.time | None:
    if type(raw) is str:
        if raw == "":
            return None
        try:
            parsed = dt.time.fromisoformat(raw)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None and parsed.isoformat() == raw:
                return parsed
    raise FieldError('expected "" (unset) or a time of day like "09:30:00"')


# The vendor's key order, each key with its parser. Keys the model does not hold
# go to vendor_data exactly as received ("Y", "", the time string with its offset).
_FIELDS: tuple[tuple[str, Any], ...] = (
    ("campaign-name", _name),
    ("campaign-id", _count),
    ("enabled", _flag),
    ("status", _status),
    ("no-of-records", _opt_count),
    ("caller-id", _opt_count),
    ("queue-id", _opt_count),
    ("start-time", _instant),
    ("end-time", _instant),
    ("actual-run-time", _instant),
    ("actual-stop-time", _instant),
    ("daily-start-time", _clock),
    ("daily-end-time", _clock),
    ("retry-interval", _opt_count),
    ("max-retry", _opt_count),
    ("abandon-max-retry", _opt_count),
    ("max-ring-time", _opt_count),
    ("integration-type", string),
    ("calling-window", _opt_count),
    ("schedule-name", string),
    ("timezone", string),
    ("dynamic-campaign", _flag),
    ("sequential", _flag),
)
_PARSERS = dict(_FIELDS)
_KEY_LIST = [key for key, _ in _FIELDS]
_KEYS = frozenset(_KEY_LIST)

ENVELOPE = "$envelope"
"""The ``vendor_data`` entry that keeps extra top-level keys of the response.

Present only when 8x8 sent keys beside ``"campaign"``: the envelope as received,
in its order, with ``"campaign"`` standing for the campaign object (``null``).
"""
# Known keys plus the reserved vendor_data entries: never written as vendor keys.
_NOT_EXTRA = _KEYS | {KEY_ORDER, ENVELOPE}

# Vendor-only keys (kept in vendor_data, as on the wire) and their defaults for a
# hand-built model.
_VENDOR_DEFAULTS: dict[str, Any] = {
    "enabled": "Y",
    "no-of-records": "",
    "caller-id": "",
    "actual-run-time": "",
    "actual-stop-time": "",
    "integration-type": "",
    "calling-window": "",
    "schedule-name": "",
    "timezone": "",
    "dynamic-campaign": "Y",
    "sequential": "N",
}

POSIX_ZONES: dict[str, str] = {
    # A DST name with no rule: the C libraries apply the US rules (their
    # "posixrules" zone is America/New_York), so these are the US zones.
    **{
        f"{std}{hours}{dst}": zone
        for std, hours, daylight, zone in (
            ("EST", 5, "EDT", "America/New_York"),
            ("CST", 6, "CDT", "America/Chicago"),
            ("MST", 7, "MDT", "America/Denver"),
            ("PST", 8, "PDT", "America/Los_Angeles"),
            ("AKST", 9, "AKDT", "America/Anchorage"),
        )
        for dst in (std, daylight)
    },
    # No DST name: a fixed offset, which the Etc zones are exactly.
    **{
        f"{std}{hours}": f"Etc/GMT+{hours}"
        for std, hours in (
            ("EST", 5),
            ("CST", 6),
            ("MST", 7),
            ("PST", 8),
            ("AKST", 9),
            ("HST", 10),
        )
    },
}
"""8x8's POSIX-style ``timezone`` values mapped to the IANA zone they name exactly.

``schedule.time_zone`` is set from this table; the text itself stays in
``vendor_data["timezone"]`` and is what goes back on the wire. Values not listed
(``HST10HST``: Hawaii has no DST, which the name claims) leave ``time_zone`` None.
"""

# The wire key of each model field, to name the key when the model refuses a value.
_WIRE_KEY = {
    "name": "campaign-name",
    "start_time": "start-time",
    "stop_time": "end-time",
    "daily_start": "daily-start-time",
    "daily_end": "daily-end-time",
    "time_zone": "timezone",
    "retry_interval": "retry-interval",
    "max_retries": "max-retry",
    "abandon_max_retries": "abandon-max-retry",
    "max_ring_time": "max-ring-time",
}
# status_since comes from the run time of a running campaign, the stop time of a
# stopped one.
_SINCE_KEY = {
    CampaignPhase.RUNNING: "actual-run-time",
    CampaignPhase.STOPPED: "actual-stop-time",
}


def decode_campaign(payload: Any) -> Campaign:
    """Build a :class:`Campaign` from the status response ``{"campaign": {...}}``.

    Every key of the campaign object is required. ``campaign-id`` becomes the
    string id, ``queue-id`` the queue id; the times and the retry fields go to the
    schedule and retry settings (a time keeps its UTC offset), and a POSIX-style
    ``timezone`` listed in :data:`POSIX_ZONES` gives ``schedule.time_zone``;
    ``status_since`` is the actual run time of a running campaign and the actual
    stop time of a stopped one. Every other key, known or not, is kept in
    ``vendor_data`` exactly as received, and so are keys beside ``"campaign"``
    (under :data:`ENVELOPE`) and a key order other than the page's (under
    ``"$order"``).

    Raises:
        DecodeError: Naming every bad wire key (``campaign-id``) and the value it
            had: a missing key, a wrong type, an unknown status, a value the model
            refuses, a value that is not JSON.
    """
    envelope = require_object(_TARGET, payload, ["campaign"])
    if "campaign" not in envelope:
        message = f"expected an object with the key campaign; got {describe(envelope)}"
        raise DecodeError(_TARGET, [("$", message)])
    body = require_object(_TARGET, envelope["campaign"], _KEY_LIST, "campaign")
    errors: list[tuple[str, str]] = []
    if ENVELOPE in body:
        message = "reserved by campaignkit for the response's other keys"
        errors.append((ENVELOPE, message))
    f = collect(errors, lambda: decode_fields(_TARGET, body, _FIELDS))
    order = collect(errors, lambda: received_order(_TARGET, body, _KEY_LIST, _KEYS))
    # Known keys are checked by their parsers; after a refusal only new keys are.
    known = _VENDOR_DEFAULTS if f is not None else ()
    vendor = {key: body[key] for key in known}
    vendor.update((k, body[k]) for k in body if k not in _KEYS)
    if order is not None:
        vendor[KEY_ORDER] = order
    if len(envelope) != 1:
        outer = {k: None if k == "campaign" else val for k, val in envelope.items()}
        vendor[ENVELOPE] = collect(errors, lambda: vendor_data(_TARGET, outer))
    frozen = collect(errors, lambda: vendor_data(_TARGET, vendor, _KEYS))
    if f is None or frozen is None or errors:
        raise DecodeError(_TARGET, errors)
    status: CampaignStatus = f["status"]
    since_key = _SINCE_KEY.get(status.phase)
    queue = f["queue-id"]
    try:
        return Campaign(
            id=str(f["campaign-id"]),
            name=f["campaign-name"],
            status=status,
            queue_id=None if queue is None else str(queue),
            schedule=Schedule(
                start_time=f["start-time"],
                stop_time=f["end-time"],
                daily_start=f["daily-start-time"],
                daily_end=f["daily-end-time"],
                time_zone=POSIX_ZONES.get(f["timezone"]),
            ),
            retry=RetrySettings(
                retry_interval=f["retry-interval"],
                max_retries=f["max-retry"],
                abandon_max_retries=f["abandon-max-retry"],
                max_ring_time=f["max-ring-time"],
            ),
            status_since=None if since_key is None else f[since_key],
            vendor_data=frozen,
        )
    except ValidationError as exc:
        keys = {**_WIRE_KEY, "status_since": since_key or "status"}
        raise refused(_TARGET, exc, body, keys) from exc


def encode_campaign(campaign: Campaign) -> dict[str, Any]:
    """Return the status response JSON for ``campaign``, keys in the vendor's order.

    A decoded campaign gives back exactly what was decoded, key order and extra
    keys included. For a hand-built one, vendor-only keys missing from
    ``vendor_data`` take the defaults listed in ``docs/wire-eightbyeight.md``, and
    the keys come in the page's order; keys the vendor added later follow the
    known ones, in the order received. ``vendor_data`` is frozen, so it is
    checked once, on its first encode, not on every one.

    Raises:
        ValidationError: The id or queue id is not a number, or a vendor-only
            value in ``vendor_data`` is not what 8x8 sends for that key.
    """
    vd, extras, runs, stops = _vendor_part(campaign.vendor_data)
    schedule, retry = campaign.schedule, campaign.retry
    # Unset values are "" on the wire; the trivial cases are inlined for speed.
    start, stop = schedule.start_time, schedule.stop_time
    daily_start, daily_end = schedule.daily_start, schedule.daily_end
    interval, retries = retry.retry_interval, retry.max_retries
    abandons, ring = retry.abandon_max_retries, retry.max_ring_time
    since, phase = campaign.status_since, campaign.status.phase
    zone, kept_zone = schedule.time_zone, vd["timezone"]
    body = {
        "campaign-name": campaign.name,
        "campaign-id": _numeric("id", campaign.id),
        "enabled": vd["enabled"],
        "status": int(campaign.status),
        "no-of-records": vd["no-of-records"],
        "caller-id": vd["caller-id"],
        "queue-id": ""
        if campaign.queue_id is None
        else _numeric("queue_id", campaign.queue_id),
        "start-time": "" if start is None else start.isoformat(),
        "end-time": "" if stop is None else stop.isoformat(),
        "actual-run-time": vd["actual-run-time"]
        if since is None or phase is not CampaignPhase.RUNNING or since == runs
        else since.isoformat(),
        "actual-stop-time": vd["actual-stop-time"]
        if since is None or phase is not CampaignPhase.STOPPED or since == stops
        else since.isoformat(),
        "daily-start-time": "" if daily_start is None else daily_start.isoformat(),
        "daily-end-time": "" if daily_end is None else daily_end.isoformat(),
        "retry-interval": "" if interval is None else interval,
        "max-retry": "" if retries is None else retries,
        "abandon-max-retry": "" if abandons is None else abandons,
        "max-ring-time": "" if ring is None else ring,
        "integration-type": vd["integration-type"],
        "calling-window": vd["calling-window"],
        "schedule-name": vd["schedule-name"],
        "timezone": kept_zone
        if zone is None or POSIX_ZONES.get(kept_zone) == zone
        else zone,
        "dynamic-campaign": vd["dynamic-campaign"],
        "sequential": vd["sequential"],
    }
    outer = vd.get(ENVELOPE)
    if extras:
        body.update((k, thaw(vd[k])) for k in extras)
    if KEY_ORDER in vd:
        body = in_received_order("Campaign", body, vd)
    if outer is None:
        return {"campaign": body}
    return {k: body if k == "campaign" else thaw(val) for k, val in outer.items()}


# --- encoders of single values -----------------------------------------------------


@once_per_value
def _vendor_part(
    data: VendorData,
) -> tuple[dict[str, Any], tuple[str, ...], dt.datetime | None, dt.datetime | None]:
    """Check a campaign's vendor data once: merged values, run and stop times.

    ``VendorData`` is immutable, so the result of one check holds for every later
    encode of the same object. The merged dict is read, never changed, by the
    encoder.
    """
    vd = {**_VENDOR_DEFAULTS, **data}
    for key in _VENDOR_DEFAULTS:
        _kept(vd, key)
    outer = vd.get(ENVELOPE)
    if outer is not None and not (
        isinstance(outer, VendorData) and outer.get("campaign", 0) is None
    ):
        raise _refuse(ENVELOPE, outer, 'an object with "campaign": null')
    extras = tuple(k for k in vd if k not in _NOT_EXTRA)
    in_received_order("Campaign", {}, vd)  # checks a kept order's shape
    runs, stops = _instant(vd["actual-run-time"]), _instant(vd["actual-stop-time"])
    return vd, extras, runs, stops


def _refuse(key: str, value: Any, allowed: str) -> ValidationError:
    return ValidationError("Campaign", f"vendor_data[{key!r}]", value, allowed)


def _kept(vd: dict[str, Any], key: str) -> Any:
    """A vendor-only value as kept, checked with the parser that read it."""
    value = vd[key]
    try:
        _PARSERS[key](value)
    except FieldError as exc:
        raise _refuse(key, value, str(exc).removeprefix("expected ")) from None
    return value


def _numeric(field: str, value: str) -> int:
    """An id as 8x8 sends it: the int of a string of digits (ids repeat: cached)."""
    number = _NUMBERS.get(value)
    if number is not None:
        return number
    if value.isascii() and value.isdigit() and len(value) <= _DIGITS:
        number = int(value)
        if number <= MAX_WIRE_INT:
            if len(_NUMBERS) >= _MAX_NUMBERS:
                _NUMBERS.clear()
            _NUMBERS[value] = number
            return number
    raise ValidationError(
        "Campaign",
        field,
        value,
        f"a string of digits (8x8 ids), at most {MAX_WIRE_INT}",
    )


_DIGITS = len(str(MAX_WIRE_INT))
_NUMBERS: dict[str, int] = {}
_MAX_NUMBERS = 4096


# --- status changes ----------------------------------------------------------------

_NOT_DYNAMIC = (
    'not a dynamic campaign (vendor_data["dynamic-campaign"] is "N"); 8x8 changes '
    "the status of dynamic campaigns only"
)


def status_change_body(
    campaign: Campaign, target: RequestedStatus | str
) -> dict[str, str]:
    """Return the POST body asking 8x8 to move ``campaign`` to ``target``.

    The page's prerequisite comes first: "The Campaign MUST be configured as a
    Dynamic Campaign", so a campaign whose ``dynamic-campaign`` is ``"N"`` is
    refused. Then the campaign lifecycle decides whether the change is allowed
    from the campaign's status, so a request 8x8 would refuse is never sent.

    Args:
        campaign: The campaign as last read.
        target: A :class:`RequestedStatus`, or its name in any case.

    Raises:
        ValidationError: ``target`` is not a requested status.
        TransitionNotAllowed: The campaign is not dynamic (``reason`` says so), or
            the lifecycle does not allow ``target`` now.
    """
    requested = RequestedStatus.parse(target)
    if campaign.vendor_data.get("dynamic-campaign") == "N":
        raise TransitionNotAllowed(
            campaign.label, campaign.status, requested, (), reason=_NOT_DYNAMIC
        )
    allowed = allowed_requests(campaign)
    if requested not in allowed:
        raise TransitionNotAllowed(campaign.label, campaign.status, requested, allowed)
    return {"status": requested.value}


def status_request(
    platform: str, campaign_id: str | int, credentials: Credentials
) -> HttpRequest:
    """Build the GET that reads a campaign's status (never sent here).

    Authorized with the Data Request Token (:meth:`Credentials.read_header`).

    Raises:
        ValidationError: The platform or the id is malformed (see :func:`status_url`).

    >>> creds = Credentials("acme", "d4t4", "4ct10n")
    >>> request = status_request("na12", 6561, creds)
    >>> request.method, request.url
    ('GET', 'https://vcc-na12.8x8.com/api/stats/campaigns/6561.json')
    >>> request.headers  # doctest: +ELLIPSIS
    VendorData({'Authorization': 'Basic ...'})
    >>> repr(request).count("Basic")  # repr hides the credentials
    0
    """
    headers = {"Authorization": credentials.read_header()}
    return HttpRequest("GET", status_url(platform, campaign_id), headers)


def status_change_request(
    platform: str,
    campaign: Campaign,
    target: RequestedStatus | str,
    credentials: Credentials,
) -> HttpRequest:
    """Build the POST that asks 8x8 to change a campaign's status (never sent here).

    The body is :func:`status_change_body`'s, as JSON; the headers are the
    page's ``Content-Type: application/json`` and ``Authorization`` with the
    Action Request Token (:meth:`Credentials.write_header`).

    Raises:
        ValidationError: The platform, the id or ``target`` is malformed.
        TransitionNotAllowed: As :func:`status_change_body`.
    """
    body = json_body(status_change_body(campaign, target))
    headers = {
        "Content-Type": "application/json",
        "Authorization": credentials.write_header(),
    }
    url = change_status_url(platform, campaign.id)
    return HttpRequest("POST", url, headers, body)


_REQUESTED = {s.value: s for s in RequestedStatus}


def _requested(raw: Any) -> RequestedStatus:
    if type(raw) is str and raw in _REQUESTED:
        return _REQUESTED[raw]
    raise FieldError("expected one of " + ", ".join(map(repr, _REQUESTED)))


def parse_status_change(body: bytes | str | Any) -> RequestedStatus:
    """Read a status-change request as an 8x8-style server receives it.

    For a service that offers the ``tstats`` POST itself: ``body`` is the request
    body (bytes or text), or the JSON already decoded. The status must be spelled
    as on the wire (``"RUNNING"``); other keys are ignored.

    Raises:
        DecodeError: The body is not JSON, not an object, or has no valid
            ``status``.

    >>> parse_status_change(b'{"status": "PAUSED"}')
    <RequestedStatus.PAUSED: 'PAUSED'>
    """
    target = "8x8 status change request"
    if isinstance(body, bytes | str):
        body = json_document(target, body)
    document = require_object(target, body, ["status"])
    fields = decode_fields(target, document, [("status", _requested)])
    return fields["status"]  # type: ignore[no-any-return]


def parse_status_change_response(payload: Any) -> str:
    """Return the message of a status change response (``{"message": "..."}``).

    Other keys are ignored: only the message is returned.

    Raises:
        DecodeError: The payload is not an object with a string ``message``.
    """
    target = "8x8 status change response"
    body = require_object(target, payload, ["message"])
    return decode_fields(target, body, [("message", string)])["message"]  # type: ignore[no-any-return]


# --- URLs and credentials ----------------------------------------------------------

_PLATFORM = re.compile(r"(?:na|eu|ca|ap|au|bc|sb)[0-9]+", re.IGNORECASE | re.ASCII)


def status_url(platform: str, campaign_id: str | int) -> str:
    """Return the URL to GET a campaign's status (the ``stats`` path).

    Args:
        platform: The contact-centre platform, a region prefix (NA, EU, CA, AP,
            AU, BC, SB, any case) and digits, as in ``na12``.
        campaign_id: The campaign id, an int or a string of digits.

    Raises:
        ValidationError: The platform or the id is malformed.
    """
    return f"{_base(platform, campaign_id, 'stats')}.json"


def change_status_url(platform: str, campaign_id: str | int) -> str:
    """Return the URL to POST a status change to (the ``tstats`` path).

    Raises:
        ValidationError: The platform or the id is malformed (see :func:`status_url`).
    """
    return _base(platform, campaign_id, "tstats")


def _base(platform: str, campaign_id: str | int, path: str) -> str:
    if not _PLATFORM.fullmatch(platform):
        raise ValidationError(
            "8x8 URL",
            "platform",
            platform,
            "a region prefix (NA, EU, CA, AP, AU, BC, SB) followed by digits",
        )
    if isinstance(campaign_id, int):
        ok = 0 <= campaign_id <= MAX_WIRE_INT
        text = str(campaign_id) if ok else ""
    else:
        text = campaign_id
        ok = text.isascii() and text.isdigit() and len(text) <= _DIGITS
        ok = ok and int(text) <= MAX_WIRE_INT
    if not ok:
        raise ValidationError(
            "8x8 URL",
            "campaign_id",
            campaign_id,
            f"an integer from 0 to {MAX_WIRE_INT}, or its digits",
        )
    host = f"https://vcc-{platform.lower()}.8x8.com"
    return f"{host}/api/{path}/campaigns/{text}"


def _secret(_: str) -> str:
    return "'***'"


def _header_part(*, secret: bool, forbid: str = "") -> Any:
    """A validator: a non-empty string that UTF-8 can encode, without ``forbid``.

    A refused token is never shown: the error's value, message and args say
    ``'***'``, and it has no chained cause that could hold the token.
    """
    allowed = "a non-empty string UTF-8 can encode" + (
        f", without {forbid!r}" if forbid else ""
    )

    def validate(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        ok = type(value) is str and value != "" and not any(c in value for c in forbid)
        if ok:
            try:
                value.encode()
            except UnicodeEncodeError:
                ok = False
        if not ok:
            shown = "***" if secret else value
            raise ValidationError("Credentials", attribute.name, shown, allowed)

    return validate


@attrs.frozen
class Credentials:
    """An 8x8 CC API token pair, with the Basic authorization header for each use.

    The page's prose says reads use the Data Request Token and writes the Action
    Request Token; its header tables say the data token for both. campaignkit
    follows the prose. ``repr`` and every refusal hide the tokens, so credentials
    can be logged; ``attrs.asdict`` (or ``campaignkit.to_dict``) of credentials
    holds the tokens in clear and is not for logs.

    Attributes:
        username: The API username, generally the tenant name (no ``:``).
        data_token: The Data Request Token, for reads (GET ``stats``).
        action_token: The Action Request Token, for writes (POST ``tstats``).
    """

    username: str = attrs.field(validator=_header_part(secret=False, forbid=":"))
    data_token: str = attrs.field(repr=_secret, validator=_header_part(secret=True))
    action_token: str = attrs.field(repr=_secret, validator=_header_part(secret=True))

    def read_header(self) -> str:
        """Return the ``Authorization`` value for a read: Basic, data token."""
        return _basic(self.username, self.data_token)

    def write_header(self) -> str:
        """Return the ``Authorization`` value for a write: Basic, action token."""
        return _basic(self.username, self.action_token)


def _basic(username: str, token: str) -> str:
    encoded = base64.b64encode(f"{username}:{token}".encode()).decode("ascii")
    return f"Basic {encoded}"
