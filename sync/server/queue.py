"""What the county center's staff see: the queue of applications from every station with their deadlines,
the counts for the navigation, and one application in full (versions, decisions, the person's earlier
matters, materials with their station signatures checked).

Deadlines are the station's rule (desktop/records/deadlines.py `case_deadlines`: Art. 43's 7 days to
decide and 3 to assign, the supplement period not counted, Art. 44's urgent cases) on the county's copy
of each application and its own decisions, counted in China's calendar days. An application whose materials were
not supplied by the supplement notice's date counts as withdrawn (Art. 43, deadlines.lapses_on): the queue lists it
as such (`WITHDRAWN`, a status of its own for the filters and counts, and the deadline's state), apart from what
waits on materials, is overdue or urgent; its application view keeps its status, so a late acceptance, grant or
refusal (materials that came in time by post) can still be recorded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop.records.deadlines import (
    KIND_TEXT,
    LATER,
    OVERDUE,
    SOON,
    SUPPLEMENT,
    TODAY,
    CaseFacts,
    lapsed,
    lapses_on,
    plan_periods,
    today_in_china,
)
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese
from desktop.records.search import match_expression
from sync.county_rules import TO_DECIDE, UNDECIDED
from sync.limits import MAX_QUEUE_PAGE
from sync.server import decisions
from sync.server.errors import CountyError, words_of
from sync.server.files import check_manifest
from sync.server.indexes import GROUP_BITS, NO_DEADLINE, case_facts, catch_up, queue_deadline

STATUSES = ("received", "accepted", "supplement", "granted", "refused", "assigned", "closed", "terminated")
WITHDRAWN = "withdrawn"  # counts as withdrawn: materials not supplied by the notice's date (by today)
STATUS_FILTERS = (TO_DECIDE, *STATUSES, WITHDRAWN)
WITHDRAWN_TEXT = QT_TRANSLATE_NOOP("Deadline", "Counts as withdrawn: the materials were not supplied by the date")
# a row withdrawn by today (`?`: today) and one that is not: each status, the overdue and the urgent are the latter
LAPSED, STANDING = "lapses_on < ?", "(lapses_on IS NULL OR lapses_on >= ?)"
GROUPS = ("military", "minor", "migrant_worker")  # the special groups the queue filters on (person_categories)
DEADLINE_STATES = ("overdue", "today", "soon", "later", "none", "urgent")
NO_MANIFEST = QT_TRANSLATE_NOOP("County", "The county has no signed manifest of this material.")
SIGNED = QT_TRANSLATE_NOOP("County", "Signed by the station with the key the county enrolled; unchanged.")


@dataclass(frozen=True)
class QueueFilters:
    station: str | None = None
    status: str | None = None
    case_type: str | None = None
    group: str | None = None
    deadline: str | None = None
    text: str | None = None
    page: int = 1


def _deadline(facts: CaseFacts, today: date) -> dict[str, Any] | None:
    found = queue_deadline(facts)
    return None if found is None else deadline_view(found[0], found[1], found[2], today,
                                                    lapses_on(facts, plan_periods()))


def deadline_view(kind: str, due: date, urgent: bool, today: date, lapses: date | None = None) -> dict[str, Any]:
    """An application's deadline as the queue shows it today (its earliest; overdue when that one has passed), or
    withdrawn (state WITHDRAWN, not overdue) when the materials it waited on by `lapses` did not come in time."""
    left = (due - today).days
    if lapsed(lapses, today):
        return {"kind": SUPPLEMENT, "due": lapses.isoformat(), "days_left": (lapses - today).days, "state": WITHDRAWN,
                "text": chinese("Deadline", WITHDRAWN_TEXT), "overdue": False, "urgent": False}
    state = OVERDUE if left < 0 else TODAY if left == 0 else SOON if left <= plan_periods().soon_days else LATER
    return {"kind": kind, "due": due.isoformat(), "days_left": left, "state": state,
            "text": chinese("Deadline", KIND_TEXT[kind]), "overdue": left < 0, "urgent": urgent}


def _where(filters: QueueFilters, today: date) -> tuple[str, list[Any]]:
    """The queue's filters as SQL over queue_rows (each on an index: indexes.py, migration step 7)."""
    terms, params = [], []
    day = today.isoformat()
    for column, value in (("station", filters.station), ("status", filters.status), ("case_type", filters.case_type)):
        if value == TO_DECIDE and column == "status":
            terms.append(f"status IN ({', '.join('?' * len(UNDECIDED))}) AND {STANDING}")
            params += [*UNDECIDED, day]
        elif value == WITHDRAWN and column == "status":
            terms.append(LAPSED)
            params.append(day)
        elif value and column == "status":
            terms.append(f"status = ? AND {STANDING}")
            params += [value, day]
        elif value:
            terms.append(f"{column} = ?")
            params.append(value)
    if filters.group:
        bit = GROUP_BITS[filters.group]
        terms.append(f"groups & {bit} = {bit}")  # the partial index's own expression
    if filters.deadline:
        soon = (today + timedelta(days=plan_periods().soon_days)).isoformat()
        # a withdrawn row's earliest deadline is its notice's date, passed: today, soon, later and none never hold it
        terms.append({"overdue": f"due_key < ? AND {STANDING}", "today": "due_key = ?",
                      "soon": "due_key > ? AND due_key <= ?", "later": "due_key > ? AND due_key < ?",
                      "none": "due_key = ?", "urgent": f"urgent_due = 1 AND {STANDING}"}[filters.deadline])
        params += {"overdue": [day, day], "today": [day], "soon": [day, soon], "later": [soon, NO_DEADLINE],
                   "none": [NO_DEADLINE], "urgent": [day]}[filters.deadline]
    expression = match_expression(filters.text or "")
    if expression is not None:
        terms.append("record_rowid IN (SELECT rowid FROM application_search WHERE application_search MATCH ?)")
        params.append(expression)
    return (" WHERE " + " AND ".join(terms)) if terms else "", params


