"""The county workspace's API: the center's staff, logged in with their own accounts (sync/server/staff.py).

    POST /v1/workspace/login                          {"name", "password"} -> {"token", "account", ...}
    POST /v1/workspace/logout                         ends the session
    GET  /v1/workspace/me                             the account of the session
    GET  /v1/workspace/counts                         the navigation's numbers (queue.counts)
    GET  /v1/workspace/queue?station=&status=&case_type=&group=&deadline=&text=&page=   one page of the queue
    GET  /v1/workspace/consultations?text=&station=&page=   the consultations received, found by name or words
    GET  /v1/workspace/applications/{id}              one application in full (queue.application_view)
    POST /v1/workspace/applications/{id}/decisions    {"kind", "data", "expected_version"} -> the event;
                                                      409 {"error": "stale", "events": [...]} when another
                                                      decision came after the view, and nothing changes
    GET  /v1/workspace/files/{sha256}                 a material file the county holds
    GET  /v1/workspace/documents/{sha256}             a document the county issued (signed PDF)
    GET|POST /v1/workspace/roster, POST /v1/workspace/roster/{id}/deactivate   (GET: with each member's open
                                                      cases and this year's law-firm share against the plan)
    GET|POST /v1/workspace/townships
    GET|POST /v1/workspace/stations, POST /v1/workspace/stations/{code}/revoke, POST .../{code}/sheet
    GET|POST /v1/workspace/accounts, POST /v1/workspace/accounts/{name}/deactivate
    GET  /v1/workspace/measures?from=&to=&chart=&township=&station=   the plan's measures (measures.overview)
    GET  /v1/workspace/measures/records?from=&to=&key=&township=&station=&page=   the applications behind a figure
    GET  /v1/workspace/reports/{kind}?from=&to=&format=&type=   a report as the county's CLI writes it (a file)
    GET  /v1/workspace/complaints?state=&station=&page=   the complaints ledger of every station
    GET  /v1/workspace/complaints/{id}                one complaint with the center's handling
    POST /v1/workspace/complaints/{id}/handling       {"kind": "step"|"answer", "text", "answered_on",
                                                      "reply_method", "satisfaction", "steps_seen"}: the center's
                                                      step or answer (refused when the steps are not steps_seen)

Every request but login carries `Authorization: Bearer TOKEN`: a session's token, or the data folder's
service credential (scripts). Each route checks its right (county_rules.ROLE_RIGHTS); a decision records the
session's account and the person's name, never a name the caller gives. Every refusal is JSON
{"error", "message", "message_zh"} with the reason in Chinese for the person at the screen.
"""

from __future__ import annotations

import base64
import hmac
from dataclasses import asdict
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sync.limits import (MAX_ACCOUNT_NAME_CHARS, MAX_COMPLAINT_STEP_CHARS, MAX_COMPLAINT_STEPS, MAX_FILTER_CHARS,
                         MAX_NAME_CHARS, MAX_PASSWORD_CHARS, MAX_QUERY_INT, MAX_ROSTER_IMPORT_BODY_BYTES,
                         MAX_STATION_CODE_CHARS)
from sync.server import complaint_handling, measures
from sync.server import queue as center_queue
from sync.server import reference
from sync.server.auth import Throttle, client_address
from sync.server.decisions import DECISION_WORDS, StaleDecision
from sync.server.escrow import escrowed_stations
from sync.server.errors import CountyError, words_of, zh
from sync.server.staff import (
    BAD_LOGIN,
    EXPIRED,
    NOT_ALLOWED,
    RIGHT_WORDS,
    ROLE_NAMES,
    SERVICE_ACCOUNT,
    THROTTLED,
    Account,
    admin_token,
)
from sync.server.workspace_data import (
    AddStation,
    Member,
    NO_DOCUMENT,
    NO_FILE,
    NO_APPLICATION,
    Township,
    add_station,
    enrollment_sheet,
    roster_overview,
    save_member,
    save_township,
    station_rows,
)

