"""Delivery of events to the host's notifiers, and when a periodic report is due.

campaignkit does no I/O: a host hands each event to :func:`dispatch` (or
:func:`adispatch`) with its own notifiers, which do the sending. Like OCS, nothing
is retried here; the :class:`DispatchReport` says which notifier failed and why,
so the host decides what to send again. Payloads are not built here either:
:mod:`campaignkit.wire.genesys` turns a group event into the vendor's JSON.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import logging
from collections.abc import (
    Awaitable,
    Callable,
    Coroutine,
    Iterable,
    Mapping,
    Sequence,
)
from typing import Any, Protocol, TypeAlias, TypeVar, runtime_checkable

import attrs

from campaignkit import _validate as v
from campaignkit.enums import GroupStatus
from campaignkit.errors import CampaignKitError
from campaignkit.events import (
    CampaignStatusChanged,
    Event,
    GroupSnapshot,
    GroupStateChanged,
)
from campaignkit.models import CampaignGroup

__all__ = [
    "MAX_TIMEOUT",
    "AnyNotifier",
    "AsyncNotifier",
    "AsyncNotifierError",
    "CallbackNotifier",
    "DispatchReport",
    "LoggingNotifier",
    "Notifier",
    "RecordingNotifier",
    "adispatch",
    "dispatch",
    "periodic_due",
]


@runtime_checkable
class Notifier(Protocol):
    """Something that delivers an event synchronously (to a queue, a log, an API).

    Raise to report a failed delivery: :func:`dispatch` catches it and carries on.
    """

    def notify(self, event: Event) -> None:
        """Deliver ``event``."""


@runtime_checkable
class AsyncNotifier(Protocol):
    """Something that delivers an event with ``await``; give it to :func:`adispatch`."""

    async def notify(self, event: Event) -> None:
        """Deliver ``event``."""


AnyNotifier: TypeAlias = Notifier | AsyncNotifier
"""Either kind of notifier."""

MAX_TIMEOUT = 86_400
"""The longest per-notifier timeout :func:`adispatch` takes, in seconds (a day).

Anything longer is surely a mistake (a huge number would overflow the event loop's
clock); pass ``None`` to wait for ever.
"""


class AsyncNotifierError(CampaignKitError, TypeError):
    """An async notifier was given to :func:`dispatch`, which cannot await it.

    It is reported as that notifier's failure, never silently dropped: the event
    was not delivered. Use :func:`adispatch` for async notifiers.
    """

    def __init__(self) -> None:
        super().__init__("async notifier given to dispatch; use adispatch")


@attrs.frozen(kw_only=True)
class DispatchReport:
    """What happened to one event: who got it, and who failed with what.

    Attributes:
        delivered: The notifiers that returned normally, in the order given.
        failed: ``(notifier, exception)`` pairs, in the order given; these are the
            deliveries a host may want to retry (campaignkit never retries). The
            exception is what the notifier raised: an ``Exception``, or an
            :class:`asyncio.CancelledError` it raised without being cancelled.
    """

    delivered: tuple[AnyNotifier, ...] = ()
    failed: tuple[tuple[AnyNotifier, BaseException], ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every notifier received the event."""
        return not self.failed


def _close(awaitable: Awaitable[Any]) -> AsyncNotifierError:
    """Close an awaitable nobody will await, so no 'never awaited' warning fires.

    Returns the failure to report; if closing raises, that is its cause.
    """
    error = AsyncNotifierError()
    try:
        close = getattr(awaitable, "close", None) or getattr(awaitable, "cancel", None)
        if callable(close):
            close()
    except Exception as exc:  # the notifier's awaitable failed to close
        error.__cause__ = exc
    return error


def _report(
    notifiers: Sequence[AnyNotifier], outcomes: Sequence[BaseException | None]
) -> DispatchReport:
    pairs = list(zip(notifiers, outcomes, strict=True))
    return DispatchReport(
        delivered=tuple(n for n, e in pairs if e is None),
        failed=tuple((n, e) for n, e in pairs if e is not None),
    )


def _deliver(event: Event, notifier: AnyNotifier) -> BaseException | None:
    try:
        result: Any = notifier.notify(event)
        awaitable = inspect.isawaitable(result)
    # A sync call cannot be cancelled from outside: a CancelledError is its own.
    except (Exception, asyncio.CancelledError) as exc:
        return exc
    return _close(result) if awaitable else None


