"""Checking a backup: the database copy's hash, integrity and row counts, every object re-hashed."""

from __future__ import annotations

import logging
from pathlib import Path

from ..db import DATABASE_FILE
from ..errors import DAMAGED_PAGES, NO_KEY, UserFacingError, reason_of
from ..i18n import Reason
from ..sqlcipher import connect, sqlite3
from .files import _backup_key, _counts, _hash_file, _hash_object, _objects_key, _Meter, _object_path, _short_error
from .manifest import _read_manifest
from .model import BackupError, Cancelled, Problem, Problems, Progress

log = logging.getLogger(__package__)


def verify_backup(path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None) -> list[str]:
    """What is wrong with the backup at `path`: an empty list when it is intact.

    Checks its manifest (manifest.py), the database copy's size and SHA-256, `PRAGMA integrity_check`, every
    table's row count against the manifest, and every listed attachment file's size and SHA-256. Each problem is
    a `Problem` (a str that also carries its translatable message). Raises BackupCancelled.
    """
    return _check(Path(path), _Meter(progress, cancelled))


def _check(folder: Path, meter: "_Meter") -> list[str]:
    try:
        manifest = _read_manifest(folder)
    except BackupError as exc:
        return exc.problems
    database, objects = manifest["database"], manifest["objects"]
    if not meter.total:  # a check on its own: its progress runs over what the manifest lists
        meter.total = database["size"] + sum(entry["size"] for entry in objects)
    problems: list[str] = []
    copy = folder / DATABASE_FILE
    if not copy.is_file():
        problems.append(Problem(Problems.DATABASE_MISSING, file=copy.name))
    else:
        try:
            size, sha256 = _hash_file(copy, meter)
        except OSError as exc:
            problems.append(Problem(Problems.UNREADABLE, file=copy.name, error=_short_error(exc)))
        else:
            if (size, sha256) != (database["size"], database["sha256"]):
                problems.append(Problem(Problems.DATABASE_CHANGED))
            problems.extend(_check_database(copy, manifest["counts"]))
    try:
        key = _objects_key(folder) if objects else None
    except BackupError as exc:  # its keyring.json is damaged: none of its files can be opened
        return list(dict.fromkeys(problems + exc.problems))  # (the database's check may have said so already)
    for entry in objects:
        meter.check()
        sha256, size = entry["sha256"], entry["size"]
        path = _object_path(folder, sha256)
        try:
            found_size, found = _hash_object(path, key, meter)
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
        conn = connect(copy.resolve().as_uri() + "?mode=ro", _backup_key(copy.parent), uri=True)
    except BackupError as exc:  # its keyring.json is missing or damaged
        return exc.problems
    except UserFacingError:  # its station is not unlocked here
        return [Problem(Problems.DATABASE_DAMAGED, detail=Reason(NO_KEY))]
    except sqlite3.Error as exc:
        return [Problem(Problems.DATABASE_DAMAGED, detail=reason_of(exc))]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        if rows != ["ok"]:  # (SQLite's own report is English: the log keeps it)
            log.warning("a backup's database copy fails its integrity check: %s", "; ".join(rows[:5]))
            return [Problem(Problems.DATABASE_DAMAGED, detail=Reason(DAMAGED_PAGES))]
        found = _counts(conn)
    except sqlite3.Error as exc:
        return [Problem(Problems.DATABASE_DAMAGED, detail=reason_of(exc))]
    finally:
        conn.close()
    return [Problem(Problems.COUNT, table=table, found=found.get(table, "no"), expected=n)
            for table, n in sorted(expected.items()) if found.get(table) != n]
