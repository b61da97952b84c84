"""Numbered, forward-only schema steps of county.db, like the station's (desktop/records/migrations.py).

Step N brings the database from PRAGMA user_version N-1 to N, in one transaction; the county's data
folder is copied aside before a folder with a schema is changed. Never edit a released step: add one.
Every step is safe to run again (IF NOT EXISTS, OR IGNORE). A county.db from a newer server is refused
with a message and left untouched.

Step 1 is the schema the server created before it had versions; a folder from then (user_version 0,
tests/fixtures/county_v0) takes it harmlessly and is at version 1 afterwards.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable

from desktop.records.deadlines import periods_basis
from desktop.records.schema_steps import add_missing_column, run_script, run_steps
from sync.server.data_key import connect
from sync.server.errors import CountyError

log = logging.getLogger(__name__)


def _step_1(conn: sqlite3.Connection) -> None:
    """Stations and their keys, nonces, the change log and records, events, attachments and files, the roster."""
    run_script(conn, """
    -- enrolled stations (one-time code hash, current key and certificate, revocation)
    CREATE TABLE IF NOT EXISTS stations (
        code TEXT PRIMARY KEY, name TEXT NOT NULL, township TEXT NOT NULL, type TEXT NOT NULL,
        enrollment_code_sha256 TEXT, public_key BLOB, key_id TEXT, certificate TEXT,
        added_at TEXT NOT NULL, enrolled_at TEXT, revoked_at TEXT, revoked_reason TEXT);
    -- every key ever enrolled for a station: what it signed before a re-enrollment still verifies
    CREATE TABLE IF NOT EXISTS station_keys (station TEXT NOT NULL, key_id TEXT NOT NULL, public_key BLOB NOT NULL,
        enrolled_at TEXT NOT NULL, PRIMARY KEY (station, key_id));
    INSERT OR IGNORE INTO station_keys (station, key_id, public_key, enrolled_at)
        SELECT code, key_id, public_key, enrolled_at FROM stations WHERE public_key IS NOT NULL;
    -- request nonces (replay protection), remembered NONCE_TTL_SECONDS
    CREATE TABLE IF NOT EXISTS nonces (station TEXT NOT NULL, nonce TEXT NOT NULL, expires REAL NOT NULL,
        PRIMARY KEY (station, nonce));
    CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces(expires);
    -- every change ever accepted, by change_id, never overwritten; records = the latest version of each
    CREATE TABLE IF NOT EXISTS changes (
        seq INTEGER PRIMARY KEY, change_id TEXT NOT NULL UNIQUE, station TEXT NOT NULL,
        record_type TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL, lamport INTEGER NOT NULL,
        sha256 TEXT NOT NULL, payload TEXT NOT NULL, received_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS changes_by_version ON changes(record_type, record_id, version);
    CREATE TABLE IF NOT EXISTS records (
        station TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
        number TEXT, voided INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL, change_id TEXT NOT NULL,
        PRIMARY KEY (record_type, record_id));
    CREATE UNIQUE INDEX IF NOT EXISTS records_by_number ON records(number) WHERE number IS NOT NULL;
    -- the county's decisions, numbered: the stations' pull cursor
    CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, station TEXT NOT NULL,
        kind TEXT NOT NULL, application_number TEXT NOT NULL, application_id TEXT NOT NULL,
        status TEXT, at TEXT NOT NULL, by TEXT NOT NULL, data TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS events_by_station ON events(station, seq);
    -- attachment manifests (signed, accepted) and the files the county holds
    CREATE TABLE IF NOT EXISTS attachments (
        attachment_id TEXT PRIMARY KEY, station TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        slot TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, media_type TEXT NOT NULL,
        original_name TEXT NOT NULL, voided INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX IF NOT EXISTS attachments_by_file ON attachments(station, sha256);
    CREATE INDEX IF NOT EXISTS attachments_by_record ON attachments(record_type, record_id);
    CREATE TABLE IF NOT EXISTS files (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, station TEXT NOT NULL,
        received_at TEXT NOT NULL);
    -- which stations delivered a file's bytes themselves: only they are told "complete" and may fetch it back
    -- (naming a hash in a signed manifest proves nothing about holding the file)
    CREATE TABLE IF NOT EXISTS file_holders (station TEXT NOT NULL, sha256 TEXT NOT NULL,
        PRIMARY KEY (station, sha256));
    INSERT OR IGNORE INTO file_holders (station, sha256) SELECT station, sha256 FROM files;
    -- the reference data (sync/server/reference.py): roster, townships' registered population, its version
    CREATE TABLE IF NOT EXISTS roster (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, organisation TEXT NOT NULL,
        years_of_practice INTEGER NOT NULL, minors_familiar INTEGER NOT NULL, phone TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS townships (
        name TEXT PRIMARY KEY, registered_population INTEGER NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS reference_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, updated_at TEXT);
    INSERT OR IGNORE INTO reference_meta (id, version, updated_at) VALUES (1, 0, NULL);
    """)


def _step_2(conn: sqlite3.Connection) -> None:
    """Each station's document-signing certificate (X.509, under the county root); `certificate` now holds the
    station's X.509 sync certificate (the old JSON one until the station's next sync renews it)."""
    add_missing_column(conn, "stations", "document_certificate", "TEXT")


def _step_3(conn: sqlite3.Connection) -> None:
    """Each township's economic-hardship standard (sync/server/reference.py), part of the reference data."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS hardship_standards (
        township TEXT PRIMARY KEY, minimum_living TEXT NOT NULL, multiple TEXT NOT NULL, updated_at TEXT NOT NULL);
    """)


def _step_4(conn: sqlite3.Connection) -> None:
    """Decisions belong to the application's id (sync/server/decisions.py): its events found by id. The kinds of
    station are the station's own (fixed, mobile, military): the county's older names are mapped to them."""
    run_script(conn, """
    CREATE INDEX IF NOT EXISTS events_by_application ON events(application_id, seq);
    UPDATE stations SET type = 'military' WHERE type = 'camp';
    UPDATE stations SET type = 'fixed' WHERE type NOT IN ('fixed', 'mobile', 'military');
    """)


def _step_5(conn: sqlite3.Connection) -> None:
    """The audit trails (sync/server/audit.py): the county's own (who decided, downloaded which record), and the
    head of each station's log the county saw at its syncs, with the last time one did not lead through it."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,
        record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS station_audit (
        station TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL, seen_at TEXT NOT NULL,
        rewritten_at TEXT, rewritten_detail TEXT
    );
    """)


def _step_6(conn: sqlite3.Connection) -> None:
    """The county workspace (sync/server/staff.py, issued.py): staff accounts and their sessions, who decided
    (the account, beside the name shown at the stations), and the documents each decision issued, numbered
    without gaps per kind of document and year."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS staff (
        name TEXT PRIMARY KEY, display_name TEXT NOT NULL, roles TEXT NOT NULL, password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS staff_sessions (
        token_sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, started REAL NOT NULL, last_used REAL NOT NULL);
    CREATE INDEX IF NOT EXISTS staff_sessions_by_name ON staff_sessions(name);
    CREATE TABLE IF NOT EXISTS document_counters (
        kind TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (kind, year));
    CREATE TABLE IF NOT EXISTS issued_documents (
        event_id TEXT NOT NULL, form TEXT NOT NULL, station TEXT NOT NULL, application_id TEXT NOT NULL,
        number TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, issued_at TEXT NOT NULL,
        PRIMARY KEY (event_id, form));
    CREATE INDEX IF NOT EXISTS issued_documents_by_file ON issued_documents(sha256);
    """)
    add_missing_column(conn, "events", "account", "TEXT")


def _step_7(conn: sqlite3.Connection) -> None:
    """The workspace at scale (sync/server/indexes.py): each application's place in the queue (status, first
    deadline, filters) and the two-character search of applications and consultations, kept by an index lane
    the triggers feed (every record and decision written marks its application or consultation); the lists'
    order and the person's earlier matters read from indexes. An existing county's records are all marked:
    the first read of the workspace indexes them."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS index_pending (record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        PRIMARY KEY (record_type, record_id)) WITHOUT ROWID;
    -- (a trigger's OR IGNORE would give way to the writing statement's conflict policy: marks are only added new)
    DROP TRIGGER IF EXISTS records_mark_insert;
    CREATE TRIGGER records_mark_insert AFTER INSERT ON records
        WHEN new.record_type IN ('application', 'consultation') BEGIN
        INSERT INTO index_pending (record_type, record_id) SELECT new.record_type, new.record_id WHERE NOT EXISTS
            (SELECT 1 FROM index_pending WHERE record_type = new.record_type AND record_id = new.record_id); END;
    DROP TRIGGER IF EXISTS records_mark_update;
    CREATE TRIGGER records_mark_update AFTER UPDATE ON records
        WHEN new.record_type IN ('application', 'consultation') BEGIN
        INSERT INTO index_pending (record_type, record_id) SELECT new.record_type, new.record_id WHERE NOT EXISTS
            (SELECT 1 FROM index_pending WHERE record_type = new.record_type AND record_id = new.record_id); END;
    DROP TRIGGER IF EXISTS events_mark;
    CREATE TRIGGER events_mark AFTER INSERT ON events BEGIN
        INSERT INTO index_pending (record_type, record_id) SELECT 'application', new.application_id WHERE NOT EXISTS
            (SELECT 1 FROM index_pending WHERE record_type = 'application' AND record_id = new.application_id); END;
    INSERT OR IGNORE INTO index_pending (record_type, record_id)
        SELECT record_type, record_id FROM records WHERE record_type IN ('application', 'consultation');
    CREATE TABLE IF NOT EXISTS queue_rows (
        record_rowid INTEGER PRIMARY KEY, application_id TEXT NOT NULL UNIQUE, station TEXT NOT NULL,
        received_at TEXT NOT NULL, status TEXT NOT NULL, case_type TEXT, groups INTEGER NOT NULL,
        due_kind TEXT, due TEXT, due_key TEXT NOT NULL, urgent_due INTEGER NOT NULL, view_version INTEGER NOT NULL,
        item TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS queue_order ON queue_rows(due_key, received_at DESC);
    CREATE INDEX IF NOT EXISTS queue_by_station ON queue_rows(station, due_key, received_at DESC);
    CREATE INDEX IF NOT EXISTS queue_by_status ON queue_rows(status, due_key, received_at DESC);
    CREATE INDEX IF NOT EXISTS queue_by_case_type ON queue_rows(case_type, due_key, received_at DESC);
    CREATE INDEX IF NOT EXISTS queue_urgent ON queue_rows(due_key, received_at DESC) WHERE urgent_due = 1;
    -- the special groups (queue.GROUPS) as bits: 1 military, 2 minor, 4 migrant_worker
    CREATE INDEX IF NOT EXISTS queue_group_1 ON queue_rows(due_key, received_at DESC) WHERE groups & 1 = 1;
    CREATE INDEX IF NOT EXISTS queue_group_2 ON queue_rows(due_key, received_at DESC) WHERE groups & 2 = 2;
    CREATE INDEX IF NOT EXISTS queue_group_4 ON queue_rows(due_key, received_at DESC) WHERE groups & 4 = 4;
    CREATE VIRTUAL TABLE IF NOT EXISTS application_search USING fts5(uni, bi, content='', contentless_delete=1,
        tokenize='ascii');
    CREATE VIRTUAL TABLE IF NOT EXISTS consultation_search USING fts5(uni, bi, station, content='',
        contentless_delete=1, tokenize='ascii');
    CREATE INDEX IF NOT EXISTS records_consultation_time ON records(json_extract(data, '$.occurred_at'))
        WHERE record_type = 'consultation' AND voided = 0;
    CREATE INDEX IF NOT EXISTS records_consultation_station_time
        ON records(station, json_extract(data, '$.occurred_at')) WHERE record_type = 'consultation' AND voided = 0;
    CREATE INDEX IF NOT EXISTS records_by_id_number ON records(json_extract(data, '$.id_number'))
        WHERE record_type IN ('application', 'consultation');
    CREATE INDEX IF NOT EXISTS records_by_person ON records(json_extract(data, '$.person_id'))
        WHERE record_type IN ('application', 'consultation');
    CREATE INDEX IF NOT EXISTS issued_documents_by_application ON issued_documents(application_id);
    """)


def _step_8(conn: sqlite3.Connection) -> None:
    """The plan's measures at scale (sync/server/indexes.py, plan.py): each live application's measures worked out
    once (its decisions' days, closure, follow-up, court attendance, earliest open deadline) in `plan_rows`, kept by
    the index lane, so the county's indicators are counts over indexes. A case's records after the decision mark
    their application too; an existing county's applications are all marked."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS plan_rows (
        record_rowid INTEGER PRIMARY KEY, application_id TEXT NOT NULL UNIQUE, station TEXT NOT NULL,
        received TEXT NOT NULL, refused INTEGER NOT NULL, closed_on TEXT, granted_on TEXT, decided_on TEXT,
        assigned_on TEXT, assignee_kind TEXT, case_type TEXT, litigation INTEGER NOT NULL,
        heard_in_court INTEGER NOT NULL, attended INTEGER NOT NULL, followed_up INTEGER NOT NULL, open_due TEXT);
    CREATE INDEX IF NOT EXISTS plan_by_received ON plan_rows(received);
    CREATE INDEX IF NOT EXISTS plan_by_closed ON plan_rows(closed_on);
    CREATE INDEX IF NOT EXISTS records_by_case ON records(json_extract(data, '$.application_id'))
        WHERE record_type IN ('closure', 'follow_up', 'court_attendance');
    DROP TRIGGER IF EXISTS casework_mark;
    CREATE TRIGGER casework_mark AFTER INSERT ON records
        WHEN new.record_type IN ('closure', 'follow_up', 'court_attendance')
        AND typeof(json_extract(new.data, '$.application_id')) = 'text' BEGIN
        INSERT INTO index_pending (record_type, record_id) SELECT 'application', json_extract(new.data, '$.application_id')
        WHERE NOT EXISTS (SELECT 1 FROM index_pending WHERE record_type = 'application'
                          AND record_id = json_extract(new.data, '$.application_id')); END;
    DROP TRIGGER IF EXISTS casework_mark_update;
    CREATE TRIGGER casework_mark_update AFTER UPDATE ON records
        WHEN new.record_type IN ('closure', 'follow_up', 'court_attendance')
        AND typeof(json_extract(new.data, '$.application_id')) = 'text' BEGIN
        INSERT INTO index_pending (record_type, record_id) SELECT 'application', json_extract(new.data, '$.application_id')
        WHERE NOT EXISTS (SELECT 1 FROM index_pending WHERE record_type = 'application'
                          AND record_id = json_extract(new.data, '$.application_id')); END;
    INSERT INTO index_pending (record_type, record_id) SELECT 'application', record_id FROM records r
        WHERE record_type = 'application' AND NOT EXISTS (SELECT 1 FROM index_pending p
                                                          WHERE p.record_type = 'application' AND p.record_id = r.record_id);
    """)


def _step_9(conn: sqlite3.Connection) -> None:
    """The county's handling of the complaints the stations record (sync/server/complaint_handling.py): each step
    and the answer as the center records them, by whom, beside the station's record (which stays the station's)."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS complaint_handling (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, complaint_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,
        text TEXT NOT NULL, answered_on TEXT, reply_method TEXT, satisfaction TEXT, by TEXT NOT NULL,
        account TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS complaint_handling_by_complaint ON complaint_handling(complaint_id, seq);
    """)


def _step_10(conn: sqlite3.Connection) -> None:
    """The stations' data keys escrowed to the county by their heads' choice (sync/server/escrow.py): one slot
    per station, which only the county's private key opens."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS station_escrow (
        station TEXT PRIMARY KEY, keyring_id TEXT NOT NULL, slot TEXT NOT NULL, received_at TEXT NOT NULL);
    """)


def _step_11(conn: sqlite3.Connection) -> None:
    """One station's changes by their order of arrival (issue 17): a recovering laptop's `GET /v1/changes` pages and
    a station's change count read its own changes, not the county's whole log."""
    run_script(conn, """
    CREATE INDEX IF NOT EXISTS changes_by_station ON changes(station, seq);
    """)


def _step_12(conn: sqlite3.Connection) -> None:
    """The center's handling of a complaint goes down to the station that took it, as a county event of kind
    'complaint' (sync/server/complaint_handling.py): the index lane leaves such events alone (they name no
    application), and the handling recorded before this version is sent too, in the order it was recorded."""
    run_script(conn, """
    DROP TRIGGER IF EXISTS events_mark;
    CREATE TRIGGER events_mark AFTER INSERT ON events WHEN new.kind <> 'complaint' BEGIN
        INSERT INTO index_pending (record_type, record_id) SELECT 'application', new.application_id WHERE NOT EXISTS
            (SELECT 1 FROM index_pending WHERE record_type = 'application' AND record_id = new.application_id); END;
    INSERT INTO events (event_id, station, kind, application_number, application_id, status, at, by, data, account)
        SELECT lower(hex(randomblob(16))), r.station, 'complaint', coalesce(json_extract(r.data, '$.number'), ''),
               h.complaint_id, NULL, h.at, h.by,
               json_object('answered_on', h.answered_on, 'complaint_id', h.complaint_id, 'handling', h.kind,
                           'number', coalesce(json_extract(r.data, '$.number'), ''), 'reply_method', h.reply_method,
                           'satisfaction', h.satisfaction, 'step', h.seq, 'text', h.text), h.account
        FROM complaint_handling h JOIN records r ON r.record_type = 'complaint' AND r.record_id = h.complaint_id
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.kind = 'complaint' AND e.application_id = h.complaint_id
                          AND json_extract(e.data, '$.step') = h.seq)
        ORDER BY h.seq;
    """)


def _step_13(conn: sqlite3.Connection) -> None:
    """The deadline periods the index lane's rows were worked out with (queue_rows' due, plan_rows' open deadline):
    recorded, so a version shipping other periods indexes every application again (indexes.periods_changed). An
    existing county's rows were worked out with this version's periods, which are recorded as they are."""
    run_script(conn, "CREATE TABLE IF NOT EXISTS index_basis (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;")
    conn.execute("INSERT OR IGNORE INTO index_basis (name, value) VALUES ('periods', ?)", (periods_basis(),))


def _step_14(conn: sqlite3.Connection) -> None:
    """The county's refusals by case: the CASE-STATISTICS report counts each case's first refusal by month
    (measure_sql.month_counts); without it that read every decision of the county (4.7 s at a million records)."""
    run_script(conn, "CREATE INDEX IF NOT EXISTS events_refusals ON events(application_id, at) WHERE kind = 'refuse';")


def _step_15(conn: sqlite3.Connection) -> None:
    """Issue 17: the changes by record start with the record's id, not its type. Stations make ids that begin with
    their time (desktop/records/ids.py), so a batch's changes land at the index's end, where SQLite appends, instead
    of one page per change in the middle of each record type's part of it."""
    run_script(conn, """
    DROP INDEX IF EXISTS changes_by_version;
    CREATE INDEX IF NOT EXISTS changes_by_record ON changes(record_id, version);
    """)


