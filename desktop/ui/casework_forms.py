"""The forms of the records after the decision (issue 14): follow-up visit (回访), court attendance (旁听庭审),
quality evaluation (质量评查), closure report (结案), complaint (投诉) and outreach event (外出服务/专项活动).

Each is a RecordForm: its sections, its defaults, what it shows as the rules say. A record of a case starts from
the case (`new_for_case`: its number filled in, and for a closure report what the county's close said); saving,
linking and checking are the store's (desktop/records/casework.py).
"""

from __future__ import annotations

import html
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.records.complaint_answers import ANSWER, CenterStep, center_steps
from desktop.records.quality import quality_scheme
from desktop.records.station import Station
from desktop.records.store import Record

from .i18n import language
from .record_form import RecordForm, Section


def _today() -> str:
    return date.today().isoformat()


class CaseRecordForm(RecordForm):
    """A record that belongs to one case: named by its application number."""

    first_field = "case_number"

    def titles(self) -> tuple[str, str]:
        """(header of a new record, header of a saved one)."""
        raise NotImplementedError

    def defaults(self) -> dict[str, Any]:
        return {}

    def current_clerk(self) -> str | None:
        return self.current_user()  # the signed-in account

    def new_for_case(self, number: str, extra: dict[str, Any] | None = None) -> None:
        """Start a record of the case numbered `number` (from the case's own page)."""
        self.new_record({"case_number": number, **(extra or {})})
        self.focus_next_after_case()

    def focus_next_after_case(self) -> None:
        names = [n for _, _, names in self.sections() for n in names]
        following = names[names.index("case_number") + 1] if "case_number" in names else names[0]
        self.editors[following].widget.setFocus()

    def _update_header(self) -> None:
        new, saved = self.titles()
        self.header.setText(new if self.record is None else saved)
        self.update_rules()


class FollowUpForm(CaseRecordForm):
    record_type = "follow_up"

    def titles(self) -> tuple[str, str]:
        return self.tr("New follow-up visit"), self.tr("Follow-up visit")

    def sections(self) -> list[Section]:
        return [("visit", self.tr("Visit"), ("case_number", "visited_on", "visit_method", "visitor", "visited_person")),
                ("findings", self.tr("What the recipient said"), (
                    "lawyer_contacted", "progress_told", "fees_taken", "attitude", "satisfaction", "finding",
                    "action_taken"))]

    def defaults(self) -> dict[str, Any]:
        return {"visited_on": _today(), "visit_method": "phone", "visitor": self.current_clerk()}

    def update_rules(self) -> None:
        # a consultation's follow-up (需要回访) has no case
        self.editors["case_number"].set_required(not self.links.get("consultation_id"))


class CourtAttendanceForm(CaseRecordForm):
    record_type = "court_attendance"

    def titles(self) -> tuple[str, str]:
        return self.tr("New court attendance"), self.tr("Court attendance")

    def sections(self) -> list[Section]:
        return [("hearing", self.tr("Hearing"), ("case_number", "court_name", "hearing_date", "hearing_place",
                                                  "procedure", "observers")),
                ("rating", self.tr("How the lawyer did"), ("preparation", "evidence_rating", "argument_rating",
                                                           "conduct_rating", "overall", "hearing_record",
                                                           "attendance_opinion"))]

    def defaults(self) -> dict[str, Any]:
        return {"observers": self.current_clerk()}


class QualityEvaluationForm(CaseRecordForm):
    """The county's scheme's items (data), each scored; the total and grade follow as they are typed."""

    record_type = "quality_evaluation"

    def titles(self) -> tuple[str, str]:
        return self.tr("New quality evaluation"), self.tr("Quality evaluation")

    def __init__(self, station: Station, parent: QWidget | None = None):
        super().__init__(station, parent)
        for name in ("score", "grade"):
            self.editors[name].set_read_only(True)
        for item in quality_scheme().items:
            self.editors[item.field].widget.setToolTip(f"{item.standard}（{item.max}）")

    def sections(self) -> list[Section]:
        scores = tuple(item.field for item in quality_scheme().items)
        return [("evaluation", self.tr("Evaluation"), ("case_number", "evaluated_on", "evaluator")),
                ("scores", self.tr("Items of the county's scheme"), scores),
                ("grade", self.tr("Grade"), ("score", "grade", "evaluation_opinion"))]

    def defaults(self) -> dict[str, Any]:
        return {"evaluated_on": _today(), "evaluator": self.current_clerk()}

    def update_rules(self) -> None:
        scheme = quality_scheme()
        values = {item.field: self.editors[item.field].value() for item in scheme.items}
        total = scheme.total(values)
        for name, value in (("score", total), ("grade", scheme.grade(total))):
            editor = self.editors[name]
            if editor.value() != value:
                editor.blockSignals(True)
                editor.set_value(value)
                editor.blockSignals(False)


class ClosureForm(CaseRecordForm):
    record_type = "closure"

    def titles(self) -> tuple[str, str]:
        return self.tr("New closure report"), self.tr("Closure report")

    def sections(self) -> list[Section]:
        return [("closing", self.tr("Closing"), ("case_number", "closed_on", "closing_method", "litigation_case",
                                                 "heard_in_court", "archived_on")),
                ("result", self.tr("Handling and result"), ("closure_result", "closure_summary", "amount_recovered",
                                                            "recipient_opinion"))]

    def defaults(self) -> dict[str, Any]:
        return {"closed_on": _today()}


