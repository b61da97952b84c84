"""The county's database at rest: encrypted with a key kept outside the data folder, so the folder, its
copies and a stolen disk of it hold no applicant's ID number, name or phone; without its key the server
does not start and says where the key should be."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from sync.server import data_key
from sync.server.__main__ import main as server_cli
from sync.server.county import CountyStore
from sync.server.errors import CountyError
from sync.server.file_seal import MAGIC
from sync_tests.test_sealed_bundles import ID_NUMBER, NAME, PHONE, needles
from sync_tests.test_attachment_upload import engine
from tests.unit.test_vault import PDF
from helpers.records import application


def every_file(folder):
    return [p for p in folder.rglob("*") if p.is_file()]


def scan(tmp_path, size: int, name: str) -> Path:
    """A scan of the applicant's ID card: their name, ID number and phone in its bytes, in every encoding."""
    path = tmp_path / name
    text = b"".join(needles()) + f"身份证 {NAME} {ID_NUMBER} 电话 {PHONE}".encode("gb18030")
    path.write_bytes((PDF + text * (size // len(text) + 1))[:size])
    return path


def test_the_county_folder_holds_no_applicants_data_and_the_key_is_elsewhere(enrolled, county, tmp_path):
    saved = enrolled.station.store.save("application", application(name=NAME, gender="female", id_number=ID_NUMBER,
                                                                   phone=PHONE), user="李芳")
    attach = enrolled.attachments.attach
    whole = attach("application", saved.id, "id_copy", scan(tmp_path, 300_000, "id-card.pdf"), user="李芳")
    assert engine(enrolled).sync_round().complete
    assert any(r["data"].get("id_number") == ID_NUMBER for r in county.store.records("TS01"))  # it is there, readable
    with county.store.files.open(whole.sha256) as stream:
        assert ID_NUMBER.encode("utf-8") in stream.read()
    number = enrolled.station.store.get("application", saved.id).data["number"]
    county.store.decide("accept", number, {})
    granted = county.store.decide("grant", number, {})  # the 给予法律援助决定书 names the applicant
    issued = county.data_dir / "documents" / f"{granted['data']['documents'][0]['sha256']}.pdf"
    assert issued.read_bytes().startswith(MAGIC)
    # a second scan caught mid-upload: its first chunks are at the county, in uploads/
    half = attach("application", saved.id, "case_material", scan(tmp_path, 400_000, "household.pdf"), user="李芳")
    assert engine(enrolled).sync_round(cancelled=lambda: True).pending == 0  # its signed manifest first
    data = enrolled.vault.read_bytes(half.sha256)
    assert county.store.files.receive_chunk("TS01", half.sha256, 0, data[:150_000]).received == 150_000
    assert list((county.data_dir / "uploads").rglob("*.part"))
    county.store.conn().execute("PRAGMA wal_checkpoint(PASSIVE)")
    files = every_file(county.data_dir)
    assert {"county.db", whole.sha256, f"{half.sha256}.part", issued.name} <= {p.name for p in files}
    found = [(p.name, n) for p in files for n in needles() if n in p.read_bytes()]
    assert found == []
    # the search finds them where they are in clear
    assert [n for n in needles() if n in (tmp_path / "id-card.pdf").read_bytes()] == needles()
    key_file = data_key.key_file_of(county.data_dir)
    assert key_file is not None and county.data_dir.resolve() not in key_file.resolve().parents
    assert (county.data_dir / data_key.KEY_LOCATION).read_text(encoding="utf-8").strip() == str(key_file.resolve())
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with pytest.raises(sqlite3.DatabaseError):  # what `sqlite3 county.db .tables` does without the key
        sqlite3.connect(county.data_dir / "county.db").execute("SELECT name FROM sqlite_master").fetchall()


def test_without_its_key_the_county_does_not_start_and_says_where_it_looked(tmp_path, capsys):
    import subprocess

    folder = tmp_path / "county"
    assert server_cli(["init", "--data-dir", str(folder)]) == 0
    key_file = data_key.key_file_of(folder)
    assert key_file == data_key.default_key_file(folder) and "密钥" in capsys.readouterr().out
    key_file.rename(tmp_path / "kept-in-the-safe.key")
    with pytest.raises(CountyError) as refused:
        CountyStore(folder)
    assert str(key_file) in refused.value.message_zh and "密钥" in refused.value.message_zh
    assert "找不到该文件" in refused.value.message_zh and "No such file" not in refused.value.message_zh
    ran = subprocess.run([sys.executable, "-m", "sync.server", "serve", "--data-dir", str(folder), "--port", "1"],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert ran.returncode != 0 and str(key_file) in ran.stderr and "密钥" in ran.stderr, ran.stderr
    # given where it is kept, it starts again
    os.environ[data_key.KEY_ENV] = str(tmp_path / "kept-in-the-safe.key")
    try:
        assert CountyStore(folder).list_stations() == []
    finally:
        del os.environ[data_key.KEY_ENV]


def test_the_key_is_made_where_set_up_says_and_never_inside_the_data_folder(tmp_path, capsys):
    folder = tmp_path / "county"
    assert server_cli(["init", "--data-dir", str(folder), "--key-file", str(folder / "county.key")]) == 1
    err = capsys.readouterr().err
    assert "数据文件夹" in err and "之外" in err and "--key-file" in err, err
    assert not (folder / "county.db").exists()
    elsewhere = tmp_path / "other-disk" / "county.key"
    assert server_cli(["init", "--data-dir", str(folder), "--key-file", str(elsewhere)]) == 0
    assert data_key.key_file_of(folder) == elsewhere.resolve() and str(elsewhere) in capsys.readouterr().out
    key = elsewhere.read_text()
    assert server_cli(["init", "--data-dir", str(folder), "--key-file", str(elsewhere)]) == 0
    assert elsewhere.read_text() == key  # a key is never replaced


def test_an_older_plaintext_county_database_is_encrypted_in_place(tmp_path):
    from sync_tests.test_county_migrations import counts, county_folder

    folder = county_folder(tmp_path)
    assert data_key.is_plaintext(folder / "county.db")
    before = counts(folder / "county.db")
    CountyStore(folder).conn().close()
    assert not data_key.is_plaintext(folder / "county.db")
    assert counts(folder / "county.db") == before
    assert not [p for p in folder.iterdir() if data_key.is_plaintext(p)]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_plaintext_county_database_with_rows_still_in_its_wal_is_encrypted_whole_and_owner_only(tmp_path):
    """The county's upgrade is the station's (desktop/records/encrypting.py): what only the WAL of a server that
    stopped abruptly holds is carried, the WAL is gone afterwards, and the file is the server account's only."""
    import shutil

    from sync_tests.test_county_migrations import counts, county_folder

    running = county_folder(tmp_path)
    writer = sqlite3.connect(running / "county.db", isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # the new rows stay in county.db-wal
    writer.execute("CREATE TABLE only_in_wal (n INTEGER)")
    writer.executemany("INSERT INTO only_in_wal VALUES (?)", [(i,) for i in range(50)])
    folder = tmp_path / "stopped"
    shutil.copytree(running, folder)  # the folder as a server that stopped abruptly left it: county.db and its WAL
    writer.close()
    path = folder / "county.db"
    assert (folder / "county.db-wal").stat().st_size > 0
    os.chmod(path, 0o644)
    before = counts(path)
    CountyStore(folder).conn().close()
    assert not data_key.is_plaintext(path) and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not (folder / "county.db-wal").exists() or not data_key.is_plaintext(folder / "county.db-wal")
    assert counts(path) == before
    conn = data_key.connect(path, data_key.database_key(folder, path))
    try:
        assert conn.execute("SELECT count(*) FROM only_in_wal").fetchone()[0] == 50
    finally:
        conn.close()


def test_the_countys_private_keys_are_encrypted_with_its_data_key_and_older_clear_keys_upgraded(tmp_path):
    """Every private key file in the county's folder (root, sync, documents, TLS) is encrypted PKCS#8 under a
    passphrase from the data key kept outside the folder; an older county's sync key in clear is rewritten
    encrypted at the next start, the same key, so every station's pin of it still holds."""
    from cryptography.hazmat.primitives import serialization

    from sync_tests.test_county_migrations import county_folder

    folder = county_folder(tmp_path)  # a county from before: its sync key in clear
    old_pem = (folder / "county_ed25519.pem").read_bytes()
    assert b"ENCRYPTED" not in old_pem
    old_public = serialization.load_pem_private_key(old_pem, None).public_key().public_bytes_raw()
    store = CountyStore(folder)
    store.init()
    store.county_key.make_server_certificate(["127.0.0.1"])
    names = ["county_ed25519.pem", "county_root_key.pem", "county_document_key.pem", "tls_server_key.pem"]
    for name in names:
        pem = (folder / name).read_bytes()
        assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----"), name
        with pytest.raises(TypeError):  # a copy of the folder alone: no key opens without the passphrase
            serialization.load_pem_private_key(pem, None)
        if sys.platform != "win32":
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
    assert CountyStore(folder).key().public_key_bytes == old_public  # the same key: stations' pins hold
    fingerprint = store.county_key.fingerprint()
    assert CountyStore(folder).county_key.fingerprint() == fingerprint
    (folder / "key_location.txt").unlink()  # the folder alone, its data key elsewhere and not named
    with pytest.raises(CountyError):
        CountyStore(folder)
