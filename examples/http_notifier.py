"""POST each campaign-group event as OCS's CampaignGroupState JSON, end to end.

campaignkit does no I/O; a host's notifier does. campaignkit builds the request
(:func:`campaignkit.wire.genesys.group_state_request` gives an
:class:`~campaignkit.wire.HttpRequest`: method, URL, headers, body bytes) and this
notifier sends it with the standard library, as OCS does when
``send-campaigngroup-states`` is on. With httpx it would be
``httpx.Client().send(httpx.Request(r.method, r.url, headers=r.headers,
content=r.body))``. :func:`main` starts a small
``http.server`` on 127.0.0.1 (a free port), dispatches a load, a start and a
periodic report to it, shows what the server received, and stops it.

Run it with ``python examples/http_notifier.py``.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import logging
import threading
import urllib.request
from typing import Any

import attrs

from campaignkit import (
    CampaignGroup,
    GroupSnapshot,
    GroupStateChanged,
    GroupStats,
    lifecycle,
)
from campaignkit.events import Event
from campaignkit.notify import LoggingNotifier, Notifier, dispatch
from campaignkit.wire.genesys import group_state_request


@attrs.frozen
class HttpNotifier:
    """POSTs a group event's CampaignGroupState body to ``url``.

    Campaign events have no CampaignGroupState body and are skipped. A failed
    POST raises, so :func:`~campaignkit.notify.dispatch` reports it; like OCS,
    nothing is retried here.

    Attributes:
        url: The ``campaigngroup-states-uri``.
        timeout: Seconds to wait for the server (OCS's ``http-response-timeout``).
    """

    url: str
    timeout: float = 5.0

    def notify(self, event: Event) -> None:
        """Send ``event`` if it is a group event."""
        if not isinstance(event, GroupStateChanged | GroupSnapshot):
            return
        r = group_state_request(event, self.url)
        request = urllib.request.Request(
            r.url, data=r.body, headers=dict(r.headers), method=r.method
        )
        # No proxy: a notification goes straight to the configured server.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=self.timeout) as response:
            response.read()


class _Receiver(http.server.BaseHTTPRequestHandler):
    """Stores each POSTed JSON body on the server and answers 204."""

    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.server.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the demo's output to what it prints itself."""


class _Server(http.server.ThreadingHTTPServer):
    received: list[dict[str, Any]]


def _events() -> list[Event]:
    """A group's load and start (from the lifecycle), and a periodic report."""
    at = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    group = CampaignGroup(
        campaign_name="Spring", group_name="Sales", dbid=101, queue_name="7001"
    )
    loaded = lifecycle.load(group, at=at)
    started = lifecycle.start(loaded.after, at=at + dt.timedelta(seconds=5))
    report = GroupSnapshot(
        group=started.after,
        stats=GroupStats(busy_factor=0.85, hit_ratio=0.3, overdial_rate=0.02),
        at=at + dt.timedelta(seconds=15),
    )
    return [*loaded.events, *started.events, report]


def main() -> list[dict[str, Any]]:
    """Run the demo; return the bodies the server received, in order."""
    server = _Server(("127.0.0.1", 0), _Receiver)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        url = f"http://{host!s}:{port}/ocs/campaign-group-states"
        logger = logging.getLogger("http_notifier")
        notifiers: list[Notifier] = [HttpNotifier(url), LoggingNotifier(logger, url)]
        for event in _events():
            report = dispatch(event, notifiers)
            print(f"{type(event).__name__}: delivered to {len(report.delivered)}")
            for notifier, error in report.failed:
                print(f"  failed: {notifier!r}: {error}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    for body in server.received:
        status = body["GSW_CAMPAIGN_GROUP_STATUS"]
        action = body["GSW_CAMPAIGN_GROUP_ACTION"]
        print(f"server got {body['GSW_CAMPAIGN_GROUP_NAME']}: {status=} {action=}")
    return server.received


if __name__ == "__main__":
    main()
