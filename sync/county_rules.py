"""The county center's rules of who may decide what, and in which order: one table for the server, which
enforces them, and for the workspace, which greys out what the server would refuse and says why."""

from __future__ import annotations

from desktop.records.i18n import QT_TRANSLATE_NOOP

REVIEWER, HEAD, ASSIGNER, ARCHIVIST, ADMIN, SERVICE = "reviewer", "head", "assigner", "archivist", "admin", "service"
ROLES = (REVIEWER, HEAD, ASSIGNER, ARCHIVIST, ADMIN)  # a person's roles; SERVICE is the scripts' credential only

# what each right is, and who holds it: a decision's kind is its own right
ROLE_RIGHTS: dict[str, tuple[str, ...]] = {
    "accept": (REVIEWER, HEAD, SERVICE),
    "supplement": (REVIEWER, HEAD, SERVICE),
    "grant": (HEAD, SERVICE),
    "refuse": (HEAD, SERVICE),
    "terminate": (HEAD, SERVICE),
    "objection": (HEAD, SERVICE),
    "assign": (ASSIGNER, HEAD, SERVICE),
    "progress": (ASSIGNER, ARCHIVIST, SERVICE),
    "close": (ASSIGNER, ARCHIVIST, SERVICE),
    "view": (REVIEWER, HEAD, ASSIGNER, ARCHIVIST, ADMIN, SERVICE),
    "reports": (REVIEWER, HEAD, ASSIGNER, ARCHIVIST, SERVICE),  # files of every station's records leave the server
    "complaints": (REVIEWER, HEAD, SERVICE),  # the center handles and answers the stations' complaints
    "roster": (ASSIGNER, ADMIN, SERVICE),
    "townships": (ADMIN, SERVICE),
    "stations": (ADMIN, SERVICE),
    "accounts": (ADMIN,),
    "recover": (HEAD, ADMIN),  # a recovery file opens a station's data: people only, never the scripts' credential
}

# kind -> the application statuses it may follow (None: received, no decision yet). The process goes
# forward only: 受理 (accept, possibly after 补充材料), then 给予 or 不予 (grant/refuse), then 指派
# (assign; again to change the assignee), 办理进展 (progress), 结案 (close).
FOLLOWS: dict[str, tuple[str | None, ...]] = {
    "supplement": (None, "accepted", "supplement"),
    "accept": (None, "supplement"),
    "grant": ("accepted", "supplement"),  # from "supplement" only when it was accepted before (ACCEPT_FIRST)
    "refuse": ("accepted", "supplement"),
    "assign": ("granted", "assigned"),
    "progress": ("assigned",),
    "close": ("assigned",),
    "terminate": ("granted", "assigned"),  # Art. 48: only aid that was given can be ended
    "objection": ("refused", "terminated"),  # Art. 49: against a refusal or a termination
}


def may(roles: tuple[str, ...] | list[str], right: str) -> bool:
    """Whether an account holding `roles` has `right`."""
    return any(role in ROLE_RIGHTS.get(right, ()) for role in roles)

# the queue's "to decide" (the workspace's navigation count and its status filter): applications the center has not
# granted or refused yet, received or accepted; the count opens to exactly these
TO_DECIDE, UNDECIDED = "to_decide", ("received", "accepted")

# a decision's fields as people read them: where a refusal names one (sync/server/decisions.py) and where the
# workspace lists a decision's contents (desktop/county_ui/events.py); an assignment's member facts come from the roster
DECISION_FIELDS = {
    "note": QT_TRANSLATE_NOOP("County", "Note"), "items": QT_TRANSLATE_NOOP("County", "Materials"),
    "deadline": QT_TRANSLATE_NOOP("County", "Supply by"), "days": QT_TRANSLATE_NOOP("County", "Days to supply them"),
    "reasons": QT_TRANSLATE_NOOP("County", "Reasons"), "lawyer": QT_TRANSLATE_NOOP("County", "Assigned lawyer (roster id)"),
    "name": QT_TRANSLATE_NOOP("County", "Assigned"), "organisation": QT_TRANSLATE_NOOP("County", "Firm or unit"),
    "years_of_practice": QT_TRANSLATE_NOOP("County", "Years of practice"),
    "handling_organ": QT_TRANSLATE_NOOP("County", "Court or organ handling the case"),
    "handling_organ_address": QT_TRANSLATE_NOOP("County", "Address of the organ handling the case"),
    "reason": QT_TRANSLATE_NOOP("County", "Reason"), "result": QT_TRANSLATE_NOOP("County", "Result"),
    "ground": QT_TRANSLATE_NOOP("County", "Ground for terminating"),
    "answer": QT_TRANSLATE_NOOP("County", "The justice bureau's answer"),
    "answered_at": QT_TRANSLATE_NOOP("County", "Answered on"),
    "outcome": QT_TRANSLATE_NOOP("County", "The justice bureau's conclusion"),
}
