"""`Store.batch`: many saves in one transaction (demo data, benchmarks), each checked and written as alone."""

from __future__ import annotations


import pytest

from desktop.records.errors import ValidationFailed
from desktop.records.idcard import check_digit
from desktop.records.station import Station
from helpers.accounts import raw_connection


def resident_id(sequence: str) -> str:
    first17 = "41152819850312" + sequence
    return first17 + check_digit(first17)


def consultation(name: str, number: str, **changes) -> dict:
    data = {"occurred_at": "2025-03-04T09:30", "channel": "walk_in", "name": name, "gender": "male",
            "id_type": "resident_id", "id_number": number, "phone": "13812345678", "matter_category": "wages",
            "question": "老板拖欠工资三个月，问怎么办。", "answer": "建议申请劳动仲裁。", "clerk": "李芳",
            "minutes": 20, "outcome": "answered"}
    return {**data, **changes}


def count(station: Station, table: str) -> int:
    return station.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def lamport(station: Station) -> int:
    return station.db.execute("SELECT lamport FROM clock").fetchone()[0]


def test_saves_in_a_batch_write_what_single_saves_write(station: Station, tmp_path):
    store = station.store
    other = raw_connection(tmp_path / "data" / "station.db")
    with store.batch():
        first = store.save("consultation", consultation("张伟", resident_id("123")), user="李芳")
        second = store.save("consultation", consultation("张伟", resident_id("123"), minutes=30), user="李芳")
        store.void("consultation", second.id, "重复登记", user="李芳")
        assert other.execute("SELECT count(*) FROM consultations").fetchone()[0] == 0  # not committed yet
    other.close()
    assert count(station, "consultations") == 2 and count(station, "persons") == 1  # the same person came back
    assert first.person_id == second.person_id
    assert count(station, "history") == count(station, "outbox") == 4  # person, 2 consultations, the void
    assert store.get("consultation", second.id).voided
    assert [r[0] for r in station.store.records_of_person(first.person_id)] == ["consultation", "consultation"]
    assert store.find_persons("张伟")[0].id == first.person_id  # indexed for search


def test_a_save_that_fails_in_a_batch_is_undone_alone(station: Station):
    store = station.store
    with store.batch():
        store.save("consultation", consultation("张伟", resident_id("123")), user="李芳")
        ticks = lamport(station)
        with pytest.raises(ValidationFailed):  # the number is registered to 张伟: refused after the clock ticked
            store.save("consultation", consultation("李强", resident_id("123")), user="李芳")
        assert lamport(station) == ticks
        store.save("consultation", consultation("李强", resident_id("135")), user="李芳")
    assert count(station, "consultations") == 2 and count(station, "persons") == 2
    assert count(station, "outbox") == 4 and lamport(station) == ticks + 1


def test_an_error_leaving_the_batch_rolls_back_all_of_it(station: Station):
    store = station.store
    with pytest.raises(RuntimeError, match="power"):
        with store.batch():
            store.save("consultation", consultation("张伟", resident_id("123")), user="李芳")
            raise RuntimeError("power cut")
    assert count(station, "consultations") == count(station, "persons") == count(station, "outbox") == 0
    store.save("consultation", consultation("张伟", resident_id("123")), user="李芳")  # single saves work again
    assert count(station, "consultations") == 1


def test_batches_do_not_nest(station: Station):
    with station.store.batch():
        with pytest.raises(RuntimeError, match="nest"):
            with station.store.batch():
                pass
