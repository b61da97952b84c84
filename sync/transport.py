"""Signed HTTP to the county server (Qt-free): every request signed with the station key, every answer
checked against the pinned county key and bound to the request it answers (nonce, method, path, this
station: sync/protocol.py), retried with a fresh nonce when the network or the server fails.

The county keeps time: a request carries county time as this station reckons it (its clock minus the
offset measured from the county's last signed answer), so a station clock days off still syncs, and
the offset is what the clock warning reports ("快了 3 天").

The engine, the reference pull, the file upload and the recovery all talk to the county through one
`CountyTransport` (or just its `request` function); none of them reaches into another's internals.
"""

from __future__ import annotations

import json
import random
import ssl
import time
from collections.abc import Callable
from typing import Any

import requests
from cryptography import x509
from requests.adapters import HTTPAdapter
from requests.utils import requote_uri

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync import certificates as certs
from sync.errors import Refused, SyncError
from sync.identity import StationKey, verify_signature
from sync.limits import MAX_BUSY_WAIT_SECONDS, MAX_RETRY_AFTER_SECONDS
from sync.protocol import (H_COUNTY_SIGNATURE, H_NONCE, H_SERVER_TIME, REFUSALS, answer_signing_string, sign_request,
                           unb64)

TIMEOUT = (5, 30)  # connect, read seconds

CONNECTION_LOST = QT_TRANSLATE_NOOP("Sync", "The connection to the county was lost; unsent records are sent again "
                                            "at the next sync.")
SERVER_TROUBLE = QT_TRANSLATE_NOOP("Sync", "The county server had a temporary problem; it is tried again at the next "
                                           "sync.")
UNSIGNED_ANSWER = QT_TRANSLATE_NOOP("Sync", "The county's answer has no valid signature (it may have been damaged on "
                                            "the way); it is tried again at the next sync.")
UNREADABLE_ANSWER = QT_TRANSLATE_NOOP("Sync", "The county's answer cannot be read; it is tried again at the next sync.")
NOT_THE_COUNTY = QT_TRANSLATE_NOOP("Sync", "The server's certificate was not issued by the county root this station "
                                           "trusts: this may not be the county's server (or the connection is being "
                                           "intercepted). Nothing was sent. Check the server address; if it is right, "
                                           "contact the county.")
NO_SERVER = QT_TRANSLATE_NOOP("Sync", "There is no county server address. Enter it in Settings.")
REFUSED_HTTP = QT_TRANSLATE_NOOP("Sync", "The county refused the request (HTTP {status}).")
REFUSED_BECAUSE = QT_TRANSLATE_NOOP("Sync", "The county refused the request: {reason}")
REFUSED_UNSAID = QT_TRANSLATE_NOOP("Sync", "The county refused the request without saying why. Tell the county "
                                           "legal-aid center.")

# (method, path, body, content_type=None) -> the county-signed JSON answer; raises SyncError
Request = Callable[..., dict[str, Any]]


