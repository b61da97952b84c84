"""End to end, as a clerk and the county center do it (issue #5): an application with its materials recorded in
the window, sent to the real county server (over the network, then by USB bundle), decided at the county with
its command line, and the decisions and the assigned lawyer seen back in the window.

Only widgets act at the station (keys, typing, clicks, the File menu, the attachments panel); the database
and the county's store are read to check. Chinese is what the clerk sees: the assertions use the zh_CN words.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from desktop.ui.county_page import CountyEventsModel
from sync.events import unseen_count
from sync.server.__main__ import main as server_cli
from sync.server.files import COMPLETE

from .clerk import fill_civil_application, fresh_rows, type_text
from .test_bundle_menu import dialogs, file_action, run  # noqa: F401 - `dialogs` is a fixture
from .test_sync_ui import wait_round
from helpers.accounts import provided

APPLICANT = "赵六"
ROSTER = ("编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话\r\n"
          "L001,赵大明,律师,青山律师事务所,5,是,13812345678\r\n"
          "L002,钱小红,律师,青山律师事务所,2,否,0376-6123456\r\n")
NOTHING_WAITING = "待同步：0 条记录"


# -- the clerk's hands ------------------------------------------------------------------------------------------


def go_to(window, qtbot, page) -> None:
    """Click the page's item in the navigation on the left."""
    item = window.navigation.item(window.pages.indexOf(page))
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(page.isVisible)


def county_nav_text(window) -> str:
    return window.navigation.item(window.pages.indexOf(window.county_page)).text()


def big_jpeg(path: Path) -> Path:
    """A photographed 身份证 as a phone makes it: noise does not compress, so ~1 MB."""
    import random

    rng = random.Random(5)
    image = Image.frombytes("RGB", (900, 700), bytes(rng.getrandbits(8) for _ in range(900 * 700 * 3)))
    image.save(path, "JPEG", quality=92)
    assert path.stat().st_size > 500_000
    return path


def small_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.drawString(100, 700, "Certificate of hardship, Ceshi township")
    page.save()
    return path


def record_application_with_materials(window, qtbot, tmp_path):
    """Ctrl+2, the form typed in, Ctrl+S, then two materials into their checklist slots."""
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 新建申请
    workspace = window.applications
    assert window.pages.currentWidget() is workspace and workspace.editing()
    form = workspace.form
    assert form.editors["name"].widget.hasFocus()
    fill_civil_application(qtbot, form, name=APPLICANT)
    qtbot.keyClick(form.editors["facts"].widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.record is not None and not form.is_dirty(), form.status.text()
    number = form.record.data["number"]
    assert re.fullmatch(r"TS01-\d{4}-\d{5}", number), number

    panel = workspace.editor.attachments
    assert workspace.editor.side_tabs.currentWidget() is panel  # 材料, beside the form
    scans = tmp_path / "scans"
    scans.mkdir()
    photo, proof = big_jpeg(scans / "身份证.jpg"), small_pdf(scans / "低保证明.pdf")
    for path, slot in ((photo, "id_copy"), (proof, "hardship_proof")):
        panel.slot.setCurrentIndex(panel.slot.findData(slot))  # 材料类别, as chosen in the box
        count = panel.list.count()
        panel.add_files([path])
        qtbot.waitUntil(lambda c=count: panel.list.count() == c + 1 and not panel.is_busy(), timeout=5000)
    assert [panel.list.item(i).text() for i in range(2)] == ["身份证明\n身份证.jpg", "经济困难证明\n低保证明.pdf"]
    checklist = form.editors["materials"].widget
    for slot in ("id_copy", "hardship_proof"):
        assert checklist.findChild(QCheckBox, f"materials.{slot}").isChecked(), slot
    assert not checklist.findChild(QCheckBox, "materials.signed_form").isChecked()
    assert not form.is_dirty() and form.record.version == 3  # each ticked slot is a new saved version
    files = {path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size)
             for path in (photo, proof)}
    return form.record.id, number, files


def assert_files_at_the_county(county, files) -> None:
    for name, (sha, size) in files.items():
        assert county.store.files.state("TS01", sha).status == COMPLETE, name
        with county.store.files.open(sha) as held:  # sealed at rest: read through the county's key
            plain = held.read()
        assert len(plain) == size and hashlib.sha256(plain).hexdigest() == sha, name


