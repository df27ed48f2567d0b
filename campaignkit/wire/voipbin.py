"""The VoIPbin campaign resource, read and written exactly.

A VoIPbin campaign is both a campaign and its one dialing group: :func:`decode_campaign`
returns a :class:`~campaignkit.models.Campaign` and the
:class:`~campaignkit.models.CampaignGroup` that holds its run/stopping/stop state,
and :func:`encode_campaign` gives back the same JSON, key for key and in the
vendor's order. :func:`status_request` builds the body of a status change and
:func:`hangup_outcome` reads a call's hangup reason. The field mapping and the
choices made where the page is silent are in ``docs/wire-voipbin.md``.

As for 8x8, the mapping is hand-written: a dozen keys with their own rules (the
all-zero UUID for unset, exact timestamps) read more plainly as parsers than as
cattrs hooks, and run at a small multiple of a bare dict comprehension.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from campaignkit.enums import (
    CallOutcome,
    CampaignStatus,
    CampaignType,
    EndHandle,
    GroupStatus,
)
from campaignkit.errors import DecodeError, ValidationError
from campaignkit.models import Campaign, CampaignGroup
from campaignkit.vendor import VendorData, thaw
from campaignkit.wire._common import (
    KEY_ORDER,
    MAX_WIRE_INT,
    FieldError,
    collect,
    decode_fields,
    in_received_order,
    is_wire_int,
    once_per_value,
    received_order,
    refused,
    require_object,
    string,
    vendor_data,
)

__all__ = [
    "KEY_ORDER",
    "NIL_UUID",
    "NOT_DELETED",
    "decode_campaign",
    "encode_campaign",
    "hangup_outcome",
    "status_request",
]

_TARGET = "VoIPbin campaign"

NIL_UUID = "00000000-0000-0000-0000-000000000000"
"""The all-zero UUID VoIPbin sends for an unset reference (``None`` in campaignkit)."""

NOT_DELETED = "9999-01-01 00:00:00.000000"
"""The ``tm_delete`` of a campaign that is not deleted."""

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")

# VoIPbin status -> (group status, campaign status), and back from the group.
_STATUS = {
    "run": (GroupStatus.RUNNING, CampaignStatus.MANUAL_RUNNING),
    "stopping": (GroupStatus.ACTIVE, CampaignStatus.MANUAL_PAUSED),
    "stop": (GroupStatus.INACTIVE, CampaignStatus.MANUAL_PAUSED),
}
# A group on its way out or out is a stopped VoIPbin campaign: unloading waits for
# the calls to end ("stopping"), unloaded is "stop". This is where lifecycle.complete
# with end_handle "stop" leaves a VoIPbin group ("The campaign will stop if the
# outdial has no more outdial target"), so it must be writable.
_WIRE_STATUS = {
    **{group: wire for wire, (group, _) in _STATUS.items()},
    GroupStatus.WAITING_UNLOAD: "stopping",
    GroupStatus.UNLOAD_IN_PROGRESS: "stopping",
    GroupStatus.NOT_LOADED: "stop",
}
_TYPES = {t.value: t for t in CampaignType}
_END_HANDLES = {e.value: e for e in EndHandle}

# --- field parsers -----------------------------------------------------------------


def _uuid(raw: Any) -> str:
    if type(raw) is str and _UUID.fullmatch(raw):
        return raw
    raise FieldError("expected a lowercase UUID")


def _ref(raw: Any) -> str | None:
    return None if _uuid(raw) == NIL_UUID else raw


def _choice(table: dict[str, Any]) -> Any:
    allowed = "expected one of " + ", ".join(repr(k) for k in table)

    def parse(raw: Any) -> Any:
        if type(raw) is str and raw in table:
            return table[raw]
        raise FieldError(allowed)

    return parse


def _level(raw: Any) -> int:
    # Negative levels are the model's to refuse, so the message says what it wants.
    if not is_wire_int(raw, -MAX_WIRE_INT - 1):
        raise FieldError(f"expected an integer of at most {MAX_WIRE_INT}")
    return raw  # type: ignore[no-any-return]


def _actions(raw: Any) -> Any:
    if type(raw) is not list:
        raise FieldError("expected an array of actions")
    return raw


def _stamp(raw: Any) -> str:
    if type(raw) is str and (raw == "" or _valid_stamp(raw)):
        return raw
    raise FieldError('expected "" or a UTC time like "2022-04-28 02:16:39.712142"')


def _valid_stamp(raw: str) -> bool:
    # The pattern fixes the layout; fromisoformat then checks the ranges.
    if not _STAMP.fullmatch(raw):
        return False
    try:
        dt.datetime.fromisoformat(raw)
    except ValueError:
        return False
    return True


_FIELDS: tuple[tuple[str, Any], ...] = (
    ("id", _uuid),
    ("type", _choice(_TYPES)),
    ("name", string),
    ("detail", string),
    ("status", _choice(_STATUS)),
    ("service_level", _level),
    ("end_handle", _choice(_END_HANDLES)),
    ("actions", _actions),
    ("outplan_id", _ref),
    ("outdial_id", _ref),
    ("queue_id", _uuid),
    ("next_campaign_id", _ref),
    ("tm_create", _stamp),
    ("tm_update", _stamp),
    ("tm_delete", _stamp),
)
_KEY_LIST = [key for key, _ in _FIELDS]
_KEYS = frozenset(_KEY_LIST)
# Keys whose parser checked every number in them (actions are free JSON).
_PARSED = _KEYS - {"actions"}
# Known keys plus the reserved vendor_data entry: never written as vendor keys.
_NOT_EXTRA = _KEYS | {KEY_ORDER}

# Vendor-only keys (kept in the campaign's vendor_data) and their hand-built defaults.
_VENDOR_DEFAULTS: dict[str, Any] = {
    "actions": (),
    "outplan_id": None,
    "outdial_id": None,
    "tm_create": "",
    "tm_update": "",
    "tm_delete": NOT_DELETED,
}

# Model fields -> the wire key that fed them, to name it when the model refuses.
_WIRE_KEY = {
    "name": "name",
    "campaign_name": "name",
    "service_level": "service_level",
}


def decode_campaign(payload: Any) -> tuple[Campaign, CampaignGroup]:
    """Build the campaign and its dialing group from a VoIPbin campaign resource.

    The status goes to both: ``run``/``stopping``/``stop`` is the group's
    RUNNING/ACTIVE/INACTIVE and the campaign's MANUAL_RUNNING/MANUAL_PAUSED/
    MANUAL_PAUSED. The group is named by the campaign id and has the campaign's
    name and the wire ``queue_id`` as its parts. The all-zero UUID is ``None``.
    Actions, the outplan and outdial ids, the ``tm_*`` times and any key the vendor
    adds later are kept in the campaign's ``vendor_data``, and so is a key order
    other than the page's (under :data:`KEY_ORDER`), so the round trip is exact.

    Raises:
        DecodeError: Naming each bad wire key (or the path inside it) and the
            value it had.
    """
    body = require_object(_TARGET, payload, _KEY_LIST)
    errors: list[tuple[str, str]] = []
    f = collect(errors, lambda: decode_fields(_TARGET, body, _FIELDS))
    order = collect(errors, lambda: received_order(_TARGET, body, _KEY_LIST, _KEYS))
    # Known keys are checked by their parsers; after a refusal only new keys are.
    vendor = {key: f[key] for key in _VENDOR_DEFAULTS} if f is not None else {}
    vendor.update((k, body[k]) for k in body if k not in _KEYS)
    if order is not None:
        vendor[KEY_ORDER] = order
    frozen = collect(errors, lambda: vendor_data(_TARGET, vendor, _PARSED))
    if f is None or frozen is None or errors:
        raise DecodeError(_TARGET, errors)
    group_status, campaign_status = f["status"]
    queue = f["queue_id"]
    try:
        campaign = Campaign(
            id=f["id"],
            name=f["name"],
            type=f["type"],
            detail=f["detail"],
            status=campaign_status,
            service_level=f["service_level"],
            end_handle=f["end_handle"],
            queue_id=None if queue == NIL_UUID else queue,
            next_campaign_id=f["next_campaign_id"],
            vendor_data=frozen,
        )
        group = CampaignGroup(
            campaign_name=campaign.name,
            group_name=queue,
            name=campaign.id,
            status=group_status,
        )
    except ValidationError as exc:
        raise refused(_TARGET, exc, body, _WIRE_KEY) from exc
    return campaign, group


def encode_campaign(campaign: Campaign, group: CampaignGroup) -> dict[str, Any]:
    """Return the VoIPbin campaign resource for ``campaign`` and its dialing group.

    The status comes from the group: RUNNING is ``run``; ACTIVE, WAITING_UNLOAD and
    UNLOAD_IN_PROGRESS (calls still ending) are ``stopping``; INACTIVE and
    NOT_LOADED are ``stop``;
    ``None`` references are written as the all-zero UUID; vendor-only keys missing
    from ``vendor_data`` take the defaults in ``docs/wire-voipbin.md``. The keys
    come in the page's order, or in the order kept under :data:`KEY_ORDER`.

    Raises:
        ValidationError: An id is not a lowercase UUID, the service level is
            above ``2**63 - 1``, or a vendor-only value has the wrong type.
    """
    vd, extras = _vendor_part(campaign.vendor_data)
    status = _WIRE_STATUS[group.status]
    body = {
        "id": _wire_uuid("id", campaign.id),
        "type": campaign.type.value,
        "name": campaign.name,
        "detail": campaign.detail,
        "status": status,
        "service_level": _wire_level(campaign.service_level),
        "end_handle": campaign.end_handle.value,
        "actions": thaw(vd["actions"]),
        "outplan_id": vd["outplan_id"],
        "outdial_id": vd["outdial_id"],
        "queue_id": _wire_ref("queue_id", campaign.queue_id),
        "next_campaign_id": _wire_ref("next_campaign_id", campaign.next_campaign_id),
        "tm_create": vd["tm_create"],
        "tm_update": vd["tm_update"],
        "tm_delete": vd["tm_delete"],
    }
    if extras:
        body.update((k, thaw(vd[k])) for k in extras)
    if KEY_ORDER in vd:
        body = in_received_order("Campaign", body, vd)
    return body


@once_per_value
def _vendor_part(data: VendorData) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Check a campaign's vendor data once: its values as written, its new keys.

    ``VendorData`` is immutable, so one check holds for every later encode of the
    same object. The dict is read, never changed, by the encoder.
    """
    vd = {**_VENDOR_DEFAULTS, **data}
    _wire_actions(vd["actions"])
    for key in ("outplan_id", "outdial_id"):
        vd[key] = _wire_ref(f"vendor_data[{key!r}]", vd[key])
    for key in ("tm_create", "tm_update", "tm_delete"):
        _wire_stamp(key, vd[key])
    in_received_order("Campaign", {}, vd)  # checks a kept order's shape
    return vd, tuple(k for k in vd if k not in _NOT_EXTRA)


