"""Making a backup: the database snapshot, the attachment objects (linked or copied), the check,
and the checked copy to a second folder (USB drive)."""

from __future__ import annotations

import errno
import logging
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..db import DATABASE_FILE, database_key, database_path
from ..errors import STOPPED, reason_of
from ..fsutil import create_private, fsync_dir
from ..i18n import Reason
from ..keyring import KEYRING_FILE
from ..sqlcipher import apply_key, sqlite3
from .checking import _check
from ..vault_files import is_sealed
from .files import (_connect, _copy_file, _copy_object, _copy_public_keys, _counts, _hash_file, _Meter, _now_iso,
                    _object_path, _objects_key, _station_objects_key, _public_keys, _referenced_objects, _removable_target,
                    _remove_file, _short_error, _SourceUnreadable, _sync_path, _write_error, _write_json)
from .manifest import _info, _read_manifest
from .owner import station_of
from .model import (KEYS_DIR, MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_KIND, OBJECTS_DIR, STEP_BYTES, VAULT_DIR,
                    BackupCancelled, BackupError, BackupInfo, Cancelled, Problem, Problems, Progress, Warnings,
                    data_dir_of)
from .rotation import _complete_backups, _discard, _new_partial, _publish, clean_partials, rotate

log = logging.getLogger(__package__)


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
            error = Reason(STOPPED) if isinstance(exc, BackupCancelled) else _short_error(exc)
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
    # the keyring travels with the backup: the recovery key (or a password of then) opens it on a new laptop
    _copy_file(data_dir / KEYRING_FILE, partial / KEYRING_FILE, _Meter(None, None))
    vault_objects = data_dir / VAULT_DIR / OBJECTS_DIR
    key = _station_objects_key(data_dir)
    manifest["objects"], manifest["absent"], from_older = _gather_objects(
        manifest.pop("_objects"), vault_objects, previous, partial, meter, key)
    manifest["source"] = str(data_dir)
    manifest["elapsed_seconds"] = round(time.monotonic() - started, 3)
    _write_json(partial / MANIFEST_FILE, manifest)
    fsync_dir(partial)
    problems = _repair_objects(partial, _check(partial, meter),
                               [vault_objects, *(b / OBJECTS_DIR for b in previous)], meter, key)
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
    Raises BackupError (also for a backup that is not one, or damaged) or OSError; a failed copy leaves nothing behind.
    """
    backup, target_dir = Path(backup), Path(target_dir)
    meter = meter or _Meter(None, None)
    params = {"folder": str(target_dir)}
    manifest = _read_manifest(backup)
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
            if (backup / KEYRING_FILE).is_file():
                _copy_file(backup / KEYRING_FILE, partial / KEYRING_FILE, meter)
            older_roots = [b / OBJECTS_DIR for b in previous]
            key = _objects_key(backup)
            for entry in manifest["objects"]:
                sha256 = entry["sha256"]
                target = _object_path(partial, sha256)
                if _link_from(older_roots, sha256, target):
                    meter.add(entry["size"])
                else:
                    _copy_object(_object_path(backup, sha256), target, meter, key)
            _sync_object_folders(partial)
            _write_json(partial / MANIFEST_FILE, manifest)
            fsync_dir(partial)
            problems = _repair_objects(partial, _check(partial, meter), [backup / OBJECTS_DIR], meter, key)
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
        raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": reason_of(exc)}, kind="source") from exc
    try:
        try:
            src.execute("BEGIN")  # one read transaction: everything below sees the same instant
            schema = src.execute("PRAGMA user_version").fetchone()[0]
            counts = _counts(src)
            objects = _referenced_objects(src)
            keys = _public_keys(src)
            station = station_of(src)  # named, so another station's backup is said to be theirs (owner.py)
            page_size = int(src.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers it as text
            db_bytes = int(src.execute("PRAGMA page_count").fetchone()[0]) * page_size
        except sqlite3.Error as exc:
            raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": reason_of(exc)}, kind="source") from exc
        object_bytes = sum(size for _, size in objects)
        # copying the pages, hashing the copy and re-checking it; objects copied and re-hashed; the USB copy
        meter.total = db_bytes * 3 + object_bytes * 2 + (db_bytes * 2 + object_bytes * 2) * (extra_passes - 1)
        create_private(copy)
        dest = sqlite3.connect(str(copy), isolation_level=None)
        try:
            apply_key(dest, database_key(source.parent))  # the copy is encrypted with the station's key
            done_before = meter.done

            def step(_status: int, remaining: int, pages: int) -> None:
                meter.set(done_before + (pages - remaining) * page_size)  # raises BackupCancelled to abort

            try:
                src.backup(dest, pages=max(16, STEP_BYTES // page_size), progress=step)
            except sqlite3.Error as exc:
                if "full" in str(exc).lower():
                    raise OSError(errno.ENOSPC, str(exc)) from exc
                raise BackupError(BackupError.SOURCE_UNREADABLE, {"error": reason_of(exc)}, kind="source") from exc
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
            "counts": counts, "keys": keys, "station": station, "_objects": objects}


def _gather_objects(objects: list[tuple[str, int]], vault_objects: Path, previous: list[Path], partial: Path,
                    meter: "_Meter", key: bytes | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
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
        found = _copy_first_intact([vault_objects, *older_roots], sha256, target, meter, key)
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


def _repair_objects(partial: Path, problems: list[str], roots: list[Path], meter: "_Meter",
                    key: bytes | None) -> list[str]:
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
        if _copy_first_intact(roots, sha256, target, meter, key) is None:
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
        if not found.is_file() or not is_sealed(found):  # an older version's clear copy is not taken on
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


def _copy_first_intact(roots: list[Path], sha256: str, target: Path, meter: "_Meter",
                       key: bytes | None) -> int | None:
    """Copy the object from the first folder in `roots` whose file's plaintext has the right SHA-256 (files
    are copied as they are, sealed; `key` opens them to check).

    The index of that folder in `roots`, or None when none has it intact (nothing is left at `target`).
    A full or unwritable target raises OSError; an unreadable source is skipped.
    """
    for index, root in enumerate(roots):
        source = root / sha256[:2] / sha256[2:]
        if not source.is_file():
            continue
        try:
            if _copy_object(source, target, meter, key) == sha256:
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
