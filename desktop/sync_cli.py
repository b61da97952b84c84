"""`python -m desktop enroll|sync|export-bundle|import-bundle`: the county exchange without a window."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.cli_text import gloss, gloss_refusal, megabytes, say
from desktop.records.i18n import QT_TRANSLATE_NOOP

SET_UP_FIRST = QT_TRANSLATE_NOOP("CLI", "Set up the station first: its code and name (Settings, or python -m desktop "
                                        "setup).")
QUARANTINED = QT_TRANSLATE_NOOP("CLI", "Returned: {record_type} {record_id} version {version}: {reason}")
ENROLL_USAGE = QT_TRANSLATE_NOOP("CLI", "Use --server with --code and the enrollment sheet's fingerprint "
                                        "(--fingerprint, or --fingerprint-image with a photo of its QR code); with no "
                                        "network, --code with --request, then --answer with the county's answer file.")
CANNOT_WRITE = QT_TRANSLATE_NOOP("CLI", "Cannot write {path}: {problem}")
REQUEST_WRITTEN = QT_TRANSLATE_NOOP("CLI", "The enrollment request is written to {path}. Take it to the county "
                                           "(python -m sync.server station enroll-file), then import its answer here.")
ENROLLED = QT_TRANSLATE_NOOP("CLI", "Enrolled: station {code} {name}, key {fingerprint}; the document-signing "
                                    "certificate is valid until {until}")
EXPORTED = QT_TRANSLATE_NOOP("CLI", "Exported {changes} changes not yet acknowledged and {files} material files "
                                    "({size}) to {path}. Take it to the county to import, then bring the reply bundle "
                                    "back and import it here.")
LEFT_OUT = QT_TRANSLATE_NOOP("CLI", "{count} material files no longer match their signed hash and were not exported; "
                                    "see Tools, Check all materials.")
ALREADY_IMPORTED = QT_TRANSLATE_NOOP("CLI", "This reply bundle was imported before; it brought nothing new.")
IMPORTED = QT_TRANSLATE_NOOP("CLI", "The county's reply bundle is imported: {changes} changes and {files} material "
                                    "files confirmed, {events} county decisions received.")
RECOVERED = QT_TRANSLATE_NOOP("CLI", "Recovered from the county: {changes} changes ({records} consultations and "
                                     "applications) and {files} material files ({size}). The county's decisions come "
                                     "with the next sync.")
NOT_AT_COUNTY = QT_TRANSLATE_NOOP("CLI", "The county has no complete copy of material file {sha256}; it was not "
                                         "recovered.")


@contextmanager
def _station(data_dir: Path) -> Iterator[Any]:
    """The station's services, or None (with the reason printed) when it is not set up yet."""
    from desktop.services import open_services

    services = open_services(data_dir)
    try:
        if services.station.settings.configured:
            yield services
        else:
            print(gloss(SET_UP_FIRST), file=sys.stderr)
            yield None
    finally:
        services.close()


def _bundle_refused(exc: Any) -> int:
    print(gloss_refusal(exc), file=sys.stderr)
    return 2 if exc.code == "not_enrolled" else 1


def _print_quarantined(quarantined: list[dict]) -> None:
    for q in quarantined:
        print(say(QUARANTINED, record_type=q["record_type"], record_id=q["record_id"], version=q["version"],
                  reason=q["reason"]))


def run_enroll(data_dir: Path, server: str | None, code: str | None, *, request: Path | None = None,
               answer: Path | None = None, fingerprint: str = "", fingerprint_image: Path | None = None) -> int:
    """Enroll over the network (--server --code, and the sheet's fingerprint: --fingerprint or
    --fingerprint-image), or by USB: write a request (--code --request), then import the county's answer
    (--answer). Exit 0: done; 1: refused; 2: wrong use or station not set up."""
    from desktop.records.errors import reason_of
    from sync.enrollment import enroll, import_enrollment_answer, write_enrollment_request
    from sync.errors import SyncError

    if not ((server and code and not request and not answer) or (code and request and not server and not answer)
            or (answer and not (server or code or request))):
        print(gloss(ENROLL_USAGE), file=sys.stderr)
        return 2
    with _station(data_dir) as services:
        if services is None:
            return 2
        station_code = services.station.settings.station_code
        if request:
            try:
                write_enrollment_request(request, services.key, services.document_key, station_code, code or "")
            except OSError as exc:
                print(gloss(CANNOT_WRITE, path=request, problem=reason_of(exc)), file=sys.stderr)
                return 1
            print(say(REQUEST_WRITTEN, path=request))
            return 0
        try:
            if fingerprint_image is not None:
                from sync.sheet_qr import fingerprint_from_image

                fingerprint = fingerprint_from_image(fingerprint_image)
            if answer:
                cert = import_enrollment_answer(services.station.db, services.key, services.document_key, answer,
                                                station_code, fingerprint)
            else:
                cert = enroll(services.station.db, services.key, services.document_key, server or "", code or "",
                              station_code, fingerprint)
        except SyncError as exc:
            print(gloss_refusal(exc), file=sys.stderr)
            return 1
        print(say(ENROLLED, code=cert["station_code"], name=cert["name"], fingerprint=services.key.fingerprint(),
                  until=cert["valid_until"]))
        return 0


