"""Fuzz: hostile model constructions, ``evolve`` included, and vendor data nesting.

A valid value of every public kind has one field replaced by a hostile value (nested
a thousand deep, a 5,000-digit integer, NaN, a 5 MB string, bytes, a dict with a
non-string key, ...), through the constructor and through ``attrs.evolve``. It is
refused with a bounded, one-line :class:`~campaignkit.errors.ValidationError`, or
the value it makes hashes, pickles and round-trips through strict JSON: nothing
wrong gets in to break later. ``CAMPAIGNKIT_DEEP=1`` runs 50 times as many.
"""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignkit import ValidationError, VendorData, from_dict, to_dict
from campaignkit.events import Transition
from campaignkit.vendor import MAX_DEPTH
from campaignkit.wire.eightbyeight import Credentials
from tests.fuzzing import assert_bounded, fuzz, hostile, outcome
from tests.test_values import VALUES

# Results: campaignkit builds them from values it has checked (a transition, a
# simulation's figures, a ledger's window, a parsed report), so, as any typed
# argument, they are trusted and not checked again; from_dict of one is strict.
RESULTS = {
    "transitions",
    "campaign transitions",
    "sim results",
    "sim minutes",
    "window counts",
    "genesys reports",
    "list progress",
}
KINDS = [k for k in VALUES if k not in RESULTS]


def _type_of(value: Any) -> Any:
    if isinstance(value, Transition):
        return Transition[type(value.before), type(value.events[-1])]  # type: ignore[misc]
    return type(value)


def _a_value(value: Any) -> None:
    """What every accepted value can do."""
    hash(value)
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    text = json.dumps(to_dict(value), allow_nan=False)
    assert from_dict(_type_of(value), json.loads(text)) == value
    repr(value)


@pytest.mark.parametrize("kind", KINDS)
@fuzz()
@given(data=st.data())
def test_a_hostile_field_is_refused_or_makes_a_sound_value(
    kind: str, data: st.DataObject
) -> None:
    """Constructor and evolve alike: a bounded refusal, or a value that works."""
    value = data.draw(VALUES[kind])
    fields = [f for f in attrs.fields(type(value)) if f.init]
    if not fields:
        return
    field = data.draw(st.sampled_from(fields))
    bad = data.draw(hostile)
    kwargs = {f.alias: getattr(value, f.name) for f in fields}
    built = outcome(
        lambda: type(value)(**{**kwargs, field.alias: bad}), ValidationError
    )
    evolved = outcome(
        lambda: attrs.evolve(value, **{field.alias: bad}), ValidationError
    )
    assert (built is None) == (evolved is None)
    for made in (built, evolved):
        if made is not None:
            _a_value(made)


def test_a_decision_limited_by_something_else_is_refused() -> None:
    """limited_by=[] was accepted, and the decision then unhashable."""
    from campaignkit import PacingDecision

    with pytest.raises(ValidationError):
        PacingDecision(calls=1, limited_by=[])  # type: ignore[arg-type]


def _chain(draw: st.DrawFn, depth: int) -> Any:
    """``depth`` levels of dicts, lists and ready-made VendorData, innermost 1."""
    value: Any = 1
    for _ in range(depth):
        kind = draw(st.sampled_from(["dict", "list", "vendor"]))
        if kind == "list":
            value = [value]
        elif kind == "dict":
            value = {"k": value}
        else:
            made = outcome(lambda v={"k": value}: VendorData(v), ValidationError)
            value = {"k": value} if made is None else made
    return value


def _depth(value: Any) -> int:
    if isinstance(value, VendorData | dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list | tuple):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


@fuzz()
@given(data=st.data(), depth=st.integers(1, 2 * MAX_DEPTH))
def test_vendor_data_depth_holds_however_it_was_built(
    data: st.DataObject, depth: int
) -> None:
    """VendorData nested through VendorData counts every level, and stays usable."""
    inner = _chain(data.draw, depth)
    made = outcome(lambda: VendorData({"top": inner}), ValidationError)
    if _depth(inner) > MAX_DEPTH:  # levels below the outermost object
        assert made is None
        return
    assert made is not None
    assert made == VendorData(made.to_json())
    assert hash(made) == hash(VendorData(made.to_json()))
    assert pickle.loads(pickle.dumps(made)) == made
    json.dumps(made.to_json(), allow_nan=False)


# Each holds "SECRET", so finding it cannot be a coincidence with the message.
TOKENS = (
    st.binary().map(lambda b: b"SECRET" + b)
    | st.integers(10**7, 10**30)
    | st.text().map(lambda t: "SECRET" + t + "\ud800")  # UTF-8 cannot encode it
    | st.lists(st.text().map(lambda t: "SECRET" + t), min_size=1)
)


@fuzz()
@given(token=TOKENS, field=st.sampled_from(["data_token", "action_token"]))
def test_a_refused_token_appears_nowhere_in_the_refusal(token: Any, field: str) -> None:
    """Not in the message, the args, the value, nor any chained exception."""
    kwargs = {"username": "acme", "data_token": "d", "action_token": "a", field: token}
    with pytest.raises(ValidationError) as info:
        Credentials(**kwargs)
    assert_bounded(info.value)
    secret = str(token) if not isinstance(token, list) else token[0]
    error: BaseException | None = info.value
    while error is not None:
        for text in (str(error), repr(error.args), repr(getattr(error, "value", ""))):
            assert secret not in text
            assert repr(token)[1:-1] not in text
        error = error.__cause__ or error.__context__
