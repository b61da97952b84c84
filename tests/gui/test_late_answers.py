"""What a screen shows comes from its last request: an answer read before a later one and delivered after it (a
slow disk, a worker that started first) is dropped, never shown over the newer one (desktop/ui/tasks.py Latest)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.ui.tasks import Latest
from helpers.records import application, resident_id

pytestmark = pytest.mark.gui


class LateAnswers:
    """The runner's next task runs at once, but its answer reaches the window only on `deliver()`, after the answers
    of the tasks asked meanwhile."""

    def __init__(self, tasks):
        self.tasks, self.run, self.held = tasks, tasks.run, []

    def hold_next(self) -> None:
        def run(work, on_done=None, on_error=None, on_progress=None):
            del self.tasks.run  # the tasks after this one answer as they end
            return self.run(work, lambda result: self.held.append(lambda: on_done(result)), on_error, on_progress)

        self.tasks.run = run

    def deliver(self) -> None:
        while self.held:
            self.held.pop(0)()


def test_an_answer_to_an_earlier_question_is_dropped():
    latest, shown = Latest(), []
    first = latest.ask()
    second = latest.ask()
    second(shown.append)("second")
    first(shown.append)("first")  # slower, later
    assert shown == ["second"] and second.current and not first.current
    third = latest.ask()
    latest.forget()  # the screen moved on
    third(shown.append)("third")
    assert shown == ["second"]


def test_the_deadline_page_shows_its_last_read_not_a_slower_earlier_one(window, station, synchronous_tasks):
    def save_case(name: str, sequence: str) -> None:
        received = (date.today() - timedelta(days=1)).isoformat()
        station.store.save("application", application(received_at=f"{received}T09:00", name=name,
                                                      id_number=resident_id(sequence=sequence)), user="李芳")

    page = window.deadlines_page
    save_case("赵六", "133")
    late = LateAnswers(synchronous_tasks)
    late.hold_next()
    page.refresh()  # reads one case; its answer is slow
    save_case("钱七", "143")  # a save: the page reads again (two cases), answered at once
    page.refresh()
    assert len(page.found) == 2
    late.deliver()
    assert len(page.found) == 2  # not the one case the slower read found


def test_the_audit_dialog_shows_the_last_checks_verdict(window, workstation, synchronous_tasks):
    from desktop.ui.audit_dialog import AuditDialog

    dialog = AuditDialog(workstation, window)
    late = LateAnswers(synchronous_tasks)
    late.hold_next()
    dialog.verify()  # slow
    dialog.verify()  # asked again: answered at once
    verdict = dialog.verdict.text()
    assert "完好" in verdict or "intact" in verdict
    dialog.verdict.setText("—")
    late.deliver()
    assert dialog.verdict.text() == "—"  # the earlier check's verdict does not come back over it


def test_the_indicators_show_their_last_count(window, station, synchronous_tasks):
    page = window.indicators_page
    page.recompute()
    late = LateAnswers(synchronous_tasks)
    late.hold_next()
    page.recompute()  # counted before the save below; its answer is slow
    received = (date.today() - timedelta(days=1)).isoformat()
    station.store.save("application", application(received_at=f"{received}T09:00", name="孙八",
                                                  id_number=resident_id(sequence="153")), user="李芳")
    page.recompute()
    shown = page.figures
    late.deliver()
    assert page.figures is shown  # the figures counted after the save stay


def test_a_screen_read_again_at_every_change_shows_any_newer_answer():
    """`Latest(newest=True)`: reads of the same list as changes come; an answer newer than the one shown is shown
    (changes faster than a read never starve the screen), an older one never."""
    latest, shown = Latest(newest=True), []
    first, second = latest.ask(), latest.ask()
    first(shown.append)("first")  # the second read has not answered yet: the first is news
    second(shown.append)("second")
    third, fourth = latest.ask(), latest.ask()
    fourth(shown.append)("fourth")
    third(shown.append)("third")  # older than what is shown
    assert shown == ["first", "second", "fourth"]
