"""The county server's storage: one SQLite file and the county key in its data folder.

Tables: stations (enrolled keys, revocation), nonces (replay protection), changes (every change
ever accepted, by change_id, never overwritten), records (the latest version of each station
record, from the changes), events (the county's decisions, numbered: the stations' pull cursor);
roster, townships and reference_meta belong to sync/server/reference.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.records.canonical import canonical_json
from desktop.records.validation import RECORD_TYPES, validate
from sync.identity import StationKey, key_id_of
from sync.server import files
from sync.server.decisions import check_decision
from sync.server.files import FileRefused, FileStore
from sync.protocol import (
    ACCEPTED,
    CONFLICTING_CONTENT,
    DUPLICATE,
    EVENT_KINDS,
    NONCE_TTL_SECONDS,
    REJECTED,
    b64,
    make_certificate,
)

DB_FILE = "county.db"
KEY_FILE = "county_ed25519.pem"
CERT_FILE = "county_certificate.json"
STATION_TYPES = ("township", "mobile", "camp", "liaison", "other")
ATTACHMENT = "attachment"  # the change log's record type for an attachment's signed manifest
CHANGE_TYPES = (*RECORD_TYPES, ATTACHMENT)

SCHEMA = """
CREATE TABLE IF NOT EXISTS stations (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, township TEXT NOT NULL, type TEXT NOT NULL,
    enrollment_code_sha256 TEXT, public_key BLOB, key_id TEXT, certificate TEXT,
    added_at TEXT NOT NULL, enrolled_at TEXT, revoked_at TEXT, revoked_reason TEXT);
CREATE TABLE IF NOT EXISTS nonces (station TEXT NOT NULL, nonce TEXT NOT NULL, expires REAL NOT NULL,
    PRIMARY KEY (station, nonce));
CREATE INDEX IF NOT EXISTS nonces_expiry ON nonces(expires);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY, change_id TEXT NOT NULL UNIQUE, station TEXT NOT NULL,
    record_type TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL, lamport INTEGER NOT NULL,
    sha256 TEXT NOT NULL, payload TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    station TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL, version INTEGER NOT NULL,
    number TEXT, voided INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL, change_id TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id));
CREATE UNIQUE INDEX IF NOT EXISTS records_by_number ON records(number) WHERE number IS NOT NULL;
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, station TEXT NOT NULL,
    kind TEXT NOT NULL, application_number TEXT NOT NULL, application_id TEXT NOT NULL,
    status TEXT, at TEXT NOT NULL, by TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_station ON events(station, seq);
