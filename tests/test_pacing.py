"""Pacing policies on hand-computed snapshots."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

from campaignkit import (
    Campaign,
    CampaignGroup,
    DialMode,
    OptimizeBy,
    ValidationError,
    _risk,
)
from campaignkit.pacing import (
    MAX_AGENTS,
    MAX_COUNT,
    MAX_PREDICTIVE_CALLS,
    MAX_RATIO,
    MAX_SERVICE_LEVEL,
    MIN_HIT_RATIO,
    Estimate,
    Observation,
    PacingDecision,
    PacingSnapshot,
    Power,
    Predictive,
    Preview,
    Progressive,
    ServiceLevel,
    pace,
    parse_policy,
    policy_for,
    policy_for_campaign,
    update_estimate,
)


def snap(**kw: Any) -> PacingSnapshot:
    kw.setdefault("agents_ready", 0)
    return PacingSnapshot(**kw)


def calls(policy: Any, **kw: Any) -> int:
    return pace(snap(**kw), policy).calls


OVERDIAL = Predictive(OptimizeBy.OVERDIAL_RATE, 3)


# --- snapshot validation -------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("agents_ready", -1),
        ("agents_busy", -2),
        ("calls_dialing", -1),
        ("calls_waiting", -1),
        ("hit_ratio", -0.1),
        ("hit_ratio", 1.5),
        ("hit_ratio", math.nan),
        ("hit_ratio", True),
        ("mean_handle_time", 0.0),
        ("mean_answer_time", -3.0),
        ("mean_handle_time", math.inf),
        ("records_available", -1),
        ("channels_free", -1),
        ("answered", -1),
        ("abandoned", -1),
        ("agents_ready", 1.5),
    ],
)
def test_snapshot_refuses_bad_values(field: str, value: Any) -> None:
    """Negative counts, ratios outside 0-1 and non-positive times are refused."""
    kw: dict[str, Any] = {"agents_ready": 1, field: value}
    with pytest.raises(ValidationError) as info:
        PacingSnapshot(**kw)
    assert info.value.field == field


def test_snapshot_refuses_more_abandons_than_answers() -> None:
    """Abandoned calls are answered calls, so they cannot outnumber them."""
    with pytest.raises(ValidationError, match="abandoned"):
        PacingSnapshot(agents_ready=1, answered=2, abandoned=3)


def test_decision_refuses_negative_calls() -> None:
    """A decision never holds a negative count."""
    with pytest.raises(ValidationError):
        PacingDecision(calls=-1)


# --- simple policies ------------------------------------------------------


def test_preview_launches_nothing() -> None:
    """In preview the agent asks for records: no call is launched."""
    decision = pace(snap(agents_ready=10), Preview())
    assert decision == PacingDecision(calls=0, reason=decision.reason)
    assert "preview" in decision.reason


@pytest.mark.parametrize(
    ("ratio", "kw", "expected"),
    [
        (1.0, {"agents_ready": 4, "calls_dialing": 1}, 3),
        (1.0, {"agents_ready": 4, "calls_dialing": 1, "calls_waiting": 1}, 2),
        (1.5, {"agents_ready": 3}, 4),  # floor(4.5)
        (1.0, {"agents_ready": 0}, 0),
        (1.0, {"agents_ready": 1, "calls_dialing": 5}, 0),  # clamped, not -4
    ],
)
def test_progressive_rule(ratio: float, kw: dict[str, int], expected: int) -> None:
    """Progressive launches floor(ready * ratio) - dialing - waiting, at least 0."""
    assert calls(Progressive(ratio), **kw) == expected


@pytest.mark.parametrize(
    ("ratio", "kw", "expected"),
    [
        (2.0, {"agents_ready": 2, "agents_busy": 3}, 7),  # 10 - 0 - 0 - 3
        (2.0, {"agents_ready": 2, "agents_busy": 3, "calls_dialing": 4}, 3),
        (1.0, {"agents_ready": 2, "agents_busy": 3}, 2),
        (1.5, {"agents_ready": 0, "agents_busy": 3}, 1),  # floor(4.5) - 3
        (2.0, {"agents_ready": 0, "agents_busy": 0}, 0),
    ],
)
def test_power_rule(ratio: float, kw: dict[str, int], expected: int) -> None:
    """Power keeps floor(logged-in * ratio) lines, a busy agent's line included."""
    assert calls(Power(ratio), **kw) == expected


@pytest.mark.parametrize(
    ("ready", "percent", "dialing", "documented", "coded"),
    [
        (10, 80, 0, 13, 8),  # VoIPbin: documented 13, coded 8
        (1, 50, 0, 2, 0),  # VoIPbin: documented 2, coded 0
        (10, 100, 0, 10, 10),  # the two forms agree at 100
        (10, 80, 5, 8, 3),
        (10, 0, 0, 0, 0),  # 0 % means no dialing
        (0, 80, 0, 0, 0),
        (4, 200, 0, 2, 8),
    ],
)
def test_service_level_both_forms(
    ready: int, percent: int, dialing: int, documented: int, coded: int
) -> None:
    """VoIPbin's rule as documented and as coded, counted as calls in a row."""
    assert calls(ServiceLevel(percent), agents_ready=ready, calls_dialing=dialing) == (
        documented
    )
    coded_policy = ServiceLevel(percent, rule="coded")
    assert calls(coded_policy, agents_ready=ready, calls_dialing=dialing) == coded


