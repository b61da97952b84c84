"""The center's handling of a station's complaint reaches that station (real county server over loopback): the
station files complaints, the center records steps and its answer in the workspace, and the next sync (or the USB
reply) brings them; the station's deadlines and half-yearly report then count the complaint answered exactly as the
county's do, and the county's list report shows the center's answer."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from desktop.records import complaint_answers, deadlines
from desktop.records.indicators import Period
from desktop.records.reports import StationSource, complaints_half_year
from sync.bundle import export_bundle, import_reply
from sync.server.bundle_import import county_import
from desktop.records.deadlines import today_in_china
from sync.server.plan import county_report
from sync.workspace_client import WorkspaceClient
from sync_tests.test_sync import engine
from tests.unit.casework_examples import complaint

PASSWORD = "correct horse 42"


def reviewer(county) -> WorkspaceClient:
    county.store.staff.save("lifang", "李芳", ["reviewer"], PASSWORD)
    found = WorkspaceClient(county.url, county.fingerprint)
    found.login("lifang", PASSWORD)
    return found


def file_complaints(services, today: date):
    """张甲 60 days ago (overdue, unanswered), 张乙 2 days ago (open), 张丙 answered by the station itself."""
    store = services.station.store
    late = store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=60)}T10:00",
                                        complainant="张甲"), user="李芳")
    fresh = store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=2)}T10:00",
                                         complainant="张乙"), user="李芳")
    store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=20)}T10:00", complainant="张丙",
                                 reply_date=(today - timedelta(days=10)).isoformat(), reply_method="phone"), user="李芳")
    return late, fresh


def complaint_deadlines(services) -> set[str]:
    return {d.record_id for d in deadlines.open_deadlines(services.station.db) if d.record_type == "complaint"}


def test_the_centers_handling_reaches_the_station_with_the_next_sync(enrolled, county):
    today = today_in_china()
    late, fresh = file_complaints(enrolled, today)
    assert engine(enrolled).sync_round().complete
    assert complaint_deadlines(enrolled) == {late.id, fresh.id}
    center = reviewer(county)
    center.handle_complaint(late.id, "step", "已联系承办律师核实情况。")
    center.handle_complaint(late.id, "answer", "经核实，律师已改正，向投诉人说明。", today, "phone", "satisfied")

    result = engine(enrolled).sync_round()
    assert result.complete and (result.complaint_steps, result.events) == (2, 0)  # no decision
    db = enrolled.station.db
    steps = complaint_answers.center_steps(db, late.id)
    assert [(s.handling, s.by, s.text) for s in steps] == [("step", "李芳", "已联系承办律师核实情况。"),
                                                           ("answer", "李芳", "经核实，律师已改正，向投诉人说明。")]
    assert (steps[1].answered_on, steps[1].reply_method, steps[1].satisfaction) == (today.isoformat(), "phone",
                                                                                    "satisfied")
    # the station's own record is the station's: not changed, nothing to send back
    record = enrolled.station.store.get("complaint", late.id)
    assert record.data.get("reply_date") is None and record.version == late.version
    assert db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM county_events").fetchone()[0] == 0  # not a decision on the 县中心 page
    assert complaint_deadlines(enrolled) == {fresh.id}  # answered: no longer due

    # again: nothing new, nothing twice
    assert engine(enrolled).sync_round().complaint_steps == 0
    assert len(complaint_answers.center_steps(db, late.id)) == 2

    # the station counts its complaints as the county does, cell for cell
    period = Period(date(today.year - 1, 1, 1), today)
    station = complaints_half_year(StationSource(db, "测试镇法律援助工作站", "TS01", "测试镇"), period)
    args = argparse.Namespace(kind="COMPLAINTS", record_type="complaint", date_from=period.start, date_to=period.end)
    county_side = county_report(county.store, args)
    assert [t.rows for t in station.tables] == [t.rows for t in county_side.tables]
    assert [row[1] for row in station.tables[0].rows[:4]] == [3, 2, 1, 1]  # received, answered, in time, late

    # the county's list of complaints shows the center's answer where the station recorded none
    listed = county_report(county.store, argparse.Namespace(kind="LIST", record_type="complaint",
                                                            date_from=period.start, date_to=period.end))
    rows = {row[2]: row for row in listed.tables[0].rows}
    assert rows["张甲"][5] == today.isoformat() and rows["张甲"][6] == "满意"
    assert rows["张乙"][5] in ("", None)
    # and the station's list report is the county's, row for row
    from desktop.report_cli import station_report

    own = station_report(enrolled.station, argparse.Namespace(kind="LIST", record_type="complaint",
                                                              date_from=period.start, date_to=period.end))
    assert own.tables[0].rows == listed.tables[0].rows


def test_a_usb_station_gets_the_centers_handling_in_the_reply(enrolled, county, tmp_path):
    today = today_in_china()
    late, _fresh = file_complaints(enrolled, today)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "TS01.bundle")
    county_import(county.store, tmp_path / "TS01.bundle", tmp_path / "first.reply")
    import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "first.reply")
    reviewer(county).handle_complaint(late.id, "answer", "已书面答复投诉人。", today, "written")

    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "TS01-2.bundle")
    carried = county_import(county.store, tmp_path / "TS01-2.bundle", tmp_path / "second.reply")
    assert (carried.complaint_steps, carried.events) == (1, 0)  # the county's CLI says so apart from decisions
    result = import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / "second.reply")
    assert (result.complaint_steps, result.events) == (1, 0)
    db = enrolled.station.db
    assert [(s.handling, s.reply_method) for s in complaint_answers.center_steps(db, late.id)] == [("answer",
                                                                                                     "written")]
    assert late.id not in complaint_deadlines(enrolled)
    # the same reply carried in again (or an older one) adds nothing
    for again in ("second.reply", "first.reply"):
        import_reply(enrolled.station.db, enrolled.key, "TS01", tmp_path / again)
    assert len(complaint_answers.center_steps(db, late.id)) == 1


def test_handling_recorded_before_the_upgrade_is_sent_too_and_once(enrolled, county):
    """County schema step 11 sends the handling the center recorded before this version (as a county that had only
    complaint_handling left it); run again, it sends nothing twice."""
    from sync.server import migrations

    today = today_in_china()
    late, fresh = file_complaints(enrolled, today)
    assert engine(enrolled).sync_round().complete
    center = reviewer(county)
    center.handle_complaint(late.id, "step", "已联系承办律师。")
    center.handle_complaint(fresh.id, "answer", "已当面答复。", today, "in_person", "basically")
    with county.store.write() as conn:  # what an older county held: the handling, no events for it
        conn.execute("DELETE FROM events WHERE kind = 'complaint'")
    for _ in range(2):
        with county.store.write() as conn:
            migrations._step_12(conn)
    assert county.store.conn().execute("SELECT count(*) FROM events WHERE kind = 'complaint'").fetchone()[0] == 2
    assert engine(enrolled).sync_round().complaint_steps == 2
    db = enrolled.station.db
    assert [s.text for s in complaint_answers.center_steps(db, late.id)] == ["已联系承办律师。"]
    [answer] = complaint_answers.center_steps(db, fresh.id)
    assert (answer.handling, answer.answered_on, answer.reply_method, answer.satisfaction, answer.by) == (
        "answer", today.isoformat(), "in_person", "basically", "李芳")
    # the station's open complaints are the county ledger's unanswered ones
    ledger = center.complaints(state="open")
    assert complaint_deadlines(enrolled) == {c.complaint_id for c in ledger.items} == {late.id}


def test_a_step_sent_twice_is_kept_once(enrolled, county):
    """Staff record a step; its answer is lost (a timeout says nothing changed) and they press 记录 again: the county
    sees the steps are not the ones the sender saw, refuses in Chinese, and keeps the one step."""
    from sync.workspace_client import WorkspaceError

    today = today_in_china()
    late, _fresh = file_complaints(enrolled, today)
    assert engine(enrolled).sync_round().complete
    center = reviewer(county)
    from sync.workspace_client import WorkspaceError as Refused

    try:  # a step of NUL alone (from a review with bad input: it was recorded and sent to the station)
        center.handle_complaint(late.id, "step", "\x00", steps_seen=0)
    except Refused as refused:
        assert "控制字符" in str(refused)
    else:
        raise AssertionError("a step of NUL was kept")
    first = center.handle_complaint(late.id, "step", "已联系承办律师核实情况。", steps_seen=0)
    assert len(first.steps) == 1
    try:
        center.handle_complaint(late.id, "step", "已联系承办律师核实情况。", steps_seen=0)
    except WorkspaceError as refused:
        assert "此投诉在此期间已记录了一条处理情况" in str(refused)
    else:
        raise AssertionError("the second sending was kept")
    assert len(center.complaint(late.id).steps) == 1
    assert len(center.handle_complaint(late.id, "step", "已电话告知投诉人。", steps_seen=1).steps) == 2
