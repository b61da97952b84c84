"""`python -m desktop backup` and `python -m desktop restore BACKUP`: backups from a console or a script.

    python -m desktop backup [--data-dir DIR] [--to FOLDER] [--keep N]
    python -m desktop restore BACKUP [--data-dir DIR] [--yes]

`backup` makes a checked backup as the station's settings say (folder, how many to keep, the
second folder on a USB drive); it runs while the program is open. `restore` verifies the backup,
asks before it replaces anything (unless --yes), and refuses while the program has the data folder
open. BACKUP is a backup folder, or the name of one in the station's backup folder
("20240601-093012"), or "latest".

Exit status: 0 done; 1 the backup is damaged or did not pass its check (nothing changed);
2 cannot run (no station, a folder that cannot be written, the program is open); 3 not confirmed.
Every refusal is Chinese with the English after it in brackets (desktop/cli_text.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, TextIO

from desktop.records.backup import (BackupCancelled, BackupError, BackupInfo, backup_folder, backup_info,
                                    backup_station, list_backups, read_settings, restore_backup, verify_backup)
from desktop.records.audit import COMMAND_LINE
from desktop.cli_text import gloss, gloss_error, megabytes, say
from desktop.records.db import database_path
from desktop.records.errors import UserFacingError
from desktop.records.i18n import QT_TRANSLATE_NOOP, in_chinese

NO_DATABASE = QT_TRANSLATE_NOOP("CLI", "There is no station database in {path}.")
STOPPED_NO_BACKUP = QT_TRANSLATE_NOOP("CLI", "Stopped; no backup was made.")
BACKUP_MADE = QT_TRANSLATE_NOOP("CLI", "Backup made and checked: {path}")
TOOK = QT_TRANSLATE_NOOP("CLI", "{what}; {seconds} s")
ALSO_COPIED = QT_TRANSLATE_NOOP("CLI", "also copied to {path}")
WARNING = QT_TRANSLATE_NOOP("CLI", "Warning: {text}")
NO_BACKUP = QT_TRANSLATE_NOOP("CLI", "There is no backup {name}: give a backup folder (with manifest.json) or the "
                                     "name of one in {folder}.")
PROGRAM_OPEN = QT_TRANSLATE_NOOP("CLI", "The program is open on this data folder. Close it, then restore again; "
                                        "nothing was changed.")
CHECKING = QT_TRANSLATE_NOOP("CLI", "Checking the backup {path} ...")
STOPPED_NOTHING_CHANGED = QT_TRANSLATE_NOOP("CLI", "Stopped; nothing was changed.")
RECOVERY_KEY_PROMPT = QT_TRANSLATE_NOOP("CLI", "The recovery key of the backup's station (printed when it was set up): ")
DAMAGED = QT_TRANSLATE_NOOP("CLI", "The backup {path} is damaged and cannot be restored; nothing was changed:")
AND_MORE = QT_TRANSLATE_NOOP("CLI", "... and {count} more")
INTACT = QT_TRANSLATE_NOOP("CLI", "The backup is intact: {what}.")
ASK_RESTORE = QT_TRANSLATE_NOOP("CLI", "Replace the station's data in {path} with this backup? Everything recorded "
                                       "after {when} will no longer be in the program.")
KEPT_BESIDE = QT_TRANSLATE_NOOP("CLI", "The current database is kept beside it as station.db.before-restore-...")
TYPE_YES = QT_TRANSLATE_NOOP("CLI", "Type yes (or 是) to restore: ")
NOT_RESTORED = QT_TRANSLATE_NOOP("CLI", "Not restored; nothing was changed.")
RESTORED = QT_TRANSLATE_NOOP("CLI", "Restored {path} into {data_dir}.")
REPLACED_KEPT = QT_TRANSLATE_NOOP("CLI", "The database it replaced is kept as {path}.")
FILES_PUT_BACK = QT_TRANSLATE_NOOP("CLI", "{count} attachment file(s) were put back into the vault.")
DESCRIBED = QT_TRANSLATE_NOOP("CLI", "made {when}, {size}, {consultations} consultations, {applications} "
                                     "applications, {persons} persons, {files} attachment files")
FILES_ABSENT = QT_TRANSLATE_NOOP("CLI", ", {count} attachment files missing")
BACKED_UP = QT_TRANSLATE_NOOP("CLI", "backed up {done} of {total}")
CHECKED = QT_TRANSLATE_NOOP("CLI", "checked {done} of {total}")

EXIT_OK, EXIT_DAMAGED, EXIT_CANNOT_RUN, EXIT_NOT_CONFIRMED = 0, 1, 2, 3
LOCK_FILE = "station.lock"  # the running program's lock in the data folder (desktop/ui/single_instance.py)


def run_backup(data_dir: Path, to: Path | None = None, keep: int | None = None,
               out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Make one checked backup; print where it is, what it holds and any warning."""
    out, err = _console(out, err)
    data_dir = Path(data_dir)
    if not database_path(data_dir).is_file():
        print(gloss(NO_DATABASE, path=data_dir), file=err)
        return EXIT_CANNOT_RUN
    try:
        info = backup_station(data_dir, to=to, keep=keep, progress=_progress_printer(err, BACKED_UP))
    except BackupError as exc:
        _end_progress(err)
        print(gloss_error(exc), file=err)
        for problem in exc.problems[1:10]:
            print(f"  {in_chinese(problem)}", file=err)
        return EXIT_DAMAGED if exc.kind == "check_failed" else EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        _end_progress(err)
        print(say(STOPPED_NO_BACKUP), file=err)
        return EXIT_CANNOT_RUN
    _end_progress(err)
    print(say(BACKUP_MADE, path=info.path), file=out)
    print("  " + say(TOOK, what=describe(info), seconds=f"{info.seconds:.1f}"), file=out)
    for copy in info.copies:
        print("  " + say(ALSO_COPIED, path=copy), file=out)
    for warning in info.warnings:
        print(say(WARNING, text=in_chinese(warning)), file=out)
    return EXIT_OK


