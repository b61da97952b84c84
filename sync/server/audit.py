"""The county's audit trails (Qt-free): its own staff's actions, and the heads of the stations' logs.

The county's own log (table audit_log, the station's chain: desktop/records/audit.py) records who decided
on or downloaded which record. For each station the county keeps the head (seq, hash) of the station's
log it saw at its last sync (table station_audit). A station's sync claims its head, recomputed from its
entries, and the recomputed hash at the seq the county saw last (the proof); when the proof is not that
hash, or the log got shorter, or the station's own check finds it broken, the station's log was
rewritten after the county saw it: the county keeps the time and what it found, shows it in the station
list and `python -m sync.server audit verify`, and goes on from the new head (a flag, not a refusal: the
station's records still arrive, and the county has the changes it sent before).

A claim without the proof the county needs (a station restored from an older backup forgot which head
the county saw) is answered "prove" with that head's seq; over the network the station asks again at
once with the proof, by USB its next bundle carries it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from desktop.records import audit
from desktop.records.canonical import canonical_json
from desktop.records.i18n import QT_TRANSLATE_NOOP, chinese
from sync.server.storage import CountyDatabase, utc_now

OK, PROVE, REWRITTEN = "ok", "prove", "rewritten"
_HASH = re.compile(r"[0-9a-f]{64}")

REWRITTEN_MESSAGE = QT_TRANSLATE_NOOP("County", "The audit log of station {station} was rewritten: at its sync of "
                                                "{at} it no longer leads through entry {seq} that the county saw. "
                                                "Find out who changed the station's data.")
BROKEN_MESSAGE = QT_TRANSLATE_NOOP("County", "The audit log of station {station} is broken: at its sync of {at} "
                                             "its own check found an entry changed after it was written. Find out "
                                             "who changed the station's data.")


class BadClaim(ValueError):
    """A claim that is not one (a hostile or damaged station): refused, nothing kept."""


def check_claim_shape(claim: Any) -> dict[str, Any]:
    """The claim as the county reads it; BadClaim when it is malformed (bounded: a few numbers and hashes)."""
    if not isinstance(claim, dict) or not isinstance(claim.get("head"), dict):
        raise BadClaim("the audit claim has no head")

    def point(value: Any, hash_optional: bool = False) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise BadClaim("an audit point is not an object")
        seq, digest = value.get("seq"), value.get("hash")
        if type(seq) is not int or not 0 <= seq < 2 ** 53:
            raise BadClaim("an audit seq is not a number")
        if not (isinstance(digest, str) and _HASH.fullmatch(digest)) and not (hash_optional and digest is None):
            raise BadClaim("an audit hash is not a SHA-256")
        return {"seq": seq, "hash": digest}

    checked: dict[str, Any] = {"head": point(claim["head"]), "intact": claim.get("intact") is not False}
    if claim.get("proof") is not None:
        checked["proof"] = point(claim["proof"], hash_optional=True)
    return checked


def check_claim(db: CountyDatabase, station: str, claim: Any) -> dict[str, Any]:
    """Compare a station's claimed head with what the county saw; keep the new head. The answer:
    {"verdict": ok | prove | rewritten, "seen": {"seq", "hash"}} (BadClaim when the claim is malformed)."""
    claim = check_claim_shape(claim)
    head, proof = claim["head"], claim.get("proof")
    now = utc_now()
    with db.write() as conn:
        row = conn.execute("SELECT seq, hash FROM station_audit WHERE station = ?", (station,)).fetchone()
        if row is not None:
            seen_seq, seen_hash = row
            if not claim["intact"]:
                verdict, detail = REWRITTEN, {"kind": "broken", "seq": seen_seq}
            elif proof is None or proof["seq"] != seen_seq:
                # unproven, nothing kept: an older USB bundle imported after a newer one is not a rewrite
                return {"verdict": PROVE, "seen": {"seq": seen_seq, "hash": seen_hash}}
            elif proof["hash"] != seen_hash or head["seq"] < seen_seq:  # None: the log no longer reaches it
                verdict, detail = REWRITTEN, {"kind": "rewritten", "seq": seen_seq}
            else:
                verdict, detail = OK, None
        else:
            verdict, detail = (OK, None) if claim["intact"] else (REWRITTEN, {"kind": "broken", "seq": 0})
        conn.execute("INSERT INTO station_audit (station, seq, hash, seen_at) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(station) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
                     "seen_at = excluded.seen_at", (station, head["seq"], head["hash"], now))
        if detail is not None:
            conn.execute("UPDATE station_audit SET rewritten_at = ?, rewritten_detail = ? WHERE station = ?",
                         (now, canonical_json(detail), station))
    return {"verdict": verdict, "seen": head}


def station_audit(db: CountyDatabase) -> dict[str, dict[str, Any]]:
    """Per station: the head seen, when, and the last time its log did not lead through it (with the words)."""
    found = {}
    for station, seq, digest, seen_at, rewritten_at, detail in db.conn().execute(
            "SELECT station, seq, hash, seen_at, rewritten_at, rewritten_detail FROM station_audit ORDER BY station"):
        entry: dict[str, Any] = {"seq": seq, "hash": digest, "seen_at": seen_at, "rewritten_at": rewritten_at,
                                 "problem": None}
        if rewritten_at:
            what = json.loads(detail or "{}")
            entry["problem"] = (BROKEN_MESSAGE if what.get("kind") == "broken" else REWRITTEN_MESSAGE,
                                {"station": station, "at": rewritten_at, "seq": what.get("seq", 0)})
        found[station] = entry
    return found


def problem_zh(problem: tuple[str, dict[str, Any]] | None) -> str:
    return chinese("County", problem[0]).format(**problem[1]) if problem else ""


def record(db: CountyDatabase, account: str, action: str, record_type: str, record_id: str) -> audit.Entry:
    """One entry of the county's own log, in a transaction of its own."""
    with db.write() as conn:
        return audit.append(conn, account, action, record_type, record_id, utc_now())


