"""Attachment files to the county against the real server: signed manifests first, then the bytes in
resumable chunks; complete or absent, never partial; never overwritten; faults on the wire."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest

from sync.engine import SyncEngine

from sync.server.files import COMPLETE, PARTIAL
from sync.status import describe
from sync.uploads import waiting_files, waiting_summary
from helpers.records import application
from tests.unit.test_vault import PDF, PNG

CLERK = "李芳"
CHUNK = 64 * 1024


def data_of(size: int, seed: int, head: bytes = PDF) -> bytes:
    block = hashlib.sha256(str(seed).encode()).digest()
    body = bytearray()
    counter = 0
    while len(body) < size:  # not repetitive, so the test file is not trivially compressible
        body += hashlib.sha256(block + counter.to_bytes(8, "big")).digest()
        counter += 1
    return (head + bytes(body))[:size]


def engine(services, url=None, **kw) -> SyncEngine:
    kw.setdefault("retries", 0)
    kw.setdefault("chunk_bytes", CHUNK)
    return SyncEngine(services.station.db, services.key, services.station.settings.station_code,
                      server_url=url, vault=services.vault, **kw)


def attach(services, tmp_path: Path, size: int, seed: int, record_id: str | None = None, name: str = "scan.pdf"):
    if record_id is None:
        record_id = services.station.store.save("application", application(), user=CLERK).id
    source = tmp_path / f"{seed}-{name}"
    source.write_bytes(data_of(size, seed, PNG if name.endswith(".png") else PDF))
    return services.attachments.attach("application", record_id, "id_copy", source, user=CLERK)


def county_file(county, sha256: str) -> Path:
    return county.data_dir / "files" / sha256[:2] / sha256


def county_hash(county, sha256: str) -> str:
    """The SHA-256 of the file the county holds, read through its seal (the file at rest is sealed)."""
    with county.store.files.open(sha256) as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def part_files(county) -> list[Path]:
    return list((county.data_dir / "uploads").rglob("*")) if (county.data_dir / "uploads").exists() else []


def test_files_go_up_after_their_manifests_and_are_complete_at_the_county(enrolled, county, tmp_path):
    a = attach(enrolled, tmp_path, 300_000, 1)
    b = attach(enrolled, tmp_path, 10_000, 2, name="photo.png")
    assert waiting_summary(enrolled.station.db) == (2, 310_000)
    result = engine(enrolled).sync_round()
    assert result.error is None and result.complete, describe(result)
    assert (result.files_sent, result.bytes_sent) == (2, 310_000)
    for att in (a, b):
        assert county_hash(county, att.sha256) == att.sha256
    rows = county.store.files.attachments_of("application", a.record_id)
    assert [(r["sha256"], r["received"]) for r in rows] == [(a.sha256, True)]
    assert waiting_summary(enrolled.station.db) == (0, 0)
    again = engine(enrolled).sync_round()  # nothing more to send
    assert again.files_sent == 0 and again.bytes_sent == 0 and again.complete
    assert [p for p in part_files(county) if p.is_file()] == []


def test_the_same_scan_attached_twice_goes_up_once(enrolled, county, tmp_path):
    first = attach(enrolled, tmp_path, 50_000, 7)
    second = attach(enrolled, tmp_path, 50_000, 7)  # same bytes, another application
    assert first.sha256 == second.sha256 and first.id != second.id
    result = engine(enrolled).sync_round()
    assert result.files_sent == 1 and result.bytes_sent == 50_000 and result.complete


def test_a_voided_attachment_sends_its_void_but_not_its_file(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 40_000, 3)
    enrolled.attachments.void(att.id, "传错了文件", user=CLERK)
    assert waiting_summary(enrolled.station.db) == (0, 0)
    result = engine(enrolled).sync_round()
    assert result.complete and result.files_sent == 0
    [row] = county.store.files.attachments_of("application", att.record_id)
    assert row["voided"] and not row["received"]


def test_a_manifest_not_signed_by_an_enrolled_key_is_rejected_with_a_chinese_reason(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 20_000, 4)
    db = enrolled.station.db
    change_id, payload = db.execute("SELECT change_id, payload FROM outbox WHERE record_type = 'attachment'"
                                    ).fetchone()
    import json

    from desktop.records.canonical import canonical_json
    change = json.loads(payload)
    change["data"]["manifest"]["original_name"] = "改过的名字.pdf"  # changed after signing
    text = canonical_json(change)
    with db.conn:
        db.execute("UPDATE outbox SET payload = ?, sha256 = ? WHERE change_id = ?",
                   (text, hashlib.sha256(text.encode()).hexdigest(), change_id))
    result = engine(enrolled).sync_round()
    assert result.quarantined == 1
    reason = db.execute("SELECT rejected_reason FROM outbox WHERE change_id = ?", (change_id,)).fetchone()[0]
    assert "签名" in reason
    assert not county_file(county, att.sha256).exists()  # its file never goes up
    assert result.files_pending == 1 and not result.complete


def test_a_cancelled_upload_resumes_where_the_county_copy_ends(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 10 * CHUNK + 123, 5)
    seen: list[tuple[int, int]] = []

    def cancel_after_three() -> bool:
        return len(seen) >= 4  # the first call is before any byte

    result = engine(enrolled).sync_round(progress=lambda d, t: seen.append((d, t)), cancelled=cancel_after_three)
    assert result.cancelled and result.error is None and result.files_pending == 1
    state = county.store.files.state("TS01", att.sha256)
    assert state.status == PARTIAL and state.received == 3 * CHUNK
    assert not county_file(county, att.sha256).exists()  # absent, never partial where files live
    sent: list[int] = []
    resumed = engine(enrolled).sync_round(progress=lambda d, t: sent.append(d))
    assert resumed.complete and resumed.bytes_sent == att.size - 3 * CHUNK  # nothing sent twice
    assert sent[0] == 0 and sent[-1] == att.size
    assert county_hash(county, att.sha256) == att.sha256


def closing_session():
    """One connection per request, so the proxy's faults can be aimed at one request."""
    import requests

    session = requests.Session()
    session.headers["Connection"] = "close"
    return session


