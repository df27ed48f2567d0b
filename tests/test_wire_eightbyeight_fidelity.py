"""8x8 CC status API against its vendor page, item by item.

Each test quotes the vendor page ("CC Managing Campaign Status") or its example.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import pickle
import re
import zoneinfo
from pathlib import Path
from typing import Any

import attrs
import pytest

from campaignkit import (
    Campaign,
    CampaignStatus,
    DecodeError,
    RequestedStatus,
    Schedule,
    TransitionNotAllowed,
    ValidationError,
    from_dict,
    to_dict,
)
from campaignkit.wire import HttpRequest
from campaignkit.wire import eightbyeight as w

DATA = Path(__file__).parent / "data"
SEED: dict[str, Any] = json.loads((DATA / "eightbyeight_campaign.json").read_text())
CREDS = w.Credentials("acme", "d4t4-t0ken", "4ct10n-t0ken")


def seed() -> dict[str, Any]:
    """A fresh copy of the page's status response."""
    return copy.deepcopy(SEED)


# --- 8. dynamic campaigns only ------------------------------------------------------


def test_a_non_dynamic_campaign_is_refused_with_the_reason() -> None:
    """'The Campaign MUST be configured as a Dynamic Campaign'."""
    body = seed()
    body["campaign"]["dynamic-campaign"] = "N"
    campaign = w.decode_campaign(body)
    with pytest.raises(TransitionNotAllowed) as info:
        w.status_change_body(campaign, RequestedStatus.PAUSED)
    assert "dynamic" in info.value.reason
    assert info.value.allowed == ()
    assert "campaign 6561 (My Callbacks)" in str(info.value)
    with pytest.raises(TransitionNotAllowed):
        w.status_change_request("na12", campaign, "PAUSED", CREDS)


def test_the_seeds_dynamic_campaign_may_change() -> None:
    """The page's example is dynamic ("dynamic-campaign": "Y"): PAUSED is allowed."""
    campaign = w.decode_campaign(seed())
    assert w.status_change_body(campaign, "PAUSED") == {"status": "PAUSED"}
    hand_built = Campaign(id="7", name="x")  # the default is "Y", as the API requires
    assert w.status_change_body(hand_built, "RUNNING") == {"status": "RUNNING"}


# --- 9. time zones ------------------------------------------------------------------


def test_the_seeds_est5est_is_new_york_and_goes_back_verbatim() -> None:
    """'"timezone": "EST5EST"': the window is read in America/New_York."""
    campaign = w.decode_campaign(seed())
    assert campaign.schedule.time_zone == "America/New_York"
    assert campaign.vendor_data["timezone"] == "EST5EST"
    assert json.dumps(w.encode_campaign(campaign)) == json.dumps(SEED)


def _posix_offsets(name: str) -> tuple[dt.timedelta, dt.timedelta]:
    """January and July UTC offsets a POSIX TZ string names (US rules for DST)."""
    match = re.fullmatch(r"([A-Z]+)([0-9]+)([A-Z]*)", name)
    assert match is not None
    winter = dt.timedelta(hours=-int(match[2]))
    return winter, winter + dt.timedelta(hours=1 if match[3] else 0)


@pytest.mark.parametrize("name", sorted(w.POSIX_ZONES))
def test_every_mapped_zone_names_the_same_offsets(name: str) -> None:
    """A mapping is listed only where it is exact: same offsets, winter and summer."""
    zone = zoneinfo.ZoneInfo(w.POSIX_ZONES[name])
    january = dt.datetime(2026, 1, 15, 12, tzinfo=zone).utcoffset()
    july = dt.datetime(2026, 7, 15, 12, tzinfo=zone).utcoffset()
    assert (january, july) == _posix_offsets(name)


@pytest.mark.parametrize("text", ["HST10HST", "CET-1CEST", "Eastern", ""])
def test_other_zones_stay_text_only(text: str) -> None:
    """Not exact (Hawaii has no DST) or not POSIX-style: time_zone stays None."""
    body = seed()
    body["campaign"]["timezone"] = text
    campaign = w.decode_campaign(copy.deepcopy(body))
    assert campaign.schedule.time_zone is None
    assert w.encode_campaign(campaign) == body


def test_a_zone_set_by_the_host_is_written() -> None:
    """A host that moves the window to another zone sends that zone."""
    campaign = w.decode_campaign(seed())
    moved = attrs.evolve(campaign, schedule=Schedule(time_zone="America/Chicago"))
    assert w.encode_campaign(moved)["campaign"]["timezone"] == "America/Chicago"


# --- requests, built and never sent -------------------------------------------------


def test_status_request_is_the_pages_get() -> None:
    """'curl --request GET .../api/stats/campaigns/{campaignId}.json' + Basic auth.

    'For read APIs the Data Request Token will the password'.
    """
    request = w.status_request("na12", 6561, CREDS)
    assert request == HttpRequest(
        "GET",
        "https://vcc-na12.8x8.com/api/stats/campaigns/6561.json",
        {"Authorization": "Basic " + base64.b64encode(b"acme:d4t4-t0ken").decode()},
    )
    assert request.body == b""