def county_cli(county, *args: str) -> None:
    assert server_cli([*args, "--data-dir", str(county.data_dir)]) == 0, args


def county_record_numbers(county) -> set[str]:
    return {r["number"] for r in county.store.records("TS01") if r["record_type"] == "application"}


def decisions_shown(page) -> list[tuple[str, str, str, str, bool]]:
    """The 县中心 page's rows: (新, number, applicant, decision, bold)."""
    model, m = page.model, CountyEventsModel
    shown = []
    for r in range(model.rowCount()):
        font = model.index(r, m.DECISION).data(Qt.ItemDataRole.FontRole)
        shown.append((model.index(r, m.NEW).data(), model.index(r, m.NUMBER).data(),
                      model.index(r, m.APPLICANT).data(), model.index(r, m.DECISION).data(),
                      bool(font is not None and font.bold())))
    return shown


def see_the_decisions(window, qtbot, station, app_id, number, assignment: str, grant_note: str, shot: Path) -> None:
    """What the clerk sees once the county's three decisions are in: count, bold rows, open, the 县中心 tab."""
    assert county_nav_text(window) == "县中心 (3)"
    assert window.pending_label.text() == NOTHING_WAITING  # no records, no materials waiting
    editor = window.applications.editor
    assert editor.side_tabs.currentWidget() is editor.attachments  # the decisions are not on screen yet
    assert unseen_count(station.db) == 3

    go_to(window, qtbot, window.county_page)
    page = window.county_page
    assert page.tabs.tabText(0) == "县中心决定（3 条未读）"
    assert page.mark_all_button.isEnabled()
    shown = decisions_shown(page)
    assert [(new, no, who, bold) for new, no, who, _text, bold in shown] == [("新", number, APPLICANT, True)] * 3
    # each decision names the documents the county issued with it (printed as issued at the station)
    issued_with_assignment, issued_with_grant = "已出具：指派通知书（第1号）、法律援助公函（第1号）", "已出具：给予法律援助决定书（第1号）"
    assert [text for *_, text, _bold in shown] == [f"{assignment} · {issued_with_assignment}",
                                                   f"决定给予法律援助 · {issued_with_grant} · {grant_note}", "县中心已受理"]
    assert window.grab().save(f"{shot}_county_page.png")

    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, CountyEventsModel.DECISION))  # the assignment, on top
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.applications
    assert window.applications.editing() and window.applications.form.record.id == app_id
    assert county_nav_text(window) == "县中心" and unseen_count(station.db) == 0
    assert fresh_rows(station, "SELECT count(*) FROM county_events WHERE seen_at IS NULL") == [(0,)]

    tabs = editor.side_tabs
    tab = tabs.indexOf(editor.county_tab)
    assert tabs.tabText(tab) == "县中心"
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(tab).center())
    assert tabs.currentWidget() is editor.county_tab and editor.county_tab.isVisible()
    assert editor.county_status.text() == "县中心状态：已指派"
    events = [editor.county_events.item(i).text().split(" · ", 1)[1] for i in range(editor.county_events.count())]
    assert events == [f"{assignment}\n{issued_with_assignment}", f"决定给予法律援助\n{issued_with_grant}\n{grant_note}",
                      "县中心已受理"]
    assert window.grab().save(f"{shot}_application_tab.png")

    assert fresh_rows(station, "SELECT status FROM applications WHERE id = ?", (app_id,)) == [("assigned",)]
    window.applications.show_list()  # the list says it too
    model = window.applications.list_page.model
    assert model.index(0, model.columns().index("status")).data() == "已指派"


# -- over the network -------------------------------------------------------------------------------------------


