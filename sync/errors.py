"""What stops the station's sync (Qt-free): a SyncError says why in the clerk's words, a Refused is final."""

from __future__ import annotations


class SyncError(Exception):
    """Sync could not go on; `message_zh` is for the clerk, `code` for programs (e.g. "network", "revoked")."""

    def __init__(self, message: str, message_zh: str | None = None, *, code: str = "error"):
        super().__init__(message)
        self.message_zh = message_zh or message
        self.code = code


class Refused(SyncError):
    """The county refused the station (revoked, unknown key, replay): retrying will not help."""
