"""The county's one writer, committing the batches that wait for it together (group commit, issue 17).

Every change batch is stored by one thread on one county.db connection (its page cache stays warm). Each COMMIT
of county.db writes and encrypts much the same ~600 pages whatever the batch's size (its indexes are keyed by
random ids), so the writer takes every batch waiting when it is free - up to GROUP_CHANGES changes - and stores
them in ONE transaction: a batch that raises is answered with its error and nothing of it is kept (one that wrote
before it failed undoes the transaction, and the others are stored again without it), the others are kept. Then one
COMMIT, and only then is each batch answered; a failed COMMIT fails every batch of the group (none is
acknowledged). The writer never waits for more batches to come: a lone station's batch
is committed as soon as it arrives, a burst's batches share their commits.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from sync.server.data_key import sqlite3
from sync.server.storage import CountyDatabase

GROUP_CHANGES = 1000  # changes stored in one transaction at most (two stations' largest batches)

log = logging.getLogger(__name__)


@dataclass
class _Waiting:
    db: CountyDatabase
    changes: int
    work: Callable[[sqlite3.Connection], Any]
    settle: Callable[[bool], None] | None
    answer: Future = field(default_factory=Future)


class GroupWriter:
    """One thread that runs `work(conn)` items in the order they were submitted, several to a transaction."""

    def __init__(self, most_changes: int = GROUP_CHANGES):
        self.most_changes = most_changes
        self.commits = 0  # transactions committed (the tests count them)
        self._waiting: deque[_Waiting] = deque()
        self._ready = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, db: CountyDatabase, changes: int, work: Callable[[sqlite3.Connection], Any],
               settle: Callable[[bool], None] | None = None) -> Future:
        """Queue `work` (run on the writer's connection, in the group's transaction); the Future is answered after the
        group's COMMIT (or with the error that ended it). `settle(stored)` runs on the writer thread as soon as the
        outcome is known, before any later group begins (the order of a station's batches relies on it)."""
        waiting = _Waiting(db, changes, work, settle)
        with self._ready:
            self._waiting.append(waiting)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="county-changes", daemon=True)
                self._thread.start()
            self._ready.notify()
        return waiting.answer

    def queued(self) -> int:
        """Items submitted and not yet taken into a group."""
        with self._ready:
            return len(self._waiting)

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._waiting:
                    self._ready.wait()
                group = self._take()
            try:
                self._store(group)
            except BaseException as exc:  # noqa: BLE001 - never expected; the writer must outlive any one group
                log.exception("the county's writer failed a group")
                for item in group:
                    if not item.answer.done():
                        item.answer.set_exception(exc)

    def _take(self) -> list[_Waiting]:
        """The first waiting item and those after it of the same county, up to the bound in changes."""
        group = [self._waiting.popleft()]
        changes = group[0].changes
        while self._waiting and self._waiting[0].db is group[0].db \
                and changes + self._waiting[0].changes <= self.most_changes:
            changes += self._waiting[0].changes
            group.append(self._waiting.popleft())
        return group

    def _store(self, group: list[_Waiting]) -> None:
        outcomes: dict[int, tuple[bool, Any]] = {}  # per item (its index): (kept, its result or its error)
        left = list(range(len(group)))  # the items still to store
        conn = None
        try:
            conn = group[0].db.conn()
            # in its turn (storage.WriteTurns): a file's note or a staff member's decision that asked meanwhile
            # goes before the next group
            with group[0].db.turns.turn():
                while left:
                    conn.execute("BEGIN IMMEDIATE")
                    failed = self._run_items(conn, group, left, outcomes)
                    if failed is None:
                        conn.execute("COMMIT")
                        self.commits += 1
                        break
                    # a batch failed after it wrote: the transaction is undone, the others stored again without it
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    left.remove(failed)
        except BaseException as exc:  # noqa: BLE001 - the transaction did not commit: nothing of the group is kept
            if conn is not None and conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    log.exception("rolling back a failed group")
            outcomes = {i: (False, outcomes[i][1] if i in outcomes and not outcomes[i][0] else exc)
                        for i in range(len(group))}
        for i, item in enumerate(group):
            kept, value = outcomes[i]
            if item.settle is not None:
                item.settle(kept)
            if kept:
                item.answer.set_result(value)
            else:
                item.answer.set_exception(value)

    @staticmethod
    def _run_items(conn: sqlite3.Connection, group: list[_Waiting], left: list[int],
                   outcomes: dict[int, tuple[bool, Any]]) -> int | None:
        """Run the items in one transaction; None when all ran (each kept or refused having written nothing), else
        the item that failed after writing (or whose failure ended the transaction): the transaction must go.
        No savepoints: a batch's work checks before it writes, and a savepoint's journal cost the writer 30-40 us
        a change (a third of its CPU, measured); a batch that fails after writing is rare (the disk, a bug)."""
        for i in left:
            before = conn.total_changes
            try:
                outcomes[i] = (True, group[i].work(conn))
            except Exception as exc:  # noqa: BLE001 - any error of one batch: it alone is answered with it
                outcomes[i] = (False, exc)
                if conn.total_changes != before or not conn.in_transaction:
                    return i
        return None
