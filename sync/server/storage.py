"""The county server's storage: county.db in its data folder, one connection per thread, migrated on open.

Tables (sync/server/migrations.py): stations and station_keys, nonces (sync/server/stations.py);
changes and records (changes.py); events (decisions.py); attachments, files and file_holders
(files.py); roster, townships and reference_meta (reference.py). Each of those modules reads and
writes its own tables through a `CountyDatabase`; sync/server/county.py composes them.
"""

from __future__ import annotations

import os
import threading
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sync.server.data_key import connect, database_key, sqlite3
from sync.server.migrations import check_version, migrate

DB_FILE = "county.db"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class CountyDatabase:
    """county.db: each thread gets its own connection (WAL, synchronous=FULL); `write()` is one transaction.
    The file is encrypted with the county's data key, kept outside the folder (sync/server/data_key.py)."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_FILE
        self._local = threading.local()
        # a newer server's plaintext file is refused before it would be encrypted, as it is before a migration
        self.key = database_key(self.data_dir, self.path, check=lambda conn: check_version(conn, self.path))
        first = connect(self.path, self.key, timeout=30, isolation_level=None)
        try:
            migrate(first, self.path, self.key)  # before WAL is set: a newer server's file is refused untouched
        finally:
            first.close()
        if os.name == "posix":  # applicants' ID numbers and addresses: readable by the server's account only
            for path in (self.path, self.path.with_name(self.path.name + "-wal")):
                if path.exists():
                    path.chmod(0o600)

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, self.key, timeout=30, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            self._local.conn = conn
        return conn

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.conn())


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on a county.db connection (autocommit): committed, or rolled back on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
