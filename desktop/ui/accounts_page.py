"""账户: the station's accounts. The station head adds clerks, resets a forgotten password, makes another
clerk station head, deactivates an account (its name stays on what it recorded) and replaces the recovery
key; every clerk changes their own password here. The keyring does the work (desktop/records/keyring.py)
and refuses what the signed-in account may not do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.records.errors import UserFacingError
from desktop.records.keyring import CLERK, HEAD, Keyring

from .messages import Button, MessageBoxes
from .i18n import error_text
from .signin import NewPasswordFields, RecoveryKeyDialog, error_label
from .workstation import Workstation


class PasswordDialog(QDialog):
    """A new password for one account (`change(password)` does the keyring's work and may refuse)."""

    def __init__(self, title: str, parent: QWidget | None = None, *, with_name: bool = False):
        super().__init__(parent)
        self.setObjectName("account_dialog")
        self.setWindowTitle(title)
        self.name = QLineEdit(self)
        self.name.setObjectName("account_name")
        self.name.setAccessibleName(self.tr("Name"))
        self.role = QComboBox(self)
        self.role.setObjectName("account_role")
        self.role.setAccessibleName(self.tr("Role"))
        self.role.addItem(self.tr("Clerk"), CLERK)
        self.role.addItem(self.tr("Station head"), HEAD)
        self.passwords = NewPasswordFields(self)
        self.message = error_label(self, "account_message")
        self.action = None  # set by the caller: (name, role, password) -> None, raises UserFacingError
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if with_name:
            form = QFormLayout()
            form.addRow(self.tr("Name"), self.name)
            form.addRow(self.tr("Role"), self.role)
            layout.addLayout(form)
        layout.addWidget(self.passwords)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def accept(self) -> None:
        problem = self.passwords.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            self.action(self.name.text().strip(), self.role.currentData(), self.passwords.password())
        except (UserFacingError, OSError) as error:  # OSError: keyring.json not written (a full disk); kept as it was
            self.message.setText(error_text(error))
            return
        super().accept()


class AccountsPage(QWidget):
    """The accounts of this station, and what the signed-in account may change about them."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("accounts_page")
        self.workstation = workstation
        self.session = workstation.session
        self.data_dir = workstation.station.data_dir
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("accounts_table")
        self.table.setAccessibleName(self.tr("Accounts"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Since")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 120)
        self.signed_in = QLabel(self)
        self.signed_in.setObjectName("accounts_signed_in")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, slot in (("add_account", self.tr("Add an account..."), self.add_account),
                                 ("reset_password", self.tr("Reset the password..."), self.reset_password),
                                 ("toggle_head", self.tr("Make station head / clerk"), self.toggle_role),
                                 ("deactivate_account", self.tr("Deactivate..."), self.deactivate),
                                 ("new_recovery_key", self.tr("New recovery key..."), self.new_recovery_key),
                                 ("change_own_password", self.tr("Change my password..."), self.change_own_password)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        self.note = QLabel(self.tr("Only a station head adds accounts, resets passwords and deactivates accounts. "
                                   "A deactivated clerk can no longer sign in; their name stays on what they "
                                   "recorded."), self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.signed_in)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.session.changed.connect(self.load)
        self.load()

    def load(self) -> None:
        try:
            accounts = Keyring.load(self.data_dir).accounts()
        except UserFacingError as error:
            accounts = []
            self.signed_in.setText(error_text(error))
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            role = self.tr("Station head") if account.is_head else self.tr("Clerk")
            for column, text in enumerate((account.name, role, account.created_at[:10])):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, account.name)
                self.table.setItem(row, column, item)
        if accounts and self.table.currentRow() < 0:
            self.table.selectRow(0)
        head = self.session.is_head
        for name in ("add_account", "reset_password", "toggle_head", "deactivate_account", "new_recovery_key"):
            self.buttons[name].setEnabled(head)
        self.buttons["change_own_password"].setEnabled(self.session.unlocked.account is not None)
        self.signed_in.setText(self.tr("Signed in: %1").replace("%1", self.session.user))

    def selected(self) -> str | None:
        item = self.table.item(self.table.currentRow(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _keyring(self) -> Keyring:
        return Keyring.load(self.data_dir)

    def _refused(self, title: str, error: UserFacingError) -> None:
        MessageBoxes.warn(self, title, error_text(error))

    def add_account(self) -> PasswordDialog:
        dialog = PasswordDialog(self.tr("Add an account"), self, with_name=True)
        dialog.action = lambda name, role, password: self._keyring().add_account(self.session.unlocked, name, role,
                                                                                   password)
        dialog.accepted.connect(self.load)
        dialog.open()
        return dialog

    def reset_password(self) -> PasswordDialog | None:
        name = self.selected()
        if name is None:
            return None
        dialog = PasswordDialog(self.tr("New password for %1").replace("%1", name), self)
        dialog.action = lambda _n, _r, password: self._keyring().set_password(self.session.unlocked, name, password)
        dialog.open()
        return dialog

    def change_own_password(self) -> PasswordDialog:
        name = self.session.user
        dialog = PasswordDialog(self.tr("New password for %1").replace("%1", name), self)
        dialog.action = lambda _n, _r, password: self._keyring().set_password(self.session.unlocked, name, password)
        dialog.open()
        return dialog

    def toggle_role(self) -> None:
        name = self.selected()
        keyring = self._keyring()
        account = keyring.account(name) if name else None
        if account is None:
            return
        try:
            keyring.set_role(self.session.unlocked, name, CLERK if account.is_head else HEAD)
        except UserFacingError as error:
            self._refused(self.tr("Role not changed"), error)
        self.load()

    def deactivate(self) -> None:
        name = self.selected()
        if name is None:
            return
        if name == self.session.user:
            MessageBoxes.warn(self, self.tr("Not deactivated"),
                              self.tr("You cannot deactivate the account you are signed in with."))
            return
        if MessageBoxes.ask(self, self.tr("Deactivate the account"),
                            self.tr("%1 will no longer be able to sign in. Their name stays on what they recorded. "
                                    "Deactivate?").replace("%1", name)) != Button.Yes:
            return
        try:
            self._keyring().remove_account(self.session.unlocked, name)
        except UserFacingError as error:
            self._refused(self.tr("Not deactivated"), error)
        self.load()

    def new_recovery_key(self) -> RecoveryKeyDialog | None:
        if MessageBoxes.ask(self, self.tr("New recovery key"),
                            self.tr("The printed recovery key stops working and a new one is shown once, to be "
                                    "printed. Make a new recovery key?")) != Button.Yes:
            return None
        try:
            key = self._keyring().new_recovery_key(self.session.unlocked)
        except UserFacingError as error:
            self._refused(self.tr("New recovery key"), error)
            return None
        settings = self.workstation.station.settings
        dialog = RecoveryKeyDialog(key, settings.station_name or str(self.data_dir), self)
        dialog.open()
        return dialog
