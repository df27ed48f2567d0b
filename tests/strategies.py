"""Hypothesis strategies that build every campaignkit model with valid values."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from campaignkit import (
    CallingList,
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    CampaignStatus,
    CampaignType,
    DialMode,
    EndHandle,
    GroupKind,
    GroupStatus,
    OptimizeBy,
    RetrySettings,
    Schedule,
    VendorData,
)

names = st.text(min_size=1, max_size=12)
campaign_names = names  # a campaign's name may contain "@" (Genesys allows it)
small = st.integers(min_value=0, max_value=10_000)
zones = st.sampled_from(["UTC", "Europe/London", "America/New_York", "EST5EDT"])
offsets = st.sampled_from(
    [dt.UTC, dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=-5))]
)
aware = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2100, 1, 1),
    timezones=offsets,
)
times = st.times()
json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
vendor_data = st.dictionaries(st.text(max_size=8), json_values, max_size=4).map(
    VendorData
)

schedules = st.builds(
    lambda times, **rest: (
        Schedule(start_time=min(times), stop_time=max(times), **rest)
        if None not in times
        else Schedule(start_time=times[0], stop_time=times[1], **rest)
    ),
    times=st.tuples(st.none() | aware, st.none() | aware),
    daily_start=st.none() | times,
    daily_end=st.none() | times,
    time_zone=st.none() | zones,
)
retry_settings = st.builds(
    RetrySettings,
    retry_interval=st.none() | small,
    max_retries=st.none() | small,
    abandon_max_retries=st.none() | small,
    max_ring_time=st.none() | small,
)
campaign_calling_lists = st.builds(
    CampaignCallingList,
    campaign_name=campaign_names,
    calling_list_name=names,
    share=st.integers(1, 100),
    active=st.booleans(),
)
campaigns = st.builds(
    lambda name, lists, **rest: Campaign(
        name=name,
        calling_lists=tuple(
            CampaignCallingList(
                campaign_name=name, calling_list_name=list_name, share=share, active=on
            )
            for list_name, share, on in lists
        ),
        **rest,
    ),
    id=names,
    name=names,
    lists=st.lists(
        st.tuples(names, st.integers(1, 100), st.booleans()),
        max_size=3,
        unique_by=lambda t: t[0],
    ),
    type=st.sampled_from(CampaignType),
    detail=st.text(max_size=20),
    status=st.sampled_from(CampaignStatus),
    service_level=small,
    end_handle=st.sampled_from(EndHandle),
    queue_id=st.none() | names,
    next_campaign_id=st.none() | names,
    schedule=schedules,
    retry=retry_settings,
    status_since=st.none() | aware,
    vendor_data=vendor_data,
)
groups = st.builds(
    CampaignGroup,
    campaign_name=campaign_names,
    group_name=names,
    kind=st.sampled_from(GroupKind),
    uuid=st.none() | names,
    dbid=st.none() | small,
    tenant_name=st.none() | names,
    tenant_ccid=st.none() | names,
    template_name=st.none() | names,
    queue_name=st.none() | names,
    status=st.sampled_from(GroupStatus),
    dial_mode=st.sampled_from(DialMode),
    optimize_by=st.sampled_from(OptimizeBy),
    optimize_goal=small,
    channels=st.integers(1, 500),
    status_since=st.none() | aware,
    vendor_data=vendor_data,
)


@st.composite
def calling_lists(draw: st.DrawFn) -> CallingList:
    """A CallingList with consistent record counts."""
    total = draw(st.none() | small)
    remaining = draw(st.none() | st.integers(0, total if total is not None else 10_000))
    return CallingList(
        name=draw(names),
        dbid=draw(st.none() | small),
        description=draw(st.text(max_size=20)),
        max_attempts=draw(st.none() | st.integers(1, 20)),
        daily_from=draw(st.none() | times),
        daily_till=draw(st.none() | times),
        time_zone=draw(st.none() | zones),
        records_total=total,
        records_remaining=remaining,
    )


models = st.one_of(
    campaigns,
    groups,
    calling_lists(),
    campaign_calling_lists,
    schedules,
    retry_settings,
)
