"""The audit trail: every change a clerk makes is an entry of a hash-chained log at the station, the county's
staff actions are entries of its own, and a station's log rewritten after the county saw it is flagged
at the next sync (network or USB)."""

from __future__ import annotations

import pytest

from desktop.records import audit
from sync.bundle import export_bundle, import_reply
from sync.server.bundle_import import county_import
from sync_tests.test_sync import engine, record_some


def entries(services) -> list[audit.Entry]:
    return list(reversed(audit.entries(services.station.db, limit=10_000)))


def test_every_saved_version_and_void_is_an_entry_of_an_intact_chain(services):
    saved = record_some(services, 1, 1)
    services.station.store.void("consultation", saved[0].id, "登记错误", user="王静")
    log = entries(services)
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    assert ("王静", audit.VOIDED, "consultation", saved[0].id) in [(e.account, e.action, e.record_type, e.record_id)
                                                                   for e in log]
    assert {e.action for e in log} >= {audit.CREATED, audit.VOIDED}
    assert all(e.account for e in log)
    assert all(b.prev_hash == a.hash for a, b in zip(log, log[1:])) and log[0].prev_hash == audit.GENESIS
    assert audit.verify(services.station.db).intact
    assert audit.verify(services.station.db).hash == log[-1].hash


@pytest.mark.parametrize("edit", [
    "UPDATE audit_log SET account = '张三' WHERE seq = 2",  # an entry changed in place
    "DELETE FROM audit_log WHERE seq = 2",  # an entry removed
    "UPDATE audit_log SET at = '2020-01-01T00:00:00+08:00' WHERE seq = (SELECT max(seq) FROM audit_log)",
])
def test_verification_names_the_first_entry_that_does_not_fit(services, edit):
    record_some(services, 2, 1)
    services.station.db.execute(edit)
    found = audit.verify(services.station.db)
    assert not found.intact and found.broken_at is not None
    assert "条" in found.reason_zh() or "记录" in found.reason_zh(), found.reason_zh()


def rewrite_whole_log(services, seq: int, account: str) -> None:
    """What someone with the database open in an editor would do to hide a deed: change an entry and
    recompute every hash after it, so the log verifies again on its own."""
    db = services.station.db
    db.execute("UPDATE audit_log SET account = ? WHERE seq = ?", (account, seq))
    previous = db.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq - 1,)).fetchone()
    running = previous[0] if previous else audit.GENESIS
    for row in db.execute("SELECT seq, at, account, action, record_type, record_id FROM audit_log WHERE seq >= ? "
                          "ORDER BY seq", (seq,)).fetchall():
        digest = audit.entry_hash(*row, running)
        db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", (running, digest, row[0]))
        running = digest
    assert audit.verify(db).intact


def flagged(county) -> str:
    from sync.server.audit import problem_zh

    return problem_zh(county.store.station_audit().get("TS01", {}).get("problem"))


def test_a_rewritten_station_log_fails_verification_at_the_next_sync(enrolled, county, tmp_path, capsys):
    from sync.server.__main__ import main as server_cli

    record_some(enrolled, 2, 1)
    assert engine(enrolled).sync_round().complete
    seen = county.store.station_audit()["TS01"]
    assert seen["seq"] == audit.head(enrolled.station.db)[0] and seen["problem"] is None
    record_some(enrolled, 1, 0)
    assert engine(enrolled).sync_round().complete  # more entries since: the log still leads through what was seen
    assert flagged(county) == ""
    assert server_cli(["--data-dir", str(county.data_dir), "audit", "verify"]) == 0
    capsys.readouterr()
    rewrite_whole_log(enrolled, 2, "别人")
    assert engine(enrolled).sync_round().complete  # the station's records still arrive: a flag, not a refusal
    assert "TS01" in flagged(county) and "改写" in flagged(county), flagged(county)
    assert server_cli(["--data-dir", str(county.data_dir), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "TS01" in out and "改写" in out
    listing = {s["code"]: s for s in county.store.list_stations()}
    assert "改写" in listing["TS01"]["audit_problem"]


def test_a_rewritten_station_log_is_noticed_through_usb_bundles_too(enrolled, county, tmp_path):
    record_some(enrolled, 1, 1)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "1.bundle")
    county_import(county.store, tmp_path / "1.bundle", tmp_path / "1.reply")
    import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "1.reply")
    assert county.store.station_audit()["TS01"]["problem"] is None
    record_some(enrolled, 1, 0)
    rewrite_whole_log(enrolled, 1, "别人")
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "2.bundle")
    county_import(county.store, tmp_path / "2.bundle", tmp_path / "2.reply")
    assert "TS01" in flagged(county)


