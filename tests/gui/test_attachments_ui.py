"""Adding materials to a record through the real widgets: file, paste, scanner inbox; seeing and checking them."""

from __future__ import annotations


import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox

from .clerk import fill_civil_application, fresh_rows, resident_id


def jpeg_file(path, color=(200, 30, 30), size=(600, 400)):
    Image.new("RGB", size, color).save(path, "JPEG")
    return path


def wait_for_items(qtbot, panel, count):
    qtbot.waitUntil(lambda: panel.list.count() == count and not panel.is_busy(), timeout=5000)


def test_new_record_cannot_take_materials_until_saved(window):
    window._new_in(window.applications)
    panel = window.applications.editor.attachments
    assert not panel.add_button.isEnabled()
    assert panel.hint.text()


def test_file_goes_to_the_chosen_slot_with_thumbnail_and_ticks_the_checklist(saved_application, qtbot, tmp_path, station):
    editor = saved_application.editor
    panel = editor.attachments
    panel.slot.setCurrentIndex(panel.slot.findData("hardship_proof"))
    panel.add_files([jpeg_file(tmp_path / "低保证明.jpg")])
    wait_for_items(qtbot, panel, 1)
    item = panel.list.item(0)
    attachment = item.data(Qt.ItemDataRole.UserRole)
    assert attachment.slot == "hardship_proof" and attachment.original_name == "低保证明.jpg"
    assert "低保证明.jpg" in item.text()
    qtbot.waitUntil(lambda: not item.icon().pixmap(120, 120).toImage().pixelColor(60, 60).name() == "#ececec",
                    timeout=5000)  # the thumbnail replaced the blank picture
    form = saved_application.form
    assert form.editors["materials"].widget.findChild(QCheckBox, "materials.hardship_proof").isChecked()
    assert not form.is_dirty() and form.record.version == 2  # the checklist follows at once, as a new version
    assert "hardship_proof" in form.record.data["materials"]
    rows = fresh_rows(station, "SELECT slot, signature IS NOT NULL FROM attachments")
    assert rows == [("hardship_proof", 1)]
    qtbot.waitUntil(lambda: attachment.id in panel.verifications, timeout=5000)
    assert panel.verifications[attachment.id].ok


def test_refused_file_is_explained_and_nothing_is_recorded(saved_application, qtbot, tmp_path, station):
    panel = saved_application.editor.attachments
    fake = tmp_path / "合同.pdf"
    fake.write_bytes(b"this is not a pdf at all")
    empty = tmp_path / "空.jpg"
    empty.write_bytes(b"")
    panel.add_files([fake])
    qtbot.waitUntil(lambda: panel.problem.isVisibleTo(panel) and not panel.is_busy(), timeout=5000)
    assert "合同.pdf" in panel.problem.text()
    panel.add_files([empty])
    qtbot.waitUntil(lambda: "空.jpg" in panel.problem.text() and not panel.is_busy(), timeout=5000)
    assert panel.list.count() == 0
    assert fresh_rows(station, "SELECT count(*) FROM attachments") == [(0,)]


def test_pasted_picture_is_attached(saved_application, qtbot):
    panel = saved_application.editor.attachments
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.blue)
    QApplication.clipboard().setImage(image)
    panel.paste_image()
    wait_for_items(qtbot, panel, 1)
    assert panel.list.item(0).data(Qt.ItemDataRole.UserRole).media_type == "image/png"


def test_scanner_inbox_offers_new_scans_and_moves_them_when_attached(window, saved_application, qtbot, tmp_path):
    scans = tmp_path / "scans"
    scans.mkdir()
    settings_page = window.settings_page
    settings_page.details.scanner_folder.setText(str(scans))
    assert settings_page.save(), settings_page.errors.text()
    panel = saved_application.editor.attachments
    jpeg_file(scans / "scan0001.jpg")
    qtbot.waitUntil(lambda: window.inbox.files() != [], timeout=5000)
    assert panel.inbox_button.isVisibleTo(panel) and "1" in panel.inbox_button.text()
    panel.take_from_inbox(window.inbox.files())
    wait_for_items(qtbot, panel, 1)
    qtbot.waitUntil(lambda: window.inbox.files() == [], timeout=5000)
    assert (scans / "已导入" / "scan0001.jpg").exists() and not (scans / "scan0001.jpg").exists()


@pytest.mark.qt_log_ignore("Corrupt JPEG data.*")  # the tampered scan's thumbnail, as expected
def test_tampered_file_is_shown_in_red_with_an_explanation(saved_application, qtbot, tmp_path, services):
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "身份证.jpg")])
    wait_for_items(qtbot, panel, 1)
    attachment = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    stored = services.attachments.path_of(attachment)
    stored.chmod(0o644)
    data = bytearray(stored.read_bytes())
    data[-10] ^= 0x01
    stored.write_bytes(bytes(data))
    panel.refresh()  # the check of the file as added may still run: its "ok" is not what the panel ends with
    qtbot.waitUntil(lambda: attachment.id in panel.verifications
                    and panel.verifications[attachment.id].status == "tampered", timeout=5000)
    assert panel.problem.isVisibleTo(panel) and "身份证.jpg" in panel.problem.text()
    preview = panel.preview(panel.list.item(0).data(Qt.ItemDataRole.UserRole))
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.verification is not None, timeout=5000)  # checked on a worker
    assert "身份证.jpg" in preview.status.text()


@pytest.mark.usefixtures("synchronous_tasks")  # every task of the test runs inline
def test_check_all_materials_reports(window, saved_application, qtbot, tmp_path, message_boxes):
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "a.jpg"), jpeg_file(tmp_path / "b.jpg", color=(0, 90, 0))])
    wait_for_items(qtbot, panel, 2)
    run = window.verify_all()
    assert [r.status for r in run.results] == ["ok", "ok"]
    assert message_boxes.shown and "2" in message_boxes.shown[-1][1]


