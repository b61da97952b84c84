"""The console commands' refusals in the README's one convention, Chinese with the English after it in brackets
(desktop/cli_text.py `gloss_error`): `backup` and `restore` (with a hostile backups folder too), and what `verify`,
`audit`, `report`, `sync` and `recover` print when they cannot run. Each command is run as a clerk runs it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop.records.backup import backup_station, list_backups
from desktop.records.db import database_path
from desktop.services import open_services
from helpers.accounts import provided, raw_connection

from .test_backup import SETTINGS, cli, fill, writable
from .test_backup_manifest import odd_copy


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def services(data_dir):
    opened = open_services(provided(data_dir))
    opened.station.update_settings(SETTINGS)
    yield opened
    opened.close()


def glossed(stderr: str, chinese: str, english: str) -> None:
    """The refusal is said in Chinese first, its English source after it in brackets; no traceback."""
    assert "Traceback" not in stderr, stderr
    assert chinese in stderr and english in stderr, stderr
    zh_at, en_at = stderr.index(chinese), stderr.index(english)
    assert zh_at < stderr.rindex("(", 0, en_at) < en_at, stderr  # "中文 (English)", within one line
    assert "\n" not in stderr[zh_at:en_at], stderr


def test_restore_latest_is_not_stopped_by_an_odd_folder_beside_it(services, data_dir, tmp_path):
    fill(services, tmp_path, 1)
    good = backup_station(services)
    services.close()
    odd = odd_copy(good.path, "20200101-000000", lambda manifest: manifest.update(schema_version="19b"))
    restored = cli("restore", "latest", "--data-dir", str(data_dir), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert str(good.path) in restored.stdout and "Traceback" not in restored.stderr
    damaged = cli("restore", odd.name, "--data-dir", str(data_dir), "--yes")
    assert damaged.returncode == 1
    glossed(damaged.stderr, "已损坏", "The backup")
    assert "字段 schema_version" in damaged.stderr  # which field, in Chinese


def test_a_backup_with_a_garbage_keyring_is_refused_as_damaged_not_with_a_traceback(services, data_dir, tmp_path):
    fill(services, tmp_path, 1)
    info = backup_station(services)
    services.close()
    writable(info.path / "keyring.json")
    (info.path / "keyring.json").write_text("{}", encoding="utf-8")
    before = database_path(data_dir).read_bytes()
    result = cli("restore", str(info.path), "--data-dir", str(data_dir), "--yes")
    assert result.returncode == 1
    glossed(result.stderr, "已损坏", "The backup")
    assert "keyring.json 缺失或已损坏" in result.stderr and "请从备份恢复" not in result.stderr
    assert database_path(data_dir).read_bytes() == before


def test_a_restore_refused_after_the_check_is_said_in_chinese_with_the_english(services, data_dir, tmp_path):
    backup = backup_station(services)
    services.close()
    manifest_path = backup.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["schema_version"] = 99
    writable(manifest_path)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    newer = cli("restore", str(backup.path), "--data-dir", str(data_dir), "--yes")
    assert newer.returncode == 2
    glossed(newer.stderr, "更新版本", "This backup was made by a newer version")
    manifest["schema_version"] = 19
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    reader = raw_connection(database_path(data_dir))  # another program reading the station's database
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM settings").fetchone()
        in_use = cli("restore", str(backup.path), "--data-dir", str(data_dir), "--yes")
    finally:
        reader.close()
    assert in_use.returncode == 2
    glossed(in_use.stderr, "数据库", "The station's database is open")


def test_a_backup_folder_that_cannot_be_read_is_said_so_not_no_backup(services, data_dir, tmp_path):
    backup_station(services)
    not_a_folder = tmp_path / "备份"
    not_a_folder.write_bytes(b"a file where the backup folder should be")
    services.station.update_settings(replace(SETTINGS, backup_folder=str(not_a_folder)))
    services.close()
    result = cli("restore", "latest", "--data-dir", str(data_dir), "--yes")
    assert result.returncode == 2
    glossed(result.stderr, "无法读取备份文件夹", f"The backup folder {not_a_folder} cannot be read")


def test_a_backup_that_cannot_be_written_is_said_in_chinese_with_the_english(services, data_dir, tmp_path):
    services.close()
    blocked = tmp_path / "a file"
    blocked.write_bytes(b"")
    result = cli("backup", "--data-dir", str(data_dir), "--to", str(blocked / "backups"))
    assert result.returncode == 2
    glossed(result.stderr, "无法将备份写入", "The backup could not be written to")
    assert list_backups(blocked.parent) == []


@pytest.mark.parametrize("command", [("verify",), ("audit", "verify"),
                                     ("report", "12348-QUARTERLY", "--from", "2026-01-01", "--to", "2026-03-31")],
                         ids=lambda command: " ".join(command[:2]))
def test_a_damaged_station_database_is_said_in_chinese_by_every_command(services, data_dir, tmp_path, command):
    services.close()
    database_path(data_dir).write_bytes(b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        database_path(data_dir).with_name("station.db" + suffix).unlink(missing_ok=True)
    extra = ("-o", str(tmp_path / "r.xlsx")) if command[0] == "report" else ()
    result = cli(*command, "--data-dir", str(data_dir), *extra)
    assert result.returncode != 0
    glossed(result.stderr, "数据库文件已损坏", "The database file is damaged")


@pytest.mark.parametrize("command", ["sync", "recover"])
def test_a_station_not_enrolled_is_told_so_in_chinese_with_the_english(services, data_dir, command):
    services.close()
    result = cli(command, "--data-dir", str(data_dir))
    assert result.returncode == 2
    glossed(result.stderr, "注册", "not enrolled")
