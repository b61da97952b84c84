"""An answer that comes late (its request was slower than one asked after it) never replaces what the center's
staff chose since: the complaint or the application on screen is the one chosen last, and a handling step or a
decision goes to it. A real county server answers; only the first request's delivery is held back, as a slow
link would deliver it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from helpers.records import application
from sync_tests.test_sync import engine
from tests.unit.casework_examples import complaint

from ..clerk import type_text
from .workspace_helpers import HeldBack, add_staff, go_to, log_in, open_in_queue, open_workspace, queue_row


@pytest.fixture
def at_the_county(app, enrolled, county, qtbot, tmp_path):
    """Two applications and two complaints of station TS01 at the county; a reviewer logged in."""
    store = enrolled.station.store
    store.save("application", application(name="张三", received_at="2026-12-01T09:00"), user="李明")
    store.save("application", application(name="李四", received_at="2026-12-02T09:00",
                                          id_number="110101199001011237"), user="李明")
    store.save("complaint", dict(complaint(), complainant="张甲", complained_at="2026-11-20T10:00"), user="李明")
    store.save("complaint", dict(complaint(), complainant="王乙", complained_at="2026-11-21T10:00"), user="李明")
    assert engine(enrolled).sync_round().complete
    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")
    return window


def test_a_late_answer_for_the_complaint_chosen_before_does_not_replace_the_one_chosen_after(at_the_county, qtbot,
                                                                                            county):
    window = at_the_county
    go_to(window, window.complaints)
    page = window.complaints
    names = [page.table.item(r, 3).text() for r in range(page.table.rowCount())]
    first, second = names.index("张甲"), names.index("王乙")
    held = HeldBack(page.desk)
    held.hold_next()
    page.table.selectRow(first)  # its answer is slow
    page.table.selectRow(second)  # an arrow key down: answered at once
    assert "王乙" in page.record.text() and page.view.entry.complainant == "王乙"
    held.release()  # 张甲's answer comes now
    assert "王乙" in page.record.text() and page.view.entry.complainant == "王乙"
    type_text(qtbot, page.text, "已联系投诉人。")
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "已记录。" and "已联系投诉人。" in page.steps.text()
    handled = {row[0]: row[1] for row in county.store.conn().execute(
        "SELECT json_extract(r.data, '$.complainant'), count(h.rowid) FROM records r LEFT JOIN complaint_handling h "
        "ON h.complaint_id = r.record_id WHERE r.record_type = 'complaint' GROUP BY r.record_id")}
    assert handled == {"王乙": 1, "张甲": 0}  # the step went to the complaint on screen


def test_nothing_is_recorded_against_the_complaint_shown_while_the_chosen_one_loads(at_the_county):
    window = at_the_county
    go_to(window, window.complaints)
    page = window.complaints
    page.table.selectRow(0)
    assert page.record_button.isEnabled()
    held = HeldBack(page.desk)
    held.hold_next()
    page.table.selectRow(1)
    assert not page.record_button.isEnabled() and page.view is None
    assert page.record.text() == "正在读取……"  # not the complaint chosen before
    held.release()
    assert page.record_button.isEnabled() and page.view.entry.complaint_id == page.table.current().complaint_id


def test_a_late_application_does_not_replace_the_one_opened_after_it(at_the_county, qtbot):
    window = at_the_county
    held = HeldBack(window.application.desk)
    window.queue.refresh()
    held.hold_next()
    window.open_application(window.queue.model.row(queue_row(window, "张三")).application_id)  # slow
    view = window.application
    assert view.application is None  # nothing to decide on while it loads
    assert not any(button.isEnabled() for button in view.buttons.values())
    qtbot.keyClick(view.tabs, Qt.Key.Key_Escape)
    shown = open_in_queue(qtbot, window, "李四")
    held.release()  # 张三's answer comes now
    assert shown.application.data["name"] == "李四" and "李四" in shown.heading.text()


def test_the_queues_counts_are_the_last_asked_not_a_slower_earlier_answer(at_the_county, enrolled):
    """The counts in the navigation come from the last refresh: an earlier answer, read before an application
    arrived and delivered after the refresh that counted it, does not bring the old count back."""
    window = at_the_county
    desk, real = window.queue.desk, window.queue.desk.call
    late: list = []

    def answer_counts_late(work, on_done=None, on_refused=None):
        if on_done is not None and not late and "counts" in work.__code__.co_names:
            del desk.call  # the calls after this one answer as they end
            return real(work, lambda result: late.append(lambda: on_done(result)), on_refused)
        return real(work, on_done, on_refused)

    desk.call = answer_counts_late
    window.queue.refresh()  # counts two applications; the answer is slow
    enrolled.station.store.save("application", application(name="王五", received_at="2026-12-03T09:00",
                                                          id_number="110101199001011253"), user="李明")
    assert engine(enrolled).sync_round().complete
    window.queue.refresh()
    counted = window.navigation.item(0).text()
    assert "3" in counted
    late.pop()()  # the earlier count, two, arrives now
    assert window.navigation.item(0).text() == counted


def test_the_county_lists_show_their_last_read(at_the_county):
    """The stations, accounts, roster and townships pages: an earlier read delivered after a later one (as after a
    station's revocation, whose page read again) is dropped, and the station filters are not fed the old list."""
    window = at_the_county
    go_to(window, window.stations)
    desk, real = window.stations.desk, window.stations.desk.call
    late: list = []

    def answer_first_late(work, on_done=None, on_refused=None):
        del desk.call
        return real(work, lambda result: late.append(lambda: on_done(result)), on_refused)

    emitted: list = []
    window.stations.stationsChanged.connect(emitted.append)
    desk.call = answer_first_late
    window.stations.refresh()  # slow
    window.stations.refresh()
    assert len(emitted) == 1 and window.stations.table.rowCount() == len(emitted[0])
    late.pop()()
    assert len(emitted) == 1  # the earlier read is not shown, nor sent to the filters


def a_step_on_its_way(window, qtbot):
    """The first complaint chosen, a step typed and 记录 clicked: the step held on its way to the county."""
    go_to(window, window.complaints)
    page = window.complaints
    page.table.selectRow(0)
    type_text(qtbot, page.text, "已联系投诉人。")
    held = HeldBack(page.desk)
    held.hold_next()
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    return page, held


def test_a_step_on_its_way_cannot_be_sent_again(at_the_county, qtbot, county):
    """记录 stays grey while the step is on its way, whatever refreshes the ledger meanwhile (F5, a filter), so a
    second click cannot send it twice; the step is recorded once."""
    page, held = a_step_on_its_way(at_the_county, qtbot)
    page.refresh()  # F5
    assert not page.record_button.isEnabled()
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)  # nothing more is sent
    held.release()
    assert page.message.text() == "已记录。" and page.record_button.isEnabled()
    assert county.store.conn().execute("SELECT count(*) FROM complaint_handling").fetchone()[0] == 1


