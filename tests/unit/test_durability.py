"""A save that returned survives the process being killed at any moment (SIGKILL), and the file stays sound.

A child process saves records in a loop and reports each id right after `save`
returns; the parent kills it at random moments, several rounds over the same
database, then opens the database fresh. (A killed process is not a power cut:
the OS still writes what it had; synchronous=FULL covers the power cut, which
a test cannot produce.)
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.records.db import integrity_ok
from desktop.records.settings import StationSettings
from desktop.records.station import open_station
from helpers.accounts import provided

HELPER = Path(__file__).resolve().parents[1] / "helpers" / "save_forever.py"
ROUNDS = 6


def _kill_after_some_saves(data_dir: Path, rng: random.Random) -> list[tuple[str, str, str]]:
    """Run the child until it has reported a few dozen saves, kill it mid-flight, return everything it reported."""
    child = subprocess.Popen([sys.executable, str(HELPER), str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8")
    reported = []
    wanted = rng.randint(10, 60)
    try:
        while len(reported) < wanted:
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"the child stopped by itself: {child.stderr.read()}")
            reported.append(tuple(line.split()))
        time.sleep(rng.random() * 0.004)  # somewhere inside a later save, or between two
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)  # what it reported before it died
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    reported += [tuple(line.split()) for line in rest.splitlines() if line.strip()]
    assert child.returncode == -signal.SIGKILL
    return reported


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_reported_save_survives_sigkill(tmp_path: Path):
    data_dir = tmp_path / "data"
    station = open_station(provided(data_dir))
    station.update_settings(StationSettings(station_code="KL01", station_name="城关镇法律援助工作站", township="城关镇",
                                            clerks=("李明",), current_clerk="李明"))
    station.close()
    rng = random.Random(int(os.environ.get("DURABILITY_SEED", "20240601")))
    reported: list[tuple[str, str, str]] = []
    for _ in range(ROUNDS):
        reported += _kill_after_some_saves(data_dir, rng)

        fresh = open_station(provided(data_dir))
        try:
            assert integrity_ok(fresh.db)
            for record_type, record_id, number in reported:
                record = fresh.store.get(record_type, record_id)
                assert record.version == 1
                if record_type == "application":
                    assert record.number == number
            # nothing half-written: every record has its history and outbox entry, every application its number
            db = fresh.db
            for table, record_type in (("consultations", "consultation"), ("applications", "application")):
                orphans = db.execute(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM history h "
                                     f"WHERE h.record_type = ? AND h.record_id = t.id) OR NOT EXISTS "
                                     f"(SELECT 1 FROM outbox o WHERE o.record_type = ? AND o.record_id = t.id)",
                                     (record_type, record_type)).fetchone()[0]
                assert orphans == 0
            numbers = [r[0] for r in db.execute("SELECT number FROM applications ORDER BY number")]
            # allocated inside the transaction: a killed save leaves no gap and no duplicate
            assert numbers == [f"KL01-2025-{n:05d}" for n in range(1, len(numbers) + 1)]
            assert db.execute("SELECT max(lamport) FROM history").fetchone()[0] == \
                db.execute("SELECT lamport FROM clock").fetchone()[0]
        finally:
            fresh.close()
    assert len({r[1] for r in reported}) == len(reported) >= ROUNDS * 10
