"""Who is signed in at this window, and what their role lets them do.

The keys and the account live in the Qt-free core (desktop/records/signin.py: one unlocked station per data
folder in this process); `Session` is their face on the UI thread: `changed` when another clerk signs in,
and `allowed()`, which says in Chinese why a clerk may not void, export, restore or change the settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.records.keyring import Unlocked
from desktop.records.signin import (ACCOUNTS, AUDIT, EXPORT, RESTORE, SETTINGS, VOID, SignInError, may, remember,
                                    unlocked_station)

from .i18n import core_text
from .messages import MessageBoxes


class Session(QObject):
    changed = Signal()  # another account signed in (a switch of clerk, or after the lock)

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)

    @property
    def unlocked(self) -> Unlocked:
        return unlocked_station(self.data_dir)

    @property
    def user(self) -> str:
        return self.unlocked.user

    @property
    def is_head(self) -> bool:
        return self.unlocked.may_manage

    def may(self, action: str) -> bool:
        return may(self.unlocked, action)

    def switch(self, unlocked: Unlocked) -> None:
        """From now on `unlocked`'s account acts here (records its name, has its role's rights)."""
        remember(self.data_dir, unlocked)
        self.changed.emit()

    def action_text(self, action: str) -> str:
        return {VOID: self.tr("void a record"), EXPORT: self.tr("export data"), RESTORE: self.tr("restore a backup"),
                SETTINGS: self.tr("change the station's settings"), ACCOUNTS: self.tr("manage the accounts"),
                AUDIT: self.tr("read the audit trail")}[action]

    def allowed(self, parent: QWidget | None, action: str) -> bool:
        """True when the signed-in account may do `action`; else a message says who may, and False."""
        if self.may(action):
            return True
        error = SignInError(SignInError.NOT_ALLOWED, {"action": self.action_text(action)}, kind="not_allowed")
        MessageBoxes.warn(parent, self.tr("Only the station head may do this"),
                          core_text("Keyring", error.message, error.params))
        return False
