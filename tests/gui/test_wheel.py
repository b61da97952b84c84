"""Scrolling a form with the mouse wheel never changes a value the pointer passes over (issue #10, item 3).

One test for every drop-down, spin box and date field of every form and dialog the window offers: a
wheel notch over one that has no focus leaves its value as it was; once the clerk focused it, the wheel
chooses, as in any program.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDateTimeEdit, QWidget

pytestmark = pytest.mark.gui


def _value(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime()
    return widget.text()


def _wheel(widget: QWidget, notches: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _value_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, (QComboBox, QAbstractSpinBox))]


def _every_form(window) -> list[QWidget]:
    """Every page, both record editors (their forms, materials and history) and the dialogs with values."""
    for workspace in (window.consultations, window.applications):
        window._new_in(workspace)
    for row in range(window.pages.count()):  # each page is built when first shown
        window.navigation.setCurrentRow(row)
    roots = [window.pages.widget(i) for i in range(window.pages.count())]
    roots.append(window.backups.show_dialog())
    from desktop.ui.reference_dialog import open_reference_dialog

    roots.append(open_reference_dialog(window))
    return roots


def test_the_wheel_over_an_unfocused_value_changes_nothing(window, qtbot):
    roots = _every_form(window)
    widgets = [w for root in roots for w in _value_widgets(root)]
    assert len(widgets) > 40  # the record forms' combos, the settings' spin boxes, the list filters, ...
    names = {w.objectName() for w in widgets}
    for name in ("id_type", "channel", "eligibility_ground", "case_type", "autosave_seconds", "backup_keep",
                 "date_from", "attachment_slot"):
        assert name in names, name
    window.navigation.setFocus()
    changed, focusable = [], []
    for widget in widgets:
        if isinstance(widget, QComboBox) and widget.count() > 2:
            widget.setCurrentIndex(1)  # room to move either way
        before = _value(widget)
        _wheel(widget, -1)
        _wheel(widget, -1)
        _wheel(widget, 1)
        if _value(widget) != before:
            changed.append(f"{widget.window().objectName()}/{widget.objectName()}")
        if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # a real notch would focus it, then change it
            focusable.append(widget.objectName())
    assert changed == []
    assert focusable == []


def test_the_wheel_chooses_in_a_focused_drop_down(window, qtbot):
    window._new_in(window.applications)
    combo = window.applications.form.editors["case_type"].widget
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    before = combo.currentIndex()
    _wheel(combo, -1)
    assert combo.currentIndex() == before + 1
