"""Every filter, special group and sortable column of the two lists gives the records a plain Python filter and
sort of the same records gives, counted and paged the same, after saves, edits and voids (issue 17: the counts are
kept by triggers and each filter walks an index of its own, desktop/records/list_counts.py)."""

from __future__ import annotations

import re
from datetime import date
from itertools import product

import pytest

from desktop.demo.runner import fill
from desktop.records import list_counts
from desktop.records.queries import CATEGORY_COLUMN, CODE_LISTS, STATUS_COLUMN, TIME_COLUMN, ListQuery, Listing
from desktop.records.reference import default_reference
from desktop.records.store import TABLES

COLUMNS = {"consultation": list_counts.COUNTED["consultation"], "application": list_counts.COUNTED["application"]}


@pytest.fixture
def filled(station):
    fill(station, 400, seed=11, progress=lambda *_: None)  # saves, edits, voids of both lists
    db = station.db
    # an edit that moves a record to another channel and other special groups, and a void: the triggers follow
    moved = db.execute("SELECT id FROM consultations WHERE voided = 0 AND channel != 'letter' LIMIT 1").fetchone()[0]
    data = station.store.get("consultation", moved).data
    station.store.save("consultation", {**data, "channel": "letter", "categories": ["veteran", "woman"]},
                       record_id=moved, expected_version=station.store.get("consultation", moved).version, user="李芳")
    gone = db.execute("SELECT id FROM applications WHERE voided = 0 AND categories LIKE '% elderly %'").fetchone()[0]
    station.store.void("application", gone, "录入错误", user="李芳")
    return station


def _records(db, record_type: str) -> list[dict]:
    time = TIME_COLUMN[record_type]
    names = ("id", "voided", time, "rownum", "categories", *COLUMNS[record_type])
    rows = db.execute(f"SELECT {', '.join(names)} FROM {TABLES[record_type]}").fetchall()
    return [dict(zip(names, row)) for row in rows]


def _expected(records: list[dict], query: ListQuery) -> list[str]:
    """The list a Python filter and sort of the records gives."""
    rt = query.record_type
    time = TIME_COLUMN[rt]
    kept = [r for r in records
            if (query.include_voided or not r["voided"])
            and (not query.channel or r["channel"] == query.channel)
            and (not query.category or r[CATEGORY_COLUMN[rt]] == query.category)
            and (not query.status or r[STATUS_COLUMN[rt]] == query.status)
            and (not query.special_group or query.special_group in r["categories"].split())
            and (not query.date_from or r[time] >= query.date_from.isoformat())
            and (not query.date_to or r[time][:10] <= query.date_to.isoformat())]
    column = query.sort if query.sort in COLUMNS[rt] else None
    if column in CODE_LISTS[rt]:
        codes = [c.code for c in default_reference().choices(CODE_LISTS[rt][column])]

        def place(r: dict):
            return codes.index(r[column]) if r[column] in codes else len(codes)
    else:
        def place(r: dict):
            return r[column] or "" if column else 0
    kept.sort(key=lambda r: (place(r), r[time], r["rownum"]), reverse=query.descending)
    return [r["id"] for r in kept]


def _queries(db, record_type: str) -> list[ListQuery]:
    rt = record_type
    values = {c: [v for (v,) in db.execute(f"SELECT DISTINCT {c} FROM {TABLES[rt]} WHERE {c} IS NOT NULL")]
              for c in ("channel", CATEGORY_COLUMN[rt], STATUS_COLUMN[rt])}
    groups = sorted({code for (cats,) in db.execute(f"SELECT categories FROM {TABLES[rt]}") for code in cats.split()})
    assert len(groups) >= 5 and all(len(v) >= 2 for v in values.values())
    found = []
    for voided, descending in product((False, True), (True, False)):
        base = ListQuery(rt, include_voided=voided, descending=descending)
        found += [base.with_(channel=v) for v in values["channel"]]
        found += [base.with_(category=v) for v in values[CATEGORY_COLUMN[rt]]]
        found += [base.with_(status=v) for v in values[STATUS_COLUMN[rt]]]
        found += [base.with_(special_group=g) for g in groups]
        found += [base.with_(channel=values["channel"][0], category=values[CATEGORY_COLUMN[rt]][0]),
                  base.with_(special_group=groups[0], channel=values["channel"][1]),
                  base.with_(special_group=groups[1], status=values[STATUS_COLUMN[rt]][0]),
                  base.with_(special_group=groups[2], date_from=date.today().replace(year=date.today().year - 1)),
                  base.with_(channel=values["channel"][0], date_to=date.today().replace(year=date.today().year - 1))]
        for column in COLUMNS[rt]:
            found += [base.with_(sort=column), base.with_(sort=column, special_group=groups[0]),
                      base.with_(sort=column, channel=values["channel"][0]),
                      base.with_(sort=column, date_from=date.today().replace(year=date.today().year - 1))]
    return found


@pytest.mark.parametrize("record_type", ["consultation", "application"])
def test_each_filter_and_sort_lists_what_a_python_filter_of_the_records_gives(filled, record_type):
    db = filled.db
    records = _records(db, record_type)
    for query in _queries(db, record_type):
        listing = Listing(db, query)
        expected = _expected(records, query)
        assert listing.total == len(expected), query
        assert [row.id for row in listing.page(0, len(expected) + 10)] == expected, query


