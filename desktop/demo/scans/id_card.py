"""The ID card copy: both sides of a resident ID card on an A4 photocopy (grayscale JPEG, 150 dpi)."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta
from typing import Any

from PIL import Image, ImageChops, ImageDraw

from .common import TEXTS, _add_years, _age, _cn_date, _grain, _jpeg, _wrap


class IdCardCopies:
    """Part of ScanMaker (its settings, fonts, texts, reference data and caches are set up there)."""

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
