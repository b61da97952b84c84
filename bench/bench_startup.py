"""Cold start to the main window shown, beside a bare PySide6 window, in the same run.

Each start is a fresh interpreter (`python -c ...`), timed from spawn to the
first event-loop turn after show(). Target: the station app within 3x of bare.

    python bench/bench_startup.py [--runs 7] [--records 100000]   # --records 0: an empty station

The station of N demo records is built once (bench/_data.py) and cached under
bench/out/startup-station-N/; the empty one lives in a temporary folder,
removed afterwards.
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
"""


def time_run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", type=int, default=100_000, help="demo records in the station (0: empty)")
    args = parser.parse_args()
    if args.records:
        folder = _data.cached_station(f"startup-station-{args.records}", _data.build_in_child(args.records),
                                      about={"records": args.records, "seed": 1})
        return measure(folder, args)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as empty:
        _data.make_station(Path(empty), 0).close()
        return measure(Path(empty), args)


def measure(data_dir: Path, args: argparse.Namespace) -> int:
    """Time the bare window and the station's main window on `data_dir`; print the table."""
    station_code = STATION.format(root=str(ROOT), data=str(data_dir))
    time_run(BARE), time_run(station_code)  # warm the OS file cache
    bare = [time_run(BARE) for _ in range(args.runs)]
    app = [time_run(station_code) for _ in range(args.runs)]
    count = _records(data_dir)
    floor = statistics.median(bare)
    print(f"{'case':<40}{'median ms':>12}{'max ms':>10}{'ratio':>8}  target")
    print(f"{'bare PySide6 window (floor)':<40}{floor:>12.0f}{max(bare):>10.0f}{1:>8.2f}")
    ratio = statistics.median(app) / floor
    label = f"station main window ({count:,} records)"
    print(f"{label:<40}{statistics.median(app):>12.0f}{max(app):>10.0f}{ratio:>8.2f}  "
          f"<= 3x  {'PASS' if ratio <= 3 else 'FAIL'}")
    return 0


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
