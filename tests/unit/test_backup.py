"""Backups: made on their own connection, checked when made, rotated, and restored after the live data broke.

The tests that matter most: a backup made while another process saves records is a consistent
copy; and "back up, corrupt the live database, restore, find every record" with every attachment
verifying afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.records import backup as backup_module
from desktop.records.backup import checking as backup_checking
from desktop.records.backup import files as backup_files
from desktop.records.backup import making as backup_making
from desktop.records import migrations
from desktop.records.backup import (BACKUPS_DIR, FIRST_BACKUP_CHANGES, BackupCancelled, BackupError, Problems,
                                    Warnings, backup_due, changes_since, history_mark, last_backup,
                                    backup_if_due, backup_station, clean_partials, list_backups, make_backup,
                                    restore_backup, rotate, verify_backup)
from desktop.records.db import database_path
from desktop.records.settings import StationSettings
from desktop.services import KEYS_DIR, VAULT_DIR, open_services
from helpers.qt_blocked import run_without_qt

from .test_validation import civil_application, consultation
from .test_vault import JPEG, PDF, UYGHUR, content
from helpers.accounts import provided, raw_connection

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "tests" / "helpers" / "save_forever.py"
SETTINGS = StationSettings(station_code="TS01", station_name="测试镇法律援助工作站", township="测试镇",
                           county_name="青山县", clerks=("李芳",), current_clerk="李芳")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def services(data_dir):
    opened = open_services(provided(data_dir))
    opened.station.update_settings(SETTINGS)
    yield opened
    opened.close()


def fill(services, tmp_path: Path, n: int = 3) -> dict:
    """Records of every kind and attachments (one file attached twice, a Uyghur file name)."""
    store = services.station.store
    saved = {"consultation": [], "application": [], "attachment": []}
    for i in range(n):
        saved["consultation"].append(store.save("consultation", consultation(), user="李芳").id)
        application = store.save("application", civil_application(), user="李芳").id
        saved["application"].append(application)
        scan = tmp_path / f"申请表{i}.pdf"
        scan.write_bytes(content(PDF, 50_000 + i, seed=i))
        saved["attachment"].append(services.attachments.attach("application", application, "signed_form", scan,
                                                               user="李芳").id)
    photo = tmp_path / f"{UYGHUR}.jpg"
    photo.write_bytes(content(JPEG, 30_000, seed=99))
    first = saved["application"][0]
    saved["attachment"].append(services.attachments.attach("application", first, "id_copy", photo, user="李芳").id)
    saved["attachment"].append(services.attachments.attach("application", first, "other", photo, user="李芳").id)
    return saved


def writable(path: Path) -> None:
    os.chmod(path, 0o644)


def flip_byte(path: Path, offset: int) -> None:
    writable(path)
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x20
    path.write_bytes(bytes(data))


# -- making and checking -------------------------------------------------------------------------

def test_backup_then_verify(services, data_dir, tmp_path):
    saved = fill(services, tmp_path)
    info = make_backup(services, tmp_path / "backups", keep=5)
    assert info.path.parent == tmp_path / "backups" and info.path.is_dir()
    assert verify_backup(info.path) == []
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["consultations"] == 3 and manifest["counts"]["applications"] == 3
    assert manifest["counts"]["attachments"] == len(saved["attachment"]) == 5
    # each object once: the photo linked twice is one file
    listed = {o["sha256"] for o in manifest["objects"]}
    assert len(listed) == 4 == info.objects
    for sha256 in listed:
        copy = info.path / "objects" / sha256[:2] / sha256[2:]
        assert copy.read_bytes() == services.vault.path_for(sha256).read_bytes()
        # a real copy, never a link to the live vault
        assert copy.stat().st_ino != services.vault.path_for(sha256).stat().st_ino
    assert manifest["keys"] == [{"key_id": services.key.key_id, "public_key": manifest["keys"][0]["public_key"],
                                 "created_at": manifest["keys"][0]["created_at"]}]
    assert [p.name for p in (info.path / "keys").iterdir()] == ["station_ed25519.pub"]  # never the private key
    assert info.counts == manifest["counts"] and info.warnings == ()
    assert [b.path for b in list_backups(tmp_path / "backups")] == [info.path]


def test_the_copy_opens_alone_and_read_only(services, tmp_path):
    fill(services, tmp_path, 1)
    info = make_backup(services, tmp_path / "backups", keep=5)
    conn = raw_connection(info.path.joinpath("station.db"), read_only=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 1
    finally:
        conn.close()
    assert sorted(p.name for p in info.path.iterdir()) == ["keyring.json", "keys", "manifest.json", "objects", "station.db"]


def test_a_flipped_byte_in_the_database_copy_is_found(services, tmp_path):
    fill(services, tmp_path)
    info = make_backup(services, tmp_path / "backups", keep=5)
    flip_byte(info.path / "station.db", info.database_bytes // 2)
    problems = verify_backup(info.path)
    assert problems and problems[0].message == Problems.DATABASE_CHANGED


def test_a_damaged_page_is_found_by_the_integrity_check(services, tmp_path):
    fill(services, tmp_path)
    info = make_backup(services, tmp_path / "backups", keep=5)
    copy = info.path / "station.db"
    writable(copy)
    data = bytearray(copy.read_bytes())
    data[4096 * 2: 4096 * 2 + 200] = b"\xff" * 200  # a b-tree page header gone
    copy.write_bytes(bytes(data))
    messages = {p.message for p in verify_backup(info.path)}
    assert Problems.DATABASE_CHANGED in messages and Problems.DATABASE_DAMAGED in messages


def test_a_deleted_or_damaged_object_is_found(services, tmp_path):
    fill(services, tmp_path)
    info = make_backup(services, tmp_path / "backups", keep=5)
    objects = sorted(p for p in (info.path / "objects").rglob("*") if p.is_file())
    objects[0].unlink()
    flip_byte(objects[1], 100)
    problems = verify_backup(info.path)
    assert sorted(p.message for p in problems) == sorted([Problems.OBJECT_MISSING, Problems.OBJECT_CHANGED])
    assert objects[0].parent.name + objects[0].name in problems[0] + problems[1]


def test_a_failed_check_deletes_the_new_backup(services, tmp_path, monkeypatch):
    fill(services, tmp_path, 1)
    monkeypatch.setattr(backup_checking, "_check_database",
                        lambda copy, expected: [backup_module.Problem(Problems.DATABASE_DAMAGED, detail="test")])
    with pytest.raises(BackupError) as raised:
        make_backup(services, tmp_path / "backups", keep=5)
    assert raised.value.kind == "check_failed" and "did not pass its check" in raised.value.text()
    assert list((tmp_path / "backups").iterdir()) == []  # neither a .partial nor a backup


def test_cancel_leaves_nothing_behind(services, tmp_path):
    fill(services, tmp_path)
    calls = []
    with pytest.raises(BackupCancelled):
        make_backup(services, tmp_path / "backups", keep=5, progress=lambda d, t: calls.append((d, t)),
                    cancelled=lambda: len(calls) > 0)
    assert list((tmp_path / "backups").iterdir()) == []


def test_progress_reaches_the_end(services, tmp_path):
    fill(services, tmp_path)
    calls = []
    make_backup(services, tmp_path / "backups", keep=5, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(b[0] >= a[0] for a, b in zip(calls, calls[1:]))


def test_no_database_is_a_clear_error(tmp_path):
    with pytest.raises(BackupError) as raised:
        make_backup(tmp_path / "nothing", tmp_path / "backups", keep=5)
    assert raised.value.kind == "no_database"
    assert not (tmp_path / "nothing").exists()


# -- incremental, rotation, unfinished folders ---------------------------------------------------

def test_rotation_keeps_the_newest_n(services, tmp_path):
    fill(services, tmp_path, 1)
    made = [make_backup(services, tmp_path / "backups", keep=3).path for _ in range(5)]
    assert len(set(made)) == 5  # several in one second get -2, -3...
    kept = [b.path for b in list_backups(tmp_path / "backups")]
    assert kept == made[:1:-1] == [made[4], made[3], made[2]]
    assert rotate(tmp_path / "backups", 0) == [made[3], made[2]]  # at least one is always kept


@pytest.mark.skipif(os.name != "posix", reason="inode numbers")
def test_unchanged_objects_are_hard_linked_from_the_previous_backup(services, tmp_path):
    fill(services, tmp_path, 2)
    first = make_backup(services, tmp_path / "backups", keep=5)
    application = services.station.store.save("application", civil_application(), user="李芳").id
    scan = tmp_path / "new.pdf"
    scan.write_bytes(content(PDF, 40_000, seed=1234))
    new = services.attachments.attach("application", application, "other", scan, user="李芳")
    second = make_backup(services, tmp_path / "backups", keep=5)
    for path in (first.path / "objects").rglob("*"):
        if path.is_file():
            assert path.stat().st_ino == (second.path / path.relative_to(first.path)).stat().st_ino
    fresh = second.path / "objects" / new.sha256[:2] / new.sha256[2:]
    assert fresh.stat().st_nlink == 1 and second.objects == first.objects + 1


@pytest.mark.skipif(os.name != "posix", reason="inode numbers")
def test_a_damaged_shared_file_is_copied_afresh(services, tmp_path):
    fill(services, tmp_path, 1)
    first = make_backup(services, tmp_path / "backups", keep=5)
    shared = next(p for p in (first.path / "objects").rglob("*") if p.is_file())
    flip_byte(shared, 10)  # bit rot in the older backup
    second = make_backup(services, tmp_path / "backups", keep=5)
    assert verify_backup(second.path) == []
    assert (second.path / shared.relative_to(first.path)).stat().st_ino != shared.stat().st_ino
    assert verify_backup(first.path)  # the old one still says what is wrong with it


def test_a_vault_file_damaged_since_the_last_backup_is_taken_from_it(services, tmp_path, monkeypatch):
    """Where backups cannot share files (FAT drive), a damaged vault file must not replace the good copy."""
    saved = fill(services, tmp_path, 1)
    make_backup(services, tmp_path / "backups", keep=5)
    damaged = services.attachments.get(saved["attachment"][0])
    path = services.vault.path_for(damaged.sha256)
    writable(path)
    path.write_bytes(b"%PDF-damaged")

    def no_links(*_args):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(backup_making.os, "link", no_links)
    info = make_backup(services, tmp_path / "backups", keep=5)
    assert verify_backup(info.path) == [] and info.absent == 0
    assert [w.message for w in info.warnings] == [Warnings.FROM_OLDER]
    kept = info.path / "objects" / damaged.sha256[:2] / damaged.sha256[2:]
    assert backup_files._hash_object(kept, backup_files._objects_key(info.path))[1] == damaged.sha256


def test_a_vault_file_missing_everywhere_is_reported_not_fatal(services, tmp_path):
    saved = fill(services, tmp_path, 1)
    lost = services.attachments.get(saved["attachment"][0])
    path = services.vault.path_for(lost.sha256)
    writable(path)
    path.unlink()
    info = make_backup(services, tmp_path / "backups", keep=5)
    assert info.absent == 1 and [w.message for w in info.warnings] == [Warnings.ABSENT]
    assert verify_backup(info.path) == []  # what it holds is intact; the gap is recorded
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["absent"] == [{"sha256": lost.sha256, "size": lost.size}]


def test_partial_folders_are_ignored_and_cleaned(services, tmp_path):
    fill(services, tmp_path, 1)
    folder = tmp_path / "backups"
    left = folder / "20200101-000000.partial"
    (left / "objects" / "ab").mkdir(parents=True)
    (left / "station.db").write_bytes(b"half")
    (left / "objects" / "ab" / "cd").write_bytes(b"x")
    os.chmod(left / "objects" / "ab" / "cd", 0o444)
    assert list_backups(folder) == []
    info = make_backup(services, folder, keep=5)
    assert not left.exists()
    assert [p.name for p in folder.iterdir()] == [info.path.name]


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_partial_folder_still_being_written_is_left_alone(tmp_path):
    import fcntl

    folder = tmp_path / "backups"
    busy = folder / "20200101-000000.partial"
    busy.mkdir(parents=True)
    fd = os.open(busy / ".writing", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert clean_partials(folder) == [] and busy.exists()
    finally:
        os.close(fd)
    assert clean_partials(folder) == [busy] and not busy.exists()


def test_a_folder_without_a_readable_manifest_is_listed_as_unreadable(services, tmp_path):
    fill(services, tmp_path, 1)
    info = make_backup(services, tmp_path / "backups", keep=5)
    os.chmod(info.path / "manifest.json", 0o644)
    (info.path / "manifest.json").write_text("{", encoding="utf-8")
    [listed] = list_backups(tmp_path / "backups")
    assert not listed.readable
    assert [p.message for p in verify_backup(info.path)] == [Problems.MANIFEST]


_plain_set = backup_files._Meter.set


def _slow_set(meter, done):
    time.sleep(0.002)
    _plain_set(meter, done)


# -- while the station works -----------------------------------------------------------------

def test_backup_while_another_process_saves_is_consistent(services, data_dir, tmp_path, monkeypatch):
    """The child saves records in a loop (each save: record, person, history, outbox, search index);
    every backup taken meanwhile is intact and holds whole saves only."""
    monkeypatch.setattr(backup_making, "STEP_BYTES", 16 * 4096)  # many small steps, slowed down below:
    monkeypatch.setattr(backup_files._Meter, "set", _slow_set)  # the child saves between the steps
    services.close()
    child = subprocess.Popen([sys.executable, str(HELPER), str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8")
    reported = []
    made = []
    try:
        for _ in range(40):  # some saves before the first backup
            reported.append(child.stdout.readline().split())
        for _ in range(4):
            before = len(reported)
            made.append((make_backup(data_dir, tmp_path / "backups", keep=10), before))
            for _ in range(10):
                reported.append(child.stdout.readline().split())
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert len(made) == 4
    for info, saved_before in made:
        assert verify_backup(info.path) == []
        conn = raw_connection(info.path.joinpath("station.db"), read_only=True)
        try:
            ids = {r[0] for r in conn.execute("SELECT id FROM consultations UNION ALL SELECT id FROM applications")}
            assert {r[1] for r in reported[:saved_before]} <= ids  # everything saved before it started
            for table, record_type in (("consultations", "consultation"), ("applications", "application")):
                orphans = conn.execute(
                    f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM history h WHERE "
                    f"h.record_type = ? AND h.record_id = t.id) OR NOT EXISTS (SELECT 1 FROM outbox o WHERE "
                    f"o.record_type = ? AND o.record_id = t.id)", (record_type, record_type)).fetchone()[0]
                assert orphans == 0
            assert conn.execute("SELECT count(*) FROM history").fetchone()[0] == \
                conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
            assert conn.execute("SELECT max(lamport) FROM history").fetchone()[0] == \
                conn.execute("SELECT lamport FROM clock").fetchone()[0]
        finally:
            conn.close()
    counts = [info.count("consultations") + info.count("applications") for info, _ in made]
    assert counts == sorted(counts) and counts[-1] > counts[0]  # the saves went on during the backups


def test_backup_from_a_thread_while_the_ui_connection_writes(services, data_dir, tmp_path):
    """The app's case: the worker opens its own connection; the UI's connection keeps saving meanwhile."""
    import threading

    fill(services, tmp_path, 1)
    result: dict = {}
    started = threading.Event()

    def work():
        def progress(done, total):
            started.set()
            time.sleep(0.001)

        result["info"] = make_backup(data_dir, tmp_path / "backups", keep=5, progress=progress)

    worker = threading.Thread(target=work)
    worker.start()
    started.wait(10)
    saved_meanwhile = [services.station.store.save("consultation", consultation(), user="李芳").id for _ in range(5)]
    worker.join(30)
    info = result["info"]
    assert verify_backup(info.path) == [] and saved_meanwhile


# -- restore -----------------------------------------------------------------------------------------

def test_backup_corrupt_restore_finds_every_record(services, data_dir, tmp_path):
    saved = fill(services, tmp_path)
    info = make_backup(services, data_dir / BACKUPS_DIR, keep=5)
    key_id = services.key.key_id
    lost = services.vault.path_for(services.attachments.get(saved["attachment"][1]).sha256)
    services.close()
    live = database_path(data_dir)
    for suffix in ("-wal", "-shm"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    garbage = os.urandom(4096) * 20
    live.write_bytes(garbage)  # the database is destroyed
    writable(lost)
    lost.unlink()  # and one scan is gone from the vault

    restored = restore_backup(info.path, data_dir)

    assert restored.previous is not None and restored.previous.read_bytes() == garbage  # kept, never deleted
    assert restored.previous.name.startswith("station.db.before-restore-")
    assert restored.objects_restored == 1
    reopened = open_services(provided(data_dir))
    try:
        store = reopened.station.store
        for record_type in ("consultation", "application"):
            for record_id in saved[record_type]:
                assert store.get(record_type, record_id).id == record_id
        results = reopened.attachments.verify_all()
        assert sorted(v.attachment.id for v in results) == sorted(saved["attachment"])
        assert {v.status for v in results} == {"ok"}
        assert reopened.key.key_id == key_id
        assert reopened.station.settings.station_code == "TS01"
    finally:
        reopened.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(services, data_dir, tmp_path):
    fill(services, tmp_path, 1)
    info = make_backup(services, tmp_path / "backups", keep=5)
    services.close()
    before = database_path(data_dir).read_bytes()
    flip_byte(info.path / "station.db", 5000)
    with pytest.raises(BackupError) as raised:
        restore_backup(info.path, data_dir)
    assert raised.value.kind == "damaged" and raised.value.problems
    assert database_path(data_dir).read_bytes() == before
    assert not list(data_dir.glob("station.db.*"))


def test_restore_refuses_while_the_database_is_open(services, data_dir, tmp_path):
    fill(services, tmp_path, 1)
    info = make_backup(services, tmp_path / "backups", keep=5)
    with pytest.raises(BackupError) as raised:
        restore_backup(info.path, data_dir)
    assert raised.value.kind == "in_use"
    assert not list(data_dir.glob("station.db.*"))
    assert services.station.store.pending_changes() > 0  # the open connection still works


def test_restore_onto_a_new_computer(services, data_dir, tmp_path):
    saved = fill(services, tmp_path, 2)
    info = make_backup(services, tmp_path / "usb", keep=5)
    services.close()
    elsewhere = tmp_path / "new-pc"
    restored = restore_backup(info.path, elsewhere)
    assert restored.previous is None and restored.objects_restored == info.objects
    reopened = open_services(provided(elsewhere))  # a new station key is made; the old signatures still verify
    try:
        assert reopened.station.store.get("application", saved["application"][1]).id == saved["application"][1]
        assert {v.status for v in reopened.attachments.verify_all()} == {"ok"}
    finally:
        reopened.close()


def _as_older_backup(info, schema: int, change, counts: dict | None = None) -> None:
    """Make the backup at `info` look made by a version of schema `schema`: `change(conn)` on its database, its
    manifest's schema, counts and hash to match."""
    copy = info.path / "station.db"
    writable(copy)
    conn = raw_connection(copy)
    change(conn)
    conn.commit()
    conn.execute(f"PRAGMA user_version = {schema}")
    conn.close()
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = schema
    manifest["counts"].update(counts or {})
    manifest["database"]["sha256"] = backup_files._hash_file(copy)[1]
    manifest["database"]["size"] = copy.stat().st_size
    (info.path / "manifest.json").chmod(0o644)
    (info.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_restore_of_an_older_schema_migrates(services, data_dir, tmp_path):
    fill(services, tmp_path, 1)
    info = make_backup(services, tmp_path / "backups", keep=5)
    services.close()

    def before_step_3(conn) -> None:  # what step 3 adds (and step 19 keeps)
        for index in ("consultations_list", "applications_list", "consultations_void", "applications_void"):
            conn.execute(f"DROP INDEX {index}")

    _as_older_backup(info, 2, before_step_3)
    restored = restore_backup(info.path, data_dir)
    assert restored.schema_before == 2
    conn = raw_connection(database_path(data_dir))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"consultations_list", "applications_list", "consultations_void", "applications_void"} <= indexes
    conn.close()


