"""Offline bundles: the sync protocol carried on a USB stick instead of over HTTP (Qt-free).

What a station exports (`export_bundle`), what the county imports and answers (`county_import`) and
how the station applies the answer (`import_reply`); the file itself (members, manifest, seal) is
described in sync/bundle_file.py.

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

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.records.canonical import local_now
from sync.bundle_file import (
    _READ_ERRORS,
    COUNTY,
    FORMAT,
    FORMAT_VERSION,
    KIND_CHANGES,
    KIND_REPLY,
    MAX_REPLY_JSON,
    REPLY_PART,
    BundleError,
    BundleFile,
    tampered,
    write_bundle,
)

S_REPLIES_IMPORTED = "replies_imported"  # sync_state: ids of the last 50 reply bundles imported, newest first

__all__ = ["BundleError", "CountyImportResult", "ExportResult", "county_import", "export_bundle", "import_reply"]
from sync.identity import StationKey, key_id_of
from sync.protocol import (
    BATCH_SIZE,
    change_entry,
    decode_json_gzip,
    encode_json_gzip,
    verify_county_certificate,
)


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



def _wrong_kind(bundle: BundleFile, expected: str) -> BundleError:
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


def check_can_export(db) -> dict[str, Any]:
    """The pinned county certificate; BundleError when this station may not export (not enrolled, revoked).
    The window asks this before the file dialog, so the clerk is not asked where to write for nothing."""
    from sync.client import revoked_at

    if revoked_at(db):
        raise BundleError("refused: the county has revoked this station",
                          "本工作站已被县中心撤销，不能再导出数据包。请联系县法律援助中心。", code="revoked")
    return _enrolled_keys(db)[1]


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

    county_cert = check_can_export(db)
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
    damaged = write_bundle(Path(path), manifest, parts, key.sign, files=files, progress=progress,
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
    bundle = BundleFile(path)
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
        raise tampered(f"its reply is unreadable: {exc}") from exc
    result = RoundResult()
    stamp = now or local_now()
    seen = json.loads(get_state(db, S_REPLIES_IMPORTED) or "[]")
    result.already_imported = bundle.id in seen  # applied again all the same: it changes nothing
    with write_transaction(db) as conn:
        set_state(conn, S_REPLIES_IMPORTED, json.dumps(([bundle.id] + [i for i in seen if i != bundle.id])[:50]))
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
    bundle = BundleFile(path)
    if bundle.kind != KIND_CHANGES:
        raise _wrong_kind(bundle, KIND_CHANGES)
    m = bundle.manifest
    station = m.get("station")
    if not isinstance(station, str) or m.get("from") != station or m.get("to") != COUNTY:
        raise tampered("its sender is not a station")
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
        raise tampered("its event cursor is not a number")
    carried = bundle.files()
    batches = []
    for name in sorted(n for n in m["files"] if n.startswith("parts/")):
        try:
            batch = decode_json_gzip(bundle.part(name))
        except ValueError as exc:
            raise tampered(f"{name} is unreadable: {exc}") from exc
        if not isinstance(batch, dict) or not isinstance(batch.get("changes"), list) or batch.get("station") != station:
            raise tampered(f"{name} is not a change batch of station {station}")
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
            raise tampered(f"file {sha256} is damaged: {exc}") from exc
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
    write_bundle(Path(reply_path), manifest, {REPLY_PART: reply}, county.sign)
    result.reply = Path(reply_path)
    return result


def _utc_now() -> str:
    from sync.server.storage import utc_now

    return utc_now()
