"""Benchmark: the consultation and application lists at 100,000 and 200,000 records.

    python bench/bench_lists.py                 # stations of 100k and 200k demo records (70 % consultations)
    python bench/bench_lists.py --sizes 20000   # a quick run
    python bench/bench_lists.py --rebuild       # build the stations again

Stations are built once by the demo generator (bench/_data.py, in a child
process) and cached under bench/out/demo-station-N/. Each case runs `--repeat` times on a warm cache (wall and CPU
time), beside two floors
measured in the same run on the same connection (the station's own: SQLCipher, keyed as the program keys
station.db): a `SELECT 1` round trip and a bare `SELECT id FROM consultations LIMIT 200`. Peak memory is measured in a
fresh child process that opens the list page (VmHWM), so building the data
does not count.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 50.0


def ensure_station(n: int, seed: int, rebuild: bool) -> Path:
    """The cached station folder of `n` demo records (seed `seed`), built in a child process when missing."""
    import _data  # not at the top: the memory child measures with no more than it needs loaded

    name = f"demo-station-{n}" if seed == 1 else f"demo-station-{n}-s{seed}"  # the other benches' stations (seed 1)
    return _data.cached_station(name, _data.build_in_child(n, seed), rebuild=rebuild, about={"records": n, "seed": seed})


CPU_MS: dict[int, float] = {}  # id of a case's times: its median CPU time (this process, user + system)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(run: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of `repeat` runs after one warm-up run (their CPU time noted in CPU_MS: on a shared machine the
    wall clock is the load's, the CPU time the query's)."""
    run()
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), _cpu_seconds()
        run()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((_cpu_seconds() - started_cpu) * 1000)
    CPU_MS[id(times)] = statistics.median(cpu)
    return times


def p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, max(0, int(round(0.99 * len(ordered))) - 1))]


