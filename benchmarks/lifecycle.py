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


def best_us(function: Callable[[], Any], number: int, repeat: int) -> float:
    """Best time of one call, in microseconds (the least disturbed run)."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e6


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


def main() -> None:
    """Print transitions per second next to evolves per second, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    n, r = args.number, args.repeat

    for label, make in (("full group", full_group), ("bare group", bare_group)):
        group = make(GroupStatus.INACTIVE)
        evolve = best_us(
            lambda g=group: attrs.evolve(
                g, status=GroupStatus.RUNNING, status_since=AT
            ),
            n,
            r,
        )
        print(f"{label}: attrs.evolve {evolve:7.1f} us  {1e6 / evolve:10,.0f} /s")
        ratios = []
        for name, case in group_cases(make).items():
            cost = best_us(case, n, r)
            ratios.append(cost / evolve)
            print(
                f"  {name:18} {cost:7.1f} us  {1e6 / cost:10,.0f} /s"
                f"  {cost / evolve:5.1f}x evolve"
            )
        print(f"  mean ratio {statistics.mean(ratios):5.1f}x (target <= 20x)")

    campaign = Campaign(
        id="42",
        name="Spring",
        queue_id="q-1",
        schedule=Schedule(time_zone="Europe/London"),
        status=CampaignStatus.MANUAL_RUNNING,
        status_since=SINCE,
    )
    evolve = best_us(
        lambda: attrs.evolve(
            campaign, status=CampaignStatus.MANUAL_PAUSED, status_since=AT
        ),
        n,
        r,
    )
    pause = best_us(
        lambda: lc.request_status(campaign, RequestedStatus.PAUSED, at=AT), n, r
    )
    stop = best_us(
        lambda: lc.request_status(campaign, RequestedStatus.STOPPED, at=AT), n, r
    )
    print(f"campaign: attrs.evolve {evolve:7.1f} us  {1e6 / evolve:10,.0f} /s")
    print(f"  request PAUSED     {pause:7.1f} us  {pause / evolve:5.1f}x evolve")
    print(
        f"  request STOPPED    {stop:7.1f} us  {stop / evolve:5.1f}x evolve"
        "  (final state: machine rebuilt each time)"
    )


if __name__ == "__main__":
    main()
