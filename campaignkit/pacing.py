"""How many calls to launch now: pacing policies as pure functions of a snapshot.

A dialer keeps agents busy by launching calls before agents are free, and must not
launch so many that answered people hear silence: regulators cap abandonment at
3 % of live-answered calls per campaign (US over 30 days, UK over 24 hours). A host
builds a :class:`PacingSnapshot` from its live counts, calls :func:`pace` with a
policy and launches ``decision.calls`` calls. Nothing here reads a clock or draws
a random number: the same snapshot and policy always give the same decision.

>>> snapshot = PacingSnapshot(agents_ready=4, calls_dialing=1)
>>> pace(snapshot, Progressive()).calls
3
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable
from typing import Any, Literal

import attrs

from campaignkit import _validate as v
from campaignkit.enums import DialFamily, OptimizeBy
from campaignkit.models import Campaign, CampaignGroup

__all__ = [
    "MAX_AGENTS",
    "MAX_COUNT",
    "MAX_PREDICTIVE_CALLS",
    "MAX_RATIO",
    "MAX_SERVICE_LEVEL",
    "MIN_HIT_RATIO",
    "Estimate",
    "LimitedBy",
    "Observation",
    "PacingDecision",
    "PacingSnapshot",
    "Policy",
    "Power",
    "Predictive",
    "Preview",
    "Progressive",
    "ServiceLevel",
    "pace",
    "parse_policy",  # noqa: F822 - from __getattr__: it lives beside the CLI
    "policy_for",
    "policy_for_campaign",
    "update_estimate",
]

LimitedBy = Literal["records", "channels"]
"""What cut a decision down: the records left to dial or the free channels."""


MAX_COUNT = 2**53
"""The largest count a snapshot or estimate takes (calls, answers, attempts).

Every integer up to it is exact as a float, so the model's arithmetic never
overflows or rounds a count; real windows hold far fewer calls.
"""

MAX_AGENTS = 100_000
"""The most agents a snapshot counts as ready, or as busy, in one group.

Far above any real campaign group; it bounds the work of :class:`Predictive`,
whose model grows with the square root of the team.
"""

MAX_RATIO = 1000.0
"""The largest :class:`Progressive` or :class:`Power` ratio: calls per agent."""

MIN_HIT_RATIO = 0.001
"""Below this hit ratio :class:`Predictive` paces as with no estimate.

