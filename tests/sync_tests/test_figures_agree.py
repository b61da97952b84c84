"""The station and the county give the same figure for the same data, and each figure opens exactly the records it
counted: a real station synced to a real county over loopback, the county's decisions dated by a fixed clock."""

from __future__ import annotations

from datetime import date

import pytest

import sync.server.decisions as decisions_module
from desktop.records import plan_counts as station_counts
from desktop.records.indicators import Period
from helpers.county import add_roster
from helpers.records import application, resident_id
from sync.server import plan_counts as county_counts
from sync.server.indexes import catch_up
from sync.server.plan import CountySource
from sync_tests.test_sync import engine
from tests.unit.casework_examples import closure

YEAR = Period(date(2026, 1, 1), date(2026, 11, 30))
TODAY = date(2026, 12, 6)


def decide(county, monkeypatch, kind: str, number: str, at: str, data: dict | None = None) -> None:
    """A county decision stamped at `at` (UTC)."""
    monkeypatch.setattr(decisions_module, "utc_now", lambda: at)
    county.store.decide(kind, number, data or {})
    monkeypatch.undo()


def sync(services) -> None:
    assert engine(services).sync_round().complete


def granted_and_assigned(enrolled, county, monkeypatch, name: str, sequence: str, **kind):
    add_roster(county)
    saved = enrolled.station.store.save("application", application(
        name=name, received_at="2026-03-02T09:00", id_number=resident_id(sequence=sequence), **kind), user="李芳")
    sync(enrolled)
    for what, day, data in (("accept", "03", {}), ("grant", "04", {}), ("assign", "05", {"lawyer": "L001"})):
        decide(county, monkeypatch, what, saved.number, f"2026-03-{day}T02:00:00+00:00", data)
    sync(enrolled)  # the station knows the case is assigned: its closure report and the rest may be made
    return saved


def both(enrolled, county, key: str) -> tuple[tuple, tuple, dict[str, bool], dict[str, bool]]:
    """The figure (value, counted, of) at the station and at the county, and the records each opens: id -> counted."""
    station = station_counts.figures(enrolled.station.db, YEAR, None, TODAY)[key]
    conn = county.store.conn()
    at_county = CountySource(conn, "县").figures(YEAR, TODAY)[key]
    station_rows = {row[0]: bool(row[6]) for row in station_counts.figure_page(enrolled.station.db, YEAR, TODAY, key,
                                                                              0, 100)}
    catch_up(conn)
    county_rows = {row[0]: bool(row[4]) for row in county_counts.figure_page(conn, YEAR, TODAY, key, None, 0, 100)}
    return ((station.value, station.counted, station.of), (at_county.value, at_county.counted, at_county.of),
            station_rows, county_rows)


def test_a_case_terminated_without_a_closure_report_is_litigation_by_the_application_at_both_ends(
        enrolled, county, monkeypatch):
    """No closure report: the application's word (诉讼) stands at the station as at the county, whether the center
    closed the case or terminated the aid (Art. 48)."""
    saved = granted_and_assigned(enrolled, county, monkeypatch, "王诉", "311", litigation=True)
    decide(county, monkeypatch, "terminate", saved.number, "2026-04-20T02:00:00+00:00",
           {"reasons": ["受援人自行委托律师"]})
    sync(enrolled)
    station, at_county, station_rows, county_rows = both(enrolled, county, "litigation_share")
    assert station == at_county == (100.0, 1, 1)
    assert station_rows == county_rows == {saved.id: True}


def test_the_latest_closure_report_says_whether_the_case_was_litigation_at_both_ends(enrolled, county, monkeypatch):
    """Two live closure reports: the later one (mediation) speaks for the case, at the station as at the county."""
    saved = granted_and_assigned(enrolled, county, monkeypatch, "王结", "331")
    store = enrolled.station.store
    store.save("closure", dict(closure(saved.number), closed_on="2026-05-01", litigation_case=True,
                               heard_in_court=True), user="李芳")
    store.save("closure", dict(closure(saved.number), closed_on="2026-05-10", litigation_case=False,
                               heard_in_court=False, closing_method="mediation"), user="李芳")
    sync(enrolled)
    station, at_county, station_rows, county_rows = both(enrolled, county, "litigation_share")
    assert station == at_county == (0.0, 0, 1)
    assert station_rows == county_rows == {saved.id: False}
    # the later report voided: the first one speaks again, at both ends
    later = enrolled.station.db.execute("SELECT id FROM closures WHERE closed_on = '2026-05-10'").fetchone()[0]
    store.void("closure", later, "填错了", user="李芳")
    sync(enrolled)
    station, at_county, station_rows, county_rows = both(enrolled, county, "litigation_share")
    assert station == at_county == (100.0, 1, 1)
    assert station_rows == county_rows == {saved.id: True}


@pytest.mark.parametrize("second", [True, False])
def test_two_closure_reports_of_one_day_are_litigation_if_one_says_so(enrolled, county, monkeypatch, second):
    """Of two reports with the same closing day neither end knows which came last: litigation if either says so."""
    saved = granted_and_assigned(enrolled, county, monkeypatch, "王同", "351")
    for word in (not second, second):
        enrolled.station.store.save("closure", dict(closure(saved.number), closed_on="2026-05-01",
                                                    litigation_case=word), user="李芳")
    sync(enrolled)
    station, at_county, _rows, _county_rows = both(enrolled, county, "litigation_share")
    assert station == at_county == (100.0, 1, 1)


