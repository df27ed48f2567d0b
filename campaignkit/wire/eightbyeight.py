"""The 8x8 Contact Center campaign status API (seed 004), read and written exactly.

``GET https://vcc-{platform}.8x8.com/api/stats/campaigns/{id}.json`` answers
``{"campaign": {...}}`` with hyphenated keys; :func:`decode_campaign` turns it into a
:class:`~campaignkit.models.Campaign` and :func:`encode_campaign` gives back the same
JSON, key for key and in the vendor's order. ``POST .../api/tstats/campaigns/{id}``
with :func:`status_change_body` asks for a status change, which the campaign
lifecycle must allow. The field mapping and every choice made where the seed is
silent are in ``docs/wire-eightbyeight.md``.

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

from campaignkit import _validate as v
from campaignkit.enums import CampaignPhase, CampaignStatus, RequestedStatus
from campaignkit.errors import DecodeError, TransitionNotAllowed, ValidationError
from campaignkit.lifecycle import allowed_requests
from campaignkit.models import Campaign, RetrySettings, Schedule
from campaignkit.vendor import VendorData
from campaignkit.wire._common import (
    FieldError,
    decode_fields,
    describe,
    extra_items,
    refused,
    require_object,
    string,
    vendor_values,
)

__all__ = [
    "Credentials",
    "change_status_url",
    "decode_campaign",
    "encode_campaign",
    "parse_status_change_response",
    "status_change_body",
    "status_url",
]

_TARGET = "8x8 campaign"

# --- field parsers: wire value -> Python value, or FieldError ---------------------


def _count(raw: Any) -> int:
    if type(raw) is not int or raw < 0:
        raise FieldError("expected a non-negative integer")
    return raw


def _opt_count(raw: Any) -> int | None:
    if type(raw) is str and raw == "":
        return None
    if type(raw) is not int or raw < 0:
        raise FieldError('expected a non-negative integer or "" (unset)')
    return raw


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
                return parsed
    raise FieldError(
        'expected "" (unset) or a time with its UTC offset, '
        'like "2022-10-17T22:31:02+01:00"'
    )


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
# go to vendor_data as parsed (a bool for Y/N, None for "", an aware datetime).
_FIELDS: tuple[tuple[str, Any], ...] = (
    ("campaign-name", string),
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
_KEY_LIST = [key for key, _ in _FIELDS]
_KEYS = frozenset(_KEY_LIST)

# Vendor-only keys (kept in vendor_data) and their defaults for a hand-built model.
_VENDOR_DEFAULTS: dict[str, Any] = {
    "enabled": True,
    "no-of-records": None,
    "caller-id": None,
    "actual-run-time": None,
    "actual-stop-time": None,
    "integration-type": "",
    "calling-window": None,
    "schedule-name": "",
    "timezone": "",
    "dynamic-campaign": True,
    "sequential": False,
}

# The wire key of each model field, to name the key when the model refuses a value.
_WIRE_KEY = {
    "name": "campaign-name",
    "retry_interval": "retry-interval",
    "max_retries": "max-retry",
    "abandon_max_retries": "abandon-max-retry",
    "max_ring_time": "max-ring-time",
}


def decode_campaign(payload: Any) -> Campaign:
    """Build a :class:`Campaign` from the status response ``{"campaign": {...}}``.

    Every key of the campaign object is required. ``campaign-id`` becomes the
    string id, ``queue-id`` the queue id; the times and the retry fields go to the
    schedule and retry settings (a time keeps its UTC offset); ``status_since`` is
    the actual run time of a running campaign and the actual stop time of a
    stopped one. Every other key, known or not, is kept in ``vendor_data``.

    Raises:
        DecodeError: Naming each bad wire key (``campaign-id``) and the value it
            had: a missing key, a wrong type, an unknown status, a value the model
            refuses.
    """
    envelope = require_object(_TARGET, payload, ["campaign"])
    if "campaign" not in envelope or len(envelope) != 1:
        raise DecodeError(
            _TARGET,
            [("$", f"expected exactly the key campaign; got {describe(envelope)}")],
        )
    body = require_object(_TARGET, envelope["campaign"], _KEY_LIST, "campaign")
    f = decode_fields(_TARGET, body, _FIELDS)
    status: CampaignStatus = f["status"]
    phase = status.phase
    if phase is CampaignPhase.RUNNING:
        since = f["actual-run-time"]
    elif phase is CampaignPhase.STOPPED:
        since = f["actual-stop-time"]
    else:
        since = None
    vendor = vendor_values(f, body, _VENDOR_DEFAULTS, _KEYS)
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
            ),
            retry=RetrySettings(
                retry_interval=f["retry-interval"],
                max_retries=f["max-retry"],
                abandon_max_retries=f["abandon-max-retry"],
                max_ring_time=f["max-ring-time"],
            ),
            status_since=since,
            vendor_data=VendorData(vendor),
        )
    except ValidationError as exc:
        raise refused(_TARGET, exc, body, _WIRE_KEY) from exc


def encode_campaign(campaign: Campaign) -> dict[str, Any]:
    """Return the status response JSON for ``campaign``, keys in the vendor's order.

    A decoded campaign gives back exactly what was decoded. For a hand-built one,
    vendor-only keys missing from ``vendor_data`` take the defaults listed in
    ``docs/wire-eightbyeight.md``; keys the vendor added later follow the known
    ones, in the order received.

    Raises:
        ValidationError: The id or queue id is not a number, or a vendor-only
            value in ``vendor_data`` has the wrong type.
    """
    # One merged plain dict: VendorData lookups are Python-level, dict ones are not.
    vd = {**_VENDOR_DEFAULTS, **campaign.vendor_data}
    schedule, retry = campaign.schedule, campaign.retry
    # Unset values are "" on the wire; the trivial cases are inlined for speed.
    start, stop = schedule.start_time, schedule.stop_time
    daily_start, daily_end = schedule.daily_start, schedule.daily_end
    interval, retries = retry.retry_interval, retry.max_retries
    abandons, ring = retry.abandon_max_retries, retry.max_ring_time
    body = {
        "campaign-name": campaign.name,
        "campaign-id": _numeric("id", campaign.id),
        "enabled": _yn(vd, "enabled"),
        "status": int(campaign.status),
        "no-of-records": _wire_count(vd, "no-of-records"),
        "caller-id": _wire_count(vd, "caller-id"),
        "queue-id": ""
        if campaign.queue_id is None
        else _numeric("queue_id", campaign.queue_id),
        "start-time": "" if start is None else start.isoformat(),
        "end-time": "" if stop is None else stop.isoformat(),
        "actual-run-time": _since(
            campaign, CampaignPhase.RUNNING, vd, "actual-run-time"
        ),
        "actual-stop-time": _since(
            campaign, CampaignPhase.STOPPED, vd, "actual-stop-time"
        ),
        "daily-start-time": "" if daily_start is None else daily_start.isoformat(),
        "daily-end-time": "" if daily_end is None else daily_end.isoformat(),
        "retry-interval": "" if interval is None else interval,
        "max-retry": "" if retries is None else retries,
        "abandon-max-retry": "" if abandons is None else abandons,
        "max-ring-time": "" if ring is None else ring,
        "integration-type": _wire_str(vd, "integration-type"),
        "calling-window": _wire_count(vd, "calling-window"),
        "schedule-name": _wire_str(vd, "schedule-name"),
        "timezone": schedule.time_zone or _wire_str(vd, "timezone"),
        "dynamic-campaign": _yn(vd, "dynamic-campaign"),
        "sequential": _yn(vd, "sequential"),
    }
    body.update(extra_items(vd, _KEYS))
    return {"campaign": body}


# --- encoders of single values -----------------------------------------------------


def _refuse(key: str, value: Any, allowed: str) -> ValidationError:
    return ValidationError("Campaign", f"vendor_data[{key!r}]", value, allowed)


def _yn(vd: dict[str, Any], key: str) -> str:
    value = vd[key]
    if value is True:
        return "Y"
    if value is False:
        return "N"
    raise _refuse(key, value, "True or False")


def _wire_count(vd: dict[str, Any], key: str) -> int | str:
    value = vd[key]
    if value is None:
        return ""
    if type(value) is int and value >= 0:
        return value
    raise _refuse(key, value, "None or an integer >= 0")


def _wire_str(vd: dict[str, Any], key: str) -> str:
    value = vd[key]
    if type(value) is str:
        return value
    raise _refuse(key, value, "a string")


def _numeric(field: str, value: str) -> int:
    if value.isascii() and value.isdigit():
        return int(value)
    raise ValidationError("Campaign", field, value, "a string of digits (8x8 ids)")


def _since(
    campaign: Campaign, phase: CampaignPhase, vd: dict[str, Any], key: str
) -> str:
    """The time to write for ``key``: the model's ``status_since`` if it moved.

    ``vendor_data`` keeps the time as received, with its offset; it is written
    unless the campaign is in ``phase`` and ``status_since`` names another instant
    (a hand-built model, or one whose status changed since it was decoded).
    """
    kept = vd[key]
    if kept is not None and not (
        isinstance(kept, dt.datetime) and kept.utcoffset() is not None
    ):
        raise _refuse(key, kept, "None or a timezone-aware datetime")
    since = campaign.status_since
    if since is not None and campaign.status.phase is phase and since != kept:
        return since.isoformat()
    return "" if kept is None else kept.isoformat()


# --- status changes ----------------------------------------------------------------


def status_change_body(
    campaign: Campaign, target: RequestedStatus | str
) -> dict[str, str]:
    """Return the POST body asking 8x8 to move ``campaign`` to ``target``.

    The campaign lifecycle decides whether the change is allowed from the
    campaign's status, so a request 8x8 would refuse is never sent.

    Args:
        campaign: The campaign as last read.
        target: A :class:`RequestedStatus` or its name (``"RUNNING"``).

    Raises:
        ValidationError: ``target`` is not a requested status.
        TransitionNotAllowed: The lifecycle does not allow ``target`` now.
    """
    requested = _requested(target)
    allowed = allowed_requests(campaign)
    if requested not in allowed:
        raise TransitionNotAllowed(
            f"campaign {campaign.id} ({campaign.name})",
            campaign.status,
            requested,
            allowed,
        )
    return {"status": requested.value}


def _requested(target: Any) -> RequestedStatus:
    if isinstance(target, RequestedStatus):
        return target
    if isinstance(target, str) and target in RequestedStatus.__members__:
        return RequestedStatus[target]
    raise ValidationError(
        "status_change_body",
        "target",
        target,
        "a RequestedStatus or its name: " + ", ".join(RequestedStatus.__members__),
    )


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


def _base(platform: Any, campaign_id: Any, path: str) -> str:
    if not (isinstance(platform, str) and _PLATFORM.fullmatch(platform)):
        raise ValidationError(
            "8x8 URL",
            "platform",
            platform,
            "a region prefix (NA, EU, CA, AP, AU, BC, SB) followed by digits",
        )
    ok = (type(campaign_id) is int and campaign_id >= 0) or (
        isinstance(campaign_id, str) and campaign_id.isascii() and campaign_id.isdigit()
    )
    if not ok:
        raise ValidationError(
            "8x8 URL",
            "campaign_id",
            campaign_id,
            "an integer >= 0 or a string of digits",
        )
    host = f"https://vcc-{platform.lower()}.8x8.com"
    return f"{host}/api/{path}/campaigns/{campaign_id}"


def _secret(_: str) -> str:
    return "'***'"


_SECRET: Any = attrs.field(repr=_secret, validator=v.nonempty_str())


@attrs.frozen(kw_only=True)
class Credentials:
    """An 8x8 CC API token pair, with the Basic authorization header for each use.

    The seed's prose says reads use the Data Request Token and writes the Action
    Request Token; its header tables say the data token for both. campaignkit
    follows the prose. ``repr`` never shows a token, so credentials can be logged.

    Attributes:
        username: The API username, generally the tenant name (no ``:``).
        data_token: The Data Request Token, for reads (GET ``stats``).
        action_token: The Action Request Token, for writes (POST ``tstats``).
    """

    username: str = attrs.field(validator=v.nonempty_str(forbid=":"))
    data_token: str = _SECRET
    action_token: str = _SECRET

    def read_header(self) -> str:
        """Return the ``Authorization`` value for a read: Basic, data token."""
        return _basic(self.username, self.data_token)

    def write_header(self) -> str:
        """Return the ``Authorization`` value for a write: Basic, action token."""
        return _basic(self.username, self.action_token)


def _basic(username: str, token: str) -> str:
    encoded = base64.b64encode(f"{username}:{token}".encode()).decode("ascii")
    return f"Basic {encoded}"
