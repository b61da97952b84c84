"""Grounds and detail fields the application form shows, shared with validation."""

from __future__ import annotations

import pytest

from desktop.records import eligibility as el
from desktop.records.fields import field_map
from desktop.records.reference import default_reference

CASE_TYPES = [c.code for c in default_reference().choices("case_types")]
GROUNDS = [c.code for c in default_reference().choices("eligibility_grounds")]
APPLICATION = field_map("application")


def test_constants_match_reference_lists():
    assert set(el.ALL_GROUNDS) == set(GROUNDS)
    assert el.ART31_CASE_TYPES < set(CASE_TYPES)
    aid_kinds = {c.code for c in default_reference().choices("aid_kinds")}
    assert el.CRIMINAL_AID_KINDS < aid_kinds


def test_criminal_grounds():
    assert el.applicable_grounds("criminal") == [
        "criminal_notification", "hardship_checked", "commitment", "art42",
        "military_simplified", "judicial_assistance_mutual"]


@pytest.mark.parametrize("case_type", [c for c in CASE_TYPES if c != "criminal"] + [None])
def test_other_case_types_get_everything_but_notification(case_type):
    grounds = el.applicable_grounds(case_type)
    assert "criminal_notification" not in grounds
    assert set(grounds) == set(GROUNDS) - {"criminal_notification"}


def test_applicable_grounds_returns_a_fresh_list():
    el.applicable_grounds("civil").append("x")
    assert "x" not in el.applicable_grounds("civil")


@pytest.mark.parametrize("ground,fields", [
    ("art42", ("art42_exemption",)),
    ("art32", ("art32_ground",)),
    ("criminal_notification", ("art25_ground", "notifying_organ", "notification_number")),
    ("hardship_checked", ("household_size", "monthly_income", "annual_income", "income_sources", "property",
                          "hardship_standard", "over_standard_reason")),
    ("commitment", ("household_size", "monthly_income", "annual_income", "income_sources", "property",
                    "hardship_standard", "over_standard_reason")),
    ("military_simplified", ()),
    ("judicial_assistance_mutual", ()),
    (None, ()),
    ("unknown", ()),
])
def test_detail_fields(ground, fields):
    assert el.detail_fields(ground) == fields


def test_case_detail_fields():
    assert el.case_detail_fields("criminal") == (
        "criminal_role", "charge", "criminal_stage", "detention_place", "life_or_death",
        "notifying_organ", "notification_number")
    for case_type in CASE_TYPES:
        if case_type != "criminal":
            assert el.case_detail_fields(case_type) == (
                "art31_category", "opposing_party", "opposing_address", "amount", "legal_position")
    assert el.case_detail_fields(None) == ()


def test_every_named_field_exists_in_the_application():
    names = set(el.CRIMINAL_DETAIL_FIELDS) | set(el.CIVIL_DETAIL_FIELDS)
    for ground in GROUNDS:
        names |= set(el.detail_fields(ground))
    assert names <= set(APPLICATION)


@pytest.mark.parametrize("case_type,aid_kind,fits", [
    ("criminal", "criminal_defence", True),
    ("criminal", "criminal_representation", True),
    ("criminal", "litigation", False),
    ("civil", "litigation", True),
    ("civil", "criminal_defence", False),
    ("labour_arbitration", "criminal_representation", False),
    ("non_litigation", "non_litigation", True),
    (None, "criminal_defence", True),  # nothing to compare yet
    ("civil", None, True),
])
def test_aid_kind_fits(case_type, aid_kind, fits):
    assert el.aid_kind_fits(case_type, aid_kind) is fits


@pytest.mark.parametrize("case_type,ground,expected", [
    ("civil", "hardship_checked",
     ("name", "id_type", "id_number", "household_size", "monthly_income", "art31_category")),
    ("civil", "commitment", ("name", "id_type", "id_number", "art31_category")),
    ("labour_arbitration", "art42", ("name", "id_type", "id_number", "art42_exemption")),
    ("state_compensation", "art32", ("name", "id_type", "id_number", "art32_ground")),
    ("non_litigation", "hardship_checked", ("name", "id_type", "id_number", "household_size", "monthly_income")),
    ("criminal", "criminal_notification",
     ("name", "criminal_role", "criminal_stage", "art25_ground", "notifying_organ")),
    ("criminal", "military_simplified", ("name", "id_type", "id_number", "criminal_role", "criminal_stage")),
    (None, None, ("name", "id_type", "id_number")),
])
def test_required_fields(case_type, ground, expected):
    assert el.required_fields(case_type, ground) == expected


@pytest.mark.parametrize("case_type", CASE_TYPES)
@pytest.mark.parametrize("ground", GROUNDS)
def test_required_detail_fields_are_shown(case_type, ground):
    """The form hides detail fields it does not show; it must never require a hidden one."""
    detail = set(el.CRIMINAL_DETAIL_FIELDS) | set(el.CIVIL_DETAIL_FIELDS)
    for g in GROUNDS:
        detail |= set(el.detail_fields(g))
    shown = set(el.case_detail_fields(case_type)) | set(el.detail_fields(ground))
    required = set(el.required_fields(case_type, ground))
    assert required <= set(APPLICATION)
    assert required & detail <= shown
