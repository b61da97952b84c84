"""The county center answers a complaint the station took; after the next sync the station's complaints page shows
it answered (no longer red), with the center's answer in the list and its steps in the complaint's view, marked as
the center's and read-only (real widgets, real county server over loopback)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop.ui.casework_lists import OVERDUE_FOREGROUND
from desktop.records.deadlines import today_in_china
from sync_tests.test_complaint_answers import reviewer
from tests.unit.casework_examples import complaint

from .test_sync_ui import enroll_in_settings, press_sync, wait_round


def test_the_centers_answer_shows_on_the_stations_complaints_page(window, qtbot, county, station):
    window.navigation.setCurrentRow(window.pages.indexOf(window.settings_page))
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    enroll_in_settings(window, qtbot, county, code)
    wait_round(window, qtbot)  # enrollment starts a first round by itself
    today = today_in_china()
    late = station.store.save("complaint", dict(complaint(), complained_at=f"{today - timedelta(days=60)}T10:00",
                                                complainant="张甲"), user="李芳")
    press_sync(window, qtbot)

    window.navigation.setCurrentRow(window.pages.indexOf(window.complaints))
    page = window.complaints.list_page
    page.refresh()
    model = page.model
    last = model.columnCount() - 1
    assert model.headerData(last, Qt.Orientation.Horizontal) == "答复"
    assert model.index(0, last).data().startswith("逾期")
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_FOREGROUND

    window.complaints.open_record(late.id)  # the clerk has the complaint open while the sync brings the answer
    form = window.complaints.form
    assert form.center.isHidden()

    center = reviewer(county)
    center.handle_complaint(late.id, "step", "已联系承办律师核实情况。")
    center.handle_complaint(late.id, "answer", "经核实，律师已改正，已向投诉人说明。", today, "phone", "satisfied")
    press_sync(window, qtbot)

    assert "县中心投诉处理 2 条" in window.sync_label.text() and "决定" not in window.sync_label.text()
    qtbot.waitUntil(lambda: not form.center.isHidden(), timeout=10000)
    assert "县法律援助中心" in form.center.title() and "只读" in form.center.title()
    text = form.center_text.text()
    assert "已联系承办律师核实情况。" in text and "经核实，律师已改正" in text and "李芳" in text
    assert f"答复日期 {today.isoformat()}" in text and "电话" in text and "满意" in text
    assert not form.editors["reply_date"].value()  # the station's own fields stay the station's
    form.new_record()
    assert form.center.isHidden()

    window.complaints.show_list()
    columns = model.columns()
    qtbot.waitUntil(lambda: model.index(0, last).data() == "县法律援助中心已答复", timeout=10000)
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, columns.index("reply_date")).data() == today.isoformat()
    assert model.index(0, columns.index("satisfaction")).data() == "满意"
