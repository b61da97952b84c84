"""List queries: filter, sort, search and page through consultations, applications and the casework lists.

The list screens ask for one page at a time (`Listing`: keyset over an indexed order, or from the
nearer end), so a station with 200,000 records opens its lists as fast as one with 20, and its last
record is as near as its first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import casework, list_counts
from .connection import Database
from .reference import default_reference
from .search import match_expression
from .store import TABLES

LIST_COLUMNS = {
    "consultation": ("occurred_at", "person_name", "channel", "matter_category", "outcome", "clerk"),
    "application": ("number", "received_at", "person_name", "case_type", "eligibility_ground", "status", "clerk"),
}
TIME_COLUMN = dict(list_counts.TIME_COLUMN)
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
    segment: int = 0  # a search lists who-hits (segment 0) before text hits (segment 1)


def _code_filters(query: ListQuery) -> tuple[list[str], list]:
    """The WHERE clauses of the filter bar's void box and coded filters: the same on the records and on their counts
    (desktop/records/list_counts.py)."""
    rt = query.record_type
    clauses, params = [], []
    if not query.include_voided:
        clauses.append("voided = 0")
    for column, value in (("channel", query.channel), (CATEGORY_COLUMN.get(rt), query.category),
                          (STATUS_COLUMN.get(rt), query.status)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    return clauses, params


def _filters(query: ListQuery) -> tuple[list[str], list]:
    """The WHERE clauses of the filter bar (the search text is the segments'; the special group is `_source`'s)."""
    clauses, params = _code_filters(query)
    for time in (TIME_COLUMN[query.record_type], "g_at") if query.special_group else (TIME_COLUMN[query.record_type],):
        if query.date_from:  # on the group's time too: its walk starts and stops at the dates
            clauses.append(f"{time} >= ?")
            params.append(query.date_from.isoformat())
        if query.date_to:
            clauses.append(f"{time} < ?")
            params.append((query.date_to + timedelta(days=1)).isoformat())
    return clauses, params


def _source(query: ListQuery) -> tuple[str, list[str], list, str, str]:
    """What a list reads FROM, its clauses and their values, and the (time, row) columns its time order walks.

    A special group's list walks the group's members in time order (desktop/records/list_counts.py) and reads
    each member's record by its row number."""
    rt, table = query.record_type, TABLES[query.record_type]
    if query.special_group:
        return (f"group_members CROSS JOIN {table} ON {TIME_COLUMN[rt]} = g_at AND +rownum = g_rownum",
                ["g_table = ?", "g_code = ?"],
                [table, query.special_group], "g_at", "g_rownum")
    return table, [], [], TIME_COLUMN[rt], "rownum"


def _by_value(query: ListQuery) -> str | None:
    """The column a list sorted by it is read in parts of, one per value in the column's order (each part in the
    list's time order, on an index that starts with the column), or None. A search keeps its two parts (sorting
    its matches); every other sort column has an index of its own order (time, name, number)."""
    rt = query.record_type
    if query.text.strip() or query.sort is None:
        return None
    if list_counts.counted(rt, query.sort) or (casework.is_casework(rt) and query.sort in CODE_LISTS[rt]):
        return query.sort
    return None


def _value_segments(db: Database, query: ListQuery, column: str) -> list[tuple[str, list]]:
    """The parts of a list sorted by `column`: each value the list's counts hold, coded values in the order of their
    reference list (the filter's drop-down) and the rest after them, as ORDER BY did; in reverse when descending."""
    rt = query.record_type
    list_name = CODE_LISTS[rt].get(column)
    if not list_counts.counted(rt, column):
        return _casework_value_segments(query, column, list_name)
    found = set(list_counts.sums(db, rt, None, [], [], by=column))  # every value held ('' for none)
    if list_name is None:  # the clerk: in text order, none first
        segments = [(f"{column} = ?", [value]) if value else (f"coalesce({column}, '') = ''", [])
                    for value in sorted(found)]
    else:
        codes = [choice.code for choice in default_reference().choices(list_name)]
        segments = [(f"{column} = ?", [code]) for code in codes if code in found]
        if found - set(codes):
            segments.append((f"coalesce({column}, '') NOT IN ({', '.join('?' * len(codes))})", codes))
    return segments[::-1] if query.descending else segments


def _casework_value_segments(query: ListQuery, column: str, list_name: str) -> list[tuple[str, list]]:
    """A casework list's parts by a coded column (no counts are kept for them): each code of the reference list, then
    none, then the codes the list no longer holds, each range between two of its codes a part (counted and read on
    the column's index, desktop/records/casework_index.py; those parts are empty but for records of retired codes)."""
    codes = [choice.code for choice in default_reference().choices(list_name)]
    segments = [(f"{column} = ?", [code]) for code in codes] + [(f"{column} IS NULL", [])]
    bounds = sorted(codes)
    segments += [(f"{column} < ?", [bounds[0]])] + [(f"{column} > ? AND {column} < ?", [low, high])
                                                   for low, high in zip(bounds, bounds[1:])]
    segments.append((f"{column} > ?", [bounds[-1]]))
    return segments[::-1] if query.descending else segments


