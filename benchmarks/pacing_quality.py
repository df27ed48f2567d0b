"""The pacing quality targets, measured in the real simulator (``campaignkit.sim``).

Every run is ``campaignkit.sim.simulate`` (through ``sim.sweep`` on a process
pool): the simulator a host's notebook uses, with its own estimates and its own
``AbandonmentLedger`` filling the snapshot, not a copy of the model. Figures are
per run, never averaged: "worst" is the worst run's abandonment.

1. ``grid``: the Markov grid (``Scenario.markov``: resolution Exp(15 s), talk
   Exp(120 s), 0 s grace, ``pace`` every second and after each event), 8-hour
   runs, as a fraction of the exact bound in ``bound_grid.json``
   (``benchmarks/bound.py``). Targets: ``Predictive(OVERDIAL_RATE, 3)`` at >= 0.95
   of the bound in every case, and abandonment <= 3 % in at least 19 of 20 runs
   (here: in all but ``seeds // 20`` runs). ``--compare`` also runs
   ``benchmarks/markov.py``'s lean simulator on the same cases and seeds.
2. ``classic``: the first benchmark's scenarios (handle Exp(180 s), live answers
   after Exp(10 s), no answer at 25 s; 2 s and 0 s grace) against the previous
   model (``pacing_baseline.py``) at the same goal: busy factor no worse than 0.01
   below it, every run within 3 %.
3. Call patterns off the grid, each against the best fixed goal chosen with
   hindsight for it: the busiest goal of the previous model, from a small set,
   whose runs all stay within 3 % (a dialer tuned per pattern after the fact).
   Targets: busy factor within 0.01 of it, every run within 3 %.
   ``halving``: the hit ratio 0.3 halving to 0.15 at half time (Markov times);
   ``other``: talk fixed at 120 s, lognormal (mean 120 s, CV 1.5), and a talk mean
   drifting from 120 s to 240 s over the run (``sim.Scenario`` has no drift, so
   that row runs in ``benchmarks/markov.py``'s lean simulator);
   ``tiny``: teams of 1-3 agents at hit ratios 0.15, 0.3 and 0.5 (twice the seeds).

4. ``strict`` (not run by default): the same off-grid patterns against the best
   fixed goal of *this* model chosen with hindsight: ``Predictive(OVERDIAL_RATE,
   g)`` for g in ``STRICT_GOALS``, the busiest g whose runs all stay within 3 %;
   goal 3's gap to it is the budget goal 3 leaves on the table. Target: within
   0.01. ``--agents`` picks the teams (1-3: tiny teams at three hit ratios, twice
   the seeds; 10 and 50: halving, fixed and lognormal talk, and with ``--drift``
   the drifting talk in ``markov.py``).

The previous model is not a ``campaignkit.pacing`` policy: ``Baseline(goal)``
stands for it, and ``sim.pace`` is wrapped (in this script only) to ask
``baseline_calls`` for it and clamp the count as ``pace`` does.

Run: python benchmarks/pacing_quality.py [--seeds 3] [--jobs 2] [--full]
[--compare] [--only grid,classic,halving,other,tiny,strict] [--agents 5,10]
[--drift]
(about 20 minutes on two shared cores with the defaults; ``--full --seeds 20 --only
grid``, the whole grid as the targets count it, about 14 minutes)
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import markov
from pacing_baseline import baseline_calls

from campaignkit import sim
from campaignkit.enums import OptimizeBy
from campaignkit.pacing import PacingDecision, PacingSnapshot, Predictive, pace
from campaignkit.sim import Exponential, Fixed, LogNormal, Scenario, sweep

HOUR = 3600.0
CAP = 0.03
GRID_SUBSET = ((5, 0.3), (20, 0.15), (50, 0.3), (100, 0.3))
CLASSIC = ((5, 0.3), (20, 0.3), (50, 0.3), (20, 0.15))
BOUND = {
    (row["agents"], row["hit_ratio"]): row["bound"]
    for row in json.loads(Path(__file__).with_name("bound_grid.json").read_text())
}
NEW = Predictive(OptimizeBy.OVERDIAL_RATE, 3)


@dataclasses.dataclass(frozen=True)
class Baseline:
    """The previous Predictive at ``goal`` (``pacing_baseline.baseline_calls``)."""

    goal: float = 3.0


def _pace(snapshot: PacingSnapshot, policy: Any) -> PacingDecision:
    if not isinstance(policy, Baseline):
        return pace(snapshot, policy)
    calls = max(0, baseline_calls(snapshot, policy.goal))
    if snapshot.channels_free is not None:
        calls = min(calls, snapshot.channels_free)
    return PacingDecision(calls=calls, limited_by=None, reason="baseline")


sim.pace = _pace  # type: ignore[assignment]  # in this script (and its workers)


def classic(agents: int, hit_ratio: float, grace: float, hours: float) -> Scenario:
    """A classic scenario: answers after about 10 s, no answer at 25 s."""
    return Scenario(
        agents=agents,
        hit_ratio=hit_ratio,
        handle_time=Exponential(180.0),
        answer_time=Exponential(10.0),
        no_answer_timeout=25.0,
        abandon_after=grace,
        duration=hours * HOUR,
    )


def _runs(
    policies: dict[str, Any],
    scenarios: dict[str, Scenario],
    seeds: range,
    pool: concurrent.futures.Executor,
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    rows = sweep(policies, scenarios, seeds, executor=pool)
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault((r["scenario_label"], r["policy_label"]), []).append(r)
    return out


def _abandonment(rows: list[dict[str, Any]]) -> list[float]:
    return [r["overdial_rate"] or 0.0 for r in rows]


def _busy(rows: list[dict[str, Any]]) -> float:
    return statistics.mean(r["busy_factor"] for r in rows)


def _within(rows: list[dict[str, Any]]) -> int:
    return sum(a <= CAP for a in _abandonment(rows))


def _cell(rows: list[dict[str, Any]]) -> str:
    return f"{_busy(rows):.3f}, {max(_abandonment(rows)):.2%}"


class Report:
    """Prints tables and collects the verdicts."""

    def __init__(self) -> None:
        self.verdicts: list[tuple[str, bool]] = []

    def check(self, text: str, met: bool) -> None:
        """Record one target and whether it is met."""
        self.verdicts.append((text, met))

    def close(self) -> None:
        """Print every target's verdict."""
        print("### targets\n")
        for text, met in self.verdicts:
            print(f"- {'met' if met else 'NOT MET'}: {text}")


