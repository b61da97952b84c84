"""The station killed mid-sync (SIGKILL of `python -m desktop sync`), in the middle of the change log and in
the middle of an attachment file, then restarted: nothing lost, nothing doubled, the file complete or absent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sync_tests.test_attachment_upload import attach, county_file, county_hash
from sync_tests.test_sync import assert_same_data
from helpers.records import consultation

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def sync_child(data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop", "sync", "--data-dir", str(data_dir)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def kill_when(child: subprocess.Popen, ready, timeout: float = 60) -> bool:
    """SIGKILL the child as soon as `ready()`; False when it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            return False
        if ready():
            child.send_signal(signal.SIGKILL)
            child.wait()
            return True
        time.sleep(0.001)
    child.kill()
    raise AssertionError("the sync child neither finished nor reached the kill point")


def part_size(county) -> int:
    parts = list((county.data_dir / "uploads").rglob("*.part")) if (county.data_dir / "uploads").exists() else []
    return sum(p.stat().st_size for p in parts)


def test_a_station_killed_mid_sync_loses_and_doubles_nothing(enrolled, county, tmp_path):
    store = enrolled.station.store
    for i in range(700):
        store.save("consultation", consultation(question=f"第{i}个问题：工资被拖欠怎么办？"), user="李芳")
    big = attach(enrolled, tmp_path, 48 * 1024 * 1024, 31)
    total = enrolled.station.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    data_dir = enrolled.station.data_dir
    enrolled.station.db.conn.close()  # the children use the station; this process looks at the county only
    try:
        # 1. killed in the middle of the change log
        killed_in_push = kill_when(sync_child(data_dir), lambda: 0 < county.store.change_count() < total - 200)
        # 2. killed in the middle of the attachment file
        killed_in_file = kill_when(sync_child(data_dir), lambda: part_size(county) > 0)
        assert killed_in_push and killed_in_file, "the kills must land mid-sync for this test to mean anything"
        assert not county_file(county, big.sha256).exists()  # absent while partial
        # 3. restarted: one round finishes everything
        finish = subprocess.run([sys.executable, "-m", "desktop", "sync", "--data-dir", str(data_dir)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        assert finish.returncode == 0, finish.stdout + finish.stderr
    finally:
        from desktop.services import open_services

        reopened = open_services(data_dir)
    try:
        assert_same_data(reopened, county)
        assert county.store.change_count() == total  # none doubled
        assert county_hash(county, big.sha256) == big.sha256
        unacked = reopened.station.db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0]
        assert unacked == 0
    finally:
        reopened.close()
