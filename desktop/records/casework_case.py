"""What a case must have reached before a record of its life after the decision is made (desktop/records/casework.py
links the record to the case first), and the dates such a record may carry beside the case's own.

Legal aid is given when the county center grants it and assigns someone (Art. 43), or gives it before review
(Art. 44 先行提供); the station knows it from the county's events, as the application's status: assigned, closed or
terminated (Art. 48 ends aid that was given). A closure report, a court attendance and a quality evaluation are
records of aid given; a refused application (and not corrected under Art. 49) takes none of them, nor an
application the center has not decided yet. A follow-up visit (回访) is made after the case closes (a closure report,
or the county's close or termination), on or after its closing day; a quality evaluation too. A closure is on or
after the day aid was given; a hearing the center sits in on, on or after the application was received.

These are rules of a version the station makes now (Store.save): records an older station already saved and sent
are not judged by them, and the county does not re-check them (sync/server/casework.py checks each record's own
fields, which these are not).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from .casework import TABLES
from .deadlines import AID_GIVEN, CLOSED, day_of, load_case_facts, standing
from .i18n import QT_TRANSLATE_NOOP
from .reference import default_reference
from .sqlcipher import sqlite3
from .validation import Issue

NEEDS_AID = ("closure", "court_attendance", "quality_evaluation")

M_REFUSED = QT_TRANSLATE_NOOP(
    "Validation", "Application {number} was refused (不予法律援助): a refused case takes no closure report, court "
                  "attendance, quality evaluation or follow-up visit.")
M_NO_AID = QT_TRANSLATE_NOOP(
    "Validation", "Application {number} is {status}: a closure report, court attendance or quality evaluation needs "
                  "legal aid given (the county assigned the case, or gave aid before review under Art. 44).")
M_NOT_CLOSED = QT_TRANSLATE_NOOP(
    "Validation", "Application {number} is {status} and not closed: a follow-up visit is made after the case closes "
                  "(its closure report, or the county's close).")
M_EVALUATED_OPEN = QT_TRANSLATE_NOOP(
    "Validation", "Quality is evaluated on closed cases: application {number} has no closure report and the county "
                  "has not closed it.")
M_BEFORE_RECEIVED = QT_TRANSLATE_NOOP(
    "Validation", "The date cannot be before application {number} was received ({received}).")
M_BEFORE_AID = QT_TRANSLATE_NOOP(
    "Validation", "A case closes on or after the day legal aid was given ({aided}).")
M_BEFORE_CLOSED = QT_TRANSLATE_NOOP(
    "Validation", "This comes after the case closed: the date cannot be before its closing day ({closed}).")
M_SECOND_EVALUATION = QT_TRANSLATE_NOOP(
    "Validation", "Application {number} already has a quality evaluation ({evaluated_on}, {score} points): edit or "
                  "void that one instead of adding a second.")

DATE_FIELD = {"closure": "closed_on", "court_attendance": "hearing_date", "quality_evaluation": "evaluated_on",
              "follow_up": "visited_on"}


def status_label(status: str | None) -> str:
    return default_reference().label("application_status", status or "recorded", "zh")


def why_not(record_type: str, status: str | None, closed: bool = False, aided: bool = False
            ) -> tuple[str, dict[str, str]] | None:
    """Why a record of `record_type` cannot be made on an application in `status` (closed: it has a closure report or
    the county closed or ended it; aided: a standing assignment, or aid before review), as (message, params beside
    the number); None when it can."""
    if record_type not in (*NEEDS_AID, "follow_up"):
        return None
    if status == "refused":
        return M_REFUSED, {}
    closed = closed or status in ("closed", "terminated")
    if record_type == "follow_up":
        return None if closed else (M_NOT_CLOSED, {"status": status_label(status)})
    if not aided:  # (terminated after the grant, before anyone was assigned: no aid was given)
        return M_NO_AID, {"status": status_label(status)}
    if record_type == "quality_evaluation" and not closed:
        return M_EVALUATED_OPEN, {}
    return None


def stage_of(conn: sqlite3.Connection, application_id: str) -> tuple[Any, date | None, date | None]:
    """The case's facts, its closing day and the day aid was given (None: not closed, not aided), by the decisions
    that stand (an Art. 49 correction undoes a refusal or a termination): the one reading of where a case is."""
    case = load_case_facts(conn, "a.id = ?", (application_id,)).get(application_id)
    if case is None:
        return None, None, None
    decisions = standing(case.decisions)[0]
    closed_day = case.closed_on or next((d.day for d in decisions if d.kind in CLOSED), None)
    return case, closed_day, next((d.day for d in decisions if d.kind in AID_GIVEN), None)


def why_not_now(conn: sqlite3.Connection, record_types: Iterable[str], application_id: str
                ) -> dict[str, tuple[str, dict[str, str]] | None]:
    """why_not of each of `record_types` for the application as the station holds it now, its stage read once (the
    window greys its 案件办理 entries with it)."""
    row = conn.execute("SELECT status FROM applications WHERE id = ?", (application_id,)).fetchone()
    if row is None:
        return {record_type: None for record_type in record_types}
    _case, closed_day, aided = stage_of(conn, application_id)
    return {record_type: why_not(record_type, row[0], closed_day is not None, aided is not None)
            for record_type in record_types}


def check_case(conn: sqlite3.Connection, record_type: str, data: dict[str, Any], number: str, application_id: str,
               status: str | None, record_id: str | None) -> list[Issue]:
    """The issues of a version made now of a record of `record_type` on application `number` (its id and status)."""
    if record_type not in DATE_FIELD:
        return []
    case, closed_day, aided = stage_of(conn, application_id)
    if case is None:  # no day of receipt: nothing to compare with
        return []
    reason = why_not(record_type, status, closed_day is not None, aided is not None)
    if reason is not None:
        return [Issue("case_number", reason[0], {"number": number, **reason[1]})]
    field = DATE_FIELD[record_type]
    day = day_of(data.get(field))
    issues = []
    if day is not None:
        if day < case.received:
            issues.append(Issue(field, M_BEFORE_RECEIVED, {"number": number, "received": case.received.isoformat()}))
        elif record_type == "closure" and aided is not None and day < aided:
            issues.append(Issue(field, M_BEFORE_AID, {"aided": aided.isoformat()}))
        elif record_type in ("follow_up", "quality_evaluation") and closed_day is not None and day < closed_day:
            issues.append(Issue(field, M_BEFORE_CLOSED, {"closed": closed_day.isoformat()}))
    if record_type == "quality_evaluation":
        issues.extend(_second_evaluation(conn, number, application_id, record_id))
    return issues


def _second_evaluation(conn: sqlite3.Connection, number: str, application_id: str, record_id: str | None) -> list[Issue]:
    row = conn.execute("SELECT evaluated_on, score FROM quality_evaluations WHERE application_id = ? AND +voided = 0 "
                       "AND id IS NOT ? ORDER BY evaluated_on LIMIT 1", (application_id, record_id)).fetchone()
    if row is None:
        return []
    return [Issue("case_number", M_SECOND_EVALUATION,
                  {"number": number, "evaluated_on": str(row[0] or ""), "score": str(row[1] if row[1] is not None else "")})]


def issues_on_save(conn: sqlite3.Connection, record_type: str, data: dict[str, Any],
                   record_id: str | None) -> list[Issue]:
    """What the case must have reached (aid given, closed) and the dates beside its own, for a case record the station
    saves now (Store._save_casework): rules of a version made now, not re-checked by the county, so the records older
    stations made still sync. An edit that keeps the record's case and date (a typo mended in a record an older
    station made) is not judged again: the rules bind what is made or moved now."""
    if record_type not in DATE_FIELD or not data.get("application_id"):
        return []
    if record_id is not None:
        field = DATE_FIELD[record_type]
        kept = conn.execute(f"SELECT application_id, {field} FROM {TABLES[record_type]} WHERE id = ?",
                            (record_id,)).fetchone()
        if kept is not None and kept[0] == data["application_id"] and day_of(kept[1]) == day_of(data.get(field)):
            return []
    status = conn.execute("SELECT status FROM applications WHERE id = ?", (data["application_id"],)).fetchone()
    return check_case(conn, record_type, data, data.get("case_number") or "", data["application_id"],
                      status[0] if status else None, record_id)
