"""`python -m desktop enroll|sync|export-bundle|import-bundle`: the county exchange without a window."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SET_UP_FIRST = "请先在设置中填写工作站代码和名称。 (Set up the station first.)"


@contextmanager
def _station(data_dir: Path) -> Iterator[Any]:
    """The station's services, or None (with the reason printed) when it is not set up yet."""
    from desktop.services import open_services

    services = open_services(data_dir)
    try:
        if services.station.settings.configured:
            yield services
        else:
            print(SET_UP_FIRST, file=sys.stderr)
            yield None
    finally:
        services.close()


def _bundle_refused(exc: Any) -> int:
    print(f"{exc.message_zh} ({exc})", file=sys.stderr)
    return 2 if exc.code == "not_enrolled" else 1


def _print_quarantined(quarantined: list[dict]) -> None:
    for q in quarantined:
        print(f"隔离：{q['record_type']} {q['record_id']} 第{q['version']}版：{q['reason']}")


def run_enroll(data_dir: Path, server: str | None, code: str | None, *, request: Path | None = None,
               answer: Path | None = None, fingerprint: str = "", fingerprint_image: Path | None = None) -> int:
    """Enroll over the network (--server --code, and the sheet's fingerprint: --fingerprint or
    --fingerprint-image), or by USB: write a request (--code --request), then import the county's answer
    (--answer). Exit 0: done; 1: refused; 2: wrong use or station not set up."""
    from sync.enrollment import enroll, import_enrollment_answer, write_enrollment_request
    from sync.errors import SyncError

    if not ((server and code and not request and not answer) or (code and request and not server and not answer)
            or (answer and not (server or code or request))):
        print("用法：--server 地址 --code 注册码 --fingerprint 指纹；或没有网络时 --code 注册码 --request 文件，"
              "再 --answer 县中心答复文件。 (use --server with --code and --fingerprint, or --code with --request, "
              "then --answer)", file=sys.stderr)
        return 2
    with _station(data_dir) as services:
        if services is None:
            return 2
        station_code = services.station.settings.station_code
        if request:
            try:
                write_enrollment_request(request, services.key, services.document_key, station_code, code or "")
            except OSError as exc:
                print(f"无法写入 {request}：{exc.strerror or exc}", file=sys.stderr)
                return 1
            print(f"已写入注册申请 {request}。请交县中心（python -m sync.server station enroll-file），再导入其答复。")
            return 0
        try:
            if fingerprint_image is not None:
                from sync.sheet_qr import fingerprint_from_image

                fingerprint = fingerprint_from_image(fingerprint_image)
            if answer:
                cert = import_enrollment_answer(services.station.db, services.key, services.document_key, answer,
                                                station_code, fingerprint)
            else:
                cert = enroll(services.station.db, services.key, services.document_key, server or "", code or "",
                              station_code, fingerprint)
        except SyncError as exc:
            print(f"{exc.message_zh} ({exc})", file=sys.stderr)
            return 1
        print(f"已注册：工作站 {cert['station_code']} {cert['name']}，密钥 {services.key.fingerprint()}，"
              f"文书签名证书有效期至 {cert['valid_until']}")
        return 0


def run_sync(data_dir: Path, server: str | None = None) -> int:
    """One round; exit 0 only when nothing is left unsent (quarantined changes count as unsent)."""
    from desktop.services import open_services
    from sync.errors import SyncError
    from sync.outbox import quarantined_changes
    from sync.status import describe

    services = open_services(data_dir)  # not _station: an unset station is the engine's "not enrolled" (2)
    try:
        try:
            engine = services.sync_engine(server_url=server)
        except SyncError as exc:
            print(exc.message_zh, file=sys.stderr)
            return 2
        result = engine.sync_round()
        for line in describe(result):
            print(line)
        _print_quarantined(quarantined_changes(services.station.db))
        return 0 if result.complete else 1
    finally:
        services.close()


def run_export_bundle(data_dir: Path, path: Path) -> int:
    """Exit 0: written; 1: could not write it; 2: the station is not set up or not enrolled."""
    from sync.bundle import BundleError, export_bundle

    with _station(data_dir) as services:
        if services is None:
            return 2
        try:
            result = export_bundle(services.station.db, services.key, services.station.settings.station_code, path,
                                   vault_root=services.vault.objects_dir)
        except BundleError as exc:
            return _bundle_refused(exc)
        except OSError as exc:
            print(f"无法写入数据包 {path}：{exc.strerror or exc} (cannot write the bundle)", file=sys.stderr)
            return 1
        print(f"已导出 {result.changes} 条未确认的变更和 {result.files} 个材料文件（{result.file_bytes / 1048576:.1f} MB）"
              f"到 {result.path}。请交县中心导入，再把回复包带回本站导入。")
        if result.damaged:
            print(f"{len(result.damaged)} 个材料文件与其签名时的校验值不符，未导出。请在 工具 → 核查全部材料 中查看。",
                  file=sys.stderr)
        return 0


def run_import_bundle(data_dir: Path, file: Path) -> int:
    """Exit 0: the reply was applied; 1: refused (tampered, another station, wrong file); 2: not enrolled."""
    from sync.bundle import BundleError, import_reply
    from sync.outbox import quarantined_changes
    from sync.status import describe

    with _station(data_dir) as services:
        if services is None:
            return 2
        code = services.station.settings.station_code
        try:
            result = import_reply(services.station.db, services.key, code, file)
        except BundleError as exc:
            return _bundle_refused(exc)
        if result.already_imported:
            print("这个回复包已经导入过，没有新的内容。")
        else:
            print(f"已导入县中心回复包：确认 {result.accepted + result.duplicates} 条变更、{result.files_sent} 个材料文件，"
                  f"收到县中心决定 {result.events} 条。")
        for line in describe(result)[1:]:
            print(line)
        _print_quarantined(quarantined_changes(services.station.db))
        return 0


def run_recover(data_dir: Path, server: str | None = None) -> int:
    """Rebuild this station from the county (a new laptop). Exit 0: done (files missing at the county are
    listed); 1: refused or failed (nothing unsent may be here); 2: not enrolled."""
    from desktop.services import open_services
    from sync.errors import SyncError
    from sync.recovery import recover_from_county

    services = open_services(data_dir)
    try:
        try:
            engine = services.sync_engine(server_url=server)
            result = recover_from_county(engine, services.station.store, services.vault)
        except SyncError as exc:
            print(exc.message_zh, file=sys.stderr)
            return 2 if exc.code == "not_enrolled" else 1
        print(f"已从县中心恢复 {result.changes} 条变更（{result.records} 条咨询和申请）、{result.files} 个材料文件"
              f"（{result.file_bytes / 1048576:.1f} MB）。县中心的决定将在下次同步时取回。")
        for sha256 in result.missing_files:
            print(f"县中心没有完整的材料文件 {sha256}，未恢复。", file=sys.stderr)
        return 0
    finally:
        services.close()
