"""The county server composed: its database, key, stations, change log, decisions and files in one object.

`CountyStore(data_dir)` is what the HTTP API (app.py, admin.py), the admin CLI (__main__.py) and the
USB bundle import hand around. Each job lives in its own module and knows only what is below it;
this object sits above them, so none of them imports another in a circle:

    app, admin, __main__, bundle_import
      -> county (this) and reference (roster, populations: its functions take the CountyStore)
      -> changes -> files (-> file_seal: sealed at rest) -> stations -> county_key -> storage (connections, utc_now)
         -> migrations -> errors
      -> decisions -> storage
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sync.identity import StationKey
from sync.server import audit, changes, decisions, escrow, indexes, stations
from sync.server.batch_order import Turn
from sync.server.county_key import COUNTY_CENTER, CountyKey
from sync.server.file_seal import FileSeal
from sync.server.files import FileStore
from sync.server.issued import Issuer
from sync.server.nonces import Nonces
from sync.server.staff import Staff
from sync.server.storage import CountyDatabase


class CountyStore:
    """One county's data folder: county.db, the county key, the material files."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.db = CountyDatabase(self.data_dir)
        self.path = self.db.path
        indexes.periods_changed(self.db.conn())  # other deadline periods than the rows were worked out with: again
        self.county_key = CountyKey(self.data_dir)
        self.county_key.protect_private_keys()  # an older county's private keys in clear: encrypted, the same keys
        self.seal = FileSeal(self.db.key)  # the material files and issued documents, sealed with the data key
        self.files = FileStore(self.data_dir, self.db.conn, self.seal)
        self.staff = Staff(self.db)
        self.nonces = Nonces(self.db)  # replay protection (sync/server/nonces.py)
        self.issuer = Issuer(self.data_dir, self.county_key, self.seal)

    # -- storage (reference.py and admin.py read and write through these) -------------------------

    def conn(self) -> sqlite3.Connection:
        return self.db.conn()

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.db.write()

    # -- the county key --------------------------------------------------------------------------

    def init(self, name: str = COUNTY_CENTER) -> dict[str, Any]:
        """Make whatever county keys and certificates are missing (county_key.py); never replaces one."""
        return self.county_key.init(name)

    @property
    def initialised(self) -> bool:
        return self.county_key.initialised

    def key(self) -> StationKey:
        return self.county_key.key()

    def certificate(self) -> dict[str, Any]:
        return self.county_key.certificate()

    # -- stations --------------------------------------------------------------------------------

    def add_station(self, code: str, name: str, township: str, type_: str) -> str:
        """Register a station; returns its one-time enrollment code (only its hash is kept)."""
        return stations.add_station(self.db, code, name, township, type_)

    def list_stations(self) -> list[dict[str, Any]]:
        """The stations, each with what the county last found of its audit log ("audit_problem": Chinese, or "")."""
        heads = audit.station_audit(self.db)
        return [{**s, "audit_problem": audit.problem_zh(heads.get(s["code"], {}).get("problem"))}
                for s in stations.list_stations(self.db)]

    def revoke_station(self, code: str, reason: str = "") -> None:
        stations.revoke_station(self.db, code, reason)

    def enroll(self, enrollment_code: str, public_key: bytes, station_code: str,
               document_request: bytes | str) -> dict[str, Any]:
        """Certify the station's two keys under the root; the code works once, for its own station only."""
        return stations.enroll(self.db, self.county_key, enrollment_code, public_key, station_code, document_request)

    def renew(self, station: str, public_key: bytes, document_request: bytes | str) -> dict[str, Any]:
        """New certificates for an enrolled station (asked with a signed request): see stations.renew."""
        return stations.renew(self.db, self.county_key, station, public_key, document_request)

    def certificates_answer(self, code: str) -> dict[str, Any]:
        return stations.certificates_answer(self.db, self.county_key, code)

    def station_key(self, code: str) -> tuple[bytes | None, str | None]:
        """(enrolled public key, revoked_at) of a station; (None, None) when unknown or not enrolled."""
        return stations.station_key(self.db, code)

    def station_keys_for_auth(self, code: str) -> tuple[bytes | None, str | None, list[bytes]]:
        """(current key, revoked_at, the station's earlier keys) for checking a request's signature."""
        return stations.station_keys_for_auth(self.db, code)

    def use_nonce(self, station: str, nonce: str) -> bool:
        """Remember a request's nonce now, durably; False when it was seen before (a replay)."""
        return self.nonces.use(station, nonce)

    # -- changes ---------------------------------------------------------------------------------

    def apply_changes(self, station: str, entries: list[Any], clock_ahead: int = 0, nonce: str | None = None,
                      turn: Turn | None = None) -> list[dict[str, Any]]:
        """Apply each change on its own; one ack per change (sync/server/changes.py). `nonce`: the request's,
        reserved, written in the batch's transaction; `turn`: waits for the station's earlier batches in flight."""
        return changes.apply_changes(self.db, station, entries, clock_ahead, nonce, turn)

    def records(self, station: str | None = None) -> list[dict[str, Any]]:
        return changes.records(self.db, station)

    def station_changes(self, station: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        return changes.station_changes(self.db, station, after, limit)

    def change_count(self, station: str | None = None) -> int:
        return changes.change_count(self.db, station)

    # -- decisions and events --------------------------------------------------------------------

    def decide(self, kind: str, number: str | None, data: Any, by: str = COUNTY_CENTER, *,
               application_id: str | None = None, expected: int | None = None,
               account: str | None = None) -> dict[str, Any]:
        """Record a county decision as staff give it (CLI, API, workspace) on an application the county has
        received (by its number, or its id); returns the event. Its fields are checked strictly; an assignment
        names a roster member ({"lawyer": ID}) and the facts the rules need (kind, years, minors' experience,
        active) come from the roster alone. `expected`: the view's version (decisions.StaleDecision when
        another decision came since); `by`/`account`: the person's name and account (staff.py)."""
        data = decisions.check_decision_input(kind, data)
        if kind == "supplement" and "deadline" not in data and "days" not in data:
            from desktop.records.deadlines import plan_periods  # the notice names its period: the plan's, unless given

            data["days"] = plan_periods().supplement_days
        if kind == "assign":
            from sync.server.reference import assignment_from_roster  # reference sits beside this module

            data = {**{k: v for k, v in data.items() if k != "lawyer"}, **assignment_from_roster(self, data["lawyer"])}
        return decisions.decide(self.db, kind, number, data, by, application_id=application_id, expected=expected,
                                account=account, issue=self.issuer.issue)

    # -- audit trails ----------------------------------------------------------------------------

    def check_audit(self, station: str, claim: Any) -> dict[str, Any]:
        """Compare a station's audit head with what the county saw (sync/server/audit.py)."""
        return audit.check_claim(self.db, station, claim)

    def station_audit(self) -> dict[str, dict[str, Any]]:
        return audit.station_audit(self.db)

    def audit(self, account: str, action: str, record_type: str, record_id: str) -> None:
        """One entry of the county's own audit log (a member of staff saw or downloaded a record)."""
        audit.record(self.db, account, action, record_type, record_id)

    # -- escrow (sync/server/escrow.py) ------------------------------------------------------------

    def keep_escrow(self, station: str, doc: Any) -> dict[str, Any]:
        """Keep or delete a station's escrowed data key; escrow.BadEscrow when the slot is malformed."""
        return escrow.keep_escrow(self.db, self.county_key, station, doc)

    def recover_station(self, code: str, by: str) -> tuple[dict[str, Any], str]:
        """A recovery file for a station that lost every way in, and its one-time key (audited as `by`)."""
        return escrow.recover_station(self.db, self.county_key, code, by)

    def events_after(self, station: str, after: int, limit: int = 500) -> tuple[list[dict[str, Any]], int, bool]:
        return decisions.events_after(self.db, station, after, limit)

    def status_of(self, number: str) -> str | None:
        return decisions.status_of(self.db, number)
