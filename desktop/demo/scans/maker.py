"""`ScanMaker`: which scans an application gets, their file names, and what the kinds of scan share
(the drawable text, the training watermark, made-up names); the scans themselves are drawn by
id_card, letters and photos."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from PIL import Image, ImageDraw

from desktop.records.settings import StationSettings

from .common import JPEG, PDF, SLOTS, TEXTS, Scan, _ascii, _load
from .fonts import Fonts
from .id_card import IdCardCopies
from .letters import Letters
from .photos import CasePhotos


class ScanMaker(IdCardCopies, Letters, CasePhotos):
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

    def _made_up_name(self, rng: random.Random) -> str:
        return rng.choice(self.surnames) + rng.choice(self.given)

    # -- shared by the images ------------------------------------------------------------------

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
