"""Offline (USB) bundles: station export -> county import + reply -> station import, through the same
apply path as the network; idempotent re-imports; refusals (tampered, revoked, another station, not
enrolled, wrong kind of file); bundles and network sync mixed; the CLIs' exit codes."""

from __future__ import annotations

import dataclasses
import json
import zipfile

import pytest

from sync.bundle import BundleError, export_bundle, import_reply
from sync.bundle_file import BundleFile
from sync.outbox import pending_count, quarantined_changes
from sync.server.__main__ import main as server_cli
from sync.server.bundle_import import county_import
from sync.state import get_state
from sync_tests.test_sync import assert_same_data, engine, outbox, record_some
from helpers.qt_blocked import run_without_qt
from helpers.records import application
from helpers.accounts import provided


def export(services, path):
    return export_bundle(services.station.db, services.key, services.station.settings.station_code, path)


def import_at_station(services, path):
    return import_reply(services.station.db, services.key, services.station.settings.station_code, path)


def rezip(path, members: dict, sign) -> None:
    """A zip of `members`, sealed with `sign` like a real bundle (or left unsealed when sign is None)."""
    import io

    from sync.bundle_file import SEAL_BYTES, seal

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for n, d in members.items():
            z.writestr(n, d)
        z.comment = b"=" * SEAL_BYTES
    body = buffer.getvalue()[:-SEAL_BYTES]
    path.write_bytes(seal(body, sign) if sign else body + b"=" * SEAL_BYTES)


def county_counts(county) -> tuple:
    conn = county.store.conn()
    return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("changes", "records", "events"))


def station_counts(services) -> tuple:
    db = services.station.db
    return (db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0],
            db.execute("SELECT count(*) FROM county_events").fetchone()[0],
            get_state(db, "events_cursor"),
            tuple(db.execute("SELECT number, status FROM applications ORDER BY number").fetchall()))


def test_a_round_trip_by_bundle(enrolled, county, tmp_path):
    saved = record_some(enrolled, n_apps=2, n_cons=2)
    usb = tmp_path / "usb"
    result = export(enrolled, usb / "TS01.bundle")
    assert result.changes == len(outbox(enrolled)) and result.lamport[0] <= result.lamport[1]
    with zipfile.ZipFile(usb / "TS01.bundle") as z:
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["kind"] == "changes" and manifest["from"] == "TS01" and manifest["to"] == "county"
    assert manifest["county_key_id"] == county.store.key().key_id and manifest["change_count"] == result.changes
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())
    assert all(acked is None for _, _, acked, _ in outbox(enrolled))  # nothing is acknowledged by exporting

    imported = county_import(county.store, usb / "TS01.bundle", usb / "TS01.reply")
    assert imported.accepted == len(outbox(enrolled)) and imported.events == 0
    with zipfile.ZipFile(usb / "TS01.reply") as z:
        reply = json.loads(z.read("manifest.json"))
    assert (reply["kind"], reply["from"], reply["to"], reply["station_key_id"]) == \
        ("reply", "county", "TS01", enrolled.key.key_id)
    import hashlib
    assert reply["answers"] == hashlib.sha256(json.dumps(manifest, ensure_ascii=False, sort_keys=True,
                                                          separators=(",", ":")).encode()).hexdigest()
    assert_same_data(enrolled, county)

    number = next(s.number for s in saved if s.number)
    county.store.decide("accept", number, {})
    county.store.decide("grant", number, {"note": "符合经济困难标准"})
    # the decisions come with the next reply; a reply to the same bundle again changes nothing at the county
    before = county_counts(county)
    again = county_import(county.store, usb / "TS01.bundle", usb / "TS01.reply")
    assert again.accepted == 0 and again.duplicates == len(outbox(enrolled)) and again.events == 2
    assert county_counts(county) == before

    answered = import_at_station(enrolled, usb / "TS01.reply")
    assert answered.accepted + answered.duplicates == len(outbox(enrolled)) and answered.events == 2
    assert all(acked for _, _, acked, _ in outbox(enrolled))
    app = next(s for s in saved if s.number)
    assert enrolled.station.store.get("application", app.id).status == "granted"
    assert get_state(enrolled.station.db, "events_cursor") == "2"

    # the same reply twice: nothing changes
    state = station_counts(enrolled)
    twice = import_at_station(enrolled, usb / "TS01.reply")
    assert twice.events == 0 and station_counts(enrolled) == state and twice.already_imported
    assert not answered.already_imported
    # the network agrees: nothing left to send, nothing new to pull
    after = engine(enrolled).sync_round()
    assert after.complete and after.pushed == 0 and after.events == 0