def test_restore_of_a_backup_that_counted_a_table_since_dropped(services, data_dir, tmp_path):
    # a version-18 backup holds and counts record_groups, which step 19 drops: the restore migrates it and is not
    # refused for the table it no longer has (migrations.RETIRED_TABLES)
    fill(services, tmp_path, 1)
    info = make_backup(services, tmp_path / "backups", keep=5)
    services.close()

    def with_record_groups(conn) -> None:
        conn.execute("CREATE TABLE record_groups (record_table TEXT NOT NULL, code TEXT NOT NULL, "
                     "voided INTEGER NOT NULL, rownum INTEGER NOT NULL, PRIMARY KEY (record_table, code, voided, "
                     "rownum)) WITHOUT ROWID")
        conn.executemany("INSERT INTO record_groups VALUES ('consultations', ?, 0, ?)",
                         [("elderly", n) for n in (1, 2, 3)])

    _as_older_backup(info, 18, with_record_groups, {"record_groups": 3})
    assert restore_backup(info.path, data_dir).schema_before == 18
    conn = raw_connection(database_path(data_dir))
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'record_groups'").fetchone() is None
    conn.close()


def test_restore_refuses_a_backup_from_a_newer_version(services, data_dir, tmp_path):
    info = make_backup(services, tmp_path / "backups", keep=5)
    services.close()
    manifest_path = info.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["schema_version"] = 99
    manifest_path.chmod(0o644)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(BackupError) as raised:
        restore_backup(info.path, data_dir)
    assert raised.value.kind == "newer" and "99" in raised.value.text()


