"""Pushing a station to the county over loopback: `python bench/bench_sync.py [--quick]` (issue #5)

A fresh station with 10,000 records (demo consultations and applications from bench/_data.py, plus
the person records, edits and voids they bring into the change log) and 200 attachments of about 2.5 MB
(500 MiB of incompressible bytes behind valid PDF / JPEG heads) is enrolled with a county server
running in its own process (`python -m sync.server --port P --data-dir D`, after `init` and
`station add` through the same CLI), and synced in one round (`SyncEngine.sync_round`: push the
manifests, then the change log with the files going up beside it, pull events and reference data, the rest of the
files) by a station child process. Measured:

- time: the round beside a raw HTTP upload of the same bytes in the same run (the floor: a
  `requests` client POSTing the outbox payloads as one body and PUTting every attachment file, to a
  bare uvicorn/ASGI receiver in its own process that writes each body to a file on the same disk).
  The floor runs before and after our round; the faster counts. The target's floor is the same upload to
  a receiver that stores durably, with no protocol: it parses the change log into SQLite in one WAL /
  synchronous=FULL transaction and writes each file with SHA-256, fdatasync, rename and a folder fsync.
  Target: within 2x of it. For reference, the raw floor once more with the receiver fsyncing each body.
- bytes on the wire: every byte the station's socket sends and receives (headers and bodies;
  counted by wrapping socket.send/sendall/recv/recv_into in the station process), beside gzip -6
  of the payload (the outbox payloads' JSON + the attachment files). Target: within 1.1x.
- peak memory (VmHWM) of the station process and of the server process: under 200 MB each.
- then 100 small stations (200 records each) enrolled with the same server sync at once from 4
  client processes (25 threads each): every change acknowledged (checked in the county's
  database, per station), and each batch's time (POST /v1/changes, timed around the engine's
  `transport.request`, client side, so waiting for a busy county counts) as p50 / p95 / max, the wall
  time of the whole burst, and how often and how long the stations waited when the county answered "busy,
  come back in N s" (sync/server/admission.py).

Also printed: the round's phases with the CPU each process spent in them (station from os.times,
server from /proc/PID/stat), the requests by kind, the wire bytes by kind.

The stations are generated once, founded through the real keyring as every bench station is
(bench/_data.py: station.db encrypted, a machine credential in the folder), and cached under
bench/out/sync/ (gitignored); a cache that is plaintext or of an older schema is built again. Every
process opens its copy with the copy's machine credential, as a scheduled sync does. Every run works on
fresh copies (the 500 MiB vault is hard-linked) against a fresh county folder, removed afterwards
(`--keep` keeps it). `--quick` runs a small version (1,000 records, 10 attachments = 25 MiB, 20
stations x 100 records) in about 10 s once cached. `--profile` runs the station round under cProfile
and the server (the same create_app on uvicorn) with every thread under cProfile, and prints both;
its times are inflated by the profiler, so the table of a profiled run is not the benchmark's.
`--records N --attachments N --stations N` change the sizes (`--stations 0` skips the fleet); `--in-flight N` caps the
batches every station keeps in flight (1: one at a time, as before the county ordered them; an A/B in one hour).
`--station-files N` gives each of those stations N scans of 2.5 MB to upload in its round (PUT /v1/files at once from
every station: the county's admission of chunk bytes, sync/server/admission.py); every file must arrive whole.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sync_measure import Wire, cpu_seconds, instrument, peak_rss_mb, percentile, reset_peak_rss  # noqa: E402
from sync_servers import (child_county, child_receiver, county_cli, start_county,  # noqa: E402
                          start_profiled_county, start_receiver, stop)

OUT = ROOT / "bench" / "out" / "sync"
MB = 1024 * 1024
TIME_TARGET = 2.0  # against the durable receiver
WIRE_TARGET = 1.1
RSS_TARGET_MB = 200
IN_FLIGHT_ENV = "BENCH_SYNC_IN_FLIGHT"
CLERK = "李四"
PDF_HEAD = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
SLOTS = ("id_copy", "hardship_proof", "case_material", "signed_form", "other")

FULL = {"records": 10_000, "attachments": 200, "attachment_mb": 2.5, "stations": 100, "station_records": 200,
        "workers": 4}
FLEET_FILE_MB = 2.5  # a fleet station's scans (--station-files), as the main station's
QUICK = {"records": 1_000, "attachments": 10, "attachment_mb": 2.5, "stations": 20, "station_records": 100,
         "workers": 2}


# ------------------------------------------------------------------ the cached stations

def build_station(folder: Path, code: str, records: int, seed: int, *, attachments: int = 0,
                  attachment_mb: float = 2.5) -> dict:
    """A station with `records` records and `attachments` files (made once; `complete.json` marks it done)."""
    import _data

    from desktop.services import open_services

    done = folder / "complete.json"
    wanted = {"code": code, "records": records, "seed": seed, "attachments": attachments,
              "attachment_mb": attachment_mb, "generator": "desktop.demo"}  # older caches are built again
    if _data.trusted(folder):  # complete, encrypted, of this schema
        info = json.loads(done.read_text())
        if all(info.get(k) == v for k, v in wanted.items()):
            return info
    if folder.exists():
        shutil.rmtree(folder)
    settings = replace(_data.SETTINGS, station_code=code, station_name=f"{code}号法律援助工作站")
    _data.make_station(folder, records, seed, settings=settings).close()
    services = open_services(folder)
    try:
        if attachments:
            rng = random.Random(seed)
            ids = [r[0] for r in services.station.db.execute(
                "SELECT id FROM applications WHERE voided = 0 ORDER BY number").fetchall()]
            total = int(attachments * attachment_mb * MB)
            low, high = int(attachment_mb * 0.6 * MB), int(attachment_mb * 1.4 * MB)
            sizes = [rng.randint(low, high) for _ in range(attachments)]
            scale = total / sum(sizes)
            sizes = [int(s * scale) for s in sizes]
            sizes[-1] += total - sum(sizes)
            source = folder / "scan.tmp"
            for i, size in enumerate(sizes):
                head, ext = (PDF_HEAD, "pdf") if i % 2 else (JPEG_HEAD, "jpg")
                with open(source, "wb") as f:
                    f.write(head)
                    left = size - len(head)
                    while left > 0:
                        n = min(left, 4 * MB)
                        f.write(rng.randbytes(n))
                        left -= n
                services.attachments.attach("application", rng.choice(ids), SLOTS[i % len(SLOTS)], source,
                                            user=CLERK, original_name=f"材料{i + 1:03d}.{ext}")
            source.unlink()
        db = services.station.db
        count = db.execute("SELECT (SELECT count(*) FROM consultations) + (SELECT count(*) FROM applications)"
                           ).fetchone()[0]
        changes = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        # gzip -6 of the payload: the change log's JSON (one stream) and every attachment file
        payload = zlib.compressobj(6, zlib.DEFLATED, 31)
        payload_bytes = payload_gzip = 0
        for (text,) in db.execute("SELECT payload FROM outbox ORDER BY seq").fetchall():
            raw = text.encode("utf-8") + b"\n"
            payload_bytes += len(raw)
            payload_gzip += len(payload.compress(raw))
        payload_gzip += len(payload.flush())
        files_bytes = files_gzip = 0
        for sha, size in db.execute("SELECT sha256, size FROM attachments").fetchall():
            gz = zlib.compressobj(6, zlib.DEFLATED, 31)
            with services.vault.open(sha) as f:  # the plaintext: sealed bytes do not compress
                while block := f.read(4 * MB):
                    files_gzip += len(gz.compress(block))
            files_gzip += len(gz.flush())
            files_bytes += size
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        services.close()
    info = {**wanted, "record_count": count, "changes": changes, "payload_bytes": payload_bytes,
            "payload_gzip": payload_gzip, "files_bytes": files_bytes, "files_gzip": files_gzip}
    done.write_text(json.dumps(info))
    return info


def working_copy(cached: Path, target: Path) -> Path:
    """A fresh copy of a cached station; vault files (read-only, content-addressed) are hard-linked."""
    def link_or_copy(src, dst):
        if "vault" in Path(src).relative_to(cached).parts:
            try:
                os.link(src, dst)
                return dst
            except OSError:
                pass
        return shutil.copy2(src, dst)

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(cached, target, copy_function=link_or_copy, ignore=shutil.ignore_patterns("complete.json"))
    return target


# ------------------------------------------------------------------ children: the station round, the floor, the fleet

def child_station(data_dir: Path, server_pid: int, profile: Path | None) -> dict:
    Wire.install()
    import _data
    from desktop.services import open_services

    _data.unlock(data_dir)  # by the copy's machine credential, as a scheduled sync opens the station
    services = open_services(data_dir)
    engine = services.sync_engine()
    batches: list[float] = []
    phases: dict[str, float] = {}
    by_kind: dict[str, list] = {}
    instrument(engine, batches, phases, by_kind, server_pid)
    beside = [0]  # file bytes sent by the time the change log was all pushed (the files go up beside it)
    push = engine._push

    def pushed(result, files=None, **options):
        push(result, files, **options)
        beside[0] = Wire.sent.get("files", 0)

    engine._push = pushed
    before = peak_rss_mb()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    cpu = os.times()
    start = time.perf_counter()
    result = engine.sync_round()
    seconds = time.perf_counter() - start
    cpu_after = os.times()
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    services.close()
    return {"seconds": seconds, "cpu": cpu_after.user + cpu_after.system - cpu.user - cpu.system,
            "rss_mb": peak_rss_mb(), "rss_before_mb": before, "complete": result.complete,
            "error": result.error, "pushed": result.pushed, "accepted": result.accepted,
            "files_sent": result.files_sent, "bytes_sent": result.bytes_sent, "batches": batches, "phases": phases,
            "requests": by_kind, "sent": Wire.sent, "received": Wire.received, "files_beside_log": beside[0]}


def child_floor(url: str, data_dir: Path, receiver: str = "") -> dict:
    """The floor: the same bytes over plain HTTP with requests (one session), no protocol at all
    (`receiver`: "fsync", each body fsynced before the answer; "durable", stored as `store_durably` does)."""
    Wire.install()
    import requests

    import _data

    conn = _data.keyed_connection(data_dir, read_only=True)  # reading what to send is not timed
    payloads = b"".join(text.encode("utf-8") + b"\n" for (text,) in conn.execute("SELECT payload FROM outbox ORDER BY seq"))
    files = [data_dir / "vault" / "objects" / sha[:2] / sha[2:]
             for (sha,) in conn.execute("SELECT DISTINCT sha256 FROM attachments ORDER BY rownum")]
    conn.close()
    session = requests.Session()
    if receiver:
        session.headers["X-Fsync" if receiver == "fsync" else "X-Durable"] = "1"
    session.get(url + "/warmup").raise_for_status()
    before = peak_rss_mb()
    Wire.local.label = "changes"
    start = time.perf_counter()
    session.post(url + "/changes", data=payloads, headers={"Content-Type": "application/json"}).raise_for_status()
    changes_seconds = time.perf_counter() - start
    Wire.local.label = "files"
    for path in files:
        with open(path, "rb") as f:
            session.put(url + "/files/" + path.name, data=f.read(),
                        headers={"Content-Type": "application/octet-stream"}).raise_for_status()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "changes_seconds": changes_seconds, "files_seconds": seconds - changes_seconds,
            "rss_mb": peak_rss_mb(), "rss_before_mb": before, "sent": Wire.sent, "received": Wire.received,
            "files": len(files), "payload_bytes": len(payloads)}


def child_fleet(listing: Path) -> dict:
    """Stations syncing at once: one thread per station (each opens its own station and engine), started together
    when the parent writes a line to stdin after every worker process said it is ready."""
    import _data
    from desktop.services import open_services

    dirs = [Path(p) for p in json.loads(listing.read_text())]
    for data_dir in dirs:  # each by its machine credential, before the threads (not timed)
        _data.unlock(data_dir)
    ready = threading.Barrier(len(dirs) + 1)
    go = threading.Event()
    results: list[dict] = [{} for _ in dirs]

    def station(i: int, data_dir: Path) -> None:
        try:
            services = open_services(data_dir)
        except BaseException:
            ready.abort()  # the worker fails instead of waiting for ever
            raise
        try:
            engine = services.sync_engine()
            batches: list[float] = []
            instrument(engine, batches)
            waited: list[float] = []  # the transport's waits: a busy county's "come back in N s" (and retries)
            file_waits: list[float] = []  # those of them for a file chunk
            asking = {"file": False}
            request, pause = engine.transport.request, engine.transport.sleep

            def tagged(method, path, *args, **kw):
                asking["file"] = path.startswith("/v1/files/")
                return request(method, path, *args, **kw)

            def wait(seconds: float) -> None:
                (file_waits if asking["file"] else waited).append(seconds)
                pause(seconds)

            engine.transport.request, engine.transport.sleep = tagged, wait
            ready.wait()
            go.wait()
            started = time.time()
            result = engine.sync_round()
            results[i] = {"code": services.station.settings.station_code, "started": started, "ended": time.time(),
                          "batches": batches, "complete": result.complete, "error": result.error,
                          "pushed": result.pushed, "accepted": result.accepted, "waits": waited,
                          "files_sent": result.files_sent, "file_waits": file_waits}
        except BaseException:
            ready.abort()
            raise
        finally:
            services.close()

    threads = [threading.Thread(target=station, args=(i, d)) for i, d in enumerate(dirs)]
    for t in threads:
        t.start()
    ready.wait()
    print("ready", flush=True)
    sys.stdin.readline()
    go.set()
    for t in threads:
        t.join()
    return {"stations": results, "rss_mb": peak_rss_mb()}


def run_child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], check=False, cwd=ROOT, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ the run

def enroll_station(data_dir: Path, url: str, code: str, fingerprint: str) -> None:
    import _data
    from desktop.services import open_services
    from sync.enrollment import enroll

    _data.unlock(data_dir)
    services = open_services(data_dir)
    try:
        enroll(services.station.db, services.key, services.document_key, url, code,
               services.station.settings.station_code, fingerprint)
    finally:
        services.close()


def settled() -> None:
    if hasattr(os, "sync"):
        os.sync()


def clear(folder: Path) -> None:
    """Remove what the floor's receiver wrote (it keeps running, so the folder stays)."""
    for p in folder.iterdir():
        p.unlink()


