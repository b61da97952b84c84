"""Who is asking, checked before anything is read: the county's gate for station requests (protocol 2).

`StationGate.authenticate` checks a request from its headers alone - protocol, throttling, the
timestamp window, the signature over the declared body length and hash (sync/protocol.py), a revoked
key, a replayed nonce - and only then `read_body` reads at most the declared (and route-limited)
number of bytes and checks their hash. So an anonymous client cannot make the county buffer a
body, and an unknown station code, a missing header and a bad signature get the same answer: no
oracle of which codes exist. Failed authentications are logged and, past
AUTH_FAILURES_PER_MINUTE from one address, answered 429 for a minute (`Throttle`; the admin API
uses the same one).

`StationGate.answer` signs every answer - refusals too - bound to the request it answers (nonce,
method, path, station, status, the county's time), so the station can refuse a replayed one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from desktop.records.canonical import canonical_json
from sync.identity import verify_signature
from sync.limits import (
    AUTH_FAILURES_PER_MINUTE,
    BODY_STALL_SECONDS,
    MAX_NONCE_CHARS,
    MAX_STATION_CODE_CHARS,
    REQUEST_WINDOW_SECONDS,
)
from sync.protocol import (
    H_CLOCK_OFFSET,
    H_CONTENT_LENGTH,
    H_CONTENT_SHA256,
    H_COUNTY_SIGNATURE,
    H_NONCE,
    H_PROTOCOL,
    H_SERVER_TIME,
    H_SIGNATURE,
    H_STATION,
    H_TIMESTAMP,
    PROTOCOL_VERSION,
    answer_signing_string,
    b64,
    sha256_hex,
    signing_string,
    unb64,
)
from sync.server.errors import refusal

log = logging.getLogger("sync.server.auth")

_CODE = re.compile(r"^[A-Za-z0-9_-]{1,%d}$" % MAX_STATION_CODE_CHARS)
_NONCE = re.compile(r"^[0-9A-Za-z_-]{8,%d}$" % MAX_NONCE_CHARS)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_INT = re.compile(r"^-?[0-9]{1,12}$")
MAX_CLOCK_OFFSET = 10 * 366 * 24 * 3600  # a decade: anything further is not a clock
MAX_ADDRESSES = 10_000  # addresses whose recent failures are remembered


class Refused(Exception):
    """A station request refused: the HTTP status, the protocol's code and the English detail."""

    def __init__(self, status: int, code: str, detail: str):
        super().__init__(detail)
        self.status, self.code = status, code


@dataclass(frozen=True)
class Caller:
    """An authenticated station request: who, and the body it promised (length, SHA-256)."""

    station: str
    length: int
    sha256: str
    clock_offset: int  # station clock minus county clock, as the station measured it (seconds)
    nonce: str | None = None  # reserved, to be written with the request's effect (`StationGate.settle` at its end)


