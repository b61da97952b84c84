"""The main window's pages after the first two (issue 17): built, with their modules, when first shown or asked
for, not at start. `MainWindow.page(name)` builds one in its placeholder's row of the stack; `LaterPage` makes
`window.county_page` and the others build on first use; the record forms are imported when a record is opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .workspace import RecordWorkspace

if TYPE_CHECKING:
    from .main_window import MainWindow

# the pages after the first two, in the navigation's order
LATER_PAGES = ("deadlines_page", "casework", "complaints", "outreach", "indicators_page", "accounts_page",
               "county_page", "settings_page")
CASEWORK_PAGES = {"complaint": "complaints", "outreach_event": "outreach"}  # record types with a page of their own


def consultation_form() -> type:
    from .consultation_form import ConsultationForm

    return ConsultationForm


def application_form() -> type:
    from .application_form import ApplicationForm

    return ApplicationForm


class LaterPage:
    """A page of the main window that is built on first use (MainWindow.page)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, window: MainWindow | None, owner: type | None = None):
        return self if window is None else window.page(self.name)


def build_page(window: MainWindow, name: str) -> QWidget:
    """The page `name` of LATER_PAGES, made and connected to `window`."""
    workstation = window.workstation
    if name == "deadlines_page":
        from .deadlines_page import DeadlinesPage

        page = DeadlinesPage(workstation, window)
        page.countChanged.connect(lambda count: show_deadline_count(window, count))
        page.openRequested.connect(window.open_record)
        page.followUpRequested.connect(window.start_consultation_follow_up)
        return page
    if name == "casework":
        from .casework_pages import CaseworkTabs

        page = CaseworkTabs(workstation, window)
        for workspace in page.workspaces.values():
            workspace.editorCreated.connect(window._connect_editor)
        return page
    if name in ("complaints", "outreach"):
        from .casework_forms import CASEWORK_FORMS

        page = RecordWorkspace(workstation, CASEWORK_FORMS["complaint" if name == "complaints" else "outreach_event"],
                               window)
        page.editorCreated.connect(window._connect_editor)
        return page
    if name == "indicators_page":
        from .indicators_page import IndicatorsPage

        return IndicatorsPage(workstation, window.open_record, window)
    if name == "accounts_page":
        from .accounts_page import AccountsPage

        return AccountsPage(workstation, window)
    if name == "county_page":
        from .county_page import CountyPage

        return CountyPage(workstation, window.open_record, window)
    from .settings_page import SettingsPage

    page = SettingsPage(workstation, window)
    page.enrolled.connect(window.sync.after_enrollment)  # a first round when there is a server
    return page


def count_deadlines(window: MainWindow) -> None:
    """The navigation's count of deadlines overdue or due today, from the start (on a worker, from the cases'
    settled rows): the 期限待办 page itself is built when first seen, and its own count replaces this one."""
    from datetime import date

    from desktop.records import deadlines

    def count(job) -> int:
        groups = deadlines.by_state(deadlines.open_deadlines(job.db), date.today())
        return len(groups[deadlines.OVERDUE]) + len(groups[deadlines.TODAY])

    window.workstation.tasks.run(count, on_done=lambda urgent: None if "deadlines_page" in window._built
                                 else show_deadline_count(window, urgent))


def show_deadline_count(window: MainWindow, count: int) -> None:
    """期限待办（N） in the navigation: N deadlines overdue or due today."""
    item = window.navigation.item(window._rows["deadlines_page"])
    text = QCoreApplication.translate("MainWindow", "Deadlines (%1)").replace("%1", str(count)) if count else \
        QCoreApplication.translate("MainWindow", "Deadlines")
    item.setText(text)
