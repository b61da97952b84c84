"""The county center's API (until it has its own screens): see what stations sent, decide, fetch materials.

    GET  /v1/admin/stations                              enrolled stations
    GET  /v1/admin/applications?status=&station=&limit=&offset=   applications received, newest first
    GET  /v1/admin/applications/{number}                 one application: data, decisions, materials
    POST /v1/admin/applications/{number}/decisions       {"kind", "data"} -> the event (the CLI's `decide`);
                                                         data's fields and types are checked strictly (assign:
                                                         {"lawyer": ROSTER_ID} only: the roster's facts)
    GET  /v1/admin/files/{sha256}                        a material file the county holds (complete files only)

Every request carries `Authorization: Bearer TOKEN`: the service credential for scripts (role `service`,
sync/server/staff.py), made in the data folder (`admin_token`, readable by its owner only) and printed by
`python -m sync.server admin-token`. People use their own accounts in the county workspace (workspace.py).
Failed token checks are logged and throttled with the stations' failed authentications (one
address, AUTH_FAILURES_PER_MINUTE: sync/server/auth.py). A refused decision is 422 {"error": "refused", "message", "message_zh"}: the same checks as the CLI
(Art. 26, minors, order of decisions), in sync/server/decisions.py.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from typing import Literal

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from desktop.records import audit as audit_actions
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.limits import MAX_QUERY_INT
from sync.server.auth import Throttle, client_address
from sync.server.county_key import COUNTY_CENTER
from sync.server.errors import CountyError, words_of, zh
from sync.server.staff import SERVICE_ACCOUNT, admin_token

STATUSES = ("received", "accepted", "supplement", "granted", "refused", "assigned", "closed")

NO_TOKEN = QT_TRANSLATE_NOOP("County", "The county center's admin token is required.")
BAD_STATUS = QT_TRANSLATE_NOOP("County", "The status is one of: {statuses}")
ENUMERATION = QT_TRANSLATE_NOOP("County", ", ")
NO_APPLICATION = QT_TRANSLATE_NOOP("County", "The county has no application {number}.")
NO_FILE = QT_TRANSLATE_NOOP("County", "The county does not hold this material file yet.")


class Decision(BaseModel):
    kind: Literal["accept", "supplement", "grant", "refuse", "assign", "progress", "close", "terminate", "objection"]
    data: dict[str, Any] = Field(default_factory=dict, description="note, items, reasons, result, lawyer (a roster id) "
                                                                   "as the CLI; checked strictly by the county")


def _refused(status: int, code: str, error: CountyError) -> JSONResponse:
    return JSONResponse({"error": code, "message": str(error), "message_zh": words_of(error)},
                        status_code=status)


def admin_router(store, throttle: Throttle) -> APIRouter:
    router = APIRouter(prefix="/v1/admin", tags=["county center"])

    def authorised(request: Request, authorization: str | None) -> bool:
        address = client_address(request)
        if throttle.blocked(address):  # answered 401 like any failure: a guesser learns nothing either way
            return False
        expected = "Bearer " + admin_token(store.data_dir)
        ok = bool(authorization) and hmac.compare_digest(authorization.encode(), expected.encode())
        if not ok:
            throttle.failed(address, "admin", "no valid admin token")
        return ok

    def denied() -> JSONResponse:
        return _refused(401, "unauthenticated", CountyError("a valid admin token is required (python -m sync.server "
                                                            "admin-token); after repeated failures wait a minute",
                                                            NO_TOKEN))

    @router.get("/stations")
    async def stations(request: Request, authorization: str | None = Header(default=None)) -> Any:
        if not authorised(request, authorization):
            return denied()
        return {"stations": await run_in_threadpool(store.list_stations)}

    @router.get("/applications")
    async def applications(request: Request, status: str | None = Query(None, max_length=20),
                           station: str | None = Query(None, max_length=16), limit: int = Query(100, ge=1, le=1000),
                           offset: int = Query(0, ge=0, le=MAX_QUERY_INT),
                           authorization: str | None = Header(default=None)) -> Any:
        if not authorised(request, authorization):
            return denied()
        if status is not None and status not in STATUSES:
            return _refused(422, "bad_status", CountyError(f"status is one of {', '.join(STATUSES)}", BAD_STATUS,
                                                           {"statuses": zh(ENUMERATION).join(STATUSES)}))
        found = await run_in_threadpool(list_applications, store, status, station, limit, offset)
        return {"applications": found}

    @router.get("/applications/{number}")
    async def application(request: Request, number: str, authorization: str | None = Header(default=None)) -> Any:
        if not authorised(request, authorization):
            return denied()
        found = await run_in_threadpool(application_detail, store, number)
        if found is None:
            return _refused(404, "not_found", CountyError(f"application {number} has not reached the county",
                                                          NO_APPLICATION, {"number": number}))
        await run_in_threadpool(store.audit, SERVICE_ACCOUNT.name, audit_actions.SAW, "application", found["application_id"])
        return found

    @router.post("/applications/{number}/decisions")
    async def decide(request: Request, number: str, decision: Decision,
                     authorization: str | None = Header(default=None)) -> Any:
        if not authorised(request, authorization):
            return denied()
        try:
            # a script's decision is the center's, recorded as the service credential's (never a name it types)
            return await run_in_threadpool(lambda: store.decide(decision.kind, number, decision.data, COUNTY_CENTER,
                                                                account=SERVICE_ACCOUNT.name))
        except CountyError as exc:
            return _refused(422, "refused", exc)

    @router.get("/files/{sha256}")
    async def file(sha256: str, request: Request, authorization: str | None = Header(default=None)) -> Any:
        from sync.server.files import valid_sha256

        if not authorised(request, authorization):
            return denied()
        if not valid_sha256(sha256) or not store.files.has(sha256):
            return _refused(404, "not_found", CountyError("the county does not hold this file (yet)", NO_FILE))
        media_type, name = await run_in_threadpool(_media_type_and_name, store, sha256)
        await run_in_threadpool(store.audit, SERVICE_ACCOUNT.name, audit_actions.DOWNLOADED, "file", sha256)
        return await run_in_threadpool(store.files.answer, sha256, media_type, name)

    return router


def list_applications(store, status: str | None, station: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Applications the county received (latest version), newest received first, with their county status."""
    sql = ("SELECT r.station, r.record_id, coalesce(r.number, json_extract(r.data, '$.number')) AS number, "
           "r.version, r.voided, r.data, "
           "(SELECT e.status FROM events e WHERE e.application_id = r.record_id AND e.status IS NOT NULL "
           " ORDER BY e.seq DESC LIMIT 1) AS status FROM records r WHERE r.record_type = 'application'")
    params: list[Any] = []
    if station:
        sql += " AND r.station = ?"
        params.append(station)
    sql = f"SELECT * FROM ({sql})"
    if status:
        sql += " WHERE coalesce(status, 'received') = ?"
        params.append(status)
    sql += " ORDER BY json_extract(data, '$.received_at') DESC, number DESC LIMIT ? OFFSET ?"
    params += [limit, offset]
    rows = store.conn().execute(sql, params).fetchall()
    out = []
    for station_code, record_id, number, version, voided, data, current in rows:
        app = json.loads(data)
        out.append({"number": number, "station": station_code, "application_id": record_id, "version": version,
                    "voided": bool(voided), "status": current or "received", "name": app.get("name"),
                    "received_at": app.get("received_at"), "case_type": app.get("case_type")})
    return out


