"""计划指标: the work plan's measures over every station for any period — county-wide (or one township or station),
by township and by station — and a chart of one measure by month or by township. Every figure opens the list of
applications behind it (FigureRecordsPage): a click on a figure's button, Enter or a double click on a table cell.

The server computes (sync/server/measures.py, the station's own computation over county.db); this page shows, with
the station's widgets for a period, a figure and a chart (desktop/ui/plan_widgets.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from desktop.records import indicators as ind
from desktop.records.indicators import Period
from desktop.ui.tasks import Latest
from desktop.ui.plan_widgets import MET, MISSED, BarChart, PeriodPicker, figure_value, measure_title, show_figure
from sync.workspace_client import Measures, PlaceMeasures

from .session import CountyDesk
from .table import RowsTable

SHOWN = (ind.CASES_PER_10K, ind.CRIMINAL_SHARE, ind.LITIGATION_SHARE, ind.LAW_FIRM_SHARE, ind.COURT_ATTENDANCE_SHARE,
         ind.CLOSING_RATE, ind.FOLLOW_UP_RATE, ind.DAYS_TO_DECIDE, ind.DAYS_TO_ASSIGN, ind.OVERDUE_CASES, ind.CASES)
BY_MONTH, BY_TOWNSHIP = "month", "township"


@dataclass(frozen=True)
class FigureAsked:
    """Which figure's records to list: the measure, the period, and the place (none: the whole county)."""

    key: str
    period: Period
    township: str | None = None
    station: str | None = None
    place: str = ""  # the place's name, as the list's title says it


