"""campaignkit: outbound dialing campaigns as immutable values and pure functions.

The models (:class:`Campaign`, :class:`CampaignGroup`, :class:`CallingList`,
:class:`CampaignCallingList`) follow the Genesys Stat Server hierarchy; the
lifecycle functions change their status through python-statemachine; pacing and
statistics are pure functions; the wire modules speak the vendors' JSON.
"""

from __future__ import annotations

from campaignkit.codec import converter, from_dict, to_dict
from campaignkit.enums import (
    Actor,
    CallOutcome,
    CampaignActivity,
    CampaignPhase,
    CampaignStatus,
    CampaignType,
    DialMode,
    EndHandle,
    GroupAction,
    GroupKind,
    GroupStatus,
    OptimizeBy,
    RequestedStatus,
    StatusCause,
)
from campaignkit.errors import (
    CampaignKitError,
    DecodeError,
    TransitionNotAllowed,
    ValidationError,
)
from campaignkit.events import (
    CampaignStatusChanged,
    Event,
    GroupSnapshot,
    GroupStateChanged,
    Transition,
)
from campaignkit.models import (
    CallingList,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    RetrySettings,
    Schedule,
)
from campaignkit.naming import parse_stat_server_name, stat_server_name
from campaignkit.stats import (
    GroupCounters,
    GroupStats,
    ListStats,
    group_stats,
    list_stats,
)
from campaignkit.vendor import VendorData

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "CallOutcome",
    "CallingList",
    "Campaign",
    "CampaignActivity",
    "CampaignCallingList",
    "CampaignGroup",
    "CampaignKitError",
    "CampaignPhase",
    "CampaignStatus",
    "CampaignStatusChanged",
    "CampaignType",
    "DecodeError",
    "DialMode",
    "EndHandle",
    "Event",
    "GroupAction",
    "GroupCounters",
    "GroupKind",
    "GroupSnapshot",
    "GroupStateChanged",
    "GroupStats",
    "GroupStatus",
    "ListStats",
    "OptimizeBy",
    "RequestedStatus",
    "RetrySettings",
    "Schedule",
    "StatusCause",
    "Transition",
    "TransitionNotAllowed",
    "ValidationError",
    "VendorData",
    "converter",
    "from_dict",
    "group_stats",
    "list_stats",
    "parse_stat_server_name",
    "stat_server_name",
    "to_dict",
]
