"""Calling-list records, call results and the retry plans that move them.

A calling list is where a campaign's work is: one :class:`CallingRecord` per
customer, with the Genesys fields (record status, call result, attempt count,
scheduled time, daily window, time zone) and up to five destinations with their
try counts (the VoIPbin target shape). Three pure functions decide what happens
to them, so a host service never writes these rules itself:

- :func:`dialable` picks the records that may be dialed now;
- :func:`record_outcome` applies a call result under a :class:`RetryPlan` and
  returns the new record (retried later, moved to its next destination, or final);
- :func:`list_progress` counts records by status for time-to-complete.

Times are aware datetimes normalised to UTC; the daily window is a pair of
:class:`datetime.time` read in the record's own IANA zone (the list's zone when
the record has none). Genesys stores them as epoch seconds and seconds since
midnight: :func:`utc_from_epoch`, :func:`epoch_from_utc`,
:func:`time_from_seconds` and :func:`seconds_from_time` convert.
"""

from __future__ import annotations

import datetime as dt
import enum
import heapq
import operator
import types
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from campaignkit import _validate as v
from campaignkit.errors import ValidationError
from campaignkit.models import Campaign

__all__ = [
    "DEFAULT_MAX_ABANDONS",
    "DEFAULT_RETRY_PLAN",
    "MAX_EPOCH",
    "MAX_RETRY_INTERVAL",
    "CallResult",
    "CallingRecord",
    "ContactType",
    "Destination",
    "ListProgress",
    "RecordStatus",
    "RecordType",
    "RetryPlan",
    "Treatment",
    "dialable",
    "epoch_from_utc",
    "list_progress",
    "next_destination",
    "record_outcome",
    "seconds_from_time",
    "time_from_seconds",
    "utc_from_epoch",
]

MAX_DESTINATIONS = 5
"""A VoIPbin target has five destinations; more are refused."""

MAX_RETRY_INTERVAL = dt.timedelta(days=365)
"""The longest wait before a retry: a record retried more than a year later belongs
to another campaign, and every retry time stays far inside datetime's range."""

MAX_EPOCH = 253_402_300_799
"""The last Genesys epoch second a datetime holds: 9999-12-31 23:59:59 UTC."""


class RecordStatus(enum.IntEnum):
    """Where a record is in its processing (Genesys ``record_status``).

    Numbers 0-9 are the Genesys Outbound Contact "Record Statuses" enumeration;
    10 (DELEGATED) is from campaignkit's domain reference and could not be
    confirmed in a public Genesys table.
    """

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
        """Whether the record still has work ahead: to dial, being dialed, or handed on.

        *(ours)* READY, RETRIEVED, CHAIN_READY, MISSED_CALLBACK and DELEGATED are
        pending; every other status counts as finished.
        """
        return self in _PENDING


_PENDING = frozenset(
    {
        RecordStatus.READY,
        RecordStatus.RETRIEVED,
        RecordStatus.CHAIN_READY,
        RecordStatus.MISSED_CALLBACK,
        RecordStatus.DELEGATED,
    }
)


class RecordType(enum.IntEnum):
    """How a record came to be dialed (Genesys ``record_type``)."""

    NO_RECORD_TYPE = 0
    UNKNOWN = 1
    GENERAL = 2
    CAMPAIGN_RESCHEDULED = 3
    PERSONAL_RESCHEDULED = 4
    PERSONAL_CALLBACK = 5
    CAMPAIGN_CALLBACK = 6
    NO_CALL = 7


class ContactType(enum.IntEnum):
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


