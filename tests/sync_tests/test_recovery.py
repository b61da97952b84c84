"""A station rebuilt from the county: a lost laptop replaced (new key, same code), and a laptop restored
from an older backup catching up - every record, version, material and number as it was."""

from __future__ import annotations

import pytest

from desktop.__main__ import main as desktop_main
from desktop.services import open_services
from sync.enrollment import enroll
from sync.transport import CONNECTION_LOST
from sync_tests.test_attachment_upload import attach
from sync_tests.test_attachment_upload import engine as file_engine
from sync_tests.test_sync import assert_same_data
from tests.conftest import TEST_SETTINGS
from helpers.records import application, consultation, edit
from helpers.accounts import provided

CLERK = "李芳"


def station_snapshot(services) -> dict:
    db = services.station.db
    return {
        "records": db.execute("SELECT id, version, data, voided, void_reason FROM consultations UNION ALL "
                              "SELECT id, version, data, voided, void_reason FROM applications ORDER BY 1").fetchall(),
        "persons": db.execute("SELECT id, version, data FROM persons ORDER BY id").fetchall(),
        "history": db.execute("SELECT record_type, record_id, version, action, data, at, by, lamport, reason "
                              "FROM history ORDER BY record_type, record_id, version").fetchall(),
        "attachments": db.execute("SELECT id, record_id, slot, sha256, size, manifest, signature, key_id, voided "
                                  "FROM attachments ORDER BY id").fetchall(),
    }


def test_a_lost_laptop_is_rebuilt_from_the_county(enrolled, county, tmp_path, capsys):
    store = enrolled.station.store
    c = store.save("consultation", consultation(question="工资被拖欠怎么办？"), user=CLERK)
    app = store.save("application", application(facts="拖欠工资一万元。"), user=CLERK)
    edit(enrolled.station, "application", app.id, application(facts="拖欠工资一万二千元。"), user=CLERK)
    gone = store.save("application", application(facts="重复登记。"), user=CLERK)
    store.void("application", gone.id, "重复登记", user=CLERK)
    scan = attach(enrolled, tmp_path, 300_000, 61, record_id=app.id)
    wrong = attach(enrolled, tmp_path, 20_000, 62, record_id=app.id)
    enrolled.attachments.void(wrong.id, "传错了", user=CLERK)
    assert file_engine(enrolled).sync_round().complete
    county.store.decide("accept", app.number, {})
    before = station_snapshot(enrolled)

    # the laptop is lost: the county revokes it and registers the station again for the new laptop
    county.store.revoke_station("TS01", "笔记本丢失")
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    new = open_services(provided(tmp_path / "new-laptop"))
    try:
        new.station.update_settings(TEST_SETTINGS)
        assert new.key.key_id != enrolled.key.key_id
        enroll(new.station.db, new.key, new.document_key, county.url, code, "TS01", county.fingerprint)
        assert desktop_main(["recover", "--data-dir", str(new.station.data_dir)]) == 0
        out = capsys.readouterr()
        assert "已从县中心恢复" in out.out and "1 个材料文件" in out.out
        assert out.err == ""  # the voided material's file never left: not reported missing
        after = station_snapshot(new)
        assert after == before  # every version, person, void and material row, as it was
        assert new.station.store.get("consultation", c.id).data["question"] == "工资被拖欠怎么办？"
        # materials: the file is back, its old signature still verifies; the voided one's file never left
        assert new.vault.hash_of(scan.sha256) == scan.sha256
        assert new.attachments.verify(new.attachments.get(scan.id)).ok
        # nothing goes back up; the county's decision comes with the first round; numbering continues
        round_ = file_engine(new).sync_round()
        assert round_.complete and round_.pushed == 0 and round_.events == 1 and round_.files_sent == 0
        assert new.station.store.get("application", app.id).status == "accepted"
        nxt = new.station.store.save("application", application(facts="新电脑登记的第一件。"), user=CLERK)
        assert int(nxt.number.rsplit("-", 1)[1]) == int(gone.number.rsplit("-", 1)[1]) + 1
        assert file_engine(new).sync_round().complete
        assert county.store.change_count("TS01") == new.station.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        # search works on the recovered records
        from desktop.records import queries
        from desktop.records.queries import ListQuery
        assert queries.count(new.station.db, ListQuery("application", text="一万二")) == 1
    finally:
        new.close()


