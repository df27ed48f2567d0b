"""Campaign-group and calling-list figures, computed from plain counters.

The four figures OCS reports in ``GSW_STAT_*``. Each is ``None`` where it is
undefined: a zero denominator, or a ratio too large for a float (see "Statistics"
in ``docs/pacing.md``).
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

    ``abandoned`` are the overdials (answers that got no agent in time), ``dropped``
    the other drops. The counts are not checked against each other: a window cuts
    calls in two.
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
        """Both windows' counts together (``window_seconds`` add up too)."""
        mine, theirs = attrs.asdict(self), attrs.asdict(other)
        return GroupCounters(**{name: n + theirs[name] for name, n in mine.items()})

    def __radd__(self, other: int) -> GroupCounters:
        """``0 + counters`` is the counters, so ``sum()`` needs no start value."""
        return self if other == 0 else NotImplemented


@attrs.frozen(kw_only=True)
class GroupStats:
    """The four figures of a campaign group (``None`` where undefined).

    Each is a ratio of counters (``docs/pacing.md``); ``time_to_complete`` is the
    seconds until the records left are finished at the window's rate.
    """

    busy_factor: float | None = attrs.field(default=None, validator=_FIGURE)
    hit_ratio: float | None = attrs.field(default=None, validator=_FIGURE)
    overdial_rate: float | None = attrs.field(default=None, validator=_FIGURE)
    time_to_complete: float | None = attrs.field(default=None, validator=_FIGURE)

    def _repr_html_(self) -> str:
        rows = [(k.replace("_", " "), n) for k, n in attrs.asdict(self).items()]
        return html_table("GroupStats", rows)


@attrs.frozen(kw_only=True)
class ListStats:
    """The hit ratio and time to complete of one calling list (``None``: undefined)."""

    calling_list_name: str = attrs.field(validator=v.nonempty_str())
    hit_ratio: float | None = attrs.field(default=None, validator=_FIGURE)
    time_to_complete: float | None = attrs.field(default=None, validator=_FIGURE)


def _ratio(numerator: float, denominator: float) -> float | None:
    try:
        value = numerator / denominator
    except (OverflowError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def _time_to_complete(counters: GroupCounters) -> float | None:
    rate = _ratio(counters.records_finished, counters.window_seconds)
    return _ratio(counters.records_left, rate) if rate else None


def group_stats(counters: GroupCounters) -> GroupStats:
    """Compute a group's busy factor, hit ratio, overdial rate and time to complete."""
    return GroupStats(
        busy_factor=_ratio(counters.agent_busy_seconds, counters.agent_logged_seconds),
        hit_ratio=_ratio(counters.answered, counters.dialed),
        overdial_rate=_ratio(counters.abandoned, counters.answered),
        time_to_complete=_time_to_complete(counters),
    )


def list_stats(counters: Mapping[str, GroupCounters]) -> tuple[ListStats, ...]:
    """The hit ratio and time to complete of each calling list, by name, in order."""
    return tuple(
        ListStats(
            calling_list_name=name,
            hit_ratio=_ratio(counts.answered, counts.dialed),
            time_to_complete=_time_to_complete(counts),
        )
        for name, counts in counters.items()
    )
