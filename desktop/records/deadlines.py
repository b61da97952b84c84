"""Deadlines, derived from what happened and never typed (Qt-free; the station's lists and the county alike).

Legal Aid Law Art. 43: the center decides within 7 days of receiving an application and assigns within
3 days of a grant; missing materials are asked for once, and the time the applicant takes to supply them
does not count (an application whose materials are not supplied by the notice's date counts as withdrawn).
Art. 44: an urgent case (a limitation period or deadline ending in under 7 days) gets aid before review,
before that date. The county's work plan adds its own: a follow-up visit after a case is closed, a
consultation flagged 需要回访 followed up, a complaint answered. The periods are data
(resources/plan/deadlines.json); the dates come from the application, the county's decisions (county
events, dated on the county's clock in China) and the station's closure reports and follow-ups.

`case_deadlines` is the rule on one case's facts (pure, used by the county over all stations too);
`open_deadlines` and `countdowns` read a station's database. The clock is the caller's `today`: the
station's own, which the window warns about when the sync measured it wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Iterable, Sequence

from desktop.paths import resource_path

from .i18n import QT_TRANSLATE_NOOP

CHINA = timezone(timedelta(hours=8))  # the county's documents are dated in China

DECIDE, SUPPLEMENT, ASSIGN, URGENT = "decide", "supplement", "assign", "urgent"
FOLLOW_UP, CONSULTATION_FOLLOW_UP, COMPLAINT_ANSWER = "follow_up", "consultation_follow_up", "complaint_answer"
KIND_TEXT = {
    DECIDE: QT_TRANSLATE_NOOP("Deadline", "Decide on the application (Art. 43: within 7 days)"),
    SUPPLEMENT: QT_TRANSLATE_NOOP("Deadline", "Supplementary materials due (not supplied: counts as withdrawn)"),
    ASSIGN: QT_TRANSLATE_NOOP("Deadline", "Assign after the grant (Art. 43: within 3 days)"),
    URGENT: QT_TRANSLATE_NOOP("Deadline", "Urgent: aid before the deadline runs out (Art. 44)"),
    FOLLOW_UP: QT_TRANSLATE_NOOP("Deadline", "Follow-up visit after closing"),
    CONSULTATION_FOLLOW_UP: QT_TRANSLATE_NOOP("Deadline", "Follow up the consultation"),
    COMPLAINT_ANSWER: QT_TRANSLATE_NOOP("Deadline", "Answer the complaint"),
}
OVERDUE, TODAY, SOON, LATER = "overdue", "today", "soon", "later"
DECIDED = ("grant", "refuse")
RESUMED = ("accept", "grant", "refuse")  # the county went on after asking for materials
AID_GIVEN = ("assign", "advance")
CLOSED = ("close", "terminate")
EVENT_KINDS_READ = ("accept", "supplement", "grant", "refuse", "assign", "advance", "close", "terminate")
MANY = 2000  # cases from which one pass over all the county's decisions beats looking them up by id


@dataclass(frozen=True)
class Periods:
    decide_days: int = 7
    assign_days: int = 3
    supplement_days: int = 15
    follow_up_after_closing_days: int = 30
    consultation_follow_up_days: int = 7
    complaint_answer_days: int = 45
    soon_days: int = 3


@lru_cache(maxsize=1)
def plan_periods() -> Periods:
    """The periods the county set (resources/plan/deadlines.json)."""
    content = json.loads(resource_path("plan", "deadlines.json").read_text(encoding="utf-8"))
    return Periods(**{k: int(v) for k, v in content.items() if k in Periods.__dataclass_fields__})


def county_day(at: str | None) -> date | None:
    """The day in China of a county time stamp ('2026-03-05T17:30:00+00:00' -> 2026-03-06); a value without a
    zone is taken as written."""
    if not isinstance(at, str) or len(at) < 10:
        return None
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        try:
            return date.fromisoformat(at[:10])
        except ValueError:
            return None
    return moment.astimezone(CHINA).date() if moment.tzinfo else moment.date()


def day_of(value: Any) -> date | None:
    """A record's date or date-time field as a day."""
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class Decision:
    """One county decision as the deadlines see it."""

    kind: str
    day: date
    due: date | None = None  # a supplement notice's own date for the materials


