"""The county's change log: every change a station sends, checked and applied on its own (Qt-free).

A change is taken once by its change_id (a re-send with the same content is a "duplicate"; other
content under the same id is refused, never overwritten), after its payload is checked (its station,
record type, version, the station's validation rules); `records` keeps the latest version of each
station record. One bad change never blocks the rest: each is checked before anything of it is written
(change_writes.py), and nothing is acknowledged before the commit.

Every record a station sends must be its own, as a CouchDB validate function knows its writer: the
change's station field is the authenticated station, a record id another station holds is refused,
and an application's number starts with the sender's code. Each change is bounded (sync/limits.py):
its ids, its size, the depth and string lengths of its JSON.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import datetime, timedelta
from typing import Any

from desktop.records.canonical import canonical_json
from desktop.records.fields import FIELDS
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese
from desktop.records.validation import RECORD_TYPES, validate
from sync.limits import MAX_BATCH_CHANGES, MAX_CHANGE_BYTES, MAX_ID_CHARS, ShapeError
from sync.protocol import REJECTED, loads_bounded
from sync.server.batch_order import Turn
from sync.server.casework import check_casework_rules
from sync.server.change_writes import ATTACHMENT, Read, write_batch
from sync.server.group_commit import GroupWriter
from sync.server.nonces import write_nonce
from sync.server.errors import LIST_SEPARATOR, CountyError, words_of, zh
from sync.server.data_key import sqlite3
from sync.server.storage import CountyDatabase, utc_now

CHANGE_TYPES = (*RECORD_TYPES, ATTACHMENT)

INCOMPLETE = QT_TRANSLATE_NOOP("County", "The change is incomplete; the county refused it.")
DAMAGED_ON_THE_WAY = QT_TRANSLATE_NOOP("County", "The data was damaged on the way (its hash does not match); the "
                                                 "county refused it. The next sync sends it again.")
UNREADABLE = QT_TRANSLATE_NOOP("County", "The change cannot be read or is incomplete; the county refused it.")
TOO_NEW = QT_TRANSLATE_NOOP("County", "The county's program does not know this kind of data (this computer's program "
                                      "may be newer); ask the county to upgrade.")
OTHER_STATIONS_CHANGE = QT_TRANSLATE_NOOP("County", "This change was recorded by station {recorded}, not by this "
                                                    "station {station}; the county refused it.")
NOT_OUR_NUMBER = QT_TRANSLATE_NOOP("County", "Application number {number} does not start with this station's code "
                                             "{station}; the county refused it.")
TOO_BIG = QT_TRANSLATE_NOOP("County", "The change is larger or more deeply nested than the county accepts; it was "
                                      "refused.")
NO_NUMBER = QT_TRANSLATE_NOOP("County", "The application has no number; the county refused it.")
NOT_VALID = QT_TRANSLATE_NOOP("County", "The county's check failed: {problems}")
LABEL_SEPARATOR = QT_TRANSLATE_NOOP("County", ": ")  # between a field's label and its problem
MAX_REASON_CHARS = 2000  # of an ack's reason (the longest, every field of a record wrong, is about 1,500)
# batches read (parsed and checked) at once: one being stored, the next being read; the rest wait as sent
_READING = threading.BoundedSemaphore(2)
WRITER = GroupWriter()  # every batch is stored by it (see _store)


def apply_changes(db: CountyDatabase, station: str, changes: list[Any], clock_ahead: int = 0,
                  nonce: str | None = None, turn: Turn | None = None) -> list[dict[str, Any]]:
    """Apply each change on its own (one bad change never blocks the rest); one ack per change.

    The batch is durable in one transaction (one fsync), which it may share with other batches that waited for the
    writer (sync/server/group_commit.py). On the writer each change is decided on what the county holds (read once
    for the batch), a refused one having written nothing, and the batch's accepted changes are written together
    (change_writes.py). Nothing is acknowledged before the commit. At most MAX_BATCH_CHANGES are taken (the HTTP
    API refuses a longer batch before this). `clock_ahead`: how many seconds the station's clock runs ahead of the
    county's (its records' times are its clock's). `nonce`: the request's (reserved by the gate), written in the
    batch's transaction. `turn`: the batch's place among the station's batches in flight
    (sync/server/batch_order.py): it is read and checked while the earlier ones are stored, waits (holding no
    reading slot) until they were handed to the writer, and is written only after them.
    """
    if len(changes) > MAX_BATCH_CHANGES:
        raise CountyError(f"more than {MAX_BATCH_CHANGES} changes in one batch", TOO_BIG)
    latest = latest_station_time(clock_ahead)
    with _READING:
        # what needs no database (the JSON, the station's rules: most of the work) is done before the write
        # lock, so another batch is stored meanwhile; only a few batches are read at once (memory stays flat)
        read = [_read(station, entry, latest) for entry in changes]
        if turn is None:
            return _store(db, station, changes, read, nonce, None)
    turn.wait()
    return _store(db, station, changes, read, nonce, turn)


def _store(db: CountyDatabase, station: str, changes: list[Any], read: list[Read],
           nonce: str | None, turn: Turn | None) -> list[dict[str, Any]]:
    # every batch is written by one thread, on one connection: its page cache stays warm (each connection keeps its
    # own, and a pool thread's goes stale, then is read and decrypted again, whenever another connection commits);
    # the batches waiting for it are committed together
    def write(conn: sqlite3.Connection) -> list[dict[str, Any]]:
        return _write(conn, station, changes, read, nonce, turn)

    answer = WRITER.submit(db, len(changes), write, turn.settle if turn is not None else None)
    if turn is not None:
        turn.handed()  # after it is queued: the writer takes the station's next batch after this one
    return answer.result()


def _write(conn: sqlite3.Connection, station: str, changes: list[Any], read: list[Read],
           nonce: str | None, turn: Turn | None) -> list[dict[str, Any]]:
    """On the writer, in the group's transaction (group_commit.py)."""
    if turn is not None:
        turn.check_written_before()
    if nonce is not None:
        write_nonce(conn, station, nonce)
    acks = _apply_batch(conn, station, changes, read)
    if turn is not None:
        turn.written()
    return acks


