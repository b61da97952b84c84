"""Issue 17: many stations uploading scans at once. The county holds at most its bound of chunk bytes (in flight or
being stored); a chunk beyond it is answered "busy, come back in N s" before its body is read, and the station
sends that same chunk at the same offset again within its round: every file arrives whole, once, nothing lost."""

from __future__ import annotations

import dataclasses
import threading
import time

from desktop.services import open_services
from helpers.accounts import provide_station
from sync.enrollment import enroll
from sync_tests.test_attachment_upload import attach, county_hash, part_files
from sync_tests.test_attachment_upload import engine as file_engine
from tests.conftest import TEST_SETTINGS

STATIONS, FILES, SIZE, CHUNK = 5, 2, 200_000, 64 * 1024


def uploads_of(county):
    """The running county's admission of file chunks (the app's own, as the server uses it)."""
    return county.server.config.app.state.uploads


def enrolled_station_with_files(county, folder, n: int) -> list[str]:
    """Station TS0n enrolled, with FILES scans attached and waiting: their hashes."""
    code = folder.name
    provide_station(folder)
    services = open_services(folder)
    try:
        services.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code=code,
                                                             station_name=f"测试{n}镇法律援助工作站"))
        one_time = county.store.add_station(code, f"测试{n}镇法律援助工作站", "测试镇", "fixed")
        enroll(services.station.db, services.key, services.document_key, county.url, one_time, code,
               county.fingerprint)
        return [attach(services, folder, SIZE, seed=10 * n + k).sha256 for k in range(FILES)]
    finally:
        services.close()


def test_many_stations_uploading_at_once_are_turned_away_in_turn_and_every_file_arrives_once(county, tmp_path):
    sent = {f"TS{n:02}": enrolled_station_with_files(county, tmp_path / f"TS{n:02}", n)
            for n in range(1, STATIONS + 1)}
    uploads = uploads_of(county)
    uploads.least, uploads.most = CHUNK, 2 * CHUNK  # a tiny county: two chunks at a time
    waits: list[float] = []
    results: dict[str, object] = {}

    def wait(seconds: float) -> None:  # the station's own wait, shortened: the others' chunks go in meanwhile
        waits.append(seconds)
        time.sleep(0.02)

    def sync(code: str) -> None:  # each station in its own thread, as each is its own computer
        services = open_services(tmp_path / code)
        try:
            results[code] = file_engine(services, url=county.url, sleep=wait).sync_round()
        finally:
            services.close()

    threads = [threading.Thread(target=sync, args=(code,)) for code in sent]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.complete and r.error is None for r in results.values()), \
        {code: (r.error_code, r.error) for code, r in results.items()}
    assert waits  # some chunks were turned away and sent again
    assert uploads.peak <= 2 * CHUNK and uploads.depth == 0  # never more held than the bound; every place freed
    for code, files in sent.items():
        for sha256 in files:
            assert county.store.files.state(code, sha256).status == "complete"
            assert county_hash(county, sha256) == sha256  # whole, each chunk at its place
    # each file sent once, each byte once (a chunk turned away counts when it is taken), no part left behind
    assert all((r.files_sent, r.bytes_sent) == (FILES, FILES * SIZE) for r in results.values())
    assert not [p for p in part_files(county) if p.is_file()]
