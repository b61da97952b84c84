"""One application as the county sees it: what the station recorded (every version), the county's decisions,
the person's earlier matters, the materials with their signature verdicts, and the decisions that can be
taken now. The buttons follow the application's status and the account's role: one that cannot be used
says why in its tooltip and beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QScrollArea, QTabWidget, QVBoxLayout, QWidget)

from desktop.records.fields import field_map
from desktop.records.reference import default_reference
from desktop.records.store import STAMPED_FIELDS, HistoryEntry
from desktop.ui.history_panel import HistoryPanel
from desktop.ui.i18n import field_label

from desktop.records.fields import Kind
from desktop.ui.i18n import language
from desktop.ui.tasks import Latest
from sync.workspace_client import ApplicationView as WorkspaceApplication
from sync.workspace_client import Event, Material, Matter

from .actions import NEXT, why_not
from .countdown import countdown_text, countdown_tooltip, is_overdue
from .documents import form_title
from .events import china_time, event_text
from .material_preview import MaterialPreview
from .session import CountyDesk
from .words import DECISIONS, STATUS, word

CODED = (Kind.BOOL, Kind.CHOICE, Kind.MULTI, Kind.DATETIME)


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [name for name in after.keys() | before.keys() if before.get(name) != after.get(name)]

GREEN, RED = QColor(30, 126, 52), QColor(192, 57, 43)
ACTIONS = ("accept", "supplement", "grant", "refuse", "assign", "replace", "progress", "close", "terminate",
           "objection")


class _Line(QLabel):
    """A message line that takes no room while it says nothing (an empty line left a gap under the buttons)."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setVisible(bool(text))


