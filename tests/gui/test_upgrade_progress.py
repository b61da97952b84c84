"""The first start after an update shows the copy-and-upgrade with progress, and opens the station after."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from desktop.records import migrations
from desktop.records.db import DATABASE_FILE, needs_upgrade, open_database
from desktop.ui.tasks import TaskRunner
from desktop.ui.upgrade import upgrade_with_progress

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_an_older_database_is_upgraded_with_a_progress_dialog(app, qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURES / f"station_v{migrations.CURRENT_VERSION - 1}.db", data / DATABASE_FILE)
    assert needs_upgrade(data / DATABASE_FILE)
    seen: list[tuple[str, int, int]] = []

    def look() -> None:  # while the upgrade runs: the dialog is up, modal, with no cancel button
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.objectName() == "upgrade_progress" and w.isVisible():
                seen.append((w.labelText(), w.value(), w.maximum()))

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(1)
    tasks = TaskRunner(data)
    assert upgrade_with_progress(data, tasks) is True
    timer.stop()
    assert not needs_upgrade(data / DATABASE_FILE)
    db = open_database(data / DATABASE_FILE)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    db.conn.close()
    assert list(data.glob("station.schema*.bak")), "the copy made before the upgrade"
    assert seen, "the progress dialog was shown while the upgrade ran"
    assert "副本" in seen[0][0] and "请勿关闭电脑" in seen[0][0]
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))


def test_a_current_or_new_database_needs_nothing(qtbot, tmp_path):
    assert upgrade_with_progress(tmp_path / "empty", TaskRunner(tmp_path / "empty")) is False  # made on open
    db = open_database(tmp_path / "d" / DATABASE_FILE)
    db.conn.close()
    assert upgrade_with_progress(tmp_path / "d", TaskRunner(tmp_path / "d")) is False
