"""Inline text: spans, blanks and ID boxes, broken into lines that fit a width, and drawn.

Chinese breaks between any two characters, except that closing punctuation never
starts a line and opening punctuation never ends one (避头尾); Latin words and
numbers stay whole unless a single one is wider than the line. Every character is
measured with the font that will print it (fonts.FontSet), so a line never runs
past its cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .fonts import MISSING_MARK, FontSet, shaped_script

NO_START = frozenset("，。、；：？！）》」』〕】〉…—’”%‰·,.;:?!)]}》")
NO_END = frozenset("（《「『〔【〈‘“([{")
BOX_CHARS = frozenset("☐☑□")


# --------------------------------------------------------------------------- inline items

@dataclass(frozen=True)
class Span:
    """Text in one style. `min_em`: an underlined value is padded to at least this many ems."""

    text: str
    role: str = "body"  # "body" (Ming/Song) or "title" (Hei)
    underline: bool = False
    min_em: float = 0.0
    nobreak: bool = False  # keep together (a check box and its label)
    size: float | None = None  # None: the paragraph's size


@dataclass(frozen=True)
class Boxes:
    """A row of boxes with one character each: the 18-digit ID number."""

    chars: str
    count: int = 18


@dataclass(frozen=True)
class Break:
    """A hard line break (a newline in a value or a template)."""


Inline = Span | Boxes | Break


# --------------------------------------------------------------------------- tokens and lines

@dataclass
class Piece:
    font: str | None  # None: no font has it; drawn as □
    text: str
    width: float
    size: float


@dataclass
class Token:
    kind: str  # "text" | "space" | "boxes" | "pad"
    pieces: list[Piece] = field(default_factory=list)
    width: float = 0.0
    underline: bool = False
    no_start: bool = False
    no_end: bool = False
    boxes: Boxes | None = None
    box_width: float = 0.0
    size: float = 12.0


@dataclass
class Line:
    tokens: list[Token]
    width: float
    hard_end: bool  # ended by a Break or the end of the paragraph (not justified)
    size: float
    missing: list[str] = field(default_factory=list)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF
            or 0x20000 <= code <= 0x3FFFF or 0x3000 <= code <= 0x303F or ch in BOX_CHARS or ch in "…—")


def _split_words(text: str) -> list[str]:
    """Breakable units: each CJK character, each run of other non-space characters, each space.

    Words of a script that is shaped (Uyghur, Tibetan) stay one unit with the spaces between them: a
    right-to-left name is shaped, and so ordered, as a whole."""
    units: list[str] = []
    word = ""
    for i, ch in enumerate(text):
        if ch == " " and word and shaped_script(word[-1]) and i + 1 < len(text) and shaped_script(text[i + 1]):
            word += ch
            continue
        if ch == " ":
            if word:
                units.append(word)
                word = ""
            units.append(" ")
        elif _is_cjk(ch) or ord(ch) > 0xFFFF:
            if word:
                units.append(word)
                word = ""
            units.append(ch)
        else:
            word += ch
            if ch in "-/" and len(word) > 1:  # a long number or code may break after its hyphen
                units.append(word)
                word = ""
    if word:
        units.append(word)
    return units


def _text_token(fonts: FontSet, text: str, size: float, role: str, underline: bool) -> Token:
    pieces = []
    width = 0.0
    for font, piece in fonts.runs(text, role):
        w = fonts.piece_width(font, piece, size)
        pieces.append(Piece(font, piece, w, size))  # font None: drawn as □, one per character
        width += w
    token = Token("text", pieces, width, underline, size=size)
    if text:
        token.no_start = text[0] in NO_START
        token.no_end = text[-1] in NO_END
    return token


def tokenize(items: Sequence[Inline], fonts: FontSet, size: float) -> list[Token | Break]:
    out: list[Token | Break] = []
    for item in items:
        if isinstance(item, Break):
            out.append(item)
            continue
        if isinstance(item, Boxes):
            box_w = size * 1.05
            out.append(Token("boxes", [], box_w * item.count, boxes=item, box_width=box_w, size=size))
            continue
        s = item.size or size
        used = 0.0
        if item.nobreak and item.text:
            token = _text_token(fonts, item.text, s, item.role, item.underline)
            out.append(token)
            used = token.width
        else:
            for unit in _split_words(item.text):
                if unit == " ":
                    token = Token("space", [Piece(fonts.body, " ", fonts.char_width(fonts.body, " ", s), s)],
                                  fonts.char_width(fonts.body, " ", s), item.underline, size=s)
                else:
                    token = _text_token(fonts, unit, s, item.role, item.underline)
                out.append(token)
                used += token.width
        if item.underline and item.min_em and used < item.min_em * s:
            out.append(Token("pad", [], item.min_em * s - used, True, size=s))
    return out


def _break_long(token: Token, fonts: FontSet, width: float) -> list[Token]:
    """A word wider than the line, cut between characters."""
    parts: list[Token] = []
    current = Token("text", [], 0.0, token.underline, size=token.size)
    for piece in token.pieces:
        for ch in piece.text:
            w = fonts.char_width(piece.font, ch, piece.size) if piece.font else fonts.char_width(None, ch, piece.size)
            if current.width + w > width and current.pieces:
                parts.append(current)
                current = Token("text", [], 0.0, token.underline, size=token.size)
            if current.pieces and current.pieces[-1].font == piece.font:
                last = current.pieces[-1]
                current.pieces[-1] = Piece(last.font, last.text + ch, last.width + w, last.size)
            else:
                current.pieces.append(Piece(piece.font, ch, w, piece.size))
            current.width += w
    if current.pieces:
        parts.append(current)
    return parts


def break_lines(items: Sequence[Inline], fonts: FontSet, width: float, size: float,
                first_indent: float = 0.0) -> list[Line]:
    """Lines of at most `width` points (the first `first_indent` narrower)."""
    width = max(width, size)  # a cell narrower than one character still takes one per line
    lines: list[Line] = []
    current: list[Token] = []
    used = first_indent

    def limit() -> float:
        return width - (first_indent if not lines else 0.0)

    def finish(hard: bool) -> None:
        nonlocal current, used
        while current and current[-1].kind == "space" and not current[-1].underline:
            current.pop()
        line_width = sum(t.width for t in current)
        lines.append(Line(current, line_width, hard, size))
        current = []
        used = 0.0

    tokens = tokenize(items, fonts, size)
    queue: list[Token | Break] = list(reversed(tokens))
    while queue:
        token = queue.pop()
        if isinstance(token, Break):
            finish(True)
            continue
        if token.kind == "space" and not current and not token.underline:
            continue  # no space at a line's start
        available = limit() - sum(t.width for t in current)
        if token.width <= available + 0.01:
            current.append(token)
            continue
        if token.kind == "pad":  # a blank to write in keeps its width: it goes on to the next line whole
            if not current or token.width > limit():
                current.append(Token("pad", [], min(token.width, limit() - sum(t.width for t in current)), True,
                                     size=token.size))
                continue
            carried_open = current.pop() if current[-1].no_end and len(current) > 1 else None
            finish(False)
            if carried_open is not None:
                current.append(carried_open)
            queue.append(token)
            continue
        if token.kind == "boxes" and not current and token.width > limit():
            scale = limit() / token.width
            token.width *= scale
            token.box_width *= scale
            current.append(token)
            continue
        if token.kind == "text" and token.width > limit() and token.pieces:
            parts = _break_long(token, fonts, limit())
            if len(parts) > 1:
                queue.extend(reversed(parts))
                continue
            if current:  # one character wider than the line: alone on a line of its own
                finish(False)
            current.append(token)
            continue
        # the token goes to the next line; keep closing punctuation with the character before it
        if token.no_start and len(current) > 1:
            carried = current.pop()
            finish(False)
            current.append(carried)
            queue.append(token)
            continue
        carried_open = None
        if current and current[-1].no_end and len(current) > 1:
            carried_open = current.pop()
        finish(False)
        if carried_open is not None:
            current.append(carried_open)
        if token.kind != "space":
            queue.append(token)
    if current or not lines:
        finish(True)
    else:
        lines[-1].hard_end = True
    return lines


# --------------------------------------------------------------------------- drawing

def draw_line(canvas, fonts: FontSet, line: Line, x: float, baseline: float, width: float,
              align: str = "left", color=(0, 0, 0)) -> None:
    """Draw one line inside [x, x + width] (align: left, center, right, justify).

    One text object per line, one font switch per run; justified lines spread the
    extra space as character spacing (the space after the last character is not ink).
    """
    extra = max(0.0, width - line.width)
    char_space = 0.0
    if align == "center":
        x += extra / 2
    elif align == "right":
        x += extra
    elif align == "justify" and not line.hard_end and extra < width * 0.25:
        chars = sum(len(p.text) for t in line.tokens for p in t.pieces if t.kind in ("text", "space"))
        shaped = any(p.font in fonts.shaping for t in line.tokens for p in t.pieces)  # spacing would break joins
        if chars > 1 and not shaped and not any(t.kind in ("boxes", "pad") for t in line.tokens):
            char_space = extra / (chars - 1)
    canvas.setFillColorRGB(*color)
    text = canvas.beginText(x, baseline)
    if char_space:
        text.setCharSpace(char_space)
    current_font: tuple[str, float] | None = None
    cursor = x
    expected = x  # where reportlab's own cursor stands after the last textOut
    underlines: list[tuple[float, float, float]] = []
    boxes: list[tuple[Token, float]] = []
    last_piece = None
    if char_space:
        last_piece = next((p for t in reversed(line.tokens) if t.kind in ("text", "space") for p in reversed(t.pieces)
                           if p.text), None)
    for token in line.tokens:
        start = cursor
        if token.kind == "boxes":
            boxes.append((token, cursor))
        elif token.kind in ("text", "space"):
            for piece in token.pieces:
                shown = MISSING_MARK * len(piece.text) if piece.font is None else piece.text
                font = (piece.font or fonts.body, piece.size)
                if abs(expected - cursor) > 0.01:
                    text.setTextOrigin(cursor, baseline)
                    expected = cursor
                if font != current_font:
                    text.setFont(*font)
                    current_font = font
                if piece.font in fonts.shaping and fonts.right_to_left(piece.text):
                    # right to left: each glyph maps back to its letters (fonts.py), and a reader puts the
                    # glyphs, drawn left to right, back in the order they were written
                    text.textOut(fonts.shape(piece.font, piece.text, piece.size)[0])
                elif piece.font in fonts.shaping:
                    # stacked left-to-right scripts (Tibetan): marks sit raised, on no line of their own,
                    # so the run carries its text whole for copy and search
                    text._code.append(f"/Span <</ActualText <FEFF{piece.text.encode('utf-16-be').hex().upper()}>>> BDC")
                    text.textOut(fonts.shape(piece.font, piece.text, piece.size)[0])
                    text._code.append("EMC")
                elif piece is last_piece:  # no spacing after the line's last character: it ends at the margin
                    text.textOut(shown[:-1])
                    text.setCharSpace(0)
                    text.textOut(shown[-1])
                else:
                    text.textOut(shown)
                advance = piece.width + char_space * (len(shown) - (piece is last_piece))
                cursor += advance
                expected += advance
        if token.kind not in ("text", "space"):
            cursor += token.width
        if token.underline:
            trailing = char_space if token.kind == "text" and last_piece not in token.pieces else 0.0
            underlines.append((start, cursor - trailing, token.size))
    if char_space:
        text.setCharSpace(0)  # Tc belongs to the graphics state: never let it leak into later text (the header)
    canvas.drawText(text)
    for token, bx in boxes:
        _draw_boxes(canvas, fonts, token, bx, baseline)
    if underlines:
        canvas.setLineWidth(0.6)
        canvas.setStrokeColorRGB(*color)
        for start, end, size in underlines:
            y = baseline - size * 0.18
            canvas.line(start, y, end, y)


def _draw_boxes(canvas, fonts: FontSet, token: Token, x: float, baseline: float) -> None:
    boxes = token.boxes
    w = token.box_width
    h = token.size * 1.25
    bottom = baseline - token.size * 0.3
    canvas.setLineWidth(0.6)
    canvas.setStrokeColorRGB(0, 0, 0)
    for i in range(boxes.count):
        canvas.rect(x + i * w, bottom, w, h, stroke=1, fill=0)
        if i < len(boxes.chars):
            ch = boxes.chars[i]
            font = fonts.font_for(ch) or fonts.body
            size = min(token.size, w * 0.95)
            cw = fonts.char_width(font, ch, size)
            canvas.setFont(font, size)
            canvas.drawString(x + i * w + (w - cw) / 2, baseline, ch)


def lines_missing(lines: Iterable[Line]) -> list[str]:
    """Characters drawn as □ in these lines (for the page's note)."""
    found: list[str] = []
    for line in lines:
        for token in line.tokens:
            for piece in token.pieces:
                if piece.font is None:
                    found.extend(piece.text)
    return found
