"""The seeded simulator: deterministic, consistent, and it tells policies apart."""

from __future__ import annotations

import random
from typing import Any

import attrs
import pytest

from campaignkit import OptimizeBy, ValidationError
from campaignkit.pacing import Predictive, Preview, Progressive
from campaignkit.sim import (
    MAX_DURATION,
    MAX_SIM_AGENTS,
    MIN_PACING_INTERVAL,
    Exponential,
    Fixed,
    Scenario,
    Uniform,
    simulate,
)

SHORT = Scenario(agents=10, hit_ratio=0.3, duration=1800.0)


def test_same_seed_same_result_and_no_global_randomness() -> None:
    """A seed fixes the run; the global random generator is neither used nor moved."""
    random.seed(123)
    before = random.getstate()
    a = simulate(Predictive(OptimizeBy.OVERDIAL_RATE, 3), SHORT, seed=7)
    assert random.getstate() == before
    b = simulate(Predictive(OptimizeBy.OVERDIAL_RATE, 3), SHORT, seed=7)
    assert a == b
    c = simulate(Predictive(OptimizeBy.OVERDIAL_RATE, 3), SHORT, seed=8)
    assert c != a


def test_counts_are_consistent() -> None:
    """Dialed >= answered >= abandoned; the minutes add up to the totals."""
    r = simulate(Predictive(OptimizeBy.OVERDIAL_RATE, 3), SHORT, seed=1)
    assert r.calls_dialed >= r.calls_answered >= r.calls_abandoned >= 0
    assert len(r.minutes) == 30
    assert sum(m.dialed for m in r.minutes) == r.calls_dialed
    assert sum(m.answered for m in r.minutes) == r.calls_answered
    assert sum(m.abandoned for m in r.minutes) == r.calls_abandoned
    assert all(0.0 <= m.busy_factor <= 1.0 for m in r.minutes)
    mean_minute = sum(m.busy_factor for m in r.minutes) / len(r.minutes)
    assert mean_minute == pytest.approx(r.busy_factor)
    assert r.counters.dialed == r.calls_dialed
    assert r.mean_agent_wait is not None
    assert r.mean_agent_wait > 0


def test_progressive_never_abandons_and_predictive_is_busier() -> None:
    """Progressive never abandons; Predictive keeps agents busier within the cap."""
    scenario = Scenario(agents=20, hit_ratio=0.3, duration=3600.0)
    prog = simulate(Progressive(), scenario, seed=3)
    pred = simulate(Predictive(OptimizeBy.OVERDIAL_RATE, 3), scenario, seed=3)
    assert prog.calls_abandoned == 0
    assert prog.abandonment_rate == 0.0
    assert pred.busy_factor > prog.busy_factor + 0.05
    assert pred.abandonment_rate is not None
    assert pred.abandonment_rate <= 0.03


def test_strict_variant_abandons_at_once() -> None:
    """With abandon-after 0 an answer that finds no agent is abandoned at once."""
    scenario = Scenario(
        agents=3, hit_ratio=1.0, duration=600.0, abandon_after=0.0, pacing_interval=5.0
    )
    r = simulate(Progressive(ratio=3.0), scenario, seed=2)
    assert r.calls_abandoned > 0


def test_waiting_calls_get_the_next_free_agent() -> None:
    """A long grace lets answered calls wait for an agent instead of abandoning."""
    greedy = Progressive(ratio=3.0)
    base: dict[str, Any] = {"agents": 3, "hit_ratio": 1.0, "duration": 600.0}
    patient = simulate(greedy, Scenario(**base, abandon_after=600.0), seed=2)
    impatient = simulate(greedy, Scenario(**base, abandon_after=0.5), seed=2)
    assert patient.calls_abandoned < impatient.calls_abandoned


def test_preview_places_no_call() -> None:
    """Preview dials nothing, so nothing is answered and figures are undefined."""
    r = simulate(Preview(), SHORT, seed=0)
    assert (r.calls_dialed, r.busy_factor) == (0, 0.0)
    assert r.abandonment_rate is None
    assert r.mean_agent_wait is None


