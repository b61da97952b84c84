"""Crash path and single instance: the clerk's typing survives, a second start never opens the data twice."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.ui.crash import CrashReporter, previous_hard_crash, setup_logging
from helpers.language import english_words

from .clerk import type_text

ROOT = Path(__file__).resolve().parents[2]


def test_unhandled_error_keeps_the_draft_and_reports_once(window, qtbot, services, message_boxes, tmp_path):
    window._new_in(window.consultations)
    type_text(qtbot, window.consultations.form.editors["name"].widget, "黄十四")
    reporter = CrashReporter(setup_logging(tmp_path), window.keep_drafts)
    for _ in range(2):  # the same error twice: one dialog
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            reporter.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 1)
    QCoreApplication.sendPostedEvents()  # a second report, had one been queued, would be shown now
    assert len(message_boxes.shown) == 1
    assert "station.log" in message_boxes.shown[0][1]
    assert "boom" not in message_boxes.details[0] and english_words(message_boxes.details[0]) == []  # (in the log)
    assert [d.data["name"] for d in services.station.store.drafts()] == ["黄十四"]
    assert "boom" in (tmp_path / "logs" / "station.log").read_text(encoding="utf-8")


def test_the_county_workspace_keeps_its_own_log(tmp_path):
    from desktop.county_ui.app import WORKSPACE_LOG

    logs = setup_logging(tmp_path, WORKSPACE_LOG)
    logging.getLogger("desktop.county_ui").warning("workspace line")
    assert "workspace line" in (logs / "workspace.log").read_text(encoding="utf-8")
    assert not (logs / "station.log").exists()


def test_a_hard_crash_is_reported_at_the_next_start(tmp_path):
    logs = setup_logging(tmp_path)
    (logs / "fault.log").write_text("Fatal Python error: Segmentation fault\n", encoding="utf-8")
    kept = previous_hard_crash(logs)
    assert kept is not None and "Segmentation" in kept.read_text(encoding="utf-8")
    assert previous_hard_crash(logs) is None  # reported once


def _start(data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(data_dir)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_log(data_dir: Path, process: subprocess.Popen, line: str, failure: str) -> None:
    """Until the station's log has `line` (the process still running)."""
    log = data_dir / "logs" / "station.log"
    deadline = time.monotonic() + 30
    while not (log.exists() and line in log.read_text(encoding="utf-8")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, failure
        time.sleep(0.1)


def _wait_until_open(data_dir: Path, process: subprocess.Popen) -> None:
    """Until the instance holds the folder's lock and listens for later starts: it logs "opened by process"
    right after both (desktop/ui/app.py)."""
    _wait_for_log(data_dir, process, f"opened by process {process.pid}", "the instance never opened the folder")


@pytest.mark.slow
def test_second_start_hands_over_to_the_first_and_a_dead_lock_is_taken_over(tmp_path):
    data = tmp_path / "data"
    first = _start(data)
    try:
        _wait_until_open(data, first)
        second = _start(data)
        assert second.wait(timeout=30) == 0, second.communicate()
        assert first.poll() is None  # still running, brought to the front
        log = (data / "logs" / "station.log").read_text(encoding="utf-8")
        assert "asked it to come to the front" in log
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    third = _start(data)  # the killed instance's lock is stale: taken over
    try:
        _wait_for_log(data, third, f"opened by process {third.pid}", "the stale lock was not taken over")
    finally:
        third.send_signal(signal.SIGKILL)
        third.wait()
