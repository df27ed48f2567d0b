"""campaignkit: outbound dialing campaigns as immutable values and pure functions.

The top level holds the nouns a host needs first; verbs (``lifecycle.start``),
bounds, distributions and aliases live in their modules.
"""

from typing import Any as _Any

from campaignkit import lifecycle
from campaignkit.codec import from_dict, to_dict
from campaignkit.enums import (
    Actor,
    CallOutcome,
    CampaignActivity,
    CampaignPhase,
    CampaignStatus,
    CampaignType,
    DialFamily,
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
    CampaignTrigger,
    Event,
    GroupChange,
    GroupSnapshot,
    GroupStateChanged,
    Transition,
)
from campaignkit.ledger import AbandonmentLedger
from campaignkit.models import (
    CallingList,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    RetrySettings,
    Schedule,
)
from campaignkit.notify import (
    AsyncNotifier,
    AsyncNotifierError,
    CallbackNotifier,
    DispatchReport,
    LoggingNotifier,
    Notifier,
    RecordingNotifier,
    adispatch,
    dispatch,
)
from campaignkit.pacing import (
    PacingDecision,
    PacingSnapshot,
    Power,
    Predictive,
    Preview,
    Progressive,
    ServiceLevel,
    pace,
)
from campaignkit.records import (
    CallingRecord,
    CallResult,
    ContactType,
    ListProgress,
    RecordStatus,
    RecordType,
    RetryPlan,
)
from campaignkit.sim import Scenario, SimResult, simulate, sweep
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
    "AbandonmentLedger",
    "Actor",
    "AsyncNotifier",
    "AsyncNotifierError",
    "CallOutcome",
    "CallResult",
    "CallbackNotifier",
    "CallingList",
    "CallingRecord",
    "Campaign",
    "CampaignActivity",
    "CampaignCallingList",
    "CampaignGroup",
    "CampaignKitError",
    "CampaignPhase",
    "CampaignStatus",
    "CampaignStatusChanged",
    "CampaignTrigger",
    "CampaignType",
    "ContactType",
    "DecodeError",
    "DialFamily",
    "DialMode",
    "DispatchReport",
    "EndHandle",
    "Event",
    "GroupAction",
    "GroupChange",
    "GroupCounters",
    "GroupKind",
    "GroupSnapshot",
    "GroupStateChanged",
    "GroupStats",
    "GroupStatus",
    "ListProgress",
    "ListStats",
    "LoggingNotifier",
    "Notifier",
    "OptimizeBy",
    "PacingDecision",
    "PacingSnapshot",
    "Power",
    "Predictive",
    "Preview",
    "Progressive",
    "RecordStatus",
    "RecordType",
    "RecordingNotifier",
    "RequestedStatus",
    "RetryPlan",
    "RetrySettings",
    "Scenario",
    "Schedule",
    "ServiceLevel",
    "SimResult",
    "StatusCause",
    "Transition",
    "TransitionNotAllowed",
    "ValidationError",
    "VendorData",
    "adispatch",
    "dispatch",
    "from_dict",
    "group_stats",
    "lifecycle",
    "list_stats",
    "pace",
    "simulate",
    "sweep",
    "to_dict",
]

_MOVED = {
    name: module
    for module, names in {
        "codec": "converter",
        "lifecycle": "CampaignLifecycle CampaignTransition GroupLifecycle"
        " GroupTransition allowed_actions allowed_requests calls_drained"
        " campaign_activity complete diagram dialing_started force_unload load"
        " records_completed request_status schedule schedule_start_reached"
        " schedule_stop_reached set_dial_mode start stop unload unloaded",
        "naming": "parse_stat_server_name stat_server_name",
        "notify": "MAX_TIMEOUT AnyNotifier periodic_due",
        "pacing": "MAX_AGENTS MAX_COUNT MAX_PREDICTIVE_CALLS MAX_RATIO"
        " MAX_SERVICE_LEVEL MIN_HIT_RATIO Estimate LimitedBy Observation Policy"
        " parse_policy policy_for update_estimate",
        "records": "DEFAULT_MAX_ABANDONS DEFAULT_RETRY_PLAN MAX_EPOCH"
        " MAX_RETRY_INTERVAL Destination Treatment dialable epoch_from_utc"
        " list_progress next_destination record_outcome seconds_from_time"
        " time_from_seconds utc_from_epoch",
        "sim": "MAX_DURATION MAX_SIM_AGENTS MIN_PACING_INTERVAL Distribution"
        " Exponential Fixed Minute Uniform",
    }.items()
    for name in names.split()
}
"""Names the top level exported before 0.2, and the module each lives in now."""


def __getattr__(name: str) -> _Any:
    """Find a name that moved to its module, with a DeprecationWarning saying where."""
    import importlib
    import warnings

    if name not in _MOVED:
        raise AttributeError(f"module 'campaignkit' has no attribute {name!r}")
    warnings.warn(
        f"campaignkit.{name} moved: import it from campaignkit.{_MOVED[name]}",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(f"campaignkit.{_MOVED[name]}"), name)


def __dir__() -> list[str]:
    """The exported names: neither the moved ones nor this module's helpers."""
    return [*__all__, "__version__"]
