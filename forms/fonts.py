"""Fonts for the forms: the shipped TrueType pair, a configured system font, fallbacks, and marking.

reportlab embeds TrueType (glyf) fonts as subsets, never CFF/OpenType-PS
outlines, so the shipped fonts are TrueType (resources/fonts/README.md):

- body: AR PL UMing CN (Ming/Song style, Arphic Public License), 24 000 characters;
- title: WenQuanYi Zen Hei reduced to GB 2312 (Hei style, GPL with the font embedding exception).

A station may configure a system font instead (e.g. C:\\Windows\\Fonts\\simsun.ttc), and
fallback fonts for characters the body font lacks. Fallbacks are opened only when a
character needs one. A few system fonts known to cover the rare CJK extensions
(SimSun-ExtB on Windows, HanaMin on Linux) are tried after the configured ones.

Scripts whose letters join or stack (Arabic script as used for Uyghur, Tibetan) are shaped
with HarfBuzz (uharfbuzz, which reportlab uses when it is installed) in shipped fonts
(Noto Naskh Arabic, Noto Serif Tibetan, SIL Open Font License). Each shaped glyph maps back
to the letters it was made from in the PDF's ToUnicode table (reportlab would map a joined
form to a private code, and a character beyond U+FFFF such as 𠮷 to a broken code), so a
reader copies and searches a name as it was written.
A character no font has, or one of a script with no shaping font here (Mongolian, ...),
prints as □ and is counted, so the page can say what a clerk must complete by hand.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase import ttfonts as _ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desktop.paths import resource_path

log = logging.getLogger(__name__)
MISSING_MARK = "□"

BODY_FILE = "uming-cn.ttf"
TITLE_FILE = "wqy-zenhei-gb2312.ttf"
# Shipped fonts for scripts that must be shaped (resources/fonts/README.md), by the script's label below.
SCRIPT_FILES: dict[str, str] = {
    "维吾尔文等阿拉伯字母文字": "NotoNaskhArabic-Regular.ttf",
    "阿拉伯字母文字": "NotoNaskhArabic-Regular.ttf",
    "藏文": "NotoSerifTibetan-Regular.ttf",
}

# Fonts with the CJK extension blocks (生僻字 such as 𠮷), tried after the configured fallbacks.
SYSTEM_RARE_FONTS: tuple[tuple[str, int], ...] = (
    (r"C:\Windows\Fonts\simsunb.ttf", 0),  # SimSun-ExtB
    (r"C:\Windows\Fonts\mingliub.ttc", 0),  # MingLiU-ExtB
    ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    ("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf", 0),
)
# Latin, Greek and Cyrillic letters the CJK fonts lack (names of foreign applicants).
SYSTEM_LATIN_FONTS: tuple[tuple[str, int], ...] = (
    (r"C:\Windows\Fonts\arial.ttf", 0),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0),
)

# Scripts whose letters change shape or stack with their neighbours: without shaping
# (reportlab has none by default) they would print wrong, so they are marked instead.
_SHAPED_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "希伯来文"),
    (0x0600, 0x06FF, "维吾尔文等阿拉伯字母文字"),
    (0x0700, 0x08FF, "阿拉伯字母文字"),
    (0x0900, 0x0DFF, "南亚文字"),
    (0x0E00, 0x0EFF, "泰文、老挝文"),
    (0x0F00, 0x0FFF, "藏文"),
    (0x1000, 0x109F, "缅甸文"),
    (0x1780, 0x17FF, "高棉文"),
    (0x1800, 0x18AF, "蒙古文"),
    (0xA840, 0xA87F, "八思巴文"),
    (0xFB1D, 0xFB4F, "希伯来文"),
    (0xFB50, 0xFDFF, "维吾尔文等阿拉伯字母文字"),
    (0xFE70, 0xFEFF, "维吾尔文等阿拉伯字母文字"),
)

# Characters that are not drawn at all (format controls); newlines are handled by the caller.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad")


@dataclass(frozen=True)
class FontFile:
    """A TrueType font file (.ttf, or one face of a .ttc)."""

    path: Path
    subfont_index: int = 0

    @classmethod
    def of(cls, value: "FontFile | str | Path | tuple") -> "FontFile":
        if isinstance(value, FontFile):
            return value
        if isinstance(value, tuple):
            return cls(Path(value[0]), int(value[1]))
        return cls(Path(value))


def shipped_body() -> FontFile:
    return FontFile(resource_path("fonts", BODY_FILE))


def shipped_title() -> FontFile:
    return FontFile(resource_path("fonts", TITLE_FILE))


class FontError(Exception):
    """A configured font cannot be used (missing file, not TrueType, CFF outlines)."""


_lock = threading.Lock()
_registered: dict[tuple[FontFile, bool], str] = {}
# (font's PostScript name, character reportlab stands a shaped glyph in for) -> the letters it shows
_GLYPH_TEXT: dict[tuple[str, int], str] = {}


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap, with UTF-16 surrogate pairs for characters beyond U+FFFF and the
    source letters of shaped glyphs (see _GLYPH_TEXT)."""
    face = fontname.split("+", 1)[-1]
    entries = [f"<{i:02X}> <{_utf16_hex(_GLYPH_TEXT.get((face, code)) or chr(code))}>" for i, code in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar", *entries, "endbfchar", "endcmap",
        "CMapName currentdict /CMap defineresource pop", "end", "end"])


_ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # reportlab looks the function up in its module at save time


def shaping_available() -> bool:
    """True when reportlab can shape text (the uharfbuzz module is installed)."""
    from reportlab.pdfbase import ttfonts

    return getattr(ttfonts, "uharfbuzz", None) is not None


def register(font: FontFile, shapable: bool = False) -> str:
    """Register `font` with reportlab once per process (shaped with HarfBuzz when `shapable`); its name.

    Raises FontError with a plain Chinese explanation when the file cannot be used.
    """
    with _lock:
        name = _registered.get((font, shapable))
        if name is not None:
            return name
        path = Path(font.path)
        if not path.is_file():
            raise FontError(f"找不到字体文件：{path}")
        digest = hashlib.sha1(f"{path.resolve()}#{font.subfont_index}#{shapable}".encode("utf-8")).hexdigest()[:10]
        name = f"LA{digest}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=font.subfont_index, shapable=shapable))
        except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as exc:
            log.warning("font %s cannot be registered: %r", path.name, exc)  # (reportlab's words are English)
            raise FontError(f"字体文件 {path.name} 无法使用（需要 TrueType 字体；OpenType-CFF 字体不能嵌入）。") from exc
        _registered[(font, shapable)] = name
        return name


def shaped_script(ch: str) -> str | None:
    """The Chinese name of the script when `ch` belongs to one that needs shaping."""
    code = ord(ch)
    for low, high, label in _SHAPED_RANGES:
        if low <= code <= high:
            return label
    return None


def missing_label(ch: str) -> str:
    """How a page names a character it could not print."""
    script = shaped_script(ch)
    if script:
        return script
    code = ord(ch)
    if 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3FFFF or 0xF900 <= code <= 0xFAFF:
        return "生僻字"
    return "特殊字符"


