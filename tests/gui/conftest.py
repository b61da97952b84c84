"""GUI fixtures: the station program (its Workstation) and the real main window on a set-up station, shown
offscreen and active."""

from __future__ import annotations

import pytest

from desktop.ui.main_window import MainWindow

from .clerk import fill_civil_application


@pytest.fixture
def workstation(app, services):
    """The program's Workstation on `services`: tasks on real workers, change notifications on the UI thread.
    Closed after the test as at quit: tasks cancelled and waited for, then the database."""
    from desktop.ui.workstation import Workstation

    opened = Workstation(services)
    yield opened
    opened.close()


@pytest.fixture
def synchronous_tasks(workstation):
    """The test's one runner, made synchronous: every task runs where it is asked, its callbacks included."""
    workstation.tasks.synchronous = True
    return workstation.tasks


@pytest.fixture
def window(workstation, qtbot, message_boxes):
    win = MainWindow(workstation)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    return win


@pytest.fixture
def saved_application(window, qtbot):
    """The application workspace with a civil application typed and saved (materials can be added)."""
    window._new_in(window.applications)
    form = window.applications.form
    fill_civil_application(qtbot, form)
    assert form.save() is not None
    return window.applications
