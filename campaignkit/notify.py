"""Delivery of events to the host's notifiers, and when a periodic report is due."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeAlias, TypeVar, runtime_checkable

import attrs

from campaignkit import _validate as v
from campaignkit.enums import GroupStatus
from campaignkit.errors import CampaignKitError
from campaignkit.events import CampaignStatusChanged, Event, GroupSnapshot
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
    """Delivers an event synchronously; raises to report a failed delivery."""

    def notify(self, event: Event) -> None:
        """Deliver ``event``."""


@runtime_checkable
class AsyncNotifier(Protocol):
    """Delivers an event with ``await``; give it to :func:`adispatch`."""

    async def notify(self, event: Event) -> None:
        """Deliver ``event``."""


AnyNotifier: TypeAlias = Notifier | AsyncNotifier
"""Either kind of notifier."""

MAX_TIMEOUT = 86_400
"""The longest timeout :func:`adispatch` takes, in seconds (a day)."""


class AsyncNotifierError(CampaignKitError, TypeError):
    """An async notifier was given to :func:`dispatch`: its failure, not a drop."""


@attrs.frozen(kw_only=True)
class DispatchReport:
    """What happened to one event: who got it, and ``(notifier, exception)`` pairs."""

    delivered: tuple[AnyNotifier, ...] = ()
    failed: tuple[tuple[AnyNotifier, BaseException], ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every notifier received the event."""
        return not self.failed


def _report(
    notifiers: Sequence[AnyNotifier], outcomes: Sequence[BaseException | None]
) -> DispatchReport:
    pairs = list(zip(notifiers, outcomes, strict=True))
    return DispatchReport(
        delivered=tuple(n for n, e in pairs if e is None),
        failed=tuple((n, e) for n, e in pairs if e is not None),
    )


def _close(awaitable: Any, error: BaseException) -> BaseException:
    """Close an awaitable nobody will await (no 'never awaited' warning); ``error``."""
    try:
        close = getattr(awaitable, "close", None) or getattr(awaitable, "cancel", None)
        if callable(close):
            close()
    except (Exception, asyncio.CancelledError) as exc:
        error.__cause__ = exc
    return error


def _call(
    notifier: AnyNotifier,
    event: Event,
    loop: asyncio.AbstractEventLoop | None = None,
    timeout: float | None = None,
) -> tuple[Awaitable[Any] | None, BaseException | None]:
    """Call ``notify``: the awaitable to run (given a loop), and the failure."""
    began = loop.time() if loop is not None else 0.0
    try:
        result: Any = notifier.notify(event)
        awaitable = inspect.isawaitable(result)
    # A sync call cannot be cancelled from outside: a CancelledError is its own.
    except (Exception, asyncio.CancelledError) as exc:
        return None, exc
    if loop is None and awaitable:  # dispatch cannot await
        refused = AsyncNotifierError("async notifier given to dispatch; use adispatch")
        return None, _close(result, refused)
    took = loop.time() - began if loop is not None else 0.0
    if timeout is not None and took > timeout:  # it blocked the loop
        late = TimeoutError(f"notifier took {took:.3g} s, more than {timeout} s")
        return None, _close(result, late) if awaitable else late
    return (result if awaitable else None), None


def dispatch(event: Event, notifiers: Iterable[Notifier]) -> DispatchReport:
    """Give ``event`` to every notifier in order; a notifier's failure is reported.

    An async notifier fails with :class:`AsyncNotifierError`.
    """
    given = tuple(notifiers)
    return _report(given, [_call(n, event)[1] for n in given])


_ABANDONED: set[asyncio.Future[Any]] = set()
"""Deliveries cancelled at the deadline and still running (so none is collected)."""


def _forget(task: asyncio.Future[Any]) -> None:
    _ABANDONED.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio logs no "never retrieved" error


async def _timed(awaitable: Awaitable[Any], ended: dict[int, float], n: int) -> Any:
    """Await delivery ``n`` and note when it ended (a done callback runs too late)."""
    try:
        return await awaitable
    finally:
        ended[n] = asyncio.get_running_loop().time()


