"""The county's reference data at the station: the roster, townships' registered population and the
economic-hardship standard of each township (Qt-free).

The county keeps it (sync/server/reference.py) and numbers it with a version that grows on every
change. The station pulls it after the county's events in every sync round (`pull_reference`,
GET /v1/reference?since=V with the version it holds) or takes it from a USB reply bundle
(`store_reference`), and keeps the whole payload as one JSON value in `sync_state` (S_REFERENCE), so a copy is
always complete: it is validated first and replaced in one statement.

The station uses it for the 县中心名册与指标 dialog: who the county assigns, and the population behind the work
plan's indicator of cases per 10,000 registered (户籍) residents of the township (§3, counted by
desktop/records/indicators.py as 统计报表 counts it); and at intake,
to measure an applicant household's income per person against the township's hardship standard (a multiple
of its minimum living standard, 最低生活保障标准), which the application records as it was measured.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Callable

from desktop.records.canonical import canonical_json, local_now
from desktop.records.db import write_transaction
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.settings import load_settings
from sync.errors import SyncError
from sync.state import S_REFERENCE, get_state, set_state

if TYPE_CHECKING:  # the window reads the roster at start; requests (60 ms to import) waits for a sync
    from sync.transport import Request

log = logging.getLogger(__name__)

LAWYER_KINDS = ("lawyer", "law_firm", "center_staff")
INCOMPLETE = QT_TRANSLATE_NOOP("Sync", "The roster the county sent is incomplete; it is tried again at the next sync.")


@dataclass(frozen=True)
class Lawyer:
    """A member of the county's roster: a lawyer, a law firm or a legal-aid center staff member."""

    id: str
    name: str
    kind: str  # lawyer | law_firm | center_staff
    organisation: str
    years_of_practice: int
    minors_familiar: bool
    phone: str
    active: bool


MAX_MINIMUM_LIVING = Decimal("100000")  # yuan per person per month: more is a typing error
MAX_MULTIPLE = Decimal("10")
MAX_TOWNSHIPS = 5000  # bounds what a reply may make the station hold
_DECIMAL = re.compile(r"[0-9]{1,6}(\.[0-9]{1,2})?")


