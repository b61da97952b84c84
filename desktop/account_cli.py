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

from desktop.records.db import DATABASE_FILE
from desktop.records.errors import UserFacingError
from desktop.records.i18n import chinese
from desktop.records.keyring import Keyring

LOCKED_EXIT = 4  # no way in: no credential, a wrong one, or no keyring
NO_STATION_EXIT = 2  # as the commands say when there is no station database


def _say(error: UserFacingError) -> str:
    context = "Keyring"
    return chinese(context, error.message).format(**error.params)


def unlock_command(data_dir: Path, credential: Path | None, command: str) -> int:
    """Unlock `data_dir` for `command` with the machine credential unless this process already holds its
    keys; 0, or LOCKED_EXIT after printing why and how to provide the credential."""
    from desktop.records.signin import is_unlocked, unlock_with_credential

    if is_unlocked(data_dir):
        return 0
    if not Keyring.exists(data_dir):
        if not (Path(data_dir) / DATABASE_FILE).exists():
            print(f"{command}: {data_dir} 没有工作站。No station database or keyring in {data_dir}: start the program "
                  "there once, or create one with: python -m desktop account create-station --head NAME",
                  file=sys.stderr)
            return NO_STATION_EXIT
        print(f"{command}: 该工作站尚未加密，请先启动一次程序（创建站长账户）。The station in {data_dir} is from an "
              "earlier version: start the program once (it encrypts the data and creates the station head's "
              "account), then create the machine credential.", file=sys.stderr)
        return LOCKED_EXIT
    try:
        unlock_with_credential(data_dir, credential)
    except UserFacingError as error:
        print(f"{command}: {_say(error)}", file=sys.stderr)
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
        print(f"account: {data_dir} 已有工作站（keyring.json）。A station already exists there.", file=sys.stderr)
        return 2
    password = read_secret(f"{head} 的密码 password: ")
    try:
        _unlocked, recovery_key = found_station(data_dir, head, password)
    except UserFacingError as error:
        print(f"account: {_say(error)}", file=sys.stderr)
        return 1
    print(f"已创建工作站，站长：{head}。Station created; station head: {head}.")
    print("恢复密钥（只显示这一次，请抄写或打印后妥善保管）Recovery key (shown once):")
    print(recovery_key)
    return 0


def run_credential(data_dir: Path, action: str, head: str, file: Path | None) -> int:
    from desktop.records.signin import create_credential, credential_path, sign_in

    data_dir = Path(data_dir)
    try:
        by = sign_in(data_dir, head, read_secret(f"{head} 的密码 password: "))
        if action == "create":
            path = create_credential(data_dir, by, file)
            print(f"机器凭据已写入 Machine credential written to: {path}")
            return 0
        Keyring.load(data_dir).remove_machine_credential(by)
    except UserFacingError as error:
        print(f"credential: {_say(error)}", file=sys.stderr)
        return LOCKED_EXIT
    path = credential_path(data_dir, file)
    path.unlink(missing_ok=True)
    print(f"机器凭据已作废 Machine credential removed: {path}")
    return 0