class MeasuresPage(QWidget):
    """The measures of the chosen period and place; `figureRequested(FigureAsked)` opens a figure's records."""

    figureRequested = Signal(object)

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("measures_page")
        self.desk = desk
        self.measures: Measures | None = None
        self.picker = PeriodPicker(self)
        self.picker.changed.connect(self.refresh)
        self.scope = QComboBox(self)
        self.scope.setObjectName("measures_scope")
        self.scope.addItem(self.tr("The whole county"), None)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status = QLabel(self)
        self.status.setObjectName("measures_status")
        self.status.setWordWrap(True)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(SHOWN):
            button = QPushButton(self)
            button.setObjectName(f"figure:{key}")
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _checked=False, k=key: self.open_figure(k))
            self.buttons[key] = button
            grid.addWidget(button, i // 4, i % 4)
        self.places = RowsTable("measures_by_place", [(self.tr("Township or station"), self._place_name)] + [
            (measure_title(key), lambda p, k=key: figure_value(p.figures[k].value, p.figures[k].unit,
                                                               p.figures[k].target, p.figures[k].at_least))
            for key in SHOWN
        ], self)
        self.places.setToolTip(self.tr("Enter or a double click lists the applications behind the figure"))
        self.places.itemActivated.connect(self._place_activated)
        self.chart_measure = QComboBox(self)
        self.chart_measure.setObjectName("chart_measure")
        for key in SHOWN:
            self.chart_measure.addItem(measure_title(key), key)
        self.chart_measure.setCurrentIndex(self.chart_measure.findData(ind.CASES))
        self.chart_measure.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chart_by = QComboBox(self)
        self.chart_by.setObjectName("chart_by")
        self.chart_by.addItem(self.tr("By month"), BY_MONTH)
        self.chart_by.addItem(self.tr("By township"), BY_TOWNSHIP)
        self.chart_by.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self.chart = BarChart(self, "measures_chart")
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(self.scope)
        top.addStretch(1)
        chart_row = QHBoxLayout()
        chart_row.addWidget(QLabel(self.tr("Chart:"), self))
        chart_row.addWidget(self.chart_measure)
        chart_row.addWidget(self.chart_by)
        chart_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(grid)
        layout.addWidget(self.places, 1)
        layout.addLayout(chart_row)
        layout.addWidget(self.chart, 1)
        again = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        again.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the queue's F5 is its own
        self._asked = Latest()  # the last count asked is shown

    # -- asking the server -------------------------------------------------------------------------

    def period(self) -> Period:
        return self.picker.period()

    def set_period(self, period: Period) -> None:
        self.picker.set_period(period)

    def chosen_place(self) -> tuple[str | None, str | None]:
        """(township, station) of the scope chosen; (None, None) for the whole county."""
        found = self.scope.currentData()
        return (None, None) if found is None else found

    def refresh(self) -> None:
        period, (township, station), chart = self.period(), self.chosen_place(), self.chart_measure.currentData()
        question = self._asked.ask()
        self.status.setText(self.tr("Counting..."))
        self.status.setStyleSheet("")
        self.desk.call(lambda client: client.measures(period.start, period.end, chart, township, station),
                       question(self._show), question(lambda text, _error: self._not_shown(text)))

    def _not_shown(self, text: str) -> None:
        self.status.setText(text)  # the figures shown stay
        self.status.setStyleSheet("color: #c0392b;")

    # -- showing -----------------------------------------------------------------------------------

    def _show(self, measures: Measures) -> None:
        self.measures = measures
        self._set_scopes(measures)
        for key, button in self.buttons.items():
            f = measures.figures[key]
            show_figure(button, key, f.value, f.unit, f.met, f.target, f.at_least, f.counted)
        places = []  # each township, then its stations
        for township in measures.townships:
            places.append(township)
            places += [s for s in measures.stations if s.township == township.name]
        self.places.show_rows(places)
        for r, place in enumerate(places):
            for c, key in enumerate(SHOWN, start=1):
                met = place.figures[key].met
                if met is not None:
                    self.places.item(r, c).setForeground(MET if met else MISSED)
            if place.code:  # a station's row under the townships: its name set in a little
                self.places.item(r, 0).setForeground(QColor(70, 70, 70))
        missing = [t.name for t in measures.townships if not t.population]
        text = self.tr("%1 to %2, every station's records at the county.").replace("%1", measures.start) \
            .replace("%2", measures.end)
        if missing:
            text += " " + self.tr("The registered population of %1 is not set (the administrator sets it on the "
                                  "Townships page): cases per 10,000 residents cannot be measured there.") \
                .replace("%1", "、".join(missing))
        self.status.setText(text)
        self._draw_chart()

    def _set_scopes(self, measures: Measures) -> None:
        chosen = self.scope.currentData()
        self.scope.blockSignals(True)
        while self.scope.count() > 1:
            self.scope.removeItem(1)
        for township in measures.townships:
            self.scope.addItem(township.name, (township.name, None))
        for station in measures.stations:
            self.scope.addItem(f"{station.code} {station.name}", (None, station.code))
        self.scope.setCurrentIndex(max(self.scope.findData(chosen), 0))
        self.scope.blockSignals(False)

    def _place_name(self, place: PlaceMeasures) -> str:
        return f"    {place.code} {place.name}" if place.code else place.name

    def _draw_chart(self) -> None:
        if self.measures is None:
            return
        key = self.measures.chart
        target = self.measures.figures[key].target
        if self.chart_by.currentData() == BY_MONTH:
            self.chart.set_points(list(self.measures.months), target)
        else:
            self.chart.set_points([(t.name, t.figures[key].value) for t in self.measures.townships], target)

    # -- the records behind a figure ---------------------------------------------------------------

    def open_figure(self, key: str, place: PlaceMeasures | None = None) -> None:
        """List the applications behind `key` of the chosen scope (or of `place`, a row of the table)."""
        if self.measures is None:
            return
        if place is None:
            township, station = self.chosen_place()
            name = self.scope.currentText()
        else:
            township, station = (None, place.code) if place.code else (place.name, None)
            name = f"{place.code} {place.name}" if place.code else place.name
        self.figureRequested.emit(FigureAsked(key, self.period(), township, station, name))

    def _place_activated(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            return
        place = self.places.rows[item.data(Qt.ItemDataRole.UserRole)]
        self.open_figure(SHOWN[item.column() - 1], place)
