"""How many records each choice of the list filters holds, kept by triggers (issue 17: lists at 500,000 records).

For the consultations and the applications, `<record type>_counts` holds how many records share each combination
of what the filter bar and the sortable coded columns choose from: void or not, channel, matter / case type,
outcome / status, clerk (and an application's eligibility ground), once for every record (group '') and once more
for each special group of its person. A list's count for any choice of those filters, and the size of each value's
part when the list is sorted by one of those columns, is then a sum over at most a few thousand rows of this table:
it depends on the reference lists and the clerks, not on the number of records (counting the records themselves
took 30-90 ms at 200,000, growing with the station).
"""

from __future__ import annotations

from typing import Sequence

from .connection import Database
from .sqlcipher import sqlite3

COUNTED = {  # the columns each list's counts are kept by, as the records' table names them
    "consultation": ("channel", "matter_category", "outcome", "clerk"),
    "application": ("channel", "case_type", "eligibility_ground", "status", "clerk"),
}
RECORD_TABLE = {"consultation": "consultations", "application": "applications"}
TIME_COLUMN = {"consultation": "occurred_at", "application": "received_at"}
EVERYONE = ""  # the group every record is counted in, beside its special groups


def table_of(record_type: str) -> str:
    return f"{record_type}_counts"


def group_codes(categories: str) -> str:
    """json_each() of a categories column (" veteran woman "): its codes, one row each ('' for none)."""
    quoted = f"replace(replace(trim({categories}), '\\', '\\\\'), '\"', '\\\"')"
    return f"""json_each('["' || replace({quoted}, ' ', '","') || '"]')"""


def create(conn: sqlite3.Connection) -> None:
    """The two tables of counts, filled from the records and kept by triggers (safe to run again)."""
    for record_type, columns in COUNTED.items():
        table, records = table_of(record_type), RECORD_TABLE[record_type]
        names = ", ".join(columns)
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (grp TEXT NOT NULL, voided INTEGER NOT NULL, "
                     + "".join(f"{c} TEXT NOT NULL, " for c in columns)
                     + f"n INTEGER NOT NULL, PRIMARY KEY (grp, voided, {names})) WITHOUT ROWID")
        conn.execute(f"DELETE FROM {table}")
        values = ", ".join(f"coalesce(r.{c}, '')" for c in columns)
        every = f"SELECT '{EVERYONE}', r.voided, {values} FROM {records} r"
        grouped = (f"SELECT g.value, r.voided, {values} FROM {records} r JOIN (SELECT DISTINCT s.rownum AS rownum, "
                   f"j.value AS value FROM {records} s, {group_codes('s.categories')} j WHERE j.value != '') g "
                   "ON g.rownum = r.rownum")
        conn.execute(f"INSERT INTO {table} (grp, voided, {names}, n) SELECT *, count(*) FROM ({every} UNION ALL "
                     f"{grouped}) GROUP BY 1, 2, {', '.join(str(i + 3) for i in range(len(columns)))}")
        add, remove = _change(record_type, "NEW", 1), _change(record_type, "OLD", -1)
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_insert AFTER INSERT ON {records} BEGIN {add} END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_delete AFTER DELETE ON {records} BEGIN {remove} END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_update AFTER UPDATE OF voided, categories, {names} "
                     f"ON {records} BEGIN {remove} {add} END")


def create_members(conn: sqlite3.Connection) -> None:
    """`group_members`: each record of the two lists under each special group of its person, in time order, kept by
    triggers: a special group's page walks its own members newest first and reads only the records it shows (the
    records' categories matched one by one before: a sort of every record at 200,000)."""
    conn.execute("CREATE TABLE IF NOT EXISTS group_members (g_table TEXT NOT NULL, g_code TEXT NOT NULL, "
                 "g_at TEXT NOT NULL, g_rownum INTEGER NOT NULL, PRIMARY KEY (g_table, g_code, g_at, g_rownum)) "
                 "WITHOUT ROWID")
    for record_type, records in RECORD_TABLE.items():
        time = TIME_COLUMN[record_type]
        conn.execute("DELETE FROM group_members WHERE g_table = ?", (records,))
        conn.execute(f"INSERT OR IGNORE INTO group_members SELECT '{records}', j.value, r.{time}, r.rownum "
                     f"FROM {records} r, {group_codes('r.categories')} j WHERE j.value != ''")
        remove = (f"DELETE FROM group_members WHERE g_table = '{records}' AND g_code IN "
                  f"(SELECT value FROM {group_codes('OLD.categories')}) AND g_at = OLD.{time} "
                  "AND g_rownum = OLD.rownum;")
        add = (f"INSERT OR IGNORE INTO group_members SELECT '{records}', value, NEW.{time}, NEW.rownum "
               f"FROM {group_codes('NEW.categories')} WHERE value != '';")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS members_{records}_insert AFTER INSERT ON {records} "
                     f"BEGIN {add} END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS members_{records}_update AFTER UPDATE OF categories, {time} "
                     f"ON {records} BEGIN {remove} {add} END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS members_{records}_delete AFTER DELETE ON {records} "
                     f"BEGIN {remove} END")


