"""A material as the county holds it: its station signature's verdict first, then the scan or the PDF.

The file is fetched on a worker into a private temporary folder and shown with the station's own viewer
(desktop/ui/attachment_preview.file_view); the verdict is the server's check of the station's signed
manifest against the key the county enrolled for that station, green or red as at the station.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.records.reference import default_reference
from desktop.ui.attachment_preview import file_view
from desktop.ui.i18n import language
from sync.workspace_client import Material

from .session import CountyDesk

MAX_NAME = 80


def verdict_banner(label: QLabel, material: Material) -> None:
    """The server's check of the station's signature, green or red as at the station."""
    label.setText(material.signature)
    color = "#1e7e34" if material.signature_ok else "#c0392b"
    label.setStyleSheet(f"color: white; background: {color}; padding: 6px;")


class MaterialPreview(QDialog):
    def __init__(self, desk: CountyDesk, material: Material, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("material_preview")
        self.material = material
        slot = default_reference().label("materials", material.slot, language())
        self.setWindowTitle(f"{slot} · {material.original_name}")
        self.status = QLabel(self)
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)
        verdict_banner(self.status, material)
        self.note = QLabel(self.tr("Fetching the file from the county's server..."), self)
        self.note.setObjectName("preview_note")
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.status)
        self._layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        self._layout.addWidget(buttons)
        self.resize(900, 700)
        self.folder = Path(tempfile.mkdtemp(prefix="legalaid-county-view-"))
        self.finished.connect(lambda _r: shutil.rmtree(self.folder, ignore_errors=True))
        sha256, target = material.sha256, self.folder / _safe_name(material)

        def fetch(client) -> Path:
            target.write_bytes(client.material_bytes(sha256))
            return target

        desk.call(fetch, self._show, lambda text, _error: self.note.setText(text))

    def _show(self, path: Path) -> None:
        self.note.hide()
        self.viewer = file_view(self, path, self.material.media_type)
        self._layout.insertWidget(2, self.viewer, 1)


def _safe_name(material: Material) -> str:
    name = Path(material.original_name or material.sha256).name[-MAX_NAME:]
    return name or material.sha256
