"""The center's handling of a complaint, as it arrives at the station, is hostile until checked: an answer replayed
from another request or forged under another key is refused whole; a county-signed one that names another
station's complaint, breaks the bounds of sync/limits.py or the county's lists is left out; the station's own
record never changes."""

from __future__ import annotations

import pytest

from desktop.records import complaint_answers
from sync.bundle import BundleError, export_bundle, import_reply
from sync.bundle_file import COUNTY, FORMAT, FORMAT_VERSION, KIND_REPLY, REPLY_PART, write_bundle
from sync.identity import StationKey
from sync.limits import MAX_COMPLAINT_STEP_CHARS, MAX_COMPLAINT_STEPS, MAX_HANDLER_CHARS
from sync.protocol import COMPLAINT_EVENT, encode_json_gzip
from sync_tests.hostile.test_answers import Replayer, session_with
from sync_tests.test_complaint_answers import reviewer
from sync_tests.test_sync import engine
from desktop.records.deadlines import today_in_china
from tests.unit.casework_examples import complaint


def filed(enrolled):
    return enrolled.station.store.save("complaint", complaint(), user="李芳")


def event(seq: int, complaint_id: str, **data) -> dict:
    found = {"complaint_id": complaint_id, "number": "TS01-C-2024-00001", "step": seq, "handling": "answer",
             "text": "已答复。", "answered_on": "2024-06-01", "reply_method": "phone", "satisfaction": "satisfied"}
    found.update(data)
    return {"seq": seq, "event_id": f"e{seq}", "kind": COMPLAINT_EVENT, "application_number": found["number"],
            "application_id": complaint_id, "status": None, "at": "2024-06-01T02:00:00+00:00", "by": "李芳",
            "data": found}


def reply_with(enrolled, county, tmp_path, events: list[dict], sign=None, name: str = "reply.bundle"):
    """A USB reply carrying `events`, signed by the county's key (or by `sign`, a forger's)."""
    county_key = county.store.key()
    path = tmp_path / name
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": KIND_REPLY, "from": COUNTY,
                "to": "TS01", "station": "TS01", "station_key_id": enrolled.key.key_id,
                "county_key_id": county_key.key_id, "created_at": "2026-03-01T09:00:00+00:00",
                "events_after": 0, "cursor": max([e["seq"] for e in events] or [0])}
    body = encode_json_gzip({"acks": [], "events": events, "cursor": manifest["cursor"], "after": 0, "held": []})
    write_bundle(path, manifest, {REPLY_PART: body}, sign or county_key.sign,
                 recipient=enrolled.key.agreement_public_key)
    return path


def test_an_earlier_events_answer_replayed_brings_no_handling(enrolled, county):
    own = filed(enrolled)
    observer = Replayer()
    assert engine(enrolled, session=session_with(observer)).sync_round().complete
    earlier = observer.answer_to("GET", "/v1/events")
    reviewer(county).handle_complaint(own.id, "answer", "已电话答复。", today_in_china(), "phone")
    observer.substitute = lambda q: earlier if q.path_url.startswith("/v1/events") else None
    assert engine(enrolled, session=session_with(observer)).sync_round().error_code == "bad_answer"
    assert complaint_answers.center_steps(enrolled.station.db, own.id) == []
    observer.substitute = None  # the genuine answer still arrives afterwards
    assert engine(enrolled, session=session_with(observer)).sync_round().complaint_steps == 1
    assert len(complaint_answers.center_steps(enrolled.station.db, own.id)) == 1


def test_a_reply_forged_under_another_key_is_refused(enrolled, county, tmp_path):
    own = filed(enrolled)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "out.bundle")
    forger = StationKey.generate()
    path = reply_with(enrolled, county, tmp_path, [event(1, own.id)], sign=forger.sign)
    with pytest.raises(BundleError) as refused:
        import_reply(enrolled.station.db, enrolled.key, "TS01", path)
    assert refused.value.message_zh
    assert complaint_answers.center_steps(enrolled.station.db, own.id) == []


def test_county_signed_handling_out_of_bounds_or_not_ours_is_left_out(enrolled, county, tmp_path):
    own = filed(enrolled)
    before = enrolled.station.store.get("complaint", own.id)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "out.bundle")
    bad = [event(1, "another-stations-complaint"),
           event(2, own.id, text="查" * (MAX_COMPLAINT_STEP_CHARS + 1)),
           event(3, own.id, handling="close"),
           event(4, own.id, reply_method="carrier pigeon"),
           event(5, own.id, satisfaction="ecstatic"),
           event(6, own.id, answered_on="2024-13-45"),
           event(7, own.id, handling="step"),  # a step that carries an answer
           event(8, own.id, text=["已答复。"]),
           dict(event(9, own.id), by="李" * (MAX_HANDLER_CHARS + 1)),
           dict(event(10, own.id), data="已答复。"),
           event(11, {"id": own.id})]  # not an id
    import_reply(enrolled.station.db, enrolled.key, "TS01", reply_with(enrolled, county, tmp_path, bad))
    db = enrolled.station.db
    assert db.execute("SELECT count(*) FROM center_complaint_handling").fetchone()[0] == 0
    after = enrolled.station.store.get("complaint", own.id)
    assert (after.version, after.data) == (before.version, before.data)


def test_a_complaint_keeps_at_most_the_bounded_number_of_steps(enrolled, county, tmp_path):
    own = filed(enrolled)
    export_bundle(enrolled.station.db, enrolled.key, "TS01", tmp_path / "out.bundle")
    steps = [event(seq, own.id, handling="step", answered_on=None, reply_method=None, satisfaction=None)
             for seq in range(1, MAX_COMPLAINT_STEPS + 6)]
    import_reply(enrolled.station.db, enrolled.key, "TS01", reply_with(enrolled, county, tmp_path, steps))
    kept = complaint_answers.center_steps(enrolled.station.db, own.id)
    assert [s.seq for s in kept] == list(range(1, MAX_COMPLAINT_STEPS + 1))
