"""The station's sync engine (Qt-free; the app runs it on a worker thread, the CLI directly).

One round (`SyncEngine.sync_round`):
 1. push the pending outbox (sync/outbox.py) in batches of `batch_size`, oldest first; the county's
    acks acknowledge or quarantine each change.
 2. pull the county's events after the stored cursor (sync/events.py records each); events and the
    new cursor commit together.
 3. pull the county's reference data when it changed (sync/reference.py).
 4. send the attachment files the county does not hold yet (sync/uploads.py; the long part).
A dropped connection, a timeout, a 500 or a damaged answer leaves every unacknowledged change
pending for the next round; the server's idempotency (change_id + sha256) turns a re-send of
something it already has into a "duplicate" ack, so nothing is ever lost or doubled.
All talk to the county goes through one `CountyTransport` (sync/transport.py): signed requests,
county-signed answers.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import requests

from desktop.records.canonical import local_now
from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.errors import SyncError
from sync.events import record_event
from sync.identity import StationKey
from sync.outbox import apply_acks, pending_batch
from sync.protocol import BATCH_SIZE, batch_cut, change_entry, encode_json_gzip, verify_county_certificate
from sync.reference import pull_reference
from sync.limits import START_CHUNK_BYTES
from sync.state import (S_CHUNK_BYTES, S_COUNTY_CERT, S_CURSOR, S_LAST_SKEW, S_LAST_SYNC, S_REVOKED, S_SERVER, get_state,
                        is_enrolled, last_clock_skew, set_state)
from sync.status import RoundResult
from sync.transport import TIMEOUT, CountyTransport
from sync.uploads import Cancelled, Link, UploadReport, upload_files

NOT_ENROLLED = QT_TRANSLATE_NOOP("Sync", "This station is not enrolled with the county yet. Enter the server address "
                                         "and the enrollment code in Settings.")
NO_ACKS = QT_TRANSLATE_NOOP("Sync", "The county's answer is incomplete; the changes are sent again at the next sync.")
NO_EVENTS = QT_TRANSLATE_NOOP("Sync", "The county's answer is incomplete; it is tried again at the next sync.")


class SyncEngine:
    """One station's sync against the county server; one engine per thread (it uses `db`'s connection)."""

    def __init__(self, db, key: StationKey, station_code: str, *, server_url: str | None = None,
                 batch_size: int = BATCH_SIZE, retries: int = 2, timeout: tuple[float, float] = TIMEOUT,
                 clock: Callable[[], float] = time.time, session: requests.Session | None = None,
                 now: Callable[[], str] = local_now, page_size: int = 500, vault_root: Path | None = None,
                 chunk_bytes: int | None = None):
        self.db, self.key, self.station_code = db, key, station_code
        cert = get_state(db, S_COUNTY_CERT)
        if cert is None or not is_enrolled(db):
            raise SyncError(NOT_ENROLLED, code="not_enrolled", detail="the station is not enrolled")
        self.transport = CountyTransport(key, station_code, verify_county_certificate(json.loads(cert)),
                                         server_url or get_state(db, S_SERVER) or "", session=session,
                                         retries=retries, timeout=timeout, clock=clock,
                                         clock_offset=last_clock_skew(db) or 0)
        self.batch_size, self.now, self.page_size = batch_size, now, page_size
        self.vault_root = vault_root  # no vault: attachment files are not sent
        # the chunk size the link allowed last time (a caller's fixed size stays fixed)
        learnt = get_state(db, S_CHUNK_BYTES)
        self.link = Link(chunk_bytes, adaptive=False) if chunk_bytes else \
            Link(int(learnt) if learnt and learnt.isdigit() else START_CHUNK_BYTES)

    def sync_round(self, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> RoundResult:
        """Push the change log, pull the county's events, then send attachment files (the long part:
        `progress(bytes_done, bytes_total)` after each chunk; `cancelled()` stops between chunks)."""
        result = RoundResult()
        try:
            self._push(result)
            self._pull(result)
            # the county's roster and population; a SyncError ends the round like the pulls
            pull_reference(self.db, self.transport.request, self.now)
            if self.vault_root is not None:
                self._upload(result, progress, cancelled)
        except SyncError as exc:
            result.failure = exc
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

    def _push(self, result: RoundResult) -> None:
        last_seq = 0
        while True:
            rows = pending_batch(self.db, last_seq, self.batch_size)
            if not rows:
                return
            rows = rows[:batch_cut([r[2] for r in rows])]  # the county's bounds: by count and by bytes
            last_seq = rows[-1][0]
            sent = {r[1]: r[3] for r in rows}
            changes = [change_entry(cid, payload, digest) for _, cid, payload, digest in rows]
            body = encode_json_gzip({"station": self.station_code, "changes": changes})
            answer = self.transport.request("POST", "/v1/changes", body)
            acks = answer.get("acks")
            if not isinstance(acks, list):
                raise SyncError(NO_ACKS, detail="the county's answer has no acknowledgements")
            result.pushed += len(rows)
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
                    record_event(conn, event, now)
                    result.events += 1
                set_state(conn, S_CURSOR, str(answer["cursor"]))
            if not answer.get("more") or not events:
                return

    def _upload(self, result: RoundResult, progress, cancelled) -> None:
        assert self.vault_root is not None
        report = UploadReport()
        try:
            upload_files(self.transport.request, self.db, self.vault_root, self.now, progress=progress,
                         cancelled=cancelled, report=report, link=self.link)
        except Cancelled:
            result.cancelled = True  # what was sent (and found changed) before the stop still counts
        finally:
            if self.link.adaptive:
                with write_transaction(self.db) as conn:
                    set_state(conn, S_CHUNK_BYTES, str(self.link.chunk_bytes))
            result.files_sent, result.bytes_sent = report.files_sent, report.bytes_sent
            result.files_damaged = report.damaged
            result.files_missing = report.missing
