"""Hypothesis strategies for campaignkit's values, and their registration.

Importing this module (``import campaignkit.testing`` does) registers a strategy
for every model, snapshot, event, figure, pacing value and policy, record,
retry plan and Stat Server object class, so
``st.from_type(CampaignGroup)`` builds valid groups; the module-level strategies
(``groups``, ``campaigns``, ``eightbyeight_documents``...) are there to combine.
Every value drawn passes its constructor's checks; vendor documents are what the
wire encoders write, so the decoders accept them.

Needs hypothesis (``pip install campaignkit[testing]``); the core never imports it.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from hypothesis import strategies as st

from campaignkit.enums import (
    Actor,
    CampaignStatus,
    CampaignType,
    DialMode,
    EndHandle,
    GroupAction,
    GroupKind,
    GroupStatus,
    OptimizeBy,
)
from campaignkit.events import (
    CampaignStatusChanged,
    CampaignTrigger,
    GroupSnapshot,
    GroupStateChanged,
)
from campaignkit.models import (
    CallingList,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    RetrySettings,
    Schedule,
)
from campaignkit.pacing import (
    MAX_AGENTS,
    MAX_RATIO,
    Estimate,
    Observation,
    PacingDecision,
    PacingSnapshot,
    Power,
    Predictive,
    Preview,
    Progressive,
    ServiceLevel,
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
    list_progress,
)
from campaignkit.stats import GroupCounters, GroupStats, ListStats
from campaignkit.vendor import VendorData
from campaignkit.wire import eightbyeight, genesys, voipbin
from campaignkit.wire.genesys import StatServerObject, StatServerObjectKind

__all__ = [
    "aware_datetimes",
    "calling_lists",
    "calling_records",
    "campaign_calling_lists",
    "campaign_events",
    "campaigns",
    "destinations",
    "eightbyeight_documents",
    "estimates",
    "events",
    "genesys_documents",
    "group_counters",
    "group_events",
    "group_snapshots",
    "group_stats",
    "groups",
    "list_progresses",
    "list_stats",
    "models",
    "names",
    "observations",
    "pacing_decisions",
    "pacing_snapshots",
    "policies",
    "retry_plans",
    "retry_settings",
    "schedules",
    "stat_server_objects",
    "treatments",
    "vendor_data",
    "voipbin_documents",
]

_ALPHABET = string.ascii_letters + string.digits + " -_.'"
names = st.text(_ALPHABET, min_size=1, max_size=16).filter(lambda s: s.strip() != "")
"""Printable names (a non-empty, not-blank string); every name field accepts them."""

_zones = st.sampled_from(["UTC", "Europe/London", "America/New_York", "Asia/Tokyo"])
_offsets = st.sampled_from(
    [dt.UTC, dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=-5))]
)
aware_datetimes = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2100, 1, 1),
    timezones=_offsets,
)
"""Aware instants from 2000 to 2100 in a few fixed offsets."""
_utc = aware_datetimes.map(lambda t: t.astimezone(dt.UTC))
_times = st.times()
_small = st.integers(0, 10_000)
_figures = st.none() | st.floats(0, 1e6)
_seconds = st.floats(0, 1e7)

_json: Any = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
vendor_data = st.dictionaries(st.text(max_size=8), _json, max_size=4).map(VendorData)
"""Vendor data: small JSON objects (no floats, so every copy compares equal)."""


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    """A schedule whose stop time, if any, is not before its start."""
    start, stop = draw(st.none() | aware_datetimes), draw(st.none() | aware_datetimes)
    if start is not None and stop is not None and stop < start:
        start, stop = stop, start
    return Schedule(
        start_time=start,
        stop_time=stop,
        daily_start=draw(st.none() | _times),
        daily_end=draw(st.none() | _times),
        time_zone=draw(st.none() | _zones),
    )


retry_settings = st.builds(
    RetrySettings,
    retry_interval=st.none() | _small,
    max_retries=st.none() | _small,
    abandon_max_retries=st.none() | _small,
    max_ring_time=st.none() | _small,
)
_campaign_names = names.filter(lambda s: "@" not in s)


def campaign_calling_lists(
    campaign_name: st.SearchStrategy[str] = _campaign_names,
) -> st.SearchStrategy[CampaignCallingList]:
    """Links of a calling list to a campaign (of one of ``campaign_name``)."""
    return st.builds(
        CampaignCallingList,
        campaign_name=campaign_name,
        calling_list_name=names,
        share=st.integers(1, 100),
        active=st.booleans(),
    )


@st.composite
def campaigns(draw: st.DrawFn) -> Campaign:
    """A campaign whose calling lists are its own, each named once."""
    name = draw(_campaign_names)
    links = draw(
        st.lists(
            campaign_calling_lists(st.just(name)),
            max_size=3,
            unique_by=lambda link: link.calling_list_name,
        )
    )
    return Campaign(
        id=draw(names),
        name=name,
        type=draw(st.sampled_from(CampaignType)),
        detail=draw(st.text(_ALPHABET, max_size=20)),
        status=draw(st.sampled_from(CampaignStatus)),
        service_level=draw(_small),
        end_handle=draw(st.sampled_from(EndHandle)),
        queue_id=draw(st.none() | names),
        next_campaign_id=draw(st.none() | names),
        calling_lists=tuple(links),
        schedule=draw(schedules()),
        retry=draw(retry_settings),
        status_since=draw(st.none() | aware_datetimes),
        vendor_data=draw(vendor_data),
    )


groups = st.builds(
    CampaignGroup,
    campaign_name=_campaign_names,
    group_name=names,
    kind=st.sampled_from(GroupKind),
    uuid=st.none() | names,
    dbid=st.none() | _small,
    tenant_name=st.none() | names,
    tenant_ccid=st.none() | names,
    template_name=st.none() | names,
    queue_name=st.none() | names,
    status=st.sampled_from(GroupStatus),
    dial_mode=st.sampled_from(DialMode),
    optimize_by=st.sampled_from(OptimizeBy),
    optimize_goal=st.integers(0, 100),
    channels=st.integers(1, 500),
    status_since=st.none() | aware_datetimes,
    vendor_data=vendor_data,
)
"""Campaign groups in every status, mode and kind."""


@st.composite
def calling_lists(draw: st.DrawFn) -> CallingList:
    """A calling list whose remaining records are at most its total."""
    total = draw(st.none() | _small)
    remaining = draw(st.none() | st.integers(0, 10_000 if total is None else total))
    return CallingList(
        name=draw(names),
        dbid=draw(st.none() | _small),
        description=draw(st.text(_ALPHABET, max_size=20)),
        max_attempts=draw(st.none() | st.integers(1, 20)),
        daily_from=draw(st.none() | _times),
        daily_till=draw(st.none() | _times),
        time_zone=draw(st.none() | _zones),
        records_total=total,
        records_remaining=remaining,
    )


group_counters = st.builds(
    GroupCounters,
    dialed=_small,
    answered=_small,
    abandoned=_small,
    dropped=_small,
    agent_busy_seconds=_seconds,
    agent_logged_seconds=_seconds,
    records_left=_small,
    records_finished=_small,
    window_seconds=_seconds,
)
group_stats = st.builds(
    GroupStats,
    busy_factor=_figures,
    hit_ratio=_figures,
    overdial_rate=_figures,
    time_to_complete=_figures,
)
list_stats = st.builds(
    ListStats, calling_list_name=names, hit_ratio=_figures, time_to_complete=_figures
)


@st.composite
def pacing_snapshots(draw: st.DrawFn) -> PacingSnapshot:
    """Live counts for a team of up to 500 agents (abandons within answers)."""
    answered = draw(_small)
    return PacingSnapshot(
        agents_ready=draw(st.integers(0, min(500, MAX_AGENTS))),
        agents_busy=draw(st.integers(0, 500)),
        calls_dialing=draw(st.integers(0, 1000)),
        calls_waiting=draw(st.integers(0, 100)),
        hit_ratio=draw(st.floats(0, 1)),
        mean_handle_time=draw(st.floats(1, 3600)),
        mean_answer_time=draw(st.floats(1, 120)),
        records_available=draw(st.none() | _small),
        channels_free=draw(st.none() | st.integers(0, 1000)),
        answered=answered,
        abandoned=draw(st.integers(0, answered)),
    )


pacing_decisions = st.builds(
    PacingDecision,
    calls=st.integers(0, 1000),
    limited_by=st.sampled_from([None, "records", "channels"]),
    reason=st.text(_ALPHABET, max_size=30),
)
_times_s = st.floats(0.1, 3600)
observations = st.builds(
    Observation,
    answered=st.none() | st.booleans(),
    answer_time=st.none() | _times_s,
    handle_time=st.none() | _times_s,
)
estimates = st.builds(
    Estimate,
    hit_ratio=st.floats(0, 1),
    mean_handle_time=_times_s,
    mean_answer_time=_times_s,
    attempts=_small,
    answers=_small,
    handles=_small,
    smoothing=st.floats(0.001, 1),
    warmup=st.integers(0, 500),
)

group_snapshots = st.builds(
    GroupSnapshot,
    group=groups,
    stats=st.none() | group_stats,
    list_stats=st.lists(list_stats, max_size=3).map(tuple),
    at=aware_datetimes,
)
group_events = st.builds(
    GroupStateChanged,
    group=groups,
    previous_status=st.sampled_from(GroupStatus),
    action=st.sampled_from(GroupAction),
    actor=st.sampled_from(Actor),
    at=aware_datetimes,
)
campaign_events = st.builds(
    CampaignStatusChanged,
    campaign=campaigns(),
    previous_status=st.sampled_from(CampaignStatus),
    trigger=st.sampled_from(CampaignTrigger),
    at=aware_datetimes,
)
events = st.one_of(group_events, campaign_events, group_snapshots)
"""Any event a notifier may receive."""

destinations = st.builds(Destination, address=names, tries=st.integers(0, 20))


@st.composite
def calling_records(draw: st.DrawFn) -> CallingRecord:
    """A calling record with up to three destinations and abandons within attempts."""
    attempt = draw(st.integers(0, 20))
    return CallingRecord(
        record_id=draw(st.integers(0, 2**63 - 1)),
        contact_info=draw(names),
        contact_info_type=draw(st.sampled_from(ContactType)),
        record_type=draw(st.sampled_from(RecordType)),
        record_status=draw(st.sampled_from(RecordStatus)),
        call_result=draw(st.sampled_from(CallResult)),
        attempt=attempt,
        abandons=draw(st.integers(0, attempt)),
        dial_sched_time=draw(st.none() | _utc),
        call_time=draw(st.none() | _utc),
        daily_from=draw(st.none() | _times),
        daily_till=draw(st.none() | _times),
        time_zone=draw(st.none() | _zones),
        destinations=tuple(draw(st.lists(destinations, max_size=3))),
    )


treatments = st.builds(
    Treatment,
    retry=st.booleans(),
    interval=st.integers(0, 30 * 86_400) | st.floats(0, 30 * 86_400),
    max_attempts=st.none() | st.integers(1, 20),
)
retry_plans = st.builds(
    RetryPlan,
    treatments=st.dictionaries(st.sampled_from(CallResult), treatments, max_size=4),
    otherwise=treatments,
    max_attempts=st.integers(1, 20),
    max_abandons=st.none() | st.integers(1, 5),
    destination_tries=st.lists(st.integers(0, 5), max_size=5).map(tuple),
)

list_progresses = st.lists(calling_records(), max_size=5).map(list_progress)
"""A calling list's progress, counted from drawn records."""

