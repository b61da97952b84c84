"""A station's USB bundle at the county (Qt-free): checked, applied like POST /v1/changes, answered with a
signed reply bundle (`county_import`; the CLI's `python -m sync.server import-bundle`).

The county checks the bundle against the key it enrolled for the station, refuses a revoked or unknown
station and a bundle for another county (or sealed to another key), unseals it with its own key, checks
every part's hash, then applies each part with the
county's `apply_changes` - the very function behind POST /v1/changes. Its reply carries the acks, every
event for that station after the cursor the station sent, the carried files the county now holds and
the reference data, sealed to the station's key (sync/bundle_file.py describes the file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.bundle_file import (
    COUNTY,
    FORMAT,
    FORMAT_VERSION,
    KIND_CHANGES,
    KIND_REPLY,
    READ_ERRORS,
    REPLY_PART,
    BundleError,
    BundleFile,
    tampered,
    write_bundle,
    wrong_kind,
)
from sync.identity import key_id_of
from sync.limits import MAX_BATCH_CHANGES
from sync.protocol import COMPLAINT_EVENT, decode_json_gzip, encode_json_gzip, unb64
from sync.sealed import key_id_of as sealed_key_id
from sync.server.audit import BadClaim, check_claim_shape
from sync.server.escrow import BadEscrow, check_escrow_shape
from sync.server.reference import reference_payload
from sync.server.storage import utc_now

NOT_ENROLLED = QT_TRANSLATE_NOOP("Sync", "Station {station} is not enrolled at this county center.")
REVOKED = QT_TRANSLATE_NOOP("Sync", "The county revoked station {station}; the bundle was not imported.")
OTHER_COUNTY = QT_TRANSLATE_NOOP("Sync", "This bundle is meant for another county center (a different key); it was "
                                         "not imported.")


@dataclass
class CountyImportResult:
    station: str
    changes: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0  # decisions in the reply
    complaint_steps: int = 0  # steps of the center's handling of the station's complaints in the reply
    files: int = 0  # attachment files carried by the bundle that the county now holds
    reply: Path | None = None


def _clock_ahead(created_at: Any) -> int:
    """How far the station's clock ran ahead of the county's when it wrote the bundle, at least (it was carried
    here later): its records' "future" times are judged by it, as over the network."""
    from datetime import datetime

    try:
        written = datetime.fromisoformat(str(created_at))
        if written.tzinfo is None:
            return 0
        return max(0, int((written - datetime.now(written.tzinfo)).total_seconds()))
    except ValueError:
        return 0


