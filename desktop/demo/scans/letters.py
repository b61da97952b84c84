"""The PDFs: the committee's proof of hardship and the applicant's commitment, on scanned-looking paper."""

from __future__ import annotations

import io
import math
import random
import re
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from PIL import Image, ImageChops, ImageDraw

from .common import TEXTS, _cn_date, _jpeg, _noise, _wrap

_PDF_LOCK = threading.Lock()


class Letters:
    """Part of ScanMaker (its settings, fonts, texts, reference data and caches are set up there)."""

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
