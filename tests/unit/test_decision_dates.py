"""A decision's dates are checked by the county against its own day, as the workspace's dialogs offer them: a
supplement due from today to a year ahead, an objection's answer given in the last three years and not later
than today. A raw request with another date is refused in Chinese, naming the field and the range."""

from __future__ import annotations

from datetime import date

import pytest

from sync.server.decisions import check_decision_input
from sync.server.errors import CountyError

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize("deadline", ["2026-12-06", "2027-12-07"])
def test_a_supplement_due_from_today_to_a_year_ahead_is_taken(deadline):
    assert check_decision_input("supplement", {"items": ["劳动合同"], "deadline": deadline}, TODAY)["deadline"] == deadline


@pytest.mark.parametrize("deadline", ["2026-12-05", "2027-12-08", "9999-12-31", "0001-01-01"])
def test_a_supplement_due_in_the_past_or_beyond_a_year_is_refused(deadline):
    with pytest.raises(CountyError) as refused:
        check_decision_input("supplement", {"items": ["劳动合同"], "deadline": deadline}, TODAY)
    assert refused.value.message_zh == "“补充期限”须在 2026-12-06 至 2027-12-07 之间。"


@pytest.mark.parametrize("answered_at", ["2026-12-06", "2023-12-06"])
def test_an_answer_given_in_the_last_three_years_is_taken(answered_at):
    data = {"answer": "维持原决定。", "answered_at": answered_at, "outcome": "upheld"}
    assert check_decision_input("objection", data, TODAY)["answered_at"] == answered_at


@pytest.mark.parametrize("answered_at", ["2026-12-07", "2099-01-01", "2023-12-05"])
def test_an_answer_dated_ahead_of_today_or_long_ago_is_refused(answered_at):
    data = {"answer": "维持原决定。", "answered_at": answered_at, "outcome": "upheld"}
    with pytest.raises(CountyError) as refused:
        check_decision_input("objection", data, TODAY)
    assert refused.value.message_zh == "“答复日期”须在 2023-12-06 至 2026-12-06 之间。"
