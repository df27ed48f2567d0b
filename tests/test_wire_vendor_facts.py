"""Facts from the pages: every concrete fact in the five vendor pages, checked.

Issue 15 asks for each vendor page (``/work/shared/seeds``) to be read fully and
every concrete fact in it (field names, types, enum values, defaults, units,
required/optional, examples) to be checked against campaignkit. Each fact below is
one test: its id names the page, its docstring (the ``quote``) gives the page's own
words, and its check exercises campaignkit the way the page says. Facts where
campaignkit reads the page one way of several are listed in the "where we differ
from the page" section of ``docs/wire-*.md``; here they are checked as documented.

Pages: 000 Stat Server campaign objects; 001 OCS Campaign Group Status Reporting
(current); 002 the same page, April 2018 draft; 003 VoIPbin campaign; 004 8x8 CC
Managing Campaign Status.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from campaignkit import (
    Actor,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    CampaignStatus,
    CampaignType,
    DecodeError,
    DialMode,
    EndHandle,
    GroupAction,
    GroupSnapshot,
    GroupStats,
    GroupStatus,
    ListStats,
    OptimizeBy,
    RequestedStatus,
    TransitionNotAllowed,
    ValidationError,
    lifecycle,
    pacing,
)
from campaignkit.naming import parse_stat_server_name
from campaignkit.notify import periodic_due
from campaignkit.wire import eightbyeight as e8
from campaignkit.wire import genesys as gen
from campaignkit.wire import voipbin as vb

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)

# --- the pages' own examples, copied from the pages ---------------------------------

VOIPBIN_EXAMPLE = """{
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
                "text": "Hello. This is outbound campaign's test calling. Please wait until the agent answer the call. Thank you.",
                "gender": "female",
                "language": "en-US"
            }
        }
    ],
    "outplan_id": "d5fb7357-7ddb-4f2d-87b5-8ccbfd6c039e",
    "outdial_id": "40bea034-1d17-474d-a5de-da00d0861c69",
    "queue_id": "99bf739a-932f-433c-b1bf-103d33d7e9bb",
    "next_campaign_id": "00000000-0000-0000-0000-000000000000",
    "tm_create": "2022-04-28 02:16:39.712142",
    "tm_update": "2022-04-30 17:53:51.685259",
    "tm_delete": "9999-01-01 00:00:00.000000"
}"""  # noqa: E501

EIGHT_EXAMPLE = """{
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
"sequential": "N"
}
}"""

# A current CampaignGroupState body, built from the page's table (001).
CURRENT = {
    "GSW_USER_EVENT": "CampaignGroupState",
    "GSW_DATE_TIME": "1772357400.123",
    "GSW_TENANT_NAME": "Unknown",
    "GSW_TENANT_CCID": "Unknown",
    "GSW_CAMPAIGN_GROUP_NAME": "Spring@Sales",
    "GSW_CAMPAIGN_GROUP_UUID": "6f1c2b7e-3d4a-4e59-9a8b-0c1d2e3f4a5b",
    "GSW_CAMPAIGN_GROUP_DBID": "101",
    "GSW_GROUP_NAME": "Sales",
    "GSW_CAMPAIGN_NAME": "Spring",
    "GSW_CAMPAIGN_TEMPLATE_NAME": "Outbound default",
    "GSW_QUEUE_NAME": "7001",
    "GSW_DIAL_MODE": 1,
    "GSW_OPTIMIZE_BY": 1,
    "GSW_OPTIMIZE_GOAL": 80,
    "GSW_CAMPAIGN_GROUP_STATUS": 5,
    "GSW_CAMPAIGN_GROUP_ACTION": 9,
    "GSW_CAMPAIGN_GROUP_ACTOR": 1,
    "GSW_STAT_BUSY_FACTOR": 0.85,
    "GSW_STAT_HIT_RATIO": 0.3,
    "GSW_STAT_OVERDIAL_RATE": 0.02,
    "GSW_STAT_TIME_TO_COMPLETE": 600,
}

# The same state change in the 2018 draft's table order and names (002).
DRAFT = {
    "GSW_TENANT_NAME": "undefined",
    "GSW_TENANT_CCID": "acme-eu-1",
    "GSW_CAMPAIGN_GROUP_NAME": "Spring@Sales",
    "GSW_CAMPAIGN_GROUP_GUID": "6f1c2b7e-3d4a-4e59-9a8b-0c1d2e3f4a5b",
    "GSW_GROUP_NAME": "Sales",
    "GSW_CAMPAIGN_NAME": "Spring",
    "GSW_QUEUE_NAME": "7001",
    "GSW_CAMPAIGN_GROUP_STATE": 3,
    "GSW_CAMPAIGN_GROUP_ACTION": 7,
    "GSW_CAMPAIGN_GROUP_ACTOR": 1,
    "GSW_DATE_TIME": "1524768780.250",
}


def current(**changes: Any) -> dict[str, Any]:
    """A copy of the current body; a value of ``...`` deletes the key."""
    body = {**copy.deepcopy(CURRENT), **changes}
    return {k: v for k, v in body.items() if v is not ...}


def draft(**changes: Any) -> dict[str, Any]:
    """A copy of the draft body; a value of ``...`` deletes the key."""
    body = {**DRAFT, **changes}
    return {k: v for k, v in body.items() if v is not ...}


def voipbin(**changes: Any) -> dict[str, Any]:
    """The VoIPbin page's example, with changes."""
    body: dict[str, Any] = json.loads(VOIPBIN_EXAMPLE)
    body.update(changes)
    return body


def eight(**changes: Any) -> dict[str, Any]:
    """The 8x8 page's status response, with changes to the campaign object."""
    body: dict[str, Any] = json.loads(EIGHT_EXAMPLE)
    body["campaign"].update(changes)
    return body


def refused_at(decode: Callable[[Any], Any], body: Any, key: str) -> None:
    """``decode(body)`` is a DecodeError naming ``key`` (and only it)."""
    with pytest.raises(DecodeError) as info:
        decode(body)
    assert [path for path, _ in info.value.errors] == [key]


def group(status: GroupStatus = GroupStatus.NOT_LOADED, **kw: Any) -> CampaignGroup:
    """The Spring@Sales group in a status."""
    return CampaignGroup(
        campaign_name="Spring", group_name="Sales", status=status, **kw
    )


def action_of(transition: Any) -> int:
    """The GSW_CAMPAIGN_GROUP_ACTION written for a transition's first event."""
    payload = gen.group_state_payload(transition.events[0])
    return payload["GSW_CAMPAIGN_GROUP_ACTION"]  # type: ignore[no-any-return]


FACTS: list[Any] = []