def test_service_level_documented_count_matches_the_vendor_loop() -> None:
    """The documented count is what the vendor's 'one more call while' loop gives."""
    for ready in range(12):
        for percent in (10, 33, 50, 80, 100, 150):
            dialing = 0
            while ready > dialing * percent / 100:
                dialing += 1
            assert calls(ServiceLevel(percent), agents_ready=ready) == dialing


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Progressive(0), "ratio"),
        (lambda: Progressive(-1.0), "ratio"),
        (lambda: Power(math.inf), "ratio"),
        (lambda: ServiceLevel(-1), "percent"),
        (lambda: ServiceLevel(80, rule="vendor"), "rule"),  # type: ignore[arg-type]
        (lambda: Predictive("fastest", 3), "value"),
        (lambda: Predictive(9, 3), "value"),
        (lambda: Predictive(OptimizeBy.OVERDIAL_RATE, 101), "goal"),
        (lambda: Predictive(OptimizeBy.BUSY_FACTOR, -1), "goal"),
        (
            lambda: Predictive(OptimizeBy.OVERDIAL_RATE, 3, max_overdial=200),
            "max_overdial",
        ),
    ],
)
def test_policies_refuse_bad_parameters(make: Any, field: str) -> None:
    """Bad ratios, percents, rules and unsupported methods fail at construction."""
    with pytest.raises(ValidationError) as info:
        make()
    assert info.value.field == field


def test_wait_time_goal_is_seconds_without_a_percent_cap() -> None:
    """Seconds and costs (WAIT_TIME, DISTRIBUTION_TIME, MAXIMUM_GAIN) may exceed 100."""
    assert Predictive(OptimizeBy.WAIT_TIME, 300).goal == 300
    assert Predictive(OptimizeBy.DISTRIBUTION_TIME, 300).goal == 300
    assert Predictive(OptimizeBy.MAXIMUM_GAIN, 300).goal == 300


@pytest.mark.parametrize("method", ["overdial_rate", "OVERDIAL_RATE", 2])
def test_predictive_takes_a_method_by_name_or_value(method: Any) -> None:
    """The method is parsed as the enum parses it: a member, its name or value."""
    assert Predictive(method, 3) == OVERDIAL


# --- limits -----------------------------------------------------------------


def test_records_limit_the_count() -> None:
    """Never more calls than records left; the decision says so."""
    decision = pace(snap(agents_ready=10, records_available=3), Progressive())
    assert (decision.calls, decision.limited_by) == (3, "records")
    assert "records" in decision.reason


def test_channels_limit_the_count() -> None:
    """Never more calls than free channels; the decision says so."""
    decision = pace(snap(agents_ready=10, channels_free=2), Power(2.0))
    assert (decision.calls, decision.limited_by) == (2, "channels")


def test_the_tighter_limit_is_named() -> None:
    """With both limits below the count, the smaller one binds and is named."""
    s = snap(agents_ready=10, records_available=5, channels_free=2)
    assert pace(s, Progressive()).limited_by == "channels"
    s = snap(agents_ready=10, records_available=1, channels_free=2)
    assert pace(s, Progressive()).limited_by == "records"


def test_a_limit_above_the_count_is_not_named() -> None:
    """A limit that did not cut the count leaves limited_by None."""
    decision = pace(
        snap(agents_ready=2, records_available=2, channels_free=9), Progressive()
    )
    assert (decision.calls, decision.limited_by) == (2, None)


@pytest.mark.parametrize("limit", [[], "lines", 0])
def test_decision_refuses_a_limit_it_does_not_know(limit: Any) -> None:
    """limited_by is 'records', 'channels' or None, so a decision stays hashable."""
    with pytest.raises(ValidationError, match="limited_by"):
        PacingDecision(calls=1, limited_by=limit)
    assert hash(PacingDecision(calls=1, limited_by="records"))


# --- predictive -----------------------------------------------------------


def test_predictive_without_hit_ratio_is_progressive() -> None:
    """With no hit-ratio estimate the predictive policy launches Progressive's count."""
    for method, goal in [
        (OptimizeBy.OVERDIAL_RATE, 3),
        (OptimizeBy.BUSY_FACTOR, 90),
        (OptimizeBy.WAIT_TIME, 5),
    ]:
        s = snap(agents_ready=7, calls_dialing=2, calls_waiting=1)
        decision = pace(s, Predictive(method, goal))
        assert decision.calls == pace(s, Progressive()).calls == 4
        assert "no usable hit-ratio" in decision.reason


def test_predictive_without_agents_launches_nothing() -> None:
    """No agent logged in: every answer would be abandoned, so nothing is launched."""
    s = snap(agents_ready=0, hit_ratio=0.3, answered=10_000)
    assert pace(s, OVERDIAL).calls == 0


