"""A seeded discrete-event simulator of one campaign group, to compare policies.

Agents take answered calls; a pacing policy launches calls every pacing interval
from a :class:`~campaignkit.pacing.PacingSnapshot` of the simulated counts, with
the hit ratio and times estimated from what has been observed so far
(:func:`~campaignkit.pacing.update_estimate`), as a live dialer would. Each
launched call is answered by a live party with the scenario's hit ratio after an
answer time, or gives up at the no-answer timeout; an answered call that finds no
agent within ``abandon_after`` seconds is abandoned. Every random draw comes from
one ``random.Random(seed)``, so a seed always gives the same run.

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

import heapq
import math
import random
from typing import Any

import attrs

from campaignkit import _validate as v
from campaignkit.pacing import (
    Estimate,
    Observation,
    PacingSnapshot,
    Policy,
    pace,
    update_estimate,
)
from campaignkit.stats import GroupCounters, group_stats

__all__ = [
    "MAX_DURATION",
    "MAX_SIM_AGENTS",
    "MIN_PACING_INTERVAL",
    "Distribution",
    "Exponential",
    "Fixed",
    "Minute",
    "Scenario",
    "SimResult",
    "Uniform",
    "simulate",
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

_POSITIVE = v.number(0.0, MAX_DURATION, above=True)
_MIN_SECONDS = 1e-9  # an observed time is at least this, as a host would measure


@attrs.frozen
class Exponential:
    """Exponentially distributed seconds: memoryless, the textbook handle time.

    Attributes:
        mean: The mean in seconds (> 0, at most :data:`MAX_DURATION`).
    """

    mean: float = attrs.field(validator=_POSITIVE)

    def sample(self, rng: random.Random) -> float:
        """Draw one value."""
        return rng.expovariate(1.0 / self.mean)


@attrs.frozen
class Fixed:
    """Always the same number of seconds: a deterministic baseline.

    Attributes:
        value: The seconds (> 0, at most :data:`MAX_DURATION`).
    """

    value: float = attrs.field(validator=_POSITIVE)

    @property
    def mean(self) -> float:
        """The mean, which is the value."""
        return self.value

    def sample(self, rng: random.Random) -> float:
        """Return the value (``rng`` is unused; kept for one calling convention)."""
        return self.value


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

    def sample(self, rng: random.Random) -> float:
        """Draw one value."""
        return rng.uniform(self.low, self.high)


Distribution = Exponential | Fixed | Uniform
"""A distribution of seconds the simulator can draw from."""


def _distribution(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    ok = isinstance(value, Exponential | Fixed | Uniform)
    v.check(obj, attribute.name, value, ok, "an Exponential, Fixed or Uniform")


@attrs.frozen(kw_only=True)
class Scenario:
    """The simulated team and audience.

    Attributes:
        agents: Agents logged in for the whole run (1 to :data:`MAX_SIM_AGENTS`).
        hit_ratio: Probability that a launched call is answered by a live party.
        handle_time: Seconds of talk plus wrap-up per connected call.
        answer_time: Seconds from launch to a live answer; a draw above the
            no-answer timeout is answered at the timeout.
        no_answer_timeout: Seconds after which an unanswered call gives up.
        abandon_after: Seconds an answered call waits for an agent before it is
            abandoned (2 under US rules; 0 is the strict variant).
        duration: Simulated seconds (> 0, at most :data:`MAX_DURATION`).
        pacing_interval: Seconds between two pacing decisions (from
            :data:`MIN_PACING_INTERVAL` to an hour).
    """

    agents: int = attrs.field(validator=v.integer(1, MAX_SIM_AGENTS))
    hit_ratio: float = attrs.field(validator=v.number(0.0, 1.0))
    handle_time: Distribution = attrs.field(
        default=Exponential(180.0), validator=_distribution
    )
    answer_time: Distribution = attrs.field(
        default=Exponential(10.0), validator=_distribution
    )
    no_answer_timeout: float = attrs.field(default=25.0, validator=_POSITIVE)
    abandon_after: float = attrs.field(
        default=2.0, validator=v.number(0.0, MAX_DURATION)
    )
    duration: float = attrs.field(default=3600.0, validator=_POSITIVE)
    pacing_interval: float = attrs.field(
        default=1.0, validator=v.number(MIN_PACING_INTERVAL, 3600.0)
    )


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


@attrs.frozen(kw_only=True)
class SimResult:
    """The figures of one simulated run.

    Attributes:
        busy_factor: Agent busy time / agent logged-in time.
        abandonment_rate: Abandoned / live answers (None without answers).
        mean_agent_wait: Mean idle seconds of an agent per connected call
            (None if no call connected).
        calls_dialed: Calls launched.
        calls_answered: Live answers.
        calls_abandoned: Answered calls abandoned.
        counters: The run as :class:`~campaignkit.stats.GroupCounters`.
        minutes: The per-minute series.
    """

    busy_factor: float
    abandonment_rate: float | None
    mean_agent_wait: float | None
    calls_dialed: int
    calls_answered: int
    calls_abandoned: int
    counters: GroupCounters
    minutes: tuple[Minute, ...]


_TICK, _RESOLVE, _FREE, _GIVE_UP = 0, 1, 2, 3


class _Run:
    """The mutable state of one run; private, driven only by :func:`simulate`."""

    def __init__(self, policy: Policy, scenario: Scenario, seed: int) -> None:
        self.policy = policy
        self.sc = scenario
        self.rng = random.Random(seed)
        self.events: list[tuple[float, int, int, int]] = []
        self.seq = 0
        self.ready = scenario.agents
        self.dialing = 0
        self.waiting: dict[int, float] = {}  # call id -> answer time, FIFO
        self.estimate = Estimate()
        self.minutes = math.ceil(scenario.duration / 60.0)
        self.dialed = [0] * self.minutes
        self.answered = [0] * self.minutes
        self.abandoned = [0] * self.minutes
        self.busy = [0.0] * self.minutes
        self.total_answered = self.total_abandoned = self.connected = 0
        self.live: dict[int, tuple[bool, float]] = {}  # call -> live, launched at
        self.changed = True
        self.quiet = False  # the last decision launched nothing

    def push(self, at: float, kind: int, item: int = 0) -> None:
        self.seq += 1
        heapq.heappush(self.events, (at, self.seq, kind, item))

    def minute(self, at: float) -> int:
        return min(int(at // 60.0), self.minutes - 1)

    def tick(self, now: float) -> None:
        self.push(now + self.sc.pacing_interval, _TICK)
        if self.quiet and not self.changed:
            return  # same snapshot as last time, and pace is pure: same answer
        e = self.estimate
        snapshot = PacingSnapshot(
            agents_ready=self.ready,
            agents_busy=self.sc.agents - self.ready,
            calls_dialing=self.dialing,
            calls_waiting=len(self.waiting),
            hit_ratio=e.hit_ratio if e.settled else 0.0,
            mean_handle_time=e.mean_handle_time,
            mean_answer_time=e.mean_answer_time,
            answered=self.total_answered,
            abandoned=self.total_abandoned,
        )
        calls = pace(snapshot, self.policy).calls
        self.changed, self.quiet = False, calls == 0
        sc, rng = self.sc, self.rng
        for _ in range(calls):
            call = self.seq + 1
            if rng.random() < sc.hit_ratio:
                after = min(sc.answer_time.sample(rng), sc.no_answer_timeout)
                self.live[call] = (True, now)
            else:
                after = sc.no_answer_timeout
                self.live[call] = (False, now)
            self.push(now + after, _RESOLVE, call)
        self.dialing += calls
        self.dialed[self.minute(now)] += calls

    def connect(self, now: float) -> None:
        self.ready -= 1
        self.connected += 1
        handle = self.sc.handle_time.sample(self.rng)
        self.push(now + handle, _FREE, 0)
        self.estimate = update_estimate(
            self.estimate, Observation(handle_time=max(handle, _MIN_SECONDS))
        )  # known at the end in life; the mean is what matters here
        start, end = now, min(now + handle, self.sc.duration)
        while start < end:
            minute = self.minute(start)
            stop = min(end, (minute + 1) * 60.0)
            self.busy[minute] += stop - start
            start = stop

    def resolve(self, now: float, call: int) -> None:
        self.dialing -= 1
        live, launched = self.live.pop(call)
        observation = (
            Observation(answered=True, answer_time=max(now - launched, _MIN_SECONDS))
            if live
            else Observation(answered=False)
        )
        self.estimate = update_estimate(self.estimate, observation)
        if not live:
            return
        self.total_answered += 1
        self.answered[self.minute(now)] += 1
        if self.ready:
            self.connect(now)
        elif self.sc.abandon_after == 0.0:
            self.abandon(now)
        else:
            self.waiting[call] = now
            self.push(now + self.sc.abandon_after, _GIVE_UP, call)

    def abandon(self, now: float) -> None:
        self.total_abandoned += 1
        self.abandoned[self.minute(now)] += 1

    def free(self, now: float) -> None:
        self.ready += 1
        if self.waiting:
            call = next(iter(self.waiting))
            del self.waiting[call]
            self.connect(now)

    def give_up(self, now: float, call: int) -> None:
        if self.waiting.pop(call, None) is not None:
            self.abandon(now)

    def run(self) -> SimResult:
        self.push(0.0, _TICK)
        duration = self.sc.duration
        while True:  # the pacing tick always re-arms itself
            now, _, kind, item = heapq.heappop(self.events)
            if now >= duration:
                break
            if kind == _TICK:
                self.tick(now)
                continue
            self.changed = True
            if kind == _RESOLVE:
                self.resolve(now, item)
            elif kind == _FREE:
                self.free(now)
            else:
                self.give_up(now, item)
        return self.result()

    def result(self) -> SimResult:
        sc = self.sc
        busy = sum(self.busy)
        logged = sc.agents * sc.duration
        counters = GroupCounters(
            dialed=sum(self.dialed),
            answered=self.total_answered,
            abandoned=self.total_abandoned,
            agent_busy_seconds=busy,
            agent_logged_seconds=logged,
            window_seconds=sc.duration,
        )
        stats = group_stats(counters)
        minutes = tuple(
            Minute(
                minute=m,
                dialed=self.dialed[m],
                answered=self.answered[m],
                abandoned=self.abandoned[m],
                busy_factor=self.busy[m]
                / (sc.agents * (min(sc.duration, (m + 1) * 60.0) - m * 60.0)),
            )
            for m in range(self.minutes)
        )
        return SimResult(
            busy_factor=stats.busy_factor or 0.0,
            abandonment_rate=stats.overdial_rate,
            mean_agent_wait=(logged - busy) / self.connected
            if self.connected
            else None,
            calls_dialed=counters.dialed,
            calls_answered=counters.answered,
            calls_abandoned=counters.abandoned,
            counters=counters,
            minutes=minutes,
        )


def simulate(policy: Policy, scenario: Scenario, *, seed: int) -> SimResult:
    """Run one scenario under one policy; the same seed gives the same result.

    Args:
        policy: Any policy :func:`~campaignkit.pacing.pace` accepts.
        scenario: The team, audience and run length.
        seed: Seeds the run's own ``random.Random``; the global generator is
            never touched.
    """
    v.check(
        "simulate", "scenario", scenario, isinstance(scenario, Scenario), "a Scenario"
    )
    v.check(
        "simulate",
        "seed",
        seed,
        isinstance(seed, int) and not isinstance(seed, bool),
        "an integer",
    )
    pace(PacingSnapshot(agents_ready=0), policy)  # refuses a bad policy up front
    return _Run(policy, scenario, seed).run()
