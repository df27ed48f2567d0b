"""Decide and build an 8x8 Contact Center campaign status change.

A host reads a campaign's status from 8x8 (``GET .../api/stats/campaigns/{id}.json``),
decides what it may ask for with the campaign lifecycle, and POSTs the change
(``POST .../api/tstats/campaigns/{id}`` with ``{"status": "PAUSED"}``). This script
does everything but the HTTP: it decodes the response of the 8x8 documentation,
lists the requests the campaign's status allows, applies one with
:func:`campaignkit.lifecycle.request_status`, builds the requests (an
:class:`~campaignkit.wire.HttpRequest`: method, URL, headers, body bytes) with
:mod:`campaignkit.wire.eightbyeight` (with fake tokens), and shows three changes
refused before anything is sent.

Run it with ``python examples/ccaas_status.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from campaignkit import Campaign, RequestedStatus, TransitionNotAllowed, lifecycle
from campaignkit.wire import HttpRequest
from campaignkit.wire.eightbyeight import (
    Credentials,
    decode_campaign,
    encode_campaign,
    parse_status_change_response,
    status_change_request,
    status_request,
)

PLATFORM = "na12"
"""The contact-centre platform, as in the Configuration Manager's URL."""
CREDENTIALS = Credentials(
    username="acme", data_token="fake-data-token", action_token="fake-action-token"
)
"""Fake API tokens: a real host reads them from its secret store."""
NOW = dt.datetime(2022, 10, 18, 14, 0, tzinfo=dt.UTC)
"""When the host makes its decision (an explicit time, never the clock)."""

SEED_RESPONSE: dict[str, Any] = {
    "campaign": {
        "campaign-name": "My Callbacks",
        "campaign-id": 6561,
        "enabled": "Y",
        "status": 3,
        "no-of-records": 18,
        "caller-id": 13125555068,
        "queue-id": 598,
        "start-time": "",
        "end-time": "",
        "actual-run-time": "2022-10-17T22:31:02+01:00",
        "actual-stop-time": "",
        "daily-start-time": "",
        "daily-end-time": "",
        "retry-interval": 30,
        "max-retry": 1,
        "abandon-max-retry": "",
        "max-ring-time": 15,
        "integration-type": "contactual",
        "calling-window": 2,
        "schedule-name": "'5-6pm Eastern'",
        "timezone": "EST5EST",
        "dynamic-campaign": "Y",
        "sequential": "N",
    }
}
"""The Campaign Status Response of the 8x8 documentation, as received."""


def allowed(campaign: Campaign) -> str:
    """The requests the campaign's status allows, by name, for printing."""
    names = sorted(r.value for r in lifecycle.allowed_requests(campaign))
    return ", ".join(names) or "none"


def post(campaign: Campaign, target: RequestedStatus) -> HttpRequest:
    """The POST a host would send to change the campaign to ``target``.

    campaignkit asks the lifecycle first, so a change 8x8 would refuse raises
    :class:`~campaignkit.TransitionNotAllowed` instead of being built.
    """
    return status_change_request(PLATFORM, campaign, target, CREDENTIALS)


def main() -> None:
    """Read, decide, build, and show what is refused."""
    get = status_request(PLATFORM, 6561, CREDENTIALS)
    print(f"{get.method} {get.url}")
    print(f"  Authorization: {get.headers['Authorization']}  ({CREDENTIALS!r})")
    campaign = decode_campaign(SEED_RESPONSE)
    status = campaign.status
    print(f"read campaign {campaign.id} {campaign.name!r}")
    print(f"  status {status.value} {status.name}, phase {status.phase.name}")
    print(f"  running since {campaign.status_since:%Y-%m-%d %H:%M:%S} UTC")
    print(
        f"  queue {campaign.queue_id}, max ring time {campaign.retry.max_ring_time} s"
    )
    zone = campaign.schedule.time_zone
    print(f"  time zone {campaign.vendor_data['timezone']} (read in {zone})")
    print(f"  allowed requests: {allowed(campaign)}")

    print("decide: pause it while the team is in a meeting")
    paused = lifecycle.request_status(campaign, RequestedStatus.PAUSED, at=NOW)
    change = paused.event
    print(
        f"  {change.previous_status.name} -> {change.campaign.status.name}"
        f" (trigger {change.trigger})"
    )
    request = post(campaign, RequestedStatus.PAUSED)
    print(f"{request.method} {request.url}")
    for name, value in request.headers.items():
        print(f"  {name}: {value}")
    print(f"  {request.body.decode()}")
    reply = parse_status_change_response({"message": "Campaign status changed."})
    print(f"  8x8 answered: {reply}")
    after = paused.after
    print(f"  now {after.status.name}; allowed requests: {allowed(after)}")
    print(f"  encoded status: {encode_campaign(after)['campaign']['status']}")

    print("refused: PURGED needs a paused campaign, and this one is running")
    try:
        post(campaign, RequestedStatus.PURGED)
    except TransitionNotAllowed as refused:
        print(f"  not sent: {refused}")

    print("refused: 8x8 changes dynamic campaigns only")
    static = {**campaign.vendor_data, "dynamic-campaign": "N"}
    try:
        post(attrs.evolve(campaign, vendor_data=static), RequestedStatus.PAUSED)
    except TransitionNotAllowed as refused:
        print(f"  not sent: {refused}")

    print("refused: a stopped campaign never changes again")
    stopped = lifecycle.request_status(after, "STOPPED", at=NOW + dt.timedelta(hours=1))
    print(f"  {stopped.before.status.name} -> {stopped.after.status.name}")
    print(f"  allowed requests: {allowed(stopped.after)}")
    try:
        lifecycle.request_status(
            stopped.after, RequestedStatus.RUNNING, at=NOW + dt.timedelta(hours=2)
        )
    except TransitionNotAllowed as refused:
        print(f"  not sent: {refused}")


if __name__ == "__main__":
    main()
