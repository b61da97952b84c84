"""How long does "save" take with 100,000 records in the station? `python bench/bench_save.py`

Measures `Store.save` of a new consultation (validation, person, record,
history, outbox, search index, one durable transaction) beside the floor: a raw
INSERT + COMMIT of a similar row into a plain table in the same file, on a
SQLCipher connection keyed as the program keys station.db (so the floor pays
the same page encryption), with the same pragmas (WAL, synchronous=FULL).
Saves and raw inserts alternate, so both see the same disk. Target: Store.save
p99 within 5x of the raw p99.

A second, informational pair of rows repeats the measurement with SQLite's
automatic WAL checkpoint switched off and a PASSIVE checkpoint run between
saves instead (what an idle-time worker would do): it shows how much of the
tail is the checkpoint that otherwise runs inside whichever COMMIT crosses
1000 WAL pages.

The 100,000-record station is built once with the demo generator (bench/_data.py:
founded through the real keyring, station.db encrypted) and cached under bench/out/
(gitignored); each run works on a fresh copy of it (its database, keyring and
machine credential), removed afterwards.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _data  # noqa: E402
from desktop.demo import generate_records, strip_meta  # noqa: E402
from desktop.records.db import DATABASE_FILE  # noqa: E402
from desktop.records.keyring import KEYRING_FILE  # noqa: E402
from desktop.records.signin import CREDENTIAL_FILE  # noqa: E402
from desktop.records.sqlcipher import sqlite3  # noqa: E402
from desktop.records.station import open_station  # noqa: E402

TARGET_RATIO = 5.0


def working_copy(cached: Path) -> Path:
    work = _data.OUT / "save-work"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in (DATABASE_FILE, KEYRING_FILE, CREDENTIAL_FILE):  # the copy opens as the cached station does
        shutil.copy2(cached / name, work / name)
    _data.unlock(work)
    return work


def new_consultations(n: int, taken: set[str]) -> list[dict]:
    """Fresh consultations as a clerk enters them (not linked to anything; nobody has a `taken` ID number)."""
    found = []
    for record_type, data in generate_records(random.Random(99), int(n * 1.6) + 20, _data.SETTINGS, taken=taken):
        if record_type == "consultation" and "_demo_key" in data:
            clean = strip_meta(data)
            if clean["outcome"] == "application":
                clean["outcome"] = "answered"
            found.append(clean)
            if len(found) == n:
                break
    return found


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="records in the station (default 100000)")
    parser.add_argument("--saves", type=int, default=300, help="timed saves of each kind (default 300)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached station")
    args = parser.parse_args(argv)

    cached = _data.cached_station(f"save-station-{args.records}", _data.build_in_child(args.records),
                                  rebuild=args.rebuild, about={"records": args.records, "seed": 1})
    work = working_copy(cached)
    try:
        saves, inserts, saves_auto, inserts_auto, total = run(work, args.saves)
    finally:
        shutil.rmtree(work)

    print(f"\nStore.save latency with {total} records in the station, {len(saves)} timed saves each "
          f"(WAL, synchronous=FULL, {sys.platform}); the raw floor on the same encrypted station.db "
          f"(SQLite {sqlite3.sqlite_version} under SQLCipher, the program's key)\n")
    header = f"{'case':<46} {'p50 ms':>7} {'p99 ms':>7} {'ratio to raw (p50/p99)':>23}  {'target':<22} result"
    print(header)
    print("-" * len(header))
    ok = report(("raw insert+commit (same SQLCipher file)", "Store.save new consultation (as the app)"), saves, inserts, "")
    report(("raw, automatic checkpoints", "Store.save, automatic checkpoints"), saves_auto, inserts_auto, "info: ")
    return 0 if ok else 1


def run(work: Path, n: int) -> tuple[list[float], list[float], list[float], list[float], int]:
    """The timed saves in the station at `work`: (as the app, raw, automatic checkpoints, raw, records)."""
    station = open_station(work)
    store = station.store
    raw = _data.keyed_connection(work, isolation_level=None)  # encrypted, as the saves' database is
    try:
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, uuid TEXT, occurred_at TEXT, "
                    "person_name TEXT, data TEXT NOT NULL)")
        taken = {row[0] for row in station.db.execute("SELECT id_number FROM persons WHERE id_number IS NOT NULL")}
        records = new_consultations(2 * (n + WARMUP), taken)
        # Informational: SQLite's automatic WAL checkpoint runs inside whichever COMMIT crosses 1000 pages.
        saves_auto, inserts_auto = measure(store, raw, records[:n + WARMUP])
        # As the app runs: no checkpoint inside a save; an idle-time worker checkpoints between saves
        # (Station.defer_checkpoints + db.checkpoint every 20 s), outside the timed part.
        station.defer_checkpoints()
        raw.execute("PRAGMA wal_autocheckpoint = 0")
        saves, inserts = measure(store, raw, records[n + WARMUP:], checkpoint_every=50)
        total = station.db.execute("SELECT (SELECT count(*) FROM consultations) + "
                                   "(SELECT count(*) FROM applications)").fetchone()[0]
    finally:
        raw.close()
        station.close()
    return saves, inserts, saves_auto, inserts_auto, total


WARMUP = 20


def measure(store, raw: sqlite3.Connection, records: list[dict], checkpoint_every: int = 0):
    """Alternate Store.save and a raw insert+commit; (save ms, raw ms) lists without the warm-up."""
    saves, inserts = [], []
    for i, data in enumerate(records):
        started = time.perf_counter()
        saved = store.save("consultation", data, user=data["clerk"])
        save_ms = (time.perf_counter() - started) * 1000

        row = (saved.id, data["occurred_at"], data.get("name"), repr(data))
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO bench_raw (uuid, occurred_at, person_name, data) VALUES (?, ?, ?, ?)", row)
        raw.execute("COMMIT")
        raw_ms = (time.perf_counter() - started) * 1000
        if i >= WARMUP:
            saves.append(save_ms)
            inserts.append(raw_ms)
        if checkpoint_every and i % checkpoint_every == checkpoint_every - 1:
            raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
    return saves, inserts


def report(labels: tuple[str, str], saves: list[float], inserts: list[float], prefix: str) -> bool:
    raw50, raw99 = statistics.median(inserts), percentile(inserts, 99)
    s50, s99 = statistics.median(saves), percentile(saves, 99)
    ok = s99 <= TARGET_RATIO * raw99
    print(f"{labels[0]:<46} {raw50:7.2f} {raw99:7.2f} {'1.0 / 1.0':>23}  {'floor':<22} -")
    print(f"{labels[1]:<46} {s50:7.2f} {s99:7.2f} "
          f"{f'{s50 / raw50:.1f} / {s99 / raw99:.1f}':>23}  {f'p99 <= {TARGET_RATIO:g}x raw p99':<22} "
          f"{prefix}{'PASS' if ok else 'FAIL'}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
