"""What text a person types may hold: its line breaks made one kind, and the characters no one can see found.

Text pasted from Word, a web page or a spreadsheet brings line breaks of several kinds (Word's manual break
\\x0b, a page break \\x0c, \\r, U+2028/U+2029) and sometimes control characters (ESC sequences, NUL, a bell)
or direction overrides (U+202E shows "\\u202e司公达宏" as 宏达公司 while the record, and so search, keeps it
reversed). Line breaks become "\\n" (normalize.py); the others cannot be shown or printed, and a station's new
versions may not hold them (validation.py); the county refuses control characters in what its staff type
(sync/server/errors.py `check_printable`).
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # C0, DEL and C1
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")  # bidi embeddings, overrides and isolates


def unify_line_breaks(text: str) -> str:
    """Every kind of line break as "\\n" (\\r\\n, \\r, \\x0b, \\x0c, U+2028, U+2029)."""
    if text.isprintable():  # none of them is: the usual text is let through at once (the county normalises a lot)
        return text
    return _LINE_BREAKS.sub("\n", text)


def first_control(text: str, allowed: str = "\t") -> int | None:
    """Where the first control character (C0, DEL, C1) not in `allowed` is; None when there is none."""
    for found in _CONTROL.finditer(text):
        if found.group() not in allowed:
            return found.start()
    return None


def first_direction_mark(text: str) -> int | None:
    """Where the first bidi embedding, override or isolate character is; None when there is none."""
    found = _DIRECTION.search(text)
    return found.start() if found else None


def code_point(ch: str) -> str:
    """A character named as people look it up: U+202E."""
    return f"U+{ord(ch):04X}"
