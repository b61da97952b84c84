"""The work plan's measures (Qt-free): computed from the records, for any period, per station, township or county.

Every figure is a count over cases; computed here from a station's cases (`load_station_cases`) it keeps the ids
of the records behind it (`Figure.records` over `Figure.base`), so a director can open exactly the list a number
was made of. The county counts the same measures in SQL over its settled cases (sync/server/plan_counts.py, held
to `figures` by a test) and reads a figure's records when it is opened. Targets are data
(resources/plan/targets.json).

What is counted (the README's director's guide says the same in Chinese):
  case          an application received in the period, not voided, not refused by the county, not withdrawn by
                today for want of materials (Art. 43: not supplied by the notice's date; deadlines.lapses_on)
  closed case   a case with a closure report (its closing date) or closed by the county, closed in the period
  §3  cases per 10,000 registered residents: cases × 10,000 / population, over a year (a shorter period is
      scaled to a year); the population is the county's figure for the townships in scope
  §4  criminal share: criminal cases / cases; litigation share: closed litigation cases / closed cases;
      law-firm lawyers' share: cases assigned to a lawyer or a law firm / cases assigned
  §5  court attendance: closed cases attended (a 旁听庭审 record) / closed cases heard in court
  §12 closing rate: cases closed by now / cases; follow-up rate: closed cases with a 回访 / closed cases
  Art. 43: average days from receipt to the county's decision, from the grant to the assignment; overdue:
      cases with a deadline passed today (not one withdrawn for want of materials)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence

from desktop.paths import resource_path

from .deadlines import (DECIDED, CaseFacts, Periods, case_deadlines, lapsed, lapses_on, load_case_facts, plan_periods,
                        standing)
from .i18n import QT_TRANSLATE_NOOP

LAW_FIRM_KINDS = ("lawyer", "law_firm")  # the roster's kinds of assignee in a law firm (not center staff)

CASES_PER_10K, CRIMINAL_SHARE, LITIGATION_SHARE = "cases_per_10k", "criminal_share", "litigation_share"
LAW_FIRM_SHARE, COURT_ATTENDANCE_SHARE = "law_firm_share", "court_attendance_share"
CLOSING_RATE, FOLLOW_UP_RATE = "closing_rate", "follow_up_rate"
DAYS_TO_DECIDE, DAYS_TO_ASSIGN, OVERDUE_CASES, CASES = "days_to_decide", "days_to_assign", "overdue", "cases"
TITLES = {
    CASES_PER_10K: QT_TRANSLATE_NOOP("Indicator", "Cases per 10,000 registered residents"),
    CRIMINAL_SHARE: QT_TRANSLATE_NOOP("Indicator", "Criminal cases among all cases"),
    LITIGATION_SHARE: QT_TRANSLATE_NOOP("Indicator", "Litigation cases among closed cases"),
    LAW_FIRM_SHARE: QT_TRANSLATE_NOOP("Indicator", "Cases handled by law-firm lawyers"),
    COURT_ATTENDANCE_SHARE: QT_TRANSLATE_NOOP("Indicator", "Court attendance among cases heard in court"),
    CLOSING_RATE: QT_TRANSLATE_NOOP("Indicator", "Closing rate"),
    FOLLOW_UP_RATE: QT_TRANSLATE_NOOP("Indicator", "Follow-up rate of closed cases"),
    DAYS_TO_DECIDE: QT_TRANSLATE_NOOP("Indicator", "Average days from receipt to decision"),
    DAYS_TO_ASSIGN: QT_TRANSLATE_NOOP("Indicator", "Average days from grant to assignment"),
    OVERDUE_CASES: QT_TRANSLATE_NOOP("Indicator", "Cases with a deadline passed"),
    CASES: QT_TRANSLATE_NOOP("Indicator", "Cases"),
}
PERCENT, PER_10K, DAYS, COUNT = "percent", "per_10k", "days", "count"


NOISE = 1e-9  # a value off its target by floating-point noise alone (12 computed as 11.999999999999998) meets it
MOST_DECIMALS = 8


@dataclass(frozen=True)
class Target:
    """A work plan target: 不低于 (at least) or 不高于 its value. The verdict is the exact value's: 11 criminal cases of 58
    are 18.97 %, below 19 % (the plan's 不低于19%), though one decimal would show 19.0 (`decimals`)."""

    value: float
    at_least: bool = True

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.value - NOISE if self.at_least else value <= self.value + NOISE


def decimals(value: float, target: "Target | None" = None) -> int:
    """How many decimals a figure is shown with, on the screens and in the reports alike: one, or as many more as it
    takes for the number shown to get the verdict the value gets (18.97 %, not 19.0 % 未达标), so what is shown never
    contradicts it."""
    found = 1
    while target is not None and found < MOST_DECIMALS and target.met(round(value, found)) != target.met(value):
        found += 1
    return found


@lru_cache(maxsize=1)
def plan_targets() -> dict[str, Target]:
    """The work plan's targets (resources/plan/targets.json)."""
    content = json.loads(resource_path("plan", "targets.json").read_text(encoding="utf-8"))
    return {key: Target(float(v["target"]), bool(v.get("at_least", True)))
            for key, v in content.items() if not key.startswith("_")}


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each cut to the period."""
        found, first = [], self.start.replace(day=1)
        while first <= self.end:
            following = (first + timedelta(days=32)).replace(day=1)
            found.append(Period(max(first, self.start), min(following - timedelta(days=1), self.end)))
            first = following
        return found


@dataclass
class PlanCase:
    """One application as the measures see it (from a station's database or from county.db)."""

    facts: CaseFacts  # id, number, name, received, the county's decisions, closure, follow-up (deadlines.py)
    station: str
    township: str
    case_type: str | None
    litigation: bool  # the closure report's word, else the application's
    heard_in_court: bool
    attended: bool
    assignee_kind: str | None = None  # the latest assignment's
    # set by settle() once the case is loaded
    refused: bool = False
    closed_on: date | None = None
    granted_on: date | None = None
    decided_on: date | None = None
    assigned_on: date | None = None
    lapses_on: date | None = None  # withdrawn after this day unless the materials come (deadlines.lapses_on)
    # the earliest open deadline, when it was worked out already (the county's plan_rows, with the plan's periods):
    # such a case carries its settled days and no decisions
    earliest_due: date | None = None
    due_known: bool = False

    @property
    def id(self) -> str:
        return self.facts.id

    def overdue(self, today: date, periods: Periods) -> bool:
        """Whether a deadline of the case has passed by `today`."""
        if self.due_known:
            return self.earliest_due is not None and self.earliest_due < today
        return any(d.due < today for d in case_deadlines(self.facts, periods))

    def first(self, *kinds: str) -> date | None:
        return next((d.day for d in self.facts.decisions if d.kind in kinds), None)

    def settle(self) -> "PlanCase":
        """Work out once what every measure asks of the case (for every month of a chart, too)."""
        decisions, _reopened = standing(self.facts.decisions)  # a refusal or termination corrected is undone
        first: dict[str, date] = {}
        for d in decisions:
            first.setdefault(d.kind, d.day)
        # the first grant or refusal decided it (a refusal later corrected too: the center did decide then); the
        # latest in the county's order says whether it stands
        decided = min((d.day for d in self.facts.decisions if d.kind in DECIDED), default=None)
        outcomes = [d for d in decisions if d.kind in DECIDED]
        self.refused = bool(outcomes) and outcomes[-1].kind == "refuse"
        self.closed_on = self.facts.closed_on or first.get("close") or first.get("terminate")
        self.granted_on, self.decided_on, self.assigned_on = first.get("grant"), decided, first.get("assign")
        self.lapses_on = lapses_on(self.facts, plan_periods())
        return self

    def withdrawn(self, today: date) -> bool:
        """Counted as withdrawn by `today`: the materials asked for were not supplied by the notice's date."""
        return lapsed(self.lapses_on, today)


@dataclass(frozen=True)
class Figure:
    """One measure: its value and how many cases it counted of how many. Computed from a station's cases it also
    keeps their ids (`records` over `base`); the county counts in SQL and reads a figure's cases when it is opened
    (sync/server/plan_counts.py)."""

    key: str
    value: float | None  # None: nothing to measure (no cases, no population)
    counted: int  # the cases counted (the numerator; for an average, the cases averaged)
    of: int  # the cases it is a share of (the denominator); 0 for a count or an average
    unit: str
    target: Target | None = None
    population: int | None = None  # cases per 10,000 only
    records: tuple[str, ...] = ()  # the ids of the cases counted, when computed from the cases
    base: tuple[str, ...] = ()  # the ids of the cases it is a share of, likewise

    @property
    def title(self) -> str:
        """English source (context "Indicator"), translated by the caller."""
        return TITLES[self.key]

    @property
    def met(self) -> bool | None:
        return self.target.met(self.value) if self.target else None


def share(part: int, whole: int) -> float | None:
    """A share in percent (None of nothing): the station's lists and the county's counts divide alike."""
    return 100.0 * part / whole if whole else None


def average(total_days: int, cases: int) -> float | None:
    return total_days / cases if cases else None


def _share(key: str, part: Sequence[PlanCase], whole: Sequence[PlanCase], targets: dict[str, Target]) -> Figure:
    return Figure(key, share(len(part), len(whole)), len(part), len(whole), PERCENT, targets.get(key),
                  records=tuple(c.id for c in part), base=tuple(c.id for c in whole))


def _average_days(key: str, spans: list[tuple[PlanCase, int]]) -> Figure:
    return Figure(key, average(sum(days for _, days in spans), len(spans)), len(spans), 0, DAYS,
                  records=tuple(c.id for c, _ in spans))


def _count(key: str, cases: Sequence[PlanCase], unit: str = COUNT, value: float | None = None,
           target: Target | None = None, population: int | None = None) -> Figure:
    return Figure(key, float(len(cases)) if value is None and unit == COUNT else value, len(cases), 0, unit, target,
                  population, records=tuple(c.id for c in cases))


def counted_cases(cases: Iterable[PlanCase], period: Period, today: date) -> list[PlanCase]:
    """The cases a period counts (§3 and every share of cases): received in it, not refused by the county and not
    withdrawn by `today` for want of materials (a voided application is never a PlanCase)."""
    return [c for c in cases if c.facts.received in period and not c.refused and not c.withdrawn(today)]


def per_10k(cases: int, population: int | None, period: Period) -> float | None:
    """§3: cases × 10,000 / registered population, over a year: a calendar year as it is, a shorter period scaled
    to the days of its year. None without a population."""
    if not population:
        return None
    year_days = (date(period.start.year + 1, 1, 1) - date(period.start.year, 1, 1)).days
    return cases * 10_000 / population * (year_days / period.days)


def figures(cases: Iterable[PlanCase], period: Period, population: int | None, today: date, *,
            targets: dict[str, Target] | None = None, periods: Periods | None = None,
            overdue: bool = True) -> dict[str, Figure]:
    """Every measure of `cases` over `period`, by key; `population`: the registered residents in scope.
    `overdue=False` leaves the deadlines out (the one measure that works each case's deadlines out)."""
    targets = plan_targets() if targets is None else targets
    periods = periods or plan_periods()
    all_cases = [c for c in cases if c.facts.received <= period.end]
    received = [c for c in all_cases if c.facts.received in period]
    counted = counted_cases(received, period, today)
    closed = [c for c in all_cases if c.closed_on in period and not c.refused]
    assigned = [c for c in counted if c.assigned_on is not None]
    heard = [c for c in closed if c.heard_in_court or c.attended]
    out: dict[str, Figure] = {}
    out[CASES] = _count(CASES, counted)
    out[CASES_PER_10K] = _count(CASES_PER_10K, counted, PER_10K, per_10k(len(counted), population, period),
                                targets.get(CASES_PER_10K), population)
    out[CRIMINAL_SHARE] = _share(CRIMINAL_SHARE, [c for c in counted if c.case_type == "criminal"], counted, targets)
    out[LITIGATION_SHARE] = _share(LITIGATION_SHARE, [c for c in closed if c.litigation], closed, targets)
    out[LAW_FIRM_SHARE] = _share(LAW_FIRM_SHARE, [c for c in assigned if c.assignee_kind in LAW_FIRM_KINDS],
                                 assigned, targets)
    out[COURT_ATTENDANCE_SHARE] = _share(COURT_ATTENDANCE_SHARE, [c for c in heard if c.attended], heard, targets)
    out[CLOSING_RATE] = _share(CLOSING_RATE, [c for c in counted if c.closed_on is not None], counted, targets)
    out[FOLLOW_UP_RATE] = _share(FOLLOW_UP_RATE, [c for c in closed if c.facts.followed_up], closed, targets)
    out[DAYS_TO_DECIDE] = _average_days(DAYS_TO_DECIDE, [
        (c, (c.decided_on - c.facts.received).days) for c in received if c.decided_on is not None])
    out[DAYS_TO_ASSIGN] = _average_days(DAYS_TO_ASSIGN, [
        (c, (c.assigned_on - c.granted_on).days) for c in counted
        if c.granted_on is not None and c.assigned_on is not None])
    if overdue:
        late = [c for c in received if not (c.refused or c.facts.followed_up and c.closed_on or c.withdrawn(today))
                and c.overdue(today, periods)]
        out[OVERDUE_CASES] = _count(OVERDUE_CASES, late)
    return out


def by_group(cases: Iterable[PlanCase], group: Callable[[PlanCase], str]) -> dict[str, list[PlanCase]]:
    """Cases by station or township (`group=lambda c: c.township`), in name order."""
    found: dict[str, list[PlanCase]] = {}
    for case in cases:
        found.setdefault(group(case), []).append(case)
    return dict(sorted(found.items()))


def monthly(cases: Sequence[PlanCase], period: Period, key: str, population: int | None, today: date) -> \
        list[tuple[Period, Figure]]:
    """One measure month by month over the period (the trend the indicator screen draws). Each month is measured
    on the cases received or closed in it, which are all a month's measures count."""
    months = period.months()
    by_month: dict[tuple[int, int], list[PlanCase]] = {(m.start.year, m.start.month): [] for m in months}
    for case in cases:
        for day in {case.facts.received, case.closed_on}:
            if day is not None and (day.year, day.month) in by_month and day in period:
                by_month[(day.year, day.month)].append(case)
    return [(month, figures(list({id(c): c for c in by_month[(month.start.year, month.start.month)]}.values()),
                            month, population, today, overdue=key == OVERDUE_CASES)[key]) for month in months]


# -- a station's own cases ------------------------------------------------------------------------------------

def load_station_cases(db, station: str, township: str, received: Period | None = None) -> list[PlanCase]:
    """Every non-voided application of a station's database as a PlanCase (only those received in `received`, if
    given): its facts (deadlines.load_case_facts, read from indexes) and the latest assignee's kind (an index on it:
    a decision's data is not read)."""
    facts = load_case_facts(db) if received is None else load_case_facts(
        db, "a.received_at >= ? AND a.received_at < ?",
        (received.start.isoformat(), (received.end + timedelta(days=1)).isoformat()))
    cases = {i: PlanCase(f, station, township, f.case_type, f.litigation, f.heard_in_court, f.attended).settle()
             for i, f in facts.items()}
    for app_id, kind in db.execute("SELECT application_id, json_extract(data, '$.data.assignee_kind') "
                                   "FROM county_events WHERE kind = 'assign' ORDER BY seq"):
        case = cases.get(app_id)
        if case is not None:
            case.assignee_kind = kind  # the latest assignment's
    return list(cases.values())


def application_rows(db, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(id, number, name, received, case type, status) of the applications behind a figure, in its order."""
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in db.execute("SELECT id, number, person_name, received_at, case_type, status FROM applications "
                              f"WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)):
            found[row[0]] = tuple(row)
    return [found[i] for i in ids if i in found]


@dataclass
class Scope:
    """What a measure covers: its cases and the registered population of its townships."""

    name: str
    cases: list[PlanCase] = field(default_factory=list)
    population: int | None = None


@dataclass(frozen=True)
class TownshipIndicator:
    """§3 for the station's township over its calendar year so far (1 January to `through`, scaled to a year): what
    工具 → 县中心名册与指标 shows, counted and measured as 统计报表's 本年 counts them (`counted_cases`, `per_10k`)."""

    township: str
    year: int
    cases: int
    population: int | None  # None: the county has not given this township's population
    target: float
    through: date  # the last day counted: today, or the year's last day for a past year

    @property
    def period(self) -> Period:
        return Period(date(self.year, 1, 1), self.through)

    @property
    def per_10k(self) -> float | None:
        return per_10k(self.cases, self.population, self.period)

    @property
    def target_cases(self) -> int | None:
        """Cases the whole year needs to reach the target (rounded up: 11.2 cases means 12)."""
        return math.ceil(self.population * self.target / 10_000) if self.population else None

    @property
    def reached(self) -> bool:
        return bool(Target(self.target).met(self.per_10k))
