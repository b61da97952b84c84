"""The core's change notifications (desktop.records.changes) for the widgets, on the UI thread.

`StationChanges` hears every write committed to this station's database, on any connection and any
thread, and re-emits it as `changed(topics)` on the UI thread: at once when the UI thread wrote it, else
queued, and at most once every WORKER_CHANGES_MS (the writes between become one): a sync round commits a
batch of acknowledgements every few tens of milliseconds, and a refresh per batch would cost the round
itself time (the worker and the UI share the interpreter). A view says what it shows with
`listen(view, slot, *topics)`; the slot runs after each write that touched one of them, for as long as
the view lives. A view that is not on screen at start (a page, a tab) uses `listen_when_seen`: it reads when
first shown, and a write while it is hidden is read when it is shown again, so neither the start nor a
clerk's save waits for views nobody sees. No view polls the database and no window wires refreshes by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QThread, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from desktop.records import changes
from desktop.records.changes import Change

WORKER_CHANGES_MS = 250  # the views follow background writes this often at most: live, and cheap


class StationChanges(QObject):
    """The writes committed to one station's database, as a Qt signal on the UI thread."""

    changed = Signal(object)  # frozenset of topics (desktop.records.changes)
    _arrived = Signal()

    def __init__(self, database: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.database = Path(database).resolve()
        self._lock = threading.Lock()
        self._pending: set[str] = set()
        self._quiet = QTimer(self)  # runs only after a delivery of background writes: no polling
        self._quiet.setObjectName("changes_quiet_timer")
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(WORKER_CHANGES_MS)
        self._quiet.timeout.connect(self._deliver)
        self._arrived.connect(self._arrive, Qt.ConnectionType.QueuedConnection)
        changes.register_listener(self._heard)

    def close(self) -> None:
        """Stop hearing the core (the station is closing)."""
        changes.unregister_listener(self._heard)
        self._quiet.stop()
        with self._lock:
            self._pending.clear()

    def listen(self, view: QObject, slot: Callable[[], None], *topics: str) -> None:
        """Call `slot()` on the UI thread after each write that touched one of `topics`, while `view` lives."""
        listener = _Listener(view, slot, frozenset(topics))
        self.changed.connect(listener.on_changed)

    def listen_when_seen(self, view: QWidget, slot: Callable[[], None], *topics: str) -> None:
        """`slot()` when `view` is first shown, and after each write that touched one of `topics`: at once while
        the view is visible, else when it is shown next (once, however many writes came meanwhile)."""
        listener = _SeenListener(view, slot, frozenset(topics))
        self.changed.connect(listener.on_changed)

    def _heard(self, change: Change) -> None:  # on the thread that committed
        if change.database != self.database:
            return
        if QThread.currentThread() is self.thread():
            self.changed.emit(change.topics)  # the UI's own write: its views are current when it returns
            return
        with self._lock:
            first = not self._pending
            self._pending |= change.topics
        if first:
            self._arrived.emit()

    @Slot()
    def flush(self) -> None:
        """Deliver the background writes heard so far now (a task ended: its callbacks find the views current)."""
        self._deliver()

    @Slot()
    def _arrive(self) -> None:
        if not self._quiet.isActive():  # else the quiet time's end delivers what came meanwhile
            self._deliver()

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            topics = frozenset(self._pending)
            self._pending.clear()
        if topics:
            self._quiet.start()
            self.changed.emit(topics)


class _Listener(QObject):
    """A view's subscription: a child of the view, so it ends (and is disconnected) with it."""

    def __init__(self, view: QObject, slot: Callable[[], None], topics: frozenset[str]):
        super().__init__(view)
        self._slot = slot
        self._topics = topics

    @Slot(object)
    def on_changed(self, topics: frozenset[str]) -> None:
        if topics & self._topics:
            self._slot()


class _SeenListener(_Listener):
    """A subscription of a view that reads only while it is seen (`StationChanges.listen_when_seen`)."""

    def __init__(self, view: QWidget, slot: Callable[[], None], topics: frozenset[str]):
        super().__init__(view, slot, topics)
        self._view = view
        self._stale = True
        view.installEventFilter(self)

    @Slot(object)
    def on_changed(self, topics: frozenset[str]) -> None:
        if topics & self._topics:
            self._stale = True
            if self._view.isVisible():
                self._read()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and self._stale:
            self._read()
        return False

    def _read(self) -> None:
        self._stale = False
        self._slot()
