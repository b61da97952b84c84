"""Escrow (issue 16): a station head escrows the station's data key to the county; the next sync or USB bundle
carries it; the county's CLI makes a recovery file for that station only, and the station opens with the file
and its one-time key when every password and the recovery key are lost. Audited at both ends."""

from __future__ import annotations

import pytest

from desktop.records import audit
from desktop.records.escrow import RecoveryFileError, open_with_recovery, read_recovery_file, record_recovery
from desktop.records.keyring import CLERK, Keyring, KeyringError
from helpers.accounts import HEAD
from sync.bundle import export_bundle, import_reply
from sync.errors import SyncError
from sync.escrow import choose_escrow, escrowed, pending_escrow
from sync.server.bundle_import import county_import
from sync_tests.test_sync import engine


def head_of(services):
    from desktop.records.signin import unlocked_station

    return unlocked_station(services.station.data_dir)


def kept_rows(county) -> list[tuple]:
    return county.store.conn().execute("SELECT station, keyring_id FROM station_escrow").fetchall()


def recover_by_cli(county, tmp_path, capsys, code: str = "TS01") -> tuple[dict, str]:
    from sync.server.__main__ import main as server_cli

    out = tmp_path / f"{code}.recovery"
    capsys.readouterr()
    assert server_cli(["--data-dir", str(county.data_dir), "station", "recover", code, "--out", str(out),
                       "--by", "张主任"]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert "恢复文件" in printed[0], printed
    return read_recovery_file(out), printed[-1]


def test_an_escrowed_station_is_recovered_by_the_county_once_and_audited_at_both_ends(enrolled, county, tmp_path,
                                                                                         capsys):
    data_dir = enrolled.station.data_dir
    assert not escrowed(data_dir)
    choose_escrow(enrolled.station.db, data_dir, head_of(enrolled), True)
    assert escrowed(data_dir) and pending_escrow(enrolled.station.db) is not None
    assert kept_rows(county) == []
    assert engine(enrolled).sync_round().complete
    keyring = Keyring.load(data_dir)
    assert kept_rows(county) == [("TS01", keyring.station_id)]
    assert pending_escrow(enrolled.station.db) is None  # the county said it kept it: not sent again

    doc, key_text = recover_by_cli(county, tmp_path, capsys)
    assert doc["station_code"] == "TS01" and doc["station_name"] == "测试镇法律援助工作站"
    county_log = audit.entries(county.store.conn(), limit=5)
    assert (county_log[0].account, county_log[0].action) == ("张主任", audit.RECOVERED)

    # every password and the recovery key lost: the file and its key open the station, once
    with pytest.raises(RecoveryFileError) as wrong:
        open_with_recovery(keyring, doc, key_text[:-4] + "AAAA")
    assert wrong.value.kind == "wrong_key"
    unlocked = open_with_recovery(keyring, doc, key_text)
    keyring.set_password(unlocked, HEAD, "new-password-1")
    assert Keyring.load(data_dir).unlock_with_password(HEAD, "new-password-1").account.is_head
    record_recovery(enrolled.station.db, HEAD, doc["id"])
    station_log = audit.entries(enrolled.station.db, limit=1)[0]
    assert (station_log.action, station_log.record_id) == (audit.RECOVERED, doc["id"])
    with pytest.raises(RecoveryFileError) as again:
        open_with_recovery(Keyring.load(data_dir), doc, key_text)
    assert again.value.kind == "used"


def test_a_recovery_file_opens_only_its_own_station(enrolled, county, tmp_path, capsys):
    from helpers.accounts import provide_station

    choose_escrow(enrolled.station.db, enrolled.station.data_dir, head_of(enrolled), True)
    assert engine(enrolled).sync_round().complete
    doc, key_text = recover_by_cli(county, tmp_path, capsys)
    provide_station(tmp_path / "other", credential=False)
    with pytest.raises(RecoveryFileError) as refused:
        open_with_recovery(Keyring.load(tmp_path / "other"), doc, key_text)
    assert refused.value.kind == "other_station"
    assert "测试镇法律援助工作站（TS01）" in refused.value.text()
    # a file whose station id was edited to this station's: the keyring's MAC refuses the key inside
    forged = {**doc, "station_id": Keyring.load(tmp_path / "other").station_id}
    with pytest.raises(KeyringError):
        open_with_recovery(Keyring.load(tmp_path / "other"), forged, key_text)


def test_without_escrow_the_county_cannot_recover_and_says_so(enrolled, county, tmp_path, capsys):
    from sync.server.__main__ import main as server_cli

    assert engine(enrolled).sync_round().complete
    assert server_cli(["--data-dir", str(county.data_dir), "station", "recover", "TS01", "--out",
                       str(tmp_path / "x.recovery"), "--by", "张主任"]) == 1
    assert "没有" in capsys.readouterr().err
    assert not (tmp_path / "x.recovery").exists()


def test_withdrawing_the_escrow_deletes_the_countys_copy_at_the_next_sync(enrolled, county):
    data_dir = enrolled.station.data_dir
    choose_escrow(enrolled.station.db, data_dir, head_of(enrolled), True)
    assert engine(enrolled).sync_round().complete and kept_rows(county)
    choose_escrow(enrolled.station.db, data_dir, head_of(enrolled), False)
    assert not escrowed(data_dir)
    assert engine(enrolled).sync_round().complete
    assert kept_rows(county) == [] and pending_escrow(enrolled.station.db) is None


def test_a_usb_bundle_carries_the_escrow_and_its_reply_says_it_was_kept(enrolled, county, tmp_path):
    choose_escrow(enrolled.station.db, enrolled.station.data_dir, head_of(enrolled), True)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "1.bundle")
    county_import(county.store, tmp_path / "1.bundle", tmp_path / "1.reply")
    assert [r[0] for r in kept_rows(county)] == ["TS01"]
    assert pending_escrow(enrolled.station.db) is not None
    import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "1.reply")
    assert pending_escrow(enrolled.station.db) is None


def test_only_a_station_head_escrows(services, enrolled):
    keyring = Keyring.load(services.station.data_dir)
    clerk = keyring.add_account(head_of(services), "王强", CLERK, "wangqiang-2024")
    as_clerk = Keyring.load(services.station.data_dir).unlock_with_password(clerk.name, "wangqiang-2024")
    with pytest.raises(KeyringError):
        choose_escrow(services.station.db, services.station.data_dir, as_clerk, True)
    assert not escrowed(services.station.data_dir)


def test_a_station_not_enrolled_cannot_escrow(services):
    with pytest.raises(SyncError) as refused:
        choose_escrow(services.station.db, services.station.data_dir, head_of(services), True)
    assert refused.value.code == "not_enrolled" and "尚未在县中心登记" in refused.value.message_zh
    assert not escrowed(services.station.data_dir)
