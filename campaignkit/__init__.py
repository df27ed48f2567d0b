"""campaignkit: outbound dialing campaigns as immutable values and pure functions.

The models (:class:`Campaign`, :class:`CampaignGroup`, :class:`CallingList`,
:class:`CampaignCallingList`) follow the Genesys Stat Server hierarchy; the
lifecycle functions (``lifecycle.start(group, at=...)``) change their status
through python-statemachine; pacing and statistics are pure functions; notifiers
deliver events; the vendors' JSON lives in :mod:`campaignkit.wire.genesys`,
:mod:`campaignkit.wire.eightbyeight` and :mod:`campaignkit.wire.voipbin`.

The top level holds the nouns a host needs first. Everything else (the lifecycle
verbs, bounds and constants, distributions, type aliases) lives in its own module.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

from campaignkit import lifecycle
from campaignkit.codec import (
    from_dict,
    to_dict,
)
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
    Event,
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
    Destination,
    ListProgress,
    RecordStatus,
    RecordType,
    RetryPlan,
    Treatment,
)
from campaignkit.sim import (
    Scenario,
    SimResult,
    simulate,
    sweep,
)
from campaignkit.stats import (
    GroupCounters,
    GroupStats,
    ListStats,
    group_stats,
    list_stats,
)
from campaignkit.vendor import (
    VendorData,
)

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
    "CampaignType",
    "ContactType",
    "DecodeError",
    "Destination",
    "DialFamily",
    "DialMode",
    "DispatchReport",
    "EndHandle",
    "Event",
    "GroupAction",
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
    "Treatment",
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
    "DEFAULT_MAX_ABANDONS": "records",
    "DEFAULT_RETRY_PLAN": "records",
    "MAX_AGENTS": "pacing",
    "MAX_COUNT": "pacing",
    "MAX_DURATION": "sim",
    "MAX_EPOCH": "records",
    "MAX_PREDICTIVE_CALLS": "pacing",
    "MAX_RATIO": "pacing",
    "MAX_RETRY_INTERVAL": "records",
    "MAX_SERVICE_LEVEL": "pacing",
    "MAX_SIM_AGENTS": "sim",
    "MAX_TIMEOUT": "notify",
    "MIN_HIT_RATIO": "pacing",
    "MIN_PACING_INTERVAL": "sim",
    "AnyNotifier": "notify",
    "CampaignLifecycle": "lifecycle",
    "CampaignTransition": "lifecycle",
    "Distribution": "sim",
    "Estimate": "pacing",
    "Exponential": "sim",
    "Fixed": "sim",
    "GroupLifecycle": "lifecycle",
    "GroupTransition": "lifecycle",
    "LimitedBy": "pacing",
    "Minute": "sim",
    "Observation": "pacing",
    "Policy": "pacing",
    "Uniform": "sim",
    "allowed_actions": "lifecycle",
    "allowed_requests": "lifecycle",
    "calls_drained": "lifecycle",
    "campaign_activity": "lifecycle",
    "complete": "lifecycle",
    "converter": "codec",
    "diagram": "lifecycle",
    "dialable": "records",
    "dialing_started": "lifecycle",
    "epoch_from_utc": "records",
    "force_unload": "lifecycle",
    "list_progress": "records",
    "load": "lifecycle",
    "next_destination": "records",
    "parse_policy": "pacing",
    "parse_stat_server_name": "naming",
    "periodic_due": "notify",
    "policy_for": "pacing",
    "record_outcome": "records",
    "records_completed": "lifecycle",
    "request_status": "lifecycle",
    "schedule": "lifecycle",
    "schedule_start_reached": "lifecycle",
    "schedule_stop_reached": "lifecycle",
    "seconds_from_time": "records",
    "set_dial_mode": "lifecycle",
    "start": "lifecycle",
    "stat_server_name": "naming",
    "stop": "lifecycle",
    "time_from_seconds": "records",
    "unload": "lifecycle",
    "unloaded": "lifecycle",
    "update_estimate": "pacing",
    "utc_from_epoch": "records",
}
"""Names the top level exported before 0.2, and the module each lives in now."""


def __getattr__(name: str) -> Any:
    """Find a name that moved to its module, with a DeprecationWarning saying where."""
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module 'campaignkit' has no attribute {name!r}")
    warnings.warn(
        f"campaignkit.{name} moved: import it from campaignkit.{module}",
        DeprecationWarning,
        stacklevel=2,
    )
    return getattr(importlib.import_module(f"campaignkit.{module}"), name)
