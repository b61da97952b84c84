"""Which eligibility grounds and detail fields apply to an application, and whether the facts carry them.

The application form shows and hides fields with these functions and
validation.py requires fields with them, so the screen never asks for less
than the validator demands nor hides a field the validator complains about.
The same goes for the facts: the applicant's age (from the ID number) and the
categories it makes, whether a ground agrees with the categories, age and matter
(`ground_disagreements`, by the rules version a record was made under), the
ground a converted consultation proposes, and the household's income per person
against the county's hardship standard (`hardship_measure`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from .idcard import InvalidResidentId, age_on, parse_resident_id

# The rules a record is made under, stamped on each version the station saves (`rules_version`), so that
# the county judges a version by the rules of the program that made it: 1 = before the grounds had to
# agree with the facts; 2 = Art. 42 and Art. 32 grounds agree with the categories, age and matter.
RULES_VERSION = 2
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # a day as the records write it (validation.py too)
MONEY_SHAPE = re.compile(r"[0-9]+(\.[0-9]{1,2})?")  # an amount of yuan, to the fen

# Eligibility ground codes (reference list "eligibility_grounds").
HARDSHIP_CHECKED = "hardship_checked"
COMMITMENT = "commitment"
ART42 = "art42"
ART32 = "art32"
CRIMINAL_NOTIFICATION = "criminal_notification"
MILITARY_SIMPLIFIED = "military_simplified"
JUDICIAL_ASSISTANCE_MUTUAL = "judicial_assistance_mutual"

ALL_GROUNDS: tuple[str, ...] = (
    HARDSHIP_CHECKED, COMMITMENT, ART42, ART32, CRIMINAL_NOTIFICATION,
    MILITARY_SIMPLIFIED, JUDICIAL_ASSISTANCE_MUTUAL,
)

# Art. 32 covers civil and state-compensation matters only; Art. 25 notification only criminal cases.
CRIMINAL_GROUNDS: tuple[str, ...] = (
    CRIMINAL_NOTIFICATION, HARDSHIP_CHECKED, COMMITMENT, ART42, MILITARY_SIMPLIFIED,
    JUDICIAL_ASSISTANCE_MUTUAL,
)

# Case types whose applicants in hardship must name the Art. 31 matter.
ART31_CASE_TYPES = frozenset({"civil", "administrative", "state_compensation", "labour_arbitration"})

CRIMINAL_DETAIL_FIELDS: tuple[str, ...] = (
    "criminal_role", "charge", "criminal_stage", "detention_place", "life_or_death",
    "notifying_organ", "notification_number",
)
CIVIL_DETAIL_FIELDS: tuple[str, ...] = (
    "art31_category", "opposing_party", "opposing_address", "amount", "legal_position",
)

# The finances stated, the county's standard they are measured against, and why aid is asked over it.
_HARDSHIP_FIELDS = ("household_size", "monthly_income", "annual_income", "income_sources", "property",
                    "hardship_standard", "over_standard_reason")
MEASURED_GROUNDS = (HARDSHIP_CHECKED, COMMITMENT)
_GROUND_DETAILS: dict[str, tuple[str, ...]] = {
    ART42: ("art42_exemption",),
    ART32: ("art32_ground",),
    CRIMINAL_NOTIFICATION: ("art25_ground", "notifying_organ", "notification_number"),
    HARDSHIP_CHECKED: _HARDSHIP_FIELDS,
    COMMITMENT: _HARDSHIP_FIELDS,  # the commitment states the same finances, signed instead of verified
}

# Aid kinds that only criminal cases use (and that criminal cases must use).
CRIMINAL_AID_KINDS = frozenset({"criminal_defence", "criminal_representation"})


def applicable_grounds(case_type: str | None) -> list[str]:
    """The eligibility grounds the form offers for a case type (all but notification when unknown)."""
    if case_type == "criminal":
        return list(CRIMINAL_GROUNDS)
    return [g for g in ALL_GROUNDS if g != CRIMINAL_NOTIFICATION]


def detail_fields(ground: str | None) -> tuple[str, ...]:
    """The fields the form shows for an eligibility ground."""
    return _GROUND_DETAILS.get(ground or "", ())


def case_detail_fields(case_type: str | None) -> tuple[str, ...]:
    """The case detail fields the form shows for a case type (none until a type is chosen)."""
    if not case_type:
        return ()
    return CRIMINAL_DETAIL_FIELDS if case_type == "criminal" else CIVIL_DETAIL_FIELDS


def required_fields(case_type: str | None, ground: str | None) -> tuple[str, ...]:
    """Application fields that this case type and ground make required (on top of fields.py `required`).

    The form marks these required and validation.py demands exactly these, so both agree.
    """
    notified = ground == CRIMINAL_NOTIFICATION
    # A notified suspect may be in custody without an ID document: neither type nor number then.
    fields: list[str] = ["name"] if notified else ["name", "id_type", "id_number"]
    if case_type == "criminal":
        fields += ["criminal_role", "criminal_stage"]
    if notified:
        fields += ["art25_ground", "notifying_organ"]
    elif ground == ART42:
        fields.append("art42_exemption")
    elif ground == ART32:
        fields.append("art32_ground")
    elif ground == HARDSHIP_CHECKED:
        fields += ["household_size", "monthly_income"]
    if case_type in ART31_CASE_TYPES and ground in (HARDSHIP_CHECKED, COMMITMENT):
        fields.append("art31_category")
    return tuple(fields)


def aid_kind_fits(case_type: str | None, aid_kind: str | None) -> bool:
    """Criminal cases use criminal defence or representation; other cases must not."""
    if not case_type or not aid_kind:
        return True
    return (aid_kind in CRIMINAL_AID_KINDS) == (case_type == "criminal")


# -- the applicant's facts: age, and the categories that follow from it ---------------------------------

MINOR_AGE = 18  # under 18: a minor, with a legal representative
ELDERLY_AGE = 60  # 60 and over: 老年人 (Law on the Protection of the Rights of the Elderly, art. 2)
AGE_CATEGORIES = ("minor", "elderly")


def record_day(data: Mapping[str, Any], today: date) -> date:
    """The day a record speaks of: when the application was received or the consultation happened."""
    for name in ("received_at", "occurred_at"):
        value = data.get(name)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value).date()
            except ValueError:
                continue
    return today


def birth_date(data: Mapping[str, Any], today: date) -> date | None:
    """The applicant's birth date: from a valid resident ID number (the better source), else as typed."""
    number = data.get("id_number")
    if isinstance(number, str) and data.get("id_type") in (None, "resident_id"):
        try:
            return parse_resident_id(number, today=today).birth_date
        except InvalidResidentId:
            pass
    typed = data.get("birth_date")
    if isinstance(typed, str) and DATE_SHAPE.fullmatch(typed):
        try:
            return date.fromisoformat(typed)
        except ValueError:
            return None
    return None


