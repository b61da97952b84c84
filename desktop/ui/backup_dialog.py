"""Backups in the app: "Back up now", the list of backups with restore, and the daily automatic backup.

Every backup, check and restore runs in a task (desktop.ui.tasks) on a connection of its own
(desktop.records.backup opens it); the UI's connection never leaves the UI thread.

Restoring: the chosen backup is checked first, with the station's data untouched. When the clerk
confirms, the main window closes its own connection (`close_for_restore`: unsaved forms are saved
or discarded first, timers stop), the worker puts the backup in place, and the program says it will
close and asks the clerk to start it again, then closes. A fresh start is what guarantees that no
page still shows, or saves over, what was there before the restore.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QProgressDialog, QPushButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.records.backup import (BackupCancelled, BackupInfo, Problem, RestoreInfo, backup_folder, backup_if_due,
                                    backup_station, list_backups, restore_backup, verify_backup)
from desktop.records.errors import StorageError, UserFacingError

from .i18n import core_text, issue_text
from .messages import Button, MessageBoxes
from .tasks import Task
from .workstation import Workstation

PROGRESS_STEPS = 1000
DAILY_CHECK_MS = 60 * 60 * 1000  # is a backup due? every hour while the program runs
FIRST_CHECK_MS = 60 * 1000  # and a minute after the start, once the clerk is at work


def backup_text(message: str, params: dict[str, Any] | None = None) -> str:
    """A core backup message in the interface language (its problem, if any, translated too)."""
    values = {k: core_text("Backup", v.message, v.params) if isinstance(v, Problem) else v
              for k, v in (params or {}).items()}
    return core_text("Backup", message, values)


def error_text(error: BaseException) -> str:
    if isinstance(error, StorageError):
        return core_text("Storage", error.message, error.params)
    if isinstance(error, UserFacingError):
        return backup_text(error.message, error.params)
    return str(error)


def _scaled(progress) -> Callable[[int, int], None]:
    """Bytes become steps of a thousand: a Qt int signal cannot carry more than 2 GB."""
    return lambda done, total: progress(int(PROGRESS_STEPS * done / total) if total else 0, PROGRESS_STEPS)


class StationBackups(QObject):
    """The station's backups as the main window offers them: back up now, restore, the daily backup."""

    backupMade = Signal(object)  # BackupInfo
    listed = Signal(object)  # list[BackupInfo], from refresh()
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

    def stop(self) -> None:
        """No more automatic backups; a running backup is cancelled (it leaves nothing behind)."""
        self._timer.stop()
        self._first_check.stop()
        if self.task is not None:
            self.task.cancel()

    def check_daily(self) -> Task | None:
        """Make a backup in the background when the last one is older than a day; silent unless it fails."""
        if self._busy or self._closed:
            return None
        data_dir, settings = self.data_dir, self.services.station.settings

        def work(job) -> BackupInfo | None:
            return backup_if_due(data_dir, settings, cancelled=job.cancelled)

        return self._run(work, self._daily_done, self._daily_failed)

    def _daily_done(self, info: BackupInfo | None) -> None:
        if info is None:
            return
        self._warned = False
        text = self.tr("Daily backup made: %1").replace("%1", self.describe(info))
        if info.warnings:
            text += " " + " ".join(backup_text(w.message, w.params) for w in info.warnings)
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
            self._warned = False
            self.status(self.tr("Backup made: %1").replace("%1", self.describe(info)))
            text = (self.tr("The backup was made and checked:\n%1\n\nIt is in %2.")
                    .replace("%1", self.describe(info)).replace("%2", str(info.path)))
            for copy in info.copies:
                text += "\n" + self.tr("A copy is in %1.").replace("%1", str(copy))
            self.backupMade.emit(info)
            if info.warnings:
                MessageBoxes.warn(parent, self.tr("Backup"), text,
                                  "\n".join(backup_text(w.message, w.params) for w in info.warnings))
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
        """List the backups in `folders` (default: the station's folders) on a worker; `listed` brings them."""
        folders = folders or self.folders()

        def work(_job) -> list[BackupInfo]:
            found = [info for folder in folders for info in list_backups(folder)]
            return sorted(found, key=lambda info: info.when, reverse=True)

        return self._run(work, self.listed.emit, lambda _error: self.listed.emit([]), exclusive=False)

    def restore(self, backup: BackupInfo, parent: QWidget | None = None) -> Task | None:
        """Check `backup`, ask, close the station's connection, restore on a worker, then close the program."""
        parent = parent or self.window
        if self._busy:
            MessageBoxes.inform(parent, self.tr("Restore"), self.tr("A backup is being made. Wait until it is finished."))
            return None
        dialog = self._progress_dialog(parent, self.tr("Checking the backup..."))

        def work(job) -> list[str]:
            return verify_backup(backup.path, _scaled(job.progress), job.cancelled)

        def checked(problems: list[str]) -> None:
            dialog.reset()
            if problems:
                MessageBoxes.warn(parent, self.tr("Restore"),
                                  self.tr("This backup is damaged and cannot be restored. Nothing was changed; choose another backup."),
                                  "\n".join(backup_text(p.message, p.params) if isinstance(p, Problem) else p
                                            for p in problems[:20]))
                return
            self._confirm_and_restore(backup, parent)

        def failed(error: BaseException) -> None:
            dialog.reset()
            if not isinstance(error, BackupCancelled):
                MessageBoxes.warn(parent, self.tr("Restore"), self.tr("The backup could not be checked."), error_text(error))

        task = self._run(work, checked, failed, lambda done_, _total: dialog.setValue(done_))
        dialog.canceled.connect(task.cancel)
        return task

    def _confirm_and_restore(self, backup: BackupInfo, parent: QWidget) -> None:
        when = backup.when.strftime("%Y-%m-%d %H:%M")
        answer = MessageBoxes.ask(parent, self.tr("Restore"), self.tr(
            "Restore the backup of %1?\n\n%2\n\nEverything recorded after %1 will no longer be in the program. "
            "The current database is kept in the data folder (station.db.before-restore-...). "
            "The program closes after the restore; then start it again.")
            .replace("%1", when).replace("%2", self.describe(backup)))
        if answer != Button.Yes:
            return
        if not self.close_for_restore():  # the clerk kept a form open with unsaved changes
            return
        self._closed = True
        self.stop()
        data_dir = self.data_dir
        dialog = self._progress_dialog(parent, self.tr("Restoring the backup..."), cancellable=False)
        dialog.setRange(0, 0)  # busy: the copy is one file, then the attachment files

        def work(_job) -> RestoreInfo:
            return restore_backup(backup.path, data_dir, check=False)  # checked just above

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


