"""The administrator's screens of the county workspace against the real county server: a station added prints
its enrollment sheet with the one-time code, then is revoked; a roster member added and deactivated; a township's
registered population set. An assigner sees the stations but its buttons are grey, with the reason on the page."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from desktop.ui import printing
from desktop.ui.messages import Button
from desktop.ui.print_dialogs import PrintDialogs
from helpers.county import add_roster

from .workspace_helpers import PASSWORD, add_staff, go_to, log_in, open_workspace


def press_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_administrator_keeps_stations_roster_and_townships(qtbot, app, message_boxes, enrolled, county, tmp_path,
                                                               monkeypatch):
    add_staff(county)
    add_roster(county)
    monkeypatch.setattr(printing, "save_folder", lambda: tmp_path)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "admin")

    # a station: added, its sheet printed (saved as PDF here) with the one-time code, then revoked
    go_to(window, window.stations)
    page = window.stations
    assert page.add_button.isEnabled() and page.message.text() == ""
    page.add_station()
    dialog = page.add_dialog
    press_ok(dialog)
    assert dialog.isVisible() and "编码" in dialog.message.text()  # nothing sent yet
    dialog.code.setText("ts02")
    dialog.name.setText("河西镇法律援助工作站")
    dialog.township.setText("河西镇")
    sheet = tmp_path / "sheet.pdf"
    PrintDialogs.preview_responder = lambda preview: preview.findChild(QAction, "save_pdf").trigger()
    PrintDialogs.save_responder = lambda _dialog: sheet
    try:
        press_ok(dialog)
    finally:
        PrintDialogs.preview_responder = PrintDialogs.save_responder = None
    code = page.message.text().split("一次性注册码为 ")[1].split("。")[0]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.read_bytes())).pages).replace(" ", "")
    assert "TS02" in text and code.replace("-", "") in text.replace("-", "")
    codes = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert codes == ["TS01", "TS02"]
    page.table.selectRow(1)
    message_boxes.answers.append(Button.Yes)
    page.revoke()
    assert page.table.item(1, 7).text() != ""  # revoked, with when
    assert window.queue.station.findData("TS02") > 0  # the queue's station filter follows

    # the roster: a member added, then deactivated
    go_to(window, window.roster)
    roster = window.roster
    roster.edit(None)
    member = roster.member_dialog
    member.id.setText("L009")
    member.name.setText("周律师")
    member.organisation.setText("青山律师事务所")
    member.years.setValue(4)
    member.minors.setChecked(True)
    press_ok(member)
    rows = {roster.table.item(r, 0).text(): r for r in range(roster.table.rowCount())}
    assert "L009" in rows and roster.table.item(rows["L009"], 5).text() == "是"
    roster.edit(None)  # 添加 with a number that is taken: refused in the dialog, the member as they were
    taken = roster.member_dialog
    taken.id.setText("L009")
    taken.name.setText("吴律师")
    taken.organisation.setText("临河律师事务所")
    press_ok(taken)
    assert taken.isVisible() and "编号 L009 已属于 周律师" in taken.message.text() and taken.name.text() == "吴律师"
    taken.reject()
    assert roster.table.item(rows["L009"], 1).text() == "周律师"
    assert "35%" in roster.share.text()  # the plan's target for law-firm lawyers
    roster.table.selectRow(rows["L009"])
    message_boxes.answers.append(Button.Yes)
    roster.deactivate()
    assert roster.table.item(rows["L009"], 8).text() == "否"

    # a township's registered population
    go_to(window, window.townships)
    townships = window.townships
    townships.township.setText("测试镇")
    townships.population.setValue(32000)
    townships.set_population()
    assert [(townships.table.item(r, 0).text(), townships.table.item(r, 1).text())
            for r in range(townships.table.rowCount())] == [("测试镇", "32,000")]


def test_a_role_without_the_right_sees_why(qtbot, app, message_boxes, enrolled, county, tmp_path):
    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "zhaomin")
    go_to(window, window.stations)
    assert not window.stations.add_button.isEnabled()
    assert "管理员" in window.stations.message.text() and "管理员" in window.stations.add_button.toolTip()
    go_to(window, window.townships)
    assert not window.townships.buttons[0].isEnabled() and "管理员" in window.townships.message.text()
    go_to(window, window.roster)
    assert window.roster.buttons[0].isEnabled()  # the assignment staff keep the roster


def test_the_administrator_keeps_the_staff_accounts(qtbot, app, message_boxes, enrolled, county, tmp_path):
    add_staff(county)
    folder = tmp_path / "workspace"
    window = open_workspace(qtbot, county, folder)
    log_in(qtbot, window, "admin")
    go_to(window, window.accounts)
    page = window.accounts
    page.edit(None)
    dialog = page.account_dialog
    dialog.name.setText("sunli")
    dialog.display_name.setText("孙丽")
    press_ok(dialog)
    assert dialog.isVisible() and "角色" in dialog.message.text()
    dialog.roles["archivist"].setChecked(True)
    press_ok(dialog)
    assert dialog.isVisible() and "密码" in dialog.message.text()
    dialog.password.setText(PASSWORD)
    press_ok(dialog)
    rows = {page.table.item(r, 0).text(): r for r in range(page.table.rowCount())}
    assert page.table.item(rows["sunli"], 2).text() == "档案管理人员"
    page.edit(None)  # 添加 with a name that is taken: refused, and the account is as it was
    dialog = page.account_dialog
    dialog.name.setText("sunli")
    dialog.display_name.setText("冒名顶替")
    dialog.roles["admin"].setChecked(True)
    dialog.password.setText("another password 42")
    press_ok(dialog)  # refused in the dialog, which stays open with what was typed
    assert dialog.isVisible() and "账号 sunli 已存在" in dialog.message.text()
    assert dialog.display_name.text() == "冒名顶替" and dialog.password.text() == "another password 42"
    dialog.reject()
    rows = {page.table.item(r, 0).text(): r for r in range(page.table.rowCount())}
    assert (page.table.item(rows["sunli"], 1).text(), page.table.item(rows["sunli"], 2).text()) == ("孙丽", "档案管理人员")
    archivist = open_workspace(qtbot, county, folder)
    log_in(qtbot, archivist, "sunli")
    assert archivist.stack.currentWidget() is archivist.workspace
    go_to(archivist, archivist.accounts)
    assert not archivist.accounts.buttons[0].isEnabled() and "管理员" in archivist.accounts.message.text()
    page.table.selectRow(rows["sunli"])
    message_boxes.answers.append(Button.Yes)
    page.deactivate()
    rows = {page.table.item(r, 0).text(): r for r in range(page.table.rowCount())}
    assert page.table.item(rows["sunli"], 3).text() == "否"
    again = open_workspace(qtbot, county, folder)
    log_in(qtbot, again, "sunli")
    assert again.stack.currentWidget() is again.login_panel


def test_the_consultations_every_station_sent_are_searchable(qtbot, app, message_boxes, enrolled, county, tmp_path):
    from helpers.records import consultation
    from sync_tests.test_attachment_upload import engine as file_engine

    from ..clerk import type_text

    enrolled.station.store.save("consultation", consultation(name="王五", question="工伤认定需要哪些材料？"), user="李明")
    enrolled.station.store.save("consultation", consultation(name="赵六"), user="李明")
    assert file_engine(enrolled).sync_round().complete
    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    page = window.consultations
    go_to(window, page)
    assert page.table.rowCount() == 2 and "共 2 条咨询" in page.summary.text()
    type_text(qtbot, page.search, "工伤")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "王五"
    assert "工伤认定" in page.table.item(0, 5).text() and page.table.item(0, 2).text() == "测试镇法律援助工作站"


def test_the_administrator_imports_a_roster_file_and_sees_each_bad_line(qtbot, app, message_boxes, county, tmp_path,
                                                                        monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QPushButton

    from sync_tests.test_workspace import ROSTER_CSV

    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "admin")
    go_to(window, window.roster)
    roster = window.roster
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (chosen[-1], ""))
    button = roster.findChild(QPushButton, "import_roster")
    assert button.isEnabled() and button.text() == "导入名册文件…"

    good = tmp_path / "名册.csv"
    good.write_bytes(ROSTER_CSV)
    chosen.append(str(good))
    button.click()
    qtbot.waitUntil(lambda: "名册已导入" in roster.message.text())
    assert "新增 2 人" in roster.message.text()
    qtbot.waitUntil(lambda: roster.table.rowCount() == 2)
    assert sorted(roster.table.item(r, 0).text() for r in range(2)) == ["F101", "L101"]

    bad = tmp_path / "有误.csv"
    bad.write_bytes(ROSTER_CSV + "\nL102,吴律师,律师,青山律师事务所,三年,也许,".encode("utf-8"))
    chosen.append(str(bad))
    button.click()
    qtbot.waitUntil(lambda: "第 4 行：" in roster.message.text())
    assert "没有导入" in roster.message.text() and "执业年限" in roster.message.text()
    assert roster.table.rowCount() == 2  # nothing imported

    reviewer_window = open_workspace(qtbot, county, tmp_path / "reviewer")
    log_in(qtbot, reviewer_window, "lifang")
    go_to(reviewer_window, reviewer_window.roster)
    assert not reviewer_window.roster.findChild(QPushButton, "import_roster").isEnabled()
