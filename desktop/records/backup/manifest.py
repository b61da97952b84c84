"""A backup's manifest.json, read: the one place its size and every field's type and bounds are checked.

A backup folder may come from another disk or machine (a USB drive, a folder copied by hand, a backup of a
newer or older version), so its manifest is hostile until it has been read here. Every field the package
uses is checked once, against what `making._snapshot` writes; the callers then use the values as they are.

No manifest.json, or one that is not a backup's, is NOT_A_BACKUP. A backup's manifest that is too large, not
JSON, or has a field of the wrong type or out of bounds is DAMAGED: the folder is listed as unreadable, its
check reports it, and a restore refuses it before anything is changed. Both errors carry their Problem.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable

from ..db import DATABASE_FILE
from .files import _short_error
from .model import (_SHA256_HEX, MANIFEST_FILE, MANIFEST_KIND, BackupError, BackupInfo, Problem, Problems,
                    _parse_time)

# ~100 bytes an attachment file: some 300,000 files (a busy station attaches a few thousand a year)
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
_MAX_TEXT = 32 * 1024  # a folder's path (Windows allows 32,767 characters), a time, a version, a station's name
_MAX_COUNT = 2 ** 63 - 1  # sizes and row counts: SQLite's and the file systems' integers


def _read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the backup in `folder`, every field checked (see the module's docstring).

    Raises BackupError: kind "not_a_backup" without a backup's manifest.json, "damaged" when it is one but
    cannot be read, is larger than MAX_MANIFEST_BYTES, is not JSON, or has a field out of shape.
    """
    path = Path(folder) / MANIFEST_FILE
    if not path.is_file():  # (a FIFO named manifest.json would block the reader)
        raise _not_a_backup(folder)
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_MANIFEST_BYTES + 1)
    except OSError as exc:
        raise BackupError.damaged([Problem(Problems.UNREADABLE, file=MANIFEST_FILE, error=_short_error(exc))]) from exc
    if len(data) > MAX_MANIFEST_BYTES:
        raise BackupError.damaged([Problem(Problems.MANIFEST_TOO_LARGE, limit=MAX_MANIFEST_BYTES // (1024 * 1024))])
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, an integer of 5,000 digits, nested too deep
        raise BackupError.damaged([Problem(Problems.MANIFEST)]) from exc
    if not isinstance(value, dict) or value.get("kind") != MANIFEST_KIND:
        raise _not_a_backup(folder)
    field = _field_out_of_shape(value)
    if field is not None:
        raise BackupError.damaged([Problem(Problems.MANIFEST_FIELD, field=field)])
    return value


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    """What the list shows of a backup, from its checked manifest."""
    objects = manifest["objects"]
    return BackupInfo(
        path=path, created_at=manifest.get("created_at", ""), schema_version=manifest["schema_version"],
        app_version=manifest.get("app_version", ""), database_bytes=manifest["database"]["size"],
        objects=len(objects), objects_bytes=sum(o["size"] for o in objects), counts=dict(manifest["counts"]),
        absent=len(manifest.get("absent", [])), seconds=float(manifest.get("elapsed_seconds", 0)))


def _not_a_backup(folder: Path) -> BackupError:
    return BackupError(BackupError.NOT_A_BACKUP, {"path": str(folder)}, kind="not_a_backup",
                       problems=[Problem(Problems.MANIFEST)])


# -- the fields, as making._snapshot writes them ---------------------------------------------------------

def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= _MAX_TEXT


def _count(value: Any) -> bool:
    return type(value) is int and 0 <= value <= _MAX_COUNT  # (not a bool, not 3.0)


def _sha256(value: Any) -> bool:
    return isinstance(value, str) and _SHA256_HEX.match(value) is not None


def _time(value: Any) -> bool:
    return _text(value) and _parse_time(value) is not None


def _seconds(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and 0 <= value <= _MAX_COUNT


def _database(value: Any) -> bool:
    return (isinstance(value, dict) and value.get("file", DATABASE_FILE) == DATABASE_FILE  # never a path elsewhere
            and _count(value.get("size")) and _sha256(value.get("sha256")))


def _counts(value: Any) -> bool:
    return isinstance(value, dict) and all(_text(table) and _count(n) for table, n in value.items())


def _files(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(entry, dict) and _sha256(entry.get("sha256")) and _count(entry.get("size")) for entry in value)


def _station(value: Any) -> bool:
    return isinstance(value, dict) and all(_text(value.get(key, "")) for key in ("code", "name"))


def _keys(value: Any) -> bool:  # the station's public keys, for people: nothing reads them
    return isinstance(value, list) and all(isinstance(key, dict) for key in value)


_REQUIRED: dict[str, Callable[[Any], bool]] = {
    "schema_version": _count, "database": _database, "counts": _counts, "objects": _files}
_OPTIONAL: dict[str, Callable[[Any], bool]] = {  # absent from some older versions' backups
    "format": _count, "created_at": _time, "app_version": _text, "source": _text, "elapsed_seconds": _seconds,
    "absent": _files, "station": _station, "keys": _keys}


def _field_out_of_shape(manifest: dict[str, Any]) -> str | None:
    """The name of the first field that is missing (when required) or not what a backup writes; None when all fit."""
    for name, fits in _REQUIRED.items():
        if name not in manifest or not fits(manifest[name]):
            return name
    for name, fits in _OPTIONAL.items():
        if name in manifest and not fits(manifest[name]):
            return name
    return None