def run_sync(data_dir: Path, server: str | None = None) -> int:
    """One round; exit 0 only when nothing is left unsent (quarantined changes count as unsent)."""
    from desktop.services import open_services
    from sync.errors import SyncError
    from sync.outbox import quarantined_changes
    from sync.status import describe

    services = open_services(data_dir)  # not _station: an unset station is the engine's "not enrolled" (2)
    try:
        try:
            engine = services.sync_engine(server_url=server)
        except SyncError as exc:
            print(gloss_refusal(exc), file=sys.stderr)
            return 2
        result = engine.sync_round()
        for line in describe(result):
            print(line)
        _print_quarantined(quarantined_changes(services.station.db))
        return 0 if result.complete else 1
    finally:
        services.close()


def run_export_bundle(data_dir: Path, path: Path) -> int:
    """Exit 0: written; 1: could not write it; 2: the station is not set up or not enrolled."""
    from desktop.records.errors import reason_of
    from sync.bundle import BundleError, export_bundle

    with _station(data_dir) as services:
        if services is None:
            return 2
        try:
            result = export_bundle(services.station.db, services.key, services.station.settings.station_code, path,
                                   vault=services.vault)
        except BundleError as exc:
            return _bundle_refused(exc)
        except OSError as exc:
            print(gloss(CANNOT_WRITE, path=path, problem=reason_of(exc)), file=sys.stderr)
            return 1
        print(say(EXPORTED, changes=result.changes, files=result.files, size=megabytes(result.file_bytes),
                  path=result.path))
        if result.damaged:
            print(gloss(LEFT_OUT, count=len(result.damaged)), file=sys.stderr)
        return 0


def run_import_bundle(data_dir: Path, file: Path) -> int:
    """Exit 0: the reply was applied; 1: refused (tampered, another station, wrong file); 2: not enrolled."""
    from sync.bundle import BundleError, import_reply
    from sync.outbox import quarantined_changes
    from sync.status import describe

    with _station(data_dir) as services:
        if services is None:
            return 2
        code = services.station.settings.station_code
        try:
            result = import_reply(services.station.db, services.key, code, file, vault=services.vault)
        except BundleError as exc:
            return _bundle_refused(exc)
        if result.already_imported:
            print(say(ALREADY_IMPORTED))
        else:
            print(say(IMPORTED, changes=result.accepted + result.duplicates, files=result.files_sent,
                      events=result.events))
        for line in describe(result)[1:]:
            print(line)
        _print_quarantined(quarantined_changes(services.station.db))
        return 0


def run_recover(data_dir: Path, server: str | None = None) -> int:
    """Rebuild this station from the county (a new laptop). Exit 0: done (files missing at the county are
    listed); 1: refused or failed (nothing unsent may be here); 2: not enrolled."""
    from desktop.services import open_services
    from sync.errors import SyncError
    from sync.recovery import recover_from_county

    services = open_services(data_dir)
    try:
        try:
            engine = services.sync_engine(server_url=server)
            result = recover_from_county(engine, services.station.store, services.vault)
        except SyncError as exc:
            print(gloss_refusal(exc), file=sys.stderr)
            return 2 if exc.code == "not_enrolled" else 1
        print(say(RECOVERED, changes=result.changes, records=result.records, files=result.files,
                  size=megabytes(result.file_bytes)))
        for sha256 in result.missing_files:
            print(gloss(NOT_AT_COUNTY, sha256=sha256), file=sys.stderr)
        return 0
    finally:
        services.close()
