"""The one way to run long work off the UI thread (verify, print, sync, import).

`run_task(fn, ...)` runs `fn(progress, cancelled)` on a worker thread; its result,
its error or its progress come back on the UI thread through signals. Widgets
never touch threads themselves, and nobody calls processEvents().
A worker that needs the database opens its own connection: connections are
never shared across threads.
"""

from __future__ import annotations

import gc
import logging
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total)
Work = Callable[[Progress, Callable[[], bool]], Any]


class Task(QObject):
    """A running piece of work; connect to its signals, call cancel() to ask it to stop."""

    progressed = Signal(object, object)  # Python ints: byte counts pass 2 GiB
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()

    def __init__(self, work: Work):
        super().__init__()
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self._cancel.is_set)
        except Exception as exc:  # noqa: BLE001 - reported to the UI, which decides what to show
            log.error("task failed: %s", "".join(traceback.format_exception(exc)))
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.task = task

    @Slot()
    def run(self) -> None:
        with _no_collection_on_workers:
            self.task.run()


_running: set[Task] = set()  # keeps tasks alive until they finish


class _NoCollectionOnWorkers:
    """Python's cyclic GC runs in whichever thread happens to allocate. On a worker it may free
    Qt objects of the UI thread (a closed dialog in a reference cycle) from the wrong thread, which
    crashes Qt. So automatic collection pauses while any worker runs; the UI thread collects after."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers = 0
        self._was_enabled = True

    def __enter__(self) -> None:
        with self._lock:
            if self._workers == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._workers += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._workers -= 1
            if self._workers == 0 and self._was_enabled:
                gc.enable()


_no_collection_on_workers = _NoCollectionOnWorkers()


def run_task(work: Work, on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Progress | None = None, *, synchronous: bool = False) -> Task:
    """Run `work` on the shared thread pool; callbacks run on the UI thread.

    `synchronous=True` runs it right here (tests and scripts that want no threads).
    """
    task = Task(work)
    if on_done:
        task.succeeded.connect(on_done)
    if on_error:
        task.failed.connect(on_error)
    if on_progress:
        task.progressed.connect(on_progress)
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    if synchronous:
        task.run()
    else:
        QThreadPool.globalInstance().start(_Runner(task))
    return task
