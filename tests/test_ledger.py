"""The regulatory window as a value: counts by bucket, bounded, frozen."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignkit import ValidationError
from campaignkit.codec import from_dict, to_dict
from campaignkit.ledger import MAX_BUCKETS, AbandonmentLedger, WindowCounts
from campaignkit.pacing import PacingSnapshot

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def test_counts_feed_a_snapshot() -> None:
    """The window's counts are the snapshot's answered and abandoned fields."""
    ledger = AbandonmentLedger.us().record(T0, answered=30, abandoned=1)
    counts = ledger.counts(T0 + dt.timedelta(days=29))
    snapshot = PacingSnapshot(agents_ready=3, **attrs.asdict(counts))
    assert (snapshot.answered, snapshot.abandoned) == (30, 1)
    assert counts.overdial_rate == pytest.approx(1 / 30)
    assert WindowCounts(0, 0).overdial_rate is None
    assert ledger.counts(T0 + dt.timedelta(days=31)) == WindowCounts(0, 0)


def test_the_window_rolls_and_forgets() -> None:
    """Old buckets leave the window; later records keep the memory bounded."""
    ledger = AbandonmentLedger(window=dt.timedelta(hours=1))
    for minute in range(180):
        ledger = ledger.record(T0 + minute * MINUTE, answered=2, abandoned=minute % 2)
    assert len(ledger.buckets) + 1 <= 61 + 1
    end = T0 + 179 * MINUTE
    counts = ledger.counts(end)
    assert counts.answered in (120, 122)  # 60 or 61 buckets, by the whole-bucket rule
    # Asking about an earlier time counts only the kept buckets up to it.
    earlier = ledger.counts(end - 10 * MINUTE)
    assert earlier.answered < counts.answered
    # Same-bucket records add to the newest bucket.
    again = ledger.record(end, answered=5, abandoned=5)
    assert again.newest == (ledger.newest[0], 7, 6)  # type: ignore[index]
    # A late report goes to the newest bucket rather than being lost.
    late = again.record(T0, answered=1)
    assert late.counts(end).answered == again.counts(end).answered + 1


def test_a_gap_longer_than_the_window_empties_it() -> None:
    """After a quiet day the old counts are gone."""
    ledger = AbandonmentLedger.uk().record(T0, answered=10, abandoned=3)
    later = ledger.record(T0 + dt.timedelta(days=2), answered=1)
    assert later.buckets == ()
    assert later.counts(T0 + dt.timedelta(days=2)) == WindowCounts(1, 0)


def test_the_uk_rule_counts_misclassified_machines() -> None:
    """Live people hung up on as machines are answers and abandons in the UK."""
    uk = AbandonmentLedger.uk().record(T0, answered=10, misclassified=2)
    us = AbandonmentLedger.us().record(T0, answered=10, misclassified=2)
    assert uk.counts(T0) == WindowCounts(12, 2)
    assert us.counts(T0) == WindowCounts(10, 0)
    assert uk.window == dt.timedelta(hours=24)
    assert uk.count_misclassified


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: AbandonmentLedger(window=dt.timedelta(0)), "window"),
        (lambda: AbandonmentLedger(window=dt.timedelta(days=400)), "window"),
        (lambda: AbandonmentLedger(bucket=dt.timedelta(days=31)), "bucket"),
        (lambda: AbandonmentLedger(bucket=dt.timedelta(milliseconds=5)), "bucket"),
        (lambda: AbandonmentLedger(count_misclassified=1), "count_misclassified"),
        (lambda: AbandonmentLedger(buckets=((2, 1, 0), (1, 1, 0))), "buckets"),
        (lambda: AbandonmentLedger(buckets=((1, 1, 2),)), "buckets"),
        (lambda: AbandonmentLedger(buckets=((1, 1),)), "buckets"),
        (lambda: AbandonmentLedger(buckets=((1, 1.0, 0),)), "buckets"),
        (lambda: AbandonmentLedger(buckets=[(1, 1, 0)]), "buckets"),
        (lambda: AbandonmentLedger(buckets=((1, 1, 0),)), "newest"),
        (lambda: AbandonmentLedger(buckets=((5, 1, 0),), newest=(5, 1, 0)), "newest"),
        (lambda: AbandonmentLedger().record(T0, answered=-1), "answered"),
        (lambda: AbandonmentLedger().record(T0, answered=1, abandoned=2), "abandoned"),
        (lambda: AbandonmentLedger().record(T0.replace(tzinfo=None)), "at"),
    ],
)
def test_bad_values_are_refused_by_name(make: Any, field: str) -> None:
    """Windows, buckets, counts and times out of range name their field."""
    with pytest.raises(ValidationError) as info:
        make()
    assert info.value.field == field


def test_memory_is_bounded_by_the_bucket_count() -> None:
    """The finest bucket allowed keeps at most MAX_BUCKETS of them per window."""
    window = dt.timedelta(seconds=MAX_BUCKETS)
    assert AbandonmentLedger(window=window, bucket=dt.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        AbandonmentLedger(window=window * 2, bucket=dt.timedelta(seconds=1))


def test_a_ledger_is_a_value() -> None:
    """Pickle, deepcopy and to_dict / JSON / from_dict give back an equal ledger."""
    ledger = AbandonmentLedger.uk()
    for minute in (0, 1, 5):
        ledger = ledger.record(T0 + minute * MINUTE, answered=3, abandoned=1)
    for value in (ledger, AbandonmentLedger()):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
        data = to_dict(value)
        if isinstance(data["window"], dt.timedelta):
            continue  # a codec without timedelta hooks: JSON needs them as seconds
        back = from_dict(AbandonmentLedger, json.loads(json.dumps(data)))
        assert back == value
        assert back.counts(T0 + 5 * MINUTE) == value.counts(T0 + 5 * MINUTE)


@given(
    st.lists(
        st.tuples(st.integers(0, 600), st.integers(0, 5), st.integers(0, 5)),
        max_size=60,
    ),
    st.integers(0, 700),
)
def test_counts_match_a_plain_recount(
    records: list[tuple[int, int, int]], query: int
) -> None:
    """Whatever was recorded, the counts are those of the buckets in the window."""
    window, bucket = dt.timedelta(minutes=30), MINUTE
    ledger = AbandonmentLedger(window=window, bucket=bucket)
    kept: dict[int, list[int]] = {}
    newest = -1
    for minute, answered, extra in sorted(records):
        ledger = ledger.record(
            T0 + minute * MINUTE, answered=answered + extra, abandoned=extra
        )
        newest = max(newest, minute)
        kept.setdefault(newest, [0, 0])
        kept[newest][0] += answered + extra
        kept[newest][1] += extra
    base = (T0 - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // bucket
    at = base + query
    last = base + newest
    inside = [
        v
        for m, v in kept.items()
        if at - 30 <= base + m <= at and base + m >= last - 30
    ]
    expected = WindowCounts(sum(v[0] for v in inside), sum(v[1] for v in inside))
    assert ledger.counts(T0 + query * MINUTE) == expected
