"""The demo data files resources/demo/*.json, loaded once, and the names the generator reads from them."""

from __future__ import annotations

import json
from typing import Any

from desktop.paths import resource_path
from desktop.records.settings import StationSettings


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


def _region_names() -> tuple[dict[str, str], dict[str, str]]:
    from desktop.records.reference import default_reference
    try:
        regions = default_reference().choices("regions")
    except KeyError:
        return {}, {}
    return ({c.code: c.zh for c in regions if len(c.code) == 2}, {c.code: c.zh for c in regions if len(c.code) == 4})


_PROVINCE_NAMES, _PREFECTURE_NAMES = _region_names()
