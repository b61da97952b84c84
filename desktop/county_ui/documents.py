"""The documents the county issued on a decision (决定书, 通知书, 公函): fetched from the server, signed and
sealed there with the county's key, and shown in the program's print preview (print, or save as PDF)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.ui.printing import Printing
from desktop.ui.printouts import Printout
from forms.catalogue import get_form
from sync.workspace_client import IssuedDocument

from .session import CountyDesk


def form_title(form_id: str) -> str:
    """The form's Chinese title from the forms catalogue (给予法律援助决定书, ...)."""
    try:
        return get_form(form_id).name
    except (KeyError, ValueError):
        return form_id


def open_issued_document(desk: CountyDesk, document: IssuedDocument, parent: QWidget, on_refused: Any = None) -> None:
    """Fetch the issued PDF on a worker, then its print preview (print, or save it as PDF)."""
    title = f"{form_title(document.form)} {document.number}".strip()
    sha256 = document.sha256

    def shown(pdf: bytes) -> None:
        printing = Printing(None, desk.tasks, parent)
        printing.preview_printouts([Printout(title, pdf, f"{title}.pdf")])

    desk.call(lambda client: client.issued_document(sha256), shown, on_refused)
