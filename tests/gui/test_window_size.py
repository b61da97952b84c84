"""The window fits the screens townships have: 1366x768 and 1024x768 laptops, less the taskbar and the
title bar (about 690 pixels high); a page that needs more scrolls instead of pushing the window off screen."""

from __future__ import annotations

USABLE_WIDTH, USABLE_HEIGHT = 1024, 690


def test_every_page_fits_a_768_pixel_laptop_screen(window, qtbot):
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        hint = window.minimumSizeHint()
        assert hint.width() <= USABLE_WIDTH and hint.height() <= USABLE_HEIGHT, \
            (window.navigation.item(row).text(), hint)
    for workspace in (window.consultations, window.applications):  # a form open for typing, materials beside it
        window._new_in(workspace)
        hint = window.minimumSizeHint()
        assert hint.width() <= USABLE_WIDTH and hint.height() <= USABLE_HEIGHT, hint
    window.resize(USABLE_WIDTH, USABLE_HEIGHT)
    window.navigation.setCurrentRow(window.pages.indexOf(window.settings_page))
    qtbot.waitUntil(lambda: window.settings_page.save_button.isVisible())
    save = window.settings_page.save_button
    bottom = save.mapTo(window, save.rect().bottomLeft()).y()
    assert bottom < window.height() - window.statusBar().height()  # 保存设置 stays in view, not scrolled away
