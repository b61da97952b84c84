"""What happens to the demo's applications after they are recorded (issue 14): the county's decisions, as the county
events a sync brings, then the station's closure reports, follow-up visits, court attendance and quality
evaluations; and the station's complaints and outreach events. Everything dated before the fill's end only.

Each application's life is drawn from its own random stream (seed and key), so a station gets the same lives
whatever else changes; the runner saves them with the store in the fill's transactions, at their own moments.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from desktop.records.quality import quality_scheme
from sync.reference import HardshipStandard

from .texts import load_texts

TEXTS = load_texts("aftercare")
CHINA = timezone(timedelta(hours=8))
CLOSING_METHODS = {"judgment": 40, "mediation": 25, "settlement": 10, "arbitration_award": 12, "ruling": 5,
                   "withdrawal": 5, "termination": 3}
OUTREACH_KINDS: dict[str, str] = TEXTS["outreach_kinds"]  # a word of the event's name -> its kind
# the county's hardship standard (yuan per person per month), recorded on the applications as the form records it
HARDSHIP_STANDARD = str(HardshipStandard("", TEXTS["county_reference"]["minimum_living"],
                                         TEXTS["county_reference"]["multiple"]).monthly)


@dataclass
class Step:
    """One thing that happens to a case: a county event, or a station record to save."""

    at: datetime  # local time at the station
    kind: str  # a county event kind, or a record type
    data: dict[str, Any] = field(default_factory=dict)
    then: tuple["Step", ...] = ()  # what follows once this record is saved, given its id (the center's handling)

    @property
    def is_event(self) -> bool:
        return self.kind in ("accept", "supplement", "grant", "refuse", "assign", "close")


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def case_life(seed: int, key: int, number: str, data: dict[str, Any], received: datetime, clerk: str,
              end: datetime) -> list[Step]:
    """The county's decisions on one application and the station's records of its case, in time order, up to `end`."""
    rng = random.Random(f"{seed}:life:{key}")
    steps: list[Step] = []
    at = received + timedelta(days=rng.choice((0, 1, 1, 2)), hours=rng.randint(1, 6))
    if rng.random() < 0.08:  # materials missing: asked for once, then supplied
        steps.append(Step(at, "supplement", {"items": TEXTS["supplement_items"], "days": 15}))
        at += timedelta(days=rng.randint(2, 12))
        steps.append(Step(at, "accept"))
    if rng.random() < 0.07:
        steps.append(Step(at + timedelta(days=rng.randint(1, 5)), "refuse", {"reasons": TEXTS["refusal_reasons"]}))
        return steps
    at += timedelta(days=rng.choice((1, 2, 3, 4, 5, 6, 9)))  # now and then late: the deadlines show it
    steps.append(Step(at, "grant"))
    name, kind, firm, years = rng.choice(TEXTS["lawyers"])
    if data.get("life_or_death") and (kind != "lawyer" or years < 3):
        name, kind, firm, years = TEXTS["lawyers"][1]
    at += timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)), hours=rng.randint(1, 5))
    steps.append(Step(at, "assign", {"assignee_kind": kind, "name": name, "firm": firm, "years_of_practice": years,
                                     "minors_specialist": True}))
    closed = at + timedelta(days=rng.randint(25, 200))
    criminal = data.get("case_type") == "criminal"
    method = "judgment" if criminal else _pick(rng, CLOSING_METHODS)
    litigation = criminal or method in ("judgment", "mediation", "ruling", "withdrawal") or bool(data.get("litigation"))
    heard = litigation and method in ("judgment", "mediation") and rng.random() < 0.8
    if heard and rng.random() < 0.12:  # the center sits in on a hearing now and then (plan: at least 5 %)
        hearing = at + (closed - at) * rng.uniform(0.4, 0.9)
        steps.append(Step(hearing, "court_attendance", {
            "case_number": number, "court_name": rng.choice(TEXTS["courts"]),
            "hearing_date": hearing.strftime("%Y-%m-%dT%H:%M"), "observers": clerk,
            "procedure": "first", "preparation": rng.choice(("full", "fair")),
            "evidence_rating": rng.choice(("good", "fairly_good")), "overall": rng.choice(("excellent", "good")),
            "hearing_record": rng.choice(TEXTS["hearing_records"]), "attendance_opinion": rng.choice(TEXTS["opinions"])}))
    result = rng.choice(TEXTS["criminal_results"] if criminal else TEXTS["results"][method])
    steps.append(Step(closed, "close", {"result": result}))
    if rng.random() < 0.9:  # the lawyer's closure report reaches the station
        report = closed + timedelta(days=rng.randint(1, 10))
        archived = report + timedelta(days=rng.randint(5, 30))
        steps.append(Step(report, "closure", {
            "case_number": number, "closed_on": closed.date().isoformat(), "closing_method": method,
            "litigation_case": litigation, "heard_in_court": heard, "closure_result": result,
            "closure_summary": rng.choice(TEXTS["summaries"]), "recipient_opinion": rng.choice(
                ("satisfied", "satisfied", "basically")),
            **({"archived_on": archived.date().isoformat()} if rng.random() < 0.7 and archived <= end else {})}))
    # every closed case is visited (the plan: within 30 days; now and then later)
    visit = closed + timedelta(days=rng.choice((3, 7, 10, 14, 18, 21, 25, 28, 30, 35, 45)))
    steps.append(Step(visit, "follow_up", {
        "case_number": number, "visited_on": visit.date().isoformat(), "visitor": clerk,
        "visit_method": rng.choice(("phone", "phone", "home", "office")), "lawyer_contacted": True,
        "progress_told": rng.random() < 0.9, "attitude": rng.choice(("diligent", "diligent", "average")),
        "satisfaction": rng.choice(("satisfied", "satisfied", "basically", "dissatisfied")),
        "finding": rng.choice(TEXTS["findings"]), "action_taken": rng.choice(TEXTS["actions"])}))
    if rng.random() < 0.3:
        evaluated = closed + timedelta(days=rng.randint(20, 90))
        scores = {item.field: max(0, item.max - rng.choice((0, 0, 1, 1, 2, 3, 5))) for item in quality_scheme().items}
        steps.append(Step(evaluated, "quality_evaluation", {
            "case_number": number, "evaluated_on": evaluated.date().isoformat(), "evaluator": TEXTS["evaluator"],
            **scores, "evaluation_opinion": rng.choice(TEXTS["evaluation_opinions"])}))
    return sorted((s for s in steps if s.at <= end), key=lambda s: s.at)


def county_event(step: Step, seq: int, station: str, number: str, application_id: str, status: str | None,
                 seed: int) -> dict[str, Any]:
    """The event as the county sends it (its clock in UTC), for sync.events.record_event."""
    return {"seq": seq, "event_id": str(uuid.UUID(int=random.Random(f"{seed}:event:{seq}").getrandbits(128))),
            "station": station, "kind": step.kind, "application_number": number, "application_id": application_id,
            "status": status, "at": step.at.replace(tzinfo=CHINA).astimezone(timezone.utc).isoformat(timespec="seconds"),
            "by": TEXTS["county"], "data": step.data}


CENTER_COMPLAINT = "center_complaint"  # a Step of the county center's handling of a complaint (a county event)
CENTER_SHARE = 0.3  # of the complaints: the county center handles and answers them, not the station


def complaint(rng: random.Random, at: datetime, clerk: str, end: datetime, case_number: str | None) -> Step:
    """A complaint received at `at`: answered within the period or late, by the station or (about a third, those
    against the center or its lawyers) by the county center, whose steps come back as the county's events; still
    open only if received lately."""
    against, matter = rng.choice(TEXTS["complaints"])
    data: dict[str, Any] = {
        "complained_at": at.strftime("%Y-%m-%dT%H:%M"), "complaint_channel": rng.choice(("visit", "phone", "phone",
                                                                                           "letter", "online")),
        "registrar": clerk, "complainant": rng.choice(TEXTS["complainant_surnames"]) + rng.choice(
            TEXTS["complainant_titles"]),
        "respondent_kind": against, "matter": matter, "case_number": case_number}
    answered = at + timedelta(days=rng.choice((5, 12, 20, 30, 40, 60)))
    if against != "station" and rng.random() < CENTER_SHARE:
        return Step(at, "complaint", data, center_handling(rng, at, answered, end))
    if answered <= end:  # answered, some late; those of the last weeks still open
        data.update(handling=rng.choice(TEXTS["handling"]), result=rng.choice(TEXTS["results_of_complaints"]),
                    reply_date=answered.date().isoformat(), reply_method=rng.choice(("written", "phone")),
                    complainant_satisfaction=rng.choice(("satisfied", "basically", "dissatisfied")))
    return Step(at, "complaint", data)


def center_handling(rng: random.Random, received: datetime, answered: datetime, end: datetime) -> tuple[Step, ...]:
    """The county center's steps on a complaint it took over, then its answer, each dated before the fill's end
    (their `complaint_id` is the station's complaint's, given when it is saved)."""
    steps = [Step(received + timedelta(days=rng.randint(1, 3), hours=rng.randint(1, 6)), CENTER_COMPLAINT,
                  {"handling": "step", "text": TEXTS["center_complaint_steps"][0]})]
    if rng.random() < 0.6:
        middle = received + (answered - received) / 2
        steps.append(Step(middle, CENTER_COMPLAINT, {"handling": "step", "text": rng.choice(
            TEXTS["center_complaint_steps"][1:])}))
    steps.append(Step(answered, CENTER_COMPLAINT, {
        "handling": "answer", "text": rng.choice(TEXTS["center_complaint_answers"]),
        "answered_on": answered.date().isoformat(), "reply_method": rng.choice(("written", "phone")),
        "satisfaction": rng.choice(("satisfied", "basically", "dissatisfied", None))}))
    return tuple(s for s in steps if s.at <= end)


def outreach_kind(name: str) -> str:
    return next((kind for word, kind in OUTREACH_KINDS.items() if word in name), "campaign")


def outreach_event(name: str, day: str, consulted: int, staff: str) -> dict[str, Any]:
    """The outreach event the demo's consultations of one day name, as its record."""
    place = name.split("·", 1)[1] if "·" in name else name
    kind = outreach_kind(name)
    return {"held_on": day, "event_type": kind, "title": name, "place": place,
            "unit": place if kind in ("military", "women", "elderly", "minor", "disabled") else None,
            "staff": staff, "people_reached": consulted * 3 + 10}


