"""Calling-list records: call results, retry plans, dialing windows and progress."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from campaignkit import enums, records
from campaignkit.codec import from_dict, to_dict
from campaignkit.errors import ValidationError
from campaignkit.models import Campaign, RetrySettings
from campaignkit.records import (
    DEFAULT_MAX_ABANDONS,
    DEFAULT_RETRY_PLAN,
    MAX_EPOCH,
    MAX_RETRY_INTERVAL,
    CallingRecord,
    CallResult,
    ContactType,
    Destination,
    RecordStatus,
    RecordType,
    RetryPlan,
    Treatment,
    dialable,
    epoch_from_utc,
    list_progress,
    next_destination,
    record_outcome,
    seconds_from_time,
    time_from_seconds,
    utc_from_epoch,
)

AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
FAR = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
DOCS = Path(__file__).resolve().parent.parent / "docs" / "records.md"
R = CallResult
U, C = RecordStatus.UPDATED, RecordStatus.CANCELLED


def record(record_id: int = 1, **fields: Any) -> CallingRecord:
    return CallingRecord(record_id=record_id, contact_info="+15550100", **fields)


# ------------------------------------------------------------------ enumerations


def test_call_results_are_the_genesys_table_0_to_53() -> None:
    """CallResult has exactly the 54 Genesys numbers, with their Genesys names."""
    assert [r.value for r in CallResult] == list(range(54))
    assert R.BUSY == 6
    assert R.NO_ANSWER == 7
    assert R.ANSWERING_MACHINE_DETECTED.label == "Answering Machine Detected"
    assert R.FAX_DETECTED == 17
    assert R.ABANDONED == 21
    assert R.DROPPED == 26
    assert R.UNKNOWN.label == "Unknown Call Result"
    assert R.ANSWER == 33
    assert R.DIAL_ERROR == 41
    assert R.DO_NOT_CALL.label == "Do Not Call"
    assert R.WRONG_NUMBER == 53


def test_record_enums_carry_the_genesys_numbers() -> None:
    """Record statuses, types and contact types use the Genesys numbers."""
    assert RecordStatus.READY == 1
    assert RecordStatus.CANCELLED == 5
    assert RecordStatus.DELEGATED == 10
    assert RecordType.GENERAL == 2
    assert RecordType.CAMPAIGN_CALLBACK == 6
    assert ContactType.MOBILE == 4
    assert ContactType.EMAIL == 10


def test_pending_statuses() -> None:
    """Only statuses with work ahead count as pending."""
    pending = {s for s in RecordStatus if s.is_pending}
    assert pending == {
        RecordStatus.READY,
        RecordStatus.RETRIEVED,
        RecordStatus.CHAIN_READY,
        RecordStatus.MISSED_CALLBACK,
        RecordStatus.DELEGATED,
    }


# ------------------------------------------------------------------------ models


def test_record_defaults_are_a_fresh_genesys_record() -> None:
    """A new record is a Ready General record with no attempt and result Unknown."""
    new = record()
    assert new.record_status is RecordStatus.READY
    assert new.record_type is RecordType.GENERAL
    assert new.call_result is R.UNKNOWN
    assert new.attempt == 0
    assert new.destinations == ()


def test_record_times_are_normalised_to_utc() -> None:
    """An aware scheduled time in any offset is kept as the same instant in UTC."""
    plus_two = dt.timezone(dt.timedelta(hours=2))
    new = record(dial_sched_time=dt.datetime(2026, 3, 2, 12, 0, tzinfo=plus_two))
    assert new.dial_sched_time == AT
    assert new.dial_sched_time.tzinfo is dt.UTC


def test_record_destinations_from_a_list_become_a_tuple() -> None:
    """Destinations given as a list are stored as a tuple, so the record hashes."""
    new = record(destinations=[Destination(address="+1")])
    assert new.destinations == (Destination(address="+1"),)
    assert hash(new) == hash(attrs.evolve(new))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_zone", "Mars/Olympus_Mons"),
        ("time_zone", ""),
        ("record_id", -1),
        ("record_id", True),
        ("record_id", 2**63),
        ("attempt", -1),
        ("abandons", -1),
        ("abandons", 1),  # more abandoned attempts than attempts
        ("contact_info", ""),
        ("record_status", 99),
        ("record_type", "SOMETIMES"),
        ("contact_info_type", True),
        ("call_result", "SOLD"),
        ("dial_sched_time", dt.datetime(2026, 3, 2, 10, 0)),
        ("daily_from", "09:00"),
        ("daily_till", dt.time(17, tzinfo=dt.UTC)),
        ("destinations", (Destination(address="+1"),) * 6),
        ("destinations", ("+1",)),
    ],
)
def test_bad_record_fields_are_refused_at_construction(field: str, value: Any) -> None:
    """An unknown zone or any bad field is a ValidationError naming the field."""
    fields = {"record_id": 1, "contact_info": "+1", field: value}
    with pytest.raises(ValidationError) as info:
        CallingRecord(**fields)
    assert info.value.field == field


def test_records_round_trip_through_the_codec() -> None:
    """A record becomes JSON with its Genesys numbers and comes back equal."""
    original = record(
        call_result=R.BUSY,
        dial_sched_time=AT,
        daily_from=dt.time(9),
        time_zone="Europe/London",
        destinations=[Destination(address="+2", tries=1)],
    )
    data = to_dict(original)
    assert data["call_result"] == 6
    assert from_dict(CallingRecord, json.loads(json.dumps(data))) == original


def test_record_enum_fields_take_numbers_and_names() -> None:
    """A host's row may hold Genesys numbers or names; the record holds members."""
    new = record(record_status="ready", call_result=6, record_type="NO_CALL")
    assert new.record_status is RecordStatus.READY
    assert new.call_result is R.BUSY
    assert new.record_type is RecordType.NO_CALL
    assert f"{new.call_result}" == "BUSY"  # names in logs


