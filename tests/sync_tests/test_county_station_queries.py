"""Issue 17: what the county reads for one station's request is found through an index on that station, not by
reading every station's rows (county.db holds a county's ten years: a million records, millions of changes).

Every statement the real server runs against county.db while a station syncs (changes, files, events, reference,
audit head) and recovers (its own changes and files back) is traced; each one that picks rows by station must be
planned on an index that starts with the station (EXPLAIN QUERY PLAN), never on a scan of the table or a range of
its rowids that spans the other stations' rows."""

from __future__ import annotations

import re

import pytest

from sync.server import storage
from sync_tests.test_attachment_upload import attach
from sync_tests.test_attachment_upload import engine as file_engine
from sync_tests.test_sync import record_some

_BY_STATION = re.compile(r"\bstation\s*=\s*'", re.IGNORECASE)  # a statement as run, with its values
_READS_TABLE = re.compile(r"^(SCAN|SEARCH) (\w+)")


@pytest.fixture
def traced(monkeypatch):
    """Every statement run on a county.db connection opened from now on (the server's pool threads included)."""
    statements: list[str] = []
    opened = storage.connect

    def connect(*args, **kw):
        conn = opened(*args, **kw)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(storage, "connect", connect)
    return statements


def _plan(database, sql: str) -> list[str]:
    return [row[3] for row in database.execute("EXPLAIN QUERY PLAN " + sql)]


def _unindexed(plan: list[str]) -> list[str]:
    """The plan's steps that read a table other than through an index on its station."""
    return [step for step in plan if _READS_TABLE.match(step.strip())
            and not re.search(r"\(station=\?", step) and "AUTOMATIC" not in step]


def test_every_per_station_query_of_a_sync_and_a_recovery_is_planned_on_the_station(traced, enrolled, county,
                                                                                     tmp_path):
    record_some(enrolled)
    attach(enrolled, tmp_path, 40_000, seed=1)
    assert file_engine(enrolled, url=county.url).sync_round().complete
    engine = file_engine(enrolled, url=county.url)
    answer = engine.transport.request("GET", "/v1/changes?after=0&limit=100", b"")  # a recovering laptop's pages
    assert answer["changes"]
    [(sha256,)] = enrolled.station.db.execute("SELECT sha256 FROM attachments").fetchall()
    with engine.transport.stream(f"/v1/files/{sha256}/content") as response:
        assert response.status_code == 200
    county.store.change_count("TS01")  # the administrator's and the bench's count of one station's changes

    per_station = sorted({sql for sql in traced if _BY_STATION.search(sql) and sql.lstrip().upper().startswith(
        ("SELECT", "WITH", "UPDATE", "DELETE", "INSERT"))})
    assert any("FROM changes WHERE station" in sql for sql in per_station)  # the recovery's and the count's
    assert any("FROM events WHERE station" in sql for sql in per_station)
    database = county.database()
    try:
        unindexed = {sql: plan for sql in per_station if _unindexed(plan := _plan(database, sql))}
    finally:
        database.close()
    assert not unindexed, "per-station queries that read other stations' rows:\n" + "\n".join(
        f"{sql}\n    {plan}" for sql, plan in unindexed.items())
