"""The HTTP notifier example: a real POST of the CampaignGroupState body, end to end."""

from __future__ import annotations

import datetime as dt
import json
import runpy
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from campaignkit import Campaign, CampaignStatus, CampaignStatusChanged, RequestedStatus
from campaignkit.notify import dispatch
from campaignkit.wire.genesys import group_state_payload, group_state_request

EXAMPLE = Path(__file__).parent.parent / "examples" / "http_notifier.py"


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    """The example's namespace, loaded without running it as a script."""
    return runpy.run_path(str(EXAMPLE), run_name="http_notifier_example")


def test_main_posts_every_group_event_in_order(
    example: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """The server receives each event's payload, byte for byte in key order."""
    received = example["main"]()
    expected = [group_state_payload(e) for e in example["_events"]()]
    assert [list(body.items()) for body in received] == [
        list(body.items()) for body in expected
    ]
    out = capsys.readouterr().out
    assert out.count("delivered to 2") == 3
    assert "failed" not in out
    assert "server got Spring@Sales: status=5 action=0" in out


def test_the_notifier_sends_the_request_campaignkit_built(
    example: dict[str, Any],
) -> None:
    """HttpNotifier moves group_state_request's bytes: same body, same headers."""
    event = example["_events"]()[0]
    request = group_state_request(event, "http://127.0.0.1/x")
    assert request.method == "POST"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == group_state_payload(event)


def free_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_failed_post_is_reported_not_raised(example: dict[str, Any]) -> None:
    """With no server listening, dispatch reports the notifier's URLError."""
    notifier = example["HttpNotifier"](f"http://127.0.0.1:{free_port()}/", timeout=2)
    event = example["_events"]()[0]
    report = dispatch(event, [notifier])
    assert report.delivered == ()
    assert isinstance(report.failed[0][1], OSError)


def test_campaign_events_are_not_posted(example: dict[str, Any]) -> None:
    """A campaign status change has no CampaignGroupState body: nothing is sent."""
    notifier = example["HttpNotifier"](f"http://127.0.0.1:{free_port()}/")
    event = CampaignStatusChanged(
        campaign=Campaign(id="1", name="Spring", status=CampaignStatus.MANUAL_RUNNING),
        previous_status=CampaignStatus.NEW,
        trigger=RequestedStatus.RUNNING,
        at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
    )
    assert dispatch(event, [notifier]).delivered == (notifier,)


def test_runs_as_a_script() -> None:
    """``python examples/http_notifier.py`` exits 0 and shows what the server got."""
    result = subprocess.run(
        [sys.executable, "-W", "error", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("server got Spring@Sales") == 3
