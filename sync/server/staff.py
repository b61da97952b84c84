"""The county center's staff: personal accounts, their roles, and the sessions of the county workspace.

A password is kept as an Argon2id hash (memory-hard; `cryptography`'s implementation, PHC string).
Roles decide who may do what (sync/county_rules.py): 审查人员 accept and ask for materials, the 中心负责人
grants, refuses, terminates and records objections, 指派/案件管理人员 assign and follow the case,
档案管理 closes and files, the administrator keeps accounts, stations and reference data. The
shared admin token of the data folder is a service credential for scripts (role `service`), never a
person's login.

A session is a random bearer token; the county keeps only its SHA-256, and ends it after
SESSION_IDLE_SECONDS without use or SESSION_MAX_SECONDS after login (sync/limits.py), whichever
comes first. Failed logins are throttled with every other failed authentication (auth.Throttle).
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import time
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.county_rules import ADMIN, ARCHIVIST, ASSIGNER, HEAD, REVIEWER, ROLES, SERVICE, may
from sync.limits import MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS
from sync.server.county_key import COUNTY_CENTER
from sync.server.errors import CountyError, check_printable
from sync.server.storage import CountyDatabase, utc_now

ROLE_NAMES = {REVIEWER: QT_TRANSLATE_NOOP("County", "Reviewer"),
              HEAD: QT_TRANSLATE_NOOP("County", "Head of the center"),
              ASSIGNER: QT_TRANSLATE_NOOP("County", "Assignment and case management"),
              ARCHIVIST: QT_TRANSLATE_NOOP("County", "Archivist"),
              ADMIN: QT_TRANSLATE_NOOP("County", "Administrator"),
              SERVICE: QT_TRANSLATE_NOOP("County", "Service credential (scripts)")}

RIGHT_WORDS = {"view": QT_TRANSLATE_NOOP("County", "see the applications"),
               "reports": QT_TRANSLATE_NOOP("County", "save reports"),
               "complaints": QT_TRANSLATE_NOOP("County", "handle complaints"),
               "roster": QT_TRANSLATE_NOOP("County", "edit the roster"),
               "townships": QT_TRANSLATE_NOOP("County", "edit the townships"),
               "stations": QT_TRANSLATE_NOOP("County", "manage the stations"),
               "accounts": QT_TRANSLATE_NOOP("County", "manage the staff accounts"),
               "recover": QT_TRANSLATE_NOOP("County", "recover a station that lost every way in")}

TOKEN_FILE = "admin_token"  # the service credential, in the data folder (readable by the server's account only)
_NAME = re.compile(r"^[A-Za-z0-9_.-]{2,32}$")
# Argon2id as RFC 9106's second recommendation (64 MiB, 3 passes, 4 lanes): about 0.2 s per login
_KDF = {"length": 32, "iterations": 3, "lanes": 4, "memory_cost": 64 * 1024}

BAD_LOGIN = QT_TRANSLATE_NOOP("County", "Wrong account name or password.")
THROTTLED = QT_TRANSLATE_NOOP("County", "Too many failed logins from this computer: wait a minute and try again.")
EXPIRED = QT_TRANSLATE_NOOP("County", "Your session has ended (unused too long, or logged in too long ago): log in "
                                      "again.")
NOT_ALLOWED = QT_TRANSLATE_NOOP("County", "Your account ({roles}) may not {action}; nothing was changed.")
BAD_NAME = QT_TRANSLATE_NOOP("County", "An account name is 2 to 32 letters, digits, '.', '-' or '_'.")
ACCOUNT_EXISTS = QT_TRANSLATE_NOOP("County", "The account {name} already exists; nothing was changed. To change it, "
                                             "choose it in the list and press Edit.")
BAD_DISPLAY = QT_TRANSLATE_NOOP("County", "Give the person's name (at most 30 characters).")
BAD_PASSWORD = QT_TRANSLATE_NOOP("County", "A password has {low} to {high} characters.")
BAD_ROLES = QT_TRANSLATE_NOOP("County", "Give the account at least one role: {roles}.")
NO_ACCOUNT = QT_TRANSLATE_NOOP("County", "There is no account {name}.")
LAST_ADMIN = QT_TRANSLATE_NOOP("County", "This is the last active administrator account; make another one first.")


@dataclass(frozen=True)
class Account:
    """Who is working: the login name, the person's name (on decisions and documents), the roles."""

    name: str
    display_name: str
    roles: tuple[str, ...]
    active: bool = True

    def may(self, right: str) -> bool:
        return may(self.roles, right)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "display_name": self.display_name, "roles": list(self.roles),
                "active": self.active}


