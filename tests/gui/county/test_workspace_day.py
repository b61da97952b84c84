"""Issue 12's day at the county center, driven through the real workspace window (pytest-qt) against the real
county server on loopback: an application with its materials arrives from a station; the reviewer logs in
(a wrong password first), sees it counting down and asks for a supplement; the station supplies it; the head
grants; the assigner assigns from the roster, where an Art. 26 case refuses a lawyer with under 3 years; the
issued documents open signed by the county. A role without the right, a stale view and an expired session
each say so in Chinese and change nothing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox

from desktop.county_ui.countdown import countdown_text
from desktop.county_ui.queue_model import COLUMNS, OVERDUE
from desktop.ui import printing
from desktop.ui.print_dialogs import PrintDialogs
from forms.context import context_for
from forms.county import county_decisions
from forms.render import render_form
from forms.signing import verify_pdf
from helpers.county import add_roster
from helpers.records import application
from sync.workspace_client import WorkspaceClient
from sync_tests.test_attachment_upload import engine as file_engine
from ..clerk import type_text

from .workspace_helpers import PASSWORD, add_staff, attach_material, log_in, open_in_queue, open_workspace, queue_row

# a suspect who may face life imprisonment applies himself (Art. 24), on his integrity commitment: the county
# reviews and grants it (a notified case, Art. 25, is assigned without a grant decision)
CRIMINAL = {"case_type": "criminal", "aid_kind": "criminal_defence", "cause": "故意伤害",
            "facts": "犯罪嫌疑人因经济困难申请法律援助。", "criminal_role": "suspect", "criminal_stage": "investigation",
            "eligibility_ground": "commitment", "life_or_death": True, "categories": []}
UNSET = ("art31_category", "art42_exemption", "opposing_party", "amount")


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@pytest.fixture
def arrived(enrolled, county, tmp_path):
    """Two applications from station TS01 at the county: 张三's with its identity document, and 李四's, received
    long ago (overdue); the center's staff and roster."""
    store = enrolled.station.store
    civil = {k: v for k, v in application(name="张三", received_at="2026-12-01T09:00").items() if k not in UNSET}
    zhang = store.save("application", {**civil, **CRIMINAL}, user="李明")
    attach_material(enrolled, tmp_path, zhang.id, "id_copy", 1)
    store.save("application", application(name="李四", received_at="2025-01-06T09:00",
                                          id_number="110101199001011237"), user="李明")
    assert file_engine(enrolled).sync_round().complete
    add_staff(county)
    add_roster(county)
    return zhang


@pytest.fixture(autouse=True)
def print_settings(tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "save_folder", lambda: tmp_path)
    yield
    PrintDialogs.preview_responder = None
    PrintDialogs.save_responder = None


