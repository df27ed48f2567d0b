"""Notifiers: every notifier gets every event, failures are reported, never raised."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import inspect
import itertools
import logging
import warnings
from collections.abc import Generator
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from campaignkit import (
    Actor,
    Campaign,
    CampaignGroup,
    CampaignStatus,
    CampaignStatusChanged,
    GroupAction,
    GroupSnapshot,
    GroupStateChanged,
    GroupStatus,
    RequestedStatus,
    ValidationError,
    lifecycle,
)
from campaignkit.events import Event
from campaignkit.notify import (
    MAX_TIMEOUT,
    AsyncNotifier,
    AsyncNotifierError,
    CallbackNotifier,
    DispatchReport,
    LoggingNotifier,
    Notifier,
    RecordingNotifier,
    adispatch,
    dispatch,
    periodic_due,
)
from campaignkit.testing import VirtualClockLoop, run_virtual
from tests.fuzzing import fuzz

AT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
GROUP = CampaignGroup(
    campaign_name="Spring", group_name="Sales", status=GroupStatus.RUNNING
)
STARTED = GroupStateChanged(
    group=GROUP,
    previous_status=GroupStatus.INACTIVE,
    action=GroupAction.START_DIALING,
    actor=Actor.OCS_CLIENT,
    at=AT,
)
SNAPSHOT = GroupSnapshot(group=GROUP, at=AT)
CAMPAIGN_EVENT = CampaignStatusChanged(
    campaign=Campaign(id="6561", name="Spring", status=CampaignStatus.MANUAL_RUNNING),
    previous_status=CampaignStatus.NEW,
    trigger=RequestedStatus.RUNNING,
    at=AT,
)
EVENTS: tuple[Event, ...] = (STARTED, SNAPSHOT, CAMPAIGN_EVENT)


class Raising:
    """A sync notifier whose delivery always fails."""

    def notify(self, event: Event) -> None:
        raise ConnectionError(f"cannot deliver {type(event).__name__}")


class AsyncGood:
    """An async notifier that yields to the loop once, then records."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    async def notify(self, event: Event) -> None:
        await asyncio.sleep(0)
        self.events.append(event)


class AsyncRaising:
    """An async notifier that fails after yielding."""

    async def notify(self, event: Event) -> None:
        await asyncio.sleep(0)
        raise RuntimeError("backend down")


class Hanging:
    """An async notifier that never finishes."""

    async def notify(self, event: Event) -> None:
        await asyncio.Event().wait()


class OwnTimeout:
    """An async notifier that raises its own TimeoutError (not adispatch's)."""

    async def notify(self, event: Event) -> None:
        raise TimeoutError("upstream timed out")


class BareAwaitable:
    """An awaitable with neither close() nor cancel()."""

    def __await__(self) -> Generator[Any, None, None]:
        yield from ()


class Cancellable(BareAwaitable):
    """An awaitable that can only be cancelled; records that it was."""

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def run(coro: Any) -> Any:
    """Run a coroutine to completion on a virtual clock: timeouts take no time."""
    return run_virtual(coro)


def test_ready_made_notifiers_are_sync_and_deliver_through_dispatch() -> None:
    """Each ready-made notifier has a plain notify that dispatch delivers to."""
    got: list[Event] = []
    ready: list[Notifier] = [
        RecordingNotifier(),
        CallbackNotifier(got.append),
        LoggingNotifier(logging.getLogger("campaignkit.test.ready"), "http://h"),
    ]
    for notifier in ready:
        assert not inspect.iscoroutinefunction(notifier.notify)
    report = dispatch(STARTED, ready)
    assert report.delivered == tuple(ready)
    assert got == [STARTED]


def test_an_async_notifier_is_awaited_by_adispatch_only() -> None:
    """An AsyncNotifier's notify is a coroutine function: adispatch awaits it."""
    async_good: AsyncNotifier = AsyncGood()
    assert inspect.iscoroutinefunction(async_good.notify)
    assert run(adispatch(SNAPSHOT, [async_good])).delivered == (async_good,)
    assert isinstance(dispatch(SNAPSHOT, [async_good]).failed[0][1], AsyncNotifierError)  # type: ignore[list-item]


def test_dispatch_delivers_to_every_notifier_in_order() -> None:
    """Each notifier receives each event, in the order dispatched."""
    first, second = RecordingNotifier(), RecordingNotifier()
    for event in EVENTS:
        report = dispatch(event, [first, second])
        assert report == DispatchReport(delivered=(first, second), failed=())
        assert report.ok
    assert first.events == second.events == list(EVENTS)


