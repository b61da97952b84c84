"""The station's database as every module holds it: a connection with `execute`.

The station used sqlite-utils' `Database` for this and nothing more (`execute` and `conn`); importing
sqlite-utils cost 100-160 ms of every start (click, dateutil, pluggy, numpy when installed, and a plugin
scan of every installed package), a third of the start-up budget (issue 17). This is the part we used.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Sequence


class Database:
    """One sqlite3 connection (autocommit: `write_transaction` opens every transaction explicitly)."""

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils set it: a trigger's write fires triggers

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
