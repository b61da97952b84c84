"""Fixtures of the Qt-free tests of materials: the station key, its attachments, a saved application, a scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.records.attachments import Attachments
from desktop.records.vault import Vault
from sync.identity import StationKey

from .test_validation import civil_application
from .test_vault import PDF, content


@pytest.fixture
def key() -> StationKey:
    return StationKey.generate()


@pytest.fixture
def attachments(station, key) -> Attachments:
    return Attachments(station.store, Vault.of_station(station.data_dir), key)


@pytest.fixture
def application(station) -> str:
    return station.store.save("application", civil_application(), user="李芳").id


@pytest.fixture
def scan(tmp_path) -> Path:
    path = tmp_path / "身份证复印件.pdf"
    path.write_bytes(content(PDF, 200_000))
    return path
