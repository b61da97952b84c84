"""Signing in at the station: the first start's station head, the sign-in at start and at the lock, and a
forgotten password reset with the recovery key.

`SignInPanel` is one widget used twice: in the dialog at start (`sign_in_at_start`) and on the lock screen
inside the main window (desktop/ui/lock.py). It shows account names only, never a record. The password work
(Argon2id, about 0.3 s) runs on the UI thread: a sign-in is a moment the clerk waits for anyway.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from desktop.records.errors import UserFacingError
from desktop.records.escrow import open_with_recovery, read_recovery_file, record_recovery
from desktop.records.keyring import MIN_PASSWORD, Keyring, Unlocked
from desktop.records.signin import found_station, is_unlocked, remember, sign_in, unlocked_station

from .i18n import error_text
from .tasks import resume_collection

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #c0392b;"


def password_field(parent: QWidget, name: str, accessible: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


class SignInPanel(QWidget):
    """Account and password; `signedIn(Unlocked)` once they open the station (the station is then unlocked
    in this process as that account). A wrong password is said beside the field, and throttled."""

    signedIn = Signal(object)
    clock: Callable[[], float] = staticmethod(time.time)  # the throttle's clock; tests set their own

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setObjectName("signin_panel")
        self.account = QComboBox(self)
        self.account.setObjectName("signin_account")
        self.account.setAccessibleName(self.tr("Account"))
        self.password = password_field(self, "signin_password", self.tr("Password"))
        self.password.returnPressed.connect(self.try_sign_in)
        self.message = error_label(self, "signin_message")
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setObjectName("signin_button")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.recovery_button = QPushButton(self.tr("Forgot the password? Use the recovery key..."), self)
        self.recovery_button.setObjectName("signin_recovery")
        self.recovery_button.setAutoDefault(False)
        self.recovery_button.clicked.connect(self.reset_with_recovery_key)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recovery_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, preferred: str = "") -> None:
        """The accounts as the keyring has them now (the station head may have added one); the password empty."""
        current = preferred or self.account.currentText()
        self.account.clear()
        try:
            names = [a.name for a in Keyring.load(self.data_dir).accounts()]
        except UserFacingError as error:
            names = []
            self.message.setText(error_text(error))
        self.account.addItems(names)
        self.account.setCurrentIndex(max(self.account.findText(current), 0))
        self.password.clear()

    def focus(self) -> None:
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_sign_in(self) -> None:
        name = self.account.currentText()
        try:
            unlocked = sign_in(self.data_dir, name, self.password.text(), clock=self.clock)
        except UserFacingError as error:
            self.message.setText(error_text(error))
            self.password.selectAll()
            self.focus()
            return
        self.password.clear()
        self.message.clear()
        remember(self.data_dir, unlocked)
        self.signedIn.emit(unlocked)

    def reset_with_recovery_key(self) -> None:
        dialog = RecoveryResetDialog(self.data_dir, self.account.currentText(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.unlocked is not None:
            self.reload(dialog.unlocked.user)
            self.signedIn.emit(dialog.unlocked)


class SignInDialog(QDialog):
    """The sign-in at start: the panel in a window; accepted once a clerk signed in."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signin_dialog")
        self.setWindowTitle(self.tr("Sign in to the Legal-Aid Workstation"))
        self.unlocked: Unlocked | None = None
        self.panel = SignInPanel(data_dir, self)
        self.panel.signedIn.connect(self._signed_in)
        close = QPushButton(self.tr("Exit"), self)
        close.setObjectName("signin_exit")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(460, self.sizeHint().height())
        self.panel.focus()

    def _signed_in(self, unlocked: Unlocked) -> None:
        self.unlocked = unlocked
        self.accept()


