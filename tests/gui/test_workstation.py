"""The program's one task runner and its start and end: write tasks one after the other on the serial lane,
quit cancelling and waiting for the tasks before the database closes, timers started by the program's start
and not by building a window, and the views following writes made on a worker's connection."""

from __future__ import annotations

from desktop.records.sqlcipher import sqlite3
import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

from desktop.records.changes import OUTBOX, RECORDS
from desktop.records.db import write_transaction
from desktop.records.canonical import local_now
from desktop.ui.main_window import MainWindow
from desktop.ui.workstation import Workstation
from sync.events import record_event
from sync.protocol import EVENT_KINDS
from helpers.records import application, consultation

SLOW_STEP = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) "
             "SELECT count(*) FROM n")  # the last step of a task asked to stop: tens of milliseconds


def is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018 - any thread may ask; a closed connection refuses
    except sqlite3.ProgrammingError:
        return False
    return True


def active_timers(*owners) -> set[str]:
    return {t.objectName() or repr(t) for owner in owners for t in owner.findChildren(QTimer) if t.isActive()}


def test_quit_cancels_a_running_task_and_waits_for_it_before_the_database_closes(app, services, qtbot):
    workstation = Workstation(services)
    started = threading.Event()
    seen: dict = {}

    def work(job):
        while not job.cancelled():  # a long read on the task's own connection, until asked to stop
            job.db.execute("SELECT count(*) FROM outbox").fetchone()
            started.set()
        job.db.execute(SLOW_STEP).fetchone()  # finishing its step after the cancel
        seen["own connection"] = job.db.conn
        seen["station open when it ended"] = is_open(services.station.db.conn)
        return "stopped"

    task = workstation.tasks.run(work)
    qtbot.waitUntil(started.is_set)
    assert workstation.close() is True  # what run_app does after the event loop ends
    assert task.is_cancelled()
    assert seen["station open when it ended"] is True  # the task ended before the station's database closed
    assert not is_open(seen["own connection"])  # the runner closed the task's own connection after it
    assert not is_open(services.station.db.conn)  # and then the station's
    with pytest.raises(RuntimeError):
        workstation.tasks.run(lambda _job: None)  # nothing new starts once the program is closing


def test_quit_waits_for_a_task_that_ignores_the_cancel_only_so_long(app, services, qtbot):
    workstation = Workstation(services)
    started, release = threading.Event(), threading.Event()

    def stubborn(_job):
        started.set()
        release.wait(30)

    workstation.tasks.run(stubborn)
    qtbot.waitUntil(started.is_set)
    assert workstation.tasks.shutdown(timeout_ms=50) is False  # bounded: the program still ends
    release.set()
    assert workstation.tasks.shutdown() is True
    workstation.close()


def test_write_tasks_run_one_after_the_other_on_the_serial_lane(app, services, qtbot):
    workstation = Workstation(services)
    steps: list[tuple[str, str, int]] = []
    first_started, release_first = threading.Event(), threading.Event()

    def write(name: str, wait: threading.Event | None = None):
        def work(job):
            steps.append((name, "start", threading.get_ident()))
            if wait is not None:
                first_started.set()
                wait.wait(30)
            store = services.on_connection(job.db).station.store
            saved = store.save("consultation", consultation(question=f"{name}的问题"), user="李芳")
            steps.append((name, "end", threading.get_ident()))
            return saved.id
        return work

    first = workstation.tasks.write(write("first", release_first))
    second = workstation.tasks.write(write("second"))
    qtbot.waitUntil(first_started.is_set)
    assert [s[0] for s in steps] == ["first"]  # the second waits on the lane while the first holds it
    release_first.set()
    qtbot.waitUntil(lambda: first.is_done() and second.is_done())
    assert [s[:2] for s in steps] == [("first", "start"), ("first", "end"), ("second", "start"), ("second", "end")]
    lane = {s[2] for s in steps}
    assert len(lane) == 1 and threading.get_ident() not in lane  # one worker thread, not the UI's
    assert services.station.store.pending_changes() >= 2
    workstation.close()


