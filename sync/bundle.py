"""Offline bundles: the sync protocol carried on a USB stick instead of over HTTP (Qt-free).

A bundle is ONE zip file (members stored, not re-compressed: the parts are gzip already):

    manifest.json      canonical JSON, described below
    signature          base64 Ed25519 signature of the exact bytes of manifest.json
    (zip comment)      the seal: base64 Ed25519 signature of the hex SHA-256 of every byte of the file
                       before it (the comment is the file's last 88 bytes), so that no byte - data,
                       zip headers or timestamps - can change unnoticed
    parts/NNNN.json.gz (station -> county) each part is exactly a POST /v1/changes body:
                       gzip(canonical JSON {"station": CODE, "changes": [CHANGE, ...]}), BATCH_SIZE changes
    files/<sha256>     (station -> county) attachment files the county does not hold yet, as stored in the
                       vault (the file's SHA-256 names it); the county keeps one only when its hash matches and
                       an attachment manifest of that station, signed and accepted, names it (sync.server.files)
    reply.json.gz      (county -> station) gzip(canonical JSON {"acks": [ACK, ...], "events": [EVENT, ...],
                       "cursor": N, "after": M, "files": [SHA256, ...], "reference": REFERENCE}) - the acks of
                       POST /v1/changes, the events of GET /v1/events, the carried files the county now
                       holds and the reference data of GET /v1/reference (lawyer roster, populations)

Bundles are written and read as streams (a bundle with 500 MB of scans never sits in memory): the
members go into a temporary file, the manifest and its signature last, then the seal is computed by
reading the file back and written over the comment's placeholder.

manifest = {"format": "legal-aid-sync-bundle", "format_version": 1, "kind": "changes" | "reply",
            "from": station code | "county", "to": "county" | station code,
            "station": CODE, "station_key_id", "county_key_id", "created_at" (the writer's clock, shown only),
            "lamport": [min, max] | null, "change_count", "events_after" (the station's pull cursor),
            "files": {member name: {"sha256", "bytes"}}, and in a reply also "answers" (the manifest
            SHA-256 of the station bundle it answers), "event_count", "cursor"}

A station bundle is signed (manifest and seal) with the station key; the county checks it against the key it enrolled,
refuses a revoked or unknown station and a bundle for another county, checks every part's hash,
then applies each part with `CountyStore.apply_changes` - the very function behind POST /v1/changes,
so importing the same bundle twice only gives "duplicate" acks. Its reply is signed with the county
key and carries the acks and every event for that station after the cursor the station sent; the
station checks it with the pinned county certificate, refuses one meant for another station, and
applies it with the same `apply_acks` and `record_event` as a network round. Bundles and network
sync mix freely: both ends are idempotent by change_id + sha256 and by event seq / event_id.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.records.store import canonical_json, local_now
from sync.identity import StationKey, key_id_of, verify_signature
from sync.protocol import (
    BATCH_SIZE,
    b64,
    change_entry,
    decode_json_gzip,
    encode_json_gzip,
    unb64,
    verify_county_certificate,
)

FORMAT = "legal-aid-sync-bundle"
FORMAT_VERSION = 1
KIND_CHANGES, KIND_REPLY = "changes", "reply"
COUNTY = "county"
MANIFEST, SIGNATURE, REPLY_PART = "manifest.json", "signature", "reply.json.gz"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_PART_BYTES = 256 * 1024 * 1024  # compressed, per member
MAX_REPLY_JSON = 512 * 1024 * 1024  # decompressed
FILES_PREFIX = "files/"
READ_CHUNK = 1024 * 1024
SEAL_BYTES = 88  # base64 of a 64-byte Ed25519 signature: the zip comment, last in the file
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, KeyError)


class BundleError(Exception):
    """A bundle refused or not written; `code` for programs, `message_zh` for the clerk."""

    def __init__(self, message: str, message_zh: str | None = None, *, code: str = "refused"):
        super().__init__(message)
        self.message_zh = message_zh or message
        self.code = code


@dataclass
class ExportResult:
    path: Path
    changes: int
    lamport: tuple[int, int] | None
    events_after: int
    files: int = 0  # attachment files carried
    file_bytes: int = 0
    damaged: list[str] = field(default_factory=list)  # vault files left out: their bytes no longer match their hash


@dataclass
class CountyImportResult:
    station: str
    changes: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0  # in the reply
    files: int = 0  # attachment files carried by the bundle that the county now holds
    reply: Path | None = None


# -- the file -------------------------------------------------------------------------------------

def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seal(body: bytes, sign) -> bytes:
    """`body` (a zip whose comment is the last SEAL_BYTES bytes) with the signature of its SHA-256 as that comment."""
    signature = b64(sign(_sha256(body).encode("ascii"))).encode("ascii")
    assert len(signature) == SEAL_BYTES
    return body + signature


def _write_bundle(path: Path, manifest: dict[str, Any], parts: dict[str, bytes], sign, *,
                  files: list[tuple[str, int, Path]] = (), progress=None, cancelled=None) -> list[str]:
    """parts, attachment files (sha256, size, source), then manifest + signature, streamed into a temp file
    beside `path`, sealed, fsynced, then put in place. Returns the files left out because their bytes no
    longer match their hash. BundleError(code="cancelled") when `cancelled()` turns true."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    listed = {name: {"sha256": _sha256(data), "bytes": len(data)} for name, data in parts.items()}
    damaged: list[str] = []
    total, done = sum(size for _, size, _ in files), 0
    try:
        with open(tmp, "w+b") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
                for name, data in parts.items():
                    z.writestr(name, data)
                for sha256, size, source in files:
                    if cancelled and cancelled():
                        raise BundleError("export cancelled", "已取消导出。", code="cancelled")
                    name = f"{FILES_PREFIX}{sha256}"
                    if _copy_member(z, name, size, source, sha256):
                        listed[name] = {"sha256": sha256, "bytes": size}
                    else:
                        damaged.append(sha256)
                    done += size
                    if progress:
                        progress(done, total)
                manifest_bytes = canonical_json(dict(manifest, files=listed)).encode("utf-8")
                z.writestr(MANIFEST, manifest_bytes)
                z.writestr(SIGNATURE, b64(sign(manifest_bytes)))
                z.comment = b"=" * SEAL_BYTES
            raw.flush()
            length = raw.tell()
            raw.seek(0)
            digest = _hash_stream(raw, length - SEAL_BYTES)
            signature = b64(sign(digest.encode("ascii"))).encode("ascii")
            assert len(signature) == SEAL_BYTES
            raw.seek(length - SEAL_BYTES)
            raw.write(signature)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    return damaged