class NewPasswordFields(QWidget):
    """A new password typed twice; `password()` says what is wrong beside the fields, or returns it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.first = password_field(self, "new_password", self.tr("New password"))
        self.second = password_field(self, "new_password_again", self.tr("New password again"))
        self.first.setPlaceholderText(self.tr("At least %1 characters").replace("%1", str(MIN_PASSWORD)))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("New password"), self.first)
        form.addRow(self.tr("New password again"), self.second)

    def problem(self) -> str:
        if len(self.first.text()) < MIN_PASSWORD:
            return self.tr("A password needs at least %1 characters.").replace("%1", str(MIN_PASSWORD))
        if self.first.text() != self.second.text():
            return self.tr("The two passwords differ. Type the same password twice.")
        return ""

    def password(self) -> str:
        return self.first.text()


class FirstStartDialog(QDialog):
    """The first start of a station (or of a station from an earlier version): the station head's account.
    Accepted with the station unlocked as its head; `recovery_key` is then shown once (RecoveryKeyDialog)."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setObjectName("first_start_dialog")
        self.setWindowTitle(self.tr("Set up the station head's account"))
        self.unlocked: Unlocked | None = None
        self.recovery_key = ""
        intro = QLabel(self.tr("Everything this station records is kept encrypted. First make the station "
                               "head's account: the station head signs in with it, adds the other clerks' "
                               "accounts and resets their passwords."), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setObjectName("head_name")
        self.name.setAccessibleName(self.tr("Station head's name"))
        self.passwords = NewPasswordFields(self)
        self.message = error_label(self, "first_start_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create the account"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Exit"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Station head's name"), self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        name = self.name.text().strip()
        problem = "" if name else self.tr("Enter the station head's name.")
        problem = problem or self.passwords.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            self.unlocked, self.recovery_key = found_station(self.data_dir, name, self.passwords.password())
        except UserFacingError as error:
            self.message.setText(error_text(error))
            return
        super().accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: printed (or written down) and kept apart from the laptop. It cannot
    be shown again, so the dialog closes only once the station head says it is kept."""

    def __init__(self, recovery_key: str, station: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recovery_key_dialog")
        self.setWindowTitle(self.tr("The station's recovery key"))
        self.recovery_key, self.station = recovery_key, station
        about = QLabel(self.tr("This recovery key opens the station when every password is forgotten. It is shown "
                               "only this once. Print it (or write it down), sign the sheet and lock it away, "
                               "not with the laptop."), self)
        about.setWordWrap(True)
        self.key_label = QLabel(recovery_key, self)
        self.key_label.setObjectName("recovery_key")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(self.tr("Print..."), self)
        self.print_button.setObjectName("print_recovery_key")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_sheet)
        self.kept = QCheckBox(self.tr("I have printed or written down the recovery key and keep it safe"), self)
        self.kept.setObjectName("recovery_key_kept")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Continue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.kept.toggled.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.key_label)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def reject(self) -> None:
        if self.kept.isChecked():  # Esc closes only once the key is kept
            super().reject()

    def sheet(self) -> QTextDocument:
        """The printed sheet: the station, the key, where to keep it."""
        document = QTextDocument(self)
        document.setHtml(
            "<h2>" + self.tr("Legal-Aid Workstation: recovery key") + "</h2>"
            + "<p>" + self.tr("Station: %1").replace("%1", self.station) + "</p>"
            + f"<p style='font-size:20pt; font-family:monospace'>{self.recovery_key}</p>"
            + "<p>" + self.tr("Whoever holds this key can open every record of the station. Keep it locked "
                              "away, apart from the laptop. When every password is forgotten, the sign-in "
                              "window takes it to set a new one.") + "</p>"
            + "<p>" + self.tr("Kept by (signature and date): ____________________") + "</p>")
        return document

    def print_sheet(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.sheet().print_(printer)


class RecoveryResetDialog(QDialog):
    """A forgotten password: the recovery key and a new password for one account; accepted signed in as it.
    When the recovery key is lost too, the county's recovery file (县中心恢复文件…, desktop/records/escrow.py)
    and the one-time key printed with it take its place."""

    def __init__(self, data_dir: Path, account: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setObjectName("recovery_reset_dialog")
        self.setWindowTitle(self.tr("Reset a password with the recovery key"))
        self.unlocked: Unlocked | None = None
        self.county_file: dict | None = None  # the county's recovery file, once chosen
        self.account = QComboBox(self)
        self.account.setObjectName("reset_account")
        self.account.setAccessibleName(self.tr("Account"))
        try:
            self.account.addItems([a.name for a in Keyring.load(self.data_dir).accounts()])
        except UserFacingError:
            pass  # the sign-in panel already says the keyring cannot be read
        self.account.setCurrentIndex(max(self.account.findText(account), 0))
        self.key = QLineEdit(self)
        self.key.setObjectName("recovery_key_input")
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.county_button = QPushButton(self.tr("County's recovery file..."), self)
        self.county_button.setObjectName("county_recovery_file")
        self.county_button.setAutoDefault(False)
        self.county_button.setToolTip(self.tr("The recovery key is lost too: the county center makes a recovery file "
                                              "for this station when its key is escrowed with the county"))
        self.county_button.clicked.connect(self.choose_county_file)
        self.county_label = QLabel(self)
        self.county_label.setObjectName("county_recovery_label")
        self.county_label.setWordWrap(True)
        self.county_label.hide()
        self.passwords = NewPasswordFields(self)
        self.message = error_label(self, "recovery_reset_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Account"), self.account)
        self.form.addRow(self.tr("Recovery key"), self.key)
        self.form.addRow("", self.county_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.county_label)
        layout.addWidget(self.passwords)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def choose_county_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("The county's recovery file"), "",
                                              self.tr("Recovery files (*.recovery);;All files (*)"))
        if path:
            self.use_county_file(Path(path))

    def use_county_file(self, path: Path) -> None:
        """The county's recovery file at `path` (checked for shape); its one-time key goes in the key field."""
        try:
            self.county_file = read_recovery_file(path)
        except UserFacingError as error:
            self.county_file = None
            self.county_label.hide()
            self.message.setText(error_text(error))
            return
        self.message.clear()
        self.form.labelForField(self.key).setText(self.tr("One-time key from the county"))
        self.county_label.setText(self.tr("County's recovery file for %1 (%2), made %3 by %4. Type the one-time key "
                                          "the county gave apart from the file.")
                                  .replace("%1", self.county_file["station_name"])
                                  .replace("%2", self.county_file["station_code"])
                                  .replace("%3", str(self.county_file.get("issued_at", ""))[:10])
                                  .replace("%4", str(self.county_file.get("issued_by", ""))))
        self.county_label.show()
        self.key.setFocus()

    def accept(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self.message.setText(problem)
            return
        name = self.account.currentText()
        try:
            keyring = Keyring.load(self.data_dir)
            if self.county_file is not None:
                by = open_with_recovery(keyring, self.county_file, self.key.text())
            else:
                by = keyring.unlock_with_recovery_key(self.key.text())
            keyring.set_password(by, name, self.passwords.password())
            self.unlocked = keyring.unlock_with_password(name, self.passwords.password())
        except UserFacingError as error:
            self.message.setText(error_text(error))
            return
        remember(self.data_dir, self.unlocked)
        if self.county_file is not None:
            self._record_county_recovery(name)
        super().accept()

    def _record_county_recovery(self, name: str) -> None:
        """The station's audit trail says who set a password after the county's file opened the station."""
        from desktop.records.db import database_path, open_database
        from desktop.records.sqlcipher import sqlite3

        path = database_path(self.data_dir)
        if not path.is_file():  # nothing recorded yet (the keyring notes the file's use all the same)
            return
        try:
            db = open_database(path, migrate=False)
            try:
                record_recovery(db, name, self.county_file["id"])
            finally:
                db.conn.close()
        except (UserFacingError, sqlite3.Error) as error:  # an older schema's station: the keyring notes the use
            log.warning("the county recovery was not recorded in the audit trail: %s", error)


def sign_in_at_start(data_dir: Path, station_name: str = "") -> Unlocked | None:
    """The station unlocked before its data opens: the station head's account made at the first start (and
    the recovery key shown once), else the sign-in window. None when the clerk chose to exit. A station
    already unlocked in this process (a test, a restart inside the program) is taken as it is."""
    data_dir = Path(data_dir)
    if is_unlocked(data_dir):
        return unlocked_station(data_dir)
    resume_collection()  # off for a quick start (desktop/__main__.py): here a window waits for the clerk
    if not Keyring.exists(data_dir):
        first = FirstStartDialog(data_dir)
        if first.exec() != QDialog.DialogCode.Accepted or first.unlocked is None:
            return None
        RecoveryKeyDialog(first.recovery_key, station_name or str(data_dir)).exec()
        return first.unlocked
    dialog = SignInDialog(data_dir)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.unlocked
