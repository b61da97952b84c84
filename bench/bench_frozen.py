"""The frozen build (build.spec) beside the source, in the same run: start-up time and unpacked size.

    python bench/bench_frozen.py [--runs 7] [--dist DIST_FOLDER] [--records N]

Without --dist the app is built first with `pyinstaller build.spec` into
bench/out/frozen/ (needs `pip install pyinstaller`). Each case starts a fresh
process N times (after one warm-up run each, so both read from the OS file cache):

- self-test: `python -m desktop --selftest` vs `legalaid-console --selftest`, spawn to exit;
- sign-in window shown: `python -m desktop --data-dir D` vs `legalaid-console --data-dir D`, spawn to
  exit, with LEGALAID_EXIT_AFTER_SHOW=1. The station is encrypted (founded through the real keyring,
  bench/_data.py) and the program opens it only after a clerk signs in, so what it shows first is the
  sign-in window; that variable turns the window away and the program ends. Both builds do the same
  work up to it (imports, logging, the single-instance check, the keyring read), which is what this
  comparison needs; bench_startup.py times the main window itself. Measured only when
  desktop/ui/app.py honours that variable; otherwise "n/a".

Targets: frozen no slower than 1.5x source; the unpacked folder under 200 MB.
"""

from __future__ import annotations

import argparse
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

APP_NAME = "法律援助工作站"
CONSOLE_NAME = "legalaid-console" + (".exe" if sys.platform == "win32" else "")
EXIT_AFTER_SHOW = "LEGALAID_EXIT_AFTER_SHOW"
RATIO_TARGET = 1.5
SIZE_TARGET_MB = 200


def headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QT_PLUGIN_PATH")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return {**env, "PYTHONIOENCODING": "utf-8", **extra}


def build(dist: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
                    "--distpath", str(dist), "--workpath", str(dist.parent / "work")],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def time_run(command: list[str], env: dict[str, str], timeout: float = 120) -> float:
    """Milliseconds from spawn to exit; a failed run stops the benchmark with its output."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=timeout, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        output = (result.stdout + result.stderr).decode("utf-8", "replace")
        raise SystemExit(f"{' '.join(command)} exited with {result.returncode}:\n{output[-3000:]}")
    return elapsed


def measure(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    time_run(command, env)  # warm the OS file cache
    return [time_run(command, env) for _ in range(runs)]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def station_folder(records: int, empty: Path) -> Path:
    """A set-up station (settings saved, key made): `empty` set up now, or the cached one of `records` demo records."""
    import _data

    from desktop.services import open_services

    folder = empty
    if records:
        folder = _data.cached_station(f"frozen-station-{records}", _data.build_in_child(records),
                                      about={"records": records, "seed": 1})
    _data.unlock(folder)  # a new station's head and machine credential, or the cached one's credential
    services = open_services(folder)
    if not services.station.settings.configured:
        services.station.update_settings(_data.SETTINGS)
    services.close()
    return folder


def app_exits_after_show() -> bool:
    return EXIT_AFTER_SHOW in (ROOT / "desktop" / "ui" / "app.py").read_text(encoding="utf-8")


def row(case: str, source: list[float] | None, frozen: list[float] | None) -> str:
    if not source or not frozen:
        return f"{case:<38}{'n/a':>11}{'n/a':>11}{'':>8}  <= {RATIO_TARGET}x  n/a"
    s, f = statistics.median(source), statistics.median(frozen)
    ratio = f / s
    verdict = "PASS" if ratio <= RATIO_TARGET else "FAIL"
    return f"{case:<38}{s:>11.0f}{f:>11.0f}{ratio:>8.2f}  <= {RATIO_TARGET}x  {verdict}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dist", type=Path, help=f"an existing dist folder holding {APP_NAME}/ (default: build now)")
    parser.add_argument("--records", type=int, default=0, help="demo records in the station (default: empty)")
    args = parser.parse_args()

    built = None
    dist = args.dist
    if dist is None:
        dist = ROOT / "bench" / "out" / "frozen" / "dist"
        built = build(dist)
    folder = dist / APP_NAME
    console = folder / CONSOLE_NAME
    if not console.exists():
        raise SystemExit(f"no {CONSOLE_NAME} in {folder}")

    source_cmd = [sys.executable, "-m", "desktop"]
    env = headless_env()
    selftest = (measure(source_cmd + ["--selftest"], env, args.runs),
                measure([str(console), "--selftest"], env, args.runs))
    window: tuple[list[float] | None, list[float] | None] = (None, None)
    if app_exits_after_show():
        with tempfile.TemporaryDirectory(prefix="bench-frozen-") as empty:
            data = str(station_folder(args.records, Path(empty)))
            shown = headless_env(**{EXIT_AFTER_SHOW: "1"})
            window = (measure(source_cmd + ["--data-dir", data], shown, args.runs),
                      measure([str(console), "--data-dir", data], shown, args.runs))
    size_mb = folder_size(folder) / 2**20

    print(f"frozen build: {folder}" + (f" (built in {built:.0f} s)" if built is not None else ""))
    print(f"{args.runs} fresh starts per case, median ms; station: "
          f"{f'{args.records:,} demo records' if args.records else 'set up, empty'}")
    print(f"{'case':<38}{'source ms':>11}{'frozen ms':>11}{'ratio':>8}  target   result")
    print(row("--selftest, spawn to exit", *selftest))
    print(row("sign-in window shown, spawn to exit", *window))
    size_verdict = "PASS" if size_mb < SIZE_TARGET_MB else "FAIL"
    print(f"{'unpacked size of the folder (MB)':<38}{'':>11}{size_mb:>11.1f}{'':>8}  < {SIZE_TARGET_MB} MB  {size_verdict}")
    if window[0] is None:
        print(f"(sign-in window: desktop/ui/app.py does not honour {EXIT_AFTER_SHOW}=1 yet, so it was not timed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
