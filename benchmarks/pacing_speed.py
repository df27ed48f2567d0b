"""Pacing decisions per second, for each policy, on teams of 20 to 1000 agents.

Each team is timed steady (a tenth of the agents ready, calls in flight, a window
of answers) and at the start of a shift (every agent ready, nothing in flight),
where Predictive searches the widest range of counts.

Run: python benchmarks/pacing_speed.py [--predictive-only]
"""

from __future__ import annotations

import argparse
import timeit

from campaignkit.enums import OptimizeBy
from campaignkit.pacing import (
    PacingSnapshot,
    Policy,
    Power,
    Predictive,
    Preview,
    Progressive,
    ServiceLevel,
    pace,
)

POLICIES: dict[str, Policy] = {
    "preview": Preview(),
    "progressive": Progressive(),
    "power:ratio=2": Power(2.0),
    "service-level:percent=80": ServiceLevel(80),
    "predictive:overdial=3": Predictive(OptimizeBy.OVERDIAL_RATE, 3),
    "predictive:busy=85": Predictive(OptimizeBy.BUSY_FACTOR, 85),
    "predictive:wait=5": Predictive(OptimizeBy.WAIT_TIME, 5),
    "predictive:distribution=2": Predictive(OptimizeBy.DISTRIBUTION_TIME, 2),
    "predictive:gain=30": Predictive(OptimizeBy.MAXIMUM_GAIN, 30),
}


def steady(agents: int) -> PacingSnapshot:
    """A team in the middle of a shift: a tenth ready, 40 % of it in flight."""
    return PacingSnapshot(
        agents_ready=agents // 10,
        agents_busy=agents - agents // 10,
        calls_dialing=agents * 2 // 5,
        hit_ratio=0.3,
        answered=agents * 50,
        abandoned=agents // 2,
    )


SNAPSHOTS = {
    "20 agents, steady": steady(20),
    "50 agents, all ready": PacingSnapshot(agents_ready=50, hit_ratio=0.3),
    "200 agents, steady": steady(200),
    "200 agents, all ready": PacingSnapshot(agents_ready=200, hit_ratio=0.3),
    "1000 agents, steady": steady(1000),
    "1000 agents, all ready": PacingSnapshot(agents_ready=1000, hit_ratio=0.3),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--predictive-only", action="store_true")
    args = parser.parse_args()
    print("| policy | snapshot | calls | decisions/s | ms per decision |")
    print("|---|---|---:|---:|---:|")
    for name, policy in POLICIES.items():
        if args.predictive_only and not isinstance(policy, Predictive):
            continue
        for label, snapshot in SNAPSHOTS.items():
            timer = timeit.Timer(lambda s=snapshot, p=policy: pace(s, p))
            number, _ = timer.autorange()
            best = min(timer.repeat(repeat=5, number=number)) / number
            calls = pace(snapshot, policy).calls
            print(
                f"| {name} | {label} | {calls:,} | {1 / best:,.0f} | {best * 1e3:.3f} |"
            )


if __name__ == "__main__":
    main()
