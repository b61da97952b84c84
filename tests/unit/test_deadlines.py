"""Deadlines derived from the application, the county's decisions and the station's records (Art. 43, 44, the
plan's own), never typed; counted on the day in China the county decided."""

from __future__ import annotations

from datetime import date

from desktop.records.deadlines import (ASSIGN, COMPLAINT_ANSWER, CONSULTATION_FOLLOW_UP, DECIDE, FOLLOW_UP, OVERDUE,
                                       SOON, SUPPLEMENT, TODAY, URGENT, CaseFacts, Decision, Periods, by_state,
                                       case_deadlines, countdowns, county_day, decision_of, open_deadlines,
                                       visited_after_closing)

from .casework_examples import ASSIGNEE, closure, complaint, county_decides, follow_up
from .test_store import application, consultation, resident_id

P = Periods()
SEQ = iter(("133", "143", "153", "163"))
D = date.fromisoformat


def case(*decisions: Decision, received="2026-03-02", **kw) -> CaseFacts:
    return CaseFacts("a1", "TS01-2026-00001", "张伟", D(received), decisions=list(decisions), **kw)


def kinds_and_dues(found) -> list[tuple[str, str]]:
    return [(d.kind, d.due.isoformat()) for d in found]


def test_a_new_application_is_decided_within_7_days_of_receipt():
    assert kinds_and_dues(case_deadlines(case(), P)) == [(DECIDE, "2026-03-09")]


def test_a_grant_starts_3_days_to_assign_and_an_assignment_ends_them():
    granted = case(Decision("accept", D("2026-03-03")), Decision("grant", D("2026-03-05")))
    assert kinds_and_dues(case_deadlines(granted, P)) == [(ASSIGN, "2026-03-08")]
    granted.decisions.append(Decision("assign", D("2026-03-06")))
    assert case_deadlines(granted, P) == []


def test_the_supplement_period_replaces_the_decision_and_its_days_do_not_count():
    asked = case(Decision("supplement", D("2026-03-04")))
    assert kinds_and_dues(case_deadlines(asked, P)) == [(SUPPLEMENT, "2026-03-19")]  # the county's default 15 days
    own_date = case(Decision("supplement", D("2026-03-04"), due=D("2026-03-10")))
    assert kinds_and_dues(case_deadlines(own_date, P)) == [(SUPPLEMENT, "2026-03-10")]
    supplied = case(Decision("supplement", D("2026-03-04")), Decision("accept", D("2026-03-12")))
    assert kinds_and_dues(case_deadlines(supplied, P)) == [(DECIDE, "2026-03-17")]  # 9 + 8 days waited


def test_an_urgent_case_is_due_at_its_own_deadline_until_aid_is_given():
    urgent = case(urgent_until=D("2026-03-05"))
    assert kinds_and_dues(case_deadlines(urgent, P)) == [(URGENT, "2026-03-05"), (DECIDE, "2026-03-09")]
    urgent.decisions.append(Decision("advance", D("2026-03-03")))
    assert kinds_and_dues(case_deadlines(urgent, P)) == [(DECIDE, "2026-03-09")]


def test_a_refused_case_has_no_deadline_and_a_closed_one_waits_for_its_follow_up():
    assert case_deadlines(case(Decision("refuse", D("2026-03-04"))), P) == []
    closed = case(Decision("grant", D("2026-03-04")), Decision("assign", D("2026-03-05")),
                  closed_on=D("2026-05-01"))
    assert kinds_and_dues(case_deadlines(closed, P)) == [(FOLLOW_UP, "2026-05-31")]
    closed.followed_up = True
    assert case_deadlines(closed, P) == []


def test_only_a_visit_on_or_after_the_closing_day_is_the_follow_up_after_closing():
    """The station's closure report or the county's close, whichever closed it: a visit before is not 回访."""
    reported = case(Decision("grant", D("2026-03-04")), closed_on=D("2026-05-01"), last_visit=D("2026-04-30"))
    assert not visited_after_closing(reported)
    reported.last_visit = D("2026-05-01")
    assert visited_after_closing(reported)
    by_county = case(Decision("grant", D("2026-03-04")), Decision("close", D("2026-06-01")), last_visit=D("2026-05-20"))
    assert not visited_after_closing(by_county)
    assert not visited_after_closing(case(last_visit=D("2026-03-05")))  # still running: no visit after closing yet


