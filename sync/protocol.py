"""What travels between a station and the county server (both ends use this module).

Change batches
    POST /v1/changes, body = gzip(canonical JSON {"station": CODE, "changes": [CHANGE, ...]}),
    CHANGE = {"change_id", "sha256", "payload"} where `payload` is the outbox row's canonical
    JSON text exactly as the station stored it and `sha256` its hex SHA-256.
Acknowledgements
    {"acks": [{"change_id", "status": "accepted" | "duplicate" | "rejected", "reason", "reason_zh"}],
    "clock_skew_seconds"} (the clock offset the station signed, echoed). At most MAX_BATCH_CHANGES changes a
    batch; each reason is bounded. "duplicate" = that change_id with that sha256 was already applied (a re-send); the station
    treats it like "accepted". The same change_id with other content is "rejected" ("conflicting
    content") and the county's copy is never overwritten.
County events
    GET /v1/events?after=CURSOR -> {"events": [EVENT, ...], "cursor": N, "more": bool}; EVENT =
    {"seq", "event_id", "kind", "application_number", "application_id", "status", "at", "by", "data"}.
    `seq` is the server's sequence: the cursor. Kinds: EVENT_KINDS below, and COMPLAINT_EVENT (the center's
    handling of a complaint: "data" = {"complaint_id", "number", "step", "handling": "step" | "answer", "text",
    "answered_on", "reply_method", "satisfaction"}).
Reference data (the county's roster and townships' registered population)
    GET /v1/reference?since=V -> {"version": N, "updated_at", "lawyers": [LAWYER, ...], "townships":
    [{"name", "registered_population"}, ...]}, or {"version": N, "unchanged": true} when V == N.
    LAWYER = {"id", "name", "kind": "lawyer" | "law_firm" | "center_staff", "organisation",
    "years_of_practice", "minors_familiar", "phone", "active"} (inactive members are included so old
    assignments still have a name). N grows by one on every change at the county; the station sends
    the version it holds and replaces its copy whole (sync/reference.py). The same payload can travel
    in a USB reply bundle.
Request signing (protocol 2)
    The station signs  "legal-aid-sync/2" \n METHOD \n PATH?QUERY \n STATION \n TIMESTAMP \n NONCE \n
    CLOCK_OFFSET \n BODY_LENGTH \n SHA256(BODY)  with its Ed25519 key (headers X-Protocol: 2, X-Station,
    X-Timestamp, X-Nonce, X-Clock-Offset, X-Content-Length, X-Content-SHA256, X-Signature). PATH?QUERY is the
    path exactly as sent (percent-encoding included). Because the body's length and hash are signed in the
    headers, the county checks the signature before it reads a byte of the body, then reads at most that
    many bytes and checks their hash. TIMESTAMP is county time as the station reckons it (its clock minus
    CLOCK_OFFSET, the offset it measured from the county's last answer); the county refuses one more than
    REQUEST_WINDOW_SECONDS off ("clock", with its time in the signed answer, so the station corrects its
    offset and asks again) and remembers each nonce while its request could be valid (sync/limits.py).
    An unknown station, a missing header and a bad signature get the same answer ("unauthenticated"):
    no oracle of which station codes exist. A request of protocol 1 (no X-Protocol) is refused with
    "update_required", worded for the clerk by the county (an old station shows the county's words).
Answer signing (protocol 2)
    Every answer to a station request, refusals included, carries X-Server-Time and X-County-Signature:
    the county key's signature over  "legal-aid-sync/2 answer" \n NONCE \n METHOD \n PATH?QUERY \n STATION \n
    HTTP_STATUS \n SERVER_TIME \n SHA256(BODY). The station checks it with the county certificate it pinned at
    enrollment and its own nonce, method, path and code, so an answer replayed from another request,
    another station or another time is never taken for this one. A file is "held" only when the county's
    signed answer names its hash and size.
Bounds
    Every request is bounded (entries per batch, inflated size, depth, string lengths, chunk and file
    sizes, bundle parts): sync/limits.py states them all.
Certificates
    {"kind": "county" | "station", ..., "public_key": base64, "key_id", "issuer_key_id",
     "signature": base64 over the canonical JSON of every other field}.
Enrollment
    POST /v1/enroll {"format": ENROLLMENT_REQUEST, "station_code", "code", "public_key"} ->
    {"county_certificate", "station_certificate"}; by USB the same request as a file, and the answer as a
    file with "format": ENROLLMENT_ANSWER.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import secrets
import zlib
from collections.abc import Iterable, Mapping
from typing import Any, Callable

from desktop.records.canonical import canonical_json
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.limits import (MAX_BATCH_CHANGES, MAX_BATCH_JSON_BYTES, MAX_CHANGE_BYTES, MAX_CONTAINER_ITEMS, MAX_JSON_DEPTH,
                         STATION_BATCH_BYTES, check_json_shape)

PROTOCOL_VERSION = 2
SIGNING_TAG, ANSWER_TAG = "legal-aid-sync/2", "legal-aid-sync/2 answer"
BATCH_SIZE = 500  # changes a station sends in one batch (the county takes up to MAX_BATCH_CHANGES)
SKEW_WARNING_SECONDS = 5 * 60

ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"
CONFLICTING_CONTENT = "conflicting content"

H_STATION, H_TIMESTAMP, H_NONCE, H_SIGNATURE = "X-Station", "X-Timestamp", "X-Nonce", "X-Signature"
H_PROTOCOL, H_CLOCK_OFFSET = "X-Protocol", "X-Clock-Offset"
H_CONTENT_LENGTH, H_CONTENT_SHA256 = "X-Content-Length", "X-Content-SHA256"
H_SERVER_TIME, H_COUNTY_SIGNATURE = "X-Server-Time", "X-County-Signature"

# the "format" of an enrollment carried as a file on a USB stick (sync/enrollment.py; the county's enroll-file)
ENROLLMENT_REQUEST, ENROLLMENT_ANSWER = "legal-aid-enrollment-request", "legal-aid-enrollment-answer"

# The county's refusals: an error answer is {"error": CODE, "message": English detail, "message_zh": REFUSALS[CODE]
# in Chinese}; the station words a refusal by its code the same way (translation context "Sync").
REFUSALS: dict[str, str] = {
    "unauthenticated": QT_TRANSLATE_NOOP("Sync", "The county could not verify this station: it is not enrolled "
                                                 "there, or this computer's station key is not the enrolled one. "
                                                 "Contact the county legal-aid center."),
    "update_required": QT_TRANSLATE_NOOP("Sync", "This computer's program is too old for the county server; please "
                                                 "update the program, then sync again (nothing is lost meanwhile)."),
    "clock": QT_TRANSLATE_NOOP("Sync", "This computer's clock is too far off the county's for the request to be "
                                       "accepted; it is tried again with the county's time."),
    "throttled": QT_TRANSLATE_NOOP("Sync", "Too many failed sign-ins from this address; the county waits a minute "
                                           "before it answers again."),
    "replayed": QT_TRANSLATE_NOOP("Sync", "The county refused a request it had received before (a suspected replay)."),
    "revoked": QT_TRANSLATE_NOOP("Sync", "The county legal-aid center has revoked this station; it can no longer "
                                         "sync. Contact the county."),
    "bad_batch": QT_TRANSLATE_NOOP("Sync", "The data sent was damaged and the county could not read it; it is sent "
                                           "again at the next sync."),
    "enrollment_refused": QT_TRANSLATE_NOOP("Sync", "Enrollment failed: the enrollment code is not valid or was used "
                                                    "already. Ask the county for a new enrollment code."),
    "bad_file": QT_TRANSLATE_NOOP("Sync", "The material upload request is not valid; the county refused it."),
    "too_large": QT_TRANSLATE_NOOP("Sync", "The data sent is too large; the county refused it."),
    "bad_request": QT_TRANSLATE_NOOP("Sync", "The request is not valid; the county refused it."),
    "out_of_order": QT_TRANSLATE_NOOP("Sync", "The county could not take this batch in its turn; it is sent again "
                                              "one batch at a time."),
    # not a refusal: a county too busy to store a batch in time says when to come back (nothing is lost)
    "busy": QT_TRANSLATE_NOOP("Sync", "The county server is busy; it is tried again automatically shortly."),
}

# kind -> the application status it sets (None: the status stays as it is)
EVENT_KINDS: dict[str, str | None] = {
    "accept": "accepted",
    "supplement": "supplement",
    "grant": "granted",
    "refuse": "refused",
    "assign": "assigned",
    "progress": None,
    "close": "closed",
    "terminate": "terminated",  # Art. 48: the center ends the aid (its 终止法律援助决定书)
    "objection": None,  # Art. 49: the applicant's objection and the justice bureau's answer (see status_after)
}
# not a decision on an application: a step of the center's handling of a station's complaint, sent to that station
# in the same stream (sync/server/complaint_handling.py); its application columns name the complaint
COMPLAINT_EVENT = "complaint"
# Art. 49: the justice bureau upholds the refusal or termination (维持), or orders the center to correct it (责令改正)
UPHELD, CORRECTED = "upheld", "corrected"
OBJECTION_OUTCOMES = (UPHELD, CORRECTED)


def status_after(decisions: Iterable[tuple[str, Mapping[str, Any]]]) -> str | None:
    """An application's status after its decisions (kind, data), oldest first: the latest decision's that sets one.
    An objection the justice bureau upheld changes nothing; one it ordered corrected reopens a refused application
    for a new decision (accepted: the center decides again) and gives back aid that was terminated (the status
    before the termination)."""
    status: str | None = None
    before: str | None = None
    for kind, data in decisions:
        if kind == "objection" and data.get("outcome") == CORRECTED and status in ("refused", "terminated"):
            status = "accepted" if status == "refused" else before
        elif EVENT_KINDS.get(kind):
            before, status = status, EVENT_KINDS[kind]
    return status


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_json_gzip(value: Any) -> bytes:
    """Canonical JSON, gzip-compressed (mtime 0, so the same value gives the same bytes)."""
    return gzip.compress(canonical_json(value).encode("utf-8"), compresslevel=6, mtime=0)


def decode_json_gzip(body: bytes, limit: int = MAX_BATCH_JSON_BYTES, shape: bool = True) -> Any:
    """Inverse of encode_json_gzip; raises ValueError on damaged, oversized (inflated beyond `limit`, read no
    further) or, with `shape`, too deep, too wide or too long input (sync/limits.py)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            raw = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"not a gzip body: {exc}") from exc
    if len(raw) > limit:
        raise ValueError(f"more than {limit} bytes inflated")
    return loads_bounded(raw, shape=shape)


