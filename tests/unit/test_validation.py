"""validate() and normalize(): field checks and the Legal Aid Law's conditional rules."""

from __future__ import annotations

import ast
import inspect
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.records import eligibility, idcard, phone
from desktop.records import validation_messages as v  # the texts each check says
from desktop.records.fields import FIELDS, Kind, field_map
from desktop.records.reference import Choice, ReferenceData, default_reference
from desktop.records.validation import Issue, normalize, validate

from .casework_examples import EXAMPLES
from .test_idcard import make_id

NOW = datetime(2024, 6, 1, 12, 0)
ADULT_ID = make_id("110105", "19800101", "002")  # female, 44 years old at NOW
MINOR_ID = make_id("440305", "20100315", "011")  # male, 14 years old at NOW


def person() -> dict:
    return {"name": "王芳", "gender": "female", "id_type": "resident_id", "id_number": ADULT_ID,
            "birth_date": "1980-01-01", "phone": "13812345678", "ethnicity": "01"}


def consultation() -> dict:
    return {"occurred_at": "2024-06-01T10:15", "channel": "walk_in", "name": "王芳",
            "matter_category": "wages", "question": "老板拖欠工资怎么办？", "answer": "可申请劳动仲裁。",
            "clerk": "李明", "minutes": 20, "outcome": "answered"}


def civil_application() -> dict:
    return {**person(), "received_at": "2024-06-01T09:30", "channel": "window", "categories": ["woman"],
            "case_type": "civil", "aid_kind": "litigation", "cause": "追索劳动报酬", "facts": "拖欠工资三个月。",
            "eligibility_ground": "hardship_checked", "monthly_income": "800", "household_size": 3,
            "art31_category": "labour", "clerk": "李明"}


def criminal_application() -> dict:
    return {**person(), "gender": "male", "id_number": make_id("110105", "19800101", "011"),
            "received_at": "2024-06-01T09:30", "channel": "notification", "case_type": "criminal",
            "aid_kind": "criminal_defence", "cause": "故意伤害", "facts": "公安机关通知辩护。",
            "criminal_role": "suspect", "criminal_stage": "investigation",
            "eligibility_ground": "criminal_notification", "art25_ground": "life_or_death",
            "notifying_organ": "police", "life_or_death": True, "clerk": "李明"}


def issues(record_type: str, data: dict, **kw) -> list[Issue]:
    return validate(record_type, data, now=kw.pop("now", NOW), **kw)


def on(record_type: str, data: dict, **kw) -> dict[str, list[str]]:
    """field -> messages"""
    out: dict[str, list[str]] = {}
    for issue in issues(record_type, data, **kw):
        out.setdefault(issue.field, []).append(issue.message)
    return out


def with_(base: dict, **changes) -> dict:
    return {**base, **changes}


# ------------------------------------------------------------------ baselines

@pytest.mark.parametrize("record_type,data", [
    ("person", person()),
    ("consultation", consultation()),
    ("application", civil_application()),
    ("application", criminal_application()),
])
def test_valid_records_have_no_issues(record_type, data):
    assert issues(record_type, data) == []


def test_unknown_record_type():
    with pytest.raises(ValueError):
        validate("petition", {})


def test_validate_does_not_change_its_input():
    data = with_(civil_application(), name="  王芳 ", phone="138 1234 5678")
    before = dict(data)
    validate("application", data, now=NOW)
    assert data == before


# ------------------------------------------------------------------ Issue

def test_issue_text_formats_params():
    issue = Issue("name", v.M_TOO_LONG, {"max": "60", "length": "61"})
    assert issue.text() == "Too long: at most 60 characters, now 61."
    assert Issue("name", v.M_REQUIRED).params == {}
    assert len({issue, Issue("name", v.M_TOO_LONG, {"max": "60", "length": "61"})}) == 1


def _marked_strings() -> set[str]:
    """Every string passed to QT_TRANSLATE_NOOP("Validation", ...) in the modules that make issues."""
    found = set()
    for module in (v, idcard, phone):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
                context, text = (a.value for a in node.args)
                if context == "Validation":
                    found.add(text)
    return found


