"""Offline bundles at the station: the sync protocol carried on a USB stick instead of over HTTP (Qt-free).

What a station exports (`export_bundle`) and how it applies the county's answer (`import_reply`); the
file itself (members, manifest, seal) is sync/bundle_file.py, what the county imports and answers is
sync/server/bundle_import.py.

A station bundle is sealed to the county's encryption key (pinned with the station's certificates; a
station without it is told how to get it) and signed (manifest and seal) with the station key, and carries every pending change
(and the material files the county does not hold); the county applies it with the very function
behind POST /v1/changes, so importing the same bundle twice only gives "duplicate" acks. Its reply is
signed with the county key and carries the acks and every event for that station after the cursor the
station sent; the station checks it with the pinned county certificate, refuses one meant for another
station, and applies it with the same `apply_acks` and `record_event` as a network round. Bundles and
network sync mix freely: both ends are idempotent by change_id + sha256 and by event seq / event_id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.records import audit
from desktop.records.canonical import local_now
from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.bundle_file import (
    COUNTY,
    FORMAT,
    FORMAT_VERSION,
    KIND_CHANGES,
    KIND_REPLY,
    MAX_REPLY_JSON,
    MAX_REPLY_PART_BYTES,
    REPLY_PART,
    BundleError,
    BundleFile,
    tampered,
    write_bundle,
    wrong_kind,
)
from sync.county_documents import documents_from_bundle
from sync.events import record_event
from sync.identity import StationKey
from sync.outbox import apply_acks, pending_changes, unacknowledged_ids
from sync.audit_head import audit_claim, remember_answer
from sync.escrow import pending_escrow, remember_kept
from sync.errors import SyncError
from sync.protocol import BATCH_SIZE, b64, batch_cut, change_entry, decode_json_gzip, encode_json_gzip
from sync.sealed import key_id_of as sealed_key_id
from sync.reference import check_reference, store_reference
from sync.state import S_CURSOR, S_LAST_SYNC, S_REPLIES_IMPORTED, get_state, revoked_at, set_state
from sync.status import RoundResult
from sync.trust import Pinned, pinned
from sync.uploads import mark_held, waiting_files

if TYPE_CHECKING:
    from desktop.records.vault import Vault

__all__ = ["BundleError", "ExportResult", "check_can_export", "export_bundle", "import_reply"]

NOT_ENROLLED = QT_TRANSLATE_NOOP("Sync", "This station is not enrolled with the county yet, so it cannot exchange "
                                         "bundles. Enroll it first.")
CERTIFICATE_DAMAGED = QT_TRANSLATE_NOOP("Sync", "The county certificate kept on this computer is damaged; contact the "
                                                "county to enroll again.")
REVOKED = QT_TRANSLATE_NOOP("Sync", "The county has revoked this station; it can no longer export bundles. Contact "
                                    "the county legal-aid center.")
FOR_OTHER_STATION = QT_TRANSLATE_NOOP("Sync", "This reply bundle is meant for station {to}; this station is "
                                              "{station}. It was not imported.")
NO_COUNTY_ENCRYPTION = QT_TRANSLATE_NOOP("Sync", "This station does not have the county's encryption certificate yet, "
                                                 "so it cannot write an encrypted bundle. Sync once over the network, "
                                                 "or ask the county for this station's certificates file and import "
                                                 "it in Settings (Import county's enrollment answer), then export "
                                                 "again.")
FOR_OTHER_KEY = QT_TRANSLATE_NOOP("Sync", "This reply bundle is meant for another computer enrolled earlier for this "
                                          "station (a different key). It was not imported.")


@dataclass
class ExportResult:
    path: Path
    changes: int
    lamport: tuple[int, int] | None
    events_after: int
    files: int = 0  # attachment files carried
    file_bytes: int = 0
    damaged: list[str] = field(default_factory=list)  # vault files left out: their bytes no longer match their hash


def _enrolled_keys(db) -> Pinned:
    try:
        trust = pinned(db)
    except SyncError as exc:
        raise BundleError(CERTIFICATE_DAMAGED, code="not_enrolled",
                          detail=f"refused: the pinned county certificate is damaged ({exc})") from exc
    if trust is None:
        raise BundleError(NOT_ENROLLED, code="not_enrolled",
                          detail="refused: this station is not enrolled with the county yet")
    return trust


def check_can_export(db) -> Pinned:
    """What this station pinned; BundleError when it may not export (not enrolled, revoked).
    The window asks this before the file dialog, so the clerk is not asked where to write for nothing."""
    if revoked_at(db):
        raise BundleError(REVOKED, code="revoked", detail="refused: the county has revoked this station")
    return _enrolled_keys(db)


def export_bundle(db, key: StationKey, station_code: str, path: Path, *, batch_size: int = BATCH_SIZE,
                  now: str | None = None, vault: "Vault | None" = None, progress=None,
                  cancelled=None, user: str = audit.COMMAND_LINE) -> ExportResult:
    """Write every change not yet acknowledged (and not quarantined) into one signed bundle at `path`,
    with the attachment files the county does not hold yet when `vault` is given (their plaintext, read
    through the vault and sealed to the county in the bundle).

    Nothing is marked: the changes and files stay pending until the county's reply comes back (reply
    bundle or network), exactly as after a network push whose answer was lost. `progress(bytes, total)`
    follows the files; `cancelled()` stops between files (BundleError code "cancelled", nothing written).
    The export by `user` is an entry of the audit trail.
    """
    trust = check_can_export(db)
    if trust.county_encryption_key is None:
        raise BundleError(NO_COUNTY_ENCRYPTION, code="no_encryption_key",
                          detail="refused: the county's encryption certificate is not pinned yet (sync over the "
                                 "network once, or import the county's certificates file)")
    rows = pending_changes(db)
    parts: dict[str, bytes] = {}
    i = 0
    while i < len(rows):  # cut as a network round cuts its batches: by count and by bytes (sync/limits.py)
        chunk = rows[i:i + batch_size]
        chunk = chunk[:batch_cut([r[1] for r in chunk])]
        parts[f"parts/{len(parts) + 1:04d}.json.gz"] = encode_json_gzip(
            {"station": station_code, "changes": [change_entry(cid, payload, digest) for cid, payload, digest, _ in chunk]})
        i += len(chunk)
    lamport = (min(r[3] for r in rows), max(r[3] for r in rows)) if rows else None
    cursor = int(get_state(db, S_CURSOR) or 0)
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_CHANGES, "from": station_code,
                "to": COUNTY, "station": station_code, "station_key_id": key.key_id,
                "county_key_id": trust.county_key_id, "created_at": now or local_now(),
                "lamport": list(lamport) if lamport else None, "change_count": len(rows), "events_after": cursor,
                "station_agreement_key": b64(key.agreement_public_key),  # the county seals its reply to it
                "audit": audit_claim(db)}  # the head of the audit log, as a network round sends it
    escrow = pending_escrow(db)
    if escrow is not None:  # the station head's escrow choice, as a network round carries it
        manifest["escrow"] = escrow
    files = [(f.sha256, f.size, partial(vault.open, f.sha256))
             for f in waiting_files(db)] if vault is not None else []
    manifest["file_count"] = len(files)
    damaged = write_bundle(Path(path), manifest, parts, key.sign, recipient=trust.county_encryption_key, files=files,
                           progress=progress, cancelled=cancelled)
    carried = [f for f in files if f[0] not in damaged]
    audit.record(db, user, audit.EXPORTED, "sync_bundle", Path(path).name)
    return ExportResult(Path(path), len(rows), lamport, cursor, len(carried), sum(f[1] for f in carried), damaged)


def import_reply(db, key: StationKey, station_code: str, path: Path, *, now: str | None = None,
                 vault: "Vault | None" = None) -> RoundResult:
    """Apply a county reply bundle exactly as a network round applies acks and pulled events; with `vault`
    (the vault's objects), keep the documents the county issued with them (sync/county_documents.py).

    Returns a RoundResult (pushed = 0; what still waits counted as after a round). Raises BundleError
    when refused; then nothing was changed.
    """
    county_key = _enrolled_keys(db).county_key
    bundle = BundleFile(path)
    if bundle.kind != KIND_REPLY:
        raise wrong_kind(bundle, KIND_REPLY)
    bundle.verify(county_key)
    m = bundle.manifest
    if m.get("to") != station_code or m.get("station") != station_code:
        raise BundleError(FOR_OTHER_STATION, {"to": m.get("to"), "station": station_code}, code="other_station",
                          detail=f"refused: this reply is meant for station {m.get('to')}, this station is "
                                 f"{station_code}")
    if m.get("station_key_id") != key.key_id or bundle.sealed_to != sealed_key_id(key.agreement_public_key):
        raise BundleError(FOR_OTHER_KEY, code="other_station",
                          detail="refused: this reply is meant for another key of this station (an earlier enrollment)")
    bundle.unseal(key)
    try:
        reply = decode_json_gzip(bundle.part(REPLY_PART, MAX_REPLY_PART_BYTES), MAX_REPLY_JSON,
                                 shape=False)  # signed by the county
        acks, events, cursor, after = reply["acks"], reply["events"], reply["cursor"], reply["after"]
        held = reply.get("held", [])  # by hash and size; an older county's bare "files" hashes mark nothing
        if not (isinstance(acks, list) and isinstance(events, list) and isinstance(cursor, int)
                and isinstance(after, int) and isinstance(held, list)):
            raise TypeError("malformed reply")
        reference = reply.get("reference")  # the county's roster and populations (older replies: none)
        if reference is not None:
            check_reference(reference)
    except (ValueError, KeyError, TypeError) as exc:
        raise tampered(f"its reply is unreadable: {exc}") from exc
    result = RoundResult()
    stamp = now or local_now()
    seen = json.loads(get_state(db, S_REPLIES_IMPORTED) or "[]")
    result.already_imported = bundle.id in seen  # applied again all the same: it changes nothing
    with write_transaction(db) as conn:
        set_state(conn, S_REPLIES_IMPORTED, json.dumps(([bundle.id] + [i for i in seen if i != bundle.id])[:50]))
        result.count(apply_acks(conn, acks, unacknowledged_ids(conn), stamp))
        for event in events:
            result.count_event(event.get("kind"), record_event(conn, event, stamp))
        current = int(get_state(conn, S_CURSOR) or 0)
        if after <= current:  # the reply covers every event from our cursor on: no gap
            set_state(conn, S_CURSOR, str(max(current, cursor)))
        if reference is not None:
            store_reference(conn, reference, received_at=stamp)
        remember_answer(conn, reply.get("audit"))  # the audit head the county saw (older counties: none)
        remember_kept(conn, reply.get("escrow"))  # the escrow slot the county kept (none asked: None)
        set_state(conn, S_LAST_SYNC, stamp)  # an exchange with the county, as a network round is
        result.files_sent, result.bytes_sent = mark_held(conn, held, stamp)
    trust = pinned(db)
    if vault is not None and trust is not None and trust.root is not None:
        result.documents = documents_from_bundle(db, dict(bundle.files()), bundle.open_file, vault,
                                                 [trust.root], lambda: stamp)
    result.count_waiting(db)
    return result
