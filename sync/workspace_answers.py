"""What the county workspace's API answers, as the client hands it on (Qt-free): the refusals (WorkspaceError and
its kinds, each with the server's Chinese reason) and the dataclasses of a session, the queue, an application,
the roster, stations and counts. sync/workspace_client.py makes them from the server's JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class WorkspaceError(Exception):
    """A refused or failed request: str() is the reason in Chinese; `code` the server's (or the client's) code."""

    def __init__(self, message_zh: str, code: str = "error", status: int = 0):
        super().__init__(message_zh)
        self.message_zh, self.code, self.status = message_zh, code, status


class SessionExpired(WorkspaceError):
    """Unknown, ended or expired session: log in again."""


class NotAllowed(WorkspaceError):
    """The account's roles do not give this right."""


@dataclass(frozen=True)
class Account:
    name: str
    display_name: str
    roles: tuple[str, ...]
    active: bool = True


@dataclass(frozen=True)
class Session:
    token: str
    account: Account
    center: str
    idle_seconds: int
    max_seconds: int


@dataclass(frozen=True)
class Deadline:
    kind: str  # decide, supplement, assign, urgent (desktop/records/deadlines.py)
    due: str  # ISO date, China
    days_left: int
    state: str  # overdue, today, soon, later; withdrawn (materials not supplied by the date: not overdue)
    text: str  # what is due, in Chinese
    overdue: bool
    urgent: bool


@dataclass(frozen=True)
class QueueFilters:
    station: str | None = None
    status: str | None = None  # received, accepted, supplement, granted, refused, assigned, closed, terminated,
    # withdrawn (materials not supplied by the date; each other status leaves these out)
    case_type: str | None = None
    group: str | None = None  # military, minor, migrant_worker
    deadline: str | None = None  # overdue, today, soon, later, none, urgent
    text: str | None = None  # number, name, ID number, cause, phone
    page: int = 1


@dataclass(frozen=True)
class QueueItem:
    application_id: str
    number: str | None
    station: str
    station_name: str
    name: str
    case_type: str | None
    categories: tuple[str, ...]
    received_at: str | None
    status: str
    urgent: bool
    life_or_death: bool
    view_version: int
    deadline: Deadline | None


@dataclass(frozen=True)
class QueuePage:
    items: tuple[QueueItem, ...]
    total: int
    page: int
    page_size: int


@dataclass(frozen=True)
class Consultation:
    record_id: str
    station: str
    station_name: str
    name: str
    occurred_at: str | None
    matter_category: str | None
    outcome: str | None
    question: str  # its first 200 characters


@dataclass(frozen=True)
class ConsultationPage:
    items: tuple[Consultation, ...]
    total: int
    page: int
    page_size: int


@dataclass(frozen=True)
class IssuedDocument:
    form: str  # grant_decision, assignment_notice, official_letter, ... (resources/forms)
    number: str  # the county's serial of that form in its year
    sha256: str
    size: int
    event_id: str = ""


@dataclass(frozen=True)
class Event:
    """One decision on an application: who recorded it (the person's name and account), what it carries."""

    seq: int
    event_id: str
    kind: str
    status: str | None
    at: str
    by: str
    account: str | None
    data: dict[str, Any]

    @property
    def documents(self) -> tuple[IssuedDocument, ...]:
        found = self.data.get("documents") if isinstance(self.data.get("documents"), list) else []
        return tuple(IssuedDocument(str(d.get("form")), str(d.get("number")), str(d.get("sha256")),
                                    int(d.get("size") or 0), self.event_id) for d in found if isinstance(d, dict))


@dataclass(frozen=True)
class Version:
    version: int
    received_at: str
    action: str | None
    clerk: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class Matter:
    """One of the person's earlier applications or consultations at the county."""

    record_type: str
    record_id: str
    number: str | None
    date: str | None
    case_type: str | None
    status: str | None


@dataclass(frozen=True)
class Material:
    attachment_id: str
    slot: str
    sha256: str
    size: int
    media_type: str
    original_name: str
    voided: bool
    received: bool  # the county holds the file
    signature_ok: bool
    signature: str  # the verdict in Chinese


@dataclass(frozen=True)
class ApplicationView:
    application_id: str
    number: str | None
    station: str
    station_name: str
    version: int
    voided: bool
    status: str
    view_version: int  # give it back with a decision: a decision by someone else since is a StaleView
    data: dict[str, Any]
    events: tuple[Event, ...]
    versions: tuple[Version, ...]
    deadline: Deadline | None
    earlier: tuple[Matter, ...]
    materials: tuple[Material, ...]
    documents: tuple[IssuedDocument, ...]


class StaleView(WorkspaceError):
    """Another decision came after the view the decision was made on; nothing changed. `events`: what came."""

    def __init__(self, message_zh: str, events: tuple[Event, ...]):
        super().__init__(message_zh, "stale", 409)
        self.events = events


