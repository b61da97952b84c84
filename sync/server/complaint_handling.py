"""The complaints ledger (台账) at the county (work plan §13): every station's complaints, each with its answer
deadline, and the center's handling — its steps and its answer (date, how, the complainant's satisfaction) — kept
beside the station's record, which stays the station's own (a station writes only its own records).

A complaint is answered when the station's record has its answer date or the center recorded an answer; the
deadline is the plan's (desktop/records/deadlines.py: complaint_answer_days after the complaint, in China's days).
The county's half-yearly report counts the center's answer too (`county_answers`, used by plan.py).

Each step goes down to the station that took the complaint as a county event (kind "complaint", its application
columns holding the complaint's number and id), so it travels as decisions do: in the station's signed pull and in
its USB reply bundle; the station keeps it beside its record (sync/events.py, desktop/records/complaint_answers.py).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from desktop.records.canonical import canonical_json
from desktop.records.complaint_answers import with_center_answer
from desktop.records.deadlines import day_of, plan_periods, today_in_china
from desktop.records.ids import new_id
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.reference import default_reference
from sync.limits import MAX_COMPLAINT_STEP_CHARS, MAX_COMPLAINT_STEPS, MAX_QUEUE_PAGE
from sync.protocol import COMPLAINT_EVENT
from sync.server.errors import CountyError, check_printable
from sync.server.storage import utc_now

STATES = ("open", "overdue", "today", "soon", "answered")  # the ledger's filter; open: every one not yet answered
NO_COMPLAINT = QT_TRANSLATE_NOOP("County", "The county has no such complaint (or it was voided).")
NO_TEXT = QT_TRANSLATE_NOOP("County", "Write what was done (at most {most} characters).")
BAD_ANSWER_DATE = QT_TRANSLATE_NOOP("County", "The answer's date must be between the complaint ({received}) and "
                                              "today.")
BAD_CHOICE = QT_TRANSLATE_NOOP("County", "Choose how the complainant was answered and, if known, their satisfaction "
                                         "from the lists.")
STEPS_CHANGED = QT_TRANSLATE_NOOP("County", "A handling step of this complaint was recorded meanwhile (another "
                                 "person's, or this one, sent before): its steps are shown again; record it only if "
                                 "it is not there.")
TOO_MANY_STEPS = QT_TRANSLATE_NOOP("County", "This complaint already has {most} handling steps; no more can be "
                                             "recorded.")


def _answers(conn) -> dict[str, dict[str, Any]]:
    """The center's latest answer of each complaint, and how many steps it recorded."""
    found: dict[str, dict[str, Any]] = {}
    for complaint_id, kind, answered_on, method, satisfaction, text, by in conn.execute(
            "SELECT complaint_id, kind, answered_on, reply_method, satisfaction, text, by FROM complaint_handling "
            "ORDER BY seq"):
        entry = found.setdefault(complaint_id, {"steps": 0})
        entry["steps"] += 1
        if kind == "answer":
            entry.update(answered_on=answered_on, reply_method=method, satisfaction=satisfaction, result=text, by=by)
    return found


def _state(received: date | None, answered: str | None, today: date) -> tuple[str, str | None, int | None]:
    if received is None:
        return ("answered" if answered else "open"), None, None
    due = received + timedelta(days=plan_periods().complaint_answer_days)
    left = (due - today).days
    if answered:
        return "answered", due.isoformat(), left
    state = "overdue" if left < 0 else "today" if left == 0 else "soon" if left <= plan_periods().soon_days else "open"
    return state, due.isoformat(), left


def _entry(record_id: str, station: str, station_name: str | None, data: dict[str, Any],
           county: dict[str, Any] | None, today: date) -> dict[str, Any]:
    county = county or {"steps": 0}
    answered = county.get("answered_on") or data.get("reply_date")
    state, due, left = _state(day_of(data.get("complained_at")), answered, today)
    return {"complaint_id": record_id, "number": data.get("number") or "", "station": station,
            "station_name": station_name or station, "complained_at": data.get("complained_at"),
            "channel": data.get("complaint_channel"), "complainant": data.get("complainant") or "",
            "respondent_kind": data.get("respondent_kind"), "respondent": data.get("respondent") or "",
            "matter": str(data.get("matter") or "")[:200], "due": due, "days_left": left, "state": state,
            "answered_on": answered, "answered_by_county": bool(county.get("answered_on")),
            "county_steps": county["steps"]}


def ledger(store, state: str | None, station: str | None, page: int, today: date | None = None) -> dict[str, Any]:
    """One page of the ledger: the complaints not yet answered first (the nearest deadline first), then the
    answered ones, newest first; `state` one of STATES, `station` a station's code."""
    today = today or today_in_china()
    conn = store.conn()
    answers = _answers(conn)
    sql = ("SELECT r.record_id, r.station, s.name, r.data FROM records r LEFT JOIN stations s ON s.code = r.station "
           "WHERE r.record_type = 'complaint' AND r.voided = 0")
    params: list[Any] = []
    if station:
        sql += " AND r.station = ?"
        params.append(station)
    rows = [_entry(record_id, code, name, json.loads(raw), answers.get(record_id), today)
            for record_id, code, name, raw in conn.execute(sql, params)]
    if state == "open":
        rows = [r for r in rows if r["state"] != "answered"]
    elif state:
        rows = [r for r in rows if r["state"] == state]
    rows.sort(key=lambda r: str(r["complained_at"] or ""), reverse=True)
    rows.sort(key=lambda r: (r["state"] == "answered", "" if r["state"] == "answered" else r["due"] or ""))
    first = (page - 1) * MAX_QUEUE_PAGE
    return {"items": rows[first:first + MAX_QUEUE_PAGE], "total": len(rows), "page": page,
            "page_size": MAX_QUEUE_PAGE}


