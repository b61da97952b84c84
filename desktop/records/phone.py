"""Personal phone numbers: mainland mobiles and landlines with an area code.

Stored in one canonical form ("13812345678", "0755-12345678", "010-12345678-123")
so duplicates of a person can be found and the number prints the same on every form.
"""

from __future__ import annotations

import re
import unicodedata

from .i18n import QT_TRANSLATE_NOOP

_MSG_EMPTY = QT_TRANSLATE_NOOP("Validation", "Please enter a phone number.")
_MSG_CHARS = QT_TRANSLATE_NOOP(
    "Validation",
    "A phone number may contain only digits, spaces, dashes and an extension such as -123; please check it.")
_MSG_FOREIGN = QT_TRANSLATE_NOOP(
    "Validation",
    "Only mainland China numbers can be recorded here: a mobile number or a landline with its area code.")
_MSG_SERVICE = QT_TRANSLATE_NOOP(
    "Validation",
    "{number} is a service number, not a personal phone; please enter the person's own mobile or landline number.")
_MSG_MOBILE = QT_TRANSLATE_NOOP(
    "Validation",
    "A mobile number has 11 digits and starts with 13 to 19; this one has {length} digits. Please check it.")
_MSG_MOBILE_EXT = QT_TRANSLATE_NOOP("Validation", "A mobile number has no extension; please remove it.")
_MSG_NO_AREA = QT_TRANSLATE_NOOP(
    "Validation", "Please add the area code in front of the number, e.g. 0755-12345678.")
_MSG_AREA = QT_TRANSLATE_NOOP(
    "Validation", "{area} is not an area code; area codes are 010, 020 to 029, or 0 and three digits such as 0755.")
_MSG_LANDLINE = QT_TRANSLATE_NOOP(
    "Validation",
    "After the area code a landline number has 7 or 8 digits and does not start with 0; please check it.")
_MSG_GENERAL = QT_TRANSLATE_NOOP(
    "Validation",
    "Please enter a mobile number (11 digits) or a landline number with its area code, e.g. 0755-12345678.")

_EXTENSION = re.compile(r"^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*([0-9]{1,6})$", re.IGNORECASE)
# +86 / 0086 / 86, with any grouping characters clerks put in between.
_COUNTRY_CODE = re.compile(r"^[\s\-().]*(?:\+|0[\s\-().]*0)?[\s\-().]*8[\s\-().]*6")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# 110/120/12348/12345 hotlines, 95xxx/96xxx service lines, 400/800 company numbers.
_SERVICE = re.compile(r"1[0-9]{2,5}|9[56][0-9]{3,4}|[48]00[0-9]{7}")
_THREE_DIGIT_AREA = re.compile(r"0[3-9]")  # 03xx-09xx
_LOCAL = re.compile(r"[1-9][0-9]{6,7}")  # a landline number after its area code
_PHONE_CHARS = re.compile(r"[0-9\s\-().+]+")
_GROUPING = re.compile(r"[\s\-().]")
_MOBILE_AFTER_86 = re.compile(r"861[3-9][0-9]{9}")
_NOT_DIGITS = re.compile(r"[^0-9]")
_EXTENSION_GROUP = re.compile(r"\s*[0-9]{1,6}\s*")


class InvalidPhone(ValueError):
    """A phone number that is not a personal mainland number; `message` is an English source string."""

    def __init__(self, message: str, params: dict[str, str] | None = None):
        self.message = message
        self.params = dict(params or {})
        super().__init__(message.format(**self.params))


def _area_length(digits: str) -> int | None:
    """Length of the area code with its leading 0: 010 and 02x are two-digit codes, 03xx-09xx three."""
    if digits.startswith("010") or digits.startswith("02"):
        return 3
    if _THREE_DIGIT_AREA.match(digits):
        return 4
    return None


def _landline(digits: str) -> tuple[str, str] | None:
    """(area code, local number) when `digits` is a complete landline number."""
    size = _area_length(digits)
    if size is None:
        return None
    local = digits[size:]
    if _LOCAL.fullmatch(local):
        return digits[:size], local
    return None


def normalize_phone(text: str) -> str:
    """The canonical form of a personal phone number, or raise InvalidPhone saying what is wrong."""
    raw = unicodedata.normalize("NFKC", text or "").strip()  # full-width digits from Chinese input
    if not raw:
        raise InvalidPhone(_MSG_EMPTY)
    extension = ""
    marked = _EXTENSION.match(raw)
    if marked:
        raw, extension = marked.group(1), marked.group(2)
    if not _PHONE_CHARS.fullmatch(raw):
        raise InvalidPhone(_MSG_CHARS)
    compact = _GROUPING.sub("", raw)
    international = compact.startswith("+86") or compact.startswith("0086")
    if international:
        raw = _COUNTRY_CODE.sub("", raw, count=1)
    elif compact.startswith("+") or compact.startswith("00"):
        raise InvalidPhone(_MSG_FOREIGN)
    elif _MOBILE_AFTER_86.fullmatch(compact):  # "86" without plus, before a mobile
        raw = _COUNTRY_CODE.sub("", raw, count=1)
    if "+" in raw:
        raise InvalidPhone(_MSG_CHARS)
    digits = _NOT_DIGITS.sub("", raw)

    if international and not digits.startswith("0") and not _MOBILE.fullmatch(digits):
        digits = "0" + digits  # "+86 755 ..." drops the trunk 0 of the area code
    if digits.startswith("1"):
        if _MOBILE.fullmatch(digits):
            if extension:
                raise InvalidPhone(_MSG_MOBILE_EXT)
            return digits
        if _SERVICE.fullmatch(digits) and not international:
            raise InvalidPhone(_MSG_SERVICE, {"number": digits})
        raise InvalidPhone(_MSG_MOBILE, {"length": str(len(digits))})
    if _SERVICE.fullmatch(digits) and not international:
        raise InvalidPhone(_MSG_SERVICE, {"number": digits})
    if not digits.startswith("0"):
        if _LOCAL.fullmatch(digits):
            raise InvalidPhone(_MSG_NO_AREA)
        raise InvalidPhone(_MSG_GENERAL)

    parts = None
    if not extension:
        # "010-12345678-123": a short last dash group after a complete number is an extension
        # (checked first so that the canonical form reads back unchanged).
        head, sep, tail = raw.rpartition("-")
        if sep and _EXTENSION_GROUP.fullmatch(tail):
            head_digits = _NOT_DIGITS.sub("", head)
            if international and not head_digits.startswith("0"):
                head_digits = "0" + head_digits
            parts = _landline(head_digits)
            if parts:
                extension = tail.strip()
    parts = parts or _landline(digits)
    if parts is None:
        if _area_length(digits) is None:
            raise InvalidPhone(_MSG_AREA, {"area": digits[:4]})
        raise InvalidPhone(_MSG_LANDLINE)
    area, local = parts
    return f"{area}-{local}-{extension}" if extension else f"{area}-{local}"


def is_valid_phone(text: str) -> bool:
    """True when `text` is a personal mainland phone number."""
    try:
        normalize_phone(text)
    except InvalidPhone:
        return False
    return True
