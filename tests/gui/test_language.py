"""The interface speaks Chinese by default: no English source string reaches the clerk's screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QDialogButtonBox, QGroupBox, QLabel, QLineEdit, QMessageBox,
                               QPlainTextEdit, QTabBar, QTableView, QWidget)

from desktop.ui.main_window import MainWindow
from desktop.ui.messages import Button, MessageBoxes
from helpers.language import english_words

# Widgets that show data, not interface text (a folder path, typed values).
DATA_WIDGETS = {"data_dir", "key_fingerprint"}


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every visible label, button, group box title, tab, placeholder, tooltip, header."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.objectName() in DATA_WIDGETS:
            continue
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(f"{where} tab {i}", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            found.append((f"{where} placeholder", widget.placeholderText()))
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            found += [(f"{where} header {c}", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount(widget.rootIndex()))]
        found.append((f"{where} tooltip", widget.toolTip()))
        found.append((f"{where} accessible name", widget.accessibleName()))
    return [(where, text) for where, text in found if text]


def menu_texts(window: MainWindow) -> list[tuple[str, str]]:
    found = []
    for top in window.menuBar().actions():
        found.append(("menu", top.text()))
        if top.menu() is not None:
            found += [(f"menu {top.text()}", a.text()) for a in top.menu().actions() if not a.isSeparator()]
    return found


def untranslated(texts: list[tuple[str, str]], station) -> list[tuple[str, str]]:
    allowed = {station.settings.station_code}
    return [(where, text) for where, text in texts if english_words(text, allowed)]


@pytest.fixture
def window(workstation, qtbot, message_boxes):
    win = MainWindow(workstation)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_language_detector_spots_english():
    assert english_words("Save (Ctrl+S)") == ["Save"]
    assert english_words("保存（Ctrl+S）") == []
    assert english_words("文件(&F)") == []
    assert english_words("例如 YYYY-MM-DD") == []
    assert english_words("测试镇法律援助工作站 (TS01)", {"TS01"}) == []
    assert english_words("Not saved yet") == ["Not", "saved", "yet"]


def test_main_window_and_menus_are_chinese(window, station):
    assert window.windowTitle() == "法律援助工作站"
    texts = [("window title", window.windowTitle()), *menu_texts(window)]
    texts += [(f"navigation {i}", window.navigation.item(i).text()) for i in range(window.navigation.count())]
    assert len(texts) > 10
    assert untranslated(texts, station) == []


def test_new_consultation_and_application_are_chinese(window, station, qtbot):
    seen: list[tuple[str, str]] = []
    for workspace in (window.consultations, window.applications):
        window.navigation.setCurrentRow(window.pages.indexOf(workspace))
        qtbot.waitUntil(workspace.list_page.isVisible)
        seen += [(f"{workspace.record_type} list: {w}", t) for w, t in visible_texts(window)]

    window.new_consultation_action.trigger()
    qtbot.waitUntil(window.consultations.form.isVisible)
    assert window.consultations.form.header.text() == "新建咨询登记"
    seen += [(f"consultation form: {w}", t) for w, t in visible_texts(window)]

    window.new_application_action.trigger()
    qtbot.waitUntil(window.applications.form.isVisible)
    assert window.applications.form.header.text() == "新建法律援助申请"
    seen += [(f"application form: {w}", t) for w, t in visible_texts(window)]

    window.navigation.setCurrentRow(window.pages.indexOf(window.settings_page))
    qtbot.waitUntil(window.settings_page.isVisible)
    seen += [(f"settings: {w}", t) for w, t in visible_texts(window)]

    seen += [("status bar: " + w, t) for w, t in visible_texts(window.statusBar())]
    assert len(seen) > 100, "the walk found too few texts to mean anything"
    assert untranslated(seen, station) == []


def test_hidden_form_fields_are_translated_too(window, station):
    """Fields shown only for some case types or grounds (criminal, Art. 42...) are Chinese as well."""
    texts = []
    for form in (window.consultations.form, window.applications.form):
        for name, editor in form.editors.items():
            texts.append((f"{form.record_type}.{name} label", editor.label.text()))
            texts.append((f"{form.record_type}.{name} accessible name", editor.widget.accessibleName()))
        texts += [(f"{form.record_type} section {key}", group.title()) for key, group in form.groups.items()]
    assert untranslated(texts, station) == []
    assert window.applications.form.editors["cause"].label.text() == "* 案由"
    assert window.applications.form.editors["hukou"].label.text() == "户籍所在地"


def test_qt_standard_buttons_are_chinese(app):
    """qtbase_zh_CN is loaded: message box and dialog buttons are Chinese too."""
    box = MessageBoxes.make(None, QMessageBox.Icon.Question, "标题", "内容", Button.Yes | Button.No, Button.No)
    assert box.button(Button.Yes).text().replace("&", "") == "是(Y)"
    assert box.button(Button.No).text().replace("&", "") == "否(N)"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Discard)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert {"确定", "取消", "保存"} <= texts
    assert not [t for t in texts if english_words(t)], texts
