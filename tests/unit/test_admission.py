"""The county's admission of change batches and file chunks (sync/server/admission.py): a batch is taken while the
ones ahead are stored within the station's patience, a chunk while the bytes held stay under their bound, and the
county learns its pace from the answers it gives."""

from __future__ import annotations

from sync.limits import MAX_CHUNK_BYTES, MAX_RETRY_AFTER_SECONDS, MAX_UPLOAD_BYTES_IN_FLIGHT, MIB
from sync.server.admission import Admission, chunk_cost, upload_admission


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_batches_are_taken_while_the_queue_drains_within_the_wait_then_told_when_to_come_back():
    clock = Clock()
    admission = Admission(wait_seconds=10, most=32, least=2, clock=clock)
    taken = 0
    while admission.admit() == 0:
        taken += 1
    assert taken == 32  # the first guess (0.25 s a batch) lets the queue grow to its memory bound
    for _ in range(taken):  # a slow county: each batch takes 2 s
        clock.now += 2.0
        admission.done()
    assert admission.depth == 0 and 1.5 < admission.per_unit <= 2.0
    taken = 0
    while admission.admit() == 0:
        taken += 1
    assert 2 <= taken <= 10 // 2  # now only what 10 s can store is taken
    retry_after = admission.admit()
    assert (taken + 1) * admission.per_unit <= retry_after + 1 and 1 <= retry_after <= MAX_RETRY_AFTER_SECONDS


def test_a_slow_county_still_takes_its_least_and_never_says_more_than_the_longest_wait():
    clock = Clock()
    admission = Admission(wait_seconds=10, most=32, least=2, clock=clock)
    assert admission.admit() == 0
    clock.now += 600.0  # one batch took ten minutes (a disk stalled)
    admission.done()
    assert admission.admit() == 0 and admission.admit() == 0  # always a batch stored and one read meanwhile
    assert admission.admit() == MAX_RETRY_AFTER_SECONDS


def test_an_idle_pause_is_not_counted_as_a_batch_time():
    clock = Clock()
    admission = Admission(clock=clock)
    assert admission.admit() == 0
    clock.now += 0.1
    admission.done()
    clock.now += 3600.0  # nobody synced for an hour
    assert admission.admit() == 0
    clock.now += 0.1
    admission.done()
    assert admission.per_unit < 0.25


def test_stations_turned_away_together_are_given_successive_turns():
    clock = Clock()
    admission = Admission(wait_seconds=10, most=4, least=2, clock=clock)
    while admission.admit() == 0:
        pass
    for _ in range(4):  # the county's pace: 1 s a batch
        clock.now += 1.0
        admission.done()
    while admission.admit() == 0:
        pass
    told = [admission.admit() for _ in range(30)]
    # one batch's time apart (ceil'ed to seconds), in the order they asked
    assert told == sorted(told) and told[-1] - told[0] >= 29 * admission.per_unit - 1 > 15
    assert max(told) <= MAX_RETRY_AFTER_SECONDS


def test_chunks_are_taken_by_their_bytes_up_to_the_bound_and_one_largest_chunk_always():
    clock = Clock()
    uploads = upload_admission(clock=clock)
    taken = 0
    while uploads.admit(4 * MIB) == 0:
        taken += 1
    assert taken * 4 * MIB == MAX_UPLOAD_BYTES_IN_FLIGHT == uploads.peak  # bytes held, not requests, are bounded
    assert uploads.admit(1) >= 1  # not even one byte more
    for _ in range(taken):  # a slow disk: 4 MiB in 4 s
        clock.now += 4.0
        uploads.done(4 * MIB)
    assert uploads.depth == 0 and uploads.per_unit > 1 / (4 * MIB)
    assert uploads.admit(MAX_CHUNK_BYTES) == 0  # the least: one largest chunk, however slow the county
    assert 1 <= uploads.admit(4 * MIB) <= MAX_RETRY_AFTER_SECONDS  # and the next is told when the disk will have it


def test_a_chunk_counts_its_declared_length_and_a_length_it_cannot_trust_as_the_largest_chunk():
    assert chunk_cost("65536") == 65536 and chunk_cost("0") == 1
    for declared in (None, "", "abc", "-5", "1e6", " 12", "１２３", "9" * 400, str(MAX_CHUNK_BYTES + 1)):
        assert chunk_cost(declared) == MAX_CHUNK_BYTES
