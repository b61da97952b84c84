"""The list models of issue 14: applications with their deadline's countdown (overdue ones red), and the lists of
follow-ups, court attendance, quality evaluations, closure reports, complaints and outreach events.

They extend the list model (record_list_model.py) through what every list model has: `record_id(row)`,
`_format(row)`, `data`, `headerData`, so the list screen pages, sorts and searches them the same way.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.records import deadlines
from desktop.records.casework import CODE_LISTS, is_casework
from desktop.records import complaint_answers
from desktop.records.errors import StorageError
from desktop.records.fields import field_map
from desktop.records.i18n import QT_TRANSLATE_NOOP
from desktop.records.queries import LIST_COLUMNS, ListRow

from .i18n import field_label, language
from .record_list_model import RecordListModel

OVERDUE_FOREGROUND = QColor(192, 0, 0)
OVERDUE_BACKGROUND = QColor(255, 228, 228)
SOON_FOREGROUND = QColor(176, 96, 0)
COUNTDOWN_BATCH = 100  # rows on either side whose deadlines one query reads
_DATETIMES = ("hearing_date", "complained_at")
# list columns that are not a field of the record, in the words of the list screen
_TITLES = {"person_name": QT_TRANSLATE_NOOP("CaseworkListModel", "Name"),
           "litigation": QT_TRANSLATE_NOOP("CaseworkListModel", "Litigation case")}


def countdown_text(deadline: deadlines.Deadline, today: date) -> str:
    """剩3天 / 今日到期 / 逾期2天 (视为撤回 for an application whose materials did not come in time)."""
    if deadline.kind == deadlines.WITHDRAWN:
        return QCoreApplication.translate("Deadlines", "Counts as withdrawn (materials not supplied)")
    left = deadline.days_left(today)
    if left < 0:
        return QCoreApplication.translate("Deadlines", "%1 day(s) overdue").replace("%1", str(-left))
    if left == 0:
        return QCoreApplication.translate("Deadlines", "Due today")
    return QCoreApplication.translate("Deadlines", "%1 day(s) left").replace("%1", str(left))


def deadline_brush(role: int, left: int, in_deadline_column: bool) -> QBrush | None:
    """How a row shows its deadline: overdue rows red on pink, the deadline column amber when it is soon."""
    if role == Qt.ItemDataRole.ForegroundRole and left < 0:
        return QBrush(OVERDUE_FOREGROUND)
    if role == Qt.ItemDataRole.ForegroundRole and in_deadline_column and left <= deadlines.plan_periods().soon_days:
        return QBrush(SOON_FOREGROUND)
    if role == Qt.ItemDataRole.BackgroundRole and left < 0:
        return QBrush(OVERDUE_BACKGROUND)
    return None


class DeadlineColumn:
    """A list model's last column after its own (titled `deadline_title()`), and the station's day it counts from,
    read again whenever the list is read again (`_new_day`)."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.today = date.today()  # the station's clock; the deadline page warns when it is wrong
        super().__init__(*args, **kwargs)
        self.modelReset.connect(self._new_day)

    def _new_day(self) -> None:
        self.today = date.today()

    def deadline_title(self) -> str:
        raise NotImplementedError

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.columns()) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and section == len(self.columns()):
            return self.deadline_title()
        return super().headerData(section, orientation, role)


class ApplicationListModel(DeadlineColumn, RecordListModel):
    """The applications, with a last column counting down to each one's nearest open deadline (Art. 43/44)."""

    def __init__(self, *args: Any, **kwargs: Any):
        self._countdowns: dict[str, deadlines.Deadline | None] = {}  # read lazily, a batch of rows at a time
        super().__init__(*args, **kwargs)

    def _new_day(self) -> None:
        super()._new_day()
        self._countdowns = {}

    def deadline_title(self) -> str:
        return QCoreApplication.translate("Deadlines", "Deadline")

    def countdown(self, row: int) -> deadlines.Deadline | None:
        """The nearest open deadline of the row's application (read with its neighbours' in one query)."""
        record_id = self.record_id(row)
        if not record_id:
            return None
        if record_id not in self._countdowns:
            first, last = max(0, row - COUNTDOWN_BATCH), min(self.rowCount(), row + COUNTDOWN_BATCH)
            ids = [i for i in (self.record_id(r) for r in range(first, last)) if i and i not in self._countdowns]
            try:
                found = deadlines.countdowns(self._db, ids, self.today)
            except StorageError:
                found = {}
            for i in ids:
                self._countdowns[i] = found.get(i)
        return self._countdowns.get(record_id)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        is_countdown = index.column() == len(self.columns())
        if not is_countdown and role not in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
                                             Qt.ItemDataRole.ToolTipRole):
            return super().data(index, role)
        own = None if is_countdown else super().data(index, role)
        deadline = self.countdown(index.row())
        if deadline is None:
            return own
        left = 1_000 if deadline.kind == deadlines.WITHDRAWN else deadline.days_left(self.today)  # never red or amber
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and is_countdown:
            return countdown_text(deadline, self.today)
        if role == Qt.ItemDataRole.ToolTipRole:
            what = QCoreApplication.translate("Deadline", deadline.text)
            note = f"{what}: {deadline.due.isoformat()}"
            return f"{own}\n{note}" if own else note
        return deadline_brush(role, left, is_countdown) or own


