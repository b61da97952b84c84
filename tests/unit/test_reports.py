"""The reports sent upward: built from known records, written as Excel, CSV and PDF, every cell checked; voided
records never counted; the same from the station's command line."""

from __future__ import annotations

import csv
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.__main__ import main as desktop_cli
from desktop.records import queries
from desktop.records.queries import ListQuery
from desktop.records.report_files import HEADER_ROWS

from .casework_examples import complaint
from .test_store import consultation

Q1 = ["--from", "2026-01-01", "--to", "2026-03-31"]


def sheets(path) -> dict[str, list[list]]:
    book = load_workbook(path)
    return {sheet.title: [[c for c in row] for row in sheet.iter_rows(values_only=True)] for sheet in book}


def body(rows: list[list]) -> list[list]:
    """A sheet's table after its title, period and column titles, empty cells as ''."""
    return [["" if c is None else c for c in row] for row in rows[HEADER_ROWS:]]


@pytest.fixture
def hotline(station):
    store = station.store

    def call(at, **changes):
        data = consultation(occurred_at=at, channel="hotline", **changes)
        return store.save("consultation", data, user="李明")

    call("2026-01-05T09:00", matter_category="wages", minutes=10, categories=["migrant_worker"])
    call("2026-01-20T10:00", matter_category="wages", minutes=20, outcome="referred", referred_to="court")
    call("2026-02-10T11:00", anonymous=True, name=None, phone=None, gender=None, matter_category="marriage_family",
         minutes=5, follow_up_needed=True)
    call("2026-03-31T18:00", matter_category="wages", minutes=15, categories=["woman", "elderly"])
    voided = call("2026-02-01T09:00", matter_category="debt", minutes=30)
    store.void("consultation", voided.id, "录错了", user="李明")
    store.save("consultation", consultation(occurred_at="2026-02-02T09:00", channel="walk_in"), user="李明")
    call("2026-04-01T09:00", matter_category="debt")  # the next quarter
    return station


def test_the_12348_quarterly_report_counts_the_quarters_hotline_calls_cell_by_cell(hotline, tmp_path):
    out = tmp_path / "q1.xlsx"
    assert desktop_cli(["report", "12348-QUARTERLY", *Q1, "-o", str(out), "--data-dir", str(hotline.data_dir)]) == 0
    found = sheets(out)
    assert list(found) == ["总体情况", "按咨询事项（舆情分析：群众关注的问题）", "按月份", "特殊群体来电"]
    summary = found["总体情况"]
    assert summary[0] == ["12348法律援助热线季度统计", None] and summary[1][0].endswith("2026-01-01 至 2026-03-31")
    assert summary[2] == ["项目", "数量"]
    assert body(summary) == [["热线咨询量", 4], ["匿名来电", 1], ["解答时长（分钟）", 50], ["转为法律援助申请", 0],
                             ["转介其他部门", 1], ["需要回访", 1]]
    assert body(found["按咨询事项（舆情分析：群众关注的问题）"]) == [
        ["劳动报酬", 3, 75], ["婚姻家庭", 1, 25], ["合计", 4, 100]]
    assert body(found["按月份"]) == [["2026-01", 2], ["2026-02", 1], ["2026-03", 1]]
    assert body(found["特殊群体来电"]) == [["农民工", 1, 25], ["妇女", 1, 25], ["老年人", 1, 25]]


def test_the_same_report_as_csv_and_pdf_says_the_same(hotline, tmp_path):
    csv_path, pdf_path = tmp_path / "q1.csv", tmp_path / "q1.pdf"
    for path in (csv_path, pdf_path):
        assert desktop_cli(["report", "12348-QUARTERLY", *Q1, "-o", str(path), "--data-dir",
                            str(hotline.data_dir)]) == 0
    rows = list(csv.reader(csv_path.open(encoding="utf-8-sig")))
    assert ["热线咨询量", "4"] in rows and ["劳动报酬", "3", "75.0"] in rows and ["2026-03", "1"] in rows
    text = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "12348法律援助热线季度统计" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "热线咨询量 4" in lines and "解答时长（分钟） 50" in lines and "劳动报酬 3 75.0" in lines


