"""Stations for the benchmarks, made as the program makes them and cached under bench/out/.

`make_station(path, records, seed)` fills a new station folder with `records`
consultations and applications exactly as `python -m desktop demo-data` does
(desktop.demo: unique people who sometimes come back, edits, voids; every record
through `Store.save`, 500 per transaction), without the sample scans: the
benchmarks that need files make their own.

A new bench station is founded as the first start founds one: a station head
(BENCH_HEAD) through the real keyring (Argon2id at the program's own cost,
once per station: sign-in is not what any benchmark times), so station.db is
SQLCipher-encrypted with the key derived from the station's data key. It also
gets a machine credential (machine.credential in the folder, travelling with
it), which is how every later process opens it without a password, as a
scheduled task does (`unlock`). Where a benchmark reads the file itself it
opens it keyed (`keyed_connection`), as the program does.

`cached_station(name, build)` is how every benchmark keeps a station between
runs: it is built in `bench/out/<name>.partial`, its marker `complete.json` is
written last, and only then is the folder renamed to `bench/out/<name>`. A
folder that is not `trusted` (no marker: an interrupted build; no keyring or
credential; a plaintext station.db: an older version's cache) is built again,
never measured; one of an older schema is upgraded as the program upgrades a station. bench/out/ is the only place
the benchmarks leave anything behind (gitignored; delete it to start over).

    python bench/_data.py FOLDER RECORDS [SEED]   # build one station folder (the benchmarks' child process)
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Only what opening a station needs is imported here: children that measure memory or start-up import this
# module without the demo generator (imported where a station is filled, and for SETTINGS, on first use).
from desktop.records.db import DATABASE_FILE, database_key  # noqa: E402
from desktop.records.errors import UserFacingError  # noqa: E402
from desktop.records.keyring import Keyring  # noqa: E402
from desktop.records.migrations import CURRENT_VERSION  # noqa: E402
from desktop.records.signin import (CREDENTIAL_FILE, create_credential, forget, found_station,  # noqa: E402
                                    is_unlocked, unlock_with_credential, unlocked_station)
from desktop.records.sqlcipher import connect, is_plaintext, sqlite3  # noqa: E402

if TYPE_CHECKING:
    from desktop.records.settings import StationSettings
    from desktop.records.station import Station

OUT = ROOT / "bench" / "out"
COMPLETE = "complete.json"
BENCH_HEAD, BENCH_PASSWORD = "演示站长", "bench-password"


def __getattr__(name: str) -> Any:
    """`SETTINGS`: the demo station's settings (desktop.demo's), imported when first asked for."""
    if name == "SETTINGS":
        from desktop.demo import DEMO_SETTINGS

        return DEMO_SETTINGS
    raise AttributeError(name)


def make_station(path: Path, records: int, seed: int = 1, *, settings: StationSettings | None = None,
                 progress: Callable[[str], object] | None = None) -> Station:
    """A station folder at `path` (new, or without records) holding `records` demo records; open.
    A new one gets a station head (BENCH_HEAD) and a machine credential in the folder, which travels with it."""
    from desktop.demo import DEMO_SETTINGS, fill
    from desktop.records.station import open_station

    unlock(path)
    station = open_station(Path(path))
    try:
        if station.db.execute("SELECT count(*) FROM consultations").fetchone()[0]:
            raise FileExistsError(f"{path} already holds records")
        station.update_settings(settings or DEMO_SETTINGS)
        fill(station, records, seed, progress=progress)
        station.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one file: copies and backups start from it
    except BaseException:
        station.close()
        raise
    return station


def unlock(path: Path) -> None:
    """Unlock the bench station at `path` in this process: with its own machine credential (the file in the
    folder, whatever $LEGALAID_MACHINE_CREDENTIAL says), or founded here first when the folder has no keyring."""
    path = Path(path)
    if not Keyring.exists(path):
        forget(path)  # a folder emptied and used again holds a new station
        unlocked, _recovery = found_station(path, BENCH_HEAD, BENCH_PASSWORD)
        create_credential(path, unlocked, path / CREDENTIAL_FILE)
    elif not is_unlocked(path) or unlocked_station(path).station_id != Keyring.load(path).station_id:
        unlock_with_credential(path, path / CREDENTIAL_FILE)


def keyed_connection(data_dir: Path, *, read_only: bool = False, **options) -> sqlite3.Connection:
    """A plain SQLCipher connection to the station.db of `data_dir` (unlocked first), keyed as the program keys
    it: for a benchmark that reads the file itself or times a raw floor on the same encrypted database."""
    data_dir = Path(data_dir)
    unlock(data_dir)
    path = data_dir / DATABASE_FILE
    if read_only:
        return connect(path.resolve().as_uri() + "?mode=ro", database_key(data_dir), uri=True, **options)
    return connect(path, database_key(data_dir), **options)


def decrypted_copy(folder: Path, target: Path) -> Path:
    """`target`: a copy of the bench station at `folder` (keyring, credential) whose station.db is plaintext
    (sqlcipher_export): the same records, for the benchmarks' column of how the program ran before issue 16."""
    from desktop.records.keyring import KEYRING_FILE

    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in (KEYRING_FILE, CREDENTIAL_FILE):
        shutil.copy2(Path(folder) / name, target / name)
    conn = keyed_connection(folder, read_only=True, isolation_level=None)
    try:
        conn.execute(f"ATTACH DATABASE '{target / DATABASE_FILE}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute(f"PRAGMA plaintext.user_version = {conn.execute('PRAGMA user_version').fetchone()[0]}")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    unlock(target)  # by its own copy of the credential: the same station, in this process too
    return target


# how the program opens station.db without encryption (the plaintext columns): SQLCipher's key is left off and
# the file is opened as it is, not encrypted in place; run in the process that opens it, before it does
WITHOUT_ENCRYPTION = """
import desktop.records.db as _db
_db.apply_key = lambda conn, key, schema="main": None
_db.is_plaintext = lambda path: False
"""


def record_count(data_dir: Path) -> int:
    """The consultations and applications the station at `data_dir` really holds (not the number asked for)."""
    conn = keyed_connection(data_dir, read_only=True)
    try:
        return conn.execute("SELECT (SELECT count(*) FROM consultations) + (SELECT count(*) FROM applications)"
                            ).fetchone()[0]
    finally:
        conn.close()


def trusted(folder: Path) -> bool:
    """Whether `folder` holds a complete bench station of this version: its marker, its keyring and machine
    credential, and an encrypted station.db that the credential's key opens. One of an older schema is upgraded
    in place as the program upgrades a station (the copy it keeps aside is removed: bench/out stays small)."""
    folder = Path(folder)
    database = folder / DATABASE_FILE
    if not ((folder / COMPLETE).is_file() and Keyring.exists(folder) and (folder / CREDENTIAL_FILE).is_file()
            and database.is_file() and not is_plaintext(database)):
        return False
    try:
        conn = keyed_connection(folder, read_only=True)
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
        if 0 < found < CURRENT_VERSION:
            from desktop.records.station import open_station

            open_station(folder).close()
            for aside in folder.glob(f"{database.stem}.schema*.bak"):
                aside.unlink()
            found = CURRENT_VERSION
        return found == CURRENT_VERSION
    except (UserFacingError, sqlite3.Error):
        forget(folder)
        return False


def cached_station(name: str, build: Callable[[Path], object], *, rebuild: bool = False,
                   about: dict | None = None) -> Path:
    """bench/out/<name>, built by `build(folder)` unless a trusted one is there (see the module docstring);
    returned unlocked in this process, ready to open."""
    folder, partial = OUT / name, OUT / f"{name}.partial"
    if not rebuild and trusted(folder):
        return folder
    for stale in (folder, partial):
        forget(stale)
        if stale.exists():
            shutil.rmtree(stale)
    partial.mkdir(parents=True)
    started = time.perf_counter()
    try:
        build(partial)
        seconds = time.perf_counter() - started
        (partial / COMPLETE).write_text(json.dumps({**(about or {}), "schema": CURRENT_VERSION,
                                                    "build_seconds": round(seconds, 1)}))
    except BaseException:
        forget(partial)
        shutil.rmtree(partial, ignore_errors=True)
        raise
    forget(partial)
    partial.rename(folder)
    unlock(folder)
    return folder


def build_in_child(records: int, seed: int = 1) -> Callable[[Path], object]:
    """A `build` for `cached_station` that fills the folder in a child process (its memory is not the benchmark's)."""
    import subprocess

    def build(folder: Path) -> None:
        print(f"building a station of {records:,} demo records in {folder.parent} (once) ...", flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(Path(__file__).resolve()), str(folder), str(records), str(seed)],
                       check=True)
        size = (folder / "station.db").stat().st_size / 1e6
        print(f"  built in {time.perf_counter() - started:.0f} s ({size:,.0f} MB)", flush=True)

    return build


def main(argv: list[str] | None = None) -> int:
    """`python bench/_data.py FOLDER RECORDS [SEED]`: build a station folder."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("records", type=int)
    parser.add_argument("seed", type=int, nargs="?", default=1)
    args = parser.parse_args(argv)
    make_station(args.folder, args.records, args.seed, progress=print).close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
