"""What the workspace's screens share: a column in the middle of a wide window (the first run and the login); a
dialog that stays open while its request is on its way to the county; and a small form dialog whose OK first checks
what was typed and says what is missing."""

from __future__ import annotations

from typing import Any, Callable

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


class CountyDialog(QDialog):
    """A dialog that sends something to the county: while it is on its way (`on_its_way`), Esc, the window's close
    button and Cancel do nothing, since the county's answer (a refusal, or whether it was done) is said in the
    dialog. All three end in reject(): QDialog's keyPressEvent and closeEvent call it, a button box's rejected too."""

    waiting = False

    def reject(self) -> None:
        if not self.waiting:
            super().reject()


def on_its_way(widget: QWidget) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A request from `widget` has left for the county: the CountyDialog it is in (if any) is held open, its buttons
    grey, until an answer comes. Returns `answer`, to wrap each of the request's callbacks, as
    `answer = on_its_way(self); desk.call(work, answer(done), answer(refused))`: the first to come lets the dialog
    go, then runs (and may grey a button again). Outside a CountyDialog (the first login) it changes nothing."""
    dialog = widget.window()
    if not isinstance(dialog, CountyDialog):
        return lambda callback: callback
    boxes = dialog.findChildren(QDialogButtonBox)
    dialog.waiting = True
    for box in boxes:  # (the box, not its buttons: a button greyed on its own stays grey after)
        box.setEnabled(False)

    def answer(callback: Callable[..., Any]) -> Callable[..., Any]:
        def answered(*args: Any) -> Any:
            dialog.waiting = False
            for box in boxes:
                box.setEnabled(True)
            return callback(*args)

        return answered

    return answer


def checked_form(dialog: CountyDialog, rows: list[tuple[str, QWidget]], check: Callable[[], str]) -> QLabel:
    """The dialog's rows, then a line for problems and OK/Cancel: OK accepts only when `check()` returns ''
    (else the returned problem is shown). A dialog with `send_to_county(answered)` stays open, its buttons grey and
    Esc ignored, until the county answers (`on_its_way`): `answered(None)` accepts it, `answered(text)` shows the
    refusal in it, what was typed kept. Returns the problem line."""
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

        def answered(refusal: str | None) -> None:
            if refusal:
                message.setText(refusal)
            else:
                dialog.accept()

        send(on_its_way(dialog)(answered))

    buttons.accepted.connect(ok)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return message
