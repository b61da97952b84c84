"""Benchmark: the plan's measures, deadlines and reports at 100,000 and 200,000 records (issues 14 and 17).

    python bench/bench_measures.py --sizes 100000 200000   # the cached demo stations (bench/out/demo-station-N)
    python bench/bench_measures.py --sizes 20000           # a quick run

The station is the demo generator's (bench/_data.py, shared with bench_save.py and bench_startup.py), with its
cases' lives after the decision; one of an older schema is upgraded first, as the program upgrades a station, and
that upgrade is timed (it fills the settled row of every case). Measured, each `--repeat` times after a warm-up,
with the CPU time of the same runs (the 2 cores are shared: the wall clock is the load's as much as ours):
the floor (one pass over the year's rows by an index), the indicator screen's refresh counted in SQL over the
settled rows (desktop/records/plan_counts.py) beside the same refresh computed from every case built in Python
(indicators.figures, what the screen did before), a figure's records a page at a time, every open deadline
(期限待办), the countdowns of one list page, and the year's 12348 report built (not written).
Target: the indicator screen under a second.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench_lists import p99  # noqa: E402

TARGET_MS = 1000.0


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(run, repeat: int) -> tuple[list[float], float]:
    """Milliseconds of `repeat` runs after one warm-up, and their median CPU milliseconds."""
    run()
    times, cpus = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), cpu()
        run()
        times.append((time.perf_counter() - started) * 1000)
        cpus.append((cpu() - used) * 1000)
    return times, statistics.median(cpus)


def station_folder(n: int) -> tuple[Path, str]:
    """The cached station of `n` records, upgraded if it is of an older schema; what its upgrade took."""
    import _data
    from desktop.records.migrations import CURRENT_VERSION

    folder = _data.OUT / f"demo-station-{n}"
    found = None
    if (folder / _data.COMPLETE).is_file():
        conn = _data.keyed_connection(folder, read_only=True)
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    started, used = time.perf_counter(), cpu()
    folder = _data.cached_station(f"demo-station-{n}", _data.build_in_child(n), about={"records": n, "seed": 1})
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - used
    if found is not None and found < CURRENT_VERSION:
        return folder, (f"upgraded from schema {found} to {CURRENT_VERSION} in {seconds:.1f} s "
                        f"(CPU {cpu_seconds:.1f} s, load {os.getloadavg()[0]:.1f})")
    return folder, ""


def bench(folder: Path, n: int, repeat: int) -> list[tuple[str, list[float], float, float | None]]:
    from desktop.records import deadlines, indicators as ind, plan_counts
    from desktop.records.reports import StationSource, case_statistics, hotline_quarterly
    from desktop.records.station import open_station

    station = open_station(folder)
    db, settings = station.db, station.settings
    today = date.fromisoformat(db.execute("SELECT max(substr(received_at, 1, 10)) FROM applications").fetchone()[0])
    year = ind.Period(date(today.year - 1, today.month, 1), today)
    cases = db.execute("SELECT count(*) FROM plan_rows").fetchone()[0]
    page = [r[0] for r in db.execute("SELECT id FROM applications ORDER BY received_at DESC LIMIT 200")]
    shares = plan_counts.figures(db, year, 30_000, today)[ind.LITIGATION_SHARE]
    far = max(0, plan_counts.listed(shares) - 50)
    label = f"{n // 1000}k"

    def screen_sql() -> None:
        plan_counts.figures(db, year, 30_000, today)
        plan_counts.monthly(db, year, ind.CASES, 30_000, today)

    def screen_cases() -> None:
        built = ind.load_station_cases(db, settings.station_code, settings.township)
        ind.figures(built, year, 30_000, today)
        ind.monthly(built, year, ind.CASES, 30_000, today)

    def deadlines_from_cases() -> None:
        facts = deadlines.load_case_facts(db, "a.status NOT IN ('refused', 'voided') AND NOT EXISTS (SELECT 1 FROM "
                                              "follow_ups f WHERE f.application_id = a.id AND +f.voided = 0)")
        [d for case in facts.values() for d in deadlines.case_deadlines(case, deadlines.plan_periods())]

    rows = [
        (f"{label} floor: the year's rows counted by an index ({cases} cases)",
         lambda: db.execute("SELECT count(*) FROM plan_rows WHERE received BETWEEN ? AND ?",
                            (year.start.isoformat(), year.end.isoformat())).fetchone(), None),
        (f"{label} indicator screen: the year's figures and monthly chart in SQL", screen_sql, TARGET_MS),
        (f"{label} the same from every case built in Python (before)", screen_cases, TARGET_MS),
        (f"{label} a figure's records: first page (overdue)",
         lambda: plan_counts.figure_page(db, year, today, ind.OVERDUE_CASES, 0, 50), None),
        (f"{label} a figure's records: last page (litigation share, from row {far})",
         lambda: plan_counts.figure_page(db, year, today, ind.LITIGATION_SHARE, far, 50), None),
        (f"{label} every open deadline (期限待办) from the rows", lambda: deadlines.open_deadlines(db), TARGET_MS),
        (f"{label} the cases' open deadlines from every case built (before)", deadlines_from_cases, None),
        (f"{label} countdowns of a list page (200 rows)", lambda: deadlines.countdowns(db, page), 50.0),
        (f"{label} 12348 report of the year",
         lambda: hotline_quarterly(StationSource(db, "x", settings.station_code, settings.township), year), None),
        (f"{label} case statistics by month of the year (CASE-STATISTICS)",
         lambda: case_statistics(StationSource(db, "x", settings.station_code, settings.township), year), TARGET_MS),
    ]
    measured = [(name, *measure(run, repeat), target) for name, run, target in rows]
    station.close()
    return measured


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[200_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    notes = []
    print("| case | median ms | p99 ms | CPU ms (median) | ratio to floor | target |\n|---|---|---|---|---|---|")
    for n in args.sizes:
        folder, upgrade = station_folder(n)
        if upgrade:
            notes.append(f"{n // 1000}k: {upgrade}")
        results = bench(folder, n, args.repeat)
        floor = statistics.median(results[0][1])
        for name, times, cpu_ms, target in results:
            verdict = "" if target is None else f"< {target:.0f} ms {'✔' if p99(times) < target else '✘'}"
            ratio = statistics.median(times) / floor if floor else 0
            print(f"| {name} | {statistics.median(times):.1f} | {p99(times):.1f} | {cpu_ms:.1f} | {ratio:.0f}× | "
                  f"{verdict} |")
        print(f"| (load average {os.getloadavg()[0]:.1f}) | | | | | |")
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
