"""The running station program: its services, its task runner, the core's change notifications on the UI
thread, and the work that runs while the program runs.

`run_app` makes one Workstation and hands it to the main window (services passed in, never built
inside a window); tests make one per test. Building it starts nothing: `start()` (the app's start)
begins the write-ahead log's checkpoints and the search index lane (saves leave their index to it);
`close()` (the app's end) cancels every task and waits for them, bounded, then closes the database.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from desktop.records import search_lane
from desktop.records.db import checkpoint
from desktop.records.station import Station
from desktop.services import Services

from .changes import StationChanges
from .session import Session
from .tasks import QUIT_WAIT_MS, TaskRunner

CHECKPOINT_MS = 20_000  # keep the write-ahead log short, off the UI thread
SEARCH_BATCH = 500  # records the index lane indexes in one write


class Workstation(QObject):
    """What every window and widget of one station shares: services, tasks, changes."""

    def __init__(self, services: Services, tasks: TaskRunner | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.tasks = tasks or TaskRunner(services.station.data_dir, parent=self)
        self.changes = StationChanges(services.station.database_file, self)
        self.session = Session(services.station.data_dir, self)  # who is signed in, and may do what
        self.tasks.taskEnded.connect(self.changes.flush)  # a task's callbacks find the views showing its writes
        self._checkpoints = QTimer(self)
        self._checkpoints.setObjectName("checkpoint_timer")
        self._checkpoints.setInterval(CHECKPOINT_MS)
        self._checkpoints.timeout.connect(self.checkpoint)
        self._closed = False

    @property
    def station(self) -> Station:
        return self.services.station

    def current_user(self) -> str:
        """Who acts at this window: the signed-in account (what saves, voids, prints and the audit trail record)."""
        return self.session.user

    def audit(self, action: str, record_type: str, record_id: str) -> None:
        """One entry of the audit trail by the clerk on duty, written on the serial write lane."""
        from desktop.records import audit

        user = self.current_user()
        self.tasks.write(lambda job: audit.record(job.db, user, action, record_type, record_id))

    def start(self) -> None:
        """The program's start: saves stop running checkpoints; a worker runs them every CHECKPOINT_MS.
        Saves leave their search index to the write lane (index_search), which first indexes what a crash left."""
        self.station.defer_checkpoints()
        self.station.store.index_lane = self.index_search
        self.index_search()
        self._checkpoints.start()

    def index_search(self) -> None:
        """The search index catches up with the saves noted in its backlog, on the serial write lane, right after
        them (desktop/records/search_lane.py): the clerk's save is durable without waiting for it."""
        def indexed(count: int) -> None:
            if count == SEARCH_BATCH:  # more left (a long backlog after a crash): the lane stays a short task
                self.index_search()

        if not self._closed:
            self.tasks.write(lambda job: search_lane.catch_up(job.db, SEARCH_BATCH), indexed)

    def checkpoint(self) -> None:
        path = self.station.database_file
        self.tasks.run(lambda _job: checkpoint(path))

    def stop_checkpoints(self) -> None:
        self._checkpoints.stop()

    def close(self, timeout_ms: int = QUIT_WAIT_MS) -> bool:
        """The program's end: tasks cancelled and waited for (at most `timeout_ms`), then the database closed.
        True when every task had ended."""
        if self._closed:
            return True
        self._closed = True
        self._checkpoints.stop()
        ended = self.tasks.shutdown(timeout_ms)
        self.changes.close()
        self.services.close()
        return ended

