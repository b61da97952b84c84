"""The search index lane (issue 17): in the running program a save's own durable transaction notes its records
for the index, and the index catches up right after the commit. Nothing is lost by a crash in between."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.records import search, search_lane
from desktop.records.errors import VersionConflict
from desktop.records.station import Station, open_station
from helpers.accounts import provided
from helpers.records import consultation

from .test_store import SETTINGS


@pytest.fixture
def lane(tmp_path: Path):
    """A station whose saves leave the index to a lane; `calls` counts the lane's calls after each commit."""
    opened = open_station(provided(tmp_path / "data"))
    opened.update_settings(SETTINGS)
    calls: list[None] = []
    opened.store.index_lane = lambda: calls.append(None)
    yield opened, calls
    opened.close()


def found(station: Station, record_type: str, text: str) -> int:
    return len(search.search_ids(station.db, record_type, text))


def test_a_save_is_noted_in_its_transaction_and_found_once_the_lane_caught_up(lane):
    station, calls = lane
    saved = station.store.save("consultation", consultation(question="宅基地纠纷，邻居占用"), user="李明")

    assert calls == [None]  # told once, after the commit
    assert station.store.get("consultation", saved.id).data["question"] == "宅基地纠纷，邻居占用"
    assert search_lane.backlog(station.db) == 2  # the consultation and its new person
    assert found(station, "consultation", "宅基地") == 0

    assert search_lane.catch_up(station.db) == 2
    assert search_lane.backlog(station.db) == 0
    assert found(station, "consultation", "宅基地") == 1 and found(station, "consultation", "占") == 1
    assert [p.id for p in station.store.find_persons("张伟")] == [saved.person_id]
    assert search_lane.catch_up(station.db) == 0  # nothing left: nothing written


def test_an_edit_is_indexed_as_the_record_now_is(lane):
    station, _calls = lane
    saved = station.store.save("consultation", consultation(question="工资拖欠"), user="李明")
    station.store.save("consultation", consultation(question="离婚财产分割"), user="李明", record_id=saved.id,
                       expected_version=1)
    search_lane.catch_up(station.db)
    assert found(station, "consultation", "工资") == 0 and found(station, "consultation", "离婚") == 1


def test_what_a_crash_left_unindexed_is_indexed_after_reopening(tmp_path: Path, lane):
    station, _calls = lane
    station.store.save("consultation", consultation(question="赡养费纠纷"), user="李明")
    station.close()  # the program ends before its lane ran: the record is saved, its index is not

    reopened = open_station(tmp_path / "data")
    try:
        assert search_lane.backlog(reopened.db) == 2 and found(reopened, "consultation", "赡养") == 0
        assert search_lane.catch_up(reopened.db, limit=1) == 1  # a long backlog goes in several short writes
        assert search_lane.catch_up(reopened.db) == 1
        assert found(reopened, "consultation", "赡养") == 1
    finally:
        reopened.close()


def test_a_refused_save_notes_nothing_and_does_not_call_the_lane(lane):
    station, calls = lane
    saved = station.store.save("consultation", consultation(), user="李明")
    search_lane.catch_up(station.db)
    calls.clear()
    with pytest.raises(VersionConflict):
        station.store.save("consultation", consultation(question="另一个问题"), user="李明", record_id=saved.id,
                           expected_version=7)
    assert calls == [] and search_lane.backlog(station.db) == 0


def test_without_a_lane_and_in_a_batch_the_save_indexes_at_once(lane):
    station, calls = lane
    with station.store.batch():
        station.store.save("consultation", consultation(question="土地承包"), user="李明")
    assert calls == [] and found(station, "consultation", "承包") == 1
    station.store.index_lane = None  # a command line, a script: no lane
    station.store.save("consultation", consultation(question="交通事故"), user="李明")
    assert search_lane.backlog(station.db) == 0 and found(station, "consultation", "事故") == 1