def complaint_view(store, complaint_id: str, today: date | None = None) -> dict[str, Any]:
    """One complaint: the station's record in full, its deadline, and the center's handling step by step."""
    conn = store.conn()
    row = conn.execute("SELECT r.station, s.name, r.data FROM records r LEFT JOIN stations s ON s.code = r.station "
                       "WHERE r.record_type = 'complaint' AND r.record_id = ? AND r.voided = 0",
                       (complaint_id,)).fetchone()
    if row is None:
        raise CountyError(f"no complaint {complaint_id[:40]!r}", NO_COMPLAINT)
    data = json.loads(row[2])
    steps = [{"seq": seq, "kind": kind, "at": at, "text": text, "answered_on": answered_on, "reply_method": method,
              "satisfaction": satisfaction, "by": by, "account": account}
             for seq, kind, at, text, answered_on, method, satisfaction, by, account in conn.execute(
                 "SELECT seq, kind, at, text, answered_on, reply_method, satisfaction, by, account FROM "
                 "complaint_handling WHERE complaint_id = ? ORDER BY seq", (complaint_id,))]
    entry = _entry(complaint_id, row[0], row[1], data, _answers(conn).get(complaint_id), today or today_in_china())
    return {**entry, "data": data, "steps": steps}


def handle(store, complaint_id: str, kind: str, text: str, answered_on: date | None, reply_method: str | None,
           satisfaction: str | None, by: str, account: str, today: date | None = None,
           steps_seen: int | None = None) -> dict[str, Any]:
    """Record one step of the center's handling (`kind` "step") or its answer ("answer": the date, how, and the
    complainant's satisfaction if known); CountyError in Chinese, and nothing recorded, when it does not fit, or
    when `steps_seen` (the steps the sender saw) is not the number the complaint has: a step sent twice is kept
    once."""
    today = today or today_in_china()
    view = complaint_view(store, complaint_id, today)
    text = (text or "").strip()
    check_printable(text)
    if not text or len(text) > MAX_COMPLAINT_STEP_CHARS:
        raise CountyError("no text, or too long", NO_TEXT, {"most": MAX_COMPLAINT_STEP_CHARS})
    reference = default_reference()
    if kind == "answer":
        received = day_of(view["complained_at"]) or today
        if answered_on is None or not received <= answered_on <= today:
            raise CountyError("answer date out of range", BAD_ANSWER_DATE, {"received": received.isoformat()})
        methods = {c.code for c in reference.choices("reply_methods")}
        levels = {c.code for c in reference.choices("satisfaction_levels")}
        if reply_method not in methods or (satisfaction is not None and satisfaction not in levels):
            raise CountyError("unknown reply method or satisfaction", BAD_CHOICE)
    else:
        answered_on = reply_method = satisfaction = None
    if len(view["steps"]) >= MAX_COMPLAINT_STEPS:
        raise CountyError("too many steps", TOO_MANY_STEPS, {"most": MAX_COMPLAINT_STEPS})
    at, day = utc_now(), answered_on and answered_on.isoformat()
    with store.write() as conn:
        if steps_seen is not None and conn.execute("SELECT count(*) FROM complaint_handling WHERE complaint_id = ?",
                                                   (complaint_id,)).fetchone()[0] != steps_seen:
            raise CountyError("the complaint's steps changed", STEPS_CHANGED)
        seq = conn.execute("INSERT INTO complaint_handling (complaint_id, kind, at, text, answered_on, reply_method, "
                           "satisfaction, by, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (complaint_id, kind, at, text, day, reply_method, satisfaction, by, account)).lastrowid
        # the same step to the station that took the complaint, in the same transaction: it is sent once it is kept
        data = {"complaint_id": complaint_id, "number": view["number"], "step": seq, "handling": kind, "text": text,
                "answered_on": day, "reply_method": reply_method, "satisfaction": satisfaction}
        conn.execute("INSERT INTO events (event_id, station, kind, application_number, application_id, status, at, "
                     "by, data, account) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                     (new_id(), view["station"], COMPLAINT_EVENT, view["number"], complaint_id, at, by,
                      canonical_json(data), account))
    return complaint_view(store, complaint_id, today)


def county_answers(conn, complaints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The station's complaint records (data dicts, each with its number) with the center's answer where the
    station recorded none: the ledger and the half-yearly report count the same answers."""
    by_number: dict[str, dict[str, Any]] = {}
    for number, answered_on, method, satisfaction, text in conn.execute(
            "SELECT json_extract(r.data, '$.number'), h.answered_on, h.reply_method, h.satisfaction, h.text FROM "
            "complaint_handling h JOIN records r ON r.record_type = 'complaint' AND r.record_id = h.complaint_id "
            "WHERE h.kind = 'answer' ORDER BY h.seq"):
        by_number[number] = {"answered_on": answered_on, "reply_method": method, "satisfaction": satisfaction,
                             "text": text}
    return [with_center_answer(complaint, by_number.get(complaint.get("number"))) for complaint in complaints]
