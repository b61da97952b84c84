"""Enrolling the station with the county (Qt-free): over the network, or by files on a USB stick.

Over the network the station first fetches the county root (GET /v1/root) and compares its fingerprint
with the one the installer typed or scanned from the county's enrollment sheet; only when they agree
does it send its one-time code, over a connection checked against that root. So an on-path attacker
who answers with another root, or with another TLS certificate, never sees the code and is refused.
The station sends its Ed25519 sync key and a certificate request for its P-256 document key; the
county answers with the root, its own sync certificate and the station's two certificates, which are
checked (sync/trust.py) and pinned. Without a network, the same request and answer travel as files
(`python -m sync.server station enroll-file`). A pinned county is never replaced by another.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import requests

from desktop.records.canonical import canonical_json
from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync import certificates as certs
from sync.errors import SyncError
from sync.identity import DocumentKey, StationKey
from sync.protocol import ENROLLMENT_ANSWER, ENROLLMENT_REQUEST, b64
from sync.state import S_REVOKED, S_SERVER, forget_state, set_state
from sync.transport import TIMEOUT, county_session, refusal
from sync.trust import (NotThisKey, OtherStation, WrongRoot, check_answer, check_server_url,
                        enrollment_fields, pin_certificates, pinned)

UNREACHABLE = QT_TRANSLATE_NOOP("Sync", "Cannot reach the county server. Check the network and the server address.")
NOT_AN_ENROLLMENT = QT_TRANSLATE_NOOP("Sync", "The county's answer is not valid; the enrollment was not completed.")
NOT_AN_ANSWER_FILE = QT_TRANSLATE_NOOP("Sync", "{name} is not the county's enrollment answer file.")
NOT_THIS_KEY = QT_TRANSLATE_NOOP("Sync", "The certificate the county issued does not match this computer's key; the "
                                         "enrollment was not completed.")
OTHER_STATION = QT_TRANSLATE_NOOP("Sync", "The enrollment code belongs to station {enrolled}; this station is "
                                          "{station}. Check the station code in Settings.")
OTHER_COUNTY = QT_TRANSLATE_NOOP("Sync", "This station is enrolled with another county center (a different key); it "
                                         "will not change.")
NO_FINGERPRINT = QT_TRANSLATE_NOOP("Sync", "Enter the county certificate fingerprint from the enrollment sheet (64 "
                                           "letters and digits), or read it from a photo of the sheet's QR code.")
WRONG_ROOT = QT_TRANSLATE_NOOP("Sync", "The server's county certificate does not match the fingerprint on the "
                               "enrollment sheet: this is not the county's server, or the connection is being "
                               "intercepted. The enrollment code was not sent. Check the fingerprint and the server "
                               "address, and tell the county.")
NOT_THE_COUNTY = QT_TRANSLATE_NOOP("Sync", "The server's TLS certificate was not issued by the county certificate on "
                                   "the enrollment sheet: the connection may be intercepted. The enrollment code "
                                   "was not sent. Tell the county.")


def enroll(db, key: StationKey, document_key: DocumentKey, server_url: str, code: str, station_code: str,
           fingerprint: str) -> dict[str, Any]:
    """Check the server's root against `fingerprint`, then send the keys with the one-time code over a
    connection checked against that root; check and pin what the county answers. Returns the
    station's certificate details ("station_code", "name", "township", "valid_until")."""
    server_url = check_server_url(server_url)
    expected = certs.normalise_fingerprint(fingerprint)
    if expected is None:
        raise SyncError(NO_FINGERPRINT, code="no_fingerprint", detail="no valid root fingerprint given")
    root = fetch_root(server_url, expected)
    pinned_session = county_session(root)
    request = enrollment_request(key, document_key, station_code, code)
    try:
        response = pinned_session.post(f"{server_url}/v1/enroll", json=request, timeout=TIMEOUT)
    except requests.exceptions.SSLError as exc:
        raise SyncError(NOT_THE_COUNTY, code="tls", detail=f"the server's TLS certificate is refused: {exc}") from exc
    except requests.RequestException as exc:
        raise SyncError(UNREACHABLE, detail=f"cannot reach the county server: {exc}") from exc
    if response.status_code != 200:
        refused = refusal(response)
        if refused.code != "other_station":  # the county says whose code it is; other refusals are worded by code
            refused = refusal(response, code="enrollment_refused")
        raise refused
    try:
        answer = response.json()
    except ValueError as exc:
        raise SyncError(NOT_AN_ENROLLMENT, detail=f"the server's answer is not a valid enrollment: {exc}") from exc
    return accept_enrollment(db, key, document_key, answer, station_code, server_url=server_url,
                             fingerprint=expected)