class CountyTransport:
    """One station's signed requests to one county server; one transport per thread (its requests session)."""

    def __init__(self, key: StationKey, station_code: str, county_key: bytes, server_url: str, *,
                 session: requests.Session | None = None, retries: int = 2,
                 timeout: tuple[float, float] = TIMEOUT, clock: Callable[[], float] = time.time,
                 clock_offset: int = 0, sleep: Callable[[float], None] = time.sleep):
        self.key, self.station_code, self.county_key = key, station_code, county_key
        self.sleep = sleep  # waits before a retry (tests give one that records instead of waiting)
        self.server_url = (server_url or "").rstrip("/")
        self.session = session or requests.Session()
        self.retries, self.timeout, self.clock = retries, timeout, clock
        self.clock_offset = clock_offset  # station clock minus county clock, signed into each request
        self.last_skew: int | None = None  # station clock minus server clock, from the last answer

    def request(self, method: str, path: str, body: bytes, content_type: str | None = None, *,
                body_sha256: str | None = None) -> dict[str, Any]:
        """A signed request with retries (a fresh nonce each time); the county-signed JSON answer to it.

        A body is gzip JSON unless `content_type` says otherwise (attachment chunks: raw bytes).
        `body_sha256`: the body's hash when the caller computed it from these bytes (a whole file: hashed once)."""
        self._need_server()
        path = requote_uri(path)  # what requests will send is what is signed (and what the county checks)
        last: SyncError | None = None
        clock_corrected = False
        waited = 0.0  # seconds spent waiting for a busy county in this request
        attempt = 0
        while attempt <= self.retries:
            if attempt:
                self.sleep(min(0.2 * 2 ** attempt, 2.0))
            attempt += 1
            headers = self.signed_headers(method, path, body, body_sha256)
            if body and content_type:
                headers["Content-Type"] = content_type
            elif body:
                headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
            try:
                response = self.session.request(method, self.server_url + path, data=body or None, headers=headers,
                                                timeout=self.timeout)
                content = response.content
            except requests.exceptions.SSLError as exc:  # not a lost connection: retrying will not help
                raise SyncError(NOT_THE_COUNTY, code="tls", detail=f"the server's certificate is refused: {exc}") from exc
            except requests.RequestException as exc:
                last = SyncError(CONNECTION_LOST, code="network", detail=f"connection failed: {exc}")
                continue
            if not self._bound_answer(response, content, method, path, headers[H_NONCE]):
                last = SyncError(UNSIGNED_ANSWER if response.status_code < 500 else SERVER_TROUBLE,
                                 code="bad_answer" if response.status_code < 500 else "server",
                                 detail=f"HTTP {response.status_code}: the answer is not the county's signed answer "
                                        "to this request (damaged, forged or replayed)")
                continue
            if response.status_code == 401 and _error_code(content) == "clock" and not clock_corrected:
                clock_corrected = True  # the offset was just measured from the county's signed time: ask again
                attempt -= 1
                continue
            if response.status_code == 503 and _error_code(content) == "busy":
                pause = self._busy_pause(content, waited)
                if pause is None:  # waited long enough in this round: the next scheduled round sends it
                    raise SyncError(REFUSALS["busy"], code="busy",
                                    detail=f"the county stayed busy for {waited:.0f} s; the rest waits for the next round")
                waited += pause
                self.sleep(pause)
                attempt -= 1  # a busy county is no failure: the retries are kept for real ones
                continue
            if response.status_code in (400, 401, 403, 409, 413, 422, 429):
                raise refusal(response)
            if response.status_code != 200:
                last = SyncError(SERVER_TROUBLE, code="server", detail=f"server answered {response.status_code}")
                continue
            try:
                answer = json.loads(content.decode("utf-8"))
                if not isinstance(answer, dict):
                    raise ValueError("not an object")
            except ValueError:
                last = SyncError(UNREADABLE_ANSWER, code="bad_answer", detail="unreadable answer")
                continue
            return answer
        assert last is not None
        raise last

    def _busy_pause(self, content: bytes, waited: float) -> float | None:
        """How long to wait before asking a busy county again: the seconds its signed answer gives, believed up to
        MAX_RETRY_AFTER_SECONDS, spread by a little jitter (the county already gives each station its own moment;
        the jitter spreads stations told alike, e.g. all told the longest wait);
        None when that would take this request past MAX_BUSY_WAIT_SECONDS of waiting."""
        try:
            asked = json.loads(content.decode("utf-8")).get("retry_after")
        except (ValueError, AttributeError):
            asked = None
        if not isinstance(asked, (int, float)) or isinstance(asked, bool) or asked != asked:  # (NaN)
            asked = MAX_RETRY_AFTER_SECONDS  # a busy answer without a usable figure: the longest wait we believe
        # compared before any conversion: an integer of 400 digits is no float
        pause = float(max(1, min(asked, MAX_RETRY_AFTER_SECONDS))) * random.uniform(0.8, 1.2)
        left = MAX_BUSY_WAIT_SECONDS - waited
        return min(pause, left) if left >= 1.0 else None

    def _bound_answer(self, response: requests.Response, content: bytes, method: str, path: str, nonce: str) -> bool:
        """The county signed this answer to this very request; then its time sets the clock offset."""
        server_time = response.headers.get(H_SERVER_TIME, "")
        try:
            signed = answer_signing_string(nonce, method, path, self.station_code, response.status_code, server_time,
                                           content)
            ok = verify_signature(self.county_key, unb64(response.headers.get(H_COUNTY_SIGNATURE, "")), signed)
        except (ValueError, TypeError):
            ok = False
        if ok:
            try:
                self.last_skew = self.clock_offset = int(self.clock()) - int(server_time)
            except ValueError:
                return False
        return ok

    def stream(self, path: str) -> requests.Response:
        """A signed GET whose (unsigned) body is read as a stream: content-addressed files, which the caller
        checks by their hash. Use it as a context manager; network errors are requests' own."""
        self._need_server()
        path = requote_uri(path)
        return self.session.get(self.server_url + path, headers=self.signed_headers("GET", path, b""),
                                timeout=self.timeout, stream=True)

    def signed_headers(self, method: str, path: str, body: bytes, body_sha256: str | None = None) -> dict[str, str]:
        return sign_request(self.key.sign, self.station_code, method, path, body, self.clock(), self.clock_offset,
                            body_sha256)

    def _need_server(self) -> None:
        if not self.server_url:
            raise SyncError(NO_SERVER, code="no_server", detail="no server address")
        from sync.trust import check_server_url  # plain http to another computer is refused (TLS set-up)

        check_server_url(self.server_url)


