"""A record open for entry or editing: its form, its history, printing and the void action."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop.records import audit
from desktop.records.changes import COUNTY, RECORDS
from desktop.records.errors import StorageError, ValidationFailed, VersionConflict
from desktop.records.signin import VOID
from desktop.records.store import TABLES

from .attachments_panel import AttachmentsPanel
from .history_panel import HistoryPanel
from .i18n import core_text, issue_text
from .messages import Button, MessageBoxes, TextPrompt
from .record_form import RecordForm
from .workstation import Workstation


class RecordEditor(QWidget):
    """Wraps a RecordForm with a back button, the history panel and voiding."""

    backRequested = Signal()

    def __init__(self, form: RecordForm, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        self.workstation = workstation
        self.attachments = AttachmentsPanel(workstation, form.record_type, form.current_user, self)
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
        self._build_printing(workstation)

        self.history = HistoryPanel(form.store.reference, self)
        side = QTabWidget(self)
        side.setObjectName("side_tabs")
        side.addTab(self.attachments, self.tr("Materials"))
        side.addTab(self.history, self.tr("History"))
        self.side_tabs = side
        if form.record_type == "application":
            self._build_county_tab()
            workstation.changes.listen(self, self.refresh_county, COUNTY, RECORDS)  # decisions and the status

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
        workstation.changes.listen(self, self.follow_record, RECORDS)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.backRequested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_history()

    def _after_save(self, _saved: object) -> None:
        self.refresh_history()

    def follow_record(self) -> None:
        """The record shown got a newer version elsewhere (its conversion into an application, a sync, another
        window): show it, unless the clerk is typing in it (their save then meets the version check)."""
        record, form = self.form.record, self.form
        if record is not None:
            form.show_beside()  # what the county keeps beside the record is read-only: current even while typing
        if record is None or form.is_dirty():
            return
        table = TABLES[form.record_type]
        row = form.store.db.execute(f"SELECT version FROM {table} WHERE id = ?", (record.id,)).fetchone()
        if row is not None and row[0] != record.version:
            form.load(form.store.get(form.record_type, record.id))
            self.refresh_history()

    def refresh_history(self) -> None:
        record = self.form.record
        if self.attachments.record_id != (record.id if record else None):
            self.attachments.set_record(record.id if record else None, read_only=bool(record and record.voided))
        self.void_button.setEnabled(record is not None and not record.voided)
        self._update_print_buttons()
        self.refresh_print_menu()
        self.refresh_county()
        self.history.show_history(self.form.record_type,
                                  self.form.store.history(self.form.record_type, record.id) if record else None)

    # -- the county's decisions (read-only; they arrive by sync) --------------------------------

    def _build_county_tab(self) -> None:
        page = QWidget(self)
        page.setObjectName("county_page")
        self.county_status = QLabel(page)
        self.county_status.setObjectName("county_status")
        self.county_status.setWordWrap(True)
        self.county_events = QListWidget(page)
        self.county_events.setObjectName("county_events")
        self.county_events.setAccessibleName(self.tr("County decisions"))
        self.county_events.setWordWrap(True)
        self.county_events.setAlternatingRowColors(True)  # a decision's note wraps: rows must read as one
        self.county_events.setSpacing(2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.county_status)
        layout.addWidget(self.county_events, 1)
        self.county_tab = page
        self.side_tabs.addTab(page, self.tr("County"))
        self.side_tabs.currentChanged.connect(lambda _index: self.mark_county_seen())

    def refresh_county(self) -> None:
        """The application's status as the county decided it and the county's events, newest first."""
        if not hasattr(self, "county_status"):
            return
        from sync.events import application_events, application_status

        from .county_text import county_event_text, county_time
        from .i18n import language

        self.county_events.clear()
        record = self.form.record
        if record is None:
            self.county_status.setText(self.tr("County status: not sent yet"))
            return
        store = self.form.store
        status, number = application_status(store.db, record.id) or (record.status, None)
        label = store.reference.label("application_status", status, language()) or "-"
        self.county_status.setText(self.tr("County status: %1").replace("%1", label))
        events = application_events(store.db, number, record.id)
        for event in events:
            item = QListWidgetItem(f"{county_time(event.decided_at)} · {county_event_text(event.kind, event.details)}")
            item.setData(Qt.ItemDataRole.UserRole, event.kind)
            self.county_events.addItem(item)
        if not events:
            self.county_events.addItem(self.tr("No decision from the county yet"))
        self.mark_county_seen()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.mark_county_seen()

    def mark_county_seen(self) -> None:
        """Looking at the 县中心 tab is reading the application's decisions: mark them seen."""
        record = self.form.record
        if not hasattr(self, "county_tab") or record is None or not self.county_tab.isVisible():
            return
        from sync.events import mark_seen

        try:
            mark_seen(self.form.store.db, record.data.get("number"), record.id)
        except StorageError:
            return  # a busy database: they stay unread and are marked the next time the tab is seen

    def void_record(self) -> None:
        record = self.form.record
        if record is None or record.voided or not self.workstation.session.allowed(self, VOID):
            return
        reason = TextPrompt.ask(self, self.tr("Void record"),
                                self.tr("Why is this record wrong? The record stays, marked void, with its history."),
                                self.tr("Write why the record is voided: the reason stays in its history."))
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

    # -- printing ----------------------------------------------------------------------------

    def _build_printing(self, workstation: Workstation) -> None:
        from .printing import Printing  # QtPdf and QtPrintSupport load with the first editor, not at start

        self.printing = Printing(workstation.services, workstation.tasks, self)
        self.printing.busyChanged.connect(lambda _busy: self._update_print_buttons())
        self.print_button = QPushButton(self.tr("Print"), self)
        self.print_button.setObjectName("print")
        self.print_button.setAutoDefault(False)
        self.print_button.setAccessibleName(self.tr("Print forms of this record"))
        self.print_button.setToolTip(self.tr("Preview, print or save as PDF the forms of this record"))
        self.print_menu = QMenu(self.print_button)
        self.print_menu.setObjectName("print_menu")
        self.print_menu.setToolTipsVisible(True)
        self.print_button.setMenu(self.print_menu)
        self.print_actions: dict[str, QAction] = {}
        self.receipt_button = QPushButton(self.tr("Print receipt"), self)
        self.receipt_button.setObjectName("print_receipt")
        self.receipt_button.setAutoDefault(False)
        self.receipt_button.setToolTip(self.tr("Print the receipt for the application materials for the applicant"))
        self.receipt_button.clicked.connect(self.print_receipt)
        self.receipt_button.setVisible(self.form.record_type == "application")
        self.form.extra_actions.insertWidget(0, self.print_button)
        self.form.extra_actions.insertWidget(0, self.receipt_button)
        self.printing.saved.connect(lambda path: self.form.status.setText(self.tr("Saved as %1").replace("%1", path)))
        # the audit trail: the record shown was printed, or exported as a PDF file
        self.printing.printed.connect(lambda _pages: self._audit(workstation, audit.PRINTED))
        self.printing.saved.connect(lambda _path: self._audit(workstation, audit.EXPORTED))

    def _audit(self, workstation: Workstation, action: str) -> None:
        record = self.form.record
        if record is not None:
            workstation.audit(action, self.form.record_type, record.id)

    def _update_print_buttons(self) -> None:
        from .printing import RECEIPT_FORM, default_catalogue

        record = self.form.record
        busy = self.printing.is_busy()
        self.print_button.setEnabled(not busy)
        receipt = default_catalogue().get(RECEIPT_FORM)
        self.receipt_button.setEnabled(not busy and record is not None and not record.voided
                                       and receipt.applies_to(record.data, record.status))

    def refresh_print_menu(self) -> None:
        """The print menu for the record shown: each form that applies (preview, print, save as PDF),
        the case file of an application, and blank forms to fill by hand."""
        from .printing import forms_with_availability, printable_forms

        for old in self.print_menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
            old.deleteLater()
        self.print_menu.clear()
        self.print_actions = {}
        record = self.form.record
        record_type = self.form.record_type
        kinds = (("preview", self.tr("Preview...")), ("print", self.tr("Print...")),
                 ("save", self.tr("Save as PDF...")))
        if record is not None and record.voided:
            self.print_menu.addAction(self.tr("This record is void: its forms are not printed")).setEnabled(False)
        elif record is not None:
            for form, able in forms_with_availability(record_type, record, self.printing.station.db):
                if not able.ok:  # e.g. a decision the county has not taken: shown, greyed, with the reason
                    waiting = self.print_menu.addAction(form.name)
                    waiting.setObjectName(f"unavailable:{form.id}")
                    waiting.setToolTip(able.reason)
                    waiting.setStatusTip(able.reason)
                    waiting.setEnabled(False)
                    continue
                submenu = self.print_menu.addMenu(form.name)
                for kind, text in kinds:
                    self._print_action(submenu, f"{kind}:{form.id}", text, partial(self._print_form, form.id, kind))
            if record_type == "application":
                self.print_menu.addSeparator()
                submenu = self.print_menu.addMenu(self.tr("Case file (cover, contents, forms, materials)"))
                for kind, text in kinds:
                    self._print_action(submenu, f"{kind}:case_file", text, partial(self._print_case_file, kind))
        else:
            self.print_menu.addAction(self.tr("Save the record to print its forms")).setEnabled(False)
        self.print_menu.addSeparator()
        blank = self.print_menu.addMenu(self.tr("Blank forms (to fill in by hand)"))
        for form in printable_forms(record_type):
            self._print_action(blank, f"blank:{form.id}", form.name, partial(self.printing.form, None, form.id))

    def _print_action(self, menu: QMenu, name: str, text: str, slot) -> None:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        self.print_actions[name] = action

    def _saved_record(self):
        """The record as saved, to print; unsaved changes are saved first when the clerk agrees."""
        record = self.form.record
        if record is None or record.voided:
            return None
        if self.form.is_dirty():
            answer = MessageBoxes.ask(self, self.tr("Print"),
                                      self.tr("This record has changes that are not saved. Forms are printed "
                                              "from the saved record: save the changes first?"),
                                      Button.Save | Button.Cancel, Button.Save)
            if answer != Button.Save or self.form.save() is None:
                return None
        return self.form.record

    def _print_form(self, form_id: str, kind: str) -> None:
        record = self._saved_record()
        if record is not None:
            self.printing.form(record, form_id, kind)

    def _print_case_file(self, kind: str) -> None:
        record = self._saved_record()
        if record is not None:
            self.printing.case_file(record, kind)

    def print_receipt(self) -> None:
        """One click: the receipt for the application's materials, straight to the print dialog."""
        record = self._saved_record()
        if record is not None:
            self.printing.receipt(record)
