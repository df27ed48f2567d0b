"""A seeded discrete-event simulator of one campaign group, to compare policies.

Policies pace simulated calls from a :class:`~campaignkit.pacing.PacingSnapshot`, as a
live dialer would, and all meet the same tape of attempts on one seed (common random
numbers). The model, the tape, the costs and examples: ``docs/simulation.md``.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
import random
from typing import Any

import attrs

from campaignkit import _validate as v
from campaignkit import pacing
from campaignkit._display import html_table
from campaignkit._sweep import sweep
from campaignkit.distributions import (
    MAX_CV,
    MAX_SECONDS,
    Distribution,
    Exponential,
    Fixed,
    LogNormal,
    Uniform,
)
from campaignkit.errors import ValidationError, clip
from campaignkit.ledger import AbandonmentLedger
from campaignkit.pacing import (
    ATTEMPTS_PER_AGENT,
    PacingSnapshot,
    Policy,
    estimate_for,
    pace,
)
from campaignkit.stats import GroupCounters, group_stats

__all__ = [
    "ATTEMPTS_PER_AGENT",
    "LINES_PER_AGENT",
    "MAX_CV",
    "MAX_DURATION",
    "MAX_SIM_AGENTS",
    "MAX_SIM_ATTEMPTS",
    "MIN_PACING_INTERVAL",
    "Distribution",
    "Exponential",
    "Fixed",
    "LogNormal",
    "Minute",
    "Scenario",
    "SimResult",
    "Uniform",
    "estimate_for",
    "simulate",
    "sweep",
]

MAX_DURATION = MAX_SECONDS
"""The longest run, 30 days: the US regulatory window (one row per minute)."""

MIN_PACING_INTERVAL = 0.01
"""The shortest pacing interval, in seconds (each decision is an event)."""

MAX_SIM_AGENTS = 10_000
"""The largest simulated team: every call is an event in pure Python."""

LINES_PER_AGENT = 10
"""Default lines per agent: calls dialing or waiting for an agent at once."""

MAX_SIM_ATTEMPTS = 200_000_000
"""The most attempts a run may be able to make (:attr:`Scenario.max_attempts`)."""


_POSITIVE = v.number(0.0, MAX_DURATION, above=True)
_MIN_SECONDS = 1e-9  # an observed time is at least this, as a host would measure


_DIST = v.rule(
    lambda x: isinstance(x, Distribution), "an Exponential, Fixed, Uniform or LogNormal"
)


def _changes(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    def ok(c: tuple[Any, ...]) -> bool:
        return all(map(v.is_number, c)) and 0 < c[0] <= MAX_DURATION and 0 <= c[1] <= 1

    allowed = (
        "a tuple of (seconds from the start, hit ratio) pairs in increasing time, "
        f"times in (0, {MAX_DURATION:g}], ratios 0-1"
    )
    v.check(obj, attribute.name, value, v.is_series(value, 2, ok), allowed)


@attrs.frozen(kw_only=True)
class Scenario:
    """The simulated team and audience (each field: ``docs/simulation.md``)."""

    agents: int = attrs.field(validator=v.integer(1, MAX_SIM_AGENTS))
    hit_ratio: float = attrs.field(validator=v.number(0.0, 1.0))
    handle_time: Distribution = attrs.field(default=Exponential(180.0), validator=_DIST)
    wrap_up: Distribution = attrs.field(default=Fixed(0.0), validator=_DIST)
    answer_time: Distribution = attrs.field(default=Exponential(10.0), validator=_DIST)
    no_answer_timeout: float = attrs.field(default=25.0, validator=_POSITIVE)
    unanswered_time: Distribution = attrs.field(validator=_DIST)
    abandon_after: float = attrs.field(
        default=2.0, validator=v.number(0.0, MAX_DURATION)
    )
    duration: float = attrs.field(default=3600.0, validator=_POSITIVE)
    pacing_interval: float = attrs.field(
        default=1.0, validator=v.number(MIN_PACING_INTERVAL, 3600.0)
    )
    pace_after_events: bool = attrs.field(default=False, validator=v.boolean)
    hit_ratio_changes: tuple[tuple[float, float], ...] = attrs.field(
        default=(), validator=_changes
    )
    window: float = attrs.field(
        default=MAX_DURATION, validator=v.number(60.0, MAX_DURATION)
    )
    lines: int = attrs.field(
        default=attrs.Factory(lambda s: s.agents * LINES_PER_AGENT, takes_self=True),
        validator=v.integer(1, MAX_SIM_AGENTS * LINES_PER_AGENT),
    )

    @unanswered_time.default
    def _at_timeout(self) -> Distribution:
        try:
            return Fixed(self.no_answer_timeout)
        except ValidationError:
            return Fixed(0.0)  # no_answer_timeout's own validator refuses it next

    def __attrs_post_init__(self) -> None:
        bound = self.max_attempts
        allowed = (
            f"a run of at most {MAX_SIM_ATTEMPTS:,} attempts by Little's law "
            f"(lines x duration / mean attempt; this one {bound:.3g}): "
            "fewer lines, a shorter run or longer attempts"
        )
        v.check(self, "duration", self.duration, bound <= MAX_SIM_ATTEMPTS, allowed)

    @classmethod
    def markov(
        cls,
        agents: int,
        hit_ratio: float,
        *,
        duration: float = 4 * 3600.0,
        resolve: float = 15.0,
        talk: float = 120.0,
        **other: Any,
    ) -> Scenario:
        """Exp(``resolve``) attempts, Exp(``talk``) talk, no grace, pace every event."""
        fields: dict[str, Any] = {
            "answer_time": Exponential(resolve),
            "unanswered_time": Exponential(resolve),
            "no_answer_timeout": MAX_DURATION,
            "handle_time": Exponential(talk),
            "abandon_after": 0.0,
            "pace_after_events": True,
            **other,
        }
        return cls(agents=agents, hit_ratio=hit_ratio, duration=duration, **fields)

    @property
    def max_attempts(self) -> float:
        """An upper bound on the attempts a run can make, by Little's law."""
        cap = self.no_answer_timeout
        answer = self.answer_time.capped_mean(cap)
        unanswered = self.unanswered_time.capped_mean(cap)
        ratios = (self.hit_ratio, *(ratio for _, ratio in self.hit_ratio_changes))
        shortest = min(h * answer + (1.0 - h) * unanswered for h in ratios)
        bound = math.inf if shortest <= 0.0 else self.duration / shortest
        if not self.pace_after_events:
            bound = min(bound, self.duration / self.pacing_interval + 1.0)
        return self.lines * (bound + 1.0)


