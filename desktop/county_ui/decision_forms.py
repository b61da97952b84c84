"""The decision forms: each kind asks for what its document needs, chosen rather than typed where the law
gives the choices (the materials checklist, the grounds of a refusal or a termination, the closing methods).

A form sends the decision with the version of the application it was opened on: when someone else decided
meanwhile the server refuses it (409) and the form shows what they did, changing nothing. Assignment has
its own form (assign_form.py): the roster with the rules shown while choosing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from desktop.records.deadlines import plan_periods, today_in_china
from desktop.records.reference import default_reference
from desktop.ui.i18n import language
from sync.limits import MAX_ANSWER_DAYS_BACK, MAX_DECISION_TEXT_CHARS, MAX_SUPPLEMENT_DAYS_AHEAD

from sync.workspace_client import ApplicationView as WorkspaceApplication
from sync.workspace_client import StaleView

from .events import event_text
from .layouts import CountyDialog, on_its_way
from .session import CountyDesk
from .words import DECISIONS, REFUSAL_GROUNDS, TERMINATION_GROUNDS, word, words

NOTE_LIMIT = MAX_DECISION_TEXT_CHARS  # the county's (a longer text is said, never cut)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def stale_text(error: StaleView) -> str:
    """What the other person did: the server's sentence (who, which decision, when), then each decision."""
    return "\n".join([error.message_zh, *(event_text(event) for event in error.events)])


