"""The county workspace's window: first the county server (once), then the login, then the workspace:
the navigation on the left (the queue with its counts, stations, roster, townships) and the page on the
right. The station's screens are not part of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget, QWidget

from desktop.ui.tasks import TaskRunner

from .accounts_page import AccountsPage
from .application_view import ApplicationView
from .complaints_page import ComplaintsPage
from .consultations_page import ConsultationsPage
from .connect_page import ConnectPage
from .figure_records_page import FigureRecordsPage
from .login_page import LoginAgainDialog, LoginPanel
from .measures_page import MeasuresPage
from .queue_page import QueuePage
from .reference_pages import RosterPage, TownshipsPage
from .reports_page import ReportsPage
from sync.workspace_client import Counts

from .rights import roles_text
from .session import CountyDesk
from .settings import WorkspaceSettings, load_settings
from .stations_page import StationsPage

QUEUE, APPLICATION, CONSULTATIONS, STATIONS, ROSTER, TOWNSHIPS, ACCOUNTS, MEASURES, FIGURE, REPORTS, COMPLAINTS = \
    range(11)
REFRESH_MS = 60_000  # the queue and its counts follow what others decide, while the queue is shown


class CountyWindow(QMainWindow):
    def __init__(self, data_dir: Path, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("county_window")
        self.setWindowTitle(self.tr("County legal-aid center workspace"))
        self.data_dir, self.tasks = Path(data_dir), tasks
        self.desk: CountyDesk | None = None
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.connection = QLabel(self)
        self.connection.setObjectName("connection_state")
        self.who = QLabel(self)
        self.who.setObjectName("signed_in_as")
        self.statusBar().addWidget(self.who, 1)
        self.statusBar().addPermanentWidget(self.connection)
        self.resize(1280, 800)
        settings = load_settings(self.data_dir)
        if settings is None:
            self.connect_page = ConnectPage(self.data_dir, tasks, self)
            self.connect_page.connected.connect(self._connected)
            self.stack.addWidget(self.connect_page)
        else:
            self._connected(settings)

    def _connected(self, settings: WorkspaceSettings) -> None:
        self.desk = CountyDesk(self.data_dir, self.tasks, settings, self)
        self.desk.expired.connect(self._login_again)
        self.desk.onlineChanged.connect(self._show_online)
        self.login_panel = LoginPanel(self.desk, self)
        self.login_panel.loggedIn.connect(self._logged_in)
        self.stack.addWidget(self.login_panel)
        self.stack.setCurrentWidget(self.login_panel)
        self.login_panel.account.setFocus()

    def _logged_in(self, account: Any) -> None:
        self.who.setText(self.tr("Logged in: %1 (%2)").replace("%1", account.display_name)
                         .replace("%2", roles_text(account.roles)))
        if not hasattr(self, "workspace"):
            self._build_workspace()
        self.stack.setCurrentWidget(self.workspace)
        self.refresh()

    def _build_workspace(self) -> None:
        desk = self.desk
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setMaximumWidth(220)
        self.pages = QStackedWidget(self)
        self.queue = QueuePage(desk, self)
        self.application = ApplicationView(desk, self)
        self.consultations = ConsultationsPage(desk, self)
        self.stations = StationsPage(desk, self)
        self.roster = RosterPage(desk, self)
        self.townships = TownshipsPage(desk, self)
        self.accounts = AccountsPage(desk, self)
        self.measures = MeasuresPage(desk, self)
        self.figure_records = FigureRecordsPage(desk, self)
        self.reports = ReportsPage(desk, self)
        self.complaints = ComplaintsPage(desk, self)
        for page in (self.queue, self.application, self.consultations, self.stations, self.roster, self.townships,
                     self.accounts, self.measures, self.figure_records, self.reports, self.complaints):
            self.pages.addWidget(page)
        # new pages go at the end: staff's Ctrl+1..6 stay where they learnt them
        for label, page in ((self.tr("Queue"), QUEUE), (self.tr("Consultations"), CONSULTATIONS),
                            (self.tr("Stations"), STATIONS),
                            (self.tr("Roster"), ROSTER), (self.tr("Townships"), TOWNSHIPS),
                            (self.tr("Staff accounts"), ACCOUNTS), (self.tr("Plan measures"), MEASURES),
                            (self.tr("Reports"), REPORTS), (self.tr("Complaints ledger"), COMPLAINTS)):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.navigation.addItem(item)
        self.navigation.currentItemChanged.connect(self._navigate)
        self.queue.openRequested.connect(self.open_application)
        self.queue.countsChanged.connect(self._show_counts)
        self.application.backRequested.connect(self._back_from_application)
        self.measures.figureRequested.connect(self._show_figure)
        self.figure_records.openRequested.connect(self.open_application)
        self.figure_records.backRequested.connect(lambda: self.pages.setCurrentWidget(self.measures))
        self.application.decided.connect(lambda _id: self.queue.refresh())
        self.stations.stationsChanged.connect(self.queue.set_stations)
        self.stations.stationsChanged.connect(self.consultations.set_stations)
        self.stations.stationsChanged.connect(self.complaints.set_stations)
        self.workspace = QSplitter(self)
        self.workspace.setObjectName("workspace")
        self.workspace.addWidget(self.navigation)
        self.workspace.addWidget(self.pages)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setSizes([180, 1100])
        self.stack.addWidget(self.workspace)
        for number in range(self.navigation.count()):
            QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self, lambda r=number: self.navigation.setCurrentRow(r))
        self.navigation.setCurrentRow(0)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setObjectName("queue_refresh")
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh_shown_queue)
        self._refresh_timer.start()

    def _refresh_shown_queue(self) -> None:
        if self.desk.account is not None and self.pages.currentWidget() is self.queue and self.isVisible():
            self.queue.refresh()

    def refresh(self) -> None:
        self.queue.refresh()
        self.stations.refresh()

    def _navigate(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        page = item.data(Qt.ItemDataRole.UserRole)
        self.pages.setCurrentIndex(page)
        if page == QUEUE:
            self._show_queue()
        elif page == ROSTER:
            self.roster.refresh()
        elif page == TOWNSHIPS:
            self.townships.refresh()
        elif page == STATIONS:
            self.stations.refresh()
        elif page == ACCOUNTS:
            self.accounts.refresh()
        elif page == CONSULTATIONS:
            self.consultations.refresh()
        elif page == MEASURES:
            self.measures.refresh()
        elif page == REPORTS:
            self.reports.refresh()
        elif page == COMPLAINTS:
            self.complaints.refresh()

    def _show_queue(self) -> None:
        self.pages.setCurrentWidget(self.queue)
        self.queue.table.setFocus()

    def open_application(self, application_id: str) -> None:
        """Open one application; Esc goes back to where it was opened from (the queue, or a figure's list)."""
        self._opened_from = self.figure_records if self.pages.currentWidget() is self.figure_records else self.queue
        self.pages.setCurrentWidget(self.application)
        self.application.tabs.setFocus()  # keys (Esc, the tabs) go to the application, wherever it was opened from
        self.application.open(application_id)

    def _back_from_application(self) -> None:
        if getattr(self, "_opened_from", None) is self.figure_records:
            self.pages.setCurrentWidget(self.figure_records)
            self.figure_records.table.setFocus()
            return
        self.navigation.setCurrentRow(0)
        self._show_queue()

    def _show_figure(self, asked) -> None:
        self.pages.setCurrentWidget(self.figure_records)
        self.figure_records.show_figure(asked)

    def _show_counts(self, counts: Counts) -> None:
        """The queue's line in the navigation: what waits for whom, overdue in red."""
        item = self.navigation.item(0)
        parts = [self.tr("Queue")]
        for value, label in ((counts.to_decide, self.tr("to decide %1")),
                             (counts.supplement, self.tr("awaiting materials %1")),
                             (counts.to_assign, self.tr("to assign %1")), (counts.overdue, self.tr("overdue %1")),
                             (counts.urgent, self.tr("urgent %1")),
                             (counts.withdrawn, self.tr("withdrawn, materials not supplied %1"))):
            if value:
                parts.append(label.replace("%1", str(value)))
        item.setText("\n  ".join(parts))
        item.setForeground(Qt.GlobalColor.darkRed if counts.overdue else Qt.GlobalColor.black)

    def _show_online(self, online: bool) -> None:
        if online:
            self.connection.setText("")
            self.connection.setStyleSheet("")
        else:
            self.connection.setText(self.tr("Not connected to the county's server: what is shown may be out of "
                                            "date; nothing was changed. Press F5 to try again."))
            self.connection.setStyleSheet("color: white; background: #c0392b; padding: 2px 6px;")

    def _login_again(self) -> None:
        if getattr(self, "_again", None) is not None and self._again.isVisible():
            return
        self._again = LoginAgainDialog(self.desk, self)
        self._again.panel.loggedIn.connect(self._logged_in_again)
        self._again.open()

    def _logged_in_again(self, account: Any) -> None:
        self.who.setText(self.tr("Logged in: %1 (%2)").replace("%1", account.display_name)
                         .replace("%2", roles_text(account.roles)))
