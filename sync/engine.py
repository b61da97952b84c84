"""The station's sync engine (Qt-free; the app runs it on a worker thread, the CLI directly).

One round (`SyncEngine.sync_round`):
 0. a station without its X.509 certificates (enrolled before the county root) or whose document
    certificate nears its end asks the county for new ones (sync/trust.py checks and pins them).
 1. push the pending outbox (sync/outbox.py) in batches of `batch_size`, oldest first, several in flight where
    the county offers it ("pipeline", up to MAX_PIPELINE; it stores them in order); the county's acks
    acknowledge or quarantine each change. The attachment manifests go first (the county takes a manifest
    whatever has arrived of its record): the files the county now expects go up (step 4) while the rest of the
    change log is pushed - the files wait on the disk, the change log on the county's CPU.
 2. pull the county's events after the stored cursor (sync/events.py records each); events and the
    new cursor commit together.
 3. fetch the documents the county issued with its decisions (sync/county_documents.py), then the
    county's reference data when it changed (sync/reference.py).
 4. send the attachment files the county does not hold yet (sync/uploads.py; the long part), begun in step 1.
A county too busy to store a batch in time answers "busy, come back in N s" before reading it: the
transport waits (with jitter, MAX_BUSY_WAIT_SECONDS at most in one request) and sends it again, so a
round at a busy county is slower, not failed; past that bound the round ends with the code "busy" and
the next scheduled round sends what is left.
A dropped connection, a timeout, a 500 or a damaged answer leaves every unacknowledged change
pending for the next round; the server's idempotency (change_id + sha256) turns a re-send of
something it already has into a "duplicate" ack, so nothing is ever lost or doubled.
All talk to the county goes through one `CountyTransport` (sync/transport.py): signed requests,
county-signed answers.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

import requests

from desktop.records.canonical import local_now
from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.county_documents import fetch_documents
from sync.errors import SyncError
from sync.events import record_event
from sync.identity import DocumentKey, StationKey
from sync.outbox import apply_acks, pending_batch
from sync.limits import START_CHUNK_BYTES
from sync.protocol import BATCH_SIZE, batch_cut, change_entry, encode_json_gzip
from sync.reference import pull_reference
from sync.state import (S_CHUNK_BYTES, S_CURSOR, S_LAST_SKEW, S_LAST_SYNC, S_REVOKED, S_SERVER, get_state,
                        last_clock_skew, set_state)
from sync.status import RoundResult
from sync.audit_head import send_audit_head
from sync.escrow import send_escrow
from sync.transport import TIMEOUT, CountyTransport, county_session
from sync.trust import (check_answer, enrollment_fields, needs_certificates, pin_certificates, pinned,
                        secure_url)
from sync.uploads import Cancelled, FileSender, Link, waiting_files

if TYPE_CHECKING:
    from desktop.records.vault import Vault

NOT_ENROLLED = QT_TRANSLATE_NOOP("Sync", "This station is not enrolled with the county yet. Enter the server address "
                                         "and the enrollment code in Settings.")
NO_ACKS = QT_TRANSLATE_NOOP("Sync", "The county's answer is incomplete; the changes are sent again at the next sync.")
log = logging.getLogger(__name__)
MAX_PIPELINE = 4  # batches in flight at most, whatever the county offers

NO_EVENTS = QT_TRANSLATE_NOOP("Sync", "The county's answer is incomplete; it is tried again at the next sync.")


class SyncEngine:
    """One station's sync against the county server; one engine per thread (it uses `db`'s connection)."""

    def __init__(self, db, key: StationKey, station_code: str, *, server_url: str | None = None,
                 batch_size: int = BATCH_SIZE, retries: int = 2, timeout: tuple[float, float] = TIMEOUT,
                 clock: Callable[[], float] = time.time, session: requests.Session | None = None,
                 now: Callable[[], str] = local_now, page_size: int = 500, vault: "Vault | None" = None,
                 chunk_bytes: int | None = None, document_key: DocumentKey | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.db, self.key, self.station_code = db, key, station_code
        self.trust = pinned(db)
        if self.trust is None:
            raise SyncError(NOT_ENROLLED, code="not_enrolled", detail="the station is not enrolled")
        # an address kept from before TLS moves to https; one given for this run is used as given
        url = server_url or secure_url(get_state(db, S_SERVER) or "")
        self.document_key = document_key  # None: certificates are not asked for (tests of other parts)
        self.transport = CountyTransport(key, station_code, self.trust.county_key, url,
                                         session=session or county_session(self.trust.root),
                                         retries=retries, timeout=timeout, clock=clock,
                                         clock_offset=last_clock_skew(db) or 0, sleep=sleep)
        self._own_session = session is None
        self.batch_size, self.now, self.page_size = batch_size, now, page_size
        self.vault = vault  # no vault: attachment files are not sent
        # the chunk size the link allowed last time (a caller's fixed size stays fixed)
        learnt = get_state(db, S_CHUNK_BYTES)
        self.link = Link(chunk_bytes, adaptive=False) if chunk_bytes else \
            Link(int(learnt) if learnt and learnt.isdigit() else START_CHUNK_BYTES)

    def sync_round(self, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> RoundResult:
        """Push the change log, pull the county's events, then send attachment files (the long part:
        `progress(bytes_done, bytes_total)` after each chunk; `cancelled()` stops between chunks)."""
        result = RoundResult()
        files = None
        self._round_id, self._place, self._window = uuid.uuid4().hex, 0, 1  # the push's order at the county
        try:
            if self.document_key is not None and needs_certificates(self.trust):
                self._renew_certificates(result)
            if self.vault is not None:
                self._push(result, attachments_only=True)
                if pending_batch(self.db, 0, 1):  # a change log to push: the files go up beside it
                    files = self._file_sender(progress, cancelled)
            self._push(result, files)
            self._pull(result)
            if self.vault is not None and self.trust.root is not None:
                # the documents the county issued with its decisions, checked against the pinned root
                result.documents, _refused = fetch_documents(self.db, self.transport.stream, self.vault,
                                                             [self.trust.root], self.now)
            # the county's roster and population; a SyncError ends the round like the pulls
            pull_reference(self.db, self.transport.request, self.now)
            if self.vault is not None:
                if files is None:
                    files = self._file_sender(progress, cancelled)
                self._upload(result, files)
            send_escrow(self.db, self.transport.request)  # the station head's choice, once the county keeps it
            send_audit_head(self.db, self.transport.request)  # last: so a log rewritten later is noticed
        except SyncError as exc:
            result.failure = exc
        finally:
            if files is not None:
                self._files_ended(result, files)
        if result.error_code == "revoked":
            with write_transaction(self.db) as conn:
                if get_state(conn, S_REVOKED) is None:
                    set_state(conn, S_REVOKED, self.now())
        result.clock_skew_seconds = self.transport.last_skew
        result.count_waiting(self.db)
        if result.error is None:
            with write_transaction(self.db) as conn:
                set_state(conn, S_LAST_SYNC, self.now())
                if result.clock_skew_seconds is not None:
                    set_state(conn, S_LAST_SKEW, str(result.clock_skew_seconds))
        return result

    def _renew_certificates(self, result: RoundResult) -> None:
        """Ask the county for this station's X.509 certificates; the answer is signed by the county key
        already pinned, and the root it brings must certify that very key. An older county server that
        has no certificates yet leaves the round to go on as before."""
        assert self.document_key is not None
        body = encode_json_gzip(enrollment_fields(self.document_key, self.station_code))
        try:
            answer = self.transport.request("POST", "/v1/certificates", body)
            found = check_answer(answer, self.key, self.document_key, self.station_code,
                                 county_key=self.trust.county_key)
        except (SyncError, ValueError) as exc:
            if isinstance(exc, SyncError) and exc.code in ("revoked", "unauthenticated", "update_required"):
                raise
            log.warning("the county issued no new certificates: %s", exc)
            return
        with write_transaction(self.db) as conn:
            pin_certificates(conn, found)
            stored = get_state(conn, S_SERVER) or ""
            if stored != self.transport.server_url == secure_url(stored):
                set_state(conn, S_SERVER, self.transport.server_url)  # the https address that worked
        self.trust = pinned(self.db)
        result.certificate_until = found["document_certificate"].not_valid_after_utc.date().isoformat()
        if self._own_session and self.trust is not None:  # from now on TLS is checked against the root
            self.transport.session = county_session(self.trust.root)

    def _push(self, result: RoundResult, files: FileSender | None = None, *, attachments_only: bool = False) -> None:
        """Send the outbox in order, pipelined: while the county checks and stores batch n, this station records the
        acks of n-1 and prepares (and, where the county allows it, sends) n+1. Each batch names its round and place
        ({"order": {"round", "n"}}): a county that answers with "pipeline": N stores up to N batches in flight in
        that order (sync/server/batch_order.py); an older one ignores the order and gets one batch at a time. An
        answer never seen leaves its changes pending, and resent they are duplicates. A batch the county could not
        take in its turn ("out_of_order") and those after it are sent again one at a time. While it waits for an
        answer the round's thread serves `files` (their progress, cancel and marks)."""
        with ThreadPoolExecutor(max_workers=MAX_PIPELINE, thread_name_prefix="sync-push") as sender:
            in_flight: deque[tuple[Future, dict[str, str], int, int]] = deque()  # (answer, sent, count, seq before)
            # the round's two pushes (the manifests, then the rest) are one round of places at the county: its first
            # batch goes alone and names the round, the later ones may follow it in flight in their order
            last_seq, window, round_id, place = 0, self._window, self._round_id, self._place
            while True:
                while len(in_flight) < window:
                    rows = pending_batch(self.db, last_seq, self.batch_size, attachments_only=attachments_only)
                    if not rows:
                        break
                    rows = rows[:batch_cut([r[2] for r in rows])]  # the county's bounds: by count and by bytes
                    changes = [change_entry(cid, payload, digest) for _, cid, payload, digest in rows]
                    batch = {"station": self.station_code, "changes": changes}
                    if window > 1 or place == 0:  # one at a time again: no order asked for
                        batch["order"] = {"round": round_id, "n": place}
                        place += 1
                    in_flight.append((sender.submit(self.transport.request, "POST", "/v1/changes",
                                                    encode_json_gzip(batch)),
                                      {r[1]: r[3] for r in rows}, len(rows), last_seq))
                    last_seq = rows[-1][0]
                if not in_flight:
                    self._window, self._place = window, place
                    return
                future, sent, count, before = in_flight.popleft()
                if files is not None:
                    future.add_done_callback(lambda _answered: files.wake())
                    while not future.done():
                        files.pump()
                try:
                    answer = future.result()  # a SyncError ends the round (what is in flight is awaited)
                except SyncError as exc:
                    if exc.code != "out_of_order" or window == 1:
                        raise
                    for later, *_ in in_flight:  # refused as well, or stored: either way sent again below
                        later.exception()
                    in_flight.clear()
                    last_seq, window = before, 1
                    continue
                acks = answer.get("acks")
                if not isinstance(acks, list):
                    raise SyncError(NO_ACKS, detail="the county's answer has no acknowledgements")
                pipeline = answer.get("pipeline")
                if window == 1 and place == 1 and type(pipeline) is int:  # the county takes batches in flight
                    window = max(1, min(pipeline, MAX_PIPELINE))
                result.pushed += count
                now = self.now()
                with write_transaction(self.db) as conn:
                    result.count(apply_acks(conn, acks, sent, now))
                # a change without an ack stays pending and goes in the next round

    def _pull(self, result: RoundResult) -> None:
        while True:
            cursor = int(get_state(self.db, S_CURSOR) or 0)
            answer = self.transport.request("GET", f"/v1/events?after={cursor}&limit={self.page_size}", b"")
            events = answer.get("events")
            if not isinstance(events, list) or not isinstance(answer.get("cursor"), int):
                raise SyncError(NO_EVENTS, detail="the county's answer has no events list")
            if answer["cursor"] < cursor or any(not isinstance(e, dict) or not isinstance(e.get("seq"), int)
                                                or not cursor < e["seq"] <= answer["cursor"] for e in events):
                raise SyncError(NO_EVENTS, code="bad_answer", detail="the county's events do not follow this station's "
                                                                     "cursor")
            now = self.now()
            with write_transaction(self.db) as conn:
                for event in events:
                    result.count_event(event.get("kind"), record_event(conn, event, now))
                set_state(conn, S_CURSOR, str(answer["cursor"]))
            if not answer.get("more") or not events:
                return

    def _file_sender(self, progress, cancelled) -> FileSender:
        """The round's files, begun with those whose manifests the county has."""
        assert self.vault is not None
        files = FileSender(self.transport.request, self.db, self.vault, self.now, progress=progress,
                           cancelled=cancelled, link=self.link)
        try:
            files.add(waiting_files(self.db, acknowledged_only=True))
        except BaseException:
            files.close()
            raise
        return files

    def _upload(self, result: RoundResult, files: FileSender) -> None:
        """The files whose manifests this round's push brought (or an earlier one), to the end."""
        files.add(waiting_files(self.db, acknowledged_only=True))
        files.widen()  # the change log is in: the county's time goes to the files
        try:
            files.finish()
        except Cancelled:
            result.cancelled = True  # what was sent (and found changed) before the stop still counts

    def _files_ended(self, result: RoundResult, files: FileSender) -> None:
        """The round is over: files still in flight (it failed) stop after their chunk; what was sent counts."""
        files.stop()
        try:
            files.close()
            if files.failure not in (None, result.failure) and not isinstance(files.failure, Cancelled):
                # the round ended on another error first: this one is not raised, so it is logged
                log.error("the attachment files had stopped on their own error: %r", files.failure)
        finally:
            if self.link.adaptive:
                with write_transaction(self.db) as conn:
                    set_state(conn, S_CHUNK_BYTES, str(self.link.chunk_bytes))
            report = files.report
            result.files_sent, result.bytes_sent = report.files_sent, report.bytes_sent
            result.files_damaged = report.damaged
            result.files_missing = report.missing
