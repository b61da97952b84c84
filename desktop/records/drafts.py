"""Drafts: the form in progress, kept every few seconds so a crash or a power cut loses at most a few seconds
(the store's; in the encrypted station.db like every record)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .canonical import canonical_json
from .db import write_transaction


@dataclass(frozen=True)
class Draft:
    form: str
    record_id: str | None
    base_version: int | None
    data: dict[str, Any]
    saved_at: str


class Drafts:
    """The store's drafts (a part of Store: it has `db` and `_now`)."""

    def save_draft(self, form: str, data: dict[str, Any], *, record_id: str | None = None,
                   base_version: int | None = None) -> None:
        with write_transaction(self.db) as conn:
            conn.execute("INSERT INTO drafts (form, record_id, base_version, data, saved_at) VALUES (?, ?, ?, ?, ?) "
                         "ON CONFLICT(form) DO UPDATE SET record_id = excluded.record_id, "
                         "base_version = excluded.base_version, data = excluded.data, saved_at = excluded.saved_at",
                         (form, record_id, base_version, canonical_json(data), self._now()))

    def drafts(self) -> list[Draft]:
        return [Draft(f, r, v, json.loads(d), at) for f, r, v, d, at in
                self.db.execute("SELECT form, record_id, base_version, data, saved_at FROM drafts ORDER BY saved_at")]

    def discard_draft(self, form: str) -> None:
        with write_transaction(self.db) as conn:
            conn.execute("DELETE FROM drafts WHERE form = ?", (form,))
