"""The backups dialog (工具 → 备份与恢复): where backups go and how many are kept, the list, restore.

What the dialog asks is done by the station's StationBackups (station_backups.py): every backup, check
and restore runs in a task on a connection of its own; the UI's connection never leaves the UI thread.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desktop.records.backup import BackupInfo, backup_folder
from desktop.records.errors import StorageError

from . import i18n
from .i18n import issue_text
from .messages import MessageBoxes
from .tasks import Task

if TYPE_CHECKING:
    from .station_backups import StationBackups

PROGRESS_STEPS = 1000


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

        self.schedule = QLabel(self)  # when the automatic backup runs, and how much work waits for one
        self.schedule.setObjectName("backup_schedule")
        self.schedule.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.schedule)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        backups.listed.connect(self._show)
        backups.listFailed.connect(self._list_failed)
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
            MessageBoxes.warn(self, self.tr("Not saved"), i18n.error_text(error))
            return False
        self.errors.setText("")
        self.refresh()
        return True

    # -- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.schedule.setText(self.backups.schedule_text())
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
        if not self.shown:
            self.empty.setText(self.tr("No backups yet. The first is made automatically once there is work to keep "
                                       "(see above), or now with \"Back up now\"."))
        elif not all(info.readable for info in self.shown):
            self.empty.setText(self.tr("A backup marked damaged cannot be restored: its manifest.json is missing or "
                                       "damaged. The others can."))
        else:
            self.empty.setText("")
        if self.shown:
            self.table.selectRow(0)
        self._selection_changed()

    def _list_failed(self, text: str) -> None:
        """Said under the list, in place of "No backups yet": an empty list would be a wrong answer."""
        self.empty.setText(self.tr("Not every backup could be listed:") + "\n" + text)

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
