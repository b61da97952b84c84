"""What the county decided on an application, as the station holds it, in the words the forms print.

The sync stores each decision the county sends as a `county_events` row (the whole event as canonical
JSON: kind, status, `at` on the county's clock, `by`, and the decision's `data`). The forms read them
here, on whatever connection the caller's thread owns (a worker's own one), never through Qt:

    decisions = county_decisions(db, record)          # every event of this application, in the county's order
    decisions.values()                                # {"decision_date": "2026-03-06", "refusal_reasons": [...], ...}

What each event kind carries today (sync/server decisions: the CLI's `decide` and the admin API):
accept {note}; supplement {items, note}; grant {note}; refuse {reasons, note};
assign {assignee_kind, name, firm, years_of_practice, minors_specialist, phone, lawyer_id, note};
progress {note}; close {result, note}. Fields the forms also read when the county sends them (the
county workspace adds them; until then the form prints a blank line, never an invented value):
`document_number` on every decision (the county's own number of the document it issued),
`deadline` (a date) or `days` on a supplement, `handling_organ` and `handling_organ_address` on an
assignment (the court or organ the 公函 is addressed to), `reasons` and `ground` on a terminate
event (Art. 48), `answer` and `answered_at` on an objection (Art. 49).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping

# The county's clock is UTC on the wire; its documents are dated in China, one time zone (UTC+8).
CHINA = timezone(timedelta(hours=8))


def local_date(at: str) -> str | None:
    """The calendar day in China of a county timestamp ('2026-03-05T17:30:00+00:00' -> '2026-03-06')."""
    if not isinstance(at, str) or not at:
        return None
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at[:10] if len(at) >= 10 else None
    if moment.tzinfo is None:  # a station-side or older value without a zone: taken as written
        return moment.date().isoformat()
    return moment.astimezone(CHINA).date().isoformat()


def county_of_center(center: str) -> str:
    """The county a legal-aid center is named after ('青山县法律援助中心' -> '青山县'); '' when it does not say."""
    suffix = "法律援助中心"
    return center[:-len(suffix)] if center.endswith(suffix) and len(center) > len(suffix) else ""


@dataclass(frozen=True)
class CountyEvent:
    """One decision of the county on one application."""

    seq: int
    kind: str
    at: str
    by: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        return local_date(self.at)

    def text(self, name: str) -> str | None:
        value = self.data.get(name)
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return None

    def items(self, name: str) -> list[str]:
        """A list field (items, reasons) as clean strings; a single string counts as one item."""
        value = self.data.get(name)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        return [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]


# The values read from the latest event of a kind: (kind, value name, "date" | "text:FIELD" | "items:FIELD").
FROM_LATEST: tuple[tuple[str, str, str], ...] = (
    ("accept", "accept_date", "date"),
    ("supplement", "supplement_items", "items:items"), ("supplement", "supplement_date", "date"),
    ("supplement", "supplement_deadline", "text:deadline"), ("supplement", "supplement_days", "text:days"),
    ("supplement", "supplement_number", "text:document_number"),
    ("grant", "grant_date", "date"), ("grant", "grant_number", "text:document_number"),
    ("refuse", "refusal_date", "date"), ("refuse", "refusal_reasons", "items:reasons"),
    ("refuse", "refusal_number", "text:document_number"),
    ("assign", "assign_number", "text:document_number"), ("assign", "letter_number", "text:letter_number"),
    ("close", "close_date", "date"), ("close", "close_result", "text:result"),
    ("terminate", "terminate_date", "date"), ("terminate", "terminate_reasons", "items:reasons"),
    ("terminate", "terminate_ground", "text:ground"), ("terminate", "terminate_number", "text:document_number"),
    ("advance", "advance_date", "date"), ("advance", "advance_number", "text:document_number"),
    ("objection", "objection_date", "date"), ("objection", "objection_answer", "text:answer"),
)


@dataclass(frozen=True)
class CountyDecisions:
    """Every county event of one application, oldest first; `linked`: what the forms read from the records
    linked to the one printed (a follow-up's case; a case's latest closure report), below the record's own data."""

    events: tuple[CountyEvent, ...] = ()
    linked: Mapping[str, Any] = field(default_factory=dict)
    # the documents the county issued on it, as the station fetched and verified them: form -> SHA-256 in the
    # vault (sync/county_documents.py); the latest of each form. Printed as issued (forms/render.py).
    issued: Mapping[str, str] = field(default_factory=dict)

    def latest(self, kind: str) -> CountyEvent | None:
        for event in reversed(self.events):
            if event.kind == kind:
                return event
        return None

    def all(self, kind: str) -> list[CountyEvent]:
        return [e for e in self.events if e.kind == kind]

    def has(self, kind: str) -> bool:
        return self.latest(kind) is not None

    def values(self) -> dict[str, Any]:
        """The placeholder values the county's decisions give the forms (resources/forms/README.md)."""
        out: dict[str, Any] = {}

        def put(name: str, value: Any) -> None:
            if value not in (None, "", [], ()):
                out[name] = value

        for kind, name, what in FROM_LATEST:
            event = self.latest(kind)
            if event is not None:
                source, _, field_name = what.partition(":")
                put(name, event.date if source == "date" else
                    event.items(field_name) if source == "items" else event.text(field_name))
        decided = next((e for e in reversed(self.events) if e.kind in ("grant", "refuse")), None)
        if decided:
            put("decision_result", decided.kind)
            put("decision_date", decided.date)
            put("decision_note", decided.text("note"))
        ended = next((e for e in reversed(self.events) if e.kind in ("close", "terminate")), None)
        if ended:  # the closure report prints the latest of the two when the station filed none (forms/values.py)
            put("case_end", ended.kind)
        assignments = self.all("assign")
        if assignments:
            self._assignment(assignments[-1], put, "")
            for earlier in reversed(assignments):  # the court or organ stays when the assignee changes
                if "handling_organ" not in out:
                    put("handling_organ", earlier.text("handling_organ"))
                    put("handling_organ_address", earlier.text("handling_organ_address"))
            if len(assignments) > 1:  # a later assignment replaces the earlier assignee (更换法律援助人员)
                self._assignment(assignments[-2], put, "previous_")
                put("change_date", assignments[-1].date)
                reason = assignments[-1].text("reason") or assignments[-1].text("note") or ""
                put("change_reason", reason.rstrip("。.；;，, "))  # the notice goes on "因……，本机构决定更换"
                # its own field since the new assignee also gets a 指派通知书; a change recorded before had only this one
                put("change_number", assignments[-1].text("change_number") or assignments[-1].text("document_number"))
        progress = self.all("progress")
        if progress:
            put("progress_notes", [f"{e.date or ''} {e.text('note') or ''}".strip() for e in progress])
        return out

    @staticmethod
    def _assignment(event: CountyEvent, put, prefix: str) -> None:
        kind = event.text("assignee_kind") or "lawyer"
        name = event.text("name")
        if kind == "law_firm":  # the firm itself was assigned: it names its lawyer
            put(prefix + "law_firm", name)
        else:
            put(prefix + "lawyer_name", name)
            put(prefix + "law_firm", event.text("firm"))
        put(prefix + "lawyer_phone", event.text("phone"))
        put(prefix + "lawyer_years", event.text("years_of_practice"))
        put(prefix + "assign_date", event.date)


