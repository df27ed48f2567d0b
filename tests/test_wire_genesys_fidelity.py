"""Genesys CampaignGroupState against its vendor pages, item by item.

Each test quotes the Outbound Contact Deployment Guide (current) or its April 2018
draft, and checks campaignkit against the words or the example.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignkit import (
    CampaignGroup,
    DecodeError,
    GroupAction,
    GroupStatus,
    ValidationError,
    lifecycle,
)
from campaignkit.notify import periodic_due
from campaignkit.wire import HttpRequest
from campaignkit.wire.genesys import (
    MAX_EPOCH,
    epoch_from_utc,
    group_state_payload,
    group_state_request,
    parse_group_state,
    report_payload,
    seconds_from_time,
    time_from_seconds,
    utc_from_epoch,
)

DATA = Path(__file__).parent / "data"
AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def golden(name: str) -> dict[str, Any]:
    """A golden payload from tests/data."""
    data: dict[str, Any] = json.loads((DATA / f"genesys_{name}.json").read_text())
    return data


GOLDEN = [
    "load",
    "start_predictive",
    "start_preview",
    "stop",
    "calls_drained",
    "unload",
    "force_unload",
    "dial_mode",
    "periodic",
    "draft_2018",
]


def assert_same(a: Any, b: Any) -> None:
    """Equal JSON, key order and number types (600 is not 600.0) included."""
    assert json.dumps(a) == json.dumps(b)


# --- 1. numbers keep the form received ----------------------------------------------


def test_the_pages_600_stays_an_int_and_600_0_a_float() -> None:
    """'"GSW_STAT_TIME_TO_COMPLETE": 600 // Complete in 10 minutes'."""
    as_int = {**golden("periodic"), "GSW_STAT_TIME_TO_COMPLETE": 600}
    stats = parse_group_state(as_int).stats
    assert stats is not None
    assert type(stats.time_to_complete) is int
    assert stats.time_to_complete == 600
    as_float = {**golden("periodic"), "GSW_STAT_TIME_TO_COMPLETE": 600.0}
    stats = parse_group_state(as_float).stats
    assert stats is not None
    assert type(stats.time_to_complete) is float
    assert_same(report_payload(parse_group_state(as_int)), as_int)
    assert_same(report_payload(parse_group_state(as_float)), as_float)


def test_an_integer_figure_over_64_bits_is_refused() -> None:
    """The wire's numbers are 64-bit: a bigger integer figure is a DecodeError."""
    body = {**golden("periodic"), "GSW_STAT_BUSY_FACTOR": 2**63}
    with pytest.raises(DecodeError) as info:
        parse_group_state(body)
    assert [path for path, _ in info.value.errors] == ["GSW_STAT_BUSY_FACTOR"]


# --- 2. report_payload --------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN)
def test_report_payload_gives_back_every_golden_body(name: str) -> None:
    """report_payload(parse_group_state(body)) == body, key order included."""
    body = golden(name)
    assert_same(report_payload(parse_group_state(body)), body)


def test_a_2018_body_is_written_back_with_2018_names() -> None:
    """The draft's GSW_CAMPAIGN_GROUP_GUID and _STATE come back as they came."""
    body = golden("draft_2018")
    out = report_payload(parse_group_state(body))
    assert "GSW_CAMPAIGN_GROUP_GUID" in out
    assert "GSW_CAMPAIGN_GROUP_STATE" in out
    assert "GSW_CAMPAIGN_GROUP_UUID" not in out
    assert "GSW_USER_EVENT" not in out
    assert list(out)[-1] == "GSW_DATE_TIME"


def test_unknown_keys_order_and_texts_come_back() -> None:
    """Unknown keys, another order, a partial set of figures, long texts."""
    body = golden("periodic")
    body["GSW_CALLING_LISTS"] = [
        {"GSW_STAT_HIT_RATIO": 0.25, "GSW_CALLING_LIST_NAME": "Renewals"}
    ]
    del body["GSW_STAT_HIT_RATIO"]
    body = {"GSW_NEW": {"a": [1, 2.5]}, **dict(reversed(body.items()))}
    body["GSW_DATE_TIME"] = "01772357410.1239"
    body["GSW_CAMPAIGN_GROUP_DBID"] = "0101"
    report = parse_group_state(body)
    assert report.campaign_group_dbid == 101
    assert_same(report_payload(report), body)


def test_both_spellings_and_an_empty_list_come_back() -> None:
    """A current body that also has a draft name, and an empty GSW_CALLING_LISTS."""
    body = {**golden("load"), "GSW_CAMPAIGN_GROUP_GUID": "old", "GSW_CALLING_LISTS": []}
    assert_same(report_payload(parse_group_state(body)), body)


def test_a_written_payload_needs_no_layout() -> None:
    """What campaignkit writes is the writer's own layout: nothing extra to keep."""
    report = parse_group_state(golden("start_predictive"))
    assert len(report.layout) == 0


