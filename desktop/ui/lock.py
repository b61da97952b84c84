"""The window's lock: after the idle minutes set in 设置, when the session is suspended (where Qt says so),
when the system locks, sleeps or the lid closes (session_events.py: Win+L on Windows, logind and the
screensaver on Linux), or at once by 锁定/切换办事员 (Ctrl+L), the window shows a sign-in screen with no
personal data on it.

Nothing closes: the forms stay as they were, and every form in progress is also kept as a draft (in the
encrypted database) before the screen locks, so a power cut while locked loses nothing. Whoever signs in
next (the same clerk, or another: this is also how clerks switch) finds the window as it was; what they
save from then on records their name. While a modal dialog is open the idle lock waits for it to close:
hiding a dialog would end what it was asking. The system's lock does not wait (the user has left): open
dialogs are veiled and the sign-in shows above them (lock_veil.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop.records.changes import SETTINGS
from desktop.records.keyring import Unlocked

from .lock_veil import LockDialog, Veil, open_dialogs
from .session_events import SessionEvents
from .signin import SignInPanel

INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                          QEvent.Type.Wheel, QEvent.Type.InputMethod, QEvent.Type.TouchBegin})


class IdleWatcher(QObject):
    """`idle` after `minutes` without a key, click or mouse move anywhere in the program."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setObjectName("idle_lock_timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, int(minutes)) * 60_000)

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class LockScreen(QWidget):
    """What a locked window shows: that it is locked, and the sign-in."""

    def __init__(self, data_dir, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lock_screen")
        title = QLabel(self.tr("The workstation is locked"), self)
        title.setObjectName("lock_title")
        title.setStyleSheet("font-size: 16pt;")
        about = QLabel(self.tr("Sign in to go on. Forms in progress are kept and come back as they were."), self)
        about.setWordWrap(True)
        self.panel = SignInPanel(data_dir, self)
        box = QWidget(self)
        box.setFixedWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(about)
        inner.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


class WindowLock(QObject):
    """Locks `window` (a MainWindow) behind the lock screen and unlocks it for whoever signs in."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window, parent: QObject | None = None):
        super().__init__(parent or window)
        self.window = window
        self.session = window.workstation.session
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("lock_stack")
        self.work = window.takeCentralWidget()
        self._screen: LockScreen | None = None  # built when the window is first locked, not before the first frame
        self.stack.addWidget(self.work)
        window.setCentralWidget(self.stack)
        self._disabled: list = []
        self._hidden: list[QWidget] = []
        self._veils: list[Veil] = []
        self._over_dialogs: LockDialog | None = None
        self.idle = IdleWatcher(window.station.settings.lock_minutes, self)
        self.idle.idle.connect(self.lock_when_idle)
        window.workstation.changes.listen(self, self._apply_settings, SETTINGS)
        QGuiApplication.instance().applicationStateChanged.connect(self._application_state)
        self.system = SessionEvents(self)  # Win+L, sleep, the lid, the screensaver: the user is leaving
        self.system.leaving.connect(self.lock)
        self.action = window._action("action_lock", self.tr("&Lock / switch clerk"), QKeySequence("Ctrl+L"), self.lock)
        self.action.setToolTip(self.tr("Lock the window; any clerk signs in to go on (Ctrl+L)"))

    def start(self) -> None:
        self.idle.start()
        self.system.start(int(self.window.winId()))

    def stop(self) -> None:
        self.idle.stop()
        self.system.stop()

    @property
    def screen(self) -> LockScreen:
        """The lock screen and its sign-in (read from the keyring), made when first needed."""
        if self._screen is None:
            self._screen = LockScreen(self.window.station.data_dir, self.stack)
            self.stack.addWidget(self._screen)
            self._screen.panel.signedIn.connect(self.unlock)
        return self._screen

    def is_locked(self) -> bool:
        return self._screen is not None and self.stack.currentWidget() is self._screen

    def _apply_settings(self) -> None:
        self.idle.set_minutes(self.window.station.settings.lock_minutes)

    def _application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:  # the session sleeps or is locked (where Qt says)
            self.lock()

    def lock_when_idle(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self.idle.timer.start()  # a question is open: lock once it is answered and the time passed again
            return
        self.lock()

    def lock(self) -> None:
        if self.is_locked():
            return
        self.window.keep_drafts()  # in the encrypted database: a power cut while locked loses nothing
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w is not self.window and not w.isModal()]
        for widget in self._hidden:
            widget.hide()
        self._disabled = [a for a in self.window.actions() if a.isEnabled() and a is not self.action]
        for action in self._disabled:
            action.setEnabled(False)  # no shortcut reaches the forms behind the lock
        self.window.menuBar().setEnabled(False)
        self.screen.panel.reload(self.session.user)
        self.stack.setCurrentWidget(self.screen)
        dialogs = open_dialogs(self.window)
        if dialogs:  # a question was open when the user left: veil it, and sign in above it
            self._veils = [Veil(dialog) for dialog in dialogs]
            for dialog in dialogs:
                dialog.setEnabled(False)
            self._over_dialogs = LockDialog(lambda parent: LockScreen(self.window.station.data_dir, parent), self.window)
            self._over_dialogs.screen.panel.reload(self.session.user)
            self._over_dialogs.screen.panel.signedIn.connect(self.unlock)
            self._over_dialogs.show()
            self._over_dialogs.screen.panel.focus()
        else:
            self.screen.panel.focus()
        self.idle.timer.stop()
        self.locked.emit()

    def sign_in_panel(self):
        """Where the next clerk signs in: above veiled dialogs when some were open, else the window's lock screen."""
        return (self._over_dialogs or self).screen.panel

    def unlock(self, unlocked: Unlocked) -> None:
        self.session.switch(unlocked)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.window.menuBar().setEnabled(True)
        self.stack.setCurrentWidget(self.work)
        if self._over_dialogs is not None:
            self._over_dialogs.release()
            self._over_dialogs = None
        for veil in self._veils:
            veil.dialog.setEnabled(True)
            veil.lift()
        self._veils = []
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.idle.timer.start()
        self.unlocked.emit()
