"""A backup of another station chosen in 工具 → 备份与恢复 (issue 16): said in Chinese to belong to that station,
by its name and code, with what to do, instead of "damaged"; nothing changes and the program stays open."""

from __future__ import annotations

import pytest

from desktop.records.backup import BACKUPS_DIR, make_backup
from tests.unit.test_backup_owner import other_stations_backup


@pytest.mark.usefixtures("synchronous_tasks")
def test_another_stations_backup_is_named_as_such_not_damaged(window, services, message_boxes, qtbot, tmp_path):
    make_backup(services, services.station.data_dir / BACKUPS_DIR, keep=5)
    info = other_stations_backup(services, tmp_path)
    window.backups.quit_application = lambda: pytest.fail("the program must not close")
    dialog = window.backups.show_dialog()
    dialog.refresh()
    row = next(r for r in range(dialog.table.rowCount()) if dialog.shown[r].path == info.path)
    dialog.table.selectRow(row)
    dialog.restore_selected()
    [(title, text)] = message_boxes.shown
    assert "河西镇法律援助工作站（HX02）" in text and "损坏" not in text, text
    assert "恢复密钥" in message_boxes.details[0] and str(info.path) in message_boxes.details[0]
    assert services.station.db.execute("SELECT count(*) FROM settings").fetchone()[0] > 0  # still open, as it was
    assert not list(services.station.data_dir.glob("*before-restore*"))  # nothing was moved aside
