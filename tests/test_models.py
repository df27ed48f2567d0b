"""The four models: immutable values that refuse bad input by name."""

from __future__ import annotations

import datetime as dt
import json
import math
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given

from campaignkit import (
    CallingList,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    CampaignStatus,
    DialMode,
    GroupStatus,
    RetrySettings,
    Schedule,
    ValidationError,
    VendorData,
    from_dict,
    to_dict,
)
from campaignkit.errors import show
from tests import strategies

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@given(strategies.models)
def test_every_model_is_frozen(model: Any) -> None:
    """Setting any attribute on any model raises."""
    for field in attrs.fields(type(model)):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(model, field.name, getattr(model, field.name))


@given(strategies.models)
def test_models_are_hashable_values(model: Any) -> None:
    """A model equals and hashes like an evolved copy with the same values."""
    copy = attrs.evolve(model)
    assert copy == model
    assert hash(copy) == hash(model)
    assert copy is not model


@given(strategies.models)
def test_every_model_round_trips_through_json(model: Any) -> None:
    """from_dict(type(m), to_dict(m)) == m, and the dict is JSON-ready."""
    data = to_dict(model)
    text = json.dumps(data)
    assert from_dict(type(model), json.loads(text)) == model


def test_evolve_returns_a_new_object_and_leaves_the_old_alone() -> None:
    """Changes go through attrs.evolve; the original is unchanged."""
    group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    running = attrs.evolve(group, status=GroupStatus.RUNNING)
    assert running.status is GroupStatus.RUNNING
    assert group.status is GroupStatus.NOT_LOADED


def test_defaults_are_the_documented_ones() -> None:
    """Only the identifying fields are required; the rest default as documented."""
    campaign = Campaign(id="1", name="Spring")
    assert (campaign.status, campaign.service_level, campaign.detail) == (
        CampaignStatus.NEW,
        100,
        "",
    )
    assert campaign.calling_lists == ()
    assert campaign.schedule == Schedule()
    assert campaign.retry == RetrySettings()
    assert campaign.vendor_data == VendorData()
    group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    assert group.name == "Spring@Sales"
    assert (group.dial_mode, group.optimize_goal, group.channels) == (
        DialMode.PREDICTIVE,
        80,
        10,
    )
    ccl = CampaignCallingList(campaign_name="Spring", calling_list_name="Renewals")
    assert (ccl.share, ccl.active) == (100, True)


def test_stat_server_names_of_group_and_campaign_calling_list() -> None:
    """Groups and campaign calling lists are known to Stat Server as campaign@part."""
    group = CampaignGroup(campaign_name="Spring", group_name="Sales", name="custom")
    assert group.stat_server_name == "Spring@Sales"
    assert group.name == "custom"
    ccl = CampaignCallingList(campaign_name="Spring", calling_list_name="a@b")
    assert ccl.stat_server_name == "Spring@a@b"


def test_status_since_is_normalised_to_utc() -> None:
    """An aware status_since in any zone is stored in UTC, same instant."""
    plus_one = dt.timezone(dt.timedelta(hours=1))
    since = dt.datetime(2026, 1, 1, 13, 0, tzinfo=plus_one)
    group = CampaignGroup(campaign_name="c", group_name="g", status_since=since)
    assert group.status_since == since
    assert group.status_since is not None
    assert group.status_since.tzinfo is dt.UTC


def test_schedule_keeps_the_offset_it_was_given() -> None:
    """Schedule times keep their UTC offset (vendors write them back as given)."""
    plus_one = dt.timezone(dt.timedelta(hours=1))
    start = dt.datetime(2022, 10, 17, 22, 31, 2, tzinfo=plus_one)
    assert Schedule(start_time=start).start_time == start
    assert Schedule(start_time=start).start_time.tzinfo is plus_one  # type: ignore[union-attr]


def test_vendor_data_from_a_plain_dict_is_frozen_deeply() -> None:
    """A dict given as vendor_data is frozen, nested lists and objects too."""
    campaign = Campaign(id="1", name="n", vendor_data={"a": [1, {"b": 2}]})  # type: ignore[arg-type]
    assert isinstance(campaign.vendor_data, VendorData)
    assert campaign.vendor_data["a"] == (1, VendorData({"b": 2}))
    assert hash(campaign)


def test_calling_lists_given_as_a_list_become_a_tuple() -> None:
    """A list of campaign calling lists is stored as a tuple (models stay hashable)."""
    ccl = CampaignCallingList(campaign_name="n", calling_list_name="l")
    campaign = Campaign(id="1", name="n", calling_lists=[ccl])  # type: ignore[arg-type]
    assert campaign.calling_lists == (ccl,)


AWARE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NAIVE = dt.datetime(2026, 1, 1)
HOUR = dt.timedelta(hours=1)

