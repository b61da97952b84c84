"""The county's reference data: the roster of lawyers and staff it assigns, townships' registered population,
and each township's economic-hardship standard.

Stations pull it (GET /v1/reference, or in a USB reply bundle) to show the roster and the
work plan's indicator of 12 legal-aid cases per 10,000 registered (户籍) residents. The county's
`decide assign NUMBER --lawyer ID` takes the assignee's facts from here, so the Art. 26 and minors'
rules are checked on what the county recorded, not on what was typed on the command line.

Stations measure an applicant household's monthly income per person against the hardship standard of
their township: the county sets it as a multiple of the township's minimum living standard (低保标准),
`hardship set 城关镇 --minimum 800 --multiple 1.5` (1,200 yuan per person per month).

Tables (created by sync/server/migrations.py, on the county's connection):
  roster            one row per member, by the county's stable id (编号); never deleted, only deactivated
  townships         township name -> registered population
  hardship_standards township -> minimum living standard and the multiple (decimal text)
  reference_meta    one row: the reference version, +1 on every change (the stations' `since`)

Roster CSV (UTF-8, with or without BOM), header row exactly:
  编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话
类别 is 律师 / 律师事务所 / 法律援助中心工作人员, 熟悉未成年人案件 是 / 否. An import adds or updates the
listed members (and makes them active again); members not in the file are left as they are.
Every bad row is reported with its line number, and then nothing is imported.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.records.errors import reason_of
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.limits import MAX_ROSTER_FILE_BYTES
from sync.reference import HardshipStandard, Lawyer, hardship_standard
from sync.server.errors import CountyError, words_of, zh
from sync.server.stations import list_stations
from sync.server.storage import utc_now

log = logging.getLogger(__name__)

HEADER = ("编号", "姓名", "类别", "执业机构", "执业年限", "熟悉未成年人案件", "电话")
KINDS_ZH = {"律师": "lawyer", "律师事务所": "law_firm", "法律援助中心工作人员": "center_staff"}
YES_NO = {"是": True, "否": False}
MAX_YEARS = 70  # more is a typing error (e.g. the year 1998 in the years column)
_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_PHONE = re.compile(r"^[0-9+()\- 转]{3,30}$")
NOT_ON_ROSTER = QT_TRANSLATE_NOOP("County", "The roster has no member numbered {id}.")
ALREADY_INACTIVE = QT_TRANSLATE_NOOP("County", "Roster member {id} is inactive already.")
MEMBER_EXISTS = QT_TRANSLATE_NOOP("County", "Roster number {id} already belongs to {name}; nothing was changed. To "
                                            "change that member, choose them in the list and press Edit.")
INACTIVE = QT_TRANSLATE_NOOP("County", "{name} ({id}) is inactive on the roster and cannot be assigned.")
# what is wrong with a roster file or one of its rows, in the administrator's words (CLI and workspace alike)
NOT_UTF8 = QT_TRANSLATE_NOOP("County", "The file is not UTF-8: in Excel choose Save As > CSV UTF-8.")
# (csv's own errors are English: "field larger than field limit (131072)" is a quotation mark left open)
UNCLOSED_QUOTE = QT_TRANSLATE_NOOP("County", "A cell beginning on this line runs on for more than {most} characters: a "
                                             "quotation mark (\") on it is probably not closed, so the lines after it "
                                             "were read into that cell. Close or remove it and save the file again.")
BAD_CSV_LINE = QT_TRANSLATE_NOOP("County", "This line cannot be read as CSV: check that its quotation marks (\") "
                                           "come in pairs.")
NOT_SENT_WHOLE = QT_TRANSLATE_NOOP("County", "The file did not arrive whole (its encoding for sending is damaged); "
                                             "nothing was imported. Import it again.")
BAD_HEADER = QT_TRANSLATE_NOOP("County", "The header row must be: {header}")
COLUMNS = QT_TRANSLATE_NOOP("County", "{count} columns; a roster row has {expected}.")
BAD_ID = QT_TRANSLATE_NOOP("County", "编号 \"{value}\" must be 1 to 32 letters, digits, - or _.")
NO_NAME = QT_TRANSLATE_NOOP("County", "姓名 is empty.")
BAD_KIND = QT_TRANSLATE_NOOP("County", "类别 \"{value}\" must be one of {kinds}.")
BAD_YEARS = QT_TRANSLATE_NOOP("County", "执业年限 \"{value}\" must be a whole number of years from 0 to {most}.")
BAD_MINORS = QT_TRANSLATE_NOOP("County", "熟悉未成年人案件 \"{value}\" must be 是 or 否.")
BAD_PHONE = QT_TRANSLATE_NOOP("County", "电话 \"{value}\" is not a phone number (if Excel shows 1.38E+10, format the "
                                        "column as text and save again).")
NO_ORGANISATION = QT_TRANSLATE_NOOP("County", "执业机构 is empty (the firm or organisation the member works for).")
TWICE = QT_TRANSLATE_NOOP("County", "编号 {id} is already on line {line}.")
NO_MEMBERS = QT_TRANSLATE_NOOP("County", "The file lists no members.")
ROW_PROBLEMS = QT_TRANSLATE_NOOP("County", "This row is refused: {problems}")
BAD_FILE = QT_TRANSLATE_NOOP("County", "The roster file has {count} bad line(s); nothing was imported.")
TOO_LARGE = QT_TRANSLATE_NOOP("County", "The file is larger than a roster can be ({most} KiB).")
CANNOT_READ = QT_TRANSLATE_NOOP("County", "{file} cannot be read: {reason}.")


class ReferenceDataError(CountyError):
    """Refused reference data or action, with a message for the county's administrator."""