def test_predictive_overdials_when_agents_are_ready() -> None:
    """At 0.3 hit ratio the model launches more than one call per ready agent."""
    s = snap(agents_ready=10, hit_ratio=0.3)
    n = pace(s, OVERDIAL).calls
    assert 10 < n <= math.floor(10 / 0.3)


def test_predictive_never_expects_more_answers_than_agents() -> None:
    """Calls in flight times hit ratio never exceeds the agents logged in."""
    s = snap(agents_ready=3, agents_busy=2, hit_ratio=0.5, answered=10**6)
    n = pace(s, OVERDIAL).calls
    assert n * 0.5 <= 5


def test_predictive_second_call_by_hand() -> None:
    """One ready agent, hit ratio 1: a second call abandons half the time.

    It abandons if the first call answers first: the mean of 1 - exp(-x) over
    the nodes, which is 1/2.
    """
    model = _risk.Model(snap(agents_ready=1, hit_ratio=1.0))
    assert model.risk(0) == 0.0
    assert model.risk(1) == pytest.approx(0.5)
    assert pace(snap(agents_ready=1, hit_ratio=1.0, answered=99), OVERDIAL).calls == 1


def brute_risk(s: PacingSnapshot, others: int) -> float:
    """The model's risk from the binomial formula, summed over every outcome."""
    total = 0.0
    ratio = s.mean_answer_time / s.mean_handle_time
    for x in _risk.NODES:
        pa, pf = s.hit_ratio * -math.expm1(-x), -math.expm1(-x * ratio)
        for a in range(others + 1):
            for f in range(s.agents_busy + 1):
                if a - f >= s.agents_ready - s.calls_waiting:
                    total += (
                        math.comb(others, a)
                        * pa**a
                        * (1 - pa) ** (others - a)
                        * math.comb(s.agents_busy, f)
                        * pf**f
                        * (1 - pf) ** (s.agents_busy - f)
                    )
    return total / len(_risk.NODES)


@pytest.mark.parametrize(
    "s",
    [
        snap(agents_ready=2, agents_busy=5, hit_ratio=0.3, mean_handle_time=60.0),
        snap(agents_ready=0, agents_busy=9, hit_ratio=0.5, calls_dialing=3),
        snap(agents_ready=3, agents_busy=1, hit_ratio=0.9, calls_waiting=1),
    ],
)
def test_risk_is_the_binomial_model(s: PacingSnapshot) -> None:
    """Small teams get the exact sum of the model's two binomials."""
    model = _risk.Model(s)
    for others in range(12):
        assert model.risk(others) == pytest.approx(brute_risk(s, others), abs=1e-9)


def test_normal_approximation_is_close_to_the_exact_sum() -> None:
    """Above 10 agents the normal approximation replaces the sum; at 30 they agree."""
    s = snap(agents_ready=3, agents_busy=27, hit_ratio=0.3, mean_handle_time=120.0)
    exact = _risk.Model(s)
    exact.exact = True
    normal = _risk.Model(s)
    assert not normal.exact
    for others in range(0, 60, 3):
        assert normal.risk(others) == pytest.approx(exact.risk(others), abs=0.02)


def test_the_window_sets_the_price() -> None:
    """The allowed risk grows with the unspent budget and starts cautious."""
    risks = [
        _risk.allowed_risk(snap(agents_ready=20, answered=1000, abandoned=a), 0.03)
        for a in range(30, -1, -3)
    ]
    assert risks == sorted(risks)
    empty = _risk.allowed_risk(snap(agents_ready=20), 0.03)
    expected = 0.03 * 20 * 600 / 180  # abandons the goal allows in ten minutes: 2
    margin = 2 * math.sqrt(expected + expected**2)  # two standard deviations
    assert empty == pytest.approx(0.5 * 0.03 * math.exp(-margin / 2))
    lucky = snap(agents_ready=20, answered=10**6)
    assert _risk.allowed_risk(lucky, 0.03) == pytest.approx(0.015 * math.exp(3))
    assert _risk.allowed_risk(lucky, 0.1) == 0.5  # never above a coin toss
    assert _risk.allowed_risk(snap(agents_ready=20, answered=10**6), 0.0) == 0.0


def test_the_margin_is_the_spread_of_the_abandons_to_come() -> None:
    """The margin is two standard deviations of the next ten minutes' abandons.

    A small team, with few abandons to come, holds back less and starts bolder.
    """
    teams = (1, 2, 3, 5, 10)  # price unit at its floor of two abandons throughout
    fresh = [
        _risk.allowed_risk(snap(agents_ready=n, mean_handle_time=120.0), 0.03)
        for n in teams
    ]
    assert fresh == sorted(fresh, reverse=True)
    assert fresh[0] > 4 * fresh[-1]
    for n, risk in zip(teams, fresh, strict=True):
        expected = 0.03 * n * 5  # Poisson variance, plus a rate uncertain by itself
        margin = 2 * math.sqrt(expected + expected**2)
        assert risk == pytest.approx(0.015 * math.exp(-margin / 2))
    # a large team holds back about two price units, as a full team's budget grows
    large = snap(agents_ready=100, mean_handle_time=120.0)
    assert _risk.allowed_risk(large, 0.03) == pytest.approx(
        0.015 * math.exp(-2 * math.sqrt(1 + 1 / 15)), rel=1e-12
    )


