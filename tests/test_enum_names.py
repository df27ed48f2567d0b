"""Enum names everywhere an enum is taken, and messages that read (issue 12, item 1)."""

from __future__ import annotations

import datetime as dt
import enum

import pytest

from campaignkit import (
    Campaign,
    CampaignGroup,
    CampaignStatus,
    DecodeError,
    DialMode,
    GroupStatus,
    OptimizeBy,
    RequestedStatus,
    ValidationError,
    enums,
    from_dict,
    lifecycle,
    to_dict,
)
from campaignkit.enums import CallResult

AT = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
GROUP = CampaignGroup(campaign_name="Spring", group_name="Sales", queue_name="7001")
LOADED = lifecycle.load(GROUP, at=AT).after
CAMPAIGN = Campaign(id="6561", name="Spring")


@pytest.mark.parametrize("spelling", ["PREDICTIVE", "predictive", "Predictive", 1])
def test_start_takes_a_dial_mode_by_name_in_any_case(spelling: object) -> None:
    """lifecycle.start(..., dial_mode=...) reads a name as from_dict does."""
    started = lifecycle.start(LOADED, at=AT, dial_mode=spelling)  # type: ignore[arg-type]
    assert started.after.dial_mode is DialMode.PREDICTIVE


def test_set_dial_mode_takes_names_in_any_case() -> None:
    """set_dial_mode reads the mode and optimize_by by name."""
    running = lifecycle.start(LOADED, at=AT).after
    changed = lifecycle.set_dial_mode(
        running, "progressive", at=AT, optimize_by="overdial_rate"
    ).after
    assert (changed.dial_mode, changed.optimize_by) == (
        DialMode.PROGRESSIVE,
        OptimizeBy.OVERDIAL_RATE,
    )


@pytest.mark.parametrize("spelling", ["RUNNING", "running", "Running"])
def test_request_status_takes_names_in_any_case(spelling: str) -> None:
    """request_status is no longer case-sensitive."""
    moved = lifecycle.request_status(CAMPAIGN, spelling, at=AT)
    assert moved.after.status is CampaignStatus.MANUAL_STARTED


def test_an_unknown_name_lists_every_valid_one() -> None:
    """The refusal lists all the members, up to the last, not a cut list."""
    with pytest.raises(ValidationError) as refused:
        lifecycle.start(LOADED, at=AT, dial_mode="bogus")  # type: ignore[arg-type]
    assert str(refused.value).endswith("POWER_GVP (11)")
    with pytest.raises(ValidationError) as unknown:
        lifecycle.request_status(CAMPAIGN, "go", at=AT)
    for status in RequestedStatus:
        assert status.name in str(unknown.value)
    with pytest.raises(DecodeError) as bad:
        from_dict(CampaignGroup, {**to_dict(GROUP), "dial_mode": 99})
    ((path, message),) = bad.value.errors
    assert path == "$.dial_mode"
    assert message.endswith("POWER_GVP (11)")


def _parseable() -> list[type[enum.Enum]]:
    found = [getattr(enums, name) for name in enums.__all__]
    return [e for e in found if isinstance(e, type) and issubclass(e, enum.Enum)]


@pytest.mark.parametrize("cls", _parseable(), ids=lambda c: c.__name__)
def test_every_enum_refusal_names_its_last_member(cls: type[enum.Enum]) -> None:
    """Every enum but the 54 call results lists its members in full when refusing."""
    last = list(cls)[-1]
    with pytest.raises(ValidationError) as refused:
        cls.parse("no such member")  # type: ignore[attr-defined]
    text = str(refused.value)
    assert "\n" not in text
    if cls is CallResult:
        assert text.endswith("...")  # bounded, whatever the vendor's list
    else:
        assert last.name in text


def test_str_and_f_strings_give_names_of_int_enums_and_wire_of_str_enums() -> None:
    """Log lines read RUNNING, not 5; a string enum keeps its wire spelling."""
    assert str(GroupStatus.RUNNING) == "RUNNING"
    assert f"{GroupStatus.RUNNING}" == "RUNNING"
    assert "%s" % GroupStatus.RUNNING == "RUNNING"  # noqa: UP031
    assert f"{DialMode.POWER}" == "POWER"
    assert str(RequestedStatus.RUNNING) == "RUNNING"
    assert str(enums.EndHandle.STOP) == enums.EndHandle.STOP.value


def test_to_dict_keeps_numbers_and_gives_names_on_request() -> None:
    """Numbers are the wire form; enums="names" writes names from_dict reads."""
    assert to_dict(GROUP)["dial_mode"] == 1
    named = to_dict(GROUP, enums="names")
    assert (named["dial_mode"], named["status"]) == ("PREDICTIVE", "NOT_LOADED")
    assert from_dict(CampaignGroup, named) == GROUP


def test_a_constructor_refusing_a_name_lists_the_members_in_good_english() -> None:
    """Constructors take members (from_dict reads names); the refusal says which."""
    with pytest.raises(ValidationError) as refused:
        CampaignGroup(
            campaign_name="Spring",
            group_name="Sales",
            optimize_by="busy_factor",  # type: ignore[arg-type]
        )
    assert "expected an OptimizeBy: NONE, BUSY_FACTOR," in str(refused.value)
