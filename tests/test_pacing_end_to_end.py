"""End to end: every group the lifecycle runs is paced; bad input names its field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from campaignkit import CampaignGroup, DialMode, OptimizeBy
from campaignkit import lifecycle as lc
from campaignkit.errors import ValidationError
from campaignkit.pacing import Estimate, PacingSnapshot, Predictive, pace, policy_for
from campaignkit.sim import Exponential, LogNormal, Scenario, Uniform

AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
GOALS = {  # a goal of each method's own unit
    OptimizeBy.NONE: 0,
    OptimizeBy.BUSY_FACTOR: 85,
    OptimizeBy.OVERDIAL_RATE: 3,
    OptimizeBy.WAIT_TIME: 5,
    OptimizeBy.DISTRIBUTION_TIME: 2,
    OptimizeBy.MAXIMUM_GAIN: 30,
}


@pytest.mark.parametrize("mode", [m for m in DialMode if m is not DialMode.NONE])
@pytest.mark.parametrize("method", list(OptimizeBy))
def test_a_group_the_lifecycle_starts_is_paced(
    mode: DialMode, method: OptimizeBy
) -> None:
    """A load and a start in any mode and method, then policy_for and pace."""
    group = CampaignGroup(campaign_name="c", group_name="g")
    loaded = lc.load(group, at=AT).after
    running = lc.start(
        loaded, at=AT, dial_mode=mode, optimize_by=method, optimize_goal=GOALS[method]
    ).after
    policy = policy_for(running)
    snapshot = PacingSnapshot(
        agents_ready=4, agents_busy=16, hit_ratio=0.3, answered=2000, abandoned=40
    )
    decision = pace(snapshot, policy)
    assert decision.calls >= 0
    if mode.is_predictive:
        assert policy == Predictive(method, GOALS[method])


@pytest.mark.parametrize(
    "method", [OptimizeBy.DISTRIBUTION_TIME, OptimizeBy.MAXIMUM_GAIN]
)
def test_the_two_new_methods_launch_predictively(method: OptimizeBy) -> None:
    """Both pace beyond Progressive with a budget to spend, and both are pure."""
    snapshot = PacingSnapshot(
        agents_ready=10, hit_ratio=0.3, answered=2000, abandoned=50
    )
    policy = Predictive(method, GOALS[method])
    first = pace(snapshot, policy)
    assert first.calls > 10
    assert pace(snapshot, policy) == first


@pytest.mark.parametrize(
    ("make", "where"),
    [
        (lambda: Uniform(-1.0, 2.0), "Uniform.low"),
        (lambda: Uniform(5.0, 2.0), "Uniform.high"),
        (lambda: Exponential(0.0), "Exponential.mean"),
        (lambda: LogNormal(120.0, -0.5), "LogNormal.cv"),
        (
            lambda: Scenario(
                agents=5,
                hit_ratio=0.3,
                hit_ratio_changes=(
                    (14400.0, 0.15),
                    (60.0, 0.3),
                ),
            ),
            "Scenario.hit_ratio_changes",
        ),
        (
            lambda: Scenario(agents=5, hit_ratio=0.3, abandon_after=-1.0),
            "Scenario.abandon_after",
        ),
        (
            lambda: PacingSnapshot(agents_ready=1, mean_handle_time=-5.0),
            "PacingSnapshot.mean_handle_time",
        ),
        (
            lambda: PacingSnapshot(agents_ready=1, mean_answer_time=-1.0),
            "PacingSnapshot.mean_answer_time",
        ),
        (
            lambda: PacingSnapshot(agents_ready=1, answered=1, abandoned=5),
            "PacingSnapshot.abandoned",
        ),
        (lambda: Estimate(mean_handle_time=-1.0), "Estimate.mean_handle_time"),
        (lambda: Predictive(OptimizeBy.OVERDIAL_RATE, -3), "Predictive.goal"),
    ],
)
def test_bad_input_is_a_validation_error_naming_the_field(
    make: Callable[[], object], where: str
) -> None:
    """Negative means, a CV below 0, a schedule out of order: each names its field."""
    with pytest.raises(ValidationError) as info:
        make()
    assert str(info.value).startswith(f"{where}: ")
    assert info.value.field == where.split(".")[1]