def _markov_job(job: tuple[int, float, float, int]) -> dict[str, Any]:
    agents, hit_ratio, hours, seed = job
    return markov.simulate(
        markov.new_policy(3.0), markov.markov(agents, hit_ratio, hours), seed
    )


def grid(
    args: argparse.Namespace, pool: concurrent.futures.Executor, report: Report
) -> None:
    cases = (
        [(n, p) for n in (5, 10, 20, 50, 100) for p in (0.15, 0.3, 0.5)]
        if args.full
        else list(GRID_SUBSET)
    )
    if args.agents:
        cases = [(n, p) for n, p in cases if str(n) in args.agents.split(",")]
    seeds = range(args.seeds)
    scenarios = {
        f"{n}/{p}": Scenario.markov(n, p, duration=args.hours * HOUR) for n, p in cases
    }
    runs = _runs({"new": NEW}, scenarios, seeds, pool)
    lean: dict[tuple[int, float], list[dict[str, Any]]] = {}
    if args.compare:
        jobs = [(n, p, args.hours, s) for n, p in cases for s in seeds]
        for job, row in zip(jobs, pool.map(_markov_job, jobs), strict=True):
            lean.setdefault(job[:2], []).append(row)
    allowed = args.seeds // 20
    print(f"### Markov grid, {args.hours:g}-hour runs, {args.seeds} seeds\n")
    head = (
        "| team, hit ratio | bound | busy (mean) | fraction | worst run | runs <= 3 % |"
    )
    rule = "|---|---:|---:|---:|---:|---:|"
    if args.compare:
        head += " markov.py: busy, fraction, worst |"
        rule += "---|"
    print(head + "\n" + rule)
    for n, p in cases:
        rows = runs[(f"{n}/{p}", "new")]
        fraction = _busy(rows) / BOUND[(n, p)]
        worst = max(_abandonment(rows))
        line = (
            f"| {n}, {p} | {BOUND[(n, p)]:.3f} | {_busy(rows):.4f} | {fraction:.3f} "
            f"| {worst:.2%} | {_within(rows)}/{len(rows)} |"
        )
        if args.compare:
            other = lean[(n, p)]
            busy = statistics.mean(r["busy"] for r in other)
            line += (
                f" {busy:.4f}, {busy / BOUND[(n, p)]:.3f}, "
                f"{max(r['abandonment'] for r in other):.2%} |"
            )
        print(line)
        report.check(
            f"grid {n}/{p}: >= 0.95 of the bound ({fraction:.3f})", fraction >= 0.95
        )
        report.check(
            f"grid {n}/{p}: <= 3 % in all but {allowed} of {len(rows)} runs "
            f"({_within(rows)})",
            _within(rows) >= len(rows) - allowed,
        )
    print()