class DecisionDialog(CountyDialog):
    """One decision on one application (`application` as the server answered it); `decided(event)` when recorded."""

    decided = Signal(object)
    stale = Signal()  # someone else decided since the view: the view reloads, this form changes nothing

    def __init__(self, desk: CountyDesk, kind: str, application: WorkspaceApplication, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"decide_{kind}")
        self.desk, self.kind, self.application = desk, kind, application
        self.setWindowTitle(f"{word(DECISIONS, kind)} · {application.number or ''}")
        self.layout_ = QVBoxLayout(self)
        heading = QLabel(f"{application.number or ''}  {application.data.get('name', '')}", self)
        heading.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(heading)
        self.top = QVBoxLayout()  # what the kind asks to choose (a checklist, the roster), above the fields
        self.layout_.addLayout(self.top, 1)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.checks: list[QCheckBox] = []
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("decision_note")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self._build()
        self.message = QLabel(self)
        self.message.setObjectName("decision_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.layout_.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("decide_ok")
        self.ok.setText(word(DECISIONS, kind))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    # -- what each kind asks for -----------------------------------------------------------------------------

    def _build(self) -> None:
        build = {"supplement": self._build_supplement, "refuse": lambda: self._build_grounds(REFUSAL_GROUNDS),
                 "terminate": lambda: self._build_grounds(TERMINATION_GROUNDS), "close": self._build_close,
                 "objection": self._build_objection}.get(self.kind)
        if build is not None:
            build()
        label = {"progress": self.tr("Progress"), "refuse": self.tr("Further reasons"),
                 "terminate": self.tr("Further reasons"), "objection": self.tr("Note")}.get(self.kind, self.tr("Note"))
        self.form.addRow(label, self.note)

    def _checklist(self, title: str, texts: list[str], name: str) -> None:
        box = QGroupBox(title, self)
        box.setObjectName(name)
        inner = QVBoxLayout(box)
        for text in texts:
            check = QCheckBox(text, box)
            inner.addWidget(check)
            self.checks.append(check)
        self.top.addWidget(box)

    def _build_supplement(self) -> None:
        held = {m.slot for m in self.application.materials if not m.voided}
        reference = default_reference()
        missing = [c for c in reference.choices("materials") if c.code not in held]
        self._checklist(self.tr("Missing materials (ask for all of them at once: Art. 43)"),
                        [c.label(language()) for c in missing], "supplement_items")
        self.deadline = QDateEdit(self)
        self.deadline.setObjectName("supplement_deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        today = today_in_china()  # the county's day, as the county checks the date
        self.deadline.setDateRange(_qdate(today), _qdate(today + timedelta(days=MAX_SUPPLEMENT_DAYS_AHEAD)))
        self.deadline.setDate(_qdate(today + timedelta(days=plan_periods().supplement_days)))
        self.form.addRow(self.tr("Supply by"), self.deadline)
        note = QLabel(self.tr("Not supplied by this date: the application counts as withdrawn."), self)
        note.setWordWrap(True)
        self.form.addRow("", note)

    def _build_grounds(self, grounds: tuple[str, ...]) -> None:
        title = self.tr("Grounds (Legal Aid Law Art. 48)") if self.kind == "terminate" else self.tr("Grounds")
        self._checklist(title, words(grounds), "decision_grounds")

    def _build_close(self) -> None:
        self.result = QComboBox(self)
        self.result.setObjectName("close_result")
        self.result.addItem("", None)
        for choice in default_reference().choices("closing_methods"):
            self.result.addItem(choice.label(language()), choice.code)
        self.form.addRow(self.tr("Result"), self.result)

    def _build_objection(self) -> None:
        self.answer = QPlainTextEdit(self)
        self.answer.setObjectName("objection_answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setMaximumHeight(90)
        self.answered_at = QDateEdit(self)
        self.answered_at.setObjectName("objection_answered_at")
        self.answered_at.setCalendarPopup(True)
        self.answered_at.setDisplayFormat("yyyy-MM-dd")
        today = today_in_china()
        self.answered_at.setDateRange(_qdate(today - timedelta(days=MAX_ANSWER_DAYS_BACK)), _qdate(today))
        self.answered_at.setDate(_qdate(today))
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("objection_outcome")
        self.outcome.addItem(self.tr("Choose..."), None)
        self.outcome.addItem(self.tr("Upheld"), "upheld")
        self.outcome.addItem(self.tr("Ordered corrected: the center decides again"), "corrected")
        hint = QLabel(self.tr("The applicant objected to the refusal or termination to the justice bureau (Art. 49); "
                              "record the bureau's answer."), self)
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.form.addRow(self.tr("The justice bureau's decision"), self.outcome)
        self.form.addRow(self.tr("The justice bureau's answer"), self.answer)
        self.form.addRow(self.tr("Answered on"), self.answered_at)

    # -- sending it --------------------------------------------------------------------------------------------

    def fields(self) -> dict[str, Any] | None:
        """The decision's fields, or None after saying what is missing."""
        note = self.note.toPlainText().strip()
        for text in (note, self.answer.toPlainText().strip() if self.kind == "objection" else ""):
            if len(text) > NOTE_LIMIT:  # said, never cut: the document would be issued from a part of it
                return self._missing(self.tr("Write at most %1 characters (now %2).").replace("%1", str(NOTE_LIMIT))
                                     .replace("%2", str(len(text))))
        chosen = [c.text() for c in self.checks if c.isChecked()]
        found: dict[str, Any] = {}
        if self.kind == "supplement":
            if not chosen:
                return self._missing(self.tr("Tick every missing material (at least one)."))
            found.update(items=chosen, deadline=self.deadline.date().toString("yyyy-MM-dd"))
        elif self.kind in ("refuse", "terminate"):
            reasons = chosen + ([note] if note else [])
            if not reasons:
                return self._missing(self.tr("Tick the grounds, or write the reasons."))
            found["reasons"] = reasons
            note = ""
        elif self.kind == "close":
            if self.result.currentData() is None:
                return self._missing(self.tr("Choose the result."))
            found["result"] = self.result.currentText()
        elif self.kind == "objection":
            answer = self.answer.toPlainText().strip()
            if self.outcome.currentData() is None:
                return self._missing(self.tr("Choose what the justice bureau decided."))
            if not answer:
                return self._missing(self.tr("Record the justice bureau's answer."))
            found.update(answer=answer, answered_at=self.answered_at.date().toString("yyyy-MM-dd"),
                         outcome=self.outcome.currentData())
        elif self.kind == "progress" and not note:
            return self._missing(self.tr("Write what happened."))
        if note:
            found["note"] = note
        return found

    def _missing(self, text: str) -> None:
        self.message.setText(text)
        return None

    def submit(self) -> None:
        fields = self.fields()
        if fields is None:
            return
        self.send(self.kind, fields)

    def send(self, kind: str, fields: dict[str, Any]) -> None:
        """The form stays open until the county answers: recorded closes it, a refusal is said in it."""
        self.message.setText("")
        application_id, version = self.application.application_id, self.application.view_version
        answer = on_its_way(self)
        self.desk.call(lambda client: client.decide(application_id, kind, fields, version), answer(self._recorded),
                       answer(self._refused))

    def _recorded(self, event: Any) -> None:
        self.decided.emit(event)
        self.accept()

    def _refused(self, text: str, error: BaseException) -> None:
        if isinstance(error, StaleView):
            self.ok.setEnabled(False)  # this form was for a view that is gone: look again before deciding
            text = stale_text(error)
            self.stale.emit()
        self.message.setText(text)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