class RosterImportError(ReferenceDataError):
    """A roster file with bad rows: `problems` = [(line number, reason in Chinese), ...]; nothing was imported."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__("\n".join(f"line {line}: {reason}" for line, reason in problems), BAD_FILE,
                         {"count": len(problems)})


# One roster member type for both ends: what the county keeps is what the station receives.
Member = Lawyer


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    version: int = 0


# -- reading the roster file ---------------------------------------------------------------------

def parse_roster(data: bytes) -> list[Member]:
    """The members of a roster CSV; RosterImportError listing every bad line (1 = the header)."""
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" writes a BOM
    except UnicodeDecodeError as exc:
        raise RosterImportError([(data[:exc.start].count(b"\n") + 1, zh(NOT_UTF8))]) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise RosterImportError([(1, _csv_problem(exc))]) from exc
    if tuple(cell.strip() for cell in _trimmed(header)) != HEADER:
        raise RosterImportError([(1, zh(BAD_HEADER, header=",".join(HEADER)))])
    problems: list[tuple[int, str]] = []
    members: list[Member] = []
    seen: dict[str, int] = {}
    while True:
        line = reader.line_num + 1  # the row's first line (a quoted cell may span several)
        try:
            row = next(reader, None)
        except csv.Error as exc:
            problems.append((line, _csv_problem(exc)))
            break
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue  # blank lines (Excel leaves some at the end)
        try:
            member = _member(_trimmed(row))
        except ReferenceDataError as exc:
            problems.append((line, words_of(exc)))
            continue
        if member.id in seen:
            problems.append((line, zh(TWICE, id=member.id, line=seen[member.id])))
            continue
        seen[member.id] = line
        members.append(member)
    if problems:
        raise RosterImportError(problems)
    if not members:
        raise RosterImportError([(1, zh(NO_MEMBERS))])
    return members


def _csv_problem(exc: csv.Error) -> str:
    """What csv refused, in the administrator's words (its English detail goes to the log)."""
    log.info("a roster file's line is not CSV: %s", exc)
    if "field limit" in str(exc):  # csv says nothing else that tells the cases apart
        return zh(UNCLOSED_QUOTE, most=csv.field_size_limit())
    return zh(BAD_CSV_LINE)


def _trimmed(row: list[str]) -> list[str]:
    """The row without empty cells beyond the roster's columns (a spreadsheet may leave some)."""
    if len(row) > len(HEADER) and not any(cell.strip() for cell in row[len(HEADER):]):
        return row[:len(HEADER)]
    return row


