"""统计报表: the work plan's measures for any period, each opening the records behind it, a month-by-month chart,
and the reports the county sends upward (PDF, Excel, CSV).

The figures are counted on a worker in SQL over the cases' settled rows (desktop/records/plan_counts.py: tens of
milliseconds at 200,000 records), again when the period or the records change; a figure's records are read a page
at a time by the conditions that counted it. The chart is drawn with QPainter (QtCharts would add to the installed size).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QGridLayout,
                               QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.records import indicators as ind, plan_counts
from desktop.records.changes import COUNTY, RECORDS
from desktop.records.indicators import Figure, Period
from desktop.records.signin import EXPORT
from desktop.records.reports import KINDS
from sync.reference import load_reference

from .i18n import error_text, language
from .plan_widgets import BarChart, PeriodPicker, measure_title, show_figure
from .messages import MessageBoxes
from .tasks import Latest, Question
from .workstation import Workstation

SHOWN = (ind.CASES_PER_10K, ind.CRIMINAL_SHARE, ind.LITIGATION_SHARE, ind.LAW_FIRM_SHARE, ind.COURT_ATTENDANCE_SHARE,
         ind.CLOSING_RATE, ind.FOLLOW_UP_RATE, ind.DAYS_TO_DECIDE, ind.DAYS_TO_ASSIGN, ind.OVERDUE_CASES, ind.CASES)


class FigureRecords(QDialog):
    """The applications a figure counted (and, for a share, those it is a share of), a page at a time, those it
    counted first; Enter opens one."""

    openRequested = Signal(str)
    PAGE = 100

    def __init__(self, title: str, total: int, read_page: Callable[[int, int], list[tuple]], reference,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("figure_records")
        self.setWindowTitle(title)
        self.total, self.read_page, self.reference, self.first = total, read_page, reference, 0
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("figure_table")
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Name"), self.tr("Received"),
                                              self.tr("Case type"), self.tr("Counted")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.itemActivated.connect(lambda item: self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.summary = QLabel(self)
        self.summary.setObjectName("figure_summary")
        self.previous_page = QPushButton(self.tr("Previous page"), self)
        self.previous_page.setObjectName("figure_previous")
        self.previous_page.clicked.connect(lambda: self.turn(-1))
        self.next_page = QPushButton(self.tr("Next page"), self)
        self.next_page.setObjectName("figure_next")
        self.next_page.clicked.connect(lambda: self.turn(1))
        foot = QHBoxLayout()
        foot.addWidget(self.summary, 1)
        foot.addWidget(self.previous_page)
        foot.addWidget(self.next_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(foot)
        self.resize(640, 520)
        self.turn(0)

    def turn(self, step: int) -> None:
        """Show the page `step` pages on (the list is read by the conditions that counted the figure)."""
        self.first = max(0, min(self.first + step * self.PAGE, (max(self.total, 1) - 1) // self.PAGE * self.PAGE))
        rows = self.read_page(self.first, self.PAGE)
        self.table.setRowCount(len(rows))
        for r, (record_id, number, name, received, case_type, _status, counted) in enumerate(rows):
            values = (number, name, (received or "")[:10], self.reference.label("case_types", case_type, language()),
                      self.tr("Yes") if counted else "")
            for c, value in enumerate(values):
                item = QTableWidgetItem(value or "")
                item.setData(Qt.ItemDataRole.UserRole, record_id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        shown = self.tr("%n record(s)", "", self.total)
        if self.total > self.PAGE:
            shown += "  " + self.tr("%1-%2 shown").replace("%1", str(self.first + 1)).replace(
                "%2", str(self.first + len(rows)))
        self.summary.setText(shown)
        self.previous_page.setEnabled(self.first > 0)
        self.next_page.setEnabled(self.first + self.PAGE < self.total)


def show_figure_records(parent: QWidget, workstation: Workstation, title: str, total: int, key: str, period: Period,
                        today: date, open_record: Callable[[str, str], bool] | None) -> FigureRecords:
    """The records behind a figure of the station's (`total` of them), read a page at a time by the conditions that
    counted it over `period` on `today`; Enter opens one in its form through `open_record`."""
    db = workstation.station.db
    dialog = FigureRecords(title, total, lambda first, size: plan_counts.figure_page(db, period, today, key, first, size),
                           workstation.station.store.reference, parent)
    if open_record is not None:
        dialog.openRequested.connect(lambda record_id: open_record("application", record_id))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class IndicatorsPage(QWidget):
    """The measures of this station for a period; a click on a figure lists its records."""

    def __init__(self, workstation: Workstation, open_record: Callable[[str, str], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicators_page")
        self.workstation = workstation
        self.open_record = open_record
        self.figures: dict[str, Figure] = {}
        self.counted_on: date | None = None  # the day the figures were counted on (overdue depends on it)
        self._figures_asked, self._chart_asked = Latest(newest=True), Latest()  # counted again at changes
        self._stale = True
        self.picker = PeriodPicker(self)
        self.picker.changed.connect(self.recompute)
        self.status = QLabel(self)
        self.status.setObjectName("indicators_status")
        self.grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(SHOWN):
            button = QPushButton(self)
            button.setObjectName(f"figure:{key}")
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _checked=False, k=key: self.show_records(k))
            self.buttons[key] = button
            self.grid.addWidget(button, i // 4, i % 4)
        self.chart_measure = QComboBox(self)
        self.chart_measure.setObjectName("chart_measure")
        for key in SHOWN:
            self.chart_measure.addItem(self._title(key), key)
        self.chart_measure.currentIndexChanged.connect(lambda _index: self._draw_chart())
        self.chart = BarChart(self)
        self.report_kind = QComboBox(self)
        self.report_kind.setObjectName("report_kind")
        names = {"LIST": self.tr("Applications (list)"), "INDICATORS": self.tr("The plan's measures"),
                 "12348-QUARTERLY": self.tr("12348 hotline quarterly statistics"),
                 "COMPLAINTS": self.tr("Complaints half-yearly report"),
                 "CASE-STATISTICS": self.tr("Case statistics by month"), "TYPICAL-CASES": self.tr("Typical cases")}
        for kind in KINDS:
            self.report_kind.addItem(names[kind], kind)
        self.export_button = QPushButton(self.tr("Save report..."), self)
        self.export_button.setObjectName("save_report")
        self.export_button.clicked.connect(self.save_report)
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        top.addWidget(self.report_kind)
        top.addWidget(self.export_button)
        chart_row = QHBoxLayout()
        chart_row.addWidget(QLabel(self.tr("By month:"), self))
        chart_row.addWidget(self.chart_measure)
        chart_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(self.grid)
        layout.addLayout(chart_row)
        layout.addWidget(self.chart, 1)
        workstation.changes.listen(self, self._records_changed, RECORDS, COUNTY)

    # -- the period ---------------------------------------------------------------------------------

    @property
    def today(self) -> Callable[[], date]:
        return self.picker.today

    def period(self) -> Period:
        return self.picker.period()

    def set_period(self, period: Period) -> None:
        self.picker.set_period(period)

    # -- the figures ------------------------------------------------------------------------------

    def _records_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.load()

    def load(self) -> None:
        """Count the period's figures and chart on a worker, when the screen is shown and its records changed (in SQL
        over the settled rows: a fraction of a second at 200,000 records); the figures shown stay until the new ones
        are ready."""
        self._stale = False
        self.status.setText(self.tr("Counting..."))
        self.recompute()

    def recompute(self) -> None:
        """Count the period chosen in SQL over the cases' settled rows (plan_counts.py), on a worker."""
        period, population, today, key = self.period(), self.population(), self.today(), self.chart_measure.currentData()

        def work(job):
            return plan_counts.figures(job.db, period, population, today), \
                plan_counts.monthly(job.db, period, key, population, today), period, today, key

        # the figures and the chart shown are the last count's (a count that ends after a later one is dropped)
        figures_asked, chart_asked = self._figures_asked.ask(), self._chart_asked.ask()
        self.workstation.tasks.run(work, on_done=figures_asked(lambda result: self._measured(result, chart_asked)))

    def _measured(self, result, chart_asked: Question) -> None:
        figures, months, period, today, key = result
        if period != self.period():  # the clerk chose another period meanwhile
            self.recompute()
            return
        self.figures, self.counted_on = figures, today
        self._show(period, months if chart_asked.current and key == self.chart_measure.currentData() else None)

    def population(self) -> int | None:
        station = self.workstation.station
        return load_reference(station.db).population(station.settings.township)

    def _show(self, period: Period, months) -> None:
        population = self.population()
        for key, button in self.buttons.items():
            figure = self.figures[key]
            target = figure.target
            show_figure(button, key, figure.value, figure.unit, figure.met, target and target.value,
                        target and target.at_least, figure.counted)
        note = "" if population else self.tr(" The county has not given this township's registered population yet.")
        self.status.setText(self.tr("%1 to %2, this station's records.").replace("%1", period.start.isoformat())
                            .replace("%2", period.end.isoformat()) + note)
        self._draw_chart(months)

    def _title(self, key: str) -> str:
        return measure_title(key)

    def _draw_chart(self, months=None) -> None:
        """Draw the chosen measure by month (counted on a worker when the measure was not the one counted)."""
        if not self.figures:
            return
        key = self.chart_measure.currentData()
        if months is None:
            period, population, today = self.period(), self.population(), self.today()
            chart_asked = self._chart_asked.ask()
            self.workstation.tasks.run(lambda job: (key, plan_counts.monthly(job.db, period, key, population, today)),
                                       on_done=chart_asked(self._months_counted))
            return
        figure = self.figures.get(key)
        empty = self.tr("Cases per 10,000 residents need the township's registered population, which the county has "
                        "not given yet.") if key == ind.CASES_PER_10K and not self.population() else ""
        self.chart.set_points([(m.start.strftime("%Y-%m"), f.value) for m, f in months],
                              figure.target.value if figure and figure.target else None, empty)

    def _months_counted(self, result) -> None:
        key, months = result
        if key == self.chart_measure.currentData():
            self._draw_chart(months)

    def show_records(self, key: str) -> FigureRecords | None:
        """The records behind a figure: those it counted, then those it is a share of, a page at a time, read by
        the conditions that counted it (for the period and the day it was counted)."""
        figure = self.figures.get(key)
        if figure is None:
            return None
        return show_figure_records(self, self.workstation, self._title(key), plan_counts.listed(figure), key, self.period(),
                                   self.counted_on, self.open_record)

    # -- reports ------------------------------------------------------------------------------------

    def save_report(self, path: str | None = None) -> None:
        """The chosen report for the period as PDF, Excel or CSV (by the file's ending), written on a worker."""
        if not self.workstation.session.allowed(self, EXPORT):
            return
        kind = self.report_kind.currentData()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), f"{kind}.xlsx",
                                                  self.tr("Excel (*.xlsx);;PDF (*.pdf);;CSV (*.csv)"))
            if not path:
                return
        target = Path(path)
        fmt = target.suffix.lower().lstrip(".")
        if fmt not in ("pdf", "xlsx", "csv"):
            target, fmt = target.with_suffix(".xlsx"), "xlsx"
        period = self.period()
        station = self.workstation.station

        def work(job) -> Path:
            import argparse

            from desktop.report_cli import station_report, write_report
            from forms.context import context_for

            args = argparse.Namespace(kind=kind, record_type="application", date_from=period.start,
                                      date_to=period.end)
            on_worker = station.on_connection(job.db)
            write_report(station_report(on_worker, args), target, fmt, context_for(on_worker))
            return target

        self.export_button.setEnabled(False)
        self.workstation.tasks.run(work, on_done=self._report_saved, on_error=self._report_failed)

    def _report_saved(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Saved as %1").replace("%1", str(path)))

    def _report_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        MessageBoxes.warn(self, self.tr("Report not saved"), self.tr("The report could not be written: %1")
                          .replace("%1", error_text(error)))
