"""工具 → 备份与恢复 with a hostile backups folder: one odd backup is shown as damaged beside the good ones (it once
emptied the whole list, silently), and a folder that cannot be read is said so under the list, in Chinese, instead
of "no backups yet"."""

from __future__ import annotations

from dataclasses import replace

from desktop.records.backup import BACKUPS_DIR, make_backup
from tests.unit.test_backup_manifest import odd_copy

from .test_backup_ui import action, records_and_a_scan


def test_one_odd_backup_is_listed_as_damaged_beside_the_good_ones(window, services, message_boxes, qtbot, tmp_path):
    records_and_a_scan(services, tmp_path)
    folder = services.station.data_dir / BACKUPS_DIR
    first = make_backup(services, folder, keep=5)
    second = make_backup(services, folder, keep=5)
    odd = odd_copy(first.path, "20200101-000000", lambda manifest: manifest.update(elapsed_seconds="约3秒"))
    with qtbot.waitSignal(window.backups.listed, timeout=10_000):
        action(window, "action_backups").trigger()
    dialog = window.backups.dialog
    assert [info.path for info in dialog.shown] == [second.path, first.path, odd]
    assert [dialog.table.item(2, c).text() for c in range(2)] == [odd.name, "已损坏"]
    assert "已损坏" in dialog.empty.text()  # says what the mark means
    dialog.table.selectRow(2)
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    assert message_boxes.shown == []


def test_a_backup_folder_that_cannot_be_read_is_said_so_and_the_others_are_listed(window, services, message_boxes,
                                                                                qtbot, tmp_path):
    good = make_backup(services, services.station.data_dir / BACKUPS_DIR, keep=5)
    not_a_folder = tmp_path / "U盘备份"
    not_a_folder.write_bytes(b"a file where the second backup folder should be")
    station = services.station
    station.update_settings(replace(station.settings, backup_removable=str(not_a_folder)))
    with qtbot.waitSignal(window.backups.listFailed, timeout=10_000) as failed:
        action(window, "action_backups").trigger()
    dialog = window.backups.dialog
    assert [info.path for info in dialog.shown] == [good.path]
    text = dialog.empty.text()
    assert text.startswith("部分备份未能列出") and "无法读取备份文件夹" in text and str(not_a_folder) in text, text
    assert failed.args[0] in text
    assert message_boxes.shown == []