class CallResult(enum.IntEnum):
    """The outcome of one dialing attempt (Genesys ``call_result``).

    The numbers 0-53 and their names are the "Call Results" enumeration of the
    Genesys Outbound Contact Reference Manual (the values OCS keeps in its
    ``cfg_locale`` table); :attr:`label` is the name Genesys shows. The table was
    checked against three independent public copies, which agree on every number.
    Genesys documents 0 (Ok) as "call result is unset" and 28 (Unknown Call
    Result) as the value new records start with.
    """

    OK = 0
    TRANSFERRED = 1
    CONFERENCED = 2
    GENERAL_ERROR = 3
    SYSTEM_ERROR = 4
    REMOTE_RELEASE = 5
    BUSY = 6
    NO_ANSWER = 7
    SIT_DETECTED = 8
    ANSWERING_MACHINE_DETECTED = 9
    ALL_TRUNKS_BUSY = 10
    SIT_INVALID_NUM = 11
    SIT_VACANT = 12
    SIT_OPER_INTERCEPT = 13
    SIT_UNKNOWN = 14
    SIT_NO_CIRCUIT = 15
    SIT_REORDER = 16
    FAX_DETECTED = 17
    QUEUE_FULL = 18
    CLEARED = 19
    OVERFLOWED = 20
    ABANDONED = 21
    REDIRECTED = 22
    FORWARDED = 23
    CONSULT = 24
    PICKED_UP = 25
    DROPPED = 26
    DROPPED_NO_ANSWER = 27
    UNKNOWN = 28
    COVERED = 29
    CONVERSE_ON = 30
    BRIDGED = 31
    SILENCE = 32
    ANSWER = 33
    NU_TONE = 34
    NO_DIAL_TONE = 35
    NO_PROGRESS = 36
    NO_RINGBACK = 37
    NO_ESTABLISHED = 38
    PAGER_DETECTED = 39
    WRONG_PARTY = 40
    DIAL_ERROR = 41
    CALL_DROP_ERROR = 42
    SWITCH_ERROR = 43
    NO_PORT_AVAILABLE = 44
    TRANSFER_ERROR = 45
    STALE = 46
    AGENT_CALLBACK_ERROR = 47
    GROUP_CALLBACK_ERROR = 48
    DEAFENED = 49
    HELD = 50
    DO_NOT_CALL = 51
    CANCEL_RECORD = 52
    WRONG_NUMBER = 53

    @property
    def label(self) -> str:
        """The name Genesys shows for this result (``Answering Machine Detected``)."""
        return _LABELS.get(self, self.name.replace("_", " ").title())


_LABELS = {
    CallResult.OK: "Ok",
    CallResult.REMOTE_RELEASE: "Remote Release",
    CallResult.SIT_DETECTED: "SIT Detected",
    CallResult.SIT_INVALID_NUM: "SIT Invalid Num",
    CallResult.SIT_VACANT: "SIT VC (Vacant Code)",
    CallResult.SIT_OPER_INTERCEPT: "SIT IC (Intercept)",
    CallResult.SIT_UNKNOWN: "SIT Unknown Call State",
    CallResult.SIT_NO_CIRCUIT: "SIT NC (No Circuit)",
    CallResult.SIT_REORDER: "SIT RO (Reorder)",
    CallResult.PICKED_UP: "PickedUp",
    CallResult.DROPPED_NO_ANSWER: "Dropped on No Answer",
    CallResult.UNKNOWN: "Unknown Call Result",
    CallResult.CONVERSE_ON: "Converse-On",
    CallResult.NU_TONE: "NU Tone",
    CallResult.NO_RINGBACK: "No Ring Back Tone",
    CallResult.NO_ESTABLISHED: "No Established Detected",
    CallResult.AGENT_CALLBACK_ERROR: "Agent CallBack Error",
    CallResult.GROUP_CALLBACK_ERROR: "Group Call Back Error",
}


# --------------------------------------------------------------------------- time


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def utc_from_epoch(seconds: int) -> dt.datetime:
    """Turn Genesys epoch seconds (``dial_sched_time``, ``call_time``) into UTC.

    >>> utc_from_epoch(1_700_000_000)
    datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc)
    """
    ok = isinstance(seconds, int) and not isinstance(seconds, bool)
    ok = ok and 0 <= seconds <= MAX_EPOCH
    v.check("epoch", "seconds", seconds, ok, f"an integer from 0 to {MAX_EPOCH}")
    return _EPOCH + dt.timedelta(seconds=seconds)


def epoch_from_utc(moment: dt.datetime) -> int:
    """Turn an aware datetime into Genesys epoch seconds (fractions dropped).

    >>> epoch_from_utc(dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC))
    1700000000
    """
    _check_aware("epoch", "moment", moment)
    return int(moment.timestamp())


def time_from_seconds(seconds: int) -> dt.time:
    """Turn Genesys ``daily_from``/``daily_till`` (seconds since midnight) into a time.

    >>> time_from_seconds(64_800)
    datetime.time(18, 0)
    """
    ok = isinstance(seconds, int) and not isinstance(seconds, bool)
    v.check("daily", "seconds", seconds, ok and 0 <= seconds < 86_400, "0 to 86399")
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def seconds_from_time(time: dt.time) -> int:
    """Turn a time of day into Genesys seconds since midnight (fractions dropped).

    >>> seconds_from_time(dt.time(23, 59))
    86340
    """
    v.check("daily", "time", time, isinstance(time, dt.time), "a datetime.time")
    return time.hour * 3600 + time.minute * 60 + time.second


def _check_aware(obj: str, field: str, value: Any) -> None:
    ok = isinstance(value, dt.datetime) and value.utcoffset() is not None
    v.check(obj, field, value, ok, "a timezone-aware datetime")


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# ------------------------------------------------------------------------ records


