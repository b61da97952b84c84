"""The 县中心 page: the county's decisions since the clerk last looked (bold, 新, the count in the
navigation), opening one, marking read, and the changes the county returned (open, send again)."""

from __future__ import annotations

import time
import uuid

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTabWidget

from desktop.records.canonical import local_now
from desktop.records.db import write_transaction
from desktop.ui.county_page import CountyEventsModel
from desktop.ui.county_text import county_time
from desktop.ui.messages import Button
from sync.events import MAX_EVENTS, newest_events, record_event, returned_changes, unseen_count
from sync.outbox import apply_acks, quarantined_changes
from sync.protocol import EVENT_KINDS, REJECTED

from .clerk import fresh_rows, resident_id
from .test_sync_ui import decide, press_sync, save_application

CLERK = "李芳"
REASON = "身份证号码：身份证号码校验位不正确"  # the county's reason_zh (its "reason" is the English detail)


def application(station, name: str, id17: str) -> tuple[str, str]:
    """A saved application: (id, number)."""
    data = {"name": name, "gender": "female", "id_type": "resident_id", "id_number": resident_id(id17),
            "phone": "13812345678", "received_at": "2026-11-02T09:30", "channel": "window", "case_type": "civil",
            "aid_kind": "litigation", "cause": "追索劳动报酬", "facts": "拖欠工资三个月。",
            "eligibility_ground": "hardship_checked", "monthly_income": "800", "household_size": 3,
            "art31_category": "labour", "clerk": CLERK}
    saved = station.store.save("application", data, user=CLERK)
    return saved.id, saved.number


def county_decides(station, number: str, application_id: str, kind: str, data: dict | None = None,
                   at: str = "2026-11-30T02:15:00+00:00") -> None:
    """An event as a sync round records it (sync.events.record_event)."""
    seq = station.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM county_events").fetchone()[0]
    event = {"seq": seq, "event_id": str(uuid.uuid4()), "kind": kind, "application_number": number,
             "application_id": application_id, "status": EVENT_KINDS[kind], "at": at, "by": "county",
             "data": data or {}}
    with write_transaction(station.db) as conn:
        record_event(conn, event, local_now())


def county_rejects(station, record_id: str, reason: str = REASON) -> str:
    """The county's "rejected" ack for the record's newest change, applied as a round applies it: the English
    detail and `reason` in Chinese, as the county words it."""
    change_id = station.db.execute("SELECT change_id FROM outbox WHERE record_id = ? ORDER BY seq DESC LIMIT 1",
                                   (record_id,)).fetchone()[0]
    with write_transaction(station.db) as conn:
        apply_acks(conn, [{"change_id": change_id, "status": REJECTED, "reason": "validation failed",
                           "reason_zh": reason}], {change_id: ""}, local_now())
    return change_id


def county_item_text(window) -> str:
    return window.navigation.item(window.pages.indexOf(window.county_page)).text()


def nav_title(count: int) -> str:
    if not count:
        return QCoreApplication.translate("MainWindow", "County")
    return QCoreApplication.translate("MainWindow", "County (%1)").replace("%1", str(count))


def show_county_page(window, qtbot):
    window.navigation.setCurrentRow(window.pages.indexOf(window.county_page))
    qtbot.waitUntil(window.county_page.isVisible)
    return window.county_page


def rows(page) -> list[dict]:
    """What the table shows, row by row (the model's display and font roles)."""
    model, m = page.model, CountyEventsModel
    out = []
    for r in range(model.rowCount()):
        font = model.index(r, m.DECISION).data(Qt.ItemDataRole.FontRole)
        out.append({"new": model.index(r, m.NEW).data(), "time": model.index(r, m.TIME).data(),
                    "number": model.index(r, m.NUMBER).data(), "applicant": model.index(r, m.APPLICANT).data(),
                    "text": model.index(r, m.DECISION).data(), "bold": isinstance(font, QFont) and font.bold()})
    return out


NEW = lambda: QCoreApplication.translate("CountyEventsModel", "New")  # noqa: E731


