"""The station's measures counted in SQL over its settled rows (desktop/records/plan_counts.py, plan_rows.py): the
same figures as indicators.figures computes from the cases, with the same records behind each, on known data and on
varied demo data; the rows kept right after every kind of change; an older station's rows filled by its upgrade."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop import demo
from desktop.records import indicators as ind, plan_counts, plan_rows
from desktop.records.db import open_database, write_transaction
from desktop.records.deadlines import countdowns, open_deadlines
from desktop.records.indicators import Period, load_station_cases
from desktop.records.reference import default_reference
from desktop.records.reports import StationSource, case_statistics
from desktop.records.sqlcipher import sqlite3
from desktop.records.station import open_station
from helpers.accounts import provided
from helpers.records import case_statistics_from_cases

from .casework_examples import closure, county_decides, court_attendance, follow_up
from .test_indicators import H1, TODAY, known  # noqa: F401  (the fixture, eight applications with a known life)
from .test_store import application, resident_id

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def kept(db) -> list[tuple]:
    return [tuple(r) for r in db.execute("SELECT * FROM plan_rows ORDER BY record_rowid")]


def settled_afresh(db) -> list[tuple]:
    """Every row worked out again from the records (and thrown away): what the kept rows must be."""
    conn = db.conn
    conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM plan_rows")
        plan_rows.settle(conn, [r[0] for r in conn.execute("SELECT id FROM applications")])
        return kept(db)
    finally:
        conn.execute("ROLLBACK")


def listed(db, period: Period, today: date, key: str, size: int = 3) -> list[tuple]:
    """A figure's whole list, read a page of `size` at a time."""
    rows, first = [], 0
    while True:
        page = plan_counts.figure_page(db, period, today, key, first, size)
        rows += page
        if len(page) < size:
            return rows
        first += size


def assert_same_as_the_cases(db, period: Period, today: date, population: int | None = 20_000) -> None:
    """Every figure by value, count and base, and the records behind it, as indicators.figures has them."""
    want = ind.figures(load_station_cases(db, "TS01", "测试镇"), period, population, today)
    got = plan_counts.figures(db, period, population, today)
    assert set(got) == set(want)
    for key, figure in want.items():
        found = got[key]
        assert (found.counted, found.of, found.unit, found.target, found.population) == \
            (figure.counted, figure.of, figure.unit, figure.target, figure.population), key
        assert found.value == pytest.approx(figure.value), key
        rows = listed(db, period, today, key)
        assert len(rows) == plan_counts.listed(found), key
        assert sorted(r[0] for r in rows if r[6]) == sorted(figure.records), key  # those it counted, each once
        assert sorted(r[0] for r in rows) == sorted(figure.base or figure.records), key
        assert [r[6] for r in rows] == sorted((r[6] for r in rows), reverse=True), key  # counted ones first
    for key in (ind.CASES, ind.OVERDUE_CASES, ind.LITIGATION_SHARE):
        want_months = ind.monthly(load_station_cases(db, "TS01", "测试镇"), period, key, population, today)
        got_months = plan_counts.monthly(db, period, key, population, today)
        assert [(m, f.counted, f.of) for m, f in got_months] == [(m, f.counted, f.of) for m, f in want_months]


def test_the_known_cases_are_counted_in_sql_as_from_the_cases(station, known):  # noqa: F811
    assert kept(station.db) == settled_afresh(station.db)
    for period in (H1, Period.year(2025), Period.year(2026), Period(date(2026, 3, 1), date(2026, 3, 1)),
                   Period(date(2026, 3, 13), date(2026, 4, 1)), Period(date(2024, 1, 1), date(2024, 12, 31))):
        for today in (TODAY, date(2026, 4, 6), date(2026, 4, 7), date(2026, 3, 31)):  # 戊's assignment due 04-06
            assert_same_as_the_cases(station.db, period, today)
    assert_same_as_the_cases(station.db, H1, TODAY, population=None)
    found = plan_counts.figures(station.db, H1, 20_000, TODAY)
    assert (found[ind.CASES].counted, found[ind.OVERDUE_CASES].counted, found[ind.LITIGATION_SHARE].of) == (5, 4, 4)


