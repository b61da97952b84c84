"""A test station's way in, made as the program makes it: the first start's station head (found_station)
and the machine credential scheduled tasks use (create_credential)."""

from __future__ import annotations

from pathlib import Path

from desktop.records.keyring import Keyring, Unlocked
from desktop.records.signin import create_credential, found_station, remember

HEAD = "李芳"
HEAD_PASSWORD = "lifang-2024"
CLERK = "王强"
CLERK_PASSWORD = "wangqiang-2024"


def provide_station(data_dir: Path, *, credential: bool = True) -> Unlocked:
    """A keyring for the new station in `data_dir` (its head signed in, unlocked in this process) and, unless
    `credential` is false, a machine credential in its default place, for subprocesses and commands. An
    existing keyring is unlocked with the head's password instead."""
    data_dir = Path(data_dir)
    if Keyring.exists(data_dir):
        unlocked = Keyring.load(data_dir).unlock_with_password(HEAD, HEAD_PASSWORD)
        remember(data_dir, unlocked)
        return unlocked
    unlocked, _recovery = found_station(data_dir, HEAD, HEAD_PASSWORD)
    if credential:
        create_credential(data_dir, unlocked)
    return unlocked


def provided(data_dir: Path) -> Path:
    """`data_dir`, with its station provided (above) unless this process already holds its keys."""
    from desktop.records.signin import is_unlocked

    if not is_unlocked(data_dir):
        provide_station(data_dir)
    return Path(data_dir)


def raw_connection(path: Path, *, read_only: bool = False, **options):
    """A plain connection to a station database file, or a copy of one beside a keyring.json (a backup's),
    keyed as the program keys it: for looking at the file itself. An older version's plaintext file opens
    without a key."""
    from desktop.records.keyring import KEYRING_FILE
    from desktop.records.signin import unlocked_keyring
    from desktop.records.sqlcipher import connect, is_plaintext

    path = Path(path)
    key = None if is_plaintext(path) else unlocked_keyring(path.parent / KEYRING_FILE).subkey("database")
    if read_only:
        return connect(path.resolve().as_uri() + "?mode=ro", key, uri=True, **options)
    return connect(path, key, **options)
