"""The station store: saving, voiding and reading records, each save one durable transaction.

A save writes, in one SQLite transaction: the record's new version, its
history entry, its change-log (outbox) entry for the sync, the applicant's
person record when it changed, and the search index (in the running program:
its note for the index lane, desktop/records/search_lane.py). When `save` returns,
the record survives a crash or a power cut.
"""

from __future__ import annotations

import hashlib
import json
from .sqlcipher import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from . import audit, casework, casework_case
from .canonical import canonical_json, local_now
from .connection import Database
from .db import write_transaction
from .drafts import Draft, Drafts  # noqa: F401  (Draft: re-exported for the store's callers)
from .errors import RecordNotFound, ValidationFailed, VersionConflict
from .fields import FIELDS, PERSON_FIELD_NAMES
from .ids import new_id
from .i18n import QT_TRANSLATE_NOOP
from .reference import ReferenceData, default_reference
from . import casework_index, search, search_lane
from .search import SEARCHED_FIELDS, TABLES, match_expression  # noqa: F401  (re-exported)
from .sortkey import name_key
from .settings import StationSettings
from .validation import RULES_VERSION, Issue, normalize, validate

# Links between records, kept in the record's data but not entered by the clerk.
LINK_FIELDS = ("person_id", "consultation_id", "application_id", "outreach_event_id")
# Set by the store on each version, never typed: the rules the version was checked by.
STAMPED_FIELDS = ("rules_version",)
FIELD_NAMES = {rt: frozenset(f.name for f in fields) for rt, fields in FIELDS.items()}


ID_REGISTERED_TO_OTHER = QT_TRANSLATE_NOOP("Validation", "This ID number is already registered to {name}. If it is the same person, choose them with \"Find person\"; otherwise check the number.")


@dataclass(frozen=True)
class Saved:
    record_type: str
    id: str
    version: int
    number: str | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class Record:
    record_type: str
    id: str
    version: int
    data: dict[str, Any]
    station: str
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    voided: bool
    void_reason: str | None
    number: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    action: str
    at: str
    by: str
    reason: str | None
    data: dict[str, Any]
    changed: tuple[str, ...] = field(default=())