BAD_RECORDS = [
    ("consultation", {"minutes": "-5", "occurred_at": "yesterday", "phone": "12348", "channel": "fax"}),
    ("consultation", with_(consultation(), outcome="referred", channel="outreach", minutes=601, name=None)),
    ("application", {"id_type": "resident_id", "id_number": "110105194912310021", "amount": "1.234",
                     "urgent": True, "applied_before": True, "life_or_death": True, "birth_date": "2024-02-30"}),
    ("application", with_(civil_application(), eligibility_ground="criminal_notification", aid_kind="criminal_defence")),
    ("application", with_(criminal_application(), eligibility_ground="art32", id_number=MINOR_ID,
                          birth_date=None, aid_kind="litigation")),
    ("application", with_(civil_application(), eligibility_ground="military_simplified", gender="male",
                          birth_date="1981-01-01", name="x" * 61, household_size=0)),
]


@pytest.mark.parametrize("record_type,data", BAD_RECORDS)
def test_every_issue_is_translatable_english_on_a_real_field(record_type, data):
    marked = _marked_strings()
    found = issues(record_type, data)
    assert found
    for issue in found:
        assert issue.field in field_map(record_type)
        assert issue.message in marked
        assert issue.message.isascii()
        assert issue.text()  # params fill every placeholder
        assert all(isinstance(value, str) for value in issue.params.values())


def test_issues_come_in_form_order():
    found = issues("application", BAD_RECORDS[2][1])
    order = list(field_map("application"))
    positions = [order.index(i.field) for i in found]
    assert positions == sorted(positions)


# ------------------------------------------------------------------ generic field checks

@pytest.mark.parametrize("record_type,name", [
    (rt, f.name) for rt, fields in FIELDS.items() for f in fields if f.required])
def test_required_fields(record_type, name):
    base = {"person": person, "consultation": consultation, "application": civil_application,
            **EXAMPLES}[record_type]()
    for empty in (None, "", "   "):
        assert v.M_REQUIRED in on(record_type, with_(base, **{name: empty})).get(name, [])
    assert name not in on(record_type, base)


def test_missing_key_counts_as_empty():
    data = civil_application()
    del data["cause"]
    assert on("application", data) == {"cause": [v.M_REQUIRED]}


def test_max_length():
    found = issues("person", with_(person(), name="张" * 61))
    assert [(i.field, i.message, i.params) for i in found] == [
        ("name", v.M_TOO_LONG, {"max": "60", "length": "61"})]
    assert issues("person", with_(person(), name="张" * 60)) == []


@pytest.mark.parametrize("value,message", [
    ("01/06/1980", v.M_DATE_FORMAT),
    ("1980-1-1x", v.M_DATE_FORMAT),
    ("abc", v.M_DATE_FORMAT),
    (19800101, v.M_DATE_FORMAT),
    ("1980-13-01", v.M_NO_SUCH_DATE),
    ("1981-02-29", v.M_NO_SUCH_DATE),
])
def test_date_format(value, message):
    data = with_(person(), id_type=None, id_number=None, birth_date=value)
    assert on("person", data) == {"birth_date": [message]}


@pytest.mark.parametrize("value", ["2024-06-01T10:15", "2024-06-01T10:15:30", "2024-06-01 10:15",
                                   "2024/6/1 10:15", "2024-06-01 9:05"])
def test_datetime_accepted(value):
    assert issues("consultation", with_(consultation(), occurred_at=value)) == []


@pytest.mark.parametrize("value,message", [
    ("2024-06-01", v.M_DATETIME_FORMAT),
    ("10:15", v.M_DATETIME_FORMAT),
    ("2024-06-01T10:15+08:00", v.M_DATETIME_FORMAT),
    ("2024-02-30T10:15", v.M_NO_SUCH_DATE),
    ("2024-06-01T25:00", v.M_NO_SUCH_DATE),
])
def test_datetime_rejected(value, message):
    assert on("consultation", with_(consultation(), occurred_at=value)) == {"occurred_at": [message]}


@pytest.mark.parametrize("value", ["-1", -1, "abc", 1.5, True, "1.0"])
def test_int_rejected(value):
    assert on("consultation", with_(consultation(), minutes=value)) == {"minutes": [v.M_INT]}