@attrs.frozen(kw_only=True)
class Destination:
    """One number of a record and how often it was tried (a VoIPbin destination).

    Attributes:
        address: The number (or address) to dial.
        tries: Attempts made on this destination so far.
    """

    address: str = attrs.field(validator=v.nonempty_str())
    tries: int = attrs.field(default=0, validator=v.integer(0))


_MICROSECOND = dt.timedelta(microseconds=1)
_UNSCHEDULED = -(2**63)  # before any scheduled time, so unscheduled records come first
_ID_BITS = 63
_MAX_ID = 2**_ID_BITS - 1  # a signed 64-bit database id


def _microseconds(moment: dt.datetime) -> int:
    """Microseconds since the epoch: exact, and faster to compare than datetimes."""
    return (moment - _EPOCH) // _MICROSECOND


_OPT_UTC = v.optional(v.utc_datetime)
_OPT_TIME = v.optional(v.time_of_day)


_DAY = 86_400_000_000  # microseconds


def _of_day(value: dt.time) -> int:
    """Microseconds since midnight: exact, and fast to compare."""
    seconds = value.hour * 3600 + value.minute * 60 + value.second
    return seconds * 1_000_000 + value.microsecond


def _window_of(start: dt.time | None, end: dt.time | None) -> tuple[int, int, bool]:
    """The daily window as ``(low, high, outside)``, both ends inclusive.

    A time ``t`` is inside when ``(low <= t <= high) is not outside``. A window that
    crosses midnight is stored as the gap it leaves, ``outside`` flagged.
    """
    low = 0 if start is None else _of_day(start)
    high = _DAY if end is None else _of_day(end)
    if low <= high:
        return low, high, False
    return high + 1, low - 1, True


