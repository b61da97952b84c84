"""Rebuild the two shipped font files from Debian's packages (a maintainer's tool, not used at run time).

    apt-get install fonts-arphic-uming fonts-wqy-zenhei fonts-noto-core
    pip install fonttools
    python resources/fonts/build_fonts.py

- uming-cn.ttf: "AR PL UMing CN" (subfont 0 of uming.ttc, fonts-arphic-uming 0.2.20080216),
  every character kept; the embedded bitmaps, vertical metrics and glyph names dropped; name
  record 13 (the whole licence text, 13 KB, which every embedded subset would repeat) replaced
  by a pointer to ARPHICPL.TXT; two glyphs added: U+2610 ☐ (the font's own □) and U+2611 ☑
  (□ with a tick), so that check boxes are text (searchable, copyable) in the PDF.
- wqy-zenhei-gb2312.ttf: "WenQuanYi Zen Hei" (subfont 0 of wqy-zenhei.ttc, fonts-wqy-zenhei
  0.9.45) reduced to ASCII, Latin-1, punctuation, symbols and the GB 2312 characters: it sets
  titles and headings only; a character it lacks falls back to the body font.
- NotoNaskhArabic-Regular.ttf and NotoSerifTibetan-Regular.ttf: copied unmodified from
  fonts-noto-core (20201225), for Uyghur and Tibetan names (shaped with HarfBuzz at run time).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
NOTO = ("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf")

SYMBOLS = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), *range(0x2100, 0x2200),
           *range(0x2460, 0x2500), *range(0x25A0, 0x2700), *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0)]


def _options() -> subset.Options:
    options = subset.Options()
    options.drop_tables += ["EBDT", "EBLC", "EBSC", "BDF ", "FFTM", "VORG", "vhea", "vmtx"]
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    return options


def _subset(font: TTFont, unicodes) -> TTFont:
    subsetter = subset.Subsetter(_options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    return font


def _add_check_boxes(font: TTFont) -> None:
    """☐ = the font's □; ☑ = □ with a tick inside (drawn as one simple glyph)."""
    cmap = font.getBestCmap()
    glyf, hmtx = font["glyf"], font["hmtx"]
    box_name = cmap[0x25A1]
    box = glyf[box_name]
    advance, lsb = hmtx[box_name]
    for code, tick in ((0x2610, False), (0x2611, True)):
        pen = TTGlyphPen(glyf)
        box.draw(pen, glyf)
        if tick:  # inside the box's hole (92..919 x -34..811): a bold check mark
            pen.moveTo((215, 420))
            pen.lineTo((430, 150))
            pen.lineTo((820, 690))
            pen.lineTo((735, 750))
            pen.lineTo((425, 320))
            pen.lineTo((295, 495))
            pen.closePath()
        name = f"uni{code:04X}"
        glyf[name] = pen.glyph()
        glyf[name].recalcBounds(glyf)
        hmtx[name] = (advance, glyf[name].xMin)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = name
    font.setGlyphOrder(list(glyf.glyphOrder))  # glyf appended the new names
    font["maxp"].numGlyphs = len(glyf.glyphOrder)


def _short_licence_record(font: TTFont, text: str) -> None:
    name = font["name"]
    for record in list(name.names):
        if record.nameID == 13:
            name.removeNames(nameID=13, platformID=record.platformID, platEncID=record.platEncID,
                             langID=record.langID)
    name.setName(text, 13, 3, 1, 0x409)


def build(out_dir: Path = HERE) -> None:
    uming = TTCollection(UMING).fonts[0]
    _subset(uming, uming.getBestCmap().keys())
    _add_check_boxes(uming)
    _short_licence_record(uming, "Arphic Public License; full text in ARPHICPL.TXT beside this file.")
    uming.save(out_dir / "uming-cn.ttf")

    zenhei = TTCollection(ZENHEI).fonts[0]
    gb2312 = [ord(c) for c in (bytes([a, b]).decode("gb2312", "ignore")
                               for a in range(0xB0, 0xF8) for b in range(0xA1, 0xFF)) if c]
    _subset(zenhei, sorted(set(SYMBOLS + gb2312 + [ord(c) for c in "〔〕（）：；、，。·＿—…《》“”"])))
    zenhei.save(out_dir / "wqy-zenhei-gb2312.ttf")

    for path in NOTO:
        shutil.copyfile(path, out_dir / Path(path).name)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