def test_the_record_enums_live_in_enums_and_are_reexported() -> None:
    """The records enums are the enums module's, with parse() and name str()."""
    assert CallResult is enums.CallResult
    assert RecordStatus is enums.RecordStatus
    assert {"CallResult", "ContactType", "RecordStatus", "RecordType"} <= set(
        enums.__all__
    )
    assert ContactType.parse("mobile") is ContactType.MOBILE
    assert str(RecordType.CAMPAIGN_CALLBACK) == "CAMPAIGN_CALLBACK"


@pytest.mark.parametrize(
    "value",
    [
        record(destinations=[Destination(address="+2", tries=1)], dial_sched_time=AT),
        Destination(address="+2"),
        DEFAULT_RETRY_PLAN,
        RetryPlan.from_outplan(1_500, [2, 1]),
        Treatment(retry=True, interval=90.5, max_attempts=3),
        list_progress([record(1), record(2, record_status=RecordStatus.UPDATED)]),
    ],
    ids=lambda value: type(value).__name__,
)
def test_record_values_pickle_copy_and_encode(value: Any) -> None:
    """Records, plans, treatments and progress pickle, deep-copy and round-trip."""
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    data = json.loads(json.dumps(to_dict(value)))  # seconds, not timedeltas
    assert from_dict(type(value), data) == value


def test_bad_treatments_and_plans_are_refused() -> None:
    """Treatments and plans refuse bad values with a ValidationError."""
    with pytest.raises(ValidationError, match="interval"):
        Treatment(retry=True, interval=-60)
    with pytest.raises(ValidationError, match="retry"):
        Treatment(retry=1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="treatments"):
        RetryPlan(treatments={6: Treatment(retry=True)})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="treatments"):
        RetryPlan(treatments={R.BUSY: 600})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="treatments"):
        RetryPlan(treatments=[(R.BUSY, Treatment(retry=True))])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="destination_tries"):
        RetryPlan(destination_tries=(1, 2, 3, 4, 5, 6))
    with pytest.raises(ValidationError, match="destination_tries"):
        RetryPlan(destination_tries=(-1,))
    with pytest.raises(ValidationError, match="max_attempts"):
        RetryPlan(max_attempts=0)


# ------------------------------------------------------------ the default plan

