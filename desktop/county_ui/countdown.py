"""An application's open deadline as the workspace shows it: what is due, the days left, red when overdue.

The deadlines themselves are the core's rule (desktop/records/deadlines.py: Art. 43/44 and the plan's
supplement period), computed by the county over every station in China's calendar days; this only words one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.records.i18n import QT_TRANSLATE_NOOP

WITHDRAWN = "withdrawn"  # the server's deadline state of an application whose materials did not come in time

SHORT = {
    "decide": QT_TRANSLATE_NOOP("Countdown", "Decide (Art. 43)"),
    "supplement": QT_TRANSLATE_NOOP("Countdown", "Materials due"),
    "assign": QT_TRANSLATE_NOOP("Countdown", "Assign (Art. 43)"),
    "urgent": QT_TRANSLATE_NOOP("Countdown", "Urgent (Art. 44)"),
}


def days_left_text(left: int) -> str:
    """'还剩 3 天' / '今日到期' / '已逾期 2 天'."""
    if left < 0:
        return QCoreApplication.translate("Countdown", "%1 days overdue").replace("%1", str(-left))
    if left == 0:
        return QCoreApplication.translate("Countdown", "due today")
    return QCoreApplication.translate("Countdown", "%1 days left").replace("%1", str(left))


def countdown_text(deadline) -> str:
    """'审查决定（第四十三条） · 还剩 3 天' / '… · 今日到期' / '… · 已逾期 2 天' for a client Deadline; '视为撤回（逾期未补充材料）
    · 2026-02-18' for an application whose materials were not supplied by the notice's date."""
    if deadline.state == WITHDRAWN:
        return QCoreApplication.translate("Countdown", "Counts as withdrawn (materials not supplied) · %1").replace(
            "%1", deadline.due)
    kind = QCoreApplication.translate("Countdown", SHORT[deadline.kind]) if deadline.kind in SHORT else deadline.kind
    return f"{kind} · {days_left_text(deadline.days_left)}"


def countdown_tooltip(deadline) -> str:
    return QCoreApplication.translate("Countdown", "%1, by %2").replace("%1", deadline.text).replace(
        "%2", deadline.due)


def is_overdue(deadline) -> bool:
    return deadline is not None and deadline.days_left < 0 and deadline.state != WITHDRAWN
