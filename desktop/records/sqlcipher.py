"""The station's SQLite driver: SQLCipher, so station.db and its copies are unreadable without the key.

`sqlite3` here is sqlcipher3's DB-API module (the same API as the standard library's, its own exception
classes): every station module that names sqlite3 imports it from here, so an `except sqlite3.Error`
catches what the station's connections raise. The key is a raw 256-bit key derived from the data key
(desktop/records/keyring.py), given as `x'...'`: SQLCipher then skips its own PBKDF2, so opening a
connection (each task opens one) costs no key stretching. The county server keeps the standard library's
driver until its own encryption (issue 16's county part).
"""

from __future__ import annotations

from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite3

PLAINTEXT_HEADER = b"SQLite format 3\x00"

__all__ = ["sqlite3", "PLAINTEXT_HEADER", "apply_key", "connect", "is_plaintext", "table_counts"]


def apply_key(conn: sqlite3.Connection, key: bytes, schema: str = "main") -> None:
    """Key a fresh connection (before anything reads it). A wrong key fails at the first read."""
    conn.execute(f"PRAGMA {schema}.key = \"x'{key.hex()}'\"")


def connect(target: str | Path, key: bytes | None, *, uri: bool = False, **options) -> sqlite3.Connection:
    """A connection to `target` opened with `key`; `key=None` only for a plaintext file (an older station's
    database or backup, read once to be encrypted). Raises sqlite3.DatabaseError ("file is not a database")
    when the key does not open the file."""
    conn = sqlite3.connect(str(target), uri=uri, **options)
    try:
        if key is not None:
            apply_key(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key is checked here, not later
    except BaseException:
        conn.close()
        raise
    return conn


def is_plaintext(path: Path) -> bool:
    """True when `path` is an unencrypted SQLite database (an older version's); False for an encrypted or
    empty or missing file."""
    try:
        with open(path, "rb") as f:
            return f.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER
    except OSError:
        return False


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every ordinary table (the search indexes' own tables included; virtual tables are not stored)."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
