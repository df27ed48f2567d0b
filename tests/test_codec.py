"""The converter: JSON-ready dicts, strict on the way in, errors by path."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from typing import Any, Generic, Literal, TypeVar

import attrs
import pytest

from campaignkit import (
    Campaign,
    CampaignCallingList,
    CampaignGroup,
    CampaignStatus,
    DecodeError,
    GroupStatus,
    Schedule,
    ValidationError,
    from_dict,
    to_dict,
)
from campaignkit import _validate as _v
from campaignkit.codec import make_strict_converter
from campaignkit.pacing import Power, Progressive


def campaign_dict(**changes: Any) -> dict[str, Any]:
    """A valid Campaign as to_dict writes it, with some keys changed."""
    return {**to_dict(Campaign(id="1", name="Spring")), **changes}


def test_enums_are_plain_values_and_times_keep_their_offset() -> None:
    """Enums become plain int/str, datetimes ISO 8601 with their offset."""
    plus_one = dt.timezone(dt.timedelta(hours=1))
    campaign = Campaign(
        id="1",
        name="Spring",
        status=CampaignStatus.MANUAL_RUNNING,
        calling_lists=(
            CampaignCallingList(campaign_name="Spring", calling_list_name="l"),
        ),
        schedule=Schedule(
            start_time=dt.datetime(2022, 10, 17, 22, 31, 2, tzinfo=plus_one),
            daily_start=dt.time(9, 30),
        ),
    )
    data = to_dict(campaign)
    assert type(data["status"]) is int
    assert data["status"] == 3
    assert type(data["type"]) is str
    assert data["type"] == "call"
    assert data["schedule"]["start_time"] == "2022-10-17T22:31:02+01:00"
    assert data["schedule"]["daily_start"] == "09:30:00"
    assert isinstance(data["calling_lists"], list)
    assert (
        type(to_dict(CampaignGroup(campaign_name="c", group_name="g"))["status"]) is int
    )


def test_z_suffix_and_offsets_are_read() -> None:
    """ISO strings with Z or an offset are accepted and mean the same instant."""
    a = from_dict(Campaign, campaign_dict(status_since="2026-01-01T12:00:00Z"))
    b = from_dict(Campaign, campaign_dict(status_since="2026-01-01T13:00:00+01:00"))
    assert a.status_since == b.status_since


@pytest.mark.parametrize(
    ("changes", "path", "words"),
    [
        ({"id": 1}, "$.id", "expected a string, got 1"),
        ({"service_level": "100"}, "$.service_level", "expected an integer"),
        ({"service_level": 1.5}, "$.service_level", "expected an integer"),
        ({"service_level": True}, "$.service_level", "expected an integer"),
        ({"status": 99}, "$.status", "99 is not a CampaignStatus; expected one of NEW"),
        ({"status": "0"}, "$.status", "'0' is not a CampaignStatus"),
        ({"status": False}, "$.status", "False is not a CampaignStatus"),
        ({"type": "sms"}, "$.type", "'sms' is not a CampaignType"),
        ({"status_since": "2026-01-01T00:00:00"}, "$.status_since", "naive"),
        ({"status_since": 1700000000}, "$.status_since", "ISO 8601"),
        ({"status_since": "yesterday"}, "$.status_since", "ISO 8601 date and time"),
        ({"service_level": -1}, "$.service_level", "-1 is not allowed; expected an"),
        ({"name": ""}, "$.name", "'' is not allowed; expected a non-empty string"),
        ({"vendor_data": [1]}, "$.vendor_data", "expected an object"),
        (
            {"schedule": {"daily_start": 900}},
            "$.schedule.daily_start",
            "ISO 8601 time of day",
        ),
        ({"oops": 1}, "$", "unknown keys: oops"),
    ],
)
def test_bad_fields_are_named_by_path(
    changes: dict[str, Any], path: str, words: str
) -> None:
    """Every kind of bad input becomes a DecodeError naming the field's path."""
    with pytest.raises(DecodeError) as info:
        from_dict(Campaign, campaign_dict(**changes))
    assert (path, info.value.errors[0][1]) in info.value.errors
    assert words in dict(info.value.errors)[path]
    assert path in str(info.value)
    assert info.value.target == "Campaign"


