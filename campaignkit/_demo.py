"""The ``python -m campaignkit demo`` tour; it prints only through ``out``."""

from __future__ import annotations

import json
from collections.abc import Callable

from campaignkit.codec import to_dict
from campaignkit.models import CallingList, Campaign, CampaignCallingList, CampaignGroup


def build_demo() -> tuple[Campaign, tuple[CampaignGroup, ...], tuple[CallingList, ...]]:
    """Return the demo's campaign, its two groups and its two calling lists."""
    lists = (
        CallingList(name="Renewals", records_total=1200, records_remaining=800),
        CallingList(name="Winback", records_total=400, records_remaining=400),
    )
    campaign = Campaign(
        id="6561",
        name="Spring",
        calling_lists=tuple(
            CampaignCallingList(campaign_name="Spring", calling_list_name=cl.name)
            for cl in lists
        ),
    )
    groups = tuple(
        CampaignGroup(campaign_name=campaign.name, group_name=name, queue_name=dn)
        for name, dn in (("Sales", "7001"), ("Retention", "7002"))
    )
    return campaign, groups, lists


def run_demo(out: Callable[[str], None] = print) -> None:
    """Print the demo campaign's Stat Server names and its objects as JSON."""
    campaign, groups, lists = build_demo()
    out(f"Campaign {campaign.name!r} (id {campaign.id})")
    for group in groups:
        out(f"  CampaignGroup        {group.stat_server_name}")
    for ccl in campaign.calling_lists:
        out(f"  CampaignCallingList  {ccl.stat_server_name}")
    document = {
        "campaign": to_dict(campaign),
        "groups": [to_dict(g) for g in groups],
        "calling_lists": [to_dict(cl) for cl in lists],
    }
    out(json.dumps(document, indent=2))