def fact(page: str, quote: str, *, choice: bool = False) -> Callable[[Any], Any]:
    """Register a check of one fact; ``choice`` marks one documented as a choice."""

    def register(check: Callable[[], None]) -> Callable[[], None]:
        name = f"{page}-{check.__name__}" + ("-choice" if choice else "")
        check.__doc__ = quote
        FACTS.append(pytest.param(check, id=name))
        return check

    return register


# === 000 Stat Server: campaign objects ==============================================


@fact("000", "Campaign - CampaignGroup - CallingList - CampaignCallingList")
def four_object_types() -> None:
    assert [k.value for k in gen.StatServerObjectKind] == [
        "Campaign",
        "CampaignGroup",
        "CallingList",
        "CampaignCallingList",
    ]


@fact("000", "must be named campaign@groupname")
def group_named_campaign_at_group() -> None:
    assert group().stat_server_name == "Spring@Sales"


@fact("000", "... and campaign@callinglist, respectively")
def calling_list_named_campaign_at_list() -> None:
    ccl = CampaignCallingList(campaign_name="Spring", calling_list_name="Renewals")
    assert ccl.stat_server_name == "Spring@Renewals"


@fact("000", "these objects must have the same names as Configuration Layer's")
def campaign_and_list_keep_their_names() -> None:
    ccl = CampaignCallingList(campaign_name="Spring", calling_list_name="Renewals")
    spring = Campaign(id="1", name="Spring", calling_lists=(ccl,))
    names = {o.kind.value: o.name for o in gen.stat_server_objects(spring, [])}
    assert names["Campaign"] == "Spring"
    assert names["CallingList"] == "Renewals"


@fact(
    "000",
    "Configuration Server allows an arbitrary name for a CampaignGroup, however, "
    "Stat Server only recognizes a CampaignGroup, named as "
    "<campaign name>@<group name>",
)
def arbitrary_group_name_but_stat_server_name() -> None:
    sales = group(name="Outbound sales 2026")
    assert sales.name == "Outbound sales 2026"
    spring = Campaign(id="1", name="Spring")
    kinds = gen.stat_server_objects(spring, [sales])
    assert [o.name for o in kinds] == ["Spring", "Spring@Sales"]


@fact(
    "000",
    "Stat Server provides statistics on groups of agents or groups of places; "
    "<group name> is the name of the group (agent group or place group)",
)
def groups_of_agents_or_places() -> None:
    from campaignkit import GroupKind

    assert [k.value for k in GroupKind] == ["agents", "places"]
    places = group(kind=GroupKind.PLACES)
    assert places.stat_server_name == "Spring@Sales"


@fact("000", "<campaign name> is the name of the campaign (item 10: '@' allowed)")
def campaign_name_with_at_everywhere() -> None:
    ccl = CampaignCallingList(campaign_name="a@b", calling_list_name="L")
    g = CampaignGroup(campaign_name="a@b", group_name="g")
    c = Campaign(id="1", name="a@b", calling_lists=(ccl,))
    assert [o.name for o in gen.stat_server_objects(c, [g])] == [
        "a@b",
        "a@b@g",
        "L",
        "a@b@L",
    ]
    with pytest.raises(ValidationError, match="one '@'"):
        parse_stat_server_name("a@b@g")  # ambiguous: refused where it arises


# === 001 OCS: Campaign Group Status Reporting (current) =============================


@fact(
    "001", "The data is communicated to the Web or Application server using HTTP POST"
)
def sent_by_http_post() -> None:
    event = lifecycle.load(group(), at=AT).events[0]
    request = gen.group_state_request(event, "https://reports.example/ocs")
    assert request.method == "POST"
    assert json.loads(request.body)["GSW_USER_EVENT"] == "CampaignGroupState"


@fact(
    "001",
    "Campaign Group loaded / started / stopped / unloaded / dial mode change; "
    "Use CMMessageType enum values CM_ReqLoadCampaign, CM_ReqUnloadCampaign, "
    "CM_ReqStartDialing, CM_ReqStopDialing, or CM_ReqSetDialingMode",
)
def five_reported_changes_and_their_actions() -> None:
    loaded = lifecycle.load(group(), at=AT)
    started = lifecycle.start(loaded.after, at=AT, dial_mode=DialMode.PREDICTIVE)
    changed = lifecycle.set_dial_mode(started.after, DialMode.PROGRESSIVE, at=AT)
    stopped = lifecycle.stop(changed.after, at=AT)
    unloaded = lifecycle.unload(stopped.after, at=AT)
    assert [action_of(t) for t in (loaded, unloaded, started, stopped, changed)] == [
        7,
        8,
        9,
        10,
        11,
    ]
    assert [a.name for a in GroupAction][:5] == [
        "LOAD",
        "UNLOAD",
        "START_DIALING",
        "STOP_DIALING",
        "SET_DIALING_MODE",
    ]


@fact(
    "001",
    "GSW_CAMPAIGN_GROUP_ACTION ... Use CMMessageType enum values CM_ReqLoadCampaign, "
    "CM_ReqUnloadCampaign ... (force unload written as 8)",
    choice=True,
)
def force_unload_written_as_unload() -> None:
    running = group(GroupStatus.RUNNING)
    assert action_of(lifecycle.force_unload(running, at=AT)) == 8


@fact(
    "001",
    "(complete: OCS's own stop and unload, 'per internal Campaign Group condition') "
    "are written with the page's values, actor 3 -- Self",
)
def completion_uses_the_pages_values() -> None:
    done = lifecycle.complete(group(GroupStatus.RUNNING), at=AT)
    payloads = [gen.group_state_payload(e) for e in done.events]
    assert [p["GSW_CAMPAIGN_GROUP_ACTION"] for p in payloads] == [10, 8]
    assert {p["GSW_CAMPAIGN_GROUP_ACTOR"] for p in payloads} == {3}


@fact(
    "001",
    "OCS can also periodically send data about active Campaign Groups "
    "('active' read as loaded)",
    choice=True,
)
def periodic_reports_for_loaded_groups() -> None:
    groups = [group(s) for s in GroupStatus]
    due = periodic_due(groups, now=AT, last_sent={})
    assert [g.status for g in due] == [s for s in GroupStatus if s.value > 0]


@fact("001", "campaigngroup-states-interval ... (the default is 10 seconds)")
def periodic_default_interval_is_10_seconds() -> None:
    g = group(GroupStatus.RUNNING)
    name = g.name
    assert (
        periodic_due([g], now=AT, last_sent={name: AT - dt.timedelta(seconds=9)}) == ()
    )
    assert periodic_due([g], now=AT, last_sent={name: AT - dt.timedelta(seconds=10)})


