"""The county's check of the records after the decision (issue 14) a station sends: follow-up visits, court
attendance, quality evaluations, closure reports, complaints and outreach events (desktop/records/casework.py).

Like a consultation or an application, each is checked with the station's own validation rules (the station's
clock judged with a day's tolerance); a record linked to a case must name an application of the same station,
when the county holds that application (it may still be on its way: the station sends in the order it saved).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any

from desktop.records.casework import CASEWORK_TYPES
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.validation import validate
from sync.server.errors import CountyError

NOT_VALID = QT_TRANSLATE_NOOP("County", "The county's check failed: {problems}")
OTHER_STATIONS_CASE = QT_TRANSLATE_NOOP("County", "The record names a case of another station; the county refused it.")
UNREADABLE = QT_TRANSLATE_NOOP("County", "The change cannot be read or is incomplete; the county refused it.")


def check_casework(conn: sqlite3.Connection, station: str, payload: dict[str, Any], describe) -> None:
    """Raise CountyError when a record of these types breaks the station's rules or names another station's case.
    `describe(issues)` words validation problems as the station's clerk reads them (changes.py)."""
    if payload.get("record_type") not in CASEWORK_TYPES or payload.get("action") == "void":
        return
    data = payload["data"]
    try:
        issues = validate(payload["record_type"], data, now=datetime.now() + timedelta(days=1))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise CountyError(f"validation failed: unreadable record data ({exc})", UNREADABLE) from exc
    if issues:
        raise CountyError("validation failed: " + "; ".join(f"{i.field}: {i.text()}" for i in issues), NOT_VALID,
                          {"problems": describe(issues)})
    application_id = data.get("application_id")
    if application_id is not None:
        if not isinstance(application_id, str):
            raise CountyError("the case link is not an id", UNREADABLE)
        owner = conn.execute("SELECT station FROM records WHERE record_type = 'application' AND record_id = ?",
                             (application_id,)).fetchone()
        if owner is not None and owner[0] != station:
            raise CountyError("the record names another station's application", OTHER_STATIONS_CASE)
