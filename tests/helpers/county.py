"""The real county server (uvicorn, loopback, free port, temporary data folder) and a station enrolled with
it: the `county` and `enrolled` fixtures of the sync and window tests (a plugin of tests/conftest.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
import uvicorn  # the `server` extra; CI installs it with the `test` extra (no skipping: these tests must run)

from desktop.records.indicators import PlanCase
from sync.server.app import create_app
from sync.server.county import CountyStore


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class County:
    def __init__(self, data_dir: Path, port: int, *, tls: bool = False):
        self.data_dir, self.port = data_dir, port
        self.tls = None
        if tls:  # the county's TLS certificate under its root, as `python -m sync.server tls-cert` makes it
            store = CountyStore(data_dir)
            store.init()
            self.tls = store.county_key.make_server_certificate(["127.0.0.1", "localhost"])
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        self.server, self.thread = start_server(data_dir, port, self.tls)
        self.store = CountyStore(data_dir)

    @property
    def fingerprint(self) -> str:
        """The county root's fingerprint, as the enrollment sheet prints it."""
        return self.store.county_key.fingerprint()

    def database(self):
        """A connection to county.db opened with the county's key (it is encrypted at rest), for looking inside."""
        from sync.server import data_key

        path = self.data_dir / "county.db"
        return data_key.connect(path, data_key.database_key(self.data_dir, path))

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)

    def restart(self) -> None:
        """Stop the server and start a new one on the same port and data folder."""
        self.stop()
        self.server, self.thread = start_server(self.data_dir, self.port, self.tls)


ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def county_process(data_dir: Path, *, output: int | None = subprocess.DEVNULL) -> Iterator[tuple[subprocess.Popen, str]]:
    """`python -m sync.server` as installed, in its own process on a free port, once it answers /v1/health:
    (the process, its url); stopped after. `output`: where its stdout and stderr go (subprocess.PIPE to read
    them when it fails to start)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sync.server", "--port", str(port), "--data-dir", str(data_dir)],
                              cwd=ROOT, stdout=output, stderr=subprocess.STDOUT if output is not None else None)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(url + "/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                if server.poll() is not None:
                    said = server.stdout.read().decode() if server.stdout else ""
                    raise AssertionError(f"the county server did not start: {said}") from None
                assert time.monotonic() < deadline, "the county server did not start within 30 s"
                time.sleep(0.1)
        yield server, url
    finally:
        server.terminate()
        server.wait(timeout=10)


def enrolled_county(data_dir: Path, code: str = "EV01"):
    """A county folder with one fixed station `code` enrolled: the station's signing key."""
    from sync.identity import DocumentKey, StationKey

    store = CountyStore(data_dir)
    store.init()
    key = StationKey.generate()
    store.enroll(store.add_station(code, "恶意测试站", "测试镇", "fixed"), key.public_key_bytes, code,
                 DocumentKey.generate().certificate_request(code))
    return key


