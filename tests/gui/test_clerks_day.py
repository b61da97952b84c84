"""Small things of the clerk's day (issue #10, item 13), through the real widgets.

History says what changed from what to what; the crash-draft question names the record; an empty void
reason keeps the prompt open and says why; the window's size survives a crash; 帮助 has a quick guide.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.records.reference import default_reference
from desktop.ui.main_window import MainWindow
from desktop.ui.window_geometry import GEOMETRY_KEY
from desktop.ui.messages import Button, ReasonDialog
from desktop.ui.quick_guide import guide_data, guide_html

from .clerk import set_combo, type_into, type_text

pytestmark = pytest.mark.gui


def saved_consultation(window, qtbot, name: str = "张三"):
    window._new_in(window.consultations)
    form = window.consultations.form
    type_text(qtbot, form.editors["name"].widget, name)
    set_combo(form, "matter_category", "wages")
    type_into(qtbot, form, "question", "老板拖欠工资怎么办？")
    type_into(qtbot, form, "answer", "可以申请劳动仲裁。")
    assert form.save() is not None
    return form


def test_history_shows_each_change_from_old_to_new(window, qtbot):
    form = saved_consultation(window, qtbot)
    set_combo(form, "matter_category", "labour")
    type_into(qtbot, form, "phone", "13800138000")
    form.editors["follow_up_needed"].widget.setChecked(True)
    assert form.save() is not None
    newest = window.consultations.editor.history.item(0).text()
    assert "劳动报酬 → 劳动争议" in newest  # codes as the clerk reads them
    assert "（空） → 13800138000" in newest
    assert "否 → 是" in newest


def test_the_draft_a_crash_left_is_named(window, qtbot, station, message_boxes):
    form = saved_consultation(window, qtbot, "王秀英")
    type_into(qtbot, form, "answer", "还没保存的解答")
    form.save_draft()
    window._new_in(window.applications)
    type_text(qtbot, window.applications.form.editors["name"].widget, "李四")
    window.applications.form.save_draft()
    message_boxes.answers.extend([Button.Cancel, Button.Cancel])  # keep both for the next start
    window.offer_drafts()
    questions = [text for _title, text in message_boxes.shown]
    assert any("王秀英" in q for q in questions), questions
    assert any("李四" in q for q in questions), questions


def test_an_empty_void_reason_keeps_the_prompt_open_with_a_message(window, qtbot):
    dialog = ReasonDialog(window, "作废", "为什么作废？", "请写明作废的原因。")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.isVisible() and dialog.message.text() == "请写明作废的原因。"
    type_text(qtbot, dialog.edit, "重复登记")
    assert not dialog.message.isVisible()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.text() == "重复登记"


def test_voiding_asks_again_after_an_empty_reason_and_then_voids(window, qtbot, message_boxes):
    form = saved_consultation(window, qtbot)
    message_boxes.answers.extend(["  ", "重复登记"])  # OK with nothing typed, then the reason
    window.consultations.editor.void_record()
    assert message_boxes.shown == []  # no "not voided" box: the prompt itself said what was missing
    assert form.record.voided and form.record.void_reason == "重复登记"


def test_the_window_size_is_kept_as_it_changes_not_only_at_close(window, workstation, qtbot):
    window.resize(1100, 650)
    qtbot.waitUntil(lambda: QSettings().value(GEOMETRY_KEY) == window.saveGeometry(), timeout=5000)
    after_a_crash = MainWindow(workstation)  # the first window was never closed
    qtbot.addWidget(after_a_crash)
    assert after_a_crash.height() == 650  # (the width is kept within this test screen's 800 pixels)


def test_help_has_a_chinese_quick_guide_that_names_every_shortcut_and_status(window, qtbot):
    guide = window.show_quick_guide()
    text = guide.browser.toPlainText()
    assert "快速指南" in text and "一天的工作" in text and "转为法律援助申请" in text
    assert window.guide_action.shortcut().toString() == "F1"
    listed = " ".join(row["keys"] for row in guide_data()["keys"]["rows"])
    for action in window.actions():
        keys = action.shortcut().toString()
        assert not keys or keys in listed, (action.objectName(), keys)
    for choice in default_reference().choices("application_status"):
        assert choice.zh in text and choice.code in guide_data()["statuses"]["meanings"], choice.code
    assert "Quick guide" in guide_html(default_reference(), "en")
