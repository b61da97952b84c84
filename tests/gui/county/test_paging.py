"""The county's lists the server pages (queue, consultations, complaints, a figure's records) share one pager:
the page asked for, its buttons, and a new search back to the first page. Driven through the consultations list
of the real workspace against the real county server, with one consultation more than a page holds."""

from __future__ import annotations

from PySide6.QtCore import Qt

from helpers.records import consultation
from sync.limits import MAX_QUEUE_PAGE
from sync_tests.test_attachment_upload import engine

from ..clerk import type_text
from .workspace_helpers import add_staff, go_to, log_in, open_workspace


def test_the_consultations_turn_page_by_page_and_a_search_starts_again_at_the_first(qtbot, app, message_boxes,
                                                                                      enrolled, county, tmp_path):
    store = enrolled.station.store
    with store.batch():
        for i in range(MAX_QUEUE_PAGE + 1):
            store.save("consultation", consultation(name=f"咨询人{i:02d}", occurred_at=f"2026-11-{1 + i % 28:02d}T09:00"),
                       user="李明")
    assert engine(enrolled).sync_round().complete
    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    page = window.consultations
    go_to(window, page)
    page.refresh()
    pager = page.pager
    qtbot.waitUntil(lambda: page.table.rowCount() == MAX_QUEUE_PAGE)
    assert "51" in pager.summary.text()
    assert not pager.previous_page.isEnabled() and pager.next_page.isEnabled()
    qtbot.mouseClick(pager.next_page, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert pager.page == 2 and pager.previous_page.isEnabled() and not pager.next_page.isEnabled()
    qtbot.mouseClick(pager.previous_page, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == MAX_QUEUE_PAGE)
    assert pager.page == 1
    qtbot.mouseClick(pager.next_page, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pager.page == 2 and page.table.rowCount() == 1)
    type_text(qtbot, page.search, "咨询人0")  # ten of them: one page, from the first
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 10)
    assert pager.page == 1 and not pager.next_page.isEnabled()
