"""The county server's HTTP API (FastAPI). Its OpenAPI schema is not served (nothing about the server is
public before authentication); `create_app(...).openapi()` gives it to the tests and to developers.

    GET  /v1/root              the county root certificate (PEM): a station compares its fingerprint with the
                               enrollment sheet before it sends its one-time code
    POST /v1/enroll            {"code", "station_code", "public_key", "document_request"} -> the root, the county's
                               sync certificate and the station's two certificates (unsigned request, over TLS)
    POST /v1/certificates      gzip JSON {"document_request"} -> the same, renewed (signed request)
    POST /v1/audit             the head of the station's audit log (signed request): {"verdict", "seen"}
    POST /v1/changes           gzip canonical JSON batch -> per-change acknowledgements (signed request); 503 "busy"
                               with {"retry_after": N} (and Retry-After) when the county cannot store it in time;
                               the answer's "pipeline": N lets a station have N batches in flight, each naming its
                               {"order": {"round", "n"}} (sync/server/batch_order.py; 409 "out_of_order")
    GET  /v1/events?after=N    the county's decisions for the calling station after cursor N (signed request)
    GET  /v1/reference?since=V the roster and townships' registered population (sync/server/reference.py):
                               {"version", "updated_at", "lawyers", "townships"}, or {"version", "unchanged": true}
                               when V is the current version (signed request)
    GET  /v1/changes?after=N   the calling station's own changes back, for recovering a lost laptop (signed)
    GET  /v1/files/{sha256}/content   one of the station's own complete files back (signed request)
    GET  /v1/files/{sha256}    where the upload of an attachment file stands (signed request)
    PUT  /v1/files/{sha256}?offset=N   one chunk of an attachment file, appended at N (signed request); 503 "busy"
                               as above when other stations' chunks fill the county's bytes in flight
    GET  /v1/health            liveness and the server's clock
    /v1/admin/...              the county center's API for scripts (the service credential): applications,
                               decisions, files (sync/server/admin.py)
    /v1/workspace/...          the county workspace's API: staff accounts and sessions, the queue, decisions,
                               issued documents, roster, townships, stations (sync/server/workspace.py)
    GET  /v1/documents/{sha256} a document the county issued on one of the calling station's applications (signed)

Every station request is authenticated from its headers before its body is read, bounded by
sync/limits.py, and answered with a county signature bound to the request (sync/server/auth.py).
Malformed input of any kind is a 4xx answer, never a 500 (the hostile-station tests run schemathesis
over the schema). SQLite and file work runs in the thread pool (`run_in_threadpool`), never on the event loop, so one
station's batch or fsync never stalls the others' requests.

Errors are JSON {"error": CODE, "message": English, "message_zh": Chinese for the clerk} (sync/server/errors.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from sync.certificates import pem
from sync.limits import (
    MAX_ATTACHMENT_BYTES,
    MAX_BATCH_BODY_BYTES,
    MAX_ROSTER_IMPORT_BODY_BYTES,
    MAX_BATCH_CHANGES,
    MAX_CERTIFICATE_REQUEST_CHARS,
    MAX_CHANGES_PAGE,
    MAX_CHUNK_BYTES,
    MAX_EVENTS_PAGE,
    MAX_QUERY_INT,
    MAX_SMALL_BODY_BYTES,
    MAX_STATION_CODE_CHARS,
)
from sync.protocol import PROTOCOL_VERSION, SKEW_WARNING_SECONDS, decode_json_gzip, unb64
from sync.server import reference
from sync.server.admission import Admission, WorkerThreads, chunk_cost, upload_admission
from sync.server.audit import check_claim_shape
from sync.server.batch_order import BatchOrder, OutOfOrder, Turn, place_of
from sync.server.auth import BodyLimit, Refused, StationGate, Throttle
from sync.server.county import CountyStore
from sync.server.data_key import sqlite3
from sync.server.errors import CountyError, refusal
from sync.server.escrow import check_escrow_shape
from sync.server.files import valid_sha256
from sync.server.stations import OTHER_STATION

log = logging.getLogger("sync.server")
STORE_FAILED_RETRY_SECONDS = 10  # a batch whose transaction failed is asked again this much later

Cursor = Query(0, ge=0, le=MAX_QUERY_INT)


class EnrollRequest(BaseModel):
    code: str = Field(max_length=64)
    station_code: str = Field(max_length=MAX_STATION_CODE_CHARS)
    public_key: str = Field(max_length=128)  # base64 of the raw 32-byte Ed25519 public key
    # PEM certificate request of the station's P-256 document key (about 500 characters)
    document_request: str = Field(max_length=MAX_CERTIFICATE_REQUEST_CHARS)


def body_limit(path: str) -> int:
    """The largest body a route takes (sync/limits.py): a chunk, a batch, an enrollment, a certificate request,
    an admin decision."""
    if path.startswith("/v1/files/"):
        return MAX_CHUNK_BYTES
    if path == "/v1/changes":
        return MAX_BATCH_BODY_BYTES
    if path == "/v1/workspace/roster/import":
        return MAX_ROSTER_IMPORT_BODY_BYTES
    return MAX_SMALL_BODY_BYTES


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(refusal(code, message), status_code=status)


def create_app(data_dir: Path, admission: Admission | None = None, uploads: Admission | None = None) -> FastAPI:
    """`admission`: the write queue's admission control for change batches, `uploads` for file chunks' bytes
    (sync/server/admission.py)."""
    store = CountyStore(data_dir)
    if not store.initialised:  # a new county, or one from before the root: make what is missing
        store.init()
    app = FastAPI(title="法律援助 county sync server", version=str(PROTOCOL_VERSION),
                  description="Stations push their change log and pull the county's decisions. See sync/protocol.py.",
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    throttle = Throttle()
    gate = StationGate(store, throttle)
    # the stations' batches in flight, stored in the order each station made them (a window of 1 answers as a
    # county from before the capability: no "pipeline" offered)
    order = app.state.order = BatchOrder()
    app.state.gate = gate
    admission = admission or Admission()
    app.state.admission = admission
    uploads = uploads or upload_admission()
    app.state.uploads = uploads
    # Answers (acks, events) are compressed when the client accepts it; the county signs the
    # uncompressed bytes, which is what the client reads after decoding.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit, limit_for=body_limit)
    app.add_middleware(WorkerThreads)  # the county's memory: threads, each with its county.db connection and cache

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, exc: RequestValidationError) -> Response:
        detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors())
        if request.url.path.startswith(("/v1/admin", "/v1/workspace")):
            return _error(422, "bad_request", detail[:500])
        return gate.answer(request, refusal("bad_request", detail[:500]), 422)

    def status_payload(caller) -> dict[str, Any]:
        # the station's clock as it measured it: the county only reports it (it orders nothing by it)
        return {"clock_skew_seconds": caller.clock_offset,
                "clock_warning": abs(caller.clock_offset) > SKEW_WARNING_SECONDS}

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        return {"ok": True, "protocol": PROTOCOL_VERSION, "server_time": int(time.time()),
                "county_key_id": store.key().key_id, "root_fingerprint": store.county_key.fingerprint()}

    @app.get("/v1/root")
    def root() -> Response:
        return Response(pem(store.county_key.root()), media_type="application/x-pem-file")

    @app.post("/v1/enroll")
    def enroll(request: EnrollRequest) -> Any:
        try:
            public_key = unb64(request.public_key)
            return store.enroll(request.code, public_key, request.station_code, request.document_request)
        except ValueError as exc:
            return _error(403, "enrollment_refused", str(exc))
        except CountyError as exc:
            if exc.message == OTHER_STATION:  # the station says which station the code is for
                return JSONResponse({"error": "other_station", "message": str(exc), "message_zh": exc.message_zh},
                                    status_code=403)
            return _error(403, "enrollment_refused", str(exc))

    @app.post("/v1/certificates")
    async def certificates(request: Request) -> Any:
        """New certificates for the calling station (one enrolled before the root, or renewing): authenticated
        and bounded before its body is read, and answered bound to the request, as every station request."""
        try:
            caller = await gate.authenticate(request, MAX_SMALL_BODY_BYTES)
            body = await gate.read_body(request, caller)
            try:
                asked = decode_json_gzip(body, MAX_SMALL_BODY_BYTES)
            except ValueError as exc:
                raise Refused(400, "bad_request", f"unreadable certificate request: {exc}") from exc
            if not isinstance(asked, dict) or not isinstance(asked.get("document_request"), str):
                raise Refused(400, "bad_request", "the certificate request has no document_request")
            if len(asked["document_request"]) > MAX_CERTIFICATE_REQUEST_CHARS:
                raise Refused(413, "too_large", f"a certificate request is at most {MAX_CERTIFICATE_REQUEST_CHARS} "
                                                "characters")
        except Refused as refused:
            return gate.refused(request, refused)
        public_key, _revoked = await run_in_threadpool(store.station_key, caller.station)
        try:
            answer = await run_in_threadpool(store.renew, caller.station, public_key, asked["document_request"])
        except CountyError as exc:
            return gate.answer(request, refusal("enrollment_refused", str(exc)), 403)
        return gate.answer(request, answer)

    @app.post("/v1/audit")
    async def audit_head(request: Request) -> Any:
        """The head of the calling station's audit log, compared with what the county saw (sync/server/audit.py)."""
        try:
            caller = await gate.authenticate(request, MAX_SMALL_BODY_BYTES)
            body = await gate.read_body(request, caller)
            try:
                claim = decode_json_gzip(body, MAX_SMALL_BODY_BYTES)
                check_claim_shape(claim)
            except ValueError as exc:
                raise Refused(400, "bad_request", f"unreadable audit head: {exc}") from exc
        except Refused as refused:
            return gate.refused(request, refused)
        return gate.answer(request, await run_in_threadpool(store.check_audit, caller.station, claim))

    @app.post("/v1/escrow")
    async def escrow(request: Request) -> Any:
        """The calling station's escrowed data key, or its withdrawal (sync/server/escrow.py)."""
        try:
            caller = await gate.authenticate(request, MAX_SMALL_BODY_BYTES)
            body = await gate.read_body(request, caller)
            try:
                doc = check_escrow_shape(decode_json_gzip(body, MAX_SMALL_BODY_BYTES))
            except ValueError as exc:
                raise Refused(400, "bad_request", f"unreadable escrow: {exc}") from exc
        except Refused as refused:
            return gate.refused(request, refused)
        return gate.answer(request, await run_in_threadpool(store.keep_escrow, caller.station, doc))

    def busy(request: Request, retry_after: int) -> Response:
        """Come back in `retry_after` s: signed and bound to the request like every answer (the station believes
        the signed body's figure, bounded; Retry-After is there for any HTTP client)."""
        answer = gate.answer(request, {**refusal("busy", "the county is storing other stations' data"),
                                       "retry_after": retry_after}, 503)
        answer.headers["Retry-After"] = str(retry_after)
        return answer

    @app.post("/v1/changes")
    async def changes(request: Request) -> Any:
        # decided from the queue's depth alone, before the signature check (no nonce written, nothing read):
        # a busy county spends almost nothing on a station it turns away
        retry_after = admission.admit()
        if retry_after:
            return busy(request, retry_after)
        try:
            return await store_batch(request)
        finally:
            admission.done()

    async def store_batch(request: Request) -> Response:
        try:
            # its nonce is written in the batch's own transaction: one fsync for both (sync/server/nonces.py)
            caller = await gate.authenticate(request, MAX_BATCH_BODY_BYTES, deferred=True)
        except Refused as refused:
            return gate.refused(request, refused)
        try:
            return await stored_batch(request, caller)
        finally:
            await gate.settle(caller)

    async def stored_batch(request: Request, caller) -> Response:
        try:
            body = await gate.read_body(request, caller)
            try:  # up to 4 MB inflated and parsed: on a worker thread, not the loop every request waits on
                batch = await run_in_threadpool(decode_json_gzip, body)
            except ValueError as exc:
                raise Refused(400, "bad_batch", f"unreadable batch: {exc}") from exc
            if not isinstance(batch, dict) or not isinstance(batch.get("changes"), list):
                raise Refused(400, "bad_batch", "the batch has no list of changes")
            if len(batch["changes"]) > MAX_BATCH_CHANGES:
                raise Refused(413, "too_large", f"more than {MAX_BATCH_CHANGES} changes in one batch")
            try:  # a batch among several in flight: stored after the station's earlier ones (batch_order.py)
                place = place_of(batch)
                if place is not None:
                    order.admit(caller.station, place)
            except OutOfOrder as exc:
                raise Refused(409, "out_of_order", str(exc)) from exc
        except Refused as refused:
            return gate.refused(request, refused)
        turn = Turn(order, caller.station, place) if place is not None else None
        stored = False
        try:
            acks = await run_in_threadpool(store.apply_changes, caller.station, batch["changes"],
                                           max(0, caller.clock_offset), caller.nonce, turn)
            stored = True
        except OutOfOrder as exc:
            return gate.refused(request, Refused(409, "out_of_order", str(exc)))
        except sqlite3.Error:  # its group's transaction failed (the disk): nothing of it was stored, none acknowledged
            log.exception("storing a batch of %s failed", caller.station)
            return busy(request, STORE_FAILED_RETRY_SECONDS)  # the station sends it again, in a new round
        finally:
            if place is not None:
                order.finished(caller.station, place, stored)
        offered = {"pipeline": order.window} if order.window > 1 else {}
        return gate.answer(request, {"acks": acks, **offered, **status_payload(caller)})

    @app.get("/v1/events")
    async def events(request: Request, after: int = Cursor, limit: int = Query(500, ge=1, le=MAX_EVENTS_PAGE)) -> Any:
        try:
            caller = await gate.authenticate(request)
        except Refused as refused:
            return gate.refused(request, refused)
        found, cursor, more = await run_in_threadpool(store.events_after, caller.station, after, limit)
        return gate.answer(request, {"events": found, "cursor": cursor, "more": more, **status_payload(caller)})

    @app.get("/v1/reference")
    async def reference_data(request: Request, since: int | None = Query(None, ge=0, le=MAX_QUERY_INT)) -> Any:
        try:
            await gate.authenticate(request)
        except Refused as refused:
            return gate.refused(request, refused)
        payload = await run_in_threadpool(reference.reference_payload, store, since)
        return gate.answer(request, payload)

    @app.get("/v1/changes")
    async def own_changes(request: Request, after: int = Cursor,
                          limit: int = Query(500, ge=1, le=MAX_CHANGES_PAGE)) -> Any:
        """This station's own changes back (a new laptop recovering the station's data)."""
        try:
            caller = await gate.authenticate(request)
        except Refused as refused:
            return gate.refused(request, refused)
        found, cursor, more = await run_in_threadpool(store.station_changes, caller.station, after, limit)
        return gate.answer(request, {"changes": found, "cursor": cursor, "more": more})

    @app.get("/v1/files/{sha256}/content")
    async def file_content(request: Request, sha256: str) -> Any:
        """A complete material file of this station (content-addressed: the station checks its hash)."""
        try:
            caller = await gate.authenticate(request)
        except Refused as refused:
            return gate.refused(request, refused)
        if not valid_sha256(sha256):
            return gate.answer(request, refusal("bad_file", "not a SHA-256"), 404)
        state = await run_in_threadpool(store.files.state, caller.station, sha256)
        if state.status != "complete":
            return gate.answer(request, refusal("bad_file", "the county holds no complete file of this station "
                                                            "with this hash"), 404)
        return await run_in_threadpool(store.files.answer, sha256)

    @app.get("/v1/documents/{sha256}")
    async def issued_document(request: Request, sha256: str) -> Any:
        """A document the county issued on one of this station's applications (the signed PDF itself)."""
        try:
            caller = await gate.authenticate(request)
        except Refused as refused:
            return gate.refused(request, refused)
        pdf = await run_in_threadpool(lambda: store.issuer.document(store.conn(), sha256, caller.station))
        if pdf is None:
            return gate.answer(request, refusal("bad_file", "the county issued no such document for this station"), 404)
        return Response(pdf, media_type="application/pdf")

    @app.get("/v1/files/{sha256}")
    async def file_state(request: Request, sha256: str) -> Any:
        try:
            caller = await gate.authenticate(request)
        except Refused as refused:
            return gate.refused(request, refused)
        state = await run_in_threadpool(store.files.state, caller.station, sha256)
        return gate.answer(request, state.as_dict())

    @app.put("/v1/files/{sha256}")
    async def file_chunk(request: Request, sha256: str, offset: int = Query(ge=0, le=MAX_ATTACHMENT_BYTES)) -> Any:
        # as for batches: from the bytes already taken alone, before the signature check or the body
        cost = chunk_cost(request.headers.get("content-length"))
        retry_after = uploads.admit(cost)
        if retry_after:
            return busy(request, retry_after)
        try:
            try:  # the nonce goes in with the file that this chunk completes (sync/server/nonces.py)
                caller = await gate.authenticate(request, MAX_CHUNK_BYTES, deferred=True)
            except Refused as refused:
                return gate.refused(request, refused)
            try:
                return await stored_chunk(request, caller, sha256, offset)
            finally:
                await gate.settle(caller)
        finally:
            uploads.done(cost)

    async def stored_chunk(request: Request, caller, sha256: str, offset: int) -> Response:
        try:
            if caller.length < 1:
                raise Refused(400, "bad_file", f"a chunk is 1 byte to {MAX_CHUNK_BYTES} bytes at offset >= 0")
            body = await gate.read_body(request, caller)
        except Refused as refused:
            return gate.refused(request, refused)
        try:
            # the body's hash was checked against the signed one: a whole file named by it is not hashed again
            state = await run_in_threadpool(store.files.receive_chunk, caller.station, sha256, offset, body,
                                            body_sha256=caller.sha256, nonce=caller.nonce)
        except CountyError as exc:  # this station's unfinished uploads are at their cap
            return gate.answer(request, refusal("too_large", str(exc)), 413)
        return gate.answer(request, state.as_dict())

    from sync.server.admin import admin_router
    from sync.server.workspace import workspace_router

    app.include_router(admin_router(store, throttle))
    app.include_router(workspace_router(store, throttle))
    return app
