"""The records after the decision (issue 14) travel to the county like the others, checked by the same rules."""

from __future__ import annotations

from sync.status import describe
from tests.sync_tests.test_sync import _tamper, engine
from tests.unit.casework_examples import EXAMPLES, closure, follow_up
from tests.unit.test_store import application


def aided_case(enrolled, county, monkeypatch, received: str = "2024-05-01T09:00") -> str:
    """An application the county granted and assigned the next day (the examples' records are of 2024-05-20), its
    decisions synced back: its closure report and the rest may be made."""
    from helpers.county import add_roster
    from sync_tests.test_figures_agree import decide

    add_roster(county)
    number = enrolled.station.store.save("application", application(received_at=received), user="李芳").number
    assert engine(enrolled).sync_round().complete
    for kind, data in (("accept", {}), ("grant", {}), ("assign", {"lawyer": "L001"})):
        decide(county, monkeypatch, kind, number, received[:10] + "T02:00:00+00:00", data)
    assert engine(enrolled).sync_round().complete
    return number


def test_every_record_type_after_the_decision_reaches_the_county(enrolled, county, monkeypatch):
    store = enrolled.station.store
    number = aided_case(enrolled, county, monkeypatch)
    store.save("closure", closure(number), user="李芳")
    for record_type, make in EXAMPLES.items():
        data = make()
        if "case_number" in data:
            data["case_number"] = number
        store.save(record_type, data, user="李芳")
    result = engine(enrolled).sync_round()
    assert result.complete, describe(result)
    at_county = {r["record_type"] for r in county.store.records("TS01")}
    assert set(EXAMPLES) <= at_county


def test_an_invalid_follow_up_is_returned_with_the_reason_and_the_rest_passes(enrolled, county, monkeypatch):
    store = enrolled.station.store
    number = aided_case(enrolled, county, monkeypatch)
    store.save("closure", closure(number), user="李芳")
    bad = store.save("follow_up", follow_up(number), user="李芳")
    good = store.save("follow_up", follow_up(number), user="李芳")
    change = enrolled.station.db.execute("SELECT change_id FROM outbox WHERE record_id = ?", (bad.id,)).fetchone()[0]
    _tamper(enrolled, change, satisfaction="delighted")  # a value no list has: as from a broken or hostile station
    result = engine(enrolled).sync_round()
    assert len(result.rejected) == 1 and "满意程度" in result.rejected[0][1]
    ids = {r["record_id"] for r in county.store.records("TS01") if r["record_type"] == "follow_up"}
    assert ids == {good.id}
    from sync.events import returned_changes

    returned = returned_changes(enrolled.station.db)  # the 县中心 page opens the follow-up to fix it
    assert [(r.who, r.target) for r in returned] == [("张伟", ("follow_up", bad.id))]


def test_the_county_reports_over_every_station_what_the_stations_report_alone(enrolled, county, tmp_path,
                                                                              monkeypatch):
    """The county's INDICATORS and COMPLAINTS come from the synced records with the station's own code: the
    same counts the station reports for itself."""
    from openpyxl import load_workbook

    from desktop.__main__ import main as desktop_cli
    from sync.server.__main__ import main as server_cli
    from helpers.county import add_roster
    from tests.unit.casework_examples import complaint

    store = enrolled.station.store
    number = store.save("application", application(received_at="2026-02-01T09:00"), user="李芳").number
    for data in (dict(complaint(), complained_at="2026-03-01T10:00"), dict(complaint(), complained_at="2026-04-01T10:00",
                                                                         reply_date="2026-04-03", reply_method="phone")):
        store.save("complaint", data, user="李芳")
    assert engine(enrolled).sync_round().complete
    add_roster(county)
    from sync_tests.test_figures_agree import decide

    for kind, day in (("accept", "02"), ("grant", "03")):  # the county accepts before it grants
        decide(county, monkeypatch, kind, number, f"2026-02-{day}T02:00:00+00:00")
    decide(county, monkeypatch, "assign", number, "2026-02-04T02:00:00+00:00", {"lawyer": "L001"})  # from the roster
    assert engine(enrolled).sync_round().complete  # the decisions come back to the station
    store.save("closure", dict(closure(number), closed_on="2026-05-01"), user="李芳")
    assert engine(enrolled).sync_round().complete
    period = ["--from", "2026-01-01", "--to", "2026-06-30"]
    for kind in ("INDICATORS", "COMPLAINTS"):
        at_station, at_county = tmp_path / f"station-{kind}.xlsx", tmp_path / f"county-{kind}.xlsx"
        assert desktop_cli(["report", kind, *period, "-o", str(at_station), "--data-dir",
                            str(enrolled.station.data_dir)]) == 0
        assert server_cli(["report", kind, *period, "-o", str(at_county), "--data-dir", str(county.data_dir)]) == 0
        station_sheets = {s.title: [r[:6] for r in s.iter_rows(min_row=3, values_only=True)] for s in
                          load_workbook(at_station)}
        county_sheets = {s.title: [r[:6] for r in s.iter_rows(min_row=3, values_only=True)] for s in
                         load_workbook(at_county)}
        first = next(iter(station_sheets))
        assert station_sheets[first] == county_sheets[first], kind