def run_restore(backup: str, data_dir: Path, *, yes: bool = False, out: TextIO | None = None,
                err: TextIO | None = None, ask: Callable[[str], str] | None = None) -> int:
    """Verify `backup`, ask, and put it in place as the station's data in `data_dir`."""
    out, err = _console(out, err)
    data_dir = Path(data_dir)
    _unlock_station(data_dir)
    try:
        path = find_backup(backup, data_dir)
    except BackupError as exc:  # the backup folder cannot be read
        print(gloss_error(exc), file=err)
        return EXIT_CANNOT_RUN
    if path is None:
        print(gloss(NO_BACKUP, name=backup, folder=backup_folder(data_dir, _settings(data_dir))), file=err)
        return EXIT_CANNOT_RUN
    lock = _take_program_lock(data_dir)
    if lock is False:
        print(gloss(PROGRAM_OPEN), file=err)
        return EXIT_CANNOT_RUN
    if not _unlock_backup(path, data_dir, err):
        return EXIT_CANNOT_RUN
    try:
        info = backup_info(path)
        print(say(CHECKING, path=path), file=out)
        try:
            problems = verify_backup(path, _progress_printer(err, CHECKED))
        except KeyboardInterrupt:
            _end_progress(err)
            print(say(STOPPED_NOTHING_CHANGED), file=err)
            return EXIT_NOT_CONFIRMED
        _end_progress(err)
        if problems:
            print(gloss(DAMAGED, path=path), file=err)
            for problem in problems[:20]:
                print(f"  {in_chinese(problem)}", file=err)
            if len(problems) > 20:
                print("  " + say(AND_MORE, count=len(problems) - 20), file=err)
            return EXIT_DAMAGED
        print(say(INTACT, what=describe(info)), file=out)
        current = database_path(data_dir)
        question = (say(ASK_RESTORE, path=data_dir, when=_when(info))
                    + (say(KEPT_BESIDE) if current.exists() else "") + say(TYPE_YES))
        if not yes:
            answer = (ask or _ask)(question)
            if answer.strip().lower() not in ("y", "yes", "是"):
                print(say(NOT_RESTORED), file=out)
                return EXIT_NOT_CONFIRMED
        try:
            restored = restore_backup(path, data_dir, check=False, user=COMMAND_LINE)  # verified just above
        except UserFacingError as exc:  # a BackupError; or the data folder's own keyring is damaged
            print(gloss_error(exc), file=err)
            return EXIT_DAMAGED if isinstance(exc, BackupError) and exc.kind == "damaged" else EXIT_CANNOT_RUN
        except BackupCancelled:
            return EXIT_NOT_CONFIRMED
    finally:
        if lock not in (None, False):
            lock.unlock()
    print(say(RESTORED, path=path, data_dir=data_dir), file=out)
    if restored.previous is not None:
        print("  " + say(REPLACED_KEPT, path=restored.previous), file=out)
    if restored.objects_restored:
        print("  " + say(FILES_PUT_BACK, count=restored.objects_restored), file=out)
    return EXIT_OK


