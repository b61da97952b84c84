"""A file's own name, made safe to show and to save under (Qt-free; the vault and the exports use it)."""

from __future__ import annotations

import os
import re
import unicodedata

MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 240  # UTF-8; most file systems allow 255 bytes per name (Tibetan is 3 bytes a letter)
FALLBACK_NAME = "attachment"
_WINDOWS_FORBIDDEN = dict.fromkeys(map(ord, '<>:"|?*'), "_")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_KEPT_FORMAT_CHARS = {"\u200c", "\u200d"}  # ZWNJ / ZWJ shape Arabic-script (Uyghur) and Indic words


def safe_display_name(name: str) -> str:
    """A file's own name, safe to show and to save under: any script kept, never empty.

    Drops folders (either slash), "." and "..", control and bidi-override
    characters, characters Windows forbids in names; limits the length
    (keeping the extension and whole letters with their marks).
    """
    text = unicodedata.normalize("NFC", str(name or ""))
    parts = [p for p in re.split(r"[\\/]", text) if p.strip() not in ("", ".", "..")]
    text = parts[-1] if parts else ""
    cleaned = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\t\n\r\v\f\x85\u2028\u2029":
            cleaned.append(" ")
        elif category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and ch not in _KEPT_FORMAT_CHARS):
            continue
        else:
            cleaned.append(ch)
    text = " ".join("".join(cleaned).translate(_WINDOWS_FORBIDDEN).split())
    text = text.strip(". ")  # Windows drops trailing dots; leading dots hide files elsewhere
    if not text:
        return FALLBACK_NAME
    stem, ext = os.path.splitext(text)
    if stem.upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    if len(ext) > 12:  # not an extension, just a dot in a long name
        stem, ext = stem + ext, ""
    stem = _shorten(stem, MAX_NAME_CHARS - len(ext), MAX_NAME_BYTES - len(ext.encode("utf-8")))
    return (stem + ext) if stem else (FALLBACK_NAME + ext)


def _shorten(text: str, max_chars: int, max_bytes: int) -> str:
    if len(text) <= max_chars and len(text.encode("utf-8")) <= max_bytes:
        return text
    end, used = 0, 0
    for ch in text:
        size = len(ch.encode("utf-8"))
        if end + 1 > max_chars or used + size > max_bytes:
            break
        end, used = end + 1, used + size
    # never cut a letter from its vowel signs or stacked consonants (Tibetan, Uyghur marks)
    while end > 0 and end < len(text) and unicodedata.category(text[end]).startswith("M"):
        end -= 1
    return text[:end].rstrip(". ")
