"""The layout engine: a form's blocks (data) laid out on A4 pages (code).

Blocks flow from the top of the content frame down; a block that does not fit
is split (paragraphs between lines, tables between rows, a tall row between the
lines of its cells, its label repeated with "（续）") and continues on the next
page. Nothing is drawn outside its cell or outside the content frame: every
line is measured before it is placed.

Layout produces `Page`s holding drawing operations; render.py draws them
together with the header and footer once the number of pages is known.

The blocks are in blocks.py (page geometry, paragraphs, signatures) and tables.py; here a
form's JSON becomes blocks (Builder) and the blocks flow onto pages (flow).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .blocks import (
    DEFAULT_STYLE,
    MM,
    PAGE_H,
    PAGE_W,
    Block,
    CutLine,
    Frame,
    Page,
    PageBreak,
    Paragraph,
    Signature,
    Spacer,
    frame_of,
)
from .catalogue import CatalogueError, FormSpec, matches
from .context import RenderContext
from .fonts import FontSet
from .seal import SEAL_DIAMETER_MM, draw_seal
from .tables import Cell, CellPara, Row, Table
from .text import Inline, Span
from .values import Values

__all__ = ["DEFAULT_STYLE", "MM", "PAGE_H", "PAGE_W", "Block", "Builder", "Cell", "CellPara", "CutLine", "Frame",
           "Page", "PageBreak", "Paragraph", "Row", "Signature", "Spacer", "Table", "flow", "frame_of", "layout_form"]


# --------------------------------------------------------------------------- from JSON to blocks

class Builder:
    """Turns a form's JSON blocks into layout blocks for one record's values."""

    def __init__(self, form: FormSpec, values: Values, context: RenderContext, fonts: FontSet,
                 common: Mapping[str, Any], toc: Sequence[tuple[str, str, str]] | None = None):
        self.form = form
        self.values = values
        self.context = context
        self.fonts = fonts
        self.common = common
        self.style = {**DEFAULT_STYLE, **(common.get("style") or {}), **(form.spec.get("style") or {})}
        self.toc = toc or []

    def _shown(self, spec: Mapping[str, Any]) -> bool:
        """A block or row's `when` (the record's data), `if` (these values present) and `unless` (absent)."""
        v = self.values
        present = [spec["if"]] if isinstance(spec.get("if"), str) else list(spec.get("if") or [])
        absent = [spec["unless"]] if isinstance(spec.get("unless"), str) else list(spec.get("unless") or [])
        if not all(v.present(name) for name in present) or any(v.present(name) for name in absent):
            return False
        if spec.get("setting") and not setting_holds(self.common, spec["setting"]):
            return False
        when = spec.get("when")
        if not when or v.blank:
            return True
        return matches(when, v.data, v.status)

    def _text(self, value: Any) -> str:
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return str(value or "")

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        for spec in self.form.blocks:
            if not isinstance(spec, Mapping) or not self._shown(spec):
                continue
            block = self.block(spec)
            if block is not None:
                out.append(block)
        return out

    def block(self, spec: Mapping[str, Any]) -> Block | None:
        kind = spec.get("type", "para")
        st = self.style
        v = self.values
        size = float(spec.get("size", 0)) or None
        if kind == "title":
            return Paragraph(self.fonts, v.expand(self._text(spec.get("text")), role="title"), size or st["title_pt"],
                             1.35, "center", space_before=float(spec.get("space_before_mm", 0)) * MM,
                             space_after=float(spec.get("space_after_mm", 3)) * MM, keep_with_next=True)
        if kind == "subtitle":
            return Paragraph(self.fonts, v.expand(self._text(spec.get("text"))), size or st["subtitle_pt"], 1.4,
                             "center", space_after=float(spec.get("space_after_mm", 2)) * MM, keep_with_next=True)
        if kind == "number":
            return Paragraph(self.fonts, self.number_line(spec), size or st["table_pt"], 1.5,
                             spec.get("align", "right"), space_after=float(spec.get("space_after_mm", 2)) * MM,
                             keep_with_next=True)
        if kind == "note":
            text = self._text(spec.get("text") or self.common.get("note", ""))
            return Paragraph(self.fonts, v.expand(text), size or st["note_pt"], 1.5, "justify",
                             space_after=float(spec.get("space_after_mm", 3)) * MM, boxed=spec.get("boxed", True))
        if kind in ("para", "addressee"):
            indent = float(spec.get("indent", 2 if kind == "para" else 0))
            return Paragraph(self.fonts, v.expand(self._text(spec.get("text"))), size or st["body_pt"],
                             float(spec.get("leading", st["body_leading"])), spec.get("align", "justify"),
                             indent_em=indent, space_before=float(spec.get("space_before_mm", 0)) * MM,
                             space_after=float(spec.get("space_after_mm", 1)) * MM)
        if kind == "table":
            return self.table(spec)
        if kind == "toc":
            return self.toc_table(spec)
        if kind == "signature":
            return self.signature(spec)
        if kind == "cut":
            return CutLine(self.fonts, self._text(spec.get("text", "（沿此线剪开）")))
        if kind == "spacer":
            return Spacer(float(spec.get("mm", 5)) * MM)
        if kind == "page_break":
            return PageBreak()
        raise CatalogueError(f"表格 {self.form.id} 中有未知的版块类型 {kind!r}")

    def number_line(self, spec: Mapping[str, Any]) -> list[Inline]:
        """编号：（县名）援决字〔2026〕第15号. The issuer numbers: the station its own documents (from the
        application number), the county its decisions (the number in its event); otherwise left blank."""
        v = self.values
        number = self.form.spec.get("number") or {}
        char = number.get("char") or spec.get("char", "")
        county = v.plain("{county}") or "　　"
        county = county[:-1] if county.endswith("县") and len(county) > 2 and number.get("short_county", True) else county
        year = serial = ""
        if self.form.issuer == "county":
            template = spec.get("format") or self.common.get("number_format") or \
                "编号：（{county}）{char}〔{year}〕第{serial}号"
            issued = v.plain("{" + number["from"] + "}") if number.get("from") and not v.blank else ""
            if issued and not issued.isdigit():
                return [Span("编号：" + issued)]  # the county's number exactly as it issued it
            if issued:
                serial = issued
                year = (v.plain("{" + number["date"] + "}")[:4] if number.get("date") else "")
        else:
            template = spec.get("format") or self.common.get("station_number_format") or \
                self.common.get("number_format") or "编号：（{county}）{char}〔{year}〕第{serial}号"
            if not v.blank:
                year, serial = v.plain("{number_year}"), v.plain("{number_serial}")
        station = v.plain("{station_code}") or "　　"
        text = (template.replace("{county}", county).replace("{station_code}", station).replace("{char}", char)
                .replace("{year}", year or "　　　　").replace("{serial}", serial or "　　　　"))
        return [Span(text)]

    def cell(self, spec: Mapping[str, Any], size: float, leading: float, pad: float, border: str = "grid") -> Cell:
        cell = self._cell(spec, size, leading, pad)
        cell.border = border
        return cell

    def _cell(self, spec: Mapping[str, Any], size: float, leading: float, pad: float) -> Cell:
        span = int(spec.get("span", 1))
        align = spec.get("align")
        min_height = float(spec.get("min_mm", 0)) * MM
        v = self.values
        if "label" in spec:
            paras = [CellPara(v.expand(self._text(spec["label"]), in_cell=True), align or "center")]
            return Cell(self.fonts, "label", paras, [], span, size, leading, spec.get("valign", "middle"), pad,
                        min_height)
        if "thumb" in spec:
            return Cell(self.fonts, "thumb", [], [], span, size, leading, "middle", pad, min_height,
                        thumb=str(spec.get("thumb") or ""))
        if "value" in spec:
            paras = [CellPara(v.expand(self._text(spec["value"]), in_cell=True), align or "left")]
            return Cell(self.fonts, "value", paras, [], span, size, leading, spec.get("valign", "middle"), pad,
                        min_height)
        texts = spec.get("paras") if "paras" in spec else [spec.get("text", "")]
        paras = [CellPara(v.expand(self._text(t), in_cell=True), align or "left") for t in texts]
        foot = [CellPara(v.expand(self._text(t), in_cell=True), spec.get("foot_align", "right"))
                for t in spec.get("foot", [])]
        return Cell(self.fonts, "text", paras, foot, span, size, leading, spec.get("valign", "top"), pad, min_height)

    def table(self, spec: Mapping[str, Any]) -> Table:
        st = self.style
        size = float(spec.get("size", st["table_pt"]))
        leading = float(spec.get("leading", st["table_leading"]))
        pad = float(spec.get("pad", st["cell_pad_pt"]))
        columns = [float(c) for c in spec.get("columns", [1])]
        border = spec.get("border", "grid")
        rows: list[Row] = []
        after_section = False
        for row_spec in self._expand_rows(spec.get("rows", [])):
            if not self._shown(row_spec):
                continue
            min_height = float(row_spec.get("min_mm", st["row_mm"])) * MM
            if "section" in row_spec:
                text = self._text(row_spec["section"])
                cell = Cell(self.fonts, "section", [CellPara(self.values.expand(text, in_cell=True, role="title"),
                                                             "center")], [], len(columns), size, leading, "middle",
                            pad, 0.0, shade=True, role="title")
                rows.append(Row([cell], min_height * 0.85))
                after_section = True  # a section's heading never ends a page: its first row keeps with it
                continue
            cells = [self.cell(c, size, leading, pad, border) for c in row_spec.get("cells", [])]
            spans = sum(c.span for c in cells)
            if spans != len(columns):
                raise CatalogueError(f"表格 {self.form.id}：一行的单元格共占 {spans} 列，应为 {len(columns)} 列")
            signed = any(c.foot or c.kind == "thumb" for c in cells)
            rows.append(Row(cells, min_height, bool(row_spec.get("keep_with_previous", signed or after_section))))
            after_section = False
        return Table(rows, columns, 1.2 if border == "grid" else 0.0)

    def _expand_rows(self, rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """A row with "repeat": NAME becomes one row per item of that list value ({_n}: its number,
        {_item}: the item), then empty numbered rows up to "min_rows" for what is added by hand."""
        out: list[Mapping[str, Any]] = []
        for row in rows:
            name = row.get("repeat")
            if not name:
                out.append(row)
                continue
            value = self.values.raw(name)
            items = [value] if isinstance(value, str) else [str(v) for v in (value or [])]
            count = max(len(items), int(row.get("min_rows", 0)))
            for i in range(count):
                item = items[i] if i < len(items) else ""
                cells = [_substitute(cell, {"_n": str(i + 1), "_item": item}) for cell in row.get("cells", [])]
                out.append({k: v for k, v in row.items() if k not in ("repeat", "min_rows", "cells")} |
                           {"cells": cells})
        return out

    def toc_table(self, spec: Mapping[str, Any]) -> Table:
        st = self.style
        size = float(spec.get("size", st["table_pt"]))
        leading, pad = st["table_leading"], st["cell_pad_pt"]
        headers = spec.get("headers", ["序号", "文件材料名称", "页号", "备注"])
        columns = [float(c) for c in spec.get("columns", [1, 6, 1.6, 1.6])]
        min_rows = int(spec.get("min_rows", 18))
        rows = [Row([Cell(self.fonts, "label", [CellPara([Span(h)], "center")], [], 1, size, leading, "middle", pad)
                     for h in headers], 10 * MM)]
        entries = list(self.toc)
        while len(entries) < min_rows:
            entries.append(("", "", ""))
        for i, (title, pages, note) in enumerate(entries, 1):
            number = str(i) if title else ""
            cells = [Cell(self.fonts, "value", [CellPara([Span(number)], "center")], [], 1, size, leading, "middle", pad),
                     Cell(self.fonts, "value", [CellPara([Span(title)], "left")], [], 1, size, leading, "middle", pad),
                     Cell(self.fonts, "value", [CellPara([Span(pages)], "center")], [], 1, size, leading, "middle", pad),
                     Cell(self.fonts, "value", [CellPara([Span(note)], "left")], [], 1, size * 0.85, leading, "middle",
                          pad)]
            rows.append(Row(cells, st["row_mm"] * MM))
        return Table(rows, columns)

    def _seal(self, radius: float, text: str, image):
        """Draws the seal, and notes where (the signature's visible appearance goes on it)."""
        spots = self.context.seal_spots

        def draw(c, x: float, y: float) -> None:
            draw_seal(c, self.fonts, x, y, radius, text, image)
            if spots is not None:
                from .signing import SealSpot

                spots.append(SealSpot(c.getPageNumber(), x, y, radius))
        return draw

    def signature(self, spec: Mapping[str, Any]) -> Signature:
        st = self.style
        lines = [self.values.expand(self._text(t)) for t in spec.get("lines", ["{center_name}", "{print_date|date}"])]
        seal = None
        owner = spec.get("seal", self.form.seal_owner) if spec.get("seal", True) else None
        ctx = self.context
        if owner and ctx.seal:
            radius = SEAL_DIAMETER_MM * MM / 2
            if owner == "station":
                seal = self._seal(radius, ctx.settings.station_name, ctx.seal_image)
            elif owner == "center" and ctx.center_seal_image is not None:
                seal = self._seal(radius, ctx.center, ctx.center_seal_image)
        thumb = spec.get("thumb")
        return Signature(self.fonts, lines, float(spec.get("size", st["body_pt"])), seal,
                         float(spec.get("space_before_mm", 6)) * MM, str(thumb) if thumb is not None else None,
                         spec.get("align", "center"), SEAL_DIAMETER_MM * MM / 2 if seal else 0.0)


def setting_holds(common: Mapping[str, Any], setting: str) -> bool:
    """A county setting ("name", or "!name" for its negation) of _common.json's county_settings."""
    negated = setting.startswith("!")
    value = bool((common.get("county_settings") or {}).get(setting.lstrip("!"), False))
    return value != negated


def _substitute(cell: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """A repeated row's cell with {_n} and {_item} replaced (the item's own braces kept literal)."""
    out: dict[str, Any] = {}
    for key, value in cell.items():
        if isinstance(value, str):
            for name, text in names.items():
                value = value.replace("{" + name + "}", text.replace("{", "｛").replace("}", "｝"))
        out[key] = value
    return out


# --------------------------------------------------------------------------- flowing blocks onto pages

def flow(blocks: Sequence[Block], frame: Frame) -> list[Page]:
    """Place blocks on pages, splitting what does not fit; never past the frame's foot."""
    pages = [Page()]
    y = frame.top
    queue = list(blocks)
    i = 0
    guard = 0
    while i < len(queue):
        guard += 1
        if guard > 20000:  # a block that can never be placed: stop rather than loop
            break
        block = queue[i]
        if isinstance(block, PageBreak):
            if y < frame.top:
                pages.append(Page())
                y = frame.top
            i += 1
            continue
        height = block.measure(frame.width)
        available = y - frame.bottom
        fits = height <= available + 0.01
        if fits and block.keep_with_next and i + 1 < len(queue) and y < frame.top:
            following = queue[i + 1].measure(frame.width)
            if height + min(following, 40 * MM) > available:
                fits = False
                if y < frame.top:
                    pages.append(Page())
                    y = frame.top
                    continue
        if fits:
            following = _kept_after(queue, i, frame.width)
            if following and height + following > available and following <= frame.height:
                # what follows (a signature) would start the next page alone: the last lines go with it
                lh = getattr(block, "lh", 0.0)
                head, tail = block.split(height - 2 * lh - 0.02) if lh else (None, block)
                if head is not None and tail is not None:
                    _place(pages[-1], head, frame, y)
                    queue[i] = tail
                    pages.append(Page())
                    y = frame.top
                    continue
                if y < frame.top:  # it cannot split: it goes on to the next page whole
                    pages.append(Page())
                    y = frame.top
                    continue
        if fits:
            _place(pages[-1], block, frame, y)
            y -= height
            i += 1
            continue
        head, tail = block.split(available)
        if head is not None:
            head_height = head.measure(frame.width)
            _place(pages[-1], head, frame, y)
            y -= head_height
        if tail is None:
            i += 1
            continue
        if head is None and y >= frame.top - 0.01:
            # nothing of it fits on an empty page: force it onto this page, cut to the frame
            _place(pages[-1], block, frame, y, clip=True)
            i += 1
            continue
        queue[i] = tail
        pages.append(Page())
        y = frame.top
    return pages


def _kept_after(queue: Sequence[Block], i: int, width: float) -> float:
    """The height of the spacers and the block that keeps with block i (a signature), 0 when none does."""
    height = 0.0
    for block in queue[i + 1:]:
        if isinstance(block, Spacer):
            height += block.measure(width)
            continue
        return height + block.measure(width) if getattr(block, "keep_with_previous", False) else 0.0
    return 0.0


def _place(page: Page, block: Block, frame: Frame, top: float, clip: bool = False) -> None:
    def op(canvas, block=block, top=top):
        if clip:
            canvas.saveState()
            path = canvas.beginPath()
            path.rect(frame.x, frame.bottom, frame.width, frame.top - frame.bottom)
            canvas.clipPath(path, stroke=0, fill=0)
        block.draw(canvas, frame.x, top, frame.width)
        if clip:
            canvas.restoreState()

    page.ops.append(op)
    page.missing.extend(block.missing())


def layout_form(form: FormSpec, values: Values, context: RenderContext, fonts: FontSet,
                common: Mapping[str, Any], toc: Sequence[tuple[str, str, str]] | None = None) -> list[Page]:
    builder = Builder(form, values, context, fonts, common, toc)
    return flow(builder.blocks(), frame_of(builder.style))
