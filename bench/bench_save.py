"""How long does "save" take with 100,000 records in the station? `python bench/bench_save.py`

Measures `Store.save` of a new consultation (validation, person, record,
history, outbox, the search index's note, one durable transaction) beside the floor: a raw
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

As the app runs, the search index is written by the index lane right after the
save (desktop/records/search_lane.py): its time is printed on a row of its own.
Every case is run twice in the same run: on the encrypted station.db as shipped,
and on a decrypted copy with SQLCipher's key left off (how it ran before issue 16).
The WAL pages a save writes are counted from the log's size after each.

The 100,000-record station is built once with the demo generator (bench/_data.py:
founded through the real keyring, station.db encrypted) and cached under bench/out/demo-station-N/
(gitignored, shared with bench_startup.py); each run works on a fresh copy of it (its database, keyring and
machine credential), removed afterwards.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _data  # noqa: E402
from desktop.demo import generate_records, strip_meta  # noqa: E402
from desktop.records import db as db_module, search_lane  # noqa: E402
from desktop.records.db import DATABASE_FILE  # noqa: E402
from desktop.records.keyring import KEYRING_FILE  # noqa: E402
from desktop.records.signin import CREDENTIAL_FILE  # noqa: E402
from desktop.records.sqlcipher import sqlite3  # noqa: E402
from desktop.records.station import open_station  # noqa: E402

TARGET_RATIO = 5.0


def working_copy(cached: Path, name: str = "save-work") -> Path:
    work = _data.OUT / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    for name in (DATABASE_FILE, KEYRING_FILE, CREDENTIAL_FILE):  # the copy opens as the cached station does
        shutil.copy2(cached / name, work / name)
    _data.unlock(work)
    return work


@contextmanager
def without_encryption():
    """The program's own code with SQLCipher's key left off (_data.WITHOUT_ENCRYPTION): how a save ran before
    issue 16 encrypted station.db (the keyring and sign-in are unchanged; only the pages are not encrypted)."""
    saved = db_module.apply_key, db_module.is_plaintext
    exec(_data.WITHOUT_ENCRYPTION, {})
    try:
        yield
    finally:
        db_module.apply_key, db_module.is_plaintext = saved


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="records in the station (default 100000)")
    parser.add_argument("--saves", type=int, default=1000, help="timed saves of each kind (default 1000: the p99 of 300 is the third-worst and swings)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached station")
    args = parser.parse_args(argv)

    cached = _data.cached_station(f"demo-station-{args.records}", _data.build_in_child(args.records),
                                  rebuild=args.rebuild, about={"records": args.records, "seed": 1})
    encrypted = working_copy(cached)
    plaintext = _data.decrypted_copy(cached, _data.OUT / "save-work-plaintext")
    try:
        sides = [Side(encrypted), Side(plaintext, unkeyed=True)]
        try:
            run(sides, args.saves)
        finally:
            for side in sides:
                side.close()
    finally:
        shutil.rmtree(encrypted)
        shutil.rmtree(plaintext)
    enc, plain = (side.results for side in sides)
    results = {"encrypted": enc, "plaintext": plain}

    print(f"\nStore.save latency with {enc['total']:,} records in the station, {len(enc['save'])} timed saves each "
          f"(WAL, synchronous=FULL, {sys.platform}, SQLite {sqlite3.sqlite_version} under SQLCipher). Encrypted: "
          f"station.db as shipped, keyed as the program keys it; plaintext: a decrypted copy of the same station, "
          f"the same code with the key left off (before issue 16). Each raw floor is an INSERT+COMMIT into a "
          f"plain table of the same file, alternating with the saves (and the two stations alternate too).\n")
    header = (f"{'case':<44} {'encrypted p50/p99 ms':>21} {'ratio':>11}   {'plaintext p50/p99 ms':>21} "
              f"{'ratio':>11}   {'enc/plain p99':>13}  target")
    print(header)
    print("-" * len(header))
    ok = True
    for label, key, floor_key, target in (
            ("raw insert+commit (floor)", "raw", "raw", ""),
            ("Store.save new consultation (as the app)", "save", "raw", f"p99 <= {TARGET_RATIO:g}x raw"),
            ("· its index lane, after the commit", "lane", "raw", "info: not in the save"),
            ("raw, SQLite's automatic checkpoints", "raw_auto", "raw_auto", ""),
            ("Store.save, automatic checkpoints, no lane", "save_auto", "raw_auto", "info")):
        cells = []
        for result in (enc, plain):
            values, floor = result[key], result[floor_key]
            p50, p99 = statistics.median(values), percentile(values, 99)
            ratio = f"{p50 / statistics.median(floor):.1f}/{p99 / percentile(floor, 99):.1f}"
            cells.append(f"{p50:9.2f} /{p99:8.2f}  {ratio:>11}")
        slower = percentile(enc[key], 99) / percentile(plain[key], 99)
        verdict = ""
        if key == "save":
            passed = percentile(enc["save"], 99) <= TARGET_RATIO * percentile(enc["raw"], 99)
            ok = ok and passed
            verdict = " PASS" if passed else " FAIL"
        print(f"{label:<44} {cells[0]}   {cells[1]}   {slower:12.2f}x  {target}{verdict}")
    pages = {kind: result["pages"] for kind, result in results.items()}
    print(f"\nWAL pages a save writes and fsyncs (median): {pages['encrypted']:g}; the raw floor: {enc['raw_pages']:g}"
          f"; the index lane after it (no fsync): {enc['lane_pages']:g}")
    cpu = {kind: (statistics.median(result["save_cpu"]), statistics.median(result["raw_cpu"]))
           for kind, result in results.items()}
    print(f"CPU time of this process (median, as the app; what a shared machine's load does not change): a save "
          f"{cpu['encrypted'][0]:.2f} ms encrypted, {cpu['plaintext'][0]:.2f} ms plaintext; a raw insert+commit "
          f"{cpu['encrypted'][1]:.2f} / {cpu['plaintext'][1]:.2f} ms")
    return 0 if ok else 1


class Side:
    """One station measured (the encrypted working copy, or its decrypted copy opened with the key left off),
    with its raw floor's connection on the same file; `results` holds its lists of ms by case and its pages."""

    def __init__(self, work: Path, unkeyed: bool = False):
        self.work = work
        with without_encryption() if unkeyed else nullcontext():  # the key is applied when a connection opens
            self.station = open_station(work)
        if unkeyed:  # the decrypted copy: its floor on the same plaintext file
            self.raw = sqlite3.connect(str(work / DATABASE_FILE), isolation_level=None)
        else:
            self.raw = _data.keyed_connection(work, isolation_level=None)  # encrypted, as the saves' database is
        self.raw.execute("PRAGMA journal_mode = WAL")
        self.raw.execute("PRAGMA synchronous = FULL")
        self.raw.execute("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, uuid TEXT, occurred_at TEXT, "
                         "person_name TEXT, data TEXT NOT NULL)")
        self.results: dict = {key: [] for key in ("save", "raw", "lane", "save_auto", "raw_auto", "save_cpu", "raw_cpu")}

    def step(self, data: dict, keep: bool, suffix: str = "", lane: bool = False) -> None:
        """One Store.save (then, as the app, its index lane) and one raw insert+commit, timed."""
        started, cpu = time.perf_counter(), time.process_time()
        saved = self.station.store.save("consultation", data, user=data["clerk"])
        save_ms, save_cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
        started = time.perf_counter()
        if lane:
            search_lane.catch_up(self.station.db)
        lane_ms = (time.perf_counter() - started) * 1000
        started, cpu = time.perf_counter(), time.process_time()
        self.raw.execute("BEGIN IMMEDIATE")
        self.raw.execute("INSERT INTO bench_raw (uuid, occurred_at, person_name, data) VALUES (?, ?, ?, ?)",
                         (saved.id, data["occurred_at"], data.get("name"), repr(data)))
        self.raw.execute("COMMIT")
        raw_ms, raw_cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
        if keep:
            self.results["save" + suffix].append(save_ms)
            self.results["raw" + suffix].append(raw_ms)
            if lane:
                self.results["lane"].append(lane_ms)
                self.results["save_cpu"].append(save_cpu)
                self.results["raw_cpu"].append(raw_cpu)

    def close(self) -> None:
        self.raw.close()
        self.station.close()