@pytest.fixture
def decided(station):
    """Two applications; the county accepted both, then granted and assigned the first."""
    first = application(station, "王芳", "11010519800101002")
    second = application(station, "张三", "11010519850202004")
    county_decides(station, first[1], first[0], "accept", at="2026-11-28T01:00:00+00:00")
    county_decides(station, second[1], second[0], "accept", at="2026-11-28T02:00:00+00:00")
    county_decides(station, first[1], first[0], "grant", {"note": "符合经济困难标准"}, at="2026-11-29T03:00:00+00:00")
    county_decides(station, first[1], first[0], "assign", {"assignee_kind": "lawyer", "name": "赵律师",
                                                           "firm": "青山律师事务所", "years_of_practice": 5},
                   at="2026-11-30T04:05:00+00:00")
    return first, second


def test_unseen_decisions_are_bold_marked_new_and_counted_in_the_navigation(window, qtbot, station, decided):
    (first_id, first_no), (_, second_no) = decided
    window.refresh_county()  # what a sync round's end does
    assert county_item_text(window) == nav_title(4)
    page = show_county_page(window, qtbot)
    shown = rows(page)
    assert [r["number"] for r in shown] == [first_no, first_no, second_no, first_no]  # newest first
    assert all(r["bold"] and r["new"] == NEW() for r in shown)
    assert shown[0]["applicant"] == "王芳" and shown[2]["applicant"] == "张三"
    assert "赵律师" in shown[0]["text"] and "青山律师事务所" in shown[0]["text"]
    assert "符合经济困难标准" in shown[1]["text"]
    assert len(shown[0]["time"]) == 16 and shown[0]["time"][4] == "-" and shown[0]["time"][13] == ":"
    assert page.mark_all_button.isEnabled()
    assert not page.events_more.isVisible()
    if NEW() != "New":  # once the .ts has its Chinese
        assert shown[0]["new"] == "新" and county_item_text(window) == "县中心 (4)"


def test_unread_only_and_mark_all_read(window, qtbot, station, decided):
    (first_id, first_no), _ = decided
    with write_transaction(station.db) as conn:  # a clerk had already looked at the first acceptance
        conn.execute("UPDATE county_events SET seen_at = ? WHERE seq = 1", (local_now(),))
    window.refresh_county()
    page = show_county_page(window, qtbot)
    shown = rows(page)
    assert [r["bold"] for r in shown] == [True, True, True, False] and shown[3]["new"] == ""
    page.unread_only.click()
    assert len(rows(page)) == 3 and all(r["bold"] for r in rows(page))
    assert county_item_text(window) == nav_title(3)

    qtbot.mouseClick(page.mark_all_button, Qt.MouseButton.LeftButton)
    assert unseen_count(station.db) == 0
    assert county_item_text(window) == nav_title(0)
    assert page.events_stack.currentWidget() is page.events_empty  # unread only, and nothing unread
    assert "Unread only" in page.events_empty.text() or "只看未读" in page.events_empty.text()
    assert not page.mark_all_button.isEnabled()
    page.unread_only.click()
    assert [r["bold"] for r in rows(page)] == [False] * 4
    assert fresh_rows(station, "SELECT count(*) FROM county_events WHERE seen_at IS NULL") == [(0,)]


def test_opening_a_decision_opens_its_application_and_marks_it_read(window, qtbot, station, decided):
    (first_id, first_no), (second_id, second_no) = decided
    window.refresh_county()
    page = show_county_page(window, qtbot)
    row = [r["number"] for r in rows(page)].index(second_no)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, CountyEventsModel.DECISION))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.applications
    assert window.navigation.currentRow() == window.pages.indexOf(window.applications)
    assert window.applications.editing() and window.applications.form.record.id == second_id
    assert fresh_rows(station, "SELECT application_number, seen_at IS NOT NULL FROM county_events "
                               "ORDER BY seq") == [(first_no, 0), (second_no, 1), (first_no, 0), (first_no, 0)]
    assert county_item_text(window) == nav_title(3)

    show_county_page(window, qtbot)
    assert [r["bold"] for r in rows(page)] == [True, True, False, True]
    index = page.model.index(0, CountyEventsModel.APPLICANT)  # double-click the newest (the first application)
    page.table.scrollTo(index)
    center = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=center)  # a double-click's first press
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.applications.form.record.id == first_id
    assert unseen_count(station.db) == 0 and county_item_text(window) == nav_title(0)