@pytest.mark.parametrize("value", [0, "0", " 45 ", 45.0, "６０"])
def test_int_accepted(value):
    assert issues("consultation", with_(consultation(), minutes=value)) == []


@pytest.mark.parametrize("value", ["12.345", "-5", "abc", "1e3", -1, True])
def test_money_rejected(value):
    assert on("application", with_(civil_application(), amount=value)) == {"amount": [v.M_MONEY]}


@pytest.mark.parametrize("value", ["0", "1200", "1,200.5", "¥ 3000.00", "800元", 800, 12.5])
def test_money_accepted(value):
    assert issues("application", with_(civil_application(), amount=value)) == []


def test_bool_rejected():
    assert on("consultation", with_(consultation(), follow_up_needed="maybe")) == {"follow_up_needed": [v.M_BOOL]}


def test_unknown_choice_code():
    found = issues("person", with_(person(), education="phd"))
    assert [(i.field, i.message, i.params) for i in found] == [("education", v.M_CHOICE, {"code": "phd"})]


def test_unknown_multi_code():
    found = issues("person", with_(person(), categories=["woman", "alien"]))
    assert [(i.field, i.params) for i in found] == [("categories", {"code": "alien"})]
    assert on("person", with_(person(), categories="woman")) == {"categories": [v.M_INVALID]}


def test_custom_reference_data():
    reference = ReferenceData({"genders": (Choice("x", "X", "X"),)})
    found = on("person", with_(person(), id_number=None, id_type=None, gender="female"), reference=reference)
    assert found == {"gender": [v.M_CHOICE]}  # lists missing from the reference are not checked


def test_every_choice_list_exists():
    names = set(default_reference().names())
    for fields in FIELDS.values():
        for f in fields:
            if f.kind in (Kind.CHOICE, Kind.MULTI):
                assert f.choices in names, f.name


# ------------------------------------------------------------------ past events and clock skew

def test_future_birth_date():
    data = with_(person(), id_type=None, id_number=None, birth_date="2024-06-02")
    assert on("person", data) == {"birth_date": [v.M_FUTURE]}
    assert issues("person", with_(data, birth_date="2024-06-01")) == []


@pytest.mark.parametrize("record_type,base,name", [
    ("consultation", consultation, "occurred_at"),
    ("application", civil_application, "received_at"),
])
def test_past_events_allow_ten_minutes_of_clock_skew(record_type, base, name):
    assert issues(record_type, with_(base(), **{name: "2024-06-01T12:10"})) == []
    assert on(record_type, with_(base(), **{name: "2024-06-01T12:11"})) == {name: [v.M_FUTURE]}


def test_urgent_deadline_may_be_in_the_future():
    data = with_(civil_application(), urgent=True, urgency_reason="deadline", urgent_deadline="2024-06-05")
    assert issues("application", data) == []


def test_aware_now_is_converted_to_local_time():
    aware = (datetime(2024, 6, 1, 12, 0).astimezone()).astimezone(timezone.utc)
    assert validate("consultation", consultation(), now=aware) == []


def test_default_now_is_the_clock():
    later = datetime.now() + timedelta(hours=1)
    data = with_(consultation(), occurred_at=later.strftime("%Y-%m-%dT%H:%M"))
    assert [i.message for i in validate("consultation", data)] == [v.M_FUTURE]


# ------------------------------------------------------------------ ID numbers

def test_resident_id_errors_come_from_the_parser():
    found = issues("person", with_(person(), id_number="110105198001010021"))
    assert [(i.field, i.message) for i in found] == [("id_number", idcard._MSG_CHECK_DIGIT)]
    found = issues("person", with_(person(), id_number="110105800101002"))
    assert [(i.field, i.message) for i in found] == [("id_number", idcard._MSG_OLD_15)]
    found = issues("person", with_(person(), id_number=make_id("990105", "19800101", "002")))
    assert [(i.field, i.params) for i in found] == [("id_number", {"code": "99"})]


def test_resident_id_in_the_future_relative_to_now():
    number = make_id("110105", "20240602", "002")
    assert on("person", with_(person(), id_number=number, birth_date=None)) == {
        "id_number": [idcard._MSG_FUTURE_DATE]}


