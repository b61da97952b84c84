"""Starting on a damaged or too-new database: a clear Chinese message, no traceback, the file untouched."""

from __future__ import annotations

from desktop.records.sqlcipher import sqlite3

from desktop.ui.app import run_app
from helpers.accounts import provided, raw_connection


def test_corrupt_database_gives_a_message_and_is_left_alone(app, tmp_path, message_boxes):
    data = provided(tmp_path / "data")  # signed in: the sign-in window is not what these tests are about
    garbage = b"this is not a database" * 100
    (data / "station.db").write_bytes(garbage)
    assert run_app(data) == 2
    (title, text), = message_boxes.shown
    assert "损坏" in text or "damaged" in text  # zh_CN when the translation is loaded
    assert (data / "station.db").read_bytes() == garbage


def test_database_from_a_newer_version_is_refused_untouched(app, tmp_path, message_boxes):
    data = provided(tmp_path / "data")  # signed in: the sign-in window is not what these tests are about
    conn = raw_connection(data / "station.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = (data / "station.db").read_bytes()
    assert run_app(data) == 2
    (title, text), = message_boxes.shown
    assert "99" in text
    assert (data / "station.db").read_bytes() == before


def test_a_full_disk_at_save_gives_a_message_and_loses_nothing(window, qtbot, monkeypatch, message_boxes, station):
    """An injected 'disk full' from SQLite: the clerk is told in Chinese, the typing stays, nothing half-saved."""
    from desktop.records import store as store_module

    from .clerk import fresh_rows, set_combo, type_into, type_text

    window._new_in(window.consultations)
    form = window.consultations.form
    type_text(qtbot, form.editors["name"].widget, "满盘测试")
    set_combo(form, "matter_category", "wages")
    type_into(qtbot, form, "question", "工资")
    type_into(qtbot, form, "answer", "已解答")
    real = store_module.Store._insert

    def full_disk(*_args, **_kwargs):  # inside the save's transaction, where SQLite would fail
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module.Store, "_insert", full_disk)
    assert form.save() is None
    (title, text), = message_boxes.shown
    assert "磁盘已满" in text or "disk is full" in text
    assert form.is_dirty() and form.editors["name"].value() == "满盘测试"
    assert fresh_rows(station, "SELECT count(*) FROM consultations") == [(0,)]
    monkeypatch.setattr(store_module.Store, "_insert", real)
    assert form.save() is not None  # space freed: the same typing saves
