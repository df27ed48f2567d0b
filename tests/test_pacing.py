"""Pacing policies on hand-computed snapshots."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

from campaignkit import CampaignGroup, DialMode, OptimizeBy, ValidationError, pacing
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
        (lambda: Predictive(OptimizeBy.DISTRIBUTION_TIME, 10), "optimize_by"),
        (lambda: Predictive(OptimizeBy.MAXIMUM_GAIN, 10), "optimize_by"),
        (lambda: Predictive(2, 3), "optimize_by"),  # type: ignore[arg-type]
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
    """A WAIT_TIME goal is seconds, so it may exceed 100."""
    assert Predictive(OptimizeBy.WAIT_TIME, 300).goal == 300


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


def test_pace_refuses_what_is_not_a_snapshot_or_policy() -> None:
    """A wrong argument to pace is named instead of failing with AttributeError."""
    with pytest.raises(ValidationError, match="snapshot"):
        pace({"agents_ready": 1}, Preview())  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="policy"):
        pace(snap(agents_ready=1), "progressive")  # type: ignore[arg-type]


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
        assert "no hit-ratio" in decision.reason


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


def test_predictive_expected_overdial_is_within_goal_by_hand() -> None:
    """One ready agent, hit ratio 1: a second call would be abandoned for sure."""
    s = snap(agents_ready=1, hit_ratio=1.0)
    assert pace(s, OVERDIAL).calls == 1
    # a window of 99 answers, none abandoned, has room for 3 % of 101 = 3.03
    # abandons, but a second call alone would overdial 50 %: still one call.
    s = snap(agents_ready=1, hit_ratio=1.0, answered=99)
    assert pace(s, OVERDIAL).calls == 1


def test_predictive_holds_back_when_the_window_is_over_the_goal() -> None:
    """A window already above the goal gets only calls that cannot abandon."""
    fresh = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3)
    bad = snap(
        agents_ready=5, agents_busy=15, hit_ratio=0.3, answered=100, abandoned=10
    )
    assert pace(bad, OVERDIAL).calls == 5  # Progressive's count
    assert pace(fresh, OVERDIAL).calls > 5


def test_predictive_credits_busy_agents_freeing() -> None:
    """Busy agents that free within the horizon let it launch more."""
    few = snap(agents_ready=2, agents_busy=0, hit_ratio=0.3, mean_handle_time=60.0)
    many = snap(agents_ready=2, agents_busy=30, hit_ratio=0.3, mean_handle_time=60.0)
    assert pace(many, OVERDIAL).calls > pace(few, OVERDIAL).calls


def test_predictive_counts_calls_in_flight_and_waiting() -> None:
    """Calls already dialing or waiting reduce what is launched."""
    base = snap(agents_ready=5, agents_busy=5, hit_ratio=0.3)
    dialing = snap(agents_ready=5, agents_busy=5, hit_ratio=0.3, calls_dialing=6)
    waiting = snap(agents_ready=5, agents_busy=5, hit_ratio=0.3, calls_waiting=4)
    assert pace(dialing, OVERDIAL).calls < pace(base, OVERDIAL).calls
    assert pace(waiting, OVERDIAL).calls < pace(base, OVERDIAL).calls


def test_predictive_with_more_waiting_than_ready_launches_nothing() -> None:
    """Answered calls waiting beyond the ready agents leave no room at all."""
    s = snap(agents_ready=1, agents_busy=1, hit_ratio=0.3, calls_waiting=3)
    assert pace(s, OVERDIAL).calls == 0


def test_busy_factor_goal_picks_the_fewest_calls() -> None:
    """A higher busy-factor goal needs more calls; a low one may need none."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3)
    low = pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 50))
    high = pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 85))
    assert low.calls == 0
    assert 0 < high.calls <= pace(s, OVERDIAL).calls
    assert "fewest" in high.reason


