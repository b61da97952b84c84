"""Cold start to the main window shown, beside a bare PySide6 window, in the same run.

Each start is a fresh interpreter (`python -c ...`), timed from spawn to the
first event-loop turn after the main window's show() (the child reports that
moment; its exit is not counted). Target: the station app within 3x of bare, at
every size.

The station's child runs the program's own start (`python -m desktop --data-dir
D`: logging, the single-instance check, the sign-in at start, the schema check,
the services, the workstation and its main window). Stations are encrypted and
nobody types a password here, so the child first unlocks the station with its
machine credential, found as a scheduled task finds it
($LEGALAID_MACHINE_CREDENTIAL, set to the station's machine.credential): the
sign-in at start then finds the station unlocked and shows no window. So the
figure leaves out the clerk's sign-in (the dialog, and Argon2id's ~0.3 s on the
password) and includes the unlocking by the credential (HKDF, under 1 ms). The
child reports which windows are visible at that moment; anything other than the
main window alone, unlocked (a sign-in dialog, a lock screen, a message box)
stops the benchmark.

    python bench/bench_startup.py [--runs 7] [--records 0 100000 200000]   # 0: an empty station

A station of N demo records is built once (bench/_data.py) and cached under
bench/out/demo-station-N/ (shared with bench_save.py); the empty one (set up, no records) and the
decrypted copy of each station (the plaintext column: the same program with SQLCipher's key left
off, as before issue 16) live in a temporary folder, removed afterwards. The bare window is
measured in the same run, interleaved with the stations.
"""

from __future__ import annotations

import argparse
import json
import os
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
import time; print(time.time(), time.process_time(), flush=True); os._exit(0)
"""

STATION = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LEGALAID_EXIT_AFTER_SHOW"] = "1"  # a sign-in dialog is turned away: the program ends, unshown
sys.path.insert(0, {root!r})
import json, time
from pathlib import Path
from desktop.__main__ import main
{without_encryption}from desktop.records.signin import unlock_with_credential
import desktop.ui.app  # the program's start (run_app) imports PySide6 in its own order: counted with the start's modules
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import collection_resumed
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
imported_cpu = time.process_time()  # the modules of the start imported (the rest: arguments, sign-in, open, window)

data = Path({data!r})
unlock_with_credential(data)  # as a scheduled task: $LEGALAID_MACHINE_CREDENTIAL, no password typed

def report(window):
    shown_at = time.time()
    app = QApplication.instance()
    visible = sorted(type(w).__name__ for w in app.topLevelWidgets() if w.isVisible() and w.isWindow())
    print("SHOWN " + json.dumps({{"at": shown_at, "windows": visible, "locked": window.lock.is_locked(),
                                  "user": window.workstation.session.user, "modules": sorted(sys.modules),
                                  "pages": sorted(window._built), "cpu": time.process_time(),
                                  "built": {{"backups": window._backups is not None,
                                            "network_watch": window.sync.probe._network_asked,
                                            "scanner_watch": window.inbox._watcher is not None,
                                            "sync_timer": window.sync.timer.isActive(),
                                            "lock_screen": window.lock._screen is not None,
                                            "collecting": collection_resumed()}},
                                  "imports_cpu": imported_cpu}}), flush=True)
    os._exit(0)  # the end is not measured, nor run: it would save the window's place in the user's settings

show = MainWindow.show

def show_and_report(window):  # the program's own show(); a filter on the application would weigh on every event
    show(window)
    QTimer.singleShot(0, lambda: report(window))  # the first event-loop turn after show()

MainWindow.show = show_and_report
sys.exit(main(["--data-dir", str(data)]))
"""


def time_run(code: str, env: dict[str, str] | None = None) -> float:
    """Milliseconds from spawning `code` to the moment it reports (the first event-loop turn after show)."""
    return run_child(code, env)["wall"]


def run_child(code: str, env: dict[str, str] | None = None) -> dict[str, float]:
    """One start: its wall-clock ms to the report, and the child's CPU ms by then (`cpu`), of which importing the
    start's modules (`imports`, the station's child only)."""
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env or started_env())
    if code is BARE:
        if done.returncode != 0:
            raise SystemExit(f"the bare window failed:\n{done.stderr[-3000:]}")
        at, cpu = (float(word) for word in done.stdout.split()[-2:])
        return {"wall": (at - start) * 1000, "cpu": cpu * 1000, "imports": 0.0}
    report = shown(done)
    return {"wall": (report["at"] - start) * 1000, "cpu": report["cpu"] * 1000, "imports": report["imports_cpu"] * 1000}


def shown_at(done: subprocess.CompletedProcess) -> float:
    """When the station child showed its main window; stops the benchmark when it showed anything else."""
    return shown(done)["at"]


