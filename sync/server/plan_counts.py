"""The plan's measures counted in SQL over `plan_rows` (the index lane's settled cases, sync/server/indexes.py): the
same figures as desktop/records/indicators.py's `figures` computes from the cases, without building a case per
row or a figure's list of ids. A figure's cases are read only when it is opened, a page at a time (`figure_page`),
by the same conditions that counted them.

Each measure is a condition on a case for its numerator and one for its denominator (`MEASURED`), written once
in desktop/records/measure_sql.py (the station counts its own cases by the same conditions); a period's rows are counted by station in one pass, and a township or the county adds its stations up.
The index lane must have caught up first (indexes.catch_up): the callers do, before they read.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from desktop.records.indicators import Figure, Period
from desktop.records.measure_sql import IN_PERIOD, KEYS, Tally, columns, params, wanted
from desktop.records.measure_sql import MEASURED as MEASURED  # measures.py reads it here


def _scope(stations: Iterable[str] | None, values: dict[str, Any]) -> str:
    if stations is None:
        return ""
    names = sorted(stations)
    values.update({f"s{i}": code for i, code in enumerate(names)})
    return " AND p.station IN (" + ", ".join(f":s{i}" for i in range(len(names))) + ")"


def tallies(conn, period: Period, today: date, stations: Iterable[str] | None = None,
            keys: tuple[str, ...] = KEYS) -> dict[str, Tally]:
    """The period's counts by station (of these stations only, if given; of these measures only, the others 0): one
    pass over the period's rows."""
    values = params(period, today)
    sql = (f"SELECT p.station, {columns(keys)} FROM plan_rows p WHERE {IN_PERIOD}{_scope(stations, values)} "
           "GROUP BY p.station")
    return {station: Tally().read(counts, keys) for station, *counts in conn.execute(sql, values)}


def summed(found: Iterable[Tally]) -> Tally:
    """The counts of several places together (a township's stations, the county's)."""
    out = Tally()
    for tally in found:
        out.add(tally)
    return out


def monthly(conn, period: Period, key: str, population: int | None, today: date,
            stations: Iterable[str] | None = None) -> list[tuple[Period, Figure]]:
    """One measure month by month over the period (indicators.monthly: each month measured on its own rows)."""
    chosen = None if stations is None else list(stations)
    return [(month, summed(tallies(conn, month, today, chosen, (key,)).values()).figures(month, population)[key])
            for month in period.months()]


def figure_page(conn, period: Period, today: date, key: str, stations: Iterable[str] | None, first: int,
                size: int) -> list[tuple[Any, ...]]:
    """Rows `first`..`first + size` of the applications behind a figure: those it counted, then those it is a share
    of and did not count, each in the order the county received them: (application id, station, received, case
    type, counted, number, name, status) — the last three from the queue's row of the application."""
    part, rows_of = wanted(key)
    values = params(period, today)
    # the page is chosen on plan_rows alone; only its rows are joined to the queue's (whose items are decoded)
    sql = ("SELECT p.application_id, p.station, p.received, p.case_type, page.counted, "
           "json_extract(q.item, '$.number'), json_extract(q.item, '$.name'), q.status "
           f"FROM (SELECT p.record_rowid, CASE WHEN {part} THEN 1 ELSE 0 END AS counted FROM plan_rows p "
           f"WHERE {IN_PERIOD} AND {rows_of}{_scope(stations, values)} "
           "ORDER BY counted DESC, p.record_rowid LIMIT :size OFFSET :first) page "
           "JOIN plan_rows p ON p.record_rowid = page.record_rowid "
           "LEFT JOIN queue_rows q ON q.record_rowid = page.record_rowid ORDER BY page.counted DESC, page.record_rowid")
    values.update(size=size, first=first)
    return [tuple(row) for row in conn.execute(sql, values)]