def test_gender_mismatch_is_on_gender():
    assert on("person", with_(person(), gender="male")) == {"gender": [v.M_GENDER_MISMATCH]}
    assert issues("person", with_(person(), gender=None)) == []


def test_birth_date_mismatch_is_on_birth_date():
    found = issues("person", with_(person(), birth_date="1980-01-02"))
    assert [(i.field, i.message, i.params) for i in found] == [
        ("birth_date", v.M_BIRTH_MISMATCH, {"id_birth_date": "1980-01-01"})]
    assert issues("person", with_(person(), birth_date=None)) == []


def test_lowercase_x_is_accepted():
    number = make_id("110105", "19491231", "002")
    assert number.endswith("X")
    data = with_(person(), id_number=number.lower(), birth_date="1949-12-31")
    assert issues("person", data) == []


@pytest.mark.parametrize("id_type,number,ok", [
    ("passport", "E12345678", True),
    ("passport", "e1234567", True),
    ("passport", "E12", False),
    ("passport", "E1234!567", False),
    ("passport", "A" * 31, False),
    ("military_id", "南字第0012345号", True),
    ("military_id", "12", False),
    ("other", "H01234567", True),
    ("other", "??????", False),
])
def test_other_id_types(id_type, number, ok):
    data = with_(person(), id_type=id_type, id_number=number)
    assert on("person", data) == ({} if ok else {"id_number": [v.M_ID_OTHER]})


def test_id_number_without_type():
    assert on("person", with_(person(), id_type=None)) == {"id_type": [v.M_ID_TYPE_MISSING]}


def test_agent_id_number():
    assert issues("application", with_(civil_application(), agent_id_number=ADULT_ID)) == []
    assert issues("application", with_(civil_application(), agent_id_number="G12345678")) == []
    assert on("application", with_(civil_application(), agent_id_number=ADULT_ID[:-1] + "0")) == {
        "agent_id_number": [idcard._MSG_CHECK_DIGIT]}
    assert on("application", with_(civil_application(), agent_id_number="1")) == {"agent_id_number": [v.M_ID_OTHER]}


# ------------------------------------------------------------------ phones

@pytest.mark.parametrize("name", ["phone", "legal_rep_phone"])
def test_phone_fields(name):
    assert issues("person", with_(person(), **{name: "010-62345678"})) == []
    found = issues("person", with_(person(), **{name: "12348"}))
    assert [(i.field, i.message, i.params) for i in found] == [(name, phone._MSG_SERVICE, {"number": "12348"})]


def test_agent_phone():
    assert on("application", with_(civil_application(), agent_phone="0755-123")) == {
        "agent_phone": [phone._MSG_LANDLINE]}


# ------------------------------------------------------------------ consultation rules

def test_consultation_name_required_unless_anonymous():
    assert on("consultation", with_(consultation(), name=None)) == {"name": [v.M_NAME_OR_ANONYMOUS]}
    assert issues("consultation", with_(consultation(), name=None, anonymous=True, channel="hotline")) == []
    assert "name" in on("consultation", with_(consultation(), name=None, anonymous=False))


def test_referred_requires_referred_to():
    data = with_(consultation(), outcome="referred")
    assert on("consultation", data) == {"referred_to": [v.M_REFERRED_TO]}
    assert issues("consultation", with_(data, referred_to="labour_inspection")) == []


def test_minutes_at_most_600():
    assert issues("consultation", with_(consultation(), minutes=600)) == []
    found = issues("consultation", with_(consultation(), minutes=601))
    assert [(i.field, i.message, i.params) for i in found] == [("minutes", v.M_MINUTES, {"max": "600"})]


def test_outreach_requires_event():
    data = with_(consultation(), channel="outreach")
    assert on("consultation", data) == {"outreach_event": [v.M_OUTREACH_EVENT]}
    assert issues("consultation", with_(data, outreach_event="法律援助进军营 2024-06")) == []


# ------------------------------------------------------------------ application: applicant

@pytest.mark.parametrize("name,message", [
    ("name", v.M_APPLICANT_NAME), ("id_type", v.M_APPLICANT_ID_TYPE), ("id_number", v.M_APPLICANT_ID)])
def test_applicant_identity_required(name, message):
    empty = {name: None, "id_number": None} if name == "id_type" else {name: None}
    assert on("application", with_(civil_application(), **empty))[name] == [message]
    assert name not in on("person", with_(person(), **empty))  # a person record need not have them


