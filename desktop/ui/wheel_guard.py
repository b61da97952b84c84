"""The mouse wheel scrolls the form; it changes a drop-down, spin box or date only when that has the focus.

Qt's combo boxes and spin boxes take a wheel notch as "next value" even when the pointer merely passes
over them while the clerk scrolls a long form, and a valid value is then saved silently. One filter on
the application covers every such widget of every window, form and dialog, present and future:

- a combo, spin box or date edit no longer takes the focus from the wheel (its focus policy loses
  WheelFocus when it is first polished), so a scrolling wheel cannot focus it either;
- a wheel event over one that has no focus is refused there and goes on to its parents: the form's
  scroll area scrolls, as the clerk meant.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox

GUARDED = (QComboBox, QAbstractSpinBox)  # QDateEdit, QTimeEdit, QDateTimeEdit and QDoubleSpinBox included
_WATCHED = (QEvent.Type.Polish, QEvent.Type.Wheel)


class WheelGuard(QObject):
    """The application's event filter for wheel events over value widgets (install with `install`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # every event of the program passes here: the common case first, and the cheap test first (an isinstance;
        # event.type() makes a Python enum member each time, thousands of times while the window is built)
        if not isinstance(watched, GUARDED):
            return False
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if kind == QEvent.Type.Polish:
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind == QEvent.Type.Wheel and not watched.hasFocus():
            # (over a combo's own line edit the wheel arrives here too: the line edit passes it up)
            event.ignore()  # not accepted: QApplication hands it on to the parents (the scroll area)
            return True
        return False


def install(app: QApplication) -> WheelGuard:
    """Install the guard on `app` once (a second call returns the one installed)."""
    guard = app.findChild(WheelGuard, "wheel_guard")
    if guard is None:
        guard = WheelGuard(app)
        guard.setObjectName("wheel_guard")
        app.installEventFilter(guard)
    return guard
