"""Sample scans for the training data (desktop.demo): ID-card copies, hardship proofs, commitments, case photos.

Qt-free: Pillow draws the images, reportlab writes the PDFs, all in memory;
each scan comes back as bytes with the checklist slot and a file name such as a
scanner or a phone would give it. Made to look like what a station receives:

- ``id_copy``: an A4 photocopy (grayscale JPEG, 150 dpi) of both sides of a
  resident ID card, enlarged, slightly askew, with toner noise and the
  applicant's handwritten "for the legal aid application only" note;
- ``hardship_proof``: a village or community committee's 经济困难证明 (PDF);
- ``commitment``: the applicant's 个人诚信承诺书 (PDF), signed with a fingerprint;
- ``case_material``: a phone photo (JPEG with EXIF) of a handwritten note on a
  table, the paper rotated, lit unevenly, noisy: a wage IOU (欠条), a loan
  note (借条) or the applicant's own statement of the facts.

Every scan is marked 仅供培训 ("training only"): a watermark on each page and
image, and the seals read 培训样章, never an office's name alone. The texts are
in resources/demo/scans.json. The PDFs use reportlab's built-in CID font
STSong-Light (nothing embedded; viewers substitute a Song font). The images
use a Chinese font found on the machine; without one they are still drawn,
in English with Pillow's default font.

Sizes stay between about 50 and 300 KB (a 10,000-record demo station holds a
few hundred MB of scans). The bytes depend only on the `random.Random` passed
in and the fonts found: no clock, no OS randomness.
"""

from __future__ import annotations

import io
import json
import math
import os
import random
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

from desktop.paths import resource_path
from desktop.records.settings import StationSettings

SLOTS = ("id_copy", "hardship_proof", "commitment", "case_material")
PHOTO_SIZE = (810, 1080)
JPEG, PDF = "image/jpeg", "application/pdf"
_PDF_LOCK = threading.Lock()
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


# --------------------------------------------------------------------------- fonts

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
    for index, name in sorted(faces, key=lambda f: not re.search(r"\bSC\b|GB|Simplified|简", f[1])):
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


# --------------------------------------------------------------------------- helpers


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


# --------------------------------------------------------------------------- the maker