def _segments(db: Database, query: ListQuery) -> list[tuple[str, list]]:
    """The list's parts in order, each a clause on top of the filters.

    Without search text the list is one part, or one per value when sorted by a counted column (`_by_value`). A search lists first the records whose person or number
    holds the text (the `_who` index: name, ID number, phone, application number), then the records that
    only mention it in their text: searching 张 shows the people named 张 before 主张 and 紧张. Each part
    keeps the list's order, and "+rownum" lets SQLite walk that order and stop after a page instead of
    sorting every match.
    """
    column = _by_value(query)
    if column is not None:
        return _value_segments(db, query, column)
    if not query.text.strip():
        return [("", [])]
    expression = match_expression(query.text)
    rt = query.record_type
    who = f"SELECT rowid FROM {rt}_who WHERE {rt}_who MATCH ?"
    text = f"SELECT rowid FROM {rt}_search WHERE {rt}_search MATCH ?"
    return [(f"+rownum IN ({who})", [expression]),
            (f"+rownum IN ({text}) AND +rownum NOT IN ({who})", [expression, expression])]


def searchable(query: ListQuery) -> bool:
    """False when the search text has nothing to search for (only punctuation): the list is then empty."""
    return not query.text.strip() or match_expression(query.text) is not None


def segment_counts(db: Database, query: ListQuery, segments: list[tuple[str, list]] | None = None) -> list[int]:
    """How many records each part of the list holds ([] when the search text has nothing to search for)."""
    if not searchable(query):
        return []
    rt, table = query.record_type, TABLES[query.record_type]
    filters, filter_params = _filters(query)
    segments = _segments(db, query) if segments is None else segments
    unfiltered = filters in ([], ["voided = 0"]) and not query.special_group
    if segments == [("", [])] and unfiltered:  # the whole list: its count kept by triggers
        name = f"{table}:{'all' if query.include_voided else 'live'}"  # (desktop/records/migrations.py step 11)
        return [db.execute("SELECT n FROM counts WHERE name = ?", (name,)).fetchone()[0]]
    if rt in list_counts.COUNTED and not (query.text.strip() or query.date_from or query.date_to):
        # coded filters, a special group, parts by value: summed in the counts kept by triggers, whatever the size
        clauses, params = _code_filters(query)
        return [sum(list_counts.sums(db, rt, query.special_group, [*clauses, clause] if clause else clauses,
                                     [*params, *clause_params]).values()) for clause, clause_params in segments]
    if query.text.strip() and unfiltered:
        # search only: count in the indexes, minus the void matches (a small partial index)
        expression = match_expression(query.text)
        found = []
        for index in (f"{rt}_who", f"{rt}_search"):
            total = db.execute(f"SELECT count(*) FROM {index} WHERE {index} MATCH ?", (expression,)).fetchone()[0]
            if not query.include_voided:
                total -= db.execute(f"SELECT count(*) FROM {table} WHERE voided = 1 AND rownum IN "
                                    f"(SELECT rowid FROM {index} WHERE {index} MATCH ?)", (expression,)).fetchone()[0]
            found.append(total)
        who, everything = found  # the who fields are searched fields too: every who-hit is a text hit
        return [who, everything - who]
    source, source_clauses, source_params, _time, _row = _source(query)
    if query.text.strip():  # a filtered search: both parts in one walk of the filtered records
        expression = match_expression(query.text)
        who, text = (f"SELECT rowid FROM {rt}_{index} WHERE {rt}_{index} MATCH ?" for index in ("who", "search"))
        where = " AND ".join([*source_clauses, *filters, f"+rownum IN ({text})"])
        everything, who_hits = db.execute(f"SELECT count(*), count(CASE WHEN +rownum IN ({who}) THEN 1 END) "
                                          f"FROM {source} WHERE {where}",
                                          [expression, *source_params, *filter_params, expression]).fetchone()
        return [who_hits, everything - who_hits]  # every who-hit is a text hit (the who fields are searched too)
    counts = []
    for clause, params in segments:
        clauses = source_clauses + filters + ([clause] if clause else [])
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        counts.append(db.execute(f"SELECT count(*) FROM {source}{where}",
                                 [*source_params, *filter_params, *params]).fetchone()[0])
    return counts


def count(db: Database, query: ListQuery) -> int:
    """How many records the list holds."""
    return sum(segment_counts(db, query))


def _order_key(record_type: str, column: str) -> str:
    """What ORDER BY uses for a column: a code column's position in its reference list."""
    if column in ("person_name", casework.NAME_SORTED.get(record_type)):
        return "name_key"  # pinyin order (desktop/records/sortkey.py), indexed
    list_name = CODE_LISTS[record_type].get(column)
    if list_name is None:
        return column
    codes = [choice.code for choice in default_reference().choices(list_name)]
    cases = " ".join("WHEN '{}' THEN {}".format(code.replace("'", "''"), i) for i, code in enumerate(codes))
    return f"CASE {column} {cases} ELSE {len(codes)} END"