def _copy_member(z: zipfile.ZipFile, name: str, size: int, source: Path, sha256: str) -> bool:
    """Stream `source` into the zip as `name`; False (and the member left unlisted) when its hash is not `sha256`."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.file_size = size
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as f, z.open(info, "w") as out:
            while block := f.read(READ_CHUNK):
                digest.update(block)
                out.write(block)
    except OSError:
        return False
    return digest.hexdigest() == sha256


def _hash_stream(f, length: int) -> str:
    digest = hashlib.sha256()
    left = length
    while left > 0:
        block = f.read(min(READ_CHUNK, left))
        if not block:
            break
        digest.update(block)
        left -= len(block)
    return digest.hexdigest()


class _Bundle:
    """A bundle file read and structurally checked; the signature is checked by `verify`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.size = self.path.stat().st_size
            self.zip = zipfile.ZipFile(self.path)
        except OSError as exc:
            raise BundleError(f"cannot read {path}: {exc.strerror or exc}", f"无法读取文件 {path}。",
                              code="unreadable") from exc
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise BundleError(f"{self.path.name} is not a sync bundle (not a bundle file, or damaged)",
                              f"{self.path.name} 不是同步数据包（文件类型不对或已损坏）。", code="not_a_bundle") from exc
        try:
            names = set(self.zip.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise BundleError(f"{self.path.name} is not a sync bundle (not a bundle file, or damaged)",
                              f"{self.path.name} 不是同步数据包（文件类型不对或已损坏）。", code="not_a_bundle") from exc
        if MANIFEST not in names or SIGNATURE not in names:
            raise BundleError(f"{self.path.name} is not a sync bundle (no manifest or signature)",
                              f"{self.path.name} 不是同步数据包（缺少清单或签名）。", code="not_a_bundle")
        try:
            self.manifest_bytes = self._member(MANIFEST, MAX_MANIFEST_BYTES)
            self.manifest = json.loads(self.manifest_bytes.decode("utf-8"))
            self.signature = unb64(self._member(SIGNATURE, 1024).decode("ascii").strip())
        except (ValueError, UnicodeDecodeError, *_READ_ERRORS) as exc:
            raise _tampered("its manifest or signature is damaged") from exc
        m = self.manifest
        if not isinstance(m, dict) or m.get("format") != FORMAT:
            raise BundleError(f"{self.path.name} is not a sync bundle (unknown format)",
                              f"{self.path.name} 不是同步数据包（格式不对）。", code="not_a_bundle")
        if m.get("format_version") != FORMAT_VERSION:
            raise BundleError(f"bundle format version {m.get('format_version')} is not supported "
                              f"(this program reads version {FORMAT_VERSION})",
                              "数据包的格式版本与本程序不符，请将两端程序升级到同一版本。", code="version")
        if not isinstance(m.get("files"), dict):
            raise _tampered("its manifest lists no files")
        self.id = _sha256(self.manifest_bytes)

    def _member(self, name: str, limit: int) -> bytes:
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise _tampered(f"member {name} is too large")
        return self.zip.read(name)

    @property
    def kind(self) -> Any:
        return self.manifest.get("kind")

    def verify(self, public_key: bytes) -> None:
        """The seal over every byte of the file, then the manifest's own signature."""
        try:
            with open(self.path, "rb") as f:
                digest = _hash_stream(f, self.size - SEAL_BYTES)
                sealed = unb64(f.read(SEAL_BYTES).decode("ascii"))
        except (ValueError, UnicodeDecodeError, OSError):
            sealed, digest = b"", ""
        if not verify_signature(public_key, sealed, digest.encode("ascii")):
            raise _tampered("its signature does not verify: the file was changed after it was signed")
        if not verify_signature(public_key, self.signature, self.manifest_bytes):
            raise _tampered("its signature does not verify")

    def part(self, name: str) -> bytes:
        """A member listed in the (verified) manifest, checked against its hash."""
        expected = self.manifest["files"].get(name)
        if not isinstance(expected, dict):
            raise _tampered(f"{name} is not listed in its manifest")
        try:
            data = self._member(name, MAX_PART_BYTES)
        except _READ_ERRORS as exc:
            raise _tampered(f"{name} is missing or damaged") from exc
        if _sha256(data) != expected.get("sha256"):
            raise _tampered(f"the hash of {name} does not match its manifest")
        return data


    def files(self) -> list[tuple[str, int]]:
        """The attachment files the (verified) manifest lists: (sha256, bytes)."""
        found = []
        for name, meta in self.manifest["files"].items():
            if name.startswith(FILES_PREFIX) and isinstance(meta, dict):
                sha256 = name[len(FILES_PREFIX):]
                if meta.get("sha256") != sha256 or not isinstance(meta.get("bytes"), int):
                    raise _tampered(f"{name} is listed with another hash")
                found.append((sha256, meta["bytes"]))
        return sorted(found)

    def open_file(self, sha256: str):
        """A stream of an attachment file member (its hash is checked by whoever stores it)."""
        try:
            return self.zip.open(f"{FILES_PREFIX}{sha256}")
        except _READ_ERRORS as exc:
            raise _tampered(f"file {sha256} is missing or damaged") from exc


def _tampered(why: str) -> BundleError:
    return BundleError(f"refused: the bundle was altered or damaged ({why})",
                       "数据包已被改动或损坏（签名或校验值不符），拒绝导入。请重新导出。", code="tampered")


def _wrong_kind(bundle: _Bundle, expected: str) -> BundleError:
    if expected == KIND_CHANGES:
        return BundleError(f"refused: {bundle.path.name} is a county reply for station "
                           f"{bundle.manifest.get('to')}; import it at the station (python -m desktop import-bundle)",
                           "这是县中心给工作站的回复包，应在工作站导入。", code="wrong_kind")
    return BundleError(f"refused: {bundle.path.name} is a station's bundle for the county, not a county reply; "
                       "take it to the county (python -m sync.server import-bundle)",
                       "这是工作站发给县中心的数据包，不是县中心的回复包。请交给县中心导入。", code="wrong_kind")


# -- at the station ------------------------------------------------------------------------------

def _enrolled_keys(db) -> tuple[bytes, dict[str, Any]]:
    from sync.client import S_COUNTY_CERT, S_STATION_CERT, get_state

    county_cert, station_cert = get_state(db, S_COUNTY_CERT), get_state(db, S_STATION_CERT)
    if county_cert is None or station_cert is None:
        raise BundleError("refused: this station is not enrolled with the county yet",
                          "本工作站尚未在县中心注册，不能交换数据包。请先注册。", code="not_enrolled")
    try:
        return verify_county_certificate(json.loads(county_cert)), json.loads(county_cert)
    except ValueError as exc:
        raise BundleError(f"refused: the pinned county certificate is damaged ({exc})",
                          "本机保存的县中心证书已损坏，请联系县中心重新注册。", code="not_enrolled") from exc


def export_bundle(db, key: StationKey, station_code: str, path: Path, *, batch_size: int = BATCH_SIZE,
                  now: str | None = None, vault_root: Path | None = None, progress=None,
                  cancelled=None) -> ExportResult:
    """Write every change not yet acknowledged (and not quarantined) into one signed bundle at `path`,
    with the attachment files the county does not hold yet when `vault_root` is given.

    Nothing is marked: the changes and files stay pending until the county's reply comes back (reply
    bundle or network), exactly as after a network push whose answer was lost. `progress(bytes, total)`
    follows the files; `cancelled()` stops between files (BundleError code "cancelled", nothing written).
    """
    from sync.client import S_CURSOR, get_state
    from sync.uploads import waiting_files

    _, county_cert = _enrolled_keys(db)
    rows = db.execute("SELECT change_id, payload, sha256, lamport FROM outbox WHERE acked_at IS NULL "
                      "AND rejected_reason IS NULL ORDER BY seq").fetchall()
    parts: dict[str, bytes] = {}
    for i in range(0, len(rows), batch_size):
        chunk = rows[i:i + batch_size]
        parts[f"parts/{i // batch_size + 1:04d}.json.gz"] = encode_json_gzip(
            {"station": station_code, "changes": [change_entry(cid, payload, digest) for cid, payload, digest, _ in chunk]})
    lamport = (min(r[3] for r in rows), max(r[3] for r in rows)) if rows else None
    cursor = int(get_state(db, S_CURSOR) or 0)
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_CHANGES, "from": station_code,
                "to": COUNTY, "station": station_code, "station_key_id": key.key_id,
                "county_key_id": county_cert.get("key_id"), "created_at": now or local_now(),
                "lamport": list(lamport) if lamport else None, "change_count": len(rows), "events_after": cursor}
    files = [(f.sha256, f.size, Path(vault_root) / f.sha256[:2] / f.sha256[2:])
             for f in waiting_files(db)] if vault_root is not None else []
    manifest["file_count"] = len(files)
    damaged = _write_bundle(Path(path), manifest, parts, key.sign, files=files, progress=progress,
                            cancelled=cancelled)
    carried = [f for f in files if f[0] not in damaged]
    return ExportResult(Path(path), len(rows), lamport, cursor, len(carried), sum(f[1] for f in carried), damaged)


