"""The audit trail at the window: opening a record is an entry by the clerk on duty, and 工具 → 审计日志
shows who did what, newest first, and whether the chain is intact."""

from __future__ import annotations

from PySide6.QtGui import QAction

from desktop.records import audit
from desktop.ui.audit_dialog import AuditDialog
from helpers.records import application


def test_opening_a_record_is_an_entry_and_the_station_head_sees_the_trail(window, services, synchronous_tasks,
                                                                           qtbot, tmp_path):
    saved = services.station.store.save("application", application(), user="李明")
    clerk = window.workstation.current_user()
    window.applications.open_record(saved.id)
    last = audit.entries(services.station.db, limit=1)[0]
    assert (last.account, last.action, last.record_type, last.record_id) == (clerk, audit.SAW, "application",
                                                                             saved.id)
    action = window.findChild(QAction, "action_audit")
    action.trigger()
    dialog = window.findChild(AuditDialog)
    qtbot.waitExposed(dialog)
    assert "完好" in dialog.verdict.text(), dialog.verdict.text()
    table = dialog.table
    assert table.rowCount() == len(audit.entries(services.station.db, limit=10_000)) >= 3
    newest = [table.item(0, c).text() for c in range(table.columnCount())]
    assert newest[2:] == [clerk, "查看", "申请", saved.id], newest
    assert "新建" in [table.item(r, 3).text() for r in range(table.rowCount())]
    dialog.grab().save(str(tmp_path / "audit.png"))
    # one record's entries only
    other = services.station.store.save("application", application(), user="李明")
    dialog.record_filter.setText(other.id)
    dialog.reload()
    assert {table.item(r, 5).text() for r in range(table.rowCount())} == {other.id}
    # the log changed with a database editor: the station head sees it at once
    services.station.db.execute("UPDATE audit_log SET account = '别人' WHERE seq = 1")
    action.trigger()
    assert window.findChildren(AuditDialog) == [dialog]
    assert "第 1 条" in dialog.verdict.text() and "改动" in dialog.verdict.text(), dialog.verdict.text()