class Store(Drafts):
    """Reads and writes a station's records. One Store per connection, used from one thread."""

    def __init__(self, db: Database, settings: StationSettings,
                 reference: ReferenceData | None = None, now: Callable[[], str] = local_now):
        self.db = db
        self.settings = settings
        self.reference = reference or default_reference()
        self._now = now
        self._noted = False

    # The running program's index lane (issue 17), set by the workstation: a save notes its records for the
    # search index in its transaction and calls this after its commit, to have search_lane.catch_up run soon.
    index_lane: Callable[[], None] | None = None

    # -- writing ---------------------------------------------------------------------------

    def save(self, record_type: str, data: dict[str, Any], *, user: str,
             record_id: str | None = None, expected_version: int | None = None) -> Saved:
        """Validate and durably save a consultation or application (new when `record_id` is None).

        Raises ValidationFailed (nothing written) or VersionConflict when the record
        changed since `expected_version` was read (nothing overwritten).
        """
        if record_type not in ("consultation", "application") and not casework.is_casework(record_type):
            raise ValueError(f"cannot save {record_type!r} directly")
        links = {k: data.get(k) for k in LINK_FIELDS if data.get(k)}
        clean, issues = self._checked(record_type, data)
        if not self.settings.configured:
            issues.append(Issue("station_code", QT_TRANSLATE_NOOP("Validation", "Set up the station (code and name) in Settings before recording.")))
        if issues:
            raise ValidationFailed(issues)
        clean.update(links)
        if casework.is_casework(record_type):
            casework.derive(record_type, clean)
        with self._writing() as conn:
            now, lamport = self._now(), self._tick(conn)
            if casework.is_casework(record_type):
                return self._save_casework(conn, record_type, clean, user, now, lamport, record_id, expected_version)
            if record_id is not None and not clean.get("person_id"):
                row = conn.execute(f"SELECT person_id FROM {TABLES[record_type]} WHERE id = ?", (record_id,)).fetchone()
                if row and row[0]:
                    clean["person_id"] = row[0]  # an edit from a script or the sync keeps the record's person
            if record_type == "consultation" and clean.get("anonymous"):
                clean["person_id"] = None
            else:
                clean["person_id"] = self._upsert_person(conn, clean, user, now, lamport)
            if record_id is None:
                saved = self._insert(conn, record_type, clean, user, now, lamport)
            else:
                saved = self._update(conn, record_type, record_id, clean, user, now, lamport, expected_version)
            if record_type == "application" and clean.get("consultation_id") and record_id is None:
                self._link_consultation(conn, clean["consultation_id"], saved.id, user, now, lamport)
        return saved

    def check(self, record_type: str, data: dict[str, Any]) -> list[Issue]:
        """What saving `data` now would refuse (the form shows it as the clerk leaves each field)."""
        return self._checked(record_type, data)[1]

    def _checked(self, record_type: str, data: dict[str, Any]) -> tuple[dict[str, Any], list[Issue]]:
        """The record as it would be stored (normalised, stamped with the rules it is checked by) and its issues."""
        known = FIELD_NAMES[record_type]
        clean = {k: v for k, v in normalize(record_type, data).items() if k in known}  # no stray keys travel
        if "rules_version" in known:
            clean["rules_version"] = RULES_VERSION
        # a version made now: its text may not hold what no one can see (the county re-checks without that rule)
        return clean, validate(record_type, clean, reference=self.reference, new_version=True)

    def _save_casework(self, conn, record_type, data, user, now, lamport, record_id, expected_version) -> Saved:
        """A follow-up, attendance, evaluation, closure report, complaint or outreach event: linked to its case
        (desktop/records/casework.py), no person record of its own."""
        if record_id is not None and not data.get("application_id"):
            old = json.loads(self._current(conn, record_type, record_id)["data"])
            for key in LINK_FIELDS:  # an edit keeps the record's links
                if old.get(key) and not data.get(key):
                    data[key] = old[key]
        try:
            casework.link_case(conn, record_type, data, record_id)
        except casework.CaseLinkError as exc:
            raise ValidationFailed(exc.issues) from exc
        issues = casework_case.issues_on_save(conn, record_type, data, record_id)  # the case's stage, its dates
        if issues:
            raise ValidationFailed(issues)
        if record_id is None:
            return self._insert(conn, record_type, data, user, now, lamport)
        return self._update(conn, record_type, record_id, data, user, now, lamport, expected_version)

    def void(self, record_type: str, record_id: str, reason: str, *, user: str,
             expected_version: int | None = None) -> Saved:
        """Mark a wrong record void with a reason; it stays, with its whole history."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed([Issue("void_reason", QT_TRANSLATE_NOOP("Validation", "Give the reason for voiding this record."))])
        with self._writing() as conn:
            now, lamport = self._now(), self._tick(conn)
            current = self._current(conn, record_type, record_id)
            if expected_version is not None and current["version"] != expected_version:
                raise VersionConflict(record_id, expected_version, current["version"])
            version = current["version"] + 1
            extra = ", status = 'voided'" if record_type == "application" else ""
            conn.execute(f"UPDATE {TABLES[record_type]} SET version = ?, voided = 1, void_reason = ?, "
                         f"updated_at = ?, updated_by = ?, lamport = ?{extra} WHERE id = ?",
                         (version, reason, now, user, lamport, record_id))
            data = json.loads(current["data"])
            self._log(conn, record_type, record_id, version, "void", data, now, user, lamport, reason)
        return Saved(record_type, record_id, version, current["number"] if record_type == "application" else None)

    # -- many saves in one transaction (demo data and benchmarks build large stations) -------------

    _batch: sqlite3.Connection | None = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Saves and voids made inside share one transaction, committed when the block ends.

        Each is checked, normalised, indexed and logged exactly as alone, and one that fails is
        undone alone (a savepoint); an exception leaving the block rolls back all of them. Other
        writers on this connection (attachments, sync) cannot write until the block ends. A clerk's
        save stays one durable transaction of its own: this is for building stations in bulk.
        """
        if self._batch is not None:
            raise RuntimeError("Store.batch() does not nest")
        with write_transaction(self.db) as conn:
            self._batch = conn
            try:
                yield
            finally:
                self._batch = None

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """The transaction a save or void writes in: its own, or a savepoint of the open batch."""
        if self._batch is None:
            self._noted = False
            with write_transaction(self.db) as conn:
                yield conn
            if self._noted:  # committed: the index follows
                self.index_lane()
            return
        conn = self._batch
        conn.execute("SAVEPOINT store_write")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # after disk-full or I/O errors SQLite may have rolled back already
                conn.execute("ROLLBACK TO store_write")
                conn.execute("RELEASE store_write")
            raise
        conn.execute("RELEASE store_write")

    def replay(self, conn: sqlite3.Connection, change: dict[str, Any], payload_text: str, sha256: str,
               acked_at: str) -> None:
        """Put back one change of this station's own history as it was made (recovering from the county):
        the version in history, the record's current row when it is the newest, the search index, and the
        outbox entry, already acknowledged (the county has it). In the caller's transaction; a change
        already here is left as it is. Attachments' changes are put back by attachments.replay_attachment.
        """
        rt, rid, version, action = change["record_type"], change["record_id"], change["version"], change["action"]
        data, at, by, lamport, reason = change["data"], change["at"], change["by"], change["lamport"], change.get("reason")
        conn.execute("INSERT INTO outbox (change_id, record_type, record_id, version, lamport, payload, sha256, "
                     "created_at, acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(change_id) DO NOTHING",
                     (change["change_id"], rt, rid, version, lamport, payload_text, sha256, at, acked_at))
        conn.execute("INSERT INTO history (record_type, record_id, version, action, data, at, by, lamport, reason) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (rt, rid, version, action, canonical_json(data), at, by, lamport, reason))
        if rt not in TABLES:
            return
        row = conn.execute(f"SELECT rownum, version FROM {TABLES[rt]} WHERE id = ?", (rid,)).fetchone()
        if row is not None and row[1] >= version:
            return  # a newer version is already the current one
        voided = action == "void"
        columns = {"version": version, "data": canonical_json(data), "updated_at": at, "updated_by": by,
                   "lamport": lamport, "voided": int(voided), "void_reason": reason if voided else None,
                   **self._indexed_columns(rt, data)}
        for column, target in (("person_id", "persons"), ("consultation_id", "consultations")):
            # a linked record the county never took (it refused it) is absent: keep the link in `data` only
            if columns.get(column) and conn.execute(f"SELECT 1 FROM {target} WHERE id = ?",
                                                    (columns[column],)).fetchone() is None:
                columns[column] = None
        if rt == "application":
            columns["status"] = "voided" if voided else "recorded"  # the county's events set the rest
        if row is None:
            columns.update(id=rid, station=change["station"], created_at=at, created_by=by)
            cursor = conn.execute(f"INSERT INTO {TABLES[rt]} ({', '.join(columns)}) "
                                  f"VALUES ({', '.join('?' * len(columns))})", tuple(columns.values()))
            rownum = cursor.lastrowid
        else:
            if rt == "application" and not voided:
                columns.pop("status")
            conn.execute(f"UPDATE {TABLES[rt]} SET {', '.join(f'{k} = ?' for k in columns)} WHERE id = ?",
                         (*columns.values(), rid))
            rownum = row[0]
        search.write_index(conn, rt, rownum, data)  # in bulk, in the caller's transaction
        for casework_type, casework_rownum, casework_data in casework_index.follow_name(
                conn, rt, rid, columns.get("person_name") or ""):
            search.write_index(conn, casework_type, casework_rownum, casework_data)

    def stamp(self, conn: sqlite3.Connection) -> tuple[str, int]:
        """(time, Lamport tick) of one change written in the caller's write transaction (see `log_change`)."""
        return self._now(), self._tick(conn)

    def log_change(self, conn: sqlite3.Connection, record_type: str, record_id: str, version: int, action: str,
                   data: dict[str, Any], *, at: str, user: str, lamport: int, reason: str | None = None) -> None:
        """The history and change-log (outbox) entries of one change, in the caller's write transaction.

        For records kept outside the store's own tables (attachments): take `at` and `lamport` from
        `stamp(conn)` in the same transaction; the sync sends the change like any record's.
        """
        self._log(conn, record_type, record_id, version, action, data, at, user, lamport, reason)

    def _tick(self, conn: sqlite3.Connection) -> int:
        return conn.execute("UPDATE clock SET lamport = lamport + 1 WHERE id = 1 RETURNING lamport").fetchone()[0]

    def _insert(self, conn, record_type, data, user, now, lamport) -> Saved:
        record_id = new_id()
        number = None
        if record_type == "application":
            number = self._next_application_number(conn, data["received_at"][:4])
            data["number"] = number
        elif record_type == "complaint":
            number = self._next_application_number(conn, data["complained_at"][:4], casework.COMPLAINT_PREFIX)
            data["number"] = number
        columns = {"id": record_id, "version": 1, "station": self.settings.station_code,
                   "data": canonical_json(data), "created_at": now, "created_by": user,
                   "updated_at": now, "updated_by": user, "lamport": lamport,
                   **self._indexed_columns(record_type, data)}
        names = ", ".join(columns)
        cursor = conn.execute(f"INSERT INTO {TABLES[record_type]} ({names}) VALUES ({', '.join('?' * len(columns))})",
                              tuple(columns.values()))
        self._index(conn, record_type, cursor.lastrowid, data)
        self._log(conn, record_type, record_id, 1, "create", data, now, user, lamport)
        return Saved(record_type, record_id, 1, number, data.get("person_id"))

    def _update(self, conn, record_type, record_id, data, user, now, lamport, expected_version) -> Saved:
        current = self._current(conn, record_type, record_id)
        if expected_version is not None and current["version"] != expected_version:
            raise VersionConflict(record_id, expected_version, current["version"])
        old = json.loads(current["data"])
        for key in ("number", "application_id"):  # never changed by an edit
            if old.get(key):
                data[key] = old[key]
        if _unstamped(old) == _unstamped(data):  # nothing the clerk changed: no new version
            return Saved(record_type, record_id, current["version"], old.get("number"), data.get("person_id"))
        version = current["version"] + 1
        columns = {"version": version, "data": canonical_json(data), "updated_at": now,
                   "updated_by": user, "lamport": lamport, **self._indexed_columns(record_type, data)}
        if record_type == "application":
            columns.pop("status")  # the county decides the status; an edit keeps it
        assignments = ", ".join(f"{k} = ?" for k in columns)
        conn.execute(f"UPDATE {TABLES[record_type]} SET {assignments} WHERE id = ?", (*columns.values(), record_id))
        self._index(conn, record_type, current["rownum"], data)
        if record_type in ("application", "consultation") and columns["person_name"] != current["person_name"]:
            # a name corrected: the case's follow-ups, closure reports, ... list the new one (issue 14)
            for casework_type, rownum, casework_data in casework_index.follow_name(
                    conn, record_type, record_id, columns["person_name"]):
                self._index(conn, casework_type, rownum, casework_data)
        self._log(conn, record_type, record_id, version, "update", data, now, user, lamport)
        return Saved(record_type, record_id, version, data.get("number"), data.get("person_id"))

    def _current(self, conn, record_type, record_id) -> sqlite3.Row:
        conn.row_factory = sqlite3.Row
        try:
            row = conn.execute(f"SELECT * FROM {TABLES[record_type]} WHERE id = ?", (record_id,)).fetchone()
        finally:
            conn.row_factory = None
        if row is None:
            raise RecordNotFound(record_id)
        return row

    def _indexed_columns(self, record_type: str, data: dict[str, Any]) -> dict[str, Any]:
        if record_type == "person":
            return {"name": data.get("name"), "id_number": data.get("id_number"), "phone": data.get("phone")}
        if casework.is_casework(record_type):
            return casework.indexed_columns(self.db.conn, record_type, data)
        common = {"person_id": data.get("person_id"), "channel": data.get("channel"), "clerk": data.get("clerk"),
                  "person_name": data.get("name") or "", "name_key": name_key(data.get("name")),
                  "categories": " " + " ".join(data.get("categories") or []) + " "}
        if record_type == "consultation":
            return {**common, "occurred_at": data["occurred_at"], "matter_category": data.get("matter_category"),
                    "outcome": data.get("outcome"), "follow_up_needed": int(bool(data.get("follow_up_needed"))),
                    "outreach_event_id": data.get("outreach_event_id")}
        return {**common, "number": data["number"], "consultation_id": data.get("consultation_id"),
                "received_at": data["received_at"], "case_type": data.get("case_type"), "status": "recorded",
                "eligibility_ground": data.get("eligibility_ground"), "urgent": int(bool(data.get("urgent")))}

    def _index(self, conn, record_type: str, rownum: int, data: dict[str, Any]) -> None:
        if self.index_lane is None or self._batch is not None:
            search.write_index(conn, record_type, rownum, data)
        else:
            search_lane.note(conn, record_type, rownum)
            self._noted = True

    def _log(self, conn, record_type, record_id, version, action, data, now, user, lamport, reason=None) -> None:
        """History entry, outbox entry and audit entry, in the caller's transaction."""
        audit.append(conn, user, audit.OF_CHANGE.get(action, audit.CHANGED), record_type, record_id, now)
        conn.execute("INSERT INTO history (record_type, record_id, version, action, data, at, by, lamport, reason) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (record_type, record_id, version, action, canonical_json(data), now, user, lamport, reason))
        change_id = new_id()
        payload = canonical_json({"change_id": change_id, "record_type": record_type, "record_id": record_id,
                                  "version": version, "action": action, "station": self.settings.station_code,
                                  "lamport": lamport, "at": now, "by": user, "reason": reason, "data": data})
        conn.execute("INSERT INTO outbox (change_id, record_type, record_id, version, lamport, payload, sha256, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (change_id, record_type, record_id, version, lamport, payload,
                      hashlib.sha256(payload.encode("utf-8")).hexdigest(), now))

    def _next_application_number(self, conn, year: str, kind: str = "") -> str:
        """Station code + year + sequence: unique offline, never reused (allocated inside the write lock).
        `kind` sets another series apart (complaints: TS01-C-2026-00001)."""
        prefix = f"{self.settings.station_code}-{kind + '-' if kind else ''}{year}"
        last = conn.execute("INSERT INTO number_sequences (prefix, last) VALUES (?, 1) "
                            "ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last", (prefix,)).fetchone()[0]
        return f"{prefix}-{last:05d}"

    def _upsert_person(self, conn, data: dict[str, Any], user, now, lamport) -> str | None:
        """The applicant's person record: reused when chosen or when the ID number matches."""
        person = {k: data[k] for k in PERSON_FIELD_NAMES if k in data}  # absent keys: the form did not show them
        if not person.get("name") and not person.get("id_number"):
            return None
        row = None
        if data.get("person_id"):
            row = conn.execute("SELECT rownum, id, version, data FROM persons WHERE id = ?", (data["person_id"],)).fetchone()
        if row is None and person.get("id_number"):
            row = conn.execute("SELECT rownum, id, version, data FROM persons WHERE id_number = ? AND voided = 0 "
                               "ORDER BY rownum LIMIT 1", (person["id_number"],)).fetchone()
            known = json.loads(row[3]).get("name") if row else None
            if known and person.get("name") and known != person["name"]:
                # the same ID under another name: a typo, or the clerk must say it is the same person
                raise ValidationFailed([Issue("id_number", ID_REGISTERED_TO_OTHER, {"name": known})])
        if row is None:
            person_id = new_id()
            columns = {"id": person_id, "version": 1, "station": self.settings.station_code,
                       "data": canonical_json(person), "created_at": now, "created_by": user,
                       "updated_at": now, "updated_by": user, "lamport": lamport,
                       **self._indexed_columns("person", person)}
            cursor = conn.execute(f"INSERT INTO persons ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                  tuple(columns.values()))
            self._index(conn, "person", cursor.lastrowid, person)
            self._log(conn, "person", person_id, 1, "create", person, now, user, lamport)
            return person_id
        rownum, person_id, version, old_json = row
        old = json.loads(old_json)
        merged = {**old, **person}  # a field the form showed empty was cleared on purpose
        if merged != old:
            conn.execute("UPDATE persons SET version = ?, data = ?, updated_at = ?, updated_by = ?, lamport = ?, "
                         "name = ?, id_number = ?, phone = ? WHERE id = ?",
                         (version + 1, canonical_json(merged), now, user, lamport,
                          merged.get("name"), merged.get("id_number"), merged.get("phone"), person_id))
            self._index(conn, "person", rownum, merged)
            self._log(conn, "person", person_id, version + 1, "update", merged, now, user, lamport)
        return person_id

    def _link_consultation(self, conn, consultation_id: str, application_id: str, user, now, lamport) -> None:
        """Record on the consultation that it became this application (a new version of it)."""
        current = self._current(conn, "consultation", consultation_id)
        data = json.loads(current["data"])
        if current["voided"] or data.get("application_id"):
            raise ValidationFailed([Issue("consultation_id", QT_TRANSLATE_NOOP("Validation", "This consultation is void or already became an application; start the application from the list instead."))])
        data.update(outcome="application", application_id=application_id)
        version = current["version"] + 1
        conn.execute("UPDATE consultations SET version = ?, data = ?, outcome = 'application', updated_at = ?, "
                     "updated_by = ?, lamport = ? WHERE id = ?",
                     (version, canonical_json(data), now, user, lamport, consultation_id))
        self._log(conn, "consultation", consultation_id, version, "update", data, now, user, lamport)

    # -- reading ---------------------------------------------------------------------------

    def get(self, record_type: str, record_id: str) -> Record:
        row = self._current(self.db.conn, record_type, record_id)
        keys = row.keys()
        return Record(record_type, row["id"], row["version"], json.loads(row["data"]), row["station"],
                      row["created_at"], row["created_by"], row["updated_at"], row["updated_by"],
                      bool(row["voided"]), row["void_reason"],
                      row["number"] if "number" in keys else None,
                      row["status"] if "status" in keys else None)

    def history(self, record_type: str, record_id: str) -> list[HistoryEntry]:
        """Every version of a record, oldest first, with the fields each one changed."""
        entries: list[HistoryEntry] = []
        previous: dict[str, Any] = {}
        for version, action, data_json, at, by, reason in self.db.execute(
                "SELECT version, action, data, at, by, reason FROM history "
                "WHERE record_type = ? AND record_id = ? ORDER BY version", (record_type, record_id)):
            data = json.loads(data_json)
            changed = tuple(sorted(k for k in set(data) | set(previous) if data.get(k) != previous.get(k)
                                   and k not in LINK_FIELDS and k not in STAMPED_FIELDS))
            entries.append(HistoryEntry(version, action, at, by, reason, data, changed if action != "create" else ()))
            previous = data
        return entries

    def find_persons(self, text: str, limit: int = 20) -> list[Record]:
        """Returning people by name, ID number or phone (any part of them)."""
        expression = match_expression(text)
        if not expression:
            return []
        ids = [r[0] for r in self.db.execute(
            "SELECT p.id FROM persons p JOIN person_search s ON s.rowid = p.rownum "
            "WHERE person_search MATCH ? AND p.voided = 0 ORDER BY p.updated_at DESC LIMIT ?", (expression, limit))]
        return [self.get("person", i) for i in ids]

    def records_of_person(self, person_id: str) -> list[tuple[str, str, str, str]]:
        """(record type, id, date, summary) of a person's consultations and applications, newest first."""
        rows = list(self.db.execute(
            "SELECT 'consultation', id, occurred_at, matter_category FROM consultations WHERE person_id = ? "
            "UNION ALL SELECT 'application', id, received_at, number FROM applications WHERE person_id = ? "
            "ORDER BY 3 DESC", (person_id, person_id)))
        return [tuple(r) for r in rows]

    def pending_changes(self) -> int:
        return self.db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0]


def _unstamped(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in STAMPED_FIELDS}
