"""What travels between a station and the county server (both ends use this module).

Change batches
    POST /v1/changes, body = gzip(canonical JSON {"station": CODE, "changes": [CHANGE, ...]}),
    CHANGE = {"change_id", "sha256", "payload"} where `payload` is the outbox row's canonical
    JSON text exactly as the station stored it and `sha256` its hex SHA-256.
Acknowledgements
    {"acks": [{"change_id", "status": "accepted" | "duplicate" | "rejected", "reason"}], "clock_skew_seconds"}.
    "duplicate" = that change_id with that sha256 was already applied (a re-send); the station
    treats it like "accepted". The same change_id with other content is "rejected" ("conflicting
    content") and the county's copy is never overwritten.
County events
    GET /v1/events?after=CURSOR -> {"events": [EVENT, ...], "cursor": N, "more": bool}; EVENT =
    {"seq", "event_id", "kind", "application_number", "application_id", "status", "at", "by", "data"}.
    `seq` is the server's sequence: the cursor. Kinds: EVENT_KINDS below.
Reference data (the county's roster and townships' registered population)
    GET /v1/reference?since=V -> {"version": N, "updated_at", "lawyers": [LAWYER, ...], "townships":
    [{"name", "registered_population"}, ...]}, or {"version": N, "unchanged": true} when V == N.
    LAWYER = {"id", "name", "kind": "lawyer" | "law_firm" | "center_staff", "organisation",
    "years_of_practice", "minors_familiar", "phone", "active"} (inactive members are included so old
    assignments still have a name). N grows by one on every change at the county; the station sends
    the version it holds and replaces its copy whole (sync/reference.py). The same payload can travel
    in a USB reply bundle.
Request signing
    The station signs  METHOD \\n PATH?QUERY \\n TIMESTAMP \\n NONCE \\n SHA256(BODY)  with its Ed25519
    key (headers X-Station, X-Timestamp, X-Nonce, X-Signature). The server checks the signature
    against the enrolled public key, refuses a nonce it has seen (replay) and a revoked station.
    The timestamp is the station's clock: it is never used to order anything and a skew is never
    refused; the server reports it (header X-Clock-Skew and field "clock_skew_seconds").
Response signing
    The server signs SHA256(BODY) of every /v1/changes, /v1/events and /v1/reference answer with the county key
    (header X-County-Signature); the station checks it with the county certificate it pinned at
    enrollment, so a forged or truncated acknowledgement is never taken for one.
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
from typing import Any, Callable

from desktop.records.canonical import canonical_json
from desktop.records.i18n import QT_TRANSLATE_NOOP

PROTOCOL_VERSION = 1
BATCH_SIZE = 200
SKEW_WARNING_SECONDS = 5 * 60
NONCE_TTL_SECONDS = 30 * 24 * 3600  # nonces are remembered this long (not tied to the station's clock)
MAX_BATCH_BYTES = 64 * 1024 * 1024  # decompressed

ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"
CONFLICTING_CONTENT = "conflicting content"

H_STATION, H_TIMESTAMP, H_NONCE, H_SIGNATURE = "X-Station", "X-Timestamp", "X-Nonce", "X-Signature"
H_SKEW, H_COUNTY_SIGNATURE = "X-Clock-Skew", "X-County-Signature"

# the "format" of an enrollment carried as a file on a USB stick (sync/enrollment.py; the county's enroll-file)
ENROLLMENT_REQUEST, ENROLLMENT_ANSWER = "legal-aid-enrollment-request", "legal-aid-enrollment-answer"

# The county's refusals: an error answer is {"error": CODE, "message": English detail, "message_zh": REFUSALS[CODE]
# in Chinese}; the station words a refusal by its code the same way (translation context "Sync").
REFUSALS: dict[str, str] = {
    "unauthenticated": QT_TRANSLATE_NOOP("Sync", "The request carries no station signature; the county refused it."),
    "unknown_station": QT_TRANSLATE_NOOP("Sync", "The county does not know this station (not enrolled yet, or the "
                                                 "enrollment code is not valid). Contact the county legal-aid center."),
    "bad_signature": QT_TRANSLATE_NOOP("Sync", "The request's signature is not valid; the county refused it. Check "
                                               "that this computer's station key is the one that was enrolled."),
    "replayed": QT_TRANSLATE_NOOP("Sync", "The county refused a request it had received before (a suspected replay)."),
    "revoked": QT_TRANSLATE_NOOP("Sync", "The county legal-aid center has revoked this station; it can no longer "
                                         "sync. Contact the county."),
    "bad_batch": QT_TRANSLATE_NOOP("Sync", "The data sent was damaged and the county could not read it; it is sent "
                                           "again at the next sync."),
    "enrollment_refused": QT_TRANSLATE_NOOP("Sync", "Enrollment failed: the enrollment code is not valid or was used "
                                                    "already. Ask the county for a new enrollment code."),
    "bad_file": QT_TRANSLATE_NOOP("Sync", "The material upload request is not valid; the county refused it."),
    "too_large": QT_TRANSLATE_NOOP("Sync", "The data sent is too large; the county refused it."),
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
}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_json_gzip(value: Any) -> bytes:
    """Canonical JSON, gzip-compressed (mtime 0, so the same value gives the same bytes)."""
    return gzip.compress(canonical_json(value).encode("utf-8"), compresslevel=6, mtime=0)


def decode_json_gzip(body: bytes, limit: int = MAX_BATCH_BYTES) -> Any:
    """Inverse of encode_json_gzip; raises ValueError on damaged or oversized input."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            raw = f.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise ValueError(f"not a gzip body: {exc}") from exc
    if len(raw) > limit:
        raise ValueError("batch too large")
    return json.loads(raw.decode("utf-8"))


def change_entry(change_id: str, payload: str, sha256: str) -> dict[str, str]:
    return {"change_id": change_id, "sha256": sha256, "payload": payload}


def signing_string(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    return "\n".join([method.upper(), path, timestamp, nonce, sha256_hex(body)]).encode("utf-8")


def sign_request(sign: Callable[[bytes], bytes], station: str, method: str, path: str, body: bytes,
                 now: float) -> dict[str, str]:
    """The authentication headers for one request (a fresh nonce every time, also on a retry)."""
    timestamp = str(int(now))
    nonce = secrets.token_hex(16)
    signature = sign(signing_string(method, path, timestamp, nonce, body))
    return {H_STATION: station, H_TIMESTAMP: timestamp, H_NONCE: nonce, H_SIGNATURE: b64(signature)}


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
