"""Numbered, forward-only schema steps. Step N brings a database from version N-1 to N.

Never edit a released step: add a new one. tests/fixtures/ keeps a database
made by each released version; tests/unit/test_migrations.py opens them all.
From step 4 on, a step is safe to run again (IF NOT EXISTS, a column checked before it is added):
a restored backup whose recorded version is older re-runs steps its tables already have.
"""

from __future__ import annotations

from typing import Callable

from .list_counts import COUNTED, GROUPED_TABLES, create as create_list_counts, create_groups, create_members
from .schema_steps import add_missing_column, run_script
from .sqlcipher import sqlite3

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


def _step_2(conn: sqlite3.Connection) -> None:
    """Attachments (materials linked to a record's checklist slot, signed) and the keys that signed them."""
    run_script(conn, """
    CREATE TABLE attachments (
        rownum INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,             -- UUID made at the station
        record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        slot TEXT NOT NULL,                  -- materials checklist code
        sha256 TEXT NOT NULL,                -- names the file in the vault (objects/ab/cdef...)
        size INTEGER NOT NULL, media_type TEXT NOT NULL, original_name TEXT NOT NULL,
        manifest TEXT NOT NULL,              -- canonical JSON: what the signature covers
        signature TEXT,                      -- base64 Ed25519 signature of the manifest; NULL when unsigned
        key_id TEXT,                         -- hex SHA-256 of the signing public key
        created_at TEXT NOT NULL, created_by TEXT NOT NULL,
        lamport INTEGER NOT NULL,
        voided INTEGER NOT NULL DEFAULT 0,
        void_reason TEXT);
    CREATE INDEX attachments_by_record ON attachments(record_type, record_id);
    CREATE INDEX attachments_by_sha256 ON attachments(sha256);

    -- every public key that signed something here, so old signatures stay checkable after a key change
    CREATE TABLE station_keys (key_id TEXT PRIMARY KEY, public_key BLOB NOT NULL, created_at TEXT NOT NULL);
    """)


def _step_3(conn: sqlite3.Connection) -> None:
    """Indexes the list screens need at 200,000 records (measured in bench/bench_lists.py).

    The (voided, time, filters...) indexes cover count(*) and the default page;
    the partial voided indexes let a search count subtract void matches cheaply.
    """
    run_script(conn, """
    CREATE INDEX consultations_list ON consultations(voided, occurred_at, channel, matter_category, outcome, categories);
    CREATE INDEX applications_list ON applications(voided, received_at, channel, case_type, status, categories);
    CREATE INDEX consultations_by_name ON consultations(voided, person_name);
    CREATE INDEX applications_by_name ON applications(voided, person_name);
    CREATE INDEX consultations_void ON consultations(rownum) WHERE voided = 1;
    CREATE INDEX applications_void ON applications(rownum) WHERE voided = 1;
    """)


def _step_4(conn: sqlite3.Connection) -> None:
    """Station-side sync state: enrollment, pinned county certificate, pull cursor; the county's events."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- the county's decisions pulled by the sync, in the county's order; never edited
    CREATE TABLE IF NOT EXISTS county_events (
        seq INTEGER PRIMARY KEY,             -- the county's sequence number (the pull cursor)
        event_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        application_number TEXT, application_id TEXT,
        data TEXT NOT NULL,                  -- canonical JSON of the whole event
        decided_at TEXT NOT NULL,            -- the county's clock
        received_at TEXT NOT NULL,           -- the station's clock
        seen_at TEXT);                       -- when a clerk looked at it (the app sets it)
    CREATE INDEX IF NOT EXISTS county_events_by_application ON county_events(application_number);
    """)


def _step_5(conn: sqlite3.Connection) -> None:
    """Counting what waits to be sent reads only this index (the status bar does it after every save)."""
    run_script(conn, """
    CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox(acked_at, rejected_reason);
    """)


