"""Attachments: linked to a record's checklist slot, signed at capture, and any change is detected."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.records.attachments import SLOTS, Attachments, Reason
from desktop.records.db import database_path, open_database
from desktop.records.errors import RecordNotFound, ValidationFailed
from desktop.records.migrations import CURRENT_VERSION, STEPS
from desktop.records.reference import default_reference
from desktop.records.canonical import canonical_json
from desktop.records.vault import CHUNK_SIZE, ImportRefused, Vault
from desktop.services import keys_passphrase
from sync.identity import StationKey, verify_signature
from helpers.qt_blocked import run_without_qt

from .test_validation import civil_application, consultation
from .test_vault import JPEG, PDF, PNG, TIBETAN, UYGHUR, content
from helpers.accounts import provided, raw_connection

ROOT = Path(__file__).resolve().parents[2]
CLERK = "李芳"


def rows(station, sql: str, params=()) -> list:
    """Read back through a new connection: what a crash-restart would see."""
    conn = raw_connection(database_path(station.data_dir))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def execute(station, sql: str, params=()) -> None:
    """Change the database behind the application's back, as a tamperer would."""
    conn = raw_connection(database_path(station.data_dir))
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def writable(path: Path) -> Path:
    os.chmod(path, 0o644)
    return path


# ------------------------------------------------------------------ capture

def test_attach_signs_and_records_everything_in_one_go(station, attachments, application, scan, key):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    sha = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert (a.record_type, a.record_id, a.slot, a.sha256, a.size, a.media_type, a.original_name, a.captured_by) == (
        "application", application, "id_copy", sha, 200_000, "application/pdf", "身份证复印件.pdf", CLERK)
    assert a.manifest == {"attachment_id": a.id, "record_type": "application", "record_id": application,
                          "slot": "id_copy", "sha256": sha, "size": 200_000, "original_name": "身份证复印件.pdf",
                          "media_type": "application/pdf", "captured_at": a.captured_at, "captured_by": CLERK,
                          "station": "TS01", "key_id": key.key_id}
    assert verify_signature(key.public_key_bytes, a.signature, canonical_json(a.manifest).encode("utf-8"))
    assert attachments.get(a.id) == a
    assert attachments.list_for("application", application) == [a]

    (manifest, signature, key_id), = rows(station, "SELECT manifest, signature, key_id FROM attachments")
    assert manifest == canonical_json(a.manifest)
    assert base64.b64decode(signature) == a.signature and key_id == key.key_id
    assert rows(station, "SELECT key_id, public_key FROM station_keys") == [(key.key_id, key.public_key_bytes)]
    assert rows(station, "SELECT action, by FROM history WHERE record_type = 'attachment' AND record_id = ?",
                (a.id,)) == [("create", CLERK)]
    (payload,), = rows(station, "SELECT payload FROM outbox WHERE record_type = 'attachment'")
    data = json.loads(payload)["data"]
    assert data["manifest"] == a.manifest and base64.b64decode(data["signature"]) == a.signature
    assert data["key_id"] == key.key_id and base64.b64decode(data["public_key"]) == key.public_key_bytes
    assert attachments.verify(a).status == "ok"


def test_the_round_trip_holds_for_a_consultation_too(station, attachments, tmp_path):
    consultation_id = station.store.save("consultation", consultation(), user=CLERK).id
    photo = tmp_path / "欠条.jpg"
    photo.write_bytes(content(JPEG, 80_000))
    a = attachments.attach("consultation", consultation_id, "case_material", photo, user=CLERK)
    assert attachments.verify(a).status == "ok"


def test_a_second_attachment_does_not_record_the_key_again(station, attachments, application, scan):
    attachments.attach("application", application, "id_copy", scan, user=CLERK)
    attachments.attach("application", application, "other", scan, user=CLERK)
    assert len(rows(station, "SELECT * FROM station_keys")) == 1


