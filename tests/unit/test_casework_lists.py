"""The casework lists (结案报告, 回访, 旁听庭审, 质量评查, 投诉, 外出服务) search and sort like the two others: every sort
and a search of each lists what a Python sort or search of the records gives, planned on an index without sorting
the records; the applicant's name follows a correction of the application; a case number typed in lower case or
full width names its case. (Their search read a `_who` index only the two others had, their sort by name a
`name_key` column only the two others had: both failed with a database error.)"""

from __future__ import annotations

import re

import pytest

from desktop.demo.runner import fill
from desktop.records import casework, casework_index
from desktop.records.casework import LIST_COLUMNS, TABLES, TIME_FIELD
from desktop.records.queries import ListQuery, Listing
from desktop.records.search import match_expression
from desktop.records.sortkey import name_key

from .casework_examples import as_an_older_station, closure, complaint, follow_up, outreach_event
from .test_store import application, resident_id


@pytest.fixture
def filled(station):
    fill(station, 400, seed=7, progress=lambda *_: None)  # the cases' lives: closures, follow-ups, attendance, ...
    numbers = [n for (n,) in station.db.execute("SELECT number FROM applications WHERE voided = 0 LIMIT 3")]
    for i, (person, channel) in enumerate((("王五", "phone"), ("安娜", "letter"), ("周强", "online"), ("王五", "visit"))):
        station.store.save("complaint", dict(complaint(), complainant=person, complaint_channel=channel,
                                             case_number=numbers[i % 3] if i % 2 else None,
                                             complained_at=f"2024-0{i + 1}-20T10:00"), user="李明")
    for i, unit in enumerate(("武警临河中队", "县妇联", None)):
        station.store.save("outreach_event", dict(outreach_event(), title=f"法律援助进社区·{i}", unit=unit,
                                                  held_on=f"2024-0{i + 1}-02", people_reached=10 * i or None),
                           user="李明")
    return station


def _rows(db, record_type: str) -> list[dict]:
    names = ("id", "rownum", "voided", "name_key", *LIST_COLUMNS[record_type])
    found = db.execute(f"SELECT {', '.join(dict.fromkeys(names))} FROM {TABLES[record_type]} WHERE voided = 0")
    return [dict(zip(dict.fromkeys(names), row)) for row in found]


def _sorted(db, record_type: str, column: str, descending: bool) -> list[str]:
    """A list sorted by `column` as a Python sort gives it: a name by its pinyin key, a coded column by its place in
    the reference list (none and retired codes after them) and then newest first, any other column by its value."""
    rows, time = _rows(db, record_type), TIME_FIELD[record_type]
    if column in casework.CODE_LISTS[record_type]:
        from desktop.records.reference import default_reference

        codes = [c.code for c in default_reference().choices(casework.CODE_LISTS[record_type][column])]
        rows.sort(key=lambda r: (codes.index(r[column]) if r[column] in codes else len(codes), r[time], r["rownum"]),
                  reverse=descending)
    else:
        named = column in ("person_name", casework.NAME_SORTED.get(record_type))
        key = "name_key" if named else column
        rows.sort(key=lambda r: (r[key] is not None, r[key] if r[key] is not None else 0, r["rownum"]),
                  reverse=descending)
    return [r["id"] for r in rows]


_TABLE_SCAN = re.compile(r"^SCAN (\w+)$")  # a table read row by row, no index (an FTS index is a virtual table)


