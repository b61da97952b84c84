"""The county server's storage: county.db in its data folder, one connection per thread, migrated on open.

Tables (sync/server/migrations.py): stations and station_keys, nonces (sync/server/stations.py);
changes and records (changes.py); events (decisions.py); attachments, files and file_holders
(files.py); roster, townships and reference_meta (reference.py). Each of those modules reads and
writes its own tables through a `CountyDatabase`; sync/server/county.py composes them.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from sync.server.data_key import connect, database_key, sqlite3
from sync.server.migrations import check_version, migrate

DB_FILE = "county.db"


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class WriteTurns:
    """The write transactions of one county.db in this process take turns in the order they asked.

    SQLite gives a waiting writer no place in line: its busy handler sleeps and tries again, and while the change
    writer (group_commit.py) commits group after group it finds the lock taken each time - a file's note, a nonce,
    a staff member's decision or the index lane could wait its whole 30 s timeout during a sync burst. Here each
    asks for a turn and is served first come, first served (the writer asks again after each group). A thread that
    holds the turn may ask again (nested: it passes)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._line: deque[object] = deque()
        self._holder: int | None = None
        self._depth = 0

    def waiting(self) -> int:
        """Transactions in line for their turn."""
        with self._changed:
            return len(self._line)

    @contextmanager
    def turn(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            if self._holder == me:
                self._depth += 1
            else:
                ticket = object()
                self._line.append(ticket)
                try:
                    while self._holder is not None or self._line[0] is not ticket:
                        self._changed.wait()
                except BaseException:  # interrupted in line (a signal in a command line): out of it, or all wait
                    self._line.remove(ticket)
                    self._changed.notify_all()
                    raise
                self._line.popleft()
                self._holder, self._depth = me, 1
        try:
            yield
        finally:
            with self._changed:
                self._depth -= 1
                if self._depth == 0:
                    self._holder = None
                    self._changed.notify_all()


class CountyConnection(sqlite3.Connection):
    """A county.db connection that knows its database's write turns (`transaction` takes one)."""

    turns: WriteTurns | None = None


class CountyDatabase:
    """county.db: each thread gets its own connection (WAL, synchronous=FULL); `write()` is one transaction.
    The file is encrypted with the county's data key, kept outside the folder (sync/server/data_key.py)."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_FILE
        self._local = threading.local()
        self.turns = WriteTurns()  # every write transaction of this process on this file takes its turn
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
            conn = connect(self.path, self.key, timeout=30, isolation_level=None, factory=CountyConnection)
            conn.turns = self.turns
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            self._local.conn = conn
        return conn

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.conn())


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on a county.db connection (autocommit): committed, or rolled back on any error; in
    its turn among this process's writers when the connection is a CountyDatabase's."""
    turns = getattr(conn, "turns", None)
    with turns.turn() if turns is not None else nullcontext():
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # (a failed COMMIT too: the write lock is not kept past the turn)
                conn.execute("ROLLBACK")
            raise