def test_one_issue_for_a_missing_id_type():
    assert on("application", with_(civil_application(), id_type=None)) == {"id_type": [v.M_ID_TYPE_MISSING]}


def test_notified_suspect_may_lack_id_number():
    assert issues("application", with_(criminal_application(), id_number=None)) == []
    assert issues("application", with_(criminal_application(), id_number=None, id_type=None)) == []
    # but a number that is given still needs its type
    assert on("application", with_(criminal_application(), id_type=None)) == {"id_type": [v.M_ID_TYPE_MISSING]}
    found = on("application", with_(criminal_application(), id_number=None, eligibility_ground="commitment"))
    assert found == {"id_number": [v.M_APPLICANT_ID]}


def test_minor_needs_legal_representative_from_resident_id():
    data = with_(civil_application(), id_number=MINOR_ID, gender="male", birth_date=None)
    assert on("application", data) == {"legal_rep_name": [v.M_MINOR_REP]}
    assert issues("application", with_(data, legal_rep_name="张父")) == []


def test_minor_needs_legal_representative_from_birth_date():
    data = with_(civil_application(), id_type="passport", id_number="E12345678", birth_date="2010-03-15")
    assert on("application", data) == {"legal_rep_name": [v.M_MINOR_REP]}
    assert issues("application", with_(data, legal_rep_name="张父")) == []


def test_age_counts_on_the_day_received():
    data = with_(civil_application(), id_type="passport", id_number="E12345678", birth_date="2006-06-01")
    assert issues("application", data) == []  # 18th birthday on the day received
    assert "legal_rep_name" in on("application", with_(data, birth_date="2006-06-02"))
    # received a year earlier: a minor then, whatever the clock says today
    assert "legal_rep_name" in on("application", with_(data, received_at="2023-06-01T09:00"))


def test_applied_before_requires_detail():
    data = with_(civil_application(), applied_before=True)
    assert on("application", data) == {"applied_before_detail": [v.M_APPLIED_BEFORE]}
    assert issues("application", with_(data, applied_before_detail="2023年，某县法律援助中心，援申字第12号")) == []
    assert issues("application", with_(civil_application(), applied_before=False)) == []


# ------------------------------------------------------------------ application: case

def test_criminal_case_requires_role_and_stage():
    data = with_(criminal_application(), criminal_role=None, criminal_stage=None)
    assert on("application", data) == {"criminal_role": [v.M_CRIMINAL_ROLE], "criminal_stage": [v.M_CRIMINAL_STAGE]}
    assert "criminal_role" not in on("application", civil_application())


def test_life_or_death_only_for_criminal_cases():
    assert on("application", with_(civil_application(), life_or_death=True)) == {"life_or_death": [v.M_LIFE_OR_DEATH]}
    assert issues("application", with_(civil_application(), life_or_death=False)) == []
    assert issues("application", criminal_application()) == []


@pytest.mark.parametrize("case_type,aid_kind,message", [
    ("criminal", "litigation", v.M_AID_KIND_CRIMINAL),
    ("criminal", "non_litigation", v.M_AID_KIND_CRIMINAL),
    ("civil", "criminal_defence", v.M_AID_KIND_NOT_CRIMINAL),
    ("administrative", "criminal_representation", v.M_AID_KIND_NOT_CRIMINAL),
])
def test_aid_kind_must_fit_case_type(case_type, aid_kind, message):
    base = criminal_application() if case_type == "criminal" else civil_application()
    assert on("application", with_(base, case_type=case_type, aid_kind=aid_kind)) == {"aid_kind": [message]}


@pytest.mark.parametrize("role,aid_kind,message", [
    ("suspect", "criminal_representation", v.M_AID_KIND_DEFENCE),
    ("defendant", "criminal_representation", v.M_AID_KIND_DEFENCE),
    ("victim", "criminal_defence", v.M_AID_KIND_REPRESENTATION),
    ("private_prosecutor", "criminal_defence", v.M_AID_KIND_REPRESENTATION),
    ("victim", "criminal_representation", None),
    ("civil_plaintiff", "criminal_representation", None),
    ("defendant", "criminal_defence", None),
])
def test_criminal_aid_kind_fits_the_role(role, aid_kind, message):
    data = with_(criminal_application(), criminal_role=role, aid_kind=aid_kind, eligibility_ground="commitment")
    assert on("application", data) == ({"aid_kind": [message]} if message else {})


