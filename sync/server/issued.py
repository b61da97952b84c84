"""The documents the county issues with its decisions: filled, numbered, sealed and signed on the server.

Each decision that has an official document (ISSUES) produces it as the decision is recorded, in the
same transaction: the form of resources/forms filled from the application as the county holds it and
the decision itself, numbered by the county (a counter per form and year, taken in that transaction,
so a refused or failed decision takes no number: the numbers have no gaps), sealed with the county's
seal (the center's own seal image, `county_seal.png` in the data folder, else a generated round seal)
and signed with the county's document key (county_key.py; the key never leaves the server). Each PDF is
kept sealed with the county's data key (sync/server/file_seal.py), as the material files are: it names the
applicant; whoever reads it (a station, the workspace, a USB reply) gets the plaintext through `document`/`open`.

The event the stations pull carries each document's form, number and SHA-256 in `data.documents`,
and the numbers in the fields the forms read (`document_number`, `letter_number`), so the station
prints the same words; the station fetches the signed PDF itself (GET /v1/documents/{sha256}) and
checks its signature against the county root before it keeps it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.records.fsutil import fsync_dir, write_new_file
from desktop.records.settings import StationSettings
from forms.county import CountyDecisions, CountyEvent, county_of_center, local_date
from sync.sealed import OpenedStream
from sync.server.county_key import CountyKey
from sync.server.file_seal import FileSeal, SealedError
from sync.server.files import valid_sha256

log = logging.getLogger(__name__)

DOCUMENTS_DIR = "documents"
DOCUMENT_KIND = "document"  # what an issued document's key binds in
SEAL_FILE = "county_seal.png"

# decision kind -> the forms it issues, each with the event field its number goes to (forms/county.py reads it)
ISSUES: dict[str, tuple[tuple[str, str], ...]] = {
    "supplement": (("supplement_notice", "document_number"),),
    "grant": (("grant_decision", "document_number"),),
    "refuse": (("refusal_decision", "document_number"),),
    "assign": (("assignment_notice", "document_number"), ("official_letter", "letter_number")),
    "terminate": (("termination_decision", "document_number"),),
}
# a later assignment changes the assignee (更换法律援助人员): the recipient and the organ get the change notice, the
# new assignee its own 指派通知书 and 公函 (it was never given the first ones); the change notice's number has its field
REASSIGN = (("change_notice", "change_number"), ("assignment_notice", "document_number"),
            ("official_letter", "letter_number"))


@dataclass(frozen=True)
class _Application:
    """The application as the forms read a record (forms/values.py): the county's latest copy."""

    id: str
    number: str
    version: int
    data: dict[str, Any]
    status: str | None = None
    record_type: str = "application"
    voided: bool = False


