"""The plan's measures as SQL conditions over a table of settled cases (`plan_rows`, aliased `p`): written once here
and used by the station (desktop/records/plan_counts.py, over its own cases) and by the county
(sync/server/plan_counts.py, over every station's), so both count what indicators.figures computes from the cases.

Each measure is a condition on a case for its numerator and one for its denominator (`MEASURED`). A row holds only
what is settled (days, flags, the earliest open deadline, the day it lapses without materials); what depends on
the day (overdue, withdrawn) is a condition on the `:today` parameter, so a row written yesterday still counts
right today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from . import indicators as ind
from .indicators import Figure, Period, Target

# a period's rows: received in it, or closed in it and received by its end (all a period's measures count)
IN_PERIOD = "(p.received BETWEEN :start AND :end OR p.closed_on BETWEEN :start AND :end AND p.received <= :end)"
RECEIVED = "p.received BETWEEN :start AND :end"
# not withdrawn by today for want of materials (Art. 43: the supplement notice's date passed, deadlines.lapses_on)
STANDING = "(p.lapses_on IS NULL OR p.lapses_on >= :today)"
COUNTED = f"({RECEIVED} AND p.refused = 0 AND {STANDING})"  # indicators.counted_cases
CLOSED = "(p.closed_on BETWEEN :start AND :end AND p.received <= :end AND p.refused = 0)"
ASSIGNED = f"({COUNTED} AND p.assigned_on IS NOT NULL)"
HEARD = f"({CLOSED} AND (p.heard_in_court OR p.attended))"
LAW_FIRM = "p.assignee_kind IN (" + ", ".join(f"'{kind}'" for kind in ind.LAW_FIRM_KINDS) + ")"
DECIDED = f"({RECEIVED} AND p.decided_on IS NOT NULL)"
GRANTED_AND_ASSIGNED = f"({COUNTED} AND p.granted_on IS NOT NULL AND p.assigned_on IS NOT NULL)"
# a deadline passed today, unless refused, closed and followed up or withdrawn (their deadlines are over)
LATE = (f"({RECEIVED} AND p.refused = 0 AND NOT (p.followed_up AND p.closed_on IS NOT NULL) AND {STANDING} "
        "AND p.open_due < :today)")

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
KEYS = tuple(MEASURED)


def columns(keys: Iterable[str]) -> str:
    """Per measure its numerator, denominator and days, summed over the rows (three result columns each)."""
    return ", ".join(
        f"sum(CASE WHEN {part} THEN 1 ELSE 0 END), "
        + (f"sum(CASE WHEN {whole} THEN 1 ELSE 0 END), " if whole else "0, ")
        + (f"sum(CASE WHEN {part} THEN CAST({days} AS INTEGER) ELSE 0 END)" if days else "0")
        for part, whole, days in (MEASURED[key] for key in keys))


def wanted(key: str) -> tuple[str, str]:
    """A figure's records: the condition it counted and the condition of every row its list shows (those it
    counted, then those it is a share of)."""
    part, whole, _days = MEASURED[key]
    return part, part if whole is None else f"({part} OR {whole})"


def params(period: Period, today: date) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "today": today.isoformat()}


@dataclass
class Tally:
    """A place's counts for one period: per measure its numerator, denominator and days (for an average)."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {key: [0, 0, 0] for key in KEYS})

    def add(self, other: "Tally") -> "Tally":
        for key, (part, whole, days) in other.counts.items():
            mine = self.counts[key]
            mine[0], mine[1], mine[2] = mine[0] + part, mine[1] + whole, mine[2] + days
        return self

    def read(self, values: Iterable[int | None], keys: Iterable[str]) -> "Tally":
        """Take a `columns(keys)` result row's values."""
        values = list(values)
        for i, key in enumerate(keys):
            self.counts[key] = [values[3 * i] or 0, values[3 * i + 1] or 0, values[3 * i + 2] or 0]
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


# -- the CASE-STATISTICS report, month by month -------------------------------------------------------------------
# per month: the cases received (by case type) and those first granted, refused, assigned and closed in it; every
# case counts, refused or not (reports.case_statistics). A case's first refusal is not in its settled row (the row
# keeps whether the latest decision refused): `refusals` selects (application_id, day) of each refusal event.


def month_counts_sql(refusals: str) -> str:
    """The statement of `month_counts`: rows of (what, 'YYYY-MM', case type or '', cases); the days granted and
    assigned, which have no index, in one pass over the rows (as ('granted+assigned', month granted or NULL, month
    assigned or NULL, cases))."""
    def month(day: str) -> str:
        return f"CASE WHEN {day} BETWEEN :start AND :end THEN substr({day}, 1, 7) END"

    return " UNION ALL ".join((
        "SELECT 'received', substr(p.received, 1, 7), coalesce(p.case_type, ''), count(*) FROM plan_rows p "
        "WHERE p.received BETWEEN :start AND :end GROUP BY 2, 3",
        "SELECT 'closed', substr(p.closed_on, 1, 7), '', count(*) FROM plan_rows p "
        "WHERE p.closed_on BETWEEN :start AND :end GROUP BY 2",
        f"SELECT 'granted+assigned', {month('p.granted_on')}, {month('p.assigned_on')}, count(*) FROM plan_rows p "
        "WHERE p.granted_on BETWEEN :start AND :end OR p.assigned_on BETWEEN :start AND :end GROUP BY 2, 3",
        "SELECT 'refused', substr(r.day, 1, 7), '', count(*) FROM (SELECT e.application_id, min(e.day) AS day "
        f"FROM ({refusals}) e JOIN plan_rows p ON p.application_id = e.application_id GROUP BY e.application_id) r "
        "WHERE r.day BETWEEN :start AND :end GROUP BY 2"))


def month_counts(conn, period: Period, refusals: str) -> dict[tuple[str, str, str], int]:
    """(what, 'YYYY-MM', case type or '') -> cases, over the period: what is "received" (by case type), "granted",
    "refused", "assigned" or "closed"."""
    values = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    found: dict[tuple[str, str, str], int] = {}
    for what, month, other, count in conn.execute(month_counts_sql(refusals), values):
        if what == "granted+assigned":
            for kind, at in (("granted", month), ("assigned", other)):
                if at is not None:
                    found[(kind, at, "")] = found.get((kind, at, ""), 0) + count
        else:
            found[(what, month, other)] = count
    return found
