"""The station's data at rest: station.db through SQLCipher (search, WAL and backups still work, the file
unreadable without the key), an older plaintext station encrypted in place with nothing lost, and commands
run by scheduled tasks that unlock with the machine credential and never prompt."""

from __future__ import annotations

import os
import shutil
import sqlite3 as plain_sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.records import db as dbmod
from desktop.records.backup import make_backup, verify_backup
from desktop.records.migrations import RETIRED_TABLES
from desktop.records.queries import Listing, ListQuery
from desktop.records.signin import forget
from desktop.records.sqlcipher import is_plaintext
from desktop.records.station import open_station
from helpers.accounts import provide_station, provided, raw_connection
from helpers.records import consultation
from tests.conftest import TEST_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def plain_counts(path: Path) -> dict[str, int]:
    conn = plain_sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL%'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_the_database_is_unreadable_without_the_key_and_search_wal_and_backups_work(tmp_path):
    station = open_station(provided(tmp_path / "data"))
    try:
        station.update_settings(TEST_SETTINGS)
        saved = station.store.save("consultation", consultation(name="欧阳秀英"), user="李芳")
        assert station.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        found = Listing(station.db, ListQuery("consultation", text="秀英")).page(0, 10)
        assert [row.id for row in found] == [saved.id]  # FTS5 on the encrypted file
        backup = make_backup(station.data_dir, tmp_path / "backups", keep=3)
    finally:
        station.close()
    path = tmp_path / "data" / dbmod.DATABASE_FILE
    assert not is_plaintext(path) and "欧阳秀英".encode() not in path.read_bytes()
    with pytest.raises(plain_sqlite3.DatabaseError):  # what `sqlite3 station.db .tables` meets
        plain_sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    if shutil.which("sqlite3"):
        run = subprocess.run(["sqlite3", str(path), ".tables"], capture_output=True, text=True)
        assert run.returncode != 0 and "not a database" in run.stderr
    assert verify_backup(backup.path) == []
    assert not is_plaintext(backup.path / dbmod.DATABASE_FILE)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE((backup.path / dbmod.DATABASE_FILE).stat().st_mode) & 0o077 == 0


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("station_v*.db")), ids=lambda p: p.name)
def test_an_older_plaintext_station_is_encrypted_in_place_with_nothing_lost(fixture, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    live = data_dir / dbmod.DATABASE_FILE
    shutil.copyfile(fixture, live)
    before = plain_counts(live)
    provide_station(data_dir, credential=False)  # the first start of the new version: the station head's account
    assert dbmod.needs_upgrade(live)  # so the window shows progress
    steps: list[tuple[int, int]] = []
    dbmod.open_database(live, progress=lambda done, total: steps.append((done, total))).conn.close()  # as the window
    station = open_station(data_dir)
    try:
        after = station.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        for table, rows in before.items():
            if table in RETIRED_TABLES:  # dropped by a later step (nothing reads them)
                assert (table,) not in after
                continue
            assert (table,) in after
            assert station.db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == rows, table
    finally:
        station.close()
    assert steps and steps[-1][0] == steps[-1][1]
    assert not is_plaintext(live)
    kept = list(data_dir.glob("station.before-encryption.*.bak"))
    assert len(kept) == 1 and not is_plaintext(kept[0])  # the checked copy, encrypted too
    assert not [p for p in data_dir.iterdir() if p.is_file() and is_plaintext(p)]  # no plaintext copy left
    conn = raw_connection(kept[0], read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def run_command(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]), **(env or {})}
    environment.pop("LEGALAID_MACHINE_CREDENTIAL", None)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, env=environment,
                          stdin=subprocess.DEVNULL, timeout=300)


def test_scheduled_commands_unlock_with_the_machine_credential_and_never_prompt(tmp_path):
    data_dir = tmp_path / "data"
    provide_station(data_dir)  # the installer's step: the station head makes the machine credential
    station = open_station(data_dir)
    station.update_settings(TEST_SETTINGS)
    station.store.save("consultation", consultation(), user="李芳")
    station.close()
    forget(data_dir)
    moved = tmp_path / "service-account" / "machine.credential"
    moved.parent.mkdir()
    (data_dir / "machine.credential").rename(moved)
    for command in (["backup", "--data-dir", str(data_dir)], ["verify", "--data-dir", str(data_dir)]):
        refused = run_command(*command)
        assert refused.returncode == 4, refused.stderr
        assert "机器凭据" in refused.stderr and "credential create" in refused.stderr
    done = run_command("backup", "--data-dir", str(data_dir), "--credential", str(moved))
    assert done.returncode == 0, done.stderr
    by_env = run_command("verify", "--data-dir", str(data_dir), env={"LEGALAID_MACHINE_CREDENTIAL": str(moved)})
    assert by_env.returncode == 0, by_env.stderr
    if os.name == "posix":
        assert stat.S_IMODE(moved.stat().st_mode) == 0o600


def test_the_private_keys_are_encrypted_and_an_earlier_key_in_clear_is_kept_encrypted(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.services import open_services
    from sync.identity import DOCUMENT_KEY_FILE, KEY_FILE, StationKey

    data_dir = tmp_path / "data"
    keys = data_dir / "keys"
    keys.mkdir(parents=True)
    earlier = Ed25519PrivateKey.generate()  # an earlier version's key file, in clear
    (keys / KEY_FILE).write_bytes(earlier.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))
    services = open_services(provided(data_dir))
    try:
        assert services.key.key_id == StationKey(earlier).key_id  # the same identity: its signatures still hold
    finally:
        services.close()
    for name in (KEY_FILE, DOCUMENT_KEY_FILE):
        pem = (keys / name).read_bytes()
        assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----"), name
        with pytest.raises(TypeError):  # no password, no key
            serialization.load_pem_private_key(pem, password=None)
    assert not [p for p in keys.iterdir() if p.name.endswith(".tmp")]