def raw_request(port: int, head: str, part_of_body: bytes = b"") -> tuple[bytes, dict[str, str], bytes]:
    """Send a request's headers and `part_of_body` only (not the whole promised body) over a plain socket, as a
    hostile or broken client may; the county's status line, headers (lower-case names) and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head.encode("ascii") + part_of_body)
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < _content_length(answer):
            part = conn.recv(65536)
            assert part, f"the county closed without an answer: {answer!r}"
            answer += part
    status, rest = answer.split(b"\r\n", 1)
    headers_text, body = rest.split(b"\r\n\r\n", 1)
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in
                                                          headers_text.decode("latin-1").split("\r\n"))}
    return status, headers, body


def _content_length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower().split("\r\n"):
        if line.startswith("content-length:"):
            return int(line.split(":", 1)[1])
    return 0


def start_server(data_dir: Path, port: int, tls: tuple[Path, Path] | None = None):
    from sync.server.county_key import CountyKey

    extra = CountyKey(data_dir).tls_options(*tls) if tls else {}  # the county's TLS key is encrypted at rest
    config = uvicorn.Config(create_app(data_dir), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off", **extra)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the county server did not start")
        time.sleep(0.02)
    return server, thread


@pytest.fixture
def county(tmp_path: Path):
    c = County(tmp_path / "county", free_port())
    yield c
    c.stop()


@pytest.fixture
def tls_county(tmp_path: Path):
    """The county server serving TLS with its own certificate under its root."""
    c = County(tmp_path / "county", free_port(), tls=True)
    yield c
    c.stop()


@pytest.fixture
def enrolled(services, county):
    """The `services` station (TS01), enrolled with the county."""
    from sync.enrollment import enroll

    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "fixed")
    enroll(services.station.db, services.key, services.document_key, county.url, code, "TS01", county.fingerprint)
    return services


ROSTER_CSV = ("编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话\r\n"
              "L001,赵律师,律师,青山律师事务所,5,是,13812345678\r\n"
              "L002,钱律师,律师,青山律师事务所,2,否,\r\n"
              "L003,孙律师,律师,城关律师事务所,8,否,\r\n")


def add_roster(county) -> None:
    """The county's roster: assignments name its members (L001 5 years and minors, L002 2 years, L003 8 years)."""
    from sync.server.reference import import_roster

    path = county.data_dir.parent / "roster.csv"
    path.write_bytes(ROSTER_CSV.encode("utf-8"))
    import_roster(county.store, path)


def county_cases(conn) -> list[PlanCase]:
    """Every live application of county.db as a PlanCase, built in Python as the index lane builds each one
    (indexes.plan_case): the oracle the county's SQL counts are checked against."""
    import json

    from desktop.records.deadlines import EVENT_KINDS_READ
    from sync.server.indexes import CASE_LINKED, plan_case

    applications = conn.execute(
        "SELECT station, record_id, coalesce(number, json_extract(data, '$.number')), json_object("
        "'received_at', json_extract(data, '$.received_at'), 'urgent', json_extract(data, '$.urgent'), "
        "'urgent_deadline', json_extract(data, '$.urgent_deadline'), 'name', json_extract(data, '$.name'), "
        "'case_type', json_extract(data, '$.case_type'), 'litigation', json_extract(data, '$.litigation')) "
        "FROM records WHERE record_type = 'application' AND voided = 0 ORDER BY rowid").fetchall()
    linked: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    marks = ", ".join("?" * len(CASE_LINKED))
    for record_type, application_id, raw in conn.execute(
            "SELECT record_type, json_extract(data, '$.application_id'), json_object("
            "'closed_on', json_extract(data, '$.closed_on'), 'litigation_case', json_extract(data, "
            "'$.litigation_case'), 'heard_in_court', json_extract(data, '$.heard_in_court'), 'visited_on', json_extract(data, "
            "'$.visited_on')) FROM records "
            f"WHERE record_type IN ({marks}) AND voided = 0 ORDER BY rowid", CASE_LINKED):
        if isinstance(application_id, str):
            linked.setdefault(application_id, []).append((record_type, json.loads(raw)))
    events: dict[str, list[tuple[int, str, str, str]]] = {}
    marks = ", ".join("?" * len(EVENT_KINDS_READ))
    for seq, application_id, kind, at, raw in conn.execute(
            "SELECT seq, application_id, kind, at, CASE kind WHEN 'supplement' THEN json_object('data', json(data)) "
            "ELSE json_object('data', json_object('assignee_kind', json_extract(data, '$.assignee_kind'))) END "
            f"FROM events WHERE kind IN ({marks}) ORDER BY seq", EVENT_KINDS_READ):
        events.setdefault(application_id, []).append((seq, kind, at, raw))
    stations = dict(conn.execute("SELECT code, township FROM stations").fetchall())
    cases = []
    for station, record_id, number, raw in applications:
        case = plan_case(record_id, station, number or "", json.loads(raw), linked.get(record_id, []),
                         events.get(record_id, []))
        if case is not None:
            case.township = stations.get(station, "")
            cases.append(case)
    return cases
