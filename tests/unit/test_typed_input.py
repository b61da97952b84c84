"""Text as clerks type and paste it: what normalize() makes of it and what validate() says of it."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.records import validation_messages as v
from desktop.records.fields import Kind
from desktop.records.normalize import normalize_value
from desktop.records.validation import normalize, validate

from .test_validation import NOW, civil_application


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


# -- line breaks and the characters no one can see -------------------------------------------------------------------

def test_every_kind_of_line_break_becomes_a_line_feed():
    facts = "一\r\n二\r三\x0b四\x0c五\u2028六\u2029七\n八"  # Windows, old Mac, Word's manual and page breaks, Unicode
    assert normalize("application", {"facts": facts})["facts"] == "一\n二\n三\n四\n五\n六\n七\n八"
    assert normalize("application", {"address": "东街12号\x0b"})["address"] == "东街12号"  # a trailing one goes


def issues_of(data: dict, new_version: bool = True) -> list[tuple[str, str, dict]]:
    return [(i.field, i.message, i.params) for i in validate("application", data, now=NOW, new_version=new_version)]


@pytest.mark.parametrize("field, text, message, params", [
    ("opposing_party", "\u202e司公达宏", v.M_DIRECTION_CHARACTER, {"char": "U+202E", "position": "1"}),
    ("cause", "追索\u2066劳动报酬\u2069", v.M_DIRECTION_CHARACTER, {"char": "U+2066", "position": "3"}),
    ("address", "测试\x1b[0m地址", v.M_CONTROL_CHARACTER, {"char": "U+001B", "position": "3"}),
    ("name", "王\x85芳", v.M_CONTROL_CHARACTER, {"char": "U+0085", "position": "2"}),  # C1 (next line)
    ("facts", "第一行\n第二\x00行", v.M_CONTROL_CHARACTER, {"char": "U+0000", "position": "7"}),  # \n counts
    ("facts", "\x07铃声", v.M_CONTROL_CHARACTER, {"char": "U+0007", "position": "1"}),
    ("note", "备注\x7f", v.M_CONTROL_CHARACTER, {"char": "U+007F", "position": "3"}),
    ("address", "青山县\x0b东街12号", v.M_ONE_LINE, {"after": "3"}),
    ("address", "青山县\r\n东街12号", v.M_ONE_LINE, {"after": "3"}),
])
def test_a_new_version_may_not_hold_what_no_one_can_see(field, text, message, params):
    assert issues_of({**civil_application(), field: text}) == [(field, message, params)]  # one problem, said once


def test_line_breaks_in_multi_line_fields_and_tabs_are_text():
    data = {**civil_application(), "facts": "第一行\x0b第二行\u2028第三行\t（表格）", "address": "东街12号\r\n",
            "cause": "追索\t劳动报酬"}
    assert issues_of(data) == []


def test_the_county_re_checks_versions_made_before_the_rule_without_it():
    """What a station stored before the rule (or still holds in its outbox) is not refused when the county checks it
    again (sync/server/changes.py calls validate without new_version); only the station's new versions are."""
    old = {**civil_application(), "facts": "事实\x0b第二行\x1b[0m", "address": "测试\x0b地址\x00",
           "opposing_party": "\u202e司公达宏"}
    assert issues_of(old, new_version=False) == []
    assert {field for field, _, _ in issues_of(old)} == {"facts", "address", "opposing_party"}


def test_the_rule_is_the_same_for_every_record_type():
    consultation = {"occurred_at": "2024-06-01T10:15", "channel": "walk_in", "name": "王芳", "matter_category": "wages",
                    "question": "工资\x1b被拖欠", "answer": "可申请劳动仲裁。", "clerk": "李明", "outcome": "answered"}
    [issue] = validate("consultation", consultation, now=NOW, new_version=True)
    assert (issue.field, issue.message) == ("question", v.M_CONTROL_CHARACTER)
    assert validate("consultation", consultation, now=datetime(2024, 6, 1, 12)) == []
