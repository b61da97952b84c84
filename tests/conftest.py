"""Shared fixtures: a configured station in a temporary folder, and strict headless Qt."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
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
from hypothesis import HealthCheck, settings  # noqa: E402

from desktop.records.settings import StationSettings  # noqa: E402
from desktop.records.station import Station  # noqa: E402

pytest_plugins = ["helpers.county"]  # the real county server: `county`, `enrolled`
GUI_TESTS = Path(__file__).resolve().parent / "gui"
SLOW_SECONDS = 10  # a test marked `slow` without `seconds=`: about this long on a 2-core machine

# Property tests judge correctness, not speed: on a loaded machine (2 shared cores, CI beside other work) drawing
# examples and running one may be slow, and hypothesis's timing checks would fail a correct test. Speed is
# measured in bench/.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

TEST_SETTINGS = StationSettings(station_code="TS01", station_name="测试镇法律援助工作站", township="测试镇",
                                county_name="青山县", clerks=("李芳", "王强"), current_clerk="李芳")


@pytest.fixture
def services(tmp_path: Path):
    """A set-up station (empty database, its key, its vault) in a temporary folder."""
    from desktop.services import open_services
    from helpers.accounts import provide_station

    provide_station(tmp_path / "data")
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


def pytest_collection_modifyitems(config, items):
    """The `gui` mark, given rather than written: every test under tests/gui and every test that needs a
    QApplication (qtbot, qapp, app, window...). `pytest -m "not gui"` then runs the Qt-free tier alone."""
    for item in items:
        if item.path.is_relative_to(GUI_TESTS) or "qapp" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
    # the files that hold slow tests first, the slowest first: run on several workers (pytest-xdist, a file to a
    # worker), the longest work starts at once instead of last, beside nothing
    cost: dict[Path, float] = {}
    for item in items:
        for mark in item.iter_markers("slow"):
            cost[item.path] = max(cost.get(item.path, 0), mark.kwargs.get("seconds", SLOW_SECONDS))
    items.sort(key=lambda item: -cost.get(item.path, 0))


@pytest.fixture(autouse=True)
def _qt_free_tier_makes_no_application(request):
    """In the Qt-free tier (-m "not gui") a test that builds a QApplication anyway fails, named: mark it `gui`."""
    yield
    if "not gui" in (request.config.getoption("markexpr") or "") and "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication

        assert QCoreApplication.instance() is None, f"{request.node.nodeid} made a Qt application: mark it gui"


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_stretching():
    """Test stations' passwords stretched cheaply: Argon2id at its real cost (64 MiB, 0.3 to 0.6 s) for each of
    the hundreds of test stations would add minutes to the suite. A keyring stores the parameters it was made
    with, so nothing else changes; tests/unit/test_keyring.py checks the real cost is the default."""
    from desktop.records import keyring

    real = dict(keyring.ARGON2)
    keyring.ARGON2.update(memory_kib=64, iterations=1, lanes=1)
    yield
    keyring.ARGON2.clear()
    keyring.ARGON2.update(real)


# A wait is a guard against a hang, never a speed check: on a loaded CI machine a worker or a loopback server can
# take many seconds, and a test that fails then is a flaky test, not a finding (speed is bench/'s). Every
# qtbot.waitUntil / waitSignal waits at least PATIENCE_MS for its condition; a passing test returns as soon as it holds.
PATIENCE_MS = 60_000


@pytest.fixture(autouse=True, scope="session")
def patient_waits():
    from pytestqt.qtbot import QtBot

    wait_until, wait_signal = QtBot.waitUntil, QtBot.waitSignal

    def patient_wait_until(self, callback, *, timeout: int = 5000):
        return wait_until(self, callback, timeout=max(timeout, PATIENCE_MS))

    def patient_wait_signal(self, signal=None, *, timeout: int = 5000, **options):
        return wait_signal(self, signal, timeout=max(timeout, PATIENCE_MS), **options)

    QtBot.waitUntil, QtBot.waitSignal = patient_wait_until, patient_wait_signal
    yield
    QtBot.waitUntil, QtBot.waitSignal = wait_until, wait_signal
