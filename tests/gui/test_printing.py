"""Printing in the app: the receipt in one click, preview, "save as PDF", the case file, batches, errors.

Every dialog is answered through PrintDialogs' responders and every message through MessageBoxes;
the printer is a QPrinter writing a PDF file (QPrinter.OutputFormat.PdfFormat + setOutputFileName),
so a test gets, through the app's own print path, a file it can open and look at.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QProgressBar, QPushButton, QToolBar
from pypdf import PdfReader

from desktop.ui import print_pages, printing, printouts
from desktop.ui.print_dialogs import PrintDialogs
from forms.render import page_count
from forms.signing import verify_pdf
from tests.gui.clerk import fill_civil_application, resident_id

WAIT_MS = 60_000


@pytest.fixture(autouse=True)
def print_settings(tmp_path, monkeypatch):
    """Printer settings in a file of the test's own, and no responder left over from another test."""
    path = tmp_path / "printing.ini"
    monkeypatch.setattr(printing, "settings_factory", lambda: QSettings(str(path), QSettings.Format.IniFormat))
    monkeypatch.setattr(printing, "save_folder", lambda: tmp_path)
    yield path
    PrintDialogs.printer_responder = None
    PrintDialogs.preview_responder = None
    PrintDialogs.save_responder = None
    PrintDialogs.form_responder = None


class PrintToFile:
    """Answers the print dialog like a clerk choosing "print to PDF file"; keeps what the dialog offered."""

    def __init__(self, path: Path, paper: QPageSize.PageSizeId | None = None,
                 orientation: QPageLayout.Orientation | None = None):
        self.path = path
        self.paper = paper
        self.orientation = orientation
        self.offered: list[tuple[str, QPageLayout.Orientation]] = []

    def __call__(self, dialog) -> bool:
        printer: QPrinter = dialog.printer()
        layout = printer.pageLayout()
        self.offered.append((layout.pageSize().key(), layout.orientation()))
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.path))
        if self.paper is not None:
            printer.setPageSize(QPageSize(self.paper))
        if self.orientation is not None:
            printer.setPageOrientation(self.orientation)
        return True


