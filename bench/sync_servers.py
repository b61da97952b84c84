"""The sync benchmark's servers (bench_sync.py): the county server and the durable floor's bare receiver, each in its
own process (started as `bench_sync.py --child county|receiver ...`), and what starts and stops them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(Path(__file__).with_name("bench_sync.py"))  # the children run as its --child steps

# ------------------------------------------------------------------ processes: county server, floor receiver

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def county_cli(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "sync.server", *args], check=False, cwd=ROOT, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(f"python -m sync.server {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def spawn(command: list[str], log: Path) -> subprocess.Popen:
    """A server process writing to `log` (the child keeps its own descriptor of it)."""
    with open(log, "ab") as out:
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)


def wait_for(url: str, process: subprocess.Popen, what: str) -> None:
    import requests

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.05)
    raise SystemExit(f"{what} did not start")


def start_county(data_dir: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = spawn([sys.executable, "-m", "sync.server", "--port", str(port), "--data-dir", str(data_dir)], log)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/v1/health", process, "the county server")
    return process, url


def start_profiled_county(data_dir: Path, log: Path, profile: Path) -> tuple[subprocess.Popen, str]:
    """The same server (create_app on uvicorn, as `python -m sync.server` runs it), every thread under cProfile."""
    port = free_port()
    process = spawn([sys.executable, SCRIPT, "--child", "county", str(port), str(data_dir), str(profile)], log)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/v1/health", process, "the county server")
    return process, url


def child_county(port: int, data_dir: Path, profile: Path) -> None:
    import cProfile
    import pstats

    import uvicorn

    from sync.server.app import create_app

    profiles: list[cProfile.Profile] = []

    def start(frame, event, arg):  # the first event in a new thread (threading.setprofile): profile it from here
        sys.setprofile(None)
        p = cProfile.Profile()
        profiles.append(p)
        p.enable()

    import signal

    # uvicorn re-raises the SIGTERM it handled once it has shut down: let that return here, to save the profile
    signal.signal(signal.SIGTERM, lambda *_: None)
    threading.setprofile(start)
    main_profile = cProfile.Profile()
    profiles.append(main_profile)
    main_profile.enable()
    uvicorn.run(create_app(data_dir), host="127.0.0.1", port=port, log_level="warning")
    main_profile.disable()
    stats = pstats.Stats(main_profile)
    for p in profiles[1:]:
        p.disable()  # (only stops the profiler of the calling thread; the others' data is complete when idle)
        try:
            stats.add(p)
        except TypeError:
            pass
    stats.dump_stats(str(profile))


def start_receiver(folder: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = spawn([sys.executable, SCRIPT, "--child", "receiver", str(port), str(folder)], log)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/", process, "the floor receiver")
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def store_durably(folder: Path, path: str, body: bytes) -> None:
    """The durable floor's receiver, no protocol: the change log parsed into SQLite in one WAL/FULL transaction,
    a file hashed while written, fdatasync'ed, renamed to its hash, its folder fsync'ed. The receiver is the
    county's floor, and the county's database is the standard library's SQLite (not encrypted), so is this."""
    import hashlib
    import sqlite3

    if path == "/changes":
        rows = [(change.get("change_id"), line) for line in body.decode("utf-8").splitlines() if line
                for change in (json.loads(line),)]
        conn = sqlite3.connect(str(folder / "changes.db"), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("CREATE TABLE IF NOT EXISTS changes (change_id TEXT, payload TEXT NOT NULL)")
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO changes VALUES (?, ?)", rows)
            conn.execute("COMMIT")
        finally:
            conn.close()
        return
    digest = hashlib.sha256(body).hexdigest()
    part = folder / f"{digest}.part"
    with open(part, "wb") as f:
        f.write(body)
        f.flush()
        os.fdatasync(f.fileno())
    os.replace(part, folder / digest)
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def child_receiver(port: int, folder: Path) -> None:
    """The floor's receiver: bare ASGI on uvicorn, every request body written to its own file (no fsync);
    with X-Fsync each body is fsynced, with X-Durable it is stored as `store_durably` does."""
    import uvicorn

    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(10**9))

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        if (b"x-durable", b"1") in scope["headers"] and scope["path"] != "/warmup":
            chunks = []
            while True:
                message = await receive()
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    break
            store_durably(folder, scope["path"], b"".join(chunks))
            body = b'{"ok":true}'
            await send({"type": "http.response.start", "status": 200, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        durable = (b"x-fsync", b"1") in scope["headers"]
        with open(folder / f"{next(counter):06d}.bin", "wb") as f:
            while True:
                message = await receive()
                if message.get("body"):
                    f.write(message["body"])
                if not message.get("more_body"):
                    break
            if durable:
                f.flush()
                os.fsync(f.fileno())
        body = b'{"ok":true}'
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