def test_a_missing_field_is_named() -> None:
    """A required key that is absent is reported at its path."""
    data = campaign_dict()
    del data["name"]
    with pytest.raises(DecodeError) as info:
        from_dict(Campaign, data)
    assert info.value.errors == (("$.name", "required field missing"),)


def test_every_bad_field_is_listed_at_once() -> None:
    """Several bad fields, nested ones included, are all reported in one error."""
    data = campaign_dict(
        id=1,
        calling_lists=[
            {"campaign_name": "Spring", "calling_list_name": "l", "share": 0},
            {"campaign_name": "Spring", "calling_list_name": "m", "zz": 1},
        ],
    )
    with pytest.raises(DecodeError) as info:
        from_dict(Campaign, data)
    paths = [path for path, _ in info.value.errors]
    assert "$.id" in paths
    assert "$.calling_lists[1]" in paths


def test_a_refused_nested_value_is_named_by_its_full_path() -> None:
    """A validator's refusal deep in the tree names the nested field."""
    data = campaign_dict(
        calling_lists=[
            {"campaign_name": "Spring", "calling_list_name": "l", "share": 0}
        ]
    )
    with pytest.raises(DecodeError) as info:
        from_dict(Campaign, data)
    assert info.value.errors[0][0] == "$.calling_lists[0].share"
    assert "1 to 100" in info.value.errors[0][1]


def test_a_cross_field_refusal_is_named() -> None:
    """A check across fields (remaining <= total) names the field it refuses."""
    from campaignkit import CallingList

    with pytest.raises(DecodeError) as info:
        from_dict(
            CallingList, {"name": "l", "records_total": 1, "records_remaining": 2}
        )
    assert info.value.errors[0][0] == "$.records_remaining"


@pytest.mark.parametrize("data", [None, [], "campaign", 3])
def test_a_non_object_is_refused(data: Any) -> None:
    """Only a JSON object can be a model."""
    with pytest.raises(DecodeError, match=r"\$: expected an object"):
        from_dict(Campaign, data)


def test_a_list_of_non_objects_is_refused_item_by_item() -> None:
    """Items of a nested list that are not objects are named by index."""
    with pytest.raises(DecodeError) as info:
        from_dict(Campaign, campaign_dict(calling_lists=[1]))
    assert info.value.errors[0] == ("$.calling_lists[0]", "expected an object, got 1")


def test_group_status_round_trips_as_its_vendor_number() -> None:
    """A group's status is written as the Genesys number and read back as the enum."""
    group = CampaignGroup(campaign_name="c", group_name="g", status=GroupStatus.RUNNING)
    data = to_dict(group)
    assert data["status"] == 5
    assert from_dict(CampaignGroup, data).status is GroupStatus.RUNNING


def test_to_dict_refuses_what_is_not_a_campaignkit_value() -> None:
    """to_dict on a plain object raises ValidationError rather than a TypeError."""
    with pytest.raises(ValidationError, match=r"to_dict\.obj"):
        to_dict({"id": 1})


@pytest.mark.parametrize(("value", "expected"), [(1, 1.0), (0.25, 0.25), (None, None)])
def test_numbers_are_read_as_floats(value: Any, expected: float | None) -> None:
    """A float field takes an int or a float (JSON does not tell them apart)."""
    from campaignkit import GroupStats

    assert from_dict(GroupStats, {"busy_factor": value}).busy_factor == expected


@pytest.mark.parametrize("value", ["0.5", True])
def test_a_float_field_refuses_strings_and_booleans(value: Any) -> None:
    """Strings and booleans are not numbers."""
    from campaignkit import GroupStats

    with pytest.raises(DecodeError, match=r"\$\.hit_ratio: expected a finite number"):
        from_dict(GroupStats, {"hit_ratio": value})


GROUP = {"campaign_name": "c", "group_name": "g"}


