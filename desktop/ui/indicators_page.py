"""统计报表: the work plan's measures for any period, each opening the records behind it, a month-by-month chart,
and the reports the county sends upward (PDF, Excel, CSV).

The station's cases are read once on a worker (desktop/records/indicators.py, one pass over the applications and
the county's decisions) and kept until the records or decisions change; a new period is computed from them on
the UI thread in milliseconds. The chart is drawn with QPainter (QtCharts would add to the installed size).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFileDialog, QGridLayout,
                               QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.records import indicators as ind
from desktop.records.changes import COUNTY, RECORDS
from desktop.records.indicators import Figure, Period, PlanCase
from desktop.records.signin import EXPORT
from desktop.records.reports import KINDS
from sync.reference import load_reference

from .i18n import language
from .plan_widgets import BarChart, PeriodPicker, measure_title, show_figure
from .messages import MessageBoxes
from .workstation import Workstation

SHOWN = (ind.CASES_PER_10K, ind.CRIMINAL_SHARE, ind.LITIGATION_SHARE, ind.LAW_FIRM_SHARE, ind.COURT_ATTENDANCE_SHARE,
         ind.CLOSING_RATE, ind.FOLLOW_UP_RATE, ind.DAYS_TO_DECIDE, ind.DAYS_TO_ASSIGN, ind.OVERDUE_CASES, ind.CASES)


class FigureRecords(QDialog):
    """The applications a figure counted (and, for a share, those it is a share of); Enter opens one."""

    openRequested = Signal(str)

    def __init__(self, title: str, rows: list[tuple], counted: set[str], reference, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("figure_records")
        self.setWindowTitle(title)
        self.table = QTableWidget(len(rows), 5, self)
        self.table.setObjectName("figure_table")
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Name"), self.tr("Received"),
                                              self.tr("Case type"), self.tr("Counted")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for r, (record_id, number, name, received, case_type, _status) in enumerate(rows):
            values = (number, name, (received or "")[:10], reference.label("case_types", case_type, language()),
                      self.tr("Yes") if record_id in counted else "")
            for c, value in enumerate(values):
                item = QTableWidgetItem(value or "")
                item.setData(Qt.ItemDataRole.UserRole, record_id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.itemActivated.connect(lambda item: self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("%n record(s)", "", len(rows)), self))
        layout.addWidget(self.table)
        self.resize(640, 480)


class IndicatorsPage(QWidget):
    """The measures of this station for a period; a click on a figure lists its records."""

    def __init__(self, workstation: Workstation, open_record: Callable[[str, str], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicators_page")
        self.workstation = workstation
        self.open_record = open_record
        self.cases: list[PlanCase] | None = None
        self.figures: dict[str, Figure] = {}
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

    # -- the cases and figures ---------------------------------------------------------------------

    def _records_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.load()

    def load(self) -> None:
        """Read the station's cases and measure the period, on a worker (the window also does it a little after
        it starts, so the screen opens on figures); the figures shown stay until the new ones are ready."""
        self._stale = False
        settings = self.workstation.station.settings
        self.status.setText(self.tr("Counting..."))
        self._measure(lambda job: ind.load_station_cases(job.db, settings.station_code, settings.township))

    def _measure(self, read_cases) -> None:
        period, population, today, key = self.period(), self.population(), self.today(), self.chart_measure.currentData()

        def work(job):
            cases = read_cases(job)
            return cases, ind.figures(cases, period, population, today), \
                ind.monthly(cases, period, key, population, today), period, key

        self.workstation.tasks.run(work, on_done=self._measured)

    def _measured(self, result) -> None:
        cases, figures, months, period, key = result
        self.cases = cases
        if period != self.period():  # the clerk chose another period meanwhile
            self.recompute()
            return
        self.figures = figures
        self._show(period, months if key == self.chart_measure.currentData() else None)

    def population(self) -> int | None:
        station = self.workstation.station
        return load_reference(station.db).population(station.settings.township)

    def recompute(self) -> None:
        """Measure the period chosen on the cases already read (on a worker: 200,000 records take a moment)."""
        if self.cases is None:
            return
        cases = self.cases
        self._measure(lambda job: cases)

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
        if self.cases is None:
            return
        key = self.chart_measure.currentData()
        if months is None:
            months = ind.monthly(self.cases, self.period(), key, self.population(), self.today())
        figure = self.figures.get(key)
        self.chart.set_points([(m.start.strftime("%Y-%m"), f.value) for m, f in months],
                              figure.target.value if figure and figure.target else None)

    def show_records(self, key: str) -> FigureRecords | None:
        """The records behind a figure: those it counted, among those it is a share of."""
        figure = self.figures.get(key)
        if figure is None:
            return None
        ids = list(figure.base or figure.records)
        rows = ind.application_rows(self.workstation.station.db, ids)
        dialog = FigureRecords(self._title(key), rows, set(figure.records), self.workstation.station.store.reference,
                               self)
        dialog.openRequested.connect(lambda record_id: self.open_record("application", record_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

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
                          .replace("%1", str(getattr(error, "strerror", None) or error)))