class ScanMaker:
    """Makes the scans for one station's applications (texts from the station's settings)."""

    def __init__(self, settings: StationSettings, fonts: Fonts | None = None):
        from desktop.records.reference import default_reference

        self.settings = settings
        self.county = settings.county_name or "county"
        self.fonts = fonts or Fonts()
        self.text = TEXTS if self.fonts.cjk else {**TEXTS, **TEXTS["ascii"]}
        self.reference = default_reference()
        self.regions = {c.code: c.zh for c in self.reference.choices("regions")}
        people = _load("people")
        self.surnames = list(people["surnames"])[:40]
        self.given = people["given"]["male"][1]
        places = _load("places")
        self.streets, self.home_region, self.area_code = places["streets"], places["home"]["region"], places["home"]["area_code"]
        self._textures: dict[int, bytes] = {}
        self._marks: dict[tuple, Image.Image] = {}
        self._glyphs: dict[tuple[int, str], tuple[Image.Image, float]] = {}

    # -- which scans ------------------------------------------------------------------------

    def scans_for(self, rng: random.Random, data: dict[str, Any], at: datetime) -> list[Scan]:
        """1-3 scans for the application `data` (as saved), in the checklist slots its materials list names."""
        listed = set(data.get("materials") or ())
        possible = [slot for slot in SLOTS if slot in listed and self._can_make(slot, data)]
        if not possible:
            return []
        chosen = sorted(rng.sample(possible, min(len(possible), rng.choice((1, 2, 2, 3)))), key=SLOTS.index)
        return [self.make(rng, slot, data, at) for slot in chosen]

    @staticmethod
    def _can_make(slot: str, data: dict[str, Any]) -> bool:
        if slot == "id_copy":
            return data.get("id_type") == "resident_id" and bool(data.get("id_number")) and bool(data.get("birth_date"))
        if slot in ("hardship_proof", "commitment"):
            return bool(data.get("household_size")) and bool(data.get("id_number"))
        if slot == "case_material":
            return data.get("case_type") != "criminal" or bool(data.get("agent_name"))
        return False

    def make(self, rng: random.Random, slot: str, data: dict[str, Any], at: datetime) -> Scan:
        """One scan for `slot` of the application `data`, captured at `at`."""
        maker = {"id_copy": self.id_copy, "hardship_proof": self.hardship_proof, "commitment": self.commitment,
                 "case_material": self.case_photo}[slot]
        content = maker(rng, data, at)
        return Scan(slot, self._file_name(rng, slot, data, at), PDF if content.startswith(b"%PDF") else JPEG, content)

    def _file_name(self, rng: random.Random, slot: str, data: dict[str, Any], at: datetime) -> str:
        shot = at - timedelta(days=rng.randint(0, 3) if slot == "case_material" else 0, seconds=rng.randint(0, 3000))
        return rng.choice(TEXTS["file_names"][slot]).format(
            name=data.get("name", ""), stamp=f"{shot:%Y%m%d%H%M%S}", date=f"{shot:%Y%m%d}" if slot == "case_material"
            else f"{shot:%Y-%m-%d}", time=f"{shot:%H%M%S}", hhmm=f"{shot:%H.%M}",
            millis=int(shot.timestamp() * 1000) + rng.randint(0, 999))

    # -- person details -----------------------------------------------------------------------

    def _ethnicity(self, code: str | None) -> str:
        if not self.fonts.cjk:
            return self.reference.label("ethnic_groups", code or "01", "en")
        label = self.reference.label("ethnic_groups", code or "01")
        suffix = TEXTS["ethnic_suffix"]
        return label[:-len(suffix)] if label.endswith(suffix) and len(label) > len(suffix) else label

    def _card_address(self, rng: random.Random, data: dict[str, Any]) -> str:
        address = data.get("address", "")
        if address.startswith(self.county) and not address.endswith(TEXTS["rented_suffix"]):
            return address
        return TEXTS["id_card_away"].format(hukou=data.get("hukou", ""), street=rng.choice(self.streets),
                                            number=rng.randint(1, 200))

    def _issuer(self, id_number: str) -> str:
        region = id_number[:6]
        if region == self.home_region:
            place = self.county
        else:
            place = self.regions.get(region[:4]) or self.regions.get(region[:2]) or self.county
        return self.text["id_card"]["issuer_value"].format(place=place if self.fonts.cjk else region)

    @staticmethod
    def _validity(rng: random.Random, birth: date, on: date) -> tuple[date, date | None]:
        """When the card was issued and until when it is valid (None: long-term), valid on `on`."""
        for _ in range(20):
            issued = on - timedelta(days=rng.randint(30, 365 * 15))
            age = _age(birth, issued)
            if age < 0:
                continue
            years = 5 if age < 16 else 10 if age < 26 else 20 if age < 46 else None
            until = _add_years(issued, years) if years else None
            if until is None or until > on:
                return issued, until
        return on - timedelta(days=30), _add_years(on - timedelta(days=30), 5)

    def _made_up_name(self, rng: random.Random) -> str:
        return rng.choice(self.surnames) + rng.choice(self.given)

    # -- the ID card copy -------------------------------------------------------------------------

    def id_copy(self, rng: random.Random, data: dict[str, Any], at: datetime) -> bytes:
        """Both sides of the resident ID card on an A4 photocopy: grayscale JPEG, 150 dpi."""
        t, paper = self.text["id_card"], 246 + rng.randint(0, 6)
        page = Image.new("L", (1240, 1754), paper)
        birth = date.fromisoformat(data["birth_date"])
        front, back = self._card_front(rng, data, birth, paper), self._card_back(rng, data, birth, at.date(), paper)
        x, y = 235 + rng.randint(-40, 40), 150 + rng.randint(-30, 40)
        for card in (front, back):
            page.paste(card.rotate(rng.uniform(-1.2, 1.2), Image.Resampling.BILINEAR, expand=True, fillcolor=paper),
                       (x + rng.randint(-12, 12), y))
            y += card.height + 90 + rng.randint(0, 40)
        note_font = self.fonts.get("hand", 44)
        note = Image.new("L", (1100, 200), 0)
        draw = ImageDraw.Draw(note)
        draw.text((10, 10), t["copy_note"], font=note_font, fill=255)
        signed = _cn_date(at.date()) if self.fonts.cjk else at.date().isoformat()
        signature = f"{self._drawable(data['name'])}  {signed}"
        draw.text((min(520, note.width - 20 - note_font.getlength(signature)), 100), signature, font=note_font, fill=255)
        note = note.rotate(rng.uniform(-3, 2), Image.Resampling.BILINEAR, expand=True)
        page.paste(40 + rng.randint(0, 30), (150 + rng.randint(-30, 60), y + 20), note)
        self._watermark(page, rng, fill=190, alpha=0.32)
        page = ImageChops.add(page, _grain(rng, page.size, 5, coarse=40), 1, -5)  # uneven toner
        page = ImageChops.add(page, _grain(rng, page.size, 6), 1, -6)
        draw = ImageDraw.Draw(page)
        for _ in range(rng.randint(150, 400)):  # specks on the glass
            px, py = rng.randrange(page.width), rng.randrange(page.height)
            draw.ellipse((px, py, px + rng.randint(1, 3), py + rng.randint(1, 3)), fill=rng.randint(60, 170))
        return _jpeg(page, 72, 150)

    def _card_canvas(self, rng: random.Random, paper: int) -> tuple[Image.Image, ImageDraw.ImageDraw, float]:
        """A blank card on the page's `paper` grey (its rounded corners show the paper), its pen, px per mm."""
        mm = 9.0  # the card copied at 150 % on a 150 dpi page
        card = Image.new("L", (round(85.6 * mm), round(54 * mm)), paper)
        draw = ImageDraw.Draw(card)
        draw.rounded_rectangle((0, 0, card.width - 1, card.height - 1), radius=round(3.2 * mm), fill=236,
                               outline=95, width=3)
        for k in range(14):  # the faint guilloche of the card's print, as a copier sees it
            phase, amp, period = rng.uniform(0, 6.3), rng.uniform(6, 22), rng.uniform(90, 220)
            base = card.height * (k + 0.5) / 14
            draw.line([(px, base + amp * math.sin(px / period * 6.28 + phase)) for px in range(12, card.width - 12, 8)],
                      fill=224, width=2)
        return card, draw, mm

    def _card_front(self, rng: random.Random, data: dict[str, Any], birth: date, paper: int) -> Image.Image:
        t, fonts = self.text["id_card"], self.fonts
        card, draw, mm = self._card_canvas(rng, paper)
        label, value, small = (fonts.get("sans", round(size * mm)) for size in (2.6, 3.3, 3.0))
        number_font = value
        rows = ((t["name"], 7.5, self._drawable(data["name"])),
                (t["gender"], 14.5, t["genders"].get(data.get("gender", ""), "")),
                (t["birth"], 21.5, t["birth_value"].format(year=birth.year, month=birth.month, day=birth.day)))
        for text, y, shown in rows:
            draw.text((6 * mm, y * mm), text, font=label, fill=105)
            draw.text((15 * mm, (y - 0.5) * mm), shown, font=value if text == t["name"] else small, fill=25)
        draw.text((27 * mm, 14.5 * mm), t["ethnicity"], font=label, fill=105)
        draw.text((35 * mm, 14 * mm), self._ethnicity(data.get("ethnicity")), font=small, fill=25)
        draw.text((6 * mm, 28.5 * mm), t["address"], font=label, fill=105)
        address = self._drawable(self._card_address(rng, data))
        for i, line in enumerate(_wrap(address, 36 * mm, small.getlength)[:4]):
            draw.text((15 * mm, (28 + 4.6 * i) * mm), line, font=small, fill=25)
        draw.text((6 * mm, 45.5 * mm), t["number"], font=label, fill=105)
        px = 24.5 * mm
        for ch in data["id_number"]:  # the number is printed letter-spaced
            draw.text((px, 44.6 * mm), ch, font=number_font, fill=20)
            px += number_font.getlength(ch) + 0.3 * mm
        card.paste(self._portrait(rng, data.get("gender"), round(24 * mm), round(30 * mm)), (round(56 * mm), round(7 * mm)))
        return card

    @staticmethod
    def _portrait(rng: random.Random, gender: str | None, w: int, h: int) -> Image.Image:
        """The card's photo as a copier renders it: a grey head and shoulders on a light ground."""
        photo = Image.new("L", (w, h), 222)
        draw = ImageDraw.Draw(photo)
        cx, skin, hair = w / 2 + rng.uniform(-w * 0.03, w * 0.03), rng.randint(150, 175), rng.randint(45, 80)
        draw.ellipse((cx - w * 0.48, h * 0.74, cx + w * 0.48, h * 1.5), fill=rng.randint(70, 120))  # shoulders
        draw.rectangle((cx - w * 0.1, h * 0.55, cx + w * 0.1, h * 0.8), fill=skin - 12)  # neck
        long_hair = gender == "female" and rng.random() < 0.8
        if long_hair:
            draw.rounded_rectangle((cx - w * 0.3, h * 0.12, cx + w * 0.3, h * 0.78), radius=w * 0.2, fill=hair)
        draw.ellipse((cx - w * 0.24, h * 0.16, cx + w * 0.24, h * 0.68), fill=skin)  # face
        draw.chord((cx - w * 0.26, h * 0.1, cx + w * 0.26, h * 0.5), 180, 360, fill=hair)  # hair
        return photo

    def _card_back(self, rng: random.Random, data: dict[str, Any], birth: date, on: date, paper: int) -> Image.Image:
        t, fonts = self.text["id_card"], self.fonts
        card, draw, mm = self._card_canvas(rng, paper)
        cx, cy, r = 14 * mm, 14 * mm, 8.5 * mm  # the emblem, as a ring with a star
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=70, width=4)
        star = [(cx + (r * 0.62 if i % 2 == 0 else r * 0.25) * math.sin(i * math.pi / 5),
                 cy - (r * 0.62 if i % 2 == 0 else r * 0.25) * math.cos(i * math.pi / 5)) for i in range(10)]
        draw.polygon(star, fill=80)
        wide = 1.0 if fonts.cjk else 0.3  # English words need less spacing and smaller letters
        self._spaced(draw, (28 * mm, 8 * mm), t["country"], fonts.get("sans", round(3.3 * mm * (wide + 2) / 3)),
                     1.2 * mm * wide, 40)
        self._spaced(draw, (26 * mm, 16 * mm), t["title"], fonts.get("sans", round(6.2 * mm * (wide + 1) / 2.2)),
                     2.2 * mm * wide, 25)
        label, value = fonts.get("sans", round(2.6 * mm)), fonts.get("sans", round(3.0 * mm))
        issued, until = self._validity(rng, birth, on)
        valid = f"{issued:%Y.%m.%d}-" + (f"{until:%Y.%m.%d}" if until else t["long_term"])
        for text, y, shown in ((t["issuer"], 39.5, self._issuer(data["id_number"])), (t["valid"], 46.5, valid)):
            draw.text((13 * mm, y * mm), text, font=label, fill=105)
            draw.text((27 * mm, (y - 0.4) * mm), shown, font=value, fill=25)
        return card

    @staticmethod
    def _spaced(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font, gap: float, fill) -> None:
        x, y = xy
        for ch in text:
            draw.text((x, y), ch, font=font, fill=fill)
            x += font.getlength(ch) + gap

    def _drawable(self, text: str) -> str:
        return text if self.fonts.cjk else _ascii(text)

    def _watermark(self, image: Image.Image, rng: random.Random, fill, alpha: float) -> None:
        """仅供培训 across the image, diagonally, three times."""
        text = self.text["watermark"]
        size = max(16, min(image.width // 8, round(image.width * 0.7 / max(1, len(text)))) // 16 * 16)  # few sizes
        font = self.fonts.get("sans", size)
        key = (size, alpha, rng.choice((-3, -1, 1, 3)))
        mark = self._marks.get(key)
        if mark is None:
            box = font.getbbox(text)
            mark = Image.new("L", (box[2] + 20, box[3] + 20), 0)
            ImageDraw.Draw(mark).text((10, 10), text, font=font, fill=round(255 * alpha))
            mark = self._marks[key] = mark.rotate(32 + key[2], Image.Resampling.BILINEAR, expand=True)
        for k in range(3):
            x = (image.width - mark.width) // 2 + rng.randint(-40, 40)
            y = round((k + 0.5) * image.height / 3 - mark.height / 2)
            image.paste(fill, (x, y, x + mark.width, y + mark.height), mark)

    # -- the phone photo of a note ------------------------------------------------------------------

    def case_photo(self, rng: random.Random, data: dict[str, Any], at: datetime) -> bytes:
        """A phone photo (as a chat app passes it on) of a handwritten note on a table: JPEG, 810 x 1080, EXIF."""
        size = PHOTO_SIZE
        title, lines, signer, written = self._note_text(rng, data, at)
        paper = self._paper(rng, title, lines, signer, written)
        table = self._table(rng)
        paper = paper.rotate(rng.uniform(-7, 7), Image.Resampling.BILINEAR, expand=True)
        x = (size[0] - paper.width) // 2 + rng.randint(-25, 25)
        y = (size[1] - paper.height) // 2 + rng.randint(-15, 35)
        alpha = paper.getchannel("A")
        shadow = alpha.reduce(4).filter(ImageFilter.GaussianBlur(3)).resize(alpha.size).point(lambda v: v * 45 // 100)
        table.paste((20, 16, 12), (x + 12, y + 15), shadow)
        table.paste(paper, (x, y), alpha)
        photo = ImageChops.multiply(table, self._lighting(rng, size))
        photo = ImageChops.add(photo, _grain(rng, size, 7, "RGB"), 1, -7)  # sensor noise
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "TRAINING", "demo-data phone"  # Make, Model
        exif[0x010E] = "TRAINING ONLY - made-up demo data"  # ImageDescription
        taken = at - timedelta(days=rng.randint(0, 3), minutes=rng.randint(5, 600))
        exif[0x0132] = f"{taken:%Y:%m:%d %H:%M:%S}"  # DateTime
        exif.get_ifd(0x8769)[0x9003] = f"{taken:%Y:%m:%d %H:%M:%S}"  # DateTimeOriginal
        return _jpeg(photo, 80, 72, exif)

    def _note_text(self, rng: random.Random, data: dict[str, Any], at: datetime) -> tuple[str, str, str, date]:
        notes, name = self.text["notes"], data.get("name", "")
        cause = data.get("cause", "")
        amount = int(float(data.get("amount") or rng.randrange(3000, 60000, 100)))
        opposing = data.get("opposing_party", "")
        debtor = opposing if opposing and len(opposing) <= 4 else self._made_up_name(rng)
        written = at.date() - timedelta(days=rng.randint(60, 400))
        if any(word in cause for word in TEXTS["iou_causes"]):
            t = notes["iou"]
            start = rng.randint(1, 8)
            period = rng.choice(TEXTS["notes"]["iou"]["periods"]).format(year=written.year - 1, start=start,
                                                                           end=min(12, start + rng.randint(2, 6)))
            due = written + timedelta(days=rng.randint(15, 55))  # overdue when the applicant comes
            body = t["body"].format(creditor=self._drawable(name), period=period, amount=amount,
                                    site=rng.choice(TEXTS["notes"]["iou"]["sites"]), upper=_upper_amount(amount),
                                    due=_cn_date(due) if self.fonts.cjk else due.isoformat())
        elif any(word in cause for word in TEXTS["loan_causes"]):
            t = notes["loan"]
            body = t["body"].format(creditor=self._drawable(name), amount=amount, upper=_upper_amount(amount),
                                    months=rng.randint(1, max(1, (at.date() - written).days // 31 - 1)))
        else:
            t, written = notes["statement"], at.date() - timedelta(days=rng.randint(0, 3))
            old, new = TEXTS["notes"]["statement"]["first_person"]
            debtor = data.get("agent_name") if data.get("case_type") == "criminal" else name
            body = t["body"].format(facts=data.get("facts", "").replace(old, new) + TEXTS["notes"]["statement"]["ending"])
        signer = t["signer"].format(debtor=self._drawable(debtor), name=self._drawable(debtor))
        return t["title"], body, signer, written

    def _table(self, rng: random.Random) -> Image.Image:
        """What the note lies on: wood, grey laminate or a light desk (six cached, flipped at random)."""
        variant = rng.randrange(6)
        if variant not in _TABLES:
            colours = (((92, 62, 40), (168, 128, 92)), ((70, 72, 78), (150, 150, 155)), ((120, 100, 80), (205, 190, 170)))
            field = _smooth(random.Random(f"table:{variant}"), PHOTO_SIZE, (6, 8))
            _TABLES[variant] = ImageOps.colorize(field, *colours[variant % 3])
        flip = rng.choice(_FLIPS)
        return _TABLES[variant].copy() if flip is None else _TABLES[variant].transpose(flip)

    def _paper(self, rng: random.Random, title: str, body: str, signer: str, written: date) -> Image.Image:
        """The note: RGBA paper, lined or plain, written in ballpoint ink."""
        w, h = rng.randint(575, 625), rng.randint(760, 830)
        paper = Image.new("RGBA", (w, h), (246, 243, 232, 255) if rng.random() < 0.5 else (250, 250, 246, 255))
        draw = ImageDraw.Draw(paper)
        step, top = 44, 126
        if rng.random() < 0.6:
            for y in range(top + 42, h - 26, step):
                draw.line((20, y, w - 20, y), fill=(176, 196, 226, 255), width=2)
        ink = rng.choice(((30, 42, 120, 255), (36, 36, 44, 255)))
        size = 32 if self.fonts.cjk else 22
        title_font = self.fonts.get("hand", 48 if self.fonts.cjk else 30)
        draw.text(((w - title_font.getlength(title)) / 2 + rng.randint(-16, 16), 50), title, font=title_font, fill=ink)
        fonts = [self.fonts.get("hand", size + d) for d in (-2, 0, 2)]
        lines = _wrap("\u3000\u3000" + body if self.fonts.cjk else body, w - 140, fonts[1].getlength)
        y = top
        for line in lines[:12]:
            x = 54 + rng.randint(-3, 3)
            for ch in line:  # each letter a little bigger or smaller, higher or lower: by hand
                glyph, advance = self._glyph(size + rng.choice((-2, 0, 2)), ch)
                paper.paste(ink, (round(x), y + rng.randint(-2, 2)), glyph)
                x += advance * rng.uniform(0.95, 1.04)
            y += step
        date_text = _cn_date(written) if self.fonts.cjk else written.isoformat()
        sx = w - 50 - max(fonts[1].getlength(signer), fonts[1].getlength(date_text))
        for text, yy in ((signer, y + step), (date_text, y + 2 * step)):
            draw.text((sx + rng.randint(-8, 8), yy), text, font=fonts[1], fill=ink)
        self._fingerprint(paper, rng, (round(w - 76 + rng.randint(-16, 8)), round(y + step + 15)))
        self._watermark(paper, rng, fill=(200, 60, 60, 255), alpha=0.22)
        return paper

    def _glyph(self, size: int, ch: str) -> tuple[Image.Image, float]:
        """One letter of the handwriting font as a mask (drawn at (0, 0)) and its advance; cached."""
        key = (size, ch)
        if key not in self._glyphs:
            font = self.fonts.get("hand", size)
            mask = Image.new("L", (size * 2, size * 2), 0)
            ImageDraw.Draw(mask).text((0, 0), ch, font=font, fill=255)
            self._glyphs[key] = (mask, font.getlength(ch))
        return self._glyphs[key]

    @staticmethod
    def _fingerprint(image: Image.Image, rng: random.Random, at: tuple[int, int]) -> None:
        """A red ink fingerprint: broken concentric ridges."""
        mark = Image.new("L", (96, 118), 0)
        draw = ImageDraw.Draw(mark)
        for k in range(2, 22):
            rx, ry = k * 2.1, k * 2.6
            start = rng.randint(0, 359)
            draw.arc((48 - rx, 59 - ry, 48 + rx, 59 + ry), start, start + rng.randint(220, 340), fill=210, width=2)
        mark = mark.filter(ImageFilter.GaussianBlur(0.9)).rotate(rng.uniform(-25, 25), Image.Resampling.BILINEAR)
        image.paste((196, 32, 40, 255), (at[0] - 48, at[1] - 59, at[0] + 48, at[1] + 59), mark)

    def _lighting(self, rng: random.Random, size: tuple[int, int]) -> Image.Image:
        """Uneven light from one side (multiplied in), four directions cached."""
        turn = rng.randrange(4)
        if turn not in _LIGHT:
            ramp = Image.linear_gradient("L").resize(size).point(lambda v: 255 - v * 80 // 255)
            ramp = ImageChops.multiply(ramp, ramp.transpose(Image.Transpose.ROTATE_180).point(lambda v: 200 + v * 55 // 255))
            turned = ramp.transpose((Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180,
                                     Image.Transpose.ROTATE_270, Image.Transpose.FLIP_LEFT_RIGHT)[turn]).resize(size)
            _LIGHT[turn] = Image.merge("RGB", (turned, turned, turned))
        return _LIGHT[turn]

    # -- the PDFs -------------------------------------------------------------------------------

    def hardship_proof(self, rng: random.Random, data: dict[str, Any], at: datetime) -> bytes:
        """The village (or community) committee's proof of financial hardship: one A4 page."""
        t = TEXTS["hardship"]
        place, kind = self._committee_place(data)
        unit, member = t["units"][kind]
        committee = t["committees"][kind].format(place=place)
        issued = at.date() - timedelta(days=rng.randint(2, 25))
        paragraphs = [p.format(unit=unit, member=member, **self._money_facts(data)) for p in t["body"]]

        def content(c, font):
            y = self._pdf_paragraphs(c, font, paragraphs, 700)
            c.setFont(font, 13)
            c.drawString(72, y - 20, t["contact"].format(clerk=self._made_up_name(rng), phone=self._phone(rng)))
            right = 500
            c.setFont(font, 14)
            c.drawRightString(right, y - 110, committee + t["stamp_label"])
            c.drawRightString(right, y - 140, _cn_date(issued))
            self._pdf_seal(c, font, right - 90 + rng.randint(-20, 20), y - 112 + rng.randint(-12, 12), committee, rng)

        return self._pdf(rng, t["title"], content, issued)

    def commitment(self, rng: random.Random, data: dict[str, Any], at: datetime) -> bytes:
        """The applicant's personal integrity commitment on financial hardship: one A4 page."""
        t = TEXTS["commitment"]
        paragraphs = [p.format(**self._money_facts(data)) for p in t["body"]]

        def content(c, font):
            y = self._pdf_paragraphs(c, font, paragraphs, 700)
            c.setFont(font, 14)
            c.drawString(280, y - 40, t["signer"])
            self._pdf_signature(c, font, 300 + rng.randint(0, 40), y - 78, data.get("name", ""), rng)
            self._pdf_fingerprint(c, 400 + rng.randint(0, 40), y - 72, rng)
            c.drawString(300, y - 120, _cn_date(at.date()))
            c.setFont(font, 11)
            c.drawString(72, 90, t["received"].format(clerk=data.get("clerk", ""), station=self.settings.station_name))

        return self._pdf(rng, t["title"], content, at.date())

    def _committee_place(self, data: dict[str, Any]) -> tuple[str, str]:
        found = re.search(TEXTS["hardship"]["place_pattern"], data.get("hukou", ""))
        place = found.group(1) if found and data.get("hukou", "").find(self.county) >= 0 else \
            TEXTS["hardship"]["fallback_place"].format(township=self.settings.township)
        return place, "community" if place.endswith(TEXTS["community_suffix"]) else "village"

    def _money_facts(self, data: dict[str, Any]) -> dict[str, Any]:
        size = int(data.get("household_size") or 1)
        income = float(data.get("monthly_income") or 0)
        genders = TEXTS["genders"]
        birth = data.get("birth_date", "1970-01-01")
        return {"name": data.get("name", ""), "gender": genders.get(data.get("gender", ""), ""),
                "ethnicity": self.reference.label("ethnic_groups", data.get("ethnicity") or "01"),
                "birth_year": int(birth[:4]), "birth_month": int(birth[5:7]), "id_number": data.get("id_number", ""),
                "hukou": data.get("hukou", ""), "address": data.get("address", ""), "phone": data.get("phone", ""),
                "household_size": size, "income": f"{income:g}", "per_head": f"{income / size:.0f}",
                "income_sources": data.get("income_sources", ""), "property": data.get("property", ""),
                "cause": data.get("cause", ""), "county": self.county}

    def _phone(self, rng: random.Random) -> str:
        if rng.random() < 0.5:
            return f"{self.area_code}-{rng.randrange(2, 9)}{rng.randrange(10 ** 6):06d}"
        return f"1{rng.choice('3578')}{rng.randrange(10 ** 9):09d}"

    def _pdf(self, rng: random.Random, title: str, content: Callable, on: date) -> bytes:
        """One A4 page on scanned-looking paper: title, `content(canvas, font)`, the training watermark."""
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        font = _cid_font()
        out = io.BytesIO()
        with _PDF_LOCK:  # reportlab keeps module-level state: one page at a time
            c = canvas.Canvas(out, pagesize=A4, invariant=1, pageCompression=1)  # no clock, no random document id
            stamp = getattr(c._doc, "_timeStamp", None)
            if stamp is not None:  # dated like the paper it stands for (reportlab has no public setter)
                stamp.YMDhms = (on.year, on.month, on.day, 9 + rng.randrange(8), rng.randrange(60), rng.randrange(60))
            self._draw_pdf(c, rng, title, content, font)
        return out.getvalue()

    def _draw_pdf(self, c, rng: random.Random, title: str, content: Callable, font: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.utils import ImageReader

        c.setTitle(title)
        c.setAuthor(self.settings.station_name)
        c.setSubject(TEXTS["watermark_note"])
        c.setCreator("legalaid-station demo-data")
        c.drawImage(ImageReader(io.BytesIO(self._texture(rng.randrange(3)))), 0, 0, width=A4[0], height=A4[1])
        c.saveState()
        c.translate(A4[0] / 2, A4[1] / 2)
        c.rotate(rng.uniform(-0.6, 0.6))  # fed into the scanner a little askew
        c.translate(-A4[0] / 2 + rng.uniform(-6, 6), -A4[1] / 2 + rng.uniform(-6, 6))
        c.setFillColorRGB(0.08, 0.08, 0.08)
        c.setFont(font, 22)
        c.drawCentredString(A4[0] / 2, 760, title)
        content(c, font)
        c.restoreState()
        c.saveState()
        c.setFillColorRGB(0.55, 0.55, 0.55)
        c.setFillAlpha(0.22)
        c.setFont(font, 88)
        for k in range(3):
            c.saveState()
            c.translate(A4[0] / 2, 160 + k * 260)
            c.rotate(32)
            c.drawCentredString(0, 0, TEXTS["watermark"])
            c.restoreState()
        c.restoreState()
        c.setFont(font, 8)
        c.setFillColorRGB(0.4, 0.4, 0.4)
        c.drawCentredString(A4[0] / 2, 24, TEXTS["watermark_note"])
        c.showPage()
        c.save()

    @staticmethod
    def _pdf_paragraphs(c, font: str, paragraphs: list[str], y: float, size: int = 14, leading: int = 27) -> float:
        """Justified-left Chinese paragraphs, first line indented two characters; returns the y below them."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c.setFont(font, size)
        for paragraph in paragraphs:
            for line in _wrap("\u3000\u3000" + paragraph, 451, lambda ch: stringWidth(ch, font, size)):
                c.drawString(72, y, line)
                y -= leading
            y -= 6
        return y

    @staticmethod
    def _pdf_seal(c, font: str, cx: float, cy: float, name: str, rng: random.Random) -> None:
        """A round red seal: the committee's name along the top, a star, 培训样章 at the bottom."""
        r = 46
        c.saveState()
        c.setStrokeColorRGB(0.84, 0.1, 0.12)
        c.setFillColorRGB(0.84, 0.1, 0.12)
        c.setStrokeAlpha(0.82)
        c.setFillAlpha(0.82)
        c.translate(cx, cy)
        c.rotate(rng.uniform(-12, 12))
        c.setLineWidth(2.6)
        c.circle(0, 0, r)
        path = c.beginPath()
        for i in range(10):
            radius = 12 if i % 2 == 0 else 4.8
            angle = math.pi / 2 + i * math.pi / 5
            point = (radius * math.cos(angle), radius * math.sin(angle))
            path.moveTo(*point) if i == 0 else path.lineTo(*point)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
        span = min(260.0, 30.0 * len(name))
        size = 12 if len(name) <= 9 else 10
        c.setFont(font, size)
        for i, ch in enumerate(name):
            angle = 90 + span / 2 - (span * i / max(1, len(name) - 1))
            c.saveState()
            c.rotate(angle - 90)
            c.drawCentredString(0, r - 15, ch)
            c.restoreState()
        c.setFont(font, 8.5)
        c.drawCentredString(0, -r * 0.58, TEXTS["seal_bottom"])
        c.restoreState()

    @staticmethod
    def _pdf_signature(c, font: str, x: float, y: float, name: str, rng: random.Random) -> None:
        """The name signed in blue-black ink: larger, slanted, uneven."""
        c.saveState()
        c.setFillColorRGB(0.1, 0.14, 0.42)
        c.translate(x, y)
        c.rotate(rng.uniform(-5, 3))
        c.skew(rng.uniform(8, 16), 0)
        px = 0.0
        for ch in name:
            size = rng.uniform(19, 24)
            c.setFont(font, size)
            c.drawString(px, rng.uniform(-2, 2), ch)
            px += size * rng.uniform(0.85, 1.0)
        c.restoreState()

    @staticmethod
    def _pdf_fingerprint(c, x: float, y: float, rng: random.Random) -> None:
        c.saveState()
        c.setStrokeColorRGB(0.8, 0.12, 0.15)
        c.setStrokeAlpha(0.8)
        c.setLineWidth(0.9)
        c.translate(x, y)
        c.rotate(rng.uniform(-30, 30))
        for k in range(2, 14):
            start = rng.uniform(0, 360)
            c.arc(-k * 1.05, -k * 1.35, k * 1.05, k * 1.35, start, rng.uniform(200, 330))
        c.restoreState()

    def _texture(self, variant: int) -> bytes:
        """A scanned sheet's paper: a faint, uneven grey JPEG (cached; three variants)."""
        if variant not in self._textures:
            rng = random.Random(f"paper:{variant}")
            size = (827, 1169)  # A4 at 100 dpi
            paper = Image.new("L", size, 247)
            paper = ImageChops.add(paper, _noise(rng, size, 4, grain=60), 1, -4)
            paper = ImageChops.add(paper, _noise(rng, size, 5), 1, -5)
            draw = ImageDraw.Draw(paper)
            for _ in range(120):
                px, py = rng.randrange(size[0]), rng.randrange(size[1])
                draw.point((px, py), fill=rng.randint(150, 210))
            self._textures[variant] = _jpeg(paper, 70, 100)
        return self._textures[variant]


@lru_cache(maxsize=1)
def _cid_font() -> str:
    """reportlab's built-in simplified-Chinese font (Adobe-GB1, not embedded: viewers bring a Song face)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"
