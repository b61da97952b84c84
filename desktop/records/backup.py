"""Backups of a station, checked when made, and a verified restore.

A backup is a folder named after the moment it was made, `BACKUPS/20240601-093012/`:

    station.db       the database at one instant (rollback-journal mode: it opens read-only, alone)
    manifest.json    what the backup holds: the database's size and SHA-256, the row count of every
                     table, every attachment object the database references (sha256, size), the
                     station's public keys
    objects/ab/cd..  those attachment files, named by their SHA-256 exactly as in the vault
    keys/*.pub       the station key's public part (the private key never leaves DATA/keys)

How one is made (`make_backup`), on a connection of its own, never the UI's:

1. A read transaction is opened on the live database and everything is read inside it: the row
   counts, the attachment list, and the pages (sqlite3 `Connection.backup`, a few MB a step, with
   progress and cancel). In WAL mode that snapshot does not stop the clerks' saves, and since the
   reading transaction stays open between steps SQLite never restarts the copy: the copy is the
   database exactly as it was when the transaction began, and the counts are that instant's counts.
2. Attachment objects are copied incrementally: a file already in the previous backup (same name =
   same content) is hard-linked from it when both are on one file system, otherwise copied from
   the vault. Backups therefore share unchanged files with each other, never with the live vault:
   a backup on the same disk is still a real second copy. Objects are read-only and never change,
   so a hard link cannot be modified through another backup; a damaged shared file is found by the
   check below (every backup re-hashes every object) and replaced by a fresh copy from the vault.
   A vault file that is missing or damaged is taken from an older backup when one has it intact
   (so rotation never throws away the last good copy); failing that it is listed as `absent` and
   reported as a warning, and the database is still backed up.
3. Everything is written under `<name>.partial/` and fsynced; the backup is then CHECKED exactly as
   `verify_backup` checks it later (`PRAGMA integrity_check` on the copy, its SHA-256, every table's
   row count against the snapshot's, every object re-hashed). A failed check deletes the folder and
   raises `BackupError`; only a backup that passed is renamed to its final name. A crash leaves a
   `.partial` folder, which is never listed and which the next backup removes.
4. Rotation keeps the newest `keep` backups. When a second folder is set (a USB drive) the checked
   backup is copied there the same way (hard links when that drive can, full copies on FAT/exFAT)
   and rotated there too; an absent drive or a failed copy is a warning, never a failure.

`restore_backup` verifies the backup first, moves the current database (and its -wal/-shm) aside
to `station.db.before-restore-<stamp>` (never deleted), copies the backup's database into place,
puts back vault objects that are missing or damaged, and checks that the result opens, migrates
and holds the backup's rows. It refuses while another connection has the database open.

Qt-free. User-facing messages are English, marked for translation (context "Backup").
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterable

import sqlite_utils

from .db import DATABASE_FILE, database_path, open_database
from .errors import StorageError, UserFacingError
from .fsutil import fsync_dir
from .i18n import QT_TRANSLATE_NOOP
from .migrations import CURRENT_VERSION
from .settings import StationSettings, load_settings

try:  # POSIX: a lock tells the cleaner which .partial folder is still being written
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which protects the folder the same way
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

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
    RESTORE_WRITE = QT_TRANSLATE_NOOP("Backup", "The backup could not be copied into {folder} ({error}). The previous database is unchanged. Check the disk's free space and permissions.")

    def __init__(self, message: str, params: dict[str, str] | None = None, *, kind: str = "backup",
                 problems: Iterable[str] = ()):
        super().__init__(message, params, kind=kind)
        self.problems = list(problems)


class BackupCancelled(Exception):
    """The clerk cancelled; nothing was left behind."""


class Problem(str):
    """One thing wrong with a backup: a plain English string that also keeps its message and values,
    so the UI can translate it (context "Backup")."""

    message: str
    params: dict[str, str]

    def __new__(cls, message: str, **params: Any) -> "Problem":
        values = {k: str(v) for k, v in params.items()}
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


# -- making a backup ---------------------------------------------------------------------------------------

def make_backup(station_or_paths: Any, target_dir: Path, *, keep: int, progress: Progress | None = None,
                cancelled: Cancelled | None = None, also_to: Path | None = None) -> BackupInfo:
    """Back up the station's database and the attachment files it references into `target_dir/<stamp>/`.

    `station_or_paths` is a Station, Services or the data folder; only its path is used (the backup
    reads on a connection of its own). `progress(done, total)` counts bytes; `cancelled()` true stops
    it (BackupCancelled, nothing left behind). The backup is checked before it counts; rotation then
    keeps the newest `keep`. `also_to`: a second folder (USB drive) that gets a checked copy when present.
    Raises BackupError (with a message for the clerk) or BackupCancelled.
    """
    started = time.monotonic()
    data_dir = data_dir_of(station_or_paths)
    source = database_path(data_dir)
    if not source.is_file():
        raise BackupError(BackupError.NO_DATABASE, {"folder": str(data_dir)}, kind="no_database")
    target_dir = Path(target_dir)
    params = {"folder": str(target_dir)}
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(exc, params) from exc
    clean_partials(target_dir)
    previous = _complete_backups(target_dir)
    removable = _removable_target(also_to, target_dir)
    meter = _Meter(progress, cancelled)
    partial, lock = _new_partial(target_dir, params)
    try:
        try:
            manifest, from_older, problems = _write_backup(data_dir, partial, previous, meter, bool(removable))
        except OSError as exc:
            raise _write_error(exc, params) from exc
        if problems:
            raise BackupError(BackupError.CHECK_FAILED, {"problem": problems[0]}, kind="check_failed", problems=problems)
        final = _publish(partial, lock, target_dir, params)
        lock = None
    except BaseException:
        _discard(partial, lock)
        raise
    rotate(target_dir, keep, protect=final)  # only now: old backups go once the new one has passed its check
    warnings = []
    if manifest["absent"]:
        warnings.append(Problem(Warnings.ABSENT, count=len(manifest["absent"])))
    if from_older:
        warnings.append(Problem(Warnings.FROM_OLDER, count=from_older))
    copies: list[Path] = []
    if also_to is not None and removable is None:
        warnings.append(Problem(Warnings.REMOVABLE_ABSENT, folder=also_to, primary=target_dir))
    elif removable is not None:
        try:
            copies.append(copy_backup(final, removable, keep=keep, meter=meter))
        except (BackupError, BackupCancelled, OSError) as exc:
            log.warning("could not copy backup %s to %s: %r", final, removable, exc)
            error = "cancelled" if isinstance(exc, BackupCancelled) else _short_error(exc)
            warnings.append(Problem(Warnings.REMOVABLE_FAILED, folder=removable, primary=target_dir, error=error))
    meter.finish()
    info = replace(_info(final, manifest), warnings=tuple(warnings), copies=tuple(copies),
                   seconds=time.monotonic() - started)
    log.info("backed up %s to %s in %.1f s (%d objects)", data_dir, final, info.seconds, info.objects)
    return info


def _write_backup(data_dir: Path, partial: Path, previous: list[Path], meter: "_Meter",
                  second_copy: bool) -> tuple[dict[str, Any], int, list[str]]:
    """Fill the `.partial` folder and check it: (manifest, objects taken from older backups, problems)."""
    started = time.monotonic()
    manifest = _snapshot(database_path(data_dir), partial / DATABASE_FILE, meter, extra_passes=2 if second_copy else 1)
    _copy_public_keys(data_dir / KEYS_DIR, partial / KEYS_DIR)
    vault_objects = data_dir / VAULT_DIR / OBJECTS_DIR
    manifest["objects"], manifest["absent"], from_older = _gather_objects(
        manifest.pop("_objects"), vault_objects, previous, partial, meter)
    manifest["source"] = str(data_dir)
    manifest["elapsed_seconds"] = round(time.monotonic() - started, 3)
    _write_json(partial / MANIFEST_FILE, manifest)
    fsync_dir(partial)
    problems = _repair_objects(partial, _check(partial, meter),
                               [vault_objects, *(b / OBJECTS_DIR for b in previous)], meter)
    lost = {p.params["sha256"] for p in problems if getattr(p, "message", None) in _OBJECT_PROBLEMS}
    if lost:  # no intact copy anywhere (a shared file gone bad, and the vault's too): list them as absent
        manifest["absent"] += [o for o in manifest["objects"] if o["sha256"] in lost]
        manifest["objects"] = [o for o in manifest["objects"] if o["sha256"] not in lost]
        for sha256 in lost:
            _remove_file(_object_path(partial, sha256))
        os.unlink(partial / MANIFEST_FILE)
        _write_json(partial / MANIFEST_FILE, manifest)
        problems = [p for p in problems if getattr(p, "message", None) not in _OBJECT_PROBLEMS]
    return manifest, from_older, problems


def copy_backup(backup: Path, target_dir: Path, *, keep: int, meter: "_Meter | None" = None) -> Path:
    """Copy a complete backup into `target_dir` (a USB drive), checked, then rotate there. Returns its path.

    Objects the previous backup there already has are hard-linked when the drive can, else copied.
    Raises BackupError or OSError; a failed copy leaves nothing behind.
    """
    backup, target_dir = Path(backup), Path(target_dir)
    meter = meter or _Meter(None, None)
    params = {"folder": str(target_dir)}
    manifest = _read_manifest(backup)
    if manifest is None:
        raise BackupError(BackupError.NOT_A_BACKUP, {"path": str(backup)}, kind="not_a_backup")
    target_dir.mkdir(parents=True, exist_ok=True)
    clean_partials(target_dir)
    previous = _complete_backups(target_dir)
    if (target_dir / backup.name).exists():
        return target_dir / backup.name
    partial, lock = _new_partial(target_dir, params, backup.name)
    try:
        try:
            _copy_file(backup / DATABASE_FILE, partial / DATABASE_FILE, meter, read_only=True)
            if (backup / KEYS_DIR).is_dir():
                _copy_public_keys(backup / KEYS_DIR, partial / KEYS_DIR)
            older_roots = [b / OBJECTS_DIR for b in previous]
            for entry in manifest.get("objects") or []:
                sha256 = entry["sha256"]
                target = _object_path(partial, sha256)
                if _link_from(older_roots, sha256, target):
                    meter.add(entry["size"])
                else:
                    _copy_file(_object_path(backup, sha256), target, meter, read_only=True)
            _sync_object_folders(partial)
            _write_json(partial / MANIFEST_FILE, manifest)
            fsync_dir(partial)
            problems = _repair_objects(partial, _check(partial, meter), [backup / OBJECTS_DIR], meter)
        except OSError as exc:
            raise _write_error(exc, params) from exc
        if problems:
            raise BackupError(BackupError.CHECK_FAILED, {"problem": problems[0]}, kind="check_failed", problems=problems)
        final = _publish(partial, lock, target_dir, params, backup.name)
        lock = None
    except BaseException:
        _discard(partial, lock)
        raise
    rotate(target_dir, keep, protect=final)
    return final


def _snapshot(source: Path, copy: Path, meter: "_Meter", extra_passes: int) -> dict[str, Any]:
    """Copy the database as of one instant, with that instant's counts and attachment list."""
    try:
        src = _connect(source)
    except sqlite3.Error as exc:
        raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": str(exc)}, kind="source") from exc
    try:
        try:
            src.execute("BEGIN")  # one read transaction: everything below sees the same instant
            schema = src.execute("PRAGMA user_version").fetchone()[0]
            counts = _counts(src)
            objects = _referenced_objects(src)
            keys = _public_keys(src)
            page_size = src.execute("PRAGMA page_size").fetchone()[0]
            db_bytes = src.execute("PRAGMA page_count").fetchone()[0] * page_size
        except sqlite3.Error as exc:
            raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": str(exc)}, kind="source") from exc
        object_bytes = sum(size for _, size in objects)
        # copying the pages, hashing the copy and re-checking it; objects copied and re-hashed; the USB copy
        meter.total = db_bytes * 3 + object_bytes * 2 + (db_bytes * 2 + object_bytes * 2) * (extra_passes - 1)
        dest = sqlite3.connect(str(copy), isolation_level=None)
        try:
            done_before = meter.done

            def step(_status: int, remaining: int, pages: int) -> None:
                meter.set(done_before + (pages - remaining) * page_size)  # raises BackupCancelled to abort

            try:
                src.backup(dest, pages=max(16, STEP_BYTES // page_size), progress=step)
            except sqlite3.Error as exc:
                if "full" in str(exc).lower():
                    raise OSError(errno.ENOSPC, str(exc)) from exc
                raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": str(exc)}, kind="source") from exc
            meter.set(done_before + db_bytes)
            # self-contained: no -wal/-shm needed, opens read-only from a USB drive or a CD
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        src.execute("COMMIT")
    finally:
        src.close()
    _sync_path(copy)
    size, sha256 = _hash_file(copy, meter)
    from desktop import __version__

    return {"kind": MANIFEST_KIND, "format": MANIFEST_FORMAT, "created_at": _now_iso(), "app_version": __version__,
            "schema_version": schema, "database": {"file": DATABASE_FILE, "size": size, "sha256": sha256},
            "counts": counts, "keys": keys, "_objects": objects}


def _gather_objects(objects: list[tuple[str, int]], vault_objects: Path, previous: list[Path], partial: Path,
                    meter: "_Meter") -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Put every referenced object into the backup: linked from the last backup, or copied from the vault
    (hash-checked while copying); a damaged or missing vault file from an older backup that has it intact."""
    listed, absent, from_older = [], [], 0
    older_roots = [b / OBJECTS_DIR for b in previous]
    for sha256, size in objects:
        meter.check()
        target = _object_path(partial, sha256)
        if _link_from(older_roots[:1], sha256, target):
            meter.add(size)
            listed.append({"sha256": sha256, "size": size})
            continue
        found = _copy_first_intact([vault_objects, *older_roots], sha256, target, meter)
        if found is None:
            log.warning("vault object %s is missing or damaged and no earlier backup has it", sha256)
            absent.append({"sha256": sha256, "size": size})
            continue
        if found != 0:
            from_older += 1
            log.warning("vault object %s is missing or damaged; backed up an intact copy from an older backup", sha256)
        listed.append({"sha256": sha256, "size": size})
    _sync_object_folders(partial)
    return listed, absent, from_older


_OBJECT_PROBLEMS = (Problems.OBJECT_CHANGED, Problems.OBJECT_MISSING)


def _repair_objects(partial: Path, problems: list[str], roots: list[Path], meter: "_Meter") -> list[str]:
    """Replace damaged or missing objects of a new backup (a hard-linked copy gone bad in an older
    backup) with intact ones from `roots`, in order; the problems that remain."""
    remaining = []
    for problem in problems:
        sha256 = getattr(problem, "params", {}).get("sha256")
        if getattr(problem, "message", None) not in _OBJECT_PROBLEMS or not sha256:
            remaining.append(problem)
            continue
        target = _object_path(partial, sha256)
        _remove_file(target)  # the link only: the older backup keeps its (damaged) file and reports it when verified
        if _copy_first_intact(roots, sha256, target, meter) is None:
            remaining.append(problem)
        else:
            log.warning("object %s was damaged in an earlier backup; copied it afresh", sha256)
    _sync_object_folders(partial)
    return remaining


def _link_from(roots: list[Path], sha256: str, target: Path) -> bool:
    """Hard-link the object from the first object folder in `roots` that has it (same name, same content).
    False when none has it or the file system cannot link (another drive, FAT): the caller copies."""
    for root in roots:
        found = root / sha256[:2] / sha256[2:]
        if not found.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(found, target)
            return True
        except FileExistsError:
            return True
        except OSError:
            return False
    return False


def _copy_first_intact(roots: list[Path], sha256: str, target: Path, meter: "_Meter") -> int | None:
    """Copy the object from the first folder in `roots` whose file has the right SHA-256.

    The index of that folder in `roots`, or None when none has it intact (nothing is left at `target`).
    A full or unwritable target raises OSError; an unreadable source is skipped.
    """
    for index, root in enumerate(roots):
        source = root / sha256[:2] / sha256[2:]
        if not source.is_file():
            continue
        try:
            if _copy_file(source, target, meter, read_only=True) == sha256:
                return index
        except _SourceUnreadable as exc:
            log.warning("cannot read %s: %s", source, exc)
        _remove_file(target)
    return None


def _sync_object_folders(backup: Path) -> None:
    objects = backup / OBJECTS_DIR
    if objects.is_dir():
        for folder in objects.iterdir():
            fsync_dir(folder)
        fsync_dir(objects)


# -- checking ---------------------------------------------------------------------------------------------

def verify_backup(path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None) -> list[str]:
    """What is wrong with the backup at `path`: an empty list when it is intact.

    Checks the database copy's size and SHA-256, `PRAGMA integrity_check`, every table's row count
    against the manifest, and every listed attachment file's size and SHA-256. Each problem is a
    `Problem` (a str that also carries its translatable message). Raises BackupCancelled.
    """
    return _check(Path(path), _Meter(progress, cancelled, total_from=Path(path)))


def _check(folder: Path, meter: "_Meter") -> list[str]:
    manifest = _read_manifest(folder)
    if manifest is None:
        return [Problem(Problems.MANIFEST)]
    problems: list[str] = []
    database = manifest.get("database") or {}
    copy = folder / str(database.get("file") or DATABASE_FILE)
    if not copy.is_file():
        problems.append(Problem(Problems.DATABASE_MISSING, file=copy.name))
    else:
        try:
            size, sha256 = _hash_file(copy, meter)
        except OSError as exc:
            problems.append(Problem(Problems.UNREADABLE, file=copy.name, error=_short_error(exc)))
        else:
            if (size, sha256) != (database.get("size"), database.get("sha256")):
                problems.append(Problem(Problems.DATABASE_CHANGED))
            problems.extend(_check_database(copy, manifest.get("counts") or {}))
    for entry in manifest.get("objects") or []:
        meter.check()
        sha256, size = str(entry.get("sha256", "")), entry.get("size")
        if not _SHA256_HEX.match(sha256):
            problems.append(Problem(Problems.MANIFEST))
            continue
        path = _object_path(folder, sha256)
        try:
            found_size, found = _hash_file(path, meter)
        except FileNotFoundError:
            problems.append(Problem(Problems.OBJECT_MISSING, sha256=sha256))
            continue
        except OSError as exc:
            problems.append(Problem(Problems.UNREADABLE, file=sha256, error=_short_error(exc)))
            continue
        if (found_size, found) != (size, sha256):
            problems.append(Problem(Problems.OBJECT_CHANGED, sha256=sha256))
    return problems


def _check_database(copy: Path, expected: dict[str, int]) -> list[str]:
    """integrity_check and row counts of a database copy, opened read-only (so its hash cannot change)."""
    try:
        conn = sqlite3.connect(copy.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [Problem(Problems.DATABASE_DAMAGED, detail=str(exc))]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        if rows != ["ok"]:
            return [Problem(Problems.DATABASE_DAMAGED, detail="; ".join(rows[:5]))]
        found = _counts(conn)
    except sqlite3.Error as exc:
        return [Problem(Problems.DATABASE_DAMAGED, detail=str(exc))]
    finally:
        conn.close()
    return [Problem(Problems.COUNT, table=table, found=found.get(table, "no"), expected=n)
            for table, n in sorted(expected.items()) if found.get(table) != n]


# -- listing and rotation -----------------------------------------------------------------------------------

def list_backups(folder: Path) -> list[BackupInfo]:
    """The complete backups in `folder`, newest first (`.partial` folders are not backups).

    A folder whose manifest cannot be read is listed with `readable=False`.
    """
    found = []
    for path in _complete_backups(Path(folder)):
        manifest = _read_manifest(path)
        if manifest is None:
            found.append(BackupInfo(path, "", readable=False))
        else:
            found.append(_info(path, manifest))
    return found


def rotate(folder: Path, keep: int, protect: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` complete backups in `folder` (at least one is kept). The removed ones.

    Newest means by name, i.e. by the clock when each was made; `protect` (the backup just made) is
    never removed, even when a clock set back gave it a name older than the others.
    """
    removed = []
    for path in _complete_backups(Path(folder))[max(1, int(keep)):]:
        if protect is not None and path == Path(protect):
            continue
        try:
            _rmtree(path)
            removed.append(path)
            log.info("removed old backup %s", path)
        except OSError as exc:
            log.warning("could not remove old backup %s: %s", path, exc)
    return removed


def clean_partials(folder: Path) -> list[Path]:
    """Remove `.partial` folders left by a backup that crashed or was cut off; skip one still being written."""
    removed = []
    try:
        candidates = [p for p in Path(folder).iterdir() if p.name.endswith(PARTIAL_SUFFIX) and p.is_dir()]
    except OSError:
        return removed
    for partial in candidates:
        if _being_written(partial):
            continue
        try:
            _rmtree(partial)
            removed.append(partial)
            log.info("removed %s, left by an interrupted backup", partial)
        except OSError as exc:
            log.info("left %s in place: %s", partial, exc)
    return removed


def _complete_backups(folder: Path) -> list[Path]:
    try:
        entries = [p for p in folder.iterdir() if NAME_PATTERN.match(p.name) and p.is_dir()]
    except OSError:
        return []
    return sorted(entries, key=lambda p: _name_key(p.name), reverse=True)


def _name_key(name: str) -> tuple[str, int]:
    """"20240601-093012-2" sorts after "20240601-093012" (two backups in one second)."""
    return name[:15], int(name[16:] or 1)


def _being_written(partial: Path) -> bool:
    lock = partial / WRITING_LOCK
    if not lock.exists():
        return False
    if fcntl is None:
        try:
            os.unlink(lock)  # refused while the writing process has it open
        except FileNotFoundError:
            return False
        except OSError:
            return True
        return False
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


# -- restoring ---------------------------------------------------------------------------------------------

def restore_backup(backup_path: Path, data_dir: Path, *, check: bool = True, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> RestoreInfo:
    """Put the backup at `backup_path` in place as the station's data in `data_dir`.

    Verifies the backup first (`check=False` only when the caller has just verified it), refuses
    while another connection has the database open, puts back attachment files the vault lacks or
    holds damaged, moves the current database and its -wal/-shm aside to
    `station.db.before-restore-<stamp>` (kept, never deleted), copies the backup's database in, and checks that the
    result opens, migrates and holds the backup's rows; if it does not, the previous database is
    put back. Raises BackupError (nothing changed) or BackupCancelled (only before anything changed).
    """
    backup, data_dir = Path(backup_path), Path(data_dir)
    manifest = _read_manifest(backup)
    if manifest is None:
        raise BackupError(BackupError.NOT_A_BACKUP, {"path": str(backup)}, kind="not_a_backup")
    if check:
        problems = verify_backup(backup, progress, cancelled)
        if problems:
            raise BackupError(BackupError.DAMAGED, {"problem": problems[0]}, kind="damaged", problems=problems)
    schema = int(manifest.get("schema_version") or 0)
    if schema > CURRENT_VERSION:
        raise BackupError(BackupError.NEWER, {"found": str(schema), "known": str(CURRENT_VERSION)}, kind="newer")
    live = database_path(data_dir)
    if _in_use(live):
        raise BackupError(BackupError.IN_USE, kind="in_use")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    incoming = live.with_name(f"{DATABASE_FILE}.restoring-{uuid.uuid4().hex[:8]}")
    params = {"folder": str(data_dir)}
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        expected = (manifest.get("database") or {}).get("sha256")
        if _copy_file(backup / DATABASE_FILE, incoming, _Meter(None, cancelled)) != expected:
            raise BackupError(BackupError.DAMAGED, {"problem": Problem(Problems.DATABASE_CHANGED)}, kind="damaged")
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
        wrong = [t for t, n in (manifest.get("counts") or {}).items() if counts.get(t) != n]
        if wrong:
            raise StorageError(StorageError.CORRUPT, kind="corrupt")
    except StorageError as exc:
        failed = _unique(live.with_name(f"{DATABASE_FILE}.failed-restore-{stamp}"))
        for suffix in ("", "-wal", "-shm"):
            if live.with_name(live.name + suffix).exists():
                os.replace(live.with_name(live.name + suffix), failed.with_name(failed.name + suffix))
        _put_back(moved)
        raise BackupError(BackupError.RESTORE_FAILED, {"error": exc.text()}, kind="restore_failed") from exc
    log.info("restored %s into %s (previous database kept as %s, %d attachment files put back)",
             backup, data_dir, previous, restored)
    return RestoreInfo(backup, live, previous, counts, restored, schema)


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
    """Copy back the backup's attachment files that the vault lacks or holds damaged. How many."""
    objects, tmp = vault / OBJECTS_DIR, vault / "tmp"
    restored = 0
    for entry in manifest.get("objects") or []:
        sha256 = entry["sha256"]
        target = objects / sha256[:2] / sha256[2:]
        try:
            if target.is_file() and _hash_file(target)[1] == sha256:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir(parents=True, exist_ok=True)
        part = tmp / f"{uuid.uuid4().hex}.part"
        try:
            if _copy_file(_object_path(backup, sha256), part, _Meter(None, None)) != sha256:
                raise OSError(errno.EIO, f"backup object {sha256} changed while restoring")
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
        conn = sqlite3.connect(str(path), timeout=0.2, isolation_level=None)
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


# -- helpers -------------------------------------------------------------------------------------------------

class _Meter:
    """Progress in bytes over the phases of one job; also the place cancellation is noticed."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None, total_from: Path | None = None):
        self.progress, self.cancelled = progress, cancelled
        self.done, self.total = 0, 0
        self._shown = -1.0
        if total_from is not None and progress is not None:
            manifest = _read_manifest(total_from) or {}
            self.total = int((manifest.get("database") or {}).get("size") or 0) + sum(
                int(o.get("size") or 0) for o in manifest.get("objects") or [])

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
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every ordinary table (the search indexes' own tables included; virtual tables are not stored)."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


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
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
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
    data = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        value = json.loads((Path(folder) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(value, dict) or value.get("kind") != MANIFEST_KIND:
        return None
    return value


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    objects = manifest.get("objects") or []
    return BackupInfo(
        path=path, created_at=str(manifest.get("created_at") or ""),
        schema_version=int(manifest.get("schema_version") or 0), app_version=str(manifest.get("app_version") or ""),
        database_bytes=int((manifest.get("database") or {}).get("size") or 0), objects=len(objects),
        objects_bytes=sum(int(o.get("size") or 0) for o in objects), counts=dict(manifest.get("counts") or {}),
        absent=len(manifest.get("absent") or []), seconds=float(manifest.get("elapsed_seconds") or 0))


def _new_partial(target_dir: Path, params: dict[str, str], name: str | None = None) -> tuple[Path, int | None]:
    """A fresh `<stamp>.partial` folder, locked while it is written (a name no backup has yet)."""
    base = name or datetime.now().strftime("%Y%m%d-%H%M%S")
    # after every backup of the same second still there: names sort in the order the backups were made
    taken = [_name_key(p.name.removesuffix(PARTIAL_SUFFIX))[1] for p in target_dir.glob(base + "*")
             if NAME_PATTERN.match(p.name.removesuffix(PARTIAL_SUFFIX)) and p.name[:15] == base[:15]]
    first = max(taken, default=0)
    for serial in range(first, first + 1000):
        candidate = base if serial == 0 else f"{base}-{serial + 1}"
        if (target_dir / candidate).exists():
            continue
        partial = target_dir / (candidate + PARTIAL_SUFFIX)
        try:
            partial.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise _write_error(exc, params) from exc
        try:
            fd = os.open(partial / WRITING_LOCK, os.O_WRONLY | os.O_CREAT, 0o600)
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:
            _rmtree(partial)
            raise _write_error(exc, params) from exc
        return partial, fd
    raise BackupError(BackupError.CANNOT_WRITE, {**params, "error": "too many backups this second"}, kind="cannot_write")


def _publish(partial: Path, lock: int | None, target_dir: Path, params: dict[str, str], name: str | None = None) -> Path:
    """Rename the checked `.partial` folder to its final name: from now on it is a backup."""
    if lock is not None:
        os.close(lock)
    os.unlink(partial / WRITING_LOCK)
    final = target_dir / (name or partial.name[: -len(PARTIAL_SUFFIX)])
    try:
        os.rename(partial, final)
        fsync_dir(target_dir)
    except OSError as exc:
        raise _write_error(exc, params) from exc
    return final


def _discard(partial: Path, lock: int | None) -> None:
    if lock is not None:
        try:
            os.close(lock)
        except OSError:
            pass
    try:
        _rmtree(partial)
    except OSError as exc:
        log.warning("could not remove the unfinished backup %s (the next backup will): %s", partial, exc)


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


def _short_error(exc: BaseException) -> str:
    if isinstance(exc, UserFacingError):
        return exc.text()
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _parse_time(text: Any) -> datetime | None:
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return value if value.tzinfo else value.astimezone()


def _time_from_name(name: str) -> datetime | None:
    try:
        return datetime.strptime(name[:15], "%Y%m%d-%H%M%S").astimezone()
    except ValueError:
        return None