def test_type_errors_and_refused_values_are_all_reported() -> None:
    """A refused value does not hide another, nor does a wrong type."""
    with pytest.raises(DecodeError) as info:
        from_dict(CampaignGroup, {**GROUP, "channels": 0, "optimize_goal": -5})
    assert [p for p, _ in info.value.errors] == ["$.optimize_goal", "$.channels"]
    with pytest.raises(DecodeError) as info:
        from_dict(CampaignGroup, {**GROUP, "channels": 0, "dbid": "7"})
    assert [p for p, _ in info.value.errors] == ["$.dbid", "$.channels"]
    assert str(info.value).count("$.channels") == 1
    assert "CampaignGroup.channels" not in str(info.value)


def test_the_message_is_one_bounded_line_and_errors_has_everything() -> None:
    """Past a few hundred characters the message says how many more there are."""
    data = {name: [1] for name in attrs.fields_dict(CampaignGroup)}
    with pytest.raises(DecodeError) as info:
        from_dict(CampaignGroup, data)
    message = str(info.value)
    assert len(info.value.errors) == len(data)
    assert len(message) < 700
    assert message.endswith("more")


@pytest.mark.parametrize(
    "data",
    [
        {**GROUP, "k" * 1_000_000: 1},
        {**GROUP, "group_name": 7, "x": "v\n" * 2_500_000},
        {**GROUP, 1: 2, ("a",): 3},
        {**GROUP, "channels": 10**5000},
        {**GROUP, "channels": functools.reduce(lambda x, _: [x], range(10_000), [])},
        {
            **GROUP,
            "vendor_data": functools.reduce(lambda x, _: {"x": x}, range(1000), 1),
        },
    ],
    ids=[
        "huge-key",
        "huge-value",
        "non-string-keys",
        "huge-int",
        "deep",
        "deep-vendor",
    ],
)
def test_hostile_input_is_a_short_one_line_decode_error(data: dict[Any, Any]) -> None:
    """Huge keys and values, non-string keys, depth: a DecodeError, short, one line."""
    with pytest.raises(DecodeError) as info:
        from_dict(CampaignGroup, data)
    message = str(info.value)
    assert len(message) < 700
    assert "\n" not in message
    assert all(len(p) + len(m) < 700 for p, m in info.value.errors)


def test_enums_are_read_by_name_in_any_case_and_written_by_name_on_request() -> None:
    """'RUNNING', 'running' and 5 are the same status; unknown ones list the valid."""
    group = CampaignGroup(**GROUP, status=GroupStatus.RUNNING)
    assert to_dict(group, enums="names")["status"] == "RUNNING"
    for spelling in ("RUNNING", "running", 5):
        assert from_dict(CampaignGroup, {**GROUP, "status": spelling}) == group
    assert from_dict(CampaignGroup, to_dict(group, enums="names")) == group
    with pytest.raises(DecodeError, match=r"'warp' is not a DialMode; .*POWER \(6\)"):
        from_dict(CampaignGroup, {**GROUP, "dial_mode": "warp"})
    with pytest.raises(DecodeError, match="99 is not a GroupStatus"):
        from_dict(CampaignGroup, {**GROUP, "status": 99})


def test_a_bad_time_never_shows_pythons_own_message() -> None:
    """'Invalid isoformat string' is Python's wording, not ours."""
    with pytest.raises(DecodeError) as info:
        from_dict(Schedule, {"start_time": "tomorrow", "daily_start": "9h"})
    assert "isoformat" not in str(info.value)
    assert len(info.value.errors) == 2


def test_the_strict_converter_reads_and_writes_like_from_dict() -> None:
    """make_strict_converter gives a cattrs converter with the same rules."""
    conv = make_strict_converter(enums="names")
    group = CampaignGroup(**GROUP)
    assert conv.unstructure(group)["status"] == "NOT_LOADED"
    assert conv.structure(conv.unstructure(group), CampaignGroup) == group
    with pytest.raises(DecodeError):
        conv.structure({**GROUP, "channels": 0}, CampaignGroup)


class Color(enum.Enum):
    """A plain enum, without campaignkit's parse()."""

    RED = "red"
    BLUE = "blue"


Num = TypeVar("Num", int, float)
Free = TypeVar("Free")


