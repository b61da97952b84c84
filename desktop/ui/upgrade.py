"""The first start after an update: the database is copied aside, then its schema upgraded, and an older
version's clear attachment files are sealed in place (desktop/records/vault_files.py), with a progress
dialog (at 100,000 records the copy takes seconds, a vault of scans minutes; a silent window looked like a
hang).

`upgrade_with_progress(data_dir, tasks)` runs the upgrade as a write task (it opens the database itself, to
follow the copy's progress, and closes it there) and returns when it is done; the caller then opens the station as usual. Errors are raised
here, on the UI thread, for the caller's "cannot open the station" message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog

from desktop.records.db import database_path, open_database, upgrade_of
from desktop.records.vault import Vault

from .tasks import TaskRunner, resume_collection


def upgrade_with_progress(data_dir: Path, tasks: TaskRunner) -> bool:
    """Upgrade the station's database and seal its vault's clear files if they need it, showing progress;
    False when nothing was needed."""
    path = database_path(data_dir)
    kind, vault = upgrade_of(path), Vault.needs_sealing_in(data_dir)  # (the database opened once to know)
    schema, refigure = kind == "schema", kind == "rows"
    database = schema or refigure
    if not database and not vault:
        return False
    resume_collection()  # off for a quick start (desktop/__main__.py): an upgrade may run for minutes
    label = (QCoreApplication.translate("Upgrade", "Updating the station's data for this version. A copy is kept "
                                                   "first; do not switch off the computer...") if schema else
             QCoreApplication.translate("Upgrade", "Working out the plan's figures and deadlines again by this "
                                                   "version's rules. Nothing recorded changes...") if refigure else
             QCoreApplication.translate("Upgrade", "Encrypting the attached materials (scans, photos) for this "
                                                   "version. Each file is checked and none is lost; do not switch "
                                                   "off the computer..."))
    dialog = QProgressDialog(label, "", 0, 0)
    dialog.setObjectName("upgrade_progress")
    dialog.setWindowTitle(QCoreApplication.translate("Upgrade", "Updating the data"))
    dialog.setCancelButton(None)  # half an upgrade is not a thing: it runs to its end
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    # two phases may each reach their end (an earlier version's file is encrypted, then its schema upgraded):
    # the dialog stays up until the whole upgrade is done, never hidden in between
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.show()
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def work(job):  # not job.db: that connection would migrate without saying how far the copy is
        if database:
            open_database(path, progress=job.progress).conn.close()
        if vault:
            Vault.of_station(data_dir).seal_clear_objects(job.progress)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    def finish(error: BaseException | None = None) -> None:
        outcome["error"] = error
        loop.quit()

    task = tasks.write(work, lambda _: finish(), finish, on_progress)
    if not task.is_done():  # (a synchronous runner has finished already)
        loop.exec()  # the task's signals are queued to this thread: they arrive inside this loop
    dialog.close()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    return True
