"""GB 11643-1999 resident ID numbers: checksum, birth date, gender, region."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.paths import resource_path
from desktop.records import idcard
from desktop.records.idcard import InvalidResidentId, parse_resident_id
from desktop.records.reference import ReferenceData

PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
             "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
             "65", "71", "81", "82"]


def check_char(first17: str) -> str:
    """Independent MOD 11-2: a1 = (12 - sum(a_i * 2^(i-1) mod 11)) mod 11, i counted from the right."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(region: str, birth: str, sequence: str) -> str:
    first17 = region + birth + sequence
    return first17 + check_char(first17)


def test_independent_check_matches_known_samples():
    assert make_id("110105", "19491231", "002") == "11010519491231002X"
    assert make_id("440524", "18800101", "001") == "440524188001010014"


def test_known_samples_are_valid():
    a = parse_resident_id("11010519491231002X")
    assert a.number == "11010519491231002X"
    assert a.birth_date == date(1949, 12, 31)
    assert a.gender == "female"
    assert a.region_code == "110105"
    assert a.region_name == "北京市"
    b = parse_resident_id("440524188001010014")
    assert b.birth_date == date(1880, 1, 1)
    assert b.gender == "male"
    assert b.region_code == "440524"
    assert b.region_name == "广东省汕头市"  # prefecture known: province + prefecture
    assert b.region_name_en == "Shantou, Guangdong"


@pytest.mark.parametrize("text", [
    "11010519491231002x",  # lowercase x
    " 110105 19491231 002X ",  # spaces as clerks group it
    "110105-19491231-002X",
    "１１０１０５１９４９１２３１００２Ｘ",  # full-width from a Chinese input method
])
def test_input_is_normalised(text):
    assert parse_resident_id(text).number == "11010519491231002X"


def test_unknown_prefecture_falls_back_to_province():
    number = make_id("139999", "19800101", "001")
    assert parse_resident_id(number).region_name == "河北省"


def test_gender_from_17th_digit():
    assert parse_resident_id(make_id("320102", "19900101", "011")).gender == "male"
    assert parse_resident_id(make_id("320102", "19900101", "010")).gender == "female"


def _error(text: str, **kw) -> InvalidResidentId:
    with pytest.raises(InvalidResidentId) as info:
        parse_resident_id(text, **kw)
    return info.value


def test_empty():
    assert _error("  ").message == idcard._MSG_EMPTY


def test_old_15_digit_number_asks_for_18_digits():
    err = _error("110105491231002")
    assert err.message == idcard._MSG_OLD_15
    assert "18-digit" in err.message


@pytest.mark.parametrize("text,length", [("1101051949123100", 16), ("11010519491231002X1", 19), ("1234", 4)])
def test_wrong_length(text, length):
    err = _error(text)
    assert err.message == idcard._MSG_LENGTH
    assert err.params == {"length": str(length)}
    assert str(length) in str(err)


@pytest.mark.parametrize("text", ["11010519491231X02X", "1101051949123100A2", "11010519491231002Y", "X10105194912310021"])
def test_invalid_characters(text):
    assert _error(text).message == idcard._MSG_CHARS


@pytest.mark.parametrize("region", ["000000", "990101", "830000", "100101", "200101"])
def test_unknown_province(region):
    err = _error(make_id(region, "19800101", "001"))
    assert err.message == idcard._MSG_PROVINCE
    assert err.params == {"code": region[:2]}


@pytest.mark.parametrize("birth", ["19490231", "19801301", "19800001", "19800100", "21000229", "18491231"])
def test_impossible_birth_date(birth):
    err = _error(make_id("110105", birth, "001"))
    assert err.message == idcard._MSG_BAD_DATE
    assert err.params == {"digits": birth}


def test_birth_date_in_future():
    today = date(2024, 6, 1)
    err = _error(make_id("110105", "20240602", "001"), today=today)
    assert err.message == idcard._MSG_FUTURE_DATE
    assert err.params == {"date": "2024-06-02"}
    # born today is fine
    assert parse_resident_id(make_id("110105", "20240601", "001"), today=today).birth_date == today


