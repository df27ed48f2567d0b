"""Hostile input to every wire decoder: depth, size, control characters.

A document nested a thousand deep (what ``json`` accepts), an integer of 5,000
digits, a megabyte key with newlines: each is a DecodeError whose message is a
few hundred characters on one line, never a RecursionError or a raw Python
message.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from campaignkit import Campaign, DecodeError
from campaignkit.wire import eightbyeight, genesys, voipbin

DATA = Path(__file__).parent / "data"


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text())
    return data


EIGHT = _load("eightbyeight_campaign.json")
VOIP = _load("voipbin_campaign.json")
GENESYS = _load("genesys_periodic.json")


def _nested(depth: int, *, objects: bool) -> Any:
    """A value nested ``depth`` deep, built without recursion (as json would)."""
    value: Any = 1
    for _ in range(depth):
        value = {"a": value} if objects else [value]
    return value


DEEP_LIST = _nested(1_000, objects=False)
DEEP_OBJECT = _nested(1_000, objects=True)
HOSTILE = {
    "deep list": DEEP_LIST,
    "deep object": DEEP_OBJECT,
    "huge int": 10**5000,
    "over 64 bits": 2**64,
    "nan": float("nan"),
    "infinity": float("-inf"),
}


def _cases() -> list[Any]:
    cases = []
    for label, value in HOSTILE.items():
        for key in ("campaign-id", "timezone", "new-key"):
            body = copy.deepcopy(EIGHT)
            body["campaign"][key] = value
            cases.append(
                pytest.param(
                    eightbyeight.decode_campaign, body, id=f"8x8-{key}-{label}"
                )
            )
        for key in ("id", "actions", "new_key"):
            body = {**copy.deepcopy(VOIP), key: value}
            cases.append(pytest.param(_voip, body, id=f"voipbin-{key}-{label}"))
        for key in ("GSW_DATE_TIME", "GSW_CALLING_LISTS", "GSW_NEW"):
            body = {**copy.deepcopy(GENESYS), key: value}
            cases.append(
                pytest.param(
                    genesys.parse_group_state, body, id=f"genesys-{key}-{label}"
                )
            )
        for name, decode in (
            ("8x8", eightbyeight.decode_campaign),
            ("voipbin", _voip),
            ("genesys", genesys.parse_group_state),
        ):
            cases.append(pytest.param(decode, value, id=f"{name}-whole-{label}"))
    return cases


def _voip(payload: Any) -> Any:
    return voipbin.decode_campaign(payload)


def _assert_bounded(exc: DecodeError) -> None:
    text = str(exc)
    assert "\n" not in text
    assert len(text) < 2_000
    for path, message in exc.errors:
        assert len(path) <= 100
        assert len(message) <= 400
        assert "Traceback" not in message
        assert "RecursionError" not in message


@pytest.mark.parametrize(("decode", "payload"), _cases())
def test_hostile_values_are_bounded_decode_errors(
    decode: Callable[[Any], Any], payload: Any
) -> None:
    """Deep, huge or non-finite values: a DecodeError, bounded, on one line."""
    with pytest.raises(DecodeError) as info:
        decode(payload)
    _assert_bounded(info.value)


@pytest.mark.parametrize(
    ("decode", "base"),
    [
        (lambda p: eightbyeight.decode_campaign({"campaign": p}), EIGHT["campaign"]),
        (_voip, VOIP),
        (genesys.parse_group_state, GENESYS),
    ],
    ids=["8x8", "voipbin", "genesys"],
)
@pytest.mark.parametrize(
    "key",
    ["k\n" * 500_000, "forged\nGSW_X: fine", "\x1b[31mred"],
    ids=["1MB", "newline", "escape"],
)
def test_hostile_keys_are_bounded_and_on_one_line(
    decode: Callable[[Any], Any], base: dict[str, Any], key: str
) -> None:
    """A megabyte key, or one with control characters, never floods or forges a line."""
    payload = {**copy.deepcopy(base), key: [2**70]}
    with pytest.raises(DecodeError) as info:
        decode(payload)
    _assert_bounded(info.value)
    assert "\x1b" not in str(info.value)


@pytest.mark.parametrize(
    "payload",
    [{"x": 10**5000}, [[10**5000]], {"campaign": {"a": [10**5000]}}, (10**5000,)],
    ids=["in-object", "in-array", "deeper", "in-tuple"],
)
def test_a_huge_int_inside_a_refused_document_is_described(payload: Any) -> None:
    """An int too long to print, nested in what is refused: its size, not a crash."""
    for decode in (eightbyeight.decode_campaign, _voip, genesys.parse_group_state):
        with pytest.raises(DecodeError) as info:
            decode(payload)
        _assert_bounded(info.value)


def test_a_64_bit_integer_in_a_new_key_is_kept() -> None:
    """The limit is the wire's: -2**63 and 2**63 - 1 are accepted and written back."""
    body = {**copy.deepcopy(VOIP), "new_key": [-(2**63), 2**63 - 1, 1.5]}
    campaign, group = voipbin.decode_campaign(copy.deepcopy(body))
    assert voipbin.encode_campaign(campaign, group) == body


def test_the_check_once_cache_stays_bounded_and_exact() -> None:
    """Past 1,024 objects the oldest are dropped; every encode is still exact."""
    bodies = [{**copy.deepcopy(VOIP), "new_key": n} for n in range(1_100)]
    decoded = [voipbin.decode_campaign(copy.deepcopy(b)) for b in bodies]
    for body, (campaign, group) in zip(bodies, decoded, strict=True):
        assert voipbin.encode_campaign(campaign, group) == body
    for index in (0, -1):  # dropped, then still cached
        campaign, group = decoded[index]
        assert voipbin.encode_campaign(campaign, group) == bodies[index]


def test_the_id_cache_stays_bounded_and_exact() -> None:
    """Ids repeat, so their ints are cached; past 4,096 the cache starts over."""
    for n in range(4_200):
        body = eightbyeight.encode_campaign(Campaign(id=str(n), name="c"))
        assert body["campaign"]["campaign-id"] == n
