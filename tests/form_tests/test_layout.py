"""Layout rules an archivist checks: blanks keep their width, signatures stay with what they sign, the seal
stays clear of the receipt's cut line, a continued label says （续） once."""

from __future__ import annotations

import re

from PIL import Image

from forms.blocks import MM, Frame, Paragraph, Signature
from forms.fonts import font_set
from forms.layout import flow
from forms.render import render_form
from forms.text import Span, break_lines

from .conftest import LONG_FACTS, civil_maximal, pages_png, pdftotext, requires_poppler


def test_an_underlined_blank_at_a_line_end_keeps_its_width():
    fonts = font_set()
    size = 14.0
    width = 20 * size
    lines = break_lines([Span("法" * 17), Span("", underline=True, min_em=6)], fonts, width, size)
    blank = [t for line in lines for t in line.tokens if t.kind == "pad"]
    assert len(blank) == 1 and abs(blank[0].width - 6 * size) < 0.01, [t.width for t in blank]
    assert len(lines) == 2  # it went on to the next line whole, instead of shrinking to 3 characters


def test_a_signature_never_starts_a_page_alone():
    fonts = font_set()
    frame = Frame(0, 400, 400, 0)
    size = 14.0
    para = Paragraph(fonts, [Span("这是决定书正文。" * 40)], size, 1.5)
    lines = len(break_lines(para.items, fonts, 400, size))
    signature = Signature(fonts, [[Span("青山县法律援助中心")], [Span("2026年3月6日")]], size, None)
    # the paragraph fills the first page exactly: the signature would be alone on the second
    frame = Frame(0, 400, lines * size * 1.5 + 0.5, 0)
    pages = flow([para, signature], frame)
    assert len(pages) == 2 and len(pages[1].ops) == 2  # the paragraph's last lines came along


@requires_poppler
def test_a_long_row_says_continued_once_per_page(save, context, tmp_path):
    record = save("application", civil_maximal(facts=LONG_FACTS[:4990]))
    text = pdftotext(render_form("application_civil", record, context), tmp_path)
    assert "（续）" in text and "（续）（续）" not in re.sub(r"\s+", "", text)


@requires_poppler
def test_the_receipts_seal_stays_clear_of_the_cut_line(save, context, tmp_path):
    from .test_render import _words

    pdf = render_form("receipt", save("application", civil_maximal()), context)
    cut = next(w for w in _words(pdf, tmp_path) if w[5].startswith("（沿此线剪开"))
    dpi = 50
    with Image.open(pages_png(pdf, tmp_path, dpi)[0]) as image:
        rgb = image.convert("RGB")
        w, h = rgb.size
        red_rows = [y for y in range(h) for x in range(0, w, 2)
                    if (lambda p: p[0] > 180 and p[1] < 120 and p[2] < 120)(rgb.getpixel((x, y)))]
    assert red_rows, "no seal on the receipt"
    lowest_red = max(red_rows) / dpi * 72  # points from the top
    assert lowest_red < cut[2] - 1 * MM, (lowest_red / MM, cut[2] / MM)
