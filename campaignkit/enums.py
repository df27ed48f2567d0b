"""The vendors' enumerations, with the vendors' own numbers and strings.

Integers are :class:`enum.IntEnum` so that ``GroupStatus.RUNNING == 5`` holds exactly
as on the Genesys wire; strings are :class:`enum.StrEnum` with the VoIPbin or 8x8
spelling as the value.
"""

from __future__ import annotations

import enum

__all__ = [
    "Actor",
    "CallOutcome",
    "CampaignActivity",
    "CampaignPhase",
    "CampaignStatus",
    "CampaignType",
    "DialMode",
    "EndHandle",
    "GroupAction",
    "GroupKind",
    "GroupStatus",
    "OptimizeBy",
    "RequestedStatus",
    "StatusCause",
]


class GroupStatus(enum.IntEnum):
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


class DialMode(enum.IntEnum):
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
    def is_predictive(self) -> bool:
        """Whether a model of answer rate and handle time picks the call count."""
        return self in _PREDICTIVE_MODES


_PREDICTIVE_MODES = frozenset(
    {DialMode.PREDICTIVE, DialMode.PREDICTIVE_SEIZE, DialMode.PREDICTIVE_GVP}
)


class OptimizeBy(enum.IntEnum):
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


class GroupAction(enum.IntEnum):
    """The request that caused a group change (Genesys ``CMMessageType``)."""

    LOAD = 7
    UNLOAD = 8
    START_DIALING = 9
    STOP_DIALING = 10
    SET_DIALING_MODE = 11
    FORCE_UNLOAD = 29
    COMPLETE = 36


class Actor(enum.IntEnum):
    """Who caused a group change (Genesys ``GSW_CAMPAIGN_GROUP_ACTOR``)."""

    UNKNOWN = 0
    OCS_CLIENT = 1
    COMM_DN_CLIENT = 2
    SELF = 3
    SCHEDULE = 4
    SEQUENCE = 5


class CampaignPhase(enum.StrEnum):
    """Where a campaign is in its life, whatever caused it to get there."""

    NEW = "new"
    SCHEDULED = "scheduled"
    STARTING = "starting"
    RUNNING = "running"
    PAUSED = "paused"
    PURGED = "purged"
    STOPPED = "stopped"


class StatusCause(enum.StrEnum):
    """What drives a campaign status: a person, the schedule, or finished records."""

    MANUAL = "manual"
    SCHEDULE = "schedule"
    COMPLETED = "completed"


class CampaignStatus(enum.IntEnum):
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


class RequestedStatus(enum.StrEnum):
    """A status change a client may ask of an 8x8 campaign (the POST body's value)."""

    RUNNING = "RUNNING"
    PAUSED = "PAUSED"
    PURGED = "PURGED"
    STOPPED = "STOPPED"


class CampaignActivity(enum.StrEnum):
    """A campaign's activity as Stat Server derives it from its groups."""

    RUNNING = "running"
    ACTIVATED = "activated"
    DEACTIVATED = "deactivated"


class CampaignType(enum.StrEnum):
    """What a VoIPbin campaign does with each destination."""

    CALL = "call"
    FLOW = "flow"


class EndHandle(enum.StrEnum):
    """What a campaign does when its list has no target left (VoIPbin)."""

    STOP = "stop"
    CONTINUE = "continue"


class GroupKind(enum.StrEnum):
    """What a campaign group is based on: a group of agents or a group of places."""

    AGENTS = "agents"
    PLACES = "places"


class CallOutcome(enum.StrEnum):
    """Whether a call attempt reached its destination (VoIPbin's hangup reasons)."""

    SUCCESS = "success"
    FAILURE = "failure"
