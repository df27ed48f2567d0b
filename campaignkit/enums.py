"""The vendors' enumerations, with the vendors' own numbers and strings.

Integer enums are :class:`enum.IntEnum` (``GroupStatus.RUNNING == 5`` as on the
Genesys wire); string enums are :class:`enum.StrEnum` with the vendor's spelling.
"""

from __future__ import annotations

import contextlib
import enum
from typing import Any, Self, TypeVar

from campaignkit.errors import ValidationError

__all__ = [
    "Actor",
    "CallOutcome",
    "CallResult",
    "CampaignActivity",
    "CampaignPhase",
    "CampaignStatus",
    "CampaignType",
    "ContactType",
    "DialFamily",
    "DialMode",
    "EndHandle",
    "GroupAction",
    "GroupKind",
    "GroupStatus",
    "OptimizeBy",
    "RecordStatus",
    "RecordType",
    "RequestedStatus",
    "StatusCause",
]


def members_text(cls: type[enum.Enum]) -> str:
    """Every member as ``NAME (value)``, for a refusal that lists the valid ones."""
    return ", ".join(f"{m.name} ({m.value!r})" for m in cls)


E = TypeVar("E", bound=enum.Enum)


def member(cls: type[E], value: Any, obj: str = "", field: str = "value") -> E:
    """The member of any enum ``cls`` that ``value`` names (see ``parse``)."""
    if isinstance(value, cls):
        return value
    # Only an int (not a bool) or a str can be a wire value; enum's own error
    # for anything else would call its repr (a failing or endless one).
    if isinstance(value, int | str) and type(value) is not bool:
        with contextlib.suppress(ValueError):
            return cls(value)
        if isinstance(value, str) and value.upper() in cls.__members__:
            return cls[value.upper()]
    raise ValidationError(obj or cls.__name__, field, value, members_text(cls))


class _Parse:
    @classmethod
    def parse(cls, value: Any, obj: str = "", field: str = "value") -> Self:
        """The member that ``value`` names: a member, a wire value or a name.

        Names match in any case, wire values exactly. Anything else is a
        :class:`~campaignkit.errors.ValidationError` of ``obj.field`` (default: this
        enum's) that lists the valid members.
        """
        return member(cls, value, obj, field)  # type: ignore[type-var]


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


class _DataEnum(_IntEnum):
    """An integer enum whose members carry data after their number."""

    _data: tuple[Any, ...]

    def __new__(cls, value: int, *data: Any) -> Self:
        member = int.__new__(cls, value)
        member._value_, member._data = value, data
        return member


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
        """How calls are paced; ``PUSH_``, ``_SEIZE``, ``_GVP`` variants share it."""
        return DialFamily[self.name.removeprefix("PUSH_").split("_")[0]]

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


class OptimizeBy(_IntEnum):
    """Optimization method of a predictive group (Genesys ``GSW_OPTIMIZE_BY``)."""

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


class CampaignStatus(_DataEnum):
    """Campaign status ids of the 8x8 CC status API: a phase reached for a cause."""

    _data: tuple[CampaignPhase, StatusCause | None]

    NEW = 0, CampaignPhase.NEW, None
    MANUAL_STARTED = 1, CampaignPhase.STARTING, StatusCause.MANUAL
    SCHEDULED = 2, CampaignPhase.SCHEDULED, StatusCause.SCHEDULE
    MANUAL_RUNNING = 3, CampaignPhase.RUNNING, StatusCause.MANUAL
    SCHEDULE_RUNNING = 4, CampaignPhase.RUNNING, StatusCause.SCHEDULE
    MANUAL_STOPPED = 5, CampaignPhase.STOPPED, StatusCause.MANUAL
    COMPLETED = 6, CampaignPhase.STOPPED, StatusCause.COMPLETED
    SCHEDULE_STOPPED = 7, CampaignPhase.STOPPED, StatusCause.SCHEDULE
    MANUAL_PAUSED = 8, CampaignPhase.PAUSED, StatusCause.MANUAL
    SCHEDULE_PAUSED = 9, CampaignPhase.PAUSED, StatusCause.SCHEDULE
    MANUAL_PURGED = 10, CampaignPhase.PURGED, StatusCause.MANUAL
    SCHEDULE_PURGED = 11, CampaignPhase.PURGED, StatusCause.SCHEDULE

    @property
    def phase(self) -> CampaignPhase:
        """The phase of the campaign's life this status belongs to."""
        return self._data[0]

    @property
    def cause(self) -> StatusCause | None:
        """What put the campaign in this status (``None`` for NEW)."""
        return self._data[1]

    @property
    def is_final(self) -> bool:
        """Whether the campaign is stopped for good (in the STOPPED phase)."""
        return self.phase is CampaignPhase.STOPPED


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