@pytest.mark.parametrize(
    ("ready", "busy", "answered", "now", "with_a_fixed_margin"),
    [(2, 0, 100, 3, 2), (3, 1, 0, 4, 3), (3, 0, 50, 4, 3)],
)
def test_a_small_team_spends_its_small_budget(
    ready: int, busy: int, answered: int, now: int, with_a_fixed_margin: int
) -> None:
    """A tiny team launches one call more than with a margin of two fixed units.

    That margin (four abandons) held it at Progressive's count here.
    """
    s = snap(
        agents_ready=ready,
        agents_busy=busy,
        hit_ratio=0.3,
        mean_handle_time=120.0,
        mean_answer_time=15.0,
        answered=answered,
    )
    assert pace(s, OVERDIAL).calls == now == with_a_fixed_margin + 1
    assert now > pace(s, Progressive()).calls


def lone(**kw: Any) -> PacingSnapshot:
    kw = {"agents_ready": 1, "hit_ratio": 0.3, "mean_handle_time": 120.0, **kw}
    return snap(mean_answer_time=15.0, **kw)


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"answered": 40}, 1),  # 1.2 abandons of slack: not one whole abandon spare
        ({"answered": 70}, 2),  # 2.1: the second call (risk 0.15, price 0.028)
        ({"answered": 200, "abandoned": 2}, 3),  # room for two whole abandons
        ({"answered": 70, "calls_dialing": 3}, 0),  # those in flight use it up
        ({"answered": 10**4, "abandoned": 100, "agents_ready": 0, "agents_busy": 1}, 0),
        ({"answered": 10**4, "abandoned": 100, "hit_ratio": 0.9}, 1),  # risk 0.45
        ({"answered": 70, "agents_ready": 2}, 2),  # two agents: the price alone
    ],
)
def test_a_lone_agent_launches_a_lumpy_call_its_budget_holds(
    kw: dict[str, Any], expected: int
) -> None:
    """A lone agent's second call is far above the price, so the budget decides.

    It is launched once the slack above the margin (0.83 abandons) holds one whole
    abandon per such call plus the expected abandons of the calls in flight; never
    a call riskier than a full surplus could price in (``0.015 * e**3``).
    """
    assert pace(lone(**kw), OVERDIAL).calls == expected


def test_the_lumpy_call_is_named_and_clamped() -> None:
    decision = pace(lone(answered=70), OVERDIAL)
    assert decision.reason.endswith(", 1 more within the budget")
    clamped = pace(lone(answered=10**4, abandoned=100, channels_free=1), OVERDIAL)
    assert (clamped.calls, clamped.limited_by) == (1, "channels")


SLACK = {"answered": 1000, "abandoned": 20}  # a window with budget to spend


def test_predictive_holds_back_when_the_window_is_over_the_goal() -> None:
    """A window above the goal gets fewer calls than one with budget left."""
    fresh = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3, **SLACK)
    bad = snap(
        agents_ready=5, agents_busy=15, hit_ratio=0.3, answered=100, abandoned=10
    )
    assert 5 <= pace(bad, OVERDIAL).calls < pace(fresh, OVERDIAL).calls


def test_predictive_credits_busy_agents_freeing() -> None:
    """Busy agents that free sooner lower a call's risk and let it launch more."""
    rich = {"answered": 10**5}  # budget to spare: the same (highest) price
    fast = snap(agents_ready=2, agents_busy=30, hit_ratio=0.3, mean_handle_time=60.0)
    slow = attrs.evolve(fast, mean_handle_time=6000.0)
    assert _risk.Model(fast).risk(10) < _risk.Model(slow).risk(10)
    fast, slow = attrs.evolve(fast, **rich), attrs.evolve(slow, **rich)
    assert pace(fast, OVERDIAL).calls > pace(slow, OVERDIAL).calls


def test_predictive_counts_calls_in_flight_and_waiting() -> None:
    """Calls already dialing or waiting reduce what is launched."""
    base = snap(agents_ready=5, agents_busy=5, hit_ratio=0.3, **SLACK)
    dialing = attrs.evolve(base, calls_dialing=6)
    waiting = attrs.evolve(base, calls_waiting=4)
    assert pace(dialing, OVERDIAL).calls < pace(base, OVERDIAL).calls
    assert pace(waiting, OVERDIAL).calls < pace(base, OVERDIAL).calls


def test_predictive_with_more_waiting_than_ready_launches_nothing() -> None:
    """Answered calls waiting beyond the ready agents leave no room at all."""
    s = snap(agents_ready=1, agents_busy=1, hit_ratio=0.3, calls_waiting=3)
    assert pace(s, OVERDIAL).calls == 0


def test_busy_factor_goal_picks_the_fewest_calls() -> None:
    """A higher busy-factor goal needs more calls; a low one may need none."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3, **SLACK)
    low = pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 50))
    high = pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 85))
    assert low.calls == 0
    assert 0 < high.calls <= pace(s, OVERDIAL).calls
    assert "fewest" in high.reason


def test_wait_time_goal_picks_the_fewest_calls() -> None:
    """A shorter agent wait needs more calls."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3, **SLACK)
    long_wait = pace(s, Predictive(OptimizeBy.WAIT_TIME, 600)).calls
    short_wait = pace(s, Predictive(OptimizeBy.WAIT_TIME, 20)).calls
    assert long_wait == 0
    assert short_wait > long_wait


