"""Who may open a station, and who is at it (Qt-free): sign-in with throttling, the roles' rights, the
machine credential of scheduled tasks, and the unlocked stations of this process.

A station's data key is held in memory per data folder (`unlocked_station`), put there by a sign-in (the
window), the recovery key, or the machine credential (a command run by a scheduled task); the database,
vault and key files are opened with keys derived from it. Nothing here prompts: a command without a way in
says how to provide one.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Callable

from .errors import UserFacingError
from .i18n import QT_TRANSLATE_NOOP
from .keyring import HEAD, Keyring, KeyringError, Unlocked, create_keyring, write_private_file

THROTTLE_FILE = "signin-failures.json"
FREE_TRIES = 3  # wrong passwords before the wait starts
FIRST_WAIT_S = 5  # then 5, 10, 20 ... seconds, at most MAX_WAIT_S
MAX_WAIT_S = 300
CREDENTIAL_FILE = "machine.credential"
CREDENTIAL_ENV = "LEGALAID_MACHINE_CREDENTIAL"
_CREDENTIAL_HEADER = b"legalaid machine credential 1\n"

# What only a station head (or the recovery key) may do; every signed-in clerk may do the rest.
VOID, EXPORT, RESTORE, SETTINGS, ACCOUNTS, AUDIT = "void", "export", "restore", "settings", "accounts", "audit"
HEAD_ONLY = frozenset({VOID, EXPORT, RESTORE, SETTINGS, ACCOUNTS, AUDIT})
MACHINE_MAY = frozenset({EXPORT})  # a scheduled task writes reports; it never voids, restores or changes settings


class SignInError(UserFacingError):
    context = "Keyring"  # the translation context of its messages

    THROTTLED = QT_TRANSLATE_NOOP("Keyring", "Too many wrong passwords for {name}. Wait {seconds} seconds, then try again.")
    NOT_ALLOWED = QT_TRANSLATE_NOOP("Keyring", "Only a station head may do this ({action}). Ask the station head to sign in.")
    LOCKED = QT_TRANSLATE_NOOP("Keyring", "The station is locked: sign in first.")
    NO_CREDENTIAL = QT_TRANSLATE_NOOP("Keyring", "This command needs the station's machine credential, and none was found at {path}. A station head sets it up once with: python -m desktop credential create --data-dir DIR [--file FILE]; a scheduled task then finds it there, or in the file named by the environment variable LEGALAID_MACHINE_CREDENTIAL, or by --credential FILE.")
    BAD_CREDENTIAL = QT_TRANSLATE_NOOP("Keyring", "The file {path} is not a machine credential.")

    def __init__(self, message: str, params: dict[str, str] | None = None, *, kind: str = "signin"):
        super().__init__(message, params, kind=kind)


def may(unlocked: Unlocked, action: str) -> bool:
    """Whether whoever holds `unlocked` may do `action` (VOID, EXPORT, ...)."""
    if action not in HEAD_ONLY or unlocked.means == "recovery":
        return True
    if unlocked.means == "machine":
        return action in MACHINE_MAY
    return unlocked.account is not None and unlocked.account.role == HEAD


def require(unlocked: Unlocked, action: str, action_text: str = "") -> None:
    if not may(unlocked, action):
        raise SignInError(SignInError.NOT_ALLOWED, {"action": action_text or action}, kind="not_allowed")


# -- sign-in with a password, throttled --------------------------------------------------------------------
class Throttle:
    """Wrong passwords per account, kept in the data folder so a restart does not reset them; after
    FREE_TRIES the next try waits FIRST_WAIT_S seconds, doubling each time. `clock` is the tests' seam."""

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.time):
        self.path = Path(data_dir) / THROTTLE_FILE
        self.clock = clock

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def wait_seconds(self, name: str) -> int:
        entry = self._read().get(name) or {}
        return max(0, int(float(entry.get("until", 0)) - self.clock() + 0.999))

    def failed(self, name: str) -> None:
        data = self._read()
        failures = int((data.get(name) or {}).get("failures", 0)) + 1
        wait = 0 if failures < FREE_TRIES else min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (failures - FREE_TRIES))
        data[name] = {"failures": failures, "until": self.clock() + wait}
        write_private_file(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def succeeded(self, name: str) -> None:
        data = self._read()
        if data.pop(name, None) is not None:
            write_private_file(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def sign_in(data_dir: Path, name: str, password: str, *, clock: Callable[[], float] = time.time) -> Unlocked:
    """Unlock the station in `data_dir` as `name`. Raises SignInError (THROTTLED) or KeyringError."""
    throttle = Throttle(data_dir, clock)
    wait = throttle.wait_seconds(name)
    if wait > 0:
        raise SignInError(SignInError.THROTTLED, {"name": name, "seconds": str(wait)}, kind="throttled")
    keyring = Keyring.load(data_dir)
    try:
        unlocked = keyring.unlock_with_password(name, password)
    except KeyringError as error:
        if error.kind == "wrong_password":
            throttle.failed(name)
        raise
    throttle.succeeded(name)
    return unlocked


def found_station(data_dir: Path, head_name: str, password: str) -> tuple[Unlocked, str]:
    """A new station's keyring with its first account, a station head, signed in; returns the recovery key
    to print once."""
    _keyring, unlocked, recovery_key = create_keyring(data_dir, head_name, password)
    remember(data_dir, unlocked)
    return unlocked, recovery_key


# -- the machine credential of scheduled tasks -------------------------------------------------------------
def create_credential(data_dir: Path, by: Unlocked, given: Path | None = None) -> Path:
    """A new machine credential for `data_dir` (replacing any earlier one), written where scheduled tasks
    look for it; returns that path."""
    path = credential_path(data_dir, given)
    write_credential(path, Keyring.load(data_dir).add_machine_credential(by))
    return path


def credential_path(data_dir: Path, given: Path | None = None) -> Path:
    """Where the machine credential is: `given` (--credential), else $LEGALAID_MACHINE_CREDENTIAL, else
    machine.credential in the data folder."""
    if given is not None:
        return Path(given)
    if os.environ.get(CREDENTIAL_ENV):
        return Path(os.environ[CREDENTIAL_ENV])
    return Path(data_dir) / CREDENTIAL_FILE


def write_credential(path: Path, credential: bytes) -> None:
    """The credential file, readable by its owner only (the account scheduled tasks run as)."""
    write_private_file(path, _CREDENTIAL_HEADER + credential.hex().encode("ascii") + b"\n")


def read_credential(path: Path) -> bytes:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise SignInError(SignInError.NO_CREDENTIAL, {"path": str(path)}, kind="no_credential") from exc
    except OSError as exc:
        raise SignInError(SignInError.NO_CREDENTIAL, {"path": str(path)}, kind="no_credential") from exc
    if not data.startswith(_CREDENTIAL_HEADER):
        raise SignInError(SignInError.BAD_CREDENTIAL, {"path": str(path)}, kind="bad_credential")
    try:
        return bytes.fromhex(data[len(_CREDENTIAL_HEADER):].decode("ascii").strip())
    except ValueError as exc:
        raise SignInError(SignInError.BAD_CREDENTIAL, {"path": str(path)}, kind="bad_credential") from exc


def unlock_with_credential(data_dir: Path, given: Path | None = None) -> Unlocked:
    """Unlock `data_dir` for a scheduled task and keep it unlocked in this process. Raises SignInError or
    KeyringError (a message that says how to provide the credential); never prompts."""
    path = credential_path(data_dir, given)
    keyring = Keyring.load(data_dir)
    if not keyring.has_machine_credential():
        raise SignInError(SignInError.NO_CREDENTIAL, {"path": str(path)}, kind="no_credential")
    unlocked = keyring.unlock_with_machine_credential(read_credential(path))
    remember(data_dir, unlocked)
    return unlocked


# -- the stations unlocked in this process -----------------------------------------------------------------
_unlocked: dict[Path, Unlocked] = {}
_guard = threading.Lock()


def _folder(data_dir: Path) -> Path:
    return Path(data_dir).resolve()


def remember(data_dir: Path, unlocked: Unlocked) -> None:
    """From now on this process opens `data_dir` with `unlocked`'s keys (and records its user)."""
    with _guard:
        _unlocked[_folder(data_dir)] = unlocked


def forget(data_dir: Path) -> None:
    with _guard:
        _unlocked.pop(_folder(data_dir), None)


def unlocked_station(data_dir: Path) -> Unlocked:
    """The keys of `data_dir` in this process; SignInError(LOCKED) when nobody unlocked it."""
    with _guard:
        found = _unlocked.get(_folder(data_dir))
    if found is None:
        raise SignInError(SignInError.LOCKED, kind="locked")
    return found


def unlocked_keyring(keyring_path: Path) -> Unlocked:
    """The keys of the station whose keyring is (a copy of) `keyring_path`, unlocked in this process under
    any folder: a backup carries its station's keyring.json. SignInError(LOCKED) when none is."""
    station_id = Keyring.read(keyring_path).station_id
    with _guard:
        found = next((u for u in _unlocked.values() if station_id and u.station_id == station_id), None)
    if found is None:
        raise SignInError(SignInError.LOCKED, kind="locked")
    return found


def signed_in_user(data_dir: Path) -> str:
    """Who acts at the station in `data_dir` now: the signed-in account's name, recorded on each saved version,
    void, print, export and restore (or the scheduled task's, or the recovery key's). SignInError when locked."""
    return unlocked_station(data_dir).user


def is_unlocked(data_dir: Path) -> bool:
    with _guard:
        return _folder(data_dir) in _unlocked