def shown(done: subprocess.CompletedProcess) -> dict:
    """What the station child reported at its first event-loop turn after show(): when, which windows, the modules
    imported and the later pages built by then; stops the benchmark when it showed anything else."""
    lines = [line[len("SHOWN "):] for line in done.stdout.splitlines() if line.startswith("SHOWN ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"the station's main window was not shown (exit status {done.returncode}):\n"
                         f"{(done.stdout + done.stderr)[-3000:]}")
    report = json.loads(lines[0])
    if report["windows"] != ["MainWindow"] or report["locked"]:
        raise SystemExit(f"the station started to something other than its main window: {report['windows']}")
    return report


def station_env(folder: Path) -> dict[str, str]:
    """The child's environment: the station's machine credential where a scheduled task is told to find it, and
    Python's bytecode cache allowed (`started_env`)."""
    from desktop.records.signin import CREDENTIAL_ENV, CREDENTIAL_FILE

    return {**started_env(), CREDENTIAL_ENV: str(Path(folder).resolve() / CREDENTIAL_FILE)}


def started_env() -> dict[str, str]:
    """This environment, but with Python's bytecode cache written and read as an installed program's start has it
    (its first start compiles our modules once; the frozen build ships them compiled). A shell or CI that sets
    PYTHONDONTWRITEBYTECODE would otherwise have every station start compile ~200 modules from source (~70 ms of
    CPU) while the bare window's PySide6 comes compiled: the warm-up start writes the cache."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--records", type=int, nargs="+", default=[0, 100_000, 200_000],
                        help="demo records in each station measured (0: empty)")
    args = parser.parse_args()
    folders = {n: _data.cached_station(f"demo-station-{n}", _data.build_in_child(n),
                                       about={"records": n, "seed": 1}) for n in args.records if n}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        if 0 in args.records:
            folders[0] = Path(scratch) / "empty"
            _data.make_station(folders[0], 0).close()
        plaintext = [_data.decrypted_copy(folders[n], Path(scratch) / f"plaintext-{n}") for n in args.records]
        measure([folders[n] for n in args.records], args.runs, plaintext)
    return 0


def station_code(folder: Path, plaintext: bool = False) -> str:
    """The child's code for the station at `folder`; `plaintext`: opened without encryption (a decrypted copy)."""
    return STATION.format(root=str(ROOT), data=str(Path(folder).resolve()),
                          without_encryption=_data.WITHOUT_ENCRYPTION if plaintext else "")


def measure(stations: list[Path], runs: int, plaintext: list[Path]) -> None:
    """Time the bare window and the main window on each station folder and its decrypted copy, interleaved;
    print the table."""
    codes = [(station_code(folder, plain), station_env(folder))
             for pair in zip(stations, plaintext) for folder, plain in zip(pair, (False, True))]
    time_run(BARE)
    for code, env in codes:
        time_run(code, env)  # warm the OS file cache, and write our modules' bytecode cache (`started_env`)
    bare_runs: list[dict[str, float]] = []
    app_runs: list[list[dict[str, float]]] = [[] for _ in codes]
    for _ in range(runs):  # interleaved: a busy moment of the machine weighs on every case alike
        bare_runs.append(run_child(BARE))
        for runs_of, (code, env) in zip(app_runs, codes):
            runs_of.append(run_child(code, env))
    bare = [run["wall"] for run in bare_runs]
    app = [[run["wall"] for run in runs_of] for runs_of in app_runs]
    floor = statistics.median(bare)
    print("signed in by the machine credential (the clerk's sign-in is not counted); encrypted: station.db as "
          "shipped; plaintext: a decrypted copy opened with the key left off (before issue 16)")
    print(f"{'case':<40}{'encrypted median/max ms':>25}{'ratio':>7}{'plaintext median/max ms':>25}{'ratio':>7}"
          f"{'enc/plain':>11}  target")
    print(f"{'bare PySide6 window (floor)':<40}{f'{floor:.0f} / {max(bare):.0f}':>25}{1:>7.2f}")
    for index, folder in enumerate(stations):
        enc, plain = app[2 * index], app[2 * index + 1]
        ratio = statistics.median(enc) / floor
        label = f"station main window ({_data.record_count(folder):,} records)"
        print(f"{label:<40}{f'{statistics.median(enc):.0f} / {max(enc):.0f}':>25}{ratio:>7.2f}"
              f"{f'{statistics.median(plain):.0f} / {max(plain):.0f}':>25}{statistics.median(plain) / floor:>7.2f}"
              f"{statistics.median(enc) / statistics.median(plain):>10.2f}x  <= 3x  {'PASS' if ratio <= 3 else 'FAIL'}")
    bare_cpu = statistics.median(run['cpu'] for run in bare_runs)
    print("\nwhere the time goes, in the child's CPU ms (median; a shared machine's load changes it less than the "
          f"wall clock): the bare window {bare_cpu:.0f}")
    for index, folder in enumerate(stations):
        runs_of = app_runs[2 * index]
        imports = statistics.median(run["imports"] for run in runs_of)
        total = statistics.median(run["cpu"] for run in runs_of)
        ratio = total / bare_cpu
        print(f"  station ({_data.record_count(folder):,} records, encrypted): {total:.0f} ({ratio:.2f}x the bare "
              f"window, target <= 3x {'PASS' if ratio <= 3 else 'FAIL'}) = interpreter, PySide6 "
              f"and the start's modules imported {imports:.0f} + arguments, sign-in, opening the station, building "
              f"and showing the window {total - imports:.0f}")


if __name__ == "__main__":
    sys.exit(main())
