"""Rendering forms to PDF with reportlab (Qt-free): A4, header, footer, fingerprint and QR code.

    pdf_bytes = render_form("receipt", record, context)        # a filled form
    pdf_bytes = render_form("application_civil", None, context)  # blank, for handwriting

Each page carries, in its header, the station's name and the application number,
and in its footer "第 N 页 共 M 页", the short fingerprint of the record version it
was printed from (first 12 hex digits of SHA-256 over the record's canonical JSON
and version) and a QR code of it. When the context has a signer (the station's
county-issued document certificate), the PDF is signed (forms/signing.py), visibly on its seal.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping, Sequence

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab import rl_config
from reportlab.pdfgen import canvas as rl_canvas

from desktop.records.canonical import canonical_json

from .availability import check_available
from .catalogue import Catalogue, FormSpec, default_catalogue
from .context import RenderContext
from .county import NO_DECISIONS, CountyDecisions
from .fonts import FontSet, missing_label
from .layout import MM, PAGE_H, PAGE_W, Page, frame_of, layout_form, DEFAULT_STYLE
from .values import Values, cn_date, values_for

CREATOR = "法律援助工作站 forms"
SAFE_MM = 8.0  # nothing is drawn closer than this to the paper's edge
QR_MM = 13.0


@dataclass(frozen=True)
class PageInfo:
    """What the header and footer of a form's pages say."""

    form_name: str
    header_left: str
    header_right: str
    fingerprint: str | None  # 12 hex digits, None for a blank form
    qr: str | None
    version: int | None = None
    printed: str = ""
    void_note: str = ""  # a voided record: 作废 across every page, and this line under the header


@dataclass
class Section:
    """A run of pages of one document in a rendering (a form, an attachment)."""

    pages: list[Page]
    info: PageInfo
    draw_body: bool = True  # False: only header/footer/number (a placeholder for an appended PDF page)


def record_fingerprint(record: Any) -> str | None:
    """First 12 hex digits of SHA-256 over the record version's canonical JSON (None for a blank form)."""
    if record is None:
        return None
    if isinstance(record, Mapping):
        payload = {"data": dict(record)}
    else:
        payload = {"record_type": getattr(record, "record_type", ""), "id": getattr(record, "id", ""),
                   "version": getattr(record, "version", None), "data": getattr(record, "data", {})}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()[:12]


def page_info(form: FormSpec, record: Any, values: Values, context: RenderContext) -> PageInfo:
    fp = record_fingerprint(record)
    number = values.plain("{application_number}") if record is not None else ""
    right = f"申请编号：{number}" if number else ""
    record_id = getattr(record, "id", "") or ""
    version = getattr(record, "version", None)
    qr = f"LA1|{fp}|{record_id}|v{version}" if fp and record_id else (f"LA1|{fp}" if fp else None)
    printed = cn_date(context.now().date()) or ""
    void_note = ""
    if getattr(record, "voided", False):
        reason = (getattr(record, "void_reason", "") or "").strip()
        void_note = f"本记录已作废{('：' + reason) if reason else ''}。本文书仅供存档，不具效力。"
    return PageInfo(form.name, context.settings.station_name or context.center, right, fp if context.fingerprint else None,
                    qr if context.fingerprint else None, version, printed, void_note)


@functools.lru_cache(maxsize=64)
def _qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    widget = QrCodeWidget(value, barLevel="M")
    widget.qr.make()
    return tuple(tuple(bool(m) for m in row) for row in widget.qr.modules)