def _step_6(conn: sqlite3.Connection) -> None:
    """Attachment files the county confirmed it holds (uploaded or carried in a USB bundle), so each
    file goes up once; and the outbox by record, for "is this attachment's manifest acknowledged yet"."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS file_uploads (
        sha256 TEXT PRIMARY KEY,             -- the vault object the county holds, hash-checked on arrival
        size INTEGER NOT NULL,
        confirmed_at TEXT NOT NULL);         -- the station's clock
    CREATE INDEX IF NOT EXISTS outbox_by_record ON outbox(record_type, record_id, version);
    -- the 县中心 page: unread decisions, and an application's decisions by id as well as by number
    CREATE INDEX IF NOT EXISTS county_events_unseen ON county_events(seq) WHERE seen_at IS NULL;
    CREATE INDEX IF NOT EXISTS county_events_by_application_id ON county_events(application_id);
    """)


def _step_7(conn: sqlite3.Connection) -> None:
    """Names sort by pinyin: a sort key beside the name (desktop/records/sortkey.py), indexed like the name."""
    from .sortkey import name_key

    conn.create_function("name_key", 1, name_key, deterministic=True)
    for table in ("consultations", "applications"):
        add_missing_column(conn, table, "name_key", "TEXT", not_null_default="")
        conn.execute(f"UPDATE {table} SET name_key = name_key(person_name)")
        conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_by_name_key ON {table}(voided, name_key)")


def _step_8(conn: sqlite3.Connection) -> None:
    """Who a record is about, indexed apart from its text: a search for 张 lists the people named 张 (and the
    numbers containing what was typed) before the records that mention 张 in a question or the facts."""
    from .search import WHO_FIELDS, index_terms

    for record_type, table in (("consultation", "consultations"), ("application", "applications")):
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (f"{record_type}_who",)).fetchone():
            continue  # run again (a restored backup): the store has kept it current, leave it as it is
        conn.execute(f"CREATE VIRTUAL TABLE {record_type}_who USING fts5(uni, bi, tokenize='ascii')")
        names = WHO_FIELDS[record_type]
        values = ", ".join(f"json_extract(data, '$.{name}')" for name in names)  # names are plain identifiers
        rows = conn.execute(f"SELECT rownum, {values} FROM {table}")
        conn.executemany(f"INSERT INTO {record_type}_who (rowid, uni, bi) VALUES (?, ?, ?)",
                         ((row[0], *index_terms(row[1:])) for row in rows))


def _step_9(conn: sqlite3.Connection) -> None:
    """Each attachment's last verification result, whoever checked it (the record's materials panel, 核查全部材料,
    a preview, printing the case file, `python -m desktop verify`): an open record shows every result at once."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS attachment_checks (
        attachment_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,                -- ok | tampered | missing | unsigned
        reason TEXT NOT NULL,                -- English source text (context "Attachments")
        params TEXT NOT NULL,                -- JSON object filling the reason's braces
        checked_at TEXT NOT NULL);           -- the station's clock
    """)