@dataclass
class CaseFacts:
    """What the deadlines (and indicators) need of one application."""

    id: str
    number: str
    name: str
    received: date
    urgent_until: date | None = None
    decisions: list[Decision] = field(default_factory=list)  # the county's, in its order
    closed_on: date | None = None  # the station's closure report (else the county's close)
    followed_up: bool = False


@dataclass(frozen=True)
class Deadline:
    kind: str
    record_type: str  # the record to open: application, consultation, complaint
    record_id: str
    subject: str  # number and name, as the lists show them
    due: date
    since: date  # what the period runs from

    @property
    def text(self) -> str:
        """What is due, as an English source (context "Deadline"), translated by the caller."""
        return KIND_TEXT[self.kind]

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def state(self, today: date, soon_days: int) -> str:
        left = self.days_left(today)
        return OVERDUE if left < 0 else TODAY if left == 0 else SOON if left <= soon_days else LATER


def case_deadlines(case: CaseFacts, periods: Periods) -> list[Deadline]:
    """The open deadlines of one application, earliest first (none for a refused case)."""
    subject = " ".join(p for p in (case.number, case.name) if p)

    def deadline(kind: str, due: date, since: date) -> Deadline:
        return Deadline(kind, "application", case.id, subject, due, since)

    kinds = [d.kind for d in case.decisions]
    if "refuse" in kinds:
        return []
    closed = case.closed_on or next((d.day for d in case.decisions if d.kind in CLOSED), None)
    if closed is not None:
        if case.followed_up:
            return []
        return [deadline(FOLLOW_UP, closed + timedelta(days=periods.follow_up_after_closing_days), closed)]
    found: list[Deadline] = []
    paused, waiting = 0, None  # days spent waiting for materials; the open request for them
    for d in case.decisions:
        if d.kind == SUPPLEMENT:
            waiting = d
        elif d.kind in RESUMED and waiting is not None:
            paused += max(0, (d.day - waiting.day).days)
            waiting = None
    granted = next((d.day for d in case.decisions if d.kind == "grant"), None)
    if granted is None:
        if waiting is not None:
            found.append(deadline(SUPPLEMENT, waiting.due or waiting.day + timedelta(days=periods.supplement_days),
                                  waiting.day))
        else:
            found.append(deadline(DECIDE, case.received + timedelta(days=periods.decide_days + paused), case.received))
    aided = any(k in AID_GIVEN for k in kinds)
    if granted is not None and not aided:
        found.append(deadline(ASSIGN, granted + timedelta(days=periods.assign_days), granted))
    if case.urgent_until is not None and not aided:
        found.append(deadline(URGENT, case.urgent_until, case.received))
    return sorted(found, key=lambda d: d.due)


# -- reading a station's database ----------------------------------------------------------------------------

def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def supplement_due(event_json: str, day: date) -> date | None:
    """The date a supplement notice gives for the materials: its `deadline`, or `days` after it."""
    try:
        data = json.loads(event_json).get("data") or {}
    except (ValueError, AttributeError):
        return None
    if not isinstance(data, dict):
        return None
    found = day_of(data.get("deadline"))
    if found is None and isinstance(data.get("days"), int) and not isinstance(data.get("days"), bool):
        found = day + timedelta(days=data["days"])
    return found


def load_decisions(db, cases: dict[str, CaseFacts]) -> None:
    """Fill each case's county decisions (by the application's id), in the county's order."""
    ids = list(cases)
    marks = ", ".join("?" * len(EVENT_KINDS_READ))
    select = ("SELECT application_id, kind, decided_at, CASE WHEN kind = 'supplement' THEN data END FROM county_events "
              f"WHERE kind IN ({marks})")
    # a page's cases by their ids; many (every open case of a large station) in one pass over the decisions
    batches = [db.execute(f"{select} ORDER BY seq", EVENT_KINDS_READ)] if len(ids) > MANY else (
        db.execute(f"{select} AND application_id IN ({', '.join('?' * len(chunk))}) ORDER BY seq",
                   (*EVENT_KINDS_READ, *chunk)) for chunk in _chunks(ids))
    for rows in batches:
        for application_id, kind, decided_at, data in rows:
            if application_id not in cases:
                continue
            day = county_day(decided_at)
            if day is not None:
                due = supplement_due(data, day) if data else None
                cases[application_id].decisions.append(Decision(kind, day, due))


