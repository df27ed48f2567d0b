"""What a lifecycle transition costs, next to a bare ``attrs.evolve`` of the same group.

Run on demand: ``python benchmarks/lifecycle.py``. Both sides use the same
``CampaignGroup`` in the same run. The baseline is the least a transition must do:
``attrs.evolve(group, status=..., status_since=at)``, which runs the model's
validators. A transition also checks its arguments, sends the event through this
thread's python-statemachine machine (guards included), evolves the model and builds
the event and the ``Transition``. Target: a transition costs at most 20x the evolve.

Two groups are measured: a *full* one (every field set, as a host holds a group read
from its configuration) and a *bare* one (only the two names), whose evolve is
cheapest and so makes the ratio look worst. Campaign requests are shown for
reference against an evolve of their own ``Campaign``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import timeit
from collections.abc import Callable
from typing import Any

import attrs

from campaignkit import lifecycle as lc
from campaignkit.enums import CampaignStatus, GroupStatus, RequestedStatus
from campaignkit.models import Campaign, CampaignGroup, Schedule

AT = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
SINCE = AT - dt.timedelta(hours=1)


def full_group(status: GroupStatus) -> CampaignGroup:
    """A group with every field set, as a host would hold it."""
    return CampaignGroup(
        campaign_name="Spring",
        group_name="Sales",
        uuid="0b7d2c1e-5a1f-4c3e-9d2a-6f1e8b9c0a11",
        dbid=101,
        tenant_name="Environment",
        tenant_ccid="101",
        template_name="Outbound template",
        queue_name="7000",
        status=status,
        status_since=SINCE,
        vendor_data={"annex": {"OCServer": {"pacing": "default"}}},
    )


def bare_group(status: GroupStatus) -> CampaignGroup:
    """A group with only its names set."""
    return CampaignGroup(
        campaign_name="Spring", group_name="Sales", status=status, status_since=SINCE
    )


def best_us(
    cases: dict[str, Callable[[], Any]], number: int, repeat: int
) -> dict[str, float]:
    """Best time of one call of each case, in microseconds.

    The cases are timed in turns, ``repeat`` rounds of ``number`` calls each, and
    the best round of each is kept: a burst of load on a shared machine then hits
    the baseline and the transitions alike instead of one of them.
    """
    best = dict.fromkeys(cases, float("inf"))
    for _ in range(repeat):
        for name, case in cases.items():
            best[name] = min(best[name], timeit.timeit(case, number=number))
    return {name: seconds / number * 1e6 for name, seconds in best.items()}


def group_cases(make: Callable[[GroupStatus], CampaignGroup]) -> dict[str, Any]:
    """The transitions measured, each a no-argument callable."""
    inactive, running = make(GroupStatus.INACTIVE), make(GroupStatus.RUNNING)
    unloaded = make(GroupStatus.NOT_LOADED)
    return {
        "load": lambda: lc.load(unloaded, at=AT),
        "start": lambda: lc.start(inactive, at=AT),
        "stop (guarded)": lambda: lc.stop(running, at=AT),
        "unload (guarded)": lambda: lc.unload(running, at=AT, calls_in_flight=3),
    }


def report(title: str, cases: dict[str, Callable[[], Any]], n: int, r: int) -> None:
    """Time the cases (the first is the evolve baseline) and print them with ratios."""
    times = best_us(cases, n, r)
    baseline, *names = times
    evolve = times[baseline]
    print(f"{title}: {baseline} {evolve:6.1f} us  {1e6 / evolve:9,.0f} /s")
    for name in names:
        cost = times[name]
        print(
            f"  {name:18} {cost:7.1f} us  {1e6 / cost:9,.0f} /s"
            f"  {cost / evolve:5.1f}x evolve"
        )
    ratios = [times[name] / evolve for name in names]
    mean, worst = statistics.mean(ratios), max(ratios)
    print(f"  mean {mean:5.1f}x, worst {worst:5.1f}x (target <= 20x)")


def main() -> None:
    """Print transitions per second next to evolves per second, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    n, r = args.number, args.repeat

    for label, make in (("full group", full_group), ("bare group", bare_group)):
        group = make(GroupStatus.INACTIVE)
        baseline = {
            "attrs.evolve": lambda g=group: attrs.evolve(
                g, status=GroupStatus.RUNNING, status_since=AT
            )
        }
        report(label, baseline | group_cases(make), n, r)

    campaign = Campaign(
        id="42",
        name="Spring",
        queue_id="q-1",
        schedule=Schedule(time_zone="Europe/London"),
        status=CampaignStatus.MANUAL_RUNNING,
        status_since=SINCE,
    )
    cases = {
        "attrs.evolve": lambda: attrs.evolve(
            campaign, status=CampaignStatus.MANUAL_PAUSED, status_since=AT
        ),
        "request PAUSED": lambda: lc.request_status(
            campaign, RequestedStatus.PAUSED, at=AT
        ),
        "request STOPPED *": lambda: lc.request_status(
            campaign, RequestedStatus.STOPPED, at=AT
        ),
    }
    report("campaign", cases, n, r)
    print("* reaches a final state, so every call also builds a new machine")


if __name__ == "__main__":
    main()
