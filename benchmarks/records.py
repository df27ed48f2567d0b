"""How fast ``dialable`` picks from 100,000 records, next to a plain comprehension.

Run on demand: ``python benchmarks/records.py``. Both sides see the same records
(built once, from a seeded random generator) and apply the same conditions:
READY, not NO_CALL, scheduled time reached, attempts and abandons left under the
default plan,
and inside the daily window read in the record's own zone (the list's zone
otherwise). The baseline is the plain way a host would write it: a list
comprehension with the local time of each zone computed once, then ``sorted`` for
the same order; it is also timed without the sort. Runs are interleaved so that
load on the machine hits every side alike. Target: ``dialable`` within 1.3x of the
comprehension with its sort (the same work), which it is written like.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
import zoneinfo
from collections.abc import Callable, Sequence

from campaignkit.records import (
    DEFAULT_RETRY_PLAN,
    CallingRecord,
    CallResult,
    RecordStatus,
    RecordType,
    dialable,
)

ZONES = [None, "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Sydney"]
NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
LIST_ZONE = "America/Chicago"


def make_records(count: int, seed: int = 7) -> list[CallingRecord]:
    """Build ``count`` varied records: most READY, windows of all kinds."""
    rng = random.Random(seed)
    statuses = [RecordStatus.READY] * 6 + [RecordStatus.UPDATED, RecordStatus.RETRIEVED]
    types = [RecordType.GENERAL] * 9 + [RecordType.NO_CALL]
    records = []
    for record_id in range(count):
        start = rng.randrange(0, 24)
        window = rng.random() < 0.8
        scheduled = None
        if rng.random() < 0.5:
            scheduled = NOW + dt.timedelta(minutes=rng.randrange(-600, 120))
        attempt = rng.randrange(0, 11)
        records.append(
            CallingRecord(
                record_id=record_id,
                contact_info=f"+1555{record_id:07d}",
                record_status=rng.choice(statuses),
                record_type=rng.choice(types),
                call_result=rng.choice(list(CallResult)),
                attempt=attempt,
                abandons=rng.randrange(0, min(attempt, 4) + 1),
                dial_sched_time=scheduled,
                daily_from=dt.time(start) if window else None,
                daily_till=dt.time((start + rng.randrange(4, 14)) % 24)
                if window
                else None,
                time_zone=rng.choice(ZONES),
            )
        )
    rng.shuffle(records)
    return records


def baseline(
    records: list[CallingRecord], *, ordered: bool = True
) -> list[CallingRecord]:
    """The same rules as a plain comprehension, then ``sorted`` unless told not to."""
    limits = {result: DEFAULT_RETRY_PLAN.attempt_limit(result) for result in CallResult}
    most = DEFAULT_RETRY_PLAN.max_abandons
    max_abandons = float("inf") if most is None else most
    local = {
        zone: NOW.astimezone(zoneinfo.ZoneInfo(zone or LIST_ZONE)).time()
        for zone in ZONES
    }
    ready, no_call = RecordStatus.READY, RecordType.NO_CALL
    picked = [
        r
        for r in records
        if r.record_status is ready
        and r.record_type is not no_call
        and (r.dial_sched_time is None or r.dial_sched_time <= NOW)
        and r.attempt < limits[r.call_result]
        and r.abandons < max_abandons
        and (
            (r.daily_from or dt.time.min)
            <= local[r.time_zone]
            <= (r.daily_till or dt.time.max)
            if (r.daily_from or dt.time.min) <= (r.daily_till or dt.time.max)
            else not (
                (r.daily_till or dt.time.max)
                < local[r.time_zone]
                < (r.daily_from or dt.time.min)
            )
        )
    ]
    if not ordered:
        return picked
    return sorted(
        picked,
        key=lambda r: (
            r.dial_sched_time or dt.datetime.min.replace(tzinfo=dt.UTC),
            r.record_id,
        ),
    )


def timings(
    runs: int, contenders: Sequence[tuple[str, Callable[[], object]]]
) -> dict[str, list[float]]:
    """Time each contender ``runs`` times, interleaved so that load hits all alike."""
    seconds: dict[str, list[float]] = {name: [] for name, _ in contenders}
    for _ in range(runs):
        for name, work in contenders:
            started = time.perf_counter()
            work()
            seconds[name].append(time.perf_counter() - started)
    return seconds


def main() -> None:
    """Time both sides and print records per second and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    records = make_records(args.records)
    ours = dialable(records, now=NOW, default_zone=LIST_ZONE)
    theirs = baseline(records)
    assert list(ours) == theirs, "dialable and the baseline disagree"
    print(f"{args.records:,} records, {len(ours):,} dialable now")
    rows = [
        ("dialable (all)", lambda: dialable(records, now=NOW, default_zone=LIST_ZONE)),
        (
            "dialable (limit=100)",
            lambda: dialable(records, now=NOW, default_zone=LIST_ZONE, limit=100),
        ),
        ("comprehension + sorted", lambda: baseline(records)),
        ("comprehension alone", lambda: baseline(records, ordered=False)),
    ]
    results = timings(args.runs, rows)
    for name, seconds in results.items():
        best, median = min(seconds), statistics.median(seconds)
        timing = f"best {best * 1e3:7.1f} ms  median {median * 1e3:7.1f} ms"
        print(f"{name:24} {timing}  {args.records / best:12,.0f} records/s")
    fastest = min(results["dialable (all)"])
    for name in ("comprehension + sorted", "comprehension alone"):
        ratio = fastest / min(results[name])
        print(f"dialable / {name}: {ratio:.2f}x")
    print("target: dialable / comprehension + sorted <= 1.3x")


if __name__ == "__main__":
    main()
