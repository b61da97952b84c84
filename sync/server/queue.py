"""What the county center's staff see: the queue of applications from every station with their deadlines,
the counts for the navigation, and one application in full (versions, decisions, the person's earlier
matters, materials with their station signatures checked).

Deadlines are the station's rule (desktop/records/deadlines.py `case_deadlines`: Art. 43's 7 days to
decide and 3 to assign, the supplement period not counted, Art. 44's urgent cases) on the county's copy
of each application and its own decisions, counted in China's calendar days.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.records.deadlines import (
    ASSIGN,
    CHINA,
    DECIDE,
    KIND_TEXT,
    OVERDUE,
    SUPPLEMENT,
    URGENT,
    CaseFacts,
    Decision,
    case_deadlines,
    county_day,
    day_of,
    plan_periods,
    supplement_due,
)
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese
from sync.limits import MAX_QUEUE_PAGE
from sync.protocol import EVENT_KINDS
from sync.server import decisions
from sync.server.errors import CountyError
from sync.server.files import check_manifest

STATUSES = ("received", "accepted", "supplement", "granted", "refused", "assigned", "closed", "terminated")
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


def today_in_china() -> date:
    return datetime.now(CHINA).date()


def _facts(record_id: str, number: str, data: dict[str, Any], events: list[tuple[int, str, str, str]]) -> CaseFacts:
    received = day_of(data.get("received_at")) or date(1970, 1, 1)
    urgent = day_of(data.get("urgent_deadline")) if data.get("urgent") is True else None
    found = []
    for _seq, kind, at, raw in events:
        day = county_day(at)
        if day is not None:
            found.append(Decision(kind, day, supplement_due(raw, day) if kind == SUPPLEMENT else None))
    return CaseFacts(record_id, number, str(data.get("name") or ""), received, urgent, found)


def _rows(store, station: str | None) -> list[dict[str, Any]]:
    """Every live application at the county with its decisions and facts (one pass over two tables)."""
    conn = store.conn()
    sql = ("SELECT r.record_id, r.station, coalesce(r.number, json_extract(r.data, '$.number')), r.version, r.data, "
           "s.name FROM records r LEFT JOIN stations s ON s.code = r.station "
           "WHERE r.record_type = 'application' AND r.voided = 0")
    params: list[Any] = []
    if station:
        sql += " AND r.station = ?"
        params.append(station)
    events: dict[str, list[tuple[int, str, str, str]]] = {}
    for seq, application_id, kind, at, raw in conn.execute(
            "SELECT seq, application_id, kind, at, json_object('data', json(data)) FROM events ORDER BY seq"):
        events.setdefault(application_id, []).append((seq, kind, at, raw))
    out = []
    for record_id, code, number, version, raw, station_name in conn.execute(sql, params):
        data = json.loads(raw)
        mine = events.get(record_id, [])
        status = next((EVENT_KINDS[kind] for _s, kind, _a, _r in reversed(mine) if EVENT_KINDS.get(kind)), None)
        out.append({"application_id": record_id, "station": code, "station_name": station_name or code,
                    "number": number, "version": version, "data": data, "status": status or "received",
                    "view_version": mine[-1][0] if mine else 0,
                    "facts": _facts(record_id, number or "", data, mine)})
    return out


def _deadline(facts: CaseFacts, today: date) -> dict[str, Any] | None:
    found = case_deadlines(facts, plan_periods())
    found = [d for d in found if d.kind in (DECIDE, SUPPLEMENT, ASSIGN, URGENT)]
    if not found:
        return None
    first = found[0]
    return {"kind": first.kind, "due": first.due.isoformat(), "days_left": first.days_left(today),
            "state": first.state(today, plan_periods().soon_days), "text": chinese("Deadline", KIND_TEXT[first.kind]),
            "overdue": any(d.days_left(today) < 0 for d in found), "urgent": any(d.kind == URGENT for d in found)}


def _matches(row: dict[str, Any], filters: QueueFilters, deadline: dict[str, Any] | None) -> bool:
    data = row["data"]
    if filters.status and row["status"] != filters.status:
        return False
    if filters.case_type and data.get("case_type") != filters.case_type:
        return False
    if filters.group and filters.group not in (data.get("categories") or []):
        return False
    if filters.deadline:
        state = "none" if deadline is None else (OVERDUE if deadline["overdue"] else deadline["state"])
        if filters.deadline == "urgent":
            return bool(deadline and deadline["urgent"])
        if state != filters.deadline:
            return False
    if filters.text:
        needle = filters.text.strip().lower()
        haystack = " ".join(str(v) for v in (row["number"], data.get("name"), data.get("id_number"), data.get("cause"),
                                             data.get("phone")) if v).lower()
        if needle not in haystack:
            return False
    return True


def _item(row: dict[str, Any], deadline: dict[str, Any] | None) -> dict[str, Any]:
    data = row["data"]
    return {"application_id": row["application_id"], "number": row["number"], "station": row["station"],
            "station_name": row["station_name"], "name": data.get("name") or "", "case_type": data.get("case_type"),
            "categories": [c for c in data.get("categories") or [] if isinstance(c, str)],
            "received_at": data.get("received_at"), "status": row["status"], "urgent": data.get("urgent") is True,
            "life_or_death": data.get("life_or_death") is True, "view_version": row["view_version"],
            "deadline": deadline}


def queue(store, filters: QueueFilters, today: date | None = None) -> dict[str, Any]:
    """One page of the queue: overdue first, then by the nearest deadline, then the newest received."""
    today = today or today_in_china()
    rows = []
    for row in _rows(store, filters.station):
        deadline = _deadline(row["facts"], today)
        if _matches(row, filters, deadline):
            rows.append(_item(row, deadline))
    rows.sort(key=lambda r: r["received_at"] or "", reverse=True)
    rows.sort(key=lambda r: (r["deadline"] is None, not (r["deadline"] or {}).get("overdue"),
                             (r["deadline"] or {}).get("due") or ""))
    start = (filters.page - 1) * MAX_QUEUE_PAGE
    return {"items": rows[start:start + MAX_QUEUE_PAGE], "total": len(rows), "page": filters.page,
            "page_size": MAX_QUEUE_PAGE}


def counts(store, today: date | None = None) -> dict[str, int]:
    """The navigation's numbers: what waits for a decision, for materials, for an assignment; overdue; urgent."""
    today = today or today_in_china()
    out = {"to_decide": 0, "supplement": 0, "to_assign": 0, "overdue": 0, "urgent": 0, "in_progress": 0}
    for row in _rows(store, None):
        deadline = _deadline(row["facts"], today)
        status = row["status"]
        if status in ("received", "accepted"):
            out["to_decide"] += 1
        elif status == "supplement":
            out["supplement"] += 1
        elif status == "granted":
            out["to_assign"] += 1
        elif status == "assigned":
            out["in_progress"] += 1
        if deadline and deadline["overdue"]:
            out["overdue"] += 1
        if deadline and deadline["urgent"]:
            out["urgent"] += 1
    return out


