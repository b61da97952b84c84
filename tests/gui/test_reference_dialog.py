"""工具 → 县中心名册与指标: the county's roster (active members, filter) and the township's §3 indicator."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from desktop.records.db import write_transaction
from desktop.ui.reference_dialog import ReferenceDialog
from sync.reference import store_reference
from helpers.records import application

LAWYERS = [
    {"id": "F001", "name": "青山律师事务所", "kind": "law_firm", "organisation": "", "years_of_practice": 10,
     "minors_familiar": False, "phone": "", "active": True},
    {"id": "L001", "name": "赵大明", "kind": "lawyer", "organisation": "青山律师事务所", "years_of_practice": 5,
     "minors_familiar": True, "phone": "13812345678", "active": True},
    {"id": "L002", "name": "钱小红", "kind": "lawyer", "organisation": "青山律师事务所", "years_of_practice": 2,
     "minors_familiar": False, "phone": "0376-6123456", "active": False},
    {"id": "S001", "name": "孙立", "kind": "center_staff", "organisation": "青山县法律援助中心", "years_of_practice": 4,
     "minors_familiar": True, "phone": "0376-6000000", "active": True},
]


def give_reference(services, population: int = 45_000, township: str = "测试镇") -> None:
    """What a sync round stores after the county's answer."""
    payload = {"version": 7, "updated_at": "2025-12-01T02:30:00+00:00", "lawyers": LAWYERS,
               "townships": [{"name": township, "registered_population": population}]}
    with write_transaction(services.station.db) as conn:
        assert store_reference(conn, payload, received_at="2025-12-02T09:15:00+08:00")


def applications(services) -> None:
    """Three cases counted in 2025; one voided, one the county refused and one of 2024 that are not (统计报表 counts
    the same)."""
    from tests.unit.casework_examples import county_decides

    store = services.station.store
    for day in ("2025-01-10", "2025-06-03", "2025-11-20"):
        store.save("application", application(received_at=f"{day}T10:00"), user="李芳")
    voided = store.save("application", application(received_at="2025-07-01T10:00"), user="李芳")
    store.void("application", voided.id, "重复录入", user="李芳")
    refused = store.save("application", application(received_at="2025-08-01T10:00"), user="李芳")
    county_decides(services.station, refused.number, "refuse", "2025-08-04", {"reasons": ["不符合条件"]})
    store.save("application", application(received_at="2024-12-31T16:00"), user="李芳")


def dialog_for(workstation, qtbot) -> ReferenceDialog:
    """The dialog with the year's cases counted (the tests' runner is synchronous)."""
    dialog = ReferenceDialog(workstation, today=date(2025, 12, 31))
    qtbot.addWidget(dialog)
    dialog.reload()
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_roster_and_the_townships_indicator(app, services, workstation, synchronous_tasks, qtbot, tmp_path):
    give_reference(services)
    applications(services)
    dialog = dialog_for(workstation, qtbot)

    # the roster: active members in the county's order, kind in words, the minors' mark
    assert dialog.table.isVisible() and not dialog.empty_label.isVisible()
    assert dialog.visible_names() == ["青山律师事务所", "赵大明", "孙立"]  # 钱小红 is inactive
    row = [dialog.table.item(1, c).text() for c in range(dialog.table.columnCount())]
    assert row == ["赵大明", dialog.kind_text("lawyer"), "青山律师事务所", "5", "✓", "13812345678"]
    assert dialog.table.item(0, 4).text() == ""
    assert dialog.kind_text("center_staff") != "center_staff"
    assert "7" in dialog.source_label.text() and "2025-12-02 09:15" in dialog.source_label.text()

    # the filter: name, organisation, phone; the count follows
    dialog.filter_edit.setText("援助中心")
    assert dialog.visible_names() == ["孙立"]
    dialog.filter_edit.setText("1381234")
    assert dialog.visible_names() == ["赵大明"]
    dialog.filter_edit.setText("律师事务所")
    assert dialog.visible_names() == ["青山律师事务所", "赵大明"]
    assert "2" in dialog.count_label.text() and "3" in dialog.count_label.text()
    dialog.filter_edit.setText("没有这个人")
    assert dialog.visible_names() == []
    dialog.filter_edit.clear()
    assert len(dialog.visible_names()) == 3

    # the indicator: 3 applications of 2025 in a township of 45,000: 0.7 per 10,000; 54 needed, 51 to go
    assert dialog.township_value.text() == "测试镇"
    assert dialog.population_value.text() == QLocale().toString(45_000)
    assert dialog.applications_value.text() == "3"
    assert "2025" in dialog.applications_caption.text()
    rate = dialog.rate_value.text()
    assert rate.startswith("0.7") and "12" in rate and "51" in rate and "54" in rate
    assert (dialog.indicator.per_10k, dialog.indicator.target_cases) == (pytest.approx(3 * 10_000 / 45_000), 54)

    # the count opens the cases behind it, as 统计报表's figure does; Enter on one opens it in its form
    opened = []
    dialog.open_record = lambda record_type, record_id: opened.append((record_type, record_id)) or True
    assert dialog.cases_button.isEnabled()
    qtbot.mouseClick(dialog.cases_button, Qt.MouseButton.LeftButton)
    listing = dialog.findChild(QDialog, "figure_records")
    assert listing is not None and listing.table.rowCount() == 3
    saved = dict(services.station.db.execute("SELECT number, id FROM applications WHERE voided = 0 AND "
                                             "status <> 'refused' AND received_at LIKE '2025%'"))
    assert sorted(listing.table.item(r, 0).text() for r in range(3)) == sorted(saved)
    listing.table.itemActivated.emit(listing.table.item(0, 0))
    assert opened == [("application", saved[listing.table.item(0, 0).text()])]
    listing.close()
    del listing
    qtbot.waitUntil(lambda: dialog.findChild(QDialog, "figure_records") is None)  # gone when closed

    dialog.resize(900, 600)
    assert dialog.grab().save(str(tmp_path / "reference.png"))


