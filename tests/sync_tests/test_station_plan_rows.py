"""The station's settled rows of its cases (desktop/records/plan_rows.py) follow the county's decisions as a sync
from the real county server over loopback stores them: an acceptance, a grant, an assignment, a termination and the
bureau's correction of it; after each sync the rows are what the records make, and the measures counted in SQL are
those computed from the cases."""

from __future__ import annotations

from datetime import date

from desktop.records import indicators as ind, plan_counts
from desktop.records.indicators import Period
from sync_tests.test_attachment_upload import engine as file_engine
from sync_tests.test_workspace import received  # noqa: F401  (the fixture: an application synced to the county)
from tests.unit.test_plan_counts import assert_same_as_the_cases, kept, settled_afresh


def test_the_rows_follow_the_county_decisions_a_sync_brings(received, enrolled, county):  # noqa: F811
    from sync.server.__main__ import main as server_cli

    folder = ["--data-dir", str(county.data_dir)]
    db, year, today = enrolled.station.db, Period.year(2026), date.today()

    def row() -> tuple:
        return db.execute("SELECT granted_on IS NOT NULL, assigned_on IS NOT NULL, assignee_kind, closed_on IS NOT NULL, "
                          "refused FROM plan_rows WHERE application_id = ?", (received.id,)).fetchone()

    assert row() == (0, 0, None, 0, 0)
    for args in (["accept"], ["grant"], ["assign", "--lawyer", "L001"]):
        assert server_cli(["decide", args[0], received.number, *args[1:], *folder]) == 0
    assert file_engine(enrolled).sync_round().complete
    assert row() == (1, 1, "lawyer", 0, 0)
    assert kept(db) == settled_afresh(db)
    assert_same_as_the_cases(db, year, today)
    assert plan_counts.figures(db, year, None, today)[ind.LAW_FIRM_SHARE].counted == 1
    assert server_cli(["decide", "terminate", received.number, "--reason", "受援人以欺骗手段获得法律援助", *folder]) == 0
    assert file_engine(enrolled).sync_round().complete
    assert row()[3] == 1 and kept(db) == settled_afresh(db)
    assert_same_as_the_cases(db, year, today)
    assert server_cli(["decide", "objection", received.number, "--answer", "终止理由不成立", "--outcome", "corrected",
                       *folder]) == 0
    assert file_engine(enrolled).sync_round().complete
    assert kept(db) == settled_afresh(db)
    assert_same_as_the_cases(db, year, today)
    assert db.execute("SELECT count(*) FROM plan_pending").fetchone()[0] == 0
