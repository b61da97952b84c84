"""First run of the county workspace: the server's address and the county certificate's fingerprint.

As at a station's enrollment (desktop/ui/settings_page.py), the fingerprint comes from the county's sheet,
typed or read from a photo of its QR code; the root is kept only when the server's matches it, so the
password typed next never goes to a server that is not the county's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget)

from desktop.ui.i18n import core_text, error_text
from desktop.ui.tasks import TaskRunner

from .layouts import centred_column
from .settings import WorkspaceSettings, pin_county

COLUMN_WIDTH = 760


class ConnectPage(QWidget):
    """The county server's address and fingerprint; `connected` once the root is pinned."""

    connected = Signal(object)  # WorkspaceSettings

    def __init__(self, data_dir: Path, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("connect_page")
        self.data_dir, self.tasks = data_dir, tasks
        title = QLabel(self.tr("Connect this computer to the county legal-aid center's server"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        hint = QLabel(self.tr("Enter the server address and the county certificate fingerprint given by the "
                              "county's administrator (as on a station's enrollment sheet). This is asked once."),
                      self)
        hint.setWordWrap(True)
        self.server_url = QLineEdit(self)
        self.server_url.setObjectName("server_url")
        self.server_url.setPlaceholderText("https://county.example:8765")
        self.fingerprint = QLineEdit(self)
        self.fingerprint.setObjectName("fingerprint")
        from_image = QPushButton(self.tr("Read from picture..."), self)
        from_image.setObjectName("fingerprint_from_image")
        from_image.clicked.connect(self.read_fingerprint_image)
        row = QHBoxLayout()
        row.addWidget(self.fingerprint, 1)
        row.addWidget(from_image)
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server_url)
        form.addRow(self.tr("County certificate fingerprint"), row)
        self.connect_button = QPushButton(self.tr("Connect"), self)
        self.connect_button.setObjectName("connect")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.connect_to_county)
        self.fingerprint.returnPressed.connect(self.connect_to_county)
        self.message = QLabel(self)
        self.message.setObjectName("connect_message")
        self.message.setWordWrap(True)
        centred_column(self, COLUMN_WIDTH, title, hint, form, self.connect_button, self.message)

    def connect_to_county(self) -> None:
        url, fingerprint = self.server_url.text().strip(), self.fingerprint.text().strip()
        if not url or not fingerprint:
            self._say(self.tr("Enter the server address and the county certificate fingerprint."), problem=True)
            return
        self.connect_button.setEnabled(False)
        self._say(self.tr("Checking the county's certificate..."))
        data_dir = self.data_dir
        self.tasks.run(lambda _job: pin_county(data_dir, url, fingerprint), self._pinned, self._refused)

    def _pinned(self, settings: WorkspaceSettings) -> None:
        self.connect_button.setEnabled(True)
        self._say(self.tr("Connected: the county certificate matches."))
        self.connected.emit(settings)

    def _refused(self, error: BaseException) -> None:
        from sync.errors import SyncError

        self.connect_button.setEnabled(True)
        if isinstance(error, SyncError) and error.code == "wrong_root":
            text = self.tr("The server's county certificate does not match this fingerprint: it is not the "
                           "county's server, or the connection is being intercepted. Nothing was sent. Check the "
                           "address and the fingerprint with the county's administrator.")
        elif isinstance(error, SyncError):
            text = core_text("Sync", error.message, error.params)
        else:
            text = self.tr("The county's server could not be checked: %1").replace("%1", error_text(error))
        self._say(text, problem=True)

    def read_fingerprint_image(self) -> None:
        from sync.certificates import show_fingerprint
        from sync.errors import SyncError
        from sync.sheet_qr import fingerprint_from_image

        from desktop.ui.bundle_exchange import BundleDialogs

        name_filter = self.tr("Pictures (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)")
        path = BundleDialogs.choose(self, self.tr("Photo of the enrollment sheet"), str(Path.home()), name_filter,
                                    save=False)
        if path is None:
            return
        try:
            self.fingerprint.setText(show_fingerprint(fingerprint_from_image(path)))
        except SyncError as error:
            self._say(core_text("Sync", error.message, error.params), problem=True)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if problem else "")
