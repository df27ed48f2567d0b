"""``sim.sweep``: a grid of simulated runs on any executor, as flat rows."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from campaignkit.pacing import Policy

if TYPE_CHECKING:
    from campaignkit.sim import Scenario


def _row(
    policy_label: str, scenario_label: str, job: tuple[Any, ...]
) -> dict[str, Any]:
    from campaignkit.sim import simulate  # sim imports this module

    policy, scenario, seed = job
    return {
        "policy_label": policy_label,
        "scenario_label": scenario_label,
        **simulate(policy, scenario, seed=seed).row(),
    }


def _labelled(items: Mapping[str, Any] | Iterable[Any]) -> list[tuple[str, Any]]:
    if isinstance(items, Mapping):
        return list(items.items())
    return [(repr(item), item) for item in items]


def sweep(
    policies: Mapping[str, Policy] | Iterable[Policy],
    scenarios: Mapping[str, Scenario] | Iterable[Scenario],
    seeds: Iterable[int],
    *,
    executor: cf.Executor | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> list[dict[str, Any]]:
    """Run every policy on every scenario and seed; one flat row per run.

    Rows come in grid order (scenario, then policy, then seed) whoever ran them:
    :meth:`~campaignkit.sim.SimResult.row` plus ``policy_label`` and
    ``scenario_label`` (the mapping's keys, or each value's ``repr``).

    Args:
        policies: The policies, or a mapping of labels to policies.
        scenarios: The scenarios, or a mapping of labels to scenarios.
        seeds: The seeds each pair runs with.
        executor: Any :class:`concurrent.futures.Executor` to run on (a process
            pool, a cluster's executor); None runs here, one after another.
        progress: Called with ``(done, total)``, first with 0 and after each run.

    >>> from campaignkit.pacing import Progressive
    >>> from campaignkit.sim import Scenario
    >>> rows = sweep({"x1": Progressive()},
    ...              {"tiny": Scenario(agents=2, hit_ratio=0.5, duration=60)}, [0, 1])
    >>> [(r["policy_label"], r["scenario_label"], r["seed"]) for r in rows]
    [('x1', 'tiny', 0), ('x1', 'tiny', 1)]
    """
    seed_list = list(seeds)
    jobs = [
        (p_label, s_label, (policy, scenario, seed))
        for s_label, scenario in _labelled(scenarios)
        for p_label, policy in _labelled(policies)
        for seed in seed_list
    ]
    total = len(jobs)
    if progress is not None:
        progress(0, total)
    rows: list[dict[str, Any]] = [{}] * total  # each filled in its grid place
    if executor is None:
        finished = ((i, _row(*job)) for i, job in enumerate(jobs))
    else:
        futures = {executor.submit(_row, *job): i for i, job in enumerate(jobs)}
        finished = ((futures[f], f.result()) for f in cf.as_completed(futures))
    for done, (i, row) in enumerate(finished, start=1):
        rows[i] = row
        if progress is not None:
            progress(done, total)
    return rows