def loads_bounded(raw: bytes | str, *, shape: bool = True, max_string: int = MAX_CHANGE_BYTES) -> Any:
    """JSON from another machine: ValueError (never RecursionError) when unreadable or beyond the limits."""
    long_integer = False
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        try:
            value = _SHORT_INTEGERS.decode(text)
        except _LongInteger:
            long_integer = True  # read again as it is, then walked: its integers may be past 64 bits
            value = json.loads(text)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"unreadable JSON: {type(exc).__name__}") from exc
    max_items = max(MAX_BATCH_CHANGES, MAX_CONTAINER_ITEMS)
    if shape and (long_integer or not _within_shape(text, max_items, max_string)):
        check_json_shape(value, max_items=max_items, max_string=max_string)
    return value


def _within_shape(text: str, max_items: int, max_string: int) -> bool:
    """The JSON text itself proves its value within the limits, at C speed (the county reads 25,000 changes a round;
    walking each one's value cost a tenth of its time): no string longer than the text, no container with more
    items than commas, no deeper nesting than brackets (its integers are shorter than 19 characters: `_short_int`)."""
    return (len(text) <= max_string and text.count(",") < max_items
            and text.count("{") + text.count("[") <= MAX_JSON_DEPTH)


class _LongInteger(Exception):
    """An integer of 19 characters or more while parsing: it may be past 64 bits, so the value is walked."""


