"""The one way to run work off the UI thread: the application's TaskRunner.

Modelled on Anki's QueryOp/CollectionOp and Picard's thread pools. `tasks.run(work, on_done, on_error,
on_progress)` runs `work(job)` on a worker of the pool; `tasks.write(...)` runs it on the serial lane, a
single worker, so work that writes the station database runs one task after another in the order asked
and never contends with itself. The `job` a work function receives carries what it may use off the UI
thread: `job.db`, its own connection to the station's database (opened on first use, closed when the work
returns: a connection never crosses threads), `job.progress(done, total)` and `job.cancelled()`.
Results, errors and progress come back on the UI thread through the Task's signals; widgets never touch
threads and nobody calls processEvents().

A screen that reads on a worker asks through `Latest` (below), so an answer that comes after a later one's is
dropped, never shown over it.

The application makes one runner (desktop/ui/workstation.py); at quit `shutdown()` cancels every task and
waits for them, bounded, before the station's database closes. Tests set `synchronous` once (a fixture):
each task then runs where it is asked, callbacks included, before `run`/`write` return.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from desktop.records.connection import Database
from desktop.records.db import database_path, open_database
from desktop.records.errors import UserFacingError

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total)
QUIT_WAIT_MS = 10_000  # at quit, how long tasks get to stop (an upload stops between chunks; a request times out)


class Job:
    """What a task's work may use on its worker: its own database connection, progress and the cancel flag."""

    def __init__(self, data_dir: Path, progress: Progress, cancel: threading.Event):
        self._data_dir = data_dir
        self._cancel = cancel
        self._db: Database | None = None
        self.progress: Progress = progress

    @property
    def db(self) -> Database:
        """The task's own connection to the station's database (opened here, on the worker, at first use)."""
        if self._db is None:
            self._db = open_database(database_path(self._data_dir))
        return self._db

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None


Work = Callable[[Job], Any]


