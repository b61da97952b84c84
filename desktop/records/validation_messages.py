"""What record checks say: each issue a clerk must fix (`Issue`, tied to its field) and the texts of every check
(context "Validation"), kept apart from the checks themselves (validation.py)."""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from . import eligibility as el
from .i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Issue:
    field: str  # a field name from fields.py
    message: str  # English source text marked with QT_TRANSLATE_NOOP("Validation", ...)
    params: dict[str, str] = dc_field(default_factory=dict)

    context = "Validation"  # (not a field) so desktop/records/i18n.py in_chinese reads an Issue given as a value

    def text(self) -> str:
        """The English text; the UI translates `message` first, then formats it the same way."""
        return self.message.format(**self.params)

    def __str__(self) -> str:  # a message's value: the English text (in_chinese gives the Chinese)
        return self.text()

    def __hash__(self) -> int:  # params is a dict; hash its items so issues can go in sets
        return hash((self.field, self.message, tuple(sorted(self.params.items()))))


M_REQUIRED = QT_TRANSLATE_NOOP("Validation", "This field is required.")
M_TOO_LONG = QT_TRANSLATE_NOOP("Validation", "Too long: at most {max} characters, now {length}.")
M_INVALID = QT_TRANSLATE_NOOP("Validation", "This value is not valid; please enter it again.")
M_DATE_FORMAT = QT_TRANSLATE_NOOP("Validation", "Enter the date as YYYY-MM-DD, for example 2024-03-15.")
M_DATETIME_FORMAT = QT_TRANSLATE_NOOP(
    "Validation", "Enter the date and time as YYYY-MM-DD HH:MM, for example 2024-03-15 09:30.")
M_NO_SUCH_DATE = QT_TRANSLATE_NOOP("Validation", "There is no such date or time: {value}.")
M_FUTURE = QT_TRANSLATE_NOOP(
    "Validation", "This is in the future; please check the date and the computer's clock.")
M_INT = QT_TRANSLATE_NOOP("Validation", "Enter a whole number, 0 or more.")
M_MONEY = QT_TRANSLATE_NOOP("Validation", "Enter an amount in yuan, 0 or more, with at most 2 decimals.")
M_CHOICE = QT_TRANSLATE_NOOP("Validation", "\"{code}\" is not in the list; please choose again.")
M_BOOL = QT_TRANSLATE_NOOP("Validation", "Tick or untick this box.")
M_ID_TYPE_MISSING = QT_TRANSLATE_NOOP("Validation", "Choose the type of the ID document.")
M_ID_OTHER = QT_TRANSLATE_NOOP(
    "Validation", "An ID number has 4 to 30 letters or digits; please check the number.")
M_GENDER_MISMATCH = QT_TRANSLATE_NOOP(
    "Validation", "The gender does not match the resident ID number; please check both.")
M_BIRTH_MISMATCH = QT_TRANSLATE_NOOP(
    "Validation", "The date of birth does not match the resident ID number ({id_birth_date}); please check both.")
# consultation
M_NAME_OR_ANONYMOUS = QT_TRANSLATE_NOOP("Validation", "Enter the person's name, or tick \"Anonymous caller\".")
M_REFERRED_TO = QT_TRANSLATE_NOOP("Validation", "Choose where the person was referred to.")
M_MINUTES = QT_TRANSLATE_NOOP(
    "Validation", "At most {max} minutes can be recorded for one consultation; please check the number.")
M_OUTREACH_EVENT = QT_TRANSLATE_NOOP("Validation", "Enter the outreach event this belongs to.")
# application: applicant
M_APPLICANT_NAME = QT_TRANSLATE_NOOP("Validation", "Enter the applicant's name.")
M_APPLICANT_ID_TYPE = QT_TRANSLATE_NOOP("Validation", "Choose the applicant's ID type.")
M_APPLICANT_ID = QT_TRANSLATE_NOOP("Validation", "Enter the applicant's ID number.")
M_MINOR_REP = QT_TRANSLATE_NOOP(
    "Validation", "The applicant is under 18; enter the name of the legal representative.")
