"""Backups as the station's settings say: where they go, how many are kept, and when the daily one is due."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from ..db import database_path
from ..settings import StationSettings, load_settings
from .files import _connect, _read_manifest
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
        return load_settings(sqlite_utils.Database(conn))
    except sqlite3.Error as exc:
        raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": str(exc)}, kind="source") from exc
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


def last_backup_time(folder: Path) -> datetime | None:
    """When the newest complete backup in `folder` was made (None when there is none)."""
    names = _complete_backups(Path(folder))
    if not names:
        return None
    newest = names[0]
    manifest = _read_manifest(newest)
    return (_parse_time(manifest.get("created_at")) if manifest else None) or _time_from_name(newest.name)


def backup_due(folder: Path, now: datetime | None = None, interval: timedelta = BACKUP_INTERVAL) -> bool:
    """True when the newest backup in `folder` is older than `interval` (or there is none)."""
    last = last_backup_time(folder)
    now = now or datetime.now().astimezone()
    return last is None or now - last >= interval or last > now + timedelta(hours=1)  # a clock set back


def backup_if_due(station_or_paths: Any, settings: StationSettings | None = None, *, now: datetime | None = None,
                  progress: Progress | None = None, cancelled: Cancelled | None = None) -> BackupInfo | None:
    """The daily backup: made when the last one is older than 24 hours; None when none was due."""
    data_dir = data_dir_of(station_or_paths)
    settings = settings if settings is not None else read_settings(data_dir)
    if not backup_due(backup_folder(data_dir, settings), now):
        return None
    return backup_station(data_dir, settings, progress=progress, cancelled=cancelled)
