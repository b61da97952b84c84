"""Which decisions an application's status allows next, as the county's rules order them (sync/county_rules.py
FOLLOWS: the process goes forward only), and why a button is greyed out. The server checks again; this is
for the person at the screen, so a button that cannot work says why instead of failing after a click."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sync.county_rules import FOLLOWS, may

from .rights import who_may
from .words import STATUS, word

# status -> the decisions that may follow it, from the server's FOLLOWS; 更换 (replace) is another assignment of an
# assigned case, so an assigned case offers "replace" where a granted one offers "assign"
NEXT: dict[str, tuple[str, ...]] = {
    status: tuple(("replace" if kind == "assign" and status == "assigned" else kind)
                  for kind, after in FOLLOWS.items() if (None if status == "received" else status) in after)
    for status in ("received", "accepted", "supplement", "granted", "assigned", "refused", "terminated", "closed")}


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
