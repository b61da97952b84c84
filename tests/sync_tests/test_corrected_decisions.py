"""A case's life after the decision read the same way everywhere — the station's settled rows and 期限待办, the
county's measures, queue and lists: a refusal or a termination the justice bureau ordered corrected (Art. 49) is
undone, and a follow-up visit settles only the deadline after closing. A real station syncs with a real county
over loopback; the county decides at chosen times."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.records import deadlines, indicators as ind, plan_counts
from desktop.records.indicators import Period
from helpers.county import add_roster
from helpers.records import application, resident_id
from sync.server import indexes, plan_counts as county_plan_counts, queue as county_queue
from sync.server.plan import CountySource
from sync_tests.test_sync import engine
from tests.unit.casework_examples import follow_up
from tests.unit.test_plan_counts import assert_same_as_the_cases, kept, settled_afresh

Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
TODAY = date(2026, 12, 6)


@pytest.fixture
def decide(county, monkeypatch):
    """The county decides on an application at a chosen UTC time (its documents are dated in China)."""
    import sync.server.decisions as decisions

    def run(kind: str, number: str, at: str, data: dict[str, Any] | None = None) -> None:
        monkeypatch.setattr(decisions, "utc_now", lambda: at)
        county.store.decide(kind, number, data or {})
    return run


def sync(services) -> None:
    assert engine(services).sync_round().complete


def station_figures(db, period: Period = Q1, today: date = TODAY) -> dict[str, tuple[int, int, list[str]]]:
    """Each measure's (counted, of, ids it counted): the list a director opens holds exactly the counted records."""
    found = {}
    for key, figure in plan_counts.figures(db, period, None, today).items():
        rows = plan_counts.figure_page(db, period, today, key, 0, 100)
        assert len(rows) == plan_counts.listed(figure), key
        found[key] = (figure.counted, figure.of, sorted(r[0] for r in rows if r[6]))
    assert_same_as_the_cases(db, period, today)  # the rows count as the cases do
    assert kept(db) == settled_afresh(db)
    return found


def county_figures(county, period: Period = Q1, today: date = TODAY) -> dict[str, tuple[int, int, list[str]]]:
    conn = county.store.conn()
    figures = CountySource(conn, "县").figures(period, today)
    indexes.catch_up(conn)
    found = {}
    for key, figure in figures.items():
        rows = county_plan_counts.figure_page(conn, period, today, key, None, 0, 100)
        assert len(rows) == (figure.of if county_plan_counts.MEASURED[key][1] is not None else figure.counted), key
        found[key] = (figure.counted, figure.of, sorted(r[0] for r in rows if r[4]))
    return found


def open_deadlines(db, today: date | None = None) -> list[tuple[str, str, date]]:
    return [(d.record_id, d.kind, d.due) for d in deadlines.open_deadlines(db, today=today)]


def queue_deadline(county, application_id: str) -> tuple[str, str] | None:
    deadline = county_queue.application_view(county.store, application_id, TODAY)["deadline"]
    return (deadline["kind"], deadline["due"]) if deadline else None


