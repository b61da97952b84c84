"""The county's check of the records after the decision (issue 14) a station sends: follow-up visits, court
attendance, quality evaluations, closure reports, complaints and outreach events (desktop/records/casework.py).

Like a consultation or an application, each is checked with the station's own validation rules (its times judged
by the station's clock, as changes.py does); and each is the sender's own, as every record
is (changes.py): a record linked to a case or a consultation must name one of the same station, when the county
holds it (it may still be on its way: the station sends in the order it saved), the case's number and a
complaint's own number start with the sender's station code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from desktop.records.casework import CASEWORK_TYPES
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.validation import validate
from sync.server.errors import CountyError

NOT_VALID = QT_TRANSLATE_NOOP("County", "The county's check failed: {problems}")
OTHER_STATIONS_CASE = QT_TRANSLATE_NOOP("County", "The record names a case of another station; the county refused it.")
NOT_OUR_NUMBER = QT_TRANSLATE_NOOP("County", "Number {number} does not start with this station's code {station}; the "
                                             "county refused it.")
OTHER_STATIONS_CONSULTATION = QT_TRANSLATE_NOOP("County", "The record names a consultation of another station; the "
                                                          "county refused it.")
LINKS = (("application_id", "application", OTHER_STATIONS_CASE),
         ("consultation_id", "consultation", OTHER_STATIONS_CONSULTATION))
UNREADABLE = QT_TRANSLATE_NOOP("County", "The change cannot be read or is incomplete; the county refused it.")


def check_casework_rules(station: str, payload: dict[str, Any], describe, latest: datetime) -> None:
    """Raise CountyError when a record of these types breaks the station's rules or carries another station's number
    (no database: run while the batch is read, before the writer). `describe(issues)` words validation problems as
    the station's clerk reads them; `latest`: the latest time a record may carry (changes.py judges it by the
    station's clock)."""
    if payload.get("record_type") not in CASEWORK_TYPES or payload.get("action") == "void":
        return
    data = payload["data"]
    try:
        issues = validate(payload["record_type"], data, now=latest)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise CountyError(f"validation failed: unreadable record data ({exc})", UNREADABLE) from exc
    if issues:
        raise CountyError("validation failed: " + "; ".join(f"{i.field}: {i.text()}" for i in issues), NOT_VALID,
                          {"problems": describe(issues)})
    for name in ("case_number", "number"):  # the case's application number, a complaint's own
        number = data.get(name)
        if isinstance(number, str) and number and not number.startswith(f"{station}-"):
            raise CountyError(f"{name} {number[:40]!r} is not station {station}'s", NOT_OUR_NUMBER,
                              {"number": number[:40], "station": station})
    for field, _record_type, _refused in LINKS:
        if data.get(field) is not None and not isinstance(data[field], str):
            raise CountyError(f"the {field} link is not an id", UNREADABLE)


def linked_records(payload: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The records a change of these types names, as (record type, record id, why it is refused when that record
    is another station's)."""
    if payload.get("record_type") not in CASEWORK_TYPES or payload.get("action") == "void":
        return []
    return [(record_type, payload["data"][field], refused) for field, record_type, refused in LINKS
            if isinstance(payload["data"].get(field), str)]


def check_casework_links(owner: Callable[[str, str], str | None], station: str, payload: dict[str, Any]) -> None:
    """Raise CountyError when a record of these types (its rules checked by `check_casework_rules`) names a case
    or a consultation the county holds for another station; `owner(record_type, record_id)`: the station that
    holds it at the county (None: not held)."""
    for record_type, linked, refused in linked_records(payload):
        held_by = owner(record_type, linked)
        if held_by is not None and held_by != station:
            raise CountyError(f"the record names another station's {record_type}", refused)
