"""The operating system's "the user is leaving" events, so the window locks with the session (issue 16).

- **Windows**: the window registers for session notifications (WTSRegisterSessionNotification) and a native
  event filter reads each MSG: WM_WTSSESSION_CHANGE with WTS_SESSION_LOCK (Win+L, the lid closed with "lock
  on sleep", a switch of user) or a disconnect of the console or the remote session, and WM_POWERBROADCAST
  with PBT_APMSUSPEND (sleep, the lid closed) ask for the lock.
- **Linux**: logind's PrepareForSleep(true) on the system bus and this session's Lock signal, and the desktop's
  screensaver becoming active (org.freedesktop.ScreenSaver, org.gnome.ScreenSaver) on the session bus, through
  QtDBus (in the frozen build: it is imported here, and the xcb platform plugin needs its library anyway).
- Application deactivation does **not** lock: a clerk switches to another program to copy a text many times a
  day; the idle lock covers a window left in the background.

`locks_session` is the decision on a message's numbers, tested with synthetic MSG structures on any system;
the ctypes calls to wtsapi32 run on Windows only.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from typing import Any, Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

WM_WTSSESSION_CHANGE, WM_POWERBROADCAST = 0x02B1, 0x0218
WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT, WTS_SESSION_LOCK, WTS_SESSION_UNLOCK = 0x2, 0x4, 0x7, 0x8
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0
WINDOWS_MESSAGES = (b"windows_generic_MSG", b"windows_dispatcher_MSG")


def locks_session(message: int, wparam: int) -> bool:
    """Whether a Windows message says the user is leaving: the session locked or disconnected, or sleep."""
    if message == WM_WTSSESSION_CHANGE:
        return wparam in (WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT)
    return message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND


class MSG(ctypes.Structure):
    """The head of Windows' MSG (hwnd, message, wParam): all the filter reads. ctypes lays these fields out as
    the 64-bit and 32-bit Windows ABIs do (a pointer, a 32-bit UINT, a pointer-sized WPARAM)."""

    _fields_ = [("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint32), ("wParam", ctypes.c_size_t)]


class NativeSessionFilter(QAbstractNativeEventFilter):
    """Reads Windows' messages (on other systems no such message comes) and calls `on_leaving` from the event loop,
    never inside the native dispatch (locking keeps drafts in the database)."""

    def __init__(self, on_leaving: Callable[[], None]):
        super().__init__()
        self.on_leaving = on_leaving

    def nativeEventFilter(self, eventType: Any, message: Any) -> tuple[bool, int]:  # noqa: N802 - Qt override
        if bytes(eventType) in WINDOWS_MESSAGES and message:
            msg = MSG.from_address(int(message))
            if locks_session(msg.message, msg.wParam):
                QTimer.singleShot(0, self.on_leaving)
        return False, 0


class LinuxSessionSignals(QObject):
    """logind's and the screensaver's signals over D-Bus; each slot is what the signal means for the lock."""

    leaving = Signal()

    @Slot(bool)
    def prepare_for_sleep(self, sleeping: bool) -> None:
        if sleeping:
            self.leaving.emit()

    @Slot()
    def session_locked(self) -> None:
        self.leaving.emit()

    @Slot(bool)
    def screensaver_active(self, active: bool) -> None:
        if active:
            self.leaving.emit()

    def connect_buses(self) -> list[str]:
        """Listen where the buses are there; the names of the signals now listened to (none without D-Bus)."""
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusConnection

        wanted = [(QDBusConnection.systemBus(), "org.freedesktop.login1", "/org/freedesktop/login1",
                   "org.freedesktop.login1.Manager", "PrepareForSleep", "prepare_for_sleep(bool)")]
        session = os.environ.get("XDG_SESSION_ID")
        if session:
            wanted.append((QDBusConnection.systemBus(), "org.freedesktop.login1", logind_session_path(session),
                           "org.freedesktop.login1.Session", "Lock", "session_locked()"))
        for service, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                              ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
            wanted.append((QDBusConnection.sessionBus(), service, path, service, "ActiveChanged",
                           "screensaver_active(bool)"))
        connected = []
        for bus, service, path, interface, name, slot in wanted:
            if bus.isConnected() and bus.connect(service, path, interface, name, self, SLOT(slot)):
                connected.append(f"{interface}.{name}")
        return connected


def logind_session_path(session_id: str) -> str:
    """logind's object path of a session: its id escaped as sd-bus escapes path labels."""
    escaped = "".join(c if (c.isascii() and c.isalnum() and not (i == 0 and c.isdigit())) else f"_{ord(c):02x}"
                      for i, c in enumerate(session_id))
    return f"/org/freedesktop/login1/session/{escaped}"


class SessionEvents(QObject):
    """`leaving` when the operating system says the user is leaving (see the module's doc)."""

    leaving = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.native = NativeSessionFilter(self.leaving.emit)
        self.linux = LinuxSessionSignals(self)
        self.linux.leaving.connect(self.leaving)
        self._registered_window: int | None = None

    def start(self, window_id: int) -> None:
        if sys.platform == "win32":  # elsewhere no Windows message comes: no Python call for every native event
            QCoreApplication.instance().installNativeEventFilter(self.native)
            try:
                if ctypes.windll.wtsapi32.WTSRegisterSessionNotification(window_id, NOTIFY_FOR_THIS_SESSION):
                    self._registered_window = window_id
            except OSError as exc:  # a Windows without terminal services: sleep still comes as WM_POWERBROADCAST
                log.warning("no session notifications: %s", exc)
        elif sys.platform.startswith("linux"):
            log.info("locking on: %s", ", ".join(self.linux.connect_buses()) or "no D-Bus signals (no bus)")

    def stop(self) -> None:
        if sys.platform == "win32":
            QCoreApplication.instance().removeNativeEventFilter(self.native)
        if self._registered_window is not None:
            ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification(self._registered_window)
            self._registered_window = None
