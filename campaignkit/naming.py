"""Stat Server names: ``<campaign>@<group>`` and ``<campaign>@<calling list>``.

Any part may contain ``@`` (a Genesys campaign name can): building a name always
works, but parsing one with more than one ``@`` is ambiguous and refused.
"""

from __future__ import annotations

from campaignkit.errors import ValidationError

__all__ = ["parse_stat_server_name", "stat_server_name"]


def stat_server_name(campaign: str, part: str) -> str:
    """The Stat Server name of a campaign's group or calling list (``part``)."""
    return f"{campaign}@{part}"


def parse_stat_server_name(name: str) -> tuple[str, str]:
    """Split a Stat Server name, one ``@`` between two names, into its two parts."""
    campaign, at, part = name.partition("@")
    if at and campaign and part and "@" not in part:
        return campaign, part
    allowed = "'<campaign>@<part>': one '@', a non-empty name on each side"
    raise ValidationError("parse_stat_server_name", "name", name, allowed)