def _step_16(conn: sqlite3.Connection) -> None:
    """Legal Aid Law Art. 43: an application whose materials were not supplied by the supplement notice's date counts
    as withdrawn. The index lane keeps that date while the county waits (`lapses_on`, deadlines.lapses_on) in the
    measures' rows and the queue's, so the measures, the queue's counts and its overdue leave such an application out
    and the queue lists it as withdrawn once the date has passed. The rows are filled when the store opens: the
    rules' version (deadlines.RULES_VERSION 4) differs from the recorded basis (indexes.periods_changed)."""
    add_missing_column(conn, "plan_rows", "lapses_on", "TEXT")
    add_missing_column(conn, "queue_rows", "lapses_on", "TEXT")
    run_script(conn, "CREATE INDEX IF NOT EXISTS queue_lapsing ON queue_rows(lapses_on) WHERE lapses_on IS NOT NULL;")


STEPS: list[Callable[[sqlite3.Connection], None]] = [_step_1, _step_2, _step_3, _step_4, _step_5, _step_6, _step_7,
                                                     _step_8, _step_9, _step_10, _step_11, _step_12,
                                                     _step_13, _step_14, _step_15, _step_16]
CURRENT_VERSION = len(STEPS)


def check_version(conn, path: Path) -> int:
    """The schema version of county.db open on `conn`; CountyError when a newer server made it."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > CURRENT_VERSION:
        raise CountyError(f"{path} was made by a newer version of the county server (schema {found}, this "
                          f"server knows {CURRENT_VERSION}); install the newer version. The file was not changed.")
    return found


def migrate(conn, path: Path, key: bytes) -> None:
    """Bring county.db at `path` (open on `conn` with `key`, autocommit) to CURRENT_VERSION; CountyError,
    nothing changed, when it was made by a newer server."""
    found = check_version(conn, path)
    if found == CURRENT_VERSION:
        return
    if found > 0:
        backup_before_migration(conn, path, found, key)
    run_steps(conn, STEPS, found, str(path))


def backup_before_migration(conn, path: Path, found: int, key: bytes) -> Path:
    """Copy county.db aside before its schema changes (an online backup: safe with WAL), encrypted like it."""
    target = path.with_name(f"{path.stem}.schema{found}.{datetime.now().strftime('%Y%m%d-%H%M%S')}.bak")
    dest = connect(target, key)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    if os.name == "posix":
        target.chmod(0o600)  # applicants' data, like county.db itself
    log.info("backed up %s to %s before migrating", path, target)
    return target
