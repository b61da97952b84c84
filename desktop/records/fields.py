"""The fields of each record type: one declaration used by validation, the store, the UI and the forms.

A record is stored as a flat dict of these field names (JSON in the `data`
column). The UI names every input widget after its field, so a test, a
screen reader and the validator all speak of the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from types import MappingProxyType

from .i18n import QT_TRANSLATE_NOOP


class Kind(str, Enum):
    TEXT = "text"
    MULTILINE = "multiline"
    DATE = "date"  # "YYYY-MM-DD"
    DATETIME = "datetime"  # "YYYY-MM-DDTHH:MM" local station time
    CHOICE = "choice"  # one code of a reference list
    MULTI = "multi"  # list of codes of a reference list
    BOOL = "bool"
    INT = "int"
    MONEY = "money"  # yuan, a decimal string with at most 2 decimals
    ID_NUMBER = "id_number"
    PHONE = "phone"


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # English source text, translated in context "Field"
    kind: Kind = Kind.TEXT
    choices: str | None = None  # name of a reference list in resources/reference
    required: bool = False  # always required; conditional rules live in validation.py
    max_length: int = 200


def _f(name: str, label: str, kind: Kind = Kind.TEXT, choices: str | None = None,
       required: bool = False, max_length: int = 200) -> Field:
    return Field(name, label, kind, choices, required, max_length)


LONG = 5000

PERSON_FIELDS: tuple[Field, ...] = (
    _f("name", QT_TRANSLATE_NOOP("Field", "Name"), max_length=60),
    # A name written in Uyghur, Tibetan, ... as the ID card prints it in Chinese (the forms print both).
    _f("name_zh", QT_TRANSLATE_NOOP("Field", "Name in Chinese on the ID card"), max_length=60),
    _f("gender", QT_TRANSLATE_NOOP("Field", "Gender"), Kind.CHOICE, "genders"),
    _f("ethnicity", QT_TRANSLATE_NOOP("Field", "Ethnicity"), Kind.CHOICE, "ethnic_groups"),
    _f("id_type", QT_TRANSLATE_NOOP("Field", "ID type"), Kind.CHOICE, "id_types"),
    _f("id_number", QT_TRANSLATE_NOOP("Field", "ID number"), Kind.ID_NUMBER, max_length=40),
    _f("birth_date", QT_TRANSLATE_NOOP("Field", "Date of birth"), Kind.DATE),
    _f("phone", QT_TRANSLATE_NOOP("Field", "Phone"), Kind.PHONE, max_length=30),
    _f("address", QT_TRANSLATE_NOOP("Field", "Address"), max_length=200),
    _f("postcode", QT_TRANSLATE_NOOP("Field", "Postcode"), max_length=6),
    _f("hukou", QT_TRANSLATE_NOOP("Field", "Household registration"), max_length=200),
    _f("occupation", QT_TRANSLATE_NOOP("Field", "Occupation"), max_length=60),
    _f("work_unit", QT_TRANSLATE_NOOP("Field", "Work unit"), max_length=100),
    _f("education", QT_TRANSLATE_NOOP("Field", "Education"), Kind.CHOICE, "education_levels"),
    _f("health", QT_TRANSLATE_NOOP("Field", "Health"), Kind.CHOICE, "health_status"),
    _f("categories", QT_TRANSLATE_NOOP("Field", "Special categories"), Kind.MULTI, "person_categories"),
    _f("language", QT_TRANSLATE_NOOP("Field", "Language"), max_length=40),
    _f("interpreter_needed", QT_TRANSLATE_NOOP("Field", "Needs an interpreter"), Kind.BOOL),
    _f("accessibility_needs", QT_TRANSLATE_NOOP("Field", "Accessibility needs"), max_length=200),
    _f("legal_rep_name", QT_TRANSLATE_NOOP("Field", "Legal representative"), max_length=60),
    _f("legal_rep_relation", QT_TRANSLATE_NOOP("Field", "Relation"), Kind.CHOICE, "relations"),
    _f("legal_rep_phone", QT_TRANSLATE_NOOP("Field", "Representative's phone"), Kind.PHONE, max_length=30),
)

CONSULTATION_FIELDS: tuple[Field, ...] = (
    _f("occurred_at", QT_TRANSLATE_NOOP("Field", "Time"), Kind.DATETIME, required=True),
    _f("channel", QT_TRANSLATE_NOOP("Field", "Channel"), Kind.CHOICE, "consultation_channels", required=True),
    _f("outreach_event", QT_TRANSLATE_NOOP("Field", "Outreach event"), max_length=100),
    _f("anonymous", QT_TRANSLATE_NOOP("Field", "Anonymous caller"), Kind.BOOL),
    *PERSON_FIELDS,
    _f("matter_category", QT_TRANSLATE_NOOP("Field", "Matter"), Kind.CHOICE, "matter_categories", required=True),
    _f("question", QT_TRANSLATE_NOOP("Field", "Question"), Kind.MULTILINE, required=True, max_length=LONG),
    _f("answer", QT_TRANSLATE_NOOP("Field", "Answer given"), Kind.MULTILINE, required=True, max_length=LONG),
    _f("clerk", QT_TRANSLATE_NOOP("Field", "Clerk"), required=True, max_length=30),
    _f("minutes", QT_TRANSLATE_NOOP("Field", "Minutes spent"), Kind.INT),
    _f("outcome", QT_TRANSLATE_NOOP("Field", "Outcome"), Kind.CHOICE, "consultation_outcomes", required=True),
    _f("referred_to", QT_TRANSLATE_NOOP("Field", "Referred to"), Kind.CHOICE, "referral_targets"),
    _f("referral_note", QT_TRANSLATE_NOOP("Field", "Referral note"), max_length=200),
    _f("follow_up_needed", QT_TRANSLATE_NOOP("Field", "Follow-up needed"), Kind.BOOL),
    _f("follow_up_note", QT_TRANSLATE_NOOP("Field", "Follow-up note"), max_length=200),
)

APPLICATION_FIELDS: tuple[Field, ...] = (
    _f("number", QT_TRANSLATE_NOOP("Field", "Application number"), max_length=40),
    _f("received_at", QT_TRANSLATE_NOOP("Field", "Received"), Kind.DATETIME, required=True),
    _f("channel", QT_TRANSLATE_NOOP("Field", "Channel"), Kind.CHOICE, "application_channels", required=True),
    _f("outreach_event", QT_TRANSLATE_NOOP("Field", "Outreach event"), max_length=100),
    *PERSON_FIELDS,
    _f("agent_name", QT_TRANSLATE_NOOP("Field", "Agent"), max_length=60),
    _f("agent_relation", QT_TRANSLATE_NOOP("Field", "Agent's relation"), Kind.CHOICE, "relations"),
    _f("agent_id_number", QT_TRANSLATE_NOOP("Field", "Agent's ID number"), Kind.ID_NUMBER, max_length=40),
    _f("agent_phone", QT_TRANSLATE_NOOP("Field", "Agent's phone"), Kind.PHONE, max_length=30),
    _f("case_type", QT_TRANSLATE_NOOP("Field", "Case type"), Kind.CHOICE, "case_types", required=True),
    _f("aid_kind", QT_TRANSLATE_NOOP("Field", "Aid requested"), Kind.CHOICE, "aid_kinds", required=True),
    _f("litigation", QT_TRANSLATE_NOOP("Field", "Litigation"), Kind.BOOL),
    _f("cause", QT_TRANSLATE_NOOP("Field", "Cause of action"), required=True, max_length=100),
    _f("proceeding_status", QT_TRANSLATE_NOOP("Field", "Status of the matter"), Kind.CHOICE, "proceeding_status"),
    _f("legal_position", QT_TRANSLATE_NOOP("Field", "Applicant's position"), Kind.CHOICE, "legal_positions"),
    # criminal details
    _f("criminal_role", QT_TRANSLATE_NOOP("Field", "Role in the criminal case"), Kind.CHOICE, "criminal_roles"),
    _f("charge", QT_TRANSLATE_NOOP("Field", "Charge"), max_length=100),
    _f("criminal_stage", QT_TRANSLATE_NOOP("Field", "Stage"), Kind.CHOICE, "criminal_stages"),
    _f("detention_place", QT_TRANSLATE_NOOP("Field", "Place of detention"), max_length=100),
    _f("life_or_death", QT_TRANSLATE_NOOP("Field", "Possible life imprisonment or death sentence"), Kind.BOOL),
    _f("notifying_organ", QT_TRANSLATE_NOOP("Field", "Notifying organ"), Kind.CHOICE, "notifying_organs"),
    _f("notification_number", QT_TRANSLATE_NOOP("Field", "Notification document number"), max_length=60),
    # civil details
    _f("art31_category", QT_TRANSLATE_NOOP("Field", "Matter under Art. 31"), Kind.CHOICE, "art31_categories"),
    _f("opposing_party", QT_TRANSLATE_NOOP("Field", "Opposing party"), max_length=100),
    _f("opposing_address", QT_TRANSLATE_NOOP("Field", "Opposing party's address"), max_length=200),
    _f("amount", QT_TRANSLATE_NOOP("Field", "Amount claimed (yuan)"), Kind.MONEY),
    _f("facts", QT_TRANSLATE_NOOP("Field", "Facts and reasons"), Kind.MULTILINE, required=True, max_length=LONG),
    # eligibility
    _f("eligibility_ground", QT_TRANSLATE_NOOP("Field", "Eligibility ground"), Kind.CHOICE, "eligibility_grounds", required=True),
    _f("art42_exemption", QT_TRANSLATE_NOOP("Field", "Art. 42 exemption"), Kind.CHOICE, "art42_exemptions"),
    _f("art32_ground", QT_TRANSLATE_NOOP("Field", "Art. 32 ground"), Kind.CHOICE, "art32_grounds"),
    _f("art25_ground", QT_TRANSLATE_NOOP("Field", "Art. 25 ground"), Kind.CHOICE, "art25_grounds"),
    _f("informed_judicial_assistance", QT_TRANSLATE_NOOP("Field", "Informed about judicial assistance"), Kind.BOOL),
    _f("household_size", QT_TRANSLATE_NOOP("Field", "Household size"), Kind.INT),
    _f("monthly_income", QT_TRANSLATE_NOOP("Field", "Household monthly income (yuan)"), Kind.MONEY),
    _f("annual_income", QT_TRANSLATE_NOOP("Field", "Household income of the last year (yuan)"), Kind.MONEY),
    _f("income_sources", QT_TRANSLATE_NOOP("Field", "Income sources"), max_length=200),
    _f("property", QT_TRANSLATE_NOOP("Field", "Property"), max_length=200),
    # the county's economic-hardship standard when the application was taken (from its reference data)
    _f("hardship_standard", QT_TRANSLATE_NOOP("Field", "Hardship standard (yuan per person per month)"), Kind.MONEY),
    _f("over_standard_reason", QT_TRANSLATE_NOOP("Field", "Why aid although over the standard"), max_length=200),
    _f("applied_before", QT_TRANSLATE_NOOP("Field", "Applied before"), Kind.BOOL),
    _f("applied_before_detail", QT_TRANSLATE_NOOP("Field", "When, where, number"), max_length=200),
    # materials and urgency
    _f("materials", QT_TRANSLATE_NOOP("Field", "Materials received"), Kind.MULTI, "materials"),
    _f("materials_pages", QT_TRANSLATE_NOOP("Field", "Pages of evidence"), Kind.INT),
    _f("urgent", QT_TRANSLATE_NOOP("Field", "Urgent (aid before review, Art. 44)"), Kind.BOOL),
    _f("urgency_reason", QT_TRANSLATE_NOOP("Field", "Urgency"), Kind.CHOICE, "urgency_reasons"),
    _f("urgent_deadline", QT_TRANSLATE_NOOP("Field", "Deadline"), Kind.DATE),
    _f("clerk", QT_TRANSLATE_NOOP("Field", "Clerk"), required=True, max_length=30),
    _f("note", QT_TRANSLATE_NOOP("Field", "Note"), Kind.MULTILINE, max_length=LONG),
    _f("consultation_id", QT_TRANSLATE_NOOP("Field", "From consultation"), max_length=40),
    # set by the store on every version: which rules it was checked by (eligibility.RULES_VERSION)
    _f("rules_version", QT_TRANSLATE_NOOP("Field", "Rules version"), Kind.INT),
)

PERSON_FIELD_NAMES = frozenset(f.name for f in PERSON_FIELDS)

FIELDS: dict[str, tuple[Field, ...]] = {
    "person": PERSON_FIELDS,
    "consultation": CONSULTATION_FIELDS,
    "application": APPLICATION_FIELDS,
}


# -- after the decision (issue 14): records linked to a case by its application number, complaints, outreach.
# `case_number` is the application number the clerk types (or that the case's editor fills in); the store
# links the record to that application of this station (application_id) and refuses an unknown one.

def _quality_item_fields() -> tuple[Field, ...]:
    from .quality import quality_scheme  # the county's items are data: one score field per item

    return tuple(Field(item.field, item.title, Kind.INT) for item in quality_scheme().items)


FOLLOW_UP_FIELDS: tuple[Field, ...] = (
    _f("case_number", QT_TRANSLATE_NOOP("Field", "Case number"), max_length=40),
    _f("visited_on", QT_TRANSLATE_NOOP("Field", "Date of the visit"), Kind.DATE, required=True),
    _f("visit_method", QT_TRANSLATE_NOOP("Field", "How"), Kind.CHOICE, "follow_up_methods", required=True),
    _f("visitor", QT_TRANSLATE_NOOP("Field", "Visited by"), required=True, max_length=60),
    _f("visited_person", QT_TRANSLATE_NOOP("Field", "Person visited"), max_length=60),
    _f("lawyer_contacted", QT_TRANSLATE_NOOP("Field", "The lawyer contacted the recipient in time"), Kind.BOOL),
    _f("progress_told", QT_TRANSLATE_NOOP("Field", "The recipient was told of the progress"), Kind.BOOL),
    _f("fees_taken", QT_TRANSLATE_NOOP("Field", "Money or gifts were taken"), Kind.BOOL),
    _f("attitude", QT_TRANSLATE_NOOP("Field", "The lawyer's attitude"), Kind.CHOICE, "attitudes"),
    _f("satisfaction", QT_TRANSLATE_NOOP("Field", "Satisfaction"), Kind.CHOICE, "satisfaction_levels", required=True),
    _f("finding", QT_TRANSLATE_NOOP("Field", "Opinions and findings"), Kind.MULTILINE, required=True, max_length=LONG),
    _f("action_taken", QT_TRANSLATE_NOOP("Field", "Action taken"), Kind.MULTILINE, max_length=LONG),
)

COURT_ATTENDANCE_FIELDS: tuple[Field, ...] = (
    _f("case_number", QT_TRANSLATE_NOOP("Field", "Case number"), required=True, max_length=40),
    _f("court_name", QT_TRANSLATE_NOOP("Field", "Court or arbitration body"), required=True, max_length=100),
    _f("hearing_date", QT_TRANSLATE_NOOP("Field", "Hearing"), Kind.DATETIME, required=True),
    _f("hearing_place", QT_TRANSLATE_NOOP("Field", "Place of the hearing"), max_length=100),
    _f("procedure", QT_TRANSLATE_NOOP("Field", "Procedure"), Kind.CHOICE, "hearing_procedures"),
    _f("observers", QT_TRANSLATE_NOOP("Field", "Attended by"), required=True, max_length=100),
    _f("preparation", QT_TRANSLATE_NOOP("Field", "Preparation"), Kind.CHOICE, "preparation_levels"),
    _f("evidence_rating", QT_TRANSLATE_NOOP("Field", "Evidence and cross-examination"), Kind.CHOICE,
       "performance_ratings"),
    _f("argument_rating", QT_TRANSLATE_NOOP("Field", "Defence or representation opinion"), Kind.CHOICE,
       "performance_ratings"),
    _f("conduct_rating", QT_TRANSLATE_NOOP("Field", "Courtroom conduct"), Kind.CHOICE, "performance_ratings"),
    _f("overall", QT_TRANSLATE_NOOP("Field", "Overall"), Kind.CHOICE, "quality_grades", required=True),
    _f("hearing_record", QT_TRANSLATE_NOOP("Field", "What happened at the hearing"), Kind.MULTILINE, max_length=LONG),
    _f("attendance_opinion", QT_TRANSLATE_NOOP("Field", "Opinion"), Kind.MULTILINE, max_length=LONG),
)

QUALITY_EVALUATION_FIELDS: tuple[Field, ...] = (
    _f("case_number", QT_TRANSLATE_NOOP("Field", "Case number"), required=True, max_length=40),
    _f("evaluated_on", QT_TRANSLATE_NOOP("Field", "Date of the evaluation"), Kind.DATE, required=True),
    _f("evaluator", QT_TRANSLATE_NOOP("Field", "Evaluator"), required=True, max_length=60),
    *_quality_item_fields(),
    _f("score", QT_TRANSLATE_NOOP("Field", "Total score"), Kind.INT),
    _f("grade", QT_TRANSLATE_NOOP("Field", "Quality grade"), Kind.CHOICE, "quality_grades"),
    _f("evaluation_opinion", QT_TRANSLATE_NOOP("Field", "Evaluation opinion"), Kind.MULTILINE, max_length=LONG),
)

CLOSURE_FIELDS: tuple[Field, ...] = (
    _f("case_number", QT_TRANSLATE_NOOP("Field", "Case number"), required=True, max_length=40),
    _f("closed_on", QT_TRANSLATE_NOOP("Field", "Closing date"), Kind.DATE, required=True),
    _f("closing_method", QT_TRANSLATE_NOOP("Field", "How the case ended"), Kind.CHOICE, "closing_methods",
       required=True),
    _f("litigation_case", QT_TRANSLATE_NOOP("Field", "Litigation case"), Kind.BOOL),
    _f("heard_in_court", QT_TRANSLATE_NOOP("Field", "Heard in court"), Kind.BOOL),
    _f("closure_result", QT_TRANSLATE_NOOP("Field", "Result"), Kind.MULTILINE, required=True, max_length=LONG),
    _f("closure_summary", QT_TRANSLATE_NOOP("Field", "How the case was handled"), Kind.MULTILINE, max_length=LONG),
    _f("amount_recovered", QT_TRANSLATE_NOOP("Field", "Losses recovered or benefits obtained (yuan)"), Kind.MONEY),
    _f("recipient_opinion", QT_TRANSLATE_NOOP("Field", "Recipient's opinion"), Kind.CHOICE, "satisfaction_levels"),
    _f("archived_on", QT_TRANSLATE_NOOP("Field", "Archived on"), Kind.DATE),
)

COMPLAINT_FIELDS: tuple[Field, ...] = (
    _f("number", QT_TRANSLATE_NOOP("Field", "Complaint number"), max_length=40),
    _f("complained_at", QT_TRANSLATE_NOOP("Field", "Time of the complaint"), Kind.DATETIME, required=True),
    _f("complaint_channel", QT_TRANSLATE_NOOP("Field", "How the complaint came"), Kind.CHOICE, "complaint_channels",
       required=True),
    _f("registrar", QT_TRANSLATE_NOOP("Field", "Registered by"), required=True, max_length=30),
    _f("complainant", QT_TRANSLATE_NOOP("Field", "Complainant"), required=True, max_length=60),
    _f("complainant_phone", QT_TRANSLATE_NOOP("Field", "Complainant's phone"), Kind.PHONE, max_length=30),
    _f("complainant_address", QT_TRANSLATE_NOOP("Field", "Complainant's address"), max_length=200),
    _f("respondent_kind", QT_TRANSLATE_NOOP("Field", "Complaint against"), Kind.CHOICE, "respondent_kinds",
       required=True),
    _f("respondent", QT_TRANSLATE_NOOP("Field", "Name of the person or body"), max_length=100),
    _f("respondent_unit", QT_TRANSLATE_NOOP("Field", "Their unit"), max_length=100),
    _f("case_number", QT_TRANSLATE_NOOP("Field", "Case number"), max_length=40),
    _f("matter", QT_TRANSLATE_NOOP("Field", "Matter and reasons"), Kind.MULTILINE, required=True, max_length=LONG),
    _f("handling", QT_TRANSLATE_NOOP("Field", "Handling steps"), Kind.MULTILINE, max_length=LONG),
    _f("result", QT_TRANSLATE_NOOP("Field", "Result of the handling"), Kind.MULTILINE, max_length=LONG),
    _f("reply_date", QT_TRANSLATE_NOOP("Field", "Answered on"), Kind.DATE),
    _f("reply_method", QT_TRANSLATE_NOOP("Field", "Answered by"), Kind.CHOICE, "reply_methods"),
    _f("complainant_satisfaction", QT_TRANSLATE_NOOP("Field", "Complainant's satisfaction"), Kind.CHOICE,
       "satisfaction_levels"),
)

OUTREACH_EVENT_FIELDS: tuple[Field, ...] = (
    _f("held_on", QT_TRANSLATE_NOOP("Field", "Date"), Kind.DATE, required=True),
    _f("event_type", QT_TRANSLATE_NOOP("Field", "Kind of event"), Kind.CHOICE, "outreach_types", required=True),
    _f("title", QT_TRANSLATE_NOOP("Field", "Event"), required=True, max_length=100),
    _f("place", QT_TRANSLATE_NOOP("Field", "Place"), required=True, max_length=100),
    _f("unit", QT_TRANSLATE_NOOP("Field", "Unit or partner"), max_length=100),
    _f("staff", QT_TRANSLATE_NOOP("Field", "Staff"), required=True, max_length=200),
    _f("people_reached", QT_TRANSLATE_NOOP("Field", "People reached"), Kind.INT),
    _f("event_note", QT_TRANSLATE_NOOP("Field", "Note"), Kind.MULTILINE, max_length=LONG),
)

CASEWORK_FIELDS: dict[str, tuple[Field, ...]] = {
    "follow_up": FOLLOW_UP_FIELDS, "court_attendance": COURT_ATTENDANCE_FIELDS,
    "quality_evaluation": QUALITY_EVALUATION_FIELDS, "closure": CLOSURE_FIELDS,
    "complaint": COMPLAINT_FIELDS, "outreach_event": OUTREACH_EVENT_FIELDS,
}
FIELDS.update(CASEWORK_FIELDS)

@lru_cache(maxsize=None)
def field_map(record_type: str) -> Mapping[str, Field]:
    """The fields of a record type by name (read-only and built once: the county checks every change with it)."""
    return MappingProxyType({f.name: f for f in FIELDS[record_type]})


# Fields a consultation hands over when it is turned into an application.
CONSULTATION_TO_APPLICATION = (*(f.name for f in PERSON_FIELDS), "outreach_event")

# A consultation's matter, carried into the application it becomes: the case type when the matter
# says it, and the Legal Aid Law Art. 31 matter (the civil matters legal aid covers) when one fits.
MATTER_TO_CASE_TYPE = {"criminal": "criminal", "administrative": "administrative",
                       "state_compensation": "state_compensation"}
MATTER_TO_ART31 = {"state_compensation": "state_compensation", "social_security": "social_insurance",
                   "support": "support", "wages": "labour", "labour": "labour", "work_injury": "injury",
                   "traffic": "injury", "medical": "injury", "personal_injury": "injury"}


def application_matter(matter_category: str | None) -> dict[str, str]:
    """The application fields a consultation's matter fills in (the clerk may change them)."""
    found = {}
    if matter_category in MATTER_TO_CASE_TYPE:
        found["case_type"] = MATTER_TO_CASE_TYPE[matter_category]
    if matter_category in MATTER_TO_ART31:
        found["art31_category"] = MATTER_TO_ART31[matter_category]
    return found
