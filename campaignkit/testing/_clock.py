"""Time a test controls: a stepping wall clock and an event loop on virtual time."""

from __future__ import annotations

import asyncio
import datetime as dt
import selectors
from collections.abc import Coroutine
from typing import Any, TypeVar

import attrs

from campaignkit import _validate as v

T = TypeVar("T")

START = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)
"""Where a :class:`SteppingClock` starts unless told otherwise."""


@attrs.define
class SteppingClock:
    """A wall clock that moves only when the test says so.

    campaignkit takes the time as an argument (``at=``, ``now=``); a host passes
    ``clock.now`` (or the clock itself, as a ``now()`` callable) and the test
    steps it, so nothing in the test sleeps or depends on the machine's clock.

    Attributes:
        now: The current instant (aware).

    >>> clock = SteppingClock()
    >>> clock.now.isoformat()
    '2026-01-01T09:00:00+00:00'
    >>> clock.advance(90).isoformat()
    '2026-01-01T09:01:30+00:00'
    >>> clock() == clock.now
    True
    """

    now: dt.datetime = attrs.field(default=START, validator=v.aware_datetime)

    def __call__(self) -> dt.datetime:
        """The current instant, so the clock can stand in for a ``now()`` function."""
        return self.now

    def advance(self, seconds: float = 1.0) -> dt.datetime:
        """Move the clock ``seconds`` forward (not back: time does not) and return it.

        Raises:
            ValidationError: ``seconds`` is negative or not finite.
        """
        ok = 0 <= seconds < float("inf")
        v.check("SteppingClock.advance", "seconds", seconds, ok, "a number >= 0")
        self.now += dt.timedelta(seconds=seconds)
        return self.now


class _Selector(selectors.SelectSelector):
    """Polls without waiting; a wait for a timer moves the virtual clock instead."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = 0.0

    def select(
        self, timeout: float | None = None
    ) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None:  # nothing scheduled: only I/O or a thread can wake us
            return super().select(None)
        ready = super().select(0)
        if not ready:
            self.clock += timeout
        return ready


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock jumps to the next timer whenever every task waits.

    ``asyncio.sleep(60)``, ``asyncio.timeout(5)`` and ``adispatch(timeout=...)``
    then take no real time, and a test can move the clock itself with
    :meth:`advance` (a "slow" sync call). Real I/O still works; the clock only
    jumps when nothing is ready.
    """

    def __init__(self) -> None:
        self._virtual = _Selector()
        super().__init__(self._virtual)

    def time(self) -> float:
        """The virtual time, in seconds from the loop's creation."""
        return self._virtual.clock

    def advance(self, seconds: float) -> None:
        """Move the clock ``seconds`` forward, as if a blocking call took that long."""
        self._virtual.clock += seconds


def run_virtual(main: Coroutine[Any, Any, T]) -> T:
    """Run ``main`` to the end, as :func:`asyncio.run` does, on a virtual clock.

    >>> import asyncio
    >>> async def nap() -> float:
    ...     loop = asyncio.get_running_loop()
    ...     await asyncio.sleep(3600)
    ...     return loop.time()
    >>> run_virtual(nap())
    3600.0
    """
    with asyncio.Runner(loop_factory=VirtualClockLoop) as runner:
        return runner.run(main)
