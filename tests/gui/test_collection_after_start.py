"""Python's cyclic collection, off for the program's start, comes back on without ever running on a worker: when
the start ends while a worker runs, it comes back as that worker ends (a collection on a worker may free the UI
thread's Qt objects from the wrong thread)."""

from __future__ import annotations

import gc
import threading

from desktop.ui.tasks import TaskRunner, collection_resumed, resume_collection


def test_collection_resumed_while_a_worker_runs_waits_for_the_worker(qtbot, tmp_path):
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
