"""A seeded discrete-event simulator of one campaign group, to compare policies.

Agents take answered calls; a pacing policy launches calls every pacing interval
(and, if asked, after every event) from a :class:`~campaignkit.pacing.PacingSnapshot`
of the simulated counts, with the hit ratio and times estimated from what has been
observed so far (the same running means as :func:`~campaignkit.pacing.update_estimate`),
as a live dialer would. Each launched call is answered by a live party with the
scenario's hit ratio after an answer time, or resolves unanswered after its own
time; both are cut at the no-answer timeout. An answered call that finds no agent
within ``abandon_after`` seconds is abandoned. The regulatory window's counts come
from an :class:`~campaignkit.ledger.AbandonmentLedger`.

**Common random numbers.** Attempt *k* of a run (the *k*-th call launched) always
meets the same draws, whatever policy launched it and whenever: its outcome, answer
time, unanswered time, talk and wrap-up each come from a stream of their own, seeded
from the run's seed, and every attempt takes one draw from each. Two policies run
on one seed meet the same tape of attempts, so their difference is the policies',
not noise; a seed always gives the same run.

>>> from campaignkit.pacing import Progressive
>>> result = simulate(Progressive(), Scenario(agents=5, hit_ratio=0.3, duration=600),
...                   seed=1)
>>> result.calls_abandoned
0
>>> result == simulate(Progressive(),
...                    Scenario(agents=5, hit_ratio=0.3, duration=600), seed=1)
True
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import functools
import heapq
import itertools
import math
import random
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from campaignkit import _validate as v
from campaignkit._display import html_table
from campaignkit.errors import ValidationError
from campaignkit.ledger import AbandonmentLedger
from campaignkit.pacing import (
    Estimate,
    PacingSnapshot,
    Policy,
    Power,
    Preview,
    Progressive,
    ServiceLevel,
    pace,
)
from campaignkit.stats import GroupCounters, group_stats

__all__ = [
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
    "simulate",
    "sweep",
]

MAX_DURATION = 30 * 86_400.0
"""The longest run, and the longest time of any distribution: 30 days.

The US regulatory window; a run keeps one row per simulated minute, so a longer one
would only grow memory (a thousand years would not fit).
"""

MIN_PACING_INTERVAL = 0.01
"""The shortest pacing interval, in seconds.

Each decision is an event, so a smaller interval makes a run slower without
changing what it shows (1e-20 s would never reach the end of the run).
"""

MAX_SIM_AGENTS = 10_000
"""The largest simulated team: every call is an event in pure Python."""

LINES_PER_AGENT = 10
"""Default lines per agent: calls dialing or waiting for an agent at once.

A dialer's trunks bound what it can have out; the bound also bounds a run's work
(``Progressive(1000)`` on 10,000 agents would otherwise launch ten million calls
in its first second).
"""

MAX_SIM_ATTEMPTS = 200_000_000
"""The most attempts a run may be able to make, refused up front beyond.

