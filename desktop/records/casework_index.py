"""The casework lists' search and sort (schema step 21): each of the six lists (结案报告, 回访, 旁听庭审, 质量评查, 投诉,
外出服务) searches like the consultations' and applications' lists, who first (`<type>_who`: the case or complaint
number and the applicant's name) and then the records that only mention the text (`<type>_search`), and sorts by
any of its columns on an index, by name in pinyin order (`name_key`).

The applicant's name is a column of the casework row (`person_name`, from the case's application or the
consultation followed up), not a field of the record: the search index reads it from the row, and `follow_name`
keeps it, its sort key and its index entries current when the application or the consultation is renamed.
"""

from __future__ import annotations

import json
from typing import Any

from . import casework
from .schema_steps import add_missing_column
from .sortkey import name_key
from .sqlcipher import sqlite3


def sort_indexes(record_type: str) -> dict[str, str]:
    """{index name: its columns} for every column the list sorts by, besides its time (which `<table>_list` serves):
    a name by its pinyin key, a coded column in the list's time order (the list is read one code at a time,
    desktop/records/queries.py `_value_segments`), any other column alone (its ties in row order)."""
    table, time = casework.TABLES[record_type], casework.TIME_FIELD[record_type]
    found = {}
    for column in casework.LIST_COLUMNS[record_type]:
        if column == time:
            continue
        if column in ("person_name", casework.NAME_SORTED.get(record_type)):
            found[f"{table}_by_name_key"] = "voided, name_key"
        elif column in casework.CODE_LISTS[record_type]:
            found[f"{table}_by_{column}"] = f"voided, {column}, {time}"
        else:
            found[f"{table}_by_{column}"] = f"voided, {column}"
    return found


def create(conn: sqlite3.Connection) -> None:
    """Each casework table's name sort key and sort indexes, its `_who` index, and its search entries written again
    (with the applicant's name, which they lacked). Safe to run again."""
    from .search import write_index

    conn.create_function("name_key", 1, name_key, deterministic=True)
    for record_type, table in casework.TABLES.items():
        add_missing_column(conn, table, "name_key", "TEXT", not_null_default="")
        conn.execute(f"UPDATE {table} SET name_key = name_key(person_name)")
        for index, columns in sort_indexes(record_type).items():
            conn.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table}({columns})")
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {record_type}_who USING fts5(uni, bi, tokenize='ascii')")
        for rownum, data in conn.execute(f"SELECT rownum, data FROM {table}").fetchall():
            write_index(conn, record_type, rownum, json.loads(data))


def follow_name(conn: sqlite3.Connection, record_type: str, record_id: str,
                name: str) -> list[tuple[str, int, dict[str, Any]]]:
    """In the transaction that saves an application or a consultation under `name`: the casework rows that show
    its person's name take the new one; (record type, rownum, data) of each, whose search entries are to be
    written again. A follow-up of a consultation that also names a case shows the case's applicant."""
    if record_type == "application":
        linked, where = casework.CASE_LINKED, "application_id = ?"
    elif record_type == "consultation":
        linked, where = ("follow_up",), "consultation_id = ? AND application_id IS NULL"
    else:
        return []
    changed = []
    for casework_type in linked:
        rows = conn.execute(f"UPDATE {casework.TABLES[casework_type]} SET person_name = ?, name_key = ? "
                            f"WHERE {where} AND person_name != ? RETURNING rownum, data",
                            (name, name_key(name), record_id, name)).fetchall()
        changed += [(casework_type, rownum, json.loads(data)) for rownum, data in rows]
    return changed
