"""Running the tests never touches the real user's home: settings, data folder, caches (issue #10, item 16).

The suite once wrote ~/.config/LegalAid/LegalAidStation.conf (an 800x600 window) and
~/.config/QtProject.conf, so the real program opened at the wrong size afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_HOME

PROJECT = Path(__file__).resolve().parents[2]


def test_per_user_folders_point_into_the_test_sandbox():
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
        assert Path(os.environ[variable]).is_relative_to(TEST_HOME), variable
    assert Path.home().is_relative_to(TEST_HOME)


def test_qt_settings_and_standard_paths_are_in_the_sandbox(qapp):
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    QCoreApplication.setOrganizationName("LegalAid")
    QCoreApplication.setApplicationName("LegalAidStation")
    assert Path(QSettings().fileName()).is_relative_to(TEST_HOME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    assert Path(location).is_relative_to(TEST_HOME)


@pytest.mark.slow
def test_a_window_test_run_leaves_the_given_home_untouched(tmp_path):
    """A GUI test that saves the window geometry, run with HOME set to an empty folder: it stays empty."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), USERPROFILE=str(home), PYTHONPATH=str(PROJECT))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/gui/test_window_size.py"], cwd=PROJECT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