class Throttle:
    """Failed authentications per client address over the last minute; blocked past the limit."""

    def __init__(self, limit: int = AUTH_FAILURES_PER_MINUTE, window: float = 60.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, address: str) -> bool:
        with self._lock:
            recent = self._recent(address)
            return len(recent) >= self.limit

    def failed(self, address: str, what: str, detail: str) -> None:
        log.warning("failed authentication from %s (%s): %s", address, what, detail)
        with self._lock:
            self._recent(address).append(time.monotonic())
            if len(self._failures) > MAX_ADDRESSES:  # a scan from many addresses: the memory stays bounded
                for key in list(self._failures):
                    if not self._recent(key):
                        del self._failures[key]
                for key in list(self._failures)[:max(0, len(self._failures) - MAX_ADDRESSES // 2)]:
                    del self._failures[key]  # the oldest addresses first (dicts keep insertion order)

    def _recent(self, address: str) -> deque[float]:
        recent = self._failures.setdefault(address, deque())
        cutoff = time.monotonic() - self.window
        while recent and recent[0] < cutoff:
            recent.popleft()
        return recent


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def signed_path(request: Request) -> str:
    """The path and query exactly as the station sent them (percent-encoding kept): what it signed."""
    raw = request.scope.get("raw_path") or request.url.path.encode("utf-8")
    query = request.scope.get("query_string") or b""
    path = raw.decode("latin-1")
    return path + ("?" + query.decode("latin-1") if query else "")


class StationGate:
    def __init__(self, store, throttle: Throttle, clock=time.time):
        self.store, self.throttle, self.clock = store, throttle, clock
        self.stall_seconds = BODY_STALL_SECONDS

    # -- answers ----------------------------------------------------------------------------------

    def answer(self, request: Request, payload: dict[str, Any], status: int = 200) -> Response:
        """JSON signed by the county and bound to `request` (its nonce, method, path and station)."""
        body = canonical_json(payload).encode("utf-8")
        server_time = str(int(self.clock()))
        h = request.headers
        bound = answer_signing_string(h.get(H_NONCE, ""), request.method, signed_path(request), h.get(H_STATION, ""),
                                      status, server_time, body)
        headers = {H_SERVER_TIME: server_time, H_COUNTY_SIGNATURE: b64(self.store.key().sign(bound))}
        return Response(body, status_code=status, media_type="application/json", headers=headers)

    def refused(self, request: Request, refused: Refused) -> Response:
        return self.answer(request, refusal(refused.code, str(refused)), refused.status)

    # -- authentication, before the body ----------------------------------------------------------

    async def authenticate(self, request: Request, limit: int = 0, *, deferred: bool = False) -> Caller:
        """The calling station, from the headers alone; raises Refused. `limit`: the route's largest body.
        `deferred`: the nonce is only reserved (`Caller.nonce`), for the route to write in its own transaction;
        the route then calls `settle` however the request ends (sync/server/nonces.py)."""
        return await run_in_threadpool(self._check, request, limit, deferred)

    async def settle(self, caller: Caller) -> None:
        """A deferred nonce's request ended: the nonce is written now unless the request's transaction did."""
        if caller.nonce is not None:
            await run_in_threadpool(self.store.nonces.settle, caller.station, caller.nonce)

    def _check(self, request: Request, limit: int, deferred: bool = False) -> Caller:
        h = request.headers
        address = client_address(request)
        if self.throttle.blocked(address):
            raise Refused(429, "throttled", "too many failed authentications from this address; wait a minute")
        if h.get(H_PROTOCOL) is None:
            if h.get(H_SIGNATURE):  # signed the old way: an old station, told in its own words to update
                raise Refused(403, "update_required", f"protocol 1 is no longer accepted; this server speaks "
                                                      f"protocol {PROTOCOL_VERSION}: update the station's program")
            return self._fail(address, "-", "the request is not signed")
        if h.get(H_PROTOCOL) != str(PROTOCOL_VERSION):
            raise Refused(403, "update_required", f"protocol {h.get(H_PROTOCOL)!r} is not spoken here "
                                                  f"(this server speaks {PROTOCOL_VERSION})")
        station, timestamp, nonce = h.get(H_STATION, ""), h.get(H_TIMESTAMP, ""), h.get(H_NONCE, "")
        offset, length, digest = h.get(H_CLOCK_OFFSET, ""), h.get(H_CONTENT_LENGTH, ""), h.get(H_CONTENT_SHA256, "")
        signature = h.get(H_SIGNATURE, "")
        if not (_CODE.match(station) and _NONCE.match(nonce) and _INT.match(timestamp) and _INT.match(offset)
                and length.isdigit() and len(length) < 13 and _SHA256.match(digest) and signature):
            return self._fail(address, station[:20], "missing or malformed authentication headers")
        if limit and int(length) > limit:
            raise Refused(413, "too_large", f"the body is larger than {limit} bytes")
        if abs(int(timestamp) - int(self.clock())) > REQUEST_WINDOW_SECONDS:
            raise Refused(401, "clock", f"the request's time is more than {REQUEST_WINDOW_SECONDS} s off the "
                                        "county's; correct the offset with the answer's X-Server-Time")
        signed = signing_string(request.method, signed_path(request), station, timestamp, nonce, offset, length,
                                digest)
        current, revoked, earlier = self.store.station_keys_for_auth(station)
        if current is not None and _verifies(current, signature, signed):
            if revoked:
                raise Refused(403, "revoked", f"station {station} was revoked by the county on {revoked}")
        elif any(_verifies(key, signature, signed) for key in earlier):
            # a key the county enrolled for this station before it was revoked and registered again
            raise Refused(403, "revoked", f"this key of station {station} was revoked by the county")
        else:
            return self._fail(address, station, "unknown station or bad signature")
        if not (self.store.nonces.reserve(station, nonce) if deferred else self.store.use_nonce(station, nonce)):
            self.throttle.failed(address, station, "replayed nonce")
            raise Refused(409, "replayed", "this request was already received (replay refused)")
        return Caller(station, int(length), digest, max(-MAX_CLOCK_OFFSET, min(int(offset), MAX_CLOCK_OFFSET)),
                      nonce if deferred else None)

    def _fail(self, address: str, station: str, detail: str):
        self.throttle.failed(address, station, detail)
        raise Refused(401, "unauthenticated", "the county could not verify this request (unknown station, or "
                                              "no valid signature)")

    # -- the body, after authentication ------------------------------------------------------------

    async def read_body(self, request: Request, caller: Caller) -> bytearray:
        """At most the signed length (never more than the route allowed), checked against the signed hash; a body
        that stops for `stall_seconds` is refused, so an admitted request cannot hold its place by sending nothing.
        Each part goes into one buffer as it comes (a list of parts and then their join held every body twice: the
        largest share of the county's memory at its peak)."""
        body, size = bytearray(), 0
        stream = request.stream()
        try:
            while True:
                try:
                    part = await asyncio.wait_for(stream.__anext__(), self.stall_seconds)
                except StopAsyncIteration:
                    break
                except asyncio.TimeoutError as exc:
                    log.warning("station %s: no byte of its body for %.0f s; dropped", caller.station,
                                self.stall_seconds)
                    raise Refused(400, "bad_batch", "the body stalled before it was whole") from exc
                size += len(part)
                if size > caller.length:
                    raise Refused(400, "bad_batch", "the body is longer than its signed length")
                body += part
        except ClientDisconnect as exc:  # the link dropped mid-body: nothing was taken, nobody waits for an answer
            raise Refused(400, "bad_batch", "the connection closed before the whole body arrived") from exc
        if size != caller.length or sha256_hex(body) != caller.sha256:
            raise Refused(400, "bad_batch", "the body does not match its signed length and hash (damaged on the way)")
        return body


def _verifies(public_key: bytes, signature: str, message: bytes) -> bool:
    try:
        return verify_signature(public_key, unb64(signature), message)
    except (ValueError, TypeError):
        return False


class BodyLimit:
    """ASGI middleware: no request body beyond what its route can take (`limit_for(path)`), whatever route reads it -
    a declared Content-Length past it is answered 413 before anything is read, a chunked one is cut off there.
    The station routes check their own signed length too (StationGate); this also covers enrollment and the
    admin API, whose JSON bodies the framework reads whole."""

    def __init__(self, app, limit_for):
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await self._too_large(scope, receive, send, limit)
        received = 0
        started = False

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge()
            return message

        async def watched(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _BodyTooLarge:
            if not started:
                await self._too_large(scope, receive, send, limit)

    @staticmethod
    async def _too_large(scope, receive, send, limit: int) -> None:
        from fastapi.responses import JSONResponse

        await JSONResponse(refusal("too_large", f"the body is larger than {limit} bytes"), status_code=413)(
            scope, receive, send)


class _BodyTooLarge(Exception):
    pass
