"""Sort keys for names, so lists sort Chinese names by pinyin (安, 白, 陈, 李 ... 张, 赵, 周).

GB2312 (kept in GBK) orders its 3,755 common characters by pinyin. Each character becomes a fixed
7-digit hex code: a class, then its code - Latin and digits first, then the common characters by
pinyin, then the rest of GBK (less common characters, e.g. 喆 堃, by radical), then anything outside
GBK by code point. As text these keys sort as the clerk expects, and SQLite indexes them.
"""

from __future__ import annotations


def _char_key(char: str) -> str:
    if ord(char) < 0x80:
        return f"0{ord(char):06x}"
    try:
        raw = char.encode("gbk")
    except UnicodeEncodeError:
        return f"3{ord(char):06x}"
    if len(raw) == 2 and 0xB0 <= raw[0] <= 0xF7 and raw[1] >= 0xA1:  # GB2312's hanzi: in pinyin order
        return f"100{raw.hex()}"
    return f"2{int.from_bytes(raw, 'big'):06x}"


def name_key(text: str | None) -> str:
    """A name's sort key (text comparison gives pinyin order for common characters)."""
    return "".join(_char_key(c) for c in (text or "").strip())
