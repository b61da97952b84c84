"""The workspace's reference data and stations: one roster member or township saved as the center edits it,
stations with their last contact and what waits, a new station's enrollment sheet. The bodies arriving are
pydantic models with bounded fields; each check that fails says why in Chinese (CountyError)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync import certificates as certs
from sync.limits import MAX_NAME_CHARS, MAX_ORGANISATION_CHARS, MAX_PHONE_CHARS, MAX_STATION_CODE_CHARS
from sync.server import reference
from sync.server.enrollment_sheet import sheet_pdf
from sync.server.errors import CountyError, check_printable
from sync.server.stations import NO_ACTIVE_STATION

NO_APPLICATION = QT_TRANSLATE_NOOP("County", "The county has no such application.")
NO_FILE = QT_TRANSLATE_NOOP("County", "The county does not hold this material file yet.")
NO_DOCUMENT = QT_TRANSLATE_NOOP("County", "The county issued no such document.")
BAD_MEMBER = QT_TRANSLATE_NOOP("County", "The roster member is not valid: {problems}")
MEMBER_PROBLEMS = {
    "id": QT_TRANSLATE_NOOP("County", "the number is 1 to 32 letters, digits, '-' or '_'"),
    "name": QT_TRANSLATE_NOOP("County", "give the name"),
    "organisation": QT_TRANSLATE_NOOP("County", "give the firm or organisation the member works for"),
    "phone": QT_TRANSLATE_NOOP("County", "the phone number has 3 to 30 digits"),
}
BAD_TOWNSHIP = QT_TRANSLATE_NOOP("County", "Give the township's name and its registered population (at least 1).")
BAD_STATION = QT_TRANSLATE_NOOP("County", "A station has a code of 2 to 12 capital letters or digits, a name and a "
                                          "township.")
STATION_ENROLLED = QT_TRANSLATE_NOOP("County", "Station {code} is enrolled already; revoke it first to enroll a new "
                                               "laptop.")


class Member(BaseModel):
    id: str = Field(max_length=32)
    name: str = Field(max_length=MAX_NAME_CHARS)
    kind: Literal["lawyer", "law_firm", "center_staff"]
    organisation: str = Field(default="", max_length=MAX_ORGANISATION_CHARS)
    years_of_practice: int = Field(ge=0, le=reference.MAX_YEARS)
    minors_familiar: bool = False
    phone: str = Field(default="", max_length=MAX_PHONE_CHARS)
    new: bool = False  # 添加: refused when the number is taken (an edit changes the member of that number)


class Township(BaseModel):
    name: str = Field(max_length=MAX_NAME_CHARS)
    registered_population: int = Field(ge=1, le=100_000_000)


class AddStation(BaseModel):
    code: str = Field(max_length=MAX_STATION_CODE_CHARS)
    name: str = Field(max_length=MAX_ORGANISATION_CHARS)
    township: str = Field(max_length=MAX_NAME_CHARS)
    type: Literal["fixed", "mobile", "military"] = "fixed"


def save_member(store, member: Member) -> dict[str, Any]:
    """Add or change one roster member (active again); the reference version afterwards."""
    from sync.server.errors import zh

    check_printable(member.name, member.organisation, member.phone)
    problems = []
    if not reference._ID.match(member.id):
        problems.append("id")
    if not member.name.strip():
        problems.append("name")
    if member.kind != "law_firm" and not member.organisation.strip():
        problems.append("organisation")
    if member.phone and not reference._PHONE.match(member.phone):
        problems.append("phone")
    if problems:
        raise CountyError(f"bad roster member: {', '.join(problems)}", BAD_MEMBER,
                          {"problems": "；".join(zh(MEMBER_PROBLEMS[p]) for p in problems)})
    saved = reference.Member(member.id, member.name.strip(), member.kind, member.organisation.strip(),
                             member.years_of_practice, member.minors_familiar, member.phone.strip(), active=True)
    return {"version": reference.save_members(store, [saved], only_new=member.new).version}


def roster_overview(store) -> dict[str, Any]:
    """The roster as an assigner chooses from it: each member's open cases (assigned, not yet closed or ended),
    and this year's share of assignments to law-firm lawyers against the work plan's target."""
    from datetime import datetime

    from desktop.records.deadlines import CHINA, county_day
    from desktop.records.indicators import LAW_FIRM_KINDS, LAW_FIRM_SHARE, plan_targets

    conn = store.conn()
    latest = conn.execute(
        "SELECT e.application_id, json_extract(e.data, '$.lawyer_id'), json_extract(e.data, '$.assignee_kind'), "
        "e.at, (SELECT s.status FROM events s WHERE s.application_id = e.application_id AND s.status IS NOT NULL "
        "ORDER BY s.seq DESC LIMIT 1) FROM events e WHERE e.kind = 'assign' AND e.seq = (SELECT max(seq) FROM "
        "events x WHERE x.application_id = e.application_id AND x.kind = 'assign')").fetchall()
    open_cases: dict[str, int] = {}
    year = datetime.now(CHINA).year
    this_year = [kind for _app, _member, kind, at, _status in latest if getattr(county_day(at), "year", 0) == year]
    for _app, member, _kind, _at, status in latest:
        if status == "assigned" and member:
            open_cases[member] = open_cases.get(member, 0) + 1
    share = round(100 * sum(k in LAW_FIRM_KINDS for k in this_year) / len(this_year), 1) if this_year else None
    return {"members": [{**m.__dict__, "open_cases": open_cases.get(m.id, 0)} for m in reference.roster(store)],
            "law_firm_share": share, "law_firm_target": plan_targets()[LAW_FIRM_SHARE].value,
            "assigned_this_year": len(this_year)}


def save_township(store, township: Township) -> dict[str, Any]:
    check_printable(township.name)
    if not township.name.strip():
        raise CountyError("name the township", BAD_TOWNSHIP)
    return {"version": reference.set_population(store, township.name.strip(), township.registered_population)}


def station_rows(store) -> list[dict[str, Any]]:
    """Every station with its last change received and the applications waiting for the county's decision."""
    conn = store.conn()
    last = dict(conn.execute("SELECT station, max(received_at) FROM changes GROUP BY station"))
    waiting = dict(conn.execute(
        "SELECT r.station, count(*) FROM records r WHERE r.record_type = 'application' AND r.voided = 0 AND NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.application_id = r.record_id AND e.kind IN ('grant', 'refuse')) "
        "GROUP BY r.station"))
    return [{**s, "last_change_at": last.get(s["code"]), "waiting": waiting.get(s["code"], 0)}
            for s in store.list_stations()]


