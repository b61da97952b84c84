"""Turning form input into the stored shape of a record: `normalize()`.

Text is stripped (empty text becomes None) and its line breaks made "\n", dates, times, numbers, money, ID
numbers and phone numbers take their canonical form. A value that cannot be
normalised is left as typed: validation.validate() says what is wrong with it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable

from .fields import Kind, field_map
from .idcard import clean_id_text
from .phone import InvalidPhone, normalize_phone
from .typed_text import unify_line_breaks

_TRUE = {"true", "1", "yes", "y", "是", "on"}
_FALSE = {"false", "0", "no", "n", "否", "off"}
_BOOLS = _TRUE | _FALSE
_INTEGER = re.compile(r"[+-]?[0-9]+")
_MONEY = re.compile(r"[0-9]+(\.[0-9]{0,2})?")
_MONEY_MARKS = re.compile(r"[\s,，¥￥元]")
_TIME_LOOSE = re.compile(r"([0-9]{1,2}):([0-9]{2}(?::[0-9]{2})?)")
_DATE_LOOSE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
# digits only, as clerks type a day and a time: 20240305, 202403050930
_DATE_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_DATETIME_COMPACT = re.compile(r"([0-9]{8})([0-9]{2})([0-9]{2})")


def _date_match(text: str) -> re.Match | None:
    return _DATE_LOOSE.fullmatch(text) or _DATE_COMPACT.fullmatch(text)


def _loose_date(text: str) -> str:
    """'2024/3/5', '2024年3月5日' or '20240305' to '2024-03-05'; anything else unchanged."""
    m = _date_match(text)
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else text


def _date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    # NFKC may add spaces (U+00A8 -> " \u0308"): strip after it, so normalising twice changes nothing
    return _loose_date(unicodedata.normalize("NFKC", value).strip()) if isinstance(value, str) else value


def _datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip()
        compact = _DATETIME_COMPACT.fullmatch(value)
        if compact:
            return f"{_loose_date(compact.group(1))}T{compact.group(2)}:{compact.group(3)}"
        head, sep, tail = value.partition(" ")
        if not sep:
            head, sep, tail = value.partition("T")
        time = _TIME_LOOSE.fullmatch(tail.strip())
        if sep and _date_match(head) and time:
            return f"{_loose_date(head)}T{int(time.group(1)):02d}:{time.group(2)}"
    return value


def _multi(value: Any) -> Any:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) or v is None for v in value):
        codes = [v.strip() for v in value if v is not None]
        return list(dict.fromkeys(c for c in codes if c))  # unique, in the order ticked
    return value


def _bool(value: Any) -> Any:
    if isinstance(value, str) and value.lower() in _BOOLS:
        return value.lower() in _TRUE
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


def _int(value: Any) -> Any:
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        return int(text) if _INTEGER.fullmatch(text) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _id_number(value: Any) -> Any:
    return clean_id_text(value) if isinstance(value, str) else value


def _phone(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return normalize_phone(value)
        except InvalidPhone:
            return value  # validate() says what is wrong
    return value


def _normalize_money(value: Any) -> Any:
    """Money is stored as a decimal string with 2 decimals (exact, and JSON-safe unlike Decimal)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        text = str(value)
    elif isinstance(value, str):
        text = _MONEY_MARKS.sub("", unicodedata.normalize("NFKC", value))
    else:
        return value
    if _MONEY.fullmatch(text):
        return f"{Decimal(text):.2f}"
    return value


# each kind's normalising, after text is stripped and empty text made None (text, codes: nothing more)
_BY_KIND: dict[Kind, Callable[[Any], Any]] = {
    Kind.DATE: _date, Kind.DATETIME: _datetime, Kind.MULTI: _multi, Kind.BOOL: _bool, Kind.INT: _int,
    Kind.MONEY: _normalize_money, Kind.ID_NUMBER: _id_number, Kind.PHONE: _phone,
}


def _case_number(value: Any) -> Any:
    """An application number as the station issues it (TS01-2026-00001), however typed: ts01-2026-00001, full-width
    (ＴＳ０１－２０２６－００００１)."""
    return unicodedata.normalize("NFKC", value).strip().upper() if isinstance(value, str) else value


_BY_NAME: dict[str, Callable[[Any], Any]] = {"case_number": _case_number}  # a text field with a stored form


@lru_cache(maxsize=None)
def _kinds(record_type: str) -> dict[str, Callable[[Any], Any] | None]:
    """Each field's normalising after the text's (None: text, nothing more), looked up once (the county normalises
    every change it checks)."""
    return {name: _BY_NAME.get(name) or _BY_KIND.get(f.kind) for name, f in field_map(record_type).items()}


def _normalized(kind: Callable[[Any], Any] | None, value: Any) -> Any:
    if isinstance(value, str):
        value = unify_line_breaks(value).strip() or None
    return kind(value) if kind is not None and value is not None else value


def normalize_value(kind: Kind, value: Any) -> Any:
    """One value of a field of `kind` in stored form, as normalize() makes it; the form shows a day as it will be
    kept once the clerk leaves it."""
    return _normalized(_BY_KIND.get(kind), value)


def normalize(record_type: str, data: dict) -> dict:
    """A copy of `data` in stored form: text stripped, empty text None, codes, numbers, ID and phones canonical.

    Keys are kept (also unknown ones); values that cannot be normalised are left
    as typed, for validate() to report.
    """
    kinds = _kinds(record_type)
    return {name: _normalized(kinds[name], value) if name in kinds else value for name, value in data.items()}
