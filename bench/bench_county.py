"""Benchmark: the county workspace at a million records across 100 stations (issue 17).

    python bench/bench_county.py                           # 1,000,000 records, 100 stations (cached, bench/out/)
    python bench/bench_county.py --records 100000 --stations 20 --repeat 3   # a quick run

The county is built once straight into county.db (bench/county_data.py: the county's own storage, the demo
generator's records, ten years of them) and kept in bench/out/ with a completeness marker. Measured, each
`--repeat` times after a warm-up, as the workspace's endpoints call them: the queue's first page (unfiltered,
with each filter, and a search), the navigation's counts, the consultations searched by a two-character word,
a longer one and a name, one application in full, and the county's indicators (sync/server/plan.py: the work
plan's measures of the last twelve months, county-wide and for one township; the workspace's measures screen (county,
each township and station, the monthly chart) and a figure's records a page at a time; and the INDICATORS report). `--profile` prints where the time goes of each case over its target. The floor, measured in the same run:
reading one page (50) of applications by an index and decoding their JSON, the least any page can cost.
Target: each under 200 ms at 1,000,000 records.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from county_data import NOW, build_county, cached_county, open_county  # noqa: E402

TARGET_MS = 200.0


def measure(run, repeat: int) -> list[float]:
    """Milliseconds of `repeat` runs after one warm-up run."""
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def cases(store, today: date) -> list[tuple[str, object]]:
    """(what is measured, the call) as the workspace makes them."""
    import json

    from desktop.records.indicators import Period
    from desktop.records.reports import build
    from sync.server import measures as m, queue as q
    from sync.server.plan import CountySource

    conn = store.conn()
    first = conn.execute("SELECT record_id, data FROM records WHERE record_type = 'application' AND voided = 0 "
                         "ORDER BY rowid DESC LIMIT 1").fetchone()
    application_id, data = first[0], json.loads(first[1])
    name = data.get("name") or "王"
    year = Period(date(today.year - 1, today.month, 1), today)
    last_quarter_end = date(today.year, (today.month - 1) // 3 * 3 + 1, 1) - timedelta(days=1)
    quarter = Period(date(last_quarter_end.year, last_quarter_end.month - 2, 1), last_quarter_end)
    townships = [t for (t,) in conn.execute("SELECT DISTINCT township FROM stations ORDER BY township")]

    def floor():
        rows = conn.execute("SELECT data FROM records WHERE record_type = 'application' AND rowid < ? "
                            "ORDER BY rowid DESC LIMIT 50", (10 ** 12,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    found: list[tuple[str, object]] = [("floor: one page of applications read by an index", floor),
                                       ("queue, first page", lambda: q.queue(store, q.QueueFilters(), today))]
    for status in q.STATUSES:
        found.append((f"queue: status {status}", lambda s=status: q.queue(store, q.QueueFilters(status=s), today)))
    for group in q.GROUPS:
        found.append((f"queue: group {group}", lambda g=group: q.queue(store, q.QueueFilters(group=g), today)))
    for state in q.DEADLINE_STATES:
        found.append((f"queue: deadline {state}", lambda d=state: q.queue(store, q.QueueFilters(deadline=d), today)))
    found += [
        ("queue: case type criminal", lambda: q.queue(store, q.QueueFilters(case_type="criminal"), today)),
        ("queue: one station", lambda: q.queue(store, q.QueueFilters(station="S001"), today)),
        ("queue: search a name", lambda: q.queue(store, q.QueueFilters(text=name), today)),
        ("queue: page 20", lambda: q.queue(store, q.QueueFilters(page=20), today)),
        ("navigation counts", lambda: q.counts(store, today)),
        ("consultations, first page", lambda: q.consultations(store, None, None, 1)),
        ("consultations: 2-character word 工资", lambda: q.consultations(store, "工资", None, 1)),
        ("consultations: 2-character word 离婚", lambda: q.consultations(store, "离婚", None, 1)),
        ("consultations: longer words 拖欠工资", lambda: q.consultations(store, "拖欠工资", None, 1)),
        ("consultations: a name", lambda: q.consultations(store, name, None, 1)),
        ("one application in full", lambda: q.application_view(store, application_id, today)),
        ("county indicators, last 12 months (plan.py figures)",
         lambda: CountySource(store.conn(), "县").figures(year, today)),
        ("county indicators, one township (plan.py figures)",
         lambda: CountySource(store.conn(), "县").figures(year, today, townships[len(townships) // 2])),
        (f"workspace measures: county, {len(townships)} townships, every station, monthly chart",
         lambda: m.overview(store, year.start, year.end, "cases", m.Scope(), today)),
        ("workspace measures: one township's, its chart",
         lambda: m.overview(store, year.start, year.end, "criminal_share", m.Scope(township=townships[0]), today)),
        ("workspace: a figure's records, first page (overdue)",
         lambda: m.figure_records(store, year.start, year.end, "overdue", m.Scope(), 1, today)),
        ("workspace: a figure's records, page 100 (litigation share)",
         lambda: m.figure_records(store, year.start, year.end, "litigation_share", m.Scope(), 100, today)),
        ("indicators report over every case (reports.py INDICATORS)",
         lambda: build("INDICATORS", CountySource(store.conn(), "县"), year, today)),
        ("12348 quarterly report, the last whole quarter (reports.py 12348-QUARTERLY)",
         lambda: build("12348-QUARTERLY", CountySource(store.conn(), "县"), quarter, today)),
        ("case statistics by month, last 12 months (reports.py CASE-STATISTICS)",
         lambda: build("CASE-STATISTICS", CountySource(store.conn(), "县"), year, today)),
    ]
    return found


def profile(run, lines: int = 8) -> str:
    """Where the time of one run goes (cProfile, by cumulative time)."""
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(lines)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip() and "/" in line or "(" in line)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only", help="measure only the cases whose name contains this")
    parser.add_argument("--profile", action="store_true", help="show where the time goes of each case over target")
    args = parser.parse_args()
    name = f"county-{args.records}-{args.stations}-s{args.seed}"

    def build(folder: Path) -> dict:
        print(f"building a county of {args.records:,} records over {args.stations} stations in {folder.parent} "
              "(once) ...", flush=True)
        return build_county(folder, args.records, args.stations, args.seed)

    folder = cached_county(name, build, rebuild=args.rebuild)
    store = open_county(folder)
    from sync.server.indexes import catch_up

    started = time.perf_counter()
    marked = catch_up(store.conn())  # nothing, unless the cached county was interrupted while indexing
    print(f"county opened, {marked} records left to index, in {(time.perf_counter() - started) * 1000:.0f} ms")
    today = NOW.date()
    label = f"{args.records // 1000}k"
    print(f"| {label} records, {args.stations} stations | median ms | max ms | × floor | target |\n|---|---|---|---|---|")
    floor = None
    slow = []
    for what, run in cases(store, today):
        if args.only and args.only not in what and not what.startswith("floor"):
            continue
        times = measure(run, args.repeat)
        median = statistics.median(times)
        floor = floor or median
        target = "" if what.startswith("floor") else \
            f"< {TARGET_MS:.0f} ms {'✔' if max(times) < TARGET_MS else '✘'}"
        if max(times) >= TARGET_MS and not what.startswith("floor"):
            slow.append((what, run))
        print(f"| {what} | {median:.1f} | {max(times):.1f} | {median / floor:.1f} | {target} |", flush=True)
    if args.profile:
        for what, run in slow:
            print(f"\nwhere the time goes: {what}\n{profile(run)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