def open_pdf(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_, path
    return document


def dark_pixels(document: QPdfDocument, page: int = 0, width: int = 620) -> int:
    """Pixels darker than mid-grey on page `page` rendered `width` pixels wide, on white paper."""
    points = document.pagePointSize(page)
    size = QSize(width, round(width * points.height() / points.width()))
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = b"".join(bytes(grey.constScanLine(y))[:width] for y in range(grey.height()))
    return len(data) - len(data.translate(None, bytes(range(128))))


def save_application(qtbot, window, name: str = "赵六"):
    window.new_application_action.trigger()
    form = window.applications.form
    fill_civil_application(qtbot, form, name=name)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.record is not None, form.status.text()
    return window.applications.editor


def press_cancel(job) -> None:
    """The clerk presses Cancel on the progress dialog."""
    job.progress.findChild(QPushButton).click()


def wait_idle(qtbot, job) -> None:
    qtbot.waitUntil(lambda: not job.is_busy(), timeout=WAIT_MS)


def test_receipt_is_one_click_after_saving_and_prints_through_the_print_path(qtbot, window, tmp_path,
                                                                            message_boxes):
    window.new_application_action.trigger()
    editor = window.applications.editor
    assert editor.receipt_button.isVisible()
    assert not editor.receipt_button.isEnabled()  # nothing saved yet
    editor = save_application(qtbot, window)
    assert editor.receipt_button.isEnabled()

    out = tmp_path / "receipt.pdf"
    PrintDialogs.printer_responder = PrintToFile(out)
    with qtbot.waitSignal(editor.printing.printed, timeout=WAIT_MS) as printed:
        qtbot.mouseClick(editor.receipt_button, Qt.MouseButton.LeftButton)
    assert printed.args[0] >= 1
    assert message_boxes.shown == []

    document = open_pdf(out)
    assert document.pageCount() == printed.args[0] >= 1
    assert dark_pixels(document) > 2000  # text, rules and the seal, not a blank sheet
    # drawn from a 300 dpi rendering of the A4 page, not at the printer's maximum (1200 dpi for PDF)
    image = PdfReader(str(out)).pages[0].images[0].image
    assert image.size == (2480, 3508)
    wait_idle(qtbot, editor.printing)


def test_the_last_printer_paper_and_orientation_are_offered_next_time(qtbot, window, tmp_path, print_settings):
    editor = save_application(qtbot, window)
    first = PrintToFile(tmp_path / "first.pdf", QPageSize.PageSizeId.A5, QPageLayout.Orientation.Landscape)
    PrintDialogs.printer_responder = first
    with qtbot.waitSignal(editor.printing.printed, timeout=WAIT_MS):
        editor.print_receipt()
    assert first.offered == [("A4", QPageLayout.Orientation.Portrait)]  # the first time: A4 portrait

    second = PrintToFile(tmp_path / "second.pdf")
    PrintDialogs.printer_responder = second
    with qtbot.waitSignal(editor.printing.printed, timeout=WAIT_MS):
        editor.print_receipt()
    assert second.offered == [("A5", QPageLayout.Orientation.Landscape)]
    saved = QSettings(str(print_settings), QSettings.Format.IniFormat)
    assert saved.value(printing.SETTINGS_PAPER) == "A5"
    assert saved.value(printing.SETTINGS_ORIENTATION) == "landscape"
    # the A4 form is printed whole on the smaller sheet (shrunk to fit, never cut off)
    document = open_pdf(tmp_path / "second.pdf")
    assert document.pagePointSize(0).width() > document.pagePointSize(0).height()
    assert dark_pixels(document) > 500
    wait_idle(qtbot, editor.printing)


def test_save_as_pdf_writes_the_signed_pdf_of_the_forms_core(qtbot, window, tmp_path, message_boxes):
    from tests.helpers.trust import enroll_offline

    root = enroll_offline(window.workstation.services, tmp_path / "county").county_key.root()
    editor = save_application(qtbot, window, name="赵六")
    editor.refresh_print_menu()
    assert "save:receipt" in editor.print_actions
    target = tmp_path / "out" / "application.pdf"
    target.parent.mkdir()
    PrintDialogs.save_responder = lambda dialog: str(target)
    with qtbot.waitSignal(editor.printing.saved, timeout=WAIT_MS) as saved:
        editor.print_actions["save:application_civil"].trigger()
    assert Path(saved.args[0]) == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() for page in reader.pages)
    assert "赵六" in text
    assert editor.form.record.number in text
    check = verify_pdf(data, [root])
    assert check.ok and check.signer == "测试镇法律援助工作站（TS01）", check.message
    assert message_boxes.shown == []
    wait_idle(qtbot, editor.printing)

    # the same bytes through the function that takes a path directly (no dialog)
    direct = editor.printing.save_to(printing.Printout("x", data, "x.pdf"), tmp_path / "direct")
    assert direct == tmp_path / "direct.pdf"
    assert direct.read_bytes() == data


