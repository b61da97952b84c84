"""设置 → 县中心服务器 as a clerk uses it, against the real county (its server on loopback, its CLI for what the
county center does by hand): the station code locks once the county certified it, enrollment by USB stick
for a station that never has a network, one clear sentence when an enrollment fails, and a revoked
station said to be revoked (with when) in settings and the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

from desktop.ui.main_window import MainWindow
from desktop.ui.sync_controller import revoked_text
from sync.server.__main__ import main as server_cli
from sync.state import is_enrolled, revoked_at
from helpers.language import english_words
from helpers.records import application

from .clerk import fresh_rows, type_text
from .test_bundle_menu import county_import, dialogs, file_action, run  # noqa: F401 - `dialogs` is a fixture
from .test_status_bar import at_width
from .test_sync_progress import unsent
from .test_sync_ui import enroll_in_settings, press_sync, wait_round

CLERK = "李芳"


def tr(source: str, context: str = "CountyServerBox") -> str:
    return QCoreApplication.translate(context, source)


def open_settings(window, qtbot):
    page = window.settings_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(page.isVisible)
    return page


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_shots(window, qtbot, tmp_path: Path, name: str) -> None:
    """The window at 1366 and 1117 pixels wide (LEGALAID_SCREENSHOTS: a folder to look at them in)."""
    import os

    folder = Path(os.environ.get("LEGALAID_SCREENSHOTS") or tmp_path)
    for width in (1366, 1117):
        at_width(window, qtbot, width)
        assert window.grab().save(str(folder / f"{name}_{width}.png"))


# -- 1. the station code is fixed once the county certified it ---------------------------------------------


def test_a_locked_station_code_looks_locked_and_says_why(window, qtbot, station, tmp_path):
    def inside(edit):  # the colour inside the box, right of its text (its border shows focus)
        image = edit.grab().toImage()
        return image.pixelColor(image.width() - 8, image.height() // 2)

    page = open_settings(window, qtbot)
    code, lock = page.details.station_code, page.details.station_code_lock
    editable = inside(page.details.station_name)
    assert not code.isReadOnly() and not lock.isVisible() and inside(code) == editable
    station.store.save("application", application(), user=CLERK)  # its number carries the code
    page.refresh_enrollment()
    why = tr("The station code is part of every application number and can no longer change.", "StationDetails")
    assert code.isReadOnly() and lock.isVisible() and lock.text() == "已锁定"
    assert code.toolTip() == lock.toolTip() == why == page.details.intro.text()
    assert inside(code) != editable  # grey, as a voided record's fields
    assert code.focusPolicy() == Qt.FocusPolicy.ClickFocus  # Tab passes it by; the code can still be copied
    page.details.station_phone.setText("12345")
    assert not page.save()  # a problem elsewhere keeps the code looking locked
    assert inside(code) != editable and code.toolTip() == why
    assert window.grab().save(str(tmp_path / "settings_locked.png"))


def test_the_station_code_locks_as_soon_as_the_station_is_enrolled(window, qtbot, county, station):
    page = open_settings(window, qtbot)
    assert station.db.execute("SELECT count(*) FROM applications").fetchone()[0] == 0  # no number carries it yet
    assert not page.details.station_code.isReadOnly() and page.details.intro.text() == ""

    # an unsaved new code is not what the county would certify: enrolling asks to save first
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    retype(qtbot, page.details.station_code, "HS09")
    page.county.server_url.setText(county.url)
    type_text(qtbot, page.county.enrollment_code, code)
    type_text(qtbot, page.county.root_fingerprint, county.fingerprint.replace(" ", "").lower())  # typed without spaces
    click(qtbot, page.county.enroll_button)
    assert page.county.enrollment_status.text() == tr("Save this station's details first, then enroll.")
    assert not is_enrolled(station.db)

    retype(qtbot, page.details.station_code, "TS01")
    click(qtbot, page.county.enroll_button)
    qtbot.waitUntil(lambda: page.county.enroll_button.isEnabled() and is_enrolled(station.db), timeout=10000)
    wait_round(window, qtbot)  # the first round an enrollment starts
    assert page.details.station_code.isReadOnly()
    assert page.details.intro.text() == tr("The county certified this station under code %1 when it enrolled it; the code "
                                   "can no longer change.", "StationDetails").replace("%1", "TS01")

    page.details.station_code.setFocus()
    page.details.station_code.end(False)
    type_text(qtbot, page.details.station_code, "X")  # the clerk tries anyway
    assert page.details.station_code.text() == "TS01"
    retype(qtbot, page.details.station_name, "测试镇法律援助工作站（新址）")
    click(qtbot, page.save_button)
    assert station.settings.station_code == "TS01"
    assert station.settings.station_name == "测试镇法律援助工作站（新址）"  # the other fields still save

    again = MainWindow(window.workstation)  # the next start: still locked, still saying why
    qtbot.addWidget(again)
    assert again.settings_page.details.station_code.isReadOnly()
    assert again.settings_page.details.intro.text() == page.details.intro.text()
    press_sync(window, qtbot)
    assert window.sync.last_result.error is None  # the county still takes this station's changes


# -- 2. enrollment by USB stick: no network, ever -----------------------------------------------------------


def test_a_station_without_any_network_enrolls_by_usb_and_exports_a_bundle(window, qtbot, county, station,
                                                                            dialogs, message_boxes, tmp_path):  # noqa: F811
    county.stop()  # no network at all: the county center only runs its command line
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    usb = tmp_path / "U盘"
    usb.mkdir()
    page = open_settings(window, qtbot)
    assert page.county.server_url.text() == "" and window.sync_label.text() == tr("Not enrolled with the county", "SyncLine")

    click(qtbot, page.county.export_request_button)  # no code typed yet: said where the clerk looks
    assert page.county.enrollment_status.text() == tr("Enter the enrollment code the county gave you, then export the "
                                               "request.")
    assert dialogs.asked == []

    type_text(qtbot, page.county.enrollment_code, code)
    request = usb / "TS01.enroll"
    dialogs.answers.append(str(request))
    click(qtbot, page.county.export_request_button)
    [asked] = dialogs.asked
    assert asked["save"] and Path(asked["files"][0]).name == "TS01.enroll"  # the name the README uses
    assert request.is_file()
    assert page.county.enrollment_status.text().startswith(
        tr("Enrollment request written to %1. Take it to the county center; bring back the answer file it gives "
           "you and import it here.").replace("%1", str(request)))

    answer = usb / "TS01.answer"  # at the county: python -m sync.server station enroll-file
    assert server_cli(["station", "enroll-file", str(request), "--reply", str(answer),
                       "--data-dir", str(county.data_dir)]) == 0

    dialogs.answers.append(str(answer))
    click(qtbot, page.county.import_answer_button)
    asked = dialogs.asked[-1]
    assert not asked["save"] and asked["folder"] == str(usb)  # the stick's folder, remembered
    assert is_enrolled(station.db)
    assert page.county.enrollment_status.text().startswith(
        QCoreApplication.translate("CountyServerBox", "Enrolled as station %1 %2.")
        .replace("%1", "TS01").replace("%2", "测试镇法律援助工作站"))
    assert page.county.enrolled_server.text() == tr("The county (by USB; no server address)")
    assert page.county.county_fingerprint.text() == county.fingerprint
    assert page.details.station_code.isReadOnly()
    assert page.county.enrollment_code.text() == ""
    # enrolled, with no server: no round that could only say "no server address", now or from the timer
    assert window.sync.last_result is None and not window.sync.is_running()
    window.sync.on_timer()
    assert not window.sync.is_running()
    assert window.sync_label.text() == tr("Not synced yet", "SyncLine")  # no longer "not enrolled"
    save_shots(window, qtbot, tmp_path, "settings_enrolled_by_usb")

    # and now the USB exchange works: 文件 → 导出同步数据包到U盘…
    saved = station.store.save("application", application(), user=CLERK)
    changes = unsent(station)
    bundle = usb / "TS01-1.bundle"
    dialogs.answers.append(str(bundle))
    run(window, qtbot, file_action(window, "action_export_bundle"))
    title, text = message_boxes.shown[-1]
    assert title == tr("Export sync bundle", "BundleExchange")
    assert text.startswith(tr("Exported %1 change(s) and %2 material file(s) (%3 MB) to %4.", "BundleExchange")
                           .replace("%1", str(changes)).replace("%2", "0").replace("%3", "0.0")
                           .replace("%4", str(bundle)))
    reply = usb / "TS01-1.reply"
    county_import(county, bundle, reply)
    assert saved.number in {r["number"] for r in county.store.records("TS01") if r["record_type"] == "application"}
    dialogs.answers.append(str(reply))
    run(window, qtbot, file_action(window, "action_import_bundle"))
    assert unsent(station) == 0


def test_usb_enrollment_problems_are_said_at_the_place(window, qtbot, county, station, dialogs, tmp_path):  # noqa: F811
    page = open_settings(window, qtbot)
    other = county.store.add_station("HS02", "河山镇法律援助工作站", "河山镇", "township")
    type_text(qtbot, page.county.enrollment_code, other)

    not_a_folder = tmp_path / "E"
    not_a_folder.write_text("a file where the stick's folder should be")
    dialogs.answers.append(str(not_a_folder / "TS01.enroll"))
    click(qtbot, page.county.export_request_button)
    assert page.county.enrollment_status.text().startswith(tr("Cannot write %1: %2").split("%1")[0])
    assert str(not_a_folder) in page.county.enrollment_status.text()
    said = page.county.enrollment_status.text()
    assert english_words(said, {str(not_a_folder / "TS01.enroll")}) == [], said  # not the system's "Not a directory"

    request, answer = tmp_path / "TS01.enroll", tmp_path / "TS01.answer"
    dialogs.answers.append(str(request))
    click(qtbot, page.county.export_request_button)
    dialogs.answers.append(str(request))  # the request itself is not the county's answer
    click(qtbot, page.county.import_answer_button)
    assert page.county.enrollment_status.text() == "TS01.enroll 不是县中心的注册答复文件。"

    # the code typed was HS02's: the county refuses TS01's request and changes nothing (HS02 still waits)
    assert server_cli(["station", "enroll-file", str(request), "--reply", str(answer),
                       "--data-dir", str(county.data_dir)]) == 1
    assert not answer.exists()
    assert [(s["code"], s["enrolled_at"]) for s in county.store.list_stations()] == [("HS02", None)]
    assert not is_enrolled(station.db) and page.county.county_fingerprint.text() == "-"
    assert not page.details.station_code.isReadOnly()

    dialogs.answers.append(None)  # cancelled: nothing changes
    before = page.county.enrollment_status.text()
    click(qtbot, page.county.import_answer_button)
    assert page.county.enrollment_status.text() == before


# -- 3. a refused enrollment: one sentence ------------------------------------------------------------------


def test_a_failed_enrollment_is_one_clear_sentence(window, qtbot, county):
    page = open_settings(window, qtbot)
    county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    enroll_in_settings(window, qtbot, county, "AAAA-BBBB-CCCC-DDDD")
    refused = page.county.enrollment_status.text()
    assert refused == tr("The county did not accept this enrollment code: it is wrong or has been used already. "
                         "Ask the county for a new code.")
    assert "注册失败" not in refused and "：注册" not in refused  # not "注册未完成：注册失败：…"
    assert page.county.enrollment_status.styleSheet()  # shown as a problem

    county.stop()
    enroll_in_settings(window, qtbot, county, "AAAA-BBBB-CCCC-DDDD")
    assert page.county.enrollment_status.text() == tr(
        "Not enrolled: the county server cannot be reached. Check the network and the server address, or enroll "
        "with a USB stick below.")
    assert not window.sync.is_running()


# -- 4. revocation ------------------------------------------------------------------------------------------


def test_a_revoked_station_says_so_with_when_in_settings_and_the_status_bar(enrolled, county, window, qtbot, station,
                                                                              dialogs, message_boxes, tmp_path):  # noqa: F811
    page = open_settings(window, qtbot)
    assert page.county.enrolled_server.text() == county.url
    assert server_cli(["station", "revoke", "TS01", "--data-dir", str(county.data_dir)]) == 0
    press_sync(window, qtbot)
    when = revoked_at(station.db)
    assert when is not None and window.sync.last_result.error_code == "revoked"

    said = revoked_text(when)
    assert when[:16].replace("T", " ") in said
    assert page.county.enrolled_server.text() == said  # not "enrolled with http://…"
    assert page.county.enrolled_server.styleSheet() and page.county.enrolled_server.toolTip()
    assert window.sync_label.text() == said
    assert window.sync_label.toolTip() == window.sync.problem_text("revoked", None)
    save_shots(window, qtbot, tmp_path, "settings_revoked")

    again = MainWindow(window.workstation)  # the next start, before any round: still said
    qtbot.addWidget(again)
    again.show()
    assert again.sync_label.text() == said and open_settings(again, qtbot).county.enrolled_server.text() == said

    station.store.save("application", application(), user=CLERK)
    target = tmp_path / "TS01.bundle"
    dialogs.answers.append(str(target))
    run(window, qtbot, file_action(window, "action_export_bundle"))
    title, text = message_boxes.shown[-1]
    assert title == tr("Export sync bundle", "BundleExchange") and "已被县中心撤销" in text
    assert not target.exists()
    assert fresh_rows(station, "SELECT count(*) FROM outbox WHERE acked_at IS NULL")[0][0] > 0  # nothing lost

