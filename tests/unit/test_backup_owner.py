"""Whose backup it is (desktop/records/backup/owner.py): a backup names its station, and restoring another
station's backup is refused, naming that station, before anything changes."""

from __future__ import annotations

import pytest

from desktop.records.backup import BACKUPS_DIR, BackupError, make_backup, restore_backup
from desktop.records.settings import StationSettings
from desktop.records.signin import forget
from desktop.services import open_services
from helpers.accounts import provide_station

OTHER = StationSettings(station_code="HX02", station_name="河西镇法律援助工作站", township="河西镇",
                        county_name="青山县", clerks=("赵敏",))


def other_stations_backup(services, tmp_path):
    """Station HX02's backup, put where this station keeps its backups (a USB drive passed between stations)."""
    folder = tmp_path / "hx02"
    provide_station(folder, credential=False)
    other = open_services(folder)
    try:
        other.station.update_settings(OTHER)
        info = make_backup(other, services.station.data_dir / BACKUPS_DIR, keep=5)
    finally:
        other.close()
    forget(folder)  # HX02's clerks are not here: only this station is unlocked
    return info


def test_restoring_another_stations_backup_is_refused_before_anything_changes(services, tmp_path):
    info = other_stations_backup(services, tmp_path)
    services.close()
    before = (services.station.data_dir / "keyring.json").read_bytes()
    with pytest.raises(BackupError) as refused:
        restore_backup(info.path, services.station.data_dir)
    assert refused.value.kind == "other_station"
    assert refused.value.params["station"] == "河西镇法律援助工作站（HX02）"
    assert (services.station.data_dir / "keyring.json").read_bytes() == before
