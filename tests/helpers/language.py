"""Is a text people read free of English? `english_words` finds the words of three letters or more that are
neither a token a Chinese interface keeps as it is (a key name, a file format) nor a value the test allows (a
file name, a station code, a roster number): the interface tests and the error-wording tests share it."""

from __future__ import annotations

import re

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# Tokens that are the same in a Chinese interface: key names, date masks, file formats and encodings.
ALLOWED_WORDS = {"Ctrl", "Shift", "YYYY", "PDF", "JPEG", "PNG", "TIFF", "HEIC", "TrueType", "CSV", "UTF", "KiB",
                 "USB", "ZIP", "Excel"}
# Example paths are not words to translate (e.g. the placeholder of the form-font setting).
WINDOWS_PATH = re.compile(r"[A-Z]:\\[^\s，。（）()]*")


def english_words(text: str, allowed: set[str] | frozenset[str] = frozenset()) -> list[str]:
    text = WINDOWS_PATH.sub("", text)
    text = text.replace("&", "")
    for token in sorted(allowed, key=len, reverse=True):  # (a path before the name inside it)
        text = text.replace(str(token), "")
    return [w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED_WORDS]