@attrs.frozen
class Minute:
    """What happened in one simulated minute (``minute``: its index from 0)."""

    minute: int
    dialed: int
    answered: int
    abandoned: int
    busy_factor: float


_SUMMARY_POLICY = 120  # characters of the policy's repr in a one-line summary


@attrs.frozen(kw_only=True, repr=False)
class SimResult:
    """The figures of one simulated run, with the policy, scenario and seed."""

    policy: Policy
    scenario: Scenario
    seed: int
    busy_factor: float
    overdial_rate: float | None
    mean_agent_wait: float | None
    calls_dialed: int
    calls_answered: int
    calls_abandoned: int
    counters: GroupCounters
    minutes: tuple[Minute, ...]

    def __repr__(self) -> str:
        policy = clip(repr(self.policy), _SUMMARY_POLICY)
        sc, rate = self.scenario, self.overdial_rate
        return (
            f"<SimResult {policy}, {sc.agents} agents, hit ratio {sc.hit_ratio:g}, "
            f"{sc.duration / 3600:g} h, seed {self.seed}: busy factor "
            f"{self.busy_factor:.3f}, overdial rate "
            f"{'n/a' if rate is None else f'{rate:.2%}'}, {self.calls_dialed} dialed, "
            f"{self.calls_answered} answered, {self.calls_abandoned} abandoned>"
        )

    def _repr_html_(self) -> str:
        rows = list(self.row().items())
        rows[3] = ("hours", f"{self.scenario.duration / 3600:g}")
        return html_table("SimResult", rows)

    def row(self) -> dict[str, Any]:
        """The run as one flat row: policy (its ``repr``), scenario, seed, figures."""
        return {
            "policy": repr(self.policy),
            "agents": self.scenario.agents,
            "hit_ratio": self.scenario.hit_ratio,
            "duration": self.scenario.duration,
            "seed": self.seed,
            "busy_factor": self.busy_factor,
            "overdial_rate": self.overdial_rate,
            "mean_agent_wait": self.mean_agent_wait,
            "dialed": self.calls_dialed,
            "answered": self.calls_answered,
            "abandoned": self.calls_abandoned,
        }

    def rows(self) -> list[dict[str, Any]]:
        """The per-minute series as flat rows, one column per :class:`Minute` field."""
        return [attrs.asdict(m) for m in self.minutes]


