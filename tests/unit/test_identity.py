"""The station key: made once, kept private, never silently replaced; signatures verify."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import threading

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from sync.identity import KEY_FILE, KeyFileError, StationKey, verify_signature
from helpers.qt_blocked import run_without_qt


def test_first_run_makes_a_key_and_later_runs_load_the_same_one(tmp_path):
    keys = tmp_path / "keys"
    made = StationKey.load_or_create(keys)
    loaded = StationKey.load_or_create(keys)
    assert (keys / KEY_FILE).is_file()
    assert loaded.key_id == made.key_id
    assert loaded.public_key_bytes == made.public_key_bytes
    assert len(made.public_key_bytes) == 32
    assert made.key_id == hashlib.sha256(made.public_key_bytes).hexdigest()
    assert [p.name for p in keys.iterdir() if p.name.endswith(".tmp")] == []


def test_key_file_is_pem_pkcs8(tmp_path):
    StationKey.load_or_create(tmp_path)
    pem = (tmp_path / KEY_FILE).read_bytes()
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    serialization.load_pem_private_key(pem, password=None)


def test_fingerprint_is_for_people(tmp_path):
    key = StationKey.load_or_create(tmp_path)
    fingerprint = key.fingerprint()
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", fingerprint)
    assert fingerprint.replace(" ", "") == key.key_id[:32].upper()
    assert fingerprint in repr(key) and "PRIVATE" not in repr(key)


def test_sign_and_verify_round_trip():
    key = StationKey.generate()
    data = "身份证复印件 ئابدۇرېھىم བཀྲ་ཤིས".encode()
    signature = key.sign(data)
    assert len(signature) == 64
    assert verify_signature(key.public_key_bytes, signature, data)


def test_verify_rejects_changed_data_other_keys_and_garbage():
    key, other = StationKey.generate(), StationKey.generate()
    data = b"manifest"
    signature = key.sign(data)
    flipped = bytes([data[0] ^ 1]) + data[1:]
    assert not verify_signature(key.public_key_bytes, signature, flipped)
    assert not verify_signature(other.public_key_bytes, signature, data)
    assert not verify_signature(key.public_key_bytes, other.sign(data), data)
    assert not verify_signature(key.public_key_bytes, signature[:-1] + bytes([signature[-1] ^ 0x80]), data)
    assert not verify_signature(key.public_key_bytes, b"", data)
    assert not verify_signature(b"short", signature, data)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_key_is_readable_by_the_owner_only(tmp_path):
    StationKey.load_or_create(tmp_path / "keys")
    assert stat.S_IMODE((tmp_path / "keys" / KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) & 0o077 == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_loading_tightens_loose_permissions(tmp_path):
    StationKey.load_or_create(tmp_path)
    os.chmod(tmp_path / KEY_FILE, 0o644)
    StationKey.load_or_create(tmp_path)
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600


@pytest.mark.parametrize("content", [
    b"",
    b"not a key at all",
    b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
])
def test_a_corrupt_key_file_is_an_error_not_a_new_key(tmp_path, content):
    (tmp_path / KEY_FILE).write_bytes(content)
    with pytest.raises(KeyFileError, match="damaged"):
        StationKey.load_or_create(tmp_path)
    assert (tmp_path / KEY_FILE).read_bytes() == content  # left for the technician: never replaced


def test_a_truncated_key_file_is_an_error(tmp_path):
    StationKey.load_or_create(tmp_path)
    pem = (tmp_path / KEY_FILE).read_bytes()
    (tmp_path / KEY_FILE).write_bytes(pem[: len(pem) // 2])
    with pytest.raises(KeyFileError):
        StationKey.load_or_create(tmp_path)


def test_a_key_of_another_kind_is_an_error(tmp_path):
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (tmp_path / KEY_FILE).write_bytes(pem)
    with pytest.raises(KeyFileError, match="not an Ed25519 key"):
        StationKey.load_or_create(tmp_path)


def test_simultaneous_first_runs_end_with_one_key(tmp_path):
    keys, found, errors = tmp_path / "keys", [], []

    def start():
        try:
            found.append(StationKey.load_or_create(keys).key_id)
        except Exception as exc:  # noqa: BLE001 - any error in a thread is reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(found)) == 1
    assert StationKey.load_or_create(keys).key_id == found[0]


def test_identity_imports_without_qt():
    code = ("import sync.identity\n"
            "print('ok')\n")
    result = run_without_qt(code)
    assert result.returncode == 0, result.stderr
