"""What the county said, at the station (Qt-free): its events as the sync records them, and every
question the window asks about them - the 县中心 page's list, the unread count, marking read, the
changes the county returned with whom they concern, an application's county status and decisions.

The county owns an application's status: an event sets the `status` column (a voided application
stays voided); the record's data, version and history are the station's and are not touched.
The reads are small and indexed, so the UI thread may run them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.records import complaint_answers
from desktop.records.canonical import canonical_json, local_now
from desktop.records.db import write_transaction
from desktop.records.casework import TABLES as CASEWORK_TABLES
from desktop.records.reference import default_reference
from sync.limits import MAX_COMPLAINT_STEP_CHARS, MAX_COMPLAINT_STEPS, MAX_HANDLER_CHARS, MAX_ID_CHARS
from sync.outbox import quarantined_changes
from sync.protocol import COMPLAINT_EVENT, EVENT_KINDS

log = logging.getLogger(__name__)

MAX_EVENTS = 1000  # the newest; a clerk never scrolls further, and the list stays instant at 10,000 events


# -- recording (a network round and a USB reply alike) --------------------------------------------

def record_event(conn, event: dict[str, Any], now: str) -> bool:
    """Keep one county event (once: by its seq and id), inside the caller's transaction; whether it was new."""
    kind = event.get("kind")
    if kind == COMPLAINT_EVENT:  # the center's handling of one of our complaints: kept beside the complaint
        return keep_complaint_step(conn, event, now)
    if kind not in EVENT_KINDS:
        log.warning("ignoring an unknown county event kind %r (a newer server?)", kind)
    inserted = conn.execute(
        "INSERT INTO county_events (seq, event_id, kind, application_number, application_id, data, decided_at, "
        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (event["seq"], event["event_id"], kind, event.get("application_number"), event.get("application_id"),
         canonical_json(event), event.get("at", ""), now)).rowcount
    status = event.get("status")
    if inserted and status:
        # The county owns the status; a voided application stays voided. A decision belongs to the application's
        # id (the number only for an event without one): a new application reusing a number inherits nothing.
        if event.get("application_id"):
            conn.execute("UPDATE applications SET status = ? WHERE id = ? AND voided = 0",
                         (status, event["application_id"]))
        else:
            conn.execute("UPDATE applications SET status = ? WHERE number = ? AND voided = 0",
                         (status, event.get("application_number")))
    return inserted > 0


def complaint_step(event: dict[str, Any]) -> complaint_answers.CenterStep:
    """The center's handling step an event carries, checked as anything from another machine is (signed by the
    county, still bounded and of the county's own lists); ValueError naming what is wrong."""
    data = event.get("data")
    if not isinstance(data, dict):
        raise ValueError("no data")
    seq, at, by = event.get("seq"), event.get("at"), event.get("by")
    complaint_id, handling, text = data.get("complaint_id"), data.get("handling"), data.get("text")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValueError("no event number")
    if not isinstance(complaint_id, str) or not 0 < len(complaint_id) <= MAX_ID_CHARS:
        raise ValueError("no complaint id")
    if handling not in complaint_answers.HANDLING_KINDS:
        raise ValueError(f"unknown handling {str(handling)[:20]!r}")
    if not isinstance(text, str) or not 0 < len(text) <= MAX_COMPLAINT_STEP_CHARS:
        raise ValueError("no text, or too long")
    if not isinstance(by, str) or not 0 < len(by) <= MAX_HANDLER_CHARS:
        raise ValueError("no name of who recorded it, or too long")
    if not isinstance(at, str) or not 0 < len(at) <= 40:
        raise ValueError("no time")
    answer = (data.get("answered_on"), data.get("reply_method"), data.get("satisfaction"))
    if handling == complaint_answers.STEP:
        if answer != (None, None, None):
            raise ValueError("a step carries no answer")
    else:
        reference = default_reference()
        try:
            date.fromisoformat(answer[0])
        except (TypeError, ValueError) as exc:
            raise ValueError("no answer date") from exc
        if len(answer[0]) != 10 or answer[1] not in {c.code for c in reference.choices("reply_methods")} or \
                (answer[2] is not None and answer[2] not in {c.code for c in reference.choices("satisfaction_levels")}):
            raise ValueError("an answer's date, method or satisfaction is not of the lists")
    return complaint_answers.CenterStep(seq, complaint_id, handling, at, by, text, *answer)


def keep_complaint_step(conn, event: dict[str, Any], now: str) -> bool:
    """Keep the center's handling step of one of this station's complaints (once, by its seq), in the caller's
    transaction; a step that does not check, names no complaint of ours, or is one too many is left out (logged):
    the station's own record is never touched."""
    try:
        step = complaint_step(event)
    except ValueError as exc:
        log.warning("ignoring the county's complaint handling event %r: %s", str(event.get("seq"))[:20], exc)
        return False
    if complaint_answers.steps_kept(conn, step.complaint_id) >= MAX_COMPLAINT_STEPS:
        log.warning("ignoring the county's complaint handling event %s: the complaint has %d steps already",
                    step.seq, MAX_COMPLAINT_STEPS)
        return False
    return complaint_answers.keep(conn, step, now)


# -- the county's decisions -----------------------------------------------------------------------

@dataclass(frozen=True)
class CountyEvent:
    seq: int
    kind: str
    number: str | None
    application_id: str | None  # the station's id of the application (local first, else the county's copy)
    applicant: str
    decided_at: str  # the county's clock
    seen: bool
    details: dict[str, Any] = field(default_factory=dict)  # the decision's own data: items, reasons, assignee...