def application_detail(store, number: str) -> dict[str, Any] | None:
    row = store.conn().execute("SELECT station, record_id, version, voided, data FROM records "
                               "WHERE record_type = 'application' AND coalesce(number, json_extract(data, '$.number')) = ? "
                               "ORDER BY voided LIMIT 1", (number,)).fetchone()
    if row is None:
        return None
    station, record_id, version, voided, data = row
    events = store.conn().execute("SELECT seq, kind, status, at, by, data FROM events WHERE application_id = ? "
                                  "ORDER BY seq", (record_id,)).fetchall()
    status = next((e[2] for e in reversed(events) if e[2]), None)
    return {"number": number, "station": station, "application_id": record_id, "version": version,
            "voided": bool(voided), "status": status or "received", "data": json.loads(data),
            "decisions": [{"seq": e[0], "kind": e[1], "status": e[2], "at": e[3], "by": e[4], "data": json.loads(e[5])}
                          for e in events],
            "materials": store.files.attachments_of("application", record_id)}


def _media_type_and_name(store, sha256: str) -> tuple[str, str]:
    """The file's type and the name the clerk gave it: the first attachment naming it from a station that delivered its
    bytes (any station may name a hash in a manifest, and one that never had the file must not name it here)."""
    row = store.conn().execute("SELECT a.media_type, a.original_name FROM attachments a JOIN file_holders h "
                               "ON h.station = a.station AND h.sha256 = a.sha256 WHERE a.sha256 = ? "
                               "ORDER BY a.rowid LIMIT 1", (sha256,)).fetchone()
    if not row:
        return "application/octet-stream", sha256
    return row[0] or "application/octet-stream", row[1] or sha256
