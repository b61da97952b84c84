"""Python's cyclic collection, off for the program's start, comes back on without ever running on a worker: when
the start ends while a worker runs, it comes back as that worker ends (a collection on a worker may free the UI
thread's Qt objects from the wrong thread)."""

from __future__ import annotations

import gc
import threading
import types

import pytest

from desktop.ui import tasks as tasks_module
from desktop.ui.tasks import TaskRunner, collection_resumed, resume_collection


@pytest.fixture
def enabled_on(monkeypatch) -> list[str]:
    """The threads on which the task runner turned collection on (it must be the UI thread, never a worker)."""
    threads: list[str] = []

    def enable() -> None:
        threads.append(threading.current_thread().name)
        gc.enable()

    monkeypatch.setattr(tasks_module, "gc", types.SimpleNamespace(enable=enable, disable=gc.disable,
                                                                  isenabled=gc.isenabled))
    return threads


def test_collection_resumed_while_a_worker_runs_waits_for_the_worker(qtbot, tmp_path, enabled_on):
    tasks = TaskRunner(tmp_path)
    started, release = threading.Event(), threading.Event()
    seen_on_worker: list[bool] = []

    def work(_job):
        started.set()
        release.wait(10)
        seen_on_worker.append(gc.isenabled())

    ended: list[object] = []
    gc.disable()  # as desktop/__main__.py does for the start
    try:
        tasks.run(work, ended.append)
        assert started.wait(10)
        resume_collection()  # the start's first frame is up while the worker runs
        assert not gc.isenabled()  # not on while a worker runs
        assert collection_resumed()  # but on its way back
        release.set()
        qtbot.waitUntil(lambda: bool(ended), timeout=10_000)
        assert seen_on_worker == [False]
        qtbot.waitUntil(gc.isenabled, timeout=10_000)  # back on with the worker's end (just after it answered)
        assert enabled_on == [threading.main_thread().name]  # on the UI thread, not by the worker as it ended
    finally:
        release.set()
        tasks.shutdown()
        gc.enable()


def test_collection_resumed_with_no_worker_is_on_at_once():
    gc.disable()
    try:
        assert not collection_resumed()
        resume_collection()
        assert gc.isenabled() and collection_resumed()
    finally:
        gc.enable()


def test_a_worker_that_starts_while_collection_waits_to_come_back_does_not_lose_it(qtbot, tmp_path, enabled_on):
    """The first worker's end asks the UI thread to turn collection back on; a second worker starts before the UI
    thread gets to it. Collection stays off while the second runs, and comes back (on the UI thread) after it."""
    tasks = TaskRunner(tmp_path)
    first_done, second_started, release = threading.Event(), threading.Event(), threading.Event()
    seen_on_second: list[bool] = []

    def second(_job):
        second_started.set()
        release.wait(10)
        seen_on_second.append(gc.isenabled())

    ended: list[object] = []
    try:
        assert gc.isenabled()
        tasks.run(lambda _job: first_done.set(), ended.append)
        assert first_done.wait(10)
        tasks._pool.waitForDone(10_000)  # the first worker has left its guard; the UI thread has not run since
        assert not gc.isenabled() and collection_resumed()  # its turning back on waits for the UI thread
        tasks.run(second, ended.append)
        assert second_started.wait(10)
        qtbot.wait(50)  # the UI thread runs the first worker's request now: a worker runs, so it stays off
        assert not gc.isenabled() and collection_resumed()
        release.set()
        qtbot.waitUntil(lambda: len(ended) == 2, timeout=10_000)
        qtbot.waitUntil(gc.isenabled, timeout=10_000)
        assert seen_on_second == [False]
        assert set(enabled_on) == {threading.main_thread().name}
    finally:
        release.set()
        tasks.shutdown()
        gc.enable()


def test_collection_is_off_from_the_queueing_and_a_task_dropped_at_quit_does_not_keep_it_off(qtbot, tmp_path,
                                                                                          enabled_on):
    """A task waiting behind another on the serial lane counts from when it was queued (its worker must not run a
    line with collection on); dropped unrun at quit, it is counted out, and collection comes back once the running
    one ends."""
    tasks = TaskRunner(tmp_path)
    started, release = threading.Event(), threading.Event()
    ran: list[str] = []
    tasks.write(lambda _job: (started.set(), release.wait(10), ran.append("first")))
    tasks.write(lambda _job: ran.append("second"))  # waits behind the first
    assert started.wait(10) and not gc.isenabled()
    timer = threading.Timer(0.3, release.set)  # the first ends while quit waits for it
    timer.start()
    try:
        assert tasks.shutdown(10_000)
        qtbot.waitUntil(gc.isenabled, timeout=10_000)
        assert ran == ["first"] and set(enabled_on) == {threading.main_thread().name}
    finally:
        release.set()
        timer.join()
        gc.enable()
