"""What a backup is: folder names, limits, errors, problems and warnings, BackupInfo, RestoreInfo.

Qt-free. User-facing messages are English, marked for translation (context "Backup").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable

from ..db import DATABASE_FILE
from ..errors import UserFacingError
from ..i18n import QT_TRANSLATE_NOOP

# Folder names inside the data folder (the same as desktop.services, which records may not import).
VAULT_DIR = "vault"
KEYS_DIR = "keys"
BACKUPS_DIR = "backups"

MANIFEST_FILE = "manifest.json"
OBJECTS_DIR = "objects"
PARTIAL_SUFFIX = ".partial"
WRITING_LOCK = ".writing"
BEFORE_RESTORE = "before-restore"
MANIFEST_KIND = "legalaid-station-backup"
MANIFEST_FORMAT = 1
BACKUP_INTERVAL = timedelta(hours=24)
CHUNK = 1024 * 1024
STEP_BYTES = 4 * 1024 * 1024  # pages copied per backup step: progress and cancel every few MB
NAME_PATTERN = re.compile(r"^\d{8}-\d{6}(?:-\d+)?$")
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


# -- errors and problems --------------------------------------------------------------------------

class BackupError(UserFacingError):
    """A backup or restore did not happen; `message` (context "Backup") says why and what to do."""

    context = "Backup"  # the translation context of its messages

    NO_DATABASE = QT_TRANSLATE_NOOP("Backup", "There is no station database in {folder} to back up.")
    SOURCE_UNREADABLE = QT_TRANSLATE_NOOP("Backup", "The station database could not be read for the backup ({error}). Check the disk and try again.")
    DISK_FULL = QT_TRANSLATE_NOOP("Backup", "The disk holding {folder} is full, so the backup was not made. Free some space or choose another backup folder.")
    CANNOT_WRITE = QT_TRANSLATE_NOOP("Backup", "The backup could not be written to {folder} ({error}). Check that the folder or USB drive is there and can be written.")
    CHECK_FAILED = QT_TRANSLATE_NOOP("Backup", "The new backup did not pass its check ({problem}), so it was deleted. The station's data were not changed. Try again; if it fails again, contact the county's IT helper.")
    NOT_A_BACKUP = QT_TRANSLATE_NOOP("Backup", "{path} is not a backup made by this program (manifest.json is missing or unreadable).")
    DAMAGED = QT_TRANSLATE_NOOP("Backup", "This backup is damaged and cannot be restored: {problem}. Nothing was changed; choose another backup.")
    NEWER = QT_TRANSLATE_NOOP("Backup", "This backup was made by a newer version of the program (schema {found}, this program knows {known}). Install the newer version first; nothing was changed.")
    IN_USE = QT_TRANSLATE_NOOP("Backup", "The station's database is open in the program or another window. Close the program, then restore again; nothing was changed.")
    RESTORE_FAILED = QT_TRANSLATE_NOOP("Backup", "The restored database could not be used ({error}), so the previous database was put back. Nothing was lost; choose another backup.")
    OTHER_STATION = QT_TRANSLATE_NOOP("Backup", "This backup belongs to station {station}, not to this station, so this station's key cannot open it. Nothing was changed.")
    OTHER_STATION_UNNAMED = QT_TRANSLATE_NOOP("Backup", "This backup belongs to another station (it was made before backups named their station), so this station's key cannot open it. Nothing was changed.")
    RESTORE_WRITE = QT_TRANSLATE_NOOP("Backup", "The backup could not be copied into {folder} ({error}). The previous database is unchanged. Check the disk's free space and permissions.")
    CANNOT_LIST = QT_TRANSLATE_NOOP("Backup", "The backup folder {folder} cannot be read ({error}), so its backups are not listed. Check that the folder or USB drive is there and may be opened.")

    def __init__(self, message: str, params: dict[str, str] | None = None, *, kind: str = "backup",
                 problems: Iterable[str] = ()):
        super().__init__(message, params, kind=kind)
        self.problems = list(problems)

    @classmethod
    def damaged(cls, problems: list[str]) -> "BackupError":
        """The refusal of a damaged backup (nothing was changed): its first problem said, all of them kept."""
        return cls(cls.DAMAGED, {"problem": problems[0]}, kind="damaged", problems=problems)


class BackupCancelled(Exception):
    """The clerk cancelled; nothing was left behind."""


class Problem(str):
    """One thing wrong with a backup: a plain English string that also keeps its message and values,
    so the UI can translate it (context "Backup")."""

    context = "Backup"
    message: str
    params: dict[str, str]

    def __new__(cls, message: str, **params: Any) -> "Problem":
        values = {k: v if isinstance(v, str) else str(v) for k, v in params.items()}  # (a Reason stays one)
        text = super().__new__(cls, message.format(**values))
        text.message, text.params = message, values
        return text


class Problems:
    MANIFEST = QT_TRANSLATE_NOOP("Backup", "its manifest.json is missing or unreadable")
    DATABASE_MISSING = QT_TRANSLATE_NOOP("Backup", "the database copy {file} is missing")
    DATABASE_CHANGED = QT_TRANSLATE_NOOP("Backup", "the database copy has changed since the backup was made (its size or SHA-256 differs)")
    DATABASE_DAMAGED = QT_TRANSLATE_NOOP("Backup", "the database copy is damaged ({detail})")
    COUNT = QT_TRANSLATE_NOOP("Backup", "the table {table} has {found} rows; the backup recorded {expected}")
    OBJECT_MISSING = QT_TRANSLATE_NOOP("Backup", "the attachment file {sha256} is missing")
    OBJECT_CHANGED = QT_TRANSLATE_NOOP("Backup", "the attachment file {sha256} is damaged (its size or SHA-256 differs)")
    UNREADABLE = QT_TRANSLATE_NOOP("Backup", "{file} cannot be read ({error})")
    MANIFEST_TOO_LARGE = QT_TRANSLATE_NOOP("Backup", "its manifest.json is larger than {limit} MB, more than any backup writes")
    MANIFEST_FIELD = QT_TRANSLATE_NOOP("Backup", "its manifest.json is damaged: the field {field} is missing or is not what a backup writes")
    KEYRING = QT_TRANSLATE_NOOP("Backup", "its keyring.json, which opens it, is missing or damaged")


class Warnings:
    """Not failures: the backup was made and checked; the clerk should still know."""

    ABSENT = QT_TRANSLATE_NOOP("Backup", "{count} attachment file(s) are missing or damaged in the station's attachment folder and were not in any earlier backup either; run Tools > Check all materials.")
    FROM_OLDER = QT_TRANSLATE_NOOP("Backup", "{count} attachment file(s) are missing or damaged in the station's attachment folder; their intact copies were taken from an earlier backup.")
    REMOVABLE_ABSENT = QT_TRANSLATE_NOOP("Backup", "The second backup folder {folder} is not there (is the USB drive plugged in?); the backup was made only in {primary}.")
    REMOVABLE_FAILED = QT_TRANSLATE_NOOP("Backup", "The backup could not be copied to the second folder {folder} ({error}); it was made only in {primary}.")


# -- what a backup is --------------------------------------------------------------------------------

@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str  # ISO 8601 with the UTC offset
    schema_version: int = 0
    app_version: str = ""
    database_bytes: int = 0
    objects: int = 0
    objects_bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict, hash=False)
    absent: int = 0
    warnings: tuple[str, ...] = ()
    copies: tuple[Path, ...] = ()  # the same backup in the second folder (USB drive)
    readable: bool = True
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size_bytes(self) -> int:
        """What the backup holds (database and attachment files); shared hard links count in each backup."""
        return self.database_bytes + self.objects_bytes

    @property
    def when(self) -> datetime:
        return _parse_time(self.created_at) or _time_from_name(self.path.name) or datetime.fromtimestamp(0).astimezone()

    def count(self, table: str) -> int:
        return self.counts.get(table, 0)


@dataclass(frozen=True)
class RestoreInfo:
    backup: Path
    database: Path
    previous: Path | None  # the database that was replaced, kept beside it (None when there was none)
    counts: dict[str, int]
    objects_restored: int  # attachment files put back in the vault (missing or damaged there)
    schema_before: int  # the backup's schema version; migrated to the current one when lower


# -- settings and places -------------------------------------------------------------------------------

def data_dir_of(station_or_paths: Any) -> Path:
    """The data folder of a Station, Services, or a path to the folder (or to its station.db)."""
    if isinstance(station_or_paths, (str, os.PathLike)):
        path = Path(station_or_paths)
        return path.parent if path.name == DATABASE_FILE and path.is_file() else path
    station = getattr(station_or_paths, "station", station_or_paths)
    data_dir = getattr(station, "data_dir", None)
    if data_dir is None:
        raise TypeError(f"not a station, services or data folder: {station_or_paths!r}")
    return Path(data_dir)


# a time at the ends of the calendar cannot be put in the local zone (year 1, or before 1970 on Windows)
_BAD_TIME = (ValueError, OverflowError, OSError)


def _parse_time(text: Any) -> datetime | None:
    try:
        value = datetime.fromisoformat(str(text))
        return value if value.tzinfo else value.astimezone()
    except _BAD_TIME:
        return None


def _time_from_name(name: str) -> datetime | None:
    try:
        return datetime.strptime(name[:15], "%Y%m%d-%H%M%S").astimezone()
    except _BAD_TIME:
        return None
