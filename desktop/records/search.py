"""Chinese substring search that also finds one- and two-character words.

FTS5's trigram tokenizer needs three characters, but most Chinese words have
two (工资, 离婚, 张三). We index, per record, its distinct characters (`uni`)
and its character bigrams in order (`bi`). A one-character query matches
`uni`; a longer one is the phrase of its bigrams in `bi`, which matches exactly
where the query is a substring of an indexed run of text. Runs are split at
spaces and punctuation, so a phrase never spans two fields or words.

In the running program the index is written by the lane right after each save (search_lane.py).
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterable

from . import casework
from .connection import Database

TABLES = {"person": "persons", "consultation": "consultations", "application": "applications",
          **casework.TABLES}  # the records after the decision (issue 14)
SEARCHED_FIELDS = {
    "person": ("name", "id_number", "phone", "address"),
    "consultation": ("name", "id_number", "phone", "question", "answer", "outreach_event",
                     "referral_note", "follow_up_note"),
    "application": ("number", "name", "id_number", "phone", "cause", "facts", "opposing_party",
                    "charge", "agent_name", "detention_place", "note"),
    **casework.SEARCHED_FIELDS,
}

# Who a record is about: indexed apart from its text, so a search lists these hits first (the store keeps the
# index current; migration step 8 built it for older stations).
WHO_FIELDS = {"consultation": ("name", "id_number", "phone"), "application": ("number", "name", "id_number", "phone"),
              **casework.WHO_FIELDS}  # (step 20 for the records after the decision, desktop/records/casework_index.py)


# A three-letter token: queries only ever produce two-character bigrams, so no
# phrase can match across it, i.e. across two runs of text.
_BREAK = "zzz"


def _runs(text: str) -> list[str]:
    """Letters, digits and marks (any script) in runs; everything else separates."""
    text = unicodedata.normalize("NFKC", text).casefold()
    runs, current = [], []
    for ch in text:
        if unicodedata.category(ch)[0] in "LNM":
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def index_terms(values: Iterable[str | None]) -> tuple[str, str]:
    """The (uni, bi) column texts for a record's searchable values."""
    chars: dict[str, None] = {}
    bigrams: list[str] = []
    for value in values:
        if not value:
            continue
        for run in _runs(str(value)):
            chars.update(dict.fromkeys(run))
            bigrams.extend(run[i:i + 2] for i in range(len(run) - 1))
            bigrams.append(_BREAK)
    return " ".join(chars), " ".join(bigrams)


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for a user's query, or None when it has nothing searchable."""
    parts = []
    for run in _runs(query):
        if len(run) == 1:
            parts.append(f'uni:"{run}"')
        else:
            parts.append('bi:"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"')
    return " AND ".join(parts) if parts else None


def search_ids(db: Database, record_type: str, text: str) -> Iterable[int]:
    """Row numbers of records whose searched fields contain `text` (used by the list queries)."""
    expression = match_expression(text)
    if expression is None:
        return []
    return [r[0] for r in db.execute(f"SELECT rowid FROM {record_type}_search WHERE {record_type}_search MATCH ?",
                                     (expression,))]


# -- writing the index ---------------------------------------------------------------------------

def write_index(conn, record_type: str, rownum: int, data: dict[str, Any]) -> None:
    """A record's search entries (its text, and who it is about), replacing its older ones. A casework record's are
    written after its row: the applicant's name they hold is the row's (desktop/records/casework_index.py)."""
    extra: tuple = ()
    if casework.is_casework(record_type):
        row = conn.execute(f"SELECT person_name FROM {TABLES[record_type]} WHERE rownum = ?", (rownum,)).fetchone()
        extra = (row[0],) if row else ()
    uni, bi = index_terms([*(data.get(name) for name in SEARCHED_FIELDS[record_type]), *extra])
    conn.execute(f"DELETE FROM {record_type}_search WHERE rowid = ?", (rownum,))
    conn.execute(f"INSERT INTO {record_type}_search (rowid, uni, bi) VALUES (?, ?, ?)", (rownum, uni, bi))
    if record_type in WHO_FIELDS:
        uni, bi = index_terms([*(data.get(name) for name in WHO_FIELDS[record_type]), *extra])
        conn.execute(f"DELETE FROM {record_type}_who WHERE rowid = ?", (rownum,))
        conn.execute(f"INSERT INTO {record_type}_who (rowid, uni, bi) VALUES (?, ?, ?)", (rownum, uni, bi))