# ------------------------------------------------------------------ application: eligibility

@pytest.mark.parametrize("case_type", ["civil", "administrative", "state_compensation", "labour_arbitration",
                                       "non_litigation"])
def test_notification_ground_only_for_criminal_cases(case_type):
    data = with_(civil_application(), case_type=case_type, eligibility_ground="criminal_notification",
                 art25_ground="minor", notifying_organ="court")
    assert on("application", data) == {"eligibility_ground": [v.M_NOTIFICATION_NOT_CRIMINAL]}


def test_art32_does_not_apply_to_criminal_cases():
    data = with_(criminal_application(), eligibility_ground="art32", art32_ground="bravery")
    assert on("application", data) == {"eligibility_ground": [v.M_GROUND_NOT_FOR_CASE]}


def test_criminal_notification_requires_art25_ground_and_organ():
    data = with_(criminal_application(), art25_ground=None, notifying_organ=None)
    assert on("application", data) == {"notifying_organ": [v.M_NOTIFYING_ORGAN], "art25_ground": [v.M_ART25_GROUND]}


def test_art42_requires_exemption():
    data = with_(civil_application(), eligibility_ground="art42", monthly_income=None, household_size=None,
                 art31_category=None)
    assert on("application", data) == {"art42_exemption": [v.M_ART42]}
    assert issues("application", with_(data, art42_exemption="migrant_wages")) == []


def test_art32_requires_ground():
    data = with_(civil_application(), eligibility_ground="art32", monthly_income=None, household_size=None,
                 art31_category=None)
    assert on("application", data) == {"art32_ground": [v.M_ART32]}
    assert issues("application", with_(data, art32_ground="abuse_victim")) == []


def test_hardship_checked_requires_income_and_household():
    data = with_(civil_application(), monthly_income=None, household_size=None)
    assert on("application", data) == {"household_size": [v.M_HOUSEHOLD], "monthly_income": [v.M_INCOME]}
    assert on("application", with_(civil_application(), household_size=0)) == {"household_size": [v.M_HOUSEHOLD_ZERO]}
    # a commitment states the finances but does not require them
    assert issues("application", with_(data, eligibility_ground="commitment")) == []


@pytest.mark.parametrize("categories,ok", [
    (["military"], True), (["military_family", "woman"], True), (["veteran"], True),
    (["woman"], False), ([], False), (None, False)])
def test_military_simplified_requires_military_category(categories, ok):
    data = with_(civil_application(), eligibility_ground="military_simplified", categories=categories,
                 monthly_income=None, household_size=None, art31_category=None)
    assert on("application", data) == ({} if ok else {"eligibility_ground": [v.M_MILITARY]})


@pytest.mark.parametrize("categories,ok", [(["judicial_assistance"], True), (["subsistence"], False), (None, False)])
def test_judicial_assistance_mutual_requires_category(categories, ok):
    data = with_(civil_application(), eligibility_ground="judicial_assistance_mutual", categories=categories,
                 monthly_income=None, household_size=None, art31_category=None)
    assert on("application", data) == ({} if ok else {"eligibility_ground": [v.M_JUDICIAL]})


@pytest.mark.parametrize("case_type", ["civil", "administrative", "state_compensation", "labour_arbitration"])
@pytest.mark.parametrize("ground", ["hardship_checked", "commitment"])
def test_art31_category_required_on_hardship(case_type, ground):
    data = with_(civil_application(), case_type=case_type, eligibility_ground=ground, art31_category=None,
                 aid_kind="arbitration" if case_type == "labour_arbitration" else "litigation")
    assert on("application", data) == {"art31_category": [v.M_ART31]}