def applicant_age(data: Mapping[str, Any], today: date) -> int | None:
    """The person's age on the record's day; None when no birth date is known."""
    born, day = birth_date(data, today), record_day(data, today)
    return age_on(born, day) if born is not None and born <= day else None


def age_categories(age: int | None) -> set[str]:
    """The categories an age makes (未成年人 under 18, 老年人 from 60): what the form ticks from the ID."""
    if age is None:
        return set()
    return {"minor"} if age < MINOR_AGE else {"elderly"} if age >= ELDERLY_AGE else set()


# -- the household's finances against the county's standard --------------------------------------------

@dataclass(frozen=True)
class HardshipMeasure:
    """The household's monthly income per person, and the standard it was measured against (if any)."""

    per_capita: Decimal
    standard: Decimal | None  # the county's economic-hardship standard, yuan per person per month

    @property
    def over(self) -> bool:
        return self.standard is not None and self.per_capita > self.standard


def _money(value: Any) -> Decimal | None:
    if isinstance(value, str) and MONEY_SHAPE.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return None


def hardship_measure(data: Mapping[str, Any]) -> HardshipMeasure | None:
    """Per-capita monthly income against the recorded standard; None until size and income are known.

    The standard is the one recorded on the application when it was taken (`hardship_standard`), so a
    record is always judged by the standard it was measured against, at the station and at the county.
    """
    size, income = data.get("household_size"), _money(data.get("monthly_income"))
    if not isinstance(size, int) or isinstance(size, bool) or size < 1 or income is None:
        return None
    per_capita = (income / size).quantize(Decimal("0.01"))
    return HardshipMeasure(per_capita, _money(data.get("hardship_standard")))


def over_standard(data: Mapping[str, Any]) -> bool:
    """The application relies on the household's finances and they are over the county's standard."""
    measure = hardship_measure(data)
    return data.get("eligibility_ground") in MEASURED_GROUNDS and measure is not None and measure.over


def conditionally_required(data: Mapping[str, Any], today: date) -> tuple[str, ...]:
    """Fields the record's facts make required (beyond `required_fields`): a minor's legal representative,
    the reason for asking aid over the hardship standard. The form marks these too."""
    fields = []
    age = applicant_age(data, today)
    if age is not None and age < MINOR_AGE:
        fields.append("legal_rep_name")
    if over_standard(data):
        fields.append("over_standard_reason")
    return tuple(fields)


