"""The abandonment-risk model behind :class:`~campaignkit.pacing.Predictive`.

The transient analysis of the busy agents and the calls in flight over a new call's
answer time, and the price the regulatory window sets (``docs/pacing.md``).
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from campaignkit.pacing import PacingSnapshot

# the mid-quantiles of an exponential answer time, in means: where the model looks
NODES = tuple(-math.log1p(-(i + 0.5) / 8) for i in range(8))
_NEGLIGIBLE = 1e-12  # binomial terms below this are dropped
_EXACT_AGENTS = 10  # teams up to this size get exact sums; larger ones the normal
_HORIZON = 600.0  # seconds of the team's budget per price unit, and the margin's
_MIN_UNIT = 2.0  # the smallest price unit, in abandons (one moves it by e**-0.5)
_SAFETY = 2.0  # the margin, in standard deviations of the abandons to come
_PRICE = 0.5  # the marginal abandon risk allowed at the margin, in goals
_MAX_RISK = 0.5  # never launch a call more likely to abandon than to connect
_MAX_LIFT = 3.0  # a surplus lifts the price by e**3 (about 10 goals) at most


def binomial(trials: int, p: float) -> tuple[int, list[float]]:
    """``(first, pmf)`` of Binomial(trials, p), walked from the mode, tails dropped."""
    if p <= 0.0 or trials == 0:
        return 0, [1.0]
    if p >= 1.0:
        return trials, [1.0]
    odds = p / (1.0 - p)
    mode = min(int((trials + 1) * p), trials)
    top = math.exp(
        math.lgamma(trials + 1)
        - math.lgamma(mode + 1)
        - math.lgamma(trials - mode + 1)
        + mode * math.log(p)
        + (trials - mode) * math.log1p(-p)
    )
    below: list[float] = []
    term, j = top, mode
    while j > 0:
        term *= j / ((trials - j + 1) * odds)
        if term < _NEGLIGIBLE:
            break
        below.append(term)
        j -= 1
    above: list[float] = []
    term, j = top, mode
    while j < trials:
        term *= (trials - j) / (j + 1) * odds
        if term < _NEGLIGIBLE:
            break
        above.append(term)
        j += 1
    return mode - len(below), [*reversed(below), top, *above]


def normal_tail(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2.0))


class Model:
    """The risk that a new call's live answer finds no agent (``docs/pacing.md``)."""

    __slots__ = ("busy", "exact", "free", "frees", "nodes")

    def __init__(self, s: PacingSnapshot) -> None:
        self.busy = s.agents_busy
        self.free = s.agents_ready - s.calls_waiting
        self.exact = s.agents_ready + s.agents_busy <= _EXACT_AGENTS
        ratio = s.mean_answer_time / s.mean_handle_time
        # (P(live before T), P(freed by T)) at each node
        self.nodes = [
            (s.hit_ratio * -math.expm1(-x), -math.expm1(-x * ratio)) for x in NODES
        ]
        self.frees = [binomial(self.busy, pf) for _, pf in self.nodes]

    def _tail(self, others: int, node: int) -> float:
        """P(A - F >= free): A ~ Bin(others, pa) answers, F ~ Bin(busy, pf) frees."""
        k = self.free
        pa, pf = self.nodes[node]
        if not self.exact:
            mean = others * pa - self.busy * pf
            var = others * pa * (1.0 - pa) + self.busy * pf * (1.0 - pf)
            if var <= 0.0:
                return 1.0 if mean >= k else 0.0
            return normal_tail((k - 0.5 - mean) / math.sqrt(var))
        a_first, a_pmf = binomial(others, pa)
        f_first, f_pmf = self.frees[node]
        # survival[i] = P(A >= a_first + i); F = f_first + j needs survival[at + j]
        survival = list(itertools.accumulate(reversed(a_pmf)))[::-1]
        at = k + f_first - a_first
        below = min(len(f_pmf), max(0, -at))  # these j need no answer at all
        end = min(len(f_pmf), len(survival) - at)
        total = sum(f_pmf[:below]) * survival[0]
        if end > below:
            total += sum(map(operator.mul, f_pmf[below:end], survival[at + below :]))
        return min(total, 1.0)

    def risk(self, others: int) -> float:
        """P(no agent free) for a live answer with ``others`` calls ahead of it."""
        return sum(self._tail(others, i) for i in range(len(NODES))) / len(NODES)


