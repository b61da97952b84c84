"""Numbered, forward-only schema steps. Step N brings a database from version N-1 to N.

Never edit a released step: add a new one. tests/fixtures/ keeps a database
made by each released version; tests/unit/test_migrations.py opens them all.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

_RECORD_COLUMNS = """
    rownum INTEGER PRIMARY KEY,          -- stable integer key, shared with the search index
    id TEXT NOT NULL UNIQUE,             -- UUID made at the station
    version INTEGER NOT NULL,
    station TEXT NOT NULL,
    data TEXT NOT NULL,                  -- the record's fields as JSON
    created_at TEXT NOT NULL, created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL, updated_by TEXT NOT NULL,
    lamport INTEGER NOT NULL,            -- logical clock of the last change
    voided INTEGER NOT NULL DEFAULT 0,
    void_reason TEXT
"""


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the caller's transaction.

    (sqlite3's executescript would COMMIT first, breaking the step's atomicity.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


def _step_1(conn: sqlite3.Connection) -> None:
    run_script(conn, f"""
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), lamport INTEGER NOT NULL);
    INSERT INTO clock VALUES (1, 0);

    CREATE TABLE persons ({_RECORD_COLUMNS},
        name TEXT, id_number TEXT, phone TEXT);
    CREATE INDEX persons_by_id_number ON persons(id_number);
    CREATE INDEX persons_by_phone ON persons(phone);
    CREATE INDEX persons_by_name ON persons(name);

    CREATE TABLE consultations ({_RECORD_COLUMNS},
        person_id TEXT REFERENCES persons(id),
        occurred_at TEXT NOT NULL, channel TEXT, matter_category TEXT, outcome TEXT,
        clerk TEXT, person_name TEXT, categories TEXT NOT NULL DEFAULT '');
    CREATE INDEX consultations_by_time ON consultations(occurred_at);
    CREATE INDEX consultations_by_person ON consultations(person_id);

    CREATE TABLE applications ({_RECORD_COLUMNS},
        number TEXT NOT NULL UNIQUE,
        person_id TEXT REFERENCES persons(id),
        consultation_id TEXT REFERENCES consultations(id),
        received_at TEXT NOT NULL, channel TEXT, case_type TEXT, status TEXT NOT NULL,
        eligibility_ground TEXT, urgent INTEGER NOT NULL DEFAULT 0,
        clerk TEXT, person_name TEXT, categories TEXT NOT NULL DEFAULT '');
    CREATE INDEX applications_by_time ON applications(received_at);
    CREATE INDEX applications_by_person ON applications(person_id);

    -- every version of every record, newest last; nothing is ever removed
    CREATE TABLE history (
        seq INTEGER PRIMARY KEY, record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        version INTEGER NOT NULL, action TEXT NOT NULL, data TEXT NOT NULL,
        at TEXT NOT NULL, by TEXT NOT NULL, lamport INTEGER NOT NULL, reason TEXT,
        UNIQUE (record_type, record_id, version));

    -- what the sync will send, in order; acked_at is set when the county confirms
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY, change_id TEXT NOT NULL UNIQUE,
        record_type TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
        lamport INTEGER NOT NULL, payload TEXT NOT NULL, sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL, acked_at TEXT, rejected_reason TEXT);
    CREATE INDEX outbox_pending ON outbox(acked_at);

    CREATE TABLE number_sequences (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);

    CREATE TABLE drafts (form TEXT PRIMARY KEY, record_id TEXT, base_version INTEGER,
        data TEXT NOT NULL, saved_at TEXT NOT NULL);

    -- substring search: single characters in `uni`, character bigrams (in order) in `bi`
    CREATE VIRTUAL TABLE consultation_search USING fts5(uni, bi, tokenize='ascii');
    CREATE VIRTUAL TABLE application_search USING fts5(uni, bi, tokenize='ascii');
    CREATE VIRTUAL TABLE person_search USING fts5(uni, bi, tokenize='ascii');
    """)


STEPS: list[Callable[[sqlite3.Connection], None]] = [_step_1]
CURRENT_VERSION = len(STEPS)