def test_a_rejected_change_comes_back_quarantined_in_the_reply(enrolled, county, tmp_path):
    from sync_tests.test_sync import _tamper

    bad = enrolled.station.store.save("application", application(), user="李芳")
    record_some(enrolled, 1, 1)
    change = enrolled.station.db.execute("SELECT change_id FROM outbox WHERE record_id = ?", (bad.id,)).fetchone()[0]
    _tamper(enrolled, change, received_at="不是日期")
    export(enrolled, tmp_path / "b")
    imported = county_import(county.store, tmp_path / "b", tmp_path / "r")
    assert [cid for cid, _ in imported.rejected] == [change]
    answered = import_at_station(enrolled, tmp_path / "r")
    assert answered.rejected and answered.rejected[0][0] == change and answered.pending == 0
    assert len(quarantined_changes(enrolled.station.db)) == 1


def test_a_tampered_bundle_is_refused(enrolled, county, tmp_path):
    record_some(enrolled, 1, 1)
    path = tmp_path / "b"
    export(enrolled, path)
    data = bytearray(path.read_bytes())
    for offset in (len(data) // 2, 60, 10, len(data) - 30, len(data) - 120):  # data, headers, seal, directory
        flipped = bytearray(data)
        flipped[offset] ^= 0x01
        (tmp_path / "t").write_bytes(bytes(flipped))
        with pytest.raises(BundleError) as refused:
            county_import(county.store, tmp_path / "t", tmp_path / "r")
        assert refused.value.code in ("tampered", "not_a_bundle"), refused.value
        assert county.store.change_count() == 0 and not (tmp_path / "r").exists()
    # a part swapped for other content in a well-formed, freshly sealed zip (the signed manifest kept)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    part = next(n for n in members if n.startswith("parts/"))
    members[part] = members[part].replace(members[part][20:21], bytes([members[part][20] ^ 0xFF]), 1)
    rezip(tmp_path / "t", members, enrolled.key.sign)
    with pytest.raises(BundleError, match="parts/0001.json.gz was altered") as refused:
        county_import(county.store, tmp_path / "t", tmp_path / "r")
    assert "签名或校验值" in refused.value.message_zh
    # re-zipped without the seal: refused
    rezip(tmp_path / "t", members, None)
    with pytest.raises(BundleError, match="changed after it was signed"):
        county_import(county.store, tmp_path / "t", tmp_path / "r")
    # a manifest edited (and the file sealed again) no longer matches its own signature
    manifest = json.loads(members["manifest.json"])
    manifest["change_count"] = 99
    members["manifest.json"] = json.dumps(manifest).encode()
    rezip(tmp_path / "t", members, enrolled.key.sign)
    with pytest.raises(BundleError, match="signature does not verify"):
        county_import(county.store, tmp_path / "t", tmp_path / "r")
    assert county.store.change_count() == 0
    # and a reply byte-flipped on the way back is refused at the station
    county_import(county.store, path, tmp_path / "r")
    reply = bytearray((tmp_path / "r").read_bytes())
    reply[len(reply) // 2] ^= 0x01
    (tmp_path / "r2").write_bytes(bytes(reply))
    with pytest.raises(BundleError) as refused:
        import_at_station(enrolled, tmp_path / "r2")
    assert refused.value.code in ("tampered", "not_a_bundle")
    assert all(acked is None for _, _, acked, _ in outbox(enrolled))


def test_a_bundle_from_a_revoked_station_is_refused(enrolled, county, tmp_path):
    record_some(enrolled, 1, 1)
    export(enrolled, tmp_path / "b")
    county.store.revoke_station("TS01", "laptop stolen")
    with pytest.raises(BundleError, match="revoked") as refused:
        county_import(county.store, tmp_path / "b", tmp_path / "r")
    assert refused.value.code == "revoked" and "撤销" in refused.value.message_zh
    assert county.store.change_count() == 0 and not (tmp_path / "r").exists()


def test_a_reply_for_another_station_is_refused(enrolled, county, tmp_path):
    from desktop.services import open_services
    from sync.enrollment import enroll
    from tests.conftest import TEST_SETTINGS

    other = open_services(provided(tmp_path / "other"))
    try:
        other.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="TS02", station_name="另一站"))
        code = county.store.add_station("TS02", "另一站", "另一镇", "township")
        enroll(other.station.db, other.key, other.document_key, county.url, code, "TS02", county.fingerprint)
        record_some(other, 1, 1)
        export(other, tmp_path / "TS02.bundle")
        county_import(county.store, tmp_path / "TS02.bundle", tmp_path / "TS02.reply")
    finally:
        other.close()
    record_some(enrolled, 1, 0)
    before = station_counts(enrolled)
    with pytest.raises(BundleError, match="meant for station TS02") as refused:
        import_at_station(enrolled, tmp_path / "TS02.reply")
    assert refused.value.code == "other_station" and "TS02" in refused.value.message_zh
    assert station_counts(enrolled) == before