def test_each_casework_list_sorts_by_each_column_and_searches_on_indexes(filled):
    db = filled.db
    shapes = []
    for record_type, columns in LIST_COLUMNS.items():
        assert db.execute(f"SELECT count(*) FROM {TABLES[record_type]}").fetchone()[0] >= 3, record_type
        for column in columns:
            for descending in (True, False):
                query = ListQuery(record_type, sort=column, descending=descending)
                listing = Listing(db, query)
                assert [row.id for row in listing.page(0, listing.total + 5)] == _sorted(
                    db, record_type, column, descending), query
                shapes.append(query)
    searches = {}
    for record_type in TABLES:
        row = db.execute(f"SELECT person_name, {'number' if record_type == 'complaint' else 'NULL'}, "
                         f"{'NULL' if record_type == 'outreach_event' else 'case_number'} FROM {TABLES[record_type]} "
                         "WHERE voided = 0 AND person_name != '' ORDER BY rownum LIMIT 1").fetchone()
        searches[record_type] = [text for text in row if text]
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    try:
        for record_type, texts in searches.items():
            for text in texts:
                listing = Listing(db, ListQuery(record_type, text=text))
                found = listing.page(0, listing.total)
                expected = {rownum for (rownum,) in db.execute(
                    f"SELECT rownum FROM {TABLES[record_type]} WHERE voided = 0 AND "
                    f"(person_name LIKE '%' || ?1 || '%' OR {'number' if record_type == 'complaint' else 'NULL'} "
                    f"LIKE '%' || ?1 || '%' OR {'NULL' if record_type == 'outreach_event' else 'case_number'} "
                    "LIKE '%' || ?1 || '%')", (text,))}
                who = {row.key[1] for row in found if row.segment == 0}  # the people and numbers first
                assert expected and expected <= who, (record_type, text)  # (each run of the text: 2024, 00001, ...)
                listing = Listing(db, ListQuery(record_type, text=text, sort=LIST_COLUMNS[record_type][1]))
                assert listing.page(0, 20)
        for query in shapes:
            listing = Listing(db, query)
            first = listing.page(0, 20)
            if first:
                listing.page(20, 20, after=first[-1])
            listing.page(max(0, listing.total - 20), 20)  # Ctrl+End
    finally:
        db.conn.set_trace_callback(None)
    selects = [sql for sql in dict.fromkeys(ran) if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) > len(shapes)
    for sql in selects:
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
        assert not [line for line in plan if _TABLE_SCAN.match(line.strip())], f"{sql}\nreads a whole table: {plan}"
        if "CASE" not in sql:  # a search sorted by a coded column sorts its matches, as the two other lists do
            assert not [line for line in plan if "TEMP B-TREE FOR ORDER BY" in line], f"{sql}\nsorts: {plan}"


def test_a_corrected_name_is_what_the_case_s_records_list_and_find(station, monkeypatch):
    number = station.store.save("application", application(name="赵六", id_number=resident_id(sequence="133")),
                                user="李明").number
    with as_an_older_station(monkeypatch):  # (what the case has reached is not what this test is about)
        saved = station.store.save("closure", closure(number), user="李明")
        station.store.save("follow_up", follow_up(number), user="李明")
    application_id = station.db.execute("SELECT id FROM applications WHERE number = ?", (number,)).fetchone()[0]
    record = station.store.get("application", application_id)
    station.store.save("application", dict(record.data, name="赵陆"), user="李明", record_id=application_id,
                       expected_version=record.version)
    for record_type in ("closure", "follow_up"):
        assert station.db.execute(f"SELECT person_name, name_key FROM {TABLES[record_type]}").fetchall() == [
            ("赵陆", name_key("赵陆"))]
        listing = Listing(station.db, ListQuery(record_type, text="赵陆"))
        assert listing.counts == [1, 0] and listing.page(0, 1)[0].values[2] == "赵陆"
        assert Listing(station.db, ListQuery(record_type, text="赵六")).total == 0
    assert station.store.get("closure", saved.id).version == 1  # the record itself is not changed


def test_a_case_number_typed_in_lower_case_or_full_width_names_its_case(station, monkeypatch):
    number = station.store.save("application", application(), user="李明").number
    for typed in (number.lower(), f" {number.lower()} ", number.replace("-", "－").replace("0", "０")):
        with as_an_older_station(monkeypatch):  # (the case's stage is not what this test is about)
            saved = station.store.save("follow_up", follow_up(typed), user="李明")
        data = station.store.get("follow_up", saved.id).data
        assert data["case_number"] == number and data["application_id"]


def test_the_upgrade_indexes_the_casework_already_recorded(filled):
    """Step 21 on a station that had casework: names' sort keys, `_who` and the name in `_search` are written."""
    db = filled.db
    name = db.execute("SELECT person_name FROM closures WHERE voided = 0 AND person_name != '' LIMIT 1").fetchone()[0]
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        for record_type, table in TABLES.items():
            db.conn.execute(f"UPDATE {table} SET name_key = ''")
            db.conn.execute(f"DELETE FROM {record_type}_who")
        casework_index.create(db.conn)
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    assert db.execute("SELECT count(*) FROM closures WHERE name_key != '' OR person_name = ''").fetchone()[0] == \
        db.execute("SELECT count(*) FROM closures").fetchone()[0]
    hits = db.execute("SELECT count(*) FROM closure_who WHERE closure_who MATCH ?",
                      (match_expression(name),)).fetchone()[0]
    assert hits == db.execute("SELECT count(*) FROM closures WHERE person_name LIKE '%' || ? || '%'",
                              (name,)).fetchone()[0] >= 1