def test_a_synchronous_runner_runs_the_task_and_its_callbacks_before_returning(app, services):
    workstation = Workstation(services)
    workstation.tasks.synchronous = True  # what the synchronous_tasks fixture does
    done: list = []
    task = workstation.tasks.write(lambda job: job.db.execute("SELECT count(*) FROM outbox").fetchone()[0],
                                   done.append)
    assert task.is_done() and done == [0] and workstation.tasks.is_idle()
    workstation.close()


def test_building_the_window_starts_no_timer_the_programs_start_does(workstation, qtbot, message_boxes):
    window = MainWindow(workstation)
    qtbot.addWidget(window)
    assert active_timers(window, workstation) == set()
    workstation.start()  # what run_app does once the window shows
    window.start()
    assert {"checkpoint_timer", "sync_timer", "daily_backup_timer"} <= active_timers(window, workstation)


def test_the_scanner_folder_is_watched_from_the_programs_start(workstation, qtbot, message_boxes, tmp_path):
    station = workstation.services.station
    scans = tmp_path / "scans"
    scans.mkdir()
    station.update_settings(replace(station.settings, scanner_folder=str(scans)))
    window = MainWindow(workstation)
    qtbot.addWidget(window)
    assert window.inbox.folder is None  # not before the first frame: Qt's file watcher takes a while to make
    window.start()
    assert window.inbox.folder == scans


def test_the_views_follow_a_write_made_on_a_worker_connection(window, workstation, qtbot, station):
    saved = station.store.save("application", application(), user="李芳")
    window.applications.open_record(saved.id)  # the editor's county tab listens too
    editor = window.applications.editor  # its county tab is not on screen: the decision stays unread
    page = window.consultations.list_page
    before = page.model.total()

    def work(job):  # on the task's own connection, on a worker: a save and a decision from the county
        services = workstation.services.on_connection(job.db)
        services.station.store.save("consultation", consultation(), user="王强")
        event = {"seq": 1, "event_id": "e1", "kind": "accept", "application_number": saved.number,
                 "application_id": saved.id, "status": EVENT_KINDS["accept"], "at": "2026-11-30T02:15:00+00:00"}
        with write_transaction(job.db) as conn:
            record_event(conn, event, local_now())

    with qtbot.waitSignal(workstation.changes.changed, timeout=10_000) as heard:
        workstation.tasks.write(work)
    qtbot.waitUntil(lambda: page.model.total() == before + 1, timeout=10_000)
    topics = set(heard.args[0])
    assert {RECORDS, OUTBOX} <= topics
    qtbot.waitUntil(lambda: window.navigation.item(window.pages.indexOf(window.county_page)).text()
                    == QCoreApplication.translate("MainWindow", "County (%1)").replace("%1", "1"), timeout=10_000)
    pending = station.store.pending_changes()
    assert window.pending_label.text() == QCoreApplication.translate(
        "SyncController", "Waiting to sync: %1 records").replace("%1", str(pending))
    accepted = station.store.reference.label("application_status", EVENT_KINDS["accept"], "zh")
    assert accepted in editor.county_status.text()
    # the open form's drafts (and, once, the window's size after it was shown); nothing polled: the writes told
    assert active_timers(window) - {"geometry_timer"} == {"autosave_timer"}


def test_a_list_searching_for_a_word_shows_the_record_saved_once_the_index_lane_caught_up(window, workstation,
                                                                                           qtbot, station):
    from desktop.records import search_lane

    workstation.start()  # saves leave their search index to the write lane
    page = window.consultations.list_page
    page.search.setText("宅基地")
    page.refresh()
    assert page.model.total() == 0

    station.store.save("consultation", consultation(question="宅基地被邻居占用"), user="李芳")
    qtbot.waitUntil(lambda: search_lane.backlog(station.db) == 0, timeout=10_000)  # indexed on the lane, after the save
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=10_000)  # and the list heard it
    workstation.close()