def test_not_enrolled_and_wrong_kind_of_file_are_refused(services, enrolled, county, tmp_path):
    record_some(enrolled, 1, 0)
    export(enrolled, tmp_path / "b")
    # the station's own bundle is not a reply, a reply is not a station bundle, a text file is no bundle
    with pytest.raises(BundleError, match="not a county reply") as refused:
        import_at_station(enrolled, tmp_path / "b")
    assert refused.value.code == "wrong_kind"
    county_import(county.store, tmp_path / "b", tmp_path / "r")
    with pytest.raises(BundleError, match="county reply for station TS01") as refused:
        county_import(county.store, tmp_path / "r", tmp_path / "r2")
    assert refused.value.code == "wrong_kind"
    (tmp_path / "notes.txt").write_text("会议记录", encoding="utf-8")
    with pytest.raises(BundleError, match="not a sync bundle") as refused:
        county_import(county.store, tmp_path / "notes.txt", tmp_path / "r2")
    assert refused.value.code == "not_a_bundle"
    # a station the county never enrolled
    from desktop.services import open_services
    from tests.conftest import TEST_SETTINGS

    stranger = open_services(provided(tmp_path / "stranger"))
    try:
        stranger.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="TS09"))
        with pytest.raises(BundleError) as refused:
            export(stranger, tmp_path / "s")
        assert refused.value.code == "not_enrolled" and "注册" in refused.value.message_zh
        with pytest.raises(BundleError) as refused:
            import_at_station(stranger, tmp_path / "r")
        assert refused.value.code == "not_enrolled"
    finally:
        stranger.close()


def test_bundles_and_network_sync_mix(enrolled, county, tmp_path):
    first = record_some(enrolled, 2, 1)
    assert engine(enrolled).sync_round().complete  # part by the network
    record_some(enrolled, 2, 2)
    by_bundle = export(enrolled, tmp_path / "b").changes  # the rest by bundle
    assert by_bundle == pending_count(enrolled.station.db) > 0
    number = next(s.number for s in first if s.number)
    county.store.decide("accept", number, {})
    imported = county_import(county.store, tmp_path / "b", tmp_path / "r")
    assert imported.accepted == imported.changes == by_bundle and imported.events == 1
    # those, and a new one, also go over the network before the reply comes back
    record_some(enrolled, 0, 1)
    new = pending_count(enrolled.station.db) - by_bundle
    net = engine(enrolled).sync_round()
    assert net.complete and net.duplicates == by_bundle and net.accepted == new > 0 and net.events == 1
    county.store.decide("grant", number, {})
    # the (now stale) reply changes nothing that is not already there
    state = station_counts(enrolled)
    late = import_at_station(enrolled, tmp_path / "r")
    assert late.events == 0 and late.accepted + late.duplicates == 0 and station_counts(enrolled) == state
    # then the network again: the grant, nothing doubled, both sides equal
    final = engine(enrolled).sync_round()
    assert final.complete and final.pushed == 0 and final.events == 1
    assert_same_data(enrolled, county)
    assert county.store.change_count() == len(outbox(enrolled))
    events = enrolled.station.db.execute("SELECT seq FROM county_events ORDER BY seq").fetchall()
    assert [e[0] for e in events] == [1, 2]
    app = next(s for s in first if s.number)
    assert enrolled.station.store.get("application", app.id).status == "granted"