def classic_cases(
    args: argparse.Namespace, pool: concurrent.futures.Executor, report: Report
) -> None:
    scenarios = {
        f"{n}/{p} grace {g:g}": classic(n, p, g, args.hours)
        for g in (2.0, 0.0)
        for n, p in CLASSIC
    }
    runs = _runs(
        {"new": NEW, "before": Baseline(3.0)}, scenarios, range(args.seeds), pool
    )
    print("### classic scenarios (busy, worst run)\n")
    print("| scenario | before | now | runs <= 3 % now |\n|---|---|---|---:|")
    for label in scenarios:
        new, old = runs[(label, "new")], runs[(label, "before")]
        print(f"| {label} | {_cell(old)} | {_cell(new)} | {_within(new)}/{len(new)} |")
        gap = _busy(new) - _busy(old)
        report.check(
            f"classic {label}: busy no worse than 0.01 ({gap:+.3f})", gap >= -0.01
        )
        report.check(f"classic {label}: every run <= 3 %", _within(new) == len(new))
    print()


def _lean_job(job: tuple[str, float, markov.Pattern, int]) -> dict[str, Any]:
    name, goal, pattern, seed = job
    row = markov.simulate(markov.POLICIES[name](goal), pattern, seed)
    return {"busy_factor": row["busy"], "overdial_rate": row["abandonment"]}


