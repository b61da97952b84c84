"""The keyring: one data key wrapped by each account's password, the recovery key, the machine credential and
the county's escrow key; tampering refused; wrong passwords throttled."""

from __future__ import annotations

import json
import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.records.keyring import CLERK, HEAD, Keyring, KeyringError, Unlocked, parse_recovery_key
from desktop.records.signin import (EXPORT, FIRST_WAIT_S, FREE_TRIES, RESTORE, VOID, SignInError, create_credential,
                                    found_station, may, sign_in, unlock_with_credential, unlocked_station)


@pytest.fixture
def founded(tmp_path):
    unlocked, recovery = found_station(tmp_path, "李芳", "head-password-1")
    return tmp_path, unlocked, recovery


def test_each_way_in_opens_the_same_data_key(founded, tmp_path):
    data_dir, head, recovery = founded
    keyring = Keyring.load(data_dir)
    keyring.add_account(head, "王强", CLERK, "clerk-password-2")
    clerk = sign_in(data_dir, "王强", "clerk-password-2")
    assert clerk.data_key == head.data_key and clerk.account.role == CLERK and clerk.user == "王强"
    assert Keyring.load(data_dir).unlock_with_recovery_key(recovery.lower().replace("-", " ")).data_key == head.data_key
    create_credential(data_dir, head, tmp_path / "cred" / "machine.credential")
    machine = unlock_with_credential(data_dir, tmp_path / "cred" / "machine.credential")
    assert machine.data_key == head.data_key and machine.user == "计划任务"
    assert unlocked_station(data_dir) is machine


def test_the_keyring_holds_no_secret_in_clear_and_is_owner_only(founded):
    data_dir, head, recovery = founded
    raw = Keyring.path_in(data_dir).read_bytes()
    assert head.data_key.hex().encode() not in raw and head.data_key not in raw
    assert b"head-password-1" not in raw and parse_recovery_key(recovery) not in raw
    if os.name == "posix":
        assert stat.S_IMODE(Keyring.path_in(data_dir).stat().st_mode) == 0o600


def test_wrong_password_is_refused_with_a_clear_message(founded):
    data_dir, _head, _recovery = founded
    with pytest.raises(KeyringError) as refused:
        sign_in(data_dir, "李芳", "not-the-password")
    assert refused.value.kind == "wrong_password" and "password" in refused.value.message
    with pytest.raises(KeyringError):
        sign_in(data_dir, "nobody", "head-password-1")


def test_wrong_passwords_are_throttled_with_an_increasing_wait(founded):
    data_dir, _head, _recovery = founded
    now = [1000.0]
    clock = lambda: now[0]
    for _ in range(FREE_TRIES):
        with pytest.raises(KeyringError):
            sign_in(data_dir, "李芳", "wrong-wrong", clock=clock)
    with pytest.raises(SignInError) as waiting:  # even the right password waits now
        sign_in(data_dir, "李芳", "head-password-1", clock=clock)
    assert waiting.value.kind == "throttled" and waiting.value.params["seconds"] == str(FIRST_WAIT_S)
    now[0] += FIRST_WAIT_S
    with pytest.raises(KeyringError):
        sign_in(data_dir, "李芳", "wrong-wrong", clock=clock)
    with pytest.raises(SignInError) as longer:
        sign_in(data_dir, "李芳", "head-password-1", clock=clock)
    assert longer.value.params["seconds"] == str(2 * FIRST_WAIT_S)
    now[0] += 2 * FIRST_WAIT_S
    assert sign_in(data_dir, "李芳", "head-password-1", clock=clock).user == "李芳"
    with pytest.raises(KeyringError):  # a success starts the count again
        sign_in(data_dir, "李芳", "wrong-wrong", clock=clock)
    assert sign_in(data_dir, "李芳", "head-password-1", clock=clock).user == "李芳"


