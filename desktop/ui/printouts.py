"""The documents printing works with, made on a worker: a form rendered for a record as a Printout (the
signed PDF bytes as the forms core produced them), its file name, and "save as PDF" writing those bytes
exactly (never a re-rendered print). The worker reads the station on its task's own connection.

Qt-free: the Qt side (painting pages on a printer) is in print_pages.py, the flows in printing.py.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.records.fsutil import fsync_dir
from forms.availability import Availability, availability
from forms.catalogue import FormSpec, forms_for
from forms.context import RenderContext
from forms.county import NO_DECISIONS, CountyDecisions, county_decisions
from forms.render import render_form

RECEIPT_FORM = "receipt"  # 法律援助申请材料接收凭证
CASE_FILE_PARTS = ("file_cover", "file_toc")  # printed inside the case file, not on their own

# reportlab keeps some state in module globals (fonts, rl_config): one rendering at a time.
RENDER_LOCK = threading.Lock()


@dataclass(frozen=True)
class Printout:
    """One document ready for paper: the signed PDF bytes as the forms core produced them."""

    title: str  # for messages and the preview's title
    pdf: bytes
    file_name: str  # suggested name when saved as PDF


# -- file names ----------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_file_name(text: str, suffix: str = ".pdf") -> str:
    """`text` as a file name that Windows accepts too."""
    name = _UNSAFE.sub("_", text).strip(" .") or "document"
    return name[:120] + suffix


def printout_of(form: FormSpec, record: Any, pdf: bytes) -> Printout:
    """The printout of `form` for `record` (None: blank), titled by the form and the application number (a record
    of a case's, such as its closure report, has the case's)."""
    number = ""
    if record is not None:
        number = getattr(record, "number", None) or str((getattr(record, "data", None) or {}).get("case_number") or "")
    title = f"{form.name} {number}".strip()
    return Printout(title, pdf, safe_file_name(f"{number} {form.name}".strip()))


def printable_forms(record_type: str, record: Any = None) -> list[FormSpec]:
    """The forms the print menus offer for a record type (or that apply to `record`), in catalogue order."""
    return [f for f in forms_for(record_type, record) if f.id not in CASE_FILE_PARTS]


def forms_with_availability(record_type: str, record: Any, db: Any) -> list[tuple[FormSpec, Availability]]:
    """Every form of the record type that fits the record (its `when`) with whether it can be printed now:
    a decision document waits for the county's decision (read from `db`, the caller thread's connection)."""
    decisions = decisions_of(db, record)
    return [(f, availability(f, record, decisions)) for f in printable_forms(record_type, record)]


def decisions_of(db: Any, record: Any) -> CountyDecisions:
    """The county's decisions on `record` (none for a blank form or a record that is not an application)."""
    return county_decisions(db, record) if record is not None and db is not None else NO_DECISIONS


def render_printout(form: FormSpec, record: Any, context: RenderContext,
                    decisions: CountyDecisions | None = None) -> Printout:
    """Render one form (on a worker) with the county's decisions on it: the signed PDF as a Printout.

    Raises forms.availability.FormNotAvailable (its reason in Chinese) when the form cannot be printed."""
    with RENDER_LOCK:
        pdf = render_form(form.id, record, context, decisions=decisions)
    return printout_of(form, record, pdf)


# -- saving ---------------------------------------------------------------------------------------------

def save_pdf(printout: Printout | bytes, path: Path) -> Path:
    """Write the signed PDF bytes to `path` (temp file, fsync, replace: never half a file). Raises OSError."""
    data = printout.pdf if isinstance(printout, Printout) else bytes(printout)
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    fd, temp = tempfile.mkstemp(prefix=".saving-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)
    return path
