"""The station's outbox as the sync sees it (Qt-free): what waits, what the county acknowledged or returned.

Pending = not acknowledged and not quarantined. An "accepted" or "duplicate" ack sets `acked_at`;
a "rejected" ack stores its reason in `rejected_reason`: the change is QUARANTINED and not sent
again. Editing the record makes a new change (new change_id, new version, the whole record) which
is sent; a quarantined change is "resolved" once a later change of the same record is acknowledged
(`quarantined_changes` lists only unresolved ones). `release_change` sends one again as it is.
The network round and the USB reply bundle apply the county's answer with the same `apply_acks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese
from sync.errors import SYNC
from sync.protocol import ACCEPTED, DUPLICATE, REJECTED

_PENDING = "acked_at IS NULL AND rejected_reason IS NULL"
RETURNED_UNSAID = QT_TRANSLATE_NOOP("Sync", "The county returned this change without saying why. Ask the county "
                                            "legal-aid center.")


@dataclass
class Acknowledged:
    """What one answer of the county did to the outbox."""

    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (change_id, reason)


def pending_count(db) -> int:
    """Changes still to send (quarantined ones wait for the clerk, not for a round): kept by the outbox's
    triggers (desktop/records/migrations.py step 11), so reading it costs the same at any size."""
    return db.execute("SELECT n FROM counts WHERE name = 'outbox:pending'").fetchone()[0]


def pending_batch(db, after_seq: int, limit: int, *, attachments_only: bool = False) -> list[tuple[int, str, str, str]]:
    """The next pending changes after outbox seq `after_seq`, oldest first: (seq, change_id, payload, sha256);
    only attachment manifests (and their voids) if asked."""
    only = "AND record_type = 'attachment' " if attachments_only else ""
    return db.execute(f"SELECT seq, change_id, payload, sha256 FROM outbox WHERE {_PENDING} AND seq > ? {only}"
                      "ORDER BY seq LIMIT ?", (after_seq, limit)).fetchall()


def pending_changes(db) -> list[tuple[str, str, str, int]]:
    """Every pending change, oldest first: (change_id, payload, sha256, lamport) (a USB bundle carries them all)."""
    return db.execute(f"SELECT change_id, payload, sha256, lamport FROM outbox WHERE {_PENDING} ORDER BY seq"
                      ).fetchall()


def unacknowledged_ids(conn) -> set[str]:
    """Change ids the county has not acknowledged (quarantined ones included): what a USB reply may answer."""
    return {r[0] for r in conn.execute("SELECT change_id FROM outbox WHERE acked_at IS NULL").fetchall()}


def apply_acks(conn, acks: list[Any], sent, now: str) -> Acknowledged:
    """Mark the outbox from the county's acknowledgements, inside the caller's transaction.

    Only acks for change ids in `sent` count; "accepted"/"duplicate" acknowledge, "rejected"
    quarantines with its reason; a change already acknowledged is never touched again.
    """
    done = Acknowledged()
    acknowledged: list[tuple[str, str]] = []
    for ack in acks:
        if not isinstance(ack, dict):
            continue
        change_id, status = ack.get("change_id"), ack.get("status")
        if change_id not in sent:
            continue  # an ack for something not in this batch: ignored
        if status in (ACCEPTED, DUPLICATE):
            acknowledged.append((now, change_id))
            done.accepted += status == ACCEPTED
            done.duplicates += status == DUPLICATE
        elif status == REJECTED:
            # the clerk reads it: the county's Chinese, never its English "reason" (the detail for its administrator)
            reason = str(ack.get("reason_zh") or chinese(SYNC, RETURNED_UNSAID))
            conn.execute("UPDATE outbox SET rejected_reason = ? WHERE change_id = ? AND acked_at IS NULL",
                         (reason, change_id))
            done.rejected.append((change_id, reason))
    # one statement for the batch's acknowledged changes (500 of them): one call, not one per change
    conn.executemany("UPDATE outbox SET acked_at = ?, rejected_reason = NULL WHERE change_id = ? "
                     "AND acked_at IS NULL", acknowledged)
    return done


def quarantined_changes(db) -> list[dict[str, Any]]:
    """Rejected changes not yet resolved by a later acknowledged change of the same record, oldest first.

    Reads only the local database (no network), so the UI thread may call it; the list is short.
    """
    rows = db.execute(  # on outbox_waiting: the returned ones alone (outbox_pending reads every unsent change)
        "SELECT o.change_id, o.record_type, o.record_id, o.version, o.rejected_reason FROM outbox o "
        "INDEXED BY outbox_waiting WHERE o.acked_at IS NULL AND o.rejected_reason IS NOT NULL AND NOT EXISTS ("
        "  SELECT 1 FROM outbox later WHERE later.record_type = o.record_type AND later.record_id = o.record_id "
        "  AND later.version > o.version AND later.acked_at IS NOT NULL) ORDER BY o.seq").fetchall()
    return [dict(zip(("change_id", "record_type", "record_id", "version", "reason"), r)) for r in rows]


def release_change(db, change_id: str) -> None:
    """Send a quarantined change again as it is at the next round (e.g. after the county fixed its rules)."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE outbox SET rejected_reason = NULL WHERE change_id = ? AND acked_at IS NULL",
                     (change_id,))
