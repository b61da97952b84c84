"""Errors the core raises: storage problems a clerk can act on, and invalid input.

A `StorageError` carries an English message marked for translation (context
"Storage"); the UI shows it in Chinese. Anything else escaping the core is a bug.
"""

from __future__ import annotations

import csv
import errno
import zipfile
from .sqlcipher import sqlite3
from typing import TYPE_CHECKING

from .i18n import QT_TRANSLATE_NOOP, Reason

if TYPE_CHECKING:
    from .validation import Issue


class UserFacingError(Exception):
    """A problem the clerk can act on: an English message (marked for translation in `context`) and its values."""

    context = "Storage"

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
    # an error of the database itself, not of the disk (a missing table, a statement it refuses): not the clerk's to fix
    DATABASE = QT_TRANSLATE_NOOP("Storage", "The database reported an unexpected error; nothing was changed. The details were written to the log: tell the county's IT helper.")

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
    return StorageError(StorageError.DATABASE, kind="database")


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


# Why a file or folder could not be used, by the system's error number: the one table for every message that
# names a file the program could not read or write (the system's own words, "Permission denied", are English).
DISK_FULL = QT_TRANSLATE_NOOP("Problem", "the disk is full")
NO_PERMISSION = QT_TRANSLATE_NOOP("Problem", "there is no permission to read or write it")
READ_ONLY = QT_TRANSLATE_NOOP("Problem", "the disk or folder is read-only")
NOT_FOUND = QT_TRANSLATE_NOOP("Problem", "the file or folder cannot be found")
IS_A_FOLDER = QT_TRANSLATE_NOOP("Problem", "it is a folder, not a file")
NOT_A_FOLDER = QT_TRANSLATE_NOOP("Problem", "a part of its path is not a folder")
EXISTS = QT_TRANSLATE_NOOP("Problem", "a file of that name exists already")
IN_USE = QT_TRANSLATE_NOOP("Problem", "another program is using it; close it there and try again")
NAME_TOO_LONG = QT_TRANSLATE_NOOP("Problem", "its name or path is too long")
BAD_NAME = QT_TRANSLATE_NOOP("Problem", "the name is not valid for a file")
DISK_ERROR = QT_TRANSLATE_NOOP("Problem", "the disk could not be read or written (the disk or USB drive may be failing)")
NO_DRIVE = QT_TRANSLATE_NOOP("Problem", "the drive is not there (was the USB drive taken out?)")
TOO_MANY_OPEN = QT_TRANSLATE_NOOP("Problem", "too many files are open; close some programs and try again")
TIMED_OUT = QT_TRANSLATE_NOOP("Problem", "it took too long to answer")
CONNECTION = QT_TRANSLATE_NOOP("Problem", "the connection was refused or cut off")
SECURE_CONNECTION = QT_TRANSLATE_NOOP("Problem", "the secure connection failed (a certificate that does not match, "
                                                "or something between intercepts the connection)")
SYSTEM_REFUSED = QT_TRANSLATE_NOOP("Problem", "the system refused to read or write it")
# why a file's content could not be used
NOT_UTF8 = QT_TRANSLATE_NOOP("Problem", "its text is not in the UTF-8 encoding")
NOT_READABLE = QT_TRANSLATE_NOOP("Problem", "its content is damaged or not in the expected format")
NOT_A_ZIP = QT_TRANSLATE_NOOP("Problem", "it is not a valid ZIP file, or it is damaged")
NOT_CSV = QT_TRANSLATE_NOOP("Problem", "it cannot be read as a CSV table (check its quotation marks)")
DATABASE_DAMAGED = QT_TRANSLATE_NOOP("Problem", "the database is damaged or is not a station database")
DATABASE_BUSY = QT_TRANSLATE_NOOP("Problem", "the database is busy in another window or program")
DATABASE_NEWER = QT_TRANSLATE_NOOP("Problem", "the database was made by a newer version of the program")
DAMAGED_PAGES = QT_TRANSLATE_NOOP("Problem", "the database's own check found damaged pages in it")
NO_KEY = QT_TRANSLATE_NOOP("Problem", "this station's key does not open it (the station is not signed in here, or its "
                                      "key file is damaged)")