def _short_int(digits: str) -> int:
    # the parser hands over each integer's text: a length is cheaper than searching the whole text for 19 digits in a
    # row (a regular expression over every change's text cost the county 7 us a change, a seventh of its reading)
    if len(digits) > 18:
        raise _LongInteger
    return int(digits)


_SHORT_INTEGERS = json.JSONDecoder(parse_int=_short_int)


def batch_cut(payloads: list[str], limit_bytes: int = STATION_BATCH_BYTES) -> int:
    """How many of `payloads` (in order) go in one batch: as many as fit in `limit_bytes`, at least one."""
    total = 0
    for i, payload in enumerate(payloads):
        total += len(payload.encode("utf-8")) + 200  # the entry's id, hash and JSON quoting
        if total > limit_bytes and i:
            return i
    return len(payloads)


def change_entry(change_id: str, payload: str, sha256: str) -> dict[str, str]:
    return {"change_id": change_id, "sha256": sha256, "payload": payload}


def signing_string(method: str, path: str, station: str, timestamp: str, nonce: str, clock_offset: str,
                   length: str, body_sha256: str) -> bytes:
    """What a station signs (protocol 2): every header value that matters, the body by its length and hash."""
    return "\n".join([SIGNING_TAG, method.upper(), path, station, timestamp, nonce, clock_offset, length,
                      body_sha256]).encode("utf-8")


