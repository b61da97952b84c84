"""Low-level helpers of the backup: the progress meter, SQLite reads, a backup's keys, copying and hashing files.

Every file written is fsynced; objects copied into a backup are made read-only.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import logging
import os
import shutil
import stat
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from ..db import DATABASE_FILE, database_key
from ..errors import reason_of
from ..i18n import Reason
from ..fsutil import write_new_file
from ..keyring import KEYRING_FILE, KeyringError, Unlocked
from ..signin import unlocked_keyring, unlocked_station
from ..sqlcipher import connect, is_plaintext, sqlite3, table_counts
from ..vault_files import plain_digest
from .model import (_SHA256_HEX, CHUNK, OBJECTS_DIR, BackupCancelled, BackupError, Cancelled, Problem, Problems,
                    Progress)

log = logging.getLogger(__package__)


class _Meter:
    """Progress in bytes over the phases of one job; also the place cancellation is noticed."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None):
        self.progress, self.cancelled = progress, cancelled
        self.done, self.total = 0, 0
        self._shown = -1.0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise BackupCancelled()

    def add(self, n: int) -> None:
        self.set(self.done + n)

    def set(self, done: int) -> None:
        self.check()
        self.done = done
        if self.progress is not None:
            total = max(self.total, self.done, 1)
            now = time.monotonic()
            if now - self._shown >= 0.05 or self.done >= total:  # a few dozen updates a second at most
                self._shown = now
                self.progress(self.done, total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(max(self.total, self.done, 1), max(self.total, self.done, 1))


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to the live database `path` (in its station's data folder, unlocked in this process)."""
    conn = connect(path, database_key(path.parent), timeout=10, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def _keyring_of(folder: Path) -> Unlocked | None:
    """The keys of the station whose keyring.json the backup `folder` carries, unlocked in this process; None
    when it carries none (an older version's backup). SignInError when that station is not unlocked here.
    A damaged keyring.json is a damaged backup (BackupError), not the station's own keyring, whose message
    would say to restore it from a backup."""
    path = Path(folder) / KEYRING_FILE
    if not path.is_file():
        return None
    try:
        return unlocked_keyring(path)
    except KeyringError as exc:
        raise BackupError.damaged([Problem(Problems.KEYRING)]) from exc


def _backup_key(folder: Path) -> bytes | None:
    """The key of the database copy in the backup `folder`: its station's (named by the keyring.json it
    carries) when that station is unlocked in this process; None for an older version's plaintext copy.
    Raises SignInError when the station is not unlocked, BackupError when its keyring.json is missing or damaged."""
    if is_plaintext(folder / DATABASE_FILE):
        return None
    keys = _keyring_of(folder)
    if keys is None:
        raise BackupError.damaged([Problem(Problems.KEYRING)])
    return keys.subkey("database")


def _objects_key(folder: Path) -> bytes | None:
    """The key of the sealed vault files in a backup `folder`: its station's vault key, named by the keyring.json
    it carries; None when it has none (an older version's backup, whose objects are in clear). Raises as
    `_keyring_of`."""
    keys = _keyring_of(folder)
    return keys.subkey("vault") if keys is not None else None


def _station_objects_key(data_dir: Path) -> bytes:
    return unlocked_station(data_dir).subkey("vault")


_counts = table_counts


def _referenced_objects(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'attachments'").fetchone() is None:
        return []
    return [(sha, int(size)) for sha, size in
            conn.execute("SELECT sha256, max(size) FROM attachments GROUP BY sha256 ORDER BY sha256")
            if isinstance(sha, str) and _SHA256_HEX.match(sha)]


def _public_keys(conn: sqlite3.Connection) -> list[dict[str, str]]:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'station_keys'").fetchone() is None:
        return []
    return [{"key_id": key_id, "public_key": base64.b64encode(bytes(public)).decode("ascii"), "created_at": created}
            for key_id, public, created in
            conn.execute("SELECT key_id, public_key, created_at FROM station_keys ORDER BY created_at, key_id")]


def _copy_public_keys(keys_dir: Path, target: Path) -> None:
    """The public part of the station key only: whoever holds a backup must not be able to sign as the station."""
    if not keys_dir.is_dir():
        return
    for public in sorted(keys_dir.glob("*.pub")):
        target.mkdir(parents=True, exist_ok=True)
        _copy_file(public, target / public.name, _Meter(None, None))


def _object_path(backup: Path, sha256: str) -> Path:
    return backup / OBJECTS_DIR / sha256[:2] / sha256[2:]


class _SourceUnreadable(OSError):
    """Reading the file to copy failed (a bad sector, a file gone): another copy may do."""


def _copy_file(source: Path, target: Path, meter: _Meter, *, read_only: bool = False) -> str:
    """Stream `source` into a new file `target`, fsynced; the SHA-256 of what was copied.

    Raises _SourceUnreadable when reading fails, OSError when writing does.
    """
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    view = memoryview(bytearray(CHUNK))
    try:
        src = open(source, "rb", buffering=0)
    except OSError as exc:
        raise _SourceUnreadable(exc.errno, exc.strerror or str(exc)) from exc
    with src:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            while True:
                try:
                    n = src.readinto(view)
                except OSError as exc:
                    raise _SourceUnreadable(exc.errno, exc.strerror or str(exc)) from exc
                if not n:
                    break
                chunk = view[:n]
                digest.update(chunk)
                while chunk:
                    chunk = chunk[os.write(fd, chunk):]
                meter.add(n)
            (os.fdatasync if hasattr(os, "fdatasync") else os.fsync)(fd)
        except BaseException:
            os.close(fd)
            _remove_file(target)
            raise
        os.close(fd)
    if read_only:
        os.chmod(target, 0o444)  # nobody edits a backup by accident
    return digest.hexdigest()


def _copy_object(source: Path, target: Path, meter: _Meter, key: bytes | None) -> str:
    """Copy a vault file as it is (sealed: a backup holds nothing in clear), read-only; the SHA-256 of its
    plaintext, "" when it does not decrypt. Raises as `_copy_file`."""
    _copy_file(source, target, meter, read_only=True)
    return plain_digest(target, key)[1]


def _hash_object(path: Path, key: bytes | None, meter: _Meter | None = None) -> tuple[int, str]:
    """(plaintext bytes, plaintext SHA-256) of a vault file in a backup; (0, "") when it does not decrypt."""
    return plain_digest(path, key, meter.add if meter is not None else None)


def _hash_file(path: Path, meter: _Meter | None = None) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    view = memoryview(bytearray(CHUNK))
    with open(path, "rb", buffering=0) as stream:
        while n := stream.readinto(view):
            digest.update(view[:n])
            size += n
            if meter is not None:
                meter.add(n)
    return size, digest.hexdigest()


def _sync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes only a file open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json(path: Path, value: dict[str, Any]) -> None:
    write_new_file(path, json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def _rmtree(path: Path) -> None:
    def writable(function, name, _exc):  # read-only objects: Windows will not delete them as they are
        os.chmod(name, stat.S_IWRITE | stat.S_IREAD)
        function(name)

    if path.exists():
        shutil.rmtree(path, onerror=writable)


def _remove_file(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except PermissionError:
        os.chmod(path, 0o644)
        os.unlink(path)


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _removable_target(also_to: Path | None, primary: Path) -> Path | None:
    """The second folder when it can be used now: it exists, or the drive it is on does (it is then made)."""
    if also_to is None:
        return None
    also_to = Path(also_to)
    try:
        if also_to.resolve() == primary.resolve():
            return None
        if also_to.is_dir():
            return also_to
        if also_to.parent.is_dir() and also_to.parent != also_to:
            also_to.mkdir(exist_ok=True)
            return also_to
    except OSError:
        return None
    return None


def _write_error(exc: OSError, params: dict[str, str]) -> BackupError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return BackupError(BackupError.DISK_FULL, params, kind="disk_full")
    return BackupError(BackupError.CANNOT_WRITE, {**params, "error": _short_error(exc)}, kind="cannot_write")


def _short_error(exc: BaseException) -> Reason:
    """Why, for a backup message's {error}: in words the window translates, never the system's English strerror."""
    return reason_of(exc)


def _now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
