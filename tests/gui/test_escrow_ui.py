"""Escrow in the window (issue 16): the station head escrows the station's key with the county in 设置 (a clerk
may not), the next sync carries it, and a station whose passwords and recovery key are all lost opens in the
sign-in window's recovery dialog with the county's recovery file and its one-time key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.records import audit
from desktop.records.keyring import CLERK, Keyring
from desktop.records.signin import forget, unlocked_station
from desktop.ui.messages import Button
from desktop.ui.signin import RecoveryResetDialog
from helpers.accounts import HEAD
from sync.escrow import choose_escrow, escrowed
from sync.server.__main__ import main as server_cli
from sync_tests.test_sync import engine

from .clerk import type_text
from .test_enrollment_settings import open_settings


def tick(qtbot, check_box) -> None:
    """A click on the box itself, where a person clicks (the middle of a wide row is past its text)."""
    assert check_box.isVisible()
    qtbot.mouseClick(check_box, Qt.MouseButton.LeftButton, pos=QPoint(8, check_box.height() // 2))


def test_the_station_head_escrows_the_key_in_settings_and_the_next_sync_carries_it(enrolled, county, window, qtbot,
                                                                                  message_boxes, tmp_path):
    page = open_settings(window, qtbot)
    box = page.escrow
    qtbot.waitUntil(lambda: box.state.text() == "未托管。")
    assert box.choice.isEnabled() and not box.choice.isChecked()
    message_boxes.answers.append(Button.Yes)
    tick(qtbot, box.choice)
    qtbot.waitUntil(lambda: escrowed(enrolled.station.data_dir))
    qtbot.waitUntil(lambda: "下次同步" in box.state.text())
    assert box.choice.isChecked()
    assert engine(enrolled).sync_round().complete
    qtbot.waitUntil(lambda: box.state.text() == "已托管，县中心已保存。")
    assert county.store.conn().execute("SELECT station FROM station_escrow").fetchall() == [("TS01",)]
    window.grab().save(str(tmp_path / "escrow_settings.png"))


def test_a_clerk_may_not_change_the_escrow(enrolled, window, qtbot, message_boxes):
    head = unlocked_station(enrolled.station.data_dir)
    keyring = Keyring.load(enrolled.station.data_dir)
    keyring.add_account(head, "王强", CLERK, "wangqiang-2024")
    window.workstation.session.switch(keyring.unlock_with_password("王强", "wangqiang-2024"))
    box = open_settings(window, qtbot).escrow
    qtbot.waitUntil(lambda: box.state.text() == "未托管。")
    tick(qtbot, box.choice)
    assert message_boxes.shown and "站长" in message_boxes.shown[-1][1]
    assert not box.choice.isChecked() and not escrowed(enrolled.station.data_dir)


def make_county_recovery(county, tmp_path: Path, capsys) -> tuple[Path, str]:
    out = tmp_path / "TS01.recovery"
    capsys.readouterr()
    assert server_cli(["--data-dir", str(county.data_dir), "station", "recover", "TS01", "--out", str(out),
                       "--by", "张主任"]) == 0
    return out, capsys.readouterr().out.strip().splitlines()[-1]


def test_every_way_in_lost_the_countys_recovery_file_opens_the_station(enrolled, county, app, qtbot, tmp_path,
                                                                       capsys):
    data = enrolled.station.data_dir
    choose_escrow(enrolled.station.db, data, unlocked_station(data), True)
    assert engine(enrolled).sync_round().complete
    path, key_text = make_county_recovery(county, tmp_path, capsys)
    forget(data)  # the laptop is closed; nobody remembers a password and the recovery sheet is lost
    dialog = RecoveryResetDialog(data, HEAD)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.use_county_file(path)
    assert dialog.county_label.isVisible() and "测试镇法律援助工作站" in dialog.county_label.text()
    assert "张主任" in dialog.county_label.text()
    assert dialog.form.labelForField(dialog.key).text() == "县中心给出的一次性密钥"
    type_text(qtbot, dialog.key, key_text.lower())
    type_text(qtbot, dialog.passwords.first, "after-recovery-1")
    type_text(qtbot, dialog.passwords.second, "after-recovery-1")
    dialog.grab().save(str(tmp_path / "county_recovery_dialog.png"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.unlocked is not None and dialog.unlocked.user == HEAD, dialog.message.text()
    assert Keyring.load(data).unlock_with_password(HEAD, "after-recovery-1").account.is_head
    entry = audit.entries(enrolled.station.db, limit=1)[0]
    assert (entry.account, entry.action, entry.record_type) == (HEAD, audit.RECOVERED, "county_recovery")
    # the same file again: refused, in Chinese, beside the field
    again = RecoveryResetDialog(data, HEAD)
    qtbot.addWidget(again)
    again.use_county_file(path)
    again.key.setText(key_text)
    again.passwords.first.setText("another-one-2")
    again.passwords.second.setText("another-one-2")
    again.accept()
    assert again.unlocked is None and "已在本站使用过" in again.message.text()


def test_another_stations_recovery_file_is_refused_naming_that_station(enrolled, county, app, qtbot, tmp_path,
                                                                      capsys):
    from helpers.accounts import provide_station

    choose_escrow(enrolled.station.db, enrolled.station.data_dir, unlocked_station(enrolled.station.data_dir), True)
    assert engine(enrolled).sync_round().complete
    path, key_text = make_county_recovery(county, tmp_path, capsys)
    other = tmp_path / "other"
    provide_station(other, credential=False)
    forget(other)
    dialog = RecoveryResetDialog(other, HEAD)
    qtbot.addWidget(dialog)
    dialog.use_county_file(path)
    dialog.key.setText(key_text)
    dialog.passwords.first.setText("another-one-2")
    dialog.passwords.second.setText("another-one-2")
    dialog.accept()
    assert dialog.unlocked is None
    assert "测试镇法律援助工作站（TS01）" in dialog.message.text() and "不属于本站" in dialog.message.text()
    not_a_file = tmp_path / "notes.recovery"
    not_a_file.write_text("hello", encoding="utf-8")
    dialog.use_county_file(not_a_file)
    assert "不是县中心制作的恢复文件" in dialog.message.text() and dialog.county_file is None
