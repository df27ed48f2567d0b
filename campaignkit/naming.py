"""Stat Server names: ``<campaign>@<group>`` and ``<campaign>@<calling list>``.

Stat Server recognises a CampaignGroup or a CampaignCallingList only by that name.
Any part may contain ``@`` (a Genesys campaign name can), so building a name from
its parts always works; it is *parsing* one with more than one ``@`` that is
ambiguous, and :func:`parse_stat_server_name` refuses that.
"""

from __future__ import annotations

from campaignkit.errors import ValidationError

__all__ = ["parse_stat_server_name", "stat_server_name"]


def stat_server_name(campaign: str, part: str) -> str:
    """Return the Stat Server name of a campaign's group or calling list.

    The parts are trusted: the models that hold them refuse empty names.

    Args:
        campaign: The campaign's name.
        part: The group's or the calling list's name.
    """
    return f"{campaign}@{part}"


def parse_stat_server_name(name: str) -> tuple[str, str]:
    """Split a Stat Server name into ``(campaign, part)``.

    Raises:
        ValidationError: The name does not have exactly one ``@`` with a non-empty
            name on each side (``a@b@c`` could be campaign ``a@b`` or ``a``).
    """
    campaign, at, part = name.partition("@")
    if at and campaign and part and "@" not in part:
        return campaign, part
    raise ValidationError(
        "parse_stat_server_name",
        "name",
        name,
        "'<campaign>@<part>': one '@', a non-empty name on each side",
    )
