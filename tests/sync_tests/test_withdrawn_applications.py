"""Legal Aid Law Art. 43: the center asks for missing materials once, with a date; materials not supplied by then,
the application counts as withdrawn (视为撤回). From the day after that date it is no case (案件数), not overdue and
not in 期限待办 at the station, and the county's queue lists it as withdrawn, apart from what waits on materials or
is overdue; every figure still opens to exactly its records. A late acceptance (materials that came in time by post)
makes it a case again. A real station syncs with a real county over loopback; the county decides at chosen times."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.records import deadlines, indicators as ind
from desktop.records.indicators import Period
from helpers.records import application, resident_id
from sync.server import indexes, queue as county_queue
from sync_tests.test_corrected_decisions import county_figures, decide, open_deadlines, station_figures, sync

__all__ = ["decide"]  # the fixture, used by name

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
DUE = date(2026, 2, 18)  # the supplement notice's date (2026-02-03 + 15 days)
WAITING, DUE_DAY, LAPSED, LATE = date(2026, 2, 10), DUE, date(2026, 2, 19), date(2026, 12, 6)


def _waiting_for_materials(enrolled, decide, sequence: str = "611"):
    store = enrolled.station.store
    a = store.save("application", application(name="补材", received_at="2026-02-02T09:00",
                                              id_number=resident_id(sequence=sequence)), user="李芳")
    sync(enrolled)
    decide("supplement", a.number, "2026-02-03T02:00:00+00:00", {"items": ["收入证明"]})
    sync(enrolled)
    return a


def _queue_ids(county, today: date, **filters) -> list[str]:
    page = county_queue.queue(county.store, county_queue.QueueFilters(**filters), today)
    return [item["application_id"] for item in page["items"]]


def test_materials_not_supplied_by_the_date_count_as_withdrawn_at_both_ends(enrolled, county, decide):
    db = enrolled.station.db
    a = _waiting_for_materials(enrolled, decide)
    supplement = [(a.id, deadlines.SUPPLEMENT, DUE)]
    for today in (WAITING, DUE_DAY):  # waiting, and on the date itself the materials may still come
        assert open_deadlines(db, today) == supplement
        assert deadlines.countdowns(db, [a.id], today)[a.id].kind == deadlines.SUPPLEMENT  # the list's countdown
        counts = county_queue.counts(county.store, today)
        assert (counts["supplement"], counts["withdrawn"]) == (1, 0)
        assert _queue_ids(county, today, status="supplement") == [a.id]
        for figures in (station_figures(db, today=today), county_figures(county, today=today)):
            assert figures[ind.CASES] == (1, 0, [a.id])
    for today in (LAPSED, LATE):  # the day after: withdrawn, for good
        assert open_deadlines(db, today) == []
        shown = deadlines.countdowns(db, [a.id], today)[a.id]  # the application list says so, not "overdue" in red
        assert (shown.kind, shown.due) == (deadlines.WITHDRAWN, DUE)
        assert deadlines.by_state(deadlines.open_deadlines(db, today=today), today)[deadlines.OVERDUE] == []
        counts = county_queue.counts(county.store, today)
        assert (counts["supplement"], counts["overdue"], counts["withdrawn"]) == (0, 0, 1)
        assert _queue_ids(county, today, status="supplement") == []
        assert _queue_ids(county, today, deadline="overdue") == []
        assert _queue_ids(county, today, status=county_queue.WITHDRAWN) == [a.id]
        item = county_queue.queue(county.store, county_queue.QueueFilters(), today)["items"][0]
        assert item["status"] == county_queue.WITHDRAWN
        assert (item["deadline"]["state"], item["deadline"]["due"], item["deadline"]["overdue"]) == \
            (county_queue.WITHDRAWN, DUE.isoformat(), False)
        assert item["deadline"]["text"] == "视为撤回（逾期未补充材料）"
        view = county_queue.application_view(county.store, a.id, today)
        assert view["status"] == "supplement"  # a late acceptance, grant or refusal may still be recorded
        assert view["deadline"]["state"] == county_queue.WITHDRAWN
        for figures in (station_figures(db, today=today), county_figures(county, today=today)):
            assert figures[ind.CASES] == (0, 0, [])
            assert figures[ind.CLOSING_RATE] == (0, 0, [])
            assert figures[ind.OVERDUE_CASES] == (0, 0, [])
    assert db.execute("SELECT lapses_on FROM plan_rows").fetchone() == (DUE.isoformat(),)


def test_a_late_acceptance_makes_it_a_case_again(enrolled, county, decide):
    """The materials came by post in time and the center records it after the date: the case goes on."""
    db = enrolled.station.db
    a = _waiting_for_materials(enrolled, decide, "613")
    decide("accept", a.number, "2026-02-25T02:00:00+00:00")
    sync(enrolled)
    decide_by = date(2026, 2, 9) + (date(2026, 2, 25) - date(2026, 2, 3))  # 7 days, the wait not counted
    assert db.execute("SELECT lapses_on FROM plan_rows").fetchone() == (None,)
    assert open_deadlines(db, LATE) == [(a.id, deadlines.DECIDE, decide_by)]
    counts = county_queue.counts(county.store, LATE)
    assert (counts["to_decide"], counts["overdue"], counts["withdrawn"]) == (1, 1, 0)
    assert _queue_ids(county, LATE, status=county_queue.WITHDRAWN) == []
    for figures in (station_figures(db, today=LATE), county_figures(county, today=LATE)):
        assert figures[ind.CASES] == (1, 0, [a.id])
        assert figures[ind.OVERDUE_CASES] == (1, 0, [a.id])


def test_rows_stored_before_withdrawal_are_worked_out_again_at_the_next_open(enrolled, county, decide):
    """An upgraded station and county (rows kept by rules 3, without the date it lapses on) fill it in at the next
    open and leave the withdrawn application out."""
    import dataclasses
    import json

    from desktop.records.db import open_database
    from sync.server.county import CountyStore

    db = enrolled.station.db
    a = _waiting_for_materials(enrolled, decide, "619")
    indexes.catch_up(county.store.conn())
    older = json.dumps({**dataclasses.asdict(deadlines.plan_periods()), "rules": 3}, sort_keys=True)
    db.execute("UPDATE plan_rows SET lapses_on = NULL")
    db.execute("UPDATE plan_basis SET value = ? WHERE name = 'periods'", (older,))
    conn = county.store.conn()
    conn.execute("UPDATE plan_rows SET lapses_on = NULL")
    conn.execute("UPDATE queue_rows SET lapses_on = NULL")
    conn.execute("UPDATE index_basis SET value = ? WHERE name = 'periods'", (older,))
    assert county_queue.counts(county.store, LATE)["supplement"] == 1  # what an older version counted

    upgraded = open_database(Path(enrolled.station.data_dir) / "station.db")
    try:
        assert upgraded.execute("SELECT lapses_on FROM plan_rows").fetchone() == (DUE.isoformat(),)
        assert deadlines.open_deadlines(upgraded, today=LATE) == []
    finally:
        upgraded.conn.close()
    reopened = CountyStore(county.data_dir)
    assert indexes.pending_count(reopened.conn()) == 1
    counts = county_queue.counts(reopened, LATE)
    assert (counts["supplement"], counts["withdrawn"]) == (0, 1)
    assert county_figures(county, today=LATE)[ind.CASES] == (0, 0, [])
    assert a.id in _queue_ids(county, LATE, status=county_queue.WITHDRAWN)
