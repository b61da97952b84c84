"""One running program per data folder: a second start brings the first window forward and exits.

A QLockFile in the data folder guarantees the database is never opened twice
for writing (a stale lock from a crashed run is taken over); a local socket
named after the folder carries the "show yourself" message to the first instance.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_FILE = "station.lock"
ACTIVATE = b"activate"
CONNECT_MS = 1500


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"legalaid-station-{digest}"


class SingleInstance(QObject):
    """Holds the data folder's lock; `activated` fires when another start asks this one to show itself."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(self.data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # only a dead process's lock is stale, however old
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this is the first instance for the folder (it then listens for later starts)."""
        if not self._lock.tryLock(0):
            return False
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # a crashed run may have left its socket behind
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            log.warning("cannot listen for second starts on %s: %s", name, server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda socket=socket: self._read(socket))

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll()).strip() == ACTIVATE:
            self.activated.emit()
        socket.disconnectFromServer()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.unlock()


def ask_running_instance_to_show(data_dir: Path) -> bool:
    """Tell the instance that holds `data_dir` to come to the front; False if none answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(ACTIVATE + b"\n")
    socket.flush()
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True