def test_a_decision_on_chinas_day_is_counted_on_that_day(station):
    """The county stamps its decisions in UTC; the measures count the day in China (17:30 UTC is the next day)."""
    saved = station.store.save("application", application(received_at="2026-03-01T09:00", name="癸"), user="李明")
    from sync.events import record_event

    event = {"seq": 1, "event_id": "ev-1", "station": "TS01", "kind": "grant", "application_number": saved.number,
             "application_id": saved.id, "status": "granted", "at": "2026-03-31T17:30:00+00:00", "by": "县法律援助中心",
             "data": {}}
    with write_transaction(station.db) as conn:
        record_event(conn, event, "2026-04-01T01:35")
    march, april = Period(date(2026, 3, 1), date(2026, 3, 31)), Period(date(2026, 4, 1), date(2026, 4, 30))
    assert station.db.execute("SELECT granted_on FROM plan_rows").fetchone()[0] == "2026-04-01"
    for period in (march, april, Period(date(2026, 3, 1), date(2026, 4, 1))):
        assert_same_as_the_cases(station.db, period, date(2026, 4, 4))
    assert plan_counts.figures(station.db, march, 1, date(2026, 4, 4))[ind.DAYS_TO_DECIDE].value == 31


def test_every_kind_of_change_keeps_the_rows(station):
    """A save, an edit, each record after the decision, the county's decisions (an objection's correction too), a
    void of each: after every one the kept rows are what the records make, and the figures follow."""
    store, db = station.store, station.db

    def check() -> None:
        assert kept(db) == settled_afresh(db)
        assert_same_as_the_cases(db, H1, TODAY)

    data = application(received_at="2026-02-01T09:00", name="子", id_number=resident_id(sequence="413"))
    first = store.save("application", data, user="李明")
    other = store.save("application", application(received_at="2026-02-03T09:00", name="丑",
                                                          id_number=resident_id(sequence="423")), user="李明")
    check()
    store.save("application", {**data, "number": first.number, "person_id": first.person_id, "case_type": "criminal", "aid_kind": "criminal_defence",
                               "criminal_role": "suspect", "criminal_stage": "prosecution", "charge": "盗窃罪",
                               "cause": "盗窃", "channel": "notification", "categories": [], "art31_category": None,
                               "eligibility_ground": "criminal_notification", "art42_exemption": None,
                               "art25_ground": "minor", "notifying_organ": "procuratorate"},
               user="李明", record_id=first.id, expected_version=first.version)
    check()
    county_decides(station, first.number, "grant", "2026-02-04")
    county_decides(station, first.number, "assign", "2026-02-05", {"assignee_kind": "law_firm", "name": "青山所"})
    check()
    attended = store.save("court_attendance", dict(court_attendance(first.number), hearing_date="2026-02-10T09:30"),
                          user="李明")
    check()
    report = store.save("closure", dict(closure(first.number), closed_on="2026-03-01", litigation_case=True,
                                        heard_in_court=True), user="李明")
    check()
    visit = store.save("follow_up", dict(follow_up(first.number), visited_on="2026-03-02"), user="李明")
    check()
    for record_type, saved in (("follow_up", visit), ("closure", report), ("court_attendance", attended)):
        store.void(record_type, saved.id, "录入错误", user="李明")
        check()
    county_decides(station, other.number, "refuse", "2026-02-06", {"reasons": ["不符合条件"]})
    check()
    county_decides(station, other.number, "objection", "2026-02-20", {"answer": "责令改正", "outcome": "corrected"})
    county_decides(station, other.number, "grant", "2026-02-22")
    check()
    assert [r[0] for r in listed(db, H1, TODAY, ind.CASES) if r[6]] == [first.id, other.id]
    store.void("application", other.id, "重复登记", user="李明")
    check()
    assert db.execute("SELECT count(*) FROM plan_rows").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM plan_pending").fetchone()[0] == 0


