"""What goes wrong at the station is said in Chinese where it happened, naming the file or the record, never with
the system's or a library's English ("Is a directory", "Not a directory", "database disk image is malformed");
nothing recorded changes. Real widgets; the one failure the station cannot make on purpose is raised in its place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.records import audit
from desktop.records.sqlcipher import sqlite3
from desktop.ui import printing
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.i18n import error_text
from helpers.language import english_words

from .test_after_decision import _navigate
from .test_attachments_ui import jpeg_file, wait_for_items

pytestmark = pytest.mark.gui


@pytest.mark.usefixtures("synchronous_tasks")
def test_check_all_says_in_words_why_a_material_cannot_be_read(window, saved_application, qtbot, tmp_path,
                                                               services, message_boxes):
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "身份证.jpg")])
    wait_for_items(qtbot, panel, 1)
    attachment = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    stored = services.attachments.path_of(attachment)
    stored.chmod(0o644)
    stored.unlink()
    stored.mkdir()  # a folder in the file's place: the system says "Is a directory"
    window.verify_all()
    said = message_boxes.details[-1]
    assert "身份证.jpg" in said and "文件夹" in said, said
    assert english_words(said, {saved_application.form.record.number, "身份证.jpg"}) == [], said


@pytest.mark.usefixtures("synchronous_tasks")
def test_an_audit_trail_that_cannot_be_read_is_said_in_words(window, services, qtbot, monkeypatch):
    def damaged(_db):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(audit, "verify", damaged)  # (a damaged station.db cannot be opened to show the dialog)
    window.findChild(type(window.reference_action), "action_audit").trigger()
    dialog = window.findChild(AuditDialog)
    qtbot.waitExposed(dialog)
    said = dialog.verdict.text()
    assert "审计" in said and "损坏" in said, said
    assert english_words(said) == [], said


@pytest.mark.usefixtures("synchronous_tasks")
def test_a_pdf_or_a_report_that_cannot_be_written_says_why_in_words(window, saved_application, qtbot, tmp_path,
                                                                    message_boxes):
    not_a_folder = tmp_path / "U盘"
    not_a_folder.write_text("a file where the USB drive's folder should be", encoding="utf-8")
    target = not_a_folder / "application.pdf"
    assert saved_application.editor.printing.save_to(printing.Printout("x", b"%PDF-1.7", "x.pdf"), target) is None
    title, text = message_boxes.shown[-1]
    assert str(not_a_folder) in text and english_words(text, {str(target)}) == [], text

    page = window.indicators_page
    _navigate(window, page)
    page.save_report(str(not_a_folder / "report.xlsx"))
    title, text = message_boxes.shown[-1]
    assert "报表" in title + text and english_words(text) == [], text


def test_any_error_a_task_raises_is_said_in_words_not_its_english(app):
    """The one helper every window uses: the core's, sync's and the county's own words, else why in words."""
    import json
    import zipfile

    from desktop.records.errors import StorageError
    from sync.errors import SyncError
    from sync.transport import CONNECTION_LOST
    from sync.workspace_answers import WorkspaceError

    errors = [FileNotFoundError(2, "No such file or directory", "/media/usb/名册.csv"), KeyError("members"),
              RuntimeError("QPainter::begin: Paint device returned engine == 0"), zipfile.BadZipFile("File is not a zip"),
              json.JSONDecodeError("Expecting value", "<html>", 0), StorageError(StorageError.DISK_FULL),
              SyncError(CONNECTION_LOST, detail="connection failed: [Errno 111] Connection refused"),
              WorkspaceError("县中心服务器拒绝了该操作。")]
    said = [error_text(error) for error in errors]
    assert all(text and english_words(text) == [] for text in said), said


def test_an_account_the_disk_cannot_hold_is_refused_in_the_dialog_in_words(window, qtbot, monkeypatch):
    """keyring.json not written (a full disk) escaped the dialog as an unhandled OSError."""
    import errno
    import os

    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.records import keyring
    from helpers.accounts import CLERK, CLERK_PASSWORD

    from .clerk import type_text

    before = keyring.Keyring.load(window.station.data_dir).accounts()

    def disk_full(path, _data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(keyring, "write_private_file", disk_full)
    page = window.accounts_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    dialog = page.add_account()
    type_text(qtbot, dialog.name, CLERK)
    type_text(qtbot, dialog.passwords.first, CLERK_PASSWORD)
    type_text(qtbot, dialog.passwords.second, CLERK_PASSWORD)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.name.text() == CLERK  # the dialog stays, with what was typed
    said = dialog.message.text()
    assert "磁盘空间不足" in said and english_words(said) == [], said
    assert keyring.Keyring.load(window.station.data_dir).accounts() == before
