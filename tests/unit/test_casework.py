"""The records after the decision (issue 14) in the store: linked to their case, numbered, versioned, searched,
queued for the county like every record, and refused with a clear reason when the case is wrong."""

from __future__ import annotations

import json

import pytest

from desktop.records.errors import ValidationFailed
from desktop.records.search import search_ids

from .casework_examples import EXAMPLES, aided, closure, complaint, follow_up, quality_evaluation
from .test_store import application, consultation, resident_id


def _case(station, **changes) -> str:
    return station.store.save("application", application(**changes), user="李明").number


def _aided(station, closed: bool = False, **changes) -> str:
    """A case received on 2024-05-01 the county granted and assigned the next day (the examples are of 2024-05-20),
    closed by its closure report when `closed`."""
    number = _case(station, received_at="2024-05-01T09:00", **changes)
    aided(station, number, "2024-05-02")
    if closed:
        station.store.save("closure", closure(number), user="李明")
    return number


@pytest.mark.parametrize("record_type", list(EXAMPLES))
def test_each_record_type_saves_with_history_outbox_and_search(station, record_type):
    number = _aided(station, closed=record_type in ("quality_evaluation", "follow_up"))
    data = EXAMPLES[record_type]()
    if "case_number" in data:
        data["case_number"] = number
    saved = station.store.save(record_type, data, user="李明")
    record = station.store.get(record_type, saved.id)
    assert record.version == 1 and not record.voided
    outbox = station.db.execute("SELECT payload FROM outbox WHERE record_type = ?", (record_type,)).fetchall()
    assert len(outbox) == 1 and json.loads(outbox[0][0])["record_id"] == saved.id
    assert [h.action for h in station.store.history(record_type, saved.id)] == ["create"]
    searched = {"follow_up": "满意", "court_attendance": "人民法院", "quality_evaluation": "周敏", "closure": "判决",
                "complaint": "不接电话", "outreach_event": "临河中队"}[record_type]
    table = {"follow_up": "follow_ups", "court_attendance": "court_attendances", "closure": "closures",
             "quality_evaluation": "quality_evaluations", "complaint": "complaints",
             "outreach_event": "outreach_events"}[record_type]
    table_row = station.db.execute(f"SELECT rownum FROM {table} WHERE id = ?", (saved.id,)).fetchone()[0]
    assert table_row in search_ids(station.db, record_type, searched)
    station.store.void(record_type, saved.id, "录错了", user="李明")
    assert station.store.get(record_type, saved.id).voided


def test_a_case_record_links_to_its_application_and_shows_its_applicant(station):
    number = _aided(station, closed=True, name="赵六")
    saved = station.store.save("follow_up", follow_up(number), user="李明")
    record = station.store.get("follow_up", saved.id)
    application_id = station.db.execute("SELECT id FROM applications WHERE number = ?", (number,)).fetchone()[0]
    assert record.data["application_id"] == application_id
    assert station.db.execute("SELECT person_name FROM follow_ups").fetchone()[0] == "赵六"


def test_an_unknown_or_void_case_is_refused_beside_the_case_number(station):
    with pytest.raises(ValidationFailed) as refused:
        station.store.save("follow_up", follow_up("TS01-2024-09999"), user="李明")
    assert [i.field for i in refused.value.issues] == ["case_number"]
    assert "TS01-2024-09999" in refused.value.issues[0].text()
    number = _case(station)
    app_id = station.db.execute("SELECT id FROM applications WHERE number = ?", (number,)).fetchone()[0]
    station.store.void("application", app_id, "重复登记", user="李明")
    with pytest.raises(ValidationFailed):
        station.store.save("closure", closure(number), user="李明")
    assert station.db.execute("SELECT count(*) FROM closures").fetchone()[0] == 0


def test_quality_is_evaluated_on_closed_cases_and_graded_by_the_scheme(station):
    number = _aided(station)
    with pytest.raises(ValidationFailed) as refused:
        station.store.save("quality_evaluation", quality_evaluation(number), user="周敏")
    assert "结案" in refused.value.issues[0].text() or "closure" in refused.value.issues[0].text()
    station.store.save("closure", closure(number), user="李明")
    data = quality_evaluation(number)
    data["score_documents"] = 5  # 100 - 20 + 5 = 85: good (75..89)
    saved = station.store.save("quality_evaluation", data, user="周敏")
    record = station.store.get("quality_evaluation", saved.id)
    assert (record.data["score"], record.data["grade"]) == (85, "good")
    too_high = dict(data, score_documents=21)
    with pytest.raises(ValidationFailed) as refused:
        station.store.save("quality_evaluation", too_high, user="周敏")
    assert [i.field for i in refused.value.issues] == ["score_documents"]


def test_complaints_are_numbered_apart_from_applications(station):
    _case(station)
    first = station.store.save("complaint", complaint(), user="李明")
    second = station.store.save("complaint", complaint(), user="李明")
    assert (first.number, second.number) == ("TS01-C-2024-00001", "TS01-C-2024-00002")
    assert station.store.get("complaint", first.id).number == first.number


def test_an_edit_keeps_the_case_and_cannot_move_the_record_to_another(station):
    first, other = _aided(station, closed=True), _aided(station, True, name="钱七", id_number=resident_id(sequence="457"))
    saved = station.store.save("follow_up", follow_up(first), user="李明")
    edited = station.store.save("follow_up", dict(follow_up(first), finding="受援人基本满意。"), user="李明",
                                record_id=saved.id, expected_version=1)
    assert edited.version == 2
    assert station.store.get("follow_up", saved.id).data["application_id"]
    with pytest.raises(ValidationFailed):
        station.store.save("follow_up", follow_up(other), user="李明", record_id=saved.id, expected_version=2)


def test_a_consultations_follow_up_needs_no_case(station):
    consulted = station.store.save("consultation", consultation(follow_up_needed=True), user="李明")
    assert station.db.execute("SELECT follow_up_needed FROM consultations").fetchone()[0] == 1
    data = follow_up("")
    data["consultation_id"] = consulted.id
    saved = station.store.save("follow_up", data, user="李明")
    assert station.store.get("follow_up", saved.id).data["consultation_id"] == consulted.id
    assert station.db.execute("SELECT person_name FROM follow_ups").fetchone()[0] == "张伟"


def test_dates_after_the_decision_cannot_be_in_the_future(station):
    number = _case(station)
    with pytest.raises(ValidationFailed) as refused:
        station.store.save("closure", dict(closure(number), closed_on="2999-01-01"), user="李明")
    assert [i.field for i in refused.value.issues] == ["closed_on"]
    with pytest.raises(ValidationFailed) as refused:
        station.store.save("closure", dict(closure(number), archived_on="2024-05-01"), user="李明")
    assert [i.field for i in refused.value.issues] == ["archived_on"]