def run(sides: list[Side], n: int) -> None:
    """The timed saves, each record saved on every side in turn (a busy moment of the disk weighs on all)."""
    first = sides[0].station
    taken = {row[0] for row in first.db.execute("SELECT id_number FROM persons WHERE id_number IS NOT NULL")}
    records = new_consultations(2 * (n + WARMUP) + PAGE_SAVES, taken)
    # Informational: SQLite's automatic WAL checkpoint runs inside whichever COMMIT crosses 1000 pages,
    # and the search index is written inside the save (a command line's saves, without the program's lane).
    for i, data in enumerate(records[:n + WARMUP]):
        for side in sides:
            side.step(data, i >= WARMUP, "_auto")
    # As the app runs: no checkpoint inside a save; an idle-time worker checkpoints between saves
    # (Station.defer_checkpoints + db.checkpoint every 20 s), outside the timed part; the save notes its
    # records for the search index and the write lane indexes them right after it (Workstation.index_search).
    for side in sides:
        side.station.defer_checkpoints()
        side.raw.execute("PRAGMA wal_autocheckpoint = 0")
        side.station.store.index_lane = lambda: None  # run by step(), after each timed save, as the write lane runs it
    for i, data in enumerate(records[n + WARMUP:2 * (n + WARMUP)]):
        for side in sides:
            side.step(data, i >= WARMUP, lane=True)
            if i % 50 == 49:
                side.raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
    for side in sides:
        pages, raw_pages, lane_pages = wal_pages(side.work, side.station, side.raw, records[2 * (n + WARMUP):])
        total = side.station.db.execute("SELECT (SELECT count(*) FROM consultations) + "
                                        "(SELECT count(*) FROM applications)").fetchone()[0]
        side.results.update(pages=pages, raw_pages=raw_pages, lane_pages=lane_pages, total=total)