def test_network_record_sync_decide_at_the_county_and_see_the_assignment(window, qtbot, county, station, tmp_path,
                                                                         capsys):
    # the county registers the station and prints its one-time code; the installer types it in 设置
    county_cli(county, "station", "add", "TS01", "--name", "测试镇法律援助工作站", "--township", "测试镇")
    code = capsys.readouterr().out.strip().splitlines()[-1]
    settings = window.settings_page
    go_to(window, qtbot, settings)
    settings.county.server_url.setFocus()
    settings.county.server_url.selectAll()
    type_text(qtbot, settings.county.server_url, county.url)
    settings.county.enrollment_code.setFocus()
    type_text(qtbot, settings.county.enrollment_code, code)
    type_text(qtbot, settings.county.root_fingerprint, county.fingerprint)  # from the enrollment sheet
    qtbot.mouseClick(settings.county.enroll_button, Qt.MouseButton.LeftButton)  # 注册
    qtbot.waitUntil(lambda: settings.county.enroll_button.isEnabled(), timeout=10000)
    assert settings.county.enrollment_status.text().startswith("已注册为工作站 TS01"), settings.county.enrollment_status.text()
    assert settings.county.enrolled_server.text() == county.url
    wait_round(window, qtbot)  # enrolling starts a first round by itself
    assert window.sync.last_result is not None and window.sync.last_result.error is None

    app_id, number, files = record_application_with_materials(window, qtbot, tmp_path)
    megabytes = sum(size for _sha, size in files.values()) / (1024 * 1024)
    waiting = window.pending_label.text()
    assert re.fullmatch(rf"待同步：\d+ 条记录，2 个材料（{megabytes:.1f} MB）", waiting), waiting

    assert window.sync_button.text() == "同步" and window.sync_button.isEnabled()
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    wait_round(window, qtbot)
    result = window.sync.last_result
    assert result.error is None and result.complete and result.files_sent == 2
    assert window.pending_label.text() == NOTHING_WAITING
    assert window.sync_label.text().startswith("已于 ") and "已上传 2 个材料文件" in window.sync_label.toolTip()
    assert sorted(fresh_rows(station, "SELECT sha256 FROM file_uploads")) == sorted((s,) for s, _ in files.values())

    # at the county: the application and both files, whole; then the decisions, through its command line
    assert number in county_record_numbers(county)
    assert_files_at_the_county(county, files)
    county_cli(county, "decide", "accept", number)
    county_cli(county, "decide", "grant", number, "--note", "符合经济困难标准")
    roster = tmp_path / "名册.csv"
    roster.write_bytes(ROSTER.encode("utf-8"))
    county_cli(county, "roster", "import", str(roster))
    county_cli(county, "decide", "assign", number, "--lawyer", "L001")

    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    wait_round(window, qtbot)
    assert window.sync.last_result.events == 3
    assert "收到县中心新决定 3 条" in window.sync_label.text()
    see_the_decisions(window, qtbot, station, app_id, number,
                      "已指派给 赵大明（律师） · 青山律师事务所 · 执业 5 年 · 熟悉未成年人案件 · 13812345678",
                      "符合经济困难标准", tmp_path / "network")


# -- by USB stick -----------------------------------------------------------------------------------------------