def _member(row: list[str]) -> Member:
    """One roster row; ReferenceDataError naming EVERY problem of the row ("; "), so one pass fixes it."""
    if len(row) != len(HEADER):
        raise ReferenceDataError(f"{len(row)} columns, expected {len(HEADER)}", COLUMNS,
                                 {"count": len(row), "expected": len(HEADER)})
    id_, name, kind_zh, organisation, years_text, minors_text, phone = (cell.strip() for cell in row)
    kind = KINDS_ZH.get(kind_zh)
    problems: list[tuple[str, dict[str, Any]]] = []
    if not _ID.match(id_):
        problems.append((BAD_ID, {"value": id_}))
    if not name:
        problems.append((NO_NAME, {}))
    if kind is None:
        problems.append((BAD_KIND, {"value": kind_zh, "kinds": "/".join(KINDS_ZH)}))
    if kind == "law_firm" and not years_text:
        years_text = "0"  # a firm is assigned as a firm: the years that count are its lawyers'
    if not (years_text.isascii() and years_text.isdigit()) or int(years_text) > MAX_YEARS:  # (not ① or ²)
        problems.append((BAD_YEARS, {"value": years_text, "most": MAX_YEARS}))
    if minors_text not in YES_NO:
        problems.append((BAD_MINORS, {"value": minors_text}))
    if phone and not _PHONE.match(phone):
        problems.append((BAD_PHONE, {"value": phone}))
    if kind not in (None, "law_firm") and not organisation:
        problems.append((NO_ORGANISATION, {}))
    if problems:
        said = [zh(message, **params) for message, params in problems]
        raise ReferenceDataError("; ".join(message.format(**params) for message, params in problems), ROW_PROBLEMS,
                                 {"problems": "；".join(said)})
    return Member(id_, name, kind, organisation, int(years_text), YES_NO[minors_text], phone, active=True)


# -- changing the reference data -----------------------------------------------------------------

def _bump(conn: sqlite3.Connection, now: str) -> int:
    conn.execute("UPDATE reference_meta SET version = version + 1, updated_at = ? WHERE id = 1", (now,))
    return conn.execute("SELECT version FROM reference_meta WHERE id = 1").fetchone()[0]


def import_roster(store, path: Path) -> ImportResult:
    """Add or update every member of a roster CSV in one transaction; RosterImportError and nothing changes."""
    return save_members(store, parse_roster(Path(path).read_bytes()))


