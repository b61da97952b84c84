"""The plan's measures in the county workspace (issue 14): the station's computation (desktop/records/indicators.py)
over every station's cases (plan.CountySource), county-wide, per township and per station, a month-by-month
trend, and the list of applications behind any figure; the reports the county CLI writes, as a file.

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
from desktop.records.indicators import Figure, Period, PlanCase
from sync.limits import MAX_MEASURE_DAYS, MAX_QUEUE_PAGE, MAX_REPORT_BYTES
from sync.protocol import EVENT_KINDS
from sync.server.county_key import COUNTY_CENTER
from sync.server.errors import CountyError
from sync.server.plan import CountySource, county_report

MEASURES = (ind.CASES_PER_10K, ind.CRIMINAL_SHARE, ind.LITIGATION_SHARE, ind.LAW_FIRM_SHARE,
            ind.COURT_ATTENDANCE_SHARE, ind.CLOSING_RATE, ind.FOLLOW_UP_RATE, ind.DAYS_TO_DECIDE, ind.DAYS_TO_ASSIGN,
            ind.OVERDUE_CASES, ind.CASES)
BAD_PERIOD = QT_TRANSLATE_NOOP("County", "The period must start on or before its last day and span at most {days} "
                                         "days.")
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
    return Period(start, end)


class CountyMeasures:
    """Every station's cases read once, measured for a period and a scope."""

    def __init__(self, store):
        self.source = CountySource(store.conn(), COUNTY_CENTER)
        self.cases = self.source.plan_cases()
        self.stations = self.source.stations()
        self.populations: dict[str, int | None] = dict(
            store.conn().execute("SELECT name, registered_population FROM townships"))
        # each place's cases, sorted out once (not one pass over every case per place)
        self.by_station = ind.by_group(self.cases, lambda c: c.station)
        self.by_township = ind.by_group(self.cases, lambda c: c.township)

    def townships(self) -> list[str]:
        return sorted({township for _name, township in self.stations.values()})

    def in_scope(self, scope: Scope) -> tuple[list[PlanCase], int | None]:
        """The scope's cases and the registered population it is measured against (a station's: its township's;
        the county's: every township's, when the county gave each of them)."""
        if scope.station is not None:
            if scope.station not in self.stations:
                raise CountyError(f"no station {scope.station[:20]!r}", NO_SCOPE)
            township = self.stations[scope.station][1]
            return self.by_station.get(scope.station, []), self.populations.get(township)
        if scope.township is not None:
            if scope.township not in self.townships():
                raise CountyError(f"no township {scope.township[:30]!r}", NO_SCOPE)
            return self.by_township.get(scope.township, []), self.populations.get(scope.township)
        every = [self.populations.get(t) for t in self.townships()]
        return self.cases, (sum(p for p in every if p) if every and all(every) else None)

    def figures(self, scope: Scope, period: Period, today: date) -> dict[str, Figure]:
        cases, population = self.in_scope(scope)
        return ind.figures(cases, period, population, today)


def _figure(figure: Figure) -> dict[str, Any]:
    target = figure.target
    return {"value": figure.value, "counted": len(figure.records), "of": len(figure.base), "unit": figure.unit,
            "target": None if target is None else target.value, "at_least": None if target is None else target.at_least,
            "met": figure.met}


def _shown(found: dict[str, Figure]) -> dict[str, Any]:
    return {key: _figure(found[key]) for key in MEASURES}


def overview(store, start: date, end: date, chart: str, scope: Scope, today: date) -> dict[str, Any]:
    """The measures of the period county-wide (or of `scope`), by township and by station, and the chart: the
    `chart` measure month by month in the scope, and by township."""
    period = checked_period(start, end)
    measures = CountyMeasures(store)
    shown = measures.figures(scope, period, today)
    townships = []
    for name in measures.townships():
        found = measures.figures(Scope(township=name), period, today)
        townships.append({"name": name, "population": measures.populations.get(name), "figures": _shown(found)})
    stations = []
    for code, (name, township) in sorted(measures.stations.items()):
        found = measures.figures(Scope(station=code), period, today)
        stations.append({"code": code, "name": name, "township": township, "figures": _shown(found)})
    cases, population = measures.in_scope(scope)
    months = ind.monthly(cases, period, chart, population, today)
    return {"from": period.start.isoformat(), "to": period.end.isoformat(), "figures": _shown(shown),
            "townships": townships, "stations": stations, "chart": chart,
            "months": [[month.start.strftime("%Y-%m"), figure.value] for month, figure in months]}


def figure_records(store, start: date, end: date, key: str, scope: Scope, page: int, today: date) -> dict[str, Any]:
    """One page of the applications behind a figure: those it counted, then those it is a share of and did not
    count (`counted` says which), each as the queue shows an application."""
    period = checked_period(start, end)
    measures = CountyMeasures(store)
    figure = measures.figures(scope, period, today)[key]
    counted = set(figure.records)
    by_id = {c.id: c for c in measures.cases}
    ids = list(figure.records) + [i for i in figure.base if i not in counted]
    first = (page - 1) * MAX_QUEUE_PAGE
    items = []
    for record_id in ids[first:first + MAX_QUEUE_PAGE]:
        case = by_id[record_id]
        status = next((EVENT_KINDS[d.kind] for d in reversed(case.facts.decisions) if EVENT_KINDS.get(d.kind)),
                      None) or "received"
        items.append({"application_id": record_id, "number": case.facts.number, "name": case.facts.name,
                      "station": case.station, "station_name": measures.stations.get(case.station, ("", ""))[0],
                      "township": case.township, "received": case.facts.received.isoformat(),
                      "case_type": case.case_type, "status": status, "counted": record_id in counted})
    return {"items": items, "total": len(ids), "counted": len(figure.records), "of": len(figure.base),
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
