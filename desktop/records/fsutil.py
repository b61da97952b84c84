"""Small file-system helpers for durable writes (shared by the vault and the station key)."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename or link in `folder` durable (POSIX; NTFS journals its directory changes itself)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def create_private(path: Path) -> None:
    """An empty `path`, readable by its owner only (0600), unless it exists: SQLite then opens it and keeps
    the mode, and its -wal and -shm files take the database file's."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600))


def write_new_file(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create `path` (it must not exist), write all of `data` and fsync it before closing."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
