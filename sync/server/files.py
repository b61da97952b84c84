"""The county's attachment files: manifests it accepted, uploads in resumable chunks, the file store.

A station's attachment arrives in two parts. Its signed manifest comes in the change log (record
type "attachment"); `check_manifest` verifies the signature against a key the county enrolled for
that station before the change is accepted, and `remember_manifest` notes which file (SHA-256 and
size) the station promised. The bytes come later, by content hash, in chunks:

    uploads/<station>/<sha256>.part    the chunks received so far, one sealed segment each
    files/<ab>/<sha256>                a complete file, sealed: hash checked, fsynced, renamed in place

Every file here is sealed at rest with a key derived from the county's data key (sync/server/file_seal.py
has the formats); the hash that names a file is its plaintext's, as in the station's signed manifest.

`receive_chunk` only appends at the current end of the part file (any other offset answers with
the offset to resume from): the chunk is sealed as one more segment, and the resume offset is the end of
the last whole segment that opens, so a crash or a dropped connection mid-chunk resumes where the
authenticated bytes end. When the part reaches the promised size its segments are opened in order, hashed
and sealed into one file as they are read (the pass that finishing needs anyway; a file sent in one chunk
goes straight there): a match is fsynced and renamed into files/ (an existing file is never overwritten:
the same hash is the same bytes), a mismatch or a segment that does not open is deleted and the upload
starts again. So a file is complete or absent, never partial, whatever the network or a crash does. The
same check serves files carried in USB bundles (`store_stream`), sealed as they are read.

Bounds (sync/limits.py): a manifest promises at most MAX_ATTACHMENT_BYTES (the station's own setting
allows 1 to 500 MB); one station's unfinished uploads take at most MAX_PARTIAL_BYTES_PER_STATION
(a chunk beyond it is refused, 413); a part untouched for PARTIAL_TTL_SECONDS is deleted (at start
and whenever that station sends a chunk).
"""

from __future__ import annotations

import base64
import logging
import os
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desktop.records.canonical import canonical_json
from desktop.records.fsutil import fsync_dir
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.identity import verify_signature
from sync.limits import MAX_ATTACHMENT_BYTES, MAX_PARTIAL_BYTES_PER_STATION, PARTIAL_TTL_SECONDS
from sync.sealed import OpenedStream
from sync.server.errors import CountyError, zh
from sync.server.file_seal import (SEALING, VERIFIED, BytesReader, FileSeal, PartProgress, SealedError, new_private_file,
                                   remove_if_stale)
from sync.server.nonces import write_nonce
from sync.server.stations import enrolled_key
from sync.server.storage import transaction, utc_now

log = logging.getLogger(__name__)

FILES_DIR, UPLOADS_DIR = "files", "uploads"
FILE_KIND = "material"  # what a material file's key binds in (issued documents have their own kind)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

NO_MANIFEST = QT_TRANSLATE_NOOP("County", "The material has no manifest; the county refused it.")
OTHER_MATERIAL = QT_TRANSLATE_NOOP("County", "The material's manifest does not match the material's number; the "
                                             "county refused it.")
OTHER_STATION = QT_TRANSLATE_NOOP("County", "The material was captured at station {station}, not this one; the "
                                            "county refused it.")
TOO_LARGE = QT_TRANSLATE_NOOP("County", "The material is larger than any station may attach ({limit} MB); the county "
                                        "refused it.")
PARTIAL_FULL = QT_TRANSLATE_NOOP("County", "This station's unfinished uploads fill the space the county keeps for "
                                           "them; the upload was refused.")
OTHER_RECORD = QT_TRANSLATE_NOOP("County", "The material is attached to a record of another station; the county "
                                           "refused it.")
NO_HASH = QT_TRANSLATE_NOOP("County", "The material's manifest has no valid hash or size; the county refused it.")
UNSIGNED = QT_TRANSLATE_NOOP("County", "The material is not signed by the station; the county refused it.")
UNKNOWN_KEY = QT_TRANSLATE_NOOP("County", "The material is signed with a key the county did not enroll for this "
                                          "station; the county refused it.")
