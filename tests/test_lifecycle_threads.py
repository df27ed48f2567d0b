"""Calls from threads, signal handlers and after interruptions agree with a serial run.

Calls from 8 threads at once, from a "signal handler" and after an interrupted call
give the same results as the same calls run one by one.

The interruptions are injected with ``sys.settrace`` at every line the call runs
(never with real signals or sleeps): an exception raised there
(``KeyboardInterrupt``, a handler's ``TimeoutError``, ``RecursionError``), or a whole
other lifecycle call run there, as a signal handler would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import itertools
import os
import random
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from campaignkit.enums import CampaignStatus, GroupStatus
from campaignkit.errors import TransitionNotAllowed
from campaignkit.models import Campaign, CampaignGroup
from tests.test_lifecycle_campaign import CALLS as CAMPAIGN_CALLS
from tests.test_lifecycle_group import CALLS as GROUP_CALLS

THREADS = 8
ROUNDS = 6
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
AT = T0 + dt.timedelta(minutes=1)

# The two matrices' calls (every function, every branch) from every status: the work
# mixes accepted and refused changes and reaches the campaign's final states.
WORK: list[tuple[Callable[[Any], Any], Any]] = [
    *(
        (call, CampaignGroup(campaign_name="S", group_name="G", status=s))
        for call, s in itertools.product(GROUP_CALLS.values(), GroupStatus)
    ),
    *(
        (call, Campaign(id="1", name="S", status=s))
        for call, s in itertools.product(CAMPAIGN_CALLS.values(), CampaignStatus)
    ),
]


def outcome(call: Callable[[Any], Any], model: Any) -> tuple[Any, ...]:
    """What a call gave: the events and final model, or the refusal's message."""
    try:
        result = call(model)
    except TransitionNotAllowed as error:
        return ("refused", str(error))
    return ("done", result.after, result.events)


def test_eight_threads_agree_with_one() -> None:
    """Every thread runs the mixed workload in its own order and gets serial results."""
    expected = [outcome(call, model) for call, model in WORK]
    assert {kind for kind, *_ in expected} == {"done", "refused"}
    barrier = threading.Barrier(THREADS)
    results: dict[int, list[tuple[int, tuple[Any, ...]]]] = {}
    errors: list[BaseException] = []

    def worker(seed: int) -> None:
        order = [i for _ in range(ROUNDS) for i in range(len(WORK))]
        random.Random(seed).shuffle(order)
        mine = []
        try:
            barrier.wait()
            for index in order:
                call, model = WORK[index]
                mine.append((index, outcome(call, model)))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        results[seed] = mine

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == THREADS
    for mine in results.values():
        assert len(mine) == ROUNDS * len(WORK)
        for index, got in mine:
            assert got == expected[index]


HERE = __file__  # every other line a call runs is traced: campaignkit's, attrs', ...
# A sample of the work for the line-by-line injections (every 7th case, about 30
# calls, accepted and refused); CAMPAIGNKIT_DEEP=1 injects into all of it.
SAMPLE = WORK if os.environ.get("CAMPAIGNKIT_DEEP") else WORK[::7]
EXPECTED = [outcome(call, model) for call, model in SAMPLE]


def _only(tracer: Callable[..., Any], call: Callable[[], Any]) -> Any:
    """``call()`` traced with ``tracer`` alone, then put back the tracer found.

    Garbage collection is off meanwhile: a finaliser's lines would shift the count
    and an injected exception raised inside a ``__del__`` is only printed. A plain
    function, not a generator context manager: coverage's tracer, put back from
    inside a generator, stopped recording every test after these.
    """
    before = sys.gettrace()
    collecting = gc.isenabled()
    gc.disable()
    sys.settrace(tracer)
    try:
        return call()
    finally:
        sys.settrace(before)
        if collecting:
            gc.enable()


def lines_run(call: Callable[[Any], Any], model: Any) -> int:
    """How many lines one call runs outside this file."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename != HERE:
            if event == "line":
                count += 1
            return tracer
        return None

    _only(tracer, lambda: outcome(call, model))
    return count


def at_line(n: int, action: Callable[[], None]) -> Callable[..., Any]:
    """A tracer that runs ``action`` at the ``n``-th line traced, once."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename == HERE:
            return None
        if event == "line":
            count += 1
            if count == n:
                action()
        return tracer

    return tracer


def traced(tracer: Callable[..., Any], call: Callable[[Any], Any], model: Any) -> Any:
    """The outcome of ``call(model)`` run under ``tracer``."""
    return _only(tracer, lambda: outcome(call, model))


INTERRUPTS = [KeyboardInterrupt, TimeoutError, RecursionError]


@pytest.mark.parametrize("error", INTERRUPTS, ids=lambda e: e.__name__)
def test_an_interrupted_call_never_affects_a_later_one(
    error: type[BaseException],
) -> None:
    """An exception raised at any line of a call leaves every later call right."""
    fired: list[int] = []

    def interrupt() -> None:
        fired.append(1)
        raise error("injected")

    for index, (call, model) in enumerate(SAMPLE):
        for n in range(1, lines_run(call, model) + 1):
            fired.clear()
            with contextlib.suppress(error):
                traced(at_line(n, interrupt), call, model)
            if not fired:  # pragma: no cover - a call that ran fewer lines
                continue
            later = (index + n) % len(SAMPLE)  # any later call, then the same one
            assert outcome(*SAMPLE[later]) == EXPECTED[later]
            assert outcome(call, model) == EXPECTED[index]


def test_a_call_from_a_signal_handler_at_any_line_is_right() -> None:
    """A call made at any line of another (a signal handler) is right, and so is it.

    Both get the results of a serial run.
    """
    inner: list[Any] = []
    for index, (call, model) in enumerate(SAMPLE):
        other = (index + 1) % len(SAMPLE)
        handler = functools.partial(lambda i: inner.append(outcome(*SAMPLE[i])), other)
        lines = lines_run(call, model)
        handled = 0
        for n in range(1, lines + 1):
            inner.clear()
            outer = traced(at_line(n, handler), call, model)
            assert outer == EXPECTED[index]
            if inner:  # else the call ran fewer lines this time (a warm cache)
                assert inner == [EXPECTED[other]]
                handled += 1
        assert handled >= lines // 2