def test_the_same_file_twice_is_stored_once_and_linked_twice(station, attachments, application, scan):
    first = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    second = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    assert first.id != second.id and first.sha256 == second.sha256
    assert [a.id for a in attachments.list_for("application", application)] == [first.id, second.id]
    assert [p for p in attachments.vault.objects_dir.rglob("*") if p.is_file()] == [attachments.path_of(first)]
    assert [v.status for v in attachments.verify_all()] == ["ok", "ok"]


def test_attach_a_pasted_image(station, attachments, application):
    import io

    a = attachments.attach_stream("application", application, "hardship_proof", io.BytesIO(content(PNG)),
                                  "剪贴板图片.png", user=CLERK)
    assert a.media_type == "image/png" and attachments.verify(a).status == "ok"


@pytest.mark.parametrize("raw,shown", [
    (f"{UYGHUR}.jpg", f"{UYGHUR}.jpg"),
    (f"{TIBETAN}.jpg", f"{TIBETAN}.jpg"),
    ("身份证 正面.jpg", "身份证 正面.jpg"),
    ("../../证据/照片.jpg", "照片.jpg"),
    ("a/b\\c.jpg", "c.jpg"),
    ("..", "attachment"),
])
def test_names_in_any_script_round_trip_as_display_names(station, attachments, application, tmp_path, raw, shown):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(content(JPEG))
    a = attachments.attach("application", application, "id_copy", photo, user=CLERK, original_name=raw)
    assert a.original_name == shown
    assert attachments.get(a.id).original_name == shown and a.manifest["original_name"] == shown
    assert rows(station, "SELECT original_name FROM attachments WHERE id = ?", (a.id,)) == [(shown,)]
    assert attachments.verify(attachments.get(a.id)).status == "ok"


def test_the_file_name_is_used_when_no_name_is_given(attachments, application, tmp_path):
    path = tmp_path / f"{TIBETAN}.pdf"
    path.write_bytes(content(PDF))
    assert attachments.attach("application", application, "other", path, user=CLERK).original_name == path.name


def test_unknown_record_or_slot(station, attachments, application, scan):
    with pytest.raises(RecordNotFound):
        attachments.attach("application", "no-such-id", "id_copy", scan, user=CLERK)
    with pytest.raises(ValueError, match="slot"):
        attachments.attach("application", application, "selfie", scan, user=CLERK)
    with pytest.raises(ValueError):
        attachments.attach("person", application, "id_copy", scan, user=CLERK)
    assert rows(station, "SELECT count(*) FROM attachments") == [(0,)]
    assert not any(p.is_file() for p in attachments.vault.objects_dir.rglob("*"))


def test_a_refused_file_leaves_the_record_and_the_database_untouched(station, attachments, application, tmp_path):
    before = (station.store.get("application", application).version,
              rows(station, "SELECT count(*) FROM outbox"), rows(station, "SELECT count(*) FROM history"))
    fake = tmp_path / "申请书.pdf"
    fake.write_bytes(content(PNG))
    with pytest.raises(ImportRefused) as info:
        attachments.attach("application", application, "signed_form", fake, user=CLERK)
    assert info.value.kind == "mismatch"
    after = (station.store.get("application", application).version,
             rows(station, "SELECT count(*) FROM outbox"), rows(station, "SELECT count(*) FROM history"))
    assert after == before
    assert rows(station, "SELECT count(*) FROM attachments") == [(0,)]


def test_slots_are_the_materials_checklist():
    assert SLOTS == tuple(c.code for c in default_reference().choices("materials"))


# ------------------------------------------------------------------ void