MeasureKey = Literal[measures.MEASURES]  # type: ignore[valid-type]
ReportKind = Literal["LIST", "INDICATORS", "12348-QUARTERLY", "COMPLAINTS", "CASE-STATISTICS", "TYPICAL-CASES"]
ListType = Literal["consultation", "application", "follow_up", "court_attendance", "quality_evaluation", "closure",
                   "complaint", "outreach_event"]
REPORT_TYPES = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# the period and choices of the measures and reports, as query parameters (one object each: FastAPI reads them)
FROM, TO = Query(..., alias="from"), Query(..., alias="to")
CHART, REPORT_FORMAT, LIST_TYPE = Query("cases"), Query("xlsx"), Query("application", alias="type")
DecisionKind = Literal["accept", "supplement", "grant", "refuse", "assign", "progress", "close", "terminate",
                       "objection"]


class Login(BaseModel):
    name: str = Field(max_length=MAX_ACCOUNT_NAME_CHARS)
    password: str = Field(max_length=MAX_PASSWORD_CHARS)


class Decision(BaseModel):
    kind: DecisionKind
    data: dict[str, Any] = Field(default_factory=dict)
    expected_version: int = Field(ge=0, le=MAX_QUERY_INT)


class RosterFile(BaseModel):
    csv_base64: str = Field(max_length=MAX_ROSTER_IMPORT_BODY_BYTES)


class HandlingStep(BaseModel):
    kind: Literal["step", "answer"]
    text: str = Field(max_length=MAX_COMPLAINT_STEP_CHARS)
    answered_on: date | None = None
    reply_method: str | None = Field(default=None, max_length=20)
    satisfaction: str | None = Field(default=None, max_length=20)
    steps_seen: int | None = Field(default=None, ge=0, le=MAX_COMPLAINT_STEPS)  # refused if the steps are others now


class Revoke(BaseModel):
    reason: str = Field(default="", max_length=200)


class Sheet(BaseModel):
    enrollment_code: str = Field(max_length=32)
    server_url: str = Field(max_length=200)


class AccountIn(BaseModel):
    name: str = Field(max_length=MAX_ACCOUNT_NAME_CHARS)
    display_name: str = Field(max_length=MAX_NAME_CHARS)
    roles: list[str] = Field(max_length=6)
    password: str | None = Field(default=None, max_length=MAX_PASSWORD_CHARS)
    new: bool = False  # 添加: refused when the name is taken (an edit changes the account of that name)


def refused(status: int, code: str, error: CountyError, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": str(error), "message_zh": words_of(error), **extra},
                        status_code=status)


