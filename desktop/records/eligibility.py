"""Which eligibility grounds and detail fields apply to an application.

The application form shows and hides fields with these functions and
validation.py requires fields with them, so the screen never asks for less
than the validator demands nor hides a field the validator complains about.
"""

from __future__ import annotations

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

_HARDSHIP_FIELDS = ("household_size", "monthly_income", "annual_income", "income_sources", "property")
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