M_APPLIED_BEFORE = QT_TRANSLATE_NOOP(
    "Validation", "Enter when and where the applicant applied before, and the number of that application.")
# application: case
M_CRIMINAL_ROLE = QT_TRANSLATE_NOOP("Validation", "Choose the applicant's role in the criminal case.")
M_CRIMINAL_STAGE = QT_TRANSLATE_NOOP("Validation", "Choose the stage the criminal case has reached.")
M_LIFE_OR_DEATH = QT_TRANSLATE_NOOP(
    "Validation", "A possible life imprisonment or death sentence can only be marked on a criminal case.")
M_AID_KIND_CRIMINAL = QT_TRANSLATE_NOOP(
    "Validation", "A criminal case needs criminal defence or representation in a criminal case.")
M_AID_KIND_NOT_CRIMINAL = QT_TRANSLATE_NOOP(
    "Validation", "Criminal defence and criminal representation are only for criminal cases.")
M_AID_KIND_DEFENCE = QT_TRANSLATE_NOOP(
    "Validation", "A suspect or defendant receives criminal defence, not representation.")
M_AID_KIND_REPRESENTATION = QT_TRANSLATE_NOOP(
    "Validation",
    "Victims, their relatives, private prosecutors and civil plaintiffs receive representation, not defence.")
# application: eligibility
M_NOTIFICATION_NOT_CRIMINAL = QT_TRANSLATE_NOOP(
    "Validation", "Criminal notification (Art. 25) applies only to criminal cases; choose another ground.")
M_GROUND_NOT_FOR_CASE = QT_TRANSLATE_NOOP(
    "Validation", "This eligibility ground does not apply to this case type; choose another ground.")
M_ART25_GROUND = QT_TRANSLATE_NOOP("Validation", "Choose the Art. 25 ground of the notification.")
M_NOTIFYING_ORGAN = QT_TRANSLATE_NOOP("Validation", "Choose the organ that sent the notification.")
M_ART42 = QT_TRANSLATE_NOOP("Validation", "Choose which Art. 42 exemption applies.")
M_ART32 = QT_TRANSLATE_NOOP("Validation", "Choose which Art. 32 ground applies.")
M_INCOME = QT_TRANSLATE_NOOP("Validation", "Enter the household's monthly income; hardship is checked against it.")
M_HOUSEHOLD = QT_TRANSLATE_NOOP("Validation", "Enter the number of people in the household.")
M_HOUSEHOLD_ZERO = QT_TRANSLATE_NOOP("Validation", "A household has at least 1 person.")
M_MILITARY = QT_TRANSLATE_NOOP(
    "Validation",
    "Simplified review is for military personnel, military families and veterans; "
    "tick the applicant's category or choose another ground.")
M_JUDICIAL = QT_TRANSLATE_NOOP(
    "Validation",
    "Mutual exemption is for judicial-assistance recipients; "
    "tick that category or choose another ground.")
M_ART42_GROUP = QT_TRANSLATE_NOOP(
    "Validation",
    "This Art. 42 exemption is for minors, the elderly (60 and over) and disabled people with no fixed income; "
    "the applicant is {age}, and no disability is recorded. Tick \"Disabled\" or choose another ground.")
M_ART42_GROUP_NO_AGE = QT_TRANSLATE_NOOP(
    "Validation",
    "This Art. 42 exemption is for minors, the elderly and disabled people with no fixed income; tick the "
    "applicant's category (or enter the ID number or date of birth), or choose another ground.")
M_ART42_ASSISTED = QT_TRANSLATE_NOOP(
    "Validation",
    "This Art. 42 exemption is for recipients of subsistence allowances, judicial assistance or preferential "
    "care; tick that category or choose another ground.")
M_ART42_MIGRANT = QT_TRANSLATE_NOOP(
    "Validation", "This Art. 42 exemption is for migrant workers; tick \"Migrant worker\" or choose another ground.")
