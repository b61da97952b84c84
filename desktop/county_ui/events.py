"""A county decision in one or two lines: when, who (the account's person, as recorded by the server), what."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.records.deadlines import CHINA
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.county_rules import DECISION_FIELDS
from sync.workspace_client import Event

from .words import DECISIONS, word

SHOWN = ("items", "deadline", "reasons", "name", "organisation", "years_of_practice", "reason", "result", "note",
         "outcome", "answer", "answered_at")
# Art. 49's two answers, as the decision list reads them
OUTCOMES = {"upheld": QT_TRANSLATE_NOOP("Events", "upheld"),
            "corrected": QT_TRANSLATE_NOOP("Events", "ordered corrected: the center decides again")}


def china_time(at: str | None) -> str:
    """A county time stamp (UTC) as the center reads it, in China: '2026-12-05T03:02:00+00:00' -> '2026-12-05 11:02'."""
    try:
        return datetime.fromisoformat(str(at)).astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(at or "")[:16].replace("T", " ")


def _shown(name: str, value: Any) -> str:
    if name == "outcome" and value in OUTCOMES:
        return QCoreApplication.translate("Events", OUTCOMES[value])
    return _value(value)


def _value(value: Any) -> str:
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def event_text(event: Event) -> str:
    head = f"{china_time(event.at)} · {event.by} · {word(DECISIONS, event.kind)}"
    lines = [f"{QCoreApplication.translate('County', DECISION_FIELDS[k])}：{_shown(k, event.data[k])}"
             for k in SHOWN if event.data.get(k) not in (None, "", [])]
    return "\n".join([head, *lines])
