"""The station's seal: a generated round red seal (station name around the rim, a star in the middle).

`draw_seal` draws it as vector graphics straight into the PDF (sharp at any size,
a few hundred bytes); a configured image file (PNG with transparency, or JPEG)
replaces it. `seal_png` makes the same seal as a PNG for the settings page's preview.

The generated seal is a picture, not a legal seal: see README ("Electronic seal").
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from .fonts import FontSet

SEAL_RED = (0.86, 0.08, 0.10)
SEAL_DIAMETER_MM = 40.0


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _rim_text(text: str) -> str:
    text = "".join(ch for ch in (text or "").strip() if not ch.isspace())
    return text[:24] or "法律援助工作站"


def draw_seal(canvas, fonts: FontSet, cx: float, cy: float, radius: float, text: str,
              image: Path | None = None, bottom_text: str = "") -> None:
    """Draw the seal centred on (cx, cy); with `image`, that picture instead (scaled into the circle)."""
    canvas.saveState()
    try:
        canvas.setBlendMode("Multiply")  # red ink over black text, as a real stamp looks
    except (AttributeError, ValueError):
        pass
    if image is not None:
        try:
            canvas.drawImage(str(image), cx - radius, cy - radius, 2 * radius, 2 * radius,
                             mask="auto", preserveAspectRatio=True, anchor="c")
            canvas.restoreState()
            return
        except (OSError, ValueError, IndexError):  # an unreadable image: the generated seal instead
            pass
    canvas.setStrokeColorRGB(*SEAL_RED)
    canvas.setFillColorRGB(*SEAL_RED)
    canvas.setFillAlpha(0.92)
    canvas.setStrokeAlpha(0.92)
    ring = radius * 0.07
    canvas.setLineWidth(ring)
    canvas.circle(cx, cy, radius - ring / 2, stroke=1, fill=0)
    path = canvas.beginPath()
    star = _star(cx, cy, radius * 0.3)
    path.moveTo(*star[0])
    for point in star[1:]:
        path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)
    rim = _rim_text(text)
    n = len(rim)
    size = radius * (0.26 if n <= 12 else 0.22 if n <= 16 else 0.18)
    text_radius = radius - ring - size * 0.95
    span = min(250.0, max(150.0, n * size / text_radius * 180 / math.pi * 1.15))
    start = 90 + span / 2
    step = span / max(n - 1, 1)
    for i, ch in enumerate(rim):
        angle = math.radians(start - i * step)
        x = cx + text_radius * math.cos(angle)
        y = cy + text_radius * math.sin(angle)
        font = fonts.font_for(ch, "title") or fonts.title
        canvas.saveState()
        canvas.translate(x, y)
        canvas.rotate(math.degrees(angle) - 90)
        canvas.setFont(font, size)
        width = fonts.char_width(font, ch, size)
        canvas.drawString(-width / 2, -size * 0.35, ch)
        canvas.restoreState()
    if bottom_text:
        small = size * 0.8
        width = fonts.width(bottom_text, small, "title")
        canvas.setFont(fonts.title, small)
        canvas.drawString(cx - width / 2, cy - radius * 0.62, bottom_text)
    canvas.restoreState()


def seal_png(text: str, size_px: int = 480, font_path: Path | None = None) -> bytes:
    """The generated seal as a transparent PNG (Pillow), e.g. for the settings preview."""
    from PIL import Image, ImageDraw, ImageFont

    from .fonts import shipped_title

    scale = 2  # draw large, then shrink: smooth edges
    big = size_px * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    red = tuple(int(c * 255) for c in SEAL_RED) + (235,)
    r = big / 2
    ring = int(r * 0.07)
    draw.ellipse((ring / 2, ring / 2, big - ring / 2, big - ring / 2), outline=red, width=ring)
    star = [(x, big - y) for x, y in _star(r, r, r * 0.3)]
    draw.polygon(star, fill=red)
    rim = _rim_text(text)
    n = len(rim)
    size = int(r * (0.26 if n <= 12 else 0.22 if n <= 16 else 0.18))
    font = ImageFont.truetype(str(font_path or shipped_title().path), size)
    text_radius = r - ring - size * 0.95
    span = min(250.0, max(150.0, n * size / text_radius * 180 / math.pi * 1.15))
    start = 90 + span / 2
    step = span / max(n - 1, 1)
    for i, ch in enumerate(rim):
        angle = math.radians(start - i * step)
        glyph = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size, size), ch, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(math.degrees(angle) - 90, resample=Image.BICUBIC)
        x = r + text_radius * math.cos(angle)
        y = r - text_radius * math.sin(angle)
        img.alpha_composite(glyph, (int(x - size), int(y - size)))
    img = img.resize((size_px, size_px), Image.LANCZOS)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()
