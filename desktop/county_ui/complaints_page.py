"""投诉台账 at the county (work plan §13): every station's complaints, the unanswered first by their answer deadline
(red when passed), filtered by where they stand and by station; the chosen one's record as the station sent it and
the center's handling, to which reviewers and the head add a step or the answer (date, how, satisfaction).

The ledger and the rules are the server's (sync/server/complaint_handling.py); the station's record is never
changed here: the center's handling is kept beside it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from desktop.records.deadlines import today_in_china
from desktop.records.reference import default_reference
from desktop.ui.i18n import language
from desktop.ui.tasks import Latest
from sync.limits import MAX_COMPLAINT_STEP_CHARS
from sync.workspace_client import ComplaintEntry, ComplaintPage, ComplaintView

from .countdown import days_left_text
from .events import china_time
from .rights import who_may
from .session import CountyDesk
from .table import Pager, RowsTable, station_choices

RED = Qt.GlobalColor.darkRed


class ComplaintsPage(QWidget):
    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("complaints_page")
        self.desk = desk
        self.reference = reference = default_reference()
        self.view: ComplaintView | None = None
        self.state = QComboBox(self)
        self.state.setObjectName("complaints_state")
        for code, text in ((None, self.tr("All complaints")), ("open", self.tr("Not answered yet")),
                           ("overdue", self.tr("Overdue")), ("today", self.tr("Due today")),
                           ("soon", self.tr("Due soon")), ("answered", self.tr("Answered"))):
            self.state.addItem(text, code)
        self.station = QComboBox(self)
        self.station.setObjectName("complaints_station")
        self.station.addItem(self.tr("All stations"), None)
        for box in (self.state, self.station):
            box.currentIndexChanged.connect(lambda _i: self._filters_changed())
        bar = QHBoxLayout()
        bar.addWidget(self.state)
        bar.addWidget(self.station)
        bar.addStretch(1)
        self.table = RowsTable("complaints_table", [
            (self.tr("Number"), lambda c: c.number),
            (self.tr("Station"), lambda c: c.station_name),
            (self.tr("Received"), lambda c: (c.complained_at or "")[:16].replace("T", " ")),
            (self.tr("Complainant"), lambda c: c.complainant),
            (self.tr("Against"), lambda c: reference.label("respondent_kinds", c.respondent_kind, language())),
            (self.tr("Answer"), self._answer_text),
            (self.tr("Center's steps"), lambda c: str(c.county_steps) if c.county_steps else ""),
            (self.tr("Matter"), lambda c: " ".join(c.matter.split())),
        ], self)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.pager = Pager("complaints", self)
        self.pager.turned.connect(self.refresh)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.pager)
        self._recording = False  # a step on its way to the county
        self._chosen_id: str | None = None  # the complaint chosen (shown, or loading)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self._handling_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        again = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        again.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the queue's F5 is its own
        self._page_asked, self._complaint_asked = Latest(), Latest()  # the last page and complaint asked are shown

    def _handling_panel(self) -> QWidget:
        panel = QWidget(self)
        self.record = QLabel(panel)
        self.record.setObjectName("complaint_record")
        self.record.setWordWrap(True)
        self.record.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps = QLabel(panel)
        self.steps.setObjectName("complaint_steps")
        self.steps.setWordWrap(True)
        self.kind = QComboBox(panel)
        self.kind.setObjectName("handling_kind")
        self.kind.addItem(self.tr("A handling step"), "step")
        self.kind.addItem(self.tr("The answer to the complainant"), "answer")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.text = QPlainTextEdit(panel)
        self.text.setObjectName("handling_text")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(80)
        today = today_in_china()  # the county's calendar, as the server judges the answer's date
        self.answered_on = QDateEdit(QDate(today.year, today.month, today.day), panel)
        self.answered_on.setObjectName("answered_on")
        self.answered_on.setDisplayFormat("yyyy-MM-dd")
        self.answered_on.setCalendarPopup(True)
        self.reply_method = QComboBox(panel)
        self.reply_method.setObjectName("reply_method")
        for choice in self.reference.choices("reply_methods"):
            self.reply_method.addItem(choice.label(language()), choice.code)
        self.satisfaction = QComboBox(panel)
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem(self.tr("Not known yet"), None)
        for choice in self.reference.choices("satisfaction_levels"):
            self.satisfaction.addItem(choice.label(language()), choice.code)
        self.record_button = QPushButton(self.tr("Record"), panel)
        self.record_button.setObjectName("record_handling")
        self.record_button.clicked.connect(self.record_handling)
        self.message = QLabel(panel)
        self.message.setObjectName("complaints_message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Record:"), self.kind)
        form.addRow(self.tr("What was done:"), self.text)
        form.addRow(self.tr("Answered on:"), self.answered_on)
        form.addRow(self.tr("Answered by:"), self.reply_method)
        form.addRow(self.tr("Complainant's satisfaction:"), self.satisfaction)
        form.addRow(self.record_button, self.message)
        layout = QHBoxLayout(panel)
        left = QVBoxLayout()
        left.addWidget(self.record)
        left.addWidget(self.steps)
        left.addStretch(1)
        layout.addLayout(left, 1)
        layout.addLayout(form, 1)
        self._kind_changed()
        self._show_view(None)
        return panel

    # -- the ledger --------------------------------------------------------------------------------

    def _answer_text(self, entry: ComplaintEntry) -> str:
        if entry.state == "answered":
            who = self.tr("the center") if entry.answered_by_county else self.tr("the station")
            return self.tr("Answered %1 (%2)").replace("%1", entry.answered_on or "").replace("%2", who)
        return f"{entry.due} · {days_left_text(entry.days_left)}" if entry.days_left is not None else ""

    def set_stations(self, stations: list) -> None:
        station_choices(self.station, stations)

    def _filters_changed(self) -> None:
        self.pager.first()
        self.refresh()


    def refresh(self) -> None:
        state, station, page = self.state.currentData(), self.station.currentData(), self.pager.page
        allowed = self.desk.may("complaints")
        self._offer_recording()
        self.record_button.setToolTip("" if allowed else who_may("complaints"))
        question = self._page_asked.ask()
        self.desk.call(lambda client: client.complaints(state, station, page), question(self._show),
                       question(lambda text, _error: self.pager.refused(text)))  # the rows shown stay

    def _show(self, answer: ComplaintPage) -> None:
        chosen = self._chosen_id
        self.table.blockSignals(True)
        self.table.show_rows(list(answer.items))
        for r, entry in enumerate(answer.items):
            if entry.state == "overdue":
                for c in range(self.table.columnCount()):
                    self.table.item(r, c).setForeground(RED)
            if entry.complaint_id == chosen:
                self.table.selectRow(r)
        self.table.blockSignals(False)
        self.pager.show_page(self.tr("%1 complaints").replace("%1", str(answer.total)), answer.page, answer.total,
                             answer.page_size)

    # -- one complaint -----------------------------------------------------------------------------

    def _chosen(self) -> None:
        entry = self.table.current()
        if entry is None:
            return
        self._chosen_id = entry.complaint_id
        if self.view is not None and self.view.entry.complaint_id != entry.complaint_id:
            self.view = None  # nothing is recorded against the complaint shown until the chosen one has come
            self.record_button.setEnabled(False)
            self.record.setText(self.tr("Loading..."))
            self.steps.setText("")
        question = self._complaint_asked.ask()  # the last complaint chosen is the one shown (a slower answer is not)
        self.desk.call(lambda client: client.complaint(entry.complaint_id), question(self._show_view),
                       question(lambda text, _error: self.message.setText(text)))

    def _show_view(self, view: ComplaintView | None) -> None:
        self.view = view
        self._offer_recording()
        if view is None:
            self.record.setText(self.tr("Choose a complaint to see it and record the center's handling."))
            self.steps.setText("")
            return
        data, label = view.data, self.reference.label
        lines = [
                 self.tr("Complainant: %1 %2").replace("%1", view.entry.complainant)
                 .replace("%2", str(data.get("complainant_phone") or "")),
                 self.tr("Against: %1 %2").replace("%1", label("respondent_kinds", data.get("respondent_kind"),
                                                               language())).replace("%2", view.entry.respondent),
                 self.tr("Matter: %1").replace("%1", str(data.get("matter") or "")),
                 self.tr("The station's handling: %1").replace("%1", str(data.get("handling") or "—"))]
        heading = f"<b>{_escaped(view.entry.number)}</b> · {_escaped(view.entry.station_name)}"
        self.record.setText("<br>".join([heading, *(_escaped(line) for line in lines)]))
        if view.steps:
            self.steps.setText("<br>".join(
                f"{china_time(s.at)} {_escaped(s.by)}: "
                + (self.tr("answered (%1)").replace("%1", s.answered_on or "") + " " if s.kind == "answer" else "")
                + _escaped(s.text) for s in view.steps))
        else:
            self.steps.setText(self.tr("The center has recorded no handling yet."))

    def _kind_changed(self) -> None:
        answer = self.kind.currentData() == "answer"
        for widget in (self.answered_on, self.reply_method, self.satisfaction):
            widget.setEnabled(answer)

    def record_handling(self) -> None:
        """Send the step or answer typed to the server; the ledger and the complaint follow its answer."""
        if self.view is None or not self.desk.may("complaints"):
            return
        complaint_id, kind, text = self.view.entry.complaint_id, self.kind.currentData(), self.text.toPlainText()
        if len(text.strip()) > MAX_COMPLAINT_STEP_CHARS:  # said here, with the length (the text stays to be cut)
            self.message.setStyleSheet("color: #c0392b;")
            self.message.setText(self.tr("Write at most %1 characters (now %2).")
                                 .replace("%1", str(MAX_COMPLAINT_STEP_CHARS)).replace("%2", str(len(text.strip()))))
            return
        d = self.answered_on.date()
        answered_on = date(d.year(), d.month(), d.day()) if kind == "answer" else None
        method = self.reply_method.currentData() if kind == "answer" else None
        satisfaction = self.satisfaction.currentData() if kind == "answer" else None
        steps_seen = len(self.view.steps)  # the county refuses the step if others came meanwhile (or this one did)
        self._recording = True
        self._offer_recording()
        question = self._complaint_asked.ask()
        self.desk.call(lambda client: client.handle_complaint(complaint_id, kind, text, answered_on, method,
                                                              satisfaction, steps_seen),
                       lambda view: self._recorded(view, question.current, text), self._refused)

    def _offer_recording(self) -> None:
        """记录 is live for a complaint shown, to an account with the right, and not while a step is on its way
        (a second click, or F5 that refreshes the ledger meanwhile, would send it twice)."""
        self.record_button.setEnabled(self.view is not None and self.desk.may("complaints") and not self._recording)

    def _recorded(self, view: ComplaintView, still_shown: bool, sent: str) -> None:
        """The step was recorded; its complaint is shown again unless another was chosen meanwhile. The text sent
        goes (never to be sent again, to another complaint); a text typed since for another stays."""
        self._recording = False
        if still_shown or self.text.toPlainText() == sent:
            self.text.clear()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Recorded."))
        if still_shown:
            self._show_view(view)
        self._offer_recording()
        self.refresh()

    def _refused(self, text: str, _error: BaseException) -> None:
        self._recording = False
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setText(text)
        if self.view is not None:  # its steps as the county has them now (the text typed stays)
            self._chosen()
        self._offer_recording()


def _escaped(text: str) -> str:
    from html import escape

    return escape(text)
