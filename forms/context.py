"""What a rendering needs besides the record: station settings, reference data, clock, seal, fonts, key."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Sequence

from desktop.records.reference import ReferenceData, default_reference
from desktop.records.settings import StationSettings

from .fonts import FontFile, FontSet, font_set


@dataclass(frozen=True)
class RenderContext:
    """Everything a form needs that is not in the record.

    settings          the station (code, name, township, county) for header, number line and seal
    reference         code -> Chinese label lists
    clock             "now" for the print date and ages (tests pass a fixed clock)
    center_name       the county legal-aid center; default "<county>法律援助中心"
    seal_image        a PNG/JPEG of the station's seal replacing the generated round seal
    center_seal_image the center's seal, when the center gave the station an image to print with
    seal              False prints no seal at all (drafts, blank forms)
    body_font         a configured system font (e.g. C:\\Windows\\Fonts\\simsun.ttc) instead of AR PL UMing
    title_font        a configured title font (e.g. simhei.ttf) instead of WenQuanYi Zen Hei
    fallback_fonts    fonts tried for characters the body font lacks (生僻字)
    system_fallbacks  also try known system fonts for rare characters (SimSun-ExtB, HanaMin)
    signer            a forms.signing.DocumentSigner (the county-issued document certificate): the PDF is signed
    seal_spots        filled while drawing: where seals went (forms.signing.SealSpot), for the visible signature
    fingerprint       print the record-version fingerprint and its QR code in the footer
    vault             the station's vault (desktop/records/vault.py): a document the county issued is printed from it as issued
    """

    settings: StationSettings = field(default_factory=StationSettings)
    reference: ReferenceData = field(default_factory=default_reference)
    clock: Callable[[], datetime] = datetime.now
    center_name: str = ""
    seal_image: Path | None = None
    center_seal_image: Path | None = None
    seal: bool = True
    body_font: FontFile | str | Path | None = None
    title_font: FontFile | str | Path | None = None
    fallback_fonts: Sequence[FontFile | str | Path] = ()
    system_fallbacks: bool = True
    signer: Any = None
    seal_spots: list | None = None
    fingerprint: bool = True
    vault: Any = None

    @property
    def center(self) -> str:
        if self.center_name:
            return self.center_name
        county = self.settings.county_name.strip()
        return f"{county}法律援助中心" if county else "法律援助中心"

    def fonts(self) -> FontSet:
        return font_set(FontFile.of(self.body_font) if self.body_font else None,
                        FontFile.of(self.title_font) if self.title_font else None,
                        tuple(FontFile.of(f) for f in self.fallback_fonts), self.system_fallbacks)

    def now(self) -> datetime:
        return self.clock()

    def with_changes(self, **changes: Any) -> "RenderContext":
        return replace(self, **changes)


def context_for(services_or_station: Any, **changes: Any) -> RenderContext:
    """The context of an open station (desktop.services.Services or desktop.records.station.Station).

    With Services the station's county-issued document certificate signs the PDFs, once it has one
    (pass signer=None to turn that off).
    """
    station = getattr(services_or_station, "station", services_or_station)
    settings = station.settings
    values: dict[str, Any] = {"settings": settings, "reference": station.store.reference}
    # what the station configured in Settings (checked there to exist)
    if getattr(settings, "seal_image", "") and Path(settings.seal_image).is_file():
        values["seal_image"] = Path(settings.seal_image)
    if getattr(settings, "form_body_font", "") and Path(settings.form_body_font).is_file():
        values["body_font"] = Path(settings.form_body_font)
    vault = getattr(services_or_station, "vault", None)
    if vault is not None:
        values["vault"] = vault
    document_signer = getattr(services_or_station, "document_signer", None)
    if document_signer is not None:
        values["signer"] = document_signer()
    values.update(changes)
    return RenderContext(**values)
