"""Station <-> county sync against the real server: enrollment, push, idempotency, quarantine,
authentication, county decisions, faults on the wire, wrong clocks."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time

import pytest
import requests

from desktop.records.canonical import canonical_json
from sync.engine import SyncEngine
from sync.enrollment import enroll
from sync.errors import SyncError
from sync.protocol import encode_json_gzip, sign_request
from sync.server.__main__ import main as server_cli
from sync.certificates import pem
from sync.state import get_state
from sync.trust import pinned
from sync.status import describe
from helpers.records import application, consultation, resident_id
from helpers.accounts import provided


def engine(services, url=None, **kw) -> SyncEngine:
    kw.setdefault("retries", 0)
    return SyncEngine(services.station.db, services.key, services.station.settings.station_code,
                      server_url=url, **kw)


def record_some(services, n_apps: int = 2, n_cons: int = 2) -> list:
    store = services.station.store
    saved = [store.save("consultation", consultation(question=f"问题{i}：工资被拖欠怎么办？"), user="李芳")
             for i in range(n_cons)]
    saved += [store.save("application", application(facts=f"申请人务工被拖欠工资，第{i}件。"), user="李芳")
              for i in range(n_apps)]
    return saved


def outbox(services) -> list[tuple]:
    return services.station.db.execute(
        "SELECT change_id, sha256, acked_at, rejected_reason FROM outbox ORDER BY seq").fetchall()


def assert_same_data(services, county):
    """Every change the station made is at the county exactly once, with the same content."""
    rows = services.station.db.execute("SELECT change_id, sha256 FROM outbox WHERE rejected_reason IS NULL").fetchall()
    conn = county.store.conn()
    at_county = dict(conn.execute("SELECT change_id, sha256 FROM changes WHERE station = 'TS01'").fetchall())
    assert at_county == dict(rows)
    for table, rtype in (("persons", "person"), ("consultations", "consultation"), ("applications", "application")):
        for rid, version, data in services.station.db.execute(f"SELECT id, version, data FROM {table}"):
            got = conn.execute("SELECT version, data FROM records WHERE record_type = ? AND record_id = ?",
                               (rtype, rid)).fetchone()
            assert got is not None and got[0] == version and json.loads(got[1]) == json.loads(data)


def restore_older_backup(enrolled, tmp_path, after_backup):
    """Back up the synced station, run `after_backup()` (it changes something) and sync that, then restore
    the backup: the station reopened as a clerk would find it (close the returned services)."""
    from desktop.records.backup import make_backup, restore_backup
    from desktop.services import open_services

    assert engine(enrolled).sync_round().complete
    backup = make_backup(enrolled, tmp_path / "backups", keep=3)
    result = after_backup()
    assert engine(enrolled).sync_round().complete
    data_dir = enrolled.station.data_dir
    enrolled.close()
    restore_backup(backup.path, data_dir)
    return open_services(provided(data_dir)), result


# ------------------------------------------------------------------------------------------- enrollment

def test_enroll_pins_the_county_certificate(services, county):
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    cert = enroll(services.station.db, services.key, services.document_key, county.url + "/", code, "TS01",
                  county.fingerprint)
    assert cert["station_code"] == "TS01" and cert["name"] == "测试镇法律援助工作站"
    db = services.station.db
    assert get_state(db, "county_root") == pem(county.store.county_key.root())
    assert pinned(db).county_key == county.store.key().public_key_bytes
    assert get_state(db, "server_url") == county.url
    assert [s["key_id"] for s in county.store.list_stations()] == [services.key.key_id]
    # the same key may ask again (a lost answer); another key may not use the code
    assert enroll(db, services.key, services.document_key, county.url, code, "TS01",
                  county.fingerprint)["station_code"] == "TS01"
    from sync.identity import StationKey
    with pytest.raises(SyncError) as refused:
        enroll(db, StationKey.generate(), services.document_key, county.url, code, "TS01", county.fingerprint)
    assert "注册" in refused.value.message_zh


def test_enrollment_code_for_another_station_is_refused(services, county):
    code = county.store.add_station("XX99", "别的站", "别的镇", "township")
    with pytest.raises(SyncError) as refused:
        enroll(services.station.db, services.key, services.document_key, county.url, code, "TS01",
               county.fingerprint)
    assert "XX99" in refused.value.message_zh


def test_station_add_cli_prints_the_code_alone_on_its_last_line(tmp_path):
    data = str(tmp_path / "county")
    run = lambda *a: subprocess.run([sys.executable, "-m", "sync.server", *a, "--data-dir", data],
                                    capture_output=True, text=True, timeout=60)
    assert run("init").returncode == 0
    added = run("station", "add", "CG01", "--name", "城关镇工作站", "--township", "城关镇", "--type", "township")
    assert added.returncode == 0, added.stderr
    code = added.stdout.strip().splitlines()[-1]
    assert len(code) == 19 and code.count("-") == 3
    listed = run("station", "list")
    assert "CG01" in listed.stdout and "等待注册" in listed.stdout
    from sync.identity import DocumentKey, StationKey
    from sync.server.county import CountyStore
    assert CountyStore(tmp_path / "county").enroll(code, StationKey.generate().public_key_bytes, "CG01",
                                                   DocumentKey.generate().certificate_request("CG01"))
    assert "已注册" in run("station", "list").stdout


# ------------------------------------------------------------------------------------------- pushing

def test_push_records_reach_the_county(enrolled, county):
    saved = record_some(enrolled)
    result = engine(enrolled, batch_size=3).sync_round()
    assert result.complete, describe(result)
    assert result.accepted == len(outbox(enrolled)) and result.duplicates == 0
    assert all(acked for _, _, acked, _ in outbox(enrolled))
    numbers = {r["number"] for r in county.store.records("TS01") if r["record_type"] == "application"}
    assert numbers == {s.number for s in saved if s.number}
    assert_same_data(enrolled, county)
    again = engine(enrolled).sync_round()
    assert again.complete and again.pushed == 0


def test_the_same_change_twice_is_not_duplicated(enrolled, county):
    record_some(enrolled)
    assert engine(enrolled).sync_round().complete
    changes_before = county.store.change_count()
    with enrolled.station.db.conn:
        enrolled.station.db.execute("UPDATE outbox SET acked_at = NULL")  # as if every ack had been lost
    result = engine(enrolled).sync_round()
    assert result.complete and result.accepted == 0 and result.duplicates == len(outbox(enrolled))
    assert county.store.change_count() == changes_before
    assert_same_data(enrolled, county)


def _tamper(services, change_id: str, **data_changes) -> None:
    """Give an outbox change other content under the same id (as after a crashed, re-made upload)."""
    db = services.station.db
    payload = json.loads(db.execute("SELECT payload FROM outbox WHERE change_id = ?", (change_id,)).fetchone()[0])
    payload["data"].update(data_changes)
    text = canonical_json(payload)
    with db.conn:
        db.execute("UPDATE outbox SET payload = ?, sha256 = ?, acked_at = NULL WHERE change_id = ?",
                   (text, hashlib.sha256(text.encode()).hexdigest(), change_id))


def test_conflicting_content_is_rejected_quarantined_and_the_rest_passes(enrolled, county):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    assert engine(enrolled).sync_round().complete
    first = enrolled.station.db.execute("SELECT change_id FROM outbox WHERE record_id = ?", (saved.id,)).fetchone()[0]
    _tamper(enrolled, first, facts="被改过的事实。")
    enrolled.station.store.save("consultation", consultation(), user="李芳")

    result = engine(enrolled).sync_round()
    [(cid, reason)] = result.rejected
    assert cid == first and "内容不同" in reason and "拒绝覆盖" in reason  # the clerk reads Chinese
    assert result.accepted >= 1 and result.pending == 0 and result.quarantined == 1 and not result.complete
    assert "退回" in "".join(describe(result))
    county_copy = [r for r in county.store.records() if r["record_id"] == saved.id][0]
    assert county_copy["data"]["facts"] != "被改过的事实。"  # never overwritten
    # quarantined: not sent again
    again = engine(enrolled).sync_round()
    assert again.pushed == 0 and again.quarantined == 1
    # the clerk edits the record: a new change goes, and the quarantine is resolved
    from helpers.records import edit
    edit(enrolled.station, "application", saved.id, application(facts="更正后的事实：拖欠工资一万二千元。"), user="李芳")
    fixed = engine(enrolled).sync_round()
    assert fixed.complete, describe(fixed)
    assert [r for r in county.store.records() if r["record_id"] == saved.id][0]["version"] == 2


def test_an_invalid_record_is_rejected_with_its_reason_and_never_blocks_the_queue(enrolled, county):
    bad = enrolled.station.store.save("consultation", consultation(), user="李芳")
    record_some(enrolled, n_apps=1, n_cons=1)
    change = enrolled.station.db.execute("SELECT change_id FROM outbox WHERE record_id = ?", (bad.id,)).fetchone()[0]
    _tamper(enrolled, change, occurred_at="不是日期")
    result = engine(enrolled, batch_size=2).sync_round()
    assert len(result.rejected) == 1 and result.rejected[0][0] == change
    reason = result.rejected[0][1]
    assert reason.startswith("县中心审核未通过") and "咨询时间" in reason and "2024-03-15 09:30" in reason, reason
    assert result.pending == 0 and result.quarantined == 1
    assert county.store.change_count() == len(outbox(enrolled)) - 1


# ------------------------------------------------------------------------------------------- authentication

def test_a_replayed_request_is_refused(enrolled, county):
    body = encode_json_gzip({"station": "TS01", "changes": []})
    headers = sign_request(enrolled.key.sign, "TS01", "POST", "/v1/changes", body, time.time())
    first = requests.post(county.url + "/v1/changes", data=body, headers=headers, timeout=10)
    assert first.status_code == 200
    replay = requests.post(county.url + "/v1/changes", data=body, headers=headers, timeout=10)
    assert replay.status_code == 409 and replay.json()["error"] == "replayed"
    other_key = sign_request(__import__("sync.identity").identity.StationKey.generate().sign, "TS01", "POST",
                             "/v1/changes", body, time.time())
    assert requests.post(county.url + "/v1/changes", data=body, headers=other_key, timeout=10).status_code == 401
    assert requests.post(county.url + "/v1/changes", data=body, timeout=10).status_code == 401


def test_a_revoked_station_is_refused_with_a_clear_message(enrolled, county):
    record_some(enrolled, 1, 1)
    assert server_cli(["station", "revoke", "TS01", "--data-dir", str(county.data_dir)]) == 0
    result = engine(enrolled).sync_round()
    assert result.error_code == "revoked" and "撤销" in result.error_zh
    assert result.pending == len(outbox(enrolled)) and county.store.change_count() == 0
    from desktop.__main__ import main as desktop_main
    assert desktop_main(["sync", "--data-dir", str(enrolled.station.data_dir)]) != 0


# ------------------------------------------------------------------------------------------- county decisions

def test_a_county_decision_reaches_the_station_after_the_next_sync(enrolled, county, capsys):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    data_before = enrolled.station.store.get("application", saved.id)
    assert engine(enrolled).sync_round().complete
    def cli(kind, *options):
        return server_cli(["decide", kind, saved.number, *options, "--data-dir", str(county.data_dir)])

    from helpers.county import add_roster
    add_roster(county)
    assert cli("assign", "--lawyer", "L001") == 1  # not granted yet
    assert "grant the application" in capsys.readouterr().err
    assert cli("grant", "--note", "符合经济困难标准") == 1  # not accepted yet (受理 comes first)
    assert "受理" in capsys.readouterr().err
    assert cli("accept") == 0
    assert cli("supplement") == 1  # items are required
    assert cli("grant", "--note", "符合经济困难标准") == 0
    assert cli("assign", "--lawyer", "L001") == 0
    assert engine(enrolled).sync_round().events == 3

    record = enrolled.station.store.get("application", saved.id)
    assert record.status == "assigned"
    assert (record.data, record.version) == (data_before.data, data_before.version)  # the station's data untouched
    events = enrolled.station.db.execute("SELECT kind, application_number, data FROM county_events ORDER BY seq").fetchall()
    assert [e[0] for e in events] == ["accept", "grant", "assign"]
    assert json.loads(events[2][2])["data"]["firm"] == "青山律师事务所"
    # pulling again changes nothing; an edit by the clerk keeps the county's status
    assert engine(enrolled).sync_round().events == 0
    from helpers.records import edit
    edit(enrolled.station, "application", saved.id, application(phone="13900001111"), user="李芳")
    assert enrolled.station.store.get("application", saved.id).status == "assigned"
    assert cli("close", "--result", "调解结案") == 0
    assert engine(enrolled).sync_round().complete
    assert enrolled.station.store.get("application", saved.id).status == "closed"
    assert cli("progress", "--note", "x") == 1  # closed


def test_assignment_rules_art26_and_minors():
    from sync.server.decisions import check_decision as _check_decision
    from sync.server.errors import CountyError

    lawyer = {"assignee_kind": "lawyer", "name": "钱律师", "years_of_practice": 2, "minors_specialist": False}
    with pytest.raises(CountyError, match="Art. 26"):
        _check_decision("assign", lawyer, {"life_or_death": True}, "granted")
    _check_decision("assign", {**lawyer, "years_of_practice": 3}, {"life_or_death": True}, "granted")
    with pytest.raises(CountyError, match="Art. 26"):
        _check_decision("assign", {**lawyer, "assignee_kind": "law_firm", "years_of_practice": 10},
                        {"life_or_death": True}, "granted")
    minor = {"id_type": "resident_id", "id_number": resident_id(birth="20120101"), "received_at": "2025-03-05T10:00"}
    with pytest.raises(CountyError, match="minors"):
        _check_decision("assign", lawyer, minor, "granted")
    with pytest.raises(CountyError, match="minors"):
        _check_decision("assign", lawyer, {"categories": ["minor"]}, "granted")
    _check_decision("assign", {**lawyer, "minors_specialist": True}, minor, "granted")
    _check_decision("assign", lawyer, {"id_type": "resident_id", "id_number": resident_id()}, "granted")
    with pytest.raises(CountyError):
        _check_decision("refuse", {"reasons": []}, {}, "accepted")


# ------------------------------------------------------------------------------------------- faults and clocks

@pytest.mark.parametrize("mode,after", [("drop_request", 300), ("drop_response", 200), ("drop_response", 2),
                                        ("garbage", 0), ("error500", 0)])
def test_faults_on_the_wire_lose_nothing_and_double_nothing(enrolled, county, proxy, mode, after):
    record_some(enrolled, n_apps=3, n_cons=3)
    proxy.fail(mode, times=1, after=after)
    first = engine(enrolled, proxy.url, batch_size=4, timeout=(2, 5)).sync_round()
    assert proxy.faults_injected == 1
    assert first.error is not None and not first.complete
    second = engine(enrolled, proxy.url, batch_size=4, timeout=(2, 5)).sync_round()
    assert second.complete, describe(second)
    assert second.accepted + second.duplicates + first.accepted + first.duplicates >= len(outbox(enrolled))
    assert_same_data(enrolled, county)
    assert county.store.change_count() == len(outbox(enrolled))


def test_retries_ride_over_a_single_fault_in_one_round(enrolled, county, proxy):
    record_some(enrolled, 1, 1)
    proxy.fail("drop_response", times=1, after=50)
    result = engine(enrolled, proxy.url, retries=2).sync_round()
    assert result.complete, describe(result)
    assert_same_data(enrolled, county)


def test_a_station_clock_two_hours_wrong_still_syncs_with_a_warning(enrolled, county):
    record_some(enrolled, 1, 1)
    result = engine(enrolled, clock=lambda: time.time() + 7200).sync_round()
    assert result.complete and result.clock_warning
    assert 7100 < result.clock_skew_seconds < 7300
    assert any("时钟" in line for line in describe(result))
    assert_same_data(enrolled, county)
    ok = engine(enrolled).sync_round()
    assert ok.complete and not ok.clock_warning


def test_sync_cli_exit_status(enrolled, county, capsys):
    from desktop.__main__ import main as desktop_main
    record_some(enrolled, 1, 1)
    data_dir = str(enrolled.station.data_dir)
    dead = "http://127.0.0.1:9"  # nothing listens there
    assert desktop_main(["sync", "--data-dir", data_dir, "--server", dead]) == 1
    assert "还有" in capsys.readouterr().out
    assert desktop_main(["sync", "--data-dir", data_dir]) == 0
    assert county.store.change_count() == len(outbox(enrolled))


def test_enroll_cli(services, county, capsys):
    from desktop.__main__ import main as desktop_main
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    data_dir = str(services.station.data_dir)
    sheet = ["--fingerprint", county.fingerprint.lower().replace(" ", ":")]  # typed any way
    assert desktop_main(["enroll", "--server", county.url, "--code", "0000-0000-0000-0000", *sheet,
                         "--data-dir", data_dir]) == 1
    assert desktop_main(["enroll", "--server", county.url, "--code", code, "--data-dir", data_dir]) == 1  # no print
    assert desktop_main(["enroll", "--server", county.url, "--code", code, *sheet, "--data-dir", data_dir]) == 0
    assert "已注册" in capsys.readouterr().out


def test_events_come_in_pages_and_survive_a_server_restart(enrolled, county, tmp_path):
    saved = [enrolled.station.store.save("application", application(facts=f"第{i}件：拖欠工资。"), user="李芳")
             for i in range(3)]
    assert engine(enrolled).sync_round().complete
    for s in saved:
        county.store.decide("accept", s.number, {})
    county.restart()  # a new server on the same data folder: nothing is forgotten
    result = engine(enrolled, page_size=2).sync_round()
    assert result.complete and result.events == 3
    assert {enrolled.station.store.get("application", s.id).status for s in saved} == {"accepted"}
    assert get_state(enrolled.station.db, "events_cursor") == "3"
    enrolled.station.store.save("consultation", consultation(), user="李芳")
    assert engine(enrolled).sync_round().complete  # the same change ids are still known: no re-send
    assert_same_data(enrolled, county)


def test_the_server_applies_each_change_of_a_batch_on_its_own(enrolled, county):
    record_some(enrolled, 1, 1)
    rows = enrolled.station.db.execute("SELECT change_id, payload, sha256 FROM outbox ORDER BY seq").fetchall()
    good = [{"change_id": c, "payload": p, "sha256": h} for c, p, h in rows]
    damaged = {**good[0], "change_id": "x-1", "payload": good[0]["payload"].replace("李芳", "王强")}
    foreign = json.loads(good[1]["payload"])
    foreign.update(change_id="x-2", station="XX99")
    foreign_text = canonical_json(foreign)
    batch = [good[0], good[0], damaged, "not a change",
             {"change_id": "x-2", "payload": foreign_text, "sha256": hashlib.sha256(foreign_text.encode()).hexdigest()},
             *good[1:]]
    acks = county.store.apply_changes("TS01", batch)
    assert [a["status"] for a in acks] == ["accepted", "duplicate", "rejected", "rejected", "rejected"] + \
        ["accepted"] * (len(good) - 1)
    assert "hash" in acks[2]["reason"] and "XX99" in acks[4]["reason"]
    assert county.store.change_count() == len(good)


def test_a_change_the_county_holds_stays_a_duplicate_when_the_rules_would_refuse_it_now(enrolled, county):
    """The county checks a batch's payloads before it looks up what it holds: a change it took once (here from a
    station whose clock ran two days ahead) is answered "duplicate" when sent again, never "rejected"."""
    from datetime import datetime, timedelta

    saved = enrolled.station.store.save("application", application(), user="李芳")
    row = enrolled.station.db.execute("SELECT payload FROM outbox WHERE record_id = ?", (saved.id,)).fetchone()
    payload = json.loads(row[0])
    payload["data"]["received_at"] = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    def entry(**changes):
        text = canonical_json({**payload, **changes})
        return {"change_id": changes["change_id"], "payload": text, "sha256": hashlib.sha256(text.encode()).hexdigest()}

    change = entry(change_id="ahead-1")
    assert [a["status"] for a in county.store.apply_changes("TS01", [change], 3 * 24 * 3600)] == ["accepted"]
    again = county.store.apply_changes("TS01", [change, entry(change_id="ahead-2", version=payload["version"] + 1)])
    assert [a["status"] for a in again] == ["duplicate", "rejected"]  # the new one is refused: in the future
    assert "received_at" in again[1]["reason"]
    assert county.store.change_count() == 1


def test_after_a_restore_from_an_old_backup_a_reused_version_is_returned_not_silently_lost(enrolled, county,
                                                                                           tmp_path):
    """A backup from before an edit that was sent, restored, then edited again: both version 2s exist."""
    from helpers.records import edit

    station = enrolled.station
    saved = station.store.save("application", application(facts="第一版事实。"), user="李芳")
    services, _ = restore_older_backup(enrolled, tmp_path, lambda: edit(
        station, "application", saved.id, application(facts="第二版：备份之后的修改，已发送。"), user="李芳"))
    try:
        edit(services.station, "application", saved.id, application(facts="恢复后重新修改的第二版。"), user="李芳")
        result = engine(services).sync_round()
        assert result.quarantined == 1
        assert "备份恢复" in result.rejected[0][1]
        county_copy = [r for r in county.store.records() if r["record_id"] == saved.id][0]
        assert county_copy["data"]["facts"] == "第二版：备份之后的修改，已发送。"  # nothing overwritten silently
        # the clerk checks with the county and saves again: version 3 goes and resolves the quarantine
        edit(services.station, "application", saved.id, application(facts="核对后的事实。"), user="李芳")
        fixed = engine(services).sync_round()
        assert fixed.complete, describe(fixed)
        assert [r for r in county.store.records() if r["record_id"] == saved.id][0]["version"] == 3
    finally:
        services.close()


def test_after_a_restore_an_application_number_given_twice_is_returned_with_what_to_do(enrolled, county, tmp_path):
    station = enrolled.station
    station.store.save("application", application(facts="备份前的申请。"), user="李芳")
    services, lost = restore_older_backup(enrolled, tmp_path, lambda: station.store.save(
        "application", application(facts="备份后登记、已同步的申请。"), user="李芳"))
    try:
        store = services.station.store
        again = store.save("application", application(facts="恢复后新登记的申请。"), user="李芳")
        assert again.number == lost.number  # the restored sequence gives the number again
        result = engine(services).sync_round()
        [(change_id, reason)] = result.rejected
        assert "本站的另一份申请" in reason and "作废" in reason and "重新登记" in reason
        # what the message says to do: void it and register again; both go through
        store.void("application", again.id, "恢复备份后编号重复，重新登记", user="李芳")
        renewed = store.save("application", application(facts="恢复后新登记的申请。"), user="李芳")
        assert renewed.number != lost.number
        fixed = engine(services).sync_round()
        assert fixed.complete, describe(fixed)
        numbers = {r["number"] for r in county.store.records() if r["record_type"] == "application"}
        assert {lost.number, renewed.number} <= numbers
        assert county.store.records()  # the lost application is still at the county, untouched
        assert [r for r in county.store.records() if r["record_id"] == lost.id][0]["data"]["facts"] == \
            "备份后登记、已同步的申请。"
    finally:
        services.close()


def test_an_enrollment_code_is_taken_however_it_is_typed(services, county):
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    typed = code.replace("-", "").lower()  # no dashes, lower case
    assert enroll(services.station.db, services.key, services.document_key, county.url, f"  {typed} ", "TS01",
                  county.fingerprint)["station_code"] == "TS01"


def test_a_station_with_no_network_enrolls_by_usb_files(services, county, tmp_path, capsys):
    from desktop.__main__ import main as desktop_main
    from sync.state import is_enrolled

    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    data_dir = str(services.station.data_dir)
    request, answer = tmp_path / "U盘" / "TS01.enroll", tmp_path / "U盘" / "TS01.answer"
    request.parent.mkdir()
    assert desktop_main(["enroll", "--server", county.url, "--data-dir", data_dir]) == 2  # no code: wrong use
    assert desktop_main(["enroll", "--code", code, "--request", str(request), "--data-dir", data_dir]) == 0
    assert not is_enrolled(services.station.db)
    assert server_cli(["station", "enroll-file", str(request), "--reply", str(answer),
                       "--data-dir", str(county.data_dir)]) == 0
    assert desktop_main(["enroll", "--answer", str(answer), "--data-dir", data_dir]) == 0
    assert "已注册" in capsys.readouterr().out
    assert is_enrolled(services.station.db) and get_state(services.station.db, "server_url") is None
    # the same code again (the answer lost on the way back): the same key gets the same answer
    assert server_cli(["station", "enroll-file", str(request), "--reply", str(answer),
                       "--data-dir", str(county.data_dir)]) == 0
    # an answer that is not one is refused in Chinese
    (tmp_path / "bad").write_text("{}", encoding="utf-8")
    assert desktop_main(["enroll", "--answer", str(tmp_path / "bad"), "--data-dir", data_dir]) == 1
    assert "不是县中心的注册答复" in capsys.readouterr().err


def test_a_revoked_station_is_remembered_and_cannot_export_a_bundle(enrolled, county, tmp_path):
    from sync.bundle import BundleError, export_bundle
    from sync.state import revoked_at

    county.store.revoke_station("TS01", "笔记本丢失")
    result = engine(enrolled).sync_round()
    assert result.error_code == "revoked" and revoked_at(enrolled.station.db)
    with pytest.raises(BundleError) as refused:
        export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "b")
    assert refused.value.code == "revoked" and "撤销" in refused.value.message_zh


def test_an_unknown_station_is_told_it_cannot_be_verified(services, county, tmp_path):
    from sync.state import S_COUNTY_CERT, S_STATION_CERT, set_state
    from desktop.records.db import write_transaction

    with write_transaction(services.station.db) as conn:  # pinned certificates, but the county never heard of it
        set_state(conn, S_COUNTY_CERT, canonical_json(county.store.certificate()))
        set_state(conn, S_STATION_CERT, "{}")
    record_some(services, 1, 0)
    result = engine(services, county.url).sync_round()
    # the same answer as a bad signature: the county tells nobody which station codes it knows
    assert result.error_code == "unauthenticated" and "无法核实本工作站" in result.error_zh
