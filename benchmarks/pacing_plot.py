"""Busy factor against abandonment per policy, with the exact bound drawn on it.

One Markov case (20 agents, hit ratio 0.3, resolution Exp(15 s),
talk Exp(120 s), 0 s grace, ``pace`` every second and after each event, 8-hour
runs), every run of every policy a point: Progressive and Power at several ratios,
``Predictive(OVERDIAL_RATE, goal)`` at several goals, and the previous model
(``benchmarks/pacing_baseline.py``) at the same goals. The line is the exact
bound of ``benchmarks/bound.py``: the best non-anticipating policy's busy factor
at abandonment <= alpha, for alpha from 0.5 % to 6 %. No policy can be above it
(a run can, by luck, within its noise).

The runs use the lean simulator of ``benchmarks/markov.py`` (common random
numbers: every policy meets the same tape per seed), because it also runs the
baseline, which is not a ``campaignkit.pacing`` policy; ``pacing_quality.py``
shows that it and ``campaignkit.sim`` agree on this model.

Run: python benchmarks/pacing_plot.py [--seeds 3] [--workers 2] [--out PNG]
(needs the ``bench`` and ``plot`` extras).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import markov
from bound import bound

from campaignkit.pacing import Policy, Power, Progressive, pace

AGENTS, HIT_RATIO = 20, 0.3
GOALS = (1.0, 2.0, 3.0, 4.0, 5.0, 6.0)
ALPHAS = tuple(a / 1000 for a in range(5, 61, 5))  # 0.5 % to 6 %
OUT = Path(__file__).parent.parent / "docs" / "pacing_frontier.png"


def _fixed(policy: Policy) -> Callable[[float], markov.Decide]:
    return lambda _goal: lambda s: pace(s, policy).calls


# (family, parameter) -> a goal-taking factory of decide functions
POLICIES: dict[tuple[str, float], Callable[[float], markov.Decide]] = {
    **{("Progressive", r): _fixed(Progressive(r)) for r in (1.0, 1.5, 2.0, 2.5, 3.0)},
    **{("Power", r): _fixed(Power(r)) for r in (1.0, 1.1, 1.2, 1.3, 1.5)},
    **{("Predictive", g): markov.new_policy for g in GOALS},
    **{("previous model", g): markov.old_policy for g in GOALS},
}


def _job(job: tuple[str, float, int, float]) -> dict[str, Any]:
    family, parameter, seed, hours = job
    decide = POLICIES[(family, parameter)](parameter)
    row = markov.simulate(decide, markov.markov(AGENTS, HIT_RATIO, hours), seed)
    row.update(family=family, parameter=parameter, seed=seed)
    return row


def plot(
    rows: list[dict[str, Any]], frontier: list[tuple[float, float]], out: Path
) -> None:
    """Draw the runs and the frontier; write ``out``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5.5))
    ax.plot(
        [a * 100 for a, _ in frontier],
        [b for _, b in frontier],
        color="black",
        lw=2,
        label="exact bound (best policy at <= alpha)",
    )
    styles = {
        "Progressive": ("tab:blue", "s", "x"),
        "Power": ("tab:orange", "^", "x"),
        "Predictive": ("tab:green", "o", "goal "),
        "previous model": ("tab:red", "D", "goal "),
    }
    for family, (color, marker, prefix) in styles.items():
        mine = [r for r in rows if r["family"] == family]
        ax.scatter(
            [r["abandonment"] * 100 for r in mine],
            [r["busy"] for r in mine],
            color=color,
            marker=marker,
            s=22,
            alpha=0.75,
            label=family,
        )
        for parameter in sorted({r["parameter"] for r in mine}):
            runs = [r for r in mine if r["parameter"] == parameter]
            x = max(r["abandonment"] for r in runs) * 100
            y = sum(r["busy"] for r in runs) / len(runs)
            if x <= 8.0:
                ax.annotate(
                    f"{prefix}{parameter:g}",
                    (x, y),
                    textcoords="offset points",
                    xytext=(4, -3),
                    fontsize=7,
                    color=color,
                )
    ax.axvline(3.0, color="grey", ls=":", lw=1)
    ax.text(3.05, 0.52, "3 % cap", color="grey", fontsize=8)
    ax.set_xlim(-0.2, 8.0)
    ax.set_ylim(0.5, 0.95)
    ax.set_xlabel("abandoned, % of live answers (one point per 8-hour run)")
    ax.set_ylabel("agent busy factor")
    ax.set_title(
        f"{AGENTS} agents, hit ratio {HIT_RATIO}: resolution Exp(15 s), "
        "talk Exp(120 s), 0 s grace"
    )
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    started = time.perf_counter()
    frontier = [(a, bound(AGENTS, HIT_RATIO, alpha=a)) for a in ALPHAS]
    jobs = [
        (family, parameter, seed, args.hours)
        for family, parameter in POLICIES
        for seed in range(args.seeds)
    ]
    with multiprocessing.Pool(max(1, args.workers)) as pool:
        rows = pool.map(_job, jobs, chunksize=1)
    print(f"{len(jobs)} runs in {time.perf_counter() - started:.0f} s\n")
    print("| alpha | bound |\n|---:|---:|")
    for a, b in frontier:
        print(f"| {a:.1%} | {b:.4f} |")
    print("\n| policy | busy (mean) | abandonment (mean, worst run) | bound there |")
    print("|---|---:|---|---:|")
    for family, parameter in POLICIES:
        runs = [
            r for r in rows if r["family"] == family and r["parameter"] == parameter
        ]
        busy = sum(r["busy"] for r in runs) / len(runs)
        mean = sum(r["abandonment"] for r in runs) / len(runs)
        worst = max(r["abandonment"] for r in runs)
        there = (
            f"{bound(AGENTS, HIT_RATIO, alpha=mean):.4f}"
            if 0.001 <= mean <= 0.06
            else ""
        )
        print(
            f"| {family} {parameter:g} | {busy:.4f} | {mean:.2%}, {worst:.2%} "
            f"| {there} |"
        )
    plot(rows, frontier, args.out)
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
