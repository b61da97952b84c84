"""The records after the decision (issue 14) travel to the county like the others, checked by the same rules."""

from __future__ import annotations

from sync.status import describe
from tests.sync_tests.test_sync import _tamper, engine
from tests.unit.casework_examples import EXAMPLES, closure, follow_up
from tests.unit.test_store import application


def test_every_record_type_after_the_decision_reaches_the_county(enrolled, county):
    store = enrolled.station.store
    number = store.save("application", application(), user="李芳").number
    store.save("closure", closure(number), user="李芳")
    for record_type, make in EXAMPLES.items():
        data = make()
        if "case_number" in data:
            data["case_number"] = number
        store.save(record_type, data, user="李芳")
    result = engine(enrolled).sync_round()
    assert result.complete, describe(result)
    at_county = {r["record_type"] for r in county.store.records("TS01")}
    assert set(EXAMPLES) <= at_county


def test_an_invalid_follow_up_is_returned_with_the_reason_and_the_rest_passes(enrolled, county):
    store = enrolled.station.store
    number = store.save("application", application(), user="李芳").number
    bad = store.save("follow_up", follow_up(number), user="李芳")
    good = store.save("follow_up", follow_up(number), user="李芳")
    change = enrolled.station.db.execute("SELECT change_id FROM outbox WHERE record_id = ?", (bad.id,)).fetchone()[0]
    _tamper(enrolled, change, satisfaction="delighted")  # a value no list has: as from a broken or hostile station
    result = engine(enrolled).sync_round()
    assert len(result.rejected) == 1 and "满意程度" in result.rejected[0][1]
    ids = {r["record_id"] for r in county.store.records("TS01") if r["record_type"] == "follow_up"}
    assert ids == {good.id}
