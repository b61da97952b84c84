"""The plan's measures in the county workspace (issue 14): the station's measures (desktop/records/indicators.py),
counted in SQL over every station's settled cases (plan.CountySource, plan_counts.py), county-wide, per township
and per station, a month-by-month trend, and the list of applications behind any figure; the reports the county
CLI writes, as a file.

A figure travels as its value and its counts, never its ids: the records behind it are asked for a page at a time
(`figure_records`), computed again the same way, so the list is exactly what the number counted.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from desktop.records import indicators as ind
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.indicators import Figure, Period
from sync.limits import MAX_MEASURE_DAYS, MAX_QUEUE_PAGE, MAX_REPORT_BYTES
from sync.server.county_key import COUNTY_CENTER
from sync.server.errors import CountyError
from sync.server import plan_counts
from sync.server.indexes import catch_up
from sync.server.plan import CountySource, county_report

MEASURES = (ind.CASES_PER_10K, ind.CRIMINAL_SHARE, ind.LITIGATION_SHARE, ind.LAW_FIRM_SHARE,
            ind.COURT_ATTENDANCE_SHARE, ind.CLOSING_RATE, ind.FOLLOW_UP_RATE, ind.DAYS_TO_DECIDE, ind.DAYS_TO_ASSIGN,
            ind.OVERDUE_CASES, ind.CASES)
BAD_PERIOD = QT_TRANSLATE_NOOP("County", "The period must start on or before its last day and span at most {days} "
                                         "days.")
PERIOD_YEARS = QT_TRANSLATE_NOOP("County", "The period must lie between the years {first} and {last}.")
FIRST_YEAR, LAST_YEAR = 2000, 2099  # the plan's records; a year beyond is a typing error
NO_SCOPE = QT_TRANSLATE_NOOP("County", "There is no such township or station at the county.")
REPORT_TOO_LARGE = QT_TRANSLATE_NOOP("County", "The report would be larger than {most} MB: choose a shorter period.")


@dataclass(frozen=True)
class Scope:
    """What a figure covers: the whole county, one township (`township`) or one station (`station`)."""

    township: str | None = None
    station: str | None = None


def checked_period(start: date, end: date) -> Period:
    if end < start or (end - start).days + 1 > MAX_MEASURE_DAYS:
        raise CountyError(f"bad period {start}..{end}", BAD_PERIOD, {"days": MAX_MEASURE_DAYS})
    if not (FIRST_YEAR <= start.year and end.year <= LAST_YEAR):  # (9999-12-31's next day overflowed: a 500)
        raise CountyError(f"period {start}..{end} out of range", PERIOD_YEARS, {"first": FIRST_YEAR, "last": LAST_YEAR})
    return Period(start, end)


class CountyMeasures:
    """The county's counts over `plan_rows` (plan.CountySource, plan_counts.py), measured for a period and a scope."""

    def __init__(self, store):
        self.source = CountySource(store.conn(), COUNTY_CENTER)
        self.stations = self.source.stations()
        self.populations = self.source.populations()

    def townships(self) -> list[str]:
        return self.source.townships()

    def check(self, scope: Scope) -> Scope:
        if scope.station is not None and scope.station not in self.stations:
            raise CountyError(f"no station {scope.station[:20]!r}", NO_SCOPE)
        if scope.station is None and scope.township is not None and scope.township not in self.townships():
            raise CountyError(f"no township {scope.township[:30]!r}", NO_SCOPE)
        return scope

    def population(self, scope: Scope) -> int | None:
        """The registered population a scope is measured against (a station's: its township's; the county's: every
        township's, when the county gave each of them)."""
        if scope.station is not None:
            return self.populations.get(self.stations[scope.station][1])
        return self.source.population_of([scope.township] if scope.township is not None else self.townships())

    def figures(self, counts: dict[str, plan_counts.Tally], scope: Scope, period: Period) -> dict[str, Figure]:
        return self.source.scope_figures(counts, period, scope.township, scope.station)


