"""Fuzz: mutated 8x8, VoIPbin and Genesys documents, hostile values anywhere.

A real document has a value replaced (by one nested a thousand deep, an integer of
5,000 digits, NaN, a 5 MB string, a dict with a non-string key, ...), a key dropped
or a key added, at any depth. Decoding it either raises a bounded, one-line
:class:`~campaignkit.errors.DecodeError`, or gives models that write the very same
document back (byte for byte, through ``to_dict`` / JSON / ``from_dict`` too) and
that pickle, copy and hash. ``CAMPAIGNKIT_DEEP=1`` runs 50 times as many.
"""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from campaignkit import Campaign, CampaignGroup, DecodeError, from_dict, to_dict
from campaignkit.wire import eightbyeight, genesys, voipbin
from tests.fuzzing import fuzz, hostile, mutated, outcome

DATA = Path(__file__).parent / "data"
EIGHT = json.loads((DATA / "eightbyeight_campaign.json").read_text())
VOIP = json.loads((DATA / "voipbin_campaign.json").read_text())
GENESYS = [json.loads(p.read_text()) for p in sorted(DATA.glob("genesys_*.json"))]


def _text(doc: Any) -> str:
    return json.dumps(doc, allow_nan=False)  # an accepted NaN fails here


def _a_value(*values: Any) -> None:
    """Decoded models pickle, copy and hash like any value."""
    for value in values:
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
        hash(value)


def _again(cls: type[Any], value: Any) -> Any:
    return from_dict(cls, json.loads(_text(to_dict(value))))


@fuzz()
@given(mutated(EIGHT))
def test_a_mutated_8x8_document_is_refused_or_written_back_exactly(doc: Any) -> None:
    """encode(decode(p)) == p and encode(from_dict(to_dict(decode(p)))) == p."""
    campaign = outcome(lambda: eightbyeight.decode_campaign(doc), DecodeError)
    if campaign is not None:
        _a_value(campaign)
        assert _text(eightbyeight.encode_campaign(campaign)) == _text(doc)
        again = _again(Campaign, campaign)
        assert _text(eightbyeight.encode_campaign(again)) == _text(doc)


@fuzz()
@given(mutated(VOIP))
def test_a_mutated_voipbin_document_is_refused_or_written_back_exactly(
    doc: Any,
) -> None:
    """The campaign and its group write the document back, after to_dict too."""
    decoded = outcome(lambda: voipbin.decode_campaign(doc), DecodeError)
    if decoded is not None:
        campaign, group = decoded
        _a_value(campaign, group)
        assert _text(voipbin.encode_campaign(campaign, group)) == _text(doc)
        again = _again(Campaign, campaign), _again(CampaignGroup, group)
        assert _text(voipbin.encode_campaign(*again)) == _text(doc)


@fuzz()
@given(st.sampled_from(GENESYS).flatmap(mutated))
def test_a_mutated_genesys_report_is_refused_or_written_back_exactly(
    doc: Any,
) -> None:
    """A CampaignGroupState report parses and writes back, after to_dict too."""
    report = outcome(lambda: genesys.parse_group_state(doc), DecodeError)
    if report is not None:
        _a_value(report)
        assert _text(genesys.report_payload(report)) == _text(doc)
        again = _again(genesys.GroupStateReport, report)
        assert _text(genesys.report_payload(again)) == _text(doc)


@fuzz()
@given(hostile)
def test_a_hostile_whole_document_is_a_bounded_decode_error(doc: Any) -> None:
    """Not even an object: every decoder refuses it in one bounded line."""
    for decode in (
        eightbyeight.decode_campaign,
        voipbin.decode_campaign,
        genesys.parse_group_state,
    ):
        assert outcome(lambda: decode(doc), DecodeError) is None  # noqa: B023
