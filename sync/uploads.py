"""Attachment files going up to the county (Qt-free): what waits, and the resumable chunked upload.

A file waits until the county confirms it holds it (`file_uploads` row). It goes up only after its
signed manifest was acknowledged, so the county already knows the file's hash and size and that
the station signed it; voided attachments are not sent (their manifests and voids are). Files are
sent by content hash, so the same scan attached twice goes up once.

Upload of one file:  GET /v1/files/SHA  -> {"status", "received"}; then PUT /v1/files/SHA?offset=N
with the next chunk until the county answers "complete". The county appends only at its current
end and answers with the offset to resume from otherwise, so a dropped connection, a lost answer,
a cancel or a restart on either side resumes where the county's copy ends. The station hashes what
it reads: a vault file whose bytes no longer match its hash is never sent (and is reported).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.records.db import write_transaction

log = logging.getLogger(__name__)

CHUNK_BYTES = 4 * 1024 * 1024
COMPLETE, PARTIAL, UNKNOWN, RESTART = "complete", "partial", "unknown", "restart"

_WAITING = ("FROM attachments a WHERE a.voided = 0 "
            "AND NOT EXISTS (SELECT 1 FROM file_uploads u WHERE u.sha256 = a.sha256)")
_ACKED = ("AND EXISTS (SELECT 1 FROM outbox o WHERE o.record_type = 'attachment' AND o.record_id = a.id "
          "AND o.version = 1 AND o.acked_at IS NOT NULL)")


@dataclass(frozen=True)
class WaitingFile:
    sha256: str
    size: int


def waiting_files(db, *, acknowledged_only: bool = False) -> list[WaitingFile]:
    """Files the county does not hold yet, oldest attachment first (only those whose manifest it has, if asked)."""
    rows = db.execute(f"SELECT a.sha256, max(a.size), min(a.rownum) {_WAITING} {_ACKED if acknowledged_only else ''} "
                      "GROUP BY a.sha256 ORDER BY 3").fetchall()
    return [WaitingFile(r[0], r[1]) for r in rows]


def waiting_summary(db) -> tuple[int, int]:
    """(files, bytes) still to send to the county."""
    row = db.execute(f"SELECT count(*), coalesce(sum(size), 0) FROM (SELECT max(a.size) AS size {_WAITING} "
                     "GROUP BY a.sha256)").fetchone()
    return row[0], row[1]


def mark_confirmed(conn, sha256: str, size: int, now: str) -> None:
    """The county holds this file (inside the caller's transaction)."""
    conn.execute("INSERT INTO file_uploads (sha256, size, confirmed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                 (sha256, size, now))


def mark_held(conn, hashes: list[Any], now: str) -> int:
    """The county says it holds these files (a USB reply): mark each one this station has; how many."""
    marked = 0
    for sha256 in hashes:
        row = conn.execute("SELECT max(size) FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        if row and row[0] is not None:
            mark_confirmed(conn, sha256, row[0], now)
            marked += 1
    return marked


@dataclass
class UploadReport:
    files_sent: int = 0  # completed this round
    bytes_sent: int = 0
    damaged: list[str] = field(default_factory=list)  # sha256 of vault files that no longer match their hash
    missing: list[str] = field(default_factory=list)  # not in this vault at all (e.g. not recovered)
    unknown: int = 0  # the county knows no manifest for the file (yet): tried again next round


class Cancelled(Exception):
    """The clerk cancelled a long upload; what the county holds stays and the next round resumes."""


def upload_files(request: Callable[..., dict[str, Any]], db, vault_root: Path, now: Callable[[], str], *,
                 progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                 chunk_bytes: int = CHUNK_BYTES, report: UploadReport | None = None) -> UploadReport:
    """Send every waiting file whose manifest the county acknowledged. `request(method, path, body, content_type)`
    is the engine's signed, retried, county-verified request. Raises Cancelled between chunks when asked;
    what was done until then is in `report` (pass one in to keep it)."""
    report = report if report is not None else UploadReport()
    files = waiting_files(db, acknowledged_only=True)
    total = sum(f.size for f in files)
    done = 0

    def tick(extra: int = 0) -> None:
        if progress:
            progress(done + extra, total)
        if cancelled and cancelled():
            raise Cancelled()

    tick()
    for f in files:
        path = vault_root / f.sha256[:2] / f.sha256[2:]
        sent = _upload_one(request, f, path, report, tick, chunk_bytes)
        if sent == COMPLETE:
            with write_transaction(db) as conn:
                mark_confirmed(conn, f.sha256, f.size, now())
            report.files_sent += 1
        done += f.size
        tick()
    return report


def _upload_one(request, f: WaitingFile, path: Path, report: UploadReport, tick, chunk_bytes: int) -> str:
    # A file that fits in one chunk goes straight up (the answer says if the county had it); a bigger one
    # asks first where the county's copy ends, so a resumed upload sends no chunk twice.
    state = {"status": PARTIAL, "received": 0} if f.size <= chunk_bytes else \
        request("GET", f"/v1/files/{f.sha256}", b"")
    restarts = 0
    for _ in range(f.size // chunk_bytes + 16):  # every pass sends from where the county's copy ends
        status, received = state.get("status"), state.get("received")
        if status == COMPLETE:
            return COMPLETE
        if status == UNKNOWN:
            report.unknown += 1
            log.warning("the county knows no manifest for file %s yet", f.sha256)
            return UNKNOWN
        if status == RESTART:
            restarts += 1
            if restarts > 1:  # our bytes were checked locally and still did not match: give up this round
                return RESTART
            received = 0
        if not isinstance(received, int) or not 0 <= received <= f.size:
            received = 0
        try:
            state = _send_from(request, f, path, received, report, tick, chunk_bytes)
        except _Missing:
            report.missing.append(f.sha256)
            return "missing"
        except _Damaged:
            report.damaged.append(f.sha256)
            return "damaged"
    return PARTIAL  # the county kept asking for other offsets: left for the next round


class _Damaged(Exception):
    pass


class _Missing(Exception):
    pass


def _send_from(request, f: WaitingFile, path: Path, offset: int, report: UploadReport, tick,
               chunk_bytes: int) -> dict[str, Any]:
    """Send the file from `offset` to its end, checking its hash as it is read; the county's last answer."""
    digest = hashlib.sha256()
    try:
        stream = open(path, "rb")
    except FileNotFoundError as exc:
        log.error("attachment file %s is not in the vault", path)
        raise _Missing() from exc
    except OSError as exc:
        log.error("attachment file %s cannot be read: %s", path, exc)
        raise _Damaged() from exc
    with stream:
        skipped = 0
        while skipped < offset:  # the hash covers the bytes the county already has
            block = stream.read(min(1024 * 1024, offset - skipped))
            if not block:
                raise _Damaged()
            digest.update(block)
            skipped += len(block)
        position = offset
        state: dict[str, Any] = {}
        while True:
            chunk = stream.read(chunk_bytes)
            if not chunk:
                break
            digest.update(chunk)
            if position + len(chunk) > f.size or (position + len(chunk) == f.size and digest.hexdigest() != f.sha256):
                raise _Damaged()  # never send the last bytes of a file that is not what was signed
            state = request("PUT", f"/v1/files/{f.sha256}?offset={position}", chunk, "application/octet-stream")
            report.bytes_sent += len(chunk)
            if state.get("status") != PARTIAL or state.get("received") != position + len(chunk):
                return state  # complete, or the county wants another offset: the caller decides
            position += len(chunk)
            tick(position)
        if position != f.size:
            raise _Damaged()
        return state or {"status": PARTIAL, "received": position}