def test_a_changed_time_is_written_in_the_writers_form() -> None:
    """A kept text is written only while it still names the report's time."""
    body = {**golden("load"), "GSW_DATE_TIME": "1772357400.1234"}
    report = parse_group_state(body)
    moved = attrs.evolve(report, at=report.at + dt.timedelta(seconds=1))
    assert report_payload(moved)["GSW_DATE_TIME"] == "1772357401.123"


def test_a_kept_order_skips_a_key_whose_value_is_gone() -> None:
    """A kept order is authoritative: a key whose value was removed is not written."""
    body = golden("draft_2018")  # has GSW_DIAL_MODE, and a kept order
    report = attrs.evolve(parse_group_state(body), dial_mode=None)
    assert "GSW_DIAL_MODE" not in report_payload(report)


@given(st.sampled_from(GOLDEN), st.randoms(use_true_random=False))
def test_any_order_of_any_golden_body_round_trips(name: str, rnd: Any) -> None:
    """Shuffled keys (and shuffled list entries' keys) come back as received."""
    body = golden(name)
    items = list(body.items())
    rnd.shuffle(items)
    shuffled = dict(items)
    for entry in shuffled.get("GSW_CALLING_LISTS", []):
        entry_items = list(entry.items())
        rnd.shuffle(entry_items)
        entry.clear()
        entry.update(entry_items)
    assert_same(report_payload(parse_group_state(shuffled)), shuffled)


# --- 3. 2018 drafts without a campaign name -----------------------------------------


def test_a_draft_without_campaign_name_is_read_from_the_group_name() -> None:
    """Draft: GSW_CAMPAIGN_NAME 'Yes (if present in configuration)'."""
    body = golden("draft_2018")
    del body["GSW_CAMPAIGN_NAME"]
    report = parse_group_state(body)
    assert report.campaign_name == "Spring"  # from "Spring@Sales" and "Sales"
    assert_same(report_payload(report), body)


def test_a_draft_whose_group_name_does_not_give_the_campaign_reads_none() -> None:
    """When GSW_CAMPAIGN_GROUP_NAME does not end in @<GSW_GROUP_NAME>: None."""
    body = golden("draft_2018")
    del body["GSW_CAMPAIGN_NAME"]
    body["GSW_CAMPAIGN_GROUP_NAME"] = "Spring Sales"
    report = parse_group_state(body)
    assert report.campaign_name is None
    assert_same(report_payload(report), body)


def test_a_current_body_still_needs_the_campaign_name() -> None:
    """The current page: GSW_CAMPAIGN_NAME String, Required: Yes."""
    body = golden("load")
    del body["GSW_CAMPAIGN_NAME"]
    with pytest.raises(DecodeError, match="GSW_CAMPAIGN_NAME: required key missing"):
        parse_group_state(body)


# --- 4. force unload's action -------------------------------------------------------


def test_force_unload_is_written_with_the_pages_unload_value() -> None:
    """'Use CMMessageType enum values CM_ReqLoadCampaign, CM_ReqUnloadCampaign, ...'."""
    group = CampaignGroup(
        campaign_name="Spring", group_name="Sales", status=GroupStatus.RUNNING
    )
    event = lifecycle.force_unload(group, at=AT).events[-1]
    assert event.action is GroupAction.FORCE_UNLOAD
    payload = group_state_payload(event)
    assert payload["GSW_CAMPAIGN_GROUP_ACTION"] == GroupAction.UNLOAD == 8
    assert payload["GSW_CAMPAIGN_GROUP_ACTION"] in {7, 8, 9, 10, 11}
    # A body that says 29 is still read.
    report = parse_group_state({**payload, "GSW_CAMPAIGN_GROUP_ACTION": 29})
    assert report.action is GroupAction.FORCE_UNLOAD


# --- 5. "active" groups -------------------------------------------------------------


@pytest.mark.parametrize("status", list(GroupStatus))
def test_active_groups_are_the_loaded_ones(status: GroupStatus) -> None:
    """'OCS can also periodically send data about active Campaign Groups'.

    campaignkit reads *active* as *loaded*: every status but NotLoaded, so a group
    waiting to unload (its calls still ending) keeps being reported.
    """
    group = CampaignGroup(campaign_name="Spring", group_name="Sales", status=status)
    due = periodic_due([group], now=AT, last_sent={})
    assert bool(due) is (status is not GroupStatus.NOT_LOADED)


# --- empty names --------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["GSW_CAMPAIGN_NAME", "GSW_GROUP_NAME", "GSW_CAMPAIGN_GROUP_NAME"]
)
def test_an_empty_name_is_refused(key: str) -> None:
    """The models refuse empty names; so does the reader, at the wire key."""
    with pytest.raises(DecodeError) as info:
        parse_group_state({**golden("load"), key: ""})
    assert [path for path, _ in info.value.errors] == [key]