# -- settings, the second folder, the daily schedule -------------------------------------------------

def test_settings_defaults_and_checks():
    s = StationSettings()
    assert (s.backup_folder, s.backup_keep, s.backup_removable) == ("", 14, "")
    fields = {i.field for i in StationSettings(backup_keep=0, backup_folder="relative/path").issues()}
    assert {"backup_keep", "backup_folder"} <= fields
    same = StationSettings(backup_folder=os.path.abspath("x"), backup_removable=os.path.abspath("x"))
    assert "backup_removable" in {i.field for i in same.issues()}
    assert not {"backup_keep", "backup_folder", "backup_removable"} & {i.field for i in SETTINGS.issues()}


def test_backup_settings_are_stored_with_the_station(services, data_dir, tmp_path):
    from dataclasses import replace

    services.station.update_settings(replace(SETTINGS, backup_folder=str(tmp_path / "b"), backup_keep=2))
    info = backup_station(data_dir)  # reads the settings on its own connection
    assert info.path.parent == tmp_path / "b"


def test_default_folder_is_in_the_data_folder(services, data_dir):
    info = backup_station(services)
    assert info.path.parent == data_dir / BACKUPS_DIR


def test_the_second_folder_gets_a_checked_copy(services, data_dir, tmp_path):
    fill(services, tmp_path, 1)
    usb = tmp_path / "usb"
    usb.mkdir()
    for _ in range(3):
        info = make_backup(services, tmp_path / "backups", keep=2, also_to=usb / "station-backups")
    [copy] = info.copies
    assert copy == usb / "station-backups" / info.path.name and verify_backup(copy) == []
    assert len(list_backups(usb / "station-backups")) == 2  # rotated there too
    assert info.warnings == ()


