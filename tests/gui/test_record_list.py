"""The consultation and application lists: lazy paging, search, filters, sorting, voided rows, opening."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, datetime, timedelta  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QDate, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QWidget  # noqa: E402

from desktop.records.idcard import check_digit  # noqa: E402
from desktop.records.queries import ListQuery  # noqa: E402
from desktop.records.settings import StationSettings  # noqa: E402
from desktop.records.station import open_station  # noqa: E402
from desktop.ui.i18n import language  # noqa: E402
from desktop.ui.record_list import RecordListPage  # noqa: E402
from desktop.ui.record_list_model import PAGE_SIZE, RecordListModel  # noqa: E402
from helpers.accounts import provided

CLERK = "李四"
BASE = datetime.now().replace(second=0, microsecond=0) - timedelta(days=30)


def resident_id(serial: int, born: date = date(1980, 5, 17)) -> str:
    first17 = f"440507{born:%Y%m%d}{serial % 1000:03d}"
    return first17 + check_digit(first17)


def consultation(i: int, **changes) -> dict:
    number = resident_id(i)
    data = {
        "occurred_at": (BASE + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M"),
        "channel": "walk_in", "name": f"张{i}", "id_type": "resident_id", "id_number": number,
        "gender": "male" if int(number[16]) % 2 else "female",
        "matter_category": "wages", "question": "老板拖欠工资三个月怎么办", "answer": "可以申请劳动仲裁",
        "clerk": CLERK, "outcome": "answered",
    }
    data.update(changes)
    return data


@pytest.fixture
def station(tmp_path):
    station = open_station(provided(tmp_path / "station"))
    station.update_settings(StationSettings(station_code="TS01", station_name="测试站", township="测试镇",
                                            clerks=(CLERK,), current_clerk=CLERK))
    yield station
    station.close()


def save(station, data: dict, record_type: str = "consultation") -> str:
    return station.store.save(record_type, data, user=CLERK).id


@pytest.fixture
def page(qtbot, station):
    """A consultation list over a few distinct records (the newest is 'marriage')."""
    ids = {
        "wages": save(station, consultation(1)),
        "support": save(station, consultation(2, name="王秀英", channel="hotline", matter_category="support",
                                              question="三个子女都不给赡养费", categories=["elderly"])),
        "land": save(station, consultation(3, name="刘建国", matter_category="property",
                                           question="宅基地被邻居占用", categories=["veteran"])),
        "marriage": save(station, consultation(4, name="陈静", matter_category="marriage_family",
                                               question="丈夫家暴，想离婚", outcome="mediation")),
    }
    widget = RecordListPage(station, "consultation")
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    widget.ids = ids
    return widget


def shown_ids(page) -> list[str]:
    return [page.model.record_id(r) for r in range(page.model.rowCount())]


def type_chinese(widget: QWidget, text: str) -> None:
    """Type as a Chinese input method does: a pinyin preedit, then the committed character.

    (QTest.keyClicks only knows ASCII keys; Chinese reaches a widget as input-method events.)
    """
    for ch in text:
        QApplication.sendEvent(widget, QInputMethodEvent("pinyin", []))
        commit = QInputMethodEvent("", [])
        commit.setCommitString(ch)
        QApplication.sendEvent(widget, commit)


def choose(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    assert index > 0, code
    combo.setCurrentIndex(index)


def test_every_record_has_its_row_and_pages_are_read_as_shown(qtbot, station):
    for i in range(PAGE_SIZE * 2 + 50):
        save(station, consultation(i))
    model = RecordListModel(station.db, ListQuery("consultation"), station.store.reference)
    assert model.total() == model.rowCount() == 450
    assert model.loaded_rows() == PAGE_SIZE  # only the first page until the view shows more
    # newest first by default; all rows distinct; reading the last row reads only its page
    assert model.index(449, 0).data() and model.loaded_rows() == PAGE_SIZE + 50
    ids = [model.record_id(r) for r in range(450)]
    assert len(set(ids)) == 450
    times = [model.index(r, 0).data() for r in range(450)]
    assert times == sorted(times, reverse=True)
    # pages read from the end and then upwards (by keyset) join the first page without gaps or repeats
    from_the_end = RecordListModel(station.db, ListQuery("consultation"), station.store.reference)
    assert [from_the_end.record_id(r) for r in reversed(range(450))] == ids[::-1]


def test_ctrl_end_and_ctrl_home_reach_the_last_and_first_record(page, qtbot, station):
    for i in range(5, PAGE_SIZE * 3 + 5):
        save(station, consultation(i))
    page.refresh()
    table = page.table
    table.setFocus()
    table.selectRow(0)
    first = page.model.record_id(0)
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last_row = page.model.total() - 1
    assert table.currentIndex().row() == last_row == PAGE_SIZE * 3 + 3
    assert page.selected_id() == page.ids["wages"]  # the oldest record: the last of a newest-first list
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert table.currentIndex().row() == 0 and page.selected_id() == first


def test_page_count_label_and_headers(page):
    assert page.model.total() == 4
    assert "4" in page.count_label.text()
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    # compared through tr(): another test may have installed the zh_CN translation
    assert headers == [page.model.tr(t) for t in ("Time", "Name", "Channel", "Matter", "Outcome", "Clerk")]


def test_codes_are_shown_as_labels_and_times_without_seconds(page, station):
    ref, lang = station.store.reference, language()
    row = page.model.row_of(page.ids["support"])
    values = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
    assert values[1] == "王秀英"
    assert values[2] == ref.label("consultation_channels", "hotline", lang)
    assert values[3] == ref.label("matter_categories", "support", lang)
    assert values[4] == ref.label("consultation_outcomes", "answered", lang)
    assert values[0] == (BASE + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("text, expected", [
    ("赡", {"support"}),  # one character
    ("离婚", {"marriage"}),  # two characters
    ("宅基地", {"land"}),  # three characters
    ("工资", {"wages"}),
    ("秀英", {"support"}),  # part of a name
])
def test_typing_in_the_search_box_filters_after_a_pause(qtbot, page, text, expected):
    page.search.setFocus()
    type_chinese(page.search, text)
    assert page.model.total() == 4  # debounced: nothing queried while typing
    qtbot.waitUntil(lambda: page.model.total() == len(expected), timeout=2000)
    assert set(shown_ids(page)) == {page.ids[k] for k in expected}
    assert str(len(expected)) in page.count_label.text()


def test_search_by_part_of_an_id_number_typed_on_the_keyboard(qtbot, page):
    qtbot.keyClicks(page.search, resident_id(3)[6:14])  # the birth date digits: all share it
    qtbot.waitUntil(lambda: page.model.total() == 4, timeout=2000)
    page.search.clear()
    qtbot.keyClicks(page.search, resident_id(3)[-6:])
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=2000)
    assert shown_ids(page) == [page.ids["land"]]


def test_clearing_the_search_shows_everything_again(qtbot, page):
    type_chinese(page.search, "离婚")
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=2000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.total() == 4, timeout=2000)


def test_search_with_only_punctuation_gives_no_rows_and_no_error(qtbot, page):
    type_chinese(page.search, "，。！")
    qtbot.keyClicks(page.search, "?-")
    qtbot.waitUntil(lambda: page.model.total() == 0, timeout=2000)
    assert page.model.rowCount() == 0
    assert "0" in page.count_label.text()
    assert page.empty_label.isVisible()


def test_filter_by_channel_category_and_group(qtbot, page):
    choose(page.channel_filter, "hotline")
    assert shown_ids(page) == [page.ids["support"]]
    page.channel_filter.setCurrentIndex(0)
    assert page.model.total() == 4

    choose(page.category_filter, "property")
    assert shown_ids(page) == [page.ids["land"]]
    page.category_filter.setCurrentIndex(0)

    choose(page.status_filter, "mediation")
    assert shown_ids(page) == [page.ids["marriage"]]
    page.status_filter.setCurrentIndex(0)

    choose(page.group_filter, "veteran")
    assert shown_ids(page) == [page.ids["land"]]
    choose(page.group_filter, "elderly")
    assert shown_ids(page) == [page.ids["support"]]


def test_every_combo_starts_with_all(page):
    for combo in (page.channel_filter, page.category_filter, page.status_filter, page.group_filter):
        assert combo.itemText(0) == page.tr("All")
        assert combo.itemData(0) is None
        assert combo.accessibleName()


def test_filter_by_date_range(qtbot, page, station):
    old = save(station, consultation(9, occurred_at=(BASE - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M")))
    page.refresh()
    assert page.model.total() == 5
    start = BASE.date()
    page.date_from.setDate(QDate(start.year, start.month, start.day))
    qtbot.mouseClick(page.date_from_enabled, Qt.MouseButton.LeftButton)
    assert page.date_from.isEnabled()
    qtbot.waitUntil(lambda: page.model.total() == 4, timeout=2000)
    assert old not in shown_ids(page)

    # a "to" date the day before the old record's day plus one: only the old one
    end = (BASE - timedelta(days=200)).date()
    page.date_to.setDate(QDate(end.year, end.month, end.day))
    page.date_to_enabled.setChecked(True)
    qtbot.waitUntil(lambda: page.model.total() == 0, timeout=2000)
    page.date_from_enabled.setChecked(False)
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=2000)
    assert shown_ids(page) == [old]


def test_clicking_a_header_sorts_by_that_column(qtbot, page):
    header = page.table.horizontalHeader()
    name_column = page.model.columns().index("person_name")
    x = header.sectionViewportPosition(name_column) + header.sectionSize(name_column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    assert page.model.query().sort == "person_name"
    names = [page.model.index(r, name_column).data() for r in range(page.model.rowCount())]
    from desktop.records.sortkey import name_key

    expected = sorted(names, key=name_key, reverse=page.model.query().descending)  # pinyin order
    assert names == expected
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    names_again = [page.model.index(r, name_column).data() for r in range(page.model.rowCount())]
    assert names_again == list(reversed(names))


def test_voided_records_are_hidden_unless_asked_for(qtbot, page, station):
    station.store.void("consultation", page.ids["land"], "重复登记", user=CLERK)
    page.refresh()
    assert page.ids["land"] not in shown_ids(page)
    assert page.model.total() == 3
    qtbot.mouseClick(page.include_voided, Qt.MouseButton.LeftButton)
    assert page.model.total() == 4
    row = page.model.row_of(page.ids["land"])
    outcome = page.model.columns().index("outcome")
    index = page.model.index(row, outcome)
    assert index.data() == station.store.reference.label("application_status", "voided", language())
    assert index.data(Qt.ItemDataRole.FontRole).strikeOut()
    other = page.model.index(page.model.row_of(page.ids["wages"]), outcome)
    assert other.data(Qt.ItemDataRole.FontRole) is None


def test_double_click_and_enter_open_the_record(qtbot, page):
    emitted: list[str] = []
    page.openRequested.connect(emitted.append)
    row = page.model.row_of(page.ids["support"])
    rect = page.table.visualRect(page.model.index(row, 1))
    with qtbot.waitSignal(page.openRequested, timeout=1000) as opened:
        # A real double click is press, release, double-click: Qt 6's mouseDClick sends only the last.
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [page.ids["support"]]

    page.table.setFocus()
    page.table.selectRow(page.model.row_of(page.ids["land"]))
    with qtbot.waitSignal(page.openRequested, timeout=1000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.ids["land"]]
    assert emitted == [page.ids["support"], page.ids["land"]]  # each gesture opens once


def test_down_from_the_search_box_goes_to_the_first_row(qtbot, page):
    page.search.setFocus()
    type_chinese(page.search, "工资")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # at once, before the pause: the search runs first
    assert page.model.total() == 1
    assert page.table.hasFocus()
    assert page.selected_id() == page.ids["wages"]


def test_an_empty_station_says_how_to_start(qtbot, station):
    widget = RecordListPage(station, "consultation")
    qtbot.addWidget(widget)
    widget.show()
    assert widget.model.total() == 0
    assert widget.empty_label.isVisible()
    assert widget.empty_label.text() == widget.tr("No records yet. Press \"New\" to record the first one.")
    save(station, consultation(1))
    widget.refresh()
    assert not widget.empty_label.isVisible()


def test_new_button_asks_for_a_new_record(qtbot, page):
    with qtbot.waitSignal(page.newRequested, timeout=1000):
        qtbot.mouseClick(page.findChild(type(page.new_button), "new"), Qt.MouseButton.LeftButton)


def test_refresh_keeps_filters_and_shows_new_records(qtbot, page, station):
    choose(page.channel_filter, "hotline")
    assert page.model.total() == 1
    save(station, consultation(20, channel="hotline", name="周婷婷"))
    save(station, consultation(21, channel="walk_in"))
    page.refresh()
    assert page.model.total() == 2
    assert page.channel_filter.currentData() == "hotline"


def test_focus_search(qtbot, page):
    page.table.setFocus()
    page.focus_search()
    qtbot.waitUntil(page.search.hasFocus, timeout=1000)


def test_widgets_are_named_for_tests_and_screen_readers(page):
    for name in ("search", "date_from", "date_to", "channel_filter", "category_filter", "status_filter",
                 "group_filter", "include_voided", "new", "count_label", "table"):
        widget = page.findChild(object, name)
        assert widget is not None, name
    for widget in (page.search, page.date_from, page.date_to, page.include_voided, page.date_from_enabled):
        assert widget.accessibleName()


def application(i: int, **changes) -> dict:
    number = resident_id(i)
    data = {
        "received_at": (BASE + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M"), "channel": "window",
        "name": f"赵{i}", "id_type": "resident_id", "id_number": number,
        "gender": "male" if int(number[16]) % 2 else "female",
        "case_type": "civil", "aid_kind": "litigation", "cause": "追索劳动报酬", "facts": "老板拖欠工资",
        "eligibility_ground": "art42", "art42_exemption": "migrant_wages", "categories": ["migrant_worker"],
        "art31_category": "labour", "clerk": CLERK,
    }
    data.update(changes)
    return data


def test_application_list_marks_urgent_and_labels_codes(qtbot, station):
    plain = save(station, application(1), "application")
    deadline = (BASE + timedelta(days=3)).strftime("%Y-%m-%d")
    urgent = save(station, application(2, urgent=True, urgency_reason="deadline", urgent_deadline=deadline),
                  "application")
    widget = RecordListPage(station, "application")
    qtbot.addWidget(widget)
    model = widget.model
    assert model.total() == 2
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:-1] == [model.tr(t) for t in ("Number", "Received", "Name", "Case type", "Eligibility", "Status",
                                                  "Clerk")]
    assert headers[-1] == QCoreApplication.translate("Deadlines", "Deadline")  # the countdown (issue 14)
    ref, lang = station.store.reference, language()
    row = model.row_of(urgent)
    assert model.index(row, 0).data().startswith("TS01-")
    assert model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(row, 3).data() == ref.label("case_types", "civil", lang)
    assert model.index(row, 4).data() == ref.label("eligibility_grounds", "art42", lang)
    assert model.index(row, 5).data() == ref.label("application_status", "recorded", lang)
    assert model.index(model.row_of(plain), 0).data(Qt.ItemDataRole.DecorationRole) is None

    choose(widget.category_filter, "criminal")
    assert model.total() == 0
    widget.category_filter.setCurrentIndex(0)
    choose(widget.status_filter, "recorded")
    assert model.total() == 2
    station.store.void("application", plain, "录错了", user=CLERK)
    widget.refresh()
    assert model.total() == 1
    widget.include_voided.setChecked(True)
    assert model.total() == 1  # status filter "recorded" still applies: the voided one is "voided" now
    widget.status_filter.setCurrentIndex(0)
    assert model.total() == 2


def test_a_database_error_is_shown_to_the_clerk_not_raised(qtbot, page, station):
    from desktop.ui.messages import MessageBoxes

    shown: list[tuple[str, str]] = []
    MessageBoxes.responder = lambda box: shown.append((box.windowTitle(), box.text()))
    try:
        station.db.conn.close()  # every query now fails
        page.refresh()
        qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    finally:
        MessageBoxes.responder = None
    assert page.model.rowCount() == 0
    assert len(shown) == 1
