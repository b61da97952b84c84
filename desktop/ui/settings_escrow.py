"""设置's escrow box: the station head's choice to escrow the station's data key to the county (sync/escrow.py),
so the center can recover the station when every password and the recovery key are lost, and where that stands."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.records.changes import SYNC_STATE
from desktop.records.errors import UserFacingError, storage_error_from
from desktop.records.signin import SETTINGS as SETTINGS_RIGHT
from sync.errors import SYNC, SyncError
from sync.escrow import choose_escrow, escrowed, pending_escrow
from sync.state import is_enrolled

from .i18n import core_text
from .messages import Button, MessageBoxes
from .i18n import error_text
from .workstation import Workstation


class EscrowBox(QGroupBox):
    """县中心托管密钥: a check box only a station head changes (at once, after a question), and its state."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Key escrow with the county"))
        self.setObjectName("escrow_box")
        self.workstation = workstation
        self.station = workstation.services.station
        about = QLabel(self.tr("If every password and the recovery key are lost, the county center can recover this "
                               "station only when its key is escrowed with the county. The center can then open "
                               "this station's data: choose it as your county's rules say."), self)
        about.setObjectName("escrow_about")
        about.setWordWrap(True)
        self.choice = QCheckBox(self.tr("Escrow this station's key with the county"), self)
        self.choice.setObjectName("escrow_choice")
        self.choice.clicked.connect(self._chosen)
        self.state = QLabel(self)
        self.state.setObjectName("escrow_state")
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.choice)
        layout.addWidget(self.state)
        workstation.changes.listen_when_seen(self, self.refresh, SYNC_STATE)

    def refresh(self) -> None:
        db, data_dir = self.station.db, self.station.data_dir
        on = escrowed(data_dir)
        self.choice.setChecked(on)
        enrolled = is_enrolled(db)
        self.choice.setEnabled(enrolled or on)
        if not enrolled and not on:
            text = self.tr("Enroll with the county first: the key is escrowed to the county's certificate.")
        elif pending_escrow(db) is not None:
            text = self.tr("Escrowed; it goes to the county with the next sync or USB bundle.") if on else \
                self.tr("Withdrawn; the county deletes its copy at the next sync or USB bundle.")
        else:
            text = self.tr("Escrowed; the county keeps it.") if on else self.tr("Not escrowed.")
        self.state.setText(text)

    def _chosen(self, on: bool) -> None:
        self.choice.setChecked(not on)  # unchanged until it is done
        if not self.workstation.session.allowed(self, SETTINGS_RIGHT):
            return
        question = self.tr("Escrow this station's key with the county? The county center will be able to open this "
                           "station's data to recover it.") if on else \
            self.tr("Withdraw the escrow? The county deletes its copy at the next sync, and can no longer recover "
                    "this station when every password and the recovery key are lost.")
        if MessageBoxes.ask(self, self.tr("Key escrow with the county"), question) != Button.Yes:
            return
        by, data_dir = self.workstation.session.unlocked, self.station.data_dir
        self.workstation.tasks.write(lambda job: choose_escrow(job.db, data_dir, by, on),
                                     lambda _: self.refresh(), self._refused)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, SyncError):
            text = core_text(SYNC, error.message, error.params)
        elif isinstance(error, UserFacingError):
            text = error_text(error)
        elif isinstance(error, OSError):  # the keyring file could not be written
            refused = storage_error_from(error)
            text = core_text("Storage", refused.message, refused.params)
        else:
            text = self.tr("The choice could not be saved; nothing was changed.")
        MessageBoxes.warn(self, self.tr("Key escrow with the county"), text)
        self.refresh()
