"""Benchmark: the plan's measures, deadlines and reports at 200,000 records (issue 14).

    python bench/bench_measures.py                  # a station of 200k demo records (cached, bench/out/)
    python bench/bench_measures.py --sizes 20000    # a quick run

The station is the demo generator's (bench/_data.py), with its cases' lives after the decision. Measured, each
`--repeat` times after a warm-up: reading the station's cases (one pass), the year's figures from them, the
indicator screen's whole refresh (both), every open deadline (期限待办), the countdowns of one list page, and
the year's 12348 report built (not written). Target: the indicator screen under a second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench_lists import ensure_station, measure, p99  # noqa: E402

TARGET_MS = 1000.0


def bench(folder: Path, n: int, repeat: int) -> list[tuple[str, list[float], float | None]]:
    from desktop.records import deadlines, indicators as ind
    from desktop.records.reports import StationSource, hotline_quarterly
    from desktop.records.station import open_station

    station = open_station(folder)
    db, settings = station.db, station.settings
    today = db.execute("SELECT max(substr(received_at, 1, 10)) FROM applications").fetchone()[0]
    today = date.fromisoformat(today)
    year = ind.Period(date(today.year - 1, today.month, 1), today)
    cases = ind.load_station_cases(db, settings.station_code, settings.township)
    page = [r[0] for r in db.execute("SELECT id FROM applications ORDER BY received_at DESC LIMIT 200")]
    label = f"{n // 1000}k"
    rows = [
        (f"{label} read the cases ({len(cases)} applications)",
         measure(lambda: ind.load_station_cases(db, settings.station_code, settings.township), repeat), None),
        (f"{label} the year's figures from them", measure(lambda: ind.figures(cases, year, 30_000, today), repeat), None),
        (f"{label} indicator screen refresh (read + figures + monthly chart)",
         measure(lambda: _screen(db, settings, year, today), repeat), TARGET_MS),
        (f"{label} every open deadline (期限待办)", measure(lambda: deadlines.open_deadlines(db), repeat), TARGET_MS),
        (f"{label} countdowns of a list page (200 rows)", measure(lambda: deadlines.countdowns(db, page), repeat), 50.0),
        (f"{label} 12348 report of the year", measure(
            lambda: hotline_quarterly(StationSource(db, "x", settings.station_code, settings.township), year),
            repeat), None),
    ]
    station.close()
    return rows


def _screen(db, settings, period, today) -> None:
    from desktop.records import indicators as ind

    cases = ind.load_station_cases(db, settings.station_code, settings.township)
    ind.figures(cases, period, 30_000, today)
    ind.monthly(cases, period, ind.CASES, 30_000, today)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[200_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    print("| case | median ms | p99 ms | target |\n|---|---|---|---|")
    for n in args.sizes:
        folder = ensure_station(n, args.seed, args.rebuild)
        for name, times, target in bench(folder, n, args.repeat):
            verdict = "" if target is None else f"< {target:.0f} ms {'✔' if p99(times) < target else '✘'}"
            print(f"| {name} | {statistics.median(times):.1f} | {p99(times):.1f} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
