"""An open record's materials follow every verification result at once (issue #10, item 5).

A tampered scan stayed plain in the open record after 核查全部材料, and turned red only once another record
had been opened; now any check that finds it (check all, a preview, printing, the command line) records
its result and the panel shows it at once, and a file put back turns plain again the same way. (The
command line records its results too; a window open meanwhile shows them when the record is shown again.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.attachments_panel import BAD_COLOR

from .test_attachments_ui import jpeg_file, wait_for_items

pytestmark = pytest.mark.gui


def tamper(services, attachment) -> bytes:
    stored = services.attachments.path_of(attachment)
    stored.chmod(0o644)
    original = stored.read_bytes()
    stored.write_bytes(original + b"appended after capture")  # still a picture a viewer opens
    return original


def red(item) -> bool:
    return item.background().color() == BAD_COLOR


@pytest.mark.usefixtures("synchronous_tasks")  # every task of the test runs inline
def test_check_all_turns_a_tampered_material_red_in_the_open_record(window, saved_application, qtbot, tmp_path,
                                                                      services, message_boxes):
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "身份证.jpg"), jpeg_file(tmp_path / "工资条.jpg", color=(0, 90, 0))])
    wait_for_items(qtbot, panel, 2)
    first = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    assert not red(panel.list.item(0)) and not panel.problem.isVisibleTo(panel)
    original = tamper(services, first)
    window.verify_all()
    assert red(panel.list.item(0)) and not red(panel.list.item(1))
    assert panel.problem.isVisibleTo(panel) and "身份证.jpg" in panel.problem.text()
    assert "身份证.jpg" in panel.list.item(0).toolTip()
    services.attachments.path_of(first).write_bytes(original)  # put back from a copy
    window.verify_all()
    assert not red(panel.list.item(0)) and not panel.problem.isVisibleTo(panel)


def test_a_preview_that_finds_the_file_changed_turns_it_red_in_the_list(window, saved_application, qtbot, tmp_path,
                                                                         services):
    panel = saved_application.editor.attachments
    panel.add_files([jpeg_file(tmp_path / "户口本.jpg")])
    wait_for_items(qtbot, panel, 1)
    qtbot.waitUntil(lambda: len(panel.verifications) == 1, timeout=5000)  # its own check: intact
    attachment = panel.list.item(0).data(Qt.ItemDataRole.UserRole)
    tamper(services, attachment)
    preview = panel.preview(attachment)  # the clerk looks at it: the preview checks it on a worker
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.verification is not None, timeout=5000)
    qtbot.waitUntil(lambda: red(panel.list.item(0)), timeout=5000)
