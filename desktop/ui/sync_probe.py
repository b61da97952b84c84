"""Noticing that the county server is reachable again, so a waiting station syncs without the clerk.

After a round failed because the county could not be reached, `ReachabilityProbe.start()` asks
`GET {server}/v1/health` on a worker every PROBE_INTERVAL_MS (short timeouts: the UI thread never
waits) and says `reachable` as soon as it answers; the controller then starts a round. When Qt has a
network-information backend (NetworkManager, GLib, Windows), a change to "online" probes at once
instead of waiting for the next tick; offscreen or without a backend only the timer works. That backend (a Qt
plugin, and QtNetwork) is loaded when probing first starts, not with the window: most sessions never need it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from .tasks import Task, TaskRunner

log = logging.getLogger(__name__)

PROBE_INTERVAL_MS = 30_000
PROBE_TIMEOUT = (3.0, 5.0)  # connect, read seconds: a probe must never pile up behind a hanging one
if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkInformation


def server_answers(server_url: str) -> bool:
    """True when the county server answers its health check (run on a worker: it blocks)."""
    import requests

    try:
        return requests.get(f"{server_url.rstrip('/')}/v1/health", timeout=PROBE_TIMEOUT).status_code == 200
    except requests.RequestException:
        return False


class ReachabilityProbe(QObject):
    """Probes the county server while a round is owed because it was unreachable."""

    reachable = Signal()

    def __init__(self, tasks: TaskRunner, server_url: Callable[[], str | None], may_probe: Callable[[], bool],
                 parent: QObject | None = None, *, interval_ms: int = PROBE_INTERVAL_MS):
        super().__init__(parent)
        self._tasks = tasks
        self._server_url = server_url
        self._may_probe = may_probe  # false while a round runs or when the station is not enrolled
        self.task: Task | None = None
        self.probes = 0  # health checks started (tests and the log read it)
        self.timer = QTimer(self)
        self.timer.setObjectName("sync_probe_timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.probe_now)
        self.network: QNetworkInformation | None = None
        self._network_asked = False

    def start(self) -> None:
        """Begin probing (again): the county was unreachable. The first time, listen to the system's network."""
        if not self._network_asked:
            self._network_asked = True
            self.network = _network_information()
            if self.network is not None:
                self.network.reachabilityChanged.connect(self.on_reachability)
        if not self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def is_active(self) -> bool:
        return self.timer.isActive()

    def on_reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        """The operating system says the network changed: when it is usable, do not wait for the timer."""
        from PySide6.QtNetwork import QNetworkInformation  # loaded with the backend that calls this

        usable = (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site,
                  QNetworkInformation.Reachability.Local)
        if self.is_active() and reachability in usable:
            self.probe_now()

    def probe_now(self) -> bool:
        """One health check on a worker; False when none was started (one running, a round running, not enrolled)."""
        if self.task is not None or not self._may_probe():
            return False
        url = self._server_url()
        if not url:
            return False
        self.probes += 1
        task = self._tasks.run(lambda _job: server_answers(url), self._answered, self._probe_failed)
        if not task.is_done():  # (a synchronous runner has answered already)
            self.task = task
        return True

    def _answered(self, ok: bool) -> None:
        self.task = None
        if ok and self.is_active():  # not stopped meanwhile (a round that succeeded, a restore)
            log.info("the county server answers again")
            self.timer.stop()
            self.reachable.emit()

    def _probe_failed(self, error: BaseException) -> None:
        self.task = None
        log.warning("reachability probe failed: %r", error)


def _network_information() -> QNetworkInformation | None:
    """Qt's view of the network, when a backend is available on this system (often not offscreen)."""
    from PySide6.QtNetwork import QNetworkInformation

    try:
        if QNetworkInformation.instance() is None and not QNetworkInformation.loadDefaultBackend():
            return None
        info = QNetworkInformation.instance()
        if info is None or not info.supports(QNetworkInformation.Feature.Reachability):
            return None
        return info
    except Exception as exc:  # noqa: BLE001 - a missing plugin only costs the faster reaction
        log.info("no network information backend: %r", exc)
        return None