NO_DECISIONS = CountyDecisions()

# Every value CountyDecisions.values() may give, with what it is (forms name them in placeholders).
COUNTY_VALUES: dict[str, str] = {
    "accept_date": "受理日期", "decision_result": "审批结果（grant 或 refuse）", "decision_note": "审批说明", "supplement_items": "需要补充的材料", "supplement_date": "补充材料通知日期",
    "supplement_deadline": "补充材料期限（日期）", "supplement_days": "补充材料期限（日）",
    "supplement_number": "补充材料通知书编号", "decision_date": "决定日期", "grant_date": "给予决定日期",
    "grant_number": "给予决定书编号", "refusal_date": "不予决定日期", "refusal_reasons": "不予法律援助的理由",
    "refusal_number": "不予决定书编号", "lawyer_name": "法律援助人员", "law_firm": "承办单位（律师事务所等）",
    "lawyer_phone": "法律援助人员电话", "lawyer_years": "执业年限", "assign_date": "指派日期",
    "assign_number": "指派通知书编号", "letter_number": "公函编号", "handling_organ": "办案机关",
    "handling_organ_address": "办案机关地址", "previous_lawyer_name": "原法律援助人员",
    "previous_law_firm": "原承办单位", "previous_lawyer_phone": "原法律援助人员电话",
    "previous_lawyer_years": "原法律援助人员执业年限", "previous_assign_date": "原指派日期",
    "change_date": "更换日期", "change_reason": "更换理由", "change_number": "更换通知书编号",
    "progress_notes": "办理进展", "case_end": "县中心最近结束案件的方式（close 结案或 terminate 终止）",
    "close_date": "结案日期", "close_result": "办理结果",
    "terminate_date": "终止决定日期", "terminate_reasons": "终止法律援助的理由", "terminate_ground": "终止依据",
    "terminate_number": "终止决定书编号", "advance_date": "先行提供法律援助批准日期",
    "advance_number": "先行提供法律援助编号", "objection_date": "异议日期", "objection_answer": "异议处理结果",
}


