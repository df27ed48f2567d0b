"""The VoIPbin campaign resource, read and written exactly.

A VoIPbin campaign is both a campaign and its one dialing group (its run/stopping/stop
state). The mapping, and the choices where the page is silent: ``docs/wire-voipbin.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from campaignkit import enums
from campaignkit.enums import CallOutcome, CampaignStatus, GroupStatus
from campaignkit.errors import DecodeError, ValidationError
from campaignkit.models import Campaign, CampaignGroup
from campaignkit.vendor import VendorData, thaw
from campaignkit.wire import _common as c
from campaignkit.wire._common import KEY_ORDER

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

# VoIPbin status -> (group status, campaign status); a group on its way out is
# "stopping" while its calls end, and an unloaded one "stop".
_STATUS = {
    "run": (GroupStatus.RUNNING, CampaignStatus.MANUAL_RUNNING),
    "stopping": (GroupStatus.ACTIVE, CampaignStatus.MANUAL_PAUSED),
    "stop": (GroupStatus.INACTIVE, CampaignStatus.MANUAL_PAUSED),
}
_WIRE_STATUS = {
    **{group: wire for wire, (group, _) in _STATUS.items()},
    GroupStatus.WAITING_UNLOAD: "stopping",
    GroupStatus.UNLOAD_IN_PROGRESS: "stopping",
    GroupStatus.NOT_LOADED: "stop",
}


_uuid = c.parser("a lowercase UUID", lambda raw: c.ensure(_UUID.fullmatch(raw), raw))
_ref = c.parser("a lowercase UUID", lambda raw: None if _uuid(raw) == NIL_UUID else raw)
# Negative levels are the model's to refuse, so the message says what it wants.
_level = c.parser(
    f"an integer of at most {c.MAX_WIRE_INT}",
    lambda raw: c.ensure(c.is_wire_int(raw, -c.MAX_WIRE_INT - 1), raw),
)
# A JSON array; vendor data holds it frozen, as a tuple.
_actions = c.parser(
    "an array of actions", lambda raw: c.ensure(type(raw) in (list, tuple), raw)
)
# The pattern fixes the layout; fromisoformat then checks the ranges.
_stamp = c.parser(
    '"" or a UTC time like "2022-04-28 02:16:39.712142"',
    lambda raw: c.ensure(
        raw == "" or (_STAMP.fullmatch(raw) and dt.datetime.fromisoformat(raw)), raw
    ),
)
_FIELDS: dict[str, c.Parser] = {
    "id": _uuid,
    "type": c.choice({t.value: t for t in enums.CampaignType}),
    "name": c.string,
    "detail": c.string,
    "status": c.choice(_STATUS),
    "service_level": _level,
    "end_handle": c.choice({e.value: e for e in enums.EndHandle}),
    "actions": _actions,
    "outplan_id": _ref,
    "outdial_id": _ref,
    "queue_id": _uuid,
    "next_campaign_id": _ref,
    "tm_create": _stamp,
    "tm_update": _stamp,
    "tm_delete": _stamp,
}
_KEY_LIST = list(_FIELDS)
_KEYS = frozenset(_KEY_LIST)
_PARSED = _KEYS - {"actions"}  # actions are free JSON: vendor_data checks their numbers
# Vendor-only keys (kept in the campaign's vendor_data) and their hand-built defaults.
_VENDOR_DEFAULTS: dict[str, Any] = {
    "actions": (),
    "outplan_id": None,
    "outdial_id": None,
    "tm_create": "",
    "tm_update": "",
    "tm_delete": NOT_DELETED,
}


def decode_campaign(payload: Any) -> tuple[Campaign, CampaignGroup]:
    """Build the campaign and its dialing group from a VoIPbin campaign resource."""
    body = c.require_object(_TARGET, payload, _KEY_LIST)
    errors: c.Errors = []
    values = c.read_fields(body, _FIELDS.items(), errors)
    # Known keys are checked by their parsers; after a refusal only new keys are.
    vendor = {} if errors else {key: values[key] for key in _VENDOR_DEFAULTS}
    vendor.update(c.new_keys(body, _KEY_LIST, _KEYS, errors))
    frozen = c.vendor_data(vendor, errors, _PARSED)
    if errors:
        raise DecodeError(_TARGET, errors)
    group_status, campaign_status = values["status"]
    queue = values["queue_id"]
    try:
        campaign = Campaign(
            id=values["id"],
            name=values["name"],
            type=values["type"],
            detail=values["detail"],
            status=campaign_status,
            service_level=values["service_level"],
            end_handle=values["end_handle"],
            queue_id=None if queue == NIL_UUID else queue,
            next_campaign_id=values["next_campaign_id"],
            vendor_data=frozen,
        )
        group = CampaignGroup(
            campaign_name=campaign.name,
            group_name=queue,
            name=campaign.id,
            status=group_status,
        )
    except ValidationError as exc:
        raise c.refused(_TARGET, exc, body, {"campaign_name": "name"}) from exc
    return campaign, group


def encode_campaign(campaign: Campaign, group: CampaignGroup) -> dict[str, Any]:
    """Return the VoIPbin campaign resource for ``campaign`` and its dialing group."""
    vd, extras = _vendor_part(campaign.vendor_data)
    body = {
        "id": c.writable("id", _uuid, campaign.id),
        "type": campaign.type.value,
        "name": campaign.name,
        "detail": campaign.detail,
        "status": _WIRE_STATUS[group.status],
        "service_level": c.writable("service_level", _level, campaign.service_level),
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
    body.update((k, thaw(vd[k])) for k in extras)
    return c.in_received_order(body, vd)


@c.once_per_value
def _vendor_part(data: VendorData) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Check a campaign's vendor data once: its values as written, its new keys."""
    vd = {**_VENDOR_DEFAULTS, **data}
    for key in ("outplan_id", "outdial_id"):
        vd[key] = _wire_ref(f"vendor_data[{key!r}]", vd[key])
    for key in ("actions", "tm_create", "tm_update", "tm_delete"):
        c.writable(f"vendor_data[{key!r}]", _FIELDS[key], vd[key])
    c.in_received_order({}, vd)  # checks a kept order's shape
    return vd, tuple(k for k in vd if k not in _KEYS and k != KEY_ORDER)


def _wire_ref(field: str, value: Any) -> str:
    return NIL_UUID if value is None else c.writable(field, _uuid, value)


def status_request(target: str) -> dict[str, str]:
    """Return the body asking VoIPbin to ``"run"`` or ``"stop"`` (not ``stopping``)."""
    if target in ("run", "stop"):
        return {"status": str(target)}
    raise ValidationError("status_request", "target", target, "'run' or 'stop'")


def hangup_outcome(reason: Any) -> CallOutcome:
    """SUCCESS for the hangup reason ``normal``; FAILURE for any other, new ones too."""
    return CallOutcome.SUCCESS if reason == "normal" else CallOutcome.FAILURE
