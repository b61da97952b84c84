"""The core's change notifications (Qt-free): every committed write says once what it changed, whoever
makes it, on whatever connection; a write that rolls back says nothing."""

from __future__ import annotations

import threading

import pytest

from desktop.records import changes
from desktop.records.changes import ATTACHMENTS, COUNTY, DRAFTS, OUTBOX, RECORDS, SETTINGS, SYNC_STATE, Change
from desktop.records.db import database_path, open_database, write_transaction
from desktop.records.errors import ValidationFailed
from desktop.records.canonical import local_now
from sync.events import record_event
from sync.outbox import apply_acks
from sync.protocol import EVENT_KINDS
from sync.state import S_CURSOR, S_SERVER, set_state
from helpers.records import application, consultation
from helpers.accounts import raw_connection


@pytest.fixture
def heard():
    """Every change told to listeners during the test."""
    found: list[Change] = []
    changes.register_listener(found.append)
    yield found
    changes.unregister_listener(found.append)


def test_a_save_says_it_changed_records_and_what_waits_to_be_sent(station, heard):
    station.store.save("consultation", consultation(), user="李芳")
    assert heard == [Change(station.database_file.resolve(), frozenset({RECORDS, OUTBOX}))]


def test_what_a_sync_round_writes_is_heard_without_sync_saying_anything(station, heard):
    saved = station.store.save("application", application(), user="李芳")
    change_id = station.db.execute("SELECT change_id FROM outbox ORDER BY seq LIMIT 1").fetchone()[0]
    heard.clear()
    with write_transaction(station.db) as conn:  # as the engine applies the county's acknowledgements
        apply_acks(conn, [{"change_id": change_id, "status": "accepted"}], {change_id: ""},
                   local_now())
    with write_transaction(station.db) as conn:  # and records its decisions (which set the status)
        record_event(conn, {"seq": 1, "event_id": "e1", "kind": "accept", "application_number": saved.number,
                            "application_id": saved.id, "status": EVENT_KINDS["accept"], "at": local_now()},
                     local_now())
        set_state(conn, S_CURSOR, "1")
    assert [c.topics for c in heard] == [frozenset({OUTBOX}), frozenset({COUNTY, RECORDS, SYNC_STATE})]


def test_settings_drafts_and_attachments_have_their_own_topics(station, services, heard, tmp_path):
    from dataclasses import replace

    station.update_settings(replace(station.settings, autosave_seconds=7))
    station.store.save_draft("consultation:new", {"name": "王"})
    saved = station.store.save("application", application(), user="李芳")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    services.attachments.attach("application", saved.id, "id_copy", scan, user="李芳")
    assert [c.topics for c in heard] == [frozenset({SETTINGS}), frozenset({DRAFTS}), frozenset({RECORDS, OUTBOX}),
                                         frozenset({ATTACHMENTS, OUTBOX})]


def test_a_write_that_fails_says_nothing(station, heard):
    with pytest.raises(ValidationFailed):
        station.store.save("consultation", consultation(question=""), user="李芳")
    with pytest.raises(RuntimeError):
        with write_transaction(station.db) as conn:
            conn.execute("UPDATE settings SET value = value")
            raise RuntimeError("the caller changed its mind")
    assert heard == []
    station.store.save("consultation", consultation(), user="李芳")
    assert [c.topics for c in heard] == [frozenset({RECORDS, OUTBOX})]  # nothing left over from the rollback


def test_a_worker_connection_is_heard_on_its_thread_with_the_stations_path(station, heard):
    threads: list[int] = []

    def on_which_thread(_change: Change) -> None:
        threads.append(threading.get_ident())

    changes.register_listener(on_which_thread)

    def worker():
        db = open_database(database_path(station.data_dir))  # a worker's own connection
        try:
            with write_transaction(db) as conn:
                set_state(conn, S_SERVER, "http://county.example")
        finally:
            db.conn.close()

    try:
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    finally:
        changes.unregister_listener(on_which_thread)
    assert heard == [Change(station.database_file.resolve(), frozenset({SYNC_STATE}))]
    assert threads == [thread.ident]


def test_a_listener_that_fails_does_not_undo_or_stop_the_write(station, heard):
    def broken(_change):
        raise ValueError("a broken view")

    changes.register_listener(broken)
    try:
        saved = station.store.save("consultation", consultation(), user="李芳")
    finally:
        changes.unregister_listener(broken)
    assert station.store.get("consultation", saved.id).version == 1
    assert len(heard) == 1


def test_the_triggers_live_on_the_connection_not_in_the_database_file(station):
    path = station.database_file
    plain = raw_connection(str(path))
    try:
        assert plain.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                             "AND name LIKE 'legalaid_%'").fetchone()[0] == 0
    finally:
        plain.close()


def test_whoever_hears_of_new_settings_reads_the_new_ones(station):
    from dataclasses import replace

    read: list[int] = []

    def status_bar(change: Change) -> None:  # what the window's status bar does on SETTINGS
        if SETTINGS in change.topics:
            read.append(station.settings.autosave_seconds)

    changes.register_listener(status_bar)
    try:
        station.update_settings(replace(station.settings, autosave_seconds=9))
    finally:
        changes.unregister_listener(status_bar)
    assert read == [9]