def test_preview_shows_the_pages_and_prints_or_saves_from_there(qtbot, window, tmp_path, message_boxes):
    from tests.helpers.trust import enroll_offline

    root = enroll_offline(window.workstation.services, tmp_path / "county").county_key.root()
    editor = save_application(qtbot, window)
    seen = {}
    out = tmp_path / "from_preview.pdf"
    saved_to = tmp_path / "from_preview_saved.pdf"

    def look(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        widget = dialog.findChild(QPrintPreviewWidget)
        seen["pages"] = widget.pageCount()
        seen["title"] = dialog.windowTitle()
        toolbar = dialog.findChild(QToolBar)
        save = [a for a in toolbar.actions() if a.objectName() == "save_pdf"]
        assert save, "the preview offers the signed PDF"
        PrintDialogs.save_responder = lambda _dialog: str(saved_to)
        save[0].trigger()
        # the preview's own print button: QPrintPreviewWidget.print() paints for real
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        widget.print()
        dialog.accept()

    PrintDialogs.preview_responder = look
    with qtbot.waitSignal(editor.printing.printed, timeout=WAIT_MS) as printed:
        editor.print_actions["preview:application_civil"].trigger()
    civil_pages = page_count("application_civil", editor.form.record)
    assert seen["pages"] == civil_pages == printed.args[0]
    assert editor.form.record.number in seen["title"]
    assert open_pdf(out).pageCount() == civil_pages
    assert verify_pdf(saved_to.read_bytes(), [root]).ok
    assert message_boxes.shown == []
    wait_idle(qtbot, editor.printing)


def test_unsaved_changes_are_saved_before_printing(qtbot, window, message_boxes):
    editor = save_application(qtbot, window)
    form = editor.form
    form.editors["cause"].widget.setFocus()
    qtbot.keyClicks(form.editors["cause"].widget, " 2")
    assert form.is_dirty()
    pages = []
    PrintDialogs.preview_responder = lambda dialog: pages.append(dialog.findChild(QPrintPreviewWidget))
    with qtbot.waitSignal(editor.printing.busyChanged, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        editor.print_actions["preview:application_civil"].trigger()
    assert [title for title, _ in message_boxes.shown] == [editor.tr("Print")]
    assert not form.is_dirty()
    assert form.record.version == 2
    assert pages


def test_blank_forms_can_be_previewed_before_anything_is_saved(qtbot, window, message_boxes):
    window.new_application_action.trigger()
    editor = window.applications.editor
    assert not [name for name in editor.print_actions if not name.startswith("blank:")]
    counts = []

    def look(dialog):
        dialog.show()
        counts.append(dialog.findChild(QPrintPreviewWidget).pageCount())

    PrintDialogs.preview_responder = look
    with qtbot.waitSignal(editor.printing.busyChanged, timeout=WAIT_MS, check_params_cb=lambda busy: not busy):
        editor.print_actions["blank:receipt"].trigger()
    qtbot.waitUntil(lambda: bool(counts), timeout=WAIT_MS)
    assert counts == [1]
    assert message_boxes.shown == []


def test_case_file_is_assembled_with_progress_then_saved(qtbot, window, tmp_path, message_boxes):
    from tests.helpers.trust import enroll_offline

    root = enroll_offline(window.workstation.services, tmp_path / "county").county_key.root()
    editor = save_application(qtbot, window)
    target = tmp_path / "case_file.pdf"
    PrintDialogs.save_responder = lambda dialog: str(target)
    steps = []
    with qtbot.waitSignal(editor.printing.saved, timeout=WAIT_MS):
        editor.print_actions["save:case_file"].trigger()
        progress = editor.printing.progress
        assert progress is not None  # a progress dialog with a cancel button
        assert progress.findChild(QPushButton) is not None
        progress.findChild(QProgressBar).valueChanged.connect(steps.append)
        assert not editor.receipt_button.isEnabled()  # one job at a time
    assert steps and steps[-1] == printing.PROGRESS_STEPS
    reader = PdfReader(str(target))
    civil_pages = page_count("application_civil", editor.form.record)
    assert len(reader.pages) > civil_pages + 2  # cover, contents, the forms of the case
    assert verify_pdf(target.read_bytes(), [root]).ok
    assert message_boxes.shown == []
    wait_idle(qtbot, editor.printing)
    assert editor.receipt_button.isEnabled()


def test_case_file_can_be_cancelled(qtbot, window, message_boxes):
    editor = save_application(qtbot, window)
    previews = []
    PrintDialogs.preview_responder = previews.append
    editor.print_actions["preview:case_file"].trigger()
    press_cancel(editor.printing)
    wait_idle(qtbot, editor.printing)
    assert previews == []
    assert message_boxes.shown == [(editor.printing.tr("Cancelled"),
                                    editor.printing.tr("Cancelled: nothing was printed or saved."))]


def save_record(station, name: str, serial: str):
    data = {"received_at": "2026-03-05T10:00", "channel": "window", "name": name, "id_type": "resident_id",
            "id_number": resident_id(f"44052419850315{serial}"), "case_type": "civil", "aid_kind": "litigation",
            "cause": "追索劳动报酬纠纷", "facts": "工资被拖欠。", "eligibility_ground": "art42",
            "art42_exemption": "migrant_wages", "art31_category": "labour", "categories": ["migrant_worker"],
            "clerk": "李芳"}
    saved = station.store.save("application", data, user="李芳")
    return station.store.get("application", saved.id)


def show_applications(qtbot, window):
    window.navigation.setCurrentRow(window.pages.indexOf(window.applications))
    page = window.applications.list_page
    page.refresh()
    qtbot.waitUntil(page.isVisible)
    return page


def test_batch_prints_one_form_for_each_selected_record(qtbot, window, station, tmp_path, message_boxes):
    first, second = save_record(station, "钱一", "011"), save_record(station, "孙二", "022")
    save_record(station, "李三", "033")  # not selected
    page = show_applications(qtbot, window)
    assert not page.print_button.isEnabled()
    for record in (first, second):
        page.table.selectionModel().select(
            page.model.index(page.model.row_of(record.id), 0),
            page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows)
    assert set(page.selected_ids()) == {first.id, second.id}
    assert page.print_button.isEnabled()

    offered = []

    def choose(dialog):
        offered.extend(dialog.forms.item(r).data(Qt.ItemDataRole.UserRole) for r in range(dialog.forms.count()))
        dialog.choose("receipt")
        return dialog.chosen()

    PrintDialogs.form_responder = choose
    out = tmp_path / "batch.pdf"
    PrintDialogs.printer_responder = PrintToFile(out)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.applications.batch_printing.printed, timeout=WAIT_MS) as printed:
        pass
    assert "receipt" in offered and "file_toc" not in offered
    expected = page_count("receipt", first) + page_count("receipt", second)
    assert printed.args[0] == expected
    document = open_pdf(out)
    assert document.pageCount() == expected == 2
    assert all(dark_pixels(document, p) > 2000 for p in range(document.pageCount()))
    assert message_boxes.shown == []
    wait_idle(qtbot, window.applications.batch_printing)


def test_batch_can_be_cancelled_and_says_which_records_were_left_out(qtbot, window, station, message_boxes):
    records = [save_record(station, f"周{i}", f"{i:03d}") for i in range(1, 4)]
    station.store.void("application", records[2].id, "重复登记", user="李芳", expected_version=1)
    page = show_applications(qtbot, window)
    page.include_voided.setChecked(True)
    page.table.selectAll()
    assert len(page.selected_ids()) == 3
    PrintDialogs.form_responder = lambda dialog: "receipt"
    asked = []
    PrintDialogs.printer_responder = lambda dialog: asked.append(dialog) and False
    page.print_selected()
    wait_idle(qtbot, window.applications.batch_printing)
    # the voided record is left out, and the clerk is told before the print dialog
    assert len(message_boxes.shown) == 1 and "1" in message_boxes.shown[0][1]
    assert len(asked) == 1

    message_boxes.shown.clear()
    page.print_selected()
    press_cancel(window.applications.batch_printing)
    wait_idle(qtbot, window.applications.batch_printing)
    assert message_boxes.shown[-1][0] == window.applications.batch_printing.tr("Cancelled")
    assert len(asked) == 1  # no print dialog after a cancel


def test_a_form_that_fails_to_render_gives_a_message_not_a_traceback(qtbot, window, monkeypatch, message_boxes):
    editor = save_application(qtbot, window)

    def broken(*_args, **_kwargs):
        raise ValueError("字体文件损坏")

    monkeypatch.setattr(printouts, "render_form", broken)
    PrintDialogs.printer_responder = lambda dialog: pytest.fail("no print dialog for a form that failed")
    qtbot.mouseClick(editor.receipt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=WAIT_MS)
    title, text = message_boxes.shown[0]
    assert title == editor.printing.tr("Not printed")
    assert "Traceback" not in text
    wait_idle(qtbot, editor.printing)
    assert editor.receipt_button.isEnabled()


def test_a_preview_that_cannot_draw_gives_a_message(qtbot, window, monkeypatch, message_boxes):
    editor = save_application(qtbot, window)

    def unreadable(_printouts):
        raise printing.UnreadablePrintout("QtPdf could not read it")

    monkeypatch.setattr(print_pages, "_Documents", unreadable)
    PrintDialogs.preview_responder = lambda dialog: dialog.show()
    editor.print_actions["preview:receipt"].trigger()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=WAIT_MS)
    assert message_boxes.shown[0][0] == editor.printing.tr("Not printed")
    assert message_boxes.shown[0][1].startswith(editor.printing.tr("The preview could not be shown."))


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_that_does_not_start_gives_a_message(qtbot, window, tmp_path, message_boxes):
    editor = save_application(qtbot, window)
    PrintDialogs.printer_responder = PrintToFile(tmp_path / "no such folder" / "out.pdf")
    qtbot.mouseClick(editor.receipt_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=WAIT_MS)
    title, text = message_boxes.shown[0]
    assert title == editor.printing.tr("Not printed")
    assert text.startswith(editor.printing.tr("The printer did not start the job."))
    wait_idle(qtbot, editor.printing)