def import_reply(db, key: StationKey, station_code: str, path: Path, *, now: str | None = None):
    """Apply a county reply bundle exactly as a network round applies acks and pulled events.

    Returns a `sync.client.RoundResult` (pushed = 0). Raises BundleError when refused; then
    nothing was changed.
    """
    from desktop.records.db import write_transaction
    from sync.client import (
        S_CURSOR,
        S_LAST_SYNC,
        RoundResult,
        apply_acks,
        get_state,
        record_event,
        set_state,
    )
    from sync.reference import check_reference, store_reference
    from sync.uploads import mark_confirmed, waiting_summary

    county_key, _ = _enrolled_keys(db)
    bundle = _Bundle(path)
    if bundle.kind != KIND_REPLY:
        raise _wrong_kind(bundle, KIND_REPLY)
    bundle.verify(county_key)
    m = bundle.manifest
    if m.get("to") != station_code or m.get("station") != station_code:
        raise BundleError(f"refused: this reply is meant for station {m.get('to')}, this station is {station_code}",
                          f"这个回复包是发给工作站 {m.get('to')} 的，本机是 {station_code}，拒绝导入。",
                          code="other_station")
    if m.get("station_key_id") != key.key_id:
        raise BundleError("refused: this reply is meant for another key of this station (an earlier enrollment)",
                          "这个回复包是发给本站以前注册的另一台电脑（密钥不同）的，拒绝导入。", code="other_station")
    try:
        reply = decode_json_gzip(bundle.part(REPLY_PART), MAX_REPLY_JSON)
        acks, events, cursor, after = reply["acks"], reply["events"], reply["cursor"], reply["after"]
        held = reply.get("files", [])  # absent in a reply from a county without attachment files
        if not (isinstance(acks, list) and isinstance(events, list) and isinstance(cursor, int)
                and isinstance(after, int) and isinstance(held, list)):
            raise TypeError("malformed reply")
        reference = reply.get("reference")  # the county's roster and populations (older replies: none)
        if reference is not None:
            check_reference(reference)
    except (ValueError, KeyError, TypeError) as exc:
        raise _tampered(f"its reply is unreadable: {exc}") from exc
    result = RoundResult()
    stamp = now or local_now()
    with write_transaction(db) as conn:
        sent = {r[0] for r in conn.execute("SELECT change_id FROM outbox WHERE acked_at IS NULL").fetchall()}
        apply_acks(conn, acks, sent, result, stamp)
        for event in events:
            before = conn.total_changes
            record_event(conn, event, stamp)
            result.events += conn.total_changes > before
        current = int(get_state(db, S_CURSOR) or 0)
        if after <= current:  # the reply covers every event from our cursor on: no gap
            set_state(conn, S_CURSOR, str(max(current, cursor)))
        if reference is not None:
            store_reference(conn, reference, received_at=stamp)
        set_state(conn, S_LAST_SYNC, stamp)  # an exchange with the county, as a network round is
        for sha256 in held:
            row = conn.execute("SELECT max(size) FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
            if row and row[0] is not None:
                mark_confirmed(conn, sha256, row[0], stamp)
                result.files_sent += 1
    result.pending = db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected_reason IS NULL"
                                ).fetchone()[0]
    result.files_pending, result.bytes_pending = waiting_summary(db)
    return result