def _figure(figure: Figure) -> dict[str, Any]:
    target = figure.target
    return {"value": figure.value, "counted": figure.counted, "of": figure.of, "unit": figure.unit,
            "target": None if target is None else target.value, "at_least": None if target is None else target.at_least,
            "met": figure.met}


def _shown(found: dict[str, Figure]) -> dict[str, Any]:
    return {key: _figure(found[key]) for key in MEASURES}


def overview(store, start: date, end: date, chart: str, scope: Scope, today: date) -> dict[str, Any]:
    """The measures of the period county-wide (or of `scope`), by township and by station, and the chart: the
    `chart` measure month by month in the scope. The period is counted once, by station; places add them up."""
    period = checked_period(start, end)
    measures = CountyMeasures(store)
    measures.check(scope)
    counts = measures.source.tallies(period, today)
    shown = measures.figures(counts, scope, period)
    townships = []
    for name in measures.townships():
        found = measures.figures(counts, Scope(township=name), period)
        townships.append({"name": name, "population": measures.populations.get(name), "figures": _shown(found)})
    stations = []
    for code, (name, township) in sorted(measures.stations.items()):
        found = measures.figures(counts, Scope(station=code), period)
        stations.append({"code": code, "name": name, "township": township, "figures": _shown(found)})
    months = plan_counts.monthly(store.conn(), period, chart, measures.population(scope), today,
                                 measures.source.scope_stations(scope.township, scope.station))
    return {"from": period.start.isoformat(), "to": period.end.isoformat(), "figures": _shown(shown),
            "townships": townships, "stations": stations, "chart": chart,
            "months": [[month.start.strftime("%Y-%m"), figure.value] for month, figure in months]}


def figure_records(store, start: date, end: date, key: str, scope: Scope, page: int, today: date) -> dict[str, Any]:
    """One page of the applications behind a figure: those it counted, then those it is a share of and did not
    count (`counted` says which), each as the queue shows an application; read by the conditions that counted
    them (plan_counts.figure_page), so the list is exactly what the number counted."""
    period = checked_period(start, end)
    measures = CountyMeasures(store)
    measures.check(scope)
    stations = measures.source.scope_stations(scope.township, scope.station)
    catch_up(store.conn())
    count = plan_counts.summed(plan_counts.tallies(store.conn(), period, today, stations, keys=(key,)).values())
    part, whole, _days = count.counts[key]
    total = whole if plan_counts.MEASURED[key][1] is not None else part
    items = []
    for record_id, station, received, case_type, counted, number, name, status in plan_counts.figure_page(
            store.conn(), period, today, key, stations, (page - 1) * MAX_QUEUE_PAGE, MAX_QUEUE_PAGE):
        station_name, township = measures.stations.get(station, ("", ""))
        items.append({"application_id": record_id, "number": number or "", "name": name or "", "station": station,
                      "station_name": station_name, "township": township, "received": received,
                      "case_type": case_type, "status": status or "received", "counted": bool(counted)})
    return {"items": items, "total": total, "counted": part, "of": whole,
            "page": page, "page_size": MAX_QUEUE_PAGE}


def report_file(store, kind: str, start: date, end: date, fmt: str, record_type: str) -> bytes:
    """The report `python -m sync.server report` writes, as the file's bytes (PDF, Excel or CSV), built here on the
    server: one implementation for the command line and the workspace; refused beyond MAX_REPORT_BYTES."""
    from desktop.report_cli import write_report
    from forms.context import RenderContext

    checked_period(start, end)
    args = argparse.Namespace(kind=kind, record_type=record_type, date_from=start, date_to=end)
    report = county_report(store, args)
    with tempfile.TemporaryDirectory(prefix="report-") as folder:
        path = Path(folder) / f"report.{fmt}"
        write_report(report, path, fmt, RenderContext())
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise CountyError("report too large", REPORT_TOO_LARGE, {"most": MAX_REPORT_BYTES // (1024 * 1024)})
        return path.read_bytes()
