"""Assigning (指派) or replacing (更换) the legal-aid provider: chosen from the roster, with the rules in view.

Each member shows kind, firm, years of practice, whether familiar with minors' cases and the cases they hold
open; a member the law rules out for this case (Art. 26: a possible life or death sentence needs a lawyer of
at least three years' practice; a minors' case needs one familiar with minors) is shown greyed with the reason
and cannot be chosen. This year's share of assignments to law-firm lawyers is shown against the plan's target
while choosing. The server checks the same rules on the roster's own facts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem,
                               QWidget)

from sync.limits import MAX_DECISION_TEXT_CHARS
from sync.workspace_client import ApplicationView as WorkspaceApplication
from sync.workspace_client import Member, RosterOverview

from .decision_forms import DecisionDialog
from .reference_pages import kind_text, share_text
from .session import CountyDesk

ART_26_YEARS = 3
GREY = QColor(140, 140, 140)


def assignment_needs(application: WorkspaceApplication) -> tuple[bool, bool]:
    """(Art. 26 applies, a minors' case) from what the station recorded: a possible life or death sentence;
    the applicant recorded as a minor (the server also counts the age on the day received)."""
    data = application.data
    return data.get("life_or_death") is True, "minor" in (data.get("categories") or [])


class AssignDialog(DecisionDialog):
    """指派 (kind "assign") or 更换 (the same decision again, with the reason for the change)."""

    def __init__(self, desk: CountyDesk, application: WorkspaceApplication, *, replace: bool = False,
                 parent: QWidget | None = None):
        self.replacing = replace
        self.members: list[Member] = []
        super().__init__(desk, "assign", application, parent)
        if replace:
            self.setObjectName("decide_replace")
        desk.call(lambda client: client.roster_overview(), self._show_roster,
                  lambda text, _error: self.message.setText(text))

    def _build(self) -> None:
        art26, minors = assignment_needs(self.application)
        needs = []
        if art26:
            needs.append(self.tr("Art. 26: possible life imprisonment or death sentence, so a lawyer with at least "
                                 "%1 years of practice.").replace("%1", str(ART_26_YEARS)))
        if minors:
            needs.append(self.tr("A minors' case: a lawyer familiar with minors' cases."))
        rules = QLabel("\n".join(needs) or self.tr("No special rule applies to this case."), self)
        rules.setObjectName("assign_rules")
        rules.setWordWrap(True)
        self.top.addWidget(rules)
        self.share = QLabel(self)
        self.share.setObjectName("law_firm_share")
        self.share.setWordWrap(True)
        self.top.addWidget(self.share)
        self.roster = QTableWidget(0, 7, self)
        self.roster.setObjectName("assign_roster")
        self.roster.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Firm or unit"),
                                               self.tr("Years of practice"), self.tr("Familiar with minors' cases"),
                                               self.tr("Open cases"), self.tr("Can be assigned")])
        self.roster.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roster.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roster.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roster.verticalHeader().hide()
        self.roster.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.roster.horizontalHeader().setStretchLastSection(True)
        self.roster.setMinimumHeight(220)
        self.top.addWidget(self.roster, 1)
        self.handling_organ = QLineEdit(self)
        self.handling_organ.setObjectName("handling_organ")
        self.handling_organ.setMaxLength(MAX_DECISION_TEXT_CHARS)  # no more can be typed than the county takes
        self.form.addRow(self.tr("Court or organ handling the case"), self.handling_organ)
        if self.replacing:
            self.reason = QLineEdit(self)
            self.reason.setObjectName("replace_reason")
            self.reason.setMaxLength(MAX_DECISION_TEXT_CHARS)
            self.form.addRow(self.tr("Reason for the change"), self.reason)
        self.form.addRow(self.tr("Note"), self.note)

    def why_not(self, member: Member) -> str:
        """Why the law rules this member out for this case ('' when it does not)."""
        art26, minors = assignment_needs(self.application)
        if not member.active:
            return self.tr("Inactive")
        if art26 and (member.kind != "lawyer" or member.years_of_practice < ART_26_YEARS):
            return self.tr("Art. 26: needs at least %1 years of practice").replace("%1", str(ART_26_YEARS))
        if minors and not member.minors_familiar:
            return self.tr("Not familiar with minors' cases")
        return ""

    def _show_roster(self, overview: RosterOverview) -> None:
        self.members = [m for m in overview.members if m.active]
        self.roster.setRowCount(len(self.members))
        yes, no = self.tr("Yes"), self.tr("No")
        for row, member in enumerate(self.members):
            reason = self.why_not(member)
            cells = (member.name, kind_text(member.kind), member.organisation, str(member.years_of_practice),
                     yes if member.minors_familiar else no, str(member.open_cases), reason or self.tr("Yes"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if reason:
                    item.setForeground(QBrush(GREY))
                    item.setToolTip(reason)
                self.roster.setItem(row, column, item)
        self.share.setText(share_text(overview))

    def chosen(self) -> Member | None:
        rows = self.roster.selectionModel().selectedRows()
        return self.members[rows[0].row()] if rows else None

    def fields(self) -> dict[str, Any] | None:
        member = self.chosen()
        if member is None:
            return self._missing(self.tr("Choose a member of the roster."))
        reason = self.why_not(member)
        if reason:
            return self._missing(self.tr("%1 cannot be assigned to this case: %2").replace("%1", member.name)
                                 .replace("%2", reason))
        found: dict[str, Any] = {"lawyer": member.id}
        if self.handling_organ.text().strip():
            found["handling_organ"] = self.handling_organ.text().strip()
        if self.replacing:
            if not self.reason.text().strip():
                return self._missing(self.tr("Give the reason for the change."))
            found["reason"] = self.reason.text().strip()
        note = self.note.toPlainText().strip()
        if note:
            found["note"] = note
        return found