def import_roster_file(store, data: bytes) -> ImportResult:
    """The same for a roster file's bytes sent from the workspace (bounded: MAX_ROSTER_FILE_BYTES)."""
    if len(data) > MAX_ROSTER_FILE_BYTES:
        raise RosterImportError([(1, zh(TOO_LARGE, most=MAX_ROSTER_FILE_BYTES // 1024))])
    return save_members(store, parse_roster(data))


def save_members(store, members: list[Member], *, only_new: bool = False) -> ImportResult:
    """Add or update these (checked) members, active, in one transaction (an import, the workspace's edit); `only_new`:
    additions only (refused, nothing changed, when a number is taken: 添加 never replaces a member)."""
    result = ImportResult()
    now = utc_now()
    with store.write() as conn:
        for m in members:
            old = conn.execute("SELECT name, kind, organisation, years_of_practice, minors_familiar, phone, active "
                               "FROM roster WHERE id = ?", (m.id,)).fetchone()
            if only_new and old is not None:
                raise CountyError(f"roster number {m.id} is taken", MEMBER_EXISTS, {"id": m.id, "name": old[0]})
            new = (m.name, m.kind, m.organisation, m.years_of_practice, int(m.minors_familiar), m.phone, 1)
            if old == new:
                result.unchanged += 1
                continue
            conn.execute("INSERT INTO roster (id, name, kind, organisation, years_of_practice, minors_familiar, phone, "
                         "active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                         "name = excluded.name, kind = excluded.kind, organisation = excluded.organisation, "
                         "years_of_practice = excluded.years_of_practice, minors_familiar = excluded.minors_familiar, "
                         "phone = excluded.phone, active = 1, updated_at = excluded.updated_at", (m.id, *new, now))
            if old is None:
                result.added += 1
            else:
                result.updated += 1
        # a re-import of the same file is not a change: the stations need not fetch anything
        result.version = _bump(conn, now) if result.added or result.updated else _version(conn)
    return result


def deactivate(store, member_id: str) -> int:
    """Take a member off the active roster (kept for the assignments already made); the new version."""
    now = utc_now()
    with store.write() as conn:
        row = conn.execute("SELECT active FROM roster WHERE id = ?", (member_id,)).fetchone()
        if row is None:
            raise ReferenceDataError(f"no roster member {member_id}", NOT_ON_ROSTER, {"id": member_id})
        if not row[0]:
            raise ReferenceDataError(f"roster member {member_id} is already inactive", ALREADY_INACTIVE,
                                     {"id": member_id})
        conn.execute("UPDATE roster SET active = 0, updated_at = ? WHERE id = ?", (now, member_id))
        return _bump(conn, now)


def set_population(store, township: str, population: int) -> int:
    """Set a township's registered (户籍) population; the reference version afterwards."""
    township = township.strip()
    if not township:
        raise ReferenceDataError("name the township")
    if not isinstance(population, int) or population < 1:
        raise ReferenceDataError("the registered population is a whole number of at least 1")
    now = utc_now()
    with store.write() as conn:
        row = conn.execute("SELECT registered_population FROM townships WHERE name = ?", (township,)).fetchone()
        if row is not None and row[0] == population:
            return _version(conn)
        conn.execute("INSERT INTO townships (name, registered_population, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(name) DO UPDATE SET registered_population = excluded.registered_population, "
                     "updated_at = excluded.updated_at", (township, population, now))
        return _bump(conn, now)


def set_hardship_standard(store, township: str, minimum_living: str, multiple: str) -> tuple[HardshipStandard, int]:
    """Set a township's economic-hardship standard; (the standard as stored, the reference version afterwards)."""
    try:
        standard = hardship_standard(township, minimum_living, multiple)
    except ValueError as exc:
        raise ReferenceDataError(str(exc)) from exc
    now = utc_now()
    with store.write() as conn:
        row = conn.execute("SELECT minimum_living, multiple FROM hardship_standards WHERE township = ?",
                           (standard.township,)).fetchone()
        if row is not None and tuple(row) == (standard.minimum_living, standard.multiple):
            return standard, _version(conn)
        conn.execute("INSERT INTO hardship_standards (township, minimum_living, multiple, updated_at) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT(township) DO UPDATE SET minimum_living = excluded.minimum_living, "
                     "multiple = excluded.multiple, updated_at = excluded.updated_at",
                     (standard.township, standard.minimum_living, standard.multiple, now))
        return standard, _bump(conn, now)


# -- reading -------------------------------------------------------------------------------------

def _version(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT version FROM reference_meta WHERE id = 1").fetchone()[0]


def roster(store, *, include_inactive: bool = True) -> list[Member]:
    rows = store.conn().execute(
        "SELECT id, name, kind, organisation, years_of_practice, minors_familiar, phone, active FROM roster "
        + ("" if include_inactive else "WHERE active = 1 ") + "ORDER BY id").fetchall()
    return [Member(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], bool(r[7])) for r in rows]


def townships(store) -> list[dict[str, Any]]:
    rows = store.conn().execute("SELECT name, registered_population FROM townships ORDER BY name").fetchall()
    return [{"name": name, "registered_population": population} for name, population in rows]


def hardship_standards(store) -> list[HardshipStandard]:
    rows = store.conn().execute("SELECT township, minimum_living, multiple FROM hardship_standards "
                                "ORDER BY township").fetchall()
    return [HardshipStandard(*row) for row in rows]


def stations_townships(store) -> set[str]:
    return {s["township"] for s in list_stations(store)}


def reference_payload(store, since: int | None = None) -> dict[str, Any]:
    """What a station receives: {"version", "updated_at", "lawyers", "townships", "hardship_standards"}, or
    {"version", "unchanged": true} when `since` is already the current version.

    Inactive members are included (flagged "active": false): a station still shows who an old
    assignment went to. Read in one transaction, so version and data always belong together.
    """
    conn = store.conn()
    own = not conn.in_transaction  # inside a caller's transaction its snapshot is already consistent
    if own:
        conn.execute("BEGIN")
    try:
        version, updated_at = conn.execute("SELECT version, updated_at FROM reference_meta WHERE id = 1").fetchone()
        if since is not None and since == version:
            return {"version": version, "unchanged": True}
        return {"version": version, "updated_at": updated_at,
                "lawyers": [asdict(m) for m in roster(store)], "townships": townships(store),
                "hardship_standards": [asdict(s) for s in hardship_standards(store)]}
    finally:
        if own:
            conn.execute("COMMIT")


def assignment_from_roster(store, member_id: str) -> dict[str, Any]:
    """The `assign` decision's data for an active roster member (name, kind, firm, years, minors flag, phone).

    The county's rules (Art. 26, minors) are then checked on these values by decisions.check_decision.
    """
    row = store.conn().execute("SELECT id, name, kind, organisation, years_of_practice, minors_familiar, phone, "
                               "active FROM roster WHERE id = ?", (member_id,)).fetchone()
    if row is None:
        raise ReferenceDataError(f"no roster member {member_id} (see `roster list`)", NOT_ON_ROSTER, {"id": member_id})
    if not row[7]:
        raise ReferenceDataError(f"roster member {member_id} ({row[1]}) is inactive and cannot be assigned", INACTIVE,
                                 {"name": row[1], "id": member_id})
    data: dict[str, Any] = {"lawyer_id": row[0], "name": row[1], "assignee_kind": row[2], "firm": row[3] or None,
                            "years_of_practice": row[4], "minors_specialist": bool(row[5])}
    if row[6]:
        data["phone"] = row[6]
    return data


# -- admin commands (python -m sync.server roster|population|hardship ...) -------------------------

KIND_LABELS = {kind: zh for zh, kind in KINDS_ZH.items()}

H_ROSTER = QT_TRANSLATE_NOOP("CLI", "the roster of lawyers and staff to assign")
H_ROSTER_IMPORT = QT_TRANSLATE_NOOP("CLI", "add or update members from a CSV file")
H_ROSTER_FILE = QT_TRANSLATE_NOOP("CLI", "a UTF-8 CSV file with the header {header}")
H_ROSTER_LIST = QT_TRANSLATE_NOOP("CLI", "every member, active or not")
H_ROSTER_OFF = QT_TRANSLATE_NOOP("CLI", "take a member off the active roster")
H_MEMBER = QT_TRANSLATE_NOOP("CLI", "the member's roster id, e.g. L001")
H_POPULATION = QT_TRANSLATE_NOOP("CLI", "townships' registered population")
H_POPULATION_SET = QT_TRANSLATE_NOOP("CLI", "set a township's registered population")
H_POPULATION_LIST = QT_TRANSLATE_NOOP("CLI", "every township's registered population")
H_TOWNSHIP = QT_TRANSLATE_NOOP("CLI", "the township, exactly as the stations name it")
H_RESIDENTS = QT_TRANSLATE_NOOP("CLI", "registered residents")
BAD_ROWS = QT_TRANSLATE_NOOP("CLI", "Refused: {file} has {count} bad row(s); nothing was imported.")
BAD_ROW = QT_TRANSLATE_NOOP("CLI", "line {line}: {reason}")
IMPORTED = QT_TRANSLATE_NOOP("CLI", "Roster: {added} added, {updated} updated, {unchanged} unchanged; reference "
                                    "version {version}")
ACTIVE_WORDS = (QT_TRANSLATE_NOOP("CLI", "inactive"), QT_TRANSLATE_NOOP("CLI", "active"))
DEACTIVATED = QT_TRANSLATE_NOOP("CLI", "Roster member {id} is deactivated; reference version {version}")
POPULATION_SET = QT_TRANSLATE_NOOP("CLI", "{township}: {population} registered residents; reference version {version}")
H_HARDSHIP = QT_TRANSLATE_NOOP("CLI", "townships' economic-hardship standard (a multiple of the minimum living "
                                      "standard)")
H_HARDSHIP_SET = QT_TRANSLATE_NOOP("CLI", "set a township's standard; stations measure intake against it")
H_HARDSHIP_LIST = QT_TRANSLATE_NOOP("CLI", "every township's hardship standard")
H_MINIMUM_LIVING = QT_TRANSLATE_NOOP("CLI", "the township's minimum living standard, yuan per person per month")
H_MULTIPLE = QT_TRANSLATE_NOOP("CLI", "the standard as a multiple of it, e.g. 1.5")
HARDSHIP_SET = QT_TRANSLATE_NOOP("CLI", "{township}: hardship standard {monthly} yuan per person per month ({minimum} x "
                                        "{multiple}); reference version {version}")
NO_SUCH_TOWNSHIP = QT_TRANSLATE_NOOP("CLI", "Note: no station is registered for township {township} yet (check the "
                                            "spelling: stations find their township by this exact name).")


def add_reference_commands(commands, common) -> None:
    """The `roster`, `population` and `hardship` sub-commands of `python -m sync.server` (help as
    desktop/cli_text.py says)."""
    from desktop.cli_text import gloss as g

    def command(under, name: str, text: str):
        return under.add_parser(name, parents=[common], help=g(text), description=g(text))

    roster_commands = command(commands, "roster", H_ROSTER).add_subparsers(dest="roster_command", required=True)
    imported = command(roster_commands, "import", H_ROSTER_IMPORT)
    imported.add_argument("file", type=Path, help=g(H_ROSTER_FILE, header=",".join(HEADER)))
    command(roster_commands, "list", H_ROSTER_LIST)
    off = command(roster_commands, "deactivate", H_ROSTER_OFF)
    off.add_argument("id", help=g(H_MEMBER))
    population_commands = command(commands, "population", H_POPULATION).add_subparsers(dest="population_command",
                                                                                         required=True)
    set_ = command(population_commands, "set", H_POPULATION_SET)
    set_.add_argument("township", help=g(H_TOWNSHIP))
    set_.add_argument("population", type=int, help=g(H_RESIDENTS))
    command(population_commands, "list", H_POPULATION_LIST)
    hardship_commands = command(commands, "hardship", H_HARDSHIP).add_subparsers(dest="hardship_command",
                                                                                 required=True)
    set_standard = command(hardship_commands, "set", H_HARDSHIP_SET)
    set_standard.add_argument("township", help=g(H_TOWNSHIP))
    set_standard.add_argument("--minimum", required=True, help=g(H_MINIMUM_LIVING))
    set_standard.add_argument("--multiple", required=True, help=g(H_MULTIPLE))
    command(hardship_commands, "list", H_HARDSHIP_LIST)


def reference_command(store, args) -> int:
    """Run `roster ...`, `population ...` or `hardship ...`; the exit status (refusals raise CountyError)."""
    import sys

    from desktop.cli_text import gloss, say

    if args.command == "roster" and args.roster_command == "import":
        try:
            result = import_roster(store, args.file)
        except OSError as exc:
            raise ReferenceDataError(f"cannot read {args.file}: {exc.strerror or exc}", CANNOT_READ,
                                     {"file": args.file, "reason": reason_of(exc)}) from exc
        except RosterImportError as exc:
            print(gloss(BAD_ROWS, file=args.file, count=len(exc.problems)), file=sys.stderr)
            for line, reason in exc.problems:
                print("  " + say(BAD_ROW, line=line, reason=reason), file=sys.stderr)
            return 1
        print(say(IMPORTED, added=result.added, updated=result.updated, unchanged=result.unchanged,
                  version=result.version))
    elif args.command == "roster" and args.roster_command == "list":
        for m in roster(store):
            print("\t".join([m.id, m.name, KIND_LABELS[m.kind], m.organisation, str(m.years_of_practice),
                             "熟悉未成年人案件" if m.minors_familiar else "-", m.phone or "-",
                             say(ACTIVE_WORDS[bool(m.active)])]))
    elif args.command == "roster":
        print(say(DEACTIVATED, id=args.id, version=deactivate(store, args.id)))
    elif args.command == "hardship" and args.hardship_command == "set":
        standard, version = set_hardship_standard(store, args.township, args.minimum, args.multiple)
        print(say(HARDSHIP_SET, township=standard.township, monthly=standard.monthly,
                  minimum=standard.minimum_living, multiple=standard.multiple, version=version))
        if standard.township not in stations_townships(store):
            print(gloss(NO_SUCH_TOWNSHIP, township=standard.township), file=sys.stderr)
    elif args.command == "hardship":
        for s in hardship_standards(store):
            print(f"{s.township}\t{s.monthly}\t{s.minimum_living} x {s.multiple}")
    elif args.population_command == "set":
        version = set_population(store, args.township, args.population)
        print(say(POPULATION_SET, township=args.township.strip(), population=args.population, version=version))
        if args.township.strip() not in stations_townships(store):
            print(gloss(NO_SUCH_TOWNSHIP, township=args.township.strip()), file=sys.stderr)
    else:
        for t in townships(store):
            print(f"{t['name']}\t{t['registered_population']}")
    return 0
