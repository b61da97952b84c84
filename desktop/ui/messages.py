"""Every message box the app shows is made here, so tests can answer them and nothing modal hangs.

Tests replace `MessageBoxes.responder` with a function that records the box and
returns the button to press; the app itself never calls QMessageBox directly.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton
Responder = Callable[[QMessageBox], "QMessageBox.StandardButton | None"]


class MessageBoxes:
    responder: Responder | None = None  # set by tests; None shows the box modally

    @classmethod
    def _show(cls, box: QMessageBox) -> QMessageBox.StandardButton:
        if cls.responder is not None:
            answer = cls.responder(box)
            return answer if answer is not None else box.standardButton(box.defaultButton())
        return QMessageBox.StandardButton(box.exec())

    @classmethod
    def make(cls, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
             buttons: QMessageBox.StandardButton, default: QMessageBox.StandardButton,
             detail: str = "") -> QMessageBox:
        box = QMessageBox(icon, title, text, buttons, parent)
        box.setObjectName("messageBox")
        box.setDefaultButton(default)
        if detail:
            box.setInformativeText(detail)
        return box

    @classmethod
    def warn(cls, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        cls._show(cls.make(parent, QMessageBox.Icon.Warning, title, text, Button.Ok, Button.Ok, detail))

    @classmethod
    def inform(cls, parent: QWidget | None, title: str, text: str) -> None:
        cls._show(cls.make(parent, QMessageBox.Icon.Information, title, text, Button.Ok, Button.Ok))

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str,
            buttons: QMessageBox.StandardButton = Button.Yes | Button.No,
            default: QMessageBox.StandardButton = Button.No) -> QMessageBox.StandardButton:
        return cls._show(cls.make(parent, QMessageBox.Icon.Question, title, text, buttons, default))


class TextPrompt:
    """Asks for one line of text (e.g. a reason to void); tests set `responder` to answer."""

    responder: Callable[[str, str], str | None] | None = None

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, label: str) -> str | None:
        if cls.responder is not None:
            return cls.responder(title, label)
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(parent, title, label)
        return text if ok else None
