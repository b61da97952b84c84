"""The county server's errors and the words they carry, in one place.

A CountyError is a refused request, change or admin action. str() is the English detail (for the
county's administrator and the API's "message"); `message`, when given, is what a station's clerk or
the county's staff read: an English source marked for translation in the context "County", with its
values in `params`, rendered in Chinese without Qt (`message_zh`: an ack's "reason_zh", an API error's
"message_zh"). The refusals of the sync protocol itself (the error codes a station words by code) are
sync/protocol.py's REFUSALS; `refusal` gives their JSON body.
"""

from __future__ import annotations

import logging
from typing import Any

from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese, chinese_text
from desktop.records.typed_text import first_control
from sync.protocol import REFUSALS

COUNTY = "County"  # the translation context of the county's messages

REFUSED = QT_TRANSLATE_NOOP("County", "Refused: {reason}")
CONTROL_CHARACTERS = QT_TRANSLATE_NOOP("County", "The text holds characters that cannot be shown or printed (control "
                                                 "characters, such as NUL); nothing was changed. Type it again.")
LIST_SEPARATOR = QT_TRANSLATE_NOOP("County", "; ")
NOT_WORDED = QT_TRANSLATE_NOOP("County", "The county server could not do this. Its log gives the reason to the county's "
                                         "administrator.")
log = logging.getLogger(__name__)


class CountyError(Exception):
    """A refused admin action or request: str() the English detail, `message_zh` (or None) for people."""

    def __init__(self, detail: str, message: str | None = None, params: dict[str, Any] | None = None):
        super().__init__(detail)
        self.message, self.params = message, dict(params or {})

    @property
    def message_zh(self) -> str | None:
        return zh(self.message, **self.params) if self.message else None


def zh(message: str, **params: Any) -> str:
    """A county message in Chinese (the zh_CN catalogue, read without Qt)."""
    return chinese_text(COUNTY, message, params)


def words_of(error: BaseException) -> str:
    """What people read of a refused request: its Chinese message; for an error nobody has worded, a general
    sentence (its English detail goes to the log, for the administrator, not to the staff's screen)."""
    said = getattr(error, "message_zh", None)
    if isinstance(said, str) and said:
        return said
    log.warning("a refusal without words for people: %s", error)
    return zh(NOT_WORDED)


def refusal(code: str, detail: str) -> dict[str, str]:
    """The JSON body of a refused station request: its code, the English detail and the clerk's words."""
    return {"error": code, "message": detail,
            "message_zh": chinese("Sync", REFUSALS[code]) if code in REFUSALS else detail}


def check_printable(*texts: Any) -> None:
    """CountyError (in Chinese) when a text a person typed holds control characters (NUL, a bell, C1 codes): they
    would be kept, sent to the stations and printed on documents. Tabs and line breaks are text."""
    for text in texts:
        if isinstance(text, str) and first_control(text, allowed="\t\n\r") is not None:
            raise CountyError("control characters in a text", CONTROL_CHARACTERS)
