"""Training data: `python -m desktop demo-data --count N` fills a station with realistic records and scans.

Every record goes through the real `Store.save` (validated, versioned, in the
history, the outbox and the search index), one transaction each, in the order
a clerk would have entered them over the last two years: the store's clock is
set to the moment each record was "entered", so created_at, history and the
outbox read like a station's real past. About 60 % of the applications that
are not voided later get 1-3 sample scans (desktop.demo_scans) in their
checklist slots, attached and signed with the station key exactly as a
clerk's scans are.

`generate_records` yields ``(record_type, data)``; keys starting with ``_demo_``
are instructions for the runner, never stored:

- ``_demo_key``: this record's number in the stream (for links, edits, voids);
- ``_demo_at``: when the clerk saved it (naive local time, ISO);
- ``_demo_from``: key of the consultation this application was turned from;
- ``_demo_voided``: this record will be voided later in the stream;
- ``_demo_edit_of``: key of the record this data is a second version of;
- ``_demo_void_of`` and ``_demo_reason``: void that record with that reason.

People, places, cases and every text are made up and live in
resources/demo/*.json; this module only combines them. Same seed, same
records: all choices come from one `random.Random(seed)` in stream order (the
scans draw from a generator of their own per record). Proportions follow a
township station in a county of central China with migrant workers leaving and
minority residents arriving: about 70 % consultations, 30 % applications (a
fifth of them criminal).
"""

from __future__ import annotations

import heapq
import io
import json
import random
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.paths import resource_path
from desktop.records.attachments import Attachments
from desktop.records.errors import StorageError, ValidationFailed
from desktop.records.idcard import check_digit
from desktop.records.settings import StationSettings
from desktop.records.station import Station
from desktop.records.store import Store
from desktop.records.vault import ImportRefused, StoredFile

META_PREFIX = "_demo_"
PROGRESS_EVERY = 1000
SCAN_SHARE = 0.6  # of the applications (never a voided one) that get sample scans


def load_texts(name: str) -> dict[str, Any]:
    """The demo data file resources/demo/<name>.json."""
    with open(resource_path("demo", f"{name}.json"), encoding="utf-8") as file:
        return json.load(file)


PEOPLE, PLACES, COMMON, CONSULT, APPS = map(load_texts, ("people", "places", "common", "consultations", "applications"))
DEMO_SETTINGS = StationSettings(**{**PLACES["station"], "clerks": tuple(PLACES["station"]["clerks"])})
HOME, CASES, ETHNIC = PLACES["home"], APPS["cases"], PEOPLE["ethnic"]
SURNAMES, SURNAME_WEIGHTS = tuple(PEOPLE["surnames"]), tuple(PEOPLE["surnames"].values())
ETHNIC_CODES, ETHNIC_WEIGHTS = tuple(ETHNIC), tuple(e["weight"] for e in ETHNIC.values())
VILLAGES, STREETS, TOWNSHIPS, EMPLOYERS, JOBS, DETENTION = (
    PLACES[k] for k in ("villages", "streets", "other_townships", "employers", "jobs", "detention"))
CHARGES_MINOR, CHARGES_COMMON, CHARGES_SERIOUS = (COMMON[f"charges_{k}"] for k in ("minor", "common", "serious"))
MILITARY = {"military", "military_family", "veteran"}
CATEGORY_ORDER = ("military", "military_family", "veteran", "migrant_worker", "woman", "minor", "elderly", "disabled",
                  "ethnic_minority", "family_planning_hardship", "petitioner", "subsistence", "judicial_assistance",
                  "preferential_care", "domestic_violence_victim")

# --------------------------------------------------------------------------- helpers


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    return rng.choices(tuple(weighted), weights=tuple(weighted.values()))[0]


def _money(rng: random.Random, low: int, high: int, step: int = 100) -> str:
    return f"{rng.randrange(low, high + 1, step)}.00"


def _cn_amount(amount: str) -> str:
    """'35600.00' as written in a question: '35600元' or '3.56万元'."""
    value = float(amount)
    if value >= 10000 and value % 100 == 0:
        return COMMON["wan_yuan"].format(value=value / 10000)
    return COMMON["yuan"].format(value=value)


def resident_id(rng: random.Random, region6: str, birth: date, gender: str) -> str:
    """A valid 18-digit resident ID (GB 11643): region, birth date, sequence with gender parity, check digit."""
    gender_digit = rng.choice("13579" if gender == "male" else "02468")
    first17 = f"{region6}{birth:%Y%m%d}{rng.randrange(100):02d}{gender_digit}"
    return first17 + check_digit(first17)


def mobile(rng: random.Random) -> str:
    return rng.choice(PEOPLE["mobile_prefixes"]) + f"{rng.randrange(10 ** 8):08d}"


def landline(rng: random.Random) -> str:
    return f"{HOME['area_code']}-{rng.randrange(2, 9)}{rng.randrange(10 ** 6):06d}"


def _birth_for_age(rng: random.Random, on: date, low: int, high: int) -> date:
    age = rng.randint(low, high)
    day = on - timedelta(days=age * 365 + rng.randrange(365))
    return day if day.year > 1900 else date(1930, 1, 1)