Fewer than one live answer per thousand calls means the list has stopped answering
(an exhausted list, a broken trunk) rather than an audience to model: the model
would launch a thousand calls per agent and spend records to find one person.
"""

MAX_SERVICE_LEVEL = 100_000
"""The largest :class:`ServiceLevel` percent: :data:`MAX_RATIO` calls per agent."""

MAX_PREDICTIVE_CALLS = 100_000
"""The most calls :class:`Predictive` launches in one decision (unless its floor,
Progressive's count, is higher): a sane cap far above any dialer's free lines."""

_COUNT = v.integer(0, MAX_COUNT)
_AGENTS = v.integer(0, MAX_AGENTS)
_OPTIONAL_COUNT = v.optional(_COUNT)
_RATIO = v.number(0.0, 1.0)
_SECONDS = v.number(0.0, above=True)
_CALLS_PER_AGENT = v.number(0.0, MAX_RATIO, above=True)


def _abandoned_within_answered(
    obj: PacingSnapshot, attribute: attrs.Attribute[Any], value: int
) -> None:
    _COUNT(obj, attribute, value)
    v.check(
        obj, attribute.name, value, value <= obj.answered, "at most `answered` calls"
    )


@attrs.frozen(kw_only=True)
class PacingSnapshot:
    """The live counts a pacing decision is made from, at one instant.

    Counts are bounded so that no arithmetic on them can overflow: agents up to
    :data:`MAX_AGENTS` each, every other count up to :data:`MAX_COUNT`.

    Attributes:
        agents_ready: Agents logged in and waiting for a call.
        agents_busy: Agents on a call or in wrap-up.
        calls_dialing: Calls launched and not yet answered or failed.
        calls_waiting: Calls answered by a live party, waiting for an agent.
        hit_ratio: Live answers per call launched (0-1); 0 means "no estimate
            yet".
        mean_handle_time: Seconds an agent spends per call, talk plus wrap-up.
        mean_answer_time: Seconds from launch to a live answer.
        records_available: Records left to dial, or None for unlimited.
        channels_free: Lines free to launch on, or None for unlimited.
        answered: Live answers so far in the regulatory window.
        abandoned: Of those, calls abandoned (no agent in time) in the window.
    """

    agents_ready: int = attrs.field(validator=_AGENTS)
    agents_busy: int = attrs.field(default=0, validator=_AGENTS)
    calls_dialing: int = attrs.field(default=0, validator=_COUNT)
    calls_waiting: int = attrs.field(default=0, validator=_COUNT)
    hit_ratio: float = attrs.field(default=0.0, validator=_RATIO)
    mean_handle_time: float = attrs.field(default=180.0, validator=_SECONDS)
    mean_answer_time: float = attrs.field(default=10.0, validator=_SECONDS)
    records_available: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    channels_free: int | None = attrs.field(default=None, validator=_OPTIONAL_COUNT)
    answered: int = attrs.field(default=0, validator=_COUNT)
    abandoned: int = attrs.field(default=0, validator=_abandoned_within_answered)


def _limit(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.check(
        obj,
        attribute.name,
        value,
        value in ("records", "channels"),
        "'records', 'channels' or None",
    )


@attrs.frozen(kw_only=True)
class PacingDecision:
    """How many calls to launch now, and why.

    Attributes:
        calls: Calls to launch now (>= 0).
        limited_by: ``"records"`` or ``"channels"`` when that limit cut the
            policy's count down, else None.
        reason: One line saying how the count was reached, for logs.
    """

    calls: int = attrs.field(validator=_COUNT)
    limited_by: LimitedBy | None = attrs.field(
        default=None, validator=v.optional(_limit)
    )
    reason: str = attrs.field(default="", validator=v.text)


@attrs.frozen
class Preview:
    """Launch nothing: in preview modes the agent asks for each record.

    Rule: ``0``.
    """


@attrs.frozen
class Progressive:
    """One call per ready agent, times a ratio, net of calls already out.

    Rule: ``floor(agents_ready * ratio) - calls_dialing - calls_waiting``. With
    ratio 1 every answered call finds an agent, so it never abandons; it pays for
    that with agents idle while their call rings.

    Attributes:
        ratio: Calls per ready agent (> 0, at most :data:`MAX_RATIO`).
    """

    ratio: float = attrs.field(default=1.0, validator=_CALLS_PER_AGENT)


@attrs.frozen
class Power:
    """Lines per logged-in agent, as VICIdial's dial level.

    Rule: ``floor((agents_ready + agents_busy) * ratio) - calls_dialing -
    calls_waiting - agents_busy``: a busy agent's line counts as taken.

    Attributes:
        ratio: Lines per logged-in agent (> 0, at most :data:`MAX_RATIO`).
    """

    ratio: float = attrs.field(validator=_CALLS_PER_AGENT)


ServiceLevelRule = Literal["documented", "coded"]


def _rule(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.check(
        obj,
        attribute.name,
        value,
        value in ("documented", "coded"),
        "'documented' or 'coded'",
    )


@attrs.frozen
class ServiceLevel:
    """VoIPbin's service-level rule, as the count of calls it allows in a row now.

    VoIPbin documents "a new call when ``available_agents > dialing_calls *
    service_level / 100``" but codes ``floor(available_agents * service_level /
    100) > dialing_calls``; they agree only at 100. Counted as calls in a row:

    - documented: the smallest in-flight count ``d`` with ``agents_ready <= d *
      percent / 100``, minus ``calls_dialing``;
    - coded: ``floor(agents_ready * percent / 100) - calls_dialing``.

    0 % launches nothing (the vendor reads 0 as "no dialing"). Answered calls
    waiting for an agent are not counted, as in the vendor's rule.

    Attributes:
        percent: The campaign's ``service_level`` (0 to
            :data:`MAX_SERVICE_LEVEL`).
        rule: Which of the two forms to apply.
    """

    percent: int = attrs.field(validator=v.integer(0, MAX_SERVICE_LEVEL))
    rule: ServiceLevelRule = attrs.field(default="documented", validator=_rule)


_PERCENT_GOALS = frozenset({OptimizeBy.BUSY_FACTOR, OptimizeBy.OVERDIAL_RATE})


def _optimize_by(value: OptimizeBy | int | str) -> OptimizeBy:
    return OptimizeBy.parse(value)


def _goal(obj: Predictive, attribute: attrs.Attribute[Any], value: Any) -> None:
    maximum = 100.0 if obj.optimize_by in _PERCENT_GOALS else math.inf
    v.number(0.0, maximum)(obj, attribute, value)


@attrs.frozen
class Predictive:
    """A model of answers and freeing agents picks the count (predictive modes).

    Each new call is launched while its own risk of abandonment is within a
    price the regulatory window sets. The risk of the ``n``-th new call is the
    probability that, when it answers live, no agent is free: it answers after
    ``T ~ Exp(mean_answer_time)``; by then each of the ``calls_dialing + n - 1``
    calls ahead of it has answered live with ``hit_ratio * (1 - exp(-T /
    mean_answer_time))`` and each busy agent has freed with ``1 - exp(-T /
    mean_handle_time)`` (exponential times, independent calls); it finds no
    agent when those live answers reach ``agents_ready - calls_waiting`` plus
    the freed agents. The risk is averaged over eight equally likely answer
    times; it is exact for teams up to 10 agents and a normal approximation
    above. It rises with ``n``, so the count is the last ``n`` within the price.

    The price of an abandon (the Lagrange multiplier of the long-run cap) is
    set by integral control from the window: its unspent budget ``slack =
    goal/100 * answered - abandoned`` allows the risk ``0.5 * goal/100 *
    exp(min(slack / unit - 2, 3))``, at most 50 %, where ``unit`` is the budget
    a full team earns in ten minutes (at least two abandons). A window over
    budget lowers the allowed risk until it recovers; an empty window starts
    cautious; the two units held back are the margin that keeps each run under
    the goal; a surplus lifts the risk by ``e**3`` at most, so it is not spent
    in one burst. See ``docs/pacing.md``.

    - OVERDIAL_RATE: the largest count within the price for ``goal``, never below
      Progressive's count (those calls find a ready agent and cannot abandon);
    - NONE: the same with ``max_overdial`` as the goal;
    - MAXIMUM_GAIN: ``goal`` is what an abandon costs, in connected calls' value;
      a call is launched while its expected gain ``(1 - r) - goal * r`` (per live
      answer, ``r`` its risk) is not negative, i.e. ``r <= 1 / (1 + goal)``,
      and within ``max_overdial``'s price;
    - DISTRIBUTION_TIME (goal seconds): the mean seconds a live answer waits
      for an agent. A call that finds none waits for the next agent to free,
      ``mean_handle_time / agents`` on average, so a call is launched while
      ``r * mean_handle_time / agents <= goal`` and within ``max_overdial``'s
      price (with a 0 s grace the waiting call is abandoned instead, so the
      ceiling is what binds; the goal paces hosts that hold answered calls);
    - BUSY_FACTOR (goal percent) and WAIT_TIME (goal seconds): the fewest calls
      with expected busy factor ``>= goal`` or agent wait ``<= goal`` two mean
      answer times ahead (normal approximation), never above the OVERDIAL_RATE
      count for ``max_overdial``.

    The count is never so high that more live answers are expected than agents
    are logged in, nor above :data:`MAX_PREDICTIVE_CALLS` unless Progressive's
    count is. With no hit-ratio estimate yet (0), or a negligible one (below
    :data:`MIN_HIT_RATIO`), it is Progressive's count.

    Attributes:
        optimize_by: What to optimise; an :class:`~campaignkit.enums.OptimizeBy`
            member, its value or its name (``"overdial_rate"``).
        goal: Percent for OVERDIAL_RATE and BUSY_FACTOR (0-100); seconds for
            WAIT_TIME and DISTRIBUTION_TIME; an abandon's cost in connected
            calls for MAXIMUM_GAIN; ignored by NONE.
        max_overdial: The overdial ceiling in percent (0-100) that every method
            but OVERDIAL_RATE keeps, and NONE's goal.
    """

    optimize_by: OptimizeBy = attrs.field(converter=_optimize_by)
    goal: float = attrs.field(validator=_goal)
    max_overdial: float = attrs.field(default=3.0, validator=v.number(0.0, 100.0))


Policy = Preview | Progressive | Power | ServiceLevel | Predictive
"""Any pacing policy :func:`pace` accepts."""


def _progressive(s: PacingSnapshot, ratio: float) -> int:
    return math.floor(s.agents_ready * ratio) - s.calls_dialing - s.calls_waiting


def _power(s: PacingSnapshot, ratio: float) -> int:
    logged_in = s.agents_ready + s.agents_busy
    return (
        math.floor(logged_in * ratio)
        - s.calls_dialing
        - s.calls_waiting
        - s.agents_busy
    )


def _service_level(s: PacingSnapshot, policy: ServiceLevel) -> int:
    if policy.percent == 0:
        return 0
    if policy.rule == "documented":
        # smallest d with ready <= d * percent / 100, in integers: ceil(ready*100/%)
        in_flight = -(-s.agents_ready * 100 // policy.percent)
    else:
        in_flight = s.agents_ready * policy.percent // 100
    return in_flight - s.calls_dialing


_NODES = tuple(-math.log1p(-(i + 0.5) / 8) for i in range(8))
"""Where the model looks: the mid-quantiles of an exponential answer time, in means."""
_NEGLIGIBLE = 1e-12  # binomial terms below this are dropped
_EXACT_AGENTS = 10  # teams up to this size get exact sums; larger ones the normal
_TIME_CONSTANT = 600.0  # seconds of budget that move the price by a factor e
_MARGIN = 2.0  # abandons of the window's budget held back, in units of the above
_MIN_UNIT = 2.0  # the smallest price unit, in abandons: one abandon moves it by e**-0.5
_PRICE = 0.5  # the marginal abandon risk allowed at the margin, in goals
_MAX_RISK = 0.5  # never launch a call more likely to abandon than to connect
_MAX_LIFT = 3.0  # a surplus lifts the price by e**3 (about 10 goals) at most


def _binomial(trials: int, p: float) -> tuple[int, list[float]]:
    """``(first, pmf)``: P(X = first + i) of X ~ Binomial(trials, p), tails dropped.

    The walk starts at the mode (``lgamma``) and goes both ways until a term is
    negligible, so the work is the spread of X, not its count.
    """
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
    below.reverse()
    return mode - len(below), [*below, top, *above]


def _normal_tail(z: float) -> float:
    """P(Z >= z) for a standard normal Z."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