def answer_signing_string(nonce: str, method: str, path: str, station: str, status: int, server_time: str,
                          body: bytes) -> bytes:
    """What the county signs in an answer: the request it answers, its status and time, the body's hash."""
    return "\n".join([ANSWER_TAG, nonce, method.upper(), path, station, str(status), server_time,
                      sha256_hex(body)]).encode("utf-8")


def sign_request(sign: Callable[[bytes], bytes], station: str, method: str, path: str, body: bytes,
                 now: float, clock_offset: int = 0, body_sha256: str | None = None) -> dict[str, str]:
    """The authentication headers for one request (a fresh nonce every time, also on a retry). `now` is the
    station's clock; `clock_offset` (station minus county, as last measured) turns it into county time.
    `body_sha256`: the body's SHA-256 when the caller hashed these very bytes already (a whole file)."""
    timestamp, offset = str(int(now) - clock_offset), str(clock_offset)
    nonce = secrets.token_hex(16)
    length, digest = str(len(body)), body_sha256 or sha256_hex(body)
    signature = sign(signing_string(method, path, station, timestamp, nonce, offset, length, digest))
    return {H_PROTOCOL: str(PROTOCOL_VERSION), H_STATION: station, H_TIMESTAMP: timestamp, H_NONCE: nonce,
            H_CLOCK_OFFSET: offset, H_CONTENT_LENGTH: length, H_CONTENT_SHA256: digest, H_SIGNATURE: b64(signature)}


# -- certificates ---------------------------------------------------------------------------------

def certificate_body(cert: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in cert.items() if k != "signature"}).encode("utf-8")


def make_certificate(fields: dict[str, Any], sign: Callable[[bytes], bytes]) -> dict[str, Any]:
    cert = dict(fields)
    cert["signature"] = b64(sign(certificate_body(cert)))
    return cert


def verify_certificate(cert: dict[str, Any], issuer_public_key: bytes) -> bool:
    from sync.identity import verify_signature

    try:
        return verify_signature(issuer_public_key, unb64(cert["signature"]), certificate_body(cert))
    except (KeyError, ValueError, TypeError):
        return False


def verify_county_certificate(cert: dict[str, Any]) -> bytes:
    """The county's public key from its self-signed certificate; ValueError when it does not verify."""
    from sync.identity import key_id_of

    try:
        public_key = unb64(cert["public_key"])
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError("the county certificate is damaged") from exc
    if cert.get("kind") != "county" or cert.get("key_id") != key_id_of(public_key) \
            or not verify_certificate(cert, public_key):
        raise ValueError("the county certificate does not verify")
    return public_key
