"""What stops the station's sync (Qt-free): a SyncError says why in the clerk's words, a Refused is final.

The words are English source strings marked with QT_TRANSLATE_NOOP in the context "Sync" (every
message of sync/ a clerk reads), with their values in `params`: a widget shows them with Qt's translate
(`core_text(SYNC, error.message, error.params)`), the CLI with `message_zh` (the same zh_CN catalogue
read without Qt). str() of the error is the technical detail, for logs.
"""

from __future__ import annotations

from typing import Any

from desktop.records.i18n import chinese_text

SYNC = "Sync"  # the translation context of the station's sync messages


class SyncError(Exception):
    """Sync could not go on; `message` + `params` for the clerk, `code` for programs, str() the detail."""

    def __init__(self, message: str, params: dict[str, Any] | None = None, *, code: str = "error",
                 detail: str | None = None):
        self.message, self.params, self.code = message, dict(params or {}), code
        super().__init__(detail or message.format(**self.params))

    @property
    def message_zh(self) -> str:
        """The clerk's words in Chinese, without Qt (the CLI; tests)."""
        return chinese_text(SYNC, self.message, self.params)


class Refused(SyncError):
    """The county refused the station (revoked, unknown key, replay): retrying will not help."""
