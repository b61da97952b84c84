"""A backup folder is hostile until checked (desktop/records/backup/manifest.py): a manifest.json with one field of a
wrong type, too large, or a garbage keyring.json beside it is listed as unreadable beside the good backups, reported
by the check and refused by a restore as damaged, in words for the clerk, with nothing on disk changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.records.backup import (BackupError, Problems, backup_station, list_backups, make_backup,
                                    restore_backup, verify_backup)
from desktop.records.backup.manifest import MAX_MANIFEST_BYTES
from desktop.records.db import database_path
from desktop.services import open_services
from helpers.accounts import provided

from .test_backup import SETTINGS, fill, writable


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def services(data_dir):
    opened = open_services(provided(data_dir))
    opened.station.update_settings(SETTINGS)
    yield opened
    opened.close()


def odd_copy(good: Path, name: str, change) -> Path:
    """A copy of the backup `good` beside it, named `name`, its manifest changed by `change(manifest)`."""
    odd = good.parent / name
    shutil.copytree(good, odd)
    path = odd / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    writable(path)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return odd


def _set(field: str, value):
    return lambda manifest: manifest.update({field: value})


def _first_object(field: str, value):
    return lambda manifest: manifest["objects"][0].update({field: value})


# one field as no version of the program writes it: (the field named in the problem, the change)
ODD_FIELDS = {
    "schema_version '19b'": ("schema_version", _set("schema_version", "19b")),
    "schema_version -1": ("schema_version", _set("schema_version", -1)),
    "schema_version true": ("schema_version", _set("schema_version", True)),
    "elapsed_seconds '约3秒'": ("elapsed_seconds", _set("elapsed_seconds", "约3秒")),
    "objects ['x']": ("objects", _set("objects", ["x"])),
    "object sha256 5": ("objects", _first_object("sha256", 5)),
    "object size '12'": ("objects", lambda m: m["objects"][0].update(size=str(m["objects"][0]["size"]))),
    "no objects": ("objects", lambda m: m.pop("objects")),
    "counts []": ("counts", _set("counts", [])),
    "counts {'persons': '2'}": ("counts", lambda m: m["counts"].update(persons="2")),
    "database 'station.db'": ("database", _set("database", "station.db")),
    "database file elsewhere": ("database", lambda m: m["database"].update(file="../../station.db")),
    "station 'HX02'": ("station", _set("station", "HX02")),
    "created_at 'yesterday'": ("created_at", _set("created_at", "昨天")),
    "created_at year 0": ("created_at", _set("created_at", "0001-01-01T00:00")),
}


@pytest.mark.parametrize("case", list(ODD_FIELDS))
def test_one_field_out_of_shape_is_a_damaged_backup_refused_with_nothing_changed(services, data_dir, tmp_path, case):
    field, change = ODD_FIELDS[case]
    fill(services, tmp_path, 1)
    good = backup_station(services)
    services.close()
    odd = odd_copy(good.path, "20200101-000000", change)
    listed = {info.name: info for info in list_backups(good.path.parent)}
    assert listed[good.name].readable and not listed[odd.name].readable  # listed beside the good one
    problems = verify_backup(odd)
    assert [(p.message, p.params) for p in problems] == [(Problems.MANIFEST_FIELD, {"field": field})]
    before = database_path(data_dir).read_bytes()
    for check in (True, False):  # the window and the console verify first, then restore with check=False
        with pytest.raises(BackupError) as refused:
            restore_backup(odd, data_dir, check=check)
        assert refused.value.kind == "damaged" and field in refused.value.text()
    assert database_path(data_dir).read_bytes() == before
    assert not list(data_dir.glob("*before-restore*"))


def test_a_manifest_larger_than_any_backup_writes_is_not_read(services, data_dir, tmp_path):
    info = make_backup(services, tmp_path / "backups", keep=5)
    services.close()
    path = info.path / "manifest.json"
    text = path.read_text(encoding="utf-8")
    writable(path)
    path.write_text(text + " " * (MAX_MANIFEST_BYTES - len(text.encode()) + 1), encoding="utf-8")  # JSON still
    [listed] = list_backups(tmp_path / "backups")
    assert not listed.readable
    assert [p.message for p in verify_backup(info.path)] == [Problems.MANIFEST_TOO_LARGE]
    with pytest.raises(BackupError) as refused:
        restore_backup(info.path, data_dir)
    assert refused.value.kind == "damaged" and "32 MB" in refused.value.text()


@pytest.mark.parametrize("keyring", ["{}", "not json", ""])
def test_a_garbage_keyring_in_a_backup_is_a_damaged_backup_not_the_stations_keyring(services, data_dir, tmp_path,
                                                                                 keyring):
    fill(services, tmp_path, 1)
    info = backup_station(services)
    services.close()
    writable(info.path / "keyring.json")
    (info.path / "keyring.json").write_text(keyring, encoding="utf-8")
    assert [p.message for p in verify_backup(info.path)] == [Problems.KEYRING]  # said once, not per file
    before = database_path(data_dir).read_bytes()
    for check in (True, False):
        with pytest.raises(BackupError) as refused:  # not a KeyringError saying "Restore it from a backup"
            restore_backup(info.path, data_dir, check=check)
        assert refused.value.kind == "damaged" and "keyring.json" in refused.value.text()
    assert database_path(data_dir).read_bytes() == before
    assert not list(data_dir.glob("*before-restore*"))


def test_an_odd_folder_is_listed_beside_an_older_versions_and_a_newer_versions_backup(services, data_dir, tmp_path):
    # what is only missing or larger is no damage: fields added by later versions (the station's name, ...) may be
    # absent, and a newer program's schema is a well-formed number this program says it does not know
    fill(services, tmp_path, 1)
    good = make_backup(services, tmp_path / "backups", keep=5)
    services.close()
    old = odd_copy(good.path, "20200101-000000", lambda m: [m.pop(f) for f in (
        "station", "elapsed_seconds", "keys", "absent", "source", "app_version", "created_at", "format")])
    newer = odd_copy(good.path, "20210101-000000", _set("schema_version", 10 ** 9))
    odd = odd_copy(good.path, "20220101-000000", _set("elapsed_seconds", "约3秒"))
    listed = {info.path: info for info in list_backups(tmp_path / "backups")}
    assert [listed[p].readable for p in (good.path, old, newer, odd)] == [True, True, True, False]
    assert listed[old].count("applications") == 1 and listed[old].when.year == 2020  # the time of its name
    assert verify_backup(newer) == []
    with pytest.raises(BackupError) as refused:
        restore_backup(newer, data_dir)
    assert refused.value.kind == "newer"
    assert verify_backup(old) == []
    assert restore_backup(old, data_dir).counts["applications"] == 1
