"""The county's side of the plan's measures and reports (issue 14): the same `PlanCase` rows, reports and
deadlines as a station's (desktop/records/indicators.py, reports.py, deadlines.py), over every station's records
in county.db, with townships' registered population from the county's reference data.

`python -m sync.server report KIND --from D --to D -o FILE` writes them for scheduled tasks; the county
workspace (issue 12) shows the same views.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

from desktop.records.deadlines import county_day_sql
from desktop.records.indicators import Figure, Period
from desktop.records.measure_sql import month_counts
from desktop.records.queries import LIST_COLUMNS, TIME_COLUMN
from desktop.records.reports import T_PERIOD, Report, build, list_report, say
from sync.server.complaint_handling import county_answers
from sync.server import plan_counts
from sync.server.indexes import catch_up


def period_query(record_type: str, by_channel: bool = False) -> str:
    """The SELECT of a type's live records in a period [?, ?) (and by a channel ?), oldest first. The type and the
    time's JSON path are literals (ours: TIME_COLUMN's keys), so the statement is the partial expression index's
    own (records_consultation_time) where there is one."""
    time = f"json_extract(data, '$.{TIME_COLUMN[record_type]}')"
    # without statistics the planner prefers the primary key's equal record_type, reading every consultation
    indexed = " INDEXED BY records_consultation_time" if record_type == "consultation" else ""
    channel = " AND json_extract(data, '$.channel') = ?" if by_channel else ""
    return (f"SELECT record_id, data FROM records{indexed} WHERE record_type = '{record_type}' AND voided = 0 "
            f"AND {time} >= ? AND {time} < ?{channel} ORDER BY {time}, rowid")


COUNTY_REFUSALS = f"SELECT application_id, {county_day_sql('at')} AS day FROM events WHERE kind = 'refuse'"


@dataclass
class CountySource:
    """county.db as a report source: every station's records, the county's decisions, the townships."""

    conn: Any
    name: str
    _stations: dict[str, tuple[str, str]] = field(default_factory=dict)

    def stations(self) -> dict[str, tuple[str, str]]:
        """code -> (name, township)."""
        if not self._stations:
            self._stations = {code: (name, township) for code, name, township in
                              self.conn.execute("SELECT code, name, township FROM stations")}
        return self._stations

    def _in_period(self, record_type: str, period: Period, channel: str | None = None):
        """(record_id, data) of the live records of a type whose time falls in the period, oldest first: filtered in
        SQL (a consultation's time is indexed: a quarter of a million-record county reads that quarter only), each
        match decoded once."""
        start, end = period.start.isoformat(), (period.end + timedelta(days=1)).isoformat()
        parameters = (start, end) if channel is None else (start, end, channel)
        for record_id, data in self.conn.execute(period_query(record_type, channel is not None), parameters):
            yield record_id, json.loads(data)

    def records(self, record_type: str, period: Period, channel: str | None = None) -> list[dict[str, Any]]:
        found = [d for _, d in self._in_period(record_type, period, channel)]
        if record_type == "complaint":  # the center's answers count as the stations' do
            found = county_answers(self.conn, found)
        return found

    def month_counts(self, period: Period) -> dict[tuple[str, str, str], int]:
        """The CASE-STATISTICS counts of the period over every station's settled rows, the index lane caught up."""
        catch_up(self.conn)
        return month_counts(self.conn, period, COUNTY_REFUSALS)

    def populations(self) -> dict[str, int | None]:
        """Each township's registered population, as the county gave it."""
        return dict(self.conn.execute("SELECT name, registered_population FROM townships"))

    def townships(self) -> list[str]:
        """The county's townships: those it gave a population (its reference data, every township of the county,
        with a station enrolled or not: §3 is per registered resident of the county) and its stations'."""
        return sorted({name for (name,) in self.conn.execute("SELECT name FROM townships")}
                      | {township for _name, township in self.stations().values()})

    def population_of(self, townships: list[str]) -> int | None:
        """The registered residents of these townships: None unless the county gave every one."""
        populations = self.populations()
        return sum(populations[t] for t in townships) if townships and all(populations.get(t) for t in townships) \
            else None

    def tallies(self, period: Period, today: date) -> dict[str, plan_counts.Tally]:
        """The period's counts by station (plan_counts.py), the index lane caught up first."""
        catch_up(self.conn)
        return plan_counts.tallies(self.conn, period, today)

    def scope_stations(self, township: str | None = None, station: str | None = None) -> list[str] | None:
        """The stations a scope covers: one, a township's, or None for every one (the whole county)."""
        if station is not None:
            return [station]
        if township is not None:
            return [code for code, (_name, place) in self.stations().items() if place == township]
        return None

    def scope_figures(self, by_station: dict[str, plan_counts.Tally], period: Period, township: str | None = None,
                      station: str | None = None) -> dict[str, Figure]:
        """The figures of a scope from the period's counts by station, measured against the registered population
        of its townships (a station's: its township's)."""
        codes = self.scope_stations(township, station)
        found = plan_counts.summed(by_station.values() if codes is None else
                                   (by_station[c] for c in codes if c in by_station))
        if station is not None:
            places = [self.stations()[station][1]] if station in self.stations() else []
        else:
            places = [township] if township is not None else self.townships()
        return found.figures(period, self.population_of(places))

    def figures(self, period: Period, today: date, township: str | None = None) -> dict[str, Figure]:
        """The plan's measures of the period (indicators.figures' figures, counted in SQL over `plan_rows`),
        county-wide or of one township, with the registered population of its townships."""
        catch_up(self.conn)
        counts = plan_counts.tallies(self.conn, period, today, self.scope_stations(township))
        return self.scope_figures(counts, period, township)

    def place_figures(self, period: Period, today: date) -> tuple[dict[str, Figure], dict[str, dict[str, Figure]]]:
        """The measures over every township together, and each township's (the INDICATORS report)."""
        by_station = self.tallies(period, today)
        townships = self.townships()
        known = plan_counts.summed(by_station[c] for c in self.stations() if c in by_station)
        return known.figures(period, self.population_of(townships)), \
            {t: self.scope_figures(by_station, period, township=t) for t in townships}

    def list_rows(self, record_type: str, period: Period) -> list[list[Any]]:
        """A list's columns (queries.LIST_COLUMNS) for every station's records in the period."""
        found = list(self._in_period(record_type, period))
        names = self._names({r.get("application_id") for _, r in found} - {None})
        status = self._statuses([record_id for record_id, _ in found])
        if record_type == "complaint":  # with the center's answers, as the half-yearly report counts them
            found = list(zip((i for i, _ in found), county_answers(self.conn, [d for _, d in found])))
        rows = []
        for record_id, record in found:
            values = []
            for column in LIST_COLUMNS[record_type]:
                if column == "person_name":
                    values.append(record.get("name") or names.get(record.get("application_id"), "")
                                  or record.get("complainant") or record.get("title") or "")
                elif column == "status":
                    values.append(status.get(record_id, "recorded"))
                elif column == "litigation":
                    values.append(bool(record.get("litigation_case")))
                elif column == "satisfaction" and record_type == "complaint":
                    values.append(record.get("complainant_satisfaction"))
                else:
                    values.append(record.get(column))
            rows.append(values)
        return rows


    def live(self, record_type: str, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            found.update(row[0] for row in self.conn.execute(
                f"SELECT record_id FROM records WHERE record_type = ? AND voided = 0 AND record_id IN "
                f"({', '.join('?' * len(chunk))})", (record_type, *chunk)))
        return found

    def _names(self, application_ids: Iterable[Any]) -> dict[str, str]:
        """The applicant's name of each live application among these ids (a closure's or follow-up's case)."""
        found: dict[str, str] = {}
        for chunk in _chunks([i for i in application_ids if isinstance(i, str)]):
            found.update(self.conn.execute(
                "SELECT record_id, coalesce(json_extract(data, '$.name'), '') FROM records WHERE record_type = "
                f"'application' AND voided = 0 AND record_id IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def _statuses(self, record_ids: list[str]) -> dict[str, str]:
        """The latest status the county's decisions gave each of these records (by events_by_application)."""
        found: dict[str, str] = {}
        for chunk in _chunks(record_ids):
            found.update(self.conn.execute(
                f"SELECT application_id, status FROM events WHERE application_id IN ({', '.join('?' * len(chunk))}) "
                "AND status IS NOT NULL ORDER BY seq", chunk))
        return found


def _chunks(values: list[Any], size: int = 500) -> Iterable[list[Any]]:
    """Within SQLite's bound on a statement's variables."""
    return (values[start:start + size] for start in range(0, len(values), size))


def county_report(store, args: argparse.Namespace, today: date | None = None) -> Report:
    from desktop.report_cli import period_of
    from sync.server.county_key import COUNTY_CENTER

    period = period_of(args)
    source = CountySource(store.conn(), COUNTY_CENTER)
    if args.kind == "LIST":
        return list_report(args.record_type, source.name, say(T_PERIOD, scope=source.name,
                                                              start=period.start.isoformat(),
                                                              end=period.end.isoformat()),
                           source.list_rows(args.record_type, period))
    return build(args.kind, source, period, today or date.today())


def report_command(store, args: argparse.Namespace) -> int:
    from desktop.report_cli import deliver
    from forms.context import RenderContext

    return deliver(lambda: county_report(store, args), args, RenderContext())