@attrs.frozen
class Box(Generic[Free]):
    """Every shape of field the codec reads, for the tests below."""

    anything: Any = None
    choice: Literal["a", "b"] = "a"
    pair: tuple[int, str] = (1, "x")
    bare: tuple = ()  # type: ignore[type-arg]
    counts: dict[str, int] = attrs.field(factory=dict)
    plans: dict[GroupStatus, int] = attrs.field(factory=dict)
    number: Num = 1  # type: ignore[valid-type]
    free: Free | None = None
    wait: dt.timedelta = dt.timedelta(0)
    flag: bool = False
    color: Color = Color.RED


@attrs.frozen
class Odd:
    """A field type the codec does not know."""

    items: frozenset[int] = frozenset()


def test_every_field_shape_round_trips() -> None:
    """Literals, fixed and bare tuples, mappings with enum keys, TypeVars, durations."""
    box = Box(
        anything={"k": [1]},
        choice="b",
        pair=(2, "y"),
        bare=(1, "z"),
        counts={"a": 1},
        plans={GroupStatus.RUNNING: 3},
        number=2.5,
        free="f",
        wait=dt.timedelta(seconds=1.5),
        flag=True,
        color=Color.BLUE,
    )
    data = to_dict(box)
    assert data["plans"] == {"RUNNING": 3}
    assert data["wait"] == 1.5
    assert from_dict(Box, data) == box
    assert from_dict(Box, {"plans": {"5": 3}}).plans == {GroupStatus.RUNNING: 3}
    assert from_dict(Box, {"color": "Blue"}).color is Color.BLUE
    assert to_dict(box, enums="names")["color"] == "BLUE"


@pytest.mark.parametrize(
    ("data", "path", "words"),
    [
        ({"choice": "c"}, "$.choice", "one of 'a', 'b'"),
        ({"pair": [1]}, "$.pair", "an array of 2 items"),
        ({"pair": "ab"}, "$.pair", "an array"),
        ({"pair": [1, 2]}, "$.pair[1]", "a string"),
        ({"counts": [1]}, "$.counts", "an object"),
        ({"counts": {"a": "1"}}, "$.counts['a']", "an integer"),
        ({"plans": {"9": 1}}, "$.plans['9']", "not a GroupStatus"),
        ({"number": "1"}, "$.number", "int or float"),
        ({"wait": "1s"}, "$.wait", "a duration in seconds"),
        ({"wait": 1e300}, "$.wait", "a duration in seconds"),
        ({"flag": 1}, "$.flag", "a boolean"),
        ({"color": "green"}, "$.color", "RED ('red'), BLUE ('blue')"),
    ],
)
def test_every_field_shape_refuses_what_does_not_fit(
    data: dict[str, Any], path: str, words: str
) -> None:
    """Each reader names what it expected, at the item's path."""
    with pytest.raises(DecodeError) as info:
        from_dict(Box, data)
    assert words in dict(info.value.errors)[path]


def test_a_type_the_codec_does_not_know_is_a_decode_error() -> None:
    """No bare exception for a field type outside the codec's vocabulary."""
    with pytest.raises(DecodeError, match="something campaignkit can read"):
        from_dict(Odd, {"items": [1]})


def test_events_are_told_apart_by_their_keys() -> None:
    """A union of attrs classes picks the one whose keys fit, else the closest."""
    from campaignkit.sim import Distribution, Exponential, Fixed, Uniform

    for value in (Exponential(mean=2.0), Fixed(value=1.0), Uniform(low=1, high=2)):
        assert from_dict(Distribution, to_dict(value)) == value  # type: ignore[arg-type]
    with pytest.raises(DecodeError, match=r"\$\.mean"):
        from_dict(Distribution, {"mean": "x"})  # type: ignore[arg-type]
    with pytest.raises(DecodeError, match=r"\$: unknown keys: zz"):
        from_dict(Distribution, {"mean": 1.0, "zz": 1})  # type: ignore[arg-type]
    assert from_dict(Odd | Box, {}) == Odd()  # type: ignore[arg-type]
    with pytest.raises(DecodeError, match="Exponential or Fixed or Uniform"):
        from_dict(Distribution, 3)  # type: ignore[arg-type]


