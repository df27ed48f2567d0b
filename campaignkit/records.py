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
midnight; the converters live with the Genesys wire code in
:mod:`campaignkit.wire.genesys` (still importable from here).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from campaignkit import _display
from campaignkit import _validate as v
from campaignkit.enums import CallResult, ContactType, RecordStatus, RecordType
from campaignkit.errors import ValidationError
from campaignkit.models import Campaign

__all__ = [
    "DEFAULT_MAX_ABANDONS",
    "DEFAULT_RETRY_PLAN",
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
    "list_progress",
    "next_destination",
    "record_outcome",
]

_MOVED_TO_GENESYS = frozenset(
    {
        "MAX_EPOCH",
        "epoch_from_utc",
        "seconds_from_time",
        "time_from_seconds",
        "utc_from_epoch",
    }
)


def __getattr__(name: str) -> Any:
    """The Genesys time helpers, which moved to :mod:`campaignkit.wire.genesys`.

    Imported on first use: ``wire`` sits above ``records`` and is never imported
    when ``records`` is.
    """
    if name in _MOVED_TO_GENESYS:
        from campaignkit.wire import genesys

        return getattr(genesys, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_DESTINATIONS = 5
"""A VoIPbin target has five destinations; more are refused."""

MAX_RETRY_INTERVAL = 365 * 86_400
"""The longest wait before a retry, in seconds (365 days): a record retried more
than a year later belongs to another campaign."""

_MAX_ID = 2**63 - 1  # a signed 64-bit database id


def _parsed(cls: Any, value: Any) -> Any:
    """A member from itself, its number or its name; else ``value`` to refuse."""
    try:
        return cls.parse(value)
    except ValidationError:
        return value


def _contact_type(value: Any) -> Any:
    return _parsed(ContactType, value)


def _record_type(value: Any) -> Any:
    return _parsed(RecordType, value)


def _record_status(value: Any) -> Any:
    return _parsed(RecordStatus, value)


def _call_result(value: Any) -> Any:
    return _parsed(CallResult, value)


def _utc(obj: str, field: str, moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC; a naive one, or one with no UTC equivalent, is refused."""
    v.check(obj, field, moment, v.is_aware(moment), "a timezone-aware datetime")
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise ValidationError(obj, field, moment, "a time in UTC range") from None


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


def _abandons(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.integer(0)(obj, attribute, value)
    ok = value <= obj.attempt
    v.check(obj, attribute.name, value, ok, "at most `attempt` (each is an attempt)")


_FIVE = v.rule(
    lambda value: len(value) <= MAX_DESTINATIONS,
    f"at most {MAX_DESTINATIONS} destinations",
)

_OPT_UTC = v.optional(v.utc_datetime)
_OPT_TIME = v.optional(v.time_of_day)


@attrs.frozen(kw_only=True)
class CallingRecord:
    """One customer in a calling list: the Genesys record fields, plus destinations.

    The four enum fields take a member, its Genesys number or its name
    (``record_status="READY"``).

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
        default=ContactType.NO_CONTACT_TYPE,
        converter=_contact_type,
        validator=v.instance_of(ContactType),
    )
    record_type: RecordType = attrs.field(
        default=RecordType.GENERAL,
        converter=_record_type,
        validator=v.instance_of(RecordType),
    )
    record_status: RecordStatus = attrs.field(
        default=RecordStatus.READY,
        converter=_record_status,
        validator=v.instance_of(RecordStatus),
    )
    call_result: CallResult = attrs.field(
        default=CallResult.UNKNOWN,
        converter=_call_result,
        validator=v.instance_of(CallResult),
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
        default=(), converter=v.to_tuple, validator=[v.tuple_of(Destination), _FIVE]
    )


# ---------------------------------------------------------------------- retrying


@attrs.frozen(kw_only=True)
class Treatment:
    """What to do with a record after one call result (a simplified Genesys treatment).

    Attributes:
        retry: Whether the record is dialed again; if not, it is final.
        interval: Seconds after the attempt ended before the record may be dialed
            again (0 to :data:`MAX_RETRY_INTERVAL`).
        max_attempts: The record's attempt limit after this result; ``None`` = the
            plan's ``max_attempts``.
    """

    retry: bool = attrs.field(validator=v.boolean)
    interval: float = attrs.field(default=0, validator=v.number(0, MAX_RETRY_INTERVAL))
    max_attempts: int | None = attrs.field(
        default=None, validator=v.optional(v.integer(1))
    )


def _minutes(minutes: int) -> Treatment:
    return Treatment(retry=True, interval=minutes * 60)


DEFAULT_MAX_ABANDONS = 3
"""The default plan's limit of abandoned calls per record *(ours)*."""


def _results(names: str) -> frozenset[CallResult]:
    return frozenset(CallResult[name] for name in names.split())


#: Results that reached the customer: final under every plan.
_REACHED = _results("OK TRANSFERRED CONFERENCED ANSWER")
#: Results that cancel the record: final under every plan, status CANCELLED.
_CANCELLING = _results("DO_NOT_CALL CANCEL_RECORD")
_FINAL = Treatment(retry=False)
_OTHERWISE = _minutes(60)
#: The default plan *(ours)*: minutes to the retry after each result, ``None`` for
#: final results; every result not listed is retried after an hour (``_OTHERWISE``).
#: docs/records.md shows the same table (a test compares them).
_DEFAULT_MINUTES = {
    None: "OK TRANSFERRED CONFERENCED ANSWER DO_NOT_CALL CANCEL_RECORD WRONG_NUMBER"
    " SIT_INVALID_NUM SIT_VACANT SIT_OPER_INTERCEPT NU_TONE FAX_DETECTED"
    " PAGER_DETECTED",
    5: "GENERAL_ERROR SYSTEM_ERROR DIAL_ERROR CALL_DROP_ERROR SWITCH_ERROR"
    " NO_PORT_AVAILABLE TRANSFER_ERROR NO_DIAL_TONE NO_PROGRESS DROPPED STALE"
    " AGENT_CALLBACK_ERROR GROUP_CALLBACK_ERROR",
    10: "BUSY ALL_TRUNKS_BUSY SIT_NO_CIRCUIT SIT_REORDER QUEUE_FULL",
    30: "NO_ANSWER DROPPED_NO_ANSWER NO_RINGBACK NO_ESTABLISHED REMOTE_RELEASE"
    " SIT_DETECTED SIT_UNKNOWN",
    60: "ABANDONED",  # and at most DEFAULT_MAX_ABANDONS of them
    240: "ANSWERING_MACHINE_DETECTED SILENCE WRONG_PARTY",
}
_DEFAULT_TREATMENTS = dict(
    sorted(
        (result, _FINAL if minutes is None else _minutes(minutes))
        for minutes, names in _DEFAULT_MINUTES.items()
        for result in _results(names)
    )
)


def _plain_dict(value: Any) -> Any:
    return dict(value) if isinstance(value, Mapping) else value


_TREATMENTS = v.rule(
    lambda value: (
        isinstance(value, dict)
        and all(
            isinstance(r, CallResult) and isinstance(t, Treatment)
            for r, t in value.items()
        )
    ),
    "a mapping of CallResult to Treatment",
)


def _count(value: Any) -> bool:
    return v.is_int(value) and value >= 0


def _tries(value: Any) -> Any:
    """Converter: one number for all five destinations, or a list of them."""
    return (value,) * MAX_DESTINATIONS if v.is_int(value) else v.to_tuple(value)


def _tries_ok(value: Any) -> bool:
    ok = isinstance(value, tuple) and len(value) <= MAX_DESTINATIONS
    return ok and all(_count(n) for n in value)


_TRIES = "an integer >= 0, or up to five of them"


@attrs.frozen(kw_only=True)
class RetryPlan:
    """Per call result: retry or not, after how long, and how many attempts at most.

    ``RetryPlan()`` is the default plan (:data:`DEFAULT_RETRY_PLAN`); build others
    with :meth:`from_campaign` (8x8) or :meth:`from_outplan` (VoIPbin), or with
    ``attrs.evolve``. A plan is a value: ``treatments`` is a copy of the mapping
    given, not to be changed in place.

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
        converter=_plain_dict,
        validator=_TREATMENTS,
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
        default=(), converter=_tries, validator=v.rule(_tries_ok, _TRIES)
    )

    def treatment(self, result: CallResult) -> Treatment:
        """The treatment of ``result`` under this plan.

        >>> RetryPlan().treatment(CallResult.BUSY).interval
        600
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
            ValidationError: A retry interval over 365 days.

        >>> from campaignkit.models import Campaign, RetrySettings
        >>> retry = RetrySettings(retry_interval=30, max_retries=1)
        >>> plan = RetryPlan.from_campaign(Campaign(id="6561", name="x", retry=retry))
        >>> plan.max_attempts, plan.treatment(CallResult.BUSY).interval
        (2, 1800)
        """
        settings = campaign.retry
        minutes = settings.retry_interval
        longest = MAX_RETRY_INTERVAL // 60
        ok = minutes is None or minutes <= longest
        v.check("RetrySettings", "retry_interval", minutes, ok, f"<= {longest} min")

        def adjust(treatment: Treatment) -> Treatment:
            if not treatment.retry or minutes is None:
                return treatment
            return attrs.evolve(treatment, interval=minutes * 60)

        default = cls()
        retries, abandons = settings.max_retries, settings.abandon_max_retries
        return cls(
            treatments={r: adjust(t) for r, t in default.treatments.items()},
            otherwise=adjust(default.otherwise),
            max_attempts=default.max_attempts if retries is None else retries + 1,
            max_abandons=default.max_abandons if abandons is None else abandons + 1,
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
        60.0
        """
        longest = MAX_RETRY_INTERVAL * 1000
        ok = 0 <= try_interval <= longest
        allowed = f"0 to {longest} (ms)"
        v.check(cls.__name__, "try_interval", try_interval, ok, allowed)
        tries = _tries(max_tries)
        v.check(cls.__name__, "max_tries", tries, _tries_ok(tries), _TRIES)
        return cls(
            treatments=dict.fromkeys(sorted(_REACHED | _CANCELLING), _FINAL),
            otherwise=Treatment(retry=True, interval=try_interval / 1000),
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
    index = _current_destination(record, plan)
    if index is None:
        return None
    if not record.destinations:
        return record.contact_info
    return record.destinations[index].address


_DIALED = frozenset({RecordStatus.READY, RecordStatus.RETRIEVED})


def record_outcome(
    record: CallingRecord,
    result: CallResult | str,
    *,
    at: dt.datetime,
    plan: RetryPlan = DEFAULT_RETRY_PLAN,
) -> CallingRecord:
    """Apply the result of one attempt and return the new record.

    The attempt is counted (on the record, on the destination dialed, and in
    ``abandons`` if it was abandoned), the result and ``call_time`` are set, and
    then, if the plan retries the result and attempts are left (and abandons, under
    :attr:`RetryPlan.max_abandons`, and a destination with tries), the record is
    READY again at ``at`` + the interval (counted from the end of the attempt);
    otherwise it is final: CANCELLED after Do Not Call or Cancel Record, UPDATED
    after anything else.

    Args:
        record: A record being dialed (READY or RETRIEVED).
        result: What the attempt gave: a member, its number or its name.
        at: When the attempt ended (aware).
        plan: The retry plan of the campaign.

    Raises:
        ValidationError: An unknown result, a record that is not being dialed, a
            naive ``at``, or one whose retry time would be past the year 9999.

    >>> at = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    >>> busy = record_outcome(CallingRecord(record_id=7, contact_info="+15550100"),
    ...                       "BUSY", at=at)
    >>> busy.record_status.name, busy.attempt, busy.dial_sched_time.time()
    ('READY', 1, datetime.time(10, 10))
    """
    result = CallResult.parse(result)
    status = record.record_status
    v.check(record, "record_status", status, status in _DIALED, "READY or RETRIEVED")
    at = _utc("record_outcome", "at", at)
    treatment = plan.treatment(result)
    try:
        retry_at = at + dt.timedelta(seconds=treatment.interval)
    except OverflowError:
        allowed = "a time whose retry falls before the year 10000"
        raise ValidationError("record_outcome", "at", at, allowed) from None
    index = _current_destination(record, plan)
    destinations = record.destinations
    if index is not None and destinations:
        dialed = attrs.evolve(destinations[index], tries=destinations[index].tries + 1)
        destinations = (*destinations[:index], dialed, *destinations[index + 1 :])
    after = attrs.evolve(
        record,
        attempt=record.attempt + 1,
        abandons=record.abandons + (result is CallResult.ABANDONED),
        call_result=result,
        call_time=at,
        destinations=destinations,
    )
    most = plan.max_abandons
    if (
        treatment.retry
        and after.attempt < plan.attempt_limit(result)
        and (most is None or after.abandons < most)
        and _current_destination(after, plan) is not None
    ):
        return attrs.evolve(
            after, record_status=RecordStatus.READY, dial_sched_time=retry_at
        )
    final = RecordStatus.CANCELLED if result in _CANCELLING else RecordStatus.UPDATED
    return attrs.evolve(after, record_status=final)


class _LocalTimes(dict[str | None, dt.time]):
    """The time of day at ``now`` in each zone records name, each computed once."""

    def __init__(self, now: dt.datetime, default_zone: str | None) -> None:
        super().__init__()
        self.now = now
        fallback = default_zone or "UTC"
        ok = v.is_zone(fallback)
        allowed = "None or an IANA zone name"
        v.check("dialable", "default_zone", default_zone, ok, allowed)
        self[None] = self._local(zoneinfo.ZoneInfo(fallback))

    def __missing__(self, zone: str) -> dt.time:
        self[zone] = local = self._local(zoneinfo.ZoneInfo(zone))
        return local

    def _local(self, zone: zoneinfo.ZoneInfo) -> dt.time:
        try:
            return self.now.astimezone(zone).time()
        except OverflowError:
            allowed = f"a time whose local time in {zone} is within datetime's range"
            raise ValidationError("dialable", "now", self.now, allowed) from None


def _in_window(record: CallingRecord, local: dt.time) -> bool:
    """Whether ``local`` is inside the record's daily window, both ends included."""
    start = record.daily_from or dt.time.min
    end = record.daily_till or dt.time.max
    if start <= end:
        return start <= local <= end
    return not end < local < start  # the window crosses midnight


_BY_ID = operator.attrgetter("record_id")
_BY_TIME_AND_ID = operator.attrgetter("dial_sched_time", "record_id")


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
    never dials those), its ``dial_sched_time`` has come, ``now`` is inside its
    daily window read in its own time zone, and the plan leaves it an attempt (and
    a destination with tries left, and an abandon under its ``max_abandons``).
    They come in a stable order: scheduled time (unscheduled first), then record
    id.

    Args:
        records: The calling list's records.
        now: The current time (aware); the caller reads the clock.
        limit: At most this many records (``None`` = all).
        plan: The retry plan that says how many attempts a record may have.
        default_zone: The calling list's IANA zone, for records without one
            (pass ``calling_list.time_zone``); ``None`` = UTC.

    Raises:
        ValidationError: A naive ``now`` (or one whose local time is past
            datetime's range), a negative ``limit`` or an unknown zone.

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
    now = _utc("dialable", "now", now)
    ok = limit is None or limit >= 0
    v.check("dialable", "limit", limit, ok, "None or an integer >= 0")
    local = _LocalTimes(now, default_zone)
    limits = {result: plan.attempt_limit(result) for result in CallResult}
    most_abandons = math.inf if plan.max_abandons is None else plan.max_abandons
    ready, no_call = RecordStatus.READY, RecordType.NO_CALL
    picked = [
        r
        for r in records
        if r.record_status is ready
        and r.record_type is not no_call
        and (r.dial_sched_time is None or r.dial_sched_time <= now)
        and r.attempt < limits[r.call_result]
        and r.abandons < most_abandons
        and _in_window(r, local[r.time_zone])
    ]
    if plan.destination_tries:
        picked = [r for r in picked if _current_destination(r, plan) is not None]
    unscheduled = sorted((r for r in picked if r.dial_sched_time is None), key=_BY_ID)
    scheduled = [r for r in picked if r.dial_sched_time is not None]
    scheduled.sort(key=_BY_TIME_AND_ID)
    return tuple([*unscheduled, *scheduled][:limit])


_COUNTS = v.rule(
    lambda value: (
        isinstance(value, dict)
        and set(value) == set(RecordStatus)
        and all(_count(n) for n in value.values())
    ),
    "a count >= 0 for every RecordStatus",
)


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

    by_status: Mapping[RecordStatus, int] = attrs.field(
        converter=_plain_dict, validator=_COUNTS, hash=False
    )
    total: int
    pending: int
    finished: int

    def __attrs_post_init__(self) -> None:
        counts = self.by_status
        total = sum(counts.values())
        pending = sum(n for status, n in counts.items() if status.is_pending)
        for field, right in (
            ("total", total),
            ("pending", pending),
            ("finished", total - pending),
        ):
            value = getattr(self, field)
            v.check(self, field, value, value == right, f"{right}, from by_status")

    def _repr_html_(self) -> str:
        """A small table for notebooks: the totals, then each status's count."""
        counts = [(str(status), n) for status, n in self.by_status.items()]
        totals = [("total", self.total), ("pending", self.pending)]
        rows = [*totals, ("finished", self.finished), *counts]
        return _display.html_table("List progress", rows)


def list_progress(records: Iterable[CallingRecord]) -> ListProgress:
    """Count a calling list's records by status.

    >>> at = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    >>> done = record_outcome(CallingRecord(record_id=1, contact_info="+15550101"),
    ...                       CallResult.ANSWER, at=at)
    >>> progress = list_progress([done, CallingRecord(record_id=2, contact_info="+1")])
    >>> progress.pending, progress.finished, progress.by_status[RecordStatus.UPDATED]
    (1, 1, 1)
    """
    counts = dict.fromkeys(RecordStatus, 0)
    for record in records:
        counts[record.record_status] += 1
    pending = sum(n for status, n in counts.items() if status.is_pending)
    total = sum(counts.values())
    return ListProgress(
        by_status=counts, total=total, pending=pending, finished=total - pending
    )
