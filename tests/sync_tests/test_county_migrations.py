"""county.db has numbered, forward-only schema steps: a county folder written before it had versions
(tests/fixtures/county_v0) upgrades in place and keeps serving its stations; a newer server's database
is refused untouched; a later step backs the database up first; every step is safe to run again."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from sync.identity import StationKey
from sync.server import migrations
from sync.server.__main__ import main as server_cli
from sync.server.county import CountyStore
from sync.server.errors import CountyError
from sync.transport import CountyTransport
from helpers.county import County, free_port
from sync_tests.test_sync import engine, record_some
from tests.conftest import TEST_SETTINGS
from sync.server import data_key

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "county_v0"
TABLES = ("stations", "station_keys", "nonces", "changes", "records", "events", "attachments", "files",
          "file_holders", "roster", "townships", "reference_meta")


def county_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "county"
    shutil.copytree(FIXTURE, folder)
    return folder


def open_db(path: Path):
    """county.db (or a copy) as it is: the fixture's plaintext file, or encrypted with the county's key."""
    if data_key.is_plaintext(path):
        return sqlite3.connect(path)
    return data_key.connect(path, data_key.database_key(path.parent, path.parent / "county.db"))


def user_version(path: Path) -> int:
    conn = open_db(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    conn = open_db(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_a_county_folder_from_before_schema_versions_upgrades_in_place(tmp_path):
    folder = county_folder(tmp_path)
    assert user_version(folder / "county.db") == 0
    before = counts(folder / "county.db")
    store = CountyStore(folder)
    assert user_version(folder / "county.db") == migrations.CURRENT_VERSION == 16
    assert counts(folder / "county.db") == before  # step 1 is the schema it already had; later steps add columns and tables
    assert not list(folder.glob("county.schema*.bak"))  # nothing to copy aside for a step that changes nothing
    assert [(s["code"], bool(s["enrolled_at"]), bool(s["revoked_at"])) for s in store.list_stations()] == \
        [("TS01", True, False), ("TS02", True, True), ("TS03", False, False)]
    events, _cursor, _more = store.events_after("TS01", 0)
    assert [e["kind"] for e in events] == ["accept"] and store.status_of(events[0]["application_number"]) == "accepted"
    [material] = store.conn().execute("SELECT sha256 FROM attachments").fetchall()
    assert store.files.state("TS01", material[0]).status == "complete"
    CountyStore(folder)  # opened again: nothing runs twice
    assert user_version(folder / "county.db") == migrations.CURRENT_VERSION and counts(folder / "county.db") == before
    # step 4: the county's kinds of station are the station's own
    assert {s["type"] for s in store.list_stations()} <= {"fixed", "mobile", "military"}
    # step 7: the records it held are indexed at the workspace's first read: in the queue with their decision,
    # found by two-character words
    from sync.server import queue

    page = queue.queue(store, queue.QueueFilters())
    assert [(i["name"], i["status"]) for i in page["items"]] == [("张伟", "accepted")] and page["total"] == 1
    assert queue.queue(store, queue.QueueFilters(text="张伟"))["total"] == 1
    assert [c["name"] for c in queue.consultations(store, "工资", None, 1)["items"]] == ["张伟"]
    assert store.conn().execute("SELECT count(*) FROM index_pending").fetchone()[0] == 0
    # step 16: the day an application lapses without its materials (Art. 43), in the measures' rows and the queue's
    for table in ("plan_rows", "queue_rows"):
        assert store.conn().execute(f"SELECT lapses_on FROM {table}").fetchall() == [(None,)]  # 张伟's: accepted


def test_the_server_indexes_an_upgraded_county_before_it_serves(tmp_path, capsys, monkeypatch):
    """At a large county the first indexing takes minutes: it must not fall on the first workspace request, and the
    administrator sees how far it is as it goes."""
    from sync.server import indexes
    from sync.server.serve_cli import catch_up_indexes

    store = CountyStore(county_folder(tmp_path))
    monkeypatch.setattr(indexes, "CHUNK", 1)  # a transaction a record: two steps to say
    assert catch_up_indexes(store) == 2  # 张伟's application and consultation, marked by the upgrade
    said = capsys.readouterr().err
    assert "2" in said and "已建立索引 1 / 2 条记录" in said and "已建立索引 2 / 2 条记录" in said
    assert store.conn().execute("SELECT count(*) FROM queue_rows").fetchone()[0] == 1
    assert catch_up_indexes(store) == 0 and capsys.readouterr().err == ""  # once only


def test_the_upgraded_county_keeps_serving_its_stations(services, tmp_path):
    folder = county_folder(tmp_path)
    county = County(folder, free_port())  # the real server, on the old folder
    try:
        # a station registered before the upgrade enrolls with its code and syncs
        from sync.enrollment import enroll

        services.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="TS03", township="新镇"))
        enroll(services.station.db, services.key, services.document_key, county.url, (folder / "TS03.code").read_text().strip(),
               "TS03", county.fingerprint)
        record_some(services, n_apps=1, n_cons=1)
        result = engine(services).sync_round()
        assert result.complete and result.accepted == result.pushed > 0
        number = services.station.db.execute("SELECT number FROM applications").fetchone()[0]
        county.store.decide("accept", number, {})
        assert engine(services).sync_round().events == 1
        from sync.reference import load_reference

        assert [m.id for m in load_reference(services.station.db).lawyers] == ["L001", "S001"]
        # a station enrolled before the upgrade still gets its own changes back with its key
        pem = folder / "station_keys" / "TS01_ed25519.pem"
        keys = tmp_path / "ts01-keys"
        keys.mkdir()
        shutil.copy(pem, keys / "station_ed25519.pem")
        old_key = StationKey.load_or_create(keys)
        transport = CountyTransport(old_key, "TS01", county.store.key().public_key_bytes, county.url, retries=0)
        answer = transport.request("GET", "/v1/changes?after=0&limit=100", b"")
        assert len(answer["changes"]) == county.store.change_count("TS01") == 5
    finally:
        county.stop()


def test_a_county_database_from_a_newer_server_is_refused_and_left_untouched(tmp_path, capsys):
    folder = county_folder(tmp_path)
    CountyStore(folder).conn().close()
    conn = open_db(folder / "county.db")
    conn.execute(f"PRAGMA user_version = {migrations.CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()
    digest = hashlib.sha256((folder / "county.db").read_bytes()).hexdigest()
    with pytest.raises(CountyError, match="newer version of the county server"):
        CountyStore(folder)
    assert server_cli(["station", "list", "--data-dir", str(folder)]) == 1
    assert "newer version of the county server" in capsys.readouterr().err
    assert hashlib.sha256((folder / "county.db").read_bytes()).hexdigest() == digest


def test_a_later_step_copies_the_database_aside_first_and_every_step_runs_again_safely(tmp_path, monkeypatch):
    folder = county_folder(tmp_path)
    CountyStore(folder).conn().close()
    before = counts(folder / "county.db")

    def later_step(conn):
        migrations.run_script(conn, "CREATE INDEX IF NOT EXISTS roster_by_name ON roster(name);")

    current = migrations.CURRENT_VERSION
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, later_step])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", current + 1)
    store = CountyStore(folder)
    assert user_version(folder / "county.db") == current + 1
    [backup] = folder.glob(f"county.schema{current}.*.bak")
    assert user_version(backup) == current and counts(backup) == before
    conn = store.conn()
    types = [(s["code"], s["type"]) for s in store.list_stations()]
    for step in migrations.STEPS:  # a restored copy whose recorded version is older runs them again
        conn.execute("BEGIN IMMEDIATE")
        step(conn)
        conn.execute("COMMIT")
    assert counts(folder / "county.db") == before
    assert [(s["code"], s["type"]) for s in store.list_stations()] == types  # step 4 maps each kind once
