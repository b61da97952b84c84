"""Enrolling the station with the county (Qt-free): over the network, or by files on a USB stick.

The station sends its public key with the county's one-time code (POST /v1/enroll, or a request
file the county enrolls with `python -m sync.server station enroll-file`); the county answers with
its own self-signed certificate and a certificate for this station's key and code, which are
checked and pinned here. A pinned county key is never replaced by another.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import requests

from desktop.records.canonical import canonical_json
from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.errors import SyncError
from sync.identity import StationKey
from sync.protocol import ENROLLMENT_ANSWER, ENROLLMENT_REQUEST, b64, verify_certificate, verify_county_certificate
from sync.state import S_COUNTY_CERT, S_REVOKED, S_SERVER, S_STATION_CERT, forget_state, get_state, set_state
from sync.transport import TIMEOUT, refusal

UNREACHABLE = QT_TRANSLATE_NOOP("Sync", "Cannot reach the county server. Check the network and the server address.")
NOT_AN_ENROLLMENT = QT_TRANSLATE_NOOP("Sync", "The county's answer is not valid; the enrollment was not completed.")
NOT_AN_ANSWER_FILE = QT_TRANSLATE_NOOP("Sync", "{name} is not the county's enrollment answer file.")
NOT_THIS_KEY = QT_TRANSLATE_NOOP("Sync", "The certificate the county issued does not match this computer's key; the "
                                         "enrollment was not completed.")
OTHER_STATION = QT_TRANSLATE_NOOP("Sync", "The enrollment code belongs to station {enrolled}; this station is "
                                          "{station}. Check the station code in Settings.")
OTHER_COUNTY = QT_TRANSLATE_NOOP("Sync", "This station is enrolled with another county center (a different key); it "
                                         "will not change.")


def enroll(db, key: StationKey, server_url: str, code: str, station_code: str, *,
           session: requests.Session | None = None) -> dict[str, Any]:
    """Send the station's public key with the one-time code; check and pin the certificates."""
    server_url = server_url.rstrip("/")
    session = session or requests.Session()
    try:
        response = session.post(f"{server_url}/v1/enroll", json=enrollment_request(key, station_code, code),
                                timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise SyncError(UNREACHABLE, detail=f"cannot reach the county server: {exc}") from exc
    if response.status_code != 200:
        raise refusal(response, code="enrollment_refused")
    try:
        answer = response.json()
    except ValueError as exc:
        raise SyncError(NOT_AN_ENROLLMENT, detail=f"the server's answer is not a valid enrollment: {exc}") from exc
    return accept_enrollment(db, key, answer, station_code, server_url=server_url)


def enrollment_request(key: StationKey, station_code: str, code: str) -> dict[str, Any]:
    """What a station sends to enroll: over HTTP (POST /v1/enroll) or as a file on a USB stick."""
    return {"format": ENROLLMENT_REQUEST, "station_code": station_code, "code": code.strip(),
            "public_key": b64(key.public_key_bytes)}


def write_enrollment_request(path: Path, key: StationKey, station_code: str, code: str) -> None:
    """The request as a file (for `python -m sync.server station enroll-file`); it holds the one-time code."""
    Path(path).write_text(canonical_json(enrollment_request(key, station_code, code)), encoding="utf-8")


def import_enrollment_answer(db, key: StationKey, path: Path, station_code: str) -> dict[str, Any]:
    """The county's answer file, checked exactly as a network enrollment's answer."""
    try:
        answer = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(answer, dict) or answer.get("format") != ENROLLMENT_ANSWER:
            raise ValueError("not an enrollment answer")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise SyncError(NOT_AN_ANSWER_FILE, {"name": Path(path).name}, code="bad_answer",
                        detail=f"{Path(path).name} is not the county's enrollment answer: {exc}") from exc
    return accept_enrollment(db, key, answer, station_code, server_url=None)


def accept_enrollment(db, key: StationKey, answer: Any, station_code: str, *,
                      server_url: str | None) -> dict[str, Any]:
    """Check the county's certificates (self-signed county, this station's key, this station's code)
    and pin them; `server_url` None keeps whatever address is set (USB-only stations have none)."""
    try:
        county_cert, station_cert = answer["county_certificate"], answer["station_certificate"]
        county_key = verify_county_certificate(county_cert)
    except (ValueError, KeyError, TypeError) as exc:
        raise SyncError(NOT_AN_ENROLLMENT, detail=f"the server's answer is not a valid enrollment: {exc}") from exc
    if station_cert.get("public_key") != b64(key.public_key_bytes) or not verify_certificate(station_cert, county_key):
        raise SyncError(NOT_THIS_KEY, detail="the station certificate does not match this station's key")
    if station_cert.get("station_code") != station_code:
        raise SyncError(OTHER_STATION, {"enrolled": station_cert.get("station_code"), "station": station_code},
                        detail=f"the enrollment code is for station {station_cert.get('station_code')}, "
                               f"this station is {station_code}")
    pinned = get_state(db, S_COUNTY_CERT)
    if pinned and json.loads(pinned).get("key_id") != county_cert.get("key_id"):
        raise SyncError(OTHER_COUNTY, detail="this station is enrolled with another county key")
    with write_transaction(db) as conn:
        if server_url is not None:
            set_state(conn, S_SERVER, server_url)
        set_state(conn, S_COUNTY_CERT, canonical_json(county_cert))
        set_state(conn, S_STATION_CERT, canonical_json(station_cert))
        forget_state(conn, S_REVOKED)  # a new enrollment after a revocation
    return station_cert