BAD_VALUES: list[tuple[type, dict[str, Any], str]] = [
    (Campaign, {"id": ""}, "id"),
    (Campaign, {"id": 1}, "id"),
    (Campaign, {"name": ""}, "name"),
    (Campaign, {"type": "call"}, "type"),
    (Campaign, {"detail": None}, "detail"),
    (Campaign, {"status": 3}, "status"),
    (Campaign, {"service_level": -1}, "service_level"),
    (Campaign, {"service_level": True}, "service_level"),
    (Campaign, {"service_level": 1.5}, "service_level"),
    (Campaign, {"end_handle": "stop"}, "end_handle"),
    (Campaign, {"queue_id": ""}, "queue_id"),
    (Campaign, {"next_campaign_id": 5}, "next_campaign_id"),
    (Campaign, {"calling_lists": ("x",)}, "calling_lists"),
    (Campaign, {"calling_lists": 3}, "calling_lists"),
    (
        Campaign,
        {
            "calling_lists": (
                CampaignCallingList(campaign_name="other", calling_list_name="l"),
            )
        },
        "calling_lists",
    ),
    (
        Campaign,
        {
            "calling_lists": (
                CampaignCallingList(campaign_name="n", calling_list_name="l"),
            )
            * 2
        },
        "calling_lists",
    ),
    (Campaign, {"schedule": None}, "schedule"),
    (Campaign, {"retry": {}}, "retry"),
    (Campaign, {"status_since": NAIVE}, "status_since"),
    (Campaign, {"status_since": "2026-01-01"}, "status_since"),
    (Campaign, {"vendor_data": [1]}, "vendor_data"),
    (CampaignGroup, {"campaign_name": ""}, "campaign_name"),
    (CampaignGroup, {"group_name": ""}, "group_name"),
    (CampaignGroup, {"name": ""}, "name"),
    (CampaignGroup, {"kind": "agents"}, "kind"),
    (CampaignGroup, {"uuid": ""}, "uuid"),
    (CampaignGroup, {"dbid": -1}, "dbid"),
    (CampaignGroup, {"tenant_name": ""}, "tenant_name"),
    (CampaignGroup, {"tenant_ccid": 7}, "tenant_ccid"),
    (CampaignGroup, {"template_name": ""}, "template_name"),
    (CampaignGroup, {"queue_name": ""}, "queue_name"),
    (CampaignGroup, {"status": 5}, "status"),
    (CampaignGroup, {"dial_mode": 1}, "dial_mode"),
    (CampaignGroup, {"optimize_by": None}, "optimize_by"),
    (CampaignGroup, {"optimize_goal": -5}, "optimize_goal"),
    (CampaignGroup, {"channels": 0}, "channels"),
    (CampaignGroup, {"status_since": NAIVE}, "status_since"),
    (CallingList, {"name": ""}, "name"),
    (CallingList, {"dbid": "7"}, "dbid"),
    (CallingList, {"description": 1}, "description"),
    (CallingList, {"max_attempts": 0}, "max_attempts"),
    (CallingList, {"daily_from": "09:00"}, "daily_from"),
    (CallingList, {"daily_till": dt.time(9, tzinfo=dt.UTC)}, "daily_till"),
    (CallingList, {"time_zone": "Mars/Olympus"}, "time_zone"),
    (CallingList, {"time_zone": ""}, "time_zone"),
    (CallingList, {"time_zone": "../etc"}, "time_zone"),
    (CallingList, {"time_zone": "America"}, "time_zone"),
    (CallingList, {"time_zone": "A" * 300}, "time_zone"),
    (CallingList, {"records_total": -1}, "records_total"),
    (CallingList, {"records_total": 5, "records_remaining": 6}, "records_remaining"),
    (CampaignCallingList, {"calling_list_name": ""}, "calling_list_name"),
    (CampaignCallingList, {"share": 0}, "share"),
    (CampaignCallingList, {"share": 101}, "share"),
    (CampaignCallingList, {"active": 1}, "active"),
    (Schedule, {"start_time": NAIVE}, "start_time"),
    (Schedule, {"stop_time": AWARE.date()}, "stop_time"),
    (Schedule, {"daily_start": AWARE}, "daily_start"),
    (Schedule, {"daily_end": 9}, "daily_end"),
    (Schedule, {"time_zone": "Nowhere"}, "time_zone"),
    (Schedule, {"start_time": AWARE, "stop_time": AWARE - HOUR}, "stop_time"),
    (CampaignGroup, {"dbid": 10**5000}, "dbid"),
    (RetrySettings, {"retry_interval": -1}, "retry_interval"),
    (RetrySettings, {"max_retries": "1"}, "max_retries"),
    (RetrySettings, {"abandon_max_retries": 1.0}, "abandon_max_retries"),
    (RetrySettings, {"max_ring_time": False}, "max_ring_time"),
]

REQUIRED: dict[type, dict[str, Any]] = {
    Campaign: {"id": "1", "name": "n"},
    CampaignGroup: {"campaign_name": "c", "group_name": "g"},
    CallingList: {"name": "l"},
    CampaignCallingList: {"campaign_name": "c", "calling_list_name": "l"},
    Schedule: {},
    RetrySettings: {},
}


