"""The workspace's 恢复工作站… (issue 16's escrow) against the real county server: the center's head makes a
recovery file for a station that escrowed its key and lost every way in; the file and its one-time key open
that station; a reviewer may not, neither in the window nor through the API; a station without escrow is said so."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.records import audit
from desktop.records.escrow import open_with_recovery, read_recovery_file
from desktop.records.keyring import Keyring
from desktop.records.signin import unlocked_station
from desktop.ui.messages import Button
from sync.escrow import choose_escrow
from sync.workspace_client import WorkspaceClient, WorkspaceError
from sync_tests.test_sync import engine

from .workspace_helpers import PASSWORD, add_staff, go_to, log_in, open_workspace


def escrow_and_sync(enrolled) -> None:
    data = enrolled.station.data_dir
    choose_escrow(enrolled.station.db, data, unlocked_station(data), True)
    assert engine(enrolled).sync_round().complete


def test_the_centers_head_recovers_an_escrowed_station(qtbot, app, message_boxes, enrolled, county, tmp_path,
                                                       monkeypatch):
    add_staff(county)
    escrow_and_sync(enrolled)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "wangqiang")  # 中心负责人
    go_to(window, window.stations)
    page = window.stations
    page.refresh()
    assert page.recover_button.isEnabled()
    column = next(c for c in range(page.table.columnCount()) if page.table.horizontalHeaderItem(c).text() == "密钥托管")
    assert page.table.item(0, column).text() not in ("", "无")
    page.table.selectRow(0)
    target = tmp_path / "usb" / "TS01.recovery"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    message_boxes.answers.append(Button.Yes)
    page.recover()
    assert target.is_file() and "TS01" in message_boxes.shown[-1][1]
    key_text = re.search(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}", page.message.text()).group(0)
    assert key_text in message_boxes.shown[-1][1]
    unlocked = open_with_recovery(Keyring.load(enrolled.station.data_dir), read_recovery_file(target), key_text)
    assert unlocked.data_key == unlocked_station(enrolled.station.data_dir).data_key
    entry = audit.entries(county.store.conn(), limit=1)[0]
    assert (entry.account, entry.action) == ("wangqiang", audit.RECOVERED)
    window.grab().save(str(tmp_path / "county_recover.png"))


def test_a_reviewer_may_not_recover_and_a_station_without_escrow_is_said_so(qtbot, app, message_boxes, enrolled,
                                                                             county, tmp_path):
    add_staff(county)
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "lifang")  # 审查人员
    go_to(window, window.stations)
    assert not window.stations.recover_button.isEnabled()
    assert "中心负责人" in window.stations.recover_button.toolTip()
    client = WorkspaceClient(county.url, county.fingerprint)
    client.login("lifang", PASSWORD)
    with pytest.raises(WorkspaceError) as refused:
        client.recover_station("TS01")
    assert refused.value.status == 403
    head = WorkspaceClient(county.url, county.fingerprint)
    head.login("wangqiang", PASSWORD)
    with pytest.raises(WorkspaceError) as none:
        head.recover_station("TS01")
    assert "没有将密钥托管" in str(none.value)
    window.close()
    again = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, again, "wangqiang")
    go_to(again, again.stations)
    again.stations.refresh()
    again.stations.table.selectRow(0)
    again.stations.recover()
    assert "没有将密钥托管" in again.stations.message.text() or "未将密钥托管" in again.stations.message.text()
