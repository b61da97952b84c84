"""Typing as a clerk does: ASCII through key clicks, Chinese through the input method.

QTest cannot click keys for non-ASCII characters; a Chinese IME delivers them
to the widget as an input-method commit, which is what we send.
"""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:
    chunk = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii() == (chunk[:1].isascii() if chunk else ch.isascii()):
            chunk += ch
            continue
        if chunk:
            if chunk.isascii():
                qtbot.keyClicks(widget, chunk)
            else:
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(widget, event)
        chunk = ch if ch != "\0" else ""