def test_the_editors_county_tab_marks_its_application_read(window, qtbot, station, decided):
    (first_id, first_no), (second_id, _) = decided
    window.refresh_county()
    window.navigation.setCurrentRow(window.pages.indexOf(window.applications))
    window.applications.open_record(first_id)
    editor = window.applications.editor
    assert editor.side_tabs.currentWidget() is not editor.county_tab
    assert unseen_count(station.db) == 4  # only open: the decisions are not on screen yet
    editor.side_tabs.setCurrentWidget(editor.county_tab)
    assert unseen_count(station.db) == 1 and county_item_text(window) == nav_title(1)
    # a new decision arriving while the tab is on screen is seen at once (its change notification); the other
    # application's stays unread
    county_decides(station, first_no, first_id, "progress")
    assert unseen_count(station.db) == 1 and county_item_text(window) == nav_title(1)
    # back on the list, then opening the second application with the tab still chosen: seen when shown
    window.applications.show_list()
    window.applications.open_record(second_id)
    assert unseen_count(station.db) == 0 and county_item_text(window) == nav_title(0)


def test_returned_changes_are_listed_with_the_reason_and_open_their_record(window, qtbot, station, decided):
    (first_id, first_no), _ = decided
    county_rejects(station, first_id)
    page = show_county_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    assert page.returned_stack.currentWidget() is page.returned
    assert page.returned.topLevelItemCount() == 1
    item = page.returned.topLevelItem(0)
    kind = QCoreApplication.translate("CountyPage", "Application")
    assert [item.text(c) for c in range(4)] == [kind, f"{first_no} 王芳", "1", REASON]
    if kind != "Application":
        assert kind == "申请"
    page.returned.setCurrentItem(item)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.applications
    assert window.applications.editing() and window.applications.form.record.id == first_id


def test_a_return_the_county_did_not_word_in_chinese_is_not_shown_in_english(window, qtbot, station, decided):
    """An ack without reason_zh (a county that did not word it) showed its English "reason" to the clerk."""
    from helpers.language import english_words

    (first_id, _), _ = decided
    change_id = station.db.execute("SELECT change_id FROM outbox WHERE record_id = ? ORDER BY seq DESC LIMIT 1",
                                   (first_id,)).fetchone()[0]
    with write_transaction(station.db) as conn:
        apply_acks(conn, [{"change_id": change_id, "status": REJECTED, "reason": "validation failed: id_number"}],
                   {change_id: ""}, local_now())
    page = show_county_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    said = page.returned.topLevelItem(0).text(3)
    assert "县" in said and english_words(said) == [], said


def test_send_again_as_is_releases_only_after_confirming(window, qtbot, station, message_boxes, decided):
    (first_id, _), _ = decided
    change_id = county_rejects(station, first_id)
    window.refresh_status()
    page = show_county_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    pending_before = window.pending_label.text()

    message_boxes.answers.append(Button.No)
    qtbot.mouseClick(page.release_button, Qt.MouseButton.LeftButton)
    assert len(message_boxes.shown) == 1
    assert fresh_rows(station, "SELECT rejected_reason FROM outbox WHERE change_id = ?", (change_id,)) == [(REASON,)]
    assert page.returned.topLevelItemCount() == 1

    message_boxes.answers.append(Button.Yes)
    qtbot.mouseClick(page.release_button, Qt.MouseButton.LeftButton)
    assert len(message_boxes.shown) == 2
    assert fresh_rows(station, "SELECT rejected_reason FROM outbox WHERE change_id = ?", (change_id,)) == [(None,)]
    assert quarantined_changes(station.db) == []
    assert page.returned_stack.currentWidget() is page.returned_empty and page.returned_empty.text()
    assert window.pending_label.text() != pending_before  # the status bar no longer counts it as returned