def test_voided_material_leaves_the_list(saved_application, qtbot, tmp_path, message_boxes, station):
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "错的.jpg")])
    wait_for_items(qtbot, panel, 1)
    message_boxes.answers.append("上传错了")
    panel.void(panel.list.item(0).data(Qt.ItemDataRole.UserRole))
    assert panel.list.count() == 0
    assert fresh_rows(station, "SELECT voided, void_reason FROM attachments") == [(1, "上传错了")]


def test_pdf_thumbnail_and_preview(saved_application, qtbot, tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "判决书.pdf"
    page = canvas.Canvas(str(pdf))
    page.drawString(100, 700, "Judgment")
    page.save()
    panel = saved_application.editor.attachments
    panel.add_files([pdf])
    wait_for_items(qtbot, panel, 1)
    preview = panel.preview(panel.list.item(0).data(Qt.ItemDataRole.UserRole))
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.verification is not None, timeout=5000)
    assert preview.verification.ok and preview.findChild(object, "pdf_view") is not None


def test_a_scan_goes_to_the_record_it_was_added_to_even_if_another_opens(window, qtbot, tmp_path, station):
    workspace = window.applications
    form = workspace.form
    window._new_in(workspace)
    fill_civil_application(qtbot, form, name="甲某")
    first = form.save()
    panel = workspace.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "甲的证明.jpg")])
    window._new_in(workspace)  # the clerk moves on before the copy finishes
    fill_civil_application(qtbot, form, name="乙某", id_number=resident_id("44052419850315006"))
    second = form.save()
    assert second is not None
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=5000)
    rows = fresh_rows(station, "SELECT record_id, original_name FROM attachments")
    assert rows == [(first.id, "甲的证明.jpg")]
    assert panel.list.count() == 0  # not shown on the second record


@pytest.mark.usefixtures("synchronous_tasks")  # every task of the test runs inline
def test_check_all_names_the_record_of_each_problem(window, saved_application, qtbot, tmp_path, services,
                                                    message_boxes):
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "c.jpg")])
    wait_for_items(qtbot, panel, 1)
    attachment = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    services.attachments.path_of(attachment).chmod(0o644)
    services.attachments.path_of(attachment).unlink()
    window.verify_all()
    assert saved_application.form.record.number in message_boxes.details[-1]
    assert "c.jpg" in message_boxes.details[-1]


def test_a_refusal_for_the_record_opened_before_is_told_in_a_box_not_on_the_next_record(
        saved_application, qtbot, tmp_path, station, message_boxes):
    """The clerk drops a file that will be refused, then opens another record before the refusal comes back: the
    next record's panel shows no problem of a file it never took, and the clerk is still told."""
    from helpers.records import application
    from helpers.records import resident_id as an_id_number

    panel = saved_application.editor.attachments
    other = station.store.save("application", application(name="李四", id_number=an_id_number(sequence="377")),
                               user="李芳")
    fake = tmp_path / "合同.pdf"
    fake.write_bytes(b"this is not a pdf at all")
    panel.add_files([fake])
    panel.set_record(other.id)  # before the worker's answer reaches the window
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=5000)
    assert not panel.problem.isVisibleTo(panel) and panel.list.count() == 0
    [(title, text)] = message_boxes.shown
    assert title == "材料未添加" and "合同.pdf" in text
    assert panel.hint.text() == panel._hint()  # not "Adding..." any more, and what the record allows


def test_a_slow_checks_ok_does_not_replace_a_later_checks_tampered_on_the_panel(saved_application, qtbot, tmp_path,
                                                                                services):
    """A slow check of the panel reads the file intact; meanwhile the file is altered and another check (a preview,
    核查全部材料) records it as tampered, which the panel shows. The slow check's "ok" then arrives: it stays red."""
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "身份证.jpg")])
    wait_for_items(qtbot, panel, 1)
    attachment = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    qtbot.waitUntil(lambda: attachment.id in panel.verifications, timeout=5000)
    attachments, hash_of, later = services.attachments, services.attachments._hash, []

    def read_then_a_later_check(sha256):
        found = hash_of(sha256)  # intact when the slow check read it
        if not later:
            later.append(None)
            stored = attachments.path_of(attachment)
            stored.chmod(0o644)
            stored.write_bytes(stored.read_bytes() + b"x")
            later[0] = attachments.verify(attachment)  # began later, recorded first
        return found

    attachments._hash = read_then_a_later_check
    slow = attachments.verify(attachment)
    attachments._hash = hash_of
    assert slow.status == "ok" and later[0].status == "tampered"
    qtbot.waitUntil(lambda: panel.verifications[attachment.id].status == "tampered", timeout=5000)  # told of it
    panel._show_verifications([slow], panel._shown_list)  # the slow check's answer arrives now
    assert panel.verifications[attachment.id].status == "tampered" and panel.problem.isVisibleTo(panel)


def test_a_file_chosen_again_while_it_is_added_is_added_once(saved_application, qtbot, tmp_path, station):
    """A large scan takes seconds on the write lane; the clerk picks it again from the scanner inbox's menu (or
    presses 全部添加 twice): it is attached once."""
    panel = saved_application.editor.attachments
    scan = jpeg_file(tmp_path / "scan0001.jpg")
    panel.add_files([scan])
    panel.add_files([scan, jpeg_file(tmp_path / "scan0002.jpg", color=(30, 200, 30))])  # before the first is in
    wait_for_items(qtbot, panel, 2)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=5000)
    assert fresh_rows(station, "SELECT original_name FROM attachments ORDER BY original_name") == [
        ("scan0001.jpg",), ("scan0002.jpg",)]
