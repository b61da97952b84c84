"""The Generator: one consultation or application at a time, with the people later records come back with."""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any, Iterable

from desktop.records.settings import StationSettings

from .cases import ApplicationCases
from .people import Person, PersonMaker, _age, _cn_amount, _money, _pick, mobile
from .texts import APPS, CHARGES_COMMON, COMMON, CONSULT, DETENTION, EMPLOYERS, JOBS, PLACES, SURNAMES


def _fill(rng: random.Random, template: str, on: date) -> str:
    """A question template with its fields (see consultations.json) filled in."""
    return template.format(
        employer=rng.choice(EMPLOYERS), job=rng.choice(JOBS), boss=COMMON["someone"].format(surname=rng.choice(SURNAMES[:30])),
        amount=_cn_amount(_money(rng, 3000, 80000)), small=_cn_amount(_money(rng, 300, 3000, 100)),
        months=rng.randint(2, 14), years=rng.randint(2, 15), n=rng.randint(2, 8), place=rng.choice(PLACES["cities_away"]),
        relation=rng.choice(COMMON["relations_talk"]), age=rng.randint(68, 89), house=rng.choice(CONSULT["houses"]),
        days=rng.randint(5, 60), mu=rng.choice(CONSULT["mu"]), year=on.year - rng.randint(1, 5),
        charge=rng.choice(CHARGES_COMMON), detention=DETENTION[0])


