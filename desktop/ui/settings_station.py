"""设置's station details: who this station is, who works at it, and how it records and prints; the station code
shown locked (and why) once an application number or the county's certificate carries it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop.records.settings import ENROLLED, NUMBERED, StationSettings, station_code_lock
from desktop.records.validation import Issue

from .field_widgets import READ_ONLY_BACKGROUND, READ_ONLY_TEXT
from .i18n import issue_text, language
from .workstation import Workstation

# the settings that can be wrong, by objectName (= StationSettings field name)
SETTINGS_FIELDS = ("station_code", "station_name", "township", "county_name", "station_phone", "station_address",
                   "center_phone", "station_type", "clerks",
                   "lock_minutes", "autosave_seconds", "scanner_folder", "max_attachment_mb", "seal_image",
                   "form_body_font")
PROBLEM_BORDER = "border: 1px solid #c0392b;"
LOCKED_STYLE = f"background-color: {READ_ONLY_BACKGROUND}; color: {READ_ONLY_TEXT};"


def line_edit(parent: QWidget, name: str, accessible: str, length: int) -> QLineEdit:
    """A settings field: named as its setting (problems are marked by name), with its length limit."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setMaxLength(length)
    return edit


class StationDetails(QWidget):
    """The station's details as a form (the page saves them)."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        services = workstation.services
        self.station = station = services.station
        self.key_fingerprint = QLabel(services.key.fingerprint(), self)
        self.key_fingerprint.setObjectName("key_fingerprint")
        self.key_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_fingerprint.setToolTip(self.tr("The county compares this with the key it enrolled for this station."))
        self.intro = QLabel(self)
        self.intro.setObjectName("settings_intro")
        self.intro.setWordWrap(True)
        self.station_code = line_edit(self, "station_code", self.tr("Station code"), 12)
        self.station_code_lock = QLabel(self)  # beside the locked code: that it is locked, and why (its tooltip)
        self.station_code_lock.setObjectName("station_code_lock")
        self.station_code_lock.setStyleSheet(f"color: {READ_ONLY_TEXT};")
        code_row = QHBoxLayout()
        code_row.addWidget(self.station_code, 1)
        code_row.addWidget(self.station_code_lock)
        self.station_name = line_edit(self, "station_name", self.tr("Station name"), 60)
        self.township = line_edit(self, "township", self.tr("Township"), 30)
        self.county_name = line_edit(self, "county_name", self.tr("County"), 30)
        self.station_phone = line_edit(self, "station_phone", self.tr("Station phone"), 30)
        self.station_phone.setPlaceholderText(self.tr("Printed on the receipt, e.g. 0376-6123456"))
        self.station_address = line_edit(self, "station_address", self.tr("Station address"), 200)
        self.station_address.setPlaceholderText(self.tr("Printed on the receipt"))
        self.center_phone = line_edit(self, "center_phone", self.tr("County legal-aid center's phone"), 30)
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
        self.scanner_folder = line_edit(self, "scanner_folder", self.tr("Scanner folder"), 500)
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
        self.seal_image = line_edit(self, "seal_image", self.tr("Seal picture"), 500)
        self.seal_image.setPlaceholderText(self.tr("PNG or JPEG of the station's seal (optional)"))
        self.seal_image.editingFinished.connect(self._show_seal)
        self.seal_preview = QLabel(self)
        self.seal_preview.setObjectName("seal_preview")
        self.seal_preview.setFixedSize(96, 96)
        self.seal_preview.setToolTip(self.tr("The seal printed on forms that carry one"))
        self.form_body_font = line_edit(self, "form_body_font", self.tr("Font for printed forms"), 500)
        self.form_body_font.setPlaceholderText(self.tr("TrueType file, e.g. C:\\Windows\\Fonts\\simsun.ttc (optional)"))
        self.data_dir = QLabel(str(station.data_dir), self)
        self.data_dir.setObjectName("data_dir")
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Station code"), code_row)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(form)

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
        self.lock_station_code()

    def lock_station_code(self) -> None:
        """The code is fixed once the county certified it (enrollment) or an application number carries it:
        changing it then would make the county refuse every change as recorded by another station. A locked code
        looks it (grey, 已锁定 beside it) and says why, above the form and in its tooltip."""
        s = self.station.settings
        lock = station_code_lock(self.station.db)
        enrolled, numbered = lock == ENROLLED, lock == NUMBERED
        if enrolled or numbered:
            self.station_code.setText(s.station_code)  # never keep an unsaved edit in a field that cannot change
        self.station_code.setReadOnly(enrolled or numbered)
        self.station_code.setFocusPolicy(Qt.FocusPolicy.ClickFocus if enrolled or numbered else Qt.FocusPolicy.StrongFocus)
        why = ""
        if not s.configured:
            self.intro.setText(self.tr("Welcome. Enter this station's details as given by the county before recording."))
        elif enrolled:
            why = self.tr("The county certified this station under code %1 when it enrolled it; the code can no longer "
                          "change.").replace("%1", s.station_code)
        elif numbered:
            why = self.tr("The station code is part of every application number and can no longer change.")
        if s.configured:
            self.intro.setText(why)
        self.station_code_lock.setText(self.tr("Locked") if why else "")
        self.station_code_lock.setVisible(bool(why))
        for widget in (self.station_code, self.station_code_lock):
            widget.setToolTip(why)
        self.station_code.setStyleSheet(LOCKED_STYLE if why else "")

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

    def mark_fields(self, issues: list[Issue]) -> None:
        """Each problem also at its field: a red frame, the reason as its tooltip, the first one focused."""
        wrong = {i.field: issue_text(i) for i in issues}
        first = None
        for name in SETTINGS_FIELDS:
            widget = self.findChild(QWidget, name)
            if widget is None:
                continue
            text = wrong.get(name)
            locked = isinstance(widget, QLineEdit) and widget.isReadOnly()
            widget.setStyleSheet((PROBLEM_BORDER if text else "") + (LOCKED_STYLE if locked else ""))
            widget.setToolTip(text or (widget.toolTip() if locked else ""))
            if text and first is None:
                first = widget
        if first is not None:
            first.setFocus()

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