def test_unreachable_goal_stops_at_the_overdial_cap() -> None:
    """A goal the model cannot reach is capped by max_overdial."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3, **SLACK)
    busy = pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 100))
    wait = pace(s, Predictive(OptimizeBy.WAIT_TIME, 0))
    cap = pace(s, Predictive(OptimizeBy.OVERDIAL_RATE, 3)).calls
    assert busy.calls == wait.calls == cap
    assert "more calls than the risk allows" in busy.reason


def test_busy_goal_with_all_agents_ready_and_calls_waiting() -> None:
    """Answered calls waiting beyond the supply make every agent busy already."""
    s = snap(agents_ready=1, hit_ratio=0.5, calls_waiting=1)
    assert pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 99)).calls == 0


def test_a_certain_model_has_no_spread() -> None:
    """Hit ratio 1 and no busy agent: the idle count is certain, not a normal."""
    s = snap(agents_ready=3, hit_ratio=1.0, mean_answer_time=1e-9)
    assert pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 99)).calls == 3
    assert _risk.Model(snap(agents_ready=40, hit_ratio=0.5)).risk(0) == 0.0
    crowded = snap(agents_ready=31, calls_waiting=40, hit_ratio=0.5)
    assert _risk.Model(crowded).risk(0) == 1.0


def test_none_method_keeps_max_overdial() -> None:
    """OptimizeBy.NONE is OVERDIAL_RATE with max_overdial as the goal."""
    s = snap(agents_ready=10, agents_busy=10, hit_ratio=0.2, **SLACK)
    none = pace(s, Predictive(OptimizeBy.NONE, 0, max_overdial=3)).calls
    assert none == pace(s, OVERDIAL).calls


@pytest.mark.parametrize("agents_busy", [15, 95])
def test_maximum_gain_launches_while_a_call_is_worth_its_risk(agents_busy: int) -> None:
    """A dearer abandon means fewer calls; free abandons stop at max_overdial's."""
    s = snap(agents_ready=5, agents_busy=agents_busy, hit_ratio=0.3, **SLACK)
    counts = [
        pace(s, Predictive(OptimizeBy.MAXIMUM_GAIN, cost)).calls
        for cost in (0, 1, 10, 100, 10_000)
    ]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == pace(s, OVERDIAL).calls
    assert counts[-1] >= pace(s, Progressive()).calls
    assert "gain" in pace(s, Predictive(OptimizeBy.MAXIMUM_GAIN, 1)).reason


def test_distribution_time_launches_while_the_expected_wait_is_within_goal() -> None:
    """A longer allowed wait means more calls, up to max_overdial's count."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3, **SLACK)
    counts = [
        pace(s, Predictive(OptimizeBy.DISTRIBUTION_TIME, goal)).calls
        for goal in (0, 0.01, 0.1, 1, 1000)
    ]
    assert counts == sorted(counts)
    assert counts[0] == pace(s, Progressive()).calls
    assert counts[-1] == pace(s, OVERDIAL).calls
    assert "wait" in pace(s, Predictive(OptimizeBy.DISTRIBUTION_TIME, 1)).reason


def test_predictive_with_a_huge_in_flight_count_does_not_underflow() -> None:
    """Thousands of calls in flight still give a sensible (zero) count."""
    s = snap(agents_ready=900, agents_busy=100, calls_dialing=3000, hit_ratio=0.9)
    assert pace(s, OVERDIAL).calls == 0
    s = snap(agents_ready=900, agents_busy=100, calls_dialing=1000, hit_ratio=0.9)
    assert pace(s, OVERDIAL).calls >= 0


# --- policy_for -------------------------------------------------------------


def group(**kw: Any) -> CampaignGroup:
    return CampaignGroup(campaign_name="c", group_name="g", **kw)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (DialMode.PREVIEW, Preview()),
        (DialMode.PUSH_PREVIEW, Preview()),
        (DialMode.PROGRESSIVE, Progressive(1.5)),
        (DialMode.PROGRESSIVE_SEIZE, Progressive(1.5)),
        (DialMode.PROGRESSIVE_GVP, Progressive(1.5)),
        (DialMode.POWER, Power(1.5)),
        (DialMode.POWER_SEIZE, Power(1.5)),
        (DialMode.POWER_GVP, Power(1.5)),
        (DialMode.PREDICTIVE, Predictive(OptimizeBy.OVERDIAL_RATE, 3)),
        (DialMode.PREDICTIVE_SEIZE, Predictive(OptimizeBy.OVERDIAL_RATE, 3)),
        (DialMode.PREDICTIVE_GVP, Predictive(OptimizeBy.OVERDIAL_RATE, 3)),
    ],
)
def test_policy_for_maps_dial_modes(mode: DialMode, expected: Any) -> None:
    """Each dial mode family maps to its policy with the group's goal or the ratio."""
    g = group(dial_mode=mode, optimize_by=OptimizeBy.OVERDIAL_RATE, optimize_goal=3)
    assert policy_for(g, ratio=1.5) == expected


