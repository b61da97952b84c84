"""The county's decisions on the printed documents: reasons, items, lawyer, firm, dates and numbers; a
document whose decision was not taken, or that is not for the record, is refused with the reason; blank
forms carry no seal nor signature; a voided record's copy says so."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from forms.availability import FormNotAvailable
from forms.county import county_decisions, local_date
from forms.render import render_form

from .conftest import (ASSIGNED, civil_maximal, civil_minimal, criminal_maximal, pdftotext, requires_poppler,
                       resident_id)


def _text(pdf: bytes, tmp_path) -> str:
    return re.sub(r"\s+", "", pdftotext(pdf, tmp_path))


def _render(services, form_id, record, context):
    return render_form(form_id, record, context, decisions=county_decisions(services.station.db, record))


@requires_poppler
def test_a_decided_application_prints_the_decisions_contents(services, save, decide, context, tmp_path):
    record = save("application", civil_maximal())
    decide(record, "accept", at="2026-03-05T02:00:00+00:00")  # 受理 first, as the county's order says
    decide(record, "supplement", {"items": ["劳动合同原件", "近三个月工资流水"], "deadline": "2026-03-20"},
           at="2026-03-05T17:30:00+00:00")  # 01:30 on the 6th in China
    decide(record, "grant", at="2026-03-07T02:00:00+00:00")
    record = decide(record, "assign", {**ASSIGNED, "handling_organ": "青山县人民法院"}, at="2026-03-08T02:00:00+00:00")

    supplement = _text(_render(services, "supplement_notice", record, context), tmp_path)
    assert "1劳动合同原件" in supplement and "2近三个月工资流水" in supplement
    assert "请于2026年3月20日前" in supplement and "2026年3月6日" in supplement  # the county's day in China
    grant = _text(_render(services, "grant_decision", record, context), tmp_path)
    assert "《中华人民共和国法律援助法》第三十一条规定的法律援助条件" in grant and "2026年3月7日" in grant
    assert "第三十二条" not in grant and "第四十二条" not in grant
    notice = _text(_render(services, "assignment_notice", record, context), tmp_path)
    for value in ("青山县正义律师事务所：", "陈律师", "6", "青山县人民法院", "2026年3月8日", "2026年3月7日"):
        assert value in notice, value
    letter = _text(_render(services, "official_letter", record, context), tmp_path)
    assert "青山县人民法院：" in letter and "青山县正义律师事务所" in letter and "13600000000" in letter
    record = decide(record, "close", {"result": "调解结案，公司支付工资三万元。"}, at="2026-05-20T02:00:00+00:00")
    closure = _text(_render(services, "closure_report", record, context), tmp_path)
    assert "调解结案，公司支付工资三万元。" in closure and "2026年5月20日" in closure and "陈律师" in closure


@requires_poppler
def test_the_refusal_prints_its_reasons_and_the_objection_as_article_49_says(services, save, decide, context,
                                                                               tmp_path):
    record = save("application", civil_maximal())
    decide(record, "accept")
    record = decide(record, "refuse", {"reasons": ["家庭人均月收入高于本县经济困难标准", "申请事项不属于法律援助范围"]})
    text = _text(_render(services, "refusal_decision", record, context), tmp_path)
    assert "1.家庭人均月收入高于本县经济困难标准" in text and "2.申请事项不属于法律援助范围" in text
    assert "向设立该法律援助机构的司法行政部门（青山县司法局）提出" in text
    assert "司法行政部门应当自收到异议之日起五日内进行审查" in text
    assert "自收到本决定书之日起五日内" not in text  # the five days bind the bureau, not the applicant


def test_a_decision_not_taken_or_the_wrong_form_is_refused_with_the_reason(services, save, decide, context):
    record = save("application", civil_maximal())
    with pytest.raises(FormNotAvailable, match="县中心决定给予法律援助后才能出具.*已登记"):
        _render(services, "grant_decision", record, context)
    decide(record, "accept")
    record = decide(record, "grant")
    with pytest.raises(FormNotAvailable, match="决定不予法律援助后.*已决定给予"):
        _render(services, "refusal_decision", record, context)
    with pytest.raises(FormNotAvailable, match="不适用于本记录"):
        _render(services, "application_criminal", record, context)
    notified = save("application", criminal_maximal())
    with pytest.raises(FormNotAvailable, match="不出具申请材料接收凭证"):
        _render(services, "receipt", notified, context)
    with pytest.raises(FormNotAvailable, match="不出具给予法律援助决定书"):
        decide(notified, "accept")
        _render(services, "grant_decision", decide(notified, "grant"), context)


@requires_poppler
def test_grants_cite_the_article_that_applies_to_the_record(services, save, decide, context, tmp_path):
    cases = {
        "第三十二条": civil_minimal(),  # abuse victim: no hardship condition
        "第三十一条、第四十二条": civil_maximal(eligibility_ground="art42", art42_exemption="migrant_wages",
                                      name="孙七", id_number=resident_id(sequence="771")),
        "第二十九条": {**criminal_maximal(), "criminal_role": "victim", "eligibility_ground": "hardship_checked",
                   "aid_kind": "criminal_representation", "household_size": 3, "monthly_income": "900",
                   "name": "李被害", "id_number": resident_id(sequence="773"), "categories": []},
    }
    for article, data in cases.items():
        for name in ("art25_ground", "notifying_organ", "notification_number"):
            if data.get("eligibility_ground") != "criminal_notification":
                data.pop(name, None)
        record = save("application", data)
        decide(record, "accept")
        record = decide(record, "grant")
        text = _text(_render(services, "grant_decision", record, context), tmp_path)
        assert f"《中华人民共和国法律援助法》{article}规定的法律援助条件" in text, (article, text[:300])


@requires_poppler
def test_notified_cases_cite_articles_25_and_36(services, save, decide, context, tmp_path):
    record = save("application", criminal_maximal())
    record = decide(record, "assign", {**ASSIGNED, "minors_specialist": True}, check=False)
    notice = _text(_render(services, "assignment_notice", record, context), tmp_path)
    assert "第二十五条" in notice and "第三十六条" in notice and "陈律师" in notice
    letter = _text(_render(services, "official_letter", record, context), tmp_path)
    assert letter.count("人民检察院：") == 1 and "青检通援〔2026〕3号" in letter and "第三十六条" in letter


def test_blank_forms_carry_no_seal_and_no_signature(services, context, tmp_path):
    from tests.helpers.trust import enroll_offline

    enroll_offline(services, tmp_path / "county")
    signed = context.with_changes(signer=services.document_signer())
    for form_id in ("receipt", "grant_decision", "assignment_notice"):
        blank = render_form(form_id, None, signed)
        assert b"/Sig" not in blank and b"/ByteRange" not in blank, form_id
        assert blank == render_form(form_id, None, signed.with_changes(seal=False, signer=None)), form_id


@requires_poppler
def test_a_voided_record_prints_marked_void_and_unsealed(services, save, context, tmp_path):
    record = save("application", civil_maximal())
    services.station.store.void("application", record.id, "重复登记", user="李芳")
    voided = services.station.store.get("application", record.id)
    pdf = _render(services, "receipt", voided, context)
    text = _text(pdf, tmp_path)
    assert "作废" in text and "本记录已作废：重复登记" in text
    sealed = _render(services, "receipt", record, context)
    assert "作废" not in _text(sealed, tmp_path)


@requires_poppler
def test_number_lines_follow_the_published_pattern_and_who_issues(services, save, decide, context, tmp_path):
    record = save("application", civil_maximal())
    receipt = _text(_render(services, "receipt", record, context), tmp_path)
    assert "编号：（青山·TS01）援收字〔2026〕第1号" in receipt  # the station numbers its own receipts
    decide(record, "accept")
    record = decide(record, "grant")
    grant = pdftotext(_render(services, "grant_decision", record, context), tmp_path)
    assert re.search(r"编号：（青山）援决字〔\s+〕第\s+号", grant)  # the county's number: blank, never invented
    second = save("application", civil_maximal(name="王五", id_number=resident_id(sequence="775")))
    decide(second, "accept")
    second = decide(second, "grant", {"document_number": "15"})
    assert "编号：（青山）援决字〔2026〕第15号" in _text(_render(services, "grant_decision", second, context), tmp_path)
    third = save("application", civil_minimal())
    decide(third, "accept")
    third = decide(third, "refuse", {"reasons": ["不符合条件"], "document_number": "青援不〔2026〕7号"})
    assert "编号：青援不〔2026〕7号" in _text(_render(services, "refusal_decision", third, context), tmp_path)


@requires_poppler
def test_the_commitment_carries_the_day_the_applicant_signed(services, save, context, tmp_path):
    record = save("application", civil_maximal(eligibility_ground="commitment", received_at="2026-02-11T09:00"))
    text = _text(_render(services, "integrity_commitment", record, context.with_changes(
        clock=lambda: __import__("datetime").datetime(2026, 6, 1, 8, 0))), tmp_path)
    assert "2026年2月11日" in text and "2026年6月1日" not in text.split("打印于")[0]


def test_pdf_dates_are_the_real_time_of_printing(save, context):
    pdf = render_form("receipt", save("application", civil_maximal()), context)
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info["/CreationDate"].startswith("D:20260306100000") and info["/ModDate"] == info["/CreationDate"]


@requires_poppler
def test_the_name_as_printed_in_chinese_on_the_id_card_and_the_yearly_income(save, context, tmp_path):
    record = save("application", civil_maximal(name="ئەخمەت تۇرسۇن", name_zh="艾合买提·吐尔逊", annual_income="30000"))
    text = _text(render_form("application_civil", record, context), tmp_path)
    assert "中文姓名艾合买提·吐尔逊" in text
    assert "家庭年度总收入30000.00元" in _text(render_form("hardship_statement", record, context), tmp_path)


def test_county_days_are_chinese_days():
    assert local_date("2026-03-05T16:00:00+00:00") == "2026-03-06"
    assert local_date("2026-03-05T15:59:59+00:00") == "2026-03-05"
    assert local_date("2026-03-05") == "2026-03-05"


def test_every_value_the_county_gives_is_declared_and_a_change_of_assignee_names_both():
    from forms.county import COUNTY_VALUES, CountyDecisions, CountyEvent

    at = "2026-03-06T02:00:00+00:00"
    events = [CountyEvent(1, "supplement", at, data={"items": ["工资欠条"], "deadline": "2026-03-20", "days": 15,
                                                   "document_number": "3"}),
              CountyEvent(2, "accept", at), CountyEvent(3, "grant", at, data={"note": "符合条件", "document_number": "5"}),
              CountyEvent(4, "assign", at, data={**ASSIGNED, "handling_organ": "青山县人民法院",
                                                 "handling_organ_address": "青山县城关镇", "letter_number": "2"}),
              CountyEvent(5, "assign", "2026-03-09T02:00:00+00:00",
                          data={"assignee_kind": "law_firm", "name": "青山县明德律师事务所", "years_of_practice": 9,
                                "reason": "受援人申请更换"}),
              CountyEvent(6, "progress", at, data={"note": "已立案"}), CountyEvent(7, "close", at, data={"result": "调解"}),
              CountyEvent(8, "terminate", at, data={"reasons": ["自行委托律师"], "ground": "第六项"}),
              CountyEvent(9, "advance", at), CountyEvent(10, "objection", at, data={"answer": "维持"}),
              CountyEvent(11, "refuse", at, data={"reasons": "不符合条件"})]
    values = CountyDecisions(tuple(events)).values()
    assert set(values) <= set(COUNTY_VALUES), set(values) - set(COUNTY_VALUES)
    assert values["law_firm"] == "青山县明德律师事务所" and "lawyer_name" not in values  # the firm itself was assigned
    assert values["previous_lawyer_name"] == "陈律师" and values["change_reason"] == "受援人申请更换"
    assert values["change_date"] == "2026-03-09" and values["refusal_reasons"] == ["不符合条件"]
    assert values["decision_result"] == "refuse" and values["supplement_days"] == "15"
    assert values["handling_organ"] == "青山县人民法院"  # the court stays when the assignee changes