def test_a_reply_after_network_pulls_keeps_the_cursor(enrolled, county, tmp_path):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    export(enrolled, tmp_path / "b")
    county_import(county.store, tmp_path / "b", tmp_path / "r")
    county.store.decide("accept", saved.number, {})
    assert engine(enrolled).sync_round().events == 1  # cursor 1 by the network
    county.store.decide("grant", saved.number, {})
    import_at_station(enrolled, tmp_path / "r")  # an older reply (cursor 0)
    assert get_state(enrolled.station.db, "events_cursor") == "1"
    assert engine(enrolled).sync_round().events == 1
    assert enrolled.station.store.get("application", saved.id).status == "granted"


def test_bundle_cli_exit_codes(enrolled, county, tmp_path, capsys):
    from desktop.__main__ import main as desktop_main

    saved = enrolled.station.store.save("application", application(), user="李芳")
    data_dir, county_dir = str(enrolled.station.data_dir), str(county.data_dir)
    bundle, reply = str(tmp_path / "usb" / "TS01.bundle"), str(tmp_path / "usb" / "TS01.reply")
    assert desktop_main(["export-bundle", bundle, "--data-dir", data_dir]) == 0
    assert f"已导出 {len(outbox(enrolled))} 条" in capsys.readouterr().out
    assert server_cli(["import-bundle", bundle, "--reply", reply, "--data-dir", county_dir]) == 0
    out = capsys.readouterr().out
    n = len(outbox(enrolled))
    assert f"{n} 条变更（新收 {n} 条" in out and reply in out
    county.store.decide("accept", saved.number, {})
    assert server_cli(["import-bundle", bundle, "--reply", reply, "--data-dir", county_dir]) == 0
    assert f"新收 0 条，已有 {n} 条" in capsys.readouterr().out
    assert desktop_main(["import-bundle", reply, "--data-dir", data_dir]) == 0
    assert "收到县中心决定 1 条" in capsys.readouterr().out
    assert enrolled.station.store.get("application", saved.id).status == "accepted"
    # refusals: exit 1 with the reason
    assert desktop_main(["import-bundle", bundle, "--data-dir", data_dir]) == 1
    assert "不是县中心的回复包" in capsys.readouterr().err
    assert server_cli(["import-bundle", reply, "--reply", str(tmp_path / "x"), "--data-dir", county_dir]) == 1
    assert "county reply" in capsys.readouterr().err
    assert server_cli(["import-bundle", str(tmp_path / "missing"), "--reply", str(tmp_path / "x"),
                       "--data-dir", county_dir]) == 1
    assert "cannot read" in capsys.readouterr().err
    server_cli(["station", "revoke", "TS01", "--data-dir", county_dir])
    capsys.readouterr()
    assert server_cli(["import-bundle", bundle, "--reply", str(tmp_path / "x"), "--data-dir", county_dir]) == 1
    assert "revoked" in capsys.readouterr().err
    # a county not initialised yet
    assert server_cli(["import-bundle", bundle, "--reply", str(tmp_path / "x"), "--data-dir",
                       str(tmp_path / "empty-county")]) == 2
    # a station not enrolled: exit 2
    from desktop.services import open_services
    from tests.conftest import TEST_SETTINGS

    stranger = open_services(provided(tmp_path / "stranger"))
    stranger.station.update_settings(dataclasses.replace(TEST_SETTINGS, station_code="TS09"))
    stranger.close()
    capsys.readouterr()
    assert desktop_main(["export-bundle", str(tmp_path / "s"), "--data-dir", str(tmp_path / "stranger")]) == 2
    assert "尚未在县中心注册" in capsys.readouterr().err
    assert desktop_main(["import-bundle", reply, "--data-dir", str(tmp_path / "stranger")]) == 2


def test_an_empty_bundle_still_fetches_the_decisions(enrolled, county, tmp_path):
    saved = enrolled.station.store.save("application", application(), user="李芳")
    assert engine(enrolled).sync_round().complete
    county.store.decide("accept", saved.number, {})
    assert export(enrolled, tmp_path / "b").changes == 0
    imported = county_import(county.store, tmp_path / "b", tmp_path / "r")
    assert imported.changes == 0 and imported.events == 1
    assert import_at_station(enrolled, tmp_path / "r").events == 1
    assert enrolled.station.store.get("application", saved.id).status == "accepted"
    assert engine(enrolled).sync_round().events == 0


