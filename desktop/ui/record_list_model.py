"""The table model behind the record lists: every record has its row, read a page at a time; codes as labels.

The model has as many rows as the list has records, but holds only the pages the view has shown (at most
MAX_PAGES, the farthest dropped first): a row's page of 200 is read from the core (`queries.Listing`) when the
view first asks for it, by keyset from a neighbouring page or from the nearer end of the list. So 200,000
records open as fast as 20, and Ctrl+End reaches the last record as quickly as Ctrl+Home the first.
"""

from __future__ import annotations

from desktop.records.sqlcipher import sqlite3
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex,
                            Qt, QTimer, Signal)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from desktop.records import queries
from desktop.records.connection import Database
from desktop.records.errors import StorageError, storage_error_from
from desktop.records.queries import LIST_COLUMNS, ListQuery, ListRow
from desktop.records.reference import ReferenceData
from desktop.ui.i18n import language

PAGE_SIZE = 200
MAX_PAGES = 50  # pages held at once (10,000 rows); a scroll through 200,000 records keeps memory flat

# Which reference list turns a column's stored code into a label.
LABEL_LISTS = {
    "consultation": {"channel": "consultation_channels", "matter_category": "matter_categories",
                     "outcome": "consultation_outcomes"},
    "application": {"channel": "application_channels", "case_type": "case_types",
                    "eligibility_ground": "eligibility_grounds", "status": "application_status"},
}
_DATETIME_COLUMNS = frozenset({"occurred_at", "received_at"})
_STATUS_COLUMN = {"consultation": "outcome", "application": "status"}
_VOIDED_FOREGROUND = QColor(128, 128, 128)
_URGENT_FOREGROUND = QColor(192, 0, 0)


def _display_datetime(value: str | None) -> str:
    """'2024-05-06T09:30' (or with seconds/offset) as '2024-05-06 09:30'."""
    return (value or "")[:16].replace("T", " ")


