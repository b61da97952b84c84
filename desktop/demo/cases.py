"""The application builders: one per case scenario (applications.json "cases" has their texts)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from desktop.records.eligibility import over_standard

from .aftercare import HARDSHIP_STANDARD
from .people import Person, _age, _cn_amount, _money, _months_before, mobile
from .texts import (APPS, CASES, CHARGES_COMMON, CHARGES_MINOR, CHARGES_SERIOUS, DETENTION, EMPLOYERS, ETHNIC, HOME,
                    JOBS, MILITARY, PEOPLE, PLACES, STREETS, TOWNSHIPS, VILLAGES)


class ApplicationCases:
    """The part of `Generator` that fills an application's case: the shared steps (household, civil case,
    eligibility ground, urgency, criminal case, legal representative, materials) and the scenario builders.
    Expects `rng`, `county`, `people`, `returning_person`, `_new_or_returning` and `_name` from the Generator."""

    def _household(self, data: dict[str, Any], ground: str) -> None:
        rng = self.rng
        size = rng.choices((1, 2, 3, 4, 5, 6), weights=(2, 3, 4, 5, 3, 1))[0]
        income = rng.randrange(0, 900 * size + 1, 50) if ground == "hardship_checked" else rng.randrange(300, 1000 * size, 50)
        data.update(household_size=size, monthly_income=f"{income}.00", income_sources=rng.choice(APPS["income_sources"]),
                    property=rng.choice(APPS["property"]), hardship_standard=HARDSHIP_STANDARD)
        if over_standard(data):  # a pledge over the standard says why the household is still in hardship
            data["over_standard_reason"] = rng.choice(APPS["over_standard_reasons"])

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
        if _age(person.birth, on) >= 60:
            self._ground(data, "art42", art42_exemption="no_income_group")
        else:  # a returning person under 60 (Art. 42 covers the elderly): the household's finances are asked
            self._means_tested(data)
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
