"""`python -m desktop verify`: check every attachment's file and signature; non-zero exit unless all are ok.

Needs neither Qt nor the station's private key (verifying uses the public
keys recorded in the database), so it runs on a copy of a station's data
folder, e.g. at the county during an audit.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from desktop.records.attachments import STATUSES, Attachments, owner_label
from desktop.records.db import database_path
from desktop.records.errors import StorageError, reason_of
from desktop.records.station import open_station
from desktop.records.vault import Vault
from desktop.cli_text import gloss, gloss_error, megabytes, say
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese_text
from desktop.services import VAULT_DIR

NO_DATABASE = QT_TRANSLATE_NOOP("CLI", "There is no station database in {path}.")
NO_VAULT = QT_TRANSLATE_NOOP("CLI", "The attachment folder {path} cannot be used: {problem}")
CHECKED = QT_TRANSLATE_NOOP("CLI", "checked {done} of {total}")
NOT_OK = QT_TRANSLATE_NOOP("CLI", "{status}: {owner}: attachment {id}{void} of {record_type} {record_id}, slot {slot}, "
                                  "\"{name}\" (sha256 {sha256}): {problem}")
VOID = QT_TRANSLATE_NOOP("CLI", " (voided)")
SUMMARY = QT_TRANSLATE_NOOP("CLI", "{status} {count}")
LIST_SEPARATOR = QT_TRANSLATE_NOOP("CLI", ", ")

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2


def run_verify(data_dir: Path, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print one line per attachment that is not ok and a summary; 0 when all are ok (or there are none)."""
    out, err = out or sys.stdout, err or sys.stderr
    for stream in (out, err):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a Chinese or Uyghur file name must not crash a cp936 console
            reconfigure(errors="replace")
    data_dir = Path(data_dir)
    if not database_path(data_dir).is_file():
        print(gloss(NO_DATABASE, path=data_dir), file=err)
        return EXIT_CANNOT_RUN
    try:
        station = open_station(data_dir)
    except StorageError as exc:
        print(gloss_error(exc), file=err)
        return EXIT_CANNOT_RUN
    try:
        try:
            vault = Vault.of_station(data_dir, folder=VAULT_DIR)
        except OSError as exc:
            print(gloss(NO_VAULT, path=data_dir / VAULT_DIR, problem=reason_of(exc)), file=err)
            return EXIT_CANNOT_RUN
        attachments = Attachments(station.store, vault, signer=None)
        show_progress = hasattr(err, "isatty") and err.isatty()

        def progress(done: int, total: int) -> None:
            print("\r" + say(CHECKED, done=megabytes(done), total=megabytes(total)), end="", file=err, flush=True)

        results = attachments.verify_all(progress if show_progress else None)
        if show_progress:
            print(file=err)
        owners = {v.attachment.id: owner_label(station.store, v.attachment) for v in results if not v.ok}
    finally:
        station.close()
    counts = Counter(v.status for v in results)
    for v in results:
        if v.ok:
            continue
        a = v.attachment
        print(say(NOT_OK, status=_status(v.status), owner=owners[a.id], id=a.id, void=say(VOID) if a.voided else "",
                  record_type=a.record_type, record_id=a.record_id, slot=a.slot, name=a.original_name,
                  sha256=a.sha256, problem=chinese_text("Attachments", v.reason, v.params)), file=out)
    print(say(LIST_SEPARATOR).join(say(SUMMARY, status=_status(status), count=counts.get(status, 0))
                                   for status in STATUSES), file=out)
    return EXIT_OK if counts.get("ok", 0) == len(results) else EXIT_PROBLEMS


STATUS_WORDS = {"ok": QT_TRANSLATE_NOOP("CLI", "intact"), "tampered": QT_TRANSLATE_NOOP("CLI", "changed"),
                "missing": QT_TRANSLATE_NOOP("CLI", "missing"), "unsigned": QT_TRANSLATE_NOOP("CLI", "unsigned")}


def _status(status: str) -> str:
    """A verification status in Chinese, with its code for scripts: "已被改动 [tampered]"."""
    return f"{say(STATUS_WORDS[status])} [{status}]" if status in STATUS_WORDS else status
