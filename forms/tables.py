"""Tables on a form: cells (labels, values, text with a pinned foot, thumbprint boxes), rows and
the table itself. A table splits between rows; a tall row splits between the lines of its cells,
its labels repeated with "（续）" on the next page."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from .blocks import MM, Block, baseline
from .fonts import FontSet
from .text import Inline, Line, Span, break_lines, draw_line, lines_missing


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

    def split(self, available: float) -> tuple[Cell, Cell]:
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

    def continued_label(self) -> Cell:
        """The same label for the continuation of its row on the next page."""
        cell = copy.copy(self)
        if self.continued:  # already a continuation: one （续） is enough, however many pages follow
            cell.paras = list(self.paras)
        else:
            cell.paras = [CellPara(p.items + [Span("（续）")], p.align) for p in self.paras]
        cell.continued = True
        cell.foot = []
        cell.min_height = 0.0
        cell.measure(self.width)
        return cell

    def empty_copy(self) -> Cell:
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
                draw_line(canvas, fonts, line, inner_x, baseline(y, self.lh, self.size), inner_w, para.align)
                y -= self.lh
        if self.foot:
            y = top - height + self.pad + sum(len(p.lines) for p in self.foot) * self.lh
            for para in self.foot:
                for line in para.lines:
                    draw_line(canvas, fonts, line, inner_x, baseline(y, self.lh, self.size), inner_w, para.align)
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
    def __init__(self, cells: list[Cell], min_height: float, keep_with_previous: bool = False):
        self.cells = cells
        self.min_height = min_height
        self.height = 0.0
        # a signature row (a foot or a thumbprint box) never splits and never starts a page alone
        self.keep_with_previous = keep_with_previous

    def measure(self, widths: list[float]) -> float:
        col = 0
        tallest = self.min_height
        for cell in self.cells:
            width = sum(widths[col:col + cell.span])
            col += cell.span
            tallest = max(tallest, cell.measure(width))
        self.height = tallest
        return tallest

    def split(self, available: float) -> tuple[Row | None, Row]:
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
        head_row, tail_row = Row(heads, 0.0), Row(tails, 0.0, self.keep_with_previous)
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
            room = available - used
            head_row, tail_row = row.split(room) if room > 2 * row.cells[0].lh and not row.keep_with_previous \
                else (None, row)
            if head_row is None:  # the rows a signature row keeps with it go on with it (at least one)
                while 1 < i < len(self.rows) and self.rows[i].keep_with_previous:
                    i -= 1
                tail_row = self.rows[i]
            head_rows = self.rows[:i] + ([head_row] if head_row else [])
            tail_rows = [tail_row] + self.rows[i + 1:]
            if not head_rows:
                return None, self
            head, tail = self._part(head_rows), self._part(tail_rows)
            return head, tail
        return self, None

    def _part(self, rows: list[Row]) -> Table:
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
