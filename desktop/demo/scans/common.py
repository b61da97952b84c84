"""What every kind of sample scan shares: the texts (resources/demo/scans.json), the `Scan` record,
line wrapping, Chinese dates and amounts, and the noise and JPEG helpers the images are drawn with."""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PIL import Image

from desktop.paths import resource_path

SLOTS = ("id_copy", "hardship_proof", "commitment", "case_material")
PHOTO_SIZE = (810, 1080)
JPEG, PDF = "image/jpeg", "application/pdf"
NO_LINE_START = set("，。、；：？！）》」』”’…%,.;:?!)")  # never at the start of a line (避头)


def _load(name: str) -> dict[str, Any]:
    with open(resource_path("demo", f"{name}.json"), encoding="utf-8") as file:
        return json.load(file)


TEXTS = _load("scans")


@dataclass(frozen=True)
class Scan:
    slot: str
    file_name: str
    media_type: str
    data: bytes


def _wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines of at most `width`: Chinese breaks between any two characters, but an ID number or a
    word stays whole and punctuation never starts a line (避头)."""
    lines, line, used = [], "", 0.0
    for token in re.findall(r"[0-9A-Za-z.\-]+|.", text):
        w = sum(measure(ch) for ch in token)
        if line and used + w > width and token[0] not in NO_LINE_START:
            lines.append(line)
            line, used = "", 0.0
        line += token
        used += w
    return lines + [line] if line else lines


def _ascii(text: str) -> str:
    """Text Pillow's default font can draw: ASCII kept, anything else as its code point."""
    return "".join(ch if ord(ch) < 128 else f"[{ord(ch):04X}]" for ch in text)


def _cn_date(day: date) -> str:
    return TEXTS["date"].format(year=day.year, month=day.month, day=day.day)


def _upper_amount(amount: int) -> str:
    """12800 -> 壹万贰仟捌佰元整 (the capital numerals written on IOUs and cheques)."""
    digits, units, groups = TEXTS["upper_digits"], TEXTS["upper_units"], TEXTS["upper_groups"]
    if amount <= 0:
        return digits[0] + TEXTS["upper_suffix"]
    parts, higher = [], False
    for g in range((len(str(amount)) - 1) // 4, -1, -1):
        group = amount // 10 ** (4 * g) % 10000
        if group == 0:
            continue
        text, zero = "", higher and group < 1000
        for i in range(3, -1, -1):
            d = group // 10 ** i % 10
            if d == 0:
                zero = zero or bool(text)
            else:
                text += (digits[0] if zero else "") + digits[d] + units[i]
                zero = False
        parts.append(text + groups[g])
        higher = True
    return "".join(parts) + TEXTS["upper_suffix"]


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _noise(rng: random.Random, size: tuple[int, int], amplitude: int, grain: int = 1) -> Image.Image:
    """Grey noise 0..2*amplitude (add it with offset -amplitude); `grain` > 1 makes it coarser."""
    w, h = max(1, size[0] // grain), max(1, size[1] // grain)
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(lambda v: v * (2 * amplitude + 1) // 256)
    return noise if grain == 1 else noise.resize(size, Image.Resampling.BILINEAR)


# images made once and only read after (shared by the threads that draw scans)
_GRAIN: dict[tuple, list[Image.Image]] = {}
_TABLES: dict[int, Image.Image] = {}
_LIGHT: dict[int, Image.Image] = {}
_FLIPS = (None, Image.Transpose.FLIP_LEFT_RIGHT, Image.Transpose.FLIP_TOP_BOTTOM, Image.Transpose.ROTATE_180)


def _grain(rng: random.Random, size: tuple[int, int], amplitude: int, mode: str = "L", coarse: int = 1) -> Image.Image:
    """`_noise` from three cached tiles (fixed seeds), flipped at random: sensor grain, uneven toner."""
    key = (size, amplitude, mode, coarse)
    if key not in _GRAIN:
        tiles = [_noise(random.Random(f"grain:{key}:{k}"), size, amplitude, coarse) for k in range(3)]
        _GRAIN[key] = [Image.merge(mode, [t] * len(mode)) if mode != "L" else t for t in tiles]
    tile, flip = rng.choice(_GRAIN[key]), rng.choice(_FLIPS)
    return tile if flip is None else tile.transpose(flip)


def _smooth(rng: random.Random, size: tuple[int, int], cells: tuple[int, int]) -> Image.Image:
    """A smooth grey field 0..255 (a few random cells, blown up)."""
    small = Image.frombytes("L", cells, rng.randbytes(cells[0] * cells[1]))
    return small.resize(size, Image.Resampling.BICUBIC)


def _jpeg(image: Image.Image, quality: int, dpi: int, exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, dpi=(dpi, dpi), **({"exif": exif} if exif is not None else {}))
    return out.getvalue()
