"""A read-only table of the server's rows, for the workspace's reference screens (stations, roster, townships)."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

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
