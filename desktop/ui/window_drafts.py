"""At start, the main window offers back the forms a crash or power cut interrupted (MainWindow.offer_drafts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.records.errors import RecordNotFound

from .messages import Button, MessageBoxes

if TYPE_CHECKING:
    from .main_window import MainWindow


def offer_drafts(window: MainWindow) -> None:
    """One draft per page comes back (a consultation and an application can both); a page's other drafts are
    offered at the next start."""
    store = window.station.store
    restored: set[str] = set()
    for draft in store.drafts():
        record_type, _, record_id = draft.form.partition(":")
        workspace = window.workspace_for(record_type)
        if workspace is None or record_type in restored:
            continue
        question = (QCoreApplication.translate(
                        "MainWindow", "The consultation %1 you were typing (kept at %2) was not saved. Restore it?")
                    if record_type == "consultation" else
                    QCoreApplication.translate(
                        "MainWindow", "The application %1 you were typing (kept at %2) was not saved. Restore it?")
                    if record_type == "application" else
                    QCoreApplication.translate(
                        "MainWindow", "The record %1 you were typing (kept at %2) was not saved. Restore it?"))
        answer = MessageBoxes.ask(window, QCoreApplication.translate("MainWindow", "Unsaved draft found"),
                                  question.replace("%1", draft_name(window, record_type, record_id, draft.data))
                                  .replace("%2", draft.saved_at[:16].replace("T", " ")),
                                  Button.Yes | Button.Discard | Button.Cancel, Button.Yes)
        if answer == Button.Discard:  # only an explicit choice throws typing away
            store.discard_draft(draft.form)
            continue
        if answer != Button.Yes:
            continue  # kept: offered again at the next start
        record = None
        if record_id != "new":
            try:
                record = store.get(record_type, record_id)
            except RecordNotFound:
                record = None
        window._show_page_of(workspace)
        workspace.restore_draft(draft.data, record)
        restored.add(record_type)


def draft_name(window: MainWindow, record_type: str, record_id: str, data: dict) -> str:
    """Which record a draft is: its number or person as saved, and the name as typed."""
    typed = (data.get("name") or "").strip() if isinstance(data.get("name"), str) else ""
    if record_id == "new":
        return (QCoreApplication.translate("MainWindow", "“%1” (new)").replace("%1", typed) if typed
                else QCoreApplication.translate("MainWindow", "(new, no name yet)"))
    try:
        record = window.station.store.get(record_type, record_id)
    except RecordNotFound:
        return f"“{typed}”" if typed else ""
    saved = record.number or record.data.get("name") or ""
    when = (record.data.get("occurred_at") or record.data.get("received_at") or "")[:16].replace("T", " ")
    return "“" + "，".join(part for part in (saved, typed if typed != saved else "", when) if part) + "”"