class RosterRefused(WorkspaceError):
    """A roster file with bad lines; nothing was imported. `problems`: (line, reason in Chinese), at most 200."""

    def __init__(self, message_zh: str, problems: tuple[tuple[int, str], ...]):
        super().__init__(message_zh, "bad_rows", 422)
        self.problems = problems


@dataclass(frozen=True)
class RosterImport:
    added: int
    updated: int
    unchanged: int
    version: int


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    kind: str  # lawyer, law_firm, center_staff
    organisation: str
    years_of_practice: int
    minors_familiar: bool
    phone: str = ""
    active: bool = True
    open_cases: int = 0  # assigned to this member and not yet closed or ended (as read from the county)


@dataclass(frozen=True)
class RosterOverview:
    """The roster as an assigner chooses from it, with the work plan's law-firm share (per cent) this year."""

    members: tuple[Member, ...]
    law_firm_share: float | None  # None: nothing assigned this year yet
    law_firm_target: float
    assigned_this_year: int


@dataclass(frozen=True)
class Township:
    name: str
    registered_population: int


@dataclass(frozen=True)
class Station:
    code: str
    name: str
    township: str
    type: str
    enrolled_at: str | None
    revoked_at: str | None
    last_change_at: str | None
    waiting: int  # its applications not yet decided by the county
    escrowed_at: str | None = None  # when its key escrow reached the county (the center can recover it)


@dataclass(frozen=True)
class AddedStation:
    code: str
    enrollment_code: str  # shown once: the county keeps only its hash


@dataclass(frozen=True)
class Counts:
    to_decide: int
    supplement: int
    to_assign: int
    overdue: int
    urgent: int
    in_progress: int
    withdrawn: int = 0  # counts as withdrawn: materials not supplied by the notice's date (none of the others)


@dataclass(frozen=True)
class MeasureFigure:
    """One of the plan's measures as the county computed it: the value and how many records it counted (and of how
    many, for a share); the records themselves are asked for with WorkspaceClient.figure_records."""

    value: float | None  # None: nothing to measure (no cases, no population)
    counted: int
    of: int  # the cases it is a share of; 0 for a count or an average
    unit: str  # percent, per_10k, days, count (desktop/records/indicators.py)
    target: float | None
    at_least: bool | None
    met: bool | None


@dataclass(frozen=True)
class PlaceMeasures:
    """A township's or a station's measures (`code` empty for a township; `population` only for a township)."""

    name: str
    code: str
    township: str
    population: int | None
    figures: dict[str, MeasureFigure]


@dataclass(frozen=True)
class Measures:
    start: str
    end: str
    figures: dict[str, MeasureFigure]  # of the scope asked for (the county unless a township or station)
    townships: tuple[PlaceMeasures, ...]
    stations: tuple[PlaceMeasures, ...]
    chart: str  # the measure of `months`
    months: tuple[tuple[str, float | None], ...]  # ("2026-03", value) for each month of the period


@dataclass(frozen=True)
class FigureRecord:
    application_id: str
    number: str
    name: str
    station: str
    station_name: str
    township: str
    received: str
    case_type: str | None
    status: str
    counted: bool  # counted by the figure (else one of the cases it is a share of)


@dataclass(frozen=True)
class FigureRecords:
    items: tuple[FigureRecord, ...]
    total: int
    counted: int
    of: int
    page: int
    page_size: int


@dataclass(frozen=True)
class ComplaintEntry:
    """One complaint of the ledger: the station's record's main facts, its answer deadline and where it stands."""

    complaint_id: str
    number: str
    station: str
    station_name: str
    complained_at: str | None
    channel: str | None
    complainant: str
    respondent_kind: str | None
    respondent: str
    matter: str  # its first 200 characters
    due: str | None  # the answer's deadline (ISO date)
    days_left: int | None
    state: str  # open, today, soon, overdue, answered
    answered_on: str | None  # the station's answer date, else the center's
    answered_by_county: bool
    county_steps: int


@dataclass(frozen=True)
class HandlingStep:
    seq: int
    kind: str  # step, answer
    at: str  # UTC
    text: str
    answered_on: str | None
    reply_method: str | None
    satisfaction: str | None
    by: str
    account: str


@dataclass(frozen=True)
class ComplaintView:
    entry: ComplaintEntry
    data: dict[str, Any]  # the station's record as it sent it
    steps: tuple[HandlingStep, ...]


@dataclass(frozen=True)
class ComplaintPage:
    items: tuple[ComplaintEntry, ...]
    total: int
    page: int
    page_size: int


def _deadline(d: Any) -> Deadline | None:
    return Deadline(**{k: d[k] for k in Deadline.__dataclass_fields__}) if isinstance(d, dict) else None


def _event(e: dict[str, Any]) -> Event:
    return Event(int(e["seq"]), str(e["event_id"]), str(e["kind"]), e.get("status"), str(e["at"]), str(e["by"]),
                 e.get("account"), dict(e.get("data") or {}))


def _fields(cls, d: dict[str, Any]):
    return cls(**{k: d.get(k) for k in cls.__dataclass_fields__ if k in d})
