"""Stations for the benchmarks, made by the demo generator and cached under bench/out/.

`make_station(path, records, seed)` fills a new station folder with `records`
consultations and applications exactly as `python -m desktop demo-data` does
(desktop.demo: unique people who sometimes come back, edits, voids; every record
through `Store.save`, 500 per transaction), without the sample scans: the
benchmarks that need files make their own.

`cached_station(name, build)` is how every benchmark keeps a station between
runs: it is built in `bench/out/<name>.partial`, its marker `complete.json` is
written last, and only then is the folder renamed to `bench/out/<name>`. A
folder without its marker (an interrupted build, an older layout) is built
again, never measured. bench/out/ is the only place the benchmarks leave
anything behind (gitignored; delete it to start over).

    python bench/_data.py FOLDER RECORDS [SEED]   # build one station folder (the benchmarks' child process)
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.demo import DEMO_SETTINGS, fill  # noqa: E402
from desktop.records.keyring import Keyring  # noqa: E402
from desktop.records.settings import StationSettings  # noqa: E402
from desktop.records.signin import create_credential, found_station, unlock_with_credential  # noqa: E402
from desktop.records.station import Station, open_station  # noqa: E402

OUT = ROOT / "bench" / "out"
COMPLETE = "complete.json"
SETTINGS = DEMO_SETTINGS


def make_station(path: Path, records: int, seed: int = 1, *, settings: StationSettings | None = None,
                 progress: Callable[[str], object] | None = None) -> Station:
    """A station folder at `path` (new, or without records) holding `records` demo records; open.
    A new one gets a station head (BENCH_HEAD) and a machine credential in the folder, which travels with it."""
    unlock(path)
    station = open_station(Path(path))
    try:
        if station.db.execute("SELECT count(*) FROM consultations").fetchone()[0]:
            raise FileExistsError(f"{path} already holds records")
        station.update_settings(settings or SETTINGS)
        fill(station, records, seed, progress=progress)
        station.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one file: copies and backups start from it
    except BaseException:
        station.close()
        raise
    return station


BENCH_HEAD, BENCH_PASSWORD = "演示站长", "bench-password"


def unlock(path: Path) -> None:
    """Unlock the bench station at `path` in this process (made here first when the folder has none)."""
    if Keyring.exists(path):
        unlock_with_credential(Path(path))
    else:
        unlocked, _recovery = found_station(Path(path), BENCH_HEAD, BENCH_PASSWORD)
        create_credential(Path(path), unlocked)


def cached_station(name: str, build: Callable[[Path], object], *, rebuild: bool = False,
                   about: dict | None = None) -> Path:
    """bench/out/<name>, built by `build(folder)` unless a complete one is there (see the module docstring)."""
    folder, partial = OUT / name, OUT / f"{name}.partial"
    if (folder / COMPLETE).is_file() and not rebuild:
        return folder
    for stale in (folder, partial):
        if stale.exists():
            shutil.rmtree(stale)
    partial.mkdir(parents=True)
    started = time.perf_counter()
    try:
        build(partial)
        seconds = time.perf_counter() - started
        (partial / COMPLETE).write_text(json.dumps({**(about or {}), "build_seconds": round(seconds, 1)}))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(folder)
    return folder


def build_in_child(records: int, seed: int = 1) -> Callable[[Path], object]:
    """A `build` for `cached_station` that fills the folder in a child process (its memory is not the benchmark's)."""
    import subprocess

    def build(folder: Path) -> None:
        print(f"building a station of {records:,} demo records in {folder.parent} (once) ...", flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(Path(__file__).resolve()), str(folder), str(records), str(seed)],
                       check=True)
        size = (folder / "station.db").stat().st_size / 1e6
        print(f"  built in {time.perf_counter() - started:.0f} s ({size:,.0f} MB)", flush=True)

    return build


def main(argv: list[str] | None = None) -> int:
    """`python bench/_data.py FOLDER RECORDS [SEED]`: build a station folder."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("records", type=int)
    parser.add_argument("seed", type=int, nargs="?", default=1)
    args = parser.parse_args(argv)
    make_station(args.folder, args.records, args.seed, progress=print).close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
