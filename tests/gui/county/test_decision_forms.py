"""Every decision form against the real county server: what each asks for reaches the server in the shape it
checks, and a form missing what the law needs says so and sends nothing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox

from helpers.county import add_roster
from helpers.records import application
from sync_tests.test_attachment_upload import engine as file_engine

from .test_workspace_day import head_client
from .workspace_helpers import add_staff, log_in, open_in_queue, open_workspace


@pytest.fixture
def granted_and_accepted(enrolled, county):
    """Two applications at the county: 王五's granted, 赵六's accepted; staff and roster."""
    store = enrolled.station.store
    wang = store.save("application", application(name="王五", received_at="2026-12-01T09:00"), user="李明")
    zhao = store.save("application", application(name="赵六", received_at="2026-12-02T09:00",
                                                 id_number="110101199001011237"), user="李明")
    assert file_engine(enrolled).sync_round().complete
    add_staff(county)
    add_roster(county)
    head = head_client(county)
    for saved in (wang, zhao):
        head.decide(saved.id, "accept", {}, 0)
    head.decide(wang.id, "grant", {}, head.application(wang.id).view_version)
    return wang, zhao


def test_refusal_and_objection(qtbot, app, message_boxes, granted_and_accepted, county, enrolled, tmp_path):
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "wangqiang")
    view = open_in_queue(qtbot, window, "赵六")
    refuse = view.open_decision("refuse")
    refuse.ok.click()
    assert "理由" in refuse.message.text() and view.application.status == "accepted"  # nothing sent
    grounds = refuse.findChildren(QCheckBox)
    assert any("第三十四条" in c.text() for c in grounds)
    next(c for c in grounds if "第三十四条" in c.text()).setChecked(True)
    refuse.note.setPlainText("家" * 2001)  # said, never cut: the refusal document would print a part of it
    refuse.ok.click()
    assert "最多填写 2000 字（现为 2001 字）" in refuse.message.text() and view.application.status == "accepted"
    refuse.note.setPlainText("家庭人均收入高于当地标准。")
    refuse.ok.click()
    assert view.application.status == "refused"
    assert "第三十四条" in view.decisions.item(view.decisions.count() - 1).text()
    assert any("不予法律援助决定书" in view.documents.item(r).text() for r in range(view.documents.count()))
    assert view.buttons["objection"].isEnabled() and not view.buttons["assign"].isEnabled()
    objection = view.open_decision("objection")
    objection.ok.click()
    assert "司法行政部门" in objection.message.text() and view.application.status == "refused"  # nothing sent
    objection.outcome.setCurrentIndex(objection.outcome.findData("upheld"))
    objection.ok.click()
    assert "答复" in objection.message.text()
    assert objection.answered_at.maximumDate() == QDate.currentDate()  # an answer is not dated in the future
    objection.answer.setPlainText("维持原决定。")
    objection.ok.click()
    assert "维持原决定" in view.decisions.item(view.decisions.count() - 1).text()
    assert view.application.status == "refused" and not view.buttons["grant"].isEnabled()

    # a second objection: the bureau orders the refusal corrected (Art. 49), so the center decides again and grants
    again = view.open_decision("objection")
    again.outcome.setCurrentIndex(again.outcome.findData("corrected"))
    again.answer.setPlainText("经审查，申请人符合经济困难标准，责令县法律援助中心改正。")
    again.ok.click()
    assert view.application.status == "accepted"
    assert "责令改正" in view.decisions.item(view.decisions.count() - 1).text()
    assert view.buttons["grant"].isEnabled() and not view.buttons["objection"].isEnabled()
    view.open_decision("grant").ok.click()
    assert view.application.status == "granted"
    assert sum("给予法律援助决定书" in view.documents.item(r).text() for r in range(view.documents.count())) == 1
    # the station learns the application is granted after all
    assert file_engine(enrolled).sync_round().complete
    assert enrolled.station.db.execute("SELECT status FROM applications WHERE id = ?",
                                       (view.application.application_id,)).fetchone()[0] == "granted"


def test_assignment_replacement_progress_termination_and_closing(qtbot, app, message_boxes, granted_and_accepted,
                                                                 county, tmp_path):
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "zhaomin")
    view = open_in_queue(qtbot, window, "王五")
    assign = view.open_decision("assign")
    assign.roster.selectRow(0)
    assign.ok.click()
    assert view.application.status == "assigned"
    replace = view.open_decision("replace")
    replace.roster.selectRow(2)
    replace.ok.click()
    assert "更换理由" in replace.message.text()
    replace.reason.setText("原承办律师回避。")
    replace.ok.click()
    assert "孙律师" in view.decisions.item(view.decisions.count() - 1).text()
    # the change notice for the recipient and the organ, and the new assignee's own notice and letter, each numbered
    titles = [view.documents.item(r).text() for r in range(view.documents.count())]
    assert sum("更换法律援助人员通知书" in t for t in titles) == 1
    assert sum("指派通知书" in t for t in titles) == 2 and sum("公函" in t for t in titles) == 2
    notices = [d for d in view.application.documents if d.form == "assignment_notice"]
    newest = head_client(county).issued_document(notices[-1].sha256)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(newest)).pages).replace(" ", "").replace("\n", "")
    assert "孙律师" in text
    change = next(d for d in view.application.documents if d.form == "change_notice")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        head_client(county).issued_document(change.sha256))).pages).replace(" ", "").replace("\n", "")
    assert "孙律师" in text and change.number in text and "因原承办律师回避，本机构" in text
    progress = view.open_decision("progress")
    progress.ok.click()
    assert "办理情况" in progress.message.text()
    progress.note.setPlainText("已会见受援人。")
    progress.ok.click()
    close = view.open_decision("close")
    close.result.setCurrentIndex(close.result.findData("mediation"))
    close.ok.click()
    assert view.application.status == "closed"
    assert not any(b.isEnabled() for b in view.buttons.values())


def test_the_head_terminates(qtbot, app, message_boxes, granted_and_accepted, county, tmp_path):
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "wangqiang")
    view = open_in_queue(qtbot, window, "王五")
    terminate = view.open_decision("terminate")
    next(c for c in terminate.findChildren(QCheckBox) if "自行委托" in c.text()).setChecked(True)
    terminate.ok.click()
    assert view.application.status == "terminated"
    assert any("终止法律援助决定书" in view.documents.item(r).text() for r in range(view.documents.count()))
    # the justice bureau orders the termination corrected: the aid that was granted is given back
    objection = view.open_decision("objection")
    objection.outcome.setCurrentIndex(objection.outcome.findData("corrected"))
    objection.answer.setPlainText("终止理由不成立，责令改正。")
    objection.ok.click()
    assert view.application.status == "granted" and view.buttons["assign"].isEnabled()
