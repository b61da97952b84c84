"""Issue 17: a county whose chunk bytes are all taken says "busy" to a file upload before reading a byte of it, signed
and bound to that request, whoever asks; a length it cannot trust counts as the largest chunk, and a chunk refused
later (unsigned, too long) gives its place back at once."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
import requests

from helpers.county import county_process, enrolled_county, raw_request
from sync.identity import verify_signature
from sync.limits import MAX_CHUNK_BYTES, MAX_RETRY_AFTER_SECONDS, SERVER_RSS_CEILING_BYTES
from sync.protocol import H_COUNTY_SIGNATURE, H_NONCE, H_SERVER_TIME, H_STATION, answer_signing_string, unb64
from sync.trust import pinned
from sync_tests.hostile.conftest import Hostile
from sync_tests.hostile.test_bounds import _vm
from sync_tests.test_busy_uploads import uploads_of

SHA = "ab" * 32
FLOOD = 24
PATH = f"/v1/files/{SHA}?offset=0"


def test_a_chunk_at_a_full_county_hears_busy_before_its_body_signed_for_its_request(enrolled, county):
    uploads = uploads_of(county)
    uploads.least, uploads.most = 0, 0
    head = (f"PUT {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n{H_NONCE}: nonce-of-this-chunk\r\n{H_STATION}: TS01\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {MAX_CHUNK_BYTES}\r\n\r\n")
    status, headers, body = raw_request(county.port, head)  # ... and not one byte of the 16 MiB
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
    status, _headers, _body = raw_request(county.port, f"PUT {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           f"Content-Length: {MAX_CHUNK_BYTES + 1}\r\n\r\n")
    assert b" 413 " in status  # never admitted, never read
    for _ in range(5):  # unsigned chunks: refused at their headers, each place given back
        answer = requests.put(county.url + PATH, data=b"x" * 1024, timeout=30)
        assert answer.status_code == 401
    assert uploads.depth == 0 and uploads.peak <= 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's peak memory from /proc")
def test_a_flood_of_the_largest_chunks_at_once_keeps_the_county_under_its_memory_ceiling(tmp_path):
    """24 signed chunks of 16 MiB sent at the same moment (384 MiB of bodies): the county reads only what its
    bound takes, turns the rest away unread, and its memory stays under the ceiling."""
    key = enrolled_county(tmp_path / "county")
    with county_process(tmp_path / "county") as (server, url):
        hostile = Hostile(type("C", (), {"url": url})(), "EV01", key)
        chunk = os.urandom(MAX_CHUNK_BYTES)
        together = threading.Barrier(FLOOD)
        answers: list[int | str] = []

        def send(i: int) -> None:
            together.wait()
            try:
                answers.append(hostile.send("PUT", f"/v1/files/{i:064x}?offset=0", chunk, gzip=False).status_code)
            except requests.ConnectionError:  # turned away while still sending: the county closed, unread
                answers.append("closed")

        senders = [threading.Thread(target=send, args=(i,)) for i in range(FLOOD)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
        peak = _vm(server.pid, "VmHWM")
    assert len(answers) == FLOOD and 200 in answers  # the county took what it could (status "unknown": no manifest)
    assert set(answers) <= {200, 503, "closed"}, answers
    print(f"county server peak RSS after {FLOOD} chunks of {MAX_CHUNK_BYTES // 2**20} MiB at once: "
          f"{peak / 2**20:.0f} MiB (answers {sorted(map(str, answers))})")
    assert peak < SERVER_RSS_CEILING_BYTES


def test_an_admitted_chunk_that_stalls_is_dropped_and_gives_its_place_back(enrolled, county):
    """An enrolled station (or a link gone quiet) promises a chunk, sends part of it and then nothing: the county
    does not wait forever holding its admitted bytes; after the stall time it refuses the request and the place is
    free again for the next station's chunk."""
    from sync_tests.test_attachment_upload import engine

    gate = county.server.config.app.state.gate
    gate.stall_seconds = 1.0
    uploads = uploads_of(county)
    signed = engine(enrolled).transport.signed_headers("PUT", PATH, b"x" * 4096)
    head = f"PUT {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4096\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in signed.items()) + "\r\n"
    status, _headers, body = raw_request(county.port, head, b"x" * 100)  # a hundred bytes of 4,096, then silence
    assert b" 400 " in status and json.loads(body)["error"] == "bad_batch"
    assert uploads.depth == 0
