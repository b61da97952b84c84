"""JSON from another machine (sync/protocol.py `loads_bounded`): what its text proves is not walked again, and
whatever it cannot prove - an integer of 19 characters or more, a long text - is walked and refused past the limits."""

from __future__ import annotations

import pytest

from sync.limits import MAX_JSON_DEPTH, ShapeError
from sync.protocol import decode_json_gzip, encode_json_gzip, loads_bounded


@pytest.mark.parametrize("number", [2 ** 63 - 1, -(2 ** 63 - 1), -(2 ** 63), 10 ** 18, -(10 ** 17)])
def test_an_integer_within_64_bits_is_read_whatever_its_length(number):
    assert loads_bounded(f'{{"version": {number}, "list": [1, {number}]}}') == {"version": number,
                                                                             "list": [1, number]}


@pytest.mark.parametrize("number", [2 ** 63, -(2 ** 63) - 1, 10 ** 30])
def test_an_integer_past_64_bits_is_refused_as_too_large_anywhere_in_the_value(number):
    with pytest.raises(ShapeError, match="64 bits"):
        loads_bounded(f'{{"data": {{"items": [0, {number}]}}}}')
    with pytest.raises(ShapeError, match="64 bits"):  # a whole batch read at once
        decode_json_gzip(encode_json_gzip({"changes": [{"version": number}]}))


def test_digits_in_a_string_or_a_decimal_are_no_integer():
    text = '{"id": "12345678901234567890123", "amount": 123456789012345678901.5}'
    assert loads_bounded(text)["id"] == "12345678901234567890123"


def test_an_integer_beyond_the_parsers_own_limit_is_unreadable_not_a_crash():
    with pytest.raises(ValueError) as refused:
        loads_bounded("[" + "1" * 5000 + "]")
    assert not isinstance(refused.value, ShapeError)


def test_a_long_integer_does_not_hide_the_other_limits():
    deep = "[" * (MAX_JSON_DEPTH + 1) + "99999999999999999999" + "]" * (MAX_JSON_DEPTH + 1)
    with pytest.raises(ShapeError):
        loads_bounded(deep)
    assert loads_bounded('[99999999999999999999]', shape=False) == [99999999999999999999]  # unchecked, as asked