def test_recovery_refuses_while_something_is_unsent(enrolled, county, capsys):
    enrolled.station.store.save("consultation", consultation(), user=CLERK)
    assert desktop_main(["recover", "--data-dir", str(enrolled.station.data_dir)]) == 1
    assert "请先同步" in capsys.readouterr().err


def test_after_restoring_an_old_backup_recovery_brings_back_what_came_after_it(enrolled, county, tmp_path):
    from sync.recovery import recover_from_county
    from sync_tests.test_sync import restore_older_backup

    store = enrolled.station.store
    store.save("application", application(facts="备份前。"), user=CLERK)
    services, later = restore_older_backup(enrolled, tmp_path, lambda: store.save(
        "application", application(facts="备份后登记、已同步。"), user=CLERK))
    try:
        assert file_engine(services).sync_round().complete  # first sync (nothing new), then recover
        result = recover_from_county(file_engine(services), services.station.store, services.vault)
        assert result.records == 2
        assert services.station.store.get("application", later.id).data["facts"] == "备份后登记、已同步。"
        again = services.station.store.save("application", application(facts="恢复后新登记。"), user=CLERK)
        assert again.number != later.number  # numbered after what came back: no collision
        assert file_engine(services).sync_round().complete
        assert_same_data(services, county)
    finally:
        services.close()


# -- found by a review: each of these failed before the fix ----------------------------------------

def new_laptop(county, tmp_path, name="new"):
    county.store.revoke_station("TS01", "丢失")
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    new = open_services(provided(tmp_path / name))
    new.station.update_settings(TEST_SETTINGS)
    enroll(new.station.db, new.key, new.document_key, county.url, code, "TS01", county.fingerprint)
    return new


def test_decisions_pulled_before_the_recovery_still_set_the_status(enrolled, county, tmp_path):
    from sync.recovery import recover_from_county

    saved = enrolled.station.store.save("application", application(), user=CLERK)
    assert file_engine(enrolled).sync_round().complete
    county.store.decide("accept", saved.number, {})
    new = new_laptop(county, tmp_path)
    try:
        assert file_engine(new).sync_round().events == 1  # the round enrolling starts, before anything is back
        recover_from_county(file_engine(new), new.station.store, new.vault)
        assert new.station.store.get("application", saved.id).status == "accepted"
    finally:
        new.close()


def test_a_returned_change_does_not_block_recovery(enrolled, county, tmp_path):
    from sync.recovery import can_recover

    saved = enrolled.station.store.save("application", application(), user=CLERK)
    assert file_engine(enrolled).sync_round().complete
    db = enrolled.station.db
    with db.conn:  # the county returned a later change of it (quarantined here)
        db.execute("INSERT INTO outbox (change_id, record_type, record_id, version, lamport, payload, sha256, "
                   "created_at, rejected_reason) VALUES ('x', 'application', ?, 9, 999, '{}', '', '', '退回')",
                   (saved.id,))
    assert can_recover(db)
    enrolled.station.store.save("consultation", consultation(), user=CLERK)
    assert not can_recover(db)  # something really unsent: sync first


