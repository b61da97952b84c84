"""The documents the county issued with its decisions, fetched by the station (Qt-free).

A county event that issued documents lists them in `data.documents` (form, number, SHA-256, size:
sync/server/issued.py). After each pull the station fetches the ones it does not hold
(GET /v1/documents/{sha256}, a signed request), reads at most the promised size (and never more
than MAX_ISSUED_PDF_BYTES), checks the bytes against the SHA-256 the county signed in the event,
verifies the PDF's signature against the county root the station pinned, and only then keeps it in
the vault and notes it in `county_documents`. A document that fails a check is not kept and is
asked for again at the next sync; the forms print a kept one as issued (forms/render.py).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from desktop.records.db import write_transaction
from sync.limits import MAX_ISSUED_PDF_BYTES

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
        "FROM county_events e, json_each(e.data, '$.data.documents') d WHERE json_valid(e.data) AND "
        "json_type(e.data, '$.data.documents') = 'array' AND NOT EXISTS (SELECT 1 FROM county_documents c "
        "WHERE c.event_id = e.event_id AND c.form = json_extract(d.value, '$.form')) ORDER BY e.seq").fetchall()
    found = []
    for event_id, seq, application_id, form, number, sha256, size in rows:
        if isinstance(form, str) and _FORM.match(form) and isinstance(sha256, str) and _SHA256.match(sha256) \
                and type(size) is int and 0 < size <= MAX_ISSUED_PDF_BYTES and isinstance(number, str):
            found.append(Wanted(event_id, seq, application_id, form, number[:40], sha256, size))
    return found


def fetch_documents(db, stream: Callable[[str], requests.Response], vault_root: Path, roots: list, now: Callable[[], str]
                    ) -> tuple[int, int]:
    """Fetch, check and keep the wanted documents: (kept, refused). Network trouble ends the round's fetching
    quietly (the next sync asks again); `stream(path)` is the transport's signed GET."""
    from desktop.records.vault import Vault
    from forms.signing import verify_pdf

    kept = refused = 0
    vault = None
    for wanted in wanted_documents(db):
        try:
            with stream(f"/v1/documents/{wanted.sha256}") as response:
                if response.status_code != 200:
                    log.warning("the county did not give document %s (HTTP %s)", wanted.sha256[:12],
                                response.status_code)
                    refused += 1
                    continue
                pdf = _bounded(response, wanted.size)
        except requests.RequestException as exc:
            log.warning("fetching the county's documents stopped: %s", exc)
            break
        if pdf is None or hashlib.sha256(pdf).hexdigest() != wanted.sha256:
            log.warning("document %s is not what the county's event promised; not kept", wanted.sha256[:12])
            refused += 1
            continue
        check = verify_pdf(pdf, roots=roots)
        if not check.ok:
            log.warning("document %s: its signature does not verify (%s); not kept", wanted.sha256[:12],
                        check.message)
            refused += 1
            continue
        vault = vault or Vault(Path(vault_root).parent)
        vault.store_stream(io.BytesIO(pdf), f"{wanted.form}-{wanted.number}.pdf")
        with write_transaction(db) as conn:
            conn.execute("INSERT INTO county_documents (event_id, form, event_seq, application_id, number, sha256, "
                         "size, signature, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                         (wanted.event_id, wanted.form, wanted.event_seq, wanted.application_id, wanted.number,
                          wanted.sha256, len(pdf), check.message, now()))
        kept += 1
    return kept, refused


def _bounded(response: requests.Response, size: int) -> bytes | None:
    """The body when it is exactly the promised size; None when it is longer or shorter."""
    parts, got = [], 0
    for part in response.iter_content(64 * 1024):
        got += len(part)
        if got > size:
            return None
        parts.append(part)
    return b"".join(parts) if got == size else None