def warm(files: list[Path]) -> None:
    for p in files:
        with open(p, "rb") as f:
            while f.read(8 * MB):
                pass


def held_files(county_dir: Path) -> int:
    return sum(1 for p in (county_dir / "files").rglob("*") if p.is_file())


def fleet_run(size: dict, county_dir: Path, url: str, work: Path, server_pid: int) -> dict:
    """Enroll the small stations, sync them at once; what the county holds for each."""
    from sync.server.county import CountyStore

    files = size["station_files"]
    fleet_name = f"fleet-{size['station_records']}" + (f"-{files}x{FLEET_FILE_MB}mb" if files else "")
    cached = [OUT / fleet_name / f"F{i:03d}" for i in range(1, size["stations"] + 1)]
    infos = []
    if not all((folder / "complete.json").exists() for folder in cached):
        print(f"building {len(cached)} stations of {size['station_records']} records (once) ...", flush=True)
    for i, folder in enumerate(cached, 1):
        infos.append(build_station(folder, f"F{i:03d}", size["station_records"], 1000 + i, attachments=files,
                                   attachment_mb=FLEET_FILE_MB))
    store = CountyStore(county_dir)
    dirs = []
    for folder, info in zip(cached, infos):
        target = working_copy(folder, work / "fleet" / info["code"])
        code = store.add_station(info["code"], f"{info['code']}号法律援助工作站", "测试镇", "township")
        enroll_station(target, url, code, store.county_key.fingerprint())
        dirs.append(str(target))
    workers = min(size["workers"], len(dirs))
    processes = []
    for w in range(workers):
        listing = work / f"fleet-{w}.json"
        listing.write_text(json.dumps(dirs[w::workers]))
        processes.append(subprocess.Popen([sys.executable, __file__, "--child", "fleet", str(listing)], cwd=ROOT,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                          text=True))
    for p in processes:
        line = p.stdout.readline()
        if line.strip() != "ready":
            raise SystemExit(f"a fleet worker failed:\n{line}{p.stderr.read()}")
    server_cpu = cpu_seconds(server_pid) or 0
    files_before = held_files(county_dir)  # the first station's
    for p in processes:
        p.stdin.write("go\n")
        p.stdin.flush()
    stations = []
    for p in processes:
        out, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"a fleet worker failed:\n{err}")
        stations += json.loads(out.strip().splitlines()[-1])["stations"]
    server_cpu = (cpu_seconds(server_pid) or 0) - server_cpu
    # one pass over the county's changes (a count per station would read the whole table 500 times)
    counted = dict(store.conn().execute("SELECT station, count(*) FROM changes GROUP BY station").fetchall())
    held = {s["code"]: counted.get(s["code"], 0) for s in stations}
    expected = {info["code"]: info["changes"] for info in infos}
    batches = [b for s in stations for b in s["batches"]]
    return {"stations": len(stations), "complete": sum(bool(s["complete"]) for s in stations),
            "acknowledged": sum(held[c] == expected[c] for c in expected), "changes": sum(held.values()),
            "expected_changes": sum(expected.values()),
            "errors": sorted({s["error"] for s in stations if s["error"]}),
            "batches": batches, "wall": max(s["ended"] for s in stations) - min(s["started"] for s in stations),
            "waits": [w for s in stations for w in s["waits"]],
            "files_sent": sum(s["files_sent"] for s in stations), "files_expected": files * len(stations),
            "file_waits": [w for s in stations for w in s["file_waits"]],
            "files_held": held_files(county_dir) - files_before,
            "server_cpu": server_cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small version (1,000 records, 25 MiB, 20 stations)")
    parser.add_argument("--profile", action="store_true", help="profile the station round (cProfile) and print the top")
    parser.add_argument("--keep", action="store_true", help="keep bench/out/sync/work (county folder, copies)")
    parser.add_argument("--records", type=int, help="records in the station (default 10000; --quick 1000)")
    parser.add_argument("--attachments", type=int, help="attachments of ~2.5 MB (default 200; --quick 10)")
    parser.add_argument("--stations", type=int, help="stations syncing at once (default 100; --quick 20; 0: skip)")
    parser.add_argument("--station-files", type=int, default=0,
                        help=f"scans of {FLEET_FILE_MB} MB each of those stations uploads at once (default 0)")
    parser.add_argument("--in-flight", type=int, help="batches the station keeps in flight at most (default: "
                                                       "what the county offers, up to 4; 1: one at a time)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        step, *rest = args.child
        if os.environ.get(IN_FLIGHT_ENV):  # --in-flight: at most this many batches in flight (1: one at a time)
            from sync import engine as engine_module

            engine_module.MAX_PIPELINE = int(os.environ[IN_FLIGHT_ENV])
        if step == "county":
            child_county(int(rest[0]), Path(rest[1]), Path(rest[2]))
            return 0
        if step == "receiver":
            child_receiver(int(rest[0]), Path(rest[1]))
            return 0
        if step == "station":
            out = child_station(Path(rest[0]), int(rest[1]), Path(rest[2]) if len(rest) > 2 else None)
        elif step == "floor":
            out = child_floor(rest[0], Path(rest[1]), rest[2] if len(rest) > 2 else "")
        else:
            out = child_fleet(Path(rest[0]))
        print(json.dumps(out))
        return 0

    if args.in_flight is not None:
        os.environ[IN_FLIGHT_ENV] = str(max(1, args.in_flight))  # the station child reads it
    size = dict(QUICK if args.quick else FULL)
    for name in ("records", "attachments", "stations"):
        if getattr(args, name) is not None:
            size[name] = getattr(args, name)
    size["station_files"] = args.station_files
    OUT.mkdir(parents=True, exist_ok=True)
    cached = OUT / f"station-{size['records']}-{size['attachments']}x{size['attachment_mb']}mb"
    if not (cached / "complete.json").exists():
        print(f"building a station with {size['records']} records and {size['attachments']} attachments "
              f"in {cached} (once) ...", flush=True)
    info = build_station(cached, "TS01", size["records"], 1, attachments=size["attachments"],
                         attachment_mb=size["attachment_mb"])
    work = OUT / "work"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    station_dir = working_copy(cached, work / "station")
    county_dir = work / "county"
    county_cli("init", "--data-dir", str(county_dir))
    code = county_cli("station", "add", "TS01", "--name", "测试镇法律援助工作站", "--township", "测试镇",
                      "--type", "township", "--data-dir", str(county_dir)).strip().splitlines()[-1]
    server_profile = work / "county.prof"
    if args.profile:
        county, url = start_profiled_county(county_dir, work / "county.log", server_profile)
    else:
        county, url = start_county(county_dir, work / "county.log")
    receiver = None
    try:
        from sync.server.county_key import CountyKey

        enroll_station(station_dir, url, code, CountyKey(county_dir).fingerprint())
        receiver, floor_url = start_receiver(work / "floor", work / "floor.log")
        vault_files = sorted(p for p in (station_dir / "vault" / "objects").rglob("*") if p.is_file())
        warm(vault_files)
        print(f"station: {info['record_count']:,} records ({info['changes']:,} changes with persons and voids, "
              f"{info['payload_bytes'] / MB:.1f} MB of JSON), {info['attachments']} attachments "
              f"({info['files_bytes'] / MB:,.0f} MiB); python {sys.version.split()[0]}, {os.cpu_count()} CPUs",
              flush=True)

        settled()
        floors = [run_child("floor", floor_url, str(station_dir))]
        clear(work / "floor")
        settled()
        reset_peak_rss(county.pid)
        server_rss_before = peak_rss_mb(county.pid)
        profile = work / "station.prof" if args.profile else None
        server_cpu = cpu_seconds(county.pid)
        ours = run_child("station", str(station_dir), str(county.pid), *([str(profile)] if profile else []))
        server_cpu = (cpu_seconds(county.pid) or 0) - (server_cpu or 0)
        server_rss = peak_rss_mb(county.pid)
        settled()
        floors.append(run_child("floor", floor_url, str(station_dir)))
        receiver_rss = peak_rss_mb(receiver.pid)
        clear(work / "floor")
        settled()
        fsynced = run_child("floor", floor_url, str(station_dir), "fsync")
        clear(work / "floor")
        settled()
        durable = run_child("floor", floor_url, str(station_dir), "durable")
        floor = min(floors, key=lambda r: r["seconds"])
        stop(receiver)
        receiver = None
        shutil.rmtree(work / "floor", ignore_errors=True)

        from sync.server.county import CountyStore

        held = CountyStore(county_dir).change_count("TS01")
        files_held = held_files(county_dir)

        print(f"synced: {ours['pushed']:,} changes pushed, {held:,} held by the county; {ours['files_sent']} files "
              f"({ours['bytes_sent'] / MB:,.0f} MiB) sent, {files_held} held; complete={ours['complete']}"
              + (f"; error: {ours['error']}" if ours["error"] else ""), flush=True)
        fleet, fleet_server_rss = None, None
        if size["stations"]:
            print(f"{size['stations']} stations x {size['station_records']} records at once ...", flush=True)
            if args.profile:  # the profile covers our round only: the fleet meets a plain server on the same folder
                stop(county)
                county, url = start_county(county_dir, work / "county.log")
            reset_peak_rss(county.pid)
            fleet = fleet_run(size, county_dir, url, work, county.pid)
            fleet_server_rss = peak_rss_mb(county.pid)
    finally:
        if receiver is not None:
            stop(receiver)
        stop(county)

    # ------------------------------------------------------------------ the table
    from sync.protocol import BATCH_SIZE

    wire_ours = sum(ours["sent"].values()) + sum(ours["received"].values())
    wire_gzip = info["payload_gzip"] + info["files_gzip"]
    changes_wire = ours["sent"].get("changes", 0) + ours["received"].get("changes", 0)
    time_ratio = ours["seconds"] / durable["seconds"]
    wire_ratio = wire_ours / wire_gzip
    pushed, uploaded = ours["phases"].get("push changes", 0.0), ours["phases"].get("upload files", 0.0)
    ok = {
        "time": time_ratio <= TIME_TARGET,
        "wire": wire_ratio <= WIRE_TARGET,
        "station_rss": ours["rss_mb"] is not None and ours["rss_mb"] < RSS_TARGET_MB,
        "server_rss": server_rss is not None and server_rss < RSS_TARGET_MB,
        "complete": ours["complete"] and held == info["changes"] and files_held == info["attachments"],
    }
    def verdict(good: bool) -> str:
        return "PASS" if good else "MISS"

    rows = [
        (f"push {info['record_count']:,} records + {info['attachments']} files (s)", f"{ours['seconds']:.2f}",
         f"{durable['seconds']:.2f}", f"{time_ratio:.2f}x", f"<= {TIME_TARGET}x", verdict(ok["time"])),
        ("  change log (files beside it), vs parsed (s)", f"{pushed:.2f}", f"{durable['changes_seconds']:.2f}",
         f"{pushed / durable['changes_seconds']:.1f}x", "breakdown", ""),
        ("  files after it, vs all hashed + synced (s)", f"{uploaded:.2f}", f"{durable['files_seconds']:.2f}",
         f"{uploaded / durable['files_seconds']:.2f}x", "breakdown", ""),
        ("  file MiB sent beside the change log, of all", f"{ours['files_beside_log'] / MB:.0f}",
         f"{info['files_bytes'] / MB:.0f}", "", "breakdown", ""),
        ("  against the raw floor (no storing) (s)", f"{ours['seconds']:.2f}", f"{floor['seconds']:.2f}",
         f"{ours['seconds'] / floor['seconds']:.2f}x", "reference", ""),
        ("  against the raw floor, fsync per body (s)", f"{ours['seconds']:.2f}", f"{fsynced['seconds']:.2f}",
         f"{ours['seconds'] / fsynced['seconds']:.2f}x", "reference", ""),
        ("bytes on the wire, both ways (MB) vs gzip", f"{wire_ours / MB:,.1f}", f"{wire_gzip / MB:,.1f}",
         f"{wire_ratio:.3f}x", f"<= {WIRE_TARGET}x", verdict(ok["wire"])),
        ("  change log only vs gzip of its JSON (MB)", f"{changes_wire / MB:.2f}", f"{info['payload_gzip'] / MB:.2f}",
         f"{changes_wire / info['payload_gzip']:.2f}x", "breakdown", ""),
        ("station peak RSS (MB)", f"{ours['rss_mb']:.0f}", f"{floor['rss_mb']:.0f}", "",
         f"< {RSS_TARGET_MB} MB", verdict(ok["station_rss"])),
        ("server peak RSS (MB)", f"{server_rss:.0f}", f"{receiver_rss:.0f}", "", f"< {RSS_TARGET_MB} MB",
         verdict(ok["server_rss"])),
    ]
    if fleet is not None:
        batches = fleet["batches"]
        ok["fleet"] = (fleet["acknowledged"] == fleet["stations"] == size["stations"]
                       and fleet["complete"] == fleet["stations"]
                       and fleet["files_sent"] == fleet["files_held"] == fleet["files_expected"])
        rows += [
            (f"{size['stations']} stations at once: acknowledged", f"{fleet['acknowledged']}/{fleet['stations']}", "",
             "", "all", verdict(ok["fleet"])),
            ("  per batch p50 / p95 / max (ms)", (f"{statistics.median(batches) * 1000:.0f} / "
             f"{percentile(batches, 95) * 1000:.0f} / {max(batches) * 1000:.0f}"), "", "", "reported", ""),
            ("  wall time, all stations (s)", f"{fleet['wall']:.2f}", "", "", "reported", ""),
            ("  waits for a busy county: count / total (s)", f"{len(fleet['waits'])} / {sum(fleet['waits']):.0f}",
             "", "", "reported", ""),
        ]
        if fleet["files_expected"]:
            rows += [("  their files: sent / held by the county", f"{fleet['files_sent']} / {fleet['files_held']}",
                      "", "", f"all {fleet['files_expected']}", verdict(ok["fleet"])),
                     ("  waits for a busy county's chunks: count / total (s)",
                      f"{len(fleet['file_waits'])} / {sum(fleet['file_waits']):.0f}", "", "", "reported", "")]
    print()
    header = f"{'metric':<44}{'ours':>16}{'floor':>10}{'ratio':>9}  {'target':<11}result"
    print(header)
    print("-" * len(header))
    for metric, value, base, ratio, target, result in rows:
        print(f"{metric:<44}{value:>16}{base:>10}{ratio:>9}  {target:<11}{result}")
    phases = "; ".join(f"{k} {v:.2f} (CPU: station {ours['phases'].get(k + ' station cpu', 0):.2f}, server "
                       f"{ours['phases'].get(k + ' server cpu', 0):.2f})" for k, v in ours["phases"].items() if "cpu" not in k)
    single = ours["batches"]
    print(f"\nfloor: raw requests upload to a bare uvicorn receiver (best of {len(floors)}: "
          f"{', '.join(format(r['seconds'], '.2f') for r in floors)} s; change log as one POST, one PUT per file); "
          f"gzip -6 of the payload JSON ({info['payload_bytes'] / MB:.1f} MB -> {info['payload_gzip'] / MB:.2f} MB) "
          f"+ of each file")
    print(f"our round, seconds by phase: {phases}")
    print(f"{len(single)} batches of <= {BATCH_SIZE} changes, p50 {statistics.median(single) * 1000:.0f} ms, "
          f"max {max(single) * 1000:.0f} ms")
    print("our requests (count, seconds waiting for the answer): "
          + ", ".join(f"{k} {n} / {t:.2f} s" for k, (n, t) in ours["requests"].items()))
    print(f"CPU during our round: station {ours['cpu']:.2f} s, server {server_cpu:.2f} s "
          f"(wall {ours['seconds']:.2f} s, {os.cpu_count()} CPUs)")
    print(f"station wire bytes by kind: sent {ours['sent']}, received {ours['received']}")
    print(f"peak RSS: station {ours['rss_before_mb']:.0f} MB before the round; server {server_rss_before:.0f} MB before"
          + (f", {fleet_server_rss:.0f} MB during the {size['stations']} stations" if fleet else ""))
    push_cpu = (ours["phases"].get("push changes station cpu", 0.0), ours["phases"].get("push changes server cpu", 0.0))
    file_cpu = (ours["phases"].get("upload files station cpu", 0.0), ours["phases"].get("upload files server cpu", 0.0))
    beside = ours["files_beside_log"] / MB
    print(f"where the time goes: the change log took {pushed:.2f} s for {push_cpu[0]:.2f} s of station CPU and "
          f"{push_cpu[1]:.2f} s of county CPU, {beside:.0f} MiB of files going up beside it "
          f"({push_cpu[1] / max(ours['pushed'], 1) * 1e6:.0f} us a change, the files' share included: the "
          f"county parses, re-checks and stores each one; the durable floor parses and inserts: "
          f"{durable['changes_seconds'] / max(ours['pushed'], 1) * 1e6:.0f} us a change); the rest of the files took "
          f"{uploaded:.2f} s for {file_cpu[0]:.2f} s of station CPU and {file_cpu[1]:.2f} s of county CPU, the durable "
          f"floor for all of them {durable['files_seconds']:.2f} s")
    if fleet is not None:
        print(f"{size['stations']} stations: {fleet['changes']:,} of {fleet['expected_changes']:,} changes held by the "
              f"county, {fleet['complete']} rounds complete, {len(fleet['batches'])} batches; server CPU "
              f"{fleet['server_cpu']:.2f} s in {fleet['wall']:.2f} s"
              + (f"; errors: {fleet['errors']}" if fleet["errors"] else ""))
    if args.profile:
        import pstats

        print("\nstation round, cProfile (top 25 by cumulative time):")
        pstats.Stats(str(profile)).sort_stats("cumulative").print_stats(25)
        pstats.Stats(str(profile)).sort_stats("tottime").print_stats(15)
        if server_profile.exists():
            print("\ncounty server during our round, every thread, cProfile (top by own time):")
            pstats.Stats(str(server_profile)).sort_stats("tottime").print_stats(30)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(ok.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
