"""Clerk accounts in the window: the first start's station head and recovery key, the sign-in (a wrong
password refused in Chinese and throttled), the lock with the form kept, the switch of clerk recorded on
what is saved, and the station head's accounts page."""

from __future__ import annotations

import gc

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.records.keyring import CLERK, Keyring
from desktop.records.signin import forget, is_unlocked, unlocked_station
from desktop.ui.signin import RecoveryKeyDialog, SignInPanel, sign_in_at_start
from helpers.accounts import CLERK as CLERK_NAME
from helpers.accounts import CLERK_PASSWORD, HEAD, HEAD_PASSWORD

from .clerk import type_text


def sign_in(qtbot, panel: SignInPanel, name: str, password: str) -> None:
    panel.account.setCurrentIndex(panel.account.findText(name))
    panel.password.clear()
    type_text(qtbot, panel.password, password)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)


def add_clerk(qtbot, window) -> None:
    """The station head adds 王强 as a clerk on the accounts page, as a person does."""
    page = window.accounts_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    dialog = page.add_account()
    type_text(qtbot, dialog.name, CLERK_NAME)
    type_text(qtbot, dialog.passwords.first, CLERK_PASSWORD)
    type_text(qtbot, dialog.passwords.second, CLERK_PASSWORD)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert Keyring.load(window.station.data_dir).account(CLERK_NAME).role == CLERK
    assert page.table.rowCount() == 2


def test_first_start_makes_the_station_head_and_shows_the_recovery_key_once(app, qtbot, tmp_path):
    data = tmp_path / "new-station"
    shown: dict[str, str] = {}

    def fill_first_start():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "first_start_dialog":
            QTimer.singleShot(10, fill_first_start)  # the dialog is not up yet: look again from the event loop
            return
        dialog.name.setText("张站长")
        dialog.passwords.first.setText("short")
        dialog.passwords.second.setText("short")
        dialog.accept()
        shown["short"] = dialog.message.text()  # refused beside the field, the dialog stays
        dialog.passwords.first.setText("zhang-2024!")
        dialog.passwords.second.setText("zhang-2024!")
        dialog.accept()
        QTimer.singleShot(0, keep_recovery_key)

    def keep_recovery_key():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryKeyDialog):
            QTimer.singleShot(10, keep_recovery_key)
            return
        shown["key"] = dialog.key_label.text()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        shown["enabled_before"] = str(ok.isEnabled())
        dialog.kept.setChecked(True)
        ok.click()

    QTimer.singleShot(0, fill_first_start)
    unlocked = sign_in_at_start(data)
    assert unlocked is not None and unlocked.user == "张站长" and unlocked.account.is_head
    assert "8" in shown["short"] and "密码" in shown["short"]
    assert shown["enabled_before"] == "False"  # the key is kept before the window goes on
    forget(data)
    # the key shown is this station's recovery key: it opens the station without any password
    assert Keyring.load(data).unlock_with_recovery_key(shown["key"].lower()).data_key == unlocked.data_key


def test_a_wrong_password_is_refused_in_chinese_then_throttled(app, qtbot, services):
    data = services.station.data_dir
    panel = SignInPanel(data)
    qtbot.addWidget(panel)
    panel.clock = lambda: 1_000_000.0  # the throttle's time stands still: the wait cannot run out mid-test
    signed = []
    panel.signedIn.connect(signed.append)
    for _ in range(3):
        sign_in(qtbot, panel, HEAD, "not-the-password")
        assert "密码" in panel.message.text() and "Wrong" not in panel.message.text()
    sign_in(qtbot, panel, HEAD, HEAD_PASSWORD)  # the right one, but too soon after three wrong ones
    assert "秒" in panel.message.text() and not signed
    panel.clock = lambda: 1_000_000.0 + 60
    sign_in(qtbot, panel, HEAD, HEAD_PASSWORD)
    assert [u.user for u in signed] == [HEAD] and panel.message.text() == ""


def test_lock_hides_the_form_keeps_it_and_the_draft_and_gives_it_back(window, qtbot):
    window._new_in(window.consultations)
    form = window.consultations.form
    type_text(qtbot, form.editors["name"].widget, "锁屏测试人")
    window.lock.action.trigger()
    assert window.lock.is_locked()
    assert window.lock.screen.isVisible() and not form.isVisible()
    assert not window.save_action.isEnabled()  # no shortcut reaches the form behind the lock
    assert [d.data.get("name") for d in window.station.store.drafts()] == ["锁屏测试人"]
    sign_in(qtbot, window.lock.screen.panel, HEAD, HEAD_PASSWORD)
    assert not window.lock.is_locked() and form.isVisible()
    assert form.editors["name"].value() == "锁屏测试人" and window.save_action.isEnabled()


