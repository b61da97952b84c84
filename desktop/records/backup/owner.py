"""Whose backup this is: the station its manifest names (code and name, since this version) and the keyring it
carries, so a backup of another station is said to be that station's - with what to do - before anything is
read with a key that cannot open it (it used to be reported as "damaged")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UserFacingError
from ..i18n import QT_TRANSLATE_NOOP
from ..keyring import KEYRING_FILE, Keyring
from ..signin import SignInError, unlocked_keyring
from .manifest import _read_manifest
from .model import BackupError

OTHER_STATION_HOW = QT_TRANSLATE_NOOP("Backup", "Choose a backup of this station. To put that station's data on this computer, close the program and restore the backup into a data folder of its own with that station's recovery key: python -m desktop restore \"{path}\" --data-dir NEW_FOLDER")


def station_of(conn) -> dict[str, str]:
    """The station's code and name from its settings (on a connection inside the backup's read transaction)."""
    import json

    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").fetchone() is None:
        return {}
    found = {k: json.loads(v) for k, v in conn.execute(
        "SELECT key, value FROM settings WHERE key IN ('station_code', 'station_name')")}
    return {"code": str(found.get("station_code") or ""), "name": str(found.get("station_name") or "")}


def check_own_station(backup: Path, data_dir: Path) -> None:
    """BackupError(OTHER_STATION) when `backup` belongs to a station other than the one in `data_dir` and its
    own station is not unlocked in this process (its recovery key typed at the console unlocks it)."""
    source = Path(backup) / KEYRING_FILE
    if not source.is_file():
        return  # an older version's plaintext backup: any station's key encrypts it when it is opened
    try:
        unlocked_keyring(source)
        return
    except SignInError:
        pass
    except UserFacingError:
        return  # a damaged keyring.json: the check says so
    here = Keyring.path_in(data_dir)
    try:
        if here.is_file() and Keyring.read(here).station_id == Keyring.read(source).station_id:
            return
    except UserFacingError:
        return
    try:
        station = _read_manifest(Path(backup)).get("station", {})
    except BackupError:  # a damaged manifest: the check says so
        station = {}
    raise BackupError(BackupError.OTHER_STATION if station.get("code") or station.get("name")
                      else BackupError.OTHER_STATION_UNNAMED, {"station": _named(station), "path": str(backup)},
                      kind="other_station")


def _named(station: dict[str, Any]) -> str:
    code, name = str(station.get("code") or ""), str(station.get("name") or "")
    return f"{name}（{code}）" if name and code else name or code
