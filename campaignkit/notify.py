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
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeAlias, runtime_checkable

import attrs

from campaignkit import _validate as v
from campaignkit.enums import GroupStatus
from campaignkit.errors import CampaignKitError, ValidationError
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


def _several(function: str, field: str, value: Any, allowed: str) -> tuple[Any, ...]:
    """``value`` as a tuple, if it is a collection of things (not a str or a dict)."""
    ok = isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)
    v.check(function, field, value, ok, allowed)
    return tuple(value)


def dispatch(event: Event, notifiers: Iterable[Notifier]) -> DispatchReport:
    """Give ``event`` to every notifier in order; never raise for a notifier.

    A notifier that raises is reported as failed and the others still run. A
    notifier whose ``notify`` returns an awaitable (an async notifier) is reported
    as failed with :class:`AsyncNotifierError`, and the awaitable is closed.
    Only a ``notifiers`` argument that is not a collection raises
    (:class:`ValidationError`), before any notifier runs.

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
    given = _several("dispatch", "notifiers", notifiers, "an iterable of notifiers")
    return _report(given, [_deliver(event, n) for n in given])


async def _adeliver(
    event: Event, notifier: AnyNotifier, timeout: float | None
) -> BaseException | None:
    try:
        async with asyncio.timeout(timeout) as deadline:
            result = notifier.notify(event)
            if inspect.isawaitable(result):
                await result
    except TimeoutError as exc:
        if deadline.expired():
            return TimeoutError(f"notifier did not finish within {timeout} s")
        return exc
    except asyncio.CancelledError as exc:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise  # adispatch itself is being cancelled: let it be
        return exc  # the notifier raised it of its own accord
    except Exception as exc:  # any failure is the notifier's
        return exc
    return None


async def adispatch(
    event: Event,
    notifiers: Iterable[AnyNotifier],
    *,
    timeout: float | None = None,
) -> DispatchReport:
    """Give ``event`` to every notifier concurrently; never raise.

    Async notifiers are awaited, sync ones called directly (in the event loop, so
    keep them quick). Each notifier gets ``timeout`` seconds; one that takes longer
    is cancelled and reported as failed with a :class:`TimeoutError`. A
    notifier that raises :class:`asyncio.CancelledError` without being cancelled
    is reported as failed too; cancelling ``adispatch`` itself still cancels it.

    Args:
        event: The event to deliver.
        notifiers: Sync or async notifiers; the report keeps their order.
        timeout: Seconds each notifier may take (> 0 and at most
            :data:`MAX_TIMEOUT`, a day), or None to wait for ever.

    Raises:
        ValidationError: ``timeout`` is not a finite number of seconds in that
            range, or ``notifiers`` is not a collection.

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
        ok = (
            isinstance(timeout, int | float)
            and not isinstance(timeout, bool)
            and 0 < timeout <= MAX_TIMEOUT
        )
        v.check(
            "adispatch",
            "timeout",
            timeout,
            ok,
            f"None or a number of seconds > 0 and <= {MAX_TIMEOUT}",
        )
    given = _several("adispatch", "notifiers", notifiers, "an iterable of notifiers")
    outcomes = await asyncio.gather(*(_adeliver(event, n, timeout) for n in given))
    return _report(given, outcomes)


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


@attrs.frozen
class CallbackNotifier:
    """Adapts a plain function to a notifier.

    ``notify`` returns what the function returns, so an ``async def`` function is
    awaited by :func:`adispatch` and reported as failed by :func:`dispatch`.

    Attributes:
        fn: Called with each event.
    """

    fn: Callable[[Event], Any] = attrs.field(
        validator=lambda obj, a, value: v.check(
            obj, a.name, value, callable(value), "a callable taking an event"
        )
    )

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


@attrs.frozen
class LoggingNotifier:
    """Logs each event the way OCS logs its notifications, at DEBUG (OCS's TRACE).

    A group change gets message 81000's text, a periodic report 81001's; the id is
    in the record's ``message_id`` attribute (passed through ``extra``). A campaign
    status change gets a message of campaignkit's own, with ``message_id`` None.

    Attributes:
        logger: Where to log.
        uri: The notification URI the text names (``campaigngroup-states-uri``).
    """

    logger: logging.Logger = attrs.field(validator=v.instance_of(logging.Logger))
    uri: str = attrs.field(validator=v.nonempty_str())

    def notify(self, event: Event) -> None:
        """Log ``event``."""
        if isinstance(event, GroupStateChanged):
            args: tuple[Any, ...] = (event.group.name, self.uri)
            self._log(GROUP_STATE_MESSAGE_ID, _GROUP_STATE_TEXT, args)
        elif isinstance(event, GroupSnapshot):
            args = (event.group.name, self.uri)
            self._log(PERIODIC_MESSAGE_ID, _PERIODIC_TEXT, args)
        elif isinstance(event, CampaignStatusChanged):
            campaign = event.campaign
            args = (
                campaign.name,
                campaign.id,
                event.previous_status.name,
                campaign.status.name,
            )
            self._log(None, _CAMPAIGN_TEXT, args)
        else:
            raise ValidationError(
                "LoggingNotifier", "event", event, "a campaignkit event"
            )

    def _log(self, message_id: int | None, text: str, args: tuple[Any, ...]) -> None:
        self.logger.debug(text, *args, extra={"message_id": message_id})


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
        ValidationError: ``interval`` is not positive, a time is naive, or an
            argument is not the collection it should be.

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
    v.check(
        "periodic_due",
        "interval",
        interval,
        isinstance(interval, dt.timedelta) and interval > dt.timedelta(0),
        "a positive datetime.timedelta",
    )
    _aware("now", now)
    v.check(
        "periodic_due",
        "last_sent",
        last_sent,
        isinstance(last_sent, Mapping),
        "a mapping of group names to times",
    )
    due = []
    for group in _several("periodic_due", "groups", groups, "CampaignGroup values"):
        ok = isinstance(group, CampaignGroup)
        v.check("periodic_due", "groups", group, ok, "CampaignGroup values")
        if group.status is GroupStatus.NOT_LOADED:
            continue
        last = last_sent.get(group.name)
        if last is None:
            due.append(group)
            continue
        _aware(f"last_sent[{group.name!r}]", last)
        if now - last >= interval:
            due.append(group)
    return tuple(due)


def _aware(field: str, value: Any) -> None:
    ok = isinstance(value, dt.datetime) and value.utcoffset() is not None
    v.check("periodic_due", field, value, ok, "a timezone-aware datetime")
