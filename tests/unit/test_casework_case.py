"""What a case must have reached before its closure report, court attendance, quality evaluation or follow-up visit
is made, and the dates they may carry beside the case's own (desktop/records/casework_case.py): refused at the case
number or the date, in Chinese, when the station saves."""

from __future__ import annotations

import pytest

from desktop.records.deadlines import DECIDE, open_deadlines
from desktop.records.errors import ValidationFailed
from desktop.records.i18n import in_chinese

from .casework_examples import (aided, as_an_older_station, closure, county_decides, court_attendance, follow_up,
                                quality_evaluation)
from .test_store import application, resident_id




def _case(station, received: str = "2024-05-01") -> str:
    return station.store.save("application", application(received_at=f"{received}T09:00",
                                                          id_number=resident_id(sequence="133")), user="李明").number


def refused(station, record_type: str, data: dict) -> list[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as caught:
        station.store.save(record_type, data, user="李明")
    return [(i.field, in_chinese(i)) for i in caught.value.issues]


def test_a_refused_application_takes_no_closure_attendance_evaluation_or_follow_up(station):
    number = _case(station)
    county_decides(station, number, "refuse", "2024-05-03", {"reasons": ["不符合经济困难条件"]})
    for record_type, make in (("closure", closure), ("court_attendance", court_attendance),
                              ("quality_evaluation", quality_evaluation), ("follow_up", follow_up)):
        issues = refused(station, record_type, make(number))
        assert [f for f, _ in issues] == ["case_number"] and "不予法律援助" in issues[0][1], record_type
    assert station.db.execute("SELECT (SELECT count(*) FROM closures) + (SELECT count(*) FROM follow_ups)").fetchone() \
        == (0,)


def test_an_undecided_application_takes_no_closure_and_keeps_its_decision_deadline(station):
    number = _case(station)
    for record_type, make in (("closure", closure), ("court_attendance", court_attendance)):
        issues = refused(station, record_type, make(number))
        assert [f for f, _ in issues] == ["case_number"] and "已登记" in issues[0][1], record_type
    assert [d.kind for d in open_deadlines(station.db)] == [DECIDE]
    county_decides(station, number, "grant", "2024-05-02")  # granted, not yet assigned: still no aid given
    assert "已决定给予" in refused(station, "closure", closure(number))[0][1]
    county_decides(station, number, "assign", "2024-05-03", {"assignee_kind": "lawyer", "name": "陈律师"})
    station.store.save("closure", closure(number), user="李明")


def test_a_follow_up_is_made_after_the_case_closed(station):
    number = _case(station)
    aided(station, number, "2024-05-02")
    assert "回访" in refused(station, "follow_up", follow_up(number))[0][1]
    station.store.save("closure", dict(closure(number), closed_on="2024-05-10"), user="李明")
    assert [f for f, _ in refused(station, "follow_up", dict(follow_up(number), visited_on="2024-05-09"))] == \
        ["visited_on"]
    station.store.save("follow_up", dict(follow_up(number), visited_on="2024-05-10"), user="李明")


@pytest.mark.parametrize("record_type, field, value", [
    ("closure", "closed_on", "1900-01-01"), ("closure", "closed_on", "2023-03-28"),
    ("closure", "closed_on", "2024-05-01"),  # received, but aid was given on 05-02
    ("court_attendance", "hearing_date", "2024-04-30T09:30"), ("quality_evaluation", "evaluated_on", "2024-05-09"),
    ("follow_up", "visited_on", "2023-07-01")])
def test_dates_before_the_cases_own_are_refused_at_the_field(station, record_type, field, value):
    number = _case(station)
    aided(station, number, "2024-05-02")
    if record_type in ("quality_evaluation", "follow_up"):
        station.store.save("closure", dict(closure(number), closed_on="2024-05-10"), user="李明")
    examples = {"closure": closure, "court_attendance": court_attendance, "quality_evaluation": quality_evaluation,
                "follow_up": follow_up}
    issues = refused(station, record_type, dict(examples[record_type](number), **{field: value}))
    assert [f for f, _ in issues] == [field]
    assert any(day in issues[0][1] for day in ("2024-05-01", "2024-05-02", "2024-05-10")), issues


def test_a_case_has_one_live_quality_evaluation_the_earlier_edited_or_voided(station):
    number = _case(station)
    aided(station, number, "2024-05-02")
    station.store.save("closure", closure(number), user="李明")
    first = station.store.save("quality_evaluation", quality_evaluation(number), user="周敏")
    issues = refused(station, "quality_evaluation", dict(quality_evaluation(number), score_documents=0))
    assert [f for f, _ in issues] == ["case_number"] and "100" in issues[0][1]
    station.store.save("quality_evaluation", dict(quality_evaluation(number), score_documents=0), user="周敏",
                       record_id=first.id, expected_version=1)  # the earlier one edited
    station.store.void("quality_evaluation", first.id, "评错了", user="周敏")
    station.store.save("quality_evaluation", quality_evaluation(number), user="周敏")  # then a new one


def test_records_an_older_station_saved_can_still_be_voided(station, monkeypatch):
    number = _case(station)
    with as_an_older_station(monkeypatch):
        old = station.store.save("closure", closure(number), user="李明")
    station.store.void("closure", old.id, "案件未决定，录错了", user="李明")
    assert station.store.get("closure", old.id).voided


def test_aid_ended_before_anyone_was_assigned_was_never_given(station):
    """The county may terminate after the grant, before assigning anyone (sync/county_rules.py): no aid was given, so
    the case takes no closure report or court attendance (found in review: the status alone said 已终止)."""
    number = _case(station)
    county_decides(station, number, "grant", "2024-05-02")
    county_decides(station, number, "terminate", "2024-05-04", {"reasons": ["受援人自行委托律师"]})
    for record_type, make in (("closure", closure), ("court_attendance", court_attendance)):
        issues = refused(station, record_type, make(number))
        assert [f for f, _ in issues] == ["case_number"] and "已终止" in issues[0][1], record_type


def test_a_record_an_older_station_made_can_be_mended_where_its_case_and_date_stay(station, monkeypatch):
    """A visit an older station saved while the case ran (before its closing day) keeps its case and date when a typo
    is mended: the rules bind what is made or moved now; moving its date is judged as a new one is."""
    number = _case(station)
    aided(station, number, "2024-05-02")
    station.store.save("closure", dict(closure(number), closed_on="2024-05-10"), user="李明")
    with as_an_older_station(monkeypatch):
        old = station.store.save("follow_up", dict(follow_up(number), visited_on="2024-05-08"), user="李明")
    kept = station.store.get("follow_up", old.id)
    station.store.save("follow_up", dict(kept.data, finding="受援人对承办律师的工作表示满意（已核实）。"),
                       user="李明", record_id=old.id, expected_version=kept.version)
    mended = station.store.get("follow_up", old.id)
    assert mended.version == 2 and "已核实" in mended.data["finding"]
    with pytest.raises(ValidationFailed) as caught:
        station.store.save("follow_up", dict(mended.data, visited_on="2024-05-09"), user="李明", record_id=old.id,
                           expected_version=mended.version)
    assert [i.field for i in caught.value.issues] == ["visited_on"]