def test_empty_states_say_what_will_appear(window, qtbot, station):
    page = show_county_page(window, qtbot)
    assert county_item_text(window) == nav_title(0)
    assert page.events_stack.currentWidget() is page.events_empty
    assert page.events_empty.isVisible() and not page.mark_all_button.isEnabled()
    source = QCoreApplication.translate("CountyPage", "No decisions from the county yet. This station is not enrolled "
                                        "with the county: enroll it in Settings, and after a sync the county's "
                                        "decisions appear here.")
    assert page.events_empty.text() == source
    page.tabs.setCurrentIndex(1)
    assert page.returned_stack.currentWidget() is page.returned_empty and page.returned_empty.isVisible()
    assert not page.open_button.isEnabled() and not page.release_button.isEnabled()
    assert page.tabs.tabText(1) == QCoreApplication.translate("CountyPage", "Returned by the county")


def test_the_page_shows_the_newest_thousand_and_says_there_are_more(window, qtbot, station):
    app_id, number = application(station, "王芳", "11010519800101002")
    now = local_now()
    with write_transaction(station.db) as conn:
        for seq in range(1, MAX_EVENTS + 251):
            record_event(conn, {"seq": seq, "event_id": f"e{seq}", "kind": "progress", "application_number": number,
                                "application_id": app_id, "at": "2026-11-30T02:15:00+00:00",
                                "data": {"note": f"第{seq}次进展"}}, now)
    events, total = newest_events(station.db)
    assert len(events) == MAX_EVENTS and total == MAX_EVENTS + 250 and events[0].seq == MAX_EVENTS + 250
    window.refresh_county()
    assert county_item_text(window) == nav_title(MAX_EVENTS + 250)
    page = show_county_page(window, qtbot)
    assert page.model.rowCount() == MAX_EVENTS
    assert f"第{MAX_EVENTS + 250}次进展" in rows(page)[0]["text"]
    assert page.events_more.isVisible() and str(MAX_EVENTS + 250) in page.events_more.text()


def test_the_county_page_sits_between_applications_and_settings(window):
    county, settings = window.county_page, window.settings_page  # built when first asked for (issue 17)
    pages = [window.pages.widget(i) for i in range(window.pages.count())]
    assert pages[:2] == [window.consultations, window.applications]  # then the pages after the decision (issue 14)
    assert pages[-2:] == [county, settings]
    assert window.navigation.count() == window.pages.count()
    assert isinstance(window.county_page.tabs, QTabWidget)


def test_a_returned_material_is_fixed_on_its_application(window, qtbot, services, station, tmp_path):
    app_id, number = application(station, "王芳", "11010519800101002")
    scan = tmp_path / "申请表.pdf"
    scan.write_bytes((b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)) * 320)[:80_000])
    attachment = services.attachments.attach("application", app_id, "signed_form", scan, user=CLERK)
    county_rejects(station, attachment.id, "材料内容与其签名清单不符（传送中损坏）")
    [returned] = returned_changes(station.db)
    assert returned.record_type == "attachment" and returned.target == ("application", app_id)
    assert number in returned.who and "申请表.pdf" in returned.who
    page = show_county_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    assert page.returned.topLevelItem(0).text(0) == QCoreApplication.translate("CountyPage", "Material")
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.applications.editing() and window.applications.form.record.id == app_id


@pytest.fixture
def china_time(monkeypatch):
    """This computer on Beijing time (a POSIX rule: no tz database needed)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_county_time_is_shown_in_this_computers_time_zone(china_time):
    assert county_time("2026-11-30T02:15:00+00:00") == "2026-11-30 10:15"  # the county stamps UTC
    assert county_time("2026-11-30T23:15:00+00:00") == "2026-12-01 07:15"
    assert county_time("2026-11-30T10:15:00") == "2026-11-30 10:15"  # no offset: shown as it is
    assert county_time("not a time, from a newer server") == "not a time, from a n"[:16]
    assert county_time("") == ""


def test_a_sync_round_brings_decisions_to_the_page_and_the_count(enrolled, county, window, qtbot, station):
    saved = save_application(window, qtbot)
    press_sync(window, qtbot)
    page = show_county_page(window, qtbot)  # on the page while the round brings the decisions
    decide(county, "accept", saved.number)
    decide(county, "supplement", saved.number, "--item", "户口簿复印件")
    press_sync(window, qtbot)
    assert window.sync.last_result.events == 2
    assert county_item_text(window) == nav_title(2)
    assert [r["number"] for r in rows(page)] == [saved.number] * 2 and all(r["bold"] for r in rows(page))
    assert "户口簿复印件" in rows(page)[0]["text"]
