"""A record open for entry or editing: its form, its history and the void action."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QListWidget, QListWidgetItem, QPushButton, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop.records.errors import StorageError, ValidationFailed, VersionConflict
from desktop.records.fields import field_map

from desktop.services import Services

from .attachments_panel import AttachmentsPanel
from .i18n import core_text, field_label, issue_text
from .messages import MessageBoxes, TextPrompt
from .record_form import RecordForm


class RecordEditor(QWidget):
    """Wraps a RecordForm with a back button, the history panel and voiding."""

    backRequested = Signal()
    changed = Signal()  # a record was saved or voided: lists refresh

    def __init__(self, form: RecordForm, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.attachments = AttachmentsPanel(services, form.record_type, form.current_user, self)
        self.attachments.attached.connect(form.material_attached)
        self.back_button = QPushButton(self.tr("Back to the list"), self)
        self.back_button.setObjectName("back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.backRequested)
        self.void_button = QPushButton(self.tr("Void..."), self)
        self.void_button.setObjectName("void")
        self.void_button.setAutoDefault(False)
        self.void_button.clicked.connect(self.void_record)
        form.top_bar.insertWidget(0, self.back_button)
        form.extra_actions.insertWidget(0, self.void_button)

        self.history = QListWidget(self)
        self.history.setObjectName("history")
        self.history.setAccessibleName(self.tr("History"))
        self.history.setWordWrap(True)
        side = QTabWidget(self)
        side.setObjectName("side_tabs")
        side.addTab(self.attachments, self.tr("Materials"))
        side.addTab(self.history, self.tr("History"))
        self.side_tabs = side

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(form)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        form.saved.connect(self._after_save)
        self.refresh_history()

    def _after_save(self, _saved: object) -> None:
        self.refresh_history()
        self.changed.emit()

    def refresh_history(self) -> None:
        self.history.clear()
        record = self.form.record
        if self.attachments.record_id != (record.id if record else None):
            self.attachments.set_record(record.id if record else None, read_only=bool(record and record.voided))
        self.void_button.setEnabled(record is not None and not record.voided)
        if record is None:
            self.history.addItem(self.tr("Not saved yet"))
            return
        fields = field_map(self.form.record_type)
        actions = {"create": self.tr("created"), "update": self.tr("changed"), "void": self.tr("voided")}
        for entry in reversed(self.form.store.history(self.form.record_type, record.id)):
            text = self.tr("Version %1 · %2 · %3 %4").replace("%1", str(entry.version)) \
                .replace("%2", entry.at[:16].replace("T", " ")).replace("%3", entry.by) \
                .replace("%4", actions.get(entry.action, entry.action))
            if entry.changed:
                names = [field_label(fields[n]) for n in entry.changed if n in fields]
                if names:
                    text += "\n" + "、".join(names)
            if entry.reason:
                text += "\n" + self.tr("Reason: %1").replace("%1", entry.reason)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.version)
            self.history.addItem(item)

    def void_record(self) -> None:
        record = self.form.record
        if record is None or record.voided:
            return
        reason = TextPrompt.ask(self, self.tr("Void record"),
                                self.tr("Why is this record wrong? The record stays, marked void, with its history."))
        if reason is None:
            return
        try:
            self.form.store.void(self.form.record_type, record.id, reason, user=self.form.current_user(),
                                 expected_version=record.version)
        except ValidationFailed as failed:
            MessageBoxes.warn(self, self.tr("Not voided"), "\n".join(issue_text(i) for i in failed.issues))
            return
        except VersionConflict as conflict:
            MessageBoxes.warn(self, self.tr("Not voided"),
                              core_text("Storage", conflict.MESSAGE, {"current": str(conflict.current)}))
            return
        except StorageError as error:
            MessageBoxes.warn(self, self.tr("Not voided"), core_text("Storage", error.message, error.params))
            return
        self.form.load(self.form.store.get(self.form.record_type, record.id))
        self.attachments.set_record(record.id, read_only=True)
        self.refresh_history()
        self.changed.emit()
