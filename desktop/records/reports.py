"""The reports the county sends upward, built from the records (Qt-free; a station's or the county's).

A `Report` is tables of plain values; report_files.py writes it as CSV or Excel and forms/report_pdf.py as a
PDF through the forms engine, so the three agree cell for cell. Every report counts exactly the records a
user can open: voided ones never. The words are English sources (context "Report"), rendered in Chinese.

    12348-QUARTERLY   the 12348 hotline's consultations of a quarter (work plan §11): by matter, month, group
    COMPLAINTS        the complaints of a half-year (§13): how many, answered in time, by channel and
                      against whom, satisfaction, and the ledger
    CASE-STATISTICS   applications month by month: received, by case type, granted, refused, assigned, closed
    TYPICAL-CASES     closed cases with their handling and result, to choose typical cases from (§16)
    INDICATORS        the plan's measures (indicators.py), county-wide and by township or station
    LIST              any list, as the list screen shows it
A `ReportSource` gives the records: `StationSource` here, the county's in sync/server/plan.py.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Protocol, Sequence

from . import indicators as ind, plan_counts
from .complaint_answers import center_answers, with_center_answer
from .deadlines import COUNTY_DAY_SQL, day_of, plan_periods
from .fields import FIELDS
from .i18n import QT_TRANSLATE_NOOP, chinese
from .indicators import Period
from .measure_sql import month_counts
from .queries import CODE_LISTS, LIST_COLUMNS, TIME_COLUMN
from .reference import ReferenceData, default_reference

REPORT = "Report"
KINDS = ("LIST", "INDICATORS", "12348-QUARTERLY", "COMPLAINTS", "CASE-STATISTICS", "TYPICAL-CASES")


def say(text: str, **params: Any) -> str:
    return chinese(REPORT, text).format(**params)


@dataclass
class ReportTable:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Report:
    title: str
    subtitle: str  # the scope and the period
    tables: list[ReportTable] = field(default_factory=list)


class ReportSource(Protocol):
    name: str  # the station's or the county center's name

    def records(self, record_type: str, period: Period, channel: str | None = None) -> list[dict[str, Any]]:
        """The non-voided records of a type whose time falls in the period (and, given, came by `channel`: a
        consultation's), as data dicts (oldest first)."""

    def live(self, record_type: str, ids: Iterable[str]) -> set[str]:
        """Those of these ids that are live (not voided) records of the type."""

    def month_counts(self, period: Period) -> dict[tuple[str, str, str], int]:
        """The CASE-STATISTICS counts of the period (measure_sql.month_counts)."""

    def place_figures(self, period: Period, today: date) -> tuple[dict[str, ind.Figure], dict[str, dict[str, ind.Figure]]]:
        """The plan's measures of the period over the source's townships together, and each township's (or the
        station's), measured against their registered population."""


# -- the words ----------------------------------------------------------------------------------------------

T_COUNT = QT_TRANSLATE_NOOP("Report", "Number")
T_SHARE = QT_TRANSLATE_NOOP("Report", "Share (%)")
T_ITEM = QT_TRANSLATE_NOOP("Report", "Item")
T_MONTH = QT_TRANSLATE_NOOP("Report", "Month")
T_TOTAL = QT_TRANSLATE_NOOP("Report", "Total")
T_PERIOD = QT_TRANSLATE_NOOP("Report", "{scope}, {start} to {end}")


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _label(reference: ReferenceData, list_name: str, code: Any) -> str:
    return reference.label(list_name, code) if code else say(QT_TRANSLATE_NOOP("Report", "Not recorded"))


def _counted(title: str, counter: Counter, total: int, order: Sequence[str], labels) -> ReportTable:
    """One row per code (in the reference list's order, then any other), with its share of `total`."""
    table = ReportTable(title, [say(T_ITEM), say(T_COUNT), say(T_SHARE)])
    codes = [c for c in order if counter.get(c)] + sorted(c for c in counter if c not in order)
    for code in codes:
        table.rows.append([labels(code), counter[code], _pct(counter[code], total)])
    table.rows.append([say(T_TOTAL), total, _pct(total, total)])
    return table


def _subtitle(source: ReportSource, period: Period) -> str:
    return say(T_PERIOD, scope=source.name, start=period.start.isoformat(), end=period.end.isoformat())


# -- 12348 hotline, quarterly (§11) -------------------------------------------------------------------------

def hotline_quarterly(source: ReportSource, period: Period, reference: ReferenceData | None = None) -> Report:
    reference = reference or default_reference()
    calls = source.records("consultation", period, channel="hotline")
    total = len(calls)
    minutes = sum(c.get("minutes") or 0 for c in calls if isinstance(c.get("minutes"), int))
    outcome = Counter(c.get("outcome") for c in calls)
    # turned into an application that stands: one voided since is no application (the consultation keeps its word)
    made = source.live("application", {c.get("application_id") for c in calls if c.get("outcome") == "application"
                                       and isinstance(c.get("application_id"), str)})
    converted = sum(1 for c in calls if c.get("outcome") == "application" and c.get("application_id") in made)
    summary = ReportTable(say(QT_TRANSLATE_NOOP("Report", "Summary")), [say(T_ITEM), say(T_COUNT)], [
        [say(QT_TRANSLATE_NOOP("Report", "Hotline consultations")), total],
        [say(QT_TRANSLATE_NOOP("Report", "Anonymous callers")), sum(1 for c in calls if c.get("anonymous"))],
        [say(QT_TRANSLATE_NOOP("Report", "Minutes answering")), minutes],
        [say(QT_TRANSLATE_NOOP("Report", "Turned into applications")), converted],
        [say(QT_TRANSLATE_NOOP("Report", "Referred elsewhere")), outcome.get("referred", 0)],
        [say(QT_TRANSLATE_NOOP("Report", "Follow-up needed")), sum(1 for c in calls if c.get("follow_up_needed"))],
    ])
    matters = Counter(c.get("matter_category") for c in calls)
    by_matter = _counted(say(QT_TRANSLATE_NOOP("Report", "By matter (opinion analysis: what callers ask about)")),
                         matters, total, [ch.code for ch in reference.choices("matter_categories")],
                         lambda code: _label(reference, "matter_categories", code))
    months = Counter((c.get("occurred_at") or "")[:7] for c in calls)
    by_month = ReportTable(say(QT_TRANSLATE_NOOP("Report", "By month")), [say(T_MONTH), say(T_COUNT)],
                           [[m.start.strftime("%Y-%m"), months.get(m.start.strftime("%Y-%m"), 0)]
                            for m in period.months()])
    groups = Counter(g for c in calls for g in (c.get("categories") or []))
    by_group = _counted(say(QT_TRANSLATE_NOOP("Report", "Callers of special groups")), groups, total,
                        [ch.code for ch in reference.choices("person_categories")],
                        lambda code: _label(reference, "person_categories", code))
    by_group.rows.pop()  # a caller may be in several groups: no total
    return Report(say(QT_TRANSLATE_NOOP("Report", "12348 legal aid hotline: quarterly statistics")),
                  _subtitle(source, period), [summary, by_matter, by_month, by_group])


# -- complaints, half-yearly (§13) --------------------------------------------------------------------------

def complaints_half_year(source: ReportSource, period: Period, reference: ReferenceData | None = None) -> Report:
    reference = reference or default_reference()
    found = source.records("complaint", period)
    total = len(found)
    answer_days = plan_periods().complaint_answer_days
    answered = [c for c in found if c.get("reply_date")]

    def in_time(c: dict) -> bool:
        received, replied = day_of(c.get("complained_at")), day_of(c.get("reply_date"))
        return received is not None and replied is not None and replied <= received + timedelta(days=answer_days)

    satisfaction = Counter(c.get("complainant_satisfaction") for c in answered)
    summary = ReportTable(say(QT_TRANSLATE_NOOP("Report", "Summary")), [say(T_ITEM), say(T_COUNT)], [
        [say(QT_TRANSLATE_NOOP("Report", "Complaints received")), total],
        [say(QT_TRANSLATE_NOOP("Report", "Answered")), len(answered)],
        [say(QT_TRANSLATE_NOOP("Report", "Answered within {days} days"), days=answer_days),
         sum(1 for c in answered if in_time(c))],
        [say(QT_TRANSLATE_NOOP("Report", "Not answered yet")), total - len(answered)],
        *[[say(QT_TRANSLATE_NOOP("Report", "Complainant: {level}"), level=ch.zh), satisfaction.get(ch.code, 0)]
          for ch in reference.choices("satisfaction_levels")],
    ])
    by_channel = _counted(say(QT_TRANSLATE_NOOP("Report", "By channel")), Counter(c.get("complaint_channel")
                          for c in found), total, [ch.code for ch in reference.choices("complaint_channels")],
                          lambda code: _label(reference, "complaint_channels", code))
    by_respondent = _counted(say(QT_TRANSLATE_NOOP("Report", "By whom the complaint is against")),
                             Counter(c.get("respondent_kind") for c in found), total,
                             [ch.code for ch in reference.choices("respondent_kinds")],
                             lambda code: _label(reference, "respondent_kinds", code))
    ledger = ReportTable(say(QT_TRANSLATE_NOOP("Report", "Ledger")), [chinese("Field", f.label) for f in _ledger_fields()])
    for c in found:
        ledger.rows.append([_display(reference, f, c.get(f.name)) for f in _ledger_fields()])
    return Report(say(QT_TRANSLATE_NOOP("Report", "Legal aid complaints: half-yearly report")),
                  _subtitle(source, period), [summary, by_channel, by_respondent, ledger])


def _ledger_fields():
    wanted = ("number", "complained_at", "complaint_channel", "complainant", "respondent_kind", "respondent",
              "matter", "handling", "result", "reply_date", "complainant_satisfaction")
    fields = {f.name: f for f in FIELDS["complaint"]}
    return [fields[n] for n in wanted]


def _display(reference: ReferenceData, f, value: Any) -> Any:
    if value in (None, "", []):
        return ""
    if f.choices:
        return reference.label(f.choices, value) if isinstance(value, str) else "、".join(
            reference.label(f.choices, v) for v in value)
    if isinstance(value, bool):
        return say(QT_TRANSLATE_NOOP("Report", "Yes")) if value else say(QT_TRANSLATE_NOOP("Report", "No"))
    if isinstance(value, str) and len(value) >= 16 and value[10:11] == "T":
        return value[:16].replace("T", " ")
    return value


# -- case statistics, by month -------------------------------------------------------------------------------

def case_statistics(source: ReportSource, period: Period, reference: ReferenceData | None = None) -> Report:
    reference = reference or default_reference()
    types = [ch for ch in reference.choices("case_types")]
    columns = [say(T_MONTH), say(QT_TRANSLATE_NOOP("Report", "Applications received")),
               *[ch.zh for ch in types], say(QT_TRANSLATE_NOOP("Report", "Granted")),
               say(QT_TRANSLATE_NOOP("Report", "Refused")), say(QT_TRANSLATE_NOOP("Report", "Assigned")),
               say(QT_TRANSLATE_NOOP("Report", "Closed"))]
    table = ReportTable(say(QT_TRANSLATE_NOOP("Report", "Cases by month")), columns)
    counts = source.month_counts(period)  # counted in SQL over the settled rows (measure_sql.month_counts)
    totals = [0] * (len(columns) - 1)
    for month in period.months():
        key = month.start.strftime("%Y-%m")
        by_type = [counts.get(("received", key, ch.code), 0) for ch in types]
        received = sum(n for (what, at, _type), n in counts.items() if what == "received" and at == key)
        row = [received, *by_type, *(counts.get((what, key, ""), 0) for what in ("granted", "refused", "assigned",
                                                                                 "closed"))]
        totals = [a + b for a, b in zip(totals, row)]
        table.rows.append([key, *row])
    table.rows.append([say(T_TOTAL), *totals])
    return Report(say(QT_TRANSLATE_NOOP("Report", "Legal aid case statistics")), _subtitle(source, period), [table])


# -- typical cases (§16) -------------------------------------------------------------------------------------

def typical_cases(source: ReportSource, period: Period, reference: ReferenceData | None = None) -> Report:
    reference = reference or default_reference()
    closures = source.records("closure", period)
    fields = {f.name: f for f in FIELDS["closure"]}
    wanted = ("case_number", "closed_on", "closing_method", "litigation_case", "closure_summary", "closure_result",
              "amount_recovered")
    table = ReportTable(say(QT_TRANSLATE_NOOP("Report", "Closed cases")),
                        [chinese("Field", fields[n].label) for n in wanted])
    for c in closures:
        table.rows.append([_display(reference, fields[n], c.get(n)) for n in wanted])
    return Report(say(QT_TRANSLATE_NOOP("Report", "Typical case information")), _subtitle(source, period), [table])


# -- the plan's measures -------------------------------------------------------------------------------------

def indicator_report(source: ReportSource, period: Period, today: date) -> Report:
    place = say(QT_TRANSLATE_NOOP("Report", "Township or station"))
    overall, places = source.place_figures(period, today)
    keys = [ind.CASES, ind.CASES_PER_10K, ind.CRIMINAL_SHARE, ind.LITIGATION_SHARE, ind.LAW_FIRM_SHARE,
            ind.COURT_ATTENDANCE_SHARE, ind.CLOSING_RATE, ind.FOLLOW_UP_RATE, ind.DAYS_TO_DECIDE,
            ind.DAYS_TO_ASSIGN, ind.OVERDUE_CASES]
    summary = ReportTable(say(QT_TRANSLATE_NOOP("Report", "The work plan's measures")),
                          [say(QT_TRANSLATE_NOOP("Report", "Measure")), say(QT_TRANSLATE_NOOP("Report", "Value")),
                           say(QT_TRANSLATE_NOOP("Report", "Target")), say(QT_TRANSLATE_NOOP("Report", "Met")),
                           say(QT_TRANSLATE_NOOP("Report", "Counted")), say(QT_TRANSLATE_NOOP("Report", "Of"))])
    for key in keys:
        figure = overall[key]
        summary.rows.append(figure_row(figure))
    by_place = ReportTable(say(QT_TRANSLATE_NOOP("Report", "By township or station")),
                           [place, *[chinese("Indicator", ind.TITLES[k]) for k in keys]])
    for name, found in places.items():
        by_place.rows.append([name, *[_rounded(found[k].value, found[k].target) for k in keys]])
    return Report(say(QT_TRANSLATE_NOOP("Report", "Legal aid work plan: measures")), _subtitle(source, period),
                  [summary, by_place])


def figure_row(figure: ind.Figure) -> list[Any]:
    """A measure as the report's summary (and the indicator screen) shows it."""
    met = figure.met
    status = "" if met is None else say(QT_TRANSLATE_NOOP("Report", "Yes")) if met else \
        say(QT_TRANSLATE_NOOP("Report", "No"))
    target = None if figure.target is None else ("≥ " if figure.target.at_least else "≤ ") + \
        f"{figure.target.value:g}"
    return [chinese("Indicator", figure.title), _rounded(figure.value, figure.target), target or "", status,
            figure.counted, figure.of or ""]


def _rounded(value: float | None, target: ind.Target | None = None) -> Any:
    """A figure's value as the screens show it (ind.decimals: never contradicting its verdict)."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else round(value, ind.decimals(value, target))


# -- any list -------------------------------------------------------------------------------------------------

def column_title(record_type: str, column: str) -> str:
    """A list column's title, in Chinese (the field's label, or the list's own word)."""
    special = {"person_name": QT_TRANSLATE_NOOP("Report", "Name"), "status": QT_TRANSLATE_NOOP("Report", "Status"),
               "litigation": QT_TRANSLATE_NOOP("Report", "Litigation case")}
    if column in special:
        return say(special[column])
    fields = {f.name: f for f in FIELDS[record_type]}
    found = fields.get("complainant_satisfaction" if (record_type, column) == ("complaint", "satisfaction")
                       else column)
    return chinese("Field", found.label) if found else column


def list_report(record_type: str, title: str, subtitle: str, rows: Iterable[Sequence[Any]],
                reference: ReferenceData | None = None) -> Report:
    """A list's rows (values of queries.LIST_COLUMNS) with codes as labels and times to the minute."""
    reference = reference or default_reference()
    columns = LIST_COLUMNS[record_type]
    lists = {**CODE_LISTS.get(record_type, {}), "channel": "consultation_channels" if record_type == "consultation"
             else "application_channels"}
    table = ReportTable(title, [column_title(record_type, c) for c in columns])
    for values in rows:
        shown = []
        for name, value in zip(columns, values):
            if name in lists and value:
                shown.append(reference.label(lists[name], value))
            elif name == "litigation":
                shown.append(say(QT_TRANSLATE_NOOP("Report", "Yes")) if value else say(
                    QT_TRANSLATE_NOOP("Report", "No")))
            elif isinstance(value, str) and len(value) >= 16 and value[10:11] == "T":
                shown.append(value[:16].replace("T", " "))
            else:
                shown.append("" if value is None else value)
        table.rows.append(shown)
    return Report(title, subtitle, [table])


# -- a station's records -------------------------------------------------------------------------------------

TABLE_OF = {"consultation": "consultations", "application": "applications", "complaint": "complaints",
            "closure": "closures", "follow_up": "follow_ups", "court_attendance": "court_attendances",
            "quality_evaluation": "quality_evaluations", "outreach_event": "outreach_events"}


STATION_REFUSALS = f"SELECT application_id, {COUNTY_DAY_SQL} AS day FROM county_events WHERE kind = 'refuse'"


@dataclass
class StationSource:
    """One station's database as a report source (its township's population from the county's reference data)."""

    db: Any
    name: str
    station: str
    township: str
    population: int | None = None

    def records(self, record_type: str, period: Period, channel: str | None = None) -> list[dict[str, Any]]:
        time = TIME_COLUMN[record_type]
        by_channel = " AND channel = ?" if channel is not None else ""
        rows = self.db.execute(f"SELECT id, data FROM {TABLE_OF[record_type]} WHERE voided = 0 AND {time} >= ? AND "
                               f"{time} < ?{by_channel} ORDER BY {time}, rownum",
                               (period.start.isoformat(), (period.end + timedelta(days=1)).isoformat(),
                                *([channel] if channel is not None else []))).fetchall()
        if record_type == "complaint":  # the center's answers count as the station's do (the county counts the same)
            answers = center_answers(self.db, [r[0] for r in rows])
            return [with_center_answer(json.loads(data), answers.get(record_id)) for record_id, data in rows]
        return [json.loads(data) for _record_id, data in rows]

    def live(self, record_type: str, ids: Iterable[str]) -> set[str]:
        found, wanted = set(), list(ids)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            found.update(row[0] for row in self.db.execute(
                f"SELECT id FROM {TABLE_OF[record_type]} WHERE voided = 0 AND id IN ({', '.join('?' * len(chunk))})",
                tuple(chunk)))
        return found

    def month_counts(self, period: Period) -> dict[tuple[str, str, str], int]:
        return month_counts(self.db, period, STATION_REFUSALS)

    def place_figures(self, period: Period, today: date) -> tuple[dict[str, ind.Figure], dict[str, dict[str, ind.Figure]]]:
        found = plan_counts.figures(self.db, period, self.population, today)  # the indicator screen's count
        return found, {self.township or self.name: found}


def build(kind: str, source: ReportSource, period: Period, today: date) -> Report:
    """One of the reports by its command-line name (LIST is built by the caller from its list)."""
    if kind == "12348-QUARTERLY":
        return hotline_quarterly(source, period)
    if kind == "COMPLAINTS":
        return complaints_half_year(source, period)
    if kind == "CASE-STATISTICS":
        return case_statistics(source, period)
    if kind == "TYPICAL-CASES":
        return typical_cases(source, period)
    if kind == "INDICATORS":
        return indicator_report(source, period, today)
    raise ValueError(f"unknown report {kind!r}")
