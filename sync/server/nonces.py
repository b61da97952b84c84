"""Request nonces: each signed station request is taken once (replay protection), remembered NONCE_TTL_SECONDS.

A nonce is reserved when its request is authenticated, before the body is read (refused when the county holds
it, or another request being answered carries it), and written down durably no later than the request's effect:
a batch of changes, or a file that a chunk completes, writes it in its own transaction (one fsync for both where
there were two), every other request at once, and a request that ends without that commit writes it as it ends
(`settle`). A crash between the reservation and the commit loses the nonce and the effect together, so the
request may be replayed after the restart - harmlessly: a batch is idempotent by change id (its changes come back
"duplicate" to the station that resends them) and a file by its hash.
"""

from __future__ import annotations

import threading
import time

from sync.limits import NONCE_TTL_SECONDS
from sync.server.data_key import sqlite3
from sync.server.storage import CountyDatabase

MAX_PENDING = 10_000  # reservations past this prune those older than a nonce's life (a request cut off mid-way)


def write_nonce(conn: sqlite3.Connection, station: str, nonce: str) -> None:
    """Remember a nonce in the caller's transaction (the expired ones go)."""
    now = time.time()
    conn.execute("DELETE FROM nonces WHERE expires < ?", (now,))
    conn.execute("INSERT INTO nonces (station, nonce, expires) VALUES (?, ?, ?)", (station, nonce,
                                                                                     now + NONCE_TTL_SECONDS))


class Nonces:
    """The county's nonces: durable in county.db, and reserved in memory while their request is answered."""

    def __init__(self, db: CountyDatabase):
        self.db = db
        self._pending: dict[tuple[str, str], float] = {}  # (station, nonce) -> when it was reserved
        self._lock = threading.Lock()

    def use(self, station: str, nonce: str) -> bool:
        """Take a nonce now, durably; False when it was seen before (a replay)."""
        if not self.reserve(station, nonce):
            return False
        self.settle(station, nonce)
        return True

    def reserve(self, station: str, nonce: str) -> bool:
        """Take a nonce for a request whose effect will write it (`write_nonce`); False for a replay.
        The caller must `settle` it when the request ends, whatever happened."""
        now = time.time()
        with self._lock:
            if (station, nonce) in self._pending or self._held(station, nonce, now):
                return False
            if len(self._pending) >= MAX_PENDING:
                for key, since in list(self._pending.items()):
                    if since < now - NONCE_TTL_SECONDS:  # its request's time is outside the window by now
                        del self._pending[key]
            self._pending[(station, nonce)] = now
            return True

    def settle(self, station: str, nonce: str) -> None:
        """The request ended: its nonce is written now unless its transaction wrote it; the reservation ends."""
        try:
            if not self._held(station, nonce, time.time()):
                with self.db.write() as conn:
                    write_nonce(conn, station, nonce)
        finally:
            with self._lock:
                self._pending.pop((station, nonce), None)

    def _held(self, station: str, nonce: str, now: float) -> bool:
        return self.db.conn().execute("SELECT 1 FROM nonces WHERE station = ? AND nonce = ? AND expires >= ?",
                                      (station, nonce, now)).fetchone() is not None
