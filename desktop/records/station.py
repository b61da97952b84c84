"""Opening a station's data folder: database, settings and store together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .connection import Database
from .db import database_path, open_database
from .reference import ReferenceData, default_reference
from .settings import StationSettings, load_settings, save_settings
from .store import Store


@dataclass
class Station:
    data_dir: Path
    db: Database
    store: Store

    @property
    def settings(self) -> StationSettings:
        return self.store.settings

    def update_settings(self, settings: StationSettings) -> None:
        """Save `settings`; they are the station's before the save commits, so whoever hears of the change
        (desktop.records.changes) reads the new ones. A failed save puts the old ones back."""
        previous, self.store.settings = self.store.settings, settings
        try:
            save_settings(self.db, settings)
        except BaseException:
            self.store.settings = previous
            raise

    @property
    def database_file(self) -> Path:
        return database_path(self.data_dir)

    def defer_checkpoints(self) -> None:
        """Saves stop running WAL checkpoints; the caller runs db.checkpoint() when idle (the app does)."""
        self.db.execute("PRAGMA wal_autocheckpoint = 0")

    def on_connection(self, db: Database) -> "Station":
        """This station on another connection (a worker's), with the same settings and reference data."""
        return Station(self.data_dir, db, Store(db, self.settings, self.store.reference))

    def close(self) -> None:
        self.db.conn.close()


def open_station(data_dir: Path, reference: ReferenceData | None = None) -> Station:
    """Open (creating and migrating as needed) the station in `data_dir`. Raises StorageError."""
    data_dir = Path(data_dir)
    db = open_database(database_path(data_dir))
    store = Store(db, load_settings(db), reference or default_reference())
    return Station(data_dir, db, store)
