"""Group and calling-list figures from counters."""

from __future__ import annotations

import copy
import json
import math
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignkit import ValidationError, stats
from campaignkit.codec import from_dict, to_dict
from campaignkit.stats import (
    GroupCounters,
    GroupStats,
    ListStats,
    group_stats,
    list_stats,
)


def test_group_stats_by_hand() -> None:
    """The four figures are the documented ratios."""
    stats = group_stats(
        GroupCounters(
            dialed=100,
            answered=30,
            abandoned=1,
            dropped=4,
            agent_busy_seconds=850.0,
            agent_logged_seconds=1000.0,
            records_left=500,
            records_finished=50,
            window_seconds=600.0,
        )
    )
    assert stats.busy_factor == 0.85
    assert stats.hit_ratio == 0.3
    assert stats.overdial_rate == pytest.approx(1 / 30)
    assert stats.time_to_complete == pytest.approx(6000.0)  # 500 / (50 / 600)


def test_a_figure_too_large_for_a_float_is_undefined() -> None:
    """A ratio that overflows (absurd counters) is None rather than inf or an error."""
    stats = group_stats(
        GroupCounters(
            agent_busy_seconds=1e308,
            agent_logged_seconds=1e-308,
            records_left=10**400,
            records_finished=1,
            window_seconds=1e-300,
        )
    )
    assert stats.busy_factor is None
    assert stats.time_to_complete is None


def test_every_figure_is_none_without_its_denominator() -> None:
    """Zero denominators give None, never a division error or a made-up zero."""
    assert group_stats(GroupCounters()) == GroupStats()
    no_finish = GroupCounters(records_left=10, window_seconds=60.0)
    assert group_stats(no_finish).time_to_complete is None
    no_window = GroupCounters(records_left=10, records_finished=5)
    assert group_stats(no_window).time_to_complete is None


def test_time_to_complete_is_zero_when_nothing_is_left() -> None:
    """No records left means done now, 0 seconds, not None."""
    c = GroupCounters(records_left=0, records_finished=5, window_seconds=60.0)
    assert group_stats(c).time_to_complete == 0.0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dialed", -1),
        ("answered", 1.5),
        ("abandoned", True),
        ("agent_busy_seconds", -0.1),
        ("agent_logged_seconds", math.nan),
        ("window_seconds", math.inf),
        ("window_seconds", "60"),
        ("records_left", -3),
    ],
)
def test_counters_refuse_bad_values(field: str, value: Any) -> None:
    """Counts are integers >= 0 and seconds finite numbers >= 0."""
    with pytest.raises(ValidationError) as info:
        GroupCounters(**{field: value})
    assert info.value.field == field


def test_list_stats_in_input_order() -> None:
    """Each calling list gets its hit ratio and time to complete, in input order."""
    result = list_stats(
        {
            "north": GroupCounters(dialed=10, answered=5),
            "south": GroupCounters(
                records_left=30, records_finished=10, window_seconds=100.0
            ),
        }
    )
    assert result == (
        ListStats(calling_list_name="north", hit_ratio=0.5),
        ListStats(calling_list_name="south", time_to_complete=300.0),
    )


def test_a_calling_list_needs_a_name() -> None:
    """An empty calling-list name is refused by the figures' own model."""
    with pytest.raises(ValidationError) as info:
        list_stats({"": GroupCounters()})
    assert info.value.field == "calling_list_name"


def test_counters_add_up_field_by_field() -> None:
    """``a + b`` adds every count and time; sum() pools a list of them."""
    a = GroupCounters(dialed=10, answered=3, abandoned=1, agent_busy_seconds=5.0)
    b = GroupCounters(dialed=4, answered=1, records_left=7, window_seconds=60.0)
    assert a + b == GroupCounters(
        dialed=14,
        answered=4,
        abandoned=1,
        agent_busy_seconds=5.0,
        records_left=7,
        window_seconds=60.0,
    )
    assert sum([a, b, a], GroupCounters()) == a + b + a
    assert sum([a, b, a]) == a + b + a  # no start value needed
    with pytest.raises(TypeError):
        _ = 1 + a


def test_group_stats_show_as_a_small_html_table() -> None:
    """A notebook shows the four figures, n/a where undefined."""
    page = group_stats(GroupCounters(dialed=10, answered=3))._repr_html_()
    assert page.startswith("<table><caption>GroupStats</caption>")
    assert "<th>hit ratio</th><td>0.3</td>" in page
    assert "<th>busy factor</th><td>n/a</td>" in page


@given(
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.floats(0, 1e7),
    st.floats(0, 1e7),
)
def test_figures_are_none_or_non_negative(
    dialed: int, answered: int, busy: float, logged: float
) -> None:
    """Every figure is None or a non-negative number."""
    stats = group_stats(
        GroupCounters(
            dialed=dialed,
            answered=answered,
            agent_busy_seconds=busy,
            agent_logged_seconds=logged,
        )
    )
    for value in (stats.busy_factor, stats.hit_ratio, stats.overdial_rate):
        assert value is None or value >= 0
    assert (stats.hit_ratio is None) == (dialed == 0)


@pytest.mark.parametrize(
    ("cls", "field", "value"),
    [
        (GroupStats, "hit_ratio", -0.1),
        (GroupStats, "busy_factor", math.nan),
        (GroupStats, "time_to_complete", math.inf),
        (GroupStats, "overdial_rate", True),
        (ListStats, "hit_ratio", -1.0),
        (ListStats, "time_to_complete", "600"),
    ],
)
def test_figures_are_none_or_finite_and_not_negative(
    cls: type, field: str, value: object
) -> None:
    """A negative, non-finite or non-numeric figure is refused by name."""
    extra = {"calling_list_name": "L"} if cls is ListStats else {}
    with pytest.raises(ValidationError) as info:
        cls(**extra, **{field: value})
    assert (info.value.obj, info.value.field) == (cls.__name__, field)


def test_counters_that_straddle_a_window_are_reported_as_counted() -> None:
    """More answers than dials (or busy than logged) in a window is not an error."""
    edge = GroupCounters(
        dialed=2,
        answered=3,
        abandoned=4,
        agent_busy_seconds=61.0,
        agent_logged_seconds=60.0,
    )
    stats = group_stats(edge)
    assert stats.hit_ratio == 1.5
    assert stats.overdial_rate == pytest.approx(4 / 3)
    assert stats.busy_factor == pytest.approx(61 / 60)


def test_an_overflowing_list_figure_is_undefined_too() -> None:
    """A per-list ratio too large for a float is None although dials were made."""
    (figures,) = list_stats(
        {
            "huge": GroupCounters(
                dialed=1,
                answered=10**400,
                records_left=10**400,
                records_finished=1,
                window_seconds=1.0,
            )
        }
    )
    assert figures.hit_ratio is None
    assert figures.time_to_complete is None


def test_docstrings_say_an_overflowing_ratio_is_none() -> None:
    """The module's docstring, which the API page shows, says so for every figure."""
    assert "too large for a float" in (stats.__doc__ or "")


def test_counters_and_figures_are_values() -> None:
    """Pickle, deepcopy and to_dict / JSON / from_dict give back equal values."""
    counters = GroupCounters(dialed=10, answered=3, abandoned=1, window_seconds=60.0)
    values: list[Any] = [
        counters,
        group_stats(counters),
        GroupStats(),
        *list_stats({"north": counters}),
    ]
    for value in values:
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
        data = json.loads(json.dumps(to_dict(value)))
        assert from_dict(type(value), data) == value
