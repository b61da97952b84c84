"""Issue 17: a county whose chunk bytes are all taken says "busy" to a file upload before reading a byte of it, signed
and bound to that request, whoever asks; a length it cannot trust counts as the largest chunk, and a chunk refused
later (unsigned, too long) gives its place back at once."""

from __future__ import annotations

import json
import socket

import requests

from sync.identity import verify_signature
from sync.limits import MAX_CHUNK_BYTES, MAX_RETRY_AFTER_SECONDS
from sync.protocol import H_COUNTY_SIGNATURE, H_NONCE, H_SERVER_TIME, H_STATION, answer_signing_string, unb64
from sync.trust import pinned
from sync_tests.test_busy_county import _length
from sync_tests.test_busy_uploads import uploads_of

SHA = "ab" * 32
PATH = f"/v1/files/{SHA}?offset=0"


def _raw(county, head: str) -> tuple[bytes, dict[str, str], bytes]:
    """Send request headers only (no byte of the promised body); the county's status line, headers and body."""
    with socket.create_connection(("127.0.0.1", county.port), timeout=30) as conn:
        conn.sendall(head.encode("ascii"))
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < _length(answer):
            part = conn.recv(65536)
            assert part, f"the county closed without an answer: {answer!r}"
            answer += part
    status, rest = answer.split(b"\r\n", 1)
    headers_text, body = rest.split(b"\r\n\r\n", 1)
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in
                                                          headers_text.decode("latin-1").split("\r\n"))}
    return status, headers, body


def test_a_chunk_at_a_full_county_hears_busy_before_its_body_signed_for_its_request(enrolled, county):
    uploads = uploads_of(county)
    uploads.least, uploads.most = 0, 0
    head = (f"PUT {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n{H_NONCE}: nonce-of-this-chunk\r\n{H_STATION}: TS01\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {MAX_CHUNK_BYTES}\r\n\r\n")
    status, headers, body = _raw(county, head)  # ... and not one byte of the 16 MiB
    assert b" 503 " in status
    busy = json.loads(body)
    assert busy["error"] == "busy" and 1 <= busy["retry_after"] <= MAX_RETRY_AFTER_SECONDS
    assert headers["retry-after"] == str(busy["retry_after"])
    signed = answer_signing_string("nonce-of-this-chunk", "PUT", PATH, "TS01", 503, headers[H_SERVER_TIME.lower()],
                                   body)
    assert verify_signature(pinned(enrolled.station.db).county_key, unb64(headers[H_COUNTY_SIGNATURE.lower()]), signed)
    assert uploads.depth == 0


def test_a_length_past_a_chunk_is_refused_and_anonymous_chunks_give_their_place_back(county):
    uploads = uploads_of(county)
    status, _headers, _body = _raw(county, f"PUT {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           f"Content-Length: {MAX_CHUNK_BYTES + 1}\r\n\r\n")
    assert b" 413 " in status  # never admitted, never read
    for _ in range(5):  # unsigned chunks: refused at their headers, each place given back
        answer = requests.put(county.url + PATH, data=b"x" * 1024, timeout=30)
        assert answer.status_code == 401
    assert uploads.depth == 0 and uploads.peak <= 1024
