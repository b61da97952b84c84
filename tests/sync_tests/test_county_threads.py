"""Issue 17: the county server's memory follows its worker threads, each with its own county.db connection and page
cache, not the number of stations asking at once: however many requests arrive together, at most
COUNTY_WORKER_THREADS threads open a connection (the framework's default pool of 40 took a 100-station burst from
130 to 220-260 MB)."""

from __future__ import annotations

import threading

import pytest

from sync.limits import COUNTY_WORKER_THREADS
from sync.server import storage
from sync_tests.test_sync import engine

AT_ONCE = 4 * COUNTY_WORKER_THREADS


@pytest.fixture
def connecting_threads(monkeypatch):
    """The threads that open a county.db connection from now on (each keeps it while it lives)."""
    threads: set[str] = set()
    opened = storage.connect

    def connect(*args, **kw):
        threads.add(threading.current_thread().name + f"-{threading.get_ident()}")
        return opened(*args, **kw)

    monkeypatch.setattr(storage, "connect", connect)
    return threads


def test_stations_asking_at_once_share_a_bounded_set_of_county_threads(connecting_threads, enrolled, county):
    transports = [engine(enrolled, url=county.url).transport for _ in range(AT_ONCE)]
    together = threading.Barrier(AT_ONCE)
    answers: list[dict] = []

    def ask(transport) -> None:
        together.wait()
        answers.append(transport.request("GET", "/v1/events?after=0", b""))  # signed: its nonce is stored

    askers = [threading.Thread(target=ask, args=(t,)) for t in transports]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert len(answers) == AT_ONCE and all("events" in a for a in answers)
    workers = {name for name in connecting_threads if name.startswith("AnyIO worker")}
    assert workers and len(workers) <= COUNTY_WORKER_THREADS, sorted(connecting_threads)