def test_dispatch_reports_failures_and_keeps_going() -> None:
    """Raising, async and non-notifiers fail; the good one still gets everything."""
    raising, good = Raising(), RecordingNotifier()
    async_one, not_a_notifier = AsyncGood(), object()
    for event in EVENTS:
        report = dispatch(event, [raising, async_one, not_a_notifier, good])  # type: ignore[list-item]
        assert report.delivered == (good,)
        assert [n for n, _ in report.failed] == [raising, async_one, not_a_notifier]
        errors = [e for _, e in report.failed]
        assert isinstance(errors[0], ConnectionError)
        assert isinstance(errors[1], AsyncNotifierError)
        assert str(errors[1]) == "async notifier given to dispatch; use adispatch"
        assert isinstance(errors[2], AttributeError)
        assert not report.ok
    assert good.events == list(EVENTS)
    assert async_one.events == []


def test_dispatch_closes_an_async_callback_without_a_warning() -> None:
    """An async function behind CallbackNotifier fails in dispatch and never runs."""
    ran: list[Event] = []

    async def deliver(event: Event) -> None:
        ran.append(event)

    report = dispatch(STARTED, [CallbackNotifier(deliver)])
    assert isinstance(report.failed[0][1], AsyncNotifierError)
    assert ran == []


def test_dispatch_cancels_or_leaves_other_awaitables() -> None:
    """A returned awaitable is cancelled if it can be, and reported either way."""
    cancellable, bare = Cancellable(), BareAwaitable()
    report = dispatch(
        SNAPSHOT,
        [CallbackNotifier(lambda e: cancellable), CallbackNotifier(lambda e: bare)],
    )
    assert cancellable.cancelled
    assert len(report.failed) == 2
    assert all(isinstance(e, AsyncNotifierError) for _, e in report.failed)


def test_dispatch_accepts_any_iterable_once() -> None:
    """A generator of notifiers is consumed once and reported in order."""
    recorder = RecordingNotifier()
    report = dispatch(SNAPSHOT, (n for n in [recorder]))
    assert report.delivered == (recorder,)


def test_adispatch_mixes_sync_and_async_and_reports_each_failure() -> None:
    """Good notifiers get every event; raising and hanging ones are named failures."""
    sync_good, async_good = RecordingNotifier(), AsyncGood()
    raising, async_raising, hanging = Raising(), AsyncRaising(), Hanging()
    notifiers: list[Notifier | AsyncNotifier] = [
        raising,
        sync_good,
        hanging,
        async_raising,
        async_good,
    ]
    for event in EVENTS:
        report = run(adispatch(event, notifiers, timeout=0.01))
        assert report.delivered == (sync_good, async_good)
        failed = dict(report.failed)
        assert list(failed) == [raising, hanging, async_raising]
        assert isinstance(failed[raising], ConnectionError)
        assert isinstance(failed[hanging], TimeoutError)
        assert "within 0.01 s" in str(failed[hanging])
        assert isinstance(failed[async_raising], RuntimeError)
    assert sync_good.events == async_good.events == list(EVENTS)


def test_adispatch_keeps_a_notifiers_own_timeout_error() -> None:
    """A TimeoutError the notifier raises itself is reported as it was raised."""
    own = OwnTimeout()
    report = run(adispatch(SNAPSHOT, [own], timeout=60))
    assert str(report.failed[0][1]) == "upstream timed out"


def test_adispatch_runs_notifiers_concurrently() -> None:
    """Two notifiers that each wait for the other both finish: they run at once."""
    first_in, second_in = asyncio.Event(), asyncio.Event()

    async def first(event: Event) -> None:
        first_in.set()
        await second_in.wait()

    async def second(event: Event) -> None:
        second_in.set()
        await first_in.wait()

    report = run(
        adispatch(
            SNAPSHOT, [CallbackNotifier(first), CallbackNotifier(second)], timeout=30
        )
    )
    assert report.ok
    assert len(report.delivered) == 2


def test_adispatch_without_timeout_awaits_async_callbacks() -> None:
    """With no timeout an async callback is awaited to the end."""
    got: list[Event] = []

    async def deliver(event: Event) -> None:
        await asyncio.sleep(0)
        got.append(event)

    report = run(adispatch(STARTED, [CallbackNotifier(deliver)]))
    assert report.ok
    assert got == [STARTED]


@pytest.mark.parametrize(
    "timeout",
    [
        0,
        -1,
        float("nan"),
        float("inf"),
        10**400,
        86_400.001,
        pytest.param(10**5000, id="huge"),
    ],
)
def test_adispatch_refuses_a_bad_timeout(timeout: Any) -> None:
    """The timeout must be None or a finite number of seconds, > 0 and <= a day."""
    with pytest.raises(ValidationError, match="timeout"):
        run(adispatch(SNAPSHOT, [RecordingNotifier()], timeout=timeout))


