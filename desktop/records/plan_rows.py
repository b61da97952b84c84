"""The station's settled row per case (`plan_rows`), what its measures are counted from in SQL (plan_counts.py)
and what its every-open-deadline list (期限待办) reads.

Triggers (migration step 16) mark an application in `plan_pending` whenever it, its closure reports, follow-ups,
court attendance or the county's decisions on it are written, deleted or voided — by a save, a decision arriving
by sync, a USB bundle, a restore's migration, anything. `settle_marked` works the marks off in Python, where the
rules are (deadlines.case_deadlines, indicators.PlanCase.settle), and `write_transaction` calls it just before
every COMMIT, so a row is never behind what the same transaction wrote. A row keeps only what is settled (days,
flags, the open deadlines' due days, the day it lapses without the materials asked for); whether a case is overdue
or withdrawn depends on the day and is asked in SQL with today's date (measure_sql.LATE, STANDING).
"""

from __future__ import annotations

import json
from typing import Callable, Sequence

from .deadlines import case_deadlines, load_case_facts, periods_basis, plan_periods
from .indicators import PlanCase
from .sqlcipher import sqlite3

CHUNK = 500  # applications settled per statement batch (SQLite's bound parameters stay well under its limit)
FILL_CHUNK = 2000  # applications settled per transaction while an upgrade fills the rows


def _day(value) -> str | None:
    return value.isoformat() if value else None


def settle(conn, ids: Sequence[str]) -> int:
    """Work out the rows of these applications again from what the station holds (a voided or deleted one's row
    goes); how many rows were written."""
    written = 0
    periods = plan_periods()
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start:start + CHUNK])
        marks = ", ".join("?" * len(chunk))
        conn.execute(f"DELETE FROM plan_rows WHERE application_id IN ({marks})", chunk)
        facts = load_case_facts(conn, f"a.id IN ({marks})", chunk)
        if not facts:
            continue
        rownums = dict(conn.execute(f"SELECT id, rownum FROM applications WHERE id IN ({marks})", chunk).fetchall())
        assignee: dict[str, str | None] = {}
        for app_id, kind in conn.execute("SELECT application_id, json_extract(data, '$.data.assignee_kind') "
                                         f"FROM county_events WHERE kind = 'assign' AND application_id IN ({marks}) "
                                         "ORDER BY seq", chunk):
            assignee[app_id] = kind  # the latest assignment's (indicators.load_station_cases reads it alike)
        rows = []
        for app_id, f in facts.items():
            case = PlanCase(f, "", "", f.case_type, f.litigation, f.heard_in_court, f.attended,
                            assignee.get(app_id)).settle()
            deadlines = case_deadlines(f, periods)
            rows.append((rownums[app_id], app_id, f.received.isoformat(), int(case.refused), _day(case.closed_on),
                         _day(case.granted_on), _day(case.decided_on), _day(case.assigned_on), case.assignee_kind,
                         case.case_type, int(case.litigation), int(case.heard_in_court), int(case.attended),
                         int(f.followed_up), _day(deadlines[0].due if deadlines else None),
                         json.dumps([[d.kind, d.due.isoformat(), d.since.isoformat()] for d in deadlines])
                         if deadlines else None, _day(case.lapses_on)))
        conn.executemany("INSERT INTO plan_rows (record_rowid, application_id, received, refused, closed_on, "
                         "granted_on, decided_on, assigned_on, assignee_kind, case_type, litigation, heard_in_court, "
                         "attended, followed_up, open_due, deadlines, lapses_on) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        written += len(rows)
    return written


def settle_marked(conn) -> int:
    """Settle the applications marked in this transaction (write_transaction calls it before COMMIT); how many.
    A database opened without its migrations (an older one read for its audit trail) has no marks to work off."""
    try:
        marked = [row[0] for row in conn.execute("SELECT application_id FROM plan_pending")]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return 0
        raise
    if marked:
        settle(conn, marked)
        conn.execute("DELETE FROM plan_pending")
    return len(marked)


def pending(conn) -> int:
    """How many applications wait for their row (all of them, once, after the upgrade that adds the rows)."""
    return conn.execute("SELECT count(*) FROM plan_pending").fetchone()[0]


def basis_changed(conn) -> bool:
    """The rows were worked out with other periods or rules than this version's: the next open works them all out
    again (the window shows its progress: at 100,000 applications it takes seconds)."""
    return conn.execute("SELECT value FROM plan_basis WHERE name = 'periods'").fetchone() != (
        periods_basis(plan_periods()),)


def catch_up(conn, progress: Callable[[int, int], None] | None = None) -> int:
    """Settle every marked application in transactions of FILL_CHUNK (open_database does, after the upgrade that
    marks them all, after a crash in the middle of it, and when a new version's deadline periods or rules
    (deadlines.periods_basis) differ from those the rows were worked out with: all are marked again);
    `progress(done, total)` follows it."""
    basis = periods_basis(plan_periods())  # the periods the rows are worked out with here
    if basis_changed(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT OR IGNORE INTO plan_pending (application_id) SELECT id FROM applications")
            conn.execute("INSERT OR REPLACE INTO plan_basis (name, value) VALUES ('periods', ?)", (basis,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    total, done = pending(conn), 0
    if not total:
        return 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            marked = [row[0] for row in conn.execute("SELECT application_id FROM plan_pending LIMIT ?", (FILL_CHUNK,))]
            if marked:
                settle(conn, marked)
                conn.executemany("DELETE FROM plan_pending WHERE application_id = ?", [(i,) for i in marked])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if not marked:
            return done
        done += len(marked)
        if progress is not None:
            progress(min(done, total), total)