class Listing:
    """The rows of one list query, any page of them, fast at any depth.

    Counted once when made. Pages are read by keyset where the list's order allows it (the default time
    order): after the last row of the page before (scrolling down), or before the first row of the page
    after (scrolling up from the end). Any other page is read from whichever end of its part is nearer,
    so Ctrl+End at row 200,000 costs what the first page costs.
    """

    def __init__(self, db: Database, query: ListQuery):
        self.db = db
        self.query = query
        self._segments = _segments(db, query) if searchable(query) else []
        self.counts = segment_counts(db, query, self._segments)
        self.total = sum(self.counts)
        rt = query.record_type
        self._time = TIME_COLUMN[rt]
        # parts by value are each in time order: read as the time order is, by keyset
        self._sort = query.sort if query.sort in LIST_COLUMNS[rt] and _by_value(query) is None else self._time

    def page(self, start: int, limit: int, *, after: ListRow | None = None,
             before: ListRow | None = None) -> list[ListRow]:
        """Rows start .. start+limit-1 in the list's order (fewer when the list ends there).

        `after` is the row at start-1 and `before` the row at start+limit, when the caller holds them.
        """
        rows: list[ListRow] = []
        position, remaining = start, min(limit, self.total - start)
        while remaining > 0:
            segment, local = self._locate(position)
            wanted = min(remaining, self.counts[segment] - local)
            ends_at_before = before is not None and before.segment == segment and wanted == remaining
            found = self._read(segment, local, wanted,
                               after=after if after is not None and after.segment == segment else None,
                               before=before if ends_at_before else None)
            rows += found
            if len(found) < wanted:
                break  # records changed since the count: the list ends here until it is read again
            position, remaining, after = position + wanted, remaining - wanted, None
        return rows

    def _locate(self, position: int) -> tuple[int, int]:
        for segment, size in enumerate(self.counts):
            if position < size:
                return segment, position
            position -= size
        return len(self.counts) - 1, position

    def _read(self, segment: int, local: int, limit: int, *, after: ListRow | None,
              before: ListRow | None) -> list[ListRow]:
        rt, query = self.query.record_type, self.query
        source, clauses, params, time, row = _source(query)
        filters, filter_params = _filters(query)
        clauses, params = [*clauses, *filters], [*params, *filter_params]
        clause, segment_params = self._segments[segment]
        if clause:
            clauses, params = [*clauses, clause], [*params, *segment_params]
        keyset = self._sort == self._time
        backwards = False
        offset = local
        if keyset and after is not None and after.key:
            clauses.append(f"({time}, {row}) {'<' if query.descending else '>'} (?, ?)")
            params, offset = [*params, *after.key], 0
        elif keyset and before is not None and before.key:
            clauses.append(f"({time}, {row}) {'>' if query.descending else '<'} (?, ?)")
            params, offset, backwards = [*params, *before.key], 0, True
        elif local * 2 > self.counts[segment]:  # nearer the end: read it backwards from there
            offset, backwards = self.counts[segment] - local - limit, True
        descending = query.descending != backwards
        direction = "DESC" if descending else "ASC"
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        urgent = "urgent" if rt == "application" else "0"
        order = time if keyset else _order_key(rt, self._sort)
        sql = (f"SELECT id, voided, {urgent}, {self._time}, rownum, {', '.join(LIST_COLUMNS[rt])} FROM {source}"
               f"{where} ORDER BY {order} {direction}, {row} {direction} LIMIT ? OFFSET ?")
        rows = [ListRow(r[0], tuple(r[5:]), bool(r[1]), bool(r[2]), (r[3], r[4]), segment)
                for r in self.db.execute(sql, [*params, limit, max(offset, 0)])]
        return rows[::-1] if backwards else rows


def fetch(db: Database, query: ListQuery, offset: int, limit: int,
          after: ListRow | None = None) -> list[ListRow]:
    """One page of rows in the query's order (counts the list first: hold a `Listing` to read many pages)."""
    return Listing(db, query).page(offset, limit, after=after)


RECENT_FOR_DEFAULTS = 200  # the channel a station uses most, judged on its latest records


def most_used_channel(db: Database, record_type: str) -> str | None:
    """The channel of most of the station's latest records (None before the first): a new form starts with it,
    so a station that answers the 12348 hotline all day does not choose it every time."""
    time = TIME_COLUMN[record_type]
    row = db.execute(f"SELECT channel FROM (SELECT channel FROM {TABLES[record_type]} WHERE voided = 0 "
                     f"ORDER BY {time} DESC LIMIT ?) WHERE channel IS NOT NULL GROUP BY channel "
                     "ORDER BY count(*) DESC, channel LIMIT 1", (RECENT_FOR_DEFAULTS,)).fetchone()
    return row[0] if row else None


def consultation_person(db: Database, consultation_id: str) -> str | None:
    """The name of the person a consultation is about (None: no such consultation), from its indexed column."""
    row = db.execute("SELECT person_name FROM consultations WHERE id = ?", (consultation_id,)).fetchone()
    return row[0] if row else None
