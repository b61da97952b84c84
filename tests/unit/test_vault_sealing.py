"""The vault's files at rest: sealed with a key of their own, read back only through the vault, and an older
version's clear files sealed in place without ever losing one."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from desktop.records import vault as vault_module
from desktop.records import vault_files
from desktop.records.streamseal import SealedError
from desktop.records.vault import CHUNK_SIZE, MAGIC, Vault

from .test_vault import KEY, PDF, PNG, content, leftovers, objects

ID_NUMBER = b"110101199003071234"


@pytest.fixture
def vault(tmp_path) -> Vault:
    return Vault(tmp_path / "vault", key=KEY)


def scan_with_text(size: int = 3 * CHUNK_SIZE + 100) -> bytes:
    """A PDF whose text carries an ID number all through it (what a scanned ID card's OCR layer holds)."""
    return (PDF + (b"BT (" + ID_NUMBER + b" \xe5\xbc\xa0\xe4\xb8\x89) Tj ET\n") * (size // 40))[:size]


def clear_object(vault: Vault, data: bytes) -> str:
    """An older version's vault file: the plaintext itself under its hash, read-only."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = vault.path_for(sha256)
    path.write_bytes(data)
    os.chmod(path, 0o444)
    return sha256


def test_a_stored_file_is_sealed_on_disk_and_read_back_through_the_vault(vault):
    data = scan_with_text()
    stored = vault.store_stream(io.BytesIO(data), "身份证.pdf")
    at_rest = stored.path.read_bytes()
    assert at_rest.startswith(MAGIC) and ID_NUMBER not in at_rest
    assert vault.read_bytes(stored.sha256) == data and vault.hash_of(stored.sha256) == stored.sha256
    with vault.open(stored.sha256) as stream:  # streamed: the first chunk comes without reading the rest
        assert stream.read(10) == data[:10]


def test_the_same_bytes_are_sealed_under_different_keys_each_time(tmp_path):
    data = content(PNG, 50_000)
    first = Vault(tmp_path / "a", key=KEY).store_stream(io.BytesIO(data), "a.png")
    second = Vault(tmp_path / "b", key=KEY).store_stream(io.BytesIO(data), "a.png")
    assert first.sha256 == second.sha256 and first.path.read_bytes() != second.path.read_bytes()  # own salt


def test_another_stations_key_opens_nothing(tmp_path):
    data = content(PDF, 50_000)
    stored = Vault(tmp_path / "vault", key=KEY).store_stream(io.BytesIO(data), "a.pdf")
    other = Vault(tmp_path / "vault", key=bytes(32))
    assert other.hash_of(stored.sha256) == ""  # reported as changed by verify, never read as something else
    with pytest.raises(SealedError):
        other.read_bytes(stored.sha256)


def test_a_sealed_file_put_under_another_name_does_not_pass_for_it(vault):
    a = vault.store_stream(io.BytesIO(content(PDF, 30_000, seed=1)), "a.pdf")
    b = vault.store_stream(io.BytesIO(content(PDF, 30_000, seed=2)), "b.pdf")
    os.chmod(b.path, 0o644)
    b.path.write_bytes(a.path.read_bytes())
    assert vault.hash_of(b.sha256) == a.sha256 != b.sha256


@pytest.mark.parametrize("cut", [1, 17, CHUNK_SIZE + 40])
def test_a_sealed_file_cut_short_does_not_open(vault, cut):
    stored = vault.store_stream(io.BytesIO(content(PDF, 2 * CHUNK_SIZE + 5)), "a.pdf")
    os.chmod(stored.path, 0o644)
    at_rest = stored.path.read_bytes()
    stored.path.write_bytes(at_rest[:-cut])
    assert vault.hash_of(stored.sha256) == ""


def test_an_older_versions_clear_files_are_sealed_in_place(vault):
    datas = [scan_with_text(), content(PNG, 70_000)]
    shas = [clear_object(vault, d) for d in datas]
    (vault.root / vault_files.SEALED_MARK).unlink()  # an older version's vault has no mark
    assert vault.needs_sealing() and vault.hash_of(shas[0]) == shas[0]  # still read, meanwhile
    seen: list[tuple[int, int]] = []
    sealed, kept = vault.seal_clear_objects(lambda done, total: seen.append((done, total)))
    assert (sealed, kept) == (2, []) and not vault.needs_sealing()
    assert seen[-1][0] == seen[-1][1] == sum(len(d) for d in datas)
    for sha, data in zip(shas, datas):
        assert vault_files.is_sealed(vault.path_for(sha)) and vault.read_bytes(sha) == data
    assert ID_NUMBER not in b"".join(p.read_bytes() for p in objects(vault))
    assert leftovers(vault) == []
    assert vault.seal_clear_objects() == (0, [])  # again: nothing to do


def test_a_clear_file_that_no_longer_matches_its_name_is_left_for_verify(vault):
    good = clear_object(vault, content(PDF, 40_000, seed=3))
    bad = clear_object(vault, content(PDF, 40_000, seed=4))
    os.chmod(vault.path_for(bad), 0o644)
    vault.path_for(bad).write_bytes(b"%PDF-damaged")
    (vault.root / vault_files.SEALED_MARK).unlink()
    assert vault.seal_clear_objects() == (1, [bad])
    assert vault.path_for(bad).read_bytes() == b"%PDF-damaged"  # never changed, never removed
    assert vault.hash_of(good) == good and vault.needs_sealing()  # the next start looks again


def test_a_crash_while_sealing_loses_no_file(vault, monkeypatch):
    data = scan_with_text()
    sha = clear_object(vault, data)
    (vault.root / vault_files.SEALED_MARK).unlink()

    def crash(*_args):
        raise KeyboardInterrupt("power cut before the sealed copy took the file's place")

    monkeypatch.setattr(vault_module.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        vault.seal_clear_objects()
    monkeypatch.undo()
    assert vault.path_for(sha).read_bytes() == data  # the clear file is still whole
    again = Vault(vault.root, key=KEY)  # the next start: the half copy goes, the sealing goes on
    assert leftovers(again) == [] and again.needs_sealing()
    assert again.seal_clear_objects() == (1, []) and again.read_bytes(sha) == data


def test_a_clear_file_another_folder_also_holds_is_never_overwritten(vault, tmp_path):
    data = content(PDF, 60_000, seed=5)
    sha = clear_object(vault, data)
    elsewhere = tmp_path / "older-backup-object"
    os.link(vault.path_for(sha), elsewhere)  # an older backup hard-linked the same file
    (vault.root / vault_files.SEALED_MARK).unlink()
    assert vault.seal_clear_objects() == (1, [])
    assert elsewhere.read_bytes() == data and vault.read_bytes(sha) == data


def test_importing_a_file_an_older_version_kept_in_clear_seals_it(vault):
    data = content(PDF, 40_000, seed=6)
    sha = clear_object(vault, data)
    stored = vault.store_stream(io.BytesIO(data), "again.pdf")
    assert stored.sha256 == sha and not stored.already_present
    assert vault_files.is_sealed(vault.path_for(sha)) and vault.read_bytes(sha) == data
