"""期限 (deadlines): what is overdue, due today and due soon at this station, each opening its record.

The deadlines are the core's (desktop/records/deadlines.py), read on a worker after every change of the records
or the county's decisions; the clock is this computer's, and the page says so in red when the last sync found it
more than five minutes off the county's.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.records import deadlines
from desktop.records.changes import COUNTY, RECORDS
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.protocol import SKEW_WARNING_SECONDS
from sync.state import last_clock_skew

from .casework_lists import OVERDUE_FOREGROUND, countdown_text
from .tasks import Latest
from .workstation import Workstation

GROUPS = ((deadlines.OVERDUE, QT_TRANSLATE_NOOP("Deadlines", "Overdue")),
          (deadlines.TODAY, QT_TRANSLATE_NOOP("Deadlines", "Due today")),
          (deadlines.SOON, QT_TRANSLATE_NOOP("Deadlines", "Due soon")),
          (deadlines.LATER, QT_TRANSLATE_NOOP("Deadlines", "Later")))


class DeadlinesPage(QWidget):
    """今日待办 / 即将到期 / 已逾期; Enter or a double click opens the record (a consultation's follow-up starts one)."""

    countChanged = Signal(int)  # overdue and due today: what the navigation shows
    openRequested = Signal(str, str)  # record type, id
    followUpRequested = Signal(str)  # a consultation's id: start its follow-up visit

    def __init__(self, workstation: Workstation, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deadlines_page")
        self.workstation = workstation
        self.today: Callable[[], date] = date.today
        self.found: list[deadlines.Deadline] = []
        self.clock = QLabel(self)
        self.clock.setObjectName("deadlines_clock")
        self.clock.setStyleSheet("color: #c00000;")
        self.clock.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("deadlines_summary")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("deadlines")
        self.tree.setAccessibleName(self.tr("Deadlines"))
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Due"), self.tr("Days"), self.tr("What is due"), self.tr("Record")])
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setRootIsDecorated(True)
        self.tree.itemActivated.connect(lambda item, _column: self._open(item))
        self.tree.itemDoubleClicked.connect(lambda item, _column: self._open(item))
        layout = QVBoxLayout(self)
        layout.addWidget(self.clock)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self._asked = Latest(newest=True)  # read again at every change
        workstation.changes.listen(self, self.refresh, RECORDS, COUNTY)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the open deadlines on a worker, then show them."""
        self._show_clock()
        question, today = self._asked.ask(), self.today()  # an earlier read that ends after a later one shows nothing
        self.workstation.tasks.run(lambda job: deadlines.open_deadlines(job.db, today=today),
                                   on_done=question(self.show_deadlines))

    def _show_clock(self) -> None:
        skew = last_clock_skew(self.workstation.station.db)
        if skew is None or abs(skew) <= SKEW_WARNING_SECONDS:
            self.clock.hide()
            return
        self.clock.setText(self.tr("This computer's clock is about %1 minutes off the county's: the days below are "
                                   "counted on this computer's clock. Correct the clock.")
                           .replace("%1", str((abs(skew) + 30) // 60)))
        self.clock.show()

    def show_deadlines(self, found: list[deadlines.Deadline]) -> None:
        self.found = found
        today = self.today()
        groups = deadlines.by_state(found, today)
        self.tree.clear()
        for state, title in GROUPS:
            items = groups[state]
            top = QTreeWidgetItem([f"{QCoreApplication.translate('Deadlines', title)} ({len(items)})"])
            top.setData(0, Qt.ItemDataRole.UserRole, state)
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for d in items:
                child = QTreeWidgetItem([d.due.isoformat(), countdown_text(d, today),
                                         QCoreApplication.translate("Deadline", d.text), self._subject(d)])
                child.setData(0, Qt.ItemDataRole.UserRole, (d.record_type, d.record_id, d.kind))
                if state == deadlines.OVERDUE:
                    for column in range(4):
                        child.setForeground(column, QBrush(OVERDUE_FOREGROUND))
                top.addChild(child)
            top.setExpanded(state != deadlines.LATER)
        for column in (0, 1):  # the date and the countdown whole, once per refresh (not on every paint)
            self.tree.resizeColumnToContents(column)
        urgent = len(groups[deadlines.OVERDUE]) + len(groups[deadlines.TODAY])
        self.summary.setText(self.tr("%1 overdue, %2 due today, %3 due within %4 days")
                             .replace("%1", str(len(groups[deadlines.OVERDUE])))
                             .replace("%2", str(len(groups[deadlines.TODAY])))
                             .replace("%3", str(len(groups[deadlines.SOON])))
                             .replace("%4", str(deadlines.plan_periods().soon_days)))
        self.countChanged.emit(urgent)

    def _subject(self, deadline: deadlines.Deadline) -> str:
        """The record as the lists name it; a consultation taken without a name says it was anonymous."""
        if deadline.subject:
            return deadline.subject
        return self.tr("(anonymous consultation)") if deadline.record_type == "consultation" else ""

    def _open(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if not isinstance(target, tuple):
            return
        record_type, record_id, kind = target
        if kind == deadlines.CONSULTATION_FOLLOW_UP:
            self.followUpRequested.emit(record_id)
        else:
            self.openRequested.emit(record_type, record_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tree.currentItem() is not None:
            self._open(self.tree.currentItem())
            return
        super().keyPressEvent(event)
