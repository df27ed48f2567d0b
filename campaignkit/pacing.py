"""How many calls to launch now: pacing policies as pure functions of a snapshot.

A host builds a :class:`PacingSnapshot` from its live counts, calls :func:`pace`
with a policy and launches ``decision.calls`` calls. No clock, no randomness: the
same snapshot and policy always give the same decision (``docs/pacing.md``).

>>> snapshot = PacingSnapshot(agents_ready=4, calls_dialing=1)
>>> pace(snapshot, Progressive()).calls
3
"""

from __future__ import annotations

import math
from typing import Any, Literal

import attrs

from campaignkit import _risk
from campaignkit import _validate as v
from campaignkit.enums import DialFamily, OptimizeBy
from campaignkit.models import Campaign, CampaignGroup

__all__ = [
    "ATTEMPTS_PER_AGENT",
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
    "estimate_for",
    "pace",
    "parse_policy",  # noqa: F822 - from __getattr__: it lives beside the CLI
    "policy_for",
    "policy_for_campaign",
    "update_estimate",
]

LimitedBy = Literal["records", "channels"]
"""What cut a decision down: the records left to dial or the free channels."""

MAX_COUNT = 2**53
"""The largest count a snapshot or estimate takes: exact as a float, no overflow."""
MAX_AGENTS = 100_000
"""The most agents a snapshot counts as ready, or as busy (it bounds the model)."""
MAX_RATIO = 1000.0
"""The largest :class:`Progressive` or :class:`Power` ratio: calls per agent."""
MIN_HIT_RATIO = 0.001
"""Below this hit ratio :class:`Predictive` paces as with no estimate: a dead list."""
MAX_SERVICE_LEVEL = 100_000
"""The largest :class:`ServiceLevel` percent: :data:`MAX_RATIO` calls per agent."""
MAX_PREDICTIVE_CALLS = 100_000
"""The most calls :class:`Predictive` launches at once, unless Progressive's count."""

_COUNT = v.integer(0, MAX_COUNT)
_AGENTS = v.integer(0, MAX_AGENTS)
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

    Attributes:
        agents_ready: Agents logged in and waiting for a call.
        agents_busy: Agents on a call or in wrap-up.
        calls_dialing: Calls launched and not yet answered or failed.
        calls_waiting: Calls answered by a live party, waiting for an agent.
        hit_ratio: Live answers per call launched (0-1); 0 means no estimate yet.
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
    hit_ratio: float = attrs.field(default=0.0, validator=v.number(0.0, 1.0))
    mean_handle_time: float = attrs.field(default=180.0, validator=_SECONDS)
    mean_answer_time: float = attrs.field(default=10.0, validator=_SECONDS)
    records_available: int | None = attrs.field(
        default=None, validator=v.optional(_COUNT)
    )
    channels_free: int | None = attrs.field(default=None, validator=v.optional(_COUNT))
    answered: int = attrs.field(default=0, validator=_COUNT)
    abandoned: int = attrs.field(default=0, validator=_abandoned_within_answered)


@attrs.frozen(kw_only=True)
class PacingDecision:
    """How many calls to launch now, and why.

    Attributes:
        calls: Calls to launch now.
        limited_by: The limit that cut the policy's count down, if one did.
        reason: One line saying how the count was reached, for logs.
    """

    calls: int = attrs.field(validator=_COUNT)
    limited_by: LimitedBy | None = attrs.field(
        default=None,
        validator=v.optional(
            v.rule(
                lambda x: x in ("records", "channels"), "'records', 'channels' or None"
            )
        ),
    )
    reason: str = attrs.field(default="", validator=v.text)


@attrs.frozen
class Preview:
    """Launch nothing: in preview modes the agent asks for each record."""


@attrs.frozen
class Progressive:
    """``floor(agents_ready * ratio) - calls_dialing - calls_waiting`` calls.

    Attributes:
        ratio: Calls per ready agent; at 1 no call can abandon.
    """

    ratio: float = attrs.field(default=1.0, validator=_CALLS_PER_AGENT)


@attrs.frozen
class Power:
    """Lines per logged-in agent, as VICIdial's dial level (a busy line is taken).

    Attributes:
        ratio: Lines per logged-in agent.
    """

    ratio: float = attrs.field(validator=_CALLS_PER_AGENT)


ServiceLevelRule = Literal["documented", "coded"]


