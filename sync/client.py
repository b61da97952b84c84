"""The station's sync engine (Qt-free; the app runs it on a worker thread, the CLI directly).

One round (`SyncEngine.sync_round`):
 1. push the pending outbox in batches of `batch_size`, oldest first. Pending = not acknowledged
    and not quarantined. An "accepted" or "duplicate" ack sets `acked_at`; a "rejected" ack stores
    its reason in `rejected_reason`: the change is QUARANTINED and not sent again. Editing the
    record makes a new change (new change_id, new version, the whole record) which is sent; a
    quarantined change is "resolved" once a later change of the same record is acknowledged
    (`quarantined()` lists only unresolved ones). `release(change_id)` sends one again as it is.
 2. pull the county's events after the stored cursor; each becomes a `county_events` row and sets
    the application's `status` column (the county owns the status; the record's data, version and
    history are the station's and are not touched). Events and the new cursor commit together.
A dropped connection, a timeout, a 500 or a damaged answer leaves every unacknowledged change
pending for the next round; the server's idempotency (change_id + sha256) turns a re-send of
something it already has into a "duplicate" ack, so nothing is ever lost or doubled.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from pathlib import Path

import requests
import sqlite_utils

from desktop.records.db import write_transaction
from desktop.records.canonical import canonical_json, local_now
from sync.identity import StationKey, verify_signature
from sync.reference import pull_reference  # (sync.reference imports this module only inside its functions)
from sync.uploads import CHUNK_BYTES, Cancelled, UploadReport, upload_files, waiting_summary
from sync.protocol import (
    ACCEPTED,
    BATCH_SIZE,
    DUPLICATE,
    EVENT_KINDS,
    H_COUNTY_SIGNATURE,
    H_SKEW,
    REJECTED,
    SKEW_WARNING_SECONDS,
    b64,
    change_entry,
    encode_json_gzip,
    sha256_hex,
    sign_request,
    unb64,
    verify_certificate,
    verify_county_certificate,
)

log = logging.getLogger(__name__)

S_SERVER, S_COUNTY_CERT, S_STATION_CERT, S_CURSOR = "server_url", "county_certificate", "station_certificate", \
    "events_cursor"
S_LAST_SYNC, S_LAST_SKEW = "last_sync_at", "last_clock_skew"
S_REVOKED = "revoked_at"  # the station's time when the county said it revoked this station
TIMEOUT = (5, 30)  # connect, read seconds


class SyncError(Exception):
    """Sync could not go on; `message_zh` is for the clerk."""

    def __init__(self, message: str, message_zh: str | None = None, *, code: str = "error"):
        super().__init__(message)
        self.message_zh = message_zh or message
        self.code = code


class Refused(SyncError):
    """The county refused the station (revoked, unknown key, replay): retrying will not help."""


@dataclass
class RoundResult:
    pushed: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (change_id, reason)
    events: int = 0
    pending: int = 0  # still to send after this round (quarantined not counted)
    quarantined: int = 0
    clock_skew_seconds: int | None = None
    files_sent: int = 0  # attachment files the county now holds, sent this round
    bytes_sent: int = 0
    files_pending: int = 0  # attachment files still to send after this round
    bytes_pending: int = 0
    files_damaged: list[str] = field(default_factory=list)  # vault files that no longer match their hash
    files_missing: list[str] = field(default_factory=list)  # not in this vault at all (see 核查全部材料)
    cancelled: bool = False  # the clerk stopped a long upload; the next round resumes it
    already_imported: bool = False  # a USB reply bundle imported before (applying it again changed nothing)
    error: str | None = None
    error_zh: str | None = None
    error_code: str | None = None

    @property
    def clock_warning(self) -> bool:
        return self.clock_skew_seconds is not None and abs(self.clock_skew_seconds) > SKEW_WARNING_SECONDS

    @property
    def complete(self) -> bool:
        return self.error is None and self.pending == 0 and self.quarantined == 0 and self.files_pending == 0


# -- state --------------------------------------------------------------------------------------

def get_state(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state(conn, key: str, value: str) -> None:
    conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def is_enrolled(db: sqlite_utils.Database) -> bool:
    return get_state(db, S_STATION_CERT) is not None


# -- enrollment ---------------------------------------------------------------------------------

def enroll(db: sqlite_utils.Database, key: StationKey, server_url: str, code: str, station_code: str,
           *, session: requests.Session | None = None) -> dict[str, Any]:
    """Send the station's public key with the one-time code; check and pin the certificates."""
    server_url = server_url.rstrip("/")
    session = session or requests.Session()
    try:
        response = session.post(f"{server_url}/v1/enroll", json=enrollment_request(key, station_code, code),
                                timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise SyncError(f"cannot reach the county server: {exc}", "无法连接县中心服务器，请检查网络和服务器地址。") from exc
    if response.status_code != 200:
        raise Refused(_error_message(response), _error_message_zh(response), code="enrollment_refused")
    try:
        answer = response.json()
    except ValueError as exc:
        raise SyncError(f"the server's answer is not a valid enrollment: {exc}", "县中心的答复无效，注册未完成。") from exc
    return accept_enrollment(db, key, answer, station_code, server_url=server_url)


# -- enrollment without a network (a request file to the county by USB, its answer back) ----------

ENROLLMENT_REQUEST, ENROLLMENT_ANSWER = "legal-aid-enrollment-request", "legal-aid-enrollment-answer"


def enrollment_request(key: StationKey, station_code: str, code: str) -> dict[str, Any]:
    """What a station sends to enroll: over HTTP (POST /v1/enroll) or as a file on a USB stick."""
    return {"format": ENROLLMENT_REQUEST, "station_code": station_code, "code": code.strip(),
            "public_key": b64(key.public_key_bytes)}


def write_enrollment_request(path: Path, key: StationKey, station_code: str, code: str) -> None:
    """The request as a file (for `python -m sync.server station enroll-file`); it holds the one-time code."""
    Path(path).write_text(canonical_json(enrollment_request(key, station_code, code)), encoding="utf-8")


def import_enrollment_answer(db: sqlite_utils.Database, key: StationKey, path: Path,
                             station_code: str) -> dict[str, Any]:
    """The county's answer file, checked exactly as a network enrollment's answer."""
    try:
        answer = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(answer, dict) or answer.get("format") != ENROLLMENT_ANSWER:
            raise ValueError("not an enrollment answer")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise SyncError(f"{Path(path).name} is not the county's enrollment answer: {exc}",
                        f"{Path(path).name} 不是县中心的注册答复文件。", code="bad_answer") from exc
    return accept_enrollment(db, key, answer, station_code, server_url=None)


def accept_enrollment(db: sqlite_utils.Database, key: StationKey, answer: Any, station_code: str, *,
                      server_url: str | None) -> dict[str, Any]:
    """Check the county's certificates (self-signed county, this station's key, this station's code)
    and pin them; `server_url` None keeps whatever address is set (USB-only stations have none)."""
    try:
        county_cert, station_cert = answer["county_certificate"], answer["station_certificate"]
        county_key = verify_county_certificate(county_cert)
    except (ValueError, KeyError, TypeError) as exc:
        raise SyncError(f"the server's answer is not a valid enrollment: {exc}", "县中心的答复无效，注册未完成。") from exc
    if station_cert.get("public_key") != b64(key.public_key_bytes) or not verify_certificate(station_cert, county_key):
        raise SyncError("the station certificate does not match this station's key", "县中心签发的证书与本机密钥不符，注册未完成。")
    if station_cert.get("station_code") != station_code:
        raise SyncError(f"the enrollment code is for station {station_cert.get('station_code')}, "
                        f"this station is {station_code}",
                        f"注册码属于工作站 {station_cert.get('station_code')}，本机是 {station_code}。请核对设置中的工作站代码。")
    pinned = get_state(db, S_COUNTY_CERT)
    if pinned and json.loads(pinned).get("key_id") != county_cert.get("key_id"):
        raise SyncError("this station is enrolled with another county key", "本工作站已注册到另一个县中心（密钥不同），拒绝更换。")
    with write_transaction(db) as conn:
        if server_url is not None:
            set_state(conn, S_SERVER, server_url)
        set_state(conn, S_COUNTY_CERT, canonical_json(county_cert))
        set_state(conn, S_STATION_CERT, canonical_json(station_cert))
        conn.execute("DELETE FROM sync_state WHERE key = ?", (S_REVOKED,))  # a new enrollment after a revocation
    return station_cert


def revoked_at(db: sqlite_utils.Database) -> str | None:
    """When the county last answered that it revoked this station (None: not known to be revoked)."""
    return get_state(db, S_REVOKED)


# -- applying what the county answered (shared by the network round and the USB reply bundle) -----

def apply_acks(conn, acks: list[Any], sent, result: RoundResult, now: str) -> None:
    """Mark the outbox from the county's acknowledgements, inside the caller's transaction.

    Only acks for change ids in `sent` count; "accepted"/"duplicate" acknowledge, "rejected"
    quarantines with its reason; a change already acknowledged is never touched again.
    """
    for ack in acks:
        if not isinstance(ack, dict):
            continue
        change_id, status = ack.get("change_id"), ack.get("status")
        if change_id not in sent:
            continue  # an ack for something not in this batch: ignored
        if status in (ACCEPTED, DUPLICATE):
            conn.execute("UPDATE outbox SET acked_at = ?, rejected_reason = NULL WHERE change_id = ? "
                         "AND acked_at IS NULL", (now, change_id))
            result.accepted += status == ACCEPTED
            result.duplicates += status == DUPLICATE
        elif status == REJECTED:
            reason = str(ack.get("reason_zh") or ack.get("reason") or "rejected")  # the clerk reads it
            conn.execute("UPDATE outbox SET rejected_reason = ? WHERE change_id = ? AND acked_at IS NULL",
                         (reason, change_id))
            result.rejected.append((change_id, reason))


def record_event(conn, event: dict[str, Any], now: str) -> None:
    kind = event.get("kind")
    if kind not in EVENT_KINDS:
        log.warning("ignoring an unknown county event kind %r (a newer server?)", kind)
    inserted = conn.execute(
        "INSERT INTO county_events (seq, event_id, kind, application_number, application_id, data, decided_at, "
        "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (event["seq"], event["event_id"], kind, event.get("application_number"), event.get("application_id"),
         canonical_json(event), event.get("at", ""), now)).rowcount
    status = event.get("status")
    if inserted and status:
        # The county owns the status; a voided application stays voided.
        conn.execute("UPDATE applications SET status = ? WHERE number = ? AND voided = 0",
                     (status, event.get("application_number")))


