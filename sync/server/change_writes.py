"""The writer's part of storing a batch of changes (changes.py reads and checks them first): what the county holds
of the batch's records is read in three statements, each change is decided in order against it (kept up to date
as each is taken), and the changes taken are written in one statement per table.

Why so few statements: each one lets go of Python's lock (the GIL) and must win it back from the threads reading
the next batches. With a statement per question and per row the writer spent 3.4 of its 5.5 s waiting for it
(measured on the sync bench); with a few per batch the database's own work runs beside the readers' Python.

The decision is the one a change-by-change writer makes, change after change: a later change of the batch sees
the earlier ones (a record's newer version, a number given up by a void, a case recorded just before). Should the
batch's write be refused all the same (a rule the decision does not foresee), the batch is decided and written
again one change at a time, each change on what the county then holds.
"""

from __future__ import annotations

import json
import logging
from typing import Any, NamedTuple

from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.protocol import ACCEPTED, CONFLICTING_CONTENT, DUPLICATE
from sync.server import files
from sync.server.casework import check_casework_links, linked_records
from sync.server.data_key import sqlite3
from sync.server.errors import CountyError

log = logging.getLogger(__name__)

ATTACHMENT = "attachment"  # the change log's record type for an attachment's signed manifest

SAME_ID_OTHER_CONTENT = QT_TRANSLATE_NOOP("County", "The county already has a change with this number but other "
                                                    "content and will not overwrite it. Contact the county to check.")
SAME_VERSION_OTHER_CONTENT = QT_TRANSLATE_NOOP(
    "County", "The county already has other content for version {version} of this record. This computer may have "
              "been restored from an older backup; the changes lost by the restore are still at the county. Check "
              "with the county, then open the record, correct it and save.")
ANOTHER_STATIONS_RECORD = QT_TRANSLATE_NOOP("County", "At the county this record belongs to another station; it was "
                                                      "refused. Contact the county.")
NUMBER_USED_HERE = QT_TRANSLATE_NOOP(
    "County", "Application number {number} already belongs to another application of this station at the county "
              "(this computer may have been restored from an older backup). Void this one and record it again: it "
              "gets a new number.")
NUMBER_USED = QT_TRANSLATE_NOOP("County", "Application number {number} is already used by another record at the "
                                          "county; it was refused. Contact the county to check the station code.")
REFUSED_BY_DATABASE = QT_TRANSLATE_NOOP("County", "The county's database refused this record; contact the county.")

RecordKey = tuple[str, str]  # (record type, record id)


class Read(NamedTuple):
    """What changes.py found of one change before the writer (no database needed)."""

    broken: CountyError | None  # why its envelope is refused
    payload: dict[str, Any] | None
    refused: CountyError | None  # why its payload is refused (said after the duplicate check)
    data_text: str | None  # its record data in canonical JSON, as `records` keeps it


class Taken(NamedTuple):
    """The rows an accepted change writes."""

    record: tuple | None  # its `records` row, when it is newer than what the county holds of the record
    change: tuple  # its `changes` row
    manifest: dict[str, Any] | None  # an attachment's verified manifest
    payload: dict[str, Any]


