"""USB bundles from the File menu: export what the county has not acknowledged, import the county's reply.

The same exchange as `python -m desktop export-bundle | import-bundle` (sync.bundle does the work):
a file dialog (the last folder is remembered), the work in a task on its own database connection
and a progress dialog, then a plain summary, or the bundle's refusal in Chinese where it happened.
An import is followed by what follows a sync round (`after_import`); the views follow what it wrote
through the change notifications.

Tests replace `BundleDialogs.file_responder` (it gets the QFileDialog and returns a path or None)
and `settings_factory`, as they do for printing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog, QWidget

from sync.errors import SYNC

from .i18n import core_text, error_text
from .messages import Button, MessageBoxes
from .sync_controller import megabytes
from .tasks import Task
from .workstation import Workstation

log = logging.getLogger(__name__)

BUNDLE_SUFFIX, REPLY_SUFFIX = "bundle", "reply"  # as the README and the CLIs name them
LAST_FOLDER_KEY = "bundles/last_folder"
PROGRESS_STEPS = 1000
settings_factory: Callable[[], QSettings] = QSettings  # tests hand in their own file


class BundleDialogs:
    """The file dialogs of the exchange; tests set `file_responder` instead of showing them."""

    file_responder: Callable[[QFileDialog], str | Path | None] | None = None  # tests answer the dialog

    @classmethod
    def choose(cls, parent: QWidget | None, title: str, folder: str, name_filter: str, *, save: bool,
               suggested: str = "", suffix: str = "") -> Path | None:
        """A file to write (`save`) or to read; None: cancelled."""
        dialog = QFileDialog(parent, title, folder)
        dialog.setObjectName("bundle_file_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(name_filter)
        if suffix:
            dialog.setDefaultSuffix(suffix)
        if suggested:
            dialog.selectFile(suggested)
        try:
            if cls.file_responder is not None:
                answer = cls.file_responder(dialog)
                return Path(answer) if answer else None
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            if shiboken6.isValid(dialog):
                dialog.hide()
                shiboken6.delete(dialog)


class BundleExchange(QObject):
    """The File menu's 导出同步数据包到U盘… and 导入县中心回复包…, one at a time."""

    finished = Signal(object)  # the ExportResult / RoundResult, or the exception (a cancel is BundleError "cancelled")

    def __init__(self, workstation: Workstation, window: QWidget, after_import: Callable[[Any], None]):
        super().__init__(window)
        self.workstation = workstation
        self.services = workstation.services
        self.window = window
        self.after_import = after_import
        self.task: Task | None = None
        self.dialog: QProgressDialog | None = None
        self.last_message = ""  # the summary or refusal last shown (tests and the log)

    def busy(self) -> bool:
        return self.task is not None

    # -- where -----------------------------------------------------------------------------------

    def last_folder(self) -> str:
        folder = settings_factory().value(LAST_FOLDER_KEY, "")
        if folder and Path(str(folder)).is_dir():
            return str(folder)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)

    def _remember(self, path: Path) -> None:
        settings = settings_factory()
        settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        settings.sync()

    def suggested_name(self) -> str:
        """e.g. TS01-2026-11-30.bundle: the station and the day, so a stick can carry several."""
        return f"{self.services.station.settings.station_code}-{date.today().isoformat()}.{BUNDLE_SUFFIX}"

    # -- export ----------------------------------------------------------------------------------

    def export_to_usb(self) -> Task | None:
        """Ask where, then write every change (and material file) the county has not acknowledged."""
        if self.busy():
            return None
        title = self.tr("Export sync bundle")
        from sync.bundle import BundleError, check_can_export

        try:
            check_can_export(self.services.station.db)
        except BundleError as refused:  # not enrolled or revoked: say so before asking where to write
            self._report(title, core_text(SYNC, refused.message, refused.params), warn=True)
            return None
        path = BundleDialogs.choose(self.window, title, self.last_folder(),
                                    self.tr("Sync bundles (*.%1)").replace("%1", BUNDLE_SUFFIX), save=True,
                                    suggested=self.suggested_name(), suffix=BUNDLE_SUFFIX)
        if path is None:
            return None
        self._remember(path)
        services, station_code = self.services, self.services.station.settings.station_code
        vault = services.vault
        user = self.workstation.current_user()

        def work(job):
            from sync.bundle import export_bundle

            return export_bundle(job.db, services.key, station_code, path, vault=vault,
                                 progress=job.progress, cancelled=job.cancelled, user=user)

        def done(result) -> None:
            text = (self.tr("Exported %1 change(s) and %2 material file(s) (%3 MB) to %4.")
                    .replace("%1", str(result.changes)).replace("%2", str(result.files))
                    .replace("%3", megabytes(result.file_bytes)).replace("%4", str(result.path)))
            if result.changes or result.files:
                text += "\n" + self.tr("Take it to the county; bring back the county's reply bundle and import it "
                                   "here (File, Import county reply bundle). Until then everything stays waiting "
                                   "to sync.")
            else:  # still worth carrying: the county's reply brings its new decisions
                text += "\n" + self.tr("Nothing is waiting to be sent. Take it to the county anyway: its reply "
                                   "bundle brings the county's new decisions and the roster.")
            detail = ""
            if result.damaged:
                detail = self.tr("%1 material file(s) were left out: they no longer match their signature. "
                             "Check them in Tools, Check all materials.").replace("%1", str(len(result.damaged)))
            self._report(title, text, detail, warn=bool(result.damaged))

        return self._run(work, done, title, path, self.tr("Writing the sync bundle..."), cancellable=True)

    # -- import ----------------------------------------------------------------------------------

    def import_reply(self) -> Task | None:
        """Ask for the county's reply bundle and apply it as a sync round would."""
        if self.busy():
            return None
        title = self.tr("Import county reply bundle")
        name_filter = (self.tr("County reply bundles (*.%1)").replace("%1", REPLY_SUFFIX) + ";;"
                       + self.tr("All files (*)"))
        path = BundleDialogs.choose(self.window, title, self.last_folder(), name_filter, save=False)
        if path is None:
            return None
        self._remember(path)
        services, station_code = self.services, self.services.station.settings.station_code

        def work(job):
            from sync.bundle import import_reply

            return import_reply(job.db, services.key, station_code, path, vault=services.vault)

        def done(result) -> None:
            text = (self.tr("Imported the county's reply: %1 change(s) acknowledged, %2 county decision(s) received.")
                    .replace("%1", str(result.accepted + result.duplicates)).replace("%2", str(result.events)))
            if result.already_imported:
                text = self.tr("This reply bundle was imported before; nothing new in it.")
            lines = []
            if result.complaint_steps:
                lines.append(self.tr("%1 step(s) of the county center's handling of complaints (see Complaints).")
                             .replace("%1", str(result.complaint_steps)))
            if result.files_sent:
                lines.append(self.tr("The county now holds %1 material file(s) carried by the bundle.")
                             .replace("%1", str(result.files_sent)))
            if result.quarantined:
                lines.append(self.tr("%1 change(s) were returned by the county: fix them in the record "
                                 "(see the County page).").replace("%1", str(result.quarantined)))
            if result.pending:
                lines.append(self.tr("%1 change(s) are still waiting to be sent.").replace("%1", str(result.pending)))
            self.after_import(result)
            self._report(title, text, "\n".join(lines), warn=bool(result.quarantined))

        return self._run(work, done, title, path, self.tr("Importing the county's reply..."), cancellable=False,
                         writes=True)

    # -- a new laptop: the station rebuilt from the county -----------------------------------------

    def recover_from_county(self) -> Task | None:
        """After asking: every record, version and material file this station sent, back from the county
        (sync.recovery); refused while anything here is unsent."""
        from sync.recovery import can_recover
        from sync.state import is_enrolled

        if self.busy():
            return None
        title = self.tr("Recover this station from the county")
        db = self.services.station.db
        if not is_enrolled(db):
            self._report(title, self.tr("Enroll this laptop with the county first (Settings), with the station's "
                                        "code and a new enrollment code from the county."), warn=True)
            return None
        if not can_recover(db):
            self._report(title, self.tr("This laptop has records the county does not have yet: sync first, "
                                        "then recover."), warn=True)
            return None
        if MessageBoxes.ask(self.window, title, self.tr(
                "Fetch every record, version and material file this station has sent to the county into this "
                "laptop? Use it on a new laptop after the old one was lost, or after restoring an older backup. "
                "Nothing here is removed.")) != Button.Yes:
            return None
        services, data_dir = self.services, self.services.station.data_dir

        def work(job):
            from sync.recovery import recover_from_county

            worker = services.on_connection(job.db)
            return recover_from_county(worker.sync_engine(), worker.station.store, worker.vault,
                                       progress=job.progress)

        def done(result) -> None:
            text = (self.tr("Recovered %1 change(s): %2 consultation(s) and application(s), %3 material file(s).")
                    .replace("%1", str(result.changes)).replace("%2", str(result.records))
                    .replace("%3", str(result.files)))
            detail = ""
            if result.missing_files:
                detail = self.tr("The county has no complete copy of %1 material file(s); they are listed as "
                                 "missing in Tools, Check all materials.").replace("%1", str(len(result.missing_files)))
            self.after_import(result)
            self._report(title, text, detail, warn=bool(result.missing_files))

        return self._run(work, done, title, data_dir, self.tr("Fetching this station's records from the county..."),
                         cancellable=False)

    # -- running ---------------------------------------------------------------------------------

    def _run(self, work, done: Callable[[Any], None], title: str, path: Path, label: str, *,
             cancellable: bool, writes: bool = False) -> Task:
        """`work` with a progress dialog; on the write lane when it `writes` and is local (a reply bundle), on
        the pool when it reads or waits on the network (an export, a recovery from the county)."""
        dialog = QProgressDialog(label, self.tr("Cancel") if cancellable else "", 0, PROGRESS_STEPS, self.window)
        dialog.setObjectName("bundle_progress")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
            dialog.setRange(0, 0)  # a busy bar: one transaction, nothing to count
        self.dialog = dialog

        def progress(done_bytes: int, total: int) -> None:
            if total > 0 and self.dialog is not None:
                self.dialog.setValue(min(PROGRESS_STEPS - 1, int(PROGRESS_STEPS * done_bytes / total)))

        def finish(callback, value) -> None:
            self.task = None
            self._close_dialog()
            callback(value)
            self.finished.emit(value)

        failed = self._failed(title, path)
        tasks = self.workstation.tasks
        task = (tasks.write if writes else tasks.run)(work, lambda result: finish(done, result),
                                                      lambda error: finish(failed, error), progress)
        if not task.is_done():  # (a synchronous runner has finished it already)
            self.task = task
            if cancellable:
                dialog.canceled.connect(task.cancel)
        return task

    def _close_dialog(self) -> None:
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = None

    def _failed(self, title: str, path: Path) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            from sync.bundle import BundleError

            if isinstance(error, BundleError) and error.code == "cancelled":
                self.last_message = self.tr("Export cancelled: nothing was written.")
                return  # the clerk asked for it: no box
            from sync.errors import SyncError

            if isinstance(error, (BundleError, SyncError)):
                text = core_text(SYNC, error.message, error.params)  # the refusal, in the clerk's words
            elif isinstance(error, OSError):
                where = error.filename or path  # a USB stick pulled out, full or read-only
                text = (self.tr("Cannot write or read %1: %2").replace("%1", str(where))
                        .replace("%2", error_text(error)))
            else:
                log.error("bundle exchange failed: %r", error)
                text = self.tr("The bundle could not be handled: %1").replace("%1", error_text(error))
            self._report(title, text, warn=True)
        return failed

    def _report(self, title: str, text: str, detail: str = "", *, warn: bool = False) -> None:
        self.last_message = text + ("\n" + detail if detail else "")
        if warn:
            MessageBoxes.warn(self.window, title, text, detail)
        else:
            MessageBoxes.inform(self.window, title, self.last_message)