def test_void_keeps_the_attachment_with_its_reason(station, attachments, application, scan):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    with pytest.raises(ValidationFailed):
        attachments.void(a.id, "  ", user=CLERK)
    attachments.void(a.id, "扫错了，应为户口本", user="王强")
    assert attachments.list_for("application", application) == []
    (kept,) = attachments.list_for("application", application, include_voided=True)
    assert kept.voided and kept.void_reason == "扫错了，应为户口本"
    assert attachments.verify(kept).status == "ok"  # still provable: nothing is deleted
    assert attachments.vault.exists(a.sha256)
    assert rows(station, "SELECT version, action, by, reason FROM history WHERE record_id = ? ORDER BY version",
                (a.id,)) == [(1, "create", CLERK, None), (2, "void", "王强", "扫错了，应为户口本")]
    attachments.void(a.id, "again", user=CLERK)  # already void: nothing changes
    assert len(rows(station, "SELECT * FROM history WHERE record_id = ?", (a.id,))) == 2
    assert len(rows(station, "SELECT * FROM outbox WHERE record_id = ?", (a.id,))) == 2
    with pytest.raises(RecordNotFound):
        attachments.void("no-such-id", "x", user=CLERK)


# ------------------------------------------------------------------ verification

def test_a_one_bit_flip_in_the_stored_file_is_tampered(attachments, application, scan):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    path = writable(attachments.path_of(a))
    data = bytearray(path.read_bytes())
    data[123_456] ^= 0x01
    path.write_bytes(bytes(data))
    result = attachments.verify(a)
    assert (result.status, result.reason) == ("tampered", Reason.CONTENT_CHANGED)
    assert "身份证复印件.pdf" in result.text()


@pytest.mark.parametrize("column,value", [
    ("slot", "other"), ("record_id", "00000000-0000-0000-0000-000000000000"), ("size", 1),
    ("original_name", "别的文件.pdf"), ("created_by", "王强"), ("created_at", "2020-01-01T00:00:00+08:00"),
    ("media_type", "image/png"), ("record_type", "consultation"),
])
def test_a_changed_field_in_the_database_row_is_tampered(station, attachments, application, scan, column, value):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    execute(station, f"UPDATE attachments SET {column} = ? WHERE id = ?", (value, a.id))
    result = attachments.verify(attachments.get(a.id))
    assert (result.status, result.reason) == ("tampered", Reason.DETAILS_CHANGED)


def test_a_changed_manifest_is_tampered(station, attachments, application, scan):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    manifest = {**a.manifest, "slot": "hardship_proof"}  # moved to another slot, row and manifest alike
    execute(station, "UPDATE attachments SET manifest = ?, slot = ? WHERE id = ?",
            (canonical_json(manifest), "hardship_proof", a.id))
    result = attachments.verify(attachments.get(a.id))
    assert (result.status, result.reason) == ("tampered", Reason.BAD_SIGNATURE)


def test_a_different_file_swapped_in_consistently_is_tampered(station, attachments, application, scan, tmp_path):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    other = tmp_path / "fake.pdf"
    other.write_bytes(content(PDF, 1000, seed=9))
    stored = attachments.vault.store_file(other)
    manifest = {**a.manifest, "sha256": stored.sha256, "size": stored.size}
    execute(station, "UPDATE attachments SET manifest = ?, sha256 = ?, size = ? WHERE id = ?",
            (canonical_json(manifest), stored.sha256, stored.size, a.id))
    assert attachments.verify(attachments.get(a.id)).status == "tampered"


def test_a_manifest_signed_by_another_key_is_tampered(station, attachments, application, scan):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    forger = StationKey.generate()
    forged = base64.b64encode(forger.sign(a.manifest_bytes())).decode()
    execute(station, "UPDATE attachments SET signature = ? WHERE id = ?", (forged, a.id))
    result = attachments.verify(attachments.get(a.id))
    assert (result.status, result.reason) == ("tampered", Reason.BAD_SIGNATURE)


def test_a_manifest_re_signed_with_an_unknown_key_is_tampered(station, attachments, application, scan):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    forger = StationKey.generate()
    manifest = {**a.manifest, "key_id": forger.key_id, "captured_by": "王强"}
    forged = base64.b64encode(forger.sign(canonical_json(manifest).encode())).decode()
    execute(station, "UPDATE attachments SET manifest = ?, signature = ?, key_id = ?, created_by = ? WHERE id = ?",
            (canonical_json(manifest), forged, forger.key_id, "王强", a.id))
    result = attachments.verify(attachments.get(a.id))
    assert (result.status, result.reason) == ("tampered", Reason.UNKNOWN_KEY)