def fetch_root(server_url: str, expected: str):
    """The root the server offers, refused unless its fingerprint is `expected`. Fetched without checking
    TLS (the station has no root yet): the fingerprint is the check, and nothing secret is sent."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # urllib3's warning about the unchecked TLS of this one fetch
            response = requests.get(f"{server_url}/v1/root", timeout=TIMEOUT, verify=False)
    except requests.RequestException as exc:
        raise SyncError(UNREACHABLE, detail=f"cannot reach the county server: {exc}") from exc
    try:
        if response.status_code != 200:
            raise certs.CertificateError(f"HTTP {response.status_code}")
        root = certs.check_root(certs.load_pem(response.content))
    except certs.CertificateError as exc:
        raise SyncError(NOT_AN_ENROLLMENT, detail=f"the server offers no county root: {exc}") from exc
    if certs.fingerprint_hex(root) != expected:
        raise SyncError(WRONG_ROOT, code="wrong_root",
                        detail=f"the server's root {certs.fingerprint_hex(root)} is not the sheet's {expected}")
    return root


def enrollment_request(key: StationKey, document_key: DocumentKey, station_code: str, code: str) -> dict[str, Any]:
    """What a station sends to enroll: over HTTP (POST /v1/enroll) or as a file on a USB stick."""
    return {"format": ENROLLMENT_REQUEST, "station_code": station_code, "code": code.strip(),
            "public_key": b64(key.public_key_bytes), **enrollment_fields(document_key, station_code)}


def write_enrollment_request(path: Path, key: StationKey, document_key: DocumentKey, station_code: str,
                             code: str) -> None:
    """The request as a file (for `python -m sync.server station enroll-file`); it holds the one-time code."""
    Path(path).write_text(canonical_json(enrollment_request(key, document_key, station_code, code)),
                          encoding="utf-8")


def import_enrollment_answer(db, key: StationKey, document_key: DocumentKey, path: Path, station_code: str,
                             fingerprint: str = "") -> dict[str, Any]:
    """The county's answer file, checked exactly as a network enrollment's answer (against the sheet's
    fingerprint when one is given: the file came by hand from the county)."""
    try:
        answer = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(answer, dict) or answer.get("format") != ENROLLMENT_ANSWER:
            raise ValueError("not an enrollment answer")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise SyncError(NOT_AN_ANSWER_FILE, {"name": Path(path).name}, code="bad_answer",
                        detail=f"{Path(path).name} is not the county's enrollment answer: {exc}") from exc
    expected = certs.normalise_fingerprint(fingerprint) if fingerprint.strip() else None
    if fingerprint.strip() and expected is None:
        raise SyncError(NO_FINGERPRINT, code="no_fingerprint", detail="the fingerprint given is not valid")
    return accept_enrollment(db, key, document_key, answer, station_code, server_url=None, fingerprint=expected)


def accept_enrollment(db, key: StationKey, document_key: DocumentKey, answer: Any, station_code: str, *,
                      server_url: str | None, fingerprint: str | None) -> dict[str, Any]:
    """Check the county's certificates (the root the fingerprint names, this station's keys and code) and
    pin them; `server_url` None keeps whatever address is set (USB-only stations have none)."""
    try:
        found = check_answer(answer, key, document_key, station_code, root_fingerprint=fingerprint)
    except OtherStation as other:
        raise SyncError(OTHER_STATION, {"enrolled": other.code, "station": station_code},
                        detail=f"the enrollment code is for station {other.code}, this station is {station_code}") \
            from other
    except certs.CertificateError as exc:
        message = {WrongRoot: WRONG_ROOT, NotThisKey: NOT_THIS_KEY}.get(type(exc), NOT_AN_ENROLLMENT)
        raise SyncError(message, code="bad_answer", detail=f"the county's certificates are refused: {exc}") from exc
    except (ValueError, TypeError) as exc:
        raise SyncError(NOT_AN_ENROLLMENT, detail=f"the server's answer is not a valid enrollment: {exc}") from exc
    already = pinned(db)
    if already is not None and already.root is not None and already.root != found["root"]:
        raise SyncError(OTHER_COUNTY, detail="this station is enrolled with another county root")
    if already is not None and already.root is None and certs.ed25519_key_of(found["county_sync_certificate"]) \
            != already.county_key:
        raise SyncError(OTHER_COUNTY, detail="this station is enrolled with another county key")
    with write_transaction(db) as conn:
        if server_url is not None:
            set_state(conn, S_SERVER, server_url)
        pin_certificates(conn, found)
        forget_state(conn, S_REVOKED)  # a new enrollment after a revocation
    holder = certs.holder_of(found["station_certificate"])
    return {"station_code": holder.code, "name": holder.name, "township": holder.township,
            "valid_until": found["document_certificate"].not_valid_after_utc.date().isoformat()}