def test_wrong_check_digit():
    err = _error("110105194912310021")
    assert err.message == idcard._MSG_CHECK_DIGIT
    assert str(err) == "The ID number's check digit is wrong; please check the number."


def test_messages_are_distinct_english():
    messages = [idcard._MSG_EMPTY, idcard._MSG_OLD_15, idcard._MSG_LENGTH, idcard._MSG_CHARS,
                idcard._MSG_PROVINCE, idcard._MSG_BAD_DATE, idcard._MSG_FUTURE_DATE, idcard._MSG_CHECK_DIGIT]
    assert len(set(messages)) == len(messages)
    assert all(m.isascii() for m in messages)


# ----------------------------------------------------------------- regions.json

def _regions_file() -> dict:
    return json.loads(resource_path("reference", "regions.json").read_text(encoding="utf-8"))


def test_regions_file_has_all_34_provinces():
    regions = _regions_file()["regions"]
    two = {r["code"] for r in regions if len(r["code"]) == 2}
    assert two == set(PROVINCES)
    assert len(PROVINCES) == 34
    names = {r["code"]: r["zh"] for r in regions}
    assert names["71"] == "台湾省" and names["81"] == "香港特别行政区" and names["82"] == "澳门特别行政区"


def test_regions_file_format():
    content = _regions_file()
    assert "_about" in content
    codes = [r["code"] for r in content["regions"]]
    assert len(codes) == len(set(codes))
    for r in content["regions"]:
        assert set(r) == {"code", "zh", "en"}
        assert r["code"].isdigit() and len(r["code"]) in (2, 4, 6)
        assert r["code"][:2] in PROVINCES  # every prefecture sits under a known province
    ref = ReferenceData.load(resource_path("reference"))
    assert ref.has("regions", "44") and ref.has("regions", "4405")


# ----------------------------------------------------------------- properties

BIRTHS = st.dates(min_value=date(1900, 1, 1), max_value=date.today())
REGIONS = st.tuples(st.sampled_from(PROVINCES), st.from_regex(r"\A[0-9]{4}\Z")).map("".join)
SEQUENCES = st.from_regex(r"\A[0-9]{3}\Z")


@settings(max_examples=300)
@given(REGIONS, BIRTHS, SEQUENCES)
def test_any_well_formed_number_is_accepted(region, birth, sequence):
    number = make_id(region, birth.strftime("%Y%m%d"), sequence)
    parsed = parse_resident_id(number.lower())
    assert parsed.number == number
    assert parsed.birth_date == birth
    assert parsed.region_code == region
    assert parsed.gender == ("male" if int(sequence[2]) % 2 else "female")
    assert parsed.region_name


@settings(max_examples=300)
@given(REGIONS, BIRTHS, SEQUENCES, st.integers(0, 17), st.data())
def test_any_single_character_change_is_rejected(region, birth, sequence, position, data):
    number = make_id(region, birth.strftime("%Y%m%d"), sequence)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    new = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    changed = number[:position] + new + number[position + 1:]
    with pytest.raises(InvalidResidentId):
        parse_resident_id(changed)


@settings(max_examples=100)
@given(REGIONS, BIRTHS, SEQUENCES, st.integers(0, 16))
def test_adjacent_swap_of_different_digits_is_rejected(region, birth, sequence, position):
    # MOD 11-2 also catches transpositions, the other common typing error.
    number = make_id(region, birth.strftime("%Y%m%d"), sequence)
    a, b = number[position], number[position + 1]
    if a == b or "X" in (a, b):
        return
    swapped = number[:position] + b + a + number[position + 2:]
    with pytest.raises(InvalidResidentId):
        parse_resident_id(swapped)


def test_future_is_relative_to_today_by_default():
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(InvalidResidentId):
        parse_resident_id(make_id("110105", tomorrow.strftime("%Y%m%d"), "001"))