# -- changes the county returned (Qt-free; the engine, the CLI and the window's 县中心 page) -------

def quarantined_changes(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Rejected changes not yet resolved by a later acknowledged change of the same record, oldest first.

    Reads only the local database (no network), so the UI thread may call it; the list is short.
    """
    rows = db.execute(
        "SELECT o.change_id, o.record_type, o.record_id, o.version, o.rejected_reason FROM outbox o "
        "WHERE o.acked_at IS NULL AND o.rejected_reason IS NOT NULL AND NOT EXISTS ("
        "  SELECT 1 FROM outbox later WHERE later.record_type = o.record_type AND later.record_id = o.record_id "
        "  AND later.version > o.version AND later.acked_at IS NOT NULL) ORDER BY o.seq").fetchall()
    return [dict(zip(("change_id", "record_type", "record_id", "version", "reason"), r)) for r in rows]


def release_change(db: sqlite_utils.Database, change_id: str) -> None:
    """Send a quarantined change again as it is at the next round (e.g. after the county fixed its rules)."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE outbox SET rejected_reason = NULL WHERE change_id = ? AND acked_at IS NULL",
                     (change_id,))


# -- the engine ---------------------------------------------------------------------------------

class SyncEngine:
    """One station's sync against the county server; one engine per thread (it uses `db`'s connection)."""

    def __init__(self, db: sqlite_utils.Database, key: StationKey, station_code: str, *,
                 server_url: str | None = None, batch_size: int = BATCH_SIZE, retries: int = 2,
                 timeout: tuple[float, float] = TIMEOUT, clock: Callable[[], float] = time.time,
                 session: requests.Session | None = None, now: Callable[[], str] = local_now,
                 page_size: int = 500, vault_root: Path | None = None, chunk_bytes: int = CHUNK_BYTES):
        self.db, self.key, self.station_code = db, key, station_code
        cert = get_state(db, S_COUNTY_CERT)
        if cert is None or not is_enrolled(db):
            raise SyncError("the station is not enrolled", "本工作站尚未在县中心注册。请在设置中输入服务器地址和注册码。",
                            code="not_enrolled")
        self.county_key = verify_county_certificate(json.loads(cert))
        self.server_url = (server_url or get_state(db, S_SERVER) or "").rstrip("/")
        self.batch_size, self.retries, self.timeout = batch_size, retries, timeout
        self.clock, self.now, self.page_size = clock, now, page_size
        self.vault_root, self.chunk_bytes = vault_root, chunk_bytes  # no vault: attachment files are not sent
        self.session = session or requests.Session()
        self._last_skew: int | None = None  # station clock minus server clock, from the last answer

    # -- what waits ---------------------------------------------------------------------------

    def pending_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected_reason IS NULL"
                               ).fetchone()[0]

    def quarantined(self) -> list[dict[str, Any]]:
        """Rejected changes not yet resolved by a later acknowledged change of the same record."""
        return quarantined_changes(self.db)

    def release(self, change_id: str) -> None:
        """Send a quarantined change again as it is (e.g. after the county fixed its rules)."""
        release_change(self.db, change_id)

    # -- one round ----------------------------------------------------------------------------

    def sync_round(self, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> RoundResult:
        """Push the change log, pull the county's events, then send attachment files (the long part:
        `progress(bytes_done, bytes_total)` after each chunk; `cancelled()` stops between chunks)."""
        result = RoundResult()
        try:
            self._push(result)
            self._pull(result)
            pull_reference(self)  # the county's roster and population; a SyncError ends the round like the pulls
            if self.vault_root is not None:
                self._upload(result, progress, cancelled)
        except SyncError as exc:
            result.error, result.error_zh, result.error_code = str(exc), exc.message_zh, exc.code
        if result.error_code == "revoked":
            with write_transaction(self.db) as conn:
                if get_state(self.db, S_REVOKED) is None:
                    set_state(conn, S_REVOKED, self.now())
        result.clock_skew_seconds = self._last_skew
        result.pending = self.pending_count()
        result.quarantined = len(self.quarantined())
        result.files_pending, result.bytes_pending = waiting_summary(self.db)
        if result.error is None:
            with write_transaction(self.db) as conn:
                set_state(conn, S_LAST_SYNC, self.now())
                if result.clock_skew_seconds is not None:
                    set_state(conn, S_LAST_SKEW, str(result.clock_skew_seconds))
        return result

    def _push(self, result: RoundResult) -> None:
        last_seq = 0
        while True:
            rows = self.db.execute("SELECT seq, change_id, payload, sha256 FROM outbox WHERE acked_at IS NULL "
                                   "AND rejected_reason IS NULL AND seq > ? ORDER BY seq LIMIT ?",
                                   (last_seq, self.batch_size)).fetchall()
            if not rows:
                return
            last_seq = rows[-1][0]
            sent = {r[1]: r[3] for r in rows}
            body = encode_json_gzip({"station": self.station_code,
                                     "changes": [change_entry(cid, payload, digest) for _, cid, payload, digest in rows]})
            answer = self._request("POST", "/v1/changes", body)
            acks = answer.get("acks")
            if not isinstance(acks, list):
                raise SyncError("the county's answer has no acknowledgements", "县中心的答复不完整，将在下次同步时重发。")
            result.pushed += len(rows)
            now = self.now()
            with write_transaction(self.db) as conn:
                apply_acks(conn, acks, sent, result, now)
            # a change without an ack stays pending and goes in the next round

    def _pull(self, result: RoundResult) -> None:
        while True:
            cursor = int(get_state(self.db, S_CURSOR) or 0)
            answer = self._request("GET", f"/v1/events?after={cursor}&limit={self.page_size}", b"")
            events = answer.get("events")
            if not isinstance(events, list) or not isinstance(answer.get("cursor"), int):
                raise SyncError("the county's answer has no events list", "县中心的答复不完整，将在下次同步时重试。")
            now = self.now()
            with write_transaction(self.db) as conn:
                for event in events:
                    self._record_event(conn, event, now)
                    result.events += 1
                set_state(conn, S_CURSOR, str(max(cursor, answer["cursor"])))
            if not answer.get("more") or not events:
                return

    def _record_event(self, conn, event: dict[str, Any], now: str) -> None:
        record_event(conn, event, now)

    def _upload(self, result: RoundResult, progress, cancelled) -> None:
        assert self.vault_root is not None
        report = UploadReport()
        try:
            upload_files(self._request, self.db, self.vault_root, self.now, progress=progress,
                         cancelled=cancelled, chunk_bytes=self.chunk_bytes, report=report)
        except Cancelled:
            result.cancelled = True  # what was sent (and found changed) before the stop still counts
        finally:
            result.files_sent, result.bytes_sent = report.files_sent, report.bytes_sent
            result.files_damaged = report.damaged
            result.files_missing = report.missing

    # -- HTTP ---------------------------------------------------------------------------------

    def _request(self, method: str, path: str, body: bytes,
                 content_type: str | None = None) -> dict[str, Any]:
        """A signed request with retries (a fresh nonce each time); the county-signed JSON answer.

        A body is gzip JSON unless `content_type` says otherwise (attachment chunks: raw bytes)."""
        if not self.server_url:
            raise SyncError("no server address", "没有县中心服务器地址。请在设置中填写。", code="no_server")
        last: SyncError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(0.2 * 2 ** attempt, 2.0))
            headers = sign_request(self.key.sign, self.station_code, method, path, body, self.clock())
            if body and content_type:
                headers["Content-Type"] = content_type
            elif body:
                headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
            try:
                response = self.session.request(method, self.server_url + path, data=body or None, headers=headers,
                                                timeout=self.timeout)
                content = response.content
            except requests.RequestException as exc:
                last = SyncError(f"connection failed: {exc}", "与县中心的连接中断，未发送的记录将在下次同步时重发。",
                                 code="network")
                continue
            if response.status_code in (401, 403, 409):
                raise Refused(_error_message(response), _error_message_zh(response),
                              code=_error_code(response))
            if response.status_code != 200:
                last = SyncError(f"server answered {response.status_code}", "县中心服务器暂时出错，将在下次同步时重试。",
                                 code="server")
                continue
            signature = response.headers.get(H_COUNTY_SIGNATURE, "")
            try:
                ok = verify_signature(self.county_key, unb64(signature), sha256_hex(content).encode("ascii"))
            except ValueError:
                ok = False
            if not ok:
                last = SyncError("the answer is not signed by the county (damaged or forged)",
                                 "县中心的答复签名无效（可能在传输中损坏），将在下次同步时重试。", code="bad_answer")
                continue
            try:
                answer = json.loads(content.decode("utf-8"))
            except ValueError:
                last = SyncError("unreadable answer", "县中心的答复无法读取，将在下次同步时重试。", code="bad_answer")
                continue
            skew = response.headers.get(H_SKEW)
            if skew is not None:
                self._last_skew = int(skew)
            return answer
        assert last is not None
        raise last


