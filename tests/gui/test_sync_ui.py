"""Sync in the window against the real county server on loopback: enrollment in settings, the 同步
action, the timer, the county's decisions in the editor, and plain words when something is wrong."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from desktop.ui.sync_controller import SYNC_INTERVAL_MS
from sync.protocol import BATCH_SIZE
from sync.server.__main__ import main as server_cli
from sync.status import RoundResult
from helpers.county import County

from .clerk import fill_civil_application, fresh_rows, type_text


def waiting_text(count: int) -> str:
    return QCoreApplication.translate("SyncController", "Waiting to sync: %1 records").replace("%1", str(count))


def save_application(window, qtbot):
    window._new_in(window.applications)
    form = window.applications.form
    fill_civil_application(qtbot, form)
    saved = form.save()
    assert saved is not None
    return saved


def press_sync(window, qtbot, timeout=15000):
    assert window.sync_action.isEnabled()
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    wait_round(window, qtbot, timeout)


def wait_round(window, qtbot, timeout=15000):
    qtbot.waitUntil(lambda: not window.sync.is_running() and window.sync_action.isEnabled(), timeout=timeout)


def enroll_in_settings(window, qtbot, county: County, code: str) -> None:
    page = window.settings_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    page.county.server_url.setText(county.url)
    type_text(qtbot, page.county.enrollment_code, code)
    page.county.root_fingerprint.setText(county.fingerprint)  # as printed on the enrollment sheet
    qtbot.mouseClick(page.county.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.county.enroll_button.isEnabled(), timeout=10000)


def decide(county: County, kind: str, number: str, *options: str) -> None:
    assert server_cli(["decide", kind, number, *options, "--data-dir", str(county.data_dir)]) == 0


def test_enroll_record_sync_decide_and_see_the_assignment(window, qtbot, county, station):
    page = window.settings_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))  # the county box is read when the page is seen
    assert page.county.county_fingerprint.text() == "-"
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    enroll_in_settings(window, qtbot, county, code)
    assert "TS01" in page.county.enrollment_status.text()
    assert page.county.enrolled_server.text() == county.url
    assert page.county.county_fingerprint.text() == county.fingerprint
    wait_round(window, qtbot)  # enrollment starts a first round by itself
    assert window.sync.last_result is not None and window.sync.last_result.error is None

    saved = save_application(window, qtbot)
    assert window.pending_label.text() != waiting_text(0)
    press_sync(window, qtbot)
    assert window.pending_label.text() == waiting_text(0)
    assert window.sync.last_result.complete
    assert saved.number in {r["number"] for r in county.store.records("TS01") if r["record_type"] == "application"}

    editor = window.applications.editor
    label = lambda code: station.store.reference.label("application_status", code, "zh")
    assert label("recorded") in editor.county_status.text()
    from helpers.county import add_roster
    add_roster(county)  # L001 赵律师, 青山律师事务所, 5 years
    decide(county, "accept", saved.number)
    decide(county, "grant", saved.number, "--note", "符合经济困难标准")
    decide(county, "assign", saved.number, "--lawyer", "L001")
    window.sync_action.trigger()  # the menu action / Ctrl+Shift+S
    wait_round(window, qtbot)
    assert window.sync.last_result.events == 3
    assert label("assigned") in editor.county_status.text()  # the open application updated
    texts = [editor.county_events.item(i).text() for i in range(editor.county_events.count())]
    assert "赵律师" in texts[0] and "青山律师事务所" in texts[0] and "5" in texts[0]
    assert len(texts) == 3 and "符合经济困难标准" in texts[1]
    assert fresh_rows(station, "SELECT status FROM applications WHERE id = ?", (saved.id,)) == [("assigned",)]
    # the list shows the county's status too
    window.applications.show_list()
    model = window.applications.list_page.model
    column = model.columns().index("status")
    assert model.index(0, column).data() == label("assigned")


def test_a_stopped_server_is_reported_in_plain_words_and_nothing_is_lost(enrolled, county, window, qtbot, station):
    saved = save_application(window, qtbot)
    before = station.store.get("application", saved.id)
    waiting = station.store.pending_changes()
    assert waiting > 0
    county.server.should_exit = True
    county.thread.join(timeout=5)
    press_sync(window, qtbot, timeout=30000)
    text, whole = window.sync_label.text(), window.sync_label.toolTip()  # a short line; the sentence in its tooltip
    assert text == window.sync.short_problem("network") and "Traceback" not in text + whole
    assert whole == window.sync.problem_text("network", None)
    source = "Cannot reach the county server; unsent records are kept and sent next time"
    if QCoreApplication.translate("SyncController", source) != source:  # once the .ts has its Chinese
        assert "无法连接" in whole
    assert window.pending_label.text() == waiting_text(waiting)
    assert fresh_rows(station, "SELECT count(*) FROM outbox WHERE acked_at IS NULL") == [(waiting,)]
    after = station.store.get("application", saved.id)
    assert (after.data, after.version) == (before.data, before.version)


def test_the_timer_runs_one_round_at_a_time(enrolled, county, window, qtbot, station):
    assert not window.sync.timer.isActive()  # the program's start starts it, not the window
    window.sync.start_timer()
    assert window.sync.timer.isActive() and window.sync.timer.interval() == SYNC_INTERVAL_MS
    save_application(window, qtbot)
    window.sync.on_timer()
    assert window.sync.is_running()
    assert window.sync.sync_now() is False  # never two at once
    assert not window.sync_action.isEnabled() and not window.sync_button.isEnabled()
    window.sync.on_timer()
    wait_round(window, qtbot)
    assert window.pending_label.text() == waiting_text(0)
    assert county.store.change_count() == fresh_rows(station, "SELECT count(*) FROM outbox")[0][0]


def test_not_enrolled_says_so_and_the_timer_stays_quiet(window, qtbot):
    window.sync.on_timer()
    assert not window.sync.is_running()
    press_sync(window, qtbot)
    assert window.sync_label.text() == window.sync.short_problem("not_enrolled")
    assert window.sync_label.toolTip() == window.sync.problem_text("not_enrolled", None)


def test_a_revoked_station_is_told_so(enrolled, county, window, qtbot):
    assert server_cli(["station", "revoke", "TS01", "--data-dir", str(county.data_dir)]) == 0
    press_sync(window, qtbot)
    assert window.sync_label.text() == window.sync.short_problem("revoked")
    assert window.sync_label.toolTip() == window.sync.problem_text("revoked", None)


def test_a_wrong_enrollment_code_is_explained_in_settings(window, qtbot, county):
    county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    enroll_in_settings(window, qtbot, county, "AAAA-BBBB-CCCC-DDDD")
    page = window.settings_page
    assert page.county.enrollment_status.text() == page.county.tr(  # one sentence: no "not enrolled: enrollment failed: …"
        "The county did not accept this enrollment code: it is wrong or has been used already. "
        "Ask the county for a new code.")
    assert page.county.county_fingerprint.text() == "-"
    assert not window.sync.is_running()


def test_clock_skew_and_quarantine_are_described(window):
    sync = window.sync
    assert "2" in sync.explain(RoundResult(quarantined=2)) and "2" not in sync.explain(RoundResult())
    sync.clock_skew = -600
    short, explanation = sync.clock_warning()
    assert "10" in short and "10" in explanation
    assert short.endswith("本机时钟慢了 10 分钟") and explanation.startswith("本机时钟比县中心慢了 10 分钟")
    sync.clock_skew = 3 * 86400 + 100  # a day or more: said in days, with its direction
    assert sync.clock_warning()[0].endswith("本机时钟快了 3 天")
    sync.clock_skew = 120
    assert sync.clock_warning() is None


def test_the_waiting_count_goes_down_while_a_long_round_runs(enrolled, county, window, qtbot, station):
    """No timer polls the database: each batch the county acknowledges commits, and the status bar hears it."""
    from helpers.records import consultation

    for i in range(2 * BATCH_SIZE + 50):  # three batches
        station.store.save("consultation", consultation(question=f"第{i}个问题"), user="李芳")
    waiting = station.store.pending_changes()
    assert waiting > 2 * BATCH_SIZE and window.pending_label.text() == waiting_text(waiting)  # each save told it
    shown: list[str] = []  # the status bar's count after each change it heard of
    window.workstation.changes.changed.connect(lambda _topics: shown.append(window.pending_label.text()))
    window.sync.sync_now()
    qtbot.waitUntil(lambda: not window.sync.is_running(), timeout=30000)
    assert window.pending_label.text() == waiting_text(0) and shown[-1] == waiting_text(0)
    # Seen going down while the round ran; notifications coalesce, so which batches show depends on timing.
    counts = [next(n for n in range(waiting + 1) if text == waiting_text(n)) for text in shown]
    assert counts == sorted(counts, reverse=True) and any(0 < n < waiting for n in counts), shown


def test_a_busy_county_is_a_wait_not_a_failure(enrolled, county, window, qtbot, station):
    """Issue 17: a county that stays busy past the station's patience ends the round quietly; what waits is kept
    and the next round sends it."""
    save_application(window, qtbot)
    waiting = station.store.pending_changes()
    admission = county.server.config.app.state.admission
    admission.least, admission.most = 0, 0  # every batch is answered "busy, come back in N s"
    waits: list[float] = []
    window.sync.engine_options = {"sleep": waits.append}  # the waits it is told, counted instead of slept
    press_sync(window, qtbot)
    assert waits and window.sync.last_result.error_code == "busy"
    text, whole = window.sync_label.text(), window.sync_label.toolTip()
    assert text.startswith("县里服务器繁忙，稍后自动重试") and whole.startswith("县里服务器繁忙，稍后自动重试")
    assert not window.sync.problem  # no warning: nothing is wrong at this station
    assert window.pending_label.text() == waiting_text(waiting)
    admission.least, admission.most = 2, 32
    press_sync(window, qtbot)
    assert window.sync.last_result.complete and window.pending_label.text() == waiting_text(0)
    window.sync.engine_options = {}
