"""The plan's measures and reports in the county workspace, over loopback HTTP against the real server: known
applications of two stations in two townships, synced, decided and closed; every figure is checked, and each
figure's list holds exactly the applications it counted (and those it is a share of). Reports come out as the
county's command line writes them."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from helpers.county import add_roster
from helpers.records import application, resident_id
from sync.workspace_client import NotAllowed, WorkspaceClient, WorkspaceError
from sync_tests.test_sync import engine
from tests.unit.casework_examples import closure

PASSWORD = "correct horse 42"
CRIMINAL = dict(case_type="criminal", aid_kind="criminal_defence", criminal_role="suspect", criminal_stage="prosecution",
                charge="盗窃罪", cause="盗窃", channel="notification", categories=[], art31_category=None,
                eligibility_ground="criminal_notification", art42_exemption=None, art25_ground="minor",
                notifying_organ="procuratorate")
FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


def client(county, name: str) -> WorkspaceClient:
    found = WorkspaceClient(county.url, county.fingerprint)
    found.login(name, PASSWORD)
    return found


@pytest.fixture
def plan_data(enrolled, county, tmp_path, monkeypatch):
    """TS01 (测试镇, 10,000 residents): 王一 criminal, granted, assigned to a lawyer, closed in court; 王二 labour,
    granted and assigned; 王三 refused (not a case). TS02 (河西镇, 20,000): 李四 criminal, not yet decided."""
    from desktop.services import open_services
    from helpers.accounts import provide_station
    from sync.enrollment import enroll
    from tests.conftest import TEST_SETTINGS

    store = enrolled.station.store
    saved = {name: store.save("application", application(name=name, received_at=received, **kind,
                                                         id_number=resident_id(sequence=sequence)), user="李芳")
             for name, received, kind, sequence in (("王一", "2026-02-01T09:00", CRIMINAL, "113"),
                                                    ("王二", "2026-03-10T09:00", {}, "133"),
                                                    ("王三", "2026-03-15T09:00", {}, "153"))}
    assert engine(enrolled).sync_round().complete
    provide_station(tmp_path / "other")
    other = open_services(tmp_path / "other")
    try:
        other.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="TS02",
                                                          station_name="河西镇法律援助工作站", township="河西镇"))
        code = county.store.add_station("TS02", "河西镇法律援助工作站", "河西镇", "fixed")
        enroll(other.station.db, other.key, other.document_key, county.url, code, "TS02", county.fingerprint)
        saved["李四"] = other.station.store.save("application", application(
            name="李四", received_at="2026-04-01T09:00", **CRIMINAL), user="赵六")
        assert engine(other).sync_round().complete
    finally:
        other.close()
    add_roster(county)
    for name in ("王一", "王二"):
        for kind, data in (("accept", {}), ("grant", {}), ("assign", {"lawyer": "L001"})):
            county.store.decide(kind, saved[name].number, data)
    county.store.decide("accept", saved["王三"].number, {})
    county.store.decide("refuse", saved["王三"].number, {"reasons": ["经济状况不符合标准"]})
    assert engine(enrolled).sync_round().complete
    from tests.unit.casework_examples import as_an_older_station

    # the county decided on the real clock (after this closing day): saved as an older station would, unchecked
    with as_an_older_station(monkeypatch):
        store.save("closure", dict(closure(saved["王一"].number), closed_on="2026-05-01"), user="李芳")
    assert engine(enrolled).sync_round().complete
    from sync.server.reference import set_population

    set_population(county.store, "测试镇", 10_000)
    set_population(county.store, "河西镇", 20_000)
    for name, roles in (("lifang", ["reviewer"]), ("admin", ["admin"])):
        county.store.staff.save(name, name, roles, PASSWORD)
    return {name: s.id for name, s in saved.items()}


def listed(reviewer: WorkspaceClient, key: str, **scope) -> dict[str, bool]:
    """Every application behind a figure, page by page: id -> counted."""
    found, page = {}, 1
    while True:
        answer = reviewer.figure_records(key, FIRST, LAST, page=page, **scope)
        found.update({r.application_id: r.counted for r in answer.items})
        if page * answer.page_size >= answer.total:
            assert len(found) == answer.total and sum(found.values()) == answer.counted
            return found
        page += 1


def test_every_figure_county_wide_and_by_place_and_the_records_behind_it(plan_data, county):
    ids = plan_data
    reviewer = client(county, "lifang")
    measures = reviewer.measures(FIRST, LAST, chart="cases")
    figures = measures.figures
    assert figures["cases"].value == 3 and figures["cases"].counted == 3
    assert figures["criminal_share"].value == pytest.approx(200 / 3) and figures["criminal_share"].met is True
    assert (figures["criminal_share"].counted, figures["criminal_share"].of) == (2, 3)
    assert figures["litigation_share"].value == 100 and figures["closing_rate"].value == pytest.approx(100 / 3)
    assert figures["law_firm_share"].value == 100 and figures["law_firm_share"].of == 2
    assert figures["court_attendance_share"].value == 0 and figures["court_attendance_share"].met is False
    assert figures["follow_up_rate"].value == 0 and figures["days_to_assign"].value == 0
    # 3 cases in 181 days over 30,000 residents, as a year: 3 × 10,000 / 30,000 × 365 / 181
    assert figures["cases_per_10k"].value == pytest.approx(365 / 181) and figures["cases_per_10k"].met is False
    assert figures["overdue"].value == 2  # 李四 undecided; 王一 closed without a follow-up visit
    assert [m for m, _v in measures.months] == [f"2026-0{m}" for m in range(1, 7)]
    assert [v for _m, v in measures.months] == [0, 1, 1, 1, 0, 0]  # received in Feb, Mar (王三 refused), Apr

    townships = {t.name: t for t in measures.townships}
    assert set(townships) == {"测试镇", "河西镇"} and townships["河西镇"].population == 20_000
    assert townships["测试镇"].figures["cases"].value == 2 and townships["测试镇"].figures["criminal_share"].value == 50
    assert townships["河西镇"].figures["criminal_share"].value == 100
    stations = {s.code: s for s in measures.stations}
    assert stations["TS02"].figures["cases"].value == 1 and stations["TS02"].township == "河西镇"

    # each figure opens exactly the applications it counted, among those it is a share of
    assert listed(reviewer, "criminal_share") == {ids["王一"]: True, ids["李四"]: True, ids["王二"]: False}
    assert listed(reviewer, "cases") == {ids["王一"]: True, ids["王二"]: True, ids["李四"]: True}
    assert listed(reviewer, "overdue") == {ids["王一"]: True, ids["李四"]: True}
    assert listed(reviewer, "litigation_share") == {ids["王一"]: True}
    assert listed(reviewer, "criminal_share", township="测试镇") == {ids["王一"]: True, ids["王二"]: False}
    assert listed(reviewer, "cases", station="TS02") == {ids["李四"]: True}
    row = reviewer.figure_records("criminal_share", FIRST, LAST, station="TS02").items[0]
    assert (row.name, row.station, row.township, row.received, row.status) == ("李四", "TS02", "河西镇", "2026-04-01",
                                                                               "received")

    # one township's trend, and a township the county does not know
    assert [v for _m, v in reviewer.measures(FIRST, LAST, chart="cases", township="河西镇").months] == \
        [0, 0, 0, 1, 0, 0]
    with pytest.raises(WorkspaceError) as unknown:
        reviewer.measures(FIRST, LAST, township="无此镇")
    assert "没有这个乡镇或工作站" in str(unknown.value)


def test_reports_are_the_county_commands_files(plan_data, county, tmp_path):
    from sync.server.__main__ import main as server_cli

    reviewer = client(county, "lifang")
    workbook = reviewer.report("INDICATORS", FIRST, LAST, "xlsx")
    path = tmp_path / "cli.xlsx"
    assert server_cli(["report", "INDICATORS", "--from", FIRST.isoformat(), "--to", LAST.isoformat(), "-o",
                       str(path), "--data-dir", str(county.data_dir)]) == 0
    sheets = lambda book: {s.title: list(s.iter_rows(values_only=True)) for s in book}
    assert sheets(load_workbook(io.BytesIO(workbook))) == sheets(load_workbook(path))
    listing = reviewer.report("LIST", FIRST, LAST, "csv", "application").decode("utf-8-sig")
    names = {row[2] for row in csv.reader(io.StringIO(listing))}
    assert {"王一", "王二", "王三", "李四"} <= names
    pdf = reviewer.report("CASE-STATISTICS", FIRST, LAST, "pdf")
    assert "案件统计" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    with pytest.raises(NotAllowed) as refused:  # the administrator keeps accounts, not case files
        client(county, "admin").report("LIST", FIRST, LAST, "csv")
    assert "保存报表" in str(refused.value)


def test_the_center_handles_the_stations_complaints_in_its_ledger(enrolled, county):
    """Complaints recorded at a station reach the county's ledger with their answer deadline (45 days); the center
    records its handling steps and its answer, which the half-yearly report then counts; a wrong answer is refused
    in Chinese and nothing is recorded; an assigner may read the ledger but not handle."""
    import argparse
    from datetime import timedelta

    from sync.server.plan import county_report
    from sync.workspace_client import NotAllowed as Refused
    from tests.unit.casework_examples import complaint

    from desktop.records.deadlines import today_in_china

    today = today_in_china()  # the county's day, as the ledger counts (China: a UTC evening is its next day)
    store = enrolled.station.store
    late = store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=60)}T10:00",
                                        complainant="张甲"), user="李芳")
    store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=2)}T10:00",
                                 complainant="张乙"), user="李芳")
    store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=20)}T10:00", complainant="张丙",
                                 reply_date=(today - timedelta(days=10)).isoformat(), reply_method="phone"),
               user="李芳")
    assert engine(enrolled).sync_round().complete
    for name, roles in (("lifang", ["reviewer"]), ("zhaomin", ["assigner"])):
        county.store.staff.save(name, {"lifang": "李芳", "zhaomin": "赵敏"}[name], roles, PASSWORD)
    reviewer = client(county, "lifang")
    ledger = reviewer.complaints()
    assert [(c.complainant, c.state) for c in ledger.items] == [("张甲", "overdue"), ("张乙", "open"),
                                                                 ("张丙", "answered")]
    first = ledger.items[0]
    assert first.complaint_id == late.id and first.number == late.number and first.due == (today - timedelta(days=15)).isoformat()
    assert first.days_left == -15 and reviewer.complaints(state="overdue").total == 1
    assert reviewer.complaints(state="open").total == 2 and reviewer.complaints(station="TS02").total == 0

    with pytest.raises(WorkspaceError) as early:
        reviewer.handle_complaint(first.complaint_id, "answer", "已电话答复。", today - timedelta(days=61), "phone")
    assert "答复日期" in str(early.value)
    with pytest.raises(Refused) as assigner:
        client(county, "zhaomin").handle_complaint(first.complaint_id, "step", "已联系承办律师。")
    assert "处理投诉" in str(assigner.value)
    assert reviewer.complaint(first.complaint_id).steps == ()  # nothing recorded by either

    reviewer.handle_complaint(first.complaint_id, "step", "已联系承办律师核实情况。")
    view = reviewer.handle_complaint(first.complaint_id, "answer", "经核实，律师已改正，向投诉人说明。", today, "phone",
                                     "satisfied")
    assert [(s.kind, s.by, s.account) for s in view.steps] == [("step", "李芳", "lifang"), ("answer", "李芳", "lifang")]
    assert view.entry.state == "answered" and view.entry.answered_by_county and view.data["complainant"] == "张甲"
    assert reviewer.complaints(state="overdue").total == 0

    args = argparse.Namespace(kind="COMPLAINTS", record_type="application", date_from=date(today.year - 1, 1, 1),
                              date_to=today)
    summary = county_report(county.store, args).tables[0].rows
    assert [row[1] for row in summary[:4]] == [3, 2, 1, 1]  # received, answered (station's and center's), in time