def _stream(seed: int, name: str) -> random.Random:
    """One of a run's independent streams (string seeds hash the same everywhere)."""
    return random.Random(f"campaignkit.sim:{seed}:{name}")


_TICK, _RESOLVE, _FREE, _GIVE_UP = 0, 1, 2, 3

# Policies whose decision reads only counts, which (ready, dialing, waiting) fix in a
# run: a run remembers their decisions by those three numbers (tested in test_sim).
_BY_COUNTS = (pacing.Preview, pacing.Progressive, pacing.Power, pacing.ServiceLevel)
_REMEMBERED = 100_000  # decisions remembered at most; beyond, the memory restarts


def simulate(  # noqa: PLR0915
    policy: Policy, scenario: Scenario, *, seed: int
) -> SimResult:
    """Run one scenario under one policy; the same seed gives the same result."""
    sc = scenario  # the loop below is one function with locals, for speed
    outcome = _stream(seed, "outcome").random  # the tape: one stream per quantity
    draw_answer = sc.answer_time.sampler(_stream(seed, "answer"))
    draw_unanswered = sc.unanswered_time.sampler(_stream(seed, "unanswered"))
    draw_talk = sc.handle_time.sampler(_stream(seed, "talk"))
    draw_wrap = sc.wrap_up.sampler(_stream(seed, "wrap"))
    agents, duration, timeout = sc.agents, sc.duration, sc.no_answer_timeout
    grace, interval, lines = sc.abandon_after, sc.pacing_interval, sc.lines
    after_events = sc.pace_after_events
    changes = list(sc.hit_ratio_changes)
    hit_now, next_change = sc.hit_ratio, changes[0][0] if changes else math.inf
    prior = estimate_for(agents)
    smoothing, warmup = prior.smoothing, prior.warmup
    est_hit, attempts, answers, handles = 0.0, 0, 0, 0
    est_answer, est_handle = prior.mean_answer_time, prior.mean_handle_time
    bucket = min(60.0, sc.window)
    ledger = AbandonmentLedger(
        window=dt.timedelta(seconds=sc.window), bucket=dt.timedelta(seconds=bucket)
    )
    n_minutes = math.ceil(duration / 60.0)
    last_minute = n_minutes - 1
    dialed, answered, abandoned = ([0] * n_minutes for _ in range(3))
    busy = [0.0] * n_minutes
    events: list[Any] = [(0.0, 0, _TICK, 0.0, 0.0)]
    push, pop = heapq.heappush, heapq.heappop
    seq, ready, dialing = itertools.count(1).__next__, agents, 0
    waiting: dict[int, float] = {}  # call -> handle seconds, oldest first
    by_counts = type(policy) in _BY_COUNTS
    decided: dict[tuple[Any, ...], int] = {}  # pace is pure: same input, same calls

    def blend(mean: float, count: int, value: float) -> float:
        weight = smoothing if count * smoothing >= 1.0 else 1.0 / (count + 1)
        return (1.0 - weight) * mean + weight * value

    def connect(now: float, handle: float) -> None:
        nonlocal ready, est_handle, handles, ledger
        ready -= 1
        push(events, (now + handle, seq(), _FREE, 0.0, 0.0))
        est_handle = blend(est_handle, handles, max(handle, _MIN_SECONDS))
        handles += 1
        ledger = ledger._add(int(now // bucket), 1, 0)
        start, end = now, min(now + handle, duration)
        while start < end:
            m = min(int(start // 60.0), last_minute)
            stop = min(end, (m + 1) * 60.0)
            busy[m] += stop - start
            start = stop

    def abandon(now: float) -> None:
        nonlocal ledger
        abandoned[min(int(now // 60.0), last_minute)] += 1
        ledger = ledger._add(int(now // bucket), 1, 1)

    while True:  # the pacing tick always re-arms itself
        now, call, kind, after, handle = pop(events)
        if now >= duration:
            break
        if kind == _TICK:
            push(events, (now + interval, seq(), _TICK, 0.0, 0.0))
        elif kind == _RESOLVE:
            dialing -= 1
            live = after >= 0.0
            est_hit = blend(est_hit, attempts, 1.0 if live else 0.0)
            attempts += 1
            if live:
                est_answer = blend(est_answer, answers, max(after, _MIN_SECONDS))
                answers += 1
                answered[min(int(now // 60.0), last_minute)] += 1
                if ready:
                    connect(now, handle)
                elif grace == 0.0:
                    abandon(now)
                else:
                    waiting[call] = handle
                    push(events, (now + grace, call, _GIVE_UP, 0.0, 0.0))
        elif kind == _FREE:
            ready += 1
            if waiting:
                connect(now, waiting.pop(next(iter(waiting))))
        elif waiting.pop(call, None) is not None:  # _GIVE_UP
            abandon(now)
        else:  # the call got an agent in time: nothing changed
            continue
        if kind != _TICK and not after_events:
            continue
        # A decision, remembered by its whole input (see _BY_COUNTS): pace is pure.
        n_waiting = len(waiting)
        key: tuple[Any, ...] = (ready, dialing, n_waiting)
        if not by_counts:
            window = ledger._counts(int(now // bucket))
            key += (est_hit, attempts >= warmup, est_handle, est_answer, window)
        calls = decided.get(key)
        if calls is None:
            if not by_counts or len(decided) >= _REMEMBERED:
                decided.clear()  # only the last input, or a memory that restarts
            window = ledger._counts(int(now // bucket))
            snapshot = PacingSnapshot(
                agents_ready=ready,
                agents_busy=agents - ready,
                calls_dialing=dialing,
                calls_waiting=n_waiting,
                hit_ratio=est_hit if attempts >= warmup else 0.0,
                mean_handle_time=est_handle,
                mean_answer_time=est_answer,
                channels_free=max(0, lines - dialing - n_waiting),
                answered=window.answered,
                abandoned=window.abandoned,
            )
            calls = decided[key] = pace(snapshot, policy).calls
        if not calls:
            continue
        while now >= next_change:
            hit_now = changes.pop(0)[1]
            next_change = changes[0][0] if changes else math.inf
        for _ in range(calls):
            live = outcome() < hit_now
            answer_after, unanswered_after = draw_answer(), draw_unanswered()
            handle = draw_talk() + draw_wrap()
            after = min(answer_after if live else unanswered_after, timeout)
            push(events, (now + after, seq(), _RESOLVE, after if live else -1, handle))
        dialing += calls
        dialed[min(int(now // 60.0), last_minute)] += calls

    counters = GroupCounters(
        dialed=sum(dialed),
        answered=sum(answered),
        abandoned=sum(abandoned),
        agent_busy_seconds=sum(busy),
        agent_logged_seconds=agents * duration,
        window_seconds=duration,
    )
    stats = group_stats(counters)
    idle = counters.agent_logged_seconds - counters.agent_busy_seconds
    logged = [
        agents * (min(duration, (m + 1) * 60.0) - m * 60.0) for m in range(n_minutes)
    ]
    minutes = tuple(
        Minute(m, dialed[m], answered[m], abandoned[m], busy[m] / logged[m])
        for m in range(n_minutes)
    )
    return SimResult(
        policy=policy,
        scenario=sc,
        seed=seed,
        busy_factor=stats.busy_factor or 0.0,
        overdial_rate=stats.overdial_rate,
        mean_agent_wait=idle / handles if handles else None,
        calls_dialed=counters.dialed,
        calls_answered=counters.answered,
        calls_abandoned=counters.abandoned,
        counters=counters,
        minutes=minutes,
    )
