"""The station's enrollment sheet: one printable A4 PDF for its installer (`station add` writes it).

It carries what the installer types at the station - the server address, the one-time code - and the
county root's fingerprint, as text and as a QR code that the station reads from a photo of the sheet
(sync/sheet_qr.py). The fingerprint is what keeps an attacker on the network from posing as the
county: the station refuses a server whose root does not match it, before it sends the code.
"""

from __future__ import annotations

import io
import os
import uuid
from datetime import datetime
from pathlib import Path

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.certificates import show_fingerprint
from sync.server.errors import zh
from sync.sheet_qr import qr_text

MM = 72 / 25.4

TITLE = QT_TRANSLATE_NOOP("County", "Legal-aid station enrollment sheet")
SUBJECT = QT_TRANSLATE_NOOP("County", "Enrollment sheet of station {code}")
STATION_CODE = QT_TRANSLATE_NOOP("County", "Station code: {code}")
STATION_NAME = QT_TRANSLATE_NOOP("County", "Station name: {name}")
TOWNSHIP = QT_TRANSLATE_NOOP("County", "Township: {township}")
SERVER = QT_TRANSLATE_NOOP("County", "Server address: {url}")
NO_SERVER = QT_TRANSLATE_NOOP("County", "(the county legal-aid center tells you)")
ONE_TIME_CODE = QT_TRANSLATE_NOOP("County", "One-time enrollment code:")
FINGERPRINT = QT_TRANSLATE_NOOP("County", "County root certificate fingerprint (SHA-256):")
QR_NOTE = (QT_TRANSLATE_NOOP("County", "The QR code on the left is the fingerprint above."),
           QT_TRANSLATE_NOOP("County", "In the station's Settings, County server,"),
           QT_TRANSLATE_NOOP("County", "click Read from image and choose a photo"),
           QT_TRANSLATE_NOOP("County", "or scan of this sheet: it fills the fingerprint in."))
STEPS = (QT_TRANSLATE_NOOP("County", "Steps: 1. In the station's Settings, enter and save its code, name and "
                                     "township;"),
         QT_TRANSLATE_NOOP("County", "2. enter the server address, the one-time code and the root fingerprint (or "
                                     "read it from an image); 3. click Enroll."),
         QT_TRANSLATE_NOOP("County", "The station checks the server's root fingerprint first and sends the code only "
                                     "if it matches; if not, stop and tell the county."),
         QT_TRANSLATE_NOOP("County", "The code works once. Keep this sheet safe; after enrollment return it to the "
                                     "county to file or destroy."))


def sheet_pdf(*, code: str, name: str, township: str, enrollment_code: str, server_url: str, fingerprint_hex: str,
              center: str, when: datetime | None = None) -> bytes:
    """The sheet as PDF bytes (its words in Chinese, from the County catalogue)."""
    from forms.fonts import font_set
    from forms.render import PAGE_H, PAGE_W, draw_qr, new_canvas, save_canvas

    fonts = font_set(system_fallbacks=False)
    buffer = io.BytesIO()
    c = new_canvas(buffer, zh(SUBJECT, code=code), center, "enrollment sheet", fonts, when or datetime.now())
    left, y = 25 * MM, PAGE_H - 30 * MM

    def line(text: str, size: float = 12, font: str | None = None, gap: float = 9 * MM, x: float = left) -> None:
        nonlocal y
        c.setFont(font or fonts.body, size)
        c.drawString(x, y, text)
        y -= gap

    c.setFont(fonts.title, 20)
    c.drawCentredString(PAGE_W / 2, y, zh(TITLE))
    y -= 9 * MM
    c.setFont(fonts.body, 12)
    c.drawCentredString(PAGE_W / 2, y, center)
    y -= 16 * MM
    line(zh(STATION_CODE, code=code))
    line(zh(STATION_NAME, name=name))
    line(zh(TOWNSHIP, township=township))
    line(zh(SERVER, url=server_url or zh(NO_SERVER)))
    line(zh(ONE_TIME_CODE), gap=10 * MM)
    line(enrollment_code, size=22, font="Courier-Bold", gap=16 * MM, x=left + 10 * MM)
    line(zh(FINGERPRINT), gap=8 * MM)
    groups = show_fingerprint(fingerprint_hex).split(" ")
    for row in range(4):
        line("  ".join(groups[row * 4:row * 4 + 4]), size=14, font="Courier", gap=7 * MM, x=left + 10 * MM)
    size = 55 * MM
    y -= size - 2 * MM
    draw_qr(c, qr_text(fingerprint_hex), left + 5 * MM, y, size)
    c.setFont(fonts.body, 10)
    for i, text in enumerate(QR_NOTE):
        c.drawString(left + size + 15 * MM, y + size - 12 * MM - i * 6 * MM, zh(text))
    y -= 14 * MM
    for text in STEPS:
        line(zh(text), size=10, gap=6 * MM)
    c.showPage()
    save_canvas(c)
    return buffer.getvalue()


def write_sheet(path: Path, **details) -> Path:
    """Write the sheet to `path` whole (temp file, then rename): it holds the one-time code, so it is
    readable by the county's account only."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(sheet_pdf(**details))
    os.replace(tmp, path)
    return path
