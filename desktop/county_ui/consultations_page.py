"""The consultations the county received from every station, searchable by name, phone or words and by station:
the center looks up what a person asked before, or what a station answers on a matter."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.records.reference import default_reference
from desktop.ui.i18n import language
from desktop.ui.tasks import Latest
from sync.limits import MAX_FILTER_CHARS
from sync.workspace_client import ConsultationPage as ConsultationAnswer

from .session import CountyDesk
from .table import Pager, RowsTable, station_choices

SEARCH_DELAY_MS = 300


class ConsultationsPage(QWidget):
    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consultations_page")
        self.desk = desk
        reference = default_reference()
        self.search = QLineEdit(self)
        self.search.setMaxLength(MAX_FILTER_CHARS)
        self.search.setObjectName("consultation_search")
        self.search.setPlaceholderText(self.tr("Name, phone or words of the question (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.station = QComboBox(self)
        self.station.setObjectName("consultation_station")
        self.station.addItem(self.tr("All stations"), None)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.station, 1)
        self.table = RowsTable("consultations_table", [
            (self.tr("Time"), lambda c: (c.occurred_at or "")[:16].replace("T", " ")),
            (self.tr("Name"), lambda c: c.name),
            (self.tr("Station"), lambda c: c.station_name or c.station),
            (self.tr("Matter"), lambda c: reference.label("matter_categories", c.matter_category, language())),
            (self.tr("Outcome"), lambda c: reference.label("consultation_outcomes", c.outcome, language())),
            (self.tr("Question"), lambda c: " ".join(c.question.split())),
        ], self)
        self.pager = Pager("consultations", self)
        self.pager.turned.connect(self.refresh)
        self.summary = self.pager.summary
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pager)
        self._asked = Latest()  # the last search's answer is shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_changed)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._search_changed)
        self.station.currentIndexChanged.connect(lambda _i: self._search_changed())
        QShortcut(QKeySequence.StandardKey.Find, self, lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))

    def set_stations(self, stations: list) -> None:
        station_choices(self.station, stations)

    def _search_changed(self) -> None:
        self.pager.first()
        self.refresh()


    def refresh(self) -> None:
        self._timer.stop()
        question = self._asked.ask()
        text, station, page = self.search.text().strip() or None, self.station.currentData(), self.pager.page
        self.desk.call(lambda client: client.consultations(text, station, page), question(self._show),
                       question(lambda message, _e: self.pager.refused(message)))

    def _show(self, answer: ConsultationAnswer) -> None:
        self.table.show_rows(list(answer.items))
        self.pager.show_page(self.tr("%1 consultations").replace("%1", str(answer.total)), answer.page, answer.total,
                             answer.page_size)
