"""The queue, the workspace's main screen: every station's applications, filtered, with their countdowns.

Keyboard-first like the station's lists (desktop/ui/record_list.py): Ctrl+F searches, Down goes from the
search to the first row, Enter opens the current row, F5 asks the server again. Filters are sent to the
server (it holds every station's applications); the answer replaces the rows when it comes back, and a
lost connection keeps the rows shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from desktop.records.reference import default_reference
from desktop.ui.i18n import language
from desktop.ui.tasks import Latest
from sync.county_rules import TO_DECIDE
from sync.limits import MAX_FILTER_CHARS
from sync.workspace_answers import Counts
from sync.workspace_client import QueueFilters
from sync.workspace_client import QueuePage as QueuePageAnswer

from .queue_model import QueueModel
from .table import Pager, station_choices
from .session import CountyDesk
from .words import DEADLINE_STATES, GROUPS, STATUS, word

SEARCH_DELAY_MS = 300
# each of the navigation's counts (workspace_answers.Counts) and the filter that lists exactly what it counts: the same
# conditions the county counts by (sync/server/queue.py counts and _where)
COUNTED = {"to_decide": ("status", TO_DECIDE), "supplement": ("status", "supplement"),
           "to_assign": ("status", "granted"), "in_progress": ("status", "assigned"),
           "overdue": ("deadline", "overdue"), "urgent": ("deadline", "urgent"), "withdrawn": ("status", "withdrawn")}


class _QueueKeys(QObject):
    def __init__(self, page: "QueuePage"):
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        page = self._page
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if watched is page.table and plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            page.open_current()
            return True
        if watched is page.search and plain and event.key() == Qt.Key.Key_Down and page.model.rowCount():
            page.table.setFocus(Qt.FocusReason.TabFocusReason)
            page.table.selectRow(0)
            return True
        return False


def _combo(parent: QWidget, name: str, everything: str, choices: list[tuple[str, str]]) -> QComboBox:
    box = QComboBox(parent)
    box.setObjectName(name)
    box.addItem(everything, None)
    for code, label in choices:
        box.addItem(label, code)
    return box


class QueuePage(QWidget):
    """Filters over the server's queue; `openRequested(application_id)` on Enter or a double click."""

    openRequested = Signal(str)
    countsChanged = Signal(object)  # the client's Counts

    def __init__(self, desk: CountyDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("queue_page")
        self.desk = desk
        reference = default_reference()
        self.search = QLineEdit(self)
        self.search.setMaxLength(MAX_FILTER_CHARS)  # a name, an ID number, an application number
        self.search.setObjectName("queue_search")
        self.search.setPlaceholderText(self.tr("Number, name or ID number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.station = _combo(self, "queue_station", self.tr("All stations"), [])
        self.status = _combo(self, "queue_status", self.tr("Any status"),
                             [(TO_DECIDE, self.tr("To decide (awaiting review or accepted)")),
                              *[(c, word(STATUS, c)) for c in STATUS]])
        self.case_type = _combo(self, "queue_case_type", self.tr("Any case type"),
                                [(c.code, c.label(language())) for c in reference.choices("case_types")])
        self.group = _combo(self, "queue_group", self.tr("Everyone"), [(c, word(GROUPS, c)) for c in GROUPS])
        self.deadline = _combo(self, "queue_deadline", self.tr("Any deadline"),
                               [(c, word(DEADLINE_STATES, c)) for c in DEADLINE_STATES])
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for box in (self.station, self.status, self.case_type, self.group, self.deadline):
            bar.addWidget(box, 1)
        self.model = QueueModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("queue_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.pager = Pager("queue", self)
        self.pager.turned.connect(self.refresh)
        self.summary = self.pager.summary
        self.counted = QLabel(self)  # the navigation's counts, each a link to exactly the applications it counts
        self.counted.setObjectName("queue_counts")
        self.counted.setTextFormat(Qt.TextFormat.RichText)
        self.counted.linkActivated.connect(self.show_counted)
        self.countsChanged.connect(self._show_counts)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.counted)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pager)
        keys = _QueueKeys(self)
        self.table.installEventFilter(keys)
        self.search.installEventFilter(keys)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._filters_changed)
        for box in (self.station, self.status, self.case_type, self.group, self.deadline):
            box.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self._asked, self._counted = Latest(), Latest(newest=True)  # answers to an older question are dropped

    def set_stations(self, stations: list[Any]) -> None:
        """The station filter's choices (keeps the one chosen)."""
        station_choices(self.station, stations)

    def filters(self) -> QueueFilters:
        return QueueFilters(station=self.station.currentData(), status=self.status.currentData(),
                            case_type=self.case_type.currentData(), group=self.group.currentData(),
                            deadline=self.deadline.currentData(), text=self.search.text().strip() or None,
                            page=self.pager.page)

    def refresh(self) -> None:
        """Ask the server for the queue as filtered, and the navigation's counts (both on workers)."""
        self._search_timer.stop()
        question, counted, filters = self._asked.ask(), self._counted.ask(), self.filters()
        self.desk.call(lambda client: client.queue(filters), question(self._show),
                       question(lambda text, _error: self.pager.refused(text)))  # the rows shown stay
        self.desk.call(lambda client: client.counts(), counted(self.countsChanged.emit))

    def _filters_changed(self) -> None:
        self.pager.first()
        self.refresh()

    def _show_counts(self, counts: Counts) -> None:
        labels = {"to_decide": self.tr("To decide %1"), "supplement": self.tr("Awaiting materials %1"),
                  "to_assign": self.tr("To assign %1"), "in_progress": self.tr("In progress %1"),
                  "overdue": self.tr("Overdue %1"), "urgent": self.tr("Urgent %1"),
                  "withdrawn": self.tr("Withdrawn, materials not supplied %1")}
        links = [f'<a href="{name}">{labels[name].replace("%1", str(getattr(counts, name)))}</a>'
                 for name in COUNTED if getattr(counts, name)]
        self.counted.setText("　·　".join(links))
        self.counted.setToolTip(self.tr("Click a count to list the applications it counts."))

    def show_counted(self, name: str) -> None:
        """The queue filtered to exactly what the navigation's count `name` counts (the other filters cleared)."""
        box_name, value = COUNTED[name]
        boxes = (self.station, self.status, self.case_type, self.group, self.deadline)
        for box in boxes:
            box.blockSignals(True)
        self.search.blockSignals(True)
        try:
            self.search.clear()
            for box in boxes:
                box.setCurrentIndex(0)
            box = getattr(self, box_name)
            box.setCurrentIndex(box.findData(value))
        finally:
            for box in boxes:
                box.blockSignals(False)
            self.search.blockSignals(False)
        self._filters_changed()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


    def _show(self, answer: QueuePageAnswer) -> None:
        current = self.current_id()
        self.model.set_rows(list(answer.items))
        self.pager.show_page(self.tr("%1 applications").replace("%1", str(answer.total)), answer.page, answer.total,
                             answer.page_size)
        for row in range(self.model.rowCount()):
            if self.model.row(row).application_id == current:
                self.table.selectRow(row)
                break

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()).application_id if index.isValid() else None

    def open_current(self) -> None:
        found = self.current_id()
        if found:
            self.openRequested.emit(found)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

