"""Issue 17: a station keeps two batches in flight and the county stores them in the order they were made
(sync/server/batch_order.py); an older county or station goes one batch at a time."""

from __future__ import annotations

from sync.outbox import pending_count
from sync_tests.test_sync import assert_same_data, engine, outbox, record_some


def order_of(county):
    """The running county's batch ordering (the app's own)."""
    return county.server.config.app.state.order


def stored_in_order(services, county) -> bool:
    """The county holds the station's changes in the order the station made them."""
    made = [cid for cid, *_ in outbox(services)]
    held = [c["change_id"] for c in county.store.station_changes("TS01", 0, 10_000)[0]]
    return held == made


def test_a_station_keeps_batches_in_flight_and_the_county_stores_them_in_order(enrolled, county):
    record_some(enrolled, n_apps=6, n_cons=6)
    result = engine(enrolled, batch_size=2).sync_round()
    assert result.complete and pending_count(enrolled.station.db) == 0
    batches = -(-len(outbox(enrolled)) // 2)
    assert order_of(county).stored("TS01") == batches  # every batch went in its turn of one round, none alone
    assert stored_in_order(enrolled, county)
    assert_same_data(enrolled, county)


def test_an_older_county_is_sent_one_batch_at_a_time(enrolled, county):
    order_of(county).window = 1  # answers as a county from before the capability: no "pipeline" offered
    record_some(enrolled, n_apps=3, n_cons=3)
    result = engine(enrolled, batch_size=2).sync_round()
    assert result.complete and pending_count(enrolled.station.db) == 0
    assert order_of(county).stored("TS01") == 1  # only the first batch named its place; the rest came unordered
    assert stored_in_order(enrolled, county)


def test_a_batch_the_county_cannot_hold_for_its_turn_is_sent_again_one_at_a_time(enrolled, county):
    order_of(county).wait_seconds = 0  # a later batch that finds its predecessor unstored is refused at once
    record_some(enrolled, n_apps=6, n_cons=6)
    result = engine(enrolled, batch_size=2).sync_round()
    assert result.complete and result.error is None and pending_count(enrolled.station.db) == 0
    assert stored_in_order(enrolled, county)
    assert county.store.change_count("TS01") == len(outbox(enrolled))  # each change once
