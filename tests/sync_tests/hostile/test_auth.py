"""Issue #15, M7, L9, L12, L15: who is asking is checked from the signed headers before a byte of the body is
read; unknown and unsigned look alike; old, stale and replayed requests are refused; failed authentication is
throttled and logged; the schema is not public; a percent-encoded signed path verifies."""

from __future__ import annotations

import logging
import socket
import time

import requests

from sync.identity import StationKey
from sync.limits import AUTH_FAILURES_PER_MINUTE, MAX_BATCH_BODY_BYTES, NONCE_TTL_SECONDS, REQUEST_WINDOW_SECONDS
from sync.protocol import encode_json_gzip
from sync_tests.hostile.conftest import Hostile


def raw(county, head: str, body: bytes = b"") -> bytes:
    """Headers (and a little of a body) on a raw socket; the county must answer without waiting for the rest."""
    with socket.create_connection(("127.0.0.1", county.port), timeout=10) as s:
        s.sendall(head.encode("ascii") + body)
        return s.recv(65536)


def test_no_body_is_read_before_the_signature_over_its_length_and_hash_is_checked(hostile, county):
    from sync.protocol import sign_request

    declared = MAX_BATCH_BODY_BYTES  # as much as the route takes; only 1,000 bytes are ever sent
    anonymous = raw(county, f"POST /v1/changes HTTP/1.1\r\nHost: x\r\nContent-Length: {declared}\r\n\r\n",
                    b"x" * 1000)
    assert anonymous.startswith(b"HTTP/1.1 401")
    # a known station's code with a signature by another key (the 8 parallel posts buffered 1.2 GB):
    # the county answers from the headers, while the body is still "coming"
    impostor = StationKey.generate()
    headers = sign_request(impostor.sign, "EV01", "POST", "/v1/changes", b"y" * declared, time.time())
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    forged = raw(county, f"POST /v1/changes HTTP/1.1\r\nHost: x\r\n{head}Content-Length: {declared}\r\n\r\n",
                 b"y" * 1000)
    assert forged.startswith(b"HTTP/1.1 401")
    # the length is part of what is signed: changing it to get past the route's limit breaks the signature
    body = b"x" * 10
    headers = sign_request(hostile.key.sign, "EV01", "POST", "/v1/changes", body, time.time())
    headers["X-Content-Length"] = str(declared - 1)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    assert raw(county, f"POST /v1/changes HTTP/1.1\r\nHost: x\r\n{head}Content-Length: {declared - 1}\r\n\r\n",
               body).startswith(b"HTTP/1.1 401")


def test_a_body_that_is_not_the_signed_one_is_refused_and_nothing_is_applied(hostile, county):
    from sync.protocol import sign_request
    from tests.unit.test_store import application

    good = encode_json_gzip({"station": "EV01", "changes": [
        hostile.change("application", application(number="EV01-2026-00001"))]})
    other = encode_json_gzip({"station": "EV01", "changes": [
        hostile.change("application", application(number="EV01-2026-00002"))]})
    headers = sign_request(hostile.key.sign, "EV01", "POST", "/v1/changes", good, time.time())
    headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
    swapped = requests.post(county.url + "/v1/changes", data=other, headers=headers, timeout=10)
    assert swapped.status_code == 400 and county.store.change_count() == 0


def test_an_unknown_station_and_a_bad_signature_get_the_same_answer(hostile, county):
    stranger = Hostile(county, "NOBODY", StationKey.generate())
    impostor = Hostile(county, "EV01", StationKey.generate())
    answers = [stranger.send("GET", "/v1/events?after=0"), impostor.send("GET", "/v1/events?after=0"),
               requests.get(county.url + "/v1/events?after=0", timeout=10)]
    assert {a.status_code for a in answers} == {401}
    assert len({(a.json()["error"], a.json()["message"], a.json()["message_zh"]) for a in answers}) == 1
    assert "无法核实本工作站" in answers[0].json()["message_zh"]


