"""The documents the county issued with its decisions, fetched by the station (Qt-free).

A county event that issued documents lists them in `data.documents` (form, number, SHA-256, size:
sync/server/issued.py). After each pull the station fetches the ones it does not hold
(GET /v1/documents/{sha256}, a signed request), reads at most the promised size (and never more
than MAX_ISSUED_PDF_BYTES), checks the bytes against the SHA-256 the county signed in the event,
verifies the PDF's signature against the county root the station pinned, and only then keeps it in
the vault and notes it in `county_documents`. A station that syncs by USB gets them in the county's
reply bundle instead (`documents_from_bundle`), checked the same way. A document that fails a check is not kept and is
asked for again at the next sync; the forms print a kept one as issued (forms/render.py).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import requests

from desktop.records.db import write_transaction
from sync.limits import MAX_ISSUED_PDF_BYTES

if TYPE_CHECKING:
    from desktop.records.vault import Vault

log = logging.getLogger(__name__)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_FORM = re.compile(r"^[a-z_]{1,40}$")


@dataclass(frozen=True)
class Wanted:
    event_id: str
    event_seq: int
    application_id: str | None
    form: str
    number: str
    sha256: str
    size: int


def wanted_documents(db) -> list[Wanted]:
    """The issued documents the county's events list that this station does not hold yet (well-formed only)."""
    rows = db.execute(
        "SELECT e.event_id, e.seq, e.application_id, json_extract(d.value, '$.form'), "
        "json_extract(d.value, '$.number'), json_extract(d.value, '$.sha256'), json_extract(d.value, '$.size') "
        "FROM county_events e, json_each(e.data, '$.data.documents') d WHERE e.kind IN ('supplement', 'grant', "
        "'refuse', 'assign', 'terminate') AND json_valid(e.data) AND "
        "json_type(e.data, '$.data.documents') = 'array' AND NOT EXISTS (SELECT 1 FROM county_documents c "
        "WHERE c.event_id = e.event_id AND c.form = json_extract(d.value, '$.form')) ORDER BY e.seq").fetchall()
    found = []
    for event_id, seq, application_id, form, number, sha256, size in rows:
        if isinstance(form, str) and _FORM.match(form) and isinstance(sha256, str) and _SHA256.match(sha256) \
                and type(size) is int and 0 < size <= MAX_ISSUED_PDF_BYTES and isinstance(number, str):
            found.append(Wanted(event_id, seq, application_id, form, number[:40], sha256, size))
    return found


def fetch_documents(db, stream: Callable[[str], requests.Response], vault: "Vault", roots: list, now: Callable[[], str]
                    ) -> tuple[int, int]:
    """Fetch, check and keep the wanted documents: (kept, refused). Network trouble ends the round's fetching
    quietly (the next sync asks again); `stream(path)` is the transport's signed GET."""
    kept = refused = 0
    for wanted in wanted_documents(db):
        try:
            with stream(f"/v1/documents/{wanted.sha256}") as response:
                if response.status_code != 200:
                    log.warning("the county did not give document %s (HTTP %s)", wanted.sha256[:12],
                                response.status_code)
                    refused += 1
                    continue
                pdf = _bounded(response.iter_content(64 * 1024), wanted.size)
        except requests.RequestException as exc:
            log.warning("fetching the county's documents stopped: %s", exc)
            break
        if keep_document(db, wanted, pdf, vault, roots, now):
            kept += 1
        else:
            refused += 1
    return kept, refused


def documents_from_bundle(db, carried: dict[str, int], open_file: Callable[[str], Any], vault: "Vault", roots: list,
                          now: Callable[[], str]) -> int:
    """Keep the wanted documents a county reply bundle carries (`carried`: sha256 -> bytes; `open_file(sha256)` a
    stream of one), each checked as a fetched one is; how many were kept."""
    kept = 0
    for wanted in wanted_documents(db):
        if carried.get(wanted.sha256) != wanted.size:
            continue
        with open_file(wanted.sha256) as stream:
            pdf = _bounded(iter(lambda: stream.read(64 * 1024), b""), wanted.size)
        kept += keep_document(db, wanted, pdf, vault, roots, now)
    return kept


def keep_document(db, wanted: Wanted, pdf: bytes | None, vault: "Vault", roots: list, now: Callable[[], str]) -> bool:
    """Keep `pdf` when it is exactly what the county's event promised and its signature verifies against `roots`."""
    from forms.signing import verify_pdf

    if pdf is None or hashlib.sha256(pdf).hexdigest() != wanted.sha256:
        log.warning("document %s is not what the county's event promised; not kept", wanted.sha256[:12])
        return False
    check = verify_pdf(pdf, roots=roots)
    if not check.ok:
        log.warning("document %s: its signature does not verify (%s); not kept", wanted.sha256[:12], check.message)
        return False
    vault.store_stream(io.BytesIO(pdf), f"{wanted.form}-{wanted.number}.pdf")
    with write_transaction(db) as conn:
        conn.execute("INSERT INTO county_documents (event_id, form, event_seq, application_id, number, sha256, size, "
                     "signature, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     (wanted.event_id, wanted.form, wanted.event_seq, wanted.application_id, wanted.number,
                      wanted.sha256, len(pdf), check.message, now()))
    return True


def _bounded(chunks: Iterable[bytes], size: int) -> bytes | None:
    """The bytes when they are exactly the promised size; None when longer (read no further) or shorter."""
    parts, got = [], 0
    for part in chunks:
        got += len(part)
        if got > size:
            return None
        parts.append(part)
    return b"".join(parts) if got == size else None