#: Every call result under the default plan: (final status, minutes) or
#: (READY, minutes until the retry). Written out by hand on purpose.
DEFAULT_TABLE: dict[CallResult, tuple[RecordStatus, int | None]] = {
    R.OK: (U, None),
    R.TRANSFERRED: (U, None),
    R.CONFERENCED: (U, None),
    R.GENERAL_ERROR: (RecordStatus.READY, 5),
    R.SYSTEM_ERROR: (RecordStatus.READY, 5),
    R.REMOTE_RELEASE: (RecordStatus.READY, 30),
    R.BUSY: (RecordStatus.READY, 10),
    R.NO_ANSWER: (RecordStatus.READY, 30),
    R.SIT_DETECTED: (RecordStatus.READY, 30),
    R.ANSWERING_MACHINE_DETECTED: (RecordStatus.READY, 240),
    R.ALL_TRUNKS_BUSY: (RecordStatus.READY, 10),
    R.SIT_INVALID_NUM: (U, None),
    R.SIT_VACANT: (U, None),
    R.SIT_OPER_INTERCEPT: (U, None),
    R.SIT_UNKNOWN: (RecordStatus.READY, 30),
    R.SIT_NO_CIRCUIT: (RecordStatus.READY, 10),
    R.SIT_REORDER: (RecordStatus.READY, 10),
    R.FAX_DETECTED: (U, None),
    R.QUEUE_FULL: (RecordStatus.READY, 10),
    R.CLEARED: (RecordStatus.READY, 60),
    R.OVERFLOWED: (RecordStatus.READY, 60),
    R.ABANDONED: (RecordStatus.READY, 60),
    R.REDIRECTED: (RecordStatus.READY, 60),
    R.FORWARDED: (RecordStatus.READY, 60),
    R.CONSULT: (RecordStatus.READY, 60),
    R.PICKED_UP: (RecordStatus.READY, 60),
    R.DROPPED: (RecordStatus.READY, 5),
    R.DROPPED_NO_ANSWER: (RecordStatus.READY, 30),
    R.UNKNOWN: (RecordStatus.READY, 60),
    R.COVERED: (RecordStatus.READY, 60),
    R.CONVERSE_ON: (RecordStatus.READY, 60),
    R.BRIDGED: (RecordStatus.READY, 60),
    R.SILENCE: (RecordStatus.READY, 240),
    R.ANSWER: (U, None),
    R.NU_TONE: (U, None),
    R.NO_DIAL_TONE: (RecordStatus.READY, 5),
    R.NO_PROGRESS: (RecordStatus.READY, 5),
    R.NO_RINGBACK: (RecordStatus.READY, 30),
    R.NO_ESTABLISHED: (RecordStatus.READY, 30),
    R.PAGER_DETECTED: (U, None),
    R.WRONG_PARTY: (RecordStatus.READY, 240),
    R.DIAL_ERROR: (RecordStatus.READY, 5),
    R.CALL_DROP_ERROR: (RecordStatus.READY, 5),
    R.SWITCH_ERROR: (RecordStatus.READY, 5),
    R.NO_PORT_AVAILABLE: (RecordStatus.READY, 5),
    R.TRANSFER_ERROR: (RecordStatus.READY, 5),
    R.STALE: (RecordStatus.READY, 5),
    R.AGENT_CALLBACK_ERROR: (RecordStatus.READY, 5),
    R.GROUP_CALLBACK_ERROR: (RecordStatus.READY, 5),
    R.DEAFENED: (RecordStatus.READY, 60),
    R.HELD: (RecordStatus.READY, 60),
    R.DO_NOT_CALL: (C, None),
    R.CANCEL_RECORD: (C, None),
    R.WRONG_NUMBER: (U, None),
}


def test_the_table_covers_every_call_result() -> None:
    """The hand-written table names all 54 call results."""
    assert set(DEFAULT_TABLE) == set(CallResult)


@pytest.mark.parametrize("result", list(CallResult), ids=lambda r: r.name)
def test_default_plan_treats_every_call_result(result: CallResult) -> None:
    """Each result retries after its interval or makes a first attempt final."""
    status, minutes = DEFAULT_TABLE[result]
    start = record(call_time=None)
    after = record_outcome(start, result, at=AT, plan=DEFAULT_RETRY_PLAN)
    assert after.record_status is status
    assert after.attempt == 1
    assert after.call_result is result
    assert after.call_time == AT
    if minutes is None:
        assert after.dial_sched_time is None
        assert dialable([after], now=AT + dt.timedelta(days=1)) == ()
    else:
        assert after.dial_sched_time == AT + dt.timedelta(minutes=minutes)
        assert dialable([after], now=after.dial_sched_time) == (after,)
        early = after.dial_sched_time - dt.timedelta(seconds=1)
        assert dialable([after], now=early) == ()


def test_default_plan_retries_until_ten_attempts() -> None:
    """Busy is retried until the tenth attempt, which is final."""
    current = record()
    for attempt in range(1, 11):
        current = record_outcome(current, R.BUSY, at=AT)
        assert current.attempt == attempt
    assert current.record_status is RecordStatus.UPDATED
    assert DEFAULT_RETRY_PLAN.attempt_limit(R.BUSY) == 10


def test_abandoned_calls_have_their_own_limit() -> None:
    """By default a record is final at its third abandoned call, not third attempt."""
    current = record(attempt=1)
    for abandons in (1, 2):
        current = record_outcome(current, R.ABANDONED, at=AT)
        assert current.record_status is RecordStatus.READY
        assert current.abandons == abandons
    current = record_outcome(current, R.ABANDONED, at=AT)
    assert (current.attempt, current.abandons) == (4, 3)
    assert current.record_status is RecordStatus.UPDATED
    assert DEFAULT_RETRY_PLAN.max_abandons == DEFAULT_MAX_ABANDONS == 3