def test_a_day_at_the_center(qtbot, app, message_boxes, arrived, enrolled, county, tmp_path):
    folder = tmp_path / "workspace"
    reviewer = open_workspace(qtbot, county, folder)
    # a wrong password: a clear Chinese message, still at the login
    log_in(qtbot, reviewer, "lifang", "wrong password")
    assert reviewer.stack.currentWidget() is reviewer.login_panel
    assert "账号或密码错误" in reviewer.login_panel.message.text()
    log_in(qtbot, reviewer, "lifang")
    assert reviewer.stack.currentWidget() is reviewer.workspace
    assert "李芳" in reviewer.who.text() and "审查人员" in reviewer.who.text()

    # the queue counts down; the overdue one is red and first; the navigation counts what waits
    queue = reviewer.queue
    assert queue.model.rowCount() == 2 and queue.model.row(0).name == "李四"
    deadline = COLUMNS.index("deadline")
    late = queue.model.index(0, deadline)
    assert "已逾期" in late.data() and late.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    zhang = queue.model.row(queue_row(reviewer, "张三"))
    assert queue.model.index(queue_row(reviewer, "张三"), deadline).data() == countdown_text(zhang.deadline)
    assert "审查决定" in countdown_text(zhang.deadline)
    assert "待决定 2" in reviewer.navigation.item(0).text() and "已逾期 1" in reviewer.navigation.item(0).text()
    queue.group.setCurrentIndex(queue.group.findData("migrant_worker"))
    assert [queue.model.row(r).name for r in range(queue.model.rowCount())] == ["李四"]
    queue.group.setCurrentIndex(0)

    # the reviewer opens it: the material's signature verified (green); granting is not a reviewer's
    view = open_in_queue(qtbot, reviewer, "张三")
    assert view.materials.item(0).foreground().color() == view.materials.item(0).foreground().color().fromRgb(30, 126, 52)
    assert not view.buttons["grant"].isEnabled() and "中心负责人" in view.buttons["grant"].toolTip()
    assert view.buttons["supplement"].isEnabled() and view.buttons["accept"].isEnabled()
    # the application's own fields only: the rules version the station stamps is the system's, not the case's
    shown = [view.details_form.itemAt(r, view.details_form.ItemRole.LabelRole).widget().text()
             for r in range(view.details_form.rowCount())]
    assert any("姓名" in label for label in shown)
    assert not any("规则" in label for label in shown)
    view.tabs.setCurrentWidget(view.materials)
    view.materials.setCurrentRow(0)
    qtbot.keyClick(view.materials, Qt.Key.Key_Return)
    preview = view.preview
    assert "有效" in preview.status.text() and preview.viewer.objectName() == "pdf_view"
    preview.close()

    # ... and asks for the missing materials, all at once, with a date
    dialog = view.open_decision("supplement")
    checks = {c.text(): c for c in dialog.findChildren(QCheckBox)}
    assert "身份证明" not in checks  # already supplied
    checks["经济困难证明"].setChecked(True)
    dialog.ok.click()
    assert view.application.status == "supplement"
    assert "经济困难证明" in view.decisions.item(0).text() and "李芳" in view.decisions.item(0).text()

    # the station supplies it and syncs; the reviewer accepts
    attach_material(enrolled, tmp_path, arrived.id, "hardship_proof", 2)
    assert file_engine(enrolled).sync_round().complete
    view.reload()
    assert view.materials.count() == 2
    view.open_decision("accept").ok.click()
    assert view.application.status == "accepted"

    # the head grants (in a window of their own); the reviewer's stale form changes nothing
    stale = view.open_decision("supplement")
    stale.checks[0].setChecked(True)
    head = open_workspace(qtbot, county, folder)
    log_in(qtbot, head, "wangqiang")
    granted = open_in_queue(qtbot, head, "张三")
    grant = granted.open_decision("grant")
    grant.note.setPlainText("经审查，符合法律援助条件。")
    grant.ok.click()
    assert granted.application.status == "granted"
    assert granted.tabs.currentWidget() is granted.documents and "给予法律援助决定书" in granted.message.text()
    assert "给予法律援助决定书" in granted.documents.currentItem().text()  # Enter opens it for printing
    stale.ok.click()
    assert "王强" in stale.message.text() and "未作任何更改" in stale.message.text()
    assert not stale.ok.isEnabled() and stale.isVisible()
    assert view.application.status == "granted"  # the reviewer's view now shows the grant
    assert [e.kind for e in head_client(county).application(arrived.id).events] == ["supplement", "accept", "grant"]

    # the assigner: the Art. 26 case refuses a lawyer of 2 years; 赵律师 (5 years) is assigned
    assigner = open_workspace(qtbot, county, folder)
    log_in(qtbot, assigner, "zhaomin")
    case = open_in_queue(qtbot, assigner, "张三")
    assert "待指派" in assigner.navigation.item(0).text() or "to assign" in assigner.navigation.item(0).text()
    assign = case.open_decision("assign")
    assert "第二十六条" in assign.findChild(type(assign.message), "assign_rules").text()
    names = [assign.roster.item(r, 0).text() for r in range(assign.roster.rowCount())]
    assign.roster.selectRow(names.index("钱律师"))
    assign.ok.click()
    assert "第二十六条" in assign.message.text() and case.application.status == "granted"
    assert "35%" in assign.share.text()
    assign.roster.selectRow(names.index("赵律师"))
    assign.handling_organ.setText("青山县公安局")
    assign.ok.click()
    assert case.application.status == "assigned"
    again = case.open_decision("replace")
    assert again.roster.item(names.index("赵律师"), 5).text() == "1"  # his open case
    assert "1 件中占 100%" in again.share.text()
    again.reject()

    # the issued documents open in the print preview, and save as the county signed them
    titles = [case.documents.item(r).text() for r in range(case.documents.count())]
    assert any("给予法律援助决定书" in t for t in titles) and any("指派通知书" in t for t in titles)
    saved = tmp_path / "issued.pdf"
    previews = []
    PrintDialogs.preview_responder = lambda dialog: previews.append(dialog.windowTitle()) or dialog.findChild(
        QAction, "save_pdf").trigger()
    PrintDialogs.save_responder = lambda _dialog: saved
    row = next(r for r, t in enumerate(titles) if "给予法律援助决定书" in t)
    case.documents.itemActivated.emit(case.documents.item(row))
    assert previews and "给予法律援助决定书" in previews[0]
    check = verify_pdf(saved.read_bytes(), roots=[county.store.county_key.root()])
    assert check.ok and check.signer == county.store.county_key.center_name()

    # the station syncs, and prints the grant decision and the assignment notice as the county issued them
    assert file_engine(enrolled).sync_round().complete
    record = enrolled.station.store.get("application", arrived.id)
    decisions = county_decisions(enrolled.station.db, record)
    for form, words in (("grant_decision", ("给予法律援助决定书", "张三")), ("assignment_notice", ("指派通知书", "赵律师"))):
        printed = render_form(form, record, context_for(enrolled), decisions=decisions)
        check = verify_pdf(printed, roots=[county.store.county_key.root()])
        assert check.ok and check.signer == county.store.county_key.center_name()
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed)).pages).replace(" ", "")
        assert all(word in text for word in words), form


