"""A dialog whose request is on its way to the county cannot be dismissed (Esc, the window's close button, 取消)
until the county answers: a refusal that came back to a closed dialog was said nowhere, and staff did not learn
whether the addition or the decision happened. Once the answer is in, the dialog behaves as before: a refusal is
said in it with what was typed kept, a success closes it. A real county server answers; only the delivery of the
request is held back, as a slow link would hold it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from helpers.county import add_roster
from helpers.records import application
from sync_tests.test_sync import engine

from ..clerk import type_text
from .test_workspace_day import head_client
from .workspace_helpers import PASSWORD, HeldBack, add_staff, go_to, log_in, open_in_queue, open_workspace


def dismiss(qtbot, dialog, way: str) -> None:
    """What staff do to be rid of a dialog: Esc in the field they typed in, the title bar's ×, or 取消."""
    if way == "esc":
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    elif way == "close":
        dialog.close()
    else:
        cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
        assert not cancel.isEnabled()  # grey while the county has not answered
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)


def press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def admin(app, qtbot, message_boxes, enrolled, county, tmp_path):
    """The administrator's workspace; account sunli and roster member L001 exist, station TS01 is enrolled."""
    add_staff(county)
    add_roster(county)
    county.store.staff.save("sunli", "孙丽", ["archivist"], PASSWORD)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "admin")
    return window


@pytest.mark.parametrize("way", ["esc", "close", "cancel"])
def test_an_account_on_its_way_keeps_its_dialog_until_the_county_refuses_it(admin, qtbot, way):
    go_to(admin, admin.accounts)
    page = admin.accounts
    page.edit(None)
    dialog = page.account_dialog
    type_text(qtbot, dialog.name, "sunli")
    type_text(qtbot, dialog.display_name, "冒名顶替")
    dialog.roles["admin"].setChecked(True)
    type_text(qtbot, dialog.password, "another password 42")
    held = HeldBack(page.desk)
    held.hold_next()
    press_ok(dialog)  # on its way
    dismiss(qtbot, dialog, way)
    assert dialog.isVisible()
    held.release()  # the county refuses: the name is taken
    assert dialog.isVisible() and "账号 sunli 已存在" in dialog.message.text()
    assert dialog.display_name.text() == "冒名顶替" and dialog.password.text() == "another password 42"
    dismiss(qtbot, dialog, "esc")  # answered: Esc closes it again
    assert not dialog.isVisible()


def test_a_roster_member_on_its_way_keeps_its_dialog_until_the_county_refuses_it(admin, qtbot):
    go_to(admin, admin.roster)
    roster = admin.roster
    roster.edit(None)
    dialog = roster.member_dialog
    type_text(qtbot, dialog.id, "L001")
    type_text(qtbot, dialog.name, "吴律师")
    type_text(qtbot, dialog.organisation, "临河律师事务所")
    held = HeldBack(roster.desk)
    held.hold_next()
    press_ok(dialog)
    dismiss(qtbot, dialog, "esc")
    held.release()
    assert dialog.isVisible() and "编号 L001 已属于" in dialog.message.text() and dialog.name.text() == "吴律师"
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_station_on_its_way_keeps_its_dialog_until_the_county_refuses_it(admin, qtbot):
    go_to(admin, admin.stations)
    page = admin.stations
    page.add_station()
    dialog = page.add_dialog
    type_text(qtbot, dialog.code, "TS01")  # enrolled already
    type_text(qtbot, dialog.name, "测试镇法律援助工作站")
    type_text(qtbot, dialog.township, "测试镇")
    held = HeldBack(page.desk)
    held.hold_next()
    press_ok(dialog)
    dismiss(qtbot, dialog, "close")
    held.release()
    assert dialog.isVisible() and "TS01" in dialog.message.text() and dialog.township.text() == "测试镇"
    assert page.message.text() == ""  # said in the dialog, not on the page behind it


def test_an_addition_on_its_way_that_succeeds_closes_its_dialog(admin, qtbot):
    go_to(admin, admin.roster)
    roster = admin.roster
    roster.edit(None)
    dialog = roster.member_dialog
    type_text(qtbot, dialog.id, "L009")
    type_text(qtbot, dialog.name, "周律师")
    type_text(qtbot, dialog.organisation, "青山律师事务所")
    held = HeldBack(roster.desk)
    held.hold_next()
    press_ok(dialog)
    dismiss(qtbot, dialog, "esc")
    assert dialog.isVisible()
    held.release()
    assert not dialog.isVisible()
    assert "L009" in [roster.table.item(r, 0).text() for r in range(roster.table.rowCount())]


@pytest.fixture
def accepted(app, enrolled, county):
    """赵六's application accepted at the county; staff and roster."""
    saved = enrolled.station.store.save("application", application(name="赵六", received_at="2026-12-02T09:00"),
                                        user="李明")
    assert engine(enrolled).sync_round().complete
    add_staff(county)
    add_roster(county)
    head_client(county).decide(saved.id, "accept", {}, 0)
    return saved


@pytest.mark.parametrize("way", ["esc", "close", "cancel"])
def test_a_decision_on_its_way_keeps_its_form_until_the_county_answers(qtbot, message_boxes, accepted, county,
                                                                       tmp_path, way):
    """The head refuses while another head grants: the county says who decided what, in the form still open."""
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "wangqiang")
    view = open_in_queue(qtbot, window, "赵六")
    form = view.open_decision("refuse")
    type_text(qtbot, form.note, "家庭人均收入高于当地标准。")
    held = HeldBack(form.desk)
    held.hold_next()
    form.ok.click()  # on its way ...
    other = head_client(county)
    other.decide(accepted.id, "grant", {}, other.application(accepted.id).view_version)  # ... and overtaken
    dismiss(qtbot, form, way)
    assert form.isVisible()
    held.release()
    assert form.isVisible() and "给予法律援助" in form.message.text()
    assert form.note.toPlainText() == "家庭人均收入高于当地标准。" and not form.ok.isEnabled()
    dismiss(qtbot, form, "esc")
    assert not form.isVisible()


def test_an_assignment_on_its_way_closes_its_form_once_recorded(qtbot, message_boxes, accepted, county, tmp_path):
    head = head_client(county)
    head.decide(accepted.id, "grant", {}, head.application(accepted.id).view_version)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "zhaomin")
    view = open_in_queue(qtbot, window, "赵六")
    form = view.open_decision("assign")
    form.roster.selectRow(0)
    held = HeldBack(form.desk)
    held.hold_next()
    form.ok.click()
    dismiss(qtbot, form, "close")
    assert form.isVisible()
    held.release()
    assert not form.isVisible() and view.application.status == "assigned"


def test_a_login_on_its_way_keeps_the_login_again_dialog_until_the_county_answers(qtbot, message_boxes, accepted,
                                                                                  county, tmp_path):
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    with county.database() as db:  # a working day after login
        db.execute("UPDATE staff_sessions SET started = started - 13 * 3600")
    window.queue.refresh()
    again = window._again
    assert again.isVisible()
    qtbot.keyClicks(again.panel.password, "wrong password")
    held = HeldBack(window.desk, "login")
    held.hold_next()
    qtbot.keyClick(again.panel.password, Qt.Key.Key_Return)
    dismiss(qtbot, again, "esc")
    assert again.isVisible()
    held.release()
    assert again.isVisible() and "密码" in again.panel.message.text()
