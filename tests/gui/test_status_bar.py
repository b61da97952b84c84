"""The status bar on the screens stations have (1366 and 1117 pixels wide), against the real county server:
the clock warning in a label of its own, the sync line short with the problem first (details in its
tooltip), and material files changed after signing said once, with what to do, never as "will resume"."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from sync_tests.test_attachment_upload import attach

from desktop.ui.main_window import MainWindow
from desktop.ui.sync_controller import WARNING
from sync.status import describe

from .test_sync_progress import MB, waiting
from .test_sync_ui import press_sync, wait_round

CLERK = "李芳"
WIDTHS = (1366, 1117)  # the common laptop screen, and the narrower ones some stations have


def tr(source: str) -> str:
    return QCoreApplication.translate("SyncController", source)


def shots_folder(tmp_path: Path) -> Path:
    return Path(os.environ.get("LEGALAID_SCREENSHOTS") or tmp_path)


def reachable(window, width: int) -> int:
    """The width the window takes when asked for `width`: its pages may not go narrower (in Chinese they fit 1117
    pixels; the untranslated English source is wider), but the status bar must never be what holds it wide."""
    return max(width, window.minimumSizeHint().width())


def at_width(window, qtbot, width: int) -> None:
    assert window.statusBar().minimumSizeHint().width() <= width - 20  # never wider than the screen for its words
    window.resize(width, 740)
    qtbot.waitUntil(lambda: window.width() == reachable(window, width))
    for layout in (window.layout(), window.statusBar().layout()):  # what their pending layout requests would do,
        layout.activate()  # done now rather than at some later turn of the event loop


def fully_shown(window, label) -> bool:
    """The label shows all of its text, inside the status bar and the window."""
    bar = window.statusBar()
    left = label.mapTo(bar, label.rect().topLeft()).x()
    return (label.isVisible() and label.width() >= label.sizeHint().width()
            and left >= 0 and left + label.width() <= bar.width() <= window.width())


def start_shown(window, label, start: str) -> bool:
    """At least `start` (the problem) is readable: the label is at least that wide and inside the window."""
    bar = window.statusBar()
    left = label.mapTo(bar, label.rect().topLeft()).x()
    needed = label.fontMetrics().horizontalAdvance(start)
    return label.isVisible() and label.text().startswith(start) and label.width() >= needed \
        and left + needed <= bar.width()


def corrupt(services, attachment) -> None:
    """The scan's bytes change after it was signed (a virus scanner, a disk fault, someone's "fix")."""
    path = services.vault.path_for(attachment.sha256)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))


def test_the_clock_warning_has_its_own_label_and_stays_visible_on_narrow_screens(enrolled, county, window, qtbot,
                                                                                station, tmp_path):
    clock = window.clock_label
    assert clock.isHidden()  # nothing to say yet
    window.sync.engine_options = {"clock": lambda: time.time() + 7200}  # this computer is two hours fast
    press_sync(window, qtbot)
    result = window.sync.last_result
    assert result.error is None and result.clock_warning
    assert clock.isVisible()
    assert clock.text() == WARNING + "本机时钟快了 2 小时"  # the direction and a unit a clerk reads at a glance
    assert clock.toolTip().startswith("本机时钟比县中心快了 2 小时")
    assert clock.styleSheet()  # red
    assert "小时" not in window.sync_label.text()  # the sync line stays short: the clock is said once, here
    assert window.sync_label.text().startswith(tr("Synced at %1").split("%1")[0])

    again = MainWindow(window.workstation)  # the next start, before any round: what the last round measured
    qtbot.addWidget(again)
    assert not again.clock_label.isHidden() and again.clock_label.text() == clock.text()

    # the worst case for room: a long station name, material files waiting, the county unreachable
    station.update_settings(replace(station.settings, station_name="青山县城关镇东风村法律援助工作站"))
    attach(enrolled, tmp_path, 2 * MB, 3)
    county.stop()
    press_sync(window, qtbot, timeout=30000)
    assert window.sync.last_result.error_code == "network"
    problem = window.sync.short_problem("network")
    assert window.sync_label.text().startswith(problem)  # the problem first
    assert window.sync_label.toolTip() == window.sync.problem_text("network", None)
    assert window.sync_label.styleSheet()  # red
    assert window.clock_label.isVisible()  # the last known difference is still said
    for width in WIDTHS:
        at_width(window, qtbot, width)
        assert window.grab().save(str(shots_folder(tmp_path) / f"status_unreachable_clock_{width}.png"))
        assert fully_shown(window, window.clock_label), width
        assert fully_shown(window, window.sync_button), width
        assert start_shown(window, window.sync_label, problem), width
        assert fully_shown(window, window.pending_label), width

    county.restart()  # the clock corrected, the county back
    window.sync.engine_options = {}
    press_sync(window, qtbot)
    assert window.sync.last_result.error is None
    assert window.clock_label.isHidden() and not window.sync_label.styleSheet()


def test_a_material_file_changed_after_signing_is_said_once_and_never_counted_as_resuming(enrolled, county, window,
                                                                                         qtbot, station, tmp_path):
    services = enrolled
    changed = attach(services, tmp_path, 40_000, 7)  # goes first (oldest), and no longer matches its hash
    corrupt(services, changed)
    press_sync(window, qtbot)
    result = window.sync.last_result
    assert result.error is None and result.files_damaged == [changed.sha256] and result.files_pending == 1
    line, whole = window.sync_label.text(), window.sync_label.toolTip()
    assert line.startswith(WARNING + tr("%1 material file(s) changed after signing").replace("%1", "1"))
    assert window.sync_label.styleSheet()  # red: the clerk must act
    assert whole.count(window.sync.changed_files_text(1)) == 1  # said once, with what to do
    assert window.pending_label.text() == waiting(0)  # it does not "wait to sync": it never goes up as it is
    # the command line's words (sync.status.describe): no "resumes next time" for it, what to do instead
    lines = describe(result)
    assert not any("下次同步从中断处继续" in line for line in lines)
    [changed_line] = [line for line in lines if "校验值不符" in line]
    assert "核查全部材料" in changed_line and "作废" in changed_line and "重新添加" in changed_line

    # a long upload stopped half-way: only the file that can go up "resumes"
    big = attach(services, tmp_path, 6 * MB, 8)
    window.sync.engine_options = {"chunk_bytes": 32 * 1024}  # many chunks: there is time to press 停止
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_progress.isVisible() and window.sync_progress.bar.value() > 0, timeout=20000)
    qtbot.mouseClick(window.sync_progress.stop_button, Qt.MouseButton.LeftButton)
    wait_round(window, qtbot, timeout=20000)
    result = window.sync.last_result
    assert result.cancelled and result.files_pending == 2
    whole = window.sync_label.toolTip()
    paused = tr("Upload paused with %1 material file(s) (%2 MB) left; it resumes at the next sync")
    assert paused.replace("%1", "1").replace("%2", f"{big.size / MB:.1f}") in whole  # the big one only
    assert window.pending_label.text() == waiting(0, 1, big.size)
    assert tr("upload paused") in window.sync_label.text()
    assert window.sync_label.text().startswith(WARNING + tr("%1 material file(s) changed after signing")
                                               .replace("%1", "1"))  # still said, though this round stopped early
    assert whole.count(window.sync.changed_files_text(1)) == 1
    for width in WIDTHS:
        at_width(window, qtbot, width)
        assert window.grab().save(str(shots_folder(tmp_path) / f"status_paused_upload_{width}.png"))
        assert start_shown(window, window.sync_label, window.sync_label.text().split("；")[0].split("; ")[0]), width

    # the clerk does what it says: voids the changed material (and would add the original scan again)
    services.attachments.void(changed.id, "签名后文件被改动", user=CLERK)
    window.sync.engine_options = {}
    press_sync(window, qtbot, timeout=30000)
    again = window.sync.last_result
    assert again.error is None and again.complete and again.files_damaged == []
    assert WARNING not in window.sync_label.text() and not window.sync_label.styleSheet()
    assert window.pending_label.text() == waiting(0)
