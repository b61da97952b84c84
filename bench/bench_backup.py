"""Backup time of a ~200 MB station database: `python bench/bench_backup.py [--size-mb 200] [--repeat 3]`

The station is built once by the demo generator (bench/_data.py: realistic consultations and
applications, each through Store.save; founded through the real keyring, so station.db is
SQLCipher-encrypted as the program's is) and cached under bench/out/backup-station-<n>/. Then, in the
same run and on the same encrypted file (the copies in bench/out/backup-work/, removed afterwards):

- the floor: `shutil.copyfile` of station.db (a plain copy, which is NOT a safe backup of a live
  WAL database: it can catch a half-written page), and the same copy with an fsync;
- the online copy alone: SQLCipher's `Connection.backup` into a new file in one step, no checks, both
  ends keyed with the station's database key (as the program's backup is);
- `make_backup`, as the app runs it: a read snapshot, the online copy in 4 MB steps with progress,
  the copy switched to rollback-journal mode, fsync, its SHA-256, then the check (SHA-256 again,
  `PRAGMA integrity_check`, every table's row count), rename and rotation;
- `verify_backup` of that backup alone (what a restore checks first), and `integrity_check` alone (on
  a keyed read-only connection).

Every timed step runs after its child unlocked the station with its machine credential (no password,
as a scheduled backup does; not timed), and every timed step runs in its own child process after `sync` (no step pays for the previous one's
writeback) with the database read once beforehand (the same warm page cache for all); steps are
interleaved and repeated, and the best run of each counts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

RECORDS_PER_MB = 107  # measured: 200,000 demo records make 1,864 MB


def ensure_station(size_mb: int, rebuild: bool) -> Path:
    """The cached station folder of about `size_mb` MB, built in a child process when missing."""
    import _data

    n = size_mb * RECORDS_PER_MB
    return _data.cached_station(f"backup-station-{n}", _data.build_in_child(n), rebuild=rebuild,
                                about={"records": n, "seed": 1})


# ------------------------------------------------------------------ children (each step in its own process)

def child(step: str, station: Path, target: Path) -> dict:
    import _data
    from desktop.records.backup import list_backups, make_backup, verify_backup  # imports are not backup time
    from desktop.records.db import database_key
    from desktop.records.sqlcipher import apply_key, sqlite3

    _data.unlock(station)  # as a scheduled backup opens it: by the machine credential
    source = station / "station.db"
    target.mkdir(parents=True)
    started = time.perf_counter()
    out: dict = {}
    if step in ("copy", "durable-copy"):
        shutil.copyfile(source, target / "station.db")
        if step == "durable-copy":
            fd = os.open(target / "station.db", os.O_RDWR)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    elif step == "online-copy":
        src = _data.keyed_connection(station)
        dest = sqlite3.connect(target / "station.db")
        apply_key(dest, database_key(station))  # the copy encrypted with the same key, as make_backup's is
        src.backup(dest)
        dest.close()
        src.close()
    elif step == "make-backup":
        info = make_backup(station, target, keep=1)
        out.update(backup=str(info.path), tables=len(info.counts), records=info.count("consultations")
                   + info.count("applications"))
    elif step == "verify":
        [info] = list_backups(station.parent / "backup-work" / "kept")
        started = time.perf_counter()
        out["problems"] = len(verify_backup(info.path))
    elif step == "integrity":
        conn = _data.keyed_connection(station, read_only=True)
        out["result"] = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
    out["seconds"] = time.perf_counter() - started
    return out


def run_child(step: str, station: Path, target: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", step, str(station), str(target)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"child {step} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ the run

def measure(station: Path, work: Path, repeat: int) -> dict[str, dict]:
    """The best run of each step, each in its own child process, copies made in `work`."""
    database = station / "station.db"

    def settled() -> None:
        if hasattr(os, "sync"):
            os.sync()
        with open(database, "rb") as f:  # the same warm cache for every step
            while f.read(8 * 1024 * 1024):
                pass

    steps = ("copy", "durable-copy", "online-copy", "make-backup", "integrity")
    best: dict[str, dict] = {}
    for _ in range(repeat):
        for step in steps:
            target = work / step
            settled()
            result = run_child(step, station, target)
            if step not in best or result["seconds"] < best[step]["seconds"]:
                best[step] = result
            shutil.rmtree(target)
    # a backup to verify, kept apart
    kept = work / "kept"
    settled()
    run_child("make-backup", station, kept)
    verified = None
    for _ in range(repeat):
        settled()
        result = run_child("verify", station, work / "verify")
        shutil.rmtree(work / "verify")
        if verified is None or result["seconds"] < verified["seconds"]:
            verified = result
    best["verify"] = verified
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=200, help="database size to build (default 200 MB)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step; the best counts (default 3)")
    parser.add_argument("--rebuild", action="store_true", help="build the station again")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step, station, target = args.child
        print(json.dumps(child(step, Path(station), Path(target))))
        return 0

    from desktop.records.sqlcipher import sqlite3

    station = ensure_station(args.size_mb, args.rebuild)
    size = (station / "station.db").stat().st_size
    work = OUT / "backup-work"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        best = measure(station, work, args.repeat)
    finally:
        shutil.rmtree(work)

    floor = best["copy"]["seconds"]
    mb = size / 1e6
    names = {
        "copy": "plain copy (shutil.copyfile)",
        "durable-copy": "durable copy (copyfile + fsync)",
        "online-copy": "online copy only (Connection.backup)",
        "make-backup": "make_backup (copy + checks)",
        "integrity": "PRAGMA integrity_check only",
        "verify": "verify_backup (hash, integrity, counts)",
    }
    print(f"\nstation.db {mb:,.0f} MB ({best['make-backup']['records']:,} records, "
          f"{best['make-backup']['tables']} tables), python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version} "
          f"under SQLCipher (encrypted, as the program's), "
          f"best of {args.repeat} runs each (interleaved)\n")
    print(f"{'step':<42}{'seconds':>9}{'MB/s':>9}{'ratio':>9}")
    for step in ("copy", "durable-copy", "online-copy", "integrity", "make-backup", "verify"):
        seconds = best[step]["seconds"]
        print(f"{names[step]:<42}{seconds:>9.2f}{mb / seconds:>9.0f}{seconds / floor:>8.2f}x")
    ok = best["verify"]["problems"] == 0 and best["integrity"]["result"] == "ok"
    print("\nthe backup verified" if ok else "\nTHE BACKUP DID NOT VERIFY")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