def _budget(s: PacingSnapshot, alpha: float) -> tuple[float, float]:
    """``(spare, unit)``: the window's unspent abandons above the margin, the unit."""
    # abandons the goal allows a full team over the horizon; the count to come
    # has a Poisson variance and a rate uncertain by its own size
    expected = alpha * (s.agents_ready + s.agents_busy) * _HORIZON / s.mean_handle_time
    margin = _SAFETY * math.sqrt(expected + expected * expected)
    return alpha * s.answered - s.abandoned - margin, max(_MIN_UNIT, expected)


def allowed_risk(s: PacingSnapshot, alpha: float) -> float:
    """The marginal abandon risk the window's unspent budget allows now."""
    spare, unit = _budget(s, alpha)
    exponent = min(spare / unit, _MAX_LIFT)
    return min(_MAX_RISK, _PRICE * alpha * math.exp(exponent))


def within_budget(
    model: Model, s: PacingSnapshot, alpha: float, count: int, top: int
) -> int:
    """``count``, or more while a lone agent's budget survives each call abandoning.

    A lone agent's calls past the first are all lumpy, far above the price, so the
    price's climb would spend the budget before any is launched: instead each is
    launched when a surplus could price it in and the spare budget holds one whole
    abandon per such call plus the expected abandons of every call in flight.
    """
    spare = _budget(s, alpha)[0]
    if s.agents_ready + s.agents_busy != 1 or spare <= 1.0:
        return count
    most = min(_MAX_RISK, _PRICE * alpha * math.exp(_MAX_LIFT))
    committed, extra = 0.0, 0
    for others in range(s.calls_dialing + count):
        committed += model.risk(others)
        if committed + 1.0 > spare:
            return count
    while count + extra < top:
        r = model.risk(s.calls_dialing + count + extra)
        if r > most or committed + r + extra + 1.0 > spare:
            break
        committed += r
        extra += 1
    return count + extra


def last_within(
    model: Model, s: PacingSnapshot, risk: float, floor: int, top: int
) -> int:
    """The most new calls from ``floor`` to ``top`` whose last is within ``risk``."""

    def over(n: int) -> bool:  # the n-th new call has dialing + n - 1 ahead of it
        return model.risk(s.calls_dialing + n - 1) > risk

    first = first_true(over, floor + 1, top)
    return top if first is None else first - 1


def first_true(ok: Callable[[int], bool], low: int, high: int) -> int | None:
    """The smallest n in ``low..high`` with ``ok(n)`` (false, then true), or None.

    It gallops up from ``low`` and then bisects: the answer is usually near ``low``.
    """
    if low > high:
        return None
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


def expected_idle(s: PacingSnapshot, n: int) -> float:
    """Idle agents two mean answer times ahead with ``n`` new calls (normal)."""
    pa = s.hit_ratio
    pf = -math.expm1(-2.0 * s.mean_answer_time / s.mean_handle_time)
    trials = s.calls_dialing + n
    mean = s.agents_ready - s.calls_waiting + s.agents_busy * pf - trials * pa
    var = trials * pa * (1.0 - pa) + s.agents_busy * pf * (1.0 - pf)
    if var <= 0.0:
        return max(mean, 0.0)
    sd = math.sqrt(var)
    z = mean / sd
    density = math.exp(-z * z / 2.0) / math.sqrt(2.0 * math.pi)
    return sd * (z * (1.0 - normal_tail(z)) + density)