class Holdings:
    """What the county holds of one batch's records, their application numbers and versions (three statements,
    each a lookup per key), and the rows the batch's accepted changes will write; `take` keeps it up to date."""

    def __init__(self, conn: sqlite3.Connection, reads: list[Read]) -> None:
        payloads = [r.payload for r in reads if r.payload is not None]
        keys = {(p["record_type"], p["record_id"]) for p in payloads}
        keys.update((record_type, linked) for p in payloads for record_type, linked, _ in linked_records(p))
        numbers = {p["data"]["number"] for p in payloads if p["record_type"] == "application"}
        versions = {(p["record_id"], p["version"]) for p in payloads}
        # CROSS JOIN keeps json_each outside: one index lookup per key, whatever the size of the county
        self._records: dict[RecordKey, tuple[int, str, str | None]] = {
            (t, i): (v, s, n) for t, i, v, s, n in conn.execute(
                "SELECT r.record_type, r.record_id, r.version, r.station, r.number FROM json_each(?) AS j "
                "CROSS JOIN records AS r ON r.record_type = j.value ->> 0 AND r.record_id = j.value ->> 1",
                (_json(sorted(keys)),))}
        self._numbers: dict[str, tuple[str, str, str]] = {
            n: (t, i, s) for n, t, i, s in conn.execute(
                "SELECT r.number, r.record_type, r.record_id, r.station FROM json_each(?) AS j "
                "CROSS JOIN records AS r ON r.number = j.value", (_json(sorted(numbers)),))}
        self._versions: dict[tuple[str, str, int], str] = {
            (t, i, v): c for t, i, v, c in conn.execute(
                "SELECT c.record_type, c.record_id, c.version, c.change_id FROM json_each(?) AS j "
                "CROSS JOIN changes AS c ON c.record_id = j.value ->> 0 AND c.version = j.value ->> 1",
                (_json(sorted(versions)),))}
        self.taken: list[Taken] = []

    def owner(self, record_type: str, record_id: str) -> str | None:
        held = self._records.get((record_type, record_id))
        return held[1] if held is not None else None

    def record(self, key: RecordKey) -> tuple[int, str, str | None] | None:
        """(version, station, number) of the record the county holds."""
        return self._records.get(key)

    def version_taken(self, key: RecordKey, version: int) -> str | None:
        """The change that brought this version of the record, when the county has one."""
        return self._versions.get((*key, version))

    def number_holder(self, number: str) -> tuple[str, str, str] | None:
        """(record type, record id, station) of the record holding this application number."""
        return self._numbers.get(number)

    def take(self, taken: Taken) -> None:
        """What the county holds once this change is written (later changes of the batch are decided on it)."""
        self.taken.append(taken)
        _station, record_type, record_id, version = taken.change[1:5]
        self._versions[(record_type, record_id, version)] = taken.change[0]
        if taken.record is None:
            return
        station, number, key = taken.record[0], taken.record[4], (record_type, record_id)
        before = self._records.get(key)
        if before is not None and before[2] is not None and self._numbers.get(before[2], ())[:2] == key:
            del self._numbers[before[2]]  # the number given up (a void, or another number)
        if number is not None:
            self._numbers[number] = (record_type, record_id, station)
        self._records[key] = (version, station, number)

    def write_records(self, conn: sqlite3.Connection) -> None:
        """The accepted changes' `records` rows in one statement, in the batch's order (a record's versions in turn).
        The one statement a rule not foreseen here could refuse: SQLite then undoes it alone."""
        records = [t.record for t in self.taken if t.record is not None]
        if records:
            conn.execute("INSERT INTO records (station, record_type, record_id, version, number, voided, data, "
                         "change_id) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, "
                         "value ->> 5, value ->> 6, value ->> 7 FROM json_each(?) WHERE true "
                         "ON CONFLICT(record_type, record_id) DO UPDATE SET version = excluded.version, "
                         "number = excluded.number, voided = excluded.voided, data = excluded.data, "
                         "change_id = excluded.change_id", (_json(records),))

    def write_changes(self, conn: sqlite3.Connection) -> None:
        """The accepted changes themselves (their ids were found free) and the attachments' manifests."""
        if self.taken:
            conn.execute("INSERT INTO changes (change_id, station, record_type, record_id, version, lamport, sha256, "
                         "payload, received_at) SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, "
                         "value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8 FROM json_each(?)",
                         (_json([t.change for t in self.taken]),))
        for t in self.taken:
            if t.manifest is not None:
                files.remember_manifest(conn, t.change[1], t.payload, t.manifest)