@dataclass
class Issuer:
    """Issues the decisions' documents into DATA/documents/<sha256>.pdf (content-addressed, sealed, kept for ever)."""

    data_dir: Path
    county_key: CountyKey
    seal: FileSeal
    _signer: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:  # an older county's clear documents are sealed at its first start
        self.seal.seal_folder(self.folder, DOCUMENT_KIND, _document_name)

    @property
    def folder(self) -> Path:
        return Path(self.data_dir) / DOCUMENTS_DIR

    def path_of(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.pdf"

    def signer(self):
        if self._signer is None:
            self._signer = self.county_key.document_signer()
        return self._signer

    def seal_image(self) -> Path:
        """The center's seal image: its own when the county put one in the data folder, else a generated one."""
        path = Path(self.data_dir) / SEAL_FILE
        if not path.exists():
            from forms.seal import seal_png

            generated = Path(self.data_dir) / ".generated_seal.png"
            if not generated.exists():
                _write_whole(generated, seal_png(self.county_key.center_name()))
            return generated
        return path

    # -- issuing, inside the decision's transaction -----------------------------------------------

    def issue(self, conn: sqlite3.Connection, event: dict[str, Any], application: dict[str, Any]) -> None:
        """Number, render, seal and sign the decision's documents; their numbers and hashes go into the event."""
        forms = ISSUES.get(event["kind"], ())
        if event["kind"] == "assign" and conn.execute(
                "SELECT 1 FROM events WHERE application_id = ? AND kind = 'assign' LIMIT 1",
                (event["application_id"],)).fetchone():
            forms = REASSIGN
        if not forms:
            return
        from forms.availability import FormNotAvailable

        year = int((local_date(event["at"]) or event["at"])[:4])
        record = self._record(conn, event, application)
        row = conn.execute("SELECT name, township FROM stations WHERE code = ?", (event["station"],)).fetchone()
        station = (row[0], row[1]) if row else (event["station"], "")
        earlier = self._earlier_events(conn, event["application_id"])
        documents = []
        for form_id, number_field in forms:
            serial = _next_number(conn, form_id, year)
            event["data"][number_field] = str(serial)
            decisions = CountyDecisions(tuple(earlier) + (CountyEvent(1 << 62, event["kind"], event["at"], event["by"],
                                                                      event["data"]),))
            try:
                pdf = self._render(form_id, record, decisions, event["station"], station)
            except FormNotAvailable:  # e.g. no 给予决定书 for a notified criminal case: the form says when
                del event["data"][number_field]
                _give_back(conn, form_id, year)
                continue
            digest = hashlib.sha256(pdf).hexdigest()
            self._keep(digest, pdf)
            conn.execute("INSERT INTO issued_documents (event_id, form, station, application_id, number, sha256, size, "
                         "issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (event["event_id"], form_id, event["station"], event["application_id"], str(serial), digest,
                          len(pdf), event["at"]))
            documents.append({"form": form_id, "number": str(serial), "year": year, "sha256": digest,
                              "size": len(pdf)})
        if documents:
            event["data"]["documents"] = documents

    def _record(self, conn: sqlite3.Connection, event: dict[str, Any], application: dict[str, Any]) -> _Application:
        row = conn.execute("SELECT version FROM records WHERE record_type = 'application' AND record_id = ?",
                           (event["application_id"],)).fetchone()
        return _Application(event["application_id"], str(application.get("number") or event["application_number"]),
                            int(row[0]) if row else 1, application, event["status"])

    @staticmethod
    def _earlier_events(conn: sqlite3.Connection, application_id: str) -> list[CountyEvent]:
        import json

        rows = conn.execute("SELECT seq, kind, at, by, data FROM events WHERE application_id = ? ORDER BY seq",
                            (application_id,)).fetchall()
        return [CountyEvent(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def _render(self, form_id: str, record: _Application, decisions: CountyDecisions, code: str,
                station: tuple[str, str]) -> bytes:
        from forms.context import RenderContext
        from forms.render import render_form

        center = self.county_key.center_name()
        county = county_of_center(center)
        context = RenderContext(settings=StationSettings(station_code=code, station_name=station[0],
                                                         township=station[1], county_name=county),
                                center_name=center, center_seal_image=self.seal_image(), signer=self.signer(),
                                system_fallbacks=False)
        return render_form(form_id, record, context, decisions=decisions)

    def _keep(self, digest: str, pdf: bytes) -> None:
        path = self.path_of(digest)
        if not path.exists():
            self.seal.store(path, DOCUMENT_KIND, digest, pdf)

    # -- reading ------------------------------------------------------------------------------------

    def document(self, conn: sqlite3.Connection, sha256: str, station: str | None = None) -> bytes | None:
        """An issued document's PDF (for `station`: only one issued on its own applications), else None."""
        if not valid_sha256(sha256):
            return None
        sql, params = "SELECT 1 FROM issued_documents WHERE sha256 = ?", [sha256]
        if station is not None:
            sql += " AND station = ?"
            params.append(station)
        if conn.execute(sql + " LIMIT 1", params).fetchone() is None:
            return None
        path = self.path_of(sha256)
        if not path.exists():
            return None
        try:
            return self.seal.read_bytes(path, DOCUMENT_KIND, sha256)
        except SealedError as exc:  # altered at rest: served to no one (the event still names it)
            log.error("the issued document %s does not open: %s", path, exc)
            return None

    def has(self, sha256: str) -> bool:
        return valid_sha256(sha256) and self.path_of(sha256).is_file()

    def open(self, sha256: str) -> OpenedStream:
        """An issued document's PDF as a stream (a USB reply carries it): SealedError when it does not open."""
        return self.seal.open(self.path_of(sha256), DOCUMENT_KIND, sha256)


def _next_number(conn: sqlite3.Connection, form_id: str, year: int) -> int:
    conn.execute("INSERT INTO document_counters (kind, year, last) VALUES (?, ?, 1) ON CONFLICT(kind, year) "
                 "DO UPDATE SET last = last + 1", (form_id, year))
    return conn.execute("SELECT last FROM document_counters WHERE kind = ? AND year = ?", (form_id, year)).fetchone()[0]


def _give_back(conn: sqlite3.Connection, form_id: str, year: int) -> None:
    conn.execute("UPDATE document_counters SET last = last - 1 WHERE kind = ? AND year = ?", (form_id, year))


def _document_name(path: Path) -> str | None:
    return path.stem if path.suffix == ".pdf" and valid_sha256(path.stem) else None


def _write_whole(path: Path, content: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    write_new_file(tmp, content, 0o644)
    os.replace(tmp, path)
    fsync_dir(path.parent)