def test_an_application_whose_consultation_the_county_refused_is_recovered(enrolled, county, tmp_path, monkeypatch):
    import sync.server.changes as county_changes
    from desktop.records.validation import Issue
    from sync.recovery import recover_from_county

    real = county_changes.validate

    def county_rules(record_type, data, **kw):  # e.g. a reference list the county has not updated yet
        if record_type == "consultation":
            return [Issue("matter_category", "not in the county's list")]
        return real(record_type, data, **kw)

    monkeypatch.setattr(county_changes, "validate", county_rules)
    store = enrolled.station.store
    c = store.save("consultation", consultation(name="王芳"), user=CLERK)
    a = store.save("application", application(name="王芳", consultation_id=c.id, person_id=c.person_id), user=CLERK)
    result = file_engine(enrolled).sync_round()
    assert result.rejected  # the consultation (and its link version) came back
    new = new_laptop(county, tmp_path)
    try:
        recover_from_county(file_engine(new), new.station.store, new.vault)
        got = new.station.store.get("application", a.id)
        assert got.data["consultation_id"] == c.id  # the link is kept in the record's data
        row = new.station.db.execute("SELECT consultation_id FROM applications WHERE id = ?", (a.id,)).fetchone()
        assert row[0] is None  # but the column points at nothing it does not have
    finally:
        new.close()


def test_an_interrupted_recovery_leaves_numbering_and_clock_right(enrolled, county, tmp_path, monkeypatch):
    import sync.recovery as recovery

    store = enrolled.station.store
    saved = [store.save("application", application(facts=f"第{i}件。"), user=CLERK) for i in range(3)]
    assert file_engine(enrolled).sync_round().complete
    new = new_laptop(county, tmp_path)
    try:
        monkeypatch.setattr(recovery, "PAGE", 2)
        calls = []
        real_put_back = recovery._put_back

        def stop_in_second_page(*args):
            calls.append(1)
            if len(calls) > 2:
                raise recovery.SyncError(CONNECTION_LOST, code="network", detail="network gone")
            real_put_back(*args)

        monkeypatch.setattr(recovery, "_put_back", stop_in_second_page)
        try:
            recovery.recover_from_county(file_engine(new), new.station.store, new.vault)
        except recovery.SyncError:
            pass
        got = new.station.db.execute("SELECT number FROM applications").fetchall()
        nxt = new.station.store.save("application", application(facts="中断后新登记。"), user=CLERK)
        assert got and nxt.number > max(n for (n,) in got)
        assert nxt.number not in {s.number for s in saved[:len(got)]}
    finally:
        new.close()


def test_another_station_cannot_fetch_a_file_by_naming_its_hash(enrolled, county, tmp_path):
    import dataclasses
    from pathlib import Path

    from desktop.records.vault import StoredFile
    from sync.recovery import _download

    secret = attach(enrolled, tmp_path, 5000, 81)
    assert file_engine(enrolled).sync_round().complete
    other = open_services(provided(tmp_path / "ts02"))
    try:
        other.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="TS02"))
        enroll(other.station.db, other.key, other.document_key, county.url,
               county.store.add_station("TS02", "另一站", "另一镇", "township"), "TS02", county.fingerprint)
        b = other.station.store.save("application", application(), user=CLERK)
        fake = StoredFile(secret.sha256, secret.size, "application/pdf", Path("/nonexistent"), True)
        other.attachments._record("application", b.id, "id_copy", fake, "x.pdf", CLERK)  # a manifest, no bytes
        result = file_engine(other).sync_round()
        assert result.files_sent == 0 and result.files_missing == [secret.sha256]  # told it must upload: it cannot
        assert not _download(file_engine(other), other.vault, secret.sha256)
    finally:
        other.close()


def test_a_recovery_the_disk_cannot_hold_says_so_in_chinese(enrolled, county, tmp_path, monkeypatch):
    """The reason after "could not write to this computer's database" was the StorageError's English text."""
    import sync.recovery as recovery
    from desktop.records.errors import StorageError
    from helpers.language import english_words

    enrolled.station.store.save("application", application(facts="已同步。"), user=CLERK)
    assert file_engine(enrolled).sync_round().complete
    new = new_laptop(county, tmp_path)
    try:
        def disk_full(*_args):
            raise StorageError(StorageError.DISK_FULL, kind="disk_full")

        monkeypatch.setattr(recovery, "_put_back", disk_full)
        with pytest.raises(recovery.SyncError) as stopped:
            recovery.recover_from_county(file_engine(new), new.station.store, new.vault)
        said = stopped.value.message_zh
        assert "磁盘空间不足" in said and english_words(said) == [], said
    finally:
        new.close()
