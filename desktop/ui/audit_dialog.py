"""工具 → 审计日志: the station's audit trail for the station head - who saw, changed, printed, exported or
restored which record - newest first, and whether its hash chain is intact (desktop/records/audit.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.records import audit
from desktop.records.signin import AUDIT

from .i18n import core_text, error_text
from .tasks import Latest
from .workstation import Workstation

PAGE = 500


class AuditDialog(QDialog):
    """The newest entries (more on request, or one record's), and the chain's verification, run on a worker."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.workstation = workstation
        self._checked = Latest()
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(900, 560)
        self.verdict = QLabel(self.tr("Checking the audit trail..."), self)
        self.verdict.setObjectName("audit_verdict")
        self.verdict.setWordWrap(True)
        self.record_filter = QLineEdit(self)
        self.record_filter.setObjectName("audit_record_filter")
        self.record_filter.setPlaceholderText(self.tr("Only the entries of one record: paste its id"))
        self.record_filter.setClearButtonEnabled(True)
        self.record_filter.returnPressed.connect(self.reload)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("audit_entries")
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Time"), self.tr("Account"), self.tr("Action"),
                                              self.tr("Record type"), self.tr("Record id")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.more_button = QPushButton(self.tr("Show earlier entries"), self)
        self.more_button.setObjectName("audit_more")
        self.more_button.clicked.connect(self.load_more)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.record_filter, 1)
        row.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._oldest: int | None = None

    # -- the entries ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.table.setRowCount(0)
        self._oldest = None
        self.load_more()

    def load_more(self) -> None:
        found = audit.entries(self.workstation.station.db, limit=PAGE, before=self._oldest,
                              record_id=self.record_filter.text().strip() or None)
        for entry in found:
            row = self.table.rowCount()
            self.table.insertRow(row)
            values = (str(entry.seq), entry.at.replace("T", " ")[:19], entry.account,
                      core_text("Audit", audit.ACTION_WORDS.get(entry.action, entry.action)),
                      self._type_name(entry.record_type), entry.record_id)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if found:
            self._oldest = found[-1].seq
            for column in range(5):  # the record id takes the rest
                self.table.resizeColumnToContents(column)
        self.more_button.setEnabled(len(found) == PAGE)

    def _type_name(self, record_type: str) -> str:
        names = {"application": self.tr("application"), "consultation": self.tr("consultation"),
                 "person": self.tr("person"), "attachment": self.tr("material"),
                 "sync_bundle": self.tr("sync bundle"), "backup": self.tr("backup")}
        return names.get(record_type, record_type)

    # -- the chain ----------------------------------------------------------------------------------

    def verify(self) -> None:
        """Recompute the chain on a worker (a station's years of entries); the verdict when it is done."""
        self.verdict.setText(self.tr("Checking the audit trail..."))
        question = self._checked.ask()  # the verdict shown is the last check's (an earlier one may end after it)
        self.workstation.tasks.run(lambda job: audit.verify(job.db), question(self._verified),
                                   on_error=question(lambda exc: self.verdict.setText(
                                       self.tr("The audit trail could not be checked: %1").replace(
                                           "%1", error_text(exc)))))

    def _verified(self, found: audit.Verification) -> None:
        if found.intact:
            self.verdict.setText(self.tr("The audit trail is intact: %1 entries, each one leading to the next.")
                                 .replace("%1", str(found.entries)))
            self.verdict.setStyleSheet("")
        else:
            self.verdict.setText(self.tr("The audit trail was changed outside the program: %1 The county is told at "
                                         "the next sync.").replace("%1", core_text("Audit", found.reason,
                                                                                  {"seq": found.broken_at})))
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold;")


def open_audit_dialog(window) -> AuditDialog | None:
    """Show the main window's one audit dialog (made on first use), reloaded and checked again; the station head's
    only (who saw which person's record is itself personal data)."""
    if not window.workstation.session.allowed(window, AUDIT):
        return None
    dialog = window.findChild(AuditDialog)
    if dialog is None:
        dialog = AuditDialog(window.workstation, window)
    dialog.reload()
    dialog.verify()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
