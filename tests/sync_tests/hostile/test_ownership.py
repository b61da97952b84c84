"""Issue #15, M4, M5, M6, L11, L13: every record a station sends is its own; decisions belong to the
application's id; decisions are typed strictly and assignments come from the roster; the documented order;
a station clock days fast is not quarantined for "future" records."""

from __future__ import annotations

import json
import time

import pytest
import requests

from sync.server.errors import CountyError
from helpers.county import add_roster
from sync_tests.hostile.conftest import acks_of
from sync_tests.test_attachment_upload import engine as file_engine
from tests.unit.test_store import application, resident_id


def test_a_station_cannot_take_another_stations_application_number(enrolled, county, hostile):
    saved = enrolled.station.store.save("application", application(), user="李芳")  # TS01-YYYY-00001
    squat = hostile.change("application", application(number=saved.number))
    [ack] = acks_of(hostile.push([squat]))
    assert ack["status"] == "rejected" and "不以本工作站代码 EV01 开头" in ack["reason_zh"]
    result = file_engine(enrolled).sync_round()
    assert result.complete and not result.rejected  # the real station's application is taken
    event = county.store.decide("accept", saved.number, {})
    assert event["station"] == "TS01" and event["application_id"] == saved.id  # the decision goes to its owner


def test_a_station_cannot_send_records_in_another_stations_name_or_under_its_ids(enrolled, county, hostile):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    as_other = hostile.change("application", application(number="EV01-2026-00001"), station="TS01")
    takeover = hostile.change("application", application(number="EV01-2026-00002"), record_id=saved.id, version=2,
                              action="update")
    acks = acks_of(hostile.push([as_other, takeover]))
    assert [a["status"] for a in acks] == ["rejected", "rejected"]
    assert "TS01" in acks[0]["reason_zh"] and "属于另一个工作站" in acks[1]["reason_zh"]
    assert county.store.records("EV01") == []


def test_a_new_application_reusing_a_voided_applications_number_inherits_none_of_its_decisions(hostile, county):
    add_roster(county)
    first = hostile.change("application", application(number="EV01-2026-00001"))
    first_id = json.loads(first["payload"])["record_id"]
    acks_of(hostile.push([first]))
    for kind, data in (("accept", {}), ("grant", {}), ("assign", {"lawyer": "L001"})):
        county.store.decide(kind, "EV01-2026-00001", data)
    void = hostile.change("application", application(number="EV01-2026-00001"), record_id=first_id, version=2,
                          action="void")
    again = hostile.change("application", application(number="EV01-2026-00001", name="李四"))
    assert [a["status"] for a in acks_of(hostile.push([void, again]))] == ["accepted", "accepted"]
    assert county.store.status_of("EV01-2026-00001") is None  # received: nothing granted, nobody assigned
    with pytest.raises(CountyError, match="accept the application"):
        county.store.decide("grant", "EV01-2026-00001", {})
    event = county.store.decide("accept", "EV01-2026-00001", {})
    assert event["application_id"] == json.loads(again["payload"])["record_id"] != first_id


