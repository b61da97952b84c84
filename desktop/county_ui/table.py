"""A read-only table of the server's rows, for the workspace's lists (stations, roster, townships, complaints, ...),
the foot of a paged list, and a station filter's choices."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QWidget)

Cell = Callable[[Any], str]


class RowsTable(QTableWidget):
    """Rows (the client's records), one column per (header, cell) pair; the row is kept for the selection."""

    def __init__(self, name: str, columns: list[tuple[str, Cell]], parent: QWidget | None = None):
        super().__init__(0, len(columns), parent)
        self.setObjectName(name)
        self.columns = columns
        self.rows: list[Any] = []
        self.setHorizontalHeaderLabels([header for header, _cell in columns])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_rows(self, rows: list[Any]) -> None:
        chosen = self.current()
        self.rows = list(rows)
        self.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, (_header, cell) in enumerate(self.columns):
                item = QTableWidgetItem(cell(row))
                item.setData(Qt.ItemDataRole.UserRole, r)
                self.setItem(r, c, item)
            if chosen is not None and row == chosen:
                self.selectRow(r)

    def current(self) -> Any:
        selected = self.selectionModel().selectedRows() if self.selectionModel() else []
        return self.rows[selected[0].row()] if selected else None


class Pager(QWidget):
    """The foot of a list the server pages: the page asked for (`page`, from 1), what the list holds ('page 2 of 5'
    when there are more), the buttons to turn, and a refusal in red (the rows shown stay). `turned()`: `page`
    changed by a button; the list asks the server for it."""

    turned = Signal()

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = 1
        self.summary = QLabel(self)
        self.summary.setObjectName(f"{name}_summary")
        self.previous_page = QPushButton(self.tr("Previous page"), self)
        self.previous_page.setObjectName(f"{name}_previous")
        self.previous_page.clicked.connect(lambda: self._turn(-1))
        self.next_page = QPushButton(self.tr("Next page"), self)
        self.next_page.setObjectName(f"{name}_next")
        self.next_page.clicked.connect(lambda: self._turn(1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.previous_page)
        layout.addWidget(self.next_page)

    def first(self) -> None:
        """Back to the first page: the list's filters or search changed."""
        self.page = 1

    def _turn(self, step: int) -> None:
        self.page = max(1, self.page + step)
        self.turned.emit()

    def show_page(self, text: str, page: int, total: int, page_size: int) -> None:
        pages = max(1, -(-total // page_size))
        if pages > 1:
            text += "  " + self.tr("page %1 of %2").replace("%1", str(page)).replace("%2", str(pages))
        self.summary.setText(text)
        self.summary.setStyleSheet("")
        self.previous_page.setEnabled(page > 1)
        self.next_page.setEnabled(page < pages)

    def refused(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #c0392b;")


def station_choices(box: QComboBox, stations: list[Any]) -> None:
    """A station filter's choices after its first ('all stations'), keeping the one chosen; no signal."""
    chosen = box.currentData()
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for station in stations:
        box.addItem(f"{station.code} {station.name}".strip(), station.code)
    box.setCurrentIndex(max(box.findData(chosen), 0))
    box.blockSignals(False)