class _Model:
    """The transient model of one snapshot: who answers before whom frees.

    A call launched now answers live after ``T ~ Exp(mean_answer_time)``; by then
    each other call in flight has answered live with ``p (1 - exp(-T / a))`` and
    each busy agent has freed with ``1 - exp(-T / mean_handle_time)``. The call
    finds no agent when the earlier live answers ``A`` reach the agents free,
    ``ready - waiting + F``. ``risk(m)`` is that probability for a call with ``m``
    calls in flight before it, averaged over :data:`_NODES` (eight equally likely
    answer times).
    """

    __slots__ = ("busy", "exact", "free", "frees", "nodes")

    def __init__(self, s: PacingSnapshot) -> None:
        self.busy = s.agents_busy
        self.free = s.agents_ready - s.calls_waiting
        self.exact = s.agents_ready + s.agents_busy <= _EXACT_AGENTS
        ratio = s.mean_answer_time / s.mean_handle_time
        # (P(live before T), P(freed by T)) at each node
        self.nodes = [
            (s.hit_ratio * -math.expm1(-x), -math.expm1(-x * ratio)) for x in _NODES
        ]
        # the exact distribution of the agents freed by each node, made once
        self.frees = [_binomial(self.busy, pf) for _, pf in self.nodes]

    def _tail(self, others: int, node: int) -> float:
        """P(A - F >= free): A ~ Bin(others, pa) answers, F ~ Bin(busy, pf) frees."""
        k = self.free
        pa, pf = self.nodes[node]
        if not self.exact:
            mean = others * pa - self.busy * pf
            var = others * pa * (1.0 - pa) + self.busy * pf * (1.0 - pf)
            if var <= 0.0:
                return 1.0 if mean >= k else 0.0
            return _normal_tail((k - 0.5 - mean) / math.sqrt(var))
        a_first, a_pmf = _binomial(others, pa)
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
        total = sum(self._tail(others, i) for i in range(len(self.nodes)))
        return total / len(self.nodes)


