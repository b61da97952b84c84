"""Page geometry and the blocks that flow down a form's page: paragraphs, spacers, page breaks,
the issuer's signature with its seal, the cut line. Tables are in tables.py; layout.py puts
the blocks on pages.

Every block measures itself for a width before it is placed, and splits (between lines) when
it does not fit; nothing is drawn outside the width it was measured for.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4

from .fonts import FontSet
from .text import Inline, Line, Span, break_lines, draw_line, lines_missing

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
    keep_with_previous = False  # never alone at the top of a page: the end of the block before comes along

    def measure(self, width: float) -> float:
        raise NotImplementedError

    def split(self, available: float) -> tuple[Block | None, Block | None]:
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


def baseline(line_top: float, lh: float, size: float) -> float:
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
            draw_line(canvas, self.fonts, line, inner_x + indent, baseline(y - i * self.lh, self.lh, self.size),
                      inner_w - indent, self.align)

    def missing(self):
        return lines_missing(self.lines or [])


# --------------------------------------------------------------------------- signatures and seals

class Signature(Block):
    """The issuer's lines at the right (center or station name, date), the seal over them."""

    keep_with_previous = True  # a signature is never alone on a page: the text it signs comes with it

    def __init__(self, fonts: FontSet, lines: list[list[Inline]], size: float, seal: Callable | None,
                 space_before: float = 6 * MM, thumb: str | None = None, align: str = "center",
                 seal_radius: float = 0.0):
        self.fonts = fonts
        self.seal_radius = seal_radius  # the seal reaches this far below the lines' middle: room kept for it
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
        below = max(2 * MM, self.seal_radius - height / 2 + 2 * MM) if self.seal is not None else 2 * MM
        if self.thumb is not None:
            height = max(height, 20 * MM)
        return self.space_before + height + below

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