def _step_10(conn: sqlite3.Connection) -> None:
    """After the decision (issue 14): follow-up visits, court attendance, quality evaluations and closure reports
    linked to a case, complaints, outreach events; consultations taken at an event link to it. Each table has the
    record columns, what its list and the plan's indicators read, and its search index (desktop/records/casework.py)."""
    run_script(conn, f"""
    CREATE TABLE IF NOT EXISTS follow_ups ({_RECORD_COLUMNS},
        application_id TEXT, consultation_id TEXT, visited_on TEXT NOT NULL, visit_method TEXT, visitor TEXT,
        satisfaction TEXT, case_number TEXT, person_name TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS follow_ups_list ON follow_ups(voided, visited_on);
    CREATE INDEX IF NOT EXISTS follow_ups_by_application ON follow_ups(application_id, voided);
    CREATE INDEX IF NOT EXISTS follow_ups_by_consultation ON follow_ups(consultation_id, voided);
    CREATE TABLE IF NOT EXISTS court_attendances ({_RECORD_COLUMNS},
        application_id TEXT, hearing_date TEXT NOT NULL, court_name TEXT, observers TEXT, overall TEXT,
        case_number TEXT, person_name TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS court_attendances_list ON court_attendances(voided, hearing_date);
    CREATE INDEX IF NOT EXISTS court_attendances_by_application ON court_attendances(application_id, voided);
    CREATE TABLE IF NOT EXISTS quality_evaluations ({_RECORD_COLUMNS},
        application_id TEXT, evaluated_on TEXT NOT NULL, evaluator TEXT, score INTEGER, grade TEXT,
        case_number TEXT, person_name TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS quality_evaluations_list ON quality_evaluations(voided, evaluated_on);
    CREATE INDEX IF NOT EXISTS quality_evaluations_by_application ON quality_evaluations(application_id, voided);
    CREATE TABLE IF NOT EXISTS closures ({_RECORD_COLUMNS},
        application_id TEXT, closed_on TEXT NOT NULL, closing_method TEXT, litigation INTEGER NOT NULL DEFAULT 0,
        heard_in_court INTEGER NOT NULL DEFAULT 0, archived_on TEXT, case_number TEXT,
        person_name TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS closures_list ON closures(voided, closed_on);
    CREATE INDEX IF NOT EXISTS closures_by_application ON closures(application_id, voided);
    CREATE TABLE IF NOT EXISTS complaints ({_RECORD_COLUMNS},
        number TEXT UNIQUE, complained_at TEXT NOT NULL, complaint_channel TEXT, complainant TEXT,
        respondent_kind TEXT, reply_date TEXT, satisfaction TEXT, case_number TEXT,
        person_name TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS complaints_list ON complaints(voided, complained_at);
    CREATE TABLE IF NOT EXISTS outreach_events ({_RECORD_COLUMNS},
        held_on TEXT NOT NULL, event_type TEXT, title TEXT, place TEXT, unit TEXT, people_reached INTEGER,
        person_name TEXT NOT NULL DEFAULT '');
    CREATE INDEX IF NOT EXISTS outreach_events_list ON outreach_events(voided, held_on);
    CREATE VIRTUAL TABLE IF NOT EXISTS follow_up_search USING fts5(uni, bi, tokenize='ascii');
    CREATE VIRTUAL TABLE IF NOT EXISTS court_attendance_search USING fts5(uni, bi, tokenize='ascii');
    CREATE VIRTUAL TABLE IF NOT EXISTS quality_evaluation_search USING fts5(uni, bi, tokenize='ascii');
    CREATE VIRTUAL TABLE IF NOT EXISTS closure_search USING fts5(uni, bi, tokenize='ascii');
    CREATE VIRTUAL TABLE IF NOT EXISTS complaint_search USING fts5(uni, bi, tokenize='ascii');
    CREATE VIRTUAL TABLE IF NOT EXISTS outreach_event_search USING fts5(uni, bi, tokenize='ascii');
    """)
    add_missing_column(conn, "consultations", "outreach_event_id", "TEXT")
    conn.execute("CREATE INDEX IF NOT EXISTS consultations_by_outreach_event ON consultations(outreach_event_id)")
    # the follow-up list finds the consultations flagged 需要回访 without reading every record's data
    if add_missing_column(conn, "consultations", "follow_up_needed", "INTEGER", not_null_default=0):
        conn.execute("UPDATE consultations SET follow_up_needed = 1 WHERE json_extract(data, '$.follow_up_needed') = 1")
    conn.execute("CREATE INDEX IF NOT EXISTS consultations_follow_up ON consultations(occurred_at) "
                 "WHERE follow_up_needed = 1 AND voided = 0")
    # the plan's measures and deadlines read every case's facts from indexes, not from each record's data
    # (desktop/records/deadlines.py load_case_facts): at 200,000 records 0.1 s instead of 1.5 s
    run_script(conn, """
    CREATE INDEX IF NOT EXISTS applications_plan ON applications(voided, received_at, id, number, person_name,
        case_type, status, urgent);
    CREATE INDEX IF NOT EXISTS closures_plan ON closures(application_id, voided, closed_on, litigation, heard_in_court);
    CREATE INDEX IF NOT EXISTS county_events_by_case ON county_events(application_id, kind, decided_at);
    CREATE INDEX IF NOT EXISTS county_events_assignee ON county_events(kind, seq, application_id,
        json_extract(data, '$.data.assignee_kind'));
    """)


LIST_TABLES = ("consultations", "applications", "follow_ups", "court_attendances", "quality_evaluations", "closures",
               "complaints", "outreach_events")
