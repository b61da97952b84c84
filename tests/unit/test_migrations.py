"""Databases made by earlier versions open, migrate to the current schema, and are backed up first."""

from __future__ import annotations

import shutil
import io
from desktop.records.sqlcipher import sqlite3
from pathlib import Path

import pytest

from desktop.records import db as dbmod
from desktop.records import migrations, queries
from desktop.records.errors import StorageError
from desktop.records.queries import ListQuery
from desktop.records.station import open_station
from helpers.accounts import provided, raw_connection

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
V1 = FIXTURES / "station_v1.db"


def station_from(fixture: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(fixture, data_dir / dbmod.DATABASE_FILE)
    return data_dir


def user_version(path: Path) -> int:
    conn = raw_connection(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def backups(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("station.schema*.bak"))


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("station_v*.db")), ids=lambda p: p.name)
def test_every_released_version_opens_at_the_current_schema(fixture: Path, tmp_path: Path):
    data_dir = station_from(fixture, tmp_path)
    station = open_station(provided(data_dir))
    try:
        assert station.db.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
        assert dbmod.integrity_ok(station.db)
        assert station.settings.configured
    finally:
        station.close()


def test_v1_records_read_back_after_migration(tmp_path: Path):
    assert user_version(V1) == 1
    station = open_station(provided(station_from(V1, tmp_path)))
    try:
        db, store = station.db, station.store
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
        assert station.settings.station_code == "FX01" and station.settings.clerks == ("李明", "王芳")

        wages_id = db.execute("SELECT id FROM consultations WHERE person_name = '张伟'").fetchone()[0]
        wages = store.get("consultation", wages_id)
        assert wages.version == 2 and wages.data["answer"] == "建议申请劳动仲裁，保存考勤记录。"
        assert [h.changed for h in store.history("consultation", wages_id)] == [(), ("answer", "minutes")]

        first = db.execute("SELECT id FROM applications WHERE number = 'FX01-2025-00001'").fetchone()[0]
        application = store.get("application", first)
        assert application.data["name"] == "阿依古丽·买买提" and application.status == "recorded"
        divorce = store.get("consultation", application.data["consultation_id"])
        assert divorce.data["outcome"] == "application" and divorce.data["application_id"] == first
        assert divorce.data["person_id"] == application.data["person_id"]

        minor = db.execute("SELECT id FROM applications WHERE number = 'FX01-2025-00002'").fetchone()[0]
        assert store.get("application", minor).data["legal_rep_name"] == "次仁央宗"

        voided = db.execute("SELECT id FROM consultations WHERE voided = 1").fetchone()[0]
        record = store.get("consultation", voided)
        assert record.void_reason == "重复登记" and record.data["person_id"] is None

        assert [d.data for d in store.drafts()] == [{"name": "李娜", "question": "邻居占用宅基地"}]
        assert store.pending_changes() == 11
        assert queries.count(db, ListQuery("consultation", text="买买提")) == 1
        assert queries.count(db, ListQuery("application", text="扎西")) == 1

        # the migrated station keeps working: numbering continues, the returning person is found
        again = {k: v for k, v in application.data.items() if k != "consultation_id"}  # one consultation, one application
        saved = store.save("application", {**again, "received_at": "2025-06-01T09:00"}, user="李明")
        assert saved.number == "FX01-2025-00003" and saved.person_id == application.data["person_id"]
    finally:
        station.close()


def _extra_step(conn: sqlite3.Connection) -> None:
    migrations.run_script(conn, "ALTER TABLE consultations ADD COLUMN test_extra TEXT;")


def _failing_step(conn: sqlite3.Connection) -> None:
    migrations.run_script(conn, "CREATE TABLE half_done (x); ALTER TABLE no_such_table ADD COLUMN y TEXT;")