def test_a_step_recorded_after_another_complaint_was_chosen_is_not_left_to_send_again(at_the_county, qtbot, county):
    page, held = a_step_on_its_way(at_the_county, qtbot)
    page.table.selectRow(1)  # another complaint, answered at once
    held.release()  # the first one's step is recorded now
    assert page.text.toPlainText() == "" and page.message.text() == "已记录。"
    assert county.store.conn().execute("SELECT count(*) FROM complaint_handling").fetchone()[0] == 1


def test_a_station_change_on_its_way_greys_the_stations_buttons(app, qtbot, message_boxes, enrolled, county,
                                                                 tmp_path):
    """Add, revoke and recover stay grey while one of them is on its way (a second addition would void the printed
    sheet's code; a second recovery would make a second file and key)."""
    from desktop.ui.messages import Button

    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "admin")
    go_to(window, window.stations)
    page = window.stations
    page.table.selectRow(0)
    held = HeldBack(page.desk)
    held.hold_next()
    message_boxes.answers.append(Button.Yes)
    page.revoke()  # on its way
    assert not any(b.isEnabled() for b in (page.add_button, page.revoke_button, page.recover_button))
    page.refresh()  # whatever refreshes the page meanwhile
    assert not page.add_button.isEnabled()
    held.release()
    assert page.add_button.isEnabled() and page.revoke_button.isEnabled()
    assert page.table.item(0, 7).text() != ""  # revoked, once


def test_a_second_enter_while_logging_in_sends_one_login(app, qtbot, message_boxes, county, tmp_path):
    """Enter in the password field goes past the greyed 登录 button: a second one while the first login is on its
    way must not send another (two sessions, and two failures counted toward the lockout when it is wrong)."""
    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    panel = window.login_panel
    sent: list = []
    real = panel.desk.login

    def login_held(*args):
        sent.append(args)

    panel.desk.login = login_held  # the first login on its way (held)
    qtbot.keyClicks(panel.account, "lifang")
    qtbot.keyClicks(panel.password, "wrong password")
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert len(sent) == 1
    del panel.desk.login
    real(*sent[0])  # it is answered: wrong, and 登录 is live again
    assert panel.login_button.isEnabled() and "密码" in panel.message.text()


def test_the_workspace_fields_take_no_more_than_the_county_does(at_the_county, qtbot):
    """From a review with bad input: over-long names, searches and steps got the vague 请求无效 from the server. The
    fields now take no more than the county accepts, and a step too long is said with its length, the text kept."""
    window = at_the_county
    type_text(qtbot, window.queue.search, "张" * 60)  # as a Chinese input method commits it
    assert len(window.queue.search.text()) == 40
    go_to(window, window.complaints)
    page = window.complaints
    page.table.selectRow(0)
    page.text.setPlainText("联" * 2001)
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "最多填写 2000 字（现为 2001 字）。" and len(page.text.toPlainText()) == 2001
    from desktop.county_ui.accounts_page import AccountDialog
    from desktop.county_ui.reference_pages import MemberDialog

    account, member = AccountDialog(None, window), MemberDialog(None, window)
    qtbot.addWidget(account)
    qtbot.addWidget(member)
    account.display_name.setText("名" * 40)  # (pasted: a line edit keeps its most)
    member.organisation.setText("所" * 70)
    assert (len(account.display_name.text()), len(member.organisation.text())) == (30, 60)
