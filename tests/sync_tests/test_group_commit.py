"""Issue 17: the county's one writer stores the batches waiting for it in one transaction (one that fails is undone
alone) and answers each only after that COMMIT (sync/server/group_commit.py); a station's batches in flight may share a
commit and keep their order (sync/server/batch_order.py).

The tests hold the writer with an item of their own in its queue (the county's real writer and county.db): while it
runs, the stations' batches queue up behind it and are taken together when it ends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
import requests

from sync.identity import StationKey
from sync.protocol import encode_json_gzip
from sync.server.changes import WRITER
from sync_tests.hostile.conftest import Hostile, acks_of, enroll_by_hand
from tests.unit.test_store import application


class Held:
    """An item of the test's in the writer's queue: it holds the writer (in its group's transaction) until released."""

    def __init__(self, county, before: Callable | None = None):
        self.running, self.release = threading.Event(), threading.Event()
        self.before = before
        self.answer = WRITER.submit(county.server.config.app.state.store.db, 1, self._work)  # the server's county.db

    def _work(self, conn) -> None:
        if self.before is not None:
            self.before(conn)
        self.running.set()
        assert self.release.wait(60)

    def let_go(self) -> None:
        self.release.set()
        self.answer.exception(timeout=60)


def fail_the_commit(conn) -> None:
    """Makes SQLite itself refuse this transaction's COMMIT ("interrupted"), as a full or failing disk would."""
    armed = [False]
    conn.set_progress_handler(lambda: 1 if armed[0] else 0, 1)
    conn.set_trace_callback(lambda sql: armed.__setitem__(0, sql.strip().upper() == "COMMIT"))


def forget_the_failure(conn) -> None:
    conn.set_progress_handler(None, 1)
    conn.set_trace_callback(None)


def until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "the county never got there"
        time.sleep(0.01)


def station(county, code: str) -> Hostile:
    key = StationKey.generate()
    enroll_by_hand(county, code, key)
    return Hostile(county, code, key)


def one_change(sender: Hostile, serial: int) -> list[dict]:
    return [sender.change("application", application(number=f"{sender.code}-2026-{serial:05d}"))]


def push(sender: Hostile, changes: list, round_id: str, n: int) -> requests.Response:
    return sender.send("POST", "/v1/changes", encode_json_gzip({"station": sender.code, "changes": changes,
                                                                "order": {"round": round_id, "n": n}}))


def in_background(answers: dict, key, send: Callable[[], requests.Response]) -> threading.Thread:
    thread = threading.Thread(target=lambda: answers.__setitem__(key, send()))
    thread.start()
    return thread


def held_ids(county, code: str) -> list[str]:
    return [c["change_id"] for c in county.store.station_changes(code, 0, 100)[0]]


def queued_behind_a_held_writer(county, count: int):
    """`count` stations each send a batch of one change while the writer is held, until all are queued: (the
    stations, their changes by code, the held item, the answers by code, the sending threads)."""
    senders = [station(county, f"GC0{i}") for i in range(1, count + 1)]
    sent = {s.code: one_change(s, 1) for s in senders}
    first = Held(county)
    assert first.running.wait(30)
    answers: dict[str, requests.Response] = {}
    threads = [in_background(answers, s.code, lambda s=s: push(s, sent[s.code], "r", 0)) for s in senders]
    until(lambda: WRITER.queued() == count)
    return senders, sent, first, answers, threads


@pytest.fixture
def writer_bound():
    most = WRITER.most_changes
    yield
    WRITER.most_changes = most


def test_several_stations_batches_are_committed_once_and_answered_only_after_it(county):
    senders, sent, first, answers, threads = queued_behind_a_held_writer(county, 3)
    last = Held(county)  # queued after them: joins their group and holds it open before its COMMIT
    commits = WRITER.commits
    first.let_go()
    assert last.running.wait(30)
    # the three batches are written in the group's transaction: none is answered, none is visible to another reader
    assert answers == {} and all(t.is_alive() for t in threads)
    assert county.store.change_count() == 0
    last.let_go()
    for thread in threads:
        thread.join(60)
    assert WRITER.commits == commits + 2  # the first item alone, then the three batches and the last item together
    for sender in senders:
        assert [a["status"] for a in acks_of(answers[sender.code])] == ["accepted"]
        assert held_ids(county, sender.code) == [sent[sender.code][0]["change_id"]]


def test_a_batch_refused_in_the_writer_loses_nothing_of_the_others_in_its_group(county):
    ended, other = station(county, "GC01"), station(county, "GC02")
    first = Held(county)
    assert first.running.wait(30)
    answers: dict[str, requests.Response] = {}
    old_round = one_change(ended, 1)
    threads = [in_background(answers, "old round", lambda: push(ended, old_round, "r1", 0))]
    until(lambda: WRITER.queued() == 1)
    # the station begins a new round while its batch waits in the writer's queue: that batch is refused there
    new_round, others = one_change(ended, 2), one_change(other, 1)
    threads += [in_background(answers, "new round", lambda: push(ended, new_round, "r2", 0)),
                in_background(answers, "other", lambda: push(other, others, "r", 0))]
    until(lambda: WRITER.queued() == 3)
    first.let_go()
    for thread in threads:
        thread.join(60)
    assert (answers["old round"].status_code, answers["old round"].json()["error"]) == (409, "out_of_order")
    assert [a["status"] for a in acks_of(answers["new round"])] == ["accepted"]
    assert [a["status"] for a in acks_of(answers["other"])] == ["accepted"]
    assert held_ids(county, "GC01") == [new_round[0]["change_id"]]
    assert held_ids(county, "GC02") == [others[0]["change_id"]]


def test_a_batch_that_fails_after_writing_leaves_nothing_and_the_others_are_kept(county):
    senders = [station(county, f"GC0{i}") for i in (1, 2)]
    sent = {s.code: one_change(s, 1) for s in senders}
    first = Held(county)
    assert first.running.wait(30)
    answers: dict[str, requests.Response] = {}
    threads = [in_background(answers, senders[0].code, lambda: push(senders[0], sent["GC01"], "r", 0))]
    until(lambda: WRITER.queued() == 1)

    def writes_then_fails(conn) -> None:  # between the two stations' batches in one group
        conn.execute("INSERT INTO nonces (station, nonce, expires) VALUES ('GC09', 'half-done', 9e99)")
        raise RuntimeError("the disk failed half-way through this batch")

    broken = WRITER.submit(county.server.config.app.state.store.db, 1, writes_then_fails)
    threads.append(in_background(answers, senders[1].code, lambda: push(senders[1], sent["GC02"], "r", 0)))
    until(lambda: WRITER.queued() == 3)
    first.let_go()
    for thread in threads:
        thread.join(60)
    assert isinstance(broken.exception(timeout=60), RuntimeError)
    for sender in senders:
        assert [a["status"] for a in acks_of(answers[sender.code])] == ["accepted"]
        assert held_ids(county, sender.code) == [sent[sender.code][0]["change_id"]]
    assert county.store.db.conn().execute("SELECT count(*) FROM nonces WHERE station = 'GC09'").fetchone()[0] == 0


def test_a_failed_commit_acknowledges_none_of_its_group(county):
    senders, sent, first, answers, threads = queued_behind_a_held_writer(county, 2)
    failing = Held(county, before=fail_the_commit)  # in their group: SQLite refuses its COMMIT
    failing.release.set()
    first.let_go()
    for thread in threads:
        thread.join(60)
    assert failing.answer.exception(timeout=60) is not None
    Held(county, before=forget_the_failure).let_go()
    # no acknowledgement: the county asks each to come again (signed "busy"), as after any failure of its disk
    assert [(answers[s.code].status_code, answers[s.code].json()["error"]) for s in senders] == [(503, "busy")] * 2
    assert county.store.change_count() == 0
    # sent again (the station's next round), each is taken
    for sender in senders:
        assert [a["status"] for a in acks_of(push(sender, sent[sender.code], "again", 0))] == ["accepted"]
        assert held_ids(county, sender.code) == [sent[sender.code][0]["change_id"]]


def test_a_stations_batches_in_flight_share_a_commit_in_their_order(county):
    sender = station(county, "GC01")
    batches = [one_change(sender, n + 1) for n in range(3)]
    assert acks_of(push(sender, [], "r", 0)) == []  # the round begins
    first = Held(county)
    assert first.running.wait(30)
    answers: dict[int, requests.Response] = {}
    # sent last first: each is handed to the writer only after its predecessor
    threads = [in_background(answers, n, lambda n=n: push(sender, batches[n], "r", n + 1)) for n in (2, 1, 0)]
    until(lambda: WRITER.queued() == 3)
    commits = WRITER.commits
    first.let_go()
    for thread in threads:
        thread.join(60)
    assert WRITER.commits == commits + 2  # the held item, then the station's three batches in one transaction
    assert all([a["status"] for a in acks_of(answers[n])] == ["accepted"] for n in range(3))
    assert held_ids(county, "GC01") == [b[0]["change_id"] for b in batches]


def test_a_batch_after_one_that_was_not_stored_is_refused_and_nothing_follows_the_gap(county, writer_bound):
    sender = station(county, "GC01")
    batches = [one_change(sender, n + 1) for n in range(3)]
    WRITER.most_changes = 2  # batch 0 and the failing item in one group, batch 1 in the next
    first = Held(county)
    assert first.running.wait(30)
    answers: dict[int, requests.Response] = {}
    threads = [in_background(answers, 0, lambda: push(sender, batches[0], "r", 0))]
    until(lambda: WRITER.queued() == 1)
    failing = Held(county, before=fail_the_commit)  # batch 0's commit fails
    failing.release.set()
    threads.append(in_background(answers, 1, lambda: push(sender, batches[1], "r", 1)))
    until(lambda: WRITER.queued() == 3)
    first.let_go()
    for thread in threads:
        thread.join(60)
    Held(county, before=forget_the_failure).let_go()
    assert (answers[0].status_code, answers[0].json()["error"]) == (503, "busy")
    assert (answers[1].status_code, answers[1].json()["error"]) == (409, "out_of_order")
    later = push(sender, batches[2], "r", 2)  # a later batch of the broken round is refused when it arrives
    assert (later.status_code, later.json()["error"]) == (409, "out_of_order")
    assert county.store.change_count("GC01") == 0


def test_a_write_that_asked_while_batches_waited_for_the_writer_goes_before_them(county):
    """storage.WriteTurns: SQLite's busy handler gives a waiting writer no place in line, so a file's note, a nonce or
    a staff member's decision could wait out its timeout while the writer commits group after group. A write that
    asks while the writer is busy is served before the groups that come after."""
    db = county.server.config.app.state.store.db
    senders, sent, first, answers, threads = queued_behind_a_held_writer(county, 1)
    seen: dict[str, int] = {}

    def a_staff_decision() -> None:
        with db.write() as conn:
            seen["changes"] = conn.execute("SELECT count(*) FROM changes").fetchone()[0]

    deciding = threading.Thread(target=a_staff_decision)
    deciding.start()
    until(lambda: db.turns.waiting() == 1)
    first.let_go()
    deciding.join(30)
    for thread in threads:
        thread.join(60)
    assert seen == {"changes": 0}  # its turn came before the batch queued earlier was written
    assert [a["status"] for a in acks_of(answers[senders[0].code])] == ["accepted"]