def test_a_refusal_ordered_corrected_is_a_case_to_decide_again(enrolled, county, decide):
    store, db = enrolled.station.store, enrolled.station.db
    a = store.save("application", application(name="王纠", received_at="2026-02-02T09:00",
                                              id_number=resident_id(sequence="211")), user="李芳")
    sync(enrolled)
    decide("accept", a.number, "2026-02-03T02:00:00+00:00")
    decide("refuse", a.number, "2026-02-04T02:00:00+00:00", {"reasons": ["经济状况不符合标准"]})
    decide("objection", a.number, "2026-02-09T02:00:00+00:00",
           {"answer": "不予决定理由不成立，责令改正", "outcome": "corrected"})
    sync(enrolled)
    # back for a new decision: a case again, due 7 days after the correction (overdue by now), in 期限待办
    assert open_deadlines(db) == [(a.id, deadlines.DECIDE, date(2026, 2, 16))]
    assert queue_deadline(county, a.id) == (deadlines.DECIDE, "2026-02-16")
    assert county_queue.counts(county.store, TODAY)["overdue"] == 1
    for figures in (station_figures(db), county_figures(county)):
        assert figures[ind.CASES] == (1, 0, [a.id])
        assert figures[ind.OVERDUE_CASES] == (1, 0, [a.id])
    # granted again: the assignment is due 3 days after the new grant
    decide("grant", a.number, "2026-02-10T02:00:00+00:00")
    sync(enrolled)
    assert open_deadlines(db) == [(a.id, deadlines.ASSIGN, date(2026, 2, 13))]
    assert queue_deadline(county, a.id) == (deadlines.ASSIGN, "2026-02-13")
    for figures in (station_figures(db), county_figures(county)):
        assert figures[ind.CASES] == (1, 0, [a.id])
        assert figures[ind.OVERDUE_CASES] == (1, 0, [a.id])
        assert figures[ind.DAYS_TO_DECIDE] == (1, 0, [a.id])  # decided first on the refusal's day


def test_a_grant_after_a_corrected_refusal_on_the_same_day_stands(enrolled, county, decide):
    """The county's order says which decision stands, not the day (all three fall on one day in China)."""
    store, db = enrolled.station.store, enrolled.station.db
    a = store.save("application", application(name="王同", received_at="2026-02-02T09:00",
                                              id_number=resident_id(sequence="215")), user="李芳")
    sync(enrolled)
    decide("accept", a.number, "2026-02-03T01:00:00+00:00")
    decide("refuse", a.number, "2026-02-04T01:00:00+00:00", {"reasons": ["经济状况不符合标准"]})
    decide("objection", a.number, "2026-02-04T02:00:00+00:00", {"answer": "责令改正", "outcome": "corrected"})
    decide("grant", a.number, "2026-02-04T03:00:00+00:00")
    sync(enrolled)
    assert db.execute("SELECT refused, granted_on FROM plan_rows").fetchone() == (0, "2026-02-04")
    assert open_deadlines(db) == [(a.id, deadlines.ASSIGN, date(2026, 2, 7))]
    for figures in (station_figures(db), county_figures(county)):
        assert figures[ind.CASES] == (1, 0, [a.id])


def test_a_termination_ordered_corrected_gives_the_aid_back(enrolled, county, decide):
    add_roster(county)
    store, db = enrolled.station.store, enrolled.station.db
    a = store.save("application", application(name="王终", received_at="2026-02-02T09:00",
                                              id_number=resident_id(sequence="231")), user="李芳")
    sync(enrolled)
    decide("accept", a.number, "2026-02-03T02:00:00+00:00")
    decide("grant", a.number, "2026-02-04T02:00:00+00:00")
    decide("assign", a.number, "2026-02-05T02:00:00+00:00", {"lawyer": "L001"})
    decide("terminate", a.number, "2026-02-20T02:00:00+00:00", {"reasons": ["受援人自行委托律师"]})
    decide("objection", a.number, "2026-02-25T02:00:00+00:00", {"answer": "终止理由不成立，责令改正",
                                                                  "outcome": "corrected"})
    sync(enrolled)
    assert db.execute("SELECT closed_on, open_due FROM plan_rows").fetchone() == (None, None)
    assert open_deadlines(db) == []  # in hand again: no follow-up visit is due
    assert queue_deadline(county, a.id) is None
    for figures in (station_figures(db), county_figures(county)):
        assert figures[ind.CLOSING_RATE] == (0, 1, [])
        assert figures[ind.FOLLOW_UP_RATE] == (0, 0, [])
        assert figures[ind.OVERDUE_CASES] == (0, 0, [])


