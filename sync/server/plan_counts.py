"""The plan's measures counted in SQL over `plan_rows` (the index lane's settled cases, sync/server/indexes.py): the
same figures as desktop/records/indicators.py's `figures` computes from the cases, without building a case per
row or a figure's list of ids. A figure's cases are read only when it is opened, a page at a time (`figure_page`),
by the same conditions that counted them.

Each measure is a condition on a case for its numerator and one for its denominator (`MEASURED`), written once
here; a period's rows are counted by station in one pass, and a township or the county adds its stations up.
The index lane must have caught up first (indexes.catch_up): the callers do, before they read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from desktop.records import indicators as ind
from desktop.records.indicators import Figure, Period, Target

# a period's rows: received in it, or closed in it and received by its end (all a period's measures count)
IN_PERIOD = "(p.received BETWEEN :start AND :end OR p.closed_on BETWEEN :start AND :end AND p.received <= :end)"
RECEIVED = "p.received BETWEEN :start AND :end"
COUNTED = f"({RECEIVED} AND p.refused = 0)"  # indicators.counted_cases
CLOSED = "(p.closed_on BETWEEN :start AND :end AND p.received <= :end AND p.refused = 0)"
ASSIGNED = f"({COUNTED} AND p.assigned_on IS NOT NULL)"
HEARD = f"({CLOSED} AND (p.heard_in_court OR p.attended))"
LAW_FIRM = "p.assignee_kind IN (" + ", ".join(f"'{kind}'" for kind in ind.LAW_FIRM_KINDS) + ")"
DECIDED = f"({RECEIVED} AND p.decided_on IS NOT NULL)"
GRANTED_AND_ASSIGNED = f"({COUNTED} AND p.granted_on IS NOT NULL AND p.assigned_on IS NOT NULL)"
# a deadline passed today, unless refused or closed and followed up (their deadlines are over)
LATE = f"({RECEIVED} AND p.refused = 0 AND NOT (p.followed_up AND p.closed_on IS NOT NULL) AND p.open_due < :today)"

# key -> (numerator, denominator or None for a count or an average, days averaged or None)
MEASURED: dict[str, tuple[str, str | None, str | None]] = {
    ind.CASES: (COUNTED, None, None),
    ind.CASES_PER_10K: (COUNTED, None, None),
    ind.CRIMINAL_SHARE: (f"({COUNTED} AND p.case_type = 'criminal')", COUNTED, None),
    ind.LITIGATION_SHARE: (f"({CLOSED} AND p.litigation)", CLOSED, None),
    ind.LAW_FIRM_SHARE: (f"({ASSIGNED} AND {LAW_FIRM})", ASSIGNED, None),
    ind.COURT_ATTENDANCE_SHARE: (f"({HEARD} AND p.attended)", HEARD, None),
    ind.CLOSING_RATE: (f"({COUNTED} AND p.closed_on IS NOT NULL)", COUNTED, None),
    ind.FOLLOW_UP_RATE: (f"({CLOSED} AND p.followed_up)", CLOSED, None),
    ind.DAYS_TO_DECIDE: (DECIDED, None, "julianday(p.decided_on) - julianday(p.received)"),
    ind.DAYS_TO_ASSIGN: (GRANTED_AND_ASSIGNED, None, "julianday(p.assigned_on) - julianday(p.granted_on)"),
    ind.OVERDUE_CASES: (LATE, None, None),
}
_KEYS = tuple(MEASURED)


def _columns(keys: Iterable[str]) -> str:
    """Per measure its numerator, denominator and days, summed over the rows."""
    return ", ".join(
        f"sum(CASE WHEN {part} THEN 1 ELSE 0 END), "
        + (f"sum(CASE WHEN {whole} THEN 1 ELSE 0 END), " if whole else "0, ")
        + (f"sum(CASE WHEN {part} THEN CAST({days} AS INTEGER) ELSE 0 END)" if days else "0")
        for part, whole, days in (MEASURED[key] for key in keys))


@dataclass
class Tally:
    """A place's counts for one period: per measure its numerator, denominator and days (for an average)."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {key: [0, 0, 0] for key in _KEYS})

    def add(self, other: "Tally") -> "Tally":
        for key, (part, whole, days) in other.counts.items():
            mine = self.counts[key]
            mine[0], mine[1], mine[2] = mine[0] + part, mine[1] + whole, mine[2] + days
        return self

    def figures(self, period: Period, population: int | None, targets: dict[str, Target] | None = None) -> \
            dict[str, Figure]:
        """The figures these counts make, as indicators.figures makes them from the cases."""
        targets = ind.plan_targets() if targets is None else targets
        out: dict[str, Figure] = {}
        for key, (part, whole, days) in self.counts.items():
            if key == ind.CASES_PER_10K:
                out[key] = Figure(key, ind.per_10k(part, population, period), part, 0, ind.PER_10K,
                                  targets.get(key), population)
            elif MEASURED[key][2] is not None:
                out[key] = Figure(key, ind.average(days, part), part, 0, ind.DAYS)
            elif MEASURED[key][1] is not None:
                out[key] = Figure(key, ind.share(part, whole), part, whole, ind.PERCENT, targets.get(key))
            else:
                out[key] = Figure(key, float(part), part, 0, ind.COUNT)
        return out


def _params(period: Period, today: date) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "today": today.isoformat()}


def _scope(stations: Iterable[str] | None, params: dict[str, Any]) -> str:
    if stations is None:
        return ""
    names = sorted(stations)
    params.update({f"s{i}": code for i, code in enumerate(names)})
    return " AND p.station IN (" + ", ".join(f":s{i}" for i in range(len(names))) + ")"


def tallies(conn, period: Period, today: date, stations: Iterable[str] | None = None,
            keys: tuple[str, ...] = _KEYS) -> dict[str, Tally]:
    """The period's counts by station (of these stations only, if given; of these measures only, the others 0): one
    pass over the period's rows."""
    params = _params(period, today)
    sql = (f"SELECT p.station, {_columns(keys)} FROM plan_rows p WHERE {IN_PERIOD}{_scope(stations, params)} "
           "GROUP BY p.station")
    found: dict[str, Tally] = {}
    for station, *values in conn.execute(sql, params):
        tally = found[station] = Tally()
        for i, key in enumerate(keys):
            tally.counts[key] = [values[3 * i] or 0, values[3 * i + 1] or 0, values[3 * i + 2] or 0]
    return found


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
    part, whole, _days = MEASURED[key]
    params = _params(period, today)
    wanted = part if whole is None else f"({part} OR {whole})"
    # the page is chosen on plan_rows alone; only its rows are joined to the queue's (whose items are decoded)
    sql = ("SELECT p.application_id, p.station, p.received, p.case_type, page.counted, "
           "json_extract(q.item, '$.number'), json_extract(q.item, '$.name'), q.status "
           f"FROM (SELECT p.record_rowid, CASE WHEN {part} THEN 1 ELSE 0 END AS counted FROM plan_rows p "
           f"WHERE {IN_PERIOD} AND {wanted}{_scope(stations, params)} "
           "ORDER BY counted DESC, p.record_rowid LIMIT :size OFFSET :first) page "
           "JOIN plan_rows p ON p.record_rowid = page.record_rowid "
           "LEFT JOIN queue_rows q ON q.record_rowid = page.record_rowid ORDER BY page.counted DESC, page.record_rowid")
    params.update(size=size, first=first)
    return [tuple(row) for row in conn.execute(sql, params)]
