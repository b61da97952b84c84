"""PDF pages onto a QPrinter: each page rasterized with QtPdf and drawn at its true size, one at a time.

Runs in any thread: a worker for real printing (PRINT_DPI), the UI thread for the on-screen preview
(PREVIEW_DPI). The flows that call it are in printing.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPaintEngine, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from .printouts import Printout

PRINT_DPI = 300
PREVIEW_DPI = 150


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
