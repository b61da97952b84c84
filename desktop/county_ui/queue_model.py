"""The queue's rows: every application the county received, with its station, status and open deadline."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.records.reference import default_reference
from desktop.ui.i18n import language
from sync.workspace_client import QueueItem

from .countdown import countdown_text, countdown_tooltip, is_overdue
from .words import GROUPS, STATUS, word

OVERDUE = QColor(192, 0, 0)
COLUMNS = ("number", "name", "station", "case_type", "groups", "status", "deadline", "received_at")


class QueueModel(QAbstractTableModel):
    """One page of the queue as the server answered it (overdue first, then the nearest deadline)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[QueueItem] = []
        self._reference = default_reference()
        self._headers = (self.tr("Number"), self.tr("Applicant"), self.tr("Station"), self.tr("Case type"),
                         self.tr("Groups"), self.tr("Status"), self.tr("Deadline"), self.tr("Received"))

    def set_rows(self, rows: list[QueueItem]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> QueueItem:
        return self.rows[index]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self.rows[index.row()], COLUMNS[index.column()]
        late = column == "deadline" and is_overdue(item.deadline)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and (late or (column == "number" and item.urgent)):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and late:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "deadline" and item.deadline is not None:
            return countdown_tooltip(item.deadline)
        if role == Qt.ItemDataRole.UserRole:
            return item.application_id
        return None

    def _text(self, item: QueueItem, column: str) -> str:
        if column == "deadline":
            return countdown_text(item.deadline) if item.deadline is not None else ""
        if column == "case_type":
            return self._reference.label("case_types", item.case_type, language())
        if column == "status":
            return word(STATUS, item.status)
        if column == "groups":
            return "、".join(word(GROUPS, c) for c in item.categories if c in GROUPS)
        if column == "station":
            return item.station_name or item.station
        if column == "received_at":
            return (item.received_at or "")[:16].replace("T", " ")
        return str(getattr(item, column) or "")
