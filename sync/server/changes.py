"""The county's change log: every change a station sends, checked and applied on its own (Qt-free).

A change is taken once by its change_id (a re-send with the same content is a "duplicate"; other
content under the same id is refused, never overwritten), after its payload is checked (its station,
record type, version, the station's validation rules); `records` keeps the latest version of each
station record. One bad change never blocks the rest: each has its own savepoint in the batch's
transaction, and nothing is acknowledged before the commit.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from desktop.records.canonical import canonical_json
from desktop.records.validation import RECORD_TYPES, validate
from sync.protocol import ACCEPTED, CONFLICTING_CONTENT, DUPLICATE, REJECTED
from sync.server import files
from sync.server.errors import CountyError
from sync.server.storage import CountyDatabase, utc_now

ATTACHMENT = "attachment"  # the change log's record type for an attachment's signed manifest
CHANGE_TYPES = (*RECORD_TYPES, ATTACHMENT)


def apply_changes(db: CountyDatabase, station: str, changes: list[Any]) -> list[dict[str, Any]]:
    """Apply each change on its own (one bad change never blocks the rest); one ack per change.

    The batch is one durable transaction (one fsync), each change inside its own savepoint: a
    rejected change is rolled back alone. Nothing is acknowledged before the commit.
    """
    acks = []
    with db.write() as conn:
        for entry in changes:
            change_id = entry.get("change_id") if isinstance(entry, dict) else None
            conn.execute("SAVEPOINT change")
            reason_zh = None
            try:
                status, reason = _apply_one(conn, station, entry)
            except CountyError as exc:
                conn.execute("ROLLBACK TO change")
                status, reason, reason_zh = REJECTED, str(exc), exc.message_zh
            conn.execute("RELEASE change")
            ack = {"change_id": change_id, "status": status, "reason": reason}
            if reason_zh:
                ack["reason_zh"] = reason_zh
            acks.append(ack)
    return acks


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


def _apply_one(conn: sqlite3.Connection, station: str, entry: Any) -> tuple[str, str | None]:
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
    manifest = files.check_manifest(conn, station, payload) if payload["record_type"] == ATTACHMENT else None
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


def _issue_zh(issue) -> str:
    from desktop.records.fields import FIELDS
    from desktop.records.i18n import chinese

    field = next((f for group in FIELDS.values() for f in group if f.name == issue.field), None)
    label = chinese("Field", field.label) if field else issue.field
    return f"{label}：{chinese('Validation', issue.message).format(**issue.params)}"


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