def test_only_abandons_count_against_the_abandon_limit() -> None:
    """8x8 abandon max retry counts abandoned calls, not every attempt."""
    settings = RetrySettings(max_retries=9, abandon_max_retries=2)
    plan = RetryPlan.from_campaign(Campaign(id="1", name="c", retry=settings))
    current = record()
    for _ in range(3):
        current = record_outcome(current, R.BUSY, at=AT, plan=plan)
    for abandons in (1, 2):
        current = record_outcome(current, R.ABANDONED, at=AT, plan=plan)
        assert current.record_status is RecordStatus.READY
        assert current.abandons == abandons
        assert dialable([current], now=FAR, plan=plan) == (current,)
    current = record_outcome(current, R.ABANDONED, at=AT, plan=plan)
    assert (current.attempt, current.abandons) == (6, 3)
    assert current.record_status is RecordStatus.UPDATED


def test_a_record_at_the_abandon_limit_is_not_dialable() -> None:
    """A READY record whose abandons reached the limit is spent, whatever came after."""
    spent = record(attempt=5, abandons=3, call_result=R.BUSY)
    assert dialable([spent], now=AT) == ()
    assert dialable([spent], now=AT, plan=RetryPlan(max_abandons=None)) == (spent,)
    assert dialable([spent], now=AT, plan=RetryPlan(max_abandons=4)) == (spent,)


def test_the_retry_interval_counts_from_the_end_of_the_attempt() -> None:
    """The next time is the attempt's end plus the interval, in absolute time."""
    new_york = dt.timezone(dt.timedelta(hours=-5))
    ended = dt.datetime(2026, 3, 8, 1, 55, tzinfo=new_york)
    after = record_outcome(record(), R.NO_ANSWER, at=ended)
    assert after.dial_sched_time == ended + dt.timedelta(minutes=30)
    assert after.call_time == ended


def test_retrieved_records_take_outcomes_but_final_ones_do_not() -> None:
    """A Retrieved record takes a result; an Updated one is refused by name."""
    retrieved = record(record_status=RecordStatus.RETRIEVED)
    assert record_outcome(retrieved, R.BUSY, at=AT).record_status is RecordStatus.READY
    with pytest.raises(ValidationError, match="record_status"):
        record_outcome(record(record_status=U), R.BUSY, at=AT)


def test_record_outcome_refuses_a_naive_time_and_an_unknown_result() -> None:
    """A naive `at` is refused by name; a result may be named, but must exist."""
    with pytest.raises(ValidationError) as info:
        record_outcome(record(), R.BUSY, at=dt.datetime(2026, 3, 2))
    assert info.value.field == "at"
    with pytest.raises(ValidationError, match="BUSY"):
        record_outcome(record(), "SOLD", at=AT)
    by_name = record_outcome(record(), "busy", at=AT)
    assert by_name == record_outcome(record(), R.BUSY, at=AT)


# ------------------------------------------------------------ 8x8 and VoIPbin


def test_campaign_without_retry_settings_gives_the_default_plan() -> None:
    """A campaign whose retry fields are unset keeps the default plan."""
    plan = RetryPlan.from_campaign(Campaign(id="1", name="c"))
    assert plan == DEFAULT_RETRY_PLAN


def test_campaign_retry_settings_set_interval_and_limits() -> None:
    """8x8 retry interval, max retry and abandon max retry shape the plan."""
    settings = RetrySettings(retry_interval=30, max_retries=1, abandon_max_retries=0)
    plan = RetryPlan.from_campaign(Campaign(id="1", name="c", retry=settings))
    thirty = 30 * 60
    assert plan.max_attempts == 2
    assert plan.max_abandons == 1
    assert plan.attempt_limit(R.ABANDONED) == 2
    assert plan.treatment(R.ANSWERING_MACHINE_DETECTED).interval == thirty
    assert plan.otherwise.interval == thirty
    assert plan.treatment(R.WRONG_NUMBER).retry is False
    first = record_outcome(record(), R.BUSY, at=AT, plan=plan)
    assert first.dial_sched_time == AT + dt.timedelta(seconds=thirty)
    assert record_outcome(first, R.BUSY, at=AT, plan=plan).record_status is U
    abandoned = record_outcome(record(), R.ABANDONED, at=AT, plan=plan)
    assert abandoned.record_status is U


def _target(*tries: int) -> CallingRecord:
    return record(
        destinations=[
            Destination(address=f"+1555010{i}", tries=n) for i, n in enumerate(tries)
        ]
    )


