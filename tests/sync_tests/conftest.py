"""The real county server (uvicorn, loopback, free port, temporary data folder) and enrolled stations."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn  # the `server` extra; CI installs it with the `test` extra (no skipping: these tests must run)

from sync.server.app import create_app
from sync.server.storage import CountyStore


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class County:
    def __init__(self, data_dir: Path, port: int, server, thread):
        self.data_dir, self.port, self.server, self.thread = data_dir, port, server, thread
        self.url = f"http://127.0.0.1:{port}"
        self.store = CountyStore(data_dir)


@pytest.fixture
def county(tmp_path: Path):
    data_dir = tmp_path / "county"
    port = free_port()
    config = uvicorn.Config(create_app(data_dir), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the county server did not start")
        time.sleep(0.02)
    yield County(data_dir, port, server, thread)
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def enrolled(services, county):
    """The `services` station (TS01), enrolled with the county."""
    from sync.client import enroll

    code = county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "township")
    enroll(services.station.db, services.key, county.url, code, "TS01")
    return services


@pytest.fixture
def proxy(county):
    from sync_tests.faultproxy import FaultProxy

    p = FaultProxy(county.port)
    yield p
    p.close()
