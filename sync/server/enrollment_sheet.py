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

from sync.certificates import show_fingerprint
from sync.sheet_qr import qr_text

MM = 72 / 25.4


def sheet_pdf(*, code: str, name: str, township: str, enrollment_code: str, server_url: str, fingerprint_hex: str,
              center: str, when: datetime | None = None) -> bytes:
    """The sheet as PDF bytes."""
    from forms.fonts import font_set
    from forms.render import PAGE_H, PAGE_W, draw_qr, new_canvas, save_canvas

    fonts = font_set(system_fallbacks=False)
    buffer = io.BytesIO()
    c = new_canvas(buffer, f"法律援助工作站注册单 {code}", center, "enrollment sheet", fonts, when or datetime.now())
    left, y = 25 * MM, PAGE_H - 30 * MM

    def line(text: str, size: float = 12, font: str | None = None, gap: float = 9 * MM, x: float = left) -> None:
        nonlocal y
        c.setFont(font or fonts.body, size)
        c.drawString(x, y, text)
        y -= gap

    c.setFont(fonts.title, 20)
    c.drawCentredString(PAGE_W / 2, y, "法律援助工作站注册单")
    y -= 9 * MM
    c.setFont(fonts.body, 12)
    c.drawCentredString(PAGE_W / 2, y, center)
    y -= 16 * MM
    line(f"工作站代码：{code}")
    line(f"工作站名称：{name}")
    line(f"所在乡镇：{township}")
    line(f"服务器地址：{server_url or '（由县法律援助中心另行告知）'}")
    line("一次性注册码：", gap=10 * MM)
    line(enrollment_code, size=22, font="Courier-Bold", gap=16 * MM, x=left + 10 * MM)
    line("县中心根证书指纹（SHA-256）：", gap=8 * MM)
    groups = show_fingerprint(fingerprint_hex).split(" ")
    for row in range(4):
        line("  ".join(groups[row * 4:row * 4 + 4]), size=14, font="Courier", gap=7 * MM, x=left + 10 * MM)
    size = 55 * MM
    y -= size - 2 * MM
    draw_qr(c, qr_text(fingerprint_hex), left + 5 * MM, y, size)
    c.setFont(fonts.body, 10)
    text_x = left + size + 15 * MM
    for i, text in enumerate(("左侧二维码即上面的指纹。", "在工作站“设置 → 县服务器”中，",
                              "可点“从图片读取”，选择本单的照片", "或扫描件，自动填入指纹。")):
        c.drawString(text_x, y + size - 12 * MM - i * 6 * MM, text)
    y -= 14 * MM
    for text in ("注册步骤：1. 在工作站“设置”中填写并保存本站代码、名称和乡镇；",
                 "2. 填写服务器地址、一次性注册码和根证书指纹（或从图片读取）；3. 点击“注册”。",
                 "工作站会先核对服务器的根证书指纹，一致后才发送注册码；不一致时请勿继续，并告知县中心。",
                 "注册码只能使用一次，请妥善保管本单；注册完成后交回县中心存档或销毁。"):
        line(text, size=10, gap=6 * MM)
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