class ComplaintForm(CaseRecordForm):
    record_type = "complaint"
    first_field = "complainant"

    def titles(self) -> tuple[str, str]:
        return self.tr("New complaint"), self.tr("Complaint")

    def __init__(self, station: Station, parent: QWidget | None = None):
        super().__init__(station, parent)
        self.editors["number"].set_read_only(True)
        self.editors["number"].widget.setPlaceholderText(self.tr("Given when saved"))
        # what the county center recorded (it comes with the sync): shown apart, read-only, never the station's fields
        self.center = QGroupBox(self.tr("Handling by the county legal-aid center (recorded by the center; "
                                        "read-only)"), self)
        self.center.setObjectName("section_center")
        self.center.setStyleSheet("QGroupBox#section_center { background: #eef4fb; }")
        self.center_text = QLabel(self.center)
        self.center_text.setObjectName("center_handling")
        self.center_text.setWordWrap(True)
        self.center_text.setTextFormat(Qt.TextFormat.RichText)
        self.center_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.center).addWidget(self.center_text)
        body = self.scroll.widget().layout()
        body.insertWidget(body.count() - 1, self.center)  # after the sections, above the stretch
        self.show_beside()

    def load(self, record: Record) -> None:
        super().load(record)
        self.show_beside()

    def new_record(self, prefill: dict[str, Any] | None = None) -> None:
        super().new_record(prefill)
        self.show_beside()

    def show_beside(self) -> None:
        """The center's steps and answer for the complaint shown (none for a new one)."""
        if not hasattr(self, "center"):
            return  # the form's first new_record, before the section exists
        steps = center_steps(self.station.db, self.record.id) if self.record is not None else []
        self.center_text.setText("<br><br>".join(self._step_text(step) for step in steps))
        self.center.setVisible(bool(steps))

    def _step_text(self, step: CenterStep) -> str:
        try:
            when = datetime.fromisoformat(step.at).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = step.at
        said = (self.tr("%1 %2 answered:") if step.handling == ANSWER else self.tr("%1 %2:"))
        found = f"<b>{html.escape(said.replace('%1', when).replace('%2', step.by))}</b> {html.escape(step.text)}"
        if step.handling == ANSWER:
            reference = self.store.reference
            satisfaction = reference.label("satisfaction_levels", step.satisfaction, language()) \
                if step.satisfaction else self.tr("not known")
            found += "<br>" + html.escape(self.tr("Answered on %1, by %2; the complainant's satisfaction: %3")
                                          .replace("%1", step.answered_on or "")
                                          .replace("%2", reference.label("reply_methods", step.reply_method,
                                                                         language()))
                                          .replace("%3", satisfaction))
        return found

    def sections(self) -> list[Section]:
        return [("complaint", self.tr("Complaint"), ("number", "complained_at", "complaint_channel", "registrar",
                                                     "case_number")),
                ("complainant", self.tr("Complainant"), ("complainant", "complainant_phone", "complainant_address")),
                ("against", self.tr("Against whom, and why"), ("respondent_kind", "respondent", "respondent_unit",
                                                               "matter")),
                ("handling", self.tr("Handling and answer"), ("handling", "result", "reply_date", "reply_method",
                                                              "complainant_satisfaction"))]

    def defaults(self) -> dict[str, Any]:
        return {"complained_at": datetime.now().strftime("%Y-%m-%dT%H:%M"), "complaint_channel": "visit",
                "registrar": self.current_clerk()}

    def update_rules(self) -> None:
        self.editors["reply_method"].set_required(bool(self.editors["reply_date"].value()))


class OutreachEventForm(CaseRecordForm):
    """An outreach event; its consultations are entered one after another from here (quick entry)."""

    record_type = "outreach_event"
    first_field = "title"
    quickEntryRequested = Signal(object)  # the saved event's Record

    def titles(self) -> tuple[str, str]:
        return self.tr("New outreach event"), self.tr("Outreach event")

    def __init__(self, station: Station, parent: QWidget | None = None):
        super().__init__(station, parent)
        self.quick_button = QPushButton(self.tr("Enter consultations... (Ctrl+Shift+Q)"), self)
        self.quick_button.setObjectName("quick_consultations")
        self.quick_button.setAutoDefault(False)
        # a shortcut of its own: a button's shortcut clicks it a moment later, this one at once
        QShortcut(QKeySequence("Ctrl+Shift+Q"), self, self.request_quick_entry,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.quick_button.setToolTip(self.tr("Enter the consultations taken at this event one after another, "
                                             "by keyboard"))
        self.quick_button.clicked.connect(self.request_quick_entry)
        self.extra_actions.addWidget(self.quick_button)
        self.update_rules()

    def sections(self) -> list[Section]:
        return [("event", self.tr("Event"), ("title", "event_type", "held_on", "place", "unit", "staff",
                                             "people_reached", "event_note"))]

    def defaults(self) -> dict[str, Any]:
        return {"held_on": _today(), "staff": self.current_clerk()}

    def update_rules(self) -> None:
        if hasattr(self, "quick_button"):
            self.quick_button.setEnabled(self.record is None or not self.record.voided)  # a new event is saved first

    def request_quick_entry(self) -> None:
        if self.record is None or self.is_dirty():
            if self.save() is None:
                return
        self.quickEntryRequested.emit(self.record)


CASEWORK_FORMS: dict[str, type[CaseRecordForm]] = {
    "follow_up": FollowUpForm, "court_attendance": CourtAttendanceForm, "quality_evaluation": QualityEvaluationForm,
    "closure": ClosureForm, "complaint": ComplaintForm, "outreach_event": OutreachEventForm,
}