@pytest.mark.parametrize("method", list(OptimizeBy))
def test_policy_for_paces_every_group_the_lifecycle_runs(method: OptimizeBy) -> None:
    """Every method paces; mode NONE launches nothing; percents stop at 100."""
    g = group(dial_mode=DialMode.PREDICTIVE, optimize_by=method, optimize_goal=150)
    policy = policy_for(g)
    assert isinstance(policy, Predictive)
    assert policy.optimize_by is method
    percent = method in (OptimizeBy.BUSY_FACTOR, OptimizeBy.OVERDIAL_RATE)
    assert policy.goal == (100 if percent else 150)
    assert pace(snap(agents_ready=3, hit_ratio=0.3), policy).calls >= 0
    assert policy_for(group(dial_mode=DialMode.NONE)) == Preview()


def test_policy_for_campaign_applies_the_service_level_only_with_a_queue() -> None:
    """VoIPbin's rule needs a queue; without one there is no agent to pace for."""
    queued = Campaign(id="c1", name="spring", queue_id="q1", service_level=80)
    assert policy_for_campaign(queued) == ServiceLevel(80)
    assert policy_for_campaign(attrs.evolve(queued, queue_id=None)) is None
    off = attrs.evolve(queued, service_level=0)
    assert pace(snap(agents_ready=5), policy_for_campaign(off)).calls == 0  # type: ignore[arg-type]
    huge = attrs.evolve(queued, service_level=MAX_SERVICE_LEVEL * 2)
    assert policy_for_campaign(huge) == ServiceLevel(MAX_SERVICE_LEVEL)


# --- estimates ----------------------------------------------------------------


def test_estimate_starts_as_a_running_mean() -> None:
    """Early observations are averaged plainly; the priors are replaced."""
    e = Estimate(mean_handle_time=999.0)
    e = update_estimate(e, Observation(answered=True, answer_time=6.0))
    e = update_estimate(e, Observation(answered=False))
    e = update_estimate(e, Observation(handle_time=100.0))
    e = update_estimate(e, Observation(handle_time=200.0))
    assert e.hit_ratio == 0.5
    assert e.mean_answer_time == 6.0
    assert e.mean_handle_time == 150.0
    assert (e.attempts, e.answers, e.handles) == (2, 1, 2)


def test_estimate_then_smooths_exponentially() -> None:
    """Once warmed up, one observation moves the mean by the smoothing weight."""
    e = Estimate(hit_ratio=0.5, attempts=1000, smoothing=0.1)
    e = update_estimate(e, Observation(answered=True))
    assert e.hit_ratio == pytest.approx(0.55)


def test_estimate_settles_after_warmup() -> None:
    """The hit ratio steers pacing only after the warm-up attempts."""
    e = Estimate(warmup=2)
    assert not e.settled
    for _ in range(2):
        e = update_estimate(e, Observation(answered=False))
    assert e.settled


def test_estimate_refuses_bad_input() -> None:
    """Bad estimates and observations raise ValidationError."""
    with pytest.raises(ValidationError):
        Estimate(smoothing=0.0)
    with pytest.raises(ValidationError):
        Observation(answered=1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Observation(handle_time=0.0)


# --- policy specs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("preview", Preview()),
        ("progressive", Progressive(1.0)),
        ("progressive:ratio=1.2", Progressive(1.2)),
        ("power:ratio=2", Power(2.0)),
        ("power", Power(1.0)),
        ("service-level:percent=80", ServiceLevel(80)),
        ("service-level:percent=80,rule=coded", ServiceLevel(80, "coded")),
        ("predictive", Predictive(OptimizeBy.OVERDIAL_RATE, 3)),
        ("predictive:overdial=3", Predictive(OptimizeBy.OVERDIAL_RATE, 3)),
        ("predictive:busy=85", Predictive(OptimizeBy.BUSY_FACTOR, 85)),
        ("predictive:wait=5", Predictive(OptimizeBy.WAIT_TIME, 5)),
        (
            "predictive:busy=90,max-overdial=2",
            Predictive(OptimizeBy.BUSY_FACTOR, 90, max_overdial=2),
        ),
        (" Progressive : ratio = 1.5 ", Progressive(1.5)),
    ],
)
def test_parse_policy_builds_each_form(spec: str, expected: Any) -> None:
    """Each spec form the simulate command takes gives its policy."""
    assert parse_policy(spec) == expected


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "turbo",
        "preview:ratio=2",
        "progressive:ratio",
        "progressive:ratio=",
        "progressive:ratio=fast",
        "progressive:ratio=0",
        "progressive:speed=2",
        "progressive:ratio=1,ratio=2",
        "service-level",
        "service-level:percent=eighty",
        "service-level:percent=80,rule=maybe",
        "predictive:overdial=3,busy=80",
        "predictive:overdial=300",
        "predictive:distribution=5",
    ],
)
def test_parse_policy_refuses_bad_specs(spec: Any) -> None:
    """A bad spec raises ValidationError, never a bare ValueError or KeyError."""
    with pytest.raises(ValidationError):
        parse_policy(spec)


