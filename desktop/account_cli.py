"""The station's keys from the command line: how commands unlock, and the installer's account commands.

    python -m desktop account create-station --head NAME [--data-dir DIR]
        a new station's keyring with its first station head; the password is read from standard input
        (typed at a terminal without echo); prints the recovery key once, to be written down or printed
    python -m desktop credential create --head NAME [--file FILE] [--data-dir DIR]
    python -m desktop credential remove --head NAME [--data-dir DIR]
        the machine credential scheduled tasks unlock with (a station head's password on standard input)

Every other command (backup, sync, verify, report, ...) unlocks with the machine credential: from
--credential FILE, $LEGALAID_MACHINE_CREDENTIAL or machine.credential in the data folder. Without one it
says how to provide it and exits with status 4; it never prompts, so a scheduled task cannot hang.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from desktop.cli_text import gloss, gloss_error, say
from desktop.records.db import DATABASE_FILE
from desktop.records.errors import UserFacingError
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.keyring import Keyring

LOCKED_EXIT = 4  # no way in: no credential, a wrong one, or no keyring
NO_STATION_EXIT = 2  # as the commands say when there is no station database

NO_STATION = QT_TRANSLATE_NOOP("CLI", "{command}: there is no station in {path}. Create one with: python -m desktop "
                                      "account create-station --head NAME --data-dir DIR")
NOT_ENCRYPTED = QT_TRANSLATE_NOOP("CLI", "{command}: the station in {path} is from an earlier version. Start the "
                                         "program once (it makes the station head's account and encrypts the data), "
                                         "then create the machine credential.")
REFUSED = QT_TRANSLATE_NOOP("CLI", "{command}: refused")
STATION_EXISTS = QT_TRANSLATE_NOOP("CLI", "account: there is already a station in {path} (keyring.json).")
PASSWORD_PROMPT = QT_TRANSLATE_NOOP("CLI", "Password of {name}: ")
STATION_CREATED = QT_TRANSLATE_NOOP("CLI", "Station created; station head: {name}.")
RECOVERY_KEY_ONCE = QT_TRANSLATE_NOOP("CLI", "Recovery key (shown only this once: write it down or print it, and keep "
                                             "it locked away, apart from the laptop):")
CREDENTIAL_WRITTEN = QT_TRANSLATE_NOOP("CLI", "Machine credential written to {path}. Only the account the scheduled "
                                              "tasks run as may read it.")
CREDENTIAL_REMOVED = QT_TRANSLATE_NOOP("CLI", "Machine credential removed: {path} no longer opens the station.")


def refusal(command: str, error: UserFacingError) -> str:
    """A keyring or sign-in refusal as the command lines print one: Chinese, the English in brackets."""
    return f"{say(REFUSED, command=command)}：{gloss_error(error)}"


def unlock_command(data_dir: Path, credential: Path | None, command: str) -> int:
    """Unlock `data_dir` for `command` with the machine credential unless this process already holds its
    keys; 0, or LOCKED_EXIT (NO_STATION_EXIT) after printing why and how to provide the credential."""
    from desktop.records.signin import is_unlocked, unlock_with_credential

    if is_unlocked(data_dir):
        return 0
    if not Keyring.exists(data_dir):
        if not (Path(data_dir) / DATABASE_FILE).exists():
            print(gloss(NO_STATION, command=command, path=Path(data_dir).resolve()), file=sys.stderr)
            return NO_STATION_EXIT
        print(gloss(NOT_ENCRYPTED, command=command, path=Path(data_dir).resolve()), file=sys.stderr)
        return LOCKED_EXIT
    try:
        unlock_with_credential(data_dir, credential)
    except UserFacingError as error:
        print(refusal(command, error), file=sys.stderr)
        return LOCKED_EXIT
    return 0


def read_secret(prompt: str) -> str:
    """A password from the terminal (no echo) or one line of standard input (an installer's script)."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def run_create_station(data_dir: Path, head: str) -> int:
    from desktop.records.signin import found_station

    data_dir = Path(data_dir)
    if Keyring.exists(data_dir):
        print(gloss(STATION_EXISTS, path=data_dir.resolve()), file=sys.stderr)
        return 2
    password = read_secret(say(PASSWORD_PROMPT, name=head))
    try:
        _unlocked, recovery_key = found_station(data_dir, head, password)
    except UserFacingError as error:
        print(refusal("account", error), file=sys.stderr)
        return 1
    print(say(STATION_CREATED, name=head))
    print(say(RECOVERY_KEY_ONCE))
    print(recovery_key)
    return 0


def run_credential(data_dir: Path, action: str, head: str, file: Path | None) -> int:
    from desktop.records.signin import create_credential, credential_path, sign_in

    data_dir = Path(data_dir)
    try:
        by = sign_in(data_dir, head, read_secret(say(PASSWORD_PROMPT, name=head)))
        if action == "create":
            path = create_credential(data_dir, by, file)
            print(say(CREDENTIAL_WRITTEN, path=path))
            return 0
        Keyring.load(data_dir).remove_machine_credential(by)
    except UserFacingError as error:
        print(refusal("credential", error), file=sys.stderr)
        return LOCKED_EXIT
    path = credential_path(data_dir, file)
    path.unlink(missing_ok=True)
    print(say(CREDENTIAL_REMOVED, path=path))
    return 0
