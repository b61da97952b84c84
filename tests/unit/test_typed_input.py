"""Text as clerks type and paste it: what normalize() makes of it and what validate() says of it."""

from __future__ import annotations

import pytest

from desktop.records.fields import Kind
from desktop.records.normalize import normalize_value
from desktop.records.validation import normalize


@pytest.mark.parametrize("typed, kept", [("19850315", "1985-03-15"), ("１９８５０３１５", "1985-03-15"),
                                         ("1985年3月15日", "1985-03-15"), ("19851315", "1985-13-15")])
def test_a_day_typed_as_digits_only_is_kept_with_its_dashes(typed, kept):
    assert normalize("consultation", {"birth_date": typed})["birth_date"] == kept  # 1985-13-15: validate says


@pytest.mark.parametrize("typed, kept", [("202603051000", "2026-03-05T10:00"), ("20260305 10:00", "2026-03-05T10:00"),
                                         ("２０２６０３０５１０００", "2026-03-05T10:00")])
def test_a_day_and_time_typed_as_digits_only_is_kept_in_stored_form(typed, kept):
    assert normalize("application", {"received_at": typed})["received_at"] == kept
    assert normalize_value(Kind.DATETIME, kept) == kept  # normalising again changes nothing


def test_one_value_is_normalised_as_in_a_record():
    assert normalize_value(Kind.MONEY, " ￥36,000元 ") == "36000.00"
    assert normalize_value(Kind.TEXT, "  ") is None
    assert normalize_value(Kind.DATE, "2024/3/5") == normalize("consultation", {"birth_date": "2024/3/5"})["birth_date"]