def test_a_correction_undoes_the_refusal_or_termination_it_answers_and_an_upheld_objection_nothing():
    """Art. 49: what a correction puts back runs from its day; an upheld objection is not read."""
    corrected = decision_of("objection", D("2026-03-10"), '{"data": {"outcome": "corrected"}}')
    assert decision_of("objection", D("2026-03-10"), '{"data": {"outcome": "upheld"}}') is None
    refused = [Decision("accept", D("2026-03-03")), Decision("refuse", D("2026-03-04"))]
    assert kinds_and_dues(case_deadlines(case(*refused, corrected), P)) == [(DECIDE, "2026-03-17")]
    terminated = [Decision("accept", D("2026-03-03")), Decision("grant", D("2026-03-04")),
                  Decision("terminate", D("2026-03-05"))]
    assert case_deadlines(case(*terminated), P)[0].kind == FOLLOW_UP
    assert kinds_and_dues(case_deadlines(case(*terminated, corrected), P)) == [(ASSIGN, "2026-03-13")]


def test_states_count_from_the_callers_today():
    found = case_deadlines(case(), P)[0]  # due 2026-03-09
    assert [found.state(D(day), 3) for day in ("2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10")] == \
        ["later", SOON, TODAY, OVERDUE]
    assert found.days_left(D("2026-03-12")) == -3


def test_the_county_decides_on_its_day_in_china():
    assert county_day("2026-03-05T17:30:00+00:00") == D("2026-03-06")
    assert county_day("2026-03-05T15:59:59+00:00") == D("2026-03-05")
    assert county_day("2026-03-05") == D("2026-03-05") and county_day("") is None


def test_a_station_lists_its_open_deadlines_from_its_records_and_the_countys_decisions(station):
    store = station.store
    new = store.save("application", application(received_at="2026-03-02T09:00"), user="李明").number
    granted = store.save("application", application(received_at="2026-03-01T09:00", name="王五",
                                                    id_number=resident_id(sequence=next(SEQ))), user="李明").number
    county_decides(station, granted, "grant", "2026-03-04")
    closed = store.save("application", application(received_at="2026-01-05T09:00", name="赵六",
                                                   id_number=resident_id(sequence=next(SEQ))), user="李明").number
    for kind, day in (("grant", "2026-01-07"), ("assign", "2026-01-08")):
        county_decides(station, closed, kind, day, ASSIGNEE if kind == "assign" else None)
    store.save("closure", dict(closure(closed), closed_on="2026-02-20"), user="李明")
    refused = store.save("application", application(received_at="2026-03-01T09:00", name="钱七",
                                                    id_number=resident_id(sequence=next(SEQ))), user="李明").number
    county_decides(station, refused, "refuse", "2026-03-03", {"reasons": ["不符合经济困难标准"]})
    flagged = store.save("consultation", consultation(occurred_at="2026-03-01T10:00", follow_up_needed=True),
                         user="李明")
    store.save("complaint", dict(complaint(), complained_at="2026-02-01T10:00"), user="李明")

    found = open_deadlines(station.db, P)
    assert [(d.kind, d.due.isoformat(), d.subject) for d in found] == [
        (ASSIGN, "2026-03-07", f"{granted} 王五"),
        (CONSULTATION_FOLLOW_UP, "2026-03-08", "张伟"),
        (DECIDE, "2026-03-09", f"{new} 张伟"),
        (COMPLAINT_ANSWER, "2026-03-18", "TS01-C-2026-00001 王五"),
        (FOLLOW_UP, "2026-03-22", f"{closed} 赵六"),
    ]
    groups = by_state(found, D("2026-03-08"), P)
    assert [d.kind for d in groups[OVERDUE]] == [ASSIGN] and [d.kind for d in groups[TODAY]] == \
        [CONSULTATION_FOLLOW_UP] and [d.kind for d in groups[SOON]] == [DECIDE]
    # the follow-up visit ends the closed case's deadline; a consultation's follow-up ends its own
    store.save("follow_up", dict(follow_up(closed), visited_on="2026-03-01"), user="李明")  # after closing
    store.save("follow_up", dict(follow_up(""), consultation_id=flagged.id), user="李明")
    assert {d.kind for d in open_deadlines(station.db, P)} == {ASSIGN, DECIDE, COMPLAINT_ANSWER}
    ids = dict(station.db.execute("SELECT number, id FROM applications").fetchall())
    shown = countdowns(station.db, [ids[new], ids[refused], ids[granted]])
    assert {k: v.kind for k, v in shown.items()} == {ids[new]: DECIDE, ids[granted]: ASSIGN}
