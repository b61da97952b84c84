"""Recovering a station from the county (Qt-free): a laptop lost, stolen or broken with no usable backup.

The county holds every change the station ever sent and every material file, so a new laptop can be
rebuilt from them: the county revokes the old laptop and registers the station again (`station add`
with the same code), the new laptop enrolls with the new code (a new key; the old key's signatures stay
checkable: each manifest carries the key that signed it), then `recover_from_county` pulls the
station's own changes (`GET /v1/changes`, in the order they arrived: the order they were made, but for the
attachment manifests, which a round sends first - an attachment row needs no record before it) and puts each back with `Store.replay` (history, current row, search index, outbox entry
already acknowledged), attachment rows with `replay_attachment`, then the number sequences and the
Lamport clock, and downloads the material files (`GET /v1/files/SHA/content`), each kept only when its
bytes hash to its name. The county's decisions come with the next ordinary sync round.

It runs only when everything this laptop has is already at the county (no unsent change), so it can
only add what the county has and this laptop lacks: on a fresh laptop, everything; after restoring an
older backup (then syncing once), the changes made after that backup - so nothing is numbered twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.records.attachments import replay_attachment
from desktop.records.db import write_transaction
from desktop.records.errors import StorageError, reason_of
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.store import Store
from sync.engine import SyncEngine
from sync.errors import SyncError
from sync.outbox import pending_count
from sync.uploads import mark_confirmed

PAGE = 1000

NOT_SYNCED = QT_TRANSLATE_NOOP("Sync", "This computer has records not sent to the county yet: sync first, then "
                                       "recover from the county.")
INCOMPLETE = QT_TRANSLATE_NOOP("Sync", "The county's answer is incomplete; please try again.")
NOT_WRITTEN = QT_TRANSLATE_NOOP("Sync", "Recovery could not write to this computer's database (what was recovered "
                                        "is kept; recover again): {problem}")
HASH_MISMATCH = QT_TRANSLATE_NOOP("Sync", "Data the county sent back does not match its hash; recovery stopped (what "
                                          "was recovered is kept; recover again).")
OTHER_STATION = QT_TRANSLATE_NOOP("Sync", "The county sent back another station's data; recovery stopped.")


@dataclass
class RecoveryResult:
    changes: int = 0
    records: int = 0  # consultations and applications
    files: int = 0
    file_bytes: int = 0
    missing_files: list[str] = field(default_factory=list)  # the county had no complete copy


def can_recover(db) -> bool:
    """Nothing waiting to go to the county (a fresh laptop, or one synced after a restore); a change the
    county returned does not stop it (recovery never replaces a newer local version)."""
    return pending_count(db) == 0


def recover_from_county(engine: SyncEngine, store: Store, vault, *,
                        progress: Callable[[int, int], None] | None = None) -> RecoveryResult:
    """Rebuild this (empty) station from the county; raises SyncError when it cannot, with nothing half-made
    visible to the clerk beyond the pages already put back (running it again finishes them)."""
    db = engine.db
    if not can_recover(db):
        raise SyncError(NOT_SYNCED, code="not_synced",
                        detail="this station has changes the county does not have yet: sync first")
    result = RecoveryResult()
    after = 0
    while True:
        answer = engine.transport.request("GET", f"/v1/changes?after={after}&limit={PAGE}", b"")
        changes, cursor = answer.get("changes"), answer.get("cursor")
        if not isinstance(changes, list) or not isinstance(cursor, int):
            raise SyncError(INCOMPLETE, code="bad_answer", detail="the county's answer has no changes list")
        now = engine.now()
        try:
            with write_transaction(db) as conn:
                for entry in changes:
                    _put_back(conn, store, entry, engine.station_code, now)
                    result.changes += 1
        except StorageError as exc:
            raise SyncError(NOT_WRITTEN, {"problem": reason_of(exc)}, code="storage",
                            detail=f"recovery could not write this page: {exc}") from exc
        after = cursor
        if progress:
            progress(result.changes, result.changes + (PAGE if answer.get("more") else 0))
        if not answer.get("more") or not changes:
            break
    with write_transaction(db) as conn:  # once, at the end: per page it was O(pages x applications)
        _restore_statuses(conn)  # decisions a round pulled before their applications came back
    result.records = db.execute("SELECT (SELECT count(*) FROM consultations) + (SELECT count(*) FROM applications)"
                                ).fetchone()[0]
    _download_files(engine, vault, result)
    return result


def _put_back(conn, store: Store, entry: dict, station_code: str, now: str) -> None:
    payload = entry.get("payload")
    if not isinstance(payload, str) or hashlib.sha256(payload.encode("utf-8")).hexdigest() != entry.get("sha256"):
        raise SyncError(HASH_MISMATCH, code="bad_answer", detail="a change from the county does not match its hash")
    change = json.loads(payload)
    if change.get("station") != station_code:
        raise SyncError(OTHER_STATION, code="bad_answer",
                        detail=f"the county sent a change of station {change.get('station')}")
    store.replay(conn, change, payload, entry["sha256"], now)
    if change["record_type"] == "attachment":
        replay_attachment(conn, change)
    _restore_counters(conn, change)


def _restore_counters(conn, change: dict) -> None:
    """With each change (so an interrupted recovery leaves a usable station): numbers continue after the
    highest recovered one, the Lamport clock after the latest change."""
    number = (change.get("data") or {}).get("number") if change["record_type"] == "application" else None
    if isinstance(number, str):
        prefix, _, serial = number.rpartition("-")
        if serial.isdigit():
            conn.execute("INSERT INTO number_sequences (prefix, last) VALUES (?, ?) ON CONFLICT(prefix) DO UPDATE "
                         "SET last = max(last, excluded.last)", (prefix, int(serial)))
    conn.execute("UPDATE clock SET lamport = max(lamport, ?) WHERE id = 1", (change["lamport"],))


def _restore_statuses(conn) -> None:
    """Each application's status from the county's latest decision on it (voided ones stay voided)."""
    conn.execute(
        "UPDATE applications SET status = coalesce((SELECT json_extract(e.data, '$.status') FROM county_events e "
        "WHERE (e.application_number = applications.number OR e.application_id = applications.id) "
        "AND json_extract(e.data, '$.status') IS NOT NULL ORDER BY e.seq DESC LIMIT 1), status) WHERE voided = 0")


def _download_files(engine: SyncEngine, vault, result: RecoveryResult) -> None:
    """Every material file of the recovered attachments that is not in this vault yet."""
    # a file of voided attachments only may never have left the station: asked for, not missed
    wanted = engine.db.execute("SELECT sha256, max(size), min(voided) FROM attachments GROUP BY sha256").fetchall()
    for sha256, size, only_voided in wanted:
        if vault.exists(sha256):
            continue
        if not _download(engine, vault, sha256):
            if not only_voided:
                result.missing_files.append(sha256)
            continue
        result.files += 1
        result.file_bytes += size
        with write_transaction(engine.db) as conn:
            mark_confirmed(conn, sha256, size, engine.now())  # the county holds it: nothing to send back


def _download(engine: SyncEngine, vault, sha256: str) -> bool:
    try:
        with engine.transport.stream(f"/v1/files/{sha256}/content") as response:
            if response.status_code != 200:
                return False
            response.raw.decode_content = True
            stored = vault.store_stream(response.raw, sha256)
    except Exception as exc:  # noqa: BLE001 - a network error or a refused file: that file is reported missing
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return False
    return stored.sha256 == sha256  # a wrong file is stored under its own hash, never under this name

