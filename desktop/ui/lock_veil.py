"""When the system locks (Win+L, sleep, the lid) while a question or dialog is open, the dialog must neither show
what it asks about nor be answered by whoever comes next, yet hiding it would end what it was asking (QDialog's
exec returns). So each open modal dialog is veiled — disabled, covered by a plain panel — and the sign-in is shown
in a modal window above them all; whoever signs in finds the dialog as it was."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget


class Veil(QLabel):
    """A plain cover over a dialog left open behind the lock, kept to the dialog's size."""

    def __init__(self, dialog: QWidget):
        super().__init__(self.tr("Locked"), dialog)
        self.setObjectName("lock_veil")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.dialog = dialog
        dialog.installEventFilter(self)
        self.setGeometry(dialog.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.dialog and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.dialog.rect())
        return False

    def lift(self) -> None:
        self.dialog.removeEventFilter(self)
        self.hide()
        self.setParent(None)  # off the dialog now, not at the next turn of the loop
        self.deleteLater()


class LockDialog(QDialog):
    """The sign-in above veiled dialogs: modal to the whole program, never closed by Esc or its close button."""

    def __init__(self, screen_factory, window: QWidget):
        super().__init__(window)
        self.setObjectName("lock_dialog")
        self.setWindowTitle(self.tr("The workstation is locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.screen = screen_factory(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen)
        self.setGeometry(window.geometry())
        self._released = False

    def reject(self) -> None:  # Esc and the close button: only signing in leaves the lock
        if self._released:
            super().reject()

    def release(self) -> None:
        """Someone signed in: the dialog goes."""
        self._released = True
        self.reject()
        self.deleteLater()


def open_dialogs(window: QWidget) -> list[QWidget]:
    """The program's visible modal windows other than `window`: what the lock must veil."""
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window and w.isModal()]
