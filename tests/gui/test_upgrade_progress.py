"""The first start after an update shows the copy-and-upgrade with progress, and opens the station after."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QPushButton

from desktop.records import migrations
from desktop.records.db import DATABASE_FILE, needs_upgrade, open_database, write_transaction
from desktop.records.vault import Vault
from desktop.records.vault_files import SEALED_MARK, is_sealed
from desktop.ui.tasks import TaskRunner
from desktop.ui.upgrade import upgrade_with_progress
from helpers.accounts import provided

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


class DialogWatch(QObject):
    """Catches the upgrade's progress dialog as it is shown, then notes how it looks at each step of progress:
    what the clerk sees while the upgrade runs, whatever the machine's speed."""

    def __init__(self):
        super().__init__()
        self.steps: list[dict] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.Show and isinstance(watched, QProgressDialog)
                and watched.objectName() == "upgrade_progress"):
            watched.findChild(QProgressBar).valueChanged.connect(lambda value, d=watched: self.steps.append({
                "label": d.labelText(), "value": value, "maximum": d.maximum(), "visible": d.isVisible(),
                "modality": d.windowModality(), "buttons": [b for b in d.findChildren(QPushButton) if b.isVisible()]}))
        return False


def test_an_older_database_is_upgraded_with_a_progress_dialog(app, qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURES / f"station_v{migrations.CURRENT_VERSION - 1}.db", data / DATABASE_FILE)
    provided(data)  # the station head's account, made before the data open (desktop/ui/signin.py)
    assert needs_upgrade(data / DATABASE_FILE)  # in clear and an older schema: encrypted, then upgraded
    watch = DialogWatch()
    app.installEventFilter(watch)
    tasks = TaskRunner(data)
    try:
        assert upgrade_with_progress(data, tasks) is True
    finally:
        app.removeEventFilter(watch)
    assert not needs_upgrade(data / DATABASE_FILE)
    db = open_database(data / DATABASE_FILE)
    assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    db.conn.close()
    assert list(data.glob("station.schema*.bak")), "the copy made before the upgrade"
    assert list(data.glob("station.before-encryption.*.bak")), "the checked copy made before the encryption"
    assert watch.steps, "the progress dialog was shown while the upgrade ran"
    for step in watch.steps:  # while the upgrade runs: the dialog is up, modal, with no cancel button
        assert step["visible"] and step["modality"] == Qt.WindowModality.ApplicationModal and step["buttons"] == []
    assert "副本" in watch.steps[0]["label"] and "请勿关闭电脑" in watch.steps[0]["label"]
    assert watch.steps[-1]["value"] == watch.steps[-1]["maximum"] > 0  # the copy went to its end
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))


def test_rows_worked_out_by_older_rules_are_worked_out_again_with_a_progress_dialog(app, qtbot, tmp_path):
    """A version whose rules read a case otherwise (deadlines.RULES_VERSION) works every settled row out again at
    its first open: seconds at 100,000 applications, so the window shows it, and no copy is made (no schema step)."""
    from desktop.records.db import upgrade_of
    from tests.conftest import TEST_SETTINGS
    from desktop.services import open_services
    from helpers.records import application, resident_id

    data = provided(tmp_path / "d")
    services = open_services(data)
    services.station.update_settings(TEST_SETTINGS)
    for n in (1, 3, 5):
        services.station.store.save("application", application(name=f"王{n}", id_number=resident_id(sequence=f"00{n}")),
                                    user="李明")
    services.close()
    db = open_database(data / DATABASE_FILE)
    with write_transaction(db) as conn:
        conn.execute("UPDATE plan_basis SET value = 'an older version' WHERE name = 'periods'")
        conn.execute("DELETE FROM plan_rows")
    db.conn.close()
    assert upgrade_of(data / DATABASE_FILE) == "rows" and not needs_upgrade(data / DATABASE_FILE)
    watch = DialogWatch()
    app.installEventFilter(watch)
    try:
        assert upgrade_with_progress(data, TaskRunner(data)) is True
    finally:
        app.removeEventFilter(watch)
    assert upgrade_of(data / DATABASE_FILE) is None
    assert "规则" in watch.steps[0]["label"] and watch.steps[-1]["value"] == watch.steps[-1]["maximum"] > 0
    db = open_database(data / DATABASE_FILE)
    assert db.execute("SELECT count(*) FROM plan_rows").fetchone()[0] == 3  # every application's row again
    db.conn.close()
    assert not list(data.glob("station.schema*.bak"))


def test_a_current_or_new_database_needs_nothing(qtbot, tmp_path):
    assert upgrade_with_progress(tmp_path / "empty", TaskRunner(tmp_path / "empty")) is False  # made on open
    db = open_database(provided(tmp_path / "d") / DATABASE_FILE)
    db.conn.close()
    assert upgrade_with_progress(tmp_path / "d", TaskRunner(tmp_path / "d")) is False


def test_an_older_versions_clear_scans_are_sealed_with_a_progress_dialog(app, qtbot, tmp_path):
    data = provided(tmp_path / "d")
    open_database(data / DATABASE_FILE).conn.close()
    vault = Vault.of_station(data)
    scans = [b"%PDF-1.4\n" + f"身份证号 110101199003071234 第{i}页\n".encode() * 40_000 for i in range(3)]
    names = []
    for scan in scans:  # what an older version left: the scans in clear under their hash, and no mark
        names.append(hashlib.sha256(scan).hexdigest())
        vault.path_for(names[-1]).write_bytes(scan)
    (vault.root / SEALED_MARK).unlink()
    watch = DialogWatch()
    app.installEventFilter(watch)
    try:
        assert upgrade_with_progress(data, TaskRunner(data)) is True
    finally:
        app.removeEventFilter(watch)
    assert not Vault.needs_sealing_in(data)
    for name, scan in zip(names, scans):
        assert is_sealed(vault.path_for(name)) and vault.read_bytes(name) == scan
    assert "加密" in watch.steps[0]["label"] and "请勿关闭电脑" in watch.steps[0]["label"]
    assert watch.steps[-1]["value"] == watch.steps[-1]["maximum"] == sum(len(s) for s in scans)
    assert upgrade_with_progress(data, TaskRunner(data)) is False  # done once
