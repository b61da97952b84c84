"""Printing in the app: preview, print, "save as PDF", the receipt in one click, the case file, batches.

The forms core (forms/render.py, forms/case_file.py) makes the documents: PDF bytes, signed with the
station key. Here they go to paper. Each PDF page is rasterized with QtPdf at PRINT_DPI (300 dpi; never
the printer's own maximum, often 1200 dpi, which is sixteen times the data for no visible gain on a
form) and drawn on the QPrinter at its true size, one page at a time, on a worker (run_task): painting
on a QPrinter is allowed off the UI thread, so a 40-page batch never freezes the window and keeps only
one page image in memory. The on-screen preview draws at PREVIEW_DPI on the UI thread (the preview
keeps every page image it shows; at 300 dpi a whole case file would hold about a gigabyte).

"Save as PDF" writes the signed bytes exactly as the forms core produced them, never a re-rendered print.

Every dialog goes through print_dialogs.PrintDialogs and every message through MessageBoxes, so tests
answer them. The last printer, paper size and orientation are remembered in QSettings.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from PySide6.QtCore import (QBuffer, QByteArray, QIODevice, QObject, QRectF, QSettings, QSize,
                            QStandardPaths, Qt, QTimer, Signal)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.records.attachments import Attachments
from desktop.records.errors import StorageError
from desktop.records.fsutil import fsync_dir
from desktop.records.station import Station, open_station
from forms.case_file import CaseFileCancelled, build_case_file
from forms.catalogue import FormSpec, default_catalogue, forms_for
from forms.context import RenderContext, context_for
from forms.render import render_form

from .i18n import core_text
from .messages import MessageBoxes
from .print_dialogs import PrintDialogs
from .tasks import Task, run_task

log = logging.getLogger(__name__)

PRINT_DPI = 300
PREVIEW_DPI = 150
RECEIPT_FORM = "receipt"  # 法律援助申请材料接收凭证
CASE_FILE_PARTS = ("file_cover", "file_toc")  # printed inside the case file, not on their own
PROGRESS_STEPS = 1000
SHOW_PROGRESS_AFTER_MS = 400  # a single form is usually ready before the progress dialog would show

SETTINGS_PRINTER = "printing/printer"
SETTINGS_PAPER = "printing/paper"
SETTINGS_ORIENTATION = "printing/orientation"
SETTINGS_FOLDER = "printing/save_folder"

settings_factory: Callable[[], QSettings] = QSettings  # tests hand in their own file

# reportlab keeps some state in module globals (fonts, rl_config): one rendering at a time.
_RENDER_LOCK = threading.Lock()


class PrintCancelled(Exception):
    """The clerk cancelled; `printed` pages had already gone to the printer."""

    def __init__(self, printed: int = 0):
        super().__init__(f"cancelled after {printed} page(s)")
        self.printed = printed


class PrinterError(Exception):
    """The printer refused the job: it would not start ("start") or take another page ("page")."""

    def __init__(self, kind: str, printer_name: str = ""):
        super().__init__(f"printer {printer_name or '(file)'} failed: {kind}")
        self.kind = kind
        self.printer_name = printer_name


class UnreadablePrintout(Exception):
    """QtPdf could not read a document the forms core made (a bug, or memory ran out)."""


@dataclass(frozen=True)
class Printout:
    """One document ready for paper: the signed PDF bytes as the forms core produced them."""

    title: str  # for messages and the preview's title
    pdf: bytes
    file_name: str  # suggested name when saved as PDF


# -- file names ----------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_file_name(text: str, suffix: str = ".pdf") -> str:
    """`text` as a file name that Windows accepts too."""
    name = _UNSAFE.sub("_", text).strip(" .") or "document"
    return name[:120] + suffix


def printout_of(form: FormSpec, record: Any, pdf: bytes) -> Printout:
    """The printout of `form` for `record` (None: blank), titled by the form and the application number."""
    number = (getattr(record, "number", None) or "") if record is not None else ""
    title = f"{form.name} {number}".strip()
    return Printout(title, pdf, safe_file_name(f"{number} {form.name}".strip()))


def printable_forms(record_type: str, record: Any = None) -> list[FormSpec]:
    """The forms the print menus offer for a record type (or that apply to `record`), in catalogue order."""
    return [f for f in forms_for(record_type, record) if f.id not in CASE_FILE_PARTS]


def render_printout(form: FormSpec, record: Any, context: RenderContext) -> Printout:
    """Render one form (on a worker): the signed PDF as a Printout."""
    with _RENDER_LOCK:
        pdf = render_form(form.id, record, context)
    return printout_of(form, record, pdf)


# -- the station on a worker ------------------------------------------------------------------------

@dataclass
class WorkerServices:
    """What the forms core needs of desktop.services.Services, on the worker's own connection."""

    station: Station
    key: Any
    vault: Any
    attachments: Attachments | None


