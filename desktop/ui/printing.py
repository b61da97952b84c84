"""Printing in the app: preview, print, "save as PDF", the receipt in one click, the case file, batches.

The forms core (forms/render.py, forms/case_file.py) makes the documents: PDF bytes, signed with the
station key. Here they go to paper. Each PDF page is rasterized with QtPdf at PRINT_DPI (300 dpi; never
the printer's own maximum, often 1200 dpi, which is sixteen times the data for no visible gain on a
form) and drawn on the QPrinter at its true size, one page at a time, on a worker (the TaskRunner): painting
on a QPrinter is allowed off the UI thread, so a 40-page batch never freezes the window and keeps only
one page image in memory. The on-screen preview draws at PREVIEW_DPI on the UI thread (the preview
keeps every page image it shows; at 300 dpi a whole case file would hold about a gigabyte).

"Save as PDF" writes the signed bytes exactly as the forms core produced them, never a re-rendered print.

Every dialog goes through print_dialogs.PrintDialogs and every message through MessageBoxes, so tests
answer them. The last printer, paper size and orientation are remembered in QSettings.

Here: the flows (the Printing controller) and the remembered printer settings. The documents and the
worker-side helpers are in printouts.py, painting PDF pages on a printer in print_pages.py; their
names are imported here too, so `from .printing import ...` keeps working.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.records.errors import StorageError
from desktop.records.station import Station
from forms.availability import FormNotAvailable, availability
from forms.case_file import CaseFileCancelled, build_case_file
from forms.catalogue import CatalogueError, FormSpec, default_catalogue
from forms.context import RenderContext, context_for
from forms.fonts import FontError

from .i18n import error_text
from .messages import MessageBoxes
from .print_dialogs import PrintDialogs
from .print_pages import (
    PREVIEW_DPI,
    PRINT_DPI,
    PrintCancelled,
    PrinterError,
    UnreadablePrintout,
    is_preview,
    page_image,
    paint_printouts,
)
from .printouts import (
    CASE_FILE_PARTS,
    RECEIPT_FORM,
    RENDER_LOCK,
    Printout,
    decisions_of,
    forms_with_availability,
    printable_forms,
    printout_of,
    render_printout,
    safe_file_name,
    save_pdf,
)
from .tasks import Task, TaskRunner

__all__ = ["CASE_FILE_PARTS", "PREVIEW_DPI", "PRINT_DPI", "PROGRESS_STEPS", "RECEIPT_FORM", "SETTINGS_FOLDER",
           "SETTINGS_ORIENTATION", "SETTINGS_PAPER", "SETTINGS_PRINTER", "SHOW_PROGRESS_AFTER_MS", "BatchResult",
           "PrintCancelled", "PrinterError", "Printing", "Printout", "UnreadablePrintout",
           "decisions_of", "default_catalogue", "error_detail", "forms_with_availability", "is_preview", "make_printer", "page_image", "paint_printouts",
           "printable_forms", "printout_of", "remember_printer", "render_printout", "safe_file_name", "save_folder",
           "save_pdf", "settings_factory"]

log = logging.getLogger(__name__)

PROGRESS_STEPS = 1000
SHOW_PROGRESS_AFTER_MS = 400  # a single form is usually ready before the progress dialog would show

SETTINGS_PRINTER = "printing/printer"
SETTINGS_PAPER = "printing/paper"
SETTINGS_ORIENTATION = "printing/orientation"
SETTINGS_FOLDER = "printing/save_folder"

settings_factory: Callable[[], QSettings] = QSettings  # tests hand in their own file


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


def error_detail(error: BaseException) -> str:
    """A one-line reason for a message box: the forms core words its own errors in Chinese (a font, a form file, a
    form that does not apply); anything else as error_text says it, never in the exception's English."""
    if isinstance(error, FormNotAvailable):
        return error.reason
    if isinstance(error, (FontError, CatalogueError)):
        return str(error)
    return error_text(error)


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

    def __init__(self, source: Any, tasks: TaskRunner, parent: QWidget):
        """`source`: desktop.services.Services (documents signed with the station key) or a Station."""
        super().__init__(parent)
        self.source = source
        self.tasks = tasks
        self.station: Station = getattr(source, "station", source)
        self.widget = parent
        self.task: Task | None = None
        self._busy = False  # a job runs (set before it starts: a synchronous runner ends it inside `run`)
        self.progress: QProgressDialog | None = None
        self._printer: QPrinter | None = None  # alive while a worker paints on it

    def is_busy(self) -> bool:
        return self._busy

    def context(self) -> RenderContext:
        return context_for(self.source)

    # -- starting points ---------------------------------------------------------------------------

    def form(self, record: Any, form_id: str, action: str = "preview") -> Task | None:
        """Render form `form_id` for `record` (None: blank) on a worker, then preview, print or save it."""
        form = default_catalogue().get(form_id)
        context = self.context()
        label = self.tr("Preparing %1...").replace("%1", form.name)

        def work(job) -> list[Printout]:
            # the county's decisions fill the form: read on the task's own connection
            decisions = decisions_of(job.db, record) if record is not None else None
            return [render_printout(form, record, context, decisions)]

        return self._run(work, label, partial(self._then, action), steps=False,
                         failure=self.tr("%1 could not be made.").replace("%1", form.name))

    def receipt(self, record: Any) -> Task | None:
        """The receipt for the application's materials, straight to the print dialog."""
        return self.form(record, RECEIPT_FORM, "print")

    def case_file(self, record: Any, action: str = "preview") -> Task | None:
        """The whole case file of an application (cover, contents, forms, materials), then `action`."""
        source, context = self.source, self.context()
        number = record.number or ""
        title = self.tr("Case file %1").replace("%1", number).strip()

        def work(job) -> list[Printout]:
            with RENDER_LOCK:
                pdf = build_case_file(source.on_connection(job.db), record.id, job.progress, job.cancelled,
                                      context=context)
            return [Printout(title, pdf, safe_file_name(title))]

        return self._run(work, self.tr("Assembling the case file %1...").replace("%1", number),
                         partial(self._then, action), steps=True,
                         failure=self.tr("The case file could not be made."))

    def batch(self, record_type: str, record_ids: Sequence[str], form_id: str) -> Task | None:
        """One form for each of several records, rendered on a worker, then printed as one job."""
        form = default_catalogue().get(form_id)
        source, context, ids = self.source, self.context(), list(record_ids)

        def work(job) -> BatchResult:
            result = BatchResult([], 0, [])
            opened = source.on_connection(job.db)
            store = getattr(opened, "station", opened).store  # Services or Station
            for done, record_id in enumerate(ids, 1):
                if job.cancelled():
                    raise PrintCancelled(0)
                record = store.get(record_type, record_id)
                decisions = decisions_of(job.db, record)
                if record.voided or not availability(form, record, decisions).ok:
                    result.skipped += 1
                else:
                    try:
                        result.printouts.append(render_printout(form, record, context, decisions))
                    except Exception as exc:  # noqa: BLE001 - one bad record does not stop the batch
                        log.exception("could not render %s for %s", form.id, record_id)
                        result.failed.append(f"{record.number or record.data.get('name') or record_id}："
                                             f"{error_detail(exc)}")
                job.progress(done, len(ids))
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
        task = self._run(lambda job: paint_printouts(printer, printouts, PRINT_DPI, job.progress, job.cancelled),
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
            log.warning("could not save a PDF: %s", exc.strerror)  # the path may name the person: not logged
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
        if self._busy:
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

        task: Task | None = None  # (a synchronous runner calls back before it is known)

        def progressed(done: int, total: int) -> None:
            if self.progress is dialog and steps:
                dialog.setValue(int(PROGRESS_STEPS * done / total) if total else 0)

        def succeeded(result: Any) -> None:
            cancelled = task is not None and task.is_cancelled()
            self._end(dialog)
            if late_cancel and cancelled:  # finished just as the clerk cancelled: go no further
                self._report(PrintCancelled(0), failure)
                return
            on_done(result)

        def failed(error: BaseException) -> None:
            self._end(dialog)
            self._report(error, failure)

        self._busy = True
        self.busyChanged.emit(True)
        task = self.tasks.run(work, succeeded, failed, progressed)
        if not task.is_done():  # (a synchronous runner has finished it already)
            self.task = task
            dialog.canceled.connect(task.cancel)
        return task

    def _end(self, dialog: QProgressDialog) -> None:
        dialog.canceled.disconnect()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
        if self.progress is dialog:
            self.progress = None
        self.task = None
        self._busy = False
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

