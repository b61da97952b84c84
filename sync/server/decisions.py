"""The county's decisions on applications: its rules (Legal Aid Law; the county's work plan), recording
a decision as an event, and the events each station pulls.

Supplementary materials are asked for all at once; a refusal gives its reasons; an assignment comes
after the grant, names the assignee with their years of practice, and follows Art. 26 (a possible
life or death sentence: a lawyer with at least 3 years' practice) and the minors' rule (a lawyer
familiar with minors' cases). A decision is an event (table events), numbered by the county: its
seq is the stations' pull cursor, and the latest status-setting event is the application's status.

A decision belongs to the application's id, not its number: a number names the live application
that carries it, and its status comes from the events of that id only (a new application that
reuses a voided one's number starts at "received"). What a decision carries is checked strictly
(`check_decision_input`: exact types, no unknown fields); an assignment names a roster member and
takes every fact the rules need from the roster (sync/server/county.py resolves it).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from typing import Any, Callable

from desktop.records import audit
from desktop.records.canonical import canonical_json
from desktop.records.deadlines import CHINA, today_in_china
from desktop.records.ids import new_id
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese
from sync.county_rules import DECISION_FIELDS, FOLLOWS
from sync.limits import MAX_ANSWER_DAYS_BACK, MAX_DECISION_TEXT_CHARS, MAX_SUPPLEMENT_DAYS_AHEAD
from sync.protocol import CORRECTED, EVENT_KINDS, OBJECTION_OUTCOMES, UPHELD, status_after
from sync.server.errors import CountyError, check_printable, zh
from sync.server.storage import CountyDatabase, utc_now

ADULT_AGE = 18
LIFE_OR_DEATH_MIN_YEARS = 3

# an application's status and a decision in the words of the county's refusals ("the status is ..., so it cannot ...")
STATUS_WORDS = {None: QT_TRANSLATE_NOOP("County", "received"), "accepted": QT_TRANSLATE_NOOP("County", "accepted"),
                "supplement": QT_TRANSLATE_NOOP("County", "waiting for supplementary materials"),
                "granted": QT_TRANSLATE_NOOP("County", "legal aid granted"),
                "refused": QT_TRANSLATE_NOOP("County", "legal aid refused"),
                "assigned": QT_TRANSLATE_NOOP("County", "assigned"), "closed": QT_TRANSLATE_NOOP("County", "closed"),
                "terminated": QT_TRANSLATE_NOOP("County", "legal aid terminated")}
DECISION_WORDS = {"accept": QT_TRANSLATE_NOOP("County", "accept it"),
                  "supplement": QT_TRANSLATE_NOOP("County", "ask for supplementary materials"),
                  "grant": QT_TRANSLATE_NOOP("County", "grant legal aid"),
                  "refuse": QT_TRANSLATE_NOOP("County", "refuse legal aid"),
                  "assign": QT_TRANSLATE_NOOP("County", "assign it"),
                  "progress": QT_TRANSLATE_NOOP("County", "record progress"),
                  "close": QT_TRANSLATE_NOOP("County", "close it"),
                  "terminate": QT_TRANSLATE_NOOP("County", "terminate legal aid"),
                  "objection": QT_TRANSLATE_NOOP("County", "record an objection")}

ACCEPT_FIRST = QT_TRANSLATE_NOOP("County", "Accept the application before deciding to grant or refuse legal aid.")
BAD_FIELD = QT_TRANSLATE_NOOP("County", "The decision's field \"{field}\" is not valid: {problem}")
DATE_OUT_OF_RANGE = QT_TRANSLATE_NOOP("County", "The date \"{field}\" must be from {earliest} to {latest}.")
NOT_FIELDS = QT_TRANSLATE_NOOP("County", "The decision is not given as its fields, each with its name.")
UNKNOWN_FIELD = QT_TRANSLATE_NOOP("County", "The decision has a field \"{name}\" that this kind of decision does not "
                                            "take.")
# why a field is not valid (BAD_FIELD's {problem})
WANTED = {str: QT_TRANSLATE_NOOP("County", "it must be text"),
          int: QT_TRANSLATE_NOOP("County", "it must be a whole number"),
          list: QT_TRANSLATE_NOOP("County", "it must be a list")}
NOT_DAYS = QT_TRANSLATE_NOOP("County", "it must be a number of days from 0 to {most}")
NOT_TEXT = QT_TRANSLATE_NOOP("County", "it must be text, not empty, of at most {most} characters")
NOT_LIST = QT_TRANSLATE_NOOP("County", "it must list 1 to {entries} entries, each a text of at most {most} characters")
NOT_A_DAY = QT_TRANSLATE_NOOP("County", "it must be a date written as YYYY-MM-DD, e.g. 2026-03-31")
ROSTER_ONLY = QT_TRANSLATE_NOOP("County", "An assignment names a member of the county's roster (its id, e.g. L001); "
                                          "the name, years of practice and minors' experience come from the roster.")
GRANT_FIRST = QT_TRANSLATE_NOOP("County", "Decide to grant legal aid before assigning the application.")
WRONG_ORDER = QT_TRANSLATE_NOOP("County", "The application's status is \"{status}\"; you can no longer {decision}.")
NO_RESULT = QT_TRANSLATE_NOOP("County", "Closing a case needs its result.")
NO_ITEMS = QT_TRANSLATE_NOOP("County", "A request for supplementary materials lists every missing material at once "
                                       "(at least one).")
NO_REASONS = QT_TRANSLATE_NOOP("County", "A refusal of legal aid needs its reasons.")
NO_NOTE = QT_TRANSLATE_NOOP("County", "Progress needs a note.")
NO_OUTCOME = QT_TRANSLATE_NOOP("County", "The justice bureau's answer either upholds the decision or orders the center "
                                         "to correct it (Legal Aid Law Art. 49).")
NO_ASSIGNEE_KIND = QT_TRANSLATE_NOOP("County", "The assignee is a lawyer, a law firm or a legal-aid center staff "
                                               "member.")
NO_ASSIGNEE_NAME = QT_TRANSLATE_NOOP("County", "Name the lawyer, law firm or staff member assigned.")
NO_YEARS = QT_TRANSLATE_NOOP("County", "Give the years of practice (a whole number).")
ART_26 = QT_TRANSLATE_NOOP("County", "Legal Aid Law Art. 26: a case that may bring life imprisonment or the death "
                                     "penalty is assigned to a lawyer with at least {years} years of relevant practice "
                                     "as defence counsel.")
MINORS = QT_TRANSLATE_NOOP("County", "A minors' case is assigned to a lawyer familiar with minors' physical and mental "
                                     "characteristics.")
NO_TERMINATE_REASONS = QT_TRANSLATE_NOOP("County", "Terminating legal aid needs its reasons (Legal Aid Law Art. "
                                                   "48).")
NO_ANSWER = QT_TRANSLATE_NOOP("County", "An objection is recorded with the justice bureau's answer (Legal Aid Law "
                                        "Art. 49).")
STALE = QT_TRANSLATE_NOOP("County", "{who} already recorded \"{decision}\" on this application at {at}; nothing was "
                                    "changed. Look at the application again before you decide.")
UNKNOWN_DECISION = QT_TRANSLATE_NOOP("County", "Unknown kind of decision: {kind}")
NOT_HERE = QT_TRANSLATE_NOOP("County", "Application {number} has not reached the county yet.")
VOIDED = QT_TRANSLATE_NOOP("County", "Application {number} was voided by the station.")
CLOSED = QT_TRANSLATE_NOOP("County", "Application {number} is closed.")

# -- decisions --------------------------------------------------------------------------------------

ASSIGNEE_KINDS = ("lawyer", "law_firm", "center_staff")
MAX_TEXT, MAX_LIST, MAX_DAYS = MAX_DECISION_TEXT_CHARS, 50, 366
# what each kind of decision may carry as the county's staff give it: field -> (type, required). The documents'
# fields (forms/county.py: a supplement's deadline, the organ an assignment letter goes to) are optional
# everywhere they print; the documents' numbers are the county's own, given as it issues them (issued.py).
_DOCUMENT = {"note": (str, False)}
DECISION_INPUT: dict[str, dict[str, tuple[type, bool]]] = {
    "accept": {**_DOCUMENT},
    "grant": {**_DOCUMENT},
    "supplement": {**_DOCUMENT, "items": (list, True), "deadline": (str, False), "days": (int, False)},
    "refuse": {**_DOCUMENT, "reasons": (list, True)},
    "assign": {**_DOCUMENT, "lawyer": (str, True), "handling_organ": (str, False),
               "handling_organ_address": (str, False), "reason": (str, False)},
    "progress": {"note": (str, True)},
    "close": {**_DOCUMENT, "result": (str, True)},
    "terminate": {**_DOCUMENT, "reasons": (list, True), "ground": (str, False)},
    "objection": {**_DOCUMENT, "answer": (str, True), "answered_at": (str, False), "outcome": (str, False)},
}


def _bad(name: str, problem: str, **params: Any) -> dict[str, str]:
    """BAD_FIELD's values: the field by its label and the problem, in Chinese (message_zh is made of them)."""
    return {"field": chinese("County", DECISION_FIELDS[name]), "problem": chinese("County", problem).format(**params)}


