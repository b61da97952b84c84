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
