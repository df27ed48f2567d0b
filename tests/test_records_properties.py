"""Properties of record outcomes and dialing, over generated records and plans."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit.models import Campaign, RetrySettings
from campaignkit.records import (
    CallingRecord,
    CallResult,
    Destination,
    RecordStatus,
    RecordType,
    RetryPlan,
    dialable,
    list_progress,
    next_destination,
    record_outcome,
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
destinations = st.builds(
    Destination,
    address=st.sampled_from(["+15550100", "+15550101", "+4930123"]),
    tries=st.integers(0, 3),
)
records = st.builds(
    CallingRecord,
    record_id=st.integers(0, 50),
    contact_info=st.just("+15550100"),
    record_status=st.sampled_from(RecordStatus),
    call_result=st.sampled_from(CallResult),
    attempt=st.integers(0, 12),
    dial_sched_time=st.none() | moments,
    daily_from=st.none() | st.times(),
    daily_till=st.none() | st.times(),
    time_zone=st.sampled_from(ZONES),
    destinations=st.lists(destinations, max_size=5).map(tuple),
)
#: Records biased towards dialable ones, so the comparison below is not vacuous.
likely_dialable = st.builds(
    CallingRecord,
    record_id=st.integers(0, 50),
    contact_info=st.just("+15550100"),
    record_status=st.just(RecordStatus.READY) | st.sampled_from(RecordStatus),
    record_type=st.sampled_from(RecordType),
    call_result=st.sampled_from(CallResult),
    attempt=st.integers(0, 2) | st.integers(0, 12),
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
plans = st.one_of(
    st.just(RetryPlan()),
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
        small,
        small,
        small,
    ),
    st.builds(
        RetryPlan.from_outplan,
        st.integers(0, 3_600_000),
        st.integers(0, 3) | st.lists(st.integers(0, 3), min_size=1, max_size=5),
    ),
)


def spent(record: CallingRecord, plan: RetryPlan) -> bool:
    """Whether the plan leaves the record no attempt or no destination."""
    return (
        record.attempt >= plan.attempt_limit(record.call_result)
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
