"""Calling-list records, call results and the retry plans that move them.

Three pure functions decide what happens to the records of a calling list:
:func:`dialable`, :func:`record_outcome` and :func:`list_progress`. The rules and
their reasons are in ``docs/records.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
import zoneinfo
from collections import Counter
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

_MOVED_TO_GENESYS = {"MAX_EPOCH", "epoch_from_utc", "utc_from_epoch"}
_MOVED_TO_GENESYS |= {"seconds_from_time", "time_from_seconds"}


def __getattr__(name: str) -> Any:
    """The Genesys time helpers, now in :mod:`campaignkit.wire.genesys`."""
    if name in _MOVED_TO_GENESYS:
        from campaignkit.wire import genesys  # imported late: wire sits above records

        return getattr(genesys, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_DESTINATIONS = 5
"""A VoIPbin target has five destinations; more are refused."""

MAX_RETRY_INTERVAL = 365 * 86_400
"""The longest wait before a retry, in seconds (365 days)."""

_MAX_ID = 2**63 - 1  # a signed 64-bit database id


# Converters: a record's enum field from a member, its number or its name.
def _contact_type(value: Any) -> Any:
    return ContactType.parse(value, "CallingRecord", "contact_info_type")


def _record_type(value: Any) -> Any:
    return RecordType.parse(value, "CallingRecord", "record_type")


def _record_status(value: Any) -> Any:
    return RecordStatus.parse(value, "CallingRecord", "record_status")


def _call_result(value: Any) -> Any:
    return CallResult.parse(value, "CallingRecord", "call_result")


@attrs.frozen(kw_only=True)
class Destination:
    """One number of a record and the attempts made on it (a VoIPbin destination)."""

    address: str = attrs.field(validator=v.nonempty_str())
    tries: int = attrs.field(default=0, validator=v.integer(0))


def _abandons(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.integer(0)(obj, attribute, value)
    ok = value <= obj.attempt
    v.check(obj, attribute.name, value, ok, "at most `attempt` (each is an attempt)")


_FIVE = v.rule(lambda x: len(x) <= MAX_DESTINATIONS, "at most 5 destinations")
_OPT_UTC = v.optional(v.utc_datetime)
_OPT_TIME = v.optional(v.time_of_day)


@attrs.frozen(kw_only=True)
class CallingRecord:
    """One customer in a calling list: the Genesys record fields, plus destinations.

    Enum fields take a member, its number or its name; each field: ``docs/records.md``.
    """

    record_id: int = attrs.field(validator=v.integer(0, _MAX_ID))
    contact_info: str = attrs.field(validator=v.nonempty_str())
    contact_info_type: ContactType = attrs.field(
        default=ContactType.NO_CONTACT_TYPE, converter=_contact_type
    )
    record_type: RecordType = attrs.field(
        default=RecordType.GENERAL, converter=_record_type
    )
    record_status: RecordStatus = attrs.field(
        default=RecordStatus.READY, converter=_record_status
    )
    call_result: CallResult = attrs.field(
        default=CallResult.UNKNOWN, converter=_call_result
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


@attrs.frozen(kw_only=True)
class Treatment:
    """What to do with a record after one call result (a simplified Genesys treatment).

    ``interval`` is seconds from the attempt's end to the retry; ``max_attempts``
    replaces the plan's attempt limit after this result (``None``: the plan's).
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


_REACHED = _results("OK TRANSFERRED CONFERENCED ANSWER")  # final under every plan
_CANCELLING = _results("DO_NOT_CALL CANCEL_RECORD")  # final, status CANCELLED
_FINAL = Treatment(retry=False)
_OTHERWISE = _minutes(60)
# The default plan (ours): minutes to the retry after each result, None = final.
# docs/records.md shows the same table (a test compares them).
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

    ``destination_tries`` are the tries allowed on each destination in turn (empty:
    the first, up to ``max_attempts``); the rest: ``docs/records.md``.
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
        """The treatment of ``result`` under this plan."""
        return self.treatments.get(result, self.otherwise)

    def attempt_limit(self, result: CallResult) -> int:
        """How many attempts a record whose last result is ``result`` may have."""
        limit = self.treatment(result).max_attempts
        return self.max_attempts if limit is None else limit

    def tries_allowed(self, index: int) -> int:
        """Tries allowed on destination ``index`` (0 beyond ``destination_tries``)."""
        tries = self.destination_tries
        return tries[index] if index < len(tries) else 0

    @classmethod
    def from_campaign(cls, campaign: Campaign) -> RetryPlan:
        """The plan of an 8x8 campaign's retry settings (an interval up to 365 days)."""
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
        """The plan of a VoIPbin outplan: an interval in ms, tries per destination."""
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
"""The default plan *(ours)*: its table is in ``docs/records.md``."""


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
    """The number to dial for ``record`` next, or ``None`` when none has tries left."""
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
    """Apply the result of one attempt that ended ``at`` and return the new record.

    It is READY again after the treatment's interval, or final (``docs/records.md``);
    a record must be READY or RETRIEVED.
    """
    result = CallResult.parse(result)
    status = record.record_status
    v.check(record, "record_status", status, status in _DIALED, "READY or RETRIEVED")
    at = v.utc("record_outcome", "at", at)
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
    """The records that may be dialed at ``now``, unscheduled first, then by time.

    ``default_zone`` is the list's IANA zone, for records without one (UTC if None).
    """
    now = v.utc("dialable", "now", now)
    ok = limit is None or limit >= 0
    v.check("dialable", "limit", limit, ok, "None or an integer >= 0")
    fallback = default_zone or "UTC"
    ok = v.is_zone(fallback)
    v.check("dialable", "default_zone", default_zone, ok, "None or an IANA zone name")

    @functools.cache
    def local(zone: str | None) -> dt.time:
        zone = zone or fallback
        try:
            return now.astimezone(zoneinfo.ZoneInfo(zone)).time()
        except OverflowError:
            allowed = f"a time whose local time in {zone} is within datetime's range"
            raise ValidationError("dialable", "now", now, allowed) from None

    local(None)  # the list's zone is checked even when no record needs it
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
        and _in_window(r, local(r.time_zone))
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


def _totals(counts: Mapping[RecordStatus, int]) -> dict[str, int]:
    total = sum(counts.values())
    pending = sum(n for status, n in counts.items() if status.is_pending)
    return {"total": total, "pending": pending, "finished": total - pending}


@attrs.frozen(kw_only=True)
class ListProgress:
    """How far a calling list is: records by status, pending and finished.

    ``total`` counts all records, ``pending`` the :attr:`RecordStatus.is_pending`
    ones, ``finished`` the others; all three must agree with ``by_status``.
    """

    by_status: Mapping[RecordStatus, int] = attrs.field(
        converter=_plain_dict, validator=_COUNTS, hash=False
    )
    total: int
    pending: int
    finished: int

    def __attrs_post_init__(self) -> None:
        for field, right in _totals(self.by_status).items():
            value = getattr(self, field)
            v.check(self, field, value, value == right, f"{right}, from by_status")

    def _repr_html_(self) -> str:
        counts = [(str(status), n) for status, n in self.by_status.items()]
        totals = [("total", self.total), ("pending", self.pending)]
        rows = [*totals, ("finished", self.finished), *counts]
        return _display.html_table("List progress", rows)


def list_progress(records: Iterable[CallingRecord]) -> ListProgress:
    """Count a calling list's records by status."""
    counts = dict.fromkeys(RecordStatus, 0) | Counter(r.record_status for r in records)
    return ListProgress(by_status=counts, **_totals(counts))
