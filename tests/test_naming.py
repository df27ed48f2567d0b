"""Stat Server names: <campaign>@<part>, unambiguous both ways."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from campaignkit import ValidationError
from campaignkit.naming import parse_stat_server_name, stat_server_name
from tests.strategies import names


@given(names.filter(lambda s: "@" not in s), names.filter(lambda s: "@" not in s))
def test_names_round_trip(campaign: str, part: str) -> None:
    """Parsing a built name gives back its campaign and its part."""
    assert parse_stat_server_name(stat_server_name(campaign, part)) == (campaign, part)


def test_the_seed_example_shape() -> None:
    """A campaign group is named campaign@groupname, whatever its parts hold."""
    assert stat_server_name("Spring", "Sales") == "Spring@Sales"
    assert parse_stat_server_name("Spring@Sales") == ("Spring", "Sales")
    assert stat_server_name("Spring@2026", "Sales") == "Spring@2026@Sales"


@pytest.mark.parametrize(
    "name", ["Spring", "@Sales", "Spring@", "@", "", "a@b@c", "Spring@Sales@East"]
)
def test_unparseable_or_ambiguous_names_are_refused(name: Any) -> None:
    """A name without one '@' between two non-empty names is refused when parsed.

    ``a@b@c`` could be campaign ``a@b`` or campaign ``a``: the ambiguity is refused
    here, where it arises, and not when a model is built from its parts.
    """
    with pytest.raises(ValidationError, match="one '@'"):
        parse_stat_server_name(name)
