"""The county's reference data in the workspace: the roster of lawyers, firms and center staff it assigns
(import a roster CSV, add or edit a member, deactivate one) and each township's registered population (the plan's cases per
10,000 residents). Only the accounts with the right change them; the others see why the buttons are grey."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.ui.i18n import error_text
from desktop.ui.messages import Button, MessageBoxes
from desktop.ui.tasks import Latest

from sync.limits import MAX_NAME_CHARS, MAX_ORGANISATION_CHARS, MAX_PHONE_CHARS, MAX_ROSTER_FILE_BYTES
from sync.workspace_client import Member, RosterImport, RosterOverview, RosterRefused

from .layouts import CountyDialog, checked_form
from .rights import who_may
from .session import CountyDesk
from .table import RowsTable

log = logging.getLogger(__name__)
KINDS = ("lawyer", "law_firm", "center_staff")


KIND_WORDS = {"lawyer": QT_TRANSLATE_NOOP("Roster", "Lawyer"), "law_firm": QT_TRANSLATE_NOOP("Roster", "Law firm"),
              "center_staff": QT_TRANSLATE_NOOP("Roster", "Legal-aid center staff")}


def kind_text(kind: str | None) -> str:
    """A roster member's kind in words."""
    return QCoreApplication.translate("Roster", KIND_WORDS[kind]) if kind in KIND_WORDS else kind or ""


def share_text(overview: RosterOverview) -> str:
    """This year's share of assignments to law-firm lawyers against the plan's target, in red when below it."""
    target = f"{overview.law_firm_target:g}"
    if overview.law_firm_share is None:
        return QCoreApplication.translate("AssignDialog", "Law-firm lawyers' share of this year's assignments: none "
                                                          "assigned yet; the plan's target is at least %1%.").replace(
            "%1", target)
    text = QCoreApplication.translate("AssignDialog", "Law-firm lawyers' share of this year's assignments: %1% of %2; "
                                                      "the plan's target is at least %3%.")
    text = text.replace("%1", f"{overview.law_firm_share:.0f}").replace("%2", str(overview.assigned_this_year))
    return text.replace("%3", target)


class ListPage(QWidget):
    """A page of rows from the server with its buttons, greyed (and the reason said) without `right`."""

    right = ""

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self._listed = Latest(newest=True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons_row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons_row)
        layout.addWidget(self.message)

    def button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        self.buttons_row.addWidget(button)
        self.buttons.append(button)
        return button

    def set_table(self, table: RowsTable) -> None:
        self.buttons_row.addStretch(1)
        self.table = table
        self.layout().addWidget(table, 1)

    def allow(self) -> None:
        allowed = self.desk.may(self.right)
        for button in self.buttons:
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else who_may(self.right))
        if not allowed:  # said on the page, not only in the buttons' tooltips
            self.say(who_may(self.right))

    def say(self, text: str, _error: BaseException | None = None) -> None:
        self.message.setText(text)

    def list_rows(self, read, show) -> None:
        """Read the page's rows on a worker and show them; the last read asked is shown (after a change, the read
        that counted it, not an earlier one still on its way)."""
        question = self._listed.ask()
        self.desk.call(read, question(show), question(self.say))


