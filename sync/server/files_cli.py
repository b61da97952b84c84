"""`python -m sync.server files verify`: every material file and issued document the county holds opens with its
data key and matches its hash (after an upgrade sealed them, after a restore from a backup, or on a schedule).
It reads each file through its seal, as serving it does; it changes nothing. Exit 1 when any file has a problem."""

from __future__ import annotations

import hashlib

from desktop.cli_text import say
from desktop.records.i18n import QT_TRANSLATE_NOOP
from sync.server.file_seal import SealedError

H_FILES = QT_TRANSLATE_NOOP("CLI", "the county's material files and issued documents")
H_FILES_VERIFY = QT_TRANSLATE_NOOP("CLI", "check that every material file and issued document opens with the county's "
                                          "data key and matches its hash")
FILES_OK = QT_TRANSLATE_NOOP("CLI", "All {files} material files and {documents} issued documents open with the county's "
                                    "data key and match their hashes.")
FILES_BROKEN = QT_TRANSLATE_NOOP("CLI", "{count} of the county's files have a problem: put them back from a backup of "
                                        "the data folder (the same data key opens it), or ask the station to send the "
                                        "material again.")
FILE_LINE = QT_TRANSLATE_NOOP("CLI", "The {kind} with hash {sha256}: {problem}")
MATERIAL = QT_TRANSLATE_NOOP("CLI", "Material file")
DOCUMENT = QT_TRANSLATE_NOOP("CLI", "Issued document")
MISSING = QT_TRANSLATE_NOOP("CLI", "missing from the data folder")
DOES_NOT_OPEN = QT_TRANSLATE_NOOP("CLI", "does not open with the county's data key (altered, damaged, or sealed with "
                                         "another county's key)")
OTHER_CONTENT = QT_TRANSLATE_NOOP("CLI", "its content does not match its hash")


def add_files_commands(commands, command) -> None:
    """`files verify` under the county's CLI (`command(under, name, help)` makes a subparser; it glosses the help)."""
    under = command(commands, "files", H_FILES).add_subparsers(dest="files_command", required=True)
    command(under, "verify", H_FILES_VERIFY)


def problem_of(open_stream, sha256: str, size: int | None) -> str | None:
    """What is wrong with one sealed file (an English source text), or None when it reads back as its hash."""
    digest, read = hashlib.sha256(), 0
    try:
        with open_stream(sha256) as stream:
            while block := stream.read(1024 * 1024):
                digest.update(block)
                read += len(block)
    except FileNotFoundError:
        return MISSING
    except (OSError, SealedError):
        return DOES_NOT_OPEN
    if digest.hexdigest() != sha256 or (size is not None and read != size):
        return OTHER_CONTENT
    return None


def files_command(store, args) -> int:
    conn = store.conn()
    materials = conn.execute("SELECT sha256, size FROM files ORDER BY sha256").fetchall()
    documents = conn.execute("SELECT DISTINCT sha256, size FROM issued_documents ORDER BY sha256").fetchall()
    problems = 0
    for kind, opener, rows in ((MATERIAL, store.files.open, materials), (DOCUMENT, store.issuer.open, documents)):
        for sha256, size in rows:
            problem = problem_of(opener, sha256, size)
            if problem is not None:
                problems += 1
                print(say(FILE_LINE, kind=say(kind), sha256=sha256, problem=say(problem)))
    if problems:
        print(say(FILES_BROKEN, count=problems))
        return 1
    print(say(FILES_OK, files=len(materials), documents=len(documents)))
    return 0
