"""The center's staff accounts (administrator only): each person's own login, their roles, a new password, and
deactivating an account when someone leaves. The server keeps only the password's hash and refuses to end the
last administrator."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from desktop.ui.messages import Button, MessageBoxes
from sync.limits import MAX_ACCOUNT_NAME_CHARS, MAX_NAME_CHARS, MAX_PASSWORD_CHARS
from sync.workspace_client import Account

from .layouts import CountyDialog, checked_form
from .reference_pages import ListPage
from .rights import ROLE_WORDS, roles_text
from .session import CountyDesk
from .table import RowsTable


class AccountsPage(ListPage):
    right = "accounts"

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.setObjectName("accounts_page")
        yes, no = self.tr("Yes"), self.tr("No")
        self.button(self.tr("Add..."), "add_account", lambda: self.edit(None))
        self.button(self.tr("Edit..."), "edit_account", lambda: self.edit(self.table.current()))
        self.button(self.tr("Deactivate..."), "deactivate_account", self.deactivate)
        self.set_table(RowsTable("accounts_table", [
            (self.tr("Account"), lambda a: a.name), (self.tr("Name"), lambda a: a.display_name),
            (self.tr("Roles"), lambda a: roles_text(a.roles)), (self.tr("Active"), lambda a: yes if a.active else no),
        ], self))

    def refresh(self) -> None:
        self.allow()
        if self.desk.may(self.right):
            self.list_rows(lambda client: client.accounts(), self.table.show_rows)

    def edit(self, account: Account | None) -> None:
        dialog = self.account_dialog = AccountDialog(account, self)
        dialog.send_to_county = lambda answered: self._save(*dialog.values(), new=account is None, answered=answered)
        dialog.open()

    def _save(self, name: str, display_name: str, roles: list[str], password: str | None, new: bool,
              answered) -> None:
        """Sent with the dialog open: a refusal is said in it, what was typed kept (layouts.checked_form)."""
        def saved(_account: Account) -> None:
            answered(None)
            self.say(self.tr("Account %1 saved.").replace("%1", name))
            self.refresh()

        self.desk.call(lambda client: client.save_account(name, display_name, roles, password, new=new), saved,
                       lambda text, _error: answered(text))

    def deactivate(self) -> None:
        account = self.table.current()
        if account is None:
            self.say(self.tr("Choose an account first."))
            return
        if MessageBoxes.ask(self, self.tr("Deactivate"), self.tr("Deactivate the account %1? The person can no "
                                                                 "longer log in; their decisions stay theirs.")
                            .replace("%1", account.name)) != Button.Yes:
            return
        name = account.name
        self.desk.call(lambda client: client.deactivate_account(name), lambda _r: self.refresh(), self.say)


class AccountDialog(CountyDialog):
    """A new account (its password required) or a change of name, roles or password (blank: unchanged)."""

    def __init__(self, account: Account | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("account_dialog")
        self.setWindowTitle(self.tr("Staff account"))
        self.new = account is None
        self.name = QLineEdit(account.name if account else "", self)
        self.name.setObjectName("account_name")
        self.name.setReadOnly(not self.new)
        self.name.setMaxLength(MAX_ACCOUNT_NAME_CHARS)  # no more can be typed than the county takes
        self.display_name = QLineEdit(account.display_name if account else "", self)
        self.display_name.setObjectName("account_display_name")
        self.display_name.setMaxLength(MAX_NAME_CHARS)
        roles = QWidget(self)
        row = QHBoxLayout(roles)
        row.setContentsMargins(0, 0, 0, 0)
        self.roles: dict[str, QCheckBox] = {}
        for role in ROLE_WORDS:
            check = QCheckBox(roles_text((role,)), roles)
            check.setObjectName(f"role_{role}")
            check.setChecked(bool(account and role in account.roles))
            row.addWidget(check)
            self.roles[role] = check
        self.password = QLineEdit(self)
        self.password.setObjectName("account_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(MAX_PASSWORD_CHARS)
        if not self.new:
            self.password.setPlaceholderText(self.tr("Leave empty to keep the password"))
        self.message = checked_form(self, [(self.tr("Account"), self.name), (self.tr("Name"), self.display_name),
                                           (self.tr("Roles"), roles), (self.tr("Password"), self.password)],
                                    self._problem)

    def _problem(self) -> str:
        if not self.name.text().strip() or not self.display_name.text().strip():
            return self.tr("Enter the account and the person's name.")
        if not any(check.isChecked() for check in self.roles.values()):
            return self.tr("Give the account at least one role.")
        if self.new and not self.password.text():
            return self.tr("A new account needs a password.")
        return ""

    def values(self) -> tuple[str, str, list[str], str | None]:
        return (self.name.text().strip(), self.display_name.text().strip(),
                [role for role, check in self.roles.items() if check.isChecked()], self.password.text() or None)
