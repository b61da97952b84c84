"""The workspace's indexes over county.db, kept by an index lane: what makes the queue and the searches fast at a
million records.

Every record or decision written marks its application or consultation in `index_pending` (triggers, migration
step 7: whoever writes, changes.py, decisions.py or a bundle import, marks). `catch_up` works the marks off in
Python, where the station's rules are: each application's row in `queue_rows` (its status, its first deadline as
the station's `case_deadlines` gives it, the day it lapses without the materials asked for, the special groups as bits, the queue's item ready to send) and the
character unigrams and bigrams of what the workspace searches (desktop/records/search.py: two-character words are
found too) in `application_search` and `consultation_search`. The workspace catches up before it reads, so what
it shows is never behind what was written; a county upgraded from before step 7 is indexed at its first read.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Callable, Sequence

from desktop.records.canonical import canonical_json
from desktop.records.deadlines import (
    ASSIGN,
    DECIDE,
    SUPPLEMENT,
    URGENT,
    CaseFacts,
    case_deadlines,
    closure_word,
    county_day,
    day_of,
    decision_of,
    lapses_on,
    periods_basis,
    plan_periods,
    visited_after_closing,
)
from desktop.records.indicators import PlanCase
from desktop.records.search import index_terms
from sync.protocol import status_after
from sync.server.storage import transaction

GROUP_BITS = {"military": 1, "minor": 2, "migrant_worker": 4}  # the queue's special groups (partial indexes)
NO_DEADLINE = "~"  # the due_key of an application with no deadline: after every date, so last in the queue
QUEUE_DEADLINES = (DECIDE, SUPPLEMENT, ASSIGN, URGENT)  # the deadlines the queue shows (not the follow-up)
SEARCHED = {"application": ("number", "name", "id_number", "cause", "phone"),
            "consultation": ("name", "phone", "question", "answer")}
CASE_LINKED = ("closure", "follow_up", "court_attendance")  # a case's records the measures read
CHUNK = 2000  # marks worked off per transaction: a long catch-up never holds the writers up for long


def case_facts(record_id: str, number: str, data: dict[str, Any],
               events: Sequence[tuple[int, str, str, str]]) -> CaseFacts:
    """The deadlines' facts of an application as the county has it: its data and its decisions
    (seq, kind, at, '{"data": ...}')."""
    received = day_of(data.get("received_at")) or date(1970, 1, 1)
    urgent = day_of(data.get("urgent_deadline")) if data.get("urgent") is True else None
    found = []
    for _seq, kind, at, raw in events:
        day = county_day(at)
        decision = decision_of(kind, day, raw) if day is not None else None
        if decision is not None:
            found.append(decision)
    return CaseFacts(record_id, number, str(data.get("name") or ""), received, urgent, found)


def queue_deadline(facts: CaseFacts) -> tuple[str, date, bool] | None:
    """The queue's deadline of an application: (kind, due) of the earliest it shows and whether one is Art. 44's
    urgent deadline; None when none is open."""
    found = [d for d in case_deadlines(facts, plan_periods()) if d.kind in QUEUE_DEADLINES]
    if not found:
        return None
    return found[0].kind, found[0].due, any(d.kind == URGENT for d in found)


def status_of(events: Sequence[tuple[int, str, str, str]]) -> str:
    """An application's status: its latest decision's that sets one, else received."""
    return status_after((kind, json.loads(raw)["data"] if kind == "objection" else {})
                        for _s, kind, _a, raw in events) or "received"


def periods_changed(conn) -> int:
    """When this version's deadline periods or rules (deadlines.periods_basis) differ from those the rows were worked
    out with, mark every live application for the lane (its queue deadline and its measures' open deadline) and
    record the new basis, in one transaction; how many were marked (0 when the basis is the same). The county
    store calls it on open."""
    basis = periods_basis(plan_periods())  # the periods the rows are worked out with here
    if conn.execute("SELECT value FROM index_basis WHERE name = 'periods'").fetchone() == (basis,):
        return 0
    with transaction(conn):
        marked = conn.execute(
            "INSERT INTO index_pending (record_type, record_id) SELECT 'application', record_id FROM records r "
            "WHERE record_type = 'application' AND NOT EXISTS (SELECT 1 FROM index_pending p "
            "WHERE p.record_type = 'application' AND p.record_id = r.record_id)").rowcount
        conn.execute("INSERT OR REPLACE INTO index_basis (name, value) VALUES ('periods', ?)", (basis,))
    return marked


def pending_count(conn) -> int:
    """How many applications and consultations wait to be indexed (all of them, once, after an upgrade)."""
    return conn.execute("SELECT count(*) FROM index_pending").fetchone()[0]


def catch_up(conn, progress: Callable[[int], None] | None = None) -> int:
    """Index every marked application and consultation (county.db open on `conn`); how many were marked.
    `progress(done)` after each transaction of CHUNK (an upgrade's catch-up at a large county takes minutes)."""
    if conn.execute("SELECT 1 FROM index_pending LIMIT 1").fetchone() is None:
        return 0
    done = 0
    while True:
        with transaction(conn):
            marks = conn.execute("SELECT record_type, record_id FROM index_pending LIMIT ?", (CHUNK,)).fetchall()
            if not marks:
                return done
            for record_type in SEARCHED:
                ids = [i for t, i in marks if t == record_type]
                if ids:
                    _index(conn, record_type, ids)
            conn.executemany("DELETE FROM index_pending WHERE record_type = ? AND record_id = ?", marks)
            done += len(marks)
        if progress is not None:
            progress(done)


def _index(conn, record_type: str, ids: list[str]) -> None:
    marks = ", ".join("?" * len(ids))
    rows = conn.execute(f"SELECT rowid, record_id, station, coalesce(number, json_extract(data, '$.number')), voided, "
                        f"data FROM records WHERE record_type = ? AND record_id IN ({marks})",
                        (record_type, *ids)).fetchall()
    events: dict[str, list[tuple[int, str, str, str]]] = {}
    linked: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    if record_type == "application":
        for seq, application_id, kind, at, raw in conn.execute(
                "SELECT seq, application_id, kind, at, json_object('data', json(data)) FROM events "
                f"WHERE application_id IN ({marks}) ORDER BY seq", ids):
            events.setdefault(application_id, []).append((seq, kind, at, raw))
        for linked_type, application_id, raw in conn.execute(
                "SELECT record_type, json_extract(data, '$.application_id'), data FROM records WHERE record_type IN "
                f"('closure', 'follow_up', 'court_attendance') AND json_extract(data, '$.application_id') IN ({marks}) "
                "AND voided = 0 ORDER BY rowid", ids):
            linked.setdefault(application_id, []).append((linked_type, json.loads(raw)))
        conn.executemany("DELETE FROM plan_rows WHERE application_id = ?", [(i,) for i in ids])
    search = f"{record_type}_search"
    for rowid, record_id, station, number, voided, raw in rows:
        conn.execute(f"DELETE FROM {search} WHERE rowid = ?", (rowid,))
        if record_type == "application":
            conn.execute("DELETE FROM queue_rows WHERE record_rowid = ?", (rowid,))
        if voided:
            continue
        data = json.loads(raw)
        uni, bi = index_terms(str(data.get(name) or "") for name in SEARCHED[record_type])
        if record_type == "consultation":
            conn.execute("INSERT INTO consultation_search (rowid, uni, bi, station) VALUES (?, ?, ?, ?)",
                         (rowid, uni, bi, station))
            continue
        conn.execute("INSERT INTO application_search (rowid, uni, bi) VALUES (?, ?, ?)", (rowid, uni, bi))
        _queue_row(conn, rowid, record_id, station, number or "", data, events.get(record_id, []))
        _plan_row(conn, rowid, plan_case(record_id, station, number or "", data, linked.get(record_id, []),
                                         events.get(record_id, [])))


def plan_case(record_id: str, station: str, number: str, data: dict[str, Any],
              linked: Sequence[tuple[str, dict[str, Any]]], events: Sequence[tuple[int, str, str, str]]) -> PlanCase | None:
    """An application as the measures see it (sync/server/plan.py reads every one the same way): its closure
    reports, follow-ups and court attendance (`linked`, in the order they came) and the county's decisions,
    settled; None without a day of receipt."""
    received = day_of(data.get("received_at"))
    if received is None:
        return None
    urgent = day_of(data.get("urgent_deadline")) if data.get("urgent") else None
    case = PlanCase(CaseFacts(record_id, number, data.get("name") or "", received, urgent), station, "",
                    data.get("case_type"), bool(data.get("litigation")), False, False)
    reports = []
    for record_type, record in linked:
        if record_type == "closure":
            reports.append((day_of(record.get("closed_on")), bool(record.get("litigation_case"))))
            case.heard_in_court = case.heard_in_court or bool(record.get("heard_in_court"))
        elif record_type == "follow_up":
            visited = day_of(record.get("visited_on"))
            if visited is not None and (case.facts.last_visit is None or visited > case.facts.last_visit):
                case.facts.last_visit = visited
        else:
            case.attended = True
    case.facts.closed_on, word = closure_word(reports)  # the station's rule, the same function
    case.litigation = case.litigation if word is None else word
    for _seq, kind, at, raw in events:
        day = county_day(at)
        decision = decision_of(kind, day, raw) if day is not None else None
        if decision is None:
            continue
        case.facts.decisions.append(decision)
        if kind == "assign":
            assigned = json.loads(raw).get("data")
            case.assignee_kind = assigned.get("assignee_kind") if isinstance(assigned, dict) else None
    case.facts.followed_up = visited_after_closing(case.facts)  # a visit while the case ran does not count
    return case.settle()


def _plan_row(conn, rowid: int, case: PlanCase | None) -> None:
    if case is None:
        return
    due = min((d.due for d in case_deadlines(case.facts, plan_periods())), default=None)

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    conn.execute("INSERT INTO plan_rows (record_rowid, application_id, station, received, refused, closed_on, "
                 "granted_on, decided_on, assigned_on, assignee_kind, case_type, litigation, heard_in_court, attended, "
                 "followed_up, open_due, lapses_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (rowid, case.id, case.station, case.facts.received.isoformat(), int(case.refused), day(case.closed_on),
                  day(case.granted_on), day(case.decided_on), day(case.assigned_on), case.assignee_kind,
                  case.case_type, int(case.litigation), int(case.heard_in_court), int(case.attended),
                  int(case.facts.followed_up), day(due), day(case.lapses_on)))


def _queue_row(conn, rowid: int, record_id: str, station: str, number: str, data: dict[str, Any],
               events: list[tuple[int, str, str, str]]) -> None:
    facts = case_facts(record_id, number, data, events)
    deadline = queue_deadline(facts)
    lapses = lapses_on(facts, plan_periods())  # withdrawn after it for want of materials (queue.WITHDRAWN)
    categories = [c for c in data.get("categories") or [] if isinstance(c, str)]
    status = status_of(events)
    item = {"application_id": record_id, "number": number, "station": station, "name": data.get("name") or "",
            "case_type": data.get("case_type"), "categories": categories, "received_at": data.get("received_at"),
            "status": status, "urgent": data.get("urgent") is True, "life_or_death": data.get("life_or_death") is True,
            "view_version": events[-1][0] if events else 0}
    kind, due, urgent = deadline if deadline else (None, None, False)
    conn.execute("INSERT INTO queue_rows (record_rowid, application_id, station, received_at, status, case_type, "
                 "groups, due_kind, due, due_key, urgent_due, view_version, item, lapses_on) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (rowid, record_id, station, str(data.get("received_at") or ""), status, data.get("case_type"),
                  sum(GROUP_BITS.get(c, 0) for c in set(categories)), kind, due.isoformat() if due else None,
                  due.isoformat() if due else NO_DEADLINE, int(urgent), item["view_version"], canonical_json(item),
                  lapses.isoformat() if lapses else None))