@pytest.fixture
def granted_minor(enrolled, county):
    """A minor's application, accepted and granted at the county; the roster loaded."""
    add_roster(county)
    saved = enrolled.station.store.save("application", application(
        id_number=resident_id(birth="20120101"), legal_rep_name="张父", legal_rep_relation="parent"), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    county.store.decide("accept", saved.number, {})
    county.store.decide("grant", saved.number, {})
    return saved


def _admin(county, capsys) -> tuple[str, str]:
    from sync.server.__main__ import main as server_cli

    assert server_cli(["admin-token", "--data-dir", str(county.data_dir)]) == 0
    return county.url + "/v1/admin", capsys.readouterr().out.strip().splitlines()[-1]


@pytest.mark.parametrize("data", [
    {"assignee_kind": "lawyer", "name": "冯律师", "years_of_practice": 9, "minors_specialist": "no"},  # "no" is truthy
    {"lawyer": "L002", "minors_specialist": True},  # a typed fact next to the roster's
    {"lawyer": "L002", "years_of_practice": 9},
    {"lawyer": 2},  # not a roster id
    {"name": "冯律师"},  # free-form: no roster, no active flag, no years
    {},
])
def test_assignment_facts_cannot_be_typed_around_the_roster(granted_minor, county, capsys, data):
    url, token = _admin(county, capsys)
    answer = requests.post(f"{url}/applications/{granted_minor.number}/decisions",
                           headers={"Authorization": f"Bearer {token}"}, json={"kind": "assign", "data": data},
                           timeout=10)
    assert answer.status_code == 422 and answer.json()["message_zh"]
    assert county.store.status_of(granted_minor.number) == "granted"


def test_the_roster_decides_the_minors_rule_and_an_inactive_member_is_refused(granted_minor, county, capsys):
    from sync.server.reference import deactivate

    url, token = _admin(county, capsys)
    post = lambda data: requests.post(f"{url}/applications/{granted_minor.number}/decisions",  # noqa: E731
                                      headers={"Authorization": f"Bearer {token}"},
                                      json={"kind": "assign", "data": data}, timeout=10)
    minors = post({"lawyer": "L002"})  # not familiar with minors' cases on the roster
    assert minors.status_code == 422 and "未成年人" in minors.json()["message_zh"]
    deactivate(county.store, "L001")
    assert post({"lawyer": "L001"}).status_code == 422
    assert county.store.status_of(granted_minor.number) == "granted"


@pytest.mark.parametrize("kind,data", [("supplement", {"items": "身份证"}), ("refuse", {"reasons": [""]}),
                                       ("close", {"result": 1}), ("accept", {"note": ["x"]}),
                                       ("progress", {"note": "x", "extra": True})])
def test_decision_fields_are_typed_strictly(enrolled, county, kind, data):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    with pytest.raises(CountyError):
        county.store.decide(kind, saved.number, data)


def test_grant_and_refuse_need_the_acceptance_first_as_documented(enrolled, county):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    for kind, data in (("grant", {}), ("refuse", {"reasons": ["不符合条件"]})):
        with pytest.raises(CountyError, match="accept the application"):
            county.store.decide(kind, saved.number, data)
    county.store.decide("supplement", saved.number, {"items": ["收入证明"]})  # materials first is allowed ...
    with pytest.raises(CountyError, match="accept the application"):
        county.store.decide("grant", saved.number, {})  # ... but still not a grant before 受理
    county.store.decide("accept", saved.number, {})
    assert county.store.decide("grant", saved.number, {})["status"] == "granted"


def test_a_station_clock_three_days_fast_is_not_quarantined_and_is_told_so(hostile, county):
    """The station stamps its records by its own clock; it signs how far that clock runs from the county's
    (measured from the county's signed time), and "in the future" is judged by it."""
    from datetime import datetime, timedelta

    from sync.status import RoundResult, describe

    fast = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    stamped = lambda serial: hostile.change(  # noqa: E731
        "application", application(number=f"EV01-2026-{serial:05d}", received_at=fast))
    body = lambda serial: __import__("sync.protocol").protocol.encode_json_gzip(  # noqa: E731
        {"station": "EV01", "changes": [stamped(serial)]})
    three_days = 3 * 86400
    [ack] = acks_of(hostile.send("POST", "/v1/changes", body(1), clock_offset=three_days,
                                 now=time.time() + three_days))
    assert ack["status"] == "accepted"
    [honest] = acks_of(hostile.send("POST", "/v1/changes", body(2)))  # a right clock: three days ahead is wrong
    assert honest["status"] == "rejected" and "晚于当前时间" in honest["reason_zh"]
    lines = describe(RoundResult(clock_skew_seconds=three_days + 100))
    assert any("本机时钟比县中心快了 3 天" in line for line in lines)
    assert any("慢了 2 小时" in line for line in describe(RoundResult(clock_skew_seconds=-7300)))


def planted(hostile, attachment_id: str, record_id: str, **fields) -> dict:
    """EV01's signed manifest attaching a file to the application `record_id`."""
    import base64

    from desktop.records.canonical import canonical_json

    manifest = {"attachment_id": attachment_id, "record_type": "application", "record_id": record_id,
                "slot": "id_card", "sha256": "ab" * 32, "size": 1000, "media_type": "application/pdf",
                "original_name": "x.pdf", "station": "EV01", "key_id": hostile.key.key_id, **fields}
    signature = base64.b64encode(hostile.key.sign(canonical_json(manifest).encode("utf-8"))).decode("ascii")
    return hostile.change("attachment", {"manifest": manifest, "signature": signature}, record_id=attachment_id)


def test_a_station_cannot_attach_material_to_another_stations_application(enrolled, county, hostile):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    [ack] = acks_of(hostile.push([planted(hostile, "planted-1", saved.id)]))
    assert ack["status"] == "rejected" and "另一工作站" in ack["reason_zh"]
    assert county.store.files.attachments_of("application", saved.id) == []


def test_a_manifest_sent_before_another_stations_record_arrives_never_shows_on_it(enrolled, county, hostile):
    """The county cannot tell whose a record it does not hold yet will be, so it takes the manifest; once the
    record arrives from its own station, the case shows that station's materials only."""
    saved = enrolled.station.store.save("application", application(), user="李芳")
    [ack] = acks_of(hostile.push([planted(hostile, "planted-2", saved.id)]))  # the id learnt somehow, beforehand
    assert ack["status"] == "accepted"
    assert file_engine(enrolled).sync_round().complete
    assert county.store.files.attachments_of("application", saved.id) == []


def test_a_record_after_the_decision_is_the_senders_own_too(enrolled, county, hostile, monkeypatch):
    """Follow-ups, closures, complaints (issue 14) name the sender's own cases, consultations and numbers only."""
    from tests.unit.casework_examples import as_an_older_station, closure, complaint, follow_up
    from tests.unit.test_store import consultation

    store = enrolled.station.store
    theirs = store.save("application", application(), user="李芳")
    asked = store.save("consultation", consultation(), user="李芳")
    with as_an_older_station(monkeypatch):  # (on an undecided case: the county takes what older stations sent)
        closed = store.save("closure", closure(theirs.number), user="李芳")
    assert file_engine(enrolled).sync_round().complete
    own = "EV01-2026-00001"
    changes = [
        hostile.change("follow_up", follow_up(theirs.number)),  # another station's case by its number
        hostile.change("follow_up", {**follow_up(own), "application_id": theirs.id}),  # ... or by its id
        hostile.change("follow_up", {**follow_up(own), "consultation_id": asked.id}),  # another's consultation
        hostile.change("complaint", {**complaint(), "number": "TS01-C-2024-00001"}),  # another's complaint number
        hostile.change("closure", closure(own), record_id=closed.id, version=2, action="update"),  # its record id
        hostile.change("follow_up", follow_up(own)),  # its own case: taken
    ]
    acks = acks_of(hostile.push(changes))
    assert [a["status"] for a in acks] == ["rejected"] * 5 + ["accepted"], acks
    assert "不以本工作站代码 EV01 开头" in acks[0]["reason_zh"] and "不以本工作站代码 EV01 开头" in acks[3]["reason_zh"]
    assert "其他工作站的案件" in acks[1]["reason_zh"] and "其他工作站的咨询" in acks[2]["reason_zh"]
    assert "属于另一个工作站" in acks[4]["reason_zh"]
    assert [r["record_type"] for r in county.store.records("EV01")] == ["follow_up"]
    [kept] = [r for r in county.store.records("TS01") if r["record_type"] == "closure"]
    assert kept["version"] == 1


def test_a_manifest_naming_another_stations_file_does_not_name_its_download(enrolled, county, hostile, tmp_path,
                                                                              capsys):
    """Any station may name a hash in a manifest; the type and name the center's download carries come from a
    station that delivered the bytes, not from one that named the hash first."""
    from sync_tests.test_admin_api import api, token_of
    from sync_tests.test_attachment_upload import attach

    saved = enrolled.station.store.save("application", application(), user="李芳")
    real = attach(enrolled, tmp_path, 200_000, 42, record_id=saved.id)
    [ack] = acks_of(hostile.push([planted(hostile, "planted-3", "their-own", sha256=real.sha256, size=200_000,
                                          media_type="text/html", original_name="请点我.html")]))
    assert ack["status"] == "accepted"  # a manifest of its own record, naming a hash it learnt
    assert file_engine(enrolled).sync_round().complete
    got = api(county, "GET", f"/files/{real.sha256}", token_of(county, capsys))
    assert got.status_code == 200 and got.headers["content-type"] == "application/pdf"
    assert "html" not in got.headers.get("content-disposition", "")
