"""Cold start to the main window shown, beside a bare PySide6 window, in the same run.

Each start is a fresh interpreter (`python -c ...`), timed from spawn to the
first event-loop turn after show() (the child reports that moment; its exit is
not counted). Target: the station app within 3x of bare, at every size.

    python bench/bench_startup.py [--runs 7] [--records 0 100000 200000]   # 0: an empty station

A station of N demo records is built once (bench/_data.py) and cached under
bench/out/startup-station-N/; the empty one lives in a temporary folder,
removed afterwards. The bare window is measured once, in the same run, between
the stations.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _data  # noqa: E402

BARE = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QLabel("hello")); w.resize(1366, 740); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
import time; print(time.time(), flush=True); os._exit(0)
"""

STATION = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from pathlib import Path
from PySide6.QtCore import QTimer
from desktop.services import open_services
from desktop.ui.app import make_application
from desktop.ui.main_window import MainWindow
from desktop.ui.workstation import Workstation
app = make_application([])
services = open_services(Path({data!r}))
w = MainWindow(Workstation(services)); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
import time; print(time.time(), flush=True); os._exit(0)
"""


def time_run(code: str) -> float:
    """Milliseconds from spawning `code` to the moment it prints (the first event-loop turn after show)."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return (float(done.stdout.split()[-1]) - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", type=int, nargs="+", default=[0, 100_000, 200_000],
                        help="demo records in each station measured (0: empty)")
    args = parser.parse_args()
    folders = {n: _data.cached_station(f"startup-station-{n}", _data.build_in_child(n),
                                       about={"records": n, "seed": 1}) for n in args.records if n}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as empty:
        if 0 in args.records:
            _data.make_station(Path(empty), 0).close()
            folders[0] = Path(empty)
        measure([folders[n] for n in args.records], args.runs)
    return 0


def measure(stations: list[Path], runs: int) -> None:
    """Time the bare window and the main window on each station folder, interleaved; print the table."""
    codes = [STATION.format(root=str(ROOT), data=str(folder)) for folder in stations]
    for code in (BARE, *codes):
        time_run(code)  # warm the OS file cache
    bare: list[float] = []
    app: list[list[float]] = [[] for _ in stations]
    for _ in range(runs):  # interleaved: a busy moment of the machine weighs on every case alike
        bare.append(time_run(BARE))
        for times, code in zip(app, codes):
            times.append(time_run(code))
    floor = statistics.median(bare)
    print(f"{'case':<40}{'median ms':>12}{'max ms':>10}{'ratio':>8}  target")
    print(f"{'bare PySide6 window (floor)':<40}{floor:>12.0f}{max(bare):>10.0f}{1:>8.2f}")
    for folder, times in zip(stations, app):
        ratio = statistics.median(times) / floor
        label = f"station main window ({_records(folder):,} records)"
        print(f"{label:<40}{statistics.median(times):>12.0f}{max(times):>10.0f}{ratio:>8.2f}  "
              f"<= 3x  {'PASS' if ratio <= 3 else 'FAIL'}")


def _records(data_dir: Path) -> int:
    """The records the measured station really holds (not the number asked for)."""
    import sqlite3

    conn = sqlite3.connect((data_dir / "station.db").resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("SELECT (SELECT count(*) FROM consultations) + (SELECT count(*) FROM applications)"
                            ).fetchone()[0]
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
