"""The pages of issue 14 in the main window: 案件办理 (closure reports, follow-up visits, court attendance, quality
evaluations, one tab each), 投诉, 外出服务, and the case's own actions on the application's page.

Every tab is a RecordWorkspace (list + form) like the consultations'; the follow-up tab also lists the
consultations flagged 需要回访 that wait for their visit (Enter starts it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QMenu, QPushButton, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop.records import casework_case as case_stage
from desktop.records.changes import RECORDS
from desktop.records.deadlines import awaiting_follow_up, county_day
from desktop.records.errors import StorageError
from desktop.records.queries import consultation_person
from forms.county import county_decisions

from .casework_forms import CASEWORK_FORMS
from .quick_consultations import QuickConsultations
from .workspace import RecordWorkspace
from .workstation import Workstation

CASE_TABS = ("closure", "follow_up", "court_attendance", "quality_evaluation")



class CaseworkTabs(QTabWidget):
    """案件办理: one workspace per kind of record of a case."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("casework_tabs")
        self.workstation = workstation
        self.workspaces: dict[str, RecordWorkspace] = {
            rt: RecordWorkspace(workstation, CASEWORK_FORMS[rt], self) for rt in CASE_TABS}
        titles = {"closure": self.tr("Closure reports"), "follow_up": self.tr("Follow-up visits"),
                  "court_attendance": self.tr("Court attendance"), "quality_evaluation": self.tr("Quality evaluation")}
        for record_type in CASE_TABS:
            page: QWidget = self.workspaces[record_type]
            if record_type == "follow_up":
                page = self._follow_up_tab(page)
            self.addTab(page, titles[record_type])
        # thousands wait at a large station: read when the tab is seen, not at start nor after every save elsewhere
        workstation.changes.listen_when_seen(self.awaiting, self.refresh_awaiting, RECORDS)

    def _follow_up_tab(self, workspace: RecordWorkspace) -> QWidget:
        box = QWidget(self)
        self.awaiting_label = QLabel(box)
        self.awaiting = QListWidget(box)
        self.awaiting.setObjectName("awaiting_follow_up")
        self.awaiting.setAccessibleName(self.tr("Consultations waiting for a follow-up"))
        self.awaiting.itemActivated.connect(self._start_awaited)
        top = QWidget(box)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.awaiting_label)
        top_layout.addWidget(self.awaiting)
        splitter = QSplitter(Qt.Orientation.Vertical, box)
        splitter.addWidget(top)
        splitter.addWidget(workspace)
        splitter.setSizes([120, 600])
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        return box

    def refresh_awaiting(self) -> None:
        """The consultations flagged 需要回访 without a follow-up visit yet (a small indexed query)."""
        try:
            rows = awaiting_follow_up(self.workstation.station.db)
        except StorageError:
            return
        self.awaiting.clear()
        for consultation_id, name, occurred, note in rows:
            text = " · ".join(p for p in ((occurred or "")[:16].replace("T", " "), name or self.tr("Anonymous"),
                                          note or "") if p)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (consultation_id, name))
            self.awaiting.addItem(item)
        self.awaiting_label.setText(self.tr("Consultations waiting for a follow-up visit: %1 (Enter starts the "
                                            "visit)").replace("%1", str(len(rows))))

    def _start_awaited(self, item: QListWidgetItem) -> None:
        consultation_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.start_consultation_follow_up(consultation_id, name)

    def start_consultation_follow_up(self, consultation_id: str, name: str | None = None) -> None:
        """A follow-up visit of a consultation flagged 需要回访 (no case: the consultation is its link)."""
        if name is None:
            name = consultation_person(self.workstation.station.db, consultation_id)
        self.show_workspace("follow_up").new_record({"consultation_id": consultation_id, "visited_person": name})

    def show_workspace(self, record_type: str) -> RecordWorkspace:
        workspace = self.workspaces[record_type]
        self.setCurrentIndex(CASE_TABS.index(record_type))
        return workspace

    def current_workspace(self) -> RecordWorkspace:
        return self.workspaces[CASE_TABS[self.currentIndex()]]


