"""The USB bundle file (Qt-free): one sealed zip, written and read as streams. The exchange that uses
it - what a station exports and how it applies the county's reply - is sync/bundle.py; what the county
imports and answers is sync/server/bundle_import.py.

A bundle is ONE zip file (members stored, not re-compressed: the parts are gzip already). Every member but
the manifest and its signature is sealed to the bundle's recipient (sync/sealed.py): a station's bundle
to the county's encryption key (its certificate pinned at enrollment), the county's reply to the station's
key (named in the station's signed manifest), so a lost USB stick gives nothing away. The manifest holds
no personal data: codes, key ids, counts, times, and each member's plaintext SHA-256 and size.

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
                       "cursor": N, "after": M, "held": [{"sha256", "size"}, ...], "reference": REFERENCE}) - the acks of
                       POST /v1/changes, the events of GET /v1/events, the carried files the county now
                       holds and the reference data of GET /v1/reference (lawyer roster, populations)

Bundles are written and read as streams (a bundle with 500 MB of scans never sits in memory): the
members go into a temporary file, the manifest and its signature last, then the seal is computed by
reading the file back and written over the comment's placeholder.

manifest = {"format": "legal-aid-sync-bundle", "format_version": 2, "kind": "changes" | "reply",
            "from": station code | "county", "to": "county" | station code,
            "station": CODE, "station_key_id", "county_key_id", "created_at" (the writer's clock, shown only),
            "lamport": [min, max] | null, "change_count", "events_after" (the station's pull cursor),
            "files": {member name: {"sha256", "bytes"}} (of the plaintext), "sealing": {"scheme", "to" (the
            recipient's key id), "ephemeral"}, in a station bundle "station_agreement_key" (the station's X25519
            key, which the reply is sealed to), and in a reply also "answers" (the manifest SHA-256 of the
            station bundle it answers), "event_count", "cursor"}

Version 1 bundles (the program before sealing) are refused at both ends with a message to update the
program that wrote them: a plaintext bundle is exactly what a lost stick must not hold, and both ends of
the exchange are updated together (the county first; a station gets the county's encryption certificate
with its next sync or certificates file).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import uuid
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from desktop.records.canonical import canonical_json
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.errors import SyncError
from sync.identity import verify_signature
from sync.limits import (MAX_ATTACHMENT_BYTES, MAX_BATCH_BODY_BYTES, MAX_BUNDLE_DIRECTORY_BYTES, MAX_BUNDLE_FILES,
                         MAX_BUNDLE_MANIFEST_BYTES, MAX_BUNDLE_MEMBERS, MAX_BUNDLE_PARTS, MAX_REPLY_JSON_BYTES,
                         ShapeError, check_json_shape)
from sync.protocol import b64, unb64
from sync.sealed import Envelope, OpenedStream, SealedError, open_bytes, seal_bytes, seal_chunks, sealed_size

FORMAT = "legal-aid-sync-bundle"
FORMAT_VERSION = 2
PLAINTEXT_VERSION = 1  # the program before sealed bundles
KIND_CHANGES, KIND_REPLY = "changes", "reply"
COUNTY = "county"
MANIFEST, SIGNATURE, REPLY_PART = "manifest.json", "signature", "reply.json.gz"
MAX_MANIFEST_BYTES = MAX_BUNDLE_MANIFEST_BYTES
MAX_PART_BYTES = MAX_BATCH_BODY_BYTES  # a station's change batch, compressed: as over the network
MAX_REPLY_PART_BYTES = 256 * 1024 * 1024  # the county's reply, compressed (every ack and event of a bundle)
MAX_REPLY_JSON = MAX_REPLY_JSON_BYTES  # decompressed
FILES_PREFIX = "files/"
READ_CHUNK = 1024 * 1024
SEAL_BYTES = 88  # base64 of a 64-byte Ed25519 signature: the zip comment, last in the file
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, KeyError, SealedError)


CANCELLED = QT_TRANSLATE_NOOP("Sync", "Export cancelled.")
UNREADABLE = QT_TRANSLATE_NOOP("Sync", "Cannot read the file {path}.")
NOT_A_BUNDLE = QT_TRANSLATE_NOOP("Sync", "{name} is not a sync bundle (the wrong kind of file, or damaged).")
NO_MANIFEST = QT_TRANSLATE_NOOP("Sync", "{name} is not a sync bundle (it has no manifest or signature).")
UNKNOWN_FORMAT = QT_TRANSLATE_NOOP("Sync", "{name} is not a sync bundle (unknown format).")
PLAINTEXT = QT_TRANSLATE_NOOP("Sync", "This bundle was written by an older version of the program, which does not "
                                      "encrypt bundles, so it was not imported. Update the program that wrote it "
                                      "(at the station or at the county), then export the bundle again.")
OTHER_VERSION = QT_TRANSLATE_NOOP("Sync", "The bundle's format version does not match this program's; upgrade the "
                                          "programs at both ends to the same version.")
REPLY_AT_COUNTY = QT_TRANSLATE_NOOP("Sync", "This is the county's reply bundle for a station; import it at the "
                                            "station.")
BUNDLE_AT_STATION = QT_TRANSLATE_NOOP("Sync", "This is a station's bundle for the county, not the county's reply "
                                              "bundle. Take it to the county to import.")
TAMPERED = QT_TRANSLATE_NOOP("Sync", "The bundle was altered or damaged (its signature or hash does not match) and "
                                     "was not imported. Export it again.")


class BundleError(SyncError):
    """A bundle refused or not written; `code` for programs, `message` + `params` for the clerk (as a SyncError)."""

    def __init__(self, message: str, params: dict[str, Any] | None = None, *, code: str = "refused",
                 detail: str | None = None):
        super().__init__(message, params, code=code, detail=detail)


# -- writing and reading -------------------------------------------------------------------------------------

def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def seal(body: bytes, sign) -> bytes:
    """`body` (a zip whose comment is the last SEAL_BYTES bytes) with the signature of its SHA-256 as that comment."""
    signature = b64(sign(_sha256(body).encode("ascii"))).encode("ascii")
    assert len(signature) == SEAL_BYTES
    return body + signature


def write_bundle(path: Path, manifest: dict[str, Any], parts: dict[str, bytes], sign, *, recipient: bytes,
                  files: list[tuple[str, int, Path | Callable[[], BinaryIO]]] = (), progress=None,
                  cancelled=None) -> list[str]:
    """parts, attachment files (sha256, size, source: a path, or a function that opens the plaintext, for a file
    kept sealed), each sealed to `recipient` (a raw X25519 public key),
    then manifest + signature, streamed into a temp file beside `path`, sealed, fsynced, then put in place.
    Returns the files left out because their bytes no longer match their hash.
    BundleError(code="cancelled") when `cancelled()` turns true."""
    path = Path(path)
    envelope = Envelope.sealed_to(recipient)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    listed = {name: {"sha256": _sha256(data), "bytes": len(data)} for name, data in parts.items()}
    damaged: list[str] = []
    total, done = sum(size for _, size, _ in files), 0
    try:
        with open(tmp, "w+b") as raw:
            with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
                for name, data in parts.items():
                    z.writestr(name, seal_bytes(envelope.key_for(name), data))
                for sha256, size, source in files:
                    if cancelled and cancelled():
                        raise BundleError(CANCELLED, code="cancelled", detail="export cancelled")
                    name = f"{FILES_PREFIX}{sha256}"
                    if _copy_member(z, name, size, source, sha256, envelope.key_for(name)):
                        listed[name] = {"sha256": sha256, "bytes": size}
                    else:
                        damaged.append(sha256)
                    done += size
                    if progress:
                        progress(done, total)
                manifest_bytes = canonical_json(dict(manifest, files=listed, sealing=envelope.header())).encode("utf-8")
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


def _copy_member(z: zipfile.ZipFile, name: str, size: int, source: Path | Callable[[], BinaryIO], sha256: str,
                 key: bytes) -> bool:
    """Stream `source` sealed with `key` into the zip as `name`; False (and the member left unlisted) when its
    hash is not `sha256` or it does not open."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.file_size = sealed_size(size)
    digest = hashlib.sha256()
    try:
        with (source() if callable(source) else open(source, "rb")) as f, z.open(info, "w") as out:
            def read(n: int) -> bytes:
                block = f.read(n)
                digest.update(block)
                return block

            for chunk in seal_chunks(key, read):
                out.write(chunk)
    except (OSError, SealedError):
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