def test_a_small_township_that_reached_the_target(app, services, workstation, synchronous_tasks, qtbot):
    give_reference(services, population=2_000)  # 12 per 10,000 = 3 cases a year
    applications(services)
    dialog = dialog_for(workstation, qtbot)
    assert dialog.indicator.reached and dialog.rate_value.text().startswith("15.0")


def test_in_the_middle_of_the_year_the_indicator_is_what_the_statistics_show_for_this_year(
        app, services, workstation, synchronous_tasks, qtbot):
    """On 30 June the tool shows 1 January to 30 June scaled to a year, as 统计报表's 本年 does, with the same
    cases behind it (not the half-year's cases over a whole year, half the figure)."""
    from desktop.records import plan_counts
    from desktop.records.indicators import PER_10K, Period
    from desktop.ui.plan_widgets import figure_value

    give_reference(services, population=45_000)
    applications(services)  # counted in 2025: 10 January, 3 June and 20 November
    dialog = ReferenceDialog(workstation, today=date(2025, 6, 30))
    qtbot.addWidget(dialog)
    dialog.reload()
    this_year = Period(date(2025, 1, 1), date(2025, 6, 30))
    shown = plan_counts.figures(services.station.db, this_year, 45_000, date(2025, 6, 30))["cases_per_10k"]
    assert dialog.indicator.cases == shown.counted == 2 and dialog.indicator.period == this_year
    assert dialog.indicator.per_10k == shown.value == pytest.approx(2 * 10_000 / 45_000 * 365 / 181)
    assert dialog.rate_value.text().startswith(figure_value(shown.value, PER_10K, 12) + "（按本年至今折算全年")
    assert "2025-06-30" in dialog.applications_caption.text()
    listing = dialog.show_cases()
    assert listing is not None and listing.table.rowCount() == 2
    listing.close()


def test_before_the_first_sync_the_dialog_says_to_sync(app, services, workstation, synchronous_tasks, qtbot, tmp_path):
    applications(services)
    dialog = dialog_for(workstation, qtbot)
    assert dialog.empty_label.isVisible() and not dialog.table.isVisible() and not dialog.filter_edit.isVisible()
    assert dialog.empty_label.text() == dialog.tr(
        "The roster has not been fetched from the county yet; please sync first.")
    assert dialog.township_value.text() == "测试镇" and dialog.applications_value.text() == "3"
    assert dialog.population_value.text() == dialog.tr("Not yet fetched from the county; please sync first.")
    assert dialog.rate_value.text() == "-"
    assert dialog.grab().save(str(tmp_path / "reference_empty.png"))


def test_the_township_comes_from_the_certificate_when_settings_have_none(app, services, workstation, synchronous_tasks, qtbot, tmp_path):
    from tests.helpers.trust import enroll_offline

    give_reference(services, township="城关镇")
    services.station.update_settings(replace(services.station.settings, township="城关镇"))
    enroll_offline(services, tmp_path / "county")  # the county certifies the station in 城关镇
    services.station.update_settings(replace(services.station.settings, township=""))
    dialog = dialog_for(workstation, qtbot)
    assert dialog.township_value.text() == "城关镇"
    assert dialog.population_value.text() == QLocale().toString(45_000)


def test_a_township_without_a_population_is_said_so(app, services, workstation, synchronous_tasks, qtbot):
    give_reference(services, township="别的镇")
    dialog = dialog_for(workstation, qtbot)
    assert "测试镇" in dialog.population_value.text() and dialog.rate_value.text() == "-"


def test_the_tools_menu_opens_one_dialog_that_follows_the_sync(window, services, qtbot):
    action = window.findChild(QAction, "action_reference")
    assert action is not None
    action.trigger()
    dialog = window.findChild(ReferenceDialog)
    qtbot.waitExposed(dialog)
    assert dialog.empty_label.isVisible()
    give_reference(services)
    window.sync.finished.emit(None)  # what a finished round does
    assert dialog.table.isVisible() and len(dialog.visible_names()) == 3
    # the year's cases, counted on a worker with the population the round brought
    qtbot.waitUntil(lambda: dialog.indicator is not None and dialog.indicator.population == 45_000)
    assert dialog.applications_value.text() == "0" and dialog.population_value.text() == QLocale().toString(45_000)
    action.trigger()
    assert window.findChildren(ReferenceDialog) == [dialog]
