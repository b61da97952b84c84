"""Normalising and checking person, consultation and application records.

One entry point for the form, the store, the CLI and the county server:
`normalize()` turns form input into the stored shape (it lives in normalize.py
and is exported here too), `validate()` lists what a clerk must fix, each issue
tied to the field whose widget shows it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Callable

from . import eligibility as el
from .fields import FIELDS, Field, Kind, field_map
from .casework_rules import check_rules as check_casework_rules
from .idcard import InvalidResidentId, ResidentId, parse_resident_id
from .normalize import normalize
from .phone import InvalidPhone, normalize_phone
from .reference import ReferenceData, default_reference
from .typed_text import code_point, first_control, first_direction_mark
from .validation_messages import (M_NAME_SYMBOLS, M_POSTCODE, Issue, M_AID_KIND_CRIMINAL, M_AID_KIND_DEFENCE, M_AID_KIND_NOT_CRIMINAL,
    M_CONTROL_CHARACTER, M_DIRECTION_CHARACTER, M_ONE_LINE,
    M_AID_KIND_REPRESENTATION, M_APPLIED_BEFORE, M_ART42_GROUP, M_ART42_GROUP_NO_AGE, M_BIRTH_MISMATCH, M_BOOL,
    M_CHOICE, M_DATETIME_FORMAT, M_DATE_FORMAT, M_DEADLINE_FAR, M_DEADLINE_PASSED, M_FUTURE, M_GENDER_MISMATCH,
    M_GROUND_NOT_FOR_CASE, M_HOUSEHOLD_ZERO, M_ID_OTHER, M_ID_TYPE_MISSING, M_INT, M_INVALID, M_LIFE_OR_DEATH,
    M_MINUTES, M_MONEY, M_NAME_OR_ANONYMOUS, M_NOTIFICATION_NOT_CRIMINAL, M_NO_SUCH_DATE, M_OUTREACH_EVENT,
    M_OVER_STANDARD, M_REFERRED_TO, M_REQUIRED, M_TOO_LONG, M_URGENCY_REASON, M_URGENT_DEADLINE,
    _DISAGREEMENT_MESSAGES, _REQUIRED_MESSAGES)

RECORD_TYPES: tuple[str, ...] = tuple(FIELDS)

CLOCK_SKEW = timedelta(minutes=10)  # station laptops' clocks drift; don't block a record for it
MAX_CONSULTATION_MINUTES = 600
RULES_VERSION = el.RULES_VERSION  # what Store.save stamps on each version (`rules_version`)
URGENT_DAYS = 7  # Art. 44: a limitation period or deadline ending in under 7 days

# Past events: a value after "now" is a typo or a wrong laptop clock.
PAST_FIELDS = frozenset({"birth_date", "occurred_at", "received_at"})
DEFENCE_ROLES = frozenset({"suspect", "defendant"})


# --------------------------------------------------------------------------- checking

_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?")  # seconds optional
_POSTCODE = re.compile(r"\d{6}")
# Military ID numbers carry Chinese characters (e.g. 南字第0012345号), so allow them there.
_OTHER_ID = re.compile(r"[0-9A-Z\u4e00-\u9fff]{4,30}")
_RESIDENT_ID_SHAPE = re.compile(r"[0-9]{15}|[0-9]{17}[0-9X]")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _as_date(value: Any) -> date | None:
    if isinstance(value, str) and el.DATE_SHAPE.fullmatch(value):
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


NAME_FIELDS = frozenset({"name", "legal_rep_name", "agent_name"})


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
    if f.name == "postcode" and not _POSTCODE.fullmatch(value):
        c.add(f.name, M_POSTCODE)


def _hidden_characters(c: _Checker, f: Field, value: str) -> bool:
    """Whether text holds what no one can see (told at the field): a line break in a one-line field, a control
    character, a direction override. Line breaks of every kind are "\n" here (normalize)."""
    multiline = f.kind is Kind.MULTILINE
    at = None if multiline else value.find("\n")
    if at is not None and at >= 0:
        c.add(f.name, M_ONE_LINE, after=at)
        return True
    for message, at in ((M_CONTROL_CHARACTER, first_control(value, "\t\n" if multiline else "\t")),
                        (M_DIRECTION_CHARACTER, first_direction_mark(value))):
        if at is not None:
            c.add(f.name, message, char=code_point(value[at]), position=at + 1)
            return True
    return False


def _check_date(c: _Checker, f: Field, value: Any) -> None:
    if not (isinstance(value, str) and el.DATE_SHAPE.fullmatch(value)):
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
    if not (isinstance(value, str) and el.MONEY_SHAPE.fullmatch(value)):
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
    return _OTHER_ID.fullmatch(number) is not None


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
    if _RESIDENT_ID_SHAPE.fullmatch(number):
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
             now: datetime | None = None, new_version: bool = False) -> list[Issue]:
    """Everything a clerk must fix before the record can be saved, in form order; [] when it is fine.

    `data` may be raw form input: it is normalised first (normalize() is idempotent).
    `now` is the station's local time (naive); an aware time is converted to local time.
    `new_version`: the station is making a version now (Store.save), so its text may not hold what no one can see
    (control and direction characters, a line break in a one-line field); the county re-checks versions made
    before that rule (new_version=False), and they still sync.
    """
    if record_type not in FIELDS:
        raise ValueError(f"unknown record type {record_type!r}")
    now = now or datetime.now()
    if now.tzinfo is not None:
        now = now.astimezone().replace(tzinfo=None)
    c = _Checker(record_type, normalize(record_type, data), reference or default_reference(), now)
    data = c.data
    for f, check in _field_checks(record_type):
        value = data.get(f.name)
        if value is None or not value and _empty(value):  # (0 and False are values)
            if f.required:
                c.add(f.name, M_REQUIRED)
            continue
        if isinstance(value, str):
            if len(value) > f.max_length:  # in characters: a rare character beyond U+FFFF is one
                c.add(f.name, M_TOO_LONG, max=f.max_length, length=len(value))
            if new_version and _hidden_characters(c, f, value):
                continue  # one clear problem: what the kind's check would say of it adds nothing
        check(c, f, value)
    _check_identity(c)
    if record_type == "consultation":
        _consultation_rules(c)
    elif record_type == "application":
        _check_agent_id(c)
        _application_rules(c)
    else:
        check_casework_rules(record_type, c.data, c.now + CLOCK_SKEW, M_FUTURE, c.add)
    return c.sorted_issues()