def dispatch(event: Event, notifiers: Iterable[Notifier]) -> DispatchReport:
    """Give ``event`` to every notifier in order; never raise for a notifier.

    A notifier that raises an ``Exception`` is reported as failed and the others
    still run. A notifier whose ``notify`` returns an awaitable (an async notifier)
    is reported as failed with :class:`AsyncNotifierError`, and the awaitable is
    closed. ``KeyboardInterrupt`` and ``SystemExit`` are not a notifier's failure:
    they propagate at once, the notifiers after it do not run, and there is no
    report.

    >>> import datetime as dt
    >>> from campaignkit import CampaignGroup, GroupSnapshot
    >>> group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    >>> SNAPSHOT = GroupSnapshot(group=group, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    >>> recorder = RecordingNotifier()
    >>> def broken(event):
    ...     raise ConnectionError("no route")
    >>> report = dispatch(SNAPSHOT, [CallbackNotifier(broken), recorder])
    >>> report.delivered == (recorder,), recorder.events == [SNAPSHOT]
    (True, True)
    >>> report.failed[0][1]
    ConnectionError('no route')
    """
    given = tuple(notifiers)
    return _report(given, [_deliver(event, n) for n in given])


_ABANDONED: set[asyncio.Future[Any]] = set()
"""Deliveries cancelled at the deadline that have not ended yet.

Held here so the event loop's weak reference is not the only one (a task that is
garbage-collected while pending is an error); each leaves when it ends.
"""


def _abandon(task: asyncio.Future[Any]) -> None:
    """Cancel a late delivery and stop caring about it, whatever it does next."""
    task.cancel()
    _ABANDONED.add(task)
    task.add_done_callback(_forget)


def _forget(task: asyncio.Future[Any]) -> None:
    _ABANDONED.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio logs no "never retrieved" error


def _outcome(task: asyncio.Future[Any]) -> BaseException | None:
    """What a delivery that ended before the deadline raised (None: nothing)."""
    try:
        task.result()
    # Cancelled before the deadline, by nobody but itself: its own failure.
    except (Exception, asyncio.CancelledError) as exc:
        return exc
    return None


async def _timed(awaitable: Awaitable[Any], ended: dict[int, float], i: int) -> Any:
    """Await a delivery and note when it ended (a done callback runs too late)."""
    try:
        return await awaitable
    finally:
        ended[i] = asyncio.get_running_loop().time()


