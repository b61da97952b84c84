"""The workspace reads the county's indexes (sync/server/indexes.py), kept by the index lane: what a station sends
and what the county decides is in the queue and the searches at the next read, a voided record leaves them, and
the queue's order and deadline filters are the station's deadlines."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from helpers.records import application, consultation, resident_id
from sync.server import queue as q
from sync.server.county import CountyStore

TODAY = date(2025, 3, 12)


@pytest.fixture
def county(tmp_path, services):
    store = CountyStore(tmp_path / "county")
    store.init("测试县法律援助中心")
    store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "fixed")  # what it sends is taken as sync takes it
    return store


def push(services, county) -> None:
    rows = services.station.db.execute("SELECT change_id, payload, sha256 FROM outbox WHERE acked_at IS NULL "
                                       "ORDER BY seq").fetchall()
    for start in range(0, len(rows), 500):  # as the sync sends them: batches of at most MAX_BATCH_CHANGES
        acks = county.apply_changes("TS01", [{"change_id": c, "payload": p, "sha256": s}
                                             for c, p, s in rows[start:start + 500]])
        assert all(a["status"] == "accepted" for a in acks), [a for a in acks if a["status"] != "accepted"]
    services.station.db.execute("UPDATE outbox SET acked_at = 'x' WHERE acked_at IS NULL")


def names(page) -> list[str]:
    return [i["name"] for i in page["items"]]


def test_the_queue_follows_what_stations_send_and_the_county_decides(services, county):
    store = services.station.store
    old = store.save("application", application(name="王芳", received_at="2025-03-01T09:00",
                                                id_number=resident_id(sequence="201")), user="李明")
    new = store.save("application", application(name="赵军", received_at="2025-03-10T09:00",
                                                id_number=resident_id(sequence="203")),
                     user="李明")
    push(services, county)
    page = q.queue(county, q.QueueFilters(), TODAY)
    # overdue first (decided within 7 days of 03-01: due 03-08), then the nearest deadline (03-17)
    assert names(page) == ["王芳", "赵军"] and page["total"] == 2
    assert page["items"][0]["deadline"]["overdue"] and page["items"][0]["deadline"]["due"] == "2025-03-08"
    assert page["items"][0]["station_name"] == "测试镇法律援助工作站"
    assert names(q.queue(county, q.QueueFilters(deadline="overdue"), TODAY)) == ["王芳"]
    assert names(q.queue(county, q.QueueFilters(deadline="later"), TODAY)) == ["赵军"]
    assert q.queue(county, q.QueueFilters(group="migrant_worker"), TODAY)["total"] == 2
    assert q.queue(county, q.QueueFilters(group="minor"), TODAY)["total"] == 0
    assert names(q.queue(county, q.QueueFilters(text="王芳"), TODAY)) == ["王芳"]
    assert names(q.queue(county, q.QueueFilters(text=old.number), TODAY)) == ["王芳"]
    assert q.counts(county, TODAY)["to_decide"] == 2 and q.counts(county, TODAY)["overdue"] == 1

    county.decide("accept", old.number, {})  # each decision marks the application: the next read has it
    assert names(q.queue(county, q.QueueFilters(status="accepted"), TODAY)) == ["王芳"]
    county.decide("grant", old.number, {})
    assert names(q.queue(county, q.QueueFilters(status="granted"), TODAY)) == ["王芳"]
    granted = q.queue(county, q.QueueFilters(status="granted"), TODAY)["items"][0]
    assert granted["deadline"]["kind"] == "assign" and granted["view_version"] > 0
    assert q.counts(county, TODAY)["to_assign"] == 1

    store.void("application", new.id, "录入错误", user="李明")  # a voided application leaves the queue and search
    push(services, county)
    assert names(q.queue(county, q.QueueFilters(), TODAY)) == ["王芳"]
    assert q.queue(county, q.QueueFilters(text="赵军"), TODAY)["total"] == 0
    assert county.conn().execute("SELECT count(*) FROM index_pending").fetchone()[0] == 0


def test_consultations_are_found_by_two_character_words_newest_first(services, county):
    store = services.station.store
    store.save("consultation", consultation(name="张伟", occurred_at="2025-03-04T09:30"), user="李明")
    store.save("consultation", consultation(name="李娜", occurred_at="2025-03-06T09:30", question="离婚后孩子的抚养费怎么算？",
                                            matter_category="marriage_family"), user="李明")
    voided = store.save("consultation", consultation(name="孙强", occurred_at="2025-03-07T09:30"), user="李明")
    store.void("consultation", voided.id, "重复登记", user="李明")
    push(services, county)
    assert names(q.consultations(county, None, None, 1)) == ["李娜", "张伟"]
    assert names(q.consultations(county, "工资", None, 1)) == ["张伟"]  # two characters
    assert names(q.consultations(county, "离婚", "TS01", 1)) == ["李娜"]
    assert names(q.consultations(county, "抚养费", None, 1)) == ["李娜"]
    assert q.consultations(county, "工资", "TS02", 1)["total"] == 0
    assert q.consultations(county, "孙强", None, 1)["total"] == 0  # voided
    # an edit is searched by what it says now
    edited = store.save("consultation", consultation(name="张伟", occurred_at="2025-03-04T09:30",
                                                     question="工伤认定怎么申请？"),
                        user="李明", record_id=q.consultations(county, "张伟", None, 1)["items"][0]["record_id"])
    assert edited.version == 2
    push(services, county)
    assert q.consultations(county, "工资", None, 1)["total"] == 0
    assert names(q.consultations(county, "工伤", None, 1)) == ["张伟"]


def same_figures(counted, computed) -> bool:
    """The county's figures counted in SQL (no ids) are the figures computed from the cases, value and counts."""
    return counted.keys() == computed.keys() and all(
        counted[k] == dataclasses.replace(computed[k], records=(), base=()) for k in computed)