def county_decisions(db: Any, record: Any) -> CountyDecisions:
    """The county's events of an application record (by its id or number) on `db`, oldest first.

    `db`: a sqlite3 connection or desktop.records.connection.Database of the station, owned by the calling thread.
    A record that is not an application, or a database without the table, has none.
    """
    if record is None:
        return NO_DECISIONS
    if getattr(record, "record_type", "application") != "application":
        return _linked_case(db, record)
    record_id = getattr(record, "id", None)
    number = getattr(record, "number", None) or (getattr(record, "data", None) or {}).get("number")
    if not record_id and not number:
        return NO_DECISIONS
    try:
        rows = db.execute("SELECT seq, kind, data, decided_at FROM county_events WHERE application_id = ? "
                          "OR application_number = ? ORDER BY seq", (record_id or "", number or "")).fetchall()
    except Exception as exc:  # noqa: BLE001 - a closed or foreign database raises its own kind
        if "no such table" in str(exc):
            return NO_DECISIONS
        raise
    events = []
    for seq, kind, data, decided_at in rows:
        try:
            event = json.loads(data)
        except ValueError:
            continue  # stored by the sync as canonical JSON; an unreadable row is not a decision
        payload = event.get("data") if isinstance(event, dict) else None
        events.append(CountyEvent(int(seq), str(kind), str(event.get("at") or decided_at or ""),
                                  str(event.get("by") or ""), payload if isinstance(payload, dict) else {}))
    issued = {form: sha256 for form, sha256 in _rows(
        db, "SELECT form, sha256 FROM county_documents WHERE application_id = ? ORDER BY event_seq",
        (record_id or "",))}
    return CountyDecisions(tuple(events), _latest_closure(db, record_id), issued)


def _rows(db: Any, sql: str, params: tuple) -> list:
    try:
        return db.execute(sql, params).fetchall()
    except Exception as exc:  # noqa: BLE001 - a closed or foreign database raises its own kind
        if "no such table" in str(exc):
            return []
        raise


def _latest_closure(db: Any, application_id: str | None) -> dict[str, Any]:
    """The case's latest closure report (issue 14): the closure report form prints its handling and result."""
    rows = _rows(db, "SELECT data FROM closures WHERE application_id = ? AND +voided = 0 ORDER BY closed_on DESC, "
                     "rownum DESC LIMIT 1", (application_id or "",))
    return json.loads(rows[0][0]) if rows else {}


@dataclass(frozen=True)
class _Application:
    record_type: str
    id: str
    number: str
    data: Mapping[str, Any]


def _linked_case(db: Any, record: Any) -> CountyDecisions:
    """A record linked to a case (a follow-up, attendance, evaluation, closure report): the case's decisions,
    and its data for the form (applicant, cause, number); a consultation's follow-up: the consultation's data."""
    data = getattr(record, "data", None) or {}
    if data.get("application_id"):
        rows = _rows(db, "SELECT id, number, data FROM applications WHERE id = ?", (data["application_id"],))
        if rows:
            application = _Application("application", rows[0][0], rows[0][1], json.loads(rows[0][2]))
            decisions = county_decisions(db, application)
            return CountyDecisions(decisions.events, {**application.data, "number": application.number})
    if data.get("consultation_id"):
        rows = _rows(db, "SELECT data FROM consultations WHERE id = ?", (data["consultation_id"],))
        if rows:
            return CountyDecisions((), json.loads(rows[0][0]))
    return NO_DECISIONS