def test_the_window_locks_after_the_idle_time(window, qtbot):
    window.lock.start()
    assert window.station.settings.lock_minutes == 10
    window.lock.idle.timer.start(20)  # the idle minutes, made short for the test
    qtbot.waitUntil(window.lock.is_locked)
    sign_in(qtbot, window.lock.screen.panel, HEAD, HEAD_PASSWORD)
    assert not window.lock.is_locked() and window.lock.idle.timer.isActive()


def test_switching_clerk_records_the_new_clerk_and_a_clerk_may_not_void(window, qtbot, message_boxes):
    add_clerk(qtbot, window)
    assert "李芳" in window.clerk_label.text() and "站长" in window.clerk_label.text()
    window.lock.action.trigger()
    sign_in(qtbot, window.lock.screen.panel, CLERK_NAME, CLERK_PASSWORD)
    assert unlocked_station(window.station.data_dir).user == CLERK_NAME
    assert CLERK_NAME in window.clerk_label.text() and "站长" not in window.clerk_label.text()
    from helpers.records import consultation

    form = window.consultations.form
    window._new_in(window.consultations)
    assert form.editors["clerk"].value() == CLERK_NAME  # who took the consultation: the signed-in clerk
    saved = window.station.store.save("consultation", consultation(), user=form.current_user())
    assert window.station.store.history("consultation", saved.id)[-1].by == CLERK_NAME
    window.consultations.open_record(saved.id)
    window.consultations._editor.void_record()
    (title, text), = message_boxes.shown
    assert "站长" in text
    assert not window.station.store.get("consultation", saved.id).voided
    assert not window.accounts_page.buttons["add_account"].isEnabled()  # a clerk manages no accounts
    assert window.settings_page.save() is False


def test_the_station_head_resets_a_password_and_deactivates_an_account(window, qtbot, message_boxes):
    add_clerk(qtbot, window)
    page = window.accounts_page
    page.table.selectRow(1)
    dialog = page.reset_password()
    dialog.passwords.first.setText("new-secret-1")
    dialog.passwords.second.setText("new-secret-1")
    dialog.accept()
    assert Keyring.load(window.station.data_dir).unlock_with_password(CLERK_NAME, "new-secret-1").user == CLERK_NAME
    message_boxes.answers.append(message_boxes_yes())
    page.table.selectRow(1)
    page.deactivate()
    assert Keyring.load(window.station.data_dir).account(CLERK_NAME) is None
    assert page.table.rowCount() == 1
    assert is_unlocked(window.station.data_dir)


def message_boxes_yes():
    from desktop.ui.messages import Button

    return Button.Yes


def test_a_forgotten_password_is_reset_with_the_recovery_key(app, qtbot, tmp_path):
    from desktop.records.signin import found_station
    from desktop.ui.signin import RecoveryResetDialog

    data = tmp_path / "station"
    _unlocked, recovery_key = found_station(data, "赵站长", "forgotten-1")
    forget(data)
    dialog = RecoveryResetDialog(data, "赵站长")
    qtbot.addWidget(dialog)
    dialog.key.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    dialog.passwords.first.setText("remembered-2")
    dialog.passwords.second.setText("remembered-2")
    dialog.accept()
    assert "恢复密钥" in dialog.message.text() and dialog.unlocked is None  # not this station's key
    dialog.key.setText(recovery_key.lower().replace("-", " "))  # as typed from the sheet, in any case
    dialog.accept()
    assert dialog.unlocked is not None and dialog.unlocked.user == "赵站长"
    assert unlocked_station(data).user == "赵站长"
    assert Keyring.load(data).unlock_with_password("赵站长", "remembered-2").user == "赵站长"


def test_the_sign_in_at_start_collects_garbage_while_it_waits_for_the_clerk(app, qtbot, services):
    """A quick start runs without cyclic garbage collection (desktop/__main__.py); a window that waits for the
    clerk turns it back on."""
    data = services.station.data_dir
    forget(data)
    seen: dict[str, bool] = {}

    def sign_in_when_shown():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "signin_dialog":
            QTimer.singleShot(10, sign_in_when_shown)
            return
        seen["collecting"] = gc.isenabled()
        sign_in(qtbot, dialog.panel, HEAD, HEAD_PASSWORD)

    gc.disable()
    try:
        QTimer.singleShot(0, sign_in_when_shown)
        unlocked = sign_in_at_start(data)
    finally:
        gc.enable()
    assert unlocked is not None and unlocked.user == HEAD and is_unlocked(data)
    assert seen == {"collecting": True}
