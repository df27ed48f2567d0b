"""A VoIPbin campaign: its service level as a pacing policy, run/stop, hangups.

VoIPbin paces a campaign with one number, ``service_level``. Its documentation
says a new call is made when ``available_agents > dialing_calls * service_level /
100``; its code tests ``floor(available_agents * service_level / 100) >
dialing_calls``. The two agree only at 100. This script decodes the campaign of
the VoIPbin documentation, prints how many calls each rule allows in a row for a
few team sizes and service levels, drives the campaign's dialing group through
run, stopping and stop with the lifecycle functions (showing the request bodies
and the status each state is written as), and reads a few hangup reasons.

Run it with ``python examples/cpaas_service_level.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from campaignkit import Campaign, CampaignGroup, ValidationError, lifecycle
from campaignkit.pacing import PacingSnapshot, ServiceLevel, pace
from campaignkit.wire.voipbin import (
    decode_campaign,
    encode_campaign,
    hangup_outcome,
    status_request,
)

SEED_RESOURCE: dict[str, Any] = {
    "id": "183c0d5c-691e-42f3-af2b-9bffc2740f83",
    "type": "call",
    "name": "test campaign",
    "detail": "test campaign detail",
    "status": "stop",
    "service_level": 100,
    "end_handle": "stop",
    "actions": [
        {
            "id": "00000000-0000-0000-0000-000000000000",
            "next_id": "00000000-0000-0000-0000-000000000000",
            "type": "talk",
            "option": {
                "text": "Hello. This is outbound campaign's test calling. "
                "Please wait until the agent answer the call. Thank you.",
                "gender": "female",
                "language": "en-US",
            },
        }
    ],
    "outplan_id": "d5fb7357-7ddb-4f2d-87b5-8ccbfd6c039e",
    "outdial_id": "40bea034-1d17-474d-a5de-da00d0861c69",
    "queue_id": "99bf739a-932f-433c-b1bf-103d33d7e9bb",
    "next_campaign_id": "00000000-0000-0000-0000-000000000000",
    "tm_create": "2022-04-28 02:16:39.712142",
    "tm_update": "2022-04-30 17:53:51.685259",
    "tm_delete": "9999-01-01 00:00:00.000000",
}
"""The campaign resource of the VoIPbin documentation, as received."""

AGENT_COUNTS = (1, 2, 5, 10, 20)
"""Team sizes (agents available, nothing dialing yet) for the pacing table."""
SERVICE_LEVELS = (100, 80, 150)
"""The documented campaign's level and two where the documented and coded rules part."""
MORNING = dt.datetime(2022, 5, 2, 9, 0, tzinfo=dt.UTC)
"""When the campaign is run (an explicit time, never the clock)."""
HANGUP_REASONS = ("normal", "busy", "noanswer", "amd", "timeout", "", "carrier-x")
"""Hangup reasons: VoIPbin's own, an empty one and one it might add later."""


def calls_allowed(percent: int, agents: int) -> str:
    """Calls each rule allows in a row for ``agents`` free agents: ``"doc / coded"``.

    Nothing is dialing yet, so this is how many calls the campaign launches at once.
    """
    snapshot = PacingSnapshot(agents_ready=agents)
    documented = pace(snapshot, ServiceLevel(percent, "documented")).calls
    coded = pace(snapshot, ServiceLevel(percent, "coded")).calls
    return f"{documented} / {coded}"


def wire_status(campaign: Campaign, group: CampaignGroup) -> str:
    """The ``status`` the campaign is written with, read from its dialing group."""
    return str(encode_campaign(campaign, group)["status"])


def main() -> None:
    """Decode, pace, run and stop, and read hangups."""
    campaign, group = decode_campaign(SEED_RESOURCE)
    print(f"campaign {campaign.name!r} ({campaign.type.value}), id {campaign.id}")
    level, end = campaign.service_level, campaign.end_handle.value
    print(f"  service level {level} %, end handle {end}")
    print(f"  queue {campaign.queue_id}; next campaign {campaign.next_campaign_id}")
    written = wire_status(campaign, group)
    print(f"  dialing group {group.name}: {group.status.name} ({written})")

    print("calls allowed in a row, documented / coded rule:")
    print("  agents" + "".join(f"{f'level {p} %':>14}" for p in SERVICE_LEVELS))
    for agents in AGENT_COUNTS:
        cells = "".join(f"{calls_allowed(p, agents):>14}" for p in SERVICE_LEVELS)
        print(f"  {agents:>6}{cells}")
    seeded = ServiceLevel(campaign.service_level)
    busy = PacingSnapshot(agents_ready=5, calls_dialing=3)
    more = pace(busy, seeded).calls
    print("  the rules agree only at 100 %")
    print(f"  the documented campaign, 5 agents free and 3 calls dialing: {more} more")

    print("run, then stop with two calls up, then they end")
    print(f"  request body {json.dumps(status_request('run'))}")
    running = lifecycle.start(group, at=MORNING).after
    print(f"  {running.status.name} is written as {wire_status(campaign, running)!r}")
    print(f"  request body {json.dumps(status_request('stop'))}")
    stopping = lifecycle.stop(
        running, at=MORNING + dt.timedelta(hours=1), calls_in_flight=2
    ).after
    print(f"  {stopping.status.name} is written as {wire_status(campaign, stopping)!r}")
    stopped = lifecycle.calls_drained(
        stopping, at=MORNING + dt.timedelta(hours=1, seconds=30)
    ).after
    print(f"  {stopped.status.name} is written as {wire_status(campaign, stopped)!r}")
    try:
        status_request("stopping")
    except ValidationError as refused:
        print(f"  refused: {refused}")
    print("hangup reasons:")
    for reason in HANGUP_REASONS:
        print(f"  {reason!r:>12} -> {hangup_outcome(reason).name}")


if __name__ == "__main__":
    main()
