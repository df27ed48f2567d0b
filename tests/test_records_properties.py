"""Properties of record outcomes and dialing, over generated records and plans."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import zoneinfo
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit.codec import from_dict, to_dict
from campaignkit.errors import ValidationError
from campaignkit.models import Campaign, RetrySettings
from campaignkit.records import (
    MAX_EPOCH,
    MAX_RETRY_INTERVAL,
    CallingRecord,
    CallResult,
    Destination,
    RecordStatus,
    RecordType,
    RetryPlan,
    dialable,
    epoch_from_utc,
    list_progress,
    next_destination,
    record_outcome,
    utc_from_epoch,
)

ZONES = ["UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", None]
FAR_FUTURE = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)

offsets = st.sampled_from(
    [
        dt.UTC,
        dt.timezone(dt.timedelta(hours=5, minutes=30)),
        zoneinfo.ZoneInfo("EST5EDT"),
    ]
)
moments = st.datetimes(
    min_value=dt.datetime(2020, 1, 1),
    max_value=dt.datetime(2030, 1, 1),
    timezones=offsets,
)
#: Any instant datetime can write, in any offset: the ends of time included.
any_moment = st.datetimes(
    timezones=offsets
    | st.builds(
        dt.timezone,
        st.timedeltas(
            min_value=dt.timedelta(hours=-23, minutes=-59),
            max_value=dt.timedelta(hours=23, minutes=59),
        ),
    )
)
LONGEST_MINUTES = MAX_RETRY_INTERVAL // 60
LONGEST_MS = MAX_RETRY_INTERVAL * 1000
destinations = st.builds(
    Destination,
    address=st.sampled_from(["+15550100", "+15550101", "+4930123"]),
    tries=st.integers(0, 3),
)


@st.composite
def attempts_and_abandons(draw: st.DrawFn, most: st.SearchStrategy[int]) -> Any:
    attempt = draw(most)
    return attempt, draw(st.integers(0, min(attempt, 4)))


def with_attempts(attempts: st.SearchStrategy[int], **fields: Any) -> Any:
    """Records whose attempts and abandons (<= attempts) are drawn together."""
    return st.tuples(
        attempts_and_abandons(attempts), st.fixed_dictionaries(fields)
    ).map(
        lambda drawn: CallingRecord(
            attempt=drawn[0][0], abandons=drawn[0][1], **drawn[1]
        )
    )


records = with_attempts(
    st.integers(0, 12),
    record_id=st.integers(0, 50),
    contact_info=st.just("+15550100"),
    record_status=st.sampled_from(RecordStatus),
    call_result=st.sampled_from(CallResult),
    dial_sched_time=st.none() | moments,
    daily_from=st.none() | st.times(),
    daily_till=st.none() | st.times(),
    time_zone=st.sampled_from(ZONES),
    destinations=st.lists(destinations, max_size=5).map(tuple),
)
#: Records biased towards dialable ones, so the comparison below is not vacuous.
likely_dialable = with_attempts(
    st.integers(0, 2) | st.integers(0, 12),
    record_id=st.integers(0, 50),
    contact_info=st.just("+15550100"),
    record_status=st.just(RecordStatus.READY) | st.sampled_from(RecordStatus),
    record_type=st.sampled_from(RecordType),
    call_result=st.sampled_from(CallResult),
    dial_sched_time=st.none() | moments,
    daily_from=st.none() | st.times(),
    daily_till=st.none() | st.times(),
    time_zone=st.sampled_from(ZONES),
    destinations=st.lists(destinations, max_size=5).map(tuple),
)
being_dialed = records.filter(
    lambda r: r.record_status in (RecordStatus.READY, RecordStatus.RETRIEVED)
)
small = st.none() | st.integers(0, 12)
intervals = st.none() | st.integers(0, 120) | st.integers(0, LONGEST_MINUTES)
plans = st.one_of(
    st.just(RetryPlan()),
    st.builds(RetryPlan, max_abandons=st.none() | st.integers(1, 4)),
    st.builds(
        lambda interval, retries, abandon: RetryPlan.from_campaign(
            Campaign(
                id="1",
                name="c",
                retry=RetrySettings(
                    retry_interval=interval,
                    max_retries=retries,
                    abandon_max_retries=abandon,
                ),
            )
        ),
        intervals,
        small,
        small,
    ),
    st.builds(
        RetryPlan.from_outplan,
        st.integers(0, 3_600_000) | st.integers(0, LONGEST_MS),
        st.integers(0, 3) | st.lists(st.integers(0, 3), min_size=1, max_size=5),
    ),
)


def spent(record: CallingRecord, plan: RetryPlan) -> bool:
    """Whether the plan leaves the record no attempt, abandon or destination."""
    return (
        record.attempt >= plan.attempt_limit(record.call_result)
        or (plan.max_abandons is not None and record.abandons >= plan.max_abandons)
        or next_destination(record, plan) is None
    )


@settings(deadline=None)
@given(being_dialed, st.sampled_from(CallResult), moments, plans)
def test_outcome_counts_one_attempt(
    record: CallingRecord, result: CallResult, at: dt.datetime, plan: RetryPlan
) -> None:
    """record_outcome never decreases attempt: it adds exactly one."""
    after = record_outcome(record, result, at=at, plan=plan)
    assert after.attempt == record.attempt + 1
    assert after.call_result is result
    assert after.record_id == record.record_id


@settings(deadline=None)
@given(being_dialed, st.sampled_from(CallResult), moments, plans)
def test_outcome_never_schedules_into_the_past(
    record: CallingRecord, result: CallResult, at: dt.datetime, plan: RetryPlan
) -> None:
    """A retried record is scheduled no earlier than the end of the attempt."""
    after = record_outcome(record, result, at=at, plan=plan)
    if after.record_status is RecordStatus.READY:
        assert after.dial_sched_time is not None
        assert after.dial_sched_time >= at
    else:
        assert after.dial_sched_time == record.dial_sched_time


@settings(deadline=None)
@given(being_dialed, st.sampled_from(CallResult), moments, plans)
def test_spent_records_are_never_dialable(
    record: CallingRecord, result: CallResult, at: dt.datetime, plan: RetryPlan
) -> None:
    """Once attempts are spent, dialable never picks the record, at any time."""
    after = record_outcome(record, result, at=at, plan=plan)
    if spent(after, plan):
        assert after.record_status is not RecordStatus.READY
        for now in (at, FAR_FUTURE):
            assert dialable([after], now=now, plan=plan) == ()
        # Even forced back to READY with no window, a spent record is not picked.
        ready = CallingRecord(
            record_id=after.record_id,
            contact_info=after.contact_info,
            call_result=after.call_result,
            attempt=after.attempt,
            abandons=after.abandons,
            destinations=after.destinations,
        )
        assert dialable([ready], now=FAR_FUTURE, plan=plan) == ()


@settings(deadline=None)
@given(being_dialed, st.sampled_from(CallResult), moments, plans)
def test_outcomes_end_within_the_attempt_limit(
    record: CallingRecord, result: CallResult, at: dt.datetime, plan: RetryPlan
) -> None:
    """Repeating one result reaches a final status within the attempt limit."""
    current = record_outcome(record, result, at=at, plan=plan)
    for _ in range(30):
        if current.record_status is not RecordStatus.READY:
            break
        current = record_outcome(current, result, at=at, plan=plan)
    assert current.record_status in (RecordStatus.UPDATED, RecordStatus.CANCELLED)


def reference(
    items: list[CallingRecord], now: dt.datetime, plan: RetryPlan, zone: str
) -> list[CallingRecord]:
    """The rules of dialable, written out plainly with time objects."""

    def inside(record: CallingRecord) -> bool:
        local = now.astimezone(zoneinfo.ZoneInfo(record.time_zone or zone))
        t = local.time().replace(tzinfo=None)
        start = record.daily_from or dt.time.min
        end = record.daily_till or dt.time.max
        if start <= end:
            return start <= t <= end
        return t >= start or t <= end

    picked = [
        r
        for r in items
        if r.record_status is RecordStatus.READY
        and r.record_type is not RecordType.NO_CALL
        and (r.dial_sched_time is None or r.dial_sched_time <= now)
        and not spent(r, plan)
        and inside(r)
    ]
    return sorted(
        picked,
        key=lambda r: (
            r.dial_sched_time or dt.datetime.min.replace(tzinfo=dt.UTC),
            r.record_id,
        ),
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(likely_dialable, max_size=20),
    moments,
    plans,
    st.sampled_from(["UTC", "Asia/Kolkata", "America/Los_Angeles"]),
    st.none() | st.integers(0, 25),
)
def test_dialable_matches_the_plain_rules(
    items: list[CallingRecord],
    now: dt.datetime,
    plan: RetryPlan,
    zone: str,
    limit: int | None,
) -> None:
    """Dialing picks exactly what the plainly written rules pick, in stable order."""
    expected = reference(items, now, plan, zone)
    picked = dialable(items, now=now, plan=plan, default_zone=zone, limit=limit)
    assert list(picked) == (expected if limit is None else expected[:limit])


@settings(deadline=None)
@given(st.lists(records, max_size=20))
def test_progress_adds_up(items: list[CallingRecord]) -> None:
    """Pending and finished always add up to the number of records."""
    progress = list_progress(items)
    assert progress.total == len(items) == sum(progress.by_status.values())
    assert progress.pending + progress.finished == progress.total


T = TypeVar("T")


def attempt(work: Callable[[], T]) -> tuple[T | None, str | None]:
    """Run ``work``: its result, or None and the field a ValidationError named."""
    try:
        return work(), None
    except ValidationError as error:
        return None, error.field


@settings(deadline=None)
@given(being_dialed, st.sampled_from(CallResult), moments, plans)
def test_outcome_counts_abandons_only_for_abandoned_calls(
    record: CallingRecord, result: CallResult, at: dt.datetime, plan: RetryPlan
) -> None:
    """Abandons grow by one exactly when the attempt was abandoned."""
    after = record_outcome(record, result, at=at, plan=plan)
    grew = result is CallResult.ABANDONED
    assert after.abandons == record.abandons + grew <= after.attempt


@settings(deadline=None)
@given(being_dialed, st.sampled_from(CallResult), any_moment, plans)
def test_outcome_at_any_instant_is_a_record_or_a_validation_error(
    record: CallingRecord, result: CallResult, at: dt.datetime, plan: RetryPlan
) -> None:
    """At the ends of time record_outcome refuses `at` by name, never overflows."""
    after, refused = attempt(lambda: record_outcome(record, result, at=at, plan=plan))
    if after is None:
        assert refused == "at"
        return
    if after.record_status is RecordStatus.READY:
        assert after.dial_sched_time is not None
        assert after.dial_sched_time >= at


@settings(deadline=None)
@given(any_moment, st.sampled_from(["dial_sched_time", "call_time"]))
def test_records_take_any_instant_or_refuse_it_by_name(
    moment: dt.datetime, field: str
) -> None:
    """A record keeps any instant that has a UTC equivalent, and names the rest."""
    built, refused = attempt(
        lambda: CallingRecord(record_id=1, contact_info="+1", **{field: moment})
    )
    if built is None:
        assert refused == field
        with pytest.raises(OverflowError):
            moment.astimezone(dt.UTC)
        return
    kept = getattr(built, field)
    assert kept.tzinfo is dt.UTC
    assert kept - moment == dt.timedelta(0)  # the same instant


@settings(deadline=None)
@given(st.lists(records, max_size=3), any_moment, st.sampled_from(ZONES[:-1]))
def test_dialable_at_any_instant_picks_or_refuses_now(
    items: list[CallingRecord], now: dt.datetime, zone: str
) -> None:
    """At the ends of time dialable refuses `now` by name, never overflows."""
    picked, refused = attempt(lambda: dialable(items, now=now, default_zone=zone))
    if picked is None:
        assert refused == "now"
        return
    assert set(picked) <= set(items)


@given(st.integers(-1, 10**20) | st.integers(MAX_EPOCH - 5, MAX_EPOCH + 5))
def test_epoch_seconds_convert_or_are_refused(seconds: int) -> None:
    """Epoch seconds in range round trip; the rest are ValidationErrors."""
    if 0 <= seconds <= MAX_EPOCH:
        assert epoch_from_utc(utc_from_epoch(seconds)) == seconds
    else:
        with pytest.raises(ValidationError):
            utc_from_epoch(seconds)


@settings(deadline=None)
@given(st.lists(records, max_size=3), plans)
def test_records_plans_and_progress_pickle_copy_and_round_trip_json(
    items: list[CallingRecord], plan: RetryPlan
) -> None:
    """Every records value pickles, deep-copies and comes back equal from JSON."""
    for value in (*items, plan, plan.otherwise, list_progress(items)):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
        assert from_dict(type(value), json.loads(json.dumps(to_dict(value)))) == value