def add_station(store, station: AddStation) -> dict[str, Any]:
    """Register a station: its one-time enrollment code (shown once; only its hash is kept)."""
    import re

    check_printable(station.name, station.township)
    if not re.match(r"^[A-Z0-9]{2,12}$", station.code) or not station.name.strip() or not station.township.strip():
        raise CountyError("bad station", BAD_STATION)
    enrolled = store.conn().execute("SELECT 1 FROM stations WHERE code = ? AND enrolled_at IS NOT NULL AND "
                                    "revoked_at IS NULL", (station.code,)).fetchone()
    if enrolled:
        raise CountyError(f"station {station.code} is enrolled", STATION_ENROLLED, {"code": station.code})
    code = store.add_station(station.code, station.name.strip(), station.township.strip(), station.type)
    return {"code": station.code, "enrollment_code": code}


def enrollment_sheet(store, code: str, enrollment_code: str, server_url: str) -> bytes:
    """The printable sheet for a station just added (the one-time code is the caller's: the county keeps a hash)."""
    row = store.conn().execute("SELECT name, township FROM stations WHERE code = ? AND revoked_at IS NULL",
                               (code,)).fetchone()
    if row is None:
        raise CountyError(f"no active station {code}", NO_ACTIVE_STATION, {"code": code})
    return sheet_pdf(code=code, name=row[0], township=row[1], enrollment_code=enrollment_code, server_url=server_url,
                     fingerprint_hex=certs.fingerprint_hex(store.county_key.root()),
                     center=store.county_key.center_name())
