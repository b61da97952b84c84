"""USB bundles from the File menu against the real county: export (file dialog, worker, summary), the
county's `python -m sync.server import-bundle`, import of its reply (acknowledged, decisions, the status
bar refreshed), the remembered folder, and refusals in Chinese where they happen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QPushButton
from sync_tests.test_attachment_upload import attach

from desktop.ui import bundle_exchange
from desktop.ui.bundle_exchange import BundleDialogs
from sync.server.__main__ import main as server_cli
from sync.server.files import COMPLETE
from helpers.language import english_words
from helpers.records import application

from .test_sync_progress import unsent, waiting

CLERK = "李芳"


def tr(source: str) -> str:
    return QCoreApplication.translate("BundleExchange", source)


@pytest.fixture
def dialogs(tmp_path, monkeypatch):
    """The file dialogs answered by the test (what it was asked is kept), settings in a file of the test."""
    ini = tmp_path / "settings.ini"
    monkeypatch.setattr(bundle_exchange, "settings_factory", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    asked: list[dict] = []
    answers: list = []

    def respond(dialog: QFileDialog):
        asked.append({"title": dialog.windowTitle(), "save": dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave,
                      "folder": dialog.directory().absolutePath(), "files": dialog.selectedFiles(),
                      "filters": dialog.nameFilters()})
        return answers.pop(0)

    BundleDialogs.file_responder = respond
    yield type("Dialogs", (), {"asked": asked, "answers": answers})
    BundleDialogs.file_responder = None


def file_action(window, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()  # 文件 menu, beside 与县中心同步
    return action


def run(window, qtbot, action: QAction) -> None:
    action.trigger()
    qtbot.waitUntil(lambda: not window.bundles.busy(), timeout=20000)


def county_import(county, bundle: Path, reply: Path) -> None:
    assert server_cli(["import-bundle", str(bundle), "--reply", str(reply), "--data-dir", str(county.data_dir)]) == 0


def test_export_to_usb_and_import_the_countys_reply_from_the_file_menu(enrolled, county, window, qtbot, station,
                                                                    message_boxes, dialogs, tmp_path):
    saved = station.store.save("application", application(), user=CLERK)
    scan = attach(enrolled, tmp_path, 700_000, 11, record_id=saved.id)
    window.refresh_status()
    changes = unsent(station)
    assert window.pending_label.text() == waiting(changes, 1, 700_000)
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = usb / "TS01-today.bundle"
    dialogs.answers.append(str(bundle))
    export = file_action(window, "action_export_bundle")
    assert export.text() == QCoreApplication.translate("MainWindow", "Export sync bundle to USB...")
    run(window, qtbot, export)

    [asked] = dialogs.asked
    assert asked["save"] and Path(asked["files"][0]).name == f"TS01-{date.today().isoformat()}.bundle"
    assert bundle.is_file()
    [(title, text)] = message_boxes.shown
    assert title == tr("Export sync bundle")
    assert text.startswith(tr("Exported %1 change(s) and %2 material file(s) (%3 MB) to %4.")
                           .replace("%1", str(changes)).replace("%2", "1").replace("%3", "0.7")
                           .replace("%4", str(bundle)))
    assert unsent(station) == changes  # nothing counts as sent until the reply comes back
    assert window.pending_label.text() == waiting(changes, 1, 700_000)

    reply = usb / "TS01.reply"
    county_import(county, bundle, reply)  # at the county: python -m sync.server import-bundle
    assert saved.number in {r["number"] for r in county.store.records("TS01") if r["record_type"] == "application"}
    assert county.store.files.state("TS01", scan.sha256).status == COMPLETE
    assert server_cli(["decide", "accept", saved.number, "--data-dir", str(county.data_dir)]) == 0
    county_import(county, bundle, reply)  # again: nothing doubled, the reply now carries the decision

    dialogs.answers.append(str(reply))
    run(window, qtbot, file_action(window, "action_import_bundle"))
    asked = dialogs.asked[1]
    assert not asked["save"] and asked["folder"] == str(usb)  # the folder of last time
    assert title_and_text(message_boxes)[0] == tr("Import county reply bundle")
    assert title_and_text(message_boxes)[1].startswith(
        tr("Imported the county's reply: %1 change(s) acknowledged, %2 county decision(s) received.")
        .replace("%1", str(changes)).replace("%2", "1"))
    assert unsent(station) == 0
    assert window.pending_label.text() == waiting(0)  # refreshed as after a sync round
    assert station.db.execute("SELECT status FROM applications WHERE id = ?", (saved.id,)).fetchone() == ("accepted",)
    county_item = window.navigation.item(window.pages.indexOf(window.county_page))
    assert county_item.text() == QCoreApplication.translate("MainWindow", "County (%1)").replace("%1", "1")


def title_and_text(message_boxes) -> tuple[str, str]:
    return message_boxes.shown[-1]


def test_a_tampered_reply_is_refused_in_chinese_and_changes_nothing(enrolled, county, window, qtbot, station,
                                                                    message_boxes, dialogs, tmp_path):
    station.store.save("application", application(), user=CLERK)
    bundle, reply = tmp_path / "TS01.bundle", tmp_path / "TS01.reply"
    dialogs.answers.append(str(bundle))
    run(window, qtbot, file_action(window, "action_export_bundle"))
    county_import(county, bundle, reply)
    data = bytearray(reply.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit on the way back from the county
    reply.write_bytes(bytes(data))
    window.refresh_status()
    before = unsent(station)
    assert window.pending_label.text() == waiting(before)
    dialogs.answers.append(str(reply))
    run(window, qtbot, file_action(window, "action_import_bundle"))
    title, text = message_boxes.shown[-1]
    assert title == tr("Import county reply bundle")
    assert "数据包已被改动或损坏" in text and "拒绝导入" in text
    assert unsent(station) == before and window.pending_label.text() == waiting(before)

    dialogs.answers.append(str(bundle))  # the station's own bundle is not a reply
    run(window, qtbot, file_action(window, "action_import_bundle"))
    assert "不是县中心的回复包" in message_boxes.shown[-1][1]


def test_export_before_enrollment_says_so(window, qtbot, station, message_boxes, dialogs, tmp_path):
    station.store.save("application", application(), user=CLERK)
    target = tmp_path / "TS01.bundle"
    dialogs.answers.append(str(target))
    run(window, qtbot, file_action(window, "action_export_bundle"))
    title, text = message_boxes.shown[-1]
    assert title == tr("Export sync bundle") and "尚未在县中心注册" in text
    assert not target.exists()
    assert dialogs.asked == [] and dialogs.answers == [str(target)]  # said before asking where to write


def test_a_bundle_that_cannot_be_written_says_where_and_why(enrolled, window, qtbot, message_boxes, dialogs,
                                                            tmp_path):
    not_a_folder = tmp_path / "E"
    not_a_folder.write_text("a file where the USB drive's folder should be")
    dialogs.answers.append(str(not_a_folder / "TS01.bundle"))
    run(window, qtbot, file_action(window, "action_export_bundle"))
    title, text = message_boxes.shown[-1]
    assert title == tr("Export sync bundle")
    assert text.startswith(tr("Cannot write or read %1: %2").split("%1")[0]) and str(not_a_folder) in text
    assert "Traceback" not in text
    assert english_words(text, {str(tmp_path), "bundle"}) == [], text  # why in words, not "Not a directory"


def test_cancelling_the_dialogs_does_nothing(enrolled, window, qtbot, message_boxes, dialogs):
    dialogs.answers.extend([None, None])
    file_action(window, "action_export_bundle").trigger()
    file_action(window, "action_import_bundle").trigger()
    assert len(dialogs.asked) == 2 and not window.bundles.busy() and message_boxes.shown == []


def test_a_cancelled_export_writes_nothing(enrolled, county, window, qtbot, station, message_boxes, dialogs,
                                           tmp_path):
    for seed in range(3):
        attach(enrolled, tmp_path, 2_000_000, 20 + seed)
    target = tmp_path / "TS01.bundle"
    dialogs.answers.append(str(target))
    file_action(window, "action_export_bundle").trigger()
    window.bundles.dialog.findChild(QPushButton).click()  # the progress dialog's 取消
    qtbot.waitUntil(lambda: not window.bundles.busy(), timeout=20000)
    assert not target.exists() and list(tmp_path.glob(".TS01.bundle.*")) == []
    assert message_boxes.shown == [] and window.bundles.last_message == tr("Export cancelled: nothing was written.")
