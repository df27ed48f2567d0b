"""VendorData: the read-only, hashable carrier of fields campaignkit does not model."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

from campaignkit import VendorData
from campaignkit.vendor import freeze, thaw
from tests.strategies import json_values


@given(json_values)
def test_freeze_then_thaw_gives_back_the_json(value: Any) -> None:
    """Any JSON value survives freezing and thawing, and the frozen form hashes."""
    frozen = freeze(value)
    hash(frozen)
    assert thaw(frozen) == value


def test_keys_keep_the_vendor_order() -> None:
    """Iteration and to_json keep insertion order (the vendor's order)."""
    data = VendorData({"z": 1, "a": {"y": [1, 2], "b": None}})
    assert list(data) == ["z", "a"]
    assert json.dumps(data.to_json()) == '{"z": 1, "a": {"y": [1, 2], "b": null}}'
    assert len(data) == 2


def test_it_is_read_only() -> None:
    """Neither items nor attributes can be set."""
    data = VendorData({"a": 1})
    with pytest.raises(TypeError):
        data["a"] = 2  # type: ignore[index]
    with pytest.raises(AttributeError):
        data.other = 1  # type: ignore[attr-defined]


def test_equality_and_hash_follow_the_content() -> None:
    """Equal content means equal and same hash; it never equals a plain dict."""
    assert VendorData({"a": [1]}) == VendorData({"a": (1,)})
    assert hash(VendorData({"a": [1]})) == hash(VendorData({"a": [1]}))
    assert VendorData({"a": 1}) != {"a": 1}
    assert VendorData() == VendorData({})
    nested, reordered = VendorData({"a": {"x": 1, "y": 2}}), {"a": {"y": 2, "x": 1}}
    assert nested == VendorData(reordered)  # JSON objects have no order
    assert hash(nested) == hash(VendorData(reordered))
    assert repr(VendorData({"a": 1})) == "VendorData({'a': 1})"
    assert freeze(VendorData({"a": 1})) == VendorData({"a": 1})


def test_lookups_answer_from_the_data() -> None:
    """`in` and get() answer like a dict's."""
    data = VendorData({"a": None})
    assert "a" in data
    assert "b" not in data
    assert data.get("a", 1) is None
    assert data.get("b", 1) == 1


def test_models_with_vendor_data_copy_and_pickle() -> None:
    """copy, deepcopy and pickle work on VendorData and on the models holding it."""
    import copy
    import pickle

    from campaignkit import Campaign

    campaign = Campaign(id="1", name="n", vendor_data=VendorData({"a": [1, {"b": 2}]}))
    for clone in (
        copy.copy(campaign),
        copy.deepcopy(campaign),
        pickle.loads(pickle.dumps(campaign)),
    ):
        assert clone == campaign
        assert isinstance(clone.vendor_data["a"][1], VendorData)


def test_json_types_are_kept_apart() -> None:
    """1, 1.0 and True are different JSON values, so different vendor data."""
    one, one_float, true = (VendorData({"a": v}) for v in (1, 1.0, True))
    assert one != one_float
    assert one != true
    assert len({one, one_float, true}) == 3
    same = VendorData({"a": [1, {"b": None}]})
    assert same == VendorData({"a": [1, {"b": None}]})
    assert same == VendorData(same)  # the typed key is computed once and reused
    inner = VendorData({"b": 2})
    assert VendorData({"a": inner})["a"] is inner  # frozen values are kept as they are


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({1: "x"}, "$"),
        ({"a": {1, 2}}, "a"),
        ({"a": [{"b": object()}]}, "a[0].b"),
        ({"when": __import__("datetime").date(2026, 1, 1)}, "when"),
    ],
)
def test_what_is_not_json_is_refused_by_path(data: Any, path: str) -> None:
    """Non-string keys and non-JSON values are refused, naming where they are."""
    from campaignkit import ValidationError

    with pytest.raises(ValidationError) as info:
        VendorData(data)
    assert (info.value.obj, info.value.field) == ("VendorData", path)


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    """JSON nested deeper than MAX_DEPTH is a ValidationError."""
    from campaignkit import ValidationError
    from campaignkit.vendor import MAX_DEPTH

    ok: Any = []
    for _ in range(MAX_DEPTH - 1):
        ok = [ok]
    assert thaw(freeze({"a": ok})) == {"a": ok}
    deep = json.loads("[" * 500 + "]" * 500)
    with pytest.raises(ValidationError, match="nested at most"):
        VendorData({"a": deep})
    nested: Any = {}
    for _ in range(MAX_DEPTH + 1):
        nested = {"n": nested}
    with pytest.raises(ValidationError, match="nested at most"):
        VendorData(nested)
