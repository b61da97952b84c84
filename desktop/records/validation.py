"""Normalising and checking person, consultation and application records.

One entry point for the form, the store, the CLI and the county server:
`normalize()` turns form input into the stored shape (it lives in normalize.py
and is exported here too), `validate()` lists what a clerk must fix, each issue
tied to the field whose widget shows it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field as dc_field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Callable

from . import eligibility as el
from .fields import FIELDS, Field, Kind, field_map
from .casework_rules import check_rules as check_casework_rules
from .i18n import QT_TRANSLATE_NOOP
from .idcard import InvalidResidentId, ResidentId, parse_resident_id
from .normalize import normalize
from .phone import InvalidPhone, normalize_phone
from .reference import ReferenceData, default_reference

RECORD_TYPES: tuple[str, ...] = tuple(FIELDS)

CLOCK_SKEW = timedelta(minutes=10)  # station laptops' clocks drift; don't block a record for it
MAX_CONSULTATION_MINUTES = 600
RULES_VERSION = el.RULES_VERSION  # what Store.save stamps on each version (`rules_version`)
URGENT_DAYS = 7  # Art. 44: a limitation period or deadline ending in under 7 days

# Past events: a value after "now" is a typo or a wrong laptop clock.
PAST_FIELDS = frozenset({"birth_date", "occurred_at", "received_at"})
DEFENCE_ROLES = frozenset({"suspect", "defendant"})


@dataclass(frozen=True)
class Issue:
    field: str  # a field name from fields.py
    message: str  # English source text marked with QT_TRANSLATE_NOOP("Validation", ...)
    params: dict[str, str] = dc_field(default_factory=dict)

    def text(self) -> str:
        """The English text; the UI translates `message` first, then formats it the same way."""
        return self.message.format(**self.params)

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


# --------------------------------------------------------------------------- checking

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?")  # seconds optional


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _as_date(value: Any) -> date | None:
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, str) and _DATETIME_RE.fullmatch(value):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Checker:
    """Collects issues for one record; one issue per field and message."""

    def __init__(self, record_type: str, data: dict, reference: ReferenceData, now: datetime):
        self.record_type = record_type
        self.fields = field_map(record_type)
        self.data = data
        self.reference = reference
        self.now = now
        self.issues: list[Issue] = []

    def get(self, name: str) -> Any:
        return self.data.get(name)

    def code(self, name: str) -> str | None:
        """A choice code for the rules; a non-text value is already reported by the field check."""
        value = self.data.get(name)
        return value if isinstance(value, str) else None

    def has(self, name: str) -> bool:
        return not _empty(self.data.get(name))

    def add(self, name: str, message: str, **params: Any) -> None:
        issue = Issue(name, message, {k: str(v) for k, v in params.items()})
        if issue not in self.issues:
            self.issues.append(issue)

    def require(self, name: str, message: str = M_REQUIRED) -> None:
        # One complaint per empty field: a second "please fill in" adds nothing.
        if not self.has(name) and all(issue.field != name for issue in self.issues):
            self.add(name, message)

    def sorted_issues(self) -> list[Issue]:
        if not self.issues:
            return []
        order = {name: i for i, name in enumerate(self.fields)}
        return sorted(self.issues, key=lambda issue: order.get(issue.field, len(order)))


def _check_field(c: _Checker, f: Field, check: Callable[[_Checker, Field, Any], None]) -> None:
    value = c.data.get(f.name)
    if _empty(value):
        if f.required:
            c.add(f.name, M_REQUIRED)
        return
    if isinstance(value, str) and len(value) > f.max_length:
        c.add(f.name, M_TOO_LONG, max=f.max_length, length=len(value))
    check(c, f, value)


NAME_FIELDS = frozenset({"name", "legal_rep_name", "agent_name"})
M_NAME_SYMBOLS = QT_TRANSLATE_NOOP("Validation", "A name has only letters (any script), spaces and the middle dot ·; remove \"{char}\".")  # noqa: E501
M_POSTCODE = QT_TRANSLATE_NOOP("Validation", "A postcode has 6 digits.")


def _check_text(c: _Checker, f: Field, value: Any) -> None:
    if not isinstance(value, str):
        c.add(f.name, M_INVALID)
        return
    if f.name in NAME_FIELDS:
        for ch in value:
            # letters, marks and digits of any script, spaces, and the dots and dashes names use;
            # no symbols (emoji), brackets or other punctuation
            if not (unicodedata.category(ch)[0] in "LMN" or ch in " ·・•.-'\u0f0b"):  # U+0F0B Tibetan tsheg
                c.add(f.name, M_NAME_SYMBOLS, char=ch)
                return
    if f.name == "postcode" and not re.fullmatch(r"\d{6}", value):
        c.add(f.name, M_POSTCODE)


def _check_date(c: _Checker, f: Field, value: Any) -> None:
    if not (isinstance(value, str) and _DATE_RE.fullmatch(value)):
        c.add(f.name, M_DATE_FORMAT)
    elif _as_date(value) is None:
        c.add(f.name, M_NO_SUCH_DATE, value=value)
    elif f.name in PAST_FIELDS and _as_date(value) > (c.now + CLOCK_SKEW).date():
        c.add(f.name, M_FUTURE)


def _check_datetime(c: _Checker, f: Field, value: Any) -> None:
    if not (isinstance(value, str) and _DATETIME_RE.fullmatch(value)):
        c.add(f.name, M_DATETIME_FORMAT)
    elif _as_datetime(value) is None:
        c.add(f.name, M_NO_SUCH_DATE, value=value.replace("T", " "))
    elif f.name in PAST_FIELDS and _as_datetime(value) > c.now + CLOCK_SKEW:
        c.add(f.name, M_FUTURE)


def _check_int(c: _Checker, f: Field, value: Any) -> None:
    if not _is_int(value) or value < 0:
        c.add(f.name, M_INT)


def _check_money(c: _Checker, f: Field, value: Any) -> None:
    if not (isinstance(value, str) and re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", value)):
        c.add(f.name, M_MONEY)


def _check_bool(c: _Checker, f: Field, value: Any) -> None:
    if not isinstance(value, bool):
        c.add(f.name, M_BOOL)


def _known(c: _Checker, f: Field, code: Any) -> bool:
    # A list missing from the reference folder cannot be checked; the county's
    # data is then broken, which is not the clerk's to fix at the desk.
    if not f.choices or not c.reference.knows(f.choices):
        return True
    return isinstance(code, str) and c.reference.has(f.choices, code)


def _check_choice(c: _Checker, f: Field, value: Any) -> None:
    if not _known(c, f, value):
        c.add(f.name, M_CHOICE, code=value)


def _check_multi(c: _Checker, f: Field, value: Any) -> None:
    if not isinstance(value, (list, tuple)):
        c.add(f.name, M_INVALID)
        return
    for code in value:
        if not _known(c, f, code):
            c.add(f.name, M_CHOICE, code=code)


def _check_phone(c: _Checker, f: Field, value: Any) -> None:
    try:
        normalize_phone(value if isinstance(value, str) else "")
    except InvalidPhone as e:
        c.add(f.name, e.message, **e.params)


_KIND_CHECKS: dict[Kind, Callable[[_Checker, Field, Any], None]] = {
    Kind.DATE: _check_date,
    Kind.DATETIME: _check_datetime,
    Kind.INT: _check_int,
    Kind.MONEY: _check_money,
    Kind.BOOL: _check_bool,
    Kind.CHOICE: _check_choice,
    Kind.MULTI: _check_multi,
    Kind.PHONE: _check_phone,
    # ID numbers depend on the ID type: checked in _check_identity
    Kind.ID_NUMBER: _check_text,
}


@lru_cache(maxsize=None)
def _field_checks(record_type: str) -> tuple[tuple[Field, Callable[[_Checker, Field, Any], None]], ...]:
    """Each field of a record type with the check of its kind, looked up once (validate runs for every change)."""
    return tuple((f, _KIND_CHECKS.get(f.kind, _check_text)) for f in FIELDS[record_type])


def _other_id_ok(number: str) -> bool:
    # Military ID numbers carry Chinese characters (e.g. 南字第0012345号), so allow them there.
    return re.fullmatch(r"[0-9A-Z\u4e00-\u9fff]{4,30}", number) is not None


def _check_identity(c: _Checker) -> ResidentId | None:
    """Checks the ID number against its type; the parsed resident ID when there is a valid one."""
    number, id_type = c.get("id_number"), c.code("id_type")
    if _empty(number) or not isinstance(number, str):
        return None
    if _empty(id_type):
        c.add("id_type", M_ID_TYPE_MISSING)
        return None
    if id_type != "resident_id":
        if not _other_id_ok(number):
            c.add("id_number", M_ID_OTHER)
        return None
    try:
        rid = parse_resident_id(number, today=c.now.date())
    except InvalidResidentId as e:
        c.add("id_number", e.message, **e.params)
        return None
    if c.code("gender") in ("male", "female") and c.code("gender") != rid.gender:
        c.add("gender", M_GENDER_MISMATCH)
    typed_birth = _as_date(c.get("birth_date"))
    if typed_birth and typed_birth != rid.birth_date:
        c.add("birth_date", M_BIRTH_MISMATCH, id_birth_date=rid.birth_date.isoformat())
    return rid


def _check_agent_id(c: _Checker) -> None:
    # The agent has no ID-type field: a number shaped like a resident ID is checked as one.
    number = c.get("agent_id_number")
    if _empty(number) or not isinstance(number, str):
        return
    if re.fullmatch(r"[0-9]{15}|[0-9]{17}[0-9X]", number):
        try:
            parse_resident_id(number, today=c.now.date())
        except InvalidResidentId as e:
            c.add("agent_id_number", e.message, **e.params)
    elif not _other_id_ok(number):
        c.add("agent_id_number", M_ID_OTHER)


def _consultation_rules(c: _Checker) -> None:
    if c.get("anonymous") is not True:
        c.require("name", M_NAME_OR_ANONYMOUS)
    if c.code("outcome") == "referred":
        c.require("referred_to", M_REFERRED_TO)
    minutes = c.get("minutes")
    if _is_int(minutes) and minutes > MAX_CONSULTATION_MINUTES:
        c.add("minutes", M_MINUTES, max=MAX_CONSULTATION_MINUTES)
    if c.code("channel") == "outreach":
        c.require("outreach_event", M_OUTREACH_EVENT)


def _application_rules(c: _Checker) -> None:
    case_type, ground = c.code("case_type"), c.code("eligibility_ground")
    criminal = case_type == "criminal"

    # The form marks the same fields required: eligibility.required_fields is shared.
    for name in el.required_fields(case_type, ground):
        c.require(name, _REQUIRED_MESSAGES.get(name, M_REQUIRED))

    if c.get("life_or_death") is True and not criminal:
        c.add("life_or_death", M_LIFE_OR_DEATH)
    aid_kind = c.code("aid_kind")
    if case_type and aid_kind and not el.aid_kind_fits(case_type, aid_kind):
        c.add("aid_kind", M_AID_KIND_CRIMINAL if criminal else M_AID_KIND_NOT_CRIMINAL)
    elif criminal and c.has("criminal_role"):
        defence_role = c.code("criminal_role") in DEFENCE_ROLES
        if aid_kind == "criminal_representation" and defence_role:
            c.add("aid_kind", M_AID_KIND_DEFENCE)
        elif aid_kind == "criminal_defence" and not defence_role:
            c.add("aid_kind", M_AID_KIND_REPRESENTATION)

    # eligibility ground and its detail fields
    if ground and case_type and ground not in el.applicable_grounds(case_type):
        c.add("eligibility_ground",
              M_NOTIFICATION_NOT_CRIMINAL if ground == el.CRIMINAL_NOTIFICATION else M_GROUND_NOT_FOR_CASE)
    rules = c.get("rules_version") if _is_int(c.get("rules_version")) else 1  # absent: made before versions
    for name, reason in el.ground_disagreements(c.data, c.now.date(), rules):
        if reason == el.NOT_IN_GROUP:
            age = el.applicant_age(c.data, c.now.date())
            if age is None:
                c.add(name, M_ART42_GROUP_NO_AGE)
            else:
                c.add(name, M_ART42_GROUP, age=age)
        else:
            c.add(name, _DISAGREEMENT_MESSAGES[reason])
    if _is_int(c.get("household_size")) and c.get("household_size") == 0:
        c.add("household_size", M_HOUSEHOLD_ZERO)
    # a minor's legal representative; over the hardship standard, the reason (the form marks the same)
    for name in el.conditionally_required(c.data, c.now.date()):
        if name == "over_standard_reason" and not c.has(name):
            measure = el.hardship_measure(c.data)
            c.add(name, M_OVER_STANDARD, per_capita=measure.per_capita, standard=measure.standard)
        else:
            c.require(name, _REQUIRED_MESSAGES.get(name, M_REQUIRED))

    if c.get("applied_before") is True:
        c.require("applied_before_detail", M_APPLIED_BEFORE)
    _urgency_rules(c)


def _urgency_rules(c: _Checker) -> None:
    if c.get("urgent") is not True:
        return
    c.require("urgency_reason", M_URGENCY_REASON)
    if c.code("urgency_reason") != "deadline":
        return
    c.require("urgent_deadline", M_URGENT_DEADLINE)
    deadline, received = _as_date(c.get("urgent_deadline")), _as_datetime(c.get("received_at"))
    if deadline and received:
        if deadline < received.date():
            c.add("urgent_deadline", M_DEADLINE_PASSED, deadline=deadline.isoformat())
        elif (deadline - received.date()).days > URGENT_DAYS:
            # lenient by one day: "under 7 days" is counted differently by different clerks
            c.add("urgent_deadline", M_DEADLINE_FAR, days=URGENT_DAYS, deadline=deadline.isoformat())


def validate(record_type: str, data: dict, *, reference: ReferenceData | None = None,
             now: datetime | None = None) -> list[Issue]:
    """Everything a clerk must fix before the record can be saved, in form order; [] when it is fine.

    `data` may be raw form input: it is normalised first (normalize() is idempotent).
    `now` is the station's local time (naive); an aware time is converted to local time.
    """
    if record_type not in FIELDS:
        raise ValueError(f"unknown record type {record_type!r}")
    now = now or datetime.now()
    if now.tzinfo is not None:
        now = now.astimezone().replace(tzinfo=None)
    c = _Checker(record_type, normalize(record_type, data), reference or default_reference(), now)
    data = c.data
    for f, check in _field_checks(record_type):
        # many of a record's fields are empty: nothing to check unless required (the county checks every change)
        if f.required or data.get(f.name) is not None:
            _check_field(c, f, check)
    _check_identity(c)
    if record_type == "consultation":
        _consultation_rules(c)
    elif record_type == "application":
        _check_agent_id(c)
        _application_rules(c)
    else:
        check_casework_rules(record_type, c.data, c.now + CLOCK_SKEW, M_FUTURE, c.add)
    return c.sorted_issues()