OUTBOX_PENDING = "acked_at IS NULL AND rejected_reason IS NULL"  # what waits to be sent (sync/outbox.py)


def _step_11(conn: sqlite3.Connection) -> None:
    """Counts kept by triggers in `counts` (name, n): what waits to be sent ('outbox:pending'), the county's
    decisions not yet read ('county_events:unseen'), and each list's
    records ('<table>:live' not voided, '<table>:all'). The status bar and the lists show them at start and after
    every save; counting an index for them took 5-10 ms each at 100,000 records, growing with the station.
    And `record_groups` for the special-group filter's count (`_grouped`)."""
    conn.execute("CREATE TABLE IF NOT EXISTS counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    conn.execute("INSERT OR REPLACE INTO counts (name, n) "
                 f"SELECT 'outbox:pending', count(*) FROM outbox WHERE {OUTBOX_PENDING}")
    _counted(conn, "outbox", "outbox:pending", f"{{row}}.{OUTBOX_PENDING.replace(' AND ', ' AND {row}.')}",
             "acked_at, rejected_reason")
    conn.execute("INSERT OR REPLACE INTO counts (name, n) "
                 "SELECT 'county_events:unseen', count(*) FROM county_events WHERE seen_at IS NULL")
    _counted(conn, "county_events", "county_events:unseen", "{row}.seen_at IS NULL", "seen_at")
    create_groups(conn)
    for table in LIST_TABLES:
        conn.execute(f"INSERT OR REPLACE INTO counts (name, n) SELECT '{table}:live', count(*) FROM {table} "
                     "WHERE voided = 0")
        conn.execute(f"INSERT OR REPLACE INTO counts (name, n) SELECT '{table}:all', count(*) FROM {table}")
        _counted(conn, table, f"{table}:live", "{row}.voided = 0", "voided")
        _counted(conn, table, f"{table}:all", "1")


def _counted(conn: sqlite3.Connection, table: str, name: str, condition: str, columns: str = "") -> None:
    """Triggers that keep counts[name] = the rows of `table` where `condition` ("{row}" stands for OLD/NEW), which
    an update of `columns` may change."""
    new, old = condition.format(row="NEW"), condition.format(row="OLD")
    label = name.replace(":", "_")
    run_script(conn, f"""
    CREATE TRIGGER IF NOT EXISTS count_{label}_insert AFTER INSERT ON {table} WHEN {new}
        BEGIN UPDATE counts SET n = n + 1 WHERE name = '{name}'; END;
    CREATE TRIGGER IF NOT EXISTS count_{label}_delete AFTER DELETE ON {table} WHEN {old}
        BEGIN UPDATE counts SET n = n - 1 WHERE name = '{name}'; END;
    """)
    if columns:  # an update of these moves a row in or out
        run_script(conn, f"""
    CREATE TRIGGER IF NOT EXISTS count_{label}_update AFTER UPDATE OF {columns} ON {table} WHEN ({new}) != ({old})
        BEGIN UPDATE counts SET n = n + CASE WHEN {new} THEN 1 ELSE -1 END WHERE name = '{name}'; END;
    """)


def _step_12(conn: sqlite3.Connection) -> None:
    """The audit trail (desktop/records/audit.py): who saw, changed, printed, exported or restored which record."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL, account TEXT NOT NULL, action TEXT NOT NULL,
        record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_log_by_record ON audit_log(record_id, seq);
    """)


def _step_13(conn: sqlite3.Connection) -> None:
    """The documents the county issued with its decisions (sync/county_documents.py): each signed PDF is kept in
    the vault by its SHA-256, checked against the county root; the forms print it as issued."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS county_documents (
        event_id TEXT NOT NULL, form TEXT NOT NULL, event_seq INTEGER NOT NULL, application_id TEXT,
        number TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, signature TEXT NOT NULL,
        fetched_at TEXT NOT NULL, PRIMARY KEY (event_id, form));
    CREATE INDEX IF NOT EXISTS county_documents_by_case ON county_documents(application_id, form, event_seq);
    """)