def _apply_batch(conn: sqlite3.Connection, station: str, changes: list[Any], read: list[Read]) -> list[dict[str, Any]]:
    held = _held(conn, changes)  # change_id -> sha256 of what the county has (kept up to date by the writer)
    received_at = utc_now()  # the batch's, once (a clock read and a format per change were 2 % of the county's CPU)
    acks = []
    for entry, (status, refusal) in zip(changes, write_batch(conn, station, changes, read, held, received_at)):
        change_id = entry.get("change_id") if isinstance(entry, dict) else None
        if not _echoable(change_id):
            change_id = None  # an ack echoes no unbounded, foreign or unencodable value
        reason = reason_zh = None
        if refusal is not None:
            status, reason, reason_zh = REJECTED, str(refusal), words_of(refusal)  # (the clerk reads reason_zh)
        # an ack is bounded whatever the change held: its reasons may quote the sender's values
        ack = {"change_id": change_id, "status": status,
               "reason": reason[:MAX_REASON_CHARS] if reason else reason}
        if reason_zh:
            ack["reason_zh"] = reason_zh[:MAX_REASON_CHARS]
        acks.append(ack)
    return acks


def _echoable(change_id: Any) -> bool:
    """A change id the county may look up and repeat in its answer: text of a bounded length (not a lone surrogate,
    which JSON lets through and nothing can encode)."""
    if not isinstance(change_id, str) or not 0 < len(change_id) <= MAX_ID_CHARS:
        return False
    try:
        change_id.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _encodable(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _held(conn: sqlite3.Connection, changes: list[Any]) -> dict[str, str]:
    """The sha256 of every change of the batch the county already holds, in one query (not one per change)."""
    ids = list({e["change_id"] for e in changes if isinstance(e, dict) and _echoable(e.get("change_id"))})
    held: dict[str, str] = {}
    for start in range(0, len(ids), 500):  # within SQLite's bound on variables, whatever MAX_BATCH_CHANGES is
        part = ids[start:start + 500]
        held.update(conn.execute(f"SELECT change_id, sha256 FROM changes WHERE change_id IN ({','.join('?' * len(part))})",
                                 part).fetchall())
    return held


def records(db: CountyDatabase, station: str | None = None) -> list[dict[str, Any]]:
    """The latest version of every record (of one station), in the order they first arrived."""
    sql = "SELECT station, record_type, record_id, version, number, voided, data FROM records"
    rows = db.conn().execute(sql + (" WHERE station = ?" if station else "") + " ORDER BY rowid",
                             (station,) if station else ()).fetchall()
    return [{"station": r[0], "record_type": r[1], "record_id": r[2], "version": r[3], "number": r[4],
             "voided": bool(r[5]), "data": json.loads(r[6])} for r in rows]


def station_changes(db: CountyDatabase, station: str, after: int,
                    limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    """Every change the county holds from `station`, in the order it arrived (a recovering laptop
    rebuilds from them): (changes after seq `after`, the new cursor, whether there are more)."""
    rows = db.conn().execute("SELECT seq, change_id, sha256, payload FROM changes WHERE station = ? AND seq > ? "
                             "ORDER BY seq LIMIT ?", (station, after, limit + 1)).fetchall()
    found = [{"seq": r[0], "change_id": r[1], "sha256": r[2], "payload": r[3]} for r in rows[:limit]]
    return found, (found[-1]["seq"] if found else after), len(rows) > limit


def change_count(db: CountyDatabase, station: str | None = None) -> int:
    if station:
        return db.conn().execute("SELECT count(*) FROM changes WHERE station = ?", (station,)).fetchone()[0]
    return db.conn().execute("SELECT count(*) FROM changes").fetchone()[0]


def _read(station: str, entry: Any, latest: datetime) -> Read:
    """A change's checks that need no database: (why its envelope is refused, its payload, why its payload is
    refused). A broken envelope (fields, size, hash) is refused before anything else; a payload that breaks the
    rules only after the duplicate check (a change the county already has stays a duplicate, whatever the rules
    say today)."""
    try:
        _check_envelope(entry)
    except CountyError as exc:
        return Read(exc, None, None, None)
    try:
        payload = _check_payload(station, entry["change_id"], entry["payload"], latest)
        check_casework_rules(station, payload, _issues_zh, latest)
    except CountyError as exc:
        return Read(None, None, exc, None)
    # the Python work of a change is done here, on the reading threads, not on the one writer every batch waits for
    return Read(None, payload, None, canonical_json(payload["data"]))


def _check_envelope(entry: Any) -> None:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str)
                                              for k in ("change_id", "sha256", "payload")):
        raise CountyError("malformed change (change_id, sha256 and payload are required)", INCOMPLETE)
    change_id, digest, payload_text = entry["change_id"], entry["sha256"], entry["payload"]
    if not _echoable(change_id) or len(digest) != 64:
        raise CountyError("malformed change (its id or hash)", INCOMPLETE)
    if len(payload_text) > MAX_CHANGE_BYTES:
        raise CountyError(f"the change is larger than {MAX_CHANGE_BYTES} characters", TOO_BIG)
    try:
        payload_bytes = payload_text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate (JSON lets "\ud800" through): not text at all
        raise CountyError("the change is not valid text", UNREADABLE) from exc
    if hashlib.sha256(payload_bytes).hexdigest() != digest:
        raise CountyError("content hash does not match (damaged in transit)", DAMAGED_ON_THE_WAY)