class BackupDialog(QDialog):
    """The backups: where they go and how many are kept, the list (date, size, records), restore."""

    COLUMNS = 6

    def __init__(self, backups: StationBackups, parent: QWidget | None = None):
        super().__init__(parent)
        self.backups = backups
        self.station = backups.services.station
        self.other_folder: Path | None = None
        self.shown: list[BackupInfo] = []
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Backups"))
        self.resize(820, 520)

        self.folder = self._folder_edit("backup_folder", self.tr("Backup folder"))
        self.folder.setPlaceholderText(str(backup_folder(self.station.data_dir, replace(self.station.settings, backup_folder=""))))
        self.removable = self._folder_edit("backup_removable", self.tr("Second backup folder"))
        self.removable.setPlaceholderText(self.tr("Optional: a folder on a USB drive that gets a copy of each backup"))
        self.keep = QSpinBox(self)
        self.keep.setObjectName("backup_keep")
        self.keep.setAccessibleName(self.tr("Backups kept"))
        self.keep.setRange(1, 365)
        self.errors = QLabel(self)
        self.errors.setObjectName("backup_settings_errors")
        self.errors.setStyleSheet("color: #c0392b;")
        self.errors.setWordWrap(True)
        save = QPushButton(self.tr("Save backup settings"), self)
        save.setObjectName("save_backup_settings")
        save.setAutoDefault(False)
        save.clicked.connect(self.save_settings)
        form = QFormLayout()
        form.addRow(self.tr("Backup folder"), self._with_chooser(self.folder))
        form.addRow(self.tr("Backups kept"), self.keep)
        form.addRow(self.tr("Second backup folder"), self._with_chooser(self.removable))

        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("backup_list")
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Size (MB)"), self.tr("Consultations"),
                                              self.tr("Applications"), self.tr("Attachment files"), self.tr("Folder")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(self.COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.empty = QLabel(self)
        self.empty.setObjectName("backup_list_status")

        self.back_up_button = QPushButton(self.tr("Back up now"), self)
        self.back_up_button.setObjectName("back_up_now")
        self.back_up_button.clicked.connect(lambda: self.backups.back_up_now(self))
        self.restore_button = QPushButton(self.tr("Restore..."), self)
        self.restore_button.setObjectName("restore_backup")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        other = QPushButton(self.tr("Backups in another folder..."), self)
        other.setObjectName("other_backup_folder")
        other.clicked.connect(self._choose_other_folder)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        for button in (self.back_up_button, self.restore_button, other, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.restore_button, other):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        backups.listed.connect(self._show)
        backups.backupMade.connect(self._backup_made)
        self.load_settings()
        self.refresh()

    def _folder_edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(500)
        return edit

    def _with_chooser(self, edit: QLineEdit) -> QHBoxLayout:
        choose = QPushButton(self.tr("Choose..."), self)
        choose.setObjectName(f"choose_{edit.objectName()}")
        choose.setAutoDefault(False)
        choose.clicked.connect(lambda: self._choose_folder(edit))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(choose)
        return row

    def _choose_folder(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, edit.accessibleName(), edit.text() or edit.placeholderText())
        if folder:
            edit.setText(folder)

    def _choose_other_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backups in another folder"))
        if folder:
            self.other_folder = Path(folder)
            self.refresh()

    # -- settings -------------------------------------------------------------------------------

    def load_settings(self) -> None:
        s = self.station.settings
        self.folder.setText(s.backup_folder)
        self.keep.setValue(s.backup_keep)
        self.removable.setText(s.backup_removable)

    def save_settings(self) -> bool:
        settings = replace(self.station.settings, backup_folder=self.folder.text().strip(),
                           backup_keep=self.keep.value(), backup_removable=self.removable.text().strip())
        issues = [i for i in settings.issues() if i.field.startswith("backup_")]
        if issues:
            self.errors.setText("\n".join(issue_text(i) for i in issues))
            return False
        try:
            self.station.update_settings(settings)
        except StorageError as error:
            MessageBoxes.warn(self, self.tr("Not saved"), error_text(error))
            return False
        self.errors.setText("")
        self.refresh()
        return True

    # -- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        folders = self.backups.folders() + ([self.other_folder] if self.other_folder else [])
        self.empty.setText(self.tr("Looking for backups..."))
        self.backups.refresh(folders)

    def _backup_made(self, _info: BackupInfo) -> None:
        self.refresh()

    def _show(self, backups: list[BackupInfo]) -> None:
        self.shown = list(backups)
        self.table.setRowCount(len(self.shown))
        for row, info in enumerate(self.shown):
            if info.readable:
                values = [info.when.strftime("%Y-%m-%d %H:%M"), f"{info.size_bytes / (1024 * 1024):,.1f}",
                          str(info.count("consultations")), str(info.count("applications")), str(info.objects)]
            else:
                values = [info.name, self.tr("damaged"), "", "", ""]
            for column, value in enumerate([*values, str(info.path.parent)]):
                item = QTableWidgetItem(value)
                if 0 < column < self.COLUMNS - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.empty.setText("" if self.shown else self.tr("No backups yet. The first is made automatically "
                                                           "within a minute of starting, or now with \"Back up now\"."))
        if self.shown:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.shown[min(rows)] if rows else None

    def _selection_changed(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.readable)

    def restore_selected(self) -> Task | None:
        info = self.selected()
        if info is None or not info.readable:
            return None
        return self.backups.restore(info, self)
