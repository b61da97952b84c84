"""Admission control for change batches: the county says "busy, come back in N s" instead of letting a batch wait
longer than the station will (issue 17: 500 stations syncing at once).

county.db has one writer, so batches are stored one after another (those waiting together share a commit:
sync/server/group_commit.py). A batch that arrives when the ones already
taken would keep it waiting past ADMISSION_WAIT_SECONDS (well inside the station's 30 s read timeout) is answered
503 "busy" with a Retry-After before its body is read: the station waits and sends it again, no body is held while
it waits (memory stays bounded: at most MAX_ADMITTED_BATCHES bodies are in the county at once), and no station's
request times out in a queue it cannot see. The wait is estimated from the depth of the queue (batches taken and
not yet answered) times the time the county has lately taken per batch (a moving average of the interval between
answers while batches were queued), so a slow disk turns stations away sooner than a fast one. The stations turned
away are given successive moments to come back (one batch's time apart), so they return in turn instead of all at
once and again finding the queue full.

File uploads (PUT /v1/files, up to MAX_CHUNK_BYTES a chunk, each body held whole while it arrives and is stored)
are admitted the same way by their bytes: at most MAX_UPLOAD_BYTES_IN_FLIGHT in the county at once, the pace
learnt per byte, a signed "busy" before the body is read; the station sends the same chunk at the same offset
again, so the resumable upload neither loses nor repeats a byte.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from anyio.to_thread import current_default_thread_limiter

from sync.limits import (
    ADMISSION_WAIT_SECONDS,
    COUNTY_WORKER_THREADS,
    MAX_ADMITTED_BATCHES,
    MAX_CHUNK_BYTES,
    MAX_RETRY_AFTER_SECONDS,
    MAX_UPLOAD_BYTES_IN_FLIGHT,
    MIB,
    MIN_ADMITTED_BATCHES,
)

FIRST_GUESS_SECONDS = 0.25  # per batch before any was measured (a 200-change batch on this machine: ~0.1-0.3 s)
FIRST_GUESS_SECONDS_PER_BYTE = 1 / (40 * MIB)  # a chunk's bytes read, sealed, written and fsynced: ~40 MiB/s
SMOOTHING = 0.2  # weight of the newest interval in the moving average


class Admission:
    """A queue of the county's with a bound: `admit(cost)` takes a place or says how long to wait. Its units are
    change batches (cost 1 each) or, for file uploads, the bytes of each chunk (`upload_admission()`)."""

    def __init__(self, *, wait_seconds: float = ADMISSION_WAIT_SECONDS, most: int = MAX_ADMITTED_BATCHES,
                 least: int = MIN_ADMITTED_BATCHES, first_guess: float = FIRST_GUESS_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.wait_seconds, self.most, self.least, self.clock = wait_seconds, most, least, clock
        self.depth = 0  # units taken and not yet answered
        self.peak = 0  # the most ever taken at once (the bench reports it)
        self.per_unit = first_guess  # seconds the county lately took per unit
        self._last_done: float | None = None  # when the last request was answered while others waited
        self._next_turn = 0.0  # the moment after the last one a turned-away station was told to come back at
        self._lock = threading.Lock()

    def admit(self, cost: int = 1) -> int:
        """0: the request is taken (call `done(cost)` after answering it, whatever happens); otherwise the seconds
        the station should wait before sending it again (1..MAX_RETRY_AFTER_SECONDS)."""
        with self._lock:
            ahead = self.depth + cost
            expected = ahead * self.per_unit
            if ahead <= self.least or (ahead <= self.most and expected <= self.wait_seconds):
                if self.depth == 0:
                    self._last_done = self.clock()  # the queue starts: the first interval is measured from here
                self.depth = ahead
                self.peak = max(self.peak, ahead)
                return 0
            # come back when the requests ahead are done (they drain in `expected` seconds at this pace), after
            # the stations told before: each is given the next free moment, so they return one by one, in turn
            now = self.clock()
            turn = max(self._next_turn, now + expected)
            self._next_turn = turn + cost * self.per_unit
            return max(1, min(MAX_RETRY_AFTER_SECONDS, math.ceil(turn - now)))

    def done(self, cost: int = 1) -> None:
        """A taken request was answered (stored, refused or abandoned): its place is free."""
        with self._lock:
            now = self.clock()
            if self._last_done is not None:
                self.per_unit += SMOOTHING * ((now - self._last_done) / max(1, cost) - self.per_unit)
            self.depth = max(0, self.depth - cost)
            self._last_done = now if self.depth else None  # an idle county's pause is no request's time


def upload_admission(**options) -> Admission:
    """The admission of file chunks (PUT /v1/files): bytes held, in flight or being stored, at most
    MAX_UPLOAD_BYTES_IN_FLIGHT; one largest chunk is always taken."""
    return Admission(**{"most": MAX_UPLOAD_BYTES_IN_FLIGHT, "least": MAX_CHUNK_BYTES,
                        "first_guess": FIRST_GUESS_SECONDS_PER_BYTE, **options})


def chunk_cost(declared: str | None) -> int:
    """The bytes a chunk will hold in the county, from its Content-Length before anything is checked: a length
    missing, malformed or beyond a chunk counts as the largest chunk (the request is refused later anyway)."""
    if declared and declared.isascii() and declared.isdigit() and len(declared) < 13:
        return max(1, min(int(declared), MAX_CHUNK_BYTES))
    return MAX_CHUNK_BYTES


class WorkerThreads:
    """ASGI middleware: at most `threads` worker threads run the county's blocking work (`run_in_threadpool` and
    the plain `def` routes share the event loop's default limiter). Each thread keeps its own county.db connection
    with its page cache and its own malloc arena, so the server's memory grows with the threads, not the requests:
    a 100-station burst filled the framework's default of 40 (issue 17). Set in the running loop, at its first
    request (the limiter belongs to the loop, which does not exist when the app is made)."""

    def __init__(self, app, threads: int = COUNTY_WORKER_THREADS):
        self.app, self.threads = app, threads

    async def __call__(self, scope, receive, send) -> None:
        limiter = current_default_thread_limiter()
        if limiter.total_tokens != self.threads:
            limiter.total_tokens = self.threads
        await self.app(scope, receive, send)