def _step_14(conn: sqlite3.Connection) -> None:
    """Issue 17: the search index lane's backlog (desktop/records/search_lane.py): the records a save left for the
    index to catch up with after its commit."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS search_backlog (record_type TEXT NOT NULL, rownum INTEGER NOT NULL,
                                               PRIMARY KEY (record_type, rownum)) WITHOUT ROWID;
    """)


def _step_15(conn: sqlite3.Connection) -> None:
    """Issue 17, one page less per save and per acknowledgement: outbox_waiting(acked_at, rejected_reason) serves
    every query on acked_at, so outbox_pending(acked_at), which each save and acknowledgement also wrote, goes."""
    run_script(conn, "DROP INDEX IF EXISTS outbox_pending;")


PLAN_MARKED = {  # the tables whose rows change a case's measures or deadlines: the column naming the case
    "applications": "id", "closures": "application_id", "follow_ups": "application_id",
    "court_attendances": "application_id", "county_events": "application_id"}


def _step_16(conn: sqlite3.Connection) -> None:
    """Issue 17, the station's indicator screen at 200,000 records: one settled row per case (`plan_rows`,
    desktop/records/plan_rows.py), counted in SQL (plan_counts.py) and read by the 期限待办 list. Triggers mark a case
    in `plan_pending` whenever its application, closure reports, follow-ups, court attendance or the county's
    decisions are written; every write transaction settles its marks before its COMMIT. An existing station's
    applications are all marked here and settled by open_database right after the steps, with progress (and again
    whenever the county's deadline periods the rows were worked out with change: `plan_basis`)."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS plan_rows (
        record_rowid INTEGER PRIMARY KEY, application_id TEXT NOT NULL UNIQUE,
        received TEXT NOT NULL, refused INTEGER NOT NULL, closed_on TEXT, granted_on TEXT, decided_on TEXT,
        assigned_on TEXT, assignee_kind TEXT, case_type TEXT, litigation INTEGER NOT NULL,
        heard_in_court INTEGER NOT NULL, attended INTEGER NOT NULL, followed_up INTEGER NOT NULL, open_due TEXT,
        deadlines TEXT);
    CREATE INDEX IF NOT EXISTS plan_by_received ON plan_rows(received);
    CREATE INDEX IF NOT EXISTS plan_by_closed ON plan_rows(closed_on);
    CREATE INDEX IF NOT EXISTS plan_rows_open ON plan_rows(record_rowid) WHERE deadlines IS NOT NULL AND followed_up = 0;
    CREATE TABLE IF NOT EXISTS plan_pending (application_id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS plan_basis (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    """)
    for table, column in PLAN_MARKED.items():
        changed = "UPDATE OF application_id, kind, decided_at, data" if table == "county_events" else "UPDATE"
        mark = "INSERT OR IGNORE INTO plan_pending (application_id) SELECT {row}.%s WHERE {row}.%s IS NOT NULL;" % (
            column, column)
        run_script(conn, f"""
    CREATE TRIGGER IF NOT EXISTS plan_{table}_insert AFTER INSERT ON {table} BEGIN {mark.format(row="NEW")} END;
    CREATE TRIGGER IF NOT EXISTS plan_{table}_update AFTER {changed} ON {table}
        BEGIN {mark.format(row="OLD")} {mark.format(row="NEW")} END;
    CREATE TRIGGER IF NOT EXISTS plan_{table}_delete AFTER DELETE ON {table} BEGIN {mark.format(row="OLD")} END;
    """)
    conn.execute("INSERT OR IGNORE INTO plan_pending (application_id) SELECT id FROM applications")
    # 期限待办's consultations flagged 需要回访: with their id in the index, the follow-ups answer them without each
    # consultation's row being read (5,520 flagged at 100,000 records: 0.2-0.3 s, now 3 ms); it replaces step 10's
    run_script(conn, """
    CREATE INDEX IF NOT EXISTS consultations_awaiting ON consultations(occurred_at, id)
        WHERE follow_up_needed = 1 AND voided = 0;
    DROP INDEX IF EXISTS consultations_follow_up;
    """)