def _json(rows: Any) -> str:
    # ensure_ascii=False: the text goes to SQLite as it is (no \\u escapes to undo); allow_nan=False: no NaN
    return json.dumps(rows, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def write_batch(conn: sqlite3.Connection, station: str, changes: list[Any], reads: list[Read],
                held: dict[str, str], received_at: str) -> list[tuple[str | None, CountyError | None]]:
    """Decide and write a batch (`held`: change_id -> sha256 of what the county has, kept up to date): per change,
    (ACCEPTED or DUPLICATE, None) or (None, the CountyError refusing it)."""
    holdings = Holdings(conn, reads)
    outcomes = [_decide_one(conn, station, entry, read, held, holdings, received_at)
                for entry, read in zip(changes, reads)]
    try:
        holdings.write_records(conn)
    except sqlite3.IntegrityError as exc:
        if not conn.in_transaction:  # a rule that rolled the whole transaction back: nothing to write again in
            raise
        for t in holdings.taken:  # nothing of the batch is written: SQLite undid the statement
            del held[t.change[0]]
        if len(changes) > 1:
            log.warning("a batch's records were refused as a whole (%s); written again one change at a time", exc)
            return [write_batch(conn, station, [entry], [read], held, received_at)[0]
                    for entry, read in zip(changes, reads)]
        return [(None, CountyError(f"the county's database refused the record ({exc})", REFUSED_BY_DATABASE))
                if status == ACCEPTED else (status, refusal) for status, refusal in outcomes]
    holdings.write_changes(conn)
    return outcomes


def _decide_one(conn: sqlite3.Connection, station: str, entry: Any, read: Read, held: dict[str, str],
                holdings: Holdings, received_at: str) -> tuple[str | None, CountyError | None]:
    try:
        taken = _decide(conn, station, entry, read, held, holdings, received_at)
    except CountyError as exc:
        return None, exc
    if taken is None:
        return DUPLICATE, None
    holdings.take(taken)
    held[taken.change[0]] = taken.change[6]
    return ACCEPTED, None


def _decide(conn: sqlite3.Connection, station: str, entry: Any, read: Read, held: dict[str, str],
            holdings: Holdings, received_at: str) -> Taken | None:
    """The rows one change writes (None: the county has it already), or CountyError: why it is refused. Every
    check comes before anything is written, in this order (the reason a station reads is the first that fails)."""
    broken, payload, refused, data_text = read
    if broken is not None:
        raise broken
    change_id, digest, payload_text = entry["change_id"], entry["sha256"], entry["payload"]
    if change_id in held:
        if held[change_id] == digest:
            return None
        raise CountyError(CONFLICTING_CONTENT, SAME_ID_OTHER_CONTENT)
    if refused is not None:
        raise refused
    assert payload is not None
    key = (payload["record_type"], payload["record_id"])
    version = payload["version"]
    # the records after the decision (issue 14): the station's rules, and only the sender's own cases
    check_casework_links(holdings.owner, station, payload)
    other = holdings.version_taken(key, version)
    if other is not None:
        # Two different changes claim the same version: the station was restored from a backup older
        # than what it had sent. Taking either silently would lose the other; the clerk decides.
        raise CountyError(f"version {version} of this record already came with other content "
                          f"(change {other}); was the station restored from a backup?",
                          SAME_VERSION_OTHER_CONTENT, {"version": version})
    # the manifest's checks read what the batch does not write (the enrolled keys; a record another station holds)
    manifest = files.check_manifest(conn, station, payload) if key[0] == ATTACHMENT else None
    current = holdings.record(key)
    if current is not None and current[1] != station:
        raise CountyError("this record belongs to another station", ANOTHER_STATIONS_RECORD)
    record = None
    if current is None or version > current[0]:
        voided = payload["action"] == "void"
        # a voided application gives its number up (a void of one the county never took must not collide)
        number = payload["data"]["number"] if key[0] == "application" and not voided else None
        holder = holdings.number_holder(number) if number is not None else None
        if holder is not None and holder[:2] != key:
            if holder[2] == station:  # this station numbered twice: restored from an older backup
                raise CountyError(f"application number {number} is already used by another application of "
                                  "this station (restored from an older backup?)", NUMBER_USED_HERE,
                                  {"number": number})
            raise CountyError(f"application number {number} is already used by another record", NUMBER_USED,
                              {"number": number})
        record = (station, *key, version, number, int(voided), data_text, change_id)
    return Taken(record, (change_id, station, *key, version, payload["lamport"], digest, payload_text, received_at),
                 manifest, payload)