def _wire_level(value: int) -> int:
    if value <= MAX_WIRE_INT:
        return value
    raise ValidationError(
        "Campaign", "service_level", value, f"an integer of at most {MAX_WIRE_INT}"
    )


def _wire_uuid(field: str, value: str) -> str:
    if _UUID.fullmatch(value):
        return value
    raise ValidationError("Campaign", field, value, "a lowercase UUID")


def _wire_ref(field: str, value: Any) -> str:
    if value is None:
        return NIL_UUID
    if isinstance(value, str):
        return _wire_uuid(field, value)
    raise ValidationError("Campaign", field, value, "None or a lowercase UUID")


def _wire_actions(value: Any) -> list[Any]:
    if type(value) is tuple:  # a JSON array, as vendor data freezes it
        return thaw(value)  # type: ignore[no-any-return]
    raise ValidationError(
        "Campaign", "vendor_data['actions']", value, "a sequence of actions"
    )


def _wire_stamp(key: str, value: Any) -> str:
    if isinstance(value, str) and (value == "" or _valid_stamp(value)):
        return value
    raise ValidationError(
        "Campaign", f"vendor_data[{key!r}]", value, '"" or "YYYY-MM-DD HH:MM:SS.ffffff"'
    )


def status_request(target: str) -> dict[str, str]:
    """Return the body that asks VoIPbin to run or stop a campaign.

    Only ``run`` and ``stop`` may be requested; ``stopping`` is reached, not asked for.

    Raises:
        ValidationError: ``target`` is not ``"run"`` or ``"stop"``.
    """
    if target in ("run", "stop"):
        return {"status": str(target)}
    raise ValidationError("status_request", "target", target, "'run' or 'stop'")


def hangup_outcome(reason: Any) -> CallOutcome:
    """Return whether a call with this hangup reason reached its destination.

    ``normal`` is a success; failed, busy, cancel, timeout, noanswer, dialout and
    amd are failures, and so is any other or empty reason: a reason VoIPbin adds
    later must never crash a dialer.
    """
    if reason == "normal":
        return CallOutcome.SUCCESS
    return CallOutcome.FAILURE