def behind(county, period, today, key, township=None) -> tuple[list[str], list[str]]:
    """The ids a figure's list shows, counted then not counted, read page by page as the workspace reads them."""
    from sync.server.plan import CountySource
    from sync.server.plan_counts import figure_page

    stations = CountySource(county.conn(), "县").scope_stations(township)
    rows, first = [], 0
    while page := figure_page(county.conn(), period, today, key, stations, first, 7):
        rows += page
        first += 7
    return [r[0] for r in rows if r[4]], [r[0] for r in rows if not r[4]]


def test_the_countys_measures_from_its_indexes_are_the_measures_of_every_case(services, county):
    """CountySource.figures counts in SQL over plan_rows (the index lane's settled cases): the same figures as
    indicators.figures over every case plan_cases reads, for any period and township, and each figure's list (read
    when opened) holds exactly the cases the computation counted, in the same order."""
    import json

    from desktop.demo.runner import fill
    from desktop.records.indicators import Period, figures
    from sync.server.plan import CountySource

    fill(services.station, 400, seed=3, progress=lambda *a, **k: None)
    push(services, county)
    with county.write() as conn:  # the county's decisions the demo station holds, as the county recorded them
        for raw in services.station.db.execute("SELECT data FROM county_events ORDER BY seq").fetchall():
            event = json.loads(raw[0])
            conn.execute("INSERT INTO events (event_id, station, kind, application_number, application_id, status, "
                         "at, by, data) VALUES (?, 'TS01', ?, ?, ?, ?, ?, ?, ?)",
                         (event["event_id"], event["kind"], event["application_number"], event["application_id"],
                          event.get("status"), event["at"], event["by"], json.dumps(event["data"])))
    county.conn().execute("INSERT INTO townships (name, registered_population, updated_at) VALUES ('测试镇', 30000, '')")
    source = CountySource(county.conn(), "县")
    every = source.plan_cases()
    assert sum(c.closed_on is not None for c in every) > 10 and sum(c.assigned_on is not None for c in every) > 10
    end = max(c.facts.received for c in every)
    today = end + timedelta(days=40)  # the latest cases' deadlines have passed: the overdue figure counts them
    for period in (Period(date(end.year - 1, end.month, 1), end), Period(end.replace(day=1), end),
                   Period(date(end.year, 1, 1), end)):
        expected = figures(every, period, 30000, today)
        assert same_figures(source.figures(period, today), expected)
        assert same_figures(source.figures(period, today, township="测试镇"), expected)
        assert source.figures(period, today, township="别的镇")["cases"].value == 0
        assert same_figures(source.figures(period, end), figures(every, period, 30000, end))
        for key, figure in expected.items():
            counted, not_counted = behind(county, period, today, key)
            assert counted == list(figure.records), key
            assert not_counted == [i for i in figure.base if i not in set(figure.records)], key
    assert expected["overdue"].value > 0 and expected["closing_rate"].value > 0
    assert behind(county, period, today, "cases", township="别的镇") == ([], [])
    # the INDICATORS report (by township) from the counts is the report of the cases computed, cell by cell
    from desktop.records.reports import indicator_report

    class EveryCase:
        name = source.name

        def place_figures(self, period, today):
            found = figures(every, period, 30000, today)
            return found, {"测试镇": found}

    assert indicator_report(source, period, today) == indicator_report(EveryCase(), period, today)
