"""The records of a case's life after the decision, and of outreach (issue 14), as the store keeps them.

Follow-up visits (回访), court attendance (旁听庭审), quality evaluations (质量评查) and closure reports (结案)
belong to one case: the clerk names it by its application number (`case_number`, filled in when the record
is started from the case), and the store links the record to that application of this station
(`application_id`, kept with the data like the other links). A follow-up may instead belong to a
consultation flagged 需要回访 (`consultation_id`). Complaints (投诉) get a number of their own;
outreach events (外出服务/专项活动) are what a consultation taken there links to (`outreach_event_id`).

The store calls in here for what differs from a consultation or an application: the table, the columns
its list and the indicators read, what is searched, the link, and derived values (a quality total).
"""

from __future__ import annotations

from .sqlcipher import sqlite3
from typing import Any

from .i18n import QT_TRANSLATE_NOOP
from .quality import quality_scheme
from .sortkey import name_key
from .validation import Issue

CASE_LINKED = ("follow_up", "court_attendance", "quality_evaluation", "closure")
CASEWORK_TYPES = (*CASE_LINKED, "complaint", "outreach_event")
TABLES = {"follow_up": "follow_ups", "court_attendance": "court_attendances",
          "quality_evaluation": "quality_evaluations", "closure": "closures", "complaint": "complaints",
          "outreach_event": "outreach_events"}
SEARCHED_FIELDS = {
    "follow_up": ("case_number", "visitor", "visited_person", "finding", "action_taken"),
    "court_attendance": ("case_number", "court_name", "observers", "hearing_record", "attendance_opinion"),
    "quality_evaluation": ("case_number", "evaluator", "evaluation_opinion"),
    "closure": ("case_number", "closure_result", "closure_summary"),
    "complaint": ("number", "complainant", "complainant_phone", "respondent", "respondent_unit", "case_number",
                  "matter", "handling", "result"),
    "outreach_event": ("title", "place", "unit", "staff", "event_note"),
}
# who a record is about, searched before its text (desktop/records/search.py; the applicant's name, a column of the
# row, is added to both: desktop/records/casework_index.py)
WHO_FIELDS = {
    **{record_type: ("case_number",) for record_type in ("court_attendance", "quality_evaluation", "closure")},
    "follow_up": ("case_number", "visited_person"),
    "complaint": ("number", "complainant", "complainant_phone", "case_number"),
    "outreach_event": ("title", "unit"),
}
NAME_SORTED = {"complaint": "complainant"}  # a list column beside person_name that sorts by the name's pinyin key
TIME_FIELD = {"follow_up": "visited_on", "court_attendance": "hearing_date", "quality_evaluation": "evaluated_on",
              "closure": "closed_on", "complaint": "complained_at", "outreach_event": "held_on"}
# what each list shows (desktop/records/queries.py pages through them like the consultations' and applications')
LIST_COLUMNS = {
    "follow_up": ("visited_on", "case_number", "person_name", "visit_method", "satisfaction", "visitor"),
    "court_attendance": ("hearing_date", "case_number", "person_name", "court_name", "overall", "observers"),
    "quality_evaluation": ("evaluated_on", "case_number", "person_name", "score", "grade", "evaluator"),
    "closure": ("closed_on", "case_number", "person_name", "closing_method", "litigation", "archived_on"),
    "complaint": ("number", "complained_at", "complainant", "complaint_channel", "respondent_kind", "reply_date",
                  "satisfaction"),
    "outreach_event": ("held_on", "title", "event_type", "place", "unit", "people_reached"),
}
CODE_LISTS = {
    "follow_up": {"visit_method": "follow_up_methods", "satisfaction": "satisfaction_levels"},
    "court_attendance": {"overall": "quality_grades"},
    "quality_evaluation": {"grade": "quality_grades"},
    "closure": {"closing_method": "closing_methods"},
    "complaint": {"complaint_channel": "complaint_channels", "respondent_kind": "respondent_kinds",
                  "satisfaction": "satisfaction_levels"},
    "outreach_event": {"event_type": "outreach_types"},
}
COMPLAINT_PREFIX = "C"  # TS01-C-2026-00003: the station's complaint numbers, apart from its applications'

M_NO_CASE = QT_TRANSLATE_NOOP("Validation", "Enter the application number of the case (for example TS01-2026-00012).")
M_UNKNOWN_CASE = QT_TRANSLATE_NOOP("Validation", "This station has no application numbered {number}; check the number.")
M_VOID_CASE = QT_TRANSLATE_NOOP("Validation", "Application {number} is void; records cannot be added to it.")
M_CASE_CHANGED = QT_TRANSLATE_NOOP("Validation", "A record stays with its case; void it and record it again for "
                                                 "another case.")