async def adispatch(
    event: Event,
    notifiers: Iterable[AnyNotifier],
    *,
    timeout: float | None = None,
) -> DispatchReport:
    """Give ``event`` to every notifier, async ones concurrently; never raise for one.

    Every ``notify`` is called first, in order: a sync notifier delivers then (in
    the event loop, so keep it quick), an async one returns what is then awaited,
    all of them at once. A delivery that fails, or that takes more than
    ``timeout`` seconds, is reported as failed (a :class:`TimeoutError` for the
    late ones); the report keeps the notifiers' order. Times are the event loop's
    (``loop.time()``), so a test can drive them.

    ``adispatch`` returns by the deadline: ``timeout`` seconds after the last
    ``notify`` call returned. An async delivery still running then is cancelled
    and *abandoned*: never awaited, so one that ignores cancellation cannot hold
    the caller up. Code that blocks the loop cannot be cut off (that would take a
    thread): a sync notifier that overruns, or an async one that blocks the loop
    past the deadline (``time.sleep`` in a coroutine), is reported failed when it
    returns (as is an async one it held up past the deadline), and the whole call
    is late by as long as it ran.

    A notifier that raises :class:`asyncio.CancelledError` without being cancelled
    is reported as failed too; cancelling ``adispatch`` itself cancels every
    delivery and propagates, with no report. ``KeyboardInterrupt`` and
    ``SystemExit`` are never a notifier's failure: from a sync notifier they
    propagate out of ``adispatch`` (async deliveries already started are
    cancelled); from an async one, asyncio raises them out of the event loop
    itself. Either way there is no report.

    Args:
        event: The event to deliver.
        notifiers: Sync or async notifiers; the report keeps their order.
        timeout: Seconds each delivery may take (> 0 and at most
            :data:`MAX_TIMEOUT`, a day), or None to wait for ever.

    Raises:
        ValidationError: ``timeout`` is not a number of seconds in that range
            (NaN and infinity included).

    >>> import asyncio, datetime as dt
    >>> from campaignkit import CampaignGroup, GroupSnapshot
    >>> group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    >>> event = GroupSnapshot(group=group, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    >>> recorder = RecordingNotifier()
    >>> report = asyncio.run(adispatch(event, [recorder], timeout=5))
    >>> report.ok, recorder.events == [event]
    (True, True)
    """
    if timeout is not None:
        # Comparisons are exact for ints of any size and false for NaN.
        v.check(
            "adispatch",
            "timeout",
            timeout,
            0 < timeout <= MAX_TIMEOUT,
            f"None or a number of seconds > 0 and <= {MAX_TIMEOUT}",
        )
    given = tuple(notifiers)
    loop = asyncio.get_running_loop()
    outcomes: list[BaseException | None] = [None] * len(given)
    running: dict[asyncio.Future[Any], int] = {}
    ended: dict[int, float] = {}  # when each async delivery ended, on the loop's clock
    coroutines: list[Coroutine[Any, Any, Any]] = []  # closed if never run
    try:
        for i, notifier in enumerate(given):
            began = loop.time()
            try:
                result: Any = notifier.notify(event)
                took = loop.time() - began
                if timeout is not None and took > timeout:  # blocked the loop
                    if inspect.isawaitable(result):
                        _close(result)  # too late to start it
                    outcomes[i] = TimeoutError(
                        f"notifier took {took:.3g} s, more than {timeout} s"
                    )
                elif inspect.isawaitable(result):
                    running[asyncio.ensure_future(_timed(result, ended, i))] = i
                    if inspect.iscoroutine(result):
                        coroutines.append(result)
            except (Exception, asyncio.CancelledError) as exc:
                outcomes[i] = exc
        if running:
            deadline = loop.time() + (timeout or 0.0)
            done, late = await asyncio.wait(running, timeout=timeout)
            for task in done:
                outcomes[running[task]] = _outcome(task)
                took = ended[running[task]] - deadline
                if timeout is not None and took > 0:  # it blocked the loop
                    outcomes[running[task]] = TimeoutError(
                        f"notifier ended {took:.3g} s after the deadline"
                        f" ({timeout} s): something blocked the event loop"
                    )
            for task in late:
                _abandon(task)
                outcomes[running[task]] = TimeoutError(
                    f"notifier did not finish within {timeout} s"
                )
    except BaseException:  # cancelled, or a sync notifier's KeyboardInterrupt
        for task in running:
            task.cancel()
        for awaitable in coroutines:  # cancelled before it ran: never awaited
            if inspect.getcoroutinestate(awaitable) == inspect.CORO_CREATED:
                awaitable.close()
        raise
    return _report(given, outcomes)


E = TypeVar("E", GroupStateChanged, CampaignStatusChanged, GroupSnapshot)


@attrs.define(eq=False)
class RecordingNotifier:
    """Keeps every event it receives: the notifier for a host service's unit tests.

    Two recorders are equal only if they are the same object, so a report's
    ``delivered`` order can be checked even before they receive anything.

    Attributes:
        events: What it received, oldest first.

    >>> import datetime as dt
    >>> from campaignkit import CampaignGroup, GroupSnapshot
    >>> group = CampaignGroup(campaign_name="Spring", group_name="Sales")
    >>> event = GroupSnapshot(group=group, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    >>> recorder = RecordingNotifier()
    >>> recorder.notify(event)
    >>> recorder.events == [event]
    True
    """

    events: list[Event] = attrs.field(factory=list)

    def notify(self, event: Event) -> None:
        """Record ``event``."""
        self.events.append(event)

    def of_type(self, kind: type[E]) -> list[E]:
        """The events of one kind, oldest first (typed, for ``mypy --strict``)."""
        return [event for event in self.events if isinstance(event, kind)]

    def clear(self) -> None:
        """Forget every event received so far (between steps of a test)."""
        self.events.clear()


@attrs.frozen
class CallbackNotifier:
    """Adapts a plain function to a notifier.

    ``notify`` returns what the function returns, so an ``async def`` function is
    awaited by :func:`adispatch` and reported as failed by :func:`dispatch`.

    Attributes:
        fn: Called with each event.
    """

    fn: Callable[[Event], Any]

    def notify(self, event: Event) -> Any:
        """Call the function with ``event``."""
        return self.fn(event)


GROUP_STATE_MESSAGE_ID = 81000
"""OCS's log message id for a state-change notification."""
PERIODIC_MESSAGE_ID = 81001
"""OCS's log message id for a periodic notification."""
_GROUP_STATE_TEXT = (
    "Sending HTTP status notification CampaignGroupState for Campaign Group %s to %s"
)
_PERIODIC_TEXT = (
    "Sending periodic HTTP status notification CampaignGroupState"
    " for Campaign Group %s to %s"
)
_CAMPAIGN_TEXT = "Campaign %s (%s) status changed from %s to %s"


