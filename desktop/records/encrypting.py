"""Encrypting an older station's plaintext database in place, at the first start of this version (and an older
county's county.db, by sync/server/data_key.py: one implementation for both).

1. `sqlcipher_export` writes an encrypted copy beside it (`station.db.encrypting`), on a connection that
   reads the plaintext file as it is (its WAL included).
2. The copy is checked: it opens with the key, `PRAGMA integrity_check` says ok, and every table holds as
   many rows as in the plaintext file. A failed check removes the copy; the plaintext file stays as it was.
3. The checked copy is also kept aside as `station.before-encryption.<stamp>.bak` (encrypted, like the
   copy made before a schema migration), then put in place of the plaintext file, whose bytes are
   overwritten with zeros before it is removed (best effort: an SSD may keep old blocks; see README).
Older plaintext copies in the data folder (migration copies `*.bak`) are encrypted the same way.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Callable

from .errors import StorageError
from .fsutil import fsync_dir
from .sqlcipher import connect, is_plaintext, sqlite3, table_counts

log = logging.getLogger(__name__)

ZERO_CHUNK = 1 << 20


def encrypt_in_place(path: Path, key: bytes, progress: Callable[[int, int], None] | None = None,
                     keep_copy: bool = True) -> Path | None:
    """Replace the plaintext database at `path` by an encrypted one with the same content; returns the
    encrypted copy kept aside (None when `keep_copy` is false). Raises StorageError when the copy does not
    check out (the plaintext file is then untouched)."""
    path = Path(path)
    temp = path.with_name(path.name + ".encrypting")
    _remove_with_sidecars(temp)
    steps = 4
    _report(progress, 0, steps)
    plain = connect(path, None, isolation_level=None)
    try:
        expected = table_counts(plain)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        _report(progress, 1, steps)
        plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(temp), f"x'{key.hex()}'"))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    _report(progress, 2, steps)
    try:
        _check(temp, key, expected, version)
    except (sqlite3.Error, StorageError) as exc:
        log.error("the encrypted copy of %s did not check out: %s", path, exc)
        _remove_with_sidecars(temp)
        raise StorageError(StorageError.CORRUPT, kind="corrupt") from exc
    _report(progress, 3, steps)
    kept = None
    if keep_copy:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(f"{path.stem}.before-encryption.{stamp}.bak")
        _copy(temp, kept)
    for suffix in ("-wal", "-shm", "-journal"):
        _shred(path.with_name(path.name + suffix))
    overwrite_with_zeros(path)
    os.replace(temp, path)
    if os.name == "posix":
        os.chmod(path, 0o600)  # applicants' data: owner-only, as the plaintext file should have been
    fsync_dir(path.parent)
    log.info("encrypted %s in place (%d tables checked)", path.name, len(expected))
    _report(progress, steps, steps)
    return kept


def encrypt_old_copies(folder: Path, key: bytes) -> int:
    """Encrypt the plaintext database copies an older version left in `folder` (`*.bak`); how many."""
    done = 0
    for copy in sorted(Path(folder).glob("*.bak")):
        if is_plaintext(copy):
            encrypt_in_place(copy, key, keep_copy=False)
            done += 1
    return done


def _check(copy: Path, key: bytes, expected: dict[str, int], version: int) -> None:
    conn = connect(copy, key, isolation_level=None)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StorageError(StorageError.CORRUPT, kind="corrupt")
        if table_counts(conn) != expected or conn.execute("PRAGMA user_version").fetchone()[0] != version:
            raise StorageError(StorageError.CORRUPT, kind="corrupt")
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with open(source, "rb") as src:
            while chunk := src.read(ZERO_CHUNK):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def overwrite_with_zeros(path: Path) -> None:
    """Zeros over the plaintext before it goes (a removed file's blocks stay readable on a hard disk)."""
    try:
        with open(path, "r+b") as f:
            write_zeros(f, os.fstat(f.fileno()).st_size)
    except OSError as exc:
        log.warning("could not overwrite a plaintext file before removing it: %s", exc)


def write_zeros(f: BinaryIO, size: int) -> None:
    """Zeros over the first `size` bytes of an open file, made durable: the one way the product blanks plaintext
    (by path above; the vault through a handle it keeps on a file already replaced). OSError is the caller's."""
    f.seek(0)
    zeros = bytes(ZERO_CHUNK)
    for start in range(0, size, ZERO_CHUNK):
        f.write(zeros[:min(ZERO_CHUNK, size - start)])
    f.flush()
    os.fsync(f.fileno())


def _shred(path: Path) -> None:
    if path.exists():
        overwrite_with_zeros(path)
        path.unlink()


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.unlink()


def _report(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