def head_client(county) -> WorkspaceClient:
    client = WorkspaceClient(county.url, county.fingerprint)
    client.login("wangqiang", PASSWORD)
    return client


def test_an_expired_session_asks_for_the_password_and_keeps_what_was_typed(qtbot, app, message_boxes, arrived,
                                                                           county, tmp_path):
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    view = open_in_queue(qtbot, window, "张三")
    dialog = view.open_decision("accept")
    dialog.note.setPlainText("材料齐全，予以受理。")
    with county.database() as db:  # a working day after login
        db.execute("UPDATE staff_sessions SET started = started - 13 * 3600")
    dialog.ok.click()
    assert "重新登录" in dialog.message.text()
    again = window._again
    assert again.isVisible() and again.panel.account.text() == "lifang"
    qtbot.keyClicks(again.panel.password, PASSWORD)
    qtbot.keyClick(again.panel.password, Qt.Key.Key_Return)
    assert not again.isVisible() and dialog.isVisible()
    assert dialog.note.toPlainText() == "材料齐全，予以受理。" and dialog.ok.isEnabled()
    assert [e.kind for e in head_client(county).application(arrived.id).events] == []  # nothing was changed
    dialog.ok.click()
    assert view.application.status == "accepted"


def test_a_lost_connection_says_so_and_keeps_the_screen(qtbot, app, message_boxes, arrived, county, tmp_path):
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    assert window.queue.model.rowCount() == 2
    county.stop()
    try:
        window.queue.refresh()
        assert "未连接县中心服务器" in window.connection.text()
        assert window.queue.model.rowCount() == 2 and "无法连接" in window.queue.summary.text()
    finally:
        county.restart()
    window.queue.refresh()
    assert window.connection.text() == ""


def test_the_queue_by_keyboard(qtbot, app, message_boxes, arrived, county, tmp_path):
    """Ctrl+F to the search, a name, Down to the list, Enter opens; Esc goes back to the queue."""
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.queue.table.setFocus()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.queue.search.hasFocus()
    type_text(qtbot, window.queue.search, "李四")  # as a Chinese input method commits it
    qtbot.keyClick(window.queue.search, Qt.Key.Key_Return)
    assert window.queue.model.rowCount() == 1
    qtbot.keyClick(window.queue.search, Qt.Key.Key_Down)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.application
    assert window.application.application.data["name"] == "李四"
    qtbot.keyClick(window.application.tabs, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.queue
