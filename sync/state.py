"""The station's sync state (Qt-free): one `sync_state` row per key, read and written here only.

Enrollment pins the county root and the certificates it issued (sync/trust.py reads them); the engine
keeps the events cursor, the last round's time and clock skew, and when the county said it revoked this station; USB replies
remember which bundles were imported; the county's reference data is kept whole under one key.
"""

from __future__ import annotations

from desktop.records.settings import STATION_CERTIFICATE

S_SERVER = "server_url"
S_COUNTY_CERT = "county_certificate"  # the county key's old JSON certificate (stations enrolled before the root)
S_STATION_CERT = STATION_CERTIFICATE  # X.509 PEM (old: JSON); the records core reads it too: the station code lock
S_COUNTY_ROOT = "county_root"  # the county root (PEM): the one trust anchor
S_COUNTY_SYNC_CERT = "county_sync_certificate"  # the county's sync key under the root (PEM): it signs answers
S_COUNTY_ENCRYPTION_CERT = "county_encryption_certificate"  # the county's X25519 key under the root: bundles are sealed to it
S_DOCUMENT_CERT = "document_certificate"  # this station's document-signing certificate (PEM)
S_CURSOR = "events_cursor"
S_LAST_SYNC, S_LAST_SKEW = "last_sync_at", "last_clock_skew"
S_REVOKED = "revoked_at"  # the station's time when the county said it revoked this station
S_REPLIES_IMPORTED = "replies_imported"  # ids of the last 50 reply bundles imported, newest first
S_CHUNK_BYTES = "upload_chunk_bytes"  # the upload chunk size the link allowed in the last round
S_AUDIT_SEEN = "audit_seen"  # {"seq": N}: the head of this station's audit log the county said it saw last
S_ESCROW = "escrow_for_county"  # canonical JSON of the escrow slot (or its withdrawal) the county is to keep
S_ESCROW_SENT = "escrow_kept"  # the SHA-256 of the S_ESCROW value the county said it kept
S_REFERENCE = "county_reference"  # canonical JSON of the county's reference payload + "received_at"


def get_state(db, key: str) -> str | None:
    """The value kept under `key` (`db`: a database or a connection inside a transaction)."""
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state(conn, key: str, value: str) -> None:
    """Keep `value` under `key`, inside the caller's write transaction."""
    conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def forget_state(conn, key: str) -> None:
    """Drop `key`, inside the caller's write transaction."""
    conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))


def is_enrolled(db) -> bool:
    return get_state(db, S_STATION_CERT) is not None


def revoked_at(db) -> str | None:
    """When the county last answered that it revoked this station (None: not known to be revoked)."""
    return get_state(db, S_REVOKED)


def server_url(db) -> str | None:
    """The county server's address ("" or None: a USB-only station)."""
    return get_state(db, S_SERVER)


def last_sync_at(db) -> str | None:
    """The station's time of the last exchange with the county (a network round or a USB reply)."""
    return get_state(db, S_LAST_SYNC)


def last_clock_skew(db) -> int | None:
    """This computer's clock minus the county's, in seconds, as the last round measured it."""
    try:
        return int(get_state(db, S_LAST_SKEW) or "")
    except ValueError:
        return None
