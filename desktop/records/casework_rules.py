"""The rules of the records after the decision (follow-ups, attendance, evaluations, closures, complaints,
outreach events) that validation applies beside each field's own checks (desktop/records/validation.py)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from .i18n import QT_TRANSLATE_NOOP
from .quality import quality_scheme

_DATE_OR_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?")
PAST_DATES = ("visited_on", "hearing_date", "evaluated_on", "closed_on", "complained_at", "held_on", "reply_date",
              "archived_on")
M_SCORE = QT_TRANSLATE_NOOP("Validation", "Give a score from 0 to {max}.")
M_ARCHIVED_BEFORE = QT_TRANSLATE_NOOP("Validation", "A case is archived on or after its closing date ({closed}).")
M_REPLY_BEFORE = QT_TRANSLATE_NOOP("Validation", "The answer cannot come before the complaint ({received}).")
M_REPLY_METHOD = QT_TRANSLATE_NOOP("Validation", "Choose how the complainant was answered.")


def check_rules(record_type: str, data: dict[str, Any], latest: datetime, future: str, add) -> None:
    """`add(field, message, **params)` for each problem; `latest` the latest time a date may name (the station's
    clock with its tolerated skew, ISO text: dates and times compare as text at their length), `future` the
    message for a date after it."""
    latest = latest.isoformat(timespec="seconds")
    for name in PAST_DATES:
        value = data.get(name)
        if isinstance(value, str) and _DATE_OR_TIME.fullmatch(value) \
                and value > latest[:len(value)]:
            add(name, future)
    if record_type == "quality_evaluation":
        for item in quality_scheme().items:
            score = data.get(item.field)
            if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= item.max:
                add(item.field, M_SCORE, max=item.max)
    if record_type == "closure":
        closed, archived = data.get("closed_on"), data.get("archived_on")
        if isinstance(closed, str) and isinstance(archived, str) and archived < closed:
            add("archived_on", M_ARCHIVED_BEFORE, closed=closed)
    if record_type == "complaint":
        received, replied = data.get("complained_at"), data.get("reply_date")
        if isinstance(received, str) and isinstance(replied, str) and replied < received[:10]:
            add("reply_date", M_REPLY_BEFORE, received=received[:10])
        if replied and not data.get("reply_method"):
            add("reply_method", M_REPLY_METHOD)
