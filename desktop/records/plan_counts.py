"""The station's measures counted in SQL over its settled rows (`plan_rows`, kept by plan_rows.py in every write
transaction): the figures indicators.figures computes from the cases, by the conditions the county counts with
too (measure_sql.py), without building a case per application. A figure's records are read only when it is
opened, a page at a time (`figure_page`), by the same conditions that counted them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import indicators as ind
from .indicators import Figure, Period, TownshipIndicator
from .measure_sql import IN_PERIOD, KEYS, MEASURED, Tally, columns, params, wanted


def tally(db, period: Period, today: date, keys: tuple[str, ...] = KEYS) -> Tally:
    """The period's counts (of these measures only, the others 0): one pass over the period's rows."""
    sql = f"SELECT {columns(keys)} FROM plan_rows p WHERE {IN_PERIOD}"
    return Tally().read(db.execute(sql, params(period, today)).fetchone(), keys)


def figures(db, period: Period, population: int | None, today: date) -> dict[str, Figure]:
    """Every measure of the station over `period`; `population`: its township's registered residents."""
    return tally(db, period, today).figures(period, population)


def monthly(db, period: Period, key: str, population: int | None, today: date) -> list[tuple[Period, Figure]]:
    """One measure month by month over the period (indicators.monthly: each month measured on its own rows)."""
    return [(month, tally(db, month, today, (key,)).figures(month, population)[key]) for month in period.months()]


def township_indicator(db, township: str, population: int | None, year: int, today: date) -> TownshipIndicator:
    """The §3 indicator of this station's township in `year` up to `today` (the county's population for it, if
    given): the cases as the measures count them (ind.CASES), from the settled rows, over 统计报表's 本年."""
    through = min(today, date(year, 12, 31))
    cases = tally(db, Period(date(year, 1, 1), through), today, (ind.CASES,)).counts[ind.CASES][0]
    return TownshipIndicator(township, year, cases, population, ind.plan_targets()[ind.CASES_PER_10K].value, through)


def listed(figure: Figure) -> int:
    """How many records a figure's list holds: those it is a share of, else those it counted."""
    return figure.of if MEASURED[figure.key][1] is not None else figure.counted


def figure_page(db, period: Period, today: date, key: str, first: int, size: int) -> list[tuple[Any, ...]]:
    """Rows `first`..`first + size` of the applications behind a figure: those it counted, then those it is a share
    of and did not count, each in the order the station recorded them: (id, number, name, received, case type,
    status, counted)."""
    part, rows_of = wanted(key)
    values: dict[str, Any] = {**params(period, today), "size": size, "first": first}
    # the page is chosen on plan_rows alone; only its rows are joined to their applications
    sql = ("SELECT a.id, a.number, a.person_name, a.received_at, a.case_type, a.status, page.counted "
           f"FROM (SELECT p.record_rowid, CASE WHEN {part} THEN 1 ELSE 0 END AS counted FROM plan_rows p "
           f"WHERE {IN_PERIOD} AND {rows_of} ORDER BY counted DESC, p.record_rowid LIMIT :size OFFSET :first) page "
           "JOIN applications a ON a.rownum = page.record_rowid ORDER BY page.counted DESC, page.record_rowid")
    return [tuple(row) for row in db.execute(sql, values)]
