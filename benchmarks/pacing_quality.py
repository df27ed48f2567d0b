"""Busy factor and abandonment of Progressive and Predictive in the simulator.

Scenarios (issue 4): 5, 20 and 50 agents at hit ratio 0.3 and 20 agents at 0.15;
handle time exponential 180 s, answer time exponential 10 s, no-answer 25 s,
8 simulated hours, 5 seeds each, abandon-after 2 s and the strict variant 0 s.
Targets: Predictive(OVERDIAL_RATE, 3) keeps abandonment <= 3 % in every seed and
lifts the busy factor over Progressive by >= 15 points at 20 / 0.3 and >= 30 at
20 / 0.15.

Run: python benchmarks/pacing_quality.py [--hours 8] [--seeds 5] [--jobs 2]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import statistics
import time

from campaignkit.enums import OptimizeBy
from campaignkit.pacing import Policy, Predictive, Progressive
from campaignkit.sim import Exponential, Scenario, SimResult, simulate

SCENARIOS = ((5, 0.3), (20, 0.3), (50, 0.3), (20, 0.15))
POLICIES: dict[str, Policy] = {
    "progressive": Progressive(),
    "predictive:overdial=3": Predictive(OptimizeBy.OVERDIAL_RATE, 3),
}
TARGET_LIFT = {(20, 0.3): 0.15, (20, 0.15): 0.30}
CAP = 0.03


def scenario(agents: int, hit_ratio: float, hours: float, strict: bool) -> Scenario:
    return Scenario(
        agents=agents,
        hit_ratio=hit_ratio,
        handle_time=Exponential(180.0),
        answer_time=Exponential(10.0),
        no_answer_timeout=25.0,
        abandon_after=0.0 if strict else 2.0,
        duration=hours * 3600.0,
    )


def run(job: tuple[str, int, float, float, bool, int]) -> SimResult:
    name, agents, hit_ratio, hours, strict, seed = job
    return simulate(
        POLICIES[name], scenario(agents, hit_ratio, hours, strict), seed=seed
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    jobs = [
        (name, agents, hit_ratio, args.hours, strict, seed)
        for strict in (False, True)
        for agents, hit_ratio in SCENARIOS
        for name in POLICIES
        for seed in range(args.seeds)
    ]
    started = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(args.jobs) as pool:
        results = dict(zip(jobs, pool.map(run, jobs, chunksize=1), strict=True))
    print(
        f"{len(jobs)} runs of {args.hours:g} simulated hours in "
        f"{time.perf_counter() - started:.0f} s\n"
    )
    verdicts = []
    for strict in (False, True):
        label = "strict, abandon-after 0 s" if strict else "abandon-after 2 s"
        print(f"### {label}\n")
        print(
            "| agents | hit ratio | policy | busy factor (mean, min-max) "
            "| abandonment (mean, max) | seeds <= 3 % |"
        )
        print("|---:|---:|---|---|---|---:|")
        for agents, hit_ratio in SCENARIOS:
            busy: dict[str, float] = {}
            for name in POLICIES:
                rs = [
                    results[(name, agents, hit_ratio, args.hours, strict, s)]
                    for s in range(args.seeds)
                ]
                bfs = [r.busy_factor for r in rs]
                abs_ = [r.overdial_rate or 0.0 for r in rs]
                ok = sum(a <= CAP for a in abs_)
                busy[name] = statistics.mean(bfs)
                print(
                    f"| {agents} | {hit_ratio} | {name} | {busy[name]:.3f} "
                    f"({min(bfs):.3f}-{max(bfs):.3f}) | {statistics.mean(abs_):.2%}"
                    f" ({max(abs_):.2%}) | {ok}/{len(rs)} |"
                )
                if name.startswith("predictive") and not strict:
                    verdicts.append(
                        (
                            f"abandonment <= 3 % in every seed, {agents}/{hit_ratio}",
                            ok == len(rs),
                        )
                    )
            lift = busy["predictive:overdial=3"] - busy["progressive"]
            target = TARGET_LIFT.get((agents, hit_ratio))
            print(f"|  |  | lift | {lift * 100:+.1f} points |  |  |")
            if target is not None and not strict:
                verdicts.append(
                    (
                        f"lift >= {target * 100:.0f} points at {agents}/{hit_ratio} "
                        f"({lift * 100:+.1f})",
                        lift >= target,
                    )
                )
        print()
    print("### targets\n")
    for text, met in verdicts:
        print(f"- {'met' if met else 'NOT MET'}: {text}")


if __name__ == "__main__":
    main()
