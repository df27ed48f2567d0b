"""The vendors' enumerations, with the vendors' own numbers and strings.

Integers are :class:`enum.IntEnum` so that ``GroupStatus.RUNNING == 5`` holds exactly
as on the Genesys wire; strings are :class:`enum.StrEnum` with the VoIPbin or 8x8
spelling as the value.
"""

from __future__ import annotations

import enum
from typing import Any, Self

from campaignkit.errors import ValidationError

__all__ = [
    "Actor",
    "CallOutcome",
    "CampaignActivity",
    "CampaignPhase",
    "CampaignStatus",
    "CampaignType",
    "DialFamily",
    "DialMode",
    "EndHandle",
    "GroupAction",
    "GroupKind",
    "GroupStatus",
    "OptimizeBy",
    "RequestedStatus",
    "StatusCause",
]


def _valid(cls: type[enum.Enum]) -> str:
    return ", ".join(f"{m.name} ({m.value!r})" for m in cls)


class _Parse:
    """``parse``: a member from itself, its value, or its name in any case."""

    @classmethod
    def parse(cls, value: Any) -> Self:
        """The member that ``value`` names: a member, a wire value or a name.

        Names match in any case (``"predictive"``, ``"PREDICTIVE"``); wire values
        match exactly (``1``, ``"stop"``). Anything else is a
        :class:`~campaignkit.errors.ValidationError` that lists the valid members.
        """
        members: Any = cls
        if isinstance(value, cls):
            return value
        if not isinstance(value, bool):
            try:
                return members(value)  # type: ignore[no-any-return]
            except (ValueError, TypeError):
                pass
            if isinstance(value, str):
                found = members.__members__.get(value.upper())
                if found is not None:
                    return found  # type: ignore[no-any-return]
        raise ValidationError(cls.__name__, "value", value, _valid(members))


class _IntEnum(_Parse, enum.IntEnum):
    """An integer enum whose ``str()`` and f-string form is its name, for logs."""

    def __str__(self) -> str:
        return self.name

    def __format__(self, spec: str) -> str:
        if spec and spec[-1] in "bcdoxXn":
            return format(self.value, spec)
        return format(self.name, spec)


class _StrEnum(_Parse, enum.StrEnum):
    """A string enum whose ``str()`` is its wire spelling (``"stop"``)."""


class GroupStatus(_IntEnum):
    """Dialing state of a campaign group (Genesys ``GSW_CAMPAIGN_GROUP_STATUS``)."""

    NOT_LOADED = 0
    WAITING_UNLOAD = 1
    UNLOAD_IN_PROGRESS = 2
    INACTIVE = 3
    ACTIVE = 4
    RUNNING = 5

    @property
    def is_loaded(self) -> bool:
        """Whether OCS holds the group in memory (every status but NOT_LOADED)."""
        return self is not GroupStatus.NOT_LOADED


class DialMode(_IntEnum):
    """Dialing mode of a campaign group (Genesys ``CfgDialMode``)."""

    NONE = 0
    PREDICTIVE = 1
    PROGRESSIVE = 2
    PREVIEW = 3
    PROGRESSIVE_SEIZE = 4
    PREDICTIVE_SEIZE = 5
    POWER = 6
    POWER_SEIZE = 7
    PUSH_PREVIEW = 8
    PROGRESSIVE_GVP = 9
    PREDICTIVE_GVP = 10
    POWER_GVP = 11

    @property
    def family(self) -> DialFamily:
        """How calls are paced in this mode; the SEIZE and GVP variants share it."""
        return _FAMILY[self]

    @property
    def is_predictive(self) -> bool:
        """Whether a model of answer rate and handle time picks the call count."""
        return self.family is DialFamily.PREDICTIVE


class DialFamily(_StrEnum):
    """How a dial mode paces calls, whatever line it seizes or platform it uses."""

    NONE = "none"
    PREVIEW = "preview"
    PROGRESSIVE = "progressive"
    POWER = "power"
    PREDICTIVE = "predictive"


_FAMILY = {
    DialMode.NONE: DialFamily.NONE,
    DialMode.PREDICTIVE: DialFamily.PREDICTIVE,
    DialMode.PROGRESSIVE: DialFamily.PROGRESSIVE,
    DialMode.PREVIEW: DialFamily.PREVIEW,
    DialMode.PROGRESSIVE_SEIZE: DialFamily.PROGRESSIVE,
    DialMode.PREDICTIVE_SEIZE: DialFamily.PREDICTIVE,
    DialMode.POWER: DialFamily.POWER,
    DialMode.POWER_SEIZE: DialFamily.POWER,
    DialMode.PUSH_PREVIEW: DialFamily.PREVIEW,
    DialMode.PROGRESSIVE_GVP: DialFamily.PROGRESSIVE,
    DialMode.PREDICTIVE_GVP: DialFamily.PREDICTIVE,
    DialMode.POWER_GVP: DialFamily.POWER,
}


