"""设置's county server box: enrolling this station with the county, over the network or by USB stick, and what the
enrollment left (the server, the county's certificate fingerprint, the document signing certificate)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from sync.errors import SYNC
from sync.status import county_fingerprint, sync_state

from .i18n import core_text, error_text
from .settings_station import line_edit
from .sync_controller import revoked_text
from .sync_progress import PROBLEM_STYLE
from .workstation import Workstation

log = logging.getLogger(__name__)

REQUEST_SUFFIX, ANSWER_SUFFIX = "enroll", "answer"  # E:\TS01.enroll to the county, E:\TS01.answer back (README)


def _usb_folder() -> str:
    """The folder of the last USB exchange (bundles and enrollment files share it), else home."""
    from . import bundle_exchange

    folder = bundle_exchange.settings_factory().value(bundle_exchange.LAST_FOLDER_KEY, "")
    if folder and Path(str(folder)).is_dir():
        return str(folder)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)


def _remember_usb_folder(path: Path) -> None:
    from . import bundle_exchange

    settings = bundle_exchange.settings_factory()
    settings.setValue(bundle_exchange.LAST_FOLDER_KEY, str(path.parent))
    settings.sync()


class CountyServerBox(QGroupBox):
    """县中心服务器: the enrollment's fields and buttons, and its state (refreshed on every change of the sync state)."""

    enrolled = Signal()  # the station was enrolled with the county: a first sync follows

    def __init__(self, workstation: Workstation, station_code: QLineEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("County server"))
        self.setObjectName("enrollment_box")
        self.workstation = workstation
        self.services = workstation.services
        self.station = workstation.services.station
        self.station_code = station_code  # the details' field: the code the county certifies must be saved first
        self.server_url = line_edit(self, "server_url", self.tr("Server address"), 300)
        self.server_url.setPlaceholderText(self.tr("Address given by the county"))
        self.enrollment_code = line_edit(self, "enrollment_code", self.tr("Enrollment code"), 40)
        self.enrollment_code.setPlaceholderText(self.tr("One-time code from the county"))
        # the county root's fingerprint from the enrollment sheet: typed, or read from a photo of its QR code
        self.root_fingerprint = line_edit(self, "root_fingerprint", self.tr("County certificate fingerprint"), 120)
        self.root_fingerprint.setPlaceholderText(self.tr("64 letters and digits from the enrollment sheet"))
        self.read_fingerprint_button = QPushButton(self.tr("Read from image..."), self)
        self.read_fingerprint_button.setObjectName("read_fingerprint_image")
        self.read_fingerprint_button.setAutoDefault(False)
        self.read_fingerprint_button.setToolTip(self.tr("Choose a photo or scan of the enrollment sheet: the "
                                                        "fingerprint is read from its QR code"))
        self.read_fingerprint_button.clicked.connect(self.read_fingerprint_image)
        fingerprint_row = QHBoxLayout()
        fingerprint_row.addWidget(self.root_fingerprint, 1)
        fingerprint_row.addWidget(self.read_fingerprint_button)
        self.enroll_button = QPushButton(self.tr("Enroll"), self)
        self.enroll_button.setObjectName("enroll")
        self.enroll_button.setAutoDefault(False)
        self.enroll_button.clicked.connect(self.enroll)
        self.enrolled_server = QLabel(self)
        self.enrolled_server.setObjectName("enrolled_server")
        self.enrolled_server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrolled_server.setWordWrap(True)  # "revoked (time)" or "by USB" must not widen the box past the screen
        self.county_fingerprint = QLabel(self)
        self.county_fingerprint.setObjectName("county_fingerprint")
        self.county_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.county_fingerprint.setWordWrap(True)
        self.county_fingerprint.setToolTip(self.tr("Compare this with the county center's certificate fingerprint."))
        self.document_certificate = QLabel(self)
        self.document_certificate.setObjectName("document_certificate")
        self.document_certificate.setWordWrap(True)
        self.enrollment_status = QLabel(self)
        self.enrollment_status.setObjectName("enrollment_status")
        self.enrollment_status.setWordWrap(True)
        self.enrollment_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a station that never has a network enrolls by USB stick: a request file to the county, its answer back
        usb_label = QLabel(self.tr("No network? Enroll with a USB stick:"), self)
        usb_label.setObjectName("usb_enrollment_label")
        usb_label.setWordWrap(True)
        self.export_request_button = QPushButton(self.tr("Export enrollment request..."), self)
        self.export_request_button.setObjectName("export_enrollment_request")
        self.export_request_button.setToolTip(self.tr("Writes this station's key and the enrollment code typed above "
                                                      "to a file; the county enrolls it and gives you an answer file"))
        self.export_request_button.clicked.connect(self.export_enrollment_request)
        self.import_answer_button = QPushButton(self.tr("Import county's enrollment answer..."), self)
        self.import_answer_button.setObjectName("import_enrollment_answer")
        self.import_answer_button.clicked.connect(self.import_enrollment_answer)
        usb_buttons = QHBoxLayout()
        for button in (self.export_request_button, self.import_answer_button):
            button.setAutoDefault(False)
            usb_buttons.addWidget(button)
        usb_buttons.addStretch(1)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Server address"), self.server_url)
        form.addRow(self.tr("Enrollment code"), self.enrollment_code)
        form.addRow(self.tr("Sheet's fingerprint"), fingerprint_row)
        form.addRow("", self.enroll_button)
        form.addRow(usb_label)
        form.addRow(usb_buttons)
        form.addRow(self.tr("Enrolled with"), self.enrolled_server)
        form.addRow(self.tr("County certificate fingerprint"), self.county_fingerprint)
        form.addRow(self.tr("Document signing"), self.document_certificate)
        form.addRow("", self.enrollment_status)


    def refresh_enrollment(self) -> None:
        state = sync_state(self.station.db)
        if state.enrolled and state.revoked_at:  # not "enrolled with …": this station can no longer sync
            self.enrolled_server.setText(revoked_text(state.revoked_at))
            self.enrolled_server.setToolTip(self.tr("The county revoked this station's enrollment; ask the county "
                                                    "legal-aid center (it may give a new enrollment code)."))
            self.enrolled_server.setStyleSheet(PROBLEM_STYLE)
        elif state.enrolled:
            self.enrolled_server.setText(state.server_url or self.tr("The county (by USB; no server address)"))
            self.enrolled_server.setToolTip("")
            self.enrolled_server.setStyleSheet("")
        else:
            self.enrolled_server.setText(self.tr("Not enrolled yet"))
            self.enrolled_server.setToolTip("")
            self.enrolled_server.setStyleSheet("")
        if state.enrolled:
            self.county_fingerprint.setText(county_fingerprint(self.station.db) or "")
            if not self.server_url.text():
                self.server_url.setText(state.server_url or "")
        else:
            self.county_fingerprint.setText("-")
        self.document_certificate.setText(self._document_certificate_text(state.enrolled))

    def _document_certificate_text(self, enrolled: bool) -> str:
        """Whether printed documents are signed, and with which certificate until when."""
        signer = self.services.document_signer()
        if signer is not None:
            until = signer.chain[0].not_valid_after_utc.date().isoformat()
            return self.tr("Documents are signed with the certificate the county issued to station %1 (valid "
                           "until %2).").replace("%1", signer.holder.code).replace("%2", until)
        if enrolled:
            return self.tr("Not yet: the county issues this station's document certificate at the next sync. "
                           "Until then printed documents are not signed.")
        return self.tr("Documents are signed once the station is enrolled.")

    def read_fingerprint_image(self) -> None:
        """Fill the fingerprint from a photo or scan of the enrollment sheet's QR code."""
        from sync.errors import SyncError
        from sync.sheet_qr import fingerprint_from_image

        from .bundle_exchange import BundleDialogs

        name_filter = self.tr("Pictures (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)") + ";;" + self.tr("All files (*)")
        path = BundleDialogs.choose(self, self.tr("Photo of the enrollment sheet"), _usb_folder(), name_filter,
                                    save=False)
        if path is None:
            return
        try:
            found = fingerprint_from_image(path)
        except SyncError as error:
            self._show_enrollment(core_text(SYNC, error.message, error.params), problem=True)
            return
        from sync.certificates import show_fingerprint

        self.root_fingerprint.setText(show_fingerprint(found))
        self._show_enrollment(self.tr("Fingerprint read from %1.").replace("%1", path.name))

    def _ready_to_enroll(self) -> bool:
        """The saved details are what the county certifies: the station code in the field must be saved."""
        settings = self.station.settings
        if not settings.configured or self.station_code.text().strip().upper() != settings.station_code:
            self._show_enrollment(self.tr("Save this station's details first, then enroll."), problem=True)
            return False
        return True

    def enroll(self) -> None:
        """Send this station's key with the one-time code, on a worker; the answer shows below the button."""
        from .sync_controller import enroll_on_worker

        server, code = self.server_url.text().strip(), self.enrollment_code.text().strip()
        fingerprint = self.root_fingerprint.text().strip()
        if not self._ready_to_enroll():
            return
        if not server or not code or not fingerprint:
            self._show_enrollment(self.tr("Enter the server address, the enrollment code and the county certificate "
                                          "fingerprint from the enrollment sheet."), problem=True)
            return
        self.enroll_button.setEnabled(False)
        self._show_enrollment(self.tr("Enrolling..."))
        enroll_on_worker(self.workstation, server, code, fingerprint, self._enrolled, self._enrollment_failed)

    # -- enrollment by USB stick (no network at all) ------------------------------------------

    def export_enrollment_request(self) -> None:
        """Write this station's key and the typed one-time code to a file for the county (`station enroll-file`)."""
        from sync.enrollment import write_enrollment_request

        from .bundle_exchange import BundleDialogs

        code = self.enrollment_code.text().strip()
        if not self._ready_to_enroll():
            return
        if not code:
            self._show_enrollment(self.tr("Enter the enrollment code the county gave you, then export the "
                                          "request."), problem=True)
            return
        station_code = self.station.settings.station_code
        path = BundleDialogs.choose(self, self.tr("Export enrollment request"), _usb_folder(),
                                    self.tr("Enrollment requests (*.%1)").replace("%1", REQUEST_SUFFIX), save=True,
                                    suggested=f"{station_code}.{REQUEST_SUFFIX}", suffix=REQUEST_SUFFIX)
        if path is None:
            return
        _remember_usb_folder(path)
        try:
            write_enrollment_request(path, self.services.key, self.services.document_key, station_code, code)
        except OSError as error:  # a stick pulled out, full or read-only
            self._show_enrollment(self.tr("Cannot write %1: %2").replace("%1", str(path))
                                  .replace("%2", error_text(error)), problem=True)
            return
        self._show_enrollment(self.tr("Enrollment request written to %1. Take it to the county center; bring back "
                                      "the answer file it gives you and import it here.").replace("%1", str(path)))

    def import_enrollment_answer(self) -> None:
        """The county's answer file: checked and pinned exactly as a network enrollment's answer."""
        from sync.enrollment import import_enrollment_answer
        from sync.errors import SyncError

        from .bundle_exchange import BundleDialogs

        if not self._ready_to_enroll():
            return
        name_filter = (self.tr("County enrollment answers (*.%1)").replace("%1", ANSWER_SUFFIX) + ";;"
                       + self.tr("All files (*)"))
        path = BundleDialogs.choose(self, self.tr("Import county's enrollment answer"), _usb_folder(), name_filter,
                                    save=False)
        if path is None:
            return
        _remember_usb_folder(path)
        try:  # a small local file and one transaction: no worker needed
            cert = import_enrollment_answer(self.station.db, self.services.key, self.services.document_key, path,
                                            self.station.settings.station_code, self.root_fingerprint.text())
        except SyncError as error:
            self._enrollment_failed(error)
            return
        self._enrolled(cert)

    def _enrolled(self, cert) -> None:
        self.enroll_button.setEnabled(True)
        self.enrollment_code.clear()  # the enrollment's details follow its change notification
        self.root_fingerprint.clear()
        text = (self.tr("Enrolled as station %1 %2.").replace("%1", str(cert.get("station_code", "")))
                .replace("%2", str(cert.get("name", ""))))
        if not sync_state(self.station.db).server_url:
            text += " " + self.tr("With no server address, exchange data by USB stick: File, Export sync bundle "
                                  "to USB.")
        self._show_enrollment(text)
        self.enrolled.emit()

    def _enrollment_failed(self, error: BaseException) -> None:
        self.enroll_button.setEnabled(True)
        self._show_enrollment(self.enrollment_problem(error), problem=True)

    def enrollment_problem(self, error: BaseException) -> str:
        """One sentence on why the station is not enrolled (the client's words are whole sentences already)."""
        import requests

        from sync.errors import SyncError

        if isinstance(error, SyncError) and error.code == "enrollment_refused":
            return self.tr("The county did not accept this enrollment code: it is wrong or has been used already. "
                           "Ask the county for a new code.")
        if isinstance(error, SyncError) and isinstance(error.__cause__, requests.RequestException):
            return self.tr("Not enrolled: the county server cannot be reached. Check the network and the server "
                           "address, or enroll with a USB stick below.")
        if isinstance(error, SyncError):
            return core_text(SYNC, error.message, error.params)
        log.error("enrollment failed: %r", error)
        return self.tr("Not enrolled: an unexpected error happened (see the log).")

    def _show_enrollment(self, text: str, *, problem: bool = False) -> None:
        self.enrollment_status.setText(text)
        self.enrollment_status.setStyleSheet(PROBLEM_STYLE if problem else "")