@attrs.frozen
class ServiceLevel:
    """VoIPbin's service-level rule, as the calls it allows in a row now.

    Attributes:
        percent: The campaign's ``service_level``; 0 launches nothing.
        rule: VoIPbin's ``"documented"`` or ``"coded"`` form (they differ).
    """

    percent: int = attrs.field(validator=v.integer(0, MAX_SERVICE_LEVEL))
    rule: ServiceLevelRule = attrs.field(
        default="documented",
        validator=v.rule(
            lambda x: x in ("documented", "coded"), "'documented' or 'coded'"
        ),
    )


_PERCENT_GOALS = frozenset({OptimizeBy.BUSY_FACTOR, OptimizeBy.OVERDIAL_RATE})


def _optimize_by(value: OptimizeBy | int | str) -> OptimizeBy:
    return OptimizeBy.parse(value)


def _goal(obj: Predictive, attribute: attrs.Attribute[Any], value: Any) -> None:
    maximum = 100.0 if obj.optimize_by in _PERCENT_GOALS else math.inf
    v.number(0.0, maximum)(obj, attribute, value)


@attrs.frozen
class Predictive:
    """A model of answers and freeing agents picks the count (predictive modes).

    Each new call is launched while its risk of finding no agent is within a
    price that the regulatory window's counts set (``docs/pacing.md``).

    Attributes:
        optimize_by: What to optimise: an ``OptimizeBy`` member, value or name.
        goal: Percent for OVERDIAL_RATE and BUSY_FACTOR (0-100); seconds for
            WAIT_TIME and DISTRIBUTION_TIME; an abandon's cost in connected
            calls for MAXIMUM_GAIN; ignored by NONE.
        max_overdial: The overdial percent every other method keeps (NONE's goal).
    """

    optimize_by: OptimizeBy = attrs.field(converter=_optimize_by)
    goal: float = attrs.field(validator=_goal)
    max_overdial: float = attrs.field(default=3.0, validator=v.number(0.0, 100.0))


Policy = Preview | Progressive | Power | ServiceLevel | Predictive
"""Any pacing policy :func:`pace` accepts."""


def _progressive(s: PacingSnapshot, ratio: float) -> int:
    return math.floor(s.agents_ready * ratio) - s.calls_dialing - s.calls_waiting


def _power(s: PacingSnapshot, ratio: float) -> int:
    lines = math.floor((s.agents_ready + s.agents_busy) * ratio)
    return lines - s.calls_dialing - s.calls_waiting - s.agents_busy


