"""Checking every attachment of the station, with progress and cancel, off the UI thread."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.records.attachments import Verification, owner_label
from desktop.records.errors import StorageError
from desktop.records.ids import short_id

from .attachment_preview import verification_text
from .i18n import error_text
from .messages import MessageBoxes
from .tasks import Task
from .workstation import Workstation

PROGRESS_STEPS = 1000


class VerifyAll(QObject):
    """Runs Attachments.verify_all on a worker (its own connection) and reports the outcome."""

    def __init__(self, workstation: Workstation, parent: QWidget):
        super().__init__(parent)
        self.workstation = workstation
        self.services = workstation.services
        self.parent_widget = parent
        self.results: list[Verification] | None = None
        self.dialog = QProgressDialog(self.tr("Checking every attachment..."), self.tr("Cancel"), 0,
                                      PROGRESS_STEPS, parent)
        self.dialog.setObjectName("verify_progress")
        self.dialog.setWindowTitle(self.tr("Check materials"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.task: Task | None = None

    def start(self) -> "VerifyAll":
        services = self.services

        def work(job) -> list[Verification]:
            return services.on_connection(job.db).attachments.verify_all(job.progress, job.cancelled)

        self.task = self.workstation.tasks.run(work, self._done, self._failed, self._progress)
        self.dialog.canceled.connect(self.task.cancel)
        return self

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setValue(int(PROGRESS_STEPS * done / total) if total else PROGRESS_STEPS)

    def _done(self, results: list[Verification]) -> None:
        self.dialog.reset()
        self.results = results
        counts = Counter(r.status for r in results)
        summary = (self.tr("Checked %1 attachments: %2 intact, %3 tampered, %4 missing, %5 unsigned.")
                   .replace("%1", str(len(results))).replace("%2", str(counts["ok"]))
                   .replace("%3", str(counts["tampered"])).replace("%4", str(counts["missing"]))
                   .replace("%5", str(counts["unsigned"])))
        if self.task is not None and self.task.is_cancelled():
            summary = self.tr("Stopped before the end.") + " " + summary
        problems = [f"{self._record_label(r.attachment)}: {verification_text(r)}" for r in results if not r.ok]
        if problems:
            MessageBoxes.warn(self.parent_widget, self.tr("Check materials"), summary, "\n".join(problems[:30]))
        else:
            MessageBoxes.inform(self.parent_widget, self.tr("Check materials"), summary)

    def _record_label(self, attachment) -> str:
        try:
            return owner_label(self.services.station.store, attachment)
        except StorageError:
            return short_id(attachment.record_id)

    def _failed(self, error: BaseException) -> None:
        self.dialog.reset()
        MessageBoxes.warn(self.parent_widget, self.tr("Check materials"),
                          self.tr("The check could not run: %1").replace("%1", error_text(error)))
