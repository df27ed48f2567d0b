"""Fuzz: ``from_dict`` of every public type, fed mutated and hostile input.

A value's ``to_dict`` has a field replaced (nested a thousand deep, a 5,000-digit
integer, NaN, a 1 MB key, a dict with a non-string key, ...), dropped or added, at
any depth; or the whole input is hostile. ``from_dict`` either raises a bounded,
one-line :class:`~campaignkit.errors.DecodeError` or returns a value that writes
out as strict JSON and reads back equal. ``CAMPAIGNKIT_DEEP=1`` runs 50 times as
many.
"""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignkit import DecodeError, from_dict, to_dict
from campaignkit.events import Transition
from tests.fuzzing import fuzz, hostile, mutated, outcome
from tests.test_values import VALUES

KINDS = [kind for kind in VALUES if kind != "sim results"]  # slow to draw


def _type_of(value: Any) -> Any:
    if isinstance(value, Transition):
        return Transition[type(value.before), type(value.events[-1])]  # type: ignore[misc]
    return type(value)


def _read(cls: Any, doc: Any) -> Any:
    """``from_dict``: a value that round-trips, or None for a bounded refusal."""
    value = outcome(lambda: from_dict(cls, doc), DecodeError)
    if value is not None:
        text = json.dumps(to_dict(value), allow_nan=False)
        assert from_dict(cls, json.loads(text)) == value
        assert pickle.loads(pickle.dumps(value)) == value
    return value


@pytest.mark.parametrize("kind", KINDS)
@fuzz()
@given(data=st.data())
def test_mutated_or_hostile_input_is_refused_or_round_trips(
    kind: str, data: st.DataObject
) -> None:
    """A valid dict changed anywhere, or hostile input (not a dict, hostile keys).

    A bounded DecodeError, or an exact value.
    """
    value = data.draw(VALUES[kind])
    enums = data.draw(st.sampled_from(["numbers", "names"]))
    doc = data.draw(
        mutated(to_dict(value, enums=enums))
        | hostile
        | st.dictionaries(hostile.filter(_hashable), hostile, max_size=3)
    )
    _read(_type_of(value), doc)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