def _months_before(on: date, months: int) -> str:
    """'2024年5月': the month `months` before `on`."""
    index = on.year * 12 + on.month - 1 - months
    return COMMON["month"].format(year=index // 12, month=index % 12 + 1)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _education(rng: random.Random, birth: date) -> str | None:
    if rng.random() < 0.35:
        return None
    if birth.year < 1960:
        return rng.choices(("none", "primary", "junior"), weights=(3, 5, 2))[0]
    if birth.year < 1985:
        return rng.choices(("primary", "junior", "senior", "college"), weights=(2, 6, 3, 1))[0]
    return rng.choices(("junior", "senior", "college", "bachelor"), weights=(4, 4, 2, 1))[0]


def _region_names() -> tuple[dict[str, str], dict[str, str]]:
    from desktop.records.reference import default_reference
    try:
        regions = default_reference().choices("regions")
    except KeyError:
        return {}, {}
    return ({c.code: c.zh for c in regions if len(c.code) == 2}, {c.code: c.zh for c in regions if len(c.code) == 4})


_PROVINCE_NAMES, _PREFECTURE_NAMES = _region_names()

# --------------------------------------------------------------------------- people


@dataclass
class Person:
    """A made-up person; `fields()` gives the person fields of a record."""
    name: str
    gender: str
    ethnicity: str
    birth: date
    id_type: str
    id_number: str | None
    phone: str | None
    address: str
    hukou: str
    occupation: str | None
    traits: set[str] = field(default_factory=set)  # lasting categories: disabled, military, subsistence, ...
    health: str | None = None
    education: str | None = None
    language: str | None = None
    interpreter: bool = False
    work_unit: str | None = None

    def categories(self, on: date, extra: tuple[str, ...] = ()) -> list[str]:
        cats = set(self.traits) | set(extra)
        age = _age(self.birth, on)
        cats |= {c for c, yes in (("minor", age < 18), ("elderly", age >= 60), ("ethnic_minority", self.ethnicity != "01"),
                                  ("woman", self.gender == "female" and age >= 18)) if yes}
        return [c for c in CATEGORY_ORDER if c in cats]

    def fields(self, on: date, extra: tuple[str, ...] = (), full: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "gender": self.gender, "phone": self.phone,
                                "categories": self.categories(on, extra)}
        if full or self.id_number:
            data.update(ethnicity=self.ethnicity, id_type=self.id_type, id_number=self.id_number,
                        birth_date=self.birth.isoformat(), address=self.address, hukou=self.hukou,
                        occupation=self.occupation, work_unit=self.work_unit, education=self.education,
                        health=self.health, language=self.language,
                        interpreter_needed=True if self.interpreter else None)
            if data["id_type"] == "resident_id" and data["address"].startswith(DEMO_SETTINGS.county_name):
                data["postcode"] = HOME["postcode"]
            if "disabled" in self.traits:
                sensory = self.health == "disabled" and "sensory" in self.traits
                data["accessibility_needs"] = PEOPLE["accessibility_sensory" if sensory else "accessibility_mobility"]
        return {k: v for k, v in data.items() if v not in (None, "", [])}


class PersonMaker:
    def __init__(self, rng: random.Random, settings: StationSettings):
        self.rng = rng
        self.county = settings.county_name or DEMO_SETTINGS.county_name
        self.township = settings.township or DEMO_SETTINGS.township

    def name(self, gender: str, ethnicity: str, birth: date) -> str:
        rng = self.rng
        own = {"05": "uyghur", "17": "kazakh"}.get(ethnicity)
        if own:
            return PEOPLE["patronymic"].format(given=rng.choice(PEOPLE[own][gender]),
                                               father=rng.choice(PEOPLE[own]["male"]))
        if ethnicity == "04":
            first = rng.choice(PEOPLE["tibetan_first"])
            second = rng.choice([s for s in PEOPLE["tibetan_second"][gender] if s != first])
            return first + second if rng.random() < 0.85 else second
        single = {"02": ("mongol", 0.7), "07": ("yi", 0.6)}.get(ethnicity)
        if single and rng.random() < single[1]:
            return rng.choice(PEOPLE[single[0]][gender])
        surnames = ETHNIC[ethnicity]["surnames"]
        surname = rng.choice(surnames) if surnames else rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
        generation = 0 if birth.year < 1965 else 1 if birth.year < 1995 else 2
        return surname + rng.choice(PEOPLE["given"][gender][generation])

    def make(self, on: date, *, low: int = 18, high: int = 75, gender: str | None = None,
             ethnicity: str | None = None, traits: tuple[str, ...] = (), id_known: bool = True) -> Person:
        rng, county = self.rng, self.county
        gender = gender or rng.choice(("male", "female"))
        ethnicity = ethnicity or rng.choices(ETHNIC_CODES, weights=ETHNIC_WEIGHTS)[0]
        birth = _birth_for_age(rng, on, low, high)
        homes, language = ETHNIC[ethnicity]["homes"], ETHNIC[ethnicity]["language"]
        if homes is None or (ethnicity == "03" and rng.random() < 0.6):  # local
            region = HOME["region"] if rng.random() < 0.92 else f"{HOME['region_prefix']}{rng.randint(21, 28):02d}"
            village = rng.choice(VILLAGES)
            township = self.township if rng.random() < 0.8 else rng.choice(TOWNSHIPS)
            if village.endswith(PLACES["community_suffix"]):
                address = PLACES["address_street"].format(county=county, township=township,
                                                          street=rng.choice(STREETS), number=rng.randint(1, 300))
            else:
                address = PLACES["address_village"].format(county=county, township=township, village=village,
                                                           group=rng.randint(1, 12))
            hukou = PLACES["hukou_local"].format(province=HOME["province"], county=county, township=township,
                                                 village=village)
        else:
            prefecture = rng.choice(homes)
            region = f"{prefecture}{rng.randint(1, 30):02d}"
            hukou = _PROVINCE_NAMES.get(prefecture[:2], "") + _PREFECTURE_NAMES.get(prefecture, "")
            address = PLACES["address_rented"].format(county=county, township=self.township,
                                                      street=rng.choice(STREETS), number=rng.randint(1, 300))
        all_traits = set(traits)
        age = _age(birth, on)
        health = "healthy" if rng.random() < 0.8 else None
        if "disabled" in all_traits:
            health = "disabled"
        elif age >= 60 and rng.random() < 0.08:
            health = "seriously_ill"
        id_type, number = "resident_id", None
        if "military" in all_traits and rng.random() < 0.4:
            id_type = "military_id"
            number = PEOPLE["military_id"].format(prefix=rng.choice(PEOPLE["military_id_prefixes"]),
                                                  number=f"{rng.randrange(10 ** 7):07d}")
        if id_type == "resident_id":
            number = resident_id(rng, region, birth, gender) if id_known else None
        phone = (mobile(rng) if rng.random() < 0.9 else landline(rng)) if age >= 14 else None
        if age < 18:
            occupation = PEOPLE["occupation_student"] if age >= 6 else None
        elif age >= 60:
            occupation = rng.choice(PEOPLE["occupations_elderly"])
        elif "military" in all_traits:
            occupation = PEOPLE["occupation_soldier"]
        elif "migrant_worker" in all_traits:
            occupation = rng.choice(PEOPLE["occupations_migrant"])
        elif age <= 23:
            occupation = rng.choice(PEOPLE["occupations_young"])
        else:
            occupation = rng.choice(PEOPLE["occupations"]) if rng.random() < 0.85 else None
        education = _education(rng, birth)
        interpreter = bool(language) and rng.random() < ETHNIC[ethnicity]["interpreter"]
        work_unit = None
        if occupation in PEOPLE["occupations_employed"] and rng.random() < 0.5:
            work_unit = rng.choice(EMPLOYERS)
        elif occupation == PEOPLE["occupation_soldier"]:
            work_unit = PEOPLE["military_units"][0 if rng.random() < 0.6 else 1]
        return Person(self.name(gender, ethnicity, birth), gender, ethnicity, birth, id_type, number, phone,
                      address, hukou, occupation, all_traits, health, education, language, interpreter, work_unit)


# --------------------------------------------------------------------------- records


def _fill(rng: random.Random, template: str, on: date) -> str:
    """A question template with its fields (see consultations.json) filled in."""
    return template.format(
        employer=rng.choice(EMPLOYERS), job=rng.choice(JOBS), boss=COMMON["someone"].format(surname=rng.choice(SURNAMES[:30])),
        amount=_cn_amount(_money(rng, 3000, 80000)), small=_cn_amount(_money(rng, 300, 3000, 100)),
        months=rng.randint(2, 14), years=rng.randint(2, 15), n=rng.randint(2, 8), place=rng.choice(PLACES["cities_away"]),
        relation=rng.choice(COMMON["relations_talk"]), age=rng.randint(68, 89), house=rng.choice(CONSULT["houses"]),
        days=rng.randint(5, 60), mu=rng.choice(CONSULT["mu"]), year=on.year - rng.randint(1, 5),
        charge=rng.choice(CHARGES_COMMON), detention=DETENTION[0])


class Generator:
    """Makes records one at a time; keeps the few people and records later records refer to."""

    def __init__(self, rng: random.Random, settings: StationSettings):
        self.rng = rng
        self.settings = settings
        self.people = PersonMaker(rng, settings)
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

    def returning_person(self, on: date, low: int = 18, high: int = 120, traits: tuple[str, ...] = ()) -> Person | None:
        for _ in range(4):
            if not self.returning:
                return None
            person = self.rng.choice(self.returning)
            if low <= _age(person.birth, on) <= high and set(traits) <= person.traits:
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
            person.id_number = resident_id(rng, HOME["region"], person.birth, person.gender)
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
            found = self.returning_person(on, kw.get("low", 18), kw.get("high", 75), kw.get("traits", ()))
            if found and found.id_number and found.id_type == "resident_id":
                return found
        return self.people.make(on, **kw)

    def _name(self, gender: str | None, ethnicity: str, born: int) -> str:
        """Another party's name (a random gender when None)."""
        return self.people.name(gender or self.rng.choice(("male", "female")), ethnicity, date(born, 1, 1))

    def _household(self, data: dict[str, Any], ground: str) -> None:
        rng = self.rng
        size = rng.choices((1, 2, 3, 4, 5, 6), weights=(2, 3, 4, 5, 3, 1))[0]
        income = rng.randrange(0, 900 * size + 1, 50) if ground == "hardship_checked" else rng.randrange(300, 1000 * size, 50)
        data.update(household_size=size, monthly_income=f"{income}.00", income_sources=rng.choice(APPS["income_sources"]),
                    property=rng.choice(APPS["property"]))

    def _civil(self, data: dict[str, Any], case_type: str, cause: str, art31: str | None, opposing: str,
               amount: str | None, position: str = "plaintiff", status: str = "not_started") -> None:
        rng = self.rng
        aid = {"civil": "litigation", "administrative": "litigation", "state_compensation": "state_compensation",
               "labour_arbitration": "arbitration", "non_litigation": "non_litigation"}[case_type]
        data.update(case_type=case_type, aid_kind=aid, cause=cause, litigation=aid in ("litigation", "state_compensation"),
                    legal_position=position if aid != "arbitration" else "applicant",
                    proceeding_status=status if case_type != "labour_arbitration" else rng.choice(
                        ("not_started", "arbitration", "arbitration")),
                    art31_category=art31, opposing_party=opposing, amount=amount)
        if case_type == "non_litigation":
            data["proceeding_status"] = "mediation"
            data["litigation"] = False
        if (aid != "arbitration" and opposing and not any(m in opposing for m in APPS["organisation_markers"])
                and rng.random() < 0.6):
            data["opposing_address"] = PLACES["opposing_address"].format(
                county=self.county, township=rng.choice(TOWNSHIPS), village=rng.choice(VILLAGES))

    def _ground(self, data: dict[str, Any], ground: str, **detail: str) -> None:
        data["eligibility_ground"] = ground
        data.update(detail)
        if ground in ("hardship_checked", "commitment"):
            self._household(data, ground)
        if self.rng.random() < 0.35:
            data["informed_judicial_assistance"] = True

    def _means_tested(self, data: dict[str, Any], *grounds: str) -> None:
        self._ground(data, self.rng.choice(grounds or ("hardship_checked", "commitment")))

    def _urgent(self, data: dict[str, Any], on: date, rate: float = 0.04) -> None:
        rng = self.rng
        if rng.random() < rate:
            data["urgent"] = True
            if rng.random() < 0.75:
                data.update(urgency_reason="deadline", urgent_deadline=(on + timedelta(days=rng.randint(1, 6))).isoformat())
            else:
                data["urgency_reason"] = "preservation"

    # one builder per scenario (applications.json "cases" has their texts): fills the case, returns (person, extra categories)

    def _app_migrant_wages(self, data, on, person):
        rng, t = self.rng, CASES["migrant_wages"]
        person = person or self._new_or_returning(on, low=19, high=62, traits=("migrant_worker",),
                                                  gender="male" if rng.random() < 0.8 else None)
        person.traits.add("migrant_worker")
        employer, amount = rng.choice(EMPLOYERS), _money(rng, 4000, 120000)
        months = rng.randint(2, 18)
        began = _months_before(on, months + rng.randint(0, 24))
        case_type = rng.choice(("labour_arbitration", "labour_arbitration", "civil"))
        self._civil(data, case_type, rng.choice(t["causes"]), "labour", employer, amount)
        data["facts"] = t["facts"].format(name=person.name, began=began, employer=employer, job=rng.choice(JOBS),
                                          contract=t["contract"][0 if rng.random() < 0.7 else 1], months=months,
                                          amount=_cn_amount(amount))
        self._ground(data, "art42", art42_exemption="migrant_wages")
        self._urgent(data, on)
        return person, ("migrant_worker",)

    def _app_labour(self, data, on, person):
        rng, t = self.rng, CASES["labour"]
        person = person or self._new_or_returning(on, low=20, high=58)
        employer = rng.choice(EMPLOYERS)
        self._civil(data, "labour_arbitration", rng.choice(t["causes"]), "labour", employer, _money(rng, 8000, 90000))
        data["facts"] = t["facts"].format(since=on.year - rng.randint(2, 10), employer=employer, year=on.year, month=on.month)
        self._means_tested(data)
        return person, ()

    def _app_work_injury(self, data, on, person):
        rng, t = self.rng, CASES["work_injury"]
        person = person or self._new_or_returning(on, low=20, high=60, traits=("migrant_worker",), gender="male")
        person.traits.add("migrant_worker")
        employer = rng.choice(EMPLOYERS)
        self._civil(data, rng.choice(("labour_arbitration", "civil")), rng.choice(t["causes"]), "injury", employer,
                    _money(rng, 20000, 300000, 1000))
        data["facts"] = t["facts"].format(employer=employer, year=on.year, month=rng.randint(1, on.month),
                                          injury=rng.choice(t["injuries"]),
                                          finding=t["findings"][0 if rng.random() < 0.5 else 1])
        if rng.random() < 0.7:
            self._ground(data, "art42", art42_exemption="migrant_wages")
        else:
            self._ground(data, "hardship_checked")
        return person, ("migrant_worker",)

    def _app_traffic(self, data, on, person):
        rng, t = self.rng, CASES["traffic"]
        person = person or self._new_or_returning(on, low=18, high=78)
        driver = self._name(None, "01", 1980)
        self._civil(data, "civil", t["cause"], "injury", t["opposing"].format(driver=driver, county=self.county),
                    _money(rng, 10000, 400000, 500))
        data["facts"] = t["facts"].format(year=on.year, month=rng.randint(1, on.month), way=rng.choice(t["ways"]),
                                          county=self.county, street=rng.choice(STREETS), driver=driver,
                                          blame=rng.choice(t["blame"]), days=rng.randint(10, 90))
        self._means_tested(data, "hardship_checked", "commitment", "commitment")
        self._urgent(data, on)
        return person, ()

    def _app_support(self, data, on, person):
        rng, t = self.rng, CASES["support"]
        person = person or self._new_or_returning(on, low=65, high=92)
        child = self._name(None, person.ethnicity, 1975)
        self._civil(data, "civil", t["cause"], "support", child, _money(rng, 3600, 24000, 600))
        data["facts"] = t["facts"].format(age=_age(person.birth, on), children=rng.randint(2, 5), child=child)
        self._ground(data, "art42", art42_exemption="no_income_group")
        return person, ("elderly",)

    def _app_child_support(self, data, on, person):
        rng, t = self.rng, CASES["child_support"]
        person = person or self._new_or_returning(on, low=24, high=45, gender="female")
        ex = self._name("male", "01", 1985)
        self._civil(data, "civil", t["cause"], "support", ex, _money(rng, 6000, 60000))
        data["facts"] = t["facts"].format(ex=ex, year=on.year - rng.randint(1, 6), monthly=rng.choice(t["monthly"]),
                                          months=rng.randint(6, 30))
        self._means_tested(data)
        return person, ()

    def _app_domestic_violence(self, data, on, person):
        rng, t = self.rng, CASES["domestic_violence"]
        person = person or self._new_or_returning(on, low=22, high=60, gender="female")
        person.traits.add("domestic_violence_victim")
        husband = self._name("male", person.ethnicity, 1980)
        self._civil(data, "civil", rng.choice(t["causes"]), None, husband, None)
        data["facts"] = t["facts"].format(husband=husband, year=on.year - rng.randint(1, max(1, _age(person.birth, on) - 21)),
                                          times=rng.randint(2, 6))
        self._ground(data, "art32", art32_ground="abuse_victim")
        self._urgent(data, on, 0.1)
        return person, ("domestic_violence_victim", "woman")

    def _app_divorce(self, data, on, person):
        rng, t = self.rng, CASES["divorce"]
        person = person or self._new_or_returning(on, low=23, high=60, gender="female" if rng.random() < 0.7 else "male")
        spouse = self._name("male" if person.gender == "female" else "female", person.ethnicity, 1985)
        self._civil(data, "civil", t["cause"], "other", spouse, None)
        data["facts"] = t["facts"].format(spouse=spouse, year=on.year - rng.randint(1, max(1, _age(person.birth, on) - 21)),
                                          years=rng.randint(2, 6))
        self._means_tested(data)
        return person, ()

    def _app_inheritance(self, data, on, person):
        rng, t = self.rng, CASES["inheritance"]
        person = person or self._new_or_returning(on, low=35, high=80)
        sibling = self._name(None, person.ethnicity, 1965)
        self._civil(data, "civil", t["cause"], "other", sibling, _money(rng, 50000, 400000, 1000))
        data["facts"] = t["facts"].format(year=on.year - rng.randint(1, 4), sibling=sibling)
        self._ground(data, "hardship_checked")
        return person, ()

    def _app_military(self, data, on, person):
        rng, t = self.rng, CASES["military"]
        trait = rng.choice(("military_family", "military_family", "military", "veteran"))
        person = person or self.people.make(on, low=21, high=60, traits=(trait,),
                                            gender="female" if trait == "military_family" else "male")
        if not MILITARY & person.traits:
            person.traits.add("military_family")
        matter = t["matters"][rng.choice(("land", "property", "marriage", "debt"))]
        opposing = self._name("male", "01", 1975)
        mu, loan = rng.choice(t["mu"]), _cn_amount(_money(rng, 20000, 150000))  # drawn whichever the matter
        self._civil(data, "civil", matter["cause"], None, opposing, None)
        data["facts"] = matter["facts"].format(mu=mu, loan=loan, opposing=opposing) + t["suffix"]
        self._ground(data, "military_simplified")
        return person, tuple(MILITARY & person.traits)

    def _app_social_assistance(self, data, on, person):
        rng, t = self.rng, CASES["social_assistance"]
        person = person or self._new_or_returning(on, low=30, high=80, traits=("subsistence",))
        person.traits.add("subsistence")
        opposing = self._name("male", "01", 1970)
        self._civil(data, "civil", rng.choice(t["causes"]), "other", opposing, _money(rng, 3000, 50000))
        data["facts"] = t["facts"].format(opposing=opposing)
        self._ground(data, "art42", art42_exemption="social_assistance")
        return person, ("subsistence",)

    def _app_social_insurance(self, data, on, person):
        rng, t = self.rng, CASES["social_insurance"]
        person = person or self._new_or_returning(on, low=50, high=70)
        case_type, employer = rng.choice(("administrative", "civil")), rng.choice(EMPLOYERS)
        self._civil(data, case_type, t["cause"], "social_insurance",
                    rng.choice((t["bureau"].format(county=self.county), employer)), _money(rng, 5000, 80000))
        data["facts"] = t["facts"]
        self._ground(data, "hardship_checked")
        return person, ()

    def _app_bravery(self, data, on, person):
        rng, t = self.rng, CASES["bravery"]
        person = person or self._new_or_returning(on, low=20, high=60, gender="male")
        opposing = self._name("male", "01", 1990)
        self._civil(data, "civil", t["cause"], None, opposing, _money(rng, 10000, 100000))
        data["facts"] = t["facts"].format(county=self.county, street=rng.choice(STREETS), opposing=opposing)
        self._ground(data, "art32", art32_ground="bravery")
        return person, ()

    def _app_state_compensation(self, data, on, person):
        rng, t = self.rng, CASES["state_compensation"]
        person = person or self._new_or_returning(on, low=25, high=65, gender="male")
        self._civil(data, "state_compensation", t["cause"], "state_compensation", t["opposing"].format(county=self.county),
                    _money(rng, 20000, 200000))
        data["facts"] = t["facts"].format(days=rng.randint(30, 400))
        self._ground(data, "art32", art32_ground="retrial_acquittal")
        return person, ()

    def _app_medical(self, data, on, person):
        rng, t = self.rng, CASES["medical"]
        person = person or self._new_or_returning(on, low=20, high=80)
        hospital = rng.choice([h.format(county=self.county, township=self.people.township) for h in t["hospitals"]])
        self._civil(data, "civil", t["cause"], "injury", hospital, _money(rng, 30000, 500000, 1000))
        data["facts"] = t["facts"].format(hospital=hospital)
        self._means_tested(data)
        return person, ()

    def _app_hardship_civil(self, data, on, person):
        rng, t = self.rng, CASES["hardship_civil"]
        person = person or self._new_or_returning(on, low=20, high=80)
        opposing = self._name("male", "01", 1975)
        cause = rng.choice(t["causes"])
        self._civil(data, "civil", cause["cause"], "other", opposing, _money(rng, 5000, 100000) if cause["amount"] else None,
                    position="defendant" if rng.random() < 0.1 else "plaintiff")
        data["facts"] = t["facts"].format(opposing=opposing, dispute=cause["dispute"])
        self._means_tested(data)
        return person, ()

    def _app_mediation(self, data, on, person):
        rng, t = self.rng, CASES["mediation"]
        person = person or self._new_or_returning(on, low=25, high=80)
        opposing = self._name(None, "01", 1970)
        self._civil(data, "non_litigation", rng.choice(t["causes"]), None, opposing, None)
        data["facts"] = t["facts"].format(opposing=opposing)
        self._ground(data, "commitment")
        return person, ()

    def _criminal(self, data: dict[str, Any], role: str, charge: str, stage: str, detained: bool) -> None:
        defence = role in ("suspect", "defendant")
        data.update(case_type="criminal", litigation=True, criminal_role=role, charge=charge, criminal_stage=stage,
                    aid_kind="criminal_defence" if defence else "criminal_representation",
                    cause=(APPS["suspect_cause"].format(charge=charge) if defence
                           else APPS["victim_cause"].format(crime=charge[:-1])),  # 故意伤害罪 -> 故意伤害案
                    proceeding_status={"death_review": "second_instance"}.get(stage, stage))
        if detained:
            data["detention_place"] = DETENTION[1] if charge in CHARGES_SERIOUS else self.rng.choice(DETENTION[:2])

    def _app_notification(self, data, on, person):
        rng, t = self.rng, CASES["notification"]
        ground = rng.choices(("minor", "life_or_death", "sensory_disability", "mental", "absentia", "death_review"),
                             weights=(40, 28, 15, 12, 3, 2))[0]
        if ground == "minor":
            person = self.people.make(on, low=14, high=17, gender="male" if rng.random() < 0.85 else "female")
            charge = rng.choice(CHARGES_MINOR)
        else:
            person = self.people.make(on, low=20, high=60, gender="male" if rng.random() < 0.88 else "female",
                                      traits=("disabled", "sensory") if ground == "sensory_disability" else ())
            charge = rng.choice(CHARGES_SERIOUS if ground in ("life_or_death", "death_review") else CHARGES_COMMON)
        if rng.random() < 0.2:
            person.id_number = None  # the notice named the suspect, the number follows later
        stage = {"death_review": "death_review", "absentia": "first_instance"}.get(
            ground, rng.choices(("investigation", "prosecution", "first_instance", "second_instance"), weights=(3, 4, 5, 1))[0])
        organ = {"investigation": "police", "prosecution": "procuratorate"}.get(stage, "court")
        self._criminal(data, "suspect" if stage in ("investigation", "prosecution") else "defendant", charge, stage,
                       detained=ground != "absentia")
        if ground in ("life_or_death", "death_review"):
            data["life_or_death"] = True
        n, court = rng.randint(1, 260), rng.randint(21, 28)
        data["notifying_organ"] = organ
        data["notification_number"] = t["numbers"][organ].format(short=self.short, year=on.year, n=n, court=court,
                                                                 court_prefix=HOME["court_prefix"])
        data["facts"] = t["facts"].format(organ=t["organs"][organ].format(county=self.county), name=person.name,
                                          number=data["notification_number"], charge=charge, reason=t["reasons"][ground])
        data["eligibility_ground"] = "criminal_notification"
        data["art25_ground"] = ground
        if ground == "mental":
            person.health = "seriously_ill"
        return person, ()

    def _app_detention_defence(self, data, on, person):
        rng, t = self.rng, CASES["detention_defence"]
        person = self.people.make(on, low=19, high=65, gender="male" if rng.random() < 0.9 else "female")
        charge = rng.choice(CHARGES_COMMON)
        stage = rng.choices(("investigation", "prosecution", "first_instance", "second_instance"), weights=(2, 4, 5, 1))[0]
        self._criminal(data, "suspect" if stage in ("investigation", "prosecution") else "defendant", charge, stage, True)
        relative = self._name(None, person.ethnicity, 1965)
        if data["channel"] == "window":
            data.update(agent_name=relative, agent_relation=rng.choice(("parent", "spouse", "relative")),
                        agent_phone=mobile(rng))
        data["facts"] = t["facts"].format(name=person.name, charge=charge, year=on.year, county=self.county,
                                          place=data["detention_place"], via=t["via"].get(data["channel"], t["via"]["window"]))
        self._means_tested(data)
        return person, ()

    def _app_criminal_victim(self, data, on, person):
        rng, t = self.rng, CASES["criminal_victim"]
        role = rng.choices(("victim", "victim_relative", "private_prosecutor", "civil_plaintiff"), weights=(5, 3, 1, 2))[0]
        person = person or self._new_or_returning(on, low=18, high=75)
        charge = rng.choice(t["charges_private"] if role == "private_prosecutor" else t["charges"])
        stage = rng.choice(("prosecution", "first_instance")) if role != "private_prosecutor" else "first_instance"
        self._criminal(data, role, charge, stage, False)
        data["facts"] = t["facts"].format(crime=charge[:-1], role=t["roles"][role], ask=t["asks"].get(role, t["asks"]["other"]))
        if "judicial_assistance" in person.traits or rng.random() < 0.12:
            person.traits.add("judicial_assistance")
            self._ground(data, "judicial_assistance_mutual")
            return person, ("judicial_assistance",)
        if _age(person.birth, on) >= 60:
            self._ground(data, "art42", art42_exemption="no_income_group")
        else:
            self._means_tested(data)
        data["informed_judicial_assistance"] = True
        return person, ()

    def _legal_rep(self, data: dict[str, Any], person: Person) -> None:
        rng = self.rng
        rep_gender = rng.choice(("male", "female"))
        han_style = person.ethnicity == "01" or ETHNIC[person.ethnicity]["surnames"]
        rep = (person.name[0] + rng.choice(PEOPLE["given"][rep_gender][1])) if han_style else \
            self.people.name(rep_gender, person.ethnicity, date(1980, 1, 1))
        data.update(legal_rep_name=rep, legal_rep_relation="parent", legal_rep_phone=mobile(rng))
        if data.get("case_type"):
            data.update(agent_name=rep, agent_relation="parent", agent_phone=data["legal_rep_phone"])

    def _materials(self, data: dict[str, Any]) -> None:
        rng = self.rng
        items = ["signed_form", "case_material"]
        if data.get("id_number"):
            items.insert(0, "id_copy")
        items += {"hardship_checked": ["hardship_proof"], "commitment": ["commitment"],
                  "criminal_notification": ["notification_letter"]}.get(data.get("eligibility_ground"), [])
        if data.get("agent_name"):
            items.append("power_of_attorney")
        if rng.random() < 0.1:
            items.append("other")
        data["materials"] = items
        data["materials_pages"] = rng.randint(len(items), 12 + 4 * len(items))


# --------------------------------------------------------------------------- the stream


@dataclass(order=True)
class _Planned:
    at: datetime
    order: int
    kind: str = field(compare=False)  # consultation, application, pair_app, edit, void
    channel: str = field(compare=False, default="")
    event: str | None = field(compare=False, default=None)
    event_kind: str | None = field(compare=False, default=None)
    ref: int | None = field(compare=False, default=None)  # key of the record referred to
    converts: bool = field(compare=False, default=False)


def _event_calendar(rng: random.Random, start: datetime, end: datetime) -> list[tuple[date, str, str]]:
    """About two outreach days a month: (day, event name, kind)."""
    events, catalogue = [], PLACES["outreach_events"]
    day = start.date() + timedelta(days=rng.randint(1, 10))
    while day < end.date():
        if day.weekday() < 6:
            name, kind, _ = rng.choices(catalogue, weights=[e[2] for e in catalogue])[0]
            events.append((day, name.format(village=rng.choice(VILLAGES)), kind))
        day += timedelta(days=rng.randint(8, 20))
    return events or [(start.date(), PLACES["fallback_event"], "village")]


def _moment(rng: random.Random, day: date, channel: str) -> datetime:
    if channel in ("hotline", "online", "outreach"):
        minutes = rng.randint(*{"hotline": (8 * 60, 19 * 60 + 30), "online": (7 * 60, 23 * 60),
                                "outreach": (9 * 60, 16 * 60)}[channel])
    else:  # office hours, with the lunch break
        minutes = rng.choice((rng.randint(8 * 60 + 30, 11 * 60 + 45), rng.randint(14 * 60 + 30, 17 * 60 + 45)))
    return datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)