# --- review fixes: bounded work, bounded input --------------------------------


@pytest.mark.parametrize("hit_ratio", [2.2e-20, 5e-324, 1e-4, MIN_HIT_RATIO / 2])
def test_predictive_with_a_negligible_hit_ratio_paces_progressively(
    hit_ratio: float,
) -> None:
    """A list that stopped answering is paced as with no estimate: one per agent."""
    s = snap(agents_ready=10, hit_ratio=hit_ratio, channels_free=30)
    decision = pace(s, OVERDIAL)
    assert (decision.calls, decision.limited_by) == (10, None)
    assert "progressive" in decision.reason


def test_predictive_at_the_smallest_hit_ratio_still_models() -> None:
    """At MIN_HIT_RATIO the model runs: it launches far more than Progressive."""
    s = snap(agents_ready=10, hit_ratio=MIN_HIT_RATIO, channels_free=30)
    decision = pace(s, OVERDIAL)
    assert (decision.calls, decision.limited_by) == (30, "channels")
    assert decision.reason.startswith("predictive: calls while abandon risk <= ")


def test_predictive_never_launches_more_than_the_sane_cap() -> None:
    """However many answers the agents could take, one decision stays <= the cap."""
    s = snap(agents_ready=200, hit_ratio=MIN_HIT_RATIO)
    assert pace(s, OVERDIAL).calls == MAX_PREDICTIVE_CALLS
    s = snap(agents_ready=200, calls_dialing=MAX_PREDICTIVE_CALLS, hit_ratio=0.001)
    assert 0 < pace(s, OVERDIAL).calls <= MAX_PREDICTIVE_CALLS


def count_model_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the model evaluations pace makes (the work a decision does)."""
    seen: list[int] = []
    evaluate = _risk.Model.risk

    def counted(self: Any, n: int) -> float:
        seen.append(n)
        return evaluate(self, n)

    monkeypatch.setattr(_risk.Model, "risk", counted)
    return seen


@pytest.mark.parametrize(
    "s",
    [
        snap(agents_ready=1000, hit_ratio=0.3),
        snap(agents_ready=5000, hit_ratio=0.3),
        snap(
            agents_ready=100,
            agents_busy=900,
            calls_dialing=400,
            hit_ratio=0.3,
            answered=50_000,
            abandoned=500,
        ),
        snap(agents_ready=2, agents_busy=18, hit_ratio=0.3, channels_free=500),
        snap(agents_ready=50, hit_ratio=0.3, answered=1000, abandoned=31),
    ],
)
def test_predictive_asks_the_model_a_few_dozen_times_at_most(
    s: PacingSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count is found by galloping and bisection, not by a scan of every n."""
    for policy in (OVERDIAL, Predictive(OptimizeBy.BUSY_FACTOR, 85)):
        seen = count_model_calls(monkeypatch)
        pace(s, policy)
        assert len(seen) <= 80
        assert len(seen) == len(set(seen))  # each count is evaluated once


def test_a_limit_bounds_the_search_but_not_the_decision() -> None:
    """Channels cut a count the model would go past, and the decision says so."""
    s = snap(agents_ready=50, hit_ratio=0.3, answered=10_000, abandoned=100)
    assert pace(s, OVERDIAL).calls > 60
    limited = pace(attrs.evolve(s, channels_free=20), OVERDIAL)
    assert (limited.calls, limited.limited_by) == (20, "channels")
    busy = Predictive(OptimizeBy.BUSY_FACTOR, 99)
    limited = pace(attrs.evolve(s, channels_free=20), busy)
    assert (limited.calls, limited.limited_by) == (20, "channels")