@pytest.mark.parametrize("case_type,ground,extra", [
    ("non_litigation", "hardship_checked", {"aid_kind": "non_litigation"}),
    ("civil", "art42", {"art42_exemption": "no_income_group"}),
    ("civil", "art32", {"art32_ground": "bravery"}),
    ("criminal", "hardship_checked", {"aid_kind": "criminal_representation", "criminal_role": "victim",
                                      "criminal_stage": "first_instance"}),
])
def test_art31_category_not_required_otherwise(case_type, ground, extra):
    data = with_(civil_application(), case_type=case_type, eligibility_ground=ground, art31_category=None, **extra)
    assert "art31_category" not in on("application", data)


@pytest.mark.parametrize("case_type", ["criminal", "civil", "administrative", "state_compensation",
                                       "labour_arbitration", "non_litigation"])
@pytest.mark.parametrize("ground", list(eligibility.ALL_GROUNDS))
def test_validation_requires_exactly_what_the_form_marks(case_type, ground):
    data = {"case_type": case_type, "eligibility_ground": ground}
    required_in_fields = {f.name for f in FIELDS["application"] if f.required}
    missing = {i.field for i in issues("application", data)} - required_in_fields
    conditional = set(eligibility.required_fields(case_type, ground))
    assert conditional <= missing
    assert missing - conditional <= {"eligibility_ground", "legal_rep_name", "aid_kind"}


def test_validation_requires_only_fields_the_form_shows():
    """Every conditionally required field is among the detail fields shown for its ground or case type."""
    for ground, fields in [("criminal_notification", ("art25_ground", "notifying_organ")),
                           ("art42", ("art42_exemption",)), ("art32", ("art32_ground",)),
                           ("hardship_checked", ("monthly_income", "household_size"))]:
        assert set(fields) <= set(eligibility.detail_fields(ground))
    assert {"criminal_role", "criminal_stage", "life_or_death"} <= set(eligibility.case_detail_fields("criminal"))
    assert "art31_category" in eligibility.case_detail_fields("civil")


# ------------------------------------------------------------------ application: urgency

def test_urgent_requires_reason():
    data = with_(civil_application(), urgent=True)
    assert on("application", data) == {"urgency_reason": [v.M_URGENCY_REASON]}
    assert issues("application", with_(data, urgency_reason="preservation")) == []
    assert issues("application", with_(civil_application(), urgent=False)) == []


def test_deadline_reason_requires_deadline():
    data = with_(civil_application(), urgent=True, urgency_reason="deadline")
    assert on("application", data) == {"urgent_deadline": [v.M_URGENT_DEADLINE]}
    assert issues("application", with_(data, urgent_deadline="2024-06-07")) == []


def test_deadline_must_be_within_7_days_of_receipt():
    data = with_(civil_application(), urgent=True, urgency_reason="deadline")
    assert issues("application", with_(data, urgent_deadline="2024-06-08")) == []
    found = issues("application", with_(data, urgent_deadline="2024-06-09"))
    assert [(i.field, i.message, i.params) for i in found] == [
        ("urgent_deadline", v.M_DEADLINE_FAR, {"days": "7", "deadline": "2024-06-09"})]
    found = issues("application", with_(data, urgent_deadline="2024-05-31"))
    assert [(i.field, i.message) for i in found] == [("urgent_deadline", v.M_DEADLINE_PASSED)]
    # not urgent: a stale deadline is not checked
    assert issues("application", with_(civil_application(), urgent_deadline="2024-09-01")) == []


@pytest.mark.parametrize("value,expected", [(None, [v.M_REQUIRED]), ("  ", [v.M_REQUIRED]), ([], [v.M_REQUIRED]),
                                            ((), [v.M_REQUIRED]), (0, [v.M_CHOICE]), (False, [v.M_CHOICE]),
                                            ({}, [v.M_CHOICE])])
def test_only_an_empty_value_counts_as_missing_a_zero_or_false_is_checked_as_a_value(value, expected):
    assert on("consultation", with_(consultation(), channel=value)) == {"channel": expected}
    assert on("consultation", with_(consultation(), minutes=0, anonymous=False, categories=[])) == {}


# ------------------------------------------------------------------ normalize

