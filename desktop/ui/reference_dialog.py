"""工具 → 县中心名册与指标: the county's roster of lawyers and staff, and this township's case indicator.

Both come from the county with every sync (sync/reference.py keeps them in the station database);
the indicator is the work plan's §3: 12 legal-aid cases a year per 10,000 registered (户籍) residents, the
year's cases to today counted and scaled to a year as 统计报表's 本年 counts them (plan_counts.township_indicator
over the settled rows: received since 1 January, not voided, not refused), and 列出这些案件… opens them as 统计报表 opens a figure's records. The roster is one
small read on the UI thread; the year's cases are counted on a worker.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desktop.records.indicators import CASES, PER_10K, TownshipIndicator
from desktop.records.plan_counts import township_indicator
from sync.reference import Lawyer, Reference, load_reference, station_township

from .indicators_page import FigureRecords, show_figure_records
from .plan_widgets import figure_value, measure_title
from .sync_controller import short_time
from .tasks import Latest
from .workstation import Workstation

COLUMNS = ("name", "kind", "organisation", "years", "minors", "phone")


def _county_time(stamp: str | None) -> str:
    """The county's UTC time stamp in this computer's time zone, to the minute."""
    if not stamp:
        return "-"
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return short_time(stamp)


class ReferenceDialog(QDialog):
    """The roster (active members; a filter box) and the township's indicator; `reload` after every sync."""

    def __init__(self, workstation: Workstation, parent: QWidget | None = None, *, today: date | None = None,
                 open_record: Callable[[str, str], bool] | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.open_record = open_record  # the main window's: a listed case opens in its form
        self.services = workstation.services
        self.today = today  # tests fix the year; None = the real date at each reload
        self.reference = Reference()
        self.indicator: TownshipIndicator | None = None
        self._year, self._asked = 0, Latest(newest=True)  # the year shown; its count is the newest reload's
        self.setObjectName("reference_dialog")
        self.setWindowTitle(self.tr("County roster and indicators"))
        self.resize(820, 560)

        self.source_label = QLabel(self)
        self.source_label.setObjectName("reference_source")
        self.source_label.setWordWrap(True)

        box = QGroupBox(self.tr("This township's indicator (work plan: cases a year per 10,000 registered residents)"), self)
        box.setObjectName("indicator_box")
        form = QFormLayout(box)
        self.township_value = self._value("indicator_township")
        self.population_value = self._value("indicator_population")
        self.applications_value = self._value("indicator_applications")
        self.rate_value = self._value("indicator_rate")
        self.applications_caption = QLabel(box)
        form.addRow(self.tr("Township:"), self.township_value)
        form.addRow(self.tr("Registered population:"), self.population_value)
        self.cases_button = QPushButton(self.tr("List these cases..."), box)
        self.cases_button.setObjectName("indicator_cases_list")
        self.cases_button.setEnabled(False)
        self.cases_button.clicked.connect(self.show_cases)
        cases_row = QHBoxLayout()
        cases_row.addWidget(self.applications_value)
        cases_row.addWidget(self.cases_button)
        cases_row.addStretch(1)
        form.addRow(self.applications_caption, cases_row)
        form.addRow(self.tr("Cases per 10,000 residents:"), self.rate_value)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("roster_filter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, organisation, kind or phone"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.apply_filter)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("roster_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Kind"), self.tr("Firm or organisation"), self.tr("Years of practice"),
            self.tr("Familiar with minors' cases"), self.tr("Phone")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.empty_label = QLabel(self.tr("The roster has not been fetched from the county yet; please sync first."),
                                  self)
        self.empty_label.setObjectName("reference_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("QLabel { color: #555; font-size: 12pt; padding: 24px; }")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("roster_count")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(box)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- filling ----------------------------------------------------------------------------

    def reload(self, _result: object = None) -> None:
        """Read the reference data and the indicator again (connected to the sync's `finished`)."""
        db = self.services.station.db
        self.reference = load_reference(db)
        township = station_township(db)
        year = (self.today or date.today()).year
        self.indicator, self._year = None, year
        question = self._asked.ask()  # not an earlier reload's count, finished after a later one's
        self._show_source()
        self._fill_roster()
        self._show_indicator(year)
        if township:  # counted in SQL on a worker (a year of 200,000 records' rows: about 50 ms)
            self.township_value.setText(township)
            self.applications_value.setText(self.tr("Counting..."))
            population = self.reference.population(township)
            today = self.today or date.today()
            self.workstation.tasks.run(lambda job: township_indicator(job.db, township, population, year, today),
                                       on_done=question(self._counted))

    def _counted(self, indicator: TownshipIndicator) -> None:
        self.indicator = indicator
        self._show_indicator(self._year)

    def _show_source(self) -> None:
        ref = self.reference
        if ref.empty:
            self.source_label.setText(self.tr("No data from the county yet."))
            return
        self.source_label.setText(
            self.tr("County data version %1, changed at the county on %2; received on %3.")
            .replace("%1", str(ref.version)).replace("%2", _county_time(ref.updated_at))
            .replace("%3", short_time(ref.received_at) or "-"))

    def _show_indicator(self, year: int) -> None:
        locale = QLocale()
        ind = self.indicator
        through = ind.through if ind is not None else min(self.today or date.today(), date(year, 12, 31))
        self.applications_caption.setText(self.tr("Cases received from %1 to %2 (not voided or refused):")
                                          .replace("%1", date(year, 1, 1).isoformat()).replace("%2", through.isoformat()))
        self.cases_button.setEnabled(ind is not None and ind.cases > 0)
        if ind is None:  # no township, or its cases still being counted (reload says which)
            self.township_value.setText(self.tr("Not set: enter the township in Settings."))
            for label in (self.population_value, self.applications_value, self.rate_value):
                label.setText("-")
            self.rate_value.setStyleSheet("")
            return
        self.township_value.setText(ind.township)
        self.applications_value.setText(locale.toString(ind.cases))
        if ind.population is None:
            self.population_value.setText(
                self.tr("Not yet fetched from the county; please sync first.") if self.reference.empty else
                self.tr("The county has not given the registered population of %1.").replace("%1", ind.township))
            self.rate_value.setText("-")
            return
        self.population_value.setText(locale.toString(ind.population))
        target = ind.target_cases or 0
        # the year so far scaled to a year, as 统计报表's 本年 shows it, with the decimals its verdict needs
        rate = (self.tr("%1 a year at this pace (target %2): reached") if ind.reached else
                self.tr("%1 a year at this pace (target %2): %3 more cases needed this year (%4 in all)"))
        shown = figure_value(ind.per_10k, PER_10K, ind.target)
        self.rate_value.setText(rate.replace("%1", shown).replace("%2", f"{ind.target:g}")
                                .replace("%3", str(target - ind.cases)).replace("%4", str(target)))
        # behind the target in amber, reached in green: the one figure the clerk looks for
        self.rate_value.setStyleSheet("QLabel { color: %s; font-weight: bold; }"
                                      % ("#2e7d32" if ind.reached else "#b26a00"))

    def show_cases(self) -> FigureRecords | None:
        """The year's cases behind the count, a page at a time, by the conditions that counted them (统计报表's
        list of the 案件数 figure); Enter opens one in its form."""
        if self.indicator is None or not self.indicator.cases:
            return None
        return show_figure_records(self, self.workstation, f"{measure_title(CASES)} {self._year}", self.indicator.cases,
                                   CASES, self.indicator.period, self.today or date.today(), self.open_record)

    def kind_text(self, kind: str) -> str:
        return {"lawyer": self.tr("Lawyer"), "law_firm": self.tr("Law firm"),
                "center_staff": self.tr("Legal-aid center staff")}.get(kind, kind)

    def _fill_roster(self) -> None:
        lawyers = self.reference.active_lawyers  # an inactive member cannot be assigned: not shown
        self.table.setRowCount(len(lawyers))  # in the county's order (by its 编号)
        for row, lawyer in enumerate(lawyers):
            for column, item in enumerate(self._items(lawyer)):
                self.table.setItem(row, column, item)
        has_roster = bool(lawyers)
        self.table.setVisible(has_roster)
        self.filter_edit.setVisible(has_roster)
        self.count_label.setVisible(has_roster)
        self.empty_label.setVisible(not has_roster)
        if not self.reference.empty and not has_roster:
            self.empty_label.setText(self.tr("The county's roster has no active members."))
        self.apply_filter(self.filter_edit.text())

    def _items(self, lawyer: Lawyer) -> list[QTableWidgetItem]:
        years = QTableWidgetItem()
        years.setData(Qt.ItemDataRole.DisplayRole, lawyer.years_of_practice)
        years.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        minors = QTableWidgetItem("✓" if lawyer.minors_familiar else "")
        minors.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        items = [QTableWidgetItem(lawyer.name), QTableWidgetItem(self.kind_text(lawyer.kind)),
                 QTableWidgetItem(lawyer.organisation), years, minors, QTableWidgetItem(lawyer.phone)]
        items[0].setData(Qt.ItemDataRole.UserRole, lawyer.id)
        return items

    def apply_filter(self, text: str) -> None:
        """Show the rows whose name, kind, organisation or phone contains the text (ignoring case)."""
        needle = text.strip().casefold()
        shown = 0
        for row in range(self.table.rowCount()):
            haystack = " ".join(self.table.item(row, c).text() for c in (0, 1, 2, 5)).casefold()
            hidden = bool(needle) and needle not in haystack
            self.table.setRowHidden(row, hidden)
            shown += not hidden
        self.count_label.setText(self.tr("Showing %1 of %2").replace("%1", str(shown))
                                 .replace("%2", str(self.table.rowCount())))

    def visible_names(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]


def open_reference_dialog(window) -> ReferenceDialog:
    """Show the main window's one reference dialog (made on first use), refreshed after each sync round."""
    dialog = window.findChild(ReferenceDialog)
    if dialog is None:
        dialog = ReferenceDialog(window.workstation, window, open_record=getattr(window, "open_record", None))
        sync = getattr(window, "sync", None)
        if sync is not None:
            sync.finished.connect(dialog.reload)
    dialog.reload()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
