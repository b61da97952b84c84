"""Two arrangements the workspace's screens share: a column in the middle of a wide window (the first run and
the login), and a small form dialog whose OK first checks what was typed and says what is missing."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget)


def centred_column(page: QWidget, width: int, *parts: QWidget | QFormLayout) -> None:
    """Lay `parts` out top to bottom in a column at most `width` wide, in the middle of `page`."""
    column = QWidget(page)
    column.setMaximumWidth(width)
    inner = QVBoxLayout(column)
    for part in parts:
        if isinstance(part, QWidget):
            inner.addWidget(part)
        else:
            inner.addLayout(part)
    middle = QHBoxLayout()
    middle.addStretch(1)
    middle.addWidget(column, 4)
    middle.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addLayout(middle)
    layout.addStretch(2)


def checked_form(dialog: QDialog, rows: list[tuple[str, QWidget]], check: Callable[[], str]) -> QLabel:
    """The dialog's rows, then a line for problems and OK/Cancel: OK accepts only when `check()` returns ''
    (else the returned problem is shown). A dialog with `send_to_county(answered)` stays open, OK grey, until the
    county answers: `answered(None)` accepts it, `answered(text)` shows the refusal in it, what was typed kept.
    Returns the problem line."""
    form = QFormLayout(dialog)
    for label, widget in rows:
        form.addRow(label, widget)
    message = QLabel(dialog)
    message.setStyleSheet("color: #c0392b;")
    form.addRow(message)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)

    def ok() -> None:
        problem = check()
        message.setText(problem)
        if problem:
            return
        send = getattr(dialog, "send_to_county", None)
        if send is None:
            dialog.accept()
            return
        buttons.setEnabled(False)

        def answered(refusal: str | None) -> None:
            buttons.setEnabled(True)
            if refusal:
                message.setText(refusal)
            else:
                dialog.accept()

        send(answered)

    buttons.accepted.connect(ok)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return message