# --- the request --------------------------------------------------------------------


def test_group_state_request_is_the_post_ocs_sends() -> None:
    """'communicated to the Web or Application server using HTTP POST', JSON body."""
    group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    event = lifecycle.load(group, at=AT).events[0]
    request = group_state_request(event, "https://reports.example/ocs")
    assert isinstance(request, HttpRequest)
    assert request.method == "POST"
    assert request.url == "https://reports.example/ocs"
    assert dict(request.headers) == {"Content-Type": "application/json"}
    assert json.loads(request.body) == group_state_payload(event)
    assert list(json.loads(request.body)) == list(group_state_payload(event))


# --- the epoch helpers live here ----------------------------------------------------


def test_epoch_and_seconds_helpers() -> None:
    """Genesys times: epoch seconds and seconds since midnight, both ways."""
    last = utc_from_epoch(MAX_EPOCH)
    assert last == dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    assert epoch_from_utc(last) == MAX_EPOCH
    assert time_from_seconds(seconds_from_time(dt.time(8, 30, 15))) == dt.time(
        8, 30, 15
    )
    plus_one = dt.timezone(dt.timedelta(hours=1))
    assert epoch_from_utc(dt.datetime(1970, 1, 1, 1, tzinfo=plus_one)) == 0


@pytest.mark.parametrize(
    ("convert", "value"),
    [
        (utc_from_epoch, -1),
        (utc_from_epoch, MAX_EPOCH + 1),
        (epoch_from_utc, dt.datetime(2026, 1, 1)),
        (time_from_seconds, 86_400),
        (time_from_seconds, -1),
    ],
)
def test_epoch_helpers_refuse_out_of_range_values(convert: Any, value: Any) -> None:
    """Values out of range (or a naive time) are ValidationErrors."""
    with pytest.raises(ValidationError):
        convert(value)


# Values a body may validly hold, per key: the writer's and the page's alternatives.
VALID = {
    "GSW_DATE_TIME": st.sampled_from(["0", "1772357400", "1772357400.1", "-1.9999"]),
    "GSW_CAMPAIGN_GROUP_DBID": st.sampled_from(["", "0", "007", "9223372036854775807"]),
    "GSW_CAMPAIGN_GROUP_UUID": st.sampled_from(["", "x"]),
    "GSW_QUEUE_NAME": st.sampled_from(["", "7001"]),
    "GSW_CAMPAIGN_TEMPLATE_NAME": st.sampled_from(["", "T"]),
    "GSW_DIAL_MODE": st.integers(0, 11),
    "GSW_OPTIMIZE_BY": st.integers(0, 5),
    "GSW_OPTIMIZE_GOAL": st.integers(0, 2**63 - 1),
    "GSW_CAMPAIGN_GROUP_ACTION": st.sampled_from([0, 7, 8, 9, 10, 11, 29, 36]),
    **{
        key: st.none()
        | st.integers(0, 2**63 - 1)
        | st.floats(min_value=0, allow_infinity=False)
        for key in (
            "GSW_STAT_BUSY_FACTOR",
            "GSW_STAT_HIT_RATIO",
            "GSW_STAT_OVERDIAL_RATE",
            "GSW_STAT_TIME_TO_COMPLETE",
        )
    },
    "GSW_NEW": st.recursive(
        st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text(max_size=4), inner, max_size=3)
        ),
        max_leaves=6,
    ),
}
OPTIONAL = [
    "GSW_CAMPAIGN_TEMPLATE_NAME",
    "GSW_DIAL_MODE",
    "GSW_OPTIMIZE_BY",
    "GSW_OPTIMIZE_GOAL",
    "GSW_STAT_BUSY_FACTOR",
    "GSW_STAT_HIT_RATIO",
    "GSW_STAT_OVERDIAL_RATE",
    "GSW_STAT_TIME_TO_COMPLETE",
    "GSW_CALLING_LISTS",
]


@st.composite
def valid_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """A golden body with valid values changed, optional keys dropped, reordered."""
    body = golden(draw(st.sampled_from(GOLDEN)))
    for key in draw(st.lists(st.sampled_from(sorted(VALID)), max_size=5)):
        if key in body or key.startswith("GSW_NEW") or key in OPTIONAL:
            body[key] = draw(VALID[key])
    for key in draw(st.lists(st.sampled_from(OPTIONAL), max_size=3)):
        body.pop(key, None)
    items = draw(st.permutations(list(body.items())))
    return dict(items)


@given(valid_bodies())
def test_report_payload_gives_back_any_valid_body(body: dict[str, Any]) -> None:
    """report_payload(parse_group_state(body)) == body, as JSON text."""
    assert_same(report_payload(parse_group_state(copy.deepcopy(body))), body)
