"""The layout engine: a form's blocks (data) laid out on A4 pages (code).

Blocks flow from the top of the content frame down; a block that does not fit
is split (paragraphs between lines, tables between rows, a tall row between the
lines of its cells, its label repeated with "（续）") and continues on the next
page. Nothing is drawn outside its cell or outside the content frame: every
line is measured before it is placed.

Layout produces `Page`s holding drawing operations; render.py draws them
together with the header and footer once the number of pages is known.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from reportlab.lib.pagesizes import A4

from .catalogue import FormSpec, matches
from .context import RenderContext
from .fonts import FontSet
from .seal import SEAL_DIAMETER_MM, draw_seal
from .text import Break, Inline, Line, Span, break_lines, draw_line, lines_missing
from .values import Values

MM = 72.0 / 25.4
PAGE_W, PAGE_H = A4

DEFAULT_STYLE: dict[str, float] = {
    "title_pt": 22.0,  # 二号, Hei
    "subtitle_pt": 15.0,  # 小三
    "body_pt": 14.0,  # 四号, Song/Ming
    "table_pt": 12.0,  # 小四
    "note_pt": 10.5,  # 五号
    "body_leading": 1.65,
    "table_leading": 1.42,
    "row_mm": 9.0,
    "cell_pad_pt": 4.0,
    "margin_left_mm": 25.0,  # the binding edge
    "margin_right_mm": 20.0,
    "margin_top_mm": 22.0,
    "margin_bottom_mm": 26.0,
}


@dataclass(frozen=True)
class Frame:
    x: float
    width: float
    top: float  # y of the frame's top edge (PDF points from the page bottom)
    bottom: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def frame_of(style: Mapping[str, float]) -> Frame:
    left = style["margin_left_mm"] * MM
    right = style["margin_right_mm"] * MM
    return Frame(left, PAGE_W - left - right, PAGE_H - style["margin_top_mm"] * MM,
                 style["margin_bottom_mm"] * MM)


@dataclass
class Page:
    ops: list[Callable[[Any], None]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- blocks

class Block:
    keep_with_next = False

    def measure(self, width: float) -> float:
        raise NotImplementedError

    def split(self, available: float) -> tuple["Block | None", "Block | None"]:
        """(the part that fits in `available`, the rest); (None, self) when nothing fits."""
        return None, self

    def draw(self, canvas, x: float, top: float, width: float) -> None:
        raise NotImplementedError

    def missing(self) -> list[str]:
        return []


class Spacer(Block):
    def __init__(self, height: float):
        self.height = height

    def measure(self, width: float) -> float:
        return self.height

    def split(self, available):
        return None, None  # a spacer at a page end just disappears

    def draw(self, canvas, x, top, width):
        pass


class PageBreak(Block):
    def measure(self, width: float) -> float:
        return 0.0

    def draw(self, canvas, x, top, width):
        pass


def _baseline(line_top: float, lh: float, size: float) -> float:
    return line_top - (lh - size) / 2 - size * 0.86


class Paragraph(Block):
    def __init__(self, fonts: FontSet, items: Sequence[Inline], size: float, leading: float = 1.5,
                 align: str = "left", indent_em: float = 0.0, space_before: float = 0.0,
                 space_after: float = 0.0, boxed: bool = False, keep_with_next: bool = False):
        self.fonts = fonts
        self.items = list(items)
        self.size = size
        self.lh = size * leading
        self.align = align
        self.indent = indent_em * size
        self.space_before = space_before
        self.space_after = space_after
        self.boxed = boxed
        self.pad = 5.0 if boxed else 0.0
        self.keep_with_next = keep_with_next
        self.lines: list[Line] | None = None
        self._width: float | None = None
        self.first_is_start = True

    def measure(self, width: float) -> float:
        if self.lines is None or self._width != width:
            self.lines = break_lines(self.items, self.fonts, width - 2 * self.pad, self.size,
                                     self.indent if self.first_is_start else 0.0)
            self._width = width
        return self.space_before + 2 * self.pad + len(self.lines) * self.lh + self.space_after

    def split(self, available):
        assert self.lines is not None
        n = int((available - self.space_before - 2 * self.pad) // self.lh)
        if n < 1:
            return None, self
        if n >= len(self.lines):
            return self, None
        if n == 1 and len(self.lines) > 2:
            return None, self  # no single first line left alone at a page's foot
        head, tail = copy.copy(self), copy.copy(self)
        head.lines, tail.lines = self.lines[:n], self.lines[n:]
        head.space_after = 0.0
        tail.space_before = 0.0
        tail.first_is_start = False
        return head, tail

    def draw(self, canvas, x, top, width):
        assert self.lines is not None
        y = top - self.space_before
        if self.boxed:
            height = 2 * self.pad + len(self.lines) * self.lh
            canvas.setLineWidth(0.5)
            canvas.setStrokeColorRGB(0.35, 0.35, 0.35)
            canvas.rect(x, y - height, width, height, stroke=1, fill=0)
            y -= self.pad
        inner_x, inner_w = x + self.pad, width - 2 * self.pad
        for i, line in enumerate(self.lines):
            indent = self.indent if (i == 0 and self.first_is_start) else 0.0
            draw_line(canvas, self.fonts, line, inner_x + indent, _baseline(y - i * self.lh, self.lh, self.size),
                      inner_w - indent, self.align)

    def missing(self):
        return lines_missing(self.lines or [])


# --------------------------------------------------------------------------- tables

@dataclass
class CellPara:
    items: list[Inline]
    align: str
    lines: list[Line] = field(default_factory=list)


class Cell:
    """One cell: paragraphs from the top, `foot` paragraphs pinned to the bottom, or a thumb box."""

    def __init__(self, fonts: FontSet, kind: str, paras: list[CellPara], foot: list[CellPara], span: int,
                 size: float, leading: float, valign: str, pad: float, min_height: float = 0.0,
                 thumb: str | None = None, shade: bool = False, role: str = "body", border: str = "grid"):
        self.fonts = fonts
        self.border = border  # grid | underline (value cells underlined, no grid) | none
        self.kind = kind  # label | value | text | thumb | section
        self.paras = paras
        self.foot = foot
        self.span = span
        self.size = size
        self.lh = size * leading
        self.valign = valign
        self.pad = pad
        self.min_height = min_height
        self.thumb = thumb
        self.shade = shade
        self.role = role
        self.width = 0.0
        self.continued = False

    def measure(self, width: float) -> float:
        self.width = width
        inner = max(width - 2 * self.pad, self.size)
        for para in self.paras + self.foot:
            para.lines = break_lines(para.items, self.fonts, inner, self.size)
        return self.height()

    def body_lines(self) -> int:
        return sum(len(p.lines) for p in self.paras)

    def foot_height(self) -> float:
        lines = sum(len(p.lines) for p in self.foot)
        return lines * self.lh + (self.lh * 0.5 if lines and self.paras else 0.0)

    def height(self) -> float:
        content = self.body_lines() * self.lh + self.foot_height()
        if self.thumb is not None:
            content = max(content, 22 * MM)
        return max(content + 2 * self.pad, self.min_height)

    def splittable(self) -> bool:
        return self.kind in ("value", "text") and self.body_lines() > 1

    def split(self, available: float) -> tuple["Cell", "Cell"]:
        """The lines that fit in `available` (this cell's content height) and the rest, foot last."""
        n = max(0, int((available - 2 * self.pad) // self.lh))
        head, tail = copy.copy(self), copy.copy(self)
        head.paras, tail.paras = [], []
        left = n
        for para in self.paras:
            if left >= len(para.lines):
                head.paras.append(para)
                left -= len(para.lines)
                continue
            if left > 0:
                head.paras.append(CellPara(para.items, para.align, para.lines[:left]))
                tail.paras.append(CellPara(para.items, para.align, para.lines[left:]))
                left = 0
            else:
                tail.paras.append(para)
        if tail.paras:
            head.foot = []
        else:  # every line fits but the foot (a signature line) does not: the foot moves on
            head.foot = []
            tail.foot = list(self.foot)
        head.min_height = tail.min_height = 0.0
        return head, tail

    def continued_label(self) -> "Cell":
        """The same label for the continuation of its row on the next page."""
        cell = copy.copy(self)
        cell.paras = [CellPara(p.items + [Span("（续）")], p.align) for p in self.paras]
        cell.foot = []
        cell.min_height = 0.0
        cell.measure(self.width)
        return cell

    def empty_copy(self) -> "Cell":
        cell = copy.copy(self)
        cell.paras, cell.foot, cell.thumb, cell.min_height = [], [], None, 0.0
        return cell

    def draw(self, canvas, x: float, top: float, height: float) -> None:
        fonts = self.fonts
        if self.shade:
            canvas.setFillColorRGB(0.93, 0.93, 0.93)
            canvas.rect(x, top - height, self.width, height, stroke=0, fill=1)
        canvas.setLineWidth(0.6)
        canvas.setStrokeColorRGB(0, 0, 0)
        if self.border == "grid":
            canvas.rect(x, top - height, self.width, height, stroke=1, fill=0)
        elif self.border == "underline" and self.kind != "label":
            canvas.line(x, top - height + 2, x + self.width, top - height + 2)
        inner_x, inner_w = x + self.pad, self.width - 2 * self.pad
        body_h = self.body_lines() * self.lh
        if self.valign == "middle" and not self.foot:
            y = top - (height - body_h) / 2
        elif self.valign == "bottom" and not self.foot:
            y = top - height + self.pad + body_h
        else:
            y = top - self.pad
        for para in self.paras:
            for line in para.lines:
                draw_line(canvas, fonts, line, inner_x, _baseline(y, self.lh, self.size), inner_w, para.align)
                y -= self.lh
        if self.foot:
            y = top - height + self.pad + sum(len(p.lines) for p in self.foot) * self.lh
            for para in self.foot:
                for line in para.lines:
                    draw_line(canvas, fonts, line, inner_x, _baseline(y, self.lh, self.size), inner_w, para.align)
                    y -= self.lh
        if self.thumb is not None:
            side = min(18 * MM, height - 2 * self.pad, inner_w)
            bx = x + (self.width - side) / 2
            by = top - height + (height - side) / 2
            canvas.saveState()
            canvas.setDash(2, 2)
            canvas.setLineWidth(0.5)
            canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
            canvas.roundRect(bx, by, side, side, 3, stroke=1, fill=0)
            canvas.restoreState()
            if self.thumb:
                size = min(9.0, side / max(len(self.thumb), 1))
                w = fonts.width(self.thumb, size)
                canvas.setFillColorRGB(0.45, 0.45, 0.45)
                canvas.setFont(fonts.body, size)
                canvas.drawString(bx + (side - w) / 2, by + side / 2 - size / 3, self.thumb)
                canvas.setFillColorRGB(0, 0, 0)

    def missing(self) -> list[str]:
        return lines_missing([line for p in self.paras + self.foot for line in p.lines])


class Row:
    def __init__(self, cells: list[Cell], min_height: float):
        self.cells = cells
        self.min_height = min_height
        self.height = 0.0

    def measure(self, widths: list[float]) -> float:
        col = 0
        tallest = self.min_height
        for cell in self.cells:
            width = sum(widths[col:col + cell.span])
            col += cell.span
            tallest = max(tallest, cell.measure(width))
        self.height = tallest
        return tallest

    def split(self, available: float) -> tuple["Row | None", "Row"]:
        """The row's lines that fit in `available` (filling it), and its continuation."""
        if not any(c.splittable() for c in self.cells):
            return None, self
        heads, tails = [], []
        moved = False
        for cell in self.cells:
            if cell.height() <= available:
                heads.append(cell)
                tails.append(cell.continued_label() if cell.kind in ("label", "section") else cell.empty_copy())
            elif cell.splittable():
                head, tail = cell.split(available)
                if head.body_lines() == 0:
                    return None, self
                heads.append(head)
                tails.append(tail)
                moved = True
            else:  # a thumb box or a tall label that cannot split: it moves on whole
                heads.append(cell.empty_copy())
                tails.append(cell)
        if not moved:
            return None, self
        head_row, tail_row = Row(heads, 0.0), Row(tails, 0.0)
        head_row.height = available  # the part on this page fills it to the frame's foot
        tail_row.height = max(c.height() for c in tails)
        return head_row, tail_row

    def draw(self, canvas, x: float, top: float) -> None:
        cx = x
        for cell in self.cells:
            cell.draw(canvas, cx, top, self.height)
            cx += cell.width

    def missing(self) -> list[str]:
        return [ch for cell in self.cells for ch in cell.missing()]


class Table(Block):
    def __init__(self, rows: list[Row], columns: Sequence[float], outer: float = 1.2):
        self.rows = rows  # outer 0: no frame (a cover's underlined lines)
        self.columns = list(columns)
        self.outer = outer
        self.widths: list[float] = []
        self._width: float | None = None

    def measure(self, width: float) -> float:
        if self._width != width:
            total = sum(self.columns) or 1.0
            self.widths = [width * c / total for c in self.columns]
            for row in self.rows:
                row.measure(self.widths)
            self._width = width
        return sum(r.height for r in self.rows)

    def split(self, available):
        used = 0.0
        for i, row in enumerate(self.rows):
            if used + row.height <= available + 0.01:
                used += row.height
                continue
            head_row, tail_row = row.split(available - used) if available - used > 2 * row.cells[0].lh else (None, row)
            head_rows = self.rows[:i] + ([head_row] if head_row else [])
            tail_rows = [tail_row] + self.rows[i + 1:]
            if not head_rows:
                return None, self
            head, tail = self._part(head_rows), self._part(tail_rows)
            return head, tail
        return self, None

    def _part(self, rows: list[Row]) -> "Table":
        part = Table(rows, self.columns, self.outer)
        part.widths = self.widths
        part._width = self._width
        return part

    def draw(self, canvas, x, top, width):
        y = top
        for row in self.rows:
            row.draw(canvas, x, y)
            y -= row.height
        if self.outer:
            canvas.setLineWidth(self.outer)
            canvas.setStrokeColorRGB(0, 0, 0)
            canvas.rect(x, y, width, top - y, stroke=1, fill=0)

    def missing(self):
        return [ch for row in self.rows for ch in row.missing()]


# --------------------------------------------------------------------------- signatures and seals

class Signature(Block):
    """The issuer's lines at the right (center or station name, date), the seal over them."""

    def __init__(self, fonts: FontSet, lines: list[list[Inline]], size: float, seal: Callable | None,
                 space_before: float = 6 * MM, thumb: str | None = None, align: str = "center"):
        self.fonts = fonts
        self.thumb = thumb  # a dashed box for a thumbprint at the left of the lines
        self.align = align
        self.paras = [Paragraph(fonts, items, size, 1.6, align) for items in lines]
        self.size = size
        self.seal = seal
        self.space_before = space_before + (12 * MM if seal else 0.0)
        self.col_width = 0.0

    def measure(self, width):
        widest = max((self.fonts.width("".join(i.text for i in p.items if isinstance(i, Span)), self.size)
                      for p in self.paras), default=0.0)
        self.col_width = min(width - (24 * MM if self.thumb is not None else 0.0), max(widest + 2 * self.size, 62 * MM))
        height = sum(p.measure(self.col_width) for p in self.paras)
        if self.thumb is not None:
            height = max(height, 20 * MM)
        return self.space_before + height + 2 * MM

    def draw(self, canvas, x, top, width):
        col_x = x + width - self.col_width - 2 * self.size
        y = top - self.space_before
        tops = []
        for para in self.paras:
            tops.append(y)
            para.draw(canvas, col_x, y, self.col_width)
            y -= para.measure(self.col_width)
        if self.seal is not None and tops:
            cy = (tops[0] + y) / 2 if len(tops) > 1 else tops[0] - self.paras[0].lh / 2
            self.seal(canvas, col_x + self.col_width / 2, cy)
        if self.thumb is not None:
            side = 18 * MM
            bx = col_x - side - 4 * MM
            by = top - self.space_before - side - 1 * MM
            canvas.saveState()
            canvas.setDash(2, 2)
            canvas.setLineWidth(0.5)
            canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
            canvas.roundRect(bx, by, side, side, 3, stroke=1, fill=0)
            canvas.restoreState()
            if self.thumb:
                size = 9.0
                w = self.fonts.width(self.thumb, size)
                canvas.setFillColorRGB(0.45, 0.45, 0.45)
                canvas.setFont(self.fonts.body, size)
                canvas.drawString(bx + (side - w) / 2, by + side / 2 - size / 3, self.thumb)
                canvas.setFillColorRGB(0, 0, 0)

    def missing(self):
        return [ch for p in self.paras for ch in p.missing()]


class CutLine(Block):
    def __init__(self, fonts: FontSet, text: str):
        self.fonts = fonts
        self.text = text
        self.size = 9.0

    def measure(self, width):
        return 10 * MM

    def draw(self, canvas, x, top, width):
        y = top - 5 * MM
        w = self.fonts.width(self.text, self.size)
        canvas.saveState()
        canvas.setDash(4, 3)
        canvas.setLineWidth(0.6)
        canvas.setStrokeColorRGB(0.3, 0.3, 0.3)
        canvas.line(x, y, x + (width - w) / 2 - 4, y)
        canvas.line(x + (width + w) / 2 + 4, y, x + width, y)
        canvas.restoreState()
        canvas.setFillColorRGB(0.3, 0.3, 0.3)
        canvas.setFont(self.fonts.body, self.size)
        canvas.drawString(x + (width - w) / 2, y - self.size / 3, self.text)
        canvas.setFillColorRGB(0, 0, 0)


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
        when = spec.get("when")
        if not when or self.values.blank:
            return True
        return matches(when, self.values.data, self.values.status)

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
        raise ValueError(f"表格 {self.form.id} 中有未知的版块类型 {kind!r}")

    def number_line(self, spec: Mapping[str, Any]) -> list[Inline]:
        v = self.values
        template = spec.get("format") or self.common.get("number_format") or \
            "编号：（{county}）{char}〔{year}〕第{serial}号"
        number = self.form.spec.get("number") or {}
        county = v.plain("{county}") or "　　"
        county = county[:-1] if county.endswith("县") and len(county) > 2 and number.get("short_county", True) else county
        year = v.plain("{number_year}") if not v.blank else ""
        serial_template = number.get("serial") or ""
        serial = v.plain(serial_template) if serial_template and not v.blank else ""
        text = (template.replace("{county}", county).replace("{char}", number.get("char") or spec.get("char", ""))
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
        for row_spec in spec.get("rows", []):
            if not self._shown(row_spec):
                continue
            min_height = float(row_spec.get("min_mm", st["row_mm"])) * MM
            if "section" in row_spec:
                text = self._text(row_spec["section"])
                cell = Cell(self.fonts, "section", [CellPara(self.values.expand(text, in_cell=True, role="title"),
                                                             "center")], [], len(columns), size, leading, "middle",
                            pad, 0.0, shade=True, role="title")
                rows.append(Row([cell], min_height * 0.85))
                continue
            cells = [self.cell(c, size, leading, pad, border) for c in row_spec.get("cells", [])]
            spans = sum(c.span for c in cells)
            if spans != len(columns):
                raise ValueError(f"表格 {self.form.id}：一行的单元格共占 {spans} 列，应为 {len(columns)} 列")
            rows.append(Row(cells, min_height))
        return Table(rows, columns, 1.2 if border == "grid" else 0.0)

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

    def signature(self, spec: Mapping[str, Any]) -> Signature:
        st = self.style
        lines = [self.values.expand(self._text(t)) for t in spec.get("lines", ["{center_name}", "{print_date|date}"])]
        seal = None
        owner = spec.get("seal", self.form.seal_owner) if spec.get("seal", True) else None
        ctx = self.context
        if owner and ctx.seal:
            radius = SEAL_DIAMETER_MM * MM / 2
            if owner == "station":
                image, text = ctx.seal_image, ctx.settings.station_name
                seal = (lambda c, x, y: draw_seal(c, self.fonts, x, y, radius, text, image))
            elif owner == "center" and ctx.center_seal_image is not None:
                image = ctx.center_seal_image
                seal = (lambda c, x, y: draw_seal(c, self.fonts, x, y, radius, ctx.center, image))
        thumb = spec.get("thumb")
        return Signature(self.fonts, lines, float(spec.get("size", st["body_pt"])), seal,
                         float(spec.get("space_before_mm", 6)) * MM, str(thumb) if thumb is not None else None,
                         spec.get("align", "center"))


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