@dataclass(frozen=True)
class HardshipStandard:
    """A township's economic-hardship standard: its minimum living standard times the county's multiple."""

    township: str
    minimum_living: str  # yuan per person per month, 2 decimals ("800.00")
    multiple: str  # e.g. "1.5"

    @property
    def monthly(self) -> Decimal:
        """The standard: yuan per person per month, to the fen."""
        return (Decimal(self.minimum_living) * Decimal(self.multiple)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def hardship_standard(township: str, minimum_living: Any, multiple: Any) -> HardshipStandard:
    """A checked standard (decimal text, yuan, at most 2 decimals; 0 < minimum <= 100,000; 0 < multiple <= 10);
    ValueError saying what is wrong. Both ends use it: the county's command and the station's check."""
    township = township.strip() if isinstance(township, str) else ""
    if not township or len(township) > 60:
        raise ValueError("name the township (at most 60 characters)")
    values = []
    for name, value, limit in (("minimum living standard", minimum_living, MAX_MINIMUM_LIVING),
                               ("multiple", multiple, MAX_MULTIPLE)):
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not _DECIMAL.fullmatch(text) or not Decimal(0) < Decimal(text) <= limit:
            raise ValueError(f"the {name} must be a number above 0 and at most {limit}, with at most 2 decimals")
        values.append(Decimal(text))
    return HardshipStandard(township, f"{values[0]:.2f}", f"{values[1].normalize():f}")


@dataclass(frozen=True)
class Reference:
    """The county's reference data as this station last received it; `empty` before the first pull."""

    version: int = 0
    updated_at: str | None = None  # the county's clock, when the data last changed there
    received_at: str | None = None  # the station's clock, when it arrived here
    lawyers: tuple[Lawyer, ...] = ()
    townships: dict[str, int] = field(default_factory=dict)  # name -> registered population
    hardship: dict[str, HardshipStandard] = field(default_factory=dict)  # township -> its hardship standard

    @property
    def empty(self) -> bool:
        return self.received_at is None

    @property
    def active_lawyers(self) -> list[Lawyer]:
        return [lawyer for lawyer in self.lawyers if lawyer.active]

    def population(self, township: str) -> int | None:
        return self.townships.get(township.strip()) if township else None

    def hardship_standard(self, township: str) -> HardshipStandard | None:
        return self.hardship.get(township.strip()) if township else None


# -- checking and storing the payload --------------------------------------------------------------

def check_reference(payload: Any) -> dict[str, Any]:
    """The payload in canonical shape; ValueError when anything in it is not what the protocol says.

    A USB reply can call this before it applies anything, to refuse a damaged payload up front.
    """
    if not isinstance(payload, dict):
        raise ValueError("not an object")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ValueError("no valid version")
    lawyers, townships = payload.get("lawyers"), payload.get("townships")
    if not isinstance(lawyers, list) or not isinstance(townships, list):
        raise ValueError("no lists of lawyers and townships")
    checked_lawyers = []
    for item in lawyers:
        if not isinstance(item, dict):
            raise ValueError("a roster entry is not an object")
        for name in ("id", "name", "organisation", "phone"):
            if not isinstance(item.get(name), str):
                raise ValueError(f"a roster entry has no text {name}")
        years = item.get("years_of_practice")
        if item.get("kind") not in LAWYER_KINDS or not isinstance(years, int) or isinstance(years, bool) or years < 0:
            raise ValueError(f"roster entry {item['id']} has no valid kind or years")
        if not isinstance(item.get("minors_familiar"), bool) or not isinstance(item.get("active"), bool):
            raise ValueError(f"roster entry {item['id']} has no valid flags")
        checked_lawyers.append({k: item[k] for k in Lawyer.__dataclass_fields__})
    checked_townships = []
    for item in townships:
        population = item.get("registered_population") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(population, int) \
                or isinstance(population, bool) or population < 1:
            raise ValueError("a township has no name or no valid population")
        checked_townships.append({"name": item["name"], "registered_population": population})
    standards = payload.get("hardship_standards", [])  # absent from a county server before issue #10
    if not isinstance(standards, list) or len(standards) > MAX_TOWNSHIPS:
        raise ValueError("no valid list of hardship standards")
    checked_standards: dict[str, dict[str, str]] = {}
    for item in standards:
        if not isinstance(item, dict):
            raise ValueError("a hardship standard is not an object")
        standard = hardship_standard(item.get("township"), item.get("minimum_living"), item.get("multiple"))
        if standard.township in checked_standards:
            raise ValueError(f"two hardship standards for {standard.township}")
        checked_standards[standard.township] = {"township": standard.township,
                                                "minimum_living": standard.minimum_living,
                                                "multiple": standard.multiple}
    updated_at = payload.get("updated_at")
    return {"version": version, "updated_at": updated_at if isinstance(updated_at, str) else None,
            "lawyers": checked_lawyers, "townships": checked_townships,
            "hardship_standards": list(checked_standards.values())}


def _stored(conn) -> dict[str, Any] | None:
    text = get_state(conn, S_REFERENCE)
    if text is None:
        return None
    try:
        value = json.loads(text)
        return value if isinstance(value, dict) else None
    except ValueError:
        log.warning("the stored county reference data is unreadable; it will be replaced at the next pull")
        return None


def stored_version(db) -> int:
    """The reference version this station holds (0: none yet)."""
    stored = _stored(db)
    version = stored.get("version") if stored else 0
    return version if isinstance(version, int) else 0


def store_reference(conn, payload: dict[str, Any], *, received_at: str | None = None,
                    allow_older: bool = False) -> bool:
    """Keep a full reference payload, inside the caller's write transaction; True when it changed anything.

    ValueError (and nothing stored) when the payload is malformed. A payload older than the copy held
    (a lower version: e.g. a USB reply made before the last network sync) is ignored unless
    `allow_older` (the network answer is the county's word now, even after it restored a backup).
    """
    checked = check_reference(payload)
    current = _stored(conn)
    if current is not None:
        held = current.get("version") if isinstance(current.get("version"), int) else -1
        if checked["version"] < held and not allow_older:
            return False
        if all(current.get(k) == checked[k] for k in ("version", "lawyers", "townships", "hardship_standards")):
            return False
    checked["received_at"] = received_at or local_now()
    set_state(conn, S_REFERENCE, canonical_json(checked))
    return True


def load_reference(db) -> Reference:
    """The reference data held at the station; an empty Reference when it was never pulled."""
    stored = _stored(db)
    if stored is None:
        return Reference()
    try:
        checked = check_reference(stored)
    except ValueError as exc:
        log.warning("the stored county reference data is damaged (%s); showing none", exc)
        return Reference()
    lawyers = tuple(Lawyer(**item) for item in checked["lawyers"])
    townships = {t["name"]: t["registered_population"] for t in checked["townships"]}
    hardship = {s["township"]: HardshipStandard(**s) for s in checked["hardship_standards"]}
    received = stored.get("received_at")
    return Reference(checked["version"], checked["updated_at"], received if isinstance(received, str) else "",
                     lawyers, townships, hardship)


# -- the network pull ------------------------------------------------------------------------------

def pull_reference(db, request: Request, now: Callable[[], str] = local_now) -> bool:
    """Fetch the county's reference data if it changed since the version held; True when something changed.

    `request` is the engine's signed, county-signature-checked request (sync/transport.py); raises
    SyncError like the other pulls (a malformed answer stores nothing).
    """
    since = stored_version(db)
    answer = request("GET", f"/v1/reference?since={since}", b"")
    if answer.get("unchanged") is True:
        if answer.get("version") != since:
            raise SyncError(INCOMPLETE, code="bad_answer", detail="the county's reference answer is inconsistent")
        return False
    try:
        check_reference(answer)
    except ValueError as exc:
        raise SyncError(INCOMPLETE, code="bad_answer",
                        detail=f"the county's reference data is malformed: {exc}") from exc
    with write_transaction(db) as conn:
        return store_reference(conn, answer, received_at=now(), allow_older=True)


# -- the work plan's indicator (§3) ----------------------------------------------------------------

def station_township(db) -> str:
    """The station's township: its settings, else the township the county named in its certificate."""
    township = load_settings(db).township.strip()
    if township:
        return township
    from sync.errors import SyncError
    from sync.trust import pinned

    try:
        trust = pinned(db)
    except SyncError:
        return ""
    return trust.station.township.strip() if trust else ""