def _abandons(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.integer(0)(obj, attribute, value)
    ok = value <= obj.attempt
    v.check(obj, attribute.name, value, ok, "at most `attempt` (each is an attempt)")


@attrs.frozen(kw_only=True)
class CallingRecord:
    """One customer in a calling list: the Genesys record fields, plus destinations.

    Attributes:
        record_id: The record's id in its calling list (a 64-bit database id, >= 0);
            ties in the dialing order are broken by it.
        contact_info: The number to dial when the record has no destinations.
        contact_info_type: What kind of number ``contact_info`` is.
        record_type: How the record came to be dialed; NO_CALL records are never
            dialed.
        record_status: Where the record is; only READY records are dialed.
        call_result: The result of the last attempt (UNKNOWN before the first).
        attempt: Attempts made so far.
        abandons: Of those, attempts that ended ABANDONED (answered, no agent in
            time), which :attr:`RetryPlan.max_abandons` limits on their own
            (campaignkit's field: Genesys records have no such column).
        dial_sched_time: Not dialed before this (UTC); ``None`` = as soon as allowed.
        call_time: When the last attempt ended (UTC), if any.
        daily_from: Start of the daily window in ``time_zone`` (``None`` = midnight).
        daily_till: Last allowed time of the daily window, inclusive (``None`` = end
            of day); a ``daily_till`` before ``daily_from`` crosses midnight.
        time_zone: IANA zone the window is read in; ``None`` = the calling list's.
        destinations: Up to five numbers tried in order, each with its try count.
    """

    record_id: int = attrs.field(validator=v.integer(0, _MAX_ID))
    contact_info: str = attrs.field(validator=v.nonempty_str())
    contact_info_type: ContactType = attrs.field(
        default=ContactType.NO_CONTACT_TYPE, validator=v.instance_of(ContactType)
    )
    record_type: RecordType = attrs.field(
        default=RecordType.GENERAL, validator=v.instance_of(RecordType)
    )
    record_status: RecordStatus = attrs.field(
        default=RecordStatus.READY, validator=v.instance_of(RecordStatus)
    )
    call_result: CallResult = attrs.field(
        default=CallResult.UNKNOWN, validator=v.instance_of(CallResult)
    )
    attempt: int = attrs.field(default=0, validator=v.integer(0))
    abandons: int = attrs.field(default=0, validator=_abandons)
    dial_sched_time: dt.datetime | None = attrs.field(
        default=None, converter=v.to_utc, validator=_OPT_UTC
    )
    call_time: dt.datetime | None = attrs.field(
        default=None, converter=v.to_utc, validator=_OPT_UTC
    )
    daily_from: dt.time | None = attrs.field(default=None, validator=_OPT_TIME)
    daily_till: dt.time | None = attrs.field(default=None, validator=_OPT_TIME)
    time_zone: str | None = attrs.field(default=None, validator=v.optional(v.time_zone))
    destinations: tuple[Destination, ...] = attrs.field(
        default=(), converter=_tuple, validator=v.tuple_of(Destination)
    )
    # Derived once here so that dialable() compares plain numbers per record.
    _window: tuple[int, int, bool] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _due: int = attrs.field(init=False, eq=False, hash=False, repr=False)
    _order: int = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        v.check(
            self,
            "destinations",
            self.destinations,
            len(self.destinations) <= MAX_DESTINATIONS,
            f"at most {MAX_DESTINATIONS} destinations",
        )
        window = _window_of(self.daily_from, self.daily_till)
        object.__setattr__(self, "_window", window)
        scheduled = self.dial_sched_time
        due = _UNSCHEDULED if scheduled is None else _microseconds(scheduled)
        object.__setattr__(self, "_due", due)
        # (scheduled time, record id) packed in one int: sorts several times faster.
        order = ((due - _UNSCHEDULED) << _ID_BITS) | self.record_id
        object.__setattr__(self, "_order", order)


# ---------------------------------------------------------------------- retrying


def _interval(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, dt.timedelta)
    ok = ok and dt.timedelta(0) <= value <= MAX_RETRY_INTERVAL
    v.check(obj, attribute.name, value, ok, "a timedelta from 0 to 365 days")


@attrs.frozen(kw_only=True)
class Treatment:
    """What to do with a record after one call result (a simplified Genesys treatment).

    Attributes:
        retry: Whether the record is dialed again; if not, it is final.
        interval: How long after the attempt ended the record may be dialed again
            (0 to :data:`MAX_RETRY_INTERVAL`).
        max_attempts: The record's attempt limit after this result; ``None`` = the
            plan's ``max_attempts``.
    """

    retry: bool = attrs.field(validator=v.boolean)
    interval: dt.timedelta = attrs.field(default=dt.timedelta(0), validator=_interval)
    max_attempts: int | None = attrs.field(
        default=None, validator=v.optional(v.integer(1))
    )


def _minutes(minutes: int, max_attempts: int | None = None) -> Treatment:
    return Treatment(
        retry=True, interval=dt.timedelta(minutes=minutes), max_attempts=max_attempts
    )


_FINAL = Treatment(retry=False)
_R = CallResult

#: The default treatments *(ours)*, grouped; every result not listed gets
#: ``_OTHERWISE``. docs/records.md shows the same table (a test compares them).
_DEFAULT_GROUPS: tuple[tuple[Treatment, tuple[CallResult, ...]], ...] = (
    (_FINAL, (_R.OK, _R.TRANSFERRED, _R.CONFERENCED, _R.ANSWER)),
    (_FINAL, (_R.DO_NOT_CALL, _R.CANCEL_RECORD)),
    (
        _FINAL,
        (
            _R.WRONG_NUMBER,
            _R.SIT_INVALID_NUM,
            _R.SIT_VACANT,
            _R.SIT_OPER_INTERCEPT,
            _R.NU_TONE,
            _R.FAX_DETECTED,
            _R.PAGER_DETECTED,
        ),
    ),
    (
        _minutes(10),
        (
            _R.BUSY,
            _R.ALL_TRUNKS_BUSY,
            _R.SIT_NO_CIRCUIT,
            _R.SIT_REORDER,
            _R.QUEUE_FULL,
        ),
    ),
    (
        _minutes(30),
        (
            _R.NO_ANSWER,
            _R.DROPPED_NO_ANSWER,
            _R.NO_RINGBACK,
            _R.NO_ESTABLISHED,
            _R.REMOTE_RELEASE,
            _R.SIT_DETECTED,
            _R.SIT_UNKNOWN,
        ),
    ),
    (_minutes(240), (_R.ANSWERING_MACHINE_DETECTED, _R.SILENCE, _R.WRONG_PARTY)),
    (_minutes(60), (_R.ABANDONED,)),  # and at most DEFAULT_MAX_ABANDONS of them
    (
        _minutes(5),
        (
            _R.GENERAL_ERROR,
            _R.SYSTEM_ERROR,
            _R.DIAL_ERROR,
            _R.CALL_DROP_ERROR,
            _R.SWITCH_ERROR,
            _R.NO_PORT_AVAILABLE,
            _R.TRANSFER_ERROR,
            _R.NO_DIAL_TONE,
            _R.NO_PROGRESS,
            _R.DROPPED,
            _R.STALE,
            _R.AGENT_CALLBACK_ERROR,
            _R.GROUP_CALLBACK_ERROR,
        ),
    ),
)
_OTHERWISE = _minutes(60)
_DEFAULT_TREATMENTS = dict(
    sorted((r, t) for t, results in _DEFAULT_GROUPS for r in results)
)

DEFAULT_MAX_ABANDONS = 3
"""The default plan's limit of abandoned calls per record *(ours)*."""

#: Results that reached the customer: final under every plan.
_REACHED = frozenset({_R.OK, _R.TRANSFERRED, _R.CONFERENCED, _R.ANSWER})
#: Results that cancel the record: final under every plan, status CANCELLED.
_CANCELLING = frozenset({_R.DO_NOT_CALL, _R.CANCEL_RECORD})


def _frozen_treatments(value: Any) -> Any:
    if isinstance(value, Mapping):
        return types.MappingProxyType(dict(value))
    return value


def _treatments(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, Mapping) and all(
        isinstance(r, CallResult) and isinstance(t, Treatment) for r, t in value.items()
    )
    v.check(obj, attribute.name, value, ok, "a mapping of CallResult to Treatment")


def _tries(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * MAX_DESTINATIONS
    return _tuple(value)


def _check_tries(obj: Any, field: str, value: Any) -> None:
    ok = (
        isinstance(value, tuple)
        and len(value) <= MAX_DESTINATIONS
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        and all(n >= 0 for n in value)
    )
    v.check(obj, field, value, ok, "an integer >= 0, or up to five of them")


def _destination_tries(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _check_tries(obj, attribute.name, value)


@attrs.frozen(kw_only=True)
class RetryPlan:
    """Per call result: retry or not, after how long, and how many attempts at most.

    ``RetryPlan()`` is the default plan (:data:`DEFAULT_RETRY_PLAN`); build others
    with :meth:`from_campaign` (8x8) or :meth:`from_outplan` (VoIPbin), or with
    ``attrs.evolve``.

    Attributes:
        treatments: The treatment of each listed call result.
        otherwise: The treatment of every result not in ``treatments``.
        max_attempts: The record's attempt limit unless a treatment says otherwise.
        max_abandons: The most abandoned calls a record may have: the one that
            reaches it is final, whatever the record's other results (the 8x8
            "abandon max retry" + 1); ``None`` = no limit of its own.
        destination_tries: Tries allowed for each of up to five destinations, in
            order (VoIPbin); empty = the record is retried on its first
            destination only, up to ``max_attempts``.
    """

    treatments: Mapping[CallResult, Treatment] = attrs.field(
        factory=lambda: dict(_DEFAULT_TREATMENTS),
        converter=_frozen_treatments,
        validator=_treatments,
        hash=False,
    )
    otherwise: Treatment = attrs.field(
        default=_OTHERWISE, validator=v.instance_of(Treatment)
    )
    max_attempts: int = attrs.field(default=10, validator=v.integer(1))
    max_abandons: int | None = attrs.field(
        default=DEFAULT_MAX_ABANDONS, validator=v.optional(v.integer(1))
    )
    destination_tries: tuple[int, ...] = attrs.field(
        default=(), converter=_tries, validator=_destination_tries
    )
    # The attempt limit for each call result, by its number: one index per record.
    _limits: tuple[int, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        limits = tuple(self.attempt_limit(result) for result in CallResult)
        object.__setattr__(self, "_limits", limits)

    def treatment(self, result: CallResult) -> Treatment:
        """The treatment of ``result`` under this plan.

        >>> RetryPlan().treatment(CallResult.BUSY).interval
        datetime.timedelta(seconds=600)
        """
        return self.treatments.get(result, self.otherwise)

    def attempt_limit(self, result: CallResult) -> int:
        """How many attempts a record whose last result is ``result`` may have.

        >>> RetryPlan().attempt_limit(CallResult.BUSY)
        10
        """
        limit = self.treatment(result).max_attempts
        return self.max_attempts if limit is None else limit

    def tries_allowed(self, index: int) -> int:
        """Tries allowed on destination ``index`` (0 beyond ``destination_tries``)."""
        tries = self.destination_tries
        return tries[index] if index < len(tries) else 0

    @classmethod
    def from_campaign(cls, campaign: Campaign) -> RetryPlan:
        """Build the plan of an 8x8 campaign from its retry settings.

        The default plan decides which results are retried; the campaign sets the
        one interval every retry waits (``retry_interval``, minutes, at most 365
        days), the attempt limit (``max_retries`` + 1) and the limit of abandoned
        calls (``abandon_max_retries`` + 1, as :attr:`max_abandons`). The last
        counts abandoned calls only: with ``max_retries=9`` and
        ``abandon_max_retries=2`` a record is retried after three busy lines and
        two abandons, and final at its third abandon. A setting left ``None``
        keeps the default.

        Raises:
            ValidationError: Not a campaign, or a retry interval over 365 days.

        >>> from campaignkit.models import Campaign, RetrySettings
        >>> retry = RetrySettings(retry_interval=30, max_retries=1)
        >>> plan = RetryPlan.from_campaign(Campaign(id="6561", name="x", retry=retry))
        >>> plan.max_attempts, plan.treatment(CallResult.BUSY).interval
        (2, datetime.timedelta(seconds=1800))
        """
        _require("campaign", campaign, Campaign)
        settings = campaign.retry
        default = cls()
        minutes = settings.retry_interval
        longest = MAX_RETRY_INTERVAL // dt.timedelta(minutes=1)
        ok = minutes is None or minutes <= longest
        v.check("RetrySettings", "retry_interval", minutes, ok, f"<= {longest} min")

        def adjust(treatment: Treatment) -> Treatment:
            if not treatment.retry or minutes is None:
                return treatment
            return attrs.evolve(treatment, interval=dt.timedelta(minutes=minutes))

        treatments = {r: adjust(t) for r, t in default.treatments.items()}
        max_abandons = default.max_abandons
        if settings.abandon_max_retries is not None:
            max_abandons = settings.abandon_max_retries + 1
        max_attempts = default.max_attempts
        if settings.max_retries is not None:
            max_attempts = settings.max_retries + 1
        return cls(
            treatments=treatments,
            otherwise=adjust(default.otherwise),
            max_attempts=max_attempts,
            max_abandons=max_abandons,
        )

    @classmethod
    def from_outplan(
        cls, try_interval: int, max_tries: int | Sequence[int]
    ) -> RetryPlan:
        """Build the plan of a VoIPbin outplan.

        Every unsuccessful result is retried ``try_interval`` milliseconds after
        the attempt ended; each destination is tried up to its ``max_tries`` (one
        number for all five, or one per destination in order) before the next is
        tried. Reached results are final, and so are Do Not Call and Cancel
        Record *(ours: VoIPbin has neither)*. An abandoned call is one more
        failure on its destination: no separate limit (``max_abandons`` None).

        >>> plan = RetryPlan.from_outplan(60_000, [2, 1])
        >>> plan.destination_tries, plan.max_attempts
        ((2, 1), 3)
        >>> plan.treatment(CallResult.WRONG_NUMBER).interval
        datetime.timedelta(seconds=60)
        """
        longest = MAX_RETRY_INTERVAL // dt.timedelta(milliseconds=1)
        ok = isinstance(try_interval, int) and not isinstance(try_interval, bool)
        ok = ok and 0 <= try_interval <= longest
        allowed = f"an integer from 0 to {longest} (ms)"
        v.check(cls.__name__, "try_interval", try_interval, ok, allowed)
        retry = Treatment(retry=True, interval=dt.timedelta(milliseconds=try_interval))
        tries = _tries(max_tries)
        _check_tries(cls.__name__, "max_tries", tries)
        treatments = dict.fromkeys(sorted(_REACHED | _CANCELLING), _FINAL)
        return cls(
            treatments=treatments,
            otherwise=retry,
            max_attempts=max(1, sum(tries)),
            max_abandons=None,
            destination_tries=tries,
        )


DEFAULT_RETRY_PLAN = RetryPlan()
"""The default plan: busy and no answer retried soon, machines later, the rest final.

See the table in ``docs/records.md``; every treatment there is *(ours)*.
"""


# --------------------------------------------------------------------- decisions


def _current_destination(record: CallingRecord, plan: RetryPlan) -> int | None:
    """Index of the destination to dial next, or ``None`` when all are spent."""
    if not plan.destination_tries:
        return 0
    if not record.destinations:
        return 0 if record.attempt < plan.tries_allowed(0) else None
    for index, destination in enumerate(record.destinations):
        if destination.tries < plan.tries_allowed(index):
            return index
    return None


def next_destination(
    record: CallingRecord, plan: RetryPlan = DEFAULT_RETRY_PLAN
) -> str | None:
    """The number to dial for ``record`` next, or ``None`` when none has tries left.

    Destinations are tried in order, each up to the plan's tries for it; a record
    without destinations is dialed on ``contact_info``.

    >>> record = CallingRecord(record_id=1, contact_info="+15550100",
    ...                        destinations=[Destination(address="+15550101", tries=2),
    ...                                      Destination(address="+15550102")])
    >>> next_destination(record, RetryPlan.from_outplan(0, 2))
    '+15550102'
    """
    _require("record", record, CallingRecord)
    _require("plan", plan, RetryPlan)
    index = _current_destination(record, plan)
    if index is None:
        return None
    if not record.destinations:
        return record.contact_info
    return record.destinations[index].address


def _has_attempts_left(record: CallingRecord, plan: RetryPlan) -> bool:
    if record.attempt >= plan.attempt_limit(record.call_result):
        return False
    if plan.max_abandons is not None and record.abandons >= plan.max_abandons:
        return False
    return _current_destination(record, plan) is not None


_DIALED = frozenset({RecordStatus.READY, RecordStatus.RETRIEVED})


def record_outcome(
    record: CallingRecord,
    result: CallResult,
    *,
    at: dt.datetime,
    plan: RetryPlan = DEFAULT_RETRY_PLAN,
) -> CallingRecord:
    """Apply the result of one attempt and return the new record.

    The attempt is counted (on the record, on the destination dialed, and in
    ``abandons`` if it was abandoned), the result and ``call_time`` are set, and
    then, if the plan retries the result and attempts are left (and abandons, under
    :attr:`RetryPlan.max_abandons`), the record is READY again at ``at`` + the
    interval (counted from the end of the attempt); otherwise it is final:
    CANCELLED after Do Not Call or Cancel Record, UPDATED after anything else.

    Args:
        record: A record being dialed (READY or RETRIEVED).
        result: What the attempt gave.
        at: When the attempt ended (aware).
        plan: The retry plan of the campaign.

    Raises:
        ValidationError: A bad argument, a record that is not being dialed, or an
            ``at`` whose retry time would be past the year 9999.

    >>> at = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    >>> busy = record_outcome(CallingRecord(record_id=7, contact_info="+15550100"),
    ...                       CallResult.BUSY, at=at)
    >>> busy.record_status.name, busy.attempt, busy.dial_sched_time.time()
    ('READY', 1, datetime.time(10, 10))
    """
    _require("record", record, CallingRecord)
    _require("result", result, CallResult)
    _require("plan", plan, RetryPlan)
    _check_aware("record_outcome", "at", at)
    status = record.record_status
    v.check(record, "record_status", status, status in _DIALED, "READY or RETRIEVED")
    treatment = plan.treatment(result)
    try:
        at = at.astimezone(dt.UTC)
        retry_at = at + treatment.interval
    except OverflowError:
        allowed = "a time whose retry falls before the year 10000"
        raise ValidationError("record_outcome", "at", at, allowed) from None
    index = _current_destination(record, plan)
    destinations = record.destinations
    if index is not None and destinations:
        dialed = destinations[index]
        bumped = attrs.evolve(dialed, tries=dialed.tries + 1)
        destinations = (*destinations[:index], bumped, *destinations[index + 1 :])
    after = attrs.evolve(
        record,
        attempt=record.attempt + 1,
        abandons=record.abandons + (result is CallResult.ABANDONED),
        call_result=result,
        call_time=at,
        destinations=destinations,
    )
    if treatment.retry and _has_attempts_left(after, plan):
        return attrs.evolve(
            after, record_status=RecordStatus.READY, dial_sched_time=retry_at
        )
    final = RecordStatus.CANCELLED if result in _CANCELLING else RecordStatus.UPDATED
    return attrs.evolve(after, record_status=final)


class _LocalTime(dict[str | None, int]):
    """The local time of day at ``now`` in each zone (as by _of_day), computed once."""

    def __init__(self, now: dt.datetime, fallback: str) -> None:
        super().__init__()
        self.now = now
        self[None] = self[fallback]

    def __missing__(self, zone: str) -> int:
        try:
            moment = self.now.astimezone(zoneinfo.ZoneInfo(zone))
        except OverflowError:
            allowed = f"a time whose local time in {zone} is within datetime's range"
            raise ValidationError("dialable", "now", self.now, allowed) from None
        local = _of_day(moment.time())
        self[zone] = local
        return local


def dialable(
    records: Iterable[CallingRecord],
    *,
    now: dt.datetime,
    limit: int | None = None,
    plan: RetryPlan = DEFAULT_RETRY_PLAN,
    default_zone: str | None = None,
) -> tuple[CallingRecord, ...]:
    """The records that may be dialed at ``now``, first to dial first.

    A record may be dialed when it is READY and not of type NO_CALL (Genesys
    never dials those), its ``dial_sched_time`` has come,
    ``now`` is inside its daily window read in its own time zone, and the plan
    leaves it an attempt (and a destination with tries left, and an abandon under
    its ``max_abandons``). They come in a
    stable order: scheduled time (unscheduled first), then record id.

    Args:
        records: The calling list's records.
        now: The current time (aware); the caller reads the clock.
        limit: At most this many records (``None`` = all).
        plan: The retry plan that says how many attempts a record may have.
        default_zone: The calling list's IANA zone, for records without one
            (pass ``calling_list.time_zone``); ``None`` = UTC.

    Raises:
        ValidationError: A bad argument, such as an unknown zone, a naive ``now``
            (or one at the very end of datetime's range), or ``records`` that is
            not an iterable of records.

    >>> now = dt.datetime(2026, 1, 15, 14, 0, tzinfo=dt.UTC)  # 09:00 in New York
    >>> records = [
    ...     CallingRecord(record_id=2, contact_info="+15550102",
    ...                   daily_from=dt.time(9), daily_till=dt.time(17)),
    ...     CallingRecord(record_id=1, contact_info="+15550101",
    ...                   daily_from=dt.time(10), daily_till=dt.time(17)),
    ... ]
    >>> picked = dialable(records, now=now, default_zone="America/New_York")
    >>> [r.record_id for r in picked]
    [2]
    """
    _check_aware("dialable", "now", now)
    _require("plan", plan, RetryPlan)
    ok = limit is None or (isinstance(limit, int) and not isinstance(limit, bool))
    ok = ok and (limit is None or limit >= 0)
    v.check("dialable", "limit", limit, ok, "None or an integer >= 0")
    fallback = "UTC" if default_zone is None else default_zone
    ok = isinstance(fallback, str) and v._known_zone(fallback)
    v.check("dialable", "default_zone", default_zone, ok, "None or an IANA zone name")
    local = _LocalTime(now, fallback)
    now_us = _microseconds(now)
    limits = plan._limits
    ready, no_call = RecordStatus.READY, RecordType.NO_CALL
    if not isinstance(records, list | tuple):
        _require_iterable(records)
        records = list(records)
    try:
        picked = [
            record
            for record in records
            if record.record_status is ready
            and record.record_type is not no_call
            and record._due <= now_us
            and record.attempt < limits[record.call_result]
            and ((w := record._window)[0] <= local[record.time_zone] <= w[1])
            is not w[2]
        ]
    except AttributeError:
        for record in records:
            _require("record", record, CallingRecord)
        raise  # pragma: no cover - every item is a record, so this cannot happen
    if plan.max_abandons is not None:
        most = plan.max_abandons
        picked = [r for r in picked if r.abandons < most]
    if plan.destination_tries:
        picked = [r for r in picked if _current_destination(r, plan) is not None]
    key = operator.attrgetter("_order")
    if limit is not None and limit < len(picked):
        return tuple(heapq.nsmallest(limit, picked, key=key))
    picked.sort(key=key)
    return tuple(picked)


@attrs.frozen(kw_only=True)
class ListProgress:
    """How far a calling list is: records by status, pending and finished.

    ``pending`` is the "records left" of time to complete; the change of
    ``finished`` between two snapshots is the "records finished" over that window
    (see :class:`~campaignkit.stats.GroupCounters`).

    Attributes:
        by_status: The number of records in each status (every status present).
        total: All records.
        pending: Records with work ahead (:attr:`RecordStatus.is_pending`).
        finished: Records that are done, whatever the outcome.
    """

    by_status: Mapping[RecordStatus, int] = attrs.field(hash=False)
    total: int
    pending: int
    finished: int


def list_progress(records: Iterable[CallingRecord]) -> ListProgress:
    """Count a calling list's records by status.

    >>> at = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    >>> done = record_outcome(CallingRecord(record_id=1, contact_info="+15550101"),
    ...                       CallResult.ANSWER, at=at)
    >>> progress = list_progress([done, CallingRecord(record_id=2, contact_info="+1")])
    >>> progress.pending, progress.finished, progress.by_status[RecordStatus.UPDATED]
    (1, 1, 1)
    """
    _require_iterable(records)
    counts = dict.fromkeys(RecordStatus, 0)
    for record in records:
        _require("record", record, CallingRecord)
        counts[record.record_status] += 1
    pending = sum(n for status, n in counts.items() if status.is_pending)
    total = sum(counts.values())
    return ListProgress(
        by_status=types.MappingProxyType(counts),
        total=total,
        pending=pending,
        finished=total - pending,
    )


def _require_iterable(records: Any) -> None:
    ok = isinstance(records, Iterable) and not isinstance(records, str | bytes)
    v.check("records", "records", records, ok, "an iterable of CallingRecord")


def _require(field: str, value: Any, cls: type) -> None:
    """Refuse a wrong type by name, so no bare AttributeError escapes."""
    v.check("records", field, value, isinstance(value, cls), f"a {cls.__name__}")
