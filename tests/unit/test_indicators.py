"""The plan's measures computed from a station's records: each figure checked against known data, record by
record (a number a director cannot check is not trusted)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.records import indicators as ind, plan_counts
from desktop.records.deadlines import COUNTY_DAY_SQL
from desktop.records.indicators import Period, figures, load_station_cases, monthly

from .casework_examples import ASSIGNEE, closure, county_decides, court_attendance, follow_up
from .test_store import application, resident_id

TODAY = date(2026, 7, 1)
H1 = Period(date(2026, 1, 1), date(2026, 6, 30))
FIRM = dict(ASSIGNEE)
STAFF = dict(ASSIGNEE, assignee_kind="center_staff", name="周敏", firm="青山县法律援助中心")


@pytest.fixture
def known(station):
    """Eight applications with a known life; returns {label: application id}."""
    store, ids, seq = station.store, {}, iter(range(10, 99))

    def app(label: str, received: str, **changes) -> str:
        data = application(received_at=f"{received}T09:00", name=label, id_number=resident_id(sequence=f"{next(seq)}"[:2] + "3"),
                           **changes)
        saved = store.save("application", data, user="李明")
        ids[label] = saved.id
        return saved.number

    criminal = dict(case_type="criminal", aid_kind="criminal_defence", criminal_role="suspect",
                    criminal_stage="prosecution", charge="盗窃罪", cause="盗窃", channel="notification",
                    categories=[], art31_category=None, eligibility_ground="criminal_notification",
                    art42_exemption=None, art25_ground="minor", notifying_organ="procuratorate")
    # A: criminal, granted 2 days after receipt, assigned to a firm 1 day later, closed in court, attended, followed up
    a = app("甲", "2026-01-10", **criminal)
    county_decides(station, a, "grant", "2026-01-12")
    county_decides(station, a, "assign", "2026-01-13", FIRM)
    store.save("court_attendance", dict(court_attendance(a), hearing_date="2026-02-10T09:30"), user="李明")
    store.save("closure", dict(closure(a), closed_on="2026-03-01", litigation_case=True, heard_in_court=True),
               user="李明")
    store.save("follow_up", dict(follow_up(a), visited_on="2026-03-05"), user="李明")
    # B: civil arbitration, granted after 4 days, assigned to center staff 3 days later, closed by mediation, no court
    b = app("乙", "2026-02-01")
    county_decides(station, b, "grant", "2026-02-05")
    county_decides(station, b, "assign", "2026-02-08", STAFF)
    store.save("closure", dict(closure(b), closed_on="2026-04-01", litigation_case=False, heard_in_court=False,
                               closing_method="mediation"), user="李明")
    # C: civil, granted after 6 days, assigned to a firm after 2, closed heard in court but not attended, no follow-up
    c = app("丙", "2026-03-01", case_type="civil", aid_kind="litigation")
    county_decides(station, c, "grant", "2026-03-07")
    county_decides(station, c, "assign", "2026-03-09", FIRM)
    store.save("closure", dict(closure(c), closed_on="2026-05-20"), user="李明")
    # D: refused after 3 days: not a case, but its decision time counts
    d = app("丁", "2026-03-10")
    county_decides(station, d, "refuse", "2026-03-13", {"reasons": ["不符合条件"]})
    # E: granted, never assigned: overdue since 2026-04-06
    e = app("戊", "2026-04-01")
    county_decides(station, e, "grant", "2026-04-03")
    # F: received, no decision for weeks: overdue
    app("己", "2026-06-01")
    # G: received last year, closed this half-year by the county (no closure report), litigation per application
    g = app("庚", "2025-11-20", litigation=True, case_type="civil", aid_kind="litigation")
    for kind, day in (("grant", "2025-11-22"), ("assign", "2025-11-23"), ("close", "2026-02-15")):
        county_decides(station, g, kind, day, FIRM if kind == "assign" else {"result": "胜诉"} if kind == "close" else None)
    # H: voided: nowhere
    h = app("辛", "2026-02-02")
    store.void("application", ids["辛"], "重复登记", user="李明")
    del h
    return ids


def names(figure, ids) -> tuple[set[str], set[str]]:
    by_id = {v: k for k, v in ids.items()}
    return {by_id[i] for i in figure.records}, {by_id[i] for i in figure.base}


def test_each_figure_is_the_known_count_of_known_records(station, known):
    cases = load_station_cases(station.db, "TS01", "测试镇")
    found = figures(cases, H1, population=20_000, today=TODAY)
    cases_h1 = {"甲", "乙", "丙", "戊", "己"}
    assert names(found[ind.CASES], known) == (cases_h1, set())
    # 5 cases in half a year for 20,000 residents: 2.5 per 10,000, 5.03 over a year
    assert found[ind.CASES_PER_10K].value == pytest.approx(5 * 10_000 / 20_000 * 365 / 181)
    assert found[ind.CASES_PER_10K].met is False and found[ind.CASES_PER_10K].target.value == 12
    assert names(found[ind.CRIMINAL_SHARE], known) == ({"甲"}, cases_h1)
    assert found[ind.CRIMINAL_SHARE].value == pytest.approx(20.0) and found[ind.CRIMINAL_SHARE].met is True
    closed = {"甲", "乙", "丙", "庚"}
    assert names(found[ind.LITIGATION_SHARE], known) == ({"甲", "丙", "庚"}, closed)
    assert found[ind.LITIGATION_SHARE].value == pytest.approx(75.0)
    assert names(found[ind.LAW_FIRM_SHARE], known) == ({"甲", "丙"}, {"甲", "乙", "丙"})
    assert names(found[ind.COURT_ATTENDANCE_SHARE], known) == ({"甲"}, {"甲", "丙"})
    assert found[ind.COURT_ATTENDANCE_SHARE].value == pytest.approx(50.0)
    assert names(found[ind.CLOSING_RATE], known) == ({"甲", "乙", "丙"}, cases_h1)
    assert names(found[ind.FOLLOW_UP_RATE], known) == ({"甲"}, closed)
    assert found[ind.DAYS_TO_DECIDE].value == pytest.approx((2 + 4 + 6 + 3 + 2) / 5)
    assert names(found[ind.DAYS_TO_DECIDE], known)[0] == {"甲", "乙", "丙", "丁", "戊"}
    assert found[ind.DAYS_TO_ASSIGN].value == pytest.approx((1 + 3 + 2) / 3)
    # 戊 waits for its assignment, 己 for its decision; 乙 and 丙 closed without the follow-up visit due 30 days later
    assert names(found[ind.OVERDUE_CASES], known) == ({"乙", "丙", "戊", "己"}, set())


def test_the_reference_dialogs_township_figure_counts_the_cases_as_the_measures_do(station, known):
    """工具 → 县中心名册与指标 and 统计报表's 本年 give one figure: 2026's cases to 1 July are 甲乙丙戊己 (丁 refused,
    辛 voided, 庚 received in 2025), 5 for 20,000 residents in 182 days: 5.01 per 10,000 as a year, 24 needed for
    12 in the whole year."""
    indicator = plan_counts.township_indicator(station.db, "测试镇", 20_000, 2026, TODAY)
    assert (indicator.cases, indicator.target_cases, indicator.reached) == (5, 24, False)
    assert indicator.per_10k == pytest.approx(2.5 * 365 / 182)
    this_year = Period(date(2026, 1, 1), TODAY)
    assert indicator.period == this_year
    year = figures(load_station_cases(station.db, "TS01", "测试镇"), this_year, 20_000, TODAY)
    assert names(year[ind.CASES], known)[0] == {"甲", "乙", "丙", "戊", "己"}
    assert year[ind.CASES_PER_10K].value == indicator.per_10k
    assert plan_counts.figures(station.db, this_year, 20_000, TODAY)[ind.CASES_PER_10K].value == indicator.per_10k
    assert plan_counts.township_indicator(station.db, "测试镇", None, 2026, TODAY).per_10k is None
    past = plan_counts.township_indicator(station.db, "测试镇", 20_000, 2025, TODAY)  # a past year: all of it
    assert past.period == Period.year(2025) and past.cases == 1


def test_without_a_population_the_rate_is_not_measured_and_an_empty_period_measures_nothing(station, known):
    cases = load_station_cases(station.db, "TS01", "测试镇")
    assert figures(cases, H1, population=None, today=TODAY)[ind.CASES_PER_10K].value is None
    empty = figures(cases, Period(date(2024, 1, 1), date(2024, 12, 31)), population=20_000, today=TODAY)
    assert empty[ind.CRIMINAL_SHARE].value is None and empty[ind.CASES].value == 0


def test_the_monthly_trend_adds_up_to_the_period(station, known):
    cases = load_station_cases(station.db, "TS01", "测试镇")
    months = monthly(cases, H1, ind.CASES, 20_000, TODAY)
    assert [m.start.month for m, _ in months] == [1, 2, 3, 4, 5, 6]
    assert [int(f.value) for _, f in months] == [1, 1, 1, 1, 0, 1]


def test_periods_and_months():
    assert Period.year(2024).days == 366
    assert [(p.start.isoformat(), p.end.isoformat()) for p in Period(date(2026, 1, 20), date(2026, 3, 5)).months()] \
        == [("2026-01-20", "2026-01-31"), ("2026-02-01", "2026-02-28"), ("2026-03-01", "2026-03-05")]


@pytest.mark.parametrize("at", ["2026-03-05T17:30:00+00:00", "2026-03-05T15:59:59+00:00", "2026-12-31T16:00:00Z",
                                "2026-03-05T10:00:00+08:00", "2026-03-05T10:00", "2026-03-05"])
def test_the_county_day_in_sql_is_the_county_day(at):
    """The measures read the county's days in SQL (one pass over 200,000 records' decisions); the same days."""
    import sqlite3

    from desktop.records.deadlines import county_day

    day = sqlite3.connect(":memory:").execute(f"SELECT {COUNTY_DAY_SQL} FROM (SELECT ? AS decided_at)",
                                              (at,)).fetchone()[0]
    assert date.fromisoformat(day) == county_day(at)


def test_a_refusal_the_justice_bureau_ordered_corrected_and_then_granted_is_a_case(station):
    """Art. 49: once the center grants after a correction, the application is a case like any granted one."""
    saved = station.store.save("application", application(received_at="2026-03-01T09:00", name="壬"), user="李明")
    county_decides(station, saved.number, "refuse", "2026-03-04", {"reasons": ["不符合条件"]})
    [case] = load_station_cases(station.db, "TS01", "测试镇")
    assert case.settle().refused
    county_decides(station, saved.number, "objection", "2026-04-01", {"answer": "责令改正", "outcome": "corrected"})
    county_decides(station, saved.number, "grant", "2026-04-03")
    [case] = load_station_cases(station.db, "TS01", "测试镇")
    case.settle()
    assert not case.refused and case.decided_on == date(2026, 3, 4) and case.granted_on == date(2026, 4, 3)
    found = figures(load_station_cases(station.db, "TS01", "测试镇"), H1, population=10_000, today=TODAY)
    assert found[ind.CASES].records == (saved.id,)