def _error_code(response: requests.Response) -> str:
    try:
        return str(response.json().get("error", "refused"))
    except ValueError:
        return "refused"


def _error_message(response: requests.Response) -> str:
    try:
        return str(response.json().get("message") or response.text)
    except ValueError:
        return f"HTTP {response.status_code}: {response.text[:200]}"


def _error_message_zh(response: requests.Response) -> str:
    try:
        return str(response.json().get("message_zh") or response.json().get("message"))
    except ValueError:
        return f"县中心拒绝了请求（HTTP {response.status_code}）。"


def describe(result: RoundResult) -> list[str]:
    """Plain-Chinese lines about a round, for the status bar and the CLI."""
    lines = [f"已发送 {result.pushed} 条变更（新接收 {result.accepted}，重复 {result.duplicates}），"
             f"收到县中心决定 {result.events} 条。"]
    if result.rejected or result.quarantined:
        lines.append(f"{result.quarantined} 条记录被县中心退回，已隔离待修改：" +
                     "；".join(reason for _, reason in result.rejected[:5]))
    if result.files_sent:
        lines.append(f"已上传材料文件 {result.files_sent} 个（{_megabytes(result.bytes_sent)}）。")
    if result.pending:
        lines.append(f"还有 {result.pending} 条变更未发送。")
    resumable = result.files_pending - len(result.files_damaged)  # a changed file never goes up: it does not resume
    if resumable > 0:
        size = "" if result.files_damaged else f"（{_megabytes(result.bytes_pending)}）"  # (the size counts changed ones)
        lines.append(f"还有 {resumable} 个材料文件{size}未上传"
                     + ("（已暂停，下次同步从中断处继续）。" if result.cancelled else "，下次同步从中断处继续。"))
    if result.files_missing:
        lines.append(f"{len(result.files_missing)} 个材料文件在本机找不到，未上传。请在 工具 → 核查全部材料 中查看。")
    if result.files_damaged:
        lines.append(f"{len(result.files_damaged)} 个材料文件在签名后被改动（校验值不符），不会上传。"
                     "请在 工具 → 核查全部材料 中找到它，在所属记录中作废该材料，再重新添加文件。")
    if result.clock_warning:
        lines.append(f"本机时钟与县中心相差约 {abs(result.clock_skew_seconds or 0) // 60} 分钟，请校准电脑时间（同步不受影响）。")
    if result.error_zh:
        lines.append(result.error_zh)
    return lines


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
