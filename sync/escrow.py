"""The station's data key escrowed to the county, by the station head's choice (Qt-free).

The keyring wraps the data key to the county's pinned X25519 key (desktop/records/keyring.py
`escrow_to_county`); the slot, which only the county's private key opens, is kept in sync_state and carried
to the county by the next network round (POST /v1/escrow) or USB bundle (the manifest's "escrow"). Turning the
escrow off removes the slot from the keyring and carries a withdrawal: the county deletes its copy. The county
answers with the digest of what it kept, so a slot is sent until the county has it (sync/server/escrow.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Callable

from desktop.records.canonical import canonical_json
from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.keyring import Keyring, Unlocked
from sync.errors import SyncError
from sync.protocol import encode_json_gzip
from sync.state import S_ESCROW, S_ESCROW_SENT, forget_state, get_state, set_state
from sync.trust import pinned

log = logging.getLogger(__name__)

NOT_PINNED = QT_TRANSLATE_NOOP("Sync", "The station is not enrolled with the county yet, so its key cannot be "
                                       "escrowed to the county. Enroll first (Settings → County server).")


def escrowed(data_dir: Path) -> bool:
    """Whether the station's data key is escrowed to the county now (the keyring says)."""
    return Keyring.load(data_dir).escrowed_to() is not None


def choose_escrow(db, data_dir: Path, by: Unlocked, on: bool) -> None:
    """The station head's choice: escrow the data key to the pinned county key, or withdraw it. The slot (or
    the withdrawal) waits in sync_state for the next sync or bundle. Raises SyncError before enrollment,
    KeyringError for someone other than a station head."""
    keyring = Keyring.load(data_dir)
    if on:
        trust = pinned(db)
        if trust is None or trust.county_encryption_key is None:
            raise SyncError(NOT_PINNED, code="not_enrolled", detail="no county encryption key pinned")
        keyring.escrow_to_county(by, trust.county_encryption_key)
        doc = keyring.escrow_slot()
    else:
        keyring.withdraw_escrow(by)
        doc = {"station_id": keyring.station_id, "withdrawn": True}
    with write_transaction(db) as conn:
        set_state(conn, S_ESCROW, canonical_json(doc))
        forget_state(conn, S_ESCROW_SENT)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pending_escrow(db) -> dict[str, Any] | None:
    """The escrow slot or withdrawal the county has not said it kept yet (None: nothing to carry)."""
    text = get_state(db, S_ESCROW)
    if text is None or get_state(db, S_ESCROW_SENT) == _digest(text):
        return None
    return json.loads(text)


def remember_kept(conn, answer: Any) -> bool:
    """The county's answer {"kept": digest}, in the caller's transaction; True when it kept what waits."""
    text = get_state(conn, S_ESCROW)
    if text is None or not isinstance(answer, dict) or answer.get("kept") != _digest(text):
        return False
    set_state(conn, S_ESCROW_SENT, answer["kept"])
    return True


def send_escrow(db, request: Callable[[str, str, bytes], Any]) -> bool:
    """Carry a waiting escrow slot (or withdrawal) to the county; True when the county kept it. A county of
    the program before escrow has no such route: the round goes on, and the slot waits."""
    doc = pending_escrow(db)
    if doc is None:
        return False
    try:
        answer = request("POST", "/v1/escrow", encode_json_gzip(doc))
    except SyncError as exc:
        if exc.code in ("revoked", "unauthenticated", "update_required"):
            raise
        log.warning("the county kept no escrow: %s", exc)
        return False
    with write_transaction(db) as conn:
        return remember_kept(conn, answer)