By Little's law a run with ``lines`` lines whose attempts spend at least ``s``
seconds dialing on average makes at most ``lines * duration / s`` attempts, whatever
the policy; at a few microseconds per attempt this bound keeps the worst run
accepted under about an hour, and any realistic policy far below (see
``docs/simulation.md`` for measured costs).
"""

MAX_CV = 100.0
"""The largest coefficient of variation of a :class:`LogNormal`."""

_POSITIVE = v.number(0.0, MAX_DURATION, above=True)
_MIN_SECONDS = 1e-9  # an observed time is at least this, as a host would measure


@attrs.frozen
class Exponential:
    """Exponentially distributed seconds: memoryless, the textbook handle time.

    Attributes:
        mean: The mean in seconds (> 0, at most :data:`MAX_DURATION`).
    """

    mean: float = attrs.field(validator=_POSITIVE)

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function drawing one value per call from ``rng``."""
        return functools.partial(rng.expovariate, 1.0 / self.mean)

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(draw, cap)``."""
        return self.mean * -math.expm1(-cap / self.mean)


@attrs.frozen
class Fixed:
    """Always the same number of seconds: a deterministic baseline.

    Attributes:
        value: The seconds (>= 0, at most :data:`MAX_DURATION`); 0 only makes
            sense for a wrap-up.
    """

    value: float = attrs.field(validator=v.number(0.0, MAX_DURATION))

    @property
    def mean(self) -> float:
        """The mean, which is the value."""
        return self.value

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function returning the value (``rng`` is not used)."""
        return itertools.repeat(float(self.value)).__next__

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(value, cap)``."""
        return min(self.value, cap)


def _above_low(obj: Uniform, attribute: attrs.Attribute[Any], value: Any) -> None:
    _POSITIVE(obj, attribute, value)
    v.check(obj, attribute.name, value, value >= obj.low, "a number >= low")


@attrs.frozen
class Uniform:
    """Seconds uniformly spread between two bounds.

    Attributes:
        low: The smallest value (> 0).
        high: The largest value (>= low, at most :data:`MAX_DURATION`).
    """

    low: float = attrs.field(validator=_POSITIVE)
    high: float = attrs.field(validator=_above_low)

    @property
    def mean(self) -> float:
        """The mean, halfway between the bounds."""
        return (self.low + self.high) / 2.0

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function drawing one value per call from ``rng``."""
        return functools.partial(rng.uniform, self.low, self.high)

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(draw, cap)``."""
        low, high = self.low, self.high
        if cap >= high:
            return self.mean
        if cap <= low:
            return cap
        below = (cap - low) * (cap + low) / 2.0
        return (below + (high - cap) * cap) / (high - low)


@attrs.frozen
class LogNormal:
    """Log-normally distributed seconds with a given mean and spread.

    Talk times are skewed: most calls are short, a few are very long. The
    coefficient of variation (standard deviation / mean) sets how skewed: 0 is
    always the mean, 1 as spread as an exponential, 2 a long tail.

    Attributes:
        mean: The mean in seconds (> 0, at most :data:`MAX_DURATION`).
        cv: The coefficient of variation (0 to :data:`MAX_CV`).
    """

    mean: float = attrs.field(validator=_POSITIVE)
    cv: float = attrs.field(default=1.0, validator=v.number(0.0, MAX_CV))

    @property
    def sigma(self) -> float:
        """The standard deviation of the logarithm."""
        return math.sqrt(math.log1p(self.cv * self.cv))

    @property
    def mu(self) -> float:
        """The mean of the logarithm."""
        return math.log(self.mean) - self.sigma**2 / 2.0

    def sampler(self, rng: random.Random) -> Callable[[], float]:
        """A function drawing one value per call from ``rng``."""
        return functools.partial(rng.lognormvariate, self.mu, self.sigma)

    def capped_mean(self, cap: float) -> float:
        """The mean of ``min(draw, cap)``."""
        mu, sigma = self.mu, self.sigma
        if sigma == 0.0:
            return min(self.mean, cap)
        z = (math.log(cap) - mu) / sigma
        below = self.mean * _phi(z - sigma)
        return below + cap * (1.0 - _phi(z))


def _phi(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


Distribution = Exponential | Fixed | Uniform | LogNormal
"""A distribution of seconds the simulator can draw from."""


def _distribution(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, Exponential | Fixed | Uniform | LogNormal)
    allowed = "an Exponential, Fixed, Uniform or LogNormal"
    v.check(obj, attribute.name, value, ok, allowed)


def _changes(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = v.is_series(
        value,
        2,
        lambda c: (
            all(map(v.is_number, c))
            and 0.0 < c[0] <= MAX_DURATION
            and 0.0 <= c[1] <= 1.0
        ),
    )
    allowed = (
        "a tuple of (seconds from the start, hit ratio) pairs in increasing time, "
        f"times in (0, {MAX_DURATION:g}], ratios 0-1"
    )
    v.check(obj, attribute.name, value, ok, allowed)


def _at_timeout(timeout: Any) -> Distribution:
    """The default unanswered time: the timeout (a bad one is refused by name)."""
    try:
        return Fixed(timeout)
    except ValidationError:
        return Fixed(0.0)  # no_answer_timeout's own validator refuses it next


@attrs.frozen(kw_only=True)
class Scenario:
    """The simulated team and audience.

    Attributes:
        agents: Agents logged in for the whole run (1 to :data:`MAX_SIM_AGENTS`).
        hit_ratio: Probability that a launched call is answered by a live party
            (until the first of ``hit_ratio_changes``).
        handle_time: Seconds an agent talks per connected call.
        wrap_up: Seconds of after-call work added to each talk (none by default).
        answer_time: Seconds from launch to a live answer.
        no_answer_timeout: Seconds after which the dialer gives up on a call:
            answer and unanswered times above it are cut to it.
        unanswered_time: Seconds until an attempt that no live party answers
            resolves (busy, no answer, machine); by default the timeout.
        abandon_after: Seconds an answered call waits for an agent before it is
            abandoned (2 under US rules; 0 is the strict variant).
        duration: Simulated seconds (> 0, at most :data:`MAX_DURATION`).
        pacing_interval: Seconds between two pacing decisions (from
            :data:`MIN_PACING_INTERVAL` to an hour).
        pace_after_events: Also decide after every event (an answer, a call
            resolving, an agent freeing up, an abandon), as a Markov-chain policy
            assumes.
        hit_ratio_changes: ``(second, hit ratio)`` pairs, in increasing time: from
            that second of the run attempts are answered with that ratio.
        window: Seconds of the regulatory window whose answers and abandons the
            snapshots carry (60 s to 30 days; 30 days, the US rule, by default).
        lines: Calls that may be dialing or waiting for an agent at once
            (snapshots carry what is free as ``channels_free``); by default
            :data:`LINES_PER_AGENT` per agent.
    """

    agents: int = attrs.field(validator=v.integer(1, MAX_SIM_AGENTS))
    hit_ratio: float = attrs.field(validator=v.number(0.0, 1.0))
    handle_time: Distribution = attrs.field(
        default=Exponential(180.0), validator=_distribution
    )
    wrap_up: Distribution = attrs.field(default=Fixed(0.0), validator=_distribution)
    answer_time: Distribution = attrs.field(
        default=Exponential(10.0), validator=_distribution
    )
    no_answer_timeout: float = attrs.field(default=25.0, validator=_POSITIVE)
    unanswered_time: Distribution = attrs.field(
        default=attrs.Factory(
            lambda s: _at_timeout(s.no_answer_timeout), takes_self=True
        ),
        validator=_distribution,
    )
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

    def __attrs_post_init__(self) -> None:
        bound = self.max_attempts
        v.check(
            self,
            "duration",
            self.duration,
            bound <= MAX_SIM_ATTEMPTS,
            f"a run of at most {MAX_SIM_ATTEMPTS:,} attempts by Little's law "
            f"(lines x duration / mean attempt; this one {bound:.3g}): "
            "fewer lines, a shorter run or longer attempts",
        )

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
        """The Markov scenario: exponential times, no grace, pace after each event.

        Every attempt resolves after Exp(``resolve``) seconds, answered live with
        probability ``hit_ratio``; talk is Exp(``talk``); an answer that finds no
        free agent is abandoned at once. Decisions come every second and after
        every event. ``other`` sets any other field.
        """
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
        """An upper bound on the attempts a run can make, whatever the policy.

        By Little's law, ``lines`` calls out at most, each on the line for ``s``
        seconds on average (the capped mean answer and unanswered times weighted
        by the lowest-cost hit ratio of the run), give ``lines * duration / s``;
        deciding only on ticks, a run also launches at most ``lines`` per tick.
        """
        cap = self.no_answer_timeout
        answer = self.answer_time.capped_mean(cap)
        unanswered = self.unanswered_time.capped_mean(cap)
        ratios = (self.hit_ratio, *(ratio for _, ratio in self.hit_ratio_changes))
        shortest = min(h * answer + (1.0 - h) * unanswered for h in ratios)
        bound = math.inf if shortest <= 0.0 else self.duration / shortest
        if not self.pace_after_events:
            bound = min(bound, self.duration / self.pacing_interval + 1.0)
        return self.lines * (bound + 1.0)


@attrs.frozen(kw_only=True)
class Minute:
    """What happened in one simulated minute.

    Attributes:
        minute: The minute's index from the start (0-based).
        dialed: Calls launched.
        answered: Live answers.
        abandoned: Answered calls abandoned.
        busy_factor: Agent busy time / agent time in the minute.
    """

    minute: int
    dialed: int
    answered: int
    abandoned: int
    busy_factor: float


_SUMMARY_POLICY = 120  # characters of the policy's repr in a one-line summary


@attrs.frozen(kw_only=True, repr=False)
class SimResult:
    """The figures of one simulated run, with the policy, scenario and seed.

    Attributes:
        policy: The policy that paced the run.
        scenario: The scenario it ran.
        seed: The seed.
        busy_factor: Agent busy time / agent logged-in time.
        overdial_rate: Abandoned / live answers (None without answers): the
            figure regulators cap, as :class:`~campaignkit.stats.GroupStats` names it.
        mean_agent_wait: Mean idle seconds of an agent per connected call
            (None if no call connected).
        calls_dialed: Calls launched.
        calls_answered: Live answers.
        calls_abandoned: Answered calls abandoned.
        counters: The run as :class:`~campaignkit.stats.GroupCounters`.
        minutes: The per-minute series (see :meth:`rows`).
    """

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
        policy = repr(self.policy)
        if len(policy) > _SUMMARY_POLICY:
            policy = policy[: _SUMMARY_POLICY - 3] + "..."
        rate = self.overdial_rate
        return (
            f"<SimResult {policy}, {self.scenario.agents} agents, "
            f"hit ratio {self.scenario.hit_ratio:g}, "
            f"{self.scenario.duration / 3600:g} h, seed {self.seed}: "
            f"busy factor {self.busy_factor:.3f}, overdial rate "
            f"{'n/a' if rate is None else f'{rate:.2%}'}, "
            f"{self.calls_dialed} dialed, {self.calls_answered} answered, "
            f"{self.calls_abandoned} abandoned>"
        )

    def _repr_html_(self) -> str:
        return html_table(
            "SimResult",
            [
                ("policy", repr(self.policy)),
                ("agents", self.scenario.agents),
                ("hit ratio", self.scenario.hit_ratio),
                ("hours", f"{self.scenario.duration / 3600:g}"),
                ("seed", self.seed),
                *((k, value) for k, value in self.row().items() if k in _FIGURES),
            ],
        )

    def row(self) -> dict[str, Any]:
        """The run as one flat row: policy, scenario, seed and every figure.

        The policy is its ``repr``; the scenario gives its team, hit ratio and
        length. A list of rows is a ``pandas.DataFrame`` or a CSV file.
        """
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
        """The per-minute series as flat rows, one column per figure.

        >>> from campaignkit.pacing import Progressive
        >>> r = simulate(Progressive(), Scenario(agents=2, hit_ratio=0.5,
        ...              duration=120), seed=0)
        >>> list(r.rows()[0])
        ['minute', 'dialed', 'answered', 'abandoned', 'busy_factor']
        """
        return [attrs.asdict(m) for m in self.minutes]


_FIGURES = frozenset(
    ("busy_factor", "overdial_rate", "mean_agent_wait", "dialed", "answered")
) | {"abandoned"}


def _stream(seed: int, name: str) -> random.Random:
    """One of a run's independent streams (string seeds hash the same everywhere)."""
    return random.Random(f"campaignkit.sim:{seed}:{name}")


