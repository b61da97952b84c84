"""What changed in a station's database, said once after each committed write (Qt-free).

Every connection `db.open_database` makes is a `WatchedConnection`: temporary triggers note which
watched tables a transaction changes, and `db.write_transaction` calls `committed()` after its
COMMIT, which tells every registered listener (Electrum's register_callback/trigger_callback).
So a write reports itself whoever makes it — the UI's connection, a worker's, the sync engine's —
and nobody has to remember to announce it. A rolled-back write says nothing.

Listeners run on the thread that committed; the window's bridge (desktop/ui/changes.py) moves
them to the UI thread. Topics name what a view shows, not how it is stored.
"""

from __future__ import annotations

import logging
from .sqlcipher import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

RECORDS = "records"  # consultations, applications, persons: saved, voided, their status set by the county
ATTACHMENTS = "attachments"  # materials added or voided
VERIFICATIONS = "verifications"  # a material checked with another result than its last check
SETTINGS = "settings"  # the station's settings
OUTBOX = "outbox"  # what waits to go to the county: changes queued, acknowledged, returned, released; files held
COUNTY = "county"  # the county's decisions: received, or marked read
SYNC_STATE = "sync_state"  # enrollment, server address, last sync, revocation, the county's reference data
DRAFTS = "drafts"  # forms kept while typing

TOPICS = (RECORDS, ATTACHMENTS, VERIFICATIONS, SETTINGS, OUTBOX, COUNTY, SYNC_STATE, DRAFTS)

# table -> topic; the other tables (history, search index, numbering, clock, keys) change only with one of these
WATCHED_TABLES = {"consultations": RECORDS, "applications": RECORDS, "persons": RECORDS,
                  "attachments": ATTACHMENTS, "attachment_checks": VERIFICATIONS, "settings": SETTINGS, "outbox": OUTBOX, "file_uploads": OUTBOX,
                  "county_events": COUNTY, "sync_state": SYNC_STATE, "drafts": DRAFTS,
                  # after the decision (issue 14): records like the others
                  "follow_ups": RECORDS, "court_attendances": RECORDS, "quality_evaluations": RECORDS,
                  "closures": RECORDS, "complaints": RECORDS, "outreach_events": RECORDS,
                  "center_complaint_handling": RECORDS,  # the center's answer shows in the complaint's list and view
                  # the index lane caught up (issue 17): a list filtered by a search finds the saved record
                  "search_backlog": RECORDS}
_NOTE = "legalaid_changed"  # the SQL function the triggers call


@dataclass(frozen=True)
class Change:
    """One committed write: which station database, and what in it changed."""

    database: Path  # resolved path of the station's database file
    topics: frozenset[str]


Listener = Callable[[Change], None]


class WatchedConnection(sqlite3.Connection):
    """A station database connection that notes which watched tables its transactions change."""

    database: Path | None = None
    _touched: set[str]


def watch(conn: sqlite3.Connection, database: Path) -> None:
    """Let `conn` (made with factory=WatchedConnection) report the writes it commits to `database`.

    The triggers are TEMP: they live on this connection only and never enter the database file.
    """
    if not isinstance(conn, WatchedConnection):
        raise TypeError("open the connection with factory=WatchedConnection")
    touched: set[str] = set()
    conn._touched = touched
    conn.database = Path(database).resolve()
    conn.create_function(_NOTE, 1, touched.add)
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, topic in WATCHED_TABLES.items():
        if table not in present:  # an older schema opened without migrating
            continue
        for event in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS legalaid_{table}_{event.lower()} AFTER {event} "
                         f"ON main.{table} BEGIN SELECT {_NOTE}('{topic}'); END")


def began(conn: sqlite3.Connection) -> None:
    """A write transaction starts: forget what earlier statements outside one noted."""
    if isinstance(conn, WatchedConnection) and conn.database is not None:
        conn._touched.clear()


def committed(conn: sqlite3.Connection) -> None:
    """The transaction on `conn` committed: tell the listeners what it changed (nothing: no call)."""
    if not isinstance(conn, WatchedConnection) or conn.database is None or not conn._touched:
        return
    topics = frozenset(conn._touched)
    conn._touched.clear()  # before the listeners run: one of them may write again on this connection
    trigger(Change(conn.database, topics))


class _Listeners:
    """The process's listeners (Electrum's callback manager): any thread may register, trigger or leave."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def register(self, listener: Listener) -> None:
        with self._lock:
            if listener not in self._listeners:
                self._listeners.append(listener)

    def unregister(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def trigger(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # noqa: BLE001 - the write is committed; one broken view must not undo the writer's work
                log.exception("a change listener failed on %s", change)


_listeners = _Listeners()


def register_listener(listener: Listener) -> None:
    """Call `listener(change)` after every committed write to any watched station database (on the writer's
    thread). Listeners must be quick and must not raise; filter on `change.database`."""
    _listeners.register(listener)


def unregister_listener(listener: Listener) -> None:
    _listeners.unregister(listener)


def trigger(change: Change) -> None:
    """Tell every listener about `change` (write_transaction does, after COMMIT)."""
    _listeners.trigger(change)