def _with_step(monkeypatch: pytest.MonkeyPatch, step) -> int:
    steps = [*migrations.STEPS, step]
    monkeypatch.setattr(dbmod, "STEPS", steps)
    monkeypatch.setattr(dbmod, "CURRENT_VERSION", len(steps))
    return len(steps)


def test_migration_backs_up_the_database_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    newest = _with_step(monkeypatch, _extra_step)
    data_dir = station_from(V1, tmp_path)
    station = open_station(provided(data_dir))
    try:
        assert station.db.execute("PRAGMA user_version").fetchone()[0] == newest
        assert "test_extra" in {r[1] for r in station.db.execute("PRAGMA table_info(consultations)")}
    finally:
        station.close()

    [backup] = backups(data_dir)
    assert backup.name.startswith("station.schema1.")
    conn = raw_connection(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM consultations").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 2
        assert "test_extra" not in {r[1] for r in conn.execute("PRAGMA table_info(consultations)")}
    finally:
        conn.close()

    # opening again migrates nothing and makes no second backup
    open_station(provided(data_dir)).close()
    assert backups(data_dir) == [backup]


def test_a_failing_step_is_rolled_back_and_the_backup_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _with_step(monkeypatch, _failing_step)
    data_dir = station_from(V1, tmp_path)
    with pytest.raises(StorageError):
        open_station(provided(data_dir))
    path = data_dir / dbmod.DATABASE_FILE
    assert user_version(path) == migrations.CURRENT_VERSION  # the released steps before it were applied
    conn = raw_connection(path)
    try:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    finally:
        conn.close()
    assert len(backups(data_dir)) == 1

    monkeypatch.undo()  # the program without the broken step still opens it
    station = open_station(provided(data_dir))
    try:
        assert station.db.execute("SELECT count(*) FROM applications").fetchone()[0] == 2
    finally:
        station.close()


def test_a_new_database_starts_at_the_current_schema_without_backup(tmp_path: Path):
    station = open_station(provided(tmp_path / "data"))
    try:
        assert station.db.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
        assert station.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert station.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    finally:
        station.close()
    assert backups(tmp_path / "data") == []


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("station_v*.db")), ids=lambda p: p.name)
def test_every_released_version_passes_the_selftest_after_migrating(fixture: Path, tmp_path: Path, app):
    """(`app`: the self-test builds the main window, in this process.)"""
    from desktop.selftest import run_selftest

    data_dir = station_from(fixture, tmp_path)
    open_station(provided(data_dir)).close()  # the first start migrates (after a backup)
    assert backups(data_dir)
    assert run_selftest(data_dir, out=io.StringIO()) == 0


def test_every_earlier_schema_has_a_fixture():
    versions = {int(p.stem.removeprefix("station_v")) for p in FIXTURES.glob("station_v*.db")}
    assert versions >= set(range(1, migrations.CURRENT_VERSION)), "run tests/fixtures/make_fixture_later.py"


def test_step_18_counts_an_existing_station_s_lists_by_filter(tmp_path: Path):
    """A station of schema 17 gets its lists' counts and special groups' members from its records (step 18), and its
    filtered lists count and list what they did before."""
    fixture = FIXTURES / "station_v17.db"
    before = raw_connection(fixture)
    try:
        expected = {(channel, group): before.execute(
            "SELECT count(*) FROM consultations WHERE voided = 0 AND (? IS NULL OR channel = ?) "
            "AND (? IS NULL OR categories LIKE '% ' || ? || ' %')", (channel, channel, group, group)).fetchone()[0]
            for channel in (None, "walk_in", "hotline") for group in (None, "woman", "minor")}
    finally:
        before.close()
    assert expected[("walk_in", None)] and expected[(None, "woman")]
    station = open_station(provided(station_from(fixture, tmp_path)))
    try:
        for (channel, group), n in expected.items():
            listing = queries.Listing(station.db, ListQuery("consultation", channel=channel, special_group=group))
            assert listing.total == n == len(listing.page(0, 100)), (channel, group)
    finally:
        station.close()