def _one_line(text: str) -> str:
    r"""``text`` with every unprintable character and backslash escaped.

    Names come from outside; a newline (or a carriage return, a Unicode line
    separator, a terminal escape) in one must not start a forged log line, so
    each becomes its Python escape (``\n``, ``\x1b``, ``\u2028``), and ``\``
    becomes ``\\`` so the escaping reads back unambiguously.
    """
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(
        c if c.isprintable() and c != "\\" else c.encode("unicode_escape").decode()
        for c in text
    )


@attrs.frozen
class LoggingNotifier:
    r"""Logs each event the way OCS logs its notifications, one line per event.

    A group change gets message 81000's text, a periodic report 81001's; the id is
    in the record's ``message_id`` attribute (passed through ``extra``). A campaign
    status change gets a message of campaignkit's own, with ``message_id`` None.
    Names and the URI come from outside, so every unprintable character in them
    (a newline, a terminal escape, U+2028) is logged as its Python escape
    (``\n``) and a backslash as two: no name can forge a second line.

    Attributes:
        logger: Where to log.
        uri: The notification URI the text names (``campaigngroup-states-uri``).
        level: The logging level; DEBUG by default, as OCS logs these messages at
            TRACE.
    """

    logger: logging.Logger
    uri: str = attrs.field(validator=v.nonempty_str())
    level: int = logging.DEBUG

    def notify(self, event: Event) -> None:
        """Log ``event``."""
        if isinstance(event, GroupStateChanged):
            args: tuple[str, ...] = (event.group.name, self.uri)
            self._log(GROUP_STATE_MESSAGE_ID, _GROUP_STATE_TEXT, args)
        elif isinstance(event, GroupSnapshot):
            args = (event.group.name, self.uri)
            self._log(PERIODIC_MESSAGE_ID, _PERIODIC_TEXT, args)
        else:
            campaign = event.campaign
            args = (
                campaign.name,
                campaign.id,
                event.previous_status.name,
                campaign.status.name,
            )
            self._log(None, _CAMPAIGN_TEXT, args)

    def _log(self, message_id: int | None, text: str, args: tuple[str, ...]) -> None:
        if self.logger.isEnabledFor(self.level):
            safe = [_one_line(arg) for arg in args]
            self.logger.log(self.level, text, *safe, extra={"message_id": message_id})


def periodic_due(
    groups: Iterable[CampaignGroup],
    *,
    now: dt.datetime,
    last_sent: Mapping[str, dt.datetime],
    interval: dt.timedelta = dt.timedelta(seconds=10),
) -> tuple[CampaignGroup, ...]:
    """Return the groups whose periodic report is due (OCS's states interval).

    Every group but a NotLoaded one is reported; one is due when its last report
    is at least ``interval`` old, or when it has none yet.

    Args:
        groups: The groups to consider; the result keeps their order.
        now: The current time (aware).
        last_sent: Each group's name mapped to when its last report went out
            (aware); a group that is absent is due now.
        interval: Time between two reports of a group (> 0; OCS's
            ``campaigngroup-states-interval``, 10 s by default).

    Raises:
        ValidationError: ``interval`` is not positive, or a time is naive.

    >>> import datetime as dt
    >>> from campaignkit import CampaignGroup, GroupStatus
    >>> group = CampaignGroup(
    ...     campaign_name="Spring", group_name="Sales", status=GroupStatus.RUNNING
    ... )
    >>> sent = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    >>> [g.name for g in periodic_due([group], now=sent, last_sent={group.name: sent})]
    []
    >>> later = sent + dt.timedelta(seconds=10)
    >>> [g.name for g in periodic_due([group], now=later, last_sent={group.name: sent})]
    ['Spring@Sales']
    """
    ok = interval > dt.timedelta(0)
    v.check("periodic_due", "interval", interval, ok, "a positive timedelta")
    v.check_aware("periodic_due", "now", now)
    due = []
    for group in groups:
        if group.status is GroupStatus.NOT_LOADED:
            continue
        last = last_sent.get(group.name)
        if last is None:
            due.append(group)
            continue
        v.check_aware("periodic_due", f"last_sent[{group.name!r}]", last)
        if now - last >= interval:
            due.append(group)
    return tuple(due)