def workspace_router(store, throttle: Throttle) -> APIRouter:
    router = APIRouter(prefix="/v1/workspace", tags=["county workspace"])

    class Denied(Exception):
        def __init__(self, response: JSONResponse):
            self.response = response

    def who(request: Request, authorization: str | None, right: str, action: str | None = None) -> Account:
        """The session's account, when it holds `right`; Denied otherwise (expired, unknown, not allowed)."""
        # A token is 256 random bits, never guessed: an ended session is not a failed login, so a screen that
        # keeps asking with it is told to log in again, and never makes its computer wait (only logins are throttled)
        token = authorization[7:].strip() if authorization and authorization.startswith("Bearer ") else ""
        account = store.staff.session(token) if token else None
        if account is None and token and hmac.compare_digest(token.encode(), admin_token(store.data_dir).encode()):
            account = SERVICE_ACCOUNT
        if account is None:
            raise Denied(refused(401, "session_expired", CountyError("no live session", EXPIRED)))
        if not account.may(right):
            words = action or RIGHT_WORDS.get(right) or DECISION_WORDS.get(right, right)
            raise Denied(refused(403, "forbidden", CountyError(f"{account.name} may not {right}", NOT_ALLOWED, {
                "roles": "、".join(zh(ROLE_NAMES[r]) for r in account.roles), "action": zh(words)})))
        return account

    async def guarded(request: Request, authorization: str | None, right: str, work, *args) -> Any:
        try:
            await run_in_threadpool(who, request, authorization, right)
        except Denied as denied:
            return denied.response
        try:
            return await run_in_threadpool(work, *args)
        except CountyError as exc:
            return refused(422, "refused", exc)

    @router.post("/login")
    async def login(request: Request, body: Login) -> Any:
        address = client_address(request)
        if throttle.blocked(address):
            return refused(429, "throttled", CountyError("too many failed logins", THROTTLED))
        found = await run_in_threadpool(store.staff.login, body.name, body.password)
        if found is None:
            throttle.failed(address, body.name[:32], "wrong account name or password")
            return refused(401, "bad_login", CountyError("wrong account name or password", BAD_LOGIN))
        token, account = found
        from sync.limits import SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS

        return {"token": token, "account": account.as_dict(), "idle_seconds": SESSION_IDLE_SECONDS,
                "max_seconds": SESSION_MAX_SECONDS, "center": store.county_key.center_name()}

    @router.post("/logout")
    async def logout(authorization: str | None = Header(default=None)) -> Any:
        token = authorization[7:].strip() if authorization and authorization.startswith("Bearer ") else ""
        if token:
            await run_in_threadpool(store.staff.logout, token)
        return {"ok": True}

    @router.get("/me")
    async def me(request: Request, authorization: str | None = Header(default=None)) -> Any:
        try:
            account = await run_in_threadpool(who, request, authorization, "view")
        except Denied as denied:
            return denied.response
        return {"account": account.as_dict(), "center": store.county_key.center_name()}

    @router.get("/counts")
    async def counts(request: Request, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", center_queue.counts, store)

    @router.get("/queue")
    async def queue(request: Request, station: str | None = Query(None, max_length=MAX_STATION_CODE_CHARS),
                    status: Literal[center_queue.STATUS_FILTERS] | None = Query(None),  # type: ignore[valid-type]
                    case_type: str | None = Query(None, max_length=MAX_FILTER_CHARS),
                    group: Literal[center_queue.GROUPS] | None = Query(None),  # type: ignore[valid-type]
                    deadline: Literal[center_queue.DEADLINE_STATES] | None = Query(None),  # type: ignore[valid-type]
                    text: str | None = Query(None, max_length=MAX_FILTER_CHARS),
                    page: int = Query(1, ge=1, le=100_000), authorization: str | None = Header(default=None)) -> Any:
        filters = center_queue.QueueFilters(station, status, case_type, group, deadline, text, page)
        return await guarded(request, authorization, "view", center_queue.queue, store, filters)

    @router.get("/consultations")
    async def consultations(request: Request, text: str | None = Query(None, max_length=MAX_FILTER_CHARS),
                            station: str | None = Query(None, max_length=MAX_STATION_CODE_CHARS),
                            page: int = Query(1, ge=1, le=100_000),
                            authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", center_queue.consultations, store, text, station, page)

    @router.get("/applications/{application_id}")
    async def application(request: Request, application_id: str, authorization: str | None = Header(default=None)
                          ) -> Any:
        found = await guarded(request, authorization, "view", center_queue.application_view, store, application_id)
        if found is None:
            return refused(404, "not_found", CountyError("no such application", NO_APPLICATION))
        return found

    @router.post("/applications/{application_id}/decisions")
    async def decide(request: Request, application_id: str, decision: Decision,
                     authorization: str | None = Header(default=None)) -> Any:
        try:
            account = await run_in_threadpool(who, request, authorization, decision.kind)
        except Denied as denied:
            return denied.response
        try:
            return await run_in_threadpool(
                lambda: store.decide(decision.kind, None, decision.data, account.display_name,
                                     application_id=application_id, expected=decision.expected_version,
                                     account=account.name))
        except StaleDecision as stale:
            return refused(409, "stale", stale, events=stale.events)
        except CountyError as exc:
            return refused(422, "refused", exc)

    @router.get("/files/{sha256}")
    async def material(request: Request, sha256: str, authorization: str | None = Header(default=None)) -> Any:
        from sync.server.files import valid_sha256

        try:
            await run_in_threadpool(who, request, authorization, "view")
        except Denied as denied:
            return denied.response
        if not valid_sha256(sha256) or not store.files.has(sha256):
            return refused(404, "not_found", CountyError("the county does not hold this file", NO_FILE))
        return await run_in_threadpool(store.files.answer, sha256)

    @router.get("/documents/{sha256}")
    async def document(request: Request, sha256: str, authorization: str | None = Header(default=None)) -> Any:
        found = await guarded(request, authorization, "view", lambda: store.issuer.document(store.conn(), sha256))
        if isinstance(found, Response):
            return found
        if found is None:
            return refused(404, "not_found", CountyError("no such issued document", NO_DOCUMENT))
        return Response(found, media_type="application/pdf")

    # -- the plan's measures and reports ----------------------------------------------------------

    @router.get("/measures")
    async def measures_overview(request: Request, date_from: date = FROM,
                                date_to: date = TO, chart: MeasureKey = CHART,
                                township: str | None = Query(None, max_length=MAX_FILTER_CHARS),
                                station: str | None = Query(None, max_length=MAX_STATION_CODE_CHARS),
                                authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", measures.overview, store, date_from, date_to, chart,
                             measures.Scope(township, station), center_queue.today_in_china())

    @router.get("/measures/records")
    async def measure_records(request: Request, key: MeasureKey, date_from: date = FROM,
                              date_to: date = TO,
                              township: str | None = Query(None, max_length=MAX_FILTER_CHARS),
                              station: str | None = Query(None, max_length=MAX_STATION_CODE_CHARS),
                              page: int = Query(1, ge=1, le=100_000),
                              authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", measures.figure_records, store, date_from, date_to, key,
                             measures.Scope(township, station), page, center_queue.today_in_china())

    @router.get("/reports/{kind}")
    async def report(request: Request, kind: ReportKind, date_from: date = FROM,
                     date_to: date = TO, format: Literal["pdf", "xlsx", "csv"] = REPORT_FORMAT,
                     record_type: ListType = LIST_TYPE,
                     authorization: str | None = Header(default=None)) -> Any:
        found = await guarded(request, authorization, "reports", measures.report_file, store, kind, date_from,
                              date_to, format, record_type)
        if isinstance(found, Response):
            return found
        return Response(found, media_type=REPORT_TYPES[format])

    # -- the complaints ledger --------------------------------------------------------------------

    @router.get("/complaints")
    async def complaints(request: Request,
                         state: Literal[complaint_handling.STATES] | None = Query(None),  # type: ignore[valid-type]
                         station: str | None = Query(None, max_length=MAX_STATION_CODE_CHARS),
                         page: int = Query(1, ge=1, le=100_000),
                         authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", complaint_handling.ledger, store, state, station, page)

    @router.get("/complaints/{complaint_id}")
    async def complaint(request: Request, complaint_id: str, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", complaint_handling.complaint_view, store, complaint_id)

    @router.post("/complaints/{complaint_id}/handling")
    async def complaint_step(request: Request, complaint_id: str, step: HandlingStep,
                             authorization: str | None = Header(default=None)) -> Any:
        try:
            account = await run_in_threadpool(who, request, authorization, "complaints")
        except Denied as denied:
            return denied.response
        try:
            return await run_in_threadpool(
                complaint_handling.handle, store, complaint_id, step.kind, step.text, step.answered_on,
                step.reply_method, step.satisfaction, account.display_name, account.name, steps_seen=step.steps_seen)
        except CountyError as exc:
            return refused(422, "refused", exc)

    # -- reference data and stations --------------------------------------------------------------

    @router.get("/roster")
    async def roster(request: Request, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", roster_overview, store)

    @router.post("/roster")
    async def roster_save(request: Request, member: Member, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "roster", save_member, store, member)

    @router.post("/roster/import")
    async def roster_import(request: Request, body: RosterFile, authorization: str | None = Header(default=None)) -> Any:
        """A roster CSV: every member added or updated in one transaction, or every bad line named and nothing changed."""
        def bad_rows(exc: reference.RosterImportError) -> JSONResponse:
            return refused(422, "bad_rows", exc, problems=[[line, reason] for line, reason in exc.problems])

        try:
            data = base64.b64decode(body.csv_base64, validate=True)
        except ValueError:
            return bad_rows(reference.RosterImportError([(1, zh(reference.NOT_SENT_WHOLE))]))

        def run() -> Any:
            try:
                return asdict(reference.import_roster_file(store, data))
            except reference.RosterImportError as exc:
                return bad_rows(exc)

        return await guarded(request, authorization, "roster", run)

    @router.post("/roster/{member_id}/deactivate")
    async def roster_off(request: Request, member_id: str, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "roster",
                             lambda: {"version": reference.deactivate(store, member_id)})

    @router.get("/townships")
    async def townships(request: Request, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "view", lambda: {"townships": reference.townships(store)})

    @router.post("/townships")
    async def township_save(request: Request, township: Township, authorization: str | None = Header(default=None)
                            ) -> Any:
        return await guarded(request, authorization, "townships", save_township, store, township)

    @router.get("/stations")
    async def stations(request: Request, authorization: str | None = Header(default=None)) -> Any:
        def rows() -> dict[str, Any]:
            escrowed = escrowed_stations(store.db)  # who the center can recover (sync/server/escrow.py)
            return {"stations": [{**s, "escrowed_at": escrowed.get(s["code"])} for s in station_rows(store)]}

        return await guarded(request, authorization, "view", rows)

    @router.post("/stations/{code}/recover")
    async def station_recover(request: Request, code: str, authorization: str | None = Header(default=None)) -> Any:
        """A recovery file for a station that lost every password and its recovery key, and its one-time key:
        the center's head or an administrator, recorded under their account in the county's audit log."""
        try:
            account = await run_in_threadpool(who, request, authorization, "recover")
        except Denied as denied:
            return denied.response
        try:
            recovery, key = await run_in_threadpool(store.recover_station, code[:MAX_STATION_CODE_CHARS],
                                                    account.name)
        except CountyError as exc:
            return refused(422, "refused", exc)
        return {"recovery": recovery, "key": key}

    @router.post("/stations")
    async def station_add(request: Request, station: AddStation, authorization: str | None = Header(default=None)
                          ) -> Any:
        return await guarded(request, authorization, "stations", add_station, store, station)

    @router.post("/stations/{code}/revoke")
    async def station_revoke(request: Request, code: str, body: Revoke,
                             authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "stations",
                             lambda: store.revoke_station(code, body.reason) or {"ok": True})

    @router.post("/stations/{code}/sheet")
    async def station_sheet(request: Request, code: str, body: Sheet,
                            authorization: str | None = Header(default=None)) -> Any:
        found = await guarded(request, authorization, "stations", enrollment_sheet, store, code, body.enrollment_code,
                              body.server_url)
        return found if isinstance(found, Response) else Response(found, media_type="application/pdf")

    # -- accounts ---------------------------------------------------------------------------------

    @router.get("/accounts")
    async def accounts(request: Request, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "accounts",
                             lambda: {"accounts": [a.as_dict() for a in store.staff.accounts()]})

    @router.post("/accounts")
    async def account_save(request: Request, body: AccountIn, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "accounts", lambda: {"account": store.staff.save(
            body.name, body.display_name, body.roles, body.password, new=body.new).as_dict()})

    @router.post("/accounts/{name}/deactivate")
    async def account_off(request: Request, name: str, authorization: str | None = Header(default=None)) -> Any:
        return await guarded(request, authorization, "accounts", lambda: store.staff.deactivate(name) or {"ok": True})

    return router
