"""One case, one file (一案一卷): cover, table of contents, the case's forms and its materials in one PDF.

    pdf = build_case_file(services, application_id, progress=callback, cancelled=flag)

The order and the conditions (which forms belong at which status) are data in
resources/forms/_case_file.json. Pages are numbered through the whole file
("第 N 页 共 M 页"); the table of contents gives each document's real pages,
because the file is laid out first, counted, and only then drawn.

Attachments: images (JPEG, PNG, TIFF, every frame) are placed on A4 pages scaled
to fit the content frame, landscape scans turned; PDFs are appended page by page
(pypdf), each scaled into the frame under the file's header and page number. A
missing, unreadable or corrupt attachment, or one whose signature no longer
matches, gets a page saying so in Chinese instead of stopping the file.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from desktop.records.errors import reason_of
from desktop.records.i18n import PROBLEM, chinese, chinese_text

from .availability import availability
from .catalogue import Catalogue, default_catalogue, matches
from .context import RenderContext, context_for
from .county import CountyDecisions, county_decisions
from .fonts import FontSet
from .layout import MM, Page, Paragraph, frame_of, flow, setting_holds, DEFAULT_STYLE
from .render import (PageInfo, Section, draw_sections, issued_copy, layout, new_canvas, page_info, record_fingerprint,
                     save_canvas)
from .text import Span
from .values import cn_date, values_for

log = logging.getLogger(__name__)

MESSAGES = {
    "missing": "附件文件缺失：工作站的附件文件夹中找不到该文件。请从备份中恢复附件文件夹，或重新扫描后补入卷宗。",
    "unreadable": "附件无法读取：文件已损坏或不是有效的{kind}文件。请核对原件，重新扫描后补入卷宗。",
    "unreadable_file": "附件无法读取：{reason}。请核对原件，重新扫描后补入卷宗。",
    "unsupported": "该附件的文件类型（{kind}）不能放入卷宗，请另行打印后附入。",
    "tampered": "注意：该附件的校验结果为“{reason}”。请核对原件。",
    "title": "附件无法放入卷宗",
}


class CaseFileCancelled(Exception):
    """The user cancelled building the case file."""


@dataclass
class _Item:
    """One entry of the file: a form, or the pages of one attachment."""

    title: str
    section: Section | None = None
    pdf_pages: list[Any] = field(default_factory=list)  # pypdf pages to lay under placeholder pages
    note: str = ""

    @property
    def pages(self) -> int:
        return len(self.section.pages) if self.section else 0


def find_application(services: Any, number_or_id: str):
    """The application with this number (e.g. TS01-2026-00001) or id. Raises KeyError."""
    store = services.station.store if hasattr(services, "station") else services.store
    row = store.db.execute("SELECT id FROM applications WHERE number = ? OR id = ?",
                           (number_or_id, number_or_id)).fetchone()
    if row is None:
        raise KeyError(f"找不到申请编号为 {number_or_id} 的法律援助申请")
    return store.get("application", row[0])


def _attachment_info(title: str, attachment, context: RenderContext, header_right: str) -> PageInfo:
    return PageInfo(title, context.settings.station_name or context.center, header_right,
                    attachment.sha256[:12] if context.fingerprint else None,
                    f"LA1|att|{attachment.sha256[:12]}|{attachment.id}" if context.fingerprint else None,
                    None, cn_date(context.now().date()) or "")


def _message_page(fonts: FontSet, title: str, lines: Sequence[str]) -> list[Page]:
    frame = frame_of(DEFAULT_STYLE)
    blocks = [Paragraph(fonts, [Span(title, role="title")], 18, 1.4, "center", space_after=6 * MM)]
    blocks += [Paragraph(fonts, [Span(line)], 14, 1.65, "justify", indent_em=2) for line in lines if line]
    return flow(blocks, frame)


_EXIF_ROTATION = {1: 0, 3: 180, 6: -90, 8: 90}  # EXIF orientation -> PDF rotation (counter-clockwise)
MAX_PASSTHROUGH_PX = 2800  # a JPEG up to this size is embedded as it is (no decoding, no quality loss)


def _image_ops(image: bytes, fonts: FontSet, caption: str, warning: str) -> list[Page]:
    """One page per image frame, each scaled into the content frame (landscape turned to the binding edge).

    JPEG files go into the PDF byte for byte and are turned by the PDF's transformation;
    other images (PNG, TIFF, huge JPEGs) are re-encoded as JPEG at about 200 dpi.
    """
    from PIL import Image, ImageOps
    from reportlab.lib.utils import ImageReader

    frame = frame_of(DEFAULT_STYLE)
    pages: list[Page] = []
    with Image.open(io.BytesIO(image)) as img:
        frames = getattr(img, "n_frames", 1)
        for index in range(frames):
            img.seek(index)
            orientation = img.getexif().get(0x0112, 1) if index == 0 else 1
            w, h = img.size
            if (img.format == "JPEG" and frames == 1 and orientation in _EXIF_ROTATION
                    and img.mode in ("RGB", "L", "CMYK") and max(w, h) <= MAX_PASSTHROUGH_PX):
                reader = ImageReader(io.BytesIO(image))
                rotation = _EXIF_ROTATION[orientation]
            else:
                frame_img = ImageOps.exif_transpose(img) if index == 0 else img.copy()
                if frame_img.mode not in ("RGB", "L"):
                    frame_img = frame_img.convert("RGB")
                longest = int(frame.height / 72 * 200)  # about 200 dpi on the frame
                if max(frame_img.size) > longest:
                    frame_img.thumbnail((longest, longest), Image.LANCZOS)
                buffer = io.BytesIO()
                frame_img.save(buffer, "JPEG", quality=85)
                reader = ImageReader(io.BytesIO(buffer.getvalue()))
                w, h = frame_img.size
                rotation = 0
            shown_w, shown_h = (h, w) if rotation % 180 else (w, h)
            if shown_w > shown_h * 1.05:  # landscape: its top turned to the binding edge
                rotation += 90
                shown_w, shown_h = shown_h, shown_w
            caption_h = 7 * MM
            avail_h = frame.height - caption_h - (6 * MM if warning else 0)
            scale = min(frame.width / shown_w, avail_h / shown_h, 2.25)  # small photos at most 3x of 96 dpi
            cx = frame.x + frame.width / 2
            cy = frame.top - caption_h - shown_h * scale / 2

            def op(canvas, reader=reader, w=w, h=h, scale=scale, cx=cx, cy=cy, rotation=rotation, index=index,
                   shown=(shown_w * scale, shown_h * scale)):
                text = caption + (f"（第{index + 1}/{frames}页）" if frames > 1 else "")
                canvas.setFillColorRGB(0.2, 0.2, 0.2)
                _draw_fitting(canvas, fonts, text, frame.x, frame.top - 5 * MM, frame.width, 10)
                canvas.saveState()
                canvas.translate(cx, cy)
                canvas.rotate(rotation)
                canvas.drawImage(reader, -w * scale / 2, -h * scale / 2, w * scale, h * scale)
                canvas.restoreState()
                canvas.setLineWidth(0.4)
                canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
                canvas.rect(cx - shown[0] / 2, cy - shown[1] / 2, shown[0], shown[1], stroke=1, fill=0)
                if warning:
                    canvas.setFillColorRGB(0.7, 0, 0)
                    _draw_fitting(canvas, fonts, warning, frame.x, frame.bottom + 2 * MM, frame.width, 9)
                canvas.setFillColorRGB(0, 0, 0)

            page = Page([op])
            page.missing.extend(fonts.missing(caption))
            pages.append(page)
    return pages


def _draw_fitting(canvas, fonts: FontSet, text: str, x: float, y: float, width: float, size: float) -> None:
    while text and fonts.width(text, size) > width:
        text = text[:-2] + "…"
    cx = x
    for font, piece in fonts.runs(text):
        canvas.setFont(font or fonts.body, size)
        canvas.drawString(cx, y, piece if font else "□" * len(piece))
        cx += sum(fonts.char_width(font, ch, size) for ch in piece)


def _pdf_placeholders(fonts: FontSet, caption: str, count: int, warning: str) -> list[Page]:
    frame = frame_of(DEFAULT_STYLE)
    pages = []
    for index in range(count):
        def op(canvas, index=index):
            canvas.setFillColorRGB(0.2, 0.2, 0.2)
            text = caption + (f"（第{index + 1}/{count}页）" if count > 1 else "")
            _draw_fitting(canvas, fonts, text, frame.x, frame.top - 5 * MM, frame.width, 10)
            if warning:
                canvas.setFillColorRGB(0.7, 0, 0)
                _draw_fitting(canvas, fonts, warning, frame.x, frame.bottom + 2 * MM, frame.width, 9)
            canvas.setFillColorRGB(0, 0, 0)
        pages.append(Page([op]))
    return pages


def _attachment_items(services: Any, record, context: RenderContext, fonts: FontSet,
                      header_right: str) -> list[_Item]:
    attachments = services.attachments
    reference = context.reference
    items: list[_Item] = []
    slot_order = {c.code: i for i, c in enumerate(reference.choices("materials"))}
    found = sorted(attachments.list_for("application", record.id),
                   key=lambda a: (slot_order.get(a.slot, 99),))
    per_slot: dict[str, int] = {}
    for attachment in found:
        per_slot[attachment.slot] = per_slot.get(attachment.slot, 0) + 1
    seen: dict[str, int] = {}
    for attachment in found:
        # named by its checklist item, as an archivist lists it (never by the scanner's file name)
        slot = reference.label("materials", attachment.slot)
        seen[attachment.slot] = seen.get(attachment.slot, 0) + 1
        title = slot if per_slot[attachment.slot] == 1 else f"{slot}（{seen[attachment.slot]}）"
        caption = f"附件　{title}"
        info = _attachment_info(f"附件：{slot}", attachment, context, header_right)
        kind = {"application/pdf": "PDF", "image/jpeg": "JPEG 图片", "image/png": "PNG 图片",
                "image/tiff": "TIFF 图片"}.get(attachment.media_type, attachment.media_type)
        warning = ""
        try:
            check = attachments.verify(attachment)
            if check.status == "missing":
                items.append(_Item(title, Section(_message_page(fonts, MESSAGES["title"], [caption, MESSAGES["missing"]]),
                                                  info), note="缺失"))
                continue
            if check.status == "tampered":
                warning = MESSAGES["tampered"].format(reason=chinese_text("Attachments", check.reason, check.params))
        except Exception as exc:  # noqa: BLE001 - verification trouble is reported, never fatal
            log.warning("could not verify attachment %s: %s", attachment.id, exc)
        try:
            content = attachments.read_bytes(attachment)  # decrypted in memory: no plaintext copy on disk
            if attachment.media_type == "application/pdf":
                from pypdf import PdfReader

                reader = PdfReader(io.BytesIO(content))
                pdf_pages = list(reader.pages)
                for page in pdf_pages:  # touch each page: a broken one fails here, not while merging
                    page.mediabox  # noqa: B018
                if not pdf_pages:
                    raise ValueError("没有页面")
                items.append(_Item(title, Section(_pdf_placeholders(fonts, caption, len(pdf_pages), warning), info,
                                                  draw_body=True), pdf_pages, "已改动" if warning else ""))
            elif attachment.media_type.startswith("image/"):
                items.append(_Item(title, Section(_image_ops(content, fonts, caption, warning), info),
                                   note="已改动" if warning else ""))
            else:
                items.append(_Item(title, Section(_message_page(fonts, MESSAGES["title"], [
                    caption, MESSAGES["unsupported"].format(kind=kind)]), info), note="未附"))
        except Exception as exc:  # noqa: BLE001 - a corrupt attachment gets a page, never a crash
            # the library's own words (pypdf's "startxref not found") are English: the log keeps them, the page
            # says what it means
            log.warning("attachment %s cannot go into the case file: %r", attachment.id, exc)
            said = (MESSAGES["unreadable_file"].format(reason=chinese(PROBLEM, reason_of(exc)))
                    if isinstance(exc, OSError) else MESSAGES["unreadable"].format(kind=kind))
            items.append(_Item(title, Section(_message_page(fonts, MESSAGES["title"], [caption, said]), info),
                               note="无法读取"))
    return items


def _issued_item(form, record, context: RenderContext, decisions: CountyDecisions, fonts: FontSet,
                 header_right: str) -> _Item | None:
    """A document the county issued, as it issued it (its pages laid into the file), when the station holds it."""
    pdf = issued_copy(form.id, record, context, decisions)
    if pdf is None:
        return None
    from pypdf import PdfReader

    try:
        pages = list(PdfReader(io.BytesIO(pdf)).pages)
    except Exception as exc:  # noqa: BLE001 - an unreadable copy: the form is laid out from the decision instead
        log.warning("could not read the county's issued %s: %s", form.id, exc)
        return None
    info = PageInfo(form.name, context.settings.station_name or context.center, header_right, None, None, None,
                    cn_date(context.now().date()) or "")
    caption = f"{form.name}（县法律援助中心出具）"
    return _Item(form.name, Section(_pdf_placeholders(fonts, caption, len(pages), ""), info, draw_body=True), pages)


def _page_label(start: int, count: int) -> str:
    return str(start) if count <= 1 else f"{start}-{start + count - 1}"


def build_case_file(services: Any, application_id: str, progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None, *, context: RenderContext | None = None,
                    catalogue: Catalogue | None = None, sign: bool | None = None) -> bytes:
    """The whole case file of one application (id or number) as PDF bytes.

    `services`: desktop.services.Services (store, attachments, station key).
    `progress(done, total)` after each document; `cancelled()` true stops with CaseFileCancelled.
    Signed with the station key unless sign=False or the context has no signer.
    """
    catalogue = catalogue or default_catalogue()
    context = context or context_for(services)
    record = find_application(services, application_id)
    station = services.station if hasattr(services, "station") else services
    decisions = county_decisions(station.store.db, record)
    fonts = context.fonts()
    data = record.data
    order = catalogue.case_file.get("order") or [{"form": "file_cover"}, {"form": "file_toc"},
                                                 {"attachments": True}]
    entries = [e for e in order if _belongs(e, record, decisions, catalogue)]
    total_steps = len(entries) + 2
    step = 0

    def tick() -> None:
        nonlocal step
        step += 1
        if cancelled is not None and cancelled():
            raise CaseFileCancelled()
        if progress is not None:
            progress(min(step, total_steps), total_steps)

    header_right = f"申请编号：{record.number or data.get('number') or ''}"
    # 1. lay out everything but the cover and the contents, to count pages
    items: list[tuple[str, _Item]] = []  # (kind, item): kind "cover" | "toc" | "form" | "attachments"
    for entry in entries:
        if entry.get("attachments"):
            for item in _attachment_items(services, record, context, fonts, header_right):
                items.append(("attachment", item))
        elif entry.get("form") in ("file_cover", "file_toc", "file_remarks"):  # they count the file: laid out last
            items.append((entry["form"], _Item(catalogue.get(entry["form"]).name)))
        else:
            form = catalogue.get(entry["form"])
            issued = _issued_item(form, record, context, decisions, fonts, header_right) if form.issuer == "county" \
                else None
            items.append(("form", issued or _Item(form.name, layout(form, record, context, catalogue,
                                                                    decisions=decisions))))
        tick()

    # 2. cover and contents: lay out until their page counts are stable, then number every page
    toc_rows: list[tuple[str, str, str]] = []
    counted = ("file_cover", "file_toc", "file_remarks")
    guessed = {kind: 1 for kind in counted}
    for _ in range(4):
        numbers: dict[int, tuple[int, int]] = {}
        page = 1
        for index, (kind, item) in enumerate(items):
            count = guessed[kind] if kind in counted else item.pages
            numbers[index] = (page, count)
            page += count
        total = page - 1
        toc_rows = [(item.title, _page_label(*numbers[i]), item.note)
                    for i, (kind, item) in enumerate(items) if kind not in ("file_cover", "file_toc")]
        totals = {"file_pages": total, "file_items": len(toc_rows)}
        for kind, item in items:
            if kind == "file_cover":
                item.section = _counted("file_cover", catalogue, record, context, totals, decisions)
            elif kind == "file_remarks":
                item.section = _counted("file_remarks", catalogue, record, context, totals, decisions)
            elif kind == "file_toc":
                item.section = layout(catalogue.get("file_toc"), record, context, catalogue, toc_rows, decisions)
        laid = {kind: next((it.pages for k, it in items if k == kind), 0) or 1 for kind in counted}
        if laid == guessed:
            break
        guessed = laid
    tick()

    # 3. draw every page in one document (fonts embedded once), then lay the PDF attachments under
    buffer = io.BytesIO()
    fp = record_fingerprint(record)
    c = new_canvas(buffer, f"法律援助案件卷宗 {record.number or ''}", context.settings.station_name,
                   f"application {record.id} v{record.version} {fp}", fonts, context.now())
    sections = [item.section for _, item in items if item.section is not None]
    draw_sections(c, fonts, sections)
    save_canvas(c)
    pdf = buffer.getvalue()
    if any(item.pdf_pages for _, item in items):
        pdf = _lay_pdf_pages(pdf, items)
    tick()
    if context.signer is not None and sign is not False:
        from .signing import sign_pdf

        # invisible: the file gathers many documents, each with its own seal
        pdf = sign_pdf(pdf, context.signer, reason=f"法律援助案件卷宗 {record.number}（{fp}）",
                       location=context.settings.township)
    return pdf


def _belongs(entry: dict, record, decisions: CountyDecisions, catalogue: Catalogue) -> bool:
    """Whether a case-file entry goes into this application's file: its own `when` and county setting, and
    for a form, that it can be printed filled (a blank form never enters a case file)."""
    if not matches(entry.get("when"), record.data, record.status):
        return False
    if entry.get("setting") and not setting_holds(catalogue.common, entry["setting"]):
        return False
    if entry.get("form") and entry["form"] not in ("file_cover", "file_toc"):
        return availability(catalogue.get(entry["form"]), record, decisions, catalogue=catalogue).ok
    return True


def _counted(form_id: str, catalogue: Catalogue, record, context: RenderContext, totals: dict,
             decisions: CountyDecisions) -> Section:
    """The cover or the 卷内备考表, which state the file's page and document counts."""
    from .layout import layout_form
    from .render import issuing_context

    form = catalogue.get(form_id)
    context = issuing_context(record, context)
    values = values_for(record, context, form.extra_fields, form.record_type, decisions)
    values.overrides = totals
    pages = layout_form(form, values, context, context.fonts(), catalogue.common)
    return Section(pages, page_info(form, record, values, context))


