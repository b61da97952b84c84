"""Which role may do what, as the county server decides it (sync/server/staff.py ROLE_RIGHTS): here only to
grey out what the signed-in account cannot do and say why, before the server would refuse it.
tests/gui/county checks that this table is the server's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.records.i18n import QT_TRANSLATE_NOOP

REVIEWER, HEAD, ASSIGNER, ARCHIVIST, ADMIN = "reviewer", "head", "assigner", "archivist", "admin"
PEOPLE_RIGHTS: dict[str, tuple[str, ...]] = {
    "accept": (REVIEWER, HEAD),
    "supplement": (REVIEWER, HEAD),
    "grant": (HEAD,),
    "refuse": (HEAD,),
    "terminate": (HEAD,),
    "objection": (HEAD,),
    "assign": (ASSIGNER, HEAD),
    "progress": (ASSIGNER, ARCHIVIST),
    "close": (ASSIGNER, ARCHIVIST),
    "view": (REVIEWER, HEAD, ASSIGNER, ARCHIVIST, ADMIN),
    "reports": (REVIEWER, HEAD, ASSIGNER, ARCHIVIST),
    "complaints": (REVIEWER, HEAD),
    "roster": (ASSIGNER, ADMIN),
    "townships": (ADMIN,),
    "stations": (ADMIN,),
    "accounts": (ADMIN,),
    "recover": (HEAD, ADMIN),
}
ROLE_WORDS = {REVIEWER: QT_TRANSLATE_NOOP("Roles", "Reviewer"), HEAD: QT_TRANSLATE_NOOP("Roles", "Head of the center"),
              ASSIGNER: QT_TRANSLATE_NOOP("Roles", "Assignment and case management"),
              ARCHIVIST: QT_TRANSLATE_NOOP("Roles", "Archivist"), ADMIN: QT_TRANSLATE_NOOP("Roles", "Administrator")}


def may(roles: tuple[str, ...], right: str) -> bool:
    return any(role in PEOPLE_RIGHTS.get(right, ()) for role in roles)


def roles_text(roles: tuple[str, ...] | list[str]) -> str:
    return "、".join(QCoreApplication.translate("Roles", ROLE_WORDS[r]) if r in ROLE_WORDS else r for r in roles)


def who_may(right: str) -> str:
    """'Only 中心负责人 may ...' as the reason a button is greyed out."""
    return QCoreApplication.translate("Roles", "Only these roles may do this: %1").replace(
        "%1", roles_text(PEOPLE_RIGHTS.get(right, ())))