class ApplicationView(QWidget):
    """The application the queue opened; `decided` after a decision was recorded (the queue refreshes)."""

    decided = Signal(str)  # the application id
    backRequested = Signal()

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("application_view")
        self.desk = desk
        self.application: WorkspaceApplication | None = None
        self._loading = Latest()
        self._just_issued: tuple[str, ...] = ()  # the documents the last decision issued, offered once shown
        self.reference = default_reference()
        self.heading = QLabel(self)
        self.heading.setObjectName("application_heading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.countdown = QLabel(self)
        self.countdown.setObjectName("application_countdown")
        self.message = _Line(self)
        self.message.hide()
        self.message.setObjectName("application_message")
        self.message.setWordWrap(True)
        back = QPushButton(self.tr("Back to the queue"), self)
        back.setObjectName("back_to_queue")
        back.clicked.connect(self.backRequested)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.backRequested.emit)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.heading, 1)
        top.addWidget(self.countdown)
        self.actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for kind in ACTIONS:
            button = QPushButton(word(DECISIONS, kind), self)
            button.setObjectName(f"action_{kind}")
            button.clicked.connect(lambda _checked=False, k=kind: self.open_decision(k))
            self.actions.addWidget(button)
            self.buttons[kind] = button
        self.actions.addStretch(1)
        self.why_not = QLabel(self)
        self.why_not.setObjectName("actions_why_not")
        self.why_not.setStyleSheet("color: #666;")
        self.tabs = QTabWidget(self)
        self.details = QWidget()
        self.details_form = QFormLayout(self.details)
        scroll = QScrollArea(self)
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        self.materials = QListWidget(self)
        self.materials.setObjectName("materials")
        self.materials.itemActivated.connect(self._preview)
        self.decisions = QListWidget(self)
        self.decisions.setObjectName("decisions")
        self.decisions.setWordWrap(True)
        self.history = HistoryPanel(self.reference, self)
        self.earlier = QListWidget(self)
        self.earlier.setObjectName("earlier_matters")
        self.documents = QListWidget(self)
        self.documents.setObjectName("issued_documents")
        self.documents.itemActivated.connect(self._open_document)
        for widget, title in ((scroll, self.tr("Application")), (self.materials, self.tr("Materials")),
                              (self.decisions, self.tr("Decisions")), (self.documents, self.tr("Issued documents")),
                              (self.history, self.tr("Versions")), (self.earlier, self.tr("Earlier matters"))):
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.actions)
        layout.addWidget(self.why_not)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    # -- loading -------------------------------------------------------------------------------------------------

    def open(self, application_id: str) -> None:
        """Load and show the application; the last one opened is the one shown (a slower answer is dropped), and
        none other stays on screen, or can be decided on, while it loads."""
        if self.application is None or self.application.application_id != application_id:
            self._clear()
        self.message.setText(self.tr("Loading..."))
        question = self._loading.ask()
        self.desk.call(lambda client: client.application(application_id), question(self.show_application),
                       question(lambda text, _error: self.message.setText(text)))

    def _clear(self) -> None:
        self.application, self._just_issued = None, ()
        for label in (self.heading, self.countdown):
            label.setText("")
        self._show_details({})
        for widget in (self.materials, self.decisions, self.documents, self.history, self.earlier):
            widget.clear()
        for button in self.buttons.values():
            button.setEnabled(False)
        self.why_not.hide()

    def reload(self) -> None:
        if self.application is not None:
            self.open(self.application.application_id)

    def show_application(self, application: WorkspaceApplication) -> None:
        self.application = application
        data = application.data
        self.message.setText("")
        self.heading.setText(f"{application.number or ''}  {data.get('name', '')}  ·  "
                             f"{application.station_name or application.station}  ·  {word(STATUS, application.status)}")
        deadline = application.deadline
        self.countdown.setText(countdown_text(deadline) if deadline else "")
        self.countdown.setToolTip(countdown_tooltip(deadline) if deadline else "")
        self.countdown.setStyleSheet("color: #c00000; font-weight: bold;" if is_overdue(deadline) else "")
        self._show_details(data)
        self._show_materials(application.materials)
        self._show_decisions(application.events)
        self._show_documents(application)
        self.history.show_history("application", [
            HistoryEntry(v.version, v.action or "update", china_time(v.received_at), v.clerk or "", None, v.data or {},
                         tuple(_changed(before.data if before else {}, v.data or {})))
            for before, v in zip((None, *application.versions[:-1]), application.versions)])
        self._show_earlier(application.earlier)
        self._show_actions(application)
        self._offer_issued()

    def _offer_issued(self) -> None:
        issued, self._just_issued = self._just_issued, ()
        rows = [r for r in range(self.documents.count())
                if self.documents.item(r).data(Qt.ItemDataRole.UserRole).sha256 in issued]
        if not rows:
            return
        self.tabs.setCurrentWidget(self.documents)
        self.documents.setCurrentRow(rows[0])
        self.documents.setFocus()
        titles = "、".join(self.documents.item(r).text().split("  ·  ")[0] for r in rows)
        self.message.setText(self.tr("Issued: %1. Press Enter to open it for printing.").replace("%1", titles))

    def _show_details(self, data: dict[str, Any]) -> None:
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        for name, field in field_map("application").items():
            value = data.get(name)
            if value in (None, "", [], ()) or name in STAMPED_FIELDS:  # the rules version is the system's, not the case's
                continue
            text = self.history.value_text(field, value) if field.kind in CODED else str(value)
            label = QLabel(text)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details_form.addRow(field_label(field), label)

    def _show_materials(self, materials: tuple[Material, ...]) -> None:
        self.materials.clear()
        for material in materials:
            if material.voided:
                continue
            slot = self.reference.label("materials", material.slot, language())
            state = material.signature if material.received else self.tr("file not yet received")
            item = QListWidgetItem(f"{slot} · {material.original_name} · {state}")
            item.setData(Qt.ItemDataRole.UserRole, material)
            item.setForeground(QBrush(GREEN if material.signature_ok and material.received else RED))
            self.materials.addItem(item)
        if not self.materials.count():
            self.materials.addItem(self.tr("No materials."))

    def _show_decisions(self, events: tuple[Event, ...]) -> None:
        self.decisions.clear()
        for event in events:
            self.decisions.addItem(event_text(event))

    def _show_documents(self, application: WorkspaceApplication) -> None:
        """Each document the county issued on this application, with the decision it came with."""
        self.documents.clear()
        events = {event.event_id: event for event in application.events}
        for document in application.documents:
            event = events.get(document.event_id)
            when = f"  ·  {china_time(event.at)}  ·  {event.by}" if event is not None else ""
            item = QListWidgetItem(self.tr("%1 No. %2").replace("%1", form_title(document.form))
                                   .replace("%2", document.number) + when)
            item.setData(Qt.ItemDataRole.UserRole, document)
            self.documents.addItem(item)

    def _show_earlier(self, earlier: tuple[Matter, ...]) -> None:
        self.earlier.clear()
        kinds = {"application": self.tr("Application"), "consultation": self.tr("Consultation")}
        for matter in earlier:
            case_type = self.reference.label("case_types", matter.case_type, language()) \
                if matter.record_type == "application" else self.reference.label("matter_categories",
                                                                                 matter.case_type, language())
            parts = (kinds.get(matter.record_type, matter.record_type), matter.number, (matter.date or "")[:10],
                     case_type, word(STATUS, matter.status) if matter.status else "")
            self.earlier.addItem(" · ".join(p for p in parts if p))
        if not earlier:
            self.earlier.addItem(self.tr("No earlier matters of this person at the county."))

    def _show_actions(self, application: WorkspaceApplication) -> None:
        """Each decision enabled when the status allows it and the account's role gives it; else why not."""
        reasons = []
        for kind, button in self.buttons.items():
            why = why_not(kind, application.status, self.desk)
            button.setEnabled(not why)
            button.setToolTip(why)
            if why and kind in NEXT.get(application.status, ()):  # what the stage allows but the role does not
                reasons.append(f"{word(DECISIONS, kind)}：{why}")
        self.why_not.setText("\n".join(reasons))
        self.why_not.setVisible(bool(reasons))  # an empty line would leave a gap under the buttons

    # -- acting --------------------------------------------------------------------------------------------------

    def open_decision(self, kind: str):
        from .assign_form import AssignDialog
        from .decision_forms import DecisionDialog

        if self.application is None:
            return None
        if kind in ("assign", "replace"):
            dialog = AssignDialog(self.desk, self.application, replace=kind == "replace", parent=self)
        else:
            dialog = DecisionDialog(self.desk, kind, self.application, self)
        dialog.decided.connect(self._decided)
        dialog.stale.connect(self.reload)  # show what the other person decided; the form keeps its refusal
        dialog.open()
        return dialog

    def _decided(self, event: Event) -> None:
        """Recorded: the view shows it, and the documents it issued are offered at once, to open and print."""
        if self.application is not None:
            self._just_issued = tuple(d.sha256 for d in event.documents)
            self.decided.emit(self.application.application_id)
            self.reload()

    def _preview(self, item: QListWidgetItem) -> None:
        material = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(material, Material) and material.received:
            self.preview = MaterialPreview(self.desk, material, self)
            self.preview.open()

    def _open_document(self, item: QListWidgetItem) -> None:
        from .documents import open_issued_document

        document = item.data(Qt.ItemDataRole.UserRole)
        if document is not None:
            open_issued_document(self.desk, document, self, lambda text, _error: self.message.setText(text))
