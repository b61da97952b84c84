"""Every count of the workspace's queue (待决定, 待补充材料, 待指派, 在办, 已逾期, 紧急, 视为撤回) is a link that lists exactly
the applications it counts: the county counts and lists by the same conditions (sync/server/queue.py), and 待决定,
received or accepted, and 视为撤回, materials not supplied by the notice's date, are status filters of their own. A
real county over loopback, the real window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop.county_ui.queue_model import COLUMNS
from desktop.county_ui.queue_page import COUNTED
from desktop.records.deadlines import today_in_china
from helpers.records import application, resident_id
from sync.workspace_client import WorkspaceClient
from sync_tests.test_attachment_upload import engine as file_engine

from .workspace_helpers import PASSWORD, add_staff, log_in, open_workspace

IDS = tuple(resident_id(sequence=f"{n:03d}") for n in (101, 103, 105, 107, 109))


def _decide(county, name: str, *kinds: str) -> None:
    head = WorkspaceClient(county.url, county.fingerprint)
    head.login("wangqiang", PASSWORD)
    found = next(i for i in head.queue().items if i.name == name)
    for kind in kinds:
        head.decide(found.application_id, kind, {}, head.application(found.application_id).view_version)


def test_each_count_lists_exactly_what_it_counts(qtbot, app, enrolled, county, tmp_path, monkeypatch):
    import sync.server.decisions as decisions

    store, yesterday = enrolled.station.store, (today_in_china() - timedelta(days=1)).isoformat()
    weeks_ago = today_in_china() - timedelta(days=30)
    for (name, received), id_number in zip((("甲", yesterday), ("乙", yesterday), ("丙", "2025-01-06"),
                                           ("丁", yesterday), ("戊", weeks_ago.isoformat())), IDS):
        store.save("application", application(name=name, received_at=f"{received}T09:00", id_number=id_number),
                   user="李明")
    assert file_engine(enrolled).sync_round().complete
    add_staff(county)
    _decide(county, "乙", "accept")  # accepted: still to decide
    _decide(county, "丁", "accept", "grant")  # granted today: to assign within 3 days
    number = enrolled.station.db.execute("SELECT number FROM applications WHERE person_name = '戊'").fetchone()[0]
    with monkeypatch.context() as m:  # materials asked for 29 days ago, due 15 days later: withdrawn, not overdue
        m.setattr(decisions, "utc_now", lambda: f"{weeks_ago + timedelta(days=1)}T02:00:00+00:00")
        county.store.decide("supplement", number, {"items": ["收入证明"]})
    window = open_workspace(qtbot, county, tmp_path / "workspace")
    log_in(qtbot, window, "wangqiang")
    page = window.queue
    qtbot.waitUntil(lambda: "待决定 3" in page.counted.text())
    assert "待指派 1" in page.counted.text() and "已逾期 1" in page.counted.text()
    assert "视为撤回 1" in page.counted.text()
    assert "待补充材料" not in page.counted.text()  # a count of none is not shown (戊's materials did not come)
    page.search.setText("丙")  # other filters set before the link: it lists what the count counts, not less
    expected = {"to_decide": {"甲", "乙", "丙"}, "to_assign": {"丁"}, "overdue": {"丙"}, "withdrawn": {"戊"}}
    for name, names in expected.items():
        page.counted.linkActivated.emit(name)  # the link clicked
        qtbot.waitUntil(lambda names=names: {page.model.row(r).name for r in range(page.model.rowCount())} == names)
        box, value = COUNTED[name]
        assert getattr(page, box).currentData() == value and not page.search.text()
    # 戊's row says so, in words and not in red: nothing is overdue about it
    row = page.model.row(0)
    assert row.name == "戊" and page.model.rowCount() == 1
    status, deadline = (page.model.index(0, COLUMNS.index(c)) for c in ("status", "deadline"))
    assert page.model.data(status) == "视为撤回（逾期未补充材料）"
    assert page.model.data(deadline).startswith("视为撤回（逾期未补充材料） · 材料截止 ")
    assert page.model.data(deadline, Qt.ItemDataRole.ForegroundRole) is None
