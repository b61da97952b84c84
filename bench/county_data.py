"""A county of many stations for bench_county.py, written straight into county.db and cached under bench/out/.

`build_county(folder, records, stations, seed)` makes a county data folder (`folder/county`, its data key
`folder/county.key` beside it, as the server keeps it) through the county's own storage: `CountyStore` creates
and migrates county.db and adds the stations and townships; the records, their change log and the county's
decisions are then inserted as `changes.apply_changes` and `decisions.decide` store them (the same tables and
columns, canonical JSON, the same hashes), but without the per-change checks, so a million records take minutes.

The records are the demo generator's (desktop/demo: each station's consultations and applications over two
years, with the cases' lives after the decision: the county's decisions, closure reports, follow-ups, court
attendance), repeated five times two years apart, so the county holds ten years of work.

`cached_county(name, build)` keeps a built county between runs: built in `bench/out/<name>.partial`, its
marker `complete.json` written last, then renamed; a folder without the marker or of an older county schema
is built again, never measured.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
COMPLETE = "complete.json"
NOW = datetime(2026, 12, 1, 9, 0)  # the county's "today" in the benchmark (fixed: the same county every build)
REPEATS = 5  # each station's two years of demo records, repeated two years apart: ten years
TOWNSHIPS = ("城关镇", "河口镇", "青山镇", "柳林镇", "石桥镇", "白沙镇", "东关镇", "西岭镇", "南湖镇", "北塘镇",
             "新集镇", "马庄镇", "杨店镇", "李寨镇", "高桥镇", "黄岗镇", "龙泉镇", "花园镇", "金山镇", "云台镇")
CHINA = timezone(timedelta(hours=8))


def county_folders(folder: Path) -> tuple[Path, Path]:
    """(data folder, key file) of a bench county."""
    return folder / "county", folder / "county.key"


def open_county(folder: Path):
    """The cached county's CountyStore, its key given as the server's environment gives it."""
    import os

    from sync.server.county import CountyStore
    from sync.server.data_key import KEY_ENV

    data, key = county_folders(folder)
    os.environ[KEY_ENV] = str(key)
    return CountyStore(data)


def cached_county(name: str, build: Callable[[Path], dict[str, Any]], *, rebuild: bool = False) -> Path:
    """bench/out/<name>, built by `build(folder)` unless a complete one of this county schema is there."""
    from sync.server.migrations import CURRENT_VERSION

    folder, partial = OUT / name, OUT / f"{name}.partial"
    marker = folder / COMPLETE
    if not rebuild and marker.exists():
        try:
            about = json.loads(marker.read_text())
        except ValueError:
            about = {}
        if about.get("schema") == CURRENT_VERSION:
            return folder
        if isinstance(about.get("schema"), int) and about["schema"] < CURRENT_VERSION:
            return _upgraded(folder, about)
    for stale in (folder, partial):
        if stale.exists():
            shutil.rmtree(stale)
    partial.mkdir(parents=True)
    started = time.perf_counter()
    try:
        about = build(partial)
        (partial / COMPLETE).write_text(json.dumps({**about, "schema": CURRENT_VERSION,
                                                    "build_seconds": round(time.perf_counter() - started, 1)}))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(folder)
    return folder


def _upgraded(folder: Path, about: dict[str, Any]) -> Path:
    """A county built by an older schema, upgraded as a county server upgrades one (its migration, then the index
    lane's first catch-up, both timed), its marker rewritten; the migration's copy aside removed (nothing left)."""
    from sync.server.indexes import catch_up
    from sync.server.migrations import CURRENT_VERSION

    print(f"upgrading the cached county from schema {about['schema']} to {CURRENT_VERSION} ...", flush=True)
    started = time.perf_counter()
    store = open_county(folder)
    migrated = time.perf_counter()
    marked = catch_up(store.conn())
    print(f"  migrated in {migrated - started:.0f} s (with its copy aside), {marked:,} records indexed in "
          f"{time.perf_counter() - migrated:.0f} s", flush=True)
    store.conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn().close()
    for copy in county_folders(folder)[0].glob("county.schema*.bak"):
        copy.unlink()
    (folder / COMPLETE).write_text(json.dumps({**about, "schema": CURRENT_VERSION}))
    return folder


def build_county(folder: Path, records: int, stations: int, seed: int = 1, progress=print) -> dict[str, Any]:
    """Fill a new county folder with about `records` records over `stations` stations; what was made."""
    import os

    from desktop.records.settings import StationSettings
    from sync.server.data_key import KEY_ENV, make_key
    from sync.server.indexes import catch_up
    from sync.server.reference import set_population

    data, key = county_folders(folder)
    make_key(data, key)
    os.environ[KEY_ENV] = str(key)
    store = open_county(folder)
    store.init("青山县法律援助中心")
    codes = []
    for i in range(stations):
        township = TOWNSHIPS[i % len(TOWNSHIPS)]
        code = f"S{i + 1:03d}"
        store.add_station(code, f"{township}法律援助工作站{i // len(TOWNSHIPS) + 1}", township, "fixed")
        codes.append((code, township))
    for i, township in enumerate(TOWNSHIPS[:stations]):
        set_population(store, township, 30_000 + 2_000 * i)
    counts = {"consultation": 0, "application": 0, "casework": 0, "events": 0}
    per_station = records // stations
    conn = store.conn()
    started = time.perf_counter()
    for index, (code, township) in enumerate(codes):
        settings = StationSettings(station_code=code, station_name=code, township=township, county_name="青山县",
                                   clerks=("李芳", "王强"), current_clerk="李芳")
        rows = _station_rows(settings, per_station, seed * 1000 + index)
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO changes (change_id, station, record_type, record_id, version, lamport, sha256, "
                         "payload, received_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)", rows["changes"])
        conn.executemany("INSERT INTO records (station, record_type, record_id, version, number, voided, data, "
                         "change_id) VALUES (?, ?, ?, 1, ?, ?, ?, ?)", rows["records"])
        conn.executemany("INSERT INTO events (event_id, station, kind, application_number, application_id, status, at, "
                         "by, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["events"])
        conn.execute("COMMIT")
        for k, v in rows["counts"].items():
            counts[k] += v
        if (index + 1) % 10 == 0 or index + 1 == len(codes):
            done = sum(counts[k] for k in ("consultation", "application", "casework"))
            progress(f"  {index + 1}/{len(codes)} stations, {done:,} records, {counts['events']:,} decisions "
                     f"({time.perf_counter() - started:.0f} s)")
    started = time.perf_counter()
    marked = catch_up(store.conn())  # the workspace's indexes, as the first read of a county would make them
    progress(f"  indexed {marked:,} applications and consultations for the workspace "
             f"({time.perf_counter() - started:.0f} s)")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    return {"records": records, "stations": stations, "seed": seed, **counts}


def _station_rows(settings, records: int, seed: int) -> dict[str, Any]:
    """One station's rows for changes, records and events: its demo years repeated REPEATS times."""
    from desktop.demo.aftercare import case_life
    from desktop.demo.stream import generate_records
    from desktop.records.canonical import canonical_json
    from sync.protocol import EVENT_KINDS

    rng = random.Random(seed)
    # about a third of what a station records are the cases' lives (decisions are not records): ask for less
    templates = [(t, d) for t, d in generate_records(rng, max(1, int(records / REPEATS * 0.8)), settings,
                                                     now=NOW - timedelta(minutes=5))
                 if "_demo_edit_of" not in d and "_demo_void_of" not in d]
    code = settings.station_code
    ids = random.Random(f"{seed}:ids")
    out: dict[str, Any] = {"changes": [], "records": [], "events": [],
                           "counts": {"consultation": 0, "application": 0, "casework": 0, "events": 0}}
    serials: dict[int, int] = {}
    lamport = 0

    def new_id() -> str:
        return str(uuid.UUID(int=ids.getrandbits(128), version=4))

    def add(record_type: str, record_id: str, data: dict[str, Any], number: str | None, voided: bool,
            at: datetime) -> None:
        nonlocal lamport
        lamport += 1
        change_id = new_id()
        payload = canonical_json({"change_id": change_id, "station": code, "record_type": record_type,
                                  "record_id": record_id, "version": 1, "lamport": lamport,
                                  "action": "void" if voided else "create", "data": data})
        received = at.replace(tzinfo=CHINA).astimezone(timezone.utc).isoformat(timespec="seconds")
        out["changes"].append((change_id, code, record_type, record_id, lamport,
                               hashlib.sha256(payload.encode()).hexdigest(), payload, received))
        out["records"].append((code, record_type, record_id, None if voided else number, int(voided),
                               canonical_json(data), change_id))

    total = 0
    for repeat in range(REPEATS):
        shift = timedelta(days=730 * repeat)
        for key, (record_type, template) in enumerate(templates):
            if total >= records:
                return out
            data = {k: v for k, v in template.items() if not k.startswith("_demo_")}
            time_field = "received_at" if record_type == "application" else "occurred_at"
            at = datetime.fromisoformat(data[time_field]) - shift
            data[time_field] = at.strftime("%Y-%m-%dT%H:%M")
            voided = bool(template.get("_demo_voided"))
            record_id = new_id()
            number = None
            if record_type == "application":
                serials[at.year] = serials.get(at.year, 0) + 1
                number = f"{code}-{at.year}-{serials[at.year]:05d}"
                data["number"] = number
            add(record_type, record_id, data, number, voided, at)
            out["counts"][record_type] += 1
            total += 1
            if record_type != "application" or voided:
                continue
            # an older case's life runs its course (to the benchmark's day): no case stays open for years
            for step in case_life(seed, key, number, data, at, data.get("clerk") or "李芳", NOW):
                if step.is_event:
                    when = step.at.replace(tzinfo=CHINA).astimezone(timezone.utc).isoformat(timespec="seconds")
                    out["events"].append((new_id(), code, step.kind, number, record_id, EVENT_KINDS.get(step.kind),
                                          when, "县法律援助中心", canonical_json(step.data)))
                    out["counts"]["events"] += 1
                elif total < records:
                    add(step.kind, new_id(), {**step.data, "application_id": record_id}, None, False, step.at)
                    out["counts"]["casework"] += 1
                    total += 1
    return out