DAMAGED = QT_TRANSLATE_NOOP("County", "The county's copy of this material does not open (it was altered or damaged); "
                                      "the center puts it back from a backup of its data folder.")
BAD_SIGNATURE = QT_TRANSLATE_NOOP("County", "The material's station signature does not verify (it was changed after "
                                            "signing); the county refused it.")

# upload states
COMPLETE, PARTIAL, UNKNOWN, RESTART = "complete", "partial", "unknown", "restart"


@dataclass
class UploadState:
    sha256: str
    size: int | None  # promised by an accepted manifest; None when no manifest names the file
    received: int  # bytes held (== size when complete)
    status: str  # COMPLETE, PARTIAL, UNKNOWN or RESTART
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size, "received": self.received, "status": self.status,
                "reason": self.reason}


def valid_sha256(text: Any) -> bool:
    return isinstance(text, str) and bool(_SHA256.match(text))


# -- manifests (inside the change log's transaction) ----------------------------------------------

def check_manifest(conn: sqlite3.Connection, station: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The attachment manifest of an "attachment" change, its station signature verified; CountyError otherwise.

    The signature must verify with a key the county enrolled for this station (the key the
    manifest itself carries proves nothing on its own).
    """
    data = payload.get("data")
    manifest = data.get("manifest") if isinstance(data, dict) else None
    if not isinstance(manifest, dict):
        raise CountyError("the attachment change has no manifest", NO_MANIFEST)
    if manifest.get("attachment_id") != payload.get("record_id"):
        raise CountyError("the manifest names another attachment", OTHER_MATERIAL)
    if manifest.get("station") != station:
        raise CountyError(f"the attachment was captured at station {manifest.get('station')!r}, not {station!r}",
                          OTHER_STATION, {"station": manifest.get("station")})
    owner = conn.execute("SELECT station FROM records WHERE record_type = ? AND record_id = ?",
                         (str(manifest.get("record_type", "")), str(manifest.get("record_id", "")))).fetchone()
    if owner is not None and owner[0] != station:  # a material is attached to one of the sender's own records only
        raise CountyError("the attachment names another station's record", OTHER_RECORD)
    if not valid_sha256(manifest.get("sha256")) or not isinstance(manifest.get("size"), int) or manifest["size"] < 1:
        raise CountyError("the manifest has no valid file hash or size", NO_HASH)
    if manifest["size"] > MAX_ATTACHMENT_BYTES:
        raise CountyError(f"the manifest promises {manifest['size']} bytes (at most {MAX_ATTACHMENT_BYTES})", TOO_LARGE,
                          {"limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)})
    signature, key_id = data.get("signature"), manifest.get("key_id")
    if not signature or not key_id:
        raise CountyError("the attachment is not signed by the station", UNSIGNED)
    public_key = enrolled_key(conn, station, key_id)
    if public_key is None:
        raise CountyError("the attachment is signed with a key the county did not enroll for this station", UNKNOWN_KEY)
    try:
        ok = verify_signature(public_key, base64.b64decode(signature, validate=True),
                              canonical_json(manifest).encode("utf-8"))
    except (ValueError, TypeError):
        ok = False
    if not ok:
        raise CountyError("the attachment's station signature does not verify (changed after signing)", BAD_SIGNATURE)
    return manifest


def remember_manifest(conn: sqlite3.Connection, station: str, payload: dict[str, Any],
                      manifest: dict[str, Any]) -> None:
    """Note the file a verified manifest promises; a void marks it (the row and any file stay)."""
    conn.execute("INSERT INTO attachments (attachment_id, station, record_type, record_id, slot, sha256, size, "
                 "media_type, original_name, voided) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT(attachment_id) DO UPDATE SET voided = max(voided, excluded.voided)",
                 (manifest["attachment_id"], station, str(manifest.get("record_type", "")),
                  str(manifest.get("record_id", "")), str(manifest.get("slot", "")), manifest["sha256"],
                  manifest["size"], str(manifest.get("media_type", "")), str(manifest.get("original_name", "")),
                  int(payload.get("action") == "void")))


# -- the file store --------------------------------------------------------------------------------

class FileStore:
    """Complete files by hash and partial uploads per station, in the county's data folder, sealed at rest."""

    def __init__(self, data_dir: Path, connect, seal: FileSeal):
        self.files = Path(data_dir) / FILES_DIR
        self.uploads = Path(data_dir) / UPLOADS_DIR
        self.connect = connect  # () -> the calling thread's sqlite3 connection
        self.seal = seal
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        # where each part file ends, from its authenticated content (found again after a restart)
        self._progress: dict[tuple[str, str], PartProgress] = {}
        self._locks_guard = threading.Lock()
        self.seal.seal_folder(self.files, FILE_KIND, lambda p: p.name if valid_sha256(p.name) else None)
        if self.uploads.is_dir():
            for station_dir in self.uploads.iterdir():
                if station_dir.is_dir():
                    self._clear_uploads(station_dir)
                    self.expire_partials(station_dir.name)

    def _clear_uploads(self, station_dir: Path) -> None:
        """At start: a file a crash left half-written goes; an older county's clear part is sealed in place."""
        for path in sorted(station_dir.iterdir()):
            if path.suffix == ".bundle":  # an older version's clear copy of a bundle's file that a crash left
                path.unlink(missing_ok=True)
                continue
            if path.suffix == SEALING:
                remove_if_stale(path)
                continue
            part = path.with_suffix("") if path.suffix == VERIFIED else path  # a crash came mid-way: finish it
            if part.suffix != ".part" or not path.exists() or (part == path and self.seal.is_part(part)):
                continue
            if not valid_sha256(part.stem):
                part.unlink(missing_ok=True)
            elif path != part or part.stat().st_size > 0:  # (an empty one may be the running server's, just made)
                self.seal.seal_part_in_place(part, station_dir.name, part.stem)

    def expire_partials(self, station: str, now: float | None = None) -> int:
        """Delete this station's unfinished uploads untouched for PARTIAL_TTL_SECONDS; how many."""
        cutoff = (now if now is not None else time.time()) - PARTIAL_TTL_SECONDS
        removed = 0
        for part in (self.uploads / station).glob("*.part"):
            try:
                if part.stat().st_mtime < cutoff:
                    part.unlink()
                    self._progress.pop((station, part.stem), None)
                    removed += 1
            except FileNotFoundError:
                pass
        return removed

    def partial_bytes(self, station: str) -> int:
        """What this station's unfinished uploads take now (sealed, as on the disk)."""
        total = 0
        for part in (self.uploads / station).glob("*.part"):
            try:
                total += part.stat().st_size
            except FileNotFoundError:
                pass
        return total

    def path_of(self, sha256: str) -> Path:
        return self.files / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def open(self, sha256: str) -> OpenedStream:
        """A complete file's plaintext, checked as it is read (SealedError when it does not open)."""
        return self.seal.open(self.path_of(sha256), FILE_KIND, sha256)

    def blocks(self, sha256: str) -> Iterator[bytes]:
        """A complete file's plaintext in blocks, for an answer streamed to a client."""
        return self.seal.blocks(self.path_of(sha256), FILE_KIND, sha256)

    def answer(self, sha256: str, media_type: str = "application/octet-stream", filename: str | None = None):
        """A complete file as an HTTP answer: its plaintext streamed as it is opened, chunk by chunk (a chunk
        that does not open ends the answer short, and the reader's hash check refuses it). Opened here, so call
        it in the thread pool; a file that does not open at all is a 500 answer that says so in Chinese."""
        from urllib.parse import quote

        from starlette.responses import JSONResponse, StreamingResponse

        try:
            blocks = self.blocks(sha256)
        except (OSError, SealedError) as exc:
            log.error("the county's copy of %s does not open: %s", sha256, exc)
            return JSONResponse({"error": "damaged", "message": f"the county's copy of {sha256} does not open",
                                 "message_zh": zh(DAMAGED)}, status_code=500)
        headers = {}
        row = self.connect().execute("SELECT size FROM files WHERE sha256 = ?", (sha256,)).fetchone()
        if row is not None:
            headers["Content-Length"] = str(row[0])
        if filename is not None:
            headers["Content-Disposition"] = f"attachment; filename*=utf-8''{quote(filename)}"
        return StreamingResponse(blocks, media_type=media_type, headers=headers)

    def _part(self, station: str, sha256: str) -> Path:
        return self.uploads / station / f"{sha256}.part"

    def _lock(self, station: str, sha256: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault((station, sha256), threading.Lock())

    def promised_size(self, station: str, sha256: str) -> int | None:
        row = self.connect().execute("SELECT size FROM attachments WHERE station = ? AND sha256 = ? LIMIT 1",
                                     (station, sha256)).fetchone()
        return row[0] if row else None

    def _where(self, station: str, sha256: str) -> PartProgress:
        """Where this station's part of the file ends: remembered, or read from the part's sealed segments (after a
        restart, or when the file on disk is not what was remembered)."""
        part = self._part(station, sha256)
        known = self._progress.get((station, sha256))
        try:
            on_disk = part.stat().st_size
        except FileNotFoundError:
            self._progress.pop((station, sha256), None)
            return PartProgress(0, 0)
        if known is None or known.end != on_disk:
            known = self._progress[(station, sha256)] = self.seal.progress(part, station, sha256)
        return known

    def state(self, station: str, sha256: str) -> UploadState:
        """Where an upload stands: complete, partial (resume at `received`) or unknown (no manifest)."""
        if not valid_sha256(sha256):
            return UploadState(str(sha256), None, 0, UNKNOWN, "not a SHA-256")
        size = self.promised_size(station, sha256)
        if size is None:
            return UploadState(sha256, None, 0, UNKNOWN, "no accepted attachment of this station names this file")
        if self.has(sha256) and self.holds(station, sha256):
            return UploadState(sha256, size, size, COMPLETE)
        return UploadState(sha256, size, min(self._where(station, sha256).received, size), PARTIAL)

    def receive_chunk(self, station: str, sha256: str, offset: int, chunk: bytes, *, body_sha256: str | None = None,
                      nonce: str | None = None) -> UploadState:
        """Append `chunk` at `offset` (only at the current end); finish the file when it is whole.
        `body_sha256`: the chunk's hash, already checked against its bytes (a whole file so named is not hashed
        again); `nonce`: the request's, reserved, written with the file it completes (sync/server/nonces.py)."""
        with self._lock(station, sha256):
            current = self.state(station, sha256)
            if current.status in (COMPLETE, UNKNOWN):
                return current
            assert current.size is not None
            if offset != current.received:
                current.reason = f"resume at {current.received}"
                return current
            if offset + len(chunk) > current.size:
                self._discard(station, sha256)
                return UploadState(sha256, current.size, 0, RESTART, "more bytes than the manifest's size")
            if offset == 0 and len(chunk) == current.size:  # the whole file in one chunk: straight into files/
                self._discard(station, sha256)
                return self._finish(station, sha256, current.size, lambda: nullcontext(BytesReader(chunk)),
                                    hashed=body_sha256 == sha256, nonce=nonce)
            self.expire_partials(station)
            if self.partial_bytes(station) + len(chunk) > MAX_PARTIAL_BYTES_PER_STATION:
                raise CountyError(f"station {station}'s unfinished uploads would pass "
                                  f"{MAX_PARTIAL_BYTES_PER_STATION} bytes", PARTIAL_FULL)
            part = self._part(station, sha256)
            now = self._progress[(station, sha256)] = self.seal.append(part, station, sha256,
                                                                       self._where(station, sha256), chunk)
            if now.received < current.size:
                return UploadState(sha256, current.size, now.received, PARTIAL)
            try:
                return self._finish(station, sha256, current.size,
                                    lambda: self.seal.part_reader(part, station, sha256), nonce=nonce)
            except SealedError:
                log.warning("an unfinished upload of %s from %s does not open; it starts again", sha256, station)
                self._discard(station, sha256)
                return UploadState(sha256, current.size, 0, RESTART, "the received bytes do not open")

    def store_stream(self, station: str, sha256: str, stream: BinaryIO) -> UploadState:
        """A whole file from a stream (a USB bundle's member), with the same checks as an upload."""
        with self._lock(station, sha256):
            current = self.state(station, sha256)
            if current.status in (COMPLETE, UNKNOWN):
                return current
            assert current.size is not None
            return self._finish(station, sha256, current.size, lambda: nullcontext(stream))  # the caller closes it

    def _finish(self, station: str, sha256: str, size: int, opened: Callable[[], Any], *, hashed: bool = False,
                nonce: str | None = None) -> UploadState:
        """Seal the file's bytes from `opened()` (a stream with `read(n)`, closed before anything is renamed or
        removed) into files/, hashing them on the way (unless `hashed`: the caller checked these very bytes against
        `sha256`): the whole file by its hash, or nothing. The sealed copy is written in the station's uploads
        folder, fsynced, then renamed; the file is noted (with the request's `nonce`) in one transaction."""
        folder = self.uploads / station
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{sha256}.{uuid.uuid4().hex}{SEALING}"
        left = size + 1  # one byte past the promised size is enough to know the source is longer

        try:
            with opened() as source, new_private_file(tmp) as f:
                def read(n: int) -> bytes:
                    nonlocal left
                    block = source.read(min(n, left)) if left > 0 else b""
                    left -= len(block)
                    return block

                written, digest = self.seal.write(f, FILE_KIND, sha256, read, known_sha256=sha256 if hashed else None)
                if written == size and digest == sha256:
                    f.flush()
                    os.fsync(f.fileno())
            if written != size:
                self._discard(station, sha256)
                return UploadState(sha256, size, 0, RESTART, "the file's size does not match its manifest")
            if digest != sha256:
                self._discard(station, sha256)
                return UploadState(sha256, size, 0, RESTART, "the received bytes do not match the file's hash")
            # the part goes first (or a network upload the bundle completed): a crash before the file is in place
            # then resends it from the start, never leaves a whole part that no chunk can finish
            self._discard(station, sha256)
            target = self.path_of(sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():  # never overwritten: the same hash is the same bytes
                os.replace(tmp, target)
                fsync_dir(target.parent)
        finally:
            tmp.unlink(missing_ok=True)
        self._note(sha256, size, station, nonce)
        return UploadState(sha256, size, size, COMPLETE)

    def holds(self, station: str, sha256: str) -> bool:
        """The station delivered this file's bytes (an upload or a bundle), so it may be told so and fetch it."""
        return self.connect().execute("SELECT 1 FROM file_holders WHERE station = ? AND sha256 = ?",
                                      (station, sha256)).fetchone() is not None

    def _note(self, sha256: str, size: int, station: str, nonce: str | None = None) -> None:
        with transaction(self.connect()) as conn:  # one commit (one fsync), the request's nonce with it
            if nonce is not None:
                write_nonce(conn, station, nonce)
            conn.execute("INSERT INTO files (sha256, size, station, received_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT DO NOTHING", (sha256, size, station, utc_now()))
            conn.execute("INSERT OR IGNORE INTO file_holders (station, sha256) VALUES (?, ?)", (station, sha256))

    def _discard(self, station: str, sha256: str) -> None:
        self._progress.pop((station, sha256), None)
        self._part(station, sha256).unlink(missing_ok=True)

    def attachments_of(self, record_type: str, record_id: str) -> list[dict[str, Any]]:
        # the record's own station's materials only: a manifest taken before its record arrived (the county cannot
        # tell then whose it will be) shows on it only if it came from the same station
        rows = self.connect().execute(
            "SELECT a.attachment_id, a.slot, a.sha256, a.size, a.media_type, a.original_name, a.voided, "
            "f.sha256 IS NOT NULL FROM attachments a LEFT JOIN files f ON f.sha256 = a.sha256 "
            "WHERE a.record_type = ? AND a.record_id = ? AND a.station = (SELECT r.station FROM records r "
            "WHERE r.record_type = ? AND r.record_id = ?) ORDER BY a.rowid",
            (record_type, record_id, record_type, record_id)).fetchall()
        keys = ("attachment_id", "slot", "sha256", "size", "media_type", "original_name", "voided", "received")
        return [dict(zip(keys, (*r[:6], bool(r[6]), bool(r[7])))) for r in rows]
