"""A record's history: every version, newest first, with what each one changed from what to what."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.records.fields import Field, Kind, field_map
from desktop.records.reference import ReferenceData
from desktop.records.store import HistoryEntry

from .i18n import field_label, language

SHORT = 40  # characters of a long text shown in a change (the whole value is in the record)


class HistoryPanel(QListWidget):
    """The versions of the record shown in the editor (a version's line, then one line per changed field)."""

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.reference = reference
        self.setObjectName("history")
        self.setAccessibleName(self.tr("History"))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)  # a version's lines read as one

    def show_history(self, record_type: str, entries: list[HistoryEntry] | None) -> None:
        """Show `entries` (oldest first, as the store gives them); None: the record is not saved yet."""
        self.clear()
        if entries is None:
            self.addItem(self.tr("Not saved yet"))
            return
        fields = field_map(record_type)
        actions = {"create": self.tr("created"), "update": self.tr("changed"), "void": self.tr("voided")}
        before: dict[str, Any] = {}
        lines: list[tuple[int, str]] = []
        for entry in entries:
            text = self.tr("Version %1 · %2 · %3 %4").replace("%1", str(entry.version)) \
                .replace("%2", entry.at[:16].replace("T", " ")).replace("%3", entry.by) \
                .replace("%4", actions.get(entry.action, entry.action))
            for name in entry.changed:
                if name not in fields:
                    continue
                old, new = (self.value_text(fields[name], data.get(name)) for data in (before, entry.data))
                if old != new:  # (an unticked box stored for the first time is no change to the clerk)
                    text += "\n" + self.tr("%1: %2 → %3").replace("%1", field_label(fields[name])) \
                        .replace("%2", old).replace("%3", new)
            if entry.reason:
                text += "\n" + self.tr("Reason: %1").replace("%1", entry.reason)
            lines.append((entry.version, text))
            before = entry.data
        for version, text in reversed(lines):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, version)
            self.addItem(item)

    def value_text(self, field: Field, value: Any) -> str:
        """A stored value as the clerk reads it: labels for codes, 是/否, dates without the T, long text cut."""
        if field.kind is Kind.BOOL:
            return self.tr("Yes") if value else self.tr("No")
        if value in (None, "", [], ()):
            return self.tr("(empty)")
        if field.kind in (Kind.CHOICE, Kind.MULTI) and field.choices:
            codes = value if isinstance(value, (list, tuple)) else [value]
            return "、".join(self.reference.label(field.choices, str(code), language()) or str(code) for code in codes)
        text = str(value).replace("T", " ") if field.kind is Kind.DATETIME else str(value)
        text = " ".join(text.split())  # a multi-line answer on one line
        return text if len(text) <= SHORT else text[:SHORT] + "…"