def test_a_request_outside_the_time_window_is_refused_and_nonces_outlive_the_window(hostile, county):
    stale = hostile.send("GET", "/v1/events?after=0", now=time.time() - REQUEST_WINDOW_SECONDS - 60)
    assert stale.status_code == 401 and stale.json()["error"] == "clock"
    assert "X-Server-Time" in stale.headers  # signed: the station corrects its offset from it
    # a request captured now can be replayed only inside the window, and its nonce is remembered that long
    fresh = hostile.send("GET", "/v1/events?after=0")
    assert fresh.status_code == 200
    replay = requests.get(county.url + "/v1/events?after=0", headers=dict(fresh.request.headers), timeout=10)
    assert replay.status_code == 409 and replay.json()["error"] == "replayed"
    nonce = fresh.request.headers["X-Nonce"]
    expires = county.store.conn().execute("SELECT expires FROM nonces WHERE nonce = ?", (nonce,)).fetchone()[0]
    assert expires >= int(fresh.request.headers["X-Timestamp"]) + REQUEST_WINDOW_SECONDS
    assert NONCE_TTL_SECONDS > 2 * REQUEST_WINDOW_SECONDS


def test_a_batch_and_a_file_write_their_nonce_with_what_they_store_and_a_replay_after_a_lost_commit_doubles_nothing(
        hostile, county, tmp_path):
    """A batch's nonce is written in the batch's own transaction, a whole file's with the file (one fsync each, not
    two). A crash before that commit loses the nonce and the effect together: the county folder as it was before
    the requests stands for it here. The captured requests replayed then are taken once - the changes the station
    sends anyway, idempotent by change id; the file, by its hash - and then refused as replays."""
    import base64
    import hashlib
    import shutil
    import uuid

    from desktop.records.canonical import canonical_json
    from helpers.county import start_server
    from sync.server.county import CountyStore
    from sync_tests.hostile.conftest import acks_of
    from tests.unit.test_store import application

    content = b"%PDF-1.7\n" + bytes(range(256)) * 40
    digest, application_id = hashlib.sha256(content).hexdigest(), str(uuid.uuid4())
    manifest = {"attachment_id": "scan-1", "record_type": "application", "record_id": application_id,
                "slot": "id_copy", "sha256": digest, "size": len(content), "media_type": "application/pdf",
                "original_name": "身份证.pdf", "station": "EV01", "key_id": hostile.key.key_id}
    signature = base64.b64encode(hostile.key.sign(canonical_json(manifest).encode("utf-8"))).decode("ascii")
    changes = [hostile.change("application", application(number="EV01-2026-00001"), record_id=application_id),
               hostile.change("attachment", {"manifest": manifest, "signature": signature}, record_id="scan-1")]

    county.stop()
    before = tmp_path / "before"
    shutil.copytree(county.data_dir, before)  # the data key's location comes along: the copy opens
    county.restart()
    batch = hostile.push(changes)
    assert [a["status"] for a in acks_of(batch)] == ["accepted"] * 2
    upload = hostile.send("PUT", f"/v1/files/{digest}?offset=0", content, gzip=False)
    assert upload.status_code == 200 and upload.json()["status"] == "complete"
    county.restart()  # committed with the batch and with the file, the nonces outlive the server
    assert [hostile.session.send(r.request, timeout=10).status_code for r in (batch, upload)] == [409, 409]

    county.stop()
    server, thread = start_server(before, county.port)  # the county as if neither commit had happened
    try:
        assert [a["status"] for a in acks_of(hostile.session.send(batch.request, timeout=10))] == ["accepted"] * 2
        assert hostile.session.send(upload.request, timeout=10).json()["status"] == "complete"
        again = [hostile.session.send(r.request, timeout=10) for r in (batch, upload)]
        assert [(a.status_code, a.json()["error"]) for a in again] == [(409, "replayed")] * 2
        assert [a["status"] for a in acks_of(hostile.push(changes))] == ["duplicate"] * 2  # the station's resend
        store = CountyStore(before)
        assert store.change_count("EV01") == 2 and len(store.records("EV01")) == 2
        assert store.files.state("EV01", digest).status == "complete"
        with store.files.open(digest) as opened:
            assert opened.read() == content
    finally:
        server.should_exit = True
        thread.join(timeout=5)
    county.restart()
    assert CountyStore(county.data_dir).change_count("EV01") == 2  # nothing doubled on the county that stored it