_ratios = st.floats(0.1, MAX_RATIO)
_progressives = st.builds(Progressive, ratio=_ratios)
_powers = st.builds(Power, ratio=_ratios)
_service_levels = st.builds(
    ServiceLevel,
    percent=st.integers(0, 200),
    rule=st.sampled_from(["documented", "coded"]),
)


@st.composite
def _predictives(draw: st.DrawFn) -> Predictive:
    """A Predictive policy with an optimisation the model supports."""
    by = draw(
        st.sampled_from(
            [
                OptimizeBy.NONE,
                OptimizeBy.BUSY_FACTOR,
                OptimizeBy.OVERDIAL_RATE,
                OptimizeBy.WAIT_TIME,
            ]
        )
    )
    goal = draw(st.floats(0, 600 if by is OptimizeBy.WAIT_TIME else 100))
    return Predictive(by, goal, draw(st.floats(0, 100)))


policies = st.one_of(
    st.just(Preview()), _progressives, _powers, _service_levels, _predictives()
)
"""Any pacing policy, as :func:`campaignkit.pacing.pace` takes it."""

stat_server_objects = st.builds(
    StatServerObject, kind=st.sampled_from(StatServerObjectKind), name=names
)
"""An object a Stat Server statistic can be opened on."""

models = st.one_of(
    campaigns(),
    groups,
    calling_lists(),
    campaign_calling_lists(),
    schedules(),
    retry_settings,
)
"""Any of the six models."""