def _price_unit(s: PacingSnapshot, alpha: float) -> float:
    agents = s.agents_ready + s.agents_busy
    return max(_MIN_UNIT, alpha * agents * _TIME_CONSTANT / s.mean_handle_time)


def _allowed_risk(s: PacingSnapshot, alpha: float) -> float:
    """The marginal abandon risk the window's budget allows now (the price's dual).

    ``slack = alpha * answered - abandoned`` is the budget left: the integral of
    the abandonment error. Each ``unit`` of it (the budget a full team earns in
    ten minutes) moves the allowed risk by a factor ``e``: ``alpha / 2`` at the
    margin of two units, ``alpha / 2 * e**-2`` in an empty window.
    """
    unit = _price_unit(s, alpha)
    slack = alpha * s.answered - s.abandoned
    exponent = min((slack / unit) - _MARGIN, _MAX_LIFT)
    return min(_MAX_RISK, _PRICE * alpha * math.exp(exponent))


def _last_within(
    model: _Model, s: PacingSnapshot, risk: float, floor: int, top: int
) -> int:
    """The most new calls from ``floor`` to ``top`` whose last is within ``risk``."""

    def over(n: int) -> bool:  # the n-th new call has dialing + n - 1 ahead of it
        return model.risk(s.calls_dialing + n - 1) > risk

    first = _first_true(over, floor + 1, top)
    return top if first is None else first - 1


