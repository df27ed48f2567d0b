"""What the fuzz tests share: the hostile values and how long they run.

Each ``tests/test_fuzz_*.py`` attacks one surface (vendor documents, ``from_dict``,
model constructions) with hypothesis at its default example count, a few seconds
in CI. ``CAMPAIGNKIT_DEEP=1`` multiplies every fuzzer's examples by 50 (and the
lifecycle injections run over every case), for a run before a release.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from campaignkit.errors import CampaignKitError, DecodeError, ValidationError

__all__ = [
    "DEEP",
    "assert_bounded",
    "fuzz",
    "hostile",
    "json_values",
    "mutated",
    "outcome",
]

DEEP = 50 if os.environ.get("CAMPAIGNKIT_DEEP") else 1
"""How many times the default example count each fuzzer runs."""


def fuzz(examples: int = 100) -> settings:
    """Hypothesis settings: ``examples`` (times :data:`DEEP`) and no deadline."""
    return settings(
        max_examples=examples * DEEP,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _nested(depth: int, *, objects: bool) -> Any:
    """A value nested ``depth`` deep, built without recursion (as ``json`` would)."""
    value: Any = 1
    for _ in range(depth):
        value = {"a": value} if objects else [value]
    return value


class BadRepr:
    """An object whose ``repr`` fails: error messages must not."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


# The values that broke campaignkit once, built once (a megabyte each at most).
HOSTILE: tuple[Any, ...] = (
    _nested(1_000, objects=True),
    _nested(1_000, objects=False),
    _nested(65, objects=True),
    10**5000,
    -(10**5000),
    2**64,
    -(2**63) - 1,
    float("nan"),
    float("inf"),
    float("-inf"),
    "x\n" * 2_500_000,  # 5 MB, with newlines
    {"k\n" * 500_000: 1},  # a 1 MB key
    {1: 2},
    {None: "v"},
    {(1, 2): 3},
    "forged\nGSW_X: fine\r\x1b[31m\u2028",
    b"bytes",
    {1, 2},
    BadRepr(),
    [BadRepr()],
)

json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)
"""Any JSON a parser could give, NaN and infinity included (``json`` accepts them)."""

# Drawn by index: hypothesis shows a strategy by the repr of what it samples from.
hostile = (
    st.integers(0, len(HOSTILE) - 1).map(HOSTILE.__getitem__)
    | json_values
    | st.integers(-(2**70), 2**70)
)
"""A value to put anywhere: hostile, or merely wrong."""


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every container in a document, itself first."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    found = [path]
    for key, child in items:
        if isinstance(child, dict | list):
            found.extend(_paths(child, (*path, key)))
    return found


def _ids(node: Any) -> set[int]:
    """The ids of a document's own containers (never a shared hostile value's)."""
    items = node.values() if isinstance(node, dict) else node
    return {id(node)}.union(*(_ids(c) for c in items if isinstance(c, dict | list)))


@st.composite
def mutated(draw: st.DrawFn, seed: Any) -> Any:
    """``seed`` with one to three values replaced, keys dropped or keys added."""
    doc = copy.deepcopy(seed)
    own = _ids(doc)
    for _ in range(draw(st.integers(1, 3))):
        node = doc
        for key in draw(st.sampled_from(_paths(seed))):
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        if id(node) not in own:  # gone, or replaced since
            continue
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if isinstance(node, dict) and (action == "add" or not keys):
            node[draw(st.text(max_size=8))] = draw(hostile)
        elif keys and action == "drop":
            del node[draw(st.sampled_from(keys))]
        elif keys:
            node[draw(st.sampled_from(keys))] = draw(hostile)
    return doc


def assert_bounded(error: CampaignKitError) -> None:
    """A refusal reads as one bounded line, whatever the input held."""
    text = str(error)
    assert len(text) <= 1_000, len(text)
    assert text.isprintable(), text[:200]
    for arg in error.args:
        assert not isinstance(arg, str) or len(arg) <= 1_000
    if isinstance(error, DecodeError):
        for path, message in error.errors:
            assert len(path) <= 100
            assert path.isprintable()
            assert len(message) <= 400
            assert message.isprintable()


def outcome(call: Callable[[], Any], *errors: type[CampaignKitError]) -> Any:
    """``call()``, or None if it raised one of ``errors`` (checked bounded)."""
    expected = errors or (ValidationError, DecodeError)
    try:
        return call()
    except expected as error:
        assert_bounded(error)
        return None
