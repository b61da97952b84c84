"""Deadlines, derived from what happened and never typed (Qt-free; the station's lists and the county alike).

Legal Aid Law Art. 43: the center decides within 7 days of receiving an application and assigns within
3 days of a grant; missing materials are asked for once, and the time the applicant takes to supply them
does not count (an application whose materials are not supplied by the notice's date counts as withdrawn).
Art. 44: an urgent case (a limitation period or deadline ending in under 7 days) gets aid before review,
before that date. The county's work plan adds its own: a follow-up visit after a case is closed, a
consultation flagged 需要回访 followed up, a complaint answered. Art. 49: a refusal or termination the justice bureau
ordered corrected (责令改正) is undone (`standing`): the center decides again within the decision period from the
correction, or the aid goes on. The periods are data
(resources/plan/deadlines.json); the dates come from the application, the county's decisions (county
events, dated on the county's clock in China) and the station's closure reports and follow-ups.

`case_deadlines` is the rule on one case's facts (pure, used by the county over all stations too);
`open_deadlines` (from the cases' settled rows, plan_rows.py) and `countdowns` read a station's database. The
clock is the caller's `today`: the station's own, which the window warns about when the sync measured it wrong.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Iterable, Sequence

from desktop.paths import resource_path

from .complaint_answers import ANSWERED_BY_CENTER
from .i18n import QT_TRANSLATE_NOOP

CHINA = timezone(timedelta(hours=8))  # the county's documents are dated in China


def today_in_china() -> date:
    """The county's day: its documents, deadlines and checks of dates count in China, whatever the machine's zone."""
    return datetime.now(CHINA).date()

DECIDE, SUPPLEMENT, ASSIGN, URGENT = "decide", "supplement", "assign", "urgent"
FOLLOW_UP, CONSULTATION_FOLLOW_UP, COMPLAINT_ANSWER = "follow_up", "consultation_follow_up", "complaint_answer"
WITHDRAWN = "withdrawn"
KIND_TEXT = {
    DECIDE: QT_TRANSLATE_NOOP("Deadline", "Decide on the application (Art. 43: within 7 days)"),
    SUPPLEMENT: QT_TRANSLATE_NOOP("Deadline", "Supplementary materials due (not supplied: counts as withdrawn)"),
    ASSIGN: QT_TRANSLATE_NOOP("Deadline", "Assign after the grant (Art. 43: within 3 days)"),
    URGENT: QT_TRANSLATE_NOOP("Deadline", "Urgent: aid before the deadline runs out (Art. 44)"),
    FOLLOW_UP: QT_TRANSLATE_NOOP("Deadline", "Follow-up visit after closing"),
    CONSULTATION_FOLLOW_UP: QT_TRANSLATE_NOOP("Deadline", "Follow up the consultation"),
    COMPLAINT_ANSWER: QT_TRANSLATE_NOOP("Deadline", "Answer the complaint"),
    # not a deadline: what a list shows of an application whose materials did not come by the notice's date
    WITHDRAWN: QT_TRANSLATE_NOOP("Deadline", "Counts as withdrawn: the materials were not supplied by the notice's "
                                             "date (Art. 43)"),
}
OVERDUE, TODAY, SOON, LATER = "overdue", "today", "soon", "later"
DECIDED = ("grant", "refuse")
RESUMED = ("accept", "grant", "refuse")  # the county went on after asking for materials
AID_GIVEN = ("assign", "advance")
CLOSED = ("close", "terminate")
EVENT_KINDS_READ = ("accept", "supplement", "grant", "refuse", "assign", "advance", "close", "terminate",
                    "objection")
SETTLED_ORDER = ("grant", "refuse", "assign", "close", "terminate")  # a settled case's decisions, as they come
# Art. 49: an objection the justice bureau answered with 责令改正 (sync.protocol.CORRECTED) undoes the refusal or
# termination it answers; one it upheld changes nothing and is not read
CORRECTED, OVERTURNED = "corrected", ("refuse", "terminate")
# raised whenever the rules reading a case change: the settled rows stored by an older version (the station's
# plan_rows, the county's indexes) are then worked out again at the next open, as for new periods (periods_basis).
# 2: Art. 49 corrections read, a follow-up visit settles only the deadline after closing; 3: a case's litigation is
# its latest closure report's word (closure_word), else the application's, at both ends; 4: an application whose
# materials were not supplied by the notice's date counts as withdrawn (lapses_on); 5: only a visit on or after the
# closing day settles the follow-up after closing (visited_after_closing)
RULES_VERSION = 5


def county_day_sql(column: str) -> str:
    """`county_day` in SQL, of a county time stamp column (a zone converted to China's day, none taken as written)."""
    return (f"CASE WHEN {column} LIKE '%+__:__' OR {column} LIKE '%Z' THEN date({column}, '+8 hours') "
            f"ELSE substr({column}, 1, 10) END")


COUNTY_DAY_SQL = county_day_sql("decided_at")  # of the station's county_events


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


def periods_basis(periods: Periods | None = None) -> str:
    """The deadline periods as text, kept beside rows worked out with them (the station's and the county's settled
    rows) with the rules' version: when a new version ships other periods or rules, the rows are worked out again."""
    return json.dumps({**dataclasses.asdict(periods or plan_periods()), "rules": RULES_VERSION}, sort_keys=True)


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

    kind: str  # an event's kind, or CORRECTED for an objection the bureau ordered corrected
    day: date
    due: date | None = None  # a supplement notice's own date for the materials


def standing(decisions: Sequence[Decision]) -> tuple[list[Decision], date | None]:
    """The decisions that stand, in the county's order, and the day of the latest correction: a correction takes
    away the refusal or termination it answers (as sync.protocol.status_after puts the status back) and what it
    puts back to be done runs from its day."""
    found: list[Decision] = []
    reopened = None
    for d in decisions:
        if d.kind != CORRECTED:
            found.append(d)
        elif found and found[-1].kind in OVERTURNED:
            found.pop()
            reopened = d.day
    return found, reopened


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
    followed_up: bool = False  # visited on or after the closing day (visited_after_closing)
    # what the measures (indicators.py) read besides the deadlines
    case_type: str | None = None
    litigation: bool = False  # the latest closure report's word (closure_word), else the application's
    heard_in_court: bool = False
    attended: bool = False  # a court attendance record
    last_visit: date | None = None  # the latest live follow-up visit to the case, whenever it was made


def closure_word(reports: Iterable[tuple[date | None, bool]]) -> tuple[date | None, bool | None]:
    """A case's closing day and litigation (诉讼) word from its live closure reports, (closing day, litigation case)
    each: the latest report's, since a later report speaks for the case as it ended (one reopened and closed again,
    or reported again); of several on that day, litigation if one says so (the station and the county read them in
    no common order). (None, None) without a dated report: the county's close, and the application's word, stand.
    The one rule both ends use (load_case_facts, sync/server/indexes.plan_case)."""
    closed, litigation = None, None
    for day, word in reports:
        if day is None:
            continue
        if closed is None or day > closed:
            closed, litigation = day, bool(word)
        elif day == closed:
            litigation = litigation or bool(word)
    return closed, litigation


def visited_after_closing(case: CaseFacts) -> bool:
    """Whether the case's latest follow-up visit was on or after its closing day (the station's closure report,
    else the county's close): a visit while the case ran is not the visit after closing (回访) the plan asks for.
    The one rule both ends use (load_case_facts, sync/server/indexes.plan_case), once the decisions are read."""
    if case.last_visit is None:
        return False
    closed = case.closed_on or next((d.day for d in standing(case.decisions)[0] if d.kind in CLOSED), None)
    return closed is not None and case.last_visit >= closed


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

    decisions, reopened = standing(case.decisions)
    kinds = [d.kind for d in decisions]
    if "refuse" in kinds:
        return []
    closed = case.closed_on or next((d.day for d in decisions if d.kind in CLOSED), None)
    if closed is not None:
        if case.followed_up:
            return []
        return [deadline(FOLLOW_UP, closed + timedelta(days=periods.follow_up_after_closing_days), closed)]
    found: list[Deadline] = []
    since = reopened or case.received  # the center decides again within the period after a correction
    paused, waiting = 0, None  # days spent waiting for materials; the open request for them
    for d in decisions:
        if d.kind == SUPPLEMENT:
            waiting = d
        elif d.kind in RESUMED and waiting is not None:
            paused += max(0, (d.day - max(waiting.day, since)).days)
            waiting = None
    granted = next((d.day for d in decisions if d.kind == "grant"), None)
    if granted is None:
        if waiting is not None:
            found.append(deadline(SUPPLEMENT, waiting.due or waiting.day + timedelta(days=periods.supplement_days),
                                  waiting.day))
        else:
            found.append(deadline(DECIDE, since + timedelta(days=periods.decide_days + paused), since))
    aided = any(k in AID_GIVEN for k in kinds)
    if granted is not None and not aided:
        granted = max(granted, reopened) if reopened else granted  # terminated before assignment, then corrected
        found.append(deadline(ASSIGN, granted + timedelta(days=periods.assign_days), granted))
    if case.urgent_until is not None and not aided:
        found.append(deadline(URGENT, case.urgent_until, case.received))
    return sorted(found, key=lambda d: d.due)


def lapses_on(case: CaseFacts, periods: Periods) -> date | None:
    """Art. 43: the date of the supplement notice the county waits on (its SUPPLEMENT deadline), after which an
    application whose materials were not supplied counts as withdrawn (视为撤回); None when nothing waits on
    materials (resumed by an acceptance, grant or refusal; refused, closed). Withdrawn once the date is before today
    (`lapsed`); a later acceptance, grant or refusal (materials that came in time by post) ends it. The settled rows
    keep it (plan_rows.lapses_on at the station and the county), so what depends on the day is asked in SQL."""
    return next((d.due for d in case_deadlines(case, periods) if d.kind == SUPPLEMENT), None)


def lapsed(lapses: date | None, today: date) -> bool:
    """Whether an application waiting on materials by `lapses` (lapses_on) counts as withdrawn on `today`."""
    return lapses is not None and lapses < today


# -- reading a station's database ----------------------------------------------------------------------------

def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _event_data(event_json: str | None) -> dict[str, Any]:
    try:
        data = json.loads(event_json or "{}").get("data") or {}
    except (ValueError, AttributeError):
        return {}
    return data if isinstance(data, dict) else {}


def supplement_due(event_json: str, day: date) -> date | None:
    """The date a supplement notice gives for the materials: its `deadline`, or `days` after it."""
    data = _event_data(event_json)
    found = day_of(data.get("deadline"))
    if found is None and isinstance(data.get("days"), int) and not isinstance(data.get("days"), bool):
        found = day + timedelta(days=data["days"])
    return found


def decision_of(kind: str, day: date, event_json: str | None) -> Decision | None:
    """A county event ('{"data": ...}' on `day`) as the deadlines and measures read it, at the station and the
    county alike; None for one they do not read (progress, an upheld objection)."""
    if kind == SUPPLEMENT:
        return Decision(kind, day, supplement_due(event_json or "{}", day))
    if kind == "objection":
        return Decision(CORRECTED, day) if _event_data(event_json).get("outcome") == CORRECTED else None
    return Decision(kind, day) if kind in EVENT_KINDS_READ else None


def load_decisions(db, cases: dict[str, CaseFacts]) -> None:
    """Fill each case's county decisions (by the application's id), in the county's order."""
    days: dict[str, date | None] = {}  # the county decides on a few hundred days: each day's text parsed once
    for chunk in _chunks(list(cases)):
        marks = ", ".join("?" * len(chunk))
        read = dict(db.execute("SELECT seq, data FROM county_events WHERE kind IN ('supplement', 'objection') AND "
                               f"application_id IN ({marks})", tuple(chunk)))
        for seq, application_id, kind, at in db.execute(
                f"SELECT seq, application_id, kind, {COUNTY_DAY_SQL} FROM county_events WHERE application_id IN "
                f"({marks}) ORDER BY seq", tuple(chunk)):
            if kind not in EVENT_KINDS_READ:
                continue
            day = days[at] if at in days else days.setdefault(at, day_of(at))
            decision = decision_of(kind, day, read.get(seq)) if day is not None else None
            if decision is not None:
                cases[application_id].decisions.append(decision)


def _settled_decisions(db, cases: dict[str, CaseFacts]) -> None:
    """Every case's decisions for a whole station: the running cases' one by one (their deadlines depend on each),
    the refused and closed ones' as their first grant, refusal, assignment and close (all their deadlines and
    measures ask), read from one index in one pass (at 200,000 records 0.2 s instead of a second)."""
    days: dict[str, date | None] = {}
    running: dict[str, CaseFacts] = {}
    firsts = ", ".join(f"min(CASE WHEN kind = '{kind}' THEN {COUNTY_DAY_SQL} END)" for kind in SETTLED_ORDER)
    for application_id, objected, *found in db.execute(
            f"SELECT application_id, max(kind = 'objection'), {firsts} FROM county_events GROUP BY application_id"):
        case = cases.get(application_id)
        if case is None:
            continue
        by_kind = dict(zip(SETTLED_ORDER, found))
        # an objected case is read in order: a correction undoes the refusal or termination just before it
        if objected or by_kind["refuse"] is None and by_kind["close"] is None and by_kind["terminate"] is None \
                and case.closed_on is None:
            running[application_id] = case
            continue
        for kind in SETTLED_ORDER:
            at = by_kind[kind]
            day = days[at] if at in days else days.setdefault(at, day_of(at)) if at else None
            if day is not None:
                case.decisions.append(Decision(kind, day))
    load_decisions(db, running)


def load_case_facts(db, where: str = "", params: Sequence[Any] = ()) -> dict[str, CaseFacts]:
    """The facts of the station's non-voided applications (narrowed by `where` on table `a`), by id.

    The whole station reads only indexes (applications_plan, closures_plan, county_events_by_case: a record's data
    is kilobytes, its facts bytes); a page's cases go by their ids (`+voided` keeps SQLite from scanning a list's
    voided index instead: with it, 200 countdowns took a second and 20,000 records' deadlines 13 seconds)."""
    if where:
        source = f"FROM applications a WHERE +a.voided = 0 AND {where}"
        reports_sql = ("SELECT c.application_id, c.closed_on, c.litigation, c.heard_in_court FROM applications a "
                       f"JOIN closures c ON c.application_id = a.id AND +c.voided = 0 WHERE +a.voided = 0 AND {where}")
    else:
        source = "FROM applications a WHERE a.voided = 0"
        reports_sql = "SELECT application_id, closed_on, litigation, heard_in_court FROM closures WHERE +voided = 0"
    rows = db.execute(
        "SELECT a.id, a.number, a.person_name, substr(a.received_at, 1, 10), a.case_type, a.urgent, "
        "(SELECT max(substr(visited_on, 1, 10)) FROM follow_ups f WHERE f.application_id = a.id AND +f.voided = 0), "
        "a.id IN (SELECT application_id FROM court_attendances WHERE +voided = 0) "
        f"{source}", tuple(params)).fetchall()
    days: dict[str, date | None] = {}
    reports: dict[str, list[tuple[date | None, bool]]] = {}
    heard: set[str] = set()
    for app_id, closed_on, litigation, heard_in_court in db.execute(reports_sql, tuple(params)):
        day = days[closed_on] if closed_on in days else days.setdefault(closed_on, day_of(closed_on))
        reports.setdefault(app_id, []).append((day, bool(litigation)))
        if heard_in_court:
            heard.add(app_id)
    cases: dict[str, CaseFacts] = {}
    urgent, unreported = [], []
    for app_id, number, name, received, case_type, is_urgent, followed, attended in rows:
        day = days[received] if received in days else days.setdefault(received, day_of(received))
        if day is None:
            continue
        closed_on, litigation = closure_word(reports.get(app_id, ()))
        cases[app_id] = CaseFacts(app_id, number or "", name or "", day, None, [], closed_on, False,
                                  case_type, bool(litigation), app_id in heard, bool(attended), day_of(followed))
        if is_urgent:
            urgent.append(app_id)
        if litigation is None:
            unreported.append(app_id)
    for chunk in _chunks(urgent):  # the few whose data is read: an urgent case's own deadline (Art. 44)
        for app_id, until in db.execute("SELECT id, json_extract(data, '$.urgent_deadline') FROM applications "
                                        f"WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)):
            cases[app_id].urgent_until = day_of(until)
    if where:
        load_decisions(db, cases)
    else:
        _settled_decisions(db, cases)
    # closed (or terminated) by the county without a closure report: the application's word, as the county reads it
    ended = [i for i in unreported if any(d.kind in CLOSED for d in cases[i].decisions)]
    for chunk in _chunks(ended):
        for app_id, litigation in db.execute("SELECT id, json_extract(data, '$.litigation') FROM applications "
                                             f"WHERE id IN ({', '.join('?' * len(chunk))})", tuple(chunk)):
            cases[app_id].litigation = bool(litigation)
    for case in cases.values():
        case.followed_up = visited_after_closing(case)
    return cases


def _row_deadlines(db, where: str, params: Sequence[Any] = ()) -> Iterable[tuple[str, list[Deadline]]]:
    """(id, open deadlines, earliest first) of the applications `where` picks among their settled rows
    (desktop/records/plan_rows.py: case_deadlines with plan_periods(), worked out in the transaction that changed
    the case): one index read instead of every case rebuilt."""
    for app_id, number, name, deadlines in db.execute(
            "SELECT p.application_id, a.number, a.person_name, p.deadlines FROM plan_rows p "
            f"JOIN applications a ON a.rownum = p.record_rowid WHERE p.deadlines IS NOT NULL AND {where}", params):
        subject = " ".join(p for p in (number, name) if p)
        yield app_id, [Deadline(kind, "application", app_id, subject, date.fromisoformat(due), date.fromisoformat(since))
                       for kind, due, since in json.loads(deadlines)]


def countdowns(db, application_ids: Sequence[str], today: date | None = None) -> dict[str, Deadline]:
    """The nearest open deadline of each of these applications (a list page's), by id; for one withdrawn by `today`
    for want of materials, a WITHDRAWN entry dated the notice's day (no deadline runs: it is not overdue)."""
    today = today or date.today()
    found: dict[str, Deadline] = {}
    for chunk in _chunks(list(application_ids)):
        marks = ", ".join("?" * len(chunk))
        for app_id, open_ in _row_deadlines(db, f"p.application_id IN ({marks})", chunk):
            found[app_id] = open_[0]
        for app_id, lapses in db.execute(f"SELECT application_id, lapses_on FROM plan_rows WHERE application_id IN "
                                         f"({marks}) AND lapses_on < ?", (*chunk, today.isoformat())):
            day = date.fromisoformat(lapses)
            found[app_id] = Deadline(WITHDRAWN, "application", app_id, "", day, day)
    return found


def open_deadlines(db, periods: Periods | None = None, today: date | None = None) -> list[Deadline]:
    """Every open deadline of the station, earliest first: its applications still running or waiting for a
    follow-up visit (from their settled rows, by the county's periods; not one withdrawn by `today`, the station's
    day, for want of materials), the consultations flagged 需要回访 not followed up, the complaints answered neither by
    the station nor by the county center (by `periods`)."""
    periods = periods or plan_periods()
    today = today or date.today()
    # a row holds the deadlines still open: a follow-up visit settles only the one after closing (a case visited
    # before it closed keeps its decision and assignment deadlines, as 期限已过 and the county's queue count them)
    found = [d for _id, open_ in _row_deadlines(db, "a.status NOT IN ('refused', 'voided') AND "
                                                    "(p.lapses_on IS NULL OR p.lapses_on >= ?)", (today.isoformat(),))
             for d in open_]
    for consultation_id, name, occurred, _note in awaiting_follow_up(db):
        day = day_of(occurred)
        if day is not None:
            found.append(Deadline(CONSULTATION_FOLLOW_UP, "consultation", consultation_id, name or "",
                                  day + timedelta(days=periods.consultation_follow_up_days), day))
    for complaint_id, number, complainant, received in db.execute(
            "SELECT c.id, c.number, c.complainant, c.complained_at FROM complaints c WHERE c.voided = 0 AND "
            f"c.reply_date IS NULL AND NOT {ANSWERED_BY_CENTER.format(alias='c')}"):  # the center's answer counts
        deadline = complaint_deadline(complaint_id, number, complainant, received, periods)
        if deadline is not None:
            found.append(deadline)
    return sorted(found, key=lambda d: (d.due, d.subject))


def complaint_deadline(complaint_id: str, number: str | None, complainant: str | None, received: str | None,
                       periods: Periods | None = None) -> Deadline | None:
    """The plan's answer deadline of a complaint received at `received` (None without a readable time)."""
    day = day_of(received)
    if day is None:
        return None
    periods = periods or plan_periods()
    return Deadline(COMPLAINT_ANSWER, "complaint", complaint_id, " ".join(p for p in (number, complainant) if p),
                    day + timedelta(days=periods.complaint_answer_days), day)


def awaiting_follow_up(db) -> list[tuple[str, str, str, str | None]]:
    """(id, name, time, follow-up note) of the consultations flagged 需要回访 that no follow-up visit answers yet,
    oldest first: the follow-up list shows them, the deadlines count from them."""
    return [tuple(row) for row in db.execute(
        "SELECT c.id, c.person_name, c.occurred_at, json_extract(c.data, '$.follow_up_note') FROM consultations c "
        # the flagged ones alone, answered from the index (the planner chose to read every consultation)
        "INDEXED BY consultations_awaiting "
        "WHERE c.follow_up_needed = 1 AND c.voided = 0 AND NOT EXISTS (SELECT 1 FROM follow_ups f "
        "WHERE f.consultation_id = c.id AND +f.voided = 0) ORDER BY c.occurred_at")]


def by_state(deadlines: Iterable[Deadline], today: date, periods: Periods | None = None) -> dict[str, list[Deadline]]:
    """今日待办 / 即将到期 / 已逾期 (and the rest): the deadlines grouped by how close they are."""
    periods = periods or plan_periods()
    groups: dict[str, list[Deadline]] = {OVERDUE: [], TODAY: [], SOON: [], LATER: []}
    for d in deadlines:
        groups[d.state(today, periods.soon_days)].append(d)
    return groups
