"""Issue 16's escrow from a hostile station: a malformed slot is refused before anything is kept, and a slot the
county's key does not open is not kept (sync/server/escrow.py; the bound is sync/limits.py's MAX_ESCROW_FIELD_CHARS)."""

from __future__ import annotations

import json

import pytest

from sync.limits import MAX_ESCROW_FIELD_CHARS
from sync.protocol import encode_json_gzip


def kept_rows(county) -> list[tuple]:
    return county.store.conn().execute("SELECT station FROM station_escrow").fetchall()


@pytest.mark.parametrize("body", [
    {"station_id": "x"},  # fields missing
    {"station_id": "x", "county_key": "a", "ephemeral": "b", "nonce": "c", "wrapped": "d", "more": "e"},
    {"station_id": "x", "county_key": "a" * (MAX_ESCROW_FIELD_CHARS + 1), "ephemeral": "b", "nonce": "c", "wrapped": "d"},
    {"station_id": 1, "county_key": "a", "ephemeral": "b", "nonce": "c", "wrapped": "d"},
    ["not", "an", "object"],
])
def test_a_malformed_escrow_is_refused_and_nothing_is_kept(hostile, county, body):
    answer = hostile.send("POST", "/v1/escrow", encode_json_gzip(body))
    assert answer.status_code == 400, answer.text
    assert kept_rows(county) == []


def test_a_slot_the_countys_key_does_not_open_is_not_kept(hostile, county):
    slot = {"station_id": "abc", "county_key": "0" * 64, "ephemeral": "AAAA", "nonce": "AAAA", "wrapped": "AAAA"}
    answer = hostile.send("POST", "/v1/escrow", encode_json_gzip(slot))
    assert answer.status_code == 200, answer.text
    assert json.loads(answer.content)["kept"] is None
    assert kept_rows(county) == []
