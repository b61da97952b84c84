"""The PyInstaller build (build.spec): it builds, its self-test passes frozen, and the app starts from it.

Built once per test session into a temporary folder (about half a minute on the build
machine). Skipped when PyInstaller is not installed.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow(seconds=60),  # the build
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install pyinstaller) - the frozen build is not tested"),
]

ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "法律援助工作站"
CONSOLE_NAME = "legalaid-console"
EXE = ".exe" if sys.platform == "win32" else ""
SIZE_LIMIT_MB = 200
LEFT_OUT = ("packaging", "screenshots")  # resources/ folders for builders and the README, not the app
# Qt modules the app does not use: none of their libraries may be in the bundle.
UNUSED_QT = ("WebEngine", "Qt63D", "Quick", "Qml", "Multimedia", "Charts", "DataVisualization", "Bluetooth",
             "NetworkAuth", "Sql", "Designer", "Qt6Test", "VirtualKeyboard")


def headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_PLUGIN"))}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", **extra}


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> dict[str, Path]:
    """`pyinstaller build.spec` into a temporary dist and work folder."""
    base = tmp_path_factory.mktemp("pyinstaller")
    dist, work = base / "dist", base / "work"
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
                             "--distpath", str(dist), "--workpath", str(work)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-5000:]
    print(f"\nbuild.spec built in {time.perf_counter() - started:.0f} s")
    folder = dist / APP_NAME
    return {"folder": folder, "work": work / "build", "app": folder / f"{APP_NAME}{EXE}",
            "console": folder / f"{CONSOLE_NAME}{EXE}"}


def run_frozen(exe: Path, *args: str, timeout: float = 120, input: str | None = None,
               **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], env=headless_env(**env), capture_output=True, text=True, check=False,
                          encoding="utf-8", errors="replace", timeout=timeout, cwd=exe.parent.parent,
                          input=input if input is not None else "")


def test_one_folder_with_a_windowed_and_a_console_executable(build):
    assert build["app"].is_file() and os.access(build["app"], os.X_OK)
    assert build["console"].is_file() and os.access(build["console"], os.X_OK)
    assert sorted(p.name for p in build["folder"].iterdir() if p.is_file()) == sorted(
        [build["app"].name, build["console"].name])


def test_the_frozen_selftest_passes(build):
    from desktop.selftest import CHECKS

    result = run_frozen(build["console"], "--selftest")
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(frozen;" in result.stdout.splitlines()[0]
    for _key, label, _check in CHECKS:
        assert label in result.stdout
    assert "SELF-TEST PASSED 自检通过" in result.stdout


def test_a_resource_missing_from_the_bundle_fails_the_frozen_selftest(build):
    qm = next((build["folder"] / "_internal" / "resources" / "translations").glob("legalaid_*.qm"))
    aside = qm.with_suffix(".aside")
    qm.rename(aside)
    try:
        result = run_frozen(build["console"], "--selftest")
    finally:
        aside.rename(qm)
    assert result.returncode == 1, result.stdout
    assert "✗ Translations load" in result.stdout and "SELF-TEST FAILED" in result.stdout


def test_the_frozen_app_starts_and_shows_its_window(build, tmp_path):
    """The installer's steps with the console executable (a station and its station head, the scheduled tasks'
    machine credential, the station's data made by a command), then the windowed executable, offscreen: it
    shows the sign-in window. With LEGALAID_EXIT_AFTER_SHOW=1 it quits by itself once that shows (exit 0)."""
    data = tmp_path / "station"
    password = "frozen-pass-1\n"
    made = run_frozen(build["console"], "account", "create-station", "--head", "站长", "--data-dir", str(data),
                      input=password)
    assert made.returncode == 0, made.stdout + made.stderr
    credential = run_frozen(build["console"], "credential", "create", "--head", "站长", "--data-dir", str(data),
                            input=password)
    assert credential.returncode == 0, credential.stdout + credential.stderr
    filled = run_frozen(build["console"], "demo-data", "--count", "0", "--data-dir", str(data))
    assert filled.returncode == 0, filled.stdout + filled.stderr
    process = subprocess.Popen([str(build["app"]), "--data-dir", str(data)],
                               env=headless_env(LEGALAID_EXIT_AFTER_SHOW="1"),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        code = process.wait(timeout=120)
        output = process.stdout.read().decode("utf-8", "replace")
        assert code == 0, f"exit status {code}:\n{output}"
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)
    assert (data / "station.db").exists() and (data / "keys" / "station_ed25519.pem").exists()
    log = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (data / "logs").glob("*.log"))
    assert "Traceback" not in log and " ERROR " not in log, log
    # The data folder passes the self-test's read-only check (unlocked by the machine credential).
    result = run_frozen(build["console"], "--selftest", "--data-dir", str(data))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ Station data opens read-only" in result.stdout


def test_the_bundle_holds_the_resources_and_only_zh_cn_qt_translations(build):
    internal = build["folder"] / "_internal"
    for folder in (ROOT / "resources").iterdir():
        if folder.is_dir() and folder.name not in LEFT_OUT:
            assert (internal / "resources" / folder.name).is_dir(), f"resources/{folder.name} not bundled"
    for folder in LEFT_OUT:
        assert not (internal / "resources" / folder).exists(), f"resources/{folder} is not for the app"
    qt_translations = sorted(p.name for p in internal.rglob("Qt*/translations/*.qm"))
    assert "qtbase_zh_CN.qm" in qt_translations
    assert all(name.endswith("_zh_CN.qm") for name in qt_translations), qt_translations


def test_unused_qt_modules_and_python_packages_are_left_out(build):
    internal = build["folder"] / "_internal"
    names = [p.name for p in internal.rglob("*")]
    unused = [n for n in names if any(module in n for module in UNUSED_QT) and ("Qt" in n or n.startswith("lib"))]
    assert not unused, unused
    for package in ("numpy", "tkinter", "IPython", "pytest", "_pytest", "hypothesis"):
        assert not (internal / package).exists(), package
    plugins = {p.relative_to(next(internal.rglob("plugins"))).as_posix() for p in internal.rglob("plugins/*/*")}
    # printing to a printer: Qt's Windows print plugin; Linux builds leave CUPS out for room (build.spec)
    printing = ("printsupport/*",) if sys.platform == "win32" else ()
    for needed in ("platforms/*offscreen*", "imageformats/*jpeg*", "imageformats/*tiff*", *printing,
                   "iconengines/*svg*"):
        assert any(Path(p).match(needed) for p in plugins), f"no Qt plugin {needed}"
    broken = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert not broken, broken


def test_the_bundle_is_under_the_size_limit(build):
    size = sum(p.stat().st_size for p in build["folder"].rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nunpacked size {size / 2**20:.1f} MB")
    assert size < SIZE_LIMIT_MB * 2**20, f"{size / 2**20:.1f} MB"


def read_version_file(path: Path) -> dict:
    """The VSVersionInfo text evaluated the way PyInstaller does (eval), with stand-ins for its classes.

    PyInstaller's own loader needs pefile, which is installed on Windows only.
    """
    def structure(kind):
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    return eval(path.read_text(encoding="utf-8"), {n: structure(n) for n in names})  # our own generated file


def test_version_resource_and_icon_are_generated(build):
    tree = ast.parse((ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8"))
    version = next(ast.literal_eval(n.value) for n in tree.body
                   if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__version__")
    numbers = (tuple(int("".join(c for c in part if c.isdigit()) or 0) for part in version.split(".")) + (0,) * 4)[:4]
    for name in (APP_NAME, CONSOLE_NAME):
        info = read_version_file(build["work"] / f"version_{name}.txt")
        assert info["kind"] == "VSVersionInfo"
        assert info["ffi"]["filevers"] == numbers and info["ffi"]["prodvers"] == numbers
        table = info["kids"][0]["args"][0][0]
        strings = dict(entry["args"] for entry in table["args"][1])
        assert strings["FileVersion"] == strings["ProductVersion"] == version
        assert strings["OriginalFilename"] == f"{name}.exe"
        assert "法律援助工作站" in strings["ProductName"]
    icon = (build["work"] / "app.ico").read_bytes()
    assert icon[:4] == b"\x00\x00\x01\x00" and int.from_bytes(icon[4:6], "little") >= 5  # ICO with its sizes
