"""The phone photo of a handwritten note on a table (an IOU, a loan note, a statement): JPEG with EXIF."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from .common import (
    _FLIPS,
    PHOTO_SIZE,
    TEXTS,
    _cn_date,
    _grain,
    _jpeg,
    _smooth,
    _upper_amount,
    _wrap,
)

# images made once and only read after (shared by the threads that draw scans)
_TABLES: dict[int, Image.Image] = {}
_LIGHT: dict[int, Image.Image] = {}


class CasePhotos:
    """Part of ScanMaker (its settings, fonts, texts, reference data and caches are set up there)."""

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