def test_the_recovery_key_opens_a_station_whose_password_is_lost(founded):
    data_dir, _head, recovery = founded
    keyring = Keyring.load(data_dir)
    with pytest.raises(KeyringError) as wrong:
        keyring.unlock_with_recovery_key("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    assert wrong.value.kind == "wrong_recovery_key"
    rescuer = keyring.unlock_with_recovery_key(recovery)
    keyring.set_password(rescuer, "李芳", "new-password-9")
    assert sign_in(data_dir, "李芳", "new-password-9").account.role == HEAD
    with pytest.raises(KeyringError):
        sign_in(data_dir, "李芳", "head-password-1")


def test_a_new_recovery_key_replaces_the_old_one(founded):
    data_dir, head, old = founded
    new = Keyring.load(data_dir).new_recovery_key(head)
    assert new != old
    with pytest.raises(KeyringError):
        Keyring.load(data_dir).unlock_with_recovery_key(old)
    assert Keyring.load(data_dir).unlock_with_recovery_key(new).data_key == head.data_key


def test_only_a_station_head_manages_accounts(founded):
    data_dir, head, _recovery = founded
    keyring = Keyring.load(data_dir)
    keyring.add_account(head, "王强", CLERK, "clerk-password-2")
    clerk = sign_in(data_dir, "王强", "clerk-password-2")
    with pytest.raises(KeyringError) as refused:
        keyring.add_account(clerk, "赵六", CLERK, "another-pass")
    assert refused.value.kind == "not_allowed"
    keyring.set_password(clerk, "王强", "own-new-password")  # a clerk changes their own password
    with pytest.raises(KeyringError):
        keyring.set_password(clerk, "李芳", "taken-over-pw")
    with pytest.raises(KeyringError) as last:
        keyring.set_role(head, "李芳", CLERK)
    assert last.value.kind == "last_head"
    with pytest.raises(KeyringError) as short:
        keyring.add_account(head, "赵六", CLERK, "short")
    assert short.value.params == {"minimum": "8"}
    keyring.remove_account(head, "王强")
    with pytest.raises(KeyringError):
        sign_in(data_dir, "王强", "own-new-password")
    assert not may(clerk, VOID) and not may(clerk, RESTORE) and may(head, VOID) and may(head, EXPORT)


def test_a_tampered_keyring_is_refused(founded):
    data_dir, head, _recovery = founded
    keyring = Keyring.load(data_dir)
    keyring.add_account(head, "王强", CLERK, "clerk-password-2")
    path = Keyring.path_in(data_dir)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["accounts"][1]["role"] = HEAD  # a clerk makes themselves station head by editing the file
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(KeyringError) as damaged:
        sign_in(data_dir, "王强", "clerk-password-2")
    assert damaged.value.kind == "damaged"
    doc["accounts"][1]["role"] = CLERK
    doc["accounts"][0]["salt"], doc["accounts"][1]["salt"] = doc["accounts"][1]["salt"], doc["accounts"][0]["salt"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(KeyringError):
        sign_in(data_dir, "李芳", "head-password-1")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(KeyringError) as unreadable:
        Keyring.load(data_dir)
    assert unreadable.value.kind == "damaged"


def test_a_scheduled_task_without_the_credential_is_told_how_to_provide_it(founded, tmp_path, monkeypatch):
    data_dir, head, _recovery = founded
    monkeypatch.delenv("LEGALAID_MACHINE_CREDENTIAL", raising=False)
    with pytest.raises(SignInError) as missing:
        unlock_with_credential(data_dir)
    assert "credential create" in missing.value.text()
    path = create_credential(data_dir, head)  # the default place: the data folder
    monkeypatch.setenv("LEGALAID_MACHINE_CREDENTIAL", str(tmp_path / "elsewhere"))
    with pytest.raises(SignInError):
        unlock_with_credential(data_dir)
    monkeypatch.setenv("LEGALAID_MACHINE_CREDENTIAL", str(path))
    assert unlock_with_credential(data_dir).means == "machine"
    replaced = create_credential(data_dir, head, tmp_path / "new.credential")
    with pytest.raises(KeyringError) as stale:
        unlock_with_credential(data_dir, path)
    assert stale.value.kind == "wrong_credential"
    assert unlock_with_credential(data_dir, replaced).means == "machine"
    if os.name == "posix":
        assert stat.S_IMODE(replaced.stat().st_mode) == 0o600


def test_the_county_escrow_opens_with_the_county_private_key_only(founded):
    data_dir, head, _recovery = founded
    county = X25519PrivateKey.generate()
    fingerprint = Keyring.load(data_dir).escrow_to_county(head, county.public_key().public_bytes_raw())
    keyring = Keyring.load(data_dir)
    assert keyring.escrowed_to() == fingerprint
    assert keyring.open_escrow(county).data_key == head.data_key
    with pytest.raises(KeyringError):
        keyring.open_escrow(X25519PrivateKey.generate())


def test_subkeys_differ_by_purpose(founded):
    _data_dir, head, _recovery = founded
    assert head.subkey("database") != head.subkey("vault") and len(head.subkey("vault")) == 32
    assert repr(head.data_key) not in repr(head) and repr(head.data_key) not in repr(Unlocked(head.data_key, None, "machine"))


def test_a_new_station_stretches_passwords_at_the_real_cost_by_default():
    """The suite stretches test passwords cheaply (tests/conftest.py); the program's default is RFC 9106's."""
    import ast
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "desktop" / "records" / "keyring.py").read_text(encoding="utf-8")
    default = next(ast.literal_eval(node.value) for node in ast.walk(ast.parse(source))
                   if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "ARGON2")
    assert default == {"memory_kib": 65536, "iterations": 3, "lanes": 4}
