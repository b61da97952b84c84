"""Valid records to save, each field overridable: `application(cause=...)`, `consultation(name=...)`."""

from __future__ import annotations

from desktop.records.idcard import check_digit
from desktop.records.station import Station
from desktop.records.store import LINK_FIELDS


def resident_id(birth: str = "19850312", region: str = "411528", sequence: str = "123") -> str:
    first17 = region + birth + sequence
    return first17 + check_digit(first17)


def consultation(**changes) -> dict:
    data = {"occurred_at": "2025-03-04T09:30", "channel": "walk_in", "name": "张伟", "gender": "male",
            "phone": "13812345678", "matter_category": "wages", "question": "老板拖欠工资三个月，共一万二千元，问怎么办。",
            "answer": "建议申请劳动仲裁。保存考勤记录等证据。", "clerk": "李明", "minutes": 20, "outcome": "answered"}
    data.update(changes)
    return data


def application(**changes) -> dict:
    data = {"received_at": "2025-03-05T10:00", "channel": "window", "name": "张伟", "gender": "male",
            "id_type": "resident_id", "id_number": resident_id(), "phone": "13812345678",
            "categories": ["migrant_worker"], "case_type": "labour_arbitration", "aid_kind": "arbitration",
            "cause": "追索劳动报酬纠纷", "art31_category": "labour", "opposing_party": "临河县宏达建筑劳务有限公司",
            "amount": "12000", "facts": "申请人在宏达公司务工，公司拖欠工资一万二千元。",
            "eligibility_ground": "art42", "art42_exemption": "migrant_wages", "clerk": "李明"}
    data.update(changes)
    return data


def edit(station: Station, record_type: str, record_id: str, data: dict, *, user: str = "李明",
         expected_version: int | None = None):
    """Save a new version the way the forms do: with the record's links (its person) carried along."""
    current = station.store.get(record_type, record_id).data
    links = {k: current[k] for k in LINK_FIELDS if current.get(k)}
    return station.store.save(record_type, {**data, **links}, user=user, record_id=record_id,
                              expected_version=expected_version)


def case_statistics_from_cases(cases, period, case_types: list[str]) -> list[list]:
    """The CASE-STATISTICS table's rows as counted from every case built in Python (what the report did before it
    was counted in SQL): per month the cases received (by case type), first granted, refused, assigned, closed."""
    rows, totals = [], [0] * (len(case_types) + 5)
    for month in period.months():
        received = [c for c in cases if c.facts.received in month]
        row = [len(received), *[sum(1 for c in received if c.case_type == t) for t in case_types],
               sum(1 for c in cases if c.first("grant") in month), sum(1 for c in cases if c.first("refuse") in month),
               sum(1 for c in cases if c.first("assign") in month), sum(1 for c in cases if c.closed_on in month)]
        totals = [a + b for a, b in zip(totals, row)]
        rows.append([month.start.strftime("%Y-%m"), *row])
    return rows + [["合计", *totals]]
