"""The workspace reads the county's indexes (sync/server/indexes.py), kept by the index lane: what a station sends
and what the county decides is in the queue and the searches at the next read, a voided record leaves them, and
the queue's order and deadline filters are the station's deadlines."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from helpers.county import county_cases
from helpers.records import application, case_statistics_from_cases, consultation, resident_id
from desktop.records.queries import LIST_COLUMNS
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
    every = county_cases(county.conn())
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
    # the CASE-STATISTICS report, counted in SQL over the rows and the refusals, is the cases' month by month
    from desktop.records.reference import default_reference
    from desktop.records.reports import case_statistics

    types = [ch.code for ch in default_reference().choices("case_types")]
    for period in (Period(date(end.year - 1, end.month, 1), end), Period(end.replace(day=1) - timedelta(days=70), end)):
        want = case_statistics_from_cases(every, period, types)
        [table] = case_statistics(source, period).tables
        assert table.rows[:-1] == want[:-1] and table.rows[-1][1:] == want[-1][1:]
    assert want[-1][-3] > 0 and want[-1][1] > 0  # refusals and receipts were counted
    # the LIST report: a closure's or follow-up's person is its case's applicant; an application's status the
    # county's latest (read for the period's records only, not for every case and event of the county)
    import json as _json

    conn = county.conn()
    names = {i: _json.loads(d).get("name") or "" for i, d in conn.execute(
        "SELECT record_id, data FROM records WHERE record_type = 'application' AND voided = 0")}
    latest = dict(conn.execute("SELECT application_id, status FROM events WHERE status IS NOT NULL ORDER BY seq"))
    year = Period(date(end.year - 1, end.month, 1), end)
    for record_type in ("closure", "follow_up", "application"):
        found = list(source._in_period(record_type, year))
        assert len(found) > 5, record_type
        columns = list(LIST_COLUMNS[record_type])
        for (record_id, record), row in zip(found, source.list_rows(record_type, year), strict=True):
            if "person_name" in columns:
                assert row[columns.index("person_name")] == (record.get("name") or names.get(
                    record.get("application_id"), "") or record.get("complainant") or record.get("title") or "")
            if "status" in columns and record_type == "application":
                assert row[columns.index("status")] == latest.get(record_id, "recorded")


CRIMINAL = dict(case_type="criminal", aid_kind="criminal_defence", criminal_role="suspect", criminal_stage="prosecution",
                charge="盗窃罪", cause="盗窃", channel="notification", categories=[], art31_category=None,
                eligibility_ground="criminal_notification", art42_exemption=None, art25_ground="minor",
                notifying_organ="procuratorate")


def test_the_counts_in_sql_on_known_cases_at_the_edges(services, county, monkeypatch):
    """Known cases at the edges the SQL must get right, each figure checked by value and against the cases
    computed: a period's first and last days (received or closed on them, the day before and after), decisions
    stamped in UTC late in the evening (the next day in China), voided applications and closures, refused cases."""
    import json

    from desktop.records.indicators import Period, figures
    from sync.server.plan import CountySource
    from tests.unit.casework_examples import as_an_older_station, closure, court_attendance, follow_up

    store, saved = services.station.store, {}
    for label, received, extra, sequence in (
            ("甲", "2026-03-01T08:00", CRIMINAL, "113"),  # the first day; criminal, decided after midnight in China
            ("乙", "2026-03-31T18:00", {}, "133"),  # the last day; refused (in China on 04-01): not a case
            ("丙", "2026-04-01T08:00", {}, "153"),  # the day after: not counted
            ("丁", "2026-02-28T17:00", {}, "173"),  # the day before; closed in March and followed up
            ("戊", "2026-03-10T09:00", {}, "193"),  # voided: nowhere
            ("己", "2026-03-20T09:00", {}, "213"),  # undecided: overdue
            ("庚", "2026-03-05T09:00", {}, "233"),  # its closure voided: not closed, overdue
            ("辛", "2026-01-15T09:00", {"litigation": True}, "253")):  # closed by the county on 03-01 in China
        saved[label] = store.save("application", application(name=label, received_at=received,
                                                            id_number=resident_id(sequence=sequence), **extra),
                                  user="李明")
    # recorded before the county's decisions reached the station, as an older station let a clerk (the county's
    # counts must take what such stations sent)
    with as_an_older_station(monkeypatch):
        store.save("closure", dict(closure(saved["甲"].number), closed_on="2026-03-31"), user="李明")
        store.save("court_attendance", court_attendance(saved["甲"].number), user="李明")
        store.save("closure", dict(closure(saved["丁"].number), closed_on="2026-03-15", litigation_case=False,
                                   heard_in_court=False), user="李明")
        store.save("follow_up", dict(follow_up(saved["丁"].number), visited_on="2026-03-20"), user="李明")
        voided = store.save("closure", dict(closure(saved["庚"].number), closed_on="2026-03-20"), user="李明")
        store.void("closure", voided.id, "录入错误", user="李明")
    store.void("application", saved["戊"].id, "重复登记", user="李明")
    push(services, county)
    events = [("甲", "grant", "2026-03-03T17:30:00+00:00", {}),  # 03-04 in China: 3 days to decide, not 2
              ("甲", "assign", "2026-03-04T16:30:00+00:00", {"assignee_kind": "lawyer"}),  # 03-05 in China
              ("乙", "refuse", "2026-03-31T16:10:00+00:00", {}),  # 04-01 in China: 1 day, not 0
              ("丁", "grant", "2026-03-01T02:00:00+00:00", {}),
              ("丁", "assign", "2026-03-02T02:00:00+00:00", {"assignee_kind": "center_staff"}),
              ("辛", "grant", "2026-01-16T02:00:00+00:00", {}),
              ("辛", "close", "2026-02-28T16:30:00+00:00", {})]  # 03-01 in China: closed in March
    with county.write() as conn:
        for n, (label, kind, at, data) in enumerate(events):
            conn.execute("INSERT INTO events (event_id, station, kind, application_number, application_id, status, at, "
                         "by, data) VALUES (?, 'TS01', ?, ?, ?, NULL, ?, '周敏', ?)",
                         (f"e{n}", kind, saved[label].number, saved[label].id, at, json.dumps(data)))
    county.conn().execute("INSERT INTO townships (name, registered_population, updated_at) VALUES ('测试镇', 20000, '')")
    source = CountySource(county.conn(), "县")
    march, today = Period(date(2026, 3, 1), date(2026, 3, 31)), date(2026, 4, 20)
    found = source.figures(march, today)
    ids = {s.id: label for label, s in saved.items()}
    value = {key: figure.value for key, figure in found.items()}
    assert (value["cases"], found["criminal_share"].counted) == (3, 1)  # 甲 己 庚; 甲
    assert value["cases_per_10k"] == 3 * 10_000 / 20_000 * 365 / 31
    assert (found["litigation_share"].counted, found["litigation_share"].of) == (2, 3)  # 甲 辛 of 甲 丁 辛
    assert (found["law_firm_share"].counted, found["law_firm_share"].of) == (1, 1)  # 甲 (丁 assigned in Feb's case)
    assert value["court_attendance_share"] == 100 and found["court_attendance_share"].of == 1  # 甲 heard, attended
    assert value["follow_up_rate"] == 100 / 3 and value["closing_rate"] == 100 / 3  # 丁; 甲
    assert value["days_to_decide"] == 2.0 and found["days_to_decide"].counted == 2  # 甲 3 days, 乙 1 day
    assert value["days_to_assign"] == 1.0 and found["days_to_assign"].counted == 1  # 甲
    assert value["overdue"] == 2  # 己 and 庚 (甲's follow-up is due 04-30)
    assert [ids[i] for i in behind(county, march, today, "overdue")[0]] == ["己", "庚"]
    assert [ids[i] for i in behind(county, march, today, "litigation_share")[1]] == ["丁"]
    every = county_cases(county.conn())
    assert {c.id for c in every} == {s.id for label, s in saved.items() if label != "戊"}
    for period in (march, Period(date(2026, 2, 1), date(2026, 2, 28)), Period(date(2026, 4, 1), date(2026, 4, 30)),
                   Period(date(2026, 1, 1), date(2026, 3, 31)), Period(date(2026, 3, 31), date(2026, 3, 31))):
        for day in (today, date(2026, 3, 10), date(2026, 3, 27)):  # 03-27: 己's deadline, due today, not passed
            expected = figures(every, period, 20000, day)
            assert same_figures(source.figures(period, day), expected), period
            for key, figure in expected.items():
                assert behind(county, period, day, key)[0] == list(figure.records), (period, key)
    from desktop.records.indicators import monthly
    from sync.server import plan_counts

    quarter = Period(date(2026, 1, 1), date(2026, 4, 15))
    for key in expected:  # the chart, month by month, of every measure
        assert [(m, f.value, f.counted, f.of) for m, f in plan_counts.monthly(county.conn(), quarter, key, 20000,
                                                                               today)] == \
            [(m, f.value, f.counted, f.of) for m, f in monthly(every, quarter, key, 20000, today)], key


def test_a_reports_period_is_read_by_the_consultations_time_index_with_the_records_of_the_period_only(services,
                                                                                                         county):
    """The 12348 quarterly and the lists read one period: in SQL, on the index of a consultation's time (it read
    and decoded every consultation of the county before), oldest first, voided ones left out."""
    from desktop.records.indicators import Period
    from desktop.records.reports import build
    from sync.server.plan import CountySource, period_query

    store = services.station.store
    for name, day in (("早一天", "2026-06-30T23:59"), ("季初", "2026-07-01T00:00"), ("季中", "2026-08-15T10:00"),
                      ("季末", "2026-09-30T23:59"), ("晚一天", "2026-10-01T00:00")):
        store.save("consultation", consultation(name=name, occurred_at=day, channel="hotline"), user="李明")
    voided = store.save("consultation", consultation(name="作废", occurred_at="2026-08-01T09:00"), user="李明")
    store.void("consultation", voided.id, "重复登记", user="李明")
    push(services, county)
    conn = county.conn()
    plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + period_query("consultation"), ("a", "b")))
    assert "records_consultation_time" in plan and "SCAN records" not in plan, plan
    quarter = Period(date(2026, 7, 1), date(2026, 9, 30))
    assert [r["name"] for r in CountySource(conn, "县").records("consultation", quarter)] == ["季初", "季中", "季末"]
    rows = CountySource(conn, "县").list_rows("consultation", quarter)
    assert len(rows) == 3
    store.save("consultation", consultation(name="来访", occurred_at="2026-08-16T10:00", channel="walk_in"), user="李明")
    push(services, county)
    hotline = CountySource(conn, "县").records("consultation", quarter, channel="hotline")
    assert [r["name"] for r in hotline] == ["季初", "季中", "季末"]
    report = build("12348-QUARTERLY", CountySource(conn, "县"), quarter, date(2026, 12, 5))
    assert report.tables[0].rows[0][1] == 3  # hotline consultations: the walk-in is not one


def test_other_deadline_periods_work_every_application_out_again(services, county, monkeypatch):
    """The queue's deadline and the measures' open deadline are worked out with the deadline periods this version
    ships (resources/plan/): a version with other periods marks every application again when the county opens,
    and the lane works them out with the new periods; the same periods mark nothing."""
    from desktop.records import deadlines
    from sync.server import indexes

    services.station.store.save("application", application(received_at="2026-12-01T09:00"), user="李明")
    push(services, county)
    conn = county.conn()
    indexes.catch_up(conn)
    before = conn.execute("SELECT due_kind, due FROM queue_rows").fetchone()
    assert before[1] is not None
    assert CountyStore(county.data_dir) and indexes.pending_count(conn) == 0  # reopened, the same periods
    shipped = deadlines.plan_periods()
    longer = dataclasses.replace(shipped, decide_days=shipped.decide_days + 10, supplement_days=shipped.supplement_days
                                 + 10, assign_days=shipped.assign_days + 10)
    monkeypatch.setattr(deadlines, "plan_periods", lambda: longer)
    monkeypatch.setattr(indexes, "plan_periods", lambda: longer)
    reopened = CountyStore(county.data_dir)
    assert indexes.pending_count(reopened.conn()) == 1
    indexes.catch_up(reopened.conn())
    after = reopened.conn().execute("SELECT due_kind, due FROM queue_rows").fetchone()
    assert after[0] == before[0] and date.fromisoformat(after[1]) - date.fromisoformat(before[1]) == timedelta(days=10)
    assert indexes.periods_changed(reopened.conn()) == 0  # recorded: the next start marks nothing


def test_other_rules_work_every_application_out_again(services, county):
    """Rows worked out by an older version's rules (deadlines.RULES_VERSION; before 3 a case's litigation word came
    from any of its closure reports) are worked out again when the county opens, once."""
    import json

    from desktop.records.deadlines import periods_basis
    from sync.server import indexes

    services.station.store.save("application", application(received_at="2026-12-01T09:00"), user="李明")
    push(services, county)
    indexes.catch_up(county.conn())
    older = {**json.loads(periods_basis()), "rules": 2}
    county.conn().execute("UPDATE index_basis SET value = ? WHERE name = 'periods'", (json.dumps(older, sort_keys=True),))
    reopened = CountyStore(county.data_dir)
    assert indexes.pending_count(reopened.conn()) == 1
    indexes.catch_up(reopened.conn())
    assert indexes.periods_changed(reopened.conn()) == 0


def test_the_case_statistics_read_the_refusals_by_their_index(county):
    """CASE-STATISTICS reads each case's first refusal by the partial index of refusals (county step 14), not by
    every decision of the county, and the settled rows' days received and closed by theirs."""
    from desktop.records.measure_sql import month_counts_sql
    from sync.server.plan import COUNTY_REFUSALS

    plans = [r[-1] for r in county.conn().execute("EXPLAIN QUERY PLAN " + month_counts_sql(COUNTY_REFUSALS),
                                                  {"start": "2026-01-01", "end": "2026-12-31"})]
    assert any("events_refusals" in p for p in plans), plans
    assert not any(p.startswith("SCAN events") and "events_refusals" not in p for p in plans), plans
    assert any("plan_by_received" in p for p in plans) and any("plan_by_closed" in p for p in plans), plans
