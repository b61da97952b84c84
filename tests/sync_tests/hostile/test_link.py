"""Issue #15, L14: a link that drops every few megabytes (a 9 MiB file took 6 rounds with fixed 4 MiB chunks).
The chunk size follows the link, a dropped chunk resumes at once from the county's offset, and what was
learnt and sent survives into the next round."""

from __future__ import annotations


from sync.limits import MIN_CHUNK_BYTES, START_CHUNK_BYTES
from sync.state import S_CHUNK_BYTES, get_state
from sync.uploads import Link
from sync_tests.test_attachment_upload import attach, county_hash
from sync_tests.test_sync import engine

MIB = 1024 * 1024


def adaptive_engine(services, url):
    """The engine as the program makes it: no fixed chunk size, so the link decides."""
    return engine(services, url, vault=services.vault)


def test_a_nine_mib_file_crosses_a_link_that_drops_every_three_mib_in_one_round(enrolled, county, proxy, tmp_path):
    att = attach(enrolled, tmp_path, 9 * MIB, 81)
    assert adaptive_engine(enrolled, proxy.url).sync_round(cancelled=lambda: True).pending == 0  # the manifest
    proxy.fail("drop_request", times=40, after=3 * MIB)  # every connection dies after 3 MiB
    result = adaptive_engine(enrolled, proxy.url).sync_round()
    assert result.complete, result.error
    assert county_hash(county, att.sha256) == att.sha256
    learnt = int(get_state(enrolled.station.db, S_CHUNK_BYTES))
    assert MIN_CHUNK_BYTES <= learnt < 3 * MIB  # what the link allowed is kept for the next round


def test_progress_survives_rounds_and_the_learnt_size_is_where_the_next_round_starts(enrolled, county, tmp_path):
    att = attach(enrolled, tmp_path, 20 * MIB, 82)
    calls: list[int] = []
    stopped = adaptive_engine(enrolled, county.url).sync_round(progress=lambda d, t: calls.append(d),
                                                                cancelled=lambda: len(calls) > 1)
    assert stopped.cancelled and 0 < stopped.bytes_sent < att.size
    held = county.store.files.state("TS01", att.sha256).received
    assert held == stopped.bytes_sent  # the county keeps every chunk it acknowledged
    again = adaptive_engine(enrolled, county.url)
    assert again.link.chunk_bytes == int(get_state(enrolled.station.db, S_CHUNK_BYTES))
    done = again.sync_round()
    assert done.complete and done.bytes_sent == att.size - held  # nothing sent twice


def test_the_chunk_size_halves_on_a_failure_and_grows_back_only_to_below_it():
    link = Link(START_CHUNK_BYTES)
    link.sent(0.1)
    assert link.chunk_bytes == 2 * START_CHUNK_BYTES
    link.failed()
    assert link.chunk_bytes == START_CHUNK_BYTES
    link.sent(0.1)
    assert link.chunk_bytes == START_CHUNK_BYTES  # not back to the size that failed
    for _ in range(20):
        link.failed()
    assert link.chunk_bytes == MIN_CHUNK_BYTES
    assert Link(32 * 1024, adaptive=False).chunk_bytes == 32 * 1024  # a size a caller fixes stays
