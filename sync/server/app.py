"""The county server's HTTP API (FastAPI). The OpenAPI schema is served at /openapi.json and /docs.

    GET  /v1/root              the county root certificate (PEM): a station compares its fingerprint with the
                               enrollment sheet before it sends its one-time code
    POST /v1/enroll            {"code", "station_code", "public_key", "document_request"} -> the root, the county's
                               sync certificate and the station's two certificates (unsigned request, over TLS)
    POST /v1/certificates      gzip JSON {"document_request"} -> the same, renewed (signed request)
    POST /v1/changes           gzip canonical JSON batch -> per-change acknowledgements (signed request)
    GET  /v1/events?after=N    the county's decisions for the calling station after cursor N (signed request)
    GET  /v1/reference?since=V the roster and townships' registered population (sync/server/reference.py):
                               {"version", "updated_at", "lawyers", "townships"}, or {"version", "unchanged": true}
                               when V is the current version (signed request)
    GET  /v1/changes?after=N   the calling station's own changes back, for recovering a lost laptop (signed)
    GET  /v1/files/{sha256}/content   one of the station's own complete files back (signed request)
    GET  /v1/files/{sha256}    where the upload of an attachment file stands (signed request)
    PUT  /v1/files/{sha256}?offset=N   one chunk of an attachment file, appended at N (signed request)
    GET  /v1/health            liveness and the server's clock
    /v1/admin/...              the county center's API (bearer token): applications, decisions, files
                               (sync/server/admin.py)

SQLite and file work runs in the thread pool (`run_in_threadpool`), never on the event loop, so one
station's batch or fsync never stalls the others' requests.

Errors are JSON {"error": CODE, "message": English, "message_zh": Chinese for the clerk} (sync/server/errors.py).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from desktop.records.canonical import canonical_json
from sync.identity import verify_signature
from sync.protocol import (
    H_COUNTY_SIGNATURE,
    H_NONCE,
    H_SIGNATURE,
    H_SKEW,
    H_STATION,
    H_TIMESTAMP,
    PROTOCOL_VERSION,
    SKEW_WARNING_SECONDS,
    b64,
    decode_json_gzip,
    sha256_hex,
    signing_string,
    unb64,
)
from sync.certificates import pem
from sync.server import reference
from sync.server.county import CountyStore
from sync.server.stations import OTHER_STATION
from sync.server.errors import CountyError, refusal

MAX_CHUNK_BYTES = 16 * 1024 * 1024
MAX_BATCH_BODY = 64 * 1024 * 1024  # compressed; decode_json_gzip limits what it inflates to
MAX_CERTIFICATE_REQUEST = 64 * 1024  # a certificate request is well under 1 KB


class EnrollRequest(BaseModel):
    code: str
    station_code: str
    public_key: str  # base64 of the raw 32-byte Ed25519 public key
    document_request: str  # PEM certificate request of the station's P-256 document key


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(refusal(code, message), status_code=status)


class _Refused(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.response = _error(status, code, message)


def create_app(data_dir: Path) -> FastAPI:
    store = CountyStore(data_dir)
    if not store.initialised:  # a new county, or one from before the root: make what is missing
        store.init()
    app = FastAPI(title="法律援助 county sync server", version=str(PROTOCOL_VERSION),
                  description="Stations push their change log and pull the county's decisions. See sync/protocol.py.")
    app.state.store = store
    # Answers (acks, events) are compressed when the client accepts it; the county signs the
    # uncompressed bytes, which is what the client reads after decoding.
    app.add_middleware(GZipMiddleware, minimum_size=1024)

    def signed(payload: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
        body = canonical_json(payload).encode("utf-8")
        all_headers = {H_COUNTY_SIGNATURE: b64(store.key().sign(sha256_hex(body).encode("ascii")))}
        all_headers.update(headers or {})
        return Response(body, media_type="application/json", headers=all_headers)

    async def read_body(request: Request, limit: int) -> bytes:
        """The body of a request from a known, unrevoked station, refused (413) beyond `limit` before
        it is read whole: nobody can make the server hold hundreds of MB by sending them."""
        station = request.headers.get(H_STATION)
        if not station:
            raise _Refused(401, "unauthenticated", "the request is not signed")
        if await run_in_threadpool(store.station_key, station) == (None, None):
            raise _Refused(403, "unknown_station", f"station {station} is not enrolled")
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            raise _Refused(413, "too_large", f"the body is larger than {limit} bytes")
        parts, size = [], 0
        async for part in request.stream():
            size += len(part)
            if size > limit:
                raise _Refused(413, "too_large", f"the body is larger than {limit} bytes")
            parts.append(part)
        return b"".join(parts)

    async def authenticate(request: Request, body: bytes) -> tuple[str, int]:
        """The calling station's code and its clock skew in seconds; raises _Refused (checked off the event loop)."""
        return await run_in_threadpool(check_request, request, body)

    def check_request(request: Request, body: bytes) -> tuple[str, int]:
        h = request.headers
        station, timestamp, nonce, signature = (h.get(H_STATION), h.get(H_TIMESTAMP), h.get(H_NONCE),
                                                h.get(H_SIGNATURE))
        if not (station and timestamp and nonce and signature):
            raise _Refused(401, "unauthenticated", "the request is not signed")
        public_key, revoked = store.station_key(station)
        if public_key is None:
            raise _Refused(403, "unknown_station", f"station {station} is not enrolled")
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        try:
            ok = verify_signature(public_key, unb64(signature),
                                  signing_string(request.method, path, timestamp, nonce, body))
        except ValueError:
            ok = False
        if not ok:
            raise _Refused(401, "bad_signature", "the request signature does not verify")
        if revoked:
            raise _Refused(403, "revoked", f"station {station} was revoked by the county on {revoked}")
        if not store.use_nonce(station, nonce):
            raise _Refused(409, "replayed", "this request was already received (replay refused)")
        try:
            skew = int(timestamp) - int(time.time())
        except ValueError:
            skew = 0
        return station, skew

    def skew_headers(skew: int) -> dict[str, str]:
        return {H_SKEW: str(skew)}

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
        """New certificates for the calling station (one enrolled before the root, or renewing)."""
        try:
            body = await read_body(request, MAX_CERTIFICATE_REQUEST)
            station, skew = await authenticate(request, body)
            asked = decode_json_gzip(body, MAX_CERTIFICATE_REQUEST)
            if not isinstance(asked, dict) or not isinstance(asked.get("document_request"), str):
                raise ValueError("no document_request")
        except _Refused as refused:
            return refused.response
        except ValueError as exc:
            return _error(400, "bad_batch", f"unreadable certificate request: {exc}")
        public_key, _revoked = await run_in_threadpool(store.station_key, station)
        try:
            answer = await run_in_threadpool(store.renew, station, public_key, asked["document_request"])
        except CountyError as exc:
            return _error(403, "enrollment_refused", str(exc))
        return signed(answer, skew_headers(skew))

    @app.post("/v1/changes")
    async def changes(request: Request) -> Any:
        try:
            body = await read_body(request, MAX_BATCH_BODY)
            station, skew = await authenticate(request, body)
        except _Refused as refused:
            return refused.response
        try:
            batch = decode_json_gzip(body)
            if not isinstance(batch, dict) or not isinstance(batch.get("changes"), list):
                raise ValueError("no list of changes")
        except ValueError as exc:
            return _error(400, "bad_batch", f"unreadable batch: {exc}")
        acks = await run_in_threadpool(store.apply_changes, station, batch["changes"])
        return signed({"acks": acks, "clock_skew_seconds": skew,
                       "clock_warning": abs(skew) > SKEW_WARNING_SECONDS}, skew_headers(skew))

    @app.get("/v1/events")
    async def events(request: Request, after: int = 0, limit: int = 500) -> Any:
        try:
            station, skew = await authenticate(request, b"")
        except _Refused as refused:
            return refused.response
        found, cursor, more = await run_in_threadpool(store.events_after, station, after, max(1, min(limit, 1000)))
        return signed({"events": found, "cursor": cursor, "more": more, "clock_skew_seconds": skew,
                       "clock_warning": abs(skew) > SKEW_WARNING_SECONDS}, skew_headers(skew))

    @app.get("/v1/reference")
    async def reference_data(request: Request, since: int | None = None) -> Any:
        try:
            _station, skew = await authenticate(request, b"")
        except _Refused as refused:
            return refused.response
        payload = await run_in_threadpool(reference.reference_payload, store, since)
        return signed(payload, skew_headers(skew))

    @app.get("/v1/changes")
    async def own_changes(request: Request, after: int = 0, limit: int = 500) -> Any:
        """This station's own changes back (a new laptop recovering the station's data)."""
        try:
            station, skew = await authenticate(request, b"")
        except _Refused as refused:
            return refused.response
        found, cursor, more = await run_in_threadpool(store.station_changes, station, after, max(1, min(limit, 2000)))
        return signed({"changes": found, "cursor": cursor, "more": more}, skew_headers(skew))

    @app.get("/v1/files/{sha256}/content")
    async def file_content(request: Request, sha256: str) -> Any:
        """A complete material file of this station (content-addressed: the station checks its hash)."""
        try:
            station, _skew = await authenticate(request, b"")
        except _Refused as refused:
            return refused.response
        state = await run_in_threadpool(store.files.state, station, sha256)
        if state.status != "complete":
            return _error(404, "bad_file", "the county holds no complete file of this station with this hash")
        return FileResponse(store.files.path_of(sha256), media_type="application/octet-stream")

    @app.get("/v1/files/{sha256}")
    async def file_state(request: Request, sha256: str) -> Any:
        try:
            station, skew = await authenticate(request, b"")
        except _Refused as refused:
            return refused.response
        state = await run_in_threadpool(store.files.state, station, sha256)
        return signed(state.as_dict(), skew_headers(skew))

    @app.put("/v1/files/{sha256}")
    async def file_chunk(request: Request, sha256: str, offset: int) -> Any:
        try:
            body = await read_body(request, MAX_CHUNK_BYTES)
            station, skew = await authenticate(request, body)
        except _Refused as refused:
            return refused.response
        if offset < 0 or not body:
            return _error(400, "bad_file", f"a chunk is 1 byte to {MAX_CHUNK_BYTES} bytes at offset >= 0")
        state = await run_in_threadpool(store.files.receive_chunk, station, sha256, offset, body)
        return signed(state.as_dict(), skew_headers(skew))

    from sync.server.admin import admin_router

    app.include_router(admin_router(store))
    return app