WARMUP = 20
PAGE_SAVES = 21


def wal_pages(work: Path, station, raw: sqlite3.Connection, records: list[dict]) -> tuple[float, float, float]:
    """Median WAL frames written by one save, one raw insert and one index lane write (each after a checkpoint
    that empties the log; the frame count is the log's size, whatever the encryption)."""
    wal = work / f"{DATABASE_FILE}-wal"

    def frames() -> int:
        size = wal.stat().st_size
        page = int(station.db.execute("PRAGMA page_size").fetchone()[0])
        return max(0, (size - 32) // (page + 24))

    def after_checkpoint(write) -> int:
        station.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        write()
        return frames()

    saves, raws, lanes = [], [], []
    for i, data in enumerate(records):
        saves.append(after_checkpoint(lambda data=data: store_save(station, data)))
        lanes.append(frames())
        search_lane.catch_up(station.db)
        lanes[-1] = frames() - lanes[-1]
        raws.append(after_checkpoint(lambda i=i, data=data: (raw.execute("BEGIN IMMEDIATE"), raw.execute(
            "INSERT INTO bench_raw (uuid, occurred_at, person_name, data) VALUES (?, ?, ?, ?)",
            (str(i), data["occurred_at"], data.get("name"), repr(data))), raw.execute("COMMIT"))))
    return statistics.median(saves[1:]), statistics.median(raws[1:]), statistics.median(lanes[1:])


def store_save(station, data: dict) -> None:
    station.store.save("consultation", data, user=data["clerk"])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


if __name__ == "__main__":
    sys.exit(main())