def test_a_filtered_search_lists_the_search_s_records_that_pass_the_filters(filled):
    """Each part of a search (who, then text) filtered is the unfiltered search's part, filtered in Python."""
    db = filled.db
    for record_type, text in (("consultation", "工资"), ("consultation", "张"), ("application", "王")):
        by_id = {r["id"]: r for r in _records(db, record_type)}
        everything = Listing(db, ListQuery(record_type, text=text, include_voided=True))
        found = everything.page(0, everything.total)
        assert len(found) == everything.total > 10
        channel = by_id[found[0].id]["channel"]
        group = next(code for row in found for code in by_id[row.id]["categories"].split())
        for query in (ListQuery(record_type, text=text, channel=channel),
                      ListQuery(record_type, text=text, special_group=group, include_voided=True)):
            kept = [row for row in found if (query.include_voided or not row.voided)
                    and (not query.channel or by_id[row.id]["channel"] == query.channel)
                    and (not query.special_group or query.special_group in by_id[row.id]["categories"].split())]
            listing = Listing(db, query)
            assert listing.counts == [sum(row.segment == part for row in kept) for part in (0, 1)], query
            assert [row.id for row in listing.page(0, listing.total)] == [row.id for row in kept], query


def test_any_page_of_a_group_or_a_sorted_list_reads_the_same_from_either_end(filled):
    db = filled.db
    for query in (ListQuery("consultation", special_group="woman"), ListQuery("consultation", sort="matter_category"),
                  ListQuery("application", sort="status", descending=False, special_group="elderly")):
        listing = Listing(db, query)
        every = listing.page(0, listing.total)
        assert len(every) == listing.total > 14
        for start in range(0, listing.total, 7):  # alone (from the nearer end), after the row before, before the next
            assert listing.page(start, 7) == every[start:start + 7]
            if start:
                assert listing.page(start, 7, after=every[start - 1]) == every[start:start + 7]
            if start + 7 < listing.total:
                assert listing.page(start, 7, before=every[start + 7]) == every[start:start + 7]


def test_the_kept_counts_are_the_counts_of_the_records(filled):
    db = filled.db
    for record_type in ("consultation", "application"):
        table = list_counts.table_of(record_type)
        kept = set(db.execute(f"SELECT * FROM {table}"))
        assert not [row for row in kept if row[-1] <= 0]
        members = set(db.execute("SELECT * FROM group_members"))
        db.conn.execute("BEGIN IMMEDIATE")  # counted again from the records, then put back as they were
        try:
            list_counts.create(db.conn)
            list_counts.create_members(db.conn)
            assert set(db.execute(f"SELECT * FROM {table}")) == kept
            assert set(db.execute("SELECT * FROM group_members")) == members
        finally:
            db.conn.execute("ROLLBACK")


_TABLE_SCAN = re.compile(r"^SCAN (\w+)$")  # a table read row by row, no index (an FTS index is a virtual table)


def test_the_lists_are_planned_on_indexes_without_sorting_the_records(filled):
    """What the lists run to open, to jump to their last record and to scroll is planned on an index, never a read
    of a whole table, and no page sorts the records it did not show (a sort by channel sorted every record)."""
    db = filled.db
    year_ago = date.today().replace(year=date.today().year - 1)
    shapes = [ListQuery("consultation"), ListQuery("application", descending=False),
              ListQuery("consultation", channel="hotline"), ListQuery("consultation", category="wages"),
              ListQuery("consultation", status="referred"), ListQuery("application", status="closed"),
              ListQuery("application", category="civil"), ListQuery("consultation", special_group="veteran"),
              ListQuery("consultation", channel="hotline", special_group="woman"),
              ListQuery("application", special_group="elderly", date_from=year_ago),
              ListQuery("consultation", channel="hotline", category="wages", include_voided=True),
              ListQuery("consultation", date_from=year_ago, date_to=date.today()),
              ListQuery("application", sort="number"), ListQuery("consultation", sort="person_name"),
              ListQuery("consultation", text="工资"), ListQuery("consultation", text="张"),
              ListQuery("consultation", text="工资", channel="hotline"),
              ListQuery("application", text="张", special_group="elderly")]
    shapes += [ListQuery(rt, sort=column, descending=descending) for rt, columns in COLUMNS.items()
               for column in columns for descending in (True, False)]
    shapes += [ListQuery("consultation", sort="matter_category", channel="hotline"),
               ListQuery("application", sort="status", special_group="elderly")]
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    try:
        for query in shapes:
            listing = Listing(db, query)
            first = listing.page(0, 20)
            listing.page(20, 20, after=first[-1])  # scrolling on
            listing.page(max(0, listing.total - 20), 20)  # Ctrl+End
    finally:
        db.conn.set_trace_callback(None)
    selects = [sql for sql in dict.fromkeys(ran) if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) > len(shapes)
    for sql in selects:
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
        assert not [line for line in plan if _TABLE_SCAN.match(line.strip())], f"{sql}\nreads a whole table: {plan}"
        assert not [line for line in plan if "TEMP B-TREE FOR ORDER BY" in line], f"{sql}\nsorts the records: {plan}"
