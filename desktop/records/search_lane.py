"""The search index lane (issue 17): the index follows the saves instead of weighing on them.

In the running program a save does not write the search index in its own durable transaction (about 20 of
its ~60 pages). It notes the record in `search_backlog` there (`note`), and the workstation's write lane
indexes it right after the commit (`catch_up`), in a transaction that does not wait for the disk. A crash
that loses that transaction loses nothing: the note was durable with the record, and the next start indexes
it again. Without a lane (command lines, scripts, batches) the store writes the index in the save itself.
"""

from __future__ import annotations

import json

from .connection import Database
from .db import write_transaction
from .search import TABLES, write_index


def note(conn, record_type: str, rownum: int) -> None:
    """In the save's transaction: this record's index is the lane's to write."""
    conn.execute("INSERT OR IGNORE INTO search_backlog (record_type, rownum) VALUES (?, ?)", (record_type, rownum))


def backlog(db: Database) -> int:
    """How many saved records the index has not caught up with."""
    return db.execute("SELECT count(*) FROM search_backlog").fetchone()[0]


def catch_up(db: Database, limit: int = 1000) -> int:
    """Index up to `limit` records the backlog names, as they are now, in one write; how many it indexed.

    The transaction commits without an fsync (synchronous=NORMAL: in WAL mode a power cut may undo it, never
    corrupt it), since whatever it undoes is still in the durable backlog and is indexed again."""
    if db.execute("SELECT 1 FROM search_backlog LIMIT 1").fetchone() is None:
        return 0  # nothing noted: no write lock taken
    conn = db.conn
    conn.execute("PRAGMA synchronous = NORMAL")
    try:
        with write_transaction(db) as conn:
            rows = conn.execute("SELECT record_type, rownum FROM search_backlog LIMIT ?", (limit,)).fetchall()
            for record_type, rownum in rows:
                found = conn.execute(f"SELECT data FROM {TABLES[record_type]} WHERE rownum = ?", (rownum,)).fetchone()
                if found is not None:
                    write_index(conn, record_type, rownum, json.loads(found[0]))
                conn.execute("DELETE FROM search_backlog WHERE record_type = ? AND rownum = ?", (record_type, rownum))
    finally:
        conn.execute("PRAGMA synchronous = FULL")  # every other write of this connection is durable again
    return len(rows)
