"""The stations' data keys the county keeps in escrow, and the recovery it makes from one (Qt-free).

A station head may escrow the station's data key to the county (sync/escrow.py): the slot arrives with a
sync (POST /v1/escrow) or a USB bundle, is checked for shape and for opening with the county's private key,
and is kept per station (county step 7); a withdrawal deletes it. When a station has lost every password and
its recovery key, the center (its head or the system administrator, in the workspace or by the CLI
`python -m sync.server station recover CODE --out FILE`) makes a recovery file for that station only
(desktop/records/escrow.py): the data key wrapped under a one-time key printed apart. Every keep, withdrawal
and recovery is an entry of the county's audit log.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from desktop.records import audit as audit_log
from desktop.records.canonical import canonical_json
from desktop.records.escrow import make_recovery
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.keyring import open_escrow_slot
from sync.limits import MAX_ESCROW_FIELD_CHARS
from sync.server import audit
from sync.server.county_key import CountyKey
from sync.server.errors import CountyError
from sync.server.storage import CountyDatabase, utc_now

SLOT_FIELDS = ("station_id", "county_key", "ephemeral", "nonce", "wrapped")
NO_ESCROW = QT_TRANSLATE_NOOP("County", "Station {code} has not escrowed its key to the county (its station head "
                                        "did not choose it in Settings, or the station has not synced since), so the "
                                        "county cannot recover it.")
NOT_OPENED = QT_TRANSLATE_NOOP("County", "The escrow kept for station {code} does not open with this county's key; "
                                         "it cannot be recovered here.")


class BadEscrow(ValueError):
    """An escrow slot or withdrawal not in the expected shape (from a station: hostile until checked)."""


def check_escrow_shape(doc: Any) -> dict[str, Any]:
    """The slot ({station_id, county_key, ephemeral, nonce, wrapped}) or withdrawal ({station_id, withdrawn})
    as a station sends it; BadEscrow otherwise."""
    if not isinstance(doc, dict):
        raise BadEscrow("not an object")
    fields = ("station_id", "withdrawn") if doc.get("withdrawn") is True else SLOT_FIELDS
    if set(doc) != set(fields):
        raise BadEscrow(f"fields {sorted(doc)}, expected {sorted(fields)}")
    for name in fields:
        if name != "withdrawn" and (not isinstance(doc[name], str) or not 0 < len(doc[name]) <= MAX_ESCROW_FIELD_CHARS):
            raise BadEscrow(f"{name} is not a short text")
    return doc


def kept_digest(doc: dict[str, Any]) -> str:
    """What the station compares to know the county kept exactly what it sent (sync/escrow.py)."""
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()


def keep_escrow(db: CountyDatabase, county_key: CountyKey, station: str, doc: Any) -> dict[str, Any]:
    """Keep (or delete, for a withdrawal) a station's escrow slot; the answer names what was kept. A slot that
    the county's key does not open (sealed to another county) is not kept, and the station keeps sending it."""
    doc = check_escrow_shape(doc)
    if doc.get("withdrawn"):
        with db.write() as conn:
            conn.execute("DELETE FROM station_escrow WHERE station = ?", (station,))
            audit_log.append(conn, station, audit_log.CHANGED, "station_escrow", "withdrawn", utc_now())
        return {"kept": kept_digest(doc)}
    if _open(county_key, doc) is None:
        return {"kept": None, "reason": "not_opened"}
    with db.write() as conn:
        conn.execute("INSERT INTO station_escrow (station, keyring_id, slot, received_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(station) DO UPDATE SET keyring_id = excluded.keyring_id, slot = excluded.slot, "
                     "received_at = excluded.received_at", (station, doc["station_id"], canonical_json(doc), utc_now()))
        audit_log.append(conn, station, audit_log.CREATED, "station_escrow", doc["station_id"], utc_now())
    return {"kept": kept_digest(doc)}


def escrowed_stations(db: CountyDatabase) -> dict[str, str]:
    """Station code -> when its escrow arrived (the stations page shows who can be recovered)."""
    return dict(db.conn().execute("SELECT station, received_at FROM station_escrow").fetchall())


def _open(county_key: CountyKey, slot: dict[str, Any]) -> bytes | None:
    key = county_key.key()
    return open_escrow_slot(slot, key.agreement_public_key, key.agree)


def recover_station(db: CountyDatabase, county_key: CountyKey, code: str, by: str) -> tuple[dict[str, Any], str]:
    """A recovery file for station `code` and the one-time key that opens it (printed apart); audited as
    `by`. CountyError when the county holds no escrow of that station, or cannot open it."""
    row = db.conn().execute("SELECT e.slot, s.name FROM station_escrow e LEFT JOIN stations s ON s.code = e.station "
                            "WHERE e.station = ?", (code,)).fetchone()
    if row is None:
        raise CountyError(f"no escrow kept for station {code}", NO_ESCROW, {"code": code})
    slot = json.loads(row[0])
    data_key = _open(county_key, slot)
    if data_key is None:
        raise CountyError(f"the escrow of station {code} does not open with this county's key", NOT_OPENED,
                          {"code": code})
    doc, key_text = make_recovery(data_key, slot["station_id"], code, row[1] or code, by)
    audit.record(db, by, audit_log.RECOVERED, "station_escrow", f"{code}:{doc['id']}")
    return doc, key_text