def check_decision_input(kind: str, data: Any, today: date | None = None) -> dict[str, Any]:
    """A decision as staff give it (CLI or API), with exact types: CountyError on an unknown field, a wrong type
    (a "no" is not a yes/no, 5.0 is not a number of years), an empty or over-long text or list."""
    if kind not in DECISION_INPUT:
        raise CountyError(f"unknown decision {kind!r}", UNKNOWN_DECISION, {"kind": kind})
    if not isinstance(data, dict):
        raise CountyError("the decision's data is not an object", NOT_FIELDS)
    fields = DECISION_INPUT[kind]
    for name, value in data.items():
        if name not in fields:
            if kind == "assign":
                raise CountyError(f"an assignment takes its facts from the roster; {name!r} cannot be given",
                                  ROSTER_ONLY)
            raise CountyError(f"a {kind} decision has no field {name!r}", UNKNOWN_FIELD, {"name": name})
        wanted, _ = fields[name]
        if type(value) is not wanted:  # exact: bool is not int, a string is not a list
            raise CountyError(f"{name} must be a {wanted.__name__}", BAD_FIELD, _bad(name, WANTED[wanted]))
        if wanted is int:
            if not 0 <= value <= MAX_DAYS:
                raise CountyError(f"{name} must be a number of days", BAD_FIELD, _bad(name, NOT_DAYS, most=MAX_DAYS))
            continue
        items = value if isinstance(value, list) else [value]
        check_printable(*items)
        if len(items) > MAX_LIST or any(type(i) is not str or not i.strip() or len(i) > MAX_TEXT for i in items):
            raise CountyError(f"{name} must be non-empty text (at most {MAX_TEXT} characters"
                              f"{f', {MAX_LIST} entries' if isinstance(value, list) else ''})", BAD_FIELD,
                              _bad(name, NOT_LIST if isinstance(value, list) else NOT_TEXT, most=MAX_TEXT,
                                   entries=MAX_LIST))
    today = today or today_in_china()
    # dates, as the forms print them, within what the workspace's dialogs offer: a supplement due from today to a
    # year ahead (a later one would never count as withdrawn), an objection answered in the last three years
    for name, earliest, latest in (("deadline", today, today + timedelta(days=MAX_SUPPLEMENT_DAYS_AHEAD)),
                                   ("answered_at", today - timedelta(days=MAX_ANSWER_DAYS_BACK), today)):
        if name in data:
            try:
                day = date.fromisoformat(data[name])
            except ValueError:
                raise CountyError(f"{name} must be a date (YYYY-MM-DD)", BAD_FIELD, _bad(name, NOT_A_DAY)) from None
            if not earliest <= day <= latest:
                raise CountyError(f"{name} must be from {earliest} to {latest}", DATE_OUT_OF_RANGE,
                                  {"field": chinese("County", DECISION_FIELDS[name]), "earliest": earliest.isoformat(),
                                   "latest": latest.isoformat()})
    missing = [name for name, (_, required) in fields.items() if required and name not in data]
    if missing:
        if kind == "assign":
            raise CountyError("an assignment names a roster member (lawyer)", ROSTER_ONLY)
        raise CountyError(f"a {kind} decision needs {', '.join(missing)}",
                          {"supplement": NO_ITEMS, "refuse": NO_REASONS, "progress": NO_NOTE, "close": NO_RESULT,
                           "terminate": NO_TERMINATE_REASONS, "objection": NO_ANSWER}[kind])
    return dict(data)


