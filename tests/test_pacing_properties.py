"""Properties every pacing policy keeps, whatever the snapshot."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit import OptimizeBy
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

counts = st.integers(min_value=0, max_value=60)
limits = st.none() | st.integers(min_value=0, max_value=80)
ratios = st.floats(min_value=0.05, max_value=3.0)


@st.composite
def snapshots(draw: Any) -> PacingSnapshot:
    answered = draw(st.integers(min_value=0, max_value=5000))
    return PacingSnapshot(
        agents_ready=draw(counts),
        agents_busy=draw(counts),
        calls_dialing=draw(counts),
        calls_waiting=draw(st.integers(min_value=0, max_value=5)),
        hit_ratio=draw(st.sampled_from([0.0, 1.0]) | st.floats(0.01, 1.0)),
        mean_handle_time=draw(st.floats(min_value=5.0, max_value=600.0)),
        mean_answer_time=draw(st.floats(min_value=1.0, max_value=30.0)),
        records_available=draw(limits),
        channels_free=draw(limits),
        answered=answered,
        abandoned=draw(st.integers(min_value=0, max_value=answered // 10)),
    )


policies: st.SearchStrategy[Policy] = st.one_of(
    st.just(Preview()),
    st.builds(Progressive, ratios),
    st.builds(Power, ratios),
    st.builds(
        ServiceLevel,
        st.integers(min_value=0, max_value=150),
        st.sampled_from(["documented", "coded"]),
    ),
    st.builds(
        Predictive,
        st.sampled_from([OptimizeBy.OVERDIAL_RATE, OptimizeBy.NONE]),
        st.floats(min_value=0.0, max_value=20.0),
        st.floats(min_value=0.0, max_value=20.0),
    ),
    st.builds(
        Predictive,
        st.just(OptimizeBy.BUSY_FACTOR),
        st.floats(min_value=0.0, max_value=100.0),
    ),
    st.builds(
        Predictive,
        st.just(OptimizeBy.WAIT_TIME),
        st.floats(min_value=0.0, max_value=300.0),
    ),
)

SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(snapshots(), policies)
def test_pace_is_deterministic(snapshot: PacingSnapshot, policy: Policy) -> None:
    """The same snapshot and policy always give the same decision."""
    assert pace(snapshot, policy) == pace(snapshot, policy)


@SETTINGS
@given(snapshots(), policies)
def test_pace_is_never_negative_nor_above_the_limits(
    snapshot: PacingSnapshot, policy: Policy
) -> None:
    """A decision is >= 0 and within the records available and channels free."""
    decision = pace(snapshot, policy)
    assert decision.calls >= 0
    for limit in (snapshot.records_available, snapshot.channels_free):
        if limit is not None:
            assert decision.calls <= limit
    if decision.limited_by == "records":
        assert decision.calls == snapshot.records_available
    if decision.limited_by == "channels":
        assert decision.calls == snapshot.channels_free


@SETTINGS
@given(snapshots(), policies, st.integers(min_value=1, max_value=10))
def test_more_ready_agents_never_mean_fewer_calls(
    snapshot: PacingSnapshot, policy: Policy, more: int
) -> None:
    """Adding ready agents (all else equal) never lowers the count."""
    richer = attrs.evolve(snapshot, agents_ready=snapshot.agents_ready + more)
    assert pace(richer, policy).calls >= pace(snapshot, policy).calls


@SETTINGS
@given(snapshots())
def test_predictive_overdial_launches_at_least_progressive(
    snapshot: PacingSnapshot,
) -> None:
    """Predictive never launches fewer than Progressive's never-abandoning count."""
    predictive = pace(snapshot, Predictive(OptimizeBy.OVERDIAL_RATE, 3)).calls
    assert predictive >= pace(snapshot, Progressive()).calls
