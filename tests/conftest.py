"""Shared fixtures: a configured station in a temporary folder, and strict headless Qt."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path


def _isolate_home() -> Path:
    """Point HOME and every per-user folder Qt or Python may write to at a throwaway folder, before Qt is
    imported: no test may touch the real user's settings (QSettings), data folder or caches."""
    sandbox = Path(tempfile.mkdtemp(prefix="legalaid-tests-home-"))
    folders = {"HOME": "", "USERPROFILE": "", "XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
               "XDG_CACHE_HOME": ".cache", "XDG_STATE_HOME": ".local/state", "XDG_RUNTIME_DIR": "runtime",
               "APPDATA": "AppData/Roaming", "LOCALAPPDATA": "AppData/Local"}
    for variable, relative in folders.items():
        folder = sandbox / relative
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ[variable] = str(folder)
    atexit.register(shutil.rmtree, sandbox, True)
    return sandbox


TEST_HOME = _isolate_home()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from desktop.records.settings import StationSettings  # noqa: E402
from desktop.records.station import Station  # noqa: E402

TEST_SETTINGS = StationSettings(station_code="TS01", station_name="测试镇法律援助工作站", township="测试镇",
                                county_name="青山县", clerks=("李芳", "王强"), current_clerk="李芳")


@pytest.fixture
def services(tmp_path: Path):
    """A set-up station (empty database, its key, its vault) in a temporary folder."""
    from desktop.services import open_services

    opened = open_services(tmp_path / "data")
    opened.station.update_settings(TEST_SETTINGS)
    yield opened
    opened.close()


@pytest.fixture
def station(services) -> Station:
    """The set-up station of `services`."""
    return services.station


@pytest.fixture
def app(qapp):
    """The QApplication as the real program makes it: Chinese font and zh_CN translations."""
    from desktop.ui.app import make_application

    return make_application([])


@pytest.fixture
def message_boxes(app):
    """Answers every message box with its default button and records it; nothing modal blocks."""
    from desktop.ui.messages import MessageBoxes, TextPrompt

    shown: list = []
    details: list = []  # each box's informative text, in the same order
    answers: list = []  # tests may push buttons to press, in order

    def respond(box):
        shown.append((box.windowTitle(), box.text()))
        details.append(box.informativeText())
        return answers.pop(0) if answers else None

    MessageBoxes.responder = respond
    TextPrompt.responder = lambda title, label: answers.pop(0) if answers else None
    yield type("Boxes", (), {"shown": shown, "details": details, "answers": answers})
    MessageBoxes.responder = None
    TextPrompt.responder = None
