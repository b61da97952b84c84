"""Attachment files going up to the county (Qt-free): what waits, and the resumable chunked upload.

A file waits until the county confirms it holds it (`file_uploads` row). It goes up only after its
signed manifest was acknowledged, so the county already knows the file's hash and size and that
the station signed it; voided attachments are not sent (their manifests and voids are). Files are
sent by content hash, so the same scan attached twice goes up once.

Upload of one file:  GET /v1/files/SHA  -> {"status", "received"}; then PUT /v1/files/SHA?offset=N
with the next chunk until the county answers "complete". The county appends only at its current
end and answers with the offset to resume from otherwise, so a dropped connection, a lost answer,
a cancel or a restart on either side resumes where the county's copy ends. The station hashes what
it reads: a vault file whose bytes no longer match its hash is never sent (and is reported).

A file counts as held only when the county's signed answer names its hash and size (an answer for
another file, or a replayed one, never marks it). The chunk size follows the link (`Link`): it
starts at START_CHUNK_BYTES, doubles after a quick chunk up to MAX_CHUNK_BYTES and halves after a
failed one down to MIN_CHUNK_BYTES; a failed chunk is resumed at once from the county's offset
(several times in a round), and the size learnt is kept for the next round (sync_state), so a link
that drops every few megabytes still moves a large scan forward instead of starting the same 4 MB over.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.records.db import write_transaction
from desktop.records.streamseal import SealedError
from sync.errors import SyncError
from sync.limits import MAX_CHUNK_BYTES, MIN_CHUNK_BYTES, START_CHUNK_BYTES

if TYPE_CHECKING:
    from desktop.records.vault import Vault

log = logging.getLogger(__name__)

QUICK_CHUNK_SECONDS = 4.0  # a chunk answered this fast lets the next one double
FILES_IN_FLIGHT = 2  # one file is read, decrypted and hashed here while the county seals and syncs the other
# once the change log is in, the county's reading and writing are done and more files go at once (issue 17: the files
# after the log took 2.4-2.5 s instead of 2.8-3.2); their chunks together stay within what two files could hold
FILES_AFTER_LOG = 4
CHUNK_BYTES_IN_FLIGHT = FILES_IN_FLIGHT * MAX_CHUNK_BYTES
FAILURES_PER_FILE = 8  # failed chunks of one file resumed within one round before the round gives up
COMPLETE, PARTIAL, UNKNOWN, RESTART = "complete", "partial", "unknown", "restart"

_WAITING = ("FROM attachments a WHERE a.voided = 0 "
            "AND NOT EXISTS (SELECT 1 FROM file_uploads u WHERE u.sha256 = a.sha256)")
_ACKED = ("AND EXISTS (SELECT 1 FROM outbox o WHERE o.record_type = 'attachment' AND o.record_id = a.id "
          "AND o.version = 1 AND o.acked_at IS NOT NULL)")


@dataclass(frozen=True)
class WaitingFile:
    sha256: str
    size: int


def waiting_files(db, *, acknowledged_only: bool = False) -> list[WaitingFile]:
    """Files the county does not hold yet, oldest attachment first (only those whose manifest it has, if asked)."""
    rows = db.execute(f"SELECT a.sha256, max(a.size), min(a.rownum) {_WAITING} {_ACKED if acknowledged_only else ''} "
                      "GROUP BY a.sha256 ORDER BY 3").fetchall()
    return [WaitingFile(r[0], r[1]) for r in rows]


def waiting_summary(db) -> tuple[int, int]:
    """(files, bytes) still to send to the county."""
    row = db.execute(f"SELECT count(*), coalesce(sum(size), 0) FROM (SELECT max(a.size) AS size {_WAITING} "
                     "GROUP BY a.sha256)").fetchone()
    return row[0], row[1]


def mark_confirmed(conn, sha256: str, size: int, now: str) -> bool:
    """The county holds this file (inside the caller's transaction); False when it was known already."""
    return conn.execute("INSERT INTO file_uploads (sha256, size, confirmed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        (sha256, size, now)).rowcount == 1


def mark_held(conn, held: list[Any], now: str) -> tuple[int, int]:
    """The county says it holds these files (a USB reply: [{"sha256", "size"}, ...]): mark each one this station has
    with that very hash and size; (files, bytes) newly marked (a reply imported again marks none). A bare hash
    (an older county's reply) marks nothing: the file is sent again."""
    marked = size = 0
    for entry in held:
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str) or type(entry.get("size")) is not int:
            continue
        row = conn.execute("SELECT max(size) FROM attachments WHERE sha256 = ?", (entry["sha256"],)).fetchone()
        if row and row[0] == entry["size"] and mark_confirmed(conn, entry["sha256"], row[0], now):
            marked += 1
            size += row[0]
    return marked, size


def holds(state: dict[str, Any], f: "WaitingFile") -> bool:
    """The county's answer says it holds exactly this file: complete, with its hash and size."""
    return (state.get("status") == COMPLETE and state.get("sha256") == f.sha256 and state.get("size") == f.size
            and state.get("received") == f.size)


@dataclass
class Link:
    """The chunk size the link allows, learnt as chunks go up (kept between rounds by the engine)."""

    chunk_bytes: int = START_CHUNK_BYTES
    adaptive: bool = True  # False: the size a caller chose stays (e.g. many small chunks to watch the progress)
    ceiling: int = MAX_CHUNK_BYTES  # half the size that failed last: not grown past it again this round
    quick: bool = False  # the last chunk was answered within QUICK_CHUNK_SECONDS
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)  # the files' threads

    def __post_init__(self) -> None:
        self.chunk_bytes = max(1, min(int(self.chunk_bytes), MAX_CHUNK_BYTES))
        if self.adaptive:
            self.chunk_bytes = max(MIN_CHUNK_BYTES, self.chunk_bytes)

    @property
    def good(self) -> bool:
        """The last chunk was answered quickly and none failed this round: more files may share the link without a
        chunk taking so long that it times out."""
        return self.quick and self.ceiling >= MAX_CHUNK_BYTES

    def sent(self, seconds: float) -> None:
        with self._lock:
            self.quick = seconds < QUICK_CHUNK_SECONDS
            if self.adaptive and self.quick:
                self.chunk_bytes = max(min(self.chunk_bytes * 2, self.ceiling), MIN_CHUNK_BYTES)

    def failed(self) -> None:
        with self._lock:
            self.quick = False
            self.ceiling = max(self.chunk_bytes // 2, MIN_CHUNK_BYTES)  # (a size a caller fixed stays; not `good`)
            if self.adaptive:
                self.chunk_bytes = self.ceiling


@dataclass
class UploadReport:
    files_sent: int = 0  # completed this round
    bytes_sent: int = 0
    damaged: list[str] = field(default_factory=list)  # sha256 of vault files that no longer match their hash
    missing: list[str] = field(default_factory=list)  # not in this vault at all (e.g. not recovered)
    unknown: int = 0  # the county knows no manifest for the file (yet): tried again next round


class Cancelled(Exception):
    """The clerk cancelled a long upload; what the county holds stays and the next round resumes."""


_WAKE = object()  # put on a sender's queue to end a `pump` without a file's message


class FileSender:
    """One round's attachment files, FILES_IN_FLIGHT at a time (FILES_AFTER_LOG once the change log is in) on their own
    threads, which read, hash and send.

    `progress`, `cancelled` and the database are called on the round's thread only: each file's thread waits after
    each chunk until that thread `pump`s its message (progress, then the clerk's cancel) and, at its end, marks the
    file held. The engine pumps while it waits for the county's answers to the change log, so files whose manifest the
    county has go up meanwhile, then `widen`s and `finish`es. A file's error or a cancel stops the sending (the files
    in flight end after their chunk; one the county holds whole is still marked) and is raised by `finish`."""

    def __init__(self, request: Callable[..., dict[str, Any]], db, vault: "Vault", now: Callable[[], str], *,
                 progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                 report: UploadReport | None = None, link: Link | None = None):
        self.request, self.db, self.vault, self.now = request, db, vault, now
        self.progress, self.cancelled = progress, cancelled
        self.report = report if report is not None else UploadReport()
        self.link = link if link is not None else Link()
        self.failure: BaseException | None = None
        self._waiting: deque[WaitingFile] = deque()
        self._added: set[str] = set()
        self._added_once = False
        self._total = self._done = 0
        self._moving: dict[str, int] = {}  # bytes sent so far of each file in flight
        self._in_flight: dict[str, tuple[UploadReport, Future]] = {}
        self._sizes: dict[str, int] = {}  # of the files in flight
        self._width = FILES_IN_FLIGHT
        self._stop = threading.Event()
        self._told: queue.Queue = queue.Queue()  # (file, bytes sent, answered) after a chunk; (file, None, None) at its end
        self._pool = ThreadPoolExecutor(max_workers=FILES_AFTER_LOG, thread_name_prefix="sync-files")

    def add(self, waiting: list[WaitingFile]) -> None:
        """Send these files too (each file once a round); the progress is told the new total."""
        first, added = not self._added_once, 0
        self._added_once = True
        for f in waiting:
            if f.sha256 not in self._added:
                self._added.add(f.sha256)
                self._waiting.append(f)
                self._total += f.size
                added += 1
        if first or added:
            self._guarded(self._tick)
        self._fill()

    def widen(self) -> None:
        """The change log is in: up to FILES_AFTER_LOG files at once from now on, their chunks within
        CHUNK_BYTES_IN_FLIGHT, while the link is good (on a slow or failing one more files would only share it, each
        chunk taking longer)."""
        self._width = FILES_AFTER_LOG
        self._fill()

    def wake(self) -> None:
        """(Any thread.) End the `pump` waiting now, as a file's message would."""
        self._told.put(_WAKE)

    def pump(self) -> None:
        """On the round's thread: wait for one message from a file's thread (or `wake`) and answer it."""
        message = self._told.get()
        if message is _WAKE:
            return
        f, position, answered = message
        if answered is not None:  # a chunk went up
            self._moving[f.sha256] = position
            try:
                if self.failure is None:
                    self._guarded(self._tick)
                    self._fill()  # a quick answer may let another file start (Link.good)
            finally:
                answered.set()
            return
        self._guarded(lambda: self._ended(f), f)
        if self.failure is None:
            self._guarded(self._tick)

    def finish(self) -> UploadReport:
        """Every file added sent, or the sending stopped: the round's report; raises what stopped it (Cancelled,
        a file's SyncError)."""
        self.close()
        if self.failure is not None:
            raise self.failure
        return self.report

    def stop(self) -> None:
        """The files in flight end after their chunk; no other begins."""
        self._stop.set()

    def close(self) -> None:
        """Wait for the files in flight (all of them, or after their chunk when the sending stopped); idempotent."""
        try:
            while self._in_flight:
                self.pump()
        except BaseException:
            self._stop.set()
            self._release()
            raise
        finally:
            self._pool.shutdown(wait=True)

    def _release(self) -> None:
        """The round's thread cannot serve the files any more: answer every file's thread until each has ended."""
        while self._in_flight:
            message = self._told.get()
            if message is _WAKE:
                continue
            f, _position, answered = message
            if answered is not None:
                answered.set()
            else:
                self._in_flight.pop(f.sha256, None)
                self._sizes.pop(f.sha256, None)

    def _guarded(self, step: Callable[[], None], f: WaitingFile | None = None) -> None:
        """Run a step of the round's thread; its error (the first) stops the sending and is kept for `finish`."""
        try:
            step()
        except BaseException as exc:  # noqa: BLE001 - raised by finish(), after the files in flight ended
            if self.failure is None:
                self.failure = exc
                self._stop.set()  # the other files stop at their next chunk; what they sent is counted
            elif f is not None and not isinstance(exc, Cancelled):
                log.exception("attachment file %s also failed while the round stopped", f.sha256)

    def _tick(self) -> None:
        if self.progress:
            self.progress(self._done + sum(self._moving.values()), self._total)
        if self.cancelled and self.cancelled():
            raise Cancelled()

    def _fill(self) -> None:
        while not self._stop.is_set() and self._waiting and self._room_for(self._waiting[0]):
            f, own = self._waiting.popleft(), UploadReport()
            self._sizes[f.sha256] = f.size
            self._in_flight[f.sha256] = (own, self._pool.submit(self._upload, f, own))

    def _room_for(self, f: WaitingFile) -> bool:
        if len(self._in_flight) < FILES_IN_FLIGHT:
            return True
        if len(self._in_flight) >= self._width or not self.link.good:
            return False
        # the most a file holds at a time, whatever the link's chunk size grows to: its largest chunk, or all of it
        held = sum(min(MAX_CHUNK_BYTES, size) for size in self._sizes.values())
        return held + min(MAX_CHUNK_BYTES, f.size) <= CHUNK_BYTES_IN_FLIGHT

    def _upload(self, f: WaitingFile, own: UploadReport) -> str:
        """On the file's thread."""
        def sent(position: int = 0) -> None:  # after each chunk: wait for the round's thread's answer
            answered = threading.Event()
            self._told.put((f, position, answered))
            answered.wait()
            if self._stop.is_set():
                raise Cancelled()
        try:
            if self._stop.is_set():  # the round stopped before this file began: not even its offset is asked
                raise Cancelled()
            return _upload_one(self.request, f, self.vault, own, sent, self.link)
        finally:
            self._told.put((f, None, None))

    def _ended(self, f: WaitingFile) -> None:
        """A file's thread ended: the next file starts (before this one's mark waits on the disk), this one's report
        goes into the round's and the file is marked held when the county has it whole (raises the file's error,
        after its report is counted)."""
        own, future = self._in_flight.pop(f.sha256)
        self._sizes.pop(f.sha256, None)
        if future.exception() is None:  # (a failed file ends the sending: nothing more starts)
            self._fill()
        _add(self.report, own)
        self._moving.pop(f.sha256, None)
        self._done += f.size
        if future.result() == COMPLETE:
            with write_transaction(self.db) as conn:
                mark_confirmed(conn, f.sha256, f.size, self.now())
            self.report.files_sent += 1


def _add(report: UploadReport, own: UploadReport) -> None:
    """One file's report into the round's."""
    report.bytes_sent += own.bytes_sent
    report.unknown += own.unknown
    report.damaged.extend(own.damaged)
    report.missing.extend(own.missing)


def _upload_one(request, f: WaitingFile, vault: "Vault", report: UploadReport, tick, link: Link) -> str:
    # A file that fits in one chunk goes straight up (the answer says if the county had it); a bigger one
    # asks first where the county's copy ends, so a resumed upload sends no chunk twice.
    state = {"status": PARTIAL, "received": 0} if f.size <= link.chunk_bytes else \
        request("GET", f"/v1/files/{f.sha256}", b"")
    restarts = failures = 0
    for _ in range(f.size // min(link.chunk_bytes, MIN_CHUNK_BYTES) + 16):  # every pass sends from where the county's copy ends
        status, received = state.get("status"), state.get("received")
        if holds(state, f):
            return COMPLETE
        if status == UNKNOWN:
            report.unknown += 1
            log.warning("the county knows no manifest for file %s yet", f.sha256)
            return UNKNOWN
        if status == RESTART:
            restarts += 1
            if restarts > 1:  # our bytes were checked locally and still did not match: give up this round
                return RESTART
            received = 0
        if status == COMPLETE or not isinstance(received, int) or not 0 <= received <= f.size:
            received = 0  # "complete" for another hash or size is no answer about this file
        try:
            state = _send_from(request, f, vault, received, report, tick, link)
        except _Missing:
            report.missing.append(f.sha256)
            return "missing"
        except _Damaged:
            report.damaged.append(f.sha256)
            return "damaged"
        except _LinkDropped as dropped:
            failures += 1
            if failures > FAILURES_PER_FILE:
                raise dropped.error from None  # the round ends; the county keeps what it has
            state = request("GET", f"/v1/files/{f.sha256}", b"")  # resume where the county's copy ends
    return PARTIAL  # the county kept asking for other offsets: left for the next round


class _Damaged(Exception):
    pass


class _Missing(Exception):
    pass


class _LinkDropped(Exception):
    def __init__(self, error: SyncError):
        super().__init__(str(error))
        self.error = error


def _send_from(request, f: WaitingFile, vault: "Vault", offset: int, report: UploadReport, tick,
               link: Link) -> dict[str, Any]:
    """Send the file's plaintext (read through the vault, decrypted) from `offset` to its end, checking its
    hash as it is read; the county's last answer."""
    try:
        return _send_stream(request, f, vault, offset, report, tick, link)
    except SealedError as exc:  # the sealed file was altered or cut short: never sent
        log.error("attachment file %s does not decrypt: %s", f.sha256, exc)
        raise _Damaged() from exc


def _send_stream(request, f: WaitingFile, vault: "Vault", offset: int, report: UploadReport, tick,
                 link: Link) -> dict[str, Any]:
    digest = hashlib.sha256()
    try:
        stream = vault.open(f.sha256)
    except FileNotFoundError as exc:
        log.error("attachment file %s is not in the vault", f.sha256)
        raise _Missing() from exc
    except OSError as exc:
        log.error("attachment file %s cannot be read: %s", f.sha256, exc)
        raise _Damaged() from exc
    with stream:
        skipped = 0
        while skipped < offset:  # the hash covers the bytes the county already has
            block = stream.read(min(1024 * 1024, offset - skipped))
            if not block:
                raise _Damaged()
            digest.update(block)
            skipped += len(block)
        position = offset
        state: dict[str, Any] = {}
        while True:
            chunk = stream.read(link.chunk_bytes)
            if not chunk:
                break
            digest.update(chunk)
            if position + len(chunk) > f.size or (position + len(chunk) == f.size and digest.hexdigest() != f.sha256):
                raise _Damaged()  # never send the last bytes of a file that is not what was signed
            started = time.monotonic()
            # the whole file in one chunk: its hash, just checked, is the body's (the bytes are hashed once)
            whole = f.sha256 if position == 0 and len(chunk) == f.size else None
            try:
                state = request("PUT", f"/v1/files/{f.sha256}?offset={position}", chunk, "application/octet-stream",
                                body_sha256=whole)
            except SyncError as exc:
                if exc.code not in ("network", "server", "bad_answer"):
                    raise  # a refusal: not the link's fault
                link.failed()
                raise _LinkDropped(exc) from exc
            link.sent(time.monotonic() - started)
            report.bytes_sent += len(chunk)
            if state.get("status") != PARTIAL or state.get("received") != position + len(chunk) \
                    or state.get("sha256") != f.sha256:
                return state  # complete, or the county wants another offset: the caller decides
            position += len(chunk)
            tick(position)
        if position != f.size:
            raise _Damaged()
        return state or {"status": PARTIAL, "received": position}
