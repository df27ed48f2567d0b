"""Stat Server names: <campaign>@<part>, unambiguous both ways."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from campaignkit import ValidationError, parse_stat_server_name, stat_server_name
from tests.strategies import campaign_names, names


@given(campaign_names, names)
def test_names_round_trip(campaign: str, part: str) -> None:
    """Parsing a built name gives back its campaign and its part, '@' in parts too."""
    assert parse_stat_server_name(stat_server_name(campaign, part)) == (campaign, part)


def test_the_seed_example_shape() -> None:
    """A campaign group is named campaign@groupname."""
    assert stat_server_name("Spring", "Sales") == "Spring@Sales"
    assert parse_stat_server_name("Spring@Sales@East") == ("Spring", "Sales@East")


@pytest.mark.parametrize(
    ("campaign", "part", "field"),
    [
        ("a@b", "g", "campaign"),
        ("", "g", "campaign"),
        ("c", "", "part"),
        (1, "g", "campaign"),
        ("c", None, "part"),
    ],
)
def test_ambiguous_or_empty_names_are_refused(
    campaign: Any, part: Any, field: str
) -> None:
    """A campaign with '@' or an empty side is refused, naming the argument."""
    with pytest.raises(ValidationError) as info:
        stat_server_name(campaign, part)
    assert info.value.field == field


@pytest.mark.parametrize("name", ["Spring", "@Sales", "Spring@", "@", "", None, 42])
def test_unparseable_names_are_refused(name: Any) -> None:
    """A name without '@' or with an empty side is not a Stat Server name."""
    with pytest.raises(ValidationError, match="name"):
        parse_stat_server_name(name)
