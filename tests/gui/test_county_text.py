"""The county's decisions in the clerk's words: the kinds the county workspace added (终止, 异议) and the documents
it issued with a decision, named and numbered, never a code."""

from __future__ import annotations

import pytest

from desktop.ui.county_text import county_event_text

pytestmark = pytest.mark.gui


def test_termination_objection_and_issued_documents_read_in_chinese(app):
    terminated = county_event_text("terminate", {"reasons": ["受援人以欺骗手段获得法律援助"],
                                                 "documents": [{"form": "termination_decision", "number": "3"}]})
    assert terminated == "终止法律援助：受援人以欺骗手段获得法律援助\n已出具：终止法律援助决定书（第3号）"
    assert county_event_text("objection", {"answer": "维持原决定"}) == "异议；司法行政部门审查结果：维持原决定"
    assigned = county_event_text("assign", {"name": "赵律师", "assignee_kind": "lawyer", "documents": [
        {"form": "assignment_notice", "number": "1"}, {"form": "official_letter", "number": "1"},
        {"form": "no_such_form", "number": "9"}]})
    assert assigned.splitlines()[-1] == "已出具：指派通知书（第1号）、法律援助公函（第1号）"
