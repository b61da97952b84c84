"""The benchmarks' stations (bench/_data.py) are made and opened as the program makes and opens a station:
founded through the real keyring, station.db encrypted, opened in another process by the machine credential;
a cache is measured only when it is complete and of this version. And the start-up bench's child reaches the
main window itself, not the sign-in window."""

from __future__ import annotations

import importlib.util
import sqlite3 as plain_sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

from desktop.records.migrations import CURRENT_VERSION
from desktop.records.signin import forget
from desktop.records.sqlcipher import is_plaintext
from helpers.accounts import raw_connection

ROOT = Path(__file__).resolve().parents[2]


def bench_module(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench/<name>.py loaded as the benchmarks load each other (bench/ on the path, for this test only)."""
    monkeypatch.setattr(sys, "path", [str(ROOT / "bench"), *sys.path])
    monkeypatch.delitem(sys.modules, "_data", raising=False)
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: int):
    """bench/_data.py caching in `tmp_path`, a `build` of `records` demo records, and the folders it built."""
    data = bench_module("_data", monkeypatch)
    monkeypatch.setattr(data, "OUT", tmp_path)
    built: list[Path] = []

    def build(folder: Path) -> None:
        built.append(folder)
        data.make_station(folder, records).close()

    return data, build, built


def records_in(folder: Path) -> int:
    conn = raw_connection(folder / "station.db")
    try:
        return conn.execute("SELECT (SELECT count(*) FROM consultations) + (SELECT count(*) FROM applications)"
                            ).fetchone()[0]
    finally:
        conn.close()


def test_a_benchmark_station_is_cached_only_when_its_build_completed(tmp_path, monkeypatch):
    data, build, built = bench_data(tmp_path, monkeypatch, 30)

    def interrupted(folder: Path) -> None:
        build(folder)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        data.cached_station("s", interrupted)
    assert list(tmp_path.iterdir()) == []  # nothing half-built is left to be measured later
    folder = data.cached_station("s", build)
    assert folder == tmp_path / "s" and (folder / "complete.json").is_file()
    forget(folder)
    data.unlock(folder)  # moved from its .partial folder: opened as another process would, by its credential
    assert records_in(folder) == 30
    assert data.cached_station("s", build) == folder and len(built) == 2  # reused
    (folder / "complete.json").unlink()  # a build killed before its marker, or an older cache
    data.cached_station("s", build)
    assert len(built) == 3 and sorted(p.name for p in tmp_path.iterdir()) == ["s"]


def test_a_benchmark_station_is_encrypted_a_plaintext_cache_built_again_an_older_one_upgraded(tmp_path, monkeypatch):
    data, build, built = bench_data(tmp_path, monkeypatch, 0)

    folder = data.cached_station("s", build)
    database = folder / "station.db"
    assert not is_plaintext(database) and (folder / "keyring.json").is_file()
    with pytest.raises(plain_sqlite3.DatabaseError):  # the standard driver cannot read it: no figure from a guess
        plain_sqlite3.connect(database).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert data.cached_station("s", build) == folder and len(built) == 1

    conn = raw_connection(database)  # a cache made by an older version's schema: upgraded as the program does
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION - 1}")
    conn.close()
    assert data.cached_station("s", build) == folder and len(built) == 1
    conn = raw_connection(database)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    conn.close()
    assert not list(folder.glob("*.bak"))  # the copy the upgrade kept aside is not left in bench/out

    database.unlink()  # a cache made before station encryption: a plaintext station.db
    conn = plain_sqlite3.connect(database)
    conn.execute("CREATE TABLE consultations (id TEXT)")
    conn.close()
    assert is_plaintext(database) and not data.trusted(folder)
    data.cached_station("s", build)
    assert len(built) == 2 and not is_plaintext(database) and data.trusted(folder)

    (folder / "machine.credential").unlink()  # no way in for the benchmark's other processes
    assert not data.trusted(folder)


def test_the_start_up_bench_signs_in_by_the_machine_credential_and_times_the_main_window(tmp_path, monkeypatch):
    startup = bench_module("bench_startup", monkeypatch)
    folder = tmp_path / "station"
    startup._data.make_station(folder, 0).close()
    forget(folder)  # the child has only the credential to go by
    code = startup.station_code(folder)
    assert startup.time_run(code, startup.station_env(folder)) > 0  # it reported the main window, unlocked

    (folder / "machine.credential").rename(tmp_path / "elsewhere")  # nothing to sign in with
    with pytest.raises(SystemExit, match="main window was not shown"):
        startup.time_run(code, startup.station_env(folder))


# what the start does not import: the modules of the pages built when first seen, the county workspace's TLS and
# enrollment (requests), sqlite-utils (schema work only), and the XML parser that reads the translation catalogue
# for the command lines' help texts (glossed when printed); nor what the program's start makes after the first frame:
# the backups (their scheduler, dialog and core)
NOT_AT_START = ("desktop.ui.consultation_form", "desktop.ui.application_form", "desktop.ui.record_form",
                "desktop.ui.record_editor", "desktop.ui.field_widgets", "desktop.ui.deadlines_page", "desktop.ui.casework_pages", "desktop.ui.casework_forms",
                "desktop.ui.county_page", "desktop.ui.indicators_page", "desktop.ui.accounts_page",
                "desktop.ui.settings_page", "desktop.ui.verify_dialog", "desktop.ui.bundle_exchange",
                "desktop.ui.reference_dialog", "desktop.ui.audit_dialog", "desktop.county_ui",
                "desktop.county_ui.settings", "sync.enrollment", "requests", "sqlite_utils",
                "xml.etree.ElementTree", "desktop.ui.station_backups", "desktop.ui.backup_dialog",
                "desktop.records.backup")


def test_the_program_starts_without_the_pages_it_does_not_show_nor_their_modules(tmp_path, monkeypatch):
    startup = bench_module("bench_startup", monkeypatch)
    folder = tmp_path / "station"
    startup._data.make_station(folder, 0).close()
    forget(folder)
    code = startup.station_code(folder)
    done = startup.subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  env=startup.station_env(folder))
    report = startup.shown(done)  # the program's own start, as `python -m desktop` runs it, to its window shown
    assert report["pages"] == []  # only the consultations and applications were built, their forms not yet
    imported = set(report["modules"])
    assert "desktop.ui.main_window" in imported and "desktop.ui.record_list" in imported
    assert imported.isdisjoint(NOT_AT_START), sorted(imported & set(NOT_AT_START))
    # nor built: the system's network watch (a Qt plugin, loaded when the county was first unreachable), the
    # scanner folder's watcher (no folder set), the lock screen (until the first lock), and the program's start after
    # the first frame (backups, timers); no
    # cyclic garbage collection runs over the start's objects, which all live on
    assert report["built"] == {"backups": False, "network_watch": False, "scanner_watch": False,
                               "sync_timer": False, "lock_screen": False, "collecting": False}, report["built"]


def test_the_rest_of_the_start_follows_the_first_frame(tmp_path, monkeypatch):
    """What the first frame does not wait for (the backups, the sync timer, garbage collection) still starts: in the
    next turn."""
    startup = bench_module("bench_startup", monkeypatch)
    folder = tmp_path / "station"
    startup._data.make_station(folder, 0).close()
    forget(folder)
    first_turn = "QTimer.singleShot(0, lambda: report(window))"
    code = startup.station_code(folder)
    assert first_turn in code
    code = code.replace(first_turn, "QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: report(window)))")
    quit_after_show = 'os.environ["LEGALAID_EXIT_AFTER_SHOW"] = "1"'
    assert quit_after_show in code
    code = code.replace(quit_after_show, "")  # the program runs on past its first turn (until the report ends it)
    done = startup.subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  env=startup.station_env(folder), timeout=120)
    report = startup.shown(done)
    assert report["built"]["backups"] and report["built"]["sync_timer"], report["built"]
    assert report["built"]["collecting"]  # garbage is collected again
    assert "desktop.ui.station_backups" in report["modules"]
