"""Personal phone numbers: mainland mobiles and landlines with area code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.records import phone
from desktop.records.phone import InvalidPhone, is_valid_phone, normalize_phone


@pytest.mark.parametrize("text,expected", [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("0086 13812345678", "13812345678"),
    ("8613812345678", "13812345678"),
    ("19912345678", "19912345678"),
    ("１３８１２３４５６７８", "13812345678"),  # full-width digits
    ("010-62345678", "010-62345678"),
    ("01062345678", "010-62345678"),
    ("(010) 6234 5678", "010-62345678"),
    ("（010）62345678", "010-62345678"),
    ("021-12345678", "021-12345678"),
    ("0755-2345678", "0755-2345678"),
    ("0755 23456789", "0755-23456789"),
    ("07552345678", "0755-2345678"),
    ("0371-6234-5678", "0371-62345678"),
    ("010-62345678-123", "010-62345678-123"),
    ("010-62345678转123", "010-62345678-123"),
    ("0755-2345678 转 8", "0755-2345678-8"),
    ("010-62345678 ext. 55", "010-62345678-55"),
    ("+86 10 62345678", "010-62345678"),
    ("+86 755 2345678", "0755-2345678"),
])
def test_valid(text, expected):
    assert normalize_phone(text) == expected
    assert normalize_phone(expected) == expected  # the canonical form reads back unchanged
    assert is_valid_phone(text)


@pytest.mark.parametrize("text,message", [
    ("", phone._MSG_EMPTY),
    ("   ", phone._MSG_EMPTY),
    ("12348", phone._MSG_SERVICE),
    ("110", phone._MSG_SERVICE),
    ("120", phone._MSG_SERVICE),
    ("12345", phone._MSG_SERVICE),
    ("95588", phone._MSG_SERVICE),
    ("400-812-3123", phone._MSG_SERVICE),
    ("1381234567", phone._MSG_MOBILE),  # 10 digits
    ("138123456789", phone._MSG_MOBILE),  # 12 digits
    ("12812345678", phone._MSG_MOBILE),  # 12x is not a mobile prefix
    ("13812345678转12", phone._MSG_MOBILE_EXT),
    ("62345678", phone._MSG_NO_AREA),
    ("2345678", phone._MSG_NO_AREA),
    ("0112345678", phone._MSG_AREA),
    ("0012345678", phone._MSG_FOREIGN),
    ("+1 202 555 0123", phone._MSG_FOREIGN),
    ("+852 2345 6789", phone._MSG_FOREIGN),
    ("010-0234567", phone._MSG_LANDLINE),  # local number starting with 0
    ("010-623456", phone._MSG_LANDLINE),  # 6 digits
    ("010-623456789", phone._MSG_LANDLINE),  # 9 digits
    ("0755-12348", phone._MSG_LANDLINE),
    ("138abc5678", phone._MSG_CHARS),
    ("tel 13812345678", phone._MSG_CHARS),
    ("138+12345678", phone._MSG_CHARS),
])
def test_invalid(text, message):
    with pytest.raises(InvalidPhone) as info:
        normalize_phone(text)
    assert info.value.message == message
    assert str(info.value) == message.format(**info.value.params)
    assert not is_valid_phone(text)


def test_service_number_names_the_number():
    with pytest.raises(InvalidPhone) as info:
        normalize_phone("12348")
    assert info.value.params == {"number": "12348"}
    assert "12348 is a service number" in str(info.value)


def test_messages_are_english():
    messages = [v for k, v in vars(phone).items() if k.startswith("_MSG_")]
    assert len(messages) == len(set(messages))
    assert all(m.isascii() for m in messages)


SEPARATOR = st.sampled_from(["", " ", "-"])


@given(st.sampled_from("3456789"), st.from_regex(r"\A[0-9]{9}\Z"), SEPARATOR, st.sampled_from(["", "+86 ", "0086"]))
def test_any_mobile_is_accepted(second, rest, sep, prefix):
    digits = "1" + second + rest
    text = prefix + digits[:3] + sep + digits[3:7] + sep + digits[7:]
    assert normalize_phone(text) == digits


AREAS = st.one_of(st.just("010"), st.from_regex(r"\A02[0-9]\Z"), st.from_regex(r"\A0[3-9][0-9]{2}\Z"))
LOCALS = st.from_regex(r"\A[1-9][0-9]{6,7}\Z")


@given(AREAS, LOCALS, st.sampled_from(["", " ", "-"]), st.one_of(st.just(""), st.from_regex(r"\A[0-9]{1,6}\Z")))
def test_any_landline_is_accepted_and_canonical_is_stable(area, local, sep, extension):
    text = area + sep + local + (f"转{extension}" if extension else "")
    expected = f"{area}-{local}" + (f"-{extension}" if extension else "")
    assert normalize_phone(text) == expected
    assert normalize_phone(expected) == expected


@given(st.text(max_size=25))
def test_never_crashes_and_valid_output_is_stable(text):
    try:
        result = normalize_phone(text)
    except InvalidPhone:
        return
    assert normalize_phone(result) == result
