"""Properties every pacing policy keeps, whatever the snapshot."""

from __future__ import annotations

import math
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit import OptimizeBy, _risk
from campaignkit.pacing import (
    MAX_AGENTS,
    MAX_COUNT,
    MAX_PREDICTIVE_CALLS,
    MAX_RATIO,
    MAX_SERVICE_LEVEL,
    MIN_HIT_RATIO,
    PacingSnapshot,
    Policy,
    Power,
    Predictive,
    Preview,
    Progressive,
    ServiceLevel,
    pace,
)

#: Mostly team-sized counts, but every size up to the bounds, so that work and
#: overflow at the extremes are exercised too.
agents = st.integers(0, 60) | st.integers(0, MAX_AGENTS)
counts = st.integers(0, 60) | st.integers(0, MAX_COUNT)
limits = st.none() | st.integers(0, 80) | st.integers(0, MAX_COUNT)
hit_ratios = st.sampled_from([0.0, 1.0, 5e-324, 2.2e-20, 1e-4, MIN_HIT_RATIO]) | (
    st.floats(0.0, 1.0)
)
seconds = st.floats(1.0, 600.0) | st.floats(
    min_value=0.0, max_value=1e308, exclude_min=True
)
ratios = st.floats(0.05, 3.0) | st.floats(0.0, MAX_RATIO, exclude_min=True)


