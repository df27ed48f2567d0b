"""Pacing decisions per second, for each policy, on a mid-size team's snapshots.

Run: python benchmarks/pacing_speed.py
"""

from __future__ import annotations

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
}
SNAPSHOTS = {
    "20 agents, steady": PacingSnapshot(
        agents_ready=2,
        agents_busy=18,
        calls_dialing=8,
        hit_ratio=0.3,
        answered=1000,
        abandoned=10,
    ),
    "50 agents, all ready": PacingSnapshot(agents_ready=50, hit_ratio=0.3),
}


def main() -> None:
    print("| policy | snapshot | decisions/s |")
    print("|---|---|---:|")
    for name, policy in POLICIES.items():
        for label, snapshot in SNAPSHOTS.items():
            timer = timeit.Timer(lambda s=snapshot, p=policy: pace(s, p))
            number, _ = timer.autorange()
            best = min(timer.repeat(repeat=3, number=number)) / number
            print(f"| {name} | {label} | {1 / best:,.0f} |")


if __name__ == "__main__":
    main()
