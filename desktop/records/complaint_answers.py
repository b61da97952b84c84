"""The county center's handling of the station's complaints, as the station keeps it (Qt-free).

The center records handling steps and its answer in the county's ledger (sync/server/complaint_handling.py); each
step comes back with the next sync or USB reply (sync/events.py checks it and keeps it here), beside the station's
own record, which it never changes: the complaint stays the station's, the center's words stay the center's.

A complaint is answered when its record has an answer date or the center answered it; where the station recorded
no answer the center's latest one counts (`with_center_answer`: the one rule, used by the county's ledger and
reports too, so the station's figures equal the county's for the same complaints).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .casework import LIST_COLUMNS

COLUMNS = LIST_COLUMNS["complaint"]

STEP, ANSWER = "step", "answer"
HANDLING_KINDS = (STEP, ANSWER)
# the complaints the center answered, for a query over `complaints` as {alias}
ANSWERED_BY_CENTER = ("EXISTS (SELECT 1 FROM center_complaint_handling h WHERE h.complaint_id = {alias}.id "
                      "AND h.handling = 'answer')")


@dataclass(frozen=True)
class CenterStep:
    """One step of the center's handling, as the county sent it (its seq is the county's event number)."""

    seq: int
    complaint_id: str
    handling: str  # STEP or ANSWER
    at: str  # when the center recorded it (UTC)
    by: str  # the center's staff member
    text: str
    answered_on: str | None = None  # an answer's date, how, and the complainant's satisfaction if known
    reply_method: str | None = None
    satisfaction: str | None = None

    def answer(self) -> dict[str, Any]:
        return {"answered_on": self.answered_on, "reply_method": self.reply_method,
                "satisfaction": self.satisfaction, "text": self.text}


def with_center_answer(complaint: dict[str, Any], answer: Mapping[str, Any] | None) -> dict[str, Any]:
    """A complaint record's data with the center's answer (`CenterStep.answer()`) where the station recorded none:
    its date, how, the satisfaction, and its words as the result when the station wrote none."""
    if not answer or complaint.get("reply_date"):
        return complaint
    found = {"reply_date": answer.get("answered_on"), "reply_method": answer.get("reply_method"),
             "complainant_satisfaction": answer.get("satisfaction")}
    return {**complaint, **{k: v for k, v in found.items() if v is not None},
            "result": complaint.get("result") or answer.get("text")}


def listed(values: Sequence[Any], answer: Mapping[str, Any] | None) -> tuple:
    """A row of the complaints list (values of LIST_COLUMNS["complaint"]) with the center's answer date and the
    complainant's satisfaction where the station recorded no answer: the list screen and the list report alike."""
    found = dict(zip(COLUMNS, values))
    if answer and not found["reply_date"]:
        merged = with_center_answer({"complainant_satisfaction": found["satisfaction"]}, answer)
        found.update(reply_date=merged.get("reply_date"), satisfaction=merged.get("complainant_satisfaction"))
    return tuple(found[name] for name in COLUMNS)


def listed_rows(db, rows: Sequence[Any]) -> list[tuple]:
    """The values of these complaints' list rows (queries.ListRow), each with the center's answer (`listed`)."""
    answers = center_answers(db, [row.id for row in rows])
    return [listed(row.values, answers.get(row.id)) for row in rows]


_COLUMNS = "seq, complaint_id, handling, at, by, text, answered_on, reply_method, satisfaction"


def keep(conn, step: CenterStep, now: str) -> bool:
    """Keep one checked step in the caller's transaction, once (by its seq); False when the complaint is not this
    station's (or not here any more) or the step was kept already."""
    if conn.execute("SELECT 1 FROM complaints WHERE id = ?", (step.complaint_id,)).fetchone() is None:
        return False
    return conn.execute(f"INSERT INTO center_complaint_handling ({_COLUMNS}, received_at) VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        (step.seq, step.complaint_id, step.handling, step.at, step.by, step.text, step.answered_on,
                         step.reply_method, step.satisfaction, now)).rowcount == 1


def steps_kept(conn, complaint_id: str) -> int:
    return conn.execute("SELECT count(*) FROM center_complaint_handling WHERE complaint_id = ?",
                        (complaint_id,)).fetchone()[0]


def center_steps(db, complaint_id: str) -> list[CenterStep]:
    """The center's handling of one complaint, in the order it recorded it."""
    return [CenterStep(*row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM center_complaint_handling WHERE complaint_id = ? ORDER BY seq", (complaint_id,))]


def center_answers(db, complaint_ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """The center's latest answer of each complaint (of these ids, or every one), by the complaint's id."""
    sql = f"SELECT {_COLUMNS} FROM center_complaint_handling WHERE handling = 'answer'"
    found: dict[str, dict[str, Any]] = {}
    ids = list(complaint_ids) if complaint_ids is not None else None
    chunks = [ids[i:i + 500] for i in range(0, len(ids), 500)] if ids is not None else [None]
    for chunk in chunks:
        if chunk == []:
            continue
        where = "" if chunk is None else f" AND complaint_id IN ({', '.join('?' * len(chunk))})"
        for row in db.execute(sql + where + " ORDER BY seq", chunk or ()):
            step = CenterStep(*row)
            found[step.complaint_id] = step.answer()
    return found