def consultation_follow_up(seed: int, key: int, consultation_id: str, data: dict[str, Any], end: datetime) -> Step | None:
    """The follow-up visit of a consultation flagged 需要回访: mostly within the plan's 7 days, now and then a few days
    late, by the clerk who took it; None while it is still to come (the deadline page shows those)."""
    rng = random.Random(f"{seed}:consultation-follow-up:{key}")
    occurred = datetime.fromisoformat(data["occurred_at"])
    visit = occurred + timedelta(days=rng.choice((1, 2, 3, 3, 5, 6, 7, 9)), hours=rng.randint(1, 5))
    if visit > end:
        return None
    return Step(visit, "follow_up", {
        "consultation_id": consultation_id, "visited_on": visit.date().isoformat(), "visitor": data["clerk"],
        "visited_person": data.get("name"), "visit_method": rng.choice(("phone", "phone", "phone", "office")),
        "satisfaction": rng.choice(("satisfied", "satisfied", "basically")),
        "finding": rng.choice(TEXTS["consultation_findings"])})


def county_reference(township: str, updated_at: str) -> dict[str, Any]:
    """The county's reference data as a sync would bring it: its roster (the assignees above), the townships'
    registered populations and this township's hardship standard. Version 0: the first pull from a real county
    replaces it."""
    figures = TEXTS["county_reference"]
    populations = {township: figures["other_population"], **figures["populations"]}
    lawyers = [{"id": f"DEMO-L{i:02d}", "name": name, "kind": kind, "organisation": firm, "years_of_practice": years,
                "minors_familiar": i % 2 == 1, "phone": figures["phones"][i - 1], "active": True}
               for i, (name, kind, firm, years) in enumerate(TEXTS["lawyers"], start=1)]
    return {"version": 0, "updated_at": updated_at, "lawyers": lawyers,
            "townships": [{"name": name, "registered_population": people} for name, people in populations.items()],
            "hardship_standards": [{"township": name, "minimum_living": figures["minimum_living"],
                                    "multiple": figures["multiple"]} for name in populations]}