def is_casework(record_type: str) -> bool:
    return record_type in TABLES


def link_case(conn: sqlite3.Connection, record_type: str, data: dict[str, Any], record_id: str | None) -> None:
    """Resolve `case_number` to the application it names (data["application_id"]); ValidationFailed-style
    issues are raised as a list through `CaseLinkError`. A consultation's follow-up needs no case. What the case
    must have reached, and the dates beside its own, the store checks next (casework_case.py)."""
    if record_type not in CASE_LINKED and not (record_type == "complaint" and data.get("case_number")):
        return
    number = data.get("case_number")
    if not number:
        if record_type == "follow_up" and data.get("consultation_id"):
            return
        raise CaseLinkError([Issue("case_number", M_NO_CASE)])
    row = conn.execute("SELECT id, voided, status FROM applications WHERE number = ?", (number,)).fetchone()
    if row is None:
        raise CaseLinkError([Issue("case_number", M_UNKNOWN_CASE, {"number": number})])
    application_id, voided, status = row
    if record_type == "complaint":  # a complaint only names the case; it does not belong to it
        return
    if voided:
        raise CaseLinkError([Issue("case_number", M_VOID_CASE, {"number": number})])
    if record_id is not None and data.get("application_id") not in (None, application_id):
        raise CaseLinkError([Issue("case_number", M_CASE_CHANGED)])
    data["application_id"] = application_id


class CaseLinkError(Exception):
    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(i.text() for i in issues))
        self.issues = issues


def derive(record_type: str, data: dict[str, Any]) -> None:
    """Values that follow from others: a quality evaluation's total and grade follow the county's scheme."""
    if record_type == "quality_evaluation":
        scheme = quality_scheme()
        total = scheme.total(data)
        data["score"] = total
        data["grade"] = scheme.grade(total)


def indexed_columns(conn: sqlite3.Connection, record_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """The columns beside `data` that the lists, deadlines and indicators read."""
    if record_type == "outreach_event":
        return {"held_on": data["held_on"], "event_type": data.get("event_type"), "title": data.get("title"),
                "place": data.get("place"), "unit": data.get("unit"), "people_reached": data.get("people_reached"),
                "person_name": data.get("title") or "", "name_key": name_key(data.get("title"))}
    if record_type == "complaint":
        return {"number": data.get("number"), "complained_at": data["complained_at"],
                "complaint_channel": data.get("complaint_channel"), "complainant": data.get("complainant"),
                "respondent_kind": data.get("respondent_kind"), "reply_date": data.get("reply_date"),
                "satisfaction": data.get("complainant_satisfaction"), "case_number": data.get("case_number"),
                "person_name": data.get("complainant") or "", "name_key": name_key(data.get("complainant"))}
    person = _person_name(conn, data)
    common = {"application_id": data.get("application_id"), "case_number": data.get("case_number"),
              "person_name": person, "name_key": name_key(person)}
    if record_type == "follow_up":
        return {**common, "consultation_id": data.get("consultation_id"), "visited_on": data["visited_on"],
                "visit_method": data.get("visit_method"), "visitor": data.get("visitor"),
                "satisfaction": data.get("satisfaction")}
    if record_type == "court_attendance":
        return {**common, "hearing_date": data["hearing_date"], "court_name": data.get("court_name"),
                "observers": data.get("observers"), "overall": data.get("overall")}
    if record_type == "quality_evaluation":
        return {**common, "evaluated_on": data["evaluated_on"], "evaluator": data.get("evaluator"),
                "score": data.get("score"), "grade": data.get("grade")}
    return {**common, "closed_on": data["closed_on"], "closing_method": data.get("closing_method"),
            "litigation": int(bool(data.get("litigation_case"))), "heard_in_court": int(bool(data.get("heard_in_court"))),
            "archived_on": data.get("archived_on")}


def _person_name(conn: sqlite3.Connection, data: dict[str, Any]) -> str:
    """The name the list shows: the case's applicant, or the consultation's person."""
    if data.get("application_id"):
        row = conn.execute("SELECT person_name FROM applications WHERE id = ?", (data["application_id"],)).fetchone()
        if row:
            return row[0] or ""
    if data.get("consultation_id"):
        row = conn.execute("SELECT person_name FROM consultations WHERE id = ?", (data["consultation_id"],)).fetchone()
        if row:
            return row[0] or ""
    return data.get("visited_person") or ""


# -- the rules validation.validate() adds for these records --------------------------------------------------