def test_a_station_that_forgot_what_the_county_saw_proves_it_in_the_same_round(enrolled, county):
    from desktop.records.db import write_transaction
    from sync.state import S_AUDIT_SEEN, forget_state

    record_some(enrolled, 1, 1)
    assert engine(enrolled).sync_round().complete
    with write_transaction(enrolled.station.db) as conn:
        forget_state(conn, S_AUDIT_SEEN)  # as after a restore of an older backup
    record_some(enrolled, 1, 0)
    assert engine(enrolled).sync_round().complete
    assert county.store.station_audit()["TS01"]["seq"] == audit.head(enrolled.station.db)[0]
    assert flagged(county) == ""


def test_the_countys_own_decisions_are_entries_of_its_log(enrolled, county, capsys):
    from sync.server.__main__ import main as server_cli

    saved = record_some(enrolled, 1, 0)
    assert engine(enrolled).sync_round().complete
    number = enrolled.station.store.get("application", saved[0].id).data["number"]
    county.store.decide("accept", number, {}, by="县法律援助中心 王主任")
    log = audit.entries(county.store.conn())
    assert [(e.account, e.action, e.record_id) for e in log] == [("县法律援助中心 王主任", audit.DECIDED, saved[0].id)]
    assert server_cli(["--data-dir", str(county.data_dir), "audit", "verify"]) == 0
    county.store.conn().execute("UPDATE audit_log SET account = '别人'")
    assert server_cli(["--data-dir", str(county.data_dir), "audit", "verify"]) == 1
    assert "第 1 条" in capsys.readouterr().out


def test_a_malformed_audit_head_is_refused(enrolled, county):
    from sync.server.audit import BadClaim, check_claim

    for bad in (None, {}, {"head": {"seq": -1, "hash": "0" * 64}}, {"head": {"seq": 1, "hash": "xyz"}},
                {"head": {"seq": 1, "hash": "0" * 64}, "proof": {"seq": "1", "hash": None}},
                {"head": {"seq": 2 ** 70, "hash": "0" * 64}}):
        with pytest.raises(BadClaim):
            check_claim(county.store.db, "TS01", bad)
    assert county.store.station_audit() == {}


def test_a_restore_loses_no_entry_and_is_one_itself(enrolled, county, tmp_path):
    from sync_tests.test_sync import restore_older_backup

    record_some(enrolled, 1, 0)
    restored, after = restore_older_backup(enrolled, tmp_path, lambda: record_some(enrolled, 1, 1))
    try:
        log = entries(restored)
        assert audit.verify(restored.station.db).intact
        assert {e.record_id for e in log} >= {s.id for s in after}  # made after the backup: carried over
        assert (log[-1].action, log[-1].record_type, log[-1].account) == (audit.RESTORED, "backup", audit.COMMAND_LINE)
        assert engine(restored).sync_round().complete  # the county still sees the log it saw, continued
        assert flagged(county) == ""
        assert county.store.station_audit()["TS01"]["seq"] == log[-1].seq
    finally:
        restored.close()


def test_bundles_imported_out_of_order_or_twice_are_no_rewrite(enrolled, county, tmp_path):
    record_some(enrolled, 1, 0)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "older.bundle")
    record_some(enrolled, 1, 0)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "newer.bundle")
    for name in ("newer", "older", "newer", "older"):
        county_import(county.store, tmp_path / f"{name}.bundle", tmp_path / f"{name}.reply")
    assert flagged(county) == ""
    import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "newer.reply")
    record_some(enrolled, 1, 0)
    assert engine(enrolled).sync_round().complete
    assert flagged(county) == "" and county.store.station_audit()["TS01"]["seq"] == audit.head(enrolled.station.db)[0]


def test_a_station_log_cut_short_is_noticed(enrolled, county):
    record_some(enrolled, 2, 1)
    assert engine(enrolled).sync_round().complete
    enrolled.station.db.execute("DELETE FROM audit_log WHERE seq > 3")  # the newest entries removed
    assert audit.verify(enrolled.station.db).intact  # what is left still verifies on its own
    assert engine(enrolled).sync_round().complete
    assert "TS01" in flagged(county)