def _lean_runs(
    patterns: dict[str, markov.Pattern],
    goals: tuple[float, ...],
    seeds: range,
    pool: concurrent.futures.Executor,
    keys: list[tuple[str, str, float]] | None = None,
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The same rows as ``_runs`` from ``markov.py`` (for what ``sim`` cannot draw).

    ``keys`` are (policy label, ``markov.POLICIES`` name, goal); by default this
    model at goal 3 and the previous model at each of ``goals``.
    """
    if keys is None:
        keys = [("new", "new", 3.0)] + [(f"before {g:g}", "old", g) for g in goals]
    jobs = [(lb, k, pt, s) for lb, pt in patterns.items() for k in keys for s in seeds]
    rows = pool.map(_lean_job, [(k[1], k[2], pt, s) for _, k, pt, s in jobs])
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for (label, key, _, _), row in zip(jobs, rows, strict=True):
        out.setdefault((label, key[0]), []).append(row)
    return out


def _against_hindsight(
    title: str,
    scenarios: dict[str, Scenario],
    goals: tuple[float, ...],
    seeds: range,
    *,
    pool: concurrent.futures.Executor,
    report: Report,
    lean: dict[str, markov.Pattern] | None = None,
) -> None:
    """Each pattern against the previous model's best legal goal, with hindsight."""
    policies: dict[str, Any] = {"new": NEW}
    policies.update({f"before {g:g}": Baseline(g) for g in goals})
    runs = _runs(policies, scenarios, seeds, pool) if scenarios else {}
    if lean:
        runs.update(_lean_runs(lean, goals, seeds, pool))
    print(f"### {title} (busy, worst run; {len(seeds)} runs each)\n")
    print(
        "| pattern | best fixed goal in hindsight (previous model) | now | gap "
        "| runs <= 3 % now |\n|---|---|---|---:|---:|"
    )
    for label in [*scenarios, *(lean or {})]:
        legal = [
            (runs[(label, f"before {g:g}")], g)
            for g in goals
            if _within(runs[(label, f"before {g:g}")]) == len(seeds)
        ]
        new = runs[(label, "new")]
        if legal:
            best, goal = max(legal, key=lambda item: _busy(item[0]))
            hindsight, best_busy = f"goal {goal:g}: {_cell(best)}", _busy(best)
        else:
            hindsight, best_busy = f"none of goals {goals} within 3 %", 0.0
        gap = _busy(new) - best_busy
        print(
            f"| {label} | {hindsight} | {_cell(new)} | {gap:+.3f} "
            f"| {_within(new)}/{len(new)} |"
        )
        report.check(f"{label}: within 0.01 of hindsight ({gap:+.3f})", gap >= -0.01)
        report.check(f"{label}: every run <= 3 %", _within(new) == len(new))
    print()


OFF_GRID_GOALS = (2.0, 2.5, 3.0)  # the previous model breaks 3 % at goal 3 here
TINY_GOALS = (2.0, 3.0, 4.0, 5.0, 6.0)  # a tiny team's own abandons are rare


def halving(
    args: argparse.Namespace, pool: concurrent.futures.Executor, report: Report
) -> None:
    duration = args.hours * HOUR
    scenarios = {
        f"halving, {n} agents": Scenario.markov(
            n, 0.3, duration=duration, hit_ratio_changes=((duration / 2, 0.15),)
        )
        for n in (10, 50)
    }
    title = "hit ratio 0.3 halving to 0.15 at half time"
    seeds = range(args.seeds)
    _against_hindsight(
        title, scenarios, OFF_GRID_GOALS, seeds, pool=pool, report=report
    )


def other(
    args: argparse.Namespace, pool: concurrent.futures.Executor, report: Report
) -> None:
    duration = args.hours * HOUR
    scenarios, lean = {}, {}
    for n in (10, 50):
        scenarios[f"fixed talk 120 s, {n}/0.3"] = Scenario.markov(
            n, 0.3, duration=duration, handle_time=Fixed(120.0)
        )
        scenarios[f"lognormal talk CV 1.5, {n}/0.3"] = Scenario.markov(
            n, 0.3, duration=duration, handle_time=LogNormal(120.0, 1.5)
        )
        lean[f"talk drifting 120-240 s, {n}/0.3 (markov.py)"] = markov.Pattern(
            n, ((0.0, 0.3),), talk_drift=2.0, hours=args.hours
        )
    seeds = range(args.seeds)
    title = "other talk shapes"
    _against_hindsight(
        title, scenarios, OFF_GRID_GOALS, seeds, pool=pool, report=report, lean=lean
    )


def tiny(
    args: argparse.Namespace, pool: concurrent.futures.Executor, report: Report
) -> None:
    scenarios = {
        f"{n} agents / {p}": Scenario.markov(n, p, duration=args.hours * HOUR)
        for n in (1, 2, 3)
        for p in (0.15, 0.3, 0.5)
    }
    seeds = range(2 * args.seeds)
    _against_hindsight(
        "tiny teams", scenarios, TINY_GOALS, seeds, pool=pool, report=report
    )


STRICT_GOALS = (3.0, 3.25, 3.5, 4.0, 5.0)


def _strict_hindsight(
    title: str,
    scenarios: dict[str, Scenario],
    seeds: dict[str, range],
    *,
    pool: concurrent.futures.Executor,
    report: Report,
    lean: dict[str, markov.Pattern] | None = None,
) -> None:
    """Goal 3 against this model's own busiest goal whose runs all stay <= 3 %.

    The stricter reading of "the best fixed goal chosen with hindsight": the same
    ``Predictive`` at each of ``STRICT_GOALS``; a goal above 3 that keeps every
    run within the cap and is busier is budget that goal 3 leaves on the table.
    ``seeds`` maps each scenario (and lean pattern) label to its seeds.
    """
    policies = {
        f"goal {g:g}": Predictive(OptimizeBy.OVERDIAL_RATE, g) for g in STRICT_GOALS
    }
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for count in sorted({len(r) for r in seeds.values()}):
        chosen = {k: v for k, v in scenarios.items() if len(seeds[k]) == count}
        if chosen:
            runs.update(_runs(policies, chosen, range(count), pool))
        lean_chosen = {k: v for k, v in (lean or {}).items() if len(seeds[k]) == count}
        if lean_chosen:
            keys = [(f"goal {g:g}", "new", g) for g in STRICT_GOALS]
            runs.update(_lean_runs(lean_chosen, (), range(count), pool, keys))
    print(f"### {title} (busy, worst run)\n")
    print(
        "| pattern | runs | busiest goal within 3 %: busy, worst run | goal 3 "
        "| gap | every goal: busy, worst run |\n|---|---:|---|---|---:|---|"
    )
    for label in [*scenarios, *(lean or {})]:
        by_goal = {g: runs[(label, f"goal {g:g}")] for g in STRICT_GOALS}
        legal = [g for g in STRICT_GOALS if _within(by_goal[g]) == len(by_goal[g])]
        three = by_goal[3.0]
        if legal:
            goal = max(legal, key=lambda g: _busy(by_goal[g]))
            best, best_busy = (
                f"goal {goal:g}: {_cell(by_goal[goal])}",
                _busy(by_goal[goal]),
            )
        else:
            best, best_busy = "none within 3 %", 0.0
        gap = _busy(three) - best_busy
        every = "; ".join(f"{g:g}: {_cell(rows)}" for g, rows in by_goal.items())
        print(
            f"| {label} | {len(three)} | {best} | {_cell(three)} | {gap:+.3f} "
            f"| {every} |"
        )
        report.check(
            f"strict {label}: within 0.01 of this model's best goal ({gap:+.3f})",
            gap >= -0.01,
        )
        report.check(
            f"strict {label}: goal 3 every run <= 3 %", _within(three) == len(three)
        )
    print()


def strict(
    args: argparse.Namespace, pool: concurrent.futures.Executor, report: Report
) -> None:
    """Every off-grid pattern against this model's best goal in hindsight.

    ``--agents`` picks the teams: 1-3 are the tiny teams (twice the seeds), 10
    and 50 the halving hit ratio, the fixed and lognormal talk and the drifting
    talk (``markov.py``).
    """
    teams = [int(n) for n in (args.agents or "1,2,3,10,50").split(",")]
    duration = args.hours * HOUR
    scenarios: dict[str, Scenario] = {}
    lean: dict[str, markov.Pattern] = {}
    seeds: dict[str, range] = {}
    for n in (t for t in teams if t <= 3):
        for p in (0.15, 0.3, 0.5):
            scenarios[f"{n} agents / {p}"] = Scenario.markov(n, p, duration=duration)
            seeds[f"{n} agents / {p}"] = range(2 * args.seeds)
    for n in (t for t in teams if t > 3):
        scenarios[f"halving 0.3 to 0.15, {n} agents"] = Scenario.markov(
            n, 0.3, duration=duration, hit_ratio_changes=((duration / 2, 0.15),)
        )
        scenarios[f"fixed talk 120 s, {n}/0.3"] = Scenario.markov(
            n, 0.3, duration=duration, handle_time=Fixed(120.0)
        )
        scenarios[f"lognormal talk CV 1.5, {n}/0.3"] = Scenario.markov(
            n, 0.3, duration=duration, handle_time=LogNormal(120.0, 1.5)
        )
        if args.drift:
            lean[f"talk drifting 120-240 s, {n}/0.3 (markov.py)"] = markov.Pattern(
                n, ((0.0, 0.3),), talk_drift=2.0, hours=args.hours
            )
    for label in [*scenarios, *lean]:
        seeds.setdefault(label, range(args.seeds))
    title = "off the grid against this model's best goal in hindsight"
    _strict_hindsight(title, scenarios, seeds, pool=pool, report=report, lean=lean)


SECTIONS = {
    "grid": grid,
    "classic": classic_cases,
    "halving": halving,
    "other": other,
    "tiny": tiny,
    "strict": strict,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="all 15 grid cases")
    parser.add_argument("--compare", action="store_true", help="and markov.py")
    parser.add_argument("--agents", default="", help="grid/strict teams, e.g. 5,10")
    parser.add_argument("--drift", action="store_true", help="strict: drifting talk")
    parser.add_argument("--only", default="grid,classic,halving,other,tiny")
    args = parser.parse_args()
    started = time.perf_counter()
    report = Report()
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        for name in args.only.split(","):
            SECTIONS[name](args, pool, report)
            sys.stdout.flush()
    print(f"({time.perf_counter() - started:.0f} s)\n")
    report.close()


if __name__ == "__main__":
    main()
