"""The eligibility ground agrees with the applicant's facts, and hardship is measured (issue #10, item 4).

Art. 42 and Art. 32 grounds are checked against the person's categories, the age the ID number gives and
the matter, at the station and at the county (the same `validate`). A version recorded before the rule
(no `rules_version`, as every older station sends) is judged as it was: nothing valid then is refused now.
The household's income per person is measured against the county's standard recorded on the application;
over it, the reason must be written.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.records import eligibility as el
from desktop.records.idcard import check_digit
from desktop.records.validation import RULES_VERSION, validate

NOW = datetime(2026, 6, 1, 12, 0)
TODAY = NOW.date()


def resident_id(region: str, born: str, serial: str) -> str:
    first17 = region + born + serial
    return first17 + check_digit(first17)


AGED_31 = resident_id("110105", "19950101", "002")
AGED_67 = resident_id("110105", "19590101", "002")
AGED_15 = resident_id("440305", "20110315", "011")


def application(**changes) -> dict:
    data = {"received_at": "2026-06-01T09:00", "channel": "window", "name": "王五", "id_type": "resident_id",
            "id_number": AGED_31, "case_type": "civil", "aid_kind": "litigation", "cause": "离婚纠纷",
            "facts": "夫妻感情破裂。", "clerk": "李芳", "art31_category": "other", "rules_version": RULES_VERSION}
    data.update(changes)
    return data


def problems(data: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in validate("application", data, now=NOW):
        found.setdefault(issue.field, []).append(issue.message)
    return found


def art42(exemption: str, **changes) -> dict:
    return application(eligibility_ground="art42", art42_exemption=exemption, **changes)


def art32(ground: str, **changes) -> dict:
    return application(eligibility_ground="art32", art32_ground=ground, **changes)


@pytest.mark.parametrize("data", [
    art42("migrant_wages"),  # a non-migrant's divorce
    art42("migrant_wages", categories=["migrant_worker"]),  # a migrant's divorce
    art42("migrant_wages", categories=["migrant_worker"], art31_category="labour", case_type="criminal",
          aid_kind="criminal_defence", criminal_role="suspect", criminal_stage="investigation"),
    art42("no_income_group"),  # a healthy 31-year-old with no category
    art42("no_income_group", categories=["minor"]),  # the ID number says 31: the ticked box does not make a minor
    art42("social_assistance", categories=["woman"]),
    art32("abuse_victim"),
    art32("retrial_acquittal"),
], ids=["non-migrant divorce", "migrant divorce", "migrant criminal case", "healthy 31", "31 ticked minor",
        "no assistance", "no abuse", "civil retrial"])
def test_a_ground_against_the_facts_is_refused_beside_it(data):
    found = problems(data)
    field = "art42_exemption" if data["eligibility_ground"] == "art42" else "art32_ground"
    assert found.get(field), found


@pytest.mark.parametrize("data", [
    art42("migrant_wages", categories=["migrant_worker"], art31_category="labour"),
    art42("migrant_wages", categories=["migrant_worker"], art31_category="injury", case_type="labour_arbitration",
          aid_kind="arbitration"),
    art42("no_income_group", id_number=AGED_67),
    art42("no_income_group", id_number=AGED_15, legal_rep_name="王大"),
    art42("no_income_group", categories=["disabled"]),
    art42("no_income_group", health="disabled"),
    art42("no_income_group", id_type=None, id_number=None, categories=["elderly"]),  # no age known: the category
    art42("social_assistance", categories=["subsistence"]),
    art42("other"),
    art32("abuse_victim", categories=["domestic_violence_victim"]),
    art32("retrial_acquittal", case_type="state_compensation", art31_category="state_compensation"),
    art32("bravery"),
], ids=["migrant wages", "migrant work injury", "aged 67", "aged 15", "disabled", "health disabled",
        "elderly without ID", "subsistence", "art42 other", "abuse victim", "retrial", "bravery"])
def test_a_ground_the_facts_carry_is_accepted(data):
    found = problems(data)
    assert not {"art42_exemption", "art32_ground", "eligibility_ground"} & set(found), found


def test_the_age_is_counted_on_the_day_received():
    turning_60 = resident_id("110105", "19660602", "002")  # 60 the day after it was received
    assert problems(art42("no_income_group", id_number=turning_60)).get("art42_exemption")
    assert not problems(art42("no_income_group", id_number=turning_60,
                              received_at="2026-06-02T09:00")).get("art42_exemption")


def test_a_version_recorded_before_the_rule_is_judged_as_it_was():
    """The county validates every change a station sends, also those an older program recorded (no
    rules_version): a ground valid then is not quarantined now; a new version is checked by the new rules."""
    old = art42("migrant_wages")
    del old["rules_version"]
    assert problems(old) == {}
    assert problems({**old, "rules_version": 1}) == {}
    assert problems({**old, "rules_version": RULES_VERSION})


def test_military_and_judicial_assistance_grounds_need_their_category_under_every_rules_version():
    for rules in (None, RULES_VERSION):
        data = application(eligibility_ground="military_simplified", rules_version=rules)
        assert problems(data).get("eligibility_ground")
        assert not problems({**data, "categories": ["veteran"]}).get("eligibility_ground")


# -- what a converted consultation proposes ------------------------------------------------------------

def test_a_migrant_worker_claiming_wages_is_proposed_art42():
    facts = {"categories": ["migrant_worker"], "art31_category": "labour", "id_number": AGED_31}
    assert el.proposed_ground(facts, TODAY) == {"eligibility_ground": "art42", "art42_exemption": "migrant_wages"}


@pytest.mark.parametrize("facts", [
    {"categories": [], "art31_category": "labour"},  # not a migrant: the household's finances are asked
    {"categories": ["migrant_worker"], "art31_category": "support"},  # a migrant, but not about wages
    {"categories": ["migrant_worker"]},  # the matter is not known
])
def test_nothing_is_proposed_when_the_facts_do_not_carry_a_ground(facts):
    assert el.proposed_ground(facts, TODAY) == {}


def test_other_grounds_the_facts_carry_are_proposed_too():
    assert el.proposed_ground({"categories": ["veteran"]}, TODAY) == {"eligibility_ground": "military_simplified"}
    assert el.proposed_ground({"categories": ["subsistence"]}, TODAY) == {
        "eligibility_ground": "art42", "art42_exemption": "social_assistance"}


# -- hardship, measured ----------------------------------------------------------------------------------

def hardship(**changes) -> dict:
    return application(**{"eligibility_ground": "hardship_checked", "household_size": 3, "monthly_income": "1500",
                          "hardship_standard": "1200.00", **changes})


def test_income_per_person_is_measured_against_the_recorded_standard():
    measure = el.hardship_measure(hardship())
    assert (str(measure.per_capita), str(measure.standard), measure.over) == ("500.00", "1200.00", False)
    assert str(el.hardship_measure(hardship(monthly_income="4000", household_size=3)).per_capita) == "1333.33"
    assert el.hardship_measure(hardship(household_size=None)) is None
    assert el.hardship_measure(hardship(hardship_standard=None)).over is False  # no standard: nothing to compare


def test_over_the_standard_the_reason_is_required():
    over = hardship(monthly_income="6000")
    assert el.conditionally_required(over, TODAY) == ("over_standard_reason",)
    found = problems(over)
    assert list(found) == ["over_standard_reason"]
    assert problems({**over, "over_standard_reason": "因病致贫，医疗支出大"}) == {}
    assert problems(hardship()) == {}


def test_a_commitment_is_measured_too_and_the_other_grounds_are_not():
    assert problems(hardship(eligibility_ground="commitment", monthly_income="6000")).get("over_standard_reason")
    assert not problems(art42("other", household_size=1, monthly_income="9000", hardship_standard="1200.00"))


def test_a_minor_needs_a_legal_representative():
    assert el.conditionally_required(application(id_number=AGED_15), TODAY) == ("legal_rep_name",)
    assert el.age_categories(el.applicant_age(application(id_number=AGED_15), TODAY)) == {"minor"}
    assert el.age_categories(el.applicant_age(application(id_number=AGED_67), TODAY)) == {"elderly"}
    assert el.age_categories(el.applicant_age(application(), TODAY)) == set()
    assert el.applicant_age({"birth_date": "2020-02-30"}, date(2026, 1, 1)) is None