class RosterPage(ListPage):
    right = "roster"

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.setObjectName("roster_page")
        yes, no = self.tr("Yes"), self.tr("No")
        self.button(self.tr("Add..."), "add_member", lambda: self.edit(None))
        self.button(self.tr("Edit..."), "edit_member", lambda: self.edit(self.table.current()))
        self.button(self.tr("Deactivate..."), "deactivate_member", self.deactivate)
        self.button(self.tr("Import roster file..."), "import_roster", self.choose_roster_file)
        self.share = QLabel(self)
        self.share.setObjectName("law_firm_share")
        self.layout().addWidget(self.share)
        self.set_table(RowsTable("roster_table", [
            (self.tr("Number"), lambda m: m.id), (self.tr("Name"), lambda m: m.name),
            (self.tr("Kind"), lambda m: kind_text(m.kind)),
            (self.tr("Firm or unit"), lambda m: m.organisation),
            (self.tr("Years of practice"), lambda m: str(m.years_of_practice)),
            (self.tr("Familiar with minors' cases"), lambda m: yes if m.minors_familiar else no),
            (self.tr("Phone"), lambda m: m.phone),
            (self.tr("Open cases"), lambda m: str(m.open_cases)),
            (self.tr("Active"), lambda m: yes if m.active else no),
        ], self))

    def refresh(self) -> None:
        self.allow()
        self.list_rows(lambda client: client.roster_overview(), self._show)

    def _show(self, overview: RosterOverview) -> None:
        self.table.show_rows(list(overview.members))
        self.share.setText(share_text(overview))

    def edit(self, member: Member | None) -> None:
        dialog = MemberDialog(member, self)
        dialog.send_to_county = lambda answered: self._save(dialog.values(), member is None, answered)
        dialog.open()
        self.member_dialog = dialog

    def _save(self, member: Member, new: bool, answered) -> None:
        """Sent with the dialog open: a refusal is said in it, what was typed kept (layouts.checked_form)."""
        def saved(_version: int) -> None:
            answered(None)
            self.say("")  # (an earlier refusal said on the page goes)
            self.refresh()

        self.desk.call(lambda client: client.save_member(member, new=new), saved, lambda text, _e: answered(text))

    def deactivate(self) -> None:
        member = self.table.current()
        if member is None:
            self.say(self.tr("Choose a member first."))
            return
        if MessageBoxes.ask(self, self.tr("Deactivate"), self.tr("Take %1 off the active roster? Cases already "
                                                                 "assigned stay as they are.")
                            .replace("%1", member.name)) != Button.Yes:
            return
        member_id = member.id
        self.desk.call(lambda client: client.deactivate_member(member_id), lambda _r: self.refresh(), self.say)


    # -- a roster file (the same CSV as `python -m sync.server roster import`) --------------------------------

    def choose_roster_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import roster file"), "",
                                              self.tr("Roster CSV (*.csv);;All files (*)"))
        if path:
            self.import_roster(Path(path))

    def import_roster(self, path: Path) -> None:
        """Send the file: every member added or updated at once, or every bad line named and nothing changed."""
        try:
            if path.stat().st_size > MAX_ROSTER_FILE_BYTES:
                self.say(self.tr("%1 is larger than a roster can be (%2 KiB).").replace("%1", path.name)
                         .replace("%2", str(MAX_ROSTER_FILE_BYTES // 1024)))
                return
            data = path.read_bytes()
        except OSError as exc:  # why, in words: the system's own are English ("Permission denied")
            log.info("a roster file cannot be read: errno %s", exc.errno)
            self.say(self.tr("%1 cannot be read: %2").replace("%1", path.name).replace("%2", error_text(exc)))
            return
        self.say(self.tr("Importing %1...").replace("%1", path.name))
        self.desk.call(lambda client: client.import_roster(data), self._imported, self._import_refused)

    def _imported(self, result: RosterImport) -> None:
        self.say(self.tr("Roster imported: %1 added, %2 updated, %3 unchanged. The stations receive it at their "
                         "next sync.").replace("%1", str(result.added)).replace("%2", str(result.updated))
                 .replace("%3", str(result.unchanged)))
        self.list_rows(lambda client: client.roster_overview(), self._show)

    def _import_refused(self, text: str, error: BaseException | None = None) -> None:
        if isinstance(error, RosterRefused):  # each bad line with its reason, so one pass fixes the file
            lines = [self.tr("Line %1: %2").replace("%1", str(line)).replace("%2", reason)
                     for line, reason in error.problems[:20]]
            if len(error.problems) > 20:
                lines.append(self.tr("... and %1 more").replace("%1", str(len(error.problems) - 20)))
            text = "\n".join([text, *lines])
        self.say(text)


class MemberDialog(CountyDialog):
    def __init__(self, member: Member | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("member_dialog")
        self.setWindowTitle(self.tr("Roster member"))
        self.id = QLineEdit(member.id if member else "", self)
        self.id.setObjectName("member_id")
        self.id.setReadOnly(member is not None)
        self.id.setMaxLength(32)  # (a roster number is a few letters and digits: the server checks its form)
        self.name = QLineEdit(member.name if member else "", self)
        self.name.setObjectName("member_name")
        self.name.setMaxLength(MAX_NAME_CHARS)  # no more can be typed than the county takes
        self.kind = QComboBox(self)
        self.kind.setObjectName("member_kind")
        for kind in KINDS:
            self.kind.addItem(kind_text(kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(member.kind if member else "lawyer")))
        self.organisation = QLineEdit(member.organisation if member else "", self)
        self.organisation.setObjectName("member_organisation")
        self.organisation.setMaxLength(MAX_ORGANISATION_CHARS)
        self.years = QSpinBox(self)
        self.years.setObjectName("member_years")
        self.years.setRange(0, 70)
        self.years.setValue(member.years_of_practice if member else 0)
        self.minors = QCheckBox(self.tr("Familiar with minors' cases"), self)
        self.minors.setObjectName("member_minors")
        self.minors.setChecked(bool(member and member.minors_familiar))
        self.phone = QLineEdit(member.phone if member else "", self)
        self.phone.setObjectName("member_phone")
        self.phone.setMaxLength(MAX_PHONE_CHARS)
        self.message = checked_form(self, [
            (self.tr("Number"), self.id), (self.tr("Name"), self.name), (self.tr("Kind"), self.kind),
            (self.tr("Firm or unit"), self.organisation), (self.tr("Years of practice"), self.years), ("", self.minors),
            (self.tr("Phone"), self.phone)], self._problem)

    def _problem(self) -> str:
        if not self.id.text().strip() or not self.name.text().strip():
            return self.tr("Enter the number and the name.")
        return ""

    def values(self) -> Member:
        return Member(self.id.text().strip(), self.name.text().strip(), self.kind.currentData(),
                      self.organisation.text().strip(), self.years.value(), self.minors.isChecked(),
                      self.phone.text().strip())


class TownshipsPage(ListPage):
    right = "townships"

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(desk, parent)
        self.setObjectName("townships_page")
        self.township = QLineEdit(self)
        self.township.setObjectName("township_name")
        self.township.setMaxLength(MAX_NAME_CHARS)
        self.township.setPlaceholderText(self.tr("Township"))
        self.population = QSpinBox(self)
        self.population.setObjectName("township_population")
        self.population.setRange(0, 10_000_000)
        self.population.setGroupSeparatorShown(True)
        self.buttons_row.addWidget(self.township)
        self.buttons_row.addWidget(self.population)
        self.button(self.tr("Set the registered population"), "set_population", self.set_population)
        self.set_table(RowsTable("townships_table", [
            (self.tr("Township"), lambda t: t.name),
            (self.tr("Registered population"), lambda t: f"{t.registered_population:,}"),
        ], self))
        self.table.itemSelectionChanged.connect(self._take_selected)

    def refresh(self) -> None:
        self.allow()
        self.list_rows(lambda client: client.townships(), self.table.show_rows)

    def _take_selected(self) -> None:
        township = self.table.current()
        if township is not None:
            self.township.setText(township.name)
            self.population.setValue(township.registered_population)

    def set_population(self) -> None:
        name, population = self.township.text().strip(), self.population.value()
        if not name or population <= 0:
            self.say(self.tr("Enter the township and its registered population."))
            return
        self.desk.call(lambda client: client.save_township(name, population), lambda _r: self.refresh(), self.say)
