"""Sync in the window, against the real county server on loopback: what waits (records and material files
with their size), a long upload with progress that the clerk stops and the next round resumes, the round
a few seconds after start-up, and the round that starts by itself when the county answers again."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import uvicorn
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtNetwork import QNetworkInformation
from sync_tests.test_attachment_upload import attach

from desktop.ui import sync_controller
from desktop.ui.sync_probe import PROBE_INTERVAL_MS
from sync.server.app import create_app
from sync.server.files import COMPLETE, PARTIAL

from .test_sync_ui import press_sync, wait_round

MB = 1024 * 1024


def tr(source: str) -> str:
    return QCoreApplication.translate("SyncController", source)


def translated(source: str) -> bool:
    return tr(source) != source


def waiting(records: int, files: int = 0, size: int = 0) -> str:
    if not files:
        return tr("Waiting to sync: %1 records").replace("%1", str(records))
    return (tr("Waiting to sync: %1 records, %2 materials (%3 MB)").replace("%1", str(records))
            .replace("%2", str(files)).replace("%3", f"{size / MB:.1f}"))


def unsent(station) -> int:
    return station.db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected_reason IS NULL"
                              ).fetchone()[0]


def test_the_status_bar_counts_records_and_material_files_with_their_size(window, services, station, tmp_path):
    first = attach(services, tmp_path, 3 * MB + 200_000, 1)
    attach(services, tmp_path, MB, 2, record_id=first.record_id)
    attach(services, tmp_path, MB, 2, record_id=first.record_id, name="again.pdf")  # the same scan: sent once
    window.refresh_status()
    text = window.pending_label.text()
    assert text == waiting(unsent(station), 2, 4 * MB + 200_000)
    assert "4.2" in text and "2" in text
    if translated("Waiting to sync: %1 records, %2 materials (%3 MB)"):
        assert text == f"待同步：{unsent(station)} 条记录，2 个材料（4.2 MB）"


def start_upload(window, qtbot, services, tmp_path, size: int):
    window.sync.engine_options = {"chunk_bytes": 32 * 1024}  # many chunks: the upload lasts seconds
    scan = attach(services, tmp_path, size, 5)
    window.refresh_status()
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_progress.isVisible() and window.sync_progress.bar.value() > 0,
                    timeout=20000)
    return scan


def test_a_long_upload_shows_progress_stops_on_request_and_the_next_round_resumes(enrolled, county, window, qtbot,
                                                                                 station, tmp_path):
    progress = window.sync_progress
    assert not progress.isVisible()  # nothing is uploading
    seen: list[int] = []  # the bar's value at each tick of a UI-thread timer while the round runs
    heartbeat = QTimer(window)
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: window.sync.is_running() and seen.append(progress.bar.value()))
    heartbeat.start()
    scan = start_upload(window, qtbot, enrolled, tmp_path, 6 * MB)
    assert window.sync.is_running() and not window.sync_button.isEnabled()
    round_task = window.sync.task
    assert progress.stop_button.isVisible() and progress.stop_button.isEnabled()
    assert progress.bar.text().endswith("%") and progress.bar.text() != "100%"
    if translated("Uploading materials %p%"):
        assert progress.bar.text().startswith("上传材料")
    # some way in, still going; and the UI thread's own timer ticked between the upload's steps: the window
    # stays alive while the worker uploads (a round on the UI thread would let no tick in until it ended)
    qtbot.waitUntil(lambda: progress.bar.value() >= 100 and len({v for v in seen if v > 0}) >= 2, timeout=20000)
    picture = window.grab()
    assert not picture.isNull()
    shots = os.environ.get("LEGALAID_SCREENSHOTS")  # a folder: look at the status bar as a clerk would
    picture.save(str(Path(shots) / "sync_upload_in_progress.png") if shots else str(tmp_path / "upload.png"))

    qtbot.mouseClick(progress.stop_button, Qt.MouseButton.LeftButton)
    assert not progress.stop_button.isEnabled()
    wait_round(window, qtbot, timeout=20000)
    heartbeat.stop()
    result = window.sync.last_result
    assert result.cancelled and result.error is None and result.files_pending == 1
    held = county.store.files.state("TS01", scan.sha256)
    assert held.status == PARTIAL and 0 < held.received < scan.size  # stopped part-way, between chunks
    assert not progress.isVisible()
    paused = tr("Upload paused with %1 material file(s) (%2 MB) left; it resumes at the next sync")
    assert tr("upload paused") in window.sync_label.text()  # short; the counts are in its tooltip
    assert paused.replace("%1", "1").replace("%2", f"{scan.size / MB:.1f}") in window.sync_label.toolTip()
    assert window.pending_label.text() == waiting(0, 1, scan.size)
    # nothing more goes up: the round's work has returned (the only sender), and the county holds exactly
    # the bytes it said it sent
    assert round_task.is_done() and held.received == result.bytes_sent

    press_sync(window, qtbot, timeout=30000)
    again = window.sync.last_result
    assert again.error is None and again.complete and not again.cancelled
    assert (again.files_sent, again.bytes_sent) == (1, scan.size - held.received)  # resumed, not restarted
    assert county.store.files.state("TS01", scan.sha256).status == COMPLETE
    assert window.pending_label.text() == waiting(0)
    assert not progress.isVisible()


def test_stopping_the_upload_while_records_are_still_going_stops_the_files_only(enrolled, county, window, qtbot,
                                                                                 station, tmp_path):
    # a round sends the materials' manifests first and their files beside the rest of the records (sync/engine.py):
    # the clerk's 停止上传 stops the files; every record still reaches the county in the same round
    from helpers.records import application

    saved = [station.store.save("application", application(), user="李芳") for _ in range(40)]
    window.sync.engine_options = {"chunk_bytes": 32 * 1024, "batch_size": 5}  # a long file
    scan = attach(enrolled, tmp_path, 4 * MB, 6)
    # the county takes the manifests' batch, then holds the records' batches until the clerk has pressed 停止上传
    store, held_back, taken = county.server.config.app.state.store, threading.Event(), []
    apply_changes = store.apply_changes

    def slow_county(*args, **kw):
        taken.append(1)
        if len(taken) > 1:
            held_back.wait(20)
        return apply_changes(*args, **kw)

    store.apply_changes = slow_county
    window.refresh_status()
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_progress.isVisible() and window.sync_progress.bar.value() > 0, timeout=20000)
    left_then = unsent(station)
    qtbot.mouseClick(window.sync_progress.stop_button, Qt.MouseButton.LeftButton)
    held_back.set()
    wait_round(window, qtbot, timeout=30000)
    store.apply_changes = apply_changes
    result = window.sync.last_result
    assert left_then > 0  # the file was going up while records were still waiting to go
    assert result.cancelled and result.error is None and result.pending == 0
    held = {r["number"] for r in county.store.records("TS01") if r["record_type"] == "application"}
    assert {r.number for r in saved} <= held
    assert county.store.files.state("TS01", scan.sha256).status == PARTIAL
    assert window.pending_label.text() == waiting(0, 1, scan.size)


def test_a_round_without_material_files_shows_no_progress_bar(enrolled, county, window, qtbot, station):
    from helpers.records import application

    station.store.save("application", application(), user="李芳")
    shown: list[tuple[int, int]] = []
    window.sync.uploadProgressed.connect(lambda done, total: shown.append((done, total)))
    press_sync(window, qtbot)
    assert window.sync.last_result.complete
    assert all(total == 0 for _, total in shown) and not window.sync_progress.isVisible()


def test_a_round_starts_by_itself_a_few_seconds_after_the_window_is_shown(enrolled, county, window, qtbot, station,
                                                                       monkeypatch):
    from helpers.records import application

    assert 1000 <= sync_controller.STARTUP_DELAY_MS <= 10_000  # the window first, then the round
    saved = station.store.save("application", application(), user="李芳")
    monkeypatch.setattr(sync_controller, "STARTUP_DELAY_MS", 300)
    window.start()  # what the program does right after showing the window
    assert not window.sync.is_running()
    qtbot.waitUntil(lambda: window.sync.last_result is not None and not window.sync.is_running(), timeout=15000)
    assert window.sync.last_result.complete
    assert saved.number in {r["number"] for r in county.store.records("TS01") if r["record_type"] == "application"}
    assert window.pending_label.text() == waiting(0)


def test_no_round_and_no_probe_when_not_enrolled(window, qtbot, monkeypatch):
    monkeypatch.setattr(sync_controller, "STARTUP_DELAY_MS", 100)
    before = window.sync_label.text()
    came: list[bool] = []  # the start-up round's moment came (the controller's own on_timer ran)
    on_timer = window.sync.on_timer
    monkeypatch.setattr(window.sync, "on_timer", lambda: (on_timer(), came.append(True)))
    window.start()
    qtbot.waitUntil(lambda: bool(came), timeout=5000)
    assert window.sync.last_result is None and not window.sync.is_running()
    assert window.sync_label.text() == before
    window.sync.probe.start()
    assert window.sync.probe.probe_now() is False and window.sync.probe.probes == 0
    window.sync.probe.stop()


def serve(data_dir: Path, port: int):
    """The county server (same data, same port) started again, as after a power cut at the county."""
    server = uvicorn.Server(uvicorn.Config(create_app(data_dir), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the county server did not start again"
        time.sleep(0.02)
    return server, thread


def test_when_the_county_answers_again_a_round_starts_by_itself(enrolled, county, window, qtbot, station):
    from helpers.records import application

    probe = window.sync.probe
    assert probe.timer.interval() == PROBE_INTERVAL_MS == 30_000 and not probe.is_active()
    probe.timer.setInterval(150)
    saved = station.store.save("application", application(), user="李芳")
    county.server.should_exit = True
    county.thread.join(timeout=5)
    press_sync(window, qtbot, timeout=30000)
    assert window.sync.last_result.error_code == "network"
    assert probe.is_active()  # the county is asked every half minute (here: every 150 ms)
    qtbot.waitUntil(lambda: probe.probes >= 3 and probe.task is None, timeout=10000)
    assert window.sync.last_result.error_code == "network" and not window.sync.is_running()
    assert probe.is_active()  # nobody answered, so it keeps asking

    window.sync.sync_now()  # while a round runs nothing is probed
    assert probe.probe_now() is False
    wait_round(window, qtbot, timeout=30000)
    assert probe.is_active()

    probe.timer.setInterval(60_000)  # no tick soon: only the operating system's word can probe now
    qtbot.waitUntil(lambda: probe.task is None, timeout=10000)
    count = probe.probes
    probe.on_reachability(QNetworkInformation.Reachability.Disconnected)
    assert probe.probes == count
    probe.on_reachability(QNetworkInformation.Reachability.Online)  # "online again": ask at once
    assert probe.probes == count + 1
    qtbot.waitUntil(lambda: probe.task is None, timeout=10000)
    probe.timer.setInterval(150)

    server, thread = serve(county.data_dir, county.port)
    try:
        qtbot.waitUntil(lambda: window.sync.last_result.error is None and not window.sync.is_running(),
                        timeout=20000)
        assert window.sync.last_result.complete and not probe.is_active()
        assert saved.number in {r["number"] for r in county.store.records("TS01")
                                if r["record_type"] == "application"}
        assert window.pending_label.text() == waiting(0)
    finally:
        server.should_exit = True
        thread.join(timeout=5)