def test_a_swapped_public_key_is_tampered(station, attachments, application, scan, key):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    execute(station, "UPDATE station_keys SET public_key = ?", (StationKey.generate().public_key_bytes,))
    assert attachments.verify(a).reason == Reason.UNKNOWN_KEY  # its hash is no longer the key id


@pytest.mark.parametrize("signature", [None, "", "not base64!"])
def test_a_removed_or_damaged_signature_is_tampered(station, attachments, application, scan, signature):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    execute(station, "UPDATE attachments SET signature = ? WHERE id = ?", (signature, a.id))
    assert attachments.verify(attachments.get(a.id)).status == "tampered"


def test_a_deleted_file_is_missing(attachments, application, scan):
    a = attachments.attach("application", application, "id_copy", scan, user=CLERK)
    attachments.path_of(a).unlink()
    result = attachments.verify(a)
    assert (result.status, result.reason) == ("missing", Reason.MISSING)


def test_without_a_signer_attachments_are_unsigned(station, application, scan):
    unsigned = Attachments(station.store, Vault.of_station(station.data_dir), None)
    a = unsigned.attach("application", application, "id_copy", scan, user=CLERK)
    assert a.signature is None and a.key_id is None and a.manifest["key_id"] is None
    assert unsigned.verify(a).status == "unsigned"
    assert rows(station, "SELECT count(*) FROM station_keys") == [(0,)]
    data = bytearray(writable(unsigned.path_of(a)).read_bytes())
    data[0] ^= 0x80
    unsigned.path_of(a).write_bytes(bytes(data))
    assert unsigned.verify(a).status == "tampered"  # the recorded hash still guards it


def test_verify_all_reports_each_and_counts_bytes(station, attachments, application, tmp_path):
    made = []
    for i, slot in enumerate(("id_copy", "hardship_proof", "case_material", "other")):
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(content(PDF, 10_000 * (i + 1), seed=i))
        made.append(attachments.attach("application", application, slot, path, user=CLERK))
    made.append(attachments.attach("application", application, "signed_form", tmp_path / "0.pdf", user=CLERK))
    attachments.path_of(made[1]).unlink()
    calls = []
    results = attachments.verify_all(progress=lambda done, total: calls.append((done, total)))
    assert [v.status for v in results] == ["ok", "missing", "ok", "ok", "ok"]
    assert [v.attachment.id for v in results] == [a.id for a in made]
    total = 10_000 + 20_000 + 30_000 + 40_000  # the file linked twice is read once
    assert calls[-1] == (total, total) and all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_verify_all_can_be_cancelled(attachments, application, scan):
    for slot in SLOTS[:3]:
        attachments.attach("application", application, slot, scan, user=CLERK)
    seen = []
    results = attachments.verify_all(progress=lambda d, t: seen.append(d), cancelled=lambda: len(seen) >= 2)
    assert len(results) == 2


def test_verify_all_of_nothing(attachments):
    assert attachments.verify_all() == []