def test_a_bundle_for_another_county_is_refused(enrolled, county, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from sync.bundle_file import write_bundle
    from sync.protocol import decode_json_gzip
    from sync.sealed import raw_public

    record_some(enrolled, 1, 0)
    export(enrolled, tmp_path / "b")
    bundle = BundleFile(tmp_path / "b")
    bundle.unseal(county.store.key())  # what the station wrote, in clear, to write it again otherwise
    parts = {n: bundle.part(n) for n in bundle.manifest["files"] if n.startswith("parts/")}
    assert decode_json_gzip(parts["parts/0001.json.gz"])["station"] == "TS01"
    manifest = {k: v for k, v in bundle.manifest.items() if k not in ("files", "sealing")}
    another_county = raw_public(X25519PrivateKey.generate())
    for name, changed, recipient in (("other_id", {"county_key_id": "0" * 64}, county.store.key().agreement_public_key),
                                     ("other_key", {}, another_county)):  # named for this county, sealed to another
        write_bundle(tmp_path / name, dict(manifest, **changed), parts, enrolled.key.sign,  # signed by the station
                     recipient=recipient)
        with pytest.raises(BundleError, match="another county") as refused:
            county_import(county.store, tmp_path / name, tmp_path / "r")
        assert refused.value.code == "other_county" and "另一个县中心" in refused.value.message_zh, refused.value.message_zh
    assert county.store.change_count() == 0


def test_bundle_code_imports_without_qt():
    result = run_without_qt("import sync.bundle, sync.server.__main__, desktop.sync_cli\nprint('ok')\n")
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------------------------------- attachment files

def export_with_files(services, path):
    return export_bundle(services.station.db, services.key, services.station.settings.station_code, path,
                         vault=services.vault)


def test_attachment_files_travel_in_the_bundle_and_come_back_confirmed(enrolled, county, tmp_path):

    from sync.uploads import waiting_summary
    from sync_tests.test_attachment_upload import attach, county_file, county_hash

    a = attach(enrolled, tmp_path, 200_000, 21)
    b = attach(enrolled, tmp_path, 30_000, 22, name="photo.png")
    voided = attach(enrolled, tmp_path, 10_000, 23)
    enrolled.attachments.void(voided.id, "重复上传", user="李芳")
    progress = []
    result = export_bundle(enrolled.station.db, enrolled.key, "TS01",
                           tmp_path / "usb" / "TS01.bundle", vault=enrolled.vault,
                           progress=lambda d, t: progress.append((d, t)))
    assert (result.files, result.file_bytes, result.damaged) == (2, 230_000, [])
    assert progress[-1] == (230_000, 230_000)
    assert waiting_summary(enrolled.station.db) == (2, 230_000)  # nothing marked until the reply comes back
    imported = county_import(county.store, tmp_path / "usb" / "TS01.bundle", tmp_path / "usb" / "reply.bundle")
    assert imported.files == 2 and not imported.rejected
    for att in (a, b):
        assert county_hash(county, att.sha256) == att.sha256
    assert not county_file(county, voided.sha256).exists()
    again = county_import(county.store, tmp_path / "usb" / "TS01.bundle", tmp_path / "usb" / "reply2.bundle")
    assert again.files == 2 and again.accepted == 0  # idempotent: the same files, held once
    back = import_at_station(enrolled, tmp_path / "usb" / "reply.bundle")
    assert back.files_sent == 2 and back.files_pending == 0 and back.pending == 0
    assert waiting_summary(enrolled.station.db) == (0, 0)
    assert export_with_files(enrolled, tmp_path / "usb" / "next.bundle").files == 0


def test_a_changed_byte_in_a_carried_file_refuses_the_whole_bundle(enrolled, county, tmp_path):
    from sync_tests.test_attachment_upload import attach

    attach(enrolled, tmp_path, 100_000, 24)
    path = tmp_path / "TS01.bundle"
    export_with_files(enrolled, path)
    data = bytearray(path.read_bytes())
    data[50_000] ^= 1  # inside the file member (the parts and manifest are small)
    path.write_bytes(bytes(data))
    before = county_counts(county)
    with pytest.raises(BundleError) as refused:
        county_import(county.store, path, tmp_path / "reply.bundle")
    assert refused.value.code == "tampered" and "拒绝导入" in refused.value.message_zh
    assert county_counts(county) == before
    assert not any((county.data_dir / "files").rglob("*")) if (county.data_dir / "files").exists() else True


def test_a_damaged_vault_file_is_left_out_of_the_bundle(enrolled, county, tmp_path):
    import os

    from sync_tests.test_attachment_upload import attach

    good = attach(enrolled, tmp_path, 20_000, 25)
    bad = attach(enrolled, tmp_path, 20_000, 26)
    path = enrolled.vault.path_for(bad.sha256)
    os.chmod(path, 0o644)
    path.write_bytes(b"%PDF-" + b"0" * 19_995)
    result = export_with_files(enrolled, tmp_path / "TS01.bundle")
    assert result.files == 1 and result.damaged == [bad.sha256]
    imported = county_import(county.store, tmp_path / "TS01.bundle", tmp_path / "reply.bundle")
    assert imported.files == 1
    back = import_at_station(enrolled, tmp_path / "reply.bundle")
    assert back.files_pending == 1  # the damaged one still waits (and verify-all shows it)
    assert good.sha256 not in [f for f in result.damaged]


def test_a_file_half_uploaded_over_the_network_is_completed_by_a_bundle(enrolled, county, tmp_path):
    from sync.uploads import waiting_summary
    from sync_tests.test_attachment_upload import CHUNK, attach, county_file
    from sync_tests.test_attachment_upload import engine as file_engine

    att = attach(enrolled, tmp_path, 8 * CHUNK, 27)
    calls = []
    cut = file_engine(enrolled).sync_round(progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) > 3)
    assert cut.cancelled and not county_file(county, att.sha256).exists()
    export_with_files(enrolled, tmp_path / "TS01.bundle")
    assert county_import(county.store, tmp_path / "TS01.bundle", tmp_path / "reply.bundle").files == 1
    import_at_station(enrolled, tmp_path / "reply.bundle")
    assert waiting_summary(enrolled.station.db) == (0, 0)
    assert file_engine(enrolled).sync_round().complete  # the network has nothing left to send
    assert [p for p in (county.data_dir / "uploads").rglob("*") if p.is_file()] == []  # the partial is gone