@fact("001", "81000 TRACE Sending HTTP status notification CampaignGroupState ...")
def log_message_ids() -> None:
    from campaignkit import notify

    assert notify.GROUP_STATE_MESSAGE_ID == 81000
    assert notify.PERIODIC_MESSAGE_ID == 81001


@fact(
    "001",
    "81000 TRACE Sending HTTP status notification CampaignGroupState for Campaign "
    "Group %s to %s; 81001 TRACE Sending periodic HTTP status notification "
    "CampaignGroupState for Campaign Group %s to %s",
)
def log_message_texts() -> None:
    from campaignkit.notify import LoggingNotifier

    records: list[logging.LogRecord] = []
    logger = logging.getLogger("campaignkit.tests.vendor_facts")
    logger.setLevel(logging.DEBUG)
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        notifier = LoggingNotifier(logger, "https://reports.example/ocs")
        notifier.notify(lifecycle.load(group(), at=AT).events[0])
        notifier.notify(GroupSnapshot(group=group(GroupStatus.INACTIVE), at=AT))
    finally:
        logger.removeHandler(handler)
    assert [(r.getMessage(), r.message_id) for r in records] == [  # type: ignore[attr-defined]
        (
            "Sending HTTP status notification CampaignGroupState for Campaign "
            "Group Spring@Sales to https://reports.example/ocs",
            81000,
        ),
        (
            "Sending periodic HTTP status notification CampaignGroupState for "
            "Campaign Group Spring@Sales to https://reports.example/ocs",
            81001,
        ),
    ]


@fact(
    "001",
    "GSW_CAMPAIGN_GROUP_NAME String Yes (the configured name: 'Configuration Server "
    "allows an arbitrary name for a CampaignGroup')",
)
def group_name_is_the_configured_name() -> None:
    g = group(name="Outbound 2026")
    payload = gen.group_state_payload(lifecycle.load(g, at=AT).events[0])
    assert payload["GSW_CAMPAIGN_GROUP_NAME"] == "Outbound 2026"
    assert payload["GSW_GROUP_NAME"] == "Sales"
    assert payload["GSW_CAMPAIGN_NAME"] == "Spring"


STAT_EXAMPLES = [
    ("GSW_STAT_BUSY_FACTOR", 0.85, "busy_factor"),
    ("GSW_STAT_HIT_RATIO", 0.3, "hit_ratio"),
    ("GSW_STAT_OVERDIAL_RATE", 0.02, "overdial_rate"),
    ("GSW_STAT_TIME_TO_COMPLETE", 600, "time_to_complete"),
]


def _stat_example(key: str, value: float, field: str) -> Callable[[], None]:
    def check() -> None:
        body = current(**{key: value})
        stats = parse_stat(body)
        assert getattr(stats, field) == value
        assert type(getattr(stats, field)) is type(value)  # 600 stays an int
        assert json.dumps(gen.report_payload(gen.parse_group_state(body))) == (
            json.dumps(body)
        )

    check.__name__ = f"{key.lower()}_example_{value}"
    return check


def _stat_null(key: str, field: str) -> Callable[[], None]:
    def check() -> None:
        stats = parse_stat(current(**{key: None}))
        assert getattr(stats, field) is None

    check.__name__ = f"{key.lower()}_may_be_null"
    return check


def _stat_negative(key: str) -> Callable[[], None]:
    def check() -> None:
        refused_at(gen.parse_group_state, current(**{key: -1}), key)

    check.__name__ = f"{key.lower()}_is_non_negative"
    return check


def parse_stat(body: dict[str, Any]) -> GroupStats:
    """The report's group statistics (there are some)."""
    stats = gen.parse_group_state(body).stats
    assert stats is not None
    return stats


for _key, _value, _field in STAT_EXAMPLES:
    fact("001", f'"{_key}": {_value} (Non-negative numeric)')(
        _stat_example(_key, _value, _field)
    )
    fact("001", f'"{_key}": null')(_stat_null(_key, _field))
    fact("001", f"{_key} Type: Non-negative numeric or null")(_stat_negative(_key))


@fact(
    "001",
    "GSW_STAT_BUSY_FACTOR: 0.85 // 85% Agent Busy Factor (a fraction, not a percent)",
)
def busy_factor_is_a_fraction() -> None:
    stats = GroupStats(busy_factor=0.85)
    assert stats.busy_factor == 0.85
    with pytest.raises(ValidationError):
        GroupStats(busy_factor=-0.85)  # non-negative; no upper bound on the page


@fact("001", '"GSW_STAT_TIME_TO_COMPLETE": 600 // Complete in 10 minutes (seconds)')
def time_to_complete_in_seconds() -> None:
    group_ = group(GroupStatus.RUNNING, dial_mode=DialMode.PREVIEW)
    snap = GroupSnapshot(
        group=group_, stats=GroupStats(time_to_complete=600), list_stats=(), at=AT
    )
    assert gen.group_state_payload(snap)["GSW_STAT_TIME_TO_COMPLETE"] == 600


@fact(
    "001",
    "Level: GSW_STAT_HIT_RATIO and _TIME_TO_COMPLETE: Campaign Group, Calling List(s); "
    "BUSY_FACTOR and OVERDIAL_RATE: Campaign Group",
)
def list_level_figures() -> None:
    fields = {a.name for a in attrs.fields(ListStats)}
    assert {"hit_ratio", "time_to_complete"} <= fields
    assert not {"busy_factor", "overdial_rate"} & fields


@fact(
    "001", "(the per-list JSON shape is not published: GSW_CALLING_LISTS)", choice=True
)
def calling_lists_shape_is_ours() -> None:
    snap = GroupSnapshot(
        group=group(GroupStatus.RUNNING, dial_mode=DialMode.PREVIEW),
        list_stats=(ListStats(calling_list_name="Renewals", hit_ratio=0.3),),
        at=AT,
    )
    assert gen.group_state_payload(snap)["GSW_CALLING_LISTS"] == [
        {
            "GSW_CALLING_LIST_NAME": "Renewals",
            "GSW_STAT_HIT_RATIO": 0.3,
            "GSW_STAT_TIME_TO_COMPLETE": None,
        }
    ]


@fact("001", "GSW_USER_EVENT String Yes Set to CampaignGroupState.")
def user_event() -> None:
    assert gen.USER_EVENT == "CampaignGroupState"
    payload = gen.group_state_payload(lifecycle.load(group(), at=AT).events[0])
    assert payload["GSW_USER_EVENT"] == "CampaignGroupState"
    refused_at(gen.parse_group_state, current(GSW_USER_EVENT="Other"), "GSW_USER_EVENT")