def _urgent_icon() -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_URGENT_FOREGROUND)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class RecordListModel(QAbstractTableModel):
    """Rows of a `ListQuery`, each page read when the view first shows one of its rows.

    Each reset counts once (`queries.Listing`); each page not yet held is one page query. Database errors
    are reported through `queryFailed` (a StorageError) and leave the model empty rather than raising into
    Qt's event loop.
    """

    queryFailed = Signal(object)  # StorageError
    totalChanged = Signal(int)

    def __init__(self, db: Database, query: ListQuery, reference: ReferenceData,
                 parent: QObject | None = None, *, load: bool = True):
        super().__init__(parent)
        self._db = db
        self._reference = reference
        self._query = query
        self._listing: queries.Listing | None = None
        self._pages: dict[int, list[ListRow]] = {}
        self._display: dict[int, list[tuple[str, ...]]] = {}
        self._total = 0
        self._language = language()
        self._strike_font = QFont()
        self._strike_font.setStrikeOut(True)
        self._bold_font = QFont()
        self._bold_font.setBold(True)
        self._urgent_icon: QIcon | None = None
        if load:  # else empty until the first set_query/refresh (a list nobody has seen yet)
            self._reload()

    # -- the query ---------------------------------------------------------------------------

    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Show the rows of another query (filters, search text, sort): count + first page."""
        self.beginResetModel()
        self._query = query
        self._reload()
        self.endResetModel()
        self.totalChanged.emit(self._total)

    def refresh(self) -> None:
        """Run the same query again (after a save or void)."""
        self.set_query(self._query)

    def total(self) -> int:
        """How many records match the query (read or not)."""
        return self._total

    def columns(self) -> tuple[str, ...]:
        return LIST_COLUMNS[self._query.record_type]

    def record_id(self, row: int) -> str:
        found = self._row(row)
        return found.id if found is not None else ""

    def row_of(self, record_id: str) -> int:
        """The row of a record on a page already read, or -1."""
        for number, rows in sorted(self._pages.items()):
            for i, row in enumerate(rows):
                if row.id == record_id:
                    return number * PAGE_SIZE + i
        return -1

    def loaded_rows(self) -> int:
        """Rows held now (the pages read and kept): what the list costs in memory."""
        return sum(len(rows) for rows in self._pages.values())

    def _reload(self) -> None:
        self._pages, self._display, self._total, self._listing = {}, {}, 0, None
        self._language = language()
        try:
            self._listing = queries.Listing(self._db, self._query)
            self._total = self._listing.total
            if self._total:
                self._load(0)
        except (sqlite3.Error, StorageError) as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        self._pages, self._display, self._total, self._listing = {}, {}, 0, None
        error = exc if isinstance(exc, StorageError) else storage_error_from(exc)
        # Emitted later: the view may be in the middle of a reset when this happens.
        QTimer.singleShot(0, lambda: self.queryFailed.emit(error))

    # -- pages -------------------------------------------------------------------------------

    def _row(self, row: int) -> ListRow | None:
        if not 0 <= row < self._total:
            return None
        number = row // PAGE_SIZE
        rows = self._pages.get(number)
        if rows is None:
            rows = self._load(number)
        index = row - number * PAGE_SIZE
        return rows[index] if index < len(rows) else None  # records voided since the count: a blank row

    def _load(self, number: int) -> list[ListRow]:
        """Read page `number` (by keyset from a neighbour held, else from the nearer end); keep it."""
        if self._listing is None:
            return []
        start = number * PAGE_SIZE
        previous, following = self._pages.get(number - 1), self._pages.get(number + 1)
        try:
            if previous and len(previous) == PAGE_SIZE:
                rows = self._listing.page(start, PAGE_SIZE, after=previous[-1])
            elif following:
                rows = self._listing.page(start, PAGE_SIZE, before=following[0])
            else:
                rows = self._listing.page(start, PAGE_SIZE)
        except (sqlite3.Error, StorageError) as exc:
            error = exc if isinstance(exc, StorageError) else storage_error_from(exc)
            QTimer.singleShot(0, lambda: self.queryFailed.emit(error))
            rows = []
        self._forget_far_pages(number)
        self._pages[number] = rows
        self._display[number] = self._format_page(rows)
        return rows

    def _forget_far_pages(self, near: int) -> None:
        while len(self._pages) >= MAX_PAGES:
            farthest = max(self._pages, key=lambda n: abs(n - near))
            del self._pages[farthest]
            del self._display[farthest]

    def shown(self, row: int) -> tuple[str, ...] | None:
        """The texts row `row` shows, column by column (None while its page is not loaded): the list's column widths
        read them without a QModelIndex and a data() call per cell."""
        return self._shown(row)

    def _shown(self, row: int) -> tuple[str, ...] | None:
        if self._row(row) is None:
            return None
        number = row // PAGE_SIZE
        return self._display[number][row - number * PAGE_SIZE]

    def _format_page(self, rows: list[ListRow]) -> list[tuple[str, ...]]:
        """The texts of a page's rows (a model that reads more per row reads it here once for the page)."""
        return [self._format(row) for row in rows]

    def _format(self, row: ListRow) -> tuple[str, ...]:
        rt = self._query.record_type
        lists = LABEL_LISTS[rt]
        shown = []
        for name, value in zip(LIST_COLUMNS[rt], row.values):
            if name in _DATETIME_COLUMNS:
                shown.append(_display_datetime(value))
            elif name in lists:
                shown.append(self._reference.label(lists[name], value, self._language))
            else:
                shown.append("" if value is None else str(value))
        if row.voided:
            status = LIST_COLUMNS[rt].index(_STATUS_COLUMN[rt])
            shown[status] = self._reference.label("application_status", "voided", self._language)
        return tuple(shown)

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LIST_COLUMNS[self._query.record_type])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        columns = self.columns()
        return self._header_titles().get(columns[section], columns[section]) if 0 <= section < len(columns) else None

    def _header_titles(self) -> dict[str, str]:
        return {
            "occurred_at": self.tr("Time"),
            "received_at": self.tr("Received"),
            "person_name": self.tr("Name"),
            "channel": self.tr("Channel"),
            "matter_category": self.tr("Matter"),
            "outcome": self.tr("Outcome"),
            "clerk": self.tr("Clerk"),
            "number": self.tr("Number"),
            "case_type": self.tr("Case type"),
            "eligibility_ground": self.tr("Eligibility"),
            "status": self.tr("Status"),
        }

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._row(index.row()), index.column()
        if row is None:
            return None
        shown = self._shown(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return shown[column]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.voided:
                return QBrush(_VOIDED_FOREGROUND)
            if row.urgent:
                return QBrush(_URGENT_FOREGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if row.voided:
                return self._strike_font
            if row.urgent:
                return self._bold_font
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if row.urgent and not row.voided and column == 0:
                if self._urgent_icon is None:
                    self._urgent_icon = _urgent_icon()
                return self._urgent_icon
            return None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            # the whole text (long labels are elided in the cell), then what the colours say
            notes = [shown[column]] if role == Qt.ItemDataRole.ToolTipRole else []
            if row.voided:
                notes.append(self.tr("This record is void."))
            if row.urgent:
                notes.append(self.tr("Urgent: aid before review (Art. 44)."))
            return "\n".join(n for n in notes if n) or None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column (the database sorts; the first page is fetched again)."""
        columns = self.columns()
        if not 0 <= column < len(columns):
            return
        query = self._query.with_(sort=columns[column], descending=order == Qt.SortOrder.DescendingOrder)
        if query != self._query:
            self.set_query(query)