# a script's decisions are the center's: they carry its name, and the account "service"
SERVICE_ACCOUNT = Account("service", COUNTY_CENTER, (SERVICE,))


def admin_token(data_dir: Path, *, rotate: bool = False) -> str:
    """The service credential (scripts; /v1/admin and the workspace API), made on first use (or anew with `rotate`)."""
    path = Path(data_dir) / TOKEN_FILE
    if path.exists() and not rotate:
        return path.read_text(encoding="ascii").strip()
    token = secrets.token_urlsafe(32)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(token + "\n", encoding="ascii")
    tmp.chmod(0o600)
    tmp.replace(path)
    return token


def hash_password(password: str) -> str:
    return Argon2id(salt=secrets.token_bytes(16), **_KDF).derive_phc_encoded(password.encode("utf-8"))


def password_matches(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode("utf-8"), encoded)
        return True
    except (InvalidKey, ValueError):
        return False


def check_account_fields(name: str, display_name: str, roles: Any, password: str | None) -> tuple[str, ...]:
    """CountyError (in Chinese) for a bad account name, person's name, roles or password; the roles, in order."""
    from sync.server.errors import zh

    if not isinstance(name, str) or not _NAME.match(name):
        raise CountyError(f"bad account name {name!r}", BAD_NAME)
    check_printable(display_name)
    if not isinstance(display_name, str) or not display_name.strip() or len(display_name) > 30:
        raise CountyError("bad display name", BAD_DISPLAY)
    if not isinstance(roles, (list, tuple)) or not roles or any(r not in ROLES for r in roles):
        raise CountyError(f"roles are some of {', '.join(ROLES)}", BAD_ROLES,
                          {"roles": "、".join(zh(ROLE_NAMES[r]) for r in ROLES)})
    if password is not None and not (isinstance(password, str)
                                     and MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS):
        raise CountyError("bad password length", BAD_PASSWORD, {"low": MIN_PASSWORD_CHARS, "high": MAX_PASSWORD_CHARS})
    return tuple(r for r in ROLES if r in roles)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Staff:
    """The accounts and sessions in county.db. `clock`: seconds (time.time), for the sessions' expiry."""

    def __init__(self, db: CountyDatabase, clock: Callable[[], float] = time.time):
        self.db, self.clock = db, clock

    # -- accounts ------------------------------------------------------------------------------

    def save(self, name: str, display_name: str, roles: Any, password: str | None = None, *,
             new: bool = False) -> Account:
        """Add an account (a password is needed) or change one (a new password only when given); `new`: an
        addition only (refused, nothing changed, when the name is taken: 添加 never replaces someone's account)."""
        ordered = check_account_fields(name, display_name, roles, password)
        now = utc_now()
        with self.db.write() as conn:
            old = conn.execute("SELECT roles FROM staff WHERE name = ?", (name,)).fetchone()
            if new and old is not None:
                raise CountyError(f"the account {name} exists", ACCOUNT_EXISTS, {"name": name})
            if old is None and password is None:
                raise CountyError("a new account needs a password", BAD_PASSWORD,
                                  {"low": MIN_PASSWORD_CHARS, "high": MAX_PASSWORD_CHARS})
            if old is not None and ADMIN in old[0].split(",") and ADMIN not in ordered:
                self._keep_an_admin(conn, name)
            if old is None:
                conn.execute("INSERT INTO staff (name, display_name, roles, password_hash, active, created_at, "
                             "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
                             (name, display_name.strip(), ",".join(ordered), hash_password(password or ""), now, now))
            else:
                conn.execute("UPDATE staff SET display_name = ?, roles = ?, active = 1, updated_at = ? WHERE name = ?",
                             (display_name.strip(), ",".join(ordered), now, name))
                if password is not None:
                    conn.execute("UPDATE staff SET password_hash = ? WHERE name = ?", (hash_password(password), name))
                    conn.execute("DELETE FROM staff_sessions WHERE name = ?", (name,))
        return Account(name, display_name.strip(), ordered)

    def deactivate(self, name: str) -> None:
        """The account can no longer log in, and its sessions end; its decisions keep its name."""
        with self.db.write() as conn:
            row = conn.execute("SELECT roles FROM staff WHERE name = ? AND active = 1", (name,)).fetchone()
            if row is None:
                raise CountyError(f"no active account {name}", NO_ACCOUNT, {"name": name})
            if ADMIN in row[0].split(","):
                self._keep_an_admin(conn, name)
            conn.execute("UPDATE staff SET active = 0, updated_at = ? WHERE name = ?", (utc_now(), name))
            conn.execute("DELETE FROM staff_sessions WHERE name = ?", (name,))

    @staticmethod
    def _keep_an_admin(conn, name: str) -> None:
        others = conn.execute("SELECT count(*) FROM staff WHERE active = 1 AND name != ? AND "
                              "(',' || roles || ',') LIKE '%,admin,%'", (name,)).fetchone()[0]
        if not others:
            raise CountyError("the last administrator stays", LAST_ADMIN)

    def accounts(self) -> list[Account]:
        rows = self.db.conn().execute("SELECT name, display_name, roles, active FROM staff ORDER BY active DESC, "
                                      "name").fetchall()
        return [Account(r[0], r[1], tuple(r[2].split(",")), bool(r[3])) for r in rows]

    def has_admin(self) -> bool:
        return self.db.conn().execute("SELECT 1 FROM staff WHERE active = 1 AND (',' || roles || ',') "
                                      "LIKE '%,admin,%' LIMIT 1").fetchone() is not None

    # -- sessions ------------------------------------------------------------------------------

    def login(self, name: str, password: str) -> tuple[str, Account] | None:
        """(a new session's token, the account), or None for a wrong name or password (the same answer)."""
        row = self.db.conn().execute("SELECT display_name, roles, password_hash FROM staff WHERE name = ? "
                                     "AND active = 1", (name,)).fetchone()
        # an unknown name costs the same hash as a known one: no oracle of which names exist
        matches = password_matches(password, row[2] if row else _dummy_hash())
        if row is None or not matches:
            return None
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self.db.write() as conn:
            conn.execute("DELETE FROM staff_sessions WHERE last_used < ? OR started < ?",
                         (now - SESSION_IDLE_SECONDS, now - SESSION_MAX_SECONDS))
            conn.execute("INSERT INTO staff_sessions (token_sha256, name, started, last_used) VALUES (?, ?, ?, ?)",
                         (_token_hash(token), name, now, now))
        return token, Account(name, row[0], tuple(row[1].split(",")))

    def session(self, token: str) -> Account | None:
        """The account of a live session (its idle time starts again), else None (unknown or expired)."""
        digest, now = _token_hash(token), self.clock()
        row = self.db.conn().execute(
            "SELECT s.started, s.last_used, a.name, a.display_name, a.roles FROM staff_sessions s "
            "JOIN staff a ON a.name = s.name AND a.active = 1 WHERE s.token_sha256 = ?", (digest,)).fetchone()
        if row is None:
            return None
        if now - row[1] > SESSION_IDLE_SECONDS or now - row[0] > SESSION_MAX_SECONDS:
            with self.db.write() as conn:
                conn.execute("DELETE FROM staff_sessions WHERE token_sha256 = ?", (digest,))
            return None
        if now - row[1] > 30:  # not a write per request: the idle clock is minutes, not seconds
            with self.db.write() as conn:
                conn.execute("UPDATE staff_sessions SET last_used = ? WHERE token_sha256 = ?", (now, digest))
        return Account(row[2], row[3], tuple(row[4].split(",")))

    def logout(self, token: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM staff_sessions WHERE token_sha256 = ?", (_token_hash(token),))


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))