@fact(
    "001",
    "GSW_DATE_TIME String Yes Timestamp when action occurred; UTC time as seconds, "
    "with msec precision.",
)
def date_time_is_utc_seconds_with_msec() -> None:
    at = dt.datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=dt.UTC)
    event = lifecycle.load(group(), at=at).events[0]
    assert gen.group_state_payload(event)["GSW_DATE_TIME"] == "1772357400.123"
    report = gen.parse_group_state(current())
    assert report.at == dt.datetime(2026, 3, 1, 9, 30, 0, 123000, tzinfo=dt.UTC)
    refused_at(
        gen.parse_group_state, current(GSW_DATE_TIME=1772357400.123), "GSW_DATE_TIME"
    )


@fact("001", "GSW_TENANT_NAME String Yes Defaults to Unknown if not set.")
def tenant_name_defaults_to_unknown() -> None:
    payload = gen.group_state_payload(lifecycle.load(group(), at=AT).events[0])
    assert payload["GSW_TENANT_NAME"] == "Unknown"


@fact("001", "GSW_TENANT_CCID String Yes Defaults to Unknown if not set.")
def tenant_ccid_defaults_to_unknown() -> None:
    payload = gen.group_state_payload(lifecycle.load(group(), at=AT).events[0])
    assert payload["GSW_TENANT_CCID"] == "Unknown"


REQUIRED = [
    "GSW_DATE_TIME",
    "GSW_TENANT_NAME",
    "GSW_TENANT_CCID",
    "GSW_CAMPAIGN_GROUP_NAME",
    "GSW_CAMPAIGN_GROUP_UUID",
    "GSW_CAMPAIGN_GROUP_DBID",
    "GSW_GROUP_NAME",
    "GSW_CAMPAIGN_NAME",
    "GSW_QUEUE_NAME",
    "GSW_CAMPAIGN_GROUP_STATUS",
    "GSW_CAMPAIGN_GROUP_ACTION",
    "GSW_CAMPAIGN_GROUP_ACTOR",
]
STRINGS = [k for k in REQUIRED[:9] if k != "GSW_DATE_TIME"] + [
    "GSW_CAMPAIGN_TEMPLATE_NAME"
]
INTEGERS = [
    "GSW_DIAL_MODE",
    "GSW_OPTIMIZE_BY",
    "GSW_OPTIMIZE_GOAL",
    "GSW_CAMPAIGN_GROUP_STATUS",
    "GSW_CAMPAIGN_GROUP_ACTION",
    "GSW_CAMPAIGN_GROUP_ACTOR",
]


def _required(key: str) -> Callable[[], None]:
    def check() -> None:
        with pytest.raises(DecodeError, match=f"{key}: required key missing"):
            gen.parse_group_state(current(**{key: ...}))
        payload = gen.group_state_payload(lifecycle.load(group(), at=AT).events[0])
        assert key in payload  # "All mandatory fields are sent"

    check.__name__ = f"{key.lower()}_is_required"
    return check


def _string(key: str) -> Callable[[], None]:
    def check() -> None:
        refused_at(gen.parse_group_state, current(**{key: 7}), key)

    check.__name__ = f"{key.lower()}_is_a_string"
    return check


def _integer(key: str) -> Callable[[], None]:
    def check() -> None:
        refused_at(gen.parse_group_state, current(**{key: "1"}), key)

    check.__name__ = f"{key.lower()}_is_an_integer"
    return check


for _key in REQUIRED:
    fact("001", f"{_key} ... Required: Yes")(_required(_key))
for _key in STRINGS:
    fact("001", f"{_key} Type: String")(_string(_key))
for _key in INTEGERS:
    fact("001", f"{_key} Type: Integer")(_integer(_key))


@fact("001", "GSW_CAMPAIGN_GROUP_UUID String Yes Unique UUID for Campaign Group")
def group_uuid_is_the_groups_uuid() -> None:
    g = group(uuid="6f1c2b7e-3d4a-4e59-9a8b-0c1d2e3f4a5b")
    payload = gen.group_state_payload(lifecycle.load(g, at=AT).events[0])
    assert payload["GSW_CAMPAIGN_GROUP_UUID"] == g.uuid


@fact(
    "001",
    "GSW_CAMPAIGN_GROUP_DBID String Yes Unique DBID for Campaign Group "
    "(a string on the wire, an int in the model)",
)
def group_dbid_is_a_string_on_the_wire() -> None:
    payload = gen.group_state_payload(lifecycle.load(group(dbid=101), at=AT).events[0])
    assert payload["GSW_CAMPAIGN_GROUP_DBID"] == "101"
    assert gen.parse_group_state(current()).campaign_group_dbid == 101
    refused_at(
        gen.parse_group_state,
        current(GSW_CAMPAIGN_GROUP_DBID=101),
        "GSW_CAMPAIGN_GROUP_DBID",
    )


@fact("001", "GSW_CAMPAIGN_TEMPLATE_NAME String Yes, if present in configuration")
def template_name_only_when_configured() -> None:
    report = gen.parse_group_state(current(GSW_CAMPAIGN_TEMPLATE_NAME=...))
    assert report.campaign_template_name is None
    load = lifecycle.load(group(), at=AT).events[0]
    assert "GSW_CAMPAIGN_TEMPLATE_NAME" not in gen.group_state_payload(load)
    load = lifecycle.load(group(template_name="T"), at=AT).events[0]
    assert gen.group_state_payload(load)["GSW_CAMPAIGN_TEMPLATE_NAME"] == "T"


@fact("001", "GSW_QUEUE_NAME String Yes Name of the Voice Transfer Destination DN.")
def queue_name_is_the_groups_queue() -> None:
    load = lifecycle.load(group(queue_name="7001"), at=AT).events[0]
    assert gen.group_state_payload(load)["GSW_QUEUE_NAME"] == "7001"
    assert gen.parse_group_state(current()).queue_name == "7001"


@fact(
    "001",
    "GSW_DIAL_MODE Integer No Defined only for running Campaign Groups. "
    "Use Enumeration Values for GSW_CM_AttrDialMode.",
)
def dial_mode_only_when_running() -> None:
    loaded = lifecycle.load(group(), at=AT)
    assert "GSW_DIAL_MODE" not in gen.group_state_payload(loaded.events[0])
    started = lifecycle.start(loaded.after, at=AT, dial_mode=DialMode.PROGRESSIVE)
    assert gen.group_state_payload(started.events[0])["GSW_DIAL_MODE"] == 2
    assert gen.parse_group_state(current(GSW_DIAL_MODE=...)).dial_mode is None
    refused_at(gen.parse_group_state, current(GSW_DIAL_MODE=99), "GSW_DIAL_MODE")


