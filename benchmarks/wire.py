"""Decode and encode rates of the 8x8 and VoIPbin codecs next to hand-written code.

Run on demand: ``python benchmarks/wire.py``. For each vendor page's example it
times, in the same run:

- ``codec``: campaignkit's strict decoder/encoder (every key checked, models built).
- ``models``: hand-written, unchecked code building the same models (the models'
  own validators still run) and the same JSON, with dict comprehensions for the
  vendor data; ``main`` asserts that both give equal results.
- ``dict``: a bare dict comprehension renaming the payload's keys (no models).

The target is the codec within 3x of the hand-written code when decoding, and
within 2x when encoding (a frozen ``vendor_data`` is checked once, not on every
encode).
"""

from __future__ import annotations

import datetime as dt
import json
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

from campaignkit.enums import (
    CampaignPhase,
    CampaignStatus,
    CampaignType,
    EndHandle,
    GroupStatus,
)
from campaignkit.models import Campaign, CampaignGroup, RetrySettings, Schedule
from campaignkit.vendor import VendorData, thaw
from campaignkit.wire import eightbyeight, voipbin

DATA = Path(__file__).parent.parent / "tests" / "data"
EIGHT = json.loads((DATA / "eightbyeight_campaign.json").read_text())
VOIP = json.loads((DATA / "voipbin_campaign.json").read_text())

EIGHT_MAPPED = {
    "campaign-name": "name",
    "campaign-id": "id",
    "status": "status",
    "queue-id": "queue_id",
    "start-time": "start_time",
    "end-time": "stop_time",
    "daily-start-time": "daily_start",
    "daily-end-time": "daily_end",
    "retry-interval": "retry_interval",
    "max-retry": "max_retries",
    "abandon-max-retry": "abandon_max_retries",
    "max-ring-time": "max_ring_time",
}
EIGHT_RENAME = {k: k.replace("-", "_") for k in EIGHT["campaign"]} | EIGHT_MAPPED
EIGHT_BACK = {v: k for k, v in EIGHT_RENAME.items()}
VOIP_RENAME = {k: k for k in VOIP} | {"status": "group_status"}
VOIP_BACK = {v: k for k, v in VOIP_RENAME.items()}
VOIP_MAPPED = frozenset(
    {"id", "type", "name", "detail", "status", "service_level", "end_handle"}
    | {"queue_id", "next_campaign_id"}
)


YN = {"Y": True, "N": False}
EIGHT_VENDOR = (
    "enabled",
    "no-of-records",
    "caller-id",
    "actual-run-time",
    "actual-stop-time",
    "integration-type",
    "calling-window",
    "schedule-name",
    "timezone",
    "dynamic-campaign",
    "sequential",
)
EIGHT_TIMES = frozenset({"actual-run-time", "actual-stop-time"})
EIGHT_TEXT = frozenset({"integration-type", "schedule-name", "timezone"})


def _opt(value: Any) -> Any:
    return None if value == "" else value


def _time(value: str) -> dt.datetime | None:
    return None if value == "" else dt.datetime.fromisoformat(value)


def _clock(value: str) -> dt.time | None:
    return None if value == "" else dt.time.fromisoformat(value)


def _vendor(key: str, value: Any) -> Any:
    if key in EIGHT_TIMES:
        return _time(value)
    if key in EIGHT_TEXT:
        return value
    return YN.get(value, value) if value != "" else None


def eight_models_decode(payload: dict[str, Any]) -> Campaign:
    """The same Campaign as the codec's, by hand, without any checks."""
    b = payload["campaign"]
    status = CampaignStatus(b["status"])
    phase = status.phase
    since = None
    if phase is CampaignPhase.RUNNING:
        since = _time(b["actual-run-time"])
    elif phase is CampaignPhase.STOPPED:
        since = _time(b["actual-stop-time"])
    vendor = {k: b[k] for k in EIGHT_VENDOR}  # wire values, as received
    return Campaign(
        id=str(b["campaign-id"]),
        name=b["campaign-name"],
        status=status,
        queue_id=None if b["queue-id"] == "" else str(b["queue-id"]),
        schedule=Schedule(
            start_time=_time(b["start-time"]),
            stop_time=_time(b["end-time"]),
            daily_start=_clock(b["daily-start-time"]),
            daily_end=_clock(b["daily-end-time"]),
            time_zone=eightbyeight.POSIX_ZONES.get(b["timezone"]),
        ),
        retry=RetrySettings(
            retry_interval=_opt(b["retry-interval"]),
            max_retries=_opt(b["max-retry"]),
            abandon_max_retries=_opt(b["abandon-max-retry"]),
            max_ring_time=_opt(b["max-ring-time"]),
        ),
        status_since=since,
        vendor_data=VendorData(vendor),
    )


def _w(value: Any) -> Any:
    if value is None:
        return ""
    if value is True:
        return "Y"
    if value is False:
        return "N"
    return value


def _iso(value: dt.datetime | dt.time | None) -> str:
    return "" if value is None else value.isoformat()


def eight_models_encode(c: Campaign) -> dict[str, Any]:
    """The same JSON as the codec's, by hand, without any checks."""
    vd, s, r = c.vendor_data, c.schedule, c.retry
    return {
        "campaign": {
            "campaign-name": c.name,
            "campaign-id": int(c.id),
            "enabled": vd["enabled"],
            "status": int(c.status),
            "no-of-records": vd["no-of-records"],
            "caller-id": vd["caller-id"],
            "queue-id": "" if c.queue_id is None else int(c.queue_id),
            "start-time": _iso(s.start_time),
            "end-time": _iso(s.stop_time),
            "actual-run-time": vd["actual-run-time"],
            "actual-stop-time": vd["actual-stop-time"],
            "daily-start-time": _iso(s.daily_start),
            "daily-end-time": _iso(s.daily_end),
            "retry-interval": _w(r.retry_interval),
            "max-retry": _w(r.max_retries),
            "abandon-max-retry": _w(r.abandon_max_retries),
            "max-ring-time": _w(r.max_ring_time),
            "integration-type": vd["integration-type"],
            "calling-window": vd["calling-window"],
            "schedule-name": vd["schedule-name"],
            "timezone": vd["timezone"],
            "dynamic-campaign": vd["dynamic-campaign"],
            "sequential": vd["sequential"],
        }
    }


