"""Admission control for change batches: the county says "busy, come back in N s" instead of letting a batch wait
longer than the station will (issue 17: 500 stations syncing at once).

county.db has one writer, so batches are stored one after another. A batch that arrives when the ones already
taken would keep it waiting past ADMISSION_WAIT_SECONDS (well inside the station's 30 s read timeout) is answered
503 "busy" with a Retry-After before its body is read: the station waits and sends it again, no body is held while
it waits (memory stays bounded: at most MAX_ADMITTED_BATCHES bodies are in the county at once), and no station's
request times out in a queue it cannot see. The wait is estimated from the depth of the queue (batches taken and
not yet answered) times the time the county has lately taken per batch (a moving average of the interval between
answers while batches were queued), so a slow disk turns stations away sooner than a fast one. The stations turned
away are given successive moments to come back (one batch's time apart), so they return in turn instead of all at
once and again finding the queue full.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from sync.limits import (
    ADMISSION_WAIT_SECONDS,
    MAX_ADMITTED_BATCHES,
    MAX_RETRY_AFTER_SECONDS,
    MIN_ADMITTED_BATCHES,
)

FIRST_GUESS_SECONDS = 0.25  # per batch before any was measured (a 200-change batch on this machine: ~0.1-0.3 s)
SMOOTHING = 0.2  # weight of the newest interval in the moving average


class Admission:
    """The county's write queue for change batches: `admit()` takes a place or says how long to wait."""

    def __init__(self, *, wait_seconds: float = ADMISSION_WAIT_SECONDS, most: int = MAX_ADMITTED_BATCHES,
                 least: int = MIN_ADMITTED_BATCHES, clock: Callable[[], float] = time.monotonic):
        self.wait_seconds, self.most, self.least, self.clock = wait_seconds, most, least, clock
        self.depth = 0  # batches taken and not yet answered
        self.per_batch = FIRST_GUESS_SECONDS
        self._last_done: float | None = None  # when the last batch was answered while others waited
        self._next_turn = 0.0  # the moment after the last one a turned-away station was told to come back at
        self._lock = threading.Lock()

    def admit(self) -> int:
        """0: the batch is taken (call `done()` after answering it, whatever happens); otherwise the seconds the
        station should wait before sending it again (1..MAX_RETRY_AFTER_SECONDS)."""
        with self._lock:
            expected = (self.depth + 1) * self.per_batch
            if self.depth < self.least or (self.depth < self.most and expected <= self.wait_seconds):
                if self.depth == 0:
                    self._last_done = self.clock()  # the queue starts: the first interval is measured from here
                self.depth += 1
                return 0
            # come back when the batches ahead are stored (they drain in `expected` seconds at this pace), after
            # the stations told before: each is given the next free moment, so they return one by one, in turn
            now = self.clock()
            turn = max(self._next_turn, now + expected)
            self._next_turn = turn + self.per_batch
            return max(1, min(MAX_RETRY_AFTER_SECONDS, math.ceil(turn - now)))

    def done(self) -> None:
        """A taken batch was answered (stored, refused or abandoned): its place is free."""
        with self._lock:
            now = self.clock()
            if self._last_done is not None:
                self.per_batch += SMOOTHING * (now - self._last_done - self.per_batch)
            self.depth = max(0, self.depth - 1)
            self._last_done = now if self.depth else None  # an idle county's pause is no batch's time