@pytest.mark.parametrize("timeout", [1e-9, 1, 86_400])
def test_adispatch_accepts_a_timeout_up_to_a_day(timeout: float) -> None:
    """Small and day-long timeouts are accepted; the largest is a day."""
    recorder = RecordingNotifier()
    assert run(adispatch(SNAPSHOT, [recorder], timeout=timeout)).ok
    assert MAX_TIMEOUT == 86_400


def test_adispatch_with_no_notifiers_reports_nothing() -> None:
    """No notifiers: an empty, successful report."""
    assert run(adispatch(SNAPSHOT, [])) == DispatchReport()


def test_recording_notifiers_do_not_share_state() -> None:
    """Each RecordingNotifier has its own list."""
    a, b = RecordingNotifier(), RecordingNotifier()
    a.notify(SNAPSHOT)
    assert b.events == []


def test_recording_notifiers_are_equal_only_to_themselves() -> None:
    """Two fresh recorders differ, so a report's order can be checked."""
    first, second = RecordingNotifier(), RecordingNotifier()
    assert first != second
    assert first == first  # noqa: PLR0124 - identity equality is the point
    assert len({first, second}) == 2
    report = dispatch(SNAPSHOT, [first, second])
    assert report.delivered == (first, second)
    assert report.delivered != (second, first)


class FalsyError(Exception):
    """An exception that is false in a boolean context."""

    def __bool__(self) -> bool:
        return False


class RaisingFalsy:
    """A notifier that raises a falsy exception."""

    def notify(self, event: Event) -> None:
        raise FalsyError


def test_a_falsy_exception_is_a_failure_only() -> None:
    """A notifier whose exception is falsy is failed, never also delivered."""
    falsy = RaisingFalsy()
    for report in (
        dispatch(SNAPSHOT, [falsy]),
        run(adispatch(SNAPSHOT, [falsy])),
    ):
        assert report.delivered == ()
        assert [n for n, _ in report.failed] == [falsy]
        assert isinstance(report.failed[0][1], FalsyError)


class BadClose(BareAwaitable):
    """An awaitable whose close() raises."""

    def close(self) -> None:
        raise RuntimeError("cannot close")


def test_dispatch_survives_an_awaitable_whose_close_raises() -> None:
    """close() raising is swallowed: the notifier is still reported as async."""
    recorder = RecordingNotifier()
    report = dispatch(SNAPSHOT, [CallbackNotifier(lambda e: BadClose()), recorder])
    assert report.delivered == (recorder,)
    error = report.failed[0][1]
    assert isinstance(error, AsyncNotifierError)
    assert isinstance(error.__cause__, RuntimeError)


class SelfCancelling:
    """An async notifier that raises CancelledError without being cancelled."""

    async def notify(self, event: Event) -> None:
        await asyncio.sleep(0)
        raise asyncio.CancelledError


class SyncCancelling:
    """A sync notifier that raises CancelledError."""

    def notify(self, event: Event) -> None:
        raise asyncio.CancelledError


def test_a_notifiers_own_cancelled_error_is_its_failure() -> None:
    """CancelledError from a notifier that was not cancelled is reported, not raised."""
    own, sync_own, good = SelfCancelling(), SyncCancelling(), AsyncGood()
    report = run(adispatch(SNAPSHOT, [own, sync_own, good], timeout=30))
    assert report.delivered == (good,)
    assert [n for n, _ in report.failed] == [own, sync_own]
    assert all(isinstance(e, asyncio.CancelledError) for _, e in report.failed)
    sync_report = dispatch(SNAPSHOT, [sync_own])
    assert isinstance(sync_report.failed[0][1], asyncio.CancelledError)


class CancelsTheOthers:
    """A sync notifier that cancels every other task, deliveries not yet started too."""

    def notify(self, event: Event) -> None:
        for task in asyncio.all_tasks():
            if task is not asyncio.current_task():
                task.cancel()


@pytest.mark.parametrize("timeout", [None, 5])
def test_a_delivery_cancelled_before_it_started_is_failed_quietly(
    timeout: float | None,
) -> None:
    """Its CancelledError is reported; its coroutine is closed, never left unawaited."""
    good, killer = AsyncGood(), CancelsTheOthers()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = run(adispatch(SNAPSHOT, [good, killer], timeout=timeout))
        assert report.delivered == (killer,)
        assert report.failed[0][0] is good
        assert isinstance(report.failed[0][1], asyncio.CancelledError)
        del report  # its traceback holds the frames that hold the coroutine
        gc.collect()
    assert [str(w.message) for w in caught] == []
    assert good.events == []


