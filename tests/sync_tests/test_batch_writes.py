"""The county's writer decides a whole batch on what it read once and writes it in a statement per table
(sync/server/change_writes.py): every change of a batch must come out as it would one change at a time -
the same acknowledgements, reasons and rows - whatever the batch mixes (new versions, restored-backup versions,
numbers taken, given up by a void and taken again, re-sends, another station's records and cases)."""

from __future__ import annotations

import json
import random
import uuid

import pytest

from desktop.records.canonical import canonical_json
from sync.identity import DocumentKey, StationKey
from sync.protocol import change_entry, sha256_hex
from sync.server.county import CountyStore
from tests.helpers.records import application, consultation
from tests.unit.casework_examples import follow_up

NUMBERS = [f"TS01-2025-0000{i}" for i in range(1, 4)]  # few, so that applications contend for them


def county(folder) -> CountyStore:
    store = CountyStore(folder)
    store.init()
    for code in ("TS01", "TS02"):
        store.enroll(store.add_station(code, "站", "城关镇", "fixed"), StationKey.generate().public_key_bytes, code,
                     DocumentKey.generate().certificate_request(code))
    return store


def change(station: str, record_type: str, record_id: str, data: dict, version: int, action: str = "create",
           change_id: str | None = None) -> dict:
    change_id = change_id or str(uuid.uuid4())
    payload = canonical_json({"change_id": change_id, "record_type": record_type, "record_id": record_id,
                              "version": version, "action": action, "station": station, "lamport": version,
                              "at": "2025-03-05T10:00:00+08:00", "by": "李明", "reason": None, "data": data})
    return change_entry(change_id, payload, sha256_hex(payload.encode("utf-8")))


def theirs() -> list[dict]:
    """Station TS02's application and consultation, which TS01's changes name or reuse the ids of."""
    return [change("TS02", "application", "their-case", application(number="TS02-2025-00001"), 1),
            change("TS02", "consultation", "their-consultation", consultation(), 1)]


def mixed_changes(rng: random.Random, count: int) -> list[dict]:
    """TS01's changes, drawn to collide: few ids, few numbers, versions repeated with other content, voids,
    re-sends of earlier changes (the same and other content under one id), links to its own and TS02's cases."""
    sent: list[dict] = []
    for _ in range(count):
        roll = rng.random()
        version, action = rng.randint(1, 3), rng.choice(["create", "update", "update", "void"])
        if sent and roll < 0.12:
            entry = dict(rng.choice(sent))  # a re-send
            if rng.random() < 0.4:  # the same change id with other content
                other = rng.choice(sent)
                entry = {**other, "change_id": entry["change_id"]}
        elif roll < 0.55:
            case = rng.choice(["case-a", "case-b", "case-c", "their-case"])
            entry = change("TS01", "application", case, application(number=rng.choice(NUMBERS),
                                                                    cause=rng.choice(["欠薪", "工伤"])), version, action)
        elif roll < 0.8:
            record = rng.choice(["c-1", "c-2", "their-consultation"])
            entry = change("TS01", "consultation", record, consultation(name=rng.choice(["张伟", "王芳"])), version,
                           action)
        else:
            data = {**follow_up(rng.choice(NUMBERS)), "application_id": rng.choice(["case-a", "their-case"])}
            entry = change("TS01", "follow_up", f"visit-{rng.randint(1, 2)}", data, version, action)
        sent.append(entry)
    return sent


def rows(store: CountyStore) -> dict[str, list]:
    conn = store.db.conn()
    return {"records": conn.execute("SELECT * FROM records ORDER BY rowid").fetchall(),
            "changes": conn.execute("SELECT change_id, station, record_type, record_id, version, lamport, sha256, "
                                    "payload FROM changes ORDER BY seq").fetchall(),
            "marks": conn.execute("SELECT * FROM index_pending ORDER BY record_type, record_id").fetchall()}


def outcome(acks: list[dict]) -> list[tuple]:
    return [(a["change_id"], a["status"], a.get("reason"), a.get("reason_zh")) for a in acks]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_a_batch_is_decided_and_written_as_one_change_at_a_time(tmp_path, seed, caplog):
    rng = random.Random(seed)
    sent = mixed_changes(rng, 90)
    whole, one_by_one = county(tmp_path / "whole"), county(tmp_path / "one")
    their_changes = theirs()
    for store in (whole, one_by_one):
        store.apply_changes("TS02", their_changes)
    acks: list[dict] = []
    start = 0
    while start < len(sent):  # batches of any size, the first change of one right after the last of the other
        size = rng.randint(1, 40)
        acks += whole.apply_changes("TS01", sent[start:start + size])
        start += size
    singles = [ack for entry in sent for ack in one_by_one.apply_changes("TS01", [entry])]
    assert outcome(acks) == outcome(singles)
    assert rows(whole) == rows(one_by_one)
    assert "written again one change at a time" not in caplog.text  # decided right the first time, not mended
    reasons = {a["reason_zh"].split("：")[0][:12] for a in acks if a["status"] == "rejected"}
    statuses = {a["status"] for a in acks}
    # the draw did collide: every outcome the writer decides came up
    assert statuses == {"accepted", "duplicate", "rejected"} and len(reasons) >= 4, reasons


def test_a_batch_a_rule_refuses_as_a_whole_is_written_again_change_by_change(tmp_path):
    """Should the county's database refuse the batch's records for a rule the writer does not foresee (here a
    trigger standing for one), the batch is written again one change at a time: only the change the rule refuses
    is refused, with a reason the clerk can act on, and nothing of it is kept."""
    store = county(tmp_path / "county")
    store.db.conn().execute("CREATE TRIGGER no_c2 BEFORE INSERT ON records WHEN new.record_id = 'c-2' "
                            "BEGIN SELECT RAISE(ABORT, 'not this one'); END")
    batch = [change("TS01", "consultation", record, consultation(), 1) for record in ("c-1", "c-2", "c-3")]
    acks = store.apply_changes("TS01", batch)
    assert [a["status"] for a in acks] == ["accepted", "rejected", "accepted"]
    assert acks[1]["reason_zh"] == "县中心的数据库拒收了该记录，请联系县中心。"
    held = store.db.conn().execute("SELECT record_id FROM changes ORDER BY seq").fetchall()
    assert held == [("c-1",), ("c-3",)]
    assert [a["status"] for a in store.apply_changes("TS01", batch)] == ["duplicate", "rejected", "duplicate"]


def test_what_a_change_carries_is_stored_as_sent_whatever_its_characters(tmp_path):
    """The batch's rows travel to SQLite as one JSON text: quotes, backslashes, a NUL, characters beyond the
    BMP and line separators come out as they went in; a version or Lamport clock past SQLite's integers is
    refused, not stored rounded."""
    store = county(tmp_path / "county")
    odd = 'a"b\\c\x00d\u2028e😀'
    entries = [change("TS01", "consultation", odd, consultation(question=f"问{odd}怎么办？"), 1),
               change("TS01", "consultation", "too-late", consultation(), 2 ** 63)]
    acks = store.apply_changes("TS01", entries)
    assert [a["status"] for a in acks] == ["accepted", "rejected"]
    assert acks[1]["reason_zh"] == "这条变更超出县中心接受的大小或层级，已被拒收。"  # sync/limits.py
    conn = store.db.conn()
    record_id, data = conn.execute("SELECT record_id, data FROM records").fetchone()
    assert record_id == odd and odd in json.loads(data)["question"]
    assert conn.execute("SELECT payload FROM changes").fetchone()[0] == json.loads(json.dumps(entries[0]))["payload"]
