"""The regulatory abandonment window as a value: live answers and abandons by time.

Regulators cap abandoned calls as a share of live answers over a rolling window:
3 % per campaign over 30 days in the US (FCC), 3 % over 24 hours in the UK (Ofcom,
which also counts live people that answering-machine detection wrongly classed as
machines and hung up on). An :class:`AbandonmentLedger` records each live answer
and abandon with its time and answers "how many in the window ending at ``at``",
which is what :class:`~campaignkit.pacing.PacingSnapshot` wants as ``answered`` and
``abandoned``.

Memory is bounded: counts are kept per bucket (one minute by default) and a bucket
is dropped once the window has moved past it, so a ledger holds at most
``window / bucket + 1`` buckets (1,441 for 24 hours, 43,201 for 30 days) however
many calls it saw. The price is resolution: a bucket is counted whole while any of
it is inside the window, so the oldest minute of a window may count up to one
bucket of calls that a to-the-second count would already have dropped (an
overcount, never an undercount, of at most one bucket).

>>> import datetime as dt
>>> at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
>>> ledger = AbandonmentLedger.uk()
>>> ledger = ledger.record(at, answered=40, abandoned=1)
>>> ledger = ledger.record(at + dt.timedelta(hours=2), answered=10)
>>> ledger.counts(at + dt.timedelta(hours=3))
WindowCounts(answered=50, abandoned=1)
>>> ledger.counts(at + dt.timedelta(hours=25))  # the first minute has left
WindowCounts(answered=10, abandoned=0)
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import attrs

from campaignkit import _validate as v

__all__ = ["MAX_BUCKETS", "AbandonmentLedger", "WindowCounts"]

MAX_BUCKETS = 1_000_000
"""The most buckets a window may span (``window / bucket``): bounds the memory."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MAX_WINDOW = dt.timedelta(days=366)
_COUNT = v.integer(0, 2**53)

Bucket = tuple[int, int, int]
"""``(index, answered, abandoned)``: the bucket's index counts buckets since 1970."""


@attrs.frozen
class WindowCounts:
    """Live answers and abandons in one window, as a snapshot takes them.

    ``PacingSnapshot(agents_ready=3, **attrs.asdict(counts))`` fills the snapshot's
    two window fields.

    Attributes:
        answered: Live answers in the window (abandoned ones included).
        abandoned: Of those, calls abandoned.
    """

    answered: int
    abandoned: int

    @property
    def overdial_rate(self) -> float | None:
        """Abandoned / answered, None without answers (the figure regulators cap)."""
        return self.abandoned / self.answered if self.answered else None


def _window(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, dt.timedelta) and dt.timedelta(0) < value <= _MAX_WINDOW
    v.check(obj, attribute.name, value, ok, "a timedelta > 0 and up to 366 days")


