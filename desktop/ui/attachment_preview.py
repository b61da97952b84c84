"""Looking at an attachment: its verification first, then the image or the PDF.

The vault's files are sealed at rest: a preview decrypts into memory and shows from there. No plaintext
copy is written anywhere (so there is no "open with the system viewer": it would need one on disk).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout,
                               QWidget)

from desktop.records.attachments import Attachment, Attachments, Verification

from .i18n import core_text, language
from .thumbnails import memory_device
from .workstation import Workstation

log = logging.getLogger(__name__)


def verification_text(verification: Verification) -> str:
    return core_text("Attachments", verification.reason, verification.params)


def plaintext_of(attachments: Attachments, attachment: Attachment) -> bytes | None:
    """The attachment's bytes, decrypted in memory; None when its file is missing or does not open (the
    verification beside it says why)."""
    try:
        return attachments.read_bytes(attachment)
    except (OSError, ValueError) as exc:  # ValueError: SealedError, a sealed file that was altered
        log.warning("attachment %s cannot be shown: %s", attachment.id, type(exc).__name__)
        return None


class AttachmentPreview(QDialog):
    """Shows the file at once; its hash and signature check (up to 50 MB re-read) runs on a worker."""

    def __init__(self, workstation: Workstation, attachment, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attachment_preview")
        services, tasks = workstation.services, workstation.tasks
        self.attachments = attachments = services.attachments
        self.attachment = attachment
        self.verification: Verification | None = None
        slot = attachments.store.reference.label("materials", attachment.slot, language())
        self.setWindowTitle(f"{slot} · {attachment.original_name}")
        self.status = QLabel(self.tr("Checking that the file is exactly as captured..."), self)
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("padding: 6px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        content = plaintext_of(attachments, attachment)
        if content is not None:
            layout.addWidget(self._viewer(content), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(900, 700)

        def check(job) -> Verification:
            return services.on_connection(job.db).attachments.verify(attachment)  # the task's own connection

        tasks.run(check, self._show_verification)

    def _show_verification(self, verification: Verification) -> None:
        self.verification = verification
        self.status.setText(verification_text(verification))
        color = "#1e7e34" if verification.ok else "#c0392b"
        self.status.setStyleSheet(f"color: white; background: {color}; padding: 6px;")

    def _viewer(self, content: bytes) -> QWidget:
        return file_view(self, content, self.attachment.media_type)


def file_view(owner: QWidget, content: bytes | Path, media_type: str) -> QWidget:
    """A PDF's pages or a picture, scaled to the width (the station's preview and the county's alike), shown
    from the file's bytes in memory (a path is read into memory first)."""
    if isinstance(content, Path):
        content = content.read_bytes()
    if media_type == "application/pdf":
        document = QPdfDocument(owner)
        document.load(memory_device(content, document))  # the buffer lives as long as the document
        view = QPdfView(owner)
        view.setObjectName("pdf_view")
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(document)
        return view
    label = QLabel(owner)
    label.setObjectName("image_view")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    pixmap = QPixmap()
    pixmap.loadFromData(content)
    if not pixmap.isNull():
        label.setPixmap(pixmap.scaled(860, 2000, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
    else:
        label.setText(QCoreApplication.translate("AttachmentPreview", "This picture cannot be shown."))
    scroll = QScrollArea(owner)
    scroll.setWidget(label)
    scroll.setWidgetResizable(True)
    return scroll