CREATE INDEX IF NOT EXISTS changes_by_version ON changes(record_type, record_id, version);
"""


class CountyError(Exception):
    """A refused admin action or request, with a message for people (`message_zh` for a station's clerk)."""

    def __init__(self, message: str, message_zh: str | None = None):
        super().__init__(message)
        self.message_zh = message_zh


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class CountyStore:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_FILE
        self._local = threading.local()
        with self.write() as conn:
            for statement in (SCHEMA + files.SCHEMA).split(";"):
                if statement.strip():
                    conn.execute(statement)
            # stations enrolled before every key was kept: their current key
            conn.execute("INSERT OR IGNORE INTO station_keys (station, key_id, public_key, enrolled_at) "
                         "SELECT code, key_id, public_key, enrolled_at FROM stations WHERE public_key IS NOT NULL")
            from sync.server import reference  # here: sync.server.reference imports this module
            reference.create_schema(conn)
        self.files = FileStore(self.data_dir, self.conn)
        if os.name == "posix":  # applicants' ID numbers and addresses: readable by the server's account only
            for path in (self.path, self.path.with_name(self.path.name + "-wal")):
                if path.exists():
                    path.chmod(0o600)

    # -- connections --------------------------------------------------------------------------

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA busy_timeout = 30000")
            self._local.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- the county key and certificate ----------------------------------------------------------

    def init(self, name: str = "县法律援助中心") -> dict[str, Any]:
        """Make the county key and its self-signed certificate (once; later calls return the existing one)."""
        key_path, cert_path = self.data_dir / KEY_FILE, self.data_dir / CERT_FILE
        if not key_path.exists():
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
            tmp = key_path.with_suffix(".tmp")
            tmp.write_bytes(pem)
            tmp.chmod(0o600)
            tmp.replace(key_path)
        key = self.key()
        if not cert_path.exists():
            cert = make_certificate({"kind": "county", "name": name, "public_key": b64(key.public_key_bytes),
                                     "key_id": key.key_id, "issuer_key_id": key.key_id, "issued_at": utc_now()},
                                    key.sign)
            cert_path.write_text(canonical_json(cert), encoding="utf-8")
        return self.certificate()

    @property
    def initialised(self) -> bool:
        return (self.data_dir / KEY_FILE).exists() and (self.data_dir / CERT_FILE).exists()

    def key(self) -> StationKey:
        cached = getattr(self, "_key", None)
        if cached is None:
            pem = (self.data_dir / KEY_FILE).read_bytes()
            cached = self._key = StationKey(serialization.load_pem_private_key(pem, password=None))
        return cached

    def certificate(self) -> dict[str, Any]:
        return json.loads((self.data_dir / CERT_FILE).read_text(encoding="utf-8"))

    # -- stations -------------------------------------------------------------------------------

    def add_station(self, code: str, name: str, township: str, type_: str) -> str:
        """Register a station; returns its one-time enrollment code (only its hash is kept)."""
        if type_ not in STATION_TYPES:
            raise CountyError(f"unknown station type {type_!r} (one of {', '.join(STATION_TYPES)})")
        enrollment = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        with self.write() as conn:
            row = conn.execute("SELECT enrolled_at, revoked_at FROM stations WHERE code = ?", (code,)).fetchone()
            if row and row[0] and not row[1]:
                raise CountyError(f"station {code} is already enrolled; revoke it first to enroll a new laptop")
            conn.execute("INSERT INTO stations (code, name, township, type, enrollment_code_sha256, added_at) "
                         "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                         "township = excluded.township, type = excluded.type, "
                         "enrollment_code_sha256 = excluded.enrollment_code_sha256, public_key = NULL, key_id = NULL, "
                         "certificate = NULL, enrolled_at = NULL, revoked_at = NULL, revoked_reason = NULL",
                         (code, name, township, type_, _code_hash(enrollment), utc_now()))
        return enrollment

    def list_stations(self) -> list[dict[str, Any]]:
        rows = self.conn().execute("SELECT code, name, township, type, key_id, enrolled_at, revoked_at "
                                   "FROM stations ORDER BY code").fetchall()
        return [dict(zip(("code", "name", "township", "type", "key_id", "enrolled_at", "revoked_at"), r))
                for r in rows]

    def revoke_station(self, code: str, reason: str = "") -> None:
        with self.write() as conn:
            if conn.execute("UPDATE stations SET revoked_at = ?, revoked_reason = ? WHERE code = ? "
                            "AND revoked_at IS NULL", (utc_now(), reason, code)).rowcount == 0:
                raise CountyError(f"no active station {code}")

    def enroll(self, enrollment_code: str, public_key: bytes) -> dict[str, Any]:
        """Certify the station's key; the code works once (the same key may ask again: same answer)."""
        if len(public_key) != 32:
            raise CountyError("the station key is not an Ed25519 public key")
        digest = _code_hash(enrollment_code)
        with self.write() as conn:
            row = conn.execute("SELECT code, name, township, type, public_key, certificate, revoked_at "
                               "FROM stations WHERE enrollment_code_sha256 = ?", (digest,)).fetchone()
            if row is None:
                raise CountyError("enrollment code unknown or already used")
            code, name, township, type_, enrolled_key, certificate, revoked = row
            if revoked:
                raise CountyError("this station has been revoked")
            if enrolled_key is not None:
                if bytes(enrolled_key) == public_key:
                    return {"station_certificate": json.loads(certificate), "county_certificate": self.certificate()}
                raise CountyError("enrollment code unknown or already used")
            county = self.key()
            cert = make_certificate({"kind": "station", "station_code": code, "name": name, "township": township,
                                     "type": type_, "public_key": b64(public_key), "key_id": key_id_of(public_key),
                                     "issuer_key_id": county.key_id, "issued_at": utc_now()}, county.sign)
            conn.execute("UPDATE stations SET public_key = ?, key_id = ?, certificate = ?, enrolled_at = ? "
                         "WHERE code = ?", (public_key, key_id_of(public_key), canonical_json(cert), utc_now(), code))
            files.enrolled_key(conn, code, key_id_of(public_key), public_key, utc_now())
        return {"station_certificate": cert, "county_certificate": self.certificate()}

    def station_key(self, code: str) -> tuple[bytes | None, str | None]:
        """(enrolled public key, revoked_at) of a station; (None, None) when unknown or not enrolled."""
        row = self.conn().execute("SELECT public_key, revoked_at FROM stations WHERE code = ?", (code,)).fetchone()
        if row is None or row[0] is None:
            return None, None
        return bytes(row[0]), row[1]

    def use_nonce(self, station: str, nonce: str) -> bool:
        """Remember a request's nonce; False when it was seen before (a replay)."""
        now = time.time()
        with self.write() as conn:
            conn.execute("DELETE FROM nonces WHERE expires < ?", (now,))
            try:
                conn.execute("INSERT INTO nonces (station, nonce, expires) VALUES (?, ?, ?)",
                             (station, nonce, now + NONCE_TTL_SECONDS))
            except sqlite3.IntegrityError:
                return False
        return True

    # -- changes --------------------------------------------------------------------------------

    def apply_changes(self, station: str, changes: list[Any]) -> list[dict[str, Any]]:
        """Apply each change on its own (one bad change never blocks the rest); one ack per change.

        The batch is one durable transaction (one fsync), each change inside its own savepoint: a
        rejected change is rolled back alone. Nothing is acknowledged before the commit.
        """
        acks = []
        with self.write() as conn:
            for entry in changes:
                change_id = entry.get("change_id") if isinstance(entry, dict) else None
                conn.execute("SAVEPOINT change")
                reason_zh = None
                try:
                    status, reason = self._apply_one(conn, station, entry)
                except CountyError as exc:
                    conn.execute("ROLLBACK TO change")
                    status, reason, reason_zh = REJECTED, str(exc), exc.message_zh
                conn.execute("RELEASE change")
                ack = {"change_id": change_id, "status": status, "reason": reason}
                if reason_zh:
                    ack["reason_zh"] = reason_zh
                acks.append(ack)
        return acks

    def _apply_one(self, conn: sqlite3.Connection, station: str, entry: Any) -> tuple[str, str | None]:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str)
                                                  for k in ("change_id", "sha256", "payload")):
            raise CountyError("malformed change (change_id, sha256 and payload are required)", "变更数据不完整，县中心拒收。")
        change_id, digest, payload_text = entry["change_id"], entry["sha256"], entry["payload"]
        if hashlib.sha256(payload_text.encode("utf-8")).hexdigest() != digest:
            raise CountyError("content hash does not match (damaged in transit)",
                              "数据在传输中损坏（校验值不符），县中心拒收。下次同步会重发。")
        row = conn.execute("SELECT sha256 FROM changes WHERE change_id = ?", (change_id,)).fetchone()
        if row is not None:
            if row[0] == digest:
                return DUPLICATE, None
            raise CountyError(CONFLICTING_CONTENT, "县中心已收到同一变更编号但内容不同的数据，拒绝覆盖。请联系县中心核对。")
        payload = _check_payload(station, change_id, payload_text)
        other = conn.execute("SELECT change_id FROM changes WHERE record_type = ? AND record_id = ? AND version = ?",
                             (payload["record_type"], payload["record_id"], payload["version"])).fetchone()
        if other is not None:
            # Two different changes claim the same version: the station was restored from a backup older
            # than what it had sent. Taking either silently would lose the other; the clerk decides.
            raise CountyError(f"version {payload['version']} of this record already came with other content "
                              f"(change {other[0]}); was the station restored from a backup?",
                              f"县中心已有这条记录第 {payload['version']} 版的另一份内容。本机可能从较早的备份恢复过，"
                              "恢复后丢失的修改仍在县中心。请与县中心核对后，再打开记录修改保存。")
        manifest = None
        if payload["record_type"] == ATTACHMENT:
            try:
                manifest = files.check_manifest(conn, station, payload)
            except FileRefused as exc:
                raise CountyError(str(exc), exc.message_zh) from exc
        conn.execute("INSERT INTO changes (change_id, station, record_type, record_id, version, lamport, sha256, "
                     "payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (change_id, station, payload["record_type"], payload["record_id"], payload["version"],
                      payload["lamport"], digest, payload_text, utc_now()))
        current = conn.execute("SELECT version, station FROM records WHERE record_type = ? AND record_id = ?",
                               (payload["record_type"], payload["record_id"])).fetchone()
        if current is not None and current[1] != station:
            raise CountyError("this record belongs to another station", "县中心的这条记录属于另一个工作站，拒收。请联系县中心。")
        if manifest is not None:
            files.remember_manifest(conn, station, payload, manifest)
        if current is None or payload["version"] > current[0]:
            data = payload["data"]
            # a voided application gives its number up (a void of one the county never took must not collide)
            number = data.get("number") if payload["record_type"] == "application" \
                and payload["action"] != "void" else None
            try:
                conn.execute("INSERT INTO records (station, record_type, record_id, version, number, voided, data, "
                             "change_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(record_type, record_id) DO "
                             "UPDATE SET version = excluded.version, number = excluded.number, "
                             "voided = excluded.voided, data = excluded.data, change_id = excluded.change_id",
                             (station, payload["record_type"], payload["record_id"], payload["version"], number,
                              int(payload["action"] == "void"), canonical_json(data), change_id))
            except sqlite3.IntegrityError as exc:
                owner = conn.execute("SELECT station FROM records WHERE number = ?", (number,)).fetchone()
                if owner and owner[0] == station:  # this station numbered twice: restored from an older backup
                    raise CountyError(f"application number {number} is already used by another application of "
                                      "this station (restored from an older backup?)",
                                      f"申请编号 {number} 在县中心已属于本站的另一份申请（本机可能从较早的备份恢复过）。"
                                      "请将本条作废后重新登记，系统会给出新的编号。") from exc
                raise CountyError(f"application number {number} is already used by another record",
                                  f"申请编号 {number} 在县中心已被另一条记录使用，拒收。请联系县中心核对工作站代码。") from exc
        return ACCEPTED, None

    def records(self, station: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT station, record_type, record_id, version, number, voided, data FROM records"
        rows = self.conn().execute(sql + (" WHERE station = ?" if station else "") + " ORDER BY rowid",
                                   (station,) if station else ()).fetchall()
        return [{"station": r[0], "record_type": r[1], "record_id": r[2], "version": r[3], "number": r[4],
                 "voided": bool(r[5]), "data": json.loads(r[6])} for r in rows]

    def station_changes(self, station: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        """Every change the county holds from `station`, in the order it arrived (a recovering laptop
        rebuilds from them): (changes after seq `after`, the new cursor, whether there are more)."""
        rows = self.conn().execute("SELECT seq, change_id, sha256, payload FROM changes WHERE station = ? AND seq > ? "
                                   "ORDER BY seq LIMIT ?", (station, after, limit + 1)).fetchall()
        found = [{"seq": r[0], "change_id": r[1], "sha256": r[2], "payload": r[3]} for r in rows[:limit]]
        return found, (found[-1]["seq"] if found else after), len(rows) > limit

    def change_count(self, station: str | None = None) -> int:
        if station:
            return self.conn().execute("SELECT count(*) FROM changes WHERE station = ?", (station,)).fetchone()[0]
        return self.conn().execute("SELECT count(*) FROM changes").fetchone()[0]

    # -- events ---------------------------------------------------------------------------------

    def events_after(self, station: str, after: int, limit: int = 500) -> tuple[list[dict[str, Any]], int, bool]:
        rows = self.conn().execute("SELECT seq, event_id, kind, application_number, application_id, status, at, by, "
                                   "data FROM events WHERE station = ? AND seq > ? ORDER BY seq LIMIT ?",
                                   (station, after, limit + 1)).fetchall()
        more = len(rows) > limit
        events = [{"seq": r[0], "event_id": r[1], "kind": r[2], "application_number": r[3], "application_id": r[4],
                   "status": r[5], "at": r[6], "by": r[7], "data": json.loads(r[8])} for r in rows[:limit]]
        return events, (events[-1]["seq"] if events else after), more

    def decide(self, kind: str, number: str, data: dict[str, Any], by: str = "county") -> dict[str, Any]:
        """Record a county decision on an application the county has received; returns the event."""
        if kind not in EVENT_KINDS:
            raise CountyError(f"unknown decision {kind!r}", f"未知的决定类型：{kind}")
        with self.write() as conn:
            row = conn.execute("SELECT station, record_id, voided, data FROM records WHERE record_type = 'application' "
                               "AND number = ?", (number,)).fetchone() or conn.execute(
                "SELECT station, record_id, voided, data FROM records WHERE record_type = 'application' AND voided = 1 "
                "AND json_extract(data, '$.number') = ?", (number,)).fetchone()  # voided ones give their number up
            if row is None:
                raise CountyError(f"application {number} has not reached the county yet", f"申请 {number} 尚未同步到县中心。")
            station, record_id, voided, app_json = row
            if voided:
                raise CountyError(f"application {number} was voided by the station", f"申请 {number} 已被工作站作废。")
            status = _current_status(conn, number)
            if status == "closed":
                raise CountyError(f"application {number} is closed", f"申请 {number} 已结案。")
            check_decision(kind, data, json.loads(app_json), status)
            event = {"event_id": str(uuid.uuid4()), "station": station, "kind": kind, "application_number": number,
                     "application_id": record_id, "status": EVENT_KINDS[kind], "at": utc_now(), "by": by,
                     "data": data}
            cursor = conn.execute("INSERT INTO events (event_id, station, kind, application_number, application_id, "
                                  "status, at, by, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  (event["event_id"], station, kind, number, record_id, event["status"],
                                   event["at"], by, canonical_json(data)))
            event["seq"] = cursor.lastrowid
        return event

    def status_of(self, number: str) -> str | None:
        return _current_status(self.conn(), number)


def _issue_zh(issue) -> str:
    from desktop.records.fields import FIELDS
    from desktop.records.i18n import chinese

    field = next((f for group in FIELDS.values() for f in group if f.name == issue.field), None)
    label = chinese("Field", field.label) if field else issue.field
    return f"{label}：{chinese('Validation', issue.message).format(**issue.params)}"


def _code_hash(code: str) -> str:
    """The stored form of an enrollment code, however it was typed: with or without dashes or spaces,
    in any case (the code is printed as XXXX-XXXX-XXXX-XXXX and hashed in that form)."""
    compact = re.sub(r"[^0-9A-Za-z]", "", code).upper()
    if len(compact) == 16:
        compact = "-".join(compact[i:i + 4] for i in range(0, 16, 4))
    return hashlib.sha256(compact.encode("utf-8")).hexdigest()


def _current_status(conn: sqlite3.Connection, number: str) -> str | None:
    row = conn.execute("SELECT status FROM events WHERE application_number = ? AND status IS NOT NULL "
                       "ORDER BY seq DESC LIMIT 1", (number,)).fetchone()
    return row[0] if row else None


_DAMAGED_ZH = "变更数据无法读取或不完整，县中心拒收。"
_NEWER_ZH = "县中心的程序不认识这种数据（可能本机程序比县中心新），请联系县中心升级。"


def _check_payload(station: str, change_id: str, payload_text: str) -> dict[str, Any]:
    try:
        payload = json.loads(payload_text)
    except ValueError as exc:
        raise CountyError("the change is not valid JSON", _DAMAGED_ZH) from exc
    if not isinstance(payload, dict) or payload.get("change_id") != change_id:
        raise CountyError("the change's id does not match its content", _DAMAGED_ZH)
    if payload.get("station") != station:
        raise CountyError(f"the change was recorded by station {payload.get('station')!r}, not {station!r}",
                          f"这条变更是工作站 {payload.get('station')} 记录的，不是本站 {station}，县中心拒收。")
    if payload.get("record_type") not in CHANGE_TYPES:
        raise CountyError(f"unknown record type {payload.get('record_type')!r}", _NEWER_ZH)
    if not isinstance(payload.get("record_id"), str) or not payload["record_id"]:
        raise CountyError("the change has no record id", _DAMAGED_ZH)
    for name in ("version", "lamport"):
        if not isinstance(payload.get(name), int) or payload[name] < 1:
            raise CountyError(f"the change has no valid {name}", _DAMAGED_ZH)
    if payload.get("action") not in ("create", "update", "void"):
        raise CountyError(f"unknown action {payload.get('action')!r}", _NEWER_ZH)
    if not isinstance(payload.get("data"), dict):
        raise CountyError("the change has no record data", _DAMAGED_ZH)
    if payload["record_type"] == "application" and not isinstance(payload["data"].get("number"), str):
        raise CountyError("the application has no number", "申请没有编号，县中心拒收。")
    if payload["action"] != "void" and payload["record_type"] in ("consultation", "application"):
        # The station's clock may be hours off: "in the future" is judged with a day's tolerance.
        try:
            issues = validate(payload["record_type"], payload["data"], now=datetime.now() + timedelta(days=1))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CountyError(f"validation failed: unreadable record data ({exc})", _DAMAGED_ZH) from exc
        if issues:
            raise CountyError("validation failed: " + "; ".join(f"{i.field}: {i.text()}" for i in issues),
                              "县中心审核未通过：" + "；".join(_issue_zh(i) for i in issues))
    return payload
