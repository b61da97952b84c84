"""The folder of backups: new `.partial` folders and their publication, listing, rotation, leftovers."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

from ..fsutil import fsync_dir
from ..i18n import QT_TRANSLATE_NOOP, Reason
from .files import _rmtree, _short_error, _write_error
from .manifest import _info, _read_manifest
from .model import NAME_PATTERN, PARTIAL_SUFFIX, WRITING_LOCK, BackupError, BackupInfo

# a backup's {error} (a Reason, translated where the message is filled in): every name of this second is taken
TOO_MANY_THIS_SECOND = QT_TRANSLATE_NOOP("Problem", "too many backups were made in the same second; wait a moment "
                                                    "and try again")

try:  # POSIX: a lock tells the cleaner which .partial folder is still being written
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which protects the folder the same way
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__package__)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The complete backups in `folder`, newest first (`.partial` folders are not backups); none when there is
    no such folder.

    A backup whose manifest is missing or damaged is listed with `readable=False`, beside the others. Raises
    BackupError (kind "cannot_list") when the folder is there but cannot be read.
    """
    folder = Path(folder)
    try:
        paths = _backup_folders(folder)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise BackupError(BackupError.CANNOT_LIST, {"folder": str(folder), "error": _short_error(exc)},
                          kind="cannot_list") from exc
    return [backup_info(path) for path in paths]


def backup_info(path: Path) -> BackupInfo:
    """What the list shows of the backup folder `path`: `readable=False` when its manifest is missing or damaged."""
    path = Path(path)
    try:
        return _info(path, _read_manifest(path))
    except BackupError:
        return BackupInfo(path, "", readable=False)


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
    """The backup folders in `folder`, newest first; none when it cannot be read (making and rotating go on)."""
    try:
        return _backup_folders(folder)
    except OSError:
        return []


def _backup_folders(folder: Path) -> list[Path]:
    entries = [p for p in folder.iterdir() if NAME_PATTERN.match(p.name) and p.is_dir()]
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
    raise BackupError(BackupError.CANNOT_WRITE, {**params, "error": Reason(TOO_MANY_THIS_SECOND)}, kind="cannot_write")


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