VOIP_STATUS = {
    "run": (GroupStatus.RUNNING, CampaignStatus.MANUAL_RUNNING),
    "stopping": (GroupStatus.ACTIVE, CampaignStatus.MANUAL_PAUSED),
    "stop": (GroupStatus.INACTIVE, CampaignStatus.MANUAL_PAUSED),
}
VOIP_WIRE_STATUS = {group: wire for wire, (group, _) in VOIP_STATUS.items()}
NIL = voipbin.NIL_UUID


def _ref(value: str) -> str | None:
    return None if value == NIL else value


def voip_models_decode(b: dict[str, Any]) -> tuple[Campaign, CampaignGroup]:
    """The same campaign and group as the codec's, by hand, without any checks."""
    group_status, campaign_status = VOIP_STATUS[b["status"]]
    vendor = {k: v for k, v in b.items() if k not in VOIP_MAPPED}
    vendor["outplan_id"] = _ref(vendor["outplan_id"])
    vendor["outdial_id"] = _ref(vendor["outdial_id"])
    campaign = Campaign(
        id=b["id"],
        name=b["name"],
        type=CampaignType(b["type"]),
        detail=b["detail"],
        status=campaign_status,
        service_level=b["service_level"],
        end_handle=EndHandle(b["end_handle"]),
        queue_id=_ref(b["queue_id"]),
        next_campaign_id=_ref(b["next_campaign_id"]),
        vendor_data=VendorData(vendor),
    )
    group = CampaignGroup(
        campaign_name=b["name"],
        group_name=b["queue_id"],
        name=b["id"],
        status=group_status,
    )
    return campaign, group


def voip_models_encode(c: Campaign, g: CampaignGroup) -> dict[str, Any]:
    """The same JSON as the codec's, by hand, without any checks."""
    vd = c.vendor_data
    return {
        "id": c.id,
        "type": c.type.value,
        "name": c.name,
        "detail": c.detail,
        "status": VOIP_WIRE_STATUS[g.status],
        "service_level": c.service_level,
        "end_handle": c.end_handle.value,
        "actions": thaw(vd["actions"]),
        "outplan_id": vd["outplan_id"] or NIL,
        "outdial_id": vd["outdial_id"] or NIL,
        "queue_id": c.queue_id or NIL,
        "next_campaign_id": c.next_campaign_id or NIL,
        "tm_create": vd["tm_create"],
        "tm_update": vd["tm_update"],
        "tm_delete": vd["tm_delete"],
    }


def rate(function: Callable[[], Any]) -> float:
    """Calls per second: the best of five runs, after a warm-up call."""
    function()
    number = 5000
    best = min(timeit.repeat(function, number=number, repeat=5))
    return number / best


def report(vendor: str, direction: str, timings: dict[str, Callable[[], Any]]) -> None:
    rates = {name: rate(f) for name, f in timings.items()}
    codec = rates["codec"]
    line = f"{vendor:8} {direction:6} codec {codec:9,.0f}/s"
    for name in ("models", "dict"):
        slower = rates[name] / codec
        line += f" | {name} {rates[name]:9,.0f}/s (codec {slower:4.1f}x slower)"
    print(line)


def main() -> None:
    eight_campaign = eightbyeight.decode_campaign(EIGHT)
    eight_body = EIGHT["campaign"]
    eight_flat = {EIGHT_RENAME[k]: v for k, v in eight_body.items()}
    eight_plain = eight_models_decode(EIGHT)
    # The hand-written code does the same work: same models, same JSON.
    assert eight_plain == eight_campaign
    assert eight_models_encode(eight_plain) == EIGHT
    report(
        "8x8",
        "decode",
        {
            "codec": lambda: eightbyeight.decode_campaign(EIGHT),
            "models": lambda: eight_models_decode(EIGHT),
            "dict": lambda: {EIGHT_RENAME[k]: v for k, v in eight_body.items()},
        },
    )
    report(
        "8x8",
        "encode",
        {
            "codec": lambda: eightbyeight.encode_campaign(eight_campaign),
            "models": lambda: eight_models_encode(eight_plain),
            "dict": lambda: {
                "campaign": {EIGHT_BACK[k]: v for k, v in eight_flat.items()}
            },
        },
    )
    voip_campaign, voip_group = voipbin.decode_campaign(VOIP)
    voip_flat = {VOIP_RENAME[k]: v for k, v in VOIP.items()}
    voip_plain = voip_models_decode(VOIP)
    assert voip_plain == (voip_campaign, voip_group)
    assert voip_models_encode(*voip_plain) == VOIP
    report(
        "VoIPbin",
        "decode",
        {
            "codec": lambda: voipbin.decode_campaign(VOIP),
            "models": lambda: voip_models_decode(VOIP),
            "dict": lambda: {VOIP_RENAME[k]: v for k, v in VOIP.items()},
        },
    )
    report(
        "VoIPbin",
        "encode",
        {
            "codec": lambda: voipbin.encode_campaign(voip_campaign, voip_group),
            "models": lambda: voip_models_encode(*voip_plain),
            "dict": lambda: {VOIP_BACK[k]: v for k, v in voip_flat.items()},
        },
    )


if __name__ == "__main__":
    main()
