"""Reading the county root's fingerprint from a picture of the enrollment sheet's QR code (Qt-free).

A phone photo or a scanner image of the sheet: the QR code is found anywhere in it, at any angle
(zxing-cpp; Pillow opens the picture and applies the photo's orientation). The code holds the
fingerprint as `LAROOT1:` and 64 hex digits (sync/server/enrollment_sheet.py writes it).
"""

from __future__ import annotations

from pathlib import Path

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.certificates import QR_PREFIX, normalise_fingerprint
from sync.errors import SyncError

MAX_SIDE = 4000  # a 50-megapixel phone photo is shrunk first: the code is still many pixels per module

NOT_A_PICTURE = QT_TRANSLATE_NOOP("Sync", "{name} cannot be opened as a picture (use a JPEG or PNG photo or scan).")
NO_CODE = QT_TRANSLATE_NOOP("Sync", "No QR code of the county certificate fingerprint was found in {name}. Take the "
                                    "photo closer, flat and sharp, or type the fingerprint printed under the code.")


def fingerprint_from_image(path: Path) -> str:
    """The 64 hex digits of the fingerprint in the picture's QR code; SyncError saying what went wrong."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    import zxingcpp

    path = Path(path)
    try:
        with Image.open(path) as opened:
            picture = ImageOps.exif_transpose(opened).convert("L")
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise SyncError(NOT_A_PICTURE, {"name": path.name}, code="bad_picture",
                        detail=f"{path} is not a picture: {exc}") from exc
    if max(picture.size) > MAX_SIDE:
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
    for found in zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode):
        fingerprint = normalise_fingerprint(found.text)
        if fingerprint is not None:
            return fingerprint
    raise SyncError(NO_CODE, {"name": path.name}, code="no_code", detail=f"no fingerprint QR code in {path}")


def qr_text(fingerprint_hex: str) -> str:
    """What the sheet's QR code holds."""
    return QR_PREFIX + fingerprint_hex.upper()