def _digits(limit: int = 2**31 - 1) -> st.SearchStrategy[str]:
    return st.integers(1, limit).map(str)


@st.composite
def eightbyeight_documents(draw: st.DrawFn) -> dict[str, Any]:
    """An 8x8 status response (``{"campaign": {...}}``) as the encoder writes it."""
    campaign = draw(campaigns())
    campaign = Campaign(
        id=draw(_digits()),
        name=campaign.name,
        status=campaign.status,
        queue_id=draw(st.none() | _digits()),
        schedule=campaign.schedule,
        retry=campaign.retry,
        status_since=campaign.status_since,
    )
    return eightbyeight.encode_campaign(campaign)


_uuids = st.uuids(version=4).map(str)


@st.composite
def voipbin_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A VoIPbin campaign resource as the encoder writes it."""
    campaign_id = draw(_uuids)
    name = draw(_campaign_names)
    campaign = Campaign(id=campaign_id, name=name, detail=draw(st.text(max_size=20)))
    group = CampaignGroup(
        campaign_name=name,
        group_name=draw(_uuids),
        name=campaign_id,
        status=draw(
            st.sampled_from(
                [GroupStatus.RUNNING, GroupStatus.ACTIVE, GroupStatus.INACTIVE]
            )
        ),
    )
    return voipbin.encode_campaign(campaign, group)


genesys_documents = st.one_of(group_events, group_snapshots).map(
    genesys.group_state_payload
)
"""CampaignGroupState bodies, as OCS would POST them for a group event."""

_REGISTERED: dict[type[Any], st.SearchStrategy[Any]] = {
    Schedule: schedules(),
    RetrySettings: retry_settings,
    CampaignCallingList: campaign_calling_lists(),
    Campaign: campaigns(),
    CampaignGroup: groups,
    CallingList: calling_lists(),
    VendorData: vendor_data,
    GroupCounters: group_counters,
    GroupStats: group_stats,
    ListStats: list_stats,
    PacingSnapshot: pacing_snapshots(),
    PacingDecision: pacing_decisions,
    Observation: observations,
    Estimate: estimates,
    Treatment: treatments,
    RetryPlan: retry_plans,
    GroupSnapshot: group_snapshots,
    GroupStateChanged: group_events,
    CampaignStatusChanged: campaign_events,
    Destination: destinations,
    CallingRecord: calling_records(),
    ListProgress: list_progresses,
    Preview: st.just(Preview()),
    Progressive: _progressives,
    Power: _powers,
    ServiceLevel: _service_levels,
    Predictive: _predictives(),
    StatServerObject: stat_server_objects,
}


def register() -> None:
    """Make ``st.from_type`` build each class above with these strategies.

    Called on import; calling it again changes nothing. Each is registered as a
    function of the type, not as the strategy itself: hypothesis looks into a
    strategy it is given (building it), and doing that on import, before its
    pytest plugin loads (a host loading ours with ``-p``), makes it warn.
    """
    for cls, strategy in _REGISTERED.items():
        st.register_type_strategy(cls, _resolver(strategy))


def _resolver(strategy: st.SearchStrategy[Any]) -> Any:
    return lambda _: strategy


register()