def test_a_station_clock_days_off_still_syncs_by_the_countys_time(enrolled, county):
    from sync_tests.test_sync import engine, record_some

    record_some(enrolled, 1, 1)
    result = engine(enrolled, clock=lambda: time.time() + 3 * 86400).sync_round()
    assert result.complete and 3 * 86400 - 60 < result.clock_skew_seconds < 3 * 86400 + 60


def test_failed_authentication_is_throttled_per_address_and_logged(hostile, county, caplog):
    impostor = Hostile(county, "EV01", StationKey.generate())
    with caplog.at_level(logging.WARNING, logger="sync.server.auth"):
        codes = [impostor.send("GET", "/v1/events?after=0").status_code for _ in range(AUTH_FAILURES_PER_MINUTE + 2)]
    assert codes[:AUTH_FAILURES_PER_MINUTE] == [401] * AUTH_FAILURES_PER_MINUTE
    assert codes[-1] == 429
    assert hostile.send("GET", "/v1/events?after=0").status_code == 429  # from that address, for a minute
    assert sum("failed authentication from 127.0.0.1" in r.getMessage() for r in caplog.records) >= \
        AUTH_FAILURES_PER_MINUTE
    # the admin token is guessed no faster
    guesses = [requests.get(county.url + "/v1/admin/stations", headers={"Authorization": f"Bearer guess{i}"},
                            timeout=10).status_code for i in range(3)]
    assert guesses == [401] * 3