def test_a_cancelled_print_job_stops_and_says_so(qtbot, window, tmp_path, message_boxes):
    editor = save_application(qtbot, window)
    record = editor.form.record
    document = printing.render_printout(printing.default_catalogue().get("application_civil"), record,
                                        editor.printing.context())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    task = editor.printing.start_print_job(printer, [document] * 5)
    task.cancel()
    wait_idle(qtbot, editor.printing)
    title, text = message_boxes.shown[-1]
    assert title == editor.printing.tr("Cancelled")


def test_a_decision_not_taken_is_greyed_with_the_reason_and_printed_filled_once_taken(qtbot, window, tmp_path,
                                                                                       message_boxes):
    from PySide6.QtGui import QAction

    from desktop.records.db import write_transaction
    from sync.events import record_event

    editor = save_application(qtbot, window, name="赵六")
    editor.refresh_print_menu()
    waiting = editor.print_menu.findChild(QAction, "unavailable:grant_decision")
    assert waiting is not None and not waiting.isEnabled()
    assert "县中心决定给予法律援助后才能出具" in waiting.toolTip()
    assert "save:grant_decision" not in editor.print_actions and "save:receipt" in editor.print_actions

    record = editor.form.record
    db = editor.printing.station.db
    with write_transaction(db) as conn:  # the county's grant, as the sync stores it
        record_event(conn, {"seq": 7, "event_id": "ev-grant", "kind": "grant", "status": "granted",
                            "application_number": record.number, "application_id": record.id,
                            "at": "2026-03-06T02:00:00+00:00", "by": "县法律援助中心", "data": {}}, "2026-03-06T10:00")
    editor.refresh_print_menu()
    target = tmp_path / "grant.pdf"
    PrintDialogs.save_responder = lambda dialog: str(target)
    with qtbot.waitSignal(editor.printing.saved, timeout=WAIT_MS):
        editor.print_actions["save:grant_decision"].trigger()
    text = "".join(page.extract_text() for page in PdfReader(str(target)).pages).replace(" ", "").replace("\n", "")
    assert "给予法律援助决定书" in text and "2026年3月6日" in text and "赵六" in text
    assert message_boxes.shown == []
    wait_idle(qtbot, editor.printing)