def test_normalize():
    raw = {"name": "  王芳\t", "address": "   ", "id_number": " 110105 19491231 002x ", "phone": "138 1234 5678",
           "legal_rep_phone": "010 6234 5678转12", "minutes": " 30 ", "amount": "1,200.5",
           "monthly_income": 800, "birth_date": "1949/12/31", "received_at": "2024-06-01 09:30",
           "categories": [" woman ", "", "woman", "elderly"], "urgent": "true", "applied_before": "否",
           "household_size": "3", "uuid": "  keep me  ", "facts": "  line 1\r\nline 2  "}
    out = normalize("application", raw)
    assert out == {"name": "王芳", "address": None, "id_number": "11010519491231002X", "phone": "13812345678",
                   "legal_rep_phone": "010-62345678-12", "minutes": " 30 ", "amount": "1200.50",
                   "monthly_income": "800.00", "birth_date": "1949-12-31", "received_at": "2024-06-01T09:30",
                   "categories": ["woman", "elderly"], "urgent": True, "applied_before": False,
                   "household_size": 3, "uuid": "  keep me  ", "facts": "line 1\nline 2"}
    assert normalize("consultation", {"minutes": " 30 "}) == {"minutes": 30}


def test_normalize_leaves_bad_values_for_validate():
    raw = {"phone": "12348", "amount": "12.345", "household_size": "three", "birth_date": "yesterday",
           "received_at": "today 10:00"}
    assert normalize("application", raw) == raw


def test_normalize_keeps_keys_and_does_not_mutate():
    raw = {"name": "", "gender": None}
    assert normalize("person", raw) == {"name": None, "gender": None}
    assert raw == {"name": "", "gender": None}


def test_normalize_date_and_datetime_objects():
    from datetime import date
    out = normalize("application", {"birth_date": date(1980, 1, 1), "received_at": datetime(2024, 6, 1, 9, 30),
                                    "urgent_deadline": datetime(2024, 6, 3, 0, 0)})
    assert out == {"birth_date": "1980-01-01", "received_at": "2024-06-01T09:30", "urgent_deadline": "2024-06-03"}
    assert normalize("consultation", {"occurred_at": datetime(2024, 6, 1, 9, 30, 15)}) == {
        "occurred_at": "2024-06-01T09:30:15"}


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.text(max_size=20),
                   st.lists(st.one_of(st.text(max_size=5), st.none(), st.integers(), st.lists(st.text())), max_size=3),
                   st.floats(allow_nan=False, allow_infinity=False), st.dictionaries(st.text(), st.text(), max_size=2),
                   st.sampled_from(["2024-06-01", "2024-06-01T09:30", "1,200.5", "13812345678", ADULT_ID, "art42",
                                    "criminal", "resident_id", "deadline", "criminal_notification"]))


@settings(max_examples=200)
@given(st.sampled_from(list(FIELDS)), st.data())
def test_normalize_is_idempotent_and_validate_never_crashes(record_type, data):
    names = list(field_map(record_type))
    record = data.draw(st.dictionaries(st.sampled_from(names), VALUES, max_size=8))
    once = normalize(record_type, record)
    assert normalize(record_type, once) == once
    for issue in validate(record_type, record, now=NOW):
        assert issue.field in field_map(record_type)
        issue.text()


@pytest.mark.parametrize("name", ["张三😀", "李四(二)", "王五#"])
def test_names_with_symbols_are_rejected(name):
    assert on("consultation", with_(consultation(), name=name)) == {"name": [v.M_NAME_SYMBOLS]}


@pytest.mark.parametrize("name", ["阿依古丽·买买提", "བཀྲ་ཤིས", "ئابدۇرېھىم", "Anna-Maria O'Neil"])
def test_names_in_any_script_are_accepted(name):
    assert "name" not in on("consultation", with_(consultation(), name=name))


@pytest.mark.parametrize("postcode", ["abc12", "12345", "12 345"])
def test_postcode_has_six_digits(postcode):
    assert on("consultation", with_(consultation(), postcode=postcode)) == {"postcode": [v.M_POSTCODE]}


@pytest.mark.parametrize("text", ["¨", "´", "¸", "\u00a0 2024-03-15"])
def test_normalizing_twice_changes_nothing_even_when_nfkc_adds_spaces(text):
    """NFKC turns a lone diaeresis into a space + combining mark: found by the property test."""
    for record_type, name in (("consultation", "occurred_at"), ("application", "birth_date")):
        once = normalize(record_type, {name: text})
        assert normalize(record_type, once) == once