@fact(
    "001",
    "GSW_OPTIMIZE_BY Integer No ... Available for Predictive modes only. "
    "GSW_OPTIMIZE_GOAL Integer No Available for Predictive modes only.",
)
def optimization_only_for_predictive() -> None:
    loaded = lifecycle.load(group(), at=AT).after
    preview = lifecycle.start(loaded, at=AT, dial_mode=DialMode.PREVIEW).events[0]
    predictive = lifecycle.start(
        loaded,
        at=AT,
        dial_mode=DialMode.PREDICTIVE,
        optimize_by=OptimizeBy.BUSY_FACTOR,
        optimize_goal=85,
    ).events[0]
    assert "GSW_OPTIMIZE_BY" not in gen.group_state_payload(preview)
    assert "GSW_OPTIMIZE_GOAL" not in gen.group_state_payload(preview)
    written = gen.group_state_payload(predictive)
    assert (written["GSW_OPTIMIZE_BY"], written["GSW_OPTIMIZE_GOAL"]) == (1, 85)
    body = current(GSW_OPTIMIZE_BY=..., GSW_OPTIMIZE_GOAL=...)
    report = gen.parse_group_state(body)
    assert (report.optimize_by, report.optimize_goal) == (None, None)


@fact(
    "001",
    "GSW_CAMPAIGN_GROUP_STATUS Integer Yes "
    "Use Enumeration Values for GSW_CM_AttrGroupCampStatus.",
)
def status_values() -> None:
    for status in GroupStatus:
        assert (
            gen.parse_group_state(current(GSW_CAMPAIGN_GROUP_STATUS=int(status))).status
            is status
        )
    refused_at(
        gen.parse_group_state,
        current(GSW_CAMPAIGN_GROUP_STATUS=6),
        "GSW_CAMPAIGN_GROUP_STATUS",
    )


@fact(
    "001",
    "GSW_CAMPAIGN_GROUP_ACTOR Integer Yes ... Valid values are: 0 (zero) -- Actor "
    "Type unknown 1 -- Actor Type OCS Client",
)
def actor_values_current() -> None:
    assert (Actor.UNKNOWN, Actor.OCS_CLIENT) == (0, 1)
    refused_at(
        gen.parse_group_state,
        current(GSW_CAMPAIGN_GROUP_ACTOR=6),
        "GSW_CAMPAIGN_GROUP_ACTOR",
    )


@fact(
    "001",
    "fields not relevant to the status change or periodic activity scenario are "
    "left unassigned or set to a default value (a periodic report: action, actor 0)",
    choice=True,
)
def periodic_report_action_and_actor_zero() -> None:
    snap = GroupSnapshot(group=group(GroupStatus.INACTIVE), at=AT)
    payload = gen.group_state_payload(snap)
    assert (
        payload["GSW_CAMPAIGN_GROUP_ACTION"],
        payload["GSW_CAMPAIGN_GROUP_ACTOR"],
    ) == (
        0,
        0,
    )
    assert gen.parse_group_state(payload).is_periodic


# === 002 OCS: the April 2018 draft ==================================================


@fact("002", "GSW_CAMPAIGN_GROUP_GUID String Yes")
def draft_guid() -> None:
    report = gen.parse_group_state(draft())
    assert report.campaign_group_uuid == DRAFT["GSW_CAMPAIGN_GROUP_GUID"]


@fact("002", "GSW_CAMPAIGN_GROUP_STATE Integer Yes Use CM_GrpCampState enum values")
def draft_state() -> None:
    assert gen.parse_group_state(draft()).status is GroupStatus.INACTIVE
    refused_at(
        gen.parse_group_state,
        draft(GSW_CAMPAIGN_GROUP_STATE="3"),
        "GSW_CAMPAIGN_GROUP_STATE",
    )


@fact("002", "GSW_TENANT_NAME String Yes Defaults to undefined if not set.")
def draft_tenant_undefined_kept() -> None:
    assert gen.parse_group_state(draft()).tenant_name == "undefined"


@fact(
    "002",
    "GSW_CAMPAIGN_NAME String Yes (if present in configuration)",
    choice=True,
)
def draft_campaign_name_optional() -> None:
    report = gen.parse_group_state(draft(GSW_CAMPAIGN_NAME=...))
    assert report.campaign_name == "Spring"  # from Spring@Sales
    other = draft(GSW_CAMPAIGN_NAME=..., GSW_CAMPAIGN_GROUP_NAME="Outbound")
    assert gen.parse_group_state(other).campaign_name is None


@fact("002", "GSW_CAMPAIGN_TEMPLATE_NAME String Yes (if present in configuration)")
def draft_template_optional() -> None:
    assert gen.parse_group_state(draft()).campaign_template_name is None


@fact("002", "(no GSW_USER_EVENT and no GSW_CAMPAIGN_GROUP_DBID in the draft's table)")
def draft_has_no_user_event_or_dbid() -> None:
    report = gen.parse_group_state(draft())
    assert report.campaign_group_dbid is None
    out = gen.report_payload(report)
    assert "GSW_USER_EVENT" not in out
    assert "GSW_CAMPAIGN_GROUP_DBID" not in out


@fact("002", "GSW_DATE_TIME String Yes (listed last)")
def draft_written_back_in_its_order() -> None:
    out = gen.report_payload(gen.parse_group_state(draft()))
    assert list(out) == list(DRAFT)


@fact(
    "002",
    "2 -- Actor Type COMM Client ... 3 -- Actor Type Self ... 4 -- Actor Type "
    "Schedule ... 5 -- Actor Type Sequence",
)
def draft_actor_values() -> None:
    assert [int(a) for a in Actor] == [0, 1, 2, 3, 4, 5]
    assert [a.name for a in Actor][2:] == [
        "COMM_DN_CLIENT",
        "SELF",
        "SCHEDULE",
        "SEQUENCE",
    ]
    for actor in Actor:
        body = draft(GSW_CAMPAIGN_GROUP_ACTOR=int(actor))
        assert gen.parse_group_state(body).actor is actor


@fact(
    "002",
    "Use CMMessageType enum values CM_ReqLoadCampaign, CM_ReqUnloadCampaign, "
    "CM_ReqStartDialing, CM_ReqStopDialing, or CM_ReqSetDialingMode",
)
def draft_action_values() -> None:
    for action in (7, 8, 9, 10, 11):
        body = draft(GSW_CAMPAIGN_GROUP_ACTION=action)
        assert gen.parse_group_state(body).action == action