class Task(QObject):
    """A piece of work asked of the runner; connect to its signals, call cancel() to ask it to stop."""

    progressed = Signal(object, object)  # Python ints: byte counts pass 2 GiB
    ended = Signal()  # the work returned or raised; before succeeded/failed (the runner's taskEnded)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()

    def __init__(self, work: Work, data_dir: Path):
        super().__init__()
        self._work = work
        self._data_dir = data_dir
        self._cancel = threading.Event()
        self._done = False
        self.finished.connect(self._mark_done)  # on the UI thread, after the result's callbacks

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        """The work has ended and its callbacks have run (a synchronous runner: before `run` returned)."""
        return self._done

    def _mark_done(self) -> None:
        self._done = True

    def run(self) -> None:
        """On the worker (or right here when the runner is synchronous): the work, then its connection closed."""
        job = Job(self._data_dir, self.progressed.emit, self._cancel)
        try:
            try:
                result = self._work(job)
            finally:
                job.close()
                self.ended.emit()
        except UserFacingError as exc:  # a refusal the clerk is shown; its text may name a person or a file
            log.info("task refused: %s (%s)", type(exc).__name__, exc.kind)
            self.failed.emit(exc)
        except Exception as exc:  # noqa: BLE001 - reported to the UI, which decides what to show
            log.error("task failed: %s", "".join(traceback.format_exception(exc)))
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class _Ticket:
    """A task's place among the workers, counted from when it is queued (on the UI thread) so that no worker runs
    Python with collection on, not even the first lines of its run; taken once: by the worker that runs the task,
    or at shutdown when the pool dropped it unrun."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._taken = False

    def take(self) -> bool:
        with self._lock:
            taken, self._taken = self._taken, True
            return not taken


class _Runnable(QRunnable):
    def __init__(self, task: Task, ticket: _Ticket, tickets: set[_Ticket]):
        super().__init__()
        self.task, self.ticket, self.tickets = task, ticket, tickets

    @Slot()
    def run(self) -> None:
        if not self.ticket.take():  # shutdown counted it out: the program is closing
            return
        self.tickets.discard(self.ticket)
        try:
            self.task.run()
        finally:
            _no_collection_on_workers.ended()


class _CollectionResumer(QObject):
    """Lives on the application's thread: a worker's last exit asks it, queued, to turn collection back on there."""

    due = Signal()

    def __init__(self, resume: Callable[[], None]):
        super().__init__()
        self.due.connect(resume)  # the receiver lives on the application's thread: delivered there, queued


class _NoCollectionOnWorkers:
    """Python's cyclic GC runs in whichever thread happens to allocate. On a worker it may free
    Qt objects of the UI thread (a closed dialog in a reference cycle) from the wrong thread, which
    crashes Qt. So automatic collection pauses from the moment a worker's task is queued (on the UI thread: a
    worker never runs a line of Python with it on) and comes back on the UI thread after the last one ends (not
    on the worker as it ends: its next allocation could collect there)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers = 0
        self._wanted = True  # collection is to be on whenever no worker runs
        self._pending = False  # a worker's end has asked the UI thread to turn it back on
        self._resumer: _CollectionResumer | None = None

    def attach(self) -> None:
        """Called on the application's thread (by each TaskRunner) before any worker starts."""
        app = QCoreApplication.instance()
        if self._resumer is None and app is not None and QThread.currentThread() is app.thread():
            self._resumer = _CollectionResumer(self._back_on)

    def queued(self) -> None:
        """A worker's task is queued (called on the UI thread): collection off until it has ended."""
        with self._lock:
            if self._workers == 0:
                if not self._pending:  # (while an earlier worker's end waits to turn it on, it is still wanted)
                    self._wanted = gc.isenabled()
                gc.disable()
            self._workers += 1

    def ended(self) -> None:
        """A worker's task has ended (or was dropped unrun): collection back on, on the UI thread, after the last."""
        with self._lock:
            self._workers -= 1
            if self._workers or not self._wanted:
                return
            if self._resumer is None or QThread.currentThread() is self._resumer.thread():
                gc.enable()  # no application to post to (a script), or already on its thread
                return
            self._pending = True
        self._resumer.due.emit()

    def _back_on(self) -> None:
        """On the UI thread: on again, unless a worker started meanwhile (its end will ask again)."""
        with self._lock:
            self._pending = False
            if self._workers == 0 and self._wanted:
                gc.enable()

    def resume(self) -> None:
        """Automatic collection back on: now, or when the workers running now have ended (never on a worker)."""
        with self._lock:
            self._wanted = True
            if self._workers == 0:
                gc.enable()

    def resumed(self) -> bool:
        """Whether collection is on, or will be as soon as the running workers end."""
        with self._lock:
            return gc.isenabled() or (self._wanted and (self._workers > 0 or self._pending))


_no_collection_on_workers = _NoCollectionOnWorkers()


def resume_collection() -> None:
    """Turn Python's cyclic collection back on after the start (desktop/__main__.py turns it off), without
    letting it run on a worker that is running now."""
    _no_collection_on_workers.resume()


def collection_resumed() -> bool:
    """Whether the start has turned cyclic collection back on (it may be paused for a running worker)."""
    return _no_collection_on_workers.resumed()


class Question:
    """One request of a screen's, asked through `Latest.ask()`: wrap its callbacks with it."""

    def __init__(self, latest: "Latest", number: int):
        self._latest, self._number = latest, number

    @property
    def current(self) -> bool:
        """Its answer may still be shown: no later question was asked (or, with `newest`, none was answered)."""
        latest = self._latest
        return self._number > latest.shown if latest.newest else self._number == latest.asked

    def __call__(self, callback: Callable[..., Any]) -> Callable[..., None]:
        """`callback`, run only while this question is current: an answer that comes after a later question's
        (its request was slower) is dropped."""
        def answered(*args: Any) -> None:
            if self.current:
                self._latest.shown = max(self._latest.shown, self._number)
                callback(*args)
        return answered