@contextlib.contextmanager
def no_ascii85():
    """Page streams Flate-compressed only (reportlab also wraps them in ASCII85 by default: +25 % size)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def save_canvas(c: rl_canvas.Canvas) -> None:
    with no_ascii85():
        c.save()


def draw_qr(canvas, value: str, x: float, y: float, size: float) -> None:
    """One QR code of `value`, `size` points square, its lower left corner at (x, y)."""
    _QrCache().place(canvas, value, x, y, size)


class _QrCache:
    """QR codes drawn once per document as a form XObject and reused on every page that shows them."""

    def __init__(self):
        self._forms: dict[str, str] = {}

    def place(self, canvas, value: str, x: float, y: float, size: float) -> None:
        name = self._forms.get(value)
        if name is None:
            name = f"qr{len(self._forms)}_{hashlib.sha1(value.encode('utf-8')).hexdigest()[:8]}"
            modules = _qr_modules(value)
            count = len(modules)
            box = size / (count + 2)  # a quiet zone of one module each side
            canvas.beginForm(name, lowerx=0, lowery=0, upperx=size, uppery=size)
            canvas.setFillColorRGB(0, 0, 0)
            path = canvas.beginPath()
            for r, row in enumerate(modules):
                c = 0
                while c < count:
                    if row[c]:
                        start = c
                        while c < count and row[c]:
                            c += 1
                        path.rect((start + 1) * box, size - (r + 2) * box, (c - start) * box, box)
                    else:
                        c += 1
            canvas.drawPath(path, stroke=0, fill=1)
            canvas.endForm()
            self._forms[value] = name
        canvas.saveState()
        canvas.translate(x, y)
        canvas.doForm(name)
        canvas.restoreState()


def _text(canvas, fonts: FontSet, text: str, x: float, y: float, size: float, align: str = "left",
          color=(0.25, 0.25, 0.25)) -> None:
    if not text:
        return
    width = fonts.width(text, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    canvas.setFillColorRGB(*color)
    cx = x
    for font, piece in fonts.runs(text):
        canvas.setFont(font or fonts.body, size)
        shown = piece if font else "□" * len(piece)
        canvas.drawString(cx, y, shown)
        cx += sum(fonts.char_width(font, ch, size) for ch in piece)
    canvas.setFillColorRGB(0, 0, 0)


def _fit(fonts: FontSet, text: str, size: float, width: float) -> str:
    """`text` shortened with … to fit `width` (header and footer lines never wrap)."""
    if fonts.width(text, size) <= width:
        return text
    while text and fonts.width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def draw_page_furniture(canvas, fonts: FontSet, info: PageInfo, number: int, total: int, page: Page | None,
                        qr: _QrCache, style: Mapping[str, float] = DEFAULT_STYLE) -> None:
    """Header, footer, fingerprint, QR code and the note about characters printed as □."""
    frame = frame_of(style)
    left, right = frame.x, frame.x + frame.width
    # header
    head_y = PAGE_H - 14 * MM
    half = frame.width / 2 - 6
    _text(canvas, fonts, _fit(fonts, info.header_left, 9, half), left, head_y, 9)
    _text(canvas, fonts, _fit(fonts, info.header_right, 9, half), right, head_y, 9, "right")
    canvas.setLineWidth(0.5)
    canvas.setStrokeColorRGB(0.4, 0.4, 0.4)
    canvas.line(left, head_y - 2.2 * MM, right, head_y - 2.2 * MM)
    canvas.setStrokeColorRGB(0, 0, 0)
    if info.void_note:
        draw_void_mark(canvas, fonts, info.void_note, frame)
    # the note about unprintable characters, just above the footer
    if page is not None and page.missing:
        kinds = []
        for ch in page.missing:
            label = missing_label(ch)
            if label not in kinds:
                kinds.append(label)
        note = (f"注：本页有{len(page.missing)}个字符（{'、'.join(kinds)}）本机字体无法正确显示，"
                f"已以□标示，请核对原件后手工补写。")
        _text(canvas, fonts, _fit(fonts, note, 8, frame.width), left, frame.bottom - 5 * MM, 8, color=(0.6, 0, 0))
    # footer
    foot_y = SAFE_MM * MM + 4 * MM
    _text(canvas, fonts, f"第 {number} 页 共 {total} 页", PAGE_W / 2, foot_y, 10.5, "center", (0, 0, 0))
    room = frame.width / 2 - 22 * MM
    _text(canvas, fonts, _fit(fonts, info.form_name, 7.5, room), left, foot_y, 7.5)
    if info.printed:
        _text(canvas, fonts, f"打印于{info.printed}", left, foot_y - 9.5, 7.5)
    if info.fingerprint:
        size = QR_MM * MM
        qx = right - size
        qy = SAFE_MM * MM
        qr.place(canvas, info.qr or info.fingerprint, qx, qy, size)
        label = f"校验码 {info.fingerprint}" + (f"（第{info.version}版）" if info.version else "")
        _text(canvas, fonts, label, qx - 2 * MM, foot_y, 7.5, "right")


VOID_RED = (0.8, 0.05, 0.05)


def draw_void_mark(canvas, fonts: FontSet, note: str, frame) -> None:
    """作废 in large outlined red letters across the page, and the reason under the header."""
    canvas.saveState()
    canvas.setFillColorRGB(*VOID_RED)
    canvas.setStrokeColorRGB(*VOID_RED)
    canvas.setFillAlpha(0.18)
    canvas.setStrokeAlpha(0.8)
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(35)
    size = 150.0
    text = "作 废"
    width = fonts.width(text, size, "title")
    t = canvas.beginText(-width / 2, -size * 0.35)
    t.setFont(fonts.title, size)
    t.setTextRenderMode(2)  # fill and stroke: readable over the form's text, never hiding it
    t.textOut(text)
    canvas.drawText(t)
    canvas.restoreState()
    _text(canvas, fonts, _fit(fonts, note, 9, frame.width), frame.x, PAGE_H - 14 * MM - 6.5 * MM, 9, color=VOID_RED)


def pdf_date(moment: datetime) -> str:
    """A PDF date string (D:YYYYMMDDHHmmSS+HH'mm') of `moment`, local time when it has no zone."""
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    offset = aware.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    return f"D:{aware:%Y%m%d%H%M%S}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def new_canvas(buffer: io.BytesIO, title: str, author: str, subject: str = "",
               fonts: FontSet | None = None, when: datetime | None = None) -> rl_canvas.Canvas:
    """A canvas for A4 forms; `when` (the context's clock) is the PDF's creation and modification date."""
    extra = {"initialFontName": fonts.body, "initialFontSize": 12} if fonts is not None else {}
    # invariant: the same input gives the same bytes (no random ids); the dates are set from `when` instead
    c = rl_canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1, invariant=1, **extra)
    stamp = pdf_date(when or datetime.now())
    c._doc.info._dateFormatter = lambda *_ignored: stamp  # reportlab has no public setter for the dates
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator(CREATOR)
    return c


def draw_sections(c: rl_canvas.Canvas, fonts: FontSet, sections: Sequence[Section], start: int = 1,
                  total: int | None = None) -> None:
    """Draw every page of `sections` on `c`, numbered from `start` of `total`."""
    qr = _QrCache()
    total = total or sum(len(s.pages) for s in sections)
    number = start
    with no_ascii85():  # images too: reportlab would ASCII85-encode JPEG data in pure Python
        _draw_all(c, fonts, sections, number, total, qr)


def _draw_all(c, fonts: FontSet, sections: Sequence[Section], number: int, total: int, qr: "_QrCache") -> None:
    for section in sections:
        for page in section.pages:
            if section.draw_body:
                for op in page.ops:
                    op(c)
            draw_page_furniture(c, fonts, section.info, number, total, page, qr)
            c.showPage()
            number += 1


def issuing_context(record: Any, context: RenderContext) -> RenderContext:
    """No seal on a blank form (for handwriting) nor on a voided record's copy."""
    if record is None or getattr(record, "voided", False):
        return context.with_changes(seal=False)
    return context


def layout(form: FormSpec | str, record: Any, context: RenderContext, catalogue: Catalogue | None = None,
           toc: Sequence[tuple[str, str, str]] | None = None, decisions: CountyDecisions | None = None) -> Section:
    """The laid-out pages of one form for one record (None: blank), with the county's decisions on it.

    Raises availability.FormNotAvailable when the form cannot be printed filled for this record.
    """
    catalogue = catalogue or default_catalogue()
    if isinstance(form, str):
        form = catalogue.get(form)
    decisions = decisions or NO_DECISIONS
    check_available(form, record, decisions, catalogue=catalogue)
    context = issuing_context(record, context)
    fonts = context.fonts()
    values = values_for(record, context, form.extra_fields, form.record_type, decisions)
    pages = layout_form(form, values, context, fonts, catalogue.common, toc)
    return Section(pages, page_info(form, record, values, context))


def render_form(form_id: str, record_or_none: Any, context: RenderContext | None = None, *,
                catalogue: Catalogue | None = None, sign: bool | None = None,
                decisions: CountyDecisions | None = None) -> bytes:
    """The PDF of form `form_id` filled from a record (desktop.records.store.Record or a data dict)
    and the county's decisions on it (forms.county.county_decisions), or blank for handwriting when
    the record is None.

    Signed with `context.signer` when there is one (sign=False turns that off); a blank form is never
    sealed nor signed. Raises KeyError for an unknown form, availability.FormNotAvailable (the reason in
    Chinese) when the form is not for this record or its decision has not been taken, and
    fonts.FontError for an unusable configured font.
    """
    context = (context or RenderContext()).with_changes(seal_spots=[])
    issued = issued_copy(form_id, record_or_none, context, decisions)
    if issued is not None:
        return issued
    section = layout(form_id, record_or_none, context, catalogue, decisions=decisions)
    buffer = io.BytesIO()
    subject = ""
    if section.info.fingerprint:
        subject = f"{getattr(record_or_none, 'record_type', '')} {getattr(record_or_none, 'id', '')} " \
                  f"v{getattr(record_or_none, 'version', '')} {section.info.fingerprint}".strip()
    c = new_canvas(buffer, section.info.form_name, context.settings.station_name, subject, context.fonts(),
                   context.now())
    draw_sections(c, context.fonts(), [section])
    save_canvas(c)
    pdf = buffer.getvalue()
    if context.signer is not None and sign is not False and record_or_none is not None:
        from .signing import sign_pdf

        pdf = sign_pdf(pdf, context.signer, reason=f"{section.info.form_name}（{section.info.fingerprint or '空白'}）",
                       location=context.settings.township, seal=(context.seal_spots or [None])[0])
    return pdf


def issued_copy(form_id: str, record: Any, context: RenderContext, decisions: CountyDecisions | None) -> bytes | None:
    """The document as the county issued it (its seal, number and signature), when the station holds it intact:
    the county's own PDF is what the applicant gets, never a copy re-made at the station."""
    sha256 = (decisions.issued.get(form_id) if decisions is not None else None)
    if record is None or not sha256 or context.vault is None or getattr(record, "voided", False):
        return None
    try:
        pdf = context.vault.read_bytes(sha256)  # decrypted in memory
    except (OSError, ValueError):  # missing, or a sealed file that does not open (SealedError)
        return None
    return pdf if hashlib.sha256(pdf).hexdigest() == sha256 else None


def page_count(form_id: str, record_or_none: Any, context: RenderContext | None = None,
               decisions: CountyDecisions | None = None) -> int:
    """How many pages the form takes for this record (layout only, nothing drawn)."""
    return len(layout(form_id, record_or_none, context or RenderContext(), decisions=decisions).pages)