@pytest.mark.parametrize(
    ("cls", "bad", "field"),
    BAD_VALUES,
    ids=[f"{c.__name__}.{f}={show(b[f])[:40]}" for c, b, f in BAD_VALUES],
)
def test_every_validator_names_class_field_and_value(
    cls: type, bad: dict[str, Any], field: str
) -> None:
    """A bad value raises ValidationError naming the class, the field and the value."""
    with pytest.raises(ValidationError) as info:
        cls(**{**REQUIRED[cls], **bad})
    error = info.value
    assert (error.obj, error.field) == (cls.__name__, field)
    assert f"{cls.__name__}.{field}" in str(error)
    assert show(bad[field]) in str(error)
    assert "expected" in str(error)
    assert isinstance(error, ValueError)


def test_evolve_runs_the_validators_too() -> None:
    """attrs.evolve cannot smuggle in a bad value."""
    ccl = CampaignCallingList(campaign_name="c", calling_list_name="l")
    with pytest.raises(ValidationError, match="share"):
        attrs.evolve(ccl, share=0)


def test_a_status_since_outside_the_utc_range_is_refused() -> None:
    """Year 1 at +01:00 has no UTC equivalent: a ValidationError, not OverflowError."""
    early = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with pytest.raises(ValidationError, match=r"CampaignGroup\.status_since"):
        CampaignGroup(campaign_name="c", group_name="g", status_since=early)


def test_number_validators_refuse_ints_too_large_for_a_float() -> None:
    """A figure of 10**400 is refused by name rather than overflowing."""
    from campaignkit import GroupStats

    with pytest.raises(ValidationError, match=r"GroupStats\.hit_ratio"):
        GroupStats(hit_ratio=10**400)


@pytest.mark.parametrize("campaign", ["Spring@2026", "a@b@c"])
def test_a_campaign_name_with_an_at_sign_is_allowed_everywhere(campaign: str) -> None:
    """Campaign, CampaignGroup and CampaignCallingList agree: '@' may be in the name.

    Only parsing a Stat Server name back is ambiguous, and that refuses it.
    """
    ccl = CampaignCallingList(campaign_name=campaign, calling_list_name="l")
    group = CampaignGroup(campaign_name=campaign, group_name="g")
    assert Campaign(id="1", name=campaign, calling_lists=(ccl,)).name == campaign
    assert group.name == group.stat_server_name == f"{campaign}@g"
    assert ccl.stat_server_name == f"{campaign}@l"


def test_a_vendor_data_inside_vendor_data_keeps_the_depth_limit() -> None:
    """Nesting existing VendorData values cannot exceed MAX_DEPTH levels."""
    from campaignkit.vendor import MAX_DEPTH

    deep = VendorData({"x": 1})
    for _ in range(MAX_DEPTH):
        deep = VendorData({"x": deep})
    with pytest.raises(ValidationError, match="nested at most"):
        VendorData({"x": deep})
    group = CampaignGroup(campaign_name="c", group_name="g", vendor_data=deep)
    assert hash(group) == hash(attrs.evolve(group))
    assert pickle.loads(pickle.dumps(group)) == group
    assert from_dict(CampaignGroup, to_dict(group)) == group


def test_a_schedule_keeps_its_offset_even_at_the_edge_of_the_calendar() -> None:
    """+01:00 stays +01:00 through to_dict and back, year 1 included."""
    plus_one = dt.timezone(HOUR)
    early = dt.datetime(1, 1, 1, 0, 30, tzinfo=plus_one)
    schedule = Schedule(start_time=early, stop_time=early + HOUR)
    data = to_dict(schedule)
    assert data["start_time"] == "0001-01-01T00:30:00+01:00"
    back = from_dict(Schedule, data)
    assert back == schedule
    assert back.start_time is not None
    assert back.start_time.utcoffset() == HOUR


@pytest.mark.parametrize(
    "bad", [math.nan, math.inf, -math.inf, 10**5000], ids=["nan", "inf", "-inf", "huge"]
)
def test_vendor_data_refuses_what_json_cannot_carry(bad: Any) -> None:
    """NaN, infinity and unprintable ints are refused at their path."""
    with pytest.raises(ValidationError) as info:
        CampaignGroup(campaign_name="c", group_name="g", vendor_data={"x": [bad]})
    assert info.value.field == "x[0]"
    assert len(str(info.value)) < 400


def test_a_campaign_is_named_in_messages_by_its_label() -> None:
    """Campaign.label is the one formatter for a campaign in messages."""
    assert Campaign(id="7", name="Spring").label == "campaign 7 (Spring)"


def test_an_unbounded_integer_validator_names_what_it_wants() -> None:
    """integer() without bounds still refuses a bool and says 'an integer'."""
    from campaignkit import _validate as v

    validate = v.integer()
    field = attrs.fields(CampaignGroup).channels
    with pytest.raises(ValidationError, match=r"expected an integer$"):
        validate("Thing", field, True)
