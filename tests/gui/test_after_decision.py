"""The screens after the decision (issue 14), driven as a clerk would: deadlines and the red overdue list, a case's
records started from its page, a mobile team's 30 consultations at one event by keyboard, the measures' figures
opening their records."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from desktop.records import deadlines
from desktop.ui.casework_lists import OVERDUE_FOREGROUND
from tests.unit.casework_examples import ASSIGNEE, county_decides
from tests.unit.test_store import application, resident_id

from .clerk import fresh_rows, set_combo, type_into, type_text

pytestmark = pytest.mark.gui
TODAY = date.today()


def _days_ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def _save_case(station, name: str, received_days_ago: int, sequence: str) -> str:
    data = application(received_at=f"{_days_ago(received_days_ago)}T09:00", name=name,
                       id_number=resident_id(sequence=sequence))
    return station.store.save("application", data, user="李芳").number


def _navigate(window, page) -> None:
    window.navigation.setCurrentRow(window.pages.indexOf(page))


def test_overdue_applications_are_red_with_their_countdown(window, station, synchronous_tasks):
    late = _save_case(station, "赵六", 10, "133")  # 7 days to decide: 3 days overdue
    fresh = _save_case(station, "钱七", 1, "143")  # 6 days left
    _navigate(window, window.applications)
    page = window.applications.list_page
    page.refresh()
    model = page.model
    last = model.columnCount() - 1
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert model.index(rows[late], last).data() == "逾期3天"
    assert model.index(rows[late], 2).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_FOREGROUND
    assert model.index(rows[fresh], last).data() == "剩6天"
    assert model.index(rows[fresh], 2).data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_deadline_page_groups_what_is_due_and_opens_the_record(window, station, qtbot, synchronous_tasks):
    late = _save_case(station, "赵六", 10, "133")
    due_today = _save_case(station, "钱七", 7, "143")
    granted = _save_case(station, "孙八", 3, "153")
    county_decides(station, granted, "grant", _days_ago(1))  # assign within 3 days: 2 left
    _navigate(window, window.deadlines_page)
    page = window.deadlines_page
    tree = page.tree
    groups = {tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): tree.topLevelItem(i)
              for i in range(tree.topLevelItemCount())}
    overdue, today, soon = groups[deadlines.OVERDUE], groups[deadlines.TODAY], groups[deadlines.SOON]
    assert [overdue.child(i).text(3) for i in range(overdue.childCount())] == [f"{late} 赵六"]
    assert [today.child(i).text(3) for i in range(today.childCount())] == [f"{due_today} 钱七"]
    assert soon.child(0).text(2) == QCoreApplication.translate("Deadline", deadlines.KIND_TEXT[deadlines.ASSIGN])
    assert overdue.child(0).foreground(0).color() == OVERDUE_FOREGROUND
    assert window.navigation.item(window.pages.indexOf(page)).text() == "期限待办（2）"
    tree.setFocus()
    tree.setCurrentItem(overdue.child(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.applications and window.applications.editing()
    assert window.applications.form.record.number == late


def test_the_deadline_page_shows_dates_whole_and_names_an_anonymous_consultation(window, station,
                                                                                  synchronous_tasks):
    from tests.unit.test_store import consultation

    anonymous = consultation(occurred_at=f"{_days_ago(400)}T09:30", name=None, anonymous=True, follow_up_needed=True)
    station.store.save("consultation", anonymous, user="李芳")
    _save_case(station, "赵六", 10, "133")
    _navigate(window, window.deadlines_page)
    tree = window.deadlines_page.tree
    overdue = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                   if tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == deadlines.OVERDUE)
    assert "（匿名咨询）" in [overdue.child(i).text(3) for i in range(overdue.childCount())]
    for column in (0, 1):  # 2025-01-31 and 逾期400天, not 2025-0…
        assert tree.columnWidth(column) >= tree.sizeHintForColumn(column)


def test_every_casework_list_shows_case_numbers_and_dates_whole(window, station, synchronous_tasks):
    from desktop.ui.record_list import RecordListPage
    from tests.unit.casework_examples import EXAMPLES

    station.update_settings(replace(station.settings, station_code="DEMO01"))  # numbers as long as the demo's
    number = _save_case(station, "赵六", 60, "133")
    assert number.startswith("DEMO01-")
    county_decides(station, number, "grant", _days_ago(58))
    county_decides(station, number, "assign", _days_ago(57), ASSIGNEE)
    dated = {"closure": {"closed_on": _days_ago(30)}, "follow_up": {"visited_on": _days_ago(20)},
             "court_attendance": {"hearing_date": _days_ago(40) + "T09:30"},
             "quality_evaluation": {"evaluated_on": _days_ago(10)}}  # each after the case's own dates
    for record_type in ("closure", "follow_up", "court_attendance", "quality_evaluation", "complaint"):
        data = EXAMPLES[record_type]() if record_type == "complaint" else EXAMPLES[record_type](number)
        station.store.save(record_type, {**data, **dated.get(record_type, {})}, user="李芳")

    def whole(page: RecordListPage) -> None:
        table, columns = page.table, page.model.columns()
        for name in ("case_number", "number", "hearing_date", "complained_at", "closed_on", "visited_on"):
            if name in columns:
                column = columns.index(name)
                assert table.columnWidth(column) >= table.sizeHintForColumn(column), (page.record_type, name)

    _navigate(window, window.casework)  # the lists built while the station had none of these records
    for workspace in window.casework.workspaces.values():
        workspace.list_page.refresh()
        whole(workspace.list_page)
    for record_type in ("follow_up", "court_attendance", "complaint"):  # and lists opened on records
        whole(RecordListPage(station, record_type, window))


def test_a_closure_report_and_follow_up_start_from_the_case_and_save_by_keyboard(window, station, qtbot,
                                                                                  synchronous_tasks):
    number = _save_case(station, "赵六", 30, "133")
    for kind, days in (("grant", 28), ("assign", 27), ("close", 2)):
        county_decides(station, number, kind, _days_ago(days),
                       ASSIGNEE if kind == "assign" else {"result": "调解结案，追回工资八千元。"} if kind == "close" else None)
    app_id = station.db.execute("SELECT id FROM applications WHERE number = ?", (number,)).fetchone()[0]
    assert window.open_record("application", app_id)
    editor = window.applications.editor
    editor.case_actions.menu().findChild(QAction, "case:closure").trigger()
    workspace = window.casework.workspaces["closure"]
    assert window.pages.currentWidget() is window.casework and workspace.editing()
    form = workspace.form
    assert form.editors["case_number"].value() == number
    assert form.editors["closed_on"].value() == _days_ago(2)  # from the county's close
    assert form.editors["closure_result"].value() == "调解结案，追回工资八千元。"
    set_combo(form, "closing_method", "mediation")
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.record is not None, form.status.text()
    assert fresh_rows(station, "SELECT closing_method, person_name FROM closures") == [("mediation", "赵六")]
    # the deadline moved on: a follow-up visit after closing
    assert [d.kind for d in deadlines.open_deadlines(station.db)] == [deadlines.FOLLOW_UP]
    assert window.open_record("application", app_id)
    editor.case_actions.menu().findChild(QAction, "case:follow_up").trigger()
    follow_up = window.casework.workspaces["follow_up"].form
    set_combo(follow_up, "satisfaction", "satisfied")
    type_into(qtbot, follow_up, "finding", "受援人对律师的工作表示满意。")
    qtbot.keyClick(follow_up, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert follow_up.record is not None, follow_up.status.text()
    assert deadlines.open_deadlines(station.db) == []


def test_case_work_entries_that_cannot_apply_are_greyed_with_the_reason(window, station, qtbot, synchronous_tasks):
    """A refused application takes none of 案件办理's records; an undecided one no closure yet (the reason is the
    entry's tooltip), and its entry triggered anyway opens nothing."""
    from desktop.ui.casework_pages import refresh_case_actions

    refused = _save_case(station, "赵六", 20, "133")
    county_decides(station, refused, "refuse", _days_ago(15), {"reasons": ["不符合经济困难条件"]})
    undecided = _save_case(station, "钱七", 3, "143")
    for number, greyed, words in ((refused, {"closure", "follow_up", "court_attendance", "quality_evaluation"},
                                   "不予法律援助"), (undecided, {"closure", "follow_up", "court_attendance",
                                                              "quality_evaluation"}, "已登记")):
        app_id = station.db.execute("SELECT id FROM applications WHERE number = ?", (number,)).fetchone()[0]
        assert window.open_record("application", app_id)
        editor = window.applications.editor
        refresh_case_actions(editor)
        actions = {a.objectName().removeprefix("case:"): a for a in editor.case_actions.menu().actions()}
        assert {rt for rt, a in actions.items() if not a.isEnabled()} == greyed
        assert words in actions["closure"].toolTip() and number in actions["closure"].toolTip()
        actions["closure"].setEnabled(True)  # as a shortcut would: still nothing opens
        actions["closure"].trigger()
        assert not window.casework.workspaces["closure"].editing()
    county_decides(station, undecided, "grant", _days_ago(2))
    county_decides(station, undecided, "assign", _days_ago(1), ASSIGNEE)
    app_id = station.db.execute("SELECT id FROM applications WHERE number = ?", (undecided,)).fetchone()[0]
    assert window.open_record("application", app_id)
    refresh_case_actions(window.applications.editor)
    actions = {a.objectName().removeprefix("case:"): a for a in window.applications.editor.case_actions.menu().actions()}
    assert {rt for rt, a in actions.items() if not a.isEnabled()} == {"follow_up", "quality_evaluation"}
    assert "结案" in actions["follow_up"].toolTip()


