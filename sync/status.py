"""What waits and how the last exchange went (Qt-free): the status bar, the settings page and the CLI
ask here - `sync_state` for what waits to go to the county, `RoundResult` for one round or USB reply,
`describe` for a round in plain Chinese lines (the CLI's words).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sync.identity import fingerprint_of
from sync.outbox import Acknowledged, pending_count, quarantined_changes
from sync.protocol import SKEW_WARNING_SECONDS
from sync.state import S_COUNTY_CERT, is_enrolled, last_sync_at, pinned_certificate, revoked_at, server_url
from sync.uploads import waiting_files, waiting_summary


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

    def count(self, acknowledged: Acknowledged) -> None:
        """Add what one answer of the county did to the outbox."""
        self.accepted += acknowledged.accepted
        self.duplicates += acknowledged.duplicates
        self.rejected.extend(acknowledged.rejected)

    def count_waiting(self, db) -> None:
        """What still waits after the exchange: changes, returned changes, material files."""
        self.pending = pending_count(db)
        self.quarantined = len(quarantined_changes(db))
        self.files_pending, self.bytes_pending = waiting_summary(db)


@dataclass
class SyncState:
    """What the status bar and the settings page show about sync (read on the UI thread's connection)."""

    pending: int  # changes still to send
    quarantined: int  # changes the county returned, waiting for the clerk
    last_sync: str | None  # station time of the last successful round
    enrolled: bool
    server_url: str | None
    county_fingerprint: str | None
    files_waiting: int = 0  # material files the county does not hold yet (changed ones not counted)
    bytes_waiting: int = 0
    revoked_at: str | None = None  # station time the county was last heard to have revoked this station
    files_changed: int = 0  # material files whose bytes no longer match their signature: never sent


def sync_state(db, changed: Collection[str] = ()) -> SyncState:
    """`changed`: hashes of material files a round found altered after signing; they wait for the clerk
    (void and add again), not for the next sync, so they are counted apart."""
    cert = pinned_certificate(db, S_COUNTY_CERT)
    key_id = cert.get("key_id") if cert else None
    fingerprint = fingerprint_of(key_id) if isinstance(key_id, str) else None
    files, size = waiting_summary(db)
    held = [f for f in waiting_files(db) if f.sha256 in changed] if changed else []
    return SyncState(pending_count(db), len(quarantined_changes(db)), last_sync_at(db), is_enrolled(db),
                     server_url(db), fingerprint, files - len(held), size - sum(f.size for f in held), revoked_at(db),
                     len(held))


def describe(result: RoundResult) -> list[str]:
    """Plain-Chinese lines about a round, for the CLI."""
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
