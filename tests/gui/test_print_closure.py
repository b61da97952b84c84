"""The closure report (结案报告表) is printed filled from the station's closure record as well as from its case,
with the report's own day, method and the recipient's opinion ticked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction

from desktop.ui import printing
from desktop.ui.print_dialogs import PrintDialogs
from tests.unit.casework_examples import ASSIGNEE, closure, county_decides
from tests.unit.test_store import application, resident_id

WAIT_MS = 60_000


def _ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def _cn(day: str) -> str:
    found = date.fromisoformat(day)
    return f"{found.year}年{found.month}月{found.day}日"


@pytest.fixture(autouse=True)
def save_here(tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "save_folder", lambda: tmp_path)
    yield
    PrintDialogs.save_responder = None


def test_the_closure_record_prints_its_closure_report_filled(window, station, qtbot, tmp_path, synchronous_tasks,
                                                             message_boxes):
    number = station.store.save("application", application(received_at=f"{_ago(40)}T09:00",
                                                           id_number=resident_id(sequence="133")), user="李芳").number
    county_decides(station, number, "grant", _ago(38))
    county_decides(station, number, "assign", _ago(37), ASSIGNEE)
    report = station.store.save("closure", dict(closure(number), closed_on=_ago(2), closing_method="mediation",
                                                recipient_opinion="satisfied", closure_result="调解结案，追回工资。"),
                                user="李芳")
    window.navigation.setCurrentRow(window.pages.indexOf(window.casework))
    workspace = window.casework.show_workspace("closure")
    assert window.open_record("closure", report.id)
    editor = workspace.editor
    editor.refresh_print_menu()
    assert editor.print_menu.findChild(QAction, "unavailable:closure_report") is None
    assert "save:closure_report" in editor.print_actions, list(editor.print_actions)
    target = tmp_path / "closure.pdf"
    suggested = []
    PrintDialogs.save_responder = lambda dialog: suggested.extend(dialog.selectedFiles()) or str(target)
    with qtbot.waitSignal(editor.printing.saved, timeout=WAIT_MS):
        editor.print_actions["save:closure_report"].trigger()
    text = "".join(page.extract_text() for page in PdfReader(str(target)).pages).replace(" ", "").replace("\n", "")
    for value in ("法律援助案件结案报告表", number, "陈律师", _cn(_ago(2)), "☑调解", "☑满意", "调解结案，追回工资。"):
        assert value in text, value
    assert suggested and suggested[0].endswith(f"{number} 法律援助案件结案报告表.pdf"), suggested  # named by its case
    assert message_boxes.shown == []
