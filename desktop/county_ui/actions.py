"""Which decisions an application's status allows next, as the county's rules order them (sync/server/decisions.py
FOLLOWS: the process goes forward only), and why a button is greyed out. The server checks again; this is
for the person at the screen, so a button that cannot work says why instead of failing after a click.
tests/gui/county checks that this table is the server's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .rights import may, who_may
from .words import STATUS, word

# status -> the decisions that may follow it; 更换 (replace) is another assignment of an assigned case
NEXT: dict[str, tuple[str, ...]] = {
    "received": ("accept", "supplement"),
    "accepted": ("supplement", "grant", "refuse"),
    "supplement": ("accept", "supplement", "grant", "refuse"),
    "granted": ("assign", "terminate"),
    "assigned": ("replace", "progress", "close", "terminate"),
    "refused": ("objection",),
    "terminated": ("objection",),
    "closed": (),
}


def right_of(kind: str) -> str:
    return "assign" if kind == "replace" else kind


def why_not(kind: str, status: str, desk) -> str:
    """'' when `kind` can be decided now by the signed-in account; else the reason, in Chinese."""
    if desk.account is None or not may(desk.account.roles, right_of(kind)):
        return who_may(right_of(kind))  # first: a role lacks the right at every stage
    if kind not in NEXT.get(status, ()):
        return QCoreApplication.translate("Actions", "Not at this stage: the application is \"%1\".").replace(
            "%1", word(STATUS, status))
    return ""
