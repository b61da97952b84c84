"""Errors the core raises: storage problems a clerk can act on, and invalid input.

A `StorageError` carries an English message marked for translation (context
"Storage"); the UI shows it in Chinese. Anything else escaping the core is a bug.
"""

from __future__ import annotations

import errno
from .sqlcipher import sqlite3
from typing import TYPE_CHECKING

from .i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from .validation import Issue


class UserFacingError(Exception):
    """A problem the clerk can act on: an English message (marked for translation in `context`) and its values."""

    context = ""  # each kind's translation context ("Storage", "Backup", ...): the command lines translate by it

    def __init__(self, message: str, params: dict[str, str] | None = None, *, kind: str = ""):
        self.message = message
        self.params = params or {}
        self.kind = kind
        super().__init__(self.text())

    def text(self) -> str:
        """The English message with its values filled in (the UI translates `message` first)."""
        return self.message.format(**self.params)


class StorageError(UserFacingError):
    """The database cannot be used as asked; `message` tells the clerk why and what to do."""

    context = "Storage"

    CORRUPT = QT_TRANSLATE_NOOP("Storage", "The database file is damaged or is not a station database. Restore it from a backup or contact the county's IT helper.")
    LOCKED = QT_TRANSLATE_NOOP("Storage", "The database is busy in another window or program. Wait a moment and try again.")
    READ_ONLY = QT_TRANSLATE_NOOP("Storage", "The data folder is read-only, so nothing can be saved. Check the folder's permissions.")
    DISK_FULL = QT_TRANSLATE_NOOP("Storage", "The disk is full, so nothing was saved. Free some space and save again; what you typed is kept.")
    CANNOT_OPEN = QT_TRANSLATE_NOOP("Storage", "The database file cannot be opened. Check that the data folder exists and can be written.")
    NEWER_SCHEMA = QT_TRANSLATE_NOOP("Storage", "This database was made by a newer version of the program (schema {found}, this program knows {known}). Install the newer version; the file was not changed.")
    IO = QT_TRANSLATE_NOOP("Storage", "The disk could not be read or written. Check the disk and try again.")

    def __init__(self, message: str, params: dict[str, str] | None = None, *, kind: str = "storage"):
        super().__init__(message, params, kind=kind)


def storage_error_from(exc: BaseException) -> StorageError:
    """Map a sqlite3 or OS error onto the message a clerk can act on."""
    text = str(exc).lower()
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return StorageError(StorageError.DISK_FULL, kind="disk_full")
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StorageError(StorageError.READ_ONLY, kind="read_only")
        return StorageError(StorageError.IO, kind="io")
    if "locked" in text or "busy" in text:
        return StorageError(StorageError.LOCKED, kind="locked")
    if "readonly" in text or "read-only" in text:
        return StorageError(StorageError.READ_ONLY, kind="read_only")
    if "full" in text:
        return StorageError(StorageError.DISK_FULL, kind="disk_full")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageError(StorageError.CORRUPT, kind="corrupt")
    if "unable to open" in text:
        return StorageError(StorageError.CANNOT_OPEN, kind="cannot_open")
    if "disk i/o" in text:
        return StorageError(StorageError.IO, kind="io")
    return StorageError(StorageError.IO, kind="io")


class ValidationFailed(Exception):
    """The record was not saved: at least one field is invalid."""

    def __init__(self, issues: "list[Issue]"):
        self.issues = issues
        super().__init__("; ".join(f"{i.field}: {i.text()}" for i in issues))


class VersionConflict(Exception):
    """Somebody saved the record since this copy was loaded; nothing was overwritten."""

    MESSAGE = QT_TRANSLATE_NOOP("Storage", "This record was changed in another window since you opened it (now version {current}). Your changes were not saved; copy them, reopen the record and enter them again.")

    def __init__(self, record_id: str, expected: int, current: int):
        self.record_id, self.expected, self.current = record_id, expected, current
        super().__init__(self.MESSAGE.format(current=current))


class RecordNotFound(KeyError):
    pass


def is_sqlite_error(exc: BaseException) -> bool:
    return isinstance(exc, (sqlite3.Error, OSError))
