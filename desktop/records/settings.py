"""The station's settings: a typed registry with declared defaults, stored in the database.

Settings that belong to the station (its code, name, clerks) live in the
database so that backups carry them; window geometry and the like stay in
QSettings on the UI side.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .connection import Database
from .db import write_transaction
from .errors import ValidationFailed
from .i18n import QT_TRANSLATE_NOOP
from .phone import is_valid_phone
from .validation import Issue

STATION_CODE_PATTERN = re.compile(r"^[A-Z0-9]{2,12}$")
# The sync_state key under which the sync keeps the county's certificate of this station (sync/state.py
# writes it at enrollment); the records core reads it only for the code lock, it never imports sync.
STATION_CERTIFICATE = "station_certificate"
CODE_FIXED = QT_TRANSLATE_NOOP("Validation", "The station code is already {current}: application numbers or the county's certificate use it, so it cannot change to {code}.")
ENROLLED, NUMBERED = "enrolled", "numbered"


class StationCodeFixed(ValidationFailed):
    """Settings that would change a station code already in use; nothing was saved."""

    def __init__(self, current: str, wanted: str):
        super().__init__([Issue("station_code", CODE_FIXED, {"current": current, "code": wanted})])


@dataclass(frozen=True)
class StationSettings:
    station_code: str = ""
    station_name: str = ""
    township: str = ""
    county_name: str = ""
    station_phone: str = ""  # printed on what the station issues (the receipt's 联系电话)
    station_address: str = ""
    center_phone: str = ""  # the county legal-aid center's phone, printed on its notices (补充材料通知书)
    station_type: str = "fixed"
    clerks: tuple[str, ...] = ()
    current_clerk: str = ""  # before signed-in accounts: the duty drop-down (kept so old settings still load)
    lock_minutes: int = 10  # the window locks after this many idle minutes (desktop/ui/lock.py)
    autosave_seconds: int = 5
    scanner_folder: str = ""  # where the station's scanner saves files; "" = none
    max_attachment_mb: int = 50
    backup_folder: str = ""  # where the daily backups go; "" = DATA/backups
    backup_keep: int = 14  # how many backups are kept (the newest)
    backup_removable: str = ""  # a second folder, e.g. on a USB drive, that gets a copy when present; "" = none
    seal_image: str = ""  # the station's seal picture for printed forms; "" = a generated round seal
    form_body_font: str = ""  # a TrueType font file for printed forms instead of the shipped Song style

    @property
    def configured(self) -> bool:
        return bool(self.station_code and self.station_name)

    def issues(self) -> list[Issue]:
        """What is wrong with these settings, for the settings page."""
        found = []
        if not STATION_CODE_PATTERN.match(self.station_code):
            found.append(Issue("station_code", QT_TRANSLATE_NOOP("Validation", "The station code has 2 to 12 capital letters or digits, as given by the county.")))
        if not self.station_name.strip():
            found.append(Issue("station_name", QT_TRANSLATE_NOOP("Validation", "Enter the station's name.")))
        if not self.township.strip():
            found.append(Issue("township", QT_TRANSLATE_NOOP("Validation", "Enter the township.")))
        for name in ("station_phone", "center_phone"):
            if getattr(self, name).strip() and not is_valid_phone(getattr(self, name)):
                found.append(Issue(name, QT_TRANSLATE_NOOP("Validation", "Enter a phone number: a mobile number, or the area code and number (0376-6123456).")))
        if len(self.station_address) > 200:
            found.append(Issue("station_address", QT_TRANSLATE_NOOP("Validation", "The address has at most 200 characters.")))
        if self.station_type not in ("fixed", "mobile", "military"):
            found.append(Issue("station_type", QT_TRANSLATE_NOOP("Validation", "Choose the kind of station.")))
        if not [c for c in self.clerks if c.strip()]:
            found.append(Issue("clerks", QT_TRANSLATE_NOOP("Validation", "Enter at least one clerk's name.")))
        if not 1 <= self.max_attachment_mb <= 500:
            found.append(Issue("max_attachment_mb", QT_TRANSLATE_NOOP("Validation", "The size limit for one attachment is 1 to 500 MB.")))
        if not 2 <= self.autosave_seconds <= 300:
            found.append(Issue("autosave_seconds", QT_TRANSLATE_NOOP("Validation", "Autosave runs every 2 to 300 seconds.")))
        if not 1 <= self.lock_minutes <= 240:
            found.append(Issue("lock_minutes", QT_TRANSLATE_NOOP("Validation", "The window locks after 1 to 240 idle minutes.")))
        if not 1 <= self.backup_keep <= 365:
            found.append(Issue("backup_keep", QT_TRANSLATE_NOOP("Validation", "Keep 1 to 365 backups.")))
        for name in ("backup_folder", "backup_removable"):
            folder = getattr(self, name).strip()
            if folder and not os.path.isabs(folder):
                found.append(Issue(name, QT_TRANSLATE_NOOP("Validation", "Give the backup folder as a full path, for example E:\\backup.")))
        if self.seal_image and (not Path(self.seal_image).is_file()
                                or Path(self.seal_image).suffix.lower() not in (".png", ".jpg", ".jpeg")):
            found.append(Issue("seal_image", QT_TRANSLATE_NOOP("Validation", "The seal picture must be an existing PNG or JPEG file.")))
        if self.form_body_font and (not Path(self.form_body_font).is_file()
                                    or Path(self.form_body_font).suffix.lower() not in (".ttf", ".ttc")):
            found.append(Issue("form_body_font", QT_TRANSLATE_NOOP("Validation", "The form font must be an existing TrueType file (.ttf or .ttc), e.g. C:\\Windows\\Fonts\\simsun.ttc.")))
        if self.backup_removable.strip() and self.backup_removable.strip() == self.backup_folder.strip():
            found.append(Issue("backup_removable", QT_TRANSLATE_NOOP("Validation", "The second backup folder must be another folder, best on a USB drive.")))
        return found


def load_settings(db: Database) -> StationSettings:
    stored = {row[0]: json.loads(row[1]) for row in db.execute("SELECT key, value FROM settings")}
    known = {f.name for f in fields(StationSettings)}
    values: dict[str, Any] = {k: v for k, v in stored.items() if k in known}
    if "clerks" in values:
        values["clerks"] = tuple(values["clerks"])
    return replace(StationSettings(), **values)


def station_code_lock(db) -> str | None:
    """Why the station code can no longer change: ENROLLED (the county certified it) or NUMBERED (an
    application number carries it); None while it still can. Changing it then would make the county
    refuse every change as recorded by another station."""
    if db.execute("SELECT 1 FROM sync_state WHERE key = ?", (STATION_CERTIFICATE,)).fetchone() is not None:
        return ENROLLED
    if db.execute("SELECT 1 FROM applications LIMIT 1").fetchone() is not None:
        return NUMBERED
    return None


def save_settings(db: Database, settings: StationSettings) -> None:
    """Store the settings in one transaction; StationCodeFixed (nothing saved) when they change a station
    code that is locked (`station_code_lock`), for the window and the CLI alike."""
    with write_transaction(db) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = 'station_code'").fetchone()
        current = json.loads(row[0]) if row else ""
        if current and settings.station_code != current and station_code_lock(conn):
            raise StationCodeFixed(current, settings.station_code)
        for f in fields(StationSettings):
            value = getattr(settings, f.name)
            value = list(value) if isinstance(value, tuple) else value
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (f.name, json.dumps(value, ensure_ascii=False)))
