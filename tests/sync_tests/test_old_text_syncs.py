"""Text a station recorded before it refused control and direction characters still reaches the county as it was.

A station's save now refuses them (validate(new_version=True)); the county checks every change again with the
station's rules, but not with that one: a version an older program saved, or one still waiting in a station's
outbox, must not be returned now, and nothing recorded may change on its way.
"""

from __future__ import annotations

import json

from sync.status import describe
from tests.sync_tests.test_sync import _tamper, engine
from tests.unit.casework_examples import follow_up
from helpers.records import application, consultation

OLD_TEXT = {  # as an older station program kept what was pasted into it
    "application": {"facts": "事实第一行\x0b第二行\x0c第三\x00行\x07", "address": "测试\x0b地址\x1b[0m\u202e号21",
                    "opposing_party": "\u202e司公达宏"},
    "consultation": {"question": "工资\x1b[31m被拖欠\x0b怎么办", "address": "东街\x0b12号"},
    "follow_up": {"finding": "受援人\x0b表示满意\x00", "visitor": "李明\u202e"},
}


def test_old_text_waiting_in_the_outbox_is_taken_by_the_county_as_it_was(enrolled, county, monkeypatch):
    from tests.unit.casework_examples import as_an_older_station

    store = enrolled.station.store
    number = store.save("application", application(), user="李芳").number
    with as_an_older_station(monkeypatch):  # a visit to an undecided case, dated before it: older stations saved it
        saved = {"application": store.save("application", application(), user="李芳"),
                 "consultation": store.save("consultation", consultation(), user="李芳"),
                 "follow_up": store.save("follow_up", follow_up(number), user="李芳")}
    sent = {}
    for record_type, record in saved.items():
        change = enrolled.station.db.execute("SELECT change_id FROM outbox WHERE record_id = ?",
                                             (record.id,)).fetchone()[0]
        _tamper(enrolled, change, **OLD_TEXT[record_type])
        payload = enrolled.station.db.execute("SELECT payload FROM outbox WHERE change_id = ?", (change,)).fetchone()
        sent[record.id] = json.loads(payload[0])["data"]

    result = engine(enrolled).sync_round()
    assert result.complete and not result.rejected, describe(result)
    at_county = {r["record_id"]: r["data"] for r in county.store.records("TS01")}
    for record_id, data in sent.items():
        assert at_county[record_id] == data  # kept exactly as the station recorded it