def case_prefill(db: Any, record_type: str, application) -> dict[str, Any]:
    """What a new record of the case starts with besides its number: a closure report takes the county's
    close (date and result) and whether the application is a litigation case."""
    if record_type != "closure":
        return {}
    extra: dict[str, Any] = {"litigation_case": bool(application.data.get("litigation"))}
    closed = county_decisions(db, application).latest("close")
    if closed is not None:
        day = county_day(closed.at)
        if day is not None:
            extra["closed_on"] = day.isoformat()
        if closed.text("result"):
            extra["closure_result"] = closed.text("result")
    return extra


def add_case_actions(editor, start) -> None:
    """The application's page gets 案件办理: a closure report, follow-up, attendance or evaluation of this case.
    `start(record_type, application)` opens the new record."""
    button = QPushButton(QCoreApplication.translate("CaseActions", "Case work"), editor)
    button.setObjectName("case_actions")
    button.setAutoDefault(False)
    button.setToolTip(QCoreApplication.translate("CaseActions", "Record a closure report, follow-up visit, court attendance or quality evaluation "
                                "of this case"))
    menu = QMenu(button)
    menu.setObjectName("case_actions_menu")
    for record_type, text in (("closure", QCoreApplication.translate("CaseActions", "Closure report...")), ("follow_up", QCoreApplication.translate("CaseActions", "Follow-up visit...")),
                              ("court_attendance", QCoreApplication.translate("CaseActions", "Court attendance...")),
                              ("quality_evaluation", QCoreApplication.translate("CaseActions", "Quality evaluation..."))):
        action = menu.addAction(text)
        action.setObjectName(f"case:{record_type}")
        action.triggered.connect(lambda _checked=False, rt=record_type: _start_from(editor, rt, start))
    menu.setToolTipsVisible(True)
    menu.aboutToShow.connect(lambda: refresh_case_actions(editor))
    button.setMenu(menu)
    editor.form.extra_actions.insertWidget(0, button)
    editor.case_actions = button


def reasons_now(editor, record_types: list[str]) -> dict[str, str | None]:
    """Why the application open in `editor` cannot take a record of each of `record_types` now (refused, not yet
    aided, not closed: desktop/records/casework_case.py), in the interface's language; None where it can."""
    record = editor.form.record
    if record is None or record.voided:
        unsaved = QCoreApplication.translate("CaseActions", "Save the application first; a void one takes no records.")
        return {record_type: unsaved for record_type in record_types}
    found = case_stage.why_not_now(editor.workstation.station.db, record_types, record.id)
    return {record_type: None if reason is None else
            QCoreApplication.translate("Validation", reason[0]).format(number=record.number or "", **reason[1])
            for record_type, reason in found.items()}


def refresh_case_actions(editor) -> dict[str, str | None]:
    """Grey the 案件办理 entries that cannot apply to the open application, each with its reason as tooltip (the case's
    stage read once for all of them); the reasons, by record type."""
    actions = {action.objectName().removeprefix("case:"): action for action in editor.case_actions.menu().actions()}
    reasons = reasons_now(editor, list(actions))
    for record_type, action in actions.items():
        action.setEnabled(reasons[record_type] is None)
        action.setToolTip(reasons[record_type] or action.text().rstrip(". "))
    return reasons


def _start_from(editor, record_type: str, start) -> None:
    if refresh_case_actions(editor).get(record_type) is not None:  # (greyed: a shortcut or a script still asks)
        return
    start(record_type, editor.form.record)


def open_quick_entry(parent: QWidget, workstation: Workstation, event) -> QuickConsultations:
    """The quick entry of an outreach event's consultations, as a window of its own."""
    dialog = QuickConsultations(workstation.station, event, workstation.session.user, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()  # window-modal: the typing stays in it until the team is done
    dialog.activateWindow()
    return dialog