def county_import(store, path: Path, reply_path: Path, *, page: int = 1000) -> CountyImportResult:
    """Check a station bundle, apply it like POST /v1/changes and write the signed reply to `reply_path`.

    Every check (signature, station, hashes, readability) passes before anything is applied.
    """
    bundle = BundleFile(path)
    if bundle.kind != KIND_CHANGES:
        raise wrong_kind(bundle, KIND_CHANGES)
    m = bundle.manifest
    station = m.get("station")
    if not isinstance(station, str) or m.get("from") != station or m.get("to") != COUNTY:
        raise tampered("its sender is not a station")
    public_key, revoked = store.station_key(station)
    if public_key is None:
        raise BundleError(NOT_ENROLLED, {"station": station}, code="not_enrolled",
                          detail=f"refused: station {station} is not enrolled at this county")
    bundle.verify(public_key)
    if revoked:
        raise BundleError(REVOKED, {"station": station}, code="revoked",
                          detail=f"refused: station {station} was revoked by the county on {revoked}")
    county = store.key()
    if m.get("county_key_id") != county.key_id or bundle.sealed_to != sealed_key_id(county.agreement_public_key):
        raise BundleError(OTHER_COUNTY, code="other_county",
                          detail="refused: this bundle is meant for another county server (another county key)")
    try:  # the reply is sealed to the key the station named in its signed manifest
        station_agreement_key = unb64(str(m.get("station_agreement_key", "")))
        if len(station_agreement_key) != 32:
            raise ValueError(f"{len(station_agreement_key)} bytes")
    except ValueError as exc:
        raise tampered(f"its station key for the reply is not an X25519 key ({exc})") from exc
    bundle.unseal(county)
    after = m.get("events_after")
    if not isinstance(after, int) or after < 0:
        raise tampered("its event cursor is not a number")
    carried = bundle.files()
    if m.get("audit") is not None:
        try:
            check_claim_shape(m["audit"])
        except BadClaim as exc:
            raise tampered(f"its audit head is malformed ({exc})") from exc
    if m.get("escrow") is not None:
        try:
            check_escrow_shape(m["escrow"])
        except BadEscrow as exc:
            raise tampered(f"its escrow is malformed ({exc})") from exc
    names = sorted(n for n in m["files"] if n.startswith("parts/"))

    def batch_of(name: str) -> list[Any]:
        try:
            batch = decode_json_gzip(bundle.part(name))
        except ValueError as exc:
            raise tampered(f"{name} is unreadable: {exc}") from exc
        if not isinstance(batch, dict) or not isinstance(batch.get("changes"), list) or batch.get("station") != station:
            raise tampered(f"{name} is not a change batch of station {station}")
        if len(batch["changes"]) > MAX_BATCH_CHANGES:
            raise tampered(f"{name} has more than {MAX_BATCH_CHANGES} changes")
        return batch["changes"]

    for name in names:  # every part checked before anything is applied; one part in memory at a time
        batch_of(name)
    result = CountyImportResult(station)
    acks: list[dict[str, Any]] = []
    clock_ahead = _clock_ahead(m.get("created_at"))
    for name in names:  # each part is one transaction, as one network batch
        changes = batch_of(name)
        part_acks = store.apply_changes(station, changes, clock_ahead)
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
    for sha256, size in carried:  # after the parts: their manifests name the files
        try:
            with bundle.open_file(sha256) as stream:
                state = store.files.store_stream(station, sha256, stream)
                if state.status == "complete" and state.size == size:
                    held.append({"sha256": sha256, "size": size})  # the station marks it held by hash and size
        except READ_ERRORS as exc:  # the seal makes this unlikely; the file is simply not held
            raise tampered(f"file {sha256} is damaged: {exc}") from exc
    result.files = len(held)
    events: list[dict[str, Any]] = []
    cursor = after
    while True:
        found, cursor, more = store.events_after(station, cursor, page)
        events.extend(found)
        if not more or not found:
            break
    result.complaint_steps = sum(e["kind"] == COMPLAINT_EVENT for e in events)
    result.events = len(events) - result.complaint_steps
    # "held" names each file by hash and size (what a station marks by)
    audit_answer = store.check_audit(station, m["audit"]) if m.get("audit") is not None else None
    escrow_answer = store.keep_escrow(station, m["escrow"]) if m.get("escrow") is not None else None
    reply = encode_json_gzip({"acks": acks, "events": events, "cursor": cursor, "after": after, "held": held,
                              "reference": reference_payload(store), "audit": audit_answer,
                              "escrow": escrow_answer})
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_REPLY, "from": COUNTY,
                "to": station, "station": station, "station_key_id": key_id_of(public_key),
                "county_key_id": county.key_id, "created_at": utc_now(), "answers": bundle.id,
                "change_count": len(acks), "event_count": len(events), "events_after": after, "cursor": cursor}
    # the documents the county issued with these decisions travel with them (a USB station cannot fetch them)
    # (kept sealed at the county: each is opened as it is copied into the reply, sealed there to the station)
    documents = {d["sha256"]: (d["sha256"], d["size"], partial(store.issuer.open, d["sha256"])) for e in events
                 for d in e["data"].get("documents") or [] if store.issuer.has(d["sha256"])}
    write_bundle(Path(reply_path), manifest, {REPLY_PART: reply}, county.sign, files=list(documents.values()),
                 recipient=station_agreement_key)
    result.reply = Path(reply_path)
    return result
