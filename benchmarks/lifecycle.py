"""What a lifecycle transition costs, next to a bare ``attrs.evolve`` of the same group.

Run on demand: ``python benchmarks/lifecycle.py``. Both sides use the same
``CampaignGroup`` in the same run. The baseline is the least a transition must do:
``attrs.evolve(group, status=..., status_since=at)``, which runs the model's
validators. A transition also checks its values, looks the change up in the table
compiled from the python-statemachine classes (guards included), evolves the model
and builds the event and the ``Transition``. Target: a transition costs at most 10x
the evolve.

``--baseline FILE`` also times another version of ``campaignkit/lifecycle.py`` (say
``git show REV:campaignkit/lifecycle.py > /tmp/old.py``) in the same run, and prints
its ratios beside this one's.

Two groups are measured: a *full* one (every field set, as a host holds a group read
from its configuration) and a *bare* one (only the two names), whose evolve is
cheapest and so makes the ratio look worst. Campaign requests are shown for
reference against an evolve of their own ``Campaign``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import statistics
import timeit
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs

from campaignkit import lifecycle as lc
from campaignkit.enums import CampaignStatus, DialMode, GroupStatus, RequestedStatus
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


def group_cases(
    make: Callable[[GroupStatus], CampaignGroup], lc: ModuleType
) -> dict[str, Any]:
    """The transitions measured, each a no-argument callable."""
    inactive, running = make(GroupStatus.INACTIVE), make(GroupStatus.RUNNING)
    unloaded = make(GroupStatus.NOT_LOADED)
    return {
        "load": lambda: lc.load(unloaded, at=AT),
        "start": lambda: lc.start(inactive, at=AT),
        "stop (guarded)": lambda: lc.stop(running, at=AT),
        "unload (guarded)": lambda: lc.unload(running, at=AT, calls_in_flight=3),
        "set_dial_mode (guarded)": lambda: lc.set_dial_mode(
            running, DialMode.PROGRESSIVE, at=AT
        ),
    }


def campaign_cases(campaign: Campaign, lc: ModuleType) -> dict[str, Any]:
    """The campaign requests measured."""
    return {
        "request PAUSED": lambda: lc.request_status(
            campaign, RequestedStatus.PAUSED, at=AT
        ),
        "request STOPPED": lambda: lc.request_status(
            campaign, RequestedStatus.STOPPED, at=AT
        ),
    }


def report(
    title: str,
    baseline: Callable[[], Any],
    cases: Callable[[ModuleType], dict[str, Callable[[], Any]]],
    versions: dict[str, ModuleType],
    *,
    n: int,
    r: int,
) -> None:
    """Time each version's cases in one run and print their ratios to the evolve."""
    timed = {"attrs.evolve": baseline}
    for label, module in versions.items():
        timed |= {f"{label}\0{name}": case for name, case in cases(module).items()}
    times = best_us(timed, n, r)
    evolve = times.pop("attrs.evolve")
    print(f"{title}: attrs.evolve {evolve:6.1f} us  {1e6 / evolve:9,.0f} /s")
    names = list(cases(lc))
    print(f"  {'':24}" + "".join(f"{label:>24}" for label in versions))
    for name in names:
        cells = ""
        for label in versions:
            cost = times[f"{label}\0{name}"]
            cells += f"{cost:9.1f} us {cost / evolve:6.1f}x    "
        print(f"  {name:24}{cells}")
    for label in versions:
        ratios = [times[f"{label}\0{name}"] / evolve for name in names]
        mean, worst = statistics.mean(ratios), max(ratios)
        print(f"  {label}: mean {mean:5.1f}x, worst {worst:5.1f}x (target <= 10x)")


def load_module(path: str) -> ModuleType:
    """Import another version of the lifecycle module from a file."""
    spec = importlib.util.spec_from_file_location("baseline_lifecycle", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    """Print transitions per second next to evolves per second, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--number", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--baseline", help="another lifecycle.py to time beside")
    args = parser.parse_args()
    n, r = args.number, args.repeat
    versions = {"this": lc}
    if args.baseline:
        versions["baseline"] = load_module(args.baseline)

    for label, make in (("full group", full_group), ("bare group", bare_group)):
        group = make(GroupStatus.INACTIVE)

        def baseline(g: CampaignGroup = group) -> Any:
            return attrs.evolve(g, status=GroupStatus.RUNNING, status_since=AT)

        def cases(module: ModuleType, make: Any = make) -> dict[str, Any]:
            return group_cases(make, module)

        report(label, baseline, cases, versions, n=n, r=r)

    campaign = Campaign(
        id="42",
        name="Spring",
        queue_id="q-1",
        schedule=Schedule(time_zone="Europe/London"),
        status=CampaignStatus.MANUAL_RUNNING,
        status_since=SINCE,
    )
    report(
        "campaign",
        lambda: attrs.evolve(
            campaign, status=CampaignStatus.MANUAL_PAUSED, status_since=AT
        ),
        lambda module: campaign_cases(campaign, module),
        versions,
        n=n,
        r=r,
    )


if __name__ == "__main__":
    main()