class OptimizeBy(_IntEnum):
    """Optimization method of a predictive group (Genesys ``GSW_OPTIMIZE_BY``).

    The goal is a percent for BUSY_FACTOR and OVERDIAL_RATE, and seconds for
    WAIT_TIME (average waiting time) and DISTRIBUTION_TIME.
    """

    NONE = 0
    BUSY_FACTOR = 1
    OVERDIAL_RATE = 2
    WAIT_TIME = 3
    DISTRIBUTION_TIME = 4
    MAXIMUM_GAIN = 5


class GroupAction(_IntEnum):
    """The request that caused a group change (Genesys ``CMMessageType``)."""

    LOAD = 7
    UNLOAD = 8
    START_DIALING = 9
    STOP_DIALING = 10
    SET_DIALING_MODE = 11
    FORCE_UNLOAD = 29
    COMPLETE = 36


class Actor(_IntEnum):
    """Who caused a group change (Genesys ``GSW_CAMPAIGN_GROUP_ACTOR``)."""

    UNKNOWN = 0
    OCS_CLIENT = 1
    COMM_DN_CLIENT = 2
    SELF = 3
    SCHEDULE = 4
    SEQUENCE = 5


class CampaignPhase(_StrEnum):
    """Where a campaign is in its life, whatever caused it to get there."""

    NEW = "new"
    SCHEDULED = "scheduled"
    STARTING = "starting"
    RUNNING = "running"
    PAUSED = "paused"
    PURGED = "purged"
    STOPPED = "stopped"


class StatusCause(_StrEnum):
    """What drives a campaign status: a person, the schedule, or finished records."""

    MANUAL = "manual"
    SCHEDULE = "schedule"
    COMPLETED = "completed"


class CampaignStatus(_IntEnum):
    """Campaign status ids of the 8x8 CC status API.

    Each id is a phase (:attr:`phase`) reached for a cause (:attr:`cause`);
    the three stopped statuses are final.
    """

    NEW = 0
    MANUAL_STARTED = 1
    SCHEDULED = 2
    MANUAL_RUNNING = 3
    SCHEDULE_RUNNING = 4
    MANUAL_STOPPED = 5
    COMPLETED = 6
    SCHEDULE_STOPPED = 7
    MANUAL_PAUSED = 8
    SCHEDULE_PAUSED = 9
    MANUAL_PURGED = 10
    SCHEDULE_PURGED = 11

    @property
    def phase(self) -> CampaignPhase:
        """The phase of the campaign's life this status belongs to."""
        return _PHASE_CAUSE[self][0]

    @property
    def cause(self) -> StatusCause | None:
        """What put the campaign in this status (``None`` for NEW)."""
        return _PHASE_CAUSE[self][1]

    @property
    def is_final(self) -> bool:
        """Whether the campaign is stopped for good (the 8x8 STOPPED is final)."""
        return self.phase is CampaignPhase.STOPPED


_M, _S, _C = StatusCause.MANUAL, StatusCause.SCHEDULE, StatusCause.COMPLETED
_PHASE_CAUSE: dict[CampaignStatus, tuple[CampaignPhase, StatusCause | None]] = {
    CampaignStatus.NEW: (CampaignPhase.NEW, None),
    CampaignStatus.MANUAL_STARTED: (CampaignPhase.STARTING, _M),
    CampaignStatus.SCHEDULED: (CampaignPhase.SCHEDULED, _S),
    CampaignStatus.MANUAL_RUNNING: (CampaignPhase.RUNNING, _M),
    CampaignStatus.SCHEDULE_RUNNING: (CampaignPhase.RUNNING, _S),
    CampaignStatus.MANUAL_STOPPED: (CampaignPhase.STOPPED, _M),
    CampaignStatus.COMPLETED: (CampaignPhase.STOPPED, _C),
    CampaignStatus.SCHEDULE_STOPPED: (CampaignPhase.STOPPED, _S),
    CampaignStatus.MANUAL_PAUSED: (CampaignPhase.PAUSED, _M),
    CampaignStatus.SCHEDULE_PAUSED: (CampaignPhase.PAUSED, _S),
    CampaignStatus.MANUAL_PURGED: (CampaignPhase.PURGED, _M),
    CampaignStatus.SCHEDULE_PURGED: (CampaignPhase.PURGED, _S),
}


class RequestedStatus(_StrEnum):
    """A status change a client may ask of an 8x8 campaign (the POST body's value)."""

    RUNNING = "RUNNING"
    PAUSED = "PAUSED"
    PURGED = "PURGED"
    STOPPED = "STOPPED"


class CampaignActivity(_StrEnum):
    """A campaign's activity as Stat Server derives it from its groups."""

    RUNNING = "running"
    ACTIVATED = "activated"
    DEACTIVATED = "deactivated"


class CampaignType(_StrEnum):
    """What a VoIPbin campaign does with each destination."""

    CALL = "call"
    FLOW = "flow"


class EndHandle(_StrEnum):
    """What a campaign does when its list has no target left (VoIPbin)."""

    STOP = "stop"
    CONTINUE = "continue"


class GroupKind(_StrEnum):
    """What a campaign group is based on: a group of agents or a group of places."""

    AGENTS = "agents"
    PLACES = "places"


class CallOutcome(_StrEnum):
    """Whether a call attempt reached its destination (VoIPbin's hangup reasons)."""

    SUCCESS = "success"
    FAILURE = "failure"
