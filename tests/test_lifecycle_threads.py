"""Transitions from 8 threads at once give the same results as run one by one."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import threading
from collections.abc import Callable
from typing import Any

from campaignkit import lifecycle as lc
from campaignkit.enums import CampaignStatus, GroupStatus
from campaignkit.errors import TransitionNotAllowed
from campaignkit.models import Campaign, CampaignGroup
from tests.test_lifecycle_campaign import CALLS as CAMPAIGN_CALLS
from tests.test_lifecycle_group import CALLS as GROUP_CALLS

THREADS = 8
ROUNDS = 6
T0 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
AT = T0 + dt.timedelta(minutes=1)

# The two matrices' calls (every function, every branch) from every status: the work
# mixes accepted and refused changes and reaches the campaign's final states (which
# make a thread rebuild its machine).
WORK: list[tuple[Callable[[Any], Any], Any]] = [
    *(
        (call, CampaignGroup(campaign_name="S", group_name="G", status=s))
        for call, s in itertools.product(GROUP_CALLS.values(), GroupStatus)
    ),
    *(
        (call, Campaign(id="1", name="S", status=s))
        for call, s in itertools.product(CAMPAIGN_CALLS.values(), CampaignStatus)
    ),
]


def outcome(call: Callable[[Any], Any], model: Any) -> tuple[Any, ...]:
    """What a call gave: the events and final model, or the refusal's message."""
    try:
        result = call(model)
    except TransitionNotAllowed as error:
        return ("refused", str(error))
    return ("done", result.after, result.events)


def test_eight_threads_agree_with_one() -> None:
    """Every thread runs the mixed workload in its own order and gets serial results."""
    expected = [outcome(call, model) for call, model in WORK]
    assert {kind for kind, *_ in expected} == {"done", "refused"}
    barrier = threading.Barrier(THREADS)
    results: dict[int, list[tuple[int, tuple[Any, ...]]]] = {}
    errors: list[BaseException] = []

    def worker(seed: int) -> None:
        order = [i for _ in range(ROUNDS) for i in range(len(WORK))]
        random.Random(seed).shuffle(order)
        mine = []
        try:
            barrier.wait()
            for index in order:
                call, model = WORK[index]
                mine.append((index, outcome(call, model)))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        results[seed] = mine

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == THREADS
    for mine in results.values():
        assert len(mine) == ROUNDS * len(WORK)
        for index, got in mine:
            assert got == expected[index]


def test_each_thread_has_its_own_machine() -> None:
    """The per-thread cache gives every thread a machine of its own."""
    machines: dict[int, Any] = {}

    def worker(n: int) -> None:
        lc.load(CampaignGroup(campaign_name="S", group_name="G"), at=AT)
        machines[n] = lc._machines.cache[lc.GroupLifecycle][0]

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(machine) for machine in machines.values()}) == 4


def test_a_call_made_during_another_on_the_same_thread_is_right() -> None:
    """A re-entrant call (a signal handler, a guard) gets its own machine."""
    import datetime as dt

    from campaignkit import CampaignGroup, GroupStatus, lifecycle
    from campaignkit.lifecycle import GroupLifecycle

    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    group = CampaignGroup(campaign_name="C", group_name="G")
    running = lifecycle.start(lifecycle.load(group, at=at).after, at=at).after
    inner: list[GroupStatus] = []
    original = GroupLifecycle.has_calls_in_flight

    def reentrant(self: GroupLifecycle, calls_in_flight: int = 0) -> bool:
        inner.append(lifecycle.load(group, at=at).after.status)
        return original(self, calls_in_flight)

    GroupLifecycle.has_calls_in_flight = reentrant  # type: ignore[method-assign]
    lifecycle._machines.cache.clear()  # machines bind their guards when built
    try:
        stopped = lifecycle.stop(running, at=at, calls_in_flight=2).after
    finally:
        GroupLifecycle.has_calls_in_flight = original  # type: ignore[method-assign]
        lifecycle._machines.cache.clear()
    assert inner == [GroupStatus.INACTIVE]
    assert stopped.status is GroupStatus.ACTIVE


def test_campaign_activity_checks_every_group() -> None:
    """A bad item after a running group is still refused."""
    import datetime as dt

    import pytest

    from campaignkit import CampaignGroup, ValidationError, lifecycle

    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    group = CampaignGroup(campaign_name="C", group_name="G")
    running = lifecycle.start(lifecycle.load(group, at=at).after, at=at).after
    with pytest.raises(ValidationError, match="groups"):
        lifecycle.campaign_activity([running, None])  # type: ignore[list-item]
