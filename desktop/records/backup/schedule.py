"""Backups as the station's settings say: where they go, how many are kept, and when one is due.

A backup is due after real work, never for an empty station: the first once the clerks have made
FIRST_BACKUP_CHANGES changes (a saved record is two: the record and its person), then one a day while
there is new work, and one when the program closes with work that no backup holds yet, so the first
day's work is never in no backup. "Work" is counted in the history, which only grows: the changes
since the newest backup are the history's rows now less those the backup's manifest counted.
"""

from __future__ import annotations

from ..sqlcipher import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..connection import Database
from ..db import database_path
from ..errors import reason_of
from ..settings import StationSettings, load_settings
from .files import _connect
from .manifest import _read_manifest
from .making import make_backup
from .model import (BACKUP_INTERVAL, BACKUPS_DIR, BackupError, BackupInfo, Cancelled, Progress, _parse_time,
                    _time_from_name, data_dir_of)
from .rotation import _complete_backups


def backup_folder(data_dir: Path, settings: StationSettings) -> Path:
    """Where the station's backups go: the setting, or DATA/backups."""
    configured = settings.backup_folder.strip()
    return Path(configured) if configured else Path(data_dir) / BACKUPS_DIR


def read_settings(data_dir: Path) -> StationSettings:
    """The station's settings read on a connection of its own (defaults when there is no database yet)."""
    path = database_path(data_dir)
    if not path.is_file():
        return StationSettings()
    conn = _connect(path)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").fetchone() is None:
            return StationSettings()
        return load_settings(Database(conn))
    except sqlite3.Error as exc:
        raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": reason_of(exc)}, kind="source") from exc
    finally:
        conn.close()


def backup_station(station_or_paths: Any, settings: StationSettings | None = None, *, to: Path | None = None,
                   keep: int | None = None, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> BackupInfo:
    """Back up as the station's settings say: folder (or `to`), how many to keep, the second folder."""
    data_dir = data_dir_of(station_or_paths)
    settings = settings if settings is not None else read_settings(data_dir)
    removable = settings.backup_removable.strip()
    return make_backup(data_dir, Path(to) if to else backup_folder(data_dir, settings),
                       keep=keep if keep is not None else settings.backup_keep,
                       progress=progress, cancelled=cancelled, also_to=Path(removable) if removable else None)


FIRST_BACKUP_CHANGES = 10  # the first backup comes after this much work (five saved records with their people)


@dataclass(frozen=True)
class LastBackup:
    """The newest complete backup in a folder: when it was made and how much history it held."""

    made: datetime
    history: int  # rows of the history table it holds (the changes made up to it)


def last_backup(folder: Path) -> LastBackup | None:
    """The newest complete backup in `folder` (None when there is none)."""
    names = _complete_backups(Path(folder))
    if not names:
        return None
    newest = names[0]
    try:
        manifest = _read_manifest(newest)
    except BackupError:  # a damaged one: when its name says, holding none of the work
        manifest = {"counts": {}}
    made = _parse_time(manifest.get("created_at")) or _time_from_name(newest.name)
    return LastBackup(made, manifest["counts"].get("history", 0)) if made else None


def last_backup_time(folder: Path) -> datetime | None:
    """When the newest complete backup in `folder` was made (None when there is none)."""
    found = last_backup(folder)
    return found.made if found else None


def history_mark(db: Any) -> int:
    """How many changes the station has made, ever (the history only grows): one quick look at its key."""
    return db.execute("SELECT coalesce(max(seq), 0) FROM history").fetchone()[0]


def changes_since(mark: int, last: LastBackup | None) -> int:
    """Changes made since `last` was taken (all of them when there is no backup)."""
    return max(0, mark - (last.history if last else 0))


def backup_due(last: LastBackup | None, changes: int, now: datetime | None = None, *, closing: bool = False,
               interval: timedelta = BACKUP_INTERVAL) -> bool:
    """Is a backup due, with `changes` made since `last` (the newest backup, None when there is none)?

    Never without new work. The first after FIRST_BACKUP_CHANGES changes; then when the last is older
    than `interval`; and when the program closes (`closing`) with any work no backup holds.
    """
    if changes <= 0:
        return False
    now = now or datetime.now().astimezone()
    if closing:
        return True
    if last is None:
        return changes >= FIRST_BACKUP_CHANGES
    return now - last.made >= interval or last.made > now + timedelta(hours=1)  # a clock set back


def backup_if_due(station_or_paths: Any, settings: StationSettings | None = None, *, now: datetime | None = None,
                  closing: bool = False, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> BackupInfo | None:
    """The automatic backup: made when `backup_due` says so (on a connection of its own); None otherwise."""
    data_dir = data_dir_of(station_or_paths)
    settings = settings if settings is not None else read_settings(data_dir)
    folder = backup_folder(data_dir, settings)
    last = last_backup(folder)
    if not backup_due(last, changes_since(_read_mark(data_dir), last), now, closing=closing):
        return None
    return backup_station(data_dir, settings, progress=progress, cancelled=cancelled)


def _read_mark(data_dir: Path) -> int:
    path = database_path(data_dir)
    if not path.is_file():
        return 0
    conn = _connect(path)
    try:
        return history_mark(conn)
    except sqlite3.Error as exc:
        raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": reason_of(exc)}, kind="source") from exc
    finally:
        conn.close()
