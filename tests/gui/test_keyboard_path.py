"""The keyboard path through a form is short (issue #10, item 12).

The fifteen special categories were fifteen Tab stops: 22 Tabs from 证件号码 to 事项类别 in a consultation.
A list of check boxes is now one stop (arrows move, Space ticks), so the same path takes 8 Tabs; and a new
form starts with the channel the station uses most, so a hotline station does not Shift+Tab back to choose it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .clerk import set_combo, type_into, type_text

pytestmark = pytest.mark.gui

TABS_FROM_ID_NUMBER_TO_MATTER = 8  # ethnicity, birth date, address, language, interpreter, accessibility, categories


def _tabs_between(qtbot, start, target, limit: int = 60) -> int:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    for count in range(1, limit + 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return count
    raise AssertionError(f"{target.objectName()} not reached in {limit} Tabs")


def test_from_the_id_number_to_the_matter_takes_few_tabs(window, qtbot):
    window._new_in(window.consultations)
    form = window.consultations.form
    tabs = _tabs_between(qtbot, form.editors["id_number"].widget, form.editors["matter_category"].widget)
    assert tabs == TABS_FROM_ID_NUMBER_TO_MATTER  # was 22: one Tab per category


def test_the_categories_are_one_stop_with_arrows_and_space(window, qtbot):
    window._new_in(window.consultations)
    form = window.consultations.form
    group = form.editors["categories"].widget
    _tabs_between(qtbot, form.editors["accessibility_needs"].widget, group)
    qtbot.keyClick(group, Qt.Key.Key_Right)
    qtbot.keyClick(group, Qt.Key.Key_Right)
    qtbot.keyClick(group, Qt.Key.Key_Right)
    qtbot.keyClick(group, Qt.Key.Key_Space)  # the fourth: 农民工
    assert form.editors["categories"].value() == ["migrant_worker"]
    qtbot.keyClick(group, Qt.Key.Key_Down)
    qtbot.keyClick(group, Qt.Key.Key_Space)  # one row down (four to a row): 残疾人
    assert form.editors["categories"].value() == ["migrant_worker", "disabled"]
    qtbot.keyClick(group, Qt.Key.Key_Space)
    assert form.editors["categories"].value() == ["migrant_worker"]
    assert group.hasFocus()
    qtbot.keyClick(group, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.editors["matter_category"].widget


def test_a_new_consultation_starts_with_the_channel_the_station_uses_most(window, qtbot, station):
    assert _new_consultation(window).editors["channel"].value() == "walk_in"
    for question in ("工资被拖欠怎么办？", "离婚财产怎么分？", "邻居占了我家的地怎么办？"):
        form = _new_consultation(window)
        type_text(qtbot, form.editors["name"].widget, "张三")
        set_combo(form, "channel", "hotline")
        set_combo(form, "matter_category", "other")
        type_into(qtbot, form, "question", question)
        type_into(qtbot, form, "answer", "已解答。")
        assert form.save() is not None
    assert _new_consultation(window).editors["channel"].value() == "hotline"


def _new_consultation(window):
    window._new_in(window.consultations)
    return window.consultations.form