# ------------------------------------------------------------------ crash during import

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.records import vault
    from desktop.records.signin import unlock_with_credential
    from desktop.services import open_services

    real = vault._write_all
    def slow(fd, data):
        real(fd, data)
        print("copying", flush=True)
        time.sleep(0.05)
    vault._write_all = slow
    unlock_with_credential(Path(sys.argv[1]))
    services = open_services(Path(sys.argv[1]))
    services.attachments.attach("application", sys.argv[2], "case_material", Path(sys.argv[3]), user="李芳")
    print("done", flush=True)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_crash_during_import_leaves_no_attached_half_file(station, application, tmp_path):
    big = tmp_path / "卷宗.pdf"
    big.write_bytes(content(PDF, 40 * CHUNK_SIZE))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(station.data_dir), application, str(big)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(5):  # a few chunks in: well into the copy
            assert child.stdout.readline().strip() == "copying", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    vault_dir = station.data_dir / "vault"
    assert [p for p in (vault_dir / "objects").rglob("*") if p.is_file()] == []
    assert len(list((vault_dir / "tmp").glob("*.part"))) == 1  # the half copy, which nothing points to
    assert rows(station, "SELECT count(*) FROM attachments") == [(0,)]
    assert rows(station, "SELECT count(*) FROM outbox WHERE record_type = 'attachment'") == [(0,)]

    reopened = Vault.of_station(station.data_dir)
    assert list(reopened.tmp_dir.iterdir()) == []
    again = Attachments(station.store, reopened,
                        StationKey.load_or_create(station.data_dir / "keys", keys_passphrase(station.data_dir)))
    a = again.attach("application", application, "case_material", big, user=CLERK)
    assert again.verify(a).status == "ok"


# ------------------------------------------------------------------ schema and layering

def test_a_version_1_database_gains_the_attachment_tables(tmp_path):
    path = tmp_path / "station.db"
    conn = sqlite3.connect(path, isolation_level=None)  # an older version's plaintext file
    conn.execute("BEGIN")
    STEPS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()
    db = open_database(provided(tmp_path) / "station.db")
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION >= 2
        assert {"attachments", "station_keys"} <= set(db.table_names())
        assert "attachments_by_record" in {r[1] for r in db.execute("PRAGMA index_list(attachments)")}
    finally:
        db.conn.close()
    assert list(tmp_path.glob("station.schema1.*.bak"))  # backed up before migrating


def test_records_need_neither_qt_nor_sync():
    code = ("import desktop.records.vault, desktop.records.attachments\n"
            "print('ok')\n")
    result = run_without_qt(code, also=("sync",))
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ the UI's two-step path and the services

def test_link_stored_records_a_file_imported_elsewhere(station, attachments, application, scan):
    stored = attachments.vault.store_file(scan)  # on a worker: no database
    a = attachments.link_stored("application", application, "id_copy", stored, "../身份证.pdf", user=CLERK)
    assert a.original_name == "身份证.pdf" and attachments.verify(a).status == "ok"
    attachments.path_of(a).unlink()
    with pytest.raises(ValueError, match="not in the vault"):
        attachments.link_stored("application", application, "id_copy", stored, "x.pdf", user=CLERK)
    with pytest.raises(RecordNotFound):
        attachments.link_stored("application", "no-such-id", "id_copy", stored, "x.pdf", user=CLERK)


def test_services_compose_the_key_the_vault_and_a_worker_connection(tmp_path, scan):
    import threading

    from desktop.records.db import database_path, open_database
    from desktop.records.settings import StationSettings
    from desktop.services import open_services

    services = open_services(provided(tmp_path / "data"))
    try:
        services.station.update_settings(StationSettings(station_code="TS01", station_name="测试站", township="测试镇",
                                                         clerks=(CLERK,), max_attachment_mb=7))
        assert services.vault.max_bytes == 50 * 1024 * 1024
        assert services.attachments.signer is services.key
        application = services.station.store.save("application", civil_application(), user=CLERK).id
        a = services.attachments.attach("application", application, "id_copy", scan, user=CLERK)
        results = []

        def worker():
            db = open_database(database_path(services.station.data_dir))  # a worker's own connection
            try:
                results.extend(services.on_connection(db).attachments.verify_all())
            finally:
                db.conn.close()

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert [(v.attachment.id, v.status) for v in results] == [(a.id, "ok")]
    finally:
        services.close()
    again = open_services(provided(tmp_path / "data"))
    try:
        assert again.vault.max_bytes == 7 * 1024 * 1024  # the station's setting
        assert again.key.key_id == services.key.key_id
    finally:
        again.close()