@st.composite
def snapshot_fields(draw: Any, agents: Any = agents, counts: Any = counts) -> Any:
    answered = draw(st.integers(0, 5000) | st.integers(0, MAX_COUNT))
    return {
        "agents_ready": draw(agents),
        "agents_busy": draw(agents),
        "calls_dialing": draw(counts),
        "calls_waiting": draw(st.integers(0, 5) | counts),
        "hit_ratio": draw(hit_ratios),
        "mean_handle_time": draw(seconds),
        "mean_answer_time": draw(seconds),
        "records_available": draw(limits),
        "channels_free": draw(limits),
        "answered": answered,
        "abandoned": draw(st.integers(0, answered // 10) | st.integers(0, answered)),
    }


def snapshots(**kw: Any) -> st.SearchStrategy[PacingSnapshot]:
    return snapshot_fields(**kw).map(lambda fields: PacingSnapshot(**fields))


#: Predictive by overdial rate (or no goal), as (class, arguments).
overdial_specs = st.tuples(
    st.just(Predictive),
    st.tuples(
        st.sampled_from([OptimizeBy.OVERDIAL_RATE, OptimizeBy.NONE]),
        st.floats(0.0, 20.0) | st.floats(0.0, 100.0),
        st.floats(0.0, 20.0) | st.floats(0.0, 100.0),
    ),
)

#: Each policy as (class, arguments), so that equal policies can be built twice.
policy_specs: st.SearchStrategy[tuple[type, tuple[Any, ...]]] = st.one_of(
    st.just((Preview, ())),
    st.tuples(st.just(Progressive), st.tuples(ratios)),
    st.tuples(st.just(Power), st.tuples(ratios)),
    st.tuples(
        st.just(ServiceLevel),
        st.tuples(
            st.integers(0, 150) | st.integers(0, MAX_SERVICE_LEVEL),
            st.sampled_from(["documented", "coded"]),
        ),
    ),
    overdial_specs,
    st.tuples(
        st.just(Predictive),
        st.tuples(st.just(OptimizeBy.BUSY_FACTOR), st.floats(0.0, 100.0)),
    ),
    st.tuples(
        st.just(Predictive),
        st.tuples(
            st.sampled_from(
                [
                    OptimizeBy.WAIT_TIME,
                    OptimizeBy.DISTRIBUTION_TIME,
                    OptimizeBy.MAXIMUM_GAIN,
                ]
            ),
            st.floats(0.0, 1e308) | st.floats(0.0, 100.0),
        ),
    ),
)
policies = policy_specs.map(lambda spec: spec[0](*spec[1]))

SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(snapshot_fields(), policy_specs)
def test_pace_is_deterministic(
    fields: dict[str, Any], spec: tuple[type, tuple[Any, ...]]
) -> None:
    """Equal snapshots and policies, built separately, give equal decisions."""
    cls, args = spec
    first = pace(PacingSnapshot(**fields), cls(*args))
    again = pace(PacingSnapshot(**dict(fields)), cls(*args))
    assert first == again


@SETTINGS
@given(snapshots(), policies)
def test_limits_clamp_the_unlimited_count_and_say_so(
    snapshot: PacingSnapshot, policy: Policy
) -> None:
    """A decision is the unlimited count cut to the tighter limit, named if it cut."""
    unlimited = attrs.evolve(snapshot, records_available=None, channels_free=None)
    free = pace(unlimited, policy)
    assert free.limited_by is None
    decision = pace(snapshot, policy)
    bounds = {
        "records": snapshot.records_available,
        "channels": snapshot.channels_free,
    }
    tightest = min((b for b in bounds.values() if b is not None), default=None)
    if tightest is None or free.calls <= tightest:
        assert (decision.calls, decision.limited_by) == (free.calls, None)
    else:
        assert decision.calls == tightest
        assert decision.limited_by is not None
        assert bounds[decision.limited_by] == tightest


@SETTINGS
@given(snapshots(), policies, st.integers(min_value=1, max_value=10))
def test_more_ready_agents_never_mean_fewer_calls(
    snapshot: PacingSnapshot, policy: Policy, more: int
) -> None:
    """Adding ready agents (all else equal) never lowers the count."""
    ready = min(MAX_AGENTS, snapshot.agents_ready + more)
    richer = attrs.evolve(snapshot, agents_ready=ready)
    assert pace(richer, policy).calls >= pace(snapshot, policy).calls


@SETTINGS
@given(snapshots())
def test_predictive_overdial_launches_at_least_progressive(
    snapshot: PacingSnapshot,
) -> None:
    """Predictive never launches fewer than Progressive's never-abandoning count."""
    predictive = pace(snapshot, Predictive(OptimizeBy.OVERDIAL_RATE, 3)).calls
    assert predictive >= pace(snapshot, Progressive()).calls


def scanned(s: PacingSnapshot, policy: Predictive) -> int:
    """The overdial count read literally: every count's risk against the price."""
    floor = max(0, s.agents_ready - s.calls_dialing - s.calls_waiting)
    logged_in = s.agents_ready + s.agents_busy
    if s.hit_ratio < MIN_HIT_RATIO:
        return floor
    if logged_in == 0:
        return 0
    model = _risk.Model(s)
    ceiling = policy.goal if policy.optimize_by is OptimizeBy.OVERDIAL_RATE else None
    price = _risk.allowed_risk(
        s, (policy.max_overdial if ceiling is None else ceiling) / 100
    )
    most = math.floor(logged_in / s.hit_ratio) - s.calls_dialing
    top = max(floor, min(most, MAX_PREDICTIVE_CALLS))
    n = floor
    while n < top and model.risk(s.calls_dialing + n) <= price:
        n += 1
    return n


small_teams = snapshots(agents=st.integers(0, 25), counts=st.integers(0, 25)).filter(
    lambda s: s.hit_ratio == 0.0 or s.hit_ratio >= 0.05
)
overdial_policies = overdial_specs.map(lambda spec: spec[0](*spec[1]))


@settings(max_examples=100, deadline=None)
@given(small_teams, overdial_policies)
def test_predictive_search_finds_what_a_full_scan_finds(
    snapshot: PacingSnapshot, policy: Predictive
) -> None:
    """Galloping and bisection pick the same count as trying every count in turn."""
    unlimited = attrs.evolve(snapshot, records_available=None, channels_free=None)
    assert pace(unlimited, policy).calls == scanned(unlimited, policy)


@SETTINGS
@given(snapshots(agents=st.integers(0, 200), counts=st.integers(0, 200)), policies)
def test_more_abandons_in_the_window_never_mean_more_calls(
    snapshot: PacingSnapshot, policy: Policy
) -> None:
    """A window with one more abandon (the same answers) never launches more."""
    if snapshot.abandoned == snapshot.answered:
        return
    worse = attrs.evolve(snapshot, abandoned=snapshot.abandoned + 1)
    assert pace(worse, policy).calls <= pace(snapshot, policy).calls


@SETTINGS
@given(snapshots(agents=st.integers(0, 200), counts=st.integers(0, 200)))
def test_a_dearer_abandon_never_means_more_calls(snapshot: PacingSnapshot) -> None:
    """MAXIMUM_GAIN's count falls as an abandon costs more; NONE's count caps it."""
    counts = [
        pace(snapshot, Predictive(OptimizeBy.MAXIMUM_GAIN, cost)).calls
        for cost in (0.0, 0.5, 3.0, 30.0, 1e6)
    ]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == pace(snapshot, Predictive(OptimizeBy.NONE, 0)).calls