def test_an_absent_second_folder_is_a_warning_not_a_failure(services, tmp_path):
    info = make_backup(services, tmp_path / "backups", keep=2, also_to=tmp_path / "no-drive" / "backups")
    assert verify_backup(info.path) == []
    assert [w.message for w in info.warnings] == [Warnings.REMOVABLE_ABSENT] and info.copies == ()


def save_consultations(services, n: int) -> None:
    """n saved consultations: 2n changes (each consultation and its person)."""
    for i in range(n):
        services.station.store.save("consultation", {**consultation(), "name": f"张{i}"}, user="李芳")


def test_no_automatic_backup_before_real_work_then_one_a_day_while_there_is_work(services, data_dir):
    """The first automatic backup ran at set-up with 0 records and the next a day later, so the first
    day's work was in no backup (issue #10, item 11): now it comes once there is work worth one."""
    folder = data_dir / BACKUPS_DIR
    assert backup_if_due(data_dir) is None and list_backups(folder) == []  # a new station: nothing to keep
    save_consultations(services, FIRST_BACKUP_CHANGES // 2 - 1)
    assert backup_if_due(data_dir) is None  # 8 changes: not yet
    save_consultations(services, 1)
    first = backup_if_due(data_dir)  # 10 changes: the first backup, the same day
    assert first is not None and first.count("consultations") == FIRST_BACKUP_CHANGES // 2
    assert backup_if_due(data_dir) is None  # nothing new since
    later = datetime.now().astimezone() + timedelta(hours=25)
    assert backup_if_due(data_dir, now=later) is None  # a day later, but no new work: nothing to add
    save_consultations(services, 1)
    assert backup_if_due(data_dir) is None  # new work, the last backup is hours old
    assert backup_if_due(data_dir, now=later) is not None  # a day later with new work
    assert len(list_backups(folder)) == 2


def test_closing_backs_up_any_work_no_backup_holds(services, data_dir):
    folder = data_dir / BACKUPS_DIR
    assert backup_if_due(data_dir, closing=True) is None  # nothing done
    save_consultations(services, 1)
    assert backup_if_due(data_dir, closing=True) is not None  # two changes are worth it at closing time
    assert backup_if_due(data_dir, closing=True) is None
    last = last_backup(folder)
    assert last is not None and last.history == history_mark(services.station.db)
    assert backup_due(last, changes_since(history_mark(services.station.db), last), closing=True) is False


def test_data_dir_names_match_the_services():
    assert (backup_module.VAULT_DIR, backup_module.KEYS_DIR) == (VAULT_DIR, KEYS_DIR)


def test_backup_module_runs_without_qt():
    result = run_without_qt("import desktop.records.backup\nprint('ok')\n")
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


# -- the command line ----------------------------------------------------------------------------------

def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env=env, input=stdin, timeout=120)


