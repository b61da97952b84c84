"""Child process for tests/unit/test_durability.py: save records until killed.

    python tests/helpers/save_forever.py DATA_DIR

Opens the (already set-up) station in DATA_DIR and saves consultations and
applications in a loop, printing "<record type> <id> <number>" and flushing
right after each `Store.save` returns, i.e. after the record is reported saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.records.idcard import check_digit  # noqa: E402
from desktop.records.signin import unlock_with_credential  # noqa: E402
from desktop.records.station import open_station  # noqa: E402


def resident_id(n: int) -> str:
    first17 = f"411528198{n % 10}0312{n % 1000:03d}"
    return first17 + check_digit(first17)


def main(data_dir: str) -> None:
    unlock_with_credential(Path(data_dir))  # as a scheduled task does: the station's machine credential
    store = open_station(Path(data_dir)).store
    n = 0
    while True:
        n += 1
        if n % 3:
            saved = store.save("consultation", {
                "occurred_at": "2025-03-04T09:30", "channel": "walk_in", "name": f"张伟{n}", "phone": "13812345678",
                "matter_category": "wages", "question": f"老板拖欠工资{n}元，问怎么办。" + "详情" * 50,
                "answer": "建议申请劳动仲裁。", "clerk": "李明", "outcome": "answered"}, user="李明")
        else:
            saved = store.save("application", {
                "received_at": "2025-03-05T10:00", "channel": "window", "name": f"王芳{n}",
                "id_type": "resident_id", "id_number": resident_id(n), "case_type": "labour_arbitration",
                "aid_kind": "arbitration", "cause": "追索劳动报酬纠纷", "art31_category": "labour",
                "facts": "公司拖欠工资。", "eligibility_ground": "art42", "art42_exemption": "migrant_wages",
                "categories": ["migrant_worker"],
                "clerk": "李明"}, user="李明")
        sys.stdout.write(f"{saved.record_type} {saved.id} {saved.number or '-'}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
