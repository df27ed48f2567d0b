"""Stat Server names: ``<campaign>@<group>`` and ``<campaign>@<calling list>``.

Stat Server recognises a CampaignGroup or a CampaignCallingList only by that name.
campaignkit refuses a campaign name with ``@`` in it (the name would be ambiguous),
splits a name at its first ``@``, and refuses an empty part.
"""

from __future__ import annotations

from campaignkit.errors import ValidationError

__all__ = ["parse_stat_server_name", "stat_server_name"]


def stat_server_name(campaign: str, part: str) -> str:
    """Return the Stat Server name of a campaign's group or calling list.

    Args:
        campaign: The campaign's name; it may not contain ``@``.
        part: The group's or the calling list's name; it may contain ``@``.

    Raises:
        ValidationError: A part is empty, or the campaign name contains ``@``.
    """
    if not isinstance(campaign, str) or not campaign or "@" in campaign:
        raise ValidationError(
            "stat_server_name", "campaign", campaign, "a non-empty name without '@'"
        )
    if not isinstance(part, str) or not part:
        raise ValidationError("stat_server_name", "part", part, "a non-empty name")
    return f"{campaign}@{part}"


def parse_stat_server_name(name: str) -> tuple[str, str]:
    """Split a Stat Server name into ``(campaign, part)`` at its first ``@``.

    Raises:
        ValidationError: The name has no ``@`` or an empty side.
    """
    if isinstance(name, str):
        campaign, at, part = name.partition("@")
        if at and campaign and part:
            return campaign, part
    raise ValidationError(
        "parse_stat_server_name", "name", name, "'<campaign>@<part>', both non-empty"
    )