def test_usb_bundles_carry_the_application_its_materials_and_the_countys_decisions(
        enrolled, county, window, qtbot, station, tmp_path, message_boxes, dialogs):  # noqa: F811
    app_id, number, files = record_application_with_materials(window, qtbot, tmp_path)
    changes = fresh_rows(station, "SELECT count(*) FROM outbox WHERE acked_at IS NULL")[0][0]
    usb = tmp_path / "U盘"
    usb.mkdir()
    bundle = usb / f"TS01-{date.today().isoformat()}.bundle"  # the name the dialog suggests

    # first trip: the station's bundle to the county, the county's reply back (acknowledgements, files held)
    dialogs.answers.append(str(bundle))
    export = file_action(window, "action_export_bundle")
    assert export.text() == "导出同步数据包到U盘…"
    run(window, qtbot, export)
    assert Path(dialogs.asked[-1]["files"][0]).name == bundle.name
    megabytes = sum(size for _sha, size in files.values()) / (1024 * 1024)
    assert message_boxes.shown[-1][1].startswith(
        f"已将 {changes} 条变更和 2 个材料文件（{megabytes:.1f} MB）导出到 {bundle}。")
    assert window.pending_label.text() != NOTHING_WAITING  # nothing counts as sent until the reply comes back

    first_reply = usb / "TS01-1.reply"
    county_cli(county, "import-bundle", str(bundle), "--reply", str(first_reply))
    assert number in county_record_numbers(county)
    assert_files_at_the_county(county, files)

    dialogs.answers.append(str(first_reply))
    importing = file_action(window, "action_import_bundle")
    assert importing.text() == "导入县中心回复包…"
    run(window, qtbot, importing)
    assert message_boxes.shown[-1][1].startswith(
        f"已导入县中心回复包：县中心确认 {changes} 条变更，收到县中心决定 0 条。"), message_boxes.shown[-1]
    assert window.pending_label.text() == NOTHING_WAITING
    assert sorted(fresh_rows(station, "SELECT sha256 FROM file_uploads")) == sorted((s,) for s, _ in files.values())
    assert county_nav_text(window) == "县中心"

    # the county decides in the days after
    county_cli(county, "decide", "accept", number)
    county_cli(county, "decide", "grant", number, "--note", "申请人系农民工，免予经济困难审查")
    from helpers.county import add_roster
    add_roster(county)  # L003 孙律师, 城关律师事务所, 8 years
    county_cli(county, "decide", "assign", number, "--lawyer", "L003")

    # second trip: nothing new to send, but the bundle carries the station's cursor; the reply brings the decisions
    dialogs.answers.append(str(bundle))
    run(window, qtbot, export)
    assert message_boxes.shown[-1][1].startswith(f"已将 0 条变更和 0 个材料文件（0.0 MB）导出到 {bundle}。")
    assert "县中心的新决定" in message_boxes.shown[-1][1]  # why an empty bundle is still worth carrying
    second_reply = usb / "TS01-2.reply"
    county_cli(county, "import-bundle", str(bundle), "--reply", str(second_reply))
    dialogs.answers.append(str(second_reply))
    run(window, qtbot, importing)
    assert message_boxes.shown[-1][1].startswith("已导入县中心回复包：县中心确认 0 条变更，收到县中心决定 3 条。")
    see_the_decisions(window, qtbot, station, app_id, number,
                      "已指派给 孙律师（律师） · 城关律师事务所 · 执业 8 年",
                      "申请人系农民工，免予经济困难审查", tmp_path / "usb")
    assert len(fresh_rows(station, "SELECT seq FROM county_events")) == 3  # each decision once
    assert window.sync_label.text().startswith("上次同步：")  # a USB exchange counts as a sync, not "not synced yet"


def test_a_new_laptop_recovers_the_station_from_the_county_through_the_file_menu(
        county, window, qtbot, station, services, tmp_path, message_boxes):  # noqa: F811
    """The old laptop recorded and synced, then was lost; the new one (this window) enrolls and recovers."""
    from desktop.services import open_services
    from desktop.ui.messages import Button
    from sync.enrollment import enroll
    from sync_tests.test_attachment_upload import attach
    from sync_tests.test_attachment_upload import engine as file_engine
    from tests.conftest import TEST_SETTINGS
    from helpers.records import application

    old = open_services(provided(tmp_path / "old-laptop"))
    old.station.update_settings(TEST_SETTINGS)
    enroll(old.station.db, old.key, old.document_key, county.url,
           county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township"), "TS01", county.fingerprint)
    saved = old.station.store.save("application", application(name="钱八", facts="丢失前登记的申请。"), user="李芳")
    scan = attach(old, tmp_path, 200_000, 71, record_id=saved.id)
    assert file_engine(old).sync_round().complete
    old.close()
    county.store.revoke_station("TS01", "笔记本丢失")
    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    enroll(station.db, services.key, services.document_key, county.url, code, "TS01", county.fingerprint)

    message_boxes.answers.append(Button.Yes)  # "Fetch every record ... into this laptop?"
    action = file_action(window, "action_recover")
    assert action.text() == "从县中心恢复本站数据…"
    action.trigger()
    qtbot.waitUntil(lambda: not window.bundles.busy(), timeout=20000)
    title, text = message_boxes.shown[-1]
    assert title == "从县中心恢复本站数据" and "1 条咨询和申请" in text and "1 个材料文件" in text, text
    window.applications.show_list()
    model = window.applications.list_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    window.applications.open_record(saved.id)
    assert window.applications.form.record.data["name"] == "钱八"
    assert services.vault.exists(scan.sha256)
    # and a second time: refused politely only if something is unsent; otherwise nothing doubles
    assert fresh_rows(station, "SELECT count(*) FROM applications") == [(1,)]
