"""Small pictures of attachments: images scaled while decoding, the first page of a PDF.

Safe on a worker thread: it makes QImages (not QPixmaps) and its own QPdfDocument.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter
from PySide6.QtPdf import QPdfDocument

THUMBNAIL = QSize(120, 120)


def render_thumbnail(path: Path, media_type: str, size: QSize = THUMBNAIL) -> QImage:
    """A picture of the file fitting `size`; a blank page with a mark when it cannot be read."""
    image = _pdf_page(path, size) if media_type == "application/pdf" else _image(path, size)
    return image if image is not None and not image.isNull() else placeholder(size)


def _image(path: Path, size: QSize) -> QImage | None:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image if not image.isNull() else None


def _pdf_page(path: Path, size: QSize) -> QImage | None:
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
        return None
    page = document.pagePointSize(0).toSize().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
    image = document.render(0, page)
    document.close()
    return image


def placeholder(size: QSize = THUMBNAIL) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("#f4f4f4"))
    painter = QPainter(image)
    painter.setPen(QColor("#999999"))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "?")
    painter.end()
    return image
