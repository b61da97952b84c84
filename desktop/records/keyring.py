"""The station's keyring: one random data key, wrapped once for each way in (Qt-free).

`keyring.json` lives beside station.db and outside it, because it must be read before the database can be
opened. It holds no secret in clear. Every slot wraps the same 32-byte data key with AES-256-GCM under a
key-encryption key (KEK), the slot's name bound in as associated data so a slot cannot be moved to another:
- an account's password, stretched by Argon2id (ARGON2: 64 MiB, 3 passes, 4 lanes; about 0.3 s on a 2-core
  laptop, so a sign-in stays well under a second while each guess on a stolen disk costs the same);
- the recovery key, 160 random bits printed once at set-up (HKDF: it needs no stretching);
- the machine credential, 256 random bits in a file that scheduled tasks read (desktop/records/credential.py);
- optionally the county's escrow key: X25519 to the county's public encryption key (`escrow_to_county`).
The whole file is authenticated by an HMAC under a key derived from the data key, so a changed role, a slot
swapped between accounts or an account removed by editing the file is refused at the next unlock.
Everything else the station encrypts (database, vault, backups, its private keys) uses keys derived from the
data key with HKDF (`Unlocked.subkey`), so changing a password re-wraps 32 bytes and re-encrypts nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from .canonical import canonical_json, local_now
from .errors import UserFacingError
from .fsutil import fsync_dir
from .i18n import QT_TRANSLATE_NOOP
from .streamseal import derive

KEYRING_FILE = "keyring.json"
FORMAT = 1
ARGON2 = {"memory_kib": 65536, "iterations": 3, "lanes": 4}  # RFC 9106's second recommended option
HEAD, CLERK = "head", "clerk"
ROLES = (HEAD, CLERK)
MIN_PASSWORD = 8
RECOVERY_BYTES = 20  # 160 bits: 32 base32 letters, printed in 8 groups of 4
MACHINE_USER = "计划任务"  # who a scheduled task records (a name in the data, like the clerks' names)
RECOVERY_USER = "恢复密钥"  # who acts after the recovery key opened a station (until a password is set)


class KeyringError(UserFacingError):
    """Signing in or changing the keyring was refused; `message` says why (context "Keyring")."""

    context = "Keyring"  # the translation context of its messages

    WRONG_PASSWORD = QT_TRANSLATE_NOOP("Keyring", "Wrong account name or password. Check the keyboard's input method and Caps Lock, then try again.")
    WRONG_RECOVERY_KEY = QT_TRANSLATE_NOOP("Keyring", "This is not the recovery key of this station. Check each group of letters on the printed sheet.")
    NO_KEYRING = QT_TRANSLATE_NOOP("Keyring", "This data folder has no keyring (keyring.json), so its data cannot be opened. Restore the data folder, with keyring.json, from a backup.")
    DAMAGED = QT_TRANSLATE_NOOP("Keyring", "The keyring file (keyring.json) is damaged or was changed outside the program, so it is not trusted. Restore it from a backup; the data were not changed.")
    SHORT_PASSWORD = QT_TRANSLATE_NOOP("Keyring", "A password needs at least {minimum} characters.")
    NAME_TAKEN = QT_TRANSLATE_NOOP("Keyring", "There is already an account named {name}.")
    NO_NAME = QT_TRANSLATE_NOOP("Keyring", "Enter the clerk's name for the account.")
    NO_ACCOUNT = QT_TRANSLATE_NOOP("Keyring", "There is no account named {name}.")
    LAST_HEAD = QT_TRANSLATE_NOOP("Keyring", "The station needs at least one station head: make another account station head first.")
    NOT_ALLOWED = QT_TRANSLATE_NOOP("Keyring", "Only a station head may do this.")
    NO_CREDENTIAL = QT_TRANSLATE_NOOP("Keyring", "This station has no machine credential for scheduled tasks.")
    WRONG_CREDENTIAL = QT_TRANSLATE_NOOP("Keyring", "The machine credential does not open this station (it belongs to another station or was replaced).")
    NO_ESCROW = QT_TRANSLATE_NOOP("Keyring", "This station's key is not escrowed to the county.")

    def __init__(self, message: str, params: dict[str, str] | None = None, *, kind: str = "keyring"):
        super().__init__(message, params, kind=kind)


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    created_at: str = ""

    @property
    def is_head(self) -> bool:
        return self.role == HEAD


@dataclass(frozen=True)
class Unlocked:
    """The data key in memory and how it was reached: by an account's password, the recovery key or the
    machine credential. `user` is the name recorded on what is done under it."""

    data_key: bytes = field(repr=False)
    account: Account | None
    means: str  # "password" | "recovery" | "machine"
    station_id: str = ""  # the keyring's: a backup's keyring.json names the station whose key opens it

    @property
    def user(self) -> str:
        if self.account is not None:
            return self.account.name
        return MACHINE_USER if self.means == "machine" else RECOVERY_USER

    @property
    def may_manage(self) -> bool:
        """A station head, or whoever holds the recovery key (it opens everything), manages accounts."""
        return self.means == "recovery" or (self.account is not None and self.account.is_head)

    def subkey(self, purpose: str) -> bytes:
        """A 32-byte key for one purpose ("database", "vault", ...), derived from the data key."""
        return derive(self.data_key, b"legalaid station " + purpose.encode())

    def signed_in_as(self, account: Account) -> "Unlocked":
        return Unlocked(self.data_key, account, "password", self.station_id)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _wrap(kek: bytes, data_key: bytes, slot: str) -> dict:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, data_key, slot.encode()))}


def _unwrap(kek: bytes, entry: dict, slot: str) -> bytes | None:
    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), slot.encode())
    except (InvalidTag, KeyError, ValueError, TypeError, AttributeError):
        return None


def password_kek(password: str, salt: bytes, params: dict) -> bytes:
    return Argon2id(salt=salt, length=32, iterations=params["iterations"], lanes=params["lanes"],
                    memory_cost=params["memory_kib"]).derive(password.encode("utf-8"))


def format_recovery_key(raw: bytes) -> str:
    letters = base64.b32encode(raw).decode("ascii")
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The raw recovery key from what a person typed (groups, spaces, lower case and O/0, I/1 slips forgiven)."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum()).replace("0", "O").replace("1", "I")
    if len(letters) != RECOVERY_BYTES * 8 // 5:
        return None
    try:
        return base64.b32decode(letters)
    except ValueError:
        return None


def open_escrow_slot(escrow: dict, own_public: bytes, agree) -> bytes | None:
    """The data key in an escrow slot, opened by the county's X25519 key (`agree(peer_public)` is its key
    agreement, `own_public` its public key); None when that key does not open it."""
    try:
        ephemeral_public = _unb64(escrow["ephemeral"])
        kek = derive(agree(ephemeral_public), b"legalaid county escrow", ephemeral_public + own_public)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return _unwrap(kek, escrow, "escrow:" + hashlib.sha256(own_public).hexdigest())


class Keyring:
    """The keyring file of one data folder. Read with `load`, made with `create`; every change is written at
    once (temp file, fsync, rename) with a fresh HMAC."""

    def __init__(self, path: Path, doc: dict):
        self.path = Path(path)
        self._doc = doc

    # -- reading ------------------------------------------------------------------------------------------
    @staticmethod
    def path_in(data_dir: Path) -> Path:
        return Path(data_dir) / KEYRING_FILE

    @classmethod
    def exists(cls, data_dir: Path) -> bool:
        return cls.path_in(data_dir).is_file()

    @classmethod
    def load(cls, data_dir: Path) -> "Keyring":
        return cls.read(cls.path_in(data_dir))

    @classmethod
    def read(cls, path: Path) -> "Keyring":
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise KeyringError(KeyringError.NO_KEYRING, kind="no_keyring") from exc
        except (OSError, ValueError) as exc:
            raise KeyringError(KeyringError.DAMAGED, kind="damaged") from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("accounts"), list):
            raise KeyringError(KeyringError.DAMAGED, kind="damaged")
        return cls(path, doc)

    @property
    def station_id(self) -> str:
        return str(self._doc.get("station_id", ""))

    def accounts(self) -> list[Account]:
        return [Account(a["name"], a["role"], a.get("created_at", "")) for a in self._doc["accounts"]]

    def account(self, name: str) -> Account | None:
        return next((a for a in self.accounts() if a.name == name), None)

    def has_machine_credential(self) -> bool:
        return self._doc.get("machine") is not None

    def escrowed_to(self) -> str | None:
        """The fingerprint of the county key this station's data key is escrowed to, if any."""
        escrow = self._doc.get("escrow")
        return escrow["county_key"] if escrow else None

    # -- unlocking ----------------------------------------------------------------------------------------
    def unlock_with_password(self, name: str, password: str) -> Unlocked:
        entry = self._account_entry(name)
        if entry is None:
            password_kek(password, b"\0" * 16, self._doc["kdf"])  # the same work: the answer says nothing
            raise KeyringError(KeyringError.WRONG_PASSWORD, kind="wrong_password")
        data_key = _unwrap(password_kek(password, _unb64(entry["salt"]), self._doc["kdf"]), entry, "account:" + name)
        if data_key is None:
            raise KeyringError(KeyringError.WRONG_PASSWORD, kind="wrong_password")
        self._check_mac(data_key)
        return Unlocked(data_key, Account(name, entry["role"], entry.get("created_at", "")), "password",
                        self.station_id)

    def unlock_with_recovery_key(self, text: str) -> Unlocked:
        raw = parse_recovery_key(text)
        entry = self._doc.get("recovery")
        data_key = None
        if raw is not None and entry is not None:
            data_key = _unwrap(derive(raw, b"legalaid recovery", _unb64(entry["salt"])), entry, "recovery")
        if data_key is None:
            raise KeyringError(KeyringError.WRONG_RECOVERY_KEY, kind="wrong_recovery_key")
        self._check_mac(data_key)
        return Unlocked(data_key, None, "recovery", self.station_id)

    def unlock_with_machine_credential(self, credential: bytes) -> Unlocked:
        entry = self._doc.get("machine")
        if entry is None:
            raise KeyringError(KeyringError.NO_CREDENTIAL, kind="no_credential")
        data_key = _unwrap(derive(credential, b"legalaid machine credential"), entry, "machine")
        if data_key is None:
            raise KeyringError(KeyringError.WRONG_CREDENTIAL, kind="wrong_credential")
        self._check_mac(data_key)
        return Unlocked(data_key, None, "machine", self.station_id)

    # -- changing (each needs the data key: an unlocked station) ------------------------------------------
    def add_account(self, by: Unlocked, name: str, role: str, password: str) -> Account:
        self._require_head(by)
        name = name.strip()
        if not name:
            raise KeyringError(KeyringError.NO_NAME, kind="no_name")
        if self._account_entry(name) is not None:
            raise KeyringError(KeyringError.NAME_TAKEN, {"name": name}, kind="name_taken")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        self._doc["accounts"].append({"name": name, "role": role, "created_at": local_now(),
                                      **self._password_slot(by.data_key, name, password)})
        self._save(by.data_key)
        return Account(name, role)

    def set_password(self, by: Unlocked, name: str, password: str) -> None:
        """A new password for `name`: by the account itself, or a reset by a station head or the recovery key."""
        entry = self._account_entry(name)
        if entry is None:
            raise KeyringError(KeyringError.NO_ACCOUNT, {"name": name}, kind="no_account")
        if by.account is None or by.account.name != name:
            self._require_head(by)
        entry.update(self._password_slot(by.data_key, name, password))
        self._save(by.data_key)

    def set_role(self, by: Unlocked, name: str, role: str) -> None:
        self._require_head(by)
        entry = self._account_entry(name)
        if entry is None:
            raise KeyringError(KeyringError.NO_ACCOUNT, {"name": name}, kind="no_account")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        if entry["role"] == HEAD and role != HEAD and self._heads() == 1:
            raise KeyringError(KeyringError.LAST_HEAD, kind="last_head")
        entry["role"] = role
        self._save(by.data_key)

    def remove_account(self, by: Unlocked, name: str) -> None:
        self._require_head(by)
        entry = self._account_entry(name)
        if entry is None:
            raise KeyringError(KeyringError.NO_ACCOUNT, {"name": name}, kind="no_account")
        if entry["role"] == HEAD and self._heads() == 1:
            raise KeyringError(KeyringError.LAST_HEAD, kind="last_head")
        self._doc["accounts"].remove(entry)
        self._save(by.data_key)

    def new_recovery_key(self, by: Unlocked) -> str:
        """A new recovery key replaces the old one (which stops working); the caller prints it once.
        The recovery key is never stored, so it cannot be shown again, only replaced (by a station head)."""
        self._require_head(by)
        raw = secrets.token_bytes(RECOVERY_BYTES)
        salt = os.urandom(16)
        self._doc["recovery"] = {"salt": _b64(salt), **_wrap(derive(raw, b"legalaid recovery", salt), by.data_key,
                                                             "recovery")}
        self._save(by.data_key)
        return format_recovery_key(raw)

    def add_machine_credential(self, by: Unlocked) -> bytes:
        """A new machine credential (32 random bytes, replacing any earlier one) for scheduled tasks."""
        if by.means != "machine":
            self._require_head(by)
        credential = secrets.token_bytes(32)
        self._doc["machine"] = _wrap(derive(credential, b"legalaid machine credential"), by.data_key, "machine")
        self._save(by.data_key)
        return credential

    def remove_machine_credential(self, by: Unlocked) -> None:
        self._require_head(by)
        self._doc["machine"] = None
        self._save(by.data_key)

    def escrow_to_county(self, by: Unlocked, county_public_key: bytes) -> str:
        """Wrap the data key to the county's X25519 public key (32 raw bytes), so the county's private key can
        open this station if every password and the recovery key are lost. Returns the key's fingerprint.

        Only the county's private key opens the slot (`open_escrow_slot`); the station never holds it. The
        station head chooses it in 设置 (sync/escrow.py carries the slot to the county)."""
        self._require_head(by)
        public = X25519PublicKey.from_public_bytes(county_public_key)
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = ephemeral.public_key().public_bytes_raw()
        kek = derive(ephemeral.exchange(public), b"legalaid county escrow", ephemeral_public + county_public_key)
        fingerprint = hashlib.sha256(county_public_key).hexdigest()
        self._doc["escrow"] = {"county_key": fingerprint, "ephemeral": _b64(ephemeral_public),
                               **_wrap(kek, by.data_key, "escrow:" + fingerprint)}
        self._save(by.data_key)
        return fingerprint

    def open_escrow(self, county_private_key: X25519PrivateKey) -> Unlocked:
        """The county's side of the escrow: the data key from the county's private key (as the recovery key)."""
        escrow = self._doc.get("escrow")
        if escrow is None:
            raise KeyringError(KeyringError.NO_ESCROW, kind="no_escrow")
        data_key = open_escrow_slot(escrow, county_private_key.public_key().public_bytes_raw(),
                                    lambda peer: county_private_key.exchange(X25519PublicKey.from_public_bytes(peer)))
        if data_key is None:
            raise KeyringError(KeyringError.WRONG_RECOVERY_KEY, kind="wrong_escrow_key")
        return self.unlock_with_data_key(data_key)

    def escrow_slot(self) -> dict | None:
        """What the county keeps of this station's escrow (only the county's private key opens it), with the
        keyring's station id so a recovery made from it opens this station only."""
        escrow = self._doc.get("escrow")
        return {"station_id": self.station_id, **escrow} if escrow else None

    def withdraw_escrow(self, by: Unlocked) -> None:
        """No escrow any more (the county is asked to delete its copy at the next sync: sync/escrow.py)."""
        self._require_head(by)
        self._doc["escrow"] = None
        self._save(by.data_key)

    def unlock_with_data_key(self, data_key: bytes, means: str = "recovery") -> Unlocked:
        """The station opened with its data key itself (from the county's escrow): refused unless this
        keyring's MAC says it is this station's key."""
        self._check_mac(data_key)
        return Unlocked(data_key, None, means, self.station_id)

    def recoveries_used(self) -> list[str]:
        return [str(i) for i in self._doc.get("county_recoveries_used") or []]

    def note_recovery_used(self, by: Unlocked, recovery_id: str) -> None:
        """A county recovery file opens its station once (desktop/records/escrow.py)."""
        self._doc["county_recoveries_used"] = [*self.recoveries_used(), recovery_id]
        self._save(by.data_key)

    # -- inside -------------------------------------------------------------------------------------------
    def _account_entry(self, name: str) -> dict | None:
        return next((a for a in self._doc["accounts"] if a.get("name") == name), None)

    def _heads(self) -> int:
        return sum(1 for a in self._doc["accounts"] if a["role"] == HEAD)

    def _require_head(self, by: Unlocked) -> None:
        if not by.may_manage:
            raise KeyringError(KeyringError.NOT_ALLOWED, kind="not_allowed")

    def _password_slot(self, data_key: bytes, name: str, password: str) -> dict:
        if len(password) < MIN_PASSWORD:
            raise KeyringError(KeyringError.SHORT_PASSWORD, {"minimum": str(MIN_PASSWORD)}, kind="short_password")
        salt = os.urandom(16)
        return {"salt": _b64(salt), **_wrap(password_kek(password, salt, self._doc["kdf"]), data_key, "account:" + name)}

    def _mac(self, data_key: bytes) -> str:
        body = {k: v for k, v in self._doc.items() if k != "mac"}
        return hmac.new(derive(data_key, b"legalaid keyring mac"), canonical_json(body).encode(), "sha256").hexdigest()

    def _check_mac(self, data_key: bytes) -> None:
        if not hmac.compare_digest(str(self._doc.get("mac", "")), self._mac(data_key)):
            raise KeyringError(KeyringError.DAMAGED, kind="damaged")

    def _save(self, data_key: bytes) -> None:
        self._doc["generation"] = int(self._doc.get("generation", 0)) + 1
        self._doc["mac"] = self._mac(data_key)
        write_private_file(self.path, json.dumps(self._doc, ensure_ascii=False, indent=1).encode("utf-8"))


def create_keyring(data_dir: Path, head_name: str, password: str) -> tuple[Keyring, Unlocked, str]:
    """A new station's keyring: a fresh data key, the first account (a station head) and the recovery key
    (returned once, to be printed). Refuses to replace an existing keyring."""
    path = Keyring.path_in(data_dir)
    if path.exists():
        raise FileExistsError(path)
    data_key = secrets.token_bytes(32)
    keyring = Keyring(path, {"format": FORMAT, "station_id": secrets.token_hex(8), "kdf": dict(ARGON2),
                             "accounts": [], "recovery": None, "machine": None, "escrow": None, "generation": 0})
    by = Unlocked(data_key, None, "recovery", keyring.station_id)  # the founder holds every right until the first head exists
    keyring.add_account(by, head_name, HEAD, password)
    recovery = keyring.new_recovery_key(by)
    return keyring, by.signed_in_as(keyring.account(head_name.strip())), recovery


def write_private_file(path: Path, data: bytes) -> None:
    """Replace `path` with `data` durably (temp file, fsync, rename), readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    fsync_dir(path.parent)