@fact("002", "GSW_DIAL_MODE Integer No - Defined only for running Campaign Groups")
def draft_dial_mode_optional() -> None:
    assert gen.parse_group_state(draft()).dial_mode is None
    body = draft(GSW_CAMPAIGN_GROUP_STATE=5, GSW_DIAL_MODE=3)
    assert gen.parse_group_state(body).dial_mode is DialMode.PREVIEW


# === 003 VoIPbin: the campaign resource =============================================


@fact("003", "Example (the whole resource, byte for byte)")
def voipbin_example_round_trips() -> None:
    body = voipbin()
    campaign, grp = vb.decode_campaign(body)
    assert json.dumps(vb.encode_campaign(campaign, grp)) == json.dumps(body)


@fact(
    "003",
    "id, type, name, detail, status, service_level, end_handle, actions, outplan_id, "
    "outdial_id, queue_id, next_campaign_id, tm_create, tm_update, tm_delete",
)
def voipbin_keys_in_the_pages_order() -> None:
    campaign = Campaign(id="5d7e3a51-29c4-4b8e-a0f1-6f3b2c1d0e9a", name="x")
    grp = CampaignGroup(campaign_name="x", group_name=vb.NIL_UUID, name=campaign.id)
    assert list(vb.encode_campaign(campaign, grp)) == list(voipbin())


@fact("003", "(the example shows every key; none is marked optional)", choice=True)
def voipbin_every_key_required() -> None:
    for key in voipbin():
        body = voipbin()
        del body[key]
        with pytest.raises(DecodeError, match=f"{key}: required key missing"):
            vb.decode_campaign(body)


@fact("003", "id: Campaign's ID. name: Campaign's name. detail: Campaign's detail.")
def voipbin_id_name_detail() -> None:
    campaign, _ = vb.decode_campaign(voipbin())
    assert (campaign.id, campaign.name, campaign.detail) == (
        "183c0d5c-691e-42f3-af2b-9bffc2740f83",
        "test campaign",
        "test campaign detail",
    )


@fact("003", "Type: call - make a call with a flow; flow - execute flow")
def voipbin_types() -> None:
    assert [t.value for t in CampaignType] == ["call", "flow"]
    assert vb.decode_campaign(voipbin(type="flow"))[0].type is CampaignType.FLOW
    refused_at(vb.decode_campaign, voipbin(type="sms"), "type")


@fact(
    "003",
    "Status: stop - The campaign stopped. stopping - Waiting for dialing/process "
    "call's termination. run - The campaign is running.",
)
def voipbin_statuses() -> None:
    got = {
        s: vb.decode_campaign(voipbin(status=s))[1].status
        for s in ("run", "stopping", "stop")
    }
    assert got == {
        "run": GroupStatus.RUNNING,
        "stopping": GroupStatus.ACTIVE,
        "stop": GroupStatus.INACTIVE,
    }
    refused_at(vb.decode_campaign, voipbin(status="running"), "status")


@fact("003", '"service_level": 100 (<number>; an integer)', choice=True)
def voipbin_service_level_integer() -> None:
    assert vb.decode_campaign(voipbin())[0].service_level == 100
    refused_at(vb.decode_campaign, voipbin(service_level=100.0), "service_level")
    refused_at(vb.decode_campaign, voipbin(service_level="100"), "service_level")


@fact(
    "003",
    "The campaign makes a new campaigncall when... Available agent > Current dialing "
    "campaign calls * Service level / 100",
)
def voipbin_service_level_rule() -> None:
    rule = pacing.ServiceLevel(100)
    # 5 agents > 4 dialing * 100 / 100: one more call; at 5 dialing, none.
    assert (
        pacing.pace(pacing.PacingSnapshot(agents_ready=5, calls_dialing=4), rule).calls
        == 1
    )
    assert (
        pacing.pace(pacing.PacingSnapshot(agents_ready=5, calls_dialing=5), rule).calls
        == 0
    )
    # 200 %: 5 > 2 * 2 launches a third; 5 > 3 * 2 is false, so no fourth.
    half = pacing.ServiceLevel(200)
    assert (
        pacing.pace(pacing.PacingSnapshot(agents_ready=5, calls_dialing=2), half).calls
        == 1
    )


@fact("003", "It valid only if the campaign has a valid queue_id.")
def voipbin_service_level_needs_a_queue() -> None:
    pick = pacing.policy_for_campaign
    with_queue, _ = vb.decode_campaign(voipbin())
    without, _ = vb.decode_campaign(voipbin(queue_id=vb.NIL_UUID))
    assert pick(with_queue) == pacing.ServiceLevel(100)
    assert pick(without) is None
    off = attrs.evolve(with_queue, service_level=0)
    assert pacing.pace(pacing.PacingSnapshot(agents_ready=5), pick(off)).calls == 0


@fact(
    "003",
    "End handle: stop - The campaign will stop if the outdial has no more "
    "outdial target",
)
def voipbin_end_handle_stop() -> None:
    campaign, grp = vb.decode_campaign(voipbin(status="run", end_handle="stop"))
    done = lifecycle.complete(grp, at=AT, end_handle=campaign.end_handle)
    assert vb.encode_campaign(campaign, done.after)["status"] == "stop"
    ending = lifecycle.complete(
        grp, at=AT, end_handle=campaign.end_handle, calls_in_flight=2
    )
    assert vb.encode_campaign(campaign, ending.after)["status"] == "stopping"


@fact(
    "003",
    "continue - The campaign will continue to run after outdial has no more outdial "
    "target.",
)
def voipbin_end_handle_continue() -> None:
    campaign, grp = vb.decode_campaign(voipbin(status="run", end_handle="continue"))
    assert campaign.end_handle is EndHandle.CONTINUE
    kept = lifecycle.complete(grp, at=AT, end_handle=campaign.end_handle)
    assert kept.events == ()
    assert vb.encode_campaign(campaign, kept.after)["status"] == "run"
    refused_at(vb.decode_campaign, voipbin(end_handle="pause"), "end_handle")


@fact("003", "actions: Campaign's list of actions (kept as received)")
def voipbin_actions_kept() -> None:
    campaign, _ = vb.decode_campaign(voipbin())
    assert campaign.vendor_data["actions"][0]["option"]["gender"] == "female"


@fact("003", "outplan_id: Outplan's ID. outdial_id: Outdial's ID.")
def voipbin_outplan_outdial() -> None:
    campaign, _ = vb.decode_campaign(voipbin())
    assert campaign.vendor_data["outplan_id"] == "d5fb7357-7ddb-4f2d-87b5-8ccbfd6c039e"
    assert campaign.vendor_data["outdial_id"] == "40bea034-1d17-474d-a5de-da00d0861c69"