def test_other_distributions_and_a_partial_last_minute() -> None:
    """Fixed and uniform times work; a run may end mid-minute."""
    scenario = Scenario(
        agents=4,
        hit_ratio=0.5,
        handle_time=Uniform(60.0, 120.0),
        answer_time=Fixed(8.0),
        duration=150.0,
    )
    r = simulate(Progressive(), scenario, seed=5)
    assert len(r.minutes) == 3
    assert r.calls_answered > 0
    assert Fixed(8.0).mean == 8.0
    assert Uniform(2.0, 4.0).mean == 3.0
    assert Fixed(8.0).sample(random.Random(0)) == 8.0


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: Scenario(agents=0, hit_ratio=0.3), "agents"),
        (lambda: Scenario(agents=5, hit_ratio=1.3), "hit_ratio"),
        (lambda: Scenario(agents=5, hit_ratio=0.3, duration=0), "duration"),
        (lambda: Scenario(agents=5, hit_ratio=0.3, abandon_after=-1), "abandon_after"),
        (lambda: Scenario(agents=5, hit_ratio=0.3, handle_time=180), "handle_time"),
        (lambda: Exponential(0.0), "mean"),
        (lambda: Uniform(5.0, 1.0), "high"),
    ],
)
def test_scenario_refuses_bad_values(make: Any, field: str) -> None:
    """Bad scenarios and distributions raise ValidationError naming the field."""
    with pytest.raises(ValidationError) as info:
        make()
    assert info.value.field == field


def test_simulate_refuses_bad_arguments() -> None:
    """A wrong scenario or seed raises ValidationError."""
    with pytest.raises(ValidationError, match="scenario"):
        simulate(Progressive(), {"agents": 1}, seed=0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="seed"):
        simulate(Progressive(), SHORT, seed="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (
            lambda: Scenario(agents=5, hit_ratio=0.3, pacing_interval=1e-20),
            "pacing_interval",
        ),
        (
            lambda: Scenario(agents=5, hit_ratio=0.3, pacing_interval=0.001),
            "pacing_interval",
        ),
        (
            lambda: Scenario(agents=5, hit_ratio=0.3, pacing_interval=7200.0),
            "pacing_interval",
        ),
        (lambda: Scenario(agents=5, hit_ratio=0.3, duration=1e12), "duration"),
        (lambda: Scenario(agents=5, hit_ratio=0.3, duration=1e300), "duration"),
        (
            lambda: Scenario(agents=5, hit_ratio=0.3, duration=MAX_DURATION * 2),
            "duration",
        ),
        (lambda: Scenario(agents=MAX_SIM_AGENTS + 1, hit_ratio=0.3), "agents"),
        (
            lambda: Scenario(agents=5, hit_ratio=0.3, abandon_after=1e300),
            "abandon_after",
        ),
        (
            lambda: Scenario(agents=5, hit_ratio=0.3, no_answer_timeout=1e300),
            "no_answer_timeout",
        ),
        (lambda: Exponential(1e308), "mean"),
        (lambda: Fixed(MAX_DURATION + 1), "value"),
        (lambda: Uniform(1.0, 1e300), "high"),
    ],
)
def test_scenario_bounds_what_would_never_finish(make: Any, field: str) -> None:
    """Intervals too short, runs too long and huge times are refused by name."""
    with pytest.raises(ValidationError) as info:
        make()
    assert info.value.field == field


def test_the_bounds_themselves_are_accepted() -> None:
    """The shortest interval and the longest run are allowed."""
    s = Scenario(
        agents=MAX_SIM_AGENTS,
        hit_ratio=0.3,
        duration=MAX_DURATION,
        pacing_interval=MIN_PACING_INTERVAL,
    )
    assert (s.duration, s.pacing_interval) == (MAX_DURATION, MIN_PACING_INTERVAL)
    r = simulate(
        Preview(),
        Scenario(
            agents=1, hit_ratio=0.3, duration=0.05, pacing_interval=MIN_PACING_INTERVAL
        ),
        seed=0,
    )
    assert r.calls_dialed == 0


@pytest.mark.parametrize("tiny", [1e-300, 5e-324])
def test_a_tiny_handle_time_runs(tiny: float) -> None:
    """Handle times far below a second are simulated, not refused by the estimate."""
    scenario = Scenario(
        agents=2,
        hit_ratio=0.5,
        handle_time=Fixed(tiny),
        duration=300.0,
    )
    r = simulate(Predictive(OptimizeBy.OVERDIAL_RATE, 3), scenario, seed=4)
    assert r.calls_answered > 0
    assert r.calls_abandoned == 0  # every agent is free again at once
    assert r.busy_factor < 1e-6
    e = simulate(
        Progressive(), attrs.evolve(scenario, handle_time=Exponential(tiny)), seed=4
    )
    assert e.calls_answered > 0