def _first_true(ok: Callable[[int], bool], low: int, high: int) -> int | None:
    """The smallest n in ``low..high`` with ``ok(n)``, or None when there is none.

    ``ok`` must be false then true over the range. It gallops up from ``low``
    (steps 1, 2, 4...) and then bisects: the answer is usually a few counts above
    ``low``, so this asks few questions there and O(log) anywhere.
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


def _expected_idle(s: PacingSnapshot, n: int) -> float:
    """Idle agents two mean answer times ahead with ``n`` new calls (normal).

    Every call in flight answers live with the hit ratio by then and each busy
    agent frees with ``1 - exp(-2 mean_answer_time / mean_handle_time)``; the
    idle agents are ``E[(ready - waiting + F - A)+]``.
    """
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
    return sd * (z * (1.0 - _normal_tail(z)) + density)


def _predictive(s: PacingSnapshot, policy: Predictive) -> tuple[int, str]:
    floor = max(0, _progressive(s, 1.0))
    agents = s.agents_ready + s.agents_busy
    if s.hit_ratio < MIN_HIT_RATIO:
        return floor, "predictive: no usable hit-ratio estimate, progressive"
    if agents == 0:
        return 0, "predictive: no agent logged in"
    model = _Model(s)
    method = policy.optimize_by
    ceiling = (
        policy.goal if method is OptimizeBy.OVERDIAL_RATE else policy.max_overdial
    ) / 100.0
    # at most as many expected answers as agents, and never past the sane cap
    most = min(math.floor(agents / s.hit_ratio) - s.calls_dialing, MAX_PREDICTIVE_CALLS)
    top = max(floor, most)
    limits = [x for x in (s.records_available, s.channels_free) if x is not None]
    if limits:  # one over the tightest limit is enough: pace clamps and names it
        top = max(floor, min(top, min(limits) + 1))
    risk = _allowed_risk(s, ceiling)
    cap = _last_within(model, s, risk, floor, top)
    if method in (OptimizeBy.OVERDIAL_RATE, OptimizeBy.NONE):
        return cap, f"predictive: calls while abandon risk <= {risk:.1%}"
    if method is OptimizeBy.MAXIMUM_GAIN:
        own = 1.0 / (1.0 + policy.goal)
        count = _last_within(model, s, min(own, risk), floor, cap)
        return (
            count,
            f"predictive: calls while gain >= 0 (risk <= {min(own, risk):.1%})",
        )
    if method is OptimizeBy.DISTRIBUTION_TIME:
        own = policy.goal * agents / s.mean_handle_time
        count = _last_within(model, s, min(own, risk), floor, cap)
        return count, f"predictive: calls while wait <= {policy.goal:g} s"

    def met(n: int) -> bool:
        i = _expected_idle(s, n)
        if method is OptimizeBy.BUSY_FACTOR:
            return 1.0 - i / agents >= policy.goal / 100.0
        return i * s.mean_handle_time <= policy.goal * max(agents - i, 0.0)

    fewest = _first_true(met, 0, cap)
    if fewest is not None:
        return fewest, f"predictive: fewest calls meeting {method.name} {policy.goal:g}"
    return cap, f"predictive: {method.name} goal needs more calls than the risk allows"


def _count(s: PacingSnapshot, policy: Policy) -> tuple[int, str]:
    if isinstance(policy, Preview):
        return 0, "preview: the agent asks for records"
    if isinstance(policy, Progressive):
        return _progressive(s, policy.ratio), f"progressive ratio {policy.ratio}"
    if isinstance(policy, Power):
        return _power(s, policy.ratio), f"power ratio {policy.ratio}"
    if isinstance(policy, ServiceLevel):
        return (
            _service_level(s, policy),
            f"service level {policy.percent}% ({policy.rule})",
        )
    return _predictive(s, policy)


def pace(snapshot: PacingSnapshot, policy: Policy) -> PacingDecision:
    """Decide how many calls to launch now.

    The policy's count is clamped to >= 0, then to the records available and the
    channels free: a decision never asks for more calls than can be placed.

    Args:
        snapshot: The live counts.
        policy: One of :class:`Preview`, :class:`Progressive`, :class:`Power`,
            :class:`ServiceLevel`, :class:`Predictive`.

    >>> snapshot = PacingSnapshot(agents_ready=10, channels_free=4)
    >>> decision = pace(snapshot, Progressive(ratio=1.5))
    >>> decision.calls, decision.limited_by
    (4, 'channels')
    """
    count, reason = _count(snapshot, policy)
    calls = max(0, count)
    limited_by: LimitedBy | None = None
    for name, limit in (
        ("records", snapshot.records_available),
        ("channels", snapshot.channels_free),
    ):
        if limit is not None and limit < calls:
            calls, limited_by = limit, name  # type: ignore[assignment]
    if limited_by is not None:
        reason += f"; limited by {limited_by}"
    return PacingDecision(calls=calls, limited_by=limited_by, reason=reason)


def policy_for(group: CampaignGroup, *, ratio: float = 1.0) -> Policy:
    """Choose the policy a campaign group's dial mode and optimization ask for.

    Every group the lifecycle lets run gets one: dial mode NONE launches nothing
    (:class:`Preview`), and a percent goal above 100 (the group model allows any
    integer) is read as 100.

    Args:
        group: The group; its ``dial_mode``, ``optimize_by`` and
            ``optimize_goal`` are read.
        ratio: Calls per ready agent (Progressive) or lines per agent (Power).

    >>> group = CampaignGroup(campaign_name="spring", group_name="sales")
    >>> policy_for(group)
    Predictive(optimize_by=<OptimizeBy.BUSY_FACTOR: 1>, goal=80, max_overdial=3.0)
    """
    family = group.dial_mode.family
    if family is DialFamily.PROGRESSIVE:
        return Progressive(ratio)
    if family is DialFamily.POWER:
        return Power(ratio)
    if family is not DialFamily.PREDICTIVE:
        return Preview()
    goal = group.optimize_goal
    if group.optimize_by in _PERCENT_GOALS:
        goal = min(goal, 100)
    return Predictive(group.optimize_by, goal)


def policy_for_campaign(campaign: Campaign) -> Policy | None:
    """VoIPbin's pacing for a campaign: its service-level rule, when it has a queue.

    VoIPbin applies ``service_level`` only to a campaign with a ``queue_id``:
    the rule compares the queue's available agents with the calls dialing.
    Without a queue the calls go to the campaign's flow, not to agents, so there
    is nothing to pace against: this returns None and the host launches as its
    channels allow. A ``service_level`` of 0 gives ``ServiceLevel(0)``, which
    launches nothing (VoIPbin reads 0 as "no dialing"); one above
    :data:`MAX_SERVICE_LEVEL` is read as that maximum.

    >>> policy_for_campaign(Campaign(id="c1", name="spring", queue_id="q1"))
    ServiceLevel(percent=100, rule='documented')
    >>> policy_for_campaign(Campaign(id="c1", name="spring")) is None
    True
    """
    if campaign.queue_id is None:
        return None
    return ServiceLevel(min(campaign.service_level, MAX_SERVICE_LEVEL))


@attrs.frozen(kw_only=True)
class Observation:
    """What one finished call attempt showed, for :func:`update_estimate`.

    A host usually reports an attempt twice: when it resolves (``answered`` and
    ``answer_time``), since pacing needs the hit at once, and when the agent is
    done (``answered=None`` and ``handle_time``), which does not count again.

    Attributes:
        answered: Whether a live party answered, or None when this observation
            only adds a time to an attempt already counted.
        answer_time: Seconds from launch to the live answer (answered calls).
        handle_time: Seconds an agent spent on it, talk plus wrap-up, if known.
    """

    answered: bool | None = attrs.field(default=None, validator=v.optional(v.boolean))
    answer_time: float | None = attrs.field(
        default=None, validator=v.optional(_SECONDS)
    )
    handle_time: float | None = attrs.field(
        default=None, validator=v.optional(_SECONDS)
    )


@attrs.frozen(kw_only=True)
class Estimate:
    """Smoothed hit ratio, handle time and answer time, to fill a snapshot.

    Each figure is a plain running mean until it has ``1 / smoothing``
    observations, then an exponentially weighted mean with weight ``smoothing``,
    so it starts fast and then follows drift without jumping on one call. The
    initial times are priors, replaced by the first observation.

    Attributes:
        hit_ratio: Live answers per attempt (0 until the first attempt).
        mean_handle_time: Seconds of talk plus wrap-up per handled call.
        mean_answer_time: Seconds from launch to a live answer.
        attempts: Attempts observed (up to :data:`MAX_COUNT`, where it stays).
        answers: Answer times observed (likewise).
        handles: Handle times observed (likewise).
        smoothing: Weight of a new observation once warmed up (0-1]; the
            default follows about the last thousand attempts.
        warmup: Attempts to see before :attr:`settled` holds.
    """

    hit_ratio: float = attrs.field(default=0.0, validator=_RATIO)
    mean_handle_time: float = attrs.field(default=180.0, validator=_SECONDS)
    mean_answer_time: float = attrs.field(default=10.0, validator=_SECONDS)
    attempts: int = attrs.field(default=0, validator=_COUNT)
    answers: int = attrs.field(default=0, validator=_COUNT)
    handles: int = attrs.field(default=0, validator=_COUNT)
    smoothing: float = attrs.field(
        default=0.002, validator=v.number(0.0, 1.0, above=True)
    )
    warmup: int = attrs.field(default=200, validator=_COUNT)

    @property
    def settled(self) -> bool:
        """Whether ``warmup`` attempts were seen, so the hit ratio can steer.

        Early attempts are a biased sample (live answers resolve before no-answer
        timeouts do), so a host should pace progressively (hit ratio 0 in the
        snapshot) until the estimate has settled.
        """
        return self.attempts >= self.warmup


def _blend(mean: float, count: int, value: float, smoothing: float) -> float:
    """The weighted mean of ``mean`` and ``value``, never outside the two.

    Written as ``(1 - w) * mean + w * value``: ``mean + w * (value - mean)``
    loses a tiny value to rounding (180 + 1.0 * (1e-300 - 180) is 0.0).
    """
    weight = max(smoothing, 1.0 / (count + 1))
    blended = (1.0 - weight) * mean + weight * value
    return min(max(blended, min(mean, value)), max(mean, value))


def update_estimate(estimate: Estimate, observation: Observation) -> Estimate:
    """Fold one observed attempt into the estimate.

    >>> e = update_estimate(Estimate(), Observation(answered=True, answer_time=8.0))
    >>> e = update_estimate(e, Observation(answered=False))
    >>> e.hit_ratio, e.mean_answer_time, e.attempts
    (0.5, 8.0, 2)
    """
    e, o, k = estimate, observation, estimate.smoothing
    hit, attempts = e.hit_ratio, e.attempts
    if o.answered is not None:
        hit = _blend(hit, attempts, 1.0 if o.answered else 0.0, k)
        attempts = min(attempts + 1, MAX_COUNT)  # saturates: weight is k by then
    answer_time, answers = e.mean_answer_time, e.answers
    if o.answer_time is not None:
        answer_time = _blend(answer_time, answers, o.answer_time, k)
        answers = min(answers + 1, MAX_COUNT)
    handle_time, handles = e.mean_handle_time, e.handles
    if o.handle_time is not None:
        handle_time = _blend(handle_time, handles, o.handle_time, k)
        handles = min(handles + 1, MAX_COUNT)
    return attrs.evolve(
        e,
        hit_ratio=min(1.0, max(0.0, hit)),
        mean_answer_time=answer_time,
        mean_handle_time=handle_time,
        attempts=attempts,
        answers=answers,
        handles=handles,
    )


def __getattr__(name: str) -> Any:
    """Keep ``campaignkit.pacing.parse_policy`` importable: it moved to the CLI."""
    if name == "parse_policy":
        from campaignkit._cli import parse_policy

        return parse_policy
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
