"""Enums carry the vendors' numbers and the meaning derived from them."""

from __future__ import annotations

import pytest

from campaignkit import (
    Actor,
    CampaignPhase,
    CampaignStatus,
    DialMode,
    GroupAction,
    GroupStatus,
    OptimizeBy,
    StatusCause,
)
from campaignkit.enums import DialFamily


def test_vendor_numbers() -> None:
    """The integers are exactly the vendors' (Genesys OCS and 8x8 CC)."""
    assert [s.value for s in GroupStatus] == list(range(6))
    assert [m.value for m in DialMode] == list(range(12))
    assert [m.value for m in OptimizeBy] == list(range(6))
    assert [a.value for a in Actor] == list(range(6))
    assert [s.value for s in CampaignStatus] == list(range(12))
    assert [a.value for a in GroupAction] == [7, 8, 9, 10, 11, 29, 36]


@pytest.mark.parametrize(
    ("status", "phase", "cause"),
    [
        (CampaignStatus.NEW, CampaignPhase.NEW, None),
        (CampaignStatus.MANUAL_STARTED, CampaignPhase.STARTING, StatusCause.MANUAL),
        (CampaignStatus.SCHEDULED, CampaignPhase.SCHEDULED, StatusCause.SCHEDULE),
        (CampaignStatus.MANUAL_RUNNING, CampaignPhase.RUNNING, StatusCause.MANUAL),
        (CampaignStatus.SCHEDULE_RUNNING, CampaignPhase.RUNNING, StatusCause.SCHEDULE),
        (CampaignStatus.MANUAL_STOPPED, CampaignPhase.STOPPED, StatusCause.MANUAL),
        (CampaignStatus.COMPLETED, CampaignPhase.STOPPED, StatusCause.COMPLETED),
        (CampaignStatus.SCHEDULE_STOPPED, CampaignPhase.STOPPED, StatusCause.SCHEDULE),
        (CampaignStatus.MANUAL_PAUSED, CampaignPhase.PAUSED, StatusCause.MANUAL),
        (CampaignStatus.SCHEDULE_PAUSED, CampaignPhase.PAUSED, StatusCause.SCHEDULE),
        (CampaignStatus.MANUAL_PURGED, CampaignPhase.PURGED, StatusCause.MANUAL),
        (CampaignStatus.SCHEDULE_PURGED, CampaignPhase.PURGED, StatusCause.SCHEDULE),
    ],
)
def test_campaign_status_phase_and_cause(
    status: CampaignStatus, phase: CampaignPhase, cause: StatusCause | None
) -> None:
    """Each 8x8 status is a phase reached for a cause; only stopped ones are final."""
    assert status.phase is phase
    assert status.cause is cause
    assert status.is_final is (phase is CampaignPhase.STOPPED)


def test_predictive_modes() -> None:
    """The three predictive dial modes are the ones that optimise."""
    assert {m for m in DialMode if m.is_predictive} == {
        DialMode.PREDICTIVE,
        DialMode.PREDICTIVE_SEIZE,
        DialMode.PREDICTIVE_GVP,
    }


@pytest.mark.parametrize(
    ("family", "modes"),
    [
        ("NONE", "NONE"),
        ("PREVIEW", "PREVIEW PUSH_PREVIEW"),
        ("PROGRESSIVE", "PROGRESSIVE PROGRESSIVE_SEIZE PROGRESSIVE_GVP"),
        ("POWER", "POWER POWER_SEIZE POWER_GVP"),
        ("PREDICTIVE", "PREDICTIVE PREDICTIVE_SEIZE PREDICTIVE_GVP"),
    ],
)
def test_dial_mode_families(family: str, modes: str) -> None:
    """Each dial mode paces as its family; the variants share their mode's."""
    found = {m.name for m in DialMode if m.family is DialFamily[family]}
    assert found == set(modes.split())


def test_loaded_statuses() -> None:
    """Every group status but NOT_LOADED is loaded."""
    assert [s for s in GroupStatus if not s.is_loaded] == [GroupStatus.NOT_LOADED]


def test_parse_takes_a_member_and_numbers_format_as_numbers() -> None:
    """parse(member) is the member; a numeric format spec formats the number."""
    from campaignkit import GroupStatus

    assert GroupStatus.parse(GroupStatus.RUNNING) is GroupStatus.RUNNING
    assert f"{GroupStatus.RUNNING:d}" == "5"
    assert f"{GroupStatus.RUNNING:>8}" == " RUNNING"


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


@pytest.mark.parametrize(
    "value",
    [_BadRepr(), [_BadRepr()], {1: _BadRepr()}, 10**5000, 1.0, b"1", None],
    ids=["bad-repr", "list", "dict", "huge-int", "float", "bytes", "none"],
)
def test_parse_refuses_what_is_no_wire_value_without_calling_its_repr(
    value: object,
) -> None:
    """Only an int or a str can name a member; the rest is a ValidationError."""
    from campaignkit import DecodeError, EndHandle, ValidationError, from_dict
    from campaignkit.events import GroupStateChanged

    for enum in (GroupStatus, EndHandle):
        with pytest.raises(ValidationError, match=f"{enum.__name__}.value"):
            enum.parse(value)
    with pytest.raises(DecodeError, match="previous_status"):
        from_dict(GroupStateChanged, {"previous_status": value})
