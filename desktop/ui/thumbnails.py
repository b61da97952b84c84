"""Small pictures of attachments: images scaled while decoding, the first page of a PDF.

Safe on a worker thread: it makes QImages (not QPixmaps) and its own QPdfDocument. It reads from memory
(the vault's decrypted bytes): no plaintext copy of a scan is written to disk.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter
from PySide6.QtPdf import QPdfDocument

THUMBNAIL = QSize(120, 120)


def render_thumbnail(content: bytes | None, media_type: str, size: QSize = THUMBNAIL) -> QImage:
    """A picture of the file's bytes fitting `size`; a blank page with a mark when there are none (a missing
    or damaged file) or they cannot be read."""
    image = None
    if content:
        buffer = memory_device(content)
        image = _pdf_page(buffer, size) if media_type == "application/pdf" else _image(buffer, size)
        buffer.close()
    return image if image is not None and not image.isNull() else placeholder(size)


def memory_device(content: bytes, parent=None) -> QBuffer:
    """An open, read-only QIODevice over `content`, for Qt's readers (images, PDFs) to read from memory."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def _image(device: QBuffer, size: QSize) -> QImage | None:
    reader = QImageReader(device)
    reader.setAutoTransform(True)  # phone photos carry their rotation in EXIF
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image if not image.isNull() else None


def _pdf_page(device: QBuffer, size: QSize) -> QImage | None:
    document = QPdfDocument()
    document.load(device)
    if document.error() != QPdfDocument.Error.None_ or document.pageCount() < 1:
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
