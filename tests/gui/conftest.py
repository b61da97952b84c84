"""GUI fixtures: the real main window on a set-up station, shown offscreen and active."""

from __future__ import annotations

import pytest

from desktop.ui.main_window import MainWindow


@pytest.fixture
def window(app, services, qtbot, message_boxes):
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    return win