def test_admin_token_guessing_is_throttled(county, capsys):
    from sync.server.__main__ import main as server_cli

    assert server_cli(["admin-token", "--data-dir", str(county.data_dir)]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    ask = lambda t: requests.get(county.url + "/v1/admin/stations", headers={"Authorization": f"Bearer {t}"},
                                 timeout=10).status_code
    assert ask(token) == 200
    assert [ask(f"guess{i}") for i in range(AUTH_FAILURES_PER_MINUTE)] == [401] * AUTH_FAILURES_PER_MINUTE
    assert ask(token) == 401  # even the right token waits: guessing costs a minute per 20 tries


def test_a_station_of_the_old_protocol_is_told_to_update_in_chinese(enrolled, county):
    import hashlib

    from sync.transport import refusal

    body = encode_json_gzip({"station": "TS01", "changes": []})
    timestamp, nonce = str(int(time.time())), "0" * 32
    old = "\n".join(["POST", "/v1/changes", timestamp, nonce, hashlib.sha256(body).hexdigest()]).encode()
    import base64

    headers = {"X-Station": "TS01", "X-Timestamp": timestamp, "X-Nonce": nonce,
               "X-Signature": base64.b64encode(enrolled.key.sign(old)).decode(), "Content-Encoding": "gzip"}
    answer = requests.post(county.url + "/v1/changes", data=body, headers=headers, timeout=10)
    assert answer.status_code == 403 and answer.json()["error"] == "update_required"
    # an old station words an unknown code with the county's Chinese: this is what its clerk reads
    assert "请更新程序" in refusal(answer).message_zh


def test_the_schema_and_docs_are_not_public(county):
    for path in ("/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"):
        assert requests.get(county.url + path, timeout=10).status_code == 404


def test_a_percent_encoded_signed_path_verifies(enrolled, county):
    from sync_tests.test_sync import engine

    transport = engine(enrolled).transport
    answer = transport.request("GET", "/v1/events?after=0&limit=10&note=%E4%B8%AD%20%41", b"")
    assert answer["events"] == [] and answer["cursor"] == 0
    assert transport.request("GET", "/v1/reference?since=0&x=a%2Fb", b"")["version"] >= 0


def test_a_laptop_the_county_revoked_and_replaced_is_told_it_was_revoked(enrolled, county):
    """Issue #10, 18: registering the station again for a new laptop must not make the old one "unknown"."""
    from sync_tests.test_sync import engine, record_some

    record_some(enrolled, 1, 0)
    county.store.revoke_station("TS01", "电脑丢失")
    county.store.add_station("TS01", "测试镇法律援助工作站", "测试镇", "fixed")  # a new code for the new laptop
    result = engine(enrolled).sync_round()
    assert result.error_code == "revoked" and "撤销" in result.error_zh
    assert county.store.change_count() == 0


def test_enrollment_and_the_admin_api_take_no_large_body_either(county):
    """The framework reads a JSON body whole before any check: the county refuses a large one before it is read."""
    for path in ("/v1/enroll", "/v1/admin/applications/X/decisions"):
        answer = raw(county, f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             f"Content-Length: {512 * 1024 * 1024}\r\n\r\n", b"{" * 1000)
        assert answer.startswith(b"HTTP/1.1 413"), (path, answer[:100])
    chunked = requests.post(county.url + "/v1/enroll", data=(b"x" * 65536 for _ in range(4)), timeout=10,
                            headers={"Content-Type": "application/json"})  # no length declared: cut off at 64 KiB
    assert chunked.status_code in (400, 413)


def test_the_certificates_route_is_authenticated_bounded_and_answered_bound_to_its_request(hostile, county):
    """POST /v1/certificates (a station enrolled before the county root asks for its X.509 certificates, or renews)
    is a station request like the others: checked from its headers before its body, bounded, its answer bound."""
    from sync import certificates as certs
    from sync.identity import DocumentKey, verify_signature
    from sync.limits import MAX_SMALL_BODY_BYTES
    from sync.protocol import H_COUNTY_SIGNATURE, H_NONCE, H_SERVER_TIME, answer_signing_string, unb64
    from sync.trust import check_answer

    anonymous = raw(county, "POST /v1/certificates HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\n", b"x" * 1000)
    assert anonymous.startswith(b"HTTP/1.1 401")
    too_big = raw(county, f"POST /v1/certificates HTTP/1.1\r\nHost: x\r\nContent-Length: {MAX_SMALL_BODY_BYTES + 1}"
                          "\r\n\r\n", b"x" * 1000)
    assert too_big.startswith(b"HTTP/1.1 413")
    assert hostile.send("POST", "/v1/certificates", b"x" * (MAX_SMALL_BODY_BYTES + 1)).status_code == 413
    unreadable = hostile.send("POST", "/v1/certificates", b"not gzip at all")
    assert unreadable.status_code == 400 and unreadable.json()["error"] == "bad_request"
    long_request = encode_json_gzip({"document_request": "A" * 5000})  # a P-256 request is about 500 characters
    assert hostile.send("POST", "/v1/certificates", long_request).status_code == 413

    document_key = DocumentKey.generate()
    body = encode_json_gzip({"document_request": document_key.certificate_request("EV01").decode("ascii")})
    answer = hostile.send("POST", "/v1/certificates", body)
    assert answer.status_code == 200, answer.text

    def bound_to(nonce: str) -> bool:
        signed = answer_signing_string(nonce, "POST", "/v1/certificates", "EV01", 200, answer.headers[H_SERVER_TIME],
                                       answer.content)
        return verify_signature(county.store.key().public_key_bytes, unb64(answer.headers[H_COUNTY_SIGNATURE]), signed)

    assert bound_to(answer.request.headers[H_NONCE]) and not bound_to("0" * 32)  # this request's answer, no other's
    check_answer(answer.json(), hostile.key, document_key, "EV01",
                 root_fingerprint=certs.normalise_fingerprint(county.fingerprint))
    replayed = hostile.session.send(answer.request, timeout=10)  # the same signed request again
    assert replayed.status_code == 409 and replayed.json()["error"] == "replayed"
