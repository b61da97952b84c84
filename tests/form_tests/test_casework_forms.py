"""The forms of the records after the decision (issue 14) are filled from them: the follow-up visit, court
attendance, quality evaluation and complaint forms print the record and its case; the closure report prints the
station's closure report under the county's close."""

from __future__ import annotations

import re

from forms.county import county_decisions
from forms.render import render_form
from tests.unit.casework_examples import closure, complaint, court_attendance, follow_up, quality_evaluation

from .conftest import ASSIGNED, civil_maximal, pdftotext, requires_poppler


def _text(services, form_id, record, context, tmp_path) -> str:
    pdf = render_form(form_id, record, context, decisions=county_decisions(services.station.db, record))
    return re.sub(r"\s+", "", pdftotext(pdf, tmp_path))


@requires_poppler
def test_case_records_print_with_their_case(services, save, decide, context, tmp_path):
    case = save("application", civil_maximal())
    decide(case, "accept", at="2026-03-06T02:00:00+00:00")  # 受理 first, as the county's order says
    decide(case, "grant", at="2026-03-07T02:00:00+00:00")
    decide(case, "assign", ASSIGNED, at="2026-03-08T02:00:00+00:00")
    hearing = save("court_attendance", dict(court_attendance(case.number), procedure="first", hearing_date="2026-04-10T09:30"))
    text = _text(services, "court_attendance", hearing, context, tmp_path)
    for value in (case.number, "青山县人民法院", "2026年4月10日9时30分", "☑一审", "☑良好"):
        assert value in text, value
    decide(case, "close", {"result": "调解结案"}, at="2026-05-20T02:00:00+00:00")
    save("closure", dict(closure(case.number), closed_on="2026-05-20", closing_method="mediation", closure_summary="多次调解，达成协议。",
                         amount_recovered="30000"))
    text = _text(services, "closure_report", case, context, tmp_path)
    assert "多次调解，达成协议。" in text and "30000" in text
    # the visit after closing (回访)
    visit = save("follow_up", dict(follow_up(case.number), visited_on="2026-06-02", visit_method="home",
                                   lawyer_contacted=True, attitude="diligent", finding="对承办律师很满意。"))
    text = _text(services, "follow_up_record", visit, context, tmp_path)
    for value in (case.number, case.data["name"], "陈律师", "青山县正义律师事务所", "2026年6月2日", "李明", "☑上门走访",
                  "☑认真负责", "☑满意", "对承办律师很满意。"):
        assert value in text, value
    evaluation = save("quality_evaluation", dict(quality_evaluation(case.number), evaluated_on="2026-06-10",
                                              score_documents=15))
    text = _text(services, "quality_evaluation", evaluation, context, tmp_path)
    assert "95" in text and "☑优秀" in text and "县中心周敏" in text and case.number in text


@requires_poppler
def test_a_complaint_prints_its_number_and_handling(services, save, context, tmp_path):
    record = save("complaint", dict(complaint(), complained_at="2026-03-01T10:00", reply_date="2026-03-20",
                                    reply_method="written", handling="核查后约谈承办律师。"))
    text = _text(services, "complaint_registration", record, context, tmp_path)
    for value in ("援投字〔2026〕第1号", "2026年3月1日10时00分", "☑电话", "王五", "☑法律援助人员", "承办律师多次不接电话。",
                  "核查后约谈承办律师。", "2026年3月20日", "☑书面"):
        assert value in text, value


def test_the_quality_form_prints_every_item_of_the_countys_scheme():
    """The scheme's items are data (resources/plan/quality_scheme.json); the form prints each one's score: a county
    that changes one changes both, and this says where they differ."""
    from desktop.records.quality import quality_scheme
    from forms.catalogue import get_form, placeholders

    printed = {name for name, _ in placeholders(get_form("quality_evaluation").blocks)}
    assert {item.field for item in quality_scheme().items} <= printed
    assert {name for name in printed if name.startswith("score_")} == {item.field for item in quality_scheme().items}


def _assigned_case(save, decide):
    case = save("application", civil_maximal())
    decide(case, "accept", at="2026-03-06T02:00:00+00:00")
    decide(case, "grant", at="2026-03-07T02:00:00+00:00")
    decide(case, "assign", ASSIGNED, at="2026-03-08T02:00:00+00:00")
    return case


@requires_poppler
def test_the_closure_report_prints_the_stations_report_before_the_countys_close(services, save, decide, context,
                                                                                 tmp_path):
    """Its day, method and the recipient's opinion ticked among the list's boxes, its result: the indicators count
    the case on the report's day, not on the county's close two days later."""
    case = _assigned_case(save, decide)
    report = save("closure", dict(closure(case.number), closed_on="2026-05-18", closing_method="mediation",
                                  recipient_opinion="satisfied", closure_result="调解结案，追回工资。"))
    decide(case, "close", {"result": "县中心：调解结案"}, at="2026-05-20T02:00:00+00:00")
    # from the case (its latest live report) and from the report itself (with its case's applicant and lawyer)
    for record in (case, report):
        text = _text(services, "closure_report", record, context, tmp_path)
        for value in ("2026年5月18日", "☐判决", "☑调解", "☐终止法律援助", "☑满意", "☐基本满意", "调解结案，追回工资。",
                      case.number, "张伟", "陈律师"):
            assert value in text, (record.record_type, value)
        assert "2026年5月20日" not in text and "县中心：调解结案" not in text and text.count("☑") == 2


@requires_poppler
def test_a_terminated_case_prints_its_closure_report(services, save, decide, context, tmp_path):
    """Art. 48: a termination counts as closing the case; with no report of the station's the form prints the
    county's termination, 终止法律援助 ticked among the closing methods."""
    from forms.availability import availability
    from forms.catalogue import get_form

    case = _assigned_case(save, decide)
    decide(case, "terminate", {"reasons": ["受援人自行委托律师"], "ground": "own_lawyer"}, at="2026-04-08T02:00:00+00:00")
    assert availability(get_form("closure_report"), case, county_decisions(services.station.db, case)).ok
    text = _text(services, "closure_report", case, context, tmp_path)
    for value in ("2026年4月8日", "☑终止法律援助", "☐调解", "受援人自行委托律师", "☐满意", "☐不满意"):
        assert value in text, value
    assert text.count("☑") == 1


def test_the_closure_report_waits_for_a_close_and_names_the_cases_real_status(services, save, decide):
    from forms.availability import availability
    from forms.catalogue import get_form

    case = _assigned_case(save, decide)  # the record as read before the county's decisions: status 已登记
    found = availability(get_form("closure_report"), case, county_decisions(services.station.db, case))
    assert not found.ok
    assert "在工作站登记结案报告或县中心结案或决定终止法律援助后才能出具" in found.reason, found.reason
    assert "“已指派”" in found.reason, found.reason
