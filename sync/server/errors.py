"""The county server's errors, in one place: a CountyError is a refused request, change or admin action.

Its `message` is for people (the county's administrator, the API's caller); `message_zh`, when set,
is what a station's clerk reads (an ack's "reason_zh", an API error's "message_zh").
"""

from __future__ import annotations


class CountyError(Exception):
    """A refused admin action or request, with a message for people (`message_zh` for a station's clerk)."""

    def __init__(self, message: str, message_zh: str | None = None):
        super().__init__(message)
        self.message_zh = message_zh
