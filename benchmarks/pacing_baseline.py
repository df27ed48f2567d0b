"""The previous Predictive (campaignkit 0.x), kept verbatim as the benchmarks' baseline.

The binomial one-horizon model of campaignkit 0.x: each decision caps its own
expected abandon ratio (window included) at the goal. Only the overdial method is
kept; ``baseline_calls(snapshot, goal)`` is its count before clamping.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from campaignkit.pacing import MAX_PREDICTIVE_CALLS, PacingSnapshot

_TINY = 1e-15  # busy-agent freeing probabilities below this are dropped
_NEGLIGIBLE = 1e-18  # binomial terms below this (under half an ulp of the cdf
# past the mode, so the sums do not change) are dropped
_HORIZON = 2.0  # answer horizon, in mean answer times
_FEASIBLE = 1e-12  # an expected excess this small counts as within the goal
_LOOP = 256  # past the binomial's mass, add the constant cdf step by step this far
_FROM_ZERO = 128  # binomials with their mode up to here are built up from P(X = 0)


def _binomial_terms(trials: int, p: float, stop: int) -> tuple[int, list[float]]:
    """``(first, terms)``: P(X = first + i) for X ~ Binomial(trials, p), j < stop.

    Only the terms that matter are made: the walk stops past the mode once a term
    is negligible, so the work is about the spread of X, not the count. Small
    binomials (mode up to 128, P(X = 0) representable) come from the product
    recurrence from 0, the exact sums small teams have always had; larger ones
    start at the mode (``lgamma``) and walk both ways.
    """
    if stop <= 0:
        return 0, []
    if p <= 0.0 or trials == 0:
        return 0, [1.0]
    if p >= 1.0:
        return (trials, [1.0]) if trials < stop else (stop, [])
    log_q = math.log1p(-p)
    odds = p / (1.0 - p)
    mode = min(int((trials + 1) * p), trials)
    last = min(stop, trials + 1)
    log_pj = trials * log_q
    if log_pj > -700.0 and mode <= _FROM_ZERO:
        terms: list[float] = []
        pj = math.exp(log_pj)
        for j in range(last):
            terms.append(pj)
            if j >= mode and pj < _NEGLIGIBLE:
                break
            pj *= (trials - j) / (j + 1) * odds
        return 0, terms
    centre = min(mode, last - 1)
    log_centre = (
        math.lgamma(trials + 1)
        - math.lgamma(centre + 1)
        - math.lgamma(trials - centre + 1)
        + centre * math.log(p)
        + (trials - centre) * log_q
    )
    if log_centre < -745.0:
        return last, []  # no mass below stop worth a float
    below: list[float] = []
    pj = math.exp(log_centre)
    j = centre
    while True:  # ends by j = 0 at the latest, where the next term is 0
        pj *= j / ((trials - j + 1) * odds)
        if pj < _NEGLIGIBLE:
            break
        j -= 1
        below.append(pj)
    first = centre - len(below)
    below.reverse()
    terms = [*below, math.exp(log_centre)]
    pj = terms[-1]
    for j in range(centre, last - 1):
        pj *= (trials - j) / (j + 1) * odds
        if pj < _NEGLIGIBLE:
            break
        terms.append(pj)
    return first, terms


def _shortfalls(first: int, terms: list[float], low: int, high: int) -> list[float]:
    """``E[(k - X)+]`` for k in ``low..high``, from the terms of X's distribution.

    ``E[(k - X)+]`` is the sum of ``P(X <= i)`` for ``i < k``: 0 up to ``first``
    (no mass below it), then a running sum, then growing by the final cdf per step.
    """
    out: list[float] = []
    short = cdf = 0.0
    k = first
    if low <= k:
        out.extend([0.0] * (min(high, k) - low + 1))
    for term in terms:
        if k >= high:
            return out
        cdf += term
        short += cdf
        k += 1
        if k >= low:
            out.append(short)
    if k < high:
        start = max(k + 1, low)
        if high - k <= _LOOP:  # the exact sums small teams have always used
            for j in range(k + 1, high + 1):
                short += cdf
                if j >= start:
                    out.append(short)
        else:
            out.extend(short + (j - k) * cdf for j in range(start, high + 1))
    return out


class _Model:
    """The binomial model of one snapshot, evaluated for ``n`` new calls."""

    __slots__ = ("dialing", "freeing", "high", "low", "offset", "p", "upto")

    def __init__(self, s: PacingSnapshot) -> None:
        self.dialing = s.calls_dialing
        self.p = s.hit_ratio
        horizon = _HORIZON * s.mean_answer_time
        q = -math.expm1(-horizon / s.mean_handle_time)
        first, pmf = _binomial_terms(s.agents_busy, q, s.agents_busy + 1)
        # busy agents freeing within the horizon; negligible tails dropped
        self.freeing = [(first + i, w) for i, w in enumerate(pmf) if w > _TINY]
        self.offset = s.agents_ready - s.calls_waiting
        self.upto = max(0, self.offset + s.agents_busy + 1)
        ks = [self.offset + y for y, _ in self.freeing]
        self.low, self.high = max(1, min(ks)), max(ks)

    def abandons_and_idle(self, n: int) -> tuple[float, float]:
        """Expected abandons and idle agents at the horizon with ``n`` new calls."""
        trials = self.dialing + n
        mean = trials * self.p
        first, pmf = _binomial_terms(trials, self.p, self.upto)
        low = self.low
        shortfall = _shortfalls(first, pmf, low, self.high)
        abandons = idle = 0.0
        for y, weight in self.freeing:
            k = self.offset + y  # agents free net of waiting calls
            if k <= 0:
                abandons += weight * (mean - k)
            else:
                short = shortfall[k - low]
                idle += weight * short
                abandons += weight * (mean - k + short)
        return max(0.0, abandons), max(0.0, idle)


def _first_true(ok: Callable[[int], bool], low: int, high: int) -> int | None:
    """The smallest n in ``low..high`` with ``ok(n)``, or None when there is none.

    ``ok`` must be false then true over the range. It gallops up from ``low``
    (steps 1, 2, 4...) and then bisects: the answer is usually a few counts above
    ``low``, so this asks few questions there and O(log) anywhere.
    """
    probe, step = low, 1
    while not ok(probe):
        if probe >= high:
            return None
        low = probe + 1
        probe = min(high, probe + step)
        step *= 2
    while low < probe:
        mid = (low + probe) // 2
        if ok(mid):
            probe = mid
        else:
            low = mid + 1
    return probe


def baseline_calls(s: PacingSnapshot, goal: float = 3.0) -> int:
    """Today's ``Predictive(OVERDIAL_RATE, goal)`` count for a snapshot."""
    floor = max(0, s.agents_ready - s.calls_dialing - s.calls_waiting)
    agents = s.agents_ready + s.agents_busy
    if s.hit_ratio < 0.001:
        return floor
    if agents == 0:
        return 0
    model = _Model(s)
    ceiling = goal / 100.0
    most = min(math.floor(agents / s.hit_ratio) - s.calls_dialing, MAX_PREDICTIVE_CALLS)
    top = max(floor, most)
    cut = top
    cache: dict[int, tuple[float, float]] = {}

    def evaluate(n: int) -> tuple[float, float]:
        if n not in cache:
            cache[n] = model.abandons_and_idle(n)
        return cache[n]

    def excess(n: int) -> float:
        abandons = evaluate(n)[0]
        answers = (s.calls_dialing + n) * s.hit_ratio
        return max(
            s.abandoned + abandons - ceiling * (s.answered + answers),
            abandons - ceiling * answers,
        )

    def rising(n: int) -> bool:
        return excess(n + 1) >= excess(n)

    def within(n: int) -> bool:
        return excess(n) <= _FEASIBLE

    start: int | None = floor
    if not within(floor):
        start = _first_true(rising, floor, max(floor, cut - 1))
        start = top if start is None else start
        if not within(start):
            start = None
    if start is None:
        return floor
    if start >= cut:
        return start
    beyond = _first_true(lambda n: not within(n), start + 1, cut)
    return cut if beyond is None else beyond - 1
