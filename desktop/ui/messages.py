"""Every message box the app shows is made here, so tests can answer them and nothing modal hangs.

Tests replace `MessageBoxes.responder` with a function that records the box and
returns the button to press; the app itself never calls QMessageBox directly.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

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


class ReasonDialog(QDialog):
    """Asks for one line of text that must not be empty (why a record is voided): OK with nothing typed
    keeps the dialog open and says what is missing, beside the box, instead of closing on a refusal."""

    def __init__(self, parent: QWidget | None, title: str, label: str, missing: str):
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle(title)
        self.missing = missing
        self.edit = QLineEdit(self)
        self.edit.setObjectName("reason")
        self.edit.setAccessibleName(label)
        self.message = QLabel(self)
        self.message.setObjectName("reason_missing")
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()
        self.edit.textChanged.connect(lambda text: self.message.setVisible(self.message.isVisible() and not text.strip()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt = QLabel(label, self)
        prompt.setWordWrap(True)
        prompt.setBuddy(self.edit)
        layout.addWidget(prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def text(self) -> str:
        return self.edit.text().strip()

    def accept(self) -> None:
        if not self.text():
            self.message.setText(self.missing)
            self.message.show()
            self.edit.setFocus()
            return  # stays open: the clerk types the reason or cancels
        super().accept()


class TextPrompt:
    """Asks for the reason for an action (e.g. voiding); tests set `responder` to answer as the clerk types.

    The answer goes through the real dialog either way: an empty one is refused there and asked again.
    """

    responder: Callable[[str, str], str | None] | None = None

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, label: str, missing: str) -> str | None:
        """The reason typed (stripped), or None when the clerk cancelled; `missing` says an empty one is not enough."""
        dialog = ReasonDialog(parent, title, label, missing)
        try:
            if cls.responder is None:
                return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
            while True:
                answer = cls.responder(title, label)
                if answer is None:
                    return None
                dialog.edit.setText(answer)
                dialog.accept()
                if dialog.result() == QDialog.DialogCode.Accepted:
                    return dialog.text()
        finally:
            dialog.deleteLater()