def test_the_open_deadlines_come_from_the_rows_as_from_the_cases(station, known):  # noqa: F811
    """期限待办 reads the rows' deadlines: each application's, as case_deadlines gives them."""
    from desktop.records.deadlines import case_deadlines, load_case_facts, plan_periods

    facts = load_case_facts(station.db, "a.status NOT IN ('refused', 'voided') AND NOT EXISTS (SELECT 1 FROM "
                                        "follow_ups f WHERE f.application_id = a.id AND +f.voided = 0)")
    want = sorted((d.record_id, d.kind, d.due, d.since, d.subject) for case in facts.values()
                  for d in case_deadlines(case, plan_periods()))
    found = [(d.record_id, d.kind, d.due, d.since, d.subject) for d in open_deadlines(station.db)
             if d.record_type == "application"]
    assert sorted(found) == want and len(want) == 5  # 乙丙 the follow-up visit, 戊 the assignment, 己 the decision, 庚
    every = load_case_facts(station.db)  # a list page's countdowns: each application's nearest, from its row
    nearest = {i: case_deadlines(case, plan_periods()) for i, case in every.items()}
    assert countdowns(station.db, list(known.values())) == {i: found[0] for i, found in nearest.items() if found}


@pytest.fixture(scope="module", params=[3, 7, 11])
def demo_station(request, tmp_path_factory):
    """A station of demo records (saves, edits, voids, decisions, closures, follow-ups, attendance): one of three."""
    station = open_station(provided(tmp_path_factory.mktemp(f"demo{request.param}") / "data"))
    station.update_settings(demo.DEMO_SETTINGS)
    demo.fill(station, 1200, seed=request.param, progress=None, now=datetime(2025, 6, 2, 10, 30))
    yield station
    station.close()


def test_demo_stations_are_counted_in_sql_as_from_the_cases(demo_station):
    db = demo_station.db
    assert kept(db) == settled_afresh(db)
    assert db.execute("SELECT count(*) FROM plan_rows").fetchone()[0] > 100
    for period in (Period(date(2024, 6, 1), date(2025, 5, 31)), Period.year(2024), Period(date(2025, 1, 1),
                                                                                           date(2025, 3, 31))):
        for today in (date(2025, 6, 2), date(2025, 1, 15)):
            assert_same_as_the_cases(db, period, today)


def assert_case_statistics_as_from_the_cases(db, period: Period) -> None:
    """The CASE-STATISTICS report counted in SQL (measure_sql.month_counts) has every cell the cases gave."""
    types = [ch.code for ch in default_reference().choices("case_types")]
    want = case_statistics_from_cases(load_station_cases(db, "TS01", "测试镇"), period, types)
    [table] = case_statistics(StationSource(db, "站", "TS01", "测试镇"), period).tables
    assert table.rows[:-1] == want[:-1] and table.rows[-1][1:] == want[-1][1:]


def test_case_statistics_are_counted_in_sql_as_from_the_cases(station, known, demo_station):  # noqa: F811
    for period in (H1, Period(date(2026, 3, 13), date(2026, 4, 1)), Period.year(2025)):
        assert_case_statistics_as_from_the_cases(station.db, period)
    [table] = case_statistics(StationSource(station.db, "站", "TS01", "测试镇"), H1).tables
    # received 甲乙丙丁戊己 (辛 voided, 庚 last year); granted 甲乙丙戊, refused 丁, assigned 甲乙丙, closed 甲乙丙庚
    total = table.rows[-1]
    assert [total[1], *total[-4:]] == [6, 4, 1, 3, 4]
    march = table.rows[2]
    assert march[0] == "2026-03" and [march[1], *march[-4:]] == [2, 1, 1, 1, 1]  # 丙丁; 丙; 丁; 丙; 甲
    for period in (Period(date(2024, 6, 1), date(2025, 5, 31)), Period(date(2025, 1, 15), date(2025, 3, 10))):
        assert_case_statistics_as_from_the_cases(demo_station.db, period)


