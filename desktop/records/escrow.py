"""The county's recovery of a station whose passwords and recovery key are all lost (Qt-free; both ends).

A station head may escrow the station's data key to the county (设置; keyring.py `escrow_to_county`, carried
by sync/escrow.py). When every way in is lost, the center opens the escrow slot with its private key and makes
a **recovery file** for that station (`make_recovery`): the data key wrapped under a fresh one-time key, which is
printed apart from the file (the same 32 letters as a recovery key). The station opens itself with the two
together (`open_with_recovery`): the file names the keyring's station id, the keyring's MAC proves the key is
this station's, and each file opens its station once. Neither the file nor the key alone opens anything.
"""

from __future__ import annotations

import json
import os
import secrets
import uuid
from pathlib import Path
from typing import Any

from . import audit
from .canonical import local_now
from .i18n import QT_TRANSLATE_NOOP
from .keyring import (RECOVERY_BYTES, Keyring, KeyringError, Unlocked, _b64, _unb64, _unwrap, _wrap, derive,
                      format_recovery_key, parse_recovery_key)

FORMAT = "legalaid county recovery 1"
MAX_FILE_BYTES = 16 * 1024  # a recovery file is about 600 bytes; anything much larger is not one
SUFFIX = ".recovery"


class RecoveryFileError(KeyringError):
    NOT_A_FILE = QT_TRANSLATE_NOOP("Keyring", "{path} is not a recovery file from the county.")
    OTHER_STATION = QT_TRANSLATE_NOOP("Keyring", "This recovery file was made for station {station}, not for this one. Ask the county center for this station's file.")
    WRONG_KEY = QT_TRANSLATE_NOOP("Keyring", "The key typed does not open this recovery file. Check each group of letters on the county's sheet.")
    USED = QT_TRANSLATE_NOOP("Keyring", "This recovery file was already used at this station. Ask the county center for a new one.")


def _slot_name(station_id: str, recovery_id: str) -> str:
    return f"county-recovery:{station_id}:{recovery_id}"


def make_recovery(data_key: bytes, station_id: str, station_code: str, station_name: str,
                  issued_by: str) -> tuple[dict[str, Any], str]:
    """A recovery file for the station whose keyring has `station_id`, and the one-time key that opens it
    (to print apart from the file)."""
    raw = secrets.token_bytes(RECOVERY_BYTES)
    salt, recovery_id = os.urandom(16), uuid.uuid4().hex
    doc = {"format": FORMAT, "id": recovery_id, "station_id": station_id, "station_code": station_code,
           "station_name": station_name, "issued_at": local_now(), "issued_by": issued_by, "salt": _b64(salt),
           **_wrap(derive(raw, b"legalaid county recovery", salt), data_key, _slot_name(station_id, recovery_id))}
    return doc, format_recovery_key(raw)


def read_recovery_file(path: Path) -> dict[str, Any]:
    """A recovery file as it arrived on a USB stick: bounded and checked for shape before anything uses it."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
        doc = json.loads(data.decode("utf-8")) if len(data) <= MAX_FILE_BYTES else None
    except (OSError, ValueError) as exc:
        raise RecoveryFileError(RecoveryFileError.NOT_A_FILE, {"path": str(path)}, kind="not_recovery") from exc
    fields = ("id", "station_id", "station_code", "station_name", "salt", "nonce", "wrapped")
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or \
            not all(isinstance(doc.get(f), str) and len(doc[f]) <= 200 for f in fields):
        raise RecoveryFileError(RecoveryFileError.NOT_A_FILE, {"path": str(path)}, kind="not_recovery")
    return doc


def open_with_recovery(keyring: Keyring, doc: dict[str, Any], key_text: str) -> Unlocked:
    """The station opened with the county's recovery file and its key; refused for another station's file,
    a wrong key, or a file used here before. The use is noted in the keyring (once per file)."""
    if doc["station_id"] != keyring.station_id:
        raise RecoveryFileError(RecoveryFileError.OTHER_STATION,
                                {"station": f"{doc['station_name']}（{doc['station_code']}）"}, kind="other_station")
    if doc["id"] in keyring.recoveries_used():
        raise RecoveryFileError(RecoveryFileError.USED, kind="used")
    raw = parse_recovery_key(key_text)
    data_key = None
    if raw is not None:
        try:
            salt = _unb64(doc["salt"])
        except ValueError:
            salt = None
        if salt is not None:
            data_key = _unwrap(derive(raw, b"legalaid county recovery", salt), doc,
                               _slot_name(doc["station_id"], doc["id"]))
    if data_key is None:
        raise RecoveryFileError(RecoveryFileError.WRONG_KEY, kind="wrong_key")
    unlocked = keyring.unlock_with_data_key(data_key)
    keyring.note_recovery_used(unlocked, doc["id"])
    return unlocked


def record_recovery(db, user: str, recovery_id: str) -> None:
    """The station's audit trail: who set a new password after the county's recovery file opened the station."""
    audit.record(db, user, audit.RECOVERED, "county_recovery", recovery_id)
