"""Made-up people: names, resident IDs, phones, addresses and the person fields of a record."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.records.idcard import check_digit
from desktop.records.settings import StationSettings

from .texts import (CATEGORY_ORDER, COMMON, DEMO_SETTINGS, EMPLOYERS, ETHNIC, ETHNIC_CODES, ETHNIC_WEIGHTS, HOME,
                    PEOPLE, PLACES, STREETS, SURNAME_WEIGHTS, SURNAMES, TOWNSHIPS, VILLAGES, _PREFECTURE_NAMES,
                    _PROVINCE_NAMES)

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
