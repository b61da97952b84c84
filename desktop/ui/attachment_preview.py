"""Looking at an attachment: its verification first, then the image or the PDF."""

from __future__ import annotations

import shutil
import stat
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl, Qt
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from desktop.records.attachments import Attachments, Verification

from .i18n import core_text, language
from .tasks import TaskRunner
from .workstation import Workstation


def verification_text(verification: Verification) -> str:
    return core_text("Attachments", verification.reason, verification.params)


def open_with_system_viewer(tasks: TaskRunner, attachments: Attachments, attachment,
                            parent: QWidget | None = None) -> None:
    """Open a read-only copy in the system's viewer, so no viewer can change the vault's file."""
    source = attachments.path_of(attachment)

    def copy(_job) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="legalaid-view-"))
        target = folder / attachment.original_name
        shutil.copyfile(source, target)
        target.chmod(stat.S_IREAD)
        return target

    tasks.run(copy, lambda target: QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))))


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
        path = attachments.path_of(attachment)
        present = path.exists()
        if present:
            layout.addWidget(self._viewer(path), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        system = QPushButton(self.tr("Open with the system viewer"), self)
        system.setObjectName("open_system")
        system.setEnabled(present)
        system.clicked.connect(lambda: open_with_system_viewer(tasks, attachments, attachment, self))
        buttons.addButton(system, QDialogButtonBox.ButtonRole.ActionRole)
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

    def _viewer(self, path: Path) -> QWidget:
        return file_view(self, path, self.attachment.media_type)


def file_view(owner: QWidget, path: Path, media_type: str) -> QWidget:
    """A PDF's pages or a picture, scaled to the width (the station's preview and the county's alike)."""
    if media_type == "application/pdf":
        document = QPdfDocument(owner)
        document.load(str(path))
        view = QPdfView(owner)
        view.setObjectName("pdf_view")
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(document)
        return view
    label = QLabel(owner)
    label.setObjectName("image_view")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    pixmap = QPixmap(str(path))
    if not pixmap.isNull():
        label.setPixmap(pixmap.scaled(860, 2000, Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation))
    else:
        label.setText(QCoreApplication.translate("AttachmentPreview", "This picture cannot be shown."))
    scroll = QScrollArea(owner)
    scroll.setWidget(label)
    scroll.setWidgetResizable(True)
    return scroll