def load_case_facts(db, where: str = "", params: Sequence[Any] = ()) -> dict[str, CaseFacts]:
    """The facts of the station's non-voided applications (narrowed by `where` on table `a`), by id.

    The `+voided` terms keep SQLite from choosing a list's (voided, ...) index over the record's id or its
    case: with it, a page's 200 countdowns took a second and every deadline of 20,000 records 13 seconds."""
    rows = db.execute(
        "SELECT a.id, a.number, a.person_name, a.received_at, "
        "CASE WHEN a.urgent = 1 THEN json_extract(a.data, '$.urgent_deadline') END, "
        "(SELECT max(c.closed_on) FROM closures c WHERE c.application_id = a.id AND +c.voided = 0), "
        "EXISTS (SELECT 1 FROM follow_ups f WHERE f.application_id = a.id AND +f.voided = 0) "
        f"FROM applications a WHERE +a.voided = 0{' AND ' + where if where else ''}", tuple(params)).fetchall()
    cases = {}
    for app_id, number, name, received, urgent_until, closed_on, followed in rows:
        received_day = day_of(received)
        if received_day is None:
            continue
        cases[app_id] = CaseFacts(app_id, number or "", name or "", received_day, day_of(urgent_until), [],
                                  day_of(closed_on), bool(followed))
    load_decisions(db, cases)
    return cases


def countdowns(db, application_ids: Sequence[str], periods: Periods | None = None) -> dict[str, Deadline]:
    """The nearest open deadline of each of these applications (a list page's), by id."""
    periods = periods or plan_periods()
    found: dict[str, Deadline] = {}
    for chunk in _chunks(list(application_ids)):
        cases = load_case_facts(db, f"a.id IN ({', '.join('?' * len(chunk))})", chunk)
        for case in cases.values():
            open_ = case_deadlines(case, periods)
            if open_:
                found[case.id] = open_[0]
    return found


def open_deadlines(db, periods: Periods | None = None) -> list[Deadline]:
    """Every open deadline of the station, earliest first: its applications still running or waiting for a
    follow-up visit, the consultations flagged 需要回访 not followed up, the complaints not answered."""
    periods = periods or plan_periods()
    cases = load_case_facts(db, "a.status NOT IN ('refused', 'voided') AND NOT EXISTS (SELECT 1 FROM follow_ups f "
                                "WHERE f.application_id = a.id AND +f.voided = 0)")
    found = [d for case in cases.values() for d in case_deadlines(case, periods)]
    for consultation_id, name, occurred, _note in awaiting_follow_up(db):
        day = day_of(occurred)
        if day is not None:
            found.append(Deadline(CONSULTATION_FOLLOW_UP, "consultation", consultation_id, name or "",
                                  day + timedelta(days=periods.consultation_follow_up_days), day))
    for complaint_id, number, complainant, received in db.execute(
            "SELECT id, number, complainant, complained_at FROM complaints WHERE voided = 0 AND reply_date IS NULL"):
        day = day_of(received)
        if day is not None:
            found.append(Deadline(COMPLAINT_ANSWER, "complaint", complaint_id,
                                  " ".join(p for p in (number, complainant) if p),
                                  day + timedelta(days=periods.complaint_answer_days), day))
    return sorted(found, key=lambda d: (d.due, d.subject))


def awaiting_follow_up(db) -> list[tuple[str, str, str, str | None]]:
    """(id, name, time, follow-up note) of the consultations flagged 需要回访 that no follow-up visit answers yet,
    oldest first: the follow-up list shows them, the deadlines count from them."""
    return [tuple(row) for row in db.execute(
        "SELECT c.id, c.person_name, c.occurred_at, json_extract(c.data, '$.follow_up_note') FROM consultations c "
        "WHERE c.follow_up_needed = 1 AND c.voided = 0 AND NOT EXISTS (SELECT 1 FROM follow_ups f "
        "WHERE f.consultation_id = c.id AND +f.voided = 0) ORDER BY c.occurred_at")]


def by_state(deadlines: Iterable[Deadline], today: date, periods: Periods | None = None) -> dict[str, list[Deadline]]:
    """今日待办 / 即将到期 / 已逾期 (and the rest): the deadlines grouped by how close they are."""
    periods = periods or plan_periods()
    groups: dict[str, list[Deadline]] = {OVERDUE: [], TODAY: [], SOON: [], LATER: []}
    for d in deadlines:
        groups[d.state(today, periods.soon_days)].append(d)
    return groups
