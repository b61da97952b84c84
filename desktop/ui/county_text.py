"""The county's decisions in words: one text per event kind and the county's time, for every screen.

The application's 县中心 tab and the 县中心 page both show county events; they say the same
thing the same way through these functions (one translation context, "CountyText").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication


def county_time(stamp: str | None) -> str:
    """The county's timestamp as "YYYY-MM-DD HH:MM" in this computer's time zone.

    The county stamps decisions in UTC; a clerk in China reading 02:00 for a decision made at
    10:00 would be misled, so an offset-carrying stamp is converted to local time.
    """
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp[:16].replace("T", " ")
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def county_event_text(kind: str, data: dict[str, Any]) -> str:
    """One county decision in words; the county's note, if any, on a second line."""
    note = str(data.get("note") or "")
    if kind == "accept":
        text = QCoreApplication.translate("CountyText", "Accepted by the county")
    elif kind == "supplement":
        items = "、".join(map(str, data.get("items") or []))
        text = QCoreApplication.translate("CountyText", "Supplementary materials requested: %1").replace("%1", items)
    elif kind == "grant":
        text = QCoreApplication.translate("CountyText", "Legal aid granted")
    elif kind == "refuse":
        reasons = "；".join(map(str, data.get("reasons") or []))
        text = QCoreApplication.translate("CountyText", "Refused: %1").replace("%1", reasons)
    elif kind == "assign":
        text = _assignment_text(data)
    elif kind == "progress":
        text = QCoreApplication.translate("CountyText", "Progress")
    elif kind == "close" and data.get("result"):
        text = QCoreApplication.translate("CountyText", "Closed: %1").replace("%1", str(data["result"]))
    elif kind == "close":
        text = QCoreApplication.translate("CountyText", "Closed")
    elif kind == "terminate":
        reasons = "；".join(map(str, data.get("reasons") or []))
        text = QCoreApplication.translate("CountyText", "Legal aid terminated: %1").replace("%1", reasons)
    elif kind == "objection":
        text = QCoreApplication.translate("CountyText", "Objection; the justice bureau's answer: %1").replace(
            "%1", str(data.get("answer") or ""))
    else:
        text = kind  # a kind from a newer county server: its code beats nothing
    issued = _issued_text(data.get("documents"))
    return text + ("\n" + issued if issued else "") + ("\n" + note if note else "")


def _issued_text(documents: Any) -> str:
    """The documents the county issued with the decision, by name and number (printed as issued)."""
    from forms.catalogue import default_catalogue

    catalogue, names = default_catalogue(), []
    for document in documents if isinstance(documents, list) else []:
        try:
            name = catalogue.get(str(document.get("form"))).name
        except (KeyError, AttributeError):
            continue
        names.append(QCoreApplication.translate("CountyText", "%1 No. %2").replace("%1", name).replace(
            "%2", str(document.get("number") or "")))
    return QCoreApplication.translate("CountyText", "Issued: %1").replace("%1", "、".join(names)) if names else ""


def _assignment_text(data: dict[str, Any]) -> str:
    kinds = {"lawyer": QCoreApplication.translate("CountyText", "lawyer"),
             "law_firm": QCoreApplication.translate("CountyText", "law firm"),
             "center_staff": QCoreApplication.translate("CountyText", "legal-aid center staff")}
    kind = data.get("assignee_kind")
    text = QCoreApplication.translate("CountyText", "Assigned to %1 (%2)").replace("%1", str(data.get("name") or "")) \
        .replace("%2", kinds.get(kind, str(kind or "")))
    if data.get("firm"):
        text += " · " + str(data["firm"])
    if data.get("years_of_practice") is not None:
        years = str(data["years_of_practice"])
        text += " · " + QCoreApplication.translate("CountyText", "%1 years of practice").replace("%1", years)
    if data.get("minors_specialist"):
        text += " · " + QCoreApplication.translate("CountyText", "minors' cases")
    if data.get("phone"):
        text += " · " + str(data["phone"])
    return text