class BundleFile:
    """A bundle file read and structurally checked; the signature is checked by `verify`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.size = self.path.stat().st_size
            with open(self.path, "rb") as f:
                members, directory = _directory_of(f, self.size)
            if members > MAX_BUNDLE_MEMBERS or directory > MAX_BUNDLE_DIRECTORY_BYTES:  # before zipfile reads it all
                raise self._not_a_bundle(NOT_A_BUNDLE, f"its zip directory lists {members} members in {directory} "
                                                       f"bytes (a bundle has at most {MAX_BUNDLE_MEMBERS})")
            self.zip = zipfile.ZipFile(self.path)
        except OSError as exc:
            raise BundleError(UNREADABLE, {"path": path}, code="unreadable",
                              detail=f"cannot read {path}: {exc.strerror or exc}") from exc
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise self._not_a_bundle(NOT_A_BUNDLE, "not a bundle file, or damaged") from exc
        try:
            names = set(self.zip.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise self._not_a_bundle(NOT_A_BUNDLE, "not a bundle file, or damaged") from exc
        if MANIFEST not in names or SIGNATURE not in names:
            raise self._not_a_bundle(NO_MANIFEST, "no manifest or signature")
        try:
            self.manifest_bytes = self._member(MANIFEST, MAX_MANIFEST_BYTES)
            self.manifest = json.loads(self.manifest_bytes.decode("utf-8"))
            check_json_shape(self.manifest, max_depth=6, max_items=MAX_BUNDLE_PARTS + MAX_BUNDLE_FILES + 1,
                             max_string=1000)
            self.signature = unb64(self._member(SIGNATURE, 1024).decode("ascii").strip())
        except (ShapeError, RecursionError) as exc:
            raise tampered(f"its manifest is beyond the limits ({exc})") from exc
        except (ValueError, UnicodeDecodeError, *READ_ERRORS) as exc:
            raise tampered("its manifest or signature is damaged") from exc
        m = self.manifest
        if not isinstance(m, dict) or m.get("format") != FORMAT:
            raise self._not_a_bundle(UNKNOWN_FORMAT, "unknown format")
        if m.get("format_version") == PLAINTEXT_VERSION:
            raise BundleError(PLAINTEXT, code="plaintext",
                              detail="refused: a bundle of format version 1 is not encrypted; update the program "
                                     "that wrote it")
        if m.get("format_version") != FORMAT_VERSION:
            raise BundleError(OTHER_VERSION, code="version",
                              detail=f"bundle format version {m.get('format_version')} is not supported "
                                     f"(this program reads version {FORMAT_VERSION})")
        if not isinstance(m.get("files"), dict):
            raise tampered("its manifest lists no files")
        if not isinstance(m.get("sealing"), dict):
            raise tampered("its manifest does not say how it is sealed")
        self._envelope: Envelope | None = None
        parts = sum(1 for name in m["files"] if name.startswith("parts/"))
        if parts > MAX_BUNDLE_PARTS or len(m["files"]) - parts > MAX_BUNDLE_FILES + 1:
            raise tampered(f"it lists more than {MAX_BUNDLE_PARTS} parts or {MAX_BUNDLE_FILES} files")
        self.id = _sha256(self.manifest_bytes)

    def _not_a_bundle(self, message: str, why: str) -> BundleError:
        return BundleError(message, {"name": self.path.name}, code="not_a_bundle",
                           detail=f"{self.path.name} is not a sync bundle ({why})")

    def _member(self, name: str, limit: int) -> bytes:
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise tampered(f"member {name} is too large")
        return self.zip.read(name)

    @property
    def kind(self) -> Any:
        return self.manifest.get("kind")

    @property
    def sealed_to(self) -> Any:
        """The key id of the X25519 key its members are sealed to (compare before `unseal`)."""
        return self.manifest["sealing"].get("to")

    def unseal(self, key) -> None:
        """Open the members with `key` (a StationKey, or the county's): after `verify` and the recipient checks."""
        try:
            self._envelope = Envelope.opened(self.manifest["sealing"], key.agreement_public_key, key.agree)
        except SealedError as exc:
            raise tampered(f"it cannot be unsealed: {exc}") from exc

    def _key_for(self, name: str) -> bytes:
        if self._envelope is None:
            raise RuntimeError("unseal the bundle before reading its members")
        return self._envelope.key_for(name)

    def verify(self, public_key: bytes) -> None:
        """The seal over every byte of the file, then the manifest's own signature."""
        try:
            with open(self.path, "rb") as f:
                digest = _hash_stream(f, self.size - SEAL_BYTES)
                sealed = unb64(f.read(SEAL_BYTES).decode("ascii"))
        except (ValueError, UnicodeDecodeError, OSError):
            sealed, digest = b"", ""
        if not verify_signature(public_key, sealed, digest.encode("ascii")):
            raise tampered("its signature does not verify: the file was changed after it was signed")
        if not verify_signature(public_key, self.signature, self.manifest_bytes):
            raise tampered("its signature does not verify")

    def part(self, name: str, limit: int = MAX_PART_BYTES) -> bytes:
        """A member listed in the (verified) manifest, at most `limit` bytes, checked against its hash."""
        expected = self.manifest["files"].get(name)
        if not isinstance(expected, dict):
            raise tampered(f"{name} is not listed in its manifest")
        try:
            data = open_bytes(self._key_for(name), self._member(name, sealed_size(limit)))
        except SealedError as exc:
            raise tampered(f"{name} was altered: {exc}") from exc
        except READ_ERRORS as exc:
            raise tampered(f"{name} is missing or damaged") from exc
        if _sha256(data) != expected.get("sha256"):
            raise tampered(f"the hash of {name} does not match its manifest")
        return data


    def files(self) -> list[tuple[str, int]]:
        """The attachment files the (verified) manifest lists: (sha256, bytes)."""
        found = []
        for name, meta in self.manifest["files"].items():
            if name.startswith(FILES_PREFIX) and isinstance(meta, dict):
                sha256 = name[len(FILES_PREFIX):]
                if meta.get("sha256") != sha256 or type(meta.get("bytes")) is not int:
                    raise tampered(f"{name} is listed with another hash")
                if not 0 < meta["bytes"] <= MAX_ATTACHMENT_BYTES:
                    raise tampered(f"{name} is listed with {meta['bytes']} bytes (at most {MAX_ATTACHMENT_BYTES})")
                found.append((sha256, meta["bytes"]))
        return sorted(found)

    def open_file(self, sha256: str) -> OpenedStream:
        """A stream of an attachment file member, unsealed chunk by chunk (SealedError at an altered chunk; its
        hash is checked by whoever stores it)."""
        name = f"{FILES_PREFIX}{sha256}"
        try:
            return OpenedStream(self._key_for(name), self.zip.open(name))
        except READ_ERRORS as exc:
            raise tampered(f"file {sha256} is missing or damaged") from exc


_END, _END64_LOCATOR, _END64 = b"PK\x05\x06", b"PK\x06\x07", b"PK\x06\x06"  # zip record signatures
_END_BYTES, _END64_LOCATOR_BYTES, _END64_BYTES = 22, 20, 56


def _directory_of(f: BinaryIO, size: int) -> tuple[int, int]:
    """(members, bytes) of a zip's central directory as its end record says (its zip64 record's when it has one),
    found where zipfile looks for it, so that the directory is bounded before zipfile reads it whole. (0, 0) when
    there is no end record: zipfile then refuses the file as no zip."""
    record, at = b"", size - _END_BYTES
    if size >= _END_BYTES:
        f.seek(at)
        record = f.read(_END_BYTES)
    if not (record[:4] == _END and record[-2:] == b"\0\0"):  # not at the very end: a comment follows it
        start = max(size - _END_BYTES - (1 << 16), 0)
        f.seek(start)
        tail = f.read()
        found = tail.rfind(_END)
        if found < 0 or len(tail) - found < _END_BYTES:
            return 0, 0
        record, at = tail[found:found + _END_BYTES], start + found
    members, directory = struct.unpack("<HI", record[10:16])
    if at >= _END64_LOCATOR_BYTES + _END64_BYTES:
        f.seek(at - _END64_LOCATOR_BYTES)
        if f.read(4) == _END64_LOCATOR:
            f.seek(at - _END64_LOCATOR_BYTES - _END64_BYTES)
            zip64 = f.read(_END64_BYTES)
            if zip64[:4] == _END64:
                members, directory = struct.unpack("<QQ", zip64[32:48])
    return members, directory


def wrong_kind(bundle: BundleFile, expected: str) -> BundleError:
    """The refusal of a bundle brought to the wrong end: a reply at the county, a station's bundle at a station."""
    if expected == KIND_CHANGES:
        return BundleError(REPLY_AT_COUNTY, code="wrong_kind",
                           detail=f"refused: {bundle.path.name} is a county reply for station "
                                  f"{bundle.manifest.get('to')}; import it at the station (python -m desktop "
                                  "import-bundle)")
    return BundleError(BUNDLE_AT_STATION, code="wrong_kind",
                       detail=f"refused: {bundle.path.name} is a station's bundle for the county, not a county reply; "
                              "take it to the county (python -m sync.server import-bundle)")


def tampered(why: str) -> BundleError:
    return BundleError(TAMPERED, code="tampered", detail=f"refused: the bundle was altered or damaged ({why})")