def test_outplan_tries_destinations_in_order() -> None:
    """Each destination is tried up to its max tries, then the next one."""
    plan = RetryPlan.from_outplan(30_000, [2, 1])
    current = _target(0, 0)
    dialed = []
    while current.record_status is RecordStatus.READY:
        dialed.append(next_destination(current, plan))
        current = record_outcome(current, R.NO_ANSWER, at=AT, plan=plan)
    assert dialed == ["+15550100", "+15550100", "+15550101"]
    assert [d.tries for d in current.destinations] == [2, 1]
    assert current.attempt == 3
    assert current.record_status is U
    assert next_destination(current, plan) is None


def test_outplan_waits_the_try_interval_and_stops_on_success() -> None:
    """A failure waits try_interval (ms); a reached call is final at once."""
    plan = RetryPlan.from_outplan(90_000, 3)
    assert plan.destination_tries == (3, 3, 3, 3, 3)
    failed = record_outcome(_target(0), R.BUSY, at=AT, plan=plan)
    assert failed.dial_sched_time == AT + dt.timedelta(seconds=90)
    assert record_outcome(failed, R.ANSWER, at=AT, plan=plan).record_status is U
    assert record_outcome(failed, R.DO_NOT_CALL, at=AT, plan=plan).record_status is C


def test_outplan_record_without_destinations_uses_contact_info() -> None:
    """A record with no destinations is tried on contact_info up to the first limit."""
    plan = RetryPlan.from_outplan(0, [2])
    current = record()
    assert next_destination(current, plan) == "+15550100"
    current = record_outcome(current, R.BUSY, at=AT, plan=plan)
    assert current.record_status is RecordStatus.READY
    current = record_outcome(current, R.BUSY, at=AT, plan=plan)
    assert current.record_status is U
    assert next_destination(current, plan) is None


def test_outplan_destinations_with_zero_tries_are_skipped() -> None:
    """A destination whose max tries is 0 is never dialed."""
    plan = RetryPlan.from_outplan(0, [0, 1])
    assert next_destination(_target(0, 0), plan) == "+15550101"
    assert dialable([_target(0, 1)], now=AT, plan=plan) == ()
    assert dialable([_target(0, 0)], now=AT, plan=plan) == (_target(0, 0),)


def test_default_plan_dials_the_first_destination() -> None:
    """Without per-destination tries the first destination is dialed and counted."""
    current = _target(0, 0)
    assert next_destination(current) == "+15550100"
    after = record_outcome(current, R.BUSY, at=AT)
    assert [d.tries for d in after.destinations] == [1, 0]


@pytest.mark.parametrize(
    ("try_interval", "max_tries", "field"),
    [
        (-1, 1, "try_interval"),
        (0, -1, "max_tries"),
        (0, [1, 1, 1, 1, 1, 1], "max_tries"),
        (0, "3", "max_tries"),
    ],
)
def test_from_outplan_refuses_bad_values(
    try_interval: Any, max_tries: Any, field: str
) -> None:
    """Bad outplan values are ValidationErrors naming the argument."""
    with pytest.raises(ValidationError) as info:
        RetryPlan.from_outplan(try_interval, max_tries)
    assert info.value.field == field


# ----------------------------------------------------------------- dialing


def test_dialable_keeps_only_ready_records_whose_time_has_come() -> None:
    """Status, type, scheduled time and attempts left all decide."""
    later = AT + dt.timedelta(minutes=1)
    records = [
        record(1),
        record(2, record_status=RecordStatus.RETRIEVED),
        record(3, dial_sched_time=later),
        record(4, dial_sched_time=AT),
        record(5, attempt=10),
        record(6, attempt=9),
        record(7, attempt=3, abandons=3, call_result=R.ABANDONED),
        record(8, record_type=RecordType.NO_CALL),
        record(9, record_type=RecordType.CAMPAIGN_CALLBACK),
    ]
    assert [r.record_id for r in dialable(records, now=AT)] == [1, 6, 9, 4]


def test_dialable_order_is_scheduled_time_then_record_id() -> None:
    """Unscheduled first, then by scheduled time, ties broken by record id."""
    early, late = AT - dt.timedelta(hours=2), AT - dt.timedelta(hours=1)
    records = [
        record(5, dial_sched_time=late),
        record(9),
        record(2, dial_sched_time=late),
        record(3, dial_sched_time=early),
        record(1),
    ]
    assert [r.record_id for r in dialable(records, now=AT)] == [1, 9, 3, 2, 5]
    limited = dialable(records, now=AT, limit=3)
    assert [r.record_id for r in limited] == [1, 9, 3]
    assert dialable(records, now=AT, limit=0) == ()
    extremes = [
        record(2**63 - 1, dial_sched_time=dt.datetime.min.replace(tzinfo=dt.UTC)),
        record(0, dial_sched_time=late),
        record(5),
    ]
    assert [r.record_id for r in dialable(extremes, now=AT)] == [5, 2**63 - 1, 0]
    assert len(dialable(records, now=AT, limit=10)) == 5


