"""One navigation page: the list of a record type and, in front of it, the record being edited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop.records import audit
from desktop.records.changes import RECORDS
from desktop.records.store import Record

from .messages import Button, MessageBoxes
from .record_list import RecordListPage
from .workstation import Workstation

if TYPE_CHECKING:  # the editor and its form are imported when a record is first opened (issue 17: not at start)
    from .record_editor import RecordEditor
    from .record_form import RecordForm


class RecordWorkspace(QWidget):
    """The list is built when the page is first shown; the editor (a big form) when a record is first opened."""

    editorCreated = Signal(object)  # the RecordEditor, for the window to connect

    def __init__(self, workstation: Workstation, form_class: type[RecordForm] | Callable[[], type[RecordForm]],
                 parent: QWidget | None = None, *, record_type: str | None = None):
        """`form_class`: the form's class, or with `record_type` a function that imports and returns it when a
        record is first opened."""
        super().__init__(parent)
        self.workstation = workstation
        self.station = workstation.station
        self.record_type = record_type or form_class.record_type
        self._form_class = form_class
        self._editor: RecordEditor | None = None
        self.batch_printing = None  # made at the first batch: QtPdf and QtPrintSupport load only then
        self._list_page: RecordListPage | None = None
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    @property
    def list_page(self) -> RecordListPage:
        """Built when the page is first shown (or asked for): eight lists, one on screen at start. It counts and
        reads its first page when first seen, and a save re-reads it while it is seen (else when shown next)."""
        if self._list_page is None:
            page = RecordListPage(self.station, self.record_type, self, load=False)
            self.workstation.changes.listen_when_seen(page, page.refresh, RECORDS)
            page.newRequested.connect(self.new_record)
            page.openRequested.connect(self.open_record)
            page.printRequested.connect(self.print_batch)
            self.stack.insertWidget(0, page)  # behind an editor opened first; in view when it is the only one
            self._list_page = page
        return self._list_page

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.list_page  # noqa: B018 - built when first seen
        super().showEvent(event)

    @property
    def editor(self) -> RecordEditor:
        if self._editor is None:
            from .record_editor import RecordEditor

            form_class = self._form_class if isinstance(self._form_class, type) else self._form_class()
            editor = RecordEditor(form_class(self.station), self.workstation, self)
            self.stack.addWidget(editor)
            editor.backRequested.connect(self.show_list)
            self._editor = editor
            self.editorCreated.emit(editor)
        return self._editor

    @property
    def form(self) -> RecordForm:
        return self.editor.form

    def has_unsaved_changes(self) -> bool:
        return self._editor is not None and self._editor.form.is_dirty()

    def editing(self) -> bool:
        return self._editor is not None and self.stack.currentWidget() is self._editor

    def confirm_leave(self) -> bool:
        """Ask before unsaved typing is left behind: save, discard or stay. True means go on."""
        if not self.has_unsaved_changes():
            return True
        answer = MessageBoxes.ask(self, self.tr("Unsaved changes"),
                                  self.tr("This record has changes that are not saved. Save them now?"),
                                  Button.Save | Button.Discard | Button.Cancel, Button.Save)
        if answer == Button.Save:
            return self.form.save() is not None
        if answer == Button.Discard:
            self.form.discard_changes()
            return True
        return False

    def new_record(self, prefill: dict[str, Any] | None = None) -> None:
        if self.editing() and not self.confirm_leave():
            return
        self.form.new_record(prefill)
        self.editor.refresh_history()
        self.stack.setCurrentWidget(self.editor)
        self.form.focus_first()

    def open_record(self, record_id: str) -> None:
        if self.editing() and not self.confirm_leave():
            return
        self.form.load(self.station.store.get(self.record_type, record_id))
        self.workstation.audit(audit.SAW, self.record_type, record_id)  # a clerk opened it: the audit trail says who
        self.editor.refresh_history()
        self.stack.setCurrentWidget(self.editor)
        self.form.focus_first()

    def restore_draft(self, data: dict[str, Any], record: Record | None) -> None:
        self.form.restore_draft(data, record)
        self.editor.refresh_history()
        self.stack.setCurrentWidget(self.editor)

    def show_list(self) -> None:
        if not self.confirm_leave():
            return
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.refresh()
        self.list_page.focus_search()

    def save(self) -> None:
        if self.editing():
            self.form.save()

    def print_batch(self, record_ids: Sequence[str], form_id: str) -> None:
        """One form for each of the list's selected records, with progress and cancel."""
        if self.batch_printing is None:
            from .printing import Printing

            # The station only: paper needs no digital signature (the footer's fingerprint and QR code
            # tie each page to its record version); "save as PDF" is in the record's editor.
            self.batch_printing = Printing(self.station, self.workstation.tasks, self)
            self.batch_printing.busyChanged.connect(self.list_page.set_printing_busy)
        self.batch_printing.batch(self.record_type, list(record_ids), form_id)
