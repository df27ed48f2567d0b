"""sim.sweep: the grid in order, on any executor, with progress."""

from __future__ import annotations

import concurrent.futures as cf
import csv
import io

import pytest

from campaignkit import OptimizeBy, _sweep, distributions, sim
from campaignkit.pacing import Predictive, Progressive
from campaignkit.sim import Scenario, simulate, sweep

POLICIES = {
    "progressive": Progressive(),
    "predictive": Predictive(OptimizeBy.OVERDIAL_RATE, 3),
}
SCENARIOS = {
    "3 agents": Scenario(agents=3, hit_ratio=0.3, duration=120.0),
    "2 agents": Scenario(agents=2, hit_ratio=0.5, duration=60.0),
}


def test_rows_are_one_per_run_in_grid_order() -> None:
    """Scenario, then policy, then seed; each row is the run's own figures."""
    calls: list[tuple[int, int]] = []
    rows = sweep(
        POLICIES, SCENARIOS, [0, 1], progress=lambda d, t: calls.append((d, t))
    )
    assert [(r["scenario_label"], r["policy_label"], r["seed"]) for r in rows] == [
        (s, p, seed) for s in SCENARIOS for p in POLICIES for seed in (0, 1)
    ]
    assert calls == [(n, 8) for n in range(9)]
    one = simulate(POLICIES["predictive"], SCENARIOS["2 agents"], seed=1)
    assert rows[-1] == {
        "policy_label": "predictive",
        "scenario_label": "2 agents",
        **one.row(),
    }


def test_a_process_pool_gives_the_same_rows() -> None:
    """Rows do not depend on who ran them (two worker processes here)."""
    here = sweep(POLICIES, SCENARIOS, [0, 1])
    done: list[int] = []
    with cf.ProcessPoolExecutor(max_workers=2) as pool:
        there = sweep(
            POLICIES,
            SCENARIOS,
            [0, 1],
            executor=pool,
            progress=lambda d, t: done.append(d),
        )
    assert there == here
    assert sorted(done) == list(range(9))
    with cf.ThreadPoolExecutor(max_workers=2) as threads:
        assert sweep(POLICIES, SCENARIOS, [0, 1], executor=threads) == here


def test_unlabelled_grids_use_reprs_and_rows_tabulate() -> None:
    """Plain lists are labelled by repr; rows go to pandas and csv as they are."""
    rows = sweep([Progressive()], [SCENARIOS["2 agents"]], range(2))
    assert rows[0]["policy_label"] == "Progressive(ratio=1.0)"
    assert rows[0]["scenario_label"].startswith("Scenario(agents=2")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    assert out.getvalue().count("\n") == 3
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(rows)
    assert {"busy_factor", "overdial_rate", "seed"} <= set(frame.columns)
    assert sweep([], [], [0]) == []


def test_sweep_and_the_distributions_are_importable_from_sim() -> None:
    """They live in their own modules; campaignkit.sim keeps offering them."""
    assert sim.sweep is _sweep.sweep
    for name in distributions.__all__:
        assert getattr(sim, name) is getattr(distributions, name)
