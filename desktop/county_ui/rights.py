"""Which role may do what (sync/county_rules.py, the server's own table): here to grey out what the signed-in
account cannot do and say why, before the server would refuse it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.county_rules import ADMIN, ARCHIVIST, ASSIGNER, HEAD, REVIEWER, ROLE_RIGHTS, SERVICE

# the server's table without its scripts' credential: the workspace is for people
PEOPLE_RIGHTS: dict[str, tuple[str, ...]] = {right: tuple(r for r in roles if r != SERVICE)
                                             for right, roles in ROLE_RIGHTS.items()}
ROLE_WORDS = {REVIEWER: QT_TRANSLATE_NOOP("Roles", "Reviewer"), HEAD: QT_TRANSLATE_NOOP("Roles", "Head of the center"),
              ASSIGNER: QT_TRANSLATE_NOOP("Roles", "Assignment and case management"),
              ARCHIVIST: QT_TRANSLATE_NOOP("Roles", "Archivist"), ADMIN: QT_TRANSLATE_NOOP("Roles", "Administrator")}


def roles_text(roles: tuple[str, ...] | list[str]) -> str:
    return "、".join(QCoreApplication.translate("Roles", ROLE_WORDS[r]) if r in ROLE_WORDS else r for r in roles)


def who_may(right: str) -> str:
    """'Only 中心负责人 may ...' as the reason a button is greyed out."""
    return QCoreApplication.translate("Roles", "Only these roles may do this: %1").replace(
        "%1", roles_text(PEOPLE_RIGHTS.get(right, ())))