class FontSet:
    """The fonts of one rendering: body, title and fallbacks, with per-character coverage.

    `runs(text, role)` splits text into (font name, text) pieces; a piece with font
    None is a character no font can print (drawn as □ with the body font).
    """

    def __init__(self, body: FontFile, title: FontFile | None = None,
                 fallbacks: Sequence[FontFile] = (), system_fallbacks: bool = True):
        self.body_file = body
        self.title_file = title or body
        self.body = register(body)
        try:
            self.title = register(self.title_file)
        except FontError:
            self.title = self.body
        self._fallback_files = list(fallbacks)
        if system_fallbacks:
            for path, index in SYSTEM_RARE_FONTS + SYSTEM_LATIN_FONTS:
                candidate = FontFile(Path(path), index)
                if candidate not in self._fallback_files and os.path.isfile(path):
                    self._fallback_files.append(candidate)
        self._fallbacks: list[str] | None = None  # opened on first need
        self._scripts: dict[str, str | None] = {}  # script label -> its shaping font's name, opened on need
        self.shaping: set[str] = set()  # names of the fonts whose text is shaped
        self._shaped: dict[tuple[str, str, float], tuple[str, float]] = {}
        self._faces: dict[str, object] = {}
        self._choice: dict[tuple[str, str], str | None] = {}
        self._widths: dict[str, dict[str, float]] = {}

    # -- coverage ------------------------------------------------------------------------------

    def _face(self, name: str):
        face = self._faces.get(name)
        if face is None:
            face = pdfmetrics.getFont(name).face
            self._faces[name] = face
        return face

    def has(self, name: str, ch: str) -> bool:
        return ord(ch) in self._face(name).charToGlyph

    def _open_fallbacks(self) -> list[str]:
        if self._fallbacks is None:
            names = []
            for font in self._fallback_files:
                try:
                    names.append(register(font))
                except FontError:
                    continue  # a configured fallback that is gone: the character gets marked
            self._fallbacks = names
        return self._fallbacks

    def font_for(self, ch: str, role: str = "body") -> str | None:
        """The font that prints `ch` for this role (title or body), or None."""
        key = (role, ch)
        if key in self._choice:
            return self._choice[key]
        found: str | None = None
        script = shaped_script(ch)
        if script is not None:
            name = self._script_font(script)
            if name is not None and self.has(name, ch):
                found = name
        else:
            order = [self.title, self.body] if role == "title" else [self.body]
            for name in order:
                if self.has(name, ch):
                    found = name
                    break
            else:
                if unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn"):
                    for name in self._open_fallbacks():
                        if self.has(name, ch):
                            found = name
                            break
        self._choice[key] = found
        return found

    def _script_font(self, script: str) -> str | None:
        """The shipped shaping font of a script, registered on first need (None: none, or no HarfBuzz)."""
        if script not in self._scripts:
            name = None
            file = SCRIPT_FILES.get(script)
            if file and shaping_available():
                path = resource_path("fonts", file)
                try:
                    name = register(FontFile(Path(path)), shapable=True) if os.path.isfile(path) else None
                except FontError:
                    name = None
            if name is not None:
                self.shaping.add(name)
            self._scripts[script] = name
        return self._scripts[script]

    def shape(self, font: str, text: str, size: float) -> tuple[str, float]:
        """`text` shaped by HarfBuzz in `font` (glyphs in drawing order, right to left scripts reversed),
        and its width in points."""
        key = (font, text, size)
        found = self._shaped.get(key)
        if found is None:
            from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

            shaped = shapeStr(text, font, size, force=True)
            if isinstance(shaped, ShapedStr):
                width = sum(d.x_advance for d in shaped.__shapeData__) * size / 1000.0
                self._remember_letters(font, text, shaped)
            else:
                width = pdfmetrics.stringWidth(text, font, size)
            found = self._shaped[key] = (shaped, width)
        return found

    @staticmethod
    def right_to_left(text: str) -> bool:
        """True for a run of a right-to-left script (Arabic letters, as Uyghur is written)."""
        return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)

    @staticmethod
    def _remember_letters(font: str, text: str, shaped) -> None:
        """For each glyph of a shaped run, the letters of `text` it stands for (its HarfBuzz cluster)."""
        face = pdfmetrics.getFont(font).face.name
        face = face.decode("latin-1") if isinstance(face, bytes) else str(face)
        starts = sorted({d.cluster for d in shaped.__shapeData__ if d.cluster >= 0})
        ends = {start: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, start in enumerate(starts)}
        taken: set[int] = set()
        for glyph, data in zip(shaped, shaped.__shapeData__):
            if data.cluster in taken or data.cluster not in ends:
                continue  # a second glyph of one cluster (a mark drawn apart) adds no letters of its own
            taken.add(data.cluster)
            letters = text[data.cluster:ends[data.cluster]]
            if letters != glyph and letters.strip():
                with _lock:
                    _GLYPH_TEXT.setdefault((face, ord(glyph)), letters)

    def runs(self, text: str, role: str = "body") -> list[tuple[str | None, str]]:
        """`text` cut into pieces of one font each; (None, ch) for a character no font prints."""
        pieces: list[tuple[str | None, str]] = []
        for ch in text:
            if ch in _INVISIBLE:
                continue
            if ch == "\t":
                ch = " "
            font = self.font_for(ch, role)
            if font is None:
                pieces.append((None, ch))
            elif pieces and pieces[-1][0] == font:
                pieces[-1] = (font, pieces[-1][1] + ch)
            elif (font in self.shaping and len(pieces) > 1 and pieces[-2][0] == font
                  and not pieces[-1][1].strip()):  # words of one shaped script and the spaces between: one run
                spaces = pieces.pop()[1]
                pieces[-1] = (font, pieces[-1][1] + spaces + ch)
            else:
                pieces.append((font, ch))
        return pieces

    def char_width(self, font: str | None, ch: str, size: float) -> float:
        if font is None:
            font, ch = self.body, MISSING_MARK
        table = self._widths.setdefault(font, {})
        width = table.get(ch)
        if width is None:
            width = pdfmetrics.stringWidth(ch, font, 1000) / 1000.0
            table[ch] = width
        return width * size

    def width(self, text: str, size: float, role: str = "body") -> float:
        return sum(self.piece_width(font, piece, size) for font, piece in self.runs(text, role))

    def piece_width(self, font: str | None, piece: str, size: float) -> float:
        """The width of a run of one font (shaped as a whole when its script needs it)."""
        if font in self.shaping:
            return self.shape(font, piece, size)[1]
        return sum(self.char_width(font, ch, size) for ch in piece)

    def missing(self, text: str, role: str = "body") -> list[str]:
        """The characters of `text` that print as □."""
        return [piece for font, piece in self.runs(text, role) if font is None]


_default_sets: dict[tuple, FontSet] = {}


def font_set(body: FontFile | None = None, title: FontFile | None = None,
             fallbacks: Iterable[FontFile] = (), system_fallbacks: bool = True) -> FontSet:
    """A cached FontSet (registration and width tables are kept per process)."""
    body = body or shipped_body()
    title = title or shipped_title()
    key = (body, title, tuple(fallbacks), system_fallbacks)
    with _lock:
        found = _default_sets.get(key)
    if found is None:
        found = FontSet(body, title, list(fallbacks), system_fallbacks)
        with _lock:
            _default_sets[key] = found
    return found
