"""The county workspace's first run against the real county server on loopback: the root is pinned only when
its fingerprint is the county's, and the installer's command does the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.county_cli import opens_as_county
from desktop.county_ui.connect_page import ConnectPage
from desktop.county_ui.settings import load_settings, settings_path
from desktop.ui.tasks import TaskRunner


@pytest.fixture
def runner(app, tmp_path: Path):
    tasks = TaskRunner(tmp_path / "workspace", synchronous=True)
    yield tasks
    tasks.shutdown()


def test_a_wrong_fingerprint_pins_nothing_and_says_why(qtbot, county, runner, tmp_path):
    folder = tmp_path / "workspace"
    page = ConnectPage(folder, runner)
    qtbot.addWidget(page)
    page.server_url.setText(county.url)
    page.fingerprint.setText("AB12 " * 16)
    page.connect_button.click()
    assert "不是县中心的服务器" in page.message.text() or "不符" in page.message.text()
    assert not settings_path(folder).exists()


def test_the_right_fingerprint_pins_the_root(qtbot, county, runner, tmp_path):
    folder = tmp_path / "workspace"
    page = ConnectPage(folder, runner)
    qtbot.addWidget(page)
    page.server_url.setText(county.url)
    page.fingerprint.setText(county.fingerprint.lower().replace(" ", ""))
    with qtbot.waitSignal(page.connected) as connected:
        page.connect_button.click()
    assert connected.args[0].server_url == county.url
    kept = load_settings(folder)
    assert kept is not None and kept.fingerprint == county.fingerprint


def test_the_installer_sets_a_computer_up_as_the_county_workspace(county, tmp_path, capsys):
    folder = tmp_path / "workspace"
    assert opens_as_county(folder, tmp_path / 'station') is None
    assert main(["county", "--server", county.url, "--fingerprint", "00" * 32, "--data-dir", str(folder)]) == 1
    assert "拒绝" in capsys.readouterr().err
    assert opens_as_county(folder, tmp_path / 'station') is None
    assert main(["county", "--server", county.url, "--fingerprint", county.fingerprint,
                 "--data-dir", str(folder)]) == 0
    assert county.fingerprint in capsys.readouterr().out
    assert opens_as_county(folder, tmp_path / 'station') == folder


def test_a_computer_with_a_station_opens_the_station(county, tmp_path, services):
    """Set up as a county workspace beside a station's folder, the plain start still opens the station."""
    from desktop.county_cli import county_dir_beside

    station_dir = services.station.data_dir
    beside = county_dir_beside(station_dir)
    assert main(["county", "--server", county.url, "--fingerprint", county.fingerprint,
                 "--data-dir", str(beside)]) == 0
    assert opens_as_county(None, station_dir) is None
    assert opens_as_county(None, tmp_path / "no-station-here" / "LegalAidStation") is None
    assert opens_as_county(None, beside.parent / "no-station") == beside  # the county's PC: no station beside