class RecordStatus(_IntEnum):
    """Where a record is in its processing (Genesys ``record_status``)."""

    NO_RECORD_STATUS = 0
    READY = 1
    RETRIEVED = 2
    UPDATED = 3
    STALE = 4
    CANCELLED = 5
    AGENT_ERROR = 6
    CHAIN_UPDATED = 7
    MISSED_CALLBACK = 8
    CHAIN_READY = 9
    DELEGATED = 10

    @property
    def is_pending(self) -> bool:
        """Whether the record has work ahead: to dial, being dialed or handed on."""
        return self.name in _PENDING


_PENDING = {"READY", "RETRIEVED", "CHAIN_READY", "MISSED_CALLBACK", "DELEGATED"}


class RecordType(_IntEnum):
    """How a record came to be dialed (Genesys ``record_type``)."""

    NO_RECORD_TYPE = 0
    UNKNOWN = 1
    GENERAL = 2
    CAMPAIGN_RESCHEDULED = 3
    PERSONAL_RESCHEDULED = 4
    PERSONAL_CALLBACK = 5
    CAMPAIGN_CALLBACK = 6
    NO_CALL = 7


class ContactType(_IntEnum):
    """What kind of number ``contact_info`` is (Genesys ``contact_info_type``)."""

    NO_CONTACT_TYPE = 0
    HOME_PHONE = 1
    DIRECT_BUSINESS_PHONE = 2
    BUSINESS_WITH_EXTENSION = 3
    MOBILE = 4
    VACATION_PHONE = 5
    PAGER = 6
    MODEM = 7
    VOICE_MAIL = 8
    PIN_PAGER = 9
    EMAIL = 10


class CallResult(_DataEnum):
    """The outcome of one dialing attempt (Genesys ``call_result``, 0 to 53)."""

    _data: tuple[str, ...]  # the label Genesys shows, unless the name title-cased

    OK = 0, "Ok"
    TRANSFERRED = 1
    CONFERENCED = 2
    GENERAL_ERROR = 3
    SYSTEM_ERROR = 4
    REMOTE_RELEASE = 5, "Remote Release"
    BUSY = 6
    NO_ANSWER = 7
    SIT_DETECTED = 8, "SIT Detected"
    ANSWERING_MACHINE_DETECTED = 9
    ALL_TRUNKS_BUSY = 10
    SIT_INVALID_NUM = 11, "SIT Invalid Num"
    SIT_VACANT = 12, "SIT VC (Vacant Code)"
    SIT_OPER_INTERCEPT = 13, "SIT IC (Intercept)"
    SIT_UNKNOWN = 14, "SIT Unknown Call State"
    SIT_NO_CIRCUIT = 15, "SIT NC (No Circuit)"
    SIT_REORDER = 16, "SIT RO (Reorder)"
    FAX_DETECTED = 17
    QUEUE_FULL = 18
    CLEARED = 19
    OVERFLOWED = 20
    ABANDONED = 21
    REDIRECTED = 22
    FORWARDED = 23
    CONSULT = 24
    PICKED_UP = 25, "PickedUp"
    DROPPED = 26
    DROPPED_NO_ANSWER = 27, "Dropped on No Answer"
    UNKNOWN = 28, "Unknown Call Result"
    COVERED = 29
    CONVERSE_ON = 30, "Converse-On"
    BRIDGED = 31
    SILENCE = 32
    ANSWER = 33
    NU_TONE = 34, "NU Tone"
    NO_DIAL_TONE = 35
    NO_PROGRESS = 36
    NO_RINGBACK = 37, "No Ring Back Tone"
    NO_ESTABLISHED = 38, "No Established Detected"
    PAGER_DETECTED = 39
    WRONG_PARTY = 40
    DIAL_ERROR = 41
    CALL_DROP_ERROR = 42
    SWITCH_ERROR = 43
    NO_PORT_AVAILABLE = 44
    TRANSFER_ERROR = 45
    STALE = 46
    AGENT_CALLBACK_ERROR = 47, "Agent CallBack Error"
    GROUP_CALLBACK_ERROR = 48, "Group Call Back Error"
    DEAFENED = 49
    HELD = 50
    DO_NOT_CALL = 51
    CANCEL_RECORD = 52
    WRONG_NUMBER = 53

    @property
    def label(self) -> str:
        """The name Genesys shows for this result (``Answering Machine Detected``)."""
        return self._data[0] if self._data else self.name.replace("_", " ").title()