def _seconds(seconds: float) -> dt.timedelta:
    return dt.timedelta(seconds=seconds)


_TICK, _RESOLVE, _FREE, _GIVE_UP = 0, 1, 2, 3

_BY_COUNTS = (Preview, Progressive, Power, ServiceLevel)
"""Policies whose decision reads only the snapshot's counts, all fixed in a run by
(ready, dialing, waiting): a run remembers their decisions by those three numbers.
"""
_REMEMBERED = 100_000  # decisions remembered at most; beyond, the memory restarts


def simulate(  # noqa: PLR0915
    policy: Policy, scenario: Scenario, *, seed: int
) -> SimResult:
    """Run one scenario under one policy; the same seed gives the same result.

    Args:
        policy: Any policy :func:`~campaignkit.pacing.pace` accepts.
        scenario: The team, audience and run length.
        seed: Seeds the run's own streams; the global generator is never touched.
    """
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
    prior = Estimate()
    smoothing, warmup = prior.smoothing, prior.warmup
    est_hit, est_answer, est_handle = (
        0.0,
        prior.mean_answer_time,
        prior.mean_handle_time,
    )
    attempts = answers = handles = 0
    bucket = min(60.0, sc.window)
    ledger = AbandonmentLedger(window=_seconds(sc.window), bucket=_seconds(bucket))
    n_minutes = math.ceil(duration / 60.0)
    last_minute = n_minutes - 1
    dialed = [0] * n_minutes
    answered = [0] * n_minutes
    abandoned = [0] * n_minutes
    busy = [0.0] * n_minutes
    total_dialed = total_answered = total_abandoned = connected = 0
    events: list[Any] = [(0.0, 0, _TICK, 0.0, 0.0)]
    push, pop = heapq.heappush, heapq.heappop
    seq = 1
    ready, dialing = agents, 0
    waiting: dict[int, float] = {}  # call -> handle seconds, oldest first
    by_counts = type(policy) in _BY_COUNTS
    decided: dict[tuple[Any, ...], int] = {}  # pace is pure: same input, same calls

    def connect(now: float, handle: float) -> None:
        nonlocal ready, connected, seq, est_handle, handles, ledger
        ready -= 1
        connected += 1
        push(events, (now + handle, seq, _FREE, 0.0, 0.0))
        seq += 1
        weight = smoothing if handles * smoothing >= 1.0 else 1.0 / (handles + 1)
        est_handle = (1.0 - weight) * est_handle + weight * max(handle, _MIN_SECONDS)
        handles += 1
        ledger = ledger._add(int(now // bucket), 1, 0)
        start, end = now, min(now + handle, duration)
        while start < end:
            m = min(int(start // 60.0), last_minute)
            stop = min(end, (m + 1) * 60.0)
            busy[m] += stop - start
            start = stop

    def abandon(now: float) -> None:
        nonlocal total_abandoned, ledger
        total_abandoned += 1
        abandoned[min(int(now // 60.0), last_minute)] += 1
        ledger = ledger._add(int(now // bucket), 1, 1)

    while True:  # the pacing tick always re-arms itself
        now, call, kind, after, handle = pop(events)
        if now >= duration:
            break
        if kind == _TICK:
            push(events, (now + interval, seq, _TICK, 0.0, 0.0))
            seq += 1
        elif kind == _RESOLVE:
            dialing -= 1
            live = after >= 0.0
            weight = smoothing if attempts * smoothing >= 1.0 else 1.0 / (attempts + 1)
            est_hit = (1.0 - weight) * est_hit + (weight if live else 0.0)
            attempts += 1
            if live:
                weight = (
                    smoothing if answers * smoothing >= 1.0 else 1.0 / (answers + 1)
                )
                est_answer = (1.0 - weight) * est_answer + weight * max(
                    after, _MIN_SECONDS
                )
                answers += 1
                total_answered += 1
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
            push(events, (now + after, seq, _RESOLVE, after if live else -1.0, handle))
            seq += 1
        dialing += calls
        total_dialed += calls
        dialed[min(int(now // 60.0), last_minute)] += calls

    logged = agents * duration
    total_busy = sum(busy)
    counters = GroupCounters(
        dialed=total_dialed,
        answered=total_answered,
        abandoned=total_abandoned,
        agent_busy_seconds=total_busy,
        agent_logged_seconds=logged,
        window_seconds=duration,
    )
    stats = group_stats(counters)
    minutes = tuple(
        Minute(
            minute=m,
            dialed=dialed[m],
            answered=answered[m],
            abandoned=abandoned[m],
            busy_factor=busy[m] / (agents * (min(duration, (m + 1) * 60.0) - m * 60.0)),
        )
        for m in range(n_minutes)
    )
    return SimResult(
        policy=policy,
        scenario=sc,
        seed=seed,
        busy_factor=stats.busy_factor or 0.0,
        overdial_rate=stats.overdial_rate,
        mean_agent_wait=(logged - total_busy) / connected if connected else None,
        calls_dialed=total_dialed,
        calls_answered=total_answered,
        calls_abandoned=total_abandoned,
        counters=counters,
        minutes=minutes,
    )


def _row(
    policy_label: str, scenario_label: str, job: tuple[Any, ...]
) -> dict[str, Any]:
    policy, scenario, seed = job
    return {
        "policy_label": policy_label,
        "scenario_label": scenario_label,
        **simulate(policy, scenario, seed=seed).row(),
    }


def _labelled(items: Mapping[str, Any] | Iterable[Any]) -> list[tuple[str, Any]]:
    if isinstance(items, Mapping):
        return list(items.items())
    return [(repr(item), item) for item in items]


def sweep(
    policies: Mapping[str, Policy] | Iterable[Policy],
    scenarios: Mapping[str, Scenario] | Iterable[Scenario],
    seeds: Iterable[int],
    *,
    executor: cf.Executor | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> list[dict[str, Any]]:
    """Run every policy on every scenario and seed; one flat row per run.

    Rows come in grid order (scenario, then policy, then seed) whoever ran them,
    and each is :meth:`SimResult.row` plus ``policy_label`` and
    ``scenario_label`` (the mapping's keys, or each value's ``repr``), so
    ``pandas.DataFrame(rows)`` or :class:`csv.DictWriter` take them as they are.

    Args:
        policies: The policies, or a mapping of labels to policies.
        scenarios: The scenarios, or a mapping of labels to scenarios.
        seeds: The seeds each pair runs with.
        executor: Any :class:`concurrent.futures.Executor` to run on (a process
            pool, a cluster's executor); None runs here, one after another.
        progress: Called with ``(done, total)`` after each run (and ``(0,
            total)`` first), to draw a progress bar.

    >>> from campaignkit.pacing import Progressive
    >>> rows = sweep({"x1": Progressive()},
    ...              {"tiny": Scenario(agents=2, hit_ratio=0.5, duration=60)}, [0, 1])
    >>> [(r["policy_label"], r["scenario_label"], r["seed"]) for r in rows]
    [('x1', 'tiny', 0), ('x1', 'tiny', 1)]
    """
    seed_list = list(seeds)
    jobs = [
        (p_label, s_label, (policy, scenario, seed))
        for s_label, scenario in _labelled(scenarios)
        for p_label, policy in _labelled(policies)
        for seed in seed_list
    ]
    total = len(jobs)
    if progress is not None:
        progress(0, total)
    rows: list[dict[str, Any]] = []
    if executor is None:
        for done, job in enumerate(jobs, start=1):
            rows.append(_row(*job))
            if progress is not None:
                progress(done, total)
        return rows
    futures = {executor.submit(_row, *job): i for i, job in enumerate(jobs)}
    results: list[dict[str, Any] | None] = [None] * total
    for done, future in enumerate(cf.as_completed(futures), start=1):
        results[futures[future]] = future.result()
        if progress is not None:
            progress(done, total)
    return [r for r in results if r is not None]