def test_the_complaints_half_yearly_report_cell_by_cell(station, tmp_path):
    store = station.store
    answered = dict(complaint(), complained_at="2026-01-10T09:00", complaint_channel="visit", handling="核查并约谈律师",
                    result="责令改正", reply_date="2026-02-01", reply_method="phone",
                    complainant_satisfaction="satisfied")
    late = dict(complaint(), complained_at="2026-02-01T09:00", complainant="赵六", respondent_kind="station",
                reply_date="2026-04-15", reply_method="written", complainant_satisfaction="dissatisfied")
    waiting = dict(complaint(), complained_at="2026-06-20T16:00", complainant="钱七")
    for data in (answered, late, waiting):
        store.save("complaint", data, user="李明")
    voided = store.save("complaint", dict(complaint(), complained_at="2026-03-01T09:00"), user="李明")
    store.void("complaint", voided.id, "重复登记", user="李明")
    store.save("complaint", dict(complaint(), complained_at="2026-07-01T09:00"), user="李明")  # next half-year
    out = tmp_path / "h1.xlsx"
    assert desktop_cli(["report", "COMPLAINTS", "--from", "2026-01-01", "--to", "2026-06-30", "-o", str(out),
                        "--data-dir", str(station.data_dir)]) == 0
    found = sheets(out)
    assert body(found["总体情况"]) == [["受理投诉", 3], ["已答复", 2], ["45日内答复", 1], ["尚未答复", 1],
                                    ["投诉人满意", 1], ["投诉人基本满意", 0], ["投诉人不满意", 1]]
    assert body(found["按投诉方式"]) == [["来访", 1, 33.3], ["电话", 2, 66.7], ["合计", 3, 100]]
    assert body(found["按被投诉对象"]) == [["法律援助工作站", 1, 33.3], ["法律援助人员", 2, 66.7], ["合计", 3, 100]]
    ledger = found["投诉台账"]
    assert ledger[2] == ["投诉编号", "投诉时间", "投诉方式", "投诉人", "被投诉对象", "被投诉人姓名或名称", "投诉事项及理由",
                         "处理情况", "处理结果", "答复日期", "投诉人满意程度"]
    assert body(ledger) == [
        ["TS01-C-2026-00001", "2026-01-10 09:00", "来访", "王五", "法律援助人员", "", "承办律师多次不接电话。",
         "核查并约谈律师", "责令改正", "2026-02-01", "满意"],
        ["TS01-C-2026-00002", "2026-02-01 09:00", "电话", "赵六", "法律援助工作站", "", "承办律师多次不接电话。", "", "",
         "2026-04-15", "不满意"],
        ["TS01-C-2026-00003", "2026-06-20 16:00", "电话", "钱七", "法律援助人员", "", "承办律师多次不接电话。", "", "",
         "", ""]]


def test_a_list_exported_as_csv_is_the_list_row_by_row(hotline, tmp_path):
    out = tmp_path / "list.csv"
    assert desktop_cli(["report", "LIST", "--type", "consultation", *Q1, "-o", str(out), "--data-dir",
                        str(hotline.data_dir)]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0] == ["咨询时间", "姓名", "来源渠道", "事项类别", "处理结果", "经办人"]
    query = ListQuery("consultation", date_from=date(2026, 1, 1), date_to=date(2026, 3, 31), descending=False)
    listed = queries.fetch(hotline.db, query, 0, 100)
    assert len(rows) - 1 == len(listed) == 5  # four calls and one walk-in; the voided one in neither
    assert [r[0] for r in rows[1:]] == [row.values[0][:16].replace("T", " ") for row in listed]
    assert rows[1][2] == "12348热线"


def test_a_report_without_a_known_format_is_refused(station, tmp_path, capsys):
    assert desktop_cli(["report", "COMPLAINTS", "-o", str(tmp_path / "x.doc"), "--data-dir",
                        str(station.data_dir)]) == 2
    assert "--format" in capsys.readouterr().err


def test_a_period_that_is_no_day_or_runs_backwards_is_refused_in_chinese(station, tmp_path, capsys):
    """`--from 2026-13-01` and a first day after the last are refused with a Chinese message and no file (a reversed
    period wrote an empty report before, and a malformed day an English error of argparse's)."""
    out = tmp_path / "x.pdf"
    for days, said in ((["--from", "2026-13-01"], "不是有效日期"), (["--to", "31/03/2026"], "不是有效日期"),
                       (["--from", "2026-12-31", "--to", "2026-01-01"], "晚于结束日期")):
        assert desktop_cli(["report", "CASE-STATISTICS", *days, "-o", str(out), "--data-dir",
                            str(station.data_dir)]) == 2
        assert said in capsys.readouterr().err and not out.exists()
    assert desktop_cli(["report", "CASE-STATISTICS", "--from", "2026-01-01", "--to", "2026-01-01", "-o", str(out),
                        "--data-dir", str(station.data_dir)]) == 0 and out.exists()