def test_wait_time_goal_picks_the_fewest_calls() -> None:
    """A shorter agent wait needs more calls."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3)
    long_wait = pace(s, Predictive(OptimizeBy.WAIT_TIME, 600)).calls
    short_wait = pace(s, Predictive(OptimizeBy.WAIT_TIME, 20)).calls
    assert long_wait == 0
    assert short_wait > long_wait


def test_unreachable_goal_stops_at_the_overdial_cap() -> None:
    """A goal the model cannot reach is capped by max_overdial."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3)
    busy = pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 100))
    wait = pace(s, Predictive(OptimizeBy.WAIT_TIME, 0))
    cap = pace(s, Predictive(OptimizeBy.OVERDIAL_RATE, 3)).calls
    assert busy.calls == wait.calls == cap
    assert "unreachable" in busy.reason


def test_busy_goal_with_all_agents_ready_and_calls_waiting() -> None:
    """Answered calls waiting beyond the supply make every agent busy already."""
    s = snap(agents_ready=1, hit_ratio=0.5, calls_waiting=1)
    assert pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 99)).calls == 0


def test_none_method_keeps_max_overdial() -> None:
    """OptimizeBy.NONE is OVERDIAL_RATE with max_overdial as the goal."""
    s = snap(agents_ready=10, agents_busy=10, hit_ratio=0.2)
    none = pace(s, Predictive(OptimizeBy.NONE, 0, max_overdial=3)).calls
    assert none == pace(s, OVERDIAL).calls


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


def test_policy_for_refuses_mode_none_and_unsupported_methods() -> None:
    """Dial mode NONE and unsupported optimizations raise ValidationError."""
    with pytest.raises(ValidationError, match="dial_mode"):
        policy_for(group(dial_mode=DialMode.NONE))
    with pytest.raises(ValidationError, match="optimize_by"):
        policy_for(group(optimize_by=OptimizeBy.MAXIMUM_GAIN))
    with pytest.raises(ValidationError, match="group"):
        policy_for("c@g")  # type: ignore[arg-type]


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
    with pytest.raises(ValidationError, match="observation"):
        update_estimate(Estimate(), {"answered": True})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="estimate"):
        update_estimate(None, Observation())  # type: ignore[arg-type]


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
    assert "negligible" in decision.reason


def test_predictive_at_the_smallest_hit_ratio_still_models() -> None:
    """At MIN_HIT_RATIO the model runs: it launches far more than Progressive."""
    s = snap(agents_ready=10, hit_ratio=MIN_HIT_RATIO, channels_free=30)
    assert pace(s, OVERDIAL) == PacingDecision(
        calls=30,
        limited_by="channels",
        reason="predictive: most calls with overdial <= 3.0%; limited by channels",
    )


def test_predictive_never_launches_more_than_the_sane_cap() -> None:
    """However many answers the agents could take, one decision stays <= the cap."""
    s = snap(agents_ready=200, hit_ratio=MIN_HIT_RATIO)
    assert pace(s, OVERDIAL).calls == MAX_PREDICTIVE_CALLS
    s = snap(agents_ready=200, calls_dialing=MAX_PREDICTIVE_CALLS, hit_ratio=0.001)
    assert pace(s, OVERDIAL).calls == MAX_PREDICTIVE_CALLS