def test_a_follow_up_before_closing_leaves_the_cases_deadlines_open(enrolled, county, monkeypatch):
    """期限待办, its navigation count, 期限已过 and the county's queue agree: a visit settles only the deadline after
    closing (a visit to an undecided case, as an older station saved it: a station now refuses it, the county still
    takes it)."""
    from tests.unit.casework_examples import as_an_older_station

    store, db = enrolled.station.store, enrolled.station.db
    a = store.save("application", application(name="王访", received_at="2026-11-02T09:00",
                                              id_number=resident_id(sequence="351")), user="李芳")
    with as_an_older_station(monkeypatch):
        store.save("follow_up", dict(follow_up(a.number), visited_on="2026-11-05"), user="李芳")
    sync(enrolled)
    assert open_deadlines(db) == [(a.id, deadlines.DECIDE, date(2026, 11, 9))]
    groups = deadlines.by_state(deadlines.open_deadlines(db), TODAY)
    assert [d.record_id for d in groups[deadlines.OVERDUE]] == [a.id]
    assert queue_deadline(county, a.id) == (deadlines.DECIDE, "2026-11-09")
    year = Period(date(2026, 1, 1), date(2026, 11, 30))
    for figures in (station_figures(db, year), county_figures(county, year)):
        assert figures[ind.OVERDUE_CASES] == (1, 0, [a.id])


def test_rows_stored_by_an_older_version_are_worked_out_again_at_the_next_open(enrolled, county, decide):
    """An upgraded station and county work their stored rows out again with the new rules: here a corrected refusal
    whose rows an older version kept as refused, without its deadline, under the older basis (the periods alone)."""
    import dataclasses
    import json

    from desktop.records.db import open_database
    from sync.server.county import CountyStore

    store, db = enrolled.station.store, enrolled.station.db
    a = store.save("application", application(name="王旧", received_at="2026-02-02T09:00",
                                              id_number=resident_id(sequence="217")), user="李芳")
    sync(enrolled)
    decide("accept", a.number, "2026-02-03T02:00:00+00:00")
    decide("refuse", a.number, "2026-02-04T02:00:00+00:00", {"reasons": ["经济状况不符合标准"]})
    decide("objection", a.number, "2026-02-09T02:00:00+00:00", {"answer": "责令改正", "outcome": "corrected"})
    sync(enrolled)
    indexes.catch_up(county.store.conn())
    older = json.dumps(dataclasses.asdict(deadlines.plan_periods()), sort_keys=True)  # what an older version kept
    rows = "SELECT refused, open_due FROM plan_rows WHERE application_id = ?"
    assert db.execute(rows, (a.id,)).fetchone() == (0, "2026-02-16")
    db.execute("UPDATE plan_rows SET refused = 1, open_due = NULL, deadlines = NULL")
    db.execute("UPDATE plan_basis SET value = ? WHERE name = 'periods'", (older,))
    conn = county.store.conn()
    conn.execute("UPDATE plan_rows SET refused = 1, open_due = NULL")
    conn.execute("UPDATE queue_rows SET due_kind = NULL, due = NULL, due_key = ?", (indexes.NO_DEADLINE,))
    conn.execute("UPDATE index_basis SET value = ? WHERE name = 'periods'", (older,))

    upgraded = open_database(Path(enrolled.station.data_dir) / "station.db")
    try:
        assert upgraded.execute(rows, (a.id,)).fetchone() == (0, "2026-02-16")
        assert [(d.kind, d.due) for d in deadlines.open_deadlines(upgraded)] == [(deadlines.DECIDE, date(2026, 2, 16))]
    finally:
        upgraded.conn.close()
    reopened = CountyStore(county.data_dir)
    assert indexes.pending_count(reopened.conn()) == 1
    indexes.catch_up(reopened.conn())
    assert reopened.conn().execute(rows, (a.id,)).fetchone() == (0, "2026-02-16")
    assert queue_deadline(county, a.id) == (deadlines.DECIDE, "2026-02-16")
    assert county_figures(county)[ind.CASES] == (1, 0, [a.id])
