"""Whether a form may be printed filled for a record, and if not, why (in the clerk's words).

A form is for one record type and, by its `when`, for some records only (the criminal application
form for criminal cases, no receipt for a case the police or a court notified). A decision document
is issued only once the county took that decision (`requires`: the county event kinds it is printed
from, read by forms/county.py; an entry that is a list is met by any one of its kinds, STATION_CLOSURE
among them: the station's own closure report of the case, which the closure report form prints). The
refusal names the case's status as the county's events set it. Anything else is refused with the
reason; a blank form (no record) is always available, for handwriting, and is never sealed or signed (render.py).

The messages are data in resources/forms/_common.json ("refusals"), like every form's wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.records.reference import default_reference
from sync.protocol import status_after

from .catalogue import Catalogue, FormSpec, default_catalogue
from .county import CountyDecisions

# Kinds a form may require beyond the county's event kinds.
REASSIGNED = "reassign"  # a second assignment: the assignee was changed (更换法律援助人员)
STATION_CLOSURE = "station_closure"  # the station's closure report of the case (a live `closure` record)

DEFAULT_REFUSALS = {
    "record_type": "“{form}”不能由这类记录打印。",
    "when": "“{form}”不适用于本记录。",
    "decision": "“{form}”在县中心{decision}后才能出具，本申请目前的状态为“{status}”。",
    "station_closure": "“{form}”在工作站登记结案报告或县中心{decision}后才能出具，本申请目前的状态为“{status}”。",
}
DECISIONS_ZH = {"accept": "受理申请", "supplement": "要求补充材料", "grant": "决定给予法律援助",
                "refuse": "决定不予法律援助", "assign": "指派法律援助人员", "close": "结案",
                "terminate": "决定终止法律援助", "advance": "批准先行提供法律援助", REASSIGNED: "更换法律援助人员",
                "objection": "收到异议"}


class FormNotAvailable(Exception):
    """The form cannot be printed filled for this record; str() is the reason in Chinese."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Availability:
    ok: bool
    reason: str = ""


def _decided(kind: str, record: Any, decisions: CountyDecisions) -> bool:
    if kind == STATION_CLOSURE:  # the closure record itself, or a case with a live closure report (county.py reads
        record_type = getattr(record, "record_type", None)  # its latest into `linked`)
        return record_type == "closure" or (record_type in (None, "application") and bool(decisions.linked))
    if kind == REASSIGNED:
        return len(decisions.all("assign")) > 1
    return decisions.has(kind)


def availability(form: FormSpec, record: Any, decisions: CountyDecisions, *,
                 catalogue: Catalogue | None = None) -> Availability:
    """Availability of `form` for `record` (None: a blank form, always available)."""
    if record is None:
        return Availability(True)
    catalogue = catalogue or default_catalogue()
    refusals = {**DEFAULT_REFUSALS, **(catalogue.common.get("refusals") or {})}
    record_type = getattr(record, "record_type", None)
    if record_type and record_type not in form.record_types:
        return Availability(False, refusals["record_type"].format(form=form.name))
    data = getattr(record, "data", record) or {}
    status = getattr(record, "status", None)
    if not form.applies_to(data, status):
        return Availability(False, form.why_not or refusals["when"].format(form=form.name))
    for required in form.requires:
        kinds = (required,) if isinstance(required, str) else required
        if not any(_decided(kind, record, decisions) for kind in kinds):
            label = status_label(case_status(record, decisions))
            decision = "或".join(DECISIONS_ZH.get(k, k) for k in kinds if k != STATION_CLOSURE)
            template = refusals["station_closure" if STATION_CLOSURE in kinds else "decision"]
            return Availability(False, template.format(form=form.name, status=label, decision=decision))
    return Availability(True)


def case_status(record: Any, decisions: CountyDecisions) -> str | None:
    """The status of the case as the county's events set it (the county owns it; a record read before the latest
    event, or a record of the case's such as its closure report, still names the case's real status)."""
    if getattr(record, "voided", False):
        return "voided"
    found = status_after((e.kind, e.data) for e in decisions.events)
    if found:
        return found
    return getattr(record, "status", None) if getattr(record, "record_type", "application") == "application" else None


def status_label(status: str | None) -> str:
    """The Chinese label of an application status ('recorded' when the county said nothing yet)."""
    return default_reference().label("application_status", status or "recorded")


def check_available(form: FormSpec, record: Any, decisions: CountyDecisions, *,
                    catalogue: Catalogue | None = None) -> None:
    """Raise FormNotAvailable with the reason when `form` cannot be printed filled for `record`."""
    found = availability(form, record, decisions, catalogue=catalogue)
    if not found.ok:
        raise FormNotAvailable(found.reason)