def test_status_change_request_is_the_pages_post() -> None:
    """'--header Content-Type: application/json', Basic auth, '{"status": "RUNNING"}'.

    'For write APIs the Action Request Token will be the password'.
    """
    campaign = w.decode_campaign(seed())
    request = w.status_change_request("na12", campaign, "PAUSED", CREDS)
    assert request.method == "POST"
    assert request.url == "https://vcc-na12.8x8.com/api/tstats/campaigns/6561"
    assert list(request.headers) == ["Content-Type", "Authorization"]
    assert request.headers["Content-Type"] == "application/json"
    encoded = base64.b64encode(b"acme:4ct10n-t0ken").decode()
    assert request.headers["Authorization"] == f"Basic {encoded}"
    assert json.loads(request.body) == {"status": "PAUSED"}


def test_a_request_is_a_frozen_value_that_hides_the_token() -> None:
    """Hashable, equal by value, pickles; repr hides the Authorization value."""
    request = w.status_request("na12", 6561, CREDS)
    assert hash(request) == hash(pickle.loads(pickle.dumps(request)))
    assert pickle.loads(pickle.dumps(request)) == request
    assert "Basic" not in repr(request)
    assert "d4t4" not in repr(request)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        request.url = "x"  # type: ignore[misc]


def test_the_server_side_reads_the_pages_body() -> None:
    """A service offering the tstats POST reads '{"status": "RUNNING"}'."""
    for body in (b'{\n"status": "RUNNING"\n}', '{"status": "RUNNING"}'):
        assert w.parse_status_change(body) is RequestedStatus.RUNNING
    assert w.parse_status_change({"status": "STOPPED"}) is RequestedStatus.STOPPED


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"\xff",
        b"[]",
        b'{"status": "running"}',
        b'{"status": 1}',
        b"{}",
        b"[" * 100_000 + b"]" * 100_000,
        {"status": None},
    ],
)
def test_the_server_side_refuses_bad_bodies(body: Any) -> None:
    """Anything but an object with a requested status is a DecodeError."""
    with pytest.raises(DecodeError) as info:
        w.parse_status_change(body)
    assert all(path in {"$", "status"} for path, _ in info.value.errors)
    assert len(str(info.value)) < 600


# --- tokens never in a refusal ------------------------------------------------------


def _chain(exc: BaseException) -> list[BaseException]:
    seen = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


@pytest.mark.parametrize(
    "token", [b"s3cr3t-t0ken", 987654321, "", "s3cr3t\ud800t0ken", ["s3cr3t"]]
)
@pytest.mark.parametrize("field", ["data_token", "action_token"])
def test_a_refused_token_appears_nowhere(token: Any, field: str) -> None:
    """Message, args, value, chained causes: none holds the token."""
    kwargs = {"username": "acme", "data_token": "ok", "action_token": "ok"}
    kwargs[field] = token
    with pytest.raises(ValidationError) as info:
        w.Credentials(**kwargs)
    secrets = [repr(token), str(token), "s3cr3t", "987654321"]
    for exc in _chain(info.value):
        texts = [str(exc), repr(exc), *map(repr, exc.args)]
        texts.append(repr(getattr(exc, "value", "")))
        for text in texts:
            assert not any(s in text for s in secrets if s not in ("", "''")), text
    assert info.value.value == "***"
    assert info.value.field == field


# --- times that cannot be represented -----------------------------------------------


def test_a_start_time_without_a_utc_equivalent_is_refused() -> None:
    """'0001-01-01T00:30:00+01:00' never reaches a model: no OverflowError later."""
    body = seed()
    body["campaign"]["start-time"] = "0001-01-01T00:30:00+01:00"
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(body)
    assert [path for path, _ in info.value.errors] == ["start-time"]


def test_to_dict_and_back_keeps_the_wire_bytes() -> None:
    """encode(from_dict(to_dict(decode(p)))) == p, a +01:00 start time included."""
    body = seed()
    body["campaign"]["start-time"] = "2022-10-17T22:31:02+01:00"
    body["campaign"]["end-time"] = "9999-12-31T23:00:00-00:30"
    campaign = w.decode_campaign(copy.deepcopy(body))
    again = from_dict(Campaign, to_dict(campaign))
    assert json.dumps(w.encode_campaign(again)) == json.dumps(body)


def test_status_is_kept_for_the_hand_built_default() -> None:
    """A campaign built by hand keeps its status through encode and decode."""
    campaign = Campaign(id="9", name="n", status=CampaignStatus.MANUAL_PAUSED)
    assert w.decode_campaign(w.encode_campaign(campaign)).status is (
        CampaignStatus.MANUAL_PAUSED
    )


def test_a_value_the_model_refuses_is_reported_at_its_wire_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A model rule the parsers do not repeat (a cross-field one) names the wire key."""

    def refuse(**_: Any) -> Campaign:
        raise ValidationError("Schedule", "stop_time", "x", "a stop after the start")

    monkeypatch.setattr(w, "Campaign", refuse)
    with pytest.raises(DecodeError) as info:
        w.decode_campaign(seed())
    assert [path for path, _ in info.value.errors] == ["end-time"]