def _random_day(rng: random.Random, start: datetime, end: datetime, weekends: bool) -> date:
    span = (end.date() - start.date()).days
    while True:
        day = start.date() + timedelta(days=rng.randint(0, span))
        if day.weekday() < 5 or weekends and rng.random() < 0.5 or rng.random() < 0.08:
            return day


def _plan(rng: random.Random, count: int, start: datetime, end: datetime) -> list[_Planned]:
    events = _event_calendar(rng, start, end)
    plan: list[_Planned] = []
    n_applications = round(count * 0.3)
    n_pairs = round(n_applications * 0.3)
    for i in range(count - n_applications):
        channel = _pick(rng, {"walk_in": 50, "hotline": 28, "outreach": 14, "online": 5, "letter": 3})
        event = kind = None
        if channel == "outreach":
            day, event, kind = rng.choice(events)
        else:
            day = _random_day(rng, start, end, channel in ("hotline", "online"))
        converts = i < n_pairs
        if converts and channel in ("hotline", "online", "letter"):
            channel = "walk_in"
        plan.append(_Planned(_moment(rng, day, channel), len(plan), "consultation", channel, event, kind, converts=converts))
    for _ in range(n_applications - n_pairs):
        channel = _pick(rng, {"window": 84, "outreach": 8, "online": 5, "detention": 3})
        event = kind = None
        if channel == "outreach":
            day, event, kind = rng.choice(events)
        else:
            day = _random_day(rng, start, end, channel == "online")
        plan.append(_Planned(_moment(rng, day, "window" if channel != "online" else "online"), len(plan), "application",
                             channel, event, kind))
    for p in plan:  # nothing after the end of the range (today's records are entered "now")
        if p.at > end:
            p.at = end - timedelta(minutes=rng.randint(1, 60))
    plan.sort()
    return plan


