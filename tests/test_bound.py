"""The exact pacing bound of benchmarks/bound.py: a small case, quickly."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("scipy")

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bound() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bound", BENCHMARKS / "bound.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bound"] = module
    spec.loader.exec_module(module)
    return module


def test_matches_the_issue_table(bound: ModuleType) -> None:
    assert bound.bound(5, 0.3) == pytest.approx(0.784, abs=0.002)
    assert bound.bound(10, 0.3) == pytest.approx(0.829, abs=0.002)


def test_policy_is_a_threshold_that_spends_the_cap(bound: ModuleType) -> None:
    solution = bound.optimal_policy(5, 0.3)
    assert not solution.truncated
    assert solution.abandon_ratio == pytest.approx(0.03, abs=1e-6)
    assert solution.price > 0
    thresholds = [level.threshold for level in solution.levels]
    assert thresholds == sorted(thresholds, reverse=True)
    assert thresholds[-1] == 0  # never dial while every agent talks
    assert sum(level.mixed is not None for level in solution.levels) <= 1


def test_no_cap_is_the_unconstrained_optimum(bound: ModuleType) -> None:
    loose = bound.optimal_policy(5, 0.3, alpha=1.0, max_in_flight=25)
    free = bound.optimal_policy(5, 0.3, alpha=None, max_in_flight=25)
    assert loose.bound == pytest.approx(free.bound, abs=1e-7)
    assert loose.price == pytest.approx(0.0, abs=1e-7)
    assert loose.bound > bound.bound(5, 0.3)


def test_a_larger_alpha_never_lowers_the_bound(bound: ModuleType) -> None:
    values = [bound.bound(5, 0.3, alpha=a) for a in (0.0, 0.01, 0.03, 0.05, 0.1)]
    assert values == sorted(values)
    assert values[0] > 0


def test_looser_truncation_does_not_move_the_bound(bound: ModuleType) -> None:
    tight = bound.optimal_policy(10, 0.3)
    loose = bound.optimal_policy(10, 0.3, slack=3.0)
    assert loose.states > tight.states
    assert loose.bound == pytest.approx(tight.bound, abs=1e-6)


def test_evaluate_reproduces_the_lp_policy(bound: ModuleType) -> None:
    solution = bound.optimal_policy(5, 0.3)
    levels = {level.busy: level.threshold for level in solution.levels}
    low = min(levels)
    policy = [levels.get(b, levels[low] + 4 * (low - b)) for b in range(6)]
    busy, abandoned = bound.evaluate(5, 0.3, policy)
    # the LP randomises in one state; rounding its launch up or down brackets it
    assert busy == pytest.approx(solution.bound, abs=0.01)
    assert abandoned == pytest.approx(0.03, abs=0.01)


def test_stored_grid_is_complete(bound: ModuleType) -> None:
    rows = json.loads((BENCHMARKS / "bound_grid.json").read_text())
    cases = {(row["agents"], row["hit_ratio"]) for row in rows}
    assert cases == {(n, p) for n in (5, 10, 20, 50, 100) for p in (0.15, 0.3, 0.5)}
    stored = {(row["agents"], row["hit_ratio"]): row["bound"] for row in rows}
    assert stored[5, 0.3] == pytest.approx(bound.bound(5, 0.3), abs=1e-6)
