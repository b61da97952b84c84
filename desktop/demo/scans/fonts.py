"""The Chinese fonts the sample images are drawn with: found on the machine, else Pillow's default."""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from desktop.paths import resource_path

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "/System/Library/Fonts", "/Library/Fonts", os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"),
             os.path.join(os.environ.get("LOCALAPPDATA", "~"), "Microsoft", "Windows", "Fonts"),
             str(resource_path("fonts")))  # the fonts the printed forms ship with, when there are any
# file names (lower case) in order of preference, per style
FONT_FILES = {
    "sans": ("notosanscjk-regular.ttc", "notosanscjksc-regular.otf", "notosanssc-regular.otf",
             "sourcehansanssc-regular.otf", "msyh.ttc", "msyh.ttf", "simhei.ttf", "pingfang.ttc", "stheiti light.ttc",
             "hiragino sans gb.ttc", "wqy-microhei.ttc", "wqy-zenhei.ttc", "droidsansfallbackfull.ttf",
             "droidsansfallback.ttf", "wqy-zenhei-gb2312.ttf"),
    "serif": ("notoserifcjk-regular.ttc", "notoserifcjksc-regular.otf", "notoserifsc-regular.otf",
              "sourcehanserifsc-regular.otf", "simsun.ttc", "songti.ttc", "uming.ttc", "uming-cn.ttf"),
    "hand": ("simkai.ttf", "stkaiti.ttf", "kaiti.ttc", "ukai.ttc", "lxgwwenkai-regular.ttf"),
}
FONT_HINTS = ("cjk", "wqy", "droidsansfallback", "sourcehan", "ukai", "uming", "hei", "song", "kai", "ming", "msyh")


def _render(font: ImageFont.FreeTypeFont, text: str) -> bytes:
    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((4, 4), text, font=font, fill=255)
    return image.tobytes()


def _draws_chinese(font: ImageFont.FreeTypeFont) -> bool:
    """The font has a glyph for 国 (not just the empty box every font draws for what it lacks)."""
    try:
        drawn = _render(font, "国")
        return drawn != _render(font, "\U0010fffd") and drawn != _render(font, " ")
    except (OSError, ValueError):
        return False


def _simplified_index(path: str) -> int | None:
    """The face of a font file (a .ttc holds several) for simplified Chinese, or None when it draws none."""
    faces = []
    for index in range(16):
        try:
            font = ImageFont.truetype(path, 24, index=index)
        except (OSError, ValueError):
            break
        faces.append((index, " ".join(font.getname())))
    for index, _name in sorted(faces, key=lambda f: not re.search(r"\bSC\b|GB|Simplified|简", f[1])):
        if _draws_chinese(ImageFont.truetype(path, 24, index=index)):
            return index
    return None


@lru_cache(maxsize=1)
def _font_files() -> dict[str, str]:
    """Font files on this machine: lower-case file name -> path (the first found)."""
    found: dict[str, str] = {}
    for folder in FONT_DIRS:
        for root, _dirs, files in os.walk(os.path.expanduser(folder)):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name.lower(), os.path.join(root, name))
    return found


@cache
def find_cjk_font(style: str = "sans") -> tuple[str, int] | None:
    """(path, face index) of a font that draws simplified Chinese, in `style` (sans, serif, hand) if there is one.

    Known file names first (Noto CJK, WenQuanYi, Microsoft YaHei, SimHei, PingFang, ...),
    then any font file whose name suggests Chinese; None when the machine has none.
    """
    files = _font_files()
    for name in FONT_FILES.get(style, ()):
        if name in files and (index := _simplified_index(files[name])) is not None:
            return files[name], index
    if style != "sans":
        return find_cjk_font("sans")
    for name, path in sorted(files.items()):
        if any(hint in name for hint in FONT_HINTS) and (index := _simplified_index(path)) is not None:
            return path, index
    return None


class Fonts:
    """The fonts the images are drawn with: Chinese ones when found, else Pillow's default (English texts)."""

    def __init__(self, search: bool = True):
        self.files = {style: find_cjk_font(style) if search else None for style in FONT_FILES}
        self.cjk = self.files["sans"] is not None
        self._cache: dict[tuple[Any, int], Any] = {}

    def get(self, style: str, size: int):
        found = self.files.get(style)
        key = (found, size)  # styles that fell back to the same file share their fonts
        if key not in self._cache:
            self._cache[key] = ImageFont.truetype(found[0], size, index=found[1]) if found else ImageFont.load_default(size)
        return self._cache[key]