def event_details(raw: str) -> dict[str, Any]:
    """The decision's own data (items, reasons, assignee...) from a stored event's JSON; {} if unreadable."""
    try:
        details = json.loads(raw).get("data")
    except (ValueError, AttributeError):
        return {}
    return details if isinstance(details, dict) else {}


_EVENT_ROWS = ("SELECT e.seq, e.kind, e.application_number, COALESCE(a.id, e.application_id), a.person_name, "
               "e.decided_at, e.seen_at IS NOT NULL, e.data FROM county_events e "
               "LEFT JOIN applications a ON a.number = e.application_number")


def _events(rows) -> list[CountyEvent]:
    return [CountyEvent(r[0], r[1], r[2], r[3], r[4] or "", r[5], bool(r[6]), event_details(r[7])) for r in rows]


def unseen_count(db) -> int:
    """How many county decisions no clerk has looked at yet."""
    return db.execute("SELECT n FROM counts WHERE name = 'county_events:unseen'").fetchone()[0]  # kept by triggers


def newest_events(db, *, unread_only: bool = False, limit: int = MAX_EVENTS) -> tuple[list[CountyEvent], int]:
    """The newest `limit` decisions (county order, newest first) and how many there are in all."""
    where = " WHERE e.seen_at IS NULL" if unread_only else ""
    rows = db.execute(f"{_EVENT_ROWS}{where} ORDER BY e.seq DESC LIMIT ?", (limit,)).fetchall()
    total = len(rows) if len(rows) < limit else \
        db.execute(f"SELECT count(*) FROM county_events e{where}").fetchone()[0]
    return _events(rows), total


def application_events(db, number: str | None, application_id: str) -> list[CountyEvent]:
    """One application's decisions, newest first (by its number, or by its id for a voided number)."""
    rows = db.execute(f"{_EVENT_ROWS} WHERE e.application_number = ? OR e.application_id = ? ORDER BY e.seq DESC",
                      (number, application_id)).fetchall()
    return _events(rows)


def application_status(db, application_id: str) -> tuple[str | None, str | None] | None:
    """(status as the county decided it, number) of an application on this station; None when it is not here."""
    row = db.execute("SELECT status, number FROM applications WHERE id = ?", (application_id,)).fetchone()
    return (row[0], row[1]) if row else None


def mark_seen(db, number: str | None, application_id: str | None, now: str | None = None) -> int:
    """Mark one application's decisions read; how many were unread."""
    # The editor calls this whenever its 县中心 tab shows: read first, so the UI thread only asks for
    # the write lock (which a sync round may hold) when something is unread.
    if db.execute("SELECT 1 FROM county_events WHERE seen_at IS NULL AND (application_number = ? OR "
                  "application_id = ?) LIMIT 1", (number, application_id)).fetchone() is None:
        return 0
    with write_transaction(db) as conn:
        return conn.execute("UPDATE county_events SET seen_at = ? WHERE seen_at IS NULL AND "
                            "(application_number = ? OR application_id = ?)",
                            (now or local_now(), number, application_id)).rowcount


def mark_all_seen(db, now: str | None = None) -> int:
    """Mark every county decision read; how many were unread."""
    with write_transaction(db) as conn:
        return conn.execute("UPDATE county_events SET seen_at = ? WHERE seen_at IS NULL",
                            (now or local_now(),)).rowcount


# -- what the county sent back ----------------------------------------------------------------------

@dataclass(frozen=True)
class ReturnedChange:
    change_id: str
    record_type: str  # consultation, application, attachment, person
    record_id: str
    version: int
    reason: str
    who: str  # application number and applicant, or the person's name
    target: tuple[str, str] | None  # the record to open to fix it; None when not on this station


def returned_changes(db) -> list[ReturnedChange]:
    """The quarantined changes, each with who it concerns and which record fixes it."""
    found = []
    for change in quarantined_changes(db):
        who, target = _describe_record(db, change["record_type"], change["record_id"])
        found.append(ReturnedChange(change["change_id"], change["record_type"], change["record_id"],
                                    change["version"], change["reason"] or "", who, target))
    return found


def _describe_record(db, record_type: str, record_id: str) -> tuple[str, tuple[str, str] | None]:
    if record_type == "application":
        row = db.execute("SELECT number, person_name FROM applications WHERE id = ?", (record_id,)).fetchone()
        return (" ".join(p for p in row if p), ("application", record_id)) if row else ("", None)
    if record_type == "consultation":
        row = db.execute("SELECT person_name FROM consultations WHERE id = ?", (record_id,)).fetchone()
        return (row[0] or "", ("consultation", record_id)) if row else ("", None)
    if record_type == "attachment":  # a material is fixed on the record it belongs to
        row = db.execute("SELECT record_type, record_id, original_name FROM attachments WHERE id = ?",
                         (record_id,)).fetchone()
        if row is None:
            return "", None
        who, target = _describe_record(db, row[0], row[1])
        return " · ".join(p for p in (who, row[2]) if p), target
    if record_type == "person":  # a person is corrected through their newest application or consultation
        row = db.execute("SELECT name FROM persons WHERE id = ?", (record_id,)).fetchone()
        for table, kind in (("applications", "application"), ("consultations", "consultation")):
            newest = db.execute(f"SELECT id FROM {table} WHERE person_id = ? AND voided = 0 "
                                "ORDER BY rownum DESC LIMIT 1", (record_id,)).fetchone()
            if newest:
                return (row[0] if row else "") or "", (kind, newest[0])
        return (row[0] if row else "") or "", None
    if record_type in CASEWORK_TABLES:  # the records after the decision (issue 14): the name their list shows
        row = db.execute(f"SELECT person_name FROM {CASEWORK_TABLES[record_type]} WHERE id = ?",
                         (record_id,)).fetchone()
        return (row[0] or "", (record_type, record_id)) if row else ("", None)
    return "", None