def bench_station(folder: Path, n: int, repeat: int) -> list[tuple[str, list[float] | None, float | None]]:
    """(case, times in ms, target ms or None) for one station."""
    from PySide6.QtCore import Qt

    from desktop.records import queries
    from desktop.records.queries import ListQuery
    from desktop.records.station import open_station
    from desktop.ui.record_list_model import PAGE_SIZE, RecordListModel

    station = open_station(folder)
    db, reference = station.db, station.store.reference
    rows: list[tuple[str, list[float] | None, float | None]] = []
    label = f"{n // 1000}k"

    def case(name: str, run: Callable[[], object], target: float | None = TARGET_MS, times: int = repeat) -> None:
        rows.append((f"{label} {name}", measure(run, times), target))

    case("floor: SELECT 1", lambda: db.execute("SELECT 1").fetchall(), None)
    case("floor: SELECT id ... LIMIT 200", lambda: db.execute("SELECT id FROM consultations LIMIT 200").fetchall(),
         None)

    def open_list(record_type: str, **filters) -> RecordListModel:
        query = ListQuery(record_type, sort=queries.TIME_COLUMN[record_type], **filters)
        model = RecordListModel(db, query, reference)
        assert model.loaded_rows() == min(PAGE_SIZE, model.total())
        return model

    first = ListQuery("consultation", sort="occurred_at")
    case("consultations: count + page, core only (no model)",
         lambda: queries.Listing(db, first).page(0, PAGE_SIZE))
    case("consultations: first page (model + count + page)", lambda: open_list("consultation"))
    case("applications: first page (model + count + page)", lambda: open_list("application"))
    for text in ("赡", "工资", "宅基地"):
        case(f"search {len(text)} char '{text}' (count + page)", lambda text=text: open_list("consultation", text=text))
    case("search 2 char name '秀英' (count + page)", lambda: open_list("consultation", text="秀英"))
    case("search 1 char surname '张': names first (count + page)", lambda: open_list("consultation", text="张"))

    def last_row_of(record_type: str, **filters) -> str:
        """Ctrl+End on a freshly opened list: the count, the first page, then the last row's page."""
        model = open_list(record_type, **filters)
        return model.index(model.rowCount() - 1, 0).data()

    def last_row(**filters) -> str:
        return last_row_of("consultation", **filters)

    case("Ctrl+End: open, then the last record's page", last_row)
    case("Ctrl+End after searching '张' (the last text hit)", lambda: last_row(text="张"))
    case("filter channel=hotline (count + page)", lambda: open_list("consultation", channel="hotline"))
    case("filter special group=veteran (count + page)",
         lambda: open_list("consultation", special_group="veteran"))
    case("filter rarest matter (state_compensation) + Ctrl+End",
         lambda: last_row(category="state_compensation"))
    case("filter channel=hotline + matter=wages (count + page)",
         lambda: open_list("consultation", channel="hotline", category="wages"))
    case("filter group=veteran + channel=hotline + Ctrl+End",
         lambda: last_row(special_group="veteran", channel="hotline"))
    case("applications: filter status=recorded + Ctrl+End", lambda: last_row_of("application", status="recorded"))
    case("search 2 char '工资' + channel=hotline (count + page)",
         lambda: open_list("consultation", text="工资", channel="hotline"))
    model = open_list("consultation")
    # Two header clicks (ascending, then descending) so every run really queries again.
    for column, title in ((1, "name"), (2, "channel"), (3, "matter"), (5, "clerk")):
        case(f"sort by {title}: 2 header clicks (2 x count + page)",
             lambda column=column: (model.sort(column, Qt.SortOrder.AscendingOrder),
                                    model.sort(column, Qt.SortOrder.DescendingOrder)),
             TARGET_MS * 2, max(3, repeat // 4))
    applications = open_list("application")
    case("applications: sort by status: 2 header clicks",
         lambda: (applications.sort(5, Qt.SortOrder.AscendingOrder),
                  applications.sort(5, Qt.SortOrder.DescendingOrder)), TARGET_MS * 2, max(3, repeat // 4))

    deep = queries.Listing(db, ListQuery("consultation", sort="occurred_at"))

    def page_after(offset: int):
        """What the model does when scrolled to `offset`: the next page after the last row it shows."""
        last = deep.page(offset - 1, 1)[0]  # set-up, not timed
        return lambda: deep.page(offset, PAGE_SIZE, after=last)

    case("next page at row 1,000 (keyset)", page_after(1_000))
    case(f"next page at row {n // 2:,} (keyset)", page_after(n // 2), TARGET_MS, max(3, repeat // 4))
    case(f"a page at row {n // 2:,} with none beside it (scroll bar dragged)", lambda: deep.page(n // 2, PAGE_SIZE),
         None, max(3, repeat // 4))  # reported: OFFSET from the nearer end, a drag's cost
    station.close()
    return rows


def rss_child(folder: str) -> None:
    """In a fresh process: open the list page, scroll 10 pages, print peak RSS (MB) as JSON."""
    from PySide6.QtWidgets import QApplication

    import _data  # without the demo generator: it opens stations, it does not fill them
    from desktop.records.station import open_station
    from desktop.ui.record_list import RecordListPage

    app = QApplication([])
    before = _vm_hwm_mb()
    _data.unlock(Path(folder))  # by the station's machine credential, as another process opens it
    station = open_station(Path(folder))
    page = RecordListPage(station, "consultation")
    page.resize(1166, 708)
    page.show()
    app.processEvents()
    opened = _vm_hwm_mb()
    for row in range(0, 10 * 200, 200):  # the view reads a page as it shows its first row
        page.table.scrollTo(page.model.index(row, 0))
        app.processEvents()
    page.table.scrollToBottom()
    app.processEvents()
    print(json.dumps({"qt_only": before, "list_open": opened, "after_10_pages": _vm_hwm_mb(),
                      "rows": page.model.loaded_rows(), "total": page.model.total()}))
    station.close()


def _vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rss-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child:
        rss_child(args.rss_child)
        return 0

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # the model makes fonts: it needs a GUI application
    folders = {n: ensure_station(n, args.seed, args.rebuild) for n in args.sizes}
    rows: list[tuple[str, list[float] | None, float | None]] = []
    memory: list[tuple[str, dict]] = []
    for n, folder in folders.items():
        rows += bench_station(folder, n, args.repeat)
        child = subprocess.run([sys.executable, __file__, "--rss-child", str(folder)], check=True,
                               capture_output=True, text=True)
        memory.append((f"{n // 1000}k", json.loads(child.stdout.strip().splitlines()[-1])))
    del app

    print("each station's floors are timed on its own connection: SQLCipher, encrypted as the program's station.db")
    failed = _print_table(rows)
    print()
    print(f"{'peak RSS (VmHWM, fresh process)':<58} {'Qt only':>9} {'list open':>10} {'10 pages':>9}")
    for label, m in memory:
        print(f"{label + ' consultations list':<58} {m['qt_only']:>7.0f}MB {m['list_open']:>8.0f}MB "
              f"{m['after_10_pages']:>7.0f}MB   ({m['rows']:,} of {m['total']:,} rows loaded)")
    return 1 if failed else 0


def _print_table(rows: list[tuple[str, list[float] | None, float | None]]) -> bool:
    floors: dict[str, float] = {}
    print(f"{'case':<58} {'median ms':>10} {'p99 ms':>9} {'cpu ms':>8} {'x SELECT 1':>11} {'x page floor':>13} "
          f"{'target':>7}  result")
    failed = False
    for name, times, target in rows:
        size = name.split()[0]
        median = statistics.median(times)
        if "floor: SELECT 1" in name:
            floors[size + "/1"] = median
        elif "floor:" in name:
            floors[size + "/page"] = median
        ratio1 = median / floors.get(size + "/1", median)
        ratio2 = median / floors.get(size + "/page", median)
        verdict = "-" if target is None else ("PASS" if p99(times) <= target else "FAIL")
        failed |= verdict == "FAIL"
        print(f"{name:<58} {median:>10.3f} {p99(times):>9.3f} {CPU_MS[id(times)]:>8.3f} {ratio1:>11.0f} {ratio2:>13.1f} "
              f"{'' if target is None else f'{target:.0f} ms':>7}  {verdict}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