@contextmanager
def worker_services(source: Any) -> Iterator[WorkerServices]:
    """The station of `source` (Services or Station) opened again for this thread (a connection never
    crosses threads), with the same key, vault and reference data. Use it inside the worker."""
    station = getattr(source, "station", source)
    opened = open_station(station.data_dir, station.store.reference)
    try:
        key = getattr(source, "key", None)
        vault = getattr(source, "vault", None)
        attachments = Attachments(opened.store, vault, key) if vault is not None else None
        yield WorkerServices(opened, key, vault, attachments)
    finally:
        opened.close()


# -- remembered printer settings --------------------------------------------------------------------

def _paper_id(key: str) -> QPageSize.PageSizeId | None:
    for size_id in QPageSize.PageSizeId:
        if size_id != QPageSize.PageSizeId.Custom and QPageSize.key(size_id) == key:
            return size_id
    return None


def make_printer() -> QPrinter:
    """A printer set up as last time (printer, paper, orientation); A4 portrait the first time.

    The whole sheet is the page: the forms carry their own margins and are printed at true size.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    settings = settings_factory()
    name = str(settings.value(SETTINGS_PRINTER, "") or "")
    if name and not QPrinterInfo.printerInfo(name).isNull():
        printer.setPrinterName(name)
    paper = _paper_id(str(settings.value(SETTINGS_PAPER, "") or "")) or QPageSize.PageSizeId.A4
    printer.setPageSize(QPageSize(paper))
    landscape = settings.value(SETTINGS_ORIENTATION, "") == "landscape"
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    return printer


def remember_printer(printer: QPrinter) -> None:
    """Keep the printer, paper and orientation for next time (the printer only when it is a real one)."""
    settings = settings_factory()
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and printer.printerName():
        settings.setValue(SETTINGS_PRINTER, printer.printerName())
    size = printer.pageLayout().pageSize()
    if size.id() != QPageSize.PageSizeId.Custom:
        settings.setValue(SETTINGS_PAPER, size.key())
    landscape = printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    settings.setValue(SETTINGS_ORIENTATION, "landscape" if landscape else "portrait")
    settings.sync()


def save_folder() -> Path:
    """Where "save as PDF" starts: the last folder used, else Documents."""
    folder = str(settings_factory().value(SETTINGS_FOLDER, "") or "")
    if folder and Path(folder).is_dir():
        return Path(folder)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home())


# -- PDF pages onto a printer -------------------------------------------------------------------------

class _Documents:
    """The printouts loaded with QtPdf in the calling thread (QtPdf serializes its library calls)."""

    def __init__(self, printouts: Sequence[Printout]):
        self._buffers: list[QBuffer] = []
        self.documents: list[QPdfDocument] = []
        for printout in printouts:
            buffer = QBuffer()
            buffer.setData(QByteArray(printout.pdf))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document = QPdfDocument()
            document.load(buffer)  # a complete in-memory buffer loads at once
            if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
                raise UnreadablePrintout(f"{printout.title}: {document.error()}")
            self._buffers.append(buffer)
            self.documents.append(document)

    def close(self) -> None:
        for document in self.documents:
            document.close()
        for buffer in self._buffers:
            buffer.close()
        self.documents.clear()
        self._buffers.clear()


def page_image(document: QPdfDocument, index: int, dpi: int = PRINT_DPI) -> QImage:
    """Page `index` of `document` at `dpi`, on white (QtPdf leaves the paper transparent)."""
    points = document.pagePointSize(index)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    rendered = document.render(index, size, options)
    if rendered.isNull():
        raise UnreadablePrintout(f"page {index + 1} could not be drawn")
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, rendered)
    painter.end()
    dots_per_metre = round(dpi / 0.0254)
    page.setDotsPerMeterX(dots_per_metre)
    page.setDotsPerMeterY(dots_per_metre)
    return page


def _page_plan(printer: QPrinter, counts: Sequence[int]) -> list[tuple[int, int]]:
    """(document, page) in printing order: the page range chosen in the print dialog, and copies when
    the printer cannot make them itself."""
    pages = [(d, i) for d, count in enumerate(counts) for i in range(count)]
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() or len(pages)
        pages = pages[printer.fromPage() - 1:last]
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies > 1:
        pages = pages * copies if printer.collateCopies() else [p for p in pages for _ in range(copies)]
    return pages


def is_preview(printer: QPrinter) -> bool:
    """True while a QPrintPreviewDialog records pages (its paint engine records pictures)."""
    engine = printer.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def paint_printouts(printer: QPrinter, printouts: Sequence[Printout], dpi: int = PRINT_DPI,
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> int:
    """Draw every page of `printouts` on `printer`, each at its true size (shrunk only to fit smaller
    paper) and centred; returns the number of pages printed.

    Runs in any thread (a worker for real printing). Raises PrinterError, PrintCancelled (the job is
    aborted where the printer allows it) or UnreadablePrintout.
    """
    documents = _Documents(printouts)
    painter = QPainter()
    printed = 0
    try:
        plan = _page_plan(printer, [d.pageCount() for d in documents.documents])
        if not plan:  # a page range beyond the last page: no sheet at all, rather than a blank one
            return 0
        if not painter.begin(printer):
            raise PrinterError("start", printer.printerName())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        resolution = printer.resolution()
        paper = printer.pageLayout().fullRectPixels(resolution)
        for number, (doc_index, page_index) in enumerate(plan):
            if cancelled is not None and cancelled():
                printer.abort()
                raise PrintCancelled(printed)
            if number and not printer.newPage():
                raise PrinterError("page", printer.printerName())
            document = documents.documents[doc_index]
            image = page_image(document, page_index, dpi)
            points = document.pagePointSize(page_index)
            width, height = points.width() * resolution / 72, points.height() * resolution / 72
            scale = min(1.0, paper.width() / width, paper.height() / height)
            width, height = width * scale, height * scale
            target = QRectF((paper.width() - width) / 2, (paper.height() - height) / 2, width, height)
            painter.drawImage(target, image)
            printed += 1
            if progress is not None:
                progress(printed, len(plan))
    finally:
        if painter.isActive():
            painter.end()
        documents.close()
    if printer.printerState() == QPrinter.PrinterState.Error:
        raise PrinterError("page", printer.printerName())
    return printed


# -- saving ---------------------------------------------------------------------------------------------

def save_pdf(printout: Printout | bytes, path: Path) -> Path:
    """Write the signed PDF bytes to `path` (temp file, fsync, replace: never half a file). Raises OSError."""
    data = printout.pdf if isinstance(printout, Printout) else bytes(printout)
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    fd, temp = tempfile.mkstemp(prefix=".saving-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)
    return path


def error_detail(error: BaseException) -> str:
    """A one-line reason for a message box (the forms core's own errors are already in Chinese)."""
    if isinstance(error, StorageError):
        return core_text("Storage", error.message, error.params)
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return (str(error).strip() or type(error).__name__)[:300]


# -- the flows ----------------------------------------------------------------------------------------------

@dataclass
class BatchResult:
    printouts: list[Printout]
    skipped: int  # voided, or the form does not apply to the record
    failed: list[str]  # "number: reason" of records whose form could not be made


class Printing(QObject):
    """Printing for one screen (a record editor, a list): each flow renders on a worker, with a progress
    dialog that can cancel, then previews, prints or saves. One job at a time."""

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)  # a PDF was saved here
    busyChanged = Signal(bool)

    def __init__(self, source: Any, parent: QWidget):
        """`source`: desktop.services.Services (documents signed with the station key) or a Station."""
        super().__init__(parent)
        self.source = source
        self.station: Station = getattr(source, "station", source)
        self.widget = parent
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        self._printer: QPrinter | None = None  # alive while a worker paints on it

    def is_busy(self) -> bool:
        return self.task is not None

    def context(self) -> RenderContext:
        return context_for(self.source)

    # -- starting points ---------------------------------------------------------------------------

    def form(self, record: Any, form_id: str, action: str = "preview") -> Task | None:
        """Render form `form_id` for `record` (None: blank) on a worker, then preview, print or save it."""
        form = default_catalogue().get(form_id)
        context = self.context()
        label = self.tr("Preparing %1...").replace("%1", form.name)
        return self._run(lambda _progress, _cancelled: [render_printout(form, record, context)], label,
                         partial(self._then, action), steps=False,
                         failure=self.tr("%1 could not be made.").replace("%1", form.name))

    def receipt(self, record: Any) -> Task | None:
        """The receipt for the application's materials, straight to the print dialog."""
        return self.form(record, RECEIPT_FORM, "print")

    def case_file(self, record: Any, action: str = "preview") -> Task | None:
        """The whole case file of an application (cover, contents, forms, materials), then `action`."""
        source, context = self.source, self.context()
        number = record.number or ""
        title = self.tr("Case file %1").replace("%1", number).strip()

        def work(progress, cancelled) -> list[Printout]:
            with worker_services(source) as services, _RENDER_LOCK:
                pdf = build_case_file(services, record.id, progress, cancelled, context=context)
            return [Printout(title, pdf, safe_file_name(title))]

        return self._run(work, self.tr("Assembling the case file %1...").replace("%1", number),
                         partial(self._then, action), steps=True,
                         failure=self.tr("The case file could not be made."))

    def batch(self, record_type: str, record_ids: Sequence[str], form_id: str) -> Task | None:
        """One form for each of several records, rendered on a worker, then printed as one job."""
        form = default_catalogue().get(form_id)
        source, context, ids = self.source, self.context(), list(record_ids)

        def work(progress, cancelled) -> BatchResult:
            result = BatchResult([], 0, [])
            with worker_services(source) as services:
                for done, record_id in enumerate(ids, 1):
                    if cancelled():
                        raise PrintCancelled(0)
                    record = services.station.store.get(record_type, record_id)
                    if record.voided or not form.applies_to(record.data, record.status):
                        result.skipped += 1
                    else:
                        try:
                            result.printouts.append(render_printout(form, record, context))
                        except Exception as exc:  # noqa: BLE001 - one bad record does not stop the batch
                            log.exception("could not render %s for %s", form.id, record_id)
                            result.failed.append(f"{record.number or record.data.get('name') or record_id}："
                                                 f"{error_detail(exc)}")
                    progress(done, len(ids))
            return result

        label = self.tr("Preparing %1 for %n record(s)...", "", len(ids)).replace("%1", form.name)
        return self._run(work, label, partial(self._batch_rendered, form), steps=True,
                         failure=self.tr("%1 could not be made.").replace("%1", form.name))

    # -- rendered documents ----------------------------------------------------------------------

    def preview_printouts(self, printouts: Sequence[Printout]) -> None:
        """The print preview (its print button prints at 300 dpi on a worker; "Save as PDF" for one document)."""
        printouts = list(printouts)
        printer = make_printer()
        problems: list[BaseException] = []

        def paint(target: QPrinter) -> None:
            if not is_preview(target):  # the preview's own print button
                remember_printer(target)
                self.start_print_job(target, printouts)
                return
            try:
                paint_printouts(target, printouts, PREVIEW_DPI)
            except Exception as exc:  # noqa: BLE001 - shown once the preview has drawn what it could
                log.exception("the preview could not be drawn")
                if not problems:
                    problems.append(exc)
                    failure = self.tr("The preview could not be shown.")
                    QTimer.singleShot(0, lambda error=exc: self._report(error, failure))

        save = (lambda dialog: self.save_as(printouts[0], dialog)) if len(printouts) == 1 else None
        PrintDialogs.preview(printer, self.widget, paint, save, " / ".join(p.title for p in printouts)[:120])

    def print_printouts(self, printouts: Sequence[Printout], *, page_range: bool = True) -> bool:
        """The print dialog, then the print job on a worker. False: the clerk closed the dialog."""
        printer = make_printer()
        if not PrintDialogs.choose_printer(printer, self.widget, page_range=page_range):
            return False
        remember_printer(printer)
        return self.start_print_job(printer, printouts) is not None

    def start_print_job(self, printer: QPrinter, printouts: Sequence[Printout]) -> Task | None:
        """Print `printouts` on `printer` (already set up) at PRINT_DPI, on a worker, with progress."""
        printouts = list(printouts)
        task = self._run(lambda progress, cancelled: paint_printouts(printer, printouts, PRINT_DPI, progress,
                                                                     cancelled),
                         self.tr("Printing..."), self._printed, steps=True, late_cancel=False,
                         failure=self.tr("Not printed."))
        if task is not None:
            self._printer = printer
        return task

    def save_as(self, printout: Printout, parent: QWidget | None = None) -> Path | None:
        """Ask where, then write the signed PDF. None: cancelled or not written (the clerk was told)."""
        path = PrintDialogs.save_path(parent or self.widget, self.tr("Save as PDF"), save_folder() / printout.file_name)
        if path is None:
            return None
        return self.save_to(printout, path, parent)

    def save_to(self, printout: Printout, path: Path, parent: QWidget | None = None) -> Path | None:
        """Write the signed PDF to `path` (no dialog); a problem is shown to the clerk."""
        try:
            written = save_pdf(printout, Path(path))
        except OSError as exc:
            log.warning("could not save %s: %s", path, exc)
            MessageBoxes.warn(parent or self.widget, self.tr("Not saved"),
                              self.tr("The PDF could not be saved to %1: %2").replace("%1", str(path))
                              .replace("%2", error_detail(exc)))
            return None
        settings = settings_factory()
        settings.setValue(SETTINGS_FOLDER, str(written.parent))
        settings.sync()
        self.saved.emit(str(written))
        return written

    # -- plumbing ---------------------------------------------------------------------------------

    def _then(self, action: str, printouts: list[Printout]) -> None:
        if action == "print":
            self.print_printouts(printouts)
        elif action == "save":
            self.save_as(printouts[0])
        else:
            self.preview_printouts(printouts)

    def _batch_rendered(self, form: FormSpec, result: BatchResult) -> None:
        notes = []
        if result.skipped:
            notes.append(self.tr("%n record(s) left out: voided, or the form does not apply to them.", "",
                                 result.skipped))
        if result.failed:
            notes.append(self.tr("%n form(s) could not be made:", "", len(result.failed)) + "\n"
                         + "\n".join(result.failed[:20]))
        if not result.printouts:
            MessageBoxes.warn(self.widget, self.tr("Nothing to print"),
                              self.tr("%1 was not made for any of the selected records.").replace("%1", form.name),
                              "\n".join(notes))
            return
        if notes:
            MessageBoxes.inform(self.widget, self.tr("Print several records"),
                                self.tr("%n form(s) ready to print.", "", len(result.printouts)) + "\n"
                                + "\n".join(notes))
        self.print_printouts(result.printouts, page_range=False)

    def _printed(self, pages: int) -> None:
        self._printer = None
        self.printed.emit(pages)

    def _run(self, work, label: str, on_done: Callable[[Any], None], *, steps: bool, failure: str,
             late_cancel: bool = True) -> Task | None:
        """Run `work` with a progress dialog (shown when it takes a while; Cancel asks the work to stop)."""
        if self.task is not None:
            MessageBoxes.inform(self.widget, self.tr("Printing"),
                                self.tr("Another print job is still running. Try again when it has finished."))
            return None
        # Not modal: a modal QProgressDialog runs processEvents() in setValue (re-entrancy), and the clerk
        # may go on working while the printer works. The print buttons are disabled meanwhile (busyChanged).
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, PROGRESS_STEPS if steps else 0, self.widget)
        dialog.setObjectName("print_progress")
        dialog.setWindowTitle(self.tr("Printing"))
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.progress = dialog

        def progressed(done: int, total: int) -> None:
            if self.progress is dialog and steps:
                dialog.setValue(int(PROGRESS_STEPS * done / total) if total else 0)

        def succeeded(result: Any) -> None:
            cancelled = task.is_cancelled()
            self._end(dialog)
            if late_cancel and cancelled:  # finished just as the clerk cancelled: go no further
                self._report(PrintCancelled(0), failure)
                return
            on_done(result)

        def failed(error: BaseException) -> None:
            self._end(dialog)
            self._report(error, failure)

        task = run_task(work, succeeded, failed, progressed)
        self.task = task
        dialog.canceled.connect(task.cancel)
        self.busyChanged.emit(True)
        return task

    def _end(self, dialog: QProgressDialog) -> None:
        dialog.canceled.disconnect()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        if self.progress is dialog:
            self.progress = None
        self.task = None
        self.busyChanged.emit(False)

    def _report(self, error: BaseException, failure: str) -> None:
        """Tell the clerk what went wrong, in words; the traceback only goes to the log."""
        self._printer = None
        if isinstance(error, (PrintCancelled, CaseFileCancelled)):
            printed = getattr(error, "printed", 0)
            text = (self.tr("Printing was cancelled after %n page(s). Pages already sent to the printer may "
                            "still come out.", "", printed) if printed
                    else self.tr("Cancelled: nothing was printed or saved."))
            MessageBoxes.inform(self.widget, self.tr("Cancelled"), text)
        elif isinstance(error, PrinterError):
            text = (self.tr("The printer did not start the job.") if error.kind == "start"
                    else self.tr("The printer stopped taking pages."))
            MessageBoxes.warn(self.widget, self.tr("Not printed"),
                              text + " " + self.tr("Check that the printer is switched on, connected and has "
                                                   "paper, then print again."), error.printer_name)
        elif isinstance(error, StorageError):
            MessageBoxes.warn(self.widget, self.tr("Not printed"), failure, error_detail(error))
        else:
            MessageBoxes.warn(self.widget, self.tr("Not printed"),
                              failure + " " + self.tr("Check the record and the station settings (fonts, seal), "
                                                      "then try again."), error_detail(error))

