"""`python -m desktop enroll` and `python -m desktop sync`: enrollment and one sync round, without a window."""

from __future__ import annotations

import sys
from pathlib import Path


def run_enroll(data_dir: Path, server: str, code: str) -> int:
    from desktop.services import open_services
    from sync.client import SyncError, enroll

    services = open_services(data_dir)
    try:
        settings = services.station.settings
        if not settings.configured:
            print("请先在设置中填写工作站代码和名称，再注册。 (Set up the station first.)", file=sys.stderr)
            return 2
        try:
            cert = enroll(services.station.db, services.key, server, code, settings.station_code)
        except SyncError as exc:
            print(f"注册失败：{exc.message_zh} ({exc})", file=sys.stderr)
            return 1
        print(f"已注册：工作站 {cert['station_code']} {cert['name']}，密钥 {services.key.fingerprint()}")
        return 0
    finally:
        services.close()


def run_sync(data_dir: Path, server: str | None = None) -> int:
    """One round; exit 0 only when nothing is left unsent (quarantined changes count as unsent)."""
    from desktop.services import open_services
    from sync.client import SyncEngine, SyncError, describe

    services = open_services(data_dir)
    try:
        try:
            engine = SyncEngine(services.station.db, services.key, services.station.settings.station_code,
                                server_url=server)
        except SyncError as exc:
            print(exc.message_zh, file=sys.stderr)
            return 2
        result = engine.sync_round()
        for line in describe(result):
            print(line)
        for q in engine.quarantined():
            print(f"隔离：{q['record_type']} {q['record_id']} 第{q['version']}版：{q['reason']}")
        return 0 if result.complete else 1
    finally:
        services.close()


def run_export_bundle(data_dir: Path, path: Path) -> int:
    """Exit 0: written; 1: could not write it; 2: the station is not set up or not enrolled."""
    from desktop.services import open_services
    from sync.bundle import BundleError, export_bundle

    services = open_services(data_dir)
    try:
        settings = services.station.settings
        if not settings.configured:
            print("请先在设置中填写工作站代码和名称。 (Set up the station first.)", file=sys.stderr)
            return 2
        try:
            result = export_bundle(services.station.db, services.key, settings.station_code, path)
        except BundleError as exc:
            print(f"{exc.message_zh} ({exc})", file=sys.stderr)
            return 2 if exc.code == "not_enrolled" else 1
        except OSError as exc:
            print(f"无法写入数据包 {path}：{exc.strerror or exc} (cannot write the bundle)", file=sys.stderr)
            return 1
        print(f"已导出 {result.changes} 条未确认的变更到 {result.path}。请交县中心导入，再把回复包带回本站导入。")
        return 0
    finally:
        services.close()


def run_import_bundle(data_dir: Path, file: Path) -> int:
    """Exit 0: the reply was applied; 1: refused (tampered, another station, wrong file); 2: not enrolled."""
    from desktop.services import open_services
    from sync.bundle import BundleError, import_reply
    from sync.client import SyncEngine, describe

    services = open_services(data_dir)
    try:
        settings = services.station.settings
        if not settings.configured:
            print("请先在设置中填写工作站代码和名称。 (Set up the station first.)", file=sys.stderr)
            return 2
        try:
            result = import_reply(services.station.db, services.key, settings.station_code, file)
        except BundleError as exc:
            print(f"{exc.message_zh} ({exc})", file=sys.stderr)
            return 2 if exc.code == "not_enrolled" else 1
        print(f"已导入县中心回复包：确认 {result.accepted + result.duplicates} 条变更，"
              f"收到县中心决定 {result.events} 条。")
        quarantined = SyncEngine(services.station.db, services.key, settings.station_code).quarantined()
        result.quarantined = len(quarantined)
        for line in describe(result)[1:]:
            print(line)
        for q in quarantined:
            print(f"隔离：{q['record_type']} {q['record_id']} 第{q['version']}版：{q['reason']}")
        return 0
    finally:
        services.close()
