"""The counts the triggers keep (desktop/records/migrations.py step 11) are the counts of the tables, whatever
wrote them: saves, voids, the county's acknowledgements and returns, a returned change sent again, decisions
read. The status bar and the lists show them instead of counting (issue 17)."""

from __future__ import annotations

from desktop.demo.runner import fill
from desktop.records.db import write_transaction
from desktop.records.migrations import LIST_TABLES, OUTBOX_PENDING
from desktop.records.queries import ListQuery, count, fetch
from sync.events import mark_all_seen, unseen_count
from sync.outbox import apply_acks, pending_count, release_change
from sync.protocol import ACCEPTED, REJECTED


def _kept(db) -> dict[str, int]:
    return dict(db.execute("SELECT name, n FROM counts").fetchall())


def _counted(db) -> dict[str, int]:
    found = {"outbox:pending": db.execute(f"SELECT count(*) FROM outbox WHERE {OUTBOX_PENDING}").fetchone()[0],
             "county_events:unseen": db.execute("SELECT count(*) FROM county_events WHERE seen_at IS NULL"
                                                ).fetchone()[0]}
    for table in LIST_TABLES:
        found[f"{table}:live"] = db.execute(f"SELECT count(*) FROM {table} WHERE voided = 0").fetchone()[0]
        found[f"{table}:all"] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return found


def test_the_kept_counts_follow_every_write(station):
    db = station.db
    fill(station, 150, seed=5, progress=lambda *_: None)  # saves, edits, voids, every kind of record, decisions
    assert _kept(db) == _counted(db)
    assert sum(_kept(db)[f"{t}:live"] < _kept(db)[f"{t}:all"] for t in LIST_TABLES)  # the demo voids some

    sent = [r[0] for r in db.execute(f"SELECT change_id FROM outbox WHERE {OUTBOX_PENDING} ORDER BY seq LIMIT 6")]
    acks = [{"change_id": c, "status": ACCEPTED} for c in sent[:4]] + [
        {"change_id": c, "status": REJECTED, "reason": "test"} for c in sent[4:]]
    with write_transaction(db) as conn:
        apply_acks(conn, acks, set(sent), "2026-01-01T00:00:00")
    assert _kept(db) == _counted(db)
    release_change(db, sent[5])  # sent again at the next round: waiting once more
    consultation = db.execute("SELECT id FROM consultations WHERE voided = 0 LIMIT 1").fetchone()[0]
    station.store.void("consultation", consultation, "录入错误", user="李芳")
    assert _kept(db) == _counted(db)
    assert pending_count(db) == _counted(db)["outbox:pending"]

    mark_all_seen(db)
    assert unseen_count(db) == 0 and _kept(db) == _counted(db)


def test_a_special_group_counts_what_its_filter_lists(station):
    fill(station, 150, seed=5, progress=lambda *_: None)
    db = station.db
    application = db.execute("SELECT id FROM applications WHERE voided = 0 AND categories LIKE '% woman %'").fetchone()[0]
    station.store.void("application", application, "录入错误", user="李芳")
    codes = {code for (categories,) in db.execute("SELECT categories FROM consultations UNION "
                                                  "SELECT categories FROM applications") for code in categories.split()}
    assert {"woman", "elderly"} <= codes
    for record_type in ("consultation", "application"):
        for code in codes:
            for voided in (False, True):
                query = ListQuery(record_type, special_group=code, include_voided=voided)
                matching = {r[0] for r in db.execute(f"SELECT id FROM {record_type}s WHERE categories LIKE ?"
                                                     + ("" if voided else " AND voided = 0"), (f"% {code} %",))}
                assert count(db, query) == len(matching)
                assert {row.id for row in fetch(db, query, 0, 10_000)} == matching