class Generator(ApplicationCases):
    """Makes records one at a time; keeps the few people and records later records refer to."""

    def __init__(self, rng: random.Random, settings: StationSettings, taken: Iterable[str] = ()):
        self.rng = rng
        self.settings = settings
        self.people = PersonMaker(rng, settings, taken)
        self.returning: list[Person] = []  # people with an ID number, for return visits
        self.clerks = [c for c in settings.clerks if c.strip()] or [PLACES["fallback_clerk"]]
        self.county = self.people.county
        self.short = self.county[0]

    def clerk(self) -> str:
        return self.rng.choices(self.clerks, weights=[6, 3, 1, 1, 1][:len(self.clerks)] + [1] * max(0, len(self.clerks) - 5))[0]

    def remember(self, person: Person) -> None:
        if person.id_number:
            if len(self.returning) < 4000:
                self.returning.append(person)
            else:
                self.returning[self.rng.randrange(len(self.returning))] = person

    def returning_person(self, on: date, low: int = 18, high: int = 120, traits: tuple[str, ...] = (),
                         gender: str | None = None) -> Person | None:
        for _ in range(4):
            if not self.returning:
                return None
            person = self.rng.choice(self.returning)
            if (low <= _age(person.birth, on) <= high and set(traits) <= person.traits
                    and gender in (None, person.gender)):
                if self.rng.random() < 0.2 and person.phone:  # changed phone since last time
                    person.phone = mobile(self.rng)
                return person
        return None

    def person_for_matter(self, matter: str, on: date, event_kind: str | None) -> Person:
        rng = self.rng
        if event_kind == "military" or matter == "military":
            trait = rng.choices(("military", "military_family", "veteran"), weights=(4, 4, 2))[0]
            kw: dict[str, Any] = {"traits": (trait,), "low": 19 if trait == "military" else 22,
                                  "high": 40 if trait == "military" else 65}
            if trait == "military_family":
                kw["gender"] = "female" if rng.random() < 0.8 else None
        elif event_kind == "elderly" or matter == "support":
            kw = {"low": 62, "high": 90}
        elif event_kind in ("minor", "women", "disabled"):
            kw = {"minor": {"low": 13, "high": 17}, "women": {"gender": "female", "low": 22, "high": 60},
                  "disabled": {"traits": ("disabled",), "low": 18, "high": 70}}[event_kind]
        elif event_kind == "ethnic":
            kw = {"ethnicity": rng.choice(("03", "05", "04", "17"))}
        elif matter in ("wages", "work_injury") or event_kind == "migrant":
            kw = {"traits": ("migrant_worker",), "low": 19, "high": 62, "gender": "male" if rng.random() < 0.8 else None}
        elif matter == "marriage_family":
            kw = {"gender": "female" if rng.random() < 0.7 else "male", "low": 22, "high": 60}
        else:
            older = matter in ("inheritance", "land", "property", "neighbour")
            kw = {"low": 30, "high": 80} if older else {"low": 18, "high": 75}
        extra = ["subsistence"] if rng.random() < 0.03 else []
        if rng.random() < 0.015 and "disabled" not in kw.get("traits", ()):
            extra.append("disabled")
        if rng.random() < 0.005:
            extra.append("petitioner")
        kw["traits"] = tuple(kw.get("traits", ())) + tuple(extra)
        return self.people.make(on, **kw)

    # -- consultations ------------------------------------------------------------------------

    def consultation(self, at: datetime, channel: str, event: str | None, event_kind: str | None,
                     converts: bool) -> tuple[dict[str, Any], Person | None, str]:
        rng = self.rng
        on = at.date()
        matter = _pick(rng, CONSULT["matters"]) if event_kind != "military" else rng.choice(
            ("military", "marriage_family", "land", "property", "debt", "military"))
        if event_kind == "migrant":
            matter = rng.choice(("wages", "wages", "work_injury", "labour"))
        elif event_kind == "elderly":
            matter = rng.choice(("support", "support", "inheritance", "consumer", "property"))
        elif event_kind == "women":
            matter = rng.choice(("marriage_family", "marriage_family", "support", "land", "labour"))
        if converts and matter in ("consumer", "neighbour", "other", "administrative"):
            matter = rng.choice(("wages", "traffic", "support", "marriage_family"))
        anonymous = channel in ("hotline", "online") and not converts and rng.random() < (0.45 if channel == "hotline" else 0.3)
        data: dict[str, Any] = {"occurred_at": at.isoformat(timespec="minutes"), "channel": channel,
                                "matter_category": matter, "clerk": self.clerk()}
        if event:
            data["outreach_event"] = event
        person = None
        if anonymous:
            data["anonymous"] = True
            if rng.random() < 0.5:
                data["gender"] = rng.choice(("male", "female"))
        else:
            person = self.returning_person(on, 18, 90) if rng.random() < 0.08 else None
            if person is None:
                person = self.person_for_matter(matter, on, event_kind)
                if not (converts or (channel == "walk_in" and rng.random() < 0.55) or rng.random() < 0.2):
                    person.id_number = None  # only name and phone were asked for
                self.remember(person)
            full = converts or channel in ("walk_in", "outreach") and person.id_number is not None
            data.update(person.fields(on, full=full))
        question = rng.choice(CONSULT["openers"][channel]) + _fill(rng, rng.choice(CONSULT["questions"][matter]), on)
        question += rng.choice(CONSULT["closers"]) if question.endswith("。") and rng.random() < 0.3 else ""
        answers = list(CONSULT["answers"][matter])
        rng.shuffle(answers)
        answer = "".join(answers[:rng.choice((1, 1, 2))]) + rng.choice(CONSULT["addenda"])
        data.update(question=question, answer=answer)
        data["minutes"] = max(2, int(rng.triangular(*{"walk_in": (8, 60, 20), "hotline": (3, 30, 8),
                                                      "outreach": (5, 40, 12)}.get(channel, (10, 45, 20)))))
        if converts:
            outcome = "application"
            data["answer"] += CONSULT["converted"]
        else:
            outcome = rng.choices(("answered", "mediation", "referred"), weights=(82, 7, 11))[0]
            if outcome == "referred" and matter not in CONSULT["referrals"]:
                outcome = "answered"
        data["outcome"] = outcome
        if outcome == "referred":
            data["referred_to"] = rng.choice(CONSULT["referrals"][matter])
            if data["referred_to"] == "other":
                data["referral_note"] = rng.choice(CONSULT["referral_offices"])
        elif outcome == "mediation":
            data["referral_note"] = rng.choice(CONSULT["mediation_notes"])
        if rng.random() < 0.08:
            data["follow_up_needed"] = True
            data["follow_up_note"] = rng.choice(CONSULT["follow_up_notes"])
        return data, person, matter

    # -- applications -------------------------------------------------------------------------

    def application(self, at: datetime, channel: str, event: str | None, event_kind: str | None,
                    from_consultation: tuple[dict[str, Any], Person, str] | None = None) -> dict[str, Any]:
        rng = self.rng
        on = at.date()
        if from_consultation:
            _, person, matter = from_consultation
            scenario = APPS["scenario_for_matter"].get(matter, "hardship_civil")
        else:
            scenario = _pick(rng, APPS["scenarios"])
            person = None
        if scenario in ("notification", "detention_defence") and channel in ("window", "outreach", "online"):
            channel = "notification" if scenario == "notification" else rng.choice(("detention", "window"))
        data: dict[str, Any] = {"received_at": at.isoformat(timespec="minutes"), "channel": channel,
                                "clerk": self.clerk()}
        if event and channel == "outreach":
            data["outreach_event"] = event
        person, extra = getattr(self, f"_app_{scenario}")(data, on, person)
        if from_consultation:
            data["outreach_event"] = from_consultation[0].get("outreach_event")
        data.update(person.fields(on, extra=extra))
        if (data.get("id_type") == "resident_id" and not person.id_number
                and data.get("eligibility_ground") != "criminal_notification"):
            person.id_number = self.people.ids.resident(person.region, person.birth, person.gender)
            data.update(person.fields(on, extra=extra))
        if _age(person.birth, on) < 18 and not data.get("legal_rep_name"):
            self._legal_rep(data, person)
        self._materials(data)
        if rng.random() < 0.03:
            data["applied_before"] = True
            data["applied_before_detail"] = APPS["applied_before"].format(
                year=on.year - 1, county=self.county, code=self.settings.station_code, number=rng.randint(1, 300))
        if rng.random() < 0.06:
            data["note"] = rng.choice((*APPS["notes"], APPS["note_interpreter"] if person.interpreter else APPS["note_hurry"]))
        self.remember(person)
        return {k: v for k, v in data.items() if v not in (None, "", [])}

    def _new_or_returning(self, on: date, **kw: Any) -> Person:
        if self.rng.random() < 0.12:
            found = self.returning_person(on, kw.get("low", 18), kw.get("high", 75), kw.get("traits", ()),
                                          kw.get("gender"))
            if found and found.id_number and found.id_type == "resident_id":
                return found
        return self.people.make(on, **kw)

    def _name(self, gender: str | None, ethnicity: str, born: int) -> str:
        """Another party's name (a random gender when None)."""
        return self.people.name(gender or self.rng.choice(("male", "female")), ethnicity, date(born, 1, 1))