def _station_names(store) -> dict[str, str]:
    return dict(store.conn().execute("SELECT code, name FROM stations"))


def queue(store, filters: QueueFilters, today: date | None = None) -> dict[str, Any]:
    """One page of the queue: overdue first, then by the nearest deadline, then the newest received. Found by the
    filters and words (number, name, ID number, cause, phone; two-character words too) on the queue's indexes."""
    today = today or today_in_china()
    catch_up(store.conn())
    where, params = _where(filters, today)
    conn = store.conn()
    names = _station_names(store)
    rows = conn.execute(f"SELECT item, due_kind, due, urgent_due, lapses_on FROM queue_rows{where} "
                        "ORDER BY due_key, received_at DESC, record_rowid LIMIT ? OFFSET ?",
                        (*params, MAX_QUEUE_PAGE, (filters.page - 1) * MAX_QUEUE_PAGE)).fetchall()
    items = []
    for raw, kind, due, urgent, lapses in rows:
        item = json.loads(raw)
        item["station_name"] = names.get(item["station"]) or item["station"]
        lapses = date.fromisoformat(lapses) if lapses else None
        item["deadline"] = deadline_view(kind, date.fromisoformat(due), bool(urgent), today, lapses) if due else None
        if lapsed(lapses, today):
            item["status"] = WITHDRAWN
        items.append(item)
    total = conn.execute(f"SELECT count(*) FROM queue_rows{where}", params).fetchone()[0]
    return {"items": items, "total": total, "page": filters.page, "page_size": MAX_QUEUE_PAGE}


def counts(store, today: date | None = None) -> dict[str, int]:
    """The navigation's numbers: what waits for a decision, for materials, for an assignment; overdue; urgent; and
    what counts as withdrawn for want of materials (none of the others). Each is what a filter lists (_where)."""
    today = today or today_in_china()
    catch_up(store.conn())
    conn = store.conn()
    day = today.isoformat()
    by_status = dict(conn.execute(f"SELECT status, count(*) FROM queue_rows WHERE {STANDING} GROUP BY status", (day,)))
    return {"to_decide": sum(by_status.get(status, 0) for status in UNDECIDED),
            "supplement": by_status.get("supplement", 0), "to_assign": by_status.get("granted", 0),
            "overdue": conn.execute(f"SELECT count(*) FROM queue_rows WHERE due_key < ? AND {STANDING}",
                                    (day, day)).fetchone()[0],
            "urgent": conn.execute(f"SELECT count(*) FROM queue_rows WHERE urgent_due = 1 AND {STANDING}",
                                   (day,)).fetchone()[0],
            "in_progress": by_status.get("assigned", 0),
            "withdrawn": conn.execute(f"SELECT count(*) FROM queue_rows WHERE {LAPSED}", (day,)).fetchone()[0]}


CONSULTATION_TIME = "json_extract(r.data, '$.occurred_at')"  # the expression of the consultations' time indexes
WALK_THE_TIME_INDEX = 2000  # more hits than this: newest first along the time index, else the hits sorted


def consultations(store, text: str | None, station: str | None, page: int) -> dict[str, Any]:
    """One page of the consultations the county received, newest first, found by name, phone or words (two-character
    words too: the consultations' search index)."""
    catch_up(store.conn())
    conn = store.conn()
    expression = match_expression(text or "")
    if expression is not None and station:
        quoted = '"' + station.lower().replace('"', '""') + '"'  # a phrase: any text of the code is only words
        expression = f"({expression}) AND station:{quoted}"
    terms, params = ["r.record_type = 'consultation'", "r.voided = 0"], []
    if station:
        terms.append("r.station = ?")
        params.append(station)
    time_index = "records_consultation_station_time" if station else "records_consultation_time"
    if expression is None:
        source = f"records r INDEXED BY {time_index}"
        total = conn.execute(f"SELECT count(*) FROM {source} WHERE {' AND '.join(terms)}", params).fetchone()[0]
    else:  # the index holds live consultations only: its count is the total
        total = conn.execute("SELECT count(*) FROM consultation_search WHERE consultation_search MATCH ?",
                             (expression,)).fetchone()[0]
        hits = "SELECT rowid FROM consultation_search WHERE consultation_search MATCH ?"
        if total > WALK_THE_TIME_INDEX:
            source = f"records r INDEXED BY {time_index}"
            terms.append(f"r.rowid IN ({hits})")
            params.append(expression)
        else:
            source = f"({hits}) AS hit CROSS JOIN records r ON r.rowid = hit.rowid"
            params.insert(0, expression)
    names = _station_names(store)
    found = []
    for record_id, code, raw in conn.execute(
            f"SELECT r.record_id, r.station, r.data FROM {source} WHERE {' AND '.join(terms)} "
            f"ORDER BY {CONSULTATION_TIME} DESC LIMIT ? OFFSET ?",
            (*params, MAX_QUEUE_PAGE, (page - 1) * MAX_QUEUE_PAGE)):
        data = json.loads(raw)
        found.append({"record_id": record_id, "station": code, "station_name": names.get(code) or code,
                      "name": data.get("name") or "", "occurred_at": data.get("occurred_at"),
                      "matter_category": data.get("matter_category"), "outcome": data.get("outcome"),
                      "question": str(data.get("question") or "")[:200]})
    return {"items": found, "total": total, "page": page, "page_size": MAX_QUEUE_PAGE}