def test_cancelling_adispatch_itself_still_cancels() -> None:
    """A real cancellation of adispatch propagates; it is not a notifier failure."""
    started = asyncio.Event()
    children: list[asyncio.Task[Any]] = []

    async def wait(event: Event) -> None:
        task = asyncio.current_task()
        assert task is not None
        children.append(task)
        started.set()
        await asyncio.Event().wait()

    async def main() -> bool:
        task = asyncio.ensure_future(
            adispatch(SNAPSHOT, [CallbackNotifier(wait), SelfCancelling()])
        )
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return task.cancelled()

    assert run(main())
    # The waiting notifier's delivery was cancelled too, not turned into a failure.
    (child,) = children
    assert child.cancelled()


def test_logging_notifier_uses_ocs_texts_and_ids(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """81000 for a change, 81001 for a periodic report, our own text for a campaign."""
    logger = logging.getLogger("campaignkit.test")
    notifier = LoggingNotifier(logger, "http://reports.example/ocs")
    with caplog.at_level(logging.DEBUG, logger="campaignkit.test"):
        for event in EVENTS:
            notifier.notify(event)
    records = caplog.records
    assert [r.levelno for r in records] == [logging.DEBUG] * 3
    assert [r.message_id for r in records] == [81000, 81001, None]  # type: ignore[attr-defined]
    assert records[0].getMessage() == (
        "Sending HTTP status notification CampaignGroupState for Campaign Group "
        "Spring@Sales to http://reports.example/ocs"
    )
    assert records[1].getMessage() == (
        "Sending periodic HTTP status notification CampaignGroupState for Campaign "
        "Group Spring@Sales to http://reports.example/ocs"
    )
    assert records[2].getMessage() == (
        "Campaign Spring (6561) status changed from NEW to MANUAL_RUNNING"
    )


def test_logging_notifier_is_silent_above_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """At INFO the notifier logs nothing (OCS logs these at TRACE)."""
    logger = logging.getLogger("campaignkit.test.quiet")
    with caplog.at_level(logging.INFO, logger="campaignkit.test.quiet"):
        LoggingNotifier(logger, "http://h").notify(STARTED)
    assert caplog.records == []


# --- periodic_due ---------------------------------------------------------------


def group(name: str, status: GroupStatus) -> CampaignGroup:
    """A group of campaign Spring in the given status."""
    return CampaignGroup(campaign_name="Spring", group_name=name, status=status)


def test_periodic_due_skips_not_loaded_and_keeps_order() -> None:
    """Every status but NotLoaded is reported, in input order, when never sent."""
    groups = [group(s.name, s) for s in reversed(GroupStatus)]
    due = periodic_due(groups, now=AT, last_sent={})
    assert due == tuple(g for g in groups if g.status is not GroupStatus.NOT_LOADED)


def test_periodic_due_uses_the_interval_inclusively() -> None:
    """Due at exactly the interval, not a microsecond before."""
    g = group("Sales", GroupStatus.RUNNING)
    sent = AT - dt.timedelta(seconds=10)
    assert periodic_due([g], now=AT, last_sent={g.name: sent}) == (g,)
    just_before = AT - dt.timedelta(microseconds=1)
    assert periodic_due([g], now=just_before, last_sent={g.name: sent}) == ()


def test_periodic_due_honours_a_custom_interval_and_other_offsets() -> None:
    """A 30 s interval and a last-sent time in another offset compare as instants."""
    g = group("Sales", GroupStatus.INACTIVE)
    plus_one = dt.timezone(dt.timedelta(hours=1))
    sent = (AT - dt.timedelta(seconds=20)).astimezone(plus_one)
    interval = dt.timedelta(seconds=30)
    assert periodic_due([g], now=AT, last_sent={g.name: sent}, interval=interval) == ()
    later = AT + dt.timedelta(seconds=10)
    assert periodic_due(
        [g], now=later, last_sent={g.name: sent}, interval=interval
    ) == (g,)


def test_periodic_due_keys_by_the_configured_group_name() -> None:
    """last_sent is keyed by the group's name, even when it is not campaign@group."""
    g = attrs.evolve(group("Sales", GroupStatus.ACTIVE), name="Spring sales")
    assert periodic_due([g], now=AT, last_sent={"Spring sales": AT}) == ()
    assert periodic_due([g], now=AT, last_sent={"Spring@Sales": AT}) == (g,)


@pytest.mark.parametrize("interval", [dt.timedelta(0), dt.timedelta(seconds=-1)])
def test_periodic_due_refuses_a_non_positive_interval(interval: Any) -> None:
    """The interval must be a positive timedelta."""
    with pytest.raises(ValidationError, match="interval"):
        periodic_due([], now=AT, last_sent={}, interval=interval)


def test_periodic_due_refuses_naive_times() -> None:
    """Naive now or last-sent times are ValidationErrors."""
    g = group("Sales", GroupStatus.RUNNING)
    naive = AT.replace(tzinfo=None)
    with pytest.raises(ValidationError, match="now"):
        periodic_due([g], now=naive, last_sent={})
    with pytest.raises(ValidationError, match="last_sent"):
        periodic_due([g], now=AT, last_sent={g.name: naive})


# --- with the real lifecycle ------------------------------------------------------


def test_failing_notifiers_leave_transitions_unaffected() -> None:
    """Raising, hanging and misused async notifiers change no transition result."""
    group = CampaignGroup(campaign_name="Spring", group_name="Sales", queue_name="7001")
    loaded = lifecycle.load(group, at=AT)
    started = lifecycle.start(loaded.after, at=AT)
    stopped = lifecycle.stop(started.after, at=AT, calls_in_flight=2)
    drained = lifecycle.calls_drained(stopped.after, at=AT)
    completed = lifecycle.complete(drained.after, at=AT)
    transitions = [loaded, started, stopped, drained, completed]
    befores = [t.before for t in transitions]
    events = [e for t in transitions for e in t.events]
    good, async_good = RecordingNotifier(), AsyncGood()
    raising, hanging, async_in_sync = Raising(), Hanging(), AsyncGood()
    for event in events:
        report = dispatch(event, [raising, async_in_sync, good])  # type: ignore[list-item]
        assert report.delivered == (good,)
        assert [type(e) for _, e in report.failed] == [
            ConnectionError,
            AsyncNotifierError,
        ]
        areport = run(adispatch(event, [raising, hanging, async_good], timeout=0.01))
        assert areport.delivered == (async_good,)
        assert [type(e) for _, e in areport.failed] == [ConnectionError, TimeoutError]
    assert good.events == async_good.events == events
    # The very event objects of the transitions were delivered, in order.
    assert all(a is b for a, b in zip(good.events, events, strict=True))
    assert all(a is b for a, b in zip(async_good.events, events, strict=True))
    assert async_in_sync.events == []
    # Each transition still chains from the last and ends where the lifecycle says.
    assert [t.before for t in transitions] == befores
    assert all(t.before is prev.after for prev, t in itertools.pairwise(transitions))
    assert [t.after.status for t in transitions] == [
        GroupStatus.INACTIVE,
        GroupStatus.RUNNING,
        GroupStatus.ACTIVE,
        GroupStatus.INACTIVE,
        GroupStatus.NOT_LOADED,
    ]
    assert [t.events[-1].group for t in transitions] == [t.after for t in transitions]


def test_logging_notifier_refuses_an_empty_uri() -> None:
    """The URI the text names cannot be empty."""
    with pytest.raises(ValidationError, match="uri"):
        LoggingNotifier(logging.getLogger("x"), "")


# --- deadlines, on the event loop's (virtual) clock --------------------------------


class Stubborn:
    """An async notifier that swallows cancellation until released."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.swallowed = 0

    async def notify(self, event: Event) -> None:
        while not self.release.is_set():
            try:
                await self.release.wait()
            except asyncio.CancelledError:
                self.swallowed += 1


class SlowSync:
    """A sync notifier that blocks the loop for ``seconds`` of its clock."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.events: list[Event] = []

    def notify(self, event: Event) -> None:
        loop = asyncio.get_running_loop()
        assert isinstance(loop, VirtualClockLoop)
        loop.advance(self.seconds)
        self.events.append(event)


def test_adispatch_returns_by_its_deadline_abandoning_a_stubborn_notifier(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One that ignores cancellation is reported late and left running, unawaited."""
    stubborn, hanging, good = Stubborn(), Hanging(), AsyncGood()

    async def main() -> tuple[float, DispatchReport]:
        loop = asyncio.get_running_loop()
        began = loop.time()
        report = await adispatch(SNAPSHOT, [stubborn, hanging, good], timeout=2)
        took = loop.time() - began
        await asyncio.sleep(0)  # the cancellation reaches the stubborn one
        assert stubborn.swallowed == 1
        stubborn.release.set()
        await asyncio.sleep(0)
        return took, report

    with caplog.at_level(logging.WARNING, logger="asyncio"):
        took, report = run(main())
    assert took == 2
    assert report.delivered == (good,)
    assert [n for n, _ in report.failed] == [stubborn, hanging]
    assert all(isinstance(e, TimeoutError) for _, e in report.failed)
    assert caplog.records == []  # no "destroyed but pending", nothing unretrieved


class LateFailure:
    """An async notifier that, once cancelled, fails with an error of its own."""

    async def notify(self, event: Event) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            raise RuntimeError("cleanup failed") from None


def test_an_abandoned_notifiers_later_error_is_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Its report says TimeoutError; what it raises afterwards is retrieved quietly."""
    late = LateFailure()

    async def main() -> DispatchReport:
        report = await adispatch(SNAPSHOT, [late], timeout=1)
        await asyncio.sleep(0)
        return report

    with caplog.at_level(logging.WARNING, logger="asyncio"):
        report = run(main())
    assert isinstance(report.failed[0][1], TimeoutError)
    assert caplog.records == []


def test_a_sync_notifier_that_overruns_is_failed_and_delays_the_return() -> None:
    """Timed on the loop's clock; async notifiers get their full timeout after it."""
    slow, quick, async_good = SlowSync(5), SlowSync(0.5), AsyncGood()

    async def main() -> tuple[float, DispatchReport]:
        loop = asyncio.get_running_loop()
        began = loop.time()
        report = await adispatch(STARTED, [slow, async_good, quick], timeout=1)
        return loop.time() - began, report

    took, report = run(main())
    assert took == 5.5
    assert report.delivered == (async_good, quick)
    ((notifier, error),) = report.failed
    assert notifier is slow
    assert isinstance(error, TimeoutError)
    assert str(error) == "notifier took 5 s, more than 1 s"
    assert slow.events == [STARTED]  # it did deliver, but too late to count


def test_without_a_timeout_a_slow_sync_notifier_is_delivered() -> None:
    """No deadline, no overrun."""
    slow = SlowSync(3600)
    assert run(adispatch(STARTED, [slow])).delivered == (slow,)


class BlockingAsync:
    """An async notifier whose coroutine blocks the loop (``time.sleep`` in it)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.events: list[Event] = []

    async def notify(self, event: Event) -> None:
        await asyncio.sleep(0)
        loop = asyncio.get_running_loop()
        assert isinstance(loop, VirtualClockLoop)
        loop.advance(self.seconds)
        self.events.append(event)


class BlockingThenAsync(BlockingAsync):
    """A notifier whose ``notify`` blocks, then hands back a coroutine."""

    def notify(self, event: Event) -> Any:  # type: ignore[override]
        loop = asyncio.get_running_loop()
        assert isinstance(loop, VirtualClockLoop)
        loop.advance(self.seconds)
        return AsyncGood().notify(event)


def test_an_async_notifier_that_blocks_past_the_deadline_is_failed() -> None:
    """It finished, but after the deadline: late, and so is one it held up.

    Each delivery is timed when it ends, not when the loop next looks.
    """
    blocking, quick, good = BlockingAsync(5), BlockingAsync(0.5), AsyncGood()

    async def main() -> tuple[float, DispatchReport]:
        loop = asyncio.get_running_loop()
        began = loop.time()
        report = await adispatch(STARTED, [quick, blocking, good], timeout=1)
        return loop.time() - began, report

    took, report = run(main())
    assert took == 5.5  # late by as long as it blocked
    assert report.delivered == (quick,)  # ended at 0.5 s, before the deadline
    assert [n for n, _ in report.failed] == [blocking, good]
    assert [str(e) for _, e in report.failed] == [
        "notifier ended 4.5 s after the deadline (1 s): something blocked the"
        " event loop"
    ] * 2
    assert blocking.events == [STARTED]


def test_a_notifier_may_hand_back_any_awaitable() -> None:
    """A future (not a coroutine) is awaited like one, and timed when it ends."""

    class FutureNotifier:
        def notify(self, event: Event) -> Any:
            future = asyncio.get_running_loop().create_future()
            future.set_result(None)
            return future

    notifier = FutureNotifier()
    assert run(adispatch(STARTED, [notifier], timeout=1)).delivered == (notifier,)


def test_a_notify_call_that_blocks_then_returns_a_coroutine_is_failed() -> None:
    """Too late to start: the coroutine is closed, never run, and no warning."""
    slow, quick = BlockingThenAsync(3), BlockingThenAsync(0.5)
    report = run(adispatch(STARTED, [slow, quick], timeout=1))
    assert report.delivered == (quick,)
    ((notifier, error),) = report.failed
    assert notifier is slow
    assert str(error) == "notifier took 3 s, more than 1 s"


class Interrupting:
    """A notifier that raises a BaseException that is not an Exception."""

    def __init__(self, error: type[BaseException]) -> None:
        self.error = error

    def notify(self, event: Event) -> None:
        raise self.error


class AsyncInterrupting(Interrupting):
    async def notify(self, event: Event) -> None:  # type: ignore[override]
        await asyncio.sleep(0)
        raise self.error


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_interrupts_propagate_with_no_report(error: type[BaseException]) -> None:
    """From a sync notifier: out of adispatch, started deliveries cancelled."""
    recorder = RecordingNotifier()
    with pytest.raises(error):
        dispatch(STARTED, [Interrupting(error), recorder])
    assert recorder.events == []
    hanging_started: list[asyncio.Task[Any]] = []

    async def hang(event: Event) -> None:
        task = asyncio.current_task()
        assert task is not None
        hanging_started.append(task)
        await asyncio.Event().wait()

    async def main() -> None:
        with pytest.raises(error):
            await adispatch(
                STARTED, [CallbackNotifier(hang), Interrupting(error)], timeout=1
            )
        await asyncio.sleep(0)

    run(main())
    assert hanging_started == []  # cancelled before it ever ran


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_interrupts_in_an_async_notifier_leave_the_event_loop(
    error: type[BaseException],
) -> None:
    """Out of the event loop itself, as asyncio raises them: no return, no report."""
    returned: list[DispatchReport] = []

    async def main() -> None:
        returned.append(await adispatch(STARTED, [AsyncInterrupting(error)]))

    with pytest.raises(error):
        run(main())
    assert returned == []


def test_recording_notifier_filters_by_type_and_clears() -> None:
    """of_type keeps one kind of event, typed; clear forgets everything."""
    recorder = RecordingNotifier()
    for event in EVENTS:
        recorder.notify(event)
    changes: list[GroupStateChanged] = recorder.of_type(GroupStateChanged)
    assert changes == [STARTED]
    assert recorder.of_type(CampaignStatusChanged) == [CAMPAIGN_EVENT]
    recorder.clear()
    assert recorder.events == []
    assert recorder.of_type(GroupSnapshot) == []


# --- logging ------------------------------------------------------------------------


def test_logging_notifier_logs_at_the_level_asked(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """level=INFO logs each message at INFO, still with its message id."""
    logger = logging.getLogger("campaignkit.test.info")
    notifier = LoggingNotifier(logger, "http://h", level=logging.INFO)
    with caplog.at_level(logging.INFO, logger="campaignkit.test.info"):
        notifier.notify(STARTED)
    (record,) = caplog.records
    assert record.levelno == logging.INFO
    assert record.message_id == 81000  # type: ignore[attr-defined]


FORGED = "Sales\n81000 Sending HTTP status notification for Forged@X to http://evil"


def test_logging_notifier_escapes_control_characters(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A newline in a name cannot forge a second line; escapes read back exactly."""
    logger = logging.getLogger("campaignkit.test.forge")
    forged = attrs.evolve(STARTED, group=attrs.evolve(GROUP, name=f"Spring@{FORGED}"))
    campaign = Campaign(
        id="65\r61", name="Spr\x1b[2Jing\\n\u2028", status=CampaignStatus.NEW
    )
    campaign_event = attrs.evolve(CAMPAIGN_EVENT, campaign=campaign)
    notifier = LoggingNotifier(logger, "http://h/\u202e")
    with caplog.at_level(logging.DEBUG, logger="campaignkit.test.forge"):
        notifier.notify(forged)
        notifier.notify(campaign_event)
    first, second = (r.getMessage() for r in caplog.records)
    assert first == (
        "Sending HTTP status notification CampaignGroupState for Campaign Group "
        "Spring@Sales\\n81000 Sending HTTP status notification for Forged@X to "
        "http://evil to http://h/\\u202e"
    )
    assert second == (
        "Campaign Spr\\x1b[2Jing\\\\n\\u2028 (65\\r61) status changed from NEW to NEW"
    )


@given(name=st.text(min_size=1), uri=st.text(min_size=1))
def test_one_event_is_one_line(name: str, uri: str) -> None:
    """Whatever the names, each message is a single line of printable text."""
    logger = logging.getLogger("campaignkit.test.lines")
    logger.setLevel(logging.DEBUG)
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        notifier = LoggingNotifier(logger, uri)
        group = attrs.evolve(GROUP, name=name)
        campaign = Campaign(id=name, name=name)
        for event in (
            attrs.evolve(STARTED, group=group),
            attrs.evolve(SNAPSHOT, group=group),
            attrs.evolve(CAMPAIGN_EVENT, campaign=campaign),
        ):
            notifier.notify(event)
    finally:
        logger.removeHandler(handler)
    assert len(lines) == 3
    for line in lines:
        assert line.isprintable()
        assert len(line.splitlines()) == 1


# --- a fuzzer: any mix of misbehaving notifiers -------------------------------------


class Behaviour:
    """A notifier drawn by the fuzzer, and what adispatch must then report."""

    def __init__(self, kind: str, seconds: float) -> None:
        self.kind, self.seconds = kind, seconds
        self.release = asyncio.Event()

    def __repr__(self) -> str:
        return f"Behaviour({self.kind!r}, {self.seconds})"

    def notifier(self) -> Any:
        kind, seconds = self.kind, self.seconds
        if kind == "sync":
            return SlowSync(seconds)
        if kind == "sync-raising":
            return Raising()
        if kind == "self-cancelling":
            return SelfCancelling()
        release = self.release

        async def deliver(event: Event) -> None:
            if kind == "async-blocking":  # time.sleep in a coroutine, at once
                loop = asyncio.get_running_loop()
                assert isinstance(loop, VirtualClockLoop)
                loop.advance(seconds)
                return
            if kind == "stubborn":
                while not release.is_set():
                    with contextlib.suppress(asyncio.CancelledError):
                        await release.wait()
                return
            await asyncio.sleep(seconds)
            if kind == "async-raising":
                raise RuntimeError("late failure")

        return CallbackNotifier(deliver)


behaviours = st.builds(
    Behaviour,
    st.sampled_from(
        [
            "sync",
            "sync-raising",
            "self-cancelling",
            "async",
            "async-raising",
            "stubborn",
            "async-blocking",
        ]
    ),
    st.sampled_from([0.0, 0.5, 1.5, 3.0]),
)

ASYNC = {"async", "async-raising", "stubborn", "async-blocking", "self-cancelling"}


def _ends(mix: list[Behaviour]) -> list[float | None]:
    """When each async delivery ends, in seconds after the last notify call.

    The coroutines start in order; a blocking one holds the loop up for its
    seconds, so the ones after it start later and a sleeping one cannot end
    before the loop is free again. None: a sync one, or one that never ends.
    """
    blocked = sum(b.seconds for b in mix if b.kind == "async-blocking")
    ends: list[float | None] = []
    start = 0.0
    for b in mix:
        if b.kind not in ASYNC or b.kind == "stubborn":
            ends.append(None)
        elif b.kind == "async-blocking":
            start += b.seconds
            ends.append(start)
        else:  # it sleeps its seconds (self-cancelling: none) from its start
            sleeps = 0.0 if b.kind == "self-cancelling" else b.seconds
            ends.append(max(start + sleeps, blocked))
    return ends


@fuzz()
@given(mix=st.lists(behaviours, max_size=6), timeout=st.sampled_from([None, 1.0, 2.0]))
def test_any_mix_returns_on_time_and_reports_each_notifier_once(
    mix: list[Behaviour], timeout: float | None
) -> None:
    """By the deadline (after the sync notifiers' own time); every late one failed."""
    if timeout is None:
        mix = [b for b in mix if b.kind != "stubborn"]  # it would never return
    ends = _ends(mix)
    assume(timeout not in ends)  # a tie: which of two timers runs first
    notifiers = [b.notifier() for b in mix]

    async def main() -> tuple[float, DispatchReport]:
        loop = asyncio.get_running_loop()
        began = loop.time()
        report = await adispatch(STARTED, notifiers, timeout=timeout)
        took = loop.time() - began
        for behaviour in mix:
            behaviour.release.set()
        return took, report

    took, report = run(main())
    sync_time = sum(b.seconds for b in mix if b.kind == "sync")
    blocked = sum(b.seconds for b in mix if b.kind == "async-blocking")
    bound = blocked + 3.0 if timeout is None else max(timeout, blocked)
    assert took <= sync_time + bound
    failed = dict(report.failed)
    assert len(report.delivered) + len(failed) == len(notifiers)
    for behaviour, notifier, end in zip(mix, notifiers, ends, strict=True):
        late = timeout is not None and (
            behaviour.kind == "stubborn"
            or (behaviour.kind == "sync" and behaviour.seconds > timeout)
            or (end is not None and end > timeout)
        )
        should_fail = late or behaviour.kind in {
            "sync-raising",
            "self-cancelling",
            "async-raising",
        }
        assert (notifier in failed) == should_fail, behaviour.kind
        if late:
            assert isinstance(failed[notifier], TimeoutError)