@fact("003", "queue_id: Queue's ID.")
def voipbin_queue_id() -> None:
    campaign, grp = vb.decode_campaign(voipbin())
    assert campaign.queue_id == "99bf739a-932f-433c-b1bf-103d33d7e9bb"
    assert grp.group_name == campaign.queue_id


@fact(
    "003",
    '"next_campaign_id": "00000000-0000-0000-0000-000000000000" (the zero UUID: none)',
    choice=True,
)
def voipbin_zero_uuid_is_none() -> None:
    campaign, _ = vb.decode_campaign(voipbin())
    assert campaign.next_campaign_id is None
    assert vb.decode_campaign(voipbin(queue_id=vb.NIL_UUID))[0].queue_id is None


@fact(
    "003",
    '"tm_create": "2022-04-28 02:16:39.712142" ... "tm_delete": "9999-01-01 '
    '00:00:00.000000" (kept exactly)',
)
def voipbin_times_kept() -> None:
    campaign, _ = vb.decode_campaign(voipbin())
    assert campaign.vendor_data["tm_create"] == "2022-04-28 02:16:39.712142"
    assert campaign.vendor_data["tm_delete"] == vb.NOT_DELETED
    refused_at(
        vb.decode_campaign, voipbin(tm_update="2022-04-30T17:53:51"), "tm_update"
    )


# === 004 8x8: Managing Campaign Status ==============================================


@fact("004", "Campaign Status Response (the whole example, byte for byte)")
def eight_example_round_trips() -> None:
    body = eight()
    assert json.dumps(e8.encode_campaign(e8.decode_campaign(body))) == json.dumps(body)


@fact("004", "(the response's 23 keys, in the page's order)")
def eight_keys_in_the_pages_order() -> None:
    written = e8.encode_campaign(Campaign(id="7", name="x"))["campaign"]
    assert list(written) == list(eight()["campaign"])


@fact("004", "Campaign Status Response (every key shown; none optional)", choice=True)
def eight_every_key_required() -> None:
    for key in eight()["campaign"]:
        body = eight()
        del body["campaign"][key]
        with pytest.raises(DecodeError, match=f"{key}: required key missing"):
            e8.decode_campaign(body)


@fact("004", '"start-time": "", "abandon-max-retry": "" ("" is unset)', choice=True)
def eight_empty_string_is_unset_both_ways() -> None:
    c = e8.decode_campaign(eight(**{"queue-id": ""}))
    assert c.queue_id is None
    written = e8.encode_campaign(Campaign(id="7", name="x"))["campaign"]
    assert (written["queue-id"], written["start-time"], written["max-retry"]) == (
        "",
        "",
        "",
    )


@fact(
    "004",
    '"campaign-name": "My Callbacks", "campaign-id": 6561, "status": 3, '
    '"queue-id": 598',
)
def eight_mapped_fields() -> None:
    c = e8.decode_campaign(eight())
    assert (c.name, c.id, c.status, c.queue_id) == (
        "My Callbacks",
        "6561",
        CampaignStatus.MANUAL_RUNNING,
        "598",
    )
    refused_at(e8.decode_campaign, eight(**{"campaign-id": "6561"}), "campaign-id")


@fact(
    "004",
    '"retry-interval": 30, "max-retry": 1, "abandon-max-retry": "", '
    '"max-ring-time": 15 ("" = unset)',
)
def eight_retry_fields() -> None:
    retry = e8.decode_campaign(eight()).retry
    assert (
        retry.retry_interval,
        retry.max_retries,
        retry.abandon_max_retries,
        retry.max_ring_time,
    ) == (30, 1, None, 15)


@fact(
    "004",
    '"start-time": "", "end-time": "", "daily-start-time": "", "daily-end-time": "" '
    "(unset)",
)
def eight_empty_times_unset() -> None:
    schedule = e8.decode_campaign(eight()).schedule
    assert (schedule.start_time, schedule.stop_time) == (None, None)
    assert (schedule.daily_start, schedule.daily_end) == (None, None)


@fact(
    "004",
    '"actual-run-time": "2022-10-17T22:31:02+01:00" (with the offset)',
    choice=True,
)
def eight_run_time() -> None:
    c = e8.decode_campaign(eight())
    assert c.status_since == dt.datetime(2022, 10, 17, 21, 31, 2, tzinfo=dt.UTC)
    assert c.vendor_data["actual-run-time"] == "2022-10-17T22:31:02+01:00"
    refused_at(
        e8.decode_campaign,
        eight(**{"actual-run-time": "2022-10-17T22:31:02"}),
        "actual-run-time",
    )


@fact("004", '"enabled": "Y", "dynamic-campaign": "Y", "sequential": "N" (Y/N flags)')
def eight_flags() -> None:
    c = e8.decode_campaign(eight())
    assert (
        c.vendor_data["enabled"],
        c.vendor_data["dynamic-campaign"],
        c.vendor_data["sequential"],
    ) == ("Y", "Y", "N")
    refused_at(e8.decode_campaign, eight(enabled=True), "enabled")


@fact(
    "004",
    '"no-of-records": 18, "caller-id": 13125555068, "integration-type": "contactual", '
    '"calling-window": 2, "schedule-name": "\'5-6pm Eastern\'" (kept)',
)
def eight_vendor_only_fields() -> None:
    vd = e8.decode_campaign(eight()).vendor_data
    assert (
        vd["no-of-records"],
        vd["caller-id"],
        vd["integration-type"],
        vd["calling-window"],
        vd["schedule-name"],
    ) == (18, 13125555068, "contactual", 2, "'5-6pm Eastern'")


@fact("004", '"timezone": "EST5EST" (mapped to America/New_York)', choice=True)
def eight_timezone() -> None:
    c = e8.decode_campaign(eight())
    assert c.schedule.time_zone == "America/New_York"
    assert e8.encode_campaign(c)["campaign"]["timezone"] == "EST5EST"


@fact("004", "The Campaign MUST be configured as a Dynamic Campaign")
def eight_dynamic_only() -> None:
    c = e8.decode_campaign(eight(**{"dynamic-campaign": "N"}))
    with pytest.raises(TransitionNotAllowed, match="dynamic"):
        e8.status_change_body(c, "PAUSED")


@fact(
    "004",
    "Campaign Status ID 0 New ... 11 Schedule Purged (the twelve statuses)",
)
def eight_status_list() -> None:
    assert [(int(s), s.name) for s in CampaignStatus] == [
        (0, "NEW"),
        (1, "MANUAL_STARTED"),
        (2, "SCHEDULED"),
        (3, "MANUAL_RUNNING"),
        (4, "SCHEDULE_RUNNING"),
        (5, "MANUAL_STOPPED"),
        (6, "COMPLETED"),
        (7, "SCHEDULE_STOPPED"),
        (8, "MANUAL_PAUSED"),
        (9, "SCHEDULE_PAUSED"),
        (10, "MANUAL_PURGED"),
        (11, "SCHEDULE_PURGED"),
    ]
    for status in CampaignStatus:
        assert e8.decode_campaign(eight(status=int(status))).status is status
    refused_at(e8.decode_campaign, eight(status=12), "status")