def _step_17(conn: sqlite3.Connection) -> None:
    """The county center's handling of the station's complaints (desktop/records/complaint_answers.py): each step and
    answer as the county sent it, by its event number, beside the station's record (which it never changes)."""
    run_script(conn, """
    CREATE TABLE IF NOT EXISTS center_complaint_handling (
        seq INTEGER PRIMARY KEY, complaint_id TEXT NOT NULL, handling TEXT NOT NULL, at TEXT NOT NULL,
        by TEXT NOT NULL, text TEXT NOT NULL, answered_on TEXT, reply_method TEXT, satisfaction TEXT,
        received_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS center_complaint_handling_by_complaint
        ON center_complaint_handling(complaint_id, handling, seq);
    """)


def _step_18(conn: sqlite3.Connection) -> None:
    """Issue 17, the lists at 500,000 records. Each filter and each sortable coded column gets an index that starts
    with it and keeps the list's time order, so a filtered or sorted page walks only its own rows (a rare matter
    walked the whole list before, a sort by channel sorted it: 1.5-3 s at 200,000); and the counts of every choice
    of those filters are kept by triggers (desktop/records/list_counts.py) instead of counted at each opening; a special
    group's records are listed in time order (`group_members`)."""
    for record_type, columns in COUNTED.items():
        table, time = f"{record_type}s", "occurred_at" if record_type == "consultation" else "received_at"
        for column in columns:
            conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_by_{column} ON {table}(voided, {column}, {time})")
    conn.execute("CREATE INDEX IF NOT EXISTS applications_by_number ON applications(voided, number)")
    create_list_counts(conn)
    create_members(conn)


RETIRED_TABLES = ("record_groups",)  # dropped by a later step: a restored older backup's count of them is not checked


def _step_19(conn: sqlite3.Connection) -> None:
    """Issue 17, a save's pages: what no query reads is no longer written by every save. The lists sort by name on
    `name_key`, so (voided, person_name) served nothing; `record_groups` has not been read since step 18. And the
    outbox's index by record starts with the record's id, not its type: a new id (desktop/records/ids.py, time-ordered)
    then lands at the index's end, where SQLite appends without rebalancing (after the type, it landed in the
    middle: ~3 pages a save). Nothing lists consultations by outreach event yet: those outside one stay out of it."""
    for table in GROUPED_TABLES:
        conn.execute(f"DROP INDEX IF EXISTS {table}_by_name")
        for change in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS groups_{table}_{change}")
    run_script(conn, """
    DROP TABLE IF EXISTS record_groups;
    DROP INDEX IF EXISTS outbox_by_record;
    CREATE INDEX IF NOT EXISTS outbox_by_id ON outbox(record_id, version);
    DROP INDEX IF EXISTS consultations_by_outreach_event;
    CREATE INDEX IF NOT EXISTS consultations_by_outreach_event ON consultations(outreach_event_id)
        WHERE outreach_event_id IS NOT NULL;
    """)


def _step_20(conn: sqlite3.Connection) -> None:
    """Legal Aid Law Art. 43: an application whose materials were not supplied by the supplement notice's date counts
    as withdrawn. Its settled row keeps that date while the county waits (`lapses_on`, deadlines.lapses_on), so the
    measures and 期限待办 leave it out once the date has passed. The rows are filled by open_database right after the
    steps: the rules' version (deadlines.RULES_VERSION 4) differs from the one they were worked out with."""
    add_missing_column(conn, "plan_rows", "lapses_on", "TEXT")


def _step_21(conn: sqlite3.Connection) -> None:
    """The casework lists search and sort as the two others do: who first (case and complaint numbers, the
    applicant's name), then the text; every column on an index, names in pinyin order (desktop/records/casework_index.py).
    Their search had no `_who` index to read and their sort by name no `name_key`: both failed with a database error."""
    from .casework_index import create

    create(conn)


STEPS: list[Callable[[sqlite3.Connection], None]] = [_step_1, _step_2, _step_3, _step_4, _step_5, _step_6, _step_7,
                                                     _step_8, _step_9, _step_10, _step_11, _step_12,
                                                     _step_13, _step_14, _step_15, _step_16, _step_17,
                                                     _step_18, _step_19, _step_20, _step_21]
CURRENT_VERSION = len(STEPS)