# -- one application ----------------------------------------------------------------------------------------

def application_view(store, application_id: str, today: date | None = None) -> dict[str, Any] | None:
    """Everything the center sees of one application, or None when the county does not have it."""
    conn = store.conn()
    row = conn.execute("SELECT r.station, coalesce(r.number, json_extract(r.data, '$.number')), r.version, r.voided, "
                       "r.data, s.name FROM records r LEFT JOIN stations s ON s.code = r.station "
                       "WHERE r.record_type = 'application' AND r.record_id = ?", (application_id,)).fetchone()
    if row is None:
        return None
    station, number, version, voided, raw, station_name = row
    data = json.loads(raw)
    events = decisions.application_events(store.db, application_id)
    status = next((e["status"] for e in reversed(events) if e["status"]), None) or "received"
    facts = case_facts(application_id, number or "", data,
                       [(e["seq"], e["kind"], e["at"], json.dumps({"data": e["data"]})) for e in events])
    versions = [{"version": v, "received_at": at, "action": json.loads(p).get("action"),
                 "clerk": (json.loads(p).get("data") or {}).get("clerk"), "data": json.loads(p).get("data")}
                for v, at, p in conn.execute("SELECT version, received_at, payload FROM changes WHERE record_type = "
                                             "'application' AND record_id = ? ORDER BY version", (application_id,))]
    documents = [{"event_id": e, "form": f, "number": n, "sha256": h, "size": s} for e, f, n, h, s in conn.execute(
        "SELECT event_id, form, number, sha256, size FROM issued_documents WHERE application_id = ? ORDER BY "
        "rowid", (application_id,))]
    return {"application_id": application_id, "number": number, "station": station,
            "station_name": station_name or station, "version": version, "voided": bool(voided), "status": status,
            "view_version": events[-1]["seq"] if events else 0, "data": data, "events": events,
            "versions": versions, "deadline": _deadline(facts, today or today_in_china()),
            "earlier": earlier_matters(store, application_id, data), "materials": materials(store, application_id),
            "documents": documents}


def earlier_matters(store, application_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The same person's other applications and consultations at the county (by ID number, else person id)."""
    key, value = ("id_number", data.get("id_number")) if data.get("id_number") else ("person_id", data.get("person_id"))
    if not isinstance(value, str) or not value:
        return []
    found = []
    for record_type, record_id, number, raw in store.conn().execute(
            "SELECT record_type, record_id, coalesce(number, json_extract(data, '$.number')), data FROM records "
            f"WHERE record_type IN ('application', 'consultation') AND json_extract(data, '$.{key}') = ? "
            "AND record_id != ? AND voided = 0", (value, application_id)):
        other = json.loads(raw)
        found.append({"record_type": record_type, "record_id": record_id, "number": number,
                      "date": other.get("received_at") or other.get("occurred_at"),
                      "case_type": other.get("case_type") or other.get("matter_category"),
                      "status": decisions.status_of_application(store.db, record_id) or "received"
                      if record_type == "application" else None})
    return sorted(found, key=lambda m: m["date"] or "", reverse=True)


def materials(store, application_id: str) -> list[dict[str, Any]]:
    """The application's materials, each with its station signature checked again against the enrolled key."""
    conn = store.conn()
    out = []
    for item in store.files.attachments_of("application", application_id):
        row = conn.execute("SELECT station, payload FROM changes WHERE record_type = 'attachment' AND record_id = ? "
                           "ORDER BY version DESC LIMIT 1", (item["attachment_id"],)).fetchone()
        verdict, message = False, chinese("County", NO_MANIFEST)
        if row is not None:
            try:
                check_manifest(conn, row[0], json.loads(row[1]))
                verdict = True
                message = chinese("County", SIGNED)
            except (CountyError, ValueError) as exc:
                message = words_of(exc)  # (a ValueError: a stored payload that is not JSON)
        out.append({**item, "signature_ok": verdict, "signature": message})
    return out