def test_the_county_measures_every_township_it_gave_a_population_with_a_station_or_not(enrolled, county):
    """§3 county-wide is per registered resident of the county: 河东镇 (30,000, no station enrolled yet) counts in
    the population and is shown, with no cases, beside 测试镇 (10,000, one case)."""
    from desktop.records.reports import build
    from sync.server.measures import Scope, overview
    from sync.server.reference import set_population

    saved = enrolled.station.store.save("application", application(
        name="甲", received_at="2025-03-02T09:00", id_number=resident_id(sequence="711")), user="李芳")
    sync(enrolled)
    set_population(county.store, "测试镇", 10_000)
    set_population(county.store, "河东镇", 30_000)
    year = Period.year(2025)
    source = CountySource(county.store.conn(), "县")
    county_wide = source.figures(year, TODAY)["cases_per_10k"]
    assert (county_wide.value, county_wide.counted, county_wide.population) == (0.25, 1, 40_000)
    overall, places = source.place_figures(year, TODAY)
    assert overall["cases_per_10k"].value == 0.25 and set(places) == {"测试镇", "河东镇"}
    assert (places["河东镇"]["cases_per_10k"].value, places["河东镇"]["cases"].counted) == (0.0, 0)
    rows = {row[0]: row for row in build("INDICATORS", source, year, TODAY).tables[1].rows}
    assert rows["测试镇"][1:3] == [1, 1] and rows["河东镇"][1:3] == [0, 0]  # cases, per 10,000
    shown = overview(county.store, year.start, year.end, "cases", Scope(), TODAY)
    assert shown["figures"]["cases_per_10k"]["value"] == 0.25
    assert {t["name"]: t["population"] for t in shown["townships"]} == {"测试镇": 10_000, "河东镇": 30_000}
    assert overview(county.store, year.start, year.end, "cases", Scope(township="河东镇"), TODAY)[
        "figures"]["cases"]["counted"] == 0
    catch_up(county.store.conn())
    assert [row[0] for row in county_counts.figure_page(county.store.conn(), year, TODAY, "cases_per_10k", None, 0,
                                                        100)] == [saved.id]


def test_a_hotline_call_turned_into_an_application_voided_since_is_no_conversion_at_either_end(enrolled, county):
    """12348-QUARTERLY's 转为法律援助申请 counts the calls whose application stands, at the station and the county."""
    from desktop.records.reports import StationSource, build
    from helpers.records import consultation

    store = enrolled.station.store
    calls = [store.save("consultation", consultation(occurred_at=f"2026-02-0{day}T10:00", channel="hotline",
                                                     name=name), user="李芳") for day, name in ((3, "丁"), (4, "戊"))]
    made = [store.save("application", application(name=name, received_at="2026-02-05T09:00", consultation_id=call.id,
                                                  id_number=resident_id(sequence=sequence)), user="李芳")
            for call, name, sequence in zip(calls, ("丁", "戊"), ("471", "473"))]
    store.void("application", made[0].id, "误录", user="李芳")
    sync(enrolled)
    quarter = Period(date(2026, 1, 1), date(2026, 3, 31))
    for source in (StationSource(enrolled.station.db, "站", "TS01", "测试镇"), CountySource(county.store.conn(), "县")):
        summary = {row[0]: row[1] for row in build("12348-QUARTERLY", source, quarter, TODAY).tables[0].rows}
        assert summary["热线咨询量"] == 2 and summary["转为法律援助申请"] == 1, (source.name, summary)


def test_a_visit_while_the_case_ran_is_not_the_follow_up_after_closing_at_either_end(enrolled, county, monkeypatch):
    """A follow-up visit made while the case ran, then a closure report: the case is closed and not yet visited after
    closing (回访率 0 %, a follow-up due 30 days after closing) at the station as at the county; a visit on the
    closing day settles it at both ends."""
    from desktop.records import deadlines
    from tests.unit.casework_examples import as_an_older_station, follow_up
    saved = granted_and_assigned(enrolled, county, monkeypatch, "王访", "341")
    store = enrolled.station.store
    with as_an_older_station(monkeypatch):  # a station now refuses a visit before closing; older ones saved them
        store.save("follow_up", dict(follow_up(saved.number), visited_on="2026-04-01"), user="李芳")
    store.save("closure", dict(closure(saved.number), closed_on="2026-05-01"), user="李芳")
    sync(enrolled)
    station, at_county, station_rows, county_rows = both(enrolled, county, "follow_up_rate")
    assert station == at_county == (0.0, 0, 1)
    assert station_rows == county_rows == {saved.id: False}
    due = [(d.kind, d.due) for d in deadlines.open_deadlines(enrolled.station.db)]
    assert due == [(deadlines.FOLLOW_UP, date(2026, 5, 31))]
    store.save("follow_up", dict(follow_up(saved.number), visited_on="2026-05-01"), user="李芳")
    sync(enrolled)
    station, at_county, station_rows, county_rows = both(enrolled, county, "follow_up_rate")
    assert station == at_county == (100.0, 1, 1)
    assert station_rows == county_rows == {saved.id: True}
    assert deadlines.open_deadlines(enrolled.station.db) == []