def test_a_consultation_flagged_for_follow_up_waits_in_the_follow_up_list(window, station, synchronous_tasks):
    from tests.unit.test_store import consultation

    saved = station.store.save("consultation", consultation(follow_up_needed=True, follow_up_note="一周后回访"),
                               user="李芳")
    _navigate(window, window.casework)
    window.casework.show_workspace("follow_up")
    awaiting = window.casework.awaiting
    assert awaiting.count() == 1 and "一周后回访" in awaiting.item(0).text()
    awaiting.itemActivated.emit(awaiting.item(0))
    form = window.casework.workspaces["follow_up"].form
    assert form.links["consultation_id"] == saved.id and form.editors["visited_person"].value() == "张伟"
    form.editors["finding"].set_value("已回访，问题已解决。")
    set_combo(form, "satisfaction", "satisfied")
    assert form.save() is not None
    assert awaiting.count() == 0


def test_a_mobile_team_enters_an_event_and_30_consultations_by_keyboard(window, station, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the keyboard reaches any page
    _navigate(window, window.outreach)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.outreach.form
    assert form.editors["title"].widget.hasFocus()
    type_text(qtbot, form.editors["title"].widget, "法律援助进军营·武警临河中队")
    set_combo(form, "event_type", "military")
    type_into(qtbot, form, "place", "武警临河中队营区")
    type_into(qtbot, form, "unit", "武警临河中队")
    type_into(qtbot, form, "people_reached", "60")
    qtbot.keyClick(form, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "quick_consultations_dialog")
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # QTest's key release went to the main window's handle, which took the activation back
    qtbot.waitUntil(dialog.isActiveWindow)
    assert form.record is not None and form.record.data["staff"] == "李芳"  # saved first
    assert dialog.group.currentData() == "military"  # the camp's people
    for i in range(30):
        assert dialog.name.hasFocus(), (i, QApplication.focusWidget(), QApplication.activeWindow())
        if i % 3 == 0:
            type_text(qtbot, dialog.name, f"战士{i}")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
        qtbot.keyClick(dialog.group, Qt.Key.Key_Tab)
        if i == 0:
            qtbot.keyClick(dialog.matter, Qt.Key.Key_Down)  # the second matter, 劳动争议; it stays for the next
        qtbot.keyClick(dialog.matter, Qt.Key.Key_Tab)
        type_text(qtbot, dialog.question, f"第{i + 1}个问题：家里的承包地被占了怎么办？")
        qtbot.keyClick(dialog.question, Qt.Key.Key_Tab)
        type_text(qtbot, dialog.answer, "可以向乡镇人民政府申请调解，或者向人民法院起诉。")
        qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
        assert dialog.problem.text() == ""
    assert dialog.count.text() == "已录入 30 条咨询"
    rows = fresh_rows(station, "SELECT data, outreach_event_id FROM consultations ORDER BY rownum")
    assert len(rows) == 30 and {r[1] for r in rows} == {form.record.id}
    first, second = json.loads(rows[0][0]), json.loads(rows[1][0])
    assert (first["name"], first["channel"], first["categories"], first["outreach_event"]) == \
        ("战士0", "outreach", ["military"], "法律援助进军营·武警临河中队")
    assert second["anonymous"] is True and second["matter_category"] == "labour"
    assert first["question"] == "第1个问题：家里的承包地被占了怎么办？"
    qtbot.keyClick(dialog.answer, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_measures_open_their_records(window, station, qtbot, synchronous_tasks):
    criminal = dict(case_type="criminal", aid_kind="criminal_defence", criminal_role="suspect",
                    criminal_stage="prosecution", charge="盗窃罪", cause="盗窃", channel="notification",
                    categories=[], art31_category=None, eligibility_ground="criminal_notification",
                    art42_exemption=None, art25_ground="minor", notifying_organ="procuratorate")
    first = station.store.save("application", application(received_at=f"{_days_ago(3)}T09:00",
                                                          id_number=resident_id(sequence="133"), **criminal),
                               user="李芳")
    station.store.save("application", application(received_at=f"{_days_ago(2)}T09:00", name="钱七",
                                                  id_number=resident_id(sequence="143")), user="李芳")
    page = window.indicators_page
    _navigate(window, page)
    page.set_period(type(page.period())(TODAY - timedelta(days=30), TODAY))
    button = page.buttons["criminal_share"]
    assert "50.0%" in button.text() and "达标" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "figure_records")
    table = dialog.table
    counted = {table.item(r, 0).text(): table.item(r, 4).text() for r in range(table.rowCount())}
    assert counted == {first.number: "是", station.db.execute(
        "SELECT number FROM applications WHERE person_name = '钱七'").fetchone()[0]: ""}
    table.itemActivated.emit(table.item(0, 0))
    assert window.applications.editing()
    dialog.close()
    assert page.chart.points  # the month-by-month chart of the chosen measure (cases by default... or the first)


def test_a_figures_records_open_a_page_at_a_time(window, station, qtbot, synchronous_tasks):
    """The cases of the month (130) counted in SQL; their list shows 100, then the other 30, then back."""
    with station.store.batch():
        numbers = {_save_case(station, f"案{i:03d}", 1 + i % 20, f"{i % 100:02d}{(1, 3)[i // 100]}") for i in range(130)}
    page = window.indicators_page
    _navigate(window, page)
    page.set_period(type(page.period())(TODAY - timedelta(days=30), TODAY))
    qtbot.waitUntil(lambda: bool(page.figures) and page.figures["cases"].counted == 130)
    qtbot.mouseClick(page.buttons["cases"], Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "figure_records")
    seen = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert len(seen) == 100 and not dialog.previous_page.isEnabled() and dialog.next_page.isEnabled()
    assert "130" in dialog.summary.text() and "1–100" in dialog.summary.text()
    qtbot.mouseClick(dialog.next_page, Qt.MouseButton.LeftButton)
    seen += [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert len(seen) == 130 and set(seen) == numbers and not dialog.next_page.isEnabled()
    assert {dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())} == {"是"}
    qtbot.mouseClick(dialog.previous_page, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 100 and dialog.table.item(0, 0).text() == seen[0]
    dialog.close()


def test_the_chart_says_why_it_has_no_bars(window, station, qtbot, synchronous_tasks):
    """Cases per 10,000 need the township's population: until the county gives it, the chart says so rather
    than drawing an empty frame; a count draws its bars."""
    station.store.save("application", application(received_at=f"{_days_ago(2)}T09:00"), user="李芳")
    page = window.indicators_page
    _navigate(window, page)
    page.set_period(type(page.period())(TODAY - timedelta(days=30), TODAY))
    assert page.population() is None and page.chart_measure.currentData() == "cases_per_10k"
    qtbot.waitUntil(lambda: bool(page.chart.points))
    assert all(value is None for _, value in page.chart.points) and "户籍人口" in page.chart.empty
    page.chart_measure.setCurrentIndex(page.chart_measure.findData("cases"))
    qtbot.waitUntil(lambda: any(value for _, value in page.chart.points))


def test_a_period_cannot_be_reversed(window, qtbot, synchronous_tasks):
    """The first date of a period is never after its last, typed or picked: the figures are never of a period
    that ends before it starts; a preset still moves both dates wherever it lies."""
    from PySide6.QtCore import QDate

    page = window.indicators_page
    _navigate(window, page)
    picker = page.picker
    picker.set_period(type(picker.period())(TODAY - timedelta(days=30), TODAY))
    picker.date_from.setDate(QDate(TODAY.year + 1, 1, 1))  # after the last date: held at it
    assert picker.period().start == picker.period().end == TODAY
    picker.date_to.setDate(QDate(2000, 1, 1))  # before the first: held at it
    assert picker.period().start <= picker.period().end
    picker.preset.setCurrentIndex(picker.preset.findData("last_year"))
    assert picker.period().start == date(TODAY.year - 1, 1, 1) and picker.period().end == date(TODAY.year - 1, 12, 31)
    picker.preset.setCurrentIndex(picker.preset.findData("year"))
    assert picker.period().start == date(TODAY.year, 1, 1) and picker.period().end == TODAY


def test_the_deadlines_count_shows_from_the_start_without_the_page(window, station, qtbot, synchronous_tasks):
    """A clerk sees 期限待办（N） as soon as the program has started, before opening the page (built when first
    seen): overdue and due today, from the cases' rows."""
    _save_case(station, "赵六", 10, "133")
    _save_case(station, "钱七", 7, "143")
    _save_case(station, "周九", 1, "163")  # 6 days left: not counted
    from desktop.ui.main_window import MainWindow
    from desktop.ui.window_pages import count_deadlines

    started = MainWindow(window.workstation)  # the next start of the program, on these records
    qtbot.addWidget(started)
    item = started.navigation.item(started._rows["deadlines_page"])
    assert item.text() == "期限待办"
    count_deadlines(started)  # MainWindow.start, after the first frame
    qtbot.waitUntil(lambda: item.text() == "期限待办（2）")
    assert "deadlines_page" not in started._built


def test_the_evaluation_shows_no_total_while_an_item_is_out_of_range(window, station, qtbot, synchronous_tasks):
    """999 typed into a 10-point item is a mistake to fix: no total (it was 1089) and no grade (it was 优秀)."""
    from desktop.records.quality import quality_scheme
    from tests.unit.casework_examples import closure

    number = _save_case(station, "赵六", 20, "133")
    county_decides(station, number, "grant", _days_ago(19))
    county_decides(station, number, "assign", _days_ago(18), ASSIGNEE)
    station.store.save("closure", dict(closure(number), closed_on=_days_ago(2)), user="李芳")
    _navigate(window, window.casework)
    workspace = window.casework.show_workspace("quality_evaluation")
    workspace.new_record({"case_number": number})
    form = workspace.form
    items = quality_scheme().items
    for item in items:
        form.editors[item.field].set_value(str(item.max))
    assert (form.editors["score"].value(), form.editors["grade"].value()) == (100, "excellent")
    type_into(qtbot, form, items[0].field, "999")
    qtbot.keyClick(form.editors[items[0].field].widget, Qt.Key.Key_Tab)
    assert not form.editors["score"].value() and not form.editors["grade"].value()
    type_into(qtbot, form, items[0].field, str(items[0].max - 2))
    qtbot.keyClick(form.editors[items[0].field].widget, Qt.Key.Key_Tab)
    assert form.editors["score"].value() == 98
