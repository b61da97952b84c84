"""The applications behind one figure of 计划指标: those it counted first, then those it is a share of and did not
count, a page at a time as the server lists them; Enter or a double click opens one in the application view, Esc
goes back to the measures. A number a director cannot check is not trusted: this list is the number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.records.reference import default_reference
from desktop.ui.i18n import language
from desktop.ui.tasks import Latest
from desktop.ui.plan_widgets import measure_title
from sync.workspace_client import FigureRecords

from .measures_page import FigureAsked
from .session import CountyDesk
from .table import Pager, RowsTable
from .words import STATUS, word


class FigureRecordsPage(QWidget):
    openRequested = Signal(str)  # an application's id
    backRequested = Signal()

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("figure_records_page")
        self.desk = desk
        self.asked: FigureAsked | None = None
        reference = default_reference()
        self.title = QLabel(self)
        self.title.setObjectName("figure_title")
        self.title.setStyleSheet("font-weight: bold;")
        back = QPushButton(self.tr("Back to the measures (Esc)"), self)
        back.clicked.connect(self.backRequested)
        self.table = RowsTable("figure_records_table", [
            (self.tr("Number"), lambda r: r.number),
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Station"), lambda r: r.station_name or r.station),
            (self.tr("Township"), lambda r: r.township),
            (self.tr("Received"), lambda r: r.received),
            (self.tr("Case type"), lambda r: reference.label("case_types", r.case_type, language())),
            (self.tr("Status"), lambda r: word(STATUS, r.status)),
            (self.tr("Counted"), lambda r: self.tr("Yes") if r.counted else ""),
        ], self)
        self.table.itemActivated.connect(lambda _item: self.open_current())
        self.pager = Pager("figure", self)
        self.pager.turned.connect(self.refresh)
        self.summary = self.pager.summary
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pager)
        back_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.backRequested.emit)
        back_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the application view's Esc is its own
        self._asked_page = Latest()  # the last page asked is shown

    def show_figure(self, asked: FigureAsked) -> None:
        """List the records behind `asked`, from its first page."""
        self.asked = asked
        self.pager.first()
        place = asked.place or self.tr("The whole county")
        self.title.setText(self.tr("%1 — %2, %3 to %4").replace("%1", measure_title(asked.key)).replace("%2", place)
                           .replace("%3", asked.period.start.isoformat()).replace("%4", asked.period.end.isoformat()))
        self.table.show_rows([])
        self.refresh()

    def refresh(self) -> None:
        asked, page = self.asked, self.pager.page
        if asked is None:
            return
        question = self._asked_page.ask()
        self.desk.call(lambda client: client.figure_records(asked.key, asked.period.start, asked.period.end,
                                                            asked.township, asked.station, page),
                       question(self._show), question(lambda text, _error: self.pager.refused(text)))


    def _show(self, answer: FigureRecords) -> None:
        self.table.show_rows(list(answer.items))
        if answer.of:
            text = self.tr("%1 counted of %2 applications").replace("%1", str(answer.counted)) \
                .replace("%2", str(answer.of))
        else:
            text = self.tr("%1 applications").replace("%1", str(answer.total))
        self.pager.show_page(text, answer.page, answer.total, answer.page_size)
        if answer.items:
            self.table.selectRow(0)
            self.table.setFocus()

    def open_current(self) -> None:
        found = self.table.current()
        if found is not None:
            self.openRequested.emit(found.application_id)