def applicant_is_minor(app: dict[str, Any]) -> bool:
    """A minors' case: the applicant is under 18 on the day received, or is recorded in the 'minor' category."""
    if "minor" in (app.get("categories") or []):
        return True
    birth = None
    if app.get("id_type") == "resident_id" and app.get("id_number"):
        try:
            from desktop.records.idcard import parse_resident_id

            birth = parse_resident_id(app["id_number"]).birth_date
        except ValueError:
            birth = None
    if birth is None and app.get("birth_date"):
        try:
            birth = date.fromisoformat(str(app["birth_date"])[:10])
        except ValueError:
            birth = None
    if birth is None:
        return False
    try:
        day = date.fromisoformat(str(app.get("received_at", ""))[:10])
    except ValueError:
        day = date.today()
    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return age < ADULT_AGE


def check_decision(kind: str, data: dict[str, Any], app: dict[str, Any], status: str | None,
                   accepted_before: bool = True) -> None:
    """Raise CountyError (English and Chinese) when the decision breaks a rule. `data` is the decision as
    recorded (an assignment's roster facts included); `accepted_before`: the application was accepted once."""
    if kind in ("grant", "refuse") and (status is None or not accepted_before):
        raise CountyError(f"accept the application before you {kind} legal aid", ACCEPT_FIRST)
    if status not in FOLLOWS.get(kind, ()):
        if kind == "assign":
            raise CountyError("grant the application before assigning it", GRANT_FIRST)
        raise CountyError(f"cannot {kind} an application whose status is {status or 'received'}", WRONG_ORDER,
                          {"status": zh(STATUS_WORDS[status]) if status in STATUS_WORDS else status,
                           "decision": zh(DECISION_WORDS[kind]) if kind in DECISION_WORDS else kind})
    if kind == "close" and not data.get("result"):
        raise CountyError("closing needs the result", NO_RESULT)
    if kind == "supplement" and not data.get("items"):
        raise CountyError("list every missing material at once (at least one item)", NO_ITEMS)
    if kind == "refuse" and not data.get("reasons"):
        raise CountyError("a refusal needs its reasons", NO_REASONS)
    if kind == "terminate" and not data.get("reasons"):
        raise CountyError("terminating legal aid needs its reasons (Art. 48)", NO_TERMINATE_REASONS)
    if kind == "objection" and not data.get("answer"):
        raise CountyError("an objection is recorded with the justice bureau's answer (Art. 49)", NO_ANSWER)
    if kind == "objection" and data.get("outcome", UPHELD) not in OBJECTION_OUTCOMES:
        raise CountyError("the justice bureau upholds the decision or orders it corrected (Art. 49)", NO_OUTCOME)
    if kind == "progress" and not data.get("note"):
        raise CountyError("progress needs a note", NO_NOTE)
    if kind == "assign":
        if data.get("assignee_kind") not in ASSIGNEE_KINDS:
            raise CountyError(f"assignee kind must be one of {', '.join(ASSIGNEE_KINDS)}", NO_ASSIGNEE_KIND)
        if not data.get("name"):
            raise CountyError("name the lawyer, firm or staff member", NO_ASSIGNEE_NAME)
        years = data.get("years_of_practice")
        if type(years) is not int or years < 0:
            raise CountyError("give the years of practice (a whole number)", NO_YEARS)
        if app.get("life_or_death") is True and (data["assignee_kind"] != "lawyer" or years < LIFE_OR_DEATH_MIN_YEARS):
            raise CountyError("Art. 26: a case that may bring life imprisonment or the death penalty must be assigned "
                              f"to a lawyer with at least {LIFE_OR_DEATH_MIN_YEARS} years of practice", ART_26,
                              {"years": LIFE_OR_DEATH_MIN_YEARS})
        if applicant_is_minor(app) and data.get("minors_specialist") is not True:
            raise CountyError("a minors' case must be assigned to a lawyer familiar with minors' cases", MINORS)


