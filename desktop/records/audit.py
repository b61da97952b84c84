"""The audit trail (Qt-free): an append-only, hash-chained log of who saw, changed, printed, exported or
restored which record - the station's in station.db, the county's own in county.db (the same table).

An entry is (seq, at, account, action, record_type, record_id, prev_hash, hash), where prev_hash is the
hash of entry seq - 1 (GENESIS before the first) and hash is the SHA-256 of the canonical JSON of the
other seven. Changing, removing, inserting or reordering any entry changes every hash after it, so
`verify` finds the first entry that no longer fits; and because the county keeps the head (seq, hash)
it saw at each sync (sync/audit_head.py, sync/server/audit.py), a station's log rewritten after the
county saw it - every hash recomputed included - no longer leads to what the county saw. Entries are
appended in the transaction of what they record (a save and its entry commit together).

Entries hold no personal data: an account name, an action, a record's type and id (a UUID).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

from .canonical import canonical_json, local_now
from .db import write_transaction
from .i18n import QT_TRANSLATE_NOOP

GENESIS = "0" * 64
SAW, CREATED, CHANGED, VOIDED = "saw", "created", "changed", "voided"
PRINTED, EXPORTED, RESTORED, DECIDED, DOWNLOADED = "printed", "exported", "restored", "decided", "downloaded"
RECOVERED = "recovered"  # a station opened through the county's escrow (desktop/records/escrow.py)
ACTIONS = (SAW, CREATED, CHANGED, VOIDED, PRINTED, EXPORTED, RESTORED, DECIDED, DOWNLOADED, RECOVERED)
ACTION_WORDS = {  # what the screens and CLIs show (context "Audit")
    SAW: QT_TRANSLATE_NOOP("Audit", "viewed"),
    CREATED: QT_TRANSLATE_NOOP("Audit", "created"),
    CHANGED: QT_TRANSLATE_NOOP("Audit", "changed"),
    VOIDED: QT_TRANSLATE_NOOP("Audit", "voided"),
    PRINTED: QT_TRANSLATE_NOOP("Audit", "printed"),
    EXPORTED: QT_TRANSLATE_NOOP("Audit", "exported"),
    RESTORED: QT_TRANSLATE_NOOP("Audit", "restored"),
    DECIDED: QT_TRANSLATE_NOOP("Audit", "decided"),
    DOWNLOADED: QT_TRANSLATE_NOOP("Audit", "downloaded"),
    RECOVERED: QT_TRANSLATE_NOOP("Audit", "recovered through the county"),
}
COMMAND_LINE = "命令行"  # who an action from the command line records, until accounts sign in there (a name in the data)
OF_CHANGE = {"create": CREATED, "update": CHANGED, "void": VOIDED}  # a history action -> its audit action

# the table: station step 11 (desktop/records/migrations.py), county step 5 (sync/server/migrations.py)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    account: str
    action: str
    record_type: str
    record_id: str
    prev_hash: str
    hash: str


def entry_hash(seq: int, at: str, account: str, action: str, record_type: str, record_id: str,
               prev_hash: str) -> str:
    return hashlib.sha256(canonical_json([seq, at, account, action, record_type, record_id, prev_hash])
                          .encode("utf-8")).hexdigest()


def append(conn, account: str, action: str, record_type: str, record_id: str, at: str | None = None) -> Entry:
    """Add one entry, in the caller's write transaction (so it commits with what it records)."""
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = at or local_now()
    account, record_id = str(account or ""), str(record_id or "")
    digest = entry_hash(seq, at, account, action, record_type, record_id, prev)
    conn.execute("INSERT INTO audit_log (seq, at, account, action, record_type, record_id, prev_hash, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (seq, at, account, action, record_type, record_id, prev, digest))
    return Entry(seq, at, account, action, record_type, record_id, prev, digest)


def record(db, account: str, action: str, record_type: str, record_id: str) -> Entry:
    """One entry in a write transaction of its own (a record opened, a form printed, a bundle exported)."""
    with write_transaction(db) as conn:
        return append(conn, account, action, record_type, record_id)


def carry_over(source, target) -> int:
    """Copy into `target` (a restored database, in the caller's transaction) the entries of `source` (the
    database the restore replaced) after `target`'s head, when `target`'s log is `source`'s as it was at the
    backup: a restore loses no entry, and the log goes on leading through what the county saw. A `target`
    whose log went another way (another station's backup) gets nothing; its next sync shows the break.
    How many entries were copied."""
    seq, digest = head(target)
    if seq:
        row = source.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
        if row is None or row[0] != digest:
            return 0
    copied = 0
    while True:
        rows = source.execute("SELECT seq, at, account, action, record_type, record_id, prev_hash, hash FROM audit_log "
                              "WHERE seq > ? ORDER BY seq LIMIT 5000", (seq + copied,)).fetchall()
        if not rows:
            return copied
        target.executemany("INSERT INTO audit_log (seq, at, account, action, record_type, record_id, prev_hash, hash) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [tuple(r) for r in rows])
        copied += len(rows)


def head(conn) -> tuple[int, str]:
    """(seq, hash) of the last entry as stored; (0, GENESIS) for an empty log."""
    last = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


BROKEN_HASH = QT_TRANSLATE_NOOP("Audit", "Entry {seq} was changed after it was written (its hash does not match).")
BROKEN_LINK = QT_TRANSLATE_NOOP("Audit", "Entry {seq} does not follow the entry before it: entries were removed, "
                                         "inserted or reordered.")
BROKEN_GAP = QT_TRANSLATE_NOOP("Audit", "Entries are missing before entry {seq}.")


@dataclass
class Verification:
    """What `verify` found: the recomputed head and, at the first entry that does not fit, why."""

    entries: int = 0
    seq: int = 0
    hash: str = GENESIS  # the head recomputed from the entries' contents (what the county compares)
    broken_at: int | None = None
    reason: str = ""  # an English source string of context "Audit" ({seq})
    hash_at: dict[int, str] = field(default_factory=dict)  # recomputed hashes at the seqs asked for

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def reason_zh(self) -> str:
        from .i18n import chinese

        return chinese("Audit", self.reason).format(seq=self.broken_at) if self.reason else ""


def verify(conn, at_seqs: Iterable[int] = ()) -> Verification:
    """Recompute the chain from its first entry; the first entry that does not fit is reported, and the
    head is recomputed from the contents (so a log edited in place and one rewritten whole both lead
    elsewhere than the head the county saw). Reads in pages: a station's years of entries stay cheap."""
    wanted = set(at_seqs)
    result = Verification()
    running, expected, after = GENESIS, 1, 0
    while True:
        rows = conn.execute("SELECT seq, at, account, action, record_type, record_id, prev_hash, hash FROM audit_log "
                            "WHERE seq > ? ORDER BY seq LIMIT 5000", (after,)).fetchall()
        if not rows:
            break
        for seq, at, account, action, record_type, record_id, prev_hash, stored in rows:
            computed = entry_hash(seq, at, account, action, record_type, record_id, running)
            if result.broken_at is None:
                if seq != expected:
                    result.broken_at, result.reason = seq, BROKEN_GAP
                elif prev_hash != running:
                    result.broken_at, result.reason = seq, BROKEN_LINK
                elif stored != computed:
                    result.broken_at, result.reason = seq, BROKEN_HASH
            running, expected, after = computed, seq + 1, seq
            result.entries += 1
            if seq in wanted:
                result.hash_at[seq] = computed
        result.seq = after
    result.hash = running
    return result


def entries(conn, *, limit: int = 200, before: int | None = None, record_id: str | None = None) -> list[Entry]:
    """The newest entries first (before seq `before`), of one record when `record_id` is given."""
    where, params = ["1 = 1"], []
    if before is not None:
        where.append("seq < ?")
        params.append(before)
    if record_id:
        where.append("record_id = ?")
        params.append(record_id)
    rows = conn.execute("SELECT seq, at, account, action, record_type, record_id, prev_hash, hash FROM audit_log "
                        f"WHERE {' AND '.join(where)} ORDER BY seq DESC LIMIT ?", (*params, limit)).fetchall()
    return [Entry(*row) for row in rows]


def head_claim(conn, proof_seq: int | None) -> dict[str, Any]:
    """What travels with a sync: the recomputed head, and the recomputed hash at `proof_seq` (the head the
    county said it saw last), so the county can tell whether this log still leads through what it saw."""
    found = verify(conn, [proof_seq] if proof_seq else [])
    claim: dict[str, Any] = {"head": {"seq": found.seq, "hash": found.hash}, "intact": found.intact}
    if proof_seq is not None:
        claim["proof"] = {"seq": proof_seq, "hash": found.hash_at.get(proof_seq) if proof_seq else GENESIS}
    return claim