def test_the_upgrade_fills_the_rows_of_an_older_station(tmp_path):
    """A station of the previous schema gets every application's row during its upgrade, with progress; a second
    run of the step (a restored backup's) marks and fills them again to the same rows."""
    from desktop.records import migrations

    fixture = FIXTURES / "station_v15.db"  # the schema before the settled rows (step 16)
    plain = sqlite3.connect(str(fixture))
    try:
        assert plain.execute("PRAGMA user_version").fetchone()[0] == 15
        applications = plain.execute("SELECT count(*) FROM applications WHERE voided = 0").fetchone()[0]
    finally:
        plain.close()
    assert applications > 0
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(fixture, data_dir / "station.db")
    steps: list[tuple[int, int]] = []
    db = open_database(provided(data_dir) / "station.db", progress=lambda done, total: steps.append((done, total)))
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.CURRENT_VERSION
        assert db.execute("SELECT count(*) FROM plan_rows").fetchone()[0] == applications
        assert steps[-1] == (applications, applications)
        rows = kept(db)
        assert rows == settled_afresh(db)
        db.conn.execute("BEGIN IMMEDIATE")
        migrations._step_16(db.conn)  # the step of the settled rows, run again
        db.conn.execute("COMMIT")
        assert plan_rows.catch_up(db.conn) == applications and kept(db) == rows
    finally:
        db.conn.close()


def test_a_restore_brings_back_the_backups_rows_and_an_older_backups_are_filled(services, tmp_path):
    """A restore gives the rows of the records it restores (a decision after the backup is gone from them too); a
    backup from before the rows (schema 15) gets them all when the restore migrates it."""
    import json

    from desktop.records.backup import files as backup_files
    from desktop.records.backup import make_backup, restore_backup
    from desktop.records.db import database_path
    from helpers.accounts import raw_connection

    from .test_backup import writable

    station, data_dir = services.station, Path(services.station.data_dir)
    saved = station.store.save("application", application(received_at="2026-02-01T09:00", name="寅",
                                                          id_number=resident_id(sequence="513")), user="李明")
    county_decides(station, saved.number, "grant", "2026-02-03")
    info = make_backup(services, tmp_path / "usb", keep=5)
    county_decides(station, saved.number, "assign", "2026-02-04", {"assignee_kind": "lawyer", "name": "陈律师"})
    station.store.save("application", application(received_at="2026-02-05T09:00", name="卯",
                                                  id_number=resident_id(sequence="523")), user="李明")
    before = kept(station.db)
    services.close()

    restore_backup(info.path, data_dir)
    db = open_database(database_path(data_dir))
    try:
        rows = kept(db)
        assert rows == settled_afresh(db) and rows != before
        assert [(r[1], r[5] is not None, r[7]) for r in rows] == [(saved.id, True, None)]  # granted, not assigned
    finally:
        db.conn.close()

    copy = info.path / "station.db"  # as a version without the rows made it
    writable(copy)
    conn = raw_connection(copy)
    for trigger in [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                               "name LIKE 'plan\\_%' ESCAPE '\\'")]:
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP TABLE plan_rows")
    conn.execute("DROP TABLE plan_pending")
    conn.execute("PRAGMA user_version = 15")
    conn.close()
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = 15
    for table in ("plan_rows", "plan_pending"):
        del manifest["counts"][table]
    manifest["database"]["sha256"] = backup_files._hash_file(copy)[1]
    manifest["database"]["size"] = copy.stat().st_size
    (info.path / "manifest.json").chmod(0o644)
    (info.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert restore_backup(info.path, data_dir).schema_before == 15
    db = open_database(database_path(data_dir))
    try:
        assert kept(db) == rows
    finally:
        db.conn.close()


def test_new_deadline_periods_work_every_row_out_again_at_the_next_open(station, monkeypatch):
    """The rows keep each case's deadlines as the county's periods made them; a version with other periods (a new
    resources/plan/deadlines.json) works them all out again when it opens the station."""
    from desktop.records.deadlines import Periods, plan_periods

    saved = station.store.save("application", application(received_at="2026-03-01T09:00", name="辰",
                                                          id_number=resident_id(sequence="613")), user="李明")
    due = "SELECT open_due FROM plan_rows WHERE application_id = ?"
    assert station.db.execute(due, (saved.id,)).fetchone()[0] == "2026-03-08"  # Art. 43: 7 days to decide
    monkeypatch.setattr(plan_rows, "plan_periods", lambda: Periods(**{**plan_periods().__dict__, "decide_days": 5}))
    db = open_database(Path(station.data_dir) / "station.db")
    try:
        assert db.execute(due, (saved.id,)).fetchone()[0] == "2026-03-06"
        assert db.execute("SELECT count(*) FROM plan_pending").fetchone()[0] == 0
    finally:
        db.conn.close()