# -- the CLI: python -m sync.server audit verify | list -----------------------------------------------------

VERIFIED = QT_TRANSLATE_NOOP("CLI", "The county's audit log is intact: {entries} entries, the last {seq} ({hash}).")
BROKEN = QT_TRANSLATE_NOOP("CLI", "The county's audit log is NOT intact: {reason}")
STATION_SEEN = QT_TRANSLATE_NOOP("CLI", "Station {station}: its audit log led through entry {seq} at its sync of {at}.")
STATION_PROBLEM = QT_TRANSLATE_NOOP("CLI", "Station {station}: {problem}")
ENTRY_LINE = QT_TRANSLATE_NOOP("CLI", "{seq}  {at}  {account}  {action}  {record_type} {record_id}")
H_AUDIT = QT_TRANSLATE_NOOP("CLI", "read and verify the audit trails: the county's own and the stations' heads")
H_AUDIT_VERIFY = QT_TRANSLATE_NOOP("CLI", "verify the county's audit log and show each station's (exit 1: a problem)")
H_AUDIT_LIST = QT_TRANSLATE_NOOP("CLI", "the newest entries of the county's audit log")
H_AUDIT_LIMIT = QT_TRANSLATE_NOOP("CLI", "how many entries (default 50)")


def add_audit_commands(commands, command, common) -> None:
    """`audit verify` and `audit list` under the county's CLI (`command(under, name, help)` makes a subparser)."""
    from desktop.cli_text import gloss

    under = command(commands, "audit", H_AUDIT).add_subparsers(dest="audit_command", required=True)
    command(under, "verify", H_AUDIT_VERIFY)
    listing = command(under, "list", H_AUDIT_LIST)
    listing.add_argument("--limit", type=int, default=50, help=gloss(H_AUDIT_LIMIT))


def audit_command(db: CountyDatabase, args) -> int:
    from desktop.cli_text import say

    if args.audit_command == "list":
        for entry in audit.entries(db.conn(), limit=max(1, args.limit)):
            print(say(ENTRY_LINE, seq=entry.seq, at=entry.at, account=entry.account, record_type=entry.record_type,
                      record_id=entry.record_id, action=chinese("Audit", audit.ACTION_WORDS.get(entry.action,
                                                                                             entry.action))))
        return 0
    found = audit.verify(db.conn())
    problems = 0
    if found.intact:
        print(say(VERIFIED, entries=found.entries, seq=found.seq, hash=found.hash[:16]))
    else:
        problems += 1
        print(say(BROKEN, reason=found.reason_zh()))
    for station, seen in station_audit(db).items():
        if seen["problem"]:
            problems += 1
            print(say(STATION_PROBLEM, station=station, problem=problem_zh(seen["problem"])))
        else:
            print(say(STATION_SEEN, station=station, seq=seen["seq"], at=seen["seen_at"]))
    return 1 if problems else 0