async def adispatch(
    event: Event, notifiers: Iterable[AnyNotifier], *, timeout: float | None = None
) -> DispatchReport:
    """Give ``event`` to every notifier, async ones concurrently, by a deadline.

    Each delivery may take ``timeout`` seconds on the loop's clock (None: no limit;
    else > 0 and at most :data:`MAX_TIMEOUT`); the rules: ``docs/notifications.md``.
    """
    ok = timeout is None or 0 < timeout <= MAX_TIMEOUT  # exact for big ints; NaN: no
    allowed = f"None or a number of seconds > 0 and <= {MAX_TIMEOUT}"
    v.check("adispatch", "timeout", timeout, ok, allowed)
    given = tuple(notifiers)
    loop = asyncio.get_running_loop()
    outcomes: list[BaseException | None] = []
    started: list[Awaitable[Any]] = []
    running: dict[asyncio.Future[Any], int] = {}
    ended: dict[int, float] = {}  # when each async delivery ended, on the loop's clock
    try:
        for i, notifier in enumerate(given):
            awaitable, failure = _call(notifier, event, loop, timeout)
            outcomes.append(failure)
            if awaitable is not None:
                started.append(awaitable)
                running[asyncio.ensure_future(_timed(awaitable, ended, i))] = i
        deadline = loop.time() + (timeout or 0.0)
        _, late = await asyncio.wait(running, timeout=timeout) if running else ((), ())
    except BaseException:  # cancelled, or a sync notifier's KeyboardInterrupt
        for task in running:
            task.cancel()
        raise
    finally:  # a delivery cancelled before it started never awaits its coroutine
        for coro in filter(inspect.iscoroutine, started):
            if inspect.getcoroutinestate(coro) == inspect.CORO_CREATED:
                coro.close()
    for task, i in running.items():
        if task in late:
            task.cancel()
            _ABANDONED.add(task)
            task.add_done_callback(_forget)
            outcomes[i] = TimeoutError(f"notifier did not finish within {timeout} s")
        elif timeout is not None and ended.get(i, deadline) > deadline:  # blocked
            outcomes[i] = TimeoutError(
                f"notifier ended {ended[i] - deadline:.3g} s after the deadline"
                f" ({timeout} s): something blocked the event loop"
            )
        else:
            try:
                task.result()
            # Cancelled before the deadline, by nobody but itself: its own failure.
            except (Exception, asyncio.CancelledError) as exc:
                outcomes[i] = exc
    return _report(given, outcomes)


E = TypeVar("E", bound=Event)


@attrs.define(eq=False)
class RecordingNotifier:
    """Keeps the events it receives, oldest first; equal only to itself."""

    events: list[Event] = attrs.field(factory=list)

    def notify(self, event: Event) -> None:
        """Record ``event``."""
        self.events.append(event)

    def of_type(self, kind: type[E]) -> list[E]:
        """The events of one kind, oldest first (typed, for ``mypy --strict``)."""
        return [event for event in self.events if isinstance(event, kind)]

    def clear(self) -> None:
        """Forget every event received so far."""
        self.events.clear()


@attrs.frozen
class CallbackNotifier:
    """Calls ``fn(event)`` and returns what it returns (awaited by adispatch)."""

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
_PERIODIC_TEXT = _GROUP_STATE_TEXT.replace("Sending", "Sending periodic")
_CAMPAIGN_TEXT = "Campaign %s (%s) status changed from %s to %s"


def _one_line(text: str) -> str:
    """``text`` with unprintable characters and backslashes escaped: no forged line."""
    return "".join(
        c if c.isprintable() and c != "\\" else c.encode("unicode_escape").decode()
        for c in text
    )


@attrs.frozen
class LoggingNotifier:
    """Logs each event as one line, with OCS's texts and ``message_id``.

    ``uri`` is the ``campaigngroup-states-uri`` the text names; OCS logs at TRACE.
    """

    logger: logging.Logger
    uri: str = attrs.field(validator=v.nonempty_str())
    level: int = logging.DEBUG

    def notify(self, event: Event) -> None:
        """Log ``event``."""
        if isinstance(event, CampaignStatusChanged):
            campaign, message_id, text = event.campaign, None, _CAMPAIGN_TEXT
            statuses = (event.previous_status.name, campaign.status.name)
            args: tuple[str, ...] = (campaign.name, campaign.id, *statuses)
        else:
            periodic = isinstance(event, GroupSnapshot)
            message_id = PERIODIC_MESSAGE_ID if periodic else GROUP_STATE_MESSAGE_ID
            text = _PERIODIC_TEXT if periodic else _GROUP_STATE_TEXT
            args = (event.group.name, self.uri)
        safe = [_one_line(arg) for arg in args]
        self.logger.log(self.level, text, *safe, extra={"message_id": message_id})


def periodic_due(
    groups: Iterable[CampaignGroup],
    *,
    now: dt.datetime,
    last_sent: Mapping[str, dt.datetime],
    interval: dt.timedelta = dt.timedelta(seconds=10),
) -> tuple[CampaignGroup, ...]:
    """The loaded groups, in order, whose last report is ``interval`` old or missing."""
    ok = interval > dt.timedelta(0)
    v.check("periodic_due", "interval", interval, ok, "a positive timedelta")
    v.check_aware("periodic_due", "now", now)
    due = []
    for group in groups:
        last = last_sent.get(group.name)
        if group.status is GroupStatus.NOT_LOADED:
            continue
        if last is not None:
            v.check_aware("periodic_due", f"last_sent[{group.name!r}]", last)
        if last is None or now - last >= interval:
            due.append(group)
    return tuple(due)