def _service_level(s: PacingSnapshot, policy: ServiceLevel) -> int:
    if policy.percent == 0:
        return 0
    if policy.rule == "documented":  # the smallest d with ready <= d * percent / 100
        return -(-s.agents_ready * 100 // policy.percent) - s.calls_dialing
    return s.agents_ready * policy.percent // 100 - s.calls_dialing


def _predictive(s: PacingSnapshot, policy: Predictive) -> tuple[int, str]:
    floor = max(0, _progressive(s, 1.0))
    agents = s.agents_ready + s.agents_busy
    if s.hit_ratio < MIN_HIT_RATIO:
        return floor, "predictive: no usable hit-ratio estimate, progressive"
    if agents == 0:
        return 0, "predictive: no agent logged in"
    model = _risk.Model(s)
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
    risk = _risk.allowed_risk(s, ceiling)
    priced = _risk.last_within(model, s, risk, floor, top)
    cap = _risk.within_budget(model, s, ceiling, priced, top)
    if method in (OptimizeBy.OVERDIAL_RATE, OptimizeBy.NONE):
        lumps = f", {cap - priced} more within the budget" if cap > priced else ""
        return cap, f"predictive: calls while abandon risk <= {risk:.1%}{lumps}"
    if method is OptimizeBy.MAXIMUM_GAIN:  # gain (1 - r) - goal * r >= 0
        own = min(1.0 / (1.0 + policy.goal), risk)
        count = _risk.last_within(model, s, own, floor, cap)
        return count, f"predictive: calls while gain >= 0 (risk <= {own:.1%})"
    if method is OptimizeBy.DISTRIBUTION_TIME:  # r * handle / agents <= goal
        own = policy.goal * agents / s.mean_handle_time
        count = _risk.last_within(model, s, min(own, risk), floor, cap)
        return count, f"predictive: calls while wait <= {policy.goal:g} s"

    def met(n: int) -> bool:
        i = _risk.expected_idle(s, n)
        if method is OptimizeBy.BUSY_FACTOR:
            return 1.0 - i / agents >= policy.goal / 100.0
        return i * s.mean_handle_time <= policy.goal * max(agents - i, 0.0)

    fewest = _risk.first_true(met, 0, cap)
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
        reason = f"service level {policy.percent}% ({policy.rule})"
        return _service_level(s, policy), reason
    return _predictive(s, policy)


def pace(snapshot: PacingSnapshot, policy: Policy) -> PacingDecision:
    """Decide how many calls to launch now.

    The policy's count is clamped to >= 0, then to the records available and the
    channels free: a decision never asks for more calls than can be placed.

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
    """The policy a group's dial mode and optimization ask for (dial mode NONE: none).

    Args:
        group: Its ``dial_mode``, ``optimize_by`` and ``optimize_goal`` (a percent
            goal above 100 is read as 100) are read.
        ratio: Calls per ready agent (Progressive) or lines per agent (Power).

    >>> policy_for(CampaignGroup(campaign_name="spring", group_name="sales"))
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
    """VoIPbin's pacing: its service-level rule, for a campaign with a queue.

    Without a ``queue_id`` the calls go to a flow, not to agents: None (nothing to
    pace against). A ``service_level`` above :data:`MAX_SERVICE_LEVEL` is read as it.

    >>> policy_for_campaign(Campaign(id="c1", name="spring", queue_id="q1"))
    ServiceLevel(percent=100, rule='documented')
    """
    if campaign.queue_id is None:
        return None
    return ServiceLevel(min(campaign.service_level, MAX_SERVICE_LEVEL))


@attrs.frozen(kw_only=True)
class Observation:
    """What one finished call attempt showed, for :func:`update_estimate`.

    Attributes:
        answered: Whether a live party answered, or None when this only adds a
            handle time to an attempt already counted.
        answer_time: Seconds from launch to the live answer.
        handle_time: Seconds an agent spent on it, talk plus wrap-up.
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

    A running mean for the first ``1 / smoothing`` observations, then an
    exponentially weighted one; the initial times are priors.

    Attributes:
        hit_ratio: Live answers per attempt (0 until the first attempt).
        mean_handle_time: Seconds of talk plus wrap-up per handled call.
        mean_answer_time: Seconds from launch to a live answer.
        attempts: Attempts observed (saturating at :data:`MAX_COUNT`).
        answers: Answer times observed (likewise).
        handles: Handle times observed (likewise).
        smoothing: Weight of a new observation once warmed up (0-1]; for a
            team of more than 20 agents start from :func:`estimate_for`.
        warmup: Attempts to see before :attr:`settled` holds.
    """

    hit_ratio: float = attrs.field(default=0.0, validator=v.number(0.0, 1.0))
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
        """Whether ``warmup`` attempts were seen: pace progressively until then."""
        return self.attempts >= self.warmup


ATTEMPTS_PER_AGENT = 25
"""A big team's estimate memory, in attempts per agent (:func:`estimate_for`)."""


def estimate_for(agents: int) -> Estimate:
    """A fresh estimate whose memory spans about the same time for any team size.

    The default 500 attempts up to 20 agents, :data:`ATTEMPTS_PER_AGENT` per agent
    above: a memory counted in attempts gets shorter in time as the team grows
    (why: ``docs/simulation.md``, Estimates).

    >>> estimate_for(20).smoothing, estimate_for(1000).smoothing
    (0.002, 4e-05)
    """
    default = Estimate().smoothing
    return Estimate(smoothing=min(default, 1.0 / (ATTEMPTS_PER_AGENT * agents)))


def _blend(mean: float, count: int, value: float, smoothing: float) -> float:
    """The weighted mean of ``mean`` and ``value``, never outside the two."""
    weight = max(smoothing, 1.0 / (count + 1))
    blended = (1.0 - weight) * mean + weight * value  # exact for a tiny value
    return min(max(blended, min(mean, value)), max(mean, value))


def update_estimate(estimate: Estimate, observation: Observation) -> Estimate:
    """Fold one observed attempt into the estimate.

    >>> e = update_estimate(Estimate(), Observation(answered=True, answer_time=8.0))
    >>> e.hit_ratio, e.mean_answer_time, e.attempts
    (1.0, 8.0, 1)
    """
    e, o, k = estimate, observation, estimate.smoothing
    hit, attempts = e.hit_ratio, e.attempts
    if o.answered is not None:
        hit = _blend(hit, attempts, 1.0 if o.answered else 0.0, k)
        attempts = min(attempts + 1, MAX_COUNT)
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