def _lay_pdf_pages(pdf: bytes, items: list[tuple[str, _Item]]) -> bytes:
    """Put each PDF attachment's pages under their placeholder pages, scaled into the content frame."""
    from pypdf import PdfReader, PdfWriter, Transformation

    frame = frame_of(DEFAULT_STYLE)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    index = 0
    for _, item in items:
        count = item.pages
        for offset, source in enumerate(item.pdf_pages[:count]):
            target = writer.pages[index + offset]
            try:
                box = source.mediabox
                w, h = float(box.width), float(box.height)
                rotation = (source.rotation or 0) % 360
                upright = Transformation().translate(-float(box.left), -float(box.bottom))
                if rotation == 90:  # /Rotate turns the page clockwise when shown: turn the content instead
                    upright, (w, h) = upright.rotate(-90).translate(0, w), (h, w)
                elif rotation == 180:
                    upright = upright.rotate(180).translate(w, h)
                elif rotation == 270:
                    upright, (w, h) = upright.rotate(90).translate(h, 0), (h, w)
                top_room = 8 * MM
                scale = min(frame.width / w, (frame.height - top_room) / h)
                tx = frame.x + (frame.width - w * scale) / 2
                ty = frame.bottom + (frame.height - top_room - h * scale) / 2
                target.merge_transformed_page(source, upright.scale(scale).translate(tx, ty), over=False)
            except Exception as exc:  # noqa: BLE001 - a page that cannot be merged keeps its placeholder
                log.warning("could not place an attachment page: %s", exc)
        index += count
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
