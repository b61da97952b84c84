"""The county's data key (Qt-free): the 256-bit key county.db is encrypted with (SQLCipher), kept apart
from the data, and the one way the county server opens county.db (`connect`).

The key is a file outside the data folder, readable by the server's account only: by default beside the
folder (`D:\\county.key` for the data folder `D:\\county`), or wherever `python -m sync.server init
--key-file PATH` puts it (another disk, a USB key kept in the safe, a path only the service account
reads). The data folder keeps only where the key is (`key_location.txt`), never the key, so a copy of
the folder, its backups or a stolen disk of it hold nothing readable. LEGALAID_COUNTY_KEY_FILE names the
key file instead (a service's environment). Without its key the server does not start, and says where
it looked.

An older county's plaintext county.db (and the copies its migrations left) is encrypted in place at the
first start of this version, as an older station's station.db is (desktop/records/encrypting.py, one
implementation): an encrypted copy is made and checked (integrity, every table's rows), then put in place
of the plaintext file, whose bytes are overwritten before it is removed.

`sqlite3` here is sqlcipher3's DB-API module: the county's modules that catch its errors import it from here.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from desktop.records.encrypting import encrypt_in_place
from desktop.records.errors import StorageError, reason_of
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.keyring import derive
from desktop.records.sqlcipher import is_plaintext, sqlite3
from sync.server.errors import CountyError

__all__ = ["sqlite3", "connect", "database_key", "is_plaintext", "make_key", "key_file_of", "private_key_passphrase"]

log = logging.getLogger(__name__)

KEY_LOCATION = "key_location.txt"
KEY_ENV = "LEGALAID_COUNTY_KEY_FILE"

KEY_MISSING = QT_TRANSLATE_NOOP("County", "The county's data key {path} cannot be read ({problem}), so county.db cannot "
                                          "be opened. Put the key file back (from where it is kept safe), or give its "
                                          "place with --key-file or LEGALAID_COUNTY_KEY_FILE.")
NO_KEY_LOCATION = QT_TRANSLATE_NOOP("County", "county.db in {folder} is encrypted, but the folder does not say where "
                                              "its key is (key_location.txt is missing). Give the key file with "
                                              "--key-file or LEGALAID_COUNTY_KEY_FILE.")
WRONG_KEY = QT_TRANSLATE_NOOP("County", "The key {path} does not open county.db in {folder}: it is another county's "
                                        "key, or the file is damaged.")
KEY_INSIDE = QT_TRANSLATE_NOOP("County", "The data key must be kept outside the data folder {folder} (a copy of the "
                                         "folder must not carry its key): choose another place for --key-file.")


def default_key_file(data_dir: Path) -> Path:
    data_dir = Path(data_dir).resolve()
    return data_dir.parent / f"{data_dir.name}.key"


def key_file_of(data_dir: Path) -> Path | None:
    """Where this county's key is: LEGALAID_COUNTY_KEY_FILE, else what the folder's key_location.txt says."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    location = Path(data_dir) / KEY_LOCATION
    try:
        text = location.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def make_key(data_dir: Path, key_file: Path | None = None) -> Path:
    """Make the county's key at `key_file` (default: beside the data folder) unless a key is there already (it is
    kept: a key is never replaced), and note its place in the data folder. Returns the key file."""
    data_dir = Path(data_dir)
    key_file = Path(key_file) if key_file is not None else default_key_file(data_dir)
    if _inside(key_file, data_dir):
        raise CountyError(f"the key file {key_file} is inside the data folder {data_dir}", KEY_INSIDE,
                          {"folder": str(data_dir)})
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
            f.flush()
            os.fsync(f.fileno())
        log.info("made the county's data key %s", key_file)
    _read_key(key_file)  # a damaged key is found now, not at the first write
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / KEY_LOCATION).write_text(str(key_file.resolve()) + "\n", encoding="utf-8")
    return key_file


def _read_key(key_file: Path) -> bytes:
    try:
        text = Path(key_file).read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
        if len(key) != 32:
            raise ValueError(f"{len(key)} bytes, not 32")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        problem = getattr(exc, "strerror", None) or str(exc)
        raise CountyError(f"cannot read the county's data key {key_file}: {problem}", KEY_MISSING,
                          {"path": str(key_file), "problem": reason_of(exc)}) from exc  # (in words, not strerror)
    if os.name == "posix":
        os.chmod(key_file, 0o600)
    return key


def private_key_passphrase(data_dir: Path) -> bytes:
    """The passphrase of the county's private key files (sync/server/county_key.py): derived from the county's
    data key, which is kept outside the data folder, so a copy of the folder holds no usable private key."""
    key_file = key_file_of(data_dir)
    if key_file is None:
        raise CountyError(f"the county's private keys in {data_dir} are encrypted and the place of its data key "
                          "is not known", NO_KEY_LOCATION, {"folder": str(data_dir)})
    return derive(_read_key(key_file), b"legalaid county private keys").hex().encode("ascii")


def database_key(data_dir: Path, database: Path, check=None) -> bytes:
    """The key of county.db at `database`: read from where the folder says; for a new folder (or an older
    county's plaintext database) made beside the folder. A plaintext database is encrypted in place, after
    `check(connection)` (which raises to leave it as it is: a newer server's file)."""
    data_dir = Path(data_dir)
    if check is not None and is_plaintext(database):
        plain = sqlite3.connect(str(database))
        try:
            check(plain)
        finally:
            plain.close()
    key_file = key_file_of(data_dir)
    if key_file is None:
        if database.exists() and not is_plaintext(database) and database.stat().st_size > 0:
            raise CountyError(f"county.db in {data_dir} is encrypted and its key's place is not known", NO_KEY_LOCATION,
                              {"folder": str(data_dir)})
        key_file = make_key(data_dir)
    key = _read_key(key_file)
    for plain in [database, *sorted(data_dir.glob("county.schema*.bak"))]:
        if is_plaintext(plain):
            try:  # the station's upgrade does the same (one implementation, desktop/records/encrypting.py)
                encrypt_in_place(plain, key, keep_copy=False)
            except StorageError as exc:
                raise CountyError(f"the encrypted copy of {plain} does not hold what the plaintext file holds; "
                                  "the plaintext file was left as it was") from exc
            log.info("encrypted %s in place", plain)
    return key


def connect(path: Path, key: bytes, **options) -> sqlite3.Connection:
    """A connection to county.db (or a copy of it) opened with the county's key; CountyError when the key does
    not open it."""
    conn = sqlite3.connect(str(path), **options)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key is checked here
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise CountyError(f"the key does not open {path}: {exc}", WRONG_KEY,
                          {"path": "", "folder": str(Path(path).parent)}) from exc
    return conn