@pytest.mark.parametrize("mode,after,held", [("drop_request", 20_000, 2), ("drop_response", 10, 3),
                                             ("error500", 0, 2), ("garbage", 0, 2)])
def test_a_fault_in_the_middle_of_a_file_is_resumed_in_the_same_round_from_the_countys_offset(
        enrolled, county, proxy, tmp_path, mode, after, held):
    att = attach(enrolled, tmp_path, 6 * CHUNK + 5, 6)
    assert engine(enrolled, proxy.url).sync_round(cancelled=lambda: True).pending == 0  # manifest acknowledged
    # requests of the next round: GET events, GET reference, GET file state, PUT chunk 1, PUT chunk 2,
    # PUT chunk 3 <- the fault; then the station asks where the county's copy ends and goes on from there
    proxy.fail("pass", times=5)
    proxy.fail(mode, times=1, after=after)
    hit = engine(enrolled, proxy.url, session=closing_session(), timeout=(2, 5)).sync_round()
    assert proxy.faults_injected == 6
    assert hit.complete, describe(hit)
    # a lost answer: the county kept the chunk it wrote, and it is not sent again
    assert hit.bytes_sent == att.size - (held - 2) * CHUNK
    assert county_hash(county, att.sha256) == att.sha256


def test_a_server_restart_in_the_middle_of_a_file_resumes_after_it(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 8 * CHUNK, 12)
    calls: list[int] = []
    engine(enrolled).sync_round(progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) > 4)
    assert county.store.files.state("TS01", att.sha256).received == 4 * CHUNK
    county.restart()
    result = engine(enrolled).sync_round()
    assert result.complete and result.bytes_sent == 4 * CHUNK
    assert county_hash(county, att.sha256) == att.sha256


def test_a_torn_or_foreign_upload_is_never_accepted(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 3 * CHUNK, 9)
    e = engine(enrolled)
    e.sync_round(cancelled=lambda: True)  # manifests pushed, upload stopped before the first chunk
    files = county.store.files
    # a chunk at the wrong offset is answered with where to resume
    state = files.receive_chunk("TS01", att.sha256, 5, b"x" * 10)
    assert state.status == PARTIAL and state.received == 0
    # bytes that are not the file: discarded when the size is reached, the upload starts again
    state = files.receive_chunk("TS01", att.sha256, 0, b"\0" * att.size)
    assert state.status == "restart" and not county_file(county, att.sha256).exists()
    # a file no manifest of this station names is unknown
    assert files.receive_chunk("TS01", "ab" * 32, 0, b"data").status == "unknown"
    assert files.receive_chunk("OTHER", att.sha256, 0, b"data").status == "unknown"
    # too many bytes for the manifest's size
    assert files.receive_chunk("TS01", att.sha256, 0, b"\0" * (att.size + 1)).status == "restart"
    result = engine(enrolled).sync_round()
    assert result.complete
    before = county_file(county, att.sha256).stat()
    assert files.receive_chunk("TS01", att.sha256, 0, b"\0" * 10).status == COMPLETE  # never overwritten
    assert county_file(county, att.sha256).stat().st_mtime_ns == before.st_mtime_ns


def test_a_vault_file_changed_after_signing_is_not_sent(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 2 * CHUNK, 10)
    path = enrolled.vault.path_for(att.sha256)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    result = engine(enrolled).sync_round()
    assert result.files_damaged == [att.sha256] and not result.complete
    assert any("校验值不符" in line for line in describe(result))
    assert not county_file(county, att.sha256).exists()
    assert county.store.files.state("TS01", att.sha256).received < att.size