class CaseworkListModel(RecordListModel):
    """A list of records after the decision: codes as labels, dates as written, titles from the fields."""

    def _format(self, row: ListRow) -> tuple[str, ...]:
        record_type = self._query.record_type
        lists = CODE_LISTS.get(record_type, {})
        shown = []
        for name, value in zip(LIST_COLUMNS[record_type], row.values):
            if name in lists:
                shown.append(self._reference.label(lists[name], value, language()))
            elif name in _DATETIMES:
                shown.append((value or "")[:16].replace("T", " "))
            elif name == "litigation":
                shown.append(self.tr("Yes") if value else self.tr("No"))
            else:
                shown.append("" if value is None else str(value))
        return tuple(shown)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        columns = self.columns()
        if not 0 <= section < len(columns):
            return None
        name = columns[section]
        record_type = self._query.record_type
        fields = field_map(record_type)
        if record_type == "complaint" and name == "satisfaction":
            name = "complainant_satisfaction"
        if name in fields:
            return field_label(fields[name])
        return QCoreApplication.translate("CaseworkListModel", _TITLES.get(name, name))


class ComplaintListModel(DeadlineColumn, CaseworkListModel):
    """The complaints, with the county center's answer where the station recorded none (its date and the
    complainant's satisfaction), and a last column: answered — by the station or by the center — or the countdown
    to the plan's answer deadline, red when overdue."""

    COLUMNS = complaint_answers.COLUMNS

    def __init__(self, *args: Any, **kwargs: Any):
        # the open deadline of each row as it was last formatted (set again whenever its page is read)
        self._due: dict[str, deadlines.Deadline | None] = {}
        self._answers: dict[str, dict[str, Any]] = {}  # the center's answers of the page being formatted
        super().__init__(*args, **kwargs)

    def deadline_title(self) -> str:
        return self.tr("Answer")

    def _format_page(self, rows: list[ListRow]) -> list[tuple[str, ...]]:
        # the center's answers of the whole page in one query (a query per row before)
        self._answers = complaint_answers.center_answers(self._db, [row.id for row in rows])
        return super()._format_page(rows)

    def _format(self, row: ListRow) -> tuple[str, ...]:
        values = dict(zip(self.COLUMNS, row.values))
        answer = None if values["reply_date"] else self._answers.get(row.id)
        if answer:  # the one rule the reports and the county follow
            row = dataclasses.replace(row, values=complaint_answers.listed(row.values, answer))
        shown = super()._format(row)
        self._due[row.id] = None
        if row.voided:
            return (*shown, "")
        if answer:
            return (*shown, self.tr("Answered by the county center"))
        if values["reply_date"]:
            return (*shown, self.tr("Answered"))
        due = deadlines.complaint_deadline(row.id, values["number"], values["complainant"], values["complained_at"])
        self._due[row.id] = due
        return (*shown, countdown_text(due, self.today) if due else "")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        last = index.column() == len(self.columns())
        if role not in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            if last and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                                 Qt.ItemDataRole.ToolTipRole):
                shown = self._shown(index.row())
                return shown[-1] if shown else None
            return super().data(index, role)
        own = None if last else super().data(index, role)
        record_id = self.record_id(index.row())
        due = self._due.get(record_id) if record_id else None
        if due is None:
            return own
        return deadline_brush(role, due.days_left(self.today), last) or own


def list_model_class(record_type: str) -> type[RecordListModel]:
    """The model a list screen of this record type uses."""
    if record_type == "application":
        return ApplicationListModel
    if record_type == "complaint":
        return ComplaintListModel
    if is_casework(record_type):
        return CaseworkListModel
    return RecordListModel

