"""List queries: filter, sort, search and page through consultations and applications.

The list screens ask for one page at a time (LIMIT/OFFSET over an indexed
order), so a station with 200,000 records opens its lists as fast as one with 20.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import sqlite_utils

from . import casework
from .reference import default_reference
from .search import match_expression
from .store import TABLES

LIST_COLUMNS = {
    "consultation": ("occurred_at", "person_name", "channel", "matter_category", "outcome", "clerk"),
    "application": ("number", "received_at", "person_name", "case_type", "eligibility_ground", "status", "clerk"),
}
TIME_COLUMN = {"consultation": "occurred_at", "application": "received_at"}
CATEGORY_COLUMN = {"consultation": "matter_category", "application": "case_type"}
STATUS_COLUMN = {"consultation": "outcome", "application": "status"}
# code columns sort in the order of their reference list (the order of the filter's drop-down), not by
# the stored code, which in Chinese looks random (hotline < letter < online < walk_in)
CODE_LISTS = {
    "consultation": {"channel": "consultation_channels", "matter_category": "matter_categories",
                     "outcome": "consultation_outcomes"},
    "application": {"case_type": "case_types", "eligibility_ground": "eligibility_grounds",
                    "status": "application_status"},
}

# the records after the decision (issue 14) page the same way
LIST_COLUMNS.update(casework.LIST_COLUMNS)
TIME_COLUMN.update(casework.TIME_FIELD)
CODE_LISTS.update(casework.CODE_LISTS)


@dataclass(frozen=True)
class ListQuery:
    record_type: str
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    channel: str | None = None
    category: str | None = None  # matter category / case type
    status: str | None = None  # outcome / application status
    special_group: str | None = None  # a person_categories code
    include_voided: bool = False
    sort: str | None = None  # one of LIST_COLUMNS; None = newest first
    descending: bool = True

    def with_(self, **changes) -> "ListQuery":
        return replace(self, **changes)


@dataclass(frozen=True)
class ListRow:
    id: str
    values: tuple
    voided: bool
    urgent: bool = False
    key: tuple = ()  # (time, rownum): where the next page starts in the default order


def _where(query: ListQuery) -> tuple[str, list]:
    rt = query.record_type
    clauses, params = [], []
    if not query.include_voided:
        clauses.append("voided = 0")
    if query.date_from:
        clauses.append(f"{TIME_COLUMN[rt]} >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to:
        clauses.append(f"{TIME_COLUMN[rt]} < ?")
        params.append((query.date_to + timedelta(days=1)).isoformat())
    if query.channel:
        clauses.append("channel = ?")
        params.append(query.channel)
    if query.category:
        clauses.append(f"{CATEGORY_COLUMN[rt]} = ?")
        params.append(query.category)
    if query.status:
        clauses.append(f"{STATUS_COLUMN[rt]} = ?")
        params.append(query.status)
    if query.special_group:
        clauses.append("categories LIKE ?")
        params.append(f"% {query.special_group} %")
    expression = match_expression(query.text) if query.text.strip() else None
    if expression:
        # "+rownum": walk the time order and stop after a page, instead of sorting every match
        clauses.append(f"+rownum IN (SELECT rowid FROM {rt}_search WHERE {rt}_search MATCH ?)")
        params.append(expression)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def searchable(query: ListQuery) -> bool:
    """False when the search text has nothing to search for (only punctuation): the list is then empty."""
    return not query.text.strip() or match_expression(query.text) is not None


def count(db: sqlite_utils.Database, query: ListQuery) -> int:
    if not searchable(query):
        return 0
    expression = match_expression(query.text) if query.text.strip() else None
    if expression and query == ListQuery(query.record_type, text=query.text, include_voided=query.include_voided,
                                         sort=query.sort, descending=query.descending):
        # search only: count in the index, minus the void matches (a small partial index)
        rt = query.record_type
        total = db.execute(f"SELECT count(*) FROM {rt}_search WHERE {rt}_search MATCH ?", (expression,)).fetchone()[0]
        if query.include_voided:
            return total
        void = db.execute(f"SELECT count(*) FROM {TABLES[rt]} WHERE voided = 1 AND rownum IN "
                          f"(SELECT rowid FROM {rt}_search WHERE {rt}_search MATCH ?)", (expression,)).fetchone()[0]
        return total - void
    where, params = _where(query)
    return db.execute(f"SELECT count(*) FROM {TABLES[query.record_type]}{where}", params).fetchone()[0]


def _order_key(record_type: str, column: str) -> str:
    """What ORDER BY uses for a column: a code column's position in its reference list."""
    if column == "person_name":
        return "name_key"  # pinyin order (desktop/records/sortkey.py), indexed
    list_name = CODE_LISTS[record_type].get(column)
    if list_name is None:
        return column
    codes = [choice.code for choice in default_reference().choices(list_name)]
    cases = " ".join("WHEN '{}' THEN {}".format(code.replace("'", "''"), i) for i, code in enumerate(codes))
    return f"CASE {column} {cases} ELSE {len(codes)} END"


def fetch(db: sqlite_utils.Database, query: ListQuery, offset: int, limit: int,
          after: ListRow | None = None) -> list[ListRow]:
    """One page of rows in the query's order.

    In the default (time) order, pass the last row already shown as `after`: the
    page then starts from its key (fast at any depth) instead of skipping `offset` rows.
    """
    if not searchable(query):
        return []
    rt = query.record_type
    columns = LIST_COLUMNS[rt]
    time = TIME_COLUMN[rt]
    sort = query.sort if query.sort in columns else time
    direction = "DESC" if query.descending else "ASC"
    where, params = _where(query)
    if after is not None and after.key and sort == time:
        where += (" AND " if where else " WHERE ") + f"({time}, rownum) {'<' if query.descending else '>'} (?, ?)"
        params = [*params, *after.key]
        offset = 0
    urgent = "urgent" if rt == "application" else "0"
    sql = (f"SELECT id, voided, {urgent}, {time}, rownum, {', '.join(columns)} FROM {TABLES[rt]}{where} "
           f"ORDER BY {_order_key(rt, sort)} {direction}, rownum {direction} LIMIT ? OFFSET ?")
    return [ListRow(r[0], tuple(r[5:]), bool(r[1]), bool(r[2]), (r[3], r[4]))
            for r in db.execute(sql, [*params, limit, offset])]
