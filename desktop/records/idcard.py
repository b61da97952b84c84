"""The 18-digit resident ID number (GB 11643-1999): checksum, birth date, gender and region.

The form fills birth date, gender and region from the number and cross-checks
what the clerk typed, so a typo is caught while the person is still at the desk.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import mul

from .i18n import QT_TRANSLATE_NOOP
from .reference import default_reference

# Weights 2^(17-i) mod 11 and the check characters of ISO 7064 MOD 11-2.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EIGHTEEN = re.compile(r"[0-9]{17}[0-9X]")
_SPACES_AND_DASHES = re.compile(r"[\s\-]")

# Oldest birth year accepted: the standard's own example is born in 1880.
MIN_BIRTH_YEAR = 1850

_MSG_EMPTY = QT_TRANSLATE_NOOP("Validation", "Please enter the ID number.")
_MSG_OLD_15 = QT_TRANSLATE_NOOP(
    "Validation",
    "This is an old 15-digit ID number; please enter the 18-digit number from the current ID card.")
_MSG_LENGTH = QT_TRANSLATE_NOOP(
    "Validation", "An ID number has 18 characters; this one has {length}. Please check the number.")
_MSG_CHARS = QT_TRANSLATE_NOOP(
    "Validation", "An ID number has 17 digits followed by a digit or X; please check the number.")
_MSG_PROVINCE = QT_TRANSLATE_NOOP(
    "Validation", "The ID number starts with {code}, which is not a province code; please check the number.")
_MSG_BAD_DATE = QT_TRANSLATE_NOOP(
    "Validation", "The date of birth in the ID number ({digits}) is not a real date; please check the number.")
_MSG_FUTURE_DATE = QT_TRANSLATE_NOOP(
    "Validation", "The date of birth in the ID number ({date}) is in the future; please check the number.")
_MSG_CHECK_DIGIT = QT_TRANSLATE_NOOP(
    "Validation", "The ID number's check digit is wrong; please check the number.")


class InvalidResidentId(ValueError):
    """A resident ID number that cannot be right; `message` is an English source string."""

    def __init__(self, message: str, params: dict[str, str] | None = None):
        self.message = message
        self.params = dict(params or {})
        super().__init__(message.format(**self.params))


@dataclass(frozen=True)
class ResidentId:
    number: str  # normalised: 18 characters, uppercase X
    birth_date: date
    gender: str  # "male" / "female", the codes of the genders list
    region_code: str  # first 6 digits
    region_name: str  # most precise known name, e.g. "广东省汕头市", else the province
    region_name_en: str


def check_digit(first17: str) -> str:
    """The check character (0-9 or X) for 17 digits."""
    total = sum(map(mul, map(int, first17), _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def clean_id_text(text: str) -> str:
    """Full-width digits (Chinese input methods) to ASCII, spaces and dashes removed, x to X."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES_AND_DASHES.sub("", text).upper()


@lru_cache(maxsize=1)
def _regions() -> dict[str, tuple[str, str]]:
    return {c.code: (c.zh, c.en) for c in default_reference().choices("regions")}


def region_names(code6: str) -> tuple[str, str] | None:
    """(zh, en) of the most precise known region for a 6-digit code; None when the province is unknown."""
    regions = _regions()
    province = regions.get(code6[:2])
    if province is None:
        return None
    county = regions.get(code6)
    if county:  # 6-digit codes, if the county ever adds them, already name the whole place
        return county
    prefecture = regions.get(code6[:4])
    if prefecture:
        return province[0] + prefecture[0], f"{prefecture[1]}, {province[1]}"
    return province


def parse_resident_id(text: str, *, today: date | None = None) -> ResidentId:
    """Parse and check an 18-digit resident ID number, or raise InvalidResidentId saying what is wrong."""
    number = clean_id_text(text)
    if not number:
        raise InvalidResidentId(_MSG_EMPTY)
    if len(number) == 15 and number.isdigit():
        raise InvalidResidentId(_MSG_OLD_15)
    if len(number) != 18:
        raise InvalidResidentId(_MSG_LENGTH, {"length": str(len(number))})
    if not _EIGHTEEN.fullmatch(number):
        raise InvalidResidentId(_MSG_CHARS)
    names = region_names(number[:6])
    if names is None:
        raise InvalidResidentId(_MSG_PROVINCE, {"code": number[:2]})
    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidResidentId(_MSG_BAD_DATE, {"digits": digits}) from None
    if birth.year < MIN_BIRTH_YEAR:
        raise InvalidResidentId(_MSG_BAD_DATE, {"digits": digits})
    if birth > (today or date.today()):
        raise InvalidResidentId(_MSG_FUTURE_DATE, {"date": birth.isoformat()})
    # The checksum last: a region or date message tells the clerk which part is wrong.
    if check_digit(number[:17]) != number[17]:
        raise InvalidResidentId(_MSG_CHECK_DIGIT)
    gender = "male" if int(number[16]) % 2 else "female"
    return ResidentId(number, birth, gender, number[:6], names[0], names[1])


def age_on(birth: date, day: date) -> int:
    """Full years of age on `day` (a birthday counts from the day itself)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