def test_the_reply_bundle_brings_the_county_reference_data(enrolled, county, tmp_path):
    from sync.reference import load_reference

    csv = tmp_path / "roster.csv"
    csv.write_text("编号,姓名,类别,执业机构,执业年限,熟悉未成年人案件,电话\n"
                   "L001,王律师,律师,某某律师事务所,5,是,13800138000\n", encoding="utf-8")
    assert server_cli(["roster", "import", str(csv), "--data-dir", str(county.data_dir)]) == 0
    export(enrolled, tmp_path / "b")
    county_import(county.store, tmp_path / "b", tmp_path / "r")
    import_at_station(enrolled, tmp_path / "r")
    assert [lawyer.name for lawyer in load_reference(enrolled.station.db).lawyers] == ["王律师"]


def test_a_usb_station_gets_the_issued_documents_in_the_reply(enrolled, county, tmp_path):
    from forms.signing import verify_pdf

    saved = enrolled.station.store.save("application", application(), user="李明")
    usb = tmp_path / "usb"
    export(enrolled, usb / "TS01.bundle")
    county_import(county.store, usb / "TS01.bundle", usb / "TS01.reply")
    county.store.decide("accept", saved.number, {})
    grant = county.store.decide("grant", saved.number, {})
    county_import(county.store, usb / "TS01.bundle", usb / "TS01.reply")
    result = import_reply(enrolled.station.db, enrolled.key, "TS01", usb / "TS01.reply",
                          vault=enrolled.vault)
    assert result.documents == 1
    sha256 = grant["data"]["documents"][0]["sha256"]
    assert enrolled.station.db.execute("SELECT form FROM county_documents WHERE sha256 = ?", (sha256,)).fetchone() == \
        ("grant_decision",)
    pdf = enrolled.vault.read_bytes(sha256)
    assert verify_pdf(pdf, roots=[county.store.county_key.root()]).ok