STOPPED = QT_TRANSLATE_NOOP("Problem", "it was stopped before the end")
NO_MEMORY = QT_TRANSLATE_NOOP("Problem", "the computer ran out of memory")
UNEXPECTED = QT_TRANSLATE_NOOP("Problem", "an unexpected error; the details were written to the log")
CANNOT_OPEN_DATABASE = QT_TRANSLATE_NOOP("Problem", "the database file cannot be opened (does its folder exist, and "
                                                    "may it be written?)")
DATABASE_ERROR = QT_TRANSLATE_NOOP("Problem", "the database reported an unexpected error; the details were written to "
                                              "the log")

_BY_ERRNO: dict[int, str] = {
    errno.ENOSPC: DISK_FULL, errno.EACCES: NO_PERMISSION, errno.EPERM: NO_PERMISSION, errno.EROFS: READ_ONLY,
    errno.ENOENT: NOT_FOUND, errno.EISDIR: IS_A_FOLDER, errno.ENOTDIR: NOT_A_FOLDER, errno.EEXIST: EXISTS,
    errno.EBUSY: IN_USE, errno.ETXTBSY: IN_USE, errno.ENAMETOOLONG: NAME_TOO_LONG, errno.EINVAL: BAD_NAME,
    errno.EIO: DISK_ERROR, errno.ENODEV: NO_DRIVE, errno.ENXIO: NO_DRIVE, errno.EMFILE: TOO_MANY_OPEN,
    errno.ENFILE: TOO_MANY_OPEN, errno.ETIMEDOUT: TIMED_OUT, errno.ECONNREFUSED: CONNECTION,
    errno.ECONNRESET: CONNECTION, errno.ECONNABORTED: CONNECTION, errno.EPIPE: CONNECTION,
}
for _name, _reason in (("EDQUOT", DISK_FULL), ("ENOMEDIUM", NO_DRIVE)):  # not on every system
    if hasattr(errno, _name):
        _BY_ERRNO[getattr(errno, _name)] = _reason
_BY_STORAGE_KIND = {"corrupt": DATABASE_DAMAGED, "locked": DATABASE_BUSY, "disk_full": DISK_FULL,
                     "read_only": READ_ONLY, "newer_schema": DATABASE_NEWER, "cannot_open": CANNOT_OPEN_DATABASE,
                     "database": DATABASE_ERROR, "io": DISK_ERROR}
_WINDOWS_IN_USE = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: errno says only EACCES


def reason_of(exc: BaseException) -> Reason:
    """Why `exc` stopped the work, in people's words (an English source of the context "Problem", translated
    where the message naming the file is filled in); the exception's own text is for the log only."""
    if isinstance(exc, StorageError):  # (its own message is a whole sentence; this is its reason, by kind)
        return Reason(_BY_STORAGE_KIND.get(exc.kind, UNEXPECTED))
    if isinstance(exc, OSError):
        if getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
            return Reason(IN_USE)
        if exc.errno in _BY_ERRNO:
            return Reason(_BY_ERRNO[exc.errno])
        if isinstance(exc, TimeoutError):
            return Reason(TIMED_OUT)
        if isinstance(exc, ConnectionError):
            return Reason(CONNECTION)
        return Reason(SYSTEM_REFUSED)
    if isinstance(exc, UnicodeError):
        return Reason(NOT_UTF8)
    if isinstance(exc, zipfile.BadZipFile):
        return Reason(NOT_A_ZIP)
    if isinstance(exc, csv.Error):
        return Reason(NOT_CSV)
    if isinstance(exc, sqlite3.Error):
        return reason_of(storage_error_from(exc))
    if isinstance(exc, ValueError):  # (json's, base64's, a number's or a key's: the content is not as expected)
        return Reason(NOT_READABLE)
    if isinstance(exc, MemoryError):
        return Reason(NO_MEMORY)
    return Reason(UNEXPECTED)


def is_sqlite_error(exc: BaseException) -> bool:
    return isinstance(exc, (sqlite3.Error, OSError))