# -- recording decisions, and the events the stations pull -----------------------------------------

def china_time(at: str) -> str:
    """A county time stamp (UTC) as staff read it: '2026-03-05T17:30:00+00:00' -> '2026-03-06 01:30'."""
    try:
        return datetime.fromisoformat(at).astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return str(at)


class StaleDecision(CountyError):
    """A decision on a view that is no longer current: `events` are what others decided since (nothing changed)."""

    def __init__(self, events: list[dict[str, Any]]):
        last = events[-1]
        super().__init__(f"the application changed since it was viewed ({len(events)} decision(s) since)", STALE,
                         {"who": last["by"], "decision": zh(DECISION_WORDS.get(last["kind"], last["kind"])),
                          "at": china_time(last["at"])})
        self.events = events


def decide(db: CountyDatabase, kind: str, number: str | None, data: dict[str, Any], by: str = "county", *,
           application_id: str | None = None, expected: int | None = None, account: str | None = None,
           issue: Callable[[sqlite3.Connection, dict[str, Any], dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Record a county decision on the live application with this number (or this id); returns the event.
    `data` is the decision as recorded (sync/server/county.py checks what staff gave and resolves an assignment
    first). `expected`: the view's version (`view_version`) the decider saw; another decision since is a
    StaleDecision and nothing changes. `issue(conn, event, application)` issues the decision's documents inside
    the same transaction (their numbers are taken only when the decision is recorded)."""
    if kind not in EVENT_KINDS:
        raise CountyError(f"unknown decision {kind!r}", UNKNOWN_DECISION, {"kind": kind})
    with db.write() as conn:
        if application_id is not None:
            row = conn.execute("SELECT station, record_id, voided, data FROM records WHERE record_type = "
                               "'application' AND record_id = ?", (application_id,)).fetchone()
            number = number or (json.loads(row[3]).get("number") if row else None) or application_id
        else:
            row = conn.execute("SELECT station, record_id, voided, data FROM records WHERE record_type = "
                               "'application' AND number = ?", (number,)).fetchone() or conn.execute(
                "SELECT station, record_id, voided, data FROM records WHERE record_type = 'application' AND "
                "voided = 1 AND json_extract(data, '$.number') = ? ORDER BY rowid DESC LIMIT 1", (number,)).fetchone()
        if row is None:
            raise CountyError(f"application {number} has not reached the county yet", NOT_HERE, {"number": number})
        station, record_id, voided, app_json = row
        if expected is not None:
            since = _events_of(conn, record_id, expected)
            if since:
                raise StaleDecision(since)
        if voided:
            raise CountyError(f"application {number} was voided by the station", VOIDED, {"number": number})
        status = _current_status(conn, record_id)
        if status == "closed":
            raise CountyError(f"application {number} is closed", CLOSED, {"number": number})
        accepted = conn.execute("SELECT 1 FROM events WHERE application_id = ? AND kind = 'accept' LIMIT 1",
                                (record_id,)).fetchone() is not None
        application = json.loads(app_json)
        check_decision(kind, data, application, status, accepted)
        sets = EVENT_KINDS[kind]
        if kind == "objection" and data.get("outcome") == CORRECTED:  # 责令改正: the center decides again
            sets = status_after([(e["kind"], e["data"]) for e in _events_of(conn, record_id, 0)] + [(kind, data)])
        event = {"event_id": new_id(), "station": station, "kind": kind, "application_number": number,
                 "application_id": record_id, "status": sets, "at": utc_now(), "by": by, "data": dict(data)}
        if issue is not None:
            issue(conn, event, application)
        cursor = conn.execute("INSERT INTO events (event_id, station, kind, application_number, application_id, "
                              "status, at, by, data, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              (event["event_id"], station, kind, number, record_id, event["status"],
                               event["at"], by, canonical_json(event["data"]), account))
        event["seq"], event["account"] = cursor.lastrowid, account
        audit.append(conn, account or by, audit.DECIDED, "application", record_id, event["at"])  # who decided, in its transaction
    return event


def view_version(db: CountyDatabase, application_id: str) -> int:
    """The version of an application's decisions a decider sees: the seq of its latest event (0: none yet)."""
    row = db.conn().execute("SELECT max(seq) FROM events WHERE application_id = ?", (application_id,)).fetchone()
    return int(row[0] or 0)


def application_events(db: CountyDatabase, application_id: str) -> list[dict[str, Any]]:
    """Every decision on one application, oldest first, with the account that recorded it."""
    return _events_of(db.conn(), application_id, 0)


def _events_of(conn: sqlite3.Connection, application_id: str, after: int) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT seq, event_id, kind, status, at, by, account, data FROM events WHERE "
                        "application_id = ? AND seq > ? ORDER BY seq", (application_id, after)).fetchall()
    return [{"seq": r[0], "event_id": r[1], "kind": r[2], "status": r[3], "at": r[4], "by": r[5], "account": r[6],
             "data": json.loads(r[7])} for r in rows]


def events_after(db: CountyDatabase, station: str, after: int,
                 limit: int = 500) -> tuple[list[dict[str, Any]], int, bool]:
    """A station's events after its cursor `after`: (events, the new cursor, whether there are more)."""
    rows = db.conn().execute("SELECT seq, event_id, kind, application_number, application_id, status, at, by, "
                             "data FROM events WHERE station = ? AND seq > ? ORDER BY seq LIMIT ?",
                             (station, after, limit + 1)).fetchall()
    more = len(rows) > limit
    events = [{"seq": r[0], "event_id": r[1], "kind": r[2], "application_number": r[3], "application_id": r[4],
               "status": r[5], "at": r[6], "by": r[7], "data": json.loads(r[8])} for r in rows[:limit]]
    return events, (events[-1]["seq"] if events else after), more


def status_of(db: CountyDatabase, number: str) -> str | None:
    """The status of the live application with this number (else the latest voided one) as the county's latest
    decision on that application set it (None: received, no decision yet)."""
    conn = db.conn()
    row = conn.execute("SELECT record_id FROM records WHERE record_type = 'application' AND number = ?",
                       (number,)).fetchone() or conn.execute(
        "SELECT record_id FROM records WHERE record_type = 'application' AND json_extract(data, '$.number') = ? "
        "ORDER BY rowid DESC LIMIT 1", (number,)).fetchone()
    return _current_status(conn, row[0]) if row else None


def status_of_application(db: CountyDatabase, application_id: str) -> str | None:
    return _current_status(db.conn(), application_id)


def _current_status(conn: sqlite3.Connection, application_id: str) -> str | None:
    row = conn.execute("SELECT status FROM events WHERE application_id = ? AND status IS NOT NULL "
                       "ORDER BY seq DESC LIMIT 1", (application_id,)).fetchone()
    return row[0] if row else None