def test_files_wait_for_their_manifest(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 1000, 11)
    db = enrolled.station.db
    assert waiting_files(db, acknowledged_only=True) == []
    assert [f.sha256 for f in waiting_files(db)] == [att.sha256]


def test_a_small_file_goes_up_in_one_request(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, CHUNK - 1, 13)
    assert engine(enrolled).sync_round(cancelled=lambda: True).pending == 0  # the manifest first
    import requests

    seen: list[str] = []
    session = requests.Session()
    session.hooks["response"].append(lambda r, *a, **k: seen.append(f"{r.request.method} {r.request.path_url}"))
    result = engine(enrolled, session=session).sync_round()
    assert result.complete and result.files_sent == 1
    assert [s for s in seen if "/v1/files/" in s] == [f"PUT /v1/files/{att.sha256}?offset=0"]


def test_timeouts_on_a_batch_and_on_a_chunk_lose_and_double_nothing(enrolled, county, proxy, tmp_path):
    from sync_tests.test_sync import assert_same_data, record_some

    record_some(enrolled, n_apps=2, n_cons=2)
    att = attach(enrolled, tmp_path, 3 * CHUNK, 14)
    # the first batch reaches the county, which applies it; its answer never comes: a read timeout
    proxy.fail("stall", times=1, after=3)
    first = engine(enrolled, proxy.url, timeout=(2, 1)).sync_round()
    assert first.error_code == "network" and first.pending > 0
    assert county.store.change_count() > 0  # applied at the county, unknown at the station
    second = engine(enrolled, proxy.url, timeout=(2, 1)).sync_round(cancelled=lambda: True)
    assert second.pending == 0 and second.duplicates > 0  # re-sent, recognised, not doubled
    # a chunk whose answer never comes: the county keeps it; the station asks where its copy ends and resumes
    # after it in the same round (sent once)
    proxy.fail("pass", times=3)  # GET events, GET reference, GET file state
    proxy.fail("stall", times=1, after=3)  # PUT chunk 1
    healed = engine(enrolled, proxy.url, session=closing_session(), timeout=(2, 1)).sync_round()
    assert healed.complete and healed.bytes_sent == att.size - CHUNK
    assert_same_data(enrolled, county)
    assert county_hash(county, att.sha256) == att.sha256


def test_a_station_offline_for_a_month_syncs_everything_in_one_round(enrolled, county, tmp_path):
    """"Done when" of the sync issue: a month of work, decisions taken meanwhile, one round, nothing lost or doubled."""
    from datetime import datetime, timedelta

    from sync_tests.test_sync import assert_same_data
    from helpers.records import consultation

    store = enrolled.station.store
    first = store.save("application", application(facts="离线前登记的申请。"), user=CLERK)
    assert engine(enrolled).sync_round().complete
    county.store.decide("accept", first.number, {})  # the county decides while the station is away
    county.store.decide("grant", first.number, {"note": "符合条件"})
    start = datetime(2026, 10, 1, 9, 0)
    saved = []
    for day in range(30):
        when = (start + timedelta(days=day)).strftime("%Y-%m-%dT%H:%M")
        for i in range(12):
            saved.append(store.save("consultation", consultation(occurred_at=when, question=f"第{day}天第{i}个问题"),
                                    user=CLERK))
        app = store.save("application", application(received_at=when, facts=f"第{day}天的申请。"), user=CLERK)
        if day % 3 == 0:
            attach(enrolled, tmp_path, 150_000, 1000 + day, record_id=app.id)
    waiting = enrolled.station.db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0]
    assert waiting > 600  # several batches of 200
    result = engine(enrolled, retries=2).sync_round()
    assert result.complete, describe(result)
    assert result.accepted == waiting and result.duplicates == 0 and result.files_sent == 10 and result.events == 2
    assert_same_data(enrolled, county)
    assert store.get("application", first.id).status == "granted"


def test_a_stopped_round_still_reports_what_it_sent_and_what_it_found_changed(enrolled, county, tmp_path):
    bad = attach(enrolled, tmp_path, 2 * CHUNK, 15)
    good = attach(enrolled, tmp_path, 6 * CHUNK, 16)
    path = enrolled.vault.path_for(bad.sha256)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[10] ^= 1
    path.write_bytes(bytes(data))
    assert engine(enrolled).sync_round(cancelled=lambda: True).pending == 0  # the manifests first
    calls: list[int] = []
    result = engine(enrolled).sync_round(progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) > 3)
    assert result.cancelled and result.files_damaged == [bad.sha256]
    # the two files go up side by side: what the round says it sent is what the county holds of them
    held = sum(county.store.files.state("TS01", a.sha256).received for a in (bad, good))
    assert result.bytes_sent == held and CHUNK <= held < 6 * CHUNK