def _change(record_type: str, row: str, step: int) -> str:
    """The statement that adds `step` to the counts of `row` (NEW or OLD): its own and its special groups'."""
    columns = COUNTED[record_type]
    names = ", ".join(columns)
    values = ", ".join(f"coalesce({row}.{c}, '')" for c in columns)
    groups = (f"SELECT '{EVERYONE}' AS value UNION SELECT value FROM {group_codes(f'{row}.categories')} "
              "WHERE value != ''")
    table = table_of(record_type)
    change = (f"INSERT INTO {table} (grp, voided, {names}, n) "
              f"SELECT g.value, {row}.voided, {values}, {step} FROM ({groups}) g WHERE true "
              f"ON CONFLICT (grp, voided, {names}) DO UPDATE SET n = n + excluded.n;")
    if step > 0:
        return change
    # a combination no record has any more leaves: the table stays what counting the records gives (a backup's
    # row counts are checked against it when a restore migrates it again)
    same = " AND ".join(f"{c} = coalesce({row}.{c}, '')" for c in columns)
    return change + f" DELETE FROM {table} WHERE n = 0 AND grp IN ({groups}) AND voided = {row}.voided AND {same};"


GROUPED_TABLES = ("consultations", "applications")  # the lists with the special-group filter


def create_groups(conn: sqlite3.Connection) -> None:
    """`record_groups`: each record of a list by the special groups (categories) of its person, kept by triggers,
    so the special-group filter counts in an index instead of matching every record's categories (schema step 11).
    Since step 18 the lists read the counts and `group_members` above instead; step 19 drops the table (made here
    still, for step 11 as it was released)."""
    conn.execute("CREATE TABLE IF NOT EXISTS record_groups (record_table TEXT NOT NULL, code TEXT NOT NULL, "
                 "voided INTEGER NOT NULL, rownum INTEGER NOT NULL, "
                 "PRIMARY KEY (record_table, code, voided, rownum)) WITHOUT ROWID")
    for table in GROUPED_TABLES:
        conn.execute("DELETE FROM record_groups WHERE record_table = ?", (table,))
        conn.execute(f"INSERT OR IGNORE INTO record_groups SELECT '{table}', j.value, r.voided, r.rownum "
                     f"FROM {table} r, {group_codes('r.categories')} j WHERE j.value != ''")
        remove = (f"DELETE FROM record_groups WHERE record_table = '{table}' AND code IN "
                  f"(SELECT value FROM {group_codes('OLD.categories')}) AND voided = OLD.voided AND rownum = OLD.rownum;")
        add = (f"INSERT OR IGNORE INTO record_groups SELECT '{table}', value, NEW.voided, NEW.rownum "
               f"FROM {group_codes('NEW.categories')} WHERE value != '';")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS groups_{table}_insert AFTER INSERT ON {table} BEGIN {add} END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS groups_{table}_update AFTER UPDATE OF categories, voided ON {table} "
                     f"BEGIN {remove} {add} END")
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS groups_{table}_delete AFTER DELETE ON {table} BEGIN {remove} END")


def counted(record_type: str, column: str) -> bool:
    """Whether the list's counts are kept by `column` (the consultations and applications lists)."""
    return column in COUNTED.get(record_type, ())


def sums(db: Database, record_type: str, group: str | None, clauses: Sequence[str], params: Sequence[object],
         by: str | None = None) -> dict[str, int]:
    """{value of `by`: records} (or {"": records} without `by`) among the records of `group` (None: every record)
    that meet `clauses` (on the counted columns and voided, as the records' table names them)."""
    where = " AND ".join(["grp = ?", *clauses])
    grouped = f"{by}, sum(n) FROM {table_of(record_type)} WHERE {where} GROUP BY {by}" if by else (
        f"'', sum(n) FROM {table_of(record_type)} WHERE {where}")
    rows = db.execute(f"SELECT {grouped}", [EVERYONE if group is None else group, *params]).fetchall()
    return {value: n for value, n in rows if n}