def generate_records(rng: random.Random, count: int, settings: StationSettings,
                     now: datetime | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """`count` consultations and applications over the two years before `now`, oldest first, plus edits and voids.

    Yields (record_type, data) in the order a clerk entered them; see the module
    docstring for the `_demo_` keys the runner acts on.
    """
    end = (now or datetime.now()).replace(second=0, microsecond=0) - timedelta(minutes=2)
    start = end - timedelta(days=730)
    gen = Generator(rng, settings)
    queue: list[_Planned] = _plan(rng, count, start, end)
    heapq.heapify(queue)
    order = len(queue)
    pending: dict[int, tuple[dict[str, Any], Person, str]] = {}  # consultation key -> data, person, matter
    kept: dict[int, tuple[str, dict[str, Any]]] = {}  # records to be edited later
    key = 0
    while queue:
        item = heapq.heappop(queue)
        at = item.at
        meta: dict[str, Any] = {"_demo_at": at.isoformat(timespec="seconds")}
        if item.kind == "edit":
            record_type, data = kept.pop(item.ref)
            yield record_type, {**_edited(rng, record_type, data), **meta, "_demo_edit_of": item.ref}
            continue
        if item.kind == "void":
            yield item.channel, {**meta, "_demo_void_of": item.ref, "_demo_reason": rng.choice(COMMON["void_reasons"])}
            continue
        key += 1
        meta["_demo_key"] = key
        if item.kind == "consultation":
            data, person, matter = gen.consultation(at, item.channel, item.event, item.event_kind, item.converts)
            record_type = "consultation"
            if item.converts:
                pending[key] = (data, person, matter)
                delay = timedelta(minutes=rng.randint(10, 50)) if rng.random() < 0.8 else timedelta(days=rng.randint(1, 5))
                later = min(at + delay, end) if at + delay <= end else at + timedelta(minutes=1)
                heapq.heappush(queue, _Planned(later, order, "pair_app", "window", item.event, item.event_kind, key))
                order += 1
        elif item.kind == "pair_app":
            source = pending.pop(item.ref)
            channel = "outreach" if source[0].get("channel") == "outreach" else "window"
            data = gen.application(at, channel, item.event, item.event_kind, source)
            meta["_demo_from"] = item.ref
            record_type = "application"
        else:
            data = gen.application(at, item.channel, item.event, item.event_kind)
            record_type = "application"
        # what happens to it later is decided now, so the runner knows (the same draws as after the yield)
        roll = rng.random()
        if roll < 0.035 and not item.converts:
            kept[key] = (record_type, dict(data, **({"_demo_from": meta["_demo_from"]} if "_demo_from" in meta else {})))
            when = min(at + timedelta(hours=rng.randint(1, 72)), end)
            heapq.heappush(queue, _Planned(max(when, at + timedelta(minutes=1)), order, "edit", ref=key))
            order += 1
        elif roll < 0.045 and not item.converts and item.kind != "pair_app":
            when = min(at + timedelta(hours=rng.randint(1, 240)), end)
            heapq.heappush(queue, _Planned(max(when, at + timedelta(minutes=1)), order, "void", record_type, ref=key))
            order += 1
            meta["_demo_voided"] = True
        yield record_type, {**data, **meta}


def _edited(rng: random.Random, record_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """A second version as a clerk makes it: a corrected phone, an addition, a fuller answer."""
    data = dict(data)
    change = rng.random()
    if change < 0.3 and data.get("phone"):
        data["phone"] = mobile(rng)
    elif record_type == "consultation":
        if change < 0.7:
            data["answer"] = data["answer"] + rng.choice(CONSULT["edit_addenda"])
        else:
            data["minutes"] = (data.get("minutes") or 10) + rng.randint(5, 20)
    elif change < 0.7:
        materials = list(data.get("materials") or [])
        data["materials"] = materials + ([] if "other" in materials else ["other"])
        data["materials_pages"] = (data.get("materials_pages") or 1) + rng.randint(1, 6)
        data["note"] = ((data.get("note") or "") + APPS["edit_more_evidence"]).strip()
    else:
        data["note"] = ((data.get("note") or "") + APPS["edit_progress_call"]).strip()
    return data


# --------------------------------------------------------------------------- the runner


def strip_meta(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not k.startswith(META_PREFIX)}


class _Clock:
    """The store's clock during the fill: the moment the current record was entered, as the device clock shows it."""

    def __init__(self) -> None:
        self.at: datetime | None = None

    def __call__(self) -> str:
        return (self.at or datetime.now()).astimezone().isoformat(timespec="seconds")


class _Scanner:
    """Sample scans for new applications (desktop.demo_scans), handled as the app handles a clerk's scans:
    drawn and put in the station's vault on worker threads (so the vault's fsyncs overlap the drawing),
    then linked and signed with the station key here, on the thread that owns the connection, at the
    fill clock's moment. Which applications get scans, and the scans' bytes, depend on the seed only."""

    WORKERS, AHEAD = 2, 12  # drawing holds the GIL: two threads are enough to hide the fsyncs

    def __init__(self, store: Store, attachments: Attachments, seed: int):
        from desktop.demo_scans import ScanMaker

        self.attachments = Attachments(store, attachments.vault, attachments.signer)  # the fill's clock
        self.seed, self.local, self.settings, self.maker_class = seed, threading.local(), store.settings, ScanMaker
        self.pool = ThreadPoolExecutor(self.WORKERS, thread_name_prefix="demo-scans")
        self.pending: deque[tuple[Future, str, str, datetime]] = deque()
        self.files = self.bytes = 0

    def submit(self, key: int, record_id: str, data: dict[str, Any], at: datetime, clock: _Clock) -> None:
        if random.Random(f"{self.seed}:share:{key}").random() < SCAN_SHARE:
            self.pending.append((self.pool.submit(self._make, key, dict(data), at), record_id, data["clerk"], at))
        self.link(clock, waiting=self.AHEAD)

    def _make(self, key: int, data: dict[str, Any], at: datetime) -> list[tuple[Any, StoredFile]]:
        """On a worker thread (each has its own maker: fonts are not shared between threads)."""
        maker = getattr(self.local, "maker", None) or self.maker_class(self.settings)
        self.local.maker = maker
        vault = self.attachments.vault
        return [(scan, vault.store_stream(io.BytesIO(scan.data), scan.file_name))
                for scan in maker.scans_for(random.Random(f"{self.seed}:scans:{key}"), data, at)]

    def link(self, clock: _Clock, waiting: int = 0) -> None:
        """Link the finished scans, oldest first; wait for the oldest while more than `waiting` are outstanding."""
        while self.pending and (self.pending[0][0].done() or len(self.pending) > waiting):
            future, record_id, clerk, at = self.pending.popleft()
            for i, (scan, stored) in enumerate(future.result()):
                clock.at = at + timedelta(minutes=1 + 2 * i)  # scanned just after the record was saved
                self.attachments.link_stored("application", record_id, scan.slot, stored, scan.file_name, user=clerk)
                self.files += 1
                self.bytes += stored.size

    def close(self) -> None:
        for future, *_ in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True)


def fill(station: Station, count: int, seed: int, *, progress=print, durable: bool = False,
         attachments: Attachments | None = None) -> dict[str, int]:
    """Save `count` generated records into an open, set-up station; returns counts by kind.

    With `attachments` (the station's, from desktop.services), sample scans are
    attached to about 60 % of the applications that are not voided later.
    Unless `durable`, the connection runs with synchronous=NORMAL during the fill
    (a crash may lose the last demo records, never corrupt the file) and FULL again after;
    the scan files themselves are always written durably by the vault.
    """
    clock = _Clock()
    store = Store(station.db, station.settings, station.store.reference, now=clock)
    scanner = _Scanner(store, attachments, seed) if attachments is not None else None
    conn = station.db.conn
    if not durable:
        conn.execute("PRAGMA synchronous = NORMAL")
    saved: dict[int, tuple[str, str, int]] = {}  # key -> record type, id, version
    counts = {"consultation": 0, "application": 0, "edit": 0, "void": 0, "linked": 0, "attachment": 0, "scan_bytes": 0}
    started = time.perf_counter()
    try:
        for record_type, data in generate_records(random.Random(seed), count, station.settings):
            clock.at = datetime.fromisoformat(data["_demo_at"])
            if "_demo_void_of" in data:
                rt, rid, version = saved[data["_demo_void_of"]]
                clerk = station.settings.clerks[0] if station.settings.clerks else "demo"
                result = store.void(rt, rid, data["_demo_reason"], user=clerk, expected_version=version)
                saved[data["_demo_void_of"]] = (rt, rid, result.version)
                counts["void"] += 1
                continue
            clean = strip_meta(data)
            if "_demo_from" in data:
                clean["consultation_id"] = saved[data["_demo_from"]][1]
            if "_demo_edit_of" in data:
                rt, rid, version = saved[data["_demo_edit_of"]]
                # as the forms do: the record's person link travels with the edit (else a person
                # without an ID number would be recorded again)
                person_id = store.get(rt, rid).data.get("person_id")
                if person_id:
                    clean["person_id"] = person_id
                result = store.save(record_type, clean, user=clean["clerk"], record_id=rid, expected_version=version)
                saved[data["_demo_edit_of"]] = (rt, rid, result.version)
                counts["edit"] += 1
                continue
            result = store.save(record_type, clean, user=clean["clerk"])
            saved[data["_demo_key"]] = (record_type, result.id, result.version)
            counts[record_type] += 1
            counts["linked"] += "_demo_from" in data
            if scanner is not None and record_type == "application" and not data.get("_demo_voided"):
                scanner.submit(data["_demo_key"], result.id, clean, clock.at, clock)
            done = counts["consultation"] + counts["application"]
            if done % PROGRESS_EVERY == 0 and progress:
                elapsed = time.perf_counter() - started
                scans = f"  {scanner.files:>6} scans {scanner.bytes / 1e6:7.1f} MB" if scanner else ""
                progress(f"  {done:>7}/{count} records  {done / elapsed:7.0f}/s{scans}")
        if scanner is not None:
            scanner.link(clock)  # the last ones
    finally:
        if scanner is not None:
            scanner.close()
        if not durable:
            conn.execute("PRAGMA synchronous = FULL")
    if scanner is not None:
        counts.update(attachment=scanner.files, scan_bytes=scanner.bytes)
    counts["seconds"] = time.perf_counter() - started  # type: ignore[assignment]
    return counts


def run_demo_data(data_dir: Path, count: int, seed: int) -> int:
    """`python -m desktop demo-data`: set up a demo station if needed, save `count` training records with scans."""
    from desktop.services import open_services
    from sync.identity import KeyFileError

    data_dir = Path(data_dir)
    if count < 0:
        print("demo-data: --count must be 0 or more", file=sys.stderr)
        return 2
    try:
        services = open_services(data_dir)
    except StorageError as exc:
        print(f"demo-data: {exc.text()}", file=sys.stderr)
        return 1
    except KeyFileError as exc:
        print(f"demo-data: the station key cannot be used: {exc}", file=sys.stderr)
        return 1
    station = services.station
    try:
        if not station.settings.configured:
            station.update_settings(DEMO_SETTINGS)
            print(f"demo-data: set up demo station {DEMO_SETTINGS.station_code} {DEMO_SETTINGS.station_name}")
        print(f"demo-data: saving {count} records into {station.database_file}, scans into {services.vault.root}")
        try:
            counts = fill(station, count, seed, attachments=services.attachments)
        except ValidationFailed as exc:  # a generator bug: say which rule, stop
            print(f"demo-data: a generated record did not pass validation: {exc}", file=sys.stderr)
            return 1
        except ImportRefused as exc:  # a scan generator bug, or the disk is full
            print(f"demo-data: a sample scan was not attached: {exc.text()}", file=sys.stderr)
            return 1
        except StorageError as exc:
            print(f"demo-data: {exc.text()}", file=sys.stderr)
            return 1
    finally:
        services.close()
    seconds = float(counts["seconds"])
    total = counts["consultation"] + counts["application"]
    print(f"demo-data: saved {total} records ({counts['consultation']} consultations, {counts['application']} applications, "
          f"{counts['linked']} from consultations, {counts['edit']} edits, {counts['void']} voided) and "
          f"{counts['attachment']} signed scans ({counts['scan_bytes'] / 1e6:.1f} MB) "
          f"in {seconds:.1f} s, {total / seconds if seconds else 0:.0f} records/s")
    return 0