def test_a_file_the_county_holds_whole_when_the_round_stops_is_counted_and_not_sent_again(enrolled, county, tmp_path):
    # the small file's one chunk is answered "complete" while the big file's first chunk stops the round
    small = attach(enrolled, tmp_path, CHUNK // 2, 40)
    big = attach(enrolled, tmp_path, 8 * CHUNK, 41)
    assert engine(enrolled).sync_round(cancelled=lambda: True).pending == 0  # the manifests first
    sync = engine(enrolled)
    request = sync.transport.request

    def slow_small(method, path, *args, **kw):
        if method == "PUT" and small.sha256 in path:
            time.sleep(0.3)  # its answer comes after the big file's first chunk has stopped the round
        return request(method, path, *args, **kw)

    sync.transport.request = slow_small
    shown: list[int] = []
    stopped = sync.sync_round(progress=lambda done, total: shown.append(done), cancelled=lambda: len(shown) >= 2)
    assert stopped.cancelled and stopped.files_sent == 1
    assert county_hash(county, small.sha256) == small.sha256
    assert [f.sha256 for f in waiting_files(enrolled.station.db)] == [big.sha256]  # marked held: not sent again
    again = engine(enrolled).sync_round()
    assert again.complete and again.files_sent == 1 and county_hash(county, big.sha256) == big.sha256


def test_the_manifests_go_first_and_their_files_go_up_beside_the_rest_of_the_change_log(enrolled, county, tmp_path):
    # the change log waits on the county's CPU, the files on its disk: a round sends the manifests, then the files
    # while the rest of the log is pushed (sync/engine.py, step 1)
    from sync.protocol import decode_json_gzip
    from sync_tests.test_sync import assert_same_data, record_some

    record_some(enrolled, n_apps=6, n_cons=6)
    scan = attach(enrolled, tmp_path, 2 * CHUNK, 40)
    sync = engine(enrolled, batch_size=3)
    request, seen, places, lock = sync.transport.request, [], [], threading.Lock()

    def watched(method, path, body=b"", *args, **kw):
        kinds = None
        if path.startswith("/v1/changes"):
            batch = decode_json_gzip(body)
            kinds = {json.loads(c["payload"])["record_type"] for c in batch["changes"]}
            with lock:
                places.append(batch.get("order"))
            time.sleep(0.1)  # a county busy with the log: the files have time to go up meanwhile
        answer = request(method, path, body, *args, **kw)
        with lock:
            seen.append((method, path.split("?")[0].split("/")[2], kinds))
        return answer

    sync.transport.request = watched
    result = sync.sync_round()
    assert result.complete and result.files_sent == 1, describe(result)
    posts = [kinds for method, what, kinds in seen if what == "changes"]
    assert posts[0] == {"attachment"} and all("attachment" not in kinds for kinds in posts[1:])
    # the two pushes are one round at the county: its first batch alone names it, the others follow in their order
    # (a second round opened with batches in flight had them refused as out of order, then waited 20 s)
    assert len({p["round"] for p in places}) == 1 and sorted(p["n"] for p in places) == list(range(len(places)))
    answered = [what for _method, what, _kinds in seen]
    assert answered.index("files") < len(answered) - 1 - answered[::-1].index("changes")  # a file before the log's end
    assert county_hash(county, scan.sha256) == scan.sha256
    assert_same_data(enrolled, county)


def test_a_round_that_fails_while_a_file_goes_up_beside_the_log_leaves_no_file_thread_and_loses_nothing(
        enrolled, county, proxy, tmp_path):
    from sync_tests.test_sync import assert_same_data, record_some

    record_some(enrolled, n_apps=10, n_cons=10)
    scan = attach(enrolled, tmp_path, 40 * CHUNK, 41)
    proxy.fail("pass", times=8)  # the manifests' batch, then the file and the log side by side for a while
    proxy.fail("error500", times=200)  # then the county goes away
    broken = engine(enrolled, proxy.url, session=closing_session(), batch_size=1).sync_round()
    assert broken.error_code in ("network", "server") and broken.pending > 0
    assert not [t for t in threading.enumerate() if t.name.startswith(("sync-files", "sync-push"))]
    held = county.store.files.state("TS01", scan.sha256)
    assert broken.bytes_sent == held.received < scan.size  # what the round says it sent is what the county holds
    healed = engine(enrolled, batch_size=5).sync_round()
    assert healed.complete, describe(healed)
    assert healed.bytes_sent == scan.size - held.received  # resumed, nothing sent twice
    assert county_hash(county, scan.sha256) == scan.sha256
    assert_same_data(enrolled, county)