# -- at the county -------------------------------------------------------------------------------

def county_import(store, path: Path, reply_path: Path, *, page: int = 1000) -> CountyImportResult:
    """Check a station bundle, apply it like POST /v1/changes and write the signed reply to `reply_path`.

    Every check (signature, station, hashes, readability) passes before anything is applied.
    """
    bundle = _Bundle(path)
    if bundle.kind != KIND_CHANGES:
        raise _wrong_kind(bundle, KIND_CHANGES)
    m = bundle.manifest
    station = m.get("station")
    if not isinstance(station, str) or m.get("from") != station or m.get("to") != COUNTY:
        raise _tampered("its sender is not a station")
    public_key, revoked = store.station_key(station)
    if public_key is None:
        raise BundleError(f"refused: station {station} is not enrolled at this county",
                          f"工作站 {station} 未在本县中心注册。", code="not_enrolled")
    bundle.verify(public_key)
    if revoked:
        raise BundleError(f"refused: station {station} was revoked by the county on {revoked}",
                          f"工作站 {station} 已被县中心撤销，拒绝导入。", code="revoked")
    county = store.key()
    if m.get("county_key_id") != county.key_id:
        raise BundleError("refused: this bundle is meant for another county server (another county key)",
                          "这个数据包是发给另一个县中心的（密钥不同），拒绝导入。", code="other_county")
    after = m.get("events_after")
    if not isinstance(after, int) or after < 0:
        raise _tampered("its event cursor is not a number")
    carried = bundle.files()
    batches = []
    for name in sorted(n for n in m["files"] if n.startswith("parts/")):
        try:
            batch = decode_json_gzip(bundle.part(name))
        except ValueError as exc:
            raise _tampered(f"{name} is unreadable: {exc}") from exc
        if not isinstance(batch, dict) or not isinstance(batch.get("changes"), list) or batch.get("station") != station:
            raise _tampered(f"{name} is not a change batch of station {station}")
        batches.append(batch["changes"])
    result = CountyImportResult(station)
    acks: list[dict[str, Any]] = []
    for changes in batches:  # each part is one transaction, as one network batch
        part_acks = store.apply_changes(station, changes)
        acks.extend(part_acks)
        result.changes += len(changes)
        for ack in part_acks:
            if ack["status"] == "accepted":
                result.accepted += 1
            elif ack["status"] == "duplicate":
                result.duplicates += 1
            else:
                result.rejected.append((ack["change_id"], ack["reason"]))
    held = []
    for sha256, _size in carried:  # after the parts: their manifests name the files
        try:
            with bundle.open_file(sha256) as stream:
                if store.files.store_stream(station, sha256, stream).status == "complete":
                    held.append(sha256)
        except _READ_ERRORS as exc:  # the seal makes this unlikely; the file is simply not held
            raise _tampered(f"file {sha256} is damaged: {exc}") from exc
    result.files = len(held)
    events: list[dict[str, Any]] = []
    cursor = after
    while True:
        found, cursor, more = store.events_after(station, cursor, page)
        events.extend(found)
        if not more or not found:
            break
    result.events = len(events)
    from sync.server.reference import reference_payload

    reply = encode_json_gzip({"acks": acks, "events": events, "cursor": cursor, "after": after, "files": held,
                              "reference": reference_payload(store)})
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_REPLY, "from": COUNTY,
                "to": station, "station": station, "station_key_id": key_id_of(public_key),
                "county_key_id": county.key_id, "created_at": _utc_now(), "answers": bundle.id,
                "change_count": len(acks), "event_count": len(events), "events_after": after, "cursor": cursor}
    _write_bundle(Path(reply_path), manifest, {REPLY_PART: reply}, county.sign)
    result.reply = Path(reply_path)
    return result


def _utc_now() -> str:
    from sync.server.storage import utc_now

    return utc_now()
