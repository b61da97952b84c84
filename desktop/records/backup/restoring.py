"""Restoring a backup: verified first, the current database kept aside, the result checked."""

from __future__ import annotations

import errno
import logging
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import audit
from ..db import DATABASE_FILE, database_key, database_path, open_database, write_transaction
from ..errors import StorageError, reason_of
from ..fsutil import fsync_dir
from ..keyring import KEYRING_FILE, Keyring, write_private_file
from ..signin import remember
from ..migrations import CURRENT_VERSION, RETIRED_TABLES
from ..sqlcipher import connect, sqlite3
from .checking import verify_backup
from .owner import check_own_station
from ..vault_files import SEALED_MARK, is_sealed, plain_digest
from .files import (_copy_file, _copy_object, _counts, _keyring_of, _Meter, _object_path, _objects_key, _remove_file,
                    _short_error, _unique)
from .manifest import _read_manifest
from .model import (BEFORE_RESTORE, OBJECTS_DIR, VAULT_DIR, BackupError, Cancelled, Problem, Problems, Progress,
                    RestoreInfo)

log = logging.getLogger(__package__)


def restore_backup(backup_path: Path, data_dir: Path, *, check: bool = True, progress: Progress | None = None,
                   cancelled: Cancelled | None = None, user: str = audit.COMMAND_LINE) -> RestoreInfo:
    """Put the backup at `backup_path` in place as the station's data in `data_dir`.

    Verifies the backup first (`check=False` only when the caller has just verified it), refuses
    while another connection has the database open, puts back attachment files the vault lacks or
    holds damaged, moves the current database and its -wal/-shm aside to
    `station.db.before-restore-<stamp>` (kept, never deleted), copies the backup's database in, and checks that the
    result opens, migrates and holds the backup's rows; if it does not, the previous database is
    put back. The audit trail goes on: the entries made since the backup are carried over from the
    previous database and the restore by `user` is the next entry (desktop/records/audit.py). Raises BackupError (nothing changed) or BackupCancelled (only before anything changed).
    A manifest out of shape or a damaged keyring.json is refused as damaged, whatever `check` says.
    """
    backup, data_dir = Path(backup_path), Path(data_dir)
    manifest = _read_manifest(backup)  # BackupError: not a backup, or a damaged one
    check_own_station(backup, data_dir)  # another station's backup: said so, before its key is looked for
    if check:
        problems = verify_backup(backup, progress, cancelled)
        if problems:
            raise BackupError.damaged(problems)
    schema = manifest["schema_version"]
    if schema > CURRENT_VERSION:
        raise BackupError(BackupError.NEWER, {"found": str(schema), "known": str(CURRENT_VERSION)}, kind="newer")
    live = database_path(data_dir)
    if _in_use(live):
        raise BackupError(BackupError.IN_USE, kind="in_use")
    _adopt_keyring(backup, data_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    incoming = live.with_name(f"{DATABASE_FILE}.restoring-{uuid.uuid4().hex[:8]}")
    params = {"folder": str(data_dir)}
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        expected = manifest["database"]["sha256"]
        if _copy_file(backup / DATABASE_FILE, incoming, _Meter(None, cancelled)) != expected:
            raise BackupError.damaged([Problem(Problems.DATABASE_CHANGED)])
        # the files first: adding to a content-addressed vault is harmless if the rest fails
        restored = _restore_objects(backup, manifest, data_dir / VAULT_DIR)
    except OSError as exc:
        _remove_file(incoming)
        raise BackupError(BackupError.RESTORE_WRITE, {**params, "error": _short_error(exc)}, kind="restore_write") from exc
    except BaseException:
        _remove_file(incoming)
        raise
    previous = _unique(live.with_name(f"{DATABASE_FILE}.{BEFORE_RESTORE}-{stamp}")) if live.exists() else None
    moved: list[tuple[Path, Path]] = []
    try:
        if previous is not None:
            for suffix in ("", "-wal", "-shm"):  # the WAL keeps its name beside its database: it opens as one
                here = live.with_name(live.name + suffix)
                if here.exists():
                    there = previous.with_name(previous.name + suffix)
                    os.replace(here, there)
                    moved.append((here, there))
        for suffix in ("-journal", "-wal", "-shm"):  # nothing stale may be applied to the restored file
            stale = live.with_name(live.name + suffix)
            if stale.exists():
                os.replace(stale, _unique(stale.with_name(f"{stale.name}.{BEFORE_RESTORE}-{stamp}")))
        os.replace(incoming, live)
        fsync_dir(data_dir)
    except OSError as exc:
        _put_back(moved)
        _remove_file(incoming)
        raise BackupError(BackupError.RESTORE_WRITE, {**params, "error": _short_error(exc)}, kind="restore_write") from exc
    try:
        counts = _open_and_count(live)
        wrong = [t for t, n in manifest["counts"].items() if counts.get(t) != n and t not in RETIRED_TABLES]
        if wrong:
            raise StorageError(StorageError.CORRUPT, kind="corrupt")
    except StorageError as exc:
        failed = _unique(live.with_name(f"{DATABASE_FILE}.failed-restore-{stamp}"))
        for suffix in ("", "-wal", "-shm"):
            if live.with_name(live.name + suffix).exists():
                os.replace(live.with_name(live.name + suffix), failed.with_name(failed.name + suffix))
        _put_back(moved)
        raise BackupError(BackupError.RESTORE_FAILED, {"error": reason_of(exc)}, kind="restore_failed") from exc
    try:
        _continue_audit(previous, live, backup, user)
    except (StorageError, sqlite3.Error) as exc:  # the restore itself is done and checked: it stands
        log.error("the audit trail could not be carried over the restore: %s", exc)
    log.info("restored %s into %s (previous database kept as %s, %d attachment files put back)",
             backup, data_dir, previous, restored)
    return RestoreInfo(backup, live, previous, counts, restored, schema)


def _adopt_keyring(backup: Path, data_dir: Path) -> None:
    """The backup's station must be unlocked in this process (a password of then, or the recovery key);
    a data folder without a keyring (a new laptop), or with another station's, gets the backup's keyring
    (another one is kept aside as keyring.json.before-restore-<stamp>). The same station keeps its own
    keyring: its passwords may have changed since the backup. An older version's plaintext backup has no
    keyring: the station's own key encrypts it when it is opened. A damaged keyring.json: BackupError, nothing changed."""
    source = backup / KEYRING_FILE
    unlocked = _keyring_of(backup)  # SignInError: the caller asks for the recovery key first
    if unlocked is None:
        return
    here = Keyring.path_in(data_dir)
    if here.is_file():
        if Keyring.read(here).station_id == unlocked.station_id:
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        os.replace(here, _unique(here.with_name(f"{KEYRING_FILE}.{BEFORE_RESTORE}-{stamp}")))
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private_file(here, source.read_bytes())
    remember(data_dir, unlocked)


def _continue_audit(previous: Path | None, live: Path, backup: Path, user: str) -> None:
    """The audit entries made since the backup, from the database the restore replaced, then the restore's own."""
    db = open_database(live)
    try:
        with write_transaction(db) as conn:
            if previous is not None:
                try:
                    old = open_database(previous, migrate=False)
                except StorageError as exc:  # another station's database (its keyring was replaced): not ours to carry
                    log.info("no audit trail carried over the restore: %s", exc)
                else:
                    try:
                        audit.carry_over(old, conn)
                    except sqlite3.OperationalError as exc:  # a database from before the audit trail: nothing to carry
                        log.info("no audit trail carried over the restore: %s", exc)
                    finally:
                        old.conn.close()
            audit.append(conn, user, audit.RESTORED, "backup", backup.name)
    finally:
        db.conn.close()


def _open_and_count(path: Path) -> dict[str, int]:
    db = open_database(path)  # migrates a backup from an earlier version (after its own safety copy)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StorageError(StorageError.CORRUPT, kind="corrupt")
        return _counts(db.conn)
    except sqlite3.Error as exc:
        raise StorageError(StorageError.CORRUPT, kind="corrupt") from exc
    finally:
        db.conn.close()


def _restore_objects(backup: Path, manifest: dict[str, Any], vault: Path) -> int:
    """Copy back the backup's attachment files that the vault lacks or holds damaged, as they are (sealed;
    an older version's clear one is sealed at the next start: the vault's mark is taken away). How many."""
    objects, tmp = vault / OBJECTS_DIR, vault / "tmp"
    key = _objects_key(backup)
    restored = 0
    for entry in manifest["objects"]:
        sha256 = entry["sha256"]
        target = objects / sha256[:2] / sha256[2:]
        try:
            if target.is_file() and plain_digest(target, key)[1] == sha256:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir(parents=True, exist_ok=True)
        part = tmp / f"{uuid.uuid4().hex}.part"
        try:
            if _copy_object(_object_path(backup, sha256), part, _Meter(None, None), key) != sha256:
                raise OSError(errno.EIO, f"backup object {sha256} changed while restoring")
            if not is_sealed(part):
                (vault / SEALED_MARK).unlink(missing_ok=True)
            os.chmod(part, 0o444)
            if target.exists():
                os.chmod(target, 0o644)  # Windows will not replace a read-only file
            os.replace(part, target)
            fsync_dir(target.parent)
        finally:
            _remove_file(part)
        restored += 1
    return restored


def _in_use(path: Path) -> bool:
    """True when another connection (this process or another) has the database open."""
    if not path.exists():
        return False
    try:
        conn = connect(path, database_key(path.parent), timeout=0.2, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")  # WAL readers and writers hold the shared-memory lock this needs
        conn.execute("ROLLBACK")
        return False
    except sqlite3.Error as exc:
        text = str(exc).lower()
        return "locked" in text or "busy" in text  # anything else: a damaged file nobody can be using
    finally:
        conn.close()


def _put_back(moved: list[tuple[Path, Path]]) -> None:
    for here, there in reversed(moved):
        try:
            os.replace(there, here)
        except OSError as exc:
            log.error("could not put %s back as %s: %s", there, here, exc)