def _unlock_station(data_dir: Path) -> None:
    """This station unlocked by its machine credential when it has one (its settings name the backup folder)."""
    from desktop.records.errors import UserFacingError
    from desktop.records.keyring import Keyring
    from desktop.records.signin import is_unlocked, unlock_with_credential

    if Keyring.exists(data_dir) and not is_unlocked(data_dir):
        try:
            unlock_with_credential(data_dir)
        except UserFacingError:
            pass  # a restore onto this folder asks for the backup's recovery key instead


def _unlock_backup(backup: Path, data_dir: Path, err: TextIO) -> bool:
    """The backup's station unlocked in this process: by this station's machine credential when the backup is
    this station's, else by the recovery key printed when that station was set up (read from standard input:
    restoring is done by a person, never by a scheduled task)."""
    from desktop.account_cli import read_secret, refusal
    from desktop.records.errors import UserFacingError
    from desktop.records.keyring import KEYRING_FILE, Keyring, KeyringError
    from desktop.records.signin import SignInError, remember, unlocked_keyring

    if not (backup / KEYRING_FILE).is_file():
        return True  # an older version's plaintext backup
    try:
        unlocked_keyring(backup / KEYRING_FILE)
        return True
    except SignInError:
        pass
    except KeyringError:
        return True  # its keyring.json is damaged: the check refuses the backup as damaged, not as a station's keyring
    try:
        unlocked = Keyring.read(backup / KEYRING_FILE).unlock_with_recovery_key(
            read_secret(say(RECOVERY_KEY_PROMPT)))
    except UserFacingError as error:
        print(refusal("restore", error), file=err)
        return False
    remember(data_dir, unlocked)
    return True


def find_backup(name: str, data_dir: Path) -> Path | None:
    """A backup folder from what was typed: a path (to the folder, its manifest or its station.db),
    a backup's name in the station's backup folder, or "latest". BackupError when that folder cannot be read."""
    given = Path(name)
    if given.is_file() and given.name in ("manifest.json", "station.db"):
        given = given.parent
    if (given / "manifest.json").is_file():
        return given.resolve()
    backups = list_backups(backup_folder(data_dir, _settings(data_dir)))
    if name == "latest" and backups:
        return backups[0].path.resolve()
    for info in backups:
        if info.name == name:
            return info.path.resolve()
    return None


def describe(info: BackupInfo) -> str:
    """One line for people: when, how big, what it holds."""
    return (say(DESCRIBED, when=_when(info), size=megabytes(info.size_bytes),
                consultations=info.count("consultations"), applications=info.count("applications"),
                persons=info.count("persons"), files=info.objects)
            + (say(FILES_ABSENT, count=info.absent) if info.absent else ""))


def _when(info: BackupInfo) -> str:
    return info.when.strftime("%Y-%m-%d %H:%M")


def _settings(data_dir: Path):
    from desktop.records.signin import SignInError

    try:
        return read_settings(data_dir)
    except (BackupError, SignInError):  # no station yet, or not this process's to open: the defaults
        from desktop.records.settings import StationSettings

        return StationSettings()


def _take_program_lock(data_dir: Path):
    """The lock the running program holds on its data folder: None when Qt is missing (not checked),
    False when the program has it, else the held lock (released after the restore). The restore
    itself also refuses while any connection has the database open."""
    try:
        from PySide6.QtCore import QLockFile
    except ImportError:
        return None
    if not data_dir.is_dir():
        return None
    lock = QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)
    if not lock.tryLock(0):
        return False
    return lock


def _ask(question: str) -> str:
    try:
        return input(question)
    except EOFError:  # not a console: only --yes restores
        return ""


def _console(out: TextIO | None, err: TextIO | None) -> tuple[TextIO, TextIO]:
    out, err = out or sys.stdout, err or sys.stderr
    for stream in (out, err):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # Chinese folder names must not crash a cp936 console
            reconfigure(errors="replace")
    return out, err


def _progress_printer(err: TextIO, words: str):
    if not (hasattr(err, "isatty") and err.isatty()):
        return None

    def progress(done: int, total: int) -> None:
        print("\r" + say(words, done=megabytes(done), total=megabytes(total)), end="", file=err, flush=True)

    return progress


def _end_progress(err: TextIO) -> None:
    if hasattr(err, "isatty") and err.isatty():
        print(file=err)
