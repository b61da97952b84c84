"""The 县中心 page: what the county decided since the clerk last looked, and what it sent back to fix.

Decisions (`county_events`, pulled by the sync) are listed newest first; unread ones (`seen_at IS
NULL`) are bold and marked 新. Opening one opens its application and marks that application's
decisions read. Changes the county rejected (quarantined outbox rows) are listed with the county's
reason: open the record to fix it (saving makes a new change), or send it again as it is.
The questions it asks are sync/events.py's (Qt-free); they are small and indexed, so they run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QStackedWidget, QTableView, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)
from desktop.records.connection import Database

from desktop.records.changes import COUNTY, OUTBOX, RECORDS, SYNC_STATE
from desktop.records.errors import StorageError
from sync.events import (CountyEvent, ReturnedChange, mark_all_seen, mark_seen, newest_events, returned_changes,
                         unseen_count)
from sync.outbox import release_change
from sync.state import is_enrolled

from .county_text import county_event_text, county_time
from .i18n import core_text
from .messages import Button, MessageBoxes
from .workstation import Workstation

OpenRecord = Callable[[str, str], bool]  # (record_type, record_id) -> opened

# -- the decisions table --------------------------------------------------------------------------


class CountyEventsModel(QAbstractTableModel):
    """Rows are computed once per refresh (text and time), so painting 1,000 rows does no work."""

    NEW, TIME, NUMBER, APPLICANT, DECISION = range(5)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.events: list[CountyEvent] = []
        self._rows: list[tuple[str, str, str, str, str]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_events(self, events: list[CountyEvent]) -> None:
        self.beginResetModel()
        self.events = events
        new = self.tr("New")
        self._rows = [(new if not e.seen else "", county_time(e.decided_at), e.number or "", e.applicant,
                       county_event_text(e.kind, e.details)) for e in events]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return ("", self.tr("County time"), self.tr("Application no."), self.tr("Applicant"),
                self.tr("Decision"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row[column].replace("\n", " · ") if column == self.DECISION else row[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DECISION:
            return row[column]
        if role == Qt.ItemDataRole.FontRole and not self.events[index.row()].seen:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column == self.NEW:
            return QColor("#c0392b")
        return None


class _EnterOpens(QObject):
    """Enter on the table opens the current row (the view's own `activated` on Enter varies by style)."""

    def __init__(self, page: CountyPage):
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._page.open_event(self._page.table.currentIndex())
            return True
        return False


# -- the page ---------------------------------------------------------------------------------------


class CountyPage(QWidget):
    """Two tabs: the county's decisions, and the changes the county returned. They follow every write to what
    they show (decisions, returned changes, the applicants, enrollment), as long as the page is visible."""

    def __init__(self, workstation: Workstation, open_record: OpenRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("county_page")
        self.services = workstation.services
        self._open_record = open_record
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("county_tabs")
        self.tabs.addTab(self._build_decisions(), self.tr("County decisions"))
        self.tabs.addTab(self._build_returned(), self.tr("Returned by the county"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        workstation.changes.listen(self, self.refresh, COUNTY, OUTBOX, RECORDS, SYNC_STATE)

    @property
    def db(self) -> Database:
        return self.services.station.db  # looked up each time: a restore replaces the connection

    def _build_decisions(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr("The county's decisions on this station's applications, newest first. "
                               "Bold rows marked New have not been looked at yet. "
                               "Double-click or press Enter to open the application."), page)
        intro.setWordWrap(True)
        self.unread_only = QCheckBox(self.tr("Unread only"), page)
        self.unread_only.setObjectName("county_unread_only")
        self.unread_only.toggled.connect(lambda _on: self.refresh())
        self.mark_all_button = QPushButton(self.tr("Mark all as read"), page)
        self.mark_all_button.setObjectName("county_mark_all_read")
        self.mark_all_button.setAutoDefault(False)
        self.mark_all_button.clicked.connect(self.mark_all_read)
        bar = QHBoxLayout()
        bar.addWidget(self.unread_only)
        bar.addStretch(1)
        bar.addWidget(self.mark_all_button)
        self.model = CountyEventsModel(self)
        self.table = self._make_table(page)
        self.events_empty = self._empty_label(page, "county_events_empty")
        self.events_stack = QStackedWidget(page)
        self.events_stack.addWidget(self.table)
        self.events_stack.addWidget(self.events_empty)
        self.events_more = QLabel(page)
        self.events_more.setObjectName("county_events_more")
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(bar)
        layout.addWidget(self.events_stack, 1)
        layout.addWidget(self.events_more)
        return page

    def _make_table(self, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setObjectName("county_events_table")
        table.setAccessibleName(self.tr("County decisions"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in ((CountyEventsModel.NEW, 40), (CountyEventsModel.TIME, 140),
                              (CountyEventsModel.NUMBER, 160), (CountyEventsModel.APPLICANT, 110)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(CountyEventsModel.NEW, QHeaderView.ResizeMode.Fixed)
        table.activated.connect(self.open_event)  # double-click (and Enter, where the style does it)
        table.installEventFilter(_EnterOpens(self))
        return table

    def _build_returned(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr("The county could not accept these changes and sent them back; they are not sent "
                               "again by themselves. Open the record, correct what the county's reason says and "
                               "save it: the new version is sent at the next sync. Send as is only when the county "
                               "says it has fixed the problem on its side."), page)
        intro.setObjectName("county_returned_intro")
        intro.setWordWrap(True)
        self.returned = QTreeWidget(page)
        self.returned.setObjectName("county_returned")
        self.returned.setAccessibleName(self.tr("Returned by the county"))
        self.returned.setRootIsDecorated(False)
        self.returned.setAlternatingRowColors(True)
        self.returned.setHeaderLabels([self.tr("Record"), self.tr("Application no. or name"), self.tr("Version"),
                                       self.tr("County's reason")])
        for column, width in ((0, 70), (1, 260), (2, 50)):
            self.returned.header().resizeSection(column, width)
        self.returned.itemActivated.connect(lambda _item, _column: self.open_returned())
        self.returned.currentItemChanged.connect(lambda *_: self._update_returned_buttons())
        self.returned_empty = self._empty_label(page, "county_returned_empty")
        self.returned_stack = QStackedWidget(page)
        self.returned_stack.addWidget(self.returned)
        self.returned_stack.addWidget(self.returned_empty)
        self.open_button = QPushButton(self.tr("Open record"), page)
        self.open_button.setObjectName("county_open_returned")
        self.open_button.clicked.connect(self.open_returned)
        self.release_button = QPushButton(self.tr("Send again as is..."), page)
        self.release_button.setObjectName("county_release")
        self.release_button.clicked.connect(self.release_returned)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.release_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.returned_stack, 1)
        layout.addLayout(buttons)
        return page

    @staticmethod
    def _empty_label(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("QLabel { color: palette(mid); font-size: 12pt; padding: 24px; }")
        return label

    # -- refreshing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Reload both lists; a hidden page waits until it is shown (it reloads then)."""
        if self.isVisible():
            self.refresh_events()
            self.refresh_returned()

    def refresh_events(self) -> None:
        current = self.model.events[self.table.currentIndex().row()].seq if self.table.currentIndex().isValid() \
            else None
        events, total = newest_events(self.db, unread_only=self.unread_only.isChecked())
        self.model.set_events(events)
        unread = unseen_count(self.db)
        self.mark_all_button.setEnabled(unread > 0)
        self.tabs.setTabText(0, self.tr("County decisions (%1 unread)").replace("%1", str(unread)) if unread
                             else self.tr("County decisions"))
        self.events_more.setVisible(total > len(events))
        self.events_more.setText(self.tr("Showing the newest %1 of %2 decisions.")
                                 .replace("%1", str(len(events))).replace("%2", str(total)))
        self.events_empty.setText(self._events_empty_text())
        self.events_stack.setCurrentWidget(self.table if events else self.events_empty)
        rows = [i for i, e in enumerate(events) if e.seq == current]
        if rows:
            self.table.setCurrentIndex(self.model.index(rows[0], 0))

    def _events_empty_text(self) -> str:
        if self.unread_only.isChecked():
            return self.tr("No unread decisions. Untick \"Unread only\" to see all the county's decisions.")
        if not is_enrolled(self.db):
            return self.tr("No decisions from the county yet. This station is not enrolled with the county: "
                           "enroll it in Settings, and after a sync the county's decisions appear here.")
        return self.tr("No decisions from the county yet. After a sync, the county's acceptances, reviews, "
                       "assignments and other decisions appear here.")

    def refresh_returned(self) -> None:
        self.returned.clear()
        changes = returned_changes(self.db)
        kinds = {"consultation": self.tr("Consultation"), "application": self.tr("Application"),
                 "attachment": self.tr("Material"), "person": self.tr("Person")}
        for change in changes:
            item = QTreeWidgetItem([kinds.get(change.record_type, change.record_type), change.who or "-",
                                    str(change.version), change.reason])
            item.setToolTip(3, change.reason)
            item.setData(0, Qt.ItemDataRole.UserRole, change)
            self.returned.addTopLevelItem(item)
        if changes:
            self.returned.setCurrentItem(self.returned.topLevelItem(0))
        self.tabs.setTabText(1, self.tr("Returned by the county (%1)").replace("%1", str(len(changes))) if changes
                             else self.tr("Returned by the county"))
        self.returned_empty.setText(self.tr("Nothing has been returned by the county. When the county cannot "
                                            "accept a change, it is listed here with the county's reason."))
        self.returned_stack.setCurrentWidget(self.returned if changes else self.returned_empty)
        self._update_returned_buttons()

    def _update_returned_buttons(self) -> None:
        change = self.current_returned()
        self.open_button.setEnabled(change is not None and change.target is not None)
        self.release_button.setEnabled(change is not None)

    # -- actions ----------------------------------------------------------------------------------

    def open_event(self, index: QModelIndex) -> None:
        """Open the decision's application and mark its decisions read."""
        if not index.isValid():
            return
        event = self.model.events[index.row()]
        if not event.application_id:
            MessageBoxes.inform(self, self.tr("County decisions"),
                                self.tr("Application %1 is not on this station.").replace("%1", event.number or ""))
            return
        if self._open_record("application", event.application_id):
            self._mark(lambda: mark_seen(self.db, event.number, event.application_id))

    def mark_all_read(self) -> None:
        self._mark(lambda: mark_all_seen(self.db))

    def _mark(self, marker: Callable[[], int]) -> None:
        try:
            marker()  # the page and the navigation's unread count follow the write
        except StorageError as error:
            MessageBoxes.warn(self, self.tr("County decisions"), core_text("Storage", error.message, error.params))

    def current_returned(self) -> ReturnedChange | None:
        item = self.returned.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def open_returned(self) -> None:
        """Open the record to fix; saving it makes a new change that resolves the return once the county has it."""
        change = self.current_returned()
        if change is not None and change.target is not None:
            self._open_record(*change.target)

    def release_returned(self) -> None:
        """Send the change again exactly as it was, after the clerk confirms."""
        change = self.current_returned()
        if change is None:
            return
        answer = MessageBoxes.ask(self, self.tr("Send again as is"),
                                  self.tr("Send this change to the county again without changing it? If the "
                                          "problem was not fixed on the county's side, the county will return "
                                          "it again. It is sent at the next sync."),
                                  Button.Yes | Button.No, Button.No)
        if answer != Button.Yes:
            return
        try:
            release_change(self.db, change.change_id)  # the list and the status bar's count follow the write
        except StorageError as error:
            MessageBoxes.warn(self, self.tr("Send again as is"), core_text("Storage", error.message, error.params))
