"""Issue 17: the county orders a station's batches in flight itself, by their round and place, and refuses one it
cannot place (a round that ended, beyond the window, malformed, or whose predecessor never came)."""

from __future__ import annotations

import threading
import time

import requests

from sync.protocol import encode_json_gzip
from sync_tests.hostile.conftest import acks_of
from tests.unit.test_store import application


def order_of(county):
    return county.server.config.app.state.order


def test_the_county_orders_batches_itself_and_refuses_those_it_cannot_place(hostile, county):
    first, second = ([hostile.change("application", application(number=f"EV01-2026-{n:05d}"))] for n in (1, 2))

    def push(changes: list, order) -> requests.Response:
        return hostile.send("POST", "/v1/changes", encode_json_gzip({"station": "EV01", "changes": changes,
                                                                     "order": order}))

    assert acks_of(push([], {"round": "r1", "n": 0})) == []
    # batch 2 sent before batch 1: whichever arrives first, 2 is stored after 1
    answers: dict[int, requests.Response] = {}
    later = threading.Thread(target=lambda: answers.setdefault(2, push(second, {"round": "r1", "n": 2})))
    later.start()
    assert [a["status"] for a in acks_of(push(first, {"round": "r1", "n": 1}))] == ["accepted"]
    later.join(timeout=60)
    assert [a["status"] for a in acks_of(answers[2])] == ["accepted"]
    held = [c["change_id"] for c in county.store.station_changes("EV01", 0, 10)[0]]
    assert held == [first[0]["change_id"], second[0]["change_id"]]

    assert acks_of(push([], {"round": "r2", "n": 0})) == []  # a new round ends the station's earlier one
    # one request at most holds a place while it waits: a second for the same place is refused, not parked
    waiting = threading.Thread(target=lambda: answers.setdefault(3, push([], {"round": "r2", "n": 2})))
    waiting.start()
    deadline = time.monotonic() + 30
    while not order_of(county)._rounds["EV01"].waiting and time.monotonic() < deadline:
        time.sleep(0.01)  # until the county holds it (a condition, not a timing)
    parked = push([], {"round": "r2", "n": 2})
    assert acks_of(push([], {"round": "r2", "n": 1})) == []
    waiting.join(timeout=60)
    assert acks_of(answers[3]) == []
    order_of(county).wait_seconds = 0  # (a batch whose predecessor does not come is refused at once)
    refused = [parked,
               push([], {"round": "r1", "n": 3}),  # a round that ended
               push([], {"round": "r2", "n": 9}),  # beyond the window
               push([], {"round": "", "n": -1}),  # malformed
               push([], {"round": "r2", "n": 4})]  # its predecessor, batch 3, never came
    assert [(a.status_code, a.json()["error"]) for a in refused] == [(409, "out_of_order")] * 5
    assert all(a.json()["message_zh"] for a in refused)
    assert county.store.change_count("EV01") == 2
