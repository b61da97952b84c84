"""`python -m desktop audit verify | list`: read and verify the station's audit trail (desktop/records/audit.py).

`verify` recomputes the hash chain from its first entry and names the first entry that no longer fits
(exit 1), so a log changed with a database editor is found here as it is at the county's next sync.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli_text import gloss, say
from desktop.records import audit
from desktop.records.errors import StorageError
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese
from desktop.records.station import open_station

H_AUDIT = QT_TRANSLATE_NOOP("CLI", "read and verify the audit trail: who saw, changed, printed, exported or restored "
                                   "which record")
H_VERIFY = QT_TRANSLATE_NOOP("CLI", "verify the audit trail's hash chain (exit 1: it was changed)")
H_LIST = QT_TRANSLATE_NOOP("CLI", "the newest entries")
H_LIMIT = QT_TRANSLATE_NOOP("CLI", "how many entries (default 50)")
H_RECORD = QT_TRANSLATE_NOOP("CLI", "only the entries of this record (its id)")
INTACT = QT_TRANSLATE_NOOP("CLI", "The audit trail is intact: {entries} entries, the last {seq} ({hash}).")
NOT_INTACT = QT_TRANSLATE_NOOP("CLI", "The audit trail is NOT intact: {reason}")
CANNOT_OPEN = QT_TRANSLATE_NOOP("CLI", "Cannot open the station: {problem}")
ENTRY = QT_TRANSLATE_NOOP("CLI", "{seq}  {at}  {account}  {action}  {record_type} {record_id}")


def add_audit_arguments(command) -> None:
    """`audit verify` and `audit list` (`command(name, help)` makes the station CLI's subparser)."""
    from desktop.cli_text import H_STATION_DATA_DIR

    under = command("audit", H_AUDIT).add_subparsers(dest="audit_command", required=True)
    verify = under.add_parser("verify", help=H_VERIFY, description=H_VERIFY)  # glossed when printed
    listing = under.add_parser("list", help=H_LIST, description=H_LIST)
    for sub in (verify, listing):  # --data-dir after the subcommand too, as every station command takes it
        sub.add_argument("--data-dir", type=Path, dest="sub_data_dir", metavar="DIR", default=argparse.SUPPRESS,
                         help=H_STATION_DATA_DIR)
    listing.add_argument("--limit", type=int, default=50, help=H_LIMIT)
    listing.add_argument("--record", help=H_RECORD)


def action_word(action: str) -> str:
    return chinese("Audit", audit.ACTION_WORDS.get(action, action))


def run_audit(data_dir: Path, args) -> int:
    try:
        station = open_station(data_dir)
    except StorageError as exc:
        print(gloss(CANNOT_OPEN, problem=exc), file=sys.stderr)  # the problem in Chinese too
        return 2
    try:
        if args.audit_command == "list":
            for e in audit.entries(station.db, limit=max(1, args.limit), record_id=args.record):
                print(say(ENTRY, seq=e.seq, at=e.at, account=e.account, action=action_word(e.action),
                          record_type=e.record_type, record_id=e.record_id))
            return 0
        found = audit.verify(station.db)
        if found.intact:
            print(say(INTACT, entries=found.entries, seq=found.seq, hash=found.hash[:16]))
            return 0
        print(say(NOT_INTACT, reason=found.reason_zh()))
        return 1
    finally:
        station.db.conn.close()
