"""计划指标 and 统计报表 in the county workspace against the real county server, with the known data of the API test
(two stations in two townships): the figures a director reads, each opening exactly its applications, one of which
opens in the application view and Esc comes back; the chart by month and by township; a report saved as a file."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop.records.indicators import Period
from sync_tests.test_workspace_measures import plan_data  # noqa: F401 - the fixture: known applications and staff

from ..clerk import type_text
from .workspace_helpers import go_to, log_in, open_workspace

HALF_YEAR = Period(date(2026, 1, 1), date(2026, 6, 30))


def rows_of(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_director_reads_the_measures_and_opens_the_records_behind_them(qtbot, app, plan_data, county,  # noqa: F811
                                                                         tmp_path):
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    window.activateWindow()  # keys go where a person at the screen would press them
    qtbot.waitUntil(window.isActiveWindow)
    go_to(window, window.measures)
    page = window.measures
    page.set_period(HALF_YEAR)
    criminal = page.buttons["criminal_share"]
    assert "66.7%" in criminal.text() and "达标" in criminal.text() and "目标 ≥ 19%" in criminal.text()
    assert "0.0%" in page.buttons["court_attendance_share"].text() and "未达标" in \
        page.buttons["court_attendance_share"].text()
    places = {row[0].strip(): row for row in rows_of(page.places)}
    assert set(places) == {"测试镇", "河西镇", "TS01 测试镇法律援助工作站", "TS02 河西镇法律援助工作站"}
    assert places["测试镇"][2] == "50.0%" and places["河西镇"][2] == "100.0%"
    assert page.places.horizontalHeaderItem(2).text() == "刑事案件占案件总数比重"

    # the county's criminal share opens its three cases, two counted
    qtbot.mouseClick(criminal, Qt.MouseButton.LeftButton)
    records = window.figure_records
    assert window.pages.currentWidget() is records and "刑事案件" in records.title.text()
    listed = {row[1]: row[7] for row in rows_of(records.table)}
    assert listed == {"王一": "是", "李四": "是", "王二": ""}
    assert records.summary.text() == "计入 2 件，共 3 件申请"
    row = next(r for r in range(records.table.rowCount()) if records.table.item(r, 1).text() == "李四")
    records.table.selectRow(row)
    qtbot.keyClick(records.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.application
    assert window.application.application.data["name"] == "李四"
    qtbot.keyClick(window.application.tabs, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is records

    # a township's figure in the table opens that township's cases only
    qtbot.keyClick(records.table, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is page
    township = next(r for r in range(page.places.rowCount()) if page.places.item(r, 0).text() == "河西镇")
    page.places.itemActivated.emit(page.places.item(township, 2))
    assert {row[1] for row in rows_of(records.table)} == {"李四"} and "河西镇" in records.title.text()

    # the chart: cases month by month, then by township
    assert page.chart.points == [("2026-01", 0), ("2026-02", 1), ("2026-03", 1), ("2026-04", 1), ("2026-05", 0),
                                 ("2026-06", 0)]
    page.chart_by.setCurrentIndex(page.chart_by.findData("township"))
    assert dict(page.chart.points) == {"测试镇": 2, "河西镇": 1}

    # a report of every station, saved as Excel
    go_to(window, window.reports)
    reports = window.reports
    reports.picker.set_period(HALF_YEAR)
    reports.kind.setCurrentIndex(reports.kind.findData("INDICATORS"))
    target = tmp_path / "全县指标.xlsx"
    reports.save_report(str(target))
    assert reports.message.text() == f"已保存为 {target}"
    summary = next(iter(load_workbook(target)))
    assert any(row[0] == "刑事案件占案件总数比重" and row[1] == 66.7 for row in summary.iter_rows(values_only=True))


def test_the_administrator_may_not_save_reports(qtbot, app, plan_data, county, tmp_path):  # noqa: F811
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "admin")
    go_to(window, window.reports)
    assert not window.reports.save_button.isEnabled() and "审查人员" in window.reports.message.text()


def test_a_reviewer_answers_an_overdue_complaint_in_the_ledger(qtbot, app, enrolled, county, tmp_path):
    """The ledger shows the station's overdue complaint in red with its deadline; a step and the answer are
    recorded from the keyboard's form, and the complaint then shows as answered by the center. An assigner reads
    the ledger with the button grey and the reason."""
    from datetime import timedelta

    from sync_tests.test_sync import engine
    from tests.unit.casework_examples import complaint

    from .workspace_helpers import add_staff

    from sync.server.complaint_handling import today_in_china

    today = today_in_china()  # the county's day, as the ledger counts (China: a UTC evening is its next day)
    enrolled.station.store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=50)}T10:00",
                                                  complainant="张甲"), user="李芳")
    assert engine(enrolled).sync_round().complete
    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    go_to(window, window.complaints)
    page = window.complaints
    rows = rows_of(page.table)
    assert len(rows) == 1 and rows[0][3] == "张甲" and "已逾期 5 天" in rows[0][5]
    assert page.table.item(0, 0).foreground().color() == Qt.GlobalColor.darkRed
    page.table.selectRow(0)
    assert "承办律师多次不接电话" in page.record.text() and "尚未记录" in page.steps.text()

    type_text(qtbot, page.text, "已联系承办律师核实。")  # as a Chinese input method commits it
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "已记录。" and "已联系承办律师核实。" in page.steps.text()
    page.kind.setCurrentIndex(page.kind.findData("answer"))
    type_text(qtbot, page.text, "律师已改正，已电话告知投诉人。")
    page.reply_method.setCurrentIndex(page.reply_method.findData("phone"))
    page.satisfaction.setCurrentIndex(page.satisfaction.findData("satisfied"))
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert f"已答复 {today.isoformat()}（县中心）" == rows_of(page.table)[0][5] and rows_of(page.table)[0][6] == "2"
    page.state.setCurrentIndex(page.state.findData("overdue"))
    assert page.table.rowCount() == 0

    other = open_workspace(qtbot, county, tmp_path / "workspace2")
    log_in(qtbot, other, "zhaomin")
    go_to(other, other.complaints)
    other.complaints.table.selectRow(0)
    assert not other.complaints.record_button.isEnabled()
