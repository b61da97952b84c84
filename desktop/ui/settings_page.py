"""设置: the station's details (settings_station.py) beside the county server box (settings_county.py), saved with
one button. Each concern is a part of its own; a new part of the settings is a module beside them, added here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from desktop.records.changes import SYNC_STATE
from desktop.records.errors import StorageError, ValidationFailed
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.signin import SETTINGS as SETTINGS_RIGHT
from desktop.records.validation import Issue

from .i18n import core_text, issue_text
from .messages import MessageBoxes
from .settings_county import CountyServerBox
from .settings_escrow import EscrowBox
from .settings_station import StationDetails
from .workstation import Workstation


class SettingsPage(QWidget):
    enrolled = Signal()  # the station was enrolled with the county: a first sync follows

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.station = workstation.services.station
        self.details = StationDetails(workstation, self)
        self.county = CountyServerBox(workstation, self.details.station_code, self)
        self.county.enrolled.connect(self.enrolled)
        self.escrow = EscrowBox(workstation, self)
        self.errors = QLabel(self)
        self.errors.setObjectName("settings_errors")
        self.errors.setStyleSheet("color: #c0392b;")
        self.errors.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save settings"), self)
        self.save_button.setObjectName("save_settings")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)

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
        columns = QHBoxLayout()  # the county box beside the form: the page stays within a 768-pixel screen
        columns.addWidget(self.details, 3)
        county_column = QVBoxLayout()
        county_column.addWidget(self.county)
        county_column.addWidget(self.escrow)
        county_column.addStretch(1)
        columns.addLayout(county_column, 2)
        layout.addLayout(columns)
        layout.addStretch(1)
        outer.addWidget(self.errors)  # below the scrolling part: 保存设置 and what is wrong stay in view
        outer.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.load()
        # the county box reads certificates (cryptography's x509, 40 ms to import): when the page is seen
        workstation.changes.listen_when_seen(self, self.refresh_enrollment, SYNC_STATE)

    def load(self) -> None:
        self.details.load()

    def refresh_enrollment(self) -> None:
        """The enrollment's state, and the station code locked once the county certified it."""
        self.county.refresh_enrollment()
        self.details.lock_station_code()

    def save(self) -> bool:
        if not self.workstation.session.allowed(self, SETTINGS_RIGHT):
            return False
        settings = self.details.values()
        issues = settings.issues()
        if settings.scanner_folder and not Path(settings.scanner_folder).is_dir():
            issues.append(Issue("scanner_folder", QT_TRANSLATE_NOOP("Validation", "The scanner folder does not exist.")))
        self.details.mark_fields(issues)
        if issues:
            self.errors.setText("\n".join(issue_text(i) for i in issues))
            return False
        try:
            self.station.update_settings(settings)
        except StorageError as error:
            MessageBoxes.warn(self, self.tr("Not saved"), core_text("Storage", error.message, error.params))
            return False
        except ValidationFailed as refused:  # the core's rules (the station code lock)
            self.details.mark_fields(refused.issues)
            self.errors.setText("\n".join(issue_text(i) for i in refused.issues))
            return False
        self.errors.setText("")
        self.load()  # the window and the status bar follow the settings' change notification
        return True
