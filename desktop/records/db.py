"""Opens the station database: the one place a connection is made.

Durability settings (WAL, synchronous=FULL) are what make "saved" mean saved. Every connection is
SQLCipher's, keyed with the "database" key derived from the data key of the station unlocked in this
process (desktop/records/signin.py); an older version's plaintext database is encrypted in place first
(desktop/records/encrypting.py). The file is created owner-only (0600; its -wal and -shm follow it).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from . import changes, plan_rows
from .connection import Database
from .encrypting import encrypt_in_place, encrypt_old_copies
from .errors import StorageError, storage_error_from
from .fsutil import create_private
from .migrations import CURRENT_VERSION, STEPS
from .schema_steps import run_steps
from .signin import SignInError, unlocked_station
from .sqlcipher import apply_key, connect, is_plaintext, sqlite3

log = logging.getLogger(__name__)

DATABASE_FILE = "station.db"
BUSY_TIMEOUT_MS = 10_000


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILE


def database_key(data_dir: Path) -> bytes:
    """The SQLCipher key of the station in `data_dir`; SignInError when it is not unlocked in this process."""
    return unlocked_station(data_dir).subkey("database")


def needs_upgrade(path: Path) -> bool:
    """True when the database at `path` exists in clear (an older version's: it will be encrypted) or with
    an older schema: opening it will first copy it aside (seconds for a large station), so the window can
    show progress for that."""
    return upgrade_of(path) == "schema"


def upgrade_of(path: Path) -> str | None:
    """What opening the database at `path` will do before its first use, read once at start: "schema" (copied aside,
    encrypted and/or migrated), "rows" (the settled rows worked out again) or None."""
    path = Path(path)
    if not path.is_file():
        return None
    if is_plaintext(path):
        return "schema"
    try:
        conn = connect(f"file:{path}?mode=ro", database_key(path.parent), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            if 0 < found < CURRENT_VERSION:
                return "schema"
            return "rows" if found == CURRENT_VERSION and plan_rows.basis_changed(conn) else None
        finally:
            conn.close()
    except (sqlite3.Error, SignInError):
        return None  # opening it for real reports what is wrong


def open_database(path: Path, *, migrate: bool = True,
                  progress: Callable[[int, int], None] | None = None) -> Database:
    """Open (creating if needed), encrypt (an older plaintext file) and migrate the database at `path`
    with the key of the station unlocked for its folder; `progress(done, total)` follows the encryption
    or the copy made before a migration.

    Raises SignInError when the station is not unlocked, StorageError with a message for the clerk when
    the file is corrupt (or not this station's: the key does not open it), locked, read-only, or made by a
    newer version (which is left untouched).
    """
    path = Path(path)
    key = database_key(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            create_private(path)
        elif migrate and is_plaintext(path):
            encrypt_in_place(path, key, progress)
            encrypt_old_copies(path.parent, key)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               factory=changes.WatchedConnection)
    except (sqlite3.Error, OSError) as exc:
        raise storage_error_from(exc) from exc
    try:
        apply_key(conn, key)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > CURRENT_VERSION:
            raise StorageError(StorageError.NEWER_SCHEMA, {"found": str(found), "known": str(CURRENT_VERSION)},
                               kind="newer_schema")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate and found < CURRENT_VERSION:
            _migrate(conn, path, found, progress)
        if migrate:  # the cases an upgrade marked (or a crash left marked) get their settled rows now
            plan_rows.catch_up(conn, progress)
        changes.watch(conn, path)  # after migrating: a schema step may rebuild a watched table
    except StorageError:
        conn.close()
        raise
    except (sqlite3.Error, sqlite3.Warning, OSError) as exc:  # Warning: SQLCipher's "one statement at a time"
        conn.close()
        raise storage_error_from(exc) from exc
    return Database(conn)


def _migrate(conn: sqlite3.Connection, path: Path, found: int,
             progress: Callable[[int, int], None] | None = None) -> None:
    if found > 0:
        _backup_before_migration(conn, path, found, database_key(path.parent), progress)
    run_steps(conn, STEPS, found, str(path))


def _backup_before_migration(conn: sqlite3.Connection, path: Path, found: int, key: bytes,
                             progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy the database aside before changing its schema (an online backup: safe with WAL), encrypted
    with the same key."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.schema{found}.{stamp}.bak")

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        apply_key(dest, key)
        conn.backup(dest, pages=4096, progress=report)  # 16 MB a step
    finally:
        dest.close()
    log.info("backed up %s to %s before migrating", path, target)
    return target


@contextmanager
def write_transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """One durable write: BEGIN IMMEDIATE (writers queue up, never interleave) ... COMMIT.

    After the COMMIT, listeners hear what it changed (desktop.records.changes), on this thread.
    """
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise storage_error_from(exc) from exc
    changes.began(conn)
    try:
        yield conn
        plan_rows.settle_marked(conn)  # the measures' rows of what this transaction wrote, in it
    except BaseException as exc:
        if conn.in_transaction:  # after disk-full or I/O errors SQLite may have rolled back already
            conn.execute("ROLLBACK")
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise storage_error_from(exc) from exc
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise storage_error_from(exc) from exc
    changes.committed(conn)


def checkpoint(path: Path) -> None:
    """Copy the write-ahead log into the database on a connection of its own (for an idle-time worker).

    The app turns SQLite's automatic checkpoint off on its own connection, so no
    clerk's save waits for a checkpoint; this keeps the log short instead.
    """
    conn = connect(path, database_key(Path(path).parent), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        conn.close()


def integrity_ok(db: Database) -> bool:
    return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
