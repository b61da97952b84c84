"""A decision the county refuses for one of its fields (from the workspace, a script or the API) is said in Chinese
(message_zh): the field by its label, the problem in words, never the raw "deadline" nor "str" or "0-366"."""

from __future__ import annotations

import pytest

from helpers.language import english_words
from sync.server.decisions import check_decision_input
from sync.server.errors import CountyError


@pytest.mark.parametrize("kind, data", [
    ("supplement", {"items": ["户口簿"], "deadline": "31/03/2026"}),  # not YYYY-MM-DD
    ("supplement", {"items": "户口簿"}),  # a text, not a list
    ("supplement", {"items": ["户口簿"], "days": 400}),
    ("supplement", {"items": ["户口簿"], "days": "7"}),
    ("supplement", {"items": [""]}),
    ("close", {"result": "   "}),
    ("objection", {"answer": "维持", "answered_at": 20260301}),
    ("assign", {"lawyer": "L001", "handling_organ_address": ""}),
    ("terminate", {"reasons": ["受援人不再符合条件"], "ground": 48}),
    ("accept", {"note": ["备注"]}),
    ("accept", {"deadline_extra": "x"}),  # a field this decision does not take: named as it was given
    ("accept", ["not", "fields"]),
])
def test_every_refused_decision_field_is_said_in_chinese(kind, data):
    with pytest.raises(CountyError) as refused:
        check_decision_input(kind, data)
    said = refused.value.message_zh
    assert said and not english_words(said, {"deadline_extra"}), said
    assert str(refused.value)  # the English detail stays, for the administrator and scripts
