"""The main window's size and place: restored at start, and kept as they change (a second after the clerk stops
dragging), so a crash or a power cut keeps them too."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QWidget

GEOMETRY_KEY = "main_window/geometry"
GEOMETRY_SAVE_MS = 1000  # a moved or resized window is remembered a second after it stops changing
FIRST_SIZE = (1366, 740)  # a first start, nothing remembered: fits a 1366 x 768 laptop screen


class KeptGeometry(QObject):
    """Restores `window`'s geometry now; `changed()` (from its resize and move events) saves it once they stop."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setObjectName("geometry_timer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(GEOMETRY_SAVE_MS)
        self.timer.timeout.connect(self.save)
        geometry = QSettings().value(GEOMETRY_KEY)
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            window.resize(*FIRST_SIZE)

    def changed(self) -> None:
        if self.window.isVisible():
            self.timer.start()  # once the clerk has finished dragging

    def save(self) -> None:
        QSettings().setValue(GEOMETRY_KEY, self.window.saveGeometry())
