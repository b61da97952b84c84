"""Station settings: who this station is and who works at it."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from desktop.records.changes import SYNC_STATE
from desktop.records.errors import StorageError, ValidationFailed
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.signin import SETTINGS as SETTINGS_RIGHT
from desktop.records.settings import ENROLLED, NUMBERED, StationSettings, station_code_lock
from desktop.records.validation import Issue
from sync.errors import SYNC
from sync.status import sync_state

from .i18n import core_text, issue_text, language
from .messages import MessageBoxes
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


# the settings that can be wrong, by objectName (= StationSettings field name)
SETTINGS_FIELDS = ("station_code", "station_name", "township", "county_name", "station_phone", "station_address",
                   "center_phone", "station_type", "clerks",
                   "lock_minutes", "autosave_seconds", "scanner_folder", "max_attachment_mb", "seal_image",
                   "form_body_font")


class SettingsPage(QWidget):
    enrolled = Signal()  # the station was enrolled with the county: a first sync follows

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.services = services = workstation.services
        self.station = station = services.station
        self.key_fingerprint = QLabel(services.key.fingerprint(), self)
        self.key_fingerprint.setObjectName("key_fingerprint")
        self.key_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_fingerprint.setToolTip(self.tr("The county compares this with the key it enrolled for this station."))
        self.intro = QLabel(self)
        self.intro.setObjectName("settings_intro")
        self.intro.setWordWrap(True)
        self.station_code = self._line("station_code", self.tr("Station code"), 12)
        self.station_name = self._line("station_name", self.tr("Station name"), 60)
        self.township = self._line("township", self.tr("Township"), 30)
        self.county_name = self._line("county_name", self.tr("County"), 30)
        self.station_phone = self._line("station_phone", self.tr("Station phone"), 30)
        self.station_phone.setPlaceholderText(self.tr("Printed on the receipt, e.g. 0376-6123456"))
        self.station_address = self._line("station_address", self.tr("Station address"), 200)
        self.station_address.setPlaceholderText(self.tr("Printed on the receipt"))
        self.center_phone = self._line("center_phone", self.tr("County legal-aid center's phone"), 30)
        self.center_phone.setPlaceholderText(self.tr("Printed on the county's notices"))
        self.station_type = QComboBox(self)
        self.station_type.setObjectName("station_type")
        self.station_type.setAccessibleName(self.tr("Kind of station"))
        for choice in station.store.reference.choices("station_types"):
            self.station_type.addItem(choice.label(language()), choice.code)
        self.clerks = QPlainTextEdit(self)
        self.clerks.setObjectName("clerks")
        self.clerks.setAccessibleName(self.tr("Clerks"))
        self.clerks.setTabChangesFocus(True)
        self.clerks.setFixedHeight(80)
        self.clerks.setPlaceholderText(self.tr("One name per line"))
        self.lock_minutes = QSpinBox(self)  # who is on duty is whoever signed in: no drop-down to choose
        self.lock_minutes.setObjectName("lock_minutes")
        self.lock_minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        self.lock_minutes.setRange(1, 240)
        self.autosave_seconds = QSpinBox(self)
        self.autosave_seconds.setObjectName("autosave_seconds")
        self.autosave_seconds.setAccessibleName(self.tr("Autosave every (seconds)"))
        self.autosave_seconds.setRange(2, 300)
        self.scanner_folder = self._line("scanner_folder", self.tr("Scanner folder"), 500)
        self.scanner_folder.setPlaceholderText(self.tr("Folder the scanner saves to (optional)"))
        browse = QPushButton(self.tr("Choose..."), self)
        browse.setObjectName("choose_scanner_folder")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._choose_scanner_folder)
        self.scanner_row = QHBoxLayout()
        self.scanner_row.addWidget(self.scanner_folder, 1)
        self.scanner_row.addWidget(browse)
        self.max_attachment_mb = QSpinBox(self)
        self.max_attachment_mb.setObjectName("max_attachment_mb")
        self.max_attachment_mb.setAccessibleName(self.tr("Largest attachment (MB)"))
        self.max_attachment_mb.setRange(1, 500)
        self.seal_image = self._line("seal_image", self.tr("Seal picture"), 500)
        self.seal_image.setPlaceholderText(self.tr("PNG or JPEG of the station's seal (optional)"))
        self.seal_image.editingFinished.connect(self._show_seal)
        self.seal_preview = QLabel(self)
        self.seal_preview.setObjectName("seal_preview")
        self.seal_preview.setFixedSize(96, 96)
        self.seal_preview.setToolTip(self.tr("The seal printed on forms that carry one"))
        self.form_body_font = self._line("form_body_font", self.tr("Font for printed forms"), 500)
        self.form_body_font.setPlaceholderText(self.tr("TrueType file, e.g. C:\\Windows\\Fonts\\simsun.ttc (optional)"))
        self.data_dir = QLabel(str(station.data_dir), self)
        self.data_dir.setObjectName("data_dir")
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors = QLabel(self)
        self.errors.setObjectName("settings_errors")
        self.errors.setStyleSheet("color: #c0392b;")
        self.errors.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save settings"), self)
        self.save_button.setObjectName("save_settings")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)

        form = QFormLayout()
        form.addRow(self.tr("Station code"), self.station_code)
        form.addRow(self.tr("Station name"), self.station_name)
        form.addRow(self.tr("Township"), self.township)
        form.addRow(self.tr("County"), self.county_name)
        form.addRow(self.tr("Station phone"), self.station_phone)
        form.addRow(self.tr("Station address"), self.station_address)
        form.addRow(self.tr("County legal-aid center's phone"), self.center_phone)
        form.addRow(self.tr("Kind of station"), self.station_type)
        form.addRow(self.tr("Clerks"), self.clerks)
        form.addRow(self.tr("Lock after idle minutes"), self.lock_minutes)
        form.addRow(self.tr("Autosave every (seconds)"), self.autosave_seconds)
        form.addRow(self.tr("Scanner folder"), self.scanner_row)
        form.addRow(self.tr("Largest attachment (MB)"), self.max_attachment_mb)
        form.addRow(self.tr("Seal picture"), self._with_chooser(self.seal_image, "choose_seal_image",
                                                                self.tr("Images (*.png *.jpg *.jpeg)"),
                                                                self.seal_preview))
        form.addRow(self.tr("Font for printed forms"), self._with_chooser(self.form_body_font, "choose_form_font",
                                                                          self.tr("TrueType fonts (*.ttf *.ttc)")))
        form.addRow(self.tr("Data folder"), self.data_dir)
        form.addRow(self.tr("Station key fingerprint"), self.key_fingerprint)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        scroll = QScrollArea(self)  # a laptop's 768-pixel screen leaves ~690 for the window: the page scrolls
        scroll.setObjectName("settings_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 9)
        outer.addWidget(scroll, 1)
        layout.addWidget(self.intro)
        columns = QHBoxLayout()  # the county box beside the form: the page stays within a 768-pixel screen
        columns.addLayout(form, 3)
        columns.addWidget(self._build_enrollment(), 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(columns)
        layout.addStretch(1)
        outer.addWidget(self.errors)  # below the scrolling part: 保存设置 and what is wrong stay in view
        outer.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.load()
        self.refresh_enrollment()
        workstation.changes.listen(self, self.refresh_enrollment, SYNC_STATE)

    # -- enrollment with the county --------------------------------------------------------

    def _build_enrollment(self) -> QGroupBox:
        box = QGroupBox(self.tr("County server"), self)
        box.setObjectName("enrollment_box")
        self.server_url = self._line("server_url", self.tr("Server address"), 300)
        self.server_url.setPlaceholderText(self.tr("Address given by the county"))
        self.enrollment_code = self._line("enrollment_code", self.tr("Enrollment code"), 40)
        self.enrollment_code.setPlaceholderText(self.tr("One-time code from the county"))
        # the county root's fingerprint from the enrollment sheet: typed, or read from a photo of its QR code
        self.root_fingerprint = self._line("root_fingerprint", self.tr("County certificate fingerprint"), 120)
        self.root_fingerprint.setPlaceholderText(self.tr("64 letters and digits from the enrollment sheet"))
        self.read_fingerprint_button = QPushButton(self.tr("Read from image..."), box)
        self.read_fingerprint_button.setObjectName("read_fingerprint_image")
        self.read_fingerprint_button.setAutoDefault(False)
        self.read_fingerprint_button.setToolTip(self.tr("Choose a photo or scan of the enrollment sheet: the "
                                                        "fingerprint is read from its QR code"))
        self.read_fingerprint_button.clicked.connect(self.read_fingerprint_image)
        fingerprint_row = QHBoxLayout()
        fingerprint_row.addWidget(self.root_fingerprint, 1)
        fingerprint_row.addWidget(self.read_fingerprint_button)
        self.enroll_button = QPushButton(self.tr("Enroll"), box)
        self.enroll_button.setObjectName("enroll")
        self.enroll_button.setAutoDefault(False)
        self.enroll_button.clicked.connect(self.enroll)
        self.enrolled_server = QLabel(box)
        self.enrolled_server.setObjectName("enrolled_server")
        self.enrolled_server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrolled_server.setWordWrap(True)  # "revoked (time)" or "by USB" must not widen the box past the screen
        self.county_fingerprint = QLabel(box)
        self.county_fingerprint.setObjectName("county_fingerprint")
        self.county_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.county_fingerprint.setWordWrap(True)
        self.county_fingerprint.setToolTip(self.tr("Compare this with the county center's certificate fingerprint."))
        self.document_certificate = QLabel(box)
        self.document_certificate.setObjectName("document_certificate")
        self.document_certificate.setWordWrap(True)
        self.enrollment_status = QLabel(box)
        self.enrollment_status.setObjectName("enrollment_status")
        self.enrollment_status.setWordWrap(True)
        self.enrollment_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a station that never has a network enrolls by USB stick: a request file to the county, its answer back
        usb_label = QLabel(self.tr("No network? Enroll with a USB stick:"), box)
        usb_label.setObjectName("usb_enrollment_label")
        usb_label.setWordWrap(True)
        self.export_request_button = QPushButton(self.tr("Export enrollment request..."), box)
        self.export_request_button.setObjectName("export_enrollment_request")
        self.export_request_button.setToolTip(self.tr("Writes this station's key and the enrollment code typed above "
                                                      "to a file; the county enrolls it and gives you an answer file"))
        self.export_request_button.clicked.connect(self.export_enrollment_request)
        self.import_answer_button = QPushButton(self.tr("Import county's enrollment answer..."), box)
        self.import_answer_button.setObjectName("import_enrollment_answer")
        self.import_answer_button.clicked.connect(self.import_enrollment_answer)
        usb_buttons = QHBoxLayout()
        for button in (self.export_request_button, self.import_answer_button):
            button.setAutoDefault(False)
            usb_buttons.addWidget(button)
        usb_buttons.addStretch(1)
        form = QFormLayout(box)
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
        return box

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
            self.county_fingerprint.setText(state.county_fingerprint or "")
            if not self.server_url.text():
                self.server_url.setText(state.server_url or "")
        else:
            self.county_fingerprint.setText("-")
        self.document_certificate.setText(self._document_certificate_text(state.enrolled))
        self._lock_station_code()

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
                                  .replace("%2", error.strerror or str(error)), problem=True)
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

    def _line(self, name: str, accessible: str, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(length)
        return edit

    def _with_chooser(self, edit: QLineEdit, name: str, file_filter: str, extra: QWidget | None = None) -> QHBoxLayout:
        button = QPushButton(self.tr("Choose..."), self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose_file(edit, file_filter))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(button)
        if extra is not None:
            row.addWidget(extra)
        return row

    def _choose_file(self, edit: QLineEdit, file_filter: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), edit.text(), file_filter)
        if path:
            edit.setText(path)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override; the seal is drawn when first seen
        super().showEvent(event)
        self._show_seal()

    def _show_seal(self) -> None:
        """The configured picture, or the generated seal with the station's name."""
        path = self.seal_image.text().strip()
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            from forms.seal import seal_png  # the generated default, drawn by the forms core

            name = self.station_name.text().strip() or self.station.settings.station_name
            pixmap.loadFromData(seal_png(name or " ", 192))
        self.seal_preview.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))

    def _choose_scanner_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Scanner folder"), self.scanner_folder.text())
        if folder:
            self.scanner_folder.setText(folder)

    def _clerk_names(self) -> list[str]:
        return [n.strip() for n in self.clerks.toPlainText().splitlines() if n.strip()]

    def load(self) -> None:
        s = self.station.settings
        self.station_code.setText(s.station_code)
        self.station_name.setText(s.station_name)
        self.township.setText(s.township)
        self.county_name.setText(s.county_name)
        self.station_phone.setText(s.station_phone)
        self.station_address.setText(s.station_address)
        self.center_phone.setText(s.center_phone)
        self.station_type.setCurrentIndex(max(self.station_type.findData(s.station_type), 0))
        self.clerks.setPlainText("\n".join(s.clerks))
        self.lock_minutes.setValue(s.lock_minutes)
        self.autosave_seconds.setValue(s.autosave_seconds)
        self.scanner_folder.setText(s.scanner_folder)
        self.seal_image.setText(s.seal_image)
        self.form_body_font.setText(s.form_body_font)
        if self.isVisible():
            self._show_seal()
        self.max_attachment_mb.setValue(s.max_attachment_mb)
        self._lock_station_code()

    def _lock_station_code(self) -> None:
        """The code is fixed once the county certified it (enrollment) or an application number carries it:
        changing it then would make the county refuse every change as recorded by another station."""
        s = self.station.settings
        lock = station_code_lock(self.station.db)
        enrolled, numbered = lock == ENROLLED, lock == NUMBERED
        if enrolled or numbered:
            self.station_code.setText(s.station_code)  # never keep an unsaved edit in a field that cannot change
        self.station_code.setReadOnly(enrolled or numbered)
        if not s.configured:
            self.intro.setText(self.tr("Welcome. Enter this station's details as given by the county before recording."))
        elif enrolled:
            self.intro.setText(self.tr("The county certified this station under code %1 when it enrolled it; the "
                                       "code can no longer change.").replace("%1", s.station_code))
        elif numbered:
            self.intro.setText(self.tr("The station code is part of every application number and can no longer change."))
        else:
            self.intro.setText("")

    def values(self) -> StationSettings:
        """The page's fields over the current settings (fields set elsewhere, e.g. backups, are kept)."""
        code = self.station.settings.station_code if self.station_code.isReadOnly() else \
            self.station_code.text().strip().upper()
        return replace(
            self.station.settings, station_code=code, station_name=self.station_name.text().strip(),
            township=self.township.text().strip(), county_name=self.county_name.text().strip(),
            station_phone=self.station_phone.text().strip(), station_address=self.station_address.text().strip(),
            center_phone=self.center_phone.text().strip(),
            station_type=self.station_type.currentData(), clerks=tuple(self._clerk_names()),
            lock_minutes=self.lock_minutes.value(), autosave_seconds=self.autosave_seconds.value(),
            scanner_folder=self.scanner_folder.text().strip(), max_attachment_mb=self.max_attachment_mb.value(),
            seal_image=self.seal_image.text().strip(), form_body_font=self.form_body_font.text().strip())

    def _mark_fields(self, issues: list[Issue]) -> None:
        """Each problem also at its field: a red frame, the reason as its tooltip, the first one focused."""
        wrong = {i.field: issue_text(i) for i in issues}
        first = None
        for name in SETTINGS_FIELDS:
            widget = self.findChild(QWidget, name)
            if widget is None:
                continue
            text = wrong.get(name)
            widget.setStyleSheet("border: 1px solid #c0392b;" if text else "")
            widget.setToolTip(text or "")
            if text and first is None:
                first = widget
        if first is not None:
            first.setFocus()

    def save(self) -> bool:
        if not self.workstation.session.allowed(self, SETTINGS_RIGHT):
            return False
        settings = self.values()
        issues = settings.issues()
        if settings.scanner_folder and not Path(settings.scanner_folder).is_dir():
            issues.append(Issue("scanner_folder", QT_TRANSLATE_NOOP("Validation", "The scanner folder does not exist.")))
        self._mark_fields(issues)
        if issues:
            self.errors.setText("\n".join(issue_text(i) for i in issues))
            return False
        try:
            self.station.update_settings(settings)
        except StorageError as error:
            MessageBoxes.warn(self, self.tr("Not saved"), core_text("Storage", error.message, error.params))
            return False
        except ValidationFailed as refused:  # the core's rules (the station code lock)
            self._mark_fields(refused.issues)
            self.errors.setText("\n".join(issue_text(i) for i in refused.issues))
            return False
        self.errors.setText("")
        self.load()  # the window and the status bar follow the settings' change notification
        return True