@fact(
    "004",
    "0 New ... 1 Manual Started ... 2 Scheduled ... 3 Manual Running ... 4 Schedule "
    "Running ... 5 Manual Stopped ... 6 Completed (Stopped) ... 7 Schedule Stopped "
    "... 8 Manual Paused ... 9 Schedule Paused ... 10 Manual Purged ... 11 Schedule "
    "Purged (phase and cause)",
)
def eight_status_phases_and_causes() -> None:
    phases = [s.phase.value for s in CampaignStatus]
    causes = [None if s.cause is None else s.cause.value for s in CampaignStatus]
    assert phases == [
        "new",
        "starting",
        "scheduled",
        "running",
        "running",
        "stopped",
        "stopped",
        "stopped",
        "paused",
        "paused",
        "purged",
        "purged",
    ]
    assert causes == [
        None,
        "manual",
        "schedule",
        "manual",
        "schedule",
        "manual",
        "completed",
        "schedule",
        "manual",
        "schedule",
        "manual",
        "schedule",
    ]
    assert [s for s in CampaignStatus if s.is_final] == [5, 6, 7]


@fact("004", "Status Assignment: RUNNING - PAUSED - PURGED - STOPPED")
def eight_requested_statuses() -> None:
    assert [s.value for s in RequestedStatus] == [
        "RUNNING",
        "PAUSED",
        "PURGED",
        "STOPPED",
    ]


@fact(
    "004",
    "Stopped is a FINAL STATE ... once a campaign is Stopped it cannot be restarted.",
)
def eight_stopped_is_final() -> None:
    for status in (
        CampaignStatus.MANUAL_STOPPED,
        CampaignStatus.COMPLETED,
        CampaignStatus.SCHEDULE_STOPPED,
    ):
        c = Campaign(id="7", name="x", status=status)
        assert lifecycle.allowed_requests(c) == frozenset()
        with pytest.raises(TransitionNotAllowed):
            e8.status_change_body(c, "RUNNING")


@fact(
    "004",
    "curl --request GET 'https://vcc-{ccPlatform}.8x8.com/api/stats/campaigns/"
    "{campaignId}.json'",
)
def eight_get_url() -> None:
    assert (
        e8.status_url("na12", 125)
        == "https://vcc-na12.8x8.com/api/stats/campaigns/125.json"
    )


@fact(
    "004",
    "curl --request POST 'https://vcc-{ccPlatform}.8x8.com/api/tstats/campaigns/"
    "{campaignId}' --header 'Content-Type: application/json'",
)
def eight_post_request() -> None:
    creds = e8.Credentials("acme", "data", "action")
    post = e8.status_change_request(
        "na12", Campaign(id="125", name="x"), "RUNNING", creds
    )
    assert (post.method, post.url) == (
        "POST",
        "https://vcc-na12.8x8.com/api/tstats/campaigns/125",
    )
    assert post.headers["Content-Type"] == "application/json"
    get = e8.status_request("na12", 125, creds)
    assert get.method == "GET"


@fact(
    "004",
    "Get Campaign Status: Method: GET, Headers: Authorization (no body, no "
    "Content-Type); Body: status Required",
)
def eight_get_has_no_body_and_post_needs_status() -> None:
    get = e8.status_request("na12", 125, e8.Credentials("acme", "data", "action"))
    assert (list(get.headers), get.body) == (["Authorization"], b"")
    with pytest.raises(DecodeError, match="status: required key missing"):
        e8.parse_status_change(b"{}")
    with pytest.raises(DecodeError, match="status"):
        e8.parse_status_change(b'{"status": "running"}')


@fact(
    "004",
    "North America starts NA Europe starts EU Canada starts CA Asia Pacific starts AP "
    "Australia starts AU Bell Canada starts BC Sandbox starts SB",
)
def eight_platform_prefixes() -> None:
    for prefix in ("NA", "EU", "CA", "AP", "AU", "BC", "SB"):
        assert e8.status_url(f"{prefix}1", 1).startswith(
            f"https://vcc-{prefix.lower()}1."
        )
    with pytest.raises(ValidationError):
        e8.status_url("us1", 1)


@fact(
    "004",
    "Authorization :Basic encodedValue Where encodedValue is "
    "base64encode(username:password); "
    "example Basic bXljbGllbnRJZDpuZXZlcnRlbGxhbnlvbmU=",
)
def eight_basic_auth_example() -> None:
    creds = e8.Credentials("myclientId", "nevertellanyone", "other")
    assert creds.read_header() == "Basic bXljbGllbnRJZDpuZXZlcnRlbGxhbnlvbmU="


@fact(
    "004",
    "For read APIs the Data Request Token will the password; For write APIs the "
    "Action Request Token will be the password",
    choice=True,
)
def eight_tokens() -> None:
    creds = e8.Credentials("acme", "d4t4", "4ct10n")
    assert base64.b64decode(creds.read_header()[6:]) == b"acme:d4t4"
    assert base64.b64decode(creds.write_header()[6:]) == b"acme:4ct10n"


@fact("004", 'Change Campaign Status Request --data-raw \'{ "status": "RUNNING" }\'')
def eight_change_body() -> None:
    c = Campaign(id="7", name="x", status=CampaignStatus.MANUAL_PAUSED)
    assert e8.status_change_body(c, RequestedStatus.RUNNING) == {"status": "RUNNING"}
    assert (
        e8.parse_status_change(b'{\n"status": "RUNNING"\n}') is RequestedStatus.RUNNING
    )


@fact(
    "004", 'Change Campaign Status Response { "message": "Campaign status changed." }'
)
def eight_change_response() -> None:
    answer = {"message": "Campaign status changed."}
    assert e8.parse_status_change_response(answer) == "Campaign status changed."


FACT_COUNT = len(FACTS)
CHOICES = sum(1 for p in FACTS if p.id.endswith("-choice"))


@pytest.mark.parametrize("check", FACTS)
def test_facts_from_the_pages(check: Callable[[], None]) -> None:
    """Each fact from a vendor page holds (or holds as the docs' documented choice)."""
    check()


def test_the_fact_count() -> None:
    """The number of facts checked, so a lost registration shows."""
    assert (FACT_COUNT, CHOICES) == (122, 13)