def _error_code(content: bytes) -> str | None:
    try:
        answer = json.loads(content.decode("utf-8"))
    except ValueError:
        return None
    return answer.get("error") if isinstance(answer, dict) else None


def refusal(response: requests.Response, code: str | None = None) -> Refused:
    """The county's refusal (its JSON error answer) as a Refused, worded by its code (protocol.REFUSALS) as the
    county words it; `code` overrides the answer's. A code this station does not know keeps the county's words."""
    try:
        answer = response.json()
        if not isinstance(answer, dict):
            raise ValueError("not an object")
    except ValueError:
        return Refused(REFUSED_HTTP, {"status": response.status_code}, code=code or "refused",
                       detail=f"HTTP {response.status_code}: {response.text[:200]}")
    code = code or str(answer.get("error", "refused"))
    detail = str(answer.get("message") or response.text)
    if code in REFUSALS:
        return Refused(REFUSALS[code], code=code, detail=detail)
    if not answer.get("message_zh"):  # the county's English "message" is the detail, for the log
        return Refused(REFUSED_UNSAID, code=code, detail=detail)
    return Refused(REFUSED_BECAUSE, {"reason": str(answer["message_zh"])}, code=code, detail=detail)


class PinnedRootAdapter(HTTPAdapter):
    """HTTPS that trusts the county root alone (not the computer's public authorities), host names checked."""

    def __init__(self, root: x509.Certificate):
        self._context = ssl.create_default_context(cadata=certs.pem(root))
        super().__init__()

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        pool_kwargs.pop("ca_certs", None)
        pool_kwargs.pop("ca_cert_dir", None)
        pool_kwargs.update(ssl_context=self._context, cert_reqs="CERT_REQUIRED")
        return host_params, pool_kwargs

    def cert_verify(self, conn, url, verify, cert) -> None:
        conn.cert_reqs, conn.ca_certs, conn.ca_cert_dir = "CERT_REQUIRED", None, None  # the context's root only


def county_session(root: x509.Certificate | None) -> requests.Session:
    """A requests session for the county: https checked against `root`; None (a station enrolled before
    the root, until its first renewal) leaves TLS unchecked, its answers being checked by the pinned county key."""
    session = requests.Session()
    if root is not None:
        session.mount("https://", PinnedRootAdapter(root))
    else:
        session.verify = False
    return session
