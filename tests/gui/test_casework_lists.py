"""Each casework list (结案报告, 回访, 旁听庭审, 质量评查, 投诉, 外出服务) searched as a clerk searches it (Ctrl+F, type,
Enter) by the case or complaint number and by the applicant's name, and sorted by each of its columns by a click on
the header: the record is listed, no error box (their search and their sort by name failed with a database error)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from desktop.records.casework import LIST_COLUMNS
from gui.clerk import type_text
from tests.unit.casework_examples import EXAMPLES, as_an_older_station
from tests.unit.test_store import application, resident_id


def test_each_casework_list_is_searched_and_sorted_from_its_screen(window, station, qtbot, synchronous_tasks,
                                                                    message_boxes, monkeypatch):
    received = (date.today() - timedelta(days=40)).isoformat()
    number = station.store.save("application", application(received_at=f"{received}T09:00", name="赵六",
                                                            id_number=resident_id(sequence="133")), user="李芳").number
    saved = {}
    for record_type in ("closure", "follow_up", "court_attendance", "quality_evaluation", "complaint",
                        "outreach_event"):
        make = EXAMPLES[record_type]
        data = make() if record_type == "outreach_event" else make(number) if record_type != "complaint" else dict(
            make(), case_number=number.lower())  # a complaint may name a case; typed in lower case
        with as_an_older_station(monkeypatch):  # (the case's stage is not what this test is about)
            saved[record_type] = station.store.save(record_type, data, user="李芳")
    searches = {"closure": (number, "赵六"), "follow_up": (number.lower(), "赵六"), "court_attendance": ("赵六",),
                "quality_evaluation": (number, "周敏"), "complaint": (saved["complaint"].number, "王五", number),
                "outreach_event": ("临河",)}
    for record_type, texts in searches.items():
        if record_type in ("complaint", "outreach_event"):
            workspace = window.complaints if record_type == "complaint" else window.outreach
            window.navigation.setCurrentRow(window.pages.indexOf(workspace))
        else:
            window.navigation.setCurrentRow(window.pages.indexOf(window.casework))
            workspace = window.casework.show_workspace(record_type)
        page = workspace.list_page
        page.refresh()
        for text in texts:
            page.search.clear()
            page.search.setFocus()
            type_text(qtbot, page.search, text)
            qtbot.keyClick(page.search, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # noqa: B023
            assert page.model.record_id(0) == saved[record_type].id, (record_type, text)
        page.search.clear()
        page._apply_filters()
        header = page.table.horizontalHeader()
        for column, name in enumerate(page.model.columns()):
            if name not in LIST_COLUMNS[record_type]:
                continue  # a count-down column: not sortable
            for _ in range(2):  # ascending, then descending
                qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                                 pos=header.viewport().mapFromParent(
                                     header.rect().topLeft()) + _middle(header, column))
                qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # noqa: B023
                assert page.model.query().sort == name, (record_type, name)
    assert not message_boxes.shown


def _middle(header, column):
    from PySide6.QtCore import QPoint

    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
