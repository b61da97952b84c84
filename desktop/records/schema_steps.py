"""How numbered schema steps run, for both databases (the station's desktop/records/migrations.py, the county's
sync/server/migrations.py): each step in its own transaction, its SQL statement by statement, a column added only
when missing so a step runs again safely."""

from __future__ import annotations

import logging
from typing import Callable

from .sqlcipher import sqlite3

log = logging.getLogger(__name__)


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the caller's transaction.

    (sqlite3's executescript would COMMIT first, breaking the step's atomicity.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement!r}")


def add_missing_column(conn: sqlite3.Connection, table: str, column: str, col_type: str,
                       not_null_default: object = None) -> bool:
    """Add `column` unless the table has it (so a step runs again safely); True when it was added.

    Schema work goes through sqlite-utils' table API. It is imported here, while a step runs, and never on
    the way to the window: its import costs 100-160 ms (plugin discovery), a third of the start-up budget.
    """
    import sqlite_utils

    target = sqlite_utils.Database(conn, execute_plugins=False)[table]
    if column in target.columns_dict:
        return False
    target.add_column(column, col_type, not_null_default=not_null_default)
    return True


def run_steps(conn: sqlite3.Connection, steps: list[Callable[[sqlite3.Connection], None]], found: int,
              name: str) -> None:
    """Bring a database at schema `found` to len(steps): each step in its own transaction with its
    PRAGMA user_version, so a failure leaves the last whole step (the county's county.db uses it too)."""
    for version in range(found + 1, len(steps) + 1):
        log.info("migrating %s to schema %d", name, version)
        conn.execute("BEGIN IMMEDIATE")
        try:
            steps[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
