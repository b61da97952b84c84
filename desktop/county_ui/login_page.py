"""Logging in to the county workspace with one's own account (never a shared one: every decision records it).

The same panel serves the first login and a session that ended while working: then it shows in a dialog
over the workspace, so the form being typed underneath stays as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from sync.limits import MAX_ACCOUNT_NAME_CHARS, MAX_PASSWORD_CHARS

from .layouts import CountyDialog, centred_column, on_its_way
from .session import CountyDesk

COLUMN_WIDTH = 520


class LoginPanel(QWidget):
    """Account and password; `loggedIn` once the server accepted them."""

    loggedIn = Signal(object)  # the account

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("login_panel")
        self.desk = desk
        title = QLabel(self.tr("County legal-aid center workspace"), self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        server = QLabel(self.tr("Server: %1").replace("%1", desk.settings.server_url), self)
        server.setObjectName("login_server")
        self.account = QLineEdit(self)
        self.account.setObjectName("login_account")
        self.account.setMaxLength(MAX_ACCOUNT_NAME_CHARS)
        self.password = QLineEdit(self)
        self.password.setObjectName("login_password")
        self.password.setMaxLength(MAX_PASSWORD_CHARS)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        self.login_button = QPushButton(self.tr("Log in"), self)
        self.login_button.setObjectName("login")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.log_in)
        self.account.returnPressed.connect(lambda: self.password.setFocus(Qt.FocusReason.TabFocusReason))
        self.password.returnPressed.connect(self.log_in)
        self.message = QLabel(self)
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        centred_column(self, COLUMN_WIDTH, title, server, form, self.login_button, self.message)

    def log_in(self) -> None:
        if not self.login_button.isEnabled():  # Enter again while a login is on its way: one is enough
            return
        name, password = self.account.text().strip(), self.password.text()
        if not name or not password:
            self.message.setText(self.tr("Enter your account and password."))
            return
        self.login_button.setEnabled(False)
        self.message.setText("")
        answer = on_its_way(self)  # (over the workspace, the login-again dialog waits for the answer)
        self.desk.login(name, password, answer(self._accepted), answer(self._refused))

    def _accepted(self, account: object) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.loggedIn.emit(account)

    def _refused(self, text: str, error: BaseException) -> None:
        self.login_button.setEnabled(True)
        if getattr(error, "code", "") == "bad_login":
            text = self.tr("The account or the password is wrong (passwords are case-sensitive). After repeated "
                           "failures wait a minute before trying again.")
        self.message.setText(text)
        self.password.selectAll()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class LoginAgainDialog(CountyDialog):
    """The session ended while working: log in again over the workspace, which keeps what was typed."""

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("login_again")
        self.setWindowTitle(self.tr("Log in again"))
        note = QLabel(self.tr("Your session has ended (it was idle too long, or the account was changed). What you "
                              "were typing is kept: log in again, then repeat the last step."), self)
        note.setWordWrap(True)
        self.panel = LoginPanel(desk, self)
        if desk.last_account:
            self.panel.account.setText(desk.last_account)
            self.panel.password.setFocus()
        self.panel.loggedIn.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.panel)
        self.setWindowModality(Qt.WindowModality.WindowModal)