def test_cli_backup_and_restore(services, data_dir, tmp_path):
    saved = fill(services, tmp_path, 1)
    services.close()
    made = cli("backup", "--data-dir", str(data_dir), "--to", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    assert "备份已生成并核查无误" in made.stdout and "申请 1 条" in made.stdout
    [info] = list_backups(tmp_path / "backups")
    database_path(data_dir).write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(str(database_path(data_dir)) + suffix).unlink(missing_ok=True)
    restored = cli("restore", str(info.path), "--data-dir", str(data_dir), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "before-restore" in restored.stdout
    reopened = open_services(provided(data_dir))
    try:
        assert reopened.station.store.get("application", saved["application"][0])
    finally:
        reopened.close()


def test_cli_restore_asks_and_a_no_changes_nothing(services, data_dir, tmp_path):
    backup_station(services)
    services.close()
    before = database_path(data_dir).read_bytes()
    answered = cli("restore", "latest", "--data-dir", str(data_dir), stdin="n\n")
    assert answered.returncode == 3 and "输入 是（或 yes）确认恢复" in answered.stdout and "没有做任何改动" in answered.stdout
    assert database_path(data_dir).read_bytes() == before
    silent = cli("restore", "latest", "--data-dir", str(data_dir))  # no console: only --yes restores
    assert silent.returncode == 3
    agreed = cli("restore", "latest", "--data-dir", str(data_dir), stdin="yes\n")
    assert agreed.returncode == 0, agreed.stderr


def test_cli_restore_of_a_damaged_backup_fails_clearly(services, data_dir, tmp_path):
    fill(services, tmp_path, 1)
    info = backup_station(services)
    services.close()
    next(p for p in (info.path / "objects").rglob("*") if p.is_file()).unlink()
    result = cli("restore", info.path.name, "--data-dir", str(data_dir), "--yes")
    assert result.returncode == 1
    assert "is damaged and cannot be restored; nothing was changed" in result.stderr and "已损坏" in result.stderr
    assert "缺失" in result.stderr


def test_cli_exit_codes_when_it_cannot_run(tmp_path):
    nothing = cli("backup", "--data-dir", str(tmp_path / "none"))
    assert nothing.returncode == 2 and "There is no station in" in nothing.stderr
    unknown = cli("restore", "20200101-000000", "--data-dir", str(tmp_path / "none"))
    assert unknown.returncode == 2 and "There is no backup" in unknown.stderr


def test_cli_restore_refuses_while_the_program_has_the_folder(services, data_dir, tmp_path):
    from PySide6.QtCore import QLockFile

    info = backup_station(services)
    services.close()
    lock = QLockFile(str(data_dir / "station.lock"))  # what the running program holds
    assert lock.tryLock(0)
    try:
        result = cli("restore", str(info.path), "--data-dir", str(data_dir), "--yes")
    finally:
        lock.unlock()
    assert result.returncode == 2 and "The program is open" in result.stderr and "程序正在使用" in result.stderr
