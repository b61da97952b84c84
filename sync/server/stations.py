"""The county's stations: registering them, enrolling their keys with one-time codes, revoking them
(the nonces that keep a signed request from being replayed are in nonces.py).

A station is registered with `add_station` (its one-time enrollment code is printed once; only its
hash is kept), enrolls its key with the code (`enroll`: the county certifies the key), and can be
revoked (a lost laptop). Enrollment checks the code against the station before it consumes it, and
certifies both station keys under the county root (sync/certificates.py); `renew` does the same for a
station that asks with a signed request (one enrolled before the root, or a certificate near its end).
Every key ever enrolled for a station stays in station_keys, so what it
signed before a re-enrollment still verifies.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.reference import default_reference
from sync import certificates as certs
from sync.identity import key_id_of
from sync.server.county_key import CountyKey
from sync.server.errors import CountyError
from sync.server.data_key import sqlite3
from sync.server.storage import CountyDatabase, utc_now

# the kinds of station, one list with the station's own settings (resources/reference/lists.json "station_types")
STATION_TYPES = tuple(choice.code for choice in default_reference().choices("station_types"))
OLD_STATION_TYPES = {"township": "fixed", "camp": "military"}  # names county scripts used before: still accepted


def add_station(db: CountyDatabase, code: str, name: str, township: str, type_: str) -> str:
    """Register a station; returns its one-time enrollment code (only its hash is kept)."""
    type_ = OLD_STATION_TYPES.get(type_, type_)
    if type_ not in STATION_TYPES:
        raise CountyError(f"unknown station type {type_!r} (one of {', '.join(STATION_TYPES)})")
    enrollment = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    with db.write() as conn:
        row = conn.execute("SELECT enrolled_at, revoked_at FROM stations WHERE code = ?", (code,)).fetchone()
        if row and row[0] and not row[1]:
            raise CountyError(f"station {code} is already enrolled; revoke it first to enroll a new laptop")
        conn.execute("INSERT INTO stations (code, name, township, type, enrollment_code_sha256, added_at) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                     "township = excluded.township, type = excluded.type, "
                     "enrollment_code_sha256 = excluded.enrollment_code_sha256, public_key = NULL, key_id = NULL, "
                     "certificate = NULL, document_certificate = NULL, enrolled_at = NULL, revoked_at = NULL, revoked_reason = NULL",
                     (code, name, township, type_, _code_hash(enrollment), utc_now()))
    return enrollment


def list_stations(db: CountyDatabase) -> list[dict[str, Any]]:
    rows = db.conn().execute("SELECT code, name, township, type, key_id, enrolled_at, revoked_at "
                             "FROM stations ORDER BY code").fetchall()
    return [dict(zip(("code", "name", "township", "type", "key_id", "enrolled_at", "revoked_at"), r))
            for r in rows]


def revoke_station(db: CountyDatabase, code: str, reason: str = "") -> None:
    with db.write() as conn:
        if conn.execute("UPDATE stations SET revoked_at = ?, revoked_reason = ? WHERE code = ? "
                        "AND revoked_at IS NULL", (utc_now(), reason, code)).rowcount == 0:
            raise CountyError(f"no active station {code}", NO_ACTIVE_STATION, {"code": code})


NO_ACTIVE_STATION = QT_TRANSLATE_NOOP("County", "There is no active station {code}.")
OTHER_STATION = QT_TRANSLATE_NOOP("County", "The enrollment code belongs to station {enrolled}; this station is "
                                            "{station}. Nothing was changed at the county: check the station code "
                                            "in Settings, or use this station's own code.")
CODE_REFUSED = QT_TRANSLATE_NOOP("County", "The enrollment code is not valid or was used already. Ask the county "
                                           "for a new enrollment code.")
BAD_REQUEST = QT_TRANSLATE_NOOP("County", "The enrollment request is damaged (its keys cannot be read).")


def enroll(db: CountyDatabase, county: CountyKey, enrollment_code: str, public_key: bytes, station_code: str,
           document_request: bytes | str) -> dict[str, Any]:
    """Certify the station's sync key and document key; the code works once (the same key may ask again:
    the same certificates). Everything is checked before anything is written, in one transaction: a
    refused enrollment (another station's code, a used code, a damaged request) changes nothing."""
    if len(public_key) != 32:
        raise CountyError("the station key is not an Ed25519 public key", BAD_REQUEST)
    try:
        document_key = certs.check_request(document_request)
    except certs.CertificateError as exc:
        raise CountyError(f"the document key request is not valid: {exc}", BAD_REQUEST) from exc
    digest = _code_hash(enrollment_code)
    with db.write() as conn:
        row = conn.execute("SELECT code, name, township, public_key, certificate, document_certificate, revoked_at "
                           "FROM stations WHERE enrollment_code_sha256 = ?", (digest,)).fetchone()
        if row is None:
            raise CountyError("enrollment code unknown or already used", CODE_REFUSED)
        code, name, township, enrolled_key, certificate, document, revoked = row
        if code != station_code:
            raise CountyError(f"the enrollment code is for station {code}, not {station_code}", OTHER_STATION,
                              {"enrolled": code, "station": station_code})
        if revoked:
            raise CountyError("this station has been revoked", CODE_REFUSED)
        if enrolled_key is not None:
            if bytes(enrolled_key) != public_key:
                raise CountyError("enrollment code unknown or already used", CODE_REFUSED)
            if document and certs.load_pem(document).public_key() == document_key:
                return _answer(county, certificate, document)  # the station lost the first answer
        sync_cert, document_cert = county.issue_station(certs.Holder(name, code, township), public_key, document_key)
        _store_certificates(conn, code, public_key, sync_cert, document_cert, enrolling=True)
    return _answer(county, certs.pem(sync_cert), certs.pem(document_cert))


def renew(db: CountyDatabase, county: CountyKey, station: str, public_key: bytes,
          document_request: bytes | str) -> dict[str, Any]:
    """New X.509 certificates for an enrolled station that asked with a signed request (its enrolled key):
    a station enrolled before the root moves to it, and a document certificate near its end is renewed."""
    try:
        document_key = certs.check_request(document_request)
    except certs.CertificateError as exc:
        raise CountyError(f"the document key request is not valid: {exc}", BAD_REQUEST) from exc
    with db.write() as conn:
        row = conn.execute("SELECT name, township, public_key FROM stations WHERE code = ? AND revoked_at IS NULL",
                           (station,)).fetchone()
        if row is None or row[2] is None or bytes(row[2]) != public_key:
            raise CountyError(f"station {station} is not enrolled with this key", CODE_REFUSED)
        sync_cert, document_cert = county.issue_station(certs.Holder(row[0], station, row[1]), public_key,
                                                        document_key)
        _store_certificates(conn, station, public_key, sync_cert, document_cert, enrolling=False)
    return _answer(county, certs.pem(sync_cert), certs.pem(document_cert))


def certificates_answer(db: CountyDatabase, county: CountyKey, code: str) -> dict[str, Any]:
    """An enrolled station's certificates, as an enrollment answer it imports from a USB stick: how a station
    enrolled before sealed bundles, and never online, gets the county's encryption certificate."""
    row = db.conn().execute("SELECT certificate, document_certificate, revoked_at FROM stations WHERE code = ?",
                            (code,)).fetchone()
    if row is None or not row[0] or not row[1] or not str(row[0]).startswith("-----BEGIN"):
        raise CountyError(f"station {code} has no certificates under the county root yet: enroll it, or let it "
                          "sync over the network once")
    if row[2]:
        raise CountyError(f"station {code} was revoked on {row[2]}")
    return _answer(county, row[0], row[1])


def _store_certificates(conn: sqlite3.Connection, code: str, public_key: bytes, sync_cert, document_cert, *,
                        enrolling: bool) -> None:
    now = utc_now()
    conn.execute("UPDATE stations SET public_key = ?, key_id = ?, certificate = ?, document_certificate = ? "
                 "WHERE code = ?", (public_key, key_id_of(public_key), certs.pem(sync_cert), certs.pem(document_cert),
                                    code))
    if enrolling:
        conn.execute("UPDATE stations SET enrolled_at = ? WHERE code = ?", (now, code))
    conn.execute("INSERT INTO station_keys (station, key_id, public_key, enrolled_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT DO NOTHING", (code, key_id_of(public_key), public_key, now))


def _answer(county: CountyKey, sync_pem: str, document_pem: str) -> dict[str, Any]:
    """What a station pins: the root, the county's sync certificate (the key that signs its answers), its
    encryption certificate (the key USB bundles are sealed to) and the station's own two certificates, all PEM."""
    return {"root": certs.pem(county.root()), "county_sync_certificate": certs.pem(county.sync_certificate()),
            "county_encryption_certificate": certs.pem(county.encryption_certificate()),
            "station_certificate": sync_pem, "document_certificate": document_pem}


def station_key(db: CountyDatabase, code: str) -> tuple[bytes | None, str | None]:
    """(enrolled public key, revoked_at) of a station; (None, None) when unknown or not enrolled."""
    row = db.conn().execute("SELECT public_key, revoked_at FROM stations WHERE code = ?", (code,)).fetchone()
    if row is None or row[0] is None:
        return None, None
    return bytes(row[0]), row[1]


def station_keys_for_auth(db: CountyDatabase, code: str) -> tuple[bytes | None, str | None, list[bytes]]:
    """(current public key or None, revoked_at, every earlier key of the station): a request signed with an
    earlier key comes from a laptop the county revoked and replaced, and is told so (not "unknown")."""
    conn = db.conn()
    row = conn.execute("SELECT public_key, revoked_at FROM stations WHERE code = ?", (code,)).fetchone()
    if row is None:
        return None, None, []
    current = bytes(row[0]) if row[0] is not None else None
    earlier = [bytes(r[0]) for r in conn.execute("SELECT public_key FROM station_keys WHERE station = ?", (code,))
               if current is None or bytes(r[0]) != current]
    return current, row[1], earlier


def enrolled_key(conn: sqlite3.Connection, station: str, key_id: str) -> bytes | None:
    """A public key the county ever enrolled for `station` under `key_id` (a key the station has since
    replaced included); None when it enrolled none."""
    row = conn.execute("SELECT public_key FROM station_keys WHERE station = ? AND key_id = ?",
                       (station, key_id)).fetchone()
    return bytes(row[0]) if row else None


def _code_hash(code: str) -> str:
    """The stored form of an enrollment code, however it was typed: with or without dashes or spaces,
    in any case (the code is printed as XXXX-XXXX-XXXX-XXXX and hashed in that form)."""
    compact = re.sub(r"[^0-9A-Za-z]", "", code).upper()
    if len(compact) == 16:
        compact = "-".join(compact[i:i + 4] for i in range(0, 16, 4))
    return hashlib.sha256(compact.encode("utf-8")).hexdigest()