# -- does the ground agree with the facts? ---------------------------------------------------------------

MILITARY_CATEGORIES = frozenset({"military", "military_family", "veteran"})
ASSISTANCE_CATEGORIES = frozenset({"subsistence", "judicial_assistance", "preferential_care"})
MIGRANT_MATTERS = frozenset({"labour", "injury"})  # Art. 31: wages (labour relationship), work-injury damages

# Why a ground disagrees with the facts (validation.py words each for the clerk).
NOT_MILITARY = "not_military"
NOT_JUDICIAL_ASSISTANCE = "not_judicial_assistance"
NOT_IN_GROUP = "not_in_group"  # Art. 42 (1): neither a minor, elderly nor disabled
NOT_ASSISTED = "not_assisted"  # Art. 42 (2): no social assistance, judicial assistance or preferential care
NOT_MIGRANT = "not_migrant"  # Art. 42 (3): not a migrant worker
NOT_WAGES = "not_wages"  # Art. 42 (3): the matter is neither wages nor work-injury damages
NOT_STATE_COMPENSATION = "not_state_compensation"  # Art. 32 (3): compensation after acquittal on retrial
NOT_ABUSE_VICTIM = "not_abuse_victim"  # Art. 32 (4): a victim of abuse, abandonment or domestic violence


def _categories(data: Mapping[str, Any]) -> set[str]:
    raw = data.get("categories")
    return {x for x in raw if isinstance(x, str)} if isinstance(raw, (list, tuple)) else set()


def ground_disagreements(data: Mapping[str, Any], today: date, rules: int) -> list[tuple[str, str]]:
    """(field, reason) for each way the eligibility ground contradicts the applicant's facts.

    `rules` is the rules version the record was made under (validation.RULES_VERSION): from version 2 the
    Art. 42 and Art. 32 grounds must agree with the categories, the age (from the ID number) and the matter;
    a record made before is judged as it was then.
    """
    ground, categories = data.get("eligibility_ground"), _categories(data)
    found: list[tuple[str, str]] = []
    if ground == MILITARY_SIMPLIFIED and not MILITARY_CATEGORIES & categories:
        found.append(("eligibility_ground", NOT_MILITARY))
    if ground == JUDICIAL_ASSISTANCE_MUTUAL and "judicial_assistance" not in categories:
        found.append(("eligibility_ground", NOT_JUDICIAL_ASSISTANCE))
    if rules < 2:
        return found
    if ground == ART42:
        exemption = data.get("art42_exemption")
        if exemption == "no_income_group":
            age = applicant_age(data, today)
            by_age = age_categories(age) if age is not None else categories & set(AGE_CATEGORIES)
            if not by_age and "disabled" not in categories and data.get("health") != "disabled":
                found.append(("art42_exemption", NOT_IN_GROUP))
        elif exemption == "social_assistance" and not ASSISTANCE_CATEGORIES & categories:
            found.append(("art42_exemption", NOT_ASSISTED))
        elif exemption == "migrant_wages":
            if "migrant_worker" not in categories:
                found.append(("art42_exemption", NOT_MIGRANT))
            if data.get("case_type") == "criminal" or data.get("art31_category") not in MIGRANT_MATTERS:
                found.append(("art42_exemption", NOT_WAGES))
    elif ground == ART32:
        detail = data.get("art32_ground")
        if detail == "retrial_acquittal" and data.get("case_type") != "state_compensation" \
                and data.get("art31_category") != "state_compensation":
            found.append(("art32_ground", NOT_STATE_COMPENSATION))
        elif detail == "abuse_victim" and "domestic_violence_victim" not in categories:
            found.append(("art32_ground", NOT_ABUSE_VICTIM))
    return found


# Grounds a converted consultation may propose, most specific first: each only when the facts carry it.
_PROPOSALS: tuple[dict[str, str], ...] = (
    {"eligibility_ground": ART42, "art42_exemption": "migrant_wages"},
    {"eligibility_ground": MILITARY_SIMPLIFIED},
    {"eligibility_ground": JUDICIAL_ASSISTANCE_MUTUAL},
    {"eligibility_ground": ART42, "art42_exemption": "social_assistance"},
)


def proposed_ground(data: Mapping[str, Any], today: date) -> dict[str, str]:
    """The ground (and its detail) that the facts carry without asking for the household's finances:
    a migrant worker claiming wages gets Art. 42, not the income questions; {} when none does."""
    for proposal in _PROPOSALS:
        candidate = {**data, **proposal}
        if proposal["eligibility_ground"] not in applicable_grounds(data.get("case_type")):
            continue
        if not ground_disagreements(candidate, today, RULES_VERSION):
            return dict(proposal)
    return {}