def consultations(store, text: str | None, station: str | None, page: int) -> dict[str, Any]:
    """One page of the consultations the county received, newest first, found by name, phone or words."""
    sql = ("SELECT r.record_id, r.station, s.name, r.data FROM records r LEFT JOIN stations s ON s.code = r.station "
           "WHERE r.record_type = 'consultation' AND r.voided = 0")
    params: list[Any] = []
    if station:
        sql += " AND r.station = ?"
        params.append(station)
    found = []
    needle = (text or "").strip().lower()
    for record_id, code, station_name, raw in store.conn().execute(sql, params):
        data = json.loads(raw)
        words = " ".join(str(data.get(k) or "") for k in ("name", "phone", "question", "answer")).lower()
        if needle and needle not in words:
            continue
        found.append({"record_id": record_id, "station": code, "station_name": station_name or code,
                      "name": data.get("name") or "", "occurred_at": data.get("occurred_at"),
                      "matter_category": data.get("matter_category"), "outcome": data.get("outcome"),
                      "question": str(data.get("question") or "")[:200]})
    found.sort(key=lambda c: c["occurred_at"] or "", reverse=True)
    start = (page - 1) * MAX_QUEUE_PAGE
    return {"items": found[start:start + MAX_QUEUE_PAGE], "total": len(found), "page": page,
            "page_size": MAX_QUEUE_PAGE}


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
    facts = _facts(application_id, number or "", data,
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
                message = getattr(exc, "message_zh", None) or str(exc)
        out.append({**item, "signature_ok": verdict, "signature": message})
    return out