class Latest:
    """What a screen shows comes from its last request (a record chosen, a search typed, a refresh): ask before
    each request and wrap its callbacks, `q = latest.ask(); desk.call(work, q(show), q(refused))`.

    By default only the last question's answer is shown (another record, another search: an earlier one's would be
    wrong). `newest=True` is for a screen that reads the same thing again as the data changes (a list, a count): any
    answer newer than the one shown is shown, so changes that keep coming faster than a read never starve it."""

    def __init__(self, *, newest: bool = False) -> None:
        self.newest = newest
        self.asked = 0
        self.shown = 0  # the newest question whose answer was shown

    def ask(self) -> Question:
        self.asked += 1
        return Question(self, self.asked)

    def forget(self) -> None:
        """Drop the answers still on their way (the screen moved on: another record, logged out)."""
        self.asked += 1
        self.shown = self.asked


class TaskRunner(QObject):
    """The application's workers for one station: a pool, and a serial lane for writes."""

    taskEnded = Signal()  # on the UI thread, after a task's work and before its callbacks (the views catch up)

    def __init__(self, data_dir: Path, *, synchronous: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.synchronous = synchronous  # tests: every task runs inline (set once by a fixture)
        self._pool = QThreadPool(self)
        self._lane = QThreadPool(self)
        self._lane.setMaxThreadCount(1)  # one writer: write tasks never wait on each other's locks
        self._tasks: set[Task] = set()  # alive until their callbacks have run
        self._closed = False
        self._tickets: set[_Ticket] = set()  # the tasks queued on the pools and not yet begun
        _no_collection_on_workers.attach()

    def run(self, work: Work, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Progress | None = None) -> Task:
        """Run `work(job)` on the pool; the callbacks run on the UI thread."""
        return self._start(self._pool, work, on_done, on_error, on_progress)

    def write(self, work: Work, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None,
              on_progress: Progress | None = None) -> Task:
        """Run `work(job)`, which writes the station database, on the serial lane: after the write tasks
        asked before it, never beside one. Work that waits minutes on the network belongs on the pool."""
        return self._start(self._lane, work, on_done, on_error, on_progress)

    def _start(self, pool: QThreadPool, work: Work, on_done, on_error, on_progress) -> Task:
        if self._closed:
            raise RuntimeError("the task runner has shut down")
        task = Task(work, self.data_dir)
        task.ended.connect(self.taskEnded)
        if on_done:
            task.succeeded.connect(on_done)
        if on_error:
            task.failed.connect(on_error)
        if on_progress:
            task.progressed.connect(on_progress)
        self._tasks.add(task)
        task.finished.connect(lambda: self._tasks.discard(task))
        if self.synchronous:
            task.run()
        else:
            ticket = _Ticket()
            self._tickets.add(ticket)
            _no_collection_on_workers.queued()
            pool.start(_Runnable(task, ticket, self._tickets))
        return task

    def is_idle(self) -> bool:
        """No task is running or waiting (their callbacks have run)."""
        return not self._tasks

    def shutdown(self, timeout_ms: int = QUIT_WAIT_MS) -> bool:
        """At quit: no new tasks, queued ones dropped, running ones cancelled and waited for (at most
        `timeout_ms`). True when every task has ended."""
        self._closed = True
        self._lane.clear()
        self._pool.clear()
        for ticket in list(self._tickets):  # dropped unrun: counted out of the running workers
            if ticket.take():
                self._tickets.discard(ticket)
                _no_collection_on_workers.ended()
        for task in list(self._tasks):
            task.cancel()
        deadline = time.monotonic() + timeout_ms / 1000
        ended = self._lane.waitForDone(timeout_ms)
        ended = self._pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000))) and ended
        if not ended:
            log.warning("tasks still running %d ms after they were cancelled at quit", timeout_ms)
        return ended