@attrs.frozen
class Pick:
    """A field holding one of two classes with the same keys, or nothing."""

    policy: Progressive | Power | None = None


def test_look_alike_union_members_are_tagged_with_their_class() -> None:
    """Progressive and Power share their keys, so ``_type`` names the class."""
    data = to_dict(Pick(Power(2.0)))
    assert data == {"policy": {"_type": "Power", "ratio": 2.0}}
    assert from_dict(Pick, data) == Pick(Power(2.0))
    assert to_dict(Pick()) == {"policy": None}
    with pytest.raises(DecodeError) as info:
        from_dict(Pick, {"policy": {"_type": "Nope", "ratio": 2.0}})
    assert info.value.errors == (
        ("$.policy._type", "'Nope' is not one of Progressive, Power"),
    )


def test_a_number_too_large_for_a_float_is_refused() -> None:
    """10**400 is not a float: a DecodeError, not an OverflowError."""
    from campaignkit import GroupStats

    with pytest.raises(DecodeError, match="expected a finite number"):
        from_dict(GroupStats, {"hit_ratio": 10**400})


def test_to_dict_refuses_a_value_inside_it_does_not_know() -> None:
    """A set smuggled into a field cannot be written as JSON."""
    with pytest.raises(ValidationError, match="to_dict"):
        to_dict(Odd(items=frozenset({1})))


def _needs_the_object(obj: Any, attribute: Any, value: Any) -> None:
    """A validator that reads another field: it cannot run on its own."""
    if value != obj.plain:
        raise ValidationError("Checked", "same", value, "equal to plain")


@attrs.frozen
class Checked:
    """Fields with and without validators, one that needs the whole object."""

    plain: int = 0
    same: int = attrs.field(default=0, validator=_needs_the_object)
    positive: int = attrs.field(default=1, validator=attrs.validators.gt(0))
    named: int = attrs.field(default=1, validator=_v.integer(1))


def test_field_validators_run_alone_only_when_they_can() -> None:
    """Every field's own refusal is listed; one needing the object is left out."""
    with pytest.raises(DecodeError) as info:
        from_dict(Checked, {"plain": 0, "same": 1, "named": 0})
    assert [p for p, _ in info.value.errors] == ["$.named"]
    with pytest.raises(DecodeError) as info:
        from_dict(Checked, {"same": 1})
    assert [p for p, _ in info.value.errors] == ["$.same"]


class _BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


@pytest.mark.parametrize(
    "trigger", [_BadRepr(), [_BadRepr()], 1.5], ids=["bad-repr", "list", "float"]
)
def test_an_enum_without_parse_reads_only_an_int_or_a_str(trigger: Any) -> None:
    """CampaignTrigger has no parse(): the rest never reaches enum's repr."""
    from campaignkit import Campaign, CampaignStatusChanged

    data = {
        "campaign": to_dict(Campaign(id="0", name="0")),
        "previous_status": 0,
        "trigger": trigger,
        "at": "2000-01-01T00:00:00+00:00",
    }
    with pytest.raises(DecodeError, match=r"\$\.trigger: .* is not a CampaignTrigger"):
        from_dict(CampaignStatusChanged, data)


@pytest.mark.parametrize(
    "number", [float("nan"), float("inf"), float("-inf"), 10**400], ids=str
)
def test_a_float_field_reads_only_a_finite_number(number: float) -> None:
    """Even where no validator would refuse it (a result's figures): strict JSON."""
    from campaignkit.sim import Minute

    data = {"minute": 0, "dialed": 1, "answered": 1, "abandoned": 0}
    with pytest.raises(DecodeError, match="busy_factor: expected a finite number"):
        from_dict(Minute, {**data, "busy_factor": number})


def test_a_float_field_keeps_an_int_as_it_came() -> None:
    """to_dict wrote it as an int: 0 stays 0, and 2**53 + 1 stays exact."""
    from campaignkit.pacing import Observation

    value = Observation(answered=True, answer_time=2**53 + 1)
    again = from_dict(Observation, json.loads(json.dumps(to_dict(value))))
    assert again == value
    assert type(again.answer_time) is int
