"""Made-up people: names, resident IDs, phones, addresses and the person fields of a record."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

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


class IdNumbers:
    """Identity numbers handed out once each, so no two made-up people share one (a station refuses
    a number already registered to another name).

    A resident ID (GB 11643) is region, birth date, a three-digit sequence whose parity is the gender,
    and the check digit: 500 numbers per region, birth date and gender. A number is drawn at random
    and drawn again when taken; when all 500 are taken (only with tens of millions of people) the number
    moves to another county of the same prefecture. `taken` holds the numbers a station already has,
    so filling it again never reuses one of them.
    """

    def __init__(self, rng: random.Random, taken: Iterable[str] = ()):
        self.rng = rng
        self.taken: set[str] = set(taken)

    def resident(self, region6: str, birth: date, gender: str) -> str:
        parity = 1 if gender == "male" else 0
        for region in (region6, *(c for c in _counties(region6[:4]) if c != region6)):
            head = f"{region}{birth:%Y%m%d}"
            for _ in range(8):
                number = self._full(head + f"{self.rng.randrange(parity, 1000, 2):03d}")
                if number not in self.taken:
                    return self._take(number)
            free = [n for n in (self._full(head + f"{s:03d}") for s in range(parity, 1000, 2)) if n not in self.taken]
            if free:
                return self._take(self.rng.choice(free))
        raise RuntimeError(f"every {gender} resident ID of prefecture {region6[:4]} born {birth} is taken")

    def military(self) -> str:
        while True:
            number = PEOPLE["military_id"].format(prefix=self.rng.choice(PEOPLE["military_id_prefixes"]),
                                                  number=f"{self.rng.randrange(10 ** 7):07d}")
            if number not in self.taken:
                return self._take(number)

    @staticmethod
    def _full(first17: str) -> str:
        return first17 + check_digit(first17)

    def _take(self, number: str) -> str:
        self.taken.add(number)
        return number


def _counties(prefecture: str) -> list[str]:
    """The county codes people of a prefecture are drawn from: the home prefecture's real counties
    (GB/T 2260), elsewhere the prefecture's code (resources/reference/regions.json) and two digits."""
    if prefecture == HOME["region_prefix"]:
        return [f"{prefecture}{n:02d}" for n in range(21, 29)]
    return [f"{prefecture}{n:02d}" for n in range(1, 31)]


def mobile(rng: random.Random) -> str:
    return rng.choice(PEOPLE["mobile_prefixes"]) + f"{rng.randrange(10 ** 8):08d}"


def landline(rng: random.Random) -> str:
    return f"{HOME['area_code']}-{rng.randrange(2, 9)}{rng.randrange(10 ** 6):06d}"


def _years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _birth_for_age(rng: random.Random, on: date, low: int, high: int) -> date:
    """A birth date that makes the person between `low` and `high` years old (both included) on `on`."""
    earliest = _years_before(on, high + 1) + timedelta(days=1)
    latest = _years_before(on, low)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


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
    region: str = ""  # where the resident ID was issued (its first six digits)

    def categories(self, on: date, extra: tuple[str, ...] = ()) -> list[str]:
        """The record's categories on `on`: lasting traits, the case's `extra`, and those of age, sex and
        ethnicity, which come from the person alone (a 55-year-old in a support case is not 老年人)."""
        cats = (set(self.traits) | set(extra)) - {"minor", "elderly", "woman", "ethnic_minority"}
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
    def __init__(self, rng: random.Random, settings: StationSettings, taken: Iterable[str] = ()):
        self.rng = rng
        self.ids = IdNumbers(rng, taken)
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
            region = HOME["region"] if rng.random() < 0.92 else rng.choice(_counties(HOME["region_prefix"]))
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
            region = rng.choice(_counties(prefecture))
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
            number = self.ids.military()
        if id_type == "resident_id":
            number = self.ids.resident(region, birth, gender) if id_known else None
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
                      address, hukou, occupation, all_traits, health, education, language, interpreter, work_unit,
                      region)
