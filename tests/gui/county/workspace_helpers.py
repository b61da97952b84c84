"""What the county workspace's window tests share: the center's staff, an application that reached the county,
the workspace window pinned to the real county server, and driving its screens as staff do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.county_ui.settings import pin_county
from desktop.county_ui.window import CountyWindow
from desktop.ui.tasks import TaskRunner

PASSWORD = "correct horse 42"
STAFF = (("lifang", "李芳", ["reviewer"]), ("wangqiang", "王强", ["head"]), ("zhaomin", "赵敏", ["assigner"]),
         ("admin", "管理员", ["admin"]))


class HeldBack:
    """The desk's next `call` (or `login`) goes (and is answered) only on `release()`, after the calls made
    meanwhile: as a slow link would deliver it."""

    def __init__(self, desk, method: str = "call"):
        self.desk, self.method, self.real, self.held = desk, method, getattr(desk, method), []

    def hold_next(self) -> None:
        def held(*args, **kwargs):
            delattr(self.desk, self.method)  # the calls after this one go as they are made
            self.held.append(lambda: self.real(*args, **kwargs))

        setattr(self.desk, self.method, held)

    def release(self) -> None:
        while self.held:
            self.held.pop(0)()


def add_staff(county) -> None:
    for name, display, roles in STAFF:
        county.store.staff.save(name, display, roles, PASSWORD)


def attach_material(services, tmp_path: Path, record_id: str, slot: str, seed: int):
    """A scanned material of `slot` on the station's application (a small PDF, as a scanner leaves it)."""
    from sync_tests.test_attachment_upload import PDF, data_of

    source = tmp_path / f"{slot}-{seed}.pdf"
    source.write_bytes(data_of(20_000, seed, PDF))
    return services.attachments.attach("application", record_id, slot, source, user="李明")


def open_workspace(qtbot, county, folder: Path) -> CountyWindow:
    """The workspace window of a computer pinned to `county` (its first run done), tasks run inline."""
    if not (folder / "county_workspace.json").exists():
        pin_county(folder, county.url, county.fingerprint)
    tasks = TaskRunner(folder, synchronous=True)
    window = CountyWindow(folder, tasks)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.destroyed.connect(lambda: tasks.shutdown(0))
    return window


def log_in(qtbot, window: CountyWindow, name: str, password: str = PASSWORD) -> None:
    panel = window.login_panel
    panel.account.clear()
    qtbot.keyClicks(panel.account, name)
    panel.password.clear()
    qtbot.keyClicks(panel.password, password)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)


def queue_row(window: CountyWindow, name: str) -> int:
    model = window.queue.model
    return next(r for r in range(model.rowCount()) if model.row(r).name == name)


def open_in_queue(qtbot, window: CountyWindow, name: str):
    """Select the applicant's row and press Enter, as staff open an application."""
    window.queue.refresh()
    row = queue_row(window, name)
    window.queue.table.setFocus()
    window.queue.table.selectRow(row)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
    view = window.application
    assert view.application is not None and view.application.data["name"] == name
    return view


def go_to(window: CountyWindow, page) -> None:
    """Choose `page` in the navigation, as staff click it (or press its Ctrl+number)."""
    index = window.pages.indexOf(page)
    row = next(r for r in range(window.navigation.count())
               if window.navigation.item(r).data(Qt.ItemDataRole.UserRole) == index)
    window.navigation.setCurrentRow(row)
    assert window.pages.currentWidget() is page
