"""`python -m desktop report KIND --from D --to D --format pdf|xlsx|csv -o FILE`: the station's reports for
scheduled tasks (the county's are `python -m sync.server report`, over all stations).

KIND is LIST (with --type consultation|application|follow_up|court_attendance|quality_evaluation|closure|
complaint|outreach_event), INDICATORS, 12348-QUARTERLY, COMPLAINTS, CASE-STATISTICS or TYPICAL-CASES.
Exit status 0: written; 1: the data cannot be read or the file not written; 2: wrong usage. Help and refusals
follow the command lines' one convention (desktop/cli_text.py): Chinese, with the English in brackets.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop.records.i18n import QT_TRANSLATE_NOOP

KINDS = ("LIST", "INDICATORS", "12348-QUARTERLY", "COMPLAINTS", "CASE-STATISTICS", "TYPICAL-CASES")  # reports.KINDS too


FORMATS = ("pdf", "xlsx", "csv")
LIST_TYPES = ("consultation", "application", "follow_up", "court_attendance", "quality_evaluation", "closure",
              "complaint", "outreach_event")

H_KIND = QT_TRANSLATE_NOOP("CLI", "which report: LIST, INDICATORS, 12348-QUARTERLY, COMPLAINTS, CASE-STATISTICS or "
                                  "TYPICAL-CASES")
H_LIST_TYPE = QT_TRANSLATE_NOOP("CLI", "the list (LIST only; default application)")
H_FROM = QT_TRANSLATE_NOOP("CLI", "first day, YYYY-MM-DD (default: 1 January of this year)")
H_UNTIL = QT_TRANSLATE_NOOP("CLI", "last day, YYYY-MM-DD (default: today)")
H_FORMAT = QT_TRANSLATE_NOOP("CLI", "pdf, xlsx or csv (default: from the file name's ending)")
H_OUTPUT = QT_TRANSLATE_NOOP("CLI", "the file to write")
NO_FORMAT = QT_TRANSLATE_NOOP("CLI", "Refused: give the format with --format pdf|xlsx|csv, or end the file name with "
                                     ".pdf, .xlsx or .csv.")
CANNOT_WRITE = QT_TRANSLATE_NOOP("CLI", "Refused: cannot write {path}: {problem}")
CANNOT_READ = QT_TRANSLATE_NOOP("CLI", "Refused: the station's data cannot be read: {problem}")
WRITTEN = QT_TRANSLATE_NOOP("CLI", "Written: {path}")
BAD_DAY = QT_TRANSLATE_NOOP("CLI", "Refused: {option} {value} is not a day; write it as YYYY-MM-DD, e.g. 2026-03-31")
REVERSED = QT_TRANSLATE_NOOP("CLI", "Refused: the period begins on {start}, after its last day {end}; give --from "
                                    "on or before --to")


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments `report` takes, the same at the station and at the county."""
    from desktop.cli_text import GlossedParser, gloss

    def g(text: str) -> str:  # the station's parser glosses when it prints its help (GlossedParser), others now
        return text if isinstance(parser, GlossedParser) else gloss(text)

    parser.add_argument("kind", choices=KINDS, type=str.upper, help=g(H_KIND))
    parser.add_argument("--type", dest="record_type", choices=LIST_TYPES, default="application", help=g(H_LIST_TYPE))
    parser.add_argument("--from", dest="date_from", help=g(H_FROM))  # checked by `deliver`, in Chinese
    parser.add_argument("--to", dest="date_to", help=g(H_UNTIL))
    parser.add_argument("--format", choices=FORMATS, help=g(H_FORMAT))
    parser.add_argument("-o", "--output", type=Path, required=True, help=g(H_OUTPUT))


def period_of(args: argparse.Namespace):
    from desktop.records.indicators import Period

    today = date.today()
    return Period(args.date_from or date(today.year, 1, 1), args.date_to or today)


def period_problem(args: argparse.Namespace) -> str | None:
    """Why the period asked for cannot be reported (a day that is none, or the first day after the last), in
    Chinese; None when it can, its days then read into `args` as dates."""
    from desktop.cli_text import gloss

    for option, name in (("--from", "date_from"), ("--to", "date_to")):
        value = getattr(args, name, None)
        if isinstance(value, str):
            try:
                setattr(args, name, date.fromisoformat(value))
            except ValueError:
                return gloss(BAD_DAY, option=option, value=value[:40])
    period = period_of(args)
    if period.start > period.end:
        return gloss(REVERSED, start=period.start.isoformat(), end=period.end.isoformat())
    return None


def format_of(args: argparse.Namespace) -> str | None:
    found = args.format or args.output.suffix.lower().lstrip(".")
    return found if found in FORMATS else None


def write_report(report, path: Path, kind: str, context=None) -> None:
    from desktop.records.report_files import write_csv, write_xlsx

    if kind == "csv":
        write_csv(report, path)
    elif kind == "xlsx":
        write_xlsx(report, path)
    else:
        from forms.report_pdf import render_report

        data = render_report(report, context)
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        part.write_bytes(data)
        part.replace(path)


def station_report(station, args: argparse.Namespace, today: date | None = None):
    """The report `args` ask for, from an open station (its own records only)."""
    from desktop.records import complaint_answers, queries
    from desktop.records.queries import ListQuery
    from desktop.records.reports import StationSource, build, list_report, say
    from sync.reference import load_reference

    period = period_of(args)
    settings = station.settings
    township = settings.township
    population = load_reference(station.db).population(township)
    source = StationSource(station.db, settings.station_name or settings.station_code, settings.station_code,
                           township, population)
    if args.kind == "LIST":
        query = ListQuery(args.record_type, date_from=period.start, date_to=period.end, descending=False)
        total = queries.count(station.db, query)
        found = queries.fetch(station.db, query, 0, max(total, 1))
        # complaints with the county center's answer where the station recorded none, as the list screen shows them
        rows = complaint_answers.listed_rows(station.db, found) if args.record_type == "complaint" else \
            [row.values for row in found]
        from desktop.records.reports import T_PERIOD

        return list_report(args.record_type, source.name, say(T_PERIOD, scope=source.name,
                                                              start=period.start.isoformat(),
                                                              end=period.end.isoformat()), rows)
    return build(args.kind, source, period, today or date.today())


def deliver(make_report, args: argparse.Namespace, context=None) -> int:
    """Build the report (`make_report()`) and write it as `args` ask; the exit status, problems said in Chinese.
    The station's and the county's `report` commands both end here."""
    from desktop.cli_text import gloss, say
    from desktop.records.errors import reason_of

    kind = format_of(args)
    if kind is None:
        print(gloss(NO_FORMAT), file=sys.stderr)
        return 2
    problem = period_problem(args)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    try:
        write_report(make_report(), args.output, kind, context)
    except OSError as exc:
        print(gloss(CANNOT_WRITE, path=args.output, problem=reason_of(exc)), file=sys.stderr)
        return 1
    print(say(WRITTEN, path=args.output))
    return 0


def run_report(data_dir: Path, args: argparse.Namespace) -> int:
    from desktop.records.errors import StorageError
    from desktop.records.station import open_station
    from forms.context import context_for

    if format_of(args) is None:
        return deliver(lambda: None, args)
    try:
        station = open_station(data_dir)
    except StorageError as exc:
        from desktop.cli_text import gloss

        print(gloss(CANNOT_READ, problem=exc), file=sys.stderr)  # the problem in Chinese too
        return 1
    try:
        return deliver(lambda: station_report(station, args), args, context_for(station))
    finally:
        station.close()
