"""How many attachment files go up at once (sync/uploads.py FileSender, issue 17): two beside the change log, where
the county's CPU goes to the log first; up to four after it, while the link is good and within what two files of the
largest chunks hold."""

from __future__ import annotations

import threading
import time

from sync.limits import MAX_CHUNK_BYTES
from sync_tests.test_attachment_upload import CHUNK, attach, county_hash, engine


def watch_puts(sync, put_seconds: float = 0.05, log_seconds: float = 0.0):
    """Counts the file chunks in flight at once, beside the change log (a batch in flight) and after it."""
    seen = {"most_beside": 0, "most_after": 0, "sending": 0, "batches": 0}
    lock = threading.Lock()
    request = sync.transport.request

    def watched(method, path, *args, **kw):
        if method == "POST" and path.startswith("/v1/changes"):
            with lock:
                seen["batches"] += 1
            try:
                time.sleep(log_seconds)  # a county busy with the log
                return request(method, path, *args, **kw)
            finally:
                with lock:
                    seen["batches"] -= 1
        if method != "PUT":
            return request(method, path, *args, **kw)
        with lock:
            seen["sending"] += 1
            which = "most_beside" if seen["batches"] else "most_after"
            seen[which] = max(seen[which], seen["sending"])
        try:
            time.sleep(put_seconds)  # long enough for the other files' threads to be sending too
            return request(method, path, *args, **kw)
        finally:
            with lock:
                seen["sending"] -= 1

    sync.transport.request = watched
    return seen


def test_after_the_change_log_four_files_go_up_at_once_and_each_arrives_whole(enrolled, county, tmp_path):
    # the county's reading and writing are done: while it seals and syncs some files, the station reads, decrypts and
    # hashes the next (FILES_AFTER_LOG)
    from sync.uploads import FILES_AFTER_LOG

    scans = [attach(enrolled, tmp_path, 3 * CHUNK + n, 30 + n) for n in range(FILES_AFTER_LOG + 1)]
    sync = engine(enrolled)
    seen = watch_puts(sync)
    shown: list[int] = []
    result = sync.sync_round(progress=lambda done, total: shown.append(done))
    assert result.complete and result.files_sent == len(scans) and seen["most_after"] == FILES_AFTER_LOG == 4
    assert shown == sorted(shown) and shown[-1] == sum(s.size for s in scans)  # told on the round's thread, in order
    assert all(county_hash(county, s.sha256) == s.sha256 for s in scans)


def test_beside_the_change_log_two_files_go_up_at_once_then_four(enrolled, county, tmp_path):
    # the county's CPU goes to the log first: more files beside it slowed the log as much as they gained (issue 17)
    from sync_tests.test_sync import record_some

    record_some(enrolled, n_apps=6, n_cons=6)
    scans = [attach(enrolled, tmp_path, 3 * CHUNK + n, 50 + n) for n in range(12)]  # some are left after the log
    sync = engine(enrolled, batch_size=2)
    seen = watch_puts(sync, put_seconds=0.1, log_seconds=0.1)
    result = sync.sync_round()
    assert result.complete and result.files_sent == len(scans)
    assert seen["most_beside"] == 2 and seen["most_after"] == 4, seen
    assert all(county_hash(county, s.sha256) == s.sha256 for s in scans)


def test_the_files_in_flight_hold_no_more_chunk_bytes_than_two_files_could(enrolled, county, tmp_path, monkeypatch):
    # the memory of the files in flight stays what it was with two (at the station, and at the county for each station)
    import sync.uploads

    # what three of this test's files hold at most (each less than a chunk of MAX_CHUNK_BYTES: all of it)
    monkeypatch.setattr(sync.uploads, "CHUNK_BYTES_IN_FLIGHT", 3 * (3 * CHUNK + 4))
    scans = [attach(enrolled, tmp_path, 3 * CHUNK + n, 60 + n) for n in range(5)]
    sync = engine(enrolled)
    seen = watch_puts(sync)
    result = sync.sync_round()
    assert result.complete and result.files_sent == len(scans) and seen["most_after"] == 3


def test_files_larger_than_the_largest_chunk_go_up_two_at_a_time(enrolled, county, tmp_path, monkeypatch):
    # each may come to hold a chunk of MAX_CHUNK_BYTES as the link's chunks grow: two is what the bound allows
    import sync.uploads

    monkeypatch.setattr(sync.uploads, "MAX_CHUNK_BYTES", 2 * CHUNK)
    monkeypatch.setattr(sync.uploads, "CHUNK_BYTES_IN_FLIGHT", 2 * 2 * CHUNK)
    scans = [attach(enrolled, tmp_path, 3 * CHUNK + n, 85 + n) for n in range(5)]
    sync = engine(enrolled)
    seen = watch_puts(sync)
    result = sync.sync_round()
    assert result.complete and result.files_sent == len(scans) and seen["most_after"] == 2, seen


def test_on_a_slow_link_the_files_go_up_two_at_a_time(enrolled, county, tmp_path, monkeypatch):
    # chunks answered slowly: four files sharing the link would each take twice as long, and could time out
    import sync.uploads

    monkeypatch.setattr(sync.uploads, "QUICK_CHUNK_SECONDS", 0.01)  # every chunk of this test is slow
    scans = [attach(enrolled, tmp_path, 3 * CHUNK + n, 80 + n) for n in range(5)]
    sync = engine(enrolled)
    seen = watch_puts(sync, put_seconds=0.05)
    result = sync.sync_round()
    assert result.complete and result.files_sent == len(scans) and seen["most_after"] == 2, seen


def test_after_a_failed_chunk_the_files_go_up_two_at_a_time(enrolled, county, tmp_path):
    # a poor link (a chunk failed this round): more files would only share it, each chunk taking longer
    from sync.errors import SyncError
    from sync_tests.test_sync import record_some

    record_some(enrolled, n_apps=2, n_cons=2)
    scans = [attach(enrolled, tmp_path, 3 * CHUNK + n, 70 + n) for n in range(8)]
    sync = engine(enrolled, batch_size=2, chunk_bytes=None)  # a link that learns
    seen = watch_puts(sync, put_seconds=0.3, log_seconds=0.1)  # files are left when the log is in
    watched, failed = sync.transport.request, []

    def first_chunk_fails(method, path, *args, **kw):
        if method == "PUT" and not failed:
            failed.append(path)
            raise SyncError("the link dropped", code="network")
        return watched(method, path, *args, **kw)

    sync.transport.request = first_chunk_fails
    result = sync.sync_round()
    assert failed and result.complete and result.files_sent == len(scans)
    assert sync.link.ceiling < MAX_CHUNK_BYTES and seen["most_beside"] <= 2 and seen["most_after"] <= 2, seen
    assert all(county_hash(county, s.sha256) == s.sha256 for s in scans)
