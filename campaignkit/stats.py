"""Campaign-group and calling-list figures, computed from plain counters.

The four figures OCS reports in ``GSW_STAT_*``. Each is a pure function of the
counters and is ``None`` when its denominator is zero: an undefined figure is
reported as ``null``, never as a division error or a made-up zero. A ratio too
large for a float (absurd counters: 1e308 busy seconds over 1e-308 logged in) is
``None`` as well, although its denominator is not zero: ``null`` rather than an
infinity no JSON encoder accepts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from campaignkit import _validate as v
from campaignkit._display import html_table

__all__ = ["GroupCounters", "GroupStats", "ListStats", "group_stats", "list_stats"]


_SECONDS = v.number(0.0)
_FIGURE = v.optional(v.number(0.0))
_COUNT = v.integer(0)


@attrs.frozen(kw_only=True)
class GroupCounters:
    """What a group (or one calling list) did over a window, as raw counts.

    The counters are not checked against each other: over a campaign's life
    answers are a subset of dials, abandons of answers and busy time of logged-in
    time, but a window cuts calls in two (dialed before it, answered in it; a call
    still going when an agent's login is counted), so a short window can hold more
    answers than dials. Refusing that would turn a reporting edge into an error at
    the host's boundary; the figures then come out above 1, as counted.

    Attributes:
        dialed: Calls launched.
        answered: Calls answered by a live party.
        abandoned: Answered calls that got no agent in time (the overdials).
        dropped: Calls the network or the dialer dropped for other reasons;
            reported for completeness, not counted as overdials.
        agent_busy_seconds: Agent time spent on calls (talk and wrap).
        agent_logged_seconds: Agent time logged in to the group.
        records_left: Records still to be dialed.
        records_finished: Records finished during the window.
        window_seconds: Length of the window the counts cover.
    """

    dialed: int = attrs.field(default=0, validator=_COUNT)
    answered: int = attrs.field(default=0, validator=_COUNT)
    abandoned: int = attrs.field(default=0, validator=_COUNT)
    dropped: int = attrs.field(default=0, validator=_COUNT)
    agent_busy_seconds: float = attrs.field(default=0.0, validator=_SECONDS)
    agent_logged_seconds: float = attrs.field(default=0.0, validator=_SECONDS)
    records_left: int = attrs.field(default=0, validator=_COUNT)
    records_finished: int = attrs.field(default=0, validator=_COUNT)
    window_seconds: float = attrs.field(default=0.0, validator=_SECONDS)

    def __add__(self, other: GroupCounters) -> GroupCounters:
        """Both windows' counts together (``window_seconds`` add up too).

        Pooling runs or lists: ``sum(runs)`` works (see :meth:`__radd__`).

        >>> a = GroupCounters(dialed=10, answered=3, window_seconds=60.0)
        >>> (a + a).dialed, (a + a).window_seconds
        (20, 120.0)
        """
        return GroupCounters(
            **{
                f.name: getattr(self, f.name) + getattr(other, f.name)
                for f in attrs.fields(GroupCounters)
            }
        )

    def __radd__(self, other: int) -> GroupCounters:
        """``0 + counters`` is the counters, so ``sum()`` needs no start value.

        >>> sum([GroupCounters(dialed=2), GroupCounters(dialed=3)]).dialed
        5
        """
        if other == 0:
            return self
        return NotImplemented


@attrs.frozen(kw_only=True)
class GroupStats:
    """The four figures of a campaign group (``None`` where undefined).

    Undefined means a zero denominator, or a ratio too large for a float.

    Attributes:
        busy_factor: Agent busy time / agent logged-in time (0.85 = 85 %).
        hit_ratio: Live answers / calls dialed.
        overdial_rate: Abandoned / live answers.
        time_to_complete: Seconds until the records left are finished at the
            window's rate.
    """

    busy_factor: float | None = attrs.field(default=None, validator=_FIGURE)
    hit_ratio: float | None = attrs.field(default=None, validator=_FIGURE)
    overdial_rate: float | None = attrs.field(default=None, validator=_FIGURE)
    time_to_complete: float | None = attrs.field(default=None, validator=_FIGURE)

    def _repr_html_(self) -> str:
        return html_table(
            "GroupStats",
            [(f.name.replace("_", " "), getattr(self, f.name)) for f in _STATS_FIELDS],
        )


_STATS_FIELDS = attrs.fields(GroupStats)


@attrs.frozen(kw_only=True)
class ListStats:
    """The two per-calling-list figures OCS reports (``None`` where undefined).

    Undefined means a zero denominator, or a ratio too large for a float.

    Attributes:
        calling_list_name: The calling list the figures are for.
        hit_ratio: Live answers / calls dialed from this list.
        time_to_complete: Seconds until this list's records left are finished.
    """

    calling_list_name: str = attrs.field(validator=v.nonempty_str())
    hit_ratio: float | None = attrs.field(default=None, validator=_FIGURE)
    time_to_complete: float | None = attrs.field(default=None, validator=_FIGURE)


def _ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or None where it is undefined or overflows."""
    if not denominator:
        return None
    try:
        value = numerator / denominator
    except (OverflowError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def _time_to_complete(counters: GroupCounters) -> float | None:
    rate = _ratio(counters.records_finished, counters.window_seconds)
    return _ratio(counters.records_left, rate) if rate else None


def group_stats(counters: GroupCounters) -> GroupStats:
    """Compute a group's busy factor, hit ratio, overdial rate and time to complete.

    Each figure is None when its denominator is 0, and also when the ratio is
    too large for a float (although its denominator is not 0).

    >>> stats = group_stats(GroupCounters(dialed=10, answered=3, abandoned=0))
    >>> stats.hit_ratio, stats.overdial_rate, stats.busy_factor
    (0.3, 0.0, None)
    >>> huge = GroupCounters(agent_busy_seconds=1e308, agent_logged_seconds=1e-308)
    >>> print(group_stats(huge).busy_factor)
    None
    """
    return GroupStats(
        busy_factor=_ratio(counters.agent_busy_seconds, counters.agent_logged_seconds),
        hit_ratio=_ratio(counters.answered, counters.dialed),
        overdial_rate=_ratio(counters.abandoned, counters.answered),
        time_to_complete=_time_to_complete(counters),
    )


def list_stats(counters: Mapping[str, GroupCounters]) -> tuple[ListStats, ...]:
    """Compute hit ratio and time to complete for each calling list, in input order.

    As in :func:`group_stats`, a figure is None when its denominator is 0 or the
    ratio is too large for a float.

    Args:
        counters: Each calling list's name mapped to its counters.

    >>> north = GroupCounters(dialed=4, answered=1)
    >>> [s.hit_ratio for s in list_stats({"north": north})]
    [0.25]
    """
    return tuple(
        ListStats(
            calling_list_name=name,
            hit_ratio=_ratio(c.answered, c.dialed),
            time_to_complete=_time_to_complete(c),
        )
        for name, c in counters.items()
    )