def _issues_zh(issues) -> str:
    return zh(LIST_SEPARATOR).join(_issue_zh(i) for i in issues)


def _issue_zh(issue) -> str:
    """One validation problem as the station's clerk reads it: the field's label and the problem, in Chinese."""
    field = next((f for group in FIELDS.values() for f in group if f.name == issue.field), None)
    label = chinese("Field", field.label) if field else issue.field
    return label + zh(LABEL_SEPARATOR) + chinese("Validation", issue.message).format(**issue.params)


def latest_station_time(clock_ahead: int = 0) -> datetime:
    """The latest time a record may carry and not be "in the future": it was stamped by the station's clock, so a
    day's tolerance beyond how far ahead of the county's that clock runs (the station is warned, and told by how
    much); a decade at most."""
    return datetime.now() + timedelta(days=1, seconds=max(0, min(clock_ahead, 10 * 366 * 24 * 3600)))


def _check_payload(station: str, change_id: str, payload_text: str, latest: datetime) -> dict[str, Any]:
    try:
        payload = loads_bounded(payload_text, max_string=20_000)
    except ShapeError as exc:
        raise CountyError(f"the change is too large or too deep: {exc}", TOO_BIG) from exc
    except ValueError as exc:
        raise CountyError("the change is not valid JSON", UNREADABLE) from exc
    if not isinstance(payload, dict) or payload.get("change_id") != change_id:
        raise CountyError("the change's id does not match its content", UNREADABLE)
    if ("\\ud" in payload_text or "\\uD" in payload_text) and not _encodable(payload):
        # an escaped lone surrogate: a value nothing can store or quote back (two searches at C speed decide
        # whether a change needs the walk)
        raise CountyError("the change holds a lone surrogate, not text", UNREADABLE)
    if payload.get("station") != station:
        raise CountyError(f"the change was recorded by station {payload.get('station')!r}, not {station!r}",
                          OTHER_STATIONS_CHANGE, {"recorded": payload.get("station"), "station": station})
    if payload.get("record_type") not in CHANGE_TYPES:
        raise CountyError(f"unknown record type {payload.get('record_type')!r}", TOO_NEW)
    if not isinstance(payload.get("record_id"), str) or not 0 < len(payload["record_id"]) <= MAX_ID_CHARS:
        raise CountyError("the change has no valid record id", UNREADABLE)
    for name in ("version", "lamport"):
        if not isinstance(payload.get(name), int) or payload[name] < 1:
            raise CountyError(f"the change has no valid {name}", UNREADABLE)
    if payload.get("action") not in ("create", "update", "void"):
        raise CountyError(f"unknown action {payload.get('action')!r}", TOO_NEW)
    if not isinstance(payload.get("data"), dict):
        raise CountyError("the change has no record data", UNREADABLE)
    if payload["record_type"] == "application":
        number = payload["data"].get("number")
        if not isinstance(number, str):
            raise CountyError("the application has no number", NO_NUMBER)
        if not number.startswith(f"{station}-"):  # numbers are the station's own: StationCode-Year-Serial
            raise CountyError(f"application number {number!r} is not station {station}'s", NOT_OUR_NUMBER,
                              {"number": number[:40], "station": station})
    if payload["action"] != "void" and payload["record_type"] in ("consultation", "application"):
        try:
            issues = validate(payload["record_type"], payload["data"], now=latest)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CountyError(f"validation failed: unreadable record data ({exc})", UNREADABLE) from exc
        if issues:
            raise CountyError("validation failed: " + "; ".join(f"{i.field}: {i.text()}" for i in issues), NOT_VALID,
                              {"problems": _issues_zh(issues)})
    return payload
