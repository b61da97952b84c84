"""The window locks when the operating system says the user is leaving (issue 16): Windows' session messages
(Win+L, a disconnected session) and sleep, fed to the real native event filter as synthetic MSG structures; and
logind's and the screensaver's D-Bus signals on Linux, through the slots the buses call. What is not leaving
(the session unlocked, waking up, another system's events) does not lock."""

from __future__ import annotations

import ctypes

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from desktop.ui.session_events import (MSG, PBT_APMSUSPEND, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE,
                                       WTS_REMOTE_DISCONNECT, WTS_SESSION_LOCK, WTS_SESSION_UNLOCK,
                                       logind_session_path)
from helpers.accounts import HEAD, HEAD_PASSWORD

from .clerk import type_text
from .test_signin import sign_in


def send(window, message: int, wparam: int, event_type: bytes = b"windows_generic_MSG") -> None:
    """A native message as Windows' event dispatcher hands it to the application's filters (a MSG pointer)."""
    msg = MSG(None, message, wparam)
    handled = window.lock.system.native.nativeEventFilter(QByteArray(event_type), ctypes.addressof(msg))
    assert handled == (False, 0)  # the message goes on to Qt as well


@pytest.mark.parametrize("message, wparam", [(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK),
                                             (WM_WTSSESSION_CHANGE, WTS_REMOTE_DISCONNECT),
                                             (WM_POWERBROADCAST, PBT_APMSUSPEND)])
def test_win_l_a_disconnect_or_sleep_locks_the_window_with_the_form_kept(window, qtbot, message, wparam):
    window._new_in(window.consultations)
    form = window.consultations.form
    type_text(qtbot, form.editors["name"].widget, "锁屏测试人")
    send(window, message, wparam)
    qtbot.waitUntil(window.lock.is_locked)
    assert window.lock.screen.isVisible() and not form.isVisible()
    assert [d.data.get("name") for d in window.station.store.drafts()] == ["锁屏测试人"]
    sign_in(qtbot, window.lock.screen.panel, HEAD, HEAD_PASSWORD)
    assert not window.lock.is_locked() and form.editors["name"].value() == "锁屏测试人"


def test_what_is_not_leaving_does_not_lock(window, qtbot):
    leaving = []
    window.lock.system.leaving.connect(lambda: leaving.append(True))
    send(window, WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK)
    send(window, WM_POWERBROADCAST, 0x12)  # PBT_APMRESUMEAUTOMATIC: waking up
    send(window, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, b"xcb_generic_event_t")  # not a Windows message
    assert not window.lock.is_locked()
    send(window, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)  # the one that is: its lock comes after any earlier one
    qtbot.waitUntil(window.lock.is_locked)
    assert leaving == [True]


def test_logind_sleep_the_session_lock_and_the_screensaver_lock_the_window(window, qtbot):
    linux = window.lock.system.linux
    linux.prepare_for_sleep(False)  # waking up
    linux.screensaver_active(False)
    assert not window.lock.is_locked()
    linux.prepare_for_sleep(True)
    assert window.lock.is_locked()
    sign_in(qtbot, window.lock.screen.panel, HEAD, HEAD_PASSWORD)
    linux.session_locked()
    assert window.lock.is_locked()
    sign_in(qtbot, window.lock.screen.panel, HEAD, HEAD_PASSWORD)
    linux.screensaver_active(True)
    assert window.lock.is_locked()


def test_the_logind_session_path_is_escaped_as_logind_names_it():
    assert logind_session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert logind_session_path("2") == "/org/freedesktop/login1/session/_32"
    assert logind_session_path("a-b") == "/org/freedesktop/login1/session/a_2db"


def test_a_question_open_when_the_system_locks_is_veiled_and_still_open_after_sign_in(window, qtbot):
    """A modal question (here: 作废 a record's confirmation, naming the person) cannot be hidden without ending it:
    it is veiled and disabled, the sign-in shows above it, and whoever signs in finds it as it was."""
    question = QMessageBox(QMessageBox.Icon.Question, "作废", "确定作废 锁屏测试人 的咨询记录？",
                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    question.setModal(True)
    question.show()
    qtbot.waitUntil(question.isVisible)
    send(window, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    qtbot.waitUntil(window.lock.is_locked)
    veil = question.findChild(QLabel, "lock_veil")
    assert veil is not None and veil.isVisible() and veil.geometry() == question.rect()
    assert not question.isEnabled() and question.isVisible() and question.result() == 0
    lock_dialog = window.lock.sign_in_panel().window()
    assert lock_dialog.objectName() == "lock_dialog" and QApplication.activeModalWidget() is lock_dialog
    qtbot.keyClick(lock_dialog, Qt.Key.Key_Escape)  # only signing in leaves the lock
    assert lock_dialog.isVisible() and window.lock.is_locked()
    sign_in(qtbot, window.lock.sign_in_panel(), HEAD, HEAD_PASSWORD)
    assert not window.lock.is_locked() and not lock_dialog.isVisible()
    assert question.isVisible() and question.isEnabled() and question.findChild(QLabel, "lock_veil") is None
    question.done(QMessageBox.StandardButton.No)


def test_without_an_open_question_the_window_itself_shows_the_sign_in(window, qtbot):
    send(window, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    qtbot.waitUntil(window.lock.is_locked)
    assert window.lock.sign_in_panel() is window.lock.screen.panel
    assert window.findChild(QDialog, "lock_dialog") is None
