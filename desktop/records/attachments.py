"""Attachments: materials (scans, photos) linked to a record's checklist slot, signed at capture.

Attaching is two steps, in this order: the file goes into the vault (streamed,
hashed, durable; outside any transaction, since it may take seconds), then
ONE write transaction records the attachment row, the signer's public key
and the history and outbox entries. A crash between the two leaves an
unreferenced vault object, never a row without its file.

Each attachment has a manifest, the facts to prove later in canonical JSON
(`canonical_json`): which record and slot, the file's SHA-256 and size, its
name and type, when, by whom, at which station, with which key. The station
key signs the manifest's UTF-8 bytes (Ed25519); the signature is stored
base64 beside the manifest and both travel in the change log to the county.

Verification re-hashes the stored file, checks that the row still says what
the manifest says, and checks the signature with the public key recorded in
`station_keys` (whose SHA-256 must be the key id). Every result that differs
from the attachment's last one is recorded (`attachment_checks`), so whichever
check finds a tampered file, an open record's materials show it at once. What this proves locally is
that nothing changed since the signature, against the keys this database
knows; the county's enrolled copy of the station's public key is the anchor
that also rules out a forger who rewrites the database (see sync.identity).

Qt-free. The signer is any object with `key_id`, `public_key_bytes` and
`sign(bytes)` (sync.identity.StationKey in the application): this package
must not import `sync`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import itertools
import logging
import threading
from .sqlcipher import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Callable, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .canonical import canonical_json, local_now
from .db import write_transaction
from .ids import new_id, short_id
from .errors import RecordNotFound, StorageError, ValidationFailed, reason_of
from .i18n import QT_TRANSLATE_NOOP
from .store import TABLES, Store
from .validation import Issue
from .vault import StoredFile, Vault, safe_display_name

log = logging.getLogger(__name__)

# The application materials checklist (reference list "materials"; a test keeps them equal).
SLOTS = ("id_copy", "hardship_proof", "commitment", "case_material", "power_of_attorney",
         "notification_letter", "signed_form", "other")
ATTACHABLE = ("consultation", "application")
RECORD_TYPE = "attachment"  # in history and outbox
# Manifest key -> Attachment attribute it must equal.
MANIFEST_FIELDS = {"attachment_id": "id", "record_type": "record_type", "record_id": "record_id", "slot": "slot",
                   "sha256": "sha256", "size": "size", "original_name": "original_name",
                   "media_type": "media_type", "captured_at": "captured_at", "captured_by": "captured_by",
                   "key_id": "key_id"}

OK, TAMPERED, MISSING, UNSIGNED = "ok", "tampered", "missing", "unsigned"
STATUSES = (OK, TAMPERED, MISSING, UNSIGNED)
# Checks in the order they began, and per attachment the latest begun whose result is recorded (Attachments
# objects are made per worker connection, so this order is the program's).
_CHECKS_BEGUN = itertools.count(1)
REMEMBERED_CHECKS = 8192  # bounded after a check of every material of a large station
_LATEST_RECORDED: dict[str, int] = {}
_LATEST_RECORDED_GUARD = threading.RLock()  # (a view told of the commit may check again)


class Signer(Protocol):
    key_id: str
    public_key_bytes: bytes

    def sign(self, data: bytes) -> bytes: ...


@dataclass(frozen=True)
class Attachment:
    id: str
    record_type: str
    record_id: str
    slot: str
    sha256: str
    size: int
    media_type: str
    original_name: str
    captured_at: str
    captured_by: str
    manifest: dict[str, Any] = field(hash=False)
    signature: bytes | None
    key_id: str | None
    voided: bool
    void_reason: str | None

    def manifest_bytes(self) -> bytes:
        """The exact bytes the signature covers."""
        return canonical_json(self.manifest).encode("utf-8")


class Reason:
    """Why an attachment verified as it did (English, context "Attachments"; params fill the braces)."""

    OK = QT_TRANSLATE_NOOP("Attachments", "The file is exactly as captured and its signature is valid.")
    UNSIGNED = QT_TRANSLATE_NOOP("Attachments", "The file is unchanged since it was recorded, but it was captured without the station's signature, so its origin cannot be proven.")
    MISSING = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" is missing from the station's attachment folder. Restore the folder from a backup.")
    UNREADABLE = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" cannot be read from the station's attachment folder ({error}). Check the disk and the folder's permissions.")
    CONTENT_CHANGED = QT_TRANSLATE_NOOP("Attachments", "The file \"{name}\" has been changed since it was captured: its content no longer matches its fingerprint.")
    DETAILS_CHANGED = QT_TRANSLATE_NOOP("Attachments", "The details of \"{name}\" were changed after it was captured ({field} no longer matches the signed record).")
    BAD_SIGNATURE = QT_TRANSLATE_NOOP("Attachments", "The signature of \"{name}\" is not valid: its details were changed after capture, or it was signed with another key.")
    UNKNOWN_KEY = QT_TRANSLATE_NOOP("Attachments", "\"{name}\" was signed with a key this station does not know ({key}), so the signature cannot be checked.")
    SIGNATURE_MISSING = QT_TRANSLATE_NOOP("Attachments", "The signature of \"{name}\" has been removed or damaged.")


@dataclass(frozen=True)
class Verification:
    attachment: Attachment
    status: str  # "ok" | "tampered" | "missing" | "unsigned"
    reason: str
    params: dict[str, str] = field(default_factory=dict, hash=False)
    began: int = field(default=0, compare=False)  # when the check began, in this program's order (0: unknown)

    @property
    def ok(self) -> bool:
        return self.status == OK

    def text(self) -> str:
        return self.reason.format(**self.params)


VOIDED_RECORD = QT_TRANSLATE_NOOP("Validation", "This record is void; materials can no longer be added to it.")
VOID_REASON_REQUIRED = QT_TRANSLATE_NOOP("Validation", "Give the reason for voiding this attachment.")


class Attachments:
    """Attach, list, void and verify a station's attachments. Same threading rule as the Store."""

    def __init__(self, store: Store, vault: Vault, signer: Signer | None):
        self.store = store
        self.vault = vault
        self.signer = signer

    # -- capture ---------------------------------------------------------------------------

    def attach(self, record_type: str, record_id: str, slot: str, source: Path, *, user: str,
               original_name: str | None = None) -> Attachment:
        """Store the file at `source` and link it to the record's checklist `slot`, signed.

        Raises RecordNotFound, ValueError (unknown record type or slot),
        ImportRefused (the file: nothing stored, nothing recorded) or StorageError.
        """
        self._check_target(record_type, record_id, slot)
        name = safe_display_name(original_name if original_name is not None else Path(source).name)
        stored = self.vault.store_file(Path(source), name)
        return self.link_stored(record_type, record_id, slot, stored, name, user=user)

    def attach_stream(self, record_type: str, record_id: str, slot: str, stream: BinaryIO, original_name: str,
                      *, user: str) -> Attachment:
        """Like `attach`, from a stream (a pasted image, a scanner's output)."""
        self._check_target(record_type, record_id, slot)
        name = safe_display_name(original_name)
        stored = self.vault.store_stream(stream, name)
        return self.link_stored(record_type, record_id, slot, stored, name, user=user)

    def link_stored(self, record_type: str, record_id: str, slot: str, stored: StoredFile, original_name: str,
                    *, user: str) -> Attachment:
        """Record, signed, a file already in this vault: the second half of `attach`.

        For an import that stored its files in the vault itself, apart from any
        transaction (the demo's bulk import).
        Raises RecordNotFound, ValueError (unknown record type or slot, or a
        file that is not in the vault) or StorageError.
        """
        self._check_target(record_type, record_id, slot)
        if not self.vault.exists(stored.sha256):
            raise ValueError(f"{stored.sha256} is not in the vault at {self.vault.root}")
        return self._record(record_type, record_id, slot, stored, safe_display_name(original_name), user)

    def _check_target(self, record_type: str, record_id: str, slot: str) -> None:
        if record_type not in ATTACHABLE:
            raise ValueError(f"attachments belong to a consultation or an application, not {record_type!r}")
        if slot not in SLOTS:
            raise ValueError(f"unknown materials slot {slot!r}; known: {', '.join(SLOTS)}")
        found = self.store.db.execute(f"SELECT voided FROM {TABLES[record_type]} WHERE id = ?", (record_id,)).fetchone()
        if found is None:
            raise RecordNotFound(record_id)
        if found[0]:
            raise ValidationFailed([Issue("record_id", VOIDED_RECORD)])

    def _record(self, record_type: str, record_id: str, slot: str, stored: StoredFile, name: str,
                user: str) -> Attachment:
        store, signer = self.store, self.signer
        attachment_id = new_id()
        with write_transaction(store.db) as conn:
            # again inside the write lock: what is checked here is what the row links to
            if conn.execute(f"SELECT 1 FROM {TABLES[record_type]} WHERE id = ?", (record_id,)).fetchone() is None:
                raise RecordNotFound(record_id)
            now, lamport = store.stamp(conn)
            manifest = {"attachment_id": attachment_id, "record_type": record_type, "record_id": record_id,
                        "slot": slot, "sha256": stored.sha256, "size": stored.size, "original_name": name,
                        "media_type": stored.media_type, "captured_at": now, "captured_by": user,
                        "station": store.settings.station_code, "key_id": signer.key_id if signer else None}
            manifest_json = canonical_json(manifest)
            signature = signer.sign(manifest_json.encode("utf-8")) if signer else None
            signature_b64 = base64.b64encode(signature).decode("ascii") if signature is not None else None
            if signer is not None:
                conn.execute("INSERT INTO station_keys (key_id, public_key, created_at) VALUES (?, ?, ?) "
                             "ON CONFLICT(key_id) DO NOTHING", (signer.key_id, bytes(signer.public_key_bytes), now))
            conn.execute("INSERT INTO attachments (id, record_type, record_id, slot, sha256, size, media_type, "
                         "original_name, manifest, signature, key_id, created_at, created_by, lamport) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (attachment_id, record_type, record_id, slot, stored.sha256, stored.size,
                          stored.media_type, name, manifest_json, signature_b64, manifest["key_id"], now, user,
                          lamport))
            payload = {"manifest": manifest, "signature": signature_b64, "key_id": manifest["key_id"],
                       "public_key": (base64.b64encode(bytes(signer.public_key_bytes)).decode("ascii")
                                      if signer else None)}
            store.log_change(conn, RECORD_TYPE, attachment_id, 1, "create", payload, at=now, user=user, lamport=lamport)
        return Attachment(attachment_id, record_type, record_id, slot, stored.sha256, stored.size,
                          stored.media_type, name, now, user, manifest, signature, manifest["key_id"], False, None)

    def void(self, attachment_id: str, reason: str, *, user: str) -> None:
        """Mark an attachment void with a reason (wrong file, wrong slot). The file and the row stay.

        Voiding an attachment that is already void changes nothing.
        """
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed([Issue("void_reason", VOID_REASON_REQUIRED)])
        store = self.store
        with write_transaction(store.db) as conn:
            row = conn.execute("SELECT voided, manifest, signature, key_id FROM attachments WHERE id = ?",
                               (attachment_id,)).fetchone()
            if row is None:
                raise RecordNotFound(attachment_id)
            voided, manifest_json, signature_b64, key_id = row
            if voided:
                return
            now, lamport = store.stamp(conn)
            version = conn.execute("SELECT coalesce(max(version), 0) + 1 FROM history WHERE record_type = ? "
                                   "AND record_id = ?", (RECORD_TYPE, attachment_id)).fetchone()[0]
            conn.execute("UPDATE attachments SET voided = 1, void_reason = ?, lamport = ? WHERE id = ?",
                         (reason, lamport, attachment_id))
            payload = {"manifest": _parse_manifest(manifest_json), "signature": signature_b64, "key_id": key_id,
                       "voided": True}
            store.log_change(conn, RECORD_TYPE, attachment_id, version, "void", payload, at=now, user=user,
                             lamport=lamport, reason=reason)

    # -- reading ---------------------------------------------------------------------------

    _COLUMNS = ("id, record_type, record_id, slot, sha256, size, media_type, original_name, created_at, "
                "created_by, manifest, signature, key_id, voided, void_reason")

    def list_for(self, record_type: str, record_id: str, include_voided: bool = False) -> list[Attachment]:
        """The record's attachments in the order they were captured."""
        voided = "" if include_voided else " AND voided = 0"
        rows = self.store.db.execute(f"SELECT {self._COLUMNS} FROM attachments WHERE record_type = ? "
                                     f"AND record_id = ?{voided} ORDER BY rownum", (record_type, record_id))
        return [_attachment(row) for row in rows]

    def get(self, attachment_id: str) -> Attachment:
        row = self.store.db.execute(f"SELECT {self._COLUMNS} FROM attachments WHERE id = ?",
                                    (attachment_id,)).fetchone()
        if row is None:
            raise RecordNotFound(attachment_id)
        return _attachment(row)

    def all(self) -> list[Attachment]:
        """Every attachment, void ones included, in capture order."""
        return [_attachment(row) for row in
                self.store.db.execute(f"SELECT {self._COLUMNS} FROM attachments ORDER BY rownum")]

    def path_of(self, attachment: Attachment) -> Path:
        """Where the stored file is kept, sealed (read its plaintext with `read_bytes`, never from here)."""
        return self.vault.path_for(attachment.sha256)

    def read_bytes(self, attachment: Attachment) -> bytes:
        """The file's plaintext, decrypted in memory (a preview, a page to print); no copy is written.
        FileNotFoundError when it is missing, SealedError (a ValueError) when it was altered."""
        return self.vault.read_bytes(attachment.sha256)

    # -- verification -------------------------------------------------------------------------

    def verify(self, attachment: Attachment) -> Verification:
        """Check one attachment: details against the signed manifest, the signature, the stored file."""
        began = next(_CHECKS_BEGUN)
        found = self._check_signed_details(attachment)
        if found is None:
            found = self._check_file(attachment, self._hash(attachment.sha256))
        found = replace(found, began=began)
        self._record_checks([found])
        return found

    def verify_all(self, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> list[Verification]:
        """Verify every attachment (void ones too), in capture order.

        `progress(bytes_done, bytes_total)` is called after each attachment;
        bytes count the files to re-hash (a file linked twice is read once).
        When `cancelled()` turns true the attachments checked so far are returned.
        """
        attachments = self.all()
        total = sum({a.sha256: a.size for a in attachments}.values())
        done = 0
        hashes: dict[str, tuple[str | None, OSError | None]] = {}
        counted: set[str] = set()
        results: list[Verification] = []
        for attachment in attachments:
            if cancelled is not None and cancelled():
                break
            began = next(_CHECKS_BEGUN)
            found = self._check_signed_details(attachment)
            if found is None:
                if attachment.sha256 not in hashes:
                    hashes[attachment.sha256] = self._hash(attachment.sha256)
                found = self._check_file(attachment, hashes[attachment.sha256])
            found = replace(found, began=began)
            if attachment.sha256 not in counted:
                counted.add(attachment.sha256)
                done += attachment.size
            results.append(found)
            if progress is not None:
                progress(min(done, total), total)
        self._record_checks(results)
        return results

    def last_checks(self, attachments: list[Attachment]) -> dict[str, Verification]:
        """The last recorded verification of each of `attachments` (by id; absent: never checked)."""
        by_id = {a.id: a for a in attachments}
        found: dict[str, Verification] = {}
        for chunk in _chunks(list(by_id), 500):
            rows = self.store.db.execute(
                f"SELECT attachment_id, status, reason, params FROM attachment_checks WHERE attachment_id IN "
                f"({', '.join('?' * len(chunk))})", chunk)
            for attachment_id, status, reason, params in rows:  # (when the check began, if it was this program's)
                found[attachment_id] = Verification(by_id[attachment_id], status, reason, _parse_params(params),
                                                    began=_LATEST_RECORDED.get(attachment_id, 0))
        return found

    def _record_checks(self, results: list[Verification]) -> None:
        """Keep the results that differ from each attachment's last one (a repeated "ok" writes nothing), unless a
        check that began later has been recorded: a slow check that read the file before it was altered (or
        restored) never overwrites what a later check found. (Checks are ordered within this program; another
        program checking at the same moment, `python -m desktop verify`, is recorded as it ends.)

        A result that cannot be recorded (a busy or full disk) is still returned to whoever checked: the
        record of it is a convenience for other views, never a reason for a check to fail."""
        if not results:
            return
        try:
            with _LATEST_RECORDED_GUARD:
                results = [r for r in results if r.began >= _LATEST_RECORDED.get(r.attachment.id, 0)]
                last = self.last_checks([r.attachment for r in results])
                changed = [r for r in results if (r.attachment.id not in last or
                                                  (last[r.attachment.id].status, last[r.attachment.id].reason,
                                                   last[r.attachment.id].params) != (r.status, r.reason, r.params))]
                before = {r.attachment.id: _LATEST_RECORDED.get(r.attachment.id) for r in results}
                for r in results:  # known before the commit tells the views (they read it with the result)
                    _LATEST_RECORDED[r.attachment.id] = max(r.began, _LATEST_RECORDED.pop(r.attachment.id, 0))
                try:
                    if changed:
                        with write_transaction(self.store.db) as conn:
                            now = local_now()
                            conn.executemany(
                                "INSERT INTO attachment_checks (attachment_id, status, reason, params, checked_at) "
                                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(attachment_id) DO UPDATE SET "
                                "status = excluded.status, reason = excluded.reason, params = excluded.params, "
                                "checked_at = excluded.checked_at",
                                [(r.attachment.id, r.status, r.reason, canonical_json(r.params), now)
                                 for r in changed])
                except BaseException:
                    for attachment_id, order in before.items():  # not recorded: the earlier order stands
                        if order is None:
                            _LATEST_RECORDED.pop(attachment_id, None)
                        else:
                            _LATEST_RECORDED[attachment_id] = order
                    raise
                if len(_LATEST_RECORDED) > REMEMBERED_CHECKS:  # the newest half kept: older checks have all ended
                    newest = list(_LATEST_RECORDED.items())[-REMEMBERED_CHECKS // 2:]
                    _LATEST_RECORDED.clear()
                    _LATEST_RECORDED.update(newest)
        except (StorageError, sqlite3.Error) as exc:
            log.warning("verification results not recorded: %s", exc)

    def _hash(self, sha256: str) -> tuple[str | None, OSError | None]:
        try:
            return self.vault.hash_of(sha256), None
        except OSError as exc:
            return None, exc
        except ValueError:  # not a hash at all: _check_signed_details reports the row
            return None, None

    def _check_signed_details(self, a: Attachment) -> Verification | None:
        """The row agrees with its manifest, and the manifest's signature is valid (None when so)."""
        name = {"name": a.original_name}
        manifest = a.manifest
        for key, attribute in MANIFEST_FIELDS.items():
            if key not in manifest or manifest[key] != getattr(a, attribute):
                return Verification(a, TAMPERED, Reason.DETAILS_CHANGED, {**name, "field": key})
        if a.signature is None and a.key_id is None:
            return None  # unsigned: the file is still checked against its recorded hash
        if not a.signature or a.key_id is None:
            return Verification(a, TAMPERED, Reason.SIGNATURE_MISSING, name)
        row = self.store.db.execute("SELECT public_key FROM station_keys WHERE key_id = ?", (a.key_id,)).fetchone()
        if row is None or hashlib.sha256(bytes(row[0])).hexdigest() != a.key_id:
            return Verification(a, TAMPERED, Reason.UNKNOWN_KEY, {**name, "key": a.key_id[:16]})
        try:
            Ed25519PublicKey.from_public_bytes(bytes(row[0])).verify(a.signature, a.manifest_bytes())
        except (InvalidSignature, ValueError):
            return Verification(a, TAMPERED, Reason.BAD_SIGNATURE, name)
        return None

    @staticmethod
    def _check_file(a: Attachment, hashed: tuple[str | None, OSError | None]) -> Verification:
        actual, error = hashed
        name = {"name": a.original_name}
        if error is not None:
            return Verification(a, MISSING, Reason.UNREADABLE, {**name, "error": reason_of(error)})  # (not strerror)
        if actual is None:
            return Verification(a, MISSING, Reason.MISSING, name)
        if actual != a.sha256:
            return Verification(a, TAMPERED, Reason.CONTENT_CHANGED, name)
        if a.signature is None:
            return Verification(a, UNSIGNED, Reason.UNSIGNED, name)
        return Verification(a, OK, Reason.OK, name)


def replay_attachment(conn: sqlite3.Connection, change: dict[str, Any]) -> None:
    """Put back an attachment's row (and the public key that signed it) from one of this station's own
    changes, as it was made (recovering from the county); its history and outbox entry are Store.replay's."""
    data = change["data"]
    manifest = data.get("manifest") or {}
    if change["action"] == "void":
        conn.execute("UPDATE attachments SET voided = 1, void_reason = ?, lamport = max(lamport, ?) WHERE id = ?",
                     (change.get("reason"), change["lamport"], change["record_id"]))
        return
    if data.get("public_key") and data.get("key_id"):
        conn.execute("INSERT INTO station_keys (key_id, public_key, created_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(key_id) DO NOTHING",
                     (data["key_id"], base64.b64decode(data["public_key"]), manifest.get("captured_at", change["at"])))
    conn.execute("INSERT INTO attachments (id, record_type, record_id, slot, sha256, size, media_type, original_name, "
                 "manifest, signature, key_id, created_at, created_by, lamport) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                 (change["record_id"], manifest.get("record_type"), manifest.get("record_id"), manifest.get("slot"),
                  manifest.get("sha256"), manifest.get("size"), manifest.get("media_type"),
                  manifest.get("original_name"), canonical_json(manifest), data.get("signature"), data.get("key_id"),
                  manifest.get("captured_at", change["at"]), manifest.get("captured_by", change["by"]),
                  change["lamport"]))


def owner_label(store: Store, attachment: Attachment) -> str:
    """Which record an attachment belongs to, as the clerk finds it: the application number or the name."""
    try:
        record = store.get(attachment.record_type, attachment.record_id)
    except (RecordNotFound, sqlite3.Error):
        return short_id(attachment.record_id)
    return record.number or record.data.get("name") or short_id(record.id)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _parse_params(text: str | None) -> dict[str, str]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _parse_manifest(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _attachment(row: sqlite3.Row | tuple) -> Attachment:
    (id_, record_type, record_id, slot, sha256, size, media_type, original_name, created_at, created_by,
     manifest_json, signature_b64, key_id, voided, void_reason) = row
    signature = None
    if signature_b64 is not None:
        try:
            signature = base64.b64decode(signature_b64, validate=True)
        except (binascii.Error, ValueError):
            signature = b""  # damaged: verification reports it
    return Attachment(id_, record_type, record_id, slot, sha256, size, media_type, original_name, created_at,
                      created_by, _parse_manifest(manifest_json), signature, key_id, bool(voided), void_reason)
