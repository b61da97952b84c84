"""Backups in the app: "Back up now", restore, and the automatic backup after real work (its dialog: backup_dialog.py).

Every backup, check and restore runs in a task (desktop.ui.tasks) on a connection of its own
(desktop.records.backup opens it); the UI's connection never leaves the UI thread.

Restoring: the chosen backup is checked first, with the station's data untouched. When the clerk
confirms, the main window closes its own connection (`close_for_restore`: unsaved forms are saved
or discarded first, timers stop), the worker puts the backup in place, and the program says it will
close and asks the clerk to start it again, then closes. A fresh start is what guarantees that no
page still shows, or saves over, what was there before the restore.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.records.backup import (FIRST_BACKUP_CHANGES, OTHER_STATION_HOW, BackupCancelled, BackupError,
                                    BackupInfo, LastBackup, Problem, RestoreInfo, backup_due, backup_folder,
                                    backup_if_due, backup_station, changes_since, check_own_station, history_mark,
                                    last_backup, list_backups, restore_backup, verify_backup)
from desktop.records.changes import ATTACHMENTS, RECORDS, SETTINGS
from desktop.records.signin import RESTORE

from .backup_dialog import PROGRESS_STEPS, BackupDialog
from .i18n import core_text, error_text
from .messages import Button, MessageBoxes
from .tasks import Task
from .workstation import Workstation

DAILY_CHECK_MS = 60 * 60 * 1000  # is a backup due? every hour while the program runs
FIRST_CHECK_MS = 60 * 1000  # and a minute after the start, once the clerk is at work


def _scaled(progress) -> Callable[[int, int], None]:
    """Bytes become steps of a thousand: a Qt int signal cannot carry more than 2 GB."""
    return lambda done, total: progress(int(PROGRESS_STEPS * done / total) if total else 0, PROGRESS_STEPS)


class StationBackups(QObject):
    """The station's backups as the main window offers them: back up now, restore, the automatic backup.

    Once started (`start_daily`, the program's start) the automatic backup runs after real work: the
    first as soon as FIRST_BACKUP_CHANGES changes are saved (it follows the saves, not a timer), then once
    a day while there is new work (checked a minute after the start and hourly), and before the program
    closes when some work is in no backup yet (`back_up_before_closing`).
    """

    backupMade = Signal(object)  # BackupInfo
    listed = Signal(object)  # list[BackupInfo], from refresh()
    listFailed = Signal(str)  # after `listed`: what could not be listed and why, in the interface language
    restoreFinished = Signal(object)  # RestoreInfo, or the exception when it did not happen

    def __init__(self, workstation: Workstation, window: QWidget, *, status: Callable[[str], None] | None = None,
                 close_for_restore: Callable[[], bool] | None = None):
        super().__init__(window)
        self.workstation = workstation
        self.services = workstation.services
        self.window = window
        self.status = status or (lambda _text: None)
        self.close_for_restore = close_for_restore or (lambda: True)
        self.quit_application: Callable[[], Any] = window.close  # after a restore (tests replace it)
        self.task: Task | None = None
        self.dialog: BackupDialog | None = None
        self._busy = False
        self._warned = False
        self._closed = False
        self._started = False
        self._last: LastBackup | None = None  # the newest backup in the station's folder, once read
        self._last_read = False
        self._timer = QTimer(self)
        self._timer.setObjectName("daily_backup_timer")
        self._timer.setInterval(DAILY_CHECK_MS)
        self._timer.timeout.connect(self.check_daily)
        self._first_check = QTimer(self)
        self._first_check.setObjectName("first_backup_check")
        self._first_check.setSingleShot(True)
        self._first_check.timeout.connect(self.check_daily)
        app = QCoreApplication.instance()
        if app is not None:  # no backup starts once the program is closing (its runner cancels a running one)
            app.aboutToQuit.connect(self.stop)

    # -- where and what ------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self.services.station.data_dir

    def folders(self) -> list[Path]:
        """The backup folder, then the second one (USB drive) when it is set."""
        settings = self.services.station.settings
        found = [backup_folder(self.data_dir, settings)]
        if settings.backup_removable.strip():
            found.append(Path(settings.backup_removable.strip()))
        return found

    def busy(self) -> bool:
        return self._busy

    def describe(self, info: BackupInfo) -> str:
        return (self.tr("%1, %2 MB: %3 consultations, %4 applications, %5 attachment files")
                .replace("%1", info.when.strftime("%Y-%m-%d %H:%M")).replace("%2", f"{info.size_bytes / (1024 * 1024):,.1f}")
                .replace("%3", str(info.count("consultations"))).replace("%4", str(info.count("applications")))
                .replace("%5", str(info.objects)))

    def show_dialog(self) -> "BackupDialog":
        """The backups dialog (one per window), brought up to date."""
        if self.dialog is None:
            self.dialog = BackupDialog(self, self.window)
        else:
            self.dialog.load_settings()
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    # -- the daily backup ------------------------------------------------------------------------

    def start_daily(self, first_check_ms: int = FIRST_CHECK_MS) -> None:
        self._timer.start()
        self._first_check.start(first_check_ms)
        if not self._started:
            self._started = True
            self.workstation.changes.listen(self, self._after_work, RECORDS, ATTACHMENTS)
            self.workstation.changes.listen(self, self._forget_last, SETTINGS)  # another folder, another newest

    def changes_since_backup(self) -> tuple[LastBackup | None, int]:
        """The newest backup of the station's folder and the changes saved since (all when there is none)."""
        if not self._last_read:
            self._last, self._last_read = last_backup(backup_folder(self.data_dir, self.services.station.settings)), True
        return self._last, changes_since(history_mark(self.services.station.db), self._last)

    def _forget_last(self) -> None:
        self._last_read = False

    def _remember(self, info: BackupInfo) -> None:
        if info.path.parent == backup_folder(self.data_dir, self.services.station.settings):
            self._last, self._last_read = LastBackup(info.when, info.count("history")), True

    def _after_work(self) -> None:
        """A save: the first backup comes as soon as the work is worth one, not a day later."""
        if self._busy or self._closed:
            return
        last, changes = self.changes_since_backup()
        if backup_due(last, changes):
            self.check_daily()

    def back_up_before_closing(self, then: Callable[[], None]) -> bool:
        """Before the program closes: back up the work no backup holds yet, with progress, then `then()`.
        False (nothing started) when there is none, or the automatic backup was never started."""
        if not self._started or self._busy or self._closed or not backup_due(*self.changes_since_backup(),
                                                                              closing=True):
            return False
        data_dir, settings = self.data_dir, self.services.station.settings
        dialog = self._progress_dialog(self.window, self.tr("Backing up the work of this session before the "
                                                            "program closes..."))

        def work(job) -> BackupInfo | None:
            return backup_if_due(data_dir, settings, closing=True, progress=_scaled(job.progress),
                                 cancelled=job.cancelled)

        def done(info: BackupInfo | None) -> None:
            dialog.reset()
            if info is not None:
                self._remember(info)
            then()

        def failed(error: BaseException) -> None:
            dialog.reset()
            if not isinstance(error, BackupCancelled):
                MessageBoxes.warn(self.window, self.tr("Backup"),
                                  self.tr("The backup before closing could not be made; the work is safe in the "
                                          "station's database and is backed up at the next start."),
                                  error_text(error))
            then()

        task = self._run(work, done, failed, lambda done_, _total: dialog.setValue(done_))
        dialog.canceled.connect(task.cancel)
        return True

    def schedule_text(self) -> str:
        """When the automatic backup runs, and where this station stands (the backups dialog says it)."""
        last, changes = self.changes_since_backup()
        text = self.tr("Automatic backups: the first once %1 changes are saved, then once a day while there is "
                       "new work, and when the program closes with work no backup holds yet.") \
            .replace("%1", str(FIRST_BACKUP_CHANGES))
        if last is None:
            state = self.tr("No backup yet: %1 changes saved so far.").replace("%1", str(changes))
        else:
            state = (self.tr("Last backup %1; %2 changes saved since.")
                     .replace("%1", last.made.astimezone().strftime("%Y-%m-%d %H:%M")).replace("%2", str(changes)))
        return text + "\n" + state

    def stop(self) -> None:
        """No more automatic backups; a running backup is cancelled (it leaves nothing behind)."""
        self._timer.stop()
        self._first_check.stop()
        if self.task is not None:
            self.task.cancel()

    def check_daily(self) -> Task | None:
        """Make a backup in the background when one is due (`backup_due`); silent unless it fails."""
        if self._busy or self._closed:
            return None
        data_dir, settings = self.data_dir, self.services.station.settings

        def work(job) -> BackupInfo | None:
            return backup_if_due(data_dir, settings, cancelled=job.cancelled)

        return self._run(work, self._daily_done, self._daily_failed)

    def _daily_done(self, info: BackupInfo | None) -> None:
        if info is None:
            return
        self._remember(info)
        self._warned = False
        text = self.tr("Automatic backup made: %1").replace("%1", self.describe(info))
        if info.warnings:
            text += " " + " ".join(core_text("Backup", w.message, w.params) for w in info.warnings)
        self.status(text)
        self.backupMade.emit(info)

    def _daily_failed(self, error: BaseException) -> None:
        if isinstance(error, BackupCancelled):
            return
        self.status(self.tr("The daily backup failed."))
        if not self._warned:  # once, not every hour
            self._warned = True
            MessageBoxes.warn(self.window, self.tr("Backup"),
                              self.tr("The daily backup could not be made. The program tries again every hour."),
                              error_text(error))

    # -- back up now -------------------------------------------------------------------------------

    def back_up_now(self, parent: QWidget | None = None) -> Task | None:
        """A backup now, with progress and cancel; the outcome in a message box."""
        parent = parent or self.window
        if self._busy:
            MessageBoxes.inform(parent, self.tr("Backup"), self.tr("A backup is already being made. Wait until it is finished."))
            return None
        data_dir, settings = self.data_dir, self.services.station.settings
        dialog = self._progress_dialog(parent, self.tr("Making a backup..."))

        def work(job) -> BackupInfo:
            return backup_station(data_dir, settings, progress=_scaled(job.progress), cancelled=job.cancelled)

        def done(info: BackupInfo) -> None:
            dialog.reset()
            self._remember(info)
            self._warned = False
            self.status(self.tr("Backup made: %1").replace("%1", self.describe(info)))
            text = (self.tr("The backup was made and checked:\n%1\n\nIt is in %2.")
                    .replace("%1", self.describe(info)).replace("%2", str(info.path)))
            for copy in info.copies:
                text += "\n" + self.tr("A copy is in %1.").replace("%1", str(copy))
            self.backupMade.emit(info)
            if info.warnings:
                MessageBoxes.warn(parent, self.tr("Backup"), text,
                                  "\n".join(core_text("Backup", w.message, w.params) for w in info.warnings))
            else:
                MessageBoxes.inform(parent, self.tr("Backup"), text)

        def failed(error: BaseException) -> None:
            dialog.reset()
            if isinstance(error, BackupCancelled):
                self.status(self.tr("Backup cancelled; nothing was left behind."))
                return
            MessageBoxes.warn(parent, self.tr("Backup"), self.tr("The backup was not made."), error_text(error))

        task = self._run(work, done, failed, lambda done_, _total: dialog.setValue(done_))
        dialog.canceled.connect(task.cancel)
        return task

    # -- the list and restore ------------------------------------------------------------------------

    def refresh(self, folders: list[Path] | None = None) -> Task:
        """List the backups in `folders` (default: the station's folders) on a worker; `listed` brings them, those
        of the folders that could be read, then `listFailed` says what could not be listed."""
        folders = folders or self.folders()

        def work(_job) -> tuple[list[BackupInfo], list[BackupError]]:
            found, failures = [], []
            for folder in folders:
                try:
                    found.extend(list_backups(folder))
                except BackupError as error:  # a folder that cannot be read: the others are still listed
                    failures.append(error)
            return sorted(found, key=lambda info: info.when, reverse=True), failures

        def done(result: tuple[list[BackupInfo], list[BackupError]]) -> None:
            found, failures = result
            self.listed.emit(found)
            if failures:
                self.listFailed.emit("\n".join(error_text(error) for error in failures))

        def failed(error: BaseException) -> None:
            self.listed.emit([])
            self.listFailed.emit(error_text(error))

        return self._run(work, done, failed, exclusive=False)

    def restore(self, backup: BackupInfo, parent: QWidget | None = None) -> Task | None:
        """Check `backup`, ask, close the station's connection, restore on a worker, then close the program."""
        parent = parent or self.window
        if not self.workstation.session.allowed(parent, RESTORE):
            return None
        if self._busy:
            MessageBoxes.inform(parent, self.tr("Restore"), self.tr("A backup is being made. Wait until it is finished."))
            return None
        dialog = self._progress_dialog(parent, self.tr("Checking the backup..."))
        data_dir = self.data_dir

        def work(job) -> list[str]:
            check_own_station(backup.path, data_dir)  # another station's backup is said to be theirs, not damaged
            return verify_backup(backup.path, _scaled(job.progress), job.cancelled)

        def checked(problems: list[str]) -> None:
            dialog.reset()
            if problems:
                MessageBoxes.warn(parent, self.tr("Restore"),
                                  self.tr("This backup is damaged and cannot be restored. Nothing was changed; choose another backup."),
                                  "\n".join(core_text("Backup", p.message, p.params) if isinstance(p, Problem) else p
                                            for p in problems[:20]))
                return
            self._confirm_and_restore(backup, parent)

        def failed(error: BaseException) -> None:
            dialog.reset()
            if isinstance(error, BackupError) and error.kind == "other_station":
                MessageBoxes.warn(parent, self.tr("Restore"), core_text("Backup", error.message, error.params),
                                  core_text("Backup", OTHER_STATION_HOW, error.params))
            elif not isinstance(error, BackupCancelled):
                MessageBoxes.warn(parent, self.tr("Restore"), self.tr("The backup could not be checked."), error_text(error))

        task = self._run(work, checked, failed, lambda done_, _total: dialog.setValue(done_))
        dialog.canceled.connect(task.cancel)
        return task

    def _confirm_and_restore(self, backup: BackupInfo, parent: QWidget) -> None:
        when = backup.when.strftime("%Y-%m-%d %H:%M")
        self._busy = True  # no automatic backup starts while the clerk answers (it would read what is replaced)
        try:
            answer = MessageBoxes.ask(parent, self.tr("Restore"), self.tr(
                "Restore the backup of %1?\n\n%2\n\nEverything recorded after %1 will no longer be in the program. "
                "The current database is kept in the data folder (station.db.before-restore-...). "
                "The program closes after the restore; then start it again.")
                .replace("%1", when).replace("%2", self.describe(backup)))
        finally:
            self._busy = False
        if answer != Button.Yes:
            return
        if not self.close_for_restore():  # the clerk kept a form open with unsaved changes
            return
        self._closed = True
        self.stop()
        data_dir = self.data_dir
        dialog = self._progress_dialog(parent, self.tr("Restoring the backup..."), cancellable=False)
        dialog.setRange(0, 0)  # busy: the copy is one file, then the attachment files

        user = self.workstation.current_user()

        def work(_job) -> RestoreInfo:
            return restore_backup(backup.path, data_dir, check=False, user=user)  # checked just above

        def done(info: RestoreInfo) -> None:
            dialog.reset()
            text = self.tr("The backup of %1 was restored.").replace("%1", when)
            if info.previous is not None:
                text += " " + self.tr("The database it replaced is kept as %1.").replace("%1", str(info.previous))
            MessageBoxes.inform(parent, self.tr("Restore"),
                                text + "\n\n" + self.tr("The program will now close. Start it again to go on working."))
            self.restoreFinished.emit(info)
            self.quit_application()

        def failed(error: BaseException) -> None:
            dialog.reset()
            MessageBoxes.warn(parent, self.tr("Restore"),
                              self.tr("The backup was not restored. The program will now close; start it again."),
                              error_text(error))
            self.restoreFinished.emit(error)
            self.quit_application()

        self._run(work, done, failed, writes=True)

    # -- helpers --------------------------------------------------------------------------------

    def _run(self, work, done, failed, progress=None, *, exclusive: bool = True, writes: bool = False) -> Task:
        """A task, marking this busy while an `exclusive` one runs; the callbacks are skipped when the
        window has gone meanwhile (the program closed while a backup finished). A restore `writes` the
        station's database: the write lane; backups and checks only read it: the pool."""
        if exclusive:
            self._busy = True

        def finish(callback, value) -> None:
            if not shiboken6.isValid(self):
                return
            if exclusive:
                self._busy = False
                self.task = None
            callback(value)

        tasks = self.workstation.tasks
        task = (tasks.write if writes else tasks.run)(work, lambda result: finish(done, result),
                                                      lambda error: finish(failed, error), progress)
        if exclusive and not task.is_done():  # (a synchronous runner has finished it already)
            self.task = task
        return task

    def _progress_dialog(self, parent: QWidget, label: str, cancellable: bool = True) -> QProgressDialog:
        dialog = QProgressDialog(label, self.tr("Cancel") if cancellable else "", 0, PROGRESS_STEPS, parent)
        dialog.setObjectName("backup_progress")
        dialog.setWindowTitle(self.tr("Backup"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        if not cancellable:
            dialog.setCancelButton(None)
        return dialog
