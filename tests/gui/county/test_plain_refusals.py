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