def test_busy_and_wait_goals_may_launch_fewer_than_progressive() -> None:
    """BUSY_FACTOR and WAIT_TIME search from 0: a met goal needs no floor."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3)
    progressive = pace(s, Progressive()).calls
    assert pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 50)).calls < progressive
    assert pace(s, Predictive(OptimizeBy.WAIT_TIME, 600)).calls < progressive
    assert pace(s, OVERDIAL).calls >= progressive


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Progressive(1e308), "ratio"),
        (lambda: Power(1e308), "ratio"),
        (lambda: Progressive(MAX_RATIO * 1.01), "ratio"),
        (lambda: parse_policy("progressive:ratio=1e308"), "ratio"),
        (lambda: parse_policy("power:ratio=1e308"), "ratio"),
        (lambda: snap(agents_ready=10**400), "agents_ready"),
        (lambda: snap(agents_ready=MAX_AGENTS + 1), "agents_ready"),
        (lambda: snap(agents_busy=MAX_AGENTS + 1), "agents_busy"),
        (lambda: snap(calls_waiting=10**400), "calls_waiting"),
        (lambda: snap(calls_dialing=MAX_COUNT + 1), "calls_dialing"),
        (lambda: snap(answered=10**400), "answered"),
        (lambda: snap(records_available=10**400), "records_available"),
        (lambda: ServiceLevel(MAX_SERVICE_LEVEL + 1), "percent"),
        (lambda: Estimate(attempts=10**400), "attempts"),
        (lambda: Estimate(warmup=MAX_COUNT + 1), "warmup"),
    ],
)
def test_huge_inputs_are_refused_not_overflowed(make: Any, field: str) -> None:
    """Counts and ratios beyond their documented bounds are ValidationErrors."""
    with pytest.raises(ValidationError) as info:
        make()
    assert info.value.field == field


def test_the_largest_inputs_still_give_a_decision() -> None:
    """Every input at its bound gives a decision, never an OverflowError."""
    biggest = snap(
        agents_ready=MAX_AGENTS,
        agents_busy=MAX_AGENTS,
        calls_dialing=MAX_COUNT,
        calls_waiting=MAX_COUNT,
        hit_ratio=1.0,
        mean_handle_time=1e308,
        mean_answer_time=1e308,
        answered=MAX_COUNT,
        abandoned=MAX_COUNT,
    )
    for policy in (Progressive(MAX_RATIO), Power(MAX_RATIO), OVERDIAL):
        assert pace(biggest, policy).calls == 0
    ready = snap(agents_ready=MAX_AGENTS, hit_ratio=0.5, mean_handle_time=5e-324)
    assert pace(ready, Progressive(MAX_RATIO)).calls == MAX_AGENTS * 1000
    coded = ServiceLevel(MAX_SERVICE_LEVEL, rule="coded")
    assert pace(ready, coded).calls == MAX_AGENTS * 1000
    assert pace(ready, OVERDIAL).calls == MAX_PREDICTIVE_CALLS
    assert pace(ready, Power(MAX_RATIO)).calls == MAX_AGENTS * 1000


def test_estimate_counts_saturate_at_the_bound() -> None:
    """An estimate at MAX_COUNT attempts takes more observations and stays there."""
    e = Estimate(attempts=MAX_COUNT, answers=MAX_COUNT, handles=MAX_COUNT)
    e = update_estimate(
        e, Observation(answered=True, answer_time=5.0, handle_time=60.0)
    )
    assert (e.attempts, e.answers, e.handles) == (MAX_COUNT,) * 3
    assert e.hit_ratio == pytest.approx(0.002)


@pytest.mark.parametrize("tiny", [1e-300, 5e-324])
def test_estimate_keeps_a_tiny_time(tiny: float) -> None:
    """A first observation replaces the prior exactly, however small it is."""
    e = update_estimate(Estimate(), Observation(handle_time=tiny, answer_time=tiny))
    assert e.mean_handle_time == e.mean_answer_time == tiny
    e = update_estimate(
        Estimate(mean_handle_time=tiny, handles=1), Observation(handle_time=tiny)
    )
    assert e.mean_handle_time == tiny


def test_estimate_blend_stays_between_its_inputs() -> None:
    """The smoothed mean lies between the old mean and the new value."""
    e = Estimate(mean_handle_time=1e308, handles=10**6, smoothing=0.5)
    assert update_estimate(e, Observation(handle_time=1e308)).mean_handle_time == (
        1e308
    )
    e = Estimate(mean_handle_time=0.1, handles=3)
    blended = update_estimate(e, Observation(handle_time=0.3)).mean_handle_time
    assert blended == pytest.approx(0.15)


@pytest.mark.parametrize(
    "spec", ["predictive:max-overdial=2", "predictive:overdial=3,max-overdial=2"]
)
def test_parse_policy_refuses_max_overdial_with_an_overdial_goal(spec: str) -> None:
    """max-overdial would be ignored next to an overdial goal, so it is refused."""
    with pytest.raises(ValidationError, match="max-overdial only with busy or wait"):
        parse_policy(spec)
    assert parse_policy("predictive:wait=5,max-overdial=2").max_overdial == 2.0


# --- the model's binomial terms -------------------------------------------------


def exact_pmf(trials: int, p: float, j: int) -> float:
    """P(X = j) for X ~ Binomial(trials, p), from logs of the exact formula."""
    if j < 0 or j > trials:
        return 0.0
    log = (
        math.lgamma(trials + 1)
        - math.lgamma(j + 1)
        - math.lgamma(trials - j + 1)
        + j * math.log(p)
        + (trials - j) * math.log1p(-p)
    )
    return math.exp(log)


@pytest.mark.parametrize(
    ("trials", "p"),
    [(10, 0.3), (400, 0.3), (3000, 0.3), (10**6, 0.5), (5, 1.0), (5, 0.0), (0, 0.3)],
)
def test_binomial_terms_are_the_binomial(trials: int, p: float) -> None:
    """The kept terms match the exact pmf, and the dropped ones are negligible."""
    first, terms = _risk.binomial(trials, p)
    kept = dict(enumerate(terms, start=first))
    if p in (0.0, 1.0) or trials == 0:
        assert kept == {(trials if p >= 1.0 else 0): 1.0}
        return
    assert sum(terms) == pytest.approx(1.0, abs=1e-9)
    for j in range(max(0, first - 5), min(trials, first + len(terms) + 5) + 1):
        if j in kept:
            assert kept[j] == pytest.approx(exact_pmf(trials, p, j), rel=1e-8)
        else:
            assert exact_pmf(trials, p, j) < 1e-11
