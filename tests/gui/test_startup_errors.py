"""Starting on a damaged or too-new database: a clear Chinese message, no traceback, the file untouched."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.ui.app import run_app

pytestmark = pytest.mark.gui


def test_corrupt_database_gives_a_message_and_is_left_alone(app, tmp_path, message_boxes):
    data = tmp_path / "data"
    data.mkdir()
    garbage = b"this is not a database" * 100
    (data / "station.db").write_bytes(garbage)
    assert run_app(data) == 2
    (title, text), = message_boxes.shown
    assert "损坏" in text or "damaged" in text  # zh_CN when the translation is loaded
    assert (data / "station.db").read_bytes() == garbage


def test_database_from_a_newer_version_is_refused_untouched(app, tmp_path, message_boxes):
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "station.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = (data / "station.db").read_bytes()
    assert run_app(data) == 2
    (title, text), = message_boxes.shown
    assert "99" in text
    assert (data / "station.db").read_bytes() == before
