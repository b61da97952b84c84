"""What goes wrong in the county workspace is said in Chinese where it happened, naming the file, the line or the
field, and never with Python's, a library's or the system's English ("Is a directory", "field larger than field
limit", "Permission denied"); what the county recorded stays as it was. Real widgets, the real county server."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QPushButton

from helpers.county import add_roster
from helpers.language import english_words

from .workspace_helpers import add_staff, go_to, log_in, open_workspace

HEADER = "编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话"


def roster_page(qtbot, county, tmp_path: Path, monkeypatch):
    """The administrator on the roster page, the file dialog answering with the last path of `chosen`."""
    add_staff(county)
    add_roster(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "admin")
    go_to(window, window.roster)
    qtbot.waitUntil(lambda: window.roster.table.rowCount() == 3)
    chosen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (chosen[-1], ""))
    return window.roster, chosen


def import_file(qtbot, roster, chosen: list[str], path: Path) -> str:
    chosen.append(str(path))
    roster.message.setText("")
    roster.findChild(QPushButton, "import_roster").click()
    qtbot.waitUntil(lambda: roster.message.text() not in ("", f"正在导入 {path.name}…"))
    return roster.message.text()


def test_a_roster_line_with_an_unclosed_quote_is_named_in_chinese(qtbot, app, message_boxes, county, tmp_path,
                                                                 monkeypatch):
    """A stray " makes the rest of the file one cell: Python's csv stops at 128 K characters with its English."""
    roster, chosen = roster_page(qtbot, county, tmp_path, monkeypatch)
    rows = [f"L{n:04d},律师{n},律师,青山律师事务所,3,否,138{n:08d}" for n in range(100, 4100)]
    path = tmp_path / "引号.csv"
    path.write_text("\n".join([HEADER, "L050,\"吴律师,律师,青山律师事务所,3,否,", *rows]), encoding="utf-8")
    said = import_file(qtbot, roster, chosen, path)
    assert "第 2 行" in said and "引号" in said and "没有导入" in said
    assert english_words(said) == [], said
    assert roster.table.rowCount() == 3  # nothing imported


def test_a_roster_file_that_cannot_be_read_says_why_in_chinese(qtbot, app, message_boxes, county, tmp_path,
                                                              monkeypatch):
    roster, chosen = roster_page(qtbot, county, tmp_path, monkeypatch)
    folder = tmp_path / "名册.csv"  # a folder named like the file (the system says "Is a directory")
    folder.mkdir()
    said = import_file(qtbot, roster, chosen, folder)
    assert "名册.csv" in said and "文件夹" in said
    assert english_words(said, {folder.name}) == [], said

    locked = tmp_path / "roster-2026.csv"
    locked.write_text(HEADER + "\nL009,周律师,律师,青山律师事务所,3,否,\n", encoding="utf-8")
    real_read = Path.read_bytes

    def denied(path: Path) -> bytes:  # (the tests run as root, for whom no permission is ever missing)
        if path == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    said = import_file(qtbot, roster, chosen, locked)
    assert "roster-2026.csv" in said and "权限" in said
    assert english_words(said, {locked.name}) == [], said
    assert roster.table.rowCount() == 3


def test_an_answer_that_is_not_the_countys_is_said_in_chinese_and_the_rows_stay(qtbot, app, message_boxes, county,
                                                                                tmp_path):
    """Something else answers in the county's place (a captive portal's page, a web server's error): json's
    "Expecting value", a missing field's name and "HTTP 500" are not words for the center's staff."""
    from desktop.county_ui.settings import pin_county
    from sync_tests.faultproxy import FaultProxy

    add_staff(county)
    add_roster(county)
    proxy = FaultProxy(county.port)
    try:
        folder = tmp_path / "workspace"
        pin_county(folder, proxy.url, county.fingerprint)
        window = open_workspace(qtbot, county, folder)
        log_in(qtbot, window, "admin")
        go_to(window, window.roster)
        roster = window.roster
        qtbot.waitUntil(lambda: roster.table.rowCount() == 3)
        said = []
        for page, mode in ((b"<html><body>Welcome to nginx!</body></html>", "page200"), (b"{}", "page200"),
                           (b"", "error500")):
            proxy.page = page
            proxy.fail(mode)
            roster.message.setText("")
            roster.refresh()
            qtbot.waitUntil(lambda: roster.message.text() != "")
            said.append(roster.message.text())
        assert "答复无法读取" in said[0] and "500" in said[2]
        assert [english_words(text) for text in said] == [[], [], []], said
        assert roster.table.rowCount() == 3  # the rows shown stay
    finally:
        proxy.close()


def test_a_report_or_a_recovery_file_that_cannot_be_written_says_why_in_chinese(qtbot, app, message_boxes, enrolled,
                                                                                county, tmp_path, monkeypatch):
    from desktop.ui.messages import Button

    from .test_station_recovery import escrow_and_sync

    add_staff(county)
    escrow_and_sync(enrolled)
    not_a_folder = tmp_path / "报表"  # a file where the folder should be (the system says "File exists")
    not_a_folder.write_text("", encoding="utf-8")
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "wangqiang")
    go_to(window, window.reports)
    reports = window.reports
    reports.save_report(str(not_a_folder / "2026.xlsx"))
    qtbot.waitUntil(lambda: reports.save_button.isEnabled())
    said = reports.message.text()
    assert "报表无法写入" in said or "无法写入" in said, said
    assert english_words(said) == [], said

    go_to(window, window.stations)
    page = window.stations
    page.refresh()
    page.table.selectRow(0)
    target = not_a_folder / "TS01.recovery"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    message_boxes.answers.append(Button.Yes)
    page.recover()
    said = page.message.text()
    assert "恢复文件未能保存" in said, said
    assert english_words(said) == [], said
    assert not target.exists()


def test_a_workspace_folder_that_cannot_be_written_says_why_in_chinese(qtbot, app, county, tmp_path):
    from desktop.county_ui.connect_page import ConnectPage
    from desktop.ui.tasks import TaskRunner

    folder = tmp_path / "workspace"
    folder.write_text("", encoding="utf-8")  # a file in the folder's place (the system says "File exists")
    tasks = TaskRunner(tmp_path / "tasks", synchronous=True)
    try:
        page = ConnectPage(folder, tasks)
        qtbot.addWidget(page)
        page.server_url.setText(county.url)
        page.fingerprint.setText(county.fingerprint)
        page.connect_button.click()
        said = page.message.text()
        assert "县" in said and english_words(said) == [], said
    finally:
        tasks.shutdown()
