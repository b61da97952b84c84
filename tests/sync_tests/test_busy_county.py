"""Issue 17: a county too busy to store a batch in time says "busy, come back in N s" before it reads the batch,
and the station waits and sends it again in the same round: slower, never failed, nothing lost or doubled."""

from __future__ import annotations

import json

from helpers.county import raw_request
from sync.limits import MAX_RETRY_AFTER_SECONDS
from sync.protocol import H_COUNTY_SIGNATURE, H_NONCE, H_SERVER_TIME, H_STATION, answer_signing_string, unb64
from sync.identity import verify_signature
from sync.outbox import pending_count
from sync.trust import pinned
from sync_tests.test_sync import engine, outbox, record_some


def admission_of(county):
    """The running county's admission control (the app's own, as the server uses it)."""
    return county.server.config.app.state.admission


def test_a_busy_county_turns_the_batch_away_and_the_round_still_completes(enrolled, county):
    record_some(enrolled)
    admission = admission_of(county)
    admission.least, admission.most = 0, 1  # a tiny county: one batch at a time
    assert admission.admit() == 0  # another station's batch is being stored: the only place is taken
    waits: list[float] = []

    def wait(seconds: float) -> None:  # the station waits as told; meanwhile the other batch is stored
        waits.append(seconds)
        if len(waits) == 1:
            admission.done()

    result = engine(enrolled, sleep=wait).sync_round()
    assert waits and all(0.8 <= w <= 1.2 * MAX_RETRY_AFTER_SECONDS for w in waits)
    assert result.complete and result.error is None and result.pushed == len(outbox(enrolled))
    assert all(acked for _cid, _sha, acked, _why in outbox(enrolled))
    assert county.store.change_count("TS01") == len(outbox(enrolled))  # each change once
    assert admission.depth == 0  # every place taken was given back


def test_a_round_that_outwaits_a_busy_county_ends_quietly_and_the_next_round_sends_the_rest(enrolled, county):
    record_some(enrolled)
    waiting = pending_count(enrolled.station.db)
    admission = admission_of(county)
    admission.least, admission.most = 0, 0  # busy for as long as this lasts
    waits: list[float] = []
    result = engine(enrolled, sleep=waits.append).sync_round()
    assert result.error_code == "busy" and result.error_zh == "县里服务器繁忙，稍后自动重试。"
    assert result.pending == waiting and county.store.change_count("TS01") == 0  # nothing sent, nothing lost
    admission.least, admission.most = 2, 32
    again = engine(enrolled).sync_round()
    assert again.complete and county.store.change_count("TS01") == waiting


def test_the_busy_answer_is_signed_bound_to_its_request_and_given_before_the_body(enrolled, county):
    """A station that promised a batch and sent none of it still hears "busy" at once: the body is not read."""
    admission = admission_of(county)
    admission.least, admission.most = 0, 0
    head = (f"POST /v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\n{H_NONCE}: nonce-of-this-request\r\n"
            f"{H_STATION}: TS01\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
            "Content-Length: 4000000\r\n\r\n")
    status, headers, body = raw_request(county.port, head)  # ... and not one byte of the 4 MB
    assert b" 503 " in status
    busy = json.loads(body)
    assert busy["error"] == "busy" and 1 <= busy["retry_after"] <= MAX_RETRY_AFTER_SECONDS
    assert headers["retry-after"] == str(busy["retry_after"])
    signed = answer_signing_string("nonce-of-this-request", "POST", "/v1/changes", "TS01", 503,
                                   headers[H_SERVER_TIME.lower()], body)
    assert verify_signature(pinned(enrolled.station.db).county_key, unb64(headers[H_COUNTY_SIGNATURE.lower()]), signed)