M_ART42_WAGES = QT_TRANSLATE_NOOP(
    "Validation",
    "This Art. 42 exemption covers claims for wages or work-injury damages only; choose that Art. 31 matter "
    "or another ground.")
M_ART32_RETRIAL = QT_TRANSLATE_NOOP(
    "Validation",
    "This Art. 32 ground is for state compensation after an acquittal on retrial; the case type must be "
    "state compensation.")
M_ART32_ABUSE = QT_TRANSLATE_NOOP(
    "Validation",
    "This Art. 32 ground is for victims of abuse, abandonment or domestic violence; tick "
    "\"Domestic-violence victim\" or choose another ground.")
M_OVER_STANDARD = QT_TRANSLATE_NOOP(
    "Validation",
    "The household's income per person ({per_capita} yuan a month) is over the county's hardship standard "
    "({standard} yuan); write why legal aid is asked all the same.")
M_ART31 = QT_TRANSLATE_NOOP(
    "Validation", "Choose the Art. 31 matter: this case relies on financial hardship.")
# application: urgency
M_URGENCY_REASON = QT_TRANSLATE_NOOP("Validation", "Choose why the application is urgent.")
M_URGENT_DEADLINE = QT_TRANSLATE_NOOP("Validation", "Enter the date the limitation period or deadline ends.")
M_DEADLINE_FAR = QT_TRANSLATE_NOOP(
    "Validation",
    "Aid before review needs a deadline less than {days} days after the application was received; "
    "{deadline} is later.")
M_DEADLINE_PASSED = QT_TRANSLATE_NOOP(
    "Validation", "The deadline {deadline} had passed before the application was received; please check it.")

# What to say when a conditionally required application field is empty.
_REQUIRED_MESSAGES: dict[str, str] = {
    "name": M_APPLICANT_NAME, "id_type": M_APPLICANT_ID_TYPE, "id_number": M_APPLICANT_ID,
    "criminal_role": M_CRIMINAL_ROLE, "criminal_stage": M_CRIMINAL_STAGE,
    "art25_ground": M_ART25_GROUND, "notifying_organ": M_NOTIFYING_ORGAN,
    "art42_exemption": M_ART42, "art32_ground": M_ART32,
    "household_size": M_HOUSEHOLD, "monthly_income": M_INCOME, "art31_category": M_ART31,
    "legal_rep_name": M_MINOR_REP,
}

# What to say when the eligibility ground contradicts the facts (eligibility.ground_disagreements).
_DISAGREEMENT_MESSAGES: dict[str, str] = {
    el.NOT_MILITARY: M_MILITARY, el.NOT_JUDICIAL_ASSISTANCE: M_JUDICIAL, el.NOT_ASSISTED: M_ART42_ASSISTED,
    el.NOT_MIGRANT: M_ART42_MIGRANT, el.NOT_WAGES: M_ART42_WAGES, el.NOT_STATE_COMPENSATION: M_ART32_RETRIAL,
    el.NOT_ABUSE_VICTIM: M_ART32_ABUSE,
}
M_NAME_SYMBOLS = QT_TRANSLATE_NOOP("Validation", "A name has only letters (any script), spaces and the middle dot ·; remove \"{char}\".")  # noqa: E501
M_POSTCODE = QT_TRANSLATE_NOOP("Validation", "A postcode has 6 digits.")
# what a station's new version may not hold (typed_text.py); records made before are not held to it
M_CONTROL_CHARACTER = QT_TRANSLATE_NOOP(
    "Validation",
    "The text holds an invisible control character ({char}, character {position}), as text copied from Word or a "
    "web page may; it cannot be shown or printed. Delete it, or type that part again.")
M_DIRECTION_CHARACTER = QT_TRANSLATE_NOOP(
    "Validation",
    "The text holds an invisible character that turns the direction of writing ({char}, character {position}): "
    "it shows in another order than it is kept, and search would not find it. Delete it, or type that part again.")
M_ONE_LINE = QT_TRANSLATE_NOOP(
    "Validation", "This field takes one line; the text breaks the line after character {after}. Join the lines.")