def test_dialable_reads_the_window_in_the_record_zone() -> None:
    """A record's own zone wins over the list's; records without one use the list's."""
    window = {"daily_from": dt.time(9), "daily_till": dt.time(17)}
    now = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)  # 09:30 London, 04:30 NY
    london = record(1, time_zone="Europe/London", **window)
    plain = record(2, **window)
    picked = dialable([london, plain], now=now, default_zone="America/New_York")
    assert picked == (london,)
    assert dialable([london, plain], now=now) == (london, plain)  # list zone UTC


@pytest.mark.parametrize(
    ("local", "inside"),
    [
        (dt.time(21, 59, 59), False),
        (dt.time(22, 0), True),
        (dt.time(23, 59, 59), True),
        (dt.time(0, 0), True),
        (dt.time(5, 59, 59), True),
        (dt.time(6, 0), True),
        (dt.time(6, 0, 1), False),
        (dt.time(12, 0), False),
    ],
)
def test_windows_cross_midnight(local: dt.time, inside: bool) -> None:
    """A window from 22:00 till 06:00 holds the night and not the day."""
    rec = record(
        daily_from=dt.time(22), daily_till=dt.time(6), time_zone="Europe/Berlin"
    )
    zone = dt.timezone(dt.timedelta(hours=1))  # Berlin in January
    now = dt.datetime.combine(dt.date(2026, 1, 15), local, tzinfo=zone)
    assert (dialable([rec], now=now) == (rec,)) is inside


@pytest.mark.parametrize(
    ("daily_from", "daily_till", "local", "inside"),
    [
        (dt.time(9), dt.time(9), dt.time(9), True),
        (dt.time(9), dt.time(9), dt.time(9, 0, 1), False),
        (None, dt.time(9), dt.time(0), True),
        (None, dt.time(9), dt.time(9, 0, 1), False),
        (dt.time(9), None, dt.time(23, 59, 59, 999_999), True),
        (dt.time(9), None, dt.time(8, 59), False),
        (None, None, dt.time(3), True),
    ],
)
def test_window_edges(
    daily_from: dt.time | None, daily_till: dt.time | None, local: dt.time, inside: bool
) -> None:
    """Both ends are inclusive; a missing end is midnight or the end of the day."""
    rec = record(daily_from=daily_from, daily_till=daily_till)
    now = dt.datetime.combine(dt.date(2026, 1, 15), local, tzinfo=dt.UTC)
    assert (dialable([rec], now=now) == (rec,)) is inside


def test_the_same_utc_time_is_in_or_out_with_daylight_saving() -> None:
    """13:30 UTC is 08:30 in a New York January and 09:30 in a New York July."""
    rec = record(
        daily_from=dt.time(9), daily_till=dt.time(17), time_zone="America/New_York"
    )
    winter = dt.datetime(2026, 1, 15, 13, 30, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 15, 13, 30, tzinfo=dt.UTC)
    assert dialable([rec], now=winter) == ()
    assert dialable([rec], now=summer) == (rec,)


@pytest.mark.parametrize(
    ("utc", "inside"),
    [
        (dt.datetime(2026, 3, 8, 6, 30), True),  # 01:30 EST
        (dt.datetime(2026, 3, 8, 6, 59, 59), True),  # 01:59:59 EST
        (dt.datetime(2026, 3, 8, 7, 0), False),  # 03:00 EDT: 02:00-03:00 skipped
        (dt.datetime(2026, 3, 8, 7, 15), False),  # 03:15 EDT
    ],
)
def test_spring_forward_day_in_the_record_zone(utc: dt.datetime, inside: bool) -> None:
    """On the spring-forward day a 01:00-02:30 window closes when clocks jump."""
    rec = record(
        daily_from=dt.time(1),
        daily_till=dt.time(2, 30),
        time_zone="America/New_York",
    )
    now = utc.replace(tzinfo=dt.UTC)
    assert (dialable([rec], now=now) == (rec,)) is inside


@pytest.mark.parametrize(
    "utc",
    [dt.datetime(2026, 11, 1, 5, 30), dt.datetime(2026, 11, 1, 6, 30)],
    ids=["first 01:30 EDT", "second 01:30 EST"],
)
def test_fall_back_day_repeats_the_window(utc: dt.datetime) -> None:
    """On the fall-back day both 01:30s are inside a 01:00-01:59 window."""
    rec = record(
        daily_from=dt.time(1),
        daily_till=dt.time(1, 59),
        time_zone="America/New_York",
    )
    assert dialable([rec], now=utc.replace(tzinfo=dt.UTC)) == (rec,)
    after = utc.replace(tzinfo=dt.UTC) + dt.timedelta(hours=1, minutes=30)
    assert dialable([rec], now=after) == ()