def count_model_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the model evaluations pace makes (the work a decision does)."""
    seen: list[int] = []
    evaluate = pacing._Model.abandons_and_idle

    def counted(self: Any, n: int) -> tuple[float, float]:
        seen.append(n)
        return evaluate(self, n)

    monkeypatch.setattr(pacing._Model, "abandons_and_idle", counted)
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
        assert 0 < len(seen) <= 80
        assert len(seen) == len(set(seen))  # each count is evaluated once


def test_a_limit_bounds_the_search_but_not_the_decision() -> None:
    """A window over goal needs many calls to be within it; channels cut them."""
    s = snap(agents_ready=50, hit_ratio=0.3, answered=1000, abandoned=31)
    free = pace(s, OVERDIAL)
    assert free.calls > 100  # enough expected answers to dilute the window
    limited = pace(attrs.evolve(s, channels_free=20), OVERDIAL)
    assert (limited.calls, limited.limited_by) == (20, "channels")
    busy = Predictive(OptimizeBy.BUSY_FACTOR, 99)
    limited = pace(attrs.evolve(s, channels_free=20), busy)
    assert (limited.calls, limited.limited_by) == (20, "channels")
    assert "more calls than allowed" in limited.reason


def test_busy_and_wait_goals_may_launch_fewer_than_progressive() -> None:
    """BUSY_FACTOR and WAIT_TIME search from 0: a met goal needs no floor."""
    s = snap(agents_ready=5, agents_busy=15, hit_ratio=0.3)
    progressive = pace(s, Progressive()).calls
    assert pace(s, Predictive(OptimizeBy.BUSY_FACTOR, 50)).calls < progressive
    assert pace(s, Predictive(OptimizeBy.WAIT_TIME, 600)).calls < progressive
    assert pace(s, OVERDIAL).calls >= progressive


def test_predictive_docstring_states_where_each_search_starts() -> None:
    """The Predictive docstring no longer claims every count is >= Progressive's."""
    doc = Predictive.__doc__ or ""
    assert "The count is never below Progressive's" not in doc
    assert "from 0 up" in doc


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
    ("trials", "p", "stop"),
    [
        (10, 0.3, 11),
        (10, 0.3, 4),
        (400, 0.3, 500),  # mode above 100: built from the mode
        (3000, 0.3, 2000),  # P(X = 0) underflows
        (3000, 0.3, 600),  # the mode is past stop: walk down from stop - 1
        (10**6, 0.5, 100),  # nothing below stop
        (5, 1.0, 9),
        (5, 1.0, 3),
        (5, 0.0, 3),
        (0, 0.3, 3),
        (5, 0.3, 0),
    ],
)
def test_binomial_terms_are_the_binomial(trials: int, p: float, stop: int) -> None:
    """The kept terms match the exact pmf, and the dropped ones are negligible."""
    first, terms = pacing._binomial_terms(trials, p, stop)
    assert first + len(terms) <= max(stop, 1) or (p >= 1.0 and trials < stop)
    if p in (0.0, 1.0) or trials == 0:
        expected = [
            1.0 if j == (trials if p >= 1.0 else 0) else 0.0 for j in range(stop)
        ]
        kept = dict(enumerate(terms, start=first))
        assert all(kept.get(j, 0.0) == expected[j] for j in range(stop))
        return
    kept = dict(enumerate(terms, start=first))
    for j in range(min(stop, trials + 1)):
        assert kept.get(j, 0.0) == pytest.approx(
            exact_pmf(trials, p, j), rel=1e-9, abs=1e-17
        )
        if j not in kept:
            assert exact_pmf(trials, p, j) < 1e-17


@pytest.mark.parametrize(
    ("first", "terms", "low", "high"),
    [
        (0, [0.5, 0.5], 1, 4),
        (3, [0.25, 0.5, 0.25], 1, 8),
        (3, [0.25, 0.5, 0.25], 5, 5),
        (3, [0.25, 0.5, 0.25], 1, 2),
        (0, [0.5, 0.5], 1, 2000),  # far past the mass: the closed form
        (5, [], 1, 3),
    ],
)
def test_shortfalls_are_the_expected_shortfall(
    first: int, terms: list[float], low: int, high: int
) -> None:
    """E[(k - X)+] for each k in low..high, as the plain sum gives it."""
    pmf = dict(enumerate(terms, start=first))
    expected = [
        sum((k - j) * w for j, w in pmf.items() if j < k) for k in range(low, high + 1)
    ]
    got = pacing._shortfalls(first, terms, low, high)
    assert got == pytest.approx(expected)
