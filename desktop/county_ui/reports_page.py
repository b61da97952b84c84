"""统计报表: the reports the center sends upward over every station — 12348 quarterly, complaints half-yearly, case
statistics by month, typical cases, the plan's measures, any list — saved as PDF, Excel or CSV.

The file is made on the county server by the same code as `python -m sync.server report` (sync/server/measures.py
report_file): one implementation, so the workspace's file and the scheduled task's are the same file. It is written
here atomically (a .part file replaced), so a half-written report is never left under the chosen name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from desktop.records.indicators import Period
from desktop.ui.i18n import error_text
from desktop.ui.plan_widgets import PeriodPicker

from .rights import who_may
from .session import CountyDesk

FORMATS = ("xlsx", "pdf", "csv")


class ReportsPage(QWidget):
    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reports_page")
        self.desk = desk
        self.picker = PeriodPicker(self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("report_kind")
        for kind, text in (("12348-QUARTERLY", self.tr("12348 hotline quarterly statistics")),
                           ("COMPLAINTS", self.tr("Complaints half-yearly report")),
                           ("CASE-STATISTICS", self.tr("Case statistics by month")),
                           ("TYPICAL-CASES", self.tr("Typical cases")),
                           ("INDICATORS", self.tr("The plan's measures, by township")),
                           ("LIST", self.tr("A list of records"))):
            self.kind.addItem(text, kind)
        self.list_type = QComboBox(self)
        self.list_type.setObjectName("report_list_type")
        for record_type, text in (("application", self.tr("Applications")), ("consultation", self.tr("Consultations")),
                                  ("complaint", self.tr("Complaints")), ("closure", self.tr("Closure reports")),
                                  ("follow_up", self.tr("Follow-up visits")),
                                  ("court_attendance", self.tr("Court attendance")),
                                  ("quality_evaluation", self.tr("Quality evaluations")),
                                  ("outreach_event", self.tr("Outreach events"))):
            self.list_type.addItem(text, record_type)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.format = QComboBox(self)
        self.format.setObjectName("report_format")
        for fmt, text in (("xlsx", self.tr("Excel (.xlsx)")), ("pdf", self.tr("PDF (.pdf)")),
                          ("csv", self.tr("CSV (.csv)"))):
            self.format.addItem(text, fmt)
        self.save_button = QPushButton(self.tr("Save report..."), self)
        self.save_button.setObjectName("save_report")
        self.save_button.clicked.connect(lambda: self.save_report())
        self.message = QLabel(self)
        self.message.setObjectName("reports_message")
        self.message.setWordWrap(True)
        column = QWidget(self)
        column.setMaximumWidth(720)  # a form to fill in, not a banner across the screen
        form = QFormLayout(column)
        form.addRow(self.tr("Report:"), self.kind)
        form.addRow(self.tr("List:"), self.list_type)
        form.addRow(self.picker)
        form.addRow(self.tr("Format:"), self.format)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        note = QLabel(self.tr("Every station's records at the county, voided ones never; the same file as the county "
                              "server's report command writes."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(column)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.list_type.setEnabled(self.kind.currentData() == "LIST")

    def refresh(self) -> None:
        """Grey out saving for an account without the right, and say who may."""
        allowed = self.desk.may("reports")
        self.save_button.setEnabled(allowed)
        if not allowed:
            self.message.setText(who_may("reports"))
            self.message.setStyleSheet("color: #c0392b;")

    def period(self) -> Period:
        return self.picker.period()

    def save_report(self, path: str | None = None) -> None:
        """Ask the server for the chosen report and write it to `path` (asked for when not given)."""
        kind, fmt, period = self.kind.currentData(), self.format.currentData(), self.period()
        record_type = self.list_type.currentData()
        if path is None:
            suggested = f"{self.kind.currentText()}_{period.start.isoformat()}_{period.end.isoformat()}.{fmt}"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), suggested, f"*.{fmt}")
            if not path:
                return
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_name(target.name + f".{fmt}")
        self.save_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("The county server is making the report..."))

        def work(client) -> Path:
            data = client.report(kind, period.start, period.end, fmt, record_type)
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(target.name + ".part")
            part.write_bytes(data)
            part.replace(target)
            return target

        self.desk.call(work, self._saved, self._not_saved)

    def _saved(self, path: Path) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(self.tr("Saved as %1").replace("%1", str(path)))

    def _not_saved(self, text: str, error: BaseException) -> None:
        self.save_button.setEnabled(self.desk.may("reports"))
        if isinstance(error, OSError):
            text = self.tr("The report could not be written: %1").replace("%1", error_text(error))
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;")