def test_dialable_takes_any_iterable() -> None:
    """A generator of records is read once and gives the same pick as a list."""
    records = [record(2), record(1)]
    assert dialable(iter(records), now=AT) == dialable(records, now=AT)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"now": dt.datetime(2026, 1, 1)}, "now"),
        ({"now": AT, "limit": -1}, "limit"),
        ({"now": AT, "default_zone": "Nowhere/Land"}, "default_zone"),
        ({"now": AT, "default_zone": "../etc"}, "default_zone"),
    ],
)
def test_dialable_refuses_bad_arguments(kwargs: dict[str, Any], field: str) -> None:
    """A naive now, a bad limit, an unknown zone or a non-plan is refused by name."""
    with pytest.raises(ValidationError) as info:
        dialable([record()], **kwargs)
    assert info.value.field == field


# ------------------------------------------------------------------ progress


def test_list_progress_counts_by_status() -> None:
    """Every status is counted; pending and finished add up to the total."""
    records = [
        record(1),
        record(2, record_status=RecordStatus.RETRIEVED),
        record(3, record_status=U),
        record(4, record_status=C),
        record(5, record_status=U),
    ]
    progress = list_progress(records)
    assert progress.total == 5
    assert progress.pending == 2
    assert progress.finished == 3
    assert progress.by_status[U] == 2
    assert progress.by_status[RecordStatus.STALE] == 0
    assert set(progress.by_status) == set(RecordStatus)
    assert progress == list_progress(iter(records))
    assert hash(progress) == hash(list_progress(records))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"total": 3}, "total"),
        ({"pending": 0}, "pending"),
        ({"finished": -1}, "finished"),
        ({"by_status": {U: 2}}, "by_status"),
        ({"by_status": {**dict.fromkeys(RecordStatus, 0), U: -2}}, "by_status"),
        ({"by_status": {**dict.fromkeys(RecordStatus, 0), U: "2"}}, "by_status"),
    ],
)
def test_list_progress_that_does_not_add_up_is_refused(
    changes: dict[str, Any], field: str
) -> None:
    """Counts from outside must add up as list_progress would count them."""
    progress = list_progress([record(1), record(2, record_status=U)])
    with pytest.raises(ValidationError) as info:
        attrs.evolve(progress, **changes)
    assert info.value.field == field


def test_list_progress_shows_as_a_table_in_notebooks() -> None:
    """_repr_html_ is a small table: totals first, then each status by name."""
    html = list_progress([record(1), record(2, record_status=U)])._repr_html_()
    assert html.startswith("<table><caption>List progress</caption>")
    assert "<th>pending</th><td>1</td>" in html
    assert "<th>UPDATED</th><td>1</td>" in html
    assert html.count("<tr>") == 3 + len(RecordStatus)


# --------------------------------------------------------------- conversions


def test_genesys_time_conversions_round_trip() -> None:
    """Epoch seconds and seconds since midnight convert both ways.

    The converters live in campaignkit.wire.genesys; records still offers them.
    """
    assert utc_from_epoch(epoch_from_utc(AT)) == AT
    assert time_from_seconds(seconds_from_time(dt.time(8, 30, 15))) == dt.time(
        8, 30, 15
    )
    assert time_from_seconds(86_399) == dt.time(23, 59, 59)


@pytest.mark.parametrize(
    ("convert", "value"),
    [
        (utc_from_epoch, -1),
        (epoch_from_utc, dt.datetime(2026, 1, 1)),
        (time_from_seconds, 86_400),
        (time_from_seconds, -1),
    ],
)
def test_genesys_time_conversions_refuse_bad_values(convert: Any, value: Any) -> None:
    """Out-of-range values and naive times are ValidationErrors."""
    with pytest.raises(ValidationError):
        convert(value)


# -------------------------------------------------------------------- docs