def _bucket(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = (
        isinstance(value, dt.timedelta)
        and value >= dt.timedelta(seconds=1)
        and value <= obj.window
        and obj.window / value <= MAX_BUCKETS
    )
    allowed = f"a timedelta of 1 s to the window, at most {MAX_BUCKETS} per window"
    v.check(obj, attribute.name, value, ok, allowed)


def _buckets(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = v.is_series(value, 3, lambda b: all(map(v.is_int, b)) and 0 <= b[2] <= b[1])
    allowed = "a tuple of (index, answered, abandoned) with increasing indices"
    v.check(obj, attribute.name, value, ok, allowed + " and abandoned <= answered")


def _newest(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        v.check(obj, attribute.name, value, not obj.buckets, "a bucket (buckets kept)")
        return
    _buckets(obj, attribute, (value,))
    ok = not obj.buckets or obj.buckets[-1][0] < value[0]
    v.check(obj, attribute.name, value, ok, "a bucket newer than every kept one")


@attrs.frozen(kw_only=True)
class AbandonmentLedger:
    """Live answers and abandons per time bucket over a rolling window.

    A frozen value: :meth:`record` returns a new ledger. Recording into the newest
    bucket costs O(1); starting a new bucket copies the kept buckets once, so a
    run pays about one copy per bucket, not per call.

    Attributes:
        window: The rolling window the regulation counts over (up to 366 days).
        bucket: The resolution of the counts (1 s to the window, one minute by
            default); a window spans at most :data:`MAX_BUCKETS` buckets.
        count_misclassified: Count live answers that answering-machine detection
            classed as machines (and so hung up on) as answered *and* abandoned,
            as the UK rule does; otherwise they are not counted.
        buckets: The older kept buckets, oldest first, as ``(index, answered,
            abandoned)``; the index counts buckets since 1970-01-01 UTC.
        newest: The newest bucket, the one records go to (None when empty).
    """

    window: dt.timedelta = attrs.field(default=dt.timedelta(days=30), validator=_window)
    bucket: dt.timedelta = attrs.field(
        default=dt.timedelta(minutes=1), validator=_bucket
    )
    count_misclassified: bool = attrs.field(default=False, validator=v.boolean)
    buckets: tuple[Bucket, ...] = attrs.field(default=(), validator=_buckets)
    newest: Bucket | None = attrs.field(default=None, validator=_newest)
    _answered: int = attrs.field(init=False, repr=False, eq=False)
    _abandoned: int = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_answered", sum(b[1] for b in self.buckets))
        object.__setattr__(self, "_abandoned", sum(b[2] for b in self.buckets))

    @classmethod
    def us(cls) -> AbandonmentLedger:
        """The US rule's window: 30 days per campaign."""
        return cls(window=dt.timedelta(days=30))

    @classmethod
    def uk(cls) -> AbandonmentLedger:
        """The UK rule's window: 24 hours, misclassified machine answers counted."""
        return cls(window=dt.timedelta(hours=24), count_misclassified=True)

    def index(self, at: dt.datetime) -> int:
        """The bucket ``at`` falls in, counted from 1970-01-01 UTC."""
        v.check_aware(self, "at", at)
        return (at - _EPOCH) // self.bucket

    def record(
        self,
        at: dt.datetime,
        *,
        answered: int = 0,
        abandoned: int = 0,
        misclassified: int = 0,
    ) -> AbandonmentLedger:
        """Add live answers, abandons and misclassified answers at ``at``.

        Args:
            at: When they happened (aware); a time before the newest bucket is
                added to the newest bucket (a late report stays counted).
            answered: Live answers, the abandoned ones included.
            abandoned: Of those, calls abandoned (at most ``answered``).
            misclassified: Live answers that answering-machine detection classed
                as machines; counted only with ``count_misclassified``.
        """
        for name, n in (
            ("answered", answered),
            ("abandoned", abandoned),
            ("misclassified", misclassified),
        ):
            v.check(self, name, n, 0 <= n < 2**53, "an integer from 0 to 2**53")
        v.check(self, "abandoned", abandoned, abandoned <= answered, "<= answered")
        if self.count_misclassified:
            answered += misclassified
            abandoned += misclassified
        return self._add(self.index(at), answered, abandoned)

    def _add(self, index: int, answered: int, abandoned: int) -> AbandonmentLedger:
        """Add counts to bucket ``index`` (the simulator's fast path: no checks)."""
        newest, buckets = self.newest, self.buckets
        total_answered, total_abandoned = self._answered, self._abandoned
        if newest is not None and newest[0] >= index:
            newest = (newest[0], newest[1] + answered, newest[2] + abandoned)
        else:
            if newest is not None:
                buckets += (newest,)
                total_answered += newest[1]
                total_abandoned += newest[2]
            first = self._first(index)
            if buckets and buckets[0][0] < first:
                cut = bisect.bisect_left(buckets, (first,))
                total_answered -= sum(b[1] for b in buckets[:cut])
                total_abandoned -= sum(b[2] for b in buckets[:cut])
                buckets = buckets[cut:]
            newest = (index, answered, abandoned)
        new = object.__new__(AbandonmentLedger)
        for name in ("window", "bucket", "count_misclassified"):
            object.__setattr__(new, name, getattr(self, name))
        object.__setattr__(new, "buckets", buckets)
        object.__setattr__(new, "newest", newest)
        object.__setattr__(new, "_answered", total_answered)
        object.__setattr__(new, "_abandoned", total_abandoned)
        return new

    def _first(self, index: int) -> int:
        """The oldest bucket the window ending in bucket ``index`` overlaps."""
        return index - -(-self.window // self.bucket)

    def counts(self, at: dt.datetime) -> WindowCounts:
        """Live answers and abandons in the window ending at ``at``.

        Buckets after ``at`` are not counted; a bucket partly inside the window
        is counted whole.
        """
        return self._counts(self.index(at))

    def _counts(self, index: int) -> WindowCounts:
        newest, buckets, first = self.newest, self.buckets, self._first(index)
        if newest is None or newest[0] < first:
            return WindowCounts(0, 0)
        if newest[0] <= index and (not buckets or buckets[0][0] >= first):
            return WindowCounts(self._answered + newest[1], self._abandoned + newest[2])
        inside = [b for b in (*buckets, newest) if first <= b[0] <= index]
        return WindowCounts(sum(b[1] for b in inside), sum(b[2] for b in inside))
