"""The head of the station's audit log, carried to the county with each sync (Qt-free).

Over the network each round ends with POST /v1/audit; a USB bundle carries the same claim in its signed
manifest and the reply brings the county's answer. The claim is the head recomputed from the entries
and the recomputed hash at the seq the county said it saw last (kept in sync_state), so the county can
tell whether this log still leads through what it saw (desktop/records/audit.py, sync/server/audit.py).
When the county does not know which head this station proved last (a station restored from an older
backup), it answers "prove" with that head's seq and the station asks again once with the proof.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable

from desktop.records import audit
from desktop.records.db import write_transaction
from sync.errors import SyncError
from sync.protocol import encode_json_gzip
from sync.state import S_AUDIT_SEEN, get_state, set_state

log = logging.getLogger(__name__)

OK, PROVE, REWRITTEN = "ok", "prove", "rewritten"


def audit_claim(db) -> dict[str, Any]:
    """What this station claims about its audit log now."""
    try:
        seen = json.loads(get_state(db, S_AUDIT_SEEN) or "null")
        proof_seq = int(seen["seq"]) if isinstance(seen, dict) else None
    except (ValueError, TypeError, KeyError):
        proof_seq = None
    return audit.head_claim(db, proof_seq)


def remember_answer(conn, answer: Any) -> str | None:
    """Keep the head the county says it saw (in the caller's transaction); the verdict, None when unreadable."""
    if not isinstance(answer, dict) or not isinstance(answer.get("seen"), dict):
        return None
    seq = answer["seen"].get("seq")
    if type(seq) is not int or seq < 0:
        return None
    set_state(conn, S_AUDIT_SEEN, json.dumps({"seq": seq}))
    verdict = answer.get("verdict")
    if verdict == REWRITTEN:
        log.warning("the county finds this station's audit log rewritten since it last saw entry %s", seq)
    return verdict if isinstance(verdict, str) else None


def send_audit_head(db, request: Callable[[str, str, bytes], Any]) -> str | None:
    """Tell the county this station's audit head (`request` is the transport's signed request); the verdict.
    A county of the program before audit trails has no such route: the round goes on without it."""
    verdict = None
    for _ in range(2):  # the second time only when the county asked for the proof
        try:
            answer = request("POST", "/v1/audit", encode_json_gzip(audit_claim(db)))
        except SyncError as exc:
            if exc.code in ("revoked", "unauthenticated", "update_required"):
                raise
            log.warning("the county took no audit head: %s", exc)
            return None
        with write_transaction(db) as conn:
            verdict = remember_answer(conn, answer)
        if verdict != PROVE:
            break
    return verdict