def _plan_rows(plan: RetryPlan) -> list[str]:
    """Render the plan as the Markdown rows docs/records.md shows."""
    groups: dict[tuple[Treatment, str], list[CallResult]] = {}
    for result in CallResult:
        treatment = plan.treatment(result)
        final = "CANCELLED" if result in (R.DO_NOT_CALL, R.CANCEL_RECORD) else ""
        groups.setdefault((treatment, final), []).append(result)
    rows = []
    for (treatment, final), results in groups.items():
        names = ", ".join(f"{r.value} {r.label}" for r in results)
        if treatment.retry:
            minutes = int(treatment.interval // 60)
            action = f"retry after {minutes} min"
        else:
            action = f"final ({final or 'UPDATED'})"
        limit = plan.attempt_limit(results[0]) if treatment.retry else "-"
        rows.append(f"| {names} | {action} | {limit} |")
    return rows


def test_only_the_moved_names_are_found_lazily() -> None:
    """The moved converters come from wire.genesys; other names are not found."""
    from campaignkit.wire import genesys

    assert records.utc_from_epoch is genesys.utc_from_epoch
    with pytest.raises(AttributeError, match="no_such_name"):
        records.no_such_name  # noqa: B018


def test_docs_show_the_default_plan_as_it_is() -> None:
    """docs/records.md lists every default treatment exactly as the code has it."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if re.match(r"\| \d+ ", line)]
    assert table == _plan_rows(DEFAULT_RETRY_PLAN)


# ------------------------------------------------------- the ends of time


PLUS_FIVE = dt.timezone(dt.timedelta(hours=5))
EARLIEST = dt.datetime.min.replace(tzinfo=PLUS_FIVE)  # before year 1 in UTC
LATEST = dt.datetime.max.replace(tzinfo=dt.UTC)


@pytest.mark.parametrize("field", ["dial_sched_time", "call_time"])
def test_a_time_before_year_one_in_utc_is_refused(field: str) -> None:
    """A time whose UTC equivalent is outside datetime's range is refused by name."""
    with pytest.raises(ValidationError) as info:
        record(**{field: EARLIEST})
    assert info.value.field == field
    same_day = dt.datetime.min.replace(hour=6, tzinfo=PLUS_FIVE)
    assert getattr(record(**{field: same_day}), field) == same_day


@pytest.mark.parametrize("at", [LATEST, EARLIEST, LATEST - dt.timedelta(minutes=5)])
def test_an_attempt_whose_retry_would_overflow_is_refused(at: dt.datetime) -> None:
    """record_outcome names `at` instead of overflowing past the year 9999."""
    with pytest.raises(ValidationError) as info:
        record_outcome(record(), R.BUSY, at=at)
    assert info.value.field == "at"
    final = record_outcome(record(), R.ANSWER, at=LATEST - dt.timedelta(days=1))
    assert final.record_status is U


def test_retry_intervals_are_bounded() -> None:
    """Intervals over 365 days are refused by every way of building a plan."""
    with pytest.raises(ValidationError, match="interval"):
        Treatment(retry=True, interval=MAX_RETRY_INTERVAL + 1)
    assert Treatment(retry=True, interval=MAX_RETRY_INTERVAL).retry
    with pytest.raises(ValidationError) as info:
        RetryPlan.from_outplan(10**18, 3)
    assert info.value.field == "try_interval"
    longest_ms = MAX_RETRY_INTERVAL * 1000
    plan = RetryPlan.from_outplan(longest_ms, 3)
    assert plan.otherwise.interval == MAX_RETRY_INTERVAL
    for minutes in (10**13, 10**12, 525_601):
        settings = RetrySettings(retry_interval=minutes)
        with pytest.raises(ValidationError) as info:
            RetryPlan.from_campaign(Campaign(id="1", name="c", retry=settings))
        assert info.value.field == "retry_interval"
    settings = RetrySettings(retry_interval=525_600)
    plan = RetryPlan.from_campaign(Campaign(id="1", name="c", retry=settings))
    assert plan.treatment(R.BUSY).interval == MAX_RETRY_INTERVAL


@pytest.mark.parametrize("seconds", [10**12, 10**20, MAX_EPOCH + 1])
def test_epoch_seconds_past_the_year_9999_are_refused(seconds: int) -> None:
    """Epoch seconds beyond datetime's range are a ValidationError."""
    with pytest.raises(ValidationError):
        utc_from_epoch(seconds)


def test_the_last_epoch_second_converts() -> None:
    """MAX_EPOCH is the last second of 9999 in UTC, and converts back."""
    last = utc_from_epoch(MAX_EPOCH)
    assert last == dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    assert epoch_from_utc(last) == MAX_EPOCH


def test_dialable_at_the_end_of_time_in_a_zone_ahead_of_utc() -> None:
    """A now whose local time would pass the year 9999 is refused by name."""
    rec = record()
    with pytest.raises(ValidationError) as info:
        dialable([rec], now=LATEST, default_zone="Asia/Tokyo")
    assert info.value.field == "now"
    assert dialable([rec], now=LATEST) == (rec,)
    late = record(2, time_zone="Asia/Tokyo")
    with pytest.raises(ValidationError, match="Asia/Tokyo"):
        dialable([rec, late], now=LATEST)
