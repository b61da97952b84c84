"""Sort keys for names, so lists sort Chinese names by pinyin (安, 白, 陈, 李 ... 张, 赵, 周).

GB2312, kept in GBK, orders its 3,755 common characters by pinyin; a name's GBK bytes, as hex text,
therefore sort the way a clerk expects, and SQLite can index them. Less common characters follow in
radical order, and characters outside GBK (some rare name characters, other scripts) sort last.
"""

from __future__ import annotations


def name_key(text: str | None) -> str:
    """The name's GBK bytes as hex (text comparison = byte comparison)."""
    return (text or "").strip().encode("gbk", errors="replace").hex()
