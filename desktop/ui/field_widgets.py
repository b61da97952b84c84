"""One input widget per record field, made from the field's declaration (desktop.records.fields).

Each editor names its widget after the field (objectName) and gives it an
accessible name, so tests, screen readers and validation messages agree on
what a field is called. Editors hold no rules: they only read and show values.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QGridLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QStyle, QStyleOptionFocusRect, QStylePainter, QWidget)

from desktop.records.fields import Field, Kind
from desktop.records.normalize import normalize_value
from desktop.records.reference import ReferenceData

from .i18n import field_label, language

LONG_LIST = 12  # combos longer than this can be typed into, with completion
UNLIMITED = 2**31 - 1  # QLineEdit's own default (32767) would cut a long paste without a word
ERROR_STYLE = "color: #c0392b;"
WARNING_STYLE = "color: #9a5b00;"
NOTE_STYLE = "color: #555555;"
READ_ONLY_BACKGROUND, READ_ONLY_TEXT = "#eeeeee", "#555555"
_SECONDS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")  # a stored time with seconds


class CheckGroup(QWidget):
    """Check boxes that are one stop for Tab: the arrow keys move between them, Space ticks or unticks.

    A list of fifteen categories as fifteen Tab stops made the keyboard path through a form long; here the
    group takes the focus and shows which box the arrows are on (a focus frame around it); the boxes
    themselves never take the focus, and a mouse click on one ticks it and brings the focus to the group.
    """

    def __init__(self, columns: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.checks: list[QCheckBox] = []
        self.current = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def add(self, text: str, name: str) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(name)
        check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        index = len(self.checks)
        check.clicked.connect(lambda _checked, index=index: self._clicked(index))
        self._grid.addWidget(check, index // self.columns, index % self.columns)
        self.checks.append(check)
        return check

    def _clicked(self, index: int) -> None:
        self.current = index
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.checks or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        key, last = event.key(), len(self.checks) - 1
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -self.columns,
                 Qt.Key.Key_Down: self.columns}
        if key in moves:
            self.current = min(max(self.current + moves[key], 0), last)
        elif key == Qt.Key.Key_Home:
            self.current = 0
        elif key == Qt.Key.Key_End:
            self.current = last
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            check = self.checks[self.current]
            if check.isEnabled():
                check.click()
        else:
            super().keyPressEvent(event)
            return
        self.setAccessibleDescription(self.checks[self.current].text())
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self.hasFocus() or not self.checks:
            return
        painter = QStylePainter(self)
        option = QStyleOptionFocusRect()
        option.initFrom(self)
        option.rect = self.checks[self.current].geometry().adjusted(-2, -1, 2, 1)
        painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option)


class FieldEditor(QObject):
    """The label, input widget and inline error of one field."""

    changed = Signal()
    left = Signal()  # the clerk moved on from this field (its problem, if any, is shown now)

    def __init__(self, field: Field, reference: ReferenceData, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.reference = reference
        text = field_label(field)
        self.widget = self._make_widget(parent, text)
        self.widget.setObjectName(field.name)
        self.widget.setAccessibleName(text)
        self.label = QLabel(("* " if field.required else "") + text, parent)
        self.label.setObjectName(f"{field.name}_label")
        self.label.setBuddy(self.widget)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.error = QLabel(parent)  # the field's problem, else a note about its value (see set_note)
        self.error.setObjectName(f"{field.name}_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self._error_text = ""
        self._note = ("", False)
        self._read_only = False
        for watched in (self.widget, *self.widget.findChildren(QLineEdit)):
            watched.installEventFilter(self)
        self._required = field.required
        self.shown = True
        if field.kind is Kind.BOOL:
            self.label.hide()

    # -- building ------------------------------------------------------------------------

    def _make_widget(self, parent: QWidget | None, text: str) -> QWidget:
        kind = self.field.kind
        if kind is Kind.MULTILINE:
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            edit.textChanged.connect(self.changed)
            return edit
        if kind is Kind.BOOL:
            box = QCheckBox(text, parent)
            box.toggled.connect(self.changed)
            return box
        if kind is Kind.CHOICE:
            return self._make_combo(parent)
        if kind is Kind.MULTI:
            return self._make_multi(parent)
        # No validator, input mask or length limit: each dropped, cut or rearranged what it did not expect without a
        # word (full-width digits, 36,000元, an ID with spaces, 2024年3月5日, the end of a long paste). Whatever
        # is typed or pasted stays; normalize() makes it canonical and validate() says at the field what is wrong.
        edit = QLineEdit(parent)
        edit.setMaxLength(UNLIMITED)
        if kind is Kind.DATE:
            edit.setPlaceholderText("YYYY-MM-DD")
        elif kind is Kind.DATETIME:
            edit.setPlaceholderText("YYYY-MM-DD HH:MM")
        edit.textChanged.connect(self.changed)
        return edit

    def _make_combo(self, parent: QWidget | None) -> QComboBox:
        combo = QComboBox(parent)
        combo.addItem("", None)
        for choice in self.reference.choices(self.field.choices or ""):
            combo.addItem(choice.label(language()), choice.code)
        if combo.count() > LONG_LIST:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
            combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.editTextChanged.connect(self.changed)
            combo.lineEdit().editingFinished.connect(self._settle_combo)
        combo.currentIndexChanged.connect(self.changed)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _make_multi(self, parent: QWidget | None) -> QWidget:
        choices = self.reference.choices(self.field.choices or "")
        box = CheckGroup(4 if len(choices) > 8 else 3, parent)
        self._checks: dict[str, QCheckBox] = {}
        for choice in choices:
            check = box.add(choice.label(language()), f"{self.field.name}.{choice.code}")
            check.toggled.connect(self.changed)
            self._checks[choice.code] = check
        return box

    # -- values --------------------------------------------------------------------------

    def value(self) -> Any:
        kind, w = self.field.kind, self.widget
        if kind is Kind.MULTILINE:
            return w.toPlainText().strip() or None
        if kind is Kind.BOOL:
            return w.isChecked()
        if kind is Kind.CHOICE:
            return self._combo_value(w)
        if kind is Kind.MULTI:
            return [code for code, check in self._checks.items() if check.isChecked()]
        text = w.text().strip()
        if kind is Kind.DATETIME:
            return text.replace(" ", "T", 1) or None
        if kind is Kind.INT:
            return int(text) if text.isdecimal() else (text or None)  # (full-width digits are decimal too)
        return text or None

    def _settle_combo(self) -> None:
        """Leaving a typed-into list takes the first item matching what was typed (汉 → 汉族)."""
        combo = self.widget
        text = combo.currentText().strip()
        if not text or combo.findText(text, Qt.MatchFlag.MatchExactly) > 0:
            return
        labels = [(row, combo.itemText(row)) for row in range(1, combo.count())]
        matches = [row for row, label in labels if label.startswith(text)] or \
                  [row for row, label in labels if text in label]
        if matches:
            combo.setCurrentIndex(matches[0])

    def empty_value(self) -> Any:
        if self.field.kind is Kind.BOOL:
            return False
        return [] if self.field.kind is Kind.MULTI else None

    def _combo_value(self, combo: QComboBox) -> str | None:
        if combo.isEditable():
            text = combo.currentText().strip()
            if not text:
                return None
            index = combo.findText(text, Qt.MatchFlag.MatchExactly)
            return combo.itemData(index) if index > 0 else text  # unknown text: validation names it
        return combo.currentData()

    def set_value(self, value: Any) -> None:
        kind, w = self.field.kind, self.widget
        if kind is Kind.MULTILINE:
            w.setPlainText(value or "")
        elif kind is Kind.BOOL:
            w.setChecked(bool(value))
        elif kind is Kind.CHOICE:
            index = w.findData(value) if value else 0
            if index < 0 and w.isEditable():
                w.setEditText(str(value))
            else:
                w.setCurrentIndex(max(index, 0))
        elif kind is Kind.MULTI:
            chosen = set(value or [])
            for code, check in self._checks.items():
                check.setChecked(code in chosen)
        elif kind is Kind.DATETIME:
            text = (value or "").replace("T", " ", 1)
            w.setText(text[:16] if _SECONDS.fullmatch(text) else text)  # the form shows minutes
        else:
            w.setText("" if value is None else str(value))

    # -- state ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) \
                and event.reason() != Qt.FocusReason.PopupFocusReason:  # a combo's list opening is not leaving
            self._settle_day()
            self.left.emit()
        return False

    def _settle_day(self) -> None:
        """Leaving a day or time shows it as it will be kept (20240305 → 2024-03-05); what cannot be read stays."""
        if self.field.kind not in (Kind.DATE, Kind.DATETIME) or self._read_only:
            return
        value = self.value()
        kept = normalize_value(self.field.kind, value)
        if isinstance(kept, str) and kept != value:
            self.set_value(kept)

    def error_text(self) -> str:
        return self._error_text

    def set_error(self, text: str | None) -> None:
        self._error_text = text or ""
        self.widget.setProperty("invalid", bool(text))
        self._show_message()
        self._restyle()

    def set_note(self, text: str | None, warning: bool = False) -> None:
        """A remark about the value under the field (grey, or amber for a warning); a problem hides it."""
        self._note = (text or "", warning)
        self._show_message()

    def _show_message(self) -> None:
        note, warning = self._note
        text = self._error_text or note
        self.error.setText(text)
        self.error.setStyleSheet(ERROR_STYLE if self._error_text else WARNING_STYLE if warning else NOTE_STYLE)
        self.error.setVisible(self.shown and bool(text))

    def _restyle(self) -> None:
        """A red frame on a field with a problem; grey, without a frame, on one that cannot be changed."""
        if self.field.kind in (Kind.MULTI, Kind.BOOL):
            return
        style = "border: 1px solid #c0392b;" if self._error_text else ""
        if self._read_only and isinstance(self.widget, (QLineEdit, QPlainTextEdit)):
            style += f"background-color: {READ_ONLY_BACKGROUND}; color: {READ_ONLY_TEXT};"
        self.widget.setStyleSheet(style)

    def set_required(self, required: bool) -> None:
        """Mark a field required when a rule makes it so (the rule itself is in validation.py)."""
        if required != self._required and self.field.kind is not Kind.BOOL:
            self._required = required
            self.label.setText(("* " if required else "") + field_label(self.field))

    def set_visible(self, visible: bool) -> None:
        self.shown = visible
        self.widget.setVisible(visible)
        self.label.setVisible(visible and self.field.kind is not Kind.BOOL)
        self._show_message()

    def set_read_only(self, read_only: bool) -> None:
        """A field that cannot be changed looks so: grey text on grey (a read-only text box looks editable)."""
        self._read_only = read_only
        w = self.widget
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.setReadOnly(read_only)
        else:
            w.setEnabled(not read_only)
        self._restyle()
